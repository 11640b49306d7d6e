import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lmEval } from '../../src/lib/ingest/formats/lm-eval';
import type { FileText } from '../../src/lib/ingest/formats/harness-format';

const ROOT = 'tests/fixtures/harness/lm-eval';
const NEW = 'EleutherAI__pythia-160m';
const OLD = 'run:arc=1,cb|v2+old';

async function folderTexts(...folders: string[]): Promise<FileText[]> {
  const texts: FileText[] = [];
  for (const folder of folders)
    for (const file of (await readdir(join(ROOT, folder))).sort())
      texts.push({
        name: `lm-eval/${folder}/${file}`,
        text: await readFile(join(ROOT, folder, file), 'utf8'),
      });
  return texts;
}

describe('lm-evaluation-harness --log_samples', () => {
  it('claims the samples files and the results files beside them, and nothing else', async () => {
    const texts = await folderTexts(NEW, OLD);
    const found = [...texts, { name: 'lm-eval/README.md', text: '' }].map((t) => ({
      name: t.name,
      head: t.text.slice(0, 4096),
    }));
    const groups = lmEval.claim(found);
    expect(groups).toHaveLength(1);
    expect(groups[0].map((f) => f.name).sort()).toEqual(texts.map((t) => t.name).sort());
  });

  it('reads a row per document (and filter) with the model from results_*.json, task:doc_id as the id', async () => {
    const plan = lmEval.read(await folderTexts(NEW, OLD));
    expect(plan.name).toBe('lm-eval/lm-eval samples');
    // 6 arc_easy + 2 x 4 gsm8k (two filters) for pythia; 6 arc_easy + 4 cb for the older run.
    expect(plan.rows).toHaveLength(24);
    const models = [...new Set(plan.rows.map((r) => r.model))];
    expect(models).toEqual(['EleutherAI/pythia-160m', 'TinyLlama/TinyLlama-1.1B']);
    const tasks = [...new Set(plan.rows.map((r) => `${r.model} ${r.task}`))];
    expect(tasks).toEqual([
      'EleutherAI/pythia-160m arc_easy',
      'EleutherAI/pythia-160m gsm8k (strict-match)',
      'EleutherAI/pythia-160m gsm8k (flexible-extract)',
      'TinyLlama/TinyLlama-1.1B arc_easy',
      'TinyLlama/TinyLlama-1.1B cb',
    ]);
    for (const model of models) {
      const ids = plan.rows.filter((r) => r.model === model).map((r) => r.example_id);
      expect(new Set(ids).size, String(model)).toBe(ids.length);
    }
    const gsm = plan.rows.find((r) => r.task === 'gsm8k (strict-match)' && r.doc_id === 0)!;
    expect(gsm).toMatchObject({
      example_id: 'gsm8k (strict-match):0',
      metric: 'exact_match',
      score: 1,
      response: '3',
      target: 'Count them.\n#### 3',
      filter: 'strict-match',
    });
    expect(plan.roles.score.role).toBe('outcome');
    expect(plan.roles.model.role).toBe('model');
    expect(plan.roles.example_id.role).toBe('id');
    expect(plan.overviewSplit).toBe('task');
  });

  it('keeps loglikelihood responses and a corpus-level f1 as JSON text, never a number', async () => {
    const plan = lmEval.read(await folderTexts(OLD));
    const cb = plan.rows.find((r) => r.task === 'cb' && r.doc_id === 2)!;
    // acc 0 on doc 2: f1's per-example value is the pair [gold, prediction] = [2, 0].
    expect(cb.f1).toBe('[2,0]');
    expect(cb.score).toBe(0);
    expect(cb.metric).toBe('acc');
    expect(cb.response).toBe('[["-1.25","True"],["-2.5","False"],["-3.75","False"]]');
    expect(plan.notes.join('\n')).toContain(
      'Metrics that are not a number per example (cb: f1) are corpus-level: kept as JSON text, not scored.',
    );
  });

  it('says when a file predates filter and metrics keys (v0.4.2 and before)', async () => {
    expect(lmEval.read(await folderTexts(OLD)).notes[0]).toContain(
      'Read as lm-evaluation-harness --log_samples output (before v0.4.3: no filter or metrics keys): 2 samples files, 2 tasks, 1 model',
    );
    expect(lmEval.read(await folderTexts(NEW)).notes[0]).toContain('(v0.4): 2 samples files');
  });

  it('samples without their results file: the model from the folder, and the missing file named', async () => {
    const samples = (await folderTexts(NEW)).filter((t) => t.name.includes('samples_arc'));
    const plan = lmEval.read(samples);
    expect(new Set(plan.rows.map((r) => r.model))).toEqual(new Set([NEW]));
    expect(plan.notes).toContain(
      `lm-eval/${NEW}/samples_arc_easy_2024-05-01T10-00-00.000001.jsonl has no results_*.json beside it, which names the model: the model is named "${NEW}" from the folder.`,
    );
  });

  it('names the file and line of a broken samples line', () => {
    expect(() =>
      lmEval.read([
        { name: 'x/samples_t_2024-01-01T00-00-00.1.jsonl', text: '{"doc_id": 0}\n{oops\n' },
      ]),
    ).toThrow('x/samples_t_2024-01-01T00-00-00.1.jsonl line 2 is not valid JSON');
  });
});
