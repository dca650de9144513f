/**
 * A route that receives QStash messages and runs without verifying the Upstash-Signature header.
 * Receivers are found two ways: a QStash publisher in the repository targets the route's URL path,
 * or the route itself speaks QStash (imports @upstash/qstash or reads Upstash-* headers).
 */
import type { ts } from "ts-morph";
import { typescript } from "../../engine/parse";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk } from "../ast";
import type { Location } from "../../engine/types";
import { defineDetector } from "../types";
import { routeMatches, routeOfFile } from "./routes";

type Fact =
  | { kind: "publish"; path: string; at: Location }
  | { kind: "handler"; pattern: string; verified: boolean; speaksQstash: boolean; at: Location; name: string };

const PUBLISH_METHODS = new Set(["publish", "publishJSON", "enqueue", "enqueueJSON"]);
const HTTP_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE", "GET", "default", "handler"]);

/** The URL path of a publish target: the literal tail of `${base}/api/x`, or a full URL's path. */
export function urlPathOf(node: ts.Expression | undefined): string | undefined {
  const ts = typescript();
  if (!node) return undefined;
  const e = unwrap(node);
  const literal = stringValue(e);
  if (literal !== undefined) {
    try {
      return new URL(literal).pathname;
    } catch {
      return literal.startsWith("/") ? literal : undefined;
    }
  }
  if (ts.isTemplateExpression(e)) {
    // Substitutions become "\0": a leading one is the base URL (`${base}/api/x`) and is dropped, and a
    // path segment holding one matches any segment ("*").
    let text = e.head.text + e.templateSpans.map((s) => "\0" + s.literal.text).join("");
    text = text.replace(/^https?:\/\/[^/\0]*/, "");
    if (text.startsWith("\0")) text = text.slice(1);
    if (!text.startsWith("/")) return undefined;
    return text
      .split("/")
      .map((seg) => (seg.includes("\0") ? "*" : seg))
      .join("/");
  }
  if (ts.isNewExpression(e) && memberPath(e.expression)?.join(".") === "URL") return urlPathOf(e.arguments?.[0]);
  return undefined;
}

function objectProperty(obj: ts.Expression | undefined, name: string): ts.Expression | undefined {
  const ts = typescript();
  if (!obj) return undefined;
  const o = unwrap(obj);
  if (!ts.isObjectLiteralExpression(o)) return undefined;
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** Whether the file verifies QStash signatures anywhere (first version: any recognised verification). */
function verifies(sf: ts.SourceFile): boolean {
  const ts = typescript();
  const imports = importBindings(sf);
  let found = false;
  walk(sf, (n) => {
    if (found) return false;
    if (!ts.isCallExpression(n)) return undefined;
    const callee = memberPath(n.expression);
    const last = callee?.[callee.length - 1];
    if (!last) return undefined;
    if (/^verifySignature/.test(last)) found = true;
    else if (last === "serve" && [...imports.values()].some((b) => b.module.startsWith("@upstash/workflow"))) found = true;
    else if (last === "verify" && callee!.length > 1) {
      let p: ts.Node = n.parent;
      while (ts.isParenthesizedExpression(p)) p = p.parent;
      if (ts.isAwaitExpression(p) || ts.isReturnStatement(p)) found = true;
    } else if (callee!.length === 1 && /verify/i.test(last) && imports.has(last)) found = true;
    return undefined;
  });
  return found;
}

export default defineDetector<Fact>({
  id: "unverified-handler",
  rule: "upstash/qstash-webhook-spoofing",
  checks: {
    "unverified-handler": "A QStash message handler with no signature verification",
  },
  keywords: ["qstash", "upstash-signature", "upstash-message-id", "publishjson", "@upstash/workflow"],
  fileKinds: ["script"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    if (!sf) return;
    const ts = typescript();
    walk(sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const method = n.expression.name.text;
      const arg = n.arguments[0];
      const targets: Array<ts.Expression | undefined> = [];
      if (PUBLISH_METHODS.has(method)) targets.push(objectProperty(arg, "url"));
      else if (method === "batch" || method === "batchJSON") {
        const list = arg && unwrap(arg);
        if (list && ts.isArrayLiteralExpression(list)) for (const el of list.elements) targets.push(objectProperty(el as ts.Expression, "url"));
      } else if (method === "create" && memberPath(n.expression.expression)?.slice(-1)[0] === "schedules") {
        targets.push(objectProperty(arg, "destination"));
      }
      for (const t of targets) {
        const p = urlPathOf(t);
        if (p) ctx.fact({ kind: "publish", path: p, at: ctx.location(t!.getStart(sf), t!.getEnd(), "QStash messages are published to this route here") });
      }
    });

    const route = routeOfFile(ctx.path);
    if (!route) return;
    const speaksQstash = /@upstash\/qstash|upstash-signature|upstash-message-id|upstash-retried/i.test(ctx.text);
    const verified = verifies(sf);
    for (const stmt of sf.statements) {
      const exported = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
      const isDefault = ts.canHaveModifiers(stmt) && ts.getModifiers(stmt)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
      let name: string | undefined;
      let node: ts.Node | undefined;
      if (ts.isFunctionDeclaration(stmt) && exported) {
        name = isDefault ? "default" : stmt.name?.text;
        node = stmt.name ?? stmt;
      } else if (ts.isVariableStatement(stmt) && exported) {
        const d = stmt.declarationList.declarations[0];
        if (d && ts.isIdentifier(d.name)) (name = d.name.text), (node = d.name);
      } else if (ts.isExportAssignment(stmt)) {
        name = "default";
        node = stmt.expression;
      }
      if (!name || !node || !HTTP_METHODS.has(name)) continue;
      ctx.fact({
        kind: "handler",
        pattern: route.pattern,
        verified,
        speaksQstash,
        name,
        at: ctx.location(node.getStart(sf), node.getEnd()),
      });
    }
  },
  analyzeProject(ctx) {
    const publishers = ctx.facts.filter((f): f is { file: string; fact: Extract<Fact, { kind: "publish" }> } => f.fact.kind === "publish");
    for (const { fact } of ctx.facts) {
      if (fact.kind !== "handler" || fact.verified) continue;
      const targetedBy = publishers.filter((p) => routeMatches(fact.pattern, p.fact.path)).map((p) => p.fact.at);
      if (!targetedBy.length && !fact.speaksQstash) continue;
      const why = targetedBy.length ? `QStash publishes to ${fact.pattern}` : `this route handles QStash messages`;
      ctx.report({
        check: "unverified-handler",
        location: fact.at,
        confidence: targetedBy.length ? "high" : "medium",
        message: `${fact.name} handler of ${fact.pattern}: ${why} but the handler never verifies the Upstash-Signature header, so anyone can send it fake messages. Wrap it with verifySignatureAppRouter (or the helper for your framework) or await receiver.verify() on the raw body and return 401 on failure.`,
        ...(targetedBy.length ? { related: targetedBy } : {}),
      });
    }
  },
});
