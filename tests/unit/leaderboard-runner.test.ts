import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { CELL_KINDS, type CellKindId } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { checkAssertions } from '../../src/lib/notebook/assertions';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import type { FlatRow } from '../../src/lib/notebook/result-tables';

/**
 * The runner's tables of the agreement and leaderboard cells on the llm sample, against the
 * counts samples/expected.json records, and the assertions CI would write on them.
 */
const llm = JSON.parse(await readFile('samples/expected.json', 'utf8')).files['llm-eval'];
const FILES = ['atlas-7b', 'atlas-70b', 'nimbus-mini'].map((m) => ({
  name: `${m}.jsonl`,
  path: `samples/llm-eval/${m}.jsonl`,
}));

function notebookOf(cells: [CellKindId, Record<string, unknown>][]): Notebook {
  let nb = emptyNotebook();
  for (const [kind, init] of cells)
    nb = insertCell(nb, createCell(nb, CELL_KINDS[kind], init, new Set()));
  return nb;
}

let engine: Engine;
let run: NotebookRun;
const table = (kind: string, name: string): FlatRow[] =>
  run.cells.find((c) => c.cell.kind === kind)!.tables[name];

beforeAll(async () => {
  engine = await createNodeEngine();
  run = await runNotebook(
    engine,
    notebookOf([
      ['agreement', { dataset: 'ds_atlas_7b' }],
      ['leaderboard', { dataset: 'ds_atlas_7b' }],
    ]),
    [...FILES, { name: 'questions.csv', path: 'samples/llm-eval/questions.csv' }],
  );
}, 120_000);
afterAll(() => engine.close());

describe('runner tables of agreement and leaderboard cells', () => {
  it('agreement: the generator counts, per group and overall', () => {
    for (const c of run.cells) expect(c.status, c.message).not.toMatch(/error|missing/);
    const [overall] = table('agreement', 'agreement');
    expect(overall).toMatchObject({
      overall: true,
      models: 3,
      n: 1500,
      all_right: llm.agreement.all_right,
      all_wrong: llm.agreement.all_wrong,
      left_out: 0,
    });
    const patterns = table('agreement', 'patterns');
    for (const [model, examples] of Object.entries(llm.agreement.only_right))
      expect(patterns.find((r) => r.group === 'only right' && r.model === model)?.examples).toBe(
        examples,
      );
    expect(table('agreement', 'pairs')).toHaveLength(3);
  });

  it('leaderboard: a row per model in rank order; "tied with or better than the best" as an assertion', () => {
    const rows = table('leaderboard', 'leaderboard');
    expect(rows.map((r) => [r.model, r.rank])).toEqual([
      ['atlas-70b', 1],
      ['nimbus-mini', 2],
      ['atlas-7b', 3],
    ]);
    expect(rows[0]).toMatchObject({ best: true, tied_or_best: 1, rank_low_95: 1, rank_high_95: 1 });
    expect(rows[0].mean_outcome).toBeCloseTo(llm.models['atlas-70b'].accuracy, 12);
    const tiedOrBest = (model: string) =>
      checkAssertions('lb', { leaderboard: rows }, [
        {
          column: 'tied_or_best',
          op: '>=',
          value: 1,
          where: { model },
          label: `${model} is tied with or better than the best`,
        },
      ])[0];
    expect(tiedOrBest('atlas-70b').passed).toBe(true);
    const fails = tiedOrBest('nimbus-mini');
    expect(fails.passed).toBe(false);
    expect(fails.message).toContain('model=nimbus-mini');
    // "Could be the best": the rank interval reaches 1.
    const couldBeBest = checkAssertions('lb', { leaderboard: rows }, [
      { column: 'rank_low_95', op: '<=', value: 1, where: { model: 'nimbus-mini' } },
    ])[0];
    expect(couldBeBest.passed).toBe(false);
  });
});
