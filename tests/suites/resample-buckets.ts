import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricId } from '../../src/lib/metrics/metrics';
import { resampleBuckets } from '../../src/lib/metrics/resample-buckets';
import { buildSliceTable } from '../../src/lib/cells/slice/build-slice-table';
import type { SliceFeature } from '../../src/lib/slicing/slice-feature';
import { readSliceTable } from '../../src/lib/cells/slice/read-slice-table';
import type { Engine } from '../../src/lib/engine/engine';
import { profileTable, type ColumnProfile } from '../../src/lib/ingest/profile';
import type { Role } from '../../src/lib/ingest/roles';
import { literal } from '../../src/lib/sql/quote';
import { readBucketWeights } from '../../src/lib/metrics/bootstrap-sql';
import { seeded } from '../unit/discover-helpers';
import type { EngineFactory } from '../engines';

/** The resample buckets suite, run once per engine (tests/engines.ts). */
export function resampleBucketsSuite(factory: EngineFactory): void {
  let engine: Engine;
  let columns: ColumnProfile[];
  const read = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  /**
   * 3,000 seeded rows of three models: missing slices, labels, predictions and scores, tied scores,
   * an outcome that is 0/1 for one model only, and a few missing ids. (Scores outside [0, 1] are
   * not probabilities: log loss and Brier refuse such a column, score-range.test.ts.)
   */
  beforeAll(async () => {
    engine = await factory.create();
    const random = seeded(7);
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    const maybe = <T>(value: T, missing = 0.05) => (random() < missing ? null : value);
    const values: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const model = pick(['a', 'b', 'c']);
      const label = maybe(random() < 0.4 ? 1 : 0);
      const score = maybe(random() < 0.02 ? 1 : Math.round(random() * 20) / 20);
      const y = Math.round(random() * 1000) / 10;
      const row = [
        maybe(`e${i % 1700}`, 0.01),
        model,
        maybe(pick(['n', 's', 'e', 'w']), 0.08),
        pick(['t1', 't2', 't3']),
        label,
        maybe(random() < 0.7 ? label : pick([0, 1])),
        score,
        y,
        maybe(y + (random() - 0.5) * 30),
        maybe(model === 'a' ? pick([0, 1]) : Math.round(random() * 100) / 100),
      ];
      values.push(`(${row.map((v) => literal(v as string | number | null)).join(', ')})`);
    }
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${values.join(', ')})
      v(id, model, region, topic, label, prediction, score, y, yhat, outcome)`,
    );
    columns = (await profileTable(engine, 't')).columns;
  });
  afterAll(() => engine.close());

  const REPLICATES = 200;
  const classification: Record<string, Role> = {
    id: 'id',
    model: 'model',
    label: 'label',
    prediction: 'prediction',
    score: 'score',
  };
  const regression: Record<string, Role> = {
    id: 'id',
    model: 'model',
    y: 'label',
    yhat: 'prediction',
  };
  const outcome: Record<string, Role> = { id: 'id', model: 'model', outcome: 'outcome' };
  const without = (roles: Record<string, Role>, role: Role) =>
    Object.fromEntries(Object.entries(roles).filter(([, r]) => r !== role));

  /** The slice table both ways: the bootstrap in SQL (the reference) and resampled in JS. */
  async function bothWays(metric: MetricId, roles: Record<string, Role>, features: SliceFeature[]) {
    const queries = buildSliceTable({
      source: 't',
      columns,
      roles,
      metric,
      features,
      replicates: REPLICATES,
      edges: {},
    });
    const hasModel = queries.modelColumn !== undefined;
    const [slices, totals] = [await read(queries.slices), await read(queries.totals)];
    const inSql = {
      slices: await read(queries.bootstrap!.slices),
      totals: await read(queries.bootstrap!.totals),
    };
    const weights = readBucketWeights(await read(queries.bucketed!.weights));
    const inJs = resampleBuckets(await read(queries.bucketed!.sums), weights, hasModel);
    const table = (b: typeof inSql) =>
      readSliceTable(metric, features.length, hasModel, slices, totals, {
        ...b,
        replicates: REPLICATES,
      });
    return { inSql, inJs, weights, sql: table(inSql), js: table(inJs) };
  }

  /** The numbers of two results side by side (leaves in the same places), NaN equal to NaN. */
  function pairs(a: unknown, b: unknown, out: [number, number][] = []): [number, number][] {
    if (typeof a === 'number' && typeof b === 'number') out.push([a, b]);
    else if (a && typeof a === 'object' && b && typeof b === 'object')
      for (const key of Object.keys(a))
        pairs(a[key as keyof typeof a], b[key as keyof typeof b], out);
    else expect(b).toEqual(a);
    return out;
  }

  const byKey = (rows: Record<string, unknown>[]) =>
    [...rows].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));

  const cases: [MetricId, Record<string, Role>, SliceFeature[], string][] = [
    ['f1', classification, [{ column: 'region' }], 'F1 by region'],
    ['f1', classification, [{ column: 'region' }, { column: 'topic' }], 'F1 by region x topic'],
    ['f1', without(classification, 'model'), [{ column: 'region' }], 'F1 without a model column'],
    ['f1', without(classification, 'id'), [{ column: 'region' }], 'F1 without an example id'],
    ['log-loss', classification, [{ column: 'region' }], 'log loss'],
    ['brier', classification, [{ column: 'topic' }], 'Brier score'],
    ['mae', regression, [{ column: 'region' }], 'MAE'],
    ['rmse', regression, [{ column: 'region' }], 'RMSE'],
    ['r2', regression, [{ column: 'region' }], 'R²'],
    ['mean-outcome', outcome, [{ column: 'region' }], 'mean outcome (0/1 for one model)'],
  ];

  describe('the bucketed bootstrap resampled in JS', () => {
    it('draws the weights the SQL draws', async () => {
      const { weights } = await bothWays('f1', classification, [{ column: 'region' }]);
      expect(weights).toHaveLength(REPLICATES);
      // poissonWeightSql of (bucket, replicate), written out from the Poisson(1) CDF's cuts (0.3679, 0.7358, ...).
      const u =
        '((hash(xor(hash(k.range), (r.range)::UBIGINT)) >> 11)::DOUBLE / 9007199254740992.0)';
      const [check] = await read(`SELECT list(w ORDER BY r, k)::VARCHAR AS w FROM (
      SELECT r.range AS r, k.range AS k, CASE WHEN ${u} < 0.3679 THEN 0 WHEN ${u} < 0.7358 THEN 1
        WHEN ${u} < 0.9197 THEN 2 WHEN ${u} < 0.981 THEN 3 WHEN ${u} < 0.9963 THEN 4 ELSE 5 END AS w
      FROM range(1000) k, range(3) r)`);
      expect(weights.slice(0, 3).flatMap((w) => [...w])).toEqual(JSON.parse(String(check.w)));
    });

    it.each(cases)(
      'gives the same replicates and table as the SQL: %s, %#',
      async (metric, roles, features) => {
        const { inSql, inJs, sql, js } = await bothWays(metric, roles, features);
        // Every replicate row of every slice and total: same keys, same statistics.
        expect(inJs.slices).toHaveLength(inSql.slices.length);
        expect(inJs.totals).toHaveLength(inSql.totals.length);
        const replicates = pairs(byKey(inSql.slices), byKey(inJs.slices)).concat(
          pairs(byKey(inSql.totals), byKey(inJs.totals)),
        );
        const shown = pairs(sql, js);
        const worst = (p: [number, number][]) =>
          Math.max(
            0,
            ...p.map(([x, y]) =>
              Number.isNaN(x) && Number.isNaN(y) ? 0 : Math.abs(x - y) / Math.max(1, Math.abs(x)),
            ),
          );
        if (metric === 'f1') {
          // Weighted counts: sums of small integers, exact in any order.
          expect(js).toEqual(sql);
          expect(worst(replicates)).toBe(0);
        } else {
          // Sums of doubles, added in another order: equal to rounding.
          expect(worst(replicates)).toBeLessThan(1e-10);
          expect(worst(shown)).toBeLessThan(1e-10);
        }
        expect(replicates.length).toBeGreaterThan(4000);
        expect(sql.every((r) => r.method.startsWith(`bootstrap (${REPLICATES} replicates`))).toBe(
          true,
        );
        expect(sql.filter((r) => Number.isFinite(r.interval.low)).length).toBeGreaterThan(2);
      },
    );
  });
}
