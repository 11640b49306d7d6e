import { describe, expect, it } from 'vitest';
import { newcombeDifference } from '../../src/lib/stats/newcombe';

describe('newcombeDifference', () => {
  // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10 (hybrid score, no
  // continuity correction), examples (a)-(h). Each was recomputed in python3 from the method's
  // formula and the Wilson intervals (scipy's z = 1.959964) before being written here.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%i/%i vs %i/%i matches Table II: %f to %f', (s1, n1, s2, n2, low, high) => {
    const interval = newcombeDifference(s1, n1, s2, n2);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('mirrors when the two groups swap', () => {
    const forward = newcombeDifference(56, 70, 48, 80);
    const back = newcombeDifference(48, 80, 56, 70);
    expect(back.low).toBeCloseTo(-forward.high, 12);
    expect(back.high).toBeCloseTo(-forward.low, 12);
  });

  it('is NaN when either group is empty', () => {
    expect(newcombeDifference(0, 0, 3, 10).low).toBeNaN();
    expect(newcombeDifference(3, 10, 0, 0).high).toBeNaN();
  });
});
