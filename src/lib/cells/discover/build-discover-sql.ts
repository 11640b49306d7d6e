import { ident, literal } from '../../sql/quote';
import { classKey } from '../../metrics/metrics-sql';
import { featureExpression, type SliceFeature } from '../../slicing/slice-feature';

/** What counts as an error of one example. */
export type ErrorSignal =
  'misclassification' | 'absolute' | 'squared' | 'one-minus-score' | 'disagreement';

export const SIGNAL_LABELS: Record<ErrorSignal, string> = {
  misclassification: 'misclassification (prediction ≠ label)',
  absolute: 'absolute error |prediction − label|',
  squared: 'squared error (prediction − label)²',
  'one-minus-score': '1 − per-example score',
  disagreement: 'disagreement between two models',
};

export interface DiscoverBaseOptions {
  source: string;
  signal: ErrorSignal;
  label?: string;
  prediction?: string;
  outcome?: string;
  /** How label and prediction compare: as numbers, as trimmed text, or either (classKey). */
  compareAs?: 'number' | 'text';
  /** The rows of one model (all rows without it). */
  model?: { column: string; value: string };
  /** For disagreement: the two models' rows, paired on the example id. */
  pair?: { model: string; modelA: string; modelB: string };
  /** The example id: the confirm half is a hash of it. */
  id?: string;
  features: SliceFeature[];
  edges: Record<string, number[]>;
  /** The notebook's global filter, empty for none. */
  filter?: string;
}

function classOf(expr: string, compareAs: DiscoverBaseOptions['compareAs']): string {
  if (compareAs === 'number') return `TRY_CAST(${expr} AS DOUBLE)`;
  if (compareAs === 'text') return `trim(CAST(${expr} AS VARCHAR))`;
  return classKey(expr);
}

/** The per-example error e_i as SQL over the relation `r` (and `b`, model B, for disagreement). */
export function errorSql(o: DiscoverBaseOptions): string {
  const col = (name: string | undefined, rel = 'r') => {
    if (!name) throw new Error(`the ${o.signal} signal needs more roles`);
    return `${rel}.${ident(name)}`;
  };
  const number = (expr: string) => `TRY_CAST(${expr} AS DOUBLE)`;
  switch (o.signal) {
    case 'misclassification': {
      const label = col(o.label);
      const prediction = col(o.prediction);
      return `CASE WHEN ${label} IS NULL THEN NULL WHEN ${classOf(prediction, o.compareAs)} IS NOT DISTINCT FROM ${classOf(label, o.compareAs)} THEN 0.0 ELSE 1.0 END`;
    }
    case 'absolute':
      return `abs(${number(col(o.prediction))} - ${number(col(o.label))})`;
    case 'squared':
      return `pow(${number(col(o.prediction))} - ${number(col(o.label))}, 2)`;
    case 'one-minus-score':
      return `1.0 - ${number(col(o.outcome))}`;
    case 'disagreement': {
      const a = classOf(col(o.prediction), o.compareAs);
      const b = classOf(col(o.prediction, 'b'), o.compareAs);
      return `CASE WHEN ${a} IS NOT DISTINCT FROM ${b} THEN 0.0 ELSE 1.0 END`;
    }
  }
}

/** Column names of the working table: e (error), half (0 search / 1 confirm), f0, f1, ... */
export const featureColumn = (i: number) => `f${i}`;

/**
 * The working table of a search: one row per example with its error, its half and its features'
 * slice values (numeric ones as their bin's label), so each level reads a narrow table.
 */
export function workingTableSql(
  table: string,
  o: DiscoverBaseOptions,
  values: readonly string[][],
): string {
  const modelIs = (column: string, value: string) =>
    `CAST(${ident(column)} AS VARCHAR) = ${literal(value)}`;
  const rows = (extra: string | undefined, computed: string[] = []) => {
    const conditions = [o.filter?.trim() ? `(${o.filter})` : '', extra ?? ''].filter(Boolean);
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return `(SELECT ${['*', ...computed].join(', ')} FROM ${ident(o.source)}${where})`;
  };
  // Features and the half are computed inside the (model A) rows, where columns need no prefix.
  const computed = [
    `${o.id ? `(hash(CAST(${ident(o.id)} AS VARCHAR)) % 2)::INTEGER` : '0'} AS __discover_half`,
    ...o.features.map((f, i) => {
      const expr = featureExpression(f, o.edges);
      const members = values[i] ?? [];
      const typed = members.length
        ? `CAST(${expr} AS ENUM(${members.map((v) => literal(v)).join(', ')}))`
        : `NULL::VARCHAR`;
      return `${typed} AS __discover_f${i}`;
    }),
  ];
  let from: string;
  if (o.pair) {
    if (!o.id) throw new Error('disagreement needs an example id');
    const a = rows(modelIs(o.pair.model, o.pair.modelA), computed);
    const b = rows(modelIs(o.pair.model, o.pair.modelB));
    from = `${a} r JOIN ${b} b ON r.${ident(o.id)} = b.${ident(o.id)}`;
  } else {
    from = `${rows(o.model ? modelIs(o.model.column, o.model.value) : undefined, computed)} r`;
  }
  const select = [
    `${errorSql(o)} AS e`,
    'r.__discover_half AS half',
    ...o.features.map((_, i) => `r.__discover_f${i} AS ${featureColumn(i)}`),
  ].join(', ');
  return [
    `CREATE OR REPLACE TEMP TABLE ${ident(table)} AS`,
    `SELECT * FROM (SELECT ${select} FROM ${from}) WHERE e IS NOT NULL AND isfinite(e)`,
  ].join('\n');
}

/** Examples, error sum, squares and range of the errors, per half. */
export function totalsSql(table: string): string {
  return [
    'SELECT half, count(*)::DOUBLE AS size, sum(e)::DOUBLE AS errors, sum(e * e)::DOUBLE AS squares,',
    'min(e)::DOUBLE AS min_error, max(e)::DOUBLE AS max_error, bool_and(e = 0 OR e = 1) AS binary',
    `FROM ${ident(table)} GROUP BY half ORDER BY half`,
  ].join('\n');
}

/**
 * Each feature's distinct values (not NULL) over the source, read with readFeatureValues: the
 * working table stores features as ENUMs of them, which group several times faster than text.
 */
export function featureValuesSql(o: DiscoverBaseOptions): string {
  const where = o.filter?.trim() ? ` WHERE (${o.filter})` : '';
  return o.features
    .map((f, i) => {
      const expr = featureExpression(f, o.edges);
      return `SELECT DISTINCT ${i} AS feature, ${expr} AS value FROM ${ident(o.source)}${where}`;
    })
    .map((q) => `SELECT * FROM (${q}) WHERE value IS NOT NULL`)
    .join('\nUNION ALL\n');
}

export function readFeatureValues(rows: Record<string, unknown>[], featureCount: number) {
  const out: string[][] = Array.from({ length: featureCount }, () => []);
  for (const r of rows) out[Number(r.feature)]?.push(String(r.value));
  return out;
}

/** A feature combination to group by, optionally only over some values of each. */
export interface Combination {
  features: number[];
  /** values[j]: the values of features[j] worth counting (null: missing); all when absent. */
  values?: ((string | null)[] | undefined)[];
}

export interface LevelQuery {
  /** The working table. */
  table: string;
  combinations: Combination[];
  /** Only this half (undefined: all rows). */
  half?: 0 | 1;
  /** Leave out groups smaller than this or without errors (they cannot be reported or extended). */
  minSupport?: number;
}

/**
 * One query evaluating every candidate of a level: the error statistics of each group of each
 * feature combination, one GROUP BY per combination joined by UNION ALL (faster than GROUPING
 * SETS here), rows narrowed to the candidates' values; g<i> is 0 where a row groups by feature i.
 */
export function levelSql(q: LevelQuery): string {
  if (q.combinations.length === 0) throw new Error('no feature combination to evaluate');
  const used = [...new Set(q.combinations.flatMap((c) => c.features))].sort((a, b) => a - b);
  const having =
    q.minSupport !== undefined ? ` HAVING count(*) >= ${literal(q.minSupport)} AND sum(e) > 0` : '';
  const branches = q.combinations.map((c) => {
    const keys = used.flatMap((i) =>
      c.features.includes(i)
        ? [`0 AS g${i}`, `${featureColumn(i)}::VARCHAR AS ${featureColumn(i)}`]
        : [`1 AS g${i}`, `NULL::VARCHAR AS ${featureColumn(i)}`],
    );
    const conditions = [
      q.half !== undefined ? `half = ${literal(q.half)}` : '',
      ...c.features.map((f, j) => {
        const wanted = c.values?.[j];
        if (!wanted) return '';
        const known = wanted.filter((v) => v !== null);
        const parts = [
          known.length ? `${featureColumn(f)} IN (${known.map((v) => literal(v)).join(', ')})` : '',
          known.length < wanted.length ? `${featureColumn(f)} IS NULL` : '',
        ].filter(Boolean);
        return parts.length > 1 ? `(${parts.join(' OR ')})` : parts[0];
      }),
    ].filter(Boolean);
    const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
    return [
      `SELECT ${keys.join(', ')}, count(*)::DOUBLE AS size, sum(e)::DOUBLE AS errors,`,
      `max(e)::DOUBLE AS max_error, sum(e * e)::DOUBLE AS squares FROM ${ident(q.table)}${where}`,
      `GROUP BY ${c.features.map(featureColumn).join(', ')}${having}`,
    ].join(' ');
  });
  return branches.join('\nUNION ALL\n');
}

export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${ident(table)}`;
}
