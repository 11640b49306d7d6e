import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { robustnessSql } from '../../src/lib/cells/robustness/build-robustness';
import { readLevelStats } from '../../src/lib/cells/robustness/read-robustness';
import {
  POOLED,
  robustnessCurves,
  type RobustnessCurves,
} from '../../src/lib/cells/robustness/robustness-curves';
import { curveChartValues } from '../../src/lib/cells/robustness/robustness-chart';
import type { Engine } from '../../src/lib/engine/engine';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';

/**
 * The full per-level table and the curve of every model pooled, on the corruption sample, against
 * counts native DuckDB makes with its own GROUP BY (severity 0 is the clean condition), and Wilson
 * intervals worked out here from Wilson (1927): (p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n).
 */
const Z = 1.959963984540054;
function wilson(k: number, n: number): [number, number] {
  const p = k / n;
  const centre = p + (Z * Z) / (2 * n);
  const half = Z * Math.sqrt((p * (1 - p)) / n + (Z * Z) / (4 * n * n));
  return [(centre - half) / (1 + (Z * Z) / n), (centre + half) / (1 + (Z * Z) / n)];
}

describe('robustness per-level table and pooled curve on the corruption sample', () => {
  let engine: Engine;
  let curves: RobustnessCurves;
  const counts = async (by: string) =>
    (
      await engine.query(
        `SELECT ${by}, severity::VARCHAR AS level, count(*)::INT AS n,
           sum((label = prediction)::INT)::INT AS k
         FROM sample GROUP BY ALL`,
      )
    )
      .toArray()
      .map((r) => r.toJSON() as Record<string, string | number>);

  beforeAll(async () => {
    const samples = resolve('samples');
    engine = await createNodeEngine({ readable: [samples] });
    await engine.query(
      `CREATE TABLE sample AS SELECT * FROM '${samples}/corruption-robustness.parquet'`,
    );
    const rows = (
      await engine.query(
        robustnessSql({
          source: 'sample',
          model: 'model',
          condition: 'condition',
          severity: 'severity',
          measure: {
            kind: 'accuracy',
            label: 'label',
            prediction: 'prediction',
            compareAs: 'number',
          },
        }),
      )
    )
      .toArray()
      .map((r) => r.toJSON() as Record<string, unknown>);
    const { stats, perExample } = readLevelStats(rows);
    curves = robustnessCurves(stats, perExample);
  });
  afterAll(() => engine.close());

  it('every level of every model, pooled over the conditions, with its Wilson interval', async () => {
    expect(curves.levels).toEqual(['0', '1', '2', '3', '4', '5']);
    const byModel = await counts('model');
    expect(byModel).toHaveLength(3 * 6);
    for (const { model, level, n, k } of byModel) {
      const s = curves.summary.find((x) => x.model === model)!;
      const cell = s.byLevel[curves.levels.indexOf(String(level))]!;
      expect([cell.n, cell.successes], `${model} ${level}`).toEqual([n, k]);
      expect(cell.value).toBeCloseTo(Number(k) / Number(n), 12);
      const [low, high] = wilson(Number(k), Number(n));
      expect(cell.interval!.low).toBeCloseTo(low, 12);
      expect(cell.interval!.high).toBeCloseTo(high, 12);
    }
  });

  it('the models pooled: every level over all their rows, and a curve per condition', async () => {
    const pooled = curves.pooled!;
    expect(pooled.summary.model).toBe(POOLED);
    for (const { level, n, k } of await counts("'all' AS everyone")) {
      const cell = pooled.summary.byLevel[curves.levels.indexOf(String(level))]!;
      expect([cell.n, cell.successes], `level ${level}`).toEqual([n, k]);
      expect(cell.interval!.low).toBeCloseTo(wilson(Number(k), Number(n))[0], 12);
    }
    // Each condition's curve starts at the clean point of every model pooled (severity 0).
    const byCondition = await counts('condition');
    const clean = byCondition.find((r) => r.condition === 'clean')!;
    expect(pooled.points).toHaveLength(15 * 6);
    for (const p of pooled.points) {
      const { n, k } = p.clean
        ? clean
        : byCondition.find((r) => r.condition === p.condition && r.level === p.level)!;
      expect([p.n, p.value], `${p.condition} ${p.level}`).toEqual([n, Number(k) / Number(n)]);
    }
    // Drop of the pooled curve: clean minus level 5, over all models' rows.
    const [c0, c5] = [pooled.summary.byLevel[0]!, pooled.summary.byLevel[5]!];
    expect(pooled.summary.drop).toBeCloseTo(c0.value - c5.value, 12);
    // The chart draws the pooled curve beside the models'.
    expect(curveChartValues(curves).filter((r) => r.pooled)).toHaveLength(15 * 6);
  });

  it('a single model has no pooled curve', () => {
    const one = robustnessCurves(
      [
        {
          model: 'm',
          condition: 'fog',
          level: '1',
          n: 10,
          value: 0.5,
          successes: 5,
          interval: null,
        },
      ],
      true,
    );
    expect(one.pooled).toBeNull();
    expect(one.summary[0].byLevel.map((p) => p?.value)).toEqual([0.5]);
  });
});
