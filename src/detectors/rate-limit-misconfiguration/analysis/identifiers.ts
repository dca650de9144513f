/**
 * Where a rate-limit identifier comes from. The identifier is split into its parts (template
 * substitutions, concatenation, `[a, b].join(":")`), and each part is traced back through `const`s,
 * destructuring and small local functions to an origin:
 * - constant text, or a fallback to constant text (`ip ?? "127.0.0.1"`, `ip || "anonymous"`);
 * - a platform client IP (`req.ip`, `x-real-ip`, `x-forwarded-for`, `cf-connecting-ip`, `ipAddress(req)`);
 * - an authenticated principal (session, `auth()`, tRPC/SvelteKit context, API keys);
 * - something the client chooses freely (body, query string, custom headers, tRPC `input`,
 *   server-action arguments);
 * - a parameter of the enclosing function (helpers: the caller decides), an imported function's
 *   result (the project phase decides), or unknown.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { importBindings, memberPath, propertyNameText, unwrap } from "../../ast";
import { declarationOf, isReassigned, localFunctionOf, referencesTo, scopeOf } from "./scope";
import { constNumber, constString } from "./values";
import { isRequireBinding, returnedExpressions, type ImportRef } from "./limiters";
import { NEVER, UNKNOWN, allOf, anyOf, type Guard } from "./guards";

export type ClientSource = "body" | "query" | "header" | "input" | "argument";

export type Origin =
  | { kind: "constant"; value: string; node: ts.Node }
  /** `guard`: what must be missing for the fallback to apply (the project phase judges it on the host). */
  | { kind: "fallback"; value: string; node: ts.Node; guard: Guard }
  | { kind: "client"; source: ClientSource; detail: string; node: ts.Node }
  /** `missing`: when this address is absent (a header the host may not set, `req.ip` on Next.js 15). */
  | { kind: "ip"; node: ts.Node; missing: Guard }
  | { kind: "principal"; node: ts.Node }
  | { kind: "param"; fn: ts.FunctionLikeDeclaration; index: number; prop?: string; node: ts.Node }
  | { kind: "imported"; ref: ImportRef; node: ts.Node }
  | { kind: "unknown"; node: ts.Node };

/** One dynamic (or constant) part of an identifier with every origin it may have. */
export interface IdPart {
  node: ts.Node;
  origins: Origin[];
}

const IP_HEADERS = new Set([
  "x-real-ip",
  "x-forwarded-for",
  "cf-connecting-ip",
  "cf-connecting-ipv6",
  "true-client-ip",
  "x-vercel-forwarded-for",
  "x-vercel-proxied-for",
  "fly-client-ip",
  "fastly-client-ip",
  "x-client-ip",
  "x-cluster-client-ip",
  "x-forwarded",
  "forwarded-for",
  "forwarded",
  "x-appengine-user-ip",
  "x-azure-clientip",
  "x-original-forwarded-for",
  "do-connecting-ip",
  "x-nf-client-connection-ip",
  "x-envoy-external-address",
]);
/** Credentials: a limit keyed by the presented key is the usual per-key quota. */
const CREDENTIAL_HEADERS =
  /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-upstash-[a-z-]+)$/;
/** Routing headers identify a tenant or host, not a client. */
const TENANT_HEADERS = /^(host|x-forwarded-host|x-tenant(-id)?|x-vercel-deployment-url)$/;

const IP_GETTER = /^(get)?(client|real|request|user|remote)?_?ip(_?address)?$|^(get)?(client|remote)_?address$/i;
const REQUEST_NAMES = /^(req|request|event|ctx|context|c|evt|r)$/;
/** Members that hold the client's address. */
export const CLIENT_ADDRESS_MEMBERS: ReadonlySet<string> = new Set([
  "getClientAddress",
  "clientAddress",
  "remoteAddress",
  "ipAddress",
]);
/** Calls that read the request body. */
export const BODY_READERS: ReadonlySet<string> = new Set(["json", "formData", "text"]);
/** Members that hold the query string. */
export const QUERY_MEMBERS: ReadonlySet<string> = new Set(["query", "searchParams", "queries"]);
/** Members that hold the authenticated principal. */
export const PRINCIPAL_MEMBERS: ReadonlySet<string> = new Set(["session", "user", "auth", "locals"]);
const AUTH_CALL =
  /^(auth|getAuth|currentUser|getCurrentUser|getServerSession|getServerAuthSession|getSession|getUser|getUserId|getToken|getViewer|requireUser|requireAuth|requireSession|validateRequest|validateSession|getKindeServerSession|getLoggedInUser|withAuth|authenticate|verifySession|verifyToken|getApiKey|verifyApiKey|getWorkspace|getTeam|getOrganization|clerkClient)$/i;
const PRINCIPAL_WORD =
  /^(session|user|userId|user_id|userid|uid|sub|account|accountId|org|orgId|organization|organizationId|team|teamId|workspace|workspaceId|tenant|tenantId|project|projectId|apiKey|apiKeyId|keyId|token|tokenId|viewer|me|customer|customerId|member|principal|identity)$/i;
const PASS_THROUGH_METHODS = new Set([
  "toString",
  "trim",
  "trimStart",
  "trimEnd",
  "toLowerCase",
  "toUpperCase",
  "toLocaleLowerCase",
  "normalize",
  "slice",
  "substring",
  "substr",
  "replace",
  "replaceAll",
  "padStart",
  "padEnd",
  "at",
  "valueOf",
]);
const PASS_THROUGH_FUNCTIONS = new Set([
  "String",
  "encodeURIComponent",
  "encodeURI",
  "escape",
  "btoa",
  "hash",
  "sha256",
  "sha1",
  "md5",
  "hashString",
  "hashIdentifier",
  "hashIp",
  "createHash",
  "JSON.stringify",
  "normalizeEmail",
]);

export class IdentifierTracer {
  private readonly imports: Map<string, { module: string; imported: string }>;

  constructor(
    readonly sf: ts.SourceFile,
    /** Functions whose parameters come from the client (server actions, tRPC resolvers). */
    private readonly clientParams: (
      fn: ts.FunctionLikeDeclaration,
      index: number,
      prop?: string,
    ) => ClientSource | "principal" | undefined,
  ) {
    this.imports = importBindings(sf);
  }

  private readonly memo = new Map<ts.Node, IdPart[]>();

  /** The parts of an identifier expression, each with its possible origins (memoized per node). */
  parts(expr: ts.Expression): IdPart[] {
    let p = this.memo.get(expr);
    if (!p) this.memo.set(expr, (p = this.split(expr, 0)));
    return p;
  }

  private split(expr: ts.Expression, depth: number): IdPart[] {
    const ts = typescript();
    const e = unwrap(expr);
    if (depth < 6) {
      if (ts.isTemplateExpression(e)) {
        const out: IdPart[] = [];
        if (e.head.text) out.push({ node: e.head, origins: [{ kind: "constant", value: e.head.text, node: e.head }] });
        for (const span of e.templateSpans) {
          out.push(...this.split(span.expression, depth + 1));
          if (span.literal.text)
            out.push({
              node: span.literal,
              origins: [{ kind: "constant", value: span.literal.text, node: span.literal }],
            });
        }
        return out;
      }
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
        return [...this.split(e.left, depth + 1), ...this.split(e.right, depth + 1)];
      // [a, b].join(":")
      if (
        ts.isCallExpression(e) &&
        ts.isPropertyAccessExpression(e.expression) &&
        e.expression.name.text === "join" &&
        ts.isArrayLiteralExpression(unwrap(e.expression.expression))
      ) {
        return (unwrap(e.expression.expression) as ts.ArrayLiteralExpression).elements.flatMap((el) =>
          ts.isSpreadElement(el)
            ? [{ node: el, origins: [{ kind: "unknown", node: el } as Origin] }]
            : this.split(el, depth + 1),
        );
      }
      // A const holding a template: `const key = \`login:${ip}\``.
      if (ts.isIdentifier(e)) {
        const decl = declarationOf(e);
        if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !isReassigned(decl)) {
          const init = unwrap(decl.initializer);
          if (
            ts.isTemplateExpression(init) ||
            (ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.PlusToken)
          )
            return this.split(init, depth + 1);
        }
      }
    }
    return [{ node: e, origins: this.origins(e, depth) }];
  }

  /** Every origin an expression may have. */
  origins(expr: ts.Expression, depth = 0): Origin[] {
    const ts = typescript();
    const e = unwrap(expr);
    if (depth > 10) return [{ kind: "unknown", node: e }];
    const str = constString(e);
    if (str !== undefined) return [{ kind: "constant", value: str, node: e }];
    const num = constNumber(e);
    if (num !== undefined) return [{ kind: "constant", value: String(num), node: e }];
    if (ts.isAwaitExpression(e)) return this.origins(e.expression, depth + 1);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
        const right = constString(e.right);
        const left = this.origins(e.left, depth + 1);
        if (right === undefined) return [...left, ...this.origins(e.right, depth + 1)];
        // `xff.split(",")[0] ?? "0.0.0.0"`, `… || req.socket.remoteAddress || "127.0.0.1"`, `ip ?? "x"`
        // after `const ip = h ?? "x"`: the left side is always set and the fallback is dead code.
        const guard = allOf([this.guard(e.left, depth + 1), ...this.earlierExits(e, depth + 1)]);
        if (guard.kind === "never") return left;
        return [...left, { kind: "fallback", value: right, node: e, guard }];
      }
      if (op === ts.SyntaxKind.PlusToken) return concatOrigins(this.parts(e));
      return [{ kind: "unknown", node: e }];
    }
    if (ts.isConditionalExpression(e)) {
      const out: Origin[] = [];
      for (const branch of [e.whenTrue, e.whenFalse]) {
        const s = constString(branch);
        if (s !== undefined)
          out.push({ kind: "fallback", value: s, node: e, guard: this.conditionGuard(e, branch, depth + 1) });
        else out.push(...this.origins(branch, depth + 1));
      }
      return out;
    }
    if (ts.isTemplateExpression(e)) return concatOrigins(this.parts(e));
    if (ts.isIdentifier(e)) return this.identifierOrigins(e, depth);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e))
      return this.accessOrigins(e, depth);
    return [{ kind: "unknown", node: e }];
  }

  private identifierOrigins(id: ts.Identifier, depth: number): Origin[] {
    const ts = typescript();
    const decl = declarationOf(id);
    if (!decl) return [{ kind: "unknown", node: id }];
    if (ts.isVariableDeclaration(decl)) {
      const values: ts.Expression[] = [];
      if (decl.initializer) values.push(decl.initializer);
      if (!decl.initializer || isReassigned(decl)) {
        for (const ref of referencesTo(decl, scopeOf(decl))) {
          const p = ref.parent;
          if (p && ts.isBinaryExpression(p) && p.left === ref && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
            values.push(p.right);
        }
      }
      if (!values.length) return [{ kind: "unknown", node: id }];
      return values.flatMap((v) => this.origins(v, depth + 1));
    }
    if (ts.isBindingElement(decl)) return this.bindingOrigins(decl, depth);
    if (ts.isParameter(decl)) return this.parameterOrigins(decl, undefined, id);
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl)) return [{ kind: "unknown", node: id }];
    return [{ kind: "unknown", node: id }];
  }

  /** `const { email } = await req.json()`, `({ input }) => …`: a property of whatever was destructured. */
  private bindingOrigins(el: ts.BindingElement, depth: number): Origin[] {
    const ts = typescript();
    const path: string[] = [];
    let n: ts.Node = el;
    while (ts.isBindingElement(n)) {
      const pattern: ts.Node = n.parent;
      if (ts.isObjectBindingPattern(pattern)) {
        const key = propertyNameText(n.propertyName) ?? (ts.isIdentifier(n.name) ? n.name.text : undefined);
        if (key === undefined) return [{ kind: "unknown", node: el }];
        path.unshift(key);
      } else path.unshift("*");
      n = pattern.parent;
    }
    if (ts.isParameter(n)) return this.parameterOrigins(n, path, el);
    if (ts.isVariableDeclaration(n) && n.initializer) return this.pathOrigins(n.initializer, path, el, depth);
    return [{ kind: "unknown", node: el }];
  }

  private parameterOrigins(param: ts.ParameterDeclaration, path: string[] | undefined, node: ts.Node): Origin[] {
    const fn = param.parent as ts.FunctionLikeDeclaration;
    const index = fn.parameters.indexOf(param);
    const prop = path?.[0];
    const client = this.clientParams(fn, index, prop);
    if (client === "principal") return [{ kind: "principal", node }];
    if (client)
      return [{ kind: "client", source: client, detail: prop ?? (param.name.getText(this.sf) || "argument"), node }];
    return [{ kind: "param", fn, index, prop, node }];
  }

  /** Origins of `base.path[0].path[1]…` (used for destructuring). */
  private pathOrigins(base: ts.Expression, path: string[], node: ts.Node, depth: number): Origin[] {
    const chain = this.chain(base);
    if (!chain)
      return this.origins(base, depth + 1).map((o) => (o.kind === "constant" ? { kind: "unknown", node } : o));
    return this.classifyChain([...chain.steps, ...path.map((p) => ({ name: p }))], chain.root, node, depth);
  }

  private accessOrigins(e: ts.Expression, depth: number): Origin[] {
    const ts = typescript();
    // Pass-through transformations keep the origin of what they transform.
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const calleePath = memberPath(callee)?.join(".");
      if (ts.isPropertyAccessExpression(callee) && PASS_THROUGH_METHODS.has(callee.name.text))
        return this.origins(callee.expression, depth + 1);
      if (ts.isPropertyAccessExpression(callee) && (callee.name.text === "digest" || callee.name.text === "update")) {
        const inner = unwrap(callee.expression);
        if (callee.name.text === "update" && e.arguments[0]) return this.origins(e.arguments[0], depth + 1);
        if (ts.isCallExpression(inner)) return this.origins(inner, depth + 1);
      }
      if (calleePath && PASS_THROUGH_FUNCTIONS.has(calleePath) && e.arguments[0])
        return this.origins(e.arguments[0], depth + 1);
      // `xff.split(",")[0]` is handled through the chain below; a local helper returns its origins.
      const fn = ts.isIdentifier(callee) ? this.localFunction(callee) : undefined;
      if (fn) {
        const rets = returnedExpressions(fn);
        if (rets.length) {
          const out = rets.flatMap((r) =>
            this.origins(r, depth + 1)
              .map((o) => this.bindParam(o, e, depth))
              .flat(),
          );
          return constantReturnsAsFallbacks(out, () => this.returnFallbackGuard(fn, depth + 1));
        }
      }
      if (ts.isIdentifier(callee)) {
        const b = this.imports.get(callee.text);
        const decl = declarationOf(callee);
        if (b && decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl))) {
          if (
            /^(ipAddress|getClientIp|getIP|getIp|getClientIP|requestIp)$/.test(b.imported) &&
            !b.module.startsWith(".") &&
            !b.module.startsWith("@/")
          )
            return [{ kind: "ip", node: e, missing: packageIpMissing(b.module, b.imported) }];
          if (AUTH_CALL.test(b.imported) && !b.module.startsWith(".")) return [{ kind: "principal", node: e }];
          const imported: Origin = {
            kind: "imported",
            ref: { specifier: b.module, name: b.imported, path: [], call: true },
            node: e,
          };
          // A project helper named for the client address: an IP for trust purposes; its fallbacks are
          // still judged from its own file.
          if (IP_GETTER.test(b.imported)) return [{ kind: "ip", node: e, missing: NEVER }, imported];
          return [imported];
        }
      }
    }
    const chain = this.chain(e);
    if (!chain) return [{ kind: "unknown", node: e }];
    return this.classifyChain(chain.steps, chain.root, e, depth);
  }

  /**
   * What must be missing for `expr` to be nullish, read from its structure: `a || b` needs both
   * missing, a conditional or a variable assigned twice either, `split(",")[0]` and constant text
   * never; at the leaves, what the value reads (a header, `req.ip`, the session, the client's input).
   */
  guard(expr: ts.Expression, depth = 0): Guard {
    const ts = typescript();
    const e = unwrap(expr);
    if (depth > 10) return UNKNOWN;
    if (ts.isAwaitExpression(e)) return this.guard(e.expression, depth + 1);
    if (constString(e) !== undefined || constNumber(e) !== undefined || ts.isTemplateExpression(e)) return NEVER;
    if (ts.isBinaryExpression(e)) return this.binaryGuard(e, depth);
    if (ts.isConditionalExpression(e))
      return anyOf([this.guard(e.whenTrue, depth + 1), this.guard(e.whenFalse, depth + 1)]);
    if (neverNullish(e) || this.callNeverNullish(e) || isSocketAddress(e)) return NEVER;
    const ops = stringOperand(e);
    if (ops) return ops.optional ? this.guard(ops.base, depth + 1) : NEVER;
    if (ts.isIdentifier(e)) {
      const values = this.valuesOf(e);
      if (values) return values.length ? anyOf(values.map((v) => this.guard(v, depth + 1))) : UNKNOWN;
    }
    if (ts.isCallExpression(e)) {
      const fn = ts.isIdentifier(unwrap(e.expression))
        ? this.localFunction(unwrap(e.expression) as ts.Identifier)
        : undefined;
      const rets = fn ? returnedExpressions(fn) : [];
      if (rets.length && rets.length <= 8 && !fn!.parameters.length)
        return anyOf(rets.map((r) => this.guard(r, depth + 1)));
    }
    return anyOf(this.origins(e, depth + 1).map((o) => missingOf(o)));
  }

  private binaryGuard(e: ts.BinaryExpression, depth: number): Guard {
    const ts = typescript();
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return allOf([this.guard(e.left, depth + 1), this.guard(e.right, depth + 1)]);
    if (op === ts.SyntaxKind.PlusToken) return NEVER;
    return UNKNOWN;
  }

  /** The values a variable may hold: its initializer and later assignments; undefined when not a variable. */
  private valuesOf(id: ts.Identifier): ts.Expression[] | undefined {
    const ts = typescript();
    const decl = declarationOf(id);
    if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name)) return undefined;
    const values: ts.Expression[] = [];
    if (decl.initializer) values.push(decl.initializer);
    if (!decl.initializer || isReassigned(decl)) {
      for (const ref of referencesTo(decl, scopeOf(decl))) {
        const p = ref.parent;
        if (p && ts.isBinaryExpression(p) && p.left === ref && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
          values.push(p.right);
      }
    }
    return values;
  }

  /** What must be missing for `cond` to be falsy. */
  private falsyGuard(cond: ts.Expression, depth: number): Guard {
    const ts = typescript();
    const e = unwrap(cond);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (op === ts.SyntaxKind.AmpersandAmpersandToken)
        return anyOf([this.falsyGuard(e.left, depth + 1), this.falsyGuard(e.right, depth + 1)]);
      if (op === ts.SyntaxKind.BarBarToken)
        return allOf([this.falsyGuard(e.left, depth + 1), this.falsyGuard(e.right, depth + 1)]);
      // `typeof xff === "string"`
      const typeofOperand = (x: ts.Expression) => {
        const u = unwrap(x);
        return ts.isTypeOfExpression(u) ? u.expression : undefined;
      };
      const operand = typeofOperand(e.left) ?? typeofOperand(e.right);
      if (operand && op === ts.SyntaxKind.EqualsEqualsEqualsToken) return this.guard(operand, depth + 1);
      return UNKNOWN;
    }
    if (ts.isPrefixUnaryExpression(e)) return UNKNOWN;
    return this.guard(e, depth + 1);
  }

  /** `cond ? value : "k"`: the constant applies when `cond` is falsy (or truthy, for `!cond ? "k" : value`). */
  private conditionGuard(e: ts.ConditionalExpression, constant: ts.Expression, depth: number): Guard {
    const ts = typescript();
    if (constant === e.whenFalse) return this.falsyGuard(e.condition, depth);
    const c = unwrap(e.condition);
    if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken)
      return this.falsyGuard(c.operand, depth);
    return UNKNOWN;
  }

  /**
   * `if (xff) return first(xff); return h.get("x-real-ip") ?? "0.0.0.0"`: a node after an early return
   * is only reached when the early return's condition is falsy.
   */
  earlierExits(node: ts.Node, depth: number): Guard[] {
    const ts = typescript();
    const out: Guard[] = [];
    for (let n: ts.Node = node; n.parent && !ts.isFunctionLike(n); n = n.parent) {
      const p = n.parent;
      if (!ts.isBlock(p) && !ts.isSourceFile(p)) continue;
      for (const s of p.statements) {
        if (s === n) break;
        if (ts.isIfStatement(s) && !s.elseStatement && exitsEarly(s.thenStatement))
          out.push(this.falsyGuard(s.expression, depth));
      }
    }
    return out;
  }

  /** The constant returns of `fn` apply when none of its other returns has a value. */
  returnFallbackGuard(fn: ts.FunctionLikeDeclaration, depth: number): Guard {
    const rets = returnedExpressions(fn).filter((r) => constString(r) === undefined);
    return allOf(rets.map((r) => this.guard(r, depth + 1)));
  }

  /**
   * What kind of Next.js request `root` is, for what `request.ip` means: a `NextRequest` (app router,
   * middleware) or a pages-router `NextApiRequest`, which never has `ip`.
   */
  private nextRequest(root: ts.Expression): "next-request" | "next-api" | undefined {
    const ts = typescript();
    const decl = ts.isIdentifier(root) ? declarationOf(root) : undefined;
    const type = decl && ts.isParameter(decl) && decl.type ? decl.type.getText(this.sf) : "";
    if (/NextApiRequest/.test(type)) return "next-api";
    if (/NextRequest/.test(type)) return "next-request";
    if (/(^|\/)pages\/api\//.test(this.sf.fileName)) return "next-api";
    const modules = [...this.imports.values()].map((b) => b.module);
    if (modules.some((m) => /^next\/(server|headers)$/.test(m) || /\/next$/.test(m))) return "next-request";
    return undefined;
  }

  /** `getIp(req)` where getIp is declared here with a return type that excludes null and undefined. */
  private callNeverNullish(expr: ts.Expression): boolean {
    const ts = typescript();
    const e = unwrap(expr);
    const c = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
    if (!ts.isCallExpression(c) || !ts.isIdentifier(unwrap(c.expression))) return false;
    const fn = this.localFunction(unwrap(c.expression) as ts.Identifier);
    return Boolean(fn && returnsNonNullish(fn));
  }

  /** A parameter origin from a local helper becomes the origin of the argument at this call. */
  private bindParam(o: Origin, call: ts.CallExpression, depth: number): Origin[] {
    if (o.kind !== "param" || !call.arguments[o.index])
      return [o.kind === "param" ? { kind: "unknown", node: o.node } : o];
    const arg = call.arguments[o.index]!;
    if (o.prop === undefined) return this.origins(arg, depth + 1);
    const chain = this.chain(arg);
    if (chain) return this.classifyChain([...chain.steps, { name: o.prop }], chain.root, arg, depth + 1);
    return [{ kind: "unknown", node: arg }];
  }

  private localFunction(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
    return localFunctionOf(id);
  }

  /**
   * An access chain: `req.headers.get("x-real-ip")` → root `req`, steps headers / get("x-real-ip").
   * `new URL(req.url).searchParams` is rooted at the URL; `headers()` (next/headers) is a root call.
   */
  chain(expr: ts.Expression): { root: ts.Expression; steps: Step[] } | undefined {
    const ts = typescript();
    const steps: Step[] = [];
    let n: ts.Expression = unwrap(expr);
    for (let i = 0; i < 30; i++) {
      if (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
      else if (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
      else if (ts.isPropertyAccessExpression(n)) {
        steps.unshift({ name: n.name.text });
        n = n.expression;
      } else if (ts.isElementAccessExpression(n)) {
        const key = constString(n.argumentExpression) ?? constNumber(n.argumentExpression)?.toString();
        steps.unshift({ name: key ?? "*" });
        n = n.expression;
      } else if (ts.isCallExpression(n)) {
        const callee = unwrap(n.expression);
        const arg = n.arguments[0] ? constString(n.arguments[0]) : undefined;
        if (ts.isPropertyAccessExpression(callee)) {
          steps.unshift({ name: callee.name.text, call: true, arg });
          n = callee.expression;
        } else if (ts.isIdentifier(callee)) {
          steps.unshift({ name: callee.text, call: true, arg, root: true, callNode: n });
          return { root: callee, steps };
        } else return steps.length ? { root: n, steps } : undefined;
      } else if (ts.isNewExpression(n) && memberPath(n.expression)?.join(".") === "URL") {
        steps.unshift({ name: "URL", call: true, root: true });
        return { root: n, steps };
      } else if (ts.isIdentifier(n) || n.kind === ts.SyntaxKind.ThisKeyword) return { root: n, steps };
      else return steps.length ? { root: n, steps } : undefined;
    }
    return undefined;
  }

  /**
   * What a member chain (`req.headers.get("x")`, `session.user.id`, `url.searchParams.get("k")`) reads:
   * the first classifier of CHAIN_CLASSIFIERS that recognises it decides, in that order.
   */
  private classifyChain(steps: Step[], root: ts.Expression, node: ts.Node, depth: number): Origin[] {
    const ts = typescript();
    const c: Chain = { steps, root, node, depth, rootName: ts.isIdentifier(root) ? root.text : undefined };
    for (const classify of CHAIN_CLASSIFIERS) {
      const r = classify.call(this, c);
      if (r) return r;
    }
    return [{ kind: "unknown", node }];
  }

  /** Header reads: `x.headers.get(name)`, `x.headers[name]`, `headers().get(name)`, Hono `c.req.header(name)`. */
  chainHeader(c: Chain): Origin[] | undefined {
    for (let i = 0; i < c.steps.length; i++) {
      const header = headerAt(c, i);
      if (header !== undefined) return [classifyHeader(header.toLowerCase(), c.node)];
    }
    return undefined;
  }

  /** The client's address: `getClientAddress()`, `socket.remoteAddress`, `req.ip`, `c.req.ip`. */
  chainIp(c: Chain): Origin[] | undefined {
    const last = c.steps[c.steps.length - 1];
    if (c.steps.some((s) => s.name === "ips")) return [{ kind: "ip", node: c.node, missing: { kind: "unknown" } }];
    if (c.steps.some((s) => CLIENT_ADDRESS_MEMBERS.has(s.name))) return [{ kind: "ip", node: c.node, missing: NEVER }];
    const via = this.nextRequest(c.root);
    const requestIp: Guard = { kind: "request-ip", ...(via ? { via } : {}) };
    if (last && last.name === "ip" && !last.call) return [{ kind: "ip", node: c.node, missing: requestIp }];
    if (c.steps.some((s) => s.name === "ip" && !s.call) && c.steps.length <= 3)
      return [{ kind: "ip", node: c.node, missing: requestIp }];
    return undefined;
  }

  /** Body and query string: `(await req.json()).email`, `req.query.key`, `url.searchParams.get("k")`. */
  chainBodyOrQuery(c: Chain): Origin[] | undefined {
    const { steps, node, rootName } = c;
    const requestish = rootName !== undefined && (REQUEST_NAMES.test(rootName) || this.isRequestParam(c.root));
    const bodyIdx = steps.findIndex((s) => (s.name === "body" && !s.call) || (s.call && BODY_READERS.has(s.name)));
    if (bodyIdx !== -1 && (requestish || bodyIdx > 0 || rootName === "body")) {
      const detail =
        steps.slice(bodyIdx + 1).find((s) => s.name !== "*" && !s.call)?.name ??
        steps.slice(bodyIdx + 1).find((s) => s.call && s.arg)?.arg ??
        "body";
      return [{ kind: "client", source: "body", detail, node }];
    }
    const queryIdx = steps.findIndex((s) => QUERY_MEMBERS.has(s.name));
    if (queryIdx === -1) return undefined;
    const after = steps.slice(queryIdx + 1);
    const detail =
      steps[queryIdx]!.arg ?? after.find((s) => s.call && s.arg)?.arg ?? after.find((s) => !s.call)?.name ?? "query";
    if (this.isRouteParam(detail)) return [{ kind: "unknown", node }];
    return [{ kind: "client", source: "query", detail, node }];
  }

  /** `formData.get("email")` where formData is a FormData parameter or `await req.formData()`. */
  chainFormData(c: Chain): Origin[] | undefined {
    const last = c.steps[c.steps.length - 1];
    if (last?.call && last.name === "get" && last.arg !== undefined && c.rootName && /formdata|form$/i.test(c.rootName))
      return [{ kind: "client", source: "body", detail: last.arg, node: c.node }];
    return undefined;
  }

  /** Authenticated principals: auth calls and session/user/ctx members. */
  chainPrincipal(c: Chain): Origin[] | undefined {
    const ts = typescript();
    const first = c.steps[0];
    if (first?.root && first.call && AUTH_CALL.test(first.name)) return [{ kind: "principal", node: c.node }];
    if (c.rootName && (PRINCIPAL_WORD.test(c.rootName) || /session|user|auth/i.test(c.rootName))) {
      // The root itself may be a client-controlled binding (`const { userId } = await req.json()`).
      const rootOrigins = ts.isIdentifier(c.root) ? this.identifierOrigins(c.root, c.depth + 1) : [];
      if (rootOrigins.some((o) => o.kind === "client"))
        return rootOrigins.filter((o) => o.kind === "client").map((o) => ({ ...o, node: c.node }));
      if (rootOrigins.some((o) => o.kind === "constant" || o.kind === "fallback")) return rootOrigins;
      return [{ kind: "principal", node: c.node }];
    }
    if (c.steps.some((s) => !s.call && PRINCIPAL_MEMBERS.has(s.name))) return [{ kind: "principal", node: c.node }];
    return undefined;
  }

  /** Route parameters name a resource, which is a deliberate per-resource limit. */
  chainRouteParam(c: Chain): Origin[] | undefined {
    return c.steps.some((s) => s.name === "params" || s.name === "param")
      ? [{ kind: "unknown", node: c.node }]
      : undefined;
  }

  /** `getIp(req).split(",")[0]`: the call decides, the string operations after it keep its origin. */
  chainCallResult(c: Chain): Origin[] | undefined {
    const first = c.steps[0];
    if (!(first?.root && first.call && first.callNode && c.steps.length > 1)) return undefined;
    return this.accessOrigins(first.callNode, c.depth + 1).map((o) =>
      o.kind === "constant" || o.kind === "param" ? { kind: "unknown", node: c.node } : o,
    );
  }

  /** A destructured `searchParams` or `query` at the root. */
  chainQueryRoot(c: Chain): Origin[] | undefined {
    if (c.rootName !== "searchParams" && c.rootName !== "query") return undefined;
    const detail = c.steps.find((s) => s.call && s.arg)?.arg ?? c.steps.find((s) => !s.call)?.name ?? "query";
    if (!this.isRouteParam(detail)) return [{ kind: "client", source: "query", detail, node: c.node }];
    return [{ kind: "unknown", node: c.node }];
  }

  /**
   * A variable at the root: `const h = await headers(); h.get(…)`, `const url = new URL(req.url);
   * url.searchParams…` continue into its initializer; otherwise the chain keeps the variable's origins.
   */
  chainVariable(c: Chain): Origin[] | undefined {
    const ts = typescript();
    const { steps, root, node, depth } = c;
    if (!ts.isIdentifier(root)) return undefined;
    const decl = declarationOf(root);
    if (
      steps.length &&
      decl &&
      ts.isVariableDeclaration(decl) &&
      ts.isIdentifier(decl.name) &&
      decl.initializer &&
      !isReassigned(decl)
    ) {
      const inner = this.chain(decl.initializer);
      if (inner && inner.root !== root) {
        const r = this.classifyChain([...inner.steps, ...steps], inner.root, node, depth + 1);
        if (r.some((o) => o.kind !== "unknown")) return r;
      }
    }
    const rootOrigins = this.identifierOrigins(root, depth + 1);
    if (!steps.length) return rootOrigins;
    const out = rootOrigins.map((o) => memberOrigin(o, steps[0]!, node));
    return out.length ? out : [{ kind: "unknown", node }];
  }

  /** Any other expression at the root: `(xff ?? "127.0.0.1").split(",")[0]`. */
  chainOtherRoot(c: Chain): Origin[] | undefined {
    if (!c.steps.length || c.root === c.node) return undefined;
    return this.origins(c.root, c.depth + 1).map((o) =>
      o.kind === "constant" ? { kind: "unknown", node: c.node } : o,
    );
  }

  /** Pages-router dynamic segments arrive in `req.query` too: `[id].ts` → `req.query.id`. */
  private isRouteParam(name: string): boolean {
    return (
      this.sf.fileName.includes(`[${name}]`) ||
      this.sf.fileName.includes(`[...${name}]`) ||
      this.sf.fileName.includes(`[[...${name}]]`)
    );
  }

  private isRequestParam(root: ts.Expression): boolean {
    const ts = typescript();
    if (!ts.isIdentifier(root)) return false;
    const decl = declarationOf(root);
    if (!decl || !ts.isParameter(decl) || !decl.type) return false;
    return /Request\b|Context\b|RequestEvent\b/.test(decl.type.getText(this.sf));
  }
}

/** A member chain being classified. */
interface Chain {
  steps: Step[];
  root: ts.Expression;
  node: ts.Node;
  depth: number;
  rootName?: string;
}

type ChainClassifier = (this: IdentifierTracer, c: Chain) => Origin[] | undefined;

/** In order: the first that recognises a chain decides what it reads. */
const CHAIN_CLASSIFIERS: readonly ChainClassifier[] = [
  IdentifierTracer.prototype.chainHeader,
  IdentifierTracer.prototype.chainIp,
  IdentifierTracer.prototype.chainBodyOrQuery,
  IdentifierTracer.prototype.chainFormData,
  IdentifierTracer.prototype.chainPrincipal,
  IdentifierTracer.prototype.chainRouteParam,
  IdentifierTracer.prototype.chainCallResult,
  IdentifierTracer.prototype.chainQueryRoot,
  IdentifierTracer.prototype.chainVariable,
  IdentifierTracer.prototype.chainOtherRoot,
];

/** The header step `i` of a chain reads, if it reads one. */
function headerAt(c: Chain, i: number): string | undefined {
  const ts = typescript();
  const s = c.steps[i]!;
  const next = c.steps[i + 1];
  if ((s.name === "headers" || s.name === "header") && s.call && s.arg !== undefined) return s.arg;
  if (s.name === "headers" && next?.call && (next.name === "get" || next.name === "getAll") && next.arg !== undefined)
    return next.arg;
  if (s.name === "headers" && next && !next.call && next.name !== "*" && next.name !== "get") return next.name;
  if (s.name === "get" && s.call && s.arg !== undefined && i > 0 && c.steps[i - 1]!.name === "headers") return s.arg;
  // A headers object at the root: a `headers` parameter read as `headers["x-real-ip"]` or `headers.get(…)`.
  if (i === 0 && c.rootName === "headers" && !c.steps[1]) {
    if (s.call && s.name === "get" && s.arg !== undefined) return s.arg;
    if (!s.call && s.name !== "*" && s.name.includes("-")) return s.name;
  }
  // Express `req.get(name)` / `req.header(name)` on the request itself.
  if (
    i === 0 &&
    s.call &&
    (s.name === "get" || s.name === "header") &&
    s.arg !== undefined &&
    ts.isIdentifier(c.root) &&
    REQUEST_NAMES.test(c.root.text)
  )
    return s.arg;
  return undefined;
}

/** An origin of a variable, seen through the first member read on it (`body.email`, `session.user`). */
function memberOrigin(o: Origin, s0: Step, node: ts.Node): Origin {
  const firstProp =
    !s0.call && s0.name !== "*" ? s0.name : s0.call && s0.name === "get" && s0.arg !== undefined ? s0.arg : undefined;
  if (o.kind === "client") return { ...o, detail: firstProp ?? o.detail, node };
  if (o.kind === "principal" || o.kind === "ip") return { ...o, node };
  if (o.kind === "fallback" || o.kind === "imported") return o;
  if (o.kind === "param") return s0.call ? o : { ...o, prop: o.prop ?? s0.name, node };
  return { kind: "unknown", node };
}

interface Step {
  name: string;
  call?: boolean;
  /** First argument when it is constant text. */
  arg?: string;
  root?: boolean;
  callNode?: ts.CallExpression;
}

/** What must be missing for a value of this origin to be missing. */
function missingOf(o: Origin): Guard {
  switch (o.kind) {
    case "constant":
    case "fallback":
      return NEVER;
    case "ip":
      return o.missing;
    case "principal":
      return { kind: "anonymous" };
    case "client":
      return { kind: "client", detail: o.source === "header" ? `the ${o.detail} header` : o.detail };
    case "imported":
      return { kind: "imported", ref: o.ref, name: o.ref.name };
    default:
      return UNKNOWN;
  }
}

/** What a package's IP helper returns when there is no address: @vercel's `ipAddress` only has one on Vercel. */
function packageIpMissing(module: string, name: string): Guard {
  return /^@vercel\//.test(module) ? { kind: "ip-function", name } : NEVER;
}

/** A branch that leaves the function: ends in `return` or `throw`. */
function exitsEarly(stmt: ts.Statement): boolean {
  const ts = typescript();
  if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt)) return true;
  if (!ts.isBlock(stmt)) return false;
  const last = stmt.statements[stmt.statements.length - 1];
  return Boolean(last && (ts.isReturnStatement(last) || ts.isThrowStatement(last)));
}

/**
 * String operations on a value (`x?.split(",")[0]?.trim()`, `x.toLowerCase()`): the result is missing
 * exactly when `base` is, if some step is optional; without `?.` a missing base throws instead.
 */
function stringOperand(expr: ts.Expression): { base: ts.Expression; optional: boolean } | undefined {
  const ts = typescript();
  let e = unwrap(expr);
  let optional = false;
  let stripped = false;
  for (let i = 0; i < 12; i++) {
    if (
      ts.isCallExpression(e) &&
      ts.isPropertyAccessExpression(e.expression) &&
      PASS_THROUGH_METHODS.has(e.expression.name.text)
    ) {
      optional ||= Boolean(e.questionDotToken || e.expression.questionDotToken);
      e = unwrap(e.expression.expression);
    } else if (
      ts.isElementAccessExpression(e) &&
      constNumber(e.argumentExpression) === 0 &&
      ts.isCallExpression(unwrap(e.expression)) &&
      ts.isPropertyAccessExpression((unwrap(e.expression) as ts.CallExpression).expression) &&
      ((unwrap(e.expression) as ts.CallExpression).expression as ts.PropertyAccessExpression).name.text === "split"
    ) {
      const call = unwrap(e.expression) as ts.CallExpression;
      const access = call.expression as ts.PropertyAccessExpression;
      optional ||= Boolean(e.questionDotToken || call.questionDotToken || access.questionDotToken);
      e = unwrap(access.expression);
    } else break;
    stripped = true;
  }
  return stripped ? { base: e, optional } : undefined;
}

/** `req.socket.remoteAddress`, `req.connection.remoteAddress` (no optional chaining). */
function isSocketAddress(expr: ts.Expression): boolean {
  const ts = typescript();
  const e = unwrap(expr);
  if (!ts.isPropertyAccessExpression(e) || e.questionDotToken || e.name.text !== "remoteAddress") return false;
  const inner = unwrap(e.expression);
  return (
    ts.isPropertyAccessExpression(inner) &&
    !inner.questionDotToken &&
    (inner.name.text === "socket" || inner.name.text === "connection")
  );
}

/** A function whose declared return type (or promise of it) excludes null and undefined. */
export function returnsNonNullish(fn: ts.FunctionLikeDeclaration): boolean {
  const ts = typescript();
  let t = fn.type;
  if (!t) return false;
  if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === "Promise" && t.typeArguments?.[0])
    t = t.typeArguments[0];
  const text = t.getText();
  return !/\b(null|undefined|any|unknown|void)\b/.test(text) && !text.includes("?");
}

/**
 * The origins of a concatenation (a template, `a + b`) used as one value, e.g. inside `update(…)`: its
 * parts' origins together, but its fallbacks only when every dynamic part can fall back at once, as
 * judge() decides for a whole identifier. `${key}${plain ? "" : pepper}` never collapses while `key` is
 * there; flattened, its `""` would read as the whole value's fallback.
 */
function concatOrigins(parts: IdPart[]): Origin[] {
  const all = parts.flatMap((p) => p.origins);
  const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
  const collapses = dynamic.every((p) => p.origins.some((o) => o.kind === "fallback"));
  return collapses ? all : all.filter((o) => o.kind !== "fallback");
}

/**
 * `if (xff) return xff; return "unknown";`: when some returns of a function are constant and others
 * are not, the constant ones are fallbacks, reached when the other returns have nothing to return.
 */
export function constantReturnsAsFallbacks(origins: Origin[], guard: () => Guard): Origin[] {
  if (!origins.some((o) => o.kind !== "constant") || !origins.some((o) => o.kind === "constant")) return origins;
  const g = guard();
  if (g.kind === "never") return origins.filter((o) => o.kind !== "constant");
  return origins.map((o) => (o.kind === "constant" ? { kind: "fallback", value: o.value, node: o.node, guard: g } : o));
}

/** `x.split(",")[0]` (then string methods) with no optional chaining anywhere: always a string. */
function neverNullish(expr: ts.Expression): boolean {
  const ts = typescript();
  let e = unwrap(expr);
  let optional = false;
  ts.forEachChild(e, function visit(n): void {
    if (
      (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) &&
      n.questionDotToken
    )
      optional = true;
    ts.forEachChild(n, visit);
  });
  if (
    optional ||
    ((ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) &&
      e.questionDotToken)
  )
    return false;
  while (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    PASS_THROUGH_METHODS.has(e.expression.name.text)
  )
    e = unwrap(e.expression.expression);
  if (!ts.isElementAccessExpression(e) || constNumber(e.argumentExpression) !== 0) return false;
  const inner = unwrap(e.expression);
  return (
    ts.isCallExpression(inner) &&
    ts.isPropertyAccessExpression(inner.expression) &&
    inner.expression.name.text === "split"
  );
}

function classifyHeader(name: string, node: ts.Node): Origin {
  if (IP_HEADERS.has(name)) return { kind: "ip", node, missing: { kind: "header", name } };
  if (CREDENTIAL_HEADERS.test(name)) return { kind: "principal", node };
  if (TENANT_HEADERS.test(name)) return { kind: "unknown", node };
  return { kind: "client", source: "header", detail: name, node };
}

/** A summary of an identifier: shared (every part constant or able to fall back), client-chosen, … */
export interface IdVerdict {
  /** Every part is constant: the value. */
  constant?: { value: string; node: ts.Node };
  /** Every dynamic part can fall back to constant text: the fallbacks, with what must be missing. */
  fallbacks?: Array<{ value: string; node: ts.Node; guard: Guard }>;
  /** Parts the client chooses. */
  client: Array<{ source: ClientSource; detail: string; node: ts.Node }>;
  /** Parts from an imported function, to be judged in the project phase. */
  imported: Array<{ ref: ImportRef; node: ts.Node }>;
  /** Parts that come from a parameter of a helper (the callers decide). */
  params: Array<{ fn: ts.FunctionLikeDeclaration; index: number; prop?: string }>;
  /** Whether some part is a platform IP or an authenticated principal. */
  trusted: boolean;
}

export function judge(parts: IdPart[]): IdVerdict {
  const verdict: IdVerdict = { client: [], imported: [], params: [], trusted: false };
  const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
  if (!dynamic.length) {
    const value = parts.map((p) => (p.origins[0] as { value: string }).value).join("");
    const node = parts[0]?.node;
    if (node) verdict.constant = { value, node: parts.length === 1 ? node : (node.parent ?? node) };
  } else {
    // The identifier collapses to one bucket only when every dynamic part can fall back at once.
    const fallbacks: Array<{ value: string; node: ts.Node; guard: Guard }> = [];
    let allFall = true;
    for (const p of dynamic) {
      const f = p.origins.filter((o): o is Extract<Origin, { kind: "fallback" }> => o.kind === "fallback");
      if (!f.length) allFall = false;
      for (const x of f) fallbacks.push({ value: x.value, node: x.node, guard: x.guard });
    }
    if (allFall && fallbacks.length) verdict.fallbacks = fallbacks;
  }
  for (const p of parts) {
    for (const o of p.origins) {
      if (o.kind === "client") verdict.client.push({ source: o.source, detail: o.detail, node: o.node });
      else if (o.kind === "imported") verdict.imported.push({ ref: o.ref, node: o.node });
      else if (o.kind === "param") verdict.params.push({ fn: o.fn, index: o.index, prop: o.prop });
      else if (o.kind === "ip" || o.kind === "principal") verdict.trusted = true;
    }
  }
  return verdict;
}
