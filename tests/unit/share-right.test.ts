import { describe, expect, it } from 'vitest';
import { PATTERN_SEED, patternCounts, shareRight } from '../../src/lib/metrics/share-right';
import { exactPoisson } from '../../src/lib/stats/exact-poisson';
import { seededUniform } from '../../src/lib/stats/seeded-uniform';
import { rankInterval, ranksOf } from '../../src/lib/stats/rank-interval';

/** Two models: counts per pattern as agreementSql gives them (complete examples, overall). */
const rows = [
  { overall: 1, complete: true, pattern: 0b11, examples: 4 },
  { overall: 1, complete: true, pattern: 0b01, examples: 1 },
  { overall: 1, complete: true, pattern: 0b10, examples: 2 },
  { overall: 1, complete: true, pattern: 0b00, examples: 3 },
  // Left out: not complete, or a slice's row.
  { overall: 1, complete: false, pattern: 0b01, examples: 9 },
  { overall: 0, complete: true, pattern: 0b11, examples: 4 },
];

describe('shareRight', () => {
  it('reads each model right in the patterns with its bit: a 5 of 10, b 6 of 10', () => {
    expect(patternCounts(rows)).toEqual([
      [0b00, 3],
      [0b01, 1],
      [0b10, 2],
      [0b11, 4],
    ]);
    const { points } = shareRight('accuracy', ['a', 'b'], rows, 0);
    expect(points.map((p) => [p.value, p.n])).toEqual([
      [0.5, 10],
      [0.6, 10],
    ]);
  });

  it('draws a Poisson total per pattern, patterns in order, replicate after replicate', () => {
    const { replicates } = shareRight('accuracy', ['a', 'b'], rows, 3);
    const draw = exactPoisson(seededUniform(PATTERN_SEED));
    for (const replicate of replicates) {
      const [none, onlyA, onlyB, both] = [3, 1, 2, 4].map((n) => draw(n));
      const n = none + onlyA + onlyB + both;
      expect(replicate).toEqual([(onlyA + both) / n, (onlyB + both) / n]);
    }
    // The same counts give the same replicates on every run; the first B of more are the same.
    expect(shareRight('accuracy', ['a', 'b'], rows, 5).replicates.slice(0, 3)).toEqual(replicates);
  });

  it('flips to errors for the error rate, its Wilson interval counting errors', () => {
    const { points } = shareRight('error-rate', ['a', 'b'], rows, 0);
    expect(points[0].value).toBeCloseTo(0.5, 15);
    expect(points[1].value).toBeCloseTo(0.4, 15);
    expect(points[1].interval!.low).toBeLessThan(0.4);
  });
});

/**
 * The pattern bootstrap against the example-level Poisson bootstrap it replaces: 4 models on 400
 * examples, each right with its own chance (two models nearly tied), 4,000 replicates each way,
 * the example-level one weighing every example by its own Poisson(1) draw from another seed.
 */
describe('the pattern bootstrap is the example-level Poisson bootstrap in distribution', () => {
  const SKILL = [0.55, 0.7, 0.71, 0.8];
  const N = 400;
  const B = 4000;
  const random = seededUniform(5);
  const right = Array.from({ length: N }, () => SKILL.map((s) => random() < s));
  const patternOf = (r: boolean[]) => r.reduce((x, ok, m) => x | (ok ? 1 << m : 0), 0);
  const counts = new Map<number, number>();
  for (const r of right) counts.set(patternOf(r), (counts.get(patternOf(r)) ?? 0) + 1);
  const rows = [...counts].map(([pattern, examples]) => ({
    overall: 1,
    complete: true,
    pattern,
    examples,
  }));
  const models = SKILL.map((_, m) => `m${m}`);

  const byPattern = shareRight('accuracy', models, rows, B).replicates;
  const poisson1 = exactPoisson(seededUniform(99));
  const byExample = Array.from({ length: B }, () => {
    const sums = SKILL.map(() => 0);
    let n = 0;
    for (const r of right) {
      const w = poisson1(1);
      n += w;
      r.forEach((ok, m) => (sums[m] += ok ? w : 0));
    }
    return sums.map((s) => s / n);
  });

  const column = (reps: number[][], f: (row: number[]) => number) => reps.map(f);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = (xs: number[]) => {
    const m = mean(xs);
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  };
  /** Two-sample Kolmogorov-Smirnov statistic. */
  const ks = (a: number[], b: number[]) => {
    const [x, y] = [a, b].map((v) => [...v].sort((p, q) => p - q));
    let [i, j, d] = [0, 0, 0];
    while (i < x.length && j < y.length) {
      const t = Math.min(x[i], y[j]);
      while (i < x.length && x[i] <= t) i++;
      while (j < y.length && y[j] <= t) j++;
      d = Math.max(d, Math.abs(i / x.length - j / y.length));
    }
    return d;
  };
  // KS at alpha 0.001 for two samples of B: sqrt(-ln(0.0005) / 2) sqrt(2 / B) = 0.0437.
  const critical = Math.sqrt(-Math.log(0.0005) / 2) * Math.sqrt(2 / B);

  it('each model`s value: the same mean, spread (within 5%) and distribution (KS, alpha 0.001)', () => {
    SKILL.forEach((_, m) => {
      const a = column(byPattern, (r) => r[m]);
      const b = column(byExample, (r) => r[m]);
      const p = right.filter((r) => r[m]).length / N;
      // Both centre on the sample's value, with the binomial standard error sqrt(p (1 - p) / N).
      const se = Math.sqrt((p * (1 - p)) / N);
      expect(Math.abs(mean(a) - p)).toBeLessThan((4 * se) / Math.sqrt(B));
      expect(Math.abs(mean(b) - p)).toBeLessThan((4 * se) / Math.sqrt(B));
      expect(sd(a) / sd(b)).toBeGreaterThan(0.95);
      expect(sd(a) / sd(b)).toBeLessThan(1.05);
      expect(Math.abs(sd(a) / se - 1)).toBeLessThan(0.05);
      expect(ks(a, b)).toBeLessThan(critical);
    });
  });

  it('paired differences keep the models` correlation: the same spread and distribution', () => {
    for (const [i, j] of [
      [1, 2],
      [0, 3],
    ]) {
      const a = column(byPattern, (r) => r[i] - r[j]);
      const b = column(byExample, (r) => r[i] - r[j]);
      // The paired difference's standard error from the discordant examples (McNemar's b and c).
      const only = (x: number, y: number) => right.filter((r) => r[x] && !r[y]).length / N;
      const d = only(i, j) - only(j, i);
      const se = Math.sqrt((only(i, j) + only(j, i) - d * d) / N);
      expect(Math.abs(sd(a) / se - 1)).toBeLessThan(0.05);
      expect(sd(a) / sd(b)).toBeGreaterThan(0.95);
      expect(sd(a) / sd(b)).toBeLessThan(1.05);
      expect(ks(a, b)).toBeLessThan(critical);
    }
  });

  it('the rank intervals agree, and each rank`s share of replicates within 2 points', () => {
    const ranks = (reps: number[][]) => reps.map((r) => ranksOf(r, 'higher'));
    const [a, b] = [ranks(byPattern), ranks(byExample)];
    SKILL.forEach((_, m) => {
      expect(rankInterval(a.map((r) => r[m]))).toEqual(rankInterval(b.map((r) => r[m])));
      for (let rank = 1; rank <= SKILL.length; rank++) {
        const share = (rs: number[][]) => rs.filter((r) => r[m] === rank).length / B;
        expect(Math.abs(share(a) - share(b))).toBeLessThan(0.02);
      }
    });
  });
});
