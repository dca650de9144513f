/**
 * Which names hold an Upstash credential: env-style names (UPSTASH_REDIS_REST_TOKEN, QSTASH_TOKEN,
 * camelCase spellings of them, client-prefixed ones), and generic option names (`token`,
 * `currentSigningKey`, `api_key`) when the surrounding code or config is about Upstash.
 */
import type { EnvCredential } from "../../../secrets/env-names";
import { clientPrefixOf, credentialOfEnvName, isReadOnlyName } from "../../../secrets/env-names";

/** `upstashRedisRestToken` → `UPSTASH_REDIS_REST_TOKEN`; `api-key` → `API_KEY`. */
export function toEnvStyle(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

// Names of values that go with a credential but are not secret.
const NOT_SECRET =
  /(^|_)(URL|URI|ID|NAME|REGION|ENDPOINT|HOST|PORT|EMAIL|USER|USERNAME|DB|DATABASE|INDEX|TTL|PREFIX|NAMESPACE|TOPIC|QUEUE|LIMIT|ENABLED|DEV)$/;
const SECRET_SUFFIX = /(^|_)(TOKEN|PASSWORD|PASS|SECRET|SIGNING_KEY|API_KEY|APIKEY|KEY)$/;
const UPSTASH_WORD = /(^|_)(UPSTASH|QSTASH)(_|$)/;

function kindOf(upper: string, context: string): EnvCredential {
  const access = isReadOnlyName(upper) ? "read-only" : "write";
  const ro = access === "read-only" ? "read-only " : "";
  if (/SIGNING_?KEY/.test(upper)) return { kind: "qstash-signing-key", access: "write", label: "QStash signing key" };
  if (/API_?KEY|MANAGEMENT/.test(upper))
    return { kind: "management-api-key", access: "write", label: "Upstash management API key" };
  if (/QSTASH/.test(upper + " " + context)) return { kind: "qstash-token", access, label: `QStash ${ro}token` };
  if (/VECTOR|SEARCH/.test(upper + " " + context))
    return { kind: "vector-token", access, label: `Upstash Vector ${ro}token` };
  if (/PASSWORD|PASS$/.test(upper)) return { kind: "redis-password", access, label: "Upstash Redis password" };
  return { kind: "redis-rest-token", access, label: `Upstash Redis REST ${ro}token` };
}

/**
 * The credential an env-style or camelCase name holds, by the name alone (client prefixes removed):
 * the SDKs' own names first, then any UPSTASH_/QSTASH_ name ending in TOKEN, PASSWORD, SECRET or KEY.
 */
export function credentialOfName(name: string): EnvCredential | undefined {
  const upper = toEnvStyle(name);
  const prefix = clientPrefixOf(upper);
  const bare = prefix ? upper.slice(prefix.length) : upper;
  const known = credentialOfEnvName(bare);
  if (known) return known;
  if (!UPSTASH_WORD.test(bare) || NOT_SECRET.test(bare) || !SECRET_SUFFIX.test(bare)) return undefined;
  return kindOf(bare, "");
}

// Option names of the Upstash SDK clients, and common spellings in config files.
const GENERIC =
  /^(TOKEN|REST_TOKEN|REDIS_TOKEN|READ_?ONLY_TOKEN|READONLY_TOKEN|PASSWORD|CURRENT_SIGNING_KEY|NEXT_SIGNING_KEY|SIGNING_KEY|API_KEY|APIKEY|MANAGEMENT_KEY)$/;

/** Words in a path of keys or in the surrounding code that make a generic key an Upstash one. */
export function isUpstashContext(words: readonly string[]): boolean {
  return words.some((w) => /upstash|qstash|@vercel\/kv|kv_rest|vercel_kv/i.test(w));
}

/**
 * The credential held by `name` when it appears under `context` (enclosing keys, the callee an
 * option object is passed to, its module): env-style names always count, generic ones (`token`,
 * `password`, `currentSigningKey`) only in an Upstash context.
 */
export function credentialOfKey(name: string, context: readonly string[]): EnvCredential | undefined {
  const own = credentialOfName(name);
  if (own) return own;
  const upper = toEnvStyle(name);
  if (!GENERIC.test(upper) || !isUpstashContext(context)) return undefined;
  return kindOf(upper, context.join(" ").toUpperCase());
}
