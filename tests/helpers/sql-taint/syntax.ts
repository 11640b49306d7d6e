import ts from 'typescript';

/** A function, method or arrow: what a call can reach. */
export type Fn = ts.FunctionLikeDeclaration;

const QUOTING = new Set(['ident', 'literal', 'listLiteral']);

/** Array methods whose callback's first parameter is an item of the receiver. */
export const ITEM_CALLBACKS = new Set([
  'map',
  'flatMap',
  'filter',
  'forEach',
  'some',
  'every',
  'find',
  'findIndex',
  'findLast',
  'sort',
  'toSorted',
]);
/** Methods of arrays and strings whose text comes from the receiver (and the arguments). */
export const BUILT_IN_METHODS = new Set([
  ...ITEM_CALLBACKS,
  'join',
  'concat',
  'slice',
  'flat',
  'reverse',
  'toReversed',
  'at',
  'trim',
  'trimStart',
  'trimEnd',
  'toLowerCase',
  'toUpperCase',
  'replace',
  'replaceAll',
  'padStart',
  'padEnd',
  'repeat',
  'toString',
]);
const QUOTE_FILE = /\/src\/lib\/sql\/quote\.ts$/;

/** src/lib/sql/quote.ts, the one place that quotes: it is not checked. */
export const isQuoteFile = (path: string) => QUOTE_FILE.test(path);

export function strip(e: ts.Expression): ts.Expression {
  let inner = e;
  while (
    ts.isParenthesizedExpression(inner) ||
    ts.isAsExpression(inner) ||
    ts.isNonNullExpression(inner) ||
    ts.isTypeAssertionExpression(inner) ||
    ts.isSatisfiesExpression(inner) ||
    ts.isAwaitExpression(inner)
  )
    inner = inner.expression;
  return inner;
}

/** The function a declaration is local to (its parameters' owner), if any. */
export function enclosingFunction(node: ts.Node): Fn | undefined {
  for (let n = node.parent; n; n = n.parent)
    if (ts.isFunctionLike(n) && 'body' in n) return n as Fn;
  return undefined;
}

export const isFunction = (e: ts.Node): e is ts.ArrowFunction | ts.FunctionExpression =>
  ts.isArrowFunction(e) || ts.isFunctionExpression(e);

export function functionOf(declaration: ts.Declaration): Fn | undefined {
  if (ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration))
    return declaration;
  if (
    (ts.isVariableDeclaration(declaration) || ts.isPropertyAssignment(declaration)) &&
    declaration.initializer &&
    isFunction(strip(declaration.initializer))
  )
    return strip(declaration.initializer) as Fn;
  return undefined;
}

/** The expressions a function returns (an arrow's body, or each `return`, nested functions aside). */
export function returnValues(fn: Fn): ts.Expression[] {
  if (fn.body && !ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isReturnStatement(node) && node.expression) out.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  if (fn.body) ts.forEachChild(fn.body, visit);
  return out;
}

export const fileOf = (node: ts.Node) => node.getSourceFile().fileName;

/** ident, literal and listLiteral of src/lib/sql/quote.ts: what they return is quoted. */
export const isQuoting = (fn: Fn) =>
  ts.isFunctionDeclaration(fn) &&
  fn.name !== undefined &&
  QUOTING.has(fn.name.text) &&
  QUOTE_FILE.test(fileOf(fn));

/** Whether a parameter's name is read in the function's body (`_` in `(_, i) => ...` is not). */
export function isUsed(parameter: ts.ParameterDeclaration, fn: Fn): boolean {
  if (!ts.isIdentifier(parameter.name)) return true;
  const name = parameter.name.text;
  let found = false;
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && node.text === name && node !== parameter.name) found = true;
    if (!found) ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return found;
}

/** Declared by TypeScript's own library (String, JSON, Array and string methods, Math). */
export const isBuiltIn = (declaration: ts.Node) =>
  /\/typescript\/lib\/lib\.[^/]*\.d\.ts$/.test(fileOf(declaration));
