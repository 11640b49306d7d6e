import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDataset } from '../../src/lib/baseline/baseline-plan';
import { compareToBaseline } from '../../src/lib/baseline/run-baseline';
import type { SliceComparison } from '../../src/lib/baseline/read-comparison';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { profileTable } from '../../src/lib/ingest/profile';
import type { Role, TaskKind } from '../../src/lib/ingest/roles';
import { ident, literal } from '../../src/lib/sql/quote';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(() => engine.close());

type Example = [id: string | null, label: number, prediction: number, group: string];

/** A table of examples under `name`, its columns named as `columns` says. */
async function table(
  name: string,
  rows: readonly Example[],
  columns = { id: 'id', label: 'label', prediction: 'prediction', group: 'grp' },
): Promise<void> {
  const values = rows.map((r) => `(${r.map((v) => literal(v)).join(', ')})`).join(', ');
  const names = [columns.id, columns.label, columns.prediction, columns.group].map(ident);
  await engine.query(
    `CREATE OR REPLACE TABLE ${ident(name)} AS SELECT * FROM (VALUES ${values}) t(${names.join(', ')})`,
  );
}

async function run(
  name: string,
  roles: Record<string, Role>,
  taskKind: TaskKind = 'binary',
): Promise<RunDataset> {
  return { name, columns: (await profileTable(engine, name)).columns, roles, taskKind };
}

const ROLES: Record<string, Role> = {
  id: 'id',
  label: 'label',
  prediction: 'prediction',
  grp: 'group',
};
const sliceOf = (rows: SliceComparison[], slice: string) => rows.find((r) => r.slice === slice)!;

// Group a: e1..e6 in both runs. Candidate right on e1, e2, e3, e5; baseline right on e1, e2, e4,
// e5, e6: both right e1, e2, e5; only the candidate e3; only the baseline e4, e6; neither none.
// Group b: e7 in both (both right), e8 and a row without an id only in the candidate, e9 only in
// the baseline.
const CANDIDATE: Example[] = [
  ['e1', 1, 1, 'a'],
  ['e2', 0, 0, 'a'],
  ['e3', 1, 1, 'a'],
  ['e4', 1, 0, 'a'],
  ['e5', 0, 0, 'a'],
  ['e6', 0, 1, 'a'],
  ['e7', 1, 1, 'b'],
  ['e8', 1, 1, 'b'],
  [null, 0, 1, 'b'],
];
const BASELINE: Example[] = [
  ['e1', 1, 1, 'a'],
  ['e2', 0, 0, 'a'],
  ['e3', 1, 0, 'a'],
  ['e4', 1, 1, 'a'],
  ['e5', 0, 0, 'a'],
  ['e6', 0, 0, 'a'],
  ['e7', 1, 1, 'b'],
  ['e9', 0, 1, 'b'],
];

describe('the comparison query on native DuckDB', () => {
  it('pairs on the example id: hand-counted tables per slice, ids in one run counted', async () => {
    await table('cand', CANDIDATE);
    await table('base', BASELINE);
    const out = await compareToBaseline(
      engine,
      [
        {
          candidate: await run('cand', ROLES),
          baseline: await run('base', ROLES),
          sets: [{ cell: 'by_group', features: [{ column: 'grp' }] }],
        },
      ],
      '',
    );
    if ('error' in out) throw new Error(out.error);
    expect(out.matching).toEqual([
      {
        dataset: 'cand',
        rowsCandidate: 9,
        rowsBaseline: 8,
        common: 7,
        paired: true,
        unpairedBecause: undefined,
      },
    ]);
    const a = sliceOf(out.rows, 'grp: a');
    // 6 pairs: candidate 4/6 right, baseline 5/6; (1 - 2) / 6; McNemar exact on 1 and 2: p = 1.
    expect(a).toMatchObject({ n: 6, cells: ['by_group'], paired: true, p: 1 });
    expect(a.candidate).toBeCloseTo(4 / 6, 12);
    expect(a.baseline).toBeCloseTo(5 / 6, 12);
    expect(a.difference).toBeCloseTo(-1 / 6, 12);
    const b = sliceOf(out.rows, 'grp: b');
    expect(b).toMatchObject({
      n: 1,
      candidate: 1,
      baseline: 1,
      difference: 0,
      onlyCandidate: 2,
      onlyBaseline: 1,
    });
    const overall = sliceOf(out.rows, 'overall');
    expect(overall).toMatchObject({ n: 7, overall: true, onlyCandidate: 2, onlyBaseline: 1 });
    expect(overall.difference).toBeCloseTo(-1 / 7, 12);
    expect(out.notes).toContain(
      'cand: 2 examples only in the candidate and 1 only in the baseline are counted, not compared.',
    );
    // BH over the three rows.
    expect(out.rows.every((r) => r.q >= r.p)).toBe(true);
  });

  it('falls back to unpaired, saying why, when no id is shared or ids repeat', async () => {
    await table('cand', CANDIDATE);
    await table(
      'base',
      BASELINE.map(([id, ...rest]) => [`old-${id}`, ...rest] as Example),
    );
    const pair = async () => ({
      candidate: await run('cand', ROLES),
      baseline: await run('base', ROLES),
      sets: [{ cell: 'by_group', features: [{ column: 'grp' }] }],
    });
    const none = await compareToBaseline(engine, [await pair()], '');
    if ('error' in none) throw new Error(none.error);
    expect(none.matching[0]).toMatchObject({ paired: false, common: 0 });
    expect(none.notes).toContain(
      'cand: compared unpaired (two independent samples): no example id of the candidate is in the baseline.',
    );
    // Group a unpaired: candidate 4/6, baseline 5/6 (every row of each run).
    const a = sliceOf(none.rows, 'grp: a');
    expect(a).toMatchObject({ paired: false, n: 6, method: 'Fisher exact' });
    expect(a.difference).toBeCloseTo(4 / 6 - 5 / 6, 12);
    // Group b: candidate e7, e8 right, the row without an id wrong (2/3); baseline e7 right, e9
    // wrong (1/2).
    expect(sliceOf(none.rows, 'grp: b').difference).toBeCloseTo(2 / 3 - 1 / 2, 12);

    await table('base', [...BASELINE, ['e1', 1, 0, 'a']]);
    const repeated = await compareToBaseline(engine, [await pair()], '');
    if ('error' in repeated) throw new Error(repeated.error);
    expect(repeated.matching[0].unpairedBecause).toBe(
      'example ids repeat within a model (0 in the candidate, 1 in the baseline), so they cannot pair one to one',
    );
  });

  it('says what differs when the runs cannot be compared', async () => {
    await table('cand', CANDIDATE);
    await table('base', BASELINE, {
      id: 'id',
      label: 'label',
      prediction: 'prediction',
      group: 'segment',
    });
    const sets = [{ cell: 'by_group', features: [{ column: 'grp' }] }];
    const lacks = await compareToBaseline(
      engine,
      [
        {
          candidate: await run('cand', ROLES),
          baseline: await run('base', { ...ROLES, segment: 'group' }),
          sets,
        },
      ],
      '',
    );
    expect(lacks).toEqual({
      error:
        'cand: the baseline lacks the column grp that the comparison reads (the candidate has it).',
    });
    const kinds = await compareToBaseline(
      engine,
      [
        {
          candidate: await run('cand', ROLES),
          baseline: await run('base', ROLES, 'multiclass'),
          sets: [],
        },
      ],
      '',
    );
    expect(kinds).toEqual({
      error:
        "cand: the runs are of different task kinds: the candidate's cand is binary classification, the baseline's base multiclass classification.",
    });
  });

  it('quotes hostile column and table names through the one quoting helper', async () => {
    const hostile = {
      id: `id"; DROP TABLE keep; --`,
      label: "label' OR 1=1 --",
      prediction: 'pred"")',
      group: `grp"; SELECT * FROM read_text('/etc/passwd'); --`,
    };
    await engine.query('CREATE OR REPLACE TABLE keep AS SELECT 1 AS x');
    const [cand, base] = [`cand"; DROP TABLE keep; --`, `base'); DROP TABLE keep; --`];
    await table(cand, CANDIDATE, hostile);
    await table(base, BASELINE, hostile);
    const roles: Record<string, Role> = {
      [hostile.id]: 'id',
      [hostile.label]: 'label',
      [hostile.prediction]: 'prediction',
      [hostile.group]: 'group',
    };
    const out = await compareToBaseline(
      engine,
      [
        {
          candidate: await run(cand, roles),
          baseline: await run(base, roles),
          sets: [{ cell: 'by_group', features: [{ column: hostile.group }] }],
        },
      ],
      '',
    );
    if ('error' in out) throw new Error(out.error);
    expect(sliceOf(out.rows, `${hostile.group}: a`).difference).toBeCloseTo(-1 / 6, 12);
    expect((await engine.query('SELECT x FROM keep')).numRows).toBe(1);
  });

  it("cuts a numeric feature where the candidate's quantiles fall, the same on both runs", async () => {
    const scores = (shift: number) =>
      Array.from(
        { length: 8 },
        (_, i) => `('e${i}', ${i + shift}, ${i % 2}, ${i % 3 === 0 ? 1 : 0})`,
      ).join(', ');
    await engine.query(
      `CREATE OR REPLACE TABLE cand AS SELECT * FROM (VALUES ${scores(0)}) t(id, income, label, prediction)`,
    );
    await engine.query(
      `CREATE OR REPLACE TABLE base AS SELECT * FROM (VALUES ${scores(100)}) t(id, income, label, prediction)`,
    );
    const roles: Record<string, Role> = {
      id: 'id',
      label: 'label',
      prediction: 'prediction',
      income: 'group',
    };
    const out = await compareToBaseline(
      engine,
      [
        {
          candidate: await run('cand', roles),
          baseline: await run('base', roles),
          sets: [
            {
              cell: 'by_income',
              features: [{ column: 'income', binning: { kind: 'quantile', bins: 2 } }],
            },
          ],
        },
      ],
      '',
    );
    if ('error' in out) throw new Error(out.error);
    // The candidate's median is 3.5; each example keeps the candidate's bin, so both halves pair 4 examples.
    expect(out.rows.filter((r) => !r.overall).map((r) => [r.slice, r.n])).toEqual(
      [
        ['income: < 3.5', 4],
        ['income: ≥ 3.5', 4],
      ].sort(),
    );
  });
});
