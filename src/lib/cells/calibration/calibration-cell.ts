import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** Reliability of a score (binary) or of the top-label confidence (multiclass): ECE, MCE, Brier. */
export interface CalibrationCell extends CellBase {
  kind: 'calibration';
  dataset: string;
  /** The score (binary: P(positive)) or confidence column; empty for the first score column. */
  score: string;
  /** Per-class probability columns (multiclass): the confidence is their largest. */
  classScores: string[];
  /** The positive class of a binary task; empty for the largest label value. */
  positive: string;
  /** Equal-width bins over [0, 1], or equal-mass bins (the same count of examples in each). */
  binning: 'width' | 'mass';
  bins: number;
  /** A feature to slice by; empty for per model only. */
  feature: string;
  replicates: number;
}

/** A new calibration cell's settings. */
export function calibrationDefaults(): Settings<CalibrationCell> {
  return {
    dataset: '',
    score: '',
    classScores: [],
    positive: '',
    binning: 'width',
    bins: 15,
    feature: '',
    replicates: 200,
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const calibrationSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    score: { type: 'string' },
    classScores: { type: 'array', maxItems: 1000, items: { type: 'string' } },
    positive: { type: 'string' },
    binning: { enum: ['width', 'mass'] },
    bins: { type: 'integer', minimum: 2, maximum: 100 },
    feature: { type: 'string' },
    replicates: { type: 'integer', minimum: 0, maximum: 2000 },
  },
  required: [
    'dataset',
    'score',
    'classScores',
    'positive',
    'binning',
    'bins',
    'feature',
    'replicates',
  ],
};
