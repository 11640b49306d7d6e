import { ident } from '../sql/quote';

/** The name of the column a composite example id becomes: `file+example_id`. */
export function compositeIdName(columns: readonly string[]): string {
  return columns.join('+');
}

/**
 * An example id made of several columns (an id unique only within each file, with the file):
 * their values as text joined by `/`, a `/` or `\` inside a value escaped so that no two
 * different combinations give the same id; empty when any part is.
 */
export function compositeIdSql(columns: readonly string[]): string {
  const text = (c: string) =>
    `replace(replace(CAST(${ident(c)} AS VARCHAR), '\\', '\\\\'), '/', '\\/')`;
  const anyMissing = columns.map((c) => `${ident(c)} IS NULL`).join(' OR ');
  return `CASE WHEN ${anyMissing} THEN NULL ELSE concat(${columns.map(text).join(", '/', ")}) END`;
}
