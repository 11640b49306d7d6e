import { featurePicks } from '../../explore/feature-picks';
import type { SlicePick } from '../../explore/pick-slice';
import type { DiscoverResult } from './discover-result';
import type { DiscoveredSlice } from './read-discover';

/**
 * What "Add as filter" adds for a found slice: each predicate's value, or its bin's range
 * (explore/feature-picks.ts), the same rows as the slice's condition. Not the searched model.
 */
export function discoverPicks(
  result: Pick<DiscoverResult, 'features' | 'edges'>,
  slice: Pick<DiscoveredSlice, 'predicates'>,
): SlicePick[] {
  return featurePicks(
    slice.predicates.map((p) => result.features[p.feature]),
    result.edges,
    slice.predicates.map((p) => p.value),
  );
}
