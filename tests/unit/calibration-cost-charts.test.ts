import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import type { CalibrationGroup } from '../../src/lib/cells/calibration/read-calibration';
import type { CostRow } from '../../src/lib/cells/cost/read-cost';
import { costChartSpec, costChartValues } from '../../src/lib/cells/cost/cost-chart';
import {
  reliabilityChartSpec,
  reliabilityChartValues,
} from '../../src/lib/cells/calibration/reliability-chart';

describe('reliability and cost charts', () => {
  for (const [name, spec] of [
    ['reliability', reliabilityChartSpec('accuracy', 'confidence')],
    ['cost', costChartSpec('latency p50', 'accuracy')],
  ] as const) {
    it(`${name}: validates against the Vega-Lite schema and compiles without warnings`, () => {
      expect(specProblems(spec)).toEqual({ schema: [], warnings: [] });
    });
  }

  it('a point per (model, bin), bins numbered from 1', () => {
    const interval = { low: 0.1, high: 0.9 };
    const group = {
      model: 'a',
      bins: [{ bin: 0, n: 3, confidence: 0.05, accuracy: 0, interval, low: 0, high: 0.06 }],
    } as CalibrationGroup;
    expect(reliabilityChartValues([group])).toEqual([
      { model: 'a', bin: 1, confidence: 0.05, accuracy: 0, low: 0.1, high: 0.9, n: 3 },
    ]);
  });

  it('takes the chosen cost statistic and its interval, and names the front', () => {
    const i = (low: number, high: number) => ({ low, high });
    const row = {
      model: 'm',
      n: 5,
      mean: 1,
      meanInterval: i(0, 2),
      p50: 3,
      p50Interval: i(2, 4),
      p95: 5,
      p95Interval: i(4, 6),
      quality: { value: 0.5, n: 5, excluded: 0 },
      qualityInterval: i(0.4, 0.6),
      front: true,
    } as CostRow;
    expect(costChartValues([row], 'p95')[0]).toMatchObject({
      cost: 5,
      costLow: 4,
      costHigh: 6,
      quality: 0.5,
      front: 'on the Pareto front',
    });
  });
});
