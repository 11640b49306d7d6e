/// <reference lib="webworker" />
import initParquet, { ParquetFile } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { DecodedProfile } from './arrow-profile';
import { ChunkCredits } from './chunk-credits';
import { decodeFile, type ColumnSelection, type DecodedFormat, type DecodeSource } from './decode';
import type { InputFile } from './inputs/input-file';
import { openInputs, type OpenedInputs } from './inputs/open-inputs';

/** Decodes Parquet, Arrow and JSON files off the main thread; see decoder-client.ts. */
export type DecodeRequest =
  | {
      type: 'decode';
      id: number;
      format: DecodedFormat;
      source: DecodeSource;
      columns: ColumnSelection;
    }
  | { type: 'cancel'; id: number }
  /** The page took a chunk of this decode: one more may be sent (chunk-credits.ts). */
  | { type: 'taken'; id: number }
  /** Expands zips and reads harness logs (inputs/open-inputs.ts). */
  | { type: 'open'; id: number; files: InputFile[] };

export type DecodeMessage =
  | { type: 'chunk'; id: number; bytes: Uint8Array }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'note'; id: number; text: string }
  | { type: 'profile'; id: number; profile: DecodedProfile }
  | { type: 'done'; id: number }
  | { type: 'opened'; id: number; opened: OpenedInputs }
  | { type: 'error'; id: number; message: string }
  /** parquet-wasm panicked (a wasm trap outside any awaited promise): this worker is unusable. */
  | { type: 'crash'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const cancelled = new Set<number>();
const credits = new Map<number, ChunkCredits>();
let parquetReady: Promise<unknown> | undefined;

const crashed = (reason: unknown) =>
  scope.postMessage({
    type: 'crash',
    message: reason instanceof Error ? reason.message : String(reason),
  } satisfies DecodeMessage);
scope.addEventListener('unhandledrejection', (event) => crashed(event.reason));
scope.addEventListener('error', (event) => crashed(event.error ?? event.message));

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const request = event.data;
  if (request.type === 'cancel') {
    const gate = credits.get(request.id);
    if (!gate) return; // already finished
    cancelled.add(request.id);
    gate.open();
    return;
  }
  if (request.type === 'taken') {
    credits.get(request.id)?.release();
    return;
  }
  const { id } = request;
  const post = (message: DecodeMessage, transfer: Transferable[] = []) =>
    scope.postMessage(message, transfer);
  if (request.type === 'open') {
    await openInputs(request.files).then(
      (opened) => post({ type: 'opened', id, opened }),
      (e) => post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }),
    );
    return;
  }
  const gate = new ChunkCredits();
  credits.set(id, gate);
  try {
    if (request.format === 'parquet')
      await (parquetReady ??= initParquet({ module_or_path: parquetWasmUrl }));
    await decodeFile(
      request.format,
      request.source,
      {
        chunk: async (bytes) => {
          await gate.acquire();
          post({ type: 'chunk', id, bytes }, [bytes.buffer]);
        },
        progress: (done, total) => post({ type: 'progress', id, done, total }),
        note: (text) => post({ type: 'note', id, text }),
        profile: (profile) => post({ type: 'profile', id, profile }),
        cancelled: () => cancelled.has(id),
      },
      ParquetFile,
      request.columns,
    );
    post({ type: 'done', id });
  } catch (e) {
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    cancelled.delete(id);
    credits.delete(id);
  }
};
