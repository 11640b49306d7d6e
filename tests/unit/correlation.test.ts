import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { CELL_KINDS, type CellKindId } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import type { FlatRow } from '../../src/lib/notebook/result-tables';

/**
 * The two-metrics cell through the runner: on the model zoo (one row per model) against the
 * lines samples/generate.mjs fitted in plain JS, and on the corruption dump (accuracy on two
 * conditions per model) against the generator's per-condition counts.
 */
const expected = JSON.parse(await readFile('samples/expected.json', 'utf8')).files;
const zoo = expected['model-zoo.csv'];
const corruption = expected['corruption-robustness.parquet'];

function notebookOf(cells: [CellKindId, Record<string, unknown>][]): Notebook {
  let nb = emptyNotebook();
  for (const [kind, init] of cells)
    nb = insertCell(nb, createCell(nb, CELL_KINDS[kind], init, new Set()));
  return nb;
}

let engine: Engine;
let zooRun: NotebookRun;
let corruptionRun: NotebookRun;
const tables = (run: NotebookRun, i: number) => run.cells[i].tables as Record<string, FlatRow[]>;

beforeAll(async () => {
  engine = await createNodeEngine();
  const on = (x: string, y: string, scale: string) => ({
    dataset: 'ds_model_zoo',
    x,
    y,
    scale,
  });
  zooRun = await runNotebook(
    engine,
    notebookOf([
      ['correlation', on('imagenet_top1', 'imagenetv2_top1', 'linear')],
      ['correlation', on('imagenet_top1', 'imagenetv2_top1', 'probit')],
      ['correlation', on('imagenet_top1', 'sketch_top1', 'probit')],
      ['correlation', { dataset: 'ds_model_zoo' }],
    ]),
    [{ name: 'model-zoo.csv', path: 'samples/model-zoo.csv' }],
  );
  corruptionRun = await runNotebook(
    engine,
    notebookOf([
      ['correlation', { dataset: 'ds_corruption_robustness', x: 'clean', y: 'gaussian_noise' }],
    ]),
    [{ name: 'corruption-robustness.parquet', path: 'samples/corruption-robustness.parquet' }],
  );
}, 120_000);
afterAll(() => engine.close());

describe('two metrics across models', () => {
  it('fits the lines the generator fitted: slope, intercept, r, residuals, leave-one-out', () => {
    const fits = [zoo.fits.imagenetv2_linear, zoo.fits.imagenetv2_probit, zoo.fits.sketch_probit];
    fits.forEach((f, i) => {
      expect(zooRun.cells[i].status).toBe('correlation');
      const [fit] = tables(zooRun, i).fit;
      expect(fit.n).toBe(30);
      // The generator's probit is Acklam's (relative error 1e-9), the app's AS241.
      expect(fit.slope as number).toBeCloseTo(f.slope, 6);
      expect(fit.intercept as number).toBeCloseTo(f.intercept, 6);
      expect(fit.r as number).toBeCloseTo(f.r, 6);
      for (const row of tables(zooRun, i).models) {
        expect(row.residual as number).toBeCloseTo(f.residuals[row.model as string], 6);
        expect(row.leave_one_out_residual as number).toBeCloseTo(
          f.leave_one_out[row.model as string],
          6,
        );
      }
    });
    // Fisher z by hand for the sketch line: tanh(atanh(r) ± 1.96 / sqrt(27)).
    const [sketch] = tables(zooRun, 2).fit;
    const z = Math.atanh(zoo.fits.sketch_probit.r);
    expect(sketch.r_low_95 as number).toBeCloseTo(
      Math.tanh(z - 1.959963984540054 / Math.sqrt(27)),
      6,
    );
    expect(sketch.r_high_95 as number).toBeCloseTo(
      Math.tanh(z + 1.959963984540054 / Math.sqrt(27)),
      6,
    );
  });

  it('defaults to two accuracy-like columns (values in [0, 1]) on linear axes', () => {
    const [fit] = tables(zooRun, 3).fit;
    expect([fit.x, fit.y, fit.scale]).toEqual(['imagenet_top1', 'imagenetv2_top1', 'linear']);
  });

  it('on a dump of examples: the metric on two conditions per model', () => {
    expect(corruptionRun.cells[0].status).toBe('correlation');
    const rows = tables(corruptionRun, 0).models;
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const m = corruption.models[row.model as string];
      expect(row.x as number).toBeCloseTo(m.clean.accuracy, 12);
      expect(row.y as number).toBeCloseTo(m.by_condition.gaussian_noise.accuracy, 12);
    }
    // Three models: a line, but no interval for r (Fisher's z needs four).
    const [fit] = tables(corruptionRun, 0).fit;
    expect(fit.n).toBe(3);
    expect(fit.r_low_95).toBeNull();
  });
});
