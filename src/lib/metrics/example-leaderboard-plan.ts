import type { TableProfile } from '../ingest/profile';
import type { Role, TaskKind } from '../ingest/roles';
import { correctnessOf, type Correctness } from './correctness';
import type { MetricId } from './metrics';

/** Models ranked on a dump of examples: paired on the example id, resampled by example. */
export interface ExampleLeaderboardPlan {
  kind: 'examples';
  source: string;
  dataset: { profile: TableProfile; roles: Record<string, Role> };
  id: string;
  model: string;
  models: string[];
  metric: MetricId;
  /** Right or wrong per row, where the metric is a share of right answers (McNemar ties). */
  correctness?: Correctness;
  feature?: string;
  filter: string;
  replicates: number;
}

/** Metrics whose value is the share of examples right, so ties are tested with McNemar. */
const SHARE_RIGHT: readonly MetricId[] = ['accuracy', 'error-rate', 'mean-outcome'];

/**
 * The plan of a leaderboard of `models` on a dataset's examples by `metric`, checked by the
 * caller (the leaderboard cell, the audit's "what if"): columns exist, the metric fits the task.
 */
export function exampleLeaderboardPlan(
  dataset: { name: string; profile: TableProfile; roles: Record<string, Role>; taskKind: TaskKind },
  o: Pick<
    ExampleLeaderboardPlan,
    'id' | 'model' | 'metric' | 'feature' | 'filter' | 'replicates'
  > & {
    models: readonly string[];
  },
): ExampleLeaderboardPlan {
  const kinds = Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind]));
  const correctness = correctnessOf(dataset.roles, dataset.taskKind, kinds);
  return {
    kind: 'examples',
    source: dataset.name,
    dataset: { profile: dataset.profile, roles: dataset.roles },
    ...o,
    models: [...o.models],
    correctness:
      SHARE_RIGHT.includes(o.metric) && !('missing' in correctness) ? correctness : undefined,
  };
}
