import type { Engine } from '../../src/lib/engine/engine';
import { profileTable } from '../../src/lib/ingest/profile';
import type { Role, TaskKind } from '../../src/lib/ingest/roles';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import type { RunContext } from '../../src/lib/notebook/run-context';

/** A dataset over an existing table with the roles given (no inference). */
export async function datasetOf(
  engine: Engine,
  table: string,
  roles: Record<string, Role>,
  taskKind: TaskKind,
): Promise<Dataset> {
  const profile = await profileTable(engine, table);
  return {
    plan: { name: table, sources: [table], select: '', reshapes: false, notes: [] },
    select: '',
    settings: { roles },
    profile,
    guess: { roles, taskKind, reasons: {} } as never,
    roles,
    taskKind,
    taskKindChosen: true,
    overview: { status: 'missing', message: '' },
    warnings: [],
    idRepeats: null,
  };
}

/**
 * A dataset `name` over an existing table, as the app builds it: a view, roles and task kind
 * guessed from the columns, and the overview computed.
 */
export function guessedDataset(engine: Engine, name: string, table: string): Promise<Dataset> {
  const select = `SELECT * FROM ${table}`;
  return buildDataset(engine, { name, sources: [table], select, reshapes: false, notes: [] });
}

/** What a cell's runner is given, over these datasets and no filter. */
export function runContext(
  engine: Engine,
  datasets: Dataset[],
  extra: Partial<RunContext> = {},
): RunContext {
  return {
    engine,
    dataset: (name) => datasets.find((d) => d.plan.name === name),
    filter: '',
    now: () => performance.now(),
    ...extra,
  };
}
