import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { dataPath, exportSql, integerRangeSql } from '../../src/lib/report/export-sql';
import {
  markAsReport,
  parseReport,
  reportLocation,
  serializeReport,
} from '../../src/lib/report/report-format';
import { fetchReport } from '../../src/lib/report/open-report';

describe('export SQL and the Parquet round trip (native DuckDB, parquet-wasm)', () => {
  let engine: Engine;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'slicebook-report-test-'));
    engine = await createNodeEngine({ readable: [folder] });
    await engine.query(`CREATE TABLE t AS SELECT * FROM (VALUES
      (1::BIGINT, 5000000000::BIGINT, 1.25::DECIMAL(6,2), 'a', [1, 2], NULL::BIGINT),
      (-7::BIGINT, 1::BIGINT, NULL::DECIMAL(6,2), NULL, [3], 2::BIGINT)
    ) AS v(small, huge, price, name, list, sparse)`);
  });
  afterAll(async () => {
    await engine.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes 64-bit integers that fit as INTEGER, the others and decimals as DOUBLE, lists as text', async () => {
    const cols = (await engine.query('DESCRIBE t'))
      .toArray()
      .map((r) => ({ name: String(r.column_name), sqlType: String(r.column_type) }));
    const rangeSql = integerRangeSql('t', cols)!;
    const fits = (await engine.query(rangeSql)).get(0)!.toJSON() as Record<string, boolean>;
    expect(fits).toEqual({ small: true, huge: false, sparse: true });
    const arrow = await engine.query(exportSql('t', cols, fits));
    const path = join(folder, 't.parquet');
    writeFileSync(path, writeParquet(WasmTable.fromIPCStream(tableToIPC(arrow, 'stream'))));
    const back = await engine.query(`SELECT * FROM read_parquet('${path}') ORDER BY small DESC`);
    const types = (await engine.query(`DESCRIBE SELECT * FROM read_parquet('${path}')`))
      .toArray()
      .map((r) => `${r.column_name}:${r.column_type}`);
    expect(types).toEqual([
      'small:INTEGER',
      'huge:DOUBLE',
      'price:DOUBLE',
      'name:VARCHAR',
      'list:VARCHAR',
      'sparse:INTEGER',
    ]);
    expect(back.toArray().map((r) => r.toJSON())).toEqual([
      { small: 1, huge: 5e9, price: 1.25, name: 'a', list: '[1, 2]', sparse: null },
      { small: -7, huge: 1, price: null, name: null, list: '[3]', sparse: 2 },
    ]);
  });

  it('names data files from the original file, unique and safe in a URL', () => {
    const taken = new Set<string>();
    expect(dataPath('runs/a b?.csv', taken)).toBe('data/runs-a-b.parquet');
    expect(dataPath('runs/a b?.jsonl', taken)).toBe('data/runs-a-b-2.parquet');
    expect(dataPath('.csv', taken)).toBe('data/data.parquet');
  });
});

describe('report.json and the report page', () => {
  it('round-trips the notebook and the data list', () => {
    const notebook = { ...emptyNotebook(), title: 'T', filter: "x = 'y'" };
    const data = [
      {
        name: 'a.csv',
        path: 'data/a.parquet',
        bytes: 10,
        rows: 2,
        columns: ['x'],
        droppedColumns: [],
      },
    ];
    expect(parseReport(serializeReport({ notebook, data }))).toEqual({ notebook, data });
    expect(parseReport('{"format":"slicebook"}')).toEqual({
      error: 'report.json is not a Slicebook report (it lacks "format": "slicebook-report").',
    });
  });

  it('marks the page with a meta tag the app finds, and keeps its CSP', () => {
    const page =
      '<html><head><meta charset="UTF-8" />\n<meta http-equiv="Content-Security-Policy" content="script-src \'self\'" /></head><body></body></html>';
    const marked = markAsReport(page);
    expect(marked).toContain('<meta name="slicebook-report" content="report.json" />');
    expect(marked).toContain('Content-Security-Policy');
    expect(() => markAsReport('<html></html>')).toThrow(/no <meta charset>/);
    const doc = {
      querySelector: (s: string) =>
        s === 'meta[name="slicebook-report"]' && marked.includes('slicebook-report')
          ? { getAttribute: () => 'report.json' }
          : null,
    } as unknown as Document;
    expect(reportLocation(doc, '')).toBe('report.json');
    const plainDoc = { querySelector: () => null } as unknown as Document;
    expect(reportLocation(plainDoc, '?report=r%2Freport.json')).toBe('r/report.json');
    expect(reportLocation(plainDoc, '?data=x.csv')).toBeNull();
  });
});

describe('fetchReport', () => {
  const page = 'http://localhost:4173/reports/r1/index.html';
  const reportJson = (path: string) =>
    serializeReport({
      notebook: { ...emptyNotebook(), title: 'r' },
      data: [{ name: 'x.parquet', path, bytes: 1, rows: 1, columns: ['a'], droppedColumns: [] }],
    });

  it('refuses a report on another site without fetching it', async () => {
    const fetched: string[] = [];
    const result = await fetchReport('https://attacker.test/report.json', page, async (u) => {
      fetched.push(String(u));
      return new Response('{}');
    });
    expect(result).toEqual({
      error:
        'A report opens only from this site (http://localhost:4173), not from https://attacker.test.',
    });
    expect(fetched).toEqual([]);
  });

  it('refuses a report whose data file is on another site', async () => {
    const result = await fetchReport(
      'report.json',
      page,
      async () => new Response(reportJson('https://attacker.test/x.parquet')),
    );
    expect(result).toEqual({
      error:
        'The report names a data file on another site (https://attacker.test/x.parquet); a report reads only the files of its own site.',
    });
  });

  it('resolves data files beside report.json', async () => {
    const result = await fetchReport(
      'report.json',
      page,
      async () => new Response(reportJson('data/x.parquet')),
    );
    expect('dataUrls' in result && result.dataUrls).toEqual([
      { url: 'http://localhost:4173/reports/r1/data/x.parquet', name: 'x.parquet', columns: ['a'] },
    ]);
  });
});
