/**
 * What `--verify` sends where, and what the answers mean. This file is the whole of it: the README's
 * "What --verify sends" section describes exactly these requests.
 *
 * A hostile repository can write a stolen token next to a URL it controls, so the URL found beside a
 * token is only a claim. A request is built only when the claim passes this policy, and only from the
 * parts the policy checked (scheme and host): the path and query of the URL found are never used.
 * - HTTPS only; the default port; no user info.
 * - Redis: the host must be one database host under upstash.io, `<name>-<number>.upstash.io`, as
 *   every REST URL in Upstash's documentation and console is. And the number must be the database
 *   number the token itself carries (bytes 1–2 of the decoded token, big-endian; inferred from public
 *   URL/token pairs, see docs/verify.md): a token is only ever shown to its own database.
 * - QStash: `qstash.upstash.io` or a regional `qstash-<region>.upstash.io` (Upstash's multi-region
 *   documentation lists exactly these), the default when nothing is written beside the token.
 */
import { findCredentials } from "../secrets/credentials";
import { VERSION } from "../version";
import type { CredentialRef, Verdict } from "./types";

/** One request, fully decided before any transport sees it. */
export interface VerifyRequest {
  url: URL;
  method: "GET";
  headers: Record<string, string>;
}

export interface VerifyResponse {
  status: number;
  /** The body as text, at most the size cap. */
  body: string;
  /** The body was longer than the cap; reading stopped there. */
  truncated: boolean;
}

/** A request to make, or why none will be made (`not-checked`: cannot be; `unknown`: refused). */
export type Plan =
  | { request: VerifyRequest; service: "redis" | "qstash"; describe: string }
  | { verdict: "not-checked" | "unknown"; detail: string };

const REDIS_HOST = /^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{1,6})\.upstash\.io$/;
const QSTASH_HOST = /^qstash(?:-[a-z]{2}-[a-z]+-\d{1,2})?\.upstash\.io$/;
export const QSTASH_DEFAULT_URL = "https://qstash.upstash.io";

/**
 * The last check before anything is sent, whatever the transport: HTTPS on the default port to an
 * allowed Upstash host, nothing else in the authority.
 */
export function isAllowedRequestUrl(url: URL): boolean {
  return (
    url.protocol === "https:" &&
    url.port === "" &&
    url.username === "" &&
    url.password === "" &&
    (REDIS_HOST.test(url.hostname) || QSTASH_HOST.test(url.hostname))
  );
}

/** The database number a Redis REST token carries, or undefined when it has no token shape. */
export function redisTokenDatabase(token: string): number | undefined {
  const [match, ...more] = findCredentials(token);
  if (!match || more.length || match.kind !== "redis-rest-token" || match.start !== 0 || match.end !== token.length)
    return undefined;
  const bytes = Buffer.from(token.slice(0, 4), "base64url");
  return bytes.length >= 3 ? bytes.readUInt16BE(1) : undefined;
}

/** The host of an `https://` URL with the default port, or why it is refused. */
function httpsHost(raw: string): { host: string } | { refused: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { refused: "the URL beside it is not a valid URL" };
  }
  if (url.protocol !== "https:")
    return { refused: `the URL beside it is not HTTPS (${url.protocol.replace(":", "")})` };
  if (url.port !== "") return { refused: "the URL beside it names a port, which Upstash URLs never do" };
  if (url.username !== "" || url.password !== "")
    return { refused: "the URL beside it holds user info, which Upstash URLs never do" };
  return { host: url.hostname };
}

function headers(token: string): Record<string, string> {
  return {
    authorization: `Bearer ${token}`,
    accept: "application/json",
    "user-agent": `upstash-scan/${VERSION} (credential verification)`,
  };
}

/**
 * The request that checks `ref` (whose secret is `value`), or why there is none. Only Redis REST
 * tokens and QStash tokens can be checked with a harmless read; everything else is `not-checked`.
 */
export function planRequest(ref: CredentialRef, value: string): Plan {
  if (!ref.shaped)
    return { verdict: "not-checked", detail: "its value has no known Upstash token shape, so it is not sent anywhere" };
  switch (ref.kind) {
    case "redis-rest-token":
      return redisPlan(ref.url, value);
    case "redis-password":
      // Upstash derives the REST tokens from the password; the password itself is only a REST token
      // when it has a token's shape (some setups paste the token as the TCP password).
      return redisTokenDatabase(value) !== undefined
        ? redisPlan(ref.url, value)
        : {
            verdict: "not-checked",
            detail: "a Redis TCP password can only be checked by logging in over TCP, which the scanner does not do",
          };
    case "qstash-token":
      return qstashPlan(ref.url, value);
    case "qstash-signing-key":
      return {
        verdict: "not-checked",
        detail: "signing keys only sign and verify messages; Upstash has no API that tells whether one is current",
      };
    case "vector-token":
      return { verdict: "not-checked", detail: "Vector/Search tokens are not checked" };
    case "management-api-key":
      return {
        verdict: "not-checked",
        detail: "management API keys need the account's email to check, which is not sent",
      };
  }
}

function redisPlan(url: string | undefined, token: string): Plan {
  const database = redisTokenDatabase(token);
  if (database === undefined)
    return { verdict: "not-checked", detail: "its value has no Redis REST token shape, so it is not sent anywhere" };
  if (!url) return { verdict: "unknown", detail: "no REST URL was found beside it, so it was not sent anywhere" };
  const h = httpsHost(url);
  if ("refused" in h) return { verdict: "unknown", detail: `${h.refused}: the token was not sent` };
  const m = REDIS_HOST.exec(h.host);
  if (!m)
    return {
      verdict: "unknown",
      detail: "the URL beside it is not on an Upstash Redis host: the token was not sent",
    };
  if (Number(m[1]) !== database)
    return {
      verdict: "unknown",
      detail: `the URL beside it (${h.host}) is another database's (the token is for database ${database}): the token was not sent`,
    };
  return {
    request: { url: new URL(`https://${h.host}/ping`), method: "GET", headers: headers(token) },
    service: "redis",
    describe: `PING at ${h.host}`,
  };
}

function qstashPlan(url: string | undefined, token: string): Plan {
  const h = httpsHost(url ?? QSTASH_DEFAULT_URL);
  if ("refused" in h) return { verdict: "unknown", detail: `${h.refused}: the token was not sent` };
  if (!QSTASH_HOST.test(h.host))
    return { verdict: "unknown", detail: "the URL beside it is not on a QStash host: the token was not sent" };
  return {
    request: { url: new URL(`https://${h.host}/v2/queues`), method: "GET", headers: headers(token) },
    service: "qstash",
    describe: `GET /v2/queues at ${h.host}${url ? "" : " (the default region: no QSTASH_URL beside it)"}`,
  };
}

/**
 * What an answer means. Only the documented authentication failure (401) counts as revoked; a 200
 * counts as live only with the body the API documents; anything else (403, which IP allow-lists may
 * answer, 3xx, 5xx, a body cut at the cap, an unexpected body) is unknown: never a guess either way.
 */
export function interpret(
  service: "redis" | "qstash",
  res: VerifyResponse,
): { verdict: Exclude<Verdict, "not-checked">; detail: string } {
  const s = res.status;
  if (s >= 300 && s < 400)
    return { verdict: "unknown", detail: `answered with a redirect (HTTP ${s}), which is never followed` };
  if (s === 401) {
    // QStash regions have separate accounts: a token of another region is "not found in this region".
    if (service === "qstash" && /region/i.test(res.body))
      return {
        verdict: "unknown",
        detail:
          "does not know the token's account: it may belong to another QStash region (write QSTASH_URL beside it)",
      };
    return { verdict: "revoked", detail: "rejected it as invalid (HTTP 401)" };
  }
  if (s < 200 || s >= 300) return { verdict: "unknown", detail: `gave an unexpected answer (HTTP ${s})` };
  if (res.truncated) return { verdict: "unknown", detail: "answered with more than expected, which was not read" };
  if (service === "redis") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(res.body);
    } catch {
      parsed = undefined;
    }
    if ((parsed as { result?: unknown } | undefined)?.result === "PONG")
      return { verdict: "live", detail: "answered PONG" };
    return { verdict: "unknown", detail: "answered HTTP 200 without the expected PONG" };
  }
  let list: unknown;
  try {
    list = JSON.parse(res.body);
  } catch {
    list = undefined;
  }
  if (Array.isArray(list)) return { verdict: "live", detail: "returned the queue list" };
  return { verdict: "unknown", detail: "answered HTTP 200 without the expected queue list" };
}
