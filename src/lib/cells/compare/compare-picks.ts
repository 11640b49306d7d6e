import { featurePicks } from '../../explore/feature-picks';
import type { SlicePick } from '../../explore/pick-slice';

/**
 * What a model-vs-model row's funnel button filters to: the slice's value of the feature
 * (compared as text, as the cell's SQL groups it); none for the row of all examples.
 */
export function comparePicks(
  feature: string | undefined,
  row: { overall: boolean; slice: string | null },
): SlicePick[] {
  return feature && !row.overall ? featurePicks([{ column: feature }], {}, [row.slice]) : [];
}
