import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AssertionOutcome } from '../lib/notebook/assertions';
import type { Notebook } from '../lib/notebook/notebook';
import { tableCsv } from '../lib/csv';
import type { NotebookRun } from './run-notebook';
import { baselineMarkdown, baselineText, regressionsTable } from './baseline-report';
import type { BaselineRun } from './run-baseline';
import { comparisonTable } from '../lib/baseline/comparison-table';
import type { HistoryPoint } from '../lib/baseline/run-history';
import { historyMarkdown } from './history-report';
import { historyTable } from '../lib/baseline/history-table';
import { plural } from '../lib/format';

export const FAILED = ['error', 'missing', 'cancelled'];

export interface Summary {
  notebook: string;
  title: string;
  filter: string;
  exitCode: number;
  data: {
    name: string;
    path: string;
    rows: number;
    bytes: number;
    sha256: string | null;
    recorded: string;
  }[];
  /**
   * The datasets the cells ran on, with the roles and task kind in force, what the loader did and
   * where the notebook's saved settings did not fit the data (warnings).
   */
  datasets: {
    name: string;
    roles: Record<string, string>;
    taskKind: string;
    notes: string[];
    warnings: string[];
  }[];
  datasetErrors: string[];
  cells: {
    name: string;
    kind: string;
    status: string;
    message: string | null;
    seconds: number;
    files: string[];
    rows: Record<string, number>;
  }[];
  checked: boolean;
  assertions: (Omit<AssertionOutcome, 'assertion'> & { assertion: unknown })[];
  /** The comparison with `--baseline`: its files, how each dataset matched, the gate's verdicts. */
  baseline?: {
    data: { name: string; path: string; rows: number; sha256: string | null }[];
    matching: BaselineRun['comparison']['matching'];
    notes: string[];
    gate: BaselineRun['gate'];
    comparisons: number;
    worse: number;
    better: number;
    files: string[];
  };
}

/** Writes each cell's tables (`<cell>.csv` for the main one, `<cell>.<table>.csv` for others, `<cell>.json`). */
export async function writeResults(
  out: string,
  notebookPath: string,
  notebook: Notebook,
  run: NotebookRun,
  outcomes: AssertionOutcome[] | null,
  exitCode: number,
  baseline: BaselineRun | null = null,
): Promise<Summary> {
  await mkdir(out, { recursive: true });
  const cells: Summary['cells'] = [];
  for (const c of run.cells) {
    const files: string[] = [];
    const names = Object.keys(c.tables);
    for (const [i, table] of names.entries()) {
      const file = i === 0 ? `${c.cell.name}.csv` : `${c.cell.name}.${table}.csv`;
      await writeFile(join(out, file), tableCsv(c.tables[table]));
      files.push(file);
    }
    if (c.status !== 'none') {
      const json = {
        name: c.cell.name,
        kind: c.cell.kind,
        status: c.status,
        message: c.message ?? null,
        tables: c.tables,
      };
      await writeFile(join(out, `${c.cell.name}.json`), `${JSON.stringify(json, null, 2)}\n`);
      files.push(`${c.cell.name}.json`);
    }
    cells.push({
      name: c.cell.name,
      kind: c.cell.kind,
      status: c.status,
      message: c.message ?? null,
      seconds: Number(c.seconds.toFixed(3)),
      files,
      rows: Object.fromEntries(names.map((t) => [t, c.tables[t].length])),
    });
  }
  const summary: Summary = {
    notebook: notebookPath,
    title: notebook.title,
    filter: notebook.filter,
    exitCode,
    data: run.files.map((f) => ({
      name: f.name,
      path: f.path,
      rows: f.table.profile.rows,
      bytes: f.table.bytes,
      sha256: f.table.sha256,
      recorded: f.recorded,
    })),
    datasets: run.datasets.map((d) => ({
      name: d.plan.name,
      roles: d.roles,
      taskKind: d.taskKind,
      notes: d.plan.notes,
      warnings: d.warnings,
    })),
    datasetErrors: run.datasetErrors,
    cells,
    checked: outcomes !== null,
    assertions: outcomes ?? [],
  };
  if (baseline) {
    await writeFile(join(out, 'baseline.csv'), tableCsv(comparisonTable(baseline.comparison.rows)));
    await writeFile(join(out, 'regressions.csv'), tableCsv(regressionsTable(baseline)));
    summary.baseline = {
      data: baseline.files.map((f) => ({
        name: f.name,
        path: f.path,
        rows: f.table.profile.rows,
        sha256: f.table.sha256,
      })),
      matching: baseline.comparison.matching,
      notes: baseline.comparison.notes,
      gate: baseline.gate,
      comparisons: baseline.comparison.rows.length,
      worse: baseline.regressions.worse.length,
      better: baseline.regressions.better.length,
      files: ['baseline.csv', 'regressions.csv'],
    };
  }
  await writeFile(join(out, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(out, 'summary.md'), summaryMarkdown(summary, baseline));
  return summary;
}

/**
 * Text inside a Markdown table cell: its lines kept as line breaks (a table row is one line of
 * Markdown), and `|`, `<`, `&` escaped so the text cannot end the cell or start HTML.
 */
const cellText = (s: string) =>
  s
    .trimEnd()
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('|', '\\|')
    .replaceAll('\n', '<br>');

/** A message of several lines for the terminal: the lines after the first start at `indent`. */
const indented = (text: string, indent: number) =>
  text.trimEnd().replaceAll('\n', `\n${' '.repeat(indent)}`);

/** The summary for people: the data, each cell's status, each assertion's verdict. */
export function summaryMarkdown(s: Summary, baseline: BaselineRun | null = null): string {
  const lines = [
    `# ${s.title}`,
    '',
    `Notebook \`${s.notebook}\`${s.filter ? `, filter \`${s.filter}\`` : ''}. Exit code ${s.exitCode}.`,
    '',
    '| data file | path | rows | bytes | vs. the notebook |',
    '|---|---|---:|---:|---|',
    ...s.data.map(
      (d) =>
        `| ${cellText(d.name)} | ${cellText(d.path)} | ${d.rows} | ${d.bytes} | ${d.recorded} |`,
    ),
    ...s.datasetErrors.map((e) => `\n${e}`),
    ...datasetWarnings(s).map((w) => `\n**Warning:** ${cellText(w)}`),
    '',
    '| cell | kind | status | rows | seconds | note |',
    '|---|---|---|---:|---:|---|',
    ...s.cells.map(
      (c) =>
        `| ${c.name} | ${c.kind} | ${c.status} | ${Object.values(c.rows).join(' + ') || ''} | ${c.seconds} | ${cellText(c.message ?? '')} |`,
    ),
  ];
  if (baseline) lines.push('', ...baselineMarkdown(baseline));
  if (s.checked) {
    const failed = s.assertions.filter((a) => !a.passed).length;
    lines.push(
      '',
      `## Assertions: ${s.assertions.length - failed} of ${s.assertions.length} hold`,
      '',
      '| | cell | check | result |',
      '|---|---|---|---|',
      ...s.assertions.map(
        (a) =>
          `| ${a.passed ? 'PASS' : 'FAIL'} | ${a.cell} | ${cellText(a.description)} | ${cellText(a.message)} |`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** history.csv, and the history's section appended to summary.md. */
export async function writeHistory(
  out: string,
  runs: string[],
  points: HistoryPoint[],
): Promise<void> {
  await writeFile(join(out, 'history.csv'), tableCsv(historyTable(points)));
  await appendFile(join(out, 'summary.md'), `\n${historyMarkdown(runs, points).join('\n')}\n`);
}

/** Each dataset's warnings, prefixed by its name. */
export function datasetWarnings(s: Pick<Summary, 'datasets'>): string[] {
  return s.datasets.flatMap((d) => d.warnings.map((w) => `${d.name}: ${w}`));
}

/** The same, for a terminal: one line per cell and per assertion. */
export function summaryText(s: Summary, baseline: BaselineRun | null = null): string {
  const width = Math.max(4, ...s.cells.map((c) => c.name.length));
  const lines = s.cells.map((c) => {
    const rows = Object.values(c.rows).reduce((a, b) => a + b, 0);
    const tables = Object.keys(c.rows).length;
    const note = FAILED.includes(c.status)
      ? `  ${indented(c.message ?? '', width + 25)}`
      : tables > 0
        ? `  ${rows} ${plural(rows, 'row')}`
        : '';
    return `  ${c.name.padEnd(width)}  ${c.kind.padEnd(9)} ${c.status.padEnd(9)}${c.status === 'none' ? '' : note}`;
  });
  if (baseline) lines.push('', ...baselineText(baseline));
  if (s.checked) {
    const failed = s.assertions.filter((a) => !a.passed).length;
    lines.push('', `Assertions: ${s.assertions.length - failed} of ${s.assertions.length} hold`);
    for (const a of s.assertions)
      lines.push(
        `  ${a.passed ? 'PASS' : 'FAIL'}  ${a.cell}: ${a.description}`,
        `        ${indented(a.message, 8)}`,
      );
  }
  return `${s.title}\n${lines.join('\n')}\n`;
}
