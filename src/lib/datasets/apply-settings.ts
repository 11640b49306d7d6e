import type { Engine } from '../engine/engine';
import { bindExpression, checkExpression } from './check-expression';
import { derivedSql, withColumn, type DerivedColumn } from './derived-columns';
import type { DatasetSettings } from './dataset-settings';
import type { DatasetPlan } from './dataset-plan';
import { compositeIdName, compositeIdSql } from './composite-id';

/** The dataset's SELECT with its settings applied, and what of them could not be. */
export interface AppliedSettings {
  select: string;
  /** The settings as applied: derived columns that fail to bind on this data are left out. */
  settings: DatasetSettings;
  warnings: string[];
}

/**
 * Adds the composite example id and the derived columns to the plan's SELECT, one layer each so a
 * column may use the ones before it. Each is checked on the data as it is now: a saved column
 * whose parts or expression no longer bind (the new dump lacks a column it reads) is left out
 * with the reason, not fatal.
 */
export async function applySettings(
  engine: Engine,
  plan: DatasetPlan,
  saved: DatasetSettings | undefined,
): Promise<AppliedSettings> {
  let select = plan.select;
  const warnings: string[] = [];
  const derived: DerivedColumn[] = [];
  let id: string[] | undefined;
  if (saved?.id && saved.id.length >= 2) {
    const checked = await bindExpression(engine, compositeIdSql(saved.id), select);
    if ('error' in checked)
      warnings.push(`The example id made of ${saved.id.join(' + ')} is left out: ${checked.error}`);
    else {
      select = withColumn(select, checked.sql, compositeIdName(saved.id));
      id = saved.id;
    }
  }
  for (const column of saved?.derived ?? []) {
    const checked = await checkDerived(engine, column, select);
    if ('error' in checked) {
      warnings.push(`The derived column "${column.name}" is left out: ${checked.error}`);
      continue;
    }
    select = withColumn(select, checked.sql, column.name);
    derived.push(column);
  }
  return {
    select,
    settings: { roles: saved?.roles ?? {}, taskKind: saved?.taskKind, derived, id },
    warnings,
  };
}

/** The column's SQL once it binds on `relation`, or why it does not. */
export async function checkDerived(
  engine: Engine,
  column: DerivedColumn,
  relation: string,
): Promise<{ sql: string } | { error: string }> {
  if ('threshold' in column) return bindExpression(engine, derivedSql(column), relation);
  const checked = await checkExpression(engine, column.expression, relation);
  return 'error' in checked ? checked : { sql: derivedSql(column, checked.sql) };
}
