import type { Engine } from '../engine/engine';
import type { Role } from '../ingest/roles';
import { checkDerived } from './apply-settings';
import { buildDataset, type Dataset } from './dataset';
import type { DatasetSettings } from './dataset-settings';
import { derivedNameProblem, type DerivedColumn } from './derived-columns';

/** What the notebook saves of a dataset: its roles, a chosen task kind, its derived columns. */
export function settingsOf(dataset: Dataset): DatasetSettings {
  const derived = dataset.settings.derived ?? [];
  return {
    roles: dataset.roles,
    ...(dataset.taskKindChosen ? { taskKind: dataset.taskKind } : {}),
    ...(derived.length > 0 ? { derived } : {}),
  };
}

/**
 * The dataset with one more derived column holding `role`; or why not (a name already taken, an
 * expression that is not one expression or names a column the dataset lacks), and then nothing
 * changes.
 */
export async function addDerivedColumn(
  engine: Engine,
  dataset: Dataset,
  column: DerivedColumn,
  role: Role,
): Promise<Dataset | { error: string }> {
  const name = column.name.trim();
  const problem = derivedNameProblem(
    name,
    dataset.profile.columns.map((c) => c.name),
  );
  if (problem) return { error: problem };
  const named = { ...column, name };
  const checked = await checkDerived(engine, named, dataset.select);
  if ('error' in checked) return { error: checked.error };
  const settings = settingsOf(dataset);
  return buildDataset(engine, dataset.plan, {
    ...settings,
    roles: { ...settings.roles, [name]: role },
    derived: [...(settings.derived ?? []), named],
  });
}

/** The dataset without the derived column `name` (and columns derived after it stay if they bind). */
export async function removeDerivedColumn(
  engine: Engine,
  dataset: Dataset,
  name: string,
): Promise<Dataset> {
  const settings = settingsOf(dataset);
  const { [name]: _gone, ...roles } = settings.roles;
  return buildDataset(engine, dataset.plan, {
    ...settings,
    roles,
    derived: (settings.derived ?? []).filter((d) => d.name !== name),
  });
}
