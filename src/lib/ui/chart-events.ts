import type { View } from 'vega';
import { BRUSH } from '../charts/brush';
import { HIGHLIGHT } from '../charts/highlight';

export const HIGHLIGHT_SIGNAL = HIGHLIGHT.name;
const BRUSH_SIGNAL = BRUSH.name;

type Datum = Record<string, unknown>;

/** What the person does with a chart, reported to the cell that drew it. */
export interface ChartHandlers {
  /** A click on a mark: its data row (Shift: `additive`). */
  onpick?: (datum: Datum, additive: boolean) => void;
  /** A click on a legend entry: the value it stands for. */
  onlegend?: (value: string, additive: boolean) => void;
  /** The pointer over a mark (its row) or off the marks (null). */
  onhover?: (datum: Datum | null) => void;
  /**
   * A brushed x range, once the button is let go: the field, and its two ends on a continuous
   * axis or the values inside it on a discrete one (Vega-Lite's interval selection).
   */
  onbrush?: (field: string, extent: unknown[]) => void;
}

/** Whether the spec, or a view inside it (a layer, a facet's spec), declares a param so named. */
export function declares(spec: object, name: string): boolean {
  const s = spec as { params?: { name?: string }[]; layer?: object[]; spec?: object };
  if (Array.isArray(s.params) && s.params.some((p) => p?.name === name)) return true;
  const inner = [...(Array.isArray(s.layer) ? s.layer : []), ...(s.spec ? [s.spec] : [])];
  return inner.some((v) => typeof v === 'object' && v !== null && declares(v, name));
}

/** Connects a drawn view to the handlers; Vega removes its listeners with the view. */
export function listenToChart(view: View, spec: object, handlers: ChartHandlers): void {
  const { onpick, onlegend, onhover, onbrush } = handlers;
  view.addEventListener('click', (event, item) => {
    const datum = item?.datum as Datum | undefined;
    const role = (item?.mark as { role?: string } | undefined)?.role ?? '';
    const additive = (event as MouseEvent).shiftKey;
    if (role.startsWith('legend') && datum && 'value' in datum)
      onlegend?.(String(datum.value), additive);
    else if (datum && role === 'mark') onpick?.(datum, additive);
  });
  if (onhover) {
    view.addEventListener('mouseover', (_, item) => {
      const role = (item?.mark as { role?: string } | undefined)?.role ?? '';
      const datum = item?.datum as Datum | undefined;
      onhover(datum && role === 'mark' ? datum : null);
    });
    view.addEventListener('mouseout', () => onhover(null));
  }
  if (onbrush && declares(spec, BRUSH_SIGNAL)) {
    let brushed: [string, unknown[]] | null = null;
    view.addSignalListener(BRUSH_SIGNAL, (_, value) => {
      const [field, extent] = Object.entries((value ?? {}) as Record<string, unknown>)[0] ?? [];
      brushed = field && Array.isArray(extent) && extent.length > 0 ? [field, extent] : null;
    });
    // Vega-Lite's brush prevents the pointerdown's default, which stops the mouse events after it.
    const release = () => {
      if (brushed) onbrush(...brushed);
      brushed = null;
    };
    view.addEventListener('pointerup', release);
    view.addEventListener('mouseup', release);
  }
}
