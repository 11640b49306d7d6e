import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmRun } from '../../src/lib/ingest/formats/helm-run';
import type { FileText } from '../../src/lib/ingest/formats/harness-format';
import { HARNESS_FIXTURES } from '../helpers/harness-counts';

const RUNS = join(HARNESS_FIXTURES, 'helm', 'runs', 'v1');

async function runTexts(): Promise<FileText[]> {
  const texts: FileText[] = [];
  for (const run of (await readdir(RUNS)).sort())
    for (const file of (await readdir(join(RUNS, run))).sort())
      texts.push({
        name: `helm/runs/v1/${run}/${file}`,
        text: await readFile(join(RUNS, run, file), 'utf8'),
      });
  return texts;
}

describe('HELM run folders', () => {
  it('claims per_instance_stats.json and the files of its run folder', async () => {
    const texts = await runTexts();
    const groups = helmRun.claim(texts.map((t) => ({ name: t.name, head: '' })));
    expect(groups[0].map((f) => f.name.split('/').pop()).sort()).toEqual([
      'per_instance_stats.json',
      'per_instance_stats.json',
      'run_spec.json',
      'run_spec.json',
      'scenario_state.json',
      'scenario_state.json',
    ]);
  });

  it('a row per unperturbed instance and trial, a column per metric, joined with the completion and reference', async () => {
    const plan = helmRun.read(await runTexts());
    expect(plan.name).toBe('helm/runs/v1/helm runs');
    expect(plan.rows).toHaveLength(8);
    const first = plan.rows.find((r) => r.model === 'openai/gpt2' && r.instance_id === 'id11')!;
    expect(first).toMatchObject({
      task: 'mmlu:subject=philosophy,method=multiple_choice_joint',
      example_id: 'mmlu:subject=philosophy,method=multiple_choice_joint:id11:0',
      exact_match: 0,
      num_output_tokens: 1,
      metric: 'exact_match',
      score: 0,
      reference: 'Kant',
      completion: 'Hume',
    });
    expect(plan.notes[0]).toContain('2 perturbed instance entries left out.');
    expect(plan.roles.score.role).toBe('outcome');
  });

  it('without scenario_state.json the model comes from the run name, and the note says so', async () => {
    const stats = (await runTexts()).filter((t) => t.name.endsWith('per_instance_stats.json'));
    const plan = helmRun.read(stats.slice(0, 1));
    expect(plan.rows[0].model).toBe('openai_gpt2');
    expect(plan.notes[1]).toContain('has no scenario_state.json beside it');
  });
});
