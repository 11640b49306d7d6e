import { ident, literal } from '../../sql/quote';
import { classKey } from '../../metrics/metrics-sql';

/**
 * How a row's decision is read: a prediction column (a class), a score at or above a threshold,
 * or a column some of whose values (as text) mean positive.
 */
export interface Decision {
  column: string;
  threshold?: number;
  positiveValues?: readonly string[];
}

export interface FairnessOptions {
  source: string;
  label: string;
  decision: Decision;
  /** The positive class (one-vs-rest for multiclass); the largest label value when absent. */
  positive?: string;
  /** One sensitive feature, or two for their intersections. */
  features: string[];
  /** The model whose rows are read, when the data holds several. */
  model?: { column: string; value: string };
  /** The notebook's global filter (a SQL condition), empty for none. */
  filter?: string;
}

function whereClause(o: Pick<FairnessOptions, 'model' | 'filter'>): string {
  const parts = [
    o.model ? `CAST(${ident(o.model.column)} AS VARCHAR) = ${literal(o.model.value)}` : '',
    o.filter?.trim() ? `(${o.filter})` : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '';
}

/** The positive class as a class key (metrics-sql.ts classKey). */
export function positiveClass(source: string, label: string, positive?: string): string {
  if (positive !== undefined && positive !== '') return classKey(literal(positive));
  return `(SELECT ${classKey(`max(${ident(label)})`)} FROM ${ident(source)})`;
}

/** Whether a row is predicted positive; NULL without a usable decision. */
export function decisionSql(decision: Decision, positive: string): string {
  const values = decision.positiveValues ?? [];
  if (values.length > 0)
    return `CAST(${ident(decision.column)} AS VARCHAR) IN (${values.map(literal).join(', ')})`;
  if (decision.threshold === undefined) return `${classKey(ident(decision.column))} = ${positive}`;
  const score = `TRY_CAST(${ident(decision.column)} AS DOUBLE)`;
  return `CASE WHEN isfinite(${score}) THEN ${score} >= ${literal(decision.threshold)} END`;
}

/**
 * The confusion counts of each group (column group_0, and group_1 for an intersection): rows,
 * decided (rows with a decision, labelled or not), selected (predicted positive among those), and
 * tp, fp, fn, tn over the rows with both a label and a decision.
 */
export function buildFairnessQuery(o: FairnessOptions): string {
  const positive = positiveClass(o.source, o.label, o.positive);
  const groups = o.features.map((f, i) => `CAST(${ident(f)} AS VARCHAR) AS group_${i}`);
  const keys = o.features.map((_, i) => `group_${i}`).join(', ');
  const count = (condition: string) => `count(*) FILTER (WHERE ${condition})::DOUBLE`;
  return [
    `WITH rows AS (`,
    `  SELECT ${groups.join(', ')},`,
    `    ${classKey(ident(o.label))} = ${positive} AS actual,`,
    `    ${decisionSql(o.decision, positive)} AS predicted`,
    `  FROM ${ident(o.source)} ${whereClause(o)}`,
    `)`,
    `SELECT ${keys}, count(*)::DOUBLE AS rows,`,
    `  ${count('predicted IS NOT NULL')} AS decided, ${count('predicted')} AS selected,`,
    `  ${count('actual AND predicted')} AS tp, ${count('NOT actual AND predicted')} AS fp,`,
    `  ${count('actual AND NOT predicted')} AS fn, ${count('NOT actual AND NOT predicted')} AS tn`,
    `FROM rows GROUP BY ${keys} ORDER BY ${keys} NULLS LAST`,
  ].join('\n');
}
