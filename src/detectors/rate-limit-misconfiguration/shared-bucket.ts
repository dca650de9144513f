/**
 * A rate-limit identifier that is the same for everyone (`"api"`), or that falls back to constant
 * text when the real key is missing (`req.ip ?? "127.0.0.1"`, `ip || "anonymous"`, `?? ""`): all
 * those requests share one bucket, so one client exhausts it for all of them. Intentionally global
 * limits are listed in the `globalIdentifiers` option (or suppressed inline).
 */
import { defineDetector } from "../types";
import {
  RATE_LIMIT_DETECTOR,
  analyze,
  argSummaries,
  calleeText,
  enforced,
  resolveProject,
  siteRequirements,
  stringListOption,
} from "./analysis/common";
import { helperHolds, requirementsHold, type RlFact } from "./analysis/facts";

const CHECK = "shared-bucket";

function constantMessage(value: string): string {
  return `Every request is limited under the same identifier "${value}": one client can use up the limit for everyone. Key the limit by an authenticated user id or the client IP, or list "${value}" in globalIdentifiers if one global limit is intended.`;
}

function fallbackMessage(value: string): string {
  return `When the real key is missing the identifier falls back to ${value === "" ? "an empty string" : `"${value}"`}: every such request shares one bucket, so one client can exhaust it for all of them. Refuse the request or use another per-client key instead of constant text.`;
}

export default defineDetector<RlFact>({
  id: "shared-bucket",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]: "A rate-limit identifier that is constant, or falls back to a constant, so everyone shares one bucket",
  },
  analyzeFile(ctx) {
    const global = stringListOption(ctx.options, "globalIdentifiers");
    analyze(ctx, (r) => {
      const { model } = r;
      for (const site of model.sites) {
        const v = site.verdict;
        if (!v || !site.id || !enforced(site)) continue;
        const { requires, confidence } = siteRequirements(site, model);
        if (v.constant) {
          if (!global.has(v.constant.value))
            r.finding(CHECK, site.id, constantMessage(v.constant.value), requires, confidence);
          continue;
        }
        if (v.fallbacks) {
          for (const f of v.fallbacks) {
            if (global.has(f.value)) continue;
            const req = f.unless ? [...requires, { kind: "nullable" as const, ref: f.unless }] : requires;
            r.finding(CHECK, f.node, fallbackMessage(f.value), req, confidence === "high" ? "medium" : "low", [
              model.at(site.call, "the rate-limit call using this identifier"),
            ]);
          }
        }
        // Parts produced by an imported function (`getIp(req)`): its file's facts decide.
        const parts = model.tracer.parts(site.id);
        const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
        for (const p of dynamic) {
          const imported = p.origins.find((o) => o.kind === "imported");
          if (!imported || imported.kind !== "imported") continue;
          const others = dynamic.some(
            (q) => q !== p && !q.origins.some((o) => o.kind === "fallback" || o.kind === "imported"),
          );
          if (others) continue;
          r.candidates.push({
            kind: "origin",
            check: CHECK,
            ref: imported.ref,
            site: model.at(site.call, "the rate-limit call using this identifier"),
            otherDynamicParts: false,
            requires,
          });
        }
      }
      for (const ic of model.importedCalls) {
        if (model.verdictUse(ic.call, "result").consumption.kind === "discarded") continue;
        const args = argSummaries(model, ic.call, false).filter((a) => a.constant !== undefined || a.fallbacks);
        if (args.length)
          r.candidates.push({
            kind: "helper-call",
            ref: ic.ref,
            callee: calleeText(ic.call, model.sf),
            site: model.at(ic.call),
            use: {},
            args,
          });
      }
    });
  },
  analyzeProject(ctx) {
    const global = stringListOption(ctx.options, "globalIdentifiers");
    resolveProject(ctx, (c, file, resolver, report) => {
      if (c.kind === "origin") {
        if (!requirementsHold(ctx, resolver, file, c.requires)) return;
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || r.value.kind !== "origin") return;
        for (const f of r.value.fallbacks)
          if (!global.has(f.value)) report(CHECK, f.at, fallbackMessage(f.value), "medium", [c.site]);
      } else if (c.kind === "helper-call") {
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || !helperHolds(resolver, r) || !r.value.idParam) return;
        const at = r.value.idParam;
        const arg = c.args.find((a) => a.index === at.index && a.prop === at.prop);
        if (!arg) return;
        if (arg.constant !== undefined && !global.has(arg.constant))
          report(CHECK, c.site, constantMessage(arg.constant));
        else if (arg.fallbacks)
          arg.fallbacks.forEach((loc, i) => {
            const value = arg.fallbackValues?.[i] ?? "";
            if (!global.has(value)) report(CHECK, loc, fallbackMessage(value), "medium", [c.site]);
          });
      }
    });
  },
});
