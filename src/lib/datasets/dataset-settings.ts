import type { Role, TaskKind } from '../ingest/roles';
import type { DerivedColumn } from './derived-columns';

/** What the user settled on for a dataset, saved in the notebook under the dataset's name. */
export interface DatasetSettings {
  roles: Record<string, Role>;
  taskKind?: TaskKind;
  /** Columns computed from the others, in order (each may use the ones before it). */
  derived?: DerivedColumn[];
  /** An example id made of these columns (e.g. file and example_id): column `file+example_id`. */
  id?: string[];
  /**
   * Patterns over the column names that reshape a wide table into long form (`<metric>@<version>`);
   * `[]` keeps it wide; absent: the patterns found for it, if any.
   */
  reshape?: string[];
}
