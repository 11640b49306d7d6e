import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  Bool,
  Float64,
  Int32,
  Int64,
  Table,
  tableToIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { createWasmNodeEngine } from '../../src/lib/engine/duckdb-wasm-node';
import type { Engine } from '../../src/lib/engine/engine';
import { ArrowProfiler, type DecodedProfile } from '../../src/lib/ingest/arrow-profile';
import { sniffFormat } from '../../src/lib/ingest/sniff-format';
import type { DecodedFormat } from '../../src/lib/ingest/decode';
import { describe as describeTable, profileSql, profileTable } from '../../src/lib/ingest/profile';
import { ident } from '../../src/lib/sql/quote';

/**
 * The decoder's profile of the Arrow chunks (arrow-profile.ts) stands in for part of DuckDB's
 * profile after a load: with it, profileTable must give exactly what DuckDB alone gives, on
 * DuckDB-WASM (the browser's engine, the same Arrow insert) and native DuckDB.
 */
const SAMPLES = new URL('../../samples/', import.meta.url).pathname;
const SHARED = new URL('../../../shared/datasets/', import.meta.url).pathname;

/** Text whose JS (UTF-16) order and DuckDB's (UTF-8 byte) order differ: U+FFFD sorts before an emoji in DuckDB. */
const TEXTS = ['b', 'a', '', 'é', 'e\u0301', '😀', '\ufffd', 'A', ' a', 'ab', null];

function hostileChunks(): Uint8Array[] {
  const n = 600;
  const pick = <T>(list: T[], i: number) => list[(i * 7) % list.length];
  const table = new Table({
    id: vectorFromArray(
      Array.from({ length: n }, (_, i) =>
        i % 50 === 3 ? null : BigInt(i === 5 ? '9007199254740993' : i - 300),
      ),
      new Int64(),
    ),
    small: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 9 === 0 ? null : [-2, 0, 10, 2, 100][i % 5])),
      new Int32(),
    ),
    bigs: vectorFromArray(
      Array.from({ length: n }, (_, i) => [-9223372036854775808n, 9223372036854775807n, 0n][i % 3]),
      new Int64(),
    ),
    text: vectorFromArray(
      Array.from({ length: n }, (_, i) => pick(TEXTS, i)),
      new Utf8(),
    ),
    sixty_four: vectorFromArray(
      Array.from({ length: n }, (_, i) => `v${i % 64}`),
      new Utf8(),
    ),
    sixty_five: vectorFromArray(
      Array.from({ length: n }, (_, i) => `v${i % 65}`),
      new Utf8(),
    ),
    empty: vectorFromArray(
      Array.from({ length: n }, () => null),
      new Utf8(),
    ),
    flag: vectorFromArray(
      Array.from({ length: n }, (_, i) => (i % 4 === 0 ? null : i % 3 === 0)),
      new Bool(),
    ),
    only_true: vectorFromArray(
      Array.from({ length: n }, () => true),
      new Bool(),
    ),
    score: vectorFromArray(
      Array.from({ length: n }, (_, i) => [0.5, -0, 0, NaN, 1][i % 5]),
      new Float64(),
    ),
  });
  // Uneven chunks, and one of them sliced (an Arrow offset into its buffers).
  return [table.slice(0, 1), table.slice(1, 250), table.slice(250, 599), table.slice(599)].map(
    (t) => tableToIPC(t, 'stream'),
  );
}

async function insert(
  engine: Engine,
  table: string,
  chunks: Uint8Array[],
): Promise<DecodedProfile> {
  const profiler = new ArrowProfiler();
  for (const [i, chunk] of chunks.entries()) {
    profiler.add(chunk);
    await engine.insertArrowStream(table, chunk, i === 0);
  }
  return profiler.result();
}

const engines: [string, () => Promise<Engine>][] = [
  ['DuckDB-WASM', createWasmNodeEngine],
  ['native DuckDB', createNodeEngine],
];

describe.each(engines)('the decoder profile on %s', (_, create) => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await create();
  });
  afterAll(async () => {
    await engine.close();
  });

  it('gives the same profile as DuckDB on hostile values (unicode, NULLs, 2^63, NaN, 64 and 65 values)', async () => {
    const decoded = await insert(engine, 'hostile', hostileChunks());
    expect(decoded.rows).toBe(600);
    // The float column is left to DuckDB; the rest is the decoder's.
    expect(decoded.columns.map((c) => c?.kind ?? null)).toEqual([
      'integer',
      'integer',
      'integer',
      'text',
      'text',
      'text',
      'text',
      'boolean',
      'boolean',
      null,
    ]);
    expect(decoded.columns[4]?.values).toHaveLength(64);
    expect(decoded.columns[5]?.values).toBeNull();
    const withDecoder = await profileTable(engine, 'hostile', decoded);
    const byDuckDb = await profileTable(engine, 'hostile');
    expect(withDecoder).toEqual(byDuckDb);
    // Worked out by hand: 10 distinct texts (NULL is not a value), in UTF-8 byte order.
    const text = withDecoder.columns.find((c) => c.name === 'text')!;
    expect(text.values).toEqual(['', ' a', 'A', 'a', 'ab', 'b', 'e\u0301', 'é', '\ufffd', '😀']);
    // DuckDB is asked only the distinct counts the decoder gave up on, and the float column.
    const sql = profileSql('hostile', await describeTable(engine, 'hostile'), decoded.columns);
    expect(sql).toMatch(/count\(DISTINCT "id"\)/);
    expect(sql).toMatch(/count\(DISTINCT "sixty_five"\)/);
    expect(sql).not.toMatch(/"text"|"sixty_four"|"flag"|"small"|count\(\*\)/);
    await engine.query('DROP TABLE hostile');
  });
});

function decodedFiles(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return decodedFiles(path);
    return /\.(parquet|jsonl?|arrow)$/.test(name) &&
      !/\.slicebook\.json$|^expected\.json$/.test(name)
      ? [path]
      : [];
  });
}

describe('the decoder profile on every decoded sample and dataset file (DuckDB-WASM)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createWasmNodeEngine();
  });
  afterAll(async () => {
    await engine.close();
  });
  const files = [...decodedFiles(SAMPLES), ...decodedFiles(SHARED)];
  it('finds the Parquet samples', () =>
    expect(files.filter((f) => f.endsWith('.parquet')).length).toBeGreaterThanOrEqual(3));

  it.each(files.map((path, i) => [path.replace(/.*\/(samples|datasets)\//, ''), path, i]))(
    '%s: the same profile as DuckDB alone',
    async (_, path, i) => {
      const bytes = readFileSync(path);
      const format = sniffFormat(path, new Uint8Array(bytes.subarray(0, 65536)), bytes.length);
      const table = `f${i}`;
      const chunks: Uint8Array[] = [];
      let decoded: DecodedProfile | undefined;
      for await (const event of nodeDecode(format as DecodedFormat, new Blob([bytes]))) {
        if (event.type === 'chunk') {
          await engine.insertArrowStream(table, event.bytes, chunks.length === 0);
          chunks.push(event.bytes);
        } else if (event.type === 'profile') decoded = event.profile;
      }
      expect(decoded?.columns.some((c) => c !== null)).toBe(true);
      expect(await profileTable(engine, table, decoded)).toEqual(await profileTable(engine, table));
      await engine.query(`DROP TABLE ${ident(table)}`);
    },
    60_000,
  );
  it.skipIf(existsSync(SHARED))(
    '(../shared/datasets is absent: only the samples were checked)',
    () => {},
  );
});
