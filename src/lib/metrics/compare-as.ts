import type { ColumnProfile } from '../ingest/profile';

/**
 * How a label and a prediction are compared: as numbers when both columns are numbers (or
 * booleans), as text when both are text; undefined when their kinds differ (or one is absent),
 * and the builders then compare each as its class.
 */
export function compareAs(
  columns: ColumnProfile[],
  label?: string,
  prediction?: string,
): 'number' | 'text' | undefined {
  const kinds = [label, prediction].map((name) => columns.find((c) => c.name === name)?.kind);
  if (kinds.every((k) => k === 'integer' || k === 'number' || k === 'boolean')) return 'number';
  if (kinds.every((k) => k === 'text')) return 'text';
  return undefined;
}
