import type { Table } from 'apache-arrow';
import type { Engine } from '../engine/engine';
import { ident } from '../sql/quote';
import type { DecodedColumn, DecodedProfile } from './arrow-profile';

export type ValueKind = 'integer' | 'number' | 'text' | 'boolean' | 'other';

/** What role inference needs to know of a column. */
export interface ColumnProfile {
  name: string;
  sqlType: string;
  kind: ValueKind;
  distinct: number;
  nonNull: number;
  min: number | null;
  max: number | null;
  /** Numbers that are all whole (e.g. 0.0 / 1.0 labels stored as DOUBLE). */
  wholeNumbers: boolean;
  /** Mean length of text values (long text is prose, not a category). */
  meanLength: number | null;
  /**
   * The distinct values as text, sorted, when there are few (at most VALUES_UP_TO): what tells a
   * label from a prediction over the same classes, and severity levels (`c100 ... c01`).
   */
  values?: string[];
}

/** Columns with at most this many distinct values have them listed in the profile. */
export const VALUES_UP_TO = 64;

export interface TableProfile {
  rows: number;
  columns: ColumnProfile[];
}

export function kindOf(sqlType: string): ValueKind {
  const t = sqlType.toUpperCase();
  if (
    /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/.test(
      t,
    )
  )
    return 'integer';
  if (/^(FLOAT|DOUBLE|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'number';
  if (t === 'VARCHAR') return 'text';
  if (t === 'BOOLEAN') return 'boolean';
  return 'other';
}

/** Column names and SQL types of a table or view. */
export async function describe(
  engine: Engine,
  table: string,
): Promise<{ name: string; sqlType: string }[]> {
  const result = await engine.query(`DESCRIBE ${ident(table)}`);
  return result
    .toArray()
    .map((r) => ({ name: String(r.column_name), sqlType: String(r.column_type) }));
}

/**
 * One pass over the table: row count, and per column distinct values, nulls, range and length;
 * of a column the decoder profiled (`known`), only the distinct count it could not give.
 * Null when nothing is left to ask.
 */
export function profileSql(
  table: string,
  columns: { name: string; sqlType: string }[],
  known: readonly (DecodedColumn | null)[] = [],
): string | null {
  const parts = known.length > 0 ? [] : ['count(*)::DOUBLE AS rows'];
  columns.forEach((c, i) => {
    const col = ident(c.name);
    const kind = kindOf(c.sqlType);
    const decoded = known[i];
    if (decoded) {
      if (decoded.distinct === null) parts.push(`count(DISTINCT ${col})::DOUBLE AS d${i}`);
      return;
    }
    parts.push(`count(DISTINCT ${col})::DOUBLE AS d${i}`, `count(${col})::DOUBLE AS n${i}`);
    if (kind === 'integer' || kind === 'number')
      parts.push(`min(${col})::DOUBLE AS lo${i}`, `max(${col})::DOUBLE AS hi${i}`);
    // Integers are whole by their type (readProfile): not checking them value by value took the
    // pass to 0.77x of its time on the 1M-row bench dump (bench/README.md).
    if (kind === 'number') parts.push(`bool_and(${col}::DOUBLE = floor(${col}::DOUBLE)) AS w${i}`);
    if (kind === 'text') parts.push(`avg(length(${col}))::DOUBLE AS len${i}`);
  });
  return parts.length > 0 ? `SELECT ${parts.join(', ')} FROM ${ident(table)}` : null;
}

/**
 * The profile from DuckDB's row of `profileSql` and, for the columns the decoder profiled
 * (`decoded`), from the decoder: each statistic is picked from its source.
 */
export function readProfile(
  result: Table | null,
  columns: { name: string; sqlType: string }[],
  decoded?: { rows: number; columns: readonly (DecodedColumn | null)[] },
): TableProfile {
  const row = result?.get(0)?.toJSON() ?? {};
  const num = (key: string) =>
    row[key] === null || row[key] === undefined ? null : Number(row[key]);
  return {
    rows: decoded?.rows ?? num('rows') ?? 0,
    columns: columns.map((c, i) => {
      const kind = kindOf(c.sqlType);
      const known = decoded?.columns[i];
      const values = known?.values;
      return {
        name: c.name,
        sqlType: c.sqlType,
        kind,
        distinct: known?.distinct ?? num(`d${i}`) ?? 0,
        nonNull: known ? known.nonNull : (num(`n${i}`) ?? 0),
        min: known ? known.min : num(`lo${i}`),
        max: known ? known.max : num(`hi${i}`),
        wholeNumbers: known ? known.wholeNumbers : kind === 'integer' || row[`w${i}`] === true,
        meanLength: known ? known.meanLength : num(`len${i}`),
        ...(values && values.length > 0 ? { values } : {}),
      };
    }),
  };
}

/** The distinct values of the few-valued columns (a second pass over those columns only). */
export function valuesSql(table: string, columns: readonly ColumnProfile[]): string | null {
  const few = columns
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c }) => c.kind !== 'other' && !c.values && c.distinct > 0 && c.distinct <= VALUES_UP_TO,
    );
  if (few.length === 0) return null;
  // Joined by the unit separator (U+001F) rather than as a list: both engines hand text back alike.
  const lists = few.map(({ c, i }) => {
    const text = `CAST(${ident(c.name)} AS VARCHAR)`;
    return `string_agg(DISTINCT ${text}, chr(31) ORDER BY ${text}) AS v${i}`;
  });
  return `SELECT ${lists.join(', ')} FROM ${ident(table)}`;
}

/**
 * Profiles a table in DuckDB. `decoded`, the decoder's profile of the Arrow batches the table was
 * loaded from (arrow-profile.ts), answers what it can; DuckDB is asked the rest.
 */
export async function profileTable(
  engine: Engine,
  table: string,
  decoded?: DecodedProfile,
): Promise<TableProfile> {
  const columns = await describe(engine, table);
  const known = decoded && matching(decoded, columns);
  const sql = profileSql(table, columns, known?.columns);
  const profile = readProfile(sql ? await engine.query(sql) : null, columns, known);
  const valuesQuery = valuesSql(table, profile.columns);
  if (!valuesQuery) return profile;
  const row = (await engine.query(valuesQuery)).get(0)?.toJSON() ?? {};
  return {
    ...profile,
    columns: profile.columns.map((c, i) => {
      const joined = row[`v${i}`];
      return typeof joined === 'string' ? { ...c, values: joined.split('\u001f') } : c;
    }),
  };
}

/** The decoder's columns that are the table's, by position, name and kind (else none of them). */
function matching(
  decoded: DecodedProfile,
  columns: { name: string; sqlType: string }[],
): DecodedProfile | undefined {
  if (decoded.columns.length !== columns.length) return undefined;
  if (decoded.columns.some((d, i) => d !== null && d.name !== columns[i].name)) return undefined;
  return {
    rows: decoded.rows,
    columns: decoded.columns.map((d, i) => (d?.kind === kindOf(columns[i].sqlType) ? d : null)),
  };
}
