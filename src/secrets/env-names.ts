/**
 * Environment variable names: which ones hold Upstash credentials, whether they are read-only, and
 * which prefixes make a framework inline them into client bundles.
 */
import type { Access, CredentialKind } from "./credentials";

/** Prefixes a framework exposes to client code, longest first. */
export const CLIENT_PREFIXES = [
  { prefix: "PLASMO_PUBLIC_", framework: "Plasmo" },
  { prefix: "NEXT_PUBLIC_", framework: "Next.js" },
  { prefix: "NUXT_PUBLIC_", framework: "Nuxt" },
  { prefix: "EXPO_PUBLIC_", framework: "Expo" },
  { prefix: "REACT_APP_", framework: "Create React App" },
  { prefix: "VUE_APP_", framework: "Vue CLI" },
  { prefix: "GATSBY_", framework: "Gatsby" },
  { prefix: "VITE_", framework: "Vite" },
  { prefix: "WXT_", framework: "WXT" },
  { prefix: "PUBLIC_", framework: "SvelteKit/Astro" },
] as const;

export interface EnvCredential {
  kind: CredentialKind;
  access: Access;
  /** Human description, e.g. "Redis REST write token". */
  label: string;
}

const READ_ONLY = /READ_?ONLY|READONLY|(^|_)RO(_|$)/;

/** The client-exposed prefix of a name, if any. */
export function clientPrefixOf(name: string, extraPrefixes: readonly string[] = []): string | undefined {
  for (const p of extraPrefixes) if (p && name.startsWith(p)) return p;
  return CLIENT_PREFIXES.find((p) => name.startsWith(p.prefix))?.prefix;
}

/** Whether a name means a read-only credential (`…_READ_ONLY_TOKEN`, `…READONLY…`, `_RO_`). */
export function isReadOnlyName(name: string): boolean {
  return READ_ONLY.test(name);
}

/**
 * The Upstash credential an env var name holds, judged by the name alone (with any client prefix
 * removed). URLs of REST endpoints are not credentials; connection URLs embed the password.
 */
export function credentialOfEnvName(name: string): EnvCredential | undefined {
  const upper = name.toUpperCase();
  const access: Access = isReadOnlyName(upper) ? "read-only" : "write";
  const ro = access === "read-only" ? "read-only " : "write ";
  if (/QSTASH_(CURRENT_|NEXT_)?SIGNING_KEY/.test(upper))
    return { kind: "qstash-signing-key", access: "write", label: "QStash signing key" };
  if (/QSTASH_TOKEN/.test(upper)) return { kind: "qstash-token", access, label: `QStash ${ro}token` };
  if (/UPSTASH_(VECTOR|SEARCH)\w*TOKEN/.test(upper))
    return { kind: "vector-token", access, label: `Upstash ${/VECTOR/.test(upper) ? "Vector" : "Search"} ${ro}token` };
  if (/UPSTASH_(MANAGEMENT_)?API_KEY|UPSTASH_MANAGEMENT_KEY/.test(upper))
    return { kind: "management-api-key", access: "write", label: "Upstash management API key" };
  if (/(UPSTASH_REDIS\w*|KV_REST_API\w*|UPSTASH\w*REST)_TOKEN|^(\w+_)?KV_TOKEN$/.test(upper))
    return { kind: "redis-rest-token", access, label: `Redis REST ${ro}token` };
  if (/(^|_)(KV_URL|UPSTASH_REDIS_URL|UPSTASH_REDIS_TLS_URL)$|UPSTASH_REDIS_PASSWORD/.test(upper)) {
    return { kind: "redis-password", access, label: "Redis connection URL/password" };
  }
  return undefined;
}

/** The framework that exposes a built-in client prefix, e.g. "Next.js" for NEXT_PUBLIC_. */
export function frameworkOfPrefix(prefix: string): string | undefined {
  return CLIENT_PREFIXES.find((p) => p.prefix === prefix)?.framework;
}

/**
 * The names the Upstash SDKs and Vercel's integration read: a client prefix that any of these start
 * with (or an empty one) exposes a credential.
 */
export const CANONICAL_CREDENTIAL_NAMES = [
  "UPSTASH_REDIS_REST_TOKEN",
  "UPSTASH_VECTOR_REST_TOKEN",
  "UPSTASH_SEARCH_REST_TOKEN",
  "KV_REST_API_TOKEN",
  "KV_URL",
  "QSTASH_TOKEN",
  "QSTASH_CURRENT_SIGNING_KEY",
  "QSTASH_NEXT_SIGNING_KEY",
] as const;
