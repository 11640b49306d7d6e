import { describe, expect, it } from 'vitest';
import { specProblems } from '../helpers/vega-lite';
import { highlightedRows } from '../../src/lib/explore/highlighted-rows';
import type { SlicePick } from '../../src/lib/explore/pick-slice';
import { robustnessCurves } from '../../src/lib/cells/robustness/robustness-curves';
import { curvePicks } from '../../src/lib/cells/robustness/curve-picks';
import { curveChartSpec, curveChartValues } from '../../src/lib/cells/robustness/robustness-chart';
import {
  fairnessChartSpec,
  fairnessChartValues,
} from '../../src/lib/cells/fairness/fairness-chart';
import { groupPicks } from '../../src/lib/cells/fairness/fairness-picks';
import type { FairnessGroup } from '../../src/lib/cells/fairness/read-fairness';

const value = (column: string, v: string | null): SlicePick => ({ column, value: v });

/** Three models on fog and snow at levels 1 and 2, and the models pooled: 16 rows, 8 lines. */
const curves = robustnessCurves(
  ['a', 'b', 'c'].flatMap((model) =>
    ['fog', 'snow'].flatMap((condition) =>
      ['1', '2'].map((level) => ({
        model,
        condition,
        level,
        n: 100,
        value: 0.7,
        successes: 70,
        interval: { low: 0.6, high: 0.8 },
      })),
    ),
  ),
  false,
);
const rows = curveChartValues(curves);
const picks = curvePicks(
  { model: 'model', condition: 'condition', severity: 'severity' },
  'by-condition',
);
const lit = (hovered: SlicePick[] | null) =>
  highlightedRows(
    rows.map((r) => picks.point(r)),
    hovered,
    rows.map((r) => r._line),
  );
/** Which rows (as model/condition/level) and lines (as model/condition) a highlight lights; P: pooled. */
function named(ids: number[] | null) {
  if (ids === null) return null;
  const m = (r: (typeof rows)[number]) => (r.pooled ? 'P' : r.model);
  const points = rows
    .filter((r) => ids.includes(r._row))
    .map((r) => `${m(r)}/${r.condition}/${r.level}`);
  const lines = [
    ...new Set(rows.filter((r) => ids.includes(r._line)).map((r) => `${m(r)}/${r.condition}`)),
  ];
  return { points: points.sort(), lines: lines.sort() };
}

describe('the robustness chart lights the slice hovered elsewhere', () => {
  it('numbers every row, and every curve after the rows', () => {
    expect(rows.map((r) => r._row)).toEqual([...Array(16).keys()]);
    expect(new Set(rows.map((r) => r._line))).toEqual(new Set([16, 17, 18, 19, 20, 21, 22, 23]));
  });

  it('a condition: its points and its whole curves, of every model', () => {
    expect(named(lit([value('condition', 'fog')]))).toEqual({
      points: [
        'P/fog/1',
        'P/fog/2',
        'a/fog/1',
        'a/fog/2',
        'b/fog/1',
        'b/fog/2',
        'c/fog/1',
        'c/fog/2',
      ],
      lines: ['P/fog', 'a/fog', 'b/fog', 'c/fog'],
    });
  });

  it('a level: its points alone, since no curve is all that level', () => {
    expect(named(lit([value('severity', '2')]))).toEqual({
      points: [
        'P/fog/2',
        'P/snow/2',
        'a/fog/2',
        'a/snow/2',
        'b/fog/2',
        'b/snow/2',
        'c/fog/2',
        'c/snow/2',
      ],
      lines: [],
    });
    expect(named(lit([value('condition', 'snow'), value('severity', '1')]))?.points).toEqual([
      'P/snow/1',
      'a/snow/1',
      'b/snow/1',
      'c/snow/1',
    ]);
  });

  it('a slice of other columns, or none: nothing dimmed', () => {
    expect(lit([value('region', 'north')])).toBeNull();
    expect(lit(null)).toBeNull();
  });

  it('the spec with its highlight is valid Vega-Lite in both layouts', () => {
    for (const layout of ['by-condition', 'by-model'] as const) {
      const spec = curveChartSpec(curves, layout, 'accuracy', 'severity', true);
      expect(specProblems({ ...spec, data: { values: rows } })).toEqual({
        schema: [],
        warnings: [],
      });
    }
  });
});

describe('the fairness chart lights the group hovered elsewhere', () => {
  const group = (values: (string | null)[]): FairnessGroup =>
    ({ values, rows: 10, n: 10, tooSmall: false, rates: {} }) as unknown as FairnessGroup;
  const groups = [group(['female', 'north']), group(['male', 'north']), group(['female', null])];
  const rate = { value: 0.5, interval: { low: 0.4, high: 0.6 }, trials: 10, successes: 5 };
  for (const g of groups) (g.rates as Record<string, unknown>) = { selection: rate, tpr: rate };
  const values = fairnessChartValues(groups, ['selection', 'tpr']);
  const byGroup = groups.map((g) => groupPicks(['sex', 'region'], g));
  const fairLit = (hovered: SlicePick[]) =>
    highlightedRows(
      values.map((v) => byGroup[v._group]),
      hovered,
    );

  it('a row per group and rate, numbered, each knowing its group', () => {
    expect(values.map((v) => [v._row, v._group, v.group, v.rate])).toEqual([
      [0, 0, 'female · north', 'selection rate'],
      [1, 0, 'female · north', 'TPR'],
      [2, 1, 'male · north', 'selection rate'],
      [3, 1, 'male · north', 'TPR'],
      [4, 2, 'female · (missing)', 'selection rate'],
      [5, 2, 'female · (missing)', 'TPR'],
    ]);
  });

  it('every rate of the groups that agree with the hovered slice', () => {
    expect(fairLit([value('sex', 'female')])).toEqual([0, 1, 4, 5]);
    expect(fairLit([value('region', null)])).toEqual([4, 5]);
    expect(fairLit([value('sex', 'male'), value('age', '65+')])).toEqual([2, 3]);
    expect(fairLit([value('age', '65+')])).toBeNull();
  });

  it('the spec with its highlight is valid Vega-Lite', () => {
    const spec = fairnessChartSpec(groups, ['selection', 'tpr'], 'sex · region');
    expect(specProblems(spec)).toEqual({ schema: [], warnings: [] });
  });
});
