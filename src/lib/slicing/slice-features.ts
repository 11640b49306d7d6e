import type { ColumnProfile } from '../ingest/profile';
import { parseEdges } from './binning';
import type { SliceFeature } from './slice-feature';

/** Numeric features with more distinct values than this are cut into bins, not sliced by value. */
export const BIN_ABOVE = 12;

/** A feature as a cell's settings name it: numeric ones cut at `bins` quantiles or at typed `edges`. */
export interface SliceFeatureSetting {
  column: string;
  bins?: number;
  edges?: string;
}

/** A list of SliceFeatureSetting as the notebook file's schema checks it (docs/notebook.schema.json). */
export function sliceFeaturesSchema(maxItems: number): object {
  return {
    type: 'array',
    maxItems,
    items: {
      type: 'object',
      required: ['column'],
      additionalProperties: false,
      properties: {
        column: { type: 'string' },
        bins: { type: 'integer', minimum: 2, maximum: 100 },
        edges: { type: 'string' },
      },
    },
  };
}

/**
 * How each feature is sliced on a table with these columns: by its values, or, for numeric
 * features with more than BIN_ABOVE values, in bins at quantiles (`bins`, default 4); typed cut
 * points (`edges`) bin a numeric feature. An error names a missing column, cut points on a column
 * that holds no numbers (DuckDB would fail with a raw conversion error), or bad cut points.
 */
export function resolveSliceFeatures(
  settings: readonly SliceFeatureSetting[],
  columns: readonly ColumnProfile[],
): SliceFeature[] | { error: string } {
  const out: SliceFeature[] = [];
  for (const f of settings) {
    const profile = columns.find((c) => c.name === f.column);
    if (!profile) return { error: `The dataset has no column "${f.column}".` };
    const numeric = profile.kind === 'integer' || profile.kind === 'number';
    if (f.edges?.trim()) {
      if (!numeric)
        return {
          error:
            `${f.column} holds ${profile.sqlType} values, not numbers, so it cannot be cut at ` +
            `${f.edges.trim()}: clear its cut points, or slice by a numeric column.`,
        };
      const edges = parseEdges(f.edges);
      if ('error' in edges) return { error: `Cut points of ${f.column}: ${edges.error}.` };
      out.push({ column: f.column, binning: { kind: 'edges', edges } });
    } else if (numeric && profile.distinct > BIN_ABOVE)
      out.push({ column: f.column, binning: { kind: 'quantile', bins: f.bins ?? 4 } });
    else out.push({ column: f.column });
  }
  return out;
}
