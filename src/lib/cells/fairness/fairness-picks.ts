import { featurePicks } from '../../explore/feature-picks';
import type { SlicePick } from '../../explore/pick-slice';
import type { FairnessGroup } from './read-fairness';

/** A group as a slice: each sensitive feature's value (its funnel button, its chart's points). */
export function groupPicks(features: readonly string[], group: FairnessGroup): SlicePick[] {
  return featurePicks(
    features.map((column) => ({ column })),
    {},
    group.values,
  );
}
