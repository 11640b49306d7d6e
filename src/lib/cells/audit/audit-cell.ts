import type { Settings, SettingsSchema } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

/** The findings the "what if" can leave out. */
export const EXCLUDABLE = ['gold-differs', 'suspects', 'duplicates', 'none-right'] as const;
export type Excludable = (typeof EXCLUDABLE)[number];

/**
 * The benchmark audited through several models' answers on the same examples: gold labels that
 * differ between models' rows, suspect gold labels, examples no model (or every model) gets
 * right, duplicated inputs; and the leaderboard without the examples the user leaves out.
 */
export interface AuditCell extends CellBase {
  kind: 'audit';
  dataset: string;
  /** Values of the model column to audit with; empty for every model (up to 12). */
  models: string[];
  /** A feature to slice the shares and the "what if" by; empty for none. */
  feature: string;
  /** The input text whose duplicates to find; empty: the column with the longest text; null: none. */
  text: string | null;
  /** The models that vote on a suspect gold: the k most accurate; 0 for every model. */
  strongest: number;
  /** How many of the voting models must agree on one answer other than the gold; 0 for all. */
  agree: number;
  /** Near duplicates: Jaccard similarity of the texts' character 5-grams at least this. */
  similarity: number;
  /** What the "what if" leaves out; empty for no "what if". */
  exclude: Excludable[];
}

/** A new audit cell's settings. */
export function auditDefaults(): Settings<AuditCell> {
  return {
    dataset: '',
    models: [],
    feature: '',
    text: '',
    strongest: 0,
    agree: 0,
    similarity: 0.8,
    exclude: [],
  };
}

/** The settings as the notebook file's schema checks them (docs/notebook.schema.json). */
export const auditSchema: SettingsSchema = {
  properties: {
    dataset: { type: 'string' },
    models: { type: 'array', maxItems: 1000, items: { type: 'string' } },
    feature: { type: 'string' },
    text: { type: ['string', 'null'] },
    strongest: { type: 'integer', minimum: 0, maximum: 1000 },
    agree: { type: 'integer', minimum: 0, maximum: 1000 },
    similarity: { type: 'number', minimum: 0.5, maximum: 1 },
    exclude: { type: 'array', uniqueItems: true, items: { enum: [...EXCLUDABLE] } },
  },
  required: ['dataset', 'models', 'feature', 'text', 'strongest', 'agree', 'similarity', 'exclude'],
};
