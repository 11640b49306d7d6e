import { isObject } from '../json-records';
import { formatCountOf, plural } from '../../format';
import { commonRoot, underRoot } from './common-root';
import type { FileText, FormatPlan, FoundFile, HarnessFormat } from './harness-format';

/**
 * Inspect AI evaluation logs (inspect_ai/log/_log.py, EvalLog and EvalSample): the `.eval` zip
 * (opened by inputs/open-inputs.ts into `<log>.eval/header.json`, `<log>.eval/samples/<id>_epoch_<n>.json`,
 * ...) and the `.json` log (the header's keys with `samples[]`). A row per sample and epoch.
 */
const IN_EVAL = /^(.*\.eval)\/(.+)$/;
const EVAL_SAMPLE = /^samples\/.+\.json$/;
/** A JSON log starts with its version and status, then the eval spec (EvalLog's field order). */
const JSON_LOG = /^\s*\{\s*"version"\s*:\s*\d+\s*,\s*"status"\s*:\s*"[a-z]+"\s*,\s*"eval"\s*:\s*\{/;

/**
 * Inspect's value_to_float (inspect_ai/scorer/_metric.py): CORRECT "C" = 1, INCORRECT "I" = 0,
 * PARTIAL "P" = 0.5, NOANSWER "N" = 0; yes/true = 1, no/false = 0; numbers as they are.
 */
const SCORE_TEXT: Record<string, number> = {
  C: 1,
  I: 0,
  P: 0.5,
  N: 0,
  yes: 1,
  no: 0,
  true: 1,
  false: 0,
};
export const SCORE_MAPPING =
  'C = 1, I = 0, P = 0.5, N = 0 (and yes/true = 1, no/false = 0; numbers as they are)';

interface Log {
  name: string;
  header: Record<string, unknown>;
  samples: Record<string, unknown>[];
}

export const inspectLog: HarnessFormat = {
  label: 'an Inspect AI log',
  claim(files: readonly FoundFile[]): FoundFile[][] {
    const claimed = files.filter((f) => IN_EVAL.test(f.name) || JSON_LOG.test(f.head));
    const hasLog = claimed.some(
      (f) => /\.eval\/header\.json$/.test(f.name) || JSON_LOG.test(f.head),
    );
    return hasLog ? [claimed] : [];
  },
  read(files: readonly FileText[]): FormatPlan {
    const logs = readLogs(files);
    const rows: Record<string, unknown>[] = [];
    const unmapped = new Set<string>();
    const scorers = new Set<string>();
    for (const log of logs) {
      const spec = isObject(log.header.eval) ? log.header.eval : {};
      const model = typeof spec.model === 'string' ? spec.model : 'unknown model';
      const task = typeof spec.task === 'string' ? spec.task : log.name;
      for (const sample of log.samples) {
        const scores = isObject(sample.scores) ? sample.scores : {};
        const names = Object.keys(scores);
        names.forEach((n) => scorers.add(n));
        const first = isObject(scores[names[0]])
          ? (scores[names[0]] as Record<string, unknown>)
          : {};
        const id = sample.id === undefined ? null : String(sample.id);
        const epoch = sample.epoch ?? 1;
        const row: Record<string, unknown> = {
          model,
          task,
          example_id: `${task}:${id}:${epoch}`,
          id,
          epoch,
          target: textOf(sample.target),
          answer: textOf(first.answer),
          score: scoreOf(first.value, unmapped),
          score_value: textOf(first.value),
        };
        for (const name of names.slice(1)) {
          const other = isObject(scores[name]) ? (scores[name] as Record<string, unknown>) : {};
          row[`score.${name}`] = scoreOf(other.value, unmapped);
        }
        const usage =
          isObject(sample.output) && isObject(sample.output.usage) ? sample.output.usage : {};
        for (const key of ['input_tokens', 'output_tokens', 'total_tokens'])
          if (typeof usage[key] === 'number') row[key] = usage[key];
        if (typeof sample.total_time === 'number') row.total_time = sample.total_time;
        if (sample.error !== undefined && sample.error !== null) row.error = textOf(sample.error);
        if (isObject(sample.metadata)) row.metadata = sample.metadata;
        rows.push(row);
      }
    }
    if (rows.length === 0)
      throw new Error('the logs hold no samples (were they written with --no-log-samples?).');
    const models = new Set(rows.map((r) => r.model));
    const tasks = new Set(rows.map((r) => r.task));
    const versions = new Set(logs.map((l) => l.header.version));
    const notes = [
      `Read as Inspect AI ${plural(logs.length, 'log')} (format version ${[...versions].join(', ')}): ${formatCountOf(logs.length, 'log')}, ${formatCountOf(tasks.size, 'task')}, ${formatCountOf(models.size, 'model')}, a row per sample and epoch; "score" is the scorer ${[...scorers][0] ?? ''}'s value mapped to a number as Inspect does: ${SCORE_MAPPING}.`,
    ];
    if (unmapped.size > 0)
      notes.push(
        `Score values with no number (${[...unmapped].slice(0, 5).join(', ')}) are left empty in "score"; "score_value" keeps them.`,
      );
    const single = logs.length === 1 ? logs[0].name : null;
    return {
      name: single ?? underRoot(commonRoot(logs.map((l) => l.name)), 'inspect logs'),
      rows,
      roles: {
        model: { role: 'model', reason: 'Inspect: eval.model' },
        example_id: { role: 'id', reason: "Inspect: task, the sample's id and the epoch" },
        id: { role: 'group', reason: "Inspect: the sample's id" },
        score: { role: 'outcome', reason: `Inspect: the score mapped ${SCORE_MAPPING}` },
        epoch: { role: 'group', reason: 'Inspect: the epoch' },
        task: { role: 'group', reason: 'Inspect: eval.task' },
        score_value: { role: 'group', reason: 'Inspect: the score as written' },
      },
      notes,
      ...(tasks.size > 1 ? { overviewSplit: 'task' } : {}),
    };
  },
};

/** The logs among the files: `.eval` entries grouped by their log, and JSON logs. */
function readLogs(files: readonly FileText[]): Log[] {
  const logs = new Map<string, Log>();
  for (const file of files) {
    const inEval = IN_EVAL.exec(file.name);
    if (!inEval) {
      const parsed = parse(file);
      const { samples, ...header } = parsed;
      logs.set(file.name, {
        name: file.name,
        header,
        samples: Array.isArray(samples) ? samples.filter(isObject) : [],
      });
      continue;
    }
    const [, name, inside] = inEval;
    const log = logs.get(name) ?? { name, header: {}, samples: [] };
    logs.set(name, log);
    if (inside === 'header.json') log.header = parse(file);
    else if (EVAL_SAMPLE.test(inside)) log.samples.push(parse(file));
  }
  for (const log of logs.values())
    if (!isObject(log.header.eval))
      throw new Error(
        `${log.name} has no header.json (the eval's model and task): it is incomplete. Write the log again.`,
      );
  for (const log of logs.values())
    log.samples.sort((a, b) => compare(a.id, b.id) || compare(a.epoch, b.epoch));
  return [...logs.values()];
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

function parse(file: FileText): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (e) {
    throw new Error(`${file.name} is not valid JSON (${(e as Error).message}).`);
  }
  if (!isObject(value)) throw new Error(`${file.name} is not a JSON object.`);
  return value;
}

function scoreOf(value: unknown, unmapped: Set<string>): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string') {
    const mapped = SCORE_TEXT[value] ?? SCORE_TEXT[value.toLowerCase()];
    if (mapped !== undefined) return mapped;
    const number = Number(value);
    if (value.trim() !== '' && Number.isFinite(number)) return number;
  }
  if (value !== undefined && value !== null) unmapped.add(textOf(value) ?? '');
  return null;
}

function textOf(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}
