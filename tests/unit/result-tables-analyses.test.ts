import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { CELL_KINDS, type CellKindId } from '../../src/lib/cells/registry';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import type { FlatRow } from '../../src/lib/notebook/result-tables';

/**
 * The runner's tables for discovery, robustness, calibration and cost, on the samples, against the
 * counts samples/expected.json records (the generator's own tallies, not this code's).
 */
const expected = JSON.parse(await readFile('samples/expected.json', 'utf8')).files;
const loan = expected['loan-approval.parquet'];
const corruption = expected['corruption-robustness.parquet'];

function notebookOf(cells: [CellKindId, Record<string, unknown>][]): Notebook {
  let nb = emptyNotebook();
  for (const [kind, init] of cells)
    nb = insertCell(nb, createCell(nb, CELL_KINDS[kind], init, new Set()));
  return nb;
}

let engine: Engine;
let loanRun: NotebookRun;
let corruptionRun: NotebookRun;
const table = (run: NotebookRun, kind: string, name: string): FlatRow[] =>
  run.cells.find((c) => c.cell.kind === kind)!.tables[name];

beforeAll(async () => {
  engine = await createNodeEngine();
  loanRun = await runNotebook(
    engine,
    notebookOf([
      ['discover', { dataset: 'ds_loan_approval', model: 'baseline-gbm', maxLevel: 2 }],
      ['calibration', { dataset: 'ds_loan_approval', feature: 'age_group' }],
      ['cost', { dataset: 'ds_loan_approval', cost: 'latency_ms' }],
    ]),
    [{ name: 'loan-approval.parquet', path: 'samples/loan-approval.parquet' }],
  );
  corruptionRun = await runNotebook(
    engine,
    notebookOf([['robustness', { dataset: 'ds_corruption_robustness' }]]),
    [{ name: 'corruption-robustness.parquet', path: 'samples/corruption-robustness.parquet' }],
  );
}, 120_000);
afterAll(() => engine.close());

describe('runner tables of the newer analysis cells', () => {
  it('discovery: the planted slice first, with its counts; one row per level', () => {
    for (const c of loanRun.cells) expect(c.status, c.cell.name).not.toBe('error');
    const slices = table(loanRun, 'discover', 'slices');
    expect(slices[0]).toMatchObject({
      rank: 1,
      slice: "age_group = '65+' AND region = 'rural'",
      n: loan.planted_slice.n_per_model,
      errors: loan.models['baseline-gbm'].slice.errors,
    });
    expect(slices[0].error_rate).toBeCloseTo(loan.models['baseline-gbm'].slice.error_rate, 12);
    expect(Number(slices[0].error_rate_low_95)).toBeLessThan(Number(slices[0].error_rate));
    expect(Number(slices[0].difference_to_rest)).toBeCloseTo(
      loan.models['baseline-gbm'].slice.error_rate -
        loan.models['baseline-gbm'].outside_slice.error_rate,
      12,
    );
    expect(table(loanRun, 'discover', 'levels').map((l) => l.level)).toEqual([1, 2]);
  });

  it('calibration: a row per model and per model x age group; bins that add up to each', () => {
    const rows = table(loanRun, 'calibration', 'calibration');
    const overall = rows.filter((r) => r.slice === null);
    expect(overall.map((r) => [r.model, r.n])).toEqual([
      ['baseline-gbm', 10_000],
      ['fair-gbm', 10_000],
    ]);
    expect(overall[0].confidence).toBeCloseTo(loan.models['baseline-gbm'].mean_score, 9);
    const bySlice = rows.filter((r) => r.slice !== null);
    expect(bySlice.every((r) => r.feature === 'age_group')).toBe(true);
    expect(bySlice.reduce((n, r) => n + Number(r.n), 0)).toBe(20_000);
    const bins = table(loanRun, 'calibration', 'bins');
    for (const r of rows) {
      const own = bins.filter((b) => b.model === r.model && b.slice === r.slice);
      expect(own.reduce((n, b) => n + Number(b.n), 0)).toBe(r.n);
    }
  });

  it('cost: mean latency per model, and both models on the front', () => {
    const rows = table(loanRun, 'cost', 'cost');
    expect(rows.map((r) => r.model)).toEqual(['baseline-gbm', 'fair-gbm']);
    expect(rows[0].mean).toBeCloseTo(loan.models['baseline-gbm'].mean_latency_ms, 9);
    expect(rows[1].mean).toBeCloseTo(loan.models['fair-gbm'].mean_latency_ms, 9);
    expect(rows[0].accuracy).toBeCloseTo(loan.models['baseline-gbm'].accuracy, 12);
    expect(rows.map((r) => r.pareto_front)).toEqual([true, true]);
  });

  it('robustness: clean, worst level, drop and mCE per model, from the recorded counts', () => {
    expect(corruptionRun.cells[0].status).toBe('robustness');
    const models = table(corruptionRun, 'robustness', 'models');
    const names = Object.keys(corruption.models).sort();
    expect(models.map((m) => m.model)).toEqual(names);
    const reference = names[0];
    const conditions = Object.keys(corruption.models[reference].by_condition).filter(
      (c) => c !== 'clean',
    );
    for (const m of models) {
      const e = corruption.models[m.model as string];
      expect(m.clean).toBeCloseTo(e.clean.accuracy, 12);
      expect(m.worst).toBeCloseTo(e.by_severity['5'].accuracy, 12);
      expect(m.drop).toBeCloseTo(e.clean.accuracy - e.by_severity['5'].accuracy, 12);
      expect(m.mean_shifted).toBeCloseTo(e.corrupted.accuracy, 12);
      // Every (condition, level) has the same number of images, so a condition's summed error
      // is its count of wrong answers over them: CE_c = wrong_c / wrong_ref,c.
      const ce = conditions.map((c) => {
        const own = e.by_condition[c];
        const ref = corruption.models[reference].by_condition[c];
        return (own.n - own.correct) / (ref.n - ref.correct);
      });
      expect(m.mce).toBeCloseTo(ce.reduce((a, b) => a + b, 0) / ce.length, 12);
    }
    const levels = table(corruptionRun, 'robustness', 'levels');
    expect(levels.length).toBe(names.length * corruption.conditions_per_model);
    expect(levels.filter((l) => l.model === 'resnet50').reduce((n, l) => n + Number(l.n), 0)).toBe(
      corruption.models.resnet50.n,
    );
    const errors = table(corruptionRun, 'robustness', 'corruption_errors');
    expect(errors.length).toBe(names.length * conditions.length);
    expect(errors.filter((r) => r.model === reference).every((r) => r.ce === 1)).toBe(true);
  });
});
