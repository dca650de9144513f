/**
 * Plumbing shared by the rule's detectors: prefilter keywords, which sites count as certain, and the
 * facts each detector records for its project phase.
 */
import type * as ts from "typescript";
import type { Confidence, Location, Severity } from "../../../engine/types";
import type { FileContext, ProjectContext } from "../../types";
import { ExportResolver, requirementsHold, type Candidate, type Requirement, type RlFact } from "./facts";
import { modelOf, type FileModel, type Site } from "./model";
import { judge } from "./identifiers";
import { typescript as typescriptNs } from "../../../engine/parse";
import { propertyNameText, unwrap as unwrapNode, walk } from "../../ast";
import { constString } from "./values";
import { RATELIMIT_MODULE, type ImportRef } from "./limiters";
import { MAX_REEXPORT_DEPTH } from "../../../engine/exports";

/**
 * What every detector of this rule shares: the rule, what makes a file worth parsing, syntax trees.
 * Tests exhaust limiters on purpose (`for (…) await ratelimit.limit("test")`): not the app's limits.
 */
export const RATE_LIMIT_DETECTOR = {
  rule: "upstash/rate-limit-misconfiguration",
  // Limiters are made where @upstash/ratelimit is imported and used where that module is imported.
  // The modules an identifier, a helper or a limiter comes from are asked for by select.
  keywords: [],
  // Server setup that tells Express or Fastify to trust a proxy says what `req.ip` means there; it
  // rarely imports the limiter, so its words choose it in packages that use @upstash/ratelimit.
  imports: { packages: [RATELIMIT_MODULE], importers: true, dependentKeywords: ["trust proxy", "trustproxy"] },
  fileKinds: ["script", "sfc"],
  needs: { ast: true },
  select: selectReferencedModules,
  skipTests: true,
} as const;

/** What must hold for a finding at this site, and how sure it is; undefined when it cannot hold. */
export function siteRequirements(
  site: Pick<Site, "ref">,
  model: FileModel,
): { requires: Requirement[]; confidence: Confidence } {
  const ref = site.ref;
  if (ref.kind === "local" || ref.kind === "typed") return { requires: [], confidence: "high" };
  if (ref.kind === "import") return { requires: [{ kind: "limiter", ref: ref.ref }], confidence: "high" };
  return { requires: model.index.importsRatelimit ? [] : [{ kind: "dependency" }], confidence: "medium" };
}

/** Whether the site's verdict is acted on (other checks only make sense then). */
export function enforced(site: Site): boolean {
  const k = site.use.consumption.kind;
  if (k === "unread" || k === "falls-through") return false;
  if (k === "discarded") return site.use.consumption.kind === "discarded" && site.use.consumption.counter;
  return true;
}

export interface Reporter {
  ctx: FileContext<RlFact>;
  model: FileModel;
  candidates: Candidate[];
  /** Report now when nothing needs the project phase, otherwise keep it as a candidate. */
  finding(
    check: string,
    node: ts.Node,
    message: string,
    requires: Requirement[],
    confidence?: Confidence,
    related?: Location[],
    severity?: Severity,
  ): void;
}

/** Build the model, let `body` report, then record the facts (exports always, for importers). */
export function analyze(ctx: FileContext<RlFact>, body: (r: Reporter) => void): void {
  const model = modelOf(ctx);
  if (!model) return;
  const candidates: Candidate[] = [];
  const seen = new Set<string>();
  const reporter: Reporter = {
    ctx,
    model,
    candidates,
    finding(check, node, message, requires, confidence = "high", related, severity) {
      const start = node.getStart(model.sf);
      const key = `${check}:${start}`;
      if (seen.has(key)) return;
      seen.add(key);
      if (!requires.length) {
        ctx.report({
          check,
          start,
          end: node.getEnd(),
          message,
          confidence,
          ...(severity ? { severity } : {}),
          ...(related?.length ? { related } : {}),
        });
        return;
      }
      candidates.push({
        kind: "finding",
        check,
        location: model.at(node),
        message,
        confidence,
        related,
        requires,
        ...(severity ? { severity } : {}),
      });
    },
  };
  body(reporter);
  const exports = Object.fromEntries(model.exports);
  const trustProxy = /trust proxy|trustProxy/.test(ctx.text) && trustsProxy(model.sf);
  if (candidates.length || Object.keys(model.table.names).length || model.table.stars.length || trustProxy)
    ctx.fact({ exports, table: model.table, candidates, ...(trustProxy ? { trustProxy } : {}) });
}

/**
 * Whether the file tells the server to trust its proxy's forwarded address: Express
 * `app.set("trust proxy", …)` / `app.enable("trust proxy")`, Fastify `fastify({ trustProxy: … })`
 * (anything but `false`).
 */
function trustsProxy(sf: ts.SourceFile): boolean {
  const ts = typescriptNs();
  let found = false;
  walk(sf, (n) => {
    if (found) return false;
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
      const method = n.expression.name.text;
      const [name, value] = n.arguments;
      if (
        name &&
        constString(name) === "trust proxy" &&
        (method === "enable" || (method === "set" && value && value.kind !== ts.SyntaxKind.FalseKeyword))
      )
        found = true;
    } else if (
      ts.isPropertyAssignment(n) &&
      propertyNameText(n.name) === "trustProxy" &&
      unwrapNode(n.initializer).kind !== ts.SyntaxKind.FalseKeyword
    )
      found = true;
    return undefined;
  });
  return found;
}

/** The project phase shared by every detector of the rule: resolve candidates, then let `extra` handle its own kinds. */
export function resolveProject(
  ctx: ProjectContext<RlFact>,
  extra?: (c: Candidate, file: string, resolver: ExportResolver, report: ReportOnce) => void,
): void {
  const resolver = new ExportResolver(ctx.project, ctx.facts);
  const done = new Set<string>();
  const report: ReportOnce = (check, location, message, confidence = "high", related, severity) => {
    const key = `${check}:${location.file}:${location.range.startLine}:${location.range.startColumn}`;
    if (done.has(key)) return;
    done.add(key);
    ctx.report({
      check,
      location,
      message,
      confidence,
      ...(severity ? { severity } : {}),
      ...(related?.length ? { related } : {}),
    });
  };
  for (const { file, fact } of ctx.facts) {
    for (const c of fact.candidates) {
      if (c.kind === "finding") {
        if (requirementsHold(ctx, resolver, file, c.requires))
          report(c.check, c.location, c.message, c.confidence, c.related, c.severity);
      } else extra?.(c, file, resolver, report);
    }
  }
}

export type ReportOnce = (
  check: string,
  location: Location,
  message: string,
  confidence?: Confidence,
  related?: Location[],
  severity?: Severity,
) => void;

const KEY_PROP = /^(identifier|id|key|ip|user|userId|email|subject|bucket|token|name|prefix)$|(Id|Key|Identifier)$/;

/** Identifier-like arguments of a call that would matter if the callee is a limit helper. */
export function argSummaries(
  model: FileModel,
  call: ts.CallExpression,
  trustedElsewhere: boolean,
): Extract<Candidate, { kind: "helper-call" }>["args"] {
  const ts = typescriptNs();
  const out: Extract<Candidate, { kind: "helper-call" }>["args"] = [];
  const judgeArg = (expr: ts.Expression, index: number, prop?: string) => {
    const v = judge(model.tracer.parts(expr));
    const entry: (typeof out)[number] = { index, prop, trustedElsewhere };
    if (v.constant) entry.constant = v.constant.value;
    if (v.fallbacks) {
      entry.fallbacks = v.fallbacks.map((f) => model.at(f.node));
      entry.fallbackValues = v.fallbacks.map((f) => f.value);
      entry.fallbackGuards = v.fallbacks.map((f) => f.guard);
    }
    if (v.client.length && !v.trusted) entry.client = { source: v.client[0]!.source, detail: v.client[0]!.detail };
    if (entry.constant !== undefined || entry.fallbacks || entry.client) out.push(entry);
  };
  call.arguments.slice(0, 4).forEach((a, i) => {
    const e = unwrapNode(a);
    if (ts.isObjectLiteralExpression(e)) {
      // Options objects: only properties that can name a rate-limit key.
      for (const p of e.properties) {
        if (
          ts.isPropertyAssignment(p) &&
          (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
          KEY_PROP.test(p.name.text)
        )
          judgeArg(p.initializer, i, p.name.text);
        else if (ts.isShorthandPropertyAssignment(p) && KEY_PROP.test(p.name.text)) judgeArg(p.name, i, p.name.text);
      }
    } else if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e)) judgeArg(e, i);
  });
  return out;
}

/** The string in a configurable list option (`globalIdentifiers`), ignoring anything that is not a string. */
export function stringListOption(options: Readonly<Record<string, unknown>>, name: string): Set<string> {
  const v = options[name];
  return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
}

/**
 * A call of an imported function with identifier-like arguments, kept until the project phase knows
 * whether the callee is a limit helper (each check decides which arguments matter to it).
 */
export function helperCall(
  model: FileModel,
  ic: FileModel["importedCalls"][number],
  args: Extract<Candidate, { kind: "helper-call" }>["args"],
): Candidate {
  return {
    kind: "helper-call",
    ref: ic.ref,
    callee: calleeText(ic.call, model.sf),
    site: model.at(ic.call),
    use: {},
    args,
  };
}

/** A callee as written (`ratelimit`, `limits.check`), for messages. */
export function calleeText(call: ts.CallExpression, sf: ts.SourceFile): string {
  const t = call.expression.getText(sf).replace(/\s+/g, "");
  return t.length > 40 ? t.slice(0, 37) + "…" : t;
}

/** Exported values that carry a limiter on: whoever imports them limits requests with it. */
const LIMITING = new Set(["limiter", "map", "factory", "helper", "guard"]);

/**
 * Demand-driven (Detector.select). Limiters and the helpers wrapping them are where the gate already
 * looks (importers of @upstash/ratelimit and of their modules); beyond that the facts say where to look:
 * - the users of a module that exports a limiter or a helper wrapping one (`checkRateLimit` in
 *   lib/helpers): the modules importing it, where its verdict is used, and the barrels between;
 * - the module an identifier's origin (`getIp(req)`) comes from, followed through re-exports and
 *   aliases, so that the project phase knows what it returns.
 * Each round follows one more step of imports.
 */
function selectReferencedModules(ctx: ProjectContext<RlFact>): Set<string> {
  const tables = new Map(ctx.facts.map(({ file, fact }) => [file, fact.table]));
  const values = new Map(ctx.facts.map(({ file, fact }) => [file, fact.exports]));
  const wanted = new Set<string>();
  const chase = (from: string, ref: ImportRef, depth: number): void => {
    if (depth > MAX_REEXPORT_DEPTH || ref.specifier === RATELIMIT_MODULE) return;
    const target = ctx.project.resolve(from, ref.specifier);
    if (!target) return;
    const hit = ctx.project.resolveExport(tables, target, ref.name, { lexical: true });
    if (hit?.kind === "unknown") for (const f of hit.files) wanted.add(f);
    if (hit?.kind !== "found" || hit.name === "*") return;
    const v = values.get(hit.file)?.[hit.name];
    if (v?.kind === "alias") chase(hit.file, v.ref, depth + 1);
  };
  for (const { file, fact } of ctx.facts) {
    for (const c of fact.candidates) {
      if (c.kind === "origin") chase(file, c.ref, 0);
    }
    const names = Object.keys(fact.exports).filter((name) => LIMITING.has(fact.exports[name]!.kind));
    if (names.length) for (const user of ctx.project.graph.usersOf([file], new Set(names))) wanted.add(user);
  }
  return wanted;
}
