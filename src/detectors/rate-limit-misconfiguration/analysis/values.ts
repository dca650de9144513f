/**
 * Small constant folding for limiter arguments and identifiers: literals, `const`s, unary minus,
 * arithmetic on numbers, concatenation and templates of constants.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { unwrap } from "../../ast";
import { declarationOf, isReassigned } from "./scope";

/** The initializer of the `const`/never-reassigned variable `id` names, if it has one. */
export function initializerOf(id: ts.Identifier): ts.Expression | undefined {
  const ts = typescript();
  const decl = declarationOf(id);
  if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name)) return undefined;
  if (isReassigned(decl)) return undefined;
  return decl.initializer;
}

export function constNumber(node: ts.Expression | undefined, depth = 0): number | undefined {
  const ts = typescript();
  if (!node || depth > 8) return undefined;
  const e = unwrap(node);
  if (ts.isNumericLiteral(e)) return Number(e.text.replace(/_/g, ""));
  if (ts.isPrefixUnaryExpression(e)) {
    const v = constNumber(e.operand, depth + 1);
    if (v === undefined) return undefined;
    if (e.operator === ts.SyntaxKind.MinusToken) return -v;
    if (e.operator === ts.SyntaxKind.PlusToken) return v;
    return undefined;
  }
  if (ts.isBinaryExpression(e)) {
    const a = constNumber(e.left, depth + 1);
    const b = constNumber(e.right, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (e.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
        return a + b;
      case ts.SyntaxKind.MinusToken:
        return a - b;
      case ts.SyntaxKind.AsteriskToken:
        return a * b;
      case ts.SyntaxKind.SlashToken:
        return b === 0 ? undefined : a / b;
      case ts.SyntaxKind.AsteriskAsteriskToken:
        return a ** b;
      default:
        return undefined;
    }
  }
  if (ts.isIdentifier(e)) return constNumber(initializerOf(e), depth + 1);
  return undefined;
}

export function constString(node: ts.Expression | undefined, depth = 0): string | undefined {
  const ts = typescript();
  if (!node || depth > 8) return undefined;
  const e = unwrap(node);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  if (ts.isTemplateExpression(e)) {
    let out = e.head.text;
    for (const span of e.templateSpans) {
      const v = constString(span.expression, depth + 1) ?? constNumber(span.expression, depth + 1)?.toString();
      if (v === undefined) return undefined;
      out += v + span.literal.text;
    }
    return out;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const a = constString(e.left, depth + 1) ?? constNumber(e.left, depth + 1)?.toString();
    const b = constString(e.right, depth + 1) ?? constNumber(e.right, depth + 1)?.toString();
    if (a === undefined || b === undefined) return undefined;
    if (constString(e.left, depth + 1) === undefined && constString(e.right, depth + 1) === undefined) return undefined;
    return a + b;
  }
  if (ts.isIdentifier(e)) return constString(initializerOf(e), depth + 1);
  return undefined;
}

/** A boolean literal (`true`/`false`, `!0`, `!1`), if the expression is one. */
export function constBoolean(node: ts.Expression | undefined): boolean | undefined {
  const ts = typescript();
  if (!node) return undefined;
  const e = unwrap(node);
  if (e.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (e.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(e.operand))
    return e.operand.text === "0";
  if (ts.isIdentifier(e)) return constBoolean(initializerOf(e));
  return undefined;
}
