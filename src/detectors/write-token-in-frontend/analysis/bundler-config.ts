/**
 * What a build configuration inlines into client bundles: Next.js `env` and `publicRuntimeConfig`,
 * Vite `define` and `envPrefix` (also under `vite:` in Astro, Nuxt and WXT configs), SvelteKit
 * `kit.env.publicPrefix`, Nuxt `runtimeConfig.public`, Expo `extra`, and webpack/rspack
 * `DefinePlugin`, `EnvironmentPlugin` and `dotenv-webpack` anywhere. Read from the syntax tree into
 * plain data, so every detector of this rule records the same facts from the same file.
 */
import * as path from "node:path";
import type * as ts from "typescript";
import { CREDENTIAL_LABEL, findCredentials, type CredentialKind } from "../../../secrets/credentials";
import { credentialOfEnvName } from "../../../secrets/env-names";
import { redact } from "../../../secrets/redact";
import type { Location } from "../../../engine/types";
import type { FileContext } from "../../types";
import { importBindings, memberPath, propertyNameText, stringValue, unwrap, walk } from "../../ast";
import { snakeCase } from "./env-uses";

/** Why a configured value puts a write credential into the bundle. */
export interface CredentialCause {
  /** e.g. "Redis REST write token". */
  label: string;
  /** e.g. "reads UPSTASH_REDIS_REST_TOKEN", "the whole environment". */
  why: string;
  wholeEnv?: boolean;
  kind?: CredentialKind;
}

export interface Exposure {
  /** The variable client code can read after the build; "*" for the whole environment. */
  name: string;
  /** How client code reads it: `process.env.NAME`, `import.meta.env.NAME`, or a global constant. */
  via: "process.env" | "import.meta.env" | "global";
  /** What inlines it, for messages: "Vite define", "webpack DefinePlugin", "next.config env", … */
  how: string;
  loc: Location;
  credential?: CredentialCause;
  /** Exposes whatever code reads without naming anything (dotenv-webpack): no finding of its own. */
  implicit?: boolean;
  /** The key as written when it differs from `name` (Expo extra, publicRuntimeConfig). */
  key?: string;
  /**
   * Env variables the inlined value reads, when neither they nor `name` are known credential names:
   * the project phase decides whether the project uses them as one (`UPSTASH_TOKEN` handed to
   * `new Redis({ token })`, or holding a token in an env file).
   */
  reads?: string[];
}

/** A prefix that makes matching variables client-visible (Vite envPrefix, SvelteKit publicPrefix). */
export interface PrefixSetting {
  prefix: string;
  how: string;
  via: "import.meta.env" | "$env";
  loc: Location;
}

/**
 * A key of Nuxt `runtimeConfig.public` (filled from NUXT_PUBLIC_<KEY>, sent to every browser), or an
 * Astro `env.schema` field with `context: "client"`.
 */
export interface NuxtPublicKey {
  key: string;
  /** Set for Astro schema fields; Nuxt keys otherwise. */
  astro?: boolean;
  envName: string;
  loc: Location;
  credential?: CredentialCause;
}

export interface BundlerConfig {
  file: string;
  exposures: Exposure[];
  prefixes: PrefixSetting[];
  nuxtPublic: NuxtPublicKey[];
}

/**
 * What makes a file worth this rule's time: Upstash credential names (`UPSTASH_…`, `upstashRedisRestToken`,
 * `KV_…`; import paths such as `@/lib/upstash` do not count), the webpack plugins that inline environment
 * variables (in any build script), the build configuration files by name, and the scripts that import
 * an Upstash SDK (where a credential is handed to it).
 */
export const RULE_1_GATE = {
  keywords: [
    "upstash",
    "qstash_",
    "qstashtoken",
    "kv_rest_api",
    "kv_url",
    "kv_token",
    "defineplugin",
    "environmentplugin",
    "dotenv-webpack",
    "plugins.define",
  ],
  paths: [
    /(^|\/)(vite|astro|nuxt|wxt|quasar|electron\.vite|vitest\.workspace|next|app)\.config\.[cm]?[jt]s$/,
    /(^|\/)svelte\.config\.[cm]?js$/,
  ],
  // In files without a tree (env, JSON, YAML, text) any mention is worth a look.
  textKeywords: ["qstash"],
  imports: { packages: ["@upstash/", "@vercel/kv"] },
} as const;

const VITE_LIKE = /^(vite|astro|nuxt|wxt|quasar|electron\.vite|vitest\.workspace)\.config\.[cm]?[jt]s$/;
const NEXT_CONFIG = /^next\.config\.[cm]?[jt]s$/;
const SVELTE_CONFIG = /^svelte\.config\.[cm]?js$/;
const EXPO_CONFIG = /^app\.config\.[cm]?[jt]s$/;
const NUXT_CONFIG = /^nuxt\.config\.[cm]?[jt]s$/;

type TS = typeof import("typescript");

class ConfigReader {
  /** Identifiers bound to the whole environment: `process.env` aliases, `loadEnv(mode, dir, "")`. */
  private readonly wholeIds = new Set<string>();
  /** Identifiers bound to env objects whose members are variables (any loadEnv result). */
  private readonly envIds = new Set<string>();
  private readonly consts = new Map<string, ts.Expression>();
  readonly out: BundlerConfig;

  constructor(
    private readonly ts: TS,
    private readonly sf: ts.SourceFile,
    private readonly ctx: FileContext<unknown>,
  ) {
    this.out = { file: ctx.path, exposures: [], prefixes: [], nuxtPublic: [] };
    walk(sf, (n) => {
      if (!ts.isVariableDeclaration(n) || !n.initializer || !ts.isIdentifier(n.name)) return;
      const init = unwrap(n.initializer);
      this.consts.set(n.name.text, init);
      if (this.isWholeEnv(init)) this.wholeIds.add(n.name.text);
      if (this.isLoadEnv(init) || this.isWholeEnv(init)) this.envIds.add(n.name.text);
    });
  }

  private loc(node: ts.Node): Location {
    return this.ctx.location(node.getStart(this.sf), node.getEnd());
  }

  /** Record that `node` hands the whole environment to client code. */
  whole(node: ts.Node, via: Exposure["via"], how: string, why = "the whole environment"): void {
    this.out.exposures.push({
      name: "*",
      via: via === "global" ? "process.env" : via,
      how,
      loc: this.loc(node),
      credential: { label: "", why, wholeEnv: true },
    });
  }

  private isLoadEnv(e: ts.Expression): boolean {
    const ts = this.ts;
    if (!ts.isCallExpression(e)) return false;
    const p = memberPath(e.expression);
    return Boolean(p && p[p.length - 1] === "loadEnv");
  }

  /** `process.env`, an alias of it, `loadEnv(mode, dir, "")`, or a copy of one of those. */
  isWholeEnv(expr: ts.Expression): boolean {
    const ts = this.ts;
    const e = unwrap(expr);
    const p = memberPath(e);
    if (p && p.length === 2 && (p[0] === "process" || p[0] === "import.meta") && p[1] === "env") return true;
    if (ts.isIdentifier(e)) return this.wholeIds.has(e.text);
    if (this.isLoadEnv(e) && ts.isCallExpression(e)) {
      const third = e.arguments[2];
      if (!third) return false;
      if (stringValue(third) === "") return true;
      return ts.isArrayLiteralExpression(third) && third.elements.some((x) => stringValue(x) === "");
    }
    if (ts.isCallExpression(e)) {
      const callee = memberPath(e.expression)?.join(".");
      if (callee === "JSON.stringify" || callee === "Object.assign" || callee === "structuredClone")
        return e.arguments.some((a) => this.isWholeEnv(a));
    }
    if (ts.isObjectLiteralExpression(e))
      return e.properties.some((pr) => ts.isSpreadAssignment(pr) && this.isWholeEnv(pr.expression));
    return false;
  }

  /** Whether an expression hands the whole environment over (not just `env.NAME` members of it). */
  refersToWholeEnv(expr: ts.Expression): boolean {
    const ts = this.ts;
    let found = false;
    walk(expr, (n) => {
      if (found) return false;
      if (!ts.isExpression(n) || !this.isWholeEnv(n as ts.Expression)) return;
      const parent = n.parent;
      const member =
        parent &&
        (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
        parent.expression === n;
      if (!member) found = true;
      return false;
    });
    return found;
  }

  /** The variable an env member read names (`process.env.X`, `env.X` of a loadEnv result). */
  private envRead(n: ts.Node): string | undefined {
    const ts = this.ts;
    if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n)) return undefined;
    const owner = unwrap(n.expression);
    const isEnv = (ts.isIdentifier(owner) && this.envIds.has(owner.text)) || this.isWholeEnv(owner);
    if (!isEnv) return undefined;
    return ts.isPropertyAccessExpression(n) ? n.name.text : stringValue(n.argumentExpression);
  }

  /** Every env variable a configured value reads. */
  envNamesIn(value: ts.Expression): string[] {
    const names: string[] = [];
    walk(value, (n) => {
      const name = this.envRead(n);
      if (name) names.push(name);
    });
    return names;
  }

  /** A write credential a configured value carries: an env read of one, or a literal. */
  credentialIn(value: ts.Expression): CredentialCause | undefined {
    const ts = this.ts;
    let cause: CredentialCause | undefined;
    walk(value, (n) => {
      if (cause) return false;
      if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
        const name = this.envRead(n);
        const cred = name ? credentialOfEnvName(name) : undefined;
        if (cred && cred.access === "write") cause = { label: cred.label, why: `reads ${name}`, kind: cred.kind };
        return;
      }
      const text = stringValue(n);
      if (text !== undefined) {
        for (const c of findCredentials(text)) {
          this.ctx.secret(c.value);
          if (c.access === "write" && !cause)
            cause = { label: CREDENTIAL_LABEL[c.kind], why: `holds the literal ${redact(c.value)}`, kind: c.kind };
        }
        return false;
      }
      return;
    });
    return cause;
  }

  /** A value that inlines nothing secret: an empty or placeholder string, undefined, null. */
  private isInertConstant(value: ts.Expression): boolean {
    const ts = this.ts;
    const e = unwrap(value);
    if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined")) return true;
    if (stringValue(e) !== undefined) return true;
    if (
      ts.isCallExpression(e) &&
      memberPath(e.expression)?.join(".") === "JSON.stringify" &&
      e.arguments.length === 1
    ) {
      const arg = unwrap(e.arguments[0]!);
      return (
        stringValue(arg) !== undefined ||
        arg.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(arg) && arg.text === "undefined")
      );
    }
    return false;
  }

  private resolveConst(expr: ts.Expression): ts.Expression {
    const e = unwrap(expr);
    if (this.ts.isIdentifier(e)) return this.consts.get(e.text) ?? e;
    return e;
  }

  /** One `name → value` entry of a define map / env block. */
  private entry(name: string, via: Exposure["via"], value: ts.Expression, node: ts.Node, how: string): void {
    const loc = this.loc(node);
    if (this.refersToWholeEnv(value)) {
      this.whole(node, via, how, `the whole environment as ${name}`);
      return;
    }
    let credential = this.credentialIn(value);
    if (!credential && via !== "global" && !this.isInertConstant(value)) {
      const cred = credentialOfEnvName(name);
      if (cred && cred.access === "write") credential = { label: cred.label, why: `names ${name}`, kind: cred.kind };
    }
    const reads = credential ? [] : this.envNamesIn(value).filter((n) => !credentialOfEnvName(n));
    this.out.exposures.push({
      name,
      via,
      how,
      loc,
      ...(credential ? { credential } : {}),
      ...(reads.length ? { reads } : {}),
    });
  }

  /** A Vite `define` / webpack `DefinePlugin` map: keys are replaced by their values in client code. */
  defineMap(value: ts.Expression, how: string, node: ts.Node): void {
    const ts = this.ts;
    const obj = this.resolveConst(value);
    if (!ts.isObjectLiteralExpression(obj)) {
      if (this.refersToWholeEnv(obj)) this.whole(node, "process.env", how, "the whole environment");
      return;
    }
    for (const prop of obj.properties) {
      if (ts.isSpreadAssignment(prop)) {
        if (this.refersToWholeEnv(prop.expression)) this.whole(prop, "process.env", how, "the whole environment");
        continue;
      }
      if (!ts.isPropertyAssignment(prop)) continue;
      const key = propertyNameText(prop.name);
      if (key === undefined) {
        if (this.refersToWholeEnv(prop.initializer)) this.whole(prop, "process.env", how, "the whole environment");
        continue;
      }
      const init = unwrap(prop.initializer);
      if (key === "process.env" || key === "import.meta.env") {
        const via = key === "process.env" ? "process.env" : "import.meta.env";
        if (ts.isObjectLiteralExpression(init)) {
          for (const inner of init.properties) {
            if (ts.isPropertyAssignment(inner)) {
              const name = propertyNameText(inner.name);
              if (name) this.entry(name, via, inner.initializer, inner, how);
            } else if (ts.isSpreadAssignment(inner) && this.refersToWholeEnv(inner.expression)) {
              this.whole(inner, via, how, `the whole environment as ${key}`);
            }
          }
        } else if (this.refersToWholeEnv(init)) {
          this.whole(prop, via, how, `the whole environment as ${key}`);
        }
        continue;
      }
      const m = /^(process\.env|import\.meta\.env)\.([\w$]+)$/.exec(key);
      if (m) this.entry(m[2]!, m[1] as Exposure["via"], init, prop, how);
      else this.entry(key, "global", init, prop, how);
    }
  }

  /** Next.js `env` / Expo `extra`: plain objects whose values end up in client code. */
  envBlock(
    value: ts.Expression,
    how: string,
    via: Exposure["via"],
    node: ts.Node,
    keyToName: (k: string) => string = (k) => k,
  ): void {
    const ts = this.ts;
    const obj = this.resolveConst(value);
    if (!ts.isObjectLiteralExpression(obj)) {
      if (this.refersToWholeEnv(obj)) this.whole(node, via, how, "the whole environment");
      return;
    }
    for (const prop of obj.properties) {
      if (ts.isSpreadAssignment(prop)) {
        if (this.refersToWholeEnv(prop.expression)) this.whole(prop, via, how, "the whole environment");
        continue;
      }
      if (ts.isShorthandPropertyAssignment(prop)) {
        this.entry(keyToName(prop.name.text), via, prop.name, prop, how);
        continue;
      }
      if (!ts.isPropertyAssignment(prop)) continue;
      const key = propertyNameText(prop.name);
      if (key === undefined) continue;
      const init = unwrap(prop.initializer);
      if (via === "global" && ts.isObjectLiteralExpression(init)) {
        this.envBlock(init, how, via, prop, keyToName);
        continue;
      }
      // Expo extra keys are free-form: judge them by the variable name they would map to.
      const name = keyToName(key);
      const before = this.out.exposures.length;
      this.entry(name, via, init, prop, how);
      const added = this.out.exposures[before];
      if (added && name !== key) added.key = key;
      if (added && via === "global" && !added.credential && !this.isInertConstant(init)) {
        const cred = credentialOfEnvName(name);
        if (cred && cred.access === "write")
          added.credential = { label: cred.label, why: `names ${key}`, kind: cred.kind };
      }
    }
  }

  prefixes(value: ts.Expression, how: string, via: PrefixSetting["via"]): void {
    const ts = this.ts;
    const e = this.resolveConst(value);
    const items = ts.isArrayLiteralExpression(e) ? [...e.elements] : [e];
    for (const item of items) {
      const prefix = stringValue(item);
      if (prefix !== undefined) this.out.prefixes.push({ prefix, how, via, loc: this.loc(item) });
    }
  }

  /** Astro `env: { schema: { NAME: envField.string({ context: "client", access: "public" }) } }`. */
  astroSchema(value: ts.Expression): void {
    const ts = this.ts;
    const obj = this.resolveConst(value);
    if (!ts.isObjectLiteralExpression(obj)) return;
    for (const prop of obj.properties) {
      if (!ts.isPropertyAssignment(prop)) continue;
      const name = propertyNameText(prop.name);
      const call = unwrap(prop.initializer);
      if (!name || !ts.isCallExpression(call) || memberPath(call.expression)?.[0] !== "envField") continue;
      const opts = call.arguments[0] && unwrap(call.arguments[0]);
      if (!opts || !ts.isObjectLiteralExpression(opts)) continue;
      const context = opts.properties.find(
        (p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === "context",
      ) as ts.PropertyAssignment | undefined;
      if (stringValue(context?.initializer) !== "client") continue;
      const cred = credentialOfEnvName(name);
      this.out.nuxtPublic.push({
        key: name,
        envName: name,
        astro: true,
        loc: this.loc(prop),
        ...(cred && cred.access === "write"
          ? { credential: { label: cred.label, why: `names ${name}`, kind: cred.kind } }
          : {}),
      });
    }
  }

  nuxtPublic(value: ts.Expression, trail: string[]): void {
    const ts = this.ts;
    const obj = this.resolveConst(value);
    if (!ts.isObjectLiteralExpression(obj)) return;
    for (const prop of obj.properties) {
      if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) continue;
      const key = propertyNameText(prop.name);
      if (key === undefined) continue;
      const init = ts.isPropertyAssignment(prop) ? unwrap(prop.initializer) : prop.name;
      if (ts.isObjectLiteralExpression(init)) {
        this.nuxtPublic(init, [...trail, key]);
        continue;
      }
      const keyPath = [...trail, key].join(".");
      const envName = `NUXT_PUBLIC_${[...trail, key].map(snakeCase).join("_")}`;
      let credential = this.credentialIn(init);
      if (!credential) {
        const cred = credentialOfEnvName(envName);
        if (cred && cred.access === "write")
          credential = { label: cred.label, why: `maps to ${envName}`, kind: cred.kind };
      }
      this.out.nuxtPublic.push({ key: keyPath, envName, loc: this.loc(prop), ...(credential ? { credential } : {}) });
    }
  }
}

function pluginName(e: ts.NewExpression): string | undefined {
  const p = memberPath(e.expression);
  return p?.[p.length - 1];
}

/** The build-time exposures a file configures, or undefined when it configures none. */
export function readBundlerConfig(ctx: FileContext<unknown>): BundlerConfig | undefined {
  const ts = ctx.ts;
  const sf = ctx.sourceFile;
  if (!ts || !sf || ctx.kind !== "script") return undefined;
  const base = path.posix.basename(ctx.path);
  const viteLike = VITE_LIKE.test(base);
  const next = NEXT_CONFIG.test(base);
  const svelte = SVELTE_CONFIG.test(base);
  const expo = EXPO_CONFIG.test(base);
  const nuxt = NUXT_CONFIG.test(base);
  const astro = /^astro\.config\.[cm]?[jt]s$/.test(base);
  const text = ctx.text;
  if (
    !/DefinePlugin|EnvironmentPlugin|dotenv-webpack|plugins\.define/.test(text) &&
    !viteLike &&
    !next &&
    !svelte &&
    !expo &&
    !astro
  )
    return undefined;
  const r = new ConfigReader(ts, sf, ctx);
  const dotenvIds = new Set<string>();
  for (const [local, b] of importBindings(sf)) if (b.module === "dotenv-webpack") dotenvIds.add(local);

  walk(sf, (n) => {
    if (ts.isNewExpression(n)) {
      const name = pluginName(n);
      const arg0 = n.arguments?.[0];
      if (name === "DefinePlugin" && arg0) r.defineMap(arg0, "webpack DefinePlugin", n);
      else if (name === "EnvironmentPlugin") {
        const args = n.arguments ?? [];
        for (const a of args) {
          const e = unwrap(a);
          if (r.refersToWholeEnv(e)) {
            r.whole(e, "process.env", "webpack EnvironmentPlugin", "every variable of the environment");
          } else if (ts.isArrayLiteralExpression(e)) {
            for (const el of e.elements) {
              const v = stringValue(el);
              if (v) pushNamed(r, v, el, "webpack EnvironmentPlugin", ctx, sf);
            }
          } else if (ts.isObjectLiteralExpression(e)) {
            for (const p of e.properties) {
              const v = p.name && propertyNameText(p.name);
              if (v) pushNamed(r, v, p, "webpack EnvironmentPlugin", ctx, sf);
            }
          } else {
            const v = stringValue(e);
            if (v) pushNamed(r, v, e, "webpack EnvironmentPlugin", ctx, sf);
          }
        }
      } else if (
        name &&
        (name === "Dotenv" || dotenvIds.has(name)) &&
        (dotenvIds.size > 0 || /dotenv-webpack/.test(text))
      ) {
        r.out.exposures.push({
          name: "*",
          via: "process.env",
          how: "dotenv-webpack",
          loc: ctx.location(n.getStart(sf), n.getEnd()),
          implicit: true,
        });
      }
      return;
    }
    // Gatsby's onCreateWebpackConfig: plugins.define({...}) is a DefinePlugin.
    if (
      ts.isCallExpression(n) &&
      n.arguments[0] &&
      memberPath(n.expression)?.slice(-2).join(".") === "plugins.define"
    ) {
      r.defineMap(n.arguments[0], "Gatsby plugins.define", n);
      return;
    }
    if (!ts.isPropertyAssignment(n)) return;
    const key = propertyNameText(n.name);
    if (!key) return;
    if (viteLike && key === "define") r.defineMap(n.initializer, nuxt ? "Vite define (nuxt.config)" : "Vite define", n);
    else if (viteLike && key === "envPrefix") r.prefixes(n.initializer, "Vite envPrefix", "import.meta.env");
    else if (svelte && key === "publicPrefix") r.prefixes(n.initializer, "SvelteKit kit.env.publicPrefix", "$env");
    else if (next && key === "env") r.envBlock(n.initializer, "next.config env", "process.env", n);
    else if (next && key === "publicRuntimeConfig")
      r.envBlock(n.initializer, "next.config publicRuntimeConfig", "global", n, snakeCase);
    else if (expo && key === "extra") r.envBlock(n.initializer, "Expo app config extra", "global", n, snakeCase);
    else if (nuxt && key === "public" && isRuntimeConfigPublic(ts, n)) r.nuxtPublic(n.initializer, []);
    else if (astro && key === "schema") r.astroSchema(n.initializer);
  });
  const o = r.out;
  return o.exposures.length || o.prefixes.length || o.nuxtPublic.length ? o : undefined;
}

function isRuntimeConfigPublic(ts: TS, prop: ts.PropertyAssignment): boolean {
  const obj = prop.parent;
  const holder = obj && obj.parent;
  if (holder && ts.isPropertyAssignment(holder)) return propertyNameText(holder.name) === "runtimeConfig";
  // const runtimeConfig = { public: {…} }; defineNuxtConfig({ runtimeConfig })
  return Boolean(
    holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text === "runtimeConfig",
  );
}

function pushNamed(
  r: ConfigReader,
  name: string,
  node: ts.Node,
  how: string,
  ctx: FileContext<unknown>,
  sf: ts.SourceFile,
): void {
  const cred = credentialOfEnvName(name);
  r.out.exposures.push({
    name,
    via: "process.env",
    how,
    loc: ctx.location(node.getStart(sf), node.getEnd()),
    ...(cred && cred.access === "write"
      ? { credential: { label: cred.label, why: `names ${name}`, kind: cred.kind } }
      : cred
        ? {}
        : { reads: [name] }),
  });
}
