import { sumBuckets } from '../../metrics/resample-buckets';

type Row = Record<string, unknown>;

/**
 * Random groups for the paired variance of a lead between two rates (pairedReweightedDifference):
 * an example's group is a hash of its id (the same for every model) mod RANDOM_GROUPS; for rates
 * statisticsSql buckets by it directly. 50 groups give the variance with 49 degrees of freedom
 * (Wolter 2007, ch. 2).
 */
export const RANDOM_GROUPS = 50;

/**
 * The statistics per bucket (statisticsSql's rows) summed per model, slice and random group:
 * groups.get(model).get(sliceKey)[g], undefined where the group has no row of that slice.
 */
export function randomGroups(
  bucketRows: readonly Row[],
  sliceOf: (row: Row) => { model: string; key: string },
  count = RANDOM_GROUPS,
): Map<string, Map<string, (Row | undefined)[]>> {
  const summed = sumBuckets(
    bucketRows.map((row) => ({ ...row, slice_group: Number(row.bucket) % count })),
  );
  const out = new Map<string, Map<string, (Row | undefined)[]>>();
  for (const row of summed) {
    const { model, key } = sliceOf(row);
    let slices = out.get(model);
    if (!slices) out.set(model, (slices = new Map()));
    let groups = slices.get(key);
    if (!groups) slices.set(key, (groups = new Array<Row | undefined>(count)));
    groups[Number(row.slice_group)] = row;
  }
  return out;
}
