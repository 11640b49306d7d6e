import type { Settings } from '../../notebook/cell-kind';
import type { CellBase } from '../../notebook/notebook';

export interface ChartCell extends CellBase {
  kind: 'chart';
  /** The name of the cell whose result the chart shows. */
  source: string;
  /** The Vega-Lite spec as the user typed it (JSON text). */
  spec: string;
}

/** A new chart cell's settings. */
export function chartDefaults(): Settings<ChartCell> {
  return { source: '', spec: '' };
}
