import type { TableProfile } from '../ingest/profile';

/**
 * What the analyses run on, before the user's settings: one or more tables combined into a single
 * long table by a SELECT. The automatic planner (plan-datasets.ts) makes plans from loaded files;
 * a SQL cell's result becomes a plan of its own (sql-datasets.ts).
 */
export interface DatasetPlan {
  /** The SQL name of the dataset (a view or table). */
  name: string;
  /** The tables it is built from: loaded files, or the SQL cell's result. */
  sources: string[];
  /** SELECT producing the dataset. */
  select: string;
  /** Whether the SELECT only renames a single table (a view is enough) or reshapes (materialize). */
  reshapes: boolean;
  /** The profile of the one table a plain view shows (then the view need not be profiled again). */
  profile?: TableProfile;
  notes: string[];
  /** `sql`: the result of the SQL cell named in `sources`, rebuilt when the cell runs again. */
  origin?: 'files' | 'sql';
}
