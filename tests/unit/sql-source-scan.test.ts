import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findUnsafeSql, type SourceText } from '../helpers/sql-taint/find-unsafe-sql';
import { sqlText } from '../helpers/sql-taint/sql-text';

/**
 * SQL is built from quoted parts only: every `${...}` in a template literal of src/ that reads
 * as SQL, in any case, must be proven safe by following its value back through the program
 * (tests/helpers/sql-taint.ts says how). The allow-list names the few values that are SQL on
 * purpose, by the declaration they are read from, with the reason.
 */
const ALLOWED: Record<string, string> = {
  'Notebook.filter':
    "the global filter: a SQL condition the user writes on purpose (the app, a notebook file, the runner's --filter), used only as one expression checked by DuckDB's parser (sql/one-expression.ts)",
  'CheckedFilter.sql':
    "the global filter after checkFilter (sql/one-expression.ts): one boolean expression over the dataset's columns, by DuckDB's parser",
  'CellKind.sql':
    "the SQL a kind's cells hold (a SQL cell's query, for publishing's column check), run only as one query checked by DuckDB's parser (sql/one-query.ts)",
  'SqlCell.sql':
    "a SQL cell's query: SQL the user writes on purpose, run only as one query checked by DuckDB's parser (sql/one-query.ts)",
  'ExpressionColumn.expression':
    "a derived column's expression: SQL the user writes on purpose, used only after checkExpression finds it one expression over the dataset's columns",
};

const ROOT = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|svelte)$/.test(p) ? [p] : [];
  });
}

/** Planted files beside src/lib (so they import the real quoting helpers), checked alone. */
function scan(files: Record<string, string>, allowed: Record<string, string> = {}) {
  const planted: SourceText[] = Object.entries(files).map(([name, text]) => ({
    path: join(ROOT, 'src/__planted__', name),
    text,
  }));
  return findUnsafeSql(planted, allowed, ROOT).violations;
}

const QUOTE = "import { ident, literal } from '../lib/sql/quote';\n";

describe('SQL source scan', () => {
  it('reads SQL in any case, and not prose', () => {
    expect(sqlText('select * from ? where x = 1')).toBe(true);
    expect(sqlText('delete from ? where ?')).toBe(true);
    expect(sqlText('SELECT ?')).toBe(true);
    expect(sqlText('CAST(? AS VARCHAR)')).toBe(false);
    expect(sqlText('The label ? is not 0/1: pick the positive class from the list.')).toBe(false);
  });

  it('catches user text pasted into SQL, whichever way it gets there', () => {
    const bad = {
      'lower-case.ts': 'export const q = (t: { name: string }) => `select * from ${t.name}`;\n',
      'bare-name.ts':
        'export function q(column: { name: string }) {\n  const name = column.name;\n  return `SELECT ${name} FROM t`;\n}\n',
      'method-call.ts':
        "export function q(value: string) {\n  return `select * from t where x = '${value.trim()}'`;\n}\n",
      'string-of.ts':
        'export function q(row: { id: unknown }) {\n  return `DELETE FROM t WHERE id = ${String(row.id)}`;\n}\n',
      'helper-returns-it.ts':
        'function label(c: { name: string }) {\n  return c.name;\n}\nexport const q = (c: { name: string }) => `SELECT ${label(c)} FROM t`;\n',
      'caller-passes-it.ts':
        'function where(condition: string) {\n  return `select * from t where ${condition}`;\n}\nexport const q = (input: { value: string }) => where(input.value);\n',
      'unquoted-list.ts':
        "export function q(cols: { name: string }[]) {\n  return `SELECT ${cols.map((c) => c.name).join(', ')} FROM t`;\n}\n",
      'destructured.ts':
        'export function q(column: { name: string }) {\n  const { name } = column;\n  return `DROP TABLE ${name}`;\n}\n',
      'reassigned.ts':
        "export function q(input: { value: string }) {\n  let t = 'x';\n  t = input.value;\n  return `delete from ${t} where true`;\n}\n",
      'pushed.ts':
        "export function q(user: { text: string }) {\n  const parts = ['a = 1'];\n  parts.push(user.text);\n  return `SELECT * FROM t WHERE ${parts.join(' AND ')}`;\n}\n",
      'from-a-file.ts':
        'interface Saved {\n  where: string;\n}\nexport function q(text: string) {\n  const saved = JSON.parse(text) as Saved;\n  return `SELECT * FROM t WHERE ${saved.where}`;\n}\n',
      'spread-copy.ts':
        'interface Chosen {\n  column: string;\n}\ninterface Query {\n  column: string;\n  limit: number;\n}\nconst run = (q: Query) => `select ${q.column} from t limit ${q.limit}`;\nexport const chosen = (c: string): Chosen => ({ column: c });\nexport const q = (picked: Chosen) => run({ ...picked, limit: 10 });\n',
      'held-function.ts':
        'interface Plan {\n  key: (sql: string) => string;\n}\nexport const plan = (): Plan => ({ key: (sql) => `CAST(${sql} AS VARCHAR)` });\nexport function q(p: Plan, user: { text: string }) {\n  const key = p.key;\n  return `SELECT * FROM t WHERE x = ${key(user.text)}`;\n}\n',
      'object-by-key.ts':
        "export function q(user: { text: string }, k: 'a' | 'b') {\n  const parts: Record<'a' | 'b', string> = { a: 'x = 1', b: 'y = 2' };\n  parts.b = user.text;\n  return `SELECT * FROM t WHERE ${parts[k]}`;\n}\n",
      'object-keys.ts':
        "export function q(row: Record<string, string>) {\n  return `SELECT ${Object.keys(row).join(', ')} FROM t`;\n}\n",
      'component.svelte':
        '<script lang="ts">\n  let { column }: { column: { name: string } } = $props();\n  const sql = `select ${column.name} from t`;\n</script>\n<p>{sql}</p>\n',
    };
    expect(scan(bad)).toEqual([
      'src/__planted__/lower-case.ts:1: ${t.name}',
      'src/__planted__/bare-name.ts:3: ${name}',
      'src/__planted__/method-call.ts:2: ${value.trim()}',
      'src/__planted__/string-of.ts:2: ${String(row.id)}',
      'src/__planted__/helper-returns-it.ts:4: ${label(c)}',
      'src/__planted__/caller-passes-it.ts:2: ${condition}',
      "src/__planted__/unquoted-list.ts:2: ${cols.map((c) => c.name).join(', ')}",
      'src/__planted__/destructured.ts:3: ${name}',
      'src/__planted__/reassigned.ts:4: ${t}',
      "src/__planted__/pushed.ts:4: ${parts.join(' AND ')}",
      'src/__planted__/from-a-file.ts:6: ${saved.where}',
      'src/__planted__/spread-copy.ts:8: ${q.column}',
      'src/__planted__/held-function.ts:7: ${key(user.text)}',
      'src/__planted__/object-by-key.ts:4: ${parts[k]}',
      "src/__planted__/object-keys.ts:2: ${Object.keys(row).join(', ')}",
      'src/__planted__/component.svelte.ts:3: ${column.name}',
    ]);
  }, 60_000);

  it('accepts quoted names and values, numbers, and fragments built from them', () => {
    const good = {
      'quoted.ts': `${QUOTE}export const q = (t: { name: string }, v: string) =>\n  \`select * from \${ident(t.name)} where x = \${literal(v)}\`;\n`,
      'numbers.ts':
        'export const q = (limit: number, n: number) =>\n  `SELECT * FROM t LIMIT ${Math.floor(limit)} OFFSET ${n}`;\n',
      'builder.ts': `${QUOTE}function equals(column: string, value: string) {\n  return \`\${column} = \${value}\`;\n}\nexport const q = (c: { name: string }, v: string) =>\n  \`SELECT * FROM t WHERE \${equals(ident(c.name), literal(v))}\`;\n`,
      'fragments.ts': `${QUOTE}export function q(a: string, b: string) {\n  const parts = [\`\${ident(a)} = 1\`];\n  parts.push(\`\${ident(b)} IS NULL\`);\n  return \`SELECT * FROM t WHERE \${parts.join(' AND ')}\`;\n}\n`,
      'mapped.ts': `${QUOTE}export const q = (cols: { name: string }[], names: string[]) =>\n  \`SELECT \${cols.map((c) => ident(c.name)).join(', ')}, \${names.map(ident).join(', ')} FROM t\`;\n`,
      'prose.ts':
        'export const m = (column: { name: string }) => `The label "${column.name}" is not 0/1.`;\n',
      'spread-copy.ts': `${QUOTE}interface Chosen {\n  column: string;\n}\ninterface Query {\n  column: string;\n  limit: number;\n}\nconst run = (q: Query) => \`select \${q.column} from t limit \${q.limit}\`;\nexport const chosen = (c: string): Chosen => ({ column: ident(c) });\nexport const q = (picked: Chosen) => run({ ...picked, limit: 10 });\n`,
      'default-argument.ts':
        "function sets(keys: string[] = []) {\n  return { group: keys.length ? `GROUP BY ${keys.join(', ')}` : '' };\n}\nexport function q() {\n  const { group } = sets();\n  return `SELECT count(*) FROM t ${group}`;\n}\n",
      'held-function.ts': `${QUOTE}interface Plan {\n  key: (sql: string) => string;\n}\nexport function plan(): Plan {\n  const key = (sql: string) => \`CAST(\${sql} AS VARCHAR)\`;\n  return { key };\n}\nexport function q(p: Plan, v: string) {\n  const key = p.key;\n  return \`SELECT * FROM t WHERE x = \${key(literal(v))}\`;\n}\n`,
      'object-by-key.ts': `${QUOTE}export function q(a: string, k: 'a' | 'b') {\n  const parts: Partial<Record<'a' | 'b', string>> = { a: 'x = 1' };\n  parts.b = \`\${ident(a)} = 2\`;\n  const all = Object.entries(parts).map(([name, part]) => \`\${part} -- \${name}\`);\n  return \`SELECT * FROM t WHERE \${parts[k]} OR \${Object.values(parts).join(' OR ')} \${all.join(' ')}\`;\n}\n`,
      'allowed.ts':
        'interface Filter {\n  text: string;\n}\nexport const q = (f: Filter) => `SELECT * FROM t WHERE ${f.text}`;\n',
    };
    expect(scan(good, { 'Filter.text': 'planted: a condition the user writes' })).toEqual([]);
  }, 60_000);

  it('no SQL in src/ pastes in a value not proven safe', () => {
    const files = sourceFiles(join(ROOT, 'src')).map((path) => ({
      path,
      text: readFileSync(path, 'utf8'),
    }));
    const { violations, used } = findUnsafeSql(files, ALLOWED, ROOT);
    expect(violations).toEqual([]);
    expect(Object.keys(ALLOWED).filter((a) => !used.has(a))).toEqual([]);
  }, 180_000);
});
