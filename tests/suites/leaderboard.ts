import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeLeaderboard } from '../../src/lib/metrics/compute-leaderboard';
import { leaderboardDefaults } from '../../src/lib/cells/leaderboard/leaderboard-cell';
import { leaderboardPlan } from '../../src/lib/cells/leaderboard/leaderboard-plan';
import type { ExampleLeaderboardPlan } from '../../src/lib/metrics/example-leaderboard-plan';
import { runLeaderboardCell } from '../../src/lib/cells/leaderboard/run-leaderboard-cell';
import type { Engine } from '../../src/lib/engine/engine';
import type { Role, TaskKind } from '../../src/lib/ingest/roles';
import { bucketWeightsSql, readBucketWeights } from '../../src/lib/metrics/bootstrap-sql';
import type { Dataset } from '../../src/lib/datasets/dataset';
import { mcnemarTest } from '../../src/lib/stats/mcnemar';
import { exactPoisson } from '../../src/lib/stats/exact-poisson';
import { seededUniform } from '../../src/lib/stats/seeded-uniform';
import { PATTERN_SEED } from '../../src/lib/metrics/share-right';
import { datasetOf } from '../helpers/run-cell';
import { seeded } from '../unit/discover-helpers';
import type { EngineFactory } from '../engines';

/** The leaderboard suite, run once per engine (tests/engines.ts). */
export function leaderboardSuite(factory: EngineFactory): void {
  let engine: Engine;
  const read = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  const MODELS = ['m0', 'm1', 'm2', 'm3'];
  /** Chance of a right answer per model: m1 and m2 nearly tied, m0 clearly worse, m3 best. */
  const SKILL = [0.55, 0.7, 0.71, 0.8];
  const N = 600;

  interface Example {
    id: string;
    topic: string;
    right: boolean[];
    error: number[];
  }
  const examples: Example[] = [];

  beforeAll(async () => {
    engine = await factory.create();
    const random = seeded(11);
    const values: string[] = [];
    for (let e = 0; e < N; e++) {
      const id = `q${e}`;
      const topic = e % 3 === 0 ? 'hard' : 'easy';
      const shift = topic === 'hard' ? -0.25 : 0.1;
      const ex: Example = { id, topic, right: [], error: [] };
      MODELS.forEach((m, i) => {
        // On hard questions m1 beats m3: the order flips there.
        const skill = SKILL[i] + shift + (topic === 'hard' && i === 1 ? 0.3 : 0);
        const right = random() < skill;
        const error = Math.round(random() * 100 * (1.2 - SKILL[i])) / 10;
        ex.right.push(right);
        ex.error.push(error);
        values.push(`('${id}', '${m}', '${topic}', 'a', '${right ? 'a' : 'b'}', 0, ${error})`);
      });
      examples.push(ex);
    }
    // m3 also answered an extra question no other model has: it must not count.
    values.push(`('extra', 'm3', 'easy', 'a', 'a', 0, 0)`);
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, topic, label, prediction, y, yhat)`,
    );
  });
  afterAll(() => engine.close());

  const roles: Record<string, Role> = {
    id: 'id',
    model: 'model',
    topic: 'group',
    label: 'label',
    prediction: 'prediction',
  };

  async function planFor(
    metric: string,
    feature = '',
    r: Record<string, Role> = roles,
    task: TaskKind = 'multiclass',
  ): Promise<{ plan: ExampleLeaderboardPlan; dataset: Dataset }> {
    const dataset = await datasetOf(engine, 't', r, task);
    const plan = leaderboardPlan(
      {
        ...leaderboardDefaults(),
        metric,
        feature,
        id: 'x',
        name: 'lb',
        kind: 'leaderboard',
        collapsed: false,
      },
      dataset,
      MODELS,
      '',
    );
    if ('missing' in plan || plan.kind !== 'examples') throw new Error(JSON.stringify(plan));
    return { plan, dataset };
  }

  /**
   * A plain bootstrap over the examples: each example weighted by its bucket's Poisson weight (the
   * buckets and weights read from DuckDB, the rest counted here), each model's value per replicate.
   */
  async function plainReplicates(value: (ex: Example, model: number) => number) {
    const buckets = new Map(
      (await read(`SELECT DISTINCT id, hash(id) % 1000 AS bucket FROM t`)).map((r) => [
        String(r.id),
        Number(r.bucket),
      ]),
    );
    const weights = readBucketWeights(await read(bucketWeightsSql(1000, 200)));
    return weights.map((w) =>
      MODELS.map((_, m) => {
        let sum = 0;
        let n = 0;
        for (const ex of examples) {
          const weight = w[buckets.get(ex.id)!];
          sum += weight * value(ex, m);
          n += weight;
        }
        return sum / n;
      }),
    );
  }

  /**
   * The pattern bootstrap written again (share-right.ts): the examples counted by who is right,
   * patterns in increasing order, each pattern's total weight a Poisson draw of its count.
   */
  function plainPatternReplicates() {
    const counts = new Map<number, number>();
    for (const ex of examples) {
      const pattern = ex.right.reduce((x, ok, m) => x | (ok ? 1 << m : 0), 0);
      counts.set(pattern, (counts.get(pattern) ?? 0) + 1);
    }
    const patterns = [...counts].sort((a, b) => a[0] - b[0]);
    const draw = exactPoisson(seededUniform(PATTERN_SEED));
    return Array.from({ length: 200 }, () => {
      const weights = patterns.map(([, n]) => draw(n));
      const n = weights.reduce((s, w) => s + w, 0);
      return MODELS.map(
        (_, m) => patterns.reduce((s, [p], i) => s + (p & (1 << m) ? weights[i] : 0), 0) / n,
      );
    });
  }

  /** Ranks within a replicate (1 + models strictly better) and the 5th smallest / largest of 200. */
  function plainRankInterval(replicates: number[][], model: number, higher: boolean) {
    const ranks = replicates
      .map((row) => 1 + row.filter((v) => (higher ? v > row[model] : v < row[model])).length)
      .sort((a, b) => a - b);
    return { low: ranks[4], high: ranks[ranks.length - 5] };
  }

  describe('computeLeaderboard on native DuckDB', () => {
    it('accuracy: ranks, rank intervals of a plain pattern bootstrap, McNemar against the best, BH', async () => {
      const { plan } = await planFor('accuracy');
      const board = await computeLeaderboard(plan, read);
      expect(board.restricted).toBe(true);
      expect(board.pairing.n).toBe(N);
      const accuracy = MODELS.map((_, m) => examples.filter((e) => e.right[m]).length / N);
      const replicates = plainPatternReplicates();
      const best = accuracy.indexOf(Math.max(...accuracy));
      expect(board.models[best].best).toBe(true);
      board.models.forEach((row, m) => {
        expect(row.n).toBe(N);
        expect(row.value).toBeCloseTo(accuracy[m], 12);
        expect(row.rank).toBe(1 + accuracy.filter((a) => a > accuracy[m]).length);
        expect(row.rankInterval).toEqual(plainRankInterval(replicates, m, true));
        if (m === best) return;
        const b = examples.filter((e) => e.right[m] && !e.right[best]).length;
        const c = examples.filter((e) => !e.right[m] && e.right[best]).length;
        expect(row.p).toBeCloseTo(mcnemarTest(b, c).p, 14);
        expect(row.difference).toBeCloseTo((b - c) / N, 14);
      });
      // BH by hand over the three tests.
      const tested = board.models.filter((r) => !r.best);
      const sorted = [...tested].sort((x, y) => x.p - y.p);
      const q = sorted.map((_, i) =>
        Math.min(...sorted.slice(i).map((s, j) => (s.p * 3) / (i + j + 1))),
      );
      sorted.forEach((r, i) => expect(r.q).toBeCloseTo(Math.min(1, q[i]), 14));
      for (const r of board.models) expect(r.tied).toBe(r.best || r.q >= 0.05);
    });

    it('per slice: ranks within each topic, where the order flips', async () => {
      const { plan } = await planFor('accuracy', 'topic');
      const board = await computeLeaderboard(plan, read);
      const hard = board.slices.filter((s) => s.slice === 'hard');
      expect(hard).toHaveLength(4);
      const inHard = examples.filter((e) => e.topic === 'hard');
      const acc = MODELS.map((_, m) => inHard.filter((e) => e.right[m]).length / inHard.length);
      hard.forEach((s, m) => {
        expect(s.n).toBe(inHard.length);
        expect(s.value).toBeCloseTo(acc[m], 12);
        expect(s.rank).toBe(1 + acc.filter((a) => a > acc[m]).length);
      });
      expect(hard[1].rank).toBeLessThan(hard[1].overallRank);
      // The overall ranks come from the same pattern draw with or without a feature.
      const whole = await computeLeaderboard((await planFor('accuracy')).plan, read);
      expect(board.models.map((m) => m.rankInterval)).toEqual(
        whole.models.map((m) => m.rankInterval),
      );
    });

    it('MAE (lower is better): bootstrap intervals and a z test with the bootstrap standard error', async () => {
      const r: Record<string, Role> = {
        id: 'id',
        model: 'model',
        topic: 'group',
        y: 'label',
        yhat: 'prediction',
      };
      const { plan } = await planFor('mae', '', r, 'regression');
      const board = await computeLeaderboard(plan, read);
      const replicates = await plainReplicates((ex, m) => Math.abs(ex.error[m]));
      const mae = MODELS.map((_, m) => examples.reduce((s, e) => s + Math.abs(e.error[m]), 0) / N);
      const best = mae.indexOf(Math.min(...mae));
      board.models.forEach((row, m) => {
        expect(row.value).toBeCloseTo(mae[m], 10);
        expect(row.rankInterval).toEqual(plainRankInterval(replicates, m, false));
        if (m === best) return;
        const d = replicates.map((x) => x[m] - x[best]);
        const mean = d.reduce((s, v) => s + v, 0) / d.length;
        const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / (d.length - 1));
        const z = (mae[m] - mae[best]) / sd;
        // 2 (1 - Phi(|z|)) through erfc, written out: Phi(-x) = erfc(x / sqrt 2) / 2.
        expect(row.test).toBe('bootstrap z');
        expect(row.p).toBeCloseTo(erfc(Math.abs(z) / Math.SQRT2), 6);
      });
    });

    it('ROC-free metrics that are not sums (macro F1) run through the SQL bootstrap', async () => {
      const { plan } = await planFor('macro-f1');
      const board = await computeLeaderboard(plan, read);
      expect(
        board.models.every((m) => m.rankInterval.low <= m.rank && m.rank <= m.rankInterval.high),
      ).toBe(true);
    });
  });

  describe('runLeaderboardCell', () => {
    it('ranks a column of a one-row-per-model table, and refuses several rows per model', async () => {
      await engine.query(
        `CREATE TABLE zoo AS SELECT * FROM (VALUES ('a', 0.7), ('b', 0.9), ('c', 0.8)) v(model, acc)`,
      );
      const zoo = await datasetOf(engine, 'zoo', { model: 'model', acc: 'group' }, 'unknown');
      const ctx = { engine, dataset: () => zoo, filter: '', now: () => 0 };
      const cell = {
        ...leaderboardDefaults(),
        dataset: 'zoo',
        id: 'x',
        name: 'lb',
        kind: 'leaderboard' as const,
        collapsed: false,
      };
      const result = await runLeaderboardCell(cell, ctx);
      if (result.status !== 'leaderboard') throw new Error(JSON.stringify(result));
      expect(result.models.map((m) => [m.model, m.rank])).toEqual([
        ['a', 3],
        ['b', 1],
        ['c', 2],
      ]);
      const lower = await runLeaderboardCell({ ...cell, direction: 'lower' }, ctx);
      if (lower.status !== 'leaderboard') throw new Error(lower.status);
      expect(lower.models.map((m) => m.rank)).toEqual([1, 3, 2]);
      await engine.query(`INSERT INTO zoo VALUES ('a', 0.75)`);
      const twice = await runLeaderboardCell(cell, ctx);
      expect(twice).toMatchObject({
        status: 'missing',
        message: expect.stringMatching(/one row per model; a has 2/),
      });
    });
  });

  /** erfc by its continued fraction / series (Numerical Recipes' erfcc, |error| < 1.2e-7). */
  function erfc(x: number): number {
    const t = 1 / (1 + 0.5 * Math.abs(x));
    const y =
      t *
      Math.exp(
        -x * x -
          1.26551223 +
          t *
            (1.00002368 +
              t *
                (0.37409196 +
                  t *
                    (0.09678418 +
                      t *
                        (-0.18628288 +
                          t *
                            (0.27886807 +
                              t *
                                (-1.13520398 +
                                  t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
      );
    return x >= 0 ? y : 2 - y;
  }
}
