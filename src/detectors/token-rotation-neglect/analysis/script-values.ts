/**
 * String literals that code assigns to something with a name: object properties, variables,
 * destructuring defaults, `process.env.X = "…"`, and fallbacks such as `process.env.X ?? "…"`. Each
 * comes with the words around it (enclosing property names, the callee an options object is passed
 * to and the module it is imported from), so `new Redis({ token: "…" })` is recognised as Upstash's.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";

export interface ScriptValue {
  name: string;
  context: string[];
  value: string;
  /** Offset of the value (inside the quotes) in the file text. */
  start: number;
}

const ASSIGN_OPS = new Set<number>();
const FALLBACK_OPS = new Set<number>();

function literal(node: ts.Node | undefined, sf: ts.SourceFile): { value: string; start: number } | undefined {
  if (!node) return undefined;
  const ts = typescript();
  const e = unwrap(node as ts.Expression);
  if (!ts.isStringLiteral(e) && !ts.isNoSubstitutionTemplateLiteral(e)) return undefined;
  const value = stringValue(e);
  if (value === undefined || value === "") return undefined;
  // Escapes make the literal's text differ from its value; the raw text is what the file shows.
  const raw = e.getText(sf).slice(1, -1);
  return { value: raw === value ? value : raw, start: e.getStart(sf) + 1 };
}

/** Words that say what an object literal configures: enclosing keys, callee, module, variable. */
function contextOf(node: ts.Node, imports: Map<string, ImportBinding>): string[] {
  const ts = typescript();
  const words: string[] = [];
  let n: ts.Node = node;
  for (let depth = 0; depth < 12; depth++) {
    const parent: ts.Node | undefined = n.parent;
    if (!parent) break;
    if (
      ts.isObjectLiteralExpression(parent) ||
      ts.isArrayLiteralExpression(parent) ||
      ts.isParenthesizedExpression(parent) ||
      ts.isAsExpression(parent) ||
      ts.isSatisfiesExpression(parent)
    ) {
      n = parent;
      continue;
    }
    if (ts.isPropertyAssignment(parent)) {
      const name = propertyNameText(parent.name);
      if (name) words.push(name);
      n = parent;
      continue;
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
      const callee = memberPath(parent.expression);
      if (callee) {
        words.push(callee.join("."));
        const binding = imports.get(callee[0]!);
        if (binding) words.push(binding.module);
      }
      n = parent;
      continue;
    }
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) words.push(parent.name.text);
    if (ts.isExportAssignment(parent) || ts.isVariableDeclaration(parent)) break;
    if (ts.isBinaryExpression(parent)) {
      const left = memberPath(parent.left);
      if (left) words.push(left.join("."));
    }
    break;
  }
  return words;
}

/** Every named string literal of a parsed script. */
export function scriptValues(sf: ts.SourceFile): ScriptValue[] {
  const ts = typescript();
  if (ASSIGN_OPS.size === 0) {
    for (const op of [
      ts.SyntaxKind.EqualsToken,
      ts.SyntaxKind.QuestionQuestionEqualsToken,
      ts.SyntaxKind.BarBarEqualsToken,
    ])
      ASSIGN_OPS.add(op);
    for (const op of [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken]) FALLBACK_OPS.add(op);
  }
  const imports = importBindings(sf);
  const out: ScriptValue[] = [];
  walk(sf, (node) => {
    if (ts.isPropertyAssignment(node)) {
      const lit = literal(node.initializer, sf);
      const name = propertyNameText(node.name);
      if (lit && name) out.push({ name, context: contextOf(node, imports), ...lit });
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const lit = literal(node.initializer, sf);
      if (lit) out.push({ name: node.name.text, context: [], ...lit });
    } else if (ts.isBindingElement(node) && node.initializer) {
      // const { UPSTASH_REDIS_REST_TOKEN = "…" } = process.env
      const lit = literal(node.initializer, sf);
      const name = propertyNameText(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : undefined);
      if (lit && name) out.push({ name, context: [], ...lit });
    } else if (
      ts.isBinaryExpression(node) &&
      (ASSIGN_OPS.has(node.operatorToken.kind) || FALLBACK_OPS.has(node.operatorToken.kind))
    ) {
      // process.env.UPSTASH_REDIS_REST_TOKEN = "…", config.upstash.token = "…",
      // process.env.QSTASH_TOKEN ?? "…"
      const lit = literal(node.right, sf);
      const path = memberPath(unwrap(node.left));
      if (lit && path && path.length > 0)
        out.push({ name: path[path.length - 1]!, context: path.slice(0, -1), ...lit });
    }
    return undefined;
  });
  return out;
}
