import { contentHash } from './content-hash';
import { CancelledError, QueryError, type Engine } from '../engine/engine';
import { ident } from '../sql/quote';
import { detectCsvLayout } from './csv-layout';
import type { Decode } from './decoder-client';
import { IngestError } from './ingest-error';
import { profileTable, type TableProfile } from './profile';
import { sniffFormat, type FileFormat } from './sniff-format';
import { readCsvSql, twoRowHeaderSql } from './table-sql';

export interface LoadedTable {
  table: string;
  fileName: string;
  format: FileFormat;
  bytes: number;
  profile: TableProfile;
  /** SHA-256 of the file's bytes (null for very large files): how a notebook recognises its data. */
  sha256: string | null;
  /** The first rows, as plain values. */
  preview: Record<string, unknown>[];
  /** What the loader did to the file's shape, in the user's words. */
  notes: string[];
}

export interface LoadStep {
  phase: 'sniffing' | 'reading' | 'decoding' | 'reshaping' | 'profiling';
  /** 0..1 when known. */
  fraction?: number;
}

const HEAD_BYTES = 64 * 1024;
const PREVIEW_ROWS = 8;

/**
 * Loads one file into a new table. On any failure (or cancel) nothing of it stays behind, and
 * the error names the file and what is wrong with it.
 */
export async function loadFile(
  deps: { engine: Engine; decode: Decode },
  file: { name: string; blob: Blob },
  table: string,
  onStep: (step: LoadStep) => void,
  signal?: AbortSignal,
): Promise<LoadedTable> {
  const { engine } = deps;
  const registered = `${table}.source`;
  const raw = `${table}__raw`;
  let format: FileFormat | undefined;
  try {
    onStep({ phase: 'sniffing' });
    const head = new Uint8Array(await file.blob.slice(0, HEAD_BYTES).arrayBuffer());
    format = sniffFormat(file.name, head, file.blob.size);
    const notes: string[] = [];
    if (format === 'csv') {
      const layout = detectCsvLayout(
        file.name,
        new TextDecoder().decode(head),
        file.blob.size <= HEAD_BYTES,
      );
      await engine.registerFile(registered, file.blob);
      onStep({ phase: 'reading' });
      if (layout.twoRowHeader) {
        await engine.query(readCsvSql(raw, registered, layout), signal);
        onStep({ phase: 'reshaping' });
        await engine.query(twoRowHeaderSql(raw, table, layout), signal);
        const groups = new Set(layout.twoRowHeader.groups.slice(1)).size;
        const levels = new Set(layout.twoRowHeader.levels.slice(1)).size;
        notes.push(
          `Two-row header (${groups} conditions x ${levels} levels) reshaped to one row per ${layout.names[0]} x condition x severity.`,
        );
      } else {
        await engine.query(readCsvSql(table, registered, layout), signal);
      }
      if (layout.delimiter !== ',')
        notes.push(`Delimiter: ${layout.delimiter === '\t' ? 'tab' : layout.delimiter}`);
    } else {
      onStep({ phase: 'decoding', fraction: 0 });
      let first = true;
      for await (const event of deps.decode(format, file.blob, signal)) {
        if (signal?.aborted) throw new CancelledError();
        if (event.type === 'progress')
          onStep({
            phase: 'decoding',
            fraction: event.total ? event.done / event.total : undefined,
          });
        else {
          await engine.insertArrowStream(table, event.bytes, first);
          first = false;
        }
      }
      if (signal?.aborted) throw new CancelledError();
      if (format === 'json' || format === 'jsonl')
        notes.push('Nested fields flattened to dotted column names.');
    }
    onStep({ phase: 'profiling' });
    const profile = await profileTable(engine, table);
    const preview = (await engine.query(`SELECT * FROM ${ident(table)} LIMIT ${PREVIEW_ROWS}`))
      .toArray()
      .map((r) => r.toJSON());
    if (signal?.aborted) throw new CancelledError();
    const sha256 = await contentHash(file.blob);
    return {
      table,
      fileName: file.name,
      format,
      bytes: file.blob.size,
      sha256,
      profile,
      preview,
      notes,
    };
  } catch (e) {
    await engine.query(`DROP TABLE IF EXISTS ${ident(table)}`).catch(() => undefined);
    if (e instanceof CancelledError || signal?.aborted) throw new CancelledError();
    if (e instanceof IngestError) throw e;
    const reading = format === 'csv' ? 'could not read it as CSV: ' : '';
    throw new IngestError(
      file.name,
      reading + describeFailure(e).replaceAll(registered, file.name),
      { cause: e },
    );
  } finally {
    await engine.query(`DROP TABLE IF EXISTS ${ident(raw)}`).catch(() => undefined);
    await engine.dropFile(registered).catch(() => undefined);
  }
}

/** DuckDB's messages are long; keep the part that says what is wrong. */
function describeFailure(e: unknown): string {
  const message = e instanceof QueryError || e instanceof Error ? e.message : String(e);
  const firstLines = message
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 3)
    .join(' ');
  return firstLines.length > 400 ? `${firstLines.slice(0, 400)}...` : firstLines;
}
