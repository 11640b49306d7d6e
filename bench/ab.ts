import { join } from 'node:path';
import { browserRun, launchBrowser } from './browser';
import { ensureDump } from './generate';
import { record, type Format, type Measures } from './plan';
import { startPreview } from './server';
import { printSideBySide } from './side-by-side';

/**
 * Two builds side by side, run by run, to keep or drop a change to the app:
 * `tsx bench/ab.ts <before dist> <after dist> [rows=1000000] [runs=5] [parquet|csv]`.
 * Prints the median (min-max) of each measure for both, and after / before.
 */
const [before, after, rowsArg = '1000000', runsArg = '5', formatArg = 'parquet'] =
  process.argv.slice(2);
if (!before || !after) {
  console.error('usage: tsx bench/ab.ts <before dist> <after dist> [rows] [runs] [parquet|csv]');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const dump = await ensureDump(join(root, 'bench', 'data'), Number(rowsArg), console.log);
const format = formatArg as Format;
const servers = [await startPreview(root, before), await startPreview(root, after)];
const browser = await launchBrowser();
const plan = { warmup: 0, runs: 1, toggles: 0, analysisRuns: 0, timeoutMs: 300_000 };
const measures: Measures[] = [
  { values: {}, notes: [] },
  { values: {}, notes: [] },
];
try {
  for (let run = 0; run <= Number(runsArg); run++) {
    for (const which of run % 2 ? [1, 0] : [0, 1]) {
      const result = await browserRun(browser, servers[which].url, dump, format, plan);
      if (result.error) throw new Error(`${which ? 'after' : 'before'}: ${result.error}`);
      console.log(
        `run ${run}${run === 0 ? ' (warm-up)' : ''} ${which ? 'after ' : 'before'}: ready ${result.values.ready.toFixed(0)} ms, load ${result.values[`load ${format}`].toFixed(0)} ms`,
      );
      if (run > 0) record(measures[which], result);
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.stop());
}
printSideBySide(measures);
