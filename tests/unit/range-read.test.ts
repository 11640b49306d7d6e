import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromArrays, tableFromIPC, tableToIPC } from 'apache-arrow';
import {
  Compression,
  ParquetFile,
  Table as WasmTable,
  WriterPropertiesBuilder,
  writeParquet,
} from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFile } from '../../src/lib/ingest/decode';
import { bytesOf, columnChunkBytes } from '../helpers/column-chunk-bytes';
import { startStaticServer, type StaticServer } from '../helpers/static-server';

/**
 * A Parquet file read over HTTP range requests from a local static server: only the footer and
 * the chosen columns' chunks cross the wire, and the values are the file's.
 */
const ROWS = 100_000;
const GROUP_ROWS = 25_000;
const WIDE = ['f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8'];

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('reading Parquet over HTTP range requests', () => {
  let folder: string;
  let server: StaticServer;
  let size: number;
  const random = seeded(7);
  const label = Int32Array.from({ length: ROWS }, () => (random() < 0.3 ? 1 : 0));
  const score = Float64Array.from({ length: ROWS }, () => random());
  const wide = Object.fromEntries(
    WIDE.map((name) => [name, Float64Array.from({ length: ROWS }, () => random())]),
  );

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'slicebook-range-'));
    const arrow = tableFromArrays({ label, score, ...wide });
    const properties = new WriterPropertiesBuilder()
      .setCompression(Compression.SNAPPY)
      .setMaxRowGroupSize(GROUP_ROWS)
      .build();
    const bytes = writeParquet(WasmTable.fromIPCStream(tableToIPC(arrow, 'stream')), properties);
    writeFileSync(join(folder, 'wide.parquet'), bytes);
    size = statSync(join(folder, 'wide.parquet')).size;
    server = await startStaticServer(folder);
  });
  afterAll(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function decodeUrl(columns?: string[]) {
    const chunks: Uint8Array[] = [];
    const progress: number[] = [];
    await decodeFile(
      'parquet',
      { url: `${server.origin}/wide.parquet` },
      {
        chunk: (b) => void chunks.push(b),
        progress: (done) => progress.push(done),
        note: () => {},
        cancelled: () => false,
      },
      ParquetFile,
      columns,
    );
    return { tables: chunks.map((c) => tableFromIPC(c)), progress };
  }

  it('fetches only the chosen columns: the bytes sent are their chunks plus the footer', async () => {
    server.log.length = 0;
    const { tables, progress } = await decodeUrl(['label', 'score']);
    expect(progress).toEqual([0, 1, 2, 3, 4]);
    expect(tables.map((t) => t.schema.fields.map((f) => f.name))).toEqual(
      Array(4).fill(['label', 'score']),
    );
    // The values, summed, equal the arrays the file was written from.
    let positives = 0;
    let scoreSum = 0;
    for (const t of tables)
      for (let i = 0; i < t.numRows; i++) {
        positives += Number(t.getChild('label')!.get(i));
        scoreSum += Number(t.getChild('score')!.get(i));
      }
    expect(tables.reduce((n, t) => n + t.numRows, 0)).toBe(ROWS);
    expect(positives).toBe(label.reduce((a, b) => a + b, 0));
    expect(scoreSum).toBeCloseTo(
      score.reduce((a, b) => a + b, 0),
      6,
    );

    // The column chunks that must be fetched, from the file's own metadata.
    const file = await ParquetFile.fromUrl(`${server.origin}/wide.parquet`);
    const needed = bytesOf(columnChunkBytes(file), ['label', 'score']);
    const sent = server.log
      .filter((r) => r.path === '/wide.parquet')
      .reduce((sum, r) => sum + r.bytes, 0);
    const ranged = server.log.filter((r) => r.path === '/wide.parquet' && r.method === 'GET');
    expect(ranged.every((r) => r.status === 206)).toBe(true);
    expect(sent).toBeGreaterThanOrEqual(needed);
    // The footer of a 10-column file is a few KB; nothing else may be fetched.
    expect(sent).toBeLessThan(needed + 64 * 1024);
    expect(sent).toBeLessThan(size * 0.25);
  });

  it('reads every column when none are chosen', async () => {
    const { tables } = await decodeUrl();
    expect(tables[0].schema.fields.map((f) => f.name)).toEqual(['label', 'score', ...WIDE]);
    expect(tables.reduce((n, t) => n + t.numRows, 0)).toBe(ROWS);
  });

  it('names a chosen column the file does not have', async () => {
    await expect(decodeUrl(['label', 'no_such'])).rejects.toThrow(
      'the file has no column "no_such"',
    );
  });
});
