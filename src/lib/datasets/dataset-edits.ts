import type { Engine } from '../engine/engine';
import type { Role } from '../ingest/roles';
import { checkDerived, reshapeOf } from './apply-settings';
import { buildDataset, type Dataset } from './dataset';
import type { DatasetSettings } from './dataset-settings';
import { derivedNameProblem, type DerivedColumn } from './derived-columns';
import { compositeIdName } from './composite-id';

/** The notebook file's limits (docs/notebook.schema.json), so that every edit can be saved. */
export const MAX_ID_COLUMNS = 8;
export const MAX_PATTERNS = 20;
export const MAX_PATTERN_LENGTH = 500;

/** What the notebook saves of a dataset: its roles, a chosen task kind, its derived columns. */
export function settingsOf(dataset: Dataset): DatasetSettings {
  const { derived = [], id, reshape } = dataset.settings;
  return {
    roles: dataset.roles,
    ...(dataset.taskKindChosen ? { taskKind: dataset.taskKind } : {}),
    ...(derived.length > 0 ? { derived } : {}),
    ...(id && id.length >= 2 ? { id } : {}),
    ...(reshape ? { reshape } : {}),
  };
}

/**
 * The dataset read by other patterns (`[]`: kept wide); or why not (a pattern that does not parse,
 * or matches no column), and then nothing changes. Roles start again from the guess: the columns
 * are new.
 */
export async function setReshape(
  engine: Engine,
  dataset: Dataset,
  patterns: string[],
): Promise<Dataset | { error: string }> {
  const kept = patterns.map((p) => p.trim()).filter((p) => p !== '');
  const long = kept.find((p) => p.length > MAX_PATTERN_LENGTH);
  if (long !== undefined)
    return {
      error: `The pattern ${long.slice(0, 40)}… is longer than ${MAX_PATTERN_LENGTH} characters: shorten it.`,
    };
  if (kept.length > MAX_PATTERNS)
    return {
      error: `${kept.length} patterns are more than a notebook keeps (${MAX_PATTERNS}): merge some.`,
    };
  if (kept.length > 0) {
    const read = await reshapeOf(engine, dataset.plan.select, kept);
    if ('error' in read) return read;
  }
  const { roles: _old, ...rest } = settingsOf(dataset);
  return buildDataset(engine, dataset.plan, { ...rest, roles: {}, reshape: kept, id: undefined });
}

/**
 * The dataset with its example id made of `columns`: one column takes the id role; several make
 * a composite id (`file+example_id`) that takes it, and the uniqueness per model is checked again.
 */
export async function setExampleId(
  engine: Engine,
  dataset: Dataset,
  columns: string[],
): Promise<Dataset | { error: string }> {
  if (columns.length > MAX_ID_COLUMNS)
    return {
      error: `An example id of ${columns.length} columns is more than a notebook keeps (${MAX_ID_COLUMNS}): pick fewer.`,
    };
  const present = dataset.profile.columns.map((c) => c.name);
  const missing = columns.filter((c) => !present.includes(c));
  if (missing.length > 0) return { error: `The dataset has no column ${missing.join(', ')}.` };
  const settings = settingsOf(dataset);
  const old = settings.id ? compositeIdName(settings.id) : undefined;
  const { [old ?? '']: _gone, ...kept } = settings.roles;
  const roles = old ? kept : settings.roles;
  const demoted = Object.fromEntries(
    Object.entries(roles).map(([c, r]) => [c, r === 'id' ? ('group' as const) : r]),
  );
  if (columns.length === 0)
    return buildDataset(engine, dataset.plan, { ...settings, roles: demoted, id: undefined });
  const idColumn = columns.length === 1 ? columns[0] : compositeIdName(columns);
  if (columns.length >= 2 && present.includes(idColumn) && idColumn !== old)
    return { error: `The dataset already has a column "${idColumn}".` };
  return buildDataset(engine, dataset.plan, {
    ...settings,
    roles: { ...demoted, [idColumn]: 'id' },
    id: columns.length >= 2 ? columns : undefined,
  });
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
