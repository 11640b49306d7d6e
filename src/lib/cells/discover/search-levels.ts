import { levelSql, type Combination } from './build-discover-sql';
import type { DiscoverLevel } from './discover-result';
import { readLevel, type HalfTotals } from './read-discover';
import {
  nextCandidates,
  scoreThreshold,
  sliceKey,
  updateTopK,
  type Predicate,
  type ScoredSlice,
  type SearchSettings,
} from './sliceline';

/** One SliceLine search over a working table (workingTableSql): what it reads and how far it goes. */
export interface LevelSearch {
  read: (query: string) => Promise<Record<string, unknown>[]>;
  now: () => number;
  table: string;
  featureCount: number;
  /** How many values each feature has (its distinct values and missing). */
  valueCounts: number[];
  /** The totals of the rows searched. */
  searched: HalfTotals;
  settings: SearchSettings;
  maxLevel: number;
  /** 0 to search one half only (discover-then-confirm), undefined for every row. */
  half: 0 | undefined;
  /** After each level: what it evaluated, and the top-k slices so far. */
  onLevel: (level: DiscoverLevel, found: ScoredSlice[]) => void;
}

/**
 * The top-k slices, level by level (Sagadeeva & Boehm 2021, SliceLine): single predicates, then
 * the candidates of each next level that can still beat the k-th score, until `maxLevel` or no
 * candidate is left.
 */
export async function searchLevels(q: LevelSearch): Promise<ScoredSlice[]> {
  const { read, table, featureCount, searched, settings: s, half } = q;
  let started = q.now();
  const singles = readLevel(
    await read(
      levelSql({
        table,
        combinations: Array.from({ length: featureCount }, (_, i) => ({ features: [i] })),
        half,
      }),
    ),
    featureCount,
    searched,
    s.alpha,
  );
  let found = updateTopK([], singles, s);
  q.onLevel(
    {
      level: 1,
      candidates: singles.length,
      combinations: featureCount,
      seconds: (q.now() - started) / 1000,
    },
    found,
  );
  let previous = singles;
  for (let level = 2; level <= q.maxLevel; level++) {
    started = q.now();
    const threshold = scoreThreshold(found, s.k);
    const candidates = nextCandidates(previous, singles, level, searched, s, threshold);
    const sets = combinationsOf(candidates, q.valueCounts);
    let evaluated: ScoredSlice[] = [];
    let wanted = new Map<string, number>();
    if (candidates.length > 0) {
      wanted = new Map(candidates.map((c) => [sliceKey(c.predicates), c.sizeBound]));
      const rows = await read(
        levelSql({ table, combinations: sets, half, minSupport: s.minSupport }),
      );
      evaluated = readLevel(rows, featureCount, searched, s.alpha).filter((e) =>
        wanted.has(sliceKey(e.predicates)),
      );
    }
    // A slice as big as one of its parents holds the same rows: the parent says it more simply.
    const distinct = evaluated.filter((e) => e.size < (wanted.get(sliceKey(e.predicates)) ?? 0));
    found = updateTopK(found, distinct, s);
    q.onLevel(
      {
        level,
        candidates: candidates.length,
        combinations: sets.length,
        seconds: (q.now() - started) / 1000,
      },
      found,
    );
    if (evaluated.length === 0) break;
    previous = evaluated;
  }
  return found;
}

/** The found slices measured on the held-out half (half 1), by slice key. */
export async function heldOutStatistics(
  q: LevelSearch,
  found: ScoredSlice[],
  reported: HalfTotals,
): Promise<Map<string, ScoredSlice>> {
  const query = levelSql({
    table: q.table,
    combinations: combinationsOf(found, q.valueCounts),
    half: 1,
  });
  return keyed(readLevel(await q.read(query), q.featureCount, reported, q.settings.alpha));
}

export function keyed(slices: ScoredSlice[]): Map<string, ScoredSlice> {
  return new Map(slices.map((s) => [sliceKey(s.predicates), s]));
}

/**
 * The feature combinations of `slices`, each with the values the slices use; left out where they
 * are over half of the feature's `valueCounts` values (measured: a long IN list then costs more
 * than the rows it saves).
 */
function combinationsOf(
  slices: { predicates: Predicate[] }[],
  valueCounts: number[],
): Combination[] {
  const byFeatures = new Map<string, { features: number[]; values: Set<string | null>[] }>();
  for (const { predicates } of slices) {
    const features = predicates.map((p) => p.feature);
    const key = features.join(',');
    let entry = byFeatures.get(key);
    if (!entry) byFeatures.set(key, (entry = { features, values: features.map(() => new Set()) }));
    predicates.forEach((p, j) => entry.values[j].add(p.value));
  }
  return [...byFeatures.values()].map((c) => ({
    features: c.features,
    values: c.values.map((set, j) =>
      set.size * 2 > valueCounts[c.features[j]] ? undefined : [...set],
    ),
  }));
}
