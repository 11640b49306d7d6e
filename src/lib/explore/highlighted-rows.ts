import { matchesHover, type SlicePick } from './pick-slice';

/**
 * What a chart's highlight signal (charts/highlight.ts) holds for the slice hovered elsewhere:
 * the numbers of its rows whose slice (`picksByRow[i]`, row i's `_row`) matches it, and, where
 * rows are drawn as lines (`lineOf[i]`, row i's `_line`), the lines all of whose rows match; null
 * when nothing matches, so nothing is dimmed.
 */
export function highlightedRows(
  picksByRow: readonly SlicePick[][],
  hovered: readonly SlicePick[] | null,
  lineOf?: readonly number[],
): number[] | null {
  const rows = picksByRow.flatMap((p, i) => (matchesHover(hovered, p) ? [i] : []));
  if (rows.length === 0) return null;
  if (!lineOf) return rows;
  const lit = new Set(rows);
  const dimmed = new Set(lineOf.filter((_, i) => !lit.has(i)));
  const lines = [...new Set(lineOf)].filter((line) => !dimmed.has(line));
  return [...rows, ...lines];
}
