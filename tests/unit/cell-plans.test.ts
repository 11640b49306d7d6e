import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrationPlan } from '../../src/lib/cells/calibration/calibration-plan';
import { comparePlan } from '../../src/lib/cells/compare/compare-plan';
import { costPlan } from '../../src/lib/cells/cost/cost-plan';
import { fairnessPlan } from '../../src/lib/cells/fairness/fairness-plan';
import { robustnessPlan } from '../../src/lib/cells/robustness/robustness-plan';
import { slicePlan } from '../../src/lib/cells/slice/slice-plan';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import type { Role } from '../../src/lib/ingest/roles';
import type { Dataset } from '../../src/lib/datasets/dataset';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { datasetOf } from '../helpers/run-cell';

/** Each kind's plan: the settings checked against the dataset before any query is built. */
let engine: Engine;
let full: Dataset;
let bare: Dataset;
const cellOf = <K extends keyof typeof CELL_KINDS>(kind: K, init: Record<string, unknown>) =>
  createCell(emptyNotebook(), CELL_KINDS[kind], { dataset: 't', ...init }) as never;

beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(`CREATE TABLE t AS SELECT * FROM (VALUES
    (1, 'a', 'x', 'x', 0.9, 'north', 12.5, 0),
    (2, 'b', 'y', 'x', 0.2, 'south', 30.0, 1),
    (3, 'a', 'x', 'y', 0.4, 'north', 8.0, 2)
  ) v(id, model, label, prediction, score, region, latency_ms, severity)`);
  const roles: Record<string, Role> = {
    id: 'id',
    model: 'model',
    label: 'label',
    prediction: 'prediction',
    score: 'score',
    region: 'group',
    latency_ms: 'cost',
    severity: 'severity',
  };
  full = await datasetOf(engine, 't', roles, 'binary');
  bare = await datasetOf(engine, 't', { region: 'group' }, 'unknown');
});
afterAll(() => engine.close());

describe('cell plans', () => {
  it('turn settings into what the queries read, on a dataset with every role', () => {
    expect(slicePlan(cellOf('slice', { features: [{ column: 'region' }] }), full)).toEqual({
      metric: 'accuracy',
      moreMetrics: [],
      features: [{ column: 'region' }],
    });
    // Further metrics that fit the task, without the first one, repeats or unknown ids.
    const more = cellOf('slice', {
      features: [{ column: 'region' }],
      moreMetrics: ['f1', 'accuracy', 'f1', 'rmse', 'nope'],
    });
    expect(slicePlan(more, full)).toMatchObject({ metric: 'accuracy', moreMetrics: ['f1'] });
    expect(comparePlan(full, '')).toEqual({
      id: 'id',
      model: 'model',
      mode: { kind: 'right-wrong', label: 'label', prediction: 'prediction' },
    });
    expect(comparePlan(full, 'latency_ms')).toMatchObject({
      mode: { kind: 'scores', score: 'latency_ms' },
    });
    expect(fairnessPlan(cellOf('fairness', { features: ['region'] }), full)).toEqual({
      label: 'label',
      decisionColumn: 'prediction',
      modelColumn: 'model',
    });
    expect(costPlan(cellOf('cost', {}), full, '')).toMatchObject({
      options: { cost: 'latency_ms', model: 'model' },
      metric: 'accuracy',
    });
    expect(calibrationPlan(cellOf('calibration', {}), full, '')).toMatchObject({
      mode: 'binary',
      options: { score: 'score', label: 'label' },
    });
    expect(robustnessPlan(full)).toMatchObject({
      severity: 'severity',
      measure: { kind: 'accuracy', compareAs: 'text' },
    });
  });

  it('say what is missing, in words, before any SQL', () => {
    const missing = (p: object) => ('message' in p ? p.message : 'planned');
    expect(missing(slicePlan(cellOf('slice', { features: [] }), full))).toBe(
      'Pick a feature to slice by.',
    );
    expect(missing(slicePlan(cellOf('slice', { features: [{ column: 'nope' }] }), full))).toBe(
      'The dataset has no column "nope".',
    );
    expect(missing(comparePlan(bare, ''))).toMatch(/role "model"/);
    expect(missing(fairnessPlan(cellOf('fairness', { features: ['region'] }), bare))).toMatch(
      /role "label"/,
    );
    expect(missing(costPlan(cellOf('cost', { cost: 'nope' }), full, ''))).toBe(
      'The dataset has no column "nope".',
    );
    expect(missing(robustnessPlan(bare))).toMatch(/role "severity/);
  });
});
