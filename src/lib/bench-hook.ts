import type { Engine } from './engine/engine';

/** What `npm run bench` reads from the page: the engine's SQL, and how long each query took. */
export interface BenchHook {
  query(sql: string): Promise<Record<string, unknown>[]>;
  log: { sql: string; ms: number }[];
}

/**
 * Opt-in hook for the benchmark harness (bench/browser.ts), present only when the page's URL has
 * `?bench`: the engine becomes reachable as `window.__slicebook`, so the harness can read DuckDB's
 * own memory figures (`duckdb_memory()`) and the time of each query inside the worker, which the
 * page does not show. Without `?bench` the factory is returned unchanged.
 */
export function withBenchHook(createEngine: () => Promise<Engine>): () => Promise<Engine> {
  if (!new URLSearchParams(location.search).has('bench')) return createEngine;
  return async () => {
    const engine = await createEngine();
    const log: BenchHook['log'] = [];
    const hook: BenchHook = {
      query: async (sql) => (await engine.query(sql)).toArray().map((row) => row.toJSON()),
      log,
    };
    (window as unknown as { __slicebook: BenchHook }).__slicebook = hook;
    const query: Engine['query'] = async (sql, signal) => {
      const started = performance.now();
      try {
        return await engine.query(sql, signal);
      } finally {
        log.push({ sql, ms: performance.now() - started });
      }
    };
    return new Proxy(engine, { get: (target, key) => (key === 'query' ? query : Reflect.get(target, key)) });
  };
}
