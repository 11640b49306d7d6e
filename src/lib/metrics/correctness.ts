import type { ValueKind } from '../ingest/profile';
import { columnWith, type Role, type TaskKind } from '../ingest/roles';
import { ident } from '../sql/quote';
import { asNumber, MetricFrame } from './metrics-sql';

/** Whether each row got its example right, as SQL over the dataset's columns. */
export interface Correctness {
  /** True or false per row; NULL where the row has no label (or no outcome). */
  right: string;
  /** True for a row whose outcome is a number other than 0 and 1 (so right is not defined). */
  notBinary?: string;
  /** The column that says what the model answered (its prediction, or the outcome). */
  answer: string;
  /** The gold label's column, where there is one. */
  label?: string;
}

/**
 * Right or wrong per row, as accuracy counts it: the prediction's class is the label's (a row
 * with a label and no prediction is wrong), or a per-example outcome of 1 (per-example score
 * tasks, or any dataset without a label and a prediction). Undefined for regression and for
 * outcomes other than 0/1 (the caller counts `notBinary` and says so).
 */
export function correctnessOf(
  roles: Record<string, Role>,
  taskKind: TaskKind,
  kinds: Record<string, ValueKind>,
): Correctness | { missing: string } {
  const [label, prediction, outcome] = (['label', 'prediction', 'outcome'] as const).map((r) =>
    columnWith(roles, r),
  );
  const classification = taskKind === 'binary' || taskKind === 'multiclass';
  if (label && prediction && (classification || !outcome)) {
    const frame = new MetricFrame({ source: '', columns: { label, prediction }, kinds });
    const same = `${frame.classOf(ident(prediction))} = ${frame.classOf(ident(label))}`;
    return {
      right: `CASE WHEN ${ident(label)} IS NOT NULL THEN coalesce(${same}, false) END`,
      answer: prediction,
      label,
    };
  }
  if (outcome && taskKind !== 'regression') {
    const value = asNumber(outcome);
    return {
      right: `CASE WHEN isfinite(${value}) THEN ${value} = 1 END`,
      notBinary: `coalesce(isfinite(${value}) AND ${value} NOT IN (0, 1), false)`,
      answer: outcome,
      label,
    };
  }
  return {
    missing:
      'Right or wrong per example needs a label and a prediction (classification) or a 0/1 outcome column: check the roles.',
  };
}
