/**
 * Reads of credential environment variables, in every form client code uses: the shared `envReads`
 * (process.env, import.meta.env, SvelteKit $env modules) plus aliases of the env object
 * (`const env = import.meta.env; env.X`), casts (`(import.meta as any).env.X`) and Nuxt's
 * `useRuntimeConfig().public.x`.
 */
import type { ts } from "ts-morph";
import { credentialOfEnvName } from "../../secrets/env-names";
import { envReads, propertyNameText, stringValue, unwrap, walk, type EnvRead } from "../ast";

export interface CredentialRead {
  /** The variable name, e.g. NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN (for Nuxt: NUXT_PUBLIC_<KEY>). */
  name: string;
  /** How the code wrote it, for messages: `process.env.X`, `useRuntimeConfig().public.x`. */
  expression: string;
  via: EnvRead["via"] | "nuxt-runtime-public";
  start: number;
  end: number;
}

/** `upstashRedisRestToken` → `UPSTASH_REDIS_REST_TOKEN` (Nuxt maps NUXT_PUBLIC_<SNAKE> onto public keys). */
export function snakeCase(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[-.\s]+/g, "_")
    .toUpperCase();
}

function envObjectVia(ts: typeof import("ts-morph").ts, expr: ts.Expression, aliases: Map<string, EnvRead["via"]>): EnvRead["via"] | undefined {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return aliases.get(e.text);
  if (!ts.isPropertyAccessExpression(e) || e.name.text !== "env") return undefined;
  const owner = unwrap(e.expression);
  if (ts.isIdentifier(owner) && (owner.text === "process" || owner.text === "Bun")) return "process.env";
  if (ts.isMetaProperty(owner) && owner.keywordToken === ts.SyntaxKind.ImportKeyword && owner.name.text === "meta") return "import.meta.env";
  return undefined;
}

function isRuntimeConfigCall(ts: typeof import("ts-morph").ts, expr: ts.Expression, configs: Set<string>): boolean {
  const e = unwrap(expr);
  if (ts.isIdentifier(e)) return configs.has(e.text);
  return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "useRuntimeConfig";
}

/** Every read of a variable whose name holds an Upstash credential (write or read-only). */
export function credentialEnvReads(ts: typeof import("ts-morph").ts, sf: ts.SourceFile): CredentialRead[] {
  const out: CredentialRead[] = [];
  const seen = new Set<number>();
  const push = (name: string, node: ts.Node, via: CredentialRead["via"], expression?: string) => {
    const start = node.getStart(sf);
    if (seen.has(start)) return;
    seen.add(start);
    const shown = expression ?? (via === "process.env" || via === "import.meta.env" ? `${via}.${name}` : name);
    out.push({ name, expression: shown, via, start, end: node.getEnd() });
  };
  for (const r of envReads(sf)) if (credentialOfEnvName(r.name)) push(r.name, r.node, r.via);

  // Aliases: `const env = import.meta.env`, `const config = useRuntimeConfig()`, `const pub = useRuntimeConfig().public`.
  const aliases = new Map<string, EnvRead["via"]>();
  const runtimeConfigs = new Set<string>();
  const publicConfigs = new Set<string>();
  walk(sf, (node) => {
    if (!ts.isVariableDeclaration(node) || !node.initializer || !ts.isIdentifier(node.name)) return;
    const init = unwrap(node.initializer);
    const via = envObjectVia(ts, init, new Map());
    if (via) aliases.set(node.name.text, via);
    else if (isRuntimeConfigCall(ts, init, new Set())) runtimeConfigs.add(node.name.text);
    else if (ts.isPropertyAccessExpression(init) && init.name.text === "public" && isRuntimeConfigCall(ts, init.expression, runtimeConfigs)) publicConfigs.add(node.name.text);
  });

  const nuxtPublicOwner = (expr: ts.Expression): boolean => {
    const e = unwrap(expr);
    if (ts.isIdentifier(e)) return publicConfigs.has(e.text);
    return ts.isPropertyAccessExpression(e) && e.name.text === "public" && isRuntimeConfigCall(ts, e.expression, runtimeConfigs);
  };
  const nuxtRead = (key: string, node: ts.Node) => {
    const name = `NUXT_PUBLIC_${snakeCase(key)}`;
    if (credentialOfEnvName(name)) push(name, node, "nuxt-runtime-public", `useRuntimeConfig().public.${key}`);
  };

  walk(sf, (node) => {
    if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) {
      const name = ts.isPropertyAccessExpression(node) ? node.name.text : stringValue(node.argumentExpression);
      if (!name) return;
      const via = envObjectVia(ts, node.expression, aliases);
      if (via && credentialOfEnvName(name)) push(name, node, via);
      else if (nuxtPublicOwner(node.expression)) nuxtRead(name, node);
    } else if (ts.isVariableDeclaration(node) && node.initializer && ts.isObjectBindingPattern(node.name)) {
      const init = unwrap(node.initializer);
      const via = envObjectVia(ts, init, aliases);
      for (const el of node.name.elements) {
        const name = propertyNameText(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
        if (!name) continue;
        if (via && credentialOfEnvName(name)) push(name, el, via);
        else if (!via && nuxtPublicOwner(init)) nuxtRead(name, el);
      }
    }
  });
  return out.sort((a, b) => a.start - b.start);
}
