import type { Component } from 'svelte';
import type { CellKind } from '../../notebook/notebook';
import CalibrationCellView from './calibration/CalibrationCellView.svelte';
import ChartCellView from './chart/ChartCellView.svelte';
import CostCellView from './cost/CostCellView.svelte';
import CompareCellView from './compare/CompareCellView.svelte';
import DiscoverCellView from './discover/DiscoverCellView.svelte';
import FairnessCellView from './fairness/FairnessCellView.svelte';
import MarkdownCellView from './markdown/MarkdownCellView.svelte';
import OverviewCellView from './overview/OverviewCellView.svelte';
import RobustnessCellView from './robustness/RobustnessCellView.svelte';
import SliceCellView from './slice/SliceCellView.svelte';
import SqlCellView from './sql/SqlCellView.svelte';

/**
 * Every cell kind, with its view. An analysis adds its kind here and a folder beside this file
 * (view, model, pure builder, test).
 */
export const CELL_KINDS: Record<
  CellKind,
  { label: string; runnable: boolean; view: Component<{ cell: never }> }
> = {
  markdown: {
    label: 'Markdown',
    runnable: false,
    view: MarkdownCellView as Component<{ cell: never }>,
  },
  sql: { label: 'SQL', runnable: true, view: SqlCellView as Component<{ cell: never }> },
  chart: { label: 'Chart', runnable: true, view: ChartCellView as Component<{ cell: never }> },
  overview: {
    label: 'Overview',
    runnable: true,
    view: OverviewCellView as Component<{ cell: never }>,
  },
  slice: {
    label: 'Slice table',
    runnable: true,
    view: SliceCellView as Component<{ cell: never }>,
  },
  fairness: {
    label: 'Fairness',
    runnable: true,
    view: FairnessCellView as Component<{ cell: never }>,
  },
  compare: {
    label: 'Model vs model',
    runnable: true,
    view: CompareCellView as Component<{ cell: never }>,
  },
  discover: {
    label: 'Discover slices',
    runnable: true,
    view: DiscoverCellView as Component<{ cell: never }>,
  },
  robustness: {
    label: 'Robustness',
    runnable: true,
    view: RobustnessCellView as Component<{ cell: never }>,
  },
  calibration: {
    label: 'Calibration',
    runnable: true,
    view: CalibrationCellView as Component<{ cell: never }>,
  },
  cost: {
    label: 'Quality vs cost',
    runnable: true,
    view: CostCellView as Component<{ cell: never }>,
  },
};
