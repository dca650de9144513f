/**
 * String literals that code assigns to something with a name: object properties, variables,
 * destructuring defaults, `process.env.X = "…"`, and fallbacks such as `process.env.X ?? "…"`. Each
 * comes with the words around it (enclosing property names, the callee an options object is passed
 * to and the module it is imported from), so `new Redis({ token: "…" })` is recognised as Upstash's.
 * An options object that points at an Upstash host (`{ host: "….upstash.io", password: "…" }` for
 * ioredis or node-redis) says so too: its generic `password` is then an Upstash credential.
 */
import type * as ts from "typescript";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";

type TS = typeof ts;

export interface ScriptValue {
  name: string;
  context: string[];
  value: string;
  /** Offset of the value (inside the quotes) in the file text. */
  start: number;
}

function literal(ts: TS, node: ts.Node | undefined, sf: ts.SourceFile): { value: string; start: number } | undefined {
  if (!node) return undefined;
  const e = unwrap(node as ts.Expression);
  if (!ts.isStringLiteral(e) && !ts.isNoSubstitutionTemplateLiteral(e)) return undefined;
  const value = stringValue(e);
  if (value === undefined || value === "") return undefined;
  // Escapes make the literal's text differ from its value; the raw text is what the file shows.
  const raw = e.getText(sf).slice(1, -1);
  return { value: raw === value ? value : raw, start: e.getStart(sf) + 1 };
}

/** A database host of Upstash: `eu1-fine-cat-31337.upstash.io`, with or without a scheme or port. */
const UPSTASH_HOST = /(^|[/@.])[a-z0-9-]+\.upstash\.io(:\d+)?(\/|$)/i;

/**
 * What the other values of an options object (and the call's other arguments) say about the server:
 * "upstash.io" for a literal Upstash host, or the env reads they make (`process.env.UPSTASH_REDIS_HOST`),
 * which carry their own words. Nested objects count (node-redis's `socket: { host }`), one level deep.
 */
function serverHints(ts: TS, obj: ts.ObjectLiteralExpression, call: ts.Node | undefined): string[] {
  const hints: string[] = [];
  const look = (e: ts.Expression | undefined, depth: number) => {
    if (!e) return;
    const x = unwrap(e);
    const text = stringValue(x);
    if (text !== undefined) {
      if (UPSTASH_HOST.test(text.trim())) hints.push("upstash.io");
    } else if (ts.isObjectLiteralExpression(x) && depth < 2) {
      for (const p of x.properties) if (ts.isPropertyAssignment(p)) look(p.initializer, depth + 1);
    } else {
      const path = memberPath(x);
      if (path && path.length > 2 && path[1] === "env") hints.push(path.join("."));
    }
  };
  look(obj, 0);
  if (call && (ts.isCallExpression(call) || ts.isNewExpression(call)))
    for (const a of call.arguments ?? []) if (unwrap(a) !== obj) look(a, 1);
  return hints;
}

/** Words that say what an object literal configures: enclosing keys, callee, module, variable, server. */
function contextOf(ts: TS, node: ts.Node, imports: Map<string, ImportBinding>): string[] {
  const words: string[] = [];
  let n: ts.Node = node;
  for (let depth = 0; depth < 12; depth++) {
    const parent: ts.Node | undefined = n.parent;
    if (!parent) break;
    if (ts.isObjectLiteralExpression(parent)) {
      // The object that holds the value directly, and the call it is passed to, name its server.
      if (depth === 0) words.push(...serverHints(ts, parent, outerCall(ts, parent)));
      n = parent;
      continue;
    }
    if (
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

/** The call or `new` an object literal is an argument of, if any. */
function outerCall(ts: TS, obj: ts.Node): ts.Node | undefined {
  let n = obj.parent;
  while (n && (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n))) n = n.parent;
  return n && (ts.isCallExpression(n) || ts.isNewExpression(n)) ? n : undefined;
}

function assignOps(ts: TS): ReadonlySet<ts.SyntaxKind> {
  const k = ts.SyntaxKind;
  return new Set([
    k.EqualsToken,
    k.QuestionQuestionEqualsToken,
    k.BarBarEqualsToken,
    k.QuestionQuestionToken,
    k.BarBarToken,
  ]);
}

/** Every named string literal of a parsed script. */
export function scriptValues(ts: TS, sf: ts.SourceFile): ScriptValue[] {
  const ops = assignOps(ts);
  const imports = importBindings(sf);
  const out: ScriptValue[] = [];
  walk(sf, (node) => {
    if (ts.isPropertyAssignment(node)) {
      const lit = literal(ts, node.initializer, sf);
      const name = propertyNameText(node.name);
      if (lit && name) out.push({ name, context: contextOf(ts, node, imports), ...lit });
    } else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
      const lit = literal(ts, node.initializer, sf);
      if (lit) out.push({ name: node.name.text, context: [], ...lit });
    } else if (ts.isBindingElement(node) && node.initializer) {
      // const { UPSTASH_REDIS_REST_TOKEN = "…" } = process.env
      const lit = literal(ts, node.initializer, sf);
      const name = propertyNameText(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : undefined);
      if (lit && name) out.push({ name, context: [], ...lit });
    } else if (ts.isBinaryExpression(node) && ops.has(node.operatorToken.kind)) {
      // process.env.UPSTASH_REDIS_REST_TOKEN = "…", config.upstash.token = "…",
      // process.env.QSTASH_TOKEN ?? "…"
      const lit = literal(ts, node.right, sf);
      const path = memberPath(unwrap(node.left));
      if (lit && path && path.length > 0)
        out.push({ name: path[path.length - 1]!, context: path.slice(0, -1), ...lit });
    }
    return undefined;
  });
  return out;
}
