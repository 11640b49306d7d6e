import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import * as aq from 'arquero';
import { readParquet } from 'parquet-wasm/node';
import { wilsonInterval } from '../src/lib/stats/wilson';
import type { Dump } from './generate';
import { timed, type Measures, type Plan } from './plan';

/**
 * What a JavaScript analyst would write with Arquero, on the same files and question: load the
 * dump (Parquet decoded by parquet-wasm, as the app does, then `fromArrow`; CSV with `fromCSV`),
 * then the overview (accuracy per model with n and a Wilson interval) as a groupby/rollup.
 * Runs in its own Node process (see run.ts) so its heap does not disturb the other figures.
 */
type Table = ReturnType<typeof aq.table>;

async function loadParquet(path: string): Promise<Table> {
  return aq.fromArrow(readParquet(await readFile(path)).intoIPCStream());
}

async function loadCsv(path: string): Promise<Table> {
  return aq.fromCSV(await readFile(path, 'utf8'));
}

function overview(table: Table) {
  return table
    .groupby('model')
    .rollup({
      n: aq.op.valid('label'),
      successes: (d: Record<string, unknown>) => aq.op.sum(d.label === d.prediction ? 1 : 0),
    })
    .orderby('model')
    .objects()
    .map((row) => {
      const { model, n, successes } = row as { model: string; n: number; successes: number };
      return { model, n, accuracy: successes / n, interval: wilsonInterval(successes, n) };
    });
}

/**
 * The slice table question: accuracy per model and slice, with n, a Wilson interval, and the gap
 * to the rest of that model's rows.
 */
export function sliceTable(table: Table, features: string[]) {
  const counts = {
    n: aq.op.valid('label'),
    successes: (d: Record<string, unknown>) => aq.op.sum(d.label === d.prediction ? 1 : 0),
  };
  const totals = new Map(
    table
      .groupby('model')
      .rollup(counts)
      .objects()
      .map((r) => [(r as { model: string }).model, r as { n: number; successes: number }]),
  );
  return table
    .groupby('model', ...features)
    .rollup(counts)
    .objects()
    .map((row) => {
      const { model, n, successes } = row as { model: string; n: number; successes: number };
      const total = totals.get(model)!;
      const accuracy = successes / n;
      const rest = (total.successes - successes) / (total.n - n);
      return { ...row, accuracy, interval: wilsonInterval(successes, n), gap: accuracy - rest };
    });
}

/** fromCSV is slow past this (a minute per 5M rows): the full run has a time budget too. */
const CSV_UP_TO = 1_000_000;

const SLICE_QUESTIONS: [string, string[]][] = [
  ['slice table, 1 feature', ['region']],
  ['slice table, 2 features', ['region', 'lang']],
];

export async function benchArquero(
  dump: Dump,
  plan: Plan,
  log: (line: string) => void,
): Promise<Measures> {
  const measures: Measures = { values: {}, notes: [] };
  const add = (key: string, value: number) => (measures.values[key] ??= []).push(value);
  let loaded: Table | undefined;
  for (const format of ['parquet', 'csv'] as const) {
    if (format === 'csv' && dump.rows > CSV_UP_TO) {
      measures.notes.push(
        `Arquero CSV skipped above ${CSV_UP_TO / 1e6}M rows (51 s a load at 5M in the run of 2026-11-29)`,
      );
      continue;
    }
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
      let load;
      try {
        load = await timed(() =>
          format === 'parquet' ? loadParquet(dump.parquet) : loadCsv(dump.csv),
        );
      } catch (e) {
        measures.notes.push(
          `Arquero could not load the ${format} file: ${e instanceof Error ? e.message : e}`,
        );
        break;
      }
      log(
        `  arquero ${format} run ${run + 1}${run < plan.warmup ? ' (warm-up)' : ''}: load ${load.ms.toFixed(0)} ms`,
      );
      if (run >= plan.warmup) add(`load ${format}`, load.ms);
      loaded = format === 'parquet' ? load.value : (loaded ?? load.value);
    }
  }
  if (!loaded) return measures;
  for (let i = 0; i < plan.warmup + plan.runs * plan.toggles; i++) {
    const { ms } = await timed(async () => overview(loaded));
    if (i >= plan.warmup) add('overview', ms);
  }
  for (const [measure, features] of SLICE_QUESTIONS) {
    for (let i = 0; i < plan.warmup + plan.runs; i++) {
      const { ms } = await timed(async () => sliceTable(loaded, features));
      if (i >= plan.warmup) add(measure, ms);
    }
  }
  measures.notes.push(`Arquero peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  return measures;
}

// Run as a child process by run.ts: arguments are the dump and the plan as JSON; the result is
// the last line of stdout, progress goes to stderr.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [dump, plan] = process.argv.slice(2).map((a) => JSON.parse(a));
  const measures = await benchArquero(dump, plan, (line) => console.error(line));
  console.log(JSON.stringify(measures));
}
