import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** The harness log fixtures (tests/fixtures/harness/generate.mjs), counted by hand for the tests. */
export const HARNESS_FIXTURES = new URL('../fixtures/harness/', import.meta.url).pathname;
const FIXTURES = HARNESS_FIXTURES;

/** Per "model · task": n and the sum of the task's metric, counted from the JSON Lines by hand. */
export async function lmEvalHandCounts(): Promise<Record<string, { n: number; sum: number }>> {
  const model: Record<string, string> = {
    'EleutherAI__pythia-160m': 'EleutherAI/pythia-160m',
    'run:arc=1,cb|v2+old': 'TinyLlama/TinyLlama-1.1B',
  };
  const counts: Record<string, { n: number; sum: number }> = {};
  for (const folder of Object.keys(model))
    for (const file of await readdir(join(FIXTURES, 'lm-eval', folder))) {
      if (!file.startsWith('samples_')) continue;
      const task = file.replace(/^samples_/, '').replace(/_\d{4}-.*$/, '');
      for (const line of (await readFile(join(FIXTURES, 'lm-eval', folder, file), 'utf8'))
        .trim()
        .split('\n')) {
        const s = JSON.parse(line);
        const key = `${model[folder]} · ${task}${task === 'gsm8k' ? ` (${s.filter})` : ''}`;
        counts[key] ??= { n: 0, sum: 0 };
        counts[key].n++;
        counts[key].sum += task === 'gsm8k' ? s.exact_match : s.acc;
      }
    }
  return counts;
}

/** Per model: samples x epochs and the sum of scores, C/I/P/N read by hand (1, 0, 0.5, 0). */
export async function inspectHandCounts(): Promise<Record<string, { n: number; sum: number }>> {
  const value = (v: unknown) =>
    typeof v === 'number' ? v : { C: 1, I: 0, P: 0.5, N: 0 }[String(v)]!;
  const counts: Record<string, { n: number; sum: number }> = {};
  const add = (model: string, samples: { scores: { match: { value: unknown } } }[]) => {
    counts[model] ??= { n: 0, sum: 0 };
    for (const s of samples) {
      counts[model].n++;
      counts[model].sum += value(s.scores.match.value);
    }
  };
  for (const file of await readdir(join(FIXTURES, 'inspect', 'logs'))) {
    const bytes = await readFile(join(FIXTURES, 'inspect', 'logs', file));
    if (file.endsWith('.json')) {
      const log = JSON.parse(bytes.toString('utf8'));
      add(log.eval.model, log.samples);
    } else {
      const entries = unzipSync(new Uint8Array(bytes));
      const header = JSON.parse(strFromU8(entries['header.json']));
      const samples = Object.keys(entries)
        .filter((k) => k.startsWith('samples/'))
        .map((k) => JSON.parse(strFromU8(entries[k])));
      add(header.eval.model, samples);
    }
  }
  return counts;
}

/** Per MLflow run folder: rows and exact matches of outputs to ground_truth, counted by hand. */
export async function mlflowHandCounts(): Promise<Record<string, { n: number; sum: number }>> {
  const counts: Record<string, { n: number; sum: number }> = {};
  const runs = join(FIXTURES, 'mlflow', 'mlruns', '1');
  for (const run of await readdir(runs)) {
    const table = JSON.parse(
      await readFile(join(runs, run, 'artifacts', 'eval_results_table.json'), 'utf8'),
    ) as { columns: string[]; data: unknown[][] };
    const truth = table.columns.indexOf('ground_truth');
    const output = table.columns.indexOf('outputs');
    counts[run] = {
      n: table.data.length,
      sum: table.data.filter((row) => row[truth] === row[output]).length,
    };
  }
  return counts;
}

/** Per HELM run's model: unperturbed instances and their exact_match, counted by hand. */
export async function helmHandCounts(): Promise<Record<string, { n: number; sum: number }>> {
  const counts: Record<string, { n: number; sum: number }> = {};
  const runs = join(FIXTURES, 'helm', 'runs', 'v1');
  for (const run of await readdir(runs)) {
    const state = JSON.parse(await readFile(join(runs, run, 'scenario_state.json'), 'utf8'));
    const stats = JSON.parse(await readFile(join(runs, run, 'per_instance_stats.json'), 'utf8'));
    const model = state.adapter_spec.model as string;
    counts[model] = { n: 0, sum: 0 };
    for (const instance of stats) {
      if (instance.perturbation) continue;
      const em = instance.stats.find(
        (s: { name: { name: string; perturbation?: unknown } }) =>
          s.name.name === 'exact_match' && !s.name.perturbation,
      );
      counts[model].n++;
      counts[model].sum += em.mean;
    }
  }
  return counts;
}
