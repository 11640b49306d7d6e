import { columnWith, columnsWith, type Role, type TaskKind } from '../ingest/roles';
import { accuracySql, binaryConfusionSql, multiclassSql } from './metrics-classification';
import { countSql, meanOutcomeSql, regressionSql } from './metrics-regression';
import { probabilitySql, rocAucSql } from './metrics-scores';
import { MetricFrame, type MetricColumns, type MetricQueryOptions } from './metrics-sql';

export type { MetricColumns, MetricQueryOptions } from './metrics-sql';

/**
 * The metrics a slice table can show. Each is computed in SQL from sufficient statistics per
 * slice (counts, sums, confusion counts), then turned into a value by readMetric. A `rate` is
 * successes / trials (Wilson interval, Newcombe for differences); the others get a bootstrap.
 */
export interface MetricDefinition {
  id: MetricId;
  label: string;
  taskKinds: readonly TaskKind[];
  direction: 'higher' | 'lower';
  kind: 'rate' | 'other';
  /** Which query computes its statistics; metrics of one family share a query. */
  family: MetricFamily;
  /** For a rate over part of the examples: what its n (the denominator) counts. */
  denominator?: 'positives' | 'negatives' | 'predicted positives';
}

export type MetricId =
  | 'accuracy'
  | 'error-rate'
  | 'precision'
  | 'recall'
  | 'f1'
  | 'tpr'
  | 'fpr'
  | 'tnr'
  | 'fnr'
  | 'selection-rate'
  | 'macro-precision'
  | 'macro-recall'
  | 'macro-f1'
  | 'micro-f1'
  | 'roc-auc'
  | 'log-loss'
  | 'brier'
  | 'mae'
  | 'rmse'
  | 'r2'
  | 'mean-outcome'
  | 'count';

export type MetricFamily =
  | 'accuracy'
  | 'confusion'
  | 'multiclass'
  | 'roc-auc'
  | 'probability'
  | 'regression'
  | 'outcome'
  | 'count';

const CLASSIFICATION: readonly TaskKind[] = ['binary', 'multiclass'];
const ALL: readonly TaskKind[] = ['binary', 'multiclass', 'regression', 'score', 'unknown'];

function define(
  id: MetricId,
  label: string,
  taskKinds: readonly TaskKind[],
  direction: 'higher' | 'lower',
  kind: 'rate' | 'other',
  family: MetricFamily,
  denominator?: MetricDefinition['denominator'],
): MetricDefinition {
  return { id, label, taskKinds, direction, kind, family, ...(denominator && { denominator }) };
}

export const METRICS: readonly MetricDefinition[] = [
  define('accuracy', 'accuracy', CLASSIFICATION, 'higher', 'rate', 'accuracy'),
  define('error-rate', 'error rate', CLASSIFICATION, 'lower', 'rate', 'accuracy'),
  define(
    'precision',
    'precision',
    ['binary'],
    'higher',
    'rate',
    'confusion',
    'predicted positives',
  ),
  define('recall', 'recall', ['binary'], 'higher', 'rate', 'confusion', 'positives'),
  define('f1', 'F1', ['binary'], 'higher', 'other', 'confusion'),
  define('tpr', 'true positive rate', ['binary'], 'higher', 'rate', 'confusion', 'positives'),
  define('fpr', 'false positive rate', ['binary'], 'lower', 'rate', 'confusion', 'negatives'),
  define('tnr', 'true negative rate', ['binary'], 'higher', 'rate', 'confusion', 'negatives'),
  define('fnr', 'false negative rate', ['binary'], 'lower', 'rate', 'confusion', 'positives'),
  // Neither end is better; what matters for fairness is the gap between groups.
  define('selection-rate', 'selection rate', ['binary'], 'higher', 'rate', 'confusion'),
  define('macro-precision', 'precision (macro)', ['multiclass'], 'higher', 'other', 'multiclass'),
  define('macro-recall', 'recall (macro)', ['multiclass'], 'higher', 'other', 'multiclass'),
  define('macro-f1', 'F1 (macro)', ['multiclass'], 'higher', 'other', 'multiclass'),
  define('micro-f1', 'F1 (micro)', ['multiclass'], 'higher', 'other', 'multiclass'),
  define('roc-auc', 'ROC-AUC', ['binary'], 'higher', 'other', 'roc-auc'),
  define('log-loss', 'log loss', ['binary'], 'lower', 'other', 'probability'),
  define('brier', 'Brier score', ['binary'], 'lower', 'other', 'probability'),
  define('mae', 'MAE', ['regression'], 'lower', 'other', 'regression'),
  define('rmse', 'RMSE', ['regression'], 'lower', 'other', 'regression'),
  define('r2', 'R²', ['regression'], 'higher', 'other', 'regression'),
  define('mean-outcome', 'mean outcome', ['score'], 'higher', 'other', 'outcome'),
  define('count', 'count', ALL, 'higher', 'other', 'count'),
];

export function metricById(id: MetricId): MetricDefinition {
  const metric = METRICS.find((m) => m.id === id);
  if (!metric) throw new Error(`unknown metric: ${id}`);
  return metric;
}

/**
 * Metric families whose statistics are sums over the rows, so a bootstrap replicate's are sums
 * over its buckets (resampleBuckets): not the multiclass macro averages, nor the AUC's ranks.
 */
const SUMS: readonly MetricFamily[] = [
  'accuracy',
  'confusion',
  'probability',
  'regression',
  'outcome',
];

/** Whether a metric's statistics are sums over the rows (see SUMS). */
export function isSum(id: MetricId): boolean {
  return SUMS.includes(metricById(id).family);
}

export function metricsFor(taskKind: TaskKind): MetricDefinition[] {
  return METRICS.filter((m) => m.taskKinds.includes(taskKind));
}

/** The columns a metric reads, from the roles the user confirmed (the first score column). */
export function metricColumns(roles: Record<string, Role>): MetricColumns {
  return {
    label: columnWith(roles, 'label'),
    prediction: columnWith(roles, 'prediction'),
    score: columnsWith(roles, 'score')[0],
    outcome: columnWith(roles, 'outcome'),
  };
}

const BUILDERS: Record<
  MetricFamily,
  { build: (f: MetricFrame) => string | undefined; needs: string }
> = {
  accuracy: { build: accuracySql, needs: 'a label and a prediction (or a score)' },
  confusion: { build: binaryConfusionSql, needs: 'a label and a prediction (or a score)' },
  multiclass: { build: multiclassSql, needs: 'a label and a prediction' },
  'roc-auc': { build: rocAucSql, needs: 'a label and a score' },
  probability: { build: probabilitySql, needs: 'a label and a score (a probability)' },
  regression: { build: regressionSql, needs: 'a label and a prediction' },
  outcome: { build: meanOutcomeSql, needs: 'an outcome column' },
  count: { build: countSql, needs: 'nothing' },
};

export interface MetricQuery {
  sql: string;
  /** What is missing when the metric cannot be computed; sql is then empty. */
  missing?: string;
}

/** The query of a metric's sufficient statistics, one row per slice (and replicate). */
export function buildMetricQuery(metric: MetricId, options: MetricQueryOptions): MetricQuery {
  const definition = metricById(metric);
  const builder = BUILDERS[definition.family];
  const sql = builder.build(new MetricFrame(options));
  if (sql === undefined)
    return { sql: '', missing: `The ${definition.label} needs ${builder.needs}.` };
  return { sql };
}

export { readMetric, type MetricValue } from './metrics-read';
