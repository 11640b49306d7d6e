import type { Loader } from 'vega';
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { hideBrushMarks } from '../charts/brush';
import { CHART_CONFIG } from '../charts/chart-theme';
import { withData } from '../charts/chart-spec';
import { fitChart } from '../charts/fit-chart';
import { fixedColours, withFixedColours } from '../charts/fixed-colours';
import type { VegaLiteSpec } from '../charts/suggest-chart';

const refuse = () => Promise.reject(new Error('charts read a named result, not URLs'));
/** Vega asks its loader before fetching data or images and before following a link: this one says no. */
const noFetching: Loader = { load: refuse, sanitize: refuse, http: refuse, file: refuse };

/**
 * Draws a Vega-Lite spec over `rows` into `host` as SVG, `width` px wide (see fitChart), under the page's CSP (no eval: Vega runs
 * its expressions through the interpreter). Errors Vega reports while running go to `onError`.
 * A `model` colour is fixed by the model's place among `models` (all of the dataset's), so a
 * filter that leaves some out recolours none.
 */
export async function renderChart(
  host: HTMLElement,
  spec: VegaLiteSpec,
  rows: Record<string, unknown>[],
  width: number,
  name: string,
  models: readonly string[],
  onError: (message: string) => void,
): Promise<Result> {
  // `usermeta.embedOptions` inside a spec would override the options below (loader, editor link).
  const { usermeta: _, ...drawable } = spec as VegaLiteSpec & { usermeta?: unknown };
  const logger = {
    level() {
      return logger;
    },
    error(...message: unknown[]) {
      onError(message.map(String).join(' '));
      return logger;
    },
    warn: () => logger,
    info: () => logger,
    debug: () => logger,
  };
  const coloured = withFixedColours(drawable as VegaLiteSpec, rows, 'model', fixedColours(models));
  const fitted = fitChart(coloured, width, rows);
  return embed(host, withData(fitted, rows), {
    mode: 'vega-lite',
    renderer: 'svg',
    ast: true,
    expr: expressionInterpreter,
    loader: noFetching,
    logger,
    config: CHART_CONFIG,
    patch: hideBrushMarks,
    // The view has its own SVG and PNG export links (VegaView).
    actions: false,
    downloadFileName: name,
  });
}
