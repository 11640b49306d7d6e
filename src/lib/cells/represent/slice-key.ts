import { binsFor } from '../../slicing/binning';
import type { SliceFeature } from '../../slicing/slice-feature';

/** A slice of the mix: its value of each feature (a bin's label for binned ones; null: missing). */
export interface SliceValues {
  /** The values as one text, to match the test set's slices with the target's. */
  key: string;
  values: (string | null)[];
}

export function sliceKey(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}

/** The slice's values of a statistics row (slice_<offset>, slice_<offset + 1>, ...). */
export function sliceOfRow(
  row: Record<string, unknown>,
  features: number,
  offset = 0,
): SliceValues {
  const values = Array.from({ length: features }, (_, i) => {
    const v = row[`slice_${i + offset}`];
    return v === null || v === undefined ? null : String(v);
  });
  return { key: sliceKey(values), values };
}

/** A slice as the page names it: `night · rain`, a missing value as `(missing)`. */
export function sliceLabel(values: readonly (string | null)[]): string {
  return values.map((v) => v ?? '(missing)').join(' · ');
}

/**
 * Slices in reading order: binned features by their bins (low to high), others by value (numbers
 * as numbers), missing values last.
 */
export function sortSlices<S extends SliceValues>(
  slices: readonly S[],
  features: readonly SliceFeature[],
  edges: Record<string, number[]>,
): S[] {
  const binOrder = features.map((f) =>
    f.binning ? binsFor(edges[f.column] ?? []).map((b) => b.label) : null,
  );
  const compare = (a: string | null, b: string | null, i: number): number => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    const bins = binOrder[i];
    if (bins) return rank(bins.indexOf(a)) - rank(bins.indexOf(b)) || a.localeCompare(b);
    const [x, y] = [Number(a), Number(b)];
    if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y))
      return x - y;
    return a.localeCompare(b);
  };
  return [...slices].sort((s, t) => {
    for (let i = 0; i < s.values.length; i++) {
      const c = compare(s.values[i], t.values[i], i);
      if (c !== 0) return c;
    }
    return 0;
  });
}

const rank = (index: number) => (index < 0 ? Number.MAX_SAFE_INTEGER : index);
