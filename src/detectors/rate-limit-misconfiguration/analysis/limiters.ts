/**
 * Where limiters come from in one file: the `Ratelimit` / `MultiRegionRatelimit` classes imported
 * from @upstash/ratelimit, every `new Ratelimit(...)` with its options, and what a receiver
 * expression (`ratelimit`, `limiters[plan]`, `this.limiter`, `getLimiter()`, an import) stands for.
 * Imports are left as requirements for the project phase, which looks at the exporting file's facts.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { importBindings, memberPath, propertyNameText, unwrap, walk } from "../../ast";
import { declarationOf, isReassigned, localFunctionOf, referencesTo, scopeOf } from "./scope";
import { ALGORITHMS, windowMs } from "./bounds";
import { constBoolean, constNumber, constString } from "./values";

export const RATELIMIT_MODULE = "@upstash/ratelimit";
const CLASS_NAMES = new Set(["Ratelimit", "MultiRegionRatelimit"]);
export const LIMITER_NAME = /rate_?limit|limiter|throttl/i;

/** What the project phase needs to know about a limiter's options. */
export interface ConfigSummary {
  /** analytics, MultiRegionRatelimit or enableProtection: `pending` carries work that must finish. */
  pendingWork: boolean | undefined;
  multiRegion: boolean;
  /** Where the limiter keeps its counters, when its options are constant. */
  keySpace?: KeySpace;
}

/**
 * The Redis keys a limiter writes: `<prefix>:<identifier>` for a token bucket,
 * `<prefix>:<identifier>:<window number>` for the window algorithms (the number is the time divided
 * by the window, so two limiters share a counter only when their windows are equally long).
 */
export interface KeySpace {
  prefix: string;
  /** "token", or the window in ms. */
  bucket: string;
  /** The limit as written: `5 per "1 m"`, `tokenBucket(1, "10 s", 5)`. */
  budget: string;
}

export const DEFAULT_PREFIX = "@upstash/ratelimit";

/** The key space of `new Ratelimit(options)`, when prefix and algorithm arguments are constants. */
export function keySpaceOf(options: ts.ObjectLiteralExpression): KeySpace | undefined {
  const ts = typescript();
  if (options.properties.some((p) => ts.isSpreadAssignment(p))) return undefined;
  const prefixExpr = optionOf(options, "prefix");
  const prefix = prefixExpr ? constString(prefixExpr) : DEFAULT_PREFIX;
  const algo = optionOf(options, "limiter");
  const call = algo && unwrap(algo);
  if (prefix === undefined || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression))
    return undefined;
  const name = call.expression.name.text;
  const [a, w, m] = call.arguments;
  const tokens = constNumber(a);
  const window = constString(w);
  const ms = window === undefined ? undefined : windowMs(window);
  if (!ALGORITHMS.has(name) || tokens === undefined || window === undefined || !ms) return undefined;
  if (name !== "tokenBucket") return { prefix, bucket: String(ms), budget: `${tokens} per "${window}"` };
  const max = constNumber(m);
  return max === undefined
    ? undefined
    : { prefix, bucket: "token", budget: `tokenBucket(${tokens}, "${window}", ${max})` };
}

export interface Construction {
  node: ts.NewExpression;
  multiRegion: boolean;
  options?: ts.ObjectLiteralExpression;
  summary: ConfigSummary;
}

/** An imported value, possibly reached through members and a call: `limits.api`, `getLimiter()`. */
export interface ImportRef {
  specifier: string;
  name: string;
  path: string[];
  call: boolean;
}

export type LimiterRef =
  | { kind: "local"; configs: ConfigSummary[]; constructions: Construction[]; factory?: FactoryInfo }
  | { kind: "typed" }
  | { kind: "import"; ref: ImportRef }
  | { kind: "guess"; name: string };

export interface FactoryInfo {
  fn: ts.FunctionLikeDeclaration;
  call?: ts.CallExpression;
}

function optionOf(obj: ts.ObjectLiteralExpression | undefined, name: string): ts.Expression | undefined {
  const ts = typescript();
  if (!obj) return undefined;
  for (const p of obj.properties) {
    if (ts.isPropertyAssignment(p) && propertyNameText(p.name) === name) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === name) return p.name;
  }
  return undefined;
}

export { optionOf };

export class LimiterIndex {
  /** Local names of the Ratelimit classes (`Ratelimit`, an alias, or `ns` for `ns.Ratelimit`). */
  readonly classes = new Map<string, "single" | "multi">();
  readonly namespaces = new Set<string>();
  readonly constructions: Construction[] = [];
  private readonly byNode = new Map<ts.Node, Construction>();
  readonly importsRatelimit: boolean;
  private readonly imports: Map<string, { module: string; imported: string }>;

  constructor(readonly sf: ts.SourceFile) {
    const ts = typescript();
    this.imports = importBindings(sf);
    let any = false;
    for (const [local, b] of this.imports) {
      if (b.module !== RATELIMIT_MODULE) continue;
      any = true;
      if (b.imported === "*" || b.imported === "default") this.namespaces.add(local);
      else if (CLASS_NAMES.has(b.imported))
        this.classes.set(local, b.imported === "MultiRegionRatelimit" ? "multi" : "single");
    }
    // `import type { Ratelimit }` is kept by importBindings too; it still tells us the file is about it.
    this.importsRatelimit = any;
    if (!any) return;
    walk(sf, (n) => {
      if (ts.isNewExpression(n)) {
        const kind = this.classKind(n.expression);
        if (kind) {
          const options =
            n.arguments?.[0] && ts.isObjectLiteralExpression(unwrap(n.arguments[0]))
              ? (unwrap(n.arguments[0]) as ts.ObjectLiteralExpression)
              : undefined;
          const c: Construction = {
            node: n,
            multiRegion: kind === "multi",
            options,
            summary: summarize(kind === "multi", options),
          };
          this.constructions.push(c);
          this.byNode.set(n, c);
        }
      }
    });
  }

  /** "single"/"multi" when `expr` names one of the Ratelimit classes. */
  classKind(expr: ts.Expression): "single" | "multi" | undefined {
    const p = memberPath(expr);
    if (!p) return undefined;
    if (p.length === 1) return this.classes.get(p[0]!);
    if (p.length === 2 && this.namespaces.has(p[0]!) && CLASS_NAMES.has(p[1]!))
      return p[1] === "MultiRegionRatelimit" ? "multi" : "single";
    return undefined;
  }

  construction(node: ts.Node): Construction | undefined {
    return this.byNode.get(node);
  }

  importOf(local: string): { module: string; imported: string } | undefined {
    return this.imports.get(local);
  }

  /**
   * Whether a type annotation names a limiter class (`Ratelimit`, `Ratelimit | null`,
   * `Record<K, Ratelimit>`), also through a type alias of this file
   * (`type MaybeLimiter = Ratelimit | "unavailable" | undefined`).
   */
  typeMentionsLimiter(type: ts.TypeNode | undefined, depth = 0): boolean {
    const ts = typescript();
    if (!type || depth > 4) return false;
    let hit = false;
    walk(type, (n) => {
      if (hit || !ts.isTypeReferenceNode(n)) return;
      const name = ts.isIdentifier(n.typeName) ? n.typeName.text : n.typeName.right.text;
      const left =
        ts.isQualifiedName(n.typeName) && ts.isIdentifier(n.typeName.left) ? n.typeName.left.text : undefined;
      if (this.classes.has(name) || (left && this.namespaces.has(left) && CLASS_NAMES.has(name))) hit = true;
      else if (!left && this.typeMentionsLimiter(this.typeAliases().get(name), depth + 1)) hit = true;
    });
    return hit;
  }

  private aliases?: Map<string, ts.TypeNode>;

  /** The file's top-level type aliases by name. */
  private typeAliases(): Map<string, ts.TypeNode> {
    const ts = typescript();
    if (!this.aliases) {
      this.aliases = new Map();
      for (const s of this.sf.statements) if (ts.isTypeAliasDeclaration(s)) this.aliases.set(s.name.text, s.type);
    }
    return this.aliases;
  }

  /** What a receiver expression stands for, or undefined when it is not a limiter as far as we can tell. */
  resolve(expr: ts.Expression, depth = 0): LimiterRef | undefined {
    return this.resolveValue(expr, depth, new Set());
  }

  private resolveValue(node: ts.Expression, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    if (depth > 12 || seen.has(node)) return undefined;
    seen.add(node);
    const e = unwrap(node);
    if (ts.isAwaitExpression(e)) return this.resolveValue(e.expression, depth + 1, seen);
    if (ts.isConditionalExpression(e))
      return merge(this.resolveValue(e.whenTrue, depth + 1, seen), this.resolveValue(e.whenFalse, depth + 1, seen));
    if (
      ts.isBinaryExpression(e) &&
      (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
        e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    ) {
      return merge(this.resolveValue(e.left, depth + 1, seen), this.resolveValue(e.right, depth + 1, seen));
    }
    if (ts.isNewExpression(e)) {
      const c = this.byNode.get(e);
      return c ? { kind: "local", configs: [c.summary], constructions: [c] } : undefined;
    }
    if (ts.isIdentifier(e)) return this.resolveIdentifier(e, depth, seen);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) return this.resolveMember(e, depth, seen);
    if (ts.isCallExpression(e)) return this.resolveCall(e, depth, seen);
    if (ts.isObjectLiteralExpression(e)) return this.resolveWrapper(e, depth, seen);
    return undefined;
  }

  /**
   * An object of the project's own that stands in for a limiter: its `limit` method hands its first
   * parameter to a limiter's `limit` (`{ async limit(id) { return inner.limit(id) } }`), so a call of it
   * is a rate-limit call.
   */
  private resolveWrapper(obj: ts.ObjectLiteralExpression, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    const fn = limitMethodOf(obj);
    const param = fn?.parameters[0]?.name;
    if (!fn?.body || !param || !ts.isIdentifier(param)) return undefined;
    let out: LimiterRef | undefined;
    walk(fn.body, (n) => {
      if (n !== fn.body && ts.isFunctionLike(n)) return false;
      if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== "limit")
        return undefined;
      const first = n.arguments[0];
      if (!first || !mentions(first, param.text)) return undefined;
      const inner = this.resolveValue(n.expression.expression, depth + 1, seen);
      if (inner?.kind === "local" || inner?.kind === "import") out = merge(out, inner);
      return undefined;
    });
    return out;
  }

  private resolveIdentifier(id: ts.Identifier, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    const decl = declarationOf(id);
    if (!decl) return undefined;
    if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl) || isRequireBinding(decl)) {
      const b = this.imports.get(id.text);
      if (!b || b.module === RATELIMIT_MODULE) return undefined;
      return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
    }
    if (ts.isParameter(decl)) return this.typeMentionsLimiter(decl.type) ? { kind: "typed" } : undefined;
    if (ts.isVariableDeclaration(decl)) {
      // `let ratelimit: Ratelimit | undefined; … ratelimit = new Ratelimit(…)`: the assignments know more than the type.
      const assigned = this.resolveVariable(decl, depth, seen);
      if (assigned) return assigned;
      return this.typeMentionsLimiter(decl.type) ? { kind: "typed" } : undefined;
    }
    if (ts.isBindingElement(decl)) return this.resolveBindingElement(decl, depth, seen);
    return undefined;
  }

  /** A variable: its initializer, plus every value assigned to it later (lazy `limiter ??= new …`). */
  private resolveVariable(decl: ts.VariableDeclaration, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    let out = decl.initializer ? this.resolveValue(decl.initializer, depth + 1, seen) : undefined;
    if (!decl.initializer || isReassigned(decl)) {
      for (const ref of referencesTo(decl, scopeOf(decl))) {
        const p = ref.parent;
        if (p && ts.isBinaryExpression(p) && p.left === ref && isAssignment(p.operatorToken.kind))
          out = merge(out, this.resolveValue(p.right, depth + 1, seen));
      }
    }
    return out;
  }

  private resolveBindingElement(decl: ts.BindingElement, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    const pattern = decl.parent;
    if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || !pattern.parent.initializer)
      return undefined;
    const key = propertyNameText(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
    if (!key) return undefined;
    const base = unwrap(pattern.parent.initializer);
    return this.member(base, key, depth, seen);
  }

  private resolveMember(
    e: ts.PropertyAccessExpression | ts.ElementAccessExpression,
    depth: number,
    seen: Set<ts.Node>,
  ): LimiterRef | undefined {
    const ts = typescript();
    const key = ts.isPropertyAccessExpression(e) ? e.name.text : constString(e.argumentExpression);
    const obj = unwrap(e.expression);
    if (obj.kind === ts.SyntaxKind.ThisKeyword) return key ? this.resolveClassField(e, key, depth, seen) : undefined;
    return this.member(obj, key, depth, seen);
  }

  /** `obj.key` (or `obj[dynamic]` when key is undefined) where obj is a map of limiters or an import. */
  private member(
    obj: ts.Expression,
    key: string | undefined,
    depth: number,
    seen: Set<ts.Node>,
  ): LimiterRef | undefined {
    const ts = typescript();
    const o = unwrap(obj);
    // An imported namespace or object: the exporting file decides.
    if (ts.isIdentifier(o)) {
      const decl = declarationOf(o);
      if (
        decl &&
        (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl) || isRequireBinding(decl))
      ) {
        const b = this.imports.get(o.text);
        if (!b || b.module === RATELIMIT_MODULE) return undefined;
        if (b.imported === "*")
          return key ? { kind: "import", ref: { specifier: b.module, name: key, path: [], call: false } } : undefined;
        return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [key ?? "*"], call: false } };
      }
      if (decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) && this.typeMentionsLimiter(decl.type))
        return { kind: "typed" };
    }
    const map = this.mapMembers(o, depth, seen);
    if (map) {
      if (key !== undefined && map.has(key)) return map.get(key);
      if (key === undefined) {
        let out: LimiterRef | undefined;
        for (const v of map.values()) out = merge(out, v);
        return out;
      }
      return undefined;
    }
    // A member of an imported object reached through a local alias: `const l = imported; l.api`.
    const base = this.resolveValue(o, depth + 1, seen);
    if (base?.kind === "import") return { kind: "import", ref: { ...base.ref, path: [...base.ref.path, key ?? "*"] } };
    return undefined;
  }

  /** The limiter-valued properties of an object literal (directly or through a `const`). */
  private mapMembers(obj: ts.Expression, depth: number, seen: Set<ts.Node>): Map<string, LimiterRef> | undefined {
    const ts = typescript();
    let o = unwrap(obj);
    if (ts.isIdentifier(o)) {
      const decl = declarationOf(o);
      if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer) return undefined;
      o = unwrap(decl.initializer);
    }
    if (ts.isCallExpression(o)) {
      // A factory returning a map: `getLimiters().free`.
      const fn = this.localFunction(o.expression);
      if (!fn) return undefined;
      let out: Map<string, LimiterRef> | undefined;
      for (const r of returnedExpressions(fn)) {
        const m = this.mapMembers(r, depth + 1, seen);
        if (m) out = new Map([...(out ?? []), ...m]);
      }
      return out;
    }
    if (!ts.isObjectLiteralExpression(o)) return undefined;
    const out = new Map<string, LimiterRef>();
    for (const p of o.properties) {
      let name: string | undefined;
      let value: ts.Expression | undefined;
      if (ts.isPropertyAssignment(p)) {
        name = propertyNameText(p.name);
        value = p.initializer;
      } else if (ts.isShorthandPropertyAssignment(p)) {
        name = p.name.text;
        value = p.name;
      }
      if (name === undefined || !value) continue;
      const r = this.resolveValue(value, depth + 1, seen);
      if (r) out.set(name, r);
    }
    return out.size ? out : undefined;
  }

  /** `this.key` inside a class: the field initializer and every `this.key = …` in the class. */
  private resolveClassField(e: ts.Node, key: string, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    let cls: ts.Node | undefined = e.parent;
    while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls)) cls = cls.parent;
    if (!cls) return undefined;
    const klass = cls as ts.ClassLikeDeclaration;
    let out: LimiterRef | undefined;
    for (const m of klass.members) {
      if (ts.isPropertyDeclaration(m) && propertyNameText(m.name) === key) {
        if (this.typeMentionsLimiter(m.type)) out = merge(out, { kind: "typed" });
        if (m.initializer) out = merge(out, this.resolveValue(m.initializer, depth + 1, seen));
      }
      if (ts.isConstructorDeclaration(m)) {
        for (const p of m.parameters) {
          // `constructor(private limiter: Ratelimit)`
          if (ts.isIdentifier(p.name) && p.name.text === key && p.modifiers?.length && this.typeMentionsLimiter(p.type))
            out = merge(out, { kind: "typed" });
        }
      }
    }
    walk(klass, (n) => {
      if (
        ts.isBinaryExpression(n) &&
        n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(n.left) &&
        n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
        n.left.name.text === key
      ) {
        out = merge(out, this.resolveValue(n.right, depth + 1, seen));
      }
    });
    return out;
  }

  private resolveCall(e: ts.CallExpression, depth: number, seen: Set<ts.Node>): LimiterRef | undefined {
    const ts = typescript();
    const callee = unwrap(e.expression);
    // An imported factory: `import { ratelimit } from "@/lib/upstash"; ratelimit(10, "10 s")`.
    if (ts.isIdentifier(callee)) {
      const decl = declarationOf(callee);
      if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl))) {
        const b = this.imports.get(callee.text);
        if (!b || b.module === RATELIMIT_MODULE) return undefined;
        return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [], call: true } };
      }
    }
    if (
      (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) &&
      ts.isIdentifier(unwrap(callee.expression))
    ) {
      const ns = unwrap(callee.expression) as ts.Identifier;
      const decl = declarationOf(ns);
      if (decl && ts.isNamespaceImport(decl)) {
        const b = this.imports.get(ns.text);
        const key = ts.isPropertyAccessExpression(callee) ? callee.name.text : constString(callee.argumentExpression);
        if (b && key && b.module !== RATELIMIT_MODULE)
          return { kind: "import", ref: { specifier: b.module, name: key, path: [], call: true } };
      }
    }
    const fn = this.localFunction(callee);
    if (!fn) return undefined;
    let out: LimiterRef | undefined;
    for (const r of returnedExpressions(fn)) out = merge(out, this.resolveValue(r, depth + 1, seen));
    if (out?.kind === "local") out = { ...out, factory: { fn, call: e } };
    return out;
  }

  /** The function a callee names in this file (function declaration or `const f = () => …`). */
  localFunction(callee: ts.Expression): ts.FunctionLikeDeclaration | undefined {
    const c = unwrap(callee);
    return typescript().isIdentifier(c) ? localFunctionOf(c) : undefined;
  }
}

/**
 * A top-level `const x = require("m")` or `const { a } = require("m")` binding: an import for our
 * purposes (importBindings records it under the same local name).
 */
export function isRequireBinding(decl: ts.Node): boolean {
  const ts = typescript();
  let n: ts.Node = decl;
  while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n)) n = n.parent;
  if (!ts.isVariableDeclaration(n) || !n.initializer) return false;
  const init = unwrap(n.initializer);
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== "require")
    return false;
  const stmt = n.parent?.parent;
  return Boolean(stmt && ts.isVariableStatement(stmt) && ts.isSourceFile(stmt.parent));
}

export function isAssignment(kind: ts.SyntaxKind): boolean {
  const ts = typescript();
  return (
    kind === ts.SyntaxKind.EqualsToken ||
    kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === ts.SyntaxKind.BarBarEqualsToken
  );
}

/**
 * Whether an import that did not resolve to a file may still be project code (a relative path or a
 * path alias whose tsconfig we could not read) rather than a package from the registry.
 */
export function mayBeProjectSpecifier(spec: string): boolean {
  return spec.startsWith(".") || /^(@|~|#|\$lib|\$)\//.test(spec) || spec.startsWith("~") || spec.startsWith("#");
}

/** The expressions a function returns (its expression body, or every `return x` that is its own). */
export function returnedExpressions(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const ts = typescript();
  if (!fn.body) return [];
  if (!ts.isBlock(fn.body)) return [fn.body];
  const out: ts.Expression[] = [];
  walk(fn.body, (n) => {
    if (n !== fn.body && ts.isFunctionLike(n)) return false;
    if (ts.isReturnStatement(n) && n.expression) out.push(n.expression);
    return undefined;
  });
  return out;
}

/** The function under a `limit` key of an object literal (method, arrow or function expression). */
function limitMethodOf(obj: ts.ObjectLiteralExpression): ts.FunctionLikeDeclaration | undefined {
  const ts = typescript();
  for (const p of obj.properties) {
    if (propertyNameText(p.name) !== "limit") continue;
    if (ts.isMethodDeclaration(p)) return p;
    if (ts.isPropertyAssignment(p)) {
      const v = unwrap(p.initializer);
      if (ts.isArrowFunction(v) || ts.isFunctionExpression(v)) return v;
    }
  }
  return undefined;
}

/** Whether an expression reads the identifier `name` (directly, in a template or a concatenation). */
function mentions(expr: ts.Expression, name: string): boolean {
  const ts = typescript();
  let hit = false;
  walk(expr, (n) => {
    if (ts.isIdentifier(n) && n.text === name) hit = true;
  });
  return hit;
}

function summarize(multi: boolean, options: ts.ObjectLiteralExpression | undefined): ConfigSummary {
  const base = pendingSummary(multi, options);
  const keySpace = !multi && options ? keySpaceOf(options) : undefined;
  return keySpace ? { ...base, keySpace } : base;
}

function pendingSummary(multi: boolean, options: ts.ObjectLiteralExpression | undefined): ConfigSummary {
  if (multi) return { pendingWork: true, multiRegion: true };
  if (!options) return { pendingWork: undefined, multiRegion: false };
  const ts = typescript();
  let unknown = false;
  for (const p of options.properties) if (ts.isSpreadAssignment(p)) unknown = true;
  const analytics = optionOf(options, "analytics");
  const protection = optionOf(options, "enableProtection");
  const a = analytics ? constBoolean(analytics) : false;
  const pr = protection ? constBoolean(protection) : false;
  if (a === true || pr === true) return { pendingWork: true, multiRegion: false };
  if (a === false && pr === false && !unknown) return { pendingWork: false, multiRegion: false };
  return { pendingWork: undefined, multiRegion: false };
}

export function merge(a: LimiterRef | undefined, b: LimiterRef | undefined): LimiterRef | undefined {
  if (!a) return b;
  if (!b) return a;
  if (a.kind === "local" && b.kind === "local")
    return {
      kind: "local",
      configs: [...a.configs, ...b.configs],
      constructions: [...a.constructions, ...b.constructions],
      factory: a.factory ?? b.factory,
    };
  if (a.kind === "local") return a;
  if (b.kind === "local") return b;
  if (a.kind === "typed") return a;
  if (b.kind === "typed") return b;
  return a;
}
