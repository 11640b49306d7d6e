import type { DecodedProfile } from './arrow-profile';
import type { ColumnSelection, DecodedFormat, DecodeSource } from './decode';
import { startWorker } from '../start-worker';
import type { DecodeMessage, DecodeRequest } from './decode.worker';
import decodeWorkerUrl from './decode.worker.ts?worker&url';
import type { InputFile } from './inputs/input-file';
import type { OpenedInputs } from './inputs/open-inputs';

export type DecodeEvent =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'progress'; done: number; total: number }
  | { type: 'note'; text: string }
  | { type: 'profile'; profile: DecodedProfile };

/** Decodes files through a function that yields chunks and progress, in order. */
export type Decode = (
  format: DecodedFormat,
  source: DecodeSource,
  signal?: AbortSignal,
  columns?: ColumnSelection,
) => AsyncIterable<DecodeEvent>;

/** Expands archives and reads harness logs (inputs/open-inputs.ts), off the page's thread. */
export type OpenInputs = (files: InputFile[]) => Promise<OpenedInputs>;

/**
 * openInputs run in a decoder worker of its own (started on first use, kept): unzipping and
 * parsing a harness's JSON logs take seconds on big logs. A crash fails the open under way and
 * the next open starts a fresh worker.
 */
export function workerOpener(): OpenInputs {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (o: OpenedInputs) => void; reject: (e: Error) => void }
  >();
  const fail = (reason: string) => {
    worker?.terminate();
    worker = undefined;
    for (const p of pending.values()) p.reject(new Error(`the decoder stopped (${reason}).`));
    pending.clear();
  };
  const start = () => {
    const started = startWorker(decodeWorkerUrl, 'module');
    started.addEventListener('error', (event) => {
      event.preventDefault();
      fail(event.message || 'an error in its worker');
    });
    started.addEventListener('message', (event: MessageEvent<DecodeMessage>) => {
      const message = event.data;
      if (message.type === 'crash') return fail(message.message);
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.type === 'opened') waiting.resolve(message.opened);
      else if (message.type === 'error') waiting.reject(new Error(message.message));
    });
    return started;
  };
  return (files) => {
    worker ??= start();
    const id = nextId++;
    const result = new Promise<OpenedInputs>((resolve, reject) =>
      pending.set(id, { resolve, reject }),
    );
    worker.postMessage({ type: 'open', id, files } satisfies DecodeRequest);
    return result;
  };
}

/** A decoder worker and the loads it is running, told when it crashes. */
interface DecoderWorker {
  worker: Worker;
  onCrash: Set<(message: string) => void>;
}

/**
 * The browser's decoder: one dedicated worker shared by all loads. A crash inside it (parquet-wasm
 * panics with a wasm trap, and the promise it was running never settles) fails every load it was
 * running with that message, and the next load starts a fresh worker. Cancelling a load ends it
 * at once, even while the worker waits on the network; the worker stops at its next row group.
 */
export function workerDecoder(): Decode {
  let current: DecoderWorker | undefined;
  let nextId = 1;
  const start = (): DecoderWorker => {
    const worker = startWorker(decodeWorkerUrl, 'module');
    const started: DecoderWorker = { worker, onCrash: new Set() };
    let crashed = false;
    // A crash is often reported twice (the worker's own message and an error event): once is enough.
    const crash = (reason: string) => {
      if (crashed) return;
      crashed = true;
      if (current === started) current = undefined;
      worker.terminate();
      const message = `the decoder stopped (${reason}). Reload the page, or export the file again.`;
      for (const fail of [...started.onCrash]) fail(message);
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      crash(event.message || 'an error in its worker');
    });
    worker.addEventListener('message', (event: MessageEvent<DecodeMessage>) => {
      if (event.data.type === 'crash') crash(event.data.message);
    });
    return started;
  };
  return (format, source, signal, columns) => {
    current ??= start();
    const { worker, onCrash } = current;
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
    const failed = (message: string) => push({ type: 'error', id, message });
    const onAbort = () => {
      worker.postMessage({ type: 'cancel', id } satisfies DecodeRequest);
      failed('cancelled');
    };
    worker.addEventListener('message', onMessage);
    onCrash.add(failed);
    signal?.addEventListener('abort', onAbort);
    worker.postMessage({ type: 'decode', id, format, source, columns } satisfies DecodeRequest);
    let finished = false;
    return (async function* () {
      try {
        for (;;) {
          if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const message = queue.shift()!;
          if (message.type === 'done') {
            finished = true;
            return;
          }
          if (message.type === 'error' || message.type === 'crash') {
            finished = true;
            throw new Error(message.message);
          }
          if (message.type === 'progress' || message.type === 'note' || message.type === 'profile')
            yield message;
          if (message.type === 'chunk') {
            yield message;
            worker.postMessage({ type: 'taken', id } satisfies DecodeRequest);
          }
        }
      } finally {
        // A consumer that stops early (an insert failed) must not leave the worker waiting on credits.
        if (!finished) worker.postMessage({ type: 'cancel', id } satisfies DecodeRequest);
        worker.removeEventListener('message', onMessage);
        onCrash.delete(failed);
        signal?.removeEventListener('abort', onAbort);
      }
    })();
  };
}
