import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/cli/run-notebook';
import { auditDefaults, type AuditCell } from '../../src/lib/cells/audit/audit-cell';
import type { AuditResult } from '../../src/lib/cells/audit/audit-result';
import { runAuditCell } from '../../src/lib/cells/audit/run-audit-cell';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import type { CellResult } from '../../src/lib/notebook/run-context';
import { datasetOf, runContext } from '../helpers/run-cell';

let engine: Engine;
const cell = (o: Partial<AuditCell>): AuditCell => ({
  id: 'a',
  name: 'audit_1',
  kind: 'audit',
  collapsed: false,
  ...auditDefaults(),
  ...o,
});
const ROLES = { id: 'id', model: 'model', gold: 'label', pred: 'prediction' } as const;

beforeAll(async () => {
  // The MMLU-Pro check counts the dump with DuckDB's own reader: the locked engine may read it.
  engine = await createNodeEngine({ readable: ['../shared/datasets'] });
});
afterAll(() => engine.close());

describe('bad input to the audit', () => {
  it('one model: says the audit needs two or more', async () => {
    await engine.query(
      "CREATE TABLE one AS SELECT * FROM (VALUES (1, 'M', 'a', 'a'), (2, 'M', 'b', 'a')) v(id, model, gold, pred)",
    );
    const dataset = await datasetOf(engine, 'one', ROLES, 'multiclass');
    const result = await runAuditCell(cell({ dataset: 'one' }), runContext(engine, [dataset]));
    expect(result).toEqual({
      status: 'missing',
      message:
        'The audit needs two or more models answering the same examples (agreement between models is its evidence); the column model holds 1.',
    });
  });

  it('a filter that keeps one model’s rows: the same message', async () => {
    await engine.query(
      "CREATE TABLE two AS SELECT * FROM (VALUES (1, 'M', 'a', 'a'), (1, 'N', 'a', 'b')) v(id, model, gold, pred)",
    );
    const dataset = await datasetOf(engine, 'two', ROLES, 'multiclass');
    const result = await runAuditCell(
      cell({ dataset: 'two' }),
      runContext(engine, [dataset], { filter: "model = 'N'" }),
    );
    expect((result as { message: string }).message).toContain('The audit needs two or more models');
  });

  it('ids that repeat within a model: refused, naming the id column and the repeats', async () => {
    await engine.query(`CREATE TABLE twice AS SELECT * FROM (VALUES
      (1, 'M', 'a', 'a'), (1, 'M', 'a', 'b'), (2, 'M', 'b', 'b'), (1, 'N', 'a', 'a'), (2, 'N', 'b', 'a')
    ) v(id, model, gold, pred)`);
    const dataset = await datasetOf(engine, 'twice', ROLES, 'multiclass');
    const result = await runAuditCell(cell({ dataset: 'twice' }), runContext(engine, [dataset]));
    expect(result.status).toBe('missing');
    expect((result as { message: string }).message).toContain(
      'Pairing needs each example once per model, but values of id repeat: 1 id in M (2 rows).',
    );
  });

  it('a 50 MB text column: hashed in batches with progress, cancelled midway keeping the rest, tables dropped', async () => {
    // 25,000 examples x 2 models, each with 992 characters of text: 49.6 MB in the column.
    await engine.query(`CREATE TABLE big AS
      SELECT i AS id, m AS model, 'a' AS gold, CASE WHEN i % 3 = 0 THEN 'b' ELSE 'a' END AS pred,
        repeat(md5(i::VARCHAR), 31) AS body
      FROM range(25000) r(i), (VALUES ('M'), ('N')) v(m)`);
    const size = await engine.query('SELECT sum(length(body))::DOUBLE AS n FROM big');
    expect(Number(size.toArray()[0].n)).toBe(49_600_000);
    const dataset = await datasetOf(engine, 'big', { ...ROLES, body: 'ignore' }, 'multiclass');
    const controller = new AbortController();
    const seen: { step: string; done: number; total: number }[] = [];
    const result = (await runAuditCell(
      cell({ dataset: 'big', text: 'body' }),
      runContext(engine, [dataset], {
        signal: controller.signal,
        progress: (partial: CellResult) => {
          const running = (partial as AuditResult).running;
          if (!running) return;
          seen.push(running);
          if (running.step.startsWith('hashing') && running.done === 3) controller.abort();
        },
      }),
    )) as AuditResult;
    const hashing = seen.filter((s) => s.step.startsWith('hashing'));
    // 25,000 texts x 992 characters in batches of about 2 million: 13 batches.
    expect(hashing.map((s) => [s.done, s.total])).toEqual([
      [1, 13],
      [2, 13],
      [3, 13],
    ]);
    expect(result.status).toBe('audit');
    expect(result.cancelled).toBe(true);
    expect(result.exact?.examples).toBe(0);
    expect(result.extremes[0]).toMatchObject({ n: 25000, noneRight: 8334, allRight: 16666 });
    expect(result.near).toBeUndefined();
    const left = await engine.query(
      "SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '_audit_%'",
    );
    expect(left.toArray()[0].n).toBe(0);
  }, 120_000);
});

const MMLU = '../shared/datasets/mmlu-pro/mmlu_pro_4models_long.csv';

describe.skipIf(!existsSync(MMLU))(
  'the audit of the MMLU-Pro dump (4 models x 12,032 questions)',
  () => {
    it('finds the 3 questions whose gold differs in one model\u2019s file, and the unanimous disagreements, counted independently', async () => {
      const raw = async (sql: string) =>
        (await engine.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>);
      await engine.query(`CREATE TABLE mmlu_raw AS SELECT * FROM read_csv('${MMLU}')`);
      const differ = await raw(
        'SELECT question_id FROM mmlu_raw GROUP BY question_id HAVING count(DISTINCT answer) > 1 ORDER BY 1',
      );
      expect(differ.map((r) => Number(r.question_id))).toEqual([143, 3983, 6392]);
      // Four models, one answer (not empty) in every row, and it is not the row's gold.
      const unanimous = await raw(`SELECT question_id FROM mmlu_raw GROUP BY question_id
      HAVING count(*) = 4 AND count(pred) = 4 AND count(DISTINCT pred) = 1 AND bool_and(pred <> answer)
      ORDER BY 1`);
      const noneRight =
        await raw(`SELECT count(*)::INTEGER AS n FROM (SELECT question_id FROM mmlu_raw
      GROUP BY question_id HAVING NOT bool_or(coalesce(pred = answer, false)))`);
      expect(noneRight[0].n).toBe(3220);

      let nb = emptyNotebook();
      nb = insertCell(
        nb,
        createCell(
          nb,
          CELL_KINDS.audit,
          { dataset: 'ds_mmlu_pro_4models_long', exclude: ['suspects'] },
          new Set(),
        ),
      );
      const run = await runNotebook(engine, nb, [
        { name: 'mmlu_pro_4models_long.csv', path: MMLU },
      ]);
      const [c] = run.cells;
      expect(c.status, c.message).toBe('audit');
      const finding = (name: string) => c.tables.audit.find((r) => r.finding === name)!;
      expect(finding('gold differs').examples).toBe(3);
      const rows = c.tables.gold_differs;
      expect([...new Set(rows.map((r) => Number(r.id)))]).toEqual([143, 3983, 6392]);
      // Which file held which gold: Meta-Llama-3_1-70B-Instruct's differs from the three others'.
      expect(rows.filter((r) => r.model_count === 1).map((r) => [r.id, r.gold, r.models])).toEqual([
        [143, 'I', 'Meta-Llama-3_1-70B-Instruct'],
        [3983, 'C', 'Meta-Llama-3_1-70B-Instruct'],
        [6392, 'B', 'Meta-Llama-3_1-70B-Instruct'],
      ]);
      expect(finding('suspect gold').examples).toBe(unanimous.length);
      expect(c.tables.suspects.map((r) => Number(r.id)).sort((a, b) => a - b)).toEqual(
        unanimous.map((r) => Number(r.question_id)),
      );
      expect(finding('no model right').examples).toBe(3220);
      const whatIf = c.tables.what_if;
      expect(whatIf).toHaveLength(4);
      for (const r of whatIf) expect(r.n_after).toBe(12032 - unanimous.length);
    }, 180_000);
  },
);
