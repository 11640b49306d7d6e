import { startWorker } from '../start-worker';
import type { WriteReply, WriteRequest } from './parquet-writer.worker';
import writerWorkerUrl from './parquet-writer.worker.ts?worker&url';

/** Turns an Arrow IPC stream into Parquet bytes. */
export type WriteParquet = (ipcStream: Uint8Array, rowGroupRows: number) => Promise<Uint8Array>;

/**
 * The browser's writer: a worker started on first use and kept for the next tables, until
 * `close` (the publish panel closes it with itself; the worker holds parquet-wasm's memory).
 */
export function workerParquetWriter(): { write: WriteParquet; close(): void } {
  let worker: Worker | undefined;
  let nextId = 1;
  const waiting = new Map<number, (reply: WriteReply) => void>();
  const close = () => {
    worker?.terminate();
    worker = undefined;
    for (const [id, settle] of waiting) settle({ id, error: 'publishing was closed' });
    waiting.clear();
  };
  const write: WriteParquet = (ipcStream, rowGroupRows) => {
    if (!worker) {
      worker = startWorker(writerWorkerUrl, 'module');
      worker.onmessage = (e: MessageEvent<WriteReply>) => {
        waiting.get(e.data.id)?.(e.data);
        waiting.delete(e.data.id);
      };
      worker.onerror = (e) => {
        for (const [id, settle] of waiting) settle({ id, error: e.message || 'the worker failed' });
        waiting.clear();
      };
    }
    const id = nextId++;
    const reply = new Promise<WriteReply>((resolve) => waiting.set(id, resolve));
    worker.postMessage({ id, ipcStream, rowGroupRows } satisfies WriteRequest, [ipcStream.buffer]);
    return reply.then((r) => {
      if ('error' in r) throw new Error(`Writing Parquet failed: ${r.error}`);
      return r.parquet;
    });
  };
  return { write, close };
}
