/**
 * Static values of URL expressions, as far as one file can tell: `${process.env.APP_URL}/api/jobs/x`,
 * `new URL("/api/x", base)`, `base + "/api/x"`, `absoluteUrl("/api/x")`, local constants and object
 * literals. Names imported from other modules stay symbolic (`ref` parts) and are resolved in the
 * project phase against the constants those modules export.
 */
import type * as ts from "typescript";
import { memberPath, propertyNameText, stringValue, unwrap } from "../../ast";

/** An import a value depends on: the module as written in the importing file, and the path into it. */
export interface ValueRef {
  spec: string;
  /** Exported name, then property names for `ROUTES.jobs.welcome`. */
  path: string[];
}

/** A piece of a string value: literal text, something unknown, an imported constant, or a parameter. */
export type Part = string | { u: 1 } | { ref: ValueRef } | { param: number };

/** A string (list of parts) or an object literal of values. */
export type Value = { s: Part[] } | { o: Record<string, Value> };

const UNKNOWN: Value = { s: [{ u: 1 }] };
const URL_BUILDER = /url|uri|link|href|endpoint|route|path/i;

export interface ValueScope {
  ts: typeof ts;
  /** Top-level (and enclosing-function) `const` initialisers by name. */
  consts: Map<string, ts.Expression>;
  /** Imported local name → module specifier and imported name. */
  imports: Map<string, { module: string; imported: string }>;
  /** Parameter names of the function the expression sits in, by position. */
  params?: string[];
}

/** Evaluate an expression to a value; `depth` bounds constant chasing. */
export function evaluate(node: ts.Expression | undefined, scope: ValueScope, depth = 0): Value {
  const { ts } = scope;
  if (!node || depth > 12) return UNKNOWN;
  const e = unwrap(node);
  const literal = stringValue(e);
  if (literal !== undefined) return { s: [literal] };
  if (ts.isTemplateExpression(e)) return template(e, scope, depth);
  if (ts.isBinaryExpression(e)) return binary(e, scope, depth);
  if (ts.isIdentifier(e)) return identifierValue(e.text, [], scope, depth);
  if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return member(e, scope, depth);
  if (ts.isNewExpression(e) && memberPath(e.expression)?.join(".") === "URL") return newUrl(e, scope, depth);
  if (ts.isCallExpression(e)) return call(e, scope, depth);
  if (ts.isObjectLiteralExpression(e)) return object(e, scope, depth);
  return UNKNOWN;
}

function template(e: ts.TemplateExpression, scope: ValueScope, depth: number): Value {
  const parts: Part[] = [e.head.text];
  for (const span of e.templateSpans) {
    parts.push(...asString(evaluate(span.expression, scope, depth + 1)));
    parts.push(span.literal.text);
  }
  return { s: normalise(parts) };
}

function binary(e: ts.BinaryExpression, scope: ValueScope, depth: number): Value {
  const k = scope.ts.SyntaxKind;
  const op = e.operatorToken.kind;
  if (op === k.PlusToken)
    return {
      s: normalise([...asString(evaluate(e.left, scope, depth + 1)), ...asString(evaluate(e.right, scope, depth + 1))]),
    };
  if (op !== k.BarBarToken && op !== k.QuestionQuestionToken) return UNKNOWN;
  // `process.env.APP_URL ?? "http://localhost:3000"`: a base URL either way; the fallback shows its shape.
  const right = evaluate(e.right, scope, depth + 1);
  return "s" in right ? { s: [{ u: 1 }] } : UNKNOWN;
}

function member(e: ts.PropertyAccessExpression | ts.ElementAccessExpression, scope: ValueScope, depth: number): Value {
  const path = memberPath(e);
  if (!path || path.length <= 1) return UNKNOWN;
  // `.href` / `.toString()` of a URL keep its value.
  if (path[path.length - 1] === "href" && scope.ts.isPropertyAccessExpression(e)) {
    const inner = evaluate(e.expression, scope, depth + 1);
    if ("s" in inner && !isUnknown(inner)) return inner;
  }
  return identifierValue(path[0]!, path.slice(1), scope, depth);
}

function newUrl(e: ts.NewExpression, scope: ValueScope, depth: number): Value {
  const first = evaluate(e.arguments?.[0], scope, depth + 1);
  const s = "s" in first ? first.s : [];
  // new URL("/api/x", base): a relative first argument is resolved against an unknown base.
  if (typeof s[0] === "string" && s[0].startsWith("/")) return { s: normalise([{ u: 1 }, ...s]) };
  return first;
}

function call(e: ts.CallExpression, scope: ValueScope, depth: number): Value {
  const { ts } = scope;
  const callee = e.expression;
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === "toString" && e.arguments.length === 0)
    return evaluate(callee.expression, scope, depth + 1);
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
  // absoluteUrl("/api/x"), getUrl(`/api/jobs/${id}`): a helper that prefixes the site's base URL.
  if (!URL_BUILDER.test(name) || e.arguments.length < 1) return UNKNOWN;
  const arg = evaluate(e.arguments[0], scope, depth + 1);
  if ("s" in arg && typeof arg.s[0] === "string" && arg.s[0].startsWith("/"))
    return { s: normalise([{ u: 1 }, ...arg.s]) };
  // joinUrl(base, "/api/x")
  const last = evaluate(e.arguments[e.arguments.length - 1], scope, depth + 1);
  if (e.arguments.length >= 2 && "s" in last && typeof last.s[0] === "string" && last.s[0].startsWith("/"))
    return { s: normalise([{ u: 1 }, ...last.s]) };
  return UNKNOWN;
}

function object(e: ts.ObjectLiteralExpression, scope: ValueScope, depth: number): Value {
  const { ts } = scope;
  const o: Record<string, Value> = {};
  for (const p of e.properties) {
    if (ts.isPropertyAssignment(p)) {
      const key = propertyNameText(p.name);
      if (key !== undefined) o[key] = evaluate(p.initializer, scope, depth + 1);
    } else if (ts.isShorthandPropertyAssignment(p)) o[p.name.text] = identifierValue(p.name.text, [], scope, depth);
  }
  return { o };
}

function identifierValue(name: string, path: string[], scope: ValueScope, depth: number): Value {
  const paramIndex = scope.params?.indexOf(name) ?? -1;
  if (paramIndex !== -1 && path.length === 0) return { s: [{ param: paramIndex }] };
  const init = scope.consts.get(name);
  if (init) return select(evaluate(init, scope, depth + 1), path);
  const imp = scope.imports.get(name);
  if (imp && !imp.module.startsWith("node:") && imp.imported !== "*")
    return { s: [{ ref: { spec: imp.module, path: [imp.imported, ...path] } }] };
  if (imp && imp.imported === "*" && path.length) return { s: [{ ref: { spec: imp.module, path } }] };
  return UNKNOWN;
}

/** A property path into a value (object literals only). */
export function select(v: Value, path: readonly string[]): Value {
  let cur = v;
  for (const key of path) {
    if ("o" in cur && cur.o[key]) cur = cur.o[key]!;
    else if ("s" in cur && cur.s.length === 1 && typeof cur.s[0] === "object" && "ref" in cur.s[0]) {
      const r = cur.s[0].ref;
      cur = { s: [{ ref: { spec: r.spec, path: [...r.path, key] } }] };
    } else return UNKNOWN;
  }
  return cur;
}

function asString(v: Value): Part[] {
  return "s" in v ? v.s : [{ u: 1 }];
}

function isUnknown(v: Value): boolean {
  return "s" in v && v.s.every((p) => typeof p === "object" && "u" in p);
}

/** Merge adjacent literal parts and adjacent unknowns. */
export function normalise(parts: Part[]): Part[] {
  const out: Part[] = [];
  for (const p of parts) {
    if (p === "") continue;
    const prev = out[out.length - 1];
    if (typeof p === "string" && typeof prev === "string") out[out.length - 1] = prev + p;
    else if (typeof p === "object" && "u" in p && typeof prev === "object" && prev && "u" in prev) continue;
    else out.push(p);
  }
  return out;
}

/** Whether a value still depends on imports or parameters. */
export function isSymbolic(v: Value): boolean {
  if ("o" in v) return Object.values(v.o).some(isSymbolic);
  return v.s.some((p) => typeof p === "object" && ("ref" in p || "param" in p));
}

/**
 * The URL path a fully resolved string value targets, with "*" for unknown segments; undefined when
 * no path can be told (the whole URL is unknown). A leading unknown is the base URL and is dropped.
 */
export function urlPath(parts: readonly Part[]): string | undefined {
  let text = "";
  for (const p of parts) text += typeof p === "string" ? p : "\0";
  text = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
  if (text.startsWith("\0")) {
    // The leading unknown is the base URL: `${base}/api/x`, `${proto}://${host}/api/x`,
    // `${host}:3000/api/x`, or `${base}api/x` when the base ends with a slash.
    let rest = text.replace(/^\0+/, "");
    const afterScheme = rest.startsWith("://");
    if (afterScheme) rest = rest.slice(3);
    const firstSlash = rest.indexOf("/");
    const head = firstSlash === -1 ? rest : rest.slice(0, firstSlash);
    if (afterScheme || /[.:]/.test(head)) rest = firstSlash === -1 ? "" : rest.slice(firstSlash);
    else if (!rest.startsWith("/")) rest = "/" + rest;
    text = rest;
  }
  if (!text.startsWith("/")) return undefined;
  text = text.split(/[?#]/)[0]!;
  const segs = text.split("/").map((seg) => (seg.includes("\0") ? "*" : seg));
  const path = segs.join("/");
  // Nothing known but slashes: the publisher's path is itself unknown.
  if (!/[^/*]/.test(path)) return undefined;
  return path;
}

/** The host a literal URL names, if any (for Cloudflare Workers: `*.workers.dev`). */
export function urlHost(parts: readonly Part[]): string | undefined {
  const first = parts[0];
  if (typeof first !== "string") return undefined;
  const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/i.exec(first);
  return m?.[1]?.toLowerCase();
}
