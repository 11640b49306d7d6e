import { quantileEdgesSql, readEdges } from './binning';
import type { SliceFeature } from './slice-feature';

/**
 * The cut points of each binned feature: typed ones as given, quantile ones computed on `source`
 * (its rows meeting `filter`). `read` runs a query and returns its rows.
 */
export async function featureEdges(
  features: readonly SliceFeature[],
  source: string,
  filter: string,
  read: (sql: string) => Promise<Record<string, unknown>[]>,
): Promise<Record<string, number[]>> {
  const edges: Record<string, number[]> = {};
  for (const f of features) {
    if (f.binning?.kind === 'edges') edges[f.column] = f.binning.edges;
    if (f.binning?.kind !== 'quantile') continue;
    const query = quantileEdgesSql(source, f.column, f.binning.bins, filter);
    edges[f.column] = readEdges((await read(query))[0] ?? {});
  }
  return edges;
}
