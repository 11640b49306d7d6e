import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { inferRoles } from '../../src/lib/ingest/infer-roles';
import { loadFile } from '../../src/lib/ingest/load-file';
import {
  kindOf,
  VALUES_UP_TO,
  type ColumnProfile,
  type TableProfile,
} from '../../src/lib/ingest/profile';
import { ident } from '../../src/lib/sql/quote';
import { dataFiles, SAMPLES, SHARED, shortName } from '../helpers/data-files';

/**
 * The load's profile is cut to what role inference needs (profile.ts). Checked here against a
 * profile worked out column by column, with every value checked (integers too), on every sample and
 * every file of ../shared/datasets: the profiles, and so the roles and task guessed from them, are
 * the same.
 */

/** One column, on its own, with nothing left out. */
async function referenceColumn(
  engine: Engine,
  table: string,
  name: string,
  sqlType: string,
): Promise<ColumnProfile> {
  const c = ident(name);
  const kind = kindOf(sqlType);
  const numeric = kind === 'integer' || kind === 'number';
  const row = (
    await engine.query(
      `SELECT count(DISTINCT ${c})::DOUBLE AS d, count(${c})::DOUBLE AS n,
        ${numeric ? `min(${c})::DOUBLE` : 'NULL'} AS lo, ${numeric ? `max(${c})::DOUBLE` : 'NULL'} AS hi,
        ${numeric ? `bool_and(${c}::DOUBLE = floor(${c}::DOUBLE))` : 'NULL'} AS w,
        ${kind === 'text' ? `avg(length(${c}))::DOUBLE` : 'NULL'} AS len
       FROM ${ident(table)}`,
    )
  )
    .get(0)!
    .toJSON();
  if (kind === 'integer')
    expect(row.w, `${name}: an integer column holds only whole numbers`).not.toBe(false);
  const distinct = Number(row.d);
  const column: ColumnProfile = {
    name,
    sqlType,
    kind,
    distinct,
    nonNull: Number(row.n),
    min: row.lo === null ? null : Number(row.lo),
    max: row.hi === null ? null : Number(row.hi),
    wholeNumbers: kind === 'integer' || row.w === true,
    meanLength: row.len === null ? null : Number(row.len),
  };
  if (kind === 'other' || distinct === 0 || distinct > VALUES_UP_TO) return column;
  const values = await engine.query(
    `SELECT DISTINCT CAST(${c} AS VARCHAR) AS v FROM ${ident(table)} WHERE ${c} IS NOT NULL ORDER BY 1`,
  );
  return { ...column, values: values.toArray().map((r) => String(r.v)) };
}

async function referenceProfile(engine: Engine, table: string): Promise<TableProfile> {
  const described = (await engine.query(`DESCRIBE ${ident(table)}`)).toArray();
  const rows = (await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${ident(table)}`)).get(0)!.n;
  const columns: ColumnProfile[] = [];
  for (const r of described)
    columns.push(
      await referenceColumn(engine, table, String(r.column_name), String(r.column_type)),
    );
  return { rows: Number(rows), columns };
}

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('the load profile and the roles guessed from it', () => {
  const samples = dataFiles(SAMPLES);
  const shared = dataFiles(SHARED);
  it('finds the samples', () => expect(samples.length).toBeGreaterThanOrEqual(10));

  it.each([...samples, ...shared].map((path, i) => [shortName(path), path, i]))(
    '%s: same profile and roles as the column-by-column reference',
    async (_, path, i) => {
      const name = path.split('/').pop()!;
      const table = `t${i}`;
      const loaded = await loadFile(
        { engine, decode: nodeDecode },
        { name, blob: new Blob([readFileSync(path)]) },
        table,
        () => {},
      );
      const reference = await referenceProfile(engine, table);
      expect(loaded.profile).toEqual(reference);
      expect(inferRoles(loaded.profile)).toEqual(inferRoles(reference));
      await engine.query(`DROP TABLE ${ident(table)}`);
    },
    60_000,
  );

  it.skipIf(existsSync(SHARED))(
    '(../shared/datasets is absent: only the samples were checked)',
    () => {},
  );
});
