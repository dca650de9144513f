/**
 * In the Next.js pages router the built-in body parser consumes the request stream before the handler
 * runs. `verifySignature` from @upstash/qstash/nextjs (and any hand-written raw-body read) then hashes
 * an empty body and rejects every genuine message, unless the route exports
 * `config = { api: { bodyParser: false } }`. Low severity: messages fail closed.
 */
import type * as ts from "typescript";
import { hasModifier } from "../../engine/exports";
import { importBindings, memberPath, propertyNameText, unwrap, walk } from "../ast";
import { defineDetector } from "../types";
import { inProduction } from "./analysis/conditions";
import { QSTASH_PACKAGES } from "./analysis/vocabulary";
import { routeOfFile } from "./analysis/routes";
import type { TS } from "./analysis/syntax";

/** The file's `export const config` object literal, `"elsewhere"` when it is re-exported, or undefined. */
function exportedConfig(ts: TS, sf: ts.SourceFile): ts.ObjectLiteralExpression | "elsewhere" | undefined {
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && hasModifier(ts, st, ts.SyntaxKind.ExportKeyword)) {
      for (const d of st.declarationList.declarations) {
        if (!ts.isIdentifier(d.name) || d.name.text !== "config" || !d.initializer) continue;
        const o = unwrap(d.initializer);
        return ts.isObjectLiteralExpression(o) ? o : "elsewhere";
      }
    }
    if (
      ts.isExportDeclaration(st) &&
      st.exportClause &&
      ts.isNamedExports(st.exportClause) &&
      st.exportClause.elements.some((e) => e.name.text === "config")
    )
      return "elsewhere";
  }
  return undefined;
}

/**
 * Whether the body parser is on in production: `bodyParser: false` is off; a value that depends on the
 * environment (`bodyParser: process.env.NODE_ENV !== "production"`) is judged by its value in
 * production — off there is what verification needs, and a development-only parser costs nothing.
 * Returns the expression when it is an environment test that is true in production.
 */
function parserInProduction(ts: TS, o: ts.ObjectLiteralExpression): "off" | "on" | ts.Expression {
  for (const p of o.properties) {
    if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== "api") continue;
    const api = unwrap(p.initializer);
    if (!ts.isObjectLiteralExpression(api)) return "off"; // computed elsewhere: assume it is right
    for (const q of api.properties) {
      if (!ts.isPropertyAssignment(q) || propertyNameText(q.name) !== "bodyParser") continue;
      const v = unwrap(q.initializer);
      if (v.kind === ts.SyntaxKind.FalseKeyword) return "off";
      if (v.kind === ts.SyntaxKind.TrueKeyword || ts.isObjectLiteralExpression(v)) return "on";
      return inProduction(ts, v) === true ? v : "off";
    }
  }
  return "on";
}

export default defineDetector({
  id: "pages-router-body-parser",
  rule: "upstash/qstash-webhook-spoofing",
  checks: {
    "pages-router-body-parser": "verifySignature on a pages-router API route that keeps the built-in body parser",
  },
  // verifySignature and Receiver come from @upstash/qstash, directly or through a helper module.
  keywords: [],
  imports: { packages: QSTASH_PACKAGES, importers: true },
  fileKinds: ["script"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    const route = routeOfFile(ctx.path);
    if (!sf || route?.framework !== "pages" || !ctx.path.split("/").includes("api")) return;
    const ts = ctx.ts;
    if (!ts) return;
    const config = exportedConfig(ts, sf);
    const parser = config === "elsewhere" ? "off" : config ? parserInProduction(ts, config) : "on";
    if (parser === "off") return;
    const why =
      parser === "on"
        ? "the route does not export `config = { api: { bodyParser: false } }`"
        : `its \`bodyParser\` is \`${parser.getText(sf).replace(/\s+/g, " ").slice(0, 80)}\`, which is true in production`;
    const imports = importBindings(sf);
    const hasDefault = sf.statements.some(
      (s) => ts.isExportAssignment(s) || hasModifier(ts, s, ts.SyntaxKind.DefaultKeyword),
    );
    if (!hasDefault) return; // named GET/POST exports: an Astro endpoint, not the Next.js pages router
    const receiverImported = [...imports.values()].some(
      (b) => /^@upstash\/qstash/.test(b.module) && b.imported === "Receiver",
    );
    walk(sf, (n) => {
      if (!ts.isCallExpression(n)) return undefined;
      const callee = unwrap(n.expression);
      const b = ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
      let what: string | undefined;
      if (b && b.module === "@upstash/qstash/nextjs" && b.imported === "verifySignature") what = "verifySignature()";
      // A hand-written Receiver check that reads the raw stream itself.
      if (receiverImported && !what) {
        const name = ts.isIdentifier(callee) ? callee.text : memberPath(callee)?.slice(-1)[0];
        const source = b?.module ?? "";
        if (
          (name === "buffer" && source === "micro") ||
          name === "getRawBody" ||
          name === "rawBody" ||
          (name === "text" && source === "node:stream/consumers")
        )
          what = `${name}()`;
      }
      if (!what) return undefined;
      ctx.report({
        check: "pages-router-body-parser",
        start: n.getStart(sf),
        end: n.expression.getEnd(),
        confidence: "high",
        severity: "low",
        message: `${what} reads the raw request body on a pages-router API route, but ${why}: Next.js parses and consumes the body first, so the signature is checked against an empty body and genuine QStash messages are rejected (which invites turning verification off). Add \`export const config = { api: { bodyParser: false } }\` to this file.`,
      });
      return undefined;
    });
    // `for await (const chunk of req)` with a Receiver: the stream is already drained by the parser.
    if (receiverImported) {
      walk(sf, (n) => {
        if (
          ts.isForOfStatement(n) &&
          n.awaitModifier &&
          ts.isIdentifier(unwrap(n.expression)) &&
          /^req(uest)?$/.test((unwrap(n.expression) as ts.Identifier).text)
        ) {
          ctx.report({
            check: "pages-router-body-parser",
            start: n.getStart(sf),
            end: n.expression.getEnd() + 1,
            confidence: "high",
            severity: "low",
            message: `This loop reads the raw request stream for signature verification on a pages-router API route, but ${why}: Next.js has already consumed the stream, so the body is empty and genuine QStash messages fail verification. Add \`export const config = { api: { bodyParser: false } }\` to this file.`,
          });
        }
        return undefined;
      });
    }
  },
});
