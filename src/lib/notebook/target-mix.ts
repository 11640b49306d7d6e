import type { SliceFeatureSetting } from '../slicing/slice-features';

/**
 * A population to evaluate under, described by its mix of slices over one or two features: the
 * shares typed in, or counted from a table of the notebook (a production log with the same
 * feature columns, no labels needed). Saved in the notebook by name, so several cells can use
 * it and the runner's assertions can name it.
 */
export interface TargetMix {
  /** A SQL-identifier-like name (`q3_traffic`), unique in the notebook. */
  name: string;
  /** One or two features; numeric ones binned as the slice table bins them (`bins`, `edges`). */
  features: SliceFeatureSetting[];
  source: 'shares' | 'table';
  /** For `shares`: each slice's values (one per feature, bin labels for binned ones) and share. */
  shares: MixShare[];
  /** For `table`: the table or dataset whose rows are counted. */
  table: string;
}

export interface MixShare {
  values: string[];
  share: number;
}

/** A new mix's settings. */
export function emptyMix(name: string): TargetMix {
  return { name, features: [], source: 'shares', shares: [], table: '' };
}

/** The mix called `name`, if the notebook has one. */
export function mixNamed(mixes: readonly TargetMix[] | undefined, name: string) {
  return mixes?.find((m) => m.name === name);
}
