import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../src/lib/datasets/dataset';
import { wilson } from '../e2e/reference';
import {
  HARNESS_FIXTURES,
  perModelHandCounts,
  perTrialHandCounts,
  rowsUnderKeyHandCounts,
  zipHandCounts,
  type Tallies,
} from '../helpers/harness-counts';
import { runOnData } from '../helpers/run-on-data';

/**
 * Issue 19: per-model folders, a benchmark's zipped outputs, per-trial responses and a JSON
 * object of rows, through the runner (native DuckDB) with the numbers e2e
 * tests/e2e/harness-folders.spec.ts checks in the app.
 */
const FIXTURES = HARNESS_FIXTURES;

/** The overview's rows: accuracy per row as counted by hand, with its Wilson interval. */
function expectAccuracies(dataset: Dataset, hand: Tallies) {
  if (dataset.overview.status !== 'ok') throw new Error(dataset.overview.status);
  expect(dataset.overview.rows.map((r) => r.model)).toEqual(Object.keys(hand).sort());
  for (const row of dataset.overview.rows) {
    const { n, correct } = hand[row.model];
    expect(row.n, row.model).toBe(n);
    expect(row.estimate, row.model).toBeCloseTo(correct / n, 12);
    const [low, high] = wilson(correct, n);
    expect(row.interval.low, row.model).toBeCloseTo(low, 10);
    expect(row.interval.high, row.model).toBeCloseTo(high, 10);
  }
}

describe('per-model folders: the model and the config from the path', () => {
  it('results/<model>/<config>/predictions.json: one dataset, accuracy per model and config as counted by hand', async () => {
    const result = await runOnData('per-model', join(FIXTURES, 'per-model'));
    expect(result.datasets).toHaveLength(1);
    const dataset = result.datasets[0];
    expect(dataset.plan.stack?.column).toBe('model');
    expect(dataset.plan.stack?.configColumn).toBe('config');
    expect(dataset.roles).toMatchObject({ model: 'model', config: 'group' });
    expect(dataset.plan.notes).toContain(
      'Per-model folders (per-model/results/<model>/<config>/predictions.json): path segment 3 became "model" (acme:7b|chat, zeta+lora=r8,a16), segment 4 "config" (temperature=0, temperature=0.7,top_p=0.9).',
    );
    expectAccuracies(dataset, await perModelHandCounts());
  }, 60_000);

  it('a file whose rows have other fields is stacked all the same, the union kept and each gap said', async () => {
    const result = await runOnData('per-model', join(FIXTURES, 'per-model'));
    const dataset = result.datasets[0];
    const odd = 'per-model/results/zeta+lora=r8,a16/temperature=0.7,top_p=0.9/predictions.json';
    expect(dataset.plan.notes).toContain(
      `${odd} lacks 2 columns "subject", "it's "hard"": empty in its rows.`,
    );
    expect(dataset.plan.notes).toContain(
      'per-model/results/acme:7b|chat/temperature=0/predictions.json lacks 2 columns "latency_ms", "judge_note": empty in its rows.',
    );
    expect(dataset.profile.columns.map((c) => c.name)).toEqual(
      expect.arrayContaining(['subject', `it's "hard"`, 'latency_ms', 'judge_note', 'config']),
    );
    expect(dataset.profile.rows).toBe(32);
  }, 60_000);
});

describe("a zip of a benchmark's per-model outputs in CSV, JSON Lines, JSON and Parquet", () => {
  it('one dataset, the model and config from the path inside the zip, as counted by hand', async () => {
    const result = await runOnData(
      'bench-outputs.zip',
      join(FIXTURES, 'zips', 'bench-outputs.zip'),
    );
    expect(result.files.map((f) => f.name).sort()).toEqual(
      [
        'acme:7b|chat/temperature=0/predictions.csv',
        'acme:7b|chat/top_p=0.9,t=1/predictions.jsonl',
        'zeta+lora=r8,a16/temperature=0/predictions.json',
        'zeta+lora=r8,a16/top_p=0.9,t=1/predictions.parquet',
      ].map((f) => `bench-outputs.zip/outputs/${f}`),
    );
    expect(result.skipped.map((s) => s.name)).toEqual(['bench-outputs.zip/outputs/README.md']);
    expect(result.datasets).toHaveLength(1);
    const dataset = result.datasets[0];
    expect(dataset.roles).toMatchObject({ model: 'model', config: 'group' });
    expectAccuracies(dataset, await zipHandCounts());
  }, 60_000);
});

describe('per-trial responses', () => {
  it('CSVs with headers in two cases and NaN for missing: accuracy per observer and condition as counted by hand', async () => {
    const result = await runOnData('per-trial', join(FIXTURES, 'per-trial'));
    expect(result.files.map((f) => f.name)).toEqual([
      'per-trial/exp:contrast|v2+lab=b,c/per-trial responses',
    ]);
    const dataset = result.datasets[0];
    expect(dataset.roles).toMatchObject({
      observer: 'model',
      response: 'prediction',
      truth: 'label',
      condition: 'condition',
    });
    expect(dataset.plan.notes[1]).toMatch(/^Headers that differ only in case between files/);
    expect(dataset.plan.notes[2]).toMatch(/^The text "NaN" is read as missing/);
    expect(dataset.profile.columns.find((c) => c.name === 'rt')?.sqlType).toBe('DOUBLE');
    expectAccuracies(dataset, await perTrialHandCounts());
  }, 60_000);

  it('a file with "Session" and "session" in one header is refused, both named', async () => {
    await expect(runOnData('per-trial-bad', join(FIXTURES, 'per-trial-bad'))).rejects.toThrow(
      'per-trial-bad/observer-03_session-1.csv: the columns "Session" and "session" differ only in case',
    );
  }, 60_000);
});

describe('a JSON object holding one array of rows under a key', () => {
  it('the note names the key, the rows and the keys ignored; the overview per model as counted by hand', async () => {
    const result = await runOnData(
      'leaderboard.json',
      join(FIXTURES, 'rows-under-key', 'leaderboard.json'),
    );
    const dataset = result.datasets[0];
    expect(dataset.plan.notes).toContain(
      'The file is a JSON object: its rows were read from the array under "results" (10 rows); its other keys "benchmark", "version", "generated_by" were ignored.',
    );
    const hand = await rowsUnderKeyHandCounts();
    if (dataset.overview.status !== 'ok') throw new Error(dataset.overview.status);
    for (const row of dataset.overview.rows) {
      expect(row.n, row.model).toBe(hand[row.model].n);
      expect(row.estimate, row.model).toBeCloseTo(hand[row.model].correct / hand[row.model].n, 12);
    }
    expect(dataset.overview.rows.map((r) => r.model)).toEqual(Object.keys(hand).sort());
  }, 60_000);
});
