import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { strFromU8, unzipSync } from 'fflate';
import { parseCsv } from '../e2e/reference';

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

/** Accuracy counts per overview row: rows with a gold answer, and those answered right. */
export type Tallies = Record<string, { n: number; correct: number }>;

function tally(counts: Tallies, key: string, truth: unknown, answer: unknown): void {
  if (truth === null || truth === undefined) return;
  counts[key] ??= { n: 0, correct: 0 };
  counts[key].n++;
  if (answer === truth) counts[key].correct++;
}

/** Per "model · config" of results/<model>/<config>/predictions.json: answer vs prediction. */
export async function perModelHandCounts(): Promise<Tallies> {
  const counts: Tallies = {};
  const results = join(FIXTURES, 'per-model', 'results');
  for (const model of await readdir(results))
    for (const config of await readdir(join(results, model))) {
      const rows = JSON.parse(
        await readFile(join(results, model, config, 'predictions.json'), 'utf8'),
      ) as { answer: string; prediction: string }[];
      for (const r of rows) tally(counts, `${model} · ${config}`, r.answer, r.prediction);
    }
  return counts;
}

/**
 * Per "model · config" of zips/bench-outputs.zip (outputs/<model>/<config>/predictions.*), each
 * entry read in its own format: CSV split by hand, JSON parsed, Parquet through native DuckDB.
 */
export async function zipHandCounts(): Promise<Tallies> {
  const entries = unzipSync(
    new Uint8Array(await readFile(join(FIXTURES, 'zips', 'bench-outputs.zip'))),
  );
  const counts: Tallies = {};
  for (const [path, bytes] of Object.entries(entries)) {
    const match = /^outputs\/([^/]+)\/([^/]+)\/predictions\.(\w+)$/.exec(path);
    if (!match) continue;
    const [, model, config, format] = match;
    let rows: Record<string, unknown>[];
    if (format === 'csv') {
      const [header, ...lines] = parseCsv(strFromU8(bytes));
      rows = lines.map((l) => Object.fromEntries(header.map((h, i) => [h, l[i]])));
    } else if (format === 'jsonl')
      rows = strFromU8(bytes)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    else if (format === 'json') rows = JSON.parse(strFromU8(bytes));
    else rows = await parquetRows(bytes);
    for (const r of rows) tally(counts, `${model} · ${config}`, r.answer, r.prediction);
  }
  return counts;
}

async function parquetRows(bytes: Uint8Array): Promise<Record<string, unknown>[]> {
  const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(join(tmpdir(), 'slicebook-counts-'));
  const db = await DuckDBInstance.create(':memory:');
  try {
    await writeFile(join(dir, 'p.parquet'), bytes);
    const connection = await db.connect();
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_parquet('${join(dir, 'p.parquet')}')`,
    );
    connection.closeSync();
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
}

/** The per-trial CSVs (per-trial/<experiment>/*.csv), as records with headers lower-cased. */
export async function perTrialRecords(): Promise<Record<string, string>[]> {
  const [experiment] = await readdir(join(FIXTURES, 'per-trial'));
  const folder = join(FIXTURES, 'per-trial', experiment);
  const records: Record<string, string>[] = [];
  for (const file of (await readdir(folder)).sort()) {
    const [header, ...lines] = parseCsv(await readFile(join(folder, file), 'utf8'));
    for (const l of lines)
      records.push(Object.fromEntries(header.map((h, i) => [h.toLowerCase(), l[i]])));
  }
  return records;
}

/**
 * Per "observer · condition": trials whose truth is not NaN, and those whose response equals
 * it (a NaN response is a trial with no answer: wrong).
 */
export async function perTrialHandCounts(): Promise<Tallies> {
  const counts: Tallies = {};
  for (const r of await perTrialRecords())
    tally(
      counts,
      `${r.observer} · ${r.condition}`,
      r.truth === 'NaN' ? null : r.truth,
      r.response === 'NaN' ? null : r.response,
    );
  return counts;
}

/** Per model of rows-under-key/leaderboard.json (the rows under "results"): correct is 0 or 1. */
export async function rowsUnderKeyHandCounts(): Promise<Tallies> {
  const { results } = JSON.parse(
    await readFile(join(FIXTURES, 'rows-under-key', 'leaderboard.json'), 'utf8'),
  ) as { results: { model: string; correct: number }[] };
  const counts: Tallies = {};
  for (const r of results) tally(counts, r.model, 1, r.correct);
  return counts;
}
