import { ident } from '../sql/quote';
import { actualPositive, predictedPositive, weighted, type MetricFrame } from './metrics-sql';

/**
 * Accuracy: rows with a label count; a row without a usable prediction counts as wrong (the
 * overview's rule, so the two agree). With no prediction column, a binary score is thresholded.
 * Columns: rows, n (labelled), correct, undecided.
 */
export function accuracySql(frame: MetricFrame): string | undefined {
  const { label, prediction } = frame.o.columns;
  if (!label) return undefined;
  const decision = prediction ? frame.classOf(ident(prediction)) : predictedPositive(frame, label);
  if (!decision) return undefined;
  const same = prediction
    ? `${frame.classOf(ident(label))} = ${decision}`
    : `(${actualPositive(frame, label)}) = (${decision})`;
  const derived = [
    `${ident(label)} IS NOT NULL AS labelled`,
    `(${decision}) IS NULL AS undecided`,
    `coalesce(${same}, false) AS correct`,
  ];
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}${weighted()} AS rows, ${weighted('labelled')} AS n,`,
    `  ${weighted('labelled AND correct')} AS correct, ${weighted('labelled AND undecided')} AS undecided`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}

/**
 * The binary confusion matrix: rows with a label and a decision (prediction, or score against the
 * threshold); the rest are excluded. Columns: rows, tp, fp, fn, tn.
 */
export function binaryConfusionSql(frame: MetricFrame): string | undefined {
  const { label } = frame.o.columns;
  if (!label) return undefined;
  const predicted = predictedPositive(frame, label);
  if (!predicted) return undefined;
  const derived = [`${actualPositive(frame, label)} AS actual`, `${predicted} AS predicted`];
  return [
    frame.rows(derived),
    `SELECT ${frame.keyList()}${weighted()} AS rows,`,
    `  ${weighted('actual AND predicted')} AS tp, ${weighted('NOT actual AND predicted')} AS fp,`,
    `  ${weighted('actual AND NOT predicted')} AS fn, ${weighted('NOT actual AND NOT predicted')} AS tn`,
    `FROM rows ${frame.groupBy()} ${frame.orderBy()}`,
  ].join('\n');
}

/**
 * Multiclass precision, recall and F1, macro-averaged over the classes seen in the slice (in its
 * labels or its predictions), as scikit-learn does with zero_division=0: a class never predicted
 * has precision 0, one never true has recall 0. Rows need a label; a missing prediction is a miss
 * for the true class and a false alarm for none, so micro F1 = 2TP / (2TP + FP + FN) equals
 * accuracy when every row has a prediction. Columns: rows, n, correct, wrong_predicted,
 * undecided, macro_precision, macro_recall, macro_f1.
 */
export function multiclassSql(frame: MetricFrame): string | undefined {
  const { label, prediction } = frame.o.columns;
  if (!label || !prediction) return undefined;
  const keys = frame.keyList();
  const c = frame.keyList('c.');
  const derived = [
    `${frame.classOf(ident(label))} AS y`,
    `${frame.classOf(ident(prediction))} AS yhat`,
  ];
  return [
    frame.rows(derived) + ',',
    `confusion AS (SELECT ${keys}y, yhat, sum(w)::DOUBLE AS count FROM rows ${frame.groupBy(['y', 'yhat'])}),`,
    `classes AS (SELECT ${keys}y AS class FROM confusion WHERE y IS NOT NULL`,
    `  UNION SELECT ${keys}yhat FROM confusion WHERE y IS NOT NULL AND yhat IS NOT NULL),`,
    `per_class AS (SELECT ${c}c.class,`,
    `    coalesce(sum(k.count) FILTER (WHERE k.y = c.class AND k.yhat = c.class), 0) AS tp,`,
    `    coalesce(sum(k.count) FILTER (WHERE k.y <> c.class AND k.yhat = c.class), 0) AS fp,`,
    `    coalesce(sum(k.count) FILTER (WHERE k.y = c.class AND k.yhat IS DISTINCT FROM c.class), 0) AS fn`,
    `  FROM classes c JOIN confusion k ON ${frame.sameSlice('c', 'k')} AND k.y IS NOT NULL`,
    `  GROUP BY ${c}c.class),`,
    `macro AS (SELECT ${keys}`,
    `    avg(CASE WHEN tp + fp > 0 THEN tp / (tp + fp) ELSE 0 END) AS macro_precision,`,
    `    avg(CASE WHEN tp + fn > 0 THEN tp / (tp + fn) ELSE 0 END) AS macro_recall,`,
    `    avg(2 * tp / (2 * tp + fp + fn)) AS macro_f1`,
    `  FROM per_class WHERE tp + fp + fn > 0 ${frame.groupBy()}),`,
    `totals AS (SELECT ${keys}coalesce(sum(count), 0) AS rows,`,
    `    coalesce(sum(count) FILTER (WHERE y IS NOT NULL), 0) AS n,`,
    `    coalesce(sum(count) FILTER (WHERE y = yhat), 0) AS correct,`,
    `    coalesce(sum(count) FILTER (WHERE y <> yhat), 0) AS wrong_predicted,`,
    `    coalesce(sum(count) FILTER (WHERE y IS NOT NULL AND yhat IS NULL), 0) AS undecided`,
    `  FROM confusion ${frame.groupBy()})`,
    `SELECT t.*, m.macro_precision, m.macro_recall, m.macro_f1`,
    `FROM totals t LEFT JOIN macro m ON ${frame.sameSlice('t', 'm')}`,
    frame.orderBy('t.'),
  ].join('\n');
}
