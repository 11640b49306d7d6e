import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { KnownCell } from '../../src/lib/cells/registry';
import { parseNotebook, serializeNotebook } from '../../src/lib/notebook/file-format';
import type { Notebook } from '../../src/lib/notebook/notebook';
import { decodeShare, encodeShare } from '../../src/lib/notebook/share';
import { parseReport } from '../../src/lib/report/report-format';
import {
  MAX_ID_COLUMNS,
  MAX_PATTERN_LENGTH,
  MAX_PATTERNS,
} from '../../src/lib/datasets/dataset-edits';
import { FIXTURES } from '../helpers/load-fixtures';

/**
 * Format version 2 (issue 17): stacking choices, and per dataset derived columns, a composite id
 * and reshaping patterns; a SQL cell's result as a dataset (`ds_<cell>`). A notebook with all of
 * them round-trips through the file, the share link and the runner; version-1 files, links and
 * reports open, migrated.
 */
const BBQ = ['age', 'gender', 'race'].map((c) => `bbq/${c}.csv`);

const notebook: Notebook<KnownCell> = {
  version: 2,
  title: 'Every dataset setting',
  filter: '',
  cells: [
    {
      id: 'a',
      name: 'pairs',
      kind: 'compare',
      collapsed: false,
      dataset: 'ds_age',
      modelA: 'unifiedqa-large',
      modelB: 'unifiedqa-small',
      feature: '',
      score: '',
    },
    {
      id: 'b',
      name: 'right',
      kind: 'sql',
      collapsed: false,
      sql: 'SELECT file, model, (label = prediction)::INTEGER AS right FROM ds_age',
    },
    { id: 'c', name: 'per_file', kind: 'overview', collapsed: false, dataset: 'ds_right' },
  ],
  data: [
    ...BBQ.map((name) => ({ name, size: 934, rows: 40, sha256: null })),
    { name: 'testbed.csv', size: 943, rows: 6, sha256: null },
  ],
  datasets: {
    ds_age: {
      roles: {
        example_id: 'group',
        model: 'model',
        label: 'label',
        prediction: 'prediction',
        file: 'group',
        'file+example_id': 'id',
        wrong: 'group',
      },
      id: ['file', 'example_id'],
      derived: [{ name: 'wrong', expression: 'label <> prediction' }],
    },
    ds_right: { roles: { file: 'group', model: 'model', right: 'outcome' }, taskKind: 'score' },
    ds_testbed: {
      roles: {},
      reshape: ['<set>.<condition>.<severity>_<variant>', '<condition>-<variant>'],
    },
  },
  stacking: [{ files: ['testbed.csv'], stack: false }],
};

describe('notebook format version 2', () => {
  it('round-trips every dataset setting through the file and the share link', async () => {
    const text = serializeNotebook(notebook);
    expect(parseNotebook(text)).toEqual({ notebook });
    expect(await decodeShare(`#${await encodeShare(notebook)}`)).toEqual({ notebook });
  });

  it('opens a version-1 file as version 2: no stacking choices, its roles kept', () => {
    const v1 = {
      format: 'slicebook',
      version: 1,
      title: 'Old',
      filter: '',
      cells: [],
      data: [],
      datasets: { ds_loan: { roles: { label: 'label' }, taskKind: 'binary' } },
    };
    expect(parseNotebook(JSON.stringify(v1))).toEqual({
      notebook: { ...v1, format: undefined, version: 2, stacking: [] },
    });
  });

  it('keeps the limits an edit checks (id columns, reshaping patterns) the ones the file allows', () => {
    const limits = structuredClone(notebook);
    limits.datasets.ds_age.id = Array.from({ length: MAX_ID_COLUMNS }, (_, i) => `c${i}`);
    limits.datasets.ds_testbed.reshape = Array.from({ length: MAX_PATTERNS }, (_, i) =>
      `<a>${i}`.padEnd(MAX_PATTERN_LENGTH, 'x'),
    );
    expect(parseNotebook(serializeNotebook(limits))).toEqual({ notebook: limits });
    limits.datasets.ds_age.id.push('one_more');
    expect(parseNotebook(serializeNotebook(limits))).toMatchObject({
      error: expect.stringContaining('/datasets/ds_age/id'),
    });
  });

  describe('the sample notebook as format version 1 saved it (main before issue 17)', () => {
    const V1_FILE = 'tests/fixtures/notebooks/loan-approval-v1.slicebook.json';
    let text: string;
    let v1: Record<string, unknown> & { cells: unknown[] };
    beforeAll(async () => {
      text = await readFile(V1_FILE, 'utf8');
      v1 = JSON.parse(text);
    });

    it('opens as version 2 with every cell, assertion and data reference unchanged', () => {
      expect(v1.version).toBe(1);
      const opened = parseNotebook(text);
      if ('error' in opened) throw new Error(opened.error);
      const { format: _format, ...rest } = v1;
      expect(opened.notebook).toEqual({ ...rest, version: 2, stacking: [] });
      expect(opened.notebook.cells.map((c) => c.kind)).toEqual([
        'markdown',
        'overview',
        'slice',
        'fairness',
        'compare',
        'sql',
        'chart',
      ]);
      // Saved again, it is a version-2 file that reads back the same.
      const saved = serializeNotebook(opened.notebook);
      expect(JSON.parse(saved)).toMatchObject({ format: 'slicebook', version: 2, stacking: [] });
      expect(parseNotebook(saved)).toEqual(opened);
    });

    it('opens from a version-1 share link and a version-1 report alike', async () => {
      const opened = parseNotebook(text);
      const link = await encodeShare(v1 as unknown as Notebook);
      expect(await decodeShare(`#${link}`)).toEqual(opened);
      const report = JSON.stringify({
        format: 'slicebook-report',
        version: 1,
        notebook: v1,
        data: [],
      });
      expect(parseReport(report)).toEqual({ ...opened, data: [] });
    });

    it('runs headless with its four assertions holding on the sample data', async () => {
      const out = await mkdtemp(join(tmpdir(), 'slicebook-v1-'));
      try {
        let stdout = '';
        let stderr = '';
        const code = await main(
          ['run', V1_FILE, '--data', 'samples/loan-approval.parquet', '--out', out, '--check'],
          { out: (t) => (stdout += t), err: (t) => (stderr += t) },
        );
        expect(stderr).toBe('');
        expect(code).toBe(0);
        expect(stdout).toContain('Assertions: 4 of 4 hold');
      } finally {
        await rm(out, { recursive: true, force: true });
      }
    });
  });

  it('refuses a damaged setting, saying where', () => {
    const bad = JSON.parse(serializeNotebook(notebook));
    bad.datasets.ds_age.derived[0] = { name: 'x', threshold: { column: 'score' } };
    expect(parseNotebook(JSON.stringify(bad))).toMatchObject({
      error: expect.stringContaining('/datasets/ds_age/derived/0'),
    });
    const noStacking = JSON.parse(serializeNotebook(notebook));
    delete noStacking.stacking;
    expect(parseNotebook(JSON.stringify(noStacking))).toMatchObject({
      error: expect.stringContaining('stacking'),
    });
  });

  describe('through the runner', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'slicebook-v2-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('builds the datasets as saved: the composite id pairs, the derived column and the SQL result are used', async () => {
      const path = join(dir, 'v2.slicebook.json');
      await writeFile(path, serializeNotebook(notebook));
      const out = join(dir, 'out');
      let stderr = '';
      const data = [...BBQ, 'testbed.csv'].flatMap((f) => ['--data', `${f}=${FIXTURES}${f}`]);
      const code = await main(['run', path, ...data, '--out', out], {
        out: () => {},
        err: (t) => (stderr += t),
      });
      expect(stderr).toBe('');
      expect(code).toBe(0);
      const summary = JSON.parse(await readFile(join(out, 'summary.json'), 'utf8'));
      const byName = Object.fromEntries(summary.datasets.map((d: { name: string }) => [d.name, d]));
      expect(byName.ds_age.roles['file+example_id']).toBe('id');
      expect(byName.ds_age.roles.wrong).toBe('group');
      expect(byName.ds_testbed.roles).toMatchObject({ severity: 'severity', value: 'outcome' });
      const pairs = JSON.parse(await readFile(join(out, 'pairs.json'), 'utf8'));
      expect(pairs.tables.comparison.find((r: { overall: boolean }) => r.overall).n).toBe(60);
      const perFile = JSON.parse(await readFile(join(out, 'per_file.json'), 'utf8'));
      expect(perFile.tables.overview.map((r: { n: number }) => r.n)).toEqual([60, 60]);
    });
  });
});
