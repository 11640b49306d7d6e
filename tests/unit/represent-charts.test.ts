import { describe, expect, it } from 'vitest';
import { mixChartSpec, mixChartValues } from '../../src/lib/cells/represent/mix-chart';
import {
  reweightChartSpec,
  reweightChartValues,
} from '../../src/lib/cells/represent/reweight-chart';
import { specProblems } from '../helpers/vega-lite';

describe('representativeness charts', () => {
  it('the mix chart and the reweighting chart validate against Vega-Lite and compile cleanly', () => {
    expect(specProblems(mixChartSpec('time_of_day'))).toEqual({ schema: [], warnings: [] });
    expect(specProblems(reweightChartSpec('accuracy'))).toEqual({ schema: [], warnings: [] });
  });

  it('draws two bars per slice (test set, target), a missing value named', () => {
    const values = mixChartValues([
      {
        key: '["day"]',
        values: ['day'],
        testRows: 7,
        testShare: 0.7,
        targetRows: null,
        targetShare: 0.35,
        ratio: 0.5,
      },
      {
        key: '[null]',
        values: [null],
        testRows: 3,
        testShare: 0.3,
        targetRows: null,
        targetShare: 0.65,
        ratio: 2.1667,
      },
    ]);
    expect(values).toEqual([
      { slice: 'day', mix: 'test set', share: 0.7 },
      { slice: 'day', mix: 'target', share: 0.35 },
      { slice: '(missing)', mix: 'test set', share: 0.3 },
      { slice: '(missing)', mix: 'target', share: 0.65 },
    ]);
  });

  it('draws a point and an interval per model on each side', () => {
    const interval = (low: number, high: number) => ({ low, high });
    const values = reweightChartValues([
      {
        model: 'a',
        n: 10,
        test: 0.9,
        testInterval: interval(0.8, 0.95),
        target: 0.7,
        targetInterval: interval(0.6, 0.8),
        difference: -0.2,
        differenceInterval: interval(-0.3, -0.1),
        method: 'x',
        effectiveN: 5,
        unrepresented: 0,
        bounds: null,
        rankTest: 1,
        rankTarget: 1,
      },
    ]);
    expect(values).toEqual([
      { model: 'a', on: 'test set', value: 0.9, low: 0.8, high: 0.95 },
      { model: 'a', on: 'target', value: 0.7, low: 0.6, high: 0.8 },
    ]);
  });
});
