/**
 * The Upstash-Signature JWT carries the SHA-256 of the raw body. Handing `receiver.verify` a body that
 * was parsed and serialised again (`JSON.stringify(await req.json())`, `JSON.stringify(req.body)`, h3's
 * `readBody`, Express's parsed `req.body`) changes whitespace and key order, so real messages fail and
 * teams end up switching verification off. Low severity: it breaks delivery before it breaks security.
 */
import type * as ts from "typescript";
import {
  enclosingFunction,
  importBindings,
  memberPath,
  propertyNameText,
  unwrap,
  walk,
  type ImportBinding,
} from "../ast";
import { defineDetector } from "../types";
import { QSTASH_PACKAGES } from "./analysis/vocabulary";
import { routeOfFile } from "./analysis/routes";
import type { TS } from "./analysis/syntax";

/** `x.verify({ signature, body })` calls of a QStash Receiver. */
function verifyCalls(ts: TS, sf: ts.SourceFile): Array<{ call: ts.CallExpression; body: ts.Expression }> {
  const out: Array<{ call: ts.CallExpression; body: ts.Expression }> = [];
  walk(sf, (n) => {
    if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(unwrap(n.expression))) return undefined;
    if ((unwrap(n.expression) as ts.PropertyAccessExpression).name.text !== "verify" || n.arguments.length !== 1)
      return undefined;
    const arg = unwrap(n.arguments[0]!);
    if (!ts.isObjectLiteralExpression(arg) || !arg.properties.some((p) => propertyNameText(p.name) === "signature"))
      return undefined;
    for (const p of arg.properties) {
      if (propertyNameText(p.name) !== "body") continue;
      if (ts.isPropertyAssignment(p)) out.push({ call: n, body: p.initializer });
      else if (ts.isShorthandPropertyAssignment(p)) out.push({ call: n, body: p.name });
    }
    return undefined;
  });
  return out;
}

type Kind = "restringified" | "quoted-raw" | "parsed" | "framework-parsed";

interface BodyScope {
  ts: TS;
  imports: Map<string, ImportBinding>;
  /** The file parses request bodies before handlers see them (express.json(), the pages router). */
  frameworkParses: boolean;
}

/** Why an expression is not the raw body, following local variables. */
function classify(s: BodyScope, e: ts.Expression, scope: ts.Node, depth: number): Kind | undefined {
  const { ts } = s;
  const x = unwrap(e);
  if (depth > 4) return undefined;
  // JSON.stringify of what the request carried (parsed, or even the raw text: it gains quotes).
  if (ts.isCallExpression(x) && memberPath(x.expression)?.join(".") === "JSON.stringify") {
    const arg = x.arguments[0];
    const origin = arg ? fromRequest(s, arg, scope, depth + 1) : undefined;
    return origin === "raw" ? "quoted-raw" : origin ? "restringified" : undefined;
  }
  const inner = ts.isAwaitExpression(x) ? unwrap(x.expression) : x;
  if (ts.isCallExpression(inner) && parsesBody(s, unwrap(inner.expression))) return "parsed";
  if (
    s.frameworkParses &&
    ts.isPropertyAccessExpression(x) &&
    x.name.text === "body" &&
    ts.isIdentifier(x.expression) &&
    /^(req|request)$/.test(x.expression.text)
  )
    return "framework-parsed";
  if (!ts.isIdentifier(x)) return undefined;
  let found: Kind | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === x.text && n.initializer)
      found = classify(s, n.initializer, scope, depth + 1);
    return undefined;
  });
  return found;
}

/** `req.json()` or h3's `readBody(event)`. */
function parsesBody(s: BodyScope, callee: ts.Expression): boolean {
  const { ts } = s;
  if (ts.isPropertyAccessExpression(callee)) return callee.name.text === "json";
  return (
    ts.isIdentifier(callee) &&
    callee.text === "readBody" &&
    /^h3$|^nitro|^#imports$|^vinxi/.test(s.imports.get("readBody")?.module ?? "h3")
  );
}

const PARSED_METHOD = /^(json|valid|formData)$/;
const RAW_METHOD = /^(text|arrayBuffer)$/;

/** Whether a value was read from the request body: "raw" text or a "parsed" object. */
function fromRequest(s: BodyScope, e: ts.Expression, scope: ts.Node, depth: number): "raw" | "parsed" | undefined {
  const { ts } = s;
  const x = unwrap(e);
  if (depth > 6) return undefined;
  const inner = ts.isAwaitExpression(x) ? unwrap(x.expression) : x;
  if (ts.isCallExpression(inner)) return readerKind(ts, unwrap(inner.expression));
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === "body") return "parsed";
  if (ts.isPropertyAccessExpression(inner) && inner.name.text === "rawBody") return "raw";
  if (!ts.isIdentifier(inner)) return undefined;
  let found: "raw" | "parsed" | undefined;
  walk(scope, (n) => {
    if (found) return false;
    if (!ts.isVariableDeclaration(n) || !n.initializer) return undefined;
    if (ts.isIdentifier(n.name) && n.name.text === inner.text) found = fromRequest(s, n.initializer, scope, depth + 1);
    else if (
      ts.isObjectBindingPattern(n.name) &&
      n.name.elements.some((el) => ts.isIdentifier(el.name) && el.name.text === inner.text)
    )
      found = fromRequest(s, n.initializer, scope, depth + 1) ? "parsed" : undefined;
    return undefined;
  });
  return found;
}

/** What a body-reading call returns: `req.json()` parsed, `req.text()` raw, h3's readers. */
function readerKind(ts: TS, callee: ts.Expression): "raw" | "parsed" | undefined {
  const method = ts.isPropertyAccessExpression(callee);
  const name = ts.isIdentifier(callee) ? callee.text : method ? callee.name.text : "";
  if (method && PARSED_METHOD.test(name)) return "parsed";
  if (method && RAW_METHOD.test(name)) return "raw";
  if (/^(readBody|parseRequestBody|parseBody)$/.test(name)) return "parsed";
  if (/^(readRawBody|getRawBody)$/.test(name)) return "raw";
  return undefined;
}

function describe(kind: Kind, usesExpress: boolean): string {
  if (kind === "restringified") return "JSON that was parsed and serialised again";
  if (kind === "quoted-raw")
    return "the raw body serialised again as a JSON string (JSON.stringify adds quotes and escapes)";
  if (kind === "parsed") return "the parsed JSON object, not the raw text";
  return usesExpress
    ? "Express's parsed req.body (express.json() already consumed the raw body)"
    : "the pages router's parsed req.body (the built-in body parser is on)";
}

export default defineDetector({
  id: "verify-parsed-body",
  rule: "upstash/qstash-webhook-spoofing",
  checks: {
    "verify-parsed-body": "The body given to verify() is parsed or re-serialised JSON, not the raw request body",
  },
  // A Receiver comes from @upstash/qstash, directly or through the module that makes it.
  keywords: [],
  imports: { packages: QSTASH_PACKAGES, importers: true },
  fileKinds: ["script"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    const ts = ctx.ts;
    if (!sf || !ts) return;
    const imports = importBindings(sf);
    const text = ctx.text;
    const usesExpress = [...imports.values()].some((b) => b.module === "express" || b.module === "body-parser");
    const expressParsesJson =
      usesExpress &&
      /\b(express|bodyParser)\.json\s*\(/.test(text) &&
      !/\b(express|bodyParser)\.(raw|text)\s*\(|rawBody|verify\s*:\s*\(/.test(text);
    const route = routeOfFile(ctx.path);
    const pagesParsesBody =
      route?.framework === "pages" && /\bexport\s+default\b/.test(text) && !/bodyParser\s*:\s*false/.test(text);
    const scope: BodyScope = { ts, imports, frameworkParses: expressParsesJson || pagesParsesBody };
    for (const { call, body } of verifyCalls(ts, sf)) {
      const kind = classify(scope, body, enclosingFunction(call), 0);
      if (!kind) continue;
      ctx.report({
        check: "verify-parsed-body",
        start: body.getStart(sf),
        end: body.getEnd(),
        confidence: kind === "framework-parsed" ? "medium" : "high",
        severity: "low",
        message: `The body passed to verify() is ${describe(kind, usesExpress)}: the signature covers the SHA-256 of the exact bytes QStash sent, so genuine messages fail verification whenever whitespace, key order, escaping or number formatting differ (and the usual "fix" is to turn verification off). Pass the raw body: \`await req.text()\`, \`express.raw()\` / \`express.text()\` for this route, h3's readRawBody, or bodyParser: false in the pages router.`,
      });
    }
  },
});
