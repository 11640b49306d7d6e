import type { Engine } from '../engine/engine';
import type { LoadedTable } from '../ingest/load-file';
import { planDatasets } from './plan-datasets';
import type { Role } from '../ingest/roles';
import { buildDataset, changeRoles, type Dataset } from './dataset';
import type { DatasetSettings } from './dataset-settings';

/**
 * Plans the datasets of the loaded tables and builds them: a dataset whose plan did not change
 * keeps its roles, a new one takes the roles saved in the notebook when they name the same columns.
 * The browser's workspace and the headless runner both build datasets this way.
 */
export async function buildDatasets(
  engine: Engine,
  tables: LoadedTable[],
  previous: Dataset[],
  saved: (dataset: string) => DatasetSettings | undefined,
): Promise<{ datasets: Dataset[]; errors: string[] }> {
  const before = new Map(previous.map((d) => [d.plan.name, d]));
  const datasets: Dataset[] = [];
  const errors: string[] = [];
  for (const plan of planDatasets(tables)) {
    const old = before.get(plan.name);
    if (old && old.plan.select === plan.select) datasets.push(old);
    else {
      try {
        let dataset = await buildDataset(engine, plan);
        const settings = saved(plan.name);
        if (settings && sameColumns(settings.roles, dataset.roles)) {
          dataset = await changeRoles(engine, dataset, settings.roles, settings.taskKind);
        }
        datasets.push(dataset);
      } catch (e) {
        errors.push(
          `Could not combine ${plan.sources.join(', ')}: ${e instanceof Error ? e.message : e}`,
        );
      }
    }
  }
  return { datasets, errors };
}

function sameColumns(a: Record<string, Role>, b: Record<string, Role>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b);
}
