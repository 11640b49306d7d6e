import type { Engine } from '../lib/engine/engine';
import type { Dataset } from '../lib/datasets/dataset';
import type { SliceSet } from '../lib/baseline/baseline-plan';
import { runDataset } from '../lib/baseline/run-dataset';
import {
  compareToBaseline,
  type BaselineComparison,
  type RunPair,
} from '../lib/baseline/run-baseline';
import { findRegressions, GATE_DEFAULTS, type Regressions } from '../lib/baseline/regressions';
import type { SliceCell } from '../lib/cells/slice/slice-cell';
import { datasetOf } from '../lib/notebook/dependencies';
import type { Notebook } from '../lib/notebook/notebook';
import { resolveSliceFeatures } from '../lib/slicing/slice-features';
import { discoveryChanges, type DiscoveryChange } from '../lib/baseline/discovery-changes';
import { CELL_KINDS } from '../lib/cells/registry';
import { resultTables } from '../lib/notebook/result-tables';
import { runCell } from '../lib/notebook/run-cell';
import { loadRun, type CellRun, type DataFile, type LoadedRun } from './run-notebook';

/** Where the baseline run's tables and datasets are: `baseline__<name>` (no file's table name holds `__`). */
export const BASELINE_PREFIX = 'baseline__';

export interface BaselineRun {
  files: LoadedRun['files'];
  /** Failure slices of the discover cells found on one run only. */
  discovery: DiscoveryChange[];
  comparison: BaselineComparison;
  regressions: Regressions;
  gate: { maxQ: number; minDrop: number };
}

/**
 * Loads the baseline's files beside the candidate's and compares each dataset the notebook's
 * slice and overview cells use (every dataset when none does), per slice of its slice cells.
 * Returns why the runs cannot be compared, when they cannot.
 */
export async function runBaseline(
  engine: Engine,
  notebook: Notebook,
  candidate: Dataset[],
  cellRuns: readonly CellRun[],
  data: DataFile[],
  gate: { maxQ?: number; minDrop?: number },
): Promise<BaselineRun | { error: string }> {
  const loaded = await loadRun(engine, notebook, data, BASELINE_PREFIX);
  if (loaded.errors.length > 0) return { error: `the baseline: ${loaded.errors.join('; ')}` };
  const pairs = runPairs(notebook, candidate, loaded.datasets, BASELINE_PREFIX, '--baseline');
  if ('error' in pairs) return pairs;
  const comparison = await compareToBaseline(engine, pairs, notebook.filter);
  if ('error' in comparison) return comparison;
  const full = { ...GATE_DEFAULTS, ...notebook.baseline, ...definedOf(gate) };
  const settings = { maxQ: full.maxQ, minDrop: full.minDrop };
  return {
    files: loaded.files,
    discovery: await discoverOnBaseline(engine, notebook, loaded.datasets, cellRuns),
    comparison,
    regressions: findRegressions(comparison.rows, settings),
    gate: settings,
  };
}

/**
 * Each dataset the notebook's slice and overview cells use (every file dataset when none does)
 * beside the same dataset of another run loaded under `prefix`, with its slice cells' features.
 */
export function runPairs(
  notebook: Notebook,
  candidate: Dataset[],
  other: Dataset[],
  prefix: string,
  flag: string,
): RunPair[] | { error: string } {
  const cells = notebook.cells.filter((c) => c.kind === 'slice' || c.kind === 'overview');
  const used = new Set(cells.map(datasetOf));
  const compared = candidate.filter(
    (d) => d.plan.origin !== 'sql' && (used.size === 0 || used.has(d.plan.name)),
  );
  const pairs: RunPair[] = [];
  for (const d of compared) {
    const name = `ds_${prefix}${d.plan.name.slice('ds_'.length)}`;
    const match = other.find((b) => b.plan.name === name);
    if (!match) {
      const files = d.plan.files?.join(', ') ?? d.plan.name;
      return {
        error: `the run has no dataset like ${d.plan.name} (from ${files}): give its files with ${flag}.`,
      };
    }
    const sets: SliceSet[] = [];
    for (const cell of notebook.cells.filter((c): c is SliceCell => c.kind === 'slice')) {
      if (cell.dataset !== d.plan.name) continue;
      const features = resolveSliceFeatures(cell.features, d.profile.columns);
      if (!('error' in features) && features.length > 0) sets.push({ cell: cell.name, features });
    }
    pairs.push({ candidate: runDataset(d), baseline: runDataset(match), sets });
  }
  return pairs;
}

/**
 * Runs each discover cell of the notebook on the baseline's dataset too, and lists the slices
 * found on one run only (by their label; numeric features are cut at each run's own quantiles).
 */
async function discoverOnBaseline(
  engine: Engine,
  notebook: Notebook,
  baseline: Dataset[],
  cellRuns: readonly CellRun[],
): Promise<DiscoveryChange[]> {
  const changes: DiscoveryChange[] = [];
  for (const run of cellRuns.filter((c) => c.cell.kind === 'discover' && c.tables.slices)) {
    const dataset = datasetOf(run.cell) ?? '';
    const cell = { ...run.cell, dataset: `ds_${BASELINE_PREFIX}${dataset.slice('ds_'.length)}` };
    const result = await runCell(CELL_KINDS, cell, {
      engine,
      dataset: (name) => baseline.find((d) => d.plan.name === name),
      filter: notebook.filter,
      now: () => performance.now(),
    });
    if (!result || !('status' in result) || result.status !== 'discover') continue;
    const tables = resultTables(CELL_KINDS.discover, result);
    changes.push(...discoveryChanges(run.cell.name, run.tables.slices, tables.slices ?? []));
  }
  return changes;
}

function definedOf<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
