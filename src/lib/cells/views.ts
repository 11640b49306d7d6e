import type { Component } from 'svelte';

/** A kind's view: it is given its cell (typed by the kind). */
export type CellView = Component<{ cell: never }>;

/**
 * The views of the kinds, found by folder: `<kind>/<Kind>CellView.svelte` shows a cell in the
 * notebook, `<kind>/<Kind>ReportView.svelte` (where a kind has one) in a report. Kept apart from
 * the registry so that the headless runner, which imports the registry, loads no component.
 */
const editing = import.meta.glob<CellView>('./*/*CellView.svelte', {
  eager: true,
  import: 'default',
});
const reading = import.meta.glob<CellView>('./*/*ReportView.svelte', {
  eager: true,
  import: 'default',
});

const byKind = (views: Record<string, CellView>) =>
  new Map(Object.entries(views).map(([path, view]) => [path.split('/')[1], view]));

const cellViews = byKind(editing);
const reportViews = byKind(reading);

/** The view of a kind's cells in the notebook. */
export function cellView(kind: string): CellView | undefined {
  return cellViews.get(kind);
}

/** The view of a kind's cells in a report: its report view, else its notebook view. */
export function reportView(kind: string): CellView | undefined {
  return reportViews.get(kind) ?? cellViews.get(kind);
}
