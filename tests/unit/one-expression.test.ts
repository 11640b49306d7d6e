import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { checkFilter } from '../../src/lib/sql/one-expression';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  await engine.query(
    'CREATE TABLE preds AS SELECT * FROM (VALUES ' +
      "('a', 'north', 30, 1), ('b', 'south', 60, 0), ('a', 'south', 45, 1)) t(model, region, age, \"end\")",
  );
});
afterAll(async () => {
  await engine.close();
});

const PREFIX =
  "The filter must be one condition on the data's columns (e.g. region = 'north' AND age >= 30); ";

/** Rows of preds the filter keeps, counted as an analysis would: `WHERE (<filter>)`. */
async function kept(filter: string): Promise<number> {
  const checked = await checkFilter(engine, filter, 'preds');
  if ('error' in checked) throw new Error(checked.error);
  const where = checked.sql ? ` WHERE (${checked.sql})` : '';
  const result = await engine.query(`SELECT count(*)::DOUBLE AS n FROM preds${where}`);
  return Number(result.get(0)?.n);
}

const refusal = async (filter: string) => {
  const checked = await checkFilter(engine, filter, 'preds');
  return 'error' in checked ? checked.error : `accepted as ${checked.sql}`;
};

describe('checkFilter: one boolean expression over the data', () => {
  it.each([
    ['', 3],
    ["region = 'south'", 2],
    ["region = 'south' AND age >= 50", 1],
    ['model IN (\'a\') OR "end" = 0', 3],
    ["age BETWEEN 40 AND 70 -- the middle-aged\nAND model = 'a'", 1],
    ["region = 'north' /* only */", 1],
    ['age > (SELECT avg(age) FROM preds)', 1],
  ])('keeps the rows of %j', async (filter, n) => {
    expect(await kept(filter)).toBe(n);
  });

  it('refuses `true) OR (true`, which broke out of the parentheses (issue 16, case 6)', async () => {
    expect(await refusal('true) OR (true')).toBe(
      `${PREFIX}DuckDB cannot read this one as one: syntax error at or near ")".`,
    );
  });

  it('refuses a filter ending in a -- comment, which would hide the closing parenthesis', async () => {
    expect(await refusal("region = 'south' -- only the south")).toBe(
      `${PREFIX}this one ends in a -- comment, which would hide what follows it: remove it.`,
    );
  });

  it.each([
    ["region = 'south' ORDER BY 1", 'syntax error at or near "ORDER"'],
    ["true UNION SELECT 'x'", 'syntax error at or near "UNION"'],
    ['true FROM preds', 'syntax error at or near "FROM"'],
    ['1 AS x', 'syntax error at or near "AS"'],
  ])('refuses %j, which adds a clause of its own', async (filter, reason) => {
    expect(await refusal(filter)).toBe(`${PREFIX}DuckDB cannot read this one as one: ${reason}.`);
  });

  it('refuses a second statement', async () => {
    expect(await refusal('true; DROP TABLE preds')).toBe(
      `${PREFIX}this one holds more than one statement.`,
    );
    expect(await kept('')).toBe(3);
  });

  it('refuses a list of expressions', async () => {
    expect(await refusal("region = 'north', age > 3")).toBe(
      `${PREFIX}this one is a list of values (separated by commas).`,
    );
  });

  it('refuses an expression that is not true or false', async () => {
    expect(await refusal('age + 1')).toBe(
      `${PREFIX}this one gives INTEGER values, not true or false, for each row.`,
    );
  });

  it('names a column the data does not have', async () => {
    expect(await refusal('regoin = 1')).toBe(
      'The filter does not fit preds: Referenced column "regoin" not found in FROM clause! Candidate bindings: "region", "age", "end"',
    );
  });
});
