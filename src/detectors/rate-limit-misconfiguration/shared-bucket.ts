/**
 * A rate-limit identifier that is the same for everyone (`"api"`), or that falls back to constant
 * text when the real key is missing (`req.ip ?? "127.0.0.1"`, `ip || "anonymous"`, `?? ""`): all
 * those requests share one bucket, so one client exhausts it for all of them. A fallback is reported
 * only where it can apply in production for the framework and host (analysis/guards.ts,
 * analysis/hosting.ts), and the message says why it can. Also `req.ip` on Express or Fastify behind a
 * platform's proxy without `trust proxy`: every client then has the proxy's address. Intentionally
 * global limits are listed in the `globalIdentifiers` option (or suppressed inline), and a fixed
 * identifier spent with `limit(id, { rate })` or checked with `getRemaining` is a global budget.
 * And limiters of one package that write the same Redis keys (same prefix, same window length, the
 * same kind of identifier) with different limits: each endpoint spends the other's budget.
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import type { Confidence, Location } from "../../engine/types";
import { walk } from "../ast";
import { defineDetector, type ProjectContext } from "../types";
import {
  RATE_LIMIT_DETECTOR,
  analyze,
  argSummaries,
  helperCall,
  enforced,
  resolveProject,
  siteRequirements,
  stringListOption,
  type Reporter,
  type ReportOnce,
} from "./analysis/common";
import {
  helperHolds,
  nonNullish,
  requirementsHold,
  type Candidate,
  type ExportResolver,
  type Requirement,
  type RlFact,
} from "./analysis/facts";
import { reachability, type Guard } from "./analysis/guards";
import { frameworksAt, hostOf } from "./analysis/hosting";
import { DEFAULT_PREFIX, type ImportRef, type KeySpace } from "./analysis/limiters";
import type { IdPart } from "./analysis/identifiers";
import type { FileModel, Site } from "./analysis/model";
import { optionOf } from "./analysis/limiters";
import { constString } from "./analysis/values";

const CHECK = "shared-bucket";

function constantMessage(value: string): string {
  return `Every request is limited under the same identifier "${value}": one client can use up the limit for everyone. Key the limit by an authenticated user id or the client IP, or list "${value}" in globalIdentifiers if one global limit is intended.`;
}

function fallbackMessage(value: string, why: string[]): string {
  const shown = value === "" ? "an empty string" : `"${value}"`;
  return `The identifier falls back to ${shown} when ${why.join(" and ")}: every such request shares one bucket, so one client can exhaust it for all of them. Refuse the request (400) or key it by another per-client value instead of constant text.`;
}

function proxyMessage(framework: string, host: string, evidence: string): string {
  const fix =
    framework === "Fastify"
      ? "Create the server with fastify({ trustProxy: true }) (or the number of proxies)"
      : 'Call app.set("trust proxy", 1) (the number of proxies in front of the app)';
  return `req.ip is the address of the connection, and this ${framework} app runs on ${host} (${evidence}) behind its proxy without "trust proxy": every client arrives from the proxy's address, so all of them share one bucket. ${fix} so that req.ip is the client's address.`;
}

function keySpaceMessage(here: Spender, other: Spender): string {
  const { prefix, bucket } = here.space;
  const named = prefix === DEFAULT_PREFIX ? `the default prefix "${prefix}"` : `the prefix "${prefix}"`;
  const shape = bucket === "token" ? "are token buckets" : "have windows of the same length";
  return `This limit (${here.space.budget}) and the one at ${other.site.file}:${other.site.range.startLine} (${other.space.budget}) count in the same Redis keys: both limiters use ${named}, ${shape} and key by the same identifier (${here.signature}). Requests to either spend the other's budget, so the tighter limit also blocks legitimate use of the other endpoint. Give each limiter its own prefix.`;
}

/** A limit call with a known key space. */
interface Spender {
  file: string;
  site: Location;
  space: KeySpace;
  signature: string;
}

const IP_FUNCTION = /(^|[^a-z])ip|Ip|IP|address/;

/** The field of the principal an expression reads: `session.user.id` and `userId` both read "id". */
function principalField(text: string): string {
  const last = /([A-Za-z_$][\w$]*)\W*$/.exec(text)?.[1] ?? text;
  return last.replace(/^user_?/i, "").toLowerCase() || "id";
}

/** The kind of per-client value an origin is, "" for text that adds nothing, undefined when unknown. */
function originKind(o: IdPart["origins"][number]): string | undefined {
  if (o.kind === "constant") return `"${o.value}"`;
  if (o.kind === "fallback") return "";
  if (o.kind === "ip") return "{ip}";
  if (o.kind === "principal") return `{user ${principalField(o.node.getText())}}`;
  if (o.kind === "imported" && IP_FUNCTION.test(o.ref.name)) return "{ip}";
  return undefined;
}

/**
 * An identifier as constant text and kinds of per-client value (`login:{ip}`), or undefined when a
 * part may be anything (two such identifiers need not meet) or nothing varies per client.
 */
function idSignature(parts: IdPart[]): string | undefined {
  let out = "";
  let dynamic = false;
  for (const p of parts) {
    const kinds = new Set<string>();
    for (const o of p.origins) {
      const k = originKind(o);
      if (k === undefined) return undefined;
      if (k) kinds.add(k);
    }
    if (kinds.size !== 1) return undefined;
    const k = [...kinds][0]!;
    dynamic ||= k.startsWith("{");
    out += k.startsWith('"') ? k.slice(1, -1) : k;
  }
  return dynamic ? out : undefined;
}

/** The one key space a candidate's limiter writes, or undefined when unknown or several. */
function spaceOf(
  c: Extract<Candidate, { kind: "key-space" }>,
  file: string,
  resolver: ExportResolver,
): KeySpace | undefined {
  let spaces = c.spaces;
  if (!spaces && c.ref) {
    const configs = resolver.limiterConfigs(file, c.ref);
    spaces = Array.isArray(configs) ? configs.map((k) => k.keySpace) : [];
  }
  const first = spaces?.[0];
  if (
    !first ||
    spaces!.some((s) => !s || s.prefix !== first.prefix || s.bucket !== first.bucket || s.budget !== first.budget)
  )
    return undefined;
  return first;
}

/** Each limit call whose key space another call of the same package shares with a different limit. */
function reportSharedKeySpaces(
  ctx: ProjectContext<RlFact>,
  spenders: Spender[],
  report: (loc: Location, message: string, related: Location[]) => void,
): void {
  const groups = new Map<string, Spender[]>();
  for (const s of spenders) {
    const key = [ctx.project.packageOf(s.file)?.dir ?? "", s.space.prefix, s.space.bucket, s.signature].join("\0");
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  for (const group of groups.values())
    for (const s of group) {
      const other = group.find((o) => o.space.budget !== s.space.budget);
      if (other) report(s.site, keySpaceMessage(s, other), [other.site]);
    }
}

const RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };
const weaker = (a: Confidence, b: Confidence): Confidence => (RANK[a] <= RANK[b] ? a : b);

/**
 * One fixed identifier spent by an amount (`limit(id, { rate: n })`) or checked first with
 * `getRemaining(id)`: a deliberate global budget (tokens handed out per hour), not a per-client limit.
 */
function globalBudget(site: Site, value: string): boolean {
  const ts = typescript();
  if (site.via !== "limit") return false;
  const opts = site.call.arguments[1];
  if (opts && ts.isObjectLiteralExpression(opts) && optionOf(opts, "rate")) return true;
  let fn: ts.Node | undefined = site.call.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  let remaining = false;
  if (fn)
    walk(fn, (n) => {
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        n.expression.name.text === "getRemaining" &&
        n.arguments[0] &&
        constString(n.arguments[0]) === value
      )
        remaining = true;
    });
  return remaining;
}

/** What must hold for a finding at `site` to matter: its limiter is one, and its code can run. */
function requirementsAt(model: FileModel, site: Site): { requires: Requirement[]; confidence: Confidence } | undefined {
  const live = model.liveness(site.call);
  if (live === "dead") return undefined;
  const { requires, confidence } = siteRequirements(site, model);
  return { requires: live === "if-imported" ? [...requires, { kind: "imported" }] : requires, confidence };
}

function fileFindings(r: Reporter, global: ReadonlySet<string>): void {
  const { model } = r;
  for (const site of model.sites) {
    const v = site.verdict;
    if (!v || !site.id || !enforced(site)) continue;
    const at = requirementsAt(model, site);
    if (!at) continue;
    const { requires, confidence } = at;
    const call = model.at(site.call, "the rate-limit call using this identifier");
    const signature = v.constant ? undefined : idSignature(model.tracer.parts(site.id));
    if (signature && (site.ref.kind === "local" || site.ref.kind === "import"))
      r.candidates.push({
        kind: "key-space",
        check: CHECK,
        site: model.at(site.call),
        signature,
        ...(site.ref.kind === "local" ? { spaces: site.ref.configs.map((k) => k.keySpace) } : { ref: site.ref.ref }),
        requires,
      });
    if (v.constant) {
      if (!global.has(v.constant.value) && !globalBudget(site, v.constant.value))
        r.finding(CHECK, site.id, constantMessage(v.constant.value), requires, confidence);
      continue;
    }
    for (const f of v.fallbacks ?? []) {
      if (global.has(f.value)) continue;
      r.candidates.push({
        kind: "fallback",
        check: CHECK,
        location: model.at(f.node),
        value: f.value,
        guard: f.guard,
        site: call,
        confidence,
        requires,
      });
    }
    const parts = model.tracer.parts(site.id);
    for (const p of parts)
      for (const o of p.origins)
        if (o.kind === "ip" && o.missing.kind === "request-ip" && !o.missing.via)
          r.candidates.push({
            kind: "proxy-ip",
            check: CHECK,
            location: model.at(o.node),
            site: call,
            confidence,
            requires,
          });
    // Parts produced by an imported function (`getIp(req)`): its file's facts decide.
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
        site: call,
        otherDynamicParts: false,
        requires,
      });
    }
  }
  for (const ic of model.importedCalls) {
    if (model.verdictUse(ic.call, "result").consumption.kind === "discarded") continue;
    if (model.liveness(ic.call) === "dead") continue;
    const args = argSummaries(model, ic.call, false).filter((a) => a.constant !== undefined || a.fallbacks);
    if (args.length) r.candidates.push(helperCall(model, ic, args));
  }
}

/** Reports a fallback when it can apply where `hostFile` runs; imports in its guard are resolved from `refFile`. */
type FallbackReport = (
  loc: Location,
  value: string,
  guard: Guard,
  hostFile: string,
  refFile: string,
  confidence: Confidence,
  related: Location[],
) => void;

function fallbackReporter(
  ctx: ProjectContext<RlFact>,
  resolver: ExportResolver,
  report: (loc: Location, message: string, confidence: Confidence, related: Location[]) => void,
): FallbackReport {
  const global = stringListOption(ctx.options, "globalIdentifiers");
  return (loc, value, guard, hostFile, refFile, confidence, related) => {
    if (global.has(value)) return;
    const nn = (ref: ImportRef) => nonNullish(resolver, refFile, ref);
    const reach = reachability(guard, { project: ctx.project, file: hostFile, nonNullish: nn });
    if (reach.reachable) report(loc, fallbackMessage(value, reach.why), weaker(confidence, reach.confidence), related);
  };
}

/** Files of the package holding `file` that tell the server to trust its proxy. */
function trustsProxy(ctx: ProjectContext<RlFact>, file: string): boolean {
  const dir = ctx.project.packageOf(file)?.dir;
  return ctx.facts.some(({ file: f, fact }) => fact.trustProxy && ctx.project.packageOf(f)?.dir === dir);
}

function proxyFinding(ctx: ProjectContext<RlFact>, file: string): string | undefined {
  const fw = frameworksAt(ctx.project, file);
  if (fw.has("nextjs")) return undefined;
  const framework = fw.has("express") ? "Express" : fw.has("fastify") ? "Fastify" : undefined;
  const host = hostOf(ctx.project, file);
  if (!framework || !host.behindProxy || host.assumed || trustsProxy(ctx, file)) return undefined;
  return proxyMessage(framework, host.name, host.evidence);
}

export default defineDetector<RlFact>({
  id: "shared-bucket",
  ...RATE_LIMIT_DETECTOR,
  checks: {
    [CHECK]:
      "A rate-limit identifier that is constant, falls back to a constant, or is the proxy's address, or limiters with different limits writing the same Redis keys, so requests share one bucket",
  },
  analyzeFile(ctx) {
    const global = stringListOption(ctx.options, "globalIdentifiers");
    analyze(ctx, (r) => fileFindings(r, global));
  },
  analyzeProject(ctx) {
    const global = stringListOption(ctx.options, "globalIdentifiers");
    const spenders: Spender[] = [];
    let reportOnce: ReportOnce | undefined;
    resolveProject(ctx, (c: Candidate, file, resolver, report) => {
      reportOnce = report;
      if (c.kind === "key-space") {
        const space = requirementsHold(ctx, resolver, file, c.requires) ? spaceOf(c, file, resolver) : undefined;
        if (space) spenders.push({ file, site: c.site, space, signature: c.signature });
        return;
      }
      const fallback = fallbackReporter(ctx, resolver, (loc, message, confidence, related) =>
        report(CHECK, loc, message, confidence, related),
      );
      if (c.kind === "fallback") {
        if (requirementsHold(ctx, resolver, file, c.requires))
          fallback(c.location, c.value, c.guard, file, file, c.confidence, [c.site]);
      } else if (c.kind === "proxy-ip") {
        if (!requirementsHold(ctx, resolver, file, c.requires)) return;
        const message = proxyFinding(ctx, file);
        if (message) report(CHECK, c.location, message, weaker(c.confidence, "medium"), [c.site]);
      } else if (c.kind === "origin") {
        if (!requirementsHold(ctx, resolver, file, c.requires)) return;
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || r.value.kind !== "origin") return;
        for (const f of r.value.fallbacks) fallback(f.at, f.value, f.guard, file, r.file, "high", [c.site]);
      } else if (c.kind === "helper-call") {
        const r = resolver.resolve(file, { ...c.ref, call: false });
        if (!r || r === "unresolved" || !helperHolds(resolver, r) || !r.value.idParam) return;
        const at = r.value.idParam;
        const arg = c.args.find((a) => a.index === at.index && a.prop === at.prop);
        if (!arg) return;
        if (arg.constant !== undefined && !global.has(arg.constant))
          report(CHECK, c.site, constantMessage(arg.constant));
        else if (arg.fallbacks)
          arg.fallbacks.forEach((loc, i) =>
            fallback(
              loc,
              arg.fallbackValues?.[i] ?? "",
              arg.fallbackGuards?.[i] ?? { kind: "unknown" },
              file,
              file,
              "high",
              [c.site],
            ),
          );
      }
    });
    const report = reportOnce;
    if (report)
      reportSharedKeySpaces(ctx, spenders, (loc, message, related) => report(CHECK, loc, message, "medium", related));
  },
});
