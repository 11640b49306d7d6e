import type { VegaLiteSpec } from './suggest-chart';

/** Narrower small multiples than this stop being readable: fewer columns instead. */
const MIN_PANEL_WIDTH = 160;
/** Vega-Lite's default gap between the panels of a facet. */
const PANEL_SPACING = 20;
/** The y axis of a facet's first column: labels ("100%") and title. */
const Y_AXIS_ROOM = 64;
/** A legend entry: symbol and padding around a label of up to LEGEND_LABEL_LIMIT px. */
const LEGEND_SYMBOL_ROOM = 44;
const LEGEND_LABEL_LIMIT = 180;
/** Vega's 11 px sans-serif labels average about this wide per character. */
const CHAR_WIDTH = 6.4;

type Spec = Record<string, unknown>;

/**
 * The spec drawn `width` px wide, axes and legend included: a single or layered view fills the
 * width (Vega-Lite's `fit-x` autosize); a faceted one gets as many columns as fit panels at least
 * MIN_PANEL_WIDTH wide (no more than it asks for) and panels that share the width, the legend's
 * room worked out from the longest label in `rows`. A spec that sets its own width, or arranges
 * views by concat or repeat, is drawn as written.
 */
export function fitChart(
  spec: VegaLiteSpec,
  width: number,
  rows: readonly Record<string, unknown>[],
): VegaLiteSpec {
  const s = spec as unknown as Spec;
  if (s.width !== undefined || ['concat', 'hconcat', 'vconcat', 'repeat'].some((k) => k in s))
    return spec;
  if ('facet' in s && typeof s.spec === 'object' && s.spec !== null) {
    const inner = s.spec as Spec;
    if (inner.width !== undefined) return spec;
    const room = width - Y_AXIS_ROOM - legendRoom(s, rows);
    const asked = typeof s.columns === 'number' ? s.columns : 1;
    const columns = Math.max(
      1,
      Math.min(asked, Math.floor((room + PANEL_SPACING) / (MIN_PANEL_WIDTH + PANEL_SPACING))),
    );
    const panel = Math.floor((room + PANEL_SPACING) / columns - PANEL_SPACING);
    // Panels keep the shape of the spec's own, or a 3:2 one.
    const aspect = typeof inner.height === 'number' ? inner.height / 160 : 2 / 3;
    const height = Math.round(Math.min(260, Math.max(120, panel * aspect)));
    return { ...s, columns, spec: { ...inner, width: panel, height } } as VegaLiteSpec;
  }
  // Under `fit-x` Vega clips a side legend taller than the plot: the legend goes below, in columns.
  const userConfig = (s.config ?? {}) as Spec;
  const legend = {
    orient: 'bottom',
    columns: legendColumns(s, rows, width),
    ...(userConfig.legend as Spec),
  };
  return {
    ...s,
    width,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: { ...userConfig, legend },
  } as VegaLiteSpec;
}

/** How many legend entries fit side by side in `width`. */
function legendColumns(spec: Spec, rows: readonly Record<string, unknown>[], width: number) {
  const room = legendRoom(spec, rows);
  return room === 0 ? 1 : Math.max(1, Math.floor(width / room));
}

/** The width of a legend's column: none without a colour field. */
function legendRoom(spec: Spec, rows: readonly Record<string, unknown>[]): number {
  const fields = colourFields(spec);
  if (fields.length === 0) return 0;
  const longest = Math.max(
    ...fields.flatMap(({ field, title }) => [
      title.length,
      ...rows.map((r) => String(r[field] ?? '').length),
    ]),
  );
  return LEGEND_SYMBOL_ROOM + Math.min(LEGEND_LABEL_LIMIT, longest * CHAR_WIDTH);
}

/** The fields coloured by a nominal legend anywhere in the spec, with their legend titles. */
function colourFields(node: unknown): { field: string; title: string }[] {
  if (typeof node !== 'object' || node === null) return [];
  if (Array.isArray(node)) return node.flatMap(colourFields);
  const record = node as Spec;
  const colour = (record.encoding as Spec | undefined)?.color as Spec | undefined;
  const own =
    colour && typeof colour.field === 'string' && colour.legend !== null
      ? [{ field: colour.field, title: String(colour.title ?? colour.field) }]
      : [];
  return [...own, ...colourFields(record.layer), ...colourFields(record.spec)];
}
