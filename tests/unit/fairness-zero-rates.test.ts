import { describe, expect, it } from 'vitest';
import { disparityAgainst, disparityRange } from '../../src/lib/cells/fairness/disparity';
import { readFairnessGroups } from '../../src/lib/cells/fairness/read-fairness';

/**
 * Two groups where no positive example was missed (FN = 0 in both): the FNR is 0/40 and 0/25, so
 * the FNR ratio is 0 / 0, undefined. It has no value, and no interval is printed for it (the
 * adjusted-log Katz interval would still give (0.5/25.5)/(0.5/40.5) ± ..., about an unrelated 1.6).
 */
const [women, men] = readFairnessGroups(
  [
    { group_0: 'female', tp: 40, fp: 5, fn: 0, tn: 55, rows: 100, selected: 45, decided: 100 },
    { group_0: 'male', tp: 25, fp: 10, fn: 0, tn: 65, rows: 100, selected: 35, decided: 100 },
  ],
  1,
);

describe('a ratio of two rates that are both 0', () => {
  it('against the reference: no value and no interval', () => {
    const d = disparityAgainst(women, men);
    expect(d.fnrRatio.value).toBeNaN();
    expect(d.fnrRatio.interval.low).toBeNaN();
    expect(d.fnrRatio.interval.high).toBeNaN();
    // FPR 5/60 vs 10/75: the ratio is defined, 0.625 by hand, with its interval around it.
    expect(d.fprRatio.value).toBeCloseTo(5 / 60 / (10 / 75), 12);
    expect(d.fprRatio.interval.low).toBeLessThan(0.625);
    expect(d.fprRatio.interval.high).toBeGreaterThan(0.625);
  });

  it('across the groups (max − min): no value and no interval', () => {
    const range = disparityRange([women, men])!;
    expect(range.fnrRatio.value).toBeNaN();
    expect(range.fnrRatio.interval.low).toBeNaN();
    expect(range.fnrRatio.interval.high).toBeNaN();
  });
});
