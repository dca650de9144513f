/**
 * Handlers that receive QStash messages and run without a sound signature check. Per file: functions
 * lowered to a verification IR, exports and string constants, publishers with their target URLs, and
 * handlers (file routes, router registrations, Workers fetch). Per project: publisher URLs are resolved
 * across modules to the routes they target, helpers in other modules (through tsconfig aliases) are
 * judged on whether they verify, and every handler and verification helper is walked path by path.
 *
 * A handler receives QStash messages when a publisher in the repository targets it (high confidence),
 * when it reads Upstash-* headers or imports the receiving side of the SDK (medium), or only when its
 * route is named for a queue in a project that depends on QStash (low).
 */
import type { Confidence, Location } from "../../engine/types";
import { MemoKey, type ProjectFacts } from "../../engine/project";
import { MAX_REEXPORT_DEPTH, type ExportTable } from "../../engine/exports";
import { defineDetector, type ProjectContext } from "../types";
import { dependsOn } from "../../engine/gate";
import {
  extract,
  type AppCallFact,
  type CallArgsFact,
  type Fact,
  type HandlerFact,
  type ModuleFact,
  type PublishFact,
} from "./analysis/extract";
import type { CallRef, Cond, FnIR, HExpr, WrapCallee } from "./analysis/ir";
import {
  Interpreter,
  skippingEnvironment,
  type Issue,
  type RunResult,
  type Summary,
  type Unverified,
} from "./analysis/interpret";
import { QSTASH_MODULE, QSTASH_PACKAGES, WORKFLOW_MODULE } from "./analysis/vocabulary";
import { SERVER_MODULES } from "./analysis/registrations";
import { ROUTE_FILE, namesQueue, routeMatches, routeOfFile, specificEnough } from "./analysis/routes";
import { normalise, select, urlHost, urlPath, type Part, type Value } from "./analysis/url-value";

const CHECKS = {
  "unverified-handler": "A QStash message handler with no signature verification before its side effects",
  "verify-not-awaited":
    "Receiver.verify() (or a verifying helper) called without await: the Promise is dropped or used as a boolean",
  "verify-optional": "Verification only runs when the signature header is present, or only on some methods or branches",
  "verify-error-swallowed":
    "A catch (or .catch) around verification that neither returns nor throws, so failures fall through",
  "verify-skipped-by-environment":
    "Verification disabled by NODE_ENV, VERCEL, a custom flag or a missing environment variable",
} as const;

type Verdict =
  | { k: "verified" }
  | { k: "unknown" }
  /** `wrapped`: the handler sits inside a wrapper that does not verify (often session auth). */
  | { k: "unverified"; first?: Unverified; wrapped?: boolean }
  | { k: "ordering"; first: Unverified }
  | { k: "serve-off"; at: Location };

interface Target {
  at: Location;
  path: string;
  wildcard: boolean;
}

class Project {
  readonly modules = new Map<string, ModuleFact>();
  readonly issues = new Map<string, Issue>();
  /** Modules a lookup needed but that have no facts yet: what `select` asks the engine for. */
  readonly missing = new Set<string>();
  /**
   * Modules a call's lookup needed (a callee's summary): asked for only where they may check a
   * credential (see HINTS); a callee that does not gives no summary, parsed or not.
   */
  readonly missingCallees = new Set<string>();
  private lookingUpCallee = false;
  private readonly runs = new Map<FnIR, RunResult>();
  private readonly helperRuns = new Map<FnIR, RunResult>();
  private readonly summaries = new Map<string, Summary | null>();

  constructor(
    private readonly project: ProjectFacts,
    /** The project's own verification helpers (option verifyFunctions): trusted to verify and reject. */
    private readonly verifyFunctions: ReadonlySet<string> = new Set(),
  ) {}

  /** A file's function or wrapper definition, following imports and re-exports. */
  lookup(
    file: string,
    ref: Extract<CallRef, { k: "local" } | { k: "import" }>,
  ): { file: string; name: string } | undefined {
    if (ref.k === "local") return this.modules.has(file) ? { file, name: ref.name } : undefined;
    const target = this.project.resolve(file, ref.spec);
    if (!target) return undefined;
    // A module whose text shows it does not export the name is not worth asking for (lexical).
    const hit = this.project.resolveExport(this.tables, target, ref.name, { lexical: true });
    if (hit?.kind === "unknown")
      for (const f of hit.files) (this.lookingUpCallee ? this.missingCallees : this.missing).add(f);
    if (hit?.kind !== "found") return undefined;
    return { file: hit.file, name: hit.local ?? hit.name };
  }

  /** The export tables of the modules with facts (built once, when every module is in). */
  private get tables(): ReadonlyMap<string, ExportTable> {
    return (this.tableMap ??= new Map([...this.modules].map(([file, m]) => [file, m.exports])));
  }
  private tableMap: Map<string, ExportTable> | undefined;

  run(file: string, fn: FnIR, asHelper: boolean): RunResult {
    const memo = asHelper ? this.helperRuns : this.runs;
    const hit = memo.get(fn);
    if (hit) return hit;
    const r = new Interpreter((ref) => this.summary(file, ref)).run(fn, asHelper);
    for (const i of r.issues)
      this.issues.set(`${i.check}\0${i.at.file}\0${i.at.range.startLine}:${i.at.range.startColumn}`, i);
    memo.set(fn, r);
    return r;
  }

  /** How a called function verifies, if it does. */
  summary(file: string, ref: CallRef): Summary | undefined {
    if (ref.k === "receiver") return { kind: "throws", async: true, name: "receiver.verify", qstash: true };
    if (ref.k === "jwt")
      return { kind: "throws", async: !ref.sync, name: ref.sync ? "jwt.verify" : "jwtVerify", qstash: true };
    if (ref.k === "sdk") return { kind: "throws", async: false, name: "verifySignature", qstash: true };
    if (ref.k === "sdk-misuse") return { kind: "throws", async: false, name: ref.name, qstash: true, misuse: true };
    if (this.verifyFunctions.has(ref.name)) return { kind: "throws", async: false, name: ref.name, qstash: true };
    this.lookingUpCallee = true;
    const hit = this.lookup(file, ref);
    this.lookingUpCallee = false;
    if (!hit) return undefined;
    const key = `${hit.file}#${hit.name}`;
    if (this.summaries.has(key)) return this.summaries.get(key) ?? undefined;
    this.summaries.set(key, null); // cycle guard
    const m = this.modules.get(hit.file)!;
    const fn = m.fns[hit.name];
    let s: Summary | undefined;
    if (fn && !fn.inner) {
      const r = this.run(hit.file, fn, true);
      // A helper that checks another credential (a cron secret, an API key) gates the request too.
      if (r.attempted || r.authenticated)
        s = { kind: r.failsWithValue ? "value" : "throws", async: fn.async, name: ref.name, qstash: r.attempted };
    }
    this.summaries.set(key, s ?? null);
    return s;
  }

  /** Does a wrapper (a function taking the handler) verify before calling it? */
  private wrapperVerifies(file: string, name: string): boolean | undefined {
    const m = this.modules.get(file)!;
    const fn = m.fns[name];
    if (fn) {
      const r = this.run(file, fn.inner ?? fn, true);
      if (r.attempted) return true;
      if (fn.inner) return this.run(file, fn, true).attempted;
      return false;
    }
    const def = m.defs[name];
    if (def) return this.verdict(file, def).k === "verified" ? true : undefined;
    return undefined;
  }

  verdict(file: string, h: HExpr, depth = 0): Verdict {
    if (depth > 8) return { k: "unknown" };
    switch (h.t) {
      case "unknown":
        return { k: "unknown" };
      case "fn": {
        const r = this.run(file, h.fn, false);
        // Another credential (an internal API key, a cron secret) that guards every effect is fine.
        if (!r.attempted && r.authenticated && !r.firstUnverified) return { k: "verified" };
        if (!r.attempted) return { k: "unverified", ...(r.firstUnverified ? { first: r.firstUnverified } : {}) };
        if (r.firstUnverified?.kind === "ordering") return { k: "ordering", first: r.firstUnverified };
        return { k: "verified" };
      }
      case "ref":
        return this.refVerdict(file, h.ref, depth);
      case "choice":
        return this.choiceVerdict(file, h, depth);
      case "wrap":
        return this.wrapVerdict(file, h, depth);
    }
  }

  private refVerdict(file: string, ref: Extract<HExpr, { t: "ref" }>["ref"], depth: number): Verdict {
    if (ref.k === "import" && (QSTASH_MODULE.test(ref.spec) || WORKFLOW_MODULE.test(ref.spec))) return { k: "unknown" };
    const hit = this.lookup(file, ref);
    if (!hit) return { k: "unknown" };
    const m = this.modules.get(hit.file)!;
    const fn = m.fns[hit.name];
    if (fn) return this.verdict(hit.file, { t: "fn", fn }, depth + 1);
    const def = m.defs[hit.name];
    return def ? this.verdict(hit.file, def, depth + 1) : { k: "unknown" };
  }

  /** `cond ? verified : bare`: verified where it matters, and the condition is the finding. */
  private choiceVerdict(file: string, h: Extract<HExpr, { t: "choice" }>, depth: number): Verdict {
    const a = this.verdict(file, h.a, depth + 1);
    const b = this.verdict(file, h.b, depth + 1);
    if (a.k === "verified" && b.k === "verified") return a;
    const weak = (a.k === "verified" && b.k === "unverified") || (b.k === "verified" && a.k === "unverified");
    if (weak) {
      // `a` is the handler exported when the condition holds.
      this.addIssue(choiceIssue(h.cond, a.k === "verified" ? "fails" : "holds"));
      return { k: "verified" };
    }
    if (a.k === "unverified") return a;
    if (b.k === "unverified") return b;
    return a.k !== "unknown" ? a : b;
  }

  private wrapVerdict(file: string, h: Extract<HExpr, { t: "wrap" }>, depth: number): Verdict {
    const c = h.callee;
    if (c.k === "sdk-verify") return { k: "verified" };
    if (c.k === "serve") {
      if (c.receiver === "default") return { k: "verified" };
      if (c.receiver === "none") return { k: "serve-off", at: c.at };
      this.addIssue(condIssue(c.receiver, c.at));
      return { k: "verified" };
    }
    if (this.wrapperIsVerifier(file, c)) return { k: "verified" };
    const wrapped = !(c.k === "unknown" && /^(defineEventHandler|eventHandler|defineHandler)$/.test(c.name));
    for (const a of h.args) {
      const v = this.verdict(file, a, depth + 1);
      if (v.k === "unverified" && wrapped) return { ...v, wrapped: true };
      if (v.k !== "unknown") return v;
    }
    return { k: "unknown" };
  }

  /** Whether a wrapper (`withQstash(handler)`) is the SDK's verifier or a helper that verifies. */
  private wrapperIsVerifier(file: string, c: Exclude<WrapCallee, { k: "sdk-verify" | "serve" }>): boolean {
    if (c.k === "unknown") return /^verifySignature|^withQstash|^withQStash/.test(c.name);
    if (c.k === "import" && (QSTASH_MODULE.test(c.spec) || WORKFLOW_MODULE.test(c.spec))) return true;
    const hit = this.lookup(
      file,
      c.k === "local" ? { k: "local", name: c.name } : { k: "import", spec: c.spec, name: c.name },
    );
    if (hit) return this.wrapperVerifies(hit.file, hit.name) === true;
    return c.k === "import" && /^verifySignature/.test(c.name);
  }

  private addIssue(i: Issue): void {
    this.issues.set(`${i.check}\0${i.at.file}\0${i.at.range.startLine}:${i.at.range.startColumn}`, i);
  }

  /** Resolve a value's imported constants to literal parts. */
  resolveParts(file: string, parts: readonly Part[], args: Array<Part[] | null> | undefined, depth = 0): Part[] {
    const out: Part[] = [];
    for (const p of parts) {
      if (typeof p === "string" || "u" in p) out.push(p);
      else if ("param" in p) out.push(...(args?.[p.param] ?? [{ u: 1 as const }]));
      else {
        const v = depth > MAX_REEXPORT_DEPTH ? undefined : this.constValue(file, p.ref.spec, p.ref.path);
        out.push(...(v ? this.resolveParts(v.file, v.parts, undefined, depth + 1) : [{ u: 1 as const }]));
      }
    }
    return normalise(out);
  }

  private constValue(file: string, spec: string, path: string[]): { file: string; parts: Part[] } | undefined {
    const hit = this.lookup(file, { k: "import", spec, name: path[0]! });
    if (!hit) return undefined;
    const v = this.modules.get(hit.file)?.consts[hit.name];
    if (!v) return undefined;
    const sel: Value = select(v, path.slice(1));
    return "s" in sel ? { file: hit.file, parts: sel.s } : undefined;
  }
}

/** The exported handler is the verifying one only when a condition holds. */
function choiceIssue(cond: Cond, skippedWhen: "holds" | "fails"): Issue {
  const env = cond.cat === "env";
  const text = cond.text.replace(/\s+/g, " ").slice(0, 80);
  const when = env
    ? `when ${skippingEnvironment(cond, skippedWhen)} the unwrapped handler is exported and accepts forged messages (a self-hosted or preview deployment, a missing variable)`
    : `when \`${text}\` is ${skippedWhen === "holds" ? "true" : "false"} the unwrapped handler is exported and accepts forged messages`;
  return {
    check: env ? "verify-skipped-by-environment" : "verify-optional",
    at: cond.at,
    confidence: env ? "medium" : "high",
    related: [],
    message: `The exported handler verifies QStash signatures only on some deployments: ${when}. Export the verifying handler unconditionally and fail loudly when the signing keys are not configured.`,
  };
}

function condIssue(cond: Cond, at: Location): Issue {
  const env = cond.cat === "env";
  return {
    check: env ? "verify-skipped-by-environment" : "verify-optional",
    at: cond.at,
    confidence: "medium",
    related: [at],
    message: `serve() only gets a receiver when \`${cond.text.replace(/\s+/g, " ").slice(0, 80)}\`; otherwise the workflow endpoint accepts unsigned requests and runs its steps for anyone. Pass a Receiver (or leave the option out so the signing keys from the environment are used) on every deployment.`,
  };
}

/**
 * Words without which a module neither verifies a signature nor checks another credential (what the
 * lowering looks for: secrets, tokens, signature headers, comparisons, auth calls, QStash).
 */
const HINTS = [
  "secret",
  "apikey",
  "api_key",
  "api-key",
  "token",
  "password",
  "bearer",
  "auth",
  "hmac",
  "digest",
  "expected",
  "signature",
  "signing",
  "timingsafe",
  "safecompare",
  "securecompare",
  "constanttime",
  "verif",
  "valid",
  "cron",
  "qstash",
  "upstash",
];

export default defineDetector<Fact>({
  id: "unverified-handler",
  rule: "upstash/qstash-webhook-spoofing",
  checks: CHECKS,
  // Parsed in the main pass: files that import QStash or Workflow (publishers, receivers, serve), the
  // modules importing those (publish helpers, verify wrappers), files naming the QStash signing keys or
  // Upstash-* headers (verification by hand), and the project's own verify helpers (configuration).
  // The routes publishers target, queue-named routes, router files and the modules analysed code calls
  // are asked for by select.
  keywords: ["qstash_", "upstash-"],
  imports: { packages: QSTASH_PACKAGES, importers: true },
  optionKeywords: (options) => verifyFunctionNames(options).map((n) => n.toLowerCase()),
  hints: HINTS,
  // Middleware may verify for the routes it covers; it is one small file per app.
  paths: [/(^|\/)(src\/)?(middleware|proxy)\.[cm]?[jt]s$/],
  // Route files that name nothing of QStash are read only when a publisher targets them (select), or
  // for free when another rule parses them anyway.
  piggyback: [ROUTE_FILE],
  fileKinds: ["script"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    if (!sf || !ctx.ts) return;
    const { facts, fallbacks } = extract(ctx.ts, sf, ctx.path, ctx.location);
    for (const f of facts) ctx.fact(f);
    for (const k of fallbacks) {
      ctx.report({
        check: "verify-skipped-by-environment",
        start: k.start,
        end: k.end,
        confidence: "medium",
        message: `When ${k.name} is missing from the environment, verification falls back to a signing key written in the source ("${k.value.length > 12 ? k.value.slice(0, 12) + "…" : k.value}"): anyone who reads the code can sign messages that deployment accepts. Fail (throw or return 500) when the signing keys are not configured instead of substituting a value.`,
      });
    }
  },
  select(ctx) {
    const { p, handlers, publishes, calls, middlewares, appCalls } = gather(ctx);
    // Run the analysis on what is known: every module a lookup needed (a helper, a wrapper, a handler a
    // router registers, a URL constant) and lacked is asked for — for the handlers that could be
    // reported (targeted, reading QStash headers, importing the receiving side, queue-named), not for
    // every route of the app: their callees' verdicts would change nothing.
    const targets = resolvePublishers(p, publishes, calls);
    const publisherFiles = new Set(publishes.map((x) => x.file));
    const nameOnly = new Set<string>();
    for (const { file, fact } of handlers) {
      const sig = signals(ctx.project, file, fact, targets, { publishers: publisherFiles, appCalls }, false);
      if (!sig) continue;
      handlerVerdict(p, file, fact);
      if (sig.confidence === "low") nameOnly.add(file);
    }
    for (const mw of middlewares) p.verdict(mw.file, mw.h);
    const wanted = new Set(p.missing);
    // A route judged on its name alone is no consumer when the app's own pages call it: read them.
    for (const file of appCallers(ctx.project, nameOnly)) wanted.add(file);
    for (const file of p.missingCallees) if (mayCheckCredentials(ctx.project, file)) wanted.add(file);
    // Routes a publisher targets, and queue-named routes (judged at low confidence).
    const routeTargets = [...new Set(targets.filter((t) => !t.path.startsWith("\0")).map((t) => t.path))].sort();
    for (const file of targetedRoutes(ctx.project, routeTargets)) wanted.add(file);
    // Router files (Express, Hono, …) where QStash is used: their registrations are the handlers.
    for (const file of routerFiles(ctx.project)) wanted.add(file);
    // A publisher that targets a *.workers.dev host: the Workers' entry modules.
    if (targets.some((t) => t.path.startsWith("\0worker:"))) {
      for (const file of ctx.project.files.keys())
        if (/(^|\/)(src\/)?(index|worker)\.[cm]?[jt]s$/.test(file) && isWorkerPackage(ctx.project, file))
          wanted.add(file);
    }
    return wanted;
  },
  analyzeProject(ctx) {
    const { p, handlers, publishes, calls, middlewares, appCalls } = gather(ctx);
    const targets = resolvePublishers(p, publishes, calls);
    const publisherFiles = new Set(publishes.map((x) => x.file));

    // Weaknesses in any verification code, handler or not.
    for (const [file, m] of p.modules) {
      for (const fn of Object.values(m.fns)) {
        p.run(file, fn, false);
        if (fn.inner) p.run(file, fn.inner, false);
      }
    }

    const reportedServe = new Set<string>();
    const verifyingMiddleware = middlewares.filter((mw) => p.verdict(mw.file, mw.h).k === "verified");
    const verdicts = handlers.map(({ file, fact }) => handlerVerdict(p, file, fact));
    // Files with a verified QStash handler: their other exports (a status GET) are not receivers just
    // because the module imports the SDK's receiving side.
    const filesWithVerified = new Set(handlers.filter((_, i) => verdicts[i]!.k === "verified").map((h) => h.file));
    const routers = routerTallies(p, handlers, verdicts);
    for (const [i, { file, fact }] of handlers.entries()) {
      const verdict = verdicts[i]!;
      if (verdict.k === "verified" || verdict.k === "unknown") continue;
      if (
        fact.pattern &&
        fact.framework !== "router" &&
        verifyingMiddleware.some((mw) => coversRoute(mw, file, fact.pattern!))
      )
        continue;
      const sig =
        signals(
          ctx.project,
          file,
          { ...fact, receivingImport: fact.receivingImport && !filesWithVerified.has(file) },
          targets,
          { publishers: publisherFiles, appCalls },
          verdict.k === "unverified" && Boolean(verdict.wrapped),
        ) ?? siblingSignal(file, fact, routers);
      report(ctx, fact, verdict, sig, reportedServe);
    }
    for (const i of p.issues.values()) {
      ctx.report({
        check: i.check,
        location: i.at,
        message: i.message,
        confidence: i.confidence,
        ...(i.related.length ? { related: i.related } : {}),
      });
    }
  },
});

/** The project model from this detector's facts so far. */
function gather(ctx: ProjectContext<Fact>) {
  const p = new Project(ctx.project, new Set(verifyFunctionNames(ctx.options)));
  const handlers: Array<{ file: string; fact: HandlerFact }> = [];
  const publishes: Array<{ file: string; fact: PublishFact }> = [];
  const calls: Array<{ file: string; fact: CallArgsFact }> = [];
  const middlewares: Array<{ file: string; h: HExpr; matchers: string[] | null }> = [];
  const appCalls: AppCallFact[] = [];
  for (const { file, fact } of ctx.facts) {
    if (fact.kind === "module") p.modules.set(file, fact);
    else if (fact.kind === "handler") handlers.push({ file, fact });
    else if (fact.kind === "publish") publishes.push({ file, fact });
    else if (fact.kind === "call-args") calls.push({ file, fact });
    else if (fact.kind === "middleware") middlewares.push({ file, h: fact.h, matchers: fact.matchers });
    else if (fact.kind === "app-call") appCalls.push(fact);
  }
  return { p, handlers, publishes, calls, middlewares, appCalls };
}

/** UI code that may call a route of its own package: client components and page modules. */
const UI_FILE = /(^|\/)(app\/(.*\/)?page|pages\/(?!api\/).*)\.[cm]?[jt]sx?$|\.[jt]sx$/;

/**
 * UI scripts read to look for the app's own calls, at most: parsing every page of a large app for a
 * low-confidence, name-only finding cost dub-sized repositories three times the parsing (568 → 1,992
 * files); beyond this the route stays reported at low confidence.
 */
const MAX_UI_CALLERS = 64;

/** The UI scripts in the packages of `routes` (only asked for when a route is judged on its name). */
function appCallers(project: ProjectFacts, routes: ReadonlySet<string>): string[] {
  if (!routes.size) return [];
  const packages = new Set([...routes].map((r) => project.packageOf(r)));
  const out: string[] = [];
  for (const [file, summary] of project.files)
    if (
      summary.kind === "script" &&
      !routes.has(file) &&
      packages.has(project.packageOf(file)) &&
      (summary.directives?.includes("use client") || UI_FILE.test(file))
    )
      out.push(file);
  return out.length <= MAX_UI_CALLERS ? out : [];
}

const ROUTE_FILES = new MemoKey<Array<{ file: string; pattern: string }>>("file-routed handler modules");

/** Every file-routed handler module of the tree with its URL pattern (computed once per scan). */
function routeFiles(project: ProjectFacts): Array<{ file: string; pattern: string }> {
  return project.memo(ROUTE_FILES, () => {
    const list: Array<{ file: string; pattern: string }> = [];
    for (const file of project.files.keys()) {
      const route = ROUTE_FILE.test(file) ? routeOfFile(file) : undefined;
      if (route) list.push({ file, pattern: route.pattern });
    }
    return list;
  });
}

/** A module may check credentials when its text has a hint, or a module it imports does. */
function mayCheckCredentials(project: ProjectFacts, file: string): boolean {
  const hinted = (f: string) => project.files.get(f)?.hints?.includes("unverified-handler") ?? false;
  return hinted(file) || project.graph.imports(file).some((e) => hinted(e.to));
}

/** The project's own verify helpers named in the configuration (`verifyFunctions`). */
function verifyFunctionNames(options: Readonly<Record<string, unknown>>): string[] {
  const names = options.verifyFunctions;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

/** Files importing a server framework in packages that use QStash (computed once per scan). */
function routerFiles(project: ProjectFacts): string[] {
  return project.memo(ROUTERS, () =>
    [...project.files]
      .filter(
        ([file, summary]) =>
          summary.imports?.some((ref) => !ref.typeOnly && SERVER_MODULES.test(ref.specifier)) &&
          dependsOn(project, file, QSTASH_PACKAGES),
      )
      .map(([file]) => file),
  );
}
const ROUTERS = new MemoKey<string[]>("router files where QStash is used");

const TARGETED = new MemoKey<{ last?: { key: string; files: string[] } }>("routes publishers target");

/** Route files that publishers target (or that are named like queue consumers); rounds reuse it. */
function targetedRoutes(project: ProjectFacts, targets: readonly string[]): string[] {
  const key = targets.join("\n");
  const memo = project.memo(TARGETED, () => ({}));
  if (memo.last?.key === key) return memo.last.files;
  const files = routeFiles(project)
    .filter(
      ({ pattern }) =>
        namesQueue(pattern) || targets.some((t) => routeMatches(pattern, t) || routeMatches(pattern, t, true)),
    )
    .map((r) => r.file);
  memo.last = { key, files };
  return files;
}

/** Whether a file belongs to a Cloudflare Workers package (wrangler dependency or config). */
function isWorkerPackage(project: ProjectFacts, file: string): boolean {
  const pkg = project.packageOf(file);
  if (pkg?.dependencies.has("wrangler") || pkg?.dependencies.has("@cloudflare/workers-types")) return true;
  const dir = pkg?.dir ?? "";
  return [...project.files.keys()].some(
    (f) => f === (dir ? `${dir}/` : "") + "wrangler.toml" || f === (dir ? `${dir}/` : "") + "wrangler.jsonc",
  );
}

function handlerVerdict(p: Project, file: string, fact: HandlerFact): Verdict {
  for (const mw of fact.mws) {
    const v = p.verdict(file, mw);
    if (v.k === "verified") return v;
  }
  return p.verdict(file, fact.h);
}

/** The name of the route middleware that verifies QStash signatures for a registration, if any. */
function verifyingMiddleware(p: Project, file: string, fact: HandlerFact): string | undefined {
  const i = fact.mws.findIndex((mw) => p.verdict(file, mw).k === "verified");
  if (i < 0) return undefined;
  const mw = fact.mws[i]!;
  return mw.t === "ref" ? mw.ref.name : mw.t === "wrap" && "name" in mw.callee ? mw.callee.name : "a middleware";
}

interface RouterTally {
  /** POST routes verified by route middleware: where, and with what. */
  verified: Array<{ line: number; mw: string }>;
  /** POST routes with no verification. */
  unverified: number;
}

/** Per router object in a file (`file\0router`), its POST routes verified by middleware and not. */
function routerTallies(
  p: Project,
  handlers: ReadonlyArray<{ file: string; fact: HandlerFact }>,
  verdicts: readonly Verdict[],
): Map<string, RouterTally> {
  const out = new Map<string, RouterTally>();
  for (const [i, { file, fact }] of handlers.entries()) {
    if (!fact.route || !(fact.methods === "*" || fact.methods.includes("POST"))) continue;
    const key = `${file}\0${fact.route.router}`;
    const t = out.get(key) ?? { verified: [], unverified: 0 };
    out.set(key, t);
    const mw = verdicts[i]!.k === "verified" ? verifyingMiddleware(p, file, fact) : undefined;
    if (mw) t.verified.push({ line: fact.at.range.startLine, mw });
    else if (verdicts[i]!.k !== "verified") t.unverified++;
  }
  return out;
}

/**
 * A POST registration on a router whose other POST routes all verify through middleware: the router
 * serves QStash, and this route was left out (`tasks.post("/a", verifyQstash, a)`, then
 * `tasks.post("/b", b)`). Needs two verified siblings, and none of the router's POST routes in the file
 * without verification besides this one, so a mixed router (a user API beside one QStash route) stays
 * silent; nor is a route with its own credential middleware or a user session counted.
 */
function siblingSignal(
  file: string,
  fact: HandlerFact,
  routers: ReadonlyMap<string, RouterTally>,
): Signals | undefined {
  const route = fact.route;
  const post = fact.methods === "*" || fact.methods.includes("POST");
  if (!route || !post || route.otherMws.length || fact.userAuth || fact.qstashClient) return undefined;
  const t = routers.get(`${file}\0${route.router}`);
  if (!t || t.verified.length < 2 || t.unverified !== 1) return undefined;
  const names = [...new Set(t.verified.map((v) => v.mw))].slice(0, 2).join(", ");
  const lines = t.verified
    .map((v) => v.line)
    .slice(0, 3)
    .join(", ");
  return {
    targetedBy: [],
    confidence: "medium",
    why: `the other POST routes on \`${route.router}\` (lines ${lines}) verify QStash signatures with ${names} and this one has no such middleware`,
  };
}

/** Every publisher's target path, with the places it is published from. */
function resolvePublishers(
  p: Project,
  publishes: Array<{ file: string; fact: PublishFact }>,
  calls: Array<{ file: string; fact: CallArgsFact }>,
): Array<Target & { method: string }> {
  const out: Array<Target & { method: string }> = [];
  for (const { file, fact } of publishes) {
    const variants: Array<Array<Part[] | null> | undefined> = [undefined];
    const usesParams = "s" in fact.value && fact.value.s.some((x) => typeof x === "object" && "param" in x);
    if (usesParams && fact.fn) {
      for (const c of calls) {
        const hit = p.lookup(c.file, c.fact.callee);
        if (!hit || hit.file !== file || hit.name !== fact.fn) continue;
        variants.push(c.fact.args.map((a) => (a && "s" in a ? p.resolveParts(c.file, a.s, undefined) : null)));
      }
    }
    for (const args of variants) {
      if (!("s" in fact.value)) continue;
      const parts = p.resolveParts(file, fact.value.s, args);
      const path = urlPath(parts);
      const host = urlHost(parts);
      const method = fact.method ?? "POST";
      if (path && specificEnough(path)) out.push({ at: fact.at, path, wildcard: path.includes("*"), method });
      if (host && /\.workers\.dev$/.test(host))
        out.push({ at: fact.at, path: "\0worker:" + host, wildcard: false, method });
    }
  }
  return out;
}

interface Signals {
  targetedBy: Target[];
  confidence: Confidence;
  why: string;
}

function signals(
  project: ProjectFacts,
  file: string,
  fact: HandlerFact,
  targets: Array<Target & { method: string }>,
  app: { publishers: ReadonlySet<string>; appCalls: readonly AppCallFact[] },
  wrapped: boolean,
): Signals | undefined {
  const methodOk = (m: string) => fact.methods === "*" || m === "*" || fact.methods.includes(m);
  const targetedBy =
    fact.framework === "worker"
      ? targets.filter((t) => t.path.startsWith("\0worker:") && methodOk(t.method))
      : fact.pattern
        ? targets.filter(
            (t) => !t.path.startsWith("\0") && methodOk(t.method) && routeMatches(fact.pattern!, t.path, fact.suffix),
          )
        : [];
  if (targetedBy.length) {
    // A wildcard in the publisher's path, or a router path matched only by its tail, is a guess.
    const exact = targetedBy.some(
      (t) => !t.wildcard && (!fact.suffix || fact.framework === "worker" || routeMatches(fact.pattern!, t.path)),
    );
    return {
      targetedBy,
      confidence: exact ? "high" : "medium",
      why: `QStash publishes to ${fact.framework === "worker" ? "this Worker" : targetedBy[0]!.path} (${targetedBy.length === 1 ? "see the related location" : `${targetedBy.length} publishers`})`,
    };
  }
  if (fact.reads.includes("upstash-signature"))
    return { targetedBy: [], confidence: "high", why: "it reads the Upstash-Signature header" };
  if (fact.reads.length)
    return { targetedBy: [], confidence: "medium", why: `it reads QStash headers (${fact.reads.join(", ")})` };
  // QStash delivers with POST unless a publisher asks for another method (and then it targets the
  // route, above): a GET beside a receiver in the same module is a status page, not a consumer.
  const post = fact.methods === "*" || fact.methods.includes("POST");
  if (fact.receivingImport && post)
    return { targetedBy: [], confidence: "medium", why: "its module imports the receiving side of the QStash SDK" };
  return post ? nameOnlySignal(project, file, fact, app, wrapped) : undefined;
}

/**
 * Only the route's name says "queue consumer", in a package that depends on QStash. A queue-named route
 * that publishes or manages messages (a QStash Client: cancel, schedule) is the producer (the UI's
 * "start job" endpoint), not the consumer; so is one the app's own code calls (`fetch("/api/jobs/cancel",
 * { method: "POST" })` from a page). Nor is one wrapped in the app's own middleware (withWorkspace,
 * withSession) or one that looks up a user: those authenticate users.
 */
function nameOnlySignal(
  project: ProjectFacts,
  file: string,
  fact: HandlerFact,
  app: { publishers: ReadonlySet<string>; appCalls: readonly AppCallFact[] },
  wrapped: boolean,
): Signals | undefined {
  const pattern = fact.pattern;
  if (!pattern || !namesQueue(pattern) || wrapped || fact.userAuth || fact.qstashClient) return undefined;
  if (app.publishers.has(file)) return undefined;
  const pkg = project.packageOf(file);
  const root = project.packages.find((x) => x.dir === "");
  const dependsOnQstash = [pkg, root].some(
    (x) => x && (x.dependencies.has("@upstash/qstash") || x.dependencies.has("@upstash/workflow")),
  );
  if (!dependsOnQstash) return undefined;
  const methodOk = (m: string) => fact.methods === "*" || m === "*" || fact.methods.includes(m);
  if (app.appCalls.some((c) => methodOk(c.method) && routeMatches(pattern, c.path, fact.suffix))) return undefined;
  return {
    targetedBy: [],
    confidence: "low",
    why: `its route ${pattern} is named like a queue consumer in a project that uses QStash`,
  };
}

/** The fix in the handler's own framework's words. */
function fixFor(fact: HandlerFact): string {
  const manual =
    "`await receiver.verify({ signature, body: rawBody })` (a @upstash/qstash Receiver) on the raw body before any work and return 401 when it throws";
  switch (fact.framework) {
    case "next-app":
      return `Wrap it with verifySignatureAppRouter from @upstash/qstash/nextjs, or call ${manual}.`;
    case "pages":
      return `Wrap it with verifySignature from @upstash/qstash/nextjs (and export \`config = { api: { bodyParser: false } }\`), or call ${manual}.`;
    case "sveltekit":
      return `Wrap it with verifySignatureSvelte from @upstash/qstash/svelte, or call ${manual}.`;
    case "nuxt":
      return `Wrap it with verifySignatureNuxt from @upstash/qstash/nuxt, or call ${manual}.`;
    case "solid":
      return `Wrap it with verifySignatureSolidjs from @upstash/qstash/solidjs, or call ${manual}.`;
    default:
      return `Call ${manual}; for Express read the body with express.raw() or express.text() on this route.`;
  }
}

/** "line 7", or "src/handlers/job.ts:7" when the place is in another file. */
function place(at: Location, from: Location): string {
  return at.file === from.file ? `line ${at.range.startLine}` : `${at.file}:${at.range.startLine}`;
}

function report(
  ctx: ProjectContext<Fact>,
  fact: HandlerFact,
  verdict: Exclude<Verdict, { k: "verified" } | { k: "unknown" }>,
  s: Signals | undefined,
  reportedServe: Set<string>,
): void {
  const where =
    fact.framework === "router" || !fact.pattern
      ? fact.name + (fact.pattern ? "" : " handler")
      : `${fact.name} handler of ${fact.pattern}`;
  const related = s?.targetedBy.slice(0, 5).map((t) => t.at) ?? [];
  if (verdict.k === "ordering") {
    ctx.report({
      check: "unverified-handler",
      location: fact.at,
      confidence: "high",
      message: `${where} runs ${verdict.first.what} (${place(verdict.first.at, fact.at)}) before it verifies the Upstash-Signature header: a forged QStash message has done its work by the time verification fails. Verify first, before reading the job or touching any data.`,
      related: [...related, verdict.first.at],
    });
    return;
  }
  if (verdict.k === "serve-off") {
    // `export const { GET, POST } = serve(…)`: one finding for the one serve() call.
    const key = `${verdict.at.file}:${verdict.at.range.startLine}:${verdict.at.range.startColumn}`;
    if (reportedServe.has(key)) return;
    reportedServe.add(key);
    ctx.report({
      check: "unverified-handler",
      location: fact.at,
      confidence: "high",
      message: `${where}: serve() is given \`receiver: undefined\`, which turns signature verification off, so anyone can start this workflow and run its steps. Remove the option (serve() then verifies with QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY) or pass a Receiver.`,
      related: [verdict.at, ...related],
    });
    return;
  }
  if (!s) return;
  const first = verdict.first ? ` (it goes on to ${verdict.first.what} at ${place(verdict.first.at, fact.at)})` : "";
  ctx.report({
    check: "unverified-handler",
    location: fact.at,
    confidence: s.confidence,
    message: `${where}: ${s.why}, but the Upstash-Signature header is never verified${first}, so anyone who finds the URL can send it forged messages. ${fixFor(fact)}`,
    ...(related.length ? { related } : {}),
  });
}

/** Whether a Next.js middleware's matcher covers a route of the same app. */
function coversRoute(mw: { file: string; matchers: string[] | null }, file: string, pattern: string): boolean {
  const root = mw.file.replace(/(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/, "");
  if (root && !file.startsWith(root + "/")) return false;
  if (!mw.matchers) return true;
  return mw.matchers.some((m) => {
    const re = new RegExp(
      "^" +
        m
          .replace(/[.+?^${}()|\\]/g, "\\$&")
          .replace(/\/:(\w+)\*/g, "(?:/.*)?")
          .replace(/\/:(\w+)\+/g, "/.+")
          .replace(/:(\w+)/g, "[^/]+") +
        "$",
    );
    return re.test(pattern) || re.test(pattern.replace(/\[[^\]]+\]/g, "x"));
  });
}
