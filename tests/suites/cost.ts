import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  costSummarySql,
  orderStatisticsSql,
  type CostOptions,
} from '../../src/lib/cells/cost/build-cost';
import { paretoFront } from '../../src/lib/cells/cost/pareto';
import { qualityByGroup, readCost, wantedRanks } from '../../src/lib/cells/cost/read-cost';
import { buildMetricQuery, readMetric } from '../../src/lib/metrics/metrics';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import { quantileRanks } from '../../src/lib/stats/quantile-interval';
import type { EngineFactory } from '../engines';

/** The cost suite, run once per engine (tests/engines.ts). */
export function costSuite(factory: EngineFactory): void {
  describe('Pareto front', () => {
    /** Brute force: a point is on the front unless another is no worse in both and better in one. */
    const bruteForce = (points: { cost: number; quality: number }[]) =>
      points.map(
        (p) =>
          Number.isFinite(p.cost) &&
          Number.isFinite(p.quality) &&
          !points.some(
            (q) =>
              Number.isFinite(q.cost) &&
              Number.isFinite(q.quality) &&
              q.cost <= p.cost &&
              q.quality >= p.quality &&
              (q.cost < p.cost || q.quality > p.quality),
          ),
      );

    it('keeps the cheap and the good, drops the dominated', () => {
      // b costs more than a and is worse: dominated. c costs most and is best: kept.
      const points = [
        { cost: 1, quality: 0.6 },
        { cost: 2, quality: 0.5 },
        { cost: 3, quality: 0.9 },
        { cost: 1, quality: 0.6 },
        { cost: NaN, quality: 1 },
      ];
      expect(paretoFront(points)).toEqual([true, false, true, true, false]);
      // For an error (lower is better), the cheapest-and-lowest wins: b is dominated by nothing cheaper
      // with a lower error? a has error 0.6 > 0.5, so b stays; c (0.9) is dominated by a.
      expect(paretoFront(points, false)).toEqual([true, true, false, true, false]);
    });

    it('agrees with a brute-force check on random points (ties included)', () => {
      const value = fc.integer({ min: 0, max: 6 }).map((v) => (v === 6 ? NaN : v));
      fc.assert(
        fc.property(
          fc.array(fc.record({ cost: value, quality: value }), { maxLength: 12 }),
          fc.boolean(),
          (points, higher) => {
            const flipped = points.map((p) => ({
              cost: p.cost,
              quality: higher ? p.quality : -p.quality,
            }));
            expect(paretoFront(points, higher)).toEqual(bruteForce(flipped));
          },
        ),
        { numRuns: 500 },
      );
    });
  });

  describe('order-statistic interval for a quantile', () => {
    it('the median of 10 values: x(2) to x(9), coverage 1 - 22/1024 (Conover 1999 table A3)', () => {
      const r = quantileRanks(10, 0.5);
      expect(r).toMatchObject({ lower: 2, upper: 9 });
      expect(r.coverage).toBeCloseTo(1 - 22 / 1024, 12);
    });

    it('the median of 100 values: x(40) to x(61) (Campbell & Gardner 1988, BMJ)', () => {
      expect(quantileRanks(100, 0.5)).toMatchObject({ lower: 40, upper: 61 });
    });

    it('exact binomial sums of a second implementation (BigInt) agree, and cover 95%', () => {
      /** P(B <= k) for B ~ Binomial(n, 19/20), by exact integer arithmetic: sum C(n,i) 19^i / 20^n. */
      const cdf = (n: number, k: number) => {
        let sum = 0n;
        let c = 1n;
        for (let i = 0; i <= k; i++) {
          if (i > 0) c = (c * BigInt(n - i + 1)) / BigInt(i);
          sum += c * 19n ** BigInt(i);
        }
        return Number((sum * 10n ** 15n) / 20n ** BigInt(n)) / 1e15;
      };
      for (const n of [20, 59, 100, 250]) {
        const r = quantileRanks(n, 0.95);
        const low = r.lower === null ? 0 : cdf(n, r.lower - 1);
        const high = r.upper === null ? 1 : cdf(n, r.upper - 1);
        expect(high - low).toBeGreaterThanOrEqual(0.95);
        expect(r.coverage).toBeCloseTo(high - low, 9);
        // One rank closer on either side would cover less than 97.5% on that side.
        if (r.lower !== null) expect(cdf(n, r.lower)).toBeGreaterThan(0.025);
        if (r.upper !== null && r.upper > 1) expect(cdf(n, r.upper - 2)).toBeLessThan(0.975);
      }
      // 59 values are the fewest with a finite upper bound for the 95th percentile: 0.95^59 < 0.05.
      expect(quantileRanks(58, 0.95).upper).toBeNull();
    });
  });

  let engine: Engine;
  const rows = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  /** Three models; latency 1..10 ms (fast), 11..20 (mid), 21..30 (slow); a NULL cost in fast. */
  beforeAll(async () => {
    engine = await factory.create();
    await engine.query(`CREATE TABLE runs AS
    SELECT m.model, i AS id, CASE WHEN i % 2 = 0 THEN 'even' ELSE 'odd' END AS parity,
      m.base + i AS latency, CASE WHEN i <= m.n_right THEN 1 ELSE 0 END AS correct
    FROM (VALUES ('fast', 0, 6), ('mid', 10, 5), ('slow', 20, 9)) m(model, base, n_right),
      range(1, 11) r(i)
    UNION ALL SELECT 'fast', 11, 'odd', NULL, 1`);
  });
  afterAll(() => engine.close());

  describe('cost per model on native DuckDB', () => {
    const o: CostOptions = { source: 'runs', cost: 'latency', model: 'model', feature: 'parity' };

    async function run(bySlice: boolean) {
      const summary = await rows(costSummarySql(o, bySlice));
      const keyCount = bySlice ? 2 : 1;
      const sql = orderStatisticsSql(o, bySlice, wantedRanks(summary, keyCount));
      const order = sql ? await rows(sql) : [];
      const groups = [ident('model'), ...(bySlice ? [ident('parity')] : [])].map(
        (g) => `CAST(${g} AS VARCHAR)`,
      );
      const q = buildMetricQuery('mean-outcome', {
        source: 'runs',
        columns: { outcome: 'correct' },
        groupBy: groups,
      });
      const quality = qualityByGroup(await rows(q.sql), keyCount, (r) =>
        readMetric('mean-outcome', r),
      );
      return readCost(summary, order, quality, {
        hasModel: true,
        bySlice,
        statistic: 'p50',
        higherIsBetter: true,
      });
    }

    it('mean, percentiles, their intervals, quality and the front', async () => {
      const [fast, mid, slow] = await run(false);
      // fast: 1..10 plus a NULL (11 rows, 10 costs). Mean 5.5, sd sqrt(55/6).
      expect(fast).toMatchObject({ model: 'fast', rows: 11, n: 10, mean: 5.5 });
      const half = 2.2621571627409915 * Math.sqrt(55 / 6 / 10); // t(0.975, 9) s / sqrt(n)
      expect(fast.meanInterval.low).toBeCloseTo(5.5 - half, 7);
      // numpy: percentile(1..10, 50) = 5.5, percentile(1..10, 95) = 9.55; median CI x(2)..x(9).
      expect(fast.p50).toBeCloseTo(5.5, 12);
      expect(fast.p95).toBeCloseTo(9.55, 12);
      expect(fast.p50Interval).toEqual({ low: 2, high: 9 });
      expect(mid.p50Interval).toEqual({ low: 12, high: 19 });
      // 10 values are too few for an upper bound on the 95th percentile.
      expect(fast.p95Interval.high).toBeNaN();
      // Quality: fast 7 of 11 (the NULL-cost row counts), mid 5/10, slow 9/10.
      expect(fast.quality.value).toBeCloseTo(7 / 11, 12);
      expect(mid.quality.value).toBeCloseTo(0.5, 12);
      expect(slow.qualityInterval.high).toBeLessThanOrEqual(1);
      // mid is slower and worse than fast: off the front.
      expect([fast.front, mid.front, slow.front]).toEqual([true, false, true]);
    });

    it('per slice of a feature', async () => {
      const all = await run(true);
      expect(all).toHaveLength(6);
      const fastEven = all.find((r) => r.model === 'fast' && r.slice === 'even')!;
      // 2, 4, 6, 8, 10: median 6. Even x(1)..x(5) covers only 1 - 2/32 = 93.75%: no finite 95% bounds.
      expect(fastEven).toMatchObject({ n: 5, p50: 6 });
      expect(fastEven.p50Interval).toEqual({ low: NaN, high: NaN });
      const slowOdd = all.find((r) => r.model === 'slow' && r.slice === 'odd')!;
      expect(slowOdd).toMatchObject({ n: 5, p50: 25 });
    });
  });
}
