import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/cli/run-notebook';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';

const MMLU = '../shared/datasets/mmlu-pro/mmlu_pro_4models_long.csv';
let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine({ readable: ['../shared/datasets'] });
});
afterAll(() => engine.close());

describe.skipIf(!existsSync(MMLU))(
  'a target mix on the MMLU-Pro dump (4 models x 12,032 questions)',
  () => {
    it('every subject weighted alike: each model`s accuracy is the mean of its 14 subject accuracies, counted in SQL', async () => {
      const raw = async (sql: string) =>
        (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
      const subjects = await raw(`SELECT DISTINCT category FROM read_csv('${MMLU}') ORDER BY 1`);
      expect(subjects).toHaveLength(14);
      // A missing answer counts wrong (the overview's rule): pred = answer, else 0.
      const expected = await raw(`SELECT model, avg(a) AS equal, sum(a * n) / sum(n) AS pooled
      FROM (SELECT model, category, count(*) AS n, avg(coalesce(pred = answer, false)::INT) AS a
        FROM read_csv('${MMLU}') GROUP BY ALL) GROUP BY model ORDER BY model`);
      let nb: Notebook = {
        ...emptyNotebook(),
        mixes: [
          {
            name: 'every_subject',
            features: [{ column: 'category' }],
            source: 'shares' as const,
            shares: subjects.map((s) => ({ values: [String(s.category)], share: 1 })),
            table: '',
          },
        ],
      };
      nb = insertCell(
        nb,
        createCell(
          nb,
          CELL_KINDS.represent,
          { dataset: 'ds_mmlu_pro_4models_long', mix: 'every_subject', metric: 'accuracy' },
          new Set(),
        ),
      );
      const run = await runNotebook(engine, nb, [
        { name: 'mmlu_pro_4models_long.csv', path: MMLU },
      ]);
      const [c] = run.cells;
      expect(c.status, c.message).toBe('represent');
      const rows = c.tables.reweighted;
      expect(rows.map((r) => r.model).sort()).toEqual(expected.map((r) => r.model));
      for (const e of expected) {
        const row = rows.find((r) => r.model === e.model)!;
        expect(row.test_accuracy).toBeCloseTo(Number(e.pooled), 12);
        expect(row.target_accuracy).toBeCloseTo(Number(e.equal), 12);
        expect(Number(row.target_accuracy_low_95)).toBeLessThan(Number(e.equal));
        expect(Number(row.target_accuracy_high_95)).toBeGreaterThan(Number(e.equal));
      }
      expect(c.tables.shift[0].unrepresented_share).toBe(0);
    }, 180_000);
  },
);
