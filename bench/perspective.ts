import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from '@playwright/test';
import { ask, openAndLoad, type ViewConfig } from './perspective-page';
import { launchBrowser } from './browser';
import { ensureDump, type Dump } from './generate';
import { countsDiffer, nativeCounts, type GroupCounts } from './peer-counts';
import { planFor, type Format, type Measures, type Plan } from './plan';
import { peakRssMiB, rendererPids } from './process-memory';
import { startStaticServer, type StaticServer } from '../tests/helpers/static-server';

/**
 * The browser peer: Perspective (@finos/perspective, a WebAssembly engine for interactive tables
 * in the page) in the same headless Chromium, on the same files: the CSV as it is, and the
 * Parquet decoded to Arrow by parquet-wasm (Perspective reads no Parquet; the app decodes the same
 * way). It answers what it can of the bench's questions: rows, right answers and accuracy per
 * model (the overview), and per model x feature (the slice table's counts and accuracy).
 * Perspective has no Wilson interval, gap to the rest, p or q, and none is computed for it here.
 */
const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const PACKAGE = join(ROOT, 'node_modules', '@finos', 'perspective');

export const QUESTIONS: { measure: string; features: string[] }[] = [
  { measure: 'overview', features: [] },
  { measure: 'slice table, 1 feature', features: ['region'] },
  { measure: 'slice table, 2 features', features: ['region', 'lang'] },
];

/** Perspective's version, or undefined where the package is not installed. */
export function perspectiveVersion(): string | undefined {
  try {
    const text = readFileSync(join(PACKAGE, 'package.json'), 'utf8');
    return (JSON.parse(text) as { version: string }).version;
  } catch {
    return undefined;
  }
}

/**
 * The page and everything it loads (Perspective's module, its two wasm files, parquet-wasm) come
 * from one static server of the bench's own on localhost, serving this repository; its log is the
 * peer's request log.
 */
export async function startPerspectivePage(): Promise<StaticServer & { page: string }> {
  const server = await startStaticServer(ROOT);
  return { ...server, page: `${server.origin}/bench/perspective.html` };
}

/**
 * Perspective's view of rows and right answers per model and `features`: one expression column
 * (1 where the prediction is right) summed, and the label counted. Perspective's own mean of a
 * second copy of that column gives the accuracy too, but cost 1.5-1.8x the time at 1M (each
 * expression column is evaluated over every row); the page divides instead (`askInPage`).
 */
export function countsView(features: string[]): ViewConfig {
  return {
    group_by: ['model', ...features],
    columns: ['label', 'successes'],
    expressions: { successes: 'if ("label" == "prediction") 1; else 0;' },
    aggregates: { label: 'count', successes: 'sum' },
  };
}

/** The view's groups at the depth asked (Perspective also returns the total and each parent). */
export function groupsOf(columns: Record<string, unknown[]>, depth: number): GroupCounts[] {
  const paths = columns.__ROW_PATH__ as unknown[][];
  return paths.flatMap((path, i) =>
    path.length === depth
      ? [
          {
            key: path.join('|'),
            n: Number(columns.label[i]),
            successes: Number(columns.successes[i]),
          },
        ]
      : [],
  );
}

type PeerMeasures = Measures & { answers: Record<string, GroupCounts[]> };

/**
 * Loads each file (a fresh context per run, as the app's runs), then asks the questions of the
 * table loaded last (the Parquet's); each answer is checked against native DuckDB's counts on the
 * same file, and its times are kept only where they agree.
 */
export async function benchPerspective(
  browser: Browser,
  server: StaticServer & { page: string },
  dump: Dump,
  plan: Plan,
  log: (line: string) => void,
): Promise<PeerMeasures> {
  const measures: PeerMeasures = { values: {}, notes: [], answers: {} };
  const add = (key: string, ms: number) => (measures.values[key] ??= []).push(ms);
  const outside: string[] = [];
  const before = new Set(rendererPids());
  let peakRss = 0;
  const formats: Format[] = ['csv', 'parquet'];
  for (const format of formats) {
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
      const context = await browser.newContext();
      context.on('request', (r) => {
        if (!r.url().startsWith(`${server.origin}/`) && !/^(blob|data):/.test(r.url()))
          outside.push(r.url());
      });
      try {
        const tab = await context.newPage();
        const load = await openAndLoad(tab, server.page, dump[format], format, plan.timeoutMs);
        if (load.rows !== dump.rows) throw new Error(`${load.rows} rows loaded of ${dump.rows}`);
        const warm = run < plan.warmup ? ' (warm-up)' : '';
        log(
          `  perspective ${format} run ${run + 1}${warm}: ready ${load.readyMs.toFixed(0)} ms, load ${load.ms.toFixed(0)} ms`,
        );
        if (!warm) {
          add('ready', load.readyMs);
          add(`load ${format}`, load.ms);
          if (format === 'parquet') add('load parquet: decode (parquet-wasm)', load.decodeMs);
        }
        if (format === 'parquet' && run === plan.warmup + plan.runs - 1)
          await askAll(tab, dump, plan, measures, log);
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        measures.notes.push(`Perspective failed on the ${format} file: ${why}`);
        break;
      } finally {
        const ours = rendererPids().filter((pid) => !before.has(pid));
        peakRss = Math.max(peakRss, ...ours.map(peakRssMiB));
        await context.close();
      }
    }
  }
  measures.notes.push(
    `Perspective ${perspectiveVersion()}: rows, right answers and accuracy per model and slice ` +
      '(no interval, gap, p or q); CSV read by Perspective, Parquet decoded to Arrow by parquet-wasm',
    `Perspective page: requests to other origins ${outside.length}; served by the bench ` +
      `(status, path): ${[...new Set(server.log.map((r) => `${r.status} ${r.path}`))].join(', ')}`,
    `Perspective renderer peak RSS ${peakRss.toFixed(0)} MiB`,
  );
  return measures;
}

/** The questions on the loaded table, timed in the page, then checked against native DuckDB. */
async function askAll(
  tab: Page,
  dump: Dump,
  plan: Plan,
  measures: PeerMeasures,
  log: (line: string) => void,
): Promise<void> {
  for (const { measure, features } of QUESTIONS) {
    const repeats = measure === 'overview' ? plan.runs * plan.toggles : plan.runs;
    let columns: Record<string, unknown[]> = {};
    const times: number[] = [];
    for (let i = 0; i < plan.warmup + repeats; i++) {
      const answer = await ask(tab, countsView(features), plan.timeoutMs);
      if (i >= plan.warmup) times.push(answer.ms);
      columns = answer.columns;
    }
    const groups = groupsOf(columns, 1 + features.length);
    measures.answers[measure] = groups;
    const differs = countsDiffer(groups, await nativeCounts(dump.parquet, features));
    const verdict = differs
      ? `left out: its counts differ from native DuckDB's (${differs})`
      : `counts of ${groups.length} groups equal native DuckDB's`;
    log(`  perspective ${measure}: ${verdict}`);
    measures.notes.push(`Perspective's ${measure}: ${verdict}`);
    if (!differs) measures.values[measure] = times;
  }
}

// `npx tsx bench/perspective.ts <rows> [folder]`: the peer alone on the dump of that size in
// bench/data (or `folder`: e.g. another worktree's, read only when both files are there).
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 100_000);
  const dump = await ensureDump(process.argv[3] ?? join(BENCH, 'data'), rows, console.error);
  const server = await startPerspectivePage();
  const browser = await launchBrowser();
  try {
    const { answers: _, ...measures } = await benchPerspective(
      browser,
      server,
      dump,
      planFor(rows, false),
      console.error,
    );
    console.log(JSON.stringify(measures));
  } finally {
    await browser.close();
    await server.close();
  }
}
