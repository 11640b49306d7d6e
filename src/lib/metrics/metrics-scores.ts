import { actualPositive, asNumber, weighted, weightedSum, type MetricFrame } from './metrics-sql';

/** Probabilities are clipped to [1e-15, 1 - 1e-15] before the log, as scikit-learn's log_loss did. */
const EPSILON = '1e-15';

/**
 * ROC-AUC as the Mann-Whitney rank statistic (Hanley & McNeil 1982): the share of (positive,
 * negative) pairs in which the positive scores higher, a tie counting one half. Rows are first
 * counted per distinct score; then each score's positives win against the negatives below it
 * and tie with those at it: pairs won = sum over scores of pos (neg_below + neg / 2). Rows need
 * a label and a finite score. Columns: rows, n, positives, negatives, pairs_won.
 */
export function rocAucSql(frame: MetricFrame): string | undefined {
  const { label, score } = frame.o.columns;
  if (!label || !score) return undefined;
  const actual = actualPositive(frame, label);
  const s = asNumber(score);
  const derived = [
    `${actual} AS actual`,
    `${s} AS s`,
    `coalesce(${actual} IS NOT NULL AND isfinite(${s}), false) AS ok`,
  ];
  const keys = frame.keyList();
  return [
    frame.rows(derived) + ',',
    `by_score AS (SELECT ${keys}s, ${weighted('actual')} AS pos, ${weighted('NOT actual')} AS neg`,
    `  FROM rows WHERE ok ${frame.groupBy(['s'])}),`,
    `ranked AS (SELECT *, coalesce(sum(neg) OVER (${frame.partitionBy()} ORDER BY s`,
    `    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS neg_below FROM by_score),`,
    `pairs AS (SELECT ${keys}sum(pos) AS positives, sum(neg) AS negatives,`,
    `    sum(pos * (neg_below + neg / 2)) AS pairs_won FROM ranked ${frame.groupBy()}),`,
    `totals AS (SELECT ${keys}${weighted()} AS rows, ${weighted('ok')} AS n FROM rows ${frame.groupBy()})`,
    `SELECT t.*, coalesce(p.positives, 0) AS positives, coalesce(p.negatives, 0) AS negatives,`,
    `  coalesce(p.pairs_won, 0) AS pairs_won`,
    `FROM totals t LEFT JOIN pairs p ON ${frame.sameSlice('t', 'p')}`,
    frame.orderBy('t.'),
  ].join('\n');
}

/**
 * Sums for the log loss, -mean(y ln p + (1 - y) ln(1 - p)), and the Brier score, mean((p - y)^2)
 * (Brier 1950). Rows need a label and a score in [0, 1]. Columns: rows, n, log_loss_sum, brier_sum.
 */
export function probabilitySql(frame: MetricFrame): string | undefined {
  const { label, score } = frame.o.columns;
  if (!label || !score) return undefined;
  const derived = [
    `${actualPositive(frame, label)} AS actual`,
    `${asNumber(score)} AS p`,
    `coalesce(${actualPositive(frame, label)} IS NOT NULL AND ${asNumber(score)} BETWEEN 0 AND 1, false) AS ok`,
  ];
  const loss = `-ln(greatest(CASE WHEN actual THEN p ELSE 1 - p END, ${EPSILON}))`;
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}${weighted()} AS rows, ${weighted('ok')} AS n,`,
    `  ${weightedSum(loss, 'ok')} AS log_loss_sum,`,
    `  ${weightedSum('(p - actual::DOUBLE) ^ 2', 'ok')} AS brier_sum`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}
