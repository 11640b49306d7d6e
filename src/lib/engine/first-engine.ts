import { createBrowserEngine } from './duckdb-browser';
import type { Engine } from './engine';

/** The page's first engine, started by the entry module before the app's code has loaded. */
export interface FirstEngine {
  /** When it was asked for (performance.now()). */
  requestedAt: number;
  engine: Promise<Engine>;
}

export function startFirstEngine(): FirstEngine {
  const first = { requestedAt: performance.now(), engine: createBrowserEngine() };
  // The workspace reports a failed start when it takes the engine; until then it is not unhandled.
  first.engine.catch(() => undefined);
  return first;
}

/**
 * Engines for the workspace: the first call takes the one started early (when there is one), later
 * calls (a crashed engine replaced) start a new one.
 */
export function engineStarter(first: FirstEngine | undefined): () => FirstEngine {
  let early = first;
  return () => {
    const next = early ?? { requestedAt: performance.now(), engine: createBrowserEngine() };
    early = undefined;
    return next;
  };
}
