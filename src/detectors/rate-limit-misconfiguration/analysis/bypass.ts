/**
 * A switch the client flips to skip the limiter: an early return that lets the request through
 * before the limit call when a request header, query parameter or cookie carries a flag value
 * (`if (req.headers["x-load-test"] === "1") return next()`), directly or through a local helper
 * (`const isBypass = (req) => … || req.headers["x-load-test"] === "1"`). Any client can send it.
 * A switch that also needs something else (`&&`, e.g. a non-production environment) is not one.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { unwrap } from "../../ast";
import { returnedExpressions } from "./limiters";
import { localFunctionOf } from "./scope";
import { branchAllows, terminates } from "./usage";

/** Values that switch something on or off, as opposed to a secret compared in code. */
export const FLAG_VALUE = /^(1|0|true|false|yes|on|y|test|testing|bypass|skip|load-?test|internal|debug|dev|ci|e2e)$/i;
/** Names of a bare switch read for truthiness (`if (req.headers["x-skip-ratelimit"])`). */
export const SWITCH_NAME = /bypass|skip|load-?test|no-?(rate-?)?limit|disable-?(rate-?)?limit/i;
/** A read of what the client sends: a header, the query string, a cookie (`req.headers["x"]`, `url.searchParams.get("x")`). */
export const CLIENT_READ = /^[\w$]+(\??\.[\w$]+)*\??\.(headers?|query|searchParams|cookies)\b[^\s]*$/;

export interface Bypass {
  /** The comparison (or read) that lets the request skip the limit. */
  node: ts.Node;
  /** The client-side read as written. */
  read: string;
  value?: string;
}

/** The client switch in front of a limit call, if an earlier `if (…) return <allow>` of its function has one. */
export function clientBypass(call: ts.CallExpression): Bypass | undefined {
  const ts = typescript();
  for (let n: ts.Node = call; n.parent && !ts.isFunctionLike(n); n = n.parent) {
    const p = n.parent;
    if (!ts.isBlock(p) && !ts.isSourceFile(p)) continue;
    for (const s of p.statements) {
      if (s === n) break;
      if (!ts.isIfStatement(s) || !terminates(s.thenStatement) || !branchAllows(s.thenStatement)) continue;
      const hit = switchIn(s.expression, 0);
      if (hit) return hit;
    }
  }
  return undefined;
}

function switchIn(expr: ts.Expression, depth: number): Bypass | undefined {
  const ts = typescript();
  const e = unwrap(expr);
  if (depth > 4) return undefined;
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.BarBarToken) return switchIn(e.left, depth + 1) ?? switchIn(e.right, depth + 1);
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken)
      return flagComparison(e, e.left, e.right) ?? flagComparison(e, e.right, e.left);
    return undefined;
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
    const fn = localFunctionOf(e.expression);
    if (!fn) return undefined;
    for (const r of returnedExpressions(fn)) {
      const hit = switchIn(r, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (isClientRead(e) && SWITCH_NAME.test(e.getText())) return { node: e, read: e.getText() };
  return undefined;
}

function flagComparison(cmp: ts.BinaryExpression, read: ts.Expression, literal: ts.Expression): Bypass | undefined {
  const ts = typescript();
  const l = unwrap(literal);
  if (!ts.isStringLiteralLike(l) && !ts.isNumericLiteral(l)) return undefined;
  const r = unwrap(read);
  if (!FLAG_VALUE.test(l.text) || !isClientRead(r)) return undefined;
  return { node: cmp, read: r.getText(), value: l.text };
}

function isClientRead(e: ts.Expression): boolean {
  const ts = typescript();
  if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e) && !ts.isCallExpression(e)) return false;
  const text = e.getText();
  return text.length < 160 && CLIENT_READ.test(text.replace(/\s+/g, ""));
}
