/**
 * Router registrations in a server file — `app.post("/path", mw, handler)` (Express, Hono, Koa, h3, …),
 * `app.route("/x").post(h)`, Hono's `app.on("POST", "/x", h)`, `fastify.route({ url, handler })` with
 * its hooks — and the middleware that `app.use(…)` / `addHook` put in front of them. Each route records
 * how it is registered (its section of the URL space, where its handler comes from, which other
 * middleware it has) so the project phase can compare it with its verified siblings.
 */
import type * as ts from "typescript";
import { memberPath, stringValue, unwrap, walk } from "../../ast";
import type { HandlerFact, RouteShape, UnusedImportsFact } from "./extract";
import type { FileModel } from "./file-scan";
import type { HExpr } from "./ir";
import { GENERIC_SEGMENT } from "./routes";
import { property, type TS } from "./syntax";
import { evaluate } from "./url-value";

export const SERVER_MODULES =
  /^(express|hono|hono\/.*|@hono\/.*|fastify|itty-router|elysia|koa-router|@koa\/router|h3|polka|restify|@fastify\/.*)$/;
const ROUTER_METHODS = new Set(["get", "post", "put", "patch", "delete", "all", "use", "options", "head"]);
const FASTIFY_HOOKS = ["preHandler", "preValidation", "onRequest", "preParsing"];
/** Route middleware that parses, validates, logs or limits: no credential check. */
const PLUMBING_MW =
  /^(json|raw|text|urlencoded|cors|helmet|compression|morgan|logger|single|array|fields|none|any|validate\w*|zValidator|vValidator|validator|rateLimit\w*|limiter|upload)$/;

interface Registration {
  /** The router object as written (`app`, `router`, `api.v1`). */
  obj: string;
  path: string;
  methods: string[] | "*";
  /** Middleware then the final handler, as registered. */
  handlers: ts.Expression[];
  /** Hooks given in an options object (Fastify). */
  hooks: ts.Expression[];
}

type Globals = Map<string, Array<{ prefix: string; h: HExpr }>>;

export function registrations(
  m: FileModel,
  basePaths: ReadonlyMap<string, ts.Expression>,
): Array<HandlerFact | UnusedImportsFact> {
  const prefixes = new Map<string, string>();
  for (const [name, e] of basePaths) {
    const p = pathOf(m, e);
    if (p) prefixes.set(name, p.replace(/\/$/, ""));
  }
  const globals: Globals = new Map();
  const pending: Array<{ obj: string; fact: HandlerFact }> = [];
  for (const n of m.calls) {
    const r = parseCall(m, n, globals);
    const fact = r && handlerFact(m, n, r, prefixes);
    if (fact) pending.push({ obj: r.obj.split(".")[0]!, fact });
  }
  const out: Array<HandlerFact | UnusedImportsFact> = [];
  for (const { obj, fact } of pending) {
    for (const g of globals.get(obj) ?? []) {
      if (!g.prefix || fact.pattern === g.prefix || fact.pattern!.startsWith(g.prefix + "/")) fact.mws.push(g.h);
    }
    out.push(fact);
  }
  const unused = pending.length ? unusedImports(m) : [];
  if (unused.length) out.push({ kind: "unused-imports", imports: unused });
  return out;
}

function pathOf(m: FileModel, e: ts.Expression | undefined): string | undefined {
  if (!e) return undefined;
  const v = evaluate(e, m.scope);
  return "s" in v && v.s.length === 1 && typeof v.s[0] === "string" && v.s[0].startsWith("/") ? v.s[0] : undefined;
}

function addGlobal(globals: Globals, obj: string, prefix: string, hs: HExpr[]): void {
  const list = globals.get(obj) ?? [];
  for (const h of hs) list.push({ prefix, h });
  globals.set(obj, list);
}

/** A registration call, or undefined (after recording any global middleware it adds). */
function parseCall(m: FileModel, n: ts.CallExpression, globals: Globals): Registration | undefined {
  const { ts } = m;
  const callee = unwrap(n.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  let objExpr = unwrap(callee.expression);
  let path: string | undefined;
  // app.route("/x").post(handler)
  if (
    ts.isCallExpression(objExpr) &&
    ts.isPropertyAccessExpression(objExpr.expression) &&
    objExpr.expression.name.text === "route" &&
    ROUTER_METHODS.has(method)
  ) {
    path = pathOf(m, objExpr.arguments[0]);
    objExpr = unwrap(objExpr.expression.expression);
  }
  const obj = memberPath(objExpr)?.join(".");
  if (!obj) return undefined;
  const args = [...n.arguments];
  if (method === "route" && args.length === 1 && ts.isObjectLiteralExpression(unwrap(args[0]!)))
    return fastifyRoute(m, obj, unwrap(args[0]!) as ts.ObjectLiteralExpression);
  if (method === "on" && args.length >= 3) return honoOn(m, obj, args);
  if (method === "addHook") {
    const hook = args.length === 2 ? stringValue(unwrap(args[0]!)) : undefined;
    if (hook && FASTIFY_HOOKS.includes(hook)) addGlobal(globals, obj, "", [m.lowerer.hexpr(args[1], m.consts)]);
    return undefined;
  }
  if (!ROUTER_METHODS.has(method)) return undefined;
  return routerMethod(m, n, { obj, method, path, args }, globals);
}

/** fastify.route({ method, url, handler, preHandler }) */
function fastifyRoute(m: FileModel, obj: string, o: ts.ObjectLiteralExpression): Registration | undefined {
  const { ts } = m;
  const path = pathOf(m, property(ts, o, "url") ?? property(ts, o, "path"));
  const h = property(ts, o, "handler");
  if (path === undefined || !h) return undefined;
  const mv = property(ts, o, "method");
  const ms =
    mv && ts.isArrayLiteralExpression(unwrap(mv))
      ? (unwrap(mv) as ts.ArrayLiteralExpression).elements.map((x) => stringValue(x))
      : [mv && stringValue(unwrap(mv))];
  const methods = ms.every((x) => x) ? ms.map((x) => x!.toUpperCase()) : "*";
  return { obj, path, methods, handlers: [h], hooks: hooksOf(ts, o) };
}

/** hono: app.on("POST", "/x", handler) */
function honoOn(m: FileModel, obj: string, args: ts.Expression[]): Registration | undefined {
  const { ts } = m;
  const first = unwrap(args[0]!);
  const ms = ts.isArrayLiteralExpression(first) ? first.elements.map((x) => stringValue(x)) : [stringValue(first)];
  const path = pathOf(m, args[1]);
  if (!ms.every((x) => x) || path === undefined) return undefined;
  return { obj, path, methods: ms.map((x) => x!.toUpperCase()), handlers: args.slice(2), hooks: [] };
}

/** app.post("/x", mw, handler), app.use("/prefix", mw), app.use(mw), Fastify's app.post(path, opts, h). */
function routerMethod(
  m: FileModel,
  n: ts.CallExpression,
  call: { obj: string; method: string; path: string | undefined; args: ts.Expression[] },
  globals: Globals,
): Registration | undefined {
  const { ts } = m;
  const { obj, method } = call;
  let { path, args } = call;
  if (path === undefined) {
    path = pathOf(m, args[0]);
    if (path !== undefined) args = args.slice(1);
    else if (ts.isArrayLiteralExpression(unwrap(args[0] ?? n))) return undefined;
  }
  if (method === "use" && path === undefined) {
    addGlobal(
      globals,
      obj,
      "",
      args.map((a) => m.lowerer.hexpr(a, m.consts)),
    );
    return undefined;
  }
  if (path === undefined || !args.length) return undefined;
  if (method === "use") {
    // app.use("/prefix", mw…): middleware for the routes under the prefix (and maybe a handler).
    const prefix = path.replace(/\/?\*+$/, "").replace(/\/$/, "");
    addGlobal(
      globals,
      obj,
      prefix,
      args.map((a) => m.lowerer.hexpr(a, m.consts)),
    );
  }
  const methods = method === "all" || method === "use" ? "*" : [method.toUpperCase()];
  // Fastify: app.post(path, { preHandler }, handler)
  const opts = args.length >= 2 ? unwrap(args[0]!) : undefined;
  if (opts && ts.isObjectLiteralExpression(opts))
    return { obj, path, methods, handlers: args.slice(1), hooks: hooksOf(ts, opts) };
  return { obj, path, methods, handlers: args, hooks: [] };
}

function hooksOf(ts: TS, o: ts.ObjectLiteralExpression): ts.Expression[] {
  const hs: ts.Expression[] = [];
  for (const key of FASTIFY_HOOKS) {
    const v = property(ts, o, key);
    if (!v) continue;
    const u = unwrap(v);
    if (ts.isArrayLiteralExpression(u)) hs.push(...u.elements);
    else hs.push(u);
  }
  return hs;
}

function handlerFact(
  m: FileModel,
  n: ts.CallExpression,
  r: Registration,
  prefixes: ReadonlyMap<string, string>,
): HandlerFact | undefined {
  const { ts, sf, lowerer, consts } = m;
  if (!r.handlers.length) return undefined;
  const mws = r.hooks.map((x) => lowerer.hexpr(x, consts));
  const last = r.handlers[r.handlers.length - 1]!;
  for (const x of r.handlers.slice(0, -1)) mws.push(lowerer.hexpr(x, consts));
  const h = lowerer.hexpr(last, consts);
  if (h.t === "unknown") return undefined;
  const prefix = prefixes.get(r.obj.split(".")[0]!) ?? "";
  const pattern = prefix + r.path;
  const reads: ts.Node[] = r.handlers.map((a) => {
    const u = unwrap(a);
    return ts.isIdentifier(u) && m.fnNodes.has(u.text) ? m.fnNodes.get(u.text)! : u;
  });
  return {
    kind: "handler",
    pattern,
    suffix: true,
    framework: "router",
    methods: r.methods,
    h,
    mws,
    at: m.loc(n.getStart(sf), (n.arguments[0] ?? n).getEnd()),
    name: `${r.methods === "*" ? "ALL" : r.methods.join("|")} ${pattern}`,
    reads: m.readsIn(reads),
    receivingImport:
      m.receivingImport && r.handlers.some((x) => /verify|receiver|signature|serve/i.test(x.getText(sf))),
    route: shapeOf(m, r, pattern, last),
  };
}

/** How a route is registered, for comparing it with the routes around it. */
function shapeOf(m: FileModel, r: Registration, pattern: string, last: ts.Expression): RouteShape {
  const section = pattern
    .split("/")
    .find((seg) => seg && !seg.startsWith(":") && !seg.includes("*") && !GENERIC_SEGMENT.test(seg));
  const from = handlerModule(m, last);
  const otherMws = [...r.hooks, ...r.handlers.slice(0, -1)]
    .map((x) => middlewareName(m.ts, x))
    .filter((name) => !PLUMBING_MW.test(name));
  return {
    router: r.obj.split(".")[0]!,
    ...(section ? { section } : {}),
    ...(from ? { handlerFrom: from } : {}),
    otherMws,
  };
}

/** The module an imported handler (`handleX`, `controller.handleX`) comes from. */
function handlerModule(m: FileModel, e: ts.Expression): string | undefined {
  const { ts } = m;
  const u = unwrap(e);
  const root = ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) ? memberPath(u)?.[0] : undefined;
  return root ? m.imports.get(root)?.module : undefined;
}

/** `express.json()` → "json", `requireAuth` → "requireAuth", `auth.check()` → "check". */
function middlewareName(ts: TS, e: ts.Expression): string {
  let u = unwrap(e);
  while (ts.isCallExpression(u)) u = unwrap(u.expression);
  return memberPath(u)?.slice(-1)[0] ?? "";
}

/**
 * Imports nothing in the file refers to: declaration names and import clauses do not count. Only
 * modules of the app itself (relative or aliased paths) — an unused package import says nothing.
 */
function unusedImports(m: FileModel): UnusedImportsFact["imports"] {
  const { ts } = m;
  const used = new Set<string>();
  walk(m.sf, (n) => {
    if (ts.isImportDeclaration(n)) return false;
    if (ts.isIdentifier(n) && !isDeclarationName(ts, n)) used.add(n.text);
    return undefined;
  });
  const out: UnusedImportsFact["imports"] = [];
  for (const [local, b] of m.imports) {
    if (used.has(local) || b.imported === "*" || !/^(\.|@\/|~\/|#|\$lib)/.test(b.module)) continue;
    out.push({ spec: b.module, name: b.imported, local });
  }
  return out;
}

function isDeclarationName(ts: TS, n: ts.Identifier): boolean {
  const p = n.parent;
  return (
    (ts.isBindingElement(p) && (p.name === n || p.propertyName === n)) || (ts.isVariableDeclaration(p) && p.name === n)
  );
}
