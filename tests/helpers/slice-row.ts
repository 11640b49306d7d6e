import type { SliceRow } from '../../src/lib/cells/slice/read-slice-table';

/** A slice table's row of `model` on one feature's `value`, at `v` with a ±0.1 interval. */
export const sliceRow = (model: string, value: string | null, v = 0.5): SliceRow => ({
  model,
  values: [value],
  n: 10,
  excluded: 0,
  value: v,
  interval: { low: v - 0.1, high: v + 0.1 },
  difference: 0,
  differenceInterval: { low: -0.1, high: 0.1 },
  p: 1,
  q: 1,
  method: 'test',
  detectable: NaN,
  ruleOfThree: null,
  pResolution: NaN,
});
