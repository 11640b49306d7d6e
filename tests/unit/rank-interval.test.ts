import { describe, expect, it } from 'vitest';
import { rankInterval, ranksOf } from '../../src/lib/stats/rank-interval';

describe('ranksOf', () => {
  it('ranks the highest first, ties sharing the better rank', () => {
    expect(ranksOf([0.7, 0.9, 0.7, 0.5], 'higher')).toEqual([2, 1, 2, 4]);
  });
  it('ranks the lowest first for errors, and leaves an undefined value unranked', () => {
    expect(ranksOf([3.1, NaN, 2.0, 5], 'lower')).toEqual([2, NaN, 1, 3]);
  });
});

describe('rankInterval', () => {
  it('takes the 5th smallest and the 5th largest of 200 replicates', () => {
    // Rank 1 in 4 replicates, 2 in 190, 3 in 6: 1 is in the lower 2.5% (4 of 200), 3 is not
    // in the upper (6 of 200).
    const ranks = [...Array(4).fill(1), ...Array(190).fill(2), ...Array(6).fill(3)];
    expect(rankInterval(ranks)).toEqual({ low: 2, high: 3 });
    // Rank 1 in 5 replicates and 3 in 5: both ends now hold exactly 2.5%, and both are in.
    ranks[4] = 1;
    ranks[195] = 2;
    expect(rankInterval(ranks)).toEqual({ low: 1, high: 3 });
    ranks[3] = 2;
    ranks[196] = 2;
    expect(rankInterval(ranks)).toEqual({ low: 2, high: 2 });
  });
  it('is undefined without ranks', () => {
    expect(rankInterval([NaN, NaN]).low).toBeNaN();
  });
});
