import { describe, expect, it } from 'vitest';
import { shareRight } from '../../src/lib/metrics/share-right';

/** Two models, three buckets: counts per (bucket, pattern) as agreementSql gives them. */
const rows = [
  { overall: 1, complete: true, pattern: 0b11, bucket: 0, examples: 4 },
  { overall: 1, complete: true, pattern: 0b01, bucket: 0, examples: 1 },
  { overall: 1, complete: true, pattern: 0b10, bucket: 1, examples: 2 },
  { overall: 1, complete: true, pattern: 0b00, bucket: 2, examples: 3 },
  // Left out: not complete, or a slice's row.
  { overall: 1, complete: false, pattern: 0b01, bucket: null, examples: 9 },
  { overall: 0, complete: true, pattern: 0b11, bucket: 0, examples: 4 },
];

describe('shareRight', () => {
  it('reads each model right in the patterns with its bit, weighted by bucket', () => {
    const weights = [Uint8Array.from([1, 1, 1]), Uint8Array.from([2, 0, 1])];
    const { points, replicates } = shareRight('accuracy', ['a', 'b'], rows, weights);
    // All weights 1: 10 examples; a right in 4 + 1 = 5, b in 4 + 2 = 6.
    expect(points.map((p) => [p.value, p.n])).toEqual([
      [0.5, 10],
      [0.6, 10],
    ]);
    expect(replicates[0]).toEqual([0.5, 0.6]);
    // Weights 2, 0, 1: 2 x 5 + 3 = 13 examples; a right 2 x 5 = 10, b 2 x 4 = 8.
    expect(replicates[1][0]).toBeCloseTo(10 / 13, 15);
    expect(replicates[1][1]).toBeCloseTo(8 / 13, 15);
  });

  it('flips to errors for the error rate, its Wilson interval counting errors', () => {
    const { points } = shareRight('error-rate', ['a', 'b'], rows, [Uint8Array.from([1, 1, 1])]);
    expect(points[0].value).toBeCloseTo(0.5, 15);
    expect(points[1].value).toBeCloseTo(0.4, 15);
    expect(points[1].interval!.low).toBeLessThan(0.4);
  });
});
