import type { DecodedFormat } from './decode';
import type { DecodeMessage, DecodeRequest } from './decode.worker';

export type DecodeEvent =
  { type: 'chunk'; bytes: Uint8Array } | { type: 'progress'; done: number; total: number };

/** Decodes files through a function that yields chunks and progress, in order. */
export type Decode = (
  format: DecodedFormat,
  blob: Blob,
  signal?: AbortSignal,
) => AsyncIterable<DecodeEvent>;

/** The browser's decoder: one dedicated worker shared by all loads. */
export function workerDecoder(): Decode {
  let worker: Worker | undefined;
  let nextId = 1;
  return (format, blob, signal) => {
    worker ??= new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module' });
    const w = worker;
    const id = nextId++;
    const queue: DecodeMessage[] = [];
    let wake: (() => void) | undefined;
    const onMessage = (event: MessageEvent<DecodeMessage>) => {
      if (event.data.id !== id) return;
      queue.push(event.data);
      wake?.();
    };
    w.addEventListener('message', onMessage);
    const onAbort = () => w.postMessage({ type: 'cancel', id } satisfies DecodeRequest);
    signal?.addEventListener('abort', onAbort);
    w.postMessage({ type: 'decode', id, format, blob } satisfies DecodeRequest);
    return (async function* () {
      try {
        for (;;) {
          if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const message = queue.shift()!;
          if (message.type === 'done') return;
          if (message.type === 'error') throw new Error(message.message);
          yield message;
        }
      } finally {
        w.removeEventListener('message', onMessage);
        signal?.removeEventListener('abort', onAbort);
      }
    })();
  };
}
