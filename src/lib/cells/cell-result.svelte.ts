import { columnsWithRoles } from '../datasets/dataset';
import { datasetModels } from '../datasets/dataset-models';
import { withFilterColumn } from '../csv';
import { downloadText } from '../ui/download';
import { useExplore } from '../explore/explore-context';
import type { Cell } from '../notebook/notebook';
import { useNotebook } from '../notebook/notebook-context';
import type { KindResult } from '../notebook/run-context';
import { useWorkspace } from '../notebook/workspace-context';

/**
 * What a cell view opens with: the notebook and the workspace, the cell's result (`result`, with
 * its errors and missing pieces) and the kind's own result when there is one (`value`), the
 * dataset the cell names, and an edit that re-runs the cell. Call it while the view is created,
 * with a getter of the view's cell: `const view = cellResult<SliceCell, SliceResult>(() => cell, 'slices')`.
 */
export function cellResult<C extends Cell, R extends KindResult>(
  cell: () => C,
  status: R['status'],
) {
  const notebook = useNotebook();
  const workspace = useWorkspace();
  const explore = useExplore();
  const result = $derived(notebook.resultOf<R>(cell().id));
  const value = $derived(result?.status === status ? (result as R) : null);
  const dataset = $derived.by(() => {
    const name = (cell() as { dataset?: unknown }).dataset;
    return typeof name === 'string' ? workspace.dataset(name) : undefined;
  });
  const featureColumns = $derived(columnsWithRoles(dataset, ['group', 'condition', 'severity']));
  const models = $derived(datasetModels(dataset));
  return {
    notebook,
    workspace,
    explore,
    get result() {
      return result;
    },
    get value() {
      return value;
    },
    get dataset() {
      return dataset;
    },
    /** The dataset's columns a view offers to slice by: group, condition and severity features. */
    get featureColumns() {
      return featureColumns;
    },
    /** All the dataset's models, whatever the filter keeps: what fixes each one's colour in charts. */
    get models() {
      return models;
    },
    /**
     * ` · filtered by <the filter>: <kept> of <all> rows` for the line above a result; empty
     * without a filter.
     */
    get filterNote() {
      const caption = explore.filterCaption(dataset?.plan.name);
      return caption ? ` · ${caption}` : '';
    },
    /** `filtered by <the filter>: <kept> of <all> rows`, or empty: for a line of its own. */
    get filterCaption() {
      return explore.filterCaption(dataset?.plan.name);
    },
    /** Downloads a table of the result as CSV, with the filter it was computed under as a column. */
    downloadCsv(fileName: string, csv: string) {
      downloadText(fileName, withFilterColumn(csv, notebook.notebook.filter), 'text/csv');
    },
    /** Changes the cell's settings and re-runs it (`rerun` false: the view re-reads its result). */
    update(patch: Partial<C>, rerun = true) {
      notebook.updateCell(cell().id, patch as Record<string, unknown>, rerun);
    },
  };
}
