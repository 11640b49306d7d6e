import type { Engine } from '../lib/engine/engine';
import type { Dataset } from '../lib/datasets/dataset';
import type { RunDataset, SliceSet } from '../lib/baseline/baseline-plan';
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
import { loadRun, type DataFile, type LoadedRun } from './run-notebook';

/** Where the baseline run's tables and datasets are: `baseline__<name>` (no file's table name holds `__`). */
export const BASELINE_PREFIX = 'baseline__';

export interface BaselineRun {
  files: LoadedRun['files'];
  comparison: BaselineComparison;
  regressions: Regressions;
  gate: { maxQ: number; minDrop: number };
}

const runDataset = (d: Dataset): RunDataset => ({
  name: d.plan.name,
  columns: d.profile.columns,
  roles: d.roles,
  taskKind: d.taskKind,
});

/**
 * Loads the baseline's files beside the candidate's and compares each dataset the notebook's
 * slice and overview cells use (every dataset when none does), per slice of its slice cells.
 * Returns why the runs cannot be compared, when they cannot.
 */
export async function runBaseline(
  engine: Engine,
  notebook: Notebook,
  candidate: Dataset[],
  data: DataFile[],
  gate: { maxQ?: number; minDrop?: number },
): Promise<BaselineRun | { error: string }> {
  const loaded = await loadRun(engine, notebook, data, BASELINE_PREFIX);
  if (loaded.errors.length > 0) return { error: `the baseline: ${loaded.errors.join('; ')}` };
  const cells = notebook.cells.filter((c) => c.kind === 'slice' || c.kind === 'overview');
  const used = new Set(cells.map(datasetOf));
  const compared = candidate.filter(
    (d) => d.plan.origin !== 'sql' && (used.size === 0 || used.has(d.plan.name)),
  );
  const pairs: RunPair[] = [];
  for (const d of compared) {
    const name = `ds_${BASELINE_PREFIX}${d.plan.name.slice('ds_'.length)}`;
    const baseline = loaded.datasets.find((b) => b.plan.name === name);
    if (!baseline) {
      const files = d.plan.files?.join(', ') ?? d.plan.name;
      return {
        error: `the baseline has no dataset like ${d.plan.name} (from ${files}): give its files with --baseline.`,
      };
    }
    const sets: SliceSet[] = [];
    for (const cell of notebook.cells.filter((c): c is SliceCell => c.kind === 'slice')) {
      if (cell.dataset !== d.plan.name) continue;
      const features = resolveSliceFeatures(cell.features, d.profile.columns);
      if (!('error' in features) && features.length > 0) sets.push({ cell: cell.name, features });
    }
    pairs.push({ candidate: runDataset(d), baseline: runDataset(baseline), sets });
  }
  const comparison = await compareToBaseline(engine, pairs, notebook.filter);
  if ('error' in comparison) return comparison;
  const full = { ...GATE_DEFAULTS, ...notebook.baseline, ...definedOf(gate) };
  const settings = { maxQ: full.maxQ, minDrop: full.minDrop };
  return {
    files: loaded.files,
    comparison,
    regressions: findRegressions(comparison.rows, settings),
    gate: settings,
  };
}

function definedOf<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
