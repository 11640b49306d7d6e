import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { DuckDBInstance } from '@duckdb/node-api';
import { createWasmNodeEngine } from '../src/lib/engine/duckdb-wasm-node';
import { SETUP_SQL, USE_WORKSPACE } from '../src/lib/engine/engine';
import { COLUMNS } from './generate';
import { dumpNamed } from './side-by-side';
import { literal } from '../src/lib/sql/quote';

/**
 * Two versions of a query, side by side, on the model panel's shape (5 models on the same
 * examples, `ds_panel`: example_id, model, label, prediction, made in SQL so both engines hold the
 * same rows): native DuckDB on one thread and DuckDB-WASM's own build in Node (the browser's
 * engine without the browser), the before and after of each pair alternating which runs first.
 *
 *   npx tsx bench/sql-ab.ts <examples> <runs> <pairs.sql>
 *   npx tsx bench/sql-ab.ts dump:<rows> <runs> <pairs.sql>
 *
 * `dump:<rows>` instead holds the bench's dump of that many rows (generate.ts) as the table `dump`,
 * in a compressed workspace catalog as the app loads into (checkpointed).
 *
 * pairs.sql holds statements separated by a blank line after their `;`: before, after, before,
 * after... Prints the medians, every run, the ratios and the load average seen; and the same for
 * the process's CPU time (user + system) per query, which other work on a shared machine moves
 * far less than the wall time (both engines run in this process: wasm's blocking build on the
 * main thread, native on its one thread).
 */
const [examples = '1000000', runs = '5', file] = process.argv.slice(2);
if (!file) throw new Error('Name a file of SQL pairs: npx tsx bench/sql-ab.ts 1000000 5 pairs.sql');

const PANEL = `CREATE TABLE ds_panel AS SELECT example_id, model, label,
  CASE WHEN (hash(i) % 100) < 80 THEN label ELSE 1 - label END AS prediction
FROM (SELECT i, (i // 5)::BIGINT AS example_id,
  ['baseline', 'large', 'distilled', 'tuned', 'tiny'][(i % 5) + 1] AS model,
  (hash(i // 5) % 2)::BIGINT AS label FROM range(${Number(examples) * 5}) t(i))`;

// Native DuckDB on one thread, as the browser's wasm build runs (the app's Node engine locks its
// configuration, so the harness opens its own, with the app's setup).
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
for (const statement of SETUP_SQL) await connection.run(statement);
const native = { query: (sql: string) => connection.runAndReadAll(sql) };
const wasm = await createWasmNodeEngine();
const engines: [string, { query(sql: string): Promise<unknown> }][] = [
  ['native', native],
  ['wasm', wasm],
];
if (examples.startsWith('dump:')) {
  const dump = await dumpNamed(examples.slice('dump:'.length));
  const types = COLUMNS.map((c) => c.split(' '))
    .map(([n, t]) => `${literal(n)}: ${literal(t)}`)
    .join(', ');
  const path = await wasm.registerFile('dump.csv', readFileSync(dump.csv));
  for (const [name, e] of engines) {
    const file = name === 'wasm' ? path : dump.csv;
    if (name === 'native') await e.query(USE_WORKSPACE); // the wasm engine is in its own already
    await e.query(
      `CREATE TABLE dump AS SELECT * FROM read_csv(${literal(file)}, header = true, columns = {${types}})`,
    );
    await e.query('CHECKPOINT');
  }
} else for (const [, e] of engines) await e.query(PANEL);

const statements = readFileSync(file, 'utf8')
  .split(/;\n\n/)
  .map((s) => s.trim().replace(/;$/, ''))
  .filter(Boolean);
const median = (t: number[]) => [...t].sort((a, b) => a - b)[Math.floor(t.length / 2)];
const shown = (t: number[]) =>
  `${median(t).toFixed(0)} ms [${t.map((x) => x.toFixed(0)).join(' ')}]`;
const load: number[] = [];
for (let p = 0; p + 1 < statements.length; p += 2) {
  for (const [name, engine] of engines) {
    const times = { before: [] as number[], after: [] as number[] };
    const cpu = { before: [] as number[], after: [] as number[] };
    for (let r = 0; r <= Number(runs); r++) {
      load.push(loadavg()[0]);
      for (const which of r % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const)) {
        const [started, startedCpu] = [performance.now(), process.cpuUsage()];
        await engine.query(statements[p + (which === 'after' ? 1 : 0)]);
        if (r === 0) continue; // the first run warms up
        times[which].push(performance.now() - started);
        const used = process.cpuUsage(startedCpu);
        cpu[which].push((used.user + used.system) / 1000);
      }
    }
    for (const [what, t] of [
      ['', times],
      [' (CPU)', cpu],
    ] as const) {
      const ratio = (median(t.before) / median(t.after)).toFixed(2);
      console.log(
        `pair ${p / 2} ${name}${what}: before ${shown(t.before)}, after ${shown(t.after)}, before / after ${ratio}`,
      );
    }
  }
}
console.log(
  `load average (1 min): ${Math.min(...load).toFixed(1)}-${Math.max(...load).toFixed(1)}`,
);
connection.closeSync();
instance.closeSync();
await wasm.close();
process.exit(0);
