/**
 * `limit()` only reports; nothing is blocked unless the caller reads `success` and refuses the
 * request. Finds calls whose result is discarded, and results whose `success` is never read.
 */
import type { ts } from "ts-morph";
import { typescript } from "../../engine/parse";
import { enclosingFunction, importBindings, memberPath, unwrap, walk } from "../ast";
import { defineDetector } from "../types";

const LIMITER_NAME = /rate_?limit|limiter/i;

/** Names bound to `new Ratelimit(...)` in this file. */
function limiterInstances(sf: ts.SourceFile): Set<string> {
  const ts = typescript();
  const classes = new Set<string>();
  for (const [local, b] of importBindings(sf)) if (b.module === "@upstash/ratelimit" && (b.imported === "Ratelimit" || b.imported === "MultiRegionRatelimit")) classes.add(local);
  const out = new Set<string>();
  if (!classes.size) return out;
  walk(sf, (node) => {
    if ((ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) && node.initializer && ts.isIdentifier(node.name)) {
      const init = unwrap(node.initializer);
      if (ts.isNewExpression(init) && classes.has(memberPath(init.expression)?.join(".") ?? "")) out.add(node.name.text);
    }
  });
  return out;
}

/** References to `name` inside `scope` other than the declaration itself. */
function isReadIn(scope: ts.Node, name: string, declaration: ts.Node): boolean {
  const ts = typescript();
  let read = false;
  walk(scope, (n) => {
    if (read) return false;
    if (n === declaration) return false;
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      // `x.name` property names and object keys are not references.
      if (p && ts.isPropertyAccessExpression(p) && p.name === n) return undefined;
      if (p && ts.isPropertyAssignment(p) && p.name === n) return undefined;
      read = true;
    }
    return undefined;
  });
  return read;
}

export default defineDetector({
  id: "result-not-enforced",
  rule: "upstash/rate-limit-misconfiguration",
  checks: {
    "result-not-enforced": "A rate-limit result that is discarded or whose success is never read",
  },
  keywords: ["ratelimit", "limiter"],
  fileKinds: ["script", "sfc"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    if (!sf) return;
    const ts = typescript();
    const instances = limiterInstances(sf);
    const importsRatelimit = /@upstash\/ratelimit/.test(ctx.text);
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      if (node.expression.name.text !== "limit" && node.expression.name.text !== "blockUntilReady") return;
      const receiver = memberPath(node.expression.expression);
      if (!receiver) return;
      const last = receiver[receiver.length - 1]!;
      if (!instances.has(receiver.join(".")) && !(LIMITER_NAME.test(last) && (importsRatelimit || receiver.length === 1 || LIMITER_NAME.test(receiver.join("."))))) return;

      let outer: ts.Node = node;
      while (outer.parent && (ts.isAwaitExpression(outer.parent) || ts.isParenthesizedExpression(outer.parent))) outer = outer.parent;
      const parent = outer.parent;
      const call = `${receiver.join(".")}.${node.expression.name.text}()`;
      if (parent && (ts.isExpressionStatement(parent) || ts.isVoidExpression(parent))) {
        ctx.report({
          check: "result-not-enforced",
          start: node.getStart(sf),
          end: node.getEnd(),
          message: `The result of ${call} is discarded, so the request goes ahead whatever the limit says. Read success and return 429 when it is false.`,
        });
        return;
      }
      if (parent && ts.isVariableDeclaration(parent) && parent.initializer === outer) {
        const scope = enclosingFunction(parent);
        if (ts.isIdentifier(parent.name)) {
          const name = parent.name.text;
          let successRead = false;
          walk(scope, (n) => {
            if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === name && n.name.text === "success") successRead = true;
            // Passed on whole (returned, handed to a helper): the reader is elsewhere.
            if (ts.isIdentifier(n) && n.text === name && n !== parent.name && n.parent && !ts.isPropertyAccessExpression(n.parent)) successRead = true;
          });
          if (!successRead) {
            ctx.report({
              check: "result-not-enforced",
              start: node.getStart(sf),
              end: node.getEnd(),
              message: `${name}.success from ${call} is never read, so the limit is not enforced. Return 429 when it is false.`,
            });
          }
        } else if (ts.isObjectBindingPattern(parent.name)) {
          const success = parent.name.elements.find((e) => (e.propertyName ? e.propertyName.getText(sf) : e.name.getText(sf)) === "success");
          const restUsed = parent.name.elements.some((e) => e.dotDotDotToken);
          if (restUsed) return;
          if (!success || (ts.isIdentifier(success.name) && !isReadIn(scope, success.name.text, success))) {
            ctx.report({
              check: "result-not-enforced",
              start: node.getStart(sf),
              end: node.getEnd(),
              message: `success from ${call} is never read, so the limit is not enforced. Return 429 when it is false.`,
            });
          }
        }
      }
    });
  },
});
