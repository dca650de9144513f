/**
 * Reads of credential environment variables, in every form client code uses: process.env,
 * import.meta.env and SvelteKit $env modules, aliases of the env object
 * (`const env = import.meta.env; env.X`), casts (`(import.meta as any).env.X`) and Nuxt's
 * `useRuntimeConfig().public.x`.
 */
import type * as ts from "typescript";
import { credentialOfEnvName, isReadOnlyName, type EnvCredential } from "../../../secrets/env-names";
import type { CredentialKind } from "../../../secrets/credentials";
import { importBindings, propertyNameText, stringValue, unwrap, walk, type EnvRead } from "../../ast";
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

/**
 * Every read of a variable whose name holds an Upstash credential (write or read-only), in one walk;
 * memoised per file because every detector of the rule asks for the same file.
 */
export function credentialEnvReads(ctx: FileContext): CredentialRead[] {
  const { ts, sourceFile: sf } = ctx;
  if (!ts || !sf) return [];
  return ctx.memo(READS, () => (MAY_NAME_CREDENTIAL.test(sf.text) ? collect(ts, sf) : []));
}

function collect(ts: typeof import("typescript"), sf: ts.SourceFile): CredentialRead[] {
  const out: CredentialRead[] = [];
  const seen = new Set<number>();
  // Option values handed to an Upstash SDK as credentials: [start, end, kind], filled as the walk
  // meets the constructor call (before the reads inside its arguments).
  const sdkSlots: Array<[number, number, CredentialKind]> = [];
  const sdk = new Map<string, Record<string, CredentialKind>>();
  for (const [local, b] of importBindings(sf)) {
    const options = SDK_OPTIONS[b.module]?.[b.imported];
    if (options) sdk.set(local, options);
  }
  const usageAt = (start: number): EnvCredential | undefined => {
    for (let i = sdkSlots.length - 1; i >= 0; i--) {
      const [s, e, kind] = sdkSlots[i]!;
      if (start >= s && start < e)
        return { kind, access: "write", label: `${USAGE_LABEL[kind]} (passed to the Upstash SDK)` };
    }
    return undefined;
  };
  const push = (name: string, node: ts.Node, via: CredentialRead["via"], expression?: string) => {
    const start = node.getStart(sf);
    const usage = credentialOfEnvName(name) || isReadOnlyName(name) ? undefined : usageAt(start);
    if (!credentialOfEnvName(name) && !usage) return;
    if (seen.has(start)) return;
    seen.add(start);
    const shown = expression ?? (via === "process.env" || via === "import.meta.env" ? `${via}.${name}` : name);
    out.push({ name, expression: shown, via, start, end: node.getEnd(), ...(usage ? { usage } : {}) });
  };

  // Env objects by local name: aliases of process.env / import.meta.env, SvelteKit's dynamic `env`.
  const aliases = new Map<string, EnvRead["via"]>();
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const module = stmt.moduleSpecifier.text;
    const nb = stmt.importClause?.namedBindings;
    if (!nb || !ts.isNamedImports(nb)) continue;
    // Astro's typed env: `astro:env/client` values are bundled, `astro:env/server` ones are not.
    if (module === "astro:env/client" || module === "astro:env/server") {
      for (const el of nb.elements) push((el.propertyName ?? el.name).text, el, module);
      continue;
    }
    if (!SVELTE_ENV.has(module)) continue;
    const via = module as EnvRead["via"];
    for (const el of nb.elements) {
      const imported = (el.propertyName ?? el.name).text;
      if (via.includes("static")) push(imported, el, via);
      else if (imported === "env") aliases.set(el.name.text, via);
    }
  }
  const runtimeConfigs = new Set<string>();
  const publicConfigs = new Set<string>();
  const nuxtPublicOwner = (expr: ts.Expression): boolean => {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return publicConfigs.has(e.text);
    return (
      ts.isPropertyAccessExpression(e) &&
      e.name.text === "public" &&
      isRuntimeConfigCall(ts, e.expression, runtimeConfigs)
    );
  };
  const nuxtRead = (key: string, node: ts.Node) =>
    push(`NUXT_PUBLIC_${snakeCase(key)}`, node, "nuxt-runtime-public", `useRuntimeConfig().public.${key}`);

  // Declarations come before their uses in source order, so aliases are known when reads appear.
  walk(sf, (node) => {
    if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      sdk.has(node.expression.text)
    ) {
      const options = sdk.get(node.expression.text)!;
      const arg = node.arguments?.[0] && unwrap(node.arguments[0]);
      if (arg && ts.isObjectLiteralExpression(arg)) {
        for (const p of arg.properties) {
          const kind = ts.isPropertyAssignment(p) ? options[propertyNameText(p.name) ?? ""] : undefined;
          if (kind && ts.isPropertyAssignment(p))
            sdkSlots.push([p.initializer.getStart(sf), p.initializer.getEnd(), kind]);
        }
      }
      return;
    }
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : stringValue(node.argumentExpression);
      if (!name) return;
      const via = envObjectVia(ts, node.expression, aliases);
      if (via) push(name, node, via);
      else if (nuxtPublicOwner(node.expression)) nuxtRead(name, node);
    } else if (ts.isVariableDeclaration(node) && node.initializer) {
      const init = unwrap(node.initializer);
      const via = envObjectVia(ts, init, aliases);
      if (ts.isIdentifier(node.name)) {
        if (via) aliases.set(node.name.text, via);
        else if (isRuntimeConfigCall(ts, init, runtimeConfigs)) runtimeConfigs.add(node.name.text);
        else if (
          ts.isPropertyAccessExpression(init) &&
          init.name.text === "public" &&
          isRuntimeConfigCall(ts, init.expression, runtimeConfigs)
        )
          publicConfigs.add(node.name.text);
      } else if (ts.isObjectBindingPattern(node.name)) {
        const nuxt = !via && nuxtPublicOwner(init);
        for (const el of node.name.elements) {
          const name = propertyNameText(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
          if (!name) continue;
          if (via) push(name, el, via);
          else if (nuxt) nuxtRead(name, el);
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === "get"
    ) {
      // Deno.env.get("X"): server runtimes only, recorded so that nothing mistakes it for client code.
      const owner = node.expression.expression;
      if (
        ts.isPropertyAccessExpression(owner) &&
        owner.name.text === "env" &&
        ts.isIdentifier(owner.expression) &&
        owner.expression.text === "Deno"
      ) {
        const name = stringValue(node.arguments[0]);
        if (name) push(name, node, "other");
      }
    }
  });
  return out.sort((a, b) => a.start - b.start);
}
