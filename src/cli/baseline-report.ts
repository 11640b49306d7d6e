import { regressionRows } from '../lib/baseline/comparison-table';
import type { DiscoveryChange } from '../lib/baseline/discovery-changes';
import type { SliceComparison } from '../lib/baseline/read-comparison';
import {
  changeText,
  gateText,
  matchingText,
  metricText,
  sliceWhere,
} from '../lib/baseline/comparison-text';
import { formatCount, formatMetric, formatPValue } from '../lib/format';
import type { FlatRow } from '../lib/notebook/result-values';
import type { BaselineRun } from './run-baseline';

/** regressions.csv: the slices that got worse (worst first), then those that got better. */
export function regressionsTable(run: BaselineRun): FlatRow[] {
  return [
    ...regressionRows(run.regressions),
    ...run.discovery.map((d) => ({
      change: `${d.change} (discovery)`,
      slice: d.slice,
      cell: d.cell,
      n: d.n,
      error: d.error,
    })),
  ];
}

/** The report lists this many worse and better slices; regressions.csv has them all. */
export const LISTED = 10;

const listed = (list: SliceComparison[]) => list.slice(0, LISTED);
const more = (list: SliceComparison[], what: string) =>
  list.length > LISTED
    ? [`and ${list.length - LISTED} more ${what} slices in regressions.csv`]
    : [];

const cellText = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The summary.md section: overall rows, then the worse and better slices as short tables. */
export function baselineMarkdown(run: BaselineRun): string[] {
  const { rows } = run.comparison;
  const table = (title: string, list: SliceComparison[]) =>
    list.length === 0
      ? [`**${title}:** none.`, '']
      : [
          `**${title} (${list.length}):**`,
          '',
          '| slice | n | baseline | candidate | difference [95% interval] | q | test |',
          '|---|---:|---:|---:|---|---:|---|',
          ...listed(list).map(
            (r) =>
              `| ${cellText(sliceWhere(r))} | ${formatCount(r.n)} | ${metricText(r, r.baseline)} | ${metricText(r, r.candidate)} | ${changeText(r)} | ${formatPValue(r.q)} | ${r.method} |`,
          ),
          ...more(list, title.toLowerCase()).map((m) => `\n${m}.`),
          '',
        ];
  return [
    '## Against the baseline',
    '',
    ...matchingText(run.comparison).map((t) => `- ${cellText(t)}`),
    `- ${rows.length} comparisons; q by Benjamini-Hochberg across all of them. Worse or better: ${gateText(run.comparison.rows, run.gate)}.`,
    ...run.comparison.notes.map((n) => `- ${cellText(n)}`),
    '',
    ...table(
      'Overall',
      rows.filter((r) => r.overall),
    ),
    ...table('Worse', run.regressions.worse),
    ...table('Better', run.regressions.better),
    ...discoveryMarkdown(run),
  ];
}

const discoveryText = (d: DiscoveryChange) =>
  `${d.cell}: ${d.slice} (n ${formatCount(d.n)}, error ${d.error === null ? '–' : formatMetric(d.error, d.rate)})`;

/** Failure slices that discovery finds on one run only. */
function discoveryMarkdown(run: BaselineRun): string[] {
  const list = (change: DiscoveryChange['change'], title: string) => {
    const found = run.discovery.filter((d) => d.change === change);
    return found.length === 0
      ? []
      : [`**${title}:**`, '', ...found.map((d) => `- ${cellText(discoveryText(d))}`), ''];
  };
  return [
    ...list('new', 'New failure slices (found by discovery on the candidate, not on the baseline)'),
    ...list('vanished', 'Vanished failure slices (found on the baseline, not on the candidate)'),
  ];
}

/** The same for a terminal: a line per overall row and per worse or better slice. */
export function baselineText(run: BaselineRun): string[] {
  const line = (tag: string, r: SliceComparison) =>
    `  ${tag.padEnd(7)} ${sliceWhere(r)}: n ${formatCount(r.n)}, ${metricText(r, r.baseline)} -> ${metricText(r, r.candidate)}, ${changeText(r)}, q ${formatPValue(r.q)}`;
  const { worse, better } = run.regressions;
  return [
    `Against the baseline (worse or better: ${gateText(run.comparison.rows, run.gate)})`,
    ...matchingText(run.comparison).map((t) => `  ${t}`),
    ...run.comparison.notes.map((n) => `  ${n}`),
    ...run.comparison.rows.filter((r) => r.overall).map((r) => line('OVERALL', r)),
    ...listed(worse).map((r) => line('WORSE', r)),
    ...more(worse, 'worse').map((m) => `  ${m}`),
    ...listed(better).map((r) => line('BETTER', r)),
    ...more(better, 'better').map((m) => `  ${m}`),
    ...run.discovery.map((d) => `  ${d.change.toUpperCase().padEnd(9)}${discoveryText(d)}`),
    `  ${worse.length} worse, ${better.length} better of ${run.comparison.rows.length} comparisons.`,
  ];
}
