import type { Engine } from '../engine/engine';
import { columnWith, type Role } from '../ingest/roles';
import { ident } from '../sql/quote';

/** How often the example id repeats where it should be unique: within a model (and condition, level). */
export interface IdRepeats {
  id: string;
  /** The columns within whose values each id should appear once (model, condition, severity). */
  within: string[];
  /** Ids that appear more than once there, and the rows they take. */
  ids: number;
  rows: number;
}

/** Ids seen more than once per model (x condition x severity), and their rows. */
export function idRepeatsSql(source: string, id: string, within: readonly string[]): string {
  const keys = [...within, id].map(ident).join(', ');
  return [
    `SELECT count(*)::DOUBLE AS ids, coalesce(sum(n), 0)::DOUBLE AS rows FROM (`,
    `  SELECT count(*) AS n FROM ${ident(source)} WHERE ${ident(id)} IS NOT NULL`,
    `  GROUP BY ${keys} HAVING count(*) > 1)`,
  ].join('\n');
}

/** Checks the id of `roles` on `source`; null without an id column. */
export async function checkIdRepeats(
  engine: Engine,
  source: string,
  roles: Record<string, Role>,
): Promise<IdRepeats | null> {
  const id = columnWith(roles, 'id');
  if (!id) return null;
  const within = (['model', 'condition', 'severity'] as const)
    .map((r) => columnWith(roles, r))
    .filter((c): c is string => c !== undefined);
  const row = (await engine.query(idRepeatsSql(source, id, within))).get(0)?.toJSON() ?? {};
  return { id, within, ids: Number(row.ids ?? 0), rows: Number(row.rows ?? 0) };
}
