import { formatCount, formatDifference, formatMetric } from '../format';
import type { SliceComparison } from './read-comparison';
import type { BaselineComparison } from './run-baseline';

/** Accuracy reads as a percentage, means and errors as numbers. */
export const asRate = (r: SliceComparison) => r.metric === 'accuracy';

/** The slice and its model: `region: rural (fair-gbm)`. */
export const sliceWhere = (r: SliceComparison) =>
  `${r.slice}${r.model === null ? '' : ` (${r.model})`}`;

/** One run's value of a comparison's metric: `82.8%` for rates. */
export const metricText = (r: SliceComparison, x: number) => formatMetric(x, asRate(r));

/** A difference and its interval: `-11.8 pts [-14.2, -9.5]` for rates. */
export function changeText(r: SliceComparison): string {
  const bound = (x: number) => formatDifference(x, asRate(r)).replace(' pts', '');
  return `${formatDifference(r.difference, asRate(r))} [${bound(r.interval.low)}, ${bound(r.interval.high)}]`;
}

/** How each dataset was compared, in a sentence: the metric, the rows, paired or not and why. */
export function matchingText(comparison: BaselineComparison): string[] {
  return comparison.matching.map((m) => {
    const metric = comparison.rows.find((r) => r.dataset === m.dataset)?.metric ?? '';
    const how = m.paired
      ? `paired on ${formatCount(m.common)} examples (by example id within a model)`
      : `unpaired (${m.unpairedBecause})`;
    return `${m.dataset}: ${metric}, ${formatCount(m.rowsCandidate)} candidate rows against ${formatCount(m.rowsBaseline)} baseline rows, ${how}.`;
  });
}

/** The gate in words: what makes a slice worse or better. */
export function gateText(
  rows: readonly SliceComparison[],
  gate: { maxQ: number; minDrop: number },
): string {
  const minimum = rows.some(asRate)
    ? `${(gate.minDrop * 100).toFixed(1)} points`
    : String(gate.minDrop);
  return `q < ${gate.maxQ} and a change of more than ${minimum}`;
}
