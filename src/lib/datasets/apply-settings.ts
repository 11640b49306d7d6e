import type { Engine } from '../engine/engine';
import { bindExpression, checkExpression, type CheckedExpression } from './check-expression';
import { derivedNameProblem, derivedSql, withColumn, type DerivedColumn } from './derived-columns';
import type { DatasetSettings } from './dataset-settings';
import type { DatasetPlan } from './dataset-plan';
import { compositeIdName, compositeIdSql } from './composite-id';
import { kindOf, type TableProfile } from '../ingest/profile';
import type { RoleHint } from '../ingest/roles';
import { planReshape, reshapeRoles, reshapeSelect, type Reshape } from './reshape-wide';

/** The dataset's SELECT with its settings applied, and what of them could not be. */
export interface AppliedSettings {
  select: string;
  /** The settings as applied: derived columns that fail to bind on this data are left out. */
  settings: DatasetSettings;
  warnings: string[];
  /** How a wide table was reshaped (then the dataset is a table, not a view). */
  reshape?: Reshape;
  /** Roles the reshaping knows (the fields of the patterns). */
  roles: Record<string, RoleHint>;
}

/**
 * Reshapes a wide table by the patterns the user chose (the plan's are only suggested), then adds the
 * composite example id and the derived columns, one layer each so a column may use the ones
 * before it. Each is checked on the data as it is now: saved patterns that match no column, or a
 * saved column whose parts or expression no longer bind (the new dump lacks a column it reads),
 * are left out with the reason, not fatal.
 */
export async function applySettings(
  engine: Engine,
  plan: DatasetPlan,
  saved: DatasetSettings | undefined,
): Promise<AppliedSettings> {
  let select = plan.select;
  const warnings: string[] = [];
  const derived: DerivedColumn[] = [];
  const patterns = saved?.reshape ?? [];
  let reshape: Reshape | undefined;
  let roles: Record<string, RoleHint> = {};
  if (patterns.length > 0) {
    const read = await reshapeOf(engine, select, patterns);
    if ('error' in read) warnings.push(`The table is kept as it is: ${read.error}`);
    else {
      reshape = read.reshape;
      roles = read.roles;
      select = reshapeSelect(select, reshape);
      warnings.push(...reshape.unused.map((p) => `The pattern ${p} matches no column.`));
    }
  }
  let id: string[] | undefined;
  if (saved?.id && saved.id.length >= 2) {
    const ids = saved.id;
    const checked = await refusedAsError(() => bindExpression(engine, compositeIdSql(ids), select));
    if ('error' in checked)
      warnings.push(`The example id made of ${saved.id.join(' + ')} is left out: ${checked.error}`);
    else {
      select = withColumn(select, checked.boundSql, compositeIdName(saved.id));
      id = saved.id;
    }
  }
  const columns = saved?.derived?.length ? await columnNames(engine, select) : [];
  for (const column of saved?.derived ?? []) {
    const name = derivedNameProblem(column.name, columns);
    const checked = name ? { error: name } : await checkDerived(engine, column, select);
    if ('error' in checked) {
      warnings.push(`The derived column "${column.name}" is left out: ${checked.error}`);
      continue;
    }
    select = withColumn(select, checked.boundSql, column.name);
    columns.push(column.name);
    derived.push(column);
  }
  return {
    select,
    settings: {
      roles: saved?.roles ?? {},
      taskKind: saved?.taskKind,
      derived,
      id,
      ...(saved?.reshape ? { reshape: saved.reshape } : {}),
    },
    warnings,
    reshape,
    roles,
  };
}

/** Reads the columns of `select` (their names and types: a DESCRIBE, no pass over the data) with the patterns. */
export async function reshapeOf(
  engine: Engine,
  select: string,
  patterns: readonly string[],
): Promise<{ reshape: Reshape; roles: Record<string, RoleHint> } | { error: string }> {
  const described = await engine.query(`DESCRIBE SELECT * FROM (${select})`);
  const profile: TableProfile = {
    rows: 0,
    columns: described.toArray().map((r) => {
      const sqlType = String(r.column_type);
      return { ...EMPTY_COLUMN, name: String(r.column_name), sqlType, kind: kindOf(sqlType) };
    }),
  };
  const reshape = planReshape(profile, patterns);
  return 'error' in reshape ? reshape : { reshape, roles: reshapeRoles(reshape, profile) };
}

const EMPTY_COLUMN = {
  distinct: 0,
  nonNull: 0,
  min: null,
  max: null,
  wholeNumbers: false,
  meanLength: null,
};

/** The names of the columns of `select` (a DESCRIBE: no pass over the data). */
async function columnNames(engine: Engine, select: string): Promise<string[]> {
  const described = await engine.query(`DESCRIBE SELECT * FROM (${select})`);
  return described.toArray().map((r) => String(r.column_name));
}

/**
 * A setting the quoting helpers refuse (a NUL in a column name, a threshold of 1e309, which
 * JSON reads as Infinity) is left out with the reason, like one that does not bind: thrown, it
 * took the whole dataset down, so a notebook file could keep the user from their data.
 */
async function refusedAsError(check: () => Promise<CheckedExpression>): Promise<CheckedExpression> {
  try {
    return await check();
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

/** The column's SQL once it binds on `relation`, or why it does not. */
export async function checkDerived(
  engine: Engine,
  column: DerivedColumn,
  relation: string,
): Promise<CheckedExpression> {
  if ('threshold' in column)
    return refusedAsError(() => bindExpression(engine, derivedSql(column), relation));
  const checked = await checkExpression(engine, column.expression, relation);
  return 'error' in checked
    ? checked
    : { ...checked, boundSql: derivedSql(column, checked.boundSql) };
}
