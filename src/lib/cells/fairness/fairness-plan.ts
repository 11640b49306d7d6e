import { columnWith } from '../../ingest/roles';
import { notAProbability } from '../../metrics/score-range';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import type { FairnessCell } from './fairness-cell';

/** What a fairness cell reads on its dataset: the label, the decision and the model columns. */
export interface FairnessPlan {
  label: string;
  /** The prediction or score column the decision is read from. */
  decisionColumn: string;
  modelColumn?: string;
}

/** The cell's settings checked against its dataset: the plan, or what the cell still needs. */
export function fairnessPlan(cell: FairnessCell, dataset: Dataset): FairnessPlan | RunProblem {
  const label = columnWith(dataset.roles, 'label');
  if (!label) return { status: 'missing', message: 'Give a column the role "label" (gold).' };
  const decisionColumn =
    cell.decision || columnWith(dataset.roles, 'prediction') || columnWith(dataset.roles, 'score');
  if (!decisionColumn)
    return { status: 'missing', message: 'Pick the prediction (or score) column.' };
  if (cell.features.length === 0)
    return { status: 'missing', message: 'Pick a sensitive feature.' };
  if (cell.threshold === null && dataset.roles[decisionColumn] === 'score') {
    const outside = notAProbability(dataset.profile.columns, decisionColumn) !== null;
    return {
      status: 'missing',
      message: `"${decisionColumn}" is a score, not a decision: tick "score ≥" and set the threshold${outside ? ' (it is not a probability, so there is no default of 0.5)' : ''}, or add a threshold column to the dataset.`,
    };
  }
  return { label, decisionColumn, modelColumn: columnWith(dataset.roles, 'model') };
}
