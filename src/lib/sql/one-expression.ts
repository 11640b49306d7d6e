import type { Engine } from '../engine/engine';
import { ident } from './quote';
import { parserReason } from './parser-reason';

/** A condition checkFilter has passed, ready to put in `WHERE (...)`. */
export interface CheckedFilter {
  sql: string;
}

/** A checked condition, or why it cannot be used. */
export type CheckedCondition = CheckedFilter | { error: string };

const EXAMPLE = "e.g. region = 'north' AND age >= 30";

/**
 * Checks the global filter (the app's, a link's, a notebook file's or the runner's `--filter`)
 * before any analysis pastes it into `WHERE (...)`: it must be exactly one expression, decided by
 * DuckDB's own parser, true or false on every row of `source`, and name only what `source` has.
 *
 * One expression: DuckDB prepares `SET VARIABLE v = <text>`, where its grammar takes exactly one
 * expression and nothing after it (a list is refused too), so `true) OR (true`, a second clause
 * (`... ORDER BY`, `... UNION ...`) or a second statement fail to parse. Errors of a later phase
 * (the binder's: a column that a bare SET cannot see) mean the parse went through. Then
 * `SET VARIABLE v = (<text>)` must parse as well: it fails only when a trailing `--` comment would
 * swallow the closing parenthesis. Last, `DESCRIBE SELECT (<text>) FROM <source>` binds it
 * against the dataset's columns and gives its type.
 */
export async function checkFilter(
  engine: Engine,
  text: string,
  source: string,
): Promise<CheckedCondition> {
  const condition = text.trim();
  if (condition === '') return { sql: '' };
  const syntax = await filterSyntaxError(engine, condition);
  if (syntax) return { error: syntax };
  let type: string;
  try {
    const described = await engine.query(
      `DESCRIBE SELECT (${condition}) AS slicebook_filter FROM ${ident(source)}`,
    );
    type = String(described.get(0)?.column_type ?? '');
  } catch (e) {
    return { error: `The filter does not fit ${source}: ${parserReason(e).text}` };
  }
  if (type !== 'BOOLEAN')
    return { error: refused(`this one gives ${type} values, not true or false, for each row.`) };
  return { sql: condition };
}

/** checkFilter's condition, or an Error with its reason (for drill-downs, which show errors). */
export async function checkedFilterSql(
  engine: Engine,
  text: string,
  source: string,
): Promise<string> {
  const checked = await checkFilter(engine, text, source);
  if ('error' in checked) throw new Error(checked.error);
  return checked.sql;
}

/**
 * Why the filter is not one expression, by DuckDB's parser alone (no data needed: the runner checks
 * `--filter` before it loads anything), or null when it is.
 */
export async function filterSyntaxError(engine: Engine, text: string): Promise<string | null> {
  const problem = await expressionParseProblem(engine, text);
  if (problem === null) return null;
  if (problem === 'several statements') return refused('this one holds more than one statement.');
  if (problem === 'a list') return refused('this one is a list of values (separated by commas).');
  if (problem === 'a trailing comment')
    return refused('this one ends in a -- comment, which would hide what follows it: remove it.');
  return refused(`DuckDB cannot read this one as one: ${problem.parser}.`);
}

/** Why text is not exactly one SQL expression, as DuckDB's parser reads it. */
export type ExpressionProblem =
  'several statements' | 'a list' | 'a trailing comment' | { parser: string };

/**
 * Whether `text` is exactly one expression by DuckDB's parser alone (see checkFilter for how),
 * for any user text the app pastes into `(...)`: the filter, a derived column. Null when it is.
 */
export async function expressionParseProblem(
  engine: Engine,
  text: string,
): Promise<ExpressionProblem | null> {
  const expression = text.trim();
  if (expression === '') return null;
  const parsed = await parseError(engine, `SET VARIABLE slicebook_expression = ${expression}`);
  if (parsed) {
    const reason = parserReason(parsed);
    if (reason.several) return 'several statements';
    if (/single scalar value/.test(reason.text)) return 'a list';
    return { parser: reason.text };
  }
  if (await parseError(engine, `SET VARIABLE slicebook_expression = (${expression})`))
    return 'a trailing comment';
  return null;
}

const refused = (why: string) =>
  `The filter must be one condition on the data's columns (${EXAMPLE}); ${why}`;

/** The parser's (or the engine's input check's) error for `sql`, or null if it parses. */
async function parseError(engine: Engine, sql: string): Promise<unknown> {
  try {
    await engine.prepare(sql);
    return null;
  } catch (e) {
    const { type } = parserReason(e);
    return type === 'Parser' || type === 'Invalid Input' ? e : null;
  }
}
