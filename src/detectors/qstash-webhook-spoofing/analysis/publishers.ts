/**
 * Who sends requests to the app's routes: QStash publishers and the URLs they name (the message's
 * destination, its `callback` and `failureCallback`, a workflow's `failureUrl`, the same URLs in
 * `Upstash-Callback` headers and in REST calls to the QStash API), calls that hand a path to a publish
 * wrapper (`enqueue("/api/jobs/x")`), and the app's own `fetch("/api/…")` calls.
 */
import type * as ts from "typescript";
import { memberPath, propertyNameText, stringValue, unwrap, walk } from "../../ast";
import type { AppCallFact, CallArgsFact, PublishFact, TargetRole } from "./extract";
import type { FileModel } from "./file-scan";
import { enclosingFunctionNode, property, type FunctionNode, type TS } from "./syntax";
import { evaluate, normalise, type Part, type Value, type ValueScope } from "./url-value";
import { QSTASH_MODULE, SERVE_NAMES, WORKFLOW_MODULE } from "./vocabulary";

const PUBLISH_METHODS = new Set(["publish", "publishJSON", "enqueue", "enqueueJSON"]);

/** Option keys that name a URL QStash will call, and which delivery reaches it. */
const KEY_ROLES: Record<string, TargetRole> = {
  url: "destination",
  destination: "destination",
  callback: "callback",
  failureCallback: "failure-callback",
  failureUrl: "failure-callback",
};
/** The same URLs given as headers (`Upstash-Callback: https://…`). */
const HEADER_ROLES: Record<string, TargetRole> = {
  "upstash-callback": "callback",
  "upstash-failure-callback": "failure-callback",
};

interface PublishApi {
  /** Whether a method call `owner.method(…)` is this API (`workflowish`: the file names QStash). */
  test(method: string, owner: string | undefined, workflowish: boolean): boolean;
  keys: string[];
  /** Where the option objects are: the first argument, a list of them, or `{ endpoints: [...] }`. */
  shape: "object" | "array" | "array-or-object" | "endpoints";
}

const PUBLISH_APIS: PublishApi[] = [
  { test: (m) => PUBLISH_METHODS.has(m), keys: ["url", "callback", "failureCallback"], shape: "object" },
  { test: (m) => m === "batch" || m === "batchJSON", keys: ["url", "callback", "failureCallback"], shape: "array" },
  {
    test: (m, owner) => m === "create" && owner === "schedules",
    keys: ["destination", "callback", "failureCallback"],
    shape: "object",
  },
  {
    test: (m, owner) => m === "addEndpoints" && (owner === "urlGroups" || owner === "topics"),
    keys: ["url"],
    shape: "endpoints",
  },
  { test: (m, _owner, wf) => m === "trigger" && wf, keys: ["url", "failureUrl"], shape: "array-or-object" },
];

const FETCH_MODULE = /^(node-fetch|cross-fetch|undici|isomorphic-fetch)$/;
/** The QStash REST API's publishing paths: what follows is the destination URL. */
const REST_PUBLISH = /\/v[12]\/(publish|enqueue\/[^/]+|schedules)\//;

interface Target {
  node: ts.Expression;
  role: TargetRole;
  /** The option object the URL sits in (its `method` applies to the destination). */
  obj?: ts.ObjectLiteralExpression;
  /** A value already computed (the destination part of a REST URL). */
  value?: Value;
}

/** QStash publish calls and the URL values they target. */
export function publishers(m: FileModel): PublishFact[] {
  const out: PublishFact[] = [];
  const workflowish = /@upstash\/workflow|qstash/i.test(m.sf.text);
  for (const n of m.calls) {
    const found = targetsOf(m, n, workflowish);
    if (!found) continue;
    const top = topLevelFunction(m.ts, n, m.fnNodes);
    const scope: ValueScope = {
      ...m.scope,
      consts: new Map([...m.scope.consts, ...localConsts(m.ts, n)]),
      ...(top ? { params: top.params } : {}),
    };
    for (const t of found.targets) out.push(publishFact(m, t, scope, found.api, top?.name));
  }
  return out;
}

function publishFact(m: FileModel, t: Target, scope: ValueScope, api: string, fn: string | undefined): PublishFact {
  const { ts } = m;
  const value = t.value ? restValue(t.value) : evaluate(t.node, scope);
  const method = t.role === "destination" && t.obj ? property(ts, t.obj, "method") : undefined;
  const methodName = method ? stringValue(unwrap(method))?.toUpperCase() : undefined;
  const note =
    t.role === "destination"
      ? "QStash delivers messages to this URL"
      : t.role === "callback"
        ? "QStash calls this URL with the result of each delivery"
        : "QStash calls this URL when a delivery fails";
  return {
    kind: "publish",
    value,
    ...(methodName ? { method: methodName } : method ? { method: "*" } : {}),
    at: m.loc(t.node.getStart(m.sf), t.node.getEnd(), note),
    ...(fn ? { fn } : {}),
    api,
    ...(t.role !== "destination" ? { role: t.role } : {}),
  };
}

/** The URLs one call hands to QStash, if it publishes. */
function targetsOf(
  m: FileModel,
  n: ts.CallExpression,
  workflowish: boolean,
): { api: string; targets: Target[] } | undefined {
  const { ts } = m;
  const callee = unwrap(n.expression);
  if (ts.isIdentifier(callee)) return identifierCall(m, n, callee.text);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const method = callee.name.text;
  const owner = memberPath(callee.expression)?.slice(-1)[0];
  const api = PUBLISH_APIS.find((a) => a.test(method, owner, workflowish));
  if (!api) return undefined;
  const targets = optionObjects(ts, n.arguments[0], api.shape).flatMap((o) => urlsOf(ts, o, api.keys));
  return targets.length ? { api: method, targets } : undefined;
}

/** `serve(fn, { failureUrl })` of @upstash/workflow, and `fetch("https://qstash.upstash.io/v2/publish/…")`. */
function identifierCall(
  m: FileModel,
  n: ts.CallExpression,
  name: string,
): { api: string; targets: Target[] } | undefined {
  const { ts } = m;
  const b = m.imports.get(name);
  if (b && (WORKFLOW_MODULE.test(b.module) || QSTASH_MODULE.test(b.module)) && SERVE_NAMES.has(b.imported)) {
    const opts = n.arguments[1] && unwrap(n.arguments[1]);
    const targets = opts && ts.isObjectLiteralExpression(opts) ? urlsOf(ts, opts, ["failureUrl"]) : [];
    return targets.length ? { api: b.imported, targets } : undefined;
  }
  if (name !== "fetch" || (b && !FETCH_MODULE.test(b.module)) || !n.arguments[0]) return undefined;
  const url = evaluate(n.arguments[0], { ...m.scope, consts: new Map([...m.scope.consts, ...localConsts(ts, n)]) });
  if (!("s" in url) || !restDestination(url.s)) return undefined;
  const init = n.arguments[1] && unwrap(n.arguments[1]);
  const targets: Target[] = [{ node: n.arguments[0], role: "destination", value: url }];
  if (init && ts.isObjectLiteralExpression(init)) targets.push(...headerUrls(ts, init));
  return { api: "fetch", targets };
}

/** A REST publish URL's destination part. */
function restValue(v: Value): Value {
  const dest = "s" in v ? restDestination(v.s) : undefined;
  return dest ? { s: dest } : v;
}

/** `…/v2/publish/<destination>` → the destination's parts. */
function restDestination(parts: readonly Part[]): Part[] | undefined {
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (typeof p !== "string") continue;
    const hit = REST_PUBLISH.exec(p);
    if (hit) return normalise([p.slice(hit.index + hit[0].length), ...parts.slice(i + 1)]);
  }
  return undefined;
}

function optionObjects(
  ts: TS,
  arg: ts.Expression | undefined,
  shape: PublishApi["shape"],
): ts.ObjectLiteralExpression[] {
  const u = arg && unwrap(arg);
  if (!u) return [];
  const objects = (list: readonly ts.Expression[]) =>
    list.map((x) => unwrap(x)).filter((x): x is ts.ObjectLiteralExpression => ts.isObjectLiteralExpression(x));
  if (ts.isArrayLiteralExpression(u))
    return shape === "array" || shape === "array-or-object" ? objects(u.elements) : [];
  if (!ts.isObjectLiteralExpression(u) || shape === "array") return [];
  if (shape !== "endpoints") return [u];
  const eps = property(ts, u, "endpoints");
  return eps && ts.isArrayLiteralExpression(unwrap(eps))
    ? objects((unwrap(eps) as ts.ArrayLiteralExpression).elements)
    : [];
}

/** The URL options of one option object, with the callbacks given as headers. */
function urlsOf(ts: TS, o: ts.ObjectLiteralExpression, keys: readonly string[]): Target[] {
  const out: Target[] = [];
  for (const k of keys) {
    const v = property(ts, o, k);
    if (v) out.push({ node: v, obj: o, role: KEY_ROLES[k]! });
  }
  return [...out, ...headerUrls(ts, o)];
}

/** `headers: { "Upstash-Callback": url, "Upstash-Failure-Callback": url }`. */
function headerUrls(ts: TS, o: ts.ObjectLiteralExpression): Target[] {
  const h = property(ts, o, "headers");
  const headers = h && unwrap(h);
  if (!headers || !ts.isObjectLiteralExpression(headers)) return [];
  const out: Target[] = [];
  for (const p of headers.properties) {
    const role = ts.isPropertyAssignment(p) ? HEADER_ROLES[(propertyNameText(p.name) ?? "").toLowerCase()] : undefined;
    if (role && ts.isPropertyAssignment(p)) out.push({ node: p.initializer, role });
  }
  return out;
}

/** Calls that pass a path-like string to a function (publish wrappers: `enqueue("/api/jobs/x")`). */
export function callArgs(m: FileModel): CallArgsFact[] {
  const { ts } = m;
  const out: CallArgsFact[] = [];
  const localsCache = new Map<ts.Node, Map<string, ts.Expression>>();
  for (const n of m.calls) {
    if (!n.arguments.length) continue;
    const ref = calleeRef(m, n);
    if (!ref || !n.arguments.some((a) => pathish(m, a))) continue;
    const top = topLevelFunction(ts, n, m.fnNodes);
    let scope: ValueScope = { ...m.scope, ...(top ? { params: top.params } : {}) };
    if (n.arguments.some((a) => readsLocals(m, a, top?.params))) {
      const fn = enclosingFunctionNode(ts, n);
      if (fn) {
        let locals = localsCache.get(fn);
        if (!locals) localsCache.set(fn, (locals = localConsts(ts, n)));
        scope = { ...scope, consts: new Map([...m.scope.consts, ...locals]) };
      }
    }
    const args = n.arguments.map((a) => {
      if (!pathish(m, a)) return null;
      const v = evaluate(a, scope);
      return "s" in v && v.s.some((p) => (typeof p === "string" ? p.includes("/") : "ref" in p)) ? v : null;
    });
    if (args.some((a) => a)) out.push({ kind: "call-args", callee: ref, args });
  }
  return out;
}

function calleeRef(m: FileModel, n: ts.CallExpression): CallArgsFact["callee"] | undefined {
  const { ts } = m;
  const callee = unwrap(n.expression);
  if (ts.isIdentifier(callee)) {
    const b = m.imports.get(callee.text);
    if (b && b.imported !== "*") return { k: "import", spec: b.module, name: b.imported };
    return m.fnNodes.has(callee.text) ? { k: "local", name: callee.text } : undefined;
  }
  if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
    const b = m.imports.get(callee.expression.text);
    if (b?.imported === "*") return { k: "import", spec: b.module, name: callee.name.text };
  }
  return undefined;
}

/** Cheap test first: most calls pass objects, callbacks or values that are no path at all. */
function pathish(m: FileModel, a: ts.Expression): boolean {
  const { ts } = m;
  const u = unwrap(a);
  if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u)) return u.text.includes("/");
  if (ts.isTemplateExpression(u))
    return u.head.text.includes("/") || u.templateSpans.some((sp) => sp.literal.text.includes("/"));
  if (ts.isBinaryExpression(u)) return u.operatorToken.kind === ts.SyntaxKind.PlusToken;
  if (ts.isIdentifier(u)) {
    // A constant holding an object, a call or a function is no path (and costly to evaluate).
    const init = m.scope.consts.get(u.text);
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
}

/** Whether an argument names something that is neither a file constant, an import nor a parameter. */
function readsLocals(m: FileModel, a: ts.Expression, params: readonly string[] | undefined): boolean {
  const { ts } = m;
  let local = false;
  walk(a, (k) => {
    if (local) return false;
    if (ts.isIdentifier(k) && !m.scope.consts.has(k.text) && !m.scope.imports.has(k.text) && !params?.includes(k.text))
      local = true;
    return undefined;
  });
  return local;
}

/** The top-level function (by name) a node sits in, with its parameter names. */
function topLevelFunction(
  ts: TS,
  n: ts.Node,
  fnNodes: Map<string, FunctionNode>,
): { name: string; params: string[] } | undefined {
  for (const [name, fn] of fnNodes) {
    if (n.pos >= fn.pos && n.end <= fn.end)
      return { name, params: fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "")) };
  }
  return undefined;
}

/** `const` declarations of the functions around a node (nearest last). */
function localConsts(ts: TS, n: ts.Node): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  for (let p: ts.Node | undefined = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
    const body =
      ts.isFunctionDeclaration(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p) || ts.isMethodDeclaration(p)
        ? p.body
        : undefined;
    if (!body) continue;
    walk(body, (k) => {
      if (ts.isVariableDeclaration(k) && ts.isIdentifier(k.name) && k.initializer && !out.has(k.name.text))
        out.set(k.name.text, k.initializer);
      return undefined;
    });
  }
  return out;
}

/** Request helpers whose first argument is the URL (`fetch("/api/x")`, `axios.post("/api/x")`). */
const APP_FETCH = /^(fetch|\$fetch|ofetch|useFetch|useSWR|axios|ky)$/;
const APP_FETCH_METHOD = /^(get|post|put|patch|delete|request)$/;

/**
 * The app's own requests to its routes: a same-origin `fetch("/api/x", { method })` (a relative URL,
 * so browser code) says the route serves the app's UI. Absolute URLs are left out: server code that
 * calls its own API by URL says nothing either way.
 */
export function appCalls(m: FileModel): AppCallFact[] {
  const { ts } = m;
  const out: AppCallFact[] = [];
  for (const n of m.calls) {
    const callee = unwrap(n.expression);
    const path = memberPath(callee);
    if (!path || !n.arguments[0]) continue;
    const viaMethod = path.length === 2 && APP_FETCH.test(path[0]!) && APP_FETCH_METHOD.test(path[1]!);
    if (!(path.length === 1 && APP_FETCH.test(path[0]!)) && !viaMethod) continue;
    const v = evaluate(n.arguments[0], m.scope);
    if (!("s" in v) || typeof v.s[0] !== "string" || !v.s[0].startsWith("/") || v.s[0].startsWith("//")) continue;
    const url = v.s.map((p) => (typeof p === "string" ? p : "*")).join("");
    const init = n.arguments[1] && unwrap(n.arguments[1]);
    const method = viaMethod
      ? path[1]!.toUpperCase()
      : (init && ts.isObjectLiteralExpression(init) && stringValue(property(ts, init, "method"))?.toUpperCase()) ||
        "GET";
    out.push({ kind: "app-call", path: url.split(/[?#]/)[0]!, method });
  }
  return out;
}
