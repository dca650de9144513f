/**
 * `limit()` only reports; nothing is blocked unless the caller reads `success` and refuses the
 * request. Finds verdicts that are discarded, never read, or read by a branch that does not stop the
 * request, following them through helpers that hand the verdict to their callers (in this file, or
 * exported and called from other files).
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { defineDetector } from "../types";
import { RATE_LIMIT_DETECTOR, analyze, calleeText, resolveProject, siteRequirements } from "./analysis/common";
import { helperHolds, type RlFact } from "./analysis/facts";
import { lateCheck, type Site } from "./analysis/model";
import type { Location } from "../../engine/types";
import type { Shape } from "./analysis/usage";

const CHECK = "result-not-enforced";

function callText(site: Site, sf: ts.SourceFile): string {
  const ts = typescript();
  if (site.via === "helper") return `${site.helper!.name}()`;
  const e = site.call.expression;
  if (ts.isPropertyAccessExpression(e)) {
    const recv = e.expression.getText(sf).replace(/\s+/g, "");
    return `${recv.length > 40 ? recv.slice(0, 37) + "…" : recv}.${e.name.text}()`;
  }
  return "limit()";
}

/** `const { a } = await f()`: the value is an object. */
function bindsObjectPattern(call: ts.CallExpression): boolean {
  const ts = typescript();
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  return Boolean(n.parent && ts.isVariableDeclaration(n.parent) && ts.isObjectBindingPattern(n.parent.name));
}

export default defineDetector<RlFact>({
  id: "result-not-enforced",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]: "A rate-limit verdict that is discarded, never read, or read without stopping the request",
  },
  analyzeFile(ctx) {
    analyze(ctx, (r) => {
      const { model } = r;
      for (const site of model.sites) {
        const c = site.use.consumption;
        const { requires, confidence } = siteRequirements(site, model);
        const what = callText(site, model.sf);
        const helperNote =
          site.via === "helper"
            ? ` ${site.helper!.name}() hands back the rate-limit verdict for its caller to act on.`
            : "";
        if (c.kind === "discarded" && !c.counter) {
          r.finding(
            CHECK,
            site.call,
            `The result of ${what} is discarded, so the request goes ahead whatever the limit says.${helperNote} Read success and return 429 when it is false.`,
            requires,
            confidence,
          );
        } else if (c.kind === "unread") {
          const subject =
            site.via === "helper" && site.helper!.shape !== "result"
              ? `The value ${what} returns`
              : `success from ${what}`;
          r.finding(
            CHECK,
            site.call,
            `${subject} is never read, so the limit is not enforced.${helperNote} Return 429 when the limit is hit.`,
            requires,
            confidence,
          );
        } else if (c.kind === "enforced" && site.lateCheck) {
          const work = site.lateCheck.work.expression.getText(model.sf).replace(/\s+/g, "");
          r.finding(
            CHECK,
            site.lateCheck.check,
            `success from ${what} is checked only after ${work.length > 40 ? work.slice(0, 37) + "…" : work}() has already run, so a limited request still does the work. Check success right after the limit call.`,
            requires,
            confidence,
          );
        } else if (c.kind === "inverted") {
          r.finding(
            CHECK,
            c.at,
            `This check on ${what} is inverted: success is true when the request is within the limit, so allowed requests are refused and limited ones go through. Refuse the request when success is false.`,
            requires,
            confidence,
          );
        } else if (c.kind === "falls-through") {
          r.finding(
            CHECK,
            c.branch,
            `The branch for a rate-limited request (${what}) neither returns nor throws, so the code after it runs anyway. Return the 429 response (or throw) in that branch.`,
            requires,
            confidence,
          );
        }
      }
      // Calls of imported functions that may be helpers defined in another file.
      for (const ic of model.importedCalls) {
        const use: Partial<Record<Shape, "discarded" | "unread" | "falls-through" | "inverted" | "late" | "ok">> = {};
        let interesting = false;
        let lateAt: Location | undefined;
        // Shape-independent outcomes first: a discarded call is discarded whatever the helper returns,
        // and a destructured one can only be a result object.
        const first = model.verdictUse(ic.call, "result").consumption;
        const shapes: Shape[] =
          first.kind === "discarded" || bindsObjectPattern(ic.call)
            ? ["result"]
            : ["result", "success", "limited", "verdict"];
        for (const shape of shapes) {
          const u = model.verdictUse(ic.call, shape);
          const k = u.consumption.kind;
          const late = k === "enforced" ? lateCheck({ call: ic.call, use: u }) : undefined;
          if (late) {
            use[shape] = "late";
            lateAt = model.at(late.check);
            interesting = true;
            continue;
          }
          use[shape] =
            k === "discarded"
              ? u.consumption.kind === "discarded" && u.consumption.counter
                ? "ok"
                : "discarded"
              : k === "unread" || k === "falls-through" || k === "inverted"
                ? k
                : "ok";
          if (use[shape] !== "ok") interesting = true;
        }
        if (first.kind === "discarded")
          for (const shape of ["success", "limited", "verdict"] as const) use[shape] = use.result;
        if (interesting)
          r.candidates.push({
            kind: "helper-call",
            ref: ic.ref,
            callee: calleeText(ic.call, model.sf),
            site: model.at(ic.call),
            use,
            args: [],
            ...(lateAt ? { late: lateAt } : {}),
          });
      }
    });
  },
  analyzeProject(ctx) {
    resolveProject(ctx, (c, file, resolver, report) => {
      if (c.kind !== "helper-call") return;
      const r = resolver.resolve(file, { ...c.ref, call: false });
      if (!r || r === "unresolved" || !helperHolds(resolver, r)) return;
      const u = c.use[r.value.shape];
      const name = c.callee;
      if (u === "discarded")
        report(
          CHECK,
          c.site,
          `The result of ${name}() is discarded, but ${name}() (${r.file}) only hands back the rate-limit verdict: the request goes ahead whatever the limit says. Read it and return 429.`,
        );
      else if (u === "unread")
        report(
          CHECK,
          c.site,
          `The verdict ${name}() (${r.file}) returns is never read, so the limit is not enforced. Return 429 when the limit is hit.`,
        );
      else if (u === "late" && c.late)
        report(
          CHECK,
          c.late,
          `The verdict of ${name}() is checked only after the work it protects has already run. Check it right after the call.`,
        );
      else if (u === "inverted")
        report(
          CHECK,
          c.site,
          `The verdict of ${name}() is checked the wrong way round: allowed requests are refused and limited ones go through.`,
        );
      else if (u === "falls-through")
        report(
          CHECK,
          c.site,
          `The branch for a rate-limited request (${name}()) neither returns nor throws, so the code after it runs anyway.`,
        );
    });
  },
});
