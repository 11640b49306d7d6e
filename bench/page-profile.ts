import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { ANALYSES } from './analyses';
import { launchBrowser } from './browser';
import { startPreview } from './server';
import { dumpNamed } from './side-by-side';

/**
 * Where the page's share of an analysis cell goes: one build in headless Chromium, the dump's
 * Parquet loaded, the cell added and warmed up, then re-run with the V8 sampling profiler on
 * (Chrome DevTools protocol). Prints each run's time and DuckDB's share, then the functions that
 * took the most time on the main thread (self time, all runs), by name and source position:
 *
 *   npx tsx bench/page-profile.ts <dist> <rows> [runs=5] [measure prefix="slice table, 2"]
 *
 * Build the dist with `npx vite build --outDir <dist> --minify false` to read the names.
 */
const [dist, size = '1000000', runsArg = '5', prefix = 'slice table, 2'] = process.argv.slice(2);
if (!dist) throw new Error('usage: npx tsx bench/page-profile.ts <dist> <rows> [runs] [prefix]');
const question = ANALYSES.find((q) => q.measure.startsWith(prefix));
if (!question) throw new Error(`no analysis starts with "${prefix}"`);
const dump = await dumpNamed(size);
const server = await startPreview(join(import.meta.dirname, '..'), dist);
const browser = await launchBrowser();

type Hook = {
  __slicebook: {
    log: { ms: number }[];
    workspace: { datasets: { plan: { name: string } }[] };
    notebook: {
      results: Record<string, { status: string }>;
      addCell(kind: string, index: undefined, init: object): { id: string };
      run(id: string): Promise<void>;
    };
  };
};
try {
  const page = await (await browser.newContext()).newPage();
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.goto(`${server.url}?bench`);
  await page.locator('.engine[data-status="ready"]').waitFor({ timeout: 60_000 });
  await page.setInputFiles('[data-testid="file-input"]', dump.parquet);
  await page.locator('[data-testid="overview"]').waitFor({ timeout: 600_000 });
  await page.waitForTimeout(1000);
  const id = await page.evaluate(async (q) => {
    const nb = (window as unknown as Hook).__slicebook.notebook;
    const dataset = (window as unknown as Hook).__slicebook.workspace.datasets[0].plan.name;
    const cell = nb.addCell(q.kind, undefined, { ...q.init, dataset });
    while (nb.results[cell.id]?.status !== q.expect) await new Promise((r) => setTimeout(r, 20));
    await nb.run(cell.id); // a second warm-up
    return cell.id;
  }, question);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const load = loadavg()[0];
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  const runs = await page.evaluate(
    async ({ id, runs }) => {
      const hook = (window as unknown as Hook).__slicebook;
      const out: { ms: number; allMs: number; rows: number; queryMs: number }[] = [];
      for (let i = 0; i < runs; i++) {
        const logged = hook.log.length;
        const started = performance.now();
        await hook.notebook.run(id);
        await new Promise((r) => setTimeout(r, 0));
        void document.body.offsetHeight;
        const ms = performance.now() - started;
        // A long table draws its first rows at once and the rest in the next frame.
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        void document.body.offsetHeight;
        out.push({
          ms,
          allMs: performance.now() - started,
          rows: document.querySelectorAll('.cell:last-of-type tbody tr').length,
          queryMs: hook.log.slice(logged).reduce((s, x) => s + x.ms, 0),
        });
      }
      return out;
    },
    { id, runs: Number(runsArg) },
  );
  const { profile } = await cdp.send('Profiler.stop');
  const traceText = (await browser.stopTracing()).toString();
  if (process.env.TRACE_OUT) writeFileSync(process.env.TRACE_OUT, traceText);
  const trace = JSON.parse(traceText) as {
    traceEvents: { name: string; ph: string; dur?: number; tid: number }[];
  };
  // The renderer's main thread is the one that ran the most (layout only happens there).
  const byThread = new Map<number, Map<string, number>>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || !e.dur) continue;
    const names = byThread.get(e.tid) ?? new Map<string, number>();
    names.set(e.name, (names.get(e.name) ?? 0) + e.dur / 1000);
    byThread.set(e.tid, names);
  }
  const main = [...byThread.values()].sort(
    (a, b) => (b.get('Layout') ?? 0) - (a.get('Layout') ?? 0),
  )[0];
  console.log('main thread, trace events (ms over all runs, nested events overlap):');
  for (const name of [
    'FunctionCall',
    'RunMicrotasks',
    'UpdateLayoutTree',
    'Layout',
    'PrePaint',
    'Paint',
    'Layerize',
    'HitTest',
    'GCEvent',
    'MajorGC',
    'MinorGC',
  ])
    console.log(`${(main?.get(name) ?? 0).toFixed(1).padStart(8)}  ${name}`);
  for (const r of runs)
    console.log(
      `run: ${r.ms.toFixed(0)} ms, query ${r.queryMs.toFixed(0)} ms, page ${(r.ms - r.queryMs).toFixed(0)} ms; every row drawn after ${r.allMs.toFixed(0)} ms (${r.rows} rows in the page)`,
    );
  console.log(`load average (1 min) at the start: ${load.toFixed(1)}`);
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((nodeId, i) => {
    const f = byId.get(nodeId)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  const app = [...self.entries()]
    .filter(([key]) => /\.js:\d+$/.test(key))
    .reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`the page's own JavaScript, self time: ${(app / runs.length).toFixed(1)} ms a run`);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log(`self time over ${runs.length} runs (ms):`);
  for (const [key, ms] of top) console.log(`${ms.toFixed(1).padStart(8)}  ${key}`);
} finally {
  await browser.close();
  server.stop();
}
