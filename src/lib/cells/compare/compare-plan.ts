import { columnWith } from '../../ingest/roles';
import type { Dataset } from '../../notebook/dataset';
import type { RunProblem } from '../../notebook/run-context';

/** What a compare cell reads on its dataset: the example id, model, label and prediction columns. */
export interface ComparePlan {
  id: string;
  model: string;
  label: string;
  prediction: string;
}

/** The dataset's roles checked for a comparison: the plan, or what the cell still needs. */
export function comparePlan(dataset: Dataset): ComparePlan | RunProblem {
  const [id, model, label, prediction] = (['id', 'model', 'label', 'prediction'] as const).map(
    (role) => columnWith(dataset.roles, role),
  );
  if (!model)
    return { status: 'missing', message: 'Give a column the role "model": the models to compare.' };
  if (!id)
    return { status: 'missing', message: 'Give a column the role "example id" to pair rows.' };
  if (!label || !prediction)
    return { status: 'missing', message: 'Give columns the roles "label" and "prediction".' };
  return { id, model, label, prediction };
}
