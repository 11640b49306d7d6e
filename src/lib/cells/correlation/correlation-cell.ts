import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';
import type { AxisScale } from '../../stats/axis-scales';

/** Two values of each model set against each other: a fitted line, Pearson's r, residuals. */
export interface CorrelationCell extends CellBase {
  kind: 'correlation';
  dataset: string;
  /**
   * A table with one row per model: two numeric columns. A dump of examples: two values of
   * `feature` (two conditions), on each of which `metric` is computed per model.
   */
  x: string;
  y: string;
  /** Examples only: the column whose values x and y are (empty: the condition column). */
  feature: string;
  /** Examples only: the metric (empty: the task's first). */
  metric: string;
  /** The axes the line is fitted on. */
  scale: AxisScale;
}

/** A new cell's settings. */
export function correlationDefaults(): Settings<CorrelationCell> {
  return { dataset: '', x: '', y: '', feature: '', metric: '', scale: 'linear' };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const correlationSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    x: { type: 'string' },
    y: { type: 'string' },
    feature: { type: 'string' },
    metric: { type: 'string' },
    scale: { enum: ['linear', 'logit', 'probit'] },
  },
  required: ['dataset', 'x', 'y', 'feature', 'metric', 'scale'],
};
