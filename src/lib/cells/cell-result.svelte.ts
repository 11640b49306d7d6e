import { columnsWithRoles } from '../datasets/dataset';
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
  const result = $derived(notebook.resultOf<R>(cell().id));
  const value = $derived(result?.status === status ? (result as R) : null);
  const dataset = $derived.by(() => {
    const name = (cell() as { dataset?: unknown }).dataset;
    return typeof name === 'string' ? workspace.dataset(name) : undefined;
  });
  const featureColumns = $derived(columnsWithRoles(dataset, ['group', 'condition', 'severity']));
  return {
    notebook,
    workspace,
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
    /** ` · filtered by <the filter>` for the line above a result; empty without a filter. */
    get filterNote() {
      const filter = notebook.notebook.filter;
      return filter.trim() ? ` · filtered by ${filter}` : '';
    },
    /** Changes the cell's settings and re-runs it (`rerun` false: the view re-reads its result). */
    update(patch: Partial<C>, rerun = true) {
      notebook.updateCell(cell().id, patch as Record<string, unknown>, rerun);
    },
  };
}
