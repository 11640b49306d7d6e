import type { Engine } from './engine/engine';
import type { NotebookModel } from './notebook/notebook-model.svelte';
import type { Workspace } from './notebook/workspace.svelte';

/**
 * Opt-in hook for the benchmark harness (bench/browser.ts). The app loads this module only when
 * the page's URL has `?bench` (App.svelte), so the shipped bundle's main chunk does not hold it:
 * the engine becomes reachable as `window.__slicebook`, and the time of each query inside the
 * worker is logged, so the harness can tell DuckDB's share of a load or an overview from the rest.
 */

/** What `npm run bench` reads from the page. */
export interface BenchHook {
  /** Runs SQL on the app's engine (the harness reads `duckdb_memory()` with it). */
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** Every query and Arrow insert: what it was, how long it took, when it ended (performance.now()). */
  log: { sql: string; ms: number; at: number }[];
  /** When the app asked for the engine and when it was ready (performance.now()). */
  engineRequestedAt: number;
  engineReadyAt: number;
  /** The app's workspace and notebook: the harness adds analysis cells and times their runs. */
  workspace?: Workspace;
  notebook?: NotebookModel;
}

const pending: Partial<BenchHook> = {};

/** With `?bench`, makes the app's workspace and notebook reachable from the harness. */
export function exposeToBench(app: { workspace: Workspace; notebook: NotebookModel }): void {
  Object.assign(pending, app);
  const hook = (window as unknown as { __slicebook?: BenchHook }).__slicebook;
  if (hook) Object.assign(hook, app);
}

/**
 * The engine, with each query and Arrow insert timed into the hook's log. `requestedAt` and
 * `readyAt` are taken by the caller, so loading this module does not count as engine start-up.
 */
export async function withBenchHook(
  created: Promise<Engine>,
  timing: { requestedAt: number; readyAt: Promise<number> },
): Promise<Engine> {
  const engine = await created;
  const log: BenchHook['log'] = [];
  const hook: BenchHook = {
    query: async (sql) => (await engine.query(sql)).toArray().map((row) => row.toJSON()),
    log,
    engineRequestedAt: timing.requestedAt,
    engineReadyAt: await timing.readyAt,
    ...pending,
  };
  (window as unknown as { __slicebook: BenchHook }).__slicebook = hook;
  return timedEngine(engine, log);
}

/** The engine, and every connection it makes, with each query and Arrow insert logged. */
function timedEngine(engine: Engine, log: BenchHook['log']): Engine {
  const timed =
    <A extends unknown[], R>(describe: (...args: A) => string, work: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const started = performance.now();
      try {
        return await work(...args);
      } finally {
        const at = performance.now();
        log.push({ sql: describe(...args), ms: at - started, at });
      }
    };
  const wrapped: Partial<Engine> = {
    query: timed(
      (sql) => sql,
      (sql: string, signal?: AbortSignal) => engine.query(sql, signal),
    ),
    insertArrowStream: timed(
      (table) => `-- insert Arrow batch into ${table}`,
      (table: string, ipcStream: Uint8Array, create: boolean) =>
        engine.insertArrowStream(table, ipcStream, create),
    ),
    connect: async () => timedEngine(await engine.connect(), log),
  };
  return new Proxy(engine, {
    get: (target, key) =>
      key in wrapped ? wrapped[key as keyof Engine] : Reflect.get(target, key),
  });
}
