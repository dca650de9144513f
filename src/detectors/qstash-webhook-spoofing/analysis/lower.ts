/**
 * Lowers function bodies to the verification IR (ir.ts): which calls may verify the Upstash signature
 * (`receiver.verify`, JWT checks, SDK helpers, local and imported helpers), which calls are side
 * effects, and the branches, try/catch blocks and exits between them. Conditions are classified by what
 * they read (environment, signature header, HTTP method) and whether they check another credential.
 */
import type * as ts from "typescript";
import type { Location } from "../../../engine/types";
import { typescript } from "../../../engine/parse";
import { memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";
import type { CallRef, Cond, CondCategory, Ev, ExitValue, FnIR, HExpr, WrapCallee } from "./ir";

/** Deeper than this, lowering gives up on the subtree (a verification call is never that deep). */
const MAX_DEPTH = 300;

export type FunctionNode = ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | ts.MethodDeclaration;

/** Modules whose `verifySignature*` / `serve` verify QStash signatures. */
export const QSTASH_MODULE = /^@upstash\/qstash(\/.*)?$/;
/** The packages whose importers (and their importers) the rule's detectors parse. */
export const QSTASH_PACKAGES = ["@upstash/qstash", "@upstash/workflow"];
export const WORKFLOW_MODULE = /^@upstash\/workflow(\/.*)?$/;
export const SERVE_NAMES = new Set([
  "serve",
  "serveMany",
  "createWorkflow",
  "servePagesRouter",
  "serveManyPagesRouter",
]);

/** Calls that never change anything outside the request (reading, parsing, building responses). */
const SAFE_ROOTS = new Set([
  "console",
  "JSON",
  "Math",
  "Object",
  "Array",
  "Number",
  "String",
  "Boolean",
  "Buffer",
  "Date",
  "URL",
  "URLSearchParams",
  "crypto",
  "Intl",
  "Reflect",
  "Symbol",
  "NextResponse",
  "Response",
  "Headers",
  "TextEncoder",
  "TextDecoder",
  "performance",
  "z",
  "jose",
  "jwt",
  "v",
  "Promise",
  "Error",
  "BigInt",
  "atob",
  "btoa",
  "structuredClone",
  "encodeURIComponent",
  "decodeURIComponent",
  "parseInt",
  "parseFloat",
  "isNaN",
  "require",
  "logger",
  "log",
  "Sentry",
  "res",
  "response",
  "reply",
  "setTimeout",
]);
const SAFE_NAMES = new Set([
  "json",
  "text",
  "arrayBuffer",
  "formData",
  "blob",
  "clone",
  "get",
  "has",
  "header",
  "headers",
  "getHeader",
  "getHeaders",
  "getRequestHeader",
  "getRequestHeaders",
  "readBody",
  "readRawBody",
  "getRawBody",
  "rawBody",
  "buffer",
  "toString",
  "parse",
  "safeParse",
  "parseAsync",
  "safeParseAsync",
  "stringify",
  "split",
  "trim",
  "slice",
  "substring",
  "replace",
  "toLowerCase",
  "toUpperCase",
  "startsWith",
  "endsWith",
  "includes",
  "indexOf",
  "map",
  "filter",
  "find",
  "some",
  "every",
  "reduce",
  "forEach",
  "keys",
  "values",
  "entries",
  "from",
  "concat",
  "join",
  "encode",
  "decode",
  "digest",
  "update",
  "createHmac",
  "createHash",
  "timingSafeEqual",
  "error",
  "warn",
  "info",
  "debug",
  "trace",
  "redirect",
  "notFound",
  "next",
  "status",
  "sendStatus",
  "setHeader",
  "writeHead",
  "end",
  "createError",
  "sendError",
  "setResponseStatus",
  "defineEventHandler",
  "eventHandler",
  "Response",
  "assign",
  "freeze",
  "isArray",
  "now",
  "toISOString",
  "getTime",
  "catch",
  "then",
  "finally",
  "all",
  "allSettled",
  "resolve",
  "reject",
  "newResponse",
  "body",
  "html",
  "getQuery",
  "getRouterParam",
  "getRouterParams",
  "useRuntimeConfig",
  "getMethod",
  "isMethod",
  "assertMethod",
  "getRequestURL",
  "toJSON",
  "verify",
  "jwtVerify",
]);
/** Names that change state somewhere (a write, a message, a payment, a job). */
const EFFECT_VERB =
  /^(insert|update|upsert|delete|del|remove|destroy|create|save|store|send|publish|enqueue|charge|refund|transfer|pay|write|set|hset|incr|decr|push|lpush|rpush|sadd|zadd|expire|put|post|patch|execute|exec|run|process|handle|trigger|dispatch|emit|notify|email|mail|invoke|call|fetch|revalidate|mutate|add|append|grant|revoke|cancel|approve|provision|deploy|generate|sync|import|export|upload|commit|increment|decrement|mark|record|track|log[A-Z]|schedule|start|stop|reset|credit|debit|subscribe|unsubscribe|invite|register)/i;
/** Awaited calls that read rather than write. */
const READ_NAME =
  /^(get|find|read|load|list|select|query|parse|validate|check|verify|is|has|compute|hash|decode|decrypt|lookup|resolve|count|exists|search|retrieve|fetchRaw|auth$|currentUser|getServerSession|headers$|cookies$|json$|text$|formData$|arrayBuffer$|blob$|buffer$|rawBody$|getRawBody$|sleep|wait|delay|import$|use)/i;
/** Identifiers that are environment flags or custom switches for verification. */
const ENV_FLAG =
  /^(is_?)?(dev|development|prod|production|local|localhost|test|testing|preview|staging|vercel|netlify|ci|emulator|offline)(_?env|_?mode)?$|^(skip|disable|bypass|insecure|no|ignore)_?(qstash|upstash|signature|sig|verif|verification|verify|auth|check|signing)|^(verify|verification|signature|qstash)_?(enabled|disabled|required|on|off|check)$|^(enable|should|must|require)_?(verif|verify|signature|qstash)|^node_?env$|^environment$|^env$|^app_?env$|^mode$/i;
const HEADER_NAME = /^(upstash[_-]?)?(signature|sig|qstash[_-]?signature|signature[_-]?header)$/i;
const AUTH_TEXT = /secret|api[_-]?key|apikey|token|password|bearer|authori[sz]ation|hmac|digest|expected|signature/i;
const AUTH_CALL =
  /timingSafeEqual|safeCompare|secureCompare|constantTime|isAuthori[sz]ed|authenticate|(valid|verify|check)\w*(key|token|secret|cron|bearer|auth)/i;
const SIGNING = /signing_?key|signingkey|upstash-signature|qstash_(current|next)/i;

export interface LowerScope {
  sf: ts.SourceFile;
  loc(start: number, end: number, message?: string): Location;
  imports: Map<string, ImportBinding>;
  /** Top-level function-valued names of this file. */
  localFns: Set<string>;
  /** Names bound to `new Receiver(…)` in this file. */
  receivers: Set<string>;
  /** Variable name → what its initialiser reads (for conditions that test a variable). */
  varCats: Map<string, CondCategory>;
  /** Top-level names bound to an SDK handler that verifies (`const handler = serve(…)`). */
  sdkBound: Set<string>;
}

type CallEv = Extract<Ev, { t: "call" }>;

export class Lowerer {
  private nextId = 0;
  /** Parameter names of the functions being lowered (innermost last). */
  private params: string[][] = [];
  /** Local variables holding plain data (arrays, maps): calling their methods changes nothing outside. */
  private localData: Set<string>[] = [];

  constructor(private readonly s: LowerScope) {}

  private get ts(): typeof ts {
    return typescript();
  }

  /** Lower a function; `outer` parameters stay callable (a wrapper's `handler`). */
  fn(node: FunctionNode, name: string): FnIR {
    const ts = this.ts;
    const params = node.parameters.flatMap((p) => bindingNames(p.name));
    this.params.push(params);
    this.localData.push(dataVariables(node));
    try {
      const body: Ev[] = [];
      let inner: FnIR | undefined;
      if (node.body && ts.isBlock(node.body)) {
        body.push(...this.stmts(node.body.statements));
        for (const st of node.body.statements) {
          if (ts.isReturnStatement(st) && st.expression) {
            const r = unwrap(st.expression);
            if (isFunctionNode(r)) inner = this.fn(r, name);
            else if (ts.isIdentifier(r)) {
              const local = findLocalFunction(node.body, r.text);
              if (local) inner = this.fn(local, name);
            } else if (ts.isCallExpression(r) && !inner) {
              // return withLogging(async (req) => { … }): the callback is the request handler.
              const cb = [...r.arguments]
                .reverse()
                .map((a) => unwrap(a))
                .find(isFunctionNode);
              if (cb) inner = this.fn(cb, name);
            }
          }
        }
      } else if (node.body) {
        const e = unwrap(node.body as ts.Expression);
        const cb = ts.isCallExpression(e)
          ? [...e.arguments]
              .reverse()
              .map((a) => unwrap(a))
              .find(isFunctionNode)
          : undefined;
        if (isFunctionNode(e)) inner = this.fn(e, name);
        else if (cb) {
          inner = this.fn(cb, name);
          body.push(...this.expr(e));
        } else {
          body.push(...this.expr(e));
          body.push({ t: "exit", kind: this.exitKind(e), value: this.exitValue(e), at: this.at(e) });
        }
      }
      const isAsync =
        Boolean(ts.getModifiers(node as ts.FunctionDeclaration)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) ||
        returnsVerifyPromise(body);
      const at = (node as ts.FunctionDeclaration).name ?? node;
      return { name, async: isAsync, body, at: this.at(at), ...(inner ? { inner } : {}) };
    } finally {
      this.params.pop();
      this.localData.pop();
    }
  }

  /** How an exported handler is built. */
  hexpr(node: ts.Expression | undefined, consts: Map<string, ts.Expression>, depth = 0): HExpr {
    const ts = this.ts;
    if (!node || depth > 6) return { t: "unknown" };
    const e = unwrap(node);
    if (isFunctionNode(e)) return { t: "fn", fn: this.fn(e, "handler") };
    if (ts.isConditionalExpression(e)) {
      return {
        t: "choice",
        cond: this.cond(e.condition, []),
        a: this.hexpr(e.whenTrue, consts, depth + 1),
        b: this.hexpr(e.whenFalse, consts, depth + 1),
      };
    }
    if (ts.isIdentifier(e)) {
      if (this.s.localFns.has(e.text)) return { t: "ref", ref: { k: "local", name: e.text } };
      const init = consts.get(e.text);
      if (init) return this.hexpr(init, consts, depth + 1);
      const b = this.s.imports.get(e.text);
      if (b && b.imported !== "*") return { t: "ref", ref: { k: "import", spec: b.module, name: b.imported } };
      return { t: "unknown" };
    }
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const b = this.s.imports.get(e.expression.text);
      if (b && b.imported === "*") return { t: "ref", ref: { k: "import", spec: b.module, name: e.name.text } };
      return { t: "unknown" };
    }
    if (ts.isCallExpression(e)) {
      const callee = this.wrapCallee(e);
      const args = e.arguments.map((a) => {
        const u = unwrap(a);
        return isFunctionNode(u) || ts.isIdentifier(u) || ts.isCallExpression(u) || ts.isPropertyAccessExpression(u)
          ? this.hexpr(u, consts, depth + 1)
          : ({ t: "unknown" } as HExpr);
      });
      return { t: "wrap", callee, args, at: this.at(e.expression) };
    }
    return { t: "unknown" };
  }

  private wrapCallee(call: ts.CallExpression): WrapCallee {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    let local: string | undefined;
    let binding: ImportBinding | undefined;
    let member: string | undefined;
    if (ts.isIdentifier(callee)) {
      local = callee.text;
      binding = this.s.imports.get(local);
    } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const b = this.s.imports.get(callee.expression.text);
      if (b?.imported === "*") {
        binding = { module: b.module, imported: callee.name.text };
        member = callee.name.text;
      }
    }
    const name =
      binding?.imported ?? local ?? member ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : "wrapper");
    if (binding && QSTASH_MODULE.test(binding.module) && /^verifySignature/.test(binding.imported))
      return { k: "sdk-verify", name: binding.imported };
    if (
      binding &&
      (WORKFLOW_MODULE.test(binding.module) || QSTASH_MODULE.test(binding.module)) &&
      SERVE_NAMES.has(binding.imported)
    ) {
      return { k: "serve", receiver: this.serveReceiver(call), at: this.at(call.expression) };
    }
    if (binding) return { k: "import", spec: binding.module, name: binding.imported };
    if (local && this.s.localFns.has(local)) return { k: "local", name: local };
    return { k: "unknown", name };
  }

  /** `serve(fn, { receiver })`: verification is off when `receiver` is explicitly undefined/null. */
  private serveReceiver(call: ts.CallExpression): "default" | "none" | Cond {
    const ts = this.ts;
    for (const arg of call.arguments.slice(1)) {
      const o = unwrap(arg);
      if (!ts.isObjectLiteralExpression(o)) continue;
      for (const p of o.properties) {
        if (!ts.isPropertyAssignment(p) || propertyNameText(p.name) !== "receiver") continue;
        const v = unwrap(p.initializer);
        if (isNullish(v)) return "none";
        if (ts.isConditionalExpression(v)) {
          const whenTrue = unwrap(v.whenTrue);
          const whenFalse = unwrap(v.whenFalse);
          if (isNullish(whenTrue) || isNullish(whenFalse)) return this.cond(v.condition, []);
        }
        if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
          return this.cond(v.left, []);
      }
    }
    return "default";
  }

  // ---- statements ----

  private stmts(list: readonly ts.Statement[]): Ev[] {
    const out: Ev[] = [];
    for (const s of list) out.push(...this.stmt(s));
    return out;
  }

  /** Nesting of stmt()/expr() calls: generated code can nest deeper than the stack allows. */
  private depth = 0;

  private stmt(s: ts.Statement | undefined): Ev[] {
    if (!s || this.depth > MAX_DEPTH) return [];
    this.depth++;
    try {
      return this.stmtInner(s);
    } finally {
      this.depth--;
    }
  }

  private stmtInner(s: ts.Statement): Ev[] {
    const ts = this.ts;
    if (ts.isBlock(s)) return this.stmts(s.statements);
    if (ts.isVariableStatement(s)) {
      const out: Ev[] = [];
      for (const d of s.declarationList.declarations) {
        if (!d.initializer) {
          for (const n of bindingNames(d.name)) out.push({ t: "decl", name: n, falsy: true });
          continue;
        }
        if (isFunctionNode(unwrap(d.initializer))) continue; // defined, not run
        const name = ts.isIdentifier(d.name) ? d.name.text : undefined;
        const evs = this.expr(d.initializer, name);
        out.push(...evs);
        const holdsResult = name !== undefined && evs.some((e) => e.t === "call" && e.resultVar === name);
        for (const n of bindingNames(d.name))
          if (!(holdsResult && n === name)) out.push({ t: "decl", name: n, falsy: isFalsy(d.initializer) });
      }
      return out;
    }
    if (ts.isExpressionStatement(s)) {
      const e = unwrap(s.expression);
      if (this.throwingCall(e)) return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
      if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(e.left)) {
        const name = e.left.text;
        const evs = this.expr(e.right, name);
        const holdsResult = evs.some((x) => x.t === "call" && x.resultVar === name);
        return [
          ...evs,
          ...(holdsResult
            ? []
            : isFalsy(e.right)
              ? [{ t: "decl", name, falsy: true } as Ev]
              : [{ t: "assign", name } as Ev]),
        ];
      }
      return this.expr(s.expression);
    }
    if (ts.isIfStatement(s)) {
      const first = this.nextId;
      const pre = this.expr(s.expression);
      const ids = idsFrom(pre, first);
      return [
        ...pre,
        {
          t: "if",
          cond: this.cond(s.expression, ids),
          then: this.stmt(s.thenStatement),
          else: this.stmt(s.elseStatement),
        },
      ];
    }
    if (ts.isReturnStatement(s)) {
      if (!s.expression) return [{ t: "exit", kind: "pass", value: "nullish", at: this.at(s) }];
      if (isFunctionNode(unwrap(s.expression))) return [{ t: "exit", kind: "fail", at: this.at(s) }];
      return [
        ...this.expr(s.expression),
        { t: "exit", kind: this.exitKind(s.expression), value: this.exitValue(s.expression), at: this.at(s) },
      ];
    }
    if (ts.isThrowStatement(s)) return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
    if (ts.isTryStatement(s)) {
      const c = s.catchClause;
      return [
        {
          t: "try",
          body: this.stmts(s.tryBlock.statements),
          handler: c ? this.stmts(c.block.statements) : null,
          catchAt: c ? this.s.loc(c.getStart(this.s.sf), c.block.getStart(this.s.sf) + 1) : null,
          fin: s.finallyBlock ? this.stmts(s.finallyBlock.statements) : [],
        },
      ];
    }
    if (ts.isForStatement(s)) {
      const init = s.initializer && !ts.isVariableDeclarationList(s.initializer) ? this.expr(s.initializer) : [];
      return [
        ...init,
        { t: "loop", body: [...(s.condition ? this.expr(s.condition) : []), ...this.stmt(s.statement)] },
      ];
    }
    if (ts.isForOfStatement(s) || ts.isForInStatement(s))
      return [...this.expr(s.expression), { t: "loop", body: this.stmt(s.statement) }];
    if (ts.isWhileStatement(s) || ts.isDoStatement(s))
      return [{ t: "loop", body: [...this.expr(s.expression), ...this.stmt(s.statement)] }];
    if (ts.isSwitchStatement(s)) {
      const pre = this.expr(s.expression);
      const cond = this.cond(s.expression, []);
      cond.negated = null;
      cond.auth = null;
      let tail: Ev[] = [];
      const clauses = [...s.caseBlock.clauses];
      const def = clauses.find((c) => ts.isDefaultClause(c));
      if (def) tail = this.stmts(def.statements);
      for (const c of clauses.reverse()) {
        if (ts.isDefaultClause(c)) continue;
        tail = [{ t: "if", cond, then: this.stmts(c.statements), else: tail }];
      }
      return [...pre, ...tail];
    }
    if (ts.isLabeledStatement(s)) return this.stmt(s.statement);
    return [];
  }

  /** SvelteKit's error()/redirect() and Next.js's notFound()/redirect() throw by themselves. */
  private throwingCall(e: ts.Expression): boolean {
    const ts = this.ts;
    const x = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
    if (!ts.isCallExpression(x) || !ts.isIdentifier(unwrap(x.expression))) return false;
    const b = this.s.imports.get((unwrap(x.expression) as ts.Identifier).text);
    if (!b) return false;
    if (b.module === "@sveltejs/kit") return b.imported === "error" || b.imported === "redirect";
    if (b.module === "next/navigation")
      return /^(notFound|redirect|permanentRedirect|unauthorized|forbidden)$/.test(b.imported);
    return false;
  }

  /** The kind of value a `return <e>` hands back. */
  private exitValue(e: ts.Expression): ExitValue {
    const ts = this.ts;
    const x = unwrap(ts.isAwaitExpression(unwrap(e)) ? (unwrap(e) as ts.AwaitExpression).expression : e);
    if (x.kind === ts.SyntaxKind.TrueKeyword) return "true";
    if (x.kind === ts.SyntaxKind.FalseKeyword) return "false";
    if (isNullish(x)) return "nullish";
    if (ts.isNewExpression(x) && /Response$/.test(memberPath(x.expression)?.join(".") ?? "")) return "response";
    if (ts.isCallExpression(x)) {
      const root = rootIdentifier(x.expression);
      const name = calleeName(unwrap(x.expression));
      if (root && /^(NextResponse|Response|res|reply|c)$/.test(root)) return "response";
      if (name && /^(json|error|text|createError|sendError|unauthorized|forbidden)$/.test(name)) return "response";
    }
    return "other";
  }

  /** What a `return <e>` tells a caller: pass (go on), or a value that signals failure. */
  private exitKind(e: ts.Expression): "pass" | "fail" {
    const ts = this.ts;
    const x = unwrap(ts.isAwaitExpression(unwrap(e)) ? (unwrap(e) as ts.AwaitExpression).expression : e);
    if (x.kind === ts.SyntaxKind.TrueKeyword) return "pass";
    if (ts.isCallExpression(x)) {
      const callee = unwrap(x.expression);
      if (ts.isIdentifier(callee) && this.isParam(callee.text))
        return x.arguments.length && callee.text === "next" ? "fail" : "pass";
      const path = memberPath(callee);
      if (path && path.join(".") === "NextResponse.next") return "pass";
    }
    return "fail";
  }

  // ---- expressions ----

  /** Events of evaluating `e`, in order; `resultVar` names the variable the value is stored in. */
  private expr(e: ts.Node | undefined, resultVar?: string): Ev[] {
    if (!e || this.depth > MAX_DEPTH) return [];
    this.depth++;
    try {
      return this.exprInner(e, resultVar);
    } finally {
      this.depth--;
    }
  }

  private exprInner(e: ts.Node, resultVar?: string): Ev[] {
    const ts = this.ts;
    if (isFunctionNode(e as ts.Expression)) return [];
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (
        op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken
      ) {
        const first = this.nextId;
        const left = this.expr(e.left);
        const ids = idsFrom(left, first);
        const right = this.expr(e.right);
        if (!right.length) return left;
        const cond = this.cond(e.left, ids);
        if (op === ts.SyntaxKind.AmpersandAmpersandToken) return [...left, { t: "if", cond, then: right, else: [] }];
        return [...left, { t: "if", cond, then: [], else: right }];
      }
    }
    if (ts.isConditionalExpression(e)) {
      const first = this.nextId;
      const pre = this.expr(e.condition);
      const ids = idsFrom(pre, first);
      const a = this.expr(e.whenTrue, resultVar);
      const b = this.expr(e.whenFalse, resultVar);
      if (!a.length && !b.length) return pre;
      return [...pre, { t: "if", cond: this.cond(e.condition, ids), then: a, else: b }];
    }
    if (ts.isCallExpression(e)) return this.call(e, resultVar);
    const out: Ev[] = [];
    e.forEachChild((k) => {
      out.push(...this.expr(k, resultVar));
    });
    return out;
  }

  private call(call: ts.CallExpression, resultVar?: string): Ev[] {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    const ref = this.candidate(call);
    const out: Ev[] = [];
    // `x.verify(…).then(cb)` / `.catch(cb)`: the chain is lowered at the inner call.
    if (
      ts.isPropertyAccessExpression(callee) &&
      (callee.name.text === "then" || callee.name.text === "catch" || callee.name.text === "finally")
    ) {
      const inner = unwrap(callee.expression);
      if (ts.isCallExpression(inner)) {
        out.push(...this.call(inner, resultVar));
        const where = this.at(inner).range;
        const innerCall = out.find(
          (x): x is CallEv =>
            x.t === "call" &&
            x.at.range.startLine === where.startLine &&
            x.at.range.startColumn === where.startColumn &&
            x.at.range.endLine === where.endLine &&
            x.at.range.endColumn === where.endColumn,
        );
        const cb = call.arguments[0] && unwrap(call.arguments[0]);
        if (callee.name.text === "then" && innerCall && cb && isFunctionNode(cb)) {
          out.push({ t: "then", call: innerCall.id, body: this.fnBody(cb) });
        } else {
          for (const a of call.arguments) out.push(...this.callbackEffects(a));
        }
        return out;
      }
    }
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))
      out.push(...this.expr(callee.expression));
    for (const a of call.arguments) {
      const u = unwrap(a);
      if (isFunctionNode(u)) continue;
      out.push(...this.expr(a));
    }
    const chain = this.chainInfo(call, resultVar);
    if (ref) {
      out.push({
        t: "call",
        id: this.nextId++,
        ref,
        awaited: chain.awaited,
        swallow: chain.swallow,
        ...(chain.resultVar ? { resultVar: chain.resultVar } : {}),
        effect: this.isEffect(call, chain.awaited),
        at: this.at(call),
        name: shortCallee(callee),
      });
    } else if (this.isEffect(call, chain.awaited)) {
      out.push({ t: "effect", at: this.at(call), what: `${shortCallee(callee)}()` });
    }
    // Callbacks handed to ordinary calls run (array methods, transactions); a verifying wrapper's
    // callback is the handler it protects and is judged there.
    const wraps = ref && (ref.k === "sdk" || ref.k === "local" || ref.k === "import");
    if (!wraps) for (const a of call.arguments) out.push(...this.callbackEffects(a));
    return out;
  }

  private fnBody(fn: FunctionNode): Ev[] {
    const ts = this.ts;
    if (fn.body && ts.isBlock(fn.body)) return this.stmts(fn.body.statements);
    return fn.body ? this.expr(fn.body) : [];
  }

  private callbackEffects(a: ts.Expression): Ev[] {
    const u = unwrap(a);
    if (!isFunctionNode(u)) return [];
    return this.fnBody(u).filter((e) => e.t !== "exit");
  }

  /** Awaited / returned / then-chained, swallowed by `.catch`, and the variable holding the result. */
  private chainInfo(
    call: ts.CallExpression,
    resultVar?: string,
  ): { awaited: boolean; swallow: boolean; resultVar?: string } {
    const ts = this.ts;
    let node: ts.Node = call;
    let swallow = false;
    let awaited = false;
    for (;;) {
      const p: ts.Node = node.parent;
      if (!p) break;
      if (
        ts.isParenthesizedExpression(p) ||
        ts.isAsExpression(p) ||
        ts.isNonNullExpression(p) ||
        ts.isSatisfiesExpression(p)
      ) {
        node = p;
        continue;
      }
      if (
        ts.isPropertyAccessExpression(p) &&
        p.expression === node &&
        ts.isCallExpression(p.parent) &&
        p.parent.expression === p
      ) {
        const m = p.name.text;
        if (m === "then") {
          awaited = true;
          if (p.parent.arguments.length > 1) swallow = swallow || !throwsIn(p.parent.arguments[1]!);
          node = p.parent;
          continue;
        }
        if (m === "catch") {
          swallow = swallow || !throwsIn(p.parent.arguments[0]);
          node = p.parent;
          continue;
        }
        if (m === "finally") {
          node = p.parent;
          continue;
        }
        break;
      }
      if (ts.isAwaitExpression(p) || ts.isYieldExpression(p)) {
        awaited = true;
        node = p;
        continue;
      }
      if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === node)) {
        awaited = true;
        break;
      }
      if (
        ts.isArrayLiteralExpression(p) &&
        ts.isCallExpression(p.parent) &&
        /^(all|allSettled)$/.test(calleeName(p.parent.expression) ?? "")
      ) {
        node = p.parent;
        continue;
      }
      if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name))
        return { awaited, swallow, resultVar: p.name.text };
      if (
        ts.isBinaryExpression(p) &&
        p.right === node &&
        p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isIdentifier(p.left)
      ) {
        return { awaited, swallow, resultVar: p.left.text };
      }
      break;
    }
    return {
      awaited,
      swallow,
      ...(resultVar && node.parent && ts.isVariableDeclaration(node.parent) ? { resultVar } : {}),
    };
  }

  /** What a call refers to when it may verify the signature. */
  candidate(call: ts.CallExpression): CallRef | undefined {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    const name = calleeName(callee);
    if (!name) return undefined;
    const root = rootIdentifier(callee);
    const rootBinding = root ? this.s.imports.get(root) : undefined;
    if (ts.isPropertyAccessExpression(callee) && name === "verify") {
      if (rootBinding?.module === "jsonwebtoken")
        return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
      if (call.arguments.length === 1) {
        const a = unwrap(call.arguments[0]!);
        if (ts.isObjectLiteralExpression(a) && a.properties.some((p) => propertyNameText(p.name) === "signature"))
          return { k: "receiver" };
        const obj = unwrap(callee.expression);
        if (ts.isNewExpression(obj) && memberPath(obj.expression)?.slice(-1)[0] === "Receiver")
          return { k: "receiver" };
        if (root && (this.s.receivers.has(root) || /receiver/i.test(root))) return { k: "receiver" };
        const last = memberPath(callee.expression)?.slice(-1)[0];
        if (last && /receiver/i.test(last)) return { k: "receiver" };
      }
      return undefined;
    }
    if (name === "jwtVerify" || name === "compactVerify") {
      const b = ts.isIdentifier(callee) ? this.s.imports.get(callee.text) : rootBinding;
      if (b?.module === "jose" && this.mentionsSigning(call)) return { k: "jwt", sync: false };
      return undefined;
    }
    if (ts.isIdentifier(callee)) {
      const b = this.s.imports.get(callee.text);
      if (b) {
        if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(b.imported)) {
          return this.isRequestArgument(call.arguments[0]) ? { k: "sdk-misuse", name: b.imported } : { k: "sdk" };
        }
        if ((WORKFLOW_MODULE.test(b.module) || QSTASH_MODULE.test(b.module)) && SERVE_NAMES.has(b.imported))
          return { k: "sdk" };
        if (b.module === "jsonwebtoken" && b.imported === "verify")
          return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
        if (b.imported === "*" || b.imported === "default")
          return b.imported === "default" ? { k: "import", spec: b.module, name: "default" } : undefined;
        return { k: "import", spec: b.module, name: b.imported };
      }
      if (this.s.localFns.has(callee.text)) return { k: "local", name: callee.text };
      if (this.s.sdkBound.has(callee.text)) return { k: "sdk" };
      return undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const b = this.s.imports.get(callee.expression.text);
      if (b?.imported === "*") {
        if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(name)) return { k: "sdk" };
        return { k: "import", spec: b.module, name };
      }
    }
    return undefined;
  }

  private mentionsSigning(call: ts.CallExpression): boolean {
    const ts = this.ts;
    return call.arguments.some((a) => {
      if (SIGNING.test(a.getText(this.s.sf))) return true;
      let hit = false;
      walk(a, (n) => {
        if (hit) return false;
        if (ts.isIdentifier(n) && (this.s.varCats.get(n.text) === "header" || HEADER_NAME.test(n.text))) hit = true;
        return undefined;
      });
      return hit;
    });
  }

  /** The request itself (a handler's first parameter), not a handler function. */
  private isRequestArgument(a: ts.Expression | undefined): boolean {
    const ts = this.ts;
    if (!a) return false;
    const u = unwrap(a);
    if (!ts.isIdentifier(u)) return false;
    const first = this.params[this.params.length - 1]?.[0];
    return u.text === first || /^(req|request|event)$/.test(u.text);
  }

  private isParam(name: string): boolean {
    return this.params.some((ps) => ps.includes(name));
  }

  /** Whether a call changes something outside the request: a write, a message, a job, the handler. */
  private isEffect(call: ts.CallExpression, awaited: boolean): boolean {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    const name = calleeName(callee);
    if (!name) return awaited;
    if (ts.isIdentifier(callee) && this.isParam(name)) return !(name === "next" && call.arguments.length > 0);
    const root = rootIdentifier(callee);
    if (root && SAFE_ROOTS.has(root)) return false;
    if (root && !ts.isIdentifier(callee) && this.localData.some((d) => d.has(root))) return false;
    const rootModule = root ? this.s.imports.get(root)?.module : undefined;
    if (rootModule && /^(node:)?crypto$/.test(rootModule)) return false;
    if (root && !ts.isIdentifier(callee)) {
      const first = this.params[this.params.length - 1]?.[0];
      // Reading the request (req.json(), c.req.header(), event.node.req…) and answering it.
      if (root === first || /^(req|request|event|c|ctx|context)$/.test(root)) {
        if (!EFFECT_VERB.test(name) || /^(json|text|body|header|status|redirect|html|newResponse)$/.test(name))
          return false;
      }
    }
    if (SAFE_NAMES.has(name)) return false;
    if (/^create\w*(Client|Receiver|Hash|Hmac|Response|Error|Router|App|Logger|Schema)$/.test(name)) return false;
    if (EFFECT_VERB.test(name)) return true;
    return awaited && !READ_NAME.test(name);
  }

  /** Classify a condition. `ids`: candidate calls evaluated inside it. */
  cond(e: ts.Expression, ids: number[]): Cond {
    const ts = this.ts;
    const refs = new Set<string>();
    let env = false;
    let header = false;
    let method = false;
    walk(e, (n) => {
      if (isFunctionNode(n as ts.Expression)) return false;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (/^upstash-signature$/i.test(n.text)) header = true;
      }
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
        const p = memberPath(n);
        if (p) {
          const j = p.join(".");
          if (/^(process\.env|import\.meta\.env|Bun\.env|Deno\.env|env)(\.|$)/.test(j) || /\.env\./.test(j)) env = true;
          const last = p[p.length - 1]!;
          if (last === "method") method = true;
          if (ENV_FLAG.test(last) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) env = true;
        }
      }
      if (ts.isIdentifier(n)) {
        const p = n.parent;
        const isProp =
          p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n));
        const isCallee = p && ts.isCallExpression(p) && p.expression === n;
        if (!isProp && !isCallee) {
          refs.add(n.text);
          const cat = this.s.varCats.get(n.text);
          if (cat === "env" || ENV_FLAG.test(n.text) || this.envImport(n.text)) env = true;
          if (cat === "header" || HEADER_NAME.test(n.text)) header = true;
          if (cat === "method") method = true;
        }
        if (isCallee && /^(getMethod|isMethod)$/.test(n.text)) method = true;
      }
      return undefined;
    });
    const cat: CondCategory = env ? "env" : header ? "header" : method ? "method" : "other";
    return {
      cat,
      at: this.at(e),
      refs: [...refs],
      calls: ids,
      negated: negation(e),
      auth: this.auth(e),
      text: e.getText(this.s.sf),
    };
  }

  private envImport(name: string): boolean {
    const b = this.s.imports.get(name);
    return Boolean(b && (b.module === "$app/environment" || b.module.startsWith("$env/")));
  }

  /** Does the condition check another credential, and which way round? */
  private auth(e: ts.Expression, depth = 0): "pos" | "neg" | null {
    const ts = this.ts;
    if (depth > 20) return null;
    const x = unwrap(e);
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.auth(x.operand, depth + 1);
      return inner === "pos" ? "neg" : inner === "neg" ? "pos" : null;
    }
    if (ts.isAwaitExpression(x)) return this.auth(x.expression, depth + 1);
    if (ts.isCallExpression(x)) {
      const name = calleeName(unwrap(x.expression));
      return name && AUTH_CALL.test(name) ? "pos" : null;
    }
    if (ts.isBinaryExpression(x)) {
      const op = x.operatorToken.kind;
      const eq = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
      const ne = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
      if (eq || ne) {
        if (isLiteralish(x.left) || isLiteralish(x.right)) return null;
        const text = x.getText(this.s.sf);
        if (!AUTH_TEXT.test(text) || /NODE_ENV|VERCEL_ENV/.test(text)) return null;
        return eq ? "pos" : "neg";
      }
      // `key && key === SECRET` is authorised only when the comparison holds; `!key || key !== SECRET`
      // fails when either side does.
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken) {
        const a = this.auth(x.left, depth + 1);
        const b = this.auth(x.right, depth + 1);
        const want = op === ts.SyntaxKind.BarBarToken ? "neg" : "pos";
        return (a === want || b === want) &&
          a !== (want === "neg" ? "pos" : "neg") &&
          b !== (want === "neg" ? "pos" : "neg")
          ? want
          : null;
      }
    }
    return null;
  }

  private at(n: ts.Node): Location {
    return this.s.loc(n.getStart(this.s.sf), n.getEnd());
  }
}

// ---- helpers ----

const DATA_CLASS = /^(Map|Set|Array|WeakMap|WeakSet|URLSearchParams|Headers|FormData|TextEncoder|TextDecoder)$/;

/** Variables of a function initialised with literals or plain data structures. */
function dataVariables(fn: FunctionNode): Set<string> {
  const ts = typescript();
  const out = new Set<string>();
  if (!fn.body) return out;
  walk(fn.body, (n) => {
    if (n !== fn.body && isFunctionNode(n as ts.Expression)) return false;
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = unwrap(n.initializer);
      if (
        ts.isArrayLiteralExpression(init) ||
        ts.isObjectLiteralExpression(init) ||
        ts.isStringLiteral(init) ||
        ts.isTemplateExpression(init) ||
        (ts.isNewExpression(init) && DATA_CLASS.test(memberPath(init.expression)?.join(".") ?? ""))
      ) {
        out.add(n.name.text);
      }
    }
    return undefined;
  });
  return out;
}

export function isFunctionNode(n: ts.Node): n is ts.ArrowFunction | ts.FunctionExpression {
  const ts = typescript();
  return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}

function findLocalFunction(body: ts.Block, name: string): FunctionNode | undefined {
  const ts = typescript();
  for (const st of body.statements) {
    if (ts.isFunctionDeclaration(st) && st.name?.text === name) return st;
    if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && isFunctionNode(unwrap(d.initializer)))
          return unwrap(d.initializer) as FunctionNode;
      }
    }
  }
  return undefined;
}

export function bindingNames(n: ts.BindingName): string[] {
  const ts = typescript();
  if (ts.isIdentifier(n)) return [n.text];
  const out: string[] = [];
  for (const el of n.elements) if (!ts.isOmittedExpression(el)) out.push(...bindingNames(el.name));
  return out;
}

function idsFrom(evs: readonly Ev[], first: number): number[] {
  const out: number[] = [];
  const visit = (list: readonly Ev[]) => {
    for (const e of list) {
      if (e.t === "call" && e.id >= first) out.push(e.id);
      else if (e.t === "if") {
        visit(e.then);
        visit(e.else);
      }
    }
  };
  visit(evs);
  return out;
}

function isFalsy(e: ts.Expression): boolean {
  const ts = typescript();
  const x = unwrap(e);
  return (
    x.kind === ts.SyntaxKind.FalseKeyword ||
    x.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(x) && x.text === "undefined") ||
    (ts.isNumericLiteral(x) && x.text === "0") ||
    (ts.isStringLiteral(x) && x.text === "")
  );
}

function isNullish(e: ts.Expression): boolean {
  const ts = typescript();
  return (
    e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined") || ts.isVoidExpression(e)
  );
}

function isLiteralish(e: ts.Expression): boolean {
  const ts = typescript();
  const x = unwrap(e);
  return (
    ts.isStringLiteral(x) ||
    ts.isNumericLiteral(x) ||
    ts.isNoSubstitutionTemplateLiteral(x) ||
    x.kind === ts.SyntaxKind.NullKeyword ||
    x.kind === ts.SyntaxKind.TrueKeyword ||
    x.kind === ts.SyntaxKind.FalseKeyword ||
    (ts.isIdentifier(x) && x.text === "undefined") ||
    ts.isTypeOfExpression(x)
  );
}

function throwsIn(n: ts.Node | undefined): boolean {
  const ts = typescript();
  if (!n) return false;
  let found = false;
  walk(n, (k) => {
    if (found) return false;
    if (ts.isThrowStatement(k)) found = true;
    return undefined;
  });
  return found;
}

/** `!x` → true, `x` / `await x` / `x()` → false, `x === false` → true, else null. */
function negation(e: ts.Expression, depth = 0): boolean | null {
  const ts = typescript();
  const x = unwrap(e);
  if (depth > 20) return null;
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = negation(x.operand, depth + 1);
    return inner === null ? null : !inner;
  }
  if (ts.isIdentifier(x) || ts.isCallExpression(x) || ts.isAwaitExpression(x) || ts.isPropertyAccessExpression(x))
    return false;
  if (ts.isBinaryExpression(x)) {
    const op = x.operatorToken.kind;
    const lit = unwrap(x.right);
    const isTrue = lit.kind === ts.SyntaxKind.TrueKeyword;
    const isFalse =
      lit.kind === ts.SyntaxKind.FalseKeyword ||
      lit.kind === ts.SyntaxKind.NullKeyword ||
      (ts.isIdentifier(lit) && lit.text === "undefined");
    if (!isTrue && !isFalse) return null;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken) return isFalse;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken) return isTrue;
  }
  return null;
}

/** The leftmost identifier of `a.b(…).c[…]`. */
export function rootIdentifier(n: ts.Node): string | undefined {
  const ts = typescript();
  let cur: ts.Node = n;
  for (;;) {
    if (ts.isIdentifier(cur)) return cur.text;
    if (
      ts.isPropertyAccessExpression(cur) ||
      ts.isElementAccessExpression(cur) ||
      ts.isCallExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isParenthesizedExpression(cur) ||
      ts.isAsExpression(cur)
    ) {
      cur = cur.expression;
    } else if (ts.isAwaitExpression(cur)) cur = cur.expression;
    else if (cur.kind === ts.SyntaxKind.ThisKeyword) return "this";
    else return undefined;
  }
}

export function calleeName(callee: ts.Node): string | undefined {
  const ts = typescript();
  const c = ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) ? callee.expression : callee;
  if (ts.isIdentifier(c)) return c.text;
  if (ts.isPropertyAccessExpression(c)) return c.name.text;
  if (ts.isElementAccessExpression(c)) return stringValue(c.argumentExpression);
  return undefined;
}

function shortCallee(callee: ts.Node): string {
  const ts = typescript();
  const parts: string[] = [];
  let cur: ts.Node = callee;
  while (parts.length < 3) {
    if (ts.isPropertyAccessExpression(cur)) {
      parts.unshift(cur.name.text);
      cur = cur.expression;
    } else if (
      ts.isCallExpression(cur) ||
      ts.isNonNullExpression(cur) ||
      ts.isParenthesizedExpression(cur) ||
      ts.isAwaitExpression(cur)
    ) {
      cur = cur.expression;
    } else if (ts.isIdentifier(cur)) {
      parts.unshift(cur.text);
      break;
    } else break;
  }
  return parts.join(".") || "a call";
}

/** A function that returns `receiver.verify(…)` (without `async`) still hands back a Promise. */
function returnsVerifyPromise(body: readonly Ev[]): boolean {
  for (let i = 0; i < body.length - 1; i++) {
    const e = body[i]!;
    const next = body[i + 1]!;
    if (e.t === "call" && next.t === "exit" && (e.ref.k === "receiver" || (e.ref.k === "jwt" && !e.ref.sync)))
      return true;
  }
  return false;
}

/** Category of what a variable's initialiser reads (for flags such as `const isDev = …`). */
export function categoryOf(
  init: ts.Expression,
  imports: Map<string, ImportBinding>,
  known: Map<string, CondCategory>,
): CondCategory {
  const ts = typescript();
  let env = false;
  let header = false;
  let method = false;
  walk(init, (n) => {
    if (isFunctionNode(n as ts.Expression)) return false;
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-signature$/i.test(n.text))
      header = true;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const p = memberPath(n);
      if (p) {
        const j = p.join(".");
        if (/^(process\.env|import\.meta\.env|Bun\.env|Deno\.env)(\.|$)/.test(j)) env = true;
        if (p[p.length - 1] === "method") method = true;
      }
    }
    if (ts.isIdentifier(n)) {
      const c = known.get(n.text);
      if (c === "env") env = true;
      if (c === "header") header = true;
      const b = imports.get(n.text);
      if (b && (b.module === "$app/environment" || b.module.startsWith("$env/"))) env = true;
    }
    return undefined;
  });
  return env ? "env" : header ? "header" : method ? "method" : "other";
}
