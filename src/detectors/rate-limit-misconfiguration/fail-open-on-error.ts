/**
 * `limit()` throws when Redis fails (it only swallows its own timeout). A `catch` that then lets the
 * request through, a `.catch(() => ({ success: true }))`, or code that treats `reason: "timeout"` as
 * allowed on an authentication route turns the limiter off exactly when an attacker can make Redis
 * slow or unreachable.
 */
import { defineDetector } from "../types";
import { RATE_LIMIT_DETECTOR, analyze, calleeText, resolveProject, siteRequirements } from "./analysis/common";
import { swallowedAt } from "./analysis/model";
import type { RlFact } from "./analysis/facts";
import { constString } from "./analysis/values";

const CHECK = "fail-open-on-error";

const WHY: Record<string, string> = {
  "catch-handler": "This .catch() turns any limiter error into an allowed request",
  allows: "This catch lets the request through when the limiter throws (Redis unreachable, misconfigured)",
  "same-as-pass": "This catch returns the same value as the allowed path, so a limiter error lets the request through",
  boolean: "This catch returns the 'allowed' verdict when the limiter throws",
  continues: "This catch swallows the limiter's error and execution continues past the skipped check",
  "initial-true":
    "The verdict starts out (or is set in this catch to) allowed, so a limiter error lets the request through",
};

function guardMessage(name: string): string {
  return `${name}() throws when the rate limit is hit, but this catch swallows the exception and lets the request go on: limited requests pass, and so does everything while Redis is down. Rethrow (or return 429/503) in the catch.`;
}

export default defineDetector<RlFact>({
  id: "fail-open-on-error",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]: "A limiter error or timeout that lets the request through",
  },
  analyzeFile(ctx) {
    analyze(ctx, (r) => {
      const { model } = r;
      for (const site of model.sites) {
        const { requires, confidence } = siteRequirements(site, model);
        if (site.failOpen) {
          r.finding(
            CHECK,
            site.failOpen.node,
            `${WHY[site.failOpen.why] ?? WHY.allows}: the limit is off whenever Redis fails. Refuse the request (503 or 429) in the error path, at least on sensitive routes.`,
            requires,
            confidence,
          );
        }
        if (site.use.timeoutAllows.length) {
          const key = site.id ? (constString(site.id) ?? site.id.getText(model.sf)) : "";
          if (!model.handlers.authSensitive(site.call, [key])) continue;
          for (const node of site.use.timeoutAllows) {
            r.finding(
              CHECK,
              node,
              `A timed-out limit check (reason "timeout") is treated as allowed on an authentication route: an attacker who slows Redis gets unlimited attempts. Refuse the request when reason is "timeout" here.`,
              requires,
              confidence,
            );
          }
        }
      }
      // Guards (functions that throw when the limit is hit) whose exception is swallowed.
      for (const sw of model.swallowed) {
        const { requires, confidence } = siteRequirements(sw, model);
        r.finding(CHECK, sw.at, guardMessage(sw.guard), requires, confidence);
      }
      for (const ic of model.importedCalls) {
        const at = swallowedAt(ic.call, model.handlers.middlewareFile);
        if (at) r.finding(CHECK, at, guardMessage(calleeText(ic.call, model.sf)), [{ kind: "guard", ref: ic.ref }]);
      }
    });
  },
  analyzeProject(ctx) {
    resolveProject(ctx);
  },
});
