import type { ColumnProfile } from '../../ingest/profile';
import { columnWith, columnsWith, type Role } from '../../ingest/roles';
import type { ClassColumn } from '../../metrics/class-columns';
import { correctnessOf, type Correctness } from '../../metrics/correctness';
import { MetricFrame } from '../../metrics/metrics-sql';
import type { Dataset } from '../../datasets/dataset';
import { ident } from '../../sql/quote';
import type { AuditCell } from './audit-cell';

/** Up to this many models are audited at once (their right/wrong patterns fit a bit mask). */
export const MAX_AUDIT_MODELS = 12;

/** Text shorter than this on average is a category, not an input to look for duplicates of. */
const MIN_TEXT_LENGTH = 20;

/** Roles whose columns are never the input text. */
const NOT_TEXT: readonly Role[] = ['id', 'model', 'label', 'prediction', 'outcome', 'score'];

/** What the audit reads, checked against the dataset. */
export interface AuditPlan {
  source: string;
  id: string;
  model: string;
  /** The models audited; model i is bit i of a right/wrong pattern. */
  models: string[];
  /** Right or wrong per row (as accuracy counts it), and the columns it reads. */
  correctness: Correctness;
  /**
   * With a gold label and each model's answer (classification): each as a class key (VARCHAR,
   * the same class compares equal: 1 and 1.0) and as written; `frame` makes any value's key
   * (classKeySql).
   */
  answers?: {
    gold: string;
    goldShown: string;
    answer: string;
    answerShown: string;
    frame: MetricFrame;
  };
  feature?: string;
  text?: string;
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter: string;
  similarity: number;
}

/**
 * The longest text column that plays no part in scoring: what the examples' inputs are. A column
 * with fewer distinct values than half the example ids is a category (MMLU-Pro's `src`, the
 * subject's source), not an input: its "duplicates" would be whole subjects.
 */
export function textColumn(columns: readonly ColumnProfile[], roles: Record<string, Role>) {
  const id = columns.find((c) => roles[c.name] === 'id');
  return columns
    .filter((c) => c.kind === 'text' && !NOT_TEXT.includes(roles[c.name]))
    .filter((c) => (c.meanLength ?? 0) >= MIN_TEXT_LENGTH)
    .filter((c) => !id || c.distinct >= id.distinct / 2)
    .sort((a, b) => (b.meanLength ?? 0) - (a.meanLength ?? 0))[0]?.name;
}

/** The plan of an audit of `models` (the dataset's, as the cell picks them), or what is missing. */
export function auditPlan(
  cell: AuditCell,
  dataset: Dataset,
  models: readonly string[],
  filter: string,
): AuditPlan | { missing: string } {
  const id = columnWith(dataset.roles, 'id');
  const model = columnWith(dataset.roles, 'model');
  if (!model) return { missing: 'Give a column the role "model": the audit compares models.' };
  if (!id) return { missing: 'Give a column the role "example id" to pair the models\u2019 rows.' };
  if (models.length < 2)
    return {
      missing: `The audit needs two or more models answering the same examples (agreement between models is its evidence); the column ${model} holds ${models.length}.`,
    };
  if (models.length > MAX_AUDIT_MODELS)
    return { missing: `Pick at most ${MAX_AUDIT_MODELS} models (${models.length} are picked).` };
  const names = dataset.profile.columns.map((c) => c.name);
  if (cell.feature && !names.includes(cell.feature))
    return { missing: `The dataset has no column "${cell.feature}" to slice by.` };
  if (cell.text && !names.includes(cell.text))
    return { missing: `The dataset has no column "${cell.text}" to look for duplicates in.` };
  const kinds = Object.fromEntries(dataset.profile.columns.map((c) => [c.name, c.kind]));
  const correctness = correctnessOf(dataset.roles, dataset.taskKind, kinds);
  if ('missing' in correctness) return correctness;
  const { label, answer: prediction } = correctness;
  const classification = dataset.taskKind === 'binary' || dataset.taskKind === 'multiclass';
  let answers: AuditPlan['answers'];
  if (classification && label && prediction === columnWith(dataset.roles, 'prediction')) {
    const frame = new MetricFrame({ source: '', columns: { label, prediction }, kinds });
    const key = (sql: string) => `CAST(${frame.classOf(sql)} AS VARCHAR)`;
    const shown = (column: string) => `CAST(${ident(column)} AS VARCHAR)`;
    answers = {
      gold: key(ident(label)),
      goldShown: shown(label),
      answer: key(ident(prediction)),
      answerShown: shown(prediction),
      frame,
    };
  }
  const text =
    cell.text === null
      ? undefined
      : cell.text || textColumn(dataset.profile.columns, dataset.roles);
  return {
    source: dataset.plan.name,
    id,
    model,
    models: [...models],
    correctness,
    answers,
    feature: cell.feature || undefined,
    text,
    filter,
    similarity: Math.min(1, Math.max(0.5, cell.similarity)),
  };
}

/** The score columns the confident-learning rule may read: per class, or one binary score. */
export function scoreColumns(dataset: Dataset): string[] {
  return columnsWith(dataset.roles, 'score');
}

/** A class's probability per row: a per-class column, or 1 - the score for a binary negative. */
export interface ClassProbability {
  value: string;
  /** SQL over the row: the probability, NULL where it is not a finite number. */
  sql: string;
}

/** Per-class probabilities from matched columns (matchClassColumns). */
export function perClassProbabilities(columns: readonly ClassColumn[]): ClassProbability[] {
  return columns.map((c) => ({ value: c.value, sql: finite(ident(c.column)) }));
}

/** A binary task's one score, P(positive): the positive class's, and 1 - it the other's. */
export function binaryProbabilities(
  score: string,
  positive: string,
  negative: string,
): ClassProbability[] {
  const p = finite(ident(score));
  return [
    { value: negative, sql: `1 - ${p}` },
    { value: positive, sql: p },
  ];
}

const finite = (column: string) =>
  `CASE WHEN isfinite(TRY_CAST(${column} AS DOUBLE)) THEN TRY_CAST(${column} AS DOUBLE) END`;
