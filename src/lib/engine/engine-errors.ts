import type { Table } from 'apache-arrow';
import { QueryError, type Engine } from './engine';

/** What a failed engine call means for the engine itself. */
export type EngineFailureKind = 'out-of-memory' | 'crashed' | 'query';

/** DuckDB-WASM's memory ceiling on 64-bit browsers (ENGINE-NOTES.md: about 3.1 GiB). */
export const WASM_MEMORY_LIMIT = '3.1 GiB';

/**
 * DuckDB-WASM sometimes reports errors as JSON (`{"exception_type": ..., "exception_message": ...}`);
 * this returns the readable part.
 */
export function engineMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const json = /^\s*(\{"exception_type".*\})\s*$/s.exec(text)?.[1];
  if (!json) return text;
  try {
    const parsed = JSON.parse(json) as { exception_type?: string; exception_message?: string };
    return parsed.exception_message ?? text;
  } catch {
    return text;
  }
}

export function classifyEngineFailure(error: unknown): EngineFailureKind {
  const text = engineMessage(error);
  if (
    /Out of Memory Error|could not allocate|failed to allocate|Array buffer allocation failed/i.test(
      text,
    )
  )
    return 'out-of-memory';
  // A WebAssembly trap leaves the engine in an unknown state: it must be replaced.
  if (
    /memory access out of bounds|RuntimeError: unreachable|worker (terminated|crashed)/i.test(text)
  )
    return 'crashed';
  return 'query';
}

/** What the user reads when a query ran out of memory or crashed the engine. */
export function failureMessage(kind: Exclude<EngineFailureKind, 'query'>, error: unknown): string {
  const used = /\(([\d.]+ \w?i?B)\/([\d.]+ \w?i?B) used\)/.exec(engineMessage(error));
  if (kind === 'out-of-memory')
    return (
      `DuckDB ran out of memory${used ? ` (${used[1]} of ${used[2]} used)` : ''}: in the browser it can use at most about ${WASM_MEMORY_LIMIT}. ` +
      'Filter the rows or select fewer columns before sorting, joining or collecting lists, or open fewer or smaller files. ' +
      'The engine was restarted and your files re-loaded; the notebook is unchanged.'
    );
  return (
    `DuckDB stopped working (${engineMessage(error).split('\n')[0]}), most often because a query needed more memory than the about ${WASM_MEMORY_LIMIT} a browser gives it. ` +
    'Filter the rows or select fewer columns before building large lists, sorting or joining. ' +
    'The engine was restarted and your files re-loaded; the notebook is unchanged.'
  );
}

/** Raised in place of the engine's own error when the engine had to be replaced. */
export class EngineFailureError extends QueryError {
  readonly kind: Exclude<EngineFailureKind, 'query'>;
  constructor(sql: string, kind: Exclude<EngineFailureKind, 'query'>, cause: unknown) {
    super(sql, new Error(failureMessage(kind, cause)));
    this.name = 'EngineFailureError';
    this.kind = kind;
  }
}

/**
 * Wraps an engine so that running out of memory or a crash is reported once, through `onFailure`
 * (the workspace replaces the engine), and the caller gets an error saying what happened.
 */
export function guardEngine(
  engine: Engine,
  onFailure: (kind: Exclude<EngineFailureKind, 'query'>) => void,
): Engine {
  const guard = async <T>(sql: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (e) {
      const kind = classifyEngineFailure(e);
      if (kind === 'query') throw e;
      onFailure(kind);
      throw new EngineFailureError(sql, kind, e);
    }
  };
  return {
    query: (sql: string, signal?: AbortSignal): Promise<Table> =>
      guard(sql, () => engine.query(sql, signal)),
    prepare: (sql) => guard(sql, () => engine.prepare(sql)),
    connect: async () => guardEngine(await engine.connect(), onFailure),
    registerFile: (name, source) => engine.registerFile(name, source),
    dropFile: (name) => engine.dropFile(name),
    insertArrowStream: (table, bytes, create) =>
      guard(`-- insert Arrow batch into ${table}`, () =>
        engine.insertArrowStream(table, bytes, create),
      ),
    close: () => engine.close(),
  };
}
