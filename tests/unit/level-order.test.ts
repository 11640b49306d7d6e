import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { loadFile } from '../../src/lib/ingest/load-file';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { naturalLevelOrder } from '../../src/lib/slicing/level-order';
import { sortByLevels } from '../../src/lib/slicing/feature-level-order';
import { inferSeverityOrder } from '../../src/lib/cells/robustness/severity-order';
import type { SliceCell } from '../../src/lib/cells/slice/slice-cell';
import { runSliceCell } from '../../src/lib/cells/slice/run-slice-cell';

const shuffled = <T>(xs: T[]) => [...xs.slice(2), ...xs.slice(0, 2)].reverse();

describe('naturalLevelOrder', () => {
  it('orders names holding one number by it: c01, c03, c05, c10, c15, c100 (issue 24)', () => {
    const expected = ['c01', 'c03', 'c05', 'c10', 'c15', 'c100'];
    // What SQL's text order gave: c100 before c15.
    expect([...expected].sort()).toEqual(['c01', 'c03', 'c05', 'c10', 'c100', 'c15']);
    const r = naturalLevelOrder(shuffled(expected));
    expect(r.order).toEqual(expected);
    expect(r.by).toBe('number in name');
  });

  it('orders numbers stored as text by value: 2, 10, 100 (not 10, 100, 2)', () => {
    expect(naturalLevelOrder(['100', '10', '2']).order).toEqual(['2', '10', '100']);
    expect(naturalLevelOrder(['0.5', '-1', '1e-3', '0']).order).toEqual(['-1', '0', '1e-3', '0.5']);
    expect(naturalLevelOrder(['10', '2']).by).toBe('numbers');
  });

  it('orders strength words by meaning: low, medium, high', () => {
    expect(naturalLevelOrder(['high', 'low', 'Medium']).order).toEqual(['low', 'Medium', 'high']);
  });

  it('orders mixed text alphabetically with digit runs by value: a2 before a10, words after', () => {
    const r = naturalLevelOrder(['b1', 'a10', 'north', 'a2', 'East', 'a2x3']);
    expect(r.order).toEqual(['a2', 'a2x3', 'a10', 'b1', 'East', 'north']);
    expect(r.by).toBe('text');
  });

  it('orders names with different text around their numbers as text: model names', () => {
    const r = naturalLevelOrder(['vit-b16', 'resnet50', 'augmix-resnet50']);
    expect(r.order).toEqual(['augmix-resnet50', 'resnet50', 'vit-b16']);
    expect(r.by).toBe('text');
    expect(naturalLevelOrder(['blur-10px', 'blur-2px']).order).toEqual(['blur-2px', 'blur-10px']);
  });

  it('keeps each level once', () => {
    expect(naturalLevelOrder(['3', '1', '3', '1']).order).toEqual(['1', '3']);
  });

  it('is the order the robustness cell infers without a metric', () => {
    for (const levels of [
      ['c15', 'c100', 'c01', 'c10'],
      ['100', '2', '10'],
      ['high', 'low'],
      ['b1', 'a10', 'a2'],
    ])
      expect(inferSeverityOrder(levels).order).toEqual(naturalLevelOrder(levels).order);
  });
});

describe('sortByLevels', () => {
  it('sorts by the first position, then the next; missing levels last', () => {
    const rows: (string | null)[][] = [
      ['b', '10'],
      [null, '2'],
      ['a', '10'],
      ['b', '2'],
      ['a', null],
      ['a', '2'],
    ];
    const sorted = sortByLevels(rows, (r) => r, [
      ['a', 'b'],
      ['2', '10'],
    ]);
    expect(sorted).toEqual([
      ['a', '2'],
      ['a', '10'],
      ['a', null],
      ['b', '2'],
      ['b', '10'],
      [null, '2'],
    ]);
  });
});

describe('the slice table lists levels in natural order', () => {
  let engine: Engine;
  let dataset: Dataset;
  const levels = ['c01', 'c03', 'c05', 'c10', 'c15', 'c100'];
  beforeAll(async () => {
    engine = await createNodeEngine();
    // Two rows per level and model; model names sort differently as text (m10 before m2).
    const lines = ['severity,model,label,prediction'];
    for (const model of ['m10', 'm2'])
      for (const level of levels) lines.push(`${level},${model},1,1`, `${level},${model},0,1`);
    const blob = new Blob([lines.join('\n')]);
    const decode = () => {
      throw new Error('CSV only');
    };
    const table = await loadFile({ engine, decode }, { name: 'levels.csv', blob }, 't', () => {});
    dataset = await buildDataset(engine, planDatasets([table])[0]);
  });
  afterAll(() => engine.close());

  it('by model, then c01, c03, c05, c10, c15, c100', async () => {
    const cell = createCell(emptyNotebook(), CELL_KINDS.slice, {
      dataset: dataset.plan.name,
    }) as SliceCell;
    const result = await runSliceCell(
      { ...cell, metric: 'accuracy', features: [{ column: 'severity' }] },
      {
        engine,
        dataset: (n) => (n === dataset.plan.name ? dataset : undefined),
        filter: '',
        now: () => 0,
      },
    );
    if (result.status !== 'slices') throw new Error(JSON.stringify(result));
    expect(result.modelColumn).toBe('model');
    expect(result.rows.map((r) => `${r.model} ${r.values[0]}`)).toEqual([
      ...levels.map((l) => `m2 ${l}`),
      ...levels.map((l) => `m10 ${l}`),
    ]);
    expect(result.rows.every((r) => r.n === 2 && r.value === 0.5)).toBe(true);
  });
});
