import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Metric vs severity per model and condition: curves, drop, area, mCE, effective robustness. */
export interface RobustnessCell extends CellBase {
  kind: 'robustness';
  dataset: string;
  /** The shifted severity levels (as text), mildest first; empty for the inferred order. */
  severityOrder: string[];
  /** The reference model of the corruption error (mCE); empty for the first model. */
  reference: string;
  /**
   * The accuracies effective robustness sets against each other: 'clean', 'shifted' (every
   * shifted cell), 'level:<level>' or 'condition:<condition>'; empty for the defaults.
   */
  inDistribution: string;
  shifted: string;
  /** The axes of the effective-robustness fit: logit (Taori et al.) or probit (Miller et al.). */
  link: 'logit' | 'probit';
  /** Small multiples per condition (models by colour), or per model (conditions by colour). */
  layout: 'by-condition' | 'by-model';
}

/** A new robustness cell's settings. */
export function robustnessDefaults(): Settings<RobustnessCell> {
  return {
    dataset: '',
    severityOrder: [],
    reference: '',
    inDistribution: '',
    shifted: '',
    link: 'logit',
    layout: 'by-condition',
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const robustnessSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    severityOrder: { type: 'array', items: { type: 'string' } },
    reference: { type: 'string' },
    inDistribution: { type: 'string' },
    shifted: { type: 'string' },
    link: { enum: ['logit', 'probit'] },
    layout: { enum: ['by-condition', 'by-model'] },
  },
  required: [
    'dataset',
    'severityOrder',
    'reference',
    'inDistribution',
    'shifted',
    'link',
    'layout',
  ],
};
