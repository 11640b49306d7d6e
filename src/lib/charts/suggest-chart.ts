import type { TopLevelSpec } from 'vega-lite';
import { fieldRef } from './field-ref';

export type VegaLiteSpec = TopLevelSpec;
export type ColumnKind = 'integer' | 'number' | 'text' | 'boolean' | 'other';
export interface ChartColumn {
  name: string;
  kind: ColumnKind;
}

/** One bar per row: past this many rows a bar chart stops being readable. */
const MAX_BARS = 60;
/** Vertical bars leave room for this many category labels; more are drawn horizontally. */
const MAX_VERTICAL_BARS = 10;

const LOW_TO_HIGH: Record<string, string> = {
  low: 'high',
  lo: 'hi',
  lower: 'upper',
  lb: 'ub',
  min: 'max',
};

const isNumeric = (c: ChartColumn) => c.kind === 'integer' || c.kind === 'number';
const isCategory = (c: ChartColumn) => c.kind === 'text' || c.kind === 'boolean';
/** Row counts (`n`, `count`, `n_rows`) are the size of a group, rarely what a chart should show. */
const isCount = (c: ChartColumn) => /^(n|count|rows|n_.+|num_.+|.+_(n|count))$/i.test(c.name);

/** The result a chart reads; `withData` puts its rows here. */
const data = { name: 'result' };

const channel = (column: ChartColumn, type: 'quantitative' | 'nominal') => ({
  field: fieldRef(column.name),
  type,
  title: column.name,
});

/** A chart that fits the columns of a result, or null when none does. */
export function suggestChart(columns: ChartColumn[], rowCount: number): VegaLiteSpec | null {
  if (rowCount === 0) return null;
  const numbers = columns.filter(isNumeric);
  // A second category (`category, model, accuracy`) groups the bars side by side: stacking them
  // would add up accuracies.
  const [category, group] = columns.filter(isCategory);
  const interval = findInterval(columns);
  if (interval) {
    const inInterval = (c: ChartColumn) =>
      c === interval.estimate || c === interval.low || c === interval.high;
    if (category && rowCount <= MAX_BARS) return intervalChart(category, interval, group);
    const along = numbers.find((c) => !inInterval(c) && !isCount(c));
    if (along) return intervalChart(along, interval, group);
  }
  const measure = numbers.find((c) => !isCount(c)) ?? numbers[0];
  // A proportion beside its count (`group, condition, n, accuracy`): drawn with its Wilson interval.
  const count = numbers.find((c) => c !== measure && /^(n|count|rows)$/i.test(c.name));
  if (category && measure && count && isProportion(measure) && rowCount <= MAX_BARS) {
    const spec = intervalChart(category, wilsonColumns(measure), group) as object;
    return { ...spec, transform: wilsonTransform(measure, count) } as VegaLiteSpec;
  }
  if (category && measure && rowCount <= MAX_BARS)
    return barChart(category, measure, rowCount, group);
  if (numbers.length >= 2) {
    return {
      data,
      mark: { type: 'point', tooltip: true },
      encoding: { x: channel(numbers[0], 'quantitative'), y: channel(numbers[1], 'quantitative') },
    };
  }
  if (measure) {
    return {
      data,
      mark: 'bar',
      encoding: {
        x: { ...channel(measure, 'quantitative'), bin: true },
        y: { aggregate: 'count', type: 'quantitative', title: 'rows' },
      },
    };
  }
  return null;
}

/** Colour and side-by-side offset for a second category, or nothing. */
function grouping(group: ChartColumn | undefined, offset: 'xOffset' | 'yOffset') {
  if (!group) return {};
  return { color: channel(group, 'nominal'), [offset]: { field: fieldRef(group.name) } };
}

function barChart(
  category: ChartColumn,
  measure: ChartColumn,
  rowCount: number,
  group?: ChartColumn,
): VegaLiteSpec {
  const value = channel(measure, 'quantitative');
  const mark = { type: 'bar' as const, tooltip: true };
  // Sorting by value means little when several bars share a category.
  const sort = (by: string) => (group ? {} : { sort: by });
  if (rowCount > MAX_VERTICAL_BARS) {
    return {
      data,
      mark,
      encoding: {
        y: { ...channel(category, 'nominal'), ...sort('-x') },
        x: value,
        ...grouping(group, 'yOffset'),
      },
    };
  }
  return {
    data,
    mark,
    encoding: {
      x: { ...channel(category, 'nominal'), ...sort('-y') },
      y: value,
      ...grouping(group, 'xOffset'),
    },
  };
}

interface Interval {
  estimate: ChartColumn;
  low: ChartColumn;
  high: ChartColumn;
}

/** A numeric column with a `..low`/`..high` (lo/hi, lower/upper) pair, e.g. accuracy, ci_low, ci_high. */
function findInterval(columns: ChartColumn[]): Interval | null {
  const byName = new Map(columns.filter(isNumeric).map((c) => [c.name.toLowerCase(), c]));
  for (const [index, low] of columns.entries()) {
    if (!isNumeric(low)) continue;
    const highName = low.name
      .toLowerCase()
      .replace(
        /(^|[^a-z])(low|lo|lower|lb|min)(?=$|[^a-z])/,
        (_, before: string, word: string) => before + LOW_TO_HIGH[word],
      );
    const high = highName === low.name.toLowerCase() ? undefined : byName.get(highName);
    if (!high) continue;
    // The estimate usually sits just before its interval: `model, n, accuracy, ci_low, ci_high`.
    const before = columns.slice(0, index).reverse();
    const others = [...before, ...columns.slice(index + 1)].filter(
      (c) => isNumeric(c) && c !== high && !isCount(c),
    );
    if (others.length > 0) return { estimate: others[0], low, high };
  }
  return null;
}

/** Names of rates and shares, whose values lie in [0, 1]. */
const isProportion = (c: ChartColumn) =>
  /(^|_)(acc|accuracy|rate|precision|recall|tpr|fpr|tnr|fnr|share|proportion)(_|$)/i.test(c.name);

const WILSON_LOW = 'wilson_low_95';
const WILSON_HIGH = 'wilson_high_95';

function wilsonColumns(estimate: ChartColumn): Interval {
  return {
    estimate,
    low: { name: WILSON_LOW, kind: 'number' },
    high: { name: WILSON_HIGH, kind: 'number' },
  };
}

/**
 * The Wilson score 95% interval of `p` over `n` (Wilson 1927):
 * (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n); none where p is not in [0, 1] or n < 1.
 */
function wilsonTransform(estimate: ChartColumn, count: ChartColumn) {
  const [p, n] = [estimate, count].map((c) => `datum[${JSON.stringify(c.name)}]`);
  const z2 = 1.959963984540054 ** 2;
  const ok = `isValid(${p}) && isValid(${n}) && ${p} >= 0 && ${p} <= 1 && ${n} >= 1`;
  const centre = `(${p} + ${z2} / (2 * ${n}))`;
  const half = `(${Math.sqrt(z2)} * sqrt(${p} * (1 - ${p}) / ${n} + ${z2} / (4 * ${n} * ${n})))`;
  const bound = (sign: string) => `${ok} ? (${centre} ${sign} ${half}) / (1 + ${z2} / ${n}) : null`;
  return [
    { calculate: bound('-'), as: WILSON_LOW },
    { calculate: bound('+'), as: WILSON_HIGH },
  ];
}

/** Point estimates with their intervals as rules: across categories, or along a numeric column. */
function intervalChart(
  place: ChartColumn,
  { estimate, low, high }: Interval,
  group?: ChartColumn,
): VegaLiteSpec {
  const point = { type: 'point' as const, filled: true, tooltip: true };
  const range = { ...channel(low, 'quantitative'), title: estimate.name };
  if (isCategory(place)) {
    return {
      data,
      encoding: { y: channel(place, 'nominal'), ...grouping(group, 'yOffset') },
      layer: [
        { mark: 'rule', encoding: { x: range, x2: { field: fieldRef(high.name) } } },
        { mark: point, encoding: { x: channel(estimate, 'quantitative') } },
      ],
    };
  }
  return {
    data,
    encoding: {
      x: channel(place, 'quantitative'),
      ...(group && { color: channel(group, 'nominal') }),
    },
    layer: [
      { mark: 'rule', encoding: { y: range, y2: { field: fieldRef(high.name) } } },
      { mark: point, encoding: { y: channel(estimate, 'quantitative') } },
    ],
  };
}
