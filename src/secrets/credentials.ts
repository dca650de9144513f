/**
 * Upstash credential shapes: finding them in text, telling write from read-only credentials by
 * decoding them, and recognising placeholders and the public development credentials.
 */

export type CredentialKind =
  "redis-rest-token" | "redis-password" | "qstash-token" | "qstash-signing-key" | "vector-token" | "management-api-key";

export type Access = "write" | "read-only";

export interface CredentialMatch {
  kind: CredentialKind;
  access: Access;
  /** The secret itself (never print it: use redact()). */
  value: string;
  /** Offsets of `value` in the scanned text. */
  start: number;
  end: number;
}

/** Human names for messages. */
export const CREDENTIAL_LABEL: Record<CredentialKind, string> = {
  "redis-rest-token": "Upstash Redis REST token",
  "redis-password": "Upstash Redis password",
  "qstash-token": "QStash token",
  "qstash-signing-key": "QStash signing key",
  "vector-token": "Upstash Vector/Search token",
  "management-api-key": "Upstash management API key",
};

// Published by Upstash for local development and documentation; reporting them is noise.
const PUBLIC_DEV_CREDENTIALS = new Set([
  "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
  "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
  "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
  "sig_7RvLjqfZBvP5KEUimQCE1pvpLuou",
  "sig_7W3ZNbfKWk5NWwEs3U4ixuQ7fxwE",
  "AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=",
  // Sample credentials printed in Upstash's documentation (upstash/docs): Redis quickstarts.
  "978ba2e07tyrt67598acd8ac916a",
  "AX_sASQgODM5ZjExZGEtMmI3Mi00Mjcwk3NDIxMmEwNmNkYjVmOGVmZTk5MzQ=",
  "d34baef614b6fsdeb01b25",
  // Signing keys of the QStash dev server's built-in test users (upstash/docs, qstash local development).
  "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua",
  "sig_5T8FcSsynBjn9mMLBsXhpacRovJf",
  "sig_6jWGaWRxHsw4vMSPJprXadyvrybF",
  "sig_7GFR4YaDshFcqsxWRZpRB161jguD",
  "sig_7GVPjvuwsfqF65iC8fSrs1dfYruM",
  "sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx",
]);

// The QStash dev server's users: defaultUser/defaultPassword and testUser<n>/testPassword.
const DEV_QSTASH_USER = /^\{"UserID":"(defaultUser|testUser\d+)","Password":"(defaultPassword|testPassword)"\}$/;

export function isPublicDevCredential(value: string): boolean {
  if (PUBLIC_DEV_CREDENTIALS.has(value) || PUBLIC_DEV_CREDENTIALS.has(value.replace(/=+$/, ""))) return true;
  return value.startsWith("eyJVc2VySUQi") && DEV_QSTASH_USER.test(Buffer.from(value, "base64").toString("utf8").trim());
}

// Boundaries keep a match from starting or ending inside a longer base64 run. "=" may precede a
// token (`KEY=token`) but may only follow one as padding, which the patterns include.
const B = "(?<![A-Za-z0-9_\\-+/])";
const E = "(?![A-Za-z0-9_\\-+/=])";

/**
 * Redis REST tokens: base64url whose first decoded byte is 0x01 (standard) or 0x02 (read-only).
 * Characters 5–7 are `AAI` in current tokens; older 100-character tokens have `ASQ` or `ACQ` there
 * (bytes 0x01/0x00 then 0x24, the length of the UUID that follows), as in Upstash's own examples.
 */
const REDIS_TOKEN = new RegExp(`${B}A[Q-Za-v][A-Za-z0-9_-]{2}(?:AAI|ASQ|ACQ)[A-Za-z0-9_-]{36,120}={0,2}${E}`, "g");
/** QStash tokens are base64 of {"UserID": …, "Password": …}. */
const QSTASH_TOKEN = new RegExp(`${B}eyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,400}={0,2}${E}`, "g");
// Current keys have 28 base58 characters; older ones (still in Upstash's examples) have 50.
const SIGNING_KEY = /(?<![A-Za-z0-9_])sig_[1-9A-HJ-NP-Za-km-z]{26,56}(?![A-Za-z0-9_])/g;
/** Vector/Search tokens: base64 of 0x00, name length, role length, a tag, the name and the role. */
const VECTOR_TOKEN = new RegExp(`${B}AB[A-Za-z0-9+/_-]{40,300}={0,2}${E}`, "g");
/** The password of a redis:// or rediss:// URL pointing at an Upstash database. */
const REDIS_URL = /\brediss?:\/\/([^:@\s/"'`]*):([^@\s/"'`]{8,})@[A-Za-z0-9.-]+\.upstash\.io\b/g;

function decodeBase64(value: string): Buffer {
  return Buffer.from(value, "base64");
}

/** Decide a Redis REST token's access by its first decoded byte; undefined when it is not one. */
export function redisTokenAccess(value: string): Access | undefined {
  const first = decodeBase64(value.slice(0, 4))[0];
  if (first === 0x01) return "write";
  if (first === 0x02) return "read-only";
  return undefined;
}

function isQstashToken(value: string): boolean {
  try {
    const parsed = JSON.parse(decodeBase64(value).toString("utf8")) as Record<string, unknown>;
    return typeof parsed.UserID === "string" && typeof parsed.Password === "string";
  } catch {
    return false;
  }
}

/** Vector/Search token role, read from its decoded header; undefined when it is not one. */
export function vectorTokenAccess(value: string): Access | undefined {
  const bytes = decodeBase64(value);
  if (bytes.length < 8 || bytes[0] !== 0) return undefined;
  const nameLength = bytes[1]!;
  const roleLength = bytes[2]!;
  const role = bytes.subarray(4 + nameLength, 4 + nameLength + roleLength).toString("latin1");
  if (role === "admin") return "write";
  if (role === "readonly") return "read-only";
  return undefined;
}

/** Shannon entropy in bits per character; real tokens sit well above 3.5. */
export function entropy(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

const PLACEHOLDER_WORDS =
  /your|xxx|placeholder|changeme|change_me|example|dummy|redacted|replace|insert|token_here|secret_here|<|>|\*\*\*|\.\.\.|…|\$\{|\$\(|\{\{|%s/i;

/** Placeholders, template references and low-entropy strings are not credentials. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (v.length < 8) return true;
  if (PLACEHOLDER_WORDS.test(v)) return true;
  if (/^(.)\1+$/.test(v)) return true;
  return entropy(v) < 3;
}

/**
 * Placeholders among strings that already have a credential's shape. A random token is one run of
 * base64 characters, so a placeholder word counts only as a word of its own ("your-token-here"), not
 * as letters that happen to occur inside it ("…Xyourb…"): otherwise about one real token in a few
 * hundred would be skipped.
 */
function isPlaceholderToken(value: string): boolean {
  if (entropy(value) < 3 || /(.)\1{4,}/.test(value)) return true;
  return /(^|[^A-Za-z0-9])(your|xxx+|placeholder|changeme|example|dummy|redacted|replace|insert|token|secret|here)([^A-Za-z0-9]|$)/i.test(
    value,
  );
}

function pushMatches(
  text: string,
  regex: RegExp,
  out: CredentialMatch[],
  classify: (value: string) => { kind: CredentialKind; access: Access } | undefined,
  group = 0,
): void {
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    const value = m[group]!;
    const start = m.index + m[0].indexOf(value);
    if (isPublicDevCredential(value) || isPlaceholderToken(value)) continue;
    const c = classify(value);
    if (c) out.push({ ...c, value, start, end: start + value.length });
  }
}

/**
 * Every Upstash credential literal in `text`, decoded and classified. Placeholders and the public
 * development credentials are left out.
 */
export function findCredentials(text: string): CredentialMatch[] {
  const out: CredentialMatch[] = [];
  pushMatches(text, REDIS_TOKEN, out, (v) => {
    const access = redisTokenAccess(v);
    return access && { kind: "redis-rest-token", access };
  });
  pushMatches(text, QSTASH_TOKEN, out, (v) =>
    isQstashToken(v) ? { kind: "qstash-token", access: "write" } : undefined,
  );
  pushMatches(text, SIGNING_KEY, out, () => ({ kind: "qstash-signing-key", access: "write" }));
  pushMatches(text, VECTOR_TOKEN, out, (v) => {
    const access = vectorTokenAccess(v);
    return access && { kind: "vector-token", access };
  });
  REDIS_URL.lastIndex = 0;
  for (let m = REDIS_URL.exec(text); m; m = REDIS_URL.exec(text)) {
    const password = m[2]!;
    if (isPlaceholder(password) || isPublicDevCredential(password)) continue;
    const start = m.index + m[0].indexOf(":" + password + "@") + 1;
    out.push({
      kind: "redis-password",
      access: m[1] === "default_ro" ? "read-only" : "write",
      value: password,
      start,
      end: start + password.length,
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Every substring that looks like any supported credential, valid or not: what scrub() hides. */
export const CREDENTIAL_SHAPES: readonly RegExp[] = [REDIS_TOKEN, QSTASH_TOKEN, SIGNING_KEY, VECTOR_TOKEN];
export const REDIS_URL_SHAPE = REDIS_URL;

/** A UUID, the shape of Upstash management (developer) API keys; judged together with the key's name. */
export const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Where a value only points at a secret kept elsewhere: CI secret stores, shell and template
// interpolation, secrets managers. Such a value is the right way to configure a credential.
const SECRET_REFERENCE = [
  /\$\{\{/, // GitHub Actions ${{ secrets.X }}, ${{ vars.X }}
  /\$\{[^}]*\}/, // ${VAR}, ${env:VAR}, ${ssm:/path}, ${file(...)}
  /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
  /\{\{[^}]*\}\}/, // Helm/Jinja/Handlebars {{ .Values.x }}
  /^@[a-z0-9][a-z0-9_-]*$/i, // Vercel's legacy `@secret-name`
  /^(op|vault|sm|ssm|gcpsm|awssm|azurekv|doppler|infisical|bws|secret|secrets):\/\//i,
  /^arn:aws:(secretsmanager|ssm):/i,
  /^projects\/[^/]+\/secrets\//,
  /@Microsoft\.KeyVault\(/i,
  /^(secretKeyRef|valueFrom|!Ref|!Sub|!GetAtt|env\(|var\.|local\.|data\.)/,
];

/** True for values that reference a secret stored elsewhere instead of holding it. */
export function isSecretReference(value: string): boolean {
  const v = value.trim();
  return SECRET_REFERENCE.some((r) => r.test(v));
}

// Words that mark a value as made up, on top of isPlaceholder's list. Only used for values that are
// not a known credential shape: a decoded Upstash token is real whatever it is called.
const MADE_UP =
  /test|fake|mock|sample|demo|dummy|local|default|secret|password|token|foo|bar|lorem|abc(def)?|123456|qwerty|none|null|undefined|todo|fixme|tbd|^sk_test/i;

/**
 * Whether a literal assigned to a credential-named key looks like a real secret although it has no
 * known Upstash shape: long, random (high entropy, letters and digits), one word, and neither a
 * placeholder, a reference to a secret elsewhere, a URL, a path nor an identifier.
 */
export function looksLikeSecretValue(value: string): boolean {
  const v = value.trim();
  if (v.length < 16 || v.length > 512) return false;
  if (/\s/.test(v) || isPlaceholder(v) || isSecretReference(v)) return false;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith("/") || v.startsWith("./") || v.includes("@")) return false;
  // UUIDs are hex: only sequences a person types mark them as made up.
  if (UUID_SHAPE.test(v)) return !/1234|abcd|(.)\1{5}/i.test(v.replace(/-/g, ""));
  if (MADE_UP.test(v)) return false;
  if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v)) return false;
  // CONSTANT_NAMES, dotted.paths and kebab-case words are names, not secrets.
  if (/^[A-Z0-9_]+$/.test(v) && v.includes("_")) return false;
  if (/^[a-z][a-z0-9]*([.-][a-z0-9]+)+$/.test(v)) return false;
  return entropy(v) >= 3.5;
}

/** The password of a redis:// or rediss:// URL on any host except local ones; undefined otherwise. */
export function redisUrlPassword(value: string): { password: string; offset: number; readOnly: boolean } | undefined {
  const m = /^rediss?:\/\/([^:@\s/]*):([^@\s/]+)@([^:/\s]+)/.exec(value.trim());
  if (!m) return undefined;
  const host = m[3]!.toLowerCase();
  if (
    host === "localhost" ||
    host.startsWith("127.") ||
    host === "0.0.0.0" ||
    host === "redis" ||
    host === "host.docker.internal"
  )
    return undefined;
  const password = m[2]!;
  if (isPlaceholder(password) || isPublicDevCredential(password)) return undefined;
  return {
    password,
    offset: value.indexOf(value.trim()) + m[0].indexOf(":" + password + "@") + 1,
    readOnly: m[1] === "default_ro",
  };
}
