import { CancelledError, type Engine } from '../engine/engine';
import { ident } from '../sql/quote';
import { detectCsvLayout, splitCsvLine } from './csv-layout';
import { csvProblem, explainCsvError } from './csv-problems';
import { EngineFailureError, engineMessage } from '../engine/engine-errors';
import { ipcSchemaOnly, unloadableColumns } from './unloadable-columns';
import type { DecodedFormat, DecodeSource } from './decode';
import type { Decode } from './decoder-client';
import { IngestError } from './ingest-error';
import type { DecodedProfile } from './arrow-profile';
import { profileTable, type TableProfile } from './profile';
import { sniffFormat, type FileFormat } from './sniff-format';
import type { RoleHint } from './roles';
import { readCsvSql, twoRowHeaderSql } from './table-sql';
import { plural } from '../format';

export interface LoadedTable {
  table: string;
  fileName: string;
  format: FileFormat;
  bytes: number;
  profile: TableProfile;
  /**
   * SHA-256 of the file's bytes: how a notebook recognises its data. loadFile leaves it null; the
   * caller hashes after the load (content-hash.ts), off the path to the first answer. Null also
   * for very large files and for files read by range requests.
   */
  sha256: string | null;
  /** The first rows, as plain values. */
  preview: Record<string, unknown>[];
  /** What the loader did to the file's shape (and which harness format it read), in the user's words. */
  notes: string[];
  /** Roles a harness format states for its columns (inputs/open-inputs.ts). */
  roles?: Record<string, RoleHint>;
  /** A column the overview splits each model's rows by (a harness log's task). */
  overviewSplit?: string;
  /** The file read, where it is not `fileName` (a report's Parquet copy of `results.csv`). */
  readFrom?: string;
}

export interface LoadStep {
  phase: 'sniffing' | 'reading' | 'decoding' | 'reshaping' | 'profiling';
  /** 0..1 when known. */
  fraction?: number;
}

/**
 * A file to load: its bytes, or the address of a Parquet file on this page's host, of which only
 * the footer and the chosen columns are fetched (HTTP range requests). `columns`, for Parquet,
 * keeps only those columns (a report's; other formats load whole).
 */
export type LoadSource =
  | {
      name: string;
      blob: Blob;
      columns?: string[];
      roles?: Record<string, RoleHint>;
      notes?: string[];
      overviewSplit?: string;
    }
  | { name: string; url: string; bytes: number; columns?: string[] };

const HEAD_BYTES = 64 * 1024;
const PREVIEW_ROWS = 8;
/**
 * Each column takes at least one 256 KiB block in DuckDB's in-memory storage, so 10,000 columns
 * alone fill the wasm memory (about 3.1 GiB) and the load ends, minutes later, out of memory.
 */
export const MAX_COLUMNS = 2000;

/**
 * Loads one file into a new table. On any failure (or cancel) nothing of it stays behind, and
 * the error names the file and what is wrong with it.
 */
export async function loadFile(
  deps: { engine: Engine; decode: Decode },
  file: LoadSource,
  table: string,
  onStep: (step: LoadStep) => void,
  signal?: AbortSignal,
): Promise<LoadedTable> {
  const { engine } = deps;
  const registered = `${table}.source`;
  let path = registered;
  const raw = `${table}__raw`;
  let format: FileFormat | undefined;
  let headText = '';
  let delimiter = ',';
  const size = 'blob' in file ? file.blob.size : file.bytes;
  let head = new Uint8Array(0);
  try {
    onStep({ phase: 'sniffing' });
    const notes: string[] = [];
    let decoded: DecodedProfile | undefined;
    if (!('blob' in file)) {
      format = 'parquet';
      decoded = await insertDecoded(
        deps,
        file.name,
        table,
        'parquet',
        { url: file.url },
        onStep,
        signal,
        file.columns,
        notes,
      );
      notes.push(
        file.columns
          ? `Read over HTTP range requests: only the ${file.columns.length} ${plural(file.columns.length, 'column')} the notebook reads.`
          : 'Read over HTTP range requests, a row group at a time.',
      );
    } else {
      head = new Uint8Array(await file.blob.slice(0, HEAD_BYTES).arrayBuffer());
      format = sniffFormat(file.name, head, size);
    }
    if (format === 'csv' && 'blob' in file) {
      const complete = file.blob.size <= HEAD_BYTES;
      const utf8 = isUtf8(head);
      headText = new TextDecoder(utf8 ? 'utf-8' : 'latin1').decode(head);
      const layout = detectCsvLayout(file.name, headText, complete);
      delimiter = layout.delimiter;
      checkCsvShape(file.name, headText, complete, layout.names.length, layout.headerRows);
      const encoding = utf8 ? undefined : 'latin-1';
      if (encoding) notes.push('Not UTF-8 text: read as Latin-1 (ISO 8859-1).');
      const renamed = renamedColumns(headText, layout.delimiter, layout.names);
      if (layout.headerRows === 1 && renamed) notes.push(renamed);
      path = await engine.registerFile(registered, file.blob);
      onStep({ phase: 'reading' });
      if (layout.twoRowHeader) {
        await engine.query(readCsvSql(raw, path, layout, encoding), signal);
        onStep({ phase: 'reshaping' });
        await engine.query(twoRowHeaderSql(raw, table, layout), signal);
        const groups = new Set(layout.twoRowHeader.groups.slice(1)).size;
        const levels = new Set(layout.twoRowHeader.levels.slice(1)).size;
        notes.push(
          `Two-row header (${groups} conditions x ${levels} levels) reshaped to one row per ${layout.names[0]} x condition x severity.`,
        );
      } else {
        await engine.query(readCsvSql(table, path, layout, encoding), signal);
      }
      if (layout.delimiter !== ',')
        notes.push(`Delimiter: ${layout.delimiter === '\t' ? 'tab' : layout.delimiter}`);
    } else if ('blob' in file && format !== 'csv') {
      const columns = format === 'parquet' ? file.columns : undefined;
      decoded = await insertDecoded(
        deps,
        file.name,
        table,
        format,
        file.blob,
        onStep,
        signal,
        columns,
        notes,
      );
      if (columns) notes.push(`Only the ${columns.length} columns the notebook reads were loaded.`);
      if (format === 'json' || format === 'jsonl')
        notes.push('Nested fields flattened to dotted column names.');
    }
    onStep({ phase: 'profiling' });
    const profile = await profileTable(engine, table, decoded);
    if (profile.rows === 0)
      throw new IngestError(
        file.name,
        `the file has ${profile.columns.length} ${plural(profile.columns.length, 'column')} but no rows of data.`,
      );
    if (profile.columns.every((c) => c.nonNull === 0))
      throw new IngestError(
        file.name,
        `every value in the file is empty (${profile.rows} rows, ${profile.columns.length} columns): check that it was exported completely.`,
      );
    const preview = (await engine.query(`SELECT * FROM ${ident(table)} LIMIT ${PREVIEW_ROWS}`))
      .toArray()
      .map((r) => r.toJSON());
    if (signal?.aborted) throw new CancelledError();
    return {
      table,
      fileName: file.name,
      format,
      bytes: size,
      sha256: null,
      profile,
      preview,
      notes: 'blob' in file && file.notes ? [...file.notes, ...notes] : notes,
      ...('blob' in file && file.roles ? { roles: file.roles } : {}),
      ...('blob' in file && file.overviewSplit ? { overviewSplit: file.overviewSplit } : {}),
    };
  } catch (e) {
    await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    if (e instanceof CancelledError || signal?.aborted) throw new CancelledError();
    if (e instanceof IngestError) throw e;
    if (e instanceof EngineFailureError) throw new IngestError(file.name, e.message, { cause: e });
    const explained =
      format === 'csv'
        ? (explainCsvError(engineMessage(e)) ?? csvProblem(headText, delimiter, size <= HEAD_BYTES))
        : null;
    const reading = format === 'csv' ? 'could not read it as CSV: ' : '';
    throw new IngestError(
      file.name,
      explained ?? reading + describeFailure(e).replaceAll(path, file.name),
      { cause: e },
    );
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(raw)}`).catch(() => undefined);
    await engine.dropFile(registered).catch(() => undefined);
  }
}

/**
 * Decoded Arrow bytes inserted per transaction. DuckDB holds a transaction's rows uncompressed
 * until it commits (a 1M-row Parquet file: 151 MB of Arrow, about 100 MiB more at the peak), so a
 * bigger file commits in steps of this size to stay clear of the wasm memory's 3.1 GiB.
 */
const COMMIT_BYTES = 256 * 1024 * 1024;

/**
 * Decodes a non-CSV file in the decoder's worker and inserts its Arrow chunks into `table` on a
 * connection of its own, committing once per COMMIT_BYTES instead of after every chunk: the
 * inserts of a 1M-row Parquet file took 0.36x the time (bench/README.md). The notebook's queries,
 * on the other connection, never run inside the load's transaction, and see the table only once
 * it is committed (whole, up to COMMIT_BYTES of Arrow). What the decoder says it did goes to `notes`.
 */
async function insertDecoded(
  deps: { engine: Engine; decode: Decode },
  fileName: string,
  table: string,
  format: DecodedFormat,
  source: DecodeSource,
  onStep: (step: LoadStep) => void,
  signal: AbortSignal | undefined,
  columns: string[] | undefined,
  notes: string[],
): Promise<DecodedProfile | undefined> {
  onStep({ phase: 'decoding', fraction: 0 });
  const loader = await deps.engine.connect();
  try {
    await loader.query('BEGIN TRANSACTION');
    let first = true;
    let uncommitted = 0;
    let profile: DecodedProfile | undefined;
    for await (const event of deps.decode(format, source, signal, columns)) {
      if (signal?.aborted) throw new CancelledError();
      if (event.type === 'progress')
        onStep({ phase: 'decoding', fraction: event.total ? event.done / event.total : undefined });
      else if (event.type === 'note') notes.push(event.text);
      else if (event.type === 'profile') profile = event.profile;
      else {
        if (uncommitted >= COMMIT_BYTES) {
          await loader.query('COMMIT');
          await loader.query('BEGIN TRANSACTION');
          uncommitted = 0;
        }
        uncommitted += event.bytes.byteLength;
        const schema = ipcSchemaOnly(event.bytes);
        await loader.insertArrowStream(table, event.bytes, first).catch((e) => {
          throw unloadableError(fileName, schema, e);
        });
        first = false;
      }
    }
    if (signal?.aborted) throw new CancelledError();
    await loader.query('COMMIT');
    return profile;
  } catch (e) {
    await loader.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await loader.close();
  }
}

function isUtf8(head: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Refuses, before reading, a delimited file that is only a header or has too many columns. */
function checkCsvShape(
  fileName: string,
  headText: string,
  complete: boolean,
  columns: number,
  headerRows: number,
): void {
  if (columns > MAX_COLUMNS)
    throw new IngestError(
      fileName,
      `the file has ${columns.toLocaleString('en-US')} columns; Slicebook reads at most ${MAX_COLUMNS.toLocaleString('en-US')} (each column takes memory in the browser's database, which holds about 3.1 GiB). Keep the columns you analyse, or reshape the table to long form (a row per example x feature).`,
    );
  const lines = headText.split(/\r?\n/).filter((l) => l.trim() !== '').length;
  if (complete && lines <= headerRows)
    throw new IngestError(
      fileName,
      `the file has a header (${columns} ${plural(columns, 'column')}) but no rows of data.`,
    );
}

/** A note naming header cells that were empty or repeated and so got a new name. */
function renamedColumns(headText: string, delimiter: string, names: string[]): string | null {
  const firstLine = headText.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0];
  const raw = splitCsvLine(firstLine, delimiter).map((n) => n.trim());
  const changes = names
    .map((name, i) => [raw[i] ?? '', name] as const)
    .filter(([before, after]) => before !== after)
    .map(([before, after]) => `${before === '' ? '(empty)' : `"${before}"`} -> "${after}"`);
  return changes.length
    ? `Header cells that were empty or repeated were renamed: ${changes.join(', ')}.`
    : null;
}

/** When DuckDB refuses decoded Arrow data, name the columns whose type it cannot store. */
function unloadableError(fileName: string, ipcStream: Uint8Array, cause: unknown): Error {
  if (cause instanceof EngineFailureError) return cause;
  const columns = unloadableColumns(ipcStream);
  if (columns.length === 0) return cause instanceof Error ? cause : new Error(String(cause));
  const list = columns.map((c) => `"${c.name}" (${c.type})`).join(', ');
  return new IngestError(
    fileName,
    `${plural(columns.length, 'column')} ${list} ha${columns.length === 1 ? 's a type' : 've types'} DuckDB cannot load. Convert ${columns.length === 1 ? 'it' : 'them'} to text or numbers (or leave ${columns.length === 1 ? 'it' : 'them'} out) and save the file again.`,
    { cause },
  );
}

/** DuckDB's messages are long; keep the part that says what is wrong. */
function describeFailure(e: unknown): string {
  const message = engineMessage(e);
  const firstLines = message
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .join(' ');
  return firstLines.length > 400 ? `${firstLines.slice(0, 400)}...` : firstLines;
}
