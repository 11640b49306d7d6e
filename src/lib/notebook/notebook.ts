import type { Role, TaskKind } from '../ingest/roles';

/** The version of the `.slicebook.json` format this build writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 1;

export type CellKind = 'markdown' | 'sql' | 'chart' | 'overview' | 'slice' | 'fairness' | 'compare';

interface CellBase {
  id: string;
  /** Later cells query an earlier cell's result by this name. */
  name: string;
  collapsed: boolean;
}

export interface MarkdownCell extends CellBase {
  kind: 'markdown';
  text: string;
}

export interface SqlCell extends CellBase {
  kind: 'sql';
  sql: string;
}

export interface ChartCell extends CellBase {
  kind: 'chart';
  /** The name of the cell whose result the chart shows. */
  source: string;
  /** The Vega-Lite spec as the user typed it (JSON text). */
  spec: string;
}

export interface OverviewCell extends CellBase {
  kind: 'overview';
  /** The dataset (its SQL name) the overview is computed on. */
  dataset: string;
}

/** A feature to slice by: numeric features are cut at quantiles (`bins`) or typed cut points (`edges`). */
export interface SliceFeatureSetting {
  column: string;
  bins?: number;
  edges?: string;
}

export interface SliceCell extends CellBase {
  kind: 'slice';
  dataset: string;
  /** A metric id of analyses/metrics.ts; empty for the task's headline metric. */
  metric: string;
  /** One or two features. */
  features: SliceFeatureSetting[];
  /** Bootstrap replicates for metrics that are not rates. */
  replicates: number;
}

/** Per-group rates and disparities of one model's binary decisions (one-vs-rest for multiclass). */
export interface FairnessCell extends CellBase {
  kind: 'fairness';
  dataset: string;
  /** The model (a value of the model column); empty for the first. */
  model: string;
  /** One sensitive feature, or two for their intersections. */
  features: string[];
  /** The prediction or score column; empty for the column with the prediction role. */
  decision: string;
  /** With a threshold the decision column is a score: predicted positive at or above it. */
  threshold: number | null;
  /** The positive class; empty for the largest label value. */
  positive: string;
  /** The reference group (its name as shown); empty for the largest group. */
  reference: string;
}

/** Two models on the same examples, paired on the example id. */
export interface CompareCell extends CellBase {
  kind: 'compare';
  dataset: string;
  /** Values of the model column; empty for the first two models. */
  modelA: string;
  modelB: string;
  /** A feature to slice by; empty for the overall comparison only. */
  feature: string;
}

export type Cell =
  MarkdownCell | SqlCell | ChartCell | OverviewCell | SliceCell | FairnessCell | CompareCell;

/** A data file the notebook was built on: referenced, never embedded. */
export interface DataRef {
  name: string;
  size: number;
  rows: number;
  sha256: string | null;
}

/** The roles and task kind the user settled on for a dataset. */
export interface DatasetSettings {
  roles: Record<string, Role>;
  taskKind?: TaskKind;
}

export interface Notebook {
  version: typeof FORMAT_VERSION;
  title: string;
  cells: Cell[];
  /** A SQL condition applied to every analysis cell; empty for none. */
  filter: string;
  data: DataRef[];
  datasets: Record<string, DatasetSettings>;
}

export function emptyNotebook(): Notebook {
  return {
    version: FORMAT_VERSION,
    title: 'Untitled notebook',
    cells: [],
    filter: '',
    data: [],
    datasets: {},
  };
}

/** The analysis cells: the global filter applies to these (not to SQL, chart or markdown cells). */
export const ANALYSIS_KINDS: readonly CellKind[] = ['overview', 'slice', 'fairness', 'compare'];

/** Cell names are SQL identifiers that need no quoting, so `FROM errors_by_region` just works. */
export const CELL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
