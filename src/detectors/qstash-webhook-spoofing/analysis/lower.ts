/**
 * Lowers function bodies to the verification IR (ir.ts): which calls may verify the Upstash signature
 * (`receiver.verify`, JWT checks, SDK helpers, local and imported helpers), which calls are side
 * effects, and the branches, try/catch blocks and exits between them. Conditions are classified by what
 * they read (conditions.ts).
 */
import type * as ts from "typescript";
import type { Location } from "../../../engine/types";
import { memberPath, propertyNameText, unwrap, walk, type ImportBinding } from "../../ast";
import { classify, type CondScope } from "./conditions";
import type { CallRef, Cond, Ev, ExitValue, FnIR, HExpr, WrapCallee } from "./ir";
import {
  bindingNames,
  calleeName,
  dataVariables,
  findLocalFunction,
  isDynamicImport,
  isFalsy,
  isFunctionNode,
  isNullish,
  rootIdentifier,
  shortCallee,
  throwsIn,
  type FunctionNode,
  type TS,
} from "./syntax";
import {
  EFFECT_VERB,
  HEADER_NAME,
  QSTASH_MODULE,
  READ_NAME,
  SAFE_NAMES,
  SAFE_ROOTS,
  SERVE_NAMES,
  SIGNING,
  WORKFLOW_MODULE,
} from "./vocabulary";

/** Deeper than this, lowering gives up on the subtree (a verification call is never that deep). */
const MAX_DEPTH = 300;

export interface LowerScope extends CondScope {
  /** Top-level function-valued names of this file. */
  localFns: Set<string>;
  /** Names bound to `new Receiver(…)` in this file. */
  receivers: Set<string>;
  /** Top-level names bound to an SDK handler that verifies (`const handler = serve(…)`). */
  sdkBound: Set<string>;
}

type CallEv = Extract<Ev, { t: "call" }>;

interface Chain {
  /** Awaited, returned, or `.then`-chained. */
  awaited: boolean;
  /** A `.catch` (or `.then` rejection handler) that does not rethrow. */
  swallow: boolean;
  resultVar?: string;
}

/** Request members that read or answer the request, whatever their name says. */
const REQUEST_READ = /^(json|text|body|header|status|redirect|html|newResponse)$/;
const REQUEST_ROOT = /^(req|request|event|c|ctx|context)$/;
const HARMLESS_FACTORY = /^create\w*(Client|Receiver|Hash|Hmac|Response|Error|Router|App|Logger|Schema)$/;

export class Lowerer {
  private nextId = 0;
  /** Parameter names of the functions being lowered (innermost last). */
  private params: string[][] = [];
  /** Local variables holding plain data (arrays, maps): calling their methods changes nothing outside. */
  private localData: Set<string>[] = [];
  /** Nesting of stmt()/expr() calls: generated code can nest deeper than the stack allows. */
  private depth = 0;
  private readonly ts: TS;

  constructor(private readonly s: LowerScope) {
    this.ts = s.ts;
  }

  /** Lower a function; `outer` parameters stay callable (a wrapper's `handler`). */
  fn(node: FunctionNode, name: string): FnIR {
    const ts = this.ts;
    this.params.push(node.parameters.flatMap((p) => bindingNames(ts, p.name)));
    this.localData.push(dataVariables(ts, node));
    try {
      const body: Ev[] = [];
      let inner: FnIR | undefined;
      if (node.body && ts.isBlock(node.body)) {
        body.push(...this.stmts(node.body.statements));
        inner = this.innerOfBlock(node.body, name);
      } else if (node.body) inner = this.expressionBody(node.body as ts.Expression, name, body);
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

  /** The function a block returns: `return async (req) => …`, a local function, or a wrapped callback. */
  private innerOfBlock(block: ts.Block, name: string): FnIR | undefined {
    const ts = this.ts;
    let inner: FnIR | undefined;
    for (const st of block.statements) {
      if (!ts.isReturnStatement(st) || !st.expression) continue;
      const r = unwrap(st.expression);
      if (isFunctionNode(ts, r)) inner = this.fn(r, name);
      else if (ts.isIdentifier(r)) {
        const local = findLocalFunction(ts, block, r.text);
        if (local) inner = this.fn(local, name);
      } else if (ts.isCallExpression(r) && !inner) {
        // return withLogging(async (req) => { … }): the callback is the request handler.
        const cb = lastCallback(ts, r);
        if (cb) inner = this.fn(cb, name);
      }
    }
    return inner;
  }

  /** `(handler) => async (req) => …` or `(req) => work(req)`: the inner function, or the body's events. */
  private expressionBody(node: ts.Expression, name: string, body: Ev[]): FnIR | undefined {
    const ts = this.ts;
    const e = unwrap(node);
    if (isFunctionNode(ts, e)) return this.fn(e, name);
    const cb = ts.isCallExpression(e) ? lastCallback(ts, e) : undefined;
    const inner = cb ? this.fn(cb, name) : undefined;
    body.push(...this.expr(e));
    if (!inner) body.push({ t: "exit", kind: this.exitKind(e), value: this.exitValue(e), at: this.at(e) });
    return inner;
  }

  /**
   * How an exported handler is built. `bound`: names whose handler expression is already known (a
   * top-level `let` reassigned by later statements).
   */
  hexpr(
    node: ts.Expression | undefined,
    consts: Map<string, ts.Expression>,
    depth = 0,
    bound?: ReadonlyMap<string, HExpr>,
  ): HExpr {
    const ts = this.ts;
    if (!node || depth > 6) return { t: "unknown" };
    const e = unwrap(node);
    if (isFunctionNode(ts, e)) return { t: "fn", fn: this.fn(e, "handler") };
    if (ts.isConditionalExpression(e)) {
      return {
        t: "choice",
        cond: this.cond(e.condition, []),
        a: this.hexpr(e.whenTrue, consts, depth + 1, bound),
        b: this.hexpr(e.whenFalse, consts, depth + 1, bound),
      };
    }
    if (ts.isIdentifier(e)) {
      const known = bound?.get(e.text);
      if (known) return known;
      if (this.s.localFns.has(e.text)) return { t: "ref", ref: { k: "local", name: e.text } };
      const init = consts.get(e.text);
      if (init) return this.hexpr(init, consts, depth + 1, bound);
      const b = this.s.imports.get(e.text);
      if (b && b.imported !== "*") return { t: "ref", ref: { k: "import", spec: b.module, name: b.imported } };
      return { t: "unknown" };
    }
    if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
      const b = this.s.imports.get(e.expression.text);
      if (b && b.imported === "*") return { t: "ref", ref: { k: "import", spec: b.module, name: e.name.text } };
      return { t: "unknown" };
    }
    if (!ts.isCallExpression(e)) return { t: "unknown" };
    const args = e.arguments.map((a) => {
      const u = unwrap(a);
      return isFunctionNode(ts, u) || ts.isIdentifier(u) || ts.isCallExpression(u) || ts.isPropertyAccessExpression(u)
        ? this.hexpr(u, consts, depth + 1, bound)
        : ({ t: "unknown" } as HExpr);
    });
    return { t: "wrap", callee: this.wrapCallee(e), args, at: this.at(e.expression) };
  }

  /** What a called name is bound to: an import (or a namespace member), and its local name. */
  private calleeBinding(callee: ts.Expression): { local?: string; binding?: ImportBinding; member?: string } {
    const ts = this.ts;
    if (ts.isIdentifier(callee)) return { local: callee.text, binding: this.s.imports.get(callee.text) };
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const b = this.s.imports.get(callee.expression.text);
      if (b?.imported === "*")
        return { binding: { module: b.module, imported: callee.name.text }, member: callee.name.text };
    }
    return {};
  }

  private wrapCallee(call: ts.CallExpression): WrapCallee {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    const { local, binding, member } = this.calleeBinding(callee);
    if (binding && QSTASH_MODULE.test(binding.module) && /^verifySignature/.test(binding.imported))
      return { k: "sdk-verify", name: binding.imported };
    if (binding && isSdkModule(binding.module) && SERVE_NAMES.has(binding.imported))
      return { k: "serve", receiver: this.serveReceiver(call), at: this.at(call.expression) };
    if (binding) return { k: "import", spec: binding.module, name: binding.imported };
    if (local && this.s.localFns.has(local)) return { k: "local", name: local };
    const name = local ?? member ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : "wrapper");
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
        if (isNullish(ts, v)) return "none";
        if (ts.isConditionalExpression(v) && (isNullish(ts, unwrap(v.whenTrue)) || isNullish(ts, unwrap(v.whenFalse))))
          return this.cond(v.condition, []);
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
    if (ts.isVariableStatement(s)) return this.variableStatement(s);
    if (ts.isExpressionStatement(s)) return this.expressionStatement(s);
    if (ts.isIfStatement(s)) return this.ifStatement(s);
    if (ts.isReturnStatement(s)) return this.returnStatement(s);
    if (ts.isThrowStatement(s)) return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
    if (ts.isTryStatement(s)) return this.tryStatement(s);
    if (ts.isSwitchStatement(s)) return this.switchStatement(s);
    if (ts.isLabeledStatement(s)) return this.stmt(s.statement);
    return this.loop(s);
  }

  private variableStatement(s: ts.VariableStatement): Ev[] {
    const ts = this.ts;
    const out: Ev[] = [];
    for (const d of s.declarationList.declarations) {
      if (!d.initializer) {
        for (const n of bindingNames(ts, d.name)) out.push({ t: "decl", name: n, falsy: true });
        continue;
      }
      if (isFunctionNode(ts, unwrap(d.initializer))) continue; // defined, not run
      const name = ts.isIdentifier(d.name) ? d.name.text : undefined;
      const evs = this.expr(d.initializer, name);
      out.push(...evs);
      const holdsResult = name !== undefined && evs.some((e) => e.t === "call" && e.resultVar === name);
      for (const n of bindingNames(ts, d.name))
        if (!(holdsResult && n === name)) out.push({ t: "decl", name: n, falsy: isFalsy(ts, d.initializer) });
    }
    return out;
  }

  private expressionStatement(s: ts.ExpressionStatement): Ev[] {
    const ts = this.ts;
    const e = unwrap(s.expression);
    if (this.throwingCall(e)) return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
    if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left))
      return this.expr(s.expression);
    const name = e.left.text;
    const evs = this.expr(e.right, name);
    if (evs.some((x) => x.t === "call" && x.resultVar === name)) return evs;
    return [...evs, isFalsy(ts, e.right) ? { t: "decl", name, falsy: true } : { t: "assign", name }];
  }

  private ifStatement(s: ts.IfStatement): Ev[] {
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

  private returnStatement(s: ts.ReturnStatement): Ev[] {
    if (!s.expression) return [{ t: "exit", kind: "pass", value: "nullish", at: this.at(s) }];
    if (isFunctionNode(this.ts, unwrap(s.expression))) return [{ t: "exit", kind: "fail", at: this.at(s) }];
    return [
      ...this.expr(s.expression),
      { t: "exit", kind: this.exitKind(s.expression), value: this.exitValue(s.expression), at: this.at(s) },
    ];
  }

  private tryStatement(s: ts.TryStatement): Ev[] {
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

  private loop(s: ts.Statement): Ev[] {
    const ts = this.ts;
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
    return [];
  }

  private switchStatement(s: ts.SwitchStatement): Ev[] {
    const ts = this.ts;
    const pre = this.expr(s.expression);
    // `case "production":` compares the subject; the words of the subject alone would mislead.
    const cond: Cond = { ...this.cond(s.expression, []), negated: null, auth: null };
    delete cond.holds;
    delete cond.fails;
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
    if (isNullish(ts, x)) return "nullish";
    if (ts.isNewExpression(x) && /Response$/.test(memberPath(x.expression)?.join(".") ?? "")) return "response";
    if (ts.isCallExpression(x)) {
      const root = rootIdentifier(ts, x.expression);
      const name = calleeName(ts, unwrap(x.expression));
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
    if (isFunctionNode(ts, e)) return [];
    if (ts.isBinaryExpression(e) && isShortCircuit(ts, e.operatorToken.kind)) return this.shortCircuit(e);
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

  /** `a && b`, `a || b`, `a ?? b`: the right side runs on one branch of the left. */
  private shortCircuit(e: ts.BinaryExpression): Ev[] {
    const first = this.nextId;
    const left = this.expr(e.left);
    const ids = idsFrom(left, first);
    const right = this.expr(e.right);
    if (!right.length) return left;
    const cond = this.cond(e.left, ids);
    if (e.operatorToken.kind === this.ts.SyntaxKind.AmpersandAmpersandToken)
      return [...left, { t: "if", cond, then: right, else: [] }];
    return [...left, { t: "if", cond, then: [], else: right }];
  }

  private call(call: ts.CallExpression, resultVar?: string): Ev[] {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    // `x.verify(…).then(cb)` / `.catch(cb)`: the chain is lowered at the inner call.
    if (ts.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.name.text)) {
      const inner = unwrap(callee.expression);
      if (ts.isCallExpression(inner)) return this.chainedCall(call, callee, inner, resultVar);
    }
    const ref = this.candidate(call);
    const out: Ev[] = [];
    // The object of a method call, and the function a call returns (`verifySignatureAppRouter(h)(req)`).
    if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))
      out.push(...this.expr(callee.expression));
    else if (ts.isCallExpression(callee) && this.candidate(callee)) out.push(...this.expr(callee));
    for (const a of call.arguments) if (!isFunctionNode(ts, unwrap(a))) out.push(...this.expr(a));
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
        name: shortCallee(ts, callee),
      });
    } else if (this.isEffect(call, chain.awaited)) {
      out.push({ t: "effect", at: this.at(call), what: `${shortCallee(ts, callee)}()` });
    }
    // Callbacks handed to ordinary calls run (array methods, transactions); a verifying wrapper's
    // callback is the handler it protects and is judged there.
    const wraps = ref && (ref.k === "sdk" || ref.k === "local" || ref.k === "import");
    if (!wraps) for (const a of call.arguments) out.push(...this.callbackEffects(a));
    return out;
  }

  private chainedCall(
    call: ts.CallExpression,
    callee: ts.PropertyAccessExpression,
    inner: ts.CallExpression,
    resultVar?: string,
  ): Ev[] {
    const ts = this.ts;
    const out = this.call(inner, resultVar);
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
    if (callee.name.text === "then" && innerCall && cb && isFunctionNode(ts, cb))
      out.push({ t: "then", call: innerCall.id, body: this.fnBody(cb) });
    else for (const a of call.arguments) out.push(...this.callbackEffects(a));
    return out;
  }

  private fnBody(fn: FunctionNode): Ev[] {
    const ts = this.ts;
    if (fn.body && ts.isBlock(fn.body)) return this.stmts(fn.body.statements);
    return fn.body ? this.expr(fn.body) : [];
  }

  private callbackEffects(a: ts.Expression): Ev[] {
    const u = unwrap(a);
    if (!isFunctionNode(this.ts, u)) return [];
    return this.fnBody(u).filter((e) => e.t !== "exit");
  }

  /** Awaited / returned / then-chained, swallowed by `.catch`, and the variable holding the result. */
  private chainInfo(call: ts.CallExpression, resultVar?: string): Chain {
    const ts = this.ts;
    const chain: Chain = { awaited: false, swallow: false };
    let node: ts.Node = call;
    for (;;) {
      const p: ts.Node | undefined = node.parent;
      if (!p) break;
      const next = this.chainStep(p, node, chain);
      if (next === "stop") break;
      if (next !== "continue") return { ...chain, resultVar: next.resultVar };
      node = chainParent(ts, p, node);
    }
    return {
      ...chain,
      ...(resultVar && node.parent && ts.isVariableDeclaration(node.parent) ? { resultVar } : {}),
    };
  }

  /** One step up from a call: go on through wrappers, await and promise chains; stop at a binding. */
  private chainStep(p: ts.Node, node: ts.Node, chain: Chain): "continue" | "stop" | { resultVar: string } {
    const ts = this.ts;
    if (
      ts.isParenthesizedExpression(p) ||
      ts.isAsExpression(p) ||
      ts.isNonNullExpression(p) ||
      ts.isSatisfiesExpression(p)
    )
      return "continue";
    if (ts.isPropertyAccessExpression(p)) return this.promiseMethod(p, node, chain);
    if (ts.isAwaitExpression(p) || ts.isYieldExpression(p)) {
      chain.awaited = true;
      return "continue";
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === node)) {
      chain.awaited = true;
      return "stop";
    }
    if (
      ts.isArrayLiteralExpression(p) &&
      ts.isCallExpression(p.parent) &&
      /^(all|allSettled)$/.test(calleeName(ts, p.parent.expression) ?? "")
    )
      return "continue";
    const bound = this.boundTo(p, node);
    return bound ? { resultVar: bound } : "stop";
  }

  /** `const ok = <node>` or `ok = <node>`: the variable that holds the call's result. */
  private boundTo(p: ts.Node, node: ts.Node): string | undefined {
    const ts = this.ts;
    if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name)) return p.name.text;
    const assigns =
      ts.isBinaryExpression(p) &&
      p.right === node &&
      p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(p.left);
    return assigns ? (p.left as ts.Identifier).text : undefined;
  }

  /** `.then(ok, fail)`, `.catch(cb)`, `.finally(cb)` after a call. */
  private promiseMethod(p: ts.PropertyAccessExpression, node: ts.Node, chain: Chain): "continue" | "stop" {
    const ts = this.ts;
    if (p.expression !== node || !ts.isCallExpression(p.parent) || p.parent.expression !== p) return "stop";
    const m = p.name.text;
    if (m === "then") {
      chain.awaited = true;
      if (p.parent.arguments.length > 1) chain.swallow ||= !throwsIn(ts, p.parent.arguments[1]!);
      return "continue";
    }
    if (m === "catch") {
      chain.swallow ||= !throwsIn(ts, p.parent.arguments[0]);
      return "continue";
    }
    return m === "finally" ? "continue" : "stop";
  }

  /** What a call refers to when it may verify the signature. */
  candidate(call: ts.CallExpression): CallRef | undefined {
    const ts = this.ts;
    const callee = unwrap(call.expression);
    const name = calleeName(ts, callee);
    if (!name) return undefined;
    if (ts.isPropertyAccessExpression(callee) && name === "verify") return this.verifyMethod(call, callee);
    if (name === "jwtVerify" || name === "compactVerify") return this.joseVerify(call, callee);
    if (ts.isIdentifier(callee)) return this.namedCall(call, callee.text);
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
      const b = this.s.imports.get(callee.expression.text);
      if (b?.imported !== "*") return undefined;
      if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(name)) return { k: "sdk" };
      return { k: "import", spec: b.module, name };
    }
    return undefined;
  }

  /** `receiver.verify({ signature, body })` or jsonwebtoken's `jwt.verify(signature, key)`. */
  private verifyMethod(call: ts.CallExpression, callee: ts.PropertyAccessExpression): CallRef | undefined {
    const ts = this.ts;
    const root = rootIdentifier(ts, callee);
    if (root && this.s.imports.get(root)?.module === "jsonwebtoken")
      return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
    if (call.arguments.length !== 1) return undefined;
    const a = unwrap(call.arguments[0]!);
    if (ts.isObjectLiteralExpression(a) && a.properties.some((p) => propertyNameText(p.name) === "signature"))
      return { k: "receiver" };
    const obj = unwrap(callee.expression);
    if (ts.isNewExpression(obj) && memberPath(obj.expression)?.slice(-1)[0] === "Receiver") return { k: "receiver" };
    if (root && (this.s.receivers.has(root) || /receiver/i.test(root))) return { k: "receiver" };
    const last = memberPath(callee.expression)?.slice(-1)[0];
    return last && /receiver/i.test(last) ? { k: "receiver" } : undefined;
  }

  private joseVerify(call: ts.CallExpression, callee: ts.Expression): CallRef | undefined {
    const ts = this.ts;
    const root = rootIdentifier(ts, callee);
    const b = ts.isIdentifier(callee) ? this.s.imports.get(callee.text) : root ? this.s.imports.get(root) : undefined;
    return b?.module === "jose" && this.mentionsSigning(call) ? { k: "jwt", sync: false } : undefined;
  }

  /** A call of a plain name: an imported function, a local one, or a name bound to an SDK handler. */
  private namedCall(call: ts.CallExpression, name: string): CallRef | undefined {
    const b = this.s.imports.get(name);
    if (!b) {
      if (this.s.localFns.has(name)) return { k: "local", name };
      return this.s.sdkBound.has(name) ? { k: "sdk" } : undefined;
    }
    if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(b.imported))
      return this.isRequestArgument(call.arguments[0]) ? { k: "sdk-misuse", name: b.imported } : { k: "sdk" };
    if (isSdkModule(b.module) && SERVE_NAMES.has(b.imported)) return { k: "sdk" };
    if (b.module === "jsonwebtoken" && b.imported === "verify")
      return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
    if (b.imported === "*") return undefined;
    return { k: "import", spec: b.module, name: b.imported };
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
    if (isDynamicImport(ts, call)) return false; // loading a module changes nothing
    const callee = unwrap(call.expression);
    const name = calleeName(ts, callee);
    if (!name) return awaited;
    if (ts.isIdentifier(callee) && this.isParam(name)) return !(name === "next" && call.arguments.length > 0);
    if (this.harmlessReceiver(callee, name)) return false;
    if (SAFE_NAMES.has(name) || HARMLESS_FACTORY.test(name)) return false;
    if (EFFECT_VERB.test(name)) return true;
    return awaited && !READ_NAME.test(name);
  }

  /** A method of something that cannot change the world: a safe global, local data, crypto, the request. */
  private harmlessReceiver(callee: ts.Expression, name: string): boolean {
    const ts = this.ts;
    const root = rootIdentifier(ts, callee);
    if (!root) return false;
    if (SAFE_ROOTS.has(root)) return true;
    const method = !ts.isIdentifier(callee);
    if (method && this.localData.some((d) => d.has(root))) return true;
    const rootModule = this.s.imports.get(root)?.module;
    if (rootModule && /^(node:)?crypto$/.test(rootModule)) return true;
    if (!method) return false;
    // Reading the request (req.json(), c.req.header(), event.node.req…) and answering it.
    const first = this.params[this.params.length - 1]?.[0];
    return (root === first || REQUEST_ROOT.test(root)) && (!EFFECT_VERB.test(name) || REQUEST_READ.test(name));
  }

  cond(e: ts.Expression, ids: number[]): Cond {
    return classify(this.s, e, ids);
  }

  private at(n: ts.Node): Location {
    return this.s.loc(n.getStart(this.s.sf), n.getEnd());
  }
}

function isSdkModule(module: string): boolean {
  return QSTASH_MODULE.test(module) || WORKFLOW_MODULE.test(module);
}

function isShortCircuit(ts: TS, op: ts.SyntaxKind): boolean {
  return (
    op === ts.SyntaxKind.AmpersandAmpersandToken ||
    op === ts.SyntaxKind.BarBarToken ||
    op === ts.SyntaxKind.QuestionQuestionToken
  );
}

/** The last function argument of a call (`withLogging(opts, async (req) => …)`). */
function lastCallback(ts: TS, call: ts.CallExpression): FunctionNode | undefined {
  return [...call.arguments]
    .reverse()
    .map((a) => unwrap(a))
    .find((a): a is ts.ArrowFunction | ts.FunctionExpression => isFunctionNode(ts, a));
}

/** Where a promise-chain step continues from: the call of `.then(…)`, or the wrapper itself. */
function chainParent(ts: TS, p: ts.Node, node: ts.Node): ts.Node {
  if (ts.isPropertyAccessExpression(p) && p.expression === node) return p.parent;
  if (ts.isArrayLiteralExpression(p)) return p.parent;
  return p;
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
