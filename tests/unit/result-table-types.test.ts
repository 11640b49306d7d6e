import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { formatCell } from '../../src/lib/format';
import { readRowPage } from '../../src/lib/notebook/row-pages';

/** Result and drill-down tables name DuckDB's types and show dates as dates (issue 24). */
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(
    "CREATE TABLE t AS SELECT 3::INTEGER AS label, 20000::BIGINT AS n, DATE '2013-08-14' AS day",
  );
});
afterAll(() => engine.close());

describe('a page of rows', () => {
  it('names each column by its DuckDB type, an integer as BIGINT or INTEGER, not Float64', async () => {
    const page = await readRowPage(
      engine,
      {
        rows: 'WITH w AS (SELECT * FROM t) SELECT * FROM w LIMIT 50 OFFSET 0',
        count: 'SELECT count(*)::DOUBLE AS n FROM t',
      },
      0,
    );
    expect(page.columns).toEqual([
      { name: 'label', type: 'INTEGER' },
      { name: 'n', type: 'BIGINT' },
      { name: 'day', type: 'DATE' },
    ]);
    expect(page.total).toBe(1);
  });
});

describe('a cell of a result table', () => {
  // 1376438400000 ms after 1970-01-01 is 2013-08-14 00:00 UTC (15931 days x 86,400,000 ms).
  it('shows a DATE as its day, not as epoch milliseconds', () => {
    expect(15931 * 86_400_000).toBe(1376438400000);
    expect(formatCell(1376438400000, 'DATE')).toBe('2013-08-14');
    expect(formatCell(new Date(1376438400000), 'DATE')).toBe('2013-08-14');
  });

  it('shows a TIMESTAMP as date and time, with Z when it has a time zone', () => {
    const ms = 1376438400000 + (10 * 3600 + 11 * 60 + 12) * 1000;
    expect(formatCell(ms, 'TIMESTAMP')).toBe('2013-08-14 10:11:12');
    expect(formatCell(ms + 250, 'TIMESTAMP')).toBe('2013-08-14 10:11:12.250');
    expect(formatCell(ms, 'TIMESTAMP WITH TIME ZONE')).toBe('2013-08-14 10:11:12Z');
  });

  it('leaves numbers of other types as numbers', () => {
    expect(formatCell(1376438400000, 'BIGINT')).toBe('1376438400000');
    expect(formatCell(0.1 + 0.2, 'DOUBLE')).toBe('0.3');
    expect(formatCell(null, 'DATE')).toBe('∅');
  });
});
