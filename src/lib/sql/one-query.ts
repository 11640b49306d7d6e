import { QueryError, type Engine } from '../engine/engine';
import { ident } from './quote';
import { firstWord, lineOf, parserReason } from './parser-reason';

/**
 * A SQL cell's text runs only as the query of one `CREATE TABLE <cell> AS <query>` statement, and
 * only after DuckDB has prepared exactly that statement: its parser refuses a second statement
 * (`Cannot prepare multiple statements`), and its grammar takes nothing but a query after `AS`
 * (SELECT, WITH, VALUES, FROM-first, TABLE, PIVOT with an IN list, UNPIVOT, set operations). The
 * text is never wrapped in parentheses to make it fit, so nothing in it can close the wrapper and
 * start a statement of its own. DESCRIBE, SUMMARIZE and SHOW, queries that DuckDB's grammar takes
 * only as a subquery, are read through `FROM (...)` once the parser has named them.
 */
export const ONE_QUERY = 'A SQL cell runs one query (SELECT or WITH)';

/** Queries DuckDB reads only inside `FROM (...)`. */
const SUBQUERY_ONLY = ['DESCRIBE', 'SUMMARIZE', 'SHOW'];

/** Statements a cell may hold by mistake or by design, named in the refusal. */
const STATEMENTS = new Set(
  (
    'ALTER ANALYZE ATTACH BEGIN CALL CHECKPOINT COMMIT COPY CREATE DEALLOCATE DELETE DETACH DROP ' +
    'EXECUTE EXPLAIN EXPORT FORCE IMPORT INSERT INSTALL LOAD MERGE PRAGMA PREPARE RESET ROLLBACK ' +
    'SET TRUNCATE UNINSTALL UPDATE UPSERT USE VACUUM'
  ).split(' '),
);

/** What a cell's query becomes: its stored result, or a view of it (publishing's column check). */
export type QueryTarget = 'TABLE' | 'TEMP VIEW';

/** The statement that stores the query as `name`; the text starts on a line of its own. */
export function storeQuerySql(
  name: string,
  text: string,
  subquery = false,
  target: QueryTarget = 'TABLE',
): string {
  const query = text.trim();
  const create = `CREATE OR REPLACE ${target} ${ident(name)} AS`;
  return subquery ? `${create} FROM (\n${query}\n)` : `${create}\n${query}`;
}

/** Why a cell's text cannot run, in plain words; thrown by storeQuery before anything runs. */
export class QueryRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QueryRefused';
  }
}

/**
 * Runs a cell's query and stores its result as the table `name`. Throws QueryRefused when the
 * text is not exactly one query, and a QueryError (with DuckDB's reason, in the cell's own line
 * numbers) when the query fails.
 */
export async function storeQuery(
  engine: Engine,
  name: string,
  text: string,
  signal?: AbortSignal,
  target: QueryTarget = 'TABLE',
): Promise<void> {
  const sql = await checkedStatement(engine, name, text, target);
  try {
    await engine.query(sql, signal);
  } catch (e) {
    throw e instanceof QueryError && e.type ? explainFailure(e, text) : e;
  }
}

async function checkedStatement(
  engine: Engine,
  name: string,
  text: string,
  target: QueryTarget,
): Promise<string> {
  const plain = storeQuerySql(name, text, false, target);
  const first = await prepared(engine, plain);
  if (first === null) return plain;
  const reason = parserReason(first);
  const word = firstWord(text);
  if (reason.type === 'Parser' && reason.near === word && SUBQUERY_ONLY.includes(word)) {
    const wrapped = storeQuerySql(name, text, true, target);
    const second = await prepared(engine, wrapped);
    if (second === null) return wrapped;
    throw explainFailure(second, text);
  }
  throw explainFailure(first, text);
}

async function prepared(engine: Engine, sql: string): Promise<unknown> {
  try {
    await engine.prepare(sql);
    return null;
  } catch (e) {
    return e;
  }
}

/**
 * The plain message for a cell's statement that DuckDB would not prepare or run: a QueryRefused
 * when the text is not one query, or the engine's error in the cell's own terms.
 */
export function explainFailure(error: unknown, text: string): Error {
  const reason = parserReason(error);
  const word = firstWord(text);
  if (reason.several)
    return new QueryRefused(
      word === 'PIVOT'
        ? `${ONE_QUERY}; DuckDB runs a PIVOT without an IN list as two statements. ` +
            "List the values to pivot on, e.g. PIVOT t ON region IN ('north', 'south') USING count(*)."
        : `${ONE_QUERY}; this cell has more than one statement. ` +
            'Keep one query, and put any other query in a cell of its own.',
    );
  if (reason.type === 'Parser' && reason.near && STATEMENTS.has(reason.near))
    return new QueryRefused(
      `${ONE_QUERY}; this cell has ${/^[AEIOU]/.test(reason.near) ? 'an' : 'a'} ${reason.near} statement, which a SQL cell does not run.`,
    );
  const line = lineOf(error, 1);
  const where = line ? ` (line ${line} of the cell)` : '';
  if (reason.type === 'Parser')
    return new QueryRefused(`${ONE_QUERY}; DuckDB cannot read it: ${reason.text}${where}.`);
  const extension =
    /with name "?([\w.]+)"? is not in the catalog, but it exists in the (\w+) extension/.exec(
      reason.text,
    );
  if (extension)
    return new QueryRefused(
      `${extension[1]} is part of DuckDB's ${extension[2]} extension, which Slicebook does not load: ` +
        'query the loaded tables by their names instead.',
    );
  if (reason.type === 'Permission')
    return new QueryRefused(
      `${reason.text.replace(/ - file system operations are disabled by configuration$/, '')}: ` +
        'a notebook reads only the files you loaded, by their table names, and nothing from the ' +
        'network or your disk.',
    );
  return new QueryError(text, new Error(`${reason.text}${where}`));
}
