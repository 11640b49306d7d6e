import { columnWith } from '../../ingest/roles';
import type { Dataset } from '../../datasets/dataset';
import type { RunProblem } from '../../notebook/run-context';
import { compareMode, type CompareMode } from './compare-mode';

/**
 * What a compare cell reads on its dataset: the example id and model columns, and what it
 * compares (right and wrong from a label and prediction or a 0/1 outcome, or per-example scores).
 */
export interface ComparePlan {
  id: string;
  model: string;
  mode: CompareMode;
}

/** The dataset's roles checked for a comparison (`score`: the cell's choice): the plan, or what the cell still needs. */
export function comparePlan(dataset: Dataset, score: string): ComparePlan | RunProblem {
  const [id, model] = (['id', 'model'] as const).map((role) => columnWith(dataset.roles, role));
  if (!model)
    return { status: 'missing', message: 'Give a column the role "model": the models to compare.' };
  if (!id)
    return { status: 'missing', message: 'Give a column the role "example id" to pair rows.' };
  const mode = compareMode(score, dataset);
  if ('missing' in mode) return { status: 'missing', message: mode.missing };
  return { id, model, mode };
}
