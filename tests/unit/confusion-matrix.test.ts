import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
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
});
