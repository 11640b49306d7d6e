import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * SQL is built from quoted parts only. The rule this test enforces on every template literal in
 * src/ whose fixed text reads as SQL (an upper-case keyword: SELECT, FROM, WHERE, JOIN, ...):
 * each `${...}` in it must be
 *   1. a call of a quoting helper (ident, literal, listLiteral), or a list mapped through one;
 *   2. a number: a numeric literal, an UPPER_CASE constant, Math.*(...), Number(...), x.length;
 *   3. a call of a function or method: a builder whose own SQL falls under this same rule;
 *   4. a bare local name (a fragment built in the same function from parts that obey the rule),
 *      or a conditional / string literal made of the above.
 * A property read such as `${column.name}` or `${options.filter}` is where user text arrives
 * unquoted, so it fails unless the allow-list below names it, with the reason it is safe.
 */
const SQL_TEXT =
  /\b(SELECT|FROM|WHERE|JOIN|CREATE|DROP|INSERT INTO|DELETE FROM|UPDATE|DESCRIBE|UNPIVOT|GROUP BY|ORDER BY)\b/;

const ALLOWED: Record<string, string> = {
  'o.filter': 'the global filter is a SQL condition the user writes on purpose, run as typed',
  'o.where': 'a WHERE condition assembled by the slice builders from ident/literal parts',
  'detail.condition': 'a slice condition built by sliceCondition() from ident/literal parts',
  'detail.source':
    'a dataset name made by planDatasets as ds_<table>, and tableNameFor allows [a-z0-9_] only',
  'plan.select': 'a SELECT built by planDatasets from ident/literal parts',
  'applied.select':
    "the dataset's SELECT: the plan's, with derived columns added by withColumn (ident) over expressions checkExpression let through",
  'c.features.map(featureColumn).join': 'feature columns quoted by featureColumn (ident)',
};

const usedAllowances = new Set<string>();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|svelte)$/.test(p) ? [p] : [];
  });
}

function scriptOf(path: string, text: string): string {
  if (!path.endsWith('.svelte')) return text;
  return [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
}

function isSafe(e: ts.Node, sf: ts.SourceFile): boolean {
  const text = e.getText(sf).replace(/\s+/g, ' ');
  const allowed = Object.keys(ALLOWED).find((a) => text === a || text.startsWith(`${a}(`));
  if (allowed) {
    usedAllowances.add(allowed);
    return true;
  }
  if (ts.isParenthesizedExpression(e) || ts.isSpreadElement(e)) return isSafe(e.expression, sf);
  if (ts.isNumericLiteral(e) || ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
    return true;
  if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => isSafe(s.expression, sf));
  if (ts.isConditionalExpression(e)) return isSafe(e.whenTrue, sf) && isSafe(e.whenFalse, sf);
  if (ts.isBinaryExpression(e)) return isSafe(e.left, sf) && isSafe(e.right, sf);
  if (ts.isArrayLiteralExpression(e)) return e.elements.every((x) => isSafe(x, sf));
  if (ts.isIdentifier(e)) return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(text) || /\.length$/.test(text)) return true;
  if (ts.isCallExpression(e)) {
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'map') {
      // The items are whatever the mapper makes of them: a named function (a helper or a
      // builder) or an arrow whose result obeys the rule.
      const mapper = e.arguments[0];
      if (mapper && ts.isArrowFunction(mapper))
        return ts.isBlock(mapper.body) ? false : isSafe(mapper.body, sf);
      return mapper !== undefined && ts.isIdentifier(mapper);
    }
    if (
      ts.isPropertyAccessExpression(callee) &&
      ['join', 'concat', 'slice'].includes(callee.name.text)
    )
      return isSafe(callee.expression, sf) && e.arguments.every((a) => isSafe(a, sf));
    return true;
  }
  return false;
}

/** The interpolations that break the rule in one file's text, as `line: expression`. */
export function violations(path: string, source: string): string[] {
  const sf = ts.createSourceFile(path, scriptOf(path, source), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node) => {
    if (ts.isTemplateExpression(n)) {
      const fixed = n.head.text + n.templateSpans.map((s) => s.literal.text).join(' ');
      if (SQL_TEXT.test(fixed)) {
        for (const span of n.templateSpans) {
          if (isSafe(span.expression, sf)) continue;
          const line = sf.getLineAndCharacterOfPosition(span.expression.getStart(sf)).line + 1;
          found.push(`${line}: \${${span.expression.getText(sf)}}`);
        }
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return found;
}

describe('SQL source scan', () => {
  it('finds a planted unquoted interpolation, and accepts the quoted form', () => {
    const bad = [
      'const sql = `SELECT * FROM ${table} WHERE ${column.name} = 1`;',
      "const q = `DELETE FROM t WHERE label = '${options.value}'`;",
      'const s = `SELECT ${cols.map((c) => c.name).join(", ")} FROM t`;',
    ].join('\n');
    expect(violations('planted.ts', bad)).toEqual([
      '1: ${column.name}',
      '2: ${options.value}',
      '3: ${cols.map((c) => c.name).join(", ")}',
    ]);
    const good = [
      'const sql = `SELECT * FROM ${ident(table)} WHERE ${ident(column.name)} = ${literal(v)}`;',
      'const s = `SELECT ${cols.map((c) => ident(c.name)).join(", ")} FROM t LIMIT ${PAGE_SIZE}`;',
      'const m = `The label "${column.name}" is not 0/1`;',
    ].join('\n');
    expect(violations('planted.ts', good)).toEqual([]);
    expect(
      violations('planted.svelte', `<script lang="ts">\n${bad}\n</script>\n<p>x</p>`),
    ).toHaveLength(3);
  });

  it('no SQL in src/ interpolates anything but quoted names, values and built fragments', () => {
    const root = new URL('../../', import.meta.url).pathname;
    const problems = sourceFiles(join(root, 'src')).flatMap((path) =>
      violations(path, readFileSync(path, 'utf8')).map((v) => `${relative(root, path)}:${v}`),
    );
    expect(problems).toEqual([]);
    expect(Object.keys(ALLOWED).filter((a) => !usedAllowances.has(a))).toEqual([]);
  });
});
