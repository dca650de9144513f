/**
 * Reads of credential environment variables, in every form client code uses: process.env,
 * import.meta.env and SvelteKit $env modules, aliases of the env object
 * (`const env = import.meta.env; env.X`), casts (`(import.meta as any).env.X`) and Nuxt's
 * `useRuntimeConfig().public.x`.
 */
import type * as ts from "typescript";
import { credentialOfEnvName, isReadOnlyName, type EnvCredential } from "../../../secrets/env-names";
import type { CredentialKind } from "../../../secrets/credentials";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk, type EnvRead } from "../../ast";
import { MemoKey } from "../../../engine/project";
import type { FileContext } from "../../types";

export interface CredentialRead {
  /** The variable name, e.g. NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN (for Nuxt: NUXT_PUBLIC_<KEY>). */
  name: string;
  /** How the code wrote it, for messages: `process.env.X`, `useRuntimeConfig().public.x`. */
  expression: string;
  via: EnvRead["via"] | "nuxt-runtime-public" | "astro:env/client" | "astro:env/server";
  start: number;
  end: number;
  /**
   * Set when the name says nothing but the value is handed to an Upstash SDK as a credential
   * (`new Redis({ token: process.env.NEXT_PUBLIC_REDIS_TOKEN })`).
   */
  usage?: EnvCredential;
}

/** The credential a read holds: by its name, or by the SDK option it is passed to. */
export function credentialOfRead(read: Pick<CredentialRead, "name" | "usage">): EnvCredential | undefined {
  return credentialOfEnvName(read.name) ?? read.usage;
}

/** Upstash SDK constructors and the options that take a credential. */
const SDK_OPTIONS: Record<string, Record<string, Record<string, CredentialKind>>> = {
  "@upstash/redis": { Redis: { token: "redis-rest-token" } },
  "@upstash/redis/cloudflare": { Redis: { token: "redis-rest-token" } },
  "@upstash/redis/fastly": { Redis: { token: "redis-rest-token" } },
  "@upstash/redis/nodejs": { Redis: { token: "redis-rest-token" } },
  "@vercel/kv": { createClient: { token: "redis-rest-token" } },
  "@upstash/qstash": {
    Client: { token: "qstash-token" },
    QStash: { token: "qstash-token" },
    Receiver: { currentSigningKey: "qstash-signing-key", nextSigningKey: "qstash-signing-key" },
  },
  "@upstash/workflow": { Client: { token: "qstash-token" } },
  "@upstash/vector": { Index: { token: "vector-token" } },
  "@upstash/search": { Search: { token: "vector-token" } },
};

const USAGE_LABEL: Record<CredentialKind, string> = {
  "redis-rest-token": "Redis REST token",
  "redis-password": "Redis password",
  "qstash-token": "QStash token",
  "qstash-signing-key": "QStash signing key",
  "vector-token": "Upstash Vector/Search token",
  "management-api-key": "Upstash management API key",
};

/** `upstashRedisRestToken` → `UPSTASH_REDIS_REST_TOKEN` (Nuxt maps NUXT_PUBLIC_<SNAKE> onto public keys). */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-.\s]+/g, "_")
    .toUpperCase();
}

function envObjectVia(
  ts: typeof import("typescript"),
  expr: ts.Expression,
  aliases: Map<string, EnvRead["via"]>,
): EnvRead["via"] | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return aliases.get(e.text);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== "env") return undefined;
  const owner = unwrap(e.expression);
  if (ts.isIdentifier(owner) && (owner.text === "process" || owner.text === "Bun")) return "process.env";
  if (ts.isMetaProperty(owner) && owner.keywordToken === ts.SyntaxKind.ImportKeyword && owner.name.text === "meta")
    return "import.meta.env";
  return undefined;
}

function isRuntimeConfigCall(ts: typeof import("typescript"), expr: ts.Expression, configs: Set<string>): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return configs.has(e.text);
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "useRuntimeConfig";
}

/**
 * Env-style names and Nuxt keys that can hold an Upstash credential; a file without one of these has
 * no credential read, whatever else it mentions.
 */
const MAY_NAME_CREDENTIAL =
  /UPSTASH|QSTASH|KV_(REST|URL|TOKEN)|upstash[A-Z]|qstash[A-Z]|kvRest|kvUrl|@upstash\/|@vercel\/kv|astro:env/;

const SVELTE_ENV = new Set([
  "$env/static/public",
  "$env/dynamic/public",
  "$env/static/private",
  "$env/dynamic/private",
]);

const READS = new MemoKey<CredentialRead[]>("credential env reads");

type TS = typeof import("typescript");

/**
 * Every read of a variable whose name holds an Upstash credential (write or read-only), in one walk;
 * memoised per file because every detector of the rule asks for the same file.
 */
export function credentialEnvReads(ctx: FileContext): CredentialRead[] {
  const { ts, sourceFile: sf } = ctx;
  if (!ts || !sf) return [];
  return ctx.memo(READS, () => (MAY_NAME_CREDENTIAL.test(sf.text) ? new ReadCollector(ts, sf).run() : []));
}

/** A range of the file whose value an Upstash SDK takes as a credential of this kind. */
type Slot = readonly [start: number, end: number, kind: CredentialKind];

/**
 * Where values flow into an Upstash SDK as a credential: the credential options of the SDK's
 * constructors (`new Redis({ url, token })`, `new upstash.Redis(…)`, `createClient(…)` of
 * @vercel/kv), the options object when it is a constant (`new Redis(config)`), and the initialisers
 * of the constants an option names (`const token = process.env.UPSTASH_TOKEN ?? ""; new Redis({ url,
 * token })`), a few steps deep. A variable's name is not tied to its scope: a file rarely declares
 * two `token`s, and the read must still be of an env variable to count.
 */
export function sdkCredentialSlots(ts: TS, sf: ts.SourceFile): Slot[] {
  const sdk = new Map<string, Record<string, Record<string, CredentialKind>>>();
  for (const [local, b] of importBindings(sf)) {
    const module = SDK_OPTIONS[b.module];
    if (!module) continue;
    if (b.imported === "*" || b.imported === "default") sdk.set(`${local}.`, module);
    else if (module[b.imported]) sdk.set(local, { [local]: module[b.imported]! });
  }
  if (sdk.size === 0) return [];
  const optionsOf = (callee: ts.Expression): Record<string, CredentialKind> | undefined => {
    const path = memberPath(callee);
    if (path?.length === 1) return sdk.get(path[0]!)?.[path[0]!];
    if (path?.length === 2) return sdk.get(`${path[0]}.`)?.[path[1]!];
    return undefined;
  };
  const decls = new Map<string, ts.Expression[]>();
  const calls: Array<{ options: Record<string, CredentialKind>; arg: ts.Expression }> = [];
  walk(sf, (n) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const list = decls.get(n.name.text) ?? [];
      list.push(n.initializer);
      decls.set(n.name.text, list);
    } else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.arguments?.[0]) {
      const options = optionsOf(n.expression);
      if (options) calls.push({ options, arg: n.arguments[0] });
    }
  });
  const slots: Slot[] = [];
  // The value and, when it names a variable, what the variable was given (through `??`, `||`, `!`).
  const flow = (value: ts.Expression, kind: CredentialKind, depth: number) => {
    slots.push([value.getStart(sf), value.getEnd(), kind]);
    if (depth > 3) return;
    for (const id of namedIn(ts, value)) for (const init of decls.get(id) ?? []) flow(init, kind, depth + 1);
  };
  for (const { options, arg } of calls) {
    const e = unwrap(arg);
    const objects = ts.isIdentifier(e) ? (decls.get(e.text) ?? []).map(unwrap) : [e];
    for (const obj of objects) {
      if (!ts.isObjectLiteralExpression(obj)) continue;
      for (const p of obj.properties) {
        const kind = options[propertyNameText(p.name) ?? ""];
        if (!kind) continue;
        if (ts.isPropertyAssignment(p)) flow(p.initializer, kind, 0);
        else if (ts.isShorthandPropertyAssignment(p)) flow(p.name, kind, 0);
      }
    }
  }
  return slots;
}

/** The variables a value is: `token`, `token!`, `a ?? b`, `a || ""`, `String(a)`. */
function namedIn(ts: TS, value: ts.Expression): string[] {
  const e = unwrap(value);
  if (ts.isIdentifier(e)) return [e.text];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
      return [...namedIn(ts, e.left), ...namedIn(ts, e.right)];
  }
  if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "String" && e.arguments[0])
    return namedIn(ts, e.arguments[0]);
  return [];
}

class ReadCollector {
  private readonly out: CredentialRead[] = [];
  private readonly seen = new Set<number>();
  private readonly slots: Slot[];
  /** Env objects by local name: aliases of process.env / import.meta.env, SvelteKit's dynamic `env`. */
  private readonly aliases = new Map<string, EnvRead["via"]>();
  private readonly runtimeConfigs = new Set<string>();
  private readonly publicConfigs = new Set<string>();

  constructor(
    private readonly ts: TS,
    private readonly sf: ts.SourceFile,
  ) {
    this.slots = sdkCredentialSlots(ts, sf);
  }

  run(): CredentialRead[] {
    this.imports();
    // Declarations come before their uses in source order, so aliases are known when reads appear.
    walk(this.sf, (node) => this.visit(node));
    return this.out.sort((a, b) => a.start - b.start);
  }

  private usageAt(start: number): EnvCredential | undefined {
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const [s, e, kind] = this.slots[i]!;
      if (start >= s && start < e)
        return { kind, access: "write", label: `${USAGE_LABEL[kind]} (passed to the Upstash SDK)` };
    }
    return undefined;
  }

  private push(name: string, node: ts.Node, via: CredentialRead["via"], expression?: string): void {
    const start = node.getStart(this.sf);
    const byName = credentialOfEnvName(name);
    const usage = byName || isReadOnlyName(name) ? undefined : this.usageAt(start);
    if ((!byName && !usage) || this.seen.has(start)) return;
    this.seen.add(start);
    const shown = expression ?? (via === "process.env" || via === "import.meta.env" ? `${via}.${name}` : name);
    this.out.push({ name, expression: shown, via, start, end: node.getEnd(), ...(usage ? { usage } : {}) });
  }

  /** Astro's typed env and SvelteKit's $env modules. */
  private imports(): void {
    const ts = this.ts;
    for (const stmt of this.sf.statements) {
      if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
      const module = stmt.moduleSpecifier.text;
      const nb = stmt.importClause?.namedBindings;
      if (!nb || !ts.isNamedImports(nb)) continue;
      // Astro's typed env: `astro:env/client` values are bundled, `astro:env/server` ones are not.
      if (module === "astro:env/client" || module === "astro:env/server") {
        for (const el of nb.elements) this.push((el.propertyName ?? el.name).text, el, module);
        continue;
      }
      if (!SVELTE_ENV.has(module)) continue;
      const via = module as EnvRead["via"];
      for (const el of nb.elements) {
        const imported = (el.propertyName ?? el.name).text;
        if (via.includes("static")) this.push(imported, el, via);
        else if (imported === "env") this.aliases.set(el.name.text, via);
      }
    }
  }

  private nuxtPublicOwner(expr: ts.Expression): boolean {
    const ts = this.ts;
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return this.publicConfigs.has(e.text);
    return (
      ts.isPropertyAccessExpression(e) &&
      e.name.text === "public" &&
      isRuntimeConfigCall(ts, e.expression, this.runtimeConfigs)
    );
  }

  private nuxtRead(key: string, node: ts.Node): void {
    this.push(`NUXT_PUBLIC_${snakeCase(key)}`, node, "nuxt-runtime-public", `useRuntimeConfig().public.${key}`);
  }

  private visit(node: ts.Node): void {
    const ts = this.ts;
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) this.member(node);
    else if (ts.isVariableDeclaration(node) && node.initializer) this.declaration(node, unwrap(node.initializer));
    else if (ts.isCallExpression(node)) this.denoGet(node);
  }

  /** `process.env.X`, `env.X`, `import.meta.env["X"]`, `useRuntimeConfig().public.x`. */
  private member(node: ts.PropertyAccessExpression | ts.ElementAccessExpression): void {
    const ts = this.ts;
    const name = ts.isPropertyAccessExpression(node) ? node.name.text : stringValue(node.argumentExpression);
    if (!name) return;
    const via = envObjectVia(ts, node.expression, this.aliases);
    if (via) this.push(name, node, via);
    else if (this.nuxtPublicOwner(node.expression)) this.nuxtRead(name, node);
  }

  /** Aliases of env objects and runtime configs, and destructured reads (`const { X } = process.env`). */
  private declaration(node: ts.VariableDeclaration, init: ts.Expression): void {
    const ts = this.ts;
    const via = envObjectVia(ts, init, this.aliases);
    if (ts.isIdentifier(node.name)) {
      if (via) this.aliases.set(node.name.text, via);
      else if (isRuntimeConfigCall(ts, init, this.runtimeConfigs)) this.runtimeConfigs.add(node.name.text);
      else if (
        ts.isPropertyAccessExpression(init) &&
        init.name.text === "public" &&
        isRuntimeConfigCall(ts, init.expression, this.runtimeConfigs)
      )
        this.publicConfigs.add(node.name.text);
      return;
    }
    if (!ts.isObjectBindingPattern(node.name)) return;
    const nuxt = !via && this.nuxtPublicOwner(init);
    for (const el of node.name.elements) {
      const name = propertyNameText(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
      if (!name) continue;
      if (via) this.push(name, el, via);
      else if (nuxt) this.nuxtRead(name, el);
    }
  }

  /** Deno.env.get("X"): server runtimes only, recorded so that nothing mistakes it for client code. */
  private denoGet(node: ts.CallExpression): void {
    const ts = this.ts;
    const callee = node.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "get") return;
    const owner = callee.expression;
    if (
      ts.isPropertyAccessExpression(owner) &&
      owner.name.text === "env" &&
      ts.isIdentifier(owner.expression) &&
      owner.expression.text === "Deno"
    ) {
      const name = stringValue(node.arguments[0]);
      if (name) this.push(name, node, "other");
    }
  }
}
