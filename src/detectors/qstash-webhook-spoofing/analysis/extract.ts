/**
 * What one file contributes to the QStash picture, as plain facts: its functions lowered to IR, its
 * exports and string constants, the QStash publishers it contains (with their target URL values), the
 * request handlers it defines (file-routed exports, Express/Hono/Fastify registrations, Workers fetch,
 * Next.js middleware) and which Upstash-* headers they read.
 */
import type * as ts from "typescript";
import type { Location } from "../../../engine/types";
import { typescript } from "../../../engine/parse";
import { exportTable, hasModifier, moduleExports, type ExportTable, type ModuleExport } from "../../../engine/exports";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";
import type { CondCategory, FnIR, HExpr } from "./ir";
import {
  QSTASH_MODULE,
  SERVE_NAMES,
  WORKFLOW_MODULE,
  bindingNames,
  categoryOf,
  isFunctionNode,
  Lowerer,
  type FunctionNode,
} from "./lower";
import { routeOfFile, type RouteFramework } from "./routes";
import { evaluate, type Value, type ValueScope } from "./url-value";

export interface ModuleFact {
  kind: "module";
  fns: Record<string, FnIR>;
  /** Top-level names bound to a wrapper call (`const handler = verifySignature(fn)`). */
  defs: Record<string, HExpr>;
  exports: ExportTable;
  /** Top-level constants with a (partly) known string or object value. */
  consts: Record<string, Value>;
}

export interface PublishFact {
  kind: "publish";
  value: Value;
  method?: string;
  at: Location;
  /** The top-level function the call sits in, when the URL depends on its parameters. */
  fn?: string;
  api: string;
}

export interface CallArgsFact {
  kind: "call-args";
  callee: { k: "local"; name: string } | { k: "import"; spec: string; name: string };
  args: Array<Value | null>;
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
}

export interface MiddlewareFact {
  kind: "middleware";
  h: HExpr;
  /** `config.matcher` patterns; null when there is none (every path). */
  matchers: string[] | null;
}

export type Fact = ModuleFact | PublishFact | CallArgsFact | HandlerFact | MiddlewareFact;

const HTTP = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const ROUTER_METHODS = new Set(["get", "post", "put", "patch", "delete", "all", "use", "options", "head"]);
export const SERVER_MODULES =
  /^(express|hono|hono\/.*|@hono\/.*|fastify|itty-router|elysia|koa-router|@koa\/router|h3|polka|restify|@fastify\/.*)$/;
const PUBLISH_METHODS = new Set(["publish", "publishJSON", "enqueue", "enqueueJSON"]);
const TARGET_KEYS = ["url", "callback", "failureCallback"];
/** Text that makes a function worth lowering even when nothing routes to it directly. */
const VERIFY_HINT =
  /verif|signature|receiver|qstash|upstash|jwt|secret|token|auth|api.?key|bearer|serve|workflow|handler|next\(/i;
/** Imports that only a receiver needs (a publisher imports Client). */
const RECEIVING_NAMES =
  /^(Receiver|verifySignature\w*|serve|serveMany|createWorkflow|servePagesRouter|serveManyPagesRouter)$/;

export function extract(
  sf: ts.SourceFile,
  path: string,
  loc: (s: number, e: number, m?: string) => Location,
): { facts: Fact[]; fallbacks: KeyFallback[] } {
  const ts = typescript();
  const facts: Fact[] = [];
  const imports = importBindings(sf);
  const text = sf.text;

  // Top-level functions, constants and wrapper definitions.
  const fnNodes = new Map<string, FunctionNode>();
  const consts = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name && st.body) fnNodes.set(st.name.text, st);
    if (ts.isFunctionDeclaration(st) && !st.name && st.body && hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword))
      fnNodes.set("default", st);
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        // const { POST: handler } = serve(…): each name stands for what the call returns.
        if (ts.isObjectBindingPattern(d.name) && d.initializer && ts.isCallExpression(unwrap(d.initializer))) {
          for (const name of bindingNames(d.name)) consts.set(name, d.initializer);
          continue;
        }
        if (!ts.isIdentifier(d.name) || !d.initializer) continue;
        const init = unwrap(d.initializer);
        if (isFunctionNode(init)) fnNodes.set(d.name.text, init);
        else consts.set(d.name.text, d.initializer);
      }
    }
  }
  // One pass over the file collects everything the later steps look at.
  const receivers = new Set<string>();
  const varCats = new Map<string, CondCategory>();
  const calls: ts.CallExpression[] = [];
  const headerReads: Array<{ name: string; pos: number }> = [];
  const fallbacks: KeyFallback[] = [];
  const basePaths = new Map<string, ts.Expression>();
  walk(sf, (n) => {
    if (ts.isCallExpression(n)) calls.push(n);
    else if (ts.isVariableDeclaration(n) && n.initializer) {
      const init = unwrap(n.initializer);
      if (ts.isIdentifier(n.name)) {
        if (ts.isNewExpression(init) && memberPath(init.expression)?.slice(-1)[0] === "Receiver")
          receivers.add(n.name.text);
        const cat = categoryOf(init, imports, varCats);
        if (cat !== "other") varCats.set(n.name.text, cat);
        // const app = new Hono().basePath("/api")
        if (
          ts.isCallExpression(init) &&
          ts.isPropertyAccessExpression(init.expression) &&
          init.expression.name.text === "basePath" &&
          init.arguments[0]
        ) {
          basePaths.set(n.name.text, init.arguments[0]);
        }
      } else if (ts.isObjectBindingPattern(n.name)) {
        const p = memberPath(init)?.join(".");
        if (p === "process.env" || p === "import.meta.env")
          for (const name of bindingNames(n.name)) varCats.set(name, "env");
      }
    } else if (
      (ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n)) &&
      n.initializer &&
      ts.isNewExpression(unwrap(n.initializer))
    ) {
      const init = unwrap(n.initializer) as ts.NewExpression;
      const name = propertyNameText(n.name);
      if (name && memberPath(init.expression)?.slice(-1)[0] === "Receiver") receivers.add(name);
    } else if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-[a-z-]+$/i.test(n.text)) {
      const p = n.parent;
      const isRead =
        (ts.isCallExpression(p) &&
          p.arguments.includes(n as ts.Expression) &&
          /^(get|has|header|getHeader|getRequestHeader)$/.test(calleeText(p.expression))) ||
        (ts.isElementAccessExpression(p) &&
          p.argumentExpression === n &&
          /headers$/i.test(memberPath(p.expression)?.slice(-1)[0] ?? ""));
      if (isRead) headerReads.push({ name: n.text.toLowerCase(), pos: n.getStart(sf) });
    } else if (ts.isBinaryExpression(n)) {
      const f = keyFallback(n, sf);
      if (f) fallbacks.push(f);
    }
    return undefined;
  });
  const sdkBound = new Set<string>();
  for (const [name, init] of consts) {
    const u = unwrap(init);
    const callee = ts.isCallExpression(u) ? unwrap(u.expression) : undefined;
    const b = callee && ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
    if (
      b &&
      (QSTASH_MODULE.test(b.module) || WORKFLOW_MODULE.test(b.module)) &&
      (SERVE_NAMES.has(b.imported) || /^verifySignature/.test(b.imported))
    )
      sdkBound.add(name);
  }
  const lowerer = new Lowerer({ sf, loc, imports, localFns: new Set(fnNodes.keys()), receivers, varCats, sdkBound });

  const { exported, table } = exportsOf(sf);
  const module: ModuleFact = { kind: "module", fns: {}, defs: {}, exports: table, consts: {} };
  // Lowering every function of every file is the detector's main cost. Route and server files may
  // define handlers anywhere; elsewhere only exports (helpers, wrappers, handlers imported by a
  // router) and functions that mention verification can matter. UI components (.tsx/.jsx) only when
  // they mention it.
  const route = routeOfFile(path);
  const serverFile =
    Boolean(route) ||
    [...imports.values()].some((b) => SERVER_MODULES.test(b.module)) ||
    /(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/.test(path) ||
    /\bexport\s+default\s*\{/.test(text);
  const exportedLocals = new Set([...exported.values()].flatMap((e) => ("local" in e && e.local ? [e.local] : [])));
  const ui = /\.[jt]sx$/.test(path);
  for (const [name, node] of fnNodes) {
    const needed = serverFile || (exportedLocals.has(name) && !ui) || VERIFY_HINT.test(node.getText(sf));
    if (needed) module.fns[name] = lowerer.fn(node, name);
  }
  const scope: ValueScope = {
    consts,
    imports: new Map([...imports].map(([k, b]) => [k, { module: b.module, imported: b.imported }])),
  };
  for (const [name, init] of consts) {
    const u = unwrap(init);
    if (ts.isCallExpression(u)) {
      const h = lowerer.hexpr(u, consts);
      if (h.t === "wrap") module.defs[name] = h;
    }
    const v = evaluate(init, scope);
    if (("s" in v && v.s.some((p) => typeof p === "string" || "ref" in p)) || ("o" in v && Object.keys(v.o).length))
      module.consts[name] = v;
  }
  for (const [name, ex] of exported) {
    // An exported expression is known to the project phase by its exported name.
    if ("spec" in ex || ex.local || !ex.expr) continue;
    const h = lowerer.hexpr(ex.expr, consts);
    if (h.t === "fn") module.fns[name] = h.fn;
    else module.defs[name] = h;
    table.names[name] = { local: name };
  }
  facts.push(module);

  const readsIn = (nodes: ts.Node[]): string[] => [
    ...new Set(
      headerReads.filter((r) => nodes.some((n) => r.pos >= n.getStart(sf) && r.pos < n.getEnd())).map((r) => r.name),
    ),
  ];
  const receivingImport = [...imports.values()].some(
    (b) => (QSTASH_MODULE.test(b.module) || WORKFLOW_MODULE.test(b.module)) && RECEIVING_NAMES.test(b.imported),
  );

  facts.push(...publishers(sf, calls, loc, scope, fnNodes, text));
  facts.push(...callArgs(calls, scope, fnNodes, imports));

  // File-routed handlers.
  if (route) {
    for (const [name, ex] of exported) {
      const methods = routeMethods(route.framework, name, route.method);
      if (!methods) continue;
      const local = "spec" in ex ? undefined : (ex.local ?? name);
      const h: HExpr =
        "spec" in ex
          ? { t: "ref", ref: { k: "import", spec: ex.spec, name: ex.name } }
          : module.fns[local!]
            ? { t: "ref", ref: { k: "local", name: local! } }
            : (module.defs[local!] ??
              (consts.has(local!) ? lowerer.hexpr(consts.get(local!)!, consts) : { t: "unknown" }));
      facts.push({
        kind: "handler",
        pattern: route.pattern,
        suffix: false,
        framework: route.framework,
        methods,
        h,
        mws: [],
        at: loc(ex.nameNode.getStart(sf), ex.nameNode.getEnd()),
        name,
        reads: readsIn(handlerNodes(ex.nameNode, local ? fnNodes.get(local) : undefined, fnNodes)),
        receivingImport,
        ...(callsSession(handlerNodes(ex.nameNode, local ? fnNodes.get(local) : undefined, fnNodes))
          ? { userAuth: true }
          : {}),
      });
    }
  }

  // Router registrations: app.post("/path", …handlers).
  if ([...imports.values()].some((b) => SERVER_MODULES.test(b.module)))
    facts.push(...registrations(sf, calls, basePaths, loc, lowerer, consts, scope, readsIn, fnNodes, receivingImport));

  // Cloudflare Workers: export default { fetch(request, env, ctx) { … } }.
  for (const st of sf.statements) {
    if (!ts.isExportAssignment(st) || st.isExportEquals) continue;
    const o = unwrap(st.expression);
    if (!ts.isObjectLiteralExpression(o)) continue;
    for (const p of o.properties) {
      if (propertyNameText(p.name) !== "fetch") continue;
      const fnNode = ts.isMethodDeclaration(p)
        ? p
        : ts.isPropertyAssignment(p) && isFunctionNode(unwrap(p.initializer))
          ? (unwrap(p.initializer) as FunctionNode)
          : undefined;
      const h: HExpr = fnNode
        ? { t: "fn", fn: lowerer.fn(fnNode, "fetch") }
        : ts.isPropertyAssignment(p)
          ? lowerer.hexpr(p.initializer, consts)
          : { t: "unknown" };
      facts.push({
        kind: "handler",
        suffix: false,
        framework: "worker",
        methods: "*",
        h,
        mws: [],
        at: loc(p.name!.getStart(sf), p.name!.getEnd()),
        name: "fetch",
        reads: readsIn([p]),
        receivingImport,
      });
    }
  }

  // Next.js middleware that may verify before every matched route.
  if (/(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/.test(path)) {
    const ex = exported.get("middleware") ?? exported.get("proxy") ?? exported.get("default");
    if (ex && !("spec" in ex)) {
      const h: HExpr = ex.local
        ? fnNodes.has(ex.local)
          ? { t: "ref", ref: { k: "local", name: ex.local } }
          : { t: "unknown" }
        : lowerer.hexpr(ex.expr, consts);
      facts.push({ kind: "middleware", h, matchers: matchersOf(sf) });
    }
  }
  return { facts, fallbacks };
}

const SESSION_CALL =
  /^(getServerSession|getSession|auth|currentUser|getUser|getAuth|requireUser|requireAuth|requireSession|validateRequest|getCurrentUser|getKindeServerSession|withAuth|withSession|withUser)$/;

/** Whether the code looks up a signed-in user (next-auth, Clerk, Supabase, Lucia, …). */
function callsSession(nodes: ts.Node[]): boolean {
  const ts = typescript();
  let found = false;
  for (const root of nodes) {
    walk(root, (n) => {
      if (found) return false;
      if (ts.isCallExpression(n)) {
        const c = unwrap(n.expression);
        const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : "";
        if (
          SESSION_CALL.test(name) ||
          (ts.isPropertyAccessExpression(c) && memberPath(c)?.includes("auth") && /^get(User|Session)$/.test(name))
        )
          found = true;
      }
      return undefined;
    });
  }
  return found;
}

/** The code a file-routed handler runs: its export statement and the local functions it names. */
function handlerNodes(
  nameNode: ts.Node,
  local: FunctionNode | undefined,
  fnNodes: Map<string, FunctionNode>,
): ts.Node[] {
  const ts = typescript();
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

function calleeText(e: ts.Expression): string {
  const ts = typescript();
  const u = unwrap(e);
  if (ts.isIdentifier(u)) return u.text;
  if (ts.isPropertyAccessExpression(u)) return u.name.text;
  return "";
}

interface ExportEntry {
  nameNode: ts.Node;
  local?: string;
  expr?: ts.Expression;
}

/**
 * Exported names the rule reads (ES module syntax: handlers are never CommonJS here), with the node
 * a finding points at, and the module's export table for the project phase.
 */
function exportsOf(sf: ts.SourceFile): {
  exported: Map<string, ExportEntry | { spec: string; name: string; nameNode: ts.Node }>;
  table: ExportTable;
} {
  const ts = typescript();
  const all = moduleExports(ts, sf);
  const read = (e: ModuleExport) =>
    !e.commonjs &&
    !(e.source.kind === "expression" && e.source.exportEquals) &&
    !(e.source.kind === "reexport" && e.source.name === "*") &&
    !(e.source.kind === "declaration" && ts.isClassDeclaration(e.source.node));
  const exported = new Map<string, ExportEntry | { spec: string; name: string; nameNode: ts.Node }>();
  for (const e of all.entries) {
    if (!read(e)) continue;
    const s = e.source;
    if (s.kind === "reexport") exported.set(e.name, { spec: s.specifier, name: s.name, nameNode: s.node });
    else if (s.kind === "expression")
      exported.set(
        e.name,
        s.local !== undefined
          ? { nameNode: unwrap(s.expression), local: s.local }
          : { nameNode: s.expression, expr: s.expression },
      );
    else if (s.kind === "declaration")
      exported.set(e.name, { nameNode: ts.getNameOfDeclaration(s.node) ?? s.node, local: s.local });
    else if (s.kind === "destructured") exported.set(e.name, { nameNode: s.node.name, expr: s.init });
    else exported.set(e.name, { nameNode: s.node, local: s.local });
  }
  return { exported, table: exportTable(all, read) };
}

/** The HTTP methods a file-routed export serves, or undefined when the export is not a handler. */
function routeMethods(fw: RouteFramework, name: string, fileMethod?: string): string[] | "*" | undefined {
  if (fw === "next-app" || fw === "sveltekit" || fw === "solid") {
    if (HTTP.has(name)) return [name];
    if (fw === "sveltekit" && name === "fallback") return "*";
    return undefined;
  }
  if (fw === "pages") {
    if (name === "default") return "*";
    if (HTTP.has(name)) return [name];
    if (name === "ALL") return "*";
    return undefined;
  }
  if (fw === "nuxt") return name === "default" ? (fileMethod ? [fileMethod] : "*") : undefined;
  if (fw === "remix")
    return name === "action" ? ["POST", "PUT", "PATCH", "DELETE"] : name === "loader" ? ["GET"] : undefined;
  return undefined;
}

/** QStash publish calls and the URL values they target. */
function publishers(
  sf: ts.SourceFile,
  calls: readonly ts.CallExpression[],
  loc: (s: number, e: number, m?: string) => Location,
  fileScope: ValueScope,
  fnNodes: Map<string, FunctionNode>,
  text: string,
): PublishFact[] {
  const ts = typescript();
  const out: PublishFact[] = [];
  const workflowish = /@upstash\/workflow|qstash/i.test(text);
  for (const n of calls) {
    if (!ts.isPropertyAccessExpression(unwrap(n.expression))) continue;
    const callee = unwrap(n.expression) as ts.PropertyAccessExpression;
    const method = callee.name.text;
    const arg = n.arguments[0] && unwrap(n.arguments[0]);
    const targets: Array<{ node: ts.Expression; obj: ts.ObjectLiteralExpression }> = [];
    const fromObject = (o: ts.Expression | undefined, keys: string[]) => {
      if (!o) return;
      const u = unwrap(o);
      if (!ts.isObjectLiteralExpression(u)) return;
      for (const k of keys) {
        const v = property(u, k);
        if (v) targets.push({ node: v, obj: u });
      }
    };
    const owner = memberPath(callee.expression)?.slice(-1)[0];
    if (PUBLISH_METHODS.has(method)) fromObject(arg, TARGET_KEYS);
    else if ((method === "batch" || method === "batchJSON") && arg && ts.isArrayLiteralExpression(arg)) {
      for (const el of arg.elements) fromObject(el as ts.Expression, TARGET_KEYS);
    } else if (method === "create" && owner === "schedules")
      fromObject(arg, ["destination", "callback", "failureCallback"]);
    else if (
      method === "addEndpoints" &&
      (owner === "urlGroups" || owner === "topics") &&
      arg &&
      ts.isObjectLiteralExpression(arg)
    ) {
      const eps = property(arg, "endpoints");
      if (eps && ts.isArrayLiteralExpression(unwrap(eps)))
        for (const el of (unwrap(eps) as ts.ArrayLiteralExpression).elements) fromObject(el as ts.Expression, ["url"]);
    } else if (method === "trigger" && workflowish) {
      if (arg && ts.isArrayLiteralExpression(arg))
        for (const el of arg.elements) fromObject(el as ts.Expression, ["url", "failureUrl"]);
      else fromObject(arg, ["url", "failureUrl"]);
    }
    if (!targets.length) continue;
    const top = topLevelFunction(n, fnNodes);
    const scope: ValueScope = {
      ...fileScope,
      consts: new Map([...fileScope.consts, ...localConsts(n)]),
      ...(top ? { params: top.params } : {}),
    };
    for (const { node, obj } of targets) {
      const value = evaluate(node, scope);
      const m = property(obj, "method");
      const methodName = m ? stringValue(unwrap(m))?.toUpperCase() : undefined;
      out.push({
        kind: "publish",
        value,
        ...(methodName ? { method: methodName } : m ? { method: "*" } : {}),
        at: loc(node.getStart(sf), node.getEnd(), "QStash delivers messages to this URL"),
        ...(top ? { fn: top.name } : {}),
        api: method,
      });
    }
  }
  return out;
}

/** Calls that pass a path-like string to a function (publish wrappers: `enqueue("/api/jobs/x")`). */
function callArgs(
  calls: readonly ts.CallExpression[],
  fileScope: ValueScope,
  fnNodes: Map<string, FunctionNode>,
  imports: Map<string, ImportBinding>,
): CallArgsFact[] {
  const ts = typescript();
  const out: CallArgsFact[] = [];
  const localsCache = new Map<ts.Node, Map<string, ts.Expression>>();
  /** Cheap test first: most calls pass objects, callbacks or values that are no path at all. */
  const pathish = (a: ts.Expression): boolean => {
    const u = unwrap(a);
    if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.text.includes("/");
    if (ts.isTemplateExpression(u))
      return u.head.text.includes("/") || u.templateSpans.some((sp) => sp.literal.text.includes("/"));
    if (ts.isBinaryExpression(u)) return u.operatorToken.kind === ts.SyntaxKind.PlusToken;
    if (ts.isIdentifier(u)) {
      // A constant holding an object, a call or a function is no path (and costly to evaluate).
      const init = fileScope.consts.get(u.text);
      const x = init && unwrap(init);
      return (
        !x ||
        ts.isStringLiteral(x) ||
        ts.isNoSubstitutionTemplateLiteral(x) ||
        ts.isTemplateExpression(x) ||
        ts.isBinaryExpression(x) ||
        ts.isIdentifier(x)
      );
    }
    return ts.isPropertyAccessExpression(u);
  };
  for (const n of calls) {
    if (!n.arguments.length) continue;
    const callee = unwrap(n.expression);
    let ref: CallArgsFact["callee"] | undefined;
    if (ts.isIdentifier(callee)) {
      const b = imports.get(callee.text);
      if (b && b.imported !== "*") ref = { k: "import", spec: b.module, name: b.imported };
      else if (fnNodes.has(callee.text)) ref = { k: "local", name: callee.text };
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const b = imports.get(callee.expression.text);
      if (b?.imported === "*") ref = { k: "import", spec: b.module, name: callee.name.text };
    }
    if (!ref || !n.arguments.some(pathish)) continue;
    const top = topLevelFunction(n, fnNodes);
    let scope: ValueScope = { ...fileScope, ...(top ? { params: top.params } : {}) };
    const needsLocals = n.arguments.some((a) => {
      let local = false;
      walk(a, (k) => {
        if (local) return false;
        if (
          ts.isIdentifier(k) &&
          !fileScope.consts.has(k.text) &&
          !fileScope.imports.has(k.text) &&
          !top?.params.includes(k.text)
        )
          local = true;
        return undefined;
      });
      return local;
    });
    if (needsLocals) {
      const fn = enclosingFunctionNode(n);
      if (fn) {
        let locals = localsCache.get(fn);
        if (!locals) localsCache.set(fn, (locals = localConsts(n)));
        scope = { ...scope, consts: new Map([...fileScope.consts, ...locals]) };
      }
    }
    const args = n.arguments.map((a) => {
      if (!pathish(a)) return null;
      const v = evaluate(a, scope);
      return "s" in v && v.s.some((p) => (typeof p === "string" ? p.includes("/") : "ref" in p)) ? v : null;
    });
    if (args.some((a) => a)) out.push({ kind: "call-args", callee: ref, args });
  }
  return out;
}

function enclosingFunctionNode(n: ts.Node): ts.Node | undefined {
  const ts = typescript();
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isFunctionDeclaration(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p) || ts.isMethodDeclaration(p))
      return p;
  }
  return undefined;
}

function property(o: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  const ts = typescript();
  for (const p of o.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

/** The top-level function (by name) a node sits in, with its parameter names. */
function topLevelFunction(
  n: ts.Node,
  fnNodes: Map<string, FunctionNode>,
): { name: string; params: string[] } | undefined {
  for (const [name, fn] of fnNodes) {
    if (n.pos >= fn.pos && n.end <= fn.end) {
      const ts = typescript();
      return { name, params: fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "")) };
    }
  }
  return undefined;
}

/** `const` declarations of the functions around a node (nearest last). */
function localConsts(n: ts.Node): Map<string, ts.Expression> {
  const ts = typescript();
  const out = new Map<string, ts.Expression>();
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (
      !(
        ts.isFunctionDeclaration(p) ||
        ts.isArrowFunction(p) ||
        ts.isFunctionExpression(p) ||
        ts.isMethodDeclaration(p)
      ) ||
      !p.body
    )
      continue;
    walk(p.body, (k) => {
      if (ts.isVariableDeclaration(k) && ts.isIdentifier(k.name) && k.initializer && !out.has(k.name.text))
        out.set(k.name.text, k.initializer);
      return undefined;
    });
  }
  return out;
}

/** Router registrations in a server file: app.post("/path", mw, handler), fastify.route({…}), app.use(mw). */
function registrations(
  sf: ts.SourceFile,
  calls: readonly ts.CallExpression[],
  basePaths: Map<string, ts.Expression>,
  loc: (s: number, e: number, m?: string) => Location,
  lowerer: Lowerer,
  consts: Map<string, ts.Expression>,
  scope: ValueScope,
  readsIn: (nodes: ts.Node[]) => string[],
  fnNodes: Map<string, FunctionNode>,
  receivingImport: boolean,
): HandlerFact[] {
  const ts = typescript();
  const out: HandlerFact[] = [];
  const globals = new Map<string, Array<{ prefix: string; h: HExpr }>>();
  const prefixes = new Map<string, string>();
  const pending: Array<{ obj: string; fact: HandlerFact }> = [];
  const pathOf = (e: ts.Expression | undefined): string | undefined => {
    if (!e) return undefined;
    const v = evaluate(e, scope);
    return "s" in v && v.s.length === 1 && typeof v.s[0] === "string" && v.s[0].startsWith("/") ? v.s[0] : undefined;
  };
  const readsFor = (args: readonly ts.Expression[]): string[] => {
    const nodes: ts.Node[] = [];
    for (const a of args) {
      const u = unwrap(a);
      if (ts.isIdentifier(u) && fnNodes.has(u.text)) nodes.push(fnNodes.get(u.text)!);
      else nodes.push(u);
    }
    return readsIn(nodes);
  };
  const hooksOf = (o: ts.ObjectLiteralExpression): HExpr[] => {
    const hs: HExpr[] = [];
    for (const key of ["preHandler", "preValidation", "onRequest", "preParsing"]) {
      const v = property(o, key);
      if (!v) continue;
      const u = unwrap(v);
      if (ts.isArrayLiteralExpression(u))
        for (const el of u.elements) hs.push(lowerer.hexpr(el as ts.Expression, consts));
      else hs.push(lowerer.hexpr(u, consts));
    }
    return hs;
  };
  for (const [name, e] of basePaths) {
    const p = pathOf(e);
    if (p) prefixes.set(name, p.replace(/\/$/, ""));
  }
  for (const n of calls) {
    const callee = unwrap(n.expression);
    if (!ts.isPropertyAccessExpression(callee)) continue;
    const method = callee.name.text;
    let objExpr = unwrap(callee.expression);
    let path: string | undefined;
    let args = [...n.arguments];
    // app.route("/x").post(handler)
    if (
      ts.isCallExpression(objExpr) &&
      ts.isPropertyAccessExpression(objExpr.expression) &&
      objExpr.expression.name.text === "route" &&
      ROUTER_METHODS.has(method)
    ) {
      path = pathOf(objExpr.arguments[0]);
      objExpr = unwrap(objExpr.expression.expression);
    }
    const obj = memberPath(objExpr)?.join(".");
    if (!obj) continue;
    let methods: string[] | "*" = "*";
    let handlers: ts.Expression[] = [];
    const mws: HExpr[] = [];
    if (method === "route" && args.length === 1 && ts.isObjectLiteralExpression(unwrap(args[0]!))) {
      // fastify.route({ method, url, handler, preHandler })
      const o = unwrap(args[0]!) as ts.ObjectLiteralExpression;
      path = pathOf(property(o, "url") ?? property(o, "path"));
      const m = property(o, "method");
      const ms =
        m && ts.isArrayLiteralExpression(unwrap(m))
          ? (unwrap(m) as ts.ArrayLiteralExpression).elements.map((x) => stringValue(x))
          : [m && stringValue(unwrap(m))];
      if (ms.every((x) => x)) methods = ms.map((x) => x!.toUpperCase());
      const h = property(o, "handler");
      if (h) handlers = [h];
      mws.push(...hooksOf(o));
    } else if (method === "on" && args.length >= 3) {
      // hono: app.on("POST", "/x", handler)
      const m = unwrap(args[0]!);
      const ms = ts.isArrayLiteralExpression(m) ? m.elements.map((x) => stringValue(x)) : [stringValue(m)];
      if (!ms.every((x) => x)) continue;
      methods = ms.map((x) => x!.toUpperCase());
      path = pathOf(args[1]);
      handlers = args.slice(2);
    } else if (
      method === "addHook" &&
      args.length === 2 &&
      stringValue(unwrap(args[0]!)) &&
      /^(onRequest|preHandler|preValidation|preParsing)$/.test(stringValue(unwrap(args[0]!))!)
    ) {
      const list = globals.get(obj) ?? [];
      list.push({ prefix: "", h: lowerer.hexpr(args[1], consts) });
      globals.set(obj, list);
      continue;
    } else if (ROUTER_METHODS.has(method)) {
      if (path === undefined) {
        path = pathOf(args[0]);
        if (path !== undefined) args = args.slice(1);
        else if (ts.isArrayLiteralExpression(unwrap(args[0] ?? n))) continue;
      }
      if (method === "use" && path === undefined) {
        const list = globals.get(obj) ?? [];
        for (const a of args) list.push({ prefix: "", h: lowerer.hexpr(a, consts) });
        globals.set(obj, list);
        continue;
      }
      if (path === undefined || !args.length) continue;
      if (method === "use") {
        // app.use("/prefix", mw…): middleware for the routes under the prefix (and maybe a handler).
        const list = globals.get(obj) ?? [];
        const prefix = path.replace(/\/?\*+$/, "").replace(/\/$/, "");
        for (const a of args) list.push({ prefix, h: lowerer.hexpr(a, consts) });
        globals.set(obj, list);
      }
      methods = method === "all" || method === "use" ? "*" : [method.toUpperCase()];
      // Fastify: app.post(path, { preHandler }, handler)
      const opts = args.length >= 2 ? unwrap(args[0]!) : undefined;
      if (opts && ts.isObjectLiteralExpression(opts)) {
        mws.push(...hooksOf(opts));
        args = args.slice(1);
      }
      handlers = args;
    } else continue;
    if (path === undefined || !handlers.length) continue;
    const last = handlers[handlers.length - 1]!;
    for (const m of handlers.slice(0, -1)) mws.push(lowerer.hexpr(m, consts));
    const h = lowerer.hexpr(last, consts);
    if (h.t === "unknown") continue;
    const base = obj.split(".")[0]!;
    const prefix = prefixes.get(base) ?? "";
    const fact: HandlerFact = {
      kind: "handler",
      pattern: prefix + path,
      suffix: true,
      framework: "router",
      methods,
      h,
      mws,
      at: loc(n.getStart(sf), (n.arguments[0] ?? n).getEnd()),
      name: `${methods === "*" ? "ALL" : methods.join("|")} ${prefix + path}`,
      reads: readsFor(handlers),
      receivingImport: receivingImport && handlers.some((x) => /verify|receiver|signature|serve/i.test(x.getText(sf))),
    };
    pending.push({ obj: base, fact });
  }
  for (const { obj, fact } of pending) {
    for (const g of globals.get(obj) ?? []) {
      if (!g.prefix || fact.pattern === g.prefix || fact.pattern!.startsWith(g.prefix + "/")) fact.mws.push(g.h);
    }
    out.push(fact);
  }
  return out;
}

/** `export const config = { matcher: [...] }` of a Next.js middleware. */
function matchersOf(sf: ts.SourceFile): string[] | null {
  const ts = typescript();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || d.name.text !== "config" || !d.initializer) continue;
      const o = unwrap(d.initializer);
      if (!ts.isObjectLiteralExpression(o)) continue;
      const m = property(o, "matcher");
      if (!m) return null;
      const u = unwrap(m);
      if (ts.isArrayLiteralExpression(u)) return u.elements.map((e) => stringValue(e) ?? "").filter(Boolean);
      const s = stringValue(u);
      return s ? [s] : null;
    }
  }
  return null;
}

const SIGNING_ENV = /^QSTASH_(CURRENT|NEXT)_SIGNING_KEY$/;

export interface KeyFallback {
  start: number;
  end: number;
  name: string;
  value: string;
}

/**
 * A signing key substituted when the environment lacks one: `process.env.QSTASH_CURRENT_SIGNING_KEY =
 * "mock"` or `currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY ?? "fallback"`. Empty strings
 * fail closed and are not reported.
 */
function keyFallback(n: ts.BinaryExpression, sf: ts.SourceFile): KeyFallback | undefined {
  const ts = typescript();
  const op = n.operatorToken.kind;
  if (
    op !== ts.SyntaxKind.EqualsToken &&
    op !== ts.SyntaxKind.QuestionQuestionToken &&
    op !== ts.SyntaxKind.BarBarToken &&
    op !== ts.SyntaxKind.QuestionQuestionEqualsToken &&
    op !== ts.SyntaxKind.BarBarEqualsToken
  ) {
    return undefined;
  }
  const left = unwrap(n.left);
  if (!ts.isPropertyAccessExpression(left) || !SIGNING_ENV.test(left.name.text)) return undefined;
  const p = memberPath(left);
  if (!p || p.length !== 3 || p[0] !== "process" || p[1] !== "env") return undefined;
  const value = stringValue(unwrap(n.right));
  if (!value) return undefined;
  return { start: n.getStart(sf), end: n.getEnd(), name: p[2]!, value };
}
