import type { Dataset } from '../datasets/dataset';
import { distinctValuesSql } from '../slicing/distinct-values';
import { naturalLevelOrder } from '../slicing/level-order';
import type { RunDataset } from './baseline-plan';
import { runDataset } from './run-dataset';

/**
 * The runs of a dataset that holds several (files stacked into one dataset, a checkpoint column):
 * the values of the column that names each row's run, in their natural order (1-release,
 * 2-improved; step 200 before 1000), under the filter.
 */
export async function runNames(
  read: (sql: string) => Promise<Record<string, unknown>[]>,
  dataset: Dataset,
  column: string,
  filter: string,
): Promise<string[]> {
  const rows = await read(distinctValuesSql(dataset.plan.name, column, false, 1000, filter));
  return naturalLevelOrder(rows.map((r) => String(r.value))).order;
}

/**
 * One run of such a dataset, as the comparison reads it: its rows, and, where the column names
 * the files of a stack, without the columns its file lacks (empty in its rows), as if the run
 * were a file of its own.
 */
export function runOf(dataset: Dataset, column: string, value: string): RunDataset {
  const { stack } = dataset.plan;
  const file = stack?.column === column ? stack.files.find((f) => f.label === value) : undefined;
  const lacks = new Set((file?.lacks ?? []).map((c) => c.toLowerCase()));
  const whole = runDataset(dataset);
  return {
    ...whole,
    columns: whole.columns.filter((c) => !lacks.has(c.name.toLowerCase())),
    runRows: { column, value },
  };
}
