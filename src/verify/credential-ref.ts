/**
 * What a detector hands `--verify` about a credential it reports: a hash of the secret (never the
 * secret) and the endpoint written beside it in the same text. Cheap enough to do for every credential
 * found, verification or not: a hash and a search of the text around it.
 */
import { createHash } from "node:crypto";
import type { Access, CredentialKind } from "../secrets/credentials";
import type { CredentialRef } from "./types";

/** The key under which a secret is verified once per scan. */
export function credentialId(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/**
 * How far around a credential its URL is looked for (both ways): env files and `new Redis({ url, token })`
 * keep them close, and a bounded window keeps a file of thousands of tokens linear.
 */
const WINDOW = 4_096;

/**
 * The name a value at `start` is assigned to on its line: `NAME=`, `name: "`, `"name": "`, `ENV NAME `.
 * Read backwards by hand, a bounded number of characters: an end-anchored pattern would be tried at
 * every position of the line, and minified files have lines of a megabyte.
 */
function keyBefore(text: string, start: number): string | undefined {
  const low = Math.max(0, start - 160);
  let i = start - 1;
  const ch = (j: number): string => (j >= low ? text.charAt(j) : "\n");
  const blanks = (): number => {
    const from = i;
    while (ch(i) === " " || ch(i) === "\t") i--;
    return from - i;
  };
  if (ch(i) === '"' || ch(i) === "'" || ch(i) === "`") i--;
  const before = blanks();
  if (ch(i) === ":" || ch(i) === "=") {
    i--;
    blanks();
  } else if (before === 0) return undefined;
  if (ch(i) === '"' || ch(i) === "'") i--;
  const end = i + 1;
  while (i >= low && /[\w$.-]/.test(ch(i))) i--;
  const name = text.slice(i + 1, end);
  return /^[A-Za-z_$]/.test(name) ? name : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The nearest match of `re` (global) to `at` within the window, as group 1; `starts` says whether a
 * match may begin where it does (the character before it, tested here: a look-behind at the start of
 * the pattern would be tried at every position and cost several times the search).
 */
function nearest(text: string, re: RegExp, at: number, starts: (before: string) => boolean = () => true) {
  const from = Math.max(0, at - WINDOW);
  const part = text.slice(from, at + WINDOW);
  if (!part.includes("://")) return undefined;
  let best: { distance: number; value: string } | undefined;
  for (const m of part.matchAll(re)) {
    if (!starts(part.charAt(m.index - 1))) continue;
    const distance = Math.abs(from + m.index - at);
    if (!best || distance < best.distance) best = { distance, value: m[1]! };
  }
  return best?.value;
}

// A literal URL as a value: the scheme is kept so the policy can refuse http:// and others.
const URL_VALUE = `["'\`]?([a-z][a-z0-9+.-]*://[^\\s"'\`,;)}\\]]*)`;

/**
 * The URL assigned, beside the token, to the name that pairs with the token's own name: TOKEN → URL
 * (UPSTASH_REDIS_REST_TOKEN → UPSTASH_REDIS_REST_URL, KV_REST_API_READ_ONLY_TOKEN → KV_REST_API_URL,
 * QSTASH_TOKEN → QSTASH_URL, `token` → `url` or `baseUrl` in `new Redis({ url, token })` and
 * `new Client({ baseUrl, token })`).
 */
function pairedByName(text: string, start: number): string | undefined {
  const key = keyBefore(text, start);
  const prefix = key && /^(.*?)(?:_?read_?only)?_?token$/i.exec(key.slice(key.lastIndexOf(".") + 1))?.[1];
  if (prefix === undefined || prefix === null) return undefined;
  const re = new RegExp(`${escapeRegExp(prefix)}_?(?:base_?)?url["']?\\s*(?:[:=]|\\s)\\s*${URL_VALUE}`, "gi");
  // Whole names only: NEXT_PUBLIC_URL is not `url`.
  return nearest(text, re, start, (before) => !/[\w$]/.test(before));
}

/**
 * A Redis REST URL whose host carries the token's database number (see endpoints.ts), anywhere near
 * it: the URL of the same env file or module under any name.
 */
function sameDatabaseUrl(text: string, start: number, token: string): string | undefined {
  const bytes = Buffer.from(token.slice(0, 4), "base64url");
  if (bytes.length < 3) return undefined;
  const re = new RegExp(
    `((?:https?|rediss?)://(?:[^\\s"'\`@/]*@)?[a-z0-9-]+-${bytes.readUInt16BE(1)}\\.upstash\\.io)(?![\\w-])`,
    "gi",
  );
  const found = nearest(text, re, start);
  // A rediss://user:password@host URL names the REST host too; never keep its password.
  return found?.replace(/^rediss?:\/\/(?:[^@]*@)?/i, "https://");
}

/** The host of the rediss:// URL whose password is at `start`…`end`, as an https:// URL. */
function passwordHost(text: string, end: number): string | undefined {
  const host = /^@([A-Za-z0-9.-]+)/.exec(text.slice(end, end + 256))?.[1];
  return host ? `https://${host}` : undefined;
}

/**
 * The reference for a credential found at `start`…`end` of `text` (`value` is the secret). `shaped`
 * is false for a real-looking value under a credential name without a known Upstash shape.
 */
export function credentialRef(
  c: { value: string; kind: CredentialKind; access: Access; basis?: "shape" | "name" },
  text: string,
  start: number,
  end: number,
): CredentialRef {
  let url: string | undefined;
  if (c.kind === "redis-password") url = passwordHost(text, end);
  else if (c.kind === "redis-rest-token") url = pairedByName(text, start) ?? sameDatabaseUrl(text, start, c.value);
  else if (c.kind === "qstash-token") url = pairedByName(text, start);
  return {
    id: credentialId(c.value),
    kind: c.kind,
    access: c.access,
    shaped: c.basis !== "name",
    ...(url ? { url } : {}),
  };
}
