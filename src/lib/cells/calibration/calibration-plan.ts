import { columnWith, columnsWith } from '../../ingest/roles';
import type { Dataset } from '../../notebook/dataset';
import type { RunProblem } from '../../notebook/run-context';
import {
  calibrationProblem,
  type CalibrationMode,
  type CalibrationOptions,
} from './build-calibration';
import type { CalibrationCell } from './calibration-cell';

/** What a calibration cell's settings come to on its dataset: the queries' options. */
export interface CalibrationPlan {
  options: CalibrationOptions;
  mode: CalibrationMode;
  /** The per-class probability columns whose largest is the confidence (top-label), if any. */
  classScores: string[];
}

/**
 * The cell's settings checked against its dataset (and the notebook's `filter`): the plan, or
 * what the cell still needs.
 */
export function calibrationPlan(
  cell: CalibrationCell,
  dataset: Dataset,
  filter: string,
): CalibrationPlan | RunProblem {
  const roles = dataset.roles;
  const scores = columnsWith(roles, 'score');
  const mode: CalibrationMode = dataset.taskKind === 'binary' ? 'binary' : 'top-label';
  const classScores =
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
    score: cell.score || scores[0],
    classScores,
    positive: cell.positive || undefined,
    model: columnWith(roles, 'model'),
    feature: cell.feature || undefined,
    binning: cell.binning,
    bins: cell.bins,
    filter,
    kinds: Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind])),
    id: columnWith(roles, 'id'),
  };
  const problem = calibrationProblem(options);
  if (problem) return { status: 'missing', message: problem };
  return { options, mode, classScores };
}
