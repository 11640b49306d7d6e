import type { DatasetSettings } from '../datasets/dataset-settings';
import type { StackChoice } from '../datasets/stack-groups';
import type { TargetMix } from './target-mix';

/** The version of the `.slicebook.json` format this build writes (docs/notebook-format.md). */
export const FORMAT_VERSION = 2;

/** What every cell has; its kind (src/lib/cells/<kind>/) adds the settings. */
export interface CellBase {
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
  /** Only the rows whose q-value (column `q`) is below this: the differences that are real. */
  maxQ?: number;
  /** The check in words, for the report. */
  label?: string;
}

/**
 * A cell as the notebook holds it. The notebook knows a kind only by its id: each kind's folder
 * (src/lib/cells/<kind>/) types its settings, and the registry (src/lib/cells/registry.ts) says
 * how to create, run and read it.
 */
export interface Cell extends CellBase {
  kind: string;
}

/** A data file the notebook was built on: referenced, never embedded. */
export interface DataRef {
  name: string;
  size: number;
  rows: number;
  sha256: string | null;
}

/** A notebook; `C` narrows its cells (tests use the registry's `KnownCell`). */
export interface Notebook<C extends Cell = Cell> {
  version: typeof FORMAT_VERSION;
  title: string;
  cells: C[];
  /** A SQL condition applied to every analysis cell; empty for none. */
  filter: string;
  data: DataRef[];
  datasets: Record<string, DatasetSettings>;
  /** The user's choices of which files stack into one dataset, applied in order. */
  stacking: StackChoice[];
  /** Named target mixes (target-mix.ts) that cells evaluate under. */
  mixes?: TargetMix[];
  /** How `slicebook run --baseline` judges the run against a baseline run (src/lib/baseline/). */
  baseline?: BaselineGate;
}

/**
 * The regression gate of a run against a baseline run: a slice got worse (or better) when its
 * q-value is below `maxQ` and it moved by more than `minDrop` (a fraction: 0.01 is one point);
 * the assertions run on the comparison table (README, "Against a baseline").
 */
export interface BaselineGate {
  maxQ?: number;
  minDrop?: number;
  assertions?: Assertion[];
}

export function emptyNotebook(): Notebook {
  return {
    version: FORMAT_VERSION,
    title: 'Untitled notebook',
    cells: [],
    filter: '',
    data: [],
    datasets: {},
    stacking: [],
  };
}

/** Cell names are SQL identifiers that need no quoting, so `FROM errors_by_region` just works. */
export const CELL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
