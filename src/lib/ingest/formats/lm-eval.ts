import { isObject } from '../json-records';
import { formatCountOf } from '../../format';
import { commonRoot, underRoot } from './common-root';
import type { FileText, FormatPlan, FoundFile, HarnessFormat } from './harness-format';

/**
 * lm-evaluation-harness `--log_samples` output: `samples_<task>_<date>.jsonl`, a line per document
 * (and filter), with `results_<date>.json` beside it naming the model. Written by
 * lm_eval/evaluator.py and lm_eval/loggers/evaluation_tracker.py (v0.4); files from before 0.4.3
 * lack the `filter`, `metrics` and hash keys.
 */
const SAMPLES = /(^|\/)samples_(.+)_(\d{4}-\d{2}-\d{2}T[\d.-]+)\.jsonl$/;
const RESULTS = /(^|\/)results_(\d{4}-\d{2}-\d{2}T[\d.-]+)\.json$/;
/** Keys of a sample line that are not metrics. */
const SAMPLE_KEYS = new Set([
  'doc_id',
  'doc',
  'target',
  'arguments',
  'resps',
  'filtered_resps',
  'filter',
  'metrics',
  'doc_hash',
  'prompt_hash',
  'target_hash',
]);

const folderOf = (name: string) => name.split('/').slice(0, -1).join('/');

export const lmEval: HarnessFormat = {
  label: 'lm-evaluation-harness --log_samples output',
  claim(files: readonly FoundFile[]): FoundFile[][] {
    const samples = files.filter((f) => SAMPLES.test(f.name));
    if (samples.length === 0) return [];
    const folders = new Set(samples.map((f) => folderOf(f.name)));
    const results = files.filter((f) => RESULTS.test(f.name) && folders.has(folderOf(f.name)));
    return [[...samples, ...results]];
  },
  read(files: readonly FileText[]): FormatPlan {
    const results = files.filter((f) => RESULTS.test(f.name));
    const samples = files.filter((f) => SAMPLES.test(f.name));
    const notes: string[] = [];
    const rows: Record<string, unknown>[] = [];
    const tasks = new Set<string>();
    const models = new Set<string>();
    let older = 0;
    const corpusLevel = new Set<string>();
    for (const file of samples) {
      const [, , task, date] = SAMPLES.exec(file.name)!;
      const companion =
        results.find(
          (r) => RESULTS.exec(r.name)![2] === date && folderOf(r.name) === folderOf(file.name),
        ) ?? results.find((r) => folderOf(r.name) === folderOf(file.name));
      const model = companion ? modelOf(companion) : null;
      const modelName = model ?? (folderOf(file.name).split('/').pop() || 'unknown model');
      if (!companion)
        notes.push(
          `${file.name} has no results_*.json beside it, which names the model: the model is named "${modelName}" from the folder.`,
        );
      const lines = parseLines(file);
      const filters = new Set(lines.map((l) => l.filter ?? 'none'));
      for (const line of lines) {
        if (!('metrics' in line)) older++;
        const filter = typeof line.filter === 'string' ? line.filter : undefined;
        const taskName = filters.size > 1 ? `${task} (${filter})` : task;
        const metricNames = Array.isArray(line.metrics)
          ? line.metrics.map(String)
          : Object.keys(line).filter((k) => !SAMPLE_KEYS.has(k));
        const primary = metricNames.find((m) => typeof line[m] === 'number');
        for (const m of metricNames)
          if (typeof line[m] !== 'number') corpusLevel.add(`${task}: ${m}`);
        const row: Record<string, unknown> = {
          model: modelName,
          task: taskName,
          example_id: `${taskName}:${String(line.doc_id)}`,
          doc_id: line.doc_id,
          metric: primary ?? null,
          score: primary ? line[primary] : null,
          target: scalarOrText(line.target),
          response: scalarOrText(unwrap(line.filtered_resps)),
        };
        if (filter !== undefined) row.filter = filter;
        for (const m of metricNames)
          row[m] = typeof line[m] === 'number' ? line[m] : jsonText(line[m]);
        if (isObject(line.doc)) row.doc = line.doc;
        rows.push(row);
        tasks.add(taskName);
        models.add(modelName);
      }
    }
    if (rows.length === 0) throw new Error('the samples files hold no lines.');
    notes.unshift(
      `Read as lm-evaluation-harness --log_samples output${older === rows.length ? ' (before v0.4.3: no filter or metrics keys)' : ' (v0.4)'}: ${formatCountOf(samples.length, 'samples file')}, ${formatCountOf(tasks.size, 'task')}, ${formatCountOf(models.size, 'model')}; "score" is each task's first per-example metric (named in "metric"), the example id is task:doc_id.`,
    );
    if (corpusLevel.size > 0)
      notes.push(
        `Metrics that are not a number per example (${[...corpusLevel].join(', ')}) are corpus-level: kept as JSON text, not scored.`,
      );
    return {
      name: underRoot(commonRoot(samples.map((f) => f.name)), 'lm-eval samples'),
      rows,
      roles: {
        model: { role: 'model', reason: 'lm-eval: the model from results_*.json (or the folder)' },
        task: { role: 'group', reason: 'lm-eval: the task from the samples file name' },
        example_id: { role: 'id', reason: 'lm-eval: task and doc_id (unique per task)' },
        score: { role: 'outcome', reason: "lm-eval: the task's per-example metric" },
        doc_id: { role: 'ignore', reason: 'lm-eval: part of the example id' },
        metric: { role: 'group', reason: 'lm-eval: which metric "score" holds' },
      },
      notes,
      ...(tasks.size > 1 ? { overviewSplit: 'task' } : {}),
    };
  },
};

function modelOf(results: FileText): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(results.text);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  if (typeof parsed.model_name === 'string' && parsed.model_name) return parsed.model_name;
  const config = isObject(parsed.config) ? parsed.config : {};
  const args = config.model_args;
  if (isObject(args) && typeof args.pretrained === 'string') return args.pretrained;
  if (typeof args === 'string') {
    const pretrained = /(?:^|,)\s*(?:pretrained|model|engine)=([^,]+)/.exec(args);
    if (pretrained) return pretrained[1];
  }
  return typeof config.model === 'string' ? config.model : null;
}

function parseLines(file: FileText): Record<string, unknown>[] {
  return file.text
    .split('\n')
    .map((line, i) => [line.trim(), i] as const)
    .filter(([line]) => line !== '')
    .map(([line, i]) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (e) {
        throw new Error(`${file.name} line ${i + 1} is not valid JSON (${(e as Error).message}).`);
      }
      if (!isObject(value)) throw new Error(`${file.name} line ${i + 1} is not a JSON object.`);
      return value;
    });
}

/** `["42"]` -> `"42"`: a generation's one filtered response. */
function unwrap(value: unknown): unknown {
  return Array.isArray(value) && value.length === 1 ? value[0] : value;
}

/** A string, number or boolean as it is; anything nested as JSON text (never a number made up). */
function scalarOrText(value: unknown): unknown {
  return value === null || typeof value !== 'object' ? (value ?? null) : jsonText(value);
}

const jsonText = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
