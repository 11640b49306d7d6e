import { describe, expect, it } from 'vitest';
import { downstreamOf, referencedNames } from '../../src/lib/notebook/dependencies';
import * as edits from '../../src/lib/notebook/edits';
import { emptyNotebook, type Cell, type Notebook } from '../../src/lib/notebook/notebook';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import type { ChartCell } from '../../src/lib/cells/chart/chart-cell';
import type { SqlCell } from '../../src/lib/cells/sql/sql-cell';

function notebookOf(...cells: Cell[]): Notebook {
  return { ...emptyNotebook(), cells };
}
const sql = (id: string, name: string, text: string): SqlCell => ({
  id,
  name,
  kind: 'sql',
  sql: text,
  collapsed: false,
});

const chart = (id: string, name: string, source: string): ChartCell => ({
  id,
  name,
  kind: 'chart',
  source,
  spec: '',
  collapsed: false,
});

describe('cell edits', () => {
  it('adds cells with free default names, and never reuses a loaded table name', () => {
    let nb = emptyNotebook();
    const reserved = new Set(['query_1']);
    const a = edits.createCell(nb, CELL_KINDS.sql, {}, reserved);
    nb = edits.insertCell(nb, a);
    const b = edits.createCell(nb, CELL_KINDS.sql, {}, reserved);
    expect([a.name, b.name]).toEqual(['query_2', 'query_3']);
  });

  it('moves, duplicates and deletes without touching the original notebook', () => {
    const nb = notebookOf(sql('1', 'a', ''), sql('2', 'b', ''), sql('3', 'c', ''));
    expect(edits.moveCell(nb, '3', -1).cells.map((c) => c.name)).toEqual(['a', 'c', 'b']);
    expect(edits.moveCell(nb, '1', -1)).toBe(nb);
    const copied = edits.duplicateCell(nb, '2');
    expect(copied.cells.map((c) => c.name)).toEqual(['a', 'b', 'b_copy_1', 'c']);
    expect(copied.cells[2].id).not.toBe('2');
    expect(edits.deleteCell(nb, '2').cells.map((c) => c.name)).toEqual(['a', 'c']);
    expect(nb.cells.map((c) => c.name)).toEqual(['a', 'b', 'c']);
  });

  it('checks names: identifier-like, unique ignoring case, not a table', () => {
    const nb = notebookOf(sql('1', 'errors', ''), sql('2', 'b', ''));
    expect(edits.nameProblem(nb, '2', 'Errors')).toBe(
      'Errors is the name of the cell errors; pick another name',
    );
    expect(edits.nameProblem(nb, '2', '2nd')).toMatch(/letters, digits/);
    expect(edits.nameProblem(nb, '2', 'a b')).toMatch(/letters, digits/);
    const data = { tables: ['loans'], datasets: ['ds_loans'] };
    expect(edits.nameProblem(nb, '2', 'loans', data)).toBe(
      'loans is the name of the loaded table loans; pick another name',
    );
    expect(edits.nameProblem(nb, '2', 'DS_Loans', data)).toBe(
      'DS_Loans is the name of the dataset ds_loans; pick another name',
    );
    expect(edits.nameProblem(nb, '2', 'by_region')).toBeNull();
  });

  it('renaming rewrites later references but not strings or comments', () => {
    const nb = notebookOf(
      sql('1', 'errs', 'SELECT 1'),
      sql('2', 'b', 'SELECT * FROM errs -- errs\nWHERE x = \'errs\' AND "errs".y > 0'),
    );
    const renamed = edits.renameCell(nb, '1', 'by_region', CELL_KINDS);
    expect((renamed.cells[1] as SqlCell).sql).toBe(
      "SELECT * FROM by_region -- errs\nWHERE x = 'errs' AND by_region.y > 0",
    );
  });
});

describe('dependencies', () => {
  it('finds names used as identifiers only', () => {
    expect(
      referencedNames(`SELECT 'q1' FROM Q1 JOIN "q2" USING (id) /* q3 */`, ['q1', 'q2', 'q3']),
    ).toEqual(['q1', 'q2']);
    expect(referencedNames("SELECT 'it''s q1' AS q", ['q1'])).toEqual([]);
  });

  it('re-runs a cell and only the cells that read from it, in order', () => {
    const cells: Cell[] = [
      sql('1', 'base', 'SELECT 1 AS x'),
      sql('2', 'other', 'SELECT 2 AS y'),
      sql('3', 'uses_base', 'SELECT * FROM base'),
      chart('4', 'chart_1', 'uses_base'),
      sql('5', 'uses_other', 'SELECT * FROM other'),
    ];
    expect(downstreamOf(cells, '1', CELL_KINDS)).toEqual(['1', '3', '4']);
    expect(downstreamOf(cells, '2', CELL_KINDS)).toEqual(['2', '5']);
  });

  it('a cell cannot read a later cell', () => {
    const cells = [sql('1', 'a', 'SELECT * FROM b'), sql('2', 'b', 'SELECT 1')];
    expect(downstreamOf(cells, '2', CELL_KINDS)).toEqual(['2']);
  });
});
