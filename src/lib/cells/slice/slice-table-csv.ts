import { csvField } from '../../csv';
import type { SliceRow } from './read-slice-table';

/** The slice table as CSV, one row per slice, with every number the page shows. */
export function sliceTableCsv(rows: SliceRow[], features: string[], metric: string): string {
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
    ]
      .map(csvField)
      .join(','),
  );
  return [header.map(csvField).join(','), ...lines].join('\n') + '\n';
}
