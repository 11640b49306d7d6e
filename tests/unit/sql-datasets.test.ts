import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { CELL_KINDS } from '../../src/lib/cells/registry';
import { downstreamOf } from '../../src/lib/notebook/dependencies';
import { createCell, insertCell, renameCell } from '../../src/lib/notebook/edits';
import { emptyNotebook, type Notebook } from '../../src/lib/notebook/notebook';
import { FIXTURES, fixtureRows } from '../helpers/load-fixtures';

/** A notebook: a SQL cell deriving a decision, then a fairness cell on its result. */
function notebook(): Notebook {
  let nb = emptyNotebook();
  const sql = createCell(nb, CELL_KINDS.sql, {
    name: 'scored',
    sql: 'SELECT *, (risk_score >= 7)::INTEGER AS flagged FROM ds_risk_scores',
  });
  nb = insertCell(nb, sql);
  const fairness = createCell(nb, CELL_KINDS.fairness, {
    name: 'by_group',
    dataset: 'ds_scored',
    features: ['group'],
  });
  nb = insertCell(nb, fairness);
  return {
    ...nb,
    data: [{ name: 'risk-scores.csv', size: 1, rows: 240, sha256: null }],
    datasets: {
      ds_scored: { roles: { reoffended: 'label', flagged: 'prediction', person_id: 'id' } },
    },
  };
}

describe('a SQL cell’s result as the dataset of an analysis cell', () => {
  it('makes the analysis cell read the SQL cell: it re-runs when the SQL changes', () => {
    const nb = notebook();
    const [sql, fairness] = nb.cells;
    expect(downstreamOf(nb.cells, sql.id, CELL_KINDS)).toEqual([sql.id, fairness.id]);
  });

  it('follows the SQL cell when it is renamed, with its saved roles', () => {
    const nb = notebook();
    const renamed = renameCell(nb, nb.cells[0].id, 'flagged_rows', CELL_KINDS);
    expect((renamed.cells[1] as unknown as { dataset: string }).dataset).toBe('ds_flagged_rows');
    expect(Object.keys(renamed.datasets)).toEqual(['ds_flagged_rows']);
  });

  describe('in the headless runner', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'slicebook-sqlds-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('runs the fairness cell on the SQL result with the saved roles (counted by hand)', async () => {
      const path = join(dir, 'nb.slicebook.json');
      await writeFile(path, JSON.stringify({ format: 'slicebook', ...notebook() }));
      const out = join(dir, 'out');
      let stderr = '';
      const code = await main(['run', path, '--data', `${FIXTURES}risk-scores.csv`, '--out', out], {
        out: () => {},
        err: (t) => (stderr += t),
      });
      // The saved roles name three of the result's columns: the rest are guessed, and said so.
      expect(stderr).toBe(
        'slicebook: warning: ds_scored: The saved roles do not name 3 columns of this data, so their roles were guessed: group (group feature), sex (group feature), risk_score (group feature).\n',
      );
      expect(code).toBe(0);
      const result = JSON.parse(await readFile(join(out, 'by_group.json'), 'utf8'));
      const rows = fixtureRows('risk-scores.csv');
      for (const group of ['A', 'B', 'C']) {
        const mine = rows.filter((r) => r.group === group);
        const selected = mine.filter((r) => Number(r.risk_score) >= 7).length;
        const row = result.tables.groups.find((g: { group: string }) => g.group === group);
        expect(row.selection_rate_successes).toBe(selected);
        expect(row.selection_rate_trials).toBe(mine.length);
      }
    });
  });
});
