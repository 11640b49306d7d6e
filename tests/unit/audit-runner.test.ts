import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { checkAssertions } from '../../src/lib/notebook/assertions';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import type { FlatRow } from '../../src/lib/notebook/result-tables';

/**
 * The audit cell's runner tables on samples/mcq-audit.csv against what the generator planted and
 * counted from the values it wrote (samples/expected.json): each plant found exactly.
 */
const expected = JSON.parse(await readFile('samples/expected.json', 'utf8')).files['mcq-audit.csv'];
const MODELS = Object.keys(expected.models) as string[];

function notebookOf(cells: Record<string, unknown>[]): Notebook {
  let nb = emptyNotebook();
  for (const init of cells) nb = insertCell(nb, createCell(nb, CELL_KINDS.audit, init, new Set()));
  return nb;
}

let engine: Engine;
let run: NotebookRun;
const table = (cell: number, name: string): FlatRow[] => run.cells[cell].tables[name];
const finding = (cell: number, name: string) =>
  table(cell, 'audit').find((r) => r.finding === name)!;
const sorted = (ids: unknown[]) => [...ids].map(String).sort();

beforeAll(async () => {
  engine = await createNodeEngine();
  const dataset = 'ds_mcq_audit';
  run = await runNotebook(
    engine,
    notebookOf([
      { dataset, feature: 'subject', exclude: ['suspects'] },
      { dataset, strongest: 3, exclude: ['duplicates'] },
    ]),
    [{ name: 'mcq-audit.csv', path: 'samples/mcq-audit.csv' }],
  );
  for (const c of run.cells) expect(c.status, c.message).toBe('audit');
}, 180_000);
afterAll(() => engine.close());

describe('the audit cell in the runner, on the mcq-audit sample', () => {
  it('finds the 3 revised golds, and which model read which', () => {
    expect(finding(0, 'gold differs').examples).toBe(3);
    const rows = table(0, 'gold_differs');
    expect(sorted([...new Set(rows.map((r) => r.id))])).toEqual(expected.planted.revised_gold);
    for (const e of expected.gold_differs as { id: string; gold: Record<string, string> }[])
      for (const [model, gold] of Object.entries(e.gold))
        expect(
          rows.find((r) => r.id === e.id && String(r.models).split(', ').includes(model))?.gold,
        ).toBe(gold);
  });

  it('lists exactly the planted wrong golds when every model must agree, and the 3 strongest as counted', () => {
    expect(sorted(table(0, 'suspects').map((r) => r.id))).toEqual(expected.planted.wrong_gold);
    expect(expected.suspects_all_models).toEqual(expected.planted.wrong_gold);
    for (const s of table(0, 'suspects')) {
      expect(s.agreeing).toBe(4);
      // Every voter agrees: 1 exactly, whatever order DuckDB sums the weights in.
      expect(s.support).toBe(1);
      for (const m of MODELS) expect(s[`answer_${m}`]).toBe(s.answer);
      expect(s.answer).not.toBe(s.gold);
    }
    expect(sorted(table(1, 'suspects').map((r) => r.id))).toEqual(
      expected.suspects_three_strongest,
    );
    expect(table(1, 'suspects')[0].voters).toBe(3);
  });

  it('counts the examples no model and every model gets right, per subject', () => {
    const rows = table(0, 'extremes');
    expect(rows[0]).toMatchObject({
      overall: true,
      n: expected.items,
      none_right: expected.agreement.all_wrong,
      all_right: expected.agreement.all_right,
    });
    for (const [subject, c] of Object.entries(
      expected.by_subject as Record<string, { n: number; none_right: number; all_right: number }>,
    ))
      expect(rows.find((r) => r.slice === subject)).toMatchObject({
        feature: 'subject',
        n: c.n,
        none_right: c.none_right,
        none_right_share: c.none_right / c.n,
        all_right: c.all_right,
      });
  });

  it('finds the exact and the near duplicates the generator planted, and whether their golds agree', () => {
    const rows = table(0, 'duplicates');
    const groups = (kind: string) => {
      const byGroup = new Map<unknown, FlatRow[]>();
      for (const r of rows.filter((x) => x.kind === kind))
        byGroup.set(r.group, [...(byGroup.get(r.group) ?? []), r]);
      return [...byGroup.values()];
    };
    expect(
      groups('exact').map((g) => ({ ids: g.map((r) => r.id), golds_agree: g[0].golds_agree })),
    ).toEqual(expected.exact_duplicates);
    const near = groups('near').map((g) => ({
      a: g[0].id,
      b: g[1].id,
      jaccard: g[0].similarity as number,
      golds_agree: g[0].golds_agree,
    }));
    const planted = (expected.near_duplicates as typeof near).filter((p) => p.jaccard >= 0.8);
    expect(near.map(({ a, b }) => `${a} ${b}`).sort()).toEqual(
      planted.map(({ a, b }) => `${a} ${b}`).sort(),
    );
    for (const p of planted) {
      const found = near.find((x) => x.a === p.a && x.b === p.b)!;
      expect(found.jaccard).toBeCloseTo(p.jaccard, 12);
      expect(found.golds_agree).toBe(p.golds_agree);
    }
  });

  it('applies the confident-learning rule per model: thresholds and flags as the generator counted them', () => {
    const cl = expected.confident_learning as Record<
      string,
      { thresholds: Record<string, number>; flagged: string[] }
    >;
    for (const r of table(0, 'thresholds'))
      expect(r.threshold).toBeCloseTo(cl[r.model as string].thresholds[r.class as string], 12);
    for (const r of table(0, 'confident_learning'))
      expect(r.flagged).toBe(cl[r.model as string].flagged.length);
    for (const s of table(0, 'suspects'))
      for (const m of MODELS)
        expect(s[`confident_${m}`], `${s.id} ${m}`).toBe(cl[m].flagged.includes(s.id as string));
  });

  it('"what if": the leaderboard without the suspects, and without the later copies of duplicates', () => {
    for (const [cell, counts] of [
      [0, expected.without_suspects],
      [1, expected.without_later_copies],
    ] as const)
      for (const r of table(cell, 'what_if')) {
        const c = counts[r.model as string] as { n: number; accuracy: number };
        expect(r.n_before).toBe(expected.items);
        expect(r.before).toBeCloseTo(expected.models[r.model as string].accuracy, 12);
        expect(r.n_after).toBe(c.n);
        expect(r.after).toBeCloseTo(c.accuracy, 12);
      }
    expect(finding(1, 'exact duplicate').examples).toBe(12);
    const slices = table(0, 'what_if_slices');
    expect(new Set(slices.map((r) => r.slice)).size).toBe(6);
  });

  it('"no gold label differs between the dumps" as a --check assertion: fails here, naming the count', () => {
    const tables = run.cells[0].tables;
    const [noneDiffer] = checkAssertions('audit_1', tables, [
      {
        table: 'audit',
        column: 'examples',
        op: '<=',
        value: 0,
        where: { finding: 'gold differs' },
        label: 'no gold label differs between the dumps',
      },
    ]);
    expect(noneDiffer.passed).toBe(false);
    expect(noneDiffer.message).toContain('3');
    const [fewSuspects] = checkAssertions('audit_1', tables, [
      { table: 'audit', column: 'share', op: '<', value: 0.03, where: { finding: 'suspect gold' } },
    ]);
    expect(fewSuspects.passed).toBe(true);
  });
});
