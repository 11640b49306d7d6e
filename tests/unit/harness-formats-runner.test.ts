import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/lib/datasets/dataset';
import {
  HARNESS_FIXTURES,
  helmHandCounts,
  inspectHandCounts,
  lmEvalHandCounts,
  mlflowHandCounts,
} from '../helpers/harness-counts';
import { runOnData } from '../helpers/run-on-data';

const FIXTURES = HARNESS_FIXTURES;

/** The overview's rows: per model (and task), n and the mean as counted by hand. */
function expectOverview(dataset: Dataset, hand: Record<string, { n: number; sum: number }>) {
  if (dataset.overview.status !== 'ok') throw new Error(dataset.overview.status);
  expect(dataset.overview.rows.map((r) => r.model)).toEqual(Object.keys(hand).sort());
  for (const row of dataset.overview.rows) {
    expect(row.n, row.model).toBe(hand[row.model].n);
    expect(row.estimate, row.model).toBeCloseTo(hand[row.model].sum / hand[row.model].n, 12);
  }
}

describe('the runner reads harness logs as the app does', () => {
  it('an lm-eval output folder: the overview per model and task, as counted by hand', async () => {
    const result = await runOnData('lm-eval', join(FIXTURES, 'lm-eval'));
    expect(result.files.map((f) => f.name)).toEqual(['lm-eval/lm-eval samples']);
    expect(result.datasets).toHaveLength(1);
    const dataset = result.datasets[0];
    expect(dataset.taskKind).toBe('score');
    expect(dataset.roles).toMatchObject({ model: 'model', score: 'outcome', example_id: 'id' });
    expect(dataset.idRepeats).toMatchObject({ id: 'example_id', ids: 0 });
    expectOverview(dataset, await lmEvalHandCounts());
  }, 60_000);

  it('an Inspect logs folder (.eval and .json): the overview per model, as counted by hand', async () => {
    const result = await runOnData('logs', join(FIXTURES, 'inspect', 'logs'));
    expect(result.files.map((f) => f.name)).toEqual(['logs/inspect logs']);
    const dataset = result.datasets[0];
    expect(dataset.roles).toMatchObject({ model: 'model', score: 'outcome', example_id: 'id' });
    expect(dataset.plan.notes[0]).toContain('C = 1, I = 0, P = 0.5, N = 0');
    expectOverview(dataset, await inspectHandCounts());
  }, 60_000);
});

describe('MLflow eval_results_table.json', () => {
  it('two runs in split orientation: a row per data entry, stacked with the run as the model', async () => {
    const result = await runOnData('mlflow', join(HARNESS_FIXTURES, 'mlflow'));
    expect(result.datasets).toHaveLength(1);
    const dataset = result.datasets[0];
    expect(dataset.plan.notes[0]).toBe(
      "Read as an MLflow evaluation table (eval_results_table.json, pandas' split orientation): 6 columns, 5 rows.",
    );
    expect(dataset.roles).toMatchObject({ ground_truth: 'label', outputs: 'prediction' });
    expectOverview(dataset, await mlflowHandCounts());
    if (dataset.overview.status === 'ok')
      expect(dataset.overview.rows.map((r) => r.metric)).toEqual(['accuracy', 'accuracy']);
  }, 60_000);
});

describe('HELM run folders', () => {
  it('two runs in folders named with : = , : exact match per model, as counted by hand', async () => {
    const result = await runOnData('helm', join(HARNESS_FIXTURES, 'helm'));
    expect(result.files.map((f) => f.name)).toEqual(['helm/runs/v1/helm runs']);
    expect(result.skipped).toEqual([]);
    const dataset = result.datasets[0];
    expectOverview(dataset, await helmHandCounts());
  }, 60_000);
});
