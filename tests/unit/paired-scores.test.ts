import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import type { PairedScoresOptions } from '../../src/lib/cells/compare/build-paired-scores';
import { pairedScores } from '../../src/lib/cells/compare/paired-scores';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { bucketWeightsSql, readBucketWeights } from '../../src/lib/metrics/bootstrap-sql';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { signTest } from '../../src/lib/stats/sign-test';
import { wilcoxonSignedRank } from '../../src/lib/stats/wilcoxon-signed-rank';
import { signedRanks } from '../helpers/signed-ranks';
import { seeded } from './discover-helpers';

let engine: Engine;
const read = async (sql: string) =>
  (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** 300 examples: a 1-5 rating for A and B (A a little higher), a topic, some scores missing. */
const examples: { id: string; topic: string; a: number | null; b: number | null }[] = [];

beforeAll(async () => {
  engine = await createNodeEngine();
  const random = seeded(5);
  const rating = (shift: number) =>
    Math.min(5, Math.max(1, Math.round(3 + shift + 1.2 * (random() - 0.5) * 2)));
  const values: string[] = [];
  for (let i = 0; i < 300; i++) {
    const e = {
      id: `e${i}`,
      topic: ['x', 'y', 'z'][i % 3],
      a: i % 37 === 0 ? null : rating(0.3),
      b: rating(0),
    };
    examples.push(e);
    values.push(
      `('${e.id}', 'A', '${e.topic}', ${e.a ?? 'NULL'})`,
      `('${e.id}', 'B', '${e.topic}', ${e.b})`,
    );
  }
  // B scored an example A never saw: it pairs with nothing.
  values.push(`('lonely', 'B', 'x', 4)`);
  await engine.query(
    `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, topic, rating)`,
  );
});
afterAll(() => engine.close());

const options: PairedScoresOptions = {
  source: 't',
  id: 'id',
  model: 'model',
  score: 'rating',
  modelA: 'A',
  modelB: 'B',
  feature: 'topic',
  replicates: 200,
};

describe('pairedScores on native DuckDB', () => {
  it('per slice and overall: means, wins/losses/ties, sign and signed-rank tests, by hand', async () => {
    const { overall, slices } = await pairedScores(options, read);
    const paired = examples.filter((e) => e.a !== null);
    for (const [key, rows] of [
      ['*', paired],
      ['x', paired.filter((e) => e.topic === 'x')],
      ['z', paired.filter((e) => e.topic === 'z')],
    ] as const) {
      const r = key === '*' ? overall! : slices.find((s) => s.slice === key)!;
      const d = rows.map((e) => e.a! - e.b!);
      const n = d.length;
      expect(r.n).toBe(n);
      expect(r.meanA).toBeCloseTo(rows.reduce((s, e) => s + e.a!, 0) / n, 12);
      expect(r.difference).toBeCloseTo(d.reduce((s, v) => s + v, 0) / n, 12);
      const wins = d.filter((v) => v > 0).length;
      const losses = d.filter((v) => v < 0).length;
      expect([r.wins, r.losses, r.ties]).toEqual([wins, losses, n - wins - losses]);
      expect(r.signP).toBeCloseTo(signTest(wins, losses), 14);
      expect(r.wilcoxonP).toBeCloseTo(wilcoxonSignedRank(signedRanks(d)).p, 12);
      // The t interval: mean ± t(0.975, n − 1) s / sqrt(n), the half-width symmetric.
      const mean = r.difference;
      const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
      expect((r.tInterval.high - r.tInterval.low) / 2 / (sd / Math.sqrt(n))).toBeGreaterThan(1.96);
      expect((r.tInterval.high - r.tInterval.low) / 2 / (sd / Math.sqrt(n))).toBeLessThan(2.0);
      // Each model's mean has its own t interval, centred on it, with the same quantile (same n),
      // its standard deviation taken here in two passes (the app's comes from sums of squares).
      const t = (r.tInterval.high - r.tInterval.low) / 2 / (sd / Math.sqrt(n));
      for (const [model, interval, mean] of [
        ['a', r.intervalA, r.meanA],
        ['b', r.intervalB, r.meanB],
      ] as const) {
        const xs = rows.map((e) => e[model]!);
        const m = xs.reduce((s, v) => s + v, 0) / n;
        const sdx = Math.sqrt(xs.reduce((s, v) => s + (v - m) ** 2, 0) / (n - 1));
        expect((interval.low + interval.high) / 2).toBeCloseTo(mean, 12);
        expect((interval.high - interval.low) / 2).toBeCloseTo((t * sdx) / Math.sqrt(n), 10);
      }
    }
    expect(slices.every((s) => Number.isFinite(s.q))).toBe(true);
  });

  it('the bootstrap interval is a plain per-example bootstrap with the same weights', async () => {
    const { overall } = await pairedScores({ ...options, feature: undefined }, read);
    const buckets = new Map(
      (await read(`SELECT DISTINCT id, hash(id) % 1000 AS bucket FROM t`)).map((r) => [
        String(r.id),
        Number(r.bucket),
      ]),
    );
    const weights = readBucketWeights(await read(bucketWeightsSql(1000, 200)));
    const paired = examples.filter((e) => e.a !== null);
    const means = weights
      .map((w) => {
        let sum = 0;
        let n = 0;
        for (const e of paired) {
          const weight = w[buckets.get(e.id)!];
          sum += weight * (e.a! - e.b!);
          n += weight;
        }
        return sum / n;
      })
      .sort((x, y) => x - y);
    // Type 7 quantiles of 200 sorted values: 0.025 -> position 4.975, 0.975 -> 194.025.
    const at = (h: number) =>
      means[Math.floor(h)] +
      (h - Math.floor(h)) * (means[Math.floor(h) + 1] - means[Math.floor(h)]);
    expect(overall!.bootstrapInterval.low).toBeCloseTo(at(199 * 0.025), 12);
    expect(overall!.bootstrapInterval.high).toBeCloseTo(at(199 * 0.975), 12);
  });
});

const five = JSON.parse(await readFile('samples/expected.json', 'utf8')).files[
  'qa-five-models.csv'
];

describe('the compare cell on the five-model sample', () => {
  let run: NotebookRun;
  beforeAll(async () => {
    let nb = emptyNotebook();
    const on = { dataset: 'ds_qa_five_models', modelA: 'kestrel-70b-v2', modelB: 'kestrel-70b' };
    for (const init of [{ ...on, score: 'rating' }, on])
      nb = insertCell(nb, createCell(nb, CELL_KINDS.compare, init, new Set()));
    run = await runNotebook(engine, nb, [
      { name: 'qa-five-models.csv', path: 'samples/qa-five-models.csv' },
    ]);
  }, 60_000);

  it('ratings: the generator paired counts and mean difference', () => {
    const [row] = run.cells[0].tables.scores;
    const p = five.paired.rating;
    expect(row).toMatchObject({
      overall: true,
      n: p.n,
      wins: p.wins,
      losses: p.losses,
      ties: p.ties,
    });
    expect(row.difference as number).toBeCloseTo(p.mean_difference, 12);
    expect(row.sign_p as number).toBeLessThan(1e-20);
  });

  it('the 0/1 outcome without a label: right and wrong, McNemar as before', () => {
    const [row] = run.cells[1].tables.comparison;
    const c = five.paired.correct;
    expect(row).toMatchObject({
      n: 2000,
      a_right_b_wrong: c.a_right_b_wrong,
      a_wrong_b_right: c.a_wrong_b_right,
    });
    expect(row.p as number).toBeGreaterThan(0.05);
  });
});
