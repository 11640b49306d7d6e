import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import type { DiscoveredSlice } from '../../src/lib/cells/discover/read-discover';
import {
  discoverChartSpec,
  discoverChartValues,
} from '../../src/lib/cells/discover/discover-chart';

const slice = (label: string, rate: number, n: number): DiscoveredSlice => ({
  key: label,
  predicates: [],
  label,
  condition: 'TRUE',
  n,
  errors: rate * n,
  rate,
  interval: { low: rate - 0.1, high: rate + 0.1 },
  lift: { difference: 0.2, low: 0.1, high: 0.3 },
  p: 0.01,
  q: 0.02,
  score: 0.5,
  searchN: n,
});

describe('discovery chart', () => {
  const spec = discoverChartSpec('error rate', 0.2);

  it('validates against the Vega-Lite JSON schema and compiles without warnings', () => {
    expect(specProblems(spec)).toEqual({ schema: [], warnings: [] });
  });

  it('draws the slices best first, numbered, with their intervals', () => {
    expect(
      discoverChartValues([slice("region = 'rural'", 0.5, 40), slice('age < 30', 0.4, 90)]),
    ).toEqual([
      { rank: 1, slice: "1. region = 'rural'", rate: 0.5, low: 0.4, high: 0.6, n: 40, score: 0.5 },
      {
        rank: 2,
        slice: '2. age < 30',
        rate: 0.4,
        low: 0.30000000000000004,
        high: 0.5,
        n: 90,
        score: 0.5,
      },
    ]);
  });
});
