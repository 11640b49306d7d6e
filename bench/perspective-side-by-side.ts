import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ANALYSES } from './analyses';
import { browserRun, launchBrowser } from './browser';
import { ensureDump } from './generate';
import { benchPerspective, startPerspectivePage } from './perspective';
import { record, type Measures } from './plan';
import { startPreview } from './server';
import { printSideBySide } from './side-by-side';

/**
 * The app and Perspective side by side, run by run, in one Chromium, for their ratio on a busy
 * machine (where `npm run bench`, which runs each competitor in a block, would see the load
 * change between them):
 *
 *   npx tsx bench/perspective-side-by-side.ts <app dist> [rows=1000000] [runs=3] [data folder]
 *
 * Each run: the app loads the Parquet (then the overview 5 times and the two slice tables 3
 * times) and the CSV, each in a fresh context; then Perspective loads both files and answers the
 * same questions (bench/perspective.ts). Run 0 warms up. Prints each measure's median (min-max)
 * for the app and Perspective, Perspective / app, and the load average seen at each run.
 */
const [dist, rowsArg = '1000000', runsArg = '3', folder] = process.argv.slice(2);
if (!dist) {
  console.error(
    'usage: npx tsx bench/perspective-side-by-side.ts <app dist> [rows] [runs] [data folder]',
  );
  process.exit(2);
}
// Of the app's analyses, only the slice tables: the questions Perspective answers too.
const kept = ANALYSES.filter((q) => /^slice table, \d features?$/.test(q.measure));
ANALYSES.splice(0, ANALYSES.length, ...kept);
const root = join(import.meta.dirname, '..');
const rows = Number(rowsArg);
const dump = await ensureDump(folder ?? join(root, 'bench', 'data'), rows, console.log);
const app = await startPreview(root, dist);
const perspective = await startPerspectivePage();
const browser = await launchBrowser();
const [inApp, inPerspective]: Measures[] = [
  { values: {}, notes: [] },
  { values: {}, notes: [] },
];
const load: number[] = [];
try {
  for (let run = 0; run <= Number(runsArg); run++) {
    load.push(loadavg()[0]);
    const warm = run === 0 ? ' (warm-up)' : '';
    for (const format of ['parquet', 'csv'] as const) {
      const plan = { warmup: 0, runs: 1, toggles: 5, analysisRuns: 3, timeoutMs: 600_000 };
      const result = await browserRun(browser, app.url, dump, format, plan);
      if (result.error) throw new Error(`the app, ${format}: ${result.error}`);
      console.log(`run ${run}${warm} app ${format}: load ${result.values[`load ${format}`]} ms`);
      if (run > 0) record(inApp, result);
    }
    const plan = { warmup: 0, runs: 1, toggles: 5, analysisRuns: 0, timeoutMs: 600_000 };
    const peer = await benchPerspective(browser, perspective, dump, plan, console.log);
    if (run > 0)
      for (const [key, values] of Object.entries(peer.values))
        (inPerspective.values[key] ??= []).push(...values);
    inPerspective.notes = peer.notes;
  }
} finally {
  await browser.close();
  app.stop();
  await perspective.close();
}
console.log('measure (app, then Perspective, then Perspective / app)');
printSideBySide([inApp, inPerspective]);
for (const note of inPerspective.notes) console.log(`- ${note}`);
console.log(`load average (1 min) at each run: ${load.map((l) => l.toFixed(1)).join(', ')}`);
process.exit(0);
