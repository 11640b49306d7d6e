import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/lib/engine/engine';
import { scoreUpperBound, sliceScore } from '../../src/lib/cells/discover/sliceline';
import { datasetOf } from '../helpers/run-cell';
import { discover, discoverCell, seeded } from '../unit/discover-helpers';
import type { EngineFactory } from '../engines';
import { loadSample } from '../helpers/load-sample';

/** The discover suite, run once per engine (tests/engines.ts). */
export function discoverSuite(factory: EngineFactory): void {
  let engine: Engine;
  beforeAll(async () => {
    engine = await factory.create();
  });
  afterAll(() => engine.close());

  describe('SliceLine score and bound', () => {
    it('scores a slice as alpha (e_S/e - 1) - (1 - alpha)(n/|S| - 1)', () => {
      // 100 examples, 20 errors (e = 0.2); a slice of 10 with 6 errors (0.6): 0.9 * 2 - 0.1 * 9.
      expect(sliceScore(10, 6, { size: 100, errors: 20 }, 0.9)).toBeCloseTo(0.9, 12);
      expect(sliceScore(100, 20, { size: 100, errors: 20 }, 0.9)).toBe(0);
    });

    it('bounds the score of every sub-slice (checked over all sizes and error sums)', () => {
      const totals = { size: 200, errors: 30 };
      const settings = { alpha: 0.9, minSupport: 5, k: 3 };
      for (const [size, errors] of [
        [40, 12],
        [40, 3],
        [8, 8],
        [120, 25],
      ]) {
        const bound = scoreUpperBound(size, errors, 1, totals, settings);
        let best = -Infinity;
        for (let s = 5; s <= size; s++)
          for (let e = 0; e <= Math.min(s, errors); e++)
            best = Math.max(best, sliceScore(s, e, totals, 0.9));
        expect(bound).toBeCloseTo(best, 12);
      }
    });
  });

  interface Row {
    values: (string | null)[];
    e: number;
  }

  /** Every slice up to `maxLevel` predicates, counted directly: the independent reference. */
  function bruteForce(
    rows: Row[],
    featureCount: number,
    maxLevel: number,
    alpha: number,
    minSupport: number,
  ) {
    const n = rows.length;
    const total = rows.reduce((s, r) => s + r.e, 0);
    const found = new Map<string, { label: string; size: number; errors: number; score: number }>();
    const combos: number[][] = [];
    const extend = (prefix: number[], from: number) => {
      if (prefix.length > 0) combos.push(prefix);
      if (prefix.length === maxLevel) return;
      for (let f = from; f < featureCount; f++) extend([...prefix, f], f + 1);
    };
    extend([], 0);
    for (const combo of combos) {
      for (const r of rows) {
        const key = combo.map((f) => `${f}:${r.values[f]}`).join('&');
        const entry = found.get(key) ?? { label: key, size: 0, errors: 0, score: 0 };
        entry.size += 1;
        entry.errors += r.e;
        found.set(key, entry);
      }
    }
    // A slice with as many rows as a parent (one predicate fewer) is the parent's rows: not reported.
    const sameAsParent = (key: string, size: number) => {
      const parts = key.split('&');
      return (
        parts.length > 1 &&
        parts.some(
          (_, drop) => found.get(parts.filter((_, i) => i !== drop).join('&'))?.size === size,
        )
      );
    };
    const scored = [...found.values()]
      .filter((s) => !sameAsParent(s.label, s.size))
      .map((s) => ({
        ...s,
        score: alpha * (s.errors / s.size / (total / n) - 1) - (1 - alpha) * (n / s.size - 1),
      }));
    return scored
      .filter((s) => s.size >= minSupport && s.score > 0)
      .sort((a, b) => b.score - a.score);
  }

  describe('exactness: the top-k equals a brute-force enumeration', () => {
    const cases = Array.from({ length: 24 }, (_, i) => i + 1);
    it.each(cases)('seeded case %i', async (seed) => {
      const random = seeded(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
      const featureCount = 2 + Math.floor(random() * 4);
      const cardinality = Array.from({ length: featureCount }, () => 1 + Math.floor(random() * 4));
      const continuous = seed % 3 === 0;
      const planted = Array.from({ length: featureCount }, (_, f) =>
        random() < 0.5 ? `v${Math.floor(random() * cardinality[f])}` : undefined,
      );
      const rows: Row[] = Array.from({ length: 150 + Math.floor(random() * 250) }, () => {
        const values = cardinality.map((c) =>
          random() < 0.05 ? null : `v${Math.floor(random() * c)}`,
        );
        const inPlanted = planted.every((p, f) => p === undefined || values[f] === p);
        const rate = inPlanted ? 0.6 : 0.15;
        const e = continuous
          ? Math.round(random() * rate * 2 * 1000) / 1000
          : random() < rate
            ? 1
            : 0;
        return { values, e };
      });
      const alpha = pick([0.5, 0.8, 0.95, 0.99]);
      const minSupport = pick([1, 5, 20]);
      const k = pick([1, 3, 10]);
      const maxLevel = pick([1, 2, 3]);
      const columns = cardinality.map((_, f) => `feat ${f}`);
      const values = rows.map(
        (r, i) =>
          `(${i}, ${1 - r.e}, ${r.values.map((v) => (v === null ? 'NULL' : `'${v}'`)).join(', ')})`,
      );
      const table = `cases_${seed}`;
      await engine.query(
        `CREATE TABLE ${table} AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, outcome, ${columns
          .map((c) => `"${c}"`)
          .join(', ')})`,
      );
      const roles = Object.fromEntries([
        ['id', 'id'],
        ['outcome', 'outcome'],
        ...columns.map((c) => [c, 'group']),
      ]);
      const dataset = await datasetOf(engine, table, roles, 'score');
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: table, alpha, minSupport, k, maxLevel }),
      );
      const expected = bruteForce(rows, featureCount, maxLevel, alpha, minSupport).slice(0, k);
      expect(result.slices.map((s) => s.score)).toHaveLength(expected.length);
      result.slices.forEach((s, i) => {
        expect(s.score).toBeCloseTo(expected[i].score, 9);
        // The reported slice is one with that score, and its counts are the brute-force counts.
        const key = s.predicates.map((p) => `${p.feature}:${p.value}`).join('&');
        const reference = bruteForce(rows, featureCount, maxLevel, alpha, 1).find(
          (b) => b.label === key,
        );
        expect(reference?.size).toBe(s.n);
        expect(reference?.errors).toBeCloseTo(s.errors, 9);
      });
    });
  });

  describe('edge cases', () => {
    /** 100 rows: region (north 40 / south 60), constant (one value), level (1..3), income, note (nulls). */
    beforeAll(async () => {
      const values: string[] = [];
      for (let i = 0; i < 100; i++) {
        const region = i < 40 ? 'north' : 'south';
        const level = (i % 3) + 1;
        const note = i % 10 === 0 ? 'NULL' : `'n'`;
        // Errors: every north row with level 3 (13 rows: i = 2, 5, ..., 38), and rows whose note is missing.
        const wrong = (region === 'north' && level === 3) || i % 10 === 0;
        values.push(`(${i}, ${wrong ? 0 : 1}, '${region}', 'same', ${level}, ${i * 1.5}, ${note})`);
      }
      await engine.query(
        `CREATE TABLE edge AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, label, region, constant, level, income, note)`,
      );
      await engine.query('CREATE TABLE edge_ok AS SELECT id, 1 AS label, region FROM edge');
    });
    const roles = {
      id: 'id',
      label: 'outcome',
      region: 'group',
      constant: 'group',
      level: 'group',
      income: 'group',
      note: 'group',
    } as const;

    it('treats a missing value as its own value, shows numbers with few values unquoted', async () => {
      const dataset = await datasetOf(engine, 'edge', roles, 'score');
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'edge', minSupport: 5, alpha: 0.95, k: 20 }),
      );
      const byLabel = new Map(result.slices.map((s) => [s.label, s]));
      // Hand counts: north AND level 3 is i = 2, 5, ..., 38: 13 rows, all wrong.
      expect(byLabel.get("region = 'north' AND level = 3")).toMatchObject({ n: 13, errors: 13 });
      // Missing notes: i = 0, 10, ..., 90: 10 rows, all wrong.
      expect(byLabel.get('note is missing')).toMatchObject({ n: 10, errors: 10 });
      // The one-valued feature is the whole data: score 0, never reported alone.
      expect(result.slices.some((s) => s.label === "constant = 'same'")).toBe(false);
      // income has 100 distinct values: binned at its quartiles.
      expect(result.features.find((f) => f.column === 'income')?.binning).toEqual({
        kind: 'quantile',
        bins: 4,
      });
      expect(result.edges.income).toEqual([37.125, 74.25, 111.375]);
    });

    it('reports no slice, and says why, when nothing is wrong', async () => {
      const dataset = await datasetOf(
        engine,
        'edge_ok',
        { id: 'id', label: 'outcome', region: 'group' },
        'score',
      );
      const result = await discover(engine, dataset, discoverCell({ dataset: 'edge_ok' }));
      expect(result.slices).toEqual([]);
      expect(result.note).toMatch(/No errors/);
    });

    it('keeps the slices found so far when cancelled between levels', async () => {
      const dataset = await datasetOf(engine, 'edge', roles, 'score');
      const controller = new AbortController();
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'edge', minSupport: 5, maxLevel: 3 }),
        { signal: controller.signal },
        () => controller.abort(),
      );
      expect(result.cancelled).toBe(true);
      expect(result.levels.map((l) => l.level)).toEqual([1]);
      expect(result.slices[0].label).toBe('note is missing');
    });

    it('reports statistics on the held-out half in discover-then-confirm', async () => {
      const dataset = await datasetOf(engine, 'edge', roles, 'score');
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'edge', minSupport: 3, confirm: true }),
      );
      expect(result.confirmed).toBe(true);
      // Hand count of the confirm half (DuckDB's hash of the id decides the half).
      const halves = (
        await engine.query('SELECT id, (hash(CAST(id AS VARCHAR)) % 2)::INTEGER AS h FROM edge')
      )
        .toArray()
        .map((r) => r.toJSON() as { id: number; h: number });
      const confirmIds = new Set(halves.filter((r) => r.h === 1).map((r) => Number(r.id)));
      expect(result.reported?.size).toBe(confirmIds.size);
      const missing = result.slices.find((s) => s.label === 'note is missing');
      expect(missing?.n).toBe(
        [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].filter((i) => confirmIds.has(i)).length,
      );
      const searchN = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90].filter(
        (i) => !confirmIds.has(i),
      ).length;
      expect(missing?.searchN).toBe(searchN);
    });

    it('finds where two models disagree, paired on the example id', async () => {
      const values: string[] = [];
      for (let i = 0; i < 60; i++) {
        const topic = i < 20 ? 'a' : 'b';
        values.push(`(${i}, 'm1', '${topic}', 1, 1)`);
        // m2 differs on 15 of topic a's 20 examples and 3 of topic b's 40.
        const differs = topic === 'a' ? i < 15 : i >= 57;
        values.push(`(${i}, 'm2', '${topic}', 1, ${differs ? 0 : 1})`);
      }
      await engine.query(
        `CREATE TABLE pairs AS SELECT * FROM (VALUES ${values.join(', ')}) v(id, model, topic, label, prediction)`,
      );
      const dataset = await datasetOf(
        engine,
        'pairs',
        { id: 'id', model: 'model', topic: 'group', label: 'label', prediction: 'prediction' },
        'binary',
      );
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'pairs', signal: 'disagreement', minSupport: 1 }),
      );
      expect([result.model, result.modelB]).toEqual(['m1', 'm2']);
      expect(result.reported?.size).toBe(60);
      expect(result.slices[0]).toMatchObject({ label: "topic = 'a'", n: 20, errors: 15 });
      // Lift over the rest: 15/20 - 3/40.
      expect(result.slices[0].lift.difference).toBeCloseTo(0.75 - 0.075, 12);
    });
  });

  describe('the planted failing slices of the samples are found at the top', () => {
    it('loan approval: baseline-gbm fails on 65+ AND rural (samples/expected.json)', async () => {
      await loadSample(engine, 'samples/loan-approval.parquet', 'loan');
      const dataset = await datasetOf(
        engine,
        'loan',
        {
          example_id: 'id',
          model: 'model',
          label: 'label',
          prediction: 'prediction',
          score: 'score',
          age_group: 'group',
          sex: 'group',
          region: 'group',
          income_k: 'group',
          latency_ms: 'cost',
        },
        'binary',
      );
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'loan', maxLevel: 3 }),
      );
      expect(result.model).toBe('baseline-gbm');
      expect(result.slices[0]).toMatchObject({
        label: "age_group = '65+' AND region = 'rural'",
        n: 332,
        errors: 163,
      });
      // Outside the slice: 1733 errors in 9668 (expected.json).
      expect(result.slices[0].lift.difference).toBeCloseTo(163 / 332 - 1733 / 9668, 12);
    });

    it('LLM eval: atlas-7b fails on math', async () => {
      await loadSample(engine, 'samples/llm-eval/atlas-7b.jsonl', 'atlas_7b');
      await loadSample(engine, 'samples/llm-eval/questions.csv', 'questions');
      await engine.query(
        `CREATE TABLE llm AS SELECT q.*, a.correct FROM atlas_7b a JOIN questions q USING (question_id)`,
      );
      const dataset = await datasetOf(
        engine,
        'llm',
        {
          question_id: 'id',
          correct: 'outcome',
          category: 'group',
          difficulty: 'group',
          source: 'group',
        },
        'score',
      );
      const result = await discover(engine, dataset, discoverCell({ dataset: 'llm', maxLevel: 1 }));
      // Both planted effects lead: hard questions (382, accuracy 0.427 -> 219 wrong) for every
      // model, and math for atlas-7b (150 questions, accuracy 0.313 -> 103 wrong); README table.
      expect(result.slices.slice(0, 2).map((s) => [s.label, s.n, s.errors])).toEqual([
        ["difficulty = 'hard'", 382, 219],
        ["category = 'math'", 150, 103],
      ]);
    });

    it('house prices: pred_linear errs most in lakeside (absolute error)', async () => {
      await loadSample(engine, 'samples/house-prices-wide.csv', 'house_prices');
      await engine.query(
        `CREATE TABLE houses AS SELECT house_id, neighborhood, house_type, area_m2, year_built, y_true, pred_linear FROM house_prices`,
      );
      const dataset = await datasetOf(
        engine,
        'houses',
        {
          house_id: 'id',
          neighborhood: 'group',
          house_type: 'group',
          area_m2: 'group',
          year_built: 'group',
          y_true: 'label',
          pred_linear: 'prediction',
        },
        'regression',
      );
      const result = await discover(
        engine,
        dataset,
        discoverCell({ dataset: 'houses', maxLevel: 1 }),
      );
      expect(result.signal).toBe('absolute');
      // README: 515 lakeside rows with MAE 160.951.
      expect(result.slices[0]).toMatchObject({ label: "neighborhood = 'lakeside'", n: 515 });
      expect(result.slices[0].rate).toBeCloseTo(160.951, 3);
    });
  });
}
