import ts from 'typescript';
import { createProgram, displayPath, scriptPath } from './program';
import { sqlText } from './sql-text';
import {
  enclosingFunction,
  fileOf,
  functionOf,
  isBuiltIn,
  isFunction,
  isQuoteFile,
  isQuoting,
  isUsed,
  returnValues,
  strip,
  type Fn,
  BUILT_IN_METHODS,
  ITEM_CALLBACKS,
} from './syntax';
import { collectReferences, collectWrites, OUTSIDE } from './writes';

/**
 * Finds text pasted into SQL that is not proven safe: a taint check over a TypeScript program.
 *
 * A template literal is SQL when its fixed text reads as SQL in any case (sqlText). Each of its
 * `${...}` must be proven safe, following the value back through the program with the type
 * checker:
 *   - a literal, a number or boolean (by type), or a call of the quoting helpers of
 *     src/lib/sql/quote.ts (ident, literal, listLiteral);
 *   - a template, conditional, `+`/`??`/`||` or array made of safe parts;
 *   - a call of a function of the program whose every return value is safe, with its parameters
 *     bound to this call's arguments (a function held by a variable or property: each function
 *     written to it); a built-in method (join, map, trim, slice, ...) on a safe value with safe
 *     arguments, the items of `map` being the receiver's; Object.values of a safe object
 *     (keys and entries only when its type names every key);
 *   - an object literal whose values are all safe, read by a key not known here;
 *   - a variable or property whose initializer and every later write (assignment, `push`, an
 *     object literal of that type, or one that fits it, a spread of it, `o.p = v` for o) are safe,
 *     a value of no type given a type (`JSON.parse(text) as Notebook`) counting as written from
 *     outside; a parameter (or a part of one destructured) that every call passes a safe argument
 *     (or, for a callback of map, filter, ..., the receiver's items).
 * Anything else, a property read such as `column.name`, a parameter of a function nobody calls,
 * `String(x)` of such a value, is where user text can arrive unquoted, unless the allow-list
 * names the property it is read from (`Type.property`) with the reason it is safe.
 * SQL_TAINT_DEBUG=<path>:<line> prints how that line's values were judged.
 */

/** A file to check: its path (relative imports resolve from it) and its text. */
export interface SourceText {
  path: string;
  text: string;
}

export interface TaintReport {
  /** `path:line: ${expression}` for each unsafe interpolation. */
  violations: string[];
  /** The allow-list entries that were needed. */
  used: Set<string>;
}

/** Calls deeper than this are not followed (taken as unsafe). */
const MAX_DEPTH = 16;

export function findUnsafeSql(
  files: SourceText[],
  allowed: Record<string, string>,
  root: string,
): TaintReport {
  const program = createProgram(files, root);
  const checker = program.getTypeChecker();
  const checked = new Set(files.map((f) => scriptPath(f.path)));
  const sources = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile);
  const { writes, copies } = collectWrites(sources, checker);
  const used = new Set<string>();
  const violations: string[] = [];
  const symbolMemo = new Map<ts.Declaration, boolean>();
  const visiting = new Set<ts.Declaration>();

  /** The symbol a name or property access refers to, aliases (imports) followed. */
  const symbolOf = (node: ts.Node): ts.Symbol | undefined => {
    const symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) return checker.getAliasedSymbol(symbol);
    return symbol;
  };

  const safeByType = (e: ts.Expression): boolean => {
    const type = checker.getTypeAtLocation(e);
    const parts = type.isUnion() ? type.types : [type];
    const constant =
      ts.TypeFlags.NumberLike |
      ts.TypeFlags.BooleanLike |
      ts.TypeFlags.BigIntLike |
      ts.TypeFlags.Undefined |
      ts.TypeFlags.Null |
      ts.TypeFlags.Never;
    return parts.every((t) => (t.flags & constant) !== 0);
  };

  /** Parameters bound to whether the call being followed passes them safe values. */
  interface Scope {
    bound: Map<ts.ParameterDeclaration, boolean>;
    depth: number;
  }
  const top: Scope = { bound: new Map(), depth: 0 };
  const callMemo = new Map<string, boolean>();
  const callsVisiting = new Set<string>();
  const fnIds = new Map<Fn, number>();

  let debugDepth = -1;
  function safe(expression: ts.Expression, scope: Scope): boolean {
    if (debugDepth >= 0) debugDepth++;
    const result = safeInner(expression, scope);
    if (debugDepth >= 0) {
      console.log(
        `${'  '.repeat(debugDepth)}${result ? 'ok ' : 'NO '}${displayPath(fileOf(expression))}: ${expression.getText().replace(/\s+/g, ' ').slice(0, 90)}`,
      );
      debugDepth--;
    }
    return result;
  }

  /**
   * `Type.property` of an allowance that names a property's declaration (read, or called as a
   * method: `kind.sql(cell)`), or undefined.
   */
  function declaredAllowance(expression: ts.Expression): string | undefined {
    const e = ts.isCallExpression(expression) ? strip(expression.expression) : expression;
    if (!ts.isPropertyAccessExpression(e)) return undefined;
    const declaration = symbolOf(e.name)?.declarations?.[0];
    const holder = declaration?.parent;
    const owner =
      holder && (ts.isInterfaceDeclaration(holder) || ts.isClassDeclaration(holder))
        ? holder.name?.text
        : holder && ts.isTypeLiteralNode(holder) && ts.isTypeAliasDeclaration(holder.parent)
          ? holder.parent.name.text
          : undefined;
    const key = owner && `${owner}.${e.name.text}`;
    return key && key in allowed ? key : undefined;
  }

  function safeInner(expression: ts.Expression, scope: Scope): boolean {
    const e = strip(expression);
    const declared = declaredAllowance(e);
    if (declared) {
      used.add(declared);
      return true;
    }
    if (
      ts.isStringLiteral(e) ||
      ts.isNumericLiteral(e) ||
      ts.isNoSubstitutionTemplateLiteral(e) ||
      ts.isRegularExpressionLiteral(e) ||
      e.kind === ts.SyntaxKind.TrueKeyword ||
      e.kind === ts.SyntaxKind.FalseKeyword ||
      e.kind === ts.SyntaxKind.NullKeyword
    )
      return true;
    if (safeByType(e)) return true;
    if (ts.isTemplateExpression(e)) return e.templateSpans.every((s) => safe(s.expression, scope));
    if (ts.isConditionalExpression(e)) return safe(e.whenTrue, scope) && safe(e.whenFalse, scope);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.CommaToken) return safe(e.right, scope);
      return safe(e.left, scope) && safe(e.right, scope);
    }
    if (ts.isArrayLiteralExpression(e))
      return e.elements.every((x) => safe(ts.isSpreadElement(x) ? x.expression : x, scope));
    // An object read by a key not known here (`findings[f]`): as safe as all its values.
    if (ts.isObjectLiteralExpression(e))
      return e.properties.every((p) =>
        ts.isPropertyAssignment(p)
          ? safe(p.initializer, scope)
          : ts.isShorthandPropertyAssignment(p)
            ? safe(p.name, scope)
            : ts.isSpreadAssignment(p) && safe(p.expression, scope),
      );
    if (ts.isCallExpression(e)) return safeCall(e, scope);
    if (ts.isIdentifier(e)) return safeName(e, scope);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
      return safeMember(e, scope);
    return false;
  }

  function safeCall(call: ts.CallExpression, scope: Scope): boolean {
    const callee = strip(call.expression);
    const target = symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
    const declaration = target?.declarations?.[0];
    // A method of a value whose type is not known here (from an npm package): the built-in of
    // that name, if there is one.
    const unknownBuiltIn =
      !declaration &&
      ts.isPropertyAccessExpression(callee) &&
      BUILT_IN_METHODS.has(callee.name.text);
    if (!declaration && !unknownBuiltIn) return false;
    const fn = declaration && functionOf(declaration);
    if (fn?.body && !declaration!.getSourceFile().isDeclarationFile)
      return returnsSafe(fn, argumentsSafe(fn, call, scope), scope);
    // A property holding a function (`key: (sql: string) => string`): each function written to it.
    const held = declaration && heldFunctions(declaration);
    if (held) return held.every((f) => returnsSafe(f, argumentsSafe(f, call, scope), scope));
    if (declaration && !isBuiltIn(declaration)) return false;
    // Object.values(o) holds o's values; Object.keys and entries its keys too, which are the
    // code's own names only when o's type names them all (no index signature).
    if (ts.isPropertyAccessExpression(callee) && callee.expression.getText() === 'Object') {
      const arg = call.arguments[0];
      const keysFixed =
        arg && !checker.getIndexInfoOfType(checker.getTypeAtLocation(arg), ts.IndexKind.String);
      if (callee.name.text === 'values') return !!arg && safe(arg, scope);
      if (callee.name.text === 'entries') return !!keysFixed && safe(arg, scope);
      if (callee.name.text === 'keys') return !!keysFixed;
    }
    // A built-in (a method of an array or a string, String(), JSON.stringify(), ...): its text
    // comes from its receiver and its arguments; map's and flatMap's from what the callback
    // makes of the receiver's items.
    // Array.from(items, mapper) is items.map(mapper).
    const from = callee.getText() === 'Array.from' && call.arguments.length === 2;
    const values = call.arguments.filter(
      (a) => !isFunction(strip(a)) && checker.getTypeAtLocation(a).getCallSignatures().length === 0,
    );
    if (!from && !values.every((a) => safe(ts.isSpreadElement(a) ? a.expression : a, scope)))
      return false;
    if (!from && !ts.isPropertyAccessExpression(callee)) return true;
    const receiverSafe = () =>
      safe(from ? call.arguments[0] : (callee as ts.PropertyAccessExpression).expression, scope);
    const method = from ? 'map' : (callee as ts.PropertyAccessExpression).name.text;
    if (method !== 'map' && method !== 'flatMap') return receiverSafe();
    const mapper = call.arguments[from ? 1 : 0] && strip(call.arguments[from ? 1 : 0]);
    const named = mapper && !isFunction(mapper) ? symbolOf(mapper)?.declarations?.[0] : undefined;
    const fnOfMapper = mapper && isFunction(mapper) ? mapper : named && functionOf(named);
    if (!fnOfMapper?.body) return false;
    const [item, ...rest] = fnOfMapper.parameters;
    const itemUsed = item !== undefined && isUsed(item, fnOfMapper);
    return returnsSafe(
      fnOfMapper,
      [itemUsed ? receiverSafe() : true, ...rest.map((p) => safeByType(p.name as ts.Identifier))],
      scope,
    );
  }

  /**
   * The functions a variable or property of a function type holds (`key: (sql: string) => string`,
   * `const key = plan.key`): its initializer and each write, an inline function or the name of a
   * function or of another such holder; undefined when one of them cannot be followed.
   */
  function heldFunctions(
    declaration: ts.Declaration,
    seen = new Set<ts.Declaration>(),
  ): Fn[] | undefined {
    if (seen.has(declaration)) return [];
    seen.add(declaration);
    const initializer =
      ts.isVariableDeclaration(declaration) || ts.isPropertyDeclaration(declaration)
        ? declaration.initializer
        : undefined;
    if (
      !initializer &&
      !ts.isPropertySignature(declaration) &&
      !ts.isPropertyDeclaration(declaration)
    )
      return undefined;
    const values = [...(initializer ? [initializer] : []), ...(writes.get(declaration) ?? [])];
    const fns: Fn[] = [];
    for (const value of values) {
      const e = strip(value);
      if (isFunction(e) && (e as Fn).body) {
        fns.push(e as Fn);
        continue;
      }
      const name = ts.isPropertyAccessExpression(e) ? e.name : ts.isIdentifier(e) ? e : undefined;
      // A shorthand `{ key }` names the property; its value is the variable of that name.
      const symbol =
        name && ts.isShorthandPropertyAssignment(name.parent) && name.parent.name === name
          ? checker.getShorthandAssignmentValueSymbol(name.parent)
          : name && symbolOf(name);
      const named = symbol?.declarations?.[0];
      const fn = named && functionOf(named);
      const held = named && !fn ? heldFunctions(named, seen) : undefined;
      if (fn?.body) fns.push(fn);
      else if (held) fns.push(...held);
      else return undefined;
    }
    return fns.length > 0 ? fns : undefined;
  }

  /** Whether each parameter of `fn` gets a safe value from `call`: its argument, or its default. */
  function argumentsSafe(fn: Fn, call: ts.CallExpression, scope: Scope): boolean[] {
    return fn.parameters.map((p, i) => {
      const arg = call.arguments[i];
      return arg ? safe(arg, scope) : p.initializer ? safe(p.initializer, scope) : true;
    });
  }

  /** Whether every value `fn` returns is safe when its parameters are as `argsSafe` says. */
  function returnsSafe(fn: Fn, argsSafe: readonly boolean[], scope: Scope): boolean {
    if (isQuoting(fn)) return true;
    if (scope.depth >= MAX_DEPTH) return false;
    if (!fnIds.has(fn)) fnIds.set(fn, fnIds.size);
    const key = `${fnIds.get(fn)}:${argsSafe.map(Number).join('')}`;
    const memo = callMemo.get(key);
    if (memo !== undefined) return memo;
    if (callsVisiting.has(key)) return true;
    callsVisiting.add(key);
    const bound = new Map(scope.bound);
    fn.parameters.forEach((p, i) => bound.set(p, argsSafe[i] ?? false));
    const inner: Scope = { bound, depth: scope.depth + 1 };
    let result = false;
    try {
      result = returnValues(fn).every((r) => safe(r, inner));
    } finally {
      callsVisiting.delete(key);
    }
    callMemo.set(key, result);
    return result;
  }

  function safeName(name: ts.Identifier, scope: Scope): boolean {
    if (name.text === 'undefined') return true;
    const symbol = symbolOf(name);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration) return false;
    if (ts.isParameter(declaration)) {
      const bound = scope.bound.get(declaration);
      if (bound !== undefined) return bound;
    }
    if (ts.isEnumMember(declaration)) return true;
    // A local of a function being followed with its parameters bound: read in that binding.
    const owner = enclosingFunction(declaration);
    if (owner && owner.parameters.some((p) => scope.bound.has(p)))
      return localSafe(symbol, declaration, scope);
    return safeSymbol(symbol);
  }

  const localsVisiting = new Set<string>();

  /** A variable of a function whose parameters the call being followed binds. */
  function localSafe(symbol: ts.Symbol, declaration: ts.Declaration, scope: Scope): boolean {
    const owner = enclosingFunction(declaration)!;
    const bits = owner.parameters.map((p) => Number(scope.bound.get(p) ?? 2)).join('');
    const key = `${declaration.pos}:${fileOf(declaration)}:${bits}`;
    if (localsVisiting.has(key)) return true;
    localsVisiting.add(key);
    try {
      return (
        declarationSafe(declaration, scope) &&
        (writes.get(declaration) ?? []).every((w) => w !== OUTSIDE && safe(w, scope)) &&
        (symbol.declarations ?? []).slice(1).every((d) => declarationSafe(d, scope))
      );
    } finally {
      localsVisiting.delete(key);
    }
  }

  function safeMember(
    member: ts.PropertyAccessExpression | ts.ElementAccessExpression,
    scope: Scope,
  ): boolean {
    if (ts.isPropertyAccessExpression(member)) {
      const symbol = symbolOf(member.name);
      const declaration = symbol?.declarations?.[0];
      if (!symbol || !declaration) return false;
      // A property of a constant object written in the code (LABELS.x).
      const literal = constantObject(member.expression);
      if (literal) return propertySafe(literal, member.name.text, scope);
      return safeSymbol(symbol);
    }
    // LABELS[key]: every value of a constant object or array written in the code.
    const literal = constantObject(member.expression);
    if (literal)
      return ts.isObjectLiteralExpression(literal)
        ? literal.properties.every((p) => ts.isPropertyAssignment(p) && safe(p.initializer, top))
        : literal.elements.every((x) => safe(x, top));
    // An item of a safe array.
    return safe(member.expression, scope);
  }

  /** A `const` object or array literal that the code never writes to, behind an expression. */
  function constantObject(
    e: ts.Expression,
  ): ts.ObjectLiteralExpression | ts.ArrayLiteralExpression | undefined {
    const inner = strip(e);
    if (!ts.isIdentifier(inner)) return undefined;
    const symbol = symbolOf(inner);
    const declaration = symbol?.declarations?.[0];
    if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) return undefined;
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
    if ((writes.get(declaration) ?? []).length > 0) return undefined;
    const init = declaration.initializer && strip(declaration.initializer);
    return init && (ts.isObjectLiteralExpression(init) || ts.isArrayLiteralExpression(init))
      ? init
      : undefined;
  }

  function propertySafe(e: ts.Expression, property: string, scope: Scope): boolean {
    const inner = strip(e);
    if (ts.isObjectLiteralExpression(inner)) {
      for (const p of [...inner.properties].reverse()) {
        if (ts.isPropertyAssignment(p) && p.name.getText() === property)
          return safe(p.initializer, scope);
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === property)
          return safe(p.name, scope);
        if (ts.isSpreadAssignment(p)) return propertySafe(p.expression, property, scope);
      }
      return false;
    }
    if (ts.isCallExpression(inner)) {
      const callee = strip(inner.expression);
      const target = symbolOf(ts.isPropertyAccessExpression(callee) ? callee.name : callee);
      const fn = target?.declarations?.[0] && functionOf(target.declarations[0]);
      if (!fn?.body || scope.depth >= MAX_DEPTH) return false;
      const bound = new Map(scope.bound);
      const argsSafe = argumentsSafe(fn, inner, scope);
      fn.parameters.forEach((p, i) => bound.set(p, argsSafe[i]));
      const innerScope = { bound, depth: scope.depth + 1 };
      return returnValues(fn).every((r) => propertySafe(r, property, innerScope));
    }
    if (ts.isIdentifier(inner)) {
      const symbol = symbolOf(inner);
      const declaration = symbol?.declarations?.[0];
      if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer)
        return false;
      if ((writes.get(declaration) ?? []).length > 0) return false;
      return propertySafe(declaration.initializer, property, scope);
    }
    return false;
  }

  /** A variable's or property's values, wherever the program gives them, all safe. */
  function safeSymbol(symbol: ts.Symbol): boolean {
    const declaration = symbol.declarations![0];
    const memo = symbolMemo.get(declaration);
    if (memo !== undefined) return memo;
    // A value that depends on itself (a loop, a recursion): what the other paths say decides.
    if (visiting.has(declaration)) return true;
    visiting.add(declaration);
    let result = false;
    try {
      result =
        declarationSafe(declaration) &&
        (writes.get(declaration) ?? []).every((w) => w !== OUTSIDE && safe(w, top)) &&
        (copies.get(declaration) ?? []).every((source) => safeSymbol(source)) &&
        (symbol.declarations ?? []).slice(1).every((d) => declarationSafe(d));
    } finally {
      visiting.delete(declaration);
    }
    symbolMemo.set(declaration, result);
    return result;
  }

  function declarationSafe(declaration: ts.Declaration, scope = top): boolean {
    if (ts.isVariableDeclaration(declaration)) {
      const loop = declaration.parent?.parent;
      if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop)))
        return ts.isForInStatement(loop) ? false : safe(loop.expression, scope);
      return declaration.initializer ? safe(declaration.initializer, scope) : true;
    }
    if (ts.isBindingElement(declaration)) return bindingSafe(declaration, scope);
    if (ts.isParameter(declaration)) return parameterSafe(declaration);
    // A property no code writes gets its values from outside (parsed JSON, a library).
    if (ts.isPropertyDeclaration(declaration) && declaration.initializer)
      return safe(declaration.initializer, scope);
    if (ts.isPropertyDeclaration(declaration) || ts.isPropertySignature(declaration))
      return (writes.get(declaration) ?? []).length + (copies.get(declaration) ?? []).length > 0;
    if (ts.isPropertyAssignment(declaration)) return safe(declaration.initializer, scope);
    if (ts.isShorthandPropertyAssignment(declaration)) return safe(declaration.name, scope);
    return false;
  }

  function bindingSafe(binding: ts.BindingElement, scope = top): boolean {
    const pattern = binding.parent;
    const holder = pattern.parent;
    const property =
      binding.propertyName?.getText() ??
      (ts.isIdentifier(binding.name) ? binding.name.text : undefined);
    if (ts.isVariableDeclaration(holder)) {
      const loop = holder.parent?.parent;
      if (loop && ts.isForOfStatement(loop)) return safe(loop.expression, scope);
      if (!holder.initializer) return false;
      if (ts.isArrayBindingPattern(pattern)) return safe(holder.initializer, scope);
      return property !== undefined && propertySafe(holder.initializer, property, scope);
    }
    // A part of a parameter (`([name, part]) => ...`): as safe as the whole value passed.
    if (ts.isParameter(holder)) return scope.bound.get(holder) ?? parameterSafe(holder);
    return false;
  }

  /** A parameter not bound to a call: every caller's argument, or the items of a callback. */
  function parameterSafe(parameter: ts.ParameterDeclaration): boolean {
    const fn = parameter.parent as Fn;
    const index = fn.parameters.indexOf(parameter);
    const user = fn.parent;
    // A callback written inline: (x) => ... given to items.map, items.filter, ...
    if (ts.isCallExpression(user) && user.arguments.includes(fn as ts.Expression)) {
      const callee = strip(user.expression);
      if (ts.isPropertyAccessExpression(callee) && ITEM_CALLBACKS.has(callee.name.text))
        return index === 0 ? safe(callee.expression, top) : false;
      return false;
    }
    const named = fnDeclaration(fn);
    if (!named) return false;
    const uses = references.get(named) ?? [];
    if (uses.length === 0) return false;
    return uses.every((use) => {
      const parent = use.parent;
      if (ts.isCallExpression(parent) && strip(parent.expression) === use) {
        const arg = parent.arguments[index];
        if (arg) return safe(arg, top);
        return parameter.initializer ? safe(parameter.initializer, top) : true;
      }
      // Passed as a callback: items.map(fn).
      if (ts.isCallExpression(parent) && parent.arguments.includes(use as ts.Expression)) {
        const callee = strip(parent.expression);
        if (ts.isPropertyAccessExpression(callee) && ITEM_CALLBACKS.has(callee.name.text))
          return index === 0 ? safe(callee.expression, top) : false;
      }
      // Exported or imported: the calls are followed from wherever they are.
      return ts.isExportSpecifier(parent) || ts.isImportSpecifier(parent);
    });
  }

  const references = collectReferences(sources, checker);

  /** The declaration that names a function: its own, or the variable or property holding it. */
  function fnDeclaration(fn: Fn): ts.Declaration | undefined {
    if (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) return fn;
    const holder = fn.parent;
    if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) return holder;
    return undefined;
  }

  for (const sf of sources) {
    if (!checked.has(sf.fileName) || isQuoteFile(sf.fileName)) continue;
    const visit = (node: ts.Node) => {
      if (ts.isTemplateExpression(node)) {
        const fixed = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(
          ' ? ',
        );
        if (sqlText(fixed))
          for (const span of node.templateSpans) {
            const where = `${displayPath(sf.fileName)}:${sf.getLineAndCharacterOfPosition(span.expression.getStart(sf)).line + 1}`;
            if (process.env.SQL_TAINT_DEBUG === where) debugDepth = 0;
            const ok = safe(span.expression, top);
            debugDepth = -1;
            if (ok) continue;
            const line = sf.getLineAndCharacterOfPosition(span.expression.getStart(sf)).line + 1;
            violations.push(
              `${displayPath(sf.fileName)}:${line}: \${${span.expression.getText(sf)}}`,
            );
          }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { violations, used };
}
