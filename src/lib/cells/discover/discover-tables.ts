import { plainValue, withInterval, type ResultTables } from '../../notebook/result-values';
import type { DiscoverResult } from './discover-result';

/** A discover cell's tables: the slices found, and what each level of the search evaluated. */
export function discoverTables(result: DiscoverResult): ResultTables {
  const rate = result.signal === 'misclassification' || result.signal === 'disagreement';
  const measure = rate ? 'error_rate' : 'mean_error';
  return {
    slices: result.slices.map((s, i) => ({
      rank: i + 1,
      slice: s.label,
      condition: s.condition,
      n: s.n,
      errors: plainValue(s.errors),
      ...withInterval(measure, s.rate, s.interval),
      ...withInterval('difference_to_rest', s.lift.difference, s.lift),
      p: plainValue(s.p),
      q: plainValue(s.q),
      score: plainValue(s.score),
      search_n: s.searchN,
    })),
    levels: result.levels.map((l) => ({
      level: l.level,
      candidates: l.candidates,
      combinations: l.combinations,
      seconds: plainValue(l.seconds),
    })),
  };
}
