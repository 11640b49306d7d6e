import { ident } from '../sql/quote';
import type { DatasetPlan } from './dataset-plan';

/** The dataset a SQL cell's result becomes: `ds_<cell name>`. */
export function sqlDatasetName(cell: string): string {
  return `ds_${cell}`;
}

/** The SQL cell (of `cells`, the names of cells whose result is a table) a dataset name stands for. */
export function sqlResultOf(dataset: string, cells: readonly string[]): string | undefined {
  return cells.find((c) => sqlDatasetName(c).toLowerCase() === dataset.toLowerCase());
}

/** A SQL cell's result as a dataset: a view over the table the cell stores. */
export function sqlDatasetPlan(cell: string): DatasetPlan {
  return {
    name: sqlDatasetName(cell),
    sources: [cell],
    select: `SELECT * FROM ${ident(cell)}`,
    reshapes: false,
    notes: [`The result of the SQL cell ${cell}: built again whenever the cell runs.`],
    origin: 'sql',
  };
}
