import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { buildDatasets } from '../../src/lib/datasets/build-datasets';
import type { DatasetPlan } from '../../src/lib/datasets/dataset-plan';
import type { DatasetSettings } from '../../src/lib/datasets/dataset-settings';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { applySavedRoles } from '../../src/lib/datasets/saved-roles';
import type { Role } from '../../src/lib/ingest/roles';
import { describeSql, targetCountsSql } from '../../src/lib/cells/represent/build-represent';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { fixtureRows, loadFixtures } from '../helpers/load-fixtures';

/**
 * A notebook file or link is the attacker's: every field the datasets layer and the represent
 * cell read from it is tried with hostile values on native DuckDB. A value the quoting helpers
 * refuse must leave that one setting out with the reason (not take the user's data down), and a
 * quoted value must stay one name: the fixture's table keeps its rows and columns.
 */
let engine: Engine;
let plan: DatasetPlan;
const rows = fixtureRows('risk-scores.csv').length;
const COLUMNS = ['person_id', 'group', 'sex', 'risk_score', 'reoffended'];

beforeAll(async () => {
  engine = await createNodeEngine();
  plan = planDatasets(await loadFixtures(engine, ['risk-scores.csv']))[0];
});
afterAll(() => engine.close());

async function tableIntact() {
  const n = await engine.query('SELECT count(*)::DOUBLE AS n FROM risk_scores');
  expect(n.get(0)?.n).toBe(rows);
  const columns = (await engine.query('DESCRIBE risk_scores')).toArray().map((r) => r.column_name);
  expect(columns).toEqual(COLUMNS);
}

/** Builds the fixture's dataset under `saved`, as opening a notebook file does. */
async function build(saved: DatasetSettings) {
  const built = await buildDatasets(engine, [plan], [], () => saved);
  expect(built.errors).toEqual([]);
  const dataset = built.datasets[0];
  await tableIntact();
  return { columns: dataset.profile.columns.map((c) => c.name), warnings: dataset.warnings };
}

describe('hostile dataset settings in a notebook file', () => {
  it('a derived column named with a NUL character is left out with the reason; the data loads', async () => {
    const { columns, warnings } = await build({
      roles: {},
      derived: [
        { name: 'a\u0000b', expression: 'risk_score + 1' },
        { name: 'next', expression: 'risk_score + 1' },
      ],
    });
    expect(columns).toEqual([...COLUMNS, 'next']);
    expect(warnings.join('\n')).toMatch(/derived column "a\u0000b" is left out: .*NUL/);
  });

  it('a threshold column named with a NUL character is left out with the reason; the data loads', async () => {
    const { columns, warnings } = await build({
      roles: {},
      derived: [{ name: 'high', threshold: { column: 'risk\u0000', at: 5 } }],
    });
    expect(columns).toEqual(COLUMNS);
    expect(warnings.join('\n')).toMatch(/derived column "high" is left out: .*NUL/);
  });

  it('a threshold at 1e309 (Infinity once JSON reads it) passes the schema, and is left out with the reason', async () => {
    const notebook = {
      ...emptyNotebook(),
      datasets: {
        risk_scores: {
          roles: {},
          derived: [{ name: 'high', threshold: { column: 'risk_score', at: 5 } }],
        },
      },
    };
    const parsed = parseNotebook(serializeNotebook(notebook).replace('"at": 5', '"at": 1e309'));
    if ('error' in parsed) throw new Error(parsed.error);
    const saved = parsed.notebook.datasets.risk_scores;
    expect(saved.derived?.[0]).toMatchObject({ threshold: { at: Infinity } });
    const { columns, warnings } = await build(saved);
    expect(columns).toEqual(COLUMNS);
    expect(warnings.join('\n')).toMatch(/derived column "high" is left out: not a finite number/);
  });

  it('a composite id naming a column with a NUL character is left out with the reason; the data loads', async () => {
    const { columns, warnings } = await build({ roles: {}, id: ['person_id', 'group\u0000'] });
    expect(columns).toEqual(COLUMNS);
    expect(warnings.join('\n')).toMatch(/example id made of .* is left out: .*NUL/);
  });

  it('a derived column named like a column the dataset has (in any case) is left out, not renamed by DuckDB', async () => {
    const { columns, warnings } = await build({
      roles: {},
      id: ['person_id', 'group'],
      derived: [
        { name: 'RISK_SCORE', expression: 'risk_score + 1' },
        { name: 'person_id+group', expression: '1' },
        { name: 'twice', expression: '2' },
        { name: 'twice', expression: '3' },
      ],
    });
    expect(columns).toEqual([...COLUMNS, 'person_id+group', 'twice']);
    expect(warnings.filter((w) => /already has a column/.test(w))).toHaveLength(3);
  });

  it('a derived column named with quotes and a second statement is one quoted name', async () => {
    const name = 'x" FROM d; DROP TABLE risk_scores; --';
    const { columns } = await build({
      roles: {},
      derived: [{ name, expression: 'risk_score + 1' }],
    });
    expect(columns).toEqual([...COLUMNS, name]);
  });

  it.each([
    ['an E string', "E'\\'') AS x; DROP TABLE risk_scores; SELECT (E'\\''"],
    ['dollar quotes', "$$'$$) AS x; DROP TABLE risk_scores; SELECT ($$'$$"],
    ['tagged dollar quotes', "$a$'$a$) AS x; DROP TABLE risk_scores; SELECT ($a$'$a$"],
    ['a quoted name', '"a"")") AS x; DROP TABLE risk_scores; SELECT ("a"")"'],
  ])(
    'a derived expression that hides a DROP in %s is left out; the table is unchanged',
    async (_, expression) => {
      const { columns, warnings } = await build({
        roles: {},
        derived: [{ name: 'x', expression }],
      });
      expect(columns).toEqual(COLUMNS);
      expect(warnings.join('\n')).toMatch(/derived column "x" is left out: Not one SQL expression/);
    },
  );

  it('a composite id naming a column with quotes and a DROP is left out; the table is unchanged', async () => {
    const { columns, warnings } = await build({
      roles: {},
      id: ['person_id', 'group") IS NULL THEN 1 END; DROP TABLE risk_scores; --'],
    });
    expect(columns).toEqual(COLUMNS);
    expect(warnings.join('\n')).toMatch(
      /left out: .*column "group"\) IS NULL THEN 1 END; DROP TABLE risk_scores; --" not found/,
    );
  });

  it('reshape patterns with quotes and SQL in their text only match column names', async () => {
    const { columns, warnings } = await build({
      roles: {},
      reshape: ["'); DROP TABLE risk_scores; --<condition>", '$$<level>$$'],
    });
    expect(columns).toEqual(COLUMNS);
    expect(warnings.join('\n')).toMatch(/kept as it is: No column name matches/);
  });
});

describe("a target mix's table, from a notebook file", () => {
  it('a table named with quotes and a DROP is one quoted name, which does not exist', async () => {
    const table = 'risk_scores"; DROP TABLE risk_scores; --';
    await expect(engine.query(describeSql(table))).rejects.toThrow(/does not exist/);
    const features = [{ column: 'sex' }];
    await expect(engine.query(targetCountsSql(table, features, ['text'], {}))).rejects.toThrow(
      /does not exist/,
    );
    await tableIntact();
  });

  it('counts the rows of a table whose name holds quotes, by that name', async () => {
    await engine.query(`CREATE TABLE "it's ""x""" AS SELECT 'f' AS sex UNION ALL SELECT 'm'`);
    const counted = await engine.query(
      targetCountsSql(`it's "x"`, [{ column: 'sex' }], ['text'], {}),
    );
    expect(counted.toArray().map((r) => [r.slice_0, r.n])).toEqual([
      ['f', 1],
      ['m', 1],
    ]);
  });
});

describe('saved roles keyed __proto__ or constructor', () => {
  it('name only their own keys: a column called constructor keeps its guess, a saved proto key is missing', () => {
    const saved = JSON.parse('{"__proto__": "label", "toString": "model", "reoffended": "label"}');
    const guess: Record<string, Role> = Object.fromEntries([
      ['constructor', 'group'],
      ['toString', 'group'],
      ['reoffended', 'group'],
    ]);
    const applied = applySavedRoles(guess, saved);
    expect(applied.roles).toEqual({ constructor: 'group', toString: 'model', reoffended: 'label' });
    expect(Object.getPrototypeOf(applied.roles)).toBe(Object.prototype);
    expect(applied.missing).toEqual(['__proto__']);
    expect(applied.guessed).toEqual(['constructor']);
  });
});
