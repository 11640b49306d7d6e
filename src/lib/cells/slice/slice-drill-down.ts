import type { Engine } from '../../engine/engine';
import { columnWith } from '../../ingest/roles';
import { checkedFilterSql } from '../../sql/one-expression';
import type { Dataset } from '../../datasets/dataset';
import { PAGE_SIZE, readRowPage, type RowPage } from '../../notebook/row-pages';
import {
  confusionSql,
  readConfusion,
  sliceRowsSql,
  type ConfusionMatrix,
} from '../../slicing/drill-down';
import { classMode } from '../../metrics/metrics-sql';
import { sliceCondition } from '../../slicing/slice-condition';
import type { SliceRow } from './read-slice-table';
import type { SliceResult } from './run-slice-cell';

export interface DrillDown extends RowPage {
  /** The slice's condition on the features (not the model), for "add as cell". */
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
  filterText: string,
  offset: number,
): Promise<DrillDown> {
  const model = result.modelColumn ? { column: result.modelColumn, value: row.model } : undefined;
  const condition = sliceCondition(result.features, result.edges, row.values, model);
  const source = dataset.plan.name;
  const filter = await checkedFilterSql(engine, filterText, source);
  const page = await readRowPage(
    engine,
    sliceRowsSql(source, condition, filter, offset, PAGE_SIZE),
    offset,
  );
  const label = columnWith(dataset.roles, 'label');
  const prediction = columnWith(dataset.roles, 'prediction');
  const classification = dataset.taskKind === 'binary' || dataset.taskKind === 'multiclass';
  const kindOf = (column: string) => dataset.profile.columns.find((c) => c.name === column)?.kind;
  const mode = label && prediction ? classMode([kindOf(label), kindOf(prediction)]) : 'any';
  const confusion =
    classification && label && prediction
      ? readConfusion(
          (await engine.query(confusionSql(source, label, prediction, condition, filter, mode)))
            .toArray()
            .map((r) => r.toJSON() as never),
          mode,
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
