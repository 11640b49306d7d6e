import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/cli/run-notebook';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { checkAssertions } from '../../src/lib/notebook/assertions';
import { exampleNotebook } from '../../src/lib/notebook/example-notebook';
import { SAMPLES } from '../../src/lib/samples';

/**
 * Every built-in sample's example notebook (samples/notebooks/) on its sample, in the runner:
 * the file is valid, names the sample's files as they are, every cell makes a result, and its
 * assertions hold.
 */
const ROOT = 'samples';
const FOLDER = join(ROOT, 'notebooks');

/** The sample files by name (the llm-eval files sit in a folder of their own). */
function sampleFiles(dir = ROOT): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) for (const [n, p] of sampleFiles(path)) files.set(n, p);
    else files.set(name, path);
  }
  return files;
}
const FILES = sampleFiles();

/** An engine per notebook: two samples load the same file under the same table name. */
let engine: Engine;
beforeEach(async () => {
  engine = await createNodeEngine();
});
afterEach(() => engine.close());

describe('the example notebooks of the samples', () => {
  it('are one per sample, named after it, and the start screen opens the same files', () => {
    const files = readdirSync(FOLDER).sort();
    expect(files).toEqual(SAMPLES.map((s) => `${s.id}.slicebook.json`).sort());
    for (const sample of SAMPLES)
      expect(sample.notebook, sample.id).toBe(
        readFileSync(join(FOLDER, `${sample.id}.slicebook.json`), 'utf8'),
      );
  });

  it("share no cell id, so a notebook holding one is known as that sample's example", () => {
    const ids = SAMPLES.flatMap((s) => exampleNotebook(s.notebook, s.id).cells.map((c) => c.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const sample of SAMPLES)
    it(`${sample.id}: runs on its sample with every cell a result and its assertions holding`, async () => {
      const notebook = exampleNotebook(sample.notebook, sample.id);
      expect(notebook.data.map((d) => d.name)).toEqual(sample.files.map((f) => f.name));
      for (const ref of notebook.data) {
        const bytes = readFileSync(FILES.get(ref.name)!);
        expect(ref.size, ref.name).toBe(bytes.length);
        expect(ref.sha256, ref.name).toBe(createHash('sha256').update(bytes).digest('hex'));
      }
      const run = await runNotebook(
        engine,
        notebook,
        notebook.data.map((d) => ({ name: d.name, path: FILES.get(d.name)! })),
      );
      expect(run.datasetErrors).toEqual([]);
      for (const ref of notebook.data)
        expect(run.files.find((f) => f.name === ref.name)?.recorded, ref.name).toBe('same');
      expect(run.files.map((f) => f.table.profile.rows)).toEqual(notebook.data.map((d) => d.rows));
      const kinds = notebook.cells.map((c) => c.kind);
      expect(kinds, 'an overview of the data first').toContain(
        sample.id === 'model-zoo' ? 'sql' : 'overview',
      );
      if (sample.id !== 'model-zoo') expect(kinds, 'a slice table').toContain('slice');
      expect(
        kinds.filter((k) => k === 'markdown').length,
        'notes on what to look at',
      ).toBeGreaterThanOrEqual(2);
      for (const c of run.cells) {
        if (c.cell.kind === 'markdown') continue;
        expect(
          ['error', 'missing', 'none', 'cancelled'],
          `${c.cell.name}: ${c.message}`,
        ).not.toContain(c.status);
        expect(Object.values(c.tables)[0]?.length ?? 0, c.cell.name).toBeGreaterThan(0);
        const assertions = (c.cell as { assertions?: [] }).assertions ?? [];
        for (const outcome of checkAssertions(c.cell.name, c.tables, assertions))
          expect(outcome.passed, outcome.message).toBe(true);
      }
    }, 120_000);
});
