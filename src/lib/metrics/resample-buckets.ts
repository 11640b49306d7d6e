type Row = Record<string, unknown>;

/** Columns that are not sums: `centre` is a constant, `binary` an AND over the rows read. */
const NOT_SUMS = new Set(['bucket', 'centre', 'binary']);

/** A slice's statistics per bucket, as flat arrays. */
interface SliceBuckets {
  head: Row;
  model: unknown;
  buckets: number[];
  /** Bucket after bucket, the summed columns. */
  sums: number[];
  /** Per bucket: `binary`, where it has rows the metric reads (n > 0), else true. */
  binary: boolean[];
  read: boolean[];
}

/** A model's totals per replicate. */
interface Totals {
  head: Row;
  sums: Float64Array[];
  read: boolean[];
  binary: boolean[];
}

/**
 * The bucketed Poisson bootstrap's replicate rows, as the bootstrap query of buildSliceTable gives
 * them (the slice columns, `replicate`, the weighted statistics), made in JS from each slice's
 * statistics per bucket (buildMetricQuery with `buckets`) and each bucket's weight per replicate
 * (readBucketWeights). In SQL a row's weight is its bucket's and the statistics are weighted sums,
 * so a replicate's statistic is the sum over buckets of weight x the bucket's statistic. A slice
 * whose rows all drew weight 0 has no row in that replicate, as in SQL. A model's totals are the
 * sums of its slices (slice_0 is the model when `hasModel`).
 */
export function resampleBuckets(
  bucketRows: readonly Row[],
  weights: readonly Uint8Array[],
  hasModel: boolean,
): { slices: Row[]; totals: Row[] } {
  if (bucketRows.length === 0) return { slices: [], totals: [] };
  const columns = Object.keys(bucketRows[0]);
  const keys = columns.filter((c) => c.startsWith('slice_'));
  const summed = columns.filter((c) => !c.startsWith('slice_') && !NOT_SUMS.has(c));
  const width = summed.length;
  const rowsAt = summed.indexOf('rows');
  const hasBinary = columns.includes('binary');

  const slices = new Map<string, SliceBuckets>();
  for (const row of bucketRows) {
    const key = JSON.stringify(keys.map((k) => row[k] ?? null));
    let slice = slices.get(key);
    if (!slice) {
      const head: Row = Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
      if (columns.includes('centre')) head.centre = row.centre;
      const model = hasModel ? row.slice_0 : '';
      slice = { head, model, buckets: [], sums: [], binary: [], read: [] };
      slices.set(key, slice);
    }
    slice.buckets.push(Number(row.bucket));
    for (const c of summed) slice.sums.push(Number(row[c] ?? 0));
    slice.read.push(Number(row.n ?? 0) > 0);
    slice.binary.push(row.binary === true);
  }

  const toRow = (
    head: Row,
    replicate: number,
    sums: Float64Array,
    read: boolean,
    binary: boolean,
  ) => {
    const out: Row = { ...head, replicate };
    for (let c = 0; c < width; c++) out[summed[c]] = sums[c];
    if (hasBinary) out.binary = read && binary;
    return out;
  };
  const outSlices: Row[] = [];
  const totals = new Map<unknown, Totals>();
  for (const slice of slices.values()) {
    let total = totals.get(slice.model);
    if (!total) {
      const head: Row = hasModel ? { slice_0: slice.model } : {};
      if ('centre' in slice.head) head.centre = slice.head.centre;
      total = {
        head,
        sums: weights.map(() => new Float64Array(width)),
        read: weights.map(() => false),
        binary: weights.map(() => true),
      };
      totals.set(slice.model, total);
    }
    const buckets = Int32Array.from(slice.buckets);
    const stats = Float64Array.from(slice.sums);
    for (let replicate = 0; replicate < weights.length; replicate++) {
      const w = weights[replicate];
      const sums = new Float64Array(width);
      let read = false;
      let binary = true;
      for (let i = 0; i < buckets.length; i++) {
        const weight = w[buckets[i]];
        if (weight === 0) continue;
        for (let c = 0; c < width; c++) sums[c] += weight * stats[i * width + c];
        if (slice.read[i]) {
          read = true;
          binary &&= slice.binary[i];
        }
      }
      if (!(sums[rowsAt] > 0)) continue;
      outSlices.push(toRow(slice.head, replicate, sums, read, binary));
      const t = total.sums[replicate];
      for (let c = 0; c < width; c++) t[c] += sums[c];
      total.read[replicate] ||= read;
      total.binary[replicate] &&= binary;
    }
  }
  const outTotals: Row[] = [];
  for (const t of totals.values())
    t.sums.forEach((sums, replicate) => {
      if (sums[rowsAt] > 0)
        outTotals.push(toRow(t.head, replicate, sums, t.read[replicate], t.binary[replicate]));
    });
  return { slices: outSlices, totals: outTotals };
}

/**
 * The statistics of each slice over all its buckets (what the same query without buckets would
 * give): the sums added, `centre` kept, `binary` true where every bucket the metric reads is.
 */
export function sumBuckets(bucketRows: readonly Row[]): Row[] {
  const out = new Map<string, Row>();
  for (const row of bucketRows) {
    const keys = Object.keys(row).filter((c) => c.startsWith('slice_'));
    const key = JSON.stringify(keys.map((k) => row[k] ?? null));
    let total = out.get(key);
    if (!total) {
      total = Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
      out.set(key, total);
    }
    for (const [column, value] of Object.entries(row)) {
      if (column.startsWith('slice_') || column === 'bucket') continue;
      if (column === 'centre') total.centre = value;
      else if (column === 'binary') {
        if (Number(row.n ?? 0) > 0) total.binary = (total.binary ?? true) && value === true;
      } else total[column] = Number(total[column] ?? 0) + Number(value ?? 0);
    }
  }
  // As in SQL, a slice none of whose rows the metric reads is not binary.
  for (const total of out.values()) if ('binary' in bucketRows[0]) total.binary ??= false;
  return [...out.values()];
}
