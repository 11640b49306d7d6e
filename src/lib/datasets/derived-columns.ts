import { ident, literal } from '../sql/quote';

/**
 * A column computed from the dataset's others without a SQL cell: a DuckDB expression the user
 * typed (checked by check-expression.ts before use), or a threshold on a numeric score
 * (1 where the score is at or above `at`, 0 below, empty where it is not a number).
 */
export type DerivedColumn = ExpressionColumn | ThresholdColumn;

export interface ExpressionColumn {
  name: string;
  /** SQL the user writes on purpose, used only once checkExpression finds it one expression. */
  expression: string;
}

export interface ThresholdColumn {
  name: string;
  threshold: { column: string; at: number };
}

/** The column's SQL; an expression's text must have been checked (checkExpression). */
export function derivedSql(column: DerivedColumn, checkedExpression?: string): string {
  if ('threshold' in column) {
    const score = `TRY_CAST(${ident(column.threshold.column)} AS DOUBLE)`;
    return `CASE WHEN isfinite(${score}) THEN (${score} >= ${literal(column.threshold.at)})::INTEGER END`;
  }
  if (checkedExpression === undefined) throw new Error('an expression must be checked first');
  return `(${checkedExpression})`;
}

/** `select` with one more column, `sql` named `name`. */
export function withColumn(select: string, sql: string, name: string): string {
  return `SELECT *, ${sql} AS ${ident(name)} FROM (${select}) AS d`;
}

/** How the column is shown: its expression, or `score ≥ 5`. */
export function describeDerived(column: DerivedColumn): string {
  return 'threshold' in column
    ? `${column.threshold.column} ≥ ${column.threshold.at}`
    : column.expression;
}

/** Why `name` cannot name a new column of a dataset with `columns`, or null. */
export function derivedNameProblem(name: string, columns: readonly string[]): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Name the new column (e.g. high_risk).';
  if (trimmed.length > 63) return `The name is ${trimmed.length} characters long; keep it to 63.`;
  if (trimmed.includes('\u0000')) return 'The name holds a NUL character.';
  if (columns.some((c) => c.toLowerCase() === trimmed.toLowerCase()))
    return `The dataset already has a column "${trimmed}": pick another name.`;
  return null;
}
