import type { CalibrationGroup } from './read-calibration';
import type { VegaLiteSpec } from '../../charts/suggest-chart';
import { BRUSH } from '../../charts/brush';

/** The chart's data: a row per (model, bin) of the groups shown. */
export function reliabilityChartValues(groups: readonly CalibrationGroup[]) {
  return groups.flatMap((g) =>
    g.bins.map((b) => ({
      model: g.model ?? 'all rows',
      bin: b.bin + 1,
      confidence: b.confidence,
      accuracy: b.accuracy,
      low: b.interval.low,
      high: b.interval.high,
      n: b.n,
    })),
  );
}

/**
 * A reliability diagram (DeGroot & Fienberg 1983; Niculescu-Mizil & Caruana 2005): per bin the
 * observed rate against the mean confidence, with its Wilson interval, point area by the bin's
 * count; the diagonal is perfect calibration. Models by colour. With `brushable`, a range of
 * confidence brushed across the x axis filters the notebook to it (charts/brush.ts).
 */
export function reliabilityChartSpec(
  observed: string,
  confidence: string,
  brushable = false,
): VegaLiteSpec {
  const axis = (field: string, title: string) => ({
    field,
    type: 'quantitative' as const,
    title,
    scale: { domain: [0, 1] },
  });
  const x = axis('confidence', `mean ${confidence} in the bin`);
  const y = axis('accuracy', `${observed} (95% Wilson interval)`);
  const color = { field: 'model', type: 'nominal' as const, title: 'model' };
  return {
    data: { name: 'result' },
    height: 320,
    layer: [
      {
        data: {
          values: [
            { confidence: 0, accuracy: 0 },
            { confidence: 1, accuracy: 1 },
          ],
        },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x, y },
      },
      {
        mark: { type: 'rule', opacity: 0.6 },
        encoding: { x, y: { field: 'low', type: 'quantitative' }, y2: { field: 'high' }, color },
      },
      { mark: { type: 'line', opacity: 0.7 }, encoding: { x, y, color } },
      {
        ...(brushable && { params: [BRUSH] }),
        mark: { type: 'point', filled: true, opacity: 0.9 },
        encoding: {
          x,
          y,
          color,
          size: { field: 'n', type: 'quantitative', title: 'examples in bin' },
          tooltip: [
            { field: 'model' },
            { field: 'bin' },
            { field: 'n', title: 'examples' },
            { field: 'confidence', format: '.3f' },
            { field: 'accuracy', format: '.3f', title: observed },
            { field: 'low', format: '.3f' },
            { field: 'high', format: '.3f' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}
