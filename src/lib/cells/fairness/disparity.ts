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

/** A ratio of two rates that are both 0 is 0 / 0: no value, and so no interval to print. */
const UNDEFINED_RATIO: Estimate = { value: NaN, interval: { low: NaN, high: NaN } };

function ratio(a: Rate, b: Rate): Estimate {
  if (a.successes === 0 && b.successes === 0) return UNDEFINED_RATIO;
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
 * lowest, ratios the lowest over the highest. The two extreme groups are picked after looking
 * at all of them, so the interval of that one pair would be too narrow (with five groups of equal
 * rates it holds the true 0 about 70% of the time). The intervals here hold for every pair at
 * once, each pair's at 1 − 0.05/m for the m = k(k − 1)/2 pairs (Bonferroni): if all of them hold,
 * the true max − min lies between the largest lower end and the largest upper end of the
 * differences (and min / max between the smallest ends of the ratios), so that interval holds
 * with at least 95%.
 */
export function disparityRange(groups: FairnessGroup[]): Disparity | null {
  const usable = groups.filter((g) => !g.tooSmall);
  if (usable.length < 2) return null;
  const pairs = (usable.length * (usable.length - 1)) / 2;
  const z = normalQuantile(1 - 0.05 / (2 * pairs));
  // Equalized odds: the TPR and FPR gaps each get half of the 5% (Bonferroni), as above.
  const zHalf = normalQuantile(1 - 0.05 / (4 * pairs));
  const selection = rangeOf(
    usable.map((g) => g.rates.selection),
    z,
  );
  const tpr = rangeOf(
    usable.map((g) => g.rates.tpr),
    zHalf,
  );
  const fpr = rangeOf(
    usable.map((g) => g.rates.fpr),
    zHalf,
  );
  return {
    name: 'max − min',
    parityDifference: selection.difference,
    parityRatio: selection.ratio,
    fourFifths: selection.ratio.value < 0.8,
    equalizedOdds: {
      value: Math.max(tpr.difference.value, fpr.difference.value),
      interval: {
        low: Math.max(tpr.difference.interval.low, fpr.difference.interval.low),
        high: Math.max(tpr.difference.interval.high, fpr.difference.interval.high),
      },
    },
    fprRatio: rangeOf(
      usable.map((g) => g.rates.fpr),
      z,
    ).ratio,
    fnrRatio: rangeOf(
      usable.map((g) => g.rates.fnr),
      z,
    ).ratio,
  };
}

/** Max − min and min / max of rates, each with the interval over every ordered pair at `z`. */
function rangeOf(rates: Rate[], z: number): { difference: Estimate; ratio: Estimate } {
  const defined = rates.filter((r) => r.trials > 0);
  const none = { value: NaN, interval: { low: NaN, high: NaN } };
  if (defined.length < 2) return { difference: none, ratio: none };
  const values = defined.map((r) => r.value);
  const [low, high] = [Math.min(...values), Math.max(...values)];
  const ordered = defined.flatMap((a, i) => defined.filter((_, j) => j !== i).map((b) => [a, b]));
  const differences = ordered.map(([a, b]) =>
    newcombeDifference(a.successes, a.trials, b.successes, b.trials, z),
  );
  const ratios = ordered.map(([a, b]) =>
    ratioInterval(a.successes, a.trials, b.successes, b.trials, z),
  );
  return {
    difference: {
      value: high - low,
      interval: {
        low: Math.max(0, ...differences.map((d) => d.low)),
        high: Math.max(...differences.map((d) => d.high)),
      },
    },
    ratio:
      high === 0
        ? UNDEFINED_RATIO
        : {
            value: low / high,
            interval: {
              low: Math.min(...ratios.map((r) => r.low)),
              high: Math.min(1, ...ratios.map((r) => r.high)),
            },
          },
  };
}

/** The reference group: the one named, else the largest. */
export function referenceGroup(groups: FairnessGroup[], name: string): FairnessGroup | undefined {
  const named = groups.find((g) => groupName(g) === name);
  if (named) return named;
  return [...groups].sort((a, b) => b.rows - a.rows)[0];
}
