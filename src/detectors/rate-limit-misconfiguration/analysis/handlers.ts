/**
 * Request handlers and their runtime: which functions run once per request (route exports,
 * middleware, Express/Hono routes, tRPC procedures, server actions, Workers `fetch`), which files run
 * on an edge runtime where `pending` must be handed to `waitUntil`, which routes guard
 * authentication, and which parameters the client fills in.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { hasModifier } from "../../../engine/exports";
import { importBindings, memberPath, propertyNameText, unwrap, walk } from "../../ast";
import type { ClientSource } from "./identifiers";
import { declarationOf } from "./scope";

const ROUTE_EXPORTS = new Set([
  "GET",
  "POST",
  "PUT",
  "PATCH",
  "DELETE",
  "HEAD",
  "OPTIONS",
  "ALL",
  "loader",
  "action",
  "handle",
  "handler",
  "middleware",
  "proxy",
  "load",
  "getServerSideProps",
]);
const ROUTER_METHODS = new Set([
  "get",
  "post",
  "put",
  "patch",
  "delete",
  "del",
  "all",
  "use",
  "options",
  "head",
  "on",
  "route",
]);
const TRPC_RESOLVERS = new Set(["query", "mutation", "subscription"]);
const ACTION_RESOLVERS = new Set(["action", "stateAction", "inputSchema"]);
const H3_WRAPPERS = new Set([
  "defineEventHandler",
  "eventHandler",
  "defineHandler",
  "createHandler",
  "withAuth",
  "withRateLimit",
  "withApiAuth",
]);
const AUTH_SENSITIVE =
  /(log-?in|sign-?in|sign-?up|register|auth|password|passwd|passcode|reset|forgot|otp|2fa|mfa|totp|verif|magic-?link|credential|session)/i;

interface BuildState {
  runtime: string | undefined;
  waitUntil: boolean;
}

/** Calls (besides router, tRPC, action and H3 vocabularies) that register a handler function. */
const REGISTRARS = new Set(["middleware", "createMiddleware", "addEventListener"]);
const REGISTERING = [ROUTER_METHODS, TRPC_RESOLVERS, ACTION_RESOLVERS, H3_WRAPPERS, REGISTRARS];

/** A parameter typed as a context with `waitUntil`, or a `.waitUntil` read. */
function offersWaitUntil(n: ts.Node, sf: ts.SourceFile): boolean {
  const ts = typescript();
  if (ts.isPropertyAccessExpression(n) && n.name.text === "waitUntil") return true;
  return (
    ts.isParameter(n) &&
    !!n.type &&
    ts.isTypeReferenceNode(n.type) &&
    /^(ExecutionContext|NextFetchEvent|FetchEvent)$/.test(n.type.typeName.getText(sf))
  );
}

/** A route path as the first argument: a string, template, regular expression or list of them. */
function hasPathArgument(n: ts.CallExpression): boolean {
  const ts = typescript();
  const first = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
  return Boolean(
    first &&
    (ts.isStringLiteral(first) ||
      ts.isNoSubstitutionTemplateLiteral(first) ||
      ts.isTemplateExpression(first) ||
      ts.isRegularExpressionLiteral(first) ||
      ts.isArrayLiteralExpression(first)),
  );
}

export class HandlerIndex {
  private readonly handlers = new Set<ts.Node>();
  private readonly clientParamFns = new Map<ts.Node, "trpc" | "action" | "server-action">();
  readonly useServerFile: boolean;
  readonly edge: boolean;
  readonly nodeRuntimeDeclared: boolean;
  /** The file or its handlers can hand work to `waitUntil` (Workers ExecutionContext, NextFetchEvent, @vercel/functions). */
  readonly waitUntilAvailable: boolean;
  readonly middlewareFile: boolean;

  constructor(
    readonly sf: ts.SourceFile,
    readonly path: string,
  ) {
    const ts = typescript();
    const imports = importBindings(sf);
    const modules = new Set([...imports.values()].map((b) => b.module));
    this.useServerFile = hasDirective(sf.statements, "use server");
    const base = path.split("/").pop() ?? "";
    const state: BuildState = { runtime: undefined, waitUntil: false };
    for (const b of imports.values()) if (b.imported === "waitUntil") state.waitUntil = true;
    for (const stmt of sf.statements) this.collectStatement(stmt, state);
    walk(sf, (n) => {
      if (ts.isFunctionLike(n) && hasBodyDirective(n, "use server")) this.addServerAction(n);
      if (offersWaitUntil(n, sf)) state.waitUntil = true;
      if (ts.isCallExpression(n) && n.arguments.length) this.collectRegistration(n, sf);
    });
    const runtime = state.runtime;

    this.middlewareFile =
      /^middleware\.(ts|js|mjs|tsx|jsx)$/.test(base) &&
      (modules.has("next/server") || [...modules].some((m) => m.startsWith("next")));
    this.nodeRuntimeDeclared = runtime === "nodejs";
    this.edge = runtime === "edge" || runtime === "experimental-edge" || (this.middlewareFile && runtime !== "nodejs");
    this.waitUntilAvailable = state.waitUntil;
  }

  /** Handlers and server actions a top-level statement exports, and the runtime it declares. */
  private collectStatement(stmt: ts.Statement, state: BuildState): void {
    const ts = typescript();
    const exported = hasExport(stmt);
    if (ts.isVariableStatement(stmt)) {
      if (exported) for (const d of stmt.declarationList.declarations) this.collectExportedVariable(d, state);
    } else if (ts.isFunctionDeclaration(stmt) && exported) {
      if (!stmt.name) this.handlers.add(stmt);
      else {
        if (ROUTE_EXPORTS.has(stmt.name.text)) this.handlers.add(stmt);
        if (this.useServerFile) this.addServerAction(stmt);
      }
    } else if (ts.isExportAssignment(stmt)) this.collectDefaultExport(stmt, state);
  }

  /** `export const runtime = "edge"`, `export const config = { runtime }`, `export const GET = …`, server actions. */
  private collectExportedVariable(d: ts.VariableDeclaration, state: BuildState): void {
    const ts = typescript();
    if (!ts.isIdentifier(d.name) || !d.initializer) return;
    const init = unwrap(d.initializer);
    if (d.name.text === "runtime") state.runtime = stringOf(init) ?? state.runtime;
    if (d.name.text === "config" && ts.isObjectLiteralExpression(init)) {
      for (const p of init.properties)
        if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === "runtime")
          state.runtime = stringOf(unwrap(p.initializer)) ?? state.runtime;
    }
    if (ROUTE_EXPORTS.has(d.name.text)) this.addHandler(init);
    if (this.useServerFile && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) this.addServerAction(init);
  }

  /** `export default handler`, or Workers / Deno / Bun: `export default { fetch(request, env, ctx) { … } }`. */
  private collectDefaultExport(stmt: ts.ExportAssignment, state: BuildState): void {
    const ts = typescript();
    const e = unwrap(stmt.expression);
    if (!ts.isObjectLiteralExpression(e)) return this.addHandler(e);
    for (const p of e.properties) {
      const name = p.name ? propertyNameText(p.name) : undefined;
      if (name !== "fetch") continue;
      if (ts.isMethodDeclaration(p)) this.handlers.add(p);
      else if (ts.isPropertyAssignment(p)) this.addHandler(unwrap(p.initializer));
      state.waitUntil = true;
    }
  }

  /** Functions handed to a router, tRPC/action builder, H3 wrapper or event listener. */
  private collectRegistration(n: ts.CallExpression, sf: ts.SourceFile): void {
    const ts = typescript();
    const callee = unwrap(n.expression);
    const method = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : "";
    if (!REGISTERING.some((set) => set.has(method))) return;
    const fns = n.arguments
      .map((a) => unwrap(a))
      .filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a) || ts.isIdentifier(a));
    if (!fns.length) return;
    if (ts.isPropertyAccessExpression(callee)) this.memberRegistration(n, callee, method, fns, sf);
    else if (ts.isIdentifier(callee) && (H3_WRAPPERS.has(method) || REGISTRARS.has(method)))
      this.addAll(fns, method === "middleware" ? "trpc" : undefined);
  }

  /** `app.get("/x", fn)`, `t.procedure.query(fn)`, `actionClient.action(fn)`, `self.addEventListener("fetch", fn)`. */
  private memberRegistration(
    n: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
    method: string,
    fns: ts.Expression[],
    sf: ts.SourceFile,
  ): void {
    const receiver = memberPath(callee.expression)?.join(".") ?? callee.expression.getText(sf);
    if (ROUTER_METHODS.has(method) && (hasPathArgument(n) || method === "use") && !/procedure/i.test(receiver))
      this.addAll(fns);
    if (TRPC_RESOLVERS.has(method) || (method === "use" && /procedure|^t$|trpc/i.test(receiver)))
      this.addAll(fns, "trpc");
    if (ACTION_RESOLVERS.has(method) && /action|client/i.test(receiver)) this.addAll(fns, "action");
    if (method === "middleware" || method === "addEventListener") this.addAll(fns);
  }

  /** Registers handlers; `kind` marks function literals whose parameters the client fills. */
  private addAll(fns: ts.Expression[], kind?: "trpc" | "action"): void {
    const ts = typescript();
    for (const f of fns) {
      this.addHandler(f);
      if (kind && (ts.isArrowFunction(f) || ts.isFunctionExpression(f))) this.clientParamFns.set(f, kind);
    }
  }

  private addHandler(node: ts.Node): void {
    const ts = typescript();
    const n = unwrap(node as ts.Expression);
    if (
      ts.isArrowFunction(n) ||
      ts.isFunctionExpression(n) ||
      ts.isFunctionDeclaration(n) ||
      ts.isMethodDeclaration(n)
    ) {
      this.handlers.add(n);
      return;
    }
    // A wrapped handler: `export const POST = withAuth(async (req) => …)`.
    if (ts.isCallExpression(n)) for (const a of n.arguments) this.addHandler(a);
    // A named function registered elsewhere in the file: `app.use(rateLimit)`.
    if (ts.isIdentifier(n)) {
      const d = declarationOf(n);
      if (d && ts.isFunctionDeclaration(d)) this.handlers.add(d);
      else if (d && ts.isVariableDeclaration(d) && d.initializer) {
        const init = unwrap(d.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) this.handlers.add(init);
      }
    }
  }

  private addServerAction(fn: ts.Node): void {
    this.handlers.add(fn);
    this.clientParamFns.set(fn, "server-action");
  }

  /**
   * Whether `fn` is registered with a framework as a request handler (route export, middleware,
   * router callback, procedure, server action): what it returns goes to the framework, not to code we
   * can follow.
   */
  isHandler(fn: ts.Node): boolean {
    return this.handlers.has(fn);
  }

  private readonly perRequest = new Map<ts.Node, boolean>();

  /** Whether `fn` runs once per request: a registered handler, or a function taking a request. */
  runsPerRequest(fn: ts.Node): boolean {
    let v = this.perRequest.get(fn);
    if (v === undefined) this.perRequest.set(fn, (v = this.takesRequest(fn)));
    return v;
  }

  private takesRequest(fn: ts.Node): boolean {
    const ts = typescript();
    if (this.handlers.has(fn)) return true;
    if (!ts.isFunctionLike(fn)) return false;
    const params = (fn as ts.SignatureDeclaration).parameters;
    const first = params[0];
    if (!first) return false;
    if (
      first.type &&
      /^(Next)?Request$|NextApiRequest|express\.Request|Request<|RequestEvent|APIContext|H3Event|Context$/.test(
        first.type.getText(this.sf).trim(),
      )
    )
      return true;
    return ts.isIdentifier(first.name) && /^(req|request)$/.test(first.name.text);
  }

  /** The nearest enclosing function (or `node` itself) that is a request handler. */
  enclosingHandler(node: ts.Node): ts.Node | undefined {
    const ts = typescript();
    for (let n: ts.Node | undefined = node; n; n = n.parent)
      if (ts.isFunctionLike(n) && this.runsPerRequest(n)) return n;
    return undefined;
  }

  /** Client-chosen parameters: tRPC `input`, next-safe-action `parsedInput`, server-action arguments. */
  clientParam(fn: ts.FunctionLikeDeclaration, index: number, prop?: string): ClientSource | "principal" | undefined {
    const kind = this.clientParamFns.get(fn);
    if (!kind) return undefined;
    if (kind === "server-action") return "argument";
    if (index !== 0) return undefined;
    if (kind === "trpc" && (prop === "input" || prop === "rawInput" || prop === "getRawInput")) return "input";
    if (kind === "action" && (prop === "parsedInput" || prop === "clientInput" || prop === "bindArgsParsedInputs"))
      return "input";
    // The procedure context is built on the server (session, user, workspace) by middleware.
    if (prop === "ctx") return "principal";
    return undefined;
  }

  /** Whether the code around `node` guards authentication (path, function names, key prefixes). */
  authSensitive(node: ts.Node, extra: string[] = []): boolean {
    const ts = typescript();
    if (AUTH_SENSITIVE.test(this.path)) return true;
    for (let n: ts.Node | undefined = node; n; n = n.parent) {
      if (
        (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) &&
        n.name &&
        AUTH_SENSITIVE.test(n.name.getText(this.sf))
      )
        return true;
      if (
        (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
        n.parent &&
        ts.isVariableDeclaration(n.parent) &&
        AUTH_SENSITIVE.test(n.parent.name.getText(this.sf))
      )
        return true;
      if (
        (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
        n.parent &&
        ts.isPropertyAssignment(n.parent) &&
        AUTH_SENSITIVE.test(n.parent.name.getText(this.sf))
      )
        return true;
    }
    return extra.some((t) => AUTH_SENSITIVE.test(t));
  }
}

function stringOf(e: ts.Expression): string | undefined {
  const ts = typescript();
  return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : undefined;
}

function hasExport(stmt: ts.Statement): boolean {
  const ts = typescript();
  return hasModifier(ts, stmt, ts.SyntaxKind.ExportKeyword);
}

function hasDirective(statements: readonly ts.Statement[], directive: string): boolean {
  const ts = typescript();
  for (const s of statements) {
    if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression)) return false;
    if (s.expression.text === directive) return true;
  }
  return false;
}

function hasBodyDirective(fn: ts.Node, directive: string): boolean {
  const ts = typescript();
  const body = (fn as ts.FunctionLikeDeclaration).body;
  return Boolean(body && ts.isBlock(body) && hasDirective(body.statements, directive));
}
