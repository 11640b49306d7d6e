import type { Table } from 'apache-arrow';
import type { ColumnProfile } from '../ingest/profile';
import { columnWith, columnsWith, type Role, type TaskKind } from '../ingest/roles';
import { ident } from '../sql/quote';
import { notAProbability } from './score-range';
import { meanInterval } from '../stats/student-t';
import { wilsonInterval, type Interval } from '../stats/wilson';

export interface OverviewOptions {
  source: string;
  columns: ColumnProfile[];
  roles: Record<string, Role>;
  taskKind: TaskKind;
  /** A SQL condition on the dataset's rows (the notebook's global filter); empty for none. */
  filter?: string;
  /** A column each model's rows are split by (`model · task`), as a harness log's tasks are. */
  split?: string;
}

export type HeadlineMetric = 'accuracy' | 'mean outcome' | 'MAE';

export interface OverviewRow {
  model: string;
  metric: HeadlineMetric;
  /** Examples the metric is computed on. */
  n: number;
  /** Rows left out, and why (no label, no outcome). */
  excluded: number;
  estimate: number;
  interval: Interval;
  method: 'Wilson' | 't';
  /** Rows with a label but no usable prediction; counted as wrong. */
  missingPredictions: number;
}

export interface OverviewQuery {
  sql: string;
  metric: HeadlineMetric;
  /** Why the overview cannot be computed, when it cannot. */
  missing?: string;
}

/** The column the overview splits each model's rows by: `split` where the table has it. */
export function overviewSplitColumn(
  split: string | undefined,
  columns: readonly ColumnProfile[],
): string | undefined {
  return split && columns.some((c) => c.name === split) ? split : undefined;
}

/** What a headline metric needs, per task kind. */
export function buildOverviewQuery(o: OverviewOptions): OverviewQuery {
  const col = (role: Role) => columnWith(o.roles, role);
  const model = col('model');
  const split = overviewSplitColumn(o.split, o.columns);
  const modelExpr = model
    ? split
      ? `CAST(${ident(model)} AS VARCHAR) || ' · ' || CAST(${ident(split)} AS VARCHAR)`
      : `CAST(${ident(model)} AS VARCHAR)`
    : `'all rows'`;
  const rows = o.filter?.trim()
    ? `(SELECT * FROM ${ident(o.source)} WHERE (${o.filter}))`
    : ident(o.source);
  const from = `FROM ${rows} GROUP BY 1 ORDER BY 1`;
  const label = col('label');
  const prediction = col('prediction');
  const score = columnsWith(o.roles, 'score')[0];
  const outcome = col('outcome');

  const labelKind = o.columns.find((c) => c.name === label)?.kind;
  if (
    label &&
    !prediction &&
    score &&
    labelKind !== 'integer' &&
    labelKind !== 'number' &&
    labelKind !== 'boolean'
  ) {
    return {
      sql: '',
      metric: 'accuracy',
      missing: `The label "${label}" is not 0/1, so a score cannot be turned into a decision: pick a prediction column.`,
    };
  }
  const notProbability = !prediction && score ? notAProbability(o.columns, score) : null;
  if (label && notProbability) return { sql: '', metric: 'accuracy', missing: notProbability };
  if ((o.taskKind === 'binary' || o.taskKind === 'multiclass') && label && (prediction || score)) {
    const predicted = prediction ? ident(prediction) : `(${ident(score!)} >= 0.5)::INTEGER`;
    const match = sameValue(o.columns, label, prediction, ident(label), predicted);
    const sql = [
      `SELECT ${modelExpr} AS model,`,
      `  count(${ident(label)})::DOUBLE AS n,`,
      `  (count(*) - count(${ident(label)}))::DOUBLE AS excluded,`,
      `  count(*) FILTER (WHERE ${ident(label)} IS NOT NULL AND ${predicted} IS NULL)::DOUBLE AS missing,`,
      `  count(*) FILTER (WHERE ${match})::DOUBLE AS successes`,
      from,
    ].join('\n');
    return { sql, metric: 'accuracy' };
  }
  if (o.taskKind === 'regression' && label && prediction) {
    const error = `abs(${ident(prediction)}::DOUBLE - ${ident(label)}::DOUBLE)`;
    return { sql: meanSql(modelExpr, error, from), metric: 'MAE' };
  }
  if (o.taskKind === 'score' && outcome) {
    return { sql: meanSql(modelExpr, `${ident(outcome)}::DOUBLE`, from), metric: 'mean outcome' };
  }
  return {
    sql: '',
    metric: 'accuracy',
    missing: 'Pick a label and a prediction (or an outcome column) to see a headline metric.',
  };
}

function meanSql(modelExpr: string, value: string, from: string): string {
  return [
    `SELECT ${modelExpr} AS model,`,
    `  count(${value})::DOUBLE AS n,`,
    `  (count(*) - count(${value}))::DOUBLE AS excluded,`,
    `  avg(${value}) AS mean,`,
    `  stddev_samp(${value}) AS sd,`,
    `  bool_and(${value} IN (0, 1)) AS binary,`,
    `  sum(${value}) AS total`,
    from,
  ].join('\n');
}

/** Label and prediction compared as numbers when both are numeric (1 = 1.0), else as trimmed text. */
function sameValue(
  columns: ColumnProfile[],
  label: string,
  prediction: string | undefined,
  l: string,
  p: string,
): string {
  const kind = (name: string | undefined) => columns.find((c) => c.name === name)?.kind;
  const numeric = (k: string | undefined) => k === 'integer' || k === 'number' || k === 'boolean';
  if (!prediction || (numeric(kind(label)) && numeric(kind(prediction))))
    return `${l}::DOUBLE = ${p}::DOUBLE`;
  return `trim(${l}::VARCHAR) = trim(${p}::VARCHAR)`;
}

/** Turns the query's rows into headline numbers with 95% intervals. */
export function readOverview(result: Table, metric: HeadlineMetric): OverviewRow[] {
  return result.toArray().map((r) => {
    const row = r.toJSON();
    const n = Number(row.n);
    const base = { model: String(row.model), metric, n, excluded: Number(row.excluded) };
    if (metric === 'accuracy') {
      const successes = Number(row.successes);
      return {
        ...base,
        estimate: n > 0 ? successes / n : NaN,
        interval: wilsonInterval(successes, n),
        method: 'Wilson',
        missingPredictions: Number(row.missing),
      };
    }
    const mean = Number(row.mean);
    const binary = row.binary === true && metric === 'mean outcome';
    return {
      ...base,
      estimate: n > 0 ? mean : NaN,
      interval: binary
        ? wilsonInterval(Math.round(Number(row.total)), n)
        : meanInterval(mean, Number(row.sd), n),
      method: binary ? 'Wilson' : 't',
      missingPredictions: 0,
    };
  });
}
