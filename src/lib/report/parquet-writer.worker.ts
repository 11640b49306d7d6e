/// <reference lib="webworker" />
import initParquet, {
  Compression,
  Table,
  WriterPropertiesBuilder,
  writeParquet,
} from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

/** Writes Arrow IPC streams as Parquet off the main thread; see parquet-writer.ts. */
export interface WriteRequest {
  id: number;
  ipcStream: Uint8Array;
  rowGroupRows: number;
}

export type WriteReply = { id: number; parquet: Uint8Array } | { id: number; error: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let ready: Promise<unknown> | undefined;

scope.onmessage = async (event: MessageEvent<WriteRequest>) => {
  const { id, ipcStream, rowGroupRows } = event.data;
  try {
    await (ready ??= initParquet({ module_or_path: parquetWasmUrl }));
    const properties = new WriterPropertiesBuilder()
      .setCompression(Compression.SNAPPY)
      .setMaxRowGroupSize(rowGroupRows)
      .build();
    const parquet = writeParquet(Table.fromIPCStream(ipcStream), properties);
    scope.postMessage({ id, parquet } satisfies WriteReply, [parquet.buffer]);
  } catch (e) {
    scope.postMessage({
      id,
      error: e instanceof Error ? e.message : String(e),
    } satisfies WriteReply);
  }
};
