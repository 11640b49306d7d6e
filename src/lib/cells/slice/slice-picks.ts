import type { SlicePick } from '../../explore/pick-slice';
import { binsFor } from '../../slicing/binning';
import type { SliceRow } from './read-slice-table';
import type { SliceResult } from './run-slice-cell';

/**
 * What a click on a slice filters to: each feature's value, or for a binned feature its bin's
 * range (as the table's SQL compares it: `"x"::DOUBLE >= low AND "x"::DOUBLE < high`). The model
 * of a per-model table is not part of the slice: the overview's rows and the charts' legends pick
 * a model.
 */
export function slicePicks(
  result: Pick<SliceResult, 'features' | 'edges'>,
  row: SliceRow,
): SlicePick[] {
  return result.features.flatMap((feature, i): SlicePick[] => {
    const value = row.values[i] ?? null;
    if (!feature.binning || value === null) return [{ column: feature.column, value }];
    const bin = binsFor(result.edges[feature.column] ?? []).find((b) => b.label === value);
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
