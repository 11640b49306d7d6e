import type { NotebookModel } from '../notebook/notebook-model.svelte';
import { PendingWork } from '../notebook/pending-work.svelte';
import type { Workspace } from '../notebook/workspace.svelte';
import { filterLabel } from './clause-label';
import { filterText, type Clause } from './filter-clauses';
import { addSlice, pickSlice, pickValues, removeClause, type SlicePick } from './pick-slice';
import { clausesOf } from './read-clauses';
import { rowsKept, type RowsKept } from './rows-kept';

/**
 * Exploring by clicking: the global filter seen as chips (one clause each), changed by clicks on
 * slices of the cells' tables and charts, and the slice hovered anywhere, which other views
 * highlight. The notebook's filter text is the one source of truth: clicks rewrite it through
 * NotebookModel.setFilter (so it is saved, undoable, and checked by every cell as typed text is).
 */
export class ExploreModel {
  /** The slice under the pointer (or focus) in some table or chart, or null. */
  hovered = $state.raw<SlicePick[] | null>(null);
  /** Why the last click could not change the filter. */
  problem = $state<string | null>(null);
  private counts = $state.raw<Record<string, RowsKept | null>>({});
  private countedFor: unknown = null;
  /** Clicks whose change of the filter is still being checked. */
  private readonly changes = new PendingWork();

  constructor(
    private readonly notebook: NotebookModel,
    private readonly workspace: Workspace,
  ) {}

  /** The filter in force, as clauses (chips). */
  get clauses(): Clause[] {
    return clausesOf(this.notebook.notebook.filter);
  }

  /** A click on a slice (Shift: `additive`); see pickSlice for what it does to the filter. */
  pick(picks: SlicePick[], additive: boolean): Promise<void> {
    return this.change((clauses) => pickSlice(clauses, picks, additive));
  }

  /** "Add as filter": the slice's clauses added to the filter (see addSlice), one undo step. */
  add(picks: SlicePick[]): Promise<void> {
    return this.change((clauses) => addSlice(clauses, picks));
  }

  /** A brushed run of a column's levels: the column filtered to them. */
  pickValues(column: string, values: (string | null)[]): Promise<void> {
    return this.change((clauses) => pickValues(clauses, column, values));
  }

  /** No click's change of the filter is under way. */
  get settled(): boolean {
    return this.changes.idle;
  }

  private change(edit: (clauses: Clause[]) => Clause[]): Promise<void> {
    return this.changes.track(() => this.changeNow(edit));
  }

  /**
   * The click's edit applies to the filter in force when its check comes back: two clicks in quick
   * succession (a slice, then Shift on another before the first's check returned) once both
   * edited the filter they started from, and the second's chip replaced the first's; so did an
   * Undo or a chip's × made during the check.
   */
  private async changeNow(edit: (clauses: Clause[]) => Clause[]): Promise<void> {
    let filter: string;
    let problem: string | null;
    do {
      filter = this.notebook.notebook.filter;
      // Text that is not one condition would change meaning once joined to a chip's SQL.
      problem = await this.notebook.filterProblem(filter);
    } while (filter !== this.notebook.notebook.filter);
    if (problem) {
      this.problem = `The filter's SQL must be fixed or cleared before a click can add to it. ${problem}`;
      return;
    }
    this.problem = null;
    this.setClauses(edit(clausesOf(filter)));
  }

  /** A chip's ×: the filter without that clause. */
  remove(index: number): void {
    this.problem = null;
    this.setClauses(removeClause(this.clauses, index));
  }

  private setClauses(clauses: Clause[]): void {
    const next = filterText(clauses);
    if (next !== this.notebook.notebook.filter) this.notebook.setFilter(next);
  }

  /**
   * `filtered by <the filter in words>: <kept> of <all> rows` for the caption of a cell over
   * `dataset`, empty without a filter. The count is made once per dataset and filter.
   */
  filterCaption(dataset: string | undefined): string {
    const filter = this.notebook.notebook.filter.trim();
    if (!filter) return '';
    const words = `filtered by ${filterLabel(this.clauses)}`;
    if (!dataset) return words;
    const key = `${dataset}\u0000${filter}`;
    // Read first, so that the caption follows the count when it arrives.
    const counts = this.counts;
    const fresh = this.countedFor === this.workspace.datasets;
    if (!fresh || !(key in counts)) queueMicrotask(() => void this.count(dataset, filter, key));
    const counted = fresh ? counts[key] : null;
    return counted
      ? `${words}: ${counted.kept.toLocaleString('en-US')} of ${counted.total.toLocaleString('en-US')} rows`
      : words;
  }

  private async count(dataset: string, filter: string, key: string): Promise<void> {
    // New data under the same names: counts made before are stale.
    const datasets = this.workspace.datasets;
    if (this.countedFor !== datasets) {
      this.countedFor = datasets;
      this.counts = {};
    }
    if (key in this.counts) return;
    this.counts = { ...this.counts, [key]: null };
    const source = this.workspace.dataset(dataset)?.plan.name;
    if (!source) return;
    const engine = await this.workspace.engine;
    const counted = await rowsKept(engine, source, filter).catch(() => null);
    if (this.countedFor === datasets) this.counts = { ...this.counts, [key]: counted };
  }
}
