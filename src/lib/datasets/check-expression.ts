import type { Engine } from '../engine/engine';
import { engineMessage } from '../engine/engine-errors';
import { expressionParseProblem } from '../sql/one-expression';

/** A checked expression, with the type DuckDB gives it; or why it cannot be used. */
/** SQL that binds as one expression on a relation (`boundSql`), and its DuckDB type. */
export interface BoundExpression {
  boundSql: string;
  type: string;
}

export type CheckedExpression = BoundExpression | { error: string };

/**
 * Checks text a user typed as a derived column (`risk_score >= 5`) before it reaches any SQL the
 * app runs: it must be exactly one expression, and DuckDB must bind it on the columns of
 * `relation` (a SELECT, the dataset so far). Nothing is run: `DESCRIBE` only binds.
 */
export async function checkExpression(
  engine: Engine,
  text: string,
  relation: string,
): Promise<CheckedExpression> {
  const expression = text.trim();
  const syntax = expressionSyntaxError(expression) ?? (await parsedAsOne(engine, expression));
  if (syntax) return { error: `Not one SQL expression: ${syntax}` };
  return bindExpression(engine, expression, relation);
}

/**
 * DuckDB's parser has the last word: the quick reading below does not know every way DuckDB
 * quotes text (a dollar-quoted `$$'$$` hid a second statement from it), the parser does.
 */
async function parsedAsOne(engine: Engine, expression: string): Promise<string | null> {
  const problem = await expressionParseProblem(engine, expression);
  if (problem === null) return null;
  if (problem === 'several statements')
    return 'it holds more than one statement; a derived column is one value per row.';
  if (problem === 'a list')
    return 'it is a list of values (separated by commas); a derived column is one value per row.';
  if (problem === 'a trailing comment') return 'it holds a comment; remove it.';
  return `DuckDB cannot read it as one: ${problem.parser}.`;
}

/**
 * Binds SQL that is one expression (checked user text, or built by the app) on the columns of
 * `relation` and gives its type; DuckDB's binder names a column the relation lacks.
 */
export async function bindExpression(
  engine: Engine,
  sql: string,
  relation: string,
): Promise<CheckedExpression> {
  try {
    const described = await engine.query(
      `DESCRIBE SELECT (${sql}) AS slicebook_expression FROM (${relation}) AS d`,
    );
    return { boundSql: sql, type: String(described.get(0)?.column_type ?? '') };
  } catch (e) {
    return { error: bindingProblem(e) };
  }
}

/**
 * Why the text is not one expression, or null. It is read the way DuckDB's tokenizer reads it
 * (strings, quoted names, comments), so that pasted into `(...)` it cannot close the parenthesis,
 * start a second statement or hide the rest behind a comment; DuckDB's parser then decides the
 * grammar when it binds the text.
 */
export function expressionSyntaxError(text: string): string | null {
  if (text === '') return 'it is empty (e.g. risk_score >= 5).';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const close = closingQuote(text, i);
      if (close < 0) return `the quote ${c} at character ${i + 1} is never closed.`;
      i = close;
    } else if ((c === '-' && text[i + 1] === '-') || (c === '/' && text[i + 1] === '*'))
      return 'it holds a comment; remove it.';
    else if (c === ';') return 'it holds a ";", which would end it and start another statement.';
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0)
      return `the ")" at character ${i + 1} closes a parenthesis the expression did not open.`;
    else if (c === ',' && depth === 0)
      return 'it is a list of values (separated by commas); a derived column is one value per row.';
  }
  return depth > 0 ? 'a "(" is never closed.' : null;
}

/** The index of the quote that closes the one at `open` (a doubled quote is a quote), or -1. */
function closingQuote(text: string, open: number): number {
  const quote = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] !== quote) continue;
    if (text[i + 1] === quote) i++;
    else return i;
  }
  return -1;
}

/** DuckDB's reason, without its error type and the excerpt of the SQL the app wrapped around the text. */
function bindingProblem(e: unknown): string {
  const message = engineMessage(e)
    .split(/\n\s*LINE \d+:/)[0]
    .replace(/^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? Error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  const missing = /Referenced column "([^"]*)" not found/.exec(message);
  if (missing) {
    const candidates = /Candidate bindings: (.*)$/.exec(message)?.[1];
    return `the dataset has no column "${missing[1]}"${candidates ? ` (similar: ${candidates.replace(/"d\./g, '"')})` : ''}.`;
  }
  return `DuckDB cannot use it: ${message}`;
}
