import { columnWith, columnsWith } from '../../ingest/roles';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import type { ErrorSignal } from './build-discover-sql';
import type { DiscoverCell } from './discover-cell';
import type { DiscoverFeature } from './read-discover';

/** Numeric features with more distinct values than this are cut at quantiles. */
const BIN_ABOVE = 12;
/** Text features with more distinct values than this (ids, free text) are not searched. */
const MAX_VALUES = 200;

/** The error signal a cell uses: the one chosen, else the task's natural one. */
export function discoverSignal(cell: DiscoverCell, dataset: Dataset): ErrorSignal {
  if (cell.signal) return cell.signal;
  if (dataset.taskKind === 'regression') return 'absolute';
  if (dataset.taskKind === 'score' || !columnWith(dataset.roles, 'prediction'))
    return 'one-minus-score';
  return 'misclassification';
}

/** The features searched (binned where numeric with many values) and the ones left out. */
export function discoverFeatures(cell: DiscoverCell, dataset: Dataset) {
  const names = cell.features.length > 0 ? cell.features : columnsWith(dataset.roles, 'group');
  const features: DiscoverFeature[] = [];
  const skipped: string[] = [];
  for (const column of names) {
    const profile = dataset.profile.columns.find((c) => c.name === column);
    if (!profile) {
      skipped.push(`${column} (no such column)`);
      continue;
    }
    const numeric = profile.kind === 'integer' || profile.kind === 'number';
    if (numeric && profile.distinct > BIN_ABOVE)
      features.push({ column, numeric, binning: { kind: 'quantile', bins: cell.bins || 4 } });
    else if (!numeric && profile.distinct > MAX_VALUES)
      skipped.push(`${column} (${profile.distinct} values)`);
    else features.push({ column, numeric });
  }
  return { features, skipped };
}

export function minSupportCount(setting: number, examples: number): number {
  const count = setting > 0 && setting < 1 ? Math.ceil(setting * examples) : Math.round(setting);
  return Math.max(1, count);
}

/** What a discover cell's settings come to on its dataset, checked before any query. */
export interface DiscoverPlan {
  signal: ErrorSignal;
  /** The columns with each role (the ones the signal needs are there). */
  columns: Partial<Record<'id' | 'model' | 'label' | 'prediction' | 'outcome', string>>;
  features: DiscoverFeature[];
  /** Features left out, with why. */
  skipped: string[];
  alpha: number;
  k: number;
  maxLevel: number;
}

/** The roles each error signal reads, named as the message asks for them. */
const NEEDS: Record<ErrorSignal, [keyof DiscoverPlan['columns'], string][]> = {
  misclassification: [
    ['label', 'label'],
    ['prediction', 'prediction'],
  ],
  absolute: [
    ['label', 'label'],
    ['prediction', 'prediction'],
  ],
  squared: [
    ['label', 'label'],
    ['prediction', 'prediction'],
  ],
  'one-minus-score': [['outcome', 'outcome (per-example score)']],
  disagreement: [
    ['prediction', 'prediction'],
    ['model', 'model'],
    ['id', 'example id'],
  ],
};

/** The cell's settings checked against its dataset: the plan, or what the cell still needs. */
export function discoverPlan(cell: DiscoverCell, dataset: Dataset): DiscoverPlan | RunProblem {
  const signal = discoverSignal(cell, dataset);
  const columns = Object.fromEntries(
    (['id', 'model', 'label', 'prediction', 'outcome'] as const).map((role) => [
      role,
      columnWith(dataset.roles, role),
    ]),
  ) as DiscoverPlan['columns'];
  const lacking = NEEDS[signal].filter(([role]) => !columns[role]).map(([, name]) => `"${name}"`);
  if (lacking.length)
    return { status: 'missing', message: `Give columns the roles ${lacking.join(', ')}.` };
  if (cell.confirm && !columns.id)
    return {
      status: 'missing',
      message:
        'Discover-then-confirm splits examples by their id: give a column the role "example id".',
    };
  const { features, skipped } = discoverFeatures(cell, dataset);
  if (features.length === 0)
    return {
      status: 'missing',
      message: 'Pick features to search, or give columns the role "group feature".',
    };
  return {
    signal,
    columns,
    features,
    skipped,
    alpha: Math.min(1, Math.max(1e-6, cell.alpha || 0.95)),
    k: Math.max(1, Math.round(cell.k || 10)),
    maxLevel: Math.min(3, Math.max(1, Math.round(cell.maxLevel || 2))),
  };
}
