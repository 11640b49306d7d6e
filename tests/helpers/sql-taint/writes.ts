import ts from 'typescript';
import { enclosingFunction, isFunction, strip } from './syntax';

/** A write whose value comes from outside the program: `JSON.parse(text) as Notebook`. */
export const OUTSIDE = ts.factory.createIdentifier('__outside__');

/**
 * Every value written to a variable or property after its declaration, by declaration, and the
 * properties a property copies by spreading. A value
 * of no type (any, unknown) given a type, by `as` or a declared type, writes OUTSIDE to each
 * property of that type and of the types inside it: data from a file, a link or a library.
 */
export function collectWrites(sources: readonly ts.SourceFile[], checker: ts.TypeChecker) {
  const writes = new Map<ts.Declaration, ts.Expression[]>();
  /** Properties whose values are copied from other properties, by spreading. */
  const copies = new Map<ts.Declaration, ts.Symbol[]>();
  // The properties the program declares, by name, with the type that holds them.
  const properties = new Map<string, { declaration: ts.Declaration; owner: ts.Type }[]>();
  const declare = (node: ts.Node) => {
    if (
      ts.isInterfaceDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isTypeLiteralNode(node)
    ) {
      const type = ts.isTypeLiteralNode(node)
        ? checker.getTypeFromTypeNode(node)
        : checker.getTypeAtLocation(node.name ?? node);
      for (const m of node.members as ts.NodeArray<ts.TypeElement | ts.ClassElement>)
        if ((ts.isPropertySignature(m) || ts.isPropertyDeclaration(m)) && m.name) {
          const name = m.name.getText();
          properties.set(name, [...(properties.get(name) ?? []), { declaration: m, owner: type }]);
        }
    }
    ts.forEachChild(node, declare);
  };
  for (const sf of sources) declare(sf);
  const record = (symbol: ts.Symbol | undefined, value: ts.Expression) => {
    const declaration = symbol?.declarations?.[0];
    if (declaration) writes.set(declaration, [...(writes.get(declaration) ?? []), value]);
  };
  // A component's props ($props()) come from the components that use it, and the page's own
  // globals (window, self) from this code, not from outside.
  const untyped = (e: ts.Expression) =>
    !(ts.isCallExpression(e) && /^\$(props|state|derived)\b/.test(e.expression.getText())) &&
    !/^(window|self|globalThis)$/.test(strip(e).getText()) &&
    (checker.getTypeAtLocation(e).flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0;
  /**
   * The type an object literal made by a map callback becomes an item of: `rows.map((r) => ({
   * ... }))` returned from a function declared `: Slice[]` (or given to a typed variable) makes
   * Slices, though the literal's own type is only inferred.
   */
  const mappedItemType = (literal: ts.ObjectLiteralExpression): ts.Type | undefined => {
    let node: ts.Node = literal;
    while (ts.isParenthesizedExpression(node.parent)) node = node.parent;
    let fn: ts.Node | undefined = node.parent;
    if (fn && ts.isReturnStatement(fn)) fn = enclosingFunction(fn);
    if (!fn || !isFunction(fn)) return undefined;
    const call = fn.parent;
    if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression))
      return undefined;
    if (!['map', 'flatMap'].includes(call.expression.name.text)) return undefined;
    const target = checker.getContextualType(call);
    return target && checker.getIndexTypeOfType(target, ts.IndexKind.Number);
  };
  /** A value that can be text (a string, or of no known type): objects and numbers cannot be. */
  const textual = (e: ts.Expression) => {
    const type = checker.getTypeAtLocation(e);
    return (type.isUnion() ? type.types : [type]).some(
      (t) => (t.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0,
    );
  };
  const seen = new Set<ts.Type>();
  const fromOutside = (type: ts.Type, depth = 0) => {
    if (depth > 6 || seen.has(type)) return;
    seen.add(type);
    for (const part of type.isUnionOrIntersection() ? type.types : [type]) {
      const item = checker.getIndexTypeOfType(part, ts.IndexKind.Number);
      if (item) fromOutside(item, depth + 1);
      for (const property of part.getProperties()) {
        const declaration = property.declarations?.[0];
        if (!declaration || declaration.getSourceFile().isDeclarationFile) continue;
        record(property, OUTSIDE);
        fromOutside(checker.getTypeOfSymbol(property), depth + 1);
      }
    }
  };
  const add = (target: ts.Node, value: ts.Expression) => {
    let node = target;
    if (ts.isElementAccessExpression(node)) node = node.expression;
    // `findings.duplicates = v` writes the property, and the object's values read by key.
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(strip(node.expression)))
      record(checker.getSymbolAtLocation(strip(node.expression)), value);
    if (ts.isPropertyAccessExpression(node)) node = node.name;
    record(checker.getSymbolAtLocation(node), value);
  };
  const visit = (node: ts.Node) => {
    if ((ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) && untyped(node.expression))
      fromOutside(checker.getTypeAtLocation(node));
    if (
      ts.isVariableDeclaration(node) &&
      node.type &&
      node.initializer &&
      untyped(node.initializer)
    )
      fromOutside(checker.getTypeAtLocation(node.type));
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    )
      add(node.left, node.right);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'push' || method === 'unshift')
        for (const arg of node.arguments)
          add(node.expression.expression, ts.isSpreadElement(arg) ? arg.expression : arg);
    }
    // An object literal writes the properties of the interface it is typed with; a spread in it
    // (`{ ...options, score }`) writes them with the spread value's properties of the same name.
    if (ts.isObjectLiteralExpression(node)) {
      const type = mappedItemType(node) ?? checker.getContextualType(node);
      for (const spread of node.properties.filter(ts.isSpreadAssignment)) {
        const from = checker.getTypeAtLocation(spread.expression);
        for (const t of type ? (type.isUnion() ? type.types : [type]) : [])
          for (const property of t.getProperties()) {
            const declaration = property.declarations?.[0];
            const source = from.getProperty(property.name);
            if (declaration && source && source.declarations?.[0] !== declaration)
              copies.set(declaration, [...(copies.get(declaration) ?? []), source]);
          }
      }
      for (const p of node.properties) {
        if (!(ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))) continue;
        const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
        const name = p.name.getText();
        const declared = (type ? (type.isUnion() ? type.types : [type]) : [])
          .map((t) => t.getProperty(name))
          .filter((property) => property !== undefined && property.declarations?.[0] !== p);
        for (const property of declared) record(property, value);
        // Only inferred: it writes the properties of that name of the types it fits.
        if (declared.length === 0 && textual(value)) {
          const own = checker.getTypeAtLocation(node);
          for (const candidate of properties.get(name) ?? [])
            if (checker.isTypeAssignableTo(own, candidate.owner))
              writes.set(candidate.declaration, [
                ...(writes.get(candidate.declaration) ?? []),
                value,
              ]);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of sources) visit(sf);
  return { writes, copies };
}

/** Every use of each function's name (calls, callbacks, exports), by symbol. */
export function collectReferences(sources: readonly ts.SourceFile[], checker: ts.TypeChecker) {
  const references = new Map<ts.Declaration, ts.Node[]>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && !isDeclarationName(node)) {
      let target: ts.Node = node;
      if (ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)
        target = node.parent;
      let symbol = checker.getSymbolAtLocation(node);
      if (symbol && symbol.flags & ts.SymbolFlags.Alias && !ts.isImportSpecifier(node.parent))
        symbol = checker.getAliasedSymbol(symbol);
      const declaration = symbol?.declarations?.[0];
      if (declaration)
        references.set(declaration, [...(references.get(declaration) ?? []), target]);
    }
    ts.forEachChild(node, visit);
  };
  for (const sf of sources) visit(sf);
  return references;
}

export function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    (ts.isFunctionDeclaration(parent) ||
      ts.isVariableDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isParameter(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    parent.name === node
  );
}
