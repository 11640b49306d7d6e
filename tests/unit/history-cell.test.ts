import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRun } from '../../src/cli/run-notebook';
import { historyChartSpec, historyChartValues } from '../../src/lib/cells/history/history-chart';
import type { HistoryCell } from '../../src/lib/cells/history/history-cell';
import type { HistoryResult } from '../../src/lib/cells/history/run-history-cell';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { runCell } from '../../src/lib/notebook/run-cell';
import { wilsonInterval } from '../../src/lib/stats/wilson';
import { SAMPLE, sampleRows, writePlantedRun, type Planted } from '../helpers/planted-loan-runs';
import { runContext } from '../helpers/run-cell';
import { specProblems } from '../helpers/vega-lite';

/**
 * The history cell on three runs of the loan sample (the release, a run that only improves, the
 * regressed candidate), stacked into one dataset by their files.
 */
let engine: Engine;
let dir: string;
let regressed: Planted;
beforeAll(async () => {
  engine = await createNodeEngine();
  dir = await mkdtemp(join(tmpdir(), 'slicebook-history-cell-'));
  const sample = await sampleRows();
  await copyFile(SAMPLE, join(dir, '1-release.parquet'));
  await writePlantedRun(join(dir, '2-improved.csv'), sample, false);
  regressed = await writePlantedRun(join(dir, '3-regressed.csv'), sample, true);
});
afterAll(async () => {
  await engine.close();
  await rm(dir, { recursive: true, force: true });
});

const FILES = ['1-release.parquet', '2-improved.csv', '3-regressed.csv'];

let loads = 0;
async function stacked(files = FILES) {
  const notebook = {
    ...emptyNotebook(),
    data: files.map((name) => ({ name, size: 0, rows: 0, sha256: null })),
  };
  const run = await loadRun(
    engine,
    notebook,
    files.map((name) => ({ name, path: join(dir, name) })),
    `h${loads++}_`,
  );
  expect(run.errors).toEqual([]);
  return run.datasets;
}

const cellOf = (dataset: string, run = ''): HistoryCell => ({
  id: 'runs',
  name: 'runs',
  kind: 'history',
  collapsed: false,
  dataset,
  run,
  features: [{ column: 'region' }],
});

describe('the history cell', () => {
  it('the rural slice of fair-gbm in each run: hand counts, Wilson intervals', async () => {
    const datasets = await stacked();
    expect(datasets).toHaveLength(1);
    const result = (await runCell(
      CELL_KINDS,
      cellOf(datasets[0].plan.name),
      runContext(engine, datasets),
    )) as HistoryResult;
    expect(result.status, JSON.stringify(result)).toBe('history');
    expect([result.run, result.runs]).toEqual(['file', ['1-release', '2-improved', '3-regressed']]);
    const rural = result.points.filter(
      (p) => p.slice === 'region: rural' && p.model === 'fair-gbm',
    );
    const right = [
      regressed.ruralRight,
      regressed.ruralRight,
      regressed.ruralRight - regressed.ruralMadeWrong,
    ];
    expect(rural.map((p) => [p.run, p.n])).toEqual(result.runs.map((r) => [r, regressed.ruralN]));
    rural.forEach((p, i) => {
      expect(p.value).toBeCloseTo(right[i] / regressed.ruralN, 12);
      const wilson = wilsonInterval(right[i], regressed.ruralN);
      expect(p.interval.low).toBeCloseTo(wilson.low, 12);
      expect(p.interval.high).toBeCloseTo(wilson.high, 12);
    });
    // 3 runs x 2 models x (overall + 5 regions).
    expect(result.points).toHaveLength(36);
  });

  it('one run says a history needs two', async () => {
    const datasets = await stacked(['1-release.parquet']);
    const result = await runCell(
      CELL_KINDS,
      cellOf(datasets[0].plan.name, 'model'),
      runContext(engine, datasets, { filter: "model = 'fair-gbm'" }),
    );
    expect(result).toEqual({
      status: 'missing',
      message: 'A history needs two runs or more: model holds one (fair-gbm).',
    });
  });

  it('the chart validates against the Vega-Lite schema and compiles without warnings', async () => {
    const datasets = await stacked();
    const result = (await runCell(
      CELL_KINDS,
      cellOf(datasets[0].plan.name),
      runContext(engine, datasets),
    )) as HistoryResult;
    const spec = historyChartSpec(result.runs, ['overall', 'region: rural'], 'accuracy', true);
    const values = historyChartValues(result.points);
    expect(values).toHaveLength(36);
    expect(specProblems({ ...spec, data: { values } })).toEqual({ schema: [], warnings: [] });
  });
});
