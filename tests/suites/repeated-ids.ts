import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompareCell } from '../../src/lib/cells/compare/run-compare-cell';
import type { CompareCell } from '../../src/lib/cells/compare/compare-cell';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { runDiscoverCell } from '../../src/lib/cells/discover/run-discover-cell';
import type { Engine } from '../../src/lib/engine/engine';
import type { Dataset } from '../../src/lib/datasets/dataset';
import { datasetOf, runContext } from '../helpers/run-cell';
import { discoverCell } from '../unit/discover-helpers';
import type { EngineFactory } from '../engines';

/** The repeated ids suite, run once per engine (tests/engines.ts). */
export function repeatedIdsSuite(factory: EngineFactory): void {
  let engine: Engine;
  let stacked: Dataset;

  /**
   * Two files stacked, each numbering its examples from 0 (as BBQ's six files do): ids 0-5 in
   * part1 and 0-3 in part2, each answered by models A and B. By hand: per model 10 rows, ids 0-3
   * appear twice (4 repeated ids, 8 rows), 4 and 5 once. Joined on the id, they would make
   * 4 x 2 x 2 + 2 = 18 "pairs" out of 10 examples.
   */
  beforeAll(async () => {
    engine = await factory.create();
    const values: string[] = [];
    for (const [file, count] of [
      ['part1', 6],
      ['part2', 4],
    ] as const)
      for (let id = 0; id < count; id++)
        for (const model of ['A', 'B'])
          values.push(
            `('${file}', ${id}, '${model}', 'g${id % 2}', 1, ${(id + (model === 'A' ? 0 : 1)) % 2})`,
          );
    await engine.query(
      `CREATE TABLE stacked AS SELECT * FROM (VALUES ${values.join(', ')}) v(file, example_id, model, grp, label, prediction)`,
    );
    stacked = await datasetOf(
      engine,
      'stacked',
      {
        file: 'group',
        example_id: 'id',
        model: 'model',
        grp: 'group',
        label: 'label',
        prediction: 'prediction',
      },
      'binary',
    );
  });
  afterAll(() => engine.close());

  const compareCell = (settings: Partial<CompareCell>) =>
    createCell(emptyNotebook(), CELL_KINDS.compare, settings) as CompareCell;

  const REFUSAL =
    'Pairing needs each example once per model, but values of example_id repeat: 4 ids in A (8 rows), 4 ids in B (8 rows). ' +
    'A repeated id would pair every row of one model with every row of the other. ' +
    'Pair on an id unique per model: a composite id such as file + example_id, or another column as the example id.';

  describe('issue 16 case 1: pairing is one-to-one', () => {
    it('model vs model refuses ids that repeat within a model, saying how many and how to fix it', async () => {
      const cell = compareCell({ dataset: 'stacked', feature: 'grp' });
      expect(await runCompareCell(cell, runContext(engine, [stacked]))).toEqual({
        status: 'missing',
        message: REFUSAL,
      });
    });

    it("discovery's disagreement signal refuses them too", async () => {
      const cell = discoverCell({
        dataset: 'stacked',
        signal: 'disagreement',
        features: ['grp'],
        minSupport: 1,
      });
      expect(await runDiscoverCell(cell, runContext(engine, [stacked]))).toEqual({
        status: 'missing',
        message: REFUSAL,
      });
    });

    it('with an id unique per model, both pair one to one', async () => {
      await engine.query(
        `CREATE TABLE unique_ids AS SELECT file || ':' || example_id AS uid, * EXCLUDE (example_id) FROM stacked`,
      );
      const roles = { ...stacked.roles, uid: 'id' as const };
      delete (roles as Record<string, unknown>).example_id;
      const dataset = await datasetOf(engine, 'unique_ids', roles, 'binary');
      const context = runContext(engine, [dataset]);
      const result = await runCompareCell(compareCell({ dataset: 'unique_ids' }), context);
      if (result.status !== 'compare') throw new Error(JSON.stringify(result));
      // Ten examples, ten pairs: A is right on even ids, B on odd ones.
      expect(result.matching.matched).toBe(10);
      expect([result.overall!.n, result.overall!.b, result.overall!.c]).toEqual([10, 5, 5]);
      // The two models disagree on every example.
      const search = discoverCell({
        dataset: 'unique_ids',
        signal: 'disagreement',
        features: ['grp'],
        minSupport: 1,
      });
      const found = await runDiscoverCell(search, context);
      if (found.status !== 'discover') throw new Error(JSON.stringify(found));
      expect([found.reported?.size, found.reported?.errors]).toEqual([10, 10]);
    });
  });
}
