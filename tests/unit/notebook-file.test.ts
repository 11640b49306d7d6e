import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseNotebook,
  serializeNotebook,
  upgradeDocument,
} from '../../src/lib/notebook/file-format';
import type { KnownCell } from '../../src/lib/cells/registry';
import { FORMAT_VERSION, type Notebook } from '../../src/lib/notebook/notebook';
import { decodeShare, encodeShare } from '../../src/lib/notebook/share';

const notebook: Notebook<KnownCell> = {
  version: 2,
  title: 'Where the loan model fails',
  filter: "region <> 'north'",
  cells: [
    {
      id: 'a',
      name: 'intro',
      kind: 'markdown',
      text: '# Notes\n<script>alert(1)</script>',
      collapsed: false,
    },
    {
      id: 'b',
      name: 'by_region',
      kind: 'sql',
      sql: 'SELECT region, avg(label) FROM ds_loan_approval GROUP BY 1',
      collapsed: true,
    },
    {
      id: 'c',
      name: 'chart_1',
      kind: 'chart',
      source: 'by_region',
      spec: '{"mark":"bar"}',
      collapsed: false,
    },
    {
      id: 'd',
      name: 'overview_1',
      kind: 'overview',
      dataset: 'ds_loan_approval',
      collapsed: false,
    },
  ],
  data: [{ name: 'loan-approval.parquet', size: 161393, rows: 20000, sha256: 'ab'.repeat(32) }],
  datasets: { ds_loan_approval: { roles: { label: 'label', sex: 'model' }, taskKind: 'binary' } },
  stacking: [],
};

describe('.slicebook.json', () => {
  it('round-trips a notebook of every cell kind', () => {
    const text = serializeNotebook(notebook);
    expect(JSON.parse(text).format).toBe('slicebook');
    expect(parseNotebook(text)).toEqual({ notebook });
  });

  it('says what is wrong with a bad file', () => {
    expect(parseNotebook('{"format": "slicebook", ')).toMatchObject({
      error: expect.stringMatching(/not valid JSON/),
    });
    expect(parseNotebook('[1, 2]')).toMatchObject({
      error: expect.stringMatching(/lacks "format": "slicebook"/),
    });
    const badCell = JSON.parse(serializeNotebook(notebook));
    badCell.cells[1].name = 'has space';
    expect(parseNotebook(JSON.stringify(badCell))).toMatchObject({
      error: expect.stringMatching(/damaged: \/cells\/1\/name/),
    });
    const noSql = JSON.parse(serializeNotebook(notebook));
    delete noSql.cells[1].sql;
    expect(parseNotebook(JSON.stringify(noSql))).toMatchObject({
      error: expect.stringMatching(/damaged/),
    });
  });

  it("reports the errors of the alternative whose kind is the cell's, not every other kind's", () => {
    const sample = JSON.parse(readFileSync('samples/loan-approval.slicebook.json', 'utf8'));
    const at = sample.cells.findIndex((c: { kind: string }) => c.kind === 'slice');
    sample.cells[at].replicates = 0;
    const parsed = parseNotebook(JSON.stringify(sample));
    expect(parsed).toEqual({
      error: `The notebook file is damaged: /cells/${at}/replicates: 0 is less than 10.`,
    });
    sample.cells[at].kind = 'slcie';
    expect(parseNotebook(JSON.stringify(sample))).toMatchObject({
      error: expect.stringMatching(
        new RegExp(`^The notebook file is damaged: /cells/${at}/kind: `),
      ),
    });
  });

  it('refuses a newer version with a message saying so', () => {
    const newer = { ...JSON.parse(serializeNotebook(notebook)), version: FORMAT_VERSION + 1 };
    expect(parseNotebook(JSON.stringify(newer))).toEqual({
      error: expect.stringContaining(`newer Slicebook (format version ${FORMAT_VERSION + 1})`),
    });
  });

  it('upgrades older documents one version at a time through the migration hook', () => {
    const v1 = { format: 'slicebook', version: 1, name: 'Old' };
    const migrations = {
      1: (d: Record<string, unknown>) => ({ ...d, title: d.name }),
      2: (d: Record<string, unknown>) => ({ ...d, cells: [] }),
    };
    expect(upgradeDocument(v1, 1, 3, migrations)).toEqual({
      doc: { ...v1, version: 3, title: 'Old', cells: [] },
    });
    expect(upgradeDocument(v1, 1, 4, migrations)).toEqual({
      error: 'No way to upgrade a notebook from format version 3.',
    });
  });
});

describe('share links', () => {
  it('carry the notebook compressed in the fragment and restore it', async () => {
    const fragment = await encodeShare(notebook);
    expect(fragment).toMatch(/^nb=[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(serializeNotebook(notebook).length);
    expect(await decodeShare(`#${fragment}`)).toEqual({ notebook });
  });

  it('say so when the link is cut off', async () => {
    const fragment = await encodeShare(notebook);
    expect(await decodeShare(fragment.slice(0, 40))).toMatchObject({
      error: expect.stringMatching(/damaged/),
    });
    expect(await decodeShare('#other')).toEqual({ error: 'This link carries no notebook.' });
  });
});
