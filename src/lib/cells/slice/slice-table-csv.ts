import { csvField } from '../../csv';
import { metricById } from '../../metrics/metrics';
import type { MoreMetric } from './more-metrics';
import type { SliceRow } from './read-slice-table';

/** The slice table as CSV, one row per slice, with every number the page shows. */
export function sliceTableCsv(
  rows: SliceRow[],
  features: string[],
  metric: string,
  more: MoreMetric[] = [],
): string {
  const header = [
    'model',
    ...features,
    'n',
    'excluded',
    metric,
    'low_95',
    'high_95',
    'difference_to_rest',
    'difference_low_95',
    'difference_high_95',
    'p',
    'q',
    'method',
    ...more.flatMap(({ metric }) => {
      const label = metricById(metric).label;
      return [label, `${label} low_95`, `${label} high_95`];
    }),
  ];
  const lines = rows.map((r) =>
    [
      r.model,
      ...r.values,
      r.n,
      r.excluded,
      r.value,
      r.interval.low,
      r.interval.high,
      r.difference,
      r.differenceInterval.low,
      r.differenceInterval.high,
      r.p,
      r.q,
      r.method,
      ...more.flatMap(({ rowOf }) => {
        const other = rowOf(r);
        return [other?.value, other?.interval.low, other?.interval.high];
      }),
    ]
      .map(csvField)
      .join(','),
  );
  return [header.map(csvField).join(','), ...lines].join('\n') + '\n';
}
