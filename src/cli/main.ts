import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createNodeEngine } from '../lib/engine/duckdb-node';
import { checkAssertions } from '../lib/notebook/assertions';
import { renamedText } from '../lib/notebook/cell-names';
import { parseNotebook } from '../lib/notebook/file-format';
import { filterSyntaxError } from '../lib/sql/one-expression';
import { parseArgs, USAGE } from './args';
import { comparisonTable } from '../lib/baseline/comparison-table';
import { resolveData } from './resolve-data';
import { runBaseline, type BaselineRun } from './run-baseline';
import { runHistoryFolder } from './run-history';
import { runNotebook, type NotebookRun } from './run-notebook';
import { datasetWarnings, FAILED, summaryText, writeHistory, writeResults } from './write-results';

/** Exit codes (README, "Continuous evaluation"). */
export const EXIT = { ok: 0, assertionFailed: 1, badInput: 2, cellFailed: 3 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `slicebook run ...`: returns the exit code. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    io.out(`${USAGE}\n`);
    return EXIT.ok;
  }
  if ('error' in args) {
    io.err(`slicebook: ${args.error}\n\n${USAGE}\n`);
    return EXIT.badInput;
  }
  const text = await readFile(args.notebook, 'utf8').catch((e: Error) => e);
  if (text instanceof Error) {
    io.err(`slicebook: cannot read the notebook ${args.notebook} (${text.message}).\n`);
    return EXIT.badInput;
  }
  const parsed = parseNotebook(text);
  if ('error' in parsed) {
    io.err(`slicebook: ${args.notebook}: ${parsed.error}\n`);
    return EXIT.badInput;
  }
  const notebook =
    args.filter === undefined ? parsed.notebook : { ...parsed.notebook, filter: args.filter };
  const data = resolveData(notebook, args.data, existsSync);
  if ('error' in data) {
    io.err(`slicebook: ${data.error}\n`);
    return EXIT.badInput;
  }
  const given = (name: string) =>
    data.some((d) => d.name === name || name.startsWith(`${d.name}/`));
  for (const d of notebook.data.filter((d) => !given(d.name)))
    io.err(`slicebook: warning: no --data for ${d.name}; the cells that use it cannot run.\n`);

  const engine = await createNodeEngine();
  const filterError = await filterSyntaxError(engine, notebook.filter);
  if (filterError) {
    const from = args.filter === undefined ? `the filter of ${args.notebook}` : '--filter';
    io.err(`slicebook: ${from}: ${filterError}\n`);
    await engine.close();
    return EXIT.badInput;
  }
  const baselineData =
    args.baseline.length > 0 ? resolveData(notebook, args.baseline, existsSync) : [];
  if ('error' in baselineData) {
    io.err(`slicebook: --baseline: ${baselineData.error}\n`);
    await engine.close();
    return EXIT.badInput;
  }
  let run: NotebookRun;
  let baseline: BaselineRun | { error: string } | null = null;
  let history: Awaited<ReturnType<typeof runHistoryFolder>> | null = null;
  try {
    run = await runNotebook(engine, notebook, data);
    if (baselineData.length > 0)
      baseline = await runBaseline(engine, notebook, run.datasets, run.cells, baselineData, {
        maxQ: args.maxQ,
        minDrop: args.minDrop,
      });
    if (args.history !== undefined)
      history = await runHistoryFolder(engine, notebook, run.datasets, args.history);
  } catch (e) {
    io.err(`slicebook: ${e instanceof Error ? e.message : String(e)}\n`);
    await engine.close();
    return EXIT.badInput;
  }
  await engine.close();
  if (baseline && 'error' in baseline) {
    io.err(`slicebook: cannot compare with the baseline: ${baseline.error}\n`);
    return EXIT.badInput;
  }
  if (history && 'error' in history) {
    io.err(`slicebook: --history: ${history.error}\n`);
    return EXIT.badInput;
  }
  const gate = notebook.baseline?.assertions ?? [];
  // A baseline cell compares two runs inside the notebook: the gate holds for its comparison too.
  const baselineCells = run.cells.filter((c) => c.cell.kind === 'baseline' && c.tables.comparison);
  if (args.check && !baseline && baselineCells.length === 0 && gate.length > 0)
    io.err(
      `slicebook: warning: the notebook's ${gate.length} baseline assertions are not checked: no --baseline given and no baseline cell.\n`,
    );

  const outcomes = args.check
    ? run.cells.flatMap((c) =>
        checkAssertions(
          c.cell.name,
          c.tables,
          c.cell.assertions ?? [],
          FAILED.includes(c.status) ? (c.message ?? c.status) : undefined,
        ),
      )
    : null;
  if (outcomes)
    for (const c of baselineCells)
      outcomes.push(
        ...checkAssertions(`baseline (${c.cell.name})`, { comparison: c.tables.comparison }, gate),
      );
  if (outcomes && baseline)
    outcomes.push(
      ...checkAssertions(
        'baseline',
        { comparison: comparisonTable(baseline.comparison.rows) },
        gate,
      ),
    );
  const cellFailed =
    run.cells.some((c) => FAILED.includes(c.status)) || run.datasetErrors.length > 0;
  const code = cellFailed
    ? EXIT.cellFailed
    : outcomes?.some((o) => !o.passed)
      ? EXIT.assertionFailed
      : EXIT.ok;
  const summary = await writeResults(
    args.out,
    args.notebook,
    notebook,
    run,
    outcomes,
    code,
    baseline,
  );
  if (history) await writeHistory(args.out, history.runs, history.points);
  if (run.renamed.length > 0) io.err(`slicebook: warning: ${renamedText(run.renamed)}\n`);
  for (const s of run.skipped) io.err(`slicebook: skipped ${s.name}: ${s.reason}\n`);
  for (const e of run.datasetErrors) io.err(`slicebook: ${e}\n`);
  for (const w of datasetWarnings(summary)) io.err(`slicebook: warning: ${w}\n`);
  io.out(summaryText(summary, baseline));
  if (history)
    io.out(
      `History: ${history.runs.length} runs (${history.runs.join(', ')}), in history.csv and summary.md.\n`,
    );
  io.out(`Results in ${args.out} (summary.md, summary.json). Exit code ${code}.\n`);
  return code;
}
