import type { TableProfile } from '../ingest/profile';
import type { RoleHint } from '../ingest/roles';
import type { LeftOut } from './stack-groups';

/** How several files were stacked: the column naming each row's file, and what each file lacked. */
export interface StackInfo {
  column: string;
  /** A second column from the files' folders (`config`), when two differ (folder-columns.ts). */
  configColumn?: string;
  files: { table: string; fileName: string; label: string; config?: string; lacks: string[] }[];
}

/**
 * What the analyses run on, before the user's settings: one or more tables combined into a single
 * long table by a SELECT. The automatic planner (plan-datasets.ts) makes plans from loaded files;
 * a SQL cell's result becomes a plan of its own (sql-datasets.ts). See README.md in this folder.
 */
export interface DatasetPlan {
  /** The SQL name of the dataset (a view or table). */
  name: string;
  /** What it is called on the page: what its files share (`results/*\/default/out.json (3 files)`). */
  title?: string;
  /** The tables it is built from: loaded files, or the SQL cell's result. */
  sources: string[];
  /** The names of the files it reads (the notebook's `data` names), in order. */
  files?: string[];
  /** SELECT producing the dataset. */
  select: string;
  /** Whether the SELECT only renames a single table (a view is enough) or reshapes (materialize). */
  reshapes: boolean;
  /** The profile of the one table a plain view shows (then the view need not be profiled again). */
  profile?: TableProfile;
  notes: string[];
  /** Roles known from how the files were combined; they go before the guess from names and values. */
  roles?: Record<string, RoleHint>;
  /** Several files stacked by name. */
  stack?: StackInfo;
  /** Files that look as if they belong here but were kept apart, and why. */
  leftOut?: LeftOut[];
  /**
   * Patterns suggested to read it as a wide table (a row per model, a column per evaluation set
   * or metric) into long form, found by detectWide; the user's settings apply them.
   */
  reshape?: string[];
  /** A column the overview splits each model's rows by (a harness log's task). */
  overviewSplit?: string;
  /** `sql`: the result of the SQL cell named in `sources`, rebuilt when the cell runs again. */
  origin?: 'files' | 'sql';
}
