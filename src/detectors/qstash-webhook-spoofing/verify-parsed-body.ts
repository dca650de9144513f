/**
 * The Upstash-Signature JWT carries the SHA-256 of the raw body. Handing `receiver.verify` a body that
 * was parsed and serialised again (`JSON.stringify(await req.json())`, `JSON.stringify(req.body)`, h3's
 * `readBody`, Express's parsed `req.body`) changes whitespace and key order, so real messages fail and
 * teams end up switching verification off. Low severity: it breaks delivery before it breaks security.
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { enclosingFunction, importBindings, memberPath, propertyNameText, unwrap, walk } from "../ast";
import { defineDetector } from "../types";
import { QSTASH_PACKAGES } from "./analysis/lower";
import { routeOfFile } from "./analysis/routes";

/** `x.verify({ signature, body })` calls of a QStash Receiver. */
function verifyCalls(sf: ts.SourceFile): Array<{ call: ts.CallExpression; body: ts.Expression }> {
  const ts = typescript();
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
    if (!sf) return;
    const ts = typescript();
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

    /** Why an expression is not the raw body, following local variables. */
    const classify = (e: ts.Expression, scope: ts.Node, depth: number): Kind | undefined => {
      const x = unwrap(e);
      if (depth > 4) return undefined;
      // JSON.stringify of what the request carried (parsed, or even the raw text: it gains quotes).
      if (ts.isCallExpression(x) && memberPath(x.expression)?.join(".") === "JSON.stringify") {
        const arg = x.arguments[0];
        const origin = arg ? fromRequest(arg, scope, depth + 1) : undefined;
        return origin === "raw" ? "quoted-raw" : origin ? "restringified" : undefined;
      }
      const inner = ts.isAwaitExpression(x) ? unwrap(x.expression) : x;
      if (ts.isCallExpression(inner)) {
        const callee = unwrap(inner.expression);
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : "";
        if (name === "json" && ts.isPropertyAccessExpression(callee)) return "parsed";
        if (
          name === "readBody" &&
          ts.isIdentifier(callee) &&
          /^h3$|^nitro|^#imports$|^vinxi/.test(imports.get("readBody")?.module ?? "h3")
        )
          return "parsed";
      }
      if (
        ts.isPropertyAccessExpression(x) &&
        x.name.text === "body" &&
        ts.isIdentifier(x.expression) &&
        /^(req|request)$/.test(x.expression.text)
      ) {
        if (expressParsesJson || pagesParsesBody) return "framework-parsed";
      }
      if (ts.isIdentifier(x)) {
        let found: Kind | undefined;
        walk(scope, (n) => {
          if (found) return false;
          if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === x.text && n.initializer)
            found = classify(n.initializer, scope, depth + 1);
          return undefined;
        });
        return found;
      }
      return undefined;
    };

    /** Whether a value was read from the request body: "raw" text or a "parsed" object. */
    const fromRequest = (e: ts.Expression, scope: ts.Node, depth: number): "raw" | "parsed" | undefined => {
      const x = unwrap(e);
      if (depth > 6) return undefined;
      const inner = ts.isAwaitExpression(x) ? unwrap(x.expression) : x;
      if (ts.isCallExpression(inner)) {
        const callee = unwrap(inner.expression);
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : "";
        if (ts.isPropertyAccessExpression(callee) && /^(json|valid|formData)$/.test(name)) return "parsed";
        if (ts.isPropertyAccessExpression(callee) && /^(text|arrayBuffer)$/.test(name)) return "raw";
        if (/^(readBody|parseRequestBody|parseBody)$/.test(name)) return "parsed";
        if (/^(readRawBody|getRawBody)$/.test(name)) return "raw";
        return undefined;
      }
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === "body") return "parsed";
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === "rawBody") return "raw";
      if (ts.isIdentifier(inner)) {
        let found: "raw" | "parsed" | undefined;
        walk(scope, (n) => {
          if (found) return false;
          if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === inner.text && n.initializer)
            found = fromRequest(n.initializer, scope, depth + 1);
          else if (
            ts.isVariableDeclaration(n) &&
            ts.isObjectBindingPattern(n.name) &&
            n.initializer &&
            n.name.elements.some((el) => ts.isIdentifier(el.name) && el.name.text === inner.text)
          ) {
            found = fromRequest(n.initializer, scope, depth + 1) ? "parsed" : undefined;
          }
          return undefined;
        });
        return found;
      }
      return undefined;
    };

    for (const { call, body } of verifyCalls(sf)) {
      const kind = classify(body, enclosingFunction(call), 0);
      if (!kind) continue;
      const what =
        kind === "restringified"
          ? "JSON that was parsed and serialised again"
          : kind === "quoted-raw"
            ? "the raw body serialised again as a JSON string (JSON.stringify adds quotes and escapes)"
            : kind === "parsed"
              ? "the parsed JSON object, not the raw text"
              : usesExpress
                ? "Express's parsed req.body (express.json() already consumed the raw body)"
                : "the pages router's parsed req.body (the built-in body parser is on)";
      ctx.report({
        check: "verify-parsed-body",
        start: body.getStart(sf),
        end: body.getEnd(),
        confidence: kind === "framework-parsed" ? "medium" : "high",
        severity: "low",
        message: `The body passed to verify() is ${what}: the signature covers the SHA-256 of the exact bytes QStash sent, so genuine messages fail verification whenever whitespace, key order, escaping or number formatting differ (and the usual "fix" is to turn verification off). Pass the raw body: \`await req.text()\`, \`express.raw()\` / \`express.text()\` for this route, h3's readRawBody, or bodyParser: false in the pages router.`,
      });
    }
  },
});
