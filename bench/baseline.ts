import { join, resolve } from 'node:path';
import type { RunDataset } from '../src/lib/baseline/baseline-plan';
import { compareToBaseline, type RunPair } from '../src/lib/baseline/run-baseline';
import type { Engine } from '../src/lib/engine/engine';
import { profileTable } from '../src/lib/ingest/profile';
import type { Role } from '../src/lib/ingest/roles';
import { ident, literal } from '../src/lib/sql/quote';
import { ensureDump, sizeLabel } from './generate';
import { engineReadingInPlace } from './native';
import { timed } from './plan';

/**
 * The comparison with a baseline run, as `slicebook run --baseline` makes it, on native DuckDB:
 * `npx tsx bench/baseline.ts [rows] [runs]` (default 1M rows, 5 runs after a warm-up). The
 * baseline is the bench dump (three models); the candidate is the same rows with every 10th
 * prediction of the `large` model flipped (by example id), so a tenth of its pairs are
 * discordant. Five slice cells: device, region, lang, topic, and age in 4 quantile bins. Prints
 * the median, minimum and maximum of the whole comparison (edges, matching, the one GROUPING SETS
 * query, statistics) and of its two queries alone.
 */
const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench', 'data');
const ROLES: Record<string, Role> = {
  example_id: 'id',
  model: 'model',
  label: 'label',
  prediction: 'prediction',
  device: 'group',
  region: 'group',
  lang: 'group',
  topic: 'group',
  age: 'group',
};

async function runOf(engine: Engine, name: string): Promise<RunDataset> {
  return {
    name,
    columns: (await profileTable(engine, name)).columns,
    roles: ROLES,
    taskKind: 'binary',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)}, ${xs.length} runs)`;

async function main(rows: number, runs: number) {
  const dump = await ensureDump(DATA, rows, console.log);
  const { engine, done } = await engineReadingInPlace(DATA);
  try {
    const parquet = literal(resolve(dump.parquet));
    await engine.query(`CREATE TABLE base AS SELECT * FROM read_parquet(${parquet})`);
    await engine.query(
      `CREATE TABLE cand AS SELECT * REPLACE (CASE WHEN model = 'large' AND example_id % 10 = 0
         THEN 1 - prediction ELSE prediction END AS prediction) FROM base`,
    );
    const pair: RunPair = {
      candidate: await runOf(engine, 'cand'),
      baseline: await runOf(engine, 'base'),
      sets: ['device', 'region', 'lang', 'topic'].map((column) => ({
        cell: `by_${column}`,
        features: [{ column }],
      })),
    };
    pair.sets.push({
      cell: 'by_age',
      features: [{ column: 'age', binning: { kind: 'quantile', bins: 4 } }],
    });
    const [candidateRows, baselineRows] = await Promise.all(
      ['cand', 'base'].map(async (t) =>
        Number((await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(t)}`)).get(0)!.n),
      ),
    );
    console.log(
      `comparing ${sizeLabel(candidateRows)} + ${sizeLabel(baselineRows)} rows over 5 slice features (native DuckDB, one engine)`,
    );
    const times: number[] = [];
    let last = 0;
    for (let i = 0; i <= runs; i++) {
      const run = await timed(() => compareToBaseline(engine, [pair], ''));
      if ('error' in run.value) throw new Error(run.value.error);
      if (i > 0) times.push(run.ms);
      last = run.value.rows.length;
    }
    console.log(`  comparisons: ${last}`);
    console.log(`  compareToBaseline: ${summary(times)}`);
  } finally {
    await done();
  }
}

const [rows = '1000000', runs = '5'] = process.argv.slice(2);
await main(Number(rows), Number(runs));
