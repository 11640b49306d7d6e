import { commonRoot, underRoot } from './common-root';
import { formatCountOf } from '../../format';
import type { FileText, FormatPlan, FoundFile, HarnessFormat } from './harness-format';

/**
 * HELM run folders (`benchmark_output/runs/<suite>/<scenario>:<args>,model=<m>/`), as helm-run
 * writes them (helm/benchmark/runner.py): `per_instance_stats.json` (a stats[] array per instance
 * and trial, each stat named by metric, split and perhaps a perturbation) with
 * `scenario_state.json` (the request states: the instance and its references, the completion, the
 * model) beside it; the folder's other files are claimed and left unread. A row per unperturbed instance and trial, a column per metric (its mean).
 */
const STATS = /(^|\/)per_instance_stats\.json$/;
const STATE = /(^|\/)scenario_state\.json$/;
/** The metric `score` holds: the first of these a run has, else its first metric. */
const PRIMARY = ['exact_match', 'quasi_exact_match', 'prefix_exact_match', 'f1_score', 'rouge_l'];

const folderOf = (name: string) => name.split('/').slice(0, -1).join('/');
type Json = Record<string, unknown>;

export const helmRun: HarnessFormat = {
  label: 'a HELM run folder',
  claim(files: readonly FoundFile[]): FoundFile[][] {
    const stats = files.filter((f) => STATS.test(f.name));
    if (stats.length === 0) return [];
    const runs = new Set(stats.map((f) => folderOf(f.name)));
    // The run's other files (run_spec.json, stats.json, instances.json, ...) are its own, not tables.
    const rest = files.filter((f) => !STATS.test(f.name) && runs.has(folderOf(f.name)));
    return [[...stats, ...rest]];
  },
  read(files: readonly FileText[]): FormatPlan {
    const rows: Record<string, unknown>[] = [];
    const notes: string[] = [];
    const runs = files.filter((f) => STATS.test(f.name));
    let perturbed = 0;
    for (const file of runs) {
      const folder = folderOf(file.name);
      const runName = folder.split('/').pop() ?? folder;
      const stateFile = files.find((f) => STATE.test(f.name) && folderOf(f.name) === folder);
      const state = stateFile ? (parse(stateFile) as Json) : null;
      if (!stateFile)
        notes.push(
          `${file.name} has no scenario_state.json beside it (the model, predictions and references): the model is read from the run's name.`,
        );
      const model = modelOf(state, runName);
      const task = runName.replace(/(^|,)model=[^,]*/, '').replace(/:$/, '') || runName;
      const requests = requestsByInstance(state);
      const instances = parse(file);
      if (!Array.isArray(instances)) throw new Error(`${file.name} is not an array of instances.`);
      const metricOrder: string[] = [];
      for (const instance of instances as Json[]) {
        if (instance.perturbation) {
          perturbed++;
          continue;
        }
        const trial = Number(instance.train_trial_index ?? 0);
        const id = String(instance.instance_id);
        const row: Record<string, unknown> = {
          model,
          task,
          example_id: `${task}:${id}:${trial}`,
          instance_id: id,
          trial,
        };
        for (const stat of (Array.isArray(instance.stats) ? instance.stats : []) as Json[]) {
          const name = (stat.name ?? {}) as Json;
          if (name.perturbation || typeof name.name !== 'string') continue;
          if (!metricOrder.includes(name.name)) metricOrder.push(name.name);
          row[name.name] = typeof stat.mean === 'number' ? stat.mean : statMean(stat);
        }
        const primary = PRIMARY.find((m) => metricOrder.includes(m)) ?? metricOrder[0];
        row.metric = primary ?? null;
        row.score = primary !== undefined ? (row[primary] ?? null) : null;
        const request = requests.get(`${id}:${trial}`);
        if (request) Object.assign(row, request);
        rows.push(row);
      }
    }
    if (rows.length === 0) throw new Error('the runs hold no unperturbed instances.');
    const models = new Set(rows.map((r) => r.model));
    const tasks = new Set(rows.map((r) => r.task));
    notes.unshift(
      `Read as HELM run folders: ${formatCountOf(runs.length, 'run')}, ${formatCountOf(tasks.size, 'scenario')}, ${formatCountOf(models.size, 'model')}; a row per instance and trial from per_instance_stats.json (a column per metric, its mean) joined with scenario_state.json on the instance id and trial; "score" holds the first of ${PRIMARY.join(', ')} a run has.${perturbed > 0 ? ` ${perturbed} perturbed instance entries left out.` : ''}`,
    );
    return {
      name: underRoot(commonRoot(runs.map((f) => folderOf(f.name))), 'helm runs'),
      rows,
      roles: {
        model: { role: 'model', reason: "HELM: the adapter spec's model" },
        task: { role: 'group', reason: 'HELM: the run name without its model' },
        example_id: { role: 'id', reason: 'HELM: scenario, instance id and trial' },
        score: { role: 'outcome', reason: 'HELM: the per-instance metric' },
        instance_id: { role: 'ignore', reason: 'HELM: part of the example id' },
        reference: { role: 'group', reason: 'HELM: the reference tagged correct' },
        completion: { role: 'group', reason: "HELM: the model's completion" },
      },
      notes,
      ...(tasks.size > 1 ? { overviewSplit: 'task' } : {}),
    };
  },
};

function modelOf(state: Json | null, runName: string): string {
  const adapter = (state?.adapter_spec ?? {}) as Json;
  if (typeof adapter.model === 'string') return adapter.model;
  return /(?:^|[:,])model=([^,]+)/.exec(runName)?.[1] ?? runName;
}

/** Per `instance_id:trial`, the correct reference and the completion (mapped through output_mapping). */
function requestsByInstance(state: Json | null): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const rs of (Array.isArray(state?.request_states) ? state.request_states : []) as Json[]) {
    const instance = (rs.instance ?? {}) as Json;
    if (instance.perturbation) continue;
    const references = (Array.isArray(instance.references) ? instance.references : []) as Json[];
    const correct = references.find((r) => Array.isArray(r.tags) && r.tags.includes('correct'));
    const completions = ((rs.result as Json | undefined)?.completions ?? []) as Json[];
    const text = typeof completions[0]?.text === 'string' ? completions[0].text.trim() : null;
    const mapping = (rs.output_mapping ?? {}) as Record<string, unknown>;
    const mapped = text !== null && typeof mapping[text] === 'string' ? mapping[text] : text;
    out.set(`${instance.id}:${Number(rs.train_trial_index ?? 0)}`, {
      reference: ((correct?.output ?? {}) as Json).text ?? null,
      completion: mapped,
      split: instance.split ?? null,
    });
  }
  return out;
}

function statMean(stat: Json): number | null {
  return typeof stat.sum === 'number' && typeof stat.count === 'number' && stat.count > 0
    ? stat.sum / stat.count
    : null;
}

function parse(file: FileText): unknown {
  try {
    return JSON.parse(file.text);
  } catch (e) {
    throw new Error(`${file.name} is not valid JSON (${(e as Error).message}).`);
  }
}
