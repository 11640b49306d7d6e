import { ident, literal } from '../sql/quote';
import { binCondition, binsFor } from './binning';
import type { SliceFeature } from './slice-feature';

/**
 * The SQL condition selecting one slice's rows: each feature equal to the slice's value (or in
 * its bin), and the model when the table is per model.
 */
export function sliceCondition(
  features: SliceFeature[],
  edges: Record<string, number[]>,
  values: (string | null)[],
  model?: { column: string; value: string | null },
): string {
  const parts = features.map((f, i) => {
    const value = values[i];
    if (value === null) return `${ident(f.column)} IS NULL`;
    if (f.binning) {
      const bin = binsFor(edges[f.column] ?? []).find((b) => b.label === value);
      return bin ? binCondition(f.column, bin) : 'FALSE';
    }
    return `CAST(${ident(f.column)} AS VARCHAR) = ${literal(value)}`;
  });
  if (model)
    parts.push(
      model.value === null
        ? `${ident(model.column)} IS NULL`
        : `CAST(${ident(model.column)} AS VARCHAR) = ${literal(model.value)}`,
    );
  return parts.join(' AND ') || 'TRUE';
}
