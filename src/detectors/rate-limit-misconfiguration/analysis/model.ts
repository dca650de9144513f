/**
 * One file's rate-limit model, shared by the rule's detectors (built once per syntax tree): limit
 * call sites and the helpers that pass their verdict on, what each site's identifier is made of, how
 * its result is used, limiter constructions and algorithm arguments, and the file's exports as plain
 * data for the project phase.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { MemoKey } from "../../../engine/project";
import type { FileContext } from "../../types";
import { exportTable, hasModifier, moduleExports, type ExportTable } from "../../../engine/exports";
import { memberPath, propertyNameText, unwrap, walk } from "../../ast";
import { declarationOf, referencesTo, scopeOf, type Declaration } from "./scope";
import {
  isRequireBinding,
  LimiterIndex,
  LIMITER_NAME,
  mayBeProjectSpecifier,
  optionOf,
  returnedExpressions,
  type ConfigSummary,
  type Construction,
  type ImportRef,
  type LimiterRef,
} from "./limiters";
import { HandlerIndex } from "./handlers";
import { IdentifierTracer, judge, returnsNonNullish, type IdPart, type IdVerdict, type Origin } from "./identifiers";
import {
  analyzeVerdict,
  branchAllows,
  statementsFollow,
  successTrue,
  terminates,
  type Shape,
  type VerdictUse,
} from "./usage";
import { ALGORITHMS, type Algorithm, type AlgorithmArgs } from "./bounds";
import type { Guard } from "./guards";
import { constNumber, constString } from "./values";
import type { Location } from "../../../engine/types";

const LIMITISH = /limit|throttl|quota|guard|protect/i;

export interface Helper {
  fn: ts.FunctionLikeDeclaration;
  decl: Declaration;
  name: string;
  shape: Shape;
  ref: LimiterRef;
  /** Which argument carries the identifier: an index, and a property when it is an options object. */
  idParam?: { index: number; prop?: string };
}

export interface Site {
  call: ts.CallExpression;
  via: "limit" | "helper";
  helper?: Helper;
  ref: LimiterRef;
  id?: ts.Expression;
  verdict?: IdVerdict;
  use: VerdictUse;
  /** A catch (or `.catch`) that lets the request through when the limiter throws. */
  failOpen?: { node: ts.Node; why: string };
  /** The verdict is checked only after this side effect already ran. */
  lateCheck?: { check: ts.Node; work: ts.CallExpression };
  handler?: ts.Node;
}

export interface AlgorithmCall {
  call: ts.CallExpression;
  args: AlgorithmArgs;
  /** Argument positions that are parameters of an enclosing factory (index into its parameters). */
  params: Array<{ arg: 0 | 1 | 2; param: number; fallback?: number | string }>;
  fn?: ts.FunctionLikeDeclaration;
}

export interface Factory {
  fn: ts.FunctionLikeDeclaration;
  name: string;
  constructions: Construction[];
  /** The function builds a new limiter on every call (no cache around it). */
  perCall: boolean;
  algorithms: AlgorithmCall[];
}

/** Serializable exported values, resolved across files in the project phase. */
export type ExportValue =
  | { kind: "limiter"; configs: ConfigSummary[] }
  | { kind: "map"; members: Record<string, ExportValue> }
  | {
      kind: "factory";
      configs: ConfigSummary[];
      perCall?: Location;
      params: Array<{
        arg: 0 | 1 | 2;
        param: number;
        fallback?: number | string;
        algorithm: Algorithm;
        fixed: AlgorithmArgs;
      }>;
    }
  | {
      kind: "helper";
      shape: Shape;
      idParam?: { index: number; prop?: string };
      configs?: ConfigSummary[];
      via?: ImportRef;
      perCall?: Location;
    }
  | {
      kind: "origin";
      fallbacks: Array<{ at: Location; value: string; guard: Guard }>;
      client: Array<{ at: Location; source: string; detail: string }>;
      trusted: boolean;
      nonNullish?: boolean;
    }
  /** A function we know nothing about except that its declared return type excludes null/undefined. */
  | { kind: "opaque"; nonNullish: true }
  | { kind: "alias"; ref: ImportRef }
  /** Throws when the limit is hit (`assertRateLimit`): a caller that swallows the exception disables it. */
  | { kind: "guard"; via?: ImportRef };

export class FileModel {
  readonly index: LimiterIndex;
  readonly handlers: HandlerIndex;
  readonly tracer: IdentifierTracer;
  readonly sites: Site[] = [];
  readonly helpers = new Map<ts.Node, Helper>();
  readonly algorithms: AlgorithmCall[] = [];
  readonly factories = new Map<ts.Node, Factory>();
  /** Calls of imported functions (maybe helpers or factories defined elsewhere). */
  readonly importedCalls: Array<{ call: ts.CallExpression; ref: ImportRef; handler?: ts.Node }> = [];
  readonly exports = new Map<string, ExportValue>();
  /** Named functions that throw when the limit is hit, with the limiter they use. */
  readonly guards = new Map<ts.Node, { name: string; ref: LimiterRef }>();
  /** Calls of guards whose exception is swallowed, and where. */
  readonly swallowed: Array<{ call: ts.CallExpression; guard: string; at: ts.Node; ref: LimiterRef }> = [];
  /** Re-exports, and the names `exports` holds, for following imports across files. */
  table: ExportTable = { names: {}, stars: [] };
  /** Local names exported under their own name (not as the default export). */
  private readonly exportedLocals = new Set<string>();

  constructor(
    readonly sf: ts.SourceFile,
    readonly path: string,
    readonly loc: (start: number, end: number, message?: string) => Location,
  ) {
    this.index = new LimiterIndex(sf);
    this.handlers = new HandlerIndex(sf, path);
    this.tracer = new IdentifierTracer(sf, (fn, i, prop) => this.handlers.clientParam(fn, i, prop));
    this.collectSites();
    this.collectHelpers();
    this.collectGuards();
    this.collectAlgorithms();
    this.collectFactories();
    this.collectImportedCalls();
    this.collectExports();
  }

  private readonly isHandler = (fn: ts.Node): boolean => this.handlers.isHandler(fn);
  private readonly verdicts = new Map<string, VerdictUse>();

  /** How a call's value is used for a given shape; memoized, the rule's detectors ask the same questions. */
  verdictUse(call: ts.CallExpression, shape: Shape): VerdictUse {
    const key = `${call.pos}:${shape}`;
    let v = this.verdicts.get(key);
    if (!v) this.verdicts.set(key, (v = analyzeVerdict(call, shape, this.isHandler)));
    return v;
  }

  /**
   * Whether code at `node` can run: "dead" inside a named function that nothing in this file refers to
   * and that is not exported; "if-imported" inside a function exported by name, which runs only if some
   * file imports this module; "live" elsewhere (handlers, default exports, callbacks, module scope).
   */
  liveness(node: ts.Node): "live" | "dead" | "if-imported" {
    const ts = typescript();
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
      if (!ts.isFunctionLike(n)) continue;
      if (this.handlers.isHandler(n)) return "live";
      const named = functionName(n as ts.FunctionLikeDeclaration);
      if (!named) {
        // A callback handed to a call (a router, a wrapper): whoever receives it calls it.
        if (n.parent && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent))) return "live";
        continue;
      }
      const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
      if (referencesTo(named.decl, scope).length) return "live";
      if (ts.isFunctionDeclaration(named.decl) && hasModifier(ts, named.decl, ts.SyntaxKind.DefaultKeyword))
        return "live";
      return this.exportedLocals.has(named.name) ? "if-imported" : "dead";
    }
    return "live";
  }

  /** The location of a node of this file. */
  at(node: ts.Node, message?: string): Location {
    return this.loc(node.getStart(this.sf), node.getEnd(), message);
  }

  private collectSites(): void {
    const ts = typescript();
    walk(this.sf, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const method = node.expression.name.text;
      if (method !== "limit" && method !== "blockUntilReady") return;
      const receiver = node.expression.expression;
      const ref = this.index.resolve(receiver) ?? this.guess(receiver);
      if (!ref) return;
      // `limit(10)` on a query builder has a number, not an identifier; Cloudflare's rate-limit
      // binding takes `{ key }`.
      const id = node.arguments[0];
      if (!id || (ref.kind === "guess" && (constNumber(id) !== undefined || ts.isObjectLiteralExpression(unwrap(id)))))
        return;
      this.addSite(node, "limit", ref, id, "result");
    });
  }

  /**
   * A receiver we cannot resolve but whose name says limiter, reached from an untyped parameter or a
   * context object (`ctx.ratelimit`, `limiter` passed in): judged by name, at medium confidence.
   */
  private guess(receiver: ts.Expression): LimiterRef | undefined {
    const ts = typescript();
    const path = memberPath(receiver);
    if (!path) return undefined;
    const last = path[path.length - 1]!;
    if (!LIMITER_NAME.test(last)) return undefined;
    // Platform bindings (`env.RATE_LIMITER`, `platform.env.LIMITER`) are Cloudflare's own limiter.
    if (path.some((p) => p === "env" || p === "platform" || p === "bindings")) return undefined;
    const root = unwrap(receiver);
    let base: ts.Expression = root;
    while (ts.isPropertyAccessExpression(base) || ts.isElementAccessExpression(base)) base = unwrap(base.expression);
    if (base.kind === ts.SyntaxKind.ThisKeyword) return { kind: "guess", name: path.join(".") };
    if (!ts.isIdentifier(base)) return undefined;
    const decl = declarationOf(base);
    if (!decl)
      return path.length > 1 || this.index.importsRatelimit ? { kind: "guess", name: path.join(".") } : undefined;
    if (ts.isParameter(decl) || ts.isBindingElement(decl)) {
      // A parameter typed as something else is something else.
      if (ts.isParameter(decl) && decl.type && path.length === 1) return undefined;
      if (ts.isBindingElement(decl)) {
        let n: ts.Node = decl;
        while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n)) n = n.parent;
        if (!ts.isParameter(n)) return undefined;
      }
      return { kind: "guess", name: path.join(".") };
    }
    return undefined;
  }

  private addSite(
    call: ts.CallExpression,
    via: Site["via"],
    ref: LimiterRef,
    id: ts.Expression | undefined,
    shape: Shape,
    helper?: Helper,
  ): Site {
    const use = this.verdictUse(call, shape);
    const site: Site = { call, via, ref, id, use, helper, handler: this.handlers.enclosingHandler(call) };
    if (id) site.verdict = judge(this.tracer.parts(id));
    site.failOpen = this.failOpen(site);
    site.lateCheck = lateCheck(site);
    this.sites.push(site);
    return site;
  }

  /** Functions that hand a verdict to their callers, and their call sites in this file. */
  private collectHelpers(): void {
    const ts = typescript();
    for (let i = 0; i < this.sites.length && i < 500; i++) {
      const site = this.sites[i]!;
      if (site.use.consumption.kind !== "delegated") continue;
      const { fn, shape } = site.use.consumption;
      if (this.helpers.has(fn)) continue;
      const named = functionName(fn);
      if (!named) continue;
      const helper: Helper = { fn, decl: named.decl, name: named.name, shape, ref: site.ref };
      const param = site.verdict?.params.find((p) => p.fn === fn);
      if (param) helper.idParam = { index: param.index, prop: param.prop };
      else if (site.helper?.idParam && site.id) {
        // A helper of a helper: the identifier is passed on again.
        const inner = this.tracer
          .parts(site.id)
          .flatMap((p) => p.origins)
          .find((o): o is Extract<Origin, { kind: "param" }> => o.kind === "param" && o.fn === fn);
        if (inner) helper.idParam = { index: inner.index, prop: inner.prop };
      }
      this.helpers.set(fn, helper);
      const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
      for (const ref of referencesTo(named.decl, ts.isSourceFile(scope) ? scope : this.sf)) {
        const call = ref.parent;
        if (!call || !ts.isCallExpression(call) || call.expression !== ref) continue;
        const id = helper.idParam ? argumentAt(call, helper.idParam) : undefined;
        this.addSite(call, "helper", site.ref, id, shape, helper);
      }
    }
  }

  /**
   * Guards: named functions whose limited branch throws (`if (!success) throw …`), and functions that
   * call a guard outside any try. A call of a guard whose exception a `catch` (or `.catch()`) swallows
   * lets limited requests through, and limiter errors too.
   */
  private collectGuards(): void {
    const ts = typescript();
    const queue: Array<{ fn: ts.FunctionLikeDeclaration; ref: LimiterRef }> = [];
    for (const site of this.sites) {
      if (site.use.consumption.kind !== "enforced" || !site.use.throwsWhenLimited) continue;
      let fn: ts.Node | undefined = site.call.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      if (fn && !this.handlers.isHandler(fn) && !insideTry(site.call, fn))
        queue.push({ fn: fn as ts.FunctionLikeDeclaration, ref: site.ref });
    }
    for (let i = 0; i < queue.length && i < 200; i++) {
      const { fn, ref } = queue[i]!;
      const named = functionName(fn);
      if (!named || this.guards.has(fn)) continue;
      this.guards.set(fn, { name: named.name, ref });
      const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
      for (const r of referencesTo(named.decl, ts.isSourceFile(scope) ? scope : this.sf)) {
        const call = r.parent;
        if (!call || !ts.isCallExpression(call) || call.expression !== r) continue;
        const at = swallowedAt(call, this.handlers.middlewareFile);
        if (at) {
          this.swallowed.push({ call, guard: named.name, at, ref });
          continue;
        }
        // A function that calls a guard outside any try is a guard itself.
        let outer: ts.Node | undefined = call.parent;
        while (outer && !ts.isFunctionLike(outer)) outer = outer.parent;
        if (outer && !this.handlers.isHandler(outer) && !insideTry(call, outer))
          queue.push({ fn: outer as ts.FunctionLikeDeclaration, ref });
      }
    }
  }

  /** Calls of the Ratelimit algorithms: `Ratelimit.slidingWindow(10, "10 s")`. */
  private collectAlgorithms(): void {
    const ts = typescript();
    if (!this.index.importsRatelimit) return;
    walk(this.sf, (n) => {
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
      const name = n.expression.name.text;
      if (!ALGORITHMS.has(name) || !this.index.classKind(n.expression.expression)) return;
      const algorithm = name as Algorithm;
      const a = n.arguments;
      const num = (e: ts.Expression | undefined) => (e ? (constNumber(e) ?? null) : null);
      const win = (e: ts.Expression | undefined): string | number | null =>
        e ? (constString(e) ?? constNumber(e) ?? null) : null;
      const args: AlgorithmArgs = { algorithm, tokens: num(a[0]), window: win(a[1]) };
      if (algorithm === "tokenBucket") args.maxTokens = num(a[2]);
      const call: AlgorithmCall = { call: n, args, params: [] };
      // Arguments that are parameters of the enclosing function: the factory's callers decide.
      for (const i of [0, 1, 2] as const) {
        const e = a[i] ? unwrap(a[i]!) : undefined;
        if (!e || !ts.isIdentifier(e)) continue;
        const decl = declarationOf(e);
        if (!decl || !ts.isParameter(decl)) continue;
        const fn = decl.parent as ts.FunctionLikeDeclaration;
        call.fn ??= fn;
        if (call.fn !== fn) continue;
        const fallback = decl.initializer
          ? (constNumber(decl.initializer) ?? constString(decl.initializer))
          : undefined;
        call.params.push({ arg: i, param: fn.parameters.indexOf(decl), fallback });
      }
      this.algorithms.push(call);
    });
  }

  /** Functions returning a new limiter: factories (`ratelimit(10, "10 s")`) and per-call builders. */
  private collectFactories(): void {
    const ts = typescript();
    for (const c of this.index.constructions) {
      let fn: ts.Node | undefined = c.node.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      if (!fn) continue;
      const named = functionName(fn as ts.FunctionLikeDeclaration);
      if (!named) continue;
      const f = fn as ts.FunctionLikeDeclaration;
      // Only functions that hand the limiter out (or use it) count; a function merely mentioning one does not.
      let existing = this.factories.get(f);
      if (!existing) {
        existing = { fn: f, name: named.name, constructions: [], perCall: false, algorithms: [] };
        this.factories.set(f, existing);
      }
      existing.constructions.push(c);
      if (!isMemoized(c.node, f) && !cacheKeptOutside(c, f)) existing.perCall = true;
    }
    for (const a of this.algorithms) {
      let fn: ts.Node | undefined = a.call.parent;
      while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
      const f = fn ? this.factories.get(fn) : undefined;
      if (f) f.algorithms.push(a);
    }
  }

  private collectImportedCalls(): void {
    const ts = typescript();
    walk(this.sf, (n) => {
      if (!ts.isCallExpression(n)) return;
      const callee = unwrap(n.expression);
      let ref: ImportRef | undefined;
      if (ts.isIdentifier(callee)) {
        const decl = declarationOf(callee);
        const b = this.index.importOf(callee.text);
        if (
          decl &&
          b &&
          (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl)) &&
          !b.module.startsWith("@upstash/")
        )
          ref = { specifier: b.module, name: b.imported === "*" ? "default" : b.imported, path: [], call: true };
      } else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(unwrap(callee.expression))) {
        const ns = unwrap(callee.expression) as ts.Identifier;
        const decl = declarationOf(ns);
        const b = this.index.importOf(ns.text);
        if (decl && b && ts.isNamespaceImport(decl) && !b.module.startsWith("@upstash/"))
          ref = { specifier: b.module, name: callee.name.text, path: [], call: true };
      }
      // Project code (relative paths, aliases) may define helpers and factories; from packages only
      // names that say so are worth following (a workspace package's `checkRateLimit`).
      if (ref && (mayBeProjectSpecifier(ref.specifier) || LIMITISH.test(ref.name)))
        this.importedCalls.push({ call: n, ref, handler: this.handlers.enclosingHandler(n) });
    });
  }

  /**
   * A `catch` that lets the request through when `limit()` throws (Redis unreachable): it returns an
   * allow value, calls `next()`, or completes and lets the code after the try run the protected work
   * while the check inside the try was skipped.
   */
  private failOpen(site: Site): Site["failOpen"] {
    const ts = typescript();
    if (site.use.catchAllows) return { node: site.use.catchAllows, why: "catch-handler" };
    const kind = site.use.consumption.kind;
    if (kind === "discarded" || kind === "unread") return undefined;
    let tryStmt: ts.TryStatement | undefined;
    for (let n: ts.Node | undefined = site.call.parent; n; n = n.parent) {
      if (ts.isFunctionLike(n)) break;
      if (ts.isTryStatement(n) && n.catchClause && isWithinNode(site.call, n.tryBlock)) {
        tryStmt = n;
        break;
      }
    }
    if (!tryStmt?.catchClause) return undefined;
    const block = tryStmt.catchClause.block;
    const at = tryStmt.catchClause;
    if (rethrows(block)) return undefined;
    if (branchAllows(block)) return { node: at, why: "allows" };
    // Same value as the try's pass path (`return null`, `return NextResponse.next()`), or the opposite
    // polarity of a boolean verdict.
    const catchReturns = ownReturns(block);
    if (catchReturns.length) {
      const passReturns = ownReturns(tryStmt.tryBlock).filter((r) => !insideLimitedBranch(r));
      for (const cr of catchReturns) {
        const text = normalize(cr);
        if (passReturns.some((pr) => normalize(pr) === text && !isErrorish(pr)))
          return { node: at, why: "same-as-pass" };
        const b = cr.expression ? unwrap(cr.expression) : undefined;
        if (b && (b.kind === ts.SyntaxKind.TrueKeyword || b.kind === ts.SyntaxKind.FalseKeyword)) {
          const want = b.kind === ts.SyntaxKind.TrueKeyword;
          for (const pr of passReturns) {
            const pol = successPolarity(pr.expression);
            if (pol !== undefined && pol === want) return { node: at, why: "boolean" };
          }
        }
        if (b && ts.isObjectLiteralExpression(b) && successTrue(b)) return { node: at, why: "allows" };
      }
      return undefined;
    }
    if (terminates(block)) return undefined;
    // The catch completes: did the error skip a check that was inside the try?
    const checkedInside =
      site.use.checks.some((c) => isWithinNode(c, tryStmt!.tryBlock)) || site.use.consumption.kind === "delegated";
    if (checkedInside && statementsFollow(tryStmt)) return { node: at, why: "continues" };
    if (checkedInside && this.handlers.middlewareFile && site.handler) return { node: at, why: "continues" };
    // The check is after the try on a variable that starts out (or is set in the catch to) "allowed".
    const ob = site.use.outerBinding;
    if (ob && !checkedInside) {
      let setTrue = ob.initial === true;
      walk(block, (n) => {
        if (
          ts.isBinaryExpression(n) &&
          n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
          ts.isIdentifier(n.left) &&
          declarationOf(n.left) === ob.decl
        ) {
          setTrue = unwrap(n.right).kind === ts.SyntaxKind.TrueKeyword;
        }
      });
      if (setTrue) return { node: at, why: "initial-true" };
    }
    return undefined;
  }

  /** Exported names and what they are, as plain data; re-exports go to the export table. */
  private collectExports(): void {
    const ts = typescript();
    const all = moduleExports(ts, this.sf);
    for (const e of all.entries) {
      const s = e.source;
      if (e.name !== "default" && "local" in s && s.local) this.exportedLocals.add(s.local);
      let v: ExportValue | undefined;
      if (s.kind === "expression") v = this.valueOf(s.expression);
      else if (s.kind === "local") v = this.localValue(s.local);
      else if (s.kind === "declaration" && ts.isFunctionDeclaration(s.node)) v = this.functionValue(s.node);
      else if (s.kind === "declaration" && ts.isVariableDeclaration(s.node) && s.node.initializer)
        v = this.valueOf(s.node.initializer, s.node);
      if (v) this.exports.set(e.name, v);
    }
    this.table = exportTable(all, (e) => e.source.kind === "reexport" || this.exports.has(e.name));
  }

  private localValue(name: string): ExportValue | undefined {
    const ts = typescript();
    for (const stmt of this.sf.statements) {
      if (ts.isVariableStatement(stmt)) {
        for (const d of stmt.declarationList.declarations)
          if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer) return this.valueOf(d.initializer, d);
      } else if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === name) return this.functionValue(stmt);
      else if (ts.isImportDeclaration(stmt)) {
        const b = this.index.importOf(name);
        if (
          b &&
          ts.isStringLiteral(stmt.moduleSpecifier) &&
          stmt.moduleSpecifier.text === b.module &&
          !b.module.startsWith("@upstash/")
        )
          return { kind: "alias", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
      }
    }
    return undefined;
  }

  valueOf(expr: ts.Expression, decl?: ts.VariableDeclaration): ExportValue | undefined {
    const ts = typescript();
    const e = unwrap(expr);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) return this.functionValue(e);
    if (decl && this.index.typeMentionsLimiter(decl.type) && !ts.isObjectLiteralExpression(e))
      return { kind: "limiter", configs: [{ pendingWork: undefined, multiRegion: false }] };
    if (ts.isObjectLiteralExpression(e)) {
      const members: Record<string, ExportValue> = {};
      let any = false;
      for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
          const n = propertyNameText(p.name);
          const v = n ? this.valueOf(p.initializer) : undefined;
          if (n && v) {
            members[n] = v;
            any = true;
          }
        } else if (ts.isShorthandPropertyAssignment(p)) {
          const v = this.localValue(p.name.text);
          if (v) {
            members[p.name.text] = v;
            any = true;
          }
        } else if (ts.isMethodDeclaration(p)) {
          const n = propertyNameText(p.name);
          const v = n ? this.functionValue(p) : undefined;
          if (n && v) {
            members[n] = v;
            any = true;
          }
        }
      }
      return any ? { kind: "map", members } : undefined;
    }
    const ref = this.index.resolve(e);
    if (ref?.kind === "local") return { kind: "limiter", configs: ref.configs };
    if (ref?.kind === "typed") return { kind: "limiter", configs: [{ pendingWork: undefined, multiRegion: false }] };
    if (ref?.kind === "import") return { kind: "alias", ref: ref.ref };
    if (ts.isIdentifier(e)) {
      const d = declarationOf(e);
      if (d && ts.isFunctionDeclaration(d)) return this.functionValue(d);
      if (d && ts.isVariableDeclaration(d) && d.initializer && d !== decl) return this.valueOf(d.initializer, d);
      if (d && (ts.isImportSpecifier(d) || ts.isImportClause(d))) {
        const b = this.index.importOf(e.text);
        if (b && !b.module.startsWith("@upstash/"))
          return { kind: "alias", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
      }
    }
    return undefined;
  }

  functionValue(fn: ts.FunctionLikeDeclaration): ExportValue | undefined {
    const helper = this.helpers.get(fn);
    const factory = this.factories.get(fn);
    if (helper) {
      const configs = helper.ref.kind === "local" ? helper.ref.configs : undefined;
      const via = helper.ref.kind === "import" ? helper.ref.ref : undefined;
      const built = factory?.perCall
        ? factory.constructions.find((x) => !isMemoized(x.node, fn) && !cacheKeptOutside(x, fn))
        : undefined;
      return {
        kind: "helper",
        shape: helper.shape,
        idParam: helper.idParam,
        configs,
        via,
        ...(built ? { perCall: this.at(built.node) } : {}),
      };
    }
    const guard = this.guards.get(fn);
    if (guard) return { kind: "guard", ...(guard.ref.kind === "import" ? { via: guard.ref.ref } : {}) };
    if (factory && returnedExpressions(fn).some((r) => this.index.resolve(r)?.kind === "local")) {
      const c = factory.constructions.find((x) => !isMemoized(x.node, fn) && !cacheKeptOutside(x, fn));
      const params = factory.algorithms.flatMap((a) =>
        a.params.map((p) => ({ ...p, algorithm: a.args.algorithm, fixed: a.args })),
      );
      return {
        kind: "factory",
        configs: factory.constructions.map((x) => x.summary),
        perCall: factory.perCall && c ? this.at(c.node) : undefined,
        params,
      };
    }
    // A limiter handed out from a cache or a module variable: still a limiter when called.
    const rets = returnedExpressions(fn);
    for (const r of rets) {
      const ref = this.index.resolve(r);
      if (ref?.kind === "local") return { kind: "factory", configs: ref.configs, params: [] };
    }
    // An identifier getter (`getIp(req)`): what its result is made of.
    if (!rets.length || rets.length > 8)
      return returnsNonNullish(fn) ? { kind: "opaque", nonNullish: true } : undefined;
    const fallbacks: Array<{ at: Location; value: string; guard: Guard }> = [];
    const client: Array<{ at: Location; source: string; detail: string }> = [];
    let trusted = false;
    const constantRets = rets.filter((r) => constString(r) !== undefined);
    const mixed = constantRets.length > 0 && constantRets.length < rets.length;
    const returnGuard = mixed ? this.tracer.returnFallbackGuard(fn, 0) : undefined;
    const partsOf = (r: ts.Expression): IdPart[] =>
      returnGuard && constantRets.includes(r)
        ? returnGuard.kind === "never"
          ? []
          : [{ node: r, origins: [{ kind: "fallback", value: constString(r)!, node: r, guard: returnGuard }] }]
        : this.tracer.parts(r);
    for (const r of rets) {
      const v = judge(partsOf(r));
      if (v.fallbacks)
        for (const f of v.fallbacks) fallbacks.push({ at: this.at(f.node), value: f.value, guard: f.guard });
      for (const c of v.client) client.push({ at: this.at(c.node), source: c.source, detail: c.detail });
      if (v.trusted) trusted = true;
    }
    const nonNullish = returnsNonNullish(fn) || undefined;
    if (!fallbacks.length && !client.length && !trusted) return nonNullish ? { kind: "opaque", nonNullish } : undefined;
    return { kind: "origin", fallbacks, client, trusted, ...(nonNullish ? { nonNullish } : {}) };
  }
}

const MODEL = new MemoKey<FileModel>("rate-limit file model");

/** The model of a parsed file, built once and shared by the rule's detectors. */
export function modelOf(ctx: FileContext): FileModel | undefined {
  const sf = ctx.sourceFile;
  if (!sf) return undefined;
  return ctx.memo(MODEL, () => new FileModel(sf, ctx.path, ctx.location));
}

function functionName(fn: ts.FunctionLikeDeclaration): { name: string; decl: Declaration } | undefined {
  const ts = typescript();
  if (ts.isFunctionDeclaration(fn) && fn.name) return { name: fn.name.text, decl: fn };
  const p = fn.parent;
  if (
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
    p &&
    ts.isVariableDeclaration(p) &&
    ts.isIdentifier(p.name)
  )
    return { name: p.name.text, decl: p };
  return undefined;
}

/** The argument at a helper's identifier position: `f(a, id)` or `f({ identifier: id })`. */
export function argumentAt(call: ts.CallExpression, at: { index: number; prop?: string }): ts.Expression | undefined {
  const ts = typescript();
  const arg = call.arguments[at.index];
  if (!arg) return undefined;
  if (at.prop === undefined) return arg;
  const o = unwrap(arg);
  if (!ts.isObjectLiteralExpression(o)) return undefined;
  const v = optionOf(o, at.prop);
  return v;
}

/**
 * Whether a `new Ratelimit` inside a function is kept beyond the call: assigned to something declared
 * outside the function, stored with `.set(…)`, or assigned with `??=` / `||=`.
 */
export function isMemoized(node: ts.Node, fn: ts.Node): boolean {
  const ts = typescript();
  let n: ts.Node = node;
  while (
    n.parent &&
    (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isConditionalExpression(n.parent))
  )
    n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (ts.isBinaryExpression(p) && p.right === n) {
    if (
      p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      p.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken
    )
      return true;
    const left = unwrap(p.left);
    if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) return true;
    if (ts.isIdentifier(left)) {
      const d = declarationOf(left);
      if (!d || !isWithinNode(d, fn)) return true;
      // `limiter = new Ratelimit(…); cache.set(key, limiter)`
      return storedOutside(d, fn);
    }
  }
  if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && p.right === n)
    return true;
  if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "set")
    return true;
  // const rl = new Ratelimit(…); cache.set(key, rl); return rl;
  if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return storedOutside(p as Declaration, fn);
  return false;
}

/** Whether a local variable's value is put somewhere that outlives the call (`.set(k, v)`, an outer variable or property). */
function storedOutside(decl: Declaration, fn: ts.Node): boolean {
  const ts = typescript();
  for (const ref of referencesTo(decl, scopeOf(decl))) {
    const rp = ref.parent;
    if (
      rp &&
      ts.isCallExpression(rp) &&
      ts.isPropertyAccessExpression(rp.expression) &&
      rp.expression.name.text === "set" &&
      rp.arguments.includes(ref)
    )
      return true;
    if (rp && ts.isBinaryExpression(rp) && rp.right === ref && rp.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const left = unwrap(rp.left);
      if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) return true;
      if (ts.isIdentifier(left)) {
        const d = declarationOf(left);
        if (!d || !isWithinNode(d, fn)) return true;
      }
    }
  }
  return false;
}

/** `ephemeralCache: false`, or a Map declared outside `fn`: nothing is lost by rebuilding the limiter. */
export function cacheKeptOutside(c: Construction, fn: ts.Node): boolean {
  const ts = typescript();
  const opt = optionOf(c.options, "ephemeralCache");
  if (!opt) return false;
  const e = unwrap(opt);
  if (e.kind === ts.SyntaxKind.FalseKeyword) return true;
  if (ts.isIdentifier(e)) {
    const d = declarationOf(e);
    return Boolean(d && !isWithinNode(d, fn));
  }
  return false;
}

export function isWithinNode(node: ts.Node, container: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (n === container) return true;
  return false;
}

/** Calls that do the work a limit protects: writes, messages, payments, model calls, outbound requests. */
const WORK =
  /^(create|insert|update|upsert|delete|remove|destroy|send|publish|enqueue|charge|generate|stream[A-Z]|complete|save|write|execute|invoke|mutate|transfer|refund|post$|fetch$|run$)/;

/**
 * `const { success } = await rl.limit(id); await sendEmail(…); if (!success) return 429`: every check
 * of the verdict comes after an awaited side effect in the same function.
 */
export function lateCheck(site: Pick<Site, "call" | "use">): Site["lateCheck"] {
  const ts = typescript();
  if (site.use.consumption.kind !== "enforced" || !site.use.checks.length) return undefined;
  let fn: ts.Node | undefined = site.call.parent;
  while (fn && !ts.isFunctionLike(fn)) fn = fn.parent;
  if (!fn) return undefined;
  const checks = site.use.checks.filter((c) => {
    let f: ts.Node | undefined = c.parent;
    while (f && !ts.isFunctionLike(f)) f = f.parent;
    return f === fn;
  });
  if (checks.length !== site.use.checks.length) return undefined;
  const first = Math.min(...checks.map((c) => c.getStart()));
  const from = site.call.getEnd();
  if (first <= from) return undefined;
  let work: ts.CallExpression | undefined;
  walk(fn, (n) => {
    if (work || n.getEnd() < from || n.getStart() > first) return false;
    if (n !== fn && ts.isFunctionLike(n)) return false;
    if (ts.isAwaitExpression(n) && n.getStart() > from && n.getEnd() < first) {
      const c = unwrap(n.expression);
      if (ts.isCallExpression(c)) {
        const path = memberPath(c.expression);
        const last = path?.[path.length - 1];
        if (last && WORK.test(last) && !/^(console|logger|log)$/.test(path![0]!)) work = c;
      }
    }
    return undefined;
  });
  return work ? { check: checks.find((c) => c.getStart() === first)!, work } : undefined;
}

/** Whether `node` sits in the try block of a try/catch inside `fn`. */
function insideTry(node: ts.Node, fn: ts.Node): boolean {
  const ts = typescript();
  for (let n: ts.Node | undefined = node.parent; n && n !== fn; n = n.parent) {
    if (ts.isTryStatement(n) && n.catchClause && isWithinNode(node, n.tryBlock)) return true;
  }
  return false;
}

/**
 * Where a guard's exception is swallowed: a `.catch(h)` on the call whose handler does not rethrow,
 * or the catch clause of an enclosing try that neither rethrows nor refuses the request and lets the
 * code after it run (or lets the request through explicitly).
 */
export function swallowedAt(call: ts.CallExpression, middleware: boolean): ts.Node | undefined {
  const ts = typescript();
  let n: ts.Node = call;
  while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent))) n = n.parent;
  const p = n.parent;
  if (p && ts.isPropertyAccessExpression(p) && p.name.text === "catch" && p.parent && ts.isCallExpression(p.parent)) {
    const h = p.parent.arguments[0] ? unwrap(p.parent.arguments[0]) : undefined;
    if (h && (ts.isArrowFunction(h) || ts.isFunctionExpression(h))) {
      let throws = false;
      walk(h.body, (x) => {
        if (x !== h.body && ts.isFunctionLike(x)) return false;
        if (ts.isThrowStatement(x)) throws = true;
        return undefined;
      });
      if (!throws && !(ts.isBlock(h.body) ? false : /\b(429|4\d\d|5\d\d|error|Error)\b/.test(h.body.getText())))
        return p.parent;
    }
    return undefined;
  }
  for (let x: ts.Node | undefined = call.parent; x; x = x.parent) {
    if (ts.isFunctionLike(x)) return undefined;
    if (ts.isTryStatement(x) && x.catchClause && isWithinNode(call, x.tryBlock)) {
      const block = x.catchClause.block;
      if (rethrows(block)) return undefined;
      if (branchAllows(block)) return x.catchClause;
      if (ownReturns(block).some((r) => isErrorish(r))) return undefined;
      if (terminates(block)) return undefined;
      if (statementsFollow(x) || middleware) return x.catchClause;
      return undefined;
    }
  }
  return undefined;
}

function rethrows(block: ts.Block): boolean {
  const ts = typescript();
  return block.statements.some((s) => ts.isThrowStatement(s));
}

function ownReturns(block: ts.Node): ts.ReturnStatement[] {
  const ts = typescript();
  const out: ts.ReturnStatement[] = [];
  walk(block, (n) => {
    if (n !== block && ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n)) out.push(n);
    return undefined;
  });
  return out;
}

function normalize(r: ts.ReturnStatement): string {
  const ts = typescript();
  if (!r.expression) return "undefined";
  const e = unwrap(r.expression);
  if (ts.isIdentifier(e) && e.text === "undefined") return "undefined";
  return e.getText().replace(/\s+/g, "");
}

function isErrorish(r: ts.ReturnStatement): boolean {
  const t = r.expression?.getText() ?? "";
  return /\b(429|4\d\d|5\d\d|error|Error|TOO_MANY|limited)\b/.test(t);
}

/** Whether a return sits in the branch taken when the limit is hit (`if (!success) { return … }`). */
function insideLimitedBranch(r: ts.Node): boolean {
  const ts = typescript();
  for (let n: ts.Node = r; n.parent; n = n.parent) {
    const p = n.parent;
    if (ts.isIfStatement(p) && (p.thenStatement === n || p.elseStatement === n)) {
      const test = p.expression.getText();
      const negated = /!\s*\(?\s*[\w.?]*success|success\s*===?\s*false|success\s*!==?\s*true/.test(test);
      const positive = /success/.test(test) && !negated;
      if ((negated && p.thenStatement === n) || (positive && p.elseStatement === n)) return true;
    }
    if (ts.isFunctionLike(p)) return false;
  }
  return false;
}

/** `return success` → true (returns "allowed"), `return !success` → false (returns "limited"). */
function successPolarity(expr: ts.Expression | undefined): boolean | undefined {
  const ts = typescript();
  if (!expr) return undefined;
  let e = unwrap(expr);
  let pol = true;
  while (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
    pol = !pol;
    e = unwrap(e.operand);
  }
  if (ts.isIdentifier(e) && /success|allowed|ok/i.test(e.text)) return pol;
  if (ts.isPropertyAccessExpression(e) && e.name.text === "success") return pol;
  return undefined;
}
