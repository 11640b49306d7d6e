import type { ValueKind } from '../ingest/profile';
import { columnWith, type Role, type TaskKind } from '../ingest/roles';
import { correctnessOf } from '../metrics/correctness';
import { asNumber } from '../metrics/metrics-sql';

/** What a run is compared on: a number per example whose mean is the metric. */
export interface ExampleValue {
  /** SQL over the dataset's columns: the example's value, NULL where it has none. */
  sql: string;
  /** The metric the mean of the values is ("accuracy", "mean of judge_score"). */
  metric: string;
  /** False for errors (regression's absolute error): a rise is a regression. */
  higherIsBetter: boolean;
  /** True when every value is 0 or 1, false when they need not be; absent: look (scores). */
  binary?: boolean;
}

/**
 * The per-example value of a dataset, so that a slice's metric is a mean and two runs compare by
 * a paired or two-sample test: right (1) or wrong (0) for classification and 0/1 outcomes, the
 * outcome itself for per-example scores, the absolute error for regression.
 */
export function exampleValue(
  roles: Record<string, Role>,
  taskKind: TaskKind,
  kinds: Record<string, ValueKind>,
): ExampleValue | { missing: string } {
  const [label, prediction, outcome] = (['label', 'prediction', 'outcome'] as const).map((r) =>
    columnWith(roles, r),
  );
  if (taskKind === 'score' && outcome) {
    const x = asNumber(outcome);
    return {
      sql: `CASE WHEN isfinite(${x}) THEN ${x} END`,
      metric: `mean of ${outcome}`,
      higherIsBetter: true,
    };
  }
  if (taskKind === 'regression' && label && prediction) {
    const error = `abs(${asNumber(prediction)} - ${asNumber(label)})`;
    return {
      sql: `CASE WHEN isfinite(${error}) THEN ${error} END`,
      metric: 'absolute error',
      higherIsBetter: false,
    };
  }
  const correct = correctnessOf(roles, taskKind, kinds);
  if ('missing' in correct) return correct;
  return {
    sql: `(${correct.right})::DOUBLE`,
    metric: 'accuracy',
    higherIsBetter: true,
    binary: true,
  };
}
