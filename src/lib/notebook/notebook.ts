import type { Role, TaskKind } from '../ingest/roles';

/** The version of the `.slicebook.json` format this build writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 1;

export type CellKind =
  | 'markdown'
  | 'sql'
  | 'chart'
  | 'overview'
  | 'slice'
  | 'fairness'
  | 'compare'
  | 'calibration'
  | 'cost'
  | 'robustness'
  | 'discover';

interface CellBase {
  id: string;
  /** Later cells query an earlier cell's result by this name. */
  name: string;
  collapsed: boolean;
  /** Checks on the cell's result that `slicebook run --check` enforces (assertions.ts). */
  assertions?: Assertion[];
}

export type AssertionOp = '>=' | '>' | '<=' | '<';

/**
 * Every row of one of the cell's result tables (result-tables.ts), optionally narrowed by `where`
 * and `minN`, must have `column` `op` `value`; e.g. every slice's accuracy >= 0.7.
 */
export interface Assertion {
  column: string;
  op: AssertionOp;
  value: number;
  /** Which of the cell's tables; the first (main) one when absent. */
  table?: string;
  /** Only the rows whose columns hold these values. */
  where?: Record<string, string | number | boolean | null>;
  /** Only the rows with at least this many examples (column `n`): smaller ones are noise. */
  minN?: number;
  /** The check in words, for the report. */
  label?: string;
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

/**
 * Slice discovery (SliceLine): the top-k slices, conjunctions of up to `maxLevel` feature values,
 * where the error signal is highest relative to their size.
 */
export interface DiscoverCell extends CellBase {
  kind: 'discover';
  dataset: string;
  /** What counts as an error; empty for the task's default (see run-discover-cell.ts). */
  signal: '' | 'misclassification' | 'absolute' | 'squared' | 'one-minus-score' | 'disagreement';
  /** The model searched (a value of the model column); empty for the first. */
  model: string;
  /** For disagreement: the other model; empty for the next one. */
  modelB: string;
  /** Features to search; empty for every group feature. */
  features: string[];
  /** Quantile bins of numeric features. */
  bins: number;
  /** 1 to 3 predicates per slice. */
  maxLevel: number;
  /** The smallest slice: a fraction of the examples when below 1, else a count. */
  minSupport: number;
  /** SliceLine's weight of error against size, 0 < alpha <= 1. */
  alpha: number;
  /** How many slices to report. */
  k: number;
  /** Search on one half of the examples (by a hash of the id), report statistics on the other. */
  confirm: boolean;
}

export type Cell =
  | MarkdownCell
  | SqlCell
  | ChartCell
  | OverviewCell
  | SliceCell
  | FairnessCell
  | CompareCell
  | CalibrationCell
  | CostCell
  | RobustnessCell
  | DiscoverCell;

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
export const ANALYSIS_KINDS: readonly CellKind[] = [
  'overview',
  'slice',
  'fairness',
  'compare',
  'calibration',
  'cost',
  'robustness',
  'discover',
];

/** Cell names are SQL identifiers that need no quoting, so `FROM errors_by_region` just works. */
export const CELL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
