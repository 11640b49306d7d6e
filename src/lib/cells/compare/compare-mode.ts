import type { ColumnProfile } from '../../ingest/profile';
import { columnWith } from '../../ingest/roles';
import type { Dataset } from '../../datasets/dataset';

/** What a compare cell pairs: right and wrong (McNemar), or per-example scores. */
export type CompareMode =
  | { kind: 'right-wrong'; label: string; prediction: string; outcome?: string }
  | { kind: 'scores'; score: string };

/** A column of whole numbers between 0 and 1: right or wrong. */
export function isZeroOne(column: ColumnProfile | undefined): boolean {
  return (
    column !== undefined &&
    column.wholeNumbers &&
    column.min !== null &&
    column.max !== null &&
    column.min >= 0 &&
    column.max <= 1
  );
}

/** Numeric columns a compare cell can pair as per-example scores. */
export function scoreColumns(dataset: Dataset): string[] {
  return dataset.profile.columns
    .filter(
      (c) =>
        (c.kind === 'integer' || c.kind === 'number' || c.kind === 'boolean') &&
        !['id', 'model', 'label', 'prediction'].includes(dataset.roles[c.name]),
    )
    .map((c) => c.name);
}

/**
 * How the cell compares: the score column chosen (0/1 ones as right and wrong), else the label
 * and prediction, else the outcome column (0/1: right and wrong; other numbers: scores).
 */
export function compareMode(score: string, dataset: Dataset): CompareMode | { missing: string } {
  const profile = (name: string) => dataset.profile.columns.find((c) => c.name === name);
  const byScore = (column: string): CompareMode =>
    isZeroOne(profile(column))
      ? { kind: 'right-wrong', label: column, prediction: column, outcome: column }
      : { kind: 'scores', score: column };
  if (score && scoreColumns(dataset).includes(score)) return byScore(score);
  const [label, prediction, outcome] = (['label', 'prediction', 'outcome'] as const).map((r) =>
    columnWith(dataset.roles, r),
  );
  if (label && prediction) return { kind: 'right-wrong', label, prediction };
  if (outcome) return byScore(outcome);
  return {
    missing:
      'Give columns the roles "label" and "prediction", or "outcome" (a per-example score), or pick a score column to compare.',
  };
}
