import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchBrowser, launchBrowser } from './browser';
import { ensureDump, sizeLabel, type Dump } from './generate';
import { benchNative } from './native';
import { planFor, type Measures, type Plan } from './plan';
import {
  budgetsMarkdown,
  checkBudgets,
  resultsMarkdown,
  updateReadme,
  type SizeResult,
} from './report';
import { ensureBuild, startPreview } from './server';

/**
 * `npm run bench [-- --quick | --huge]`: generates the dumps, then for each size measures the app
 * in headless Chromium and the same questions on native DuckDB, Arquero and pandas, and writes
 * bench/results/<date>.json and the table in bench/README.md. See bench/README.md.
 */
const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);
const DATA = join(BENCH, 'data');
const quick = process.argv.includes('--quick');
const huge = process.argv.includes('--huge');
const SIZES = quick ? [100_000] : [100_000, 1_000_000, 5_000_000, ...(huge ? [10_000_000] : [])];
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

/** Debian's python3 has pandas where python3-pandas is installed; a pyenv python3 may not. */
function pythonWithPandas(): string | undefined {
  return ['python3', '/usr/bin/python3'].find(
    (py) => spawnSync(py, ['-c', 'import pandas']).status === 0,
  );
}

/**
 * The machine is shared: before each competitor, wait (up to 3 minutes) until the 1-minute load
 * average is below the number of cores, so others' builds and tests skew the figures less.
 */
async function quietMachine(): Promise<void> {
  if (quick) return;
  const limit = cpus().length;
  for (let waited = 0; loadavg()[0] >= limit && waited < 180; waited += 10) {
    if (waited === 0)
      log(`waiting for the machine to quiet down (load average ${loadavg()[0].toFixed(1)})`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
}

async function benchSize(
  dump: Dump,
  plan: Plan,
  browserUrl: string,
  browser: Awaited<ReturnType<typeof launchBrowser>>,
): Promise<SizeResult> {
  const mib = (path: string) => statSync(path).size / 2 ** 20;
  const result: SizeResult = {
    rows: dump.rows,
    csvMiB: mib(dump.csv),
    parquetMiB: mib(dump.parquet),
    loadAverage: [loadavg()[0]],
    measures: {},
  };
  await quietMachine();
  log(
    `${sizeLabel(dump.rows)} rows: browser (${plan.warmup} warm-up + ${plan.runs} runs per format)`,
  );
  result.measures.browser = await benchBrowser(browser, browserUrl, dump, plan, log);
  await quietMachine();
  log(`${sizeLabel(dump.rows)} rows: native DuckDB`);
  result.measures.native = await benchNative(dump, plan, log);
  await quietMachine();
  log(`${sizeLabel(dump.rows)} rows: Arquero`);
  const args = [JSON.stringify(dump), JSON.stringify(plan)];
  result.measures.arquero = await child(
    process.execPath,
    ['--max-old-space-size=16384', '--import', 'tsx', join(BENCH, 'arquero.ts'), ...args],
    'Arquero',
  );
  const python = pythonWithPandas();
  if (python) {
    await quietMachine();
    log(`${sizeLabel(dump.rows)} rows: pandas`);
    result.measures.pandas = await child(
      python,
      [join(BENCH, 'pandas_overview.py'), ...args],
      'pandas',
    );
  } else {
    result.measures.pandas = {
      values: {},
      notes: [
        'pandas skipped: `python3 -c "import pandas"` fails here (Debian: apt-get install python3-pandas)',
      ],
    };
    log('pandas skipped: python3 has no pandas');
  }
  result.loadAverage.push(loadavg()[0]);
  return result;
}

async function main(): Promise<void> {
  const dumps: Dump[] = [];
  for (const rows of SIZES) dumps.push(await ensureDump(DATA, rows, log));
  const outDir = join(DATA, 'dist');
  ensureBuild(ROOT, outDir, log);
  const server = await startPreview(ROOT, outDir);
  log(`serving the build at ${server.url}`);
  const browser = await launchBrowser();
  const chromium = browser.version();
  // Playwright closes the browser on Ctrl-C but keeps the process alive: stop the rest and leave.
  const stop = () => {
    running?.kill();
    server.stop();
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const sizes: SizeResult[] = [];
  try {
    for (const dump of dumps)
      sizes.push(await benchSize(dump, planFor(dump.rows, quick), server.url, browser));
  } finally {
    await browser.close();
    server.stop();
  }
  const date = new Date().toISOString().slice(0, 10);
  const seconds = (performance.now() - started) / 1000;
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    chromium,
  };
  const budgets = checkBudgets(sizes);
  const name = `${date}${quick ? '-quick' : ''}.json`;
  mkdirSync(join(BENCH, 'results'), { recursive: true });
  writeFileSync(
    join(BENCH, 'results', name),
    JSON.stringify(
      { date, mode: quick ? 'quick' : huge ? 'huge' : 'full', seconds, machine, sizes, budgets },
      null,
      2,
    ) + '\n',
  );
  const tables = `${resultsMarkdown(sizes)}\n\n${budgetsMarkdown(budgets)}`;
  const heading = `Run of ${date} (${quick ? '--quick' : huge ? '--huge' : 'full'}, ${seconds.toFixed(0)} s; ${machine.cpus} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, Chromium ${machine.chromium}); raw figures in [results/${name}](results/${name}).`;
  if (!quick) updateReadme(join(BENCH, 'README.md'), heading, tables);
  console.log(`\n${heading}\n\n${tables}\n`);
  log(`done: bench/results/${name}${quick ? '' : ' and bench/README.md'}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
