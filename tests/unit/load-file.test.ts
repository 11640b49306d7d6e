import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { CancelledError, type Engine } from '../../src/lib/engine/engine';
import type { Decode } from '../../src/lib/ingest/decoder-client';
import { IngestError } from '../../src/lib/ingest/ingest-error';
import { loadFile, type LoadStep } from '../../src/lib/ingest/load-file';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

const csvOnly: Decode = (format) => {
  throw new Error(`decode should not be called for CSV (asked for ${format})`);
};

function load(
  name: string,
  content: BlobPart,
  table: string,
  onStep: (s: LoadStep) => void = () => {},
) {
  return loadFile(
    { engine, decode: csvOnly },
    { name, blob: new Blob([content]) },
    table,
    onStep,
    undefined,
  );
}

async function tables(): Promise<string[]> {
  const result = await engine.query('SELECT table_name FROM duckdb_tables() ORDER BY 1');
  return result.toArray().map((r) => String(r.table_name));
}

async function loadError(name: string, content: BlobPart, table: string): Promise<IngestError> {
  const error = await load(name, content, table).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(IngestError);
  return error as IngestError;
}

describe('loadFile: CSV that loads', () => {
  it('creates the table, profiles it and previews its first rows', async () => {
    const steps: string[] = [];
    const text = 'model,label,pred\na,1,1\na,0,1\nb,1,\n';
    const loaded = await load('results.csv', text, 'results', (s) => steps.push(s.phase));

    expect(loaded).toMatchObject({ table: 'results', fileName: 'results.csv', format: 'csv' });
    expect(loaded.bytes).toBe(text.length);
    expect(loaded.notes).toEqual([]);
    expect(steps).toEqual(['sniffing', 'reading', 'profiling']);
    expect(loaded.profile.rows).toBe(3);
    const pred = loaded.profile.columns.find((c) => c.name === 'pred')!;
    expect(pred).toMatchObject({ kind: 'integer', distinct: 1, nonNull: 2, min: 1, max: 1 });
    expect(loaded.preview).toEqual([
      { model: 'a', label: 1, pred: 1 },
      { model: 'a', label: 0, pred: 1 },
      { model: 'b', label: 1, pred: null },
    ]);
    expect(await tables()).toContain('results');
  });

  it('notes a delimiter other than a comma', async () => {
    const loaded = await load('scores.tsv', 'model\tacc\nm1\t0.5\nm2\t0.75\n', 'scores');
    expect(loaded.notes).toEqual(['Delimiter: tab']);
    expect(loaded.preview).toEqual([
      { model: 'm1', acc: 0.5 },
      { model: 'm2', acc: 0.75 },
    ]);
  });

  it('reshapes a two-row header and leaves no raw table behind', async () => {
    const text = ',fog,fog,fog,snow,snow,snow\n,1,2,3,1,2,3\nm,0.9,0.8,0.7,0.6,0.5,0.4\n';
    const loaded = await load('corruptions.csv', text, 'corruptions');
    expect(loaded.notes).toEqual([
      'Two-row header (2 conditions x 3 levels) reshaped to one row per model x condition x severity.',
    ]);
    expect(loaded.profile.rows).toBe(6);
    expect(loaded.preview[0]).toEqual({ model: 'm', condition: 'fog', severity: 1, value: 0.9 });
    expect(await tables()).not.toContain('corruptions__raw');
  });
});

describe('loadFile: bad inputs name the file and leave nothing behind', () => {
  it('rejects an empty file', async () => {
    const error = await loadError('empty.csv', '', 'empty');
    expect(error.message).toBe('empty.csv: the file is empty.');
    expect(await tables()).not.toContain('empty');
  });

  it('rejects binary garbage', async () => {
    const garbage = new Uint8Array([0x13, 0x00, 0xfe, 0x42, 0x00, 0x07, 0x99]);
    const error = await loadError('garbage.csv', garbage, 'garbage');
    expect(error.message).toMatch(/^garbage\.csv: the file holds binary data/);
    expect(await tables()).not.toContain('garbage');
  });

  it.each([
    ['ragged.csv', 'a,b\n1,2\n3,4,5\n6,7\n', 'ragged'],
    ['short_row.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n', 'short_row'],
    ['open_quote.csv', 'a,b\n1,"2\n3,4\n5,6\n', 'open_quote'],
  ])('rejects %s (rows that do not parse)', async (name, text, table) => {
    const error = await loadError(name, text, table);
    expect(error.fileName).toBe(name);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(await tables()).not.toContain(table);
  });

  it('wraps a decoder failure for a non-CSV file', async () => {
    const failing: Decode = () => {
      throw new Error('line 2 is not valid JSON (Unexpected end of JSON input).');
    };
    const blob = new Blob(['{"a": 1}\n{"a":\n']);
    const error = await loadFile(
      { engine, decode: failing },
      { name: 'rows.jsonl', blob },
      'rows',
      () => {},
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toBe(
      'rows.jsonl: line 2 is not valid JSON (Unexpected end of JSON input).',
    );
    expect(await tables()).not.toContain('rows');
  });
});

describe('loadFile: cancelling', () => {
  function cancelAt(phase: LoadStep['phase'], name: string, text: string, table: string) {
    const controller = new AbortController();
    const blob = new Blob([text]);
    const onStep = (s: LoadStep) => s.phase === phase && controller.abort();
    return loadFile({ engine, decode: csvOnly }, { name, blob }, table, onStep, controller.signal);
  }

  it('while reshaping drops the raw table and throws CancelledError', async () => {
    const text = ',fog,fog,snow,snow\n,1,2,1,2\nm,0.9,0.8,0.7,0.6\n';
    await expect(cancelAt('reshaping', 'c.csv', text, 'cancelled')).rejects.toBeInstanceOf(
      CancelledError,
    );
    expect(await tables()).not.toContain('cancelled');
    expect(await tables()).not.toContain('cancelled__raw');
  });

  // BUG: nothing checks the signal after the 'profiling' step, so a cancel during profiling
  // (seconds on a big file) is ignored and the table stays. Flip to `it` once it is checked.
  it('while profiling leaves no table behind', async () => {
    const load = cancelAt('profiling', 'p.csv', 'a,b\n1,2\n', 'profiled');
    await expect(load).rejects.toBeInstanceOf(CancelledError);
    expect(await tables()).not.toContain('profiled');
  });
});

describe('loadFile: decoded chunks go in as one transaction', () => {
  const chunk = (from: number, rows: number) =>
    tableToIPC(
      tableFromArrays({
        id: Int32Array.from({ length: rows }, (_, i) => from + i),
        model: Array.from({ length: rows }, (_, i) => ((from + i) % 2 ? 'a' : 'b')),
      }),
      'stream',
    );
  /** Yields three chunks of 1,000 rows; `between` runs after each one went in. */
  const threeChunks = (between: (sent: number) => Promise<void>, failAfter = Infinity): Decode =>
    async function* () {
      for (let i = 0; i < 3; i++) {
        if (i >= failAfter) throw new Error('row group 2 of 3 could not be decoded (broken page).');
        yield { type: 'chunk', bytes: chunk(i * 1000, 1000) };
        await between(i + 1);
      }
    };
  const seen = async (table: string) =>
    (await tables()).includes(table)
      ? Number((await engine.query(`SELECT count(*)::DOUBLE AS n FROM ${table}`)).get(0)!.n)
      : null;

  it("the notebook's connection sees no half-loaded table, then every row", async () => {
    const during: (number | null)[] = [];
    const decode = threeChunks(async () => void during.push(await seen('chunked')));
    const blob = new Blob([new Uint8Array([0x50, 0x41, 0x52, 0x31])]);
    const loaded = await loadFile(
      { engine, decode },
      { name: 'chunked.arrows', blob },
      'chunked',
      () => {},
    );
    expect(during).toEqual([null, null, null]);
    expect(loaded.profile.rows).toBe(3000);
    expect(await seen('chunked')).toBe(3000);
    const ids = await engine.query(
      'SELECT min(id) AS lo, max(id) AS hi, count(DISTINCT id) AS d FROM chunked',
    );
    expect(ids.get(0)!.toJSON()).toEqual({ lo: 0, hi: 2999, d: 3000 });
  });

  it('a chunk that fails after others went in leaves no table and no rows behind', async () => {
    const decode = threeChunks(async () => undefined, 2);
    const blob = new Blob([new Uint8Array([0x50, 0x41, 0x52, 0x31])]);
    const error = await loadFile(
      { engine, decode },
      { name: 'broken.arrows', blob },
      'broken',
      () => {},
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toBe(
      'broken.arrows: row group 2 of 3 could not be decoded (broken page).',
    );
    expect(await seen('broken')).toBeNull();
    // The engine takes the next load as before: nothing of the failed transaction is left open.
    await load('after.csv', 'a,b\n1,2\n', 'after');
    expect(await seen('after')).toBe(1);
  });

  it('cancelled between chunks leaves nothing behind', async () => {
    const controller = new AbortController();
    const decode = threeChunks(async (sent) => void (sent === 1 && controller.abort()));
    const blob = new Blob([new Uint8Array([0x50, 0x41, 0x52, 0x31])]);
    await expect(
      loadFile(
        { engine, decode },
        { name: 'stopped.arrows', blob },
        'stopped',
        () => {},
        controller.signal,
      ),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(await seen('stopped')).toBeNull();
  });
});
