/**
 * Keys and values as the rule sees them: the canonical form of a key expression (so that the same
 * key written as a variable, a literal, a template or a concatenation matches its `expire`), and the
 * names in a key or value that can make it sensitive.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { memberPath, propertyNameText, stringValue, unwrap, walk } from "../../ast";
import { isPlaceholderValue } from "./placeholders";
import { splitWords, type Phrase, type Vocabulary } from "./vocabulary";

type TS = typeof import("typescript");

/** `const` bindings of a file, looked up from where an identifier is used (keys built in a variable first). */
export interface Constants {
  get(id: ts.Identifier): ts.Expression | undefined;
}

export function fileConstants(sf: ts.SourceFile): Constants {
  const ts = typescript();
  let index: Map<string, Array<{ scope: ts.Node; init: ts.Expression }>> | undefined;
  // Built on first use: most files never look a constant up.
  const build = () => {
    const byName = new Map<string, Array<{ scope: ts.Node; init: ts.Expression }>>();
    walk(sf, (n) => {
      if (
        ts.isVariableDeclaration(n) &&
        ts.isIdentifier(n.name) &&
        n.initializer &&
        ts.isVariableDeclarationList(n.parent) &&
        n.parent.flags & ts.NodeFlags.Const
      ) {
        let scope: ts.Node = n.parent;
        while (
          scope.parent &&
          !ts.isBlock(scope) &&
          !ts.isSourceFile(scope) &&
          !ts.isModuleBlock(scope) &&
          !ts.isCaseClause(scope) &&
          !ts.isForStatement(scope)
        )
          scope = scope.parent;
        const list = byName.get(n.name.text) ?? [];
        list.push({ scope, init: n.initializer });
        byName.set(n.name.text, list);
      }
    });
    return byName;
  };
  return {
    get(id) {
      const list = (index ??= build()).get(id.text);
      if (!list) return undefined;
      // The innermost declaration whose block holds the use, unless a parameter in between shadows it.
      let best: { scope: ts.Node; init: ts.Expression } | undefined;
      for (const d of list)
        if (id.pos >= d.scope.pos && id.end <= d.scope.end && (!best || d.scope.pos >= best.scope.pos)) best = d;
      if (!best) return undefined;
      for (let n: ts.Node | undefined = id.parent; n && n !== best.scope; n = n.parent) {
        if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text))
          return undefined;
      }
      return best.init;
    },
  };
}

/**
 * The key as a string of literal text and `${expression}` parts: `"session:" + id`, `` `session:${id}` ``
 * and `'session:' + id` all give `session:${id}`.
 */
export function canonical(expr: ts.Expression, constants: Constants, depth = 0): string {
  const ts = typescript();
  const e = unwrap(expr);
  const lit = stringValue(e);
  if (lit !== undefined) return lit.replace(/\$\{/g, "$\\{");
  if (ts.isTemplateExpression(e)) {
    let s = e.head.text;
    for (const span of e.templateSpans) s += canonical(span.expression, constants, depth) + span.literal.text;
    return s;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return canonical(e.left, constants, depth) + canonical(e.right, constants, depth);
  }
  if (ts.isIdentifier(e) && depth < 4) {
    const init = constants.get(e);
    if (init) {
      const inner = unwrap(init);
      // Only string-valued constants inline into a key: prefixes and templates.
      if (
        stringValue(inner) !== undefined ||
        ts.isTemplateExpression(inner) ||
        (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken)
      ) {
        return canonical(inner, constants, depth + 1);
      }
    }
  }
  return "${" + e.getText().replace(/\s+/g, "") + "}";
}

/** Every way a key expression can be written: itself and, for a `const`, its initializer. */
export function keyForms(expr: ts.Expression, constants: Constants): Set<string> {
  const ts = typescript();
  const out = new Set<string>([canonical(expr, constants)]);
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) {
    out.add("${" + e.text + "}");
    const init = constants.get(e);
    if (init) out.add(canonical(init, constants));
  }
  return out;
}

export interface Sensitivity {
  phrase: Phrase;
  /** The name or text it was found in. */
  name: string;
  /** Where: the key itself, or the value written. */
  where: "key" | "value";
  /** Found only in what the key is built from (`${sessionToken}`), not in what it says of itself. */
  subject?: boolean;
}

interface Named {
  text: string;
  /** Literal key text and the key's own name count fully; the parts a key is built from (its subject: `${email}`) count for credentials only. */
  role: "literal" | "name" | "subject";
}

/** Names and literal texts a key is made of. */
function keyNames(expr: ts.Expression, constants: Constants, role: Named["role"], out: Named[], depth = 0): void {
  if (depth > 6) return;
  const ts = typescript();
  const e = unwrap(expr);
  const lit = stringValue(e);
  if (lit !== undefined) {
    out.push({ text: lit, role: role === "subject" ? "subject" : "literal" });
    return;
  }
  if (ts.isTemplateExpression(e)) {
    const texts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)];
    for (const t of texts) if (t) out.push({ text: t, role: role === "subject" ? "subject" : "literal" });
    for (const s of e.templateSpans) keyNames(s.expression, constants, "subject", out, depth + 1);
    return;
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    // The leftmost operand is the key's head (`SESSION_PREFIX + id`); the rest is its subject.
    keyNames(e.left, constants, role, out, depth + 1);
    keyNames(e.right, constants, "subject", out, depth + 1);
    return;
  }
  if (ts.isIdentifier(e)) {
    const init = constants.get(e);
    const inner = init && unwrap(init);
    if (
      inner &&
      (stringValue(inner) !== undefined ||
        ts.isTemplateExpression(inner) ||
        ts.isBinaryExpression(inner) ||
        ts.isCallExpression(inner))
    ) {
      // `const key = \`session:${id}\`` — the key is what the constant holds; its name counts too.
      out.push({ text: e.text, role: role === "literal" ? "name" : role });
      keyNames(inner, constants, role === "subject" ? "subject" : "literal", out, depth + 1);
      return;
    }
    out.push({ text: e.text, role: role === "literal" ? "name" : role });
    return;
  }
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
    // `keys.session` names the key; in a subject only the last name counts (`credentials.appId` is an id).
    const path = memberPath(e);
    if (path)
      out.push({ text: path.slice(role === "subject" ? -1 : -2).join("."), role: role === "literal" ? "name" : role });
    return;
  }
  if (ts.isCallExpression(e)) {
    // `sessionKey(id)`, `keys.session(id)`: the helper's name says what the key is; its arguments are the subject.
    const path = memberPath(unwrap(e.expression));
    if (path)
      out.push({ text: path.slice(role === "subject" ? -1 : -2).join("."), role: role === "literal" ? "name" : role });
    for (const a of e.arguments) keyNames(a, constants, "subject", out, depth + 1);
    return;
  }
  if (ts.isConditionalExpression(e)) {
    keyNames(e.whenTrue, constants, role, out, depth + 1);
    keyNames(e.whenFalse, constants, role, out, depth + 1);
  }
}

/**
 * Why a key is sensitive, or undefined. A key whose own text or name is about counters, limits,
 * analytics, flags or config is never sensitive, whatever else it mentions.
 */
export function keySensitivity(expr: ts.Expression, constants: Constants, vocab: Vocabulary): Sensitivity | undefined {
  const names: Named[] = [];
  keyNames(expr, constants, "literal", names);
  if (names.some((n) => n.role !== "subject" && vocab.isNeutral(splitWords(n.text)))) return undefined;
  const noPii = keyIsEntity(names, vocab);
  let best: Sensitivity | undefined;
  let bestRank = -1;
  for (const n of names) {
    const phrase = vocab.match(splitWords(n.text), { subject: n.role === "subject", noPii });
    // What the key says of itself beats the names it is built from: `session:${sessionId}` is "session".
    const r = phrase ? rank(phrase) + (n.role === "subject" ? 0 : 100) : -1;
    if (phrase && r > bestRank) {
      best = { phrase, name: n.text, where: "key", ...(n.role === "subject" ? { subject: true } : {}) };
      bestRank = r;
    }
  }
  return best;
}

/**
 * What a key says about its value: "neutral" (counters, limits, analytics, flags, config: the value
 * does not matter), "entity" (a long-lived record of people: only secrets in the value count), or
 * undefined.
 */
export function keyKind(
  expr: ts.Expression,
  constants: Constants,
  vocab: Vocabulary,
): "neutral" | "entity" | undefined {
  const names: Named[] = [];
  keyNames(expr, constants, "literal", names);
  if (names.some((n) => n.role !== "subject" && vocab.isNeutral(splitWords(n.text)))) return "neutral";
  return keyIsEntity(names, vocab) ? "entity" : undefined;
}

function keyIsEntity(names: readonly Named[], vocab: Vocabulary): boolean {
  return names.some((n) => n.role !== "subject" && vocab.isEntity(splitWords(n.text)));
}

function rank(p: Phrase): number {
  return (p.category === "pii" ? 0 : 10) + p.parts.length;
}

/**
 * The names in a value expression: identifiers, the last name of property accesses, object literal
 * keys, called functions, and strings that name what is read (`params.get("access_token")`). Other
 * string contents are data, not names, and nested functions are skipped, and so are fields whose
 * value is made up (`{ accessToken: "mock_access_token_123" }`): their names say nothing of the data.
 * A record written whole (`hmset(key, user)`, `set(key, JSON.stringify(user))`, `{ ...user }`) brings
 * the names of its fields: those of the object literal a `const` holds, and those the function
 * assigns before the write (`user.password = hash`).
 */
export function valueNames(expr: ts.Expression, constants?: Constants, depth = 0): string[] {
  const ts = typescript();
  const out: string[] = [];
  walk(expr, (n) => {
    if (ts.isFunctionLike(n)) return false;
    if (constants && ts.isPropertyAssignment(n) && isPlaceholderValue(ts, n.initializer, constants)) return false;
    if (ts.isIdentifier(n)) {
      const p = n.parent;
      // `a.b.c`: only the last name says what the value is (`user.email`, not `session.user.id`).
      if (p && ts.isPropertyAccessExpression(p)) {
        if (p.expression === n) return undefined;
        if (p.parent && ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p) return undefined;
      }
      out.push(n.text);
      if (constants && depth < 3 && isWholeRecord(ts, n)) out.push(...recordFields(ts, n, constants, depth + 1));
      return undefined;
    }
    if (ts.isPropertyAssignment(n)) {
      const name = propertyNameText(n.name);
      if (name !== undefined && !ts.isIdentifier(n.name)) out.push(name);
    }
    // A string that names what is read: `params.get("access_token")`, `body["refresh_token"]`.
    if (ts.isStringLiteralLike(n)) {
      const p = n.parent;
      const getter =
        p &&
        ts.isCallExpression(p) &&
        p.arguments[0] === n &&
        ts.isPropertyAccessExpression(p.expression) &&
        /^get/.test(p.expression.name.text);
      const index = p && ts.isElementAccessExpression(p) && p.argumentExpression === n;
      if (getter || index) out.push(n.text);
    }
    return undefined;
  });
  return out;
}

/** An identifier that is the record written, not a part of it: `user`, `JSON.stringify(user)`, `{ ...user }`. */
function isWholeRecord(ts: TS, id: ts.Identifier): boolean {
  let n: ts.Node = id;
  while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))
    n = n.parent;
  const p = n.parent;
  if (ts.isSpreadAssignment(p)) return true;
  if (ts.isCallExpression(p) && p.arguments[0] === n) return memberPath(p.expression)?.join(".") === "JSON.stringify";
  // The value argument of the write itself (`hmset(key, user)`): a call whose callee is a method.
  return (
    ts.isCallExpression(p) && p.arguments.indexOf(n as ts.Expression) > 0 && ts.isPropertyAccessExpression(p.expression)
  );
}

/** The fields of a record variable: its `const` object literal, and fields assigned before `id` in its function. */
function recordFields(ts: TS, id: ts.Identifier, constants: Constants, depth: number): string[] {
  const out: string[] = [];
  const init = constants.get(id);
  const obj = init && unwrap(init);
  if (obj && ts.isObjectLiteralExpression(obj)) out.push(...valueNames(obj, constants, depth));
  let scope: ts.Node = id;
  while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope)) scope = scope.parent;
  walk(scope, (n) => {
    if (n.pos >= id.pos) return false;
    if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(n.left) &&
      ts.isIdentifier(n.left.expression) &&
      n.left.expression.text === id.text &&
      !isCleared(ts, n.right)
    )
      out.push(n.left.name.text);
    return undefined;
  });
  return out;
}

/** `x.code = undefined`, `= null`, `= ""`: a field cleared, not filled. */
function isCleared(ts: TS, e: ts.Expression): boolean {
  const v = unwrap(e);
  return (
    v.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(v) && v.text === "undefined") ||
    ts.isVoidExpression(v) ||
    stringValue(v) === ""
  );
}

/** Why a value is sensitive, or undefined. */
export function valueSensitivity(
  exprs: readonly ts.Expression[],
  vocab: Vocabulary,
  extraNames: readonly string[] = [],
  options: { noPii?: boolean; constants?: Constants } = {},
): Sensitivity | undefined {
  let best: Sensitivity | undefined;
  const names = [...extraNames, ...exprs.flatMap((e) => valueNames(e, options.constants))];
  for (const name of names) {
    const phrase = vocab.match(splitWords(name), options);
    if (phrase && (!best || rank(phrase) > rank(best.phrase))) best = { phrase, name, where: "value" };
  }
  return best;
}
