import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { detectCsvLayout } from '../../src/lib/ingest/csv-layout';
import { readCsvSql, twoRowHeaderSql } from '../../src/lib/ingest/table-sql';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

async function rows(sql: string): Promise<unknown[][]> {
  const result = await engine.query(sql);
  return result.toArray().map((row) => Object.values(row.toJSON()));
}

/** Registers a CSV file; returns its layout and the path SQL reads it by. */
async function register(name: string, text: string) {
  const path = await engine.registerFile(name, new TextEncoder().encode(text));
  return { ...detectCsvLayout(name, text, true), path };
}

describe('readCsvSql', () => {
  it('names the options it passes to read_csv', () => {
    const layout = { delimiter: ';', headerRows: 1 as const, names: ['a', "it's"] };
    const sql = readCsvSql('results', 'results.source', layout);
    expect(sql).toMatch(/^CREATE TABLE "results" AS SELECT \* FROM read_csv\('results\.source', /);
    expect(sql).toContain("delim = ';'");
    expect(sql).toContain('skip = 1');
    expect(sql).toContain("names = ['a', 'it''s']");
  });

  it('reads quoted fields with delimiters and "" escapes under the cleaned names', async () => {
    const text = [
      'model;;model;question',
      'a;1;x;"What; exactly?"',
      'b;2;y;"She said ""no"""',
      '',
    ].join('\n');
    const layout = await register('semicolons.csv', text);
    await engine.query(readCsvSql('semicolons', layout.path, layout));
    const described = await rows('SELECT column_name FROM (DESCRIBE semicolons)');
    expect(described.flat()).toEqual(['model', 'column1', 'model_2', 'question']);
    expect(await rows('SELECT * FROM semicolons ORDER BY 1')).toEqual([
      ['a', 1, 'x', 'What; exactly?'],
      ['b', 2, 'y', 'She said "no"'],
    ]);
  });
});

describe('twoRowHeaderSql', () => {
  const text = [
    ',fog,fog,snow,snow',
    ',1,2,1,2',
    'vit,0.95,0.85,0.75,0.5',
    'resnet,0.9,0.8,0.7,0.6',
    '',
  ].join('\n');

  it('reshapes a row per model into a row per model x condition x severity', async () => {
    const layout = await register('corruptions.csv', text);
    await engine.query(readCsvSql('corruptions_raw', layout.path, layout));
    await engine.query(twoRowHeaderSql('corruptions_raw', 'corruptions', layout));

    expect(await rows('SELECT * FROM corruptions')).toEqual([
      ['resnet', 'fog', 1, 0.9],
      ['resnet', 'fog', 2, 0.8],
      ['resnet', 'snow', 1, 0.7],
      ['resnet', 'snow', 2, 0.6],
      ['vit', 'fog', 1, 0.95],
      ['vit', 'fog', 2, 0.85],
      ['vit', 'snow', 1, 0.75],
      ['vit', 'snow', 2, 0.5],
    ]);
    const types = await rows('SELECT column_name, column_type FROM (DESCRIBE corruptions)');
    expect(types).toEqual([
      ['model', 'VARCHAR'],
      ['condition', 'VARCHAR'],
      ['severity', 'INTEGER'],
      ['value', 'DOUBLE'],
    ]);
  });

  it('keeps text levels as text', async () => {
    const layout = await register(
      'levels.csv',
      ',fog,fog,snow,snow\n,low,high,low,high\nm,0.9,0.8,0.7,0.6\n',
    );
    await engine.query(readCsvSql('levels_raw', layout.path, layout));
    await engine.query(twoRowHeaderSql('levels_raw', 'levels', layout));
    expect(await rows("SELECT severity, value FROM levels WHERE condition = 'snow'")).toEqual([
      ['high', 0.6],
      ['low', 0.7],
    ]);
  });

  it('refuses a layout without a two-row header', () => {
    const layout = { delimiter: ',', headerRows: 1 as const, names: ['a', 'b'] };
    expect(() => twoRowHeaderSql('raw', 'out', layout)).toThrow('the layout has no two-row header');
  });

  // BUG: a value column DuckDB reads as VARCHAR (all cells empty, or one "n/a") makes UNPIVOT
  // fail with "Cannot unpivot columns of types DOUBLE and VARCHAR" before TRY_CAST can turn the
  // text into NULL. Flip to `it` once the raw columns are cast to a common type before UNPIVOT.
  it('turns a non-numeric cell into a NULL value instead of failing', async () => {
    const layout = await register('na.csv', ',fog,fog,snow,snow\n,1,2,1,2\nm,0.9,n/a,0.7,0.6\n');
    await engine.query(readCsvSql('na_raw', layout.path, layout));
    await engine.query(twoRowHeaderSql('na_raw', 'na', layout));
    expect(await rows("SELECT value FROM na WHERE condition = 'fog' ORDER BY severity")).toEqual([
      [0.9],
      [null],
    ]);
  });
});
