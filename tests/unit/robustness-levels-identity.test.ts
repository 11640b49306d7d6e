import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robustnessSql } from '../../src/lib/cells/robustness/build-robustness';
import { robustnessPlan } from '../../src/lib/cells/robustness/robustness-plan';
import { buildDataset } from '../../src/lib/datasets/dataset';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { ident } from '../../src/lib/sql/quote';
import { dataFiles, SAMPLES, SHARED, shortName } from '../helpers/data-files';
import { loadSample } from '../helpers/load-sample';
import { rows } from '../helpers/rows';
import { NATIVE, WASM } from '../engines';

/**
 * A whole-number severity is grouped by its value and turned to text once per group
 * (`wholeLevels`) instead of casting every row: checked against the per-row cast on a table with
 * missing and negative levels, and on every sample and shared dataset whose severity is an
 * integer: the same rows, in the same order, with or without a filter.
 */
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(() => engine.close());

async function bothWays(
  options: Omit<Parameters<typeof robustnessSql>[0], 'wholeLevels'>,
  on: Engine = engine,
) {
  const [cast, grouped] = [false, true].map((wholeLevels) =>
    robustnessSql({ ...options, wholeLevels }),
  );
  expect(grouped).not.toEqual(cast);
  return {
    cast: rows(await on.query(cast)),
    grouped: rows(await on.query(grouped)),
  };
}

const measure = { kind: 'accuracy', label: 'label', prediction: 'prediction' } as const;

describe('robustness levels grouped by their whole-number value', () => {
  it.each([NATIVE, WASM])(
    'gives the rows of the per-row cast, with missing, negative and large levels ($name)',
    async (factory) => {
      const on = await factory.create();
      await on.query(
        `CREATE TABLE levels AS SELECT * FROM (VALUES
        ('a', 'fog', 1, 1, 1), ('a', 'fog', 1, 1, 0), ('a', 'fog', NULL, 1, 1),
        ('a', 'fog', -2, 0, 0), ('b', 'fog', 10, 1, 1), ('b', 'fog', 2, NULL, 1),
        ('b', NULL, 9007199254740993, 1, 1), ('b', 'snow', 0, 0, 1)
      ) v(model, condition, severity, label, prediction)`,
      );
      const { cast, grouped } = await bothWays(
        { source: 'levels', model: 'model', condition: 'condition', severity: 'severity', measure },
        on,
      );
      await on.close();
      expect(grouped).toEqual(cast);
      // Ordered as text, as before: the missing level ('') first, then '-2' and '1'.
      expect(grouped.filter((r) => r.model === 'a').map((r) => r.severity)).toEqual([
        '',
        '-2',
        '1',
      ]);
      expect(grouped.find((r) => r.severity === '9007199254740993')?.rows).toBe(1);
    },
  );

  const files = [...dataFiles(SAMPLES), ...dataFiles(SHARED)];
  let compared = 0;
  it.each(files.map((path, i) => [shortName(path), path, i]))(
    '%s: the same rows as the per-row cast',
    async (_, path, i) => {
      const table = await loadSample(engine, path, `r${i}`);
      for (const plan of planDatasets([table])) {
        const dataset = await buildDataset(engine, plan);
        const planned = robustnessPlan(dataset);
        if ('status' in planned || !planned.wholeLevels) continue;
        const { severity, model, condition, measure } = planned;
        const first = ident(dataset.profile.columns[0].name);
        for (const filter of ['', `hash(CAST(${first} AS VARCHAR)) % 3 <> 0`]) {
          const source = dataset.plan.name;
          const { cast, grouped } = await bothWays({
            source,
            model,
            condition,
            severity,
            measure,
            filter,
          });
          expect(grouped, `${path} ${filter}`).toEqual(cast);
          compared++;
        }
      }
    },
    120_000,
  );

  it('compared the datasets with whole-number levels', () =>
    expect(compared).toBeGreaterThanOrEqual(existsSync(SHARED) ? 8 : 2));
});
