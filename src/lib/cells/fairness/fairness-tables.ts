import {
  featureNames,
  columnName,
  withInterval,
  type ResultTables,
} from '../../notebook/result-values';
import type { Estimate } from './disparity';
import { groupName, RATE_IDS, RATE_LABELS } from './read-fairness';
import type { FairnessResult } from './run-fairness-cell';

const MEASURES = ['parityDifference', 'parityRatio', 'equalizedOdds', 'fprRatio', 'fnrRatio'];

/** A fairness cell's tables: the rates per group, and each group's disparities. */
export function fairnessTables(result: FairnessResult): ResultTables {
  const names = featureNames(result.features, ['model', 'rows', 'n', 'too_small']);
  const model = result.model === null ? {} : { model: result.model };
  const groups = result.groups.map((g) => ({
    ...model,
    ...Object.fromEntries(names.map((name, i) => [name, g.values[i]])),
    rows: g.rows,
    n: g.n,
    too_small: g.tooSmall,
    ...Object.assign(
      {},
      ...RATE_IDS.map((id) => {
        const rate = g.rates[id];
        const name = columnName(RATE_LABELS[id]);
        return {
          ...withInterval(name, rate.value, rate.interval),
          [`${name}_successes`]: rate.successes,
          [`${name}_trials`]: rate.trials,
        };
      }),
    ),
  }));
  const sizes = new Map(result.groups.map((g) => [groupName(g), g.n]));
  const disparities = result.disparities.map((d) => ({
    ...model,
    group: d.name,
    reference: result.reference,
    n: sizes.get(d.name) ?? null,
    ...Object.assign(
      {},
      ...MEASURES.map((m) => {
        const e = d[m as keyof typeof d] as Estimate;
        return withInterval(columnName(m.replace(/[A-Z]/g, (c) => `_${c}`)), e.value, e.interval);
      }),
    ),
    four_fifths: d.fourFifths,
  }));
  return { groups, disparities };
}
