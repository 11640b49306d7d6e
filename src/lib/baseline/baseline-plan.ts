import type { ColumnProfile } from '../ingest/profile';
import { columnWith, type Role, type TaskKind, TASK_LABELS } from '../ingest/roles';
import type { SliceFeature } from '../slicing/slice-feature';
import { exampleValue, type ExampleValue } from './example-value';
import { plural } from '../format';

/** What the comparison needs of each run's dataset. */
export interface RunDataset {
  name: string;
  columns: ColumnProfile[];
  roles: Record<string, Role>;
  taskKind: TaskKind;
  /** In a table of several runs (stacked files), this run's rows: where `column`, as text, is `value`. */
  runRows?: { column: string; value: string };
}

/** A slice cell of the notebook, as the comparison slices: its name and resolved features. */
export interface SliceSet {
  cell: string;
  features: SliceFeature[];
}

/** The two runs checked against each other: what is compared, on which columns, by which slices. */
export interface BaselinePlan {
  candidate: RunDataset;
  baseline: RunDataset;
  /** The per-example value on each run (the SQL may differ where a column's type does). */
  values: { candidate: ExampleValue; baseline: ExampleValue };
  id?: string;
  model?: string;
  sets: SliceSet[];
  /** Columns one run has and the other lacks, when the comparison does not use them. */
  notes: string[];
}

const PAIRING_ROLES = ['id', 'model', 'label', 'prediction', 'outcome'] as const;

/**
 * Checks that a candidate and a baseline run can be compared: the same task kind, and every
 * column the comparison reads (the roles it uses, the slice features) in both with the same role.
 * Returns the plan, or what differs, in words.
 */
export function baselinePlan(
  candidate: RunDataset,
  baseline: RunDataset,
  sets: SliceSet[],
): BaselinePlan | { error: string } {
  const label = (d: RunDataset) => TASK_LABELS[d.taskKind].toLowerCase();
  if (candidate.taskKind !== baseline.taskKind)
    return {
      error: `the runs are of different task kinds: the candidate's ${candidate.name} is ${label(candidate)}, the baseline's ${baseline.name} ${label(baseline)}.`,
    };
  const names = (d: RunDataset) => new Set(d.columns.map((c) => c.name));
  const [inCandidate, inBaseline] = [names(candidate), names(baseline)];
  const used = new Set<string>(sets.flatMap((s) => s.features.map((f) => f.column)));
  for (const role of PAIRING_ROLES) {
    const column = columnWith(candidate.roles, role);
    if (column === undefined) continue;
    used.add(column);
    if (inBaseline.has(column) && columnWith(baseline.roles, role) !== column)
      return {
        error: `the runs give the role "${role}" to different columns: ${column} in the candidate, ${columnWith(baseline.roles, role) ?? 'none'} in the baseline.`,
      };
  }
  const lacking = [...used].filter((c) => !inBaseline.has(c));
  if (lacking.length > 0)
    return {
      error: `the baseline lacks the ${plural(lacking.length, 'column')} ${lacking.join(', ')} that the comparison reads (the candidate has ${lacking.length > 1 ? 'them' : 'it'}).`,
    };
  const kinds = (d: RunDataset) => Object.fromEntries(d.columns.map((c) => [c.name, c.kind]));
  const values = {
    candidate: exampleValue(candidate.roles, candidate.taskKind, kinds(candidate)),
    baseline: exampleValue(baseline.roles, baseline.taskKind, kinds(baseline)),
  };
  if ('missing' in values.candidate) return { error: values.candidate.missing };
  if ('missing' in values.baseline) return { error: values.baseline.missing };
  const onlyCandidate = [...inCandidate].filter((c) => !inBaseline.has(c));
  const onlyBaseline = [...inBaseline].filter((c) => !inCandidate.has(c));
  const notes = [
    onlyCandidate.length > 0 ? `only the candidate has ${onlyCandidate.join(', ')}` : '',
    onlyBaseline.length > 0 ? `only the baseline has ${onlyBaseline.join(', ')}` : '',
  ].filter((n) => n !== '');
  return {
    candidate,
    baseline,
    values: { candidate: values.candidate, baseline: values.baseline },
    id: columnWith(candidate.roles, 'id'),
    model: columnWith(candidate.roles, 'model'),
    sets,
    notes: notes.map((n) => `Columns: ${n} (not compared).`),
  };
}
