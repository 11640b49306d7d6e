import type { ColumnSelection, DecodedFormat, DecodeSource } from './decode';
import type { DecodeMessage, DecodeRequest } from './decode.worker';

export type DecodeEvent =
  { type: 'chunk'; bytes: Uint8Array } | { type: 'progress'; done: number; total: number };

/** Decodes files through a function that yields chunks and progress, in order. */
export type Decode = (
  format: DecodedFormat,
  source: DecodeSource,
  signal?: AbortSignal,
  columns?: ColumnSelection,
) => AsyncIterable<DecodeEvent>;

/**
 * The browser's decoder: one dedicated worker shared by all loads. A crash inside it (parquet-wasm
 * panics with a wasm trap, and the promise it was running never settles) fails every load in
 * progress with that message, and the next load starts a fresh worker.
 */
export function workerDecoder(): Decode {
  let worker: Worker | undefined;
  let nextId = 1;
  const crashListeners = new Set<(message: string) => void>();
  const start = () => {
    const w = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    const crash = (reason: string) => {
      if (worker === w) worker = undefined;
      w.terminate();
      for (const fail of [...crashListeners]) fail(`the decoder stopped (${reason}).`);
    };
    w.addEventListener('error', (event) => {
      event.preventDefault();
      crash(event.message || 'an error in its worker');
    });
    w.addEventListener('message', (event: MessageEvent<DecodeMessage>) => {
      if (event.data.type === 'crash') crash(event.data.message);
    });
    return w;
  };
  return (format, source, signal, columns) => {
    worker ??= start();
    const w = worker;
    const id = nextId++;
    const queue: DecodeMessage[] = [];
    let wake: (() => void) | undefined;
    const push = (message: DecodeMessage) => {
      queue.push(message);
      wake?.();
    };
    const onMessage = (event: MessageEvent<DecodeMessage>) => {
      if (event.data.type !== 'crash' && event.data.id === id) push(event.data);
    };
    const onCrash = (message: string) => push({ type: 'error', id, message });
    w.addEventListener('message', onMessage);
    crashListeners.add(onCrash);
    const onAbort = () => w.postMessage({ type: 'cancel', id } satisfies DecodeRequest);
    signal?.addEventListener('abort', onAbort);
    w.postMessage({ type: 'decode', id, format, source, columns } satisfies DecodeRequest);
    return (async function* () {
      try {
        for (;;) {
          if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const message = queue.shift()!;
          if (message.type === 'done') return;
          if (message.type === 'error' || message.type === 'crash')
            throw new Error(message.message);
          yield message;
        }
      } finally {
        w.removeEventListener('message', onMessage);
        crashListeners.delete(onCrash);
        signal?.removeEventListener('abort', onAbort);
      }
    })();
  };
}
