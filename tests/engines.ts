import { createNodeEngine } from '../src/lib/engine/duckdb-node';
import { createWasmNodeEngine } from '../src/lib/engine/duckdb-wasm-node';
import type { Engine } from '../src/lib/engine/engine';

/**
 * An engine a suite runs on. The analyses' suites (tests/suites/) are functions taking one, run
 * once per engine, as duckdb-wasm runs its own tests in Node and in the browser: natively by
 * tests/unit/<suite>.test.ts, on DuckDB-WASM by tests/unit/analyses-wasm.test.ts.
 */
export interface EngineFactory {
  name: string;
  /** A fresh engine, its tables its own; the suite closes it. */
  create: () => Promise<Engine>;
}

/** Native DuckDB (@duckdb/node-api), as the runner computes. */
export const NATIVE: EngineFactory = { name: 'native DuckDB', create: () => createNodeEngine() };

/** DuckDB-WASM's own build, as the browser computes (src/lib/engine/duckdb-wasm-node.ts). */
export const WASM: EngineFactory = { name: 'DuckDB-WASM', create: createWasmNodeEngine };
