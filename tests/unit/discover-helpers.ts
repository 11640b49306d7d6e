import type { Engine } from '../../src/lib/engine/engine';
import type { Dataset } from '../../src/lib/datasets/dataset';
import type { DiscoverCell } from '../../src/lib/cells/discover/discover-cell';
import type { RunContext } from '../../src/lib/notebook/run-context';
import type { DiscoverResult } from '../../src/lib/cells/discover/discover-result';
import { runDiscoverCell } from '../../src/lib/cells/discover/run-discover-cell';
import { runContext } from '../helpers/run-cell';

export function discoverCell(patch: Partial<DiscoverCell>): DiscoverCell {
  return {
    id: 'c1',
    name: 'discovery_1',
    collapsed: false,
    kind: 'discover',
    dataset: 't',
    signal: '',
    model: '',
    modelB: '',
    features: [],
    bins: 4,
    maxLevel: 2,
    minSupport: 0.01,
    alpha: 0.95,
    k: 10,
    confirm: false,
    ...patch,
  };
}

/** Runs a discovery cell on native DuckDB; fails the test on anything but a result. */
export async function discover(
  engine: Engine,
  dataset: Dataset,
  cell: DiscoverCell,
  extra: Partial<RunContext> = {},
  onProgress?: (p: DiscoverResult) => void,
): Promise<DiscoverResult> {
  const result = await runDiscoverCell(cell, runContext(engine, [dataset], extra), onProgress);
  if (result.status !== 'discover') throw new Error(`${result.status}: ${result.message}`);
  return result;
}

export { seeded } from '../helpers/seeded';
