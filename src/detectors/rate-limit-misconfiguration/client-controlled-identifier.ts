/**
 * A rate-limit identifier the client chooses: a body field, a query parameter, a custom header,
 * tRPC `input`, a server-action argument. An attacker sends a new value with every request and never
 * meets the limit. Platform IP headers (x-real-ip, x-forwarded-for, cf-connecting-ip, `req.ip`,
 * `ipAddress(req)`), credentials (Authorization, API keys) and authenticated ids are not reported,
 * nor is a client-chosen key when the same handler also limits by IP or user (a second, per-target
 * limit such as attempts per e-mail address). Also a switch the client flips to skip the limit
 * altogether (analysis/bypass.ts): `if (req.headers["x-load-test"] === "1") return next()`.
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { defineDetector } from "../types";
import {
  RATE_LIMIT_DETECTOR,
  analyze,
  argSummaries,
  helperCall,
  enforced,
  resolveProject,
  siteRequirements,
  type Reporter,
} from "./analysis/common";
import { helperHolds, requirementsHold, type Requirement, type RlFact } from "./analysis/facts";
import type { FileModel, Site } from "./analysis/model";
import { clientBypass, type Bypass } from "./analysis/bypass";

const CHECK = "client-controlled-identifier";

/**
 * Fields naming a resource (`linkId`, `payoutId`, `slug`) key a deliberate per-resource limit
 * (attempts per protected link); the client gains nothing by changing them. Fields naming the caller
 * (`userId`, `clientId`, `deviceId`) do not match.
 */
const CALLER =
  "user|client|device|session|visitor|anon|anonymous|account|customer|caller|requester|sender|ip|voter|author|actor|member|player|participant|viewer|owner|submitter|reporter|fingerprint|browser|install|installation|machine|guest|profile|person|subscriber";
const RESOURCE_FIELD = new RegExp(
  `^(?!(${CALLER})(Id|_id|ID|Key|_key)$)[a-z][A-Za-z0-9]*(Id|_id|ID|Slug|_slug)$|^(slug|path|pathname|url|domain|hostname)$`,
);

function isCounter(site: Site): boolean {
  return site.use.consumption.kind === "discarded" && site.use.consumption.counter;
}

const SOURCE_TEXT: Record<string, string> = {
  body: "the request body",
  query: "the query string",
  header: "a request header the client sets",
  input: "the procedure input",
  argument: "a server-action argument",
};

function message(source: string, detail: string): string {
  return `The rate-limit identifier comes from ${SOURCE_TEXT[source] ?? source} (${detail}), which the client chooses freely: a new value per request gets a fresh bucket every time. Key the limit by the authenticated user id or the platform's client IP (add one such limit if this one is per target).`;
}

function bypassMessage(b: Bypass): string {
  const sent = b.value === undefined ? `sends ${b.read}` : `sends ${b.read} = "${b.value}"`;
  return `The rate limit is skipped when the request ${sent}: the client sets that value itself, so anyone who adds it is never limited. Remove the switch, or gate it on something the client cannot forge (a secret compared in constant time, a non-production environment).`;
}

/** Client switches that skip a limit call of the file, once per switch. */
function reportBypasses(r: Reporter): void {
  const { model } = r;
  const seen = new Set<ts.Node>();
  for (const site of model.sites) {
    if (!enforced(site) || model.liveness(site.call) === "dead") continue;
    const b = clientBypass(site.call);
    if (!b || seen.has(b.node)) continue;
    seen.add(b.node);
    const at = siteRequirements(site, model);
    const requires: Requirement[] =
      model.liveness(site.call) === "if-imported" ? [...at.requires, { kind: "imported" }] : at.requires;
    r.finding(CHECK, b.node, bypassMessage(b), requires, at.confidence, [
      model.at(site.call, "the rate-limit call it skips"),
    ]);
  }
}

function scopeOf(site: Site): ts.Node | undefined {
  const ts = typescript();
  if (site.handler) return site.handler;
  for (let n: ts.Node | undefined = site.call.parent; n; n = n.parent) if (ts.isFunctionLike(n)) return n;
  return undefined;
}

/** Another enforced limit in the same handler keyed by IP or user: this one is an extra per-target limit. */
function backedUp(model: FileModel, site: Site): boolean {
  const scope = scopeOf(site);
  if (!scope) return false;
  return model.sites.some(
    (s) =>
      s !== site && scopeOf(s) === scope && enforced(s) && s.verdict && s.verdict.trusted && !s.verdict.client.length,
  );
}

export default defineDetector<RlFact>({
  id: "client-controlled-identifier",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]:
      "A rate-limit identifier taken from the body, query string or a custom header, so the client picks its own bucket, or a header/query switch that skips the limit",
  },
  analyzeFile(ctx) {
    analyze(ctx, (r) => {
      reportBypasses(r);
      const { model } = r;
      for (const site of model.sites) {
        const v = site.verdict;
        if (!v || !site.id || !enforced(site) || isCounter(site) || v.trusted) continue;
        const client = v.client.filter((c) => !RESOURCE_FIELD.test(c.detail));
        if (!client.length || backedUp(model, site)) continue;
        const { requires, confidence } = siteRequirements(site, model);
        const first = client[0]!;
        const related =
          first.node !== site.id ? [model.at(first.node, "where the client-chosen value comes from")] : undefined;
        r.finding(CHECK, site.id, message(first.source, first.detail), requires, confidence, related);
      }
      for (const site of model.sites) {
        if (!site.id || !enforced(site) || backedUp(model, site)) continue;
        for (const p of model.tracer.parts(site.id)) {
          for (const o of p.origins) {
            if (o.kind !== "imported") continue;
            const { requires } = siteRequirements(site, model);
            r.candidates.push({
              kind: "origin",
              check: CHECK,
              ref: o.ref,
              site: model.at(site.id),
              otherDynamicParts: false,
              requires,
            });
          }
        }
      }
      for (const ic of model.importedCalls) {
        if (model.verdictUse(ic.call, "result").consumption.kind === "discarded") continue;
        const scope = ic.handler;
        const trusted = model.sites.some(
          (s) => scope && s.handler === scope && enforced(s) && s.verdict?.trusted && !s.verdict.client.length,
        );
        const args = argSummaries(model, ic.call, trusted).filter(
          (a) => a.client && !RESOURCE_FIELD.test(a.client.detail),
        );
        if (args.length) r.candidates.push(helperCall(model, ic, args));
      }
    });
  },
  analyzeProject(ctx) {
    resolveProject(ctx, (c, file, resolver, report) => {
      if (c.kind === "origin") {
        if (!requirementsHold(ctx, resolver, file, c.requires)) return;
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || r.value.kind !== "origin" || r.value.trusted) return;
        const first = r.value.client[0];
        if (first) report(CHECK, c.site, message(first.source, first.detail), "high", [first.at]);
      } else if (c.kind === "helper-call") {
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || !helperHolds(resolver, r) || !r.value.idParam) return;
        const at = r.value.idParam;
        const arg = c.args.find((a) => a.index === at.index && a.prop === at.prop);
        if (arg?.client && !arg.trustedElsewhere) report(CHECK, c.site, message(arg.client.source, arg.client.detail));
      }
    });
  },
});
