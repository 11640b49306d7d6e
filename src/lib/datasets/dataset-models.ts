import { columnWith } from '../ingest/roles';
import type { Dataset } from './dataset';

/**
 * All the models of a dataset, whatever a filter keeps: the model column's values as its profile
 * lists them (up to VALUES_UP_TO), else the unfiltered overview's models; none without a model
 * column. Charts colour a model by its place among these (charts/fixed-colours.ts).
 */
export function datasetModels(dataset: Dataset | undefined): string[] {
  const column = dataset && columnWith(dataset.roles, 'model');
  if (!dataset || !column) return [];
  const values = dataset.profile.columns.find((c) => c.name === column)?.values;
  if (values) return values;
  const { overview, plan } = dataset;
  return overview.status === 'ok' && !plan.overviewSplit ? overview.rows.map((r) => r.model) : [];
}
