import { newcombeDifference } from '../../stats/newcombe';
import { normalQuantile } from '../../stats/normal';
import { ratioInterval } from '../../stats/ratio-interval';
import type { Interval } from '../../stats/wilson';
import { groupName, type FairnessGroup, type Rate } from './read-fairness';

export interface Estimate {
  value: number;
  interval: Interval;
}

/** Disparity of a group against the reference (or, for the max-min row, across groups). */
export interface Disparity {
  /** The group, or "max − min" across the groups that are not too small. */
  name: string;
  parityDifference: Estimate;
  parityRatio: Estimate;
  /** The four-fifths rule: a selection-rate ratio below 0.8. */
  fourFifths: boolean;
  equalizedOdds: Estimate;
  fprRatio: Estimate;
  fnrRatio: Estimate;
}

/** Each of the two gaps in the equalized odds difference gets half of the 5% (Bonferroni). */
const Z_HALF = normalQuantile(1 - 0.05 / 4);

function difference(a: Rate, b: Rate, z?: number): Estimate {
  return {
    value: a.value - b.value,
    interval: newcombeDifference(a.successes, a.trials, b.successes, b.trials, z),
  };
}

function ratio(a: Rate, b: Rate): Estimate {
  return {
    value: a.value / b.value,
    interval: ratioInterval(a.successes, a.trials, b.successes, b.trials),
  };
}

/** |difference| with the interval of |D| implied by that of D. */
function absolute(d: Estimate): Estimate {
  const { low, high } = d.interval;
  const crosses = low <= 0 && high >= 0;
  return {
    value: Math.abs(d.value),
    interval: {
      low: crosses ? 0 : Math.min(Math.abs(low), Math.abs(high)),
      high: Math.max(Math.abs(low), Math.abs(high)),
    },
  };
}

/**
 * Equalized odds difference: the larger of the TPR and FPR gaps (Hardt et al. 2016, as in
 * Fairlearn). Its interval takes the max of the two |gap| intervals, each at 97.5% (Bonferroni),
 * so that together they hold with at least 95%.
 */
function equalizedOdds(tpr: Estimate, fpr: Estimate): Estimate {
  const [a, b] = [absolute(tpr), absolute(fpr)];
  return {
    value: Math.max(a.value, b.value),
    interval: {
      low: Math.max(a.interval.low, b.interval.low),
      high: Math.max(a.interval.high, b.interval.high),
    },
  };
}

/** The group's disparity against the reference group: differences and ratios are group vs ref. */
export function disparityAgainst(group: FairnessGroup, reference: FairnessGroup): Disparity {
  const [g, r] = [group.rates, reference.rates];
  const parityRatio = ratio(g.selection, r.selection);
  return {
    name: groupName(group),
    parityDifference: difference(g.selection, r.selection),
    parityRatio,
    fourFifths: parityRatio.value < 0.8,
    equalizedOdds: equalizedOdds(
      difference(g.tpr, r.tpr, Z_HALF),
      difference(g.fpr, r.fpr, Z_HALF),
    ),
    fprRatio: ratio(g.fpr, r.fpr),
    fnrRatio: ratio(g.fnr, r.fnr),
  };
}

/**
 * Max − min across the groups that are not too small: differences are the highest rate minus the
 * lowest, ratios the lowest over the highest, each with the interval of that pair of groups.
 */
export function disparityRange(groups: FairnessGroup[]): Disparity | null {
  const usable = groups.filter((g) => !g.tooSmall);
  if (usable.length < 2) return null;
  const extremes = (pick: (g: FairnessGroup) => Rate) => {
    const finite = usable.filter((g) => Number.isFinite(pick(g).value));
    const sorted =
      finite.length > 0 ? finite.sort((a, b) => pick(a).value - pick(b).value) : usable;
    return { low: pick(sorted[0]), high: pick(sorted[sorted.length - 1]) };
  };
  const selection = extremes((g) => g.rates.selection);
  const tpr = extremes((g) => g.rates.tpr);
  const fpr = extremes((g) => g.rates.fpr);
  const fnr = extremes((g) => g.rates.fnr);
  const parityRatio = ratio(selection.low, selection.high);
  return {
    name: 'max − min',
    parityDifference: difference(selection.high, selection.low),
    parityRatio,
    fourFifths: parityRatio.value < 0.8,
    equalizedOdds: equalizedOdds(
      difference(tpr.high, tpr.low, Z_HALF),
      difference(fpr.high, fpr.low, Z_HALF),
    ),
    fprRatio: ratio(fpr.low, fpr.high),
    fnrRatio: ratio(fnr.low, fnr.high),
  };
}

/** The reference group: the one named, else the largest. */
export function referenceGroup(groups: FairnessGroup[], name: string): FairnessGroup | undefined {
  const named = groups.find((g) => groupName(g) === name);
  if (named) return named;
  return [...groups].sort((a, b) => b.rows - a.rows)[0];
}
