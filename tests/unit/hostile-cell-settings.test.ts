import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook, type NotebookRun } from '../../src/cli/run-notebook';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { createCell, insertCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';

/**
 * The settings of the newer analysis cells and the notebook's target mixes, as a hostile file
 * sets them (quotes of every DuckDB kind, HTML, prototype keys, a 100 000-character value, 900
 * unknown models), run by the headless runner on native DuckDB: each is refused in words naming
 * the value, or used as one quoted name or value; no cell errors and the sample table is intact.
 */
const DROP = 'DROP TABLE mcq_audit';
const HOSTILE = [
  `x'); ${DROP}; --`,
  `x"); ${DROP}; --`,
  `$$'$$); ${DROP}; SELECT ($$'$$`,
  `E'\\''); ${DROP}; SELECT (E'\\''`,
  `<img src=x onerror=alert(1)>`,
  '__proto__',
  'constructor',
  'x'.repeat(100_000),
];

function notebookOf(cells: [keyof typeof CELL_KINDS, Record<string, unknown>][]): Notebook {
  let nb = emptyNotebook();
  for (const [kind, init] of cells)
    nb = insertCell(nb, createCell(nb, CELL_KINDS[kind], init, new Set()));
  return nb;
}

let engine: Engine;
let run: NotebookRun;
let notebook: Notebook;
const dataset = 'ds_mcq_audit';
const expected = JSON.parse(readFileSync('samples/expected.json', 'utf8')).files['mcq-audit.csv'];
const REAL = Object.keys(expected.models) as string[];
const models = [...HOSTILE, ...Array.from({ length: 900 }, (_, i) => `m${i}`), ...REAL];

beforeAll(async () => {
  engine = await createNodeEngine();
  const cells: [keyof typeof CELL_KINDS, Record<string, unknown>][] = [];
  for (const h of HOSTILE) {
    cells.push(['audit', { dataset, models, feature: h, text: h }]);
    cells.push(['audit', { dataset: h, models }]);
    cells.push(['leaderboard', { dataset, models, feature: h, metric: h }]);
    cells.push(['agreement', { dataset, models, feature: h }]);
    cells.push(['correlation', { dataset, x: h, y: h, feature: h, metric: h }]);
    cells.push(['represent', { dataset, models, mix: h, metric: h }]);
  }
  for (const kind of ['audit', 'agreement', 'leaderboard'] as const)
    cells.push([kind, { dataset, models, feature: '' }]);
  HOSTILE.forEach((_, i) => {
    cells.push(['represent', { dataset, models, mix: `table_${i}` }]);
    cells.push(['represent', { dataset, models, mix: `shares_${i}` }]);
  });
  const nb = {
    ...notebookOf(cells),
    mixes: HOSTILE.flatMap((h, i) => [
      {
        name: `table_${i}`,
        features: [{ column: 'subject' }],
        source: 'table' as const,
        shares: [],
        table: h,
      },
      {
        name: `shares_${i}`,
        features: [{ column: 'subject' }],
        source: 'shares' as const,
        shares: [
          { values: [h], share: 0.5 },
          { values: ['biology'], share: 0.5 },
        ],
        table: '',
      },
    ]),
  };
  const parsed = parseNotebook(serializeNotebook(nb));
  if ('error' in parsed) throw new Error(parsed.error);
  notebook = parsed.notebook;
  run = await runNotebook(engine, notebook, [
    { name: 'mcq-audit.csv', path: 'samples/mcq-audit.csv' },
  ]);
}, 300_000);
afterAll(() => engine.close());

const cellsOf = (kind: string) => run.cells.filter((_, i) => notebook.cells[i].kind === kind);

describe('hostile settings of the audit, leaderboard, agreement, correlation and represent cells', () => {
  it('no cell fails with an error, and the sample table keeps its rows and columns', async () => {
    expect(run.cells.filter((c) => c.status === 'error').map((c) => c.message)).toEqual([]);
    const n = await engine.query('SELECT count(*)::DOUBLE AS n FROM mcq_audit');
    expect(n.get(0)?.n).toBe(4856);
    const columns = (await engine.query('DESCRIBE mcq_audit')).toArray().map((r) => r.column_name);
    expect(columns).toEqual([
      'item_id',
      'model',
      'subject',
      'question',
      'gold',
      'pred',
      'prob_A',
      'prob_B',
      'prob_C',
      'prob_D',
    ]);
  });

  it('a feature, dataset or mix named with quotes, dollar quotes, E strings or HTML is refused, naming it', () => {
    const messages = run.cells.map((c) => String(c.message ?? ''));
    for (const h of HOSTILE.slice(0, 7)) {
      expect(messages.filter((m) => m.includes(`column "${h}"`)).length).toBeGreaterThanOrEqual(2);
      expect(messages).toContain(`Load the data of ${h} first.`);
      expect(messages).toContain(`The notebook has no target mix named ${h}.`);
    }
  });

  it('a target mix counted from a table named with quotes and a DROP finds no such table', () => {
    const messages = cellsOf('represent').map((c) => String(c.message ?? ''));
    for (const [i, h] of HOSTILE.entries())
      expect(
        messages.some((m) => m.startsWith(`There is no table ${h} to count the mix table_${i}`)),
      ).toBe(true);
  });

  it('typed shares whose slice values hold quotes and HTML run the represent cell', () => {
    const ran = cellsOf('represent').filter((c) => c.status === 'represent');
    expect(ran).toHaveLength(HOSTILE.length);
  });

  it('unknown and hostile model names among the real ones leave the real models compared', () => {
    for (const kind of ['audit', 'agreement', 'leaderboard']) {
      const ran = cellsOf(kind).filter((c) => c.status === kind);
      expect(ran, kind).toHaveLength(1);
    }
  });
});
