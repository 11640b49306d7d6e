import type { SlicePick } from '../../explore/pick-slice';
import { POOLED } from './robustness-curves';

/**
 * What a click on the robustness chart filters to: a point, its condition and severity level (of
 * every model); a legend entry, its model (panels by condition) or its condition (by model).
 */
export function curvePicks(
  columns: { model?: string; condition?: string; severity: string },
  layout: 'by-condition' | 'by-model',
) {
  const { model, condition, severity } = columns;
  const value = (column: string | undefined, v: unknown): SlicePick[] =>
    column && v !== undefined ? [{ column, value: v === null ? null : String(v) }] : [];
  return {
    point: (datum: Record<string, unknown>): SlicePick[] => [
      ...value(condition, datum.condition),
      ...value(severity, datum.level),
    ],
    legend: (entry: string): SlicePick[] =>
      entry === POOLED ? [] : value(layout === 'by-condition' ? model : condition, entry),
  };
}
