import { buildOverviewQuery, readOverview, type OverviewRow } from '../metrics/overview';
import type { Engine } from '../engine/engine';
import { inferRoles, inferTaskKind } from '../ingest/infer-roles';
import type { DatasetPlan } from './dataset-plan';
import { profileTable, type TableProfile } from '../ingest/profile';
import { SINGLE_ROLES, type Role, type RoleGuess, type TaskKind } from '../ingest/roles';
import { ident, literal } from '../sql/quote';
import type { DatasetSettings } from './dataset-settings';
import { applySettings } from './apply-settings';
import { applySavedRoles } from './saved-roles';
import { checkIdRepeats, type IdRepeats } from './id-repeats';
import type { Reshape } from './reshape-wide';

/** A dataset as the analyses see it: its plan, its columns, the roles in force and the overview. */
export interface Dataset {
  plan: DatasetPlan;
  /** The SELECT the dataset is: the plan's, with the settings' derived columns. */
  select: string;
  /** The settings it was built with (derived columns); roles are below. */
  settings: DatasetSettings;
  profile: TableProfile;
  guess: RoleGuess;
  roles: Record<string, Role>;
  taskKind: TaskKind;
  /** Whether the user set the task kind (else it follows the roles). */
  taskKindChosen: boolean;
  overview: OverviewResult;
  /** Where the saved settings did not fit the data (roles of columns it lacks, ...). */
  warnings: string[];
  /** Those of `warnings` about the saved roles: moot, and dropped, once the user sets roles. */
  savedRolesWarnings?: string[];
  /** How often the example id repeats within a model; null without an id. */
  idRepeats: IdRepeats | null;
  /** How a wide table was read into long form, when it was. */
  reshape?: Reshape;
}

export type OverviewResult =
  | { status: 'ok'; rows: OverviewRow[]; sql: string }
  | { status: 'missing'; message: string }
  | { status: 'error'; message: string; sql: string };

/** The dataset's columns (in their order) whose role is one of `roles`: what a cell lets you pick. */
export function columnsWithRoles(dataset: Dataset | undefined, roles: readonly Role[]) {
  return dataset
    ? dataset.profile.columns.filter((c) => roles.includes(dataset.roles[c.name]))
    : [];
}

/**
 * Creates the dataset's view (or table, when it reshapes) with the settings' derived columns,
 * guesses its roles and applies the saved ones to the columns they name.
 */
export async function buildDataset(
  engine: Engine,
  plan: DatasetPlan,
  saved?: DatasetSettings,
): Promise<Dataset> {
  const applied = await applySettings(engine, plan, saved);
  const kind = plan.reshapes || applied.reshape ? 'TABLE' : 'VIEW';
  await dropDataset(engine, plan.name);
  await engine.query(`CREATE ${kind} ${ident(plan.name)} AS ${applied.select}`);
  const profile =
    plan.profile && applied.select === plan.select
      ? plan.profile
      : await profileTable(engine, plan.name);
  const guess = inferRoles(profile, { ...plan.roles, ...applied.roles });
  const hasRoles = saved !== undefined && Object.keys(saved.roles).length > 0;
  const fromSaved = hasRoles ? applySavedRoles(guess.roles, saved.roles) : null;
  const roles = fromSaved?.roles ?? { ...guess.roles };
  const taskKindChosen = saved?.taskKind !== undefined;
  const dataset = {
    plan,
    select: applied.select,
    settings: applied.settings,
    profile,
    guess,
    roles,
    taskKind: saved?.taskKind ?? inferTaskKind(profile, roles),
    taskKindChosen,
    warnings: [...applied.warnings, ...(fromSaved?.warnings ?? [])],
    savedRolesWarnings: fromSaved?.warnings ?? [],
    reshape: applied.reshape,
  };
  return {
    ...dataset,
    idRepeats: await checkIdRepeats(engine, plan.name, roles),
    overview: await computeOverview(engine, dataset),
  };
}

/** Drops the dataset's view or table, whichever it is (DuckDB refuses DROP VIEW on a table). */
export async function dropDataset(engine: Engine, name: string): Promise<void> {
  const found = await engine.query(
    `SELECT table_type FROM information_schema.tables WHERE table_name = ${literal(name)}`,
  );
  const type = found.get(0)?.table_type;
  if (type === 'VIEW') await engine.query(`DROP VIEW ${ident(name)}`);
  else if (type !== undefined) await engine.query(`DROP TABLE ${ident(name)}`);
}

/** Gives `column` a role; a role only one column can hold moves, and the old holder becomes a feature. */
export function withRole(
  roles: Record<string, Role>,
  column: string,
  role: Role,
): Record<string, Role> {
  const next = { ...roles };
  if (SINGLE_ROLES.includes(role)) {
    for (const c of Object.keys(next)) if (next[c] === role) next[c] = 'group';
  }
  next[column] = role;
  return next;
}

export async function changeRoles(
  engine: Engine,
  dataset: Dataset,
  roles: Record<string, Role>,
  chosenTask?: TaskKind,
): Promise<Dataset> {
  const taskKindChosen = chosenTask !== undefined || dataset.taskKindChosen;
  const taskKind =
    chosenTask ??
    (dataset.taskKindChosen ? dataset.taskKind : inferTaskKind(dataset.profile, roles));
  const moot = new Set(dataset.savedRolesWarnings);
  const warnings = dataset.warnings.filter((w) => !moot.has(w));
  const next = { ...dataset, roles, taskKind, taskKindChosen, warnings, savedRolesWarnings: [] };
  return {
    ...next,
    idRepeats: await checkIdRepeats(engine, dataset.plan.name, roles),
    overview: await computeOverview(engine, next),
  };
}

async function computeOverview(
  engine: Engine,
  d: Pick<Dataset, 'plan' | 'profile' | 'roles' | 'taskKind'>,
): Promise<OverviewResult> {
  const query = buildOverviewQuery({
    source: d.plan.name,
    columns: d.profile.columns,
    roles: d.roles,
    taskKind: d.taskKind,
    split: d.plan.overviewSplit,
  });
  if (query.missing) return { status: 'missing', message: query.missing };
  try {
    return {
      status: 'ok',
      rows: readOverview(await engine.query(query.sql), query.metric),
      sql: query.sql,
    };
  } catch (e) {
    return { status: 'error', message: e instanceof Error ? e.message : String(e), sql: query.sql };
  }
}
