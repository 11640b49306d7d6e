import { ident, literal } from '../sql/quote';

/** One end of a range: the number and whether it is in the range. */
export interface Bound {
  value: number;
  inclusive: boolean;
}

/**
 * One operand of the global filter's top-level ANDs, as a chip shows it: the values a column may
 * take (`IN`, and `IS NULL` for missing), a range of a numeric column, or SQL of the user's that is
 * neither. `sql` is the operand's text, as typed or as built here: the filter is these joined by
 * AND (filterText), so the chips and the text box show one filter.
 */
export type Clause =
  | { kind: 'values'; column: string; values: (string | null)[]; sql: string }
  | {
      kind: 'range';
      column: string;
      low: Bound | null;
      high: Bound | null;
      /** Compared as DOUBLE (`"x"::DOUBLE`), as the slice table's bins are. */
      cast: boolean;
      sql: string;
    }
  | { kind: 'custom'; sql: string };

/** The rows whose `column`, as text, is one of `values` (null: missing). */
export function valuesClause(column: string, values: (string | null)[]): Clause {
  const text = values.filter((v) => v !== null);
  const asText = `CAST(${ident(column)} AS VARCHAR)`;
  const parts: string[] = [];
  if (text.length === 1) parts.push(`${asText} = ${literal(text[0])}`);
  if (text.length > 1) parts.push(`${asText} IN (${text.map(literal).join(', ')})`);
  if (values.includes(null)) parts.push(`${ident(column)} IS NULL`);
  const sql = parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0];
  return { kind: 'values', column, values, sql };
}

/** The rows whose `column` lies between `low` and `high` (either may be open). */
export function rangeClause(
  column: string,
  low: Bound | null,
  high: Bound | null,
  cast = false,
): Clause {
  if (!low && !high) throw new Error(`a range of ${column} needs at least one end`);
  const col = cast ? `${ident(column)}::DOUBLE` : ident(column);
  const parts = [
    low ? `${col} ${low.inclusive ? '>=' : '>'} ${literal(low.value)}` : '',
    high ? `${col} ${high.inclusive ? '<=' : '<'} ${literal(high.value)}` : '',
  ];
  const sql = parts.filter((p) => p !== '').join(' AND ');
  return { kind: 'range', column, low, high, cast, sql };
}

/** The filter the clauses make: their SQL joined by AND (the user's own SQL in brackets). */
export function filterText(clauses: readonly Clause[]): string {
  return clauses
    .map((c) => (c.kind === 'custom' && clauses.length > 1 ? `(${c.sql})` : c.sql))
    .join(' AND ');
}

/** Column names as DuckDB matches them: case does not matter. */
export const sameColumn = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
