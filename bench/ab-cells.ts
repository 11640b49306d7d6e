import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ANALYSES, PANEL_ANALYSES } from './analyses';
import { browserRun, launchBrowser } from './browser';
import { record, type Measures } from './plan';
import { startPreview } from './server';
import { dumpNamed, printSideBySide } from './side-by-side';

/**
 * Two builds side by side on analysis cells, run by run (the order alternating), each run a fresh
 * browser context that loads the Parquet dump and times the cells as `npm run bench` does:
 *
 *   npx tsx bench/ab-cells.ts <before dist> <after dist> <rows | panel> [runs=3] [measure prefix]
 *
 * `panel` is the model panel (5 models x 1M examples: leaderboard, agreement); a number of rows
 * takes the slice analyses of the dump that size, those whose measure starts with the prefix
 * (e.g. "target mix"). Prints the median (min-max) of each measure for both, after / before, and
 * the load average (1 min) seen at each run.
 */
const [before, after, size = 'panel', runsArg = '3', prefix = ''] = process.argv.slice(2);
if (!before || !after) {
  console.error(
    'usage: npx tsx bench/ab-cells.ts <before dist> <after dist> <rows | panel> [runs] [measure prefix]',
  );
  process.exit(2);
}
// The harness's own question list: only the analyses asked for (browserRun reads these lists).
for (const list of [ANALYSES, PANEL_ANALYSES]) {
  const kept = list.filter((q) => q.measure.startsWith(prefix));
  list.splice(0, list.length, ...kept);
}
const root = join(import.meta.dirname, '..');
const dump = await dumpNamed(size);
const servers = [await startPreview(root, before), await startPreview(root, after)];
const browser = await launchBrowser();
const plan = { warmup: 0, runs: 1, toggles: 0, analysisRuns: 3, timeoutMs: 600_000 };
const measures: Measures[] = [
  { values: {}, notes: [] },
  { values: {}, notes: [] },
];
const load: number[] = [];
try {
  for (let run = 0; run <= Number(runsArg); run++) {
    for (const which of run % 2 ? [1, 0] : [0, 1]) {
      load.push(loadavg()[0]);
      const result = await browserRun(browser, servers[which].url, dump, 'parquet', plan);
      if (result.error) throw new Error(`${which ? 'after' : 'before'}: ${result.error}`);
      for (const note of result.notes ?? []) console.log(`  note: ${note}`);
      const cells = Object.entries(result.repeated)
        .filter(([key]) => !key.startsWith('overview'))
        .map(([key, ms]) => `${key} ${ms.map((x) => x.toFixed(0)).join('/')} ms`);
      console.log(
        `run ${run}${run === 0 ? ' (warm-up)' : ''} ${which ? 'after ' : 'before'} (load ${load[load.length - 1].toFixed(1)}): ${cells.join('; ')}`,
      );
      if (run > 0) record(measures[which], result);
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.stop());
}
printSideBySide(measures, (key) => !key.startsWith('overview'));
console.log(
  `load average (1 min): ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
);
process.exit(0);
