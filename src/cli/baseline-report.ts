import type { DiscoveryChange } from '../lib/baseline/discovery-changes';
import type { SliceComparison } from '../lib/baseline/read-comparison';
import { formatCount, formatDifference, formatMetric, formatPValue } from '../lib/format';
import type { FlatRow } from '../lib/notebook/result-values';
import type { BaselineRun } from './run-baseline';

/** The comparison as a flat table: baseline.csv, and the rows the notebook's baseline assertions check. */
export function comparisonTable(rows: readonly SliceComparison[]): FlatRow[] {
  return rows.map((r) => ({
    slice: r.slice,
    model: r.model,
    cell: r.cells.length > 0 ? r.cells.join(' ') : null,
    dataset: r.dataset,
    n: r.n,
    baseline: r.baseline,
    candidate: r.candidate,
    difference: r.difference,
    difference_low_95: r.interval.low,
    difference_high_95: r.interval.high,
    p: r.p,
    q: r.q,
    method: r.method,
    paired: r.paired,
    overall: r.overall,
    only_candidate: r.onlyCandidate,
    only_baseline: r.onlyBaseline,
  }));
}

/** regressions.csv: the slices that got worse (worst first), then those that got better. */
export function regressionsTable(run: BaselineRun): FlatRow[] {
  const { worse, better } = run.regressions;
  return [
    ...comparisonTable(worse).map((r) => ({ change: 'worse', ...r })),
    ...comparisonTable(better).map((r) => ({ change: 'better', ...r })),
    ...run.discovery.map((d) => ({
      change: `${d.change} (discovery)`,
      slice: d.slice,
      cell: d.cell,
      n: d.n,
      error: d.error,
    })),
  ];
}

const asRate = (r: SliceComparison) => r.metric === 'accuracy';
const where = (r: SliceComparison) => `${r.slice}${r.model === null ? '' : ` (${r.model})`}`;
const value = (r: SliceComparison, x: number) => formatMetric(x, asRate(r));
/** A difference and its interval: `-11.8 pts [-14.2, -9.5]` for rates. */
function change(r: SliceComparison): string {
  const bound = (x: number) => formatDifference(x, asRate(r)).replace(' pts', '');
  return `${formatDifference(r.difference, asRate(r))} [${bound(r.interval.low)}, ${bound(r.interval.high)}]`;
}

/** The report lists this many worse and better slices; regressions.csv has them all. */
export const LISTED = 10;

const listed = (list: SliceComparison[]) => list.slice(0, LISTED);
const more = (list: SliceComparison[], what: string) =>
  list.length > LISTED
    ? [`and ${list.length - LISTED} more ${what} slices in regressions.csv`]
    : [];

/** The gate in words: what makes a slice worse or better. */
function gateText(run: BaselineRun): string {
  const rate = run.comparison.rows.some(asRate);
  const minimum = rate ? `${(run.gate.minDrop * 100).toFixed(1)} points` : String(run.gate.minDrop);
  return `q < ${run.gate.maxQ} and a change of more than ${minimum}`;
}

/** How each dataset was compared, in a sentence. */
function methodText(run: BaselineRun): string[] {
  return run.comparison.matching.map((m) => {
    const metric = run.comparison.rows.find((r) => r.dataset === m.dataset)?.metric ?? '';
    const how = m.paired
      ? `paired on ${formatCount(m.common)} examples (by example id within a model)`
      : `unpaired (${m.unpairedBecause})`;
    return `${m.dataset}: ${metric}, ${formatCount(m.rowsCandidate)} candidate rows against ${formatCount(m.rowsBaseline)} baseline rows, ${how}.`;
  });
}

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
              `| ${cellText(where(r))} | ${formatCount(r.n)} | ${value(r, r.baseline)} | ${value(r, r.candidate)} | ${change(r)} | ${formatPValue(r.q)} | ${r.method} |`,
          ),
          ...more(list, title.toLowerCase()).map((m) => `\n${m}.`),
          '',
        ];
  return [
    '## Against the baseline',
    '',
    ...methodText(run).map((t) => `- ${cellText(t)}`),
    `- ${rows.length} comparisons; q by Benjamini-Hochberg across all of them. Worse or better: ${gateText(run)}.`,
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
    `  ${tag.padEnd(7)} ${where(r)}: n ${formatCount(r.n)}, ${value(r, r.baseline)} -> ${value(r, r.candidate)}, ${change(r)}, q ${formatPValue(r.q)}`;
  const { worse, better } = run.regressions;
  return [
    `Against the baseline (worse or better: ${gateText(run)})`,
    ...methodText(run).map((t) => `  ${t}`),
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
