import { asNumber, weighted, weightedSum, type MetricFrame } from './metrics-sql';

/**
 * Sums for MAE, RMSE and R^2 = 1 - SSE / SST. Rows need a finite label and prediction. The label
 * sums are taken about the mean label of the whole table, a constant, so they stay additive
 * (slice + rest = whole) while SST = S2 - S1^2 / n does not lose its digits to cancellation when
 * labels are large. Columns: rows, n, abs_error_sum, squared_error_sum, label_sum, label_sq_sum.
 */
export function regressionSql(frame: MetricFrame): string | undefined {
  const { label, prediction } = frame.o.columns;
  if (!label || !prediction) return undefined;
  const y = asNumber(label);
  const centre = frame.wholeSource(`coalesce(avg(${y}) FILTER (WHERE isfinite(${y})), 0)`);
  const derived = [
    `${y} AS y`,
    `${asNumber(prediction)} AS yhat`,
    `${y} - ${centre} AS centred`,
    `coalesce(isfinite(${y}) AND isfinite(${asNumber(prediction)}), false) AS ok`,
  ];
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}${weighted()} AS rows, ${weighted('ok')} AS n,`,
    `  ${weightedSum('abs(yhat - y)', 'ok')} AS abs_error_sum,`,
    `  ${weightedSum('(yhat - y) ^ 2', 'ok')} AS squared_error_sum,`,
    `  ${weightedSum('centred', 'ok')} AS label_sum, ${weightedSum('centred ^ 2', 'ok')} AS label_sq_sum`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}

/**
 * Sums for the mean of a per-example outcome (0/1 correct, BLEU, a judge's score), about the
 * table's mean outcome (see regressionSql). `binary` says every value is 0 or 1, so the mean is a
 * rate. Columns: rows, n, centre, outcome_sum, outcome_sq_sum, binary.
 */
export function meanOutcomeSql(frame: MetricFrame): string | undefined {
  const { outcome } = frame.o.columns;
  if (!outcome) return undefined;
  const value = asNumber(outcome);
  const centre = frame.wholeSource(`coalesce(avg(${value}) FILTER (WHERE isfinite(${value})), 0)`);
  const derived = [
    `${value} AS value`,
    `${centre} AS centre`,
    `coalesce(isfinite(${value}), false) AS ok`,
  ];
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}${weighted()} AS rows, ${weighted('ok')} AS n, max(centre) AS centre,`,
    `  ${weightedSum('value - centre', 'ok')} AS outcome_sum,`,
    `  ${weightedSum('(value - centre) ^ 2', 'ok')} AS outcome_sq_sum,`,
    `  coalesce(bool_and(value IN (0, 1)) FILTER (WHERE ok), false) AS binary`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}

/** Rows per slice. Columns: rows. */
export function countSql(frame: MetricFrame): string {
  return [
    frame.rows([]),
    `SELECT ${frame.keyList()}${weighted()} AS rows`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}
