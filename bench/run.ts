import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from '@playwright/test';
import { browserRun, launchBrowser } from './browser';
import { dumpLabel, ensureDump, type Dump } from './generate';
import { nativeRun, nativeThreads } from './native';
import { benchPerspective, perspectiveVersion, startPerspectivePage } from './perspective';
import { planFor, record, type Measures, type Plan, type RunResult } from './plan';
import { pythonPeers } from './python-peers';
import {
  budgetsMarkdown,
  checkBudgets,
  resultsMarkdown,
  updateReadme,
  writeFormatted,
  type SizeResult,
} from './report';
import { ensureBuild, startPreview } from './server';
import type { StaticServer } from '../tests/helpers/static-server';

/**
 * `npm run bench [-- --quick | --huge]`: generates the dumps, then for each size measures the app
 * in headless Chromium and the same questions on native DuckDB, Arquero, pandas, polars and
 * Perspective (in the same Chromium), and writes
 * bench/results/<date>.json and the table in bench/README.md. See bench/README.md.
 */
const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const DATA = join(BENCH, 'data');
const quick = process.argv.includes('--quick');
const huge = process.argv.includes('--huge');
/** `--panel`: only the model panel (five models on the same examples: leaderboard, agreement). */
const panelOnly = process.argv.includes('--panel');
/** Examples of the model panel (five models on each): 1M, or 20k with --quick. */
const PANEL_EXAMPLES = quick ? 20_000 : 1_000_000;
/** `--rows=1000000,5000000`: only these sizes (a full run that must fit a time budget). */
const only = process.argv.find((a) => a.startsWith('--rows='))?.slice('--rows='.length);
const SIZES = panelOnly
  ? []
  : only
    ? only.split(',').map(Number)
    : quick
      ? [100_000]
      : [100_000, 1_000_000, 5_000_000, ...(huge ? [10_000_000] : [])];
const ARQUERO_BYTES_PER_ROW = (2.5 * 2 ** 30) / 1e6;
/** Perspective's renderer peaked at 2.4-2.6 GiB at 1M (its table, the Arrow, the file's bytes). */
const PERSPECTIVE_BYTES_PER_ROW = (2.6 * 2 ** 30) / 1e6;
const started = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** The competitor running in a child process, stopped with us on Ctrl-C. */
let running: ChildProcess | undefined;

/** Runs a competitor in its own process; its last line of stdout is its Measures as JSON. */
function child(command: string, args: string[], who: string): Promise<Measures> {
  return new Promise((resolve) => {
    const proc = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    running = proc;
    let out = '';
    let err = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => {
      err += d;
      String(d)
        .split('\n')
        .filter((l: string) => l.startsWith('  '))
        .forEach((l: string) => log(l.trim()));
    });
    proc.on('close', (code) => {
      running = undefined;
      try {
        resolve(JSON.parse(out.trim().split('\n').pop() ?? ''));
      } catch {
        const why = err.trim().split('\n').slice(-3).join(' ');
        resolve({ values: {}, notes: [`${who} failed (exit ${code}): ${why.slice(0, 300)}`] });
      }
    });
  });
}

/** Cores busy over the next second (all processes, ours included), from /proc/stat. */
async function busyCores(): Promise<number> {
  const sample = () => {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { idle: fields[3] + fields[4], total: fields.reduce((a, b) => a + b, 0) };
  };
  const before = sample();
  await new Promise((r) => setTimeout(r, 1000));
  const after = sample();
  return cpus().length * (1 - (after.idle - before.idle) / (after.total - before.total));
}

/**
 * The machine is shared: before each size, wait (up to a minute) until others use less than half
 * a core, so their builds and tests skew the figures less. Returns the cores busy when it started.
 */
async function quietMachine(): Promise<number> {
  let busy = await busyCores();
  if (quick) return busy;
  for (let waited = 0; busy >= 0.5 && waited < 60; waited += 5) {
    if (waited === 0) log(`waiting for the machine to quiet down (${busy.toFixed(1)} cores busy)`);
    await new Promise((r) => setTimeout(r, 4000));
    busy = await busyCores();
  }
  return busy;
}

/**
 * The browser and native DuckDB take turns, run by run, so that whatever else the machine does
 * falls on both alike and their ratio stays fair.
 */
async function browserAndNative(
  dump: Dump,
  plan: Plan,
  url: string,
  browser: Browser,
  formats: readonly ('parquet' | 'csv')[],
): Promise<[Measures, Measures]> {
  const [inBrowser, native]: Measures[] = [
    { values: {}, notes: [] },
    {
      values: {},
      notes: [
        `native DuckDB ran with ${await nativeThreads()} threads (the browser's wasm build runs one)`,
      ],
    },
  ];
  for (const format of formats) {
    for (let run = 0; run < plan.warmup + plan.runs; run++) {
      const b = await browserRun(browser, url, dump, format, plan);
      const n = await nativeRun(dump, format, plan);
      const ms = (r: RunResult, key: string) => `${r.values[key]?.toFixed(0)} ms`;
      const shown = (r: RunResult) =>
        r.error
          ? `failed: ${r.error}`
          : `load ${ms(r, `load ${format}`)}, overview shown at ${ms(r, `load ${format} to overview`)}`;
      log(
        `  ${format} run ${run + 1}${run < plan.warmup ? ' (warm-up)' : ''}: browser ready ${ms(b, 'ready')}, ${shown(b)}; native ${shown(n)}`,
      );
      if (b.error) {
        inBrowser.notes.push(`browser, ${format}: ${b.error}`);
        break;
      }
      for (const note of b.notes ?? [])
        if (!inBrowser.notes.includes(note)) inBrowser.notes.push(note);
      for (const note of n.notes ?? []) if (!native.notes.includes(note)) native.notes.push(note);
      if (run < plan.warmup) continue;
      record(inBrowser, b);
      record(native, n);
    }
  }
  return [inBrowser, native];
}

/** Perspective's page, served by the bench; or why Perspective is skipped. */
type PerspectivePage = (StaticServer & { page: string }) | { skipped: string };

async function benchSize(
  dump: Dump,
  plan: Plan,
  url: string,
  browser: Browser,
  perspective: PerspectivePage,
): Promise<SizeResult> {
  const mib = (path: string) => statSync(path).size / 2 ** 20;
  const busy = await quietMachine();
  const result: SizeResult = {
    rows: dump.rows,
    label: dumpLabel(dump),
    panel: dump.panel,
    csvMiB: mib(dump.csv),
    parquetMiB: mib(dump.parquet),
    busyCoresAtStart: busy,
    loadAverage: [loadavg()[0]],
    measures: {},
  };
  log(
    `${dumpLabel(dump)} rows: browser and native DuckDB (${plan.warmup} warm-up + ${plan.runs} runs per format)`,
  );
  [result.measures.browser, result.measures.native] = await browserAndNative(
    dump,
    plan,
    url,
    browser,
    dump.panel ? ['parquet'] : ['parquet', 'csv'],
  );
  // The panel is timed against native DuckDB only: its questions are the app's own cells.
  if (dump.panel) {
    result.loadAverage.push(loadavg()[0]);
    return result;
  }
  const args = [JSON.stringify(dump), JSON.stringify(plan)];
  // Arquero's peak was 2.5 GiB per million rows (12.4 GiB at 5M): past half the machine's memory it
  // would push the machine, shared with others, into swapping or the OOM killer.
  if (dump.rows * ARQUERO_BYTES_PER_ROW > totalmem() * 0.6) {
    result.measures.arquero = {
      values: {},
      notes: [
        `Arquero skipped: it would need about ${((dump.rows * ARQUERO_BYTES_PER_ROW) / 2 ** 30).toFixed(0)} GiB`,
      ],
    };
  } else {
    log(`${dumpLabel(dump)} rows: Arquero`);
    result.measures.arquero = await child(
      process.execPath,
      ['--max-old-space-size=16384', '--import', 'tsx', join(BENCH, 'arquero.ts'), ...args],
      'Arquero',
    );
  }
  const peers = pythonPeers(BENCH, log);
  for (const [who, script] of [
    ['pandas', 'pandas_overview.py'],
    ['polars', 'polars_overview.py'],
  ] as const) {
    if ('skipped' in peers) {
      result.measures[who] = { values: {}, notes: [`${who} skipped: ${peers.skipped}`] };
      log(`${who} skipped: ${peers.skipped}`);
      continue;
    }
    log(`${dumpLabel(dump)} rows: ${who}`);
    result.measures[who] = await child(peers.python, [join(BENCH, script), ...args], who);
  }
  const perspectiveGiB = (dump.rows * PERSPECTIVE_BYTES_PER_ROW) / 2 ** 30;
  if ('skipped' in perspective) {
    result.measures.perspective = {
      values: {},
      notes: [`Perspective skipped: ${perspective.skipped}`],
    };
  } else if (perspectiveGiB * 2 ** 30 > totalmem() * 0.6) {
    // As Arquero's: past 60% of the machine's memory the renderer would push it into swapping.
    result.measures.perspective = {
      values: {},
      notes: [`Perspective skipped: it would need about ${perspectiveGiB.toFixed(0)} GiB`],
    };
  } else {
    log(`${dumpLabel(dump)} rows: Perspective (in the same Chromium)`);
    const { answers: _, ...measures } = await benchPerspective(
      browser,
      perspective,
      dump,
      plan,
      log,
    );
    result.measures.perspective = measures;
  }
  result.loadAverage.push(loadavg()[0]);
  return result;
}

async function main(): Promise<void> {
  const dumps: Dump[] = [];
  for (const rows of SIZES) dumps.push(await ensureDump(DATA, rows, log));
  if (!only || panelOnly) dumps.push(await ensureDump(DATA, 5 * PANEL_EXAMPLES, log, true));
  const outDir = join(DATA, 'dist');
  ensureBuild(ROOT, outDir, log);
  const server = await startPreview(ROOT, outDir);
  log(`serving the build at ${server.url}`);
  const perspective: PerspectivePage = perspectiveVersion()
    ? await startPerspectivePage()
    : { skipped: '@finos/perspective is not installed (npm ci installs the dev dependencies)' };
  const browser = await launchBrowser();
  const chromium = browser.version();
  // Playwright closes the browser on Ctrl-C but keeps the process alive: stop the rest and leave.
  const stop = () => {
    running?.kill();
    server.stop();
    if ('close' in perspective) void perspective.close();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const sizes: SizeResult[] = [];
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
  };
  try {
    for (const dump of dumps) {
      sizes.push(
        await benchSize(dump, planFor(dump.rows, quick), server.url, browser, perspective),
      );
      // Written after each size, so a run stopped in a long size keeps what it measured.
      if (sizes.length < dumps.length) await save(sizes, machine, `${dumpLabel(dump)} done`);
    }
  } finally {
    await browser.close();
    server.stop();
    if ('close' in perspective) void perspective.close();
  }
  await save(sizes, machine);
}

/** Writes results/<date>.json and (not in quick mode) the tables of bench/README.md. */
async function save(sizes: SizeResult[], machine: object, partial?: string): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  const seconds = (performance.now() - started) / 1000;
  const budgets = checkBudgets(sizes);
  const name = `${date}${panelOnly ? '-panel' : quick ? '-quick' : ''}.json`;
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  const mode = panelOnly
    ? 'panel'
    : quick
      ? 'quick'
      : huge
        ? 'huge'
        : only
          ? `rows ${only}`
          : 'full';
  await writeFormatted(
    join(BENCH, 'results', name),
    JSON.stringify({ date, mode, partial, seconds, machine, sizes, budgets }),
  );
  const m = machine as { cpus: number; memoryGiB: number; node: string; chromium: string };
  const tables = `${resultsMarkdown(sizes)}\n\n${budgetsMarkdown(budgets)}`;
  const heading = `Run of ${date} (${panelOnly ? '--panel' : quick ? '--quick' : huge ? '--huge' : only ? `--rows=${only}` : 'full'}${partial ? `, partial: ${partial}` : ''}, ${seconds.toFixed(0)} s; ${m.cpus} cores, ${m.memoryGiB} GiB, Node ${m.node}, Chromium ${m.chromium}); raw figures in [results/${name}](results/${name}).`;
  if (!quick)
    await updateReadme(join(BENCH, 'README.md'), heading, tables, panelOnly ? 'panel' : 'results');
  if (partial) return log(`written so far (${partial}): bench/results/${name}`);
  console.log(`\n${heading}\n\n${tables}\n`);
  log(`done: bench/results/${name}${quick ? '' : ' and bench/README.md'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
