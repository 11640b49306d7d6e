import { engineMessage } from '../engine/engine-errors';
import { QueryError } from '../engine/engine';

/**
 * What DuckDB's parser (or binder) said about text a user wrote, in words that do not show the
 * statement Slicebook wrapped around it.
 */
export interface ParserReason {
  /** DuckDB's kind of error: `Parser`, `Binder`, `Catalog`, `Invalid Input`, `Permission`... */
  type: string | undefined;
  /** DuckDB's message without its `<Type> Error:` prefix and the `LINE n:` excerpt of the SQL. */
  text: string;
  /** The word DuckDB stopped at (`syntax error at or near "DROP"`), upper-cased, if any. */
  near: string | undefined;
  /** True when DuckDB refused several statements where one was expected. */
  several: boolean;
}

export function parserReason(error: unknown): ParserReason {
  const message = engineMessage(error);
  const text = message
    .split(/\n\s*LINE \d+:/)[0]
    .replace(/^[A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)? Error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
  return {
    type: error instanceof QueryError ? error.type : undefined,
    text,
    near: /at or near "([^"]*)"/.exec(text)?.[1]?.toUpperCase(),
    several: /Cannot prepare multiple statements/i.test(text),
  };
}

/** The first word of SQL text, past blanks and comments, upper-cased ('' when none). */
export function firstWord(text: string): string {
  const rest = text.replace(/^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return /^[A-Za-z_]+/.exec(rest)?.[0].toUpperCase() ?? '';
}

/** A line number in DuckDB's message (`LINE 3:`), moved back by the lines Slicebook put before. */
export function lineOf(error: unknown, linesBefore: number): number | undefined {
  const line = /\bLINE (\d+):/.exec(engineMessage(error))?.[1];
  const n = line === undefined ? NaN : Number(line) - linesBefore;
  return n >= 1 ? n : undefined;
}
