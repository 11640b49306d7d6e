import type { Table } from 'apache-arrow';

type Row = Record<string, unknown>;

/**
 * Random groups for the paired variance of a lead between two rates (pairedReweightedDifference):
 * an example's group is a hash of its id (the same for every model) mod RANDOM_GROUPS; for rates
 * statisticsSql buckets by it directly. 50 groups give the variance with 49 degrees of freedom
 * (Wolter 2007, ch. 2).
 */
export const RANDOM_GROUPS = 50;

/** Columns of the statistics that are not sums: `centre` is a constant, `binary` an AND. */
const NOT_SUMS = new Set(['bucket', 'centre', 'binary']);

export interface GroupStatistics {
  /** Per model and slice, the statistics over all its groups (as sumBuckets sums them). */
  totals: Row[];
  /** groups.get(model).get(sliceKey)[g]: group g's statistics, undefined where it has no row. */
  groups: Map<string, Map<string, (Row | undefined)[]>>;
}

/**
 * statisticsSql's result for a rate (a row per model, slice and random group, `bucket` the
 * group) read column by column: each slice's totals and its statistics per group. The slice
 * columns (`slice_*`) name a model and slice through `sliceOf`. Reading the 14,400 rows of 3
 * models x 96 slices x 50 groups as JS objects and summing them row by row took longer than the
 * query itself (bench/README.md, "The target mix").
 */
export function groupStatistics(
  table: Table,
  sliceOf: (row: Row) => { model: string; key: string },
  count = RANDOM_GROUPS,
): GroupStatistics {
  const names = table.schema.fields.map((f) => f.name);
  const keys = names.filter((n) => n.startsWith('slice_'));
  const sums = names.filter((n) => !n.startsWith('slice_') && !NOT_SUMS.has(n));
  const width = sums.length;
  // Whole columns at once: Arrow's get(i) per cell cost more than the query's rows were worth.
  const values = (name: string): unknown[] => {
    const column = table.getChild(name)!;
    return column.nullCount > 0
      ? Array.from({ length: table.numRows }, (_, i) => column.get(i))
      : Array.from(column.toArray() as ArrayLike<unknown>);
  };
  const keyColumns = keys.map(values);
  const sumColumns = sums.map((name) => Float64Array.from(values(name), (v) => Number(v ?? 0)));
  const bucket = Float64Array.from(values('bucket'), Number);
  const centre = names.includes('centre') ? values('centre') : undefined;
  const binary = names.includes('binary') ? values('binary') : undefined;
  const n = sums.indexOf('n');

  interface Slice {
    head: Row;
    model: string;
    key: string;
    /** Group after group, the summed columns; NaN in the first where the group has no row. */
    groups: Float64Array;
    /** Per group: `binary`. */
    binary: boolean[];
  }
  const slices = new Map<string, Slice>();
  for (let i = 0; i < table.numRows; i++) {
    const id = JSON.stringify(keyColumns.map((c) => c[i] ?? null));
    let slice = slices.get(id);
    if (!slice) {
      const head: Row = Object.fromEntries(keys.map((k, j) => [k, keyColumns[j][i] ?? null]));
      if (centre) head.centre = centre[i];
      slice = {
        head,
        ...sliceOf(head),
        groups: new Float64Array(count * width).fill(NaN),
        binary: [],
      };
      slices.set(id, slice);
    }
    const g = bucket[i];
    for (let c = 0; c < width; c++) slice.groups[g * width + c] = sumColumns[c][i];
    if (binary) slice.binary[g] = binary[i] === true;
  }

  const totals: Row[] = [];
  const groups = new Map<string, Map<string, (Row | undefined)[]>>();
  for (const slice of slices.values()) {
    const total: Row = { ...slice.head };
    const perGroup: (Row | undefined)[] = new Array(count);
    const sum = new Float64Array(width);
    let allBinary: boolean | null = null;
    for (let g = 0; g < count; g++) {
      if (Number.isNaN(slice.groups[g * width])) continue;
      const group: Row = {};
      for (let c = 0; c < width; c++) {
        const value = slice.groups[g * width + c];
        sum[c] += value;
        group[sums[c]] = value;
      }
      if (centre) group.centre = slice.head.centre;
      if (binary) {
        group.binary = slice.binary[g];
        // Only groups the metric reads (n > 0) count, as in sumBuckets.
        if (n >= 0 && slice.groups[g * width + n] > 0)
          allBinary = (allBinary ?? true) && slice.binary[g];
      }
      perGroup[g] = group;
    }
    sums.forEach((s, c) => (total[s] = sum[c]));
    // As in SQL, a slice none of whose rows the metric reads is not binary.
    if (binary) total.binary = allBinary ?? false;
    totals.push(total);
    let byKey = groups.get(slice.model);
    if (!byKey) groups.set(slice.model, (byKey = new Map()));
    byKey.set(slice.key, perGroup);
  }
  return { totals, groups };
}
