import { columnWith } from '../../ingest/roles';
import { compareAs } from '../../metrics/compare-as';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import type { RobustnessMeasure } from './build-robustness';

/** What a robustness cell reads on its dataset: the level, model and condition columns, and the measure. */
export interface RobustnessPlan {
  severity: string;
  /** The severity column's type is an integer (see RobustnessOptions.wholeLevels). */
  wholeLevels: boolean;
  model?: string;
  condition?: string;
  measure: RobustnessMeasure;
}

/** The dataset's roles checked for a robustness cell: the plan, or what the cell still needs. */
export function robustnessPlan(dataset: Dataset): RobustnessPlan | RunProblem {
  const role = (r: Parameters<typeof columnWith>[1]) => columnWith(dataset.roles, r);
  const severity = role('severity');
  if (!severity)
    return {
      status: 'missing',
      message:
        'Give a column the role "severity (shift level)": the levels the curves run over (and "condition" for the kind of shift).',
    };
  const [label, prediction, outcome] = [role('label'), role('prediction'), role('outcome')];
  const columns = dataset.profile.columns;
  let measure: RobustnessMeasure;
  if (label && prediction)
    measure = {
      kind: 'accuracy',
      label,
      prediction,
      compareAs: compareAs(columns, label, prediction),
    };
  else if (outcome) measure = { kind: 'outcome', outcome };
  else
    return {
      status: 'missing',
      message:
        'Give columns the roles "label" and "prediction" (accuracy per example), or "outcome" (a per-example score or a per-cell accuracy).',
    };
  const [model, condition] = [role('model'), role('condition')];
  const wholeLevels = columns.find((c) => c.name === severity)?.kind === 'integer';
  return { severity, wholeLevels, model, condition, measure };
}
