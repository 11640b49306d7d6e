import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../helpers/rows';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import { percentileInterval } from '../../src/lib/stats/bootstrap';
import {
  bucketWeightsSql,
  poissonWeightSql,
  readBucketWeights,
  replicatesSql,
} from '../../src/lib/metrics/bootstrap-sql';
import { normalQuantile } from '../../src/lib/stats/normal';
import { meanInterval } from '../../src/lib/stats/student-t';
import type { EngineFactory } from '../engines';

/** The bootstrap suite, run once per engine (tests/engines.ts). */
export function bootstrapSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
  });
  afterAll(async () => {
    await engine.close();
  });

  const rowsOf = async (sql: string) => rows(await engine.query(sql));

  // Poisson(1): P(K = k) = e^-1 / k! for k = 0..4, and P(K >= 5) for the last weight.
  const e = Math.exp(-1);
  const poisson = [e, e, e / 2, e / 6, e / 24, 1 - e * (1 + 1 + 1 / 2 + 1 / 6 + 1 / 24)];

  /** Pearson's chi-square of observed weight counts against Poisson(1); df = 5. */
  function chiSquare(counts: number[], total: number): number {
    return counts.reduce((sum, observed, k) => {
      const expected = total * poisson[k];
      return sum + (observed - expected) ** 2 / expected;
    }, 0);
  }

  describe('poissonWeightSql', () => {
    it.each([
      ['integer ids', 'id'],
      ['text ids', `'example-' || id::VARCHAR`],
    ])('gives Poisson(1) weights over 100k %s', async (_, idExpr) => {
      const result = await rowsOf(`SELECT w, count(*)::DOUBLE AS n FROM (
        SELECT ${poissonWeightSql(idExpr, '7')} AS w FROM range(100000) t(id)) GROUP BY w ORDER BY w`);
      expect(result.map((r) => Number(r.w))).toEqual([0, 1, 2, 3, 4, 5]);
      const counts = result.map((r) => Number(r.n));
      counts.forEach((count, k) => {
        const sd = Math.sqrt(poisson[k] * (1 - poisson[k]) * 100_000);
        expect(Math.abs(count - 100_000 * poisson[k])).toBeLessThan(4 * sd);
      });
      // chi-square(5) 0.999 quantile = 20.515.
      expect(chiSquare(counts, 100_000)).toBeLessThan(20.515);
    });

    it('has mean and variance near 1', async () => {
      const [r] = await rowsOf(`SELECT avg(w) AS mean, var_pop(w) AS variance
      FROM (SELECT ${poissonWeightSql('id', '0')} AS w FROM range(100000) t(id))`);
      // With the cuts of POISSON_CUTS (the Poisson(1) CDF to four places), E[w] = 0.9993 and Var[w] = 0.9939 (worked out by hand from
      // the six probabilities); standard error of the mean over 1e5 rows about 0.0032.
      expect(Math.abs(Number(r.mean) - 0.9993)).toBeLessThan(0.013);
      expect(Math.abs(Number(r.variance) - 0.9939)).toBeLessThan(0.03);
    });

    // Regression: DuckDB's hash(id, replicate) combines the two hashes weakly; replicates 0 and 1
    // had weights with correlation 0.33 (uniforms 0.62), which narrows every bootstrap interval.
    it('gives replicates that are uncorrelated with each other', async () => {
      const weights = Array.from(
        { length: 20 },
        (_, r) => `${poissonWeightSql('id', String(r))} AS w${r}`,
      );
      const pairs: string[] = [];
      for (let a = 0; a < 20; a++)
        for (let b = a + 1; b < 20; b++) pairs.push(`corr(w${a}, w${b})`);
      const [r] =
        await rowsOf(`SELECT greatest(${pairs.map((p) => `abs(${p})`).join(', ')}) AS worst
      FROM (SELECT ${weights.join(', ')} FROM range(100000) t(id))`);
      // 190 pairs, each with standard error 1/sqrt(1e5) = 0.0032: the largest stays below 5 of them.
      expect(Number(r.worst)).toBeLessThan(0.016);
    });

    it('is the same every time for the same id and replicate', async () => {
      // As text: native DuckDB's results give a list as JSON text, DuckDB-WASM's as an Arrow list.
      const sql = `SELECT list(${poissonWeightSql('id', 'replicate')} ORDER BY id, replicate)::VARCHAR AS w
      FROM range(500) t(id), ${replicatesSql(20)} r(replicate)`;
      const first = (await rowsOf(sql))[0].w;
      const second = (await rowsOf(sql))[0].w;
      expect(second).toEqual(first);
      // And it does not depend on the order rows arrive in.
      const [reversed] = await rowsOf(`SELECT list(w ORDER BY id, replicate)::VARCHAR AS w FROM (
      SELECT id, replicate, ${poissonWeightSql('id', 'replicate')} AS w
      FROM (SELECT * FROM range(500) t(id) ORDER BY id DESC), ${replicatesSql(20)} r(replicate))`);
      expect(reversed.w).toEqual(first);
    });
  });

  describe('bucketWeightsSql', () => {
    it("gives each bucket, replicate by replicate, poissonWeightSql's weight of its number", async () => {
      const weights = readBucketWeights(await rowsOf(bucketWeightsSql(300, 40)));
      const plain = await rowsOf(`SELECT b, r, ${poissonWeightSql('b', 'r')} AS w
      FROM range(300) t(b), ${replicatesSql(40)} s(r)`);
      expect(weights.map((w) => w.length)).toEqual(Array(40).fill(300));
      expect(plain).toHaveLength(300 * 40);
      for (const { b, r, w } of plain) expect(weights[Number(r)][Number(b)]).toBe(Number(w));
    });
  });

  describe('a Poisson bootstrap of a mean', () => {
    it('gives an interval close to the t interval on a normal sample', async () => {
      // 500 values at the normal quantiles of (i + 0.5)/500, mean 10, sd 2, in an order unrelated
      // to the id.
      const n = 500;
      const values = Array.from({ length: n }, (_, i) => 10 + 2 * normalQuantile((i + 0.5) / n));
      const rowsSql = values.map((v, i) => `(${(i * 7919) % n}, ${v})`).join(', ');
      await engine.query(`CREATE TABLE sample AS SELECT * FROM (VALUES ${rowsSql}) t(id, x)`);
      const replicates = await rowsOf(`SELECT replicate, sum(w * x) / sum(w) AS mean FROM (
        SELECT replicate, x, ${poissonWeightSql(ident('id'), 'replicate')} AS w
        FROM sample, ${replicatesSql(2000)} r(replicate)) GROUP BY replicate`);
      expect(replicates).toHaveLength(2000);
      const bootstrap = percentileInterval(replicates.map((r) => Number(r.mean)));

      const mean = values.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
      const t = meanInterval(mean, sd, n);
      const halfWidth = (t.high - t.low) / 2;
      // Half width about 1.965 x 2 / sqrt(500) = 0.176; the bootstrap agrees to within 10% of it.
      expect(halfWidth).toBeCloseTo(0.176, 2);
      expect(Math.abs(bootstrap.low - t.low)).toBeLessThan(0.1 * halfWidth);
      expect(Math.abs(bootstrap.high - t.high)).toBeLessThan(0.1 * halfWidth);
    });
  });

  describe('percentileInterval', () => {
    it('interpolates like numpy.percentile', () => {
      const values = Array.from({ length: 100 }, (_, i) => 100 - i);
      // numpy.percentile(range(1, 101), [5, 95]) = [5.95, 95.05]; [2.5, 97.5] = [3.475, 97.525].
      const ninety = percentileInterval(values, 0.9);
      expect(ninety.low).toBeCloseTo(5.95, 12);
      expect(ninety.high).toBeCloseTo(95.05, 12);
      const ninetyFive = percentileInterval(values);
      expect(ninetyFive.low).toBeCloseTo(3.475, 12);
      expect(ninetyFive.high).toBeCloseTo(97.525, 12);
    });

    it('leaves out undefined replicates, and needs two values', () => {
      expect(percentileInterval([NaN, 1, 3, NaN], 0.5)).toEqual({ low: 1.5, high: 2.5 });
      expect(percentileInterval([1, NaN]).low).toBeNaN();
      expect(() => percentileInterval([1, 2], 95)).toThrow(/between 0 and 1, not 95/);
    });

    it('rejects a replicate count that is not a whole number', () => {
      expect(() => replicatesSql(0)).toThrow(/whole number >= 1, not 0/);
      expect(() => replicatesSql(2.5)).toThrow(/not 2.5/);
    });
  });
}
