import { featureLevelOrder, levelsAt, sortByLevels } from '../../slicing/feature-level-order';
import { naturalLevelOrder } from '../../slicing/level-order';
import type { SliceFeature } from '../../slicing/slice-feature';
import type { SliceRow } from './read-slice-table';

/**
 * The table's default order: by model, then by each feature's levels, each in its natural order
 * (c01, c05, c10, c100 rather than SQL's text order c01, c10, c100, c05; bins low to high).
 */
export function sortSliceRows(
  rows: readonly SliceRow[],
  features: readonly SliceFeature[],
  edges: Record<string, number[]>,
): SliceRow[] {
  const key = (r: SliceRow) => [r.model, ...r.values];
  const orders = [
    naturalLevelOrder(levelsAt(rows, key, 0)).order,
    ...features.map((f, i) => featureLevelOrder(f, edges, levelsAt(rows, key, i + 1))),
  ];
  return sortByLevels(rows, key, orders);
}
