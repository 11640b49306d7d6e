/**
 * The one place where names and values become SQL text. Every identifier and literal that reaches
 * DuckDB goes through these functions; nothing else pastes user text into SQL.
 */

/** Quotes a table or column name: `a"b` becomes `"a""b"`. */
export function ident(name: string): string {
  if (name.includes('\u0000')) throw new Error(`invalid name (contains a NUL character): ${name}`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a value as a SQL literal. Strings are single-quoted, numbers must be finite. */
export function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (value.includes('\u0000')) throw new Error('invalid text (contains a NUL character)');
  return `'${value.replaceAll("'", "''")}'`;
}

/** A list literal of strings, e.g. for read_csv's `names`: `['a', 'b']`. */
export function listLiteral(values: readonly string[]): string {
  return `[${values.map(literal).join(', ')}]`;
}
