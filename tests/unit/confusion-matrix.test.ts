import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { classMode, type ClassMode } from '../../src/lib/metrics/metrics-sql';
import { confusionSql, readConfusion } from '../../src/lib/slicing/drill-down';

describe('the drill-down confusion matrix', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
    // Nine rows, counted by hand below. Class 10 is only predicted, class 3 only a label; one
    // prediction is missing.
    await engine.query(
      `CREATE TABLE t AS SELECT * FROM (VALUES
        (2, 2, 'a'), (2, 2, 'a'), (2, 10, 'a'), (10, 2, 'a'), (10, 10, 'a'),
        (3, 2, 'a'), (3, NULL, 'a'), (2, 2, 'b'), (10, 10, 'b')) AS v(label, prediction, g)`,
    );
  });
  afterAll(() => engine.close());

  const matrix = async (condition: string) =>
    readConfusion(
      (await engine.query(confusionSql('t', 'label', 'prediction', condition, '')))
        .toArray()
        .map((r) => r.toJSON() as never),
    );

  it('one class order on both axes (2, 3, 10, missing last), counts and totals by hand', async () => {
    const m = await matrix(`g = 'a'`);
    // SQL's text order would give 10, 2, 3 and the columns their first-seen order.
    expect(m.classes).toEqual(['2', '3', '10', '∅']);
    expect(m.counts).toEqual({
      '2': { '2': 2, '10': 1 },
      '10': { '2': 1, '10': 1 },
      '3': { '2': 1, '∅': 1 },
    });
    expect(m.byLabel).toEqual({ '2': 3, '3': 2, '10': 2 });
    expect(m.byPrediction).toEqual({ '2': 4, '10': 2, '∅': 1 });
    expect(m.total).toBe(7);
  });

  it('the totals add up: rows, columns and the grand total agree', async () => {
    const m = await matrix(`TRUE`);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(m.total).toBe(9);
    expect(sum(Object.values(m.byLabel))).toBe(9);
    expect(sum(Object.values(m.byPrediction))).toBe(9);
    for (const l of m.classes)
      expect(sum(m.classes.map((p) => m.counts[l]?.[p] ?? 0))).toBe(m.byLabel[l] ?? 0);
    for (const p of m.classes)
      expect(sum(m.classes.map((l) => m.counts[l]?.[p] ?? 0))).toBe(m.byPrediction[p] ?? 0);
  });

  /** The matrix of table `t2`'s columns l and p, their classes told apart as `mode` says. */
  const matrixOf = async (table: string, mode: ClassMode) =>
    readConfusion(
      (await engine.query(confusionSql(table, 'l', 'p', 'TRUE', '', mode)))
        .toArray()
        .map((r) => r.toJSON() as never),
      mode,
    );

  it('an integer label meeting float predictions: 1 and 1.0 are one class, the diagonal whole', async () => {
    await engine.query(
      `CREATE TABLE ints AS SELECT l::INTEGER AS l, p::DOUBLE AS p FROM (VALUES
        (1, 1.0), (1, 1.0), (1, 0.0), (0, 0.0), (0, 1.0), (2, 2.0)) AS v(l, p)`,
    );
    const mode = classMode(['integer', 'number']);
    expect(mode).toBe('number');
    const m = await matrixOf('ints', mode);
    // By hand: label 1 → predicted 1 twice, 0 once; label 0 → 0 once, 1 once; label 2 → 2 once.
    expect(m.classes).toEqual(['0', '1', '2']);
    expect(m.counts).toEqual({ '0': { '0': 1, '1': 1 }, '1': { '1': 2, '0': 1 }, '2': { '2': 1 } });
    const diagonal = m.classes.reduce((s, c) => s + (m.counts[c]?.[c] ?? 0), 0);
    expect(diagonal).toBe(4);
  });

  it("two text columns keep '01' and '1' apart (as the metrics do), trimming spaces", async () => {
    await engine.query(
      `CREATE TABLE texts AS SELECT * FROM (VALUES
        ('01', '1'), ('01', '01'), ('1', ' 1'), ('1.0', '1')) AS v(l, p)`,
    );
    const mode = classMode(['text', 'text']);
    expect(mode).toBe('text');
    const m = await matrixOf('texts', mode);
    expect(new Set(m.classes)).toEqual(new Set(['01', '1', '1.0']));
    expect(m.counts).toEqual({ '01': { '1': 1, '01': 1 }, '1': { '1': 1 }, '1.0': { '1': 1 } });
  });

  it('a text label meeting integer predictions: numeric text by value, other text as text', async () => {
    await engine.query(
      `CREATE TABLE mixed AS SELECT l, p::INTEGER AS p FROM (VALUES
        ('1', 1), ('01', 1), ('0', 1), ('cat', 0)) AS v(l, p)`,
    );
    const mode = classMode(['text', 'integer']);
    expect(mode).toBe('any');
    const m = await matrixOf('mixed', mode);
    // '01' is the number 1 here, as accuracy counts it: the label and prediction columns differ
    // in type, so classes are compared by value.
    expect(m.counts).toEqual({ '1': { '1': 2 }, '0': { '1': 1 }, cat: { '0': 1 } });
    expect(m.classes).toEqual(['0', '1', 'cat']);
  });
});
