import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { ParquetFile, Schema } from 'parquet-wasm/esm';
import { ArrowProfiler, type DecodedProfile } from './arrow-profile';
import { flattenRecord, parseJsonLines, readJsonDocument, recordsToArrow } from './json-records';
import { plural } from '../format';

export type DecodedFormat = 'parquet' | 'arrow-file' | 'arrow-stream' | 'json' | 'jsonl';

/**
 * Where decoded data goes: Arrow IPC stream chunks, in order, and progress. The decoder waits for
 * `chunk` before it decodes the next one, so a sink bounds how far decoding runs ahead.
 */
export interface DecodeSink {
  chunk(ipcStream: Uint8Array): void | Promise<void>;
  progress(done: number, total: number): void;
  /** What the decoder did to the file's shape, for the dataset's notes (the key a JSON object's rows were under). */
  note(text: string): void;
  /** After the last chunk: what the chunks tell of their columns (arrow-profile.ts). */
  profile?(profile: DecodedProfile): void;
  cancelled(): boolean;
}

export interface ParquetReader {
  fromFile(blob: Blob): Promise<ParquetFile>;
  /** Reads the footer, then each column chunk asked for, with HTTP range requests. */
  fromUrl(url: string): Promise<ParquetFile>;
}

/** What to decode: a file's bytes, or the address of a Parquet file served with range requests. */
export type DecodeSource = Blob | { url: string };

/** Only these columns (Parquet only; by name, in the file's order). All when absent. */
export type ColumnSelection = string[] | undefined;

const ROWS_PER_CHUNK = 100_000;
/**
 * Rows per Arrow record batch decoded from Parquet. parquet-wasm's default, 1024, is half of
 * DuckDB's vector (2048 rows), so every vector DuckDB appends from it is half full; a row group
 * of 122,880 rows (DuckDB's own) then arrives as one batch. See bench/README.md for the figures.
 */
const PARQUET_BATCH_ROWS = 122_880;

/** Decodes a non-CSV file into Arrow IPC stream chunks that DuckDB can insert. */
export async function decodeFile(
  format: DecodedFormat,
  source: DecodeSource,
  sink: DecodeSink,
  parquet: ParquetReader,
  columns?: ColumnSelection,
): Promise<void> {
  const profiler = new ArrowProfiler();
  const profiled: DecodeSink = {
    ...sink,
    // The chunk goes to DuckDB first (its buffer moves to the page), and is profiled from a copy
    // while DuckDB inserts it.
    chunk: async (bytes) => {
      const copy = bytes.slice();
      await sink.chunk(bytes);
      profiler.add(copy);
    },
  };
  await decodeChunks(format, source, profiled, parquet, columns);
  if (!sink.cancelled()) sink.profile?.(profiler.result());
}

async function decodeChunks(
  format: DecodedFormat,
  source: DecodeSource,
  sink: DecodeSink,
  parquet: ParquetReader,
  columns?: ColumnSelection,
): Promise<void> {
  if (format === 'parquet') return decodeParquet(source, sink, parquet, columns);
  if (!(source instanceof Blob))
    throw new Error(`only Parquet is read over range requests, not ${format}.`);
  const blob = source;
  let table: Table;
  if (format === 'json' || format === 'jsonl') {
    const text = await blob.text();
    const document = format === 'json' ? readJsonDocument(text) : null;
    const records = document ? document.records : parseJsonLines(text);
    if (records.length === 0) throw new Error('the file holds no rows.');
    if (document?.note) sink.note(document.note);
    table = recordsToArrow(records.map((r) => flattenRecord(r)));
  } else {
    try {
      table = tableFromIPC(new Uint8Array(await blob.arrayBuffer()));
    } catch {
      throw new Error(
        `the Arrow IPC ${format === 'arrow-file' ? 'file' : 'stream'} is truncated or corrupt. Export it again.`,
      );
    }
  }
  await sendInChunks(table, sink);
}

async function sendInChunks(table: Table, sink: DecodeSink): Promise<void> {
  if (table.numRows === 0) await sink.chunk(tableToIPC(table, 'stream'));
  for (let start = 0; start < table.numRows; start += ROWS_PER_CHUNK) {
    if (sink.cancelled()) return;
    await sink.chunk(tableToIPC(table.slice(start, start + ROWS_PER_CHUNK), 'stream'));
    sink.progress(Math.min(start + ROWS_PER_CHUNK, table.numRows), table.numRows);
  }
}

/**
 * One row group at a time, so progress shows and memory stays at one group's size. From a URL,
 * parquet-wasm fetches the footer and then only the chosen columns' chunks of each group.
 */
async function decodeParquet(
  source: DecodeSource,
  sink: DecodeSink,
  parquet: ParquetReader,
  columns: ColumnSelection,
): Promise<void> {
  let file: ParquetFile;
  try {
    file =
      source instanceof Blob ? await parquet.fromFile(source) : await parquet.fromUrl(source.url);
  } catch (e) {
    throw new Error(
      source instanceof Blob
        ? `the Parquet file is truncated or corrupt (${messageOf(e)}). Copy or export it again.`
        : `the Parquet file at ${source.url} could not be read (${messageOf(e)}).`,
    );
  }
  const schema = file.schema();
  const missing = (columns ?? []).filter((c) => !hasField(schema, c));
  schema.free();
  if (missing.length > 0) {
    file.free();
    throw new Error(
      `the file has no ${plural(missing.length, 'column')} ${missing.map((c) => `"${c}"`).join(', ')}.`,
    );
  }
  const metadata = file.metadata();
  const groups = metadata.numRowGroups();
  metadata.free();
  try {
    sink.progress(0, groups);
    for (let i = 0; i < groups; i++) {
      if (sink.cancelled()) return;
      let bytes: Uint8Array;
      try {
        const decoded = await file.read({ rowGroups: [i], columns, batchSize: PARQUET_BATCH_ROWS });
        bytes = decoded.intoIPCStream();
      } catch (e) {
        throw new Error(`row group ${i + 1} of ${groups} could not be decoded (${messageOf(e)}).`);
      }
      await sink.chunk(bytes);
      sink.progress(i + 1, groups);
    }
    if (groups === 0) throw new Error('the Parquet file has no row groups (no rows).');
  } finally {
    file.free();
  }
}

function hasField(schema: Schema, name: string): boolean {
  try {
    return schema.indexOf(name) >= 0;
  } catch {
    return false;
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
