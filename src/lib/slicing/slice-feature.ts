import { ident } from '../sql/quote';
import { binExpression, type Binning } from './binning';

export interface SliceFeature {
  column: string;
  /** Numeric features are binned; without binning a feature's values are its slices. */
  binning?: Binning;
}

/** The SQL expression of a feature's slice value: the column as text, or its bin's label. */
export function featureExpression(feature: SliceFeature, edges: Record<string, number[]>): string {
  if (feature.binning) return binExpression(feature.column, edges[feature.column] ?? []);
  return `CAST(${ident(feature.column)} AS VARCHAR)`;
}
