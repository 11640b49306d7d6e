import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { datasetValues, distinctValuesSql } from '../../src/lib/slicing/distinct-values';
import { datasetOf } from '../helpers/run-cell';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  // model: 6 values in an order where text and numbers sort apart, and a NULL; many: 700 values.
  await engine.query(`CREATE TABLE t AS SELECT
      ['b', 'A', 'a', '10', '9', 'é', NULL][(i % 7) + 1] AS model,
      i AS many, (i % 3 = 0) AS flag
    FROM range(700) r(i)`);
});
afterAll(() => engine.close());

describe('datasetValues', () => {
  const read = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  it('lists what distinctValuesSql reads, from the profile, without a query', async () => {
    const dataset = await datasetOf(engine, 't', { model: 'model', flag: 'group' }, 'binary');
    const queries: string[] = [];
    const counting = (sql: string) => (queries.push(sql), read(sql));
    for (const column of ['model', 'flag']) {
      const fromQuery = (await read(distinctValuesSql('t', column, false, 1000))).map((r) =>
        String(r.value),
      );
      expect(await datasetValues(dataset, column, counting, 1000)).toEqual(fromQuery);
    }
    expect(queries).toEqual([]);
    expect(await datasetValues(dataset, 'model', counting, 2)).toEqual(['10', '9']);
  });

  it('reads a column of more values than the profile lists (700 > 64) with the query, up to the limit', async () => {
    const dataset = await datasetOf(engine, 't', { model: 'model' }, 'binary');
    const queries: string[] = [];
    const values = await datasetValues(dataset, 'many', (sql) => (queries.push(sql), read(sql)));
    expect(queries).toHaveLength(1);
    expect(values).toHaveLength(100);
  });
});
