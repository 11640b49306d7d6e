import type { Cell, CellBase } from './notebook';
import type { FlatRow, ResultTables } from './result-values';
import type { CellResult, KindResult, RunContext } from './run-context';
import type { TargetMix } from './target-mix';

/** The settings a kind adds to every cell's id, name and state: what a new cell starts with. */
export type Settings<C extends Cell> = Omit<C, keyof CellBase | 'kind'>;

/** A kind's settings as JSON Schema: each setting's schema, and the ones a file must hold. */
export interface SettingsSchema {
  properties: Record<string, object>;
  required: string[];
}

/**
 * One kind of cell, as the notebook uses it: how to create one, run it and read its result as
 * tables. Each kind is a folder of src/lib/cells/ and one line of its registry; the notebook is
 * handed the registry and never imports a kind.
 */
export interface CellKind<C extends Cell = Cell, R extends KindResult = KindResult> {
  /** The id the notebook file uses. */
  kind: C['kind'];
  /** The name the page shows ("Slice table"). */
  label: string;
  /** New cells are named `<defaultName>_1`, `<defaultName>_2`, ... */
  defaultName: string;
  defaults(): Settings<C>;
  /** The settings' schema; docs/notebook.schema.json holds every kind's (tests/unit/notebook-schema.test.ts). */
  schema: SettingsSchema;
  /** Makes the cell's result; absent for a kind with nothing to run (markdown). */
  run?(cell: C, ctx: RunContext): Promise<CellResult<R>>;
  /**
   * The result as flat tables (the first the main one), for the runner's files and the
   * assertions; absent: each list of objects the result holds becomes a table.
   */
  tables?(result: R, full?: FlatRow[]): ResultTables;
  /** The global filter applies to the cell (the analyses): changing it re-runs the cell. */
  filtered?: boolean;
  /** False where a new cell has nothing to run until the user writes it (a SQL query). */
  runOnAdd?: boolean;
  /** The result is stored as a table named after the cell, which later cells query. */
  storesTable?: boolean;
  /** A cancelled run keeps what it found so far (slice discovery). */
  keepsPartial?: boolean;
  /** Text, not a result: reports show it without the cell's header. */
  prose?: boolean;
  /** Shows no numbers of its own (a chart of another cell's): no "More digits" in its header. */
  noNumbers?: boolean;
  /**
   * The SQL its author wrote, for a kind that runs such text (a SQL cell): a notebook from someone
   * else holds these cells back until the user has read them and pressed Run (foreign-sql.ts).
   */
  sql?(cell: C): string;
  /** The names of `earlier` cells the cell reads from, itself or through the notebook's `mixes`. */
  reads?(cell: C, earlier: readonly string[], mixes: readonly TargetMix[]): string[];
  /** The cell after the cell it reads from was renamed from `from` to `to`. */
  renamed?(cell: C, from: string, to: string): C;
  /** The names of the notebook's target mixes the cell uses: editing one re-runs the cell. */
  mixes?(cell: C): string[];
  /** The cell after the target mix it uses was renamed from `from` to `to`. */
  renamedMix?(cell: C, from: string, to: string): C;
}

/** The kinds by id: what the notebook model and the runner are handed. */
export type CellKinds = Readonly<Record<string, CellKind>>;
