/**
 * On edge runtimes (Next.js middleware or `runtime = "edge"`, Cloudflare Workers, any handler with a
 * `waitUntil`), the function may be frozen as soon as the response is returned. With `analytics: true`,
 * `enableProtection` or `MultiRegionRatelimit`, `limit()` leaves work in `pending` (analytics writes,
 * deny-list updates, multi-region sync) that must be awaited or given to `waitUntil`, or it is lost.
 */
import { defineDetector } from "../types";
import { RATE_LIMIT_DETECTOR, analyze, enforced, resolveProject, siteRequirements } from "./analysis/common";
import type { Requirement, RlFact } from "./analysis/facts";

const CHECK = "pending-dropped";

export default defineDetector<RlFact>({
  id: "pending-dropped",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]:
      "On an edge runtime, the pending promise of an analytics or multi-region limiter is neither awaited nor given to waitUntil",
  },
  analyzeFile(ctx) {
    analyze(ctx, (r) => {
      const { model } = r;
      for (const site of model.sites) {
        if (
          site.via !== "limit" ||
          site.use.pending !== "dropped" ||
          !enforced(site) ||
          site.use.consumption.kind === "discarded"
        )
          continue;
        const ref = site.ref;
        const requires: Requirement[] = [];
        let why: string;
        if (ref.kind === "local") {
          const c = ref.configs.find((x) => x.pendingWork === true);
          if (!c) continue;
          why = c.multiRegion ? "MultiRegionRatelimit syncs regions" : "analytics/deny-list updates are written";
        } else if (ref.kind === "import") {
          requires.push({ kind: "limiter", ref: ref.ref, pendingWork: true });
          why = "the limiter records analytics or syncs regions";
        } else continue;
        if (!model.handlers.edge && !model.handlers.waitUntilAvailable) {
          if (!site.handler) continue;
          requires.push({ kind: "workers" });
        }
        const sure = model.handlers.edge || model.handlers.middlewareFile;
        const multi = ref.kind === "local" && ref.configs.some((c) => c.multiRegion);
        const { confidence } = siteRequirements(site, model);
        const where = sure
          ? "on this edge runtime"
          : "where the platform may freeze the function once the response is sent (this file uses waitUntil)";
        r.finding(
          CHECK,
          site.call,
          `pending from this limit() is neither awaited nor given to waitUntil, but ${why} in it: ${where} that work is cut off. Pass it on: waitUntil(pending).`,
          requires,
          sure ? confidence : "medium",
          undefined,
          multi ? "medium" : "low",
        );
      }
    });
  },
  analyzeProject(ctx) {
    resolveProject(ctx);
  },
});
