import type { ColumnProfile } from '../ingest/profile';

/**
 * Why a score column cannot be read as a probability, or null when it can: its values leave
 * [0, 1] (a 1-10 risk score, a logit, a count). Such a score is never cut at 0.5 nor averaged as
 * a chance; the user sets a threshold (a derived column) or uses a rank metric.
 */
export function notAProbability(columns: readonly ColumnProfile[], score: string): string | null {
  const c = columns.find((x) => x.name === score);
  if (!c || c.min === null || c.max === null) return null;
  if (c.min >= 0 && c.max <= 1) return null;
  const middle = Number(((c.min + c.max) / 2).toPrecision(2));
  return `"${score}" runs from ${format(c.min)} to ${format(c.max)}, so it is not a probability: it is not cut at 0.5 or read as a chance. Add a threshold as a derived column (in the dataset's "Derived columns", e.g. ${score} ≥ ${middle}) and use it as the prediction, or use a rank metric such as ROC-AUC.`;
}

const format = (v: number) => Number(v.toPrecision(6)).toLocaleString('en-US');

/**
 * Why a metric of `family` cannot use the score as it would (a probability for log loss and
 * Brier, a decision at 0.5 for accuracy and the confusion rates without a prediction), or null.
 * ROC-AUC ranks, so any score serves.
 */
export function scoreUseProblem(
  family: string,
  roles: { prediction?: string; score?: string },
  columns: readonly ColumnProfile[],
): string | null {
  if (!roles.score) return null;
  const asProbability =
    family === 'probability' ||
    ((family === 'accuracy' || family === 'confusion') && !roles.prediction);
  return asProbability ? notAProbability(columns, roles.score) : null;
}
