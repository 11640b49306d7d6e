import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { readableIdent } from '../../src/lib/sql/readable-ident';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(async () => {
  await engine.close();
});

describe('readableIdent', () => {
  it('leaves plain names bare and quotes the rest', () => {
    expect(['accuracy', 'Model', '_id2', 'name', 'value'].map(readableIdent)).toEqual([
      'accuracy',
      'Model',
      '_id2',
      'name',
      'value',
    ]);
    expect(
      ['model name', 'a.b', '1st', 'a"b', 'select', 'Order', 'left', 'été'].map(readableIdent),
    ).toEqual([
      '"model name"',
      '"a.b"',
      '"1st"',
      '"a""b"',
      '"select"',
      '"Order"',
      '"left"',
      '"été"',
    ]);
  });

  it('gives DuckDB a name it reads back for every one of its keywords', async () => {
    const keywords = (await engine.query('SELECT keyword_name FROM duckdb_keywords()'))
      .toArray()
      .map((row) => String(row.toJSON().keyword_name));
    expect(keywords.length).toBeGreaterThan(400);
    const names = [...keywords, 'model name', 'a.b', 'Model', 'a"b'];
    const failures: string[] = [];
    for (const [i, name] of names.entries()) {
      const sql = `SELECT ${readableIdent(name)} FROM (SELECT ${i} AS ${readableIdent(name)})`;
      const result = await engine.query(sql).catch(() => null);
      if (result?.schema.fields[0]?.name !== name) failures.push(name);
    }
    expect(failures).toEqual([]);
  });
});
