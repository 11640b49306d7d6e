import type { HistoryPoint } from '../lib/baseline/run-history';
import { formatMetric } from '../lib/format';

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
