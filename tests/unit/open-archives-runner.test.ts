import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runNotebook } from '../../src/cli/run-notebook';
import { nodeDecode } from '../../src/cli/node-decode';
import { createNodeEngine } from '../../src/lib/engine/duckdb-node';
import type { Engine } from '../../src/lib/engine/engine';
import { emptyNotebook } from '../../src/lib/notebook/notebook';
import { Workspace } from '../../src/lib/notebook/workspace.svelte';
import { blobOf, markedEncrypted, zipOf } from '../helpers/zip-fixtures';

const SAMPLE = 'samples/llm-eval';
let dir: string;

/** Each run on a fresh engine, as the command makes one. */
async function run(
  ...args: Parameters<typeof runNotebook> extends [Engine, ...infer R] ? R : never
) {
  const fresh = await createNodeEngine();
  try {
    return await runNotebook(fresh, ...args);
  } finally {
    await fresh.close();
  }
}

/** Accuracy per model counted by hand from the sample's JSON Lines (correct is 0 or 1). */
async function handCounts(): Promise<Record<string, { n: number; correct: number }>> {
  const counts: Record<string, { n: number; correct: number }> = {};
  for (const file of (await readdir(SAMPLE)).filter((f) => f.endsWith('.jsonl'))) {
    const lines = (await readFile(join(SAMPLE, file), 'utf8')).trim().split('\n');
    counts[file.replace('.jsonl', '')] = {
      n: lines.length,
      correct: lines.filter((l) => JSON.parse(l).correct === 1).length,
    };
  }
  return counts;
}

async function sampleZip(): Promise<Uint8Array> {
  const files: Record<string, string> = {};
  for (const f of await readdir(SAMPLE))
    files[`llm-eval/${f}`] = await readFile(join(SAMPLE, f), 'utf8');
  files['llm-eval/NOTES.md'] = '# how these were made';
  return zipOf(files);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'slicebook-archives-'));
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the runner opens zips and folders wherever it takes a file', () => {
  it('a zip of the llm-eval sample: one dataset, accuracy per model as counted by hand', async () => {
    const path = join(dir, 'llm-eval.zip');
    await writeFile(path, await sampleZip());
    const result = await run(emptyNotebook(), [{ name: 'llm-eval.zip', path }]);
    expect(result.files.map((f) => f.name)).toEqual([
      'llm-eval.zip/llm-eval/atlas-70b.jsonl',
      'llm-eval.zip/llm-eval/atlas-7b.jsonl',
      'llm-eval.zip/llm-eval/nimbus-mini.jsonl',
      'llm-eval.zip/llm-eval/questions.csv',
    ]);
    expect(result.skipped.map((s) => s.name)).toEqual(['llm-eval.zip/llm-eval/NOTES.md']);
    expect(result.datasets).toHaveLength(1);
    const overview = result.datasets[0].overview;
    if (overview.status !== 'ok') throw new Error(overview.status);
    const hand = await handCounts();
    expect(overview.rows.map((r) => r.model)).toEqual(Object.keys(hand).sort());
    for (const row of overview.rows) {
      expect(row.n).toBe(hand[row.model].n);
      expect(row.estimate).toBeCloseTo(hand[row.model].correct / hand[row.model].n, 12);
    }
  }, 60_000);

  it('a folder whose path holds = , : | + gives the same numbers', async () => {
    const folder = join(dir, 'run:mmlu=1,model=a|b+c');
    await mkdir(folder);
    await cp(SAMPLE, join(folder, 'llm-eval'), { recursive: true });
    const result = await run(emptyNotebook(), [{ name: 'run:mmlu=1,model=a|b+c', path: folder }]);
    expect(result.files[0].name).toBe('run:mmlu=1,model=a|b+c/llm-eval/atlas-70b.jsonl');
    const overview = result.datasets[0].overview;
    if (overview.status !== 'ok') throw new Error(overview.status);
    const hand = await handCounts();
    for (const row of overview.rows) {
      expect(row.n).toBe(hand[row.model].n);
      expect(row.estimate).toBeCloseTo(hand[row.model].correct / hand[row.model].n, 12);
    }
  }, 60_000);

  it('refuses an encrypted zip, naming it', async () => {
    const path = join(dir, 'locked.zip');
    await writeFile(path, markedEncrypted(zipOf({ 'a.csv': 'id,correct\n1,1\n' })));
    await expect(run(emptyNotebook(), [{ name: 'locked.zip', path }])).rejects.toThrow(
      'locked.zip: the zip archive is encrypted (a.csv needs a password).',
    );
  });
});

describe('the app keeps what it loaded when an archive is refused', () => {
  it('a CSV loaded, then an encrypted zip: the CSV stays, the zip is listed as failed', async () => {
    const workspace = new Workspace({ createEngine: createNodeEngine, decode: nodeDecode });
    await workspace.loadFiles([{ name: 'kept.csv', blob: new Blob(['id,correct\n1,1\n2,0\n']) }]);
    await workspace.loadFiles([
      { name: 'locked.zip', blob: blobOf(markedEncrypted(zipOf({ 'a.csv': 'x\n1\n' }))) },
    ]);
    expect(workspace.tables.map((t) => t.fileName)).toEqual(['kept.csv']);
    expect(workspace.datasets).toHaveLength(1);
    const failed = workspace.jobs.find((j) => j.fileName === 'locked.zip');
    expect(failed?.status).toBe('failed');
    expect(failed?.error).toContain('the zip archive is encrypted');
    await (await workspace.engine).close();
  }, 60_000);
});
