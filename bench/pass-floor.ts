import { loadavg } from 'node:os';
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLUMNS } from './generate';
import { createWasmNodeEngine } from '../src/lib/engine/duckdb-wasm-node';
import { SETUP_SQL, USE_WORKSPACE } from '../src/lib/engine/engine';
import { profileTable } from '../src/lib/ingest/profile';
import { planDatasets } from '../src/lib/datasets/plan-datasets';
import { buildDataset } from '../src/lib/datasets/dataset';
import { agreementPlan } from '../src/lib/cells/agreement/agreement-plan';
import { agreementSql } from '../src/lib/metrics/agreement-sql';
import { datasetValues } from '../src/lib/slicing/distinct-values';
import { ident, literal } from '../src/lib/sql/quote';

/**
 * The floor of the model panel's pass on one thread: the agreement cell's own query, a bare
 * GROUP BY of the example ids and a minimal pass (one bit_or per example, then counts per
 * pattern), on the same rows, in native DuckDB on one thread and on two, and in DuckDB-WASM's own
 * build in Node (one thread, as in the browser), each query run in turn on every engine:
 *
 *   npx tsx bench/pass-floor.ts <panel CSV> [runs=5]
 *
 * The CSV is the bench's panel dump (bench/data/panel5-v1-5m.csv, 5 models x 1M examples), read
 * with the bench's column types into each engine's compressed catalog; the dataset's view is the
 * app's (buildDataset), replayed natively from its definition. Prints each query's median, every
 * run and the load average (1 min) seen.
 */
const [csv, runsArg = '5'] = process.argv.slice(2);
if (!csv)
  throw new Error('Name the panel CSV: npx tsx bench/pass-floor.ts bench/data/panel5-v1-5m.csv');
const runs = Number(runsArg);
const columns = COLUMNS.map((c) => c.split(' '))
  .map(([n, t]) => `${literal(n)}: ${literal(t)}`)
  .join(', ');

const wasm = await createWasmNodeEngine();
const path = await wasm.registerFile('panel.csv', readFileSync(csv));
await wasm.query(
  `CREATE TABLE dump AS SELECT * FROM read_csv(${literal(path)}, header = true, columns = {${columns}})`,
);
const table = {
  table: 'dump',
  fileName: 'panel.csv',
  format: 'csv' as const,
  bytes: 0,
  sha256: null,
  profile: await profileTable(wasm, 'dump'),
  preview: [],
  notes: [],
};
const dataset = await buildDataset(wasm, planDatasets([table])[0]);
const view = String(
  (
    await wasm.query(
      `SELECT sql FROM duckdb_views() WHERE view_name = ${literal(dataset.plan.name)}`,
    )
  ).get(0)?.sql,
);
const read = async (sql: string) => (await wasm.query(sql)).toArray().map((r) => r.toJSON());
const models = await datasetValues(dataset, 'model', read);
const plan = agreementPlan(dataset, models, '', '');
if ('missing' in plan) throw new Error(plan.missing);

const native = await DuckDBInstance.create(':memory:');
const conn = await native.connect();
for (const statement of [...SETUP_SQL, USE_WORKSPACE]) await conn.run(statement);
await conn.run(
  `CREATE TABLE dump AS SELECT * FROM read_csv(${literal(csv)}, header = true, columns = {${columns}})`,
);
await conn.run(view);

const source = ident(dataset.plan.name);
const bits = models.map((m, i) => `WHEN ${literal(m)} THEN ${i}`).join(' ');
const QUERIES: [string, string][] = [
  ['agreement pass (agreementSql)', agreementSql(plan)],
  [
    'bare GROUP BY example_id',
    `SELECT count(*) FROM (SELECT example_id, count(*) FROM ${source} GROUP BY example_id)`,
  ],
  [
    'minimal pass (one bit_or, counts per pattern)',
    `SELECT m, count(*) FROM (SELECT bit_or((CASE WHEN label = prediction THEN 1 ELSE 0 END)::BIGINT << (CASE model ${bits} END)) AS m FROM ${source} GROUP BY example_id) GROUP BY m`,
  ],
];

const engines: [string, (sql: string) => Promise<unknown>][] = [
  [
    'native, 1 thread',
    async (sql) => {
      await conn.run('SET threads = 1');
      return conn.runAndReadAll(sql);
    },
  ],
  [
    'native, 2 threads',
    async (sql) => {
      await conn.run('SET threads = 2');
      return conn.runAndReadAll(sql);
    },
  ],
  ['wasm (1 thread)', (sql) => wasm.query(sql)],
];
const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
const load: number[] = [];
const times = new Map<string, number[]>();
for (let r = 0; r <= runs; r++)
  for (const [q, sql] of QUERIES)
    for (const [e, run] of r % 2 ? [...engines].reverse() : engines) {
      load.push(loadavg()[0]);
      const started = performance.now();
      await run(sql);
      const ms = performance.now() - started;
      if (r === 0) continue; // the first run warms up
      const key = `${q} | ${e}`;
      times.set(key, [...(times.get(key) ?? []), ms]);
    }
for (const [key, t] of times)
  console.log(
    `${key.padEnd(70)} ${median(t).toFixed(0).padStart(6)} ms [${t.map((x) => x.toFixed(0)).join(' ')}]`,
  );
console.log(
  `load average (1 min): ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
);
conn.closeSync();
native.closeSync();
await wasm.close();
process.exit(0);
