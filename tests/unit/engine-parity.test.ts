import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CELL_KINDS, type CellKindId } from '../../src/lib/cells/registry';
import type { Engine } from '../../src/lib/engine/engine';
import type { Dataset } from '../../src/lib/datasets/dataset';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { runCell } from '../../src/lib/notebook/run-cell';
import { NATIVE, WASM } from '../engines';
import { guessedDataset, runContext } from '../helpers/run-cell';
import { loadSample } from '../helpers/load-sample';
import { rows } from '../helpers/rows';

/**
 * The same cells on both engines give the same numbers: what depends on DuckDB's hash() (the
 * seeded bootstrap's weights, discovery's search and confirm halves), on the order rows arrive
 * in, and on reading Arrow back. The suites check each engine against values worked out by
 * hand; this checks the engines against each other where no hand could.
 */
const engines: Record<string, { engine: Engine; dataset: Dataset }> = {};

beforeAll(async () => {
  for (const factory of [NATIVE, WASM]) {
    const engine = await factory.create();
    await loadSample(engine, 'samples/loan-approval.parquet', 'loan');
    engines[factory.name] = { engine, dataset: await guessedDataset(engine, 'ds_loan', 'loan') };
  }
}, 120_000);
afterAll(async () => {
  for (const { engine } of Object.values(engines)) await engine.close();
});

/** A cell's result on an engine, without the SQL text and the time it took. */
async function resultOn(name: string, kind: CellKindId, settings: Record<string, unknown>) {
  const { engine, dataset } = engines[name];
  const cell = createCell(emptyNotebook(), CELL_KINDS[kind], { dataset: 'ds_loan', ...settings });
  const result = await runCell(CELL_KINDS, cell, runContext(engine, [dataset]));
  if (!result || !('status' in result) || result.status === 'error' || result.status === 'missing')
    throw new Error(`${kind} on ${name}: ${JSON.stringify(result)}`);
  return JSON.parse(
    JSON.stringify(result, (k, v) => (k === 'sql' || k === 'seconds' ? undefined : v)),
  );
}

/** Equal, numbers to 12 significant digits (sums of doubles may be added in another order). */
function expectSame(native: unknown, wasm: unknown, path = ''): void {
  if (typeof native === 'number' && typeof wasm === 'number') {
    if (native === wasm) return;
    expect(Math.abs(native - wasm), path).toBeLessThanOrEqual(
      1e-12 * Math.max(1, Math.abs(native)),
    );
    return;
  }
  if (native && typeof native === 'object') {
    expect(typeof wasm, path).toBe('object');
    const keys = [...new Set([...Object.keys(native), ...Object.keys(wasm as object)])];
    for (const k of keys)
      expectSame(
        (native as Record<string, unknown>)[k],
        (wasm as Record<string, unknown>)[k],
        `${path}.${k}`,
      );
    return;
  }
  expect(wasm, path).toEqual(native);
}

describe('native DuckDB and DuckDB-WASM give the same results', () => {
  it('hash(): the same 64-bit values, read back as the same doubles', async () => {
    const sql = "SELECT hash(i) AS h, hash('é' || i::VARCHAR) AS t FROM range(5) r(i) ORDER BY i";
    const [native, wasm] = await Promise.all(
      Object.values(engines).map(async ({ engine }) => rows(await engine.query(sql))),
    );
    expect(wasm).toEqual(native);
  });

  it.each([
    ['slice', { metric: 'f1', features: [{ column: 'age_group' }], replicates: 200 }],
    ['calibration', { replicates: 200, feature: 'region' }],
    ['discover', { maxLevel: 2, confirm: true }],
    ['compare', { feature: 'region' }],
  ] as const)('a %s cell: the same numbers to 12 digits', async (kind, settings) => {
    const native = await resultOn(NATIVE.name, kind, settings);
    const wasm = await resultOn(WASM.name, kind, settings);
    expectSame(native, wasm);
  });
});
