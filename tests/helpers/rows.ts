import type { Table } from 'apache-arrow';

/** An Arrow table's rows as plain objects, as the readers and the tests compare them. */
export function rows(table: Table): Record<string, unknown>[] {
  return table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
}
