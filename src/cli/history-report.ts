import type { HistoryPoint } from '../lib/baseline/run-history';
import { formatMetric } from '../lib/format';
import type { FlatRow } from '../lib/notebook/result-values';

/** history.csv: the metric of every slice in every run, with its interval. */
export function historyTable(points: readonly HistoryPoint[]): FlatRow[] {
  return points.map((p) => ({
    run: p.run,
    slice: p.slice,
    model: p.model,
    cell: p.cells.length > 0 ? p.cells.join(' ') : null,
    dataset: p.dataset,
    metric: p.metric,
    n: p.n,
    value: p.value,
    value_low_95: p.interval.low,
    value_high_95: p.interval.high,
  }));
}

/** The summary.md section: per dataset and model, a row per slice and a column per run. */
export function historyMarkdown(
  runs: readonly string[],
  points: readonly HistoryPoint[],
): string[] {
  const lines = [
    '## History',
    '',
    `${runs.length} runs, in file name order: ${runs.join(', ')}.`,
    '',
  ];
  const groups = [...new Set(points.map((p) => `${p.dataset}\u0000${p.model ?? ''}`))];
  for (const group of groups) {
    const [dataset, model] = group.split('\u0000');
    const mine = points.filter((p) => p.dataset === dataset && (p.model ?? '') === model);
    const rate = mine[0].metric === 'accuracy';
    const show = (p: HistoryPoint | undefined) =>
      p
        ? `${formatMetric(p.value, rate)} [${formatMetric(p.interval.low, rate)}, ${formatMetric(p.interval.high, rate)}]`
        : '–';
    lines.push(
      `**${dataset}${model ? `, ${model}` : ''}** (${mine[0].metric}, 95% intervals):`,
      '',
      `| slice | ${runs.join(' | ')} |`,
      `|---|${runs.map(() => '---:').join('|')}|`,
      ...[...new Set(mine.map((p) => p.slice))].map(
        (slice) =>
          `| ${slice.replaceAll('|', '\\|')} | ${runs.map((r) => show(mine.find((p) => p.slice === slice && p.run === r))).join(' | ')} |`,
      ),
      '',
    );
  }
  return lines;
}
