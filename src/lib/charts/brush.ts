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

interface VegaMark {
  name?: string;
  aria?: boolean;
  marks?: VegaMark[];
}

/**
 * The compiled Vega spec with the brush's rectangles (`<param>_brush` and `<param>_brush_bg`)
 * hidden from assistive technology: Vega-Lite gives them a graphics role and no name, which axe
 * reports as serious (svg-img-alt). The brush is a pointer gesture; the chart's marks keep their
 * descriptions.
 */
export function hideBrushMarks<S extends object>(spec: S): S {
  const walk = (marks: VegaMark[] | undefined) =>
    marks?.forEach((mark) => {
      if (mark.name && /_brush(_bg)?$/.test(mark.name)) mark.aria = false;
      walk(mark.marks);
    });
  walk((spec as VegaMark).marks);
  return spec;
}
