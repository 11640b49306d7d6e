import type { SlicePick } from '../../explore/pick-slice';
import { featurePicks } from '../../explore/feature-picks';
import type { SliceRow } from './read-slice-table';
import type { SliceResult } from './run-slice-cell';

/**
 * What a click on a slice table's row filters to: its features' values or bins
 * (explore/feature-picks.ts). The model of a per-model table is not part of the slice: the
 * overview's rows and the charts' legends pick a model.
 */
export function slicePicks(
  result: Pick<SliceResult, 'features' | 'edges'>,
  row: SliceRow,
): SlicePick[] {
  return featurePicks(result.features, result.edges, row.values);
}
