import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { buildDataset, type Dataset } from '../../src/lib/datasets/dataset';
import { addDerivedColumn, removeDerivedColumn } from '../../src/lib/datasets/dataset-edits';
import { expressionSyntaxError } from '../../src/lib/datasets/check-expression';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { fixtureRows, loadFixtures } from '../helpers/load-fixtures';

let engine: Engine;
let risk: Dataset;
const rows = fixtureRows('risk-scores.csv');

beforeAll(async () => {
  engine = await createNodeEngine();
  const tables = await loadFixtures(engine, ['risk-scores.csv']);
  risk = await buildDataset(engine, planDatasets(tables)[0]);
});
afterAll(() => engine.close());

async function valueCounts(d: Dataset, column: string): Promise<Record<string, number>> {
  const result = await engine.query(
    `SELECT CAST("${column}" AS VARCHAR) AS v, count(*)::DOUBLE AS n FROM ${d.plan.name} GROUP BY 1`,
  );
  return Object.fromEntries(result.toArray().map((r) => [String(r.v), Number(r.n)]));
}

describe('derived columns', () => {
  it('a threshold on a 1-10 risk score gives 1 at or above it and 0 below: counted by hand', async () => {
    const next = await addDerivedColumn(
      engine,
      risk,
      { name: 'high_risk', threshold: { column: 'risk_score', at: 5 } },
      'prediction',
    );
    if ('error' in next) throw new Error(next.error);
    const high = rows.filter((r) => Number(r.risk_score) >= 5).length;
    expect(await valueCounts(next, 'high_risk')).toEqual({ '1': high, '0': rows.length - high });
    expect(next.roles.high_risk).toBe('prediction');
    expect(next.profile.columns.map((c) => c.name)).toContain('high_risk');
    expect(next.settings.derived).toEqual([
      { name: 'high_risk', threshold: { column: 'risk_score', at: 5 } },
    ]);
  });

  it('an expression becomes a column, and a later one may use it', async () => {
    const first = await addDerivedColumn(
      engine,
      risk,
      { name: 'flagged', expression: 'risk_score >= 8' },
      'group',
    );
    if ('error' in first) throw new Error(first.error);
    const second = await addDerivedColumn(
      engine,
      first,
      { name: 'flagged_c', expression: 'flagged AND "group" = \'C\'' },
      'group',
    );
    if ('error' in second) throw new Error(second.error);
    const byHand = rows.filter((r) => Number(r.risk_score) >= 8 && r.group === 'C').length;
    expect((await valueCounts(second, 'flagged_c')).true).toBe(byHand);
    const removed = await removeDerivedColumn(engine, second, 'flagged_c');
    expect(removed.profile.columns.map((c) => c.name)).not.toContain('flagged_c');
    expect(removed.profile.columns.map((c) => c.name)).toContain('flagged');
  });

  for (const [name, text, reason] of [
    ['does not parse', 'risk_score >=', /syntax error/i],
    ['names a missing column', 'risk >= 5', /no column "risk".*risk_score/],
    ['is a list, not one expression', 'risk_score, sex', /list of values/],
    ['closes the parenthesis it is put in', 'true) OR (true', /closes a parenthesis/],
    ['holds a second statement', 'risk_score >= 5; DROP TABLE risk_scores', /";"/],
    ['ends in a comment', 'risk_score >= 5 -- high', /comment/],
    [
      'hides a second statement in dollar quotes',
      // Read with single quotes only, this looked like one string; it dropped the table.
      "$$'$$) AS x; DROP TABLE risk_scores; SELECT ($$'$$",
      /Not one SQL expression: DuckDB cannot read it as one/,
    ],
    ['is empty', '  ', /empty/],
  ] as const)
    it(`an expression that ${name} is refused with the reason, and nothing changes`, async () => {
      const columnsNow = async () =>
        (await engine.query(`DESCRIBE ${risk.plan.name}`))
          .toArray()
          .map((r) => String(r.column_name));
      const before = await columnsNow();
      const next = await addDerivedColumn(
        engine,
        risk,
        { name: 'high_risk', expression: text },
        'prediction',
      );
      expect('error' in next && next.error).toMatch(reason);
      expect(await columnsNow()).toEqual(before);
      expect((await engine.query('SELECT count(*)::DOUBLE AS n FROM risk_scores')).get(0)?.n).toBe(
        rows.length,
      );
    });

  it('a name the dataset already has is refused', async () => {
    const next = await addDerivedColumn(
      engine,
      risk,
      { name: 'Risk_Score', threshold: { column: 'risk_score', at: 5 } },
      'prediction',
    );
    expect(next).toEqual({
      error: 'The dataset already has a column "Risk_Score": pick another name.',
    });
  });

  it('a saved derived column the data cannot bind is left out with the reason, not fatal', async () => {
    const dataset = await buildDataset(engine, risk.plan, {
      roles: {},
      derived: [
        { name: 'ok', threshold: { column: 'risk_score', at: 3 } },
        { name: 'gone', expression: 'decile_score > 4' },
      ],
    });
    expect(dataset.profile.columns.map((c) => c.name)).toContain('ok');
    expect(dataset.profile.columns.map((c) => c.name)).not.toContain('gone');
    expect(dataset.warnings[0]).toMatch(
      /"gone" is left out: the dataset has no column "decile_score"/,
    );
  });
});

describe('expressionSyntaxError reads quotes as DuckDB does', () => {
  it('accepts quoted parentheses, semicolons and doubled quotes inside strings and names', () => {
    expect(expressionSyntaxError(`"a;b)" = 'x)--;''y'`)).toBeNull();
    expect(expressionSyntaxError('coalesce(a, b) > 1')).toBeNull();
  });
  it('refuses an unclosed quote or parenthesis', () => {
    expect(expressionSyntaxError("a = 'x")).toMatch(/never closed/);
    expect(expressionSyntaxError('(a + 1')).toMatch(/never closed/);
    expect(expressionSyntaxError('a /* x */')).toMatch(/comment/);
  });
});
