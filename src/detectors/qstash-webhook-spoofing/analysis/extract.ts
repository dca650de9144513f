/**
 * What one file contributes to the QStash picture, as plain facts: its functions lowered to IR, its
 * exports and string constants, the QStash publishers it contains (with their target URL values), the
 * request handlers it defines (file-routed exports, Express/Hono/Fastify registrations, Workers fetch,
 * Next.js middleware) and which Upstash-* headers they read.
 */
import type * as ts from "typescript";
import type { Location } from "../../../engine/types";
import { exportTable, moduleExports, type ExportTable, type ModuleExport } from "../../../engine/exports";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";
import { scanFile, topLevel, type FileModel, type KeyFallback } from "./file-scan";
import type { FnIR, HExpr } from "./ir";
import { Lowerer } from "./lower";
import { appCalls, callArgs, publishers } from "./publishers";
import { registrations, SERVER_MODULES } from "./registrations";
import { routeOfFile, type RouteFile, type RouteFramework } from "./routes";
import { isFunctionNode, property, type FunctionNode, type TS } from "./syntax";
import { evaluate, type Value, type ValueScope } from "./url-value";
import { QSTASH_MODULE, RECEIVING_NAMES, SERVE_NAMES, SESSION_CALL, WORKFLOW_MODULE } from "./vocabulary";

export type { KeyFallback } from "./file-scan";

export interface ModuleFact {
  kind: "module";
  fns: Record<string, FnIR>;
  /** Top-level names bound to a wrapper call (`const handler = verifySignature(fn)`). */
  defs: Record<string, HExpr>;
  exports: ExportTable;
  /** Top-level constants with a (partly) known string or object value. */
  consts: Record<string, Value>;
}

/** Which QStash delivery reaches a publisher's URL: the message itself or a report about it. */
export type TargetRole = "destination" | "callback" | "failure-callback";

export interface PublishFact {
  kind: "publish";
  value: Value;
  method?: string;
  at: Location;
  /** The top-level function the call sits in, when the URL depends on its parameters. */
  fn?: string;
  api: string;
  /** Absent: the message's destination. */
  role?: Exclude<TargetRole, "destination">;
}

export interface CallArgsFact {
  kind: "call-args";
  callee: { k: "local"; name: string } | { k: "import"; spec: string; name: string };
  args: Array<Value | null>;
}

/** The app's own code calls one of its routes (`fetch("/api/x")` in a component). */
export interface AppCallFact {
  kind: "app-call";
  path: string;
  method: string;
}

export interface HandlerFact {
  kind: "handler";
  /** URL path pattern; undefined for a Worker's fetch (it serves every path). */
  pattern?: string;
  /** A router registration (may be mounted under a prefix): match the path's tail. */
  suffix: boolean;
  framework: RouteFramework | "express" | "hono" | "fastify" | "worker" | "router";
  methods: string[] | "*";
  h: HExpr;
  mws: HExpr[];
  at: Location;
  name: string;
  /** Upstash-* request headers the handler reads (lower-case). */
  reads: string[];
  /** The file imports the QStash receiving side (Receiver, verifySignature*, workflow serve). */
  receivingImport: boolean;
  /** The handler looks up a user session (a user-facing route, not a queue consumer). */
  userAuth?: boolean;
  /** The module uses a QStash publishing client (publishes, schedules, cancels): a producer. */
  qstashClient?: boolean;
  /** Router registrations: how the route is registered, to compare it with its siblings. */
  route?: RouteShape;
}

export interface RouteShape {
  /** The router object (`app`, `router`). */
  router: string;
  /** The first path segment that names something (`/api/jobs/email` → `jobs`). */
  section?: string;
  /** Where the final handler is imported from, when it is. */
  handlerFrom?: string;
  /** Route-level middleware other than body parsers (another credential, validation). */
  otherMws: string[];
}

/** A router module's imports that nothing in the module uses (a verifier left out). */
export interface UnusedImportsFact {
  kind: "unused-imports";
  imports: Array<{ spec: string; name: string; local: string }>;
}

export interface MiddlewareFact {
  kind: "middleware";
  h: HExpr;
  /** `config.matcher` patterns; null when there is none (every path). */
  matchers: string[] | null;
}

export type Fact =
  ModuleFact | PublishFact | CallArgsFact | AppCallFact | HandlerFact | UnusedImportsFact | MiddlewareFact;

const HTTP = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** Text that makes a function worth lowering even when nothing routes to it directly. */
const VERIFY_HINT =
  /verif|signature|receiver|qstash|upstash|jwt|secret|token|auth|api.?key|bearer|serve|workflow|handler|next\(/i;
const MIDDLEWARE_FILE = /(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/;

type Exported = ExportEntry | { spec: string; name: string; nameNode: ts.Node };

interface ExportEntry {
  nameNode: ts.Node;
  local?: string;
  expr?: ts.Expression;
}

export function extract(
  ts: TS,
  sf: ts.SourceFile,
  path: string,
  loc: (s: number, e: number, m?: string) => Location,
): { facts: Fact[]; fallbacks: KeyFallback[] } {
  const imports = importBindings(sf);
  const { fnNodes, consts } = topLevel(ts, sf);
  const scan = scanFile(ts, sf, imports);
  const lowerer = new Lowerer({
    ts,
    sf,
    loc,
    imports: scan.dynamicImports.size ? new Map([...imports, ...scan.dynamicImports]) : imports,
    localFns: new Set(fnNodes.keys()),
    receivers: scan.receivers,
    varCats: scan.varCats,
    sdkBound: sdkBound(ts, consts, imports),
  });
  const scope: ValueScope = {
    ts,
    consts,
    imports: new Map([...imports].map(([k, b]) => [k, { module: b.module, imported: b.imported }])),
  };
  const m: FileModel = {
    ts,
    sf,
    path,
    loc,
    imports,
    fnNodes,
    consts,
    scope,
    lowerer,
    calls: scan.calls,
    readsIn: (nodes) => readsIn(sf, scan.headerReads, nodes),
    receivingImport: [...imports.values(), ...scan.dynamicImports.values()].some(
      (b) => isSdkModule(b.module) && RECEIVING_NAMES.test(b.imported),
    ),
  };
  const { exported, table } = exportsOf(ts, sf);
  const module = moduleFact(m, exported, table);
  const route = routeOfFile(path);
  const facts: Fact[] = [module, ...publishers(m), ...callArgs(m), ...appCalls(m)];
  if (route) facts.push(...fileRouteHandlers(m, route, exported, module));
  if ([...imports.values()].some((b) => SERVER_MODULES.test(b.module))) facts.push(...registrations(m, scan.basePaths));
  facts.push(...workerHandlers(m));
  const mw = MIDDLEWARE_FILE.test(path) ? middleware(m, exported) : undefined;
  if (mw) facts.push(mw);
  return { facts, fallbacks: scan.fallbacks };
}

function isSdkModule(module: string): boolean {
  return QSTASH_MODULE.test(module) || WORKFLOW_MODULE.test(module);
}

/** Top-level names bound to an SDK handler that verifies (`const handler = serve(…)`). */
function sdkBound(ts: TS, consts: Map<string, ts.Expression>, imports: Map<string, ImportBinding>): Set<string> {
  const out = new Set<string>();
  for (const [name, init] of consts) {
    const u = unwrap(init);
    const callee = ts.isCallExpression(u) ? unwrap(u.expression) : undefined;
    const b = callee && ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
    if (b && isSdkModule(b.module) && (SERVE_NAMES.has(b.imported) || /^verifySignature/.test(b.imported)))
      out.add(name);
  }
  return out;
}

function readsIn(sf: ts.SourceFile, reads: ReadonlyArray<{ name: string; pos: number }>, nodes: ts.Node[]): string[] {
  return [
    ...new Set(
      reads.filter((r) => nodes.some((n) => r.pos >= n.getStart(sf) && r.pos < n.getEnd())).map((r) => r.name),
    ),
  ];
}

/** A route, server, middleware or Worker file: handlers may be defined anywhere in it. */
function isServerFile(m: FileModel): boolean {
  return (
    Boolean(routeOfFile(m.path)) ||
    [...m.imports.values()].some((b) => SERVER_MODULES.test(b.module)) ||
    MIDDLEWARE_FILE.test(m.path) ||
    /\bexport\s+default\s*\{/.test(m.sf.text)
  );
}

/** The module's lowered functions, wrapper definitions, exports and constants. */
function moduleFact(m: FileModel, exported: Map<string, Exported>, table: ExportTable): ModuleFact {
  const { ts, sf, lowerer, consts } = m;
  const module: ModuleFact = { kind: "module", fns: {}, defs: {}, exports: table, consts: {} };
  // Lowering every function of every file is the detector's main cost. Route and server files may
  // define handlers anywhere; elsewhere only exports (helpers, wrappers, handlers imported by a
  // router) and functions that mention verification can matter. UI components (.tsx/.jsx) only when
  // they mention it.
  const serverFile = isServerFile(m);
  const exportedLocals = new Set([...exported.values()].flatMap((e) => ("local" in e && e.local ? [e.local] : [])));
  const ui = /\.[jt]sx$/.test(m.path);
  for (const [name, node] of m.fnNodes) {
    const needed = serverFile || (exportedLocals.has(name) && !ui) || VERIFY_HINT.test(node.getText(sf));
    if (needed) module.fns[name] = lowerer.fn(node, name);
  }
  for (const [name, init] of consts) {
    const u = unwrap(init);
    if (ts.isCallExpression(u)) {
      const h = lowerer.hexpr(u, consts);
      if (h.t === "wrap") module.defs[name] = h;
    }
    const v = evaluate(init, m.scope);
    if (("s" in v && v.s.some((p) => typeof p === "string" || "ref" in p)) || ("o" in v && Object.keys(v.o).length))
      module.consts[name] = v;
  }
  for (const [name, h] of reassignedHandlers(m)) if (h.t !== "unknown") module.defs[name] = h;
  for (const [name, ex] of exported) {
    // An exported expression is known to the project phase by its exported name.
    if ("spec" in ex || ex.local || !ex.expr) continue;
    const h = lowerer.hexpr(ex.expr, consts);
    if (h.t === "fn") module.fns[name] = h.fn;
    else module.defs[name] = h;
    table.names[name] = { local: name };
  }
  return module;
}

/**
 * Top-level `let` handlers that later statements reassign: `let h = handler; if (env.NODE_ENV ===
 * "production") h = verifySignature(handler); export default h` is a choice between the two on that
 * condition, exactly as `export default cond ? verifySignature(handler) : handler` would be.
 */
function reassignedHandlers(m: FileModel): Map<string, HExpr> {
  const { ts, sf, lowerer, consts } = m;
  const current = new Map<string, HExpr>();
  const assigned = topLevelAssignments(ts, sf);
  if (!assigned.size) return current;
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Let) {
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer && assigned.has(d.name.text))
          current.set(d.name.text, lowerer.hexpr(d.initializer, consts, 0, current));
      continue;
    }
    const plain = assignmentsIn(ts, st);
    if (plain) {
      for (const [name, e] of plain) if (current.has(name)) current.set(name, lowerer.hexpr(e, consts, 0, current));
      continue;
    }
    if (!ts.isIfStatement(st)) continue;
    const then = assignmentsIn(ts, st.thenStatement) ?? new Map();
    const other = (st.elseStatement && assignmentsIn(ts, st.elseStatement)) ?? new Map();
    for (const name of new Set([...then.keys(), ...other.keys()])) {
      const before = current.get(name);
      if (!before) continue;
      const a = then.has(name) ? lowerer.hexpr(then.get(name), consts, 0, current) : before;
      const b = other.has(name) ? lowerer.hexpr(other.get(name), consts, 0, current) : before;
      current.set(name, { t: "choice", cond: lowerer.cond(st.expression, []), a, b });
    }
  }
  return current;
}

/** Names assigned by top-level statements (`x = …` alone or in an `if`). */
function topLevelAssignments(ts: TS, sf: ts.SourceFile): Set<string> {
  const out = new Set<string>();
  for (const st of sf.statements) {
    const direct = assignmentsIn(ts, st);
    const branches = ts.isIfStatement(st)
      ? [assignmentsIn(ts, st.thenStatement), st.elseStatement && assignmentsIn(ts, st.elseStatement)]
      : [];
    for (const map of [direct, ...branches]) if (map) for (const name of map.keys()) out.add(name);
  }
  return out;
}

/** `x = e;` or a block of only such statements: name → assigned expression; undefined otherwise. */
function assignmentsIn(ts: TS, st: ts.Statement): Map<string, ts.Expression> | undefined {
  const list = ts.isBlock(st) ? [...st.statements] : [st];
  const out = new Map<string, ts.Expression>();
  for (const s of list) {
    if (!ts.isExpressionStatement(s)) return undefined;
    const e = unwrap(s.expression);
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left))
      return undefined;
    out.set(e.left.text, e.right);
  }
  return out.size ? out : undefined;
}

/** The exports of a file-routed module that serve requests (GET, POST, default, …). */
function fileRouteHandlers(
  m: FileModel,
  route: RouteFile,
  exported: Map<string, Exported>,
  module: ModuleFact,
): HandlerFact[] {
  const { sf, fnNodes, consts, lowerer } = m;
  const out: HandlerFact[] = [];
  const qstashClient = usesQstashClient(m);
  for (const [name, ex] of exported) {
    const methods = routeMethods(route.framework, name, route.method);
    if (!methods) continue;
    const local = "spec" in ex ? undefined : (ex.local ?? name);
    let h: HExpr;
    if ("spec" in ex) h = { t: "ref", ref: { k: "import", spec: ex.spec, name: ex.name } };
    else if (module.fns[local!]) h = { t: "ref", ref: { k: "local", name: local! } };
    else
      h = module.defs[local!] ?? (consts.has(local!) ? lowerer.hexpr(consts.get(local!)!, consts) : { t: "unknown" });
    const nodes = handlerNodes(m, ex.nameNode, local ? fnNodes.get(local) : undefined);
    out.push({
      kind: "handler",
      pattern: route.pattern,
      suffix: false,
      framework: route.framework,
      methods,
      h,
      mws: [],
      at: m.loc(ex.nameNode.getStart(sf), ex.nameNode.getEnd()),
      name,
      reads: m.readsIn(nodes),
      receivingImport: m.receivingImport,
      ...(callsSession(m.ts, nodes) ? { userAuth: true } : {}),
      ...(qstashClient ? { qstashClient: true } : {}),
    });
  }
  return out;
}

/**
 * Whether the module works the publishing side of QStash: it imports the SDK's `Client` (to publish,
 * schedule or cancel messages) or calls a management API on something named for QStash
 * (`qstash.messages.delete(id)`).
 */
export function usesQstashClient(m: FileModel): boolean {
  const { ts } = m;
  if ([...m.imports.values()].some((b) => QSTASH_MODULE.test(b.module) && b.imported === "Client")) return true;
  return m.calls.some((c) => {
    const p = ts.isPropertyAccessExpression(unwrap(c.expression)) ? memberPath(unwrap(c.expression)) : undefined;
    return (
      p !== undefined &&
      p.length >= 3 &&
      /qstash/i.test(p[0]!) &&
      /^(messages|schedules|queue|dlq|urlGroups|topics)$/.test(p[p.length - 2]!)
    );
  });
}

/** Whether the code looks up a signed-in user (next-auth, Clerk, Supabase, Lucia, …). */
function callsSession(ts: TS, nodes: ts.Node[]): boolean {
  let found = false;
  for (const root of nodes) {
    walk(root, (n) => {
      if (found) return false;
      if (!ts.isCallExpression(n)) return undefined;
      const c = unwrap(n.expression);
      const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : "";
      if (
        SESSION_CALL.test(name) ||
        (ts.isPropertyAccessExpression(c) && memberPath(c)?.includes("auth") && /^get(User|Session)$/.test(name))
      )
        found = true;
      return undefined;
    });
  }
  return found;
}

/** The code a file-routed handler runs: its export statement and the local functions it names. */
function handlerNodes(m: FileModel, nameNode: ts.Node, local: FunctionNode | undefined): ts.Node[] {
  const { ts, fnNodes } = m;
  let st: ts.Node = nameNode;
  while (st.parent && !ts.isSourceFile(st.parent)) st = st.parent;
  const nodes: ts.Node[] = [st];
  if (local) nodes.push(local);
  // Helpers of the same file called from the handler (getSignature(req) reading the header).
  walk(st, (n) => {
    if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && fnNodes.has(n.expression.text))
      nodes.push(fnNodes.get(n.expression.text)!);
    return undefined;
  });
  return nodes;
}

/**
 * Exported names the rule reads (ES module syntax: handlers are never CommonJS here), with the node
 * a finding points at, and the module's export table for the project phase.
 */
function exportsOf(ts: TS, sf: ts.SourceFile): { exported: Map<string, Exported>; table: ExportTable } {
  const all = moduleExports(ts, sf);
  const read = (e: ModuleExport) =>
    !e.commonjs &&
    !(e.source.kind === "expression" && e.source.exportEquals) &&
    !(e.source.kind === "reexport" && e.source.name === "*") &&
    !(e.source.kind === "declaration" && ts.isClassDeclaration(e.source.node));
  const exported = new Map<string, Exported>();
  for (const e of all.entries) if (read(e)) exported.set(e.name, exportEntry(ts, e));
  return { exported, table: exportTable(all, read) };
}

function exportEntry(ts: TS, e: ModuleExport): Exported {
  const s = e.source;
  if (s.kind === "reexport") return { spec: s.specifier, name: s.name, nameNode: s.node };
  if (s.kind === "expression")
    return s.local !== undefined
      ? { nameNode: unwrap(s.expression), local: s.local }
      : { nameNode: s.expression, expr: s.expression };
  if (s.kind === "declaration") return { nameNode: ts.getNameOfDeclaration(s.node) ?? s.node, local: s.local };
  if (s.kind === "destructured") return { nameNode: s.node.name, expr: s.init };
  return { nameNode: s.node, local: s.local };
}

/** The HTTP methods a file-routed export serves, or undefined when the export is not a handler. */
function routeMethods(fw: RouteFramework, name: string, fileMethod?: string): string[] | "*" | undefined {
  if (fw === "next-app" || fw === "sveltekit" || fw === "solid") {
    if (HTTP.has(name)) return [name];
    return fw === "sveltekit" && name === "fallback" ? "*" : undefined;
  }
  if (fw === "pages") {
    if (name === "default" || name === "ALL") return "*";
    return HTTP.has(name) ? [name] : undefined;
  }
  if (fw === "nuxt") return name === "default" ? (fileMethod ? [fileMethod] : "*") : undefined;
  if (fw === "remix")
    return name === "action" ? ["POST", "PUT", "PATCH", "DELETE"] : name === "loader" ? ["GET"] : undefined;
  return undefined;
}

/** Cloudflare Workers: `export default { fetch(request, env, ctx) { … } }`. */
function workerHandlers(m: FileModel): HandlerFact[] {
  const { ts, sf, lowerer, consts } = m;
  const out: HandlerFact[] = [];
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st) || st.isExportEquals) continue;
    const o = unwrap(st.expression);
    if (!ts.isObjectLiteralExpression(o)) continue;
    for (const p of o.properties) {
      if (propertyNameText(p.name) !== "fetch") continue;
      const fnNode = ts.isMethodDeclaration(p)
        ? p
        : ts.isPropertyAssignment(p) && isFunctionNode(ts, unwrap(p.initializer))
          ? (unwrap(p.initializer) as FunctionNode)
          : undefined;
      const h: HExpr = fnNode
        ? { t: "fn", fn: lowerer.fn(fnNode, "fetch") }
        : ts.isPropertyAssignment(p)
          ? lowerer.hexpr(p.initializer, consts)
          : { t: "unknown" };
      out.push({
        kind: "handler",
        suffix: false,
        framework: "worker",
        methods: "*",
        h,
        mws: [],
        at: m.loc(p.name!.getStart(sf), p.name!.getEnd()),
        name: "fetch",
        reads: m.readsIn([p]),
        receivingImport: m.receivingImport,
      });
    }
  }
  return out;
}

/** A Next.js middleware that may verify before every matched route. */
function middleware(m: FileModel, exported: Map<string, Exported>): MiddlewareFact | undefined {
  const ex = exported.get("middleware") ?? exported.get("proxy") ?? exported.get("default");
  if (!ex || "spec" in ex) return undefined;
  const h: HExpr = ex.local
    ? m.fnNodes.has(ex.local)
      ? { t: "ref", ref: { k: "local", name: ex.local } }
      : { t: "unknown" }
    : m.lowerer.hexpr(ex.expr, m.consts);
  return { kind: "middleware", h, matchers: matchersOf(m.ts, m.sf) };
}

/** `export const config = { matcher: [...] }` of a Next.js middleware. */
function matchersOf(ts: TS, sf: ts.SourceFile): string[] | null {
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== "config" || !d.initializer) continue;
      const o = unwrap(d.initializer);
      if (!ts.isObjectLiteralExpression(o)) continue;
      const matcher = property(ts, o, "matcher");
      if (!matcher) return null;
      const u = unwrap(matcher);
      if (ts.isArrayLiteralExpression(u)) return u.elements.map((e) => stringValue(e) ?? "").filter(Boolean);
      const s = stringValue(u);
      return s ? [s] : null;
    }
  }
  return null;
}
