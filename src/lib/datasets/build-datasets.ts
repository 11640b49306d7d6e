import type { Engine } from '../engine/engine';
import { buildDataset, type Dataset } from './dataset';
import type { DatasetPlan } from './dataset-plan';
import type { DatasetSettings } from './dataset-settings';

/**
 * Builds the planned datasets (planDatasets): a dataset whose plan did not change stays as it is;
 * a new one takes the settings saved in the notebook (roles applied to the columns they name, the
 * difference in its warnings). The browser's workspace and the headless runner both build
 * datasets this way.
 */
export async function buildDatasets(
  engine: Engine,
  plans: DatasetPlan[],
  previous: Dataset[],
  saved: (dataset: string) => DatasetSettings | undefined,
): Promise<{ datasets: Dataset[]; errors: string[] }> {
  const before = new Map(previous.map((d) => [d.plan.name, d]));
  const datasets: Dataset[] = [];
  const errors: string[] = [];
  for (const plan of plans) {
    const old = before.get(plan.name);
    if (old && old.plan.select === plan.select) datasets.push({ ...old, plan });
    else {
      try {
        datasets.push(await buildDataset(engine, plan, saved(plan.name)));
      } catch (e) {
        errors.push(
          `Could not combine ${plan.sources.join(', ')}: ${e instanceof Error ? e.message : e}`,
        );
      }
    }
  }
  return { datasets, errors };
}
