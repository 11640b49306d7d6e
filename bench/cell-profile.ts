import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { ANALYSES, PANEL_ANALYSES } from './analyses';
import { COLUMNS } from './generate';
import { dumpNamed } from './side-by-side';
import { createWasmNodeEngine } from '../src/lib/engine/duckdb-wasm-node';
import type { Engine } from '../src/lib/engine/engine';
import { profileTable } from '../src/lib/ingest/profile';
import { planDatasets } from '../src/lib/datasets/plan-datasets';
import { buildDataset } from '../src/lib/datasets/dataset';
import { createCell } from '../src/lib/notebook/edits';
import { emptyNotebook } from '../src/lib/notebook/notebook';
import { runCell } from '../src/lib/notebook/run-cell';
import { CELL_KINDS } from '../src/lib/cells/registry';
import { literal } from '../src/lib/sql/quote';

/**
 * Where an analysis cell's time goes, in DuckDB-WASM's own build in Node (the browser's engine
 * without the page): each run of the cell's runner timed whole, and each of its queries, so the
 * rest is JavaScript (reading the Arrow results into rows, and the statistics):
 *
 *   npx tsx bench/cell-profile.ts <rows | panel> [runs=5] [measure prefix]
 *
 * Prints per run the total, the queries' sum and what is left, each query's time and rows, and the
 * load average (1 min) seen.
 */
const [size = 'panel', runsArg = '5', prefix = ''] = process.argv.slice(2);
const panel = size === 'panel';
const dump = await dumpNamed(size);
const engine = await createWasmNodeEngine();
const path = await engine.registerFile('dump.csv', readFileSync(dump.csv));
const columns = COLUMNS.map((c) => c.split(' '))
  .map(([n, t]) => `${literal(n)}: ${literal(t)}`)
  .join(', ');
await engine.query(
  `CREATE TABLE dump AS SELECT * FROM read_csv(${literal(path)}, header = true, columns = {${columns}})`,
);
const table = {
  table: 'dump',
  fileName: 'dump.csv',
  format: 'csv' as const,
  bytes: 0,
  sha256: null,
  profile: await profileTable(engine, 'dump'),
  preview: [],
  notes: [],
};
const dataset = await buildDataset(engine, planDatasets([table])[0]);

const log: { sql: string; ms: number; rows: number }[] = [];
const timedEngine: Engine = new Proxy(engine, {
  get: (target, key) =>
    key === 'query'
      ? async (sql: string, signal?: AbortSignal) => {
          const started = performance.now();
          const result = await target.query(sql, signal);
          log.push({ sql, ms: performance.now() - started, rows: result.numRows });
          return result;
        }
      : Reflect.get(target, key),
});
const ctx = {
  engine: timedEngine,
  dataset: (name: string) => (name === dataset.plan.name ? dataset : undefined),
  filter: '',
  now: () => performance.now(),
};
const questions = (panel ? PANEL_ANALYSES : ANALYSES).filter((q) => q.measure.startsWith(prefix));
for (const q of questions) {
  const cell = createCell(emptyNotebook(), CELL_KINDS[q.kind], {
    ...q.init,
    dataset: dataset.plan.name,
  });
  const withMix = { ...ctx, mix: (name: string) => (q.mix?.name === name ? q.mix : undefined) };
  for (let run = 0; run <= Number(runsArg); run++) {
    log.length = 0;
    const load = loadavg()[0];
    const started = performance.now();
    const result = await runCell(CELL_KINDS, cell, withMix);
    const total = performance.now() - started;
    if (result?.status !== q.expect) throw new Error(`${q.measure}: ${JSON.stringify(result)}`);
    const queries = log.reduce((s, x) => s + x.ms, 0);
    console.log(
      `${q.measure} run ${run}${run === 0 ? ' (warm-up)' : ''} (load ${load.toFixed(1)}): total ${total.toFixed(0)} ms, queries ${queries.toFixed(0)} ms, rest ${(total - queries).toFixed(0)} ms`,
    );
    for (const x of log)
      console.log(
        `    ${x.ms.toFixed(0).padStart(6)} ms ${String(x.rows).padStart(7)} rows  ${x.sql.replace(/\s+/g, ' ').slice(0, 110)}`,
      );
  }
}
await engine.close();
process.exit(0);
