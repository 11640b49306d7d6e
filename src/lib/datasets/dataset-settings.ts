import type { Role, TaskKind } from '../ingest/roles';

/** The roles and task kind the user settled on for a dataset. */
export interface DatasetSettings {
  roles: Record<string, Role>;
  taskKind?: TaskKind;
}
