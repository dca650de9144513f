/** Small syntax questions the QStash analysis asks of TypeScript nodes. */
import type * as ts from "typescript";
import { memberPath, propertyNameText, stringValue, unwrap, walk } from "../../ast";
import { DATA_CLASS } from "./vocabulary";

export type TS = typeof ts;

export type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

export function isFunctionNode(ts: TS, n: ts.Node): n is ts.ArrowFunction | ts.FunctionExpression {
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

export function isFunctionLike(ts: TS, n: ts.Node): n is FunctionNode {
  return (
    ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)
  );
}

export function bindingNames(ts: TS, n: ts.BindingName): string[] {
  if (ts.isIdentifier(n)) return [n.text];
  const out: string[] = [];
  for (const el of n.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(ts, el.name));
  return out;
}

/** A function declared (or bound to a `const`) directly in a block. */
export function findLocalFunction(ts: TS, body: ts.Block, name: string): FunctionNode | undefined {
  for (const st of body.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && isFunctionNode(ts, unwrap(d.initializer)))
        return unwrap(d.initializer) as FunctionNode;
    }
  }
  return undefined;
}

/** Variables of a function initialised with literals or plain data structures. */
export function dataVariables(ts: TS, fn: FunctionNode): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  const plain = (init: ts.Expression) =>
    ts.isArrayLiteralExpression(init) ||
    ts.isObjectLiteralExpression(init) ||
    ts.isStringLiteral(init) ||
    ts.isTemplateExpression(init) ||
    (ts.isNewExpression(init) && DATA_CLASS.test(memberPath(init.expression)?.join(".") ?? ""));
  walk(fn.body, (n) => {
    if (n !== fn.body && isFunctionNode(ts, n)) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && plain(unwrap(n.initializer)))
      out.add(n.name.text);
    return undefined;
  });
  return out;
}

export function isFalsy(ts: TS, e: ts.Expression): boolean {
  const x = unwrap(e);
  return (
    x.kind === ts.SyntaxKind.FalseKeyword ||
    x.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(x) && x.text === "undefined") ||
    (ts.isNumericLiteral(x) && x.text === "0") ||
    (ts.isStringLiteral(x) && x.text === "")
  );
}

export function isNullish(ts: TS, e: ts.Expression): boolean {
  return (
    e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined") || ts.isVoidExpression(e)
  );
}

export function isLiteralish(ts: TS, e: ts.Expression): boolean {
  const x = unwrap(e);
  return (
    ts.isStringLiteral(x) ||
    ts.isNumericLiteral(x) ||
    ts.isNoSubstitutionTemplateLiteral(x) ||
    x.kind === ts.SyntaxKind.NullKeyword ||
    x.kind === ts.SyntaxKind.TrueKeyword ||
    x.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(x) && x.text === "undefined") ||
    ts.isTypeOfExpression(x)
  );
}

export function throwsIn(ts: TS, n: ts.Node | undefined): boolean {
  if (!n) return false;
  let found = false;
  walk(n, (k) => {
    if (found) return false;
    if (ts.isThrowStatement(k)) found = true;
    return undefined;
  });
  return found;
}

/** `!x` → true, `x` / `await x` / `x()` → false, `x === false` → true, else null. */
export function negation(ts: TS, e: ts.Expression, depth = 0): boolean | null {
  const x = unwrap(e);
  if (depth > 20) return null;
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = negation(ts, x.operand, depth + 1);
    return inner === null ? null : !inner;
  }
  if (ts.isIdentifier(x) || ts.isCallExpression(x) || ts.isAwaitExpression(x) || ts.isPropertyAccessExpression(x))
    return false;
  if (!ts.isBinaryExpression(x)) return null;
  const op = x.operatorToken.kind;
  const lit = unwrap(x.right);
  const isTrue = lit.kind === ts.SyntaxKind.TrueKeyword;
  const isFalse =
    lit.kind === ts.SyntaxKind.FalseKeyword ||
    lit.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(lit) && lit.text === "undefined");
  if (!isTrue && !isFalse) return null;
  if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return isFalse;
  if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return isTrue;
  return null;
}

/** The leftmost identifier of `a.b(…).c[…]`. */
export function rootIdentifier(ts: TS, n: ts.Node): string | undefined {
  let cur: ts.Node = n;
  for (;;) {
    if (ts.isIdentifier(cur)) return cur.text;
    if (
      ts.isPropertyAccessExpression(cur) ||
      ts.isElementAccessExpression(cur) ||
      ts.isCallExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isParenthesizedExpression(cur) ||
      ts.isAsExpression(cur) ||
      ts.isAwaitExpression(cur)
    ) {
      cur = cur.expression;
    } else if (cur.kind === ts.SyntaxKind.ThisKeyword) return "this";
    else return undefined;
  }
}

export function calleeName(ts: TS, callee: ts.Node): string | undefined {
  const c = ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) ? callee.expression : callee;
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  if (ts.isElementAccessExpression(c)) return stringValue(c.argumentExpression);
  return undefined;
}

/** `a.b.c` of a callee, for messages: at most three names. */
export function shortCallee(ts: TS, callee: ts.Node): string {
  const parts: string[] = [];
  let cur: ts.Node = callee;
  while (parts.length < 3) {
    if (ts.isPropertyAccessExpression(cur)) {
      parts.unshift(cur.name.text);
      cur = cur.expression;
    } else if (
      ts.isCallExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isParenthesizedExpression(cur) ||
      ts.isAwaitExpression(cur)
    ) {
      cur = cur.expression;
    } else if (ts.isIdentifier(cur)) {
      parts.unshift(cur.text);
      break;
    } else break;
  }
  return parts.join(".") || "a call";
}

/** `import("m")`: loading a module is no side effect, and `await import()` binds what it loads. */
export function isDynamicImport(ts: TS, e: ts.Node): boolean {
  return ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/** The nearest enclosing function of a node. */
export function enclosingFunctionNode(ts: TS, n: ts.Node): FunctionNode | undefined {
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent)
    if (isFunctionLike(ts, p)) return p;
  return undefined;
}

export function property(ts: TS, o: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}
