/**
 * A limiter built on every request: `new Ratelimit(...)` inside a route handler, middleware, tRPC
 * procedure or server action, or inside a factory that such a handler calls. Its ephemeral cache
 * (the in-memory list of blocked identifiers, on by default) starts empty every time, so blocked
 * clients still cost a Redis round trip each; an `ephemeralCache: new Map()` made in the handler is
 * lost the same way. A cache Map kept at module scope (the documented Workers pattern) is fine.
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { unwrap } from "../ast";
import { defineDetector } from "../types";
import { RATE_LIMIT_DETECTOR, analyze, calleeText, resolveProject } from "./analysis/common";
import type { RlFact } from "./analysis/facts";
import { optionOf } from "./analysis/limiters";
import { cacheKeptOutside, isMemoized } from "./analysis/model";
import { declarationOf, referencesTo, scopeOf } from "./analysis/scope";

const CHECK = "limiter-per-request";

const MESSAGE =
  "A new Ratelimit is built on every request: its ephemeral cache of blocked identifiers (and any deny-list cache) starts empty each time, so blocked clients still cost a Redis round trip per request. Create the limiter once at module scope (or keep its ephemeralCache Map there).";

function enclosingFunction(node: ts.Node): ts.FunctionLikeDeclaration | undefined {
  const ts = typescript();
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent)
    if (ts.isFunctionLike(n)) return n as ts.FunctionLikeDeclaration;
  return undefined;
}

export default defineDetector<RlFact>({
  id: "limiter-per-request",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]: "A Ratelimit (or its ephemeral cache) created inside a request handler",
  },
  analyzeFile(ctx) {
    analyze(ctx, (r) => {
      const { model } = r;
      const ts = typescript();
      for (const c of model.index.constructions) {
        const fn = enclosingFunction(c.node);
        if (!fn || isMemoized(c.node, fn)) continue;
        const handler = model.handlers.enclosingHandler(c.node);
        if (handler) {
          if (!cacheKeptOutside(c, fn)) r.finding(CHECK, c.node, MESSAGE, [], "high", undefined, "low");
          continue;
        }
        // Built in a factory: per request when a handler of this file calls it.
        const factory = model.factories.get(fn);
        if (!factory?.perCall || cacheKeptOutside(c, fn)) continue;
        const decl = ts.isFunctionDeclaration(fn)
          ? fn
          : fn.parent && ts.isVariableDeclaration(fn.parent)
            ? fn.parent
            : undefined;
        if (!decl) continue;
        const calledInHandler = referencesTo(decl, scopeOf(decl)).some(
          (ref) =>
            ref.parent &&
            ts.isCallExpression(ref.parent) &&
            ref.parent.expression === ref &&
            model.handlers.enclosingHandler(ref.parent),
        );
        if (calledInHandler)
          r.finding(
            CHECK,
            c.node,
            `${MESSAGE.replace("A new Ratelimit is built on every request", `${factory.name}() builds a new Ratelimit on every call and a request handler calls it`)}`,
            [],
            "high",
            undefined,
            "low",
          );
      }
      // `ephemeralCache: new Map()` inside a handler where the limiter itself is kept (rare, but the cache is lost).
      for (const c of model.index.constructions) {
        const opt = optionOf(c.options, "ephemeralCache");
        if (!opt) continue;
        const e = unwrap(opt);
        const mapNode = ts.isNewExpression(e)
          ? e
          : ts.isIdentifier(e)
            ? (() => {
                const d = declarationOf(e);
                return d && ts.isVariableDeclaration(d) && d.initializer && ts.isNewExpression(unwrap(d.initializer))
                  ? unwrap(d.initializer)
                  : undefined;
              })()
            : undefined;
        if (!mapNode) continue;
        const handler = model.handlers.enclosingHandler(mapNode);
        if (handler && !model.handlers.enclosingHandler(c.node))
          r.finding(
            CHECK,
            mapNode,
            "The ephemeralCache Map is created inside a request handler, so it is empty on every request. Create it once at module scope.",
            [],
            "high",
            undefined,
            "low",
          );
      }
      for (const ic of model.importedCalls) {
        if (!ic.handler) continue;
        r.candidates.push({
          kind: "factory-call",
          ref: ic.ref,
          callee: calleeText(ic.call, model.sf),
          site: model.at(ic.call),
          inHandler: true,
          args: [],
          argLocations: [],
        });
      }
    });
  },
  analyzeProject(ctx) {
    resolveProject(ctx, (c, file, resolver, report) => {
      if (c.kind !== "factory-call" || !c.inHandler) return;
      const r = resolver.resolve(file, { ...c.ref, call: false });
      if (!r || r === "unresolved" || (r.value.kind !== "factory" && r.value.kind !== "helper") || !r.value.perCall)
        return;
      report(
        CHECK,
        r.value.perCall,
        `${c.callee}() builds a new Ratelimit on every call and request handlers call it (e.g. ${c.site.file}:${c.site.range.startLine}): its ephemeral cache of blocked identifiers starts empty each time, so blocked clients still cost a Redis round trip per request. Build each limiter once at module scope (e.g. one per configuration, kept in a Map).`,
        "high",
        [c.site],
        "low",
      );
    });
  },
});
