import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook } from '../../src/lib/notebook/notebook';

/**
 * Several metrics as columns of one slice table, on the loan sample by region, against counts
 * native DuckDB makes with its own GROUP BY, and Wilson intervals worked out here (Wilson 1927).
 */
const Z = 1.959963984540054;
function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const centre = p + (Z * Z) / (2 * n);
  const half = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return [(centre - half) / (1 + (Z * Z) / n), (centre + half) / (1 + (Z * Z) / n)];
}

let engine: Engine;
let run: NotebookRun;
let counts: Record<string, number>[];
const samples = resolve('samples');

beforeAll(async () => {
  engine = await createNodeEngine({ readable: [samples] });
  let nb = emptyNotebook();
  const init = { dataset: 'ds_loan_approval', features: [{ column: 'region' }] };
  nb = insertCell(
    nb,
    createCell(
      nb,
      CELL_KINDS.slice,
      { ...init, metric: 'accuracy', moreMetrics: ['fpr', 'tpr', 'accuracy', 'no-such-metric'] },
      new Set(),
    ),
  );
  run = await runNotebook(engine, nb, [
    { name: 'loan-approval.parquet', path: 'samples/loan-approval.parquet' },
  ]);
  counts = (
    await engine.query(
      `SELECT model, region, count(*)::INT AS n, sum((prediction = label)::INT)::INT AS right,
         sum((label = 0)::INT)::INT AS negatives, sum((label = 0 AND prediction = 1)::INT)::INT AS fp,
         sum((label = 1)::INT)::INT AS positives, sum((label = 1 AND prediction = 1)::INT)::INT AS tp
       FROM '${samples}/loan-approval.parquet' GROUP BY ALL`,
    )
  )
    .toArray()
    .map((r) => r.toJSON() as Record<string, number>);
}, 120_000);
afterAll(() => engine.close());

describe('slice table with several metrics', () => {
  it('accuracy, FPR and TPR per model and region, each with its Wilson interval', () => {
    const cell = run.cells[0];
    expect(cell.status).toBe('slices');
    const rows = cell.tables.slices;
    expect(rows).toHaveLength(2 * 5);
    // The first metric is not repeated, and an unknown id is left out.
    expect(Object.keys(rows[0]).filter((k) => /^(accuracy|fpr|tpr)$/.test(k))).toEqual([
      'accuracy',
      'fpr',
      'tpr',
    ]);
    for (const c of counts) {
      const row = rows.find((r) => r.model === c.model && r.region === c.region)!;
      const check = (metric: string, k: number, n: number) => {
        expect(row[metric] as number, `${metric} ${c.model} ${c.region}`).toBeCloseTo(k / n, 12);
        const [low, high] = wilson(k, n);
        expect(row[`${metric}_low_95`] as number).toBeCloseTo(low, 10);
        expect(row[`${metric}_high_95`] as number).toBeCloseTo(high, 10);
      };
      check('accuracy', c.right, c.n);
      check('fpr', c.fp, c.negatives);
      check('tpr', c.tp, c.positives);
    }
  });

  it('a notebook saved before there were more metrics opens and reads as none', () => {
    let nb = emptyNotebook();
    nb = insertCell(nb, createCell(nb, CELL_KINDS.slice, { dataset: 'd' }, new Set()));
    const saved = JSON.parse(serializeNotebook(nb));
    expect(saved.cells[0]).toHaveProperty('moreMetrics', []);
    delete saved.cells[0].moreMetrics;
    const parsed = parseNotebook(JSON.stringify(saved));
    expect('notebook' in parsed, JSON.stringify(parsed)).toBe(true);
  });
});
