import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditDefaults, type AuditCell } from '../../src/lib/cells/audit/audit-cell';
import { auditPlan, binaryProbabilities, textColumn } from '../../src/lib/cells/audit/audit-plan';
import { auditRowsSql, thresholdsSql } from '../../src/lib/cells/audit/audit-rows-sql';
import { classProbabilities } from '../../src/lib/cells/audit/class-probabilities';
import { bandRecall, bandShape } from '../../src/lib/cells/audit/lsh-bands';
import { runAuditCell } from '../../src/lib/cells/audit/run-audit-cell';
import type { AuditResult } from '../../src/lib/cells/audit/audit-result';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import type { Dataset } from '../../src/lib/datasets/dataset';
import type { ColumnProfile } from '../../src/lib/ingest/profile';
import type { CellResult } from '../../src/lib/notebook/run-context';
import { datasetOf, runContext } from '../helpers/run-cell';

let engine: Engine;
const read = async (sql: string) =>
  (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const cell = (o: Partial<AuditCell> = {}): AuditCell => ({
  id: 'a',
  name: 'audit_1',
  kind: 'audit',
  collapsed: false,
  ...auditDefaults(),
  ...o,
});

/**
 * Confident learning worked by hand (Northcutt, Jiang & Chuang 2021, eq. 1-2). Model M's
 * probabilities of classes a, b, c per example, with the gold:
 *
 *   e1 a (.8, .1, .1)   e2 a (.6, .3, .1)   e9 a (.3, .3, .4)
 *   e3 b (.3, .45, .25) e4 b (0, .47, .53)  e5 b (.62, .3, .08)  e10 b (.58, .42, 0)
 *   e6 c (.1, .1, .8)   e7 c (.05, .05, .9) e8 c (.5, .45, .05)
 *
 * Thresholds, each class's mean probability over the examples whose gold it is:
 *   t_a = (.8 + .6 + .3) / 3 = .566667, t_b = (.45 + .47 + .3 + .42) / 4 = .41,
 *   t_c = (.8 + .9 + .05) / 3 = .583333.
 * Classes reaching their threshold, and the largest of them:
 *   e1 {a} a, e2 {a} a, e3 {b} b, e6 {c} c, e7 {c} c: their gold.
 *   e4 {b} b: its gold, although c is its most probable class (.53 < t_c): not an issue.
 *   e9 {} none: not counted.
 *   e5 {a} a: gold b, an issue.  e8 {b} b: gold c, an issue (a, the most probable, is below t_a).
 *   e10 {a, b} a (.58 > .42): gold b, an issue.
 * Model N is sure of every gold (probability 1): thresholds 1, no issue.
 */
const HAND: [string, string, number[]][] = [
  ['e1', 'a', [0.8, 0.1, 0.1]],
  ['e2', 'a', [0.6, 0.3, 0.1]],
  ['e9', 'a', [0.3, 0.3, 0.4]],
  ['e3', 'b', [0.3, 0.45, 0.25]],
  ['e4', 'b', [0, 0.47, 0.53]],
  ['e5', 'b', [0.62, 0.3, 0.08]],
  ['e10', 'b', [0.58, 0.42, 0]],
  ['e6', 'c', [0.1, 0.1, 0.8]],
  ['e7', 'c', [0.05, 0.05, 0.9]],
  ['e8', 'c', [0.5, 0.45, 0.05]],
];

async function handDataset(): Promise<Dataset> {
  const classes = ['a', 'b', 'c'];
  const values = HAND.flatMap(([id, gold, p]) => {
    const pred = classes[p.indexOf(Math.max(...p))];
    const sure = classes.map((c) => (c === gold ? 1 : 0));
    return [
      `('${id}', 'M', '${gold}', '${pred}', ${p.join(', ')})`,
      `('${id}', 'N', '${gold}', '${gold}', ${sure.join(', ')})`,
    ];
  });
  await engine.query(
    `CREATE TABLE hand AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, gold, pred, prob_a, prob_b, prob_c)`,
  );
  return datasetOf(
    engine,
    'hand',
    {
      id: 'id',
      model: 'model',
      gold: 'label',
      pred: 'prediction',
      prob_a: 'score',
      prob_b: 'score',
      prob_c: 'score',
    },
    'multiclass',
  );
}

beforeAll(async () => {
  engine = await createNodeEngine();
});
afterAll(() => engine.close());

describe('the confident-learning rule', () => {
  it('matches the hand-worked example: thresholds, and the issues e5, e8, e10', async () => {
    const dataset = await handDataset();
    const plan = auditPlan(cell({ dataset: 'hand' }), dataset, ['M', 'N'], '');
    if ('missing' in plan) throw new Error(plan.missing);
    const found = await classProbabilities(dataset, read);
    if ('none' in found) throw new Error(found.none);
    expect(found.probabilities.map((p) => p.value)).toEqual(['a', 'b', 'c']);
    await engine.query(auditRowsSql(plan, 'hand_rows', found.probabilities));
    const [m, n] = await read(
      `${thresholdsSql(plan, found.probabilities, 'hand_rows')} ORDER BY __bit`,
    );
    expect(m.__t0).toBeCloseTo(1.7 / 3, 12);
    expect(m.__t1).toBeCloseTo(0.41, 12);
    expect(m.__t2).toBeCloseTo(1.75 / 3, 12);
    expect([m.__n0, m.__n1, m.__n2]).toEqual([3, 4, 3]);
    expect([n.__t0, n.__t1, n.__t2]).toEqual([1, 1, 1]);
    const rows = await read(
      'SELECT __id, __gold, __cl_class FROM hand_rows WHERE __bit = 0 ORDER BY __id',
    );
    const classOf = Object.fromEntries(rows.map((r) => [r.__id, r.__cl_class]));
    expect(classOf).toEqual({
      e1: 'a',
      e2: 'a',
      e3: 'b',
      e4: 'b',
      e5: 'a',
      e6: 'c',
      e7: 'c',
      e8: 'b',
      e9: null,
      e10: 'a',
    });
    const issues = rows.filter((r) => r.__cl_class !== null && r.__cl_class !== r.__gold);
    expect(issues.map((r) => r.__id).sort()).toEqual(['e10', 'e5', 'e8']);
    const none = await read(
      'SELECT count(*)::INTEGER AS n FROM hand_rows WHERE __bit = 1 AND __cl_class <> __gold',
    );
    expect(none[0].n).toBe(0);
  });

  it('reads a binary task\u2019s one score as P(positive) and 1 - it', async () => {
    // P(1): thresholds t_1 = mean over gold 1 = (.9 + .3) / 2 = .6, t_0 = mean of 1 - p over
    // gold 0 = (.8 + .35) / 2 = .575. x3 (gold 0, p .65): class 1 reaches (.65 >= .6), class 0
    // does not (.35): an issue. x2 (gold 1, p .3): 0 reaches (.7 >= .575): an issue.
    await engine.query(`CREATE TABLE bin AS SELECT * FROM (VALUES
      ('x1', 'M', 1, 1, 0.9), ('x2', 'M', 1, 0, 0.3), ('x3', 'M', 0, 1, 0.65), ('x4', 'M', 0, 0, 0.2),
      ('x1', 'N', 1, 1, 0.9), ('x2', 'N', 1, 1, 0.9), ('x3', 'N', 0, 0, 0.1), ('x4', 'N', 0, 0, 0.1)
    ) v(id, model, label, prediction, score)`);
    const dataset = await datasetOf(
      engine,
      'bin',
      { id: 'id', model: 'model', label: 'label', prediction: 'prediction', score: 'score' },
      'binary',
    );
    const found = await classProbabilities(dataset, read);
    expect(found).toEqual({ probabilities: binaryProbabilities('score', '1', '0') });
    const plan = auditPlan(cell({ dataset: 'bin' }), dataset, ['M', 'N'], '');
    if ('missing' in plan || 'none' in found) throw new Error('no plan');
    await engine.query(auditRowsSql(plan, 'bin_rows', found.probabilities));
    const rows = await read(
      'SELECT __id, __cl_class FROM bin_rows WHERE __bit = 0 AND __cl_class <> __gold ORDER BY __id',
    );
    expect(rows.map((r) => r.__id)).toEqual(['x2', 'x3']);
  });
});

describe('LSH bands', () => {
  it('gives the S-curve 1 - (1 - s^r)^b', () => {
    // 0.8^5 = 0.32768; 1 - 0.67232^12 = 1 - 0.0085287 = 0.99147
    expect(bandRecall(0.8, 5, 12)).toBeCloseTo(0.991471, 5);
    expect(bandRecall(0.5, 4, 16)).toBeCloseTo(1 - (1 - 0.0625) ** 16, 12);
  });

  it('takes the most rows per band that still finds 98% of the pairs at the threshold', () => {
    expect(bandShape(0.8)).toMatchObject({ rows: 5, bands: 12 });
    expect(bandShape(0.9)).toMatchObject({ rows: 8, bands: 8 });
    // Low thresholds keep 4 rows (fewer would pair many unrelated texts) and say the recall.
    const low = bandShape(0.6);
    expect(low).toMatchObject({ rows: 4, bands: 16 });
    expect(low.recall).toBeCloseTo(1 - (1 - 0.6 ** 4) ** 16, 12);
  });
});

/** A second implementation of the similarity: the texts' character 5-gram sets, in JS. */
function grams(t: string): Set<string> {
  const s = t.toLowerCase().replace(/\s+/g, ' ').trim();
  const out = new Set<string>();
  if (s.length <= 5) out.add(s);
  else for (let i = 0; i + 5 <= s.length; i++) out.add(s.slice(i, i + 5));
  return out;
}

function jaccard(x: Set<string>, y: Set<string>): number {
  let shared = 0;
  for (const g of x) if (y.has(g)) shared++;
  return shared / (x.size + y.size - shared);
}

const jaccard5 = (a: string, b: string) => jaccard(grams(a), grams(b));

async function textDataset(name: string, texts: string[]): Promise<Dataset> {
  const values = texts.flatMap((t, i) =>
    ['M', 'N'].map((m) => `(${i}, '${m}', 'x', 'x', '${t.replaceAll("'", "''")}')`),
  );
  await engine.query(
    `CREATE TABLE ${name} AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, gold, pred, body)`,
  );
  return datasetOf(
    engine,
    name,
    { id: 'id', model: 'model', gold: 'label', pred: 'prediction', body: 'ignore' },
    'multiclass',
  );
}

async function audit(dataset: Dataset, o: Partial<AuditCell>, extra = {}) {
  return (await runAuditCell(
    cell({ dataset: dataset.plan.name, ...o }),
    runContext(engine, [dataset], extra),
  )) as CellResult<AuditResult>;
}

describe('near duplicates', () => {
  it('finds short and long near copies at their exact n-gram similarity, and no other pair', async () => {
    const texts = [
      'What is the boiling point of water at sea level in degrees Celsius?',
      'What is the  BOILING point of water at sea level in degrees Fahrenheit?',
      'Name the largest planet of the solar system.',
      'cat sat',
      'Cat  sat ',
      'The mitochondria is the powerhouse of the cell, said the textbook.',
      'The mitochondrion is the powerhouse of the cell, said the textbook.',
      'abc',
    ];
    const result = await audit(await textDataset('near_small', texts), {
      text: 'body',
      similarity: 0.6,
    });
    if (result.status !== 'audit') throw new Error(JSON.stringify(result));
    // 'cat sat' twice (case and spaces aside) is an exact duplicate, not a near one.
    expect(result.exact?.list.map((g) => g.ids)).toEqual([[3, 4]]);
    const expected: string[] = [];
    const unique = [0, 1, 2, 3, 5, 6, 7];
    for (const [i, a] of unique.entries())
      for (const b of unique.slice(i + 1))
        if (jaccard5(texts[a], texts[b]) >= 0.6) expected.push(`${a} ${b}`);
    expect(expected).toEqual(['0 1', '5 6']);
    expect(result.near?.pairs.map((p) => `${p.a} ${p.b}`)).toEqual(['5 6', '0 1']);
    for (const p of result.near!.pairs)
      expect(p.jaccard).toBeCloseTo(jaccard5(texts[p.a as number], texts[p.b as number]), 12);
  });

  it('on 3,000 texts, finds every pair an all-pairs comparison finds at 0.8, without comparing all pairs', async () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 9973}q${i % 13}`);
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const texts = Array.from({ length: 3000 }, () =>
      Array.from({ length: 25 }, () => words[Math.floor(3000 * random() ** 2)]).join(' '),
    );
    // 40 near copies: one word replaced.
    for (let i = 0; i < 40; i++) {
      const w = texts[i * 7].split(' ');
      w[5 + (i % 10)] = `edit${i}`;
      texts.push(w.join(' '));
    }
    // Every pair's shared n-grams, counted through an index of the texts holding each n-gram.
    const sets = texts.map(grams);
    const holders = new Map<string, number[]>();
    sets.forEach((set, i) =>
      set.forEach((g) => (holders.get(g) ?? holders.set(g, []).get(g)!).push(i)),
    );
    const expected: string[] = [];
    for (let a = 0; a < texts.length; a++) {
      const shared = new Map<number, number>();
      for (const g of sets[a])
        for (const b of holders.get(g)!) if (b > a) shared.set(b, (shared.get(b) ?? 0) + 1);
      for (const [b, k] of shared)
        if (k / (sets[a].size + sets[b].size - k) >= 0.8) expected.push(`${a} ${b}`);
    }
    expect(expected.length).toBeGreaterThanOrEqual(40);
    const result = await audit(await textDataset('near_many', texts), { text: 'body' });
    if (result.status !== 'audit') throw new Error(JSON.stringify(result));
    const found = result.near!.pairs.map((p) => `${p.a} ${p.b}`).sort();
    expect(found).toEqual(expected.sort());
    const all = (texts.length * (texts.length - 1)) / 2;
    expect(result.near!.search.candidates).toBeLessThan(all / 100);
  }, 120_000);
});

describe('the text column the audit looks for duplicates in', () => {
  const column = (name: string, distinct: number, meanLength: number | null): ColumnProfile => ({
    name,
    sqlType: meanLength === null ? 'BIGINT' : 'VARCHAR',
    kind: meanLength === null ? 'integer' : 'text',
    distinct,
    nonNull: 48_128,
    min: null,
    max: null,
    wholeNumbers: false,
    meanLength,
  });

  it('takes the longest text with about one value per example, not a category such as MMLU-Pro\u2019s src', () => {
    // MMLU-Pro's columns: 12,032 question ids, 14 categories, 63 sources of ~22 characters.
    const mmlu = [
      column('question_id', 12_032, null),
      column('category', 14, 8),
      column('src', 63, 22),
    ];
    const roles = { question_id: 'id', category: 'group', src: 'group' } as const;
    expect(textColumn(mmlu, roles)).toBeUndefined();
    const withQuestion = [...mmlu, column('question', 11_990, 140)];
    expect(textColumn(withQuestion, { ...roles, question: 'group' })).toBe('question');
  });
});
