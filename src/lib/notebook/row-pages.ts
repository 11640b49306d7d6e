import { flipRowsSql, type CompareOptions, type Flip } from '../analyses/compare/build-compare';
import {
  confusionSql,
  readConfusion,
  sliceRowsSql,
  type ConfusionMatrix,
} from '../analyses/slice-table/drill-down';
import type { SliceRow } from '../analyses/slice-table/read-slice-table';
import { sliceCondition } from '../analyses/slice-table/slice-condition';
import type { Engine } from '../engine/engine';
import { columnWith } from '../ingest/roles';
import type { Dataset } from './dataset';
import { PAGE_SIZE } from './run-cell';
import type { SliceResult } from './run-slice-cell';

/** A page of the examples behind a number: a slice's, a flip set's, a discovered slice's. */
export interface RowPage {
  columns: { name: string; type: string }[];
  rows: Record<string, unknown>[];
  total: number;
  offset: number;
}

export interface DrillDown extends RowPage {
  /** The slice's condition on the features (not the model), for "add as filter" and "add as cell". */
  condition: string;
  source: string;
  confusion: ConfusionMatrix | null;
}

/** A slice table row's examples (a page) and, for classification, its confusion matrix. */
export async function sliceDrillDown(
  engine: Engine,
  dataset: Dataset,
  result: SliceResult,
  row: SliceRow,
  filter: string,
  offset: number,
): Promise<DrillDown> {
  const model = result.modelColumn ? { column: result.modelColumn, value: row.model } : undefined;
  const condition = sliceCondition(result.features, result.edges, row.values, model);
  const source = dataset.plan.name;
  const page = await readRowPage(
    engine,
    sliceRowsSql(source, condition, filter, offset, PAGE_SIZE),
    offset,
  );
  const label = columnWith(dataset.roles, 'label');
  const prediction = columnWith(dataset.roles, 'prediction');
  const classification = dataset.taskKind === 'binary' || dataset.taskKind === 'multiclass';
  const confusion =
    classification && label && prediction
      ? readConfusion(
          (await engine.query(confusionSql(source, label, prediction, condition, filter)))
            .toArray()
            .map((r) => r.toJSON() as never),
        )
      : null;
  return {
    ...page,
    // The dataset's columns with their SQL types, as the data panel names them.
    columns: dataset.profile.columns.map((c) => ({ name: c.name, type: c.sqlType })),
    condition: sliceCondition(result.features, result.edges, row.values),
    source,
    confusion,
  };
}

/** A page of the examples model A gets right and B wrong (flip "b") or the reverse ("c"). */
export function flipPage(
  engine: Engine,
  options: CompareOptions,
  flip: Flip,
  slice: { value: string | null } | undefined,
  offset: number,
): Promise<RowPage> {
  return readRowPage(engine, flipRowsSql(options, flip, slice, offset, PAGE_SIZE), offset);
}

/** A page of `source`'s rows meeting `condition` and the global filter (a discovered slice's). */
export function rowsWhere(
  engine: Engine,
  source: string,
  condition: string,
  filter: string,
  offset: number,
): Promise<RowPage> {
  return readRowPage(engine, sliceRowsSql(source, condition, filter, offset, PAGE_SIZE), offset);
}

async function readRowPage(
  engine: Engine,
  queries: { rows: string; count: string },
  offset: number,
): Promise<RowPage> {
  const table = await engine.query(queries.rows);
  const rows = table.toArray().map((r) => r.toJSON() as Record<string, unknown>);
  const columns = table.schema.fields.map((f) => ({ name: f.name, type: String(f.type) }));
  const total = Number((await engine.query(queries.count)).get(0)?.n ?? 0);
  return { columns, rows, total, offset };
}
