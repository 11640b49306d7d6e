import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import { Table as WasmTable, writeParquet } from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import type { KnownCell } from '../../src/lib/cells/registry';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { dataPath, exportSql, integerRangeSql } from '../../src/lib/report/export-sql';
import {
  markAsReport,
  parseReport,
  reportLocation,
  serializeReport,
} from '../../src/lib/report/report-format';
import { usedColumns, type DatasetUse } from '../../src/lib/report/used-columns';

const base = { id: 'c', collapsed: false };
const notebookWith = (cells: KnownCell[], filter = ''): Notebook => ({
  ...emptyNotebook(),
  cells,
  filter,
});
const columns = ['model', 'question_id', 'category', 'src', 'answer', 'pred', 'correct', 'notes'];
const tables = [{ table: 'mmlu', columns }];
const plain: DatasetUse = {
  name: 'ds_mmlu',
  select: 'SELECT * FROM "mmlu"',
  sources: ['mmlu'],
  roles: {
    model: 'model',
    question_id: 'id',
    category: 'group',
    src: 'group',
    answer: 'label',
    pred: 'prediction',
    correct: 'outcome',
    notes: 'ignore',
  },
};

describe('usedColumns', () => {
  it('keeps the role columns and the features a cell or the filter names; drops the rest', () => {
    const notebook = notebookWith(
      [
        {
          ...base,
          kind: 'slice',
          name: 's',
          dataset: 'ds_mmlu',
          metric: '',
          features: [{ column: 'category' }],
          replicates: 200,
        },
      ],
      '',
    );
    // By hand: five role columns, category from the slice; src (a feature no cell reads) and
    // notes (ignored) go.
    expect(usedColumns(notebook, tables, [plain]).get('mmlu')).toEqual([
      'model',
      'question_id',
      'category',
      'answer',
      'pred',
      'correct',
    ]);
    const filtered = notebookWith([], `"SRC" LIKE 'ori%'`);
    expect(usedColumns(filtered, tables, [plain]).get('mmlu')).toContain('src');
  });

  it('reads the words of SQL cells but not the words of markdown', () => {
    const notebook = notebookWith([
      { ...base, kind: 'markdown', name: 'm', text: 'notes on src' },
      {
        ...base,
        id: 'd',
        kind: 'sql',
        name: 'q',
        sql: 'SELECT notes, count(*) FROM ds_mmlu GROUP BY 1',
      },
    ]);
    const kept = usedColumns(notebook, tables, [plain]).get('mmlu')!;
    expect(kept).toContain('notes');
    expect(kept).not.toContain('src');
  });

  it('keeps every column of a table read with * or through a reshaping dataset', () => {
    const starred = notebookWith([
      { ...base, kind: 'sql', name: 'q', sql: 'SELECT * FROM ds_mmlu WHERE correct = 1' },
    ]);
    expect(usedColumns(starred, tables, [plain]).get('mmlu')).toEqual(columns);
    const stacked = {
      ...plain,
      select: 'SELECT * FROM mmlu UNION ALL BY NAME SELECT * FROM other',
    };
    expect(usedColumns(notebookWith([]), tables, [stacked]).get('mmlu')).toEqual(columns);
  });
});

describe('export SQL and the Parquet round trip (native DuckDB, parquet-wasm)', () => {
  let engine: Engine;
  let folder: string;
  beforeAll(async () => {
    engine = await createNodeEngine();
    folder = mkdtempSync(join(tmpdir(), 'slicebook-report-test-'));
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
