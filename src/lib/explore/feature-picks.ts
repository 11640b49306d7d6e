import { binsFor } from '../slicing/binning';
import type { SliceFeature } from '../slicing/slice-feature';
import type { SlicePick } from './pick-slice';

/**
 * What a slice's features filter to (its funnel button, its "Add as filter"): each feature's
 * value, or for a binned feature its bin's range as the slice's SQL compares it
 * (`"x"::DOUBLE >= low AND "x"::DOUBLE < high`). `values[i]` is the slice's value of
 * `features[i]`, a bin's label for a binned one.
 */
export function featurePicks(
  features: readonly SliceFeature[],
  edges: Record<string, number[]>,
  values: readonly (string | null)[],
): SlicePick[] {
  return features.flatMap((feature, i): SlicePick[] => {
    const value = values[i] ?? null;
    if (!feature.binning || value === null) return [{ column: feature.column, value }];
    const bin = binsFor(edges[feature.column] ?? []).find((b) => b.label === value);
    if (!bin || (bin.low === null && bin.high === null)) return [];
    return [
      {
        column: feature.column,
        low: bin.low === null ? null : { value: bin.low, inclusive: true },
        high: bin.high === null ? null : { value: bin.high, inclusive: false },
        cast: true,
      },
    ];
  });
}
