import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Quality against a cost column (latency, tokens, memory) per model, with the Pareto front. */
export interface CostCell extends CellBase {
  kind: 'cost';
  dataset: string;
  /** The cost column; empty for the first column with the cost role. */
  cost: string;
  /** The cost statistic the front is drawn on. */
  statistic: 'mean' | 'p50' | 'p95';
  /** A feature to slice by; empty for per model only. */
  feature: string;
}

/** A new cost cell's settings. */
export function costDefaults(): Settings<CostCell> {
  return { dataset: '', cost: '', statistic: 'p50', feature: '' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const costSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    cost: { type: 'string' },
    statistic: { enum: ['mean', 'p50', 'p95'] },
    feature: { type: 'string' },
  },
  required: ['dataset', 'cost', 'statistic', 'feature'],
};
