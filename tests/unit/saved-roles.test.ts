import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { buildDatasets } from '../../src/lib/datasets/build-datasets';
import { changeRoles } from '../../src/lib/datasets/dataset';
import { planDatasets } from '../../src/lib/datasets/plan-datasets';
import { applySavedRoles } from '../../src/lib/datasets/saved-roles';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import type { Role } from '../../src/lib/ingest/roles';
import { FIXTURES, loadFixtures } from '../helpers/load-fixtures';

// risk-scores.csv has person_id, group, sex, risk_score, reoffended; the notebook below was made
// on a dump without `sex` and with a column `score_date` this one lacks.
const SAVED: Record<string, Role> = {
  person_id: 'id',
  group: 'group',
  risk_score: 'cost',
  reoffended: 'label',
  score_date: 'group',
};

describe('applySavedRoles', () => {
  it('applies the saved roles to the columns they name and keeps the guess for the rest', () => {
    const guess: Record<string, Role> = {
      person_id: 'id',
      group: 'group',
      sex: 'group',
      risk_score: 'group',
      reoffended: 'outcome',
      new_label: 'label',
    };
    const applied = applySavedRoles(guess, SAVED);
    expect(applied.roles).toEqual({
      person_id: 'id',
      group: 'group',
      sex: 'group',
      risk_score: 'cost',
      reoffended: 'label',
      // The guess gave `new_label` the label, which the saved roles give `reoffended`.
      new_label: 'group',
    });
    expect(applied.missing).toEqual(['score_date']);
    expect(applied.guessed).toEqual(['sex', 'new_label']);
    expect(applied.warnings).toEqual([
      'The saved roles name 1 column this data lacks: score_date; their roles are not used.',
      'The saved roles do not name 2 columns of this data, so their roles were guessed: sex (group feature), new_label (group feature).',
    ]);
  });

  it('says nothing when the saved roles name exactly the data’s columns', () => {
    const roles: Record<string, Role> = { a: 'label', b: 'prediction' };
    expect(applySavedRoles({ a: 'group', b: 'group' }, roles)).toMatchObject({
      roles,
      warnings: [],
    });
  });
});

describe('saved roles that name only some columns', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await createNodeEngine();
  });
  afterAll(() => engine.close());

  it('are applied to the columns they name, the rest guessed, and the difference reported (was: all dropped)', async () => {
    const tables = await loadFixtures(engine, ['risk-scores.csv']);
    const plans = planDatasets(tables);
    const { datasets } = await buildDatasets(engine, plans, [], () => ({ roles: SAVED }));
    const [dataset] = datasets;
    expect(dataset.roles.risk_score).toBe('cost');
    expect(dataset.roles.reoffended).toBe('label');
    expect(dataset.roles.sex).toBe(dataset.guess.roles.sex);
    expect(dataset.warnings).toEqual([
      'The saved roles name 1 column this data lacks: score_date; their roles are not used.',
      'The saved roles do not name 1 column of this data, so its role was guessed: sex (group feature).',
    ]);
  });

  it('are moot once the user sets a role: the difference is no longer said, other warnings stay', async () => {
    const tables = await loadFixtures(engine, ['risk-scores.csv']);
    const derived = [{ name: 'late', expression: 'score_date > 3' }];
    const { datasets } = await buildDatasets(engine, planDatasets(tables), [], () => ({
      roles: SAVED,
      derived,
    }));
    const [dataset] = datasets;
    expect(dataset.warnings).toHaveLength(3);
    const next = await changeRoles(engine, dataset, { ...dataset.roles, sex: 'ignore' });
    expect(next.warnings).toEqual([dataset.warnings[0]]);
    expect(next.warnings[0]).toContain('late');
  });
});

describe('slicebook run with saved roles that name only some columns', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'slicebook-roles-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('applies them, prints the difference on stderr and writes it in the summary', async () => {
    const notebook = {
      format: 'slicebook',
      version: 1,
      title: 'Risk',
      filter: '',
      cells: [
        {
          id: 'a',
          name: 'overview_1',
          kind: 'overview',
          collapsed: false,
          dataset: 'ds_risk_scores',
        },
      ],
      data: [{ name: 'risk-scores.csv', size: 1, rows: 240, sha256: null }],
      datasets: {
        ds_risk_scores: {
          roles: { ...SAVED, high_risk: 'prediction' },
          derived: [{ name: 'high_risk', threshold: { column: 'risk_score', at: 5 } }],
        },
      },
    };
    const path = join(dir, 'risk.slicebook.json');
    await writeFile(path, JSON.stringify(notebook));
    let stderr = '';
    const out = join(dir, 'out');
    const code = await main(['run', path, '--data', `${FIXTURES}risk-scores.csv`, '--out', out], {
      out: () => {},
      err: (text) => (stderr += text),
    });
    expect(code).toBe(0);
    expect(stderr).toContain(
      'slicebook: warning: ds_risk_scores: The saved roles name 1 column this data lacks: score_date',
    );
    expect(stderr).toContain('so its role was guessed: sex (group feature).');
    const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
    expect(summary.datasets[0].roles).toMatchObject({ risk_score: 'cost', reoffended: 'label' });
    expect(summary.datasets[0].warnings).toHaveLength(2);
    expect(await readFile(join(out, 'summary.md'), 'utf8')).toContain(
      '**Warning:** ds_risk_scores: The saved roles name 1 column this data lacks',
    );
  });
});
