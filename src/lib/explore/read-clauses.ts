import { splitConjuncts } from './split-conjuncts';
import { sameColumn, type Bound, type Clause } from './filter-clauses';

const IDENT = String.raw`"(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_]*`;
const TEXT = String.raw`'(?:[^']|'')*'`;
const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
/** A column as text: `CAST("x" AS VARCHAR)`, `"x"::VARCHAR` or just the column. */
const AS_TEXT = String.raw`CAST\s*\(\s*(${IDENT})\s+AS\s+(?:VARCHAR|TEXT|STRING)\s*\)|(${IDENT})(?:\s*::\s*VARCHAR)?`;
const EQUALS = new RegExp(String.raw`^(?:${AS_TEXT})\s*=\s*(${TEXT})$`, 'i');
const IN_LIST = new RegExp(
  String.raw`^(?:${AS_TEXT})\s+IN\s*\(\s*(${TEXT}(?:\s*,\s*${TEXT})*)\s*\)$`,
  'i',
);
const IS_NULL = new RegExp(String.raw`^(${IDENT})\s+IS\s+NULL$`, 'i');
const OR_NULL = new RegExp(String.raw`^(.+)\s+OR\s+(${IDENT})\s+IS\s+NULL$`, 'is');
const COMPARE = new RegExp(
  String.raw`^(${IDENT})(\s*::\s*DOUBLE)?\s*(>=|>|<=|<)\s*(${NUMBER})$`,
  'i',
);
const BETWEEN = new RegExp(
  String.raw`^(${IDENT})(\s*::\s*DOUBLE)?\s+BETWEEN\s+(${NUMBER})\s+AND\s+(${NUMBER})$`,
  'i',
);
/** Words a bare name cannot be: `NULL IS NULL` is no column's test. */
const KEYWORDS = new Set(['null', 'true', 'false', 'not']);

/**
 * The global filter as chips: each top-level AND operand that is a test of a column's values or a
 * numeric range becomes its clause (a lower and an upper bound of one column, one range); the rest
 * is one clause of custom SQL. A filter that is not a plain AND of operands (an OR at the top, a
 * CASE) is all custom SQL.
 */
export function clausesOf(filter: string): Clause[] {
  const text = filter.trim();
  if (text === '') return [];
  const operands = splitConjuncts(text);
  if (!operands) return [{ kind: 'custom', sql: text }];
  const clauses: Clause[] = [];
  const custom: string[] = [];
  let customAt = -1;
  for (const operand of operands) {
    const clause = readClause(unbracketed(operand));
    if (!clause) {
      if (customAt < 0) customAt = clauses.length;
      custom.push(unbracketed(operand));
    } else if (clause.kind === 'range') mergeRange(clauses, clause);
    else clauses.push(clause);
  }
  if (custom.length > 0)
    clauses.splice(customAt, 0, {
      kind: 'custom',
      sql: custom.length === 1 ? custom[0] : custom.map((c) => `(${c})`).join(' AND '),
    });
  return clauses;
}

function readClause(operand: string): Clause | null {
  const orNull = OR_NULL.exec(operand);
  if (orNull) {
    const values = readValues(orNull[1].trim());
    const column = name(orNull[2]);
    if (values && column && sameColumn(values.column, column))
      return { ...values, values: [...values.values, null], sql: `(${operand})` };
  }
  const values = readValues(operand);
  if (values) return { ...values, sql: operand };
  const isNull = IS_NULL.exec(operand);
  const nullColumn = isNull && name(isNull[1]);
  if (nullColumn) return { kind: 'values', column: nullColumn, values: [null], sql: operand };
  return readRange(operand);
}

function readValues(operand: string): { kind: 'values'; column: string; values: string[] } | null {
  const equals = EQUALS.exec(operand);
  const list = equals ? null : IN_LIST.exec(operand);
  const match = equals ?? list;
  const column = match && name(match[1] ?? match[2]);
  if (!match || !column) return null;
  const values = equals
    ? [text(equals[3])]
    : [...match[3].matchAll(new RegExp(TEXT, 'g'))].map((m) => text(m[0]));
  return { kind: 'values', column, values };
}

function readRange(operand: string): Clause | null {
  const between = BETWEEN.exec(operand);
  if (between) {
    const column = name(between[1]);
    if (!column) return null;
    const [low, high] = [Number(between[3]), Number(between[4])];
    return {
      kind: 'range',
      column,
      low: { value: low, inclusive: true },
      high: { value: high, inclusive: true },
      cast: between[2] !== undefined,
      sql: operand,
    };
  }
  const compare = COMPARE.exec(operand);
  const column = compare && name(compare[1]);
  if (!compare || !column) return null;
  const bound: Bound = { value: Number(compare[4]), inclusive: compare[3].endsWith('=') };
  const lower = compare[3].startsWith('>');
  return {
    kind: 'range',
    column,
    low: lower ? bound : null,
    high: lower ? null : bound,
    cast: compare[2] !== undefined,
    sql: operand,
  };
}

/** A lower bound and an upper bound of the same column read as one range. */
function mergeRange(clauses: Clause[], range: Extract<Clause, { kind: 'range' }>): void {
  const index = clauses.findIndex(
    (c) =>
      c.kind === 'range' &&
      sameColumn(c.column, range.column) &&
      c.cast === range.cast &&
      ((c.low === null && range.high === null) || (c.high === null && range.low === null)),
  );
  const other = clauses[index];
  if (other?.kind !== 'range') return void clauses.push(range);
  clauses[index] = {
    ...other,
    low: other.low ?? range.low,
    high: other.high ?? range.high,
    sql: `${other.sql} AND ${range.sql}`,
  };
}

/** A name as written: `"a""b"` is a"b; a bare word is itself unless it is a keyword. */
function name(written: string): string | null {
  if (written.startsWith('"')) return written.slice(1, -1).replaceAll('""', '"');
  return KEYWORDS.has(written.toLowerCase()) ? null : written;
}

const text = (quoted: string) => quoted.slice(1, -1).replaceAll("''", "'");

/** The operand without brackets around the whole of it: `(a = 1)` is `a = 1`. */
function unbracketed(operand: string): string {
  let text = operand.trim();
  while (text.startsWith('(') && closingBracket(text) === text.length - 1)
    text = text.slice(1, -1).trim();
  return text;
}

/** The index of the bracket closing the one that opens `text`, skipping quoted text. */
function closingBracket(text: string): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = text[i + 1] === quote ? (i++, quote) : null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}
