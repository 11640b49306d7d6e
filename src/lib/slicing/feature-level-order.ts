import { binsFor } from './binning';
import { naturalLevelOrder } from './level-order';
import type { SliceFeature } from './slice-feature';

/**
 * The levels of a feature in the order to list them: a binned feature's bins from low to high,
 * others in their natural order (naturalLevelOrder). Levels not in `levels` are left out.
 */
export function featureLevelOrder(
  feature: SliceFeature,
  edges: Record<string, number[]>,
  levels: readonly string[],
): string[] {
  if (!feature.binning) return naturalLevelOrder(levels).order;
  const present = new Set(levels);
  return binsFor(edges[feature.column] ?? [])
    .map((b) => b.label)
    .filter((l) => present.has(l));
}

/**
 * Sorts rows keyed by a tuple of levels (model first where there is one, then each feature) in
 * the levels' orders, tuple position by position; a missing (null) level comes last.
 */
export function sortByLevels<T>(
  rows: readonly T[],
  key: (row: T) => readonly (string | null)[],
  orders: readonly (readonly string[])[],
): T[] {
  const ranks = orders.map((order) => new Map(order.map((level, i) => [level, i])));
  const rank = (i: number, level: string | null) =>
    level === null ? Infinity : (ranks[i].get(level) ?? ranks[i].size);
  return [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < orders.length; i++) {
      const d = rank(i, ka[i]) - rank(i, kb[i]);
      if (d !== 0 && !Number.isNaN(d)) return d;
    }
    return 0;
  });
}

/** The levels present at position `i` of the rows' keys (nulls left out). */
export function levelsAt<T>(
  rows: readonly T[],
  key: (row: T) => readonly (string | null)[],
  i: number,
): string[] {
  return rows.map((r) => key(r)[i]).filter((v): v is string => v !== null && v !== undefined);
}
