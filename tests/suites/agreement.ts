import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementPlan } from '../../src/lib/metrics/agreement-sql';
import {
  agreementSql,
  MAX_PAIRED_MODELS,
  patternRowsSql,
} from '../../src/lib/metrics/agreement-sql';
import { readAgreement } from '../../src/lib/metrics/read-agreement';
import type { Engine } from '../../src/lib/engine/engine';
import { correctnessOf } from '../../src/lib/metrics/correctness';
import { agreementDefaults } from '../../src/lib/cells/agreement/agreement-cell';
import { runAgreementCell } from '../../src/lib/cells/agreement/run-agreement-cell';
import { leaderboardDefaults } from '../../src/lib/cells/leaderboard/leaderboard-cell';
import { runLeaderboardCell } from '../../src/lib/cells/leaderboard/run-leaderboard-cell';
import { datasetOf } from '../helpers/run-cell';
import { cohenKappa } from '../../src/lib/stats/cohen-kappa';
import { fleissKappa } from '../../src/lib/stats/fleiss-kappa';
import type { EngineFactory } from '../engines';

/** The agreement suite, run once per engine (tests/engines.ts). */
export function agreementSuite(factory: EngineFactory): void {
  let engine: Engine;
  const read = async (sql: string) =>
    (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);

  /**
   * Models A, B and C. Topic x: e1 all right, e2 all wrong, e3 only A right, e4 only B right,
   * e5 all but C right; topic y: e6 all right, e7 all right, e8 only C right (A answers nothing:
   * wrong). Left out: e9 (C lacks it), e10 (A has two rows), e11 (B's row has no label), and a row
   * of A without an id. e1's label is 'k' in C's row (each model is scored against its own row).
   */
  const FIXTURE = `
  ('e1','A','x','k','k'), ('e1','B','x','k','k'), ('e1','C','x','k2','k2'),
  ('e2','A','x','k','j'), ('e2','B','x','k','j'), ('e2','C','x','k','j'),
  ('e3','A','x','k','k'), ('e3','B','x','k','j'), ('e3','C','x','k','j'),
  ('e4','A','x','k','j'), ('e4','B','x','k','k'), ('e4','C','x','k','j'),
  ('e5','A','x','k','k'), ('e5','B','x','k','k'), ('e5','C','x','k','j'),
  ('e6','A','y','k','k'), ('e6','B','y','k','k'), ('e6','C','y','k','k'),
  ('e7','A','y','j','j'), ('e7','B','y','j','j'), ('e7','C','y','j','j'),
  ('e8','A','y','k',NULL), ('e8','B','y','k','j'), ('e8','C','y','k','k'),
  ('e9','A','y','k','k'), ('e9','B','y','k','k'),
  ('e10','A','y','k','k'), ('e10','A','y','k','k'), ('e10','B','y','k','k'), ('e10','C','y','k','k'),
  ('e11','A','x','k','k'), ('e11','B','x',NULL,'k'), ('e11','C','x','k','k'),
  (NULL,'A','x','k','k')`;

  const plan = (o: Partial<AgreementPlan> = {}): AgreementPlan => {
    const c = correctnessOf({ label: 'label', prediction: 'prediction' } as never, 'multiclass', {
      label: 'text',
      prediction: 'text',
    });
    if ('missing' in c) throw new Error(c.missing);
    return { source: 't', id: 'id', model: 'model', models: ['A', 'B', 'C'], ...c, ...o };
  };

  beforeAll(async () => {
    engine = await factory.create();
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES ${FIXTURE}) v(id, model, topic, label, prediction)`,
    );
  });
  afterAll(() => engine.close());

  describe('agreementSql on native DuckDB', () => {
    it('counts the complete examples by who is right, and says what was left out', async () => {
      const { slices } = readAgreement(['A', 'B', 'C'], await read(agreementSql(plan())));
      const [overall] = slices;
      expect(overall.overall).toBe(true);
      expect(overall.n).toBe(8);
      const groups = Object.fromEntries(
        overall.groups.map((g) => [`${g.group}${g.model ? ` ${g.model}` : ''}`, g.examples]),
      );
      expect(groups).toEqual({
        'all right': 3,
        'all wrong': 1,
        'only right A': 1,
        'only right B': 1,
        'only right C': 1,
        'all but A': 0,
        'all but B': 0,
        'all but C': 1,
      });
      expect(overall.byCount).toEqual([1, 3, 1, 3]);
      expect(overall.right).toEqual([5, 5, 4]);
      expect(overall.leftOut).toEqual({
        lacking: [0, 0, 1],
        lackingAny: 1,
        repeatedOrUnlabelled: 2,
        repeatedRows: 1,
        noIdRows: 1,
      });
      expect(overall.labelsDiffer).toBe(1);
      // Fleiss' kappa of the 8 examples as subjects, the 3 models as raters (right, wrong).
      const k = fleissKappa(
        [
          [3, 0],
          [3, 0],
          [3, 0],
          [0, 3],
          [1, 2],
          [1, 2],
          [1, 2],
          [2, 1],
        ].map((ratings) => ({
          ratings,
          count: 1,
        })),
      );
      expect(overall.fleiss.kappa).toBeCloseTo(k.kappa, 14);
      // A and B: both right e1 e5 e6 e7, A only e3, B only e4, neither e2 e8.
      const ab = overall.pairs.find((p) => p.modelA === 'A' && p.modelB === 'B')!;
      expect([ab.bothRight, ab.onlyA, ab.onlyB, ab.neither]).toEqual([4, 1, 1, 2]);
      expect(ab.kappa).toBeCloseTo(
        cohenKappa([
          [4, 1],
          [1, 2],
        ]),
        14,
      );
    });

    it('per slice of a feature, beside the overall row', async () => {
      const { slices } = readAgreement(
        ['A', 'B', 'C'],
        await read(agreementSql(plan({ feature: 'topic' }))),
      );
      expect(slices.map((s) => [s.slice, s.n])).toEqual([
        [null, 8],
        ['x', 5],
        ['y', 3],
      ]);
      const y = slices[2];
      expect(y.groups.find((g) => g.group === 'only right' && g.model === 'C')?.examples).toBe(1);
      expect(y.groups.find((g) => g.group === 'all right')?.examples).toBe(2);
    });

    it('two models: only right, no "all but" (the same examples)', async () => {
      const { slices } = readAgreement(
        ['A', 'C'],
        await read(agreementSql(plan({ models: ['A', 'C'] }))),
      );
      expect(slices[0].groups.map((g) => g.group)).toEqual([
        'all right',
        'all wrong',
        'only right',
        'only right',
      ]);
    });

    it('under the global filter', async () => {
      const { slices } = readAgreement(
        ['A', 'B', 'C'],
        await read(agreementSql(plan({ filter: "topic = 'y'" }))),
      );
      expect(slices[0].n).toBe(3);
    });

    it('opens the examples of a group: one row per example, what each model answered', async () => {
      const q = patternRowsSql(plan({ feature: 'topic' }), { patterns: [0b001, 0b100] }, 0, 10);
      const rows = await read(q.rows);
      expect(rows).toEqual([
        { id: 'e3', topic: 'x', label: 'k', A: 'k', B: 'j', C: 'j' },
        { id: 'e8', topic: 'y', label: 'k', A: null, B: 'j', C: 'k' },
      ]);
      expect((await read(q.count))[0].n).toBe(2);
      const inX = patternRowsSql(
        plan({ feature: 'topic' }),
        { patterns: [0b111], slice: { value: 'y' } },
        0,
        10,
      );
      expect((await read(inX.rows)).map((r) => r.id)).toEqual(['e6', 'e7']);
    });

    it('a 0/1 outcome: right where it is 1; other values are counted so the cell can refuse', async () => {
      await engine.query(
        `CREATE TABLE s AS SELECT * FROM (VALUES ('q1','m',1), ('q1','n',0), ('q2','m',1), ('q2','n',1), ('q3','m',0.5), ('q3','n',0)) v(id, model, correct)`,
      );
      const c = correctnessOf({ correct: 'outcome' } as never, 'score', { correct: 'number' });
      if ('missing' in c) throw new Error(c.missing);
      const p = { source: 's', id: 'id', model: 'model', models: ['m', 'n'], ...c };
      const counts = readAgreement(['m', 'n'], await read(agreementSql(p)));
      expect(counts.notBinary).toBe(1);
      expect(counts.slices[0].groups.find((g) => g.group === 'all right')?.examples).toBe(1);
      expect(counts.slices[0].groups.find((g) => g.model === 'm')?.examples).toBe(1);
    });
  });

  describe('the agreement and leaderboard cells on repeated ids', () => {
    it('refuse them as Model vs model does, naming the model, the ids and the rows', async () => {
      const dataset = await datasetOf(
        engine,
        't',
        { id: 'id', model: 'model', topic: 'group', label: 'label', prediction: 'prediction' },
        'multiclass',
      );
      const ctx = { engine, dataset: () => dataset, filter: '', now: () => 0 };
      const base = { id: 'x', name: 'c', collapsed: false, dataset: 't' };
      const refusal = /values of id repeat: 1 id in A \(2 rows\)/;
      const agreement = await runAgreementCell(
        { ...base, kind: 'agreement', ...agreementDefaults(), dataset: 't' },
        ctx,
      );
      expect(agreement).toMatchObject({
        status: 'missing',
        message: expect.stringMatching(refusal),
      });
      const board = await runLeaderboardCell(
        { ...base, kind: 'leaderboard', ...leaderboardDefaults(), dataset: 't' },
        ctx,
      );
      expect(board).toMatchObject({ status: 'missing', message: expect.stringMatching(refusal) });
    });
  });

  describe('agreementSql on many models', () => {
    it(`packs three masks of a bit per model in one BIGINT: ${MAX_PAIRED_MODELS} models, not one more`, async () => {
      const many = Array.from({ length: MAX_PAIRED_MODELS }, (_, i) => `m${i}`);
      // One example: every model right but the last, which has no label.
      await engine.query(`CREATE TABLE wide AS SELECT 'q' AS id, 'm' || i AS model,
        CASE WHEN i < ${MAX_PAIRED_MODELS - 1} THEN 'k' END AS label, 'k' AS prediction
        FROM range(${MAX_PAIRED_MODELS}) t(i)`);
      const p = plan({ source: 'wide', models: many });
      const [overall] = readAgreement(many, await read(agreementSql(p))).slices;
      expect(overall.n).toBe(0);
      expect(overall.leftOut.repeatedOrUnlabelled).toBe(1);
      await engine.query(`UPDATE wide SET label = 'j' WHERE model = 'm${MAX_PAIRED_MODELS - 1}'`);
      const [labelled] = readAgreement(many, await read(agreementSql(p))).slices;
      expect(labelled.n).toBe(1);
      expect(labelled.groups.filter((g) => g.examples > 0).map((g) => [g.group, g.model])).toEqual([
        ['all but', `m${MAX_PAIRED_MODELS - 1}`],
      ]);
      expect(() => agreementSql(plan({ source: 'wide', models: [...many, 'one more'] }))).toThrow(
        /at most 21 at a time/,
      );
    });
  });

  describe('agreementSql against a plain count', () => {
    it('gives the patterns of 600 random examples of 4 models counted in a loop', async () => {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const models = ['m0', 'm1', 'm2', 'm3'];
      const values: string[] = [];
      const counts = new Map<number, number>();
      for (let e = 0; e < 600; e++) {
        let mask = 0;
        models.forEach((m, i) => {
          const right = random() < 0.3 + 0.15 * i;
          if (right) mask |= 1 << i;
          values.push(`(${e}, '${m}', 1, ${right ? 1 : 0})`);
        });
        counts.set(mask, (counts.get(mask) ?? 0) + 1);
      }
      await engine.query(
        `CREATE TABLE r AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, label, prediction)`,
      );
      const c = correctnessOf({ label: 'label', prediction: 'prediction' } as never, 'binary', {
        label: 'integer',
        prediction: 'integer',
      });
      if ('missing' in c) throw new Error(c.missing);
      const p = { source: 'r', id: 'id', model: 'model', models, ...c };
      const [overall] = readAgreement(models, await read(agreementSql(p))).slices;
      expect(overall.n).toBe(600);
      expect(new Map(overall.patterns.map((x) => [x.pattern, x.examples]))).toEqual(counts);
    });
  });
}
