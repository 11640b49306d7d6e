import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { clauseLabel } from '../../src/lib/explore/clause-label';
import { filterText } from '../../src/lib/explore/filter-clauses';
import {
  addSlice,
  isPicked,
  matchesHover,
  pickSlice,
  removeClause,
  type SlicePick,
} from '../../src/lib/explore/pick-slice';
import { clausesOf } from '../../src/lib/explore/read-clauses';
import { rowsKept } from '../../src/lib/explore/rows-kept';
import { splitConjuncts } from '../../src/lib/explore/split-conjuncts';
import { checkFilter } from '../../src/lib/sql/one-expression';
import { featurePicks } from '../../src/lib/explore/feature-picks';
import { discoverPicks } from '../../src/lib/cells/discover/discover-picks';
import { sliceCondition } from '../../src/lib/slicing/slice-condition';
import type { SliceFeature } from '../../src/lib/slicing/slice-feature';

/**
 * Exploring by clicks: the global filter as chips and back, through DuckDB. The table holds
 * names that break naive SQL (a quote in a value, a column with a space and one with a double
 * quote), and every count below is by hand from its 10 rows.
 */
const HOSTILE = 'we"ird col';
const ROWS: [string | null, string, string | null, number][] = [
  // region, "first name", "we""ird col", age
  ['north', "O'Brien", 'x', 25],
  ['north', 'Ann', 'y', 35],
  ['north', "O'Brien", "'); DROP TABLE t; --", 45],
  ['south', 'Bo', 'x', 55],
  ['south', "O'Brien", 'y', 65],
  ['east', 'Cy', 'x', 30],
  ['east', 'Di', null, 40],
  [null, 'Ed', 'x', 50],
  [null, "O'Brien", 'y', 60],
  ["it's", 'Fa', 'x', 20],
];

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
  const q = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);
  const values = ROWS.map((r) => `(${q(r[0])}, ${q(r[1])}, ${q(r[2])}, ${r[3]})`).join(', ');
  await engine.query(
    `CREATE TABLE t AS SELECT * FROM (VALUES ${values}) v(region, "first name", "we""ird col", age)`,
  );
}, 30_000);
afterAll(async () => {
  await engine.close();
});

/** The rows the filter keeps, counted by DuckDB after the same check the analyses make. */
async function kept(filter: string): Promise<number> {
  const checked = await checkFilter(engine, filter, 't');
  if ('error' in checked) throw new Error(checked.error);
  const counted = await rowsKept(engine, 't', filter);
  return filter.trim() === '' ? ROWS.length : counted!.kept;
}

/** Clicks in order, each on the filter the one before left; the filter text after each. */
function clicks(start: string, steps: [SlicePick[], boolean][]): string[] {
  const out: string[] = [];
  let filter = start;
  for (const [picks, additive] of steps) {
    filter = filterText(pickSlice(clausesOf(filter), picks, additive));
    out.push(filter);
  }
  return out;
}

const north: SlicePick = { column: 'region', value: 'north' };
const south: SlicePick = { column: 'region', value: 'south' };
const obrien: SlicePick = { column: 'first name', value: "O'Brien" };

describe('a click on a slice', () => {
  it('filters to it, and a second click takes the filter away', async () => {
    const [once, twice] = clicks('', [
      [[north], false],
      [[north], false],
    ]);
    expect(once).toBe(`CAST("region" AS VARCHAR) = 'north'`);
    expect(await kept(once)).toBe(3);
    expect(twice).toBe('');
  });

  it('with Shift, adds values of one column as IN and other columns with AND', async () => {
    const [a, b, c, d] = clicks('', [
      [[north], true],
      [[south], true],
      [[obrien], true],
      [[north], true],
    ]);
    expect(await kept(a)).toBe(3);
    expect(b).toBe(`CAST("region" AS VARCHAR) IN ('north', 'south')`);
    expect(await kept(b)).toBe(5);
    // north or south, and O'Brien: rows 1, 3 and 5.
    expect(await kept(c)).toBe(3);
    expect(clausesOf(c).map(clauseLabel)).toEqual([
      'region in north, south',
      "first name = O'Brien",
    ]);
    // Shift on a value the filter holds takes that value out: south and O'Brien, row 5.
    expect(await kept(d)).toBe(1);
  });

  it('without Shift, replaces what the filter said of that column only', async () => {
    const [, , replaced] = clicks('', [
      [[north], true],
      [[obrien], true],
      [[south], false],
    ]);
    expect(clausesOf(replaced).map(clauseLabel)).toEqual([
      'region = south',
      "first name = O'Brien",
    ]);
    expect(await kept(replaced)).toBe(1);
  });

  it('quotes hostile values and column names, which then count as by hand', async () => {
    const drop: SlicePick = { column: HOSTILE, value: "'); DROP TABLE t; --" };
    const [filter] = clicks('', [[[drop, obrien], false]]);
    expect(filter).toBe(
      `CAST("we""ird col" AS VARCHAR) = '''); DROP TABLE t; --' AND CAST("first name" AS VARCHAR) = 'O''Brien'`,
    );
    expect(await kept(filter)).toBe(1);
    expect(clausesOf(filter)).toEqual([
      {
        kind: 'values',
        column: HOSTILE,
        values: ["'); DROP TABLE t; --"],
        sql: expect.any(String),
      },
      { kind: 'values', column: 'first name', values: ["O'Brien"], sql: expect.any(String) },
    ]);
    expect(Number((await engine.query('SELECT count(*)::DOUBLE AS n FROM t')).get(0)?.n)).toBe(10);
  });

  it('picks a missing value as IS NULL, alone and beside others', async () => {
    const missing: SlicePick = { column: 'region', value: null };
    const [alone, both] = clicks('', [
      [[missing], false],
      [[north], true],
    ]);
    expect(alone).toBe('"region" IS NULL');
    expect(await kept(alone)).toBe(2);
    expect(both).toBe(`(CAST("region" AS VARCHAR) = 'north' OR "region" IS NULL)`);
    expect(await kept(both)).toBe(5);
    expect(clauseLabel(clausesOf(both)[0])).toBe('region in north, (missing)');
    // Joined to another clause, the OR stays inside its brackets: O'Brien in rows 1, 3 and 9.
    const [withName] = clicks(both, [[[obrien], true]]);
    expect(await kept(withName)).toBe(3);
  });

  it('takes a numeric range (a bin, a brush) in place of the column’s last range', async () => {
    const bin: SlicePick = {
      column: 'age',
      low: { value: 30, inclusive: true },
      high: { value: 50, inclusive: false },
      cast: true,
    };
    const brush: SlicePick = {
      column: 'age',
      low: { value: 40, inclusive: true },
      high: { value: 60, inclusive: true },
    };
    const [binned, brushed, off] = clicks('', [
      [[bin], false],
      [[brush], true],
      [[brush], false],
    ]);
    expect(binned).toBe('"age"::DOUBLE >= 30 AND "age"::DOUBLE < 50');
    expect(await kept(binned)).toBe(4);
    expect(clausesOf(binned).map(clauseLabel)).toEqual(['30 ≤ age < 50']);
    expect(brushed).toBe('"age" >= 40 AND "age" <= 60');
    expect(await kept(brushed)).toBe(5);
    expect(off).toBe('');
  });
});

describe('"Add as filter" on a found slice or an opened row', () => {
  const add = (filter: string, picks: SlicePick[]) =>
    filterText(addSlice(clausesOf(filter), picks));
  const typed = `age > 30 AND length("first name") > 2`;

  it('adds the slice with AND, keeps every other clause, and adds nothing twice', async () => {
    // Over 30 with a name of 3 or more letters: Ann 35, O'Brien 45, 65 and 60.
    expect(await kept(typed)).toBe(4);
    const once = add(typed, [north, obrien]);
    expect(clausesOf(once).map((c) => c.kind)).toEqual(['range', 'custom', 'values', 'values']);
    // ... and north and O'Brien: O'Brien 45 alone.
    expect(await kept(once)).toBe(1);
    expect(add(once, [north, obrien])).toBe(once);
    expect(add(once, [obrien])).toBe(once);
  });

  it('ORs a value into its column as Shift+click does, and never takes one away', async () => {
    const once = add(typed, [north, obrien]);
    const both = add(once, [south, obrien]);
    expect(clausesOf(both).map(clauseLabel).slice(2)).toEqual([
      'region in north, south',
      "first name = O'Brien",
    ]);
    // O'Brien 45 (north) and 65 (south).
    expect(await kept(both)).toBe(2);
    // Shift+click on a slice in force would take it out; adding leaves the filter alone.
    expect(filterText(pickSlice(clausesOf(both), [south], true))).not.toBe(both);
    expect(add(both, [south])).toBe(both);
  });

  it("keeps a binned feature's rows: the picks count as the slice's own SQL does", async () => {
    const features: SliceFeature[] = [
      { column: 'age', binning: { kind: 'edges', edges: [30, 50] } },
      { column: 'region' },
    ];
    const edges = { age: [30, 50] };
    for (const values of [
      ['[30, 50)', 'north'],
      ['< 30', null],
      ['≥ 50', "it's"],
    ]) {
      const picked = add('', featurePicks(features, edges, values));
      expect(await kept(picked), values.join(' · ')).toBe(
        await kept(sliceCondition(features, edges, values)),
      );
    }
    // [30, 50) and north: Ann 35 and O'Brien 45, by hand.
    expect(await kept(add('', featurePicks(features, edges, ['[30, 50)', 'north'])))).toBe(2);
    // A found slice's predicates name its features by index, in any order of the search's.
    const found = discoverPicks(
      {
        features: [...features, { column: 'first name' }].map((f) => ({ ...f, numeric: false })),
        edges,
      },
      {
        predicates: [
          { feature: 2, value: "O'Brien" },
          { feature: 0, value: '≥ 50' },
        ],
      },
    );
    // O'Brien 65 and 60.
    expect(await kept(add('', found))).toBe(2);
  });
});

describe('the filter text as chips', () => {
  it('reads typed conditions on values and ranges as chips', async () => {
    const typed = `region = 'north' AND age >= 30 AND "first name" IN ('Ann', 'O''Brien') AND age BETWEEN 30 AND 40`;
    expect(clausesOf(typed).map(clauseLabel)).toEqual([
      'region = north',
      'age ≥ 30',
      "first name in Ann, O'Brien",
      '30 ≤ age ≤ 40',
    ]);
    // Rows 2 and 3 are north and 30 or over; of them row 2 (35, Ann) is under 40.
    expect(await kept(typed)).toBe(1);
    expect(await kept(filterText(clausesOf(typed)))).toBe(1);
  });

  it('keeps what is not a chip as one custom SQL chip, and adds to it with AND', async () => {
    const typed = `age > 30 AND length("first name") > 2 AND region <> 'east'`;
    const clauses = clausesOf(typed);
    expect(clauses.map((c) => c.kind)).toEqual(['range', 'custom']);
    expect(clauses[1].sql).toBe(`(length("first name") > 2) AND (region <> 'east')`);
    // Over 30, a name of 3 or more letters, not east: Ann 35, O'Brien 45, O'Brien 65, O'Brien 60
    // is NULL-region (<> gives NULL, not kept): 3 rows.
    expect(await kept(typed)).toBe(3);
    expect(await kept(filterText(clauses))).toBe(3);
    const [added] = clicks(typed, [[[north], false]]);
    expect(await kept(added)).toBe(2);
  });

  it('reads a filter with OR at the top as one custom chip, kept in brackets when added to', async () => {
    const typed = `region = 'east' OR age >= 60`;
    expect(clausesOf(typed)).toEqual([{ kind: 'custom', sql: typed }]);
    // east (30, 40) or 60 and over (65, 60): 4 rows; of them O'Brien: 65 and 60.
    expect(await kept(typed)).toBe(4);
    const [added] = clicks(typed, [[[obrien], false]]);
    expect(added).toBe(`(${typed}) AND CAST("first name" AS VARCHAR) = 'O''Brien'`);
    expect(await kept(added)).toBe(2);
    // And read back: the custom chip and the value chip, stable under another round.
    expect(filterText(clausesOf(added))).toBe(added);
  });

  it('removes a chip and leaves the rest', async () => {
    const clauses = clausesOf(
      `CAST("region" AS VARCHAR) = 'north' AND age < 40 AND (age > 1 OR age IS NULL)`,
    );
    expect(clauses.map((c) => c.kind)).toEqual(['values', 'range', 'custom']);
    const rest = filterText(removeClause(clauses, 0));
    expect(rest).toBe('age < 40 AND (age > 1 OR age IS NULL)');
    expect(await kept(rest)).toBe(4);
  });

  it('says which slices the filter holds (a pressed button)', () => {
    const clauses = clausesOf(`CAST("region" AS VARCHAR) IN ('north', 'south')`);
    expect(isPicked(clauses, [north])).toBe(true);
    expect(isPicked(clauses, [north, obrien])).toBe(false);
    expect(isPicked(clauses, [])).toBe(false);
  });
});

describe('splitting a condition at its top-level ANDs', () => {
  it('does not split inside quotes, brackets or BETWEEN', () => {
    expect(
      splitConjuncts(`a = 'x AND y' AND "b AND c" = 1 AND (d OR e) AND f BETWEEN 1 AND 2`),
    ).toEqual([`a = 'x AND y'`, `"b AND c" = 1`, '(d OR e)', 'f BETWEEN 1 AND 2']);
    expect(splitConjuncts('brand = 1 AND android = 2')).toEqual(['brand = 1', 'android = 2']);
  });

  it('gives up where it cannot follow the text: OR, CASE, comments, E-strings, open quotes', () => {
    for (const text of [
      'a = 1 OR b = 2',
      'CASE WHEN a AND b THEN true END',
      'a = 1 -- AND b',
      'a = 1 /* AND */',
      `a = E'\\' AND b = 1'`,
      `a = 'open AND b = 1`,
      'a = (1 AND b',
      'a = 1) AND (b = 2',
      'a = $$x AND y$$',
    ])
      expect(splitConjuncts(text), text).toBeNull();
  });
});

describe('the slice hovered elsewhere', () => {
  it('matches rows that agree on every column they share', () => {
    const weather: SlicePick = { column: 'weather', value: 'fog' };
    expect(matchesHover([north], [north, weather])).toBe(true);
    expect(matchesHover([north, weather], [north])).toBe(true);
    expect(matchesHover([north], [south, weather])).toBe(false);
    expect(matchesHover([weather], [north])).toBe(false);
    expect(matchesHover(null, [north])).toBe(false);
  });
});
