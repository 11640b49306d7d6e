/**
 * The interval selection a chart with a numeric x declares so that a brushed range filters the
 * notebook (ui/chart-events.ts reports it once the button is let go). Only the x range: a
 * filter chip is one column's range.
 */
export const BRUSH = { name: 'slicebook_brush', select: { type: 'interval', encodings: ['x'] } };

/**
 * A point selection bound to the legend on `field` (the colour's): Vega draws legends inert
 * unless a selection is bound to them, and a click on an entry is read by ui/chart-events.ts.
 */
export function legendPick(field: string) {
  return { name: 'slicebook_legend', select: { type: 'point', fields: [field] }, bind: 'legend' };
}
