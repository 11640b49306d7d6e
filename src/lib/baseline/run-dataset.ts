import type { Dataset } from '../datasets/dataset';
import type { RunDataset } from './baseline-plan';

/** What the comparison reads of a loaded dataset: its name, columns, roles and task kind. */
export function runDataset(d: Dataset): RunDataset {
  return { name: d.plan.name, columns: d.profile.columns, roles: d.roles, taskKind: d.taskKind };
}
