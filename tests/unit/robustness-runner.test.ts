import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { loadFile } from '../../src/lib/ingest/load-file';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import type { RobustnessCell } from '../../src/lib/cells/robustness/robustness-cell';
import { runRobustnessCell } from '../../src/lib/cells/robustness/run-robustness-cell';

const SHARED = new URL('../../../shared/datasets/robustbench-corruptions/', import.meta.url)
  .pathname;
const files = ['imagenetc_unaggregated_results.csv', 'cifar100c_unaggregated_results.csv'];

describe.skipIf(!existsSync(SHARED))('runRobustnessCell on the RobustBench tables', () => {
  let engine: Engine;
  const datasets: Dataset[] = [];
  beforeAll(async () => {
    engine = await createNodeEngine();
    for (const [i, name] of files.entries()) {
      const blob = new Blob([readFileSync(SHARED + name)]);
      const decode = () => {
        throw new Error('CSV only');
      };
      const table = await loadFile({ engine, decode }, { name, blob }, `t${i}`, () => {});
      datasets.push(await buildDataset(engine, planDatasets([table])[0]));
    }
  });
  afterAll(() => engine.close());

  for (const [i, name] of files.entries())
    it(`${name}: a curve per model and condition, CE against the first model by hand`, async () => {
      const dataset = datasets[i];
      const cell = createCell(emptyNotebook(), CELL_KINDS.robustness, {
        dataset: dataset.plan.name,
      }) as RobustnessCell;
      const result = await runRobustnessCell(cell, {
        engine,
        dataset: (n) => (n === dataset.plan.name ? dataset : undefined),
        filter: '',
        now: () => 0,
      });
      if (result.status !== 'robustness') throw new Error(JSON.stringify(result));
      // By hand from the CSV: row 1 conditions, row 2 severities, then a row per model.
      const [conditions, , ...rows] = readFileSync(SHARED + name, 'utf8')
        .trim()
        .split(/\r?\n/)
        .map((l) => l.split(','));
      const { curves, corruption, reference } = result.analysis;
      expect(result.perExample).toBe(false);
      expect(curves.models).toHaveLength(rows.length);
      expect(curves.conditions).toHaveLength(15);
      expect(curves.levels).toEqual(['1', '2', '3', '4', '5']);
      expect(curves.points).toHaveLength(rows.length * 75);
      expect(reference).toBe(curves.models[0]);
      const acc = (model: string) =>
        rows
          .find((r) => r[0] === model)!
          .slice(1)
          .map(Number);
      const [model, ref] = [rows[rows.length - 1][0], acc(reference)];
      const own = acc(model);
      const perCondition = [...new Set(conditions.slice(1))].map((c) => {
        const at = conditions.slice(1).flatMap((x, k) => (x === c ? [k] : []));
        return at.reduce((s, k) => s + 1 - own[k], 0) / at.reduce((s, k) => s + 1 - ref[k], 0);
      });
      const mce = corruption.find((x) => x.model === model)!.mce;
      expect(mce).toBeCloseTo(perCondition.reduce((s, v) => s + v, 0) / 15, 10);
    });
});
