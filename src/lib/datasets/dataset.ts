import { buildOverviewQuery, readOverview, type OverviewRow } from '../metrics/overview';
import type { Engine } from '../engine/engine';
import { inferRoles, inferTaskKind } from '../ingest/infer-roles';
import type { DatasetPlan } from './plan-datasets';
import { profileTable, type TableProfile } from '../ingest/profile';
import { SINGLE_ROLES, type Role, type RoleGuess, type TaskKind } from '../ingest/roles';
import { ident } from '../sql/quote';

/** A dataset as the analyses see it: its plan, its columns, the roles in force and the overview. */
export interface Dataset {
  plan: DatasetPlan;
  profile: TableProfile;
  guess: RoleGuess;
  roles: Record<string, Role>;
  taskKind: TaskKind;
  /** Whether the user set the task kind (else it follows the roles). */
  taskKindChosen: boolean;
  overview: OverviewResult;
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

/** Creates the dataset's view (or table, when it reshapes) and guesses its roles. */
export async function buildDataset(engine: Engine, plan: DatasetPlan): Promise<Dataset> {
  const kind = plan.reshapes ? 'TABLE' : 'VIEW';
  await engine.query(`DROP VIEW IF EXISTS ${ident(plan.name)}`);
  await engine.query(`DROP TABLE IF EXISTS ${ident(plan.name)}`);
  await engine.query(`CREATE ${kind} ${ident(plan.name)} AS ${plan.select}`);
  const profile = plan.profile ?? (await profileTable(engine, plan.name));
  const guess = inferRoles(profile);
  const dataset = {
    plan,
    profile,
    guess,
    roles: { ...guess.roles },
    taskKind: guess.taskKind,
    taskKindChosen: false,
  };
  return { ...dataset, overview: await computeOverview(engine, dataset) };
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
  const next = { ...dataset, roles, taskKind, taskKindChosen };
  return { ...next, overview: await computeOverview(engine, next) };
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
