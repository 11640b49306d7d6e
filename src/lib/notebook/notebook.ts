import type { Role, TaskKind } from '../ingest/roles';

/** The version of the `.slicebook.json` format this build writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 1;

export type CellKind = 'markdown' | 'sql' | 'chart' | 'overview' | 'slice';

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

export type Cell = MarkdownCell | SqlCell | ChartCell | OverviewCell | SliceCell;

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
export const ANALYSIS_KINDS: readonly CellKind[] = ['overview', 'slice'];

/** Cell names are SQL identifiers that need no quoting, so `FROM errors_by_region` just works. */
export const CELL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
