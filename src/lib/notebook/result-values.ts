import type { Interval } from '../stats/wilson';

/** The plain values and rows the runner writes (result-tables.ts): what JSON and CSV can hold. */
export type Value = string | number | boolean | null;
export type FlatRow = Record<string, Value>;
/** A cell's result as named tables of plain rows (the first is the cell's main table). */
export type ResultTables = Record<string, FlatRow[]>;

/** A label as a column name: `mean outcome` -> `mean_outcome`, `MAE` -> `mae`. */
export function columnName(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Values as JSON and CSV can hold them: non-finite numbers become null. */
export function plainValue(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString();
  return JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x));
}

export function plainRow(row: Record<string, unknown>): FlatRow {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, plainValue(v)]));
}

/** A value and its 95% interval as three columns: `x`, `x_low_95`, `x_high_95`. */
export const withInterval = (name: string, value: number, i: Interval | null): FlatRow => ({
  [name]: plainValue(value),
  [`${name}_low_95`]: plainValue(i?.low ?? null),
  [`${name}_high_95`]: plainValue(i?.high ?? null),
});

/** Feature columns keep their names unless one clashes with a column of the table itself. */
export function featureNames(features: string[], fixed: string[]): string[] {
  return features.map((f) => (fixed.includes(f) ? `feature_${f}` : f));
}
