import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../src/lib/stats/wilson';

describe('wilsonInterval', () => {
  // Newcombe (1998), Statistics in Medicine 17:857-872, Table I, method 3 (score, no correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i matches Newcombe Table I: %f-%f', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('is exactly 0 at zero successes and exactly 1 at n successes', () => {
    expect(wilsonInterval(0, 20).low).toBe(0);
    expect(wilsonInterval(10, 10).high).toBe(1);
    // python3: Wilson 10/10, z = 1.959964 -> low 0.722467
    expect(wilsonInterval(10, 10).low).toBeCloseTo(0.722467, 6);
  });

  it('is undefined (NaN) without observations', () => {
    const interval = wilsonInterval(0, 0);
    expect(interval.low).toBeNaN();
    expect(interval.high).toBeNaN();
  });

  it('rejects success counts outside 0..n', () => {
    expect(() => wilsonInterval(11, 10)).toThrow(/outside 0\.\.10/);
    expect(() => wilsonInterval(-1, 10)).toThrow(/outside/);
  });

  it('narrows as n grows at the same proportion', () => {
    const small = wilsonInterval(5, 10);
    const large = wilsonInterval(500, 1000);
    expect(large.high - large.low).toBeLessThan(small.high - small.low);
  });
});
