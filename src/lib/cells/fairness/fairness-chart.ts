import { groupName, RATE_LABELS, type FairnessGroup, type RateId } from './read-fairness';
import type { VegaLiteSpec } from '../../charts/suggest-chart';
import { HIGHLIGHT, highlightOpacity } from '../../charts/highlight';

/** The chart's data: a row per group and rate; `_row` its number, `_group` its group's. */
export function fairnessChartValues(groups: FairnessGroup[], rates: readonly RateId[]) {
  return groups.flatMap((g, group) =>
    rates.map((id, r) => ({
      _row: group * rates.length + r,
      _group: group,
      group: groupName(g),
      rate: RATE_LABELS[id],
      value: g.rates[id].value,
      low: g.rates[id].interval.low,
      high: g.rates[id].interval.high,
      trials: g.rates[id].trials,
    })),
  );
}

/**
 * Groups down the side, a row per rate (by colour) with its Wilson interval as a rule. A group
 * hovered elsewhere (charts/highlight.ts) stays at full strength, the others dim.
 */
export function fairnessChartSpec(
  groups: FairnessGroup[],
  rates: readonly RateId[],
  groupLabel: string,
): VegaLiteSpec {
  const values = fairnessChartValues(groups, rates);
  const y = { field: 'group', type: 'nominal' as const, title: groupLabel, sort: null };
  const color = { field: 'rate', type: 'nominal' as const, title: 'rate', sort: null };
  return {
    data: { values },
    params: [HIGHLIGHT],
    encoding: { y, yOffset: { field: 'rate', sort: null }, color, opacity: highlightOpacity },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          x: {
            field: 'low',
            type: 'quantitative',
            title: 'rate with 95% Wilson interval',
            scale: { domain: [0, 1] },
          },
          x2: { field: 'high' },
        },
      },
      {
        mark: { type: 'point', filled: true },
        encoding: {
          x: { field: 'value', type: 'quantitative' },
          tooltip: [
            { field: 'group' },
            { field: 'rate' },
            { field: 'value', format: '.3f' },
            { field: 'low', format: '.3f' },
            { field: 'high', format: '.3f' },
            { field: 'trials' },
          ],
        },
      },
    ],
  } as VegaLiteSpec;
}
