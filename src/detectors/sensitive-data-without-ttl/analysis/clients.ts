/**
 * Which expressions of a file are Upstash Redis clients (or their pipelines), however they are made
 * and passed around: `new Redis()` / `Redis.fromEnv()` from every @upstash/redis entry point,
 * @vercel/kv's `kv` and `createClient()`, variables, class fields, parameters and fields typed
 * `Redis`, factory functions and getters, `pipeline()`/`multi()` and their chained calls. A value
 * imported from another module of the project is an "import" origin: whether it is a client is
 * decided in the project phase, from the exporting file's facts.
 *
 * Other Redis clients (node-redis, ioredis) are never clients here: their option spelling differs.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { exportTable, moduleExports, type ExportTable } from "../../../engine/exports";
import { importBindings, memberPath, propertyNameText, unwrap, walk } from "../../ast";

export type Origin = { kind: "upstash" } | { kind: "import"; module: string; name: string; as: "client" | "factory" };

export interface Receiver {
  origin: Origin;
  /** A pipeline or transaction (`pipeline()`, `multi()`), whose commands chain. */
  pipeline: boolean;
}

/** An exported client or client factory, with where it comes from. */
export interface ExportEntry {
  name: string;
  as: "client" | "factory";
  origin: Origin;
}

export function isUpstashRedisModule(m: string): boolean {
  return m === "@upstash/redis" || m.startsWith("@upstash/redis/") || m === "@vercel/kv";
}

/** Redis clients of other libraries: a name bound to one of these is never an Upstash client. */
function isOtherRedisModule(m: string): boolean {
  return (
    m === "redis" ||
    m === "ioredis" ||
    m.startsWith("@redis/") ||
    m === "node-redis" ||
    m === "redis-om" ||
    m === "@keyv/redis"
  );
}

const UPSTASH: Origin = { kind: "upstash" };
const PIPELINE_METHODS = new Set(["pipeline", "multi"]);

interface Assignment {
  target: string;
  expr?: ts.Expression;
  type?: ts.TypeNode;
}

interface FactoryDecl {
  name: string;
  returns: ts.Expression[];
  type?: ts.TypeNode;
}

export class ClientModel {
  /** Dotted paths that construct clients: `Redis`, `upstash.Redis`, `VercelKV`. */
  private readonly classes = new Set<string>();
  /** Type names of clients and pipelines. */
  private readonly types = new Map<string, "client" | "pipeline">();
  /** Functions that return a client: @vercel/kv's createClient. */
  private readonly upstashFactories = new Set<string>();
  /** Names and member paths (`redis`, `this.redis`, `globalForRedis.redis`) bound to clients. */
  private readonly clients = new Map<string, Origin>();
  private readonly pipelines = new Map<string, Origin>();
  /** Local functions, methods and getters that return a client. */
  private readonly factories = new Map<string, Receiver>();
  /** Local name → imported binding from a module that is not an Upstash or other Redis package. */
  private readonly imported = new Map<string, { module: string; name: string }>();
  /** Namespace imports of such modules: `import * as db from "@/lib/redis"`. */
  private readonly namespaces = new Map<string, string>();
  /** Names also bound to node-redis / ioredis clients: never trusted. */
  private readonly poisoned = new Set<string>();
  private readonly otherClasses = new Set<string>();
  readonly exports: ExportEntry[] = [];
  /** `export … from` re-exports of project modules and `export *` modules. */
  table: ExportTable = { names: {}, stars: [] };

  /** `exportsOnly`: a file with no Redis command in it, read only for what it re-exports. */
  constructor(
    private readonly sf: ts.SourceFile,
    exportsOnly = false,
  ) {
    const ts = typescript();
    if (exportsOnly) {
      this.collectExports(ts);
      return;
    }
    for (const [local, b] of importBindings(sf)) {
      if (isUpstashRedisModule(b.module)) {
        if (b.imported === "Redis" || b.imported === "VercelKV") {
          this.classes.add(local);
          this.types.set(local, "client");
        } else if (b.imported === "Pipeline") this.types.set(local, "pipeline");
        else if (b.imported === "kv" || (b.module === "@vercel/kv" && b.imported === "default"))
          this.clients.set(local, UPSTASH);
        else if (b.imported === "createClient" && b.module === "@vercel/kv") this.upstashFactories.add(local);
        else if (b.imported === "*" || b.imported === "default") {
          for (const cls of ["Redis", "VercelKV"]) {
            this.classes.add(`${local}.${cls}`);
            this.types.set(`${local}.${cls}`, "client");
          }
          this.types.set(`${local}.Pipeline`, "pipeline");
          if (b.module === "@vercel/kv") {
            this.clients.set(`${local}.kv`, UPSTASH);
            this.upstashFactories.add(`${local}.createClient`);
          }
        }
      } else if (isOtherRedisModule(b.module)) {
        this.otherClasses.add(local);
      } else if (b.imported === "*") {
        this.namespaces.set(local, b.module);
      } else {
        this.imported.set(local, { module: b.module, name: b.imported });
      }
    }
    this.build(ts);
  }

  /** Anything worth looking at: an Upstash client can be made here, or a project import may be one. */
  get relevant(): boolean {
    return (
      this.classes.size +
        this.clients.size +
        this.upstashFactories.size +
        this.types.size +
        this.imported.size +
        this.namespaces.size >
      0
    );
  }

  private build(ts: typeof import("typescript")): void {
    const assignments: Assignment[] = [];
    const functions: FactoryDecl[] = [];
    walk(this.sf, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
        const init = node.initializer && unwrap(node.initializer);
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          functions.push(factoryDecl(ts, node.name.text, init));
        else assignments.push({ target: node.name.text, expr: node.initializer, type: node.type });
        if (init && this.isOtherClient(ts, init)) this.poisoned.add(node.name.text);
      } else if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type) {
        assignments.push({ target: node.name.text, type: node.type });
        // `constructor(private redis: Redis)` declares this.redis too.
        if (ts.isParameterPropertyDeclaration(node, node.parent))
          assignments.push({ target: `this.${node.name.text}`, type: node.type });
      } else if (ts.isPropertyDeclaration(node)) {
        const name = propertyNameText(node.name);
        if (name === undefined) return;
        const init = node.initializer && unwrap(node.initializer);
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          functions.push(factoryDecl(ts, name, init));
        else {
          assignments.push({ target: `this.${name}`, expr: node.initializer, type: node.type });
          const cls = node.parent && ts.isClassLike(node.parent) ? node.parent.name?.text : undefined;
          if (cls) assignments.push({ target: `${cls}.${name}`, expr: node.initializer, type: node.type });
        }
      } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const target = memberPath(node.left)?.join(".");
        if (target) assignments.push({ target, expr: node.right });
        const right = unwrap(node.right);
        if (target && this.isOtherClient(ts, right)) this.poisoned.add(target);
      } else if (ts.isFunctionDeclaration(node) && node.name && node.body) {
        functions.push(factoryDecl(ts, node.name.text, node));
      } else if ((ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)) && node.body) {
        const name = propertyNameText(node.name);
        if (name === undefined) return;
        const decl = factoryDecl(ts, name, node);
        // A getter is read like a field: `this.redis`.
        if (ts.isGetAccessorDeclaration(node)) functions.push({ ...decl, name: `get this.${name}` });
        else functions.push(decl);
      }
      return undefined;
    });

    // Bindings depend on each other (a factory returns a variable that holds a client): iterate.
    for (let round = 0, changed = true; changed && round < 6; round++) {
      changed = false;
      for (const a of assignments) {
        if (this.clients.has(a.target) || this.pipelines.has(a.target) || this.poisoned.has(a.target)) continue;
        const r = (a.expr && this.receiver(a.expr)) || (a.type && this.typeReceiver(ts, a.type));
        if (!r) continue;
        (r.pipeline ? this.pipelines : this.clients).set(a.target, r.origin);
        changed = true;
      }
      for (const f of functions) {
        if (this.factories.has(f.name)) continue;
        let r = f.type ? this.typeReceiver(ts, f.type) : undefined;
        for (const e of f.returns) r ??= this.receiver(e);
        if (!r) continue;
        this.factories.set(f.name, r);
        if (f.name.startsWith("get this.")) (r.pipeline ? this.pipelines : this.clients).set(f.name.slice(4), r.origin);
        changed = true;
      }
    }
    this.collectExports(ts);
  }

  private isOtherClient(ts: typeof import("typescript"), e: ts.Expression): boolean {
    const x = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
    if (!ts.isNewExpression(x) && !ts.isCallExpression(x)) return false;
    const root = memberPath(x.expression)?.[0];
    return root !== undefined && this.otherClasses.has(root);
  }

  private typeReceiver(ts: typeof import("typescript"), type: ts.TypeNode): Receiver | undefined {
    if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
      for (const t of type.types) {
        const r = this.typeReceiver(ts, t);
        if (r) return r;
      }
      return undefined;
    }
    if (ts.isParenthesizedTypeNode(type)) return this.typeReceiver(ts, type.type);
    if (!ts.isTypeReferenceNode(type)) return undefined;
    const name = entityName(ts, type.typeName);
    if (name === "Promise" && type.typeArguments?.[0]) return this.typeReceiver(ts, type.typeArguments[0]);
    const kind = this.types.get(name);
    return kind ? { origin: UPSTASH, pipeline: kind === "pipeline" } : undefined;
  }

  /** The client or pipeline an expression evaluates to, if it is one. */
  receiver(expr: ts.Expression, depth = 0): Receiver | undefined {
    if (depth > 12) return undefined;
    const ts = typescript();
    let e = unwrap(expr);
    while (ts.isAwaitExpression(e)) e = unwrap(e.expression);
    if (ts.isIdentifier(e)) {
      const name = e.text;
      if (this.poisoned.has(name)) return undefined;
      const c = this.clients.get(name);
      if (c) return { origin: c, pipeline: false };
      const p = this.pipelines.get(name);
      if (p) return { origin: p, pipeline: true };
      const imp = this.imported.get(name);
      if (imp) return { origin: { kind: "import", module: imp.module, name: imp.name, as: "client" }, pipeline: false };
      return undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const path = memberPath(e);
      if (path) {
        const key = path.join(".");
        if (this.poisoned.has(key)) return undefined;
        const c = this.clients.get(key);
        if (c) return { origin: c, pipeline: false };
        const p = this.pipelines.get(key);
        if (p) return { origin: p, pipeline: true };
        if (path.length === 2 && this.namespaces.has(path[0]!)) {
          return {
            origin: { kind: "import", module: this.namespaces.get(path[0]!)!, name: path[1]!, as: "client" },
            pipeline: false,
          };
        }
      }
      // `redis.json` is the JSON command group of the same client.
      if (ts.isPropertyAccessExpression(e) && e.name.text === "json") return this.receiver(e.expression, depth + 1);
      return undefined;
    }
    if (ts.isNewExpression(e)) {
      const path = memberPath(e.expression)?.join(".");
      return path && this.classes.has(path) ? { origin: UPSTASH, pipeline: false } : undefined;
    }
    if (ts.isCallExpression(e)) {
      const callee = unwrap(e.expression);
      const path = memberPath(callee);
      const joined = path?.join(".");
      if (joined && this.upstashFactories.has(joined)) return { origin: UPSTASH, pipeline: false };
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        if (method === "fromEnv") {
          const cls = memberPath(callee.expression)?.join(".");
          if (cls && this.classes.has(cls)) return { origin: UPSTASH, pipeline: false };
        }
        const inner = this.receiver(callee.expression, depth + 1);
        if (inner) {
          if (PIPELINE_METHODS.has(method) && !inner.pipeline) return { origin: inner.origin, pipeline: true };
          // Every pipeline command but exec returns the pipeline, so commands chain.
          if (inner.pipeline && method !== "exec") return inner;
          return undefined;
        }
        if (path && path.length === 2 && path[0] === "this") {
          const f = this.factories.get(method);
          if (f) return f;
        }
        if (path && path.length === 2 && this.namespaces.has(path[0]!)) {
          return {
            origin: { kind: "import", module: this.namespaces.get(path[0]!)!, name: path[1]!, as: "factory" },
            pipeline: false,
          };
        }
        return undefined;
      }
      if (ts.isIdentifier(callee)) {
        const f = this.factories.get(callee.text);
        if (f) return f;
        const imp = this.imported.get(callee.text);
        if (imp)
          return { origin: { kind: "import", module: imp.module, name: imp.name, as: "factory" }, pipeline: false };
      }
      return undefined;
    }
    if (ts.isConditionalExpression(e))
      return this.receiver(e.whenTrue, depth + 1) ?? this.receiver(e.whenFalse, depth + 1);
    if (ts.isBinaryExpression(e)) {
      const op = e.operatorToken.kind;
      if (
        op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.AmpersandAmpersandToken
      ) {
        return this.receiver(e.right, depth + 1) ?? this.receiver(e.left, depth + 1);
      }
    }
    return undefined;
  }

  /** Where a local name or imported binding comes from, for exported names. */
  private exportOrigin(local: string): ExportEntry["origin"] | undefined {
    if (this.poisoned.has(local)) return undefined;
    const c = this.clients.get(local);
    if (c) return c;
    const imp = this.imported.get(local);
    if (imp) return { kind: "import", module: imp.module, name: imp.name, as: "client" };
    return undefined;
  }

  private addExport(name: string, local: string): void {
    const origin = this.exportOrigin(local);
    if (origin) this.exports.push({ name, as: "client", origin });
    const f = this.factories.get(local);
    if (f && !f.pipeline) this.exports.push({ name, as: "factory", origin: f.origin });
    const imp = this.imported.get(local);
    if (imp)
      this.exports.push({
        name,
        as: "factory",
        origin: { kind: "import", module: imp.module, name: imp.name, as: "factory" },
      });
  }

  private collectExports(ts: typeof import("typescript")): void {
    const all = moduleExports(ts, this.sf);
    for (const e of all.entries) {
      const s = e.source;
      if (s.kind === "declaration") {
        if (ts.isVariableDeclaration(s.node) || (ts.isFunctionDeclaration(s.node) && s.node.name))
          this.addExport(e.name, s.local);
      } else if (s.kind === "expression") this.exportExpression(e.name, s.expression, ts);
      else if (s.kind === "local") this.addExport(e.name, s.local);
      else if (s.kind === "reexport" && isUpstashRedisModule(s.specifier)) {
        if (s.name === "kv" || (s.specifier === "@vercel/kv" && s.name === "default"))
          this.exports.push({ name: e.name, as: "client", origin: UPSTASH });
      }
    }
    // Re-exports of project modules, followed in the project phase; those of Upstash packages are
    // read right here (the clients above), namespace re-exports never carry a client by name.
    this.table = exportTable(
      all,
      (e) => e.source.kind === "reexport" && e.source.name !== "*" && !isUpstashRedisModule(e.source.specifier),
    );
  }

  private exportExpression(name: string, expr: ts.Expression, ts: typeof import("typescript")): void {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.addExport(name, e.text);
    if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
      const decl = factoryDecl(ts, name, e);
      let r = decl.type ? this.typeReceiver(ts, decl.type) : undefined;
      for (const x of decl.returns) r ??= this.receiver(x);
      if (r && !r.pipeline) this.exports.push({ name, as: "factory", origin: r.origin });
      return;
    }
    const r = this.receiver(e);
    if (r && !r.pipeline) this.exports.push({ name, as: "client", origin: r.origin });
  }

  /** Local name of an imported binding from a project module (for TTL helpers imported from elsewhere). */
  importOf(callee: ts.Expression): { module: string; name: string } | undefined {
    const ts = typescript();
    const e = unwrap(callee);
    if (ts.isIdentifier(e)) return this.imported.get(e.text);
    const path = memberPath(e);
    if (path && path.length === 2 && this.namespaces.has(path[0]!))
      return { module: this.namespaces.get(path[0]!)!, name: path[1]! };
    return undefined;
  }
}

function entityName(ts: typeof import("typescript"), n: ts.EntityName): string {
  return ts.isIdentifier(n) ? n.text : `${entityName(ts, n.left)}.${n.right.text}`;
}

/** The expressions a function returns (not those of nested functions) and its declared return type. */
function factoryDecl(ts: typeof import("typescript"), name: string, fn: ts.FunctionLikeDeclaration): FactoryDecl {
  const returns: ts.Expression[] = [];
  const body = fn.body;
  if (body && !ts.isBlock(body)) returns.push(body);
  else if (body) {
    walk(body, (n) => {
      if (n !== body && ts.isFunctionLike(n)) return false;
      if (ts.isReturnStatement(n) && n.expression) returns.push(n.expression);
      return undefined;
    });
  }
  return { name, returns, type: fn.type };
}
