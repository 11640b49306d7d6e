import { columnWith, columnsWith } from '../../ingest/roles';
import { notAProbability } from '../../metrics/score-range';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import type { CalibrationMode, CalibrationOptions } from './build-calibration';
import type { CalibrationCell } from './calibration-cell';

/** What a calibration cell's settings come to on its dataset: the queries' options. */
export interface CalibrationPlan {
  options: CalibrationOptions;
  mode: CalibrationMode;
  /** Top-label: the per-class probability columns whose largest is the confidence, if any. */
  perClass: string[];
}

/**
 * The cell's settings checked against its dataset (and the notebook's `filter`): the plan, or
 * what the cell still needs. Per-class columns are matched to the label's classes when the cell
 * runs (matchClassColumns), as that reads the data.
 */
export function calibrationPlan(
  cell: CalibrationCell,
  dataset: Dataset,
  filter: string,
): CalibrationPlan | RunProblem {
  const roles = dataset.roles;
  const scores = columnsWith(roles, 'score');
  const mode: CalibrationMode = dataset.taskKind === 'binary' ? 'binary' : 'top-label';
  // Top-label without a confidence column picked: per-class columns, the user's or the scores.
  const perClass =
    mode === 'top-label' && !cell.score
      ? cell.classScores.length >= 2
        ? cell.classScores
        : scores.length >= 2
          ? scores
          : []
      : [];
  const options: CalibrationOptions = {
    source: dataset.plan.name,
    mode,
    label: columnWith(roles, 'label'),
    prediction: columnWith(roles, 'prediction'),
    outcome: columnWith(roles, 'outcome'),
    score: cell.score || (perClass.length >= 2 ? undefined : scores[0]),
    positive: cell.positive || undefined,
    model: columnWith(roles, 'model'),
    feature: cell.feature || undefined,
    binning: cell.binning,
    bins: cell.bins,
    filter,
    kinds: Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind])),
    id: columnWith(roles, 'id'),
  };
  const notProbability = (perClass.length >= 2 ? perClass : options.score ? [options.score] : [])
    .map((score) => notAProbability(dataset.profile.columns, score))
    .find((p) => p !== null);
  if (notProbability) return { status: 'missing', message: notProbability };
  if (perClass.length >= 2 && !options.label)
    return { status: 'missing', message: 'Give a column the role "label" to score the top class.' };
  return { options, mode, perClass };
}
