import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CELL_KINDS, KIND_IDS } from '../../src/lib/cells/registry';
import { parseNotebook } from '../../src/lib/notebook/file-format';

const FILE = 'docs/notebook.schema.json';

/**
 * docs/notebook.schema.json checks every notebook opened; its part for the cells is each kind's
 * settings schema (src/lib/cells/<kind>/<kind>-cell.ts). After adding or changing a kind, write it
 * again with `UPDATE_SCHEMA=1 npx vitest run tests/unit/notebook-schema.test.ts`.
 */
function withKinds(schema: { $defs: { cell: Record<string, unknown> } }) {
  const cell = schema.$defs.cell as { properties: Record<string, unknown> };
  const oneOf = KIND_IDS.map((kind) => {
    const settings = CELL_KINDS[kind].schema;
    return {
      properties: { kind: { const: kind }, ...settings.properties },
      required: settings.required,
    };
  });
  const properties = { ...cell.properties, kind: { enum: KIND_IDS } };
  return { ...schema, $defs: { ...schema.$defs, cell: { ...cell, properties, oneOf } } };
}

describe('the notebook schema', () => {
  const text = readFileSync(FILE, 'utf8');
  const generated = `${JSON.stringify(withKinds(JSON.parse(text)), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA) writeFileSync(FILE, generated);

  it("holds every registered kind's settings schema, as the kinds' folders state them", () => {
    expect(text, `${FILE} is out of date: write it again (UPDATE_SCHEMA=1)`).toBe(generated);
  });

  it('opens a file with a cell of every kind, and rejects a kind no folder defines', () => {
    const cells = KIND_IDS.map((kind, i) => ({
      id: String(i),
      name: `${kind}_1`,
      kind,
      collapsed: false,
      ...CELL_KINDS[kind].defaults(),
    }));
    const file = {
      format: 'slicebook',
      version: 1,
      title: 't',
      filter: '',
      data: [],
      datasets: {},
    };
    const opened = parseNotebook(JSON.stringify({ ...file, cells }));
    expect('notebook' in opened && opened.notebook.cells.map((c) => c.kind)).toEqual(KIND_IDS);
    const unknown = { ...cells[0], kind: 'leaderboard' };
    expect(parseNotebook(JSON.stringify({ ...file, cells: [unknown] }))).toMatchObject({
      error: expect.stringContaining('/cells/0'),
    });
  });
});
