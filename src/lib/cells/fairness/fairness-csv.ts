import { csvField } from '../../csv';
import type { Disparity, Estimate } from './disparity';
import { RATE_IDS, RATE_LABELS, type FairnessGroup } from './read-fairness';

const line = (fields: (string | number | boolean | null)[]) => fields.map(csvField).join(',');
const estimate = (e: Estimate) => [e.value, e.interval.low, e.interval.high];

/**
 * The fairness table as CSV: a row per group with every rate, its successes, trials and Wilson
 * interval; then a row per disparity (against the reference group, and max − min).
 */
export function fairnessCsv(
  groups: FairnessGroup[],
  features: string[],
  disparities: Disparity[],
): string {
  const rateHeads = RATE_IDS.flatMap((id) => {
    const name = RATE_LABELS[id].replaceAll(' ', '_');
    return [name, `${name}_successes`, `${name}_trials`, `${name}_low_95`, `${name}_high_95`];
  });
  const head = line([...features, 'rows', 'n', 'too_small', ...rateHeads]);
  const rows = groups.map((g) =>
    line([
      ...g.values,
      g.rows,
      g.n,
      g.tooSmall,
      ...RATE_IDS.flatMap((id) => {
        const r = g.rates[id];
        return [r.value, r.successes, r.trials, r.interval.low, r.interval.high];
      }),
    ]),
  );
  const measures = [
    'parity_difference',
    'parity_ratio',
    'equalized_odds',
    'fpr_ratio',
    'fnr_ratio',
  ];
  const disparityHead = line([
    'disparity',
    ...measures.flatMap((m) => [m, `${m}_low_95`, `${m}_high_95`]),
    'four_fifths_flag',
  ]);
  const disparityRows = disparities.map((d) =>
    line([
      d.name,
      ...estimate(d.parityDifference),
      ...estimate(d.parityRatio),
      ...estimate(d.equalizedOdds),
      ...estimate(d.fprRatio),
      ...estimate(d.fnrRatio),
      d.fourFifths,
    ]),
  );
  return [head, ...rows, '', disparityHead, ...disparityRows].join('\n') + '\n';
}
