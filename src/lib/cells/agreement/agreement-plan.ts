import { columnWith } from '../../ingest/roles';
import { correctnessOf } from '../../metrics/correctness';
import type { Dataset } from '../../datasets/dataset';
import type { AgreementPlan } from '../../metrics/agreement-sql';

/** Up to this many models are compared at once (2^12 patterns of right and wrong). */
export const MAX_AGREEMENT_MODELS = 12;

/** The plan of an agreement over `models` (at least two of the dataset's), or what is missing. */
export function agreementPlan(
  dataset: Dataset,
  models: readonly string[],
  feature: string,
  filter: string,
): AgreementPlan | { missing: string } {
  const id = columnWith(dataset.roles, 'id');
  const model = columnWith(dataset.roles, 'model');
  if (!model) return { missing: 'Give a column the role "model": the models to compare.' };
  if (!id) return { missing: 'Give a column the role "example id" to pair the models\u2019 rows.' };
  if (models.length < 2)
    return {
      missing: `Agreement needs at least two models; the column ${model} holds ${models.length}.`,
    };
  if (models.length > MAX_AGREEMENT_MODELS)
    return {
      missing: `Pick at most ${MAX_AGREEMENT_MODELS} models (${models.length} are picked).`,
    };
  if (feature && !dataset.profile.columns.some((c) => c.name === feature))
    return { missing: `The dataset has no column "${feature}" to slice by.` };
  const kinds = Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind]));
  const correctness = correctnessOf(dataset.roles, dataset.taskKind, kinds);
  if ('missing' in correctness) return correctness;
  return {
    source: dataset.plan.name,
    id,
    model,
    models: [...models],
    ...correctness,
    feature: feature || undefined,
    filter,
  };
}
