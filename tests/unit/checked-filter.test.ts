import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { CELL_KINDS, KIND_IDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { runCell } from '../../src/lib/notebook/run-cell';
import type { RunContext } from '../../src/lib/notebook/run-context';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';

/**
 * The global filter reaches an analysis only as one boolean expression over its dataset (issue 16,
 * case 6): `true) OR (true` once made a fairness table for one model count the other model's rows.
 */
let workspace: Workspace;
beforeAll(async () => {
  workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
  const bytes = readFileSync('samples/loan-approval.parquet');
  await workspace.loadFiles([{ name: 'loan-approval.parquet', blob: new Blob([bytes]) }]);
}, 60_000);
afterAll(async () => {
  await (await workspace.engine).close();
});

async function context(filter: string): Promise<RunContext> {
  return {
    engine: await workspace.engine,
    dataset: (name) => workspace.dataset(name),
    filter,
    now: () => 0,
  };
}

async function fairness(filter: string) {
  const cell = createCell(emptyNotebook(), CELL_KINDS.fairness, {
    dataset: 'ds_loan_approval',
    model: 'fair-gbm',
    features: ['region'],
  });
  return runCell(CELL_KINDS, cell, await context(filter));
}

/** What every analysis says to `true) OR (true`. */
const ESCAPE_REFUSED =
  "The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); DuckDB cannot read this one as one: syntax error at or near \")\".";

/** The rows the fairness table counted, over its groups. */
const counted = (result: unknown) =>
  (result as { groups: { n: number }[] }).groups.reduce((sum, g) => sum + g.n, 0);

describe('the global filter of an analysis cell', () => {
  it('counts one model’s rows with a filter that holds on every row', async () => {
    // samples/expected.json: 10,000 rows per model.
    expect(counted(await fairness('true'))).toBe(10_000);
    expect(counted(await fairness("region = 'rural' OR region <> 'rural'"))).toBe(10_000);
  });

  it('refuses `true) OR (true`, which counted the other model’s rows too', async () => {
    expect(await fairness('true) OR (true')).toEqual({
      status: 'error',
      message: ESCAPE_REFUSED,
    });
  });

  it('refuses a filter ending in a -- comment with the reason', async () => {
    expect(await fairness("region = 'rural' -- rural only")).toEqual({
      status: 'error',
      message:
        "The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); this one ends in a -- comment, which would hide what follows it: remove it.",
    });
  });

  it('is checked for every kind of cell over a dataset, before the kind runs', async () => {
    // A kind added later that reads a dataset must say it is filtered, or it would run unfiltered.
    const overDataset = KIND_IDS.filter((kind) => 'dataset' in CELL_KINDS[kind].defaults());
    expect(overDataset.length).toBeGreaterThanOrEqual(11);
    const refusals: Record<string, unknown> = {};
    for (const kind of overDataset) {
      const cell = createCell(emptyNotebook(), CELL_KINDS[kind], { dataset: 'ds_loan_approval' });
      const result = await runCell(CELL_KINDS, cell, await context('true) OR (true'));
      refusals[kind] = result && 'message' in result ? result.message : result;
    }
    expect(refusals).toEqual(Object.fromEntries(overDataset.map((kind) => [kind, ESCAPE_REFUSED])));
  });

  it('never reaches a kind the filter does not apply to', async () => {
    const seen: string[] = [];
    const probe = {
      ...CELL_KINDS.sql,
      run: async (_cell: never, ctx: { filter: string }) => {
        seen.push(ctx.filter);
        return { status: 'error' as const, message: 'probe' };
      },
    };
    const cell = createCell(emptyNotebook(), CELL_KINDS.sql, { sql: 'SELECT 1' });
    await runCell({ ...CELL_KINDS, sql: probe as never }, cell, await context('true) OR (true'));
    expect(seen).toEqual(['']);
  });
});
