/**
 * Limiter arguments outside sane bounds: more requests per second per identifier than the project
 * allows (`maxRequestsPerSecond`, default 1000), zero tokens, a window @upstash/ratelimit cannot parse
 * or shorter than `minWindowMs` (default 1000), a token bucket that refills more than it holds.
 * Arguments passed through a factory (`ratelimit(10, "10 s")`) are checked at each call.
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { unwrap } from "../ast";
import { defineDetector } from "../types";
import { RATE_LIMIT_DETECTOR, analyze, calleeText, resolveProject } from "./analysis/common";
import type { RlFact } from "./analysis/facts";
import { boundsFrom, problems, type AlgorithmArgs } from "./analysis/bounds";
import { referencesTo, scopeOf } from "./analysis/scope";
import { constNumber, constString } from "./analysis/values";
import type { AlgorithmCall } from "./analysis/model";

const CHECK = "implausible-limit";

/** The arguments a factory call gives to the algorithm inside it. */
function argsThroughFactory(a: AlgorithmCall, values: Array<number | string | null | undefined>): AlgorithmArgs {
  const out: AlgorithmArgs = { ...a.args };
  for (const p of a.params) {
    const given = values[p.param];
    const v = given === undefined ? (p.fallback ?? null) : given;
    if (p.arg === 0) out.tokens = typeof v === "number" ? v : null;
    else if (p.arg === 1) out.window = v ?? null;
    else out.maxTokens = typeof v === "number" ? v : null;
  }
  return out;
}

function constArg(e: ts.Expression | undefined): number | string | null | undefined {
  if (!e) return undefined;
  const n = constNumber(e);
  if (n !== undefined) return n;
  const s = constString(e);
  if (s !== undefined) return s;
  return null;
}

export default defineDetector<RlFact>({
  id: "implausible-limit",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]:
      "Limiter arguments outside sane bounds: too permissive, zero tokens, a window that does not parse or is too short",
  },
  analyzeFile(ctx) {
    const bounds = boundsFrom(ctx.options);
    analyze(ctx, (r) => {
      const { model } = r;
      const ts = typescript();
      for (const a of model.algorithms) {
        for (const p of problems(a.args, bounds)) {
          const node = a.call.arguments[p.arg] ?? a.call;
          r.finding(CHECK, node, p.message, []);
        }
        // A local factory: check each call's arguments.
        if (!a.params.length || !a.fn) continue;
        const fn = a.fn;
        const decl = ts.isFunctionDeclaration(fn)
          ? fn
          : fn.parent && ts.isVariableDeclaration(fn.parent)
            ? fn.parent
            : undefined;
        if (!decl) continue;
        for (const ref of referencesTo(decl, scopeOf(decl))) {
          const call = ref.parent;
          if (!call || !ts.isCallExpression(call) || call.expression !== ref) continue;
          const values = fn.parameters.map((_, i) => constArg(call.arguments[i]));
          for (const p of problems(argsThroughFactory(a, values), bounds)) {
            const param = a.params.find((x) => x.arg === p.arg)?.param;
            const node = (param !== undefined ? call.arguments[param] : undefined) ?? call;
            r.finding(CHECK, node, p.message, []);
          }
        }
      }
      // Calls of imported functions with constant arguments: maybe a factory from another file.
      for (const ic of model.importedCalls) {
        const args = ic.call.arguments.map((x) => constArg(x) ?? null);
        if (!args.some((x) => x !== null)) continue;
        r.candidates.push({
          kind: "factory-call",
          ref: ic.ref,
          callee: calleeText(ic.call, model.sf),
          site: model.at(ic.call),
          inHandler: Boolean(ic.handler),
          args,
          argLocations: ic.call.arguments.map((x) => model.at(unwrap(x))),
        });
      }
    });
  },
  analyzeProject(ctx) {
    const bounds = boundsFrom(ctx.options);
    resolveProject(ctx, (c, file, resolver, report) => {
      if (c.kind !== "factory-call") return;
      const r = resolver.resolve(file, { ...c.ref, call: false });
      if (!r || r === "unresolved" || r.value.kind !== "factory" || !r.value.params.length) return;
      const byAlgo = new Map<string, typeof r.value.params>();
      for (const p of r.value.params) {
        const k = JSON.stringify(p.fixed);
        byAlgo.set(k, [...(byAlgo.get(k) ?? []), p]);
      }
      for (const params of byAlgo.values()) {
        const fixed = params[0]!.fixed;
        const a = { call: undefined as unknown as ts.CallExpression, args: fixed, params };
        for (const p of problems(argsThroughFactory(a, c.args), bounds)) {
          const param = params.find((x) => x.arg === p.arg)?.param;
          report(CHECK, (param !== undefined ? c.argLocations[param] : undefined) ?? c.site, p.message);
        }
      }
    });
  },
});
