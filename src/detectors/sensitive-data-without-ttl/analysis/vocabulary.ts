/**
 * The sensitivity vocabulary: which names make a Redis key or value sensitive. Names are split into
 * lower-case word parts (camelCase, snake_case, kebab-case, `:`-separated key segments) and phrases
 * are matched on whole parts, so "tokenizer", "hashmap" and "cardinality" never match "token",
 * "hash" or "card". Documented in docs/rules/sensitive-data-without-ttl.md; extended by the
 * `sensitiveWords` detector option.
 */

export type Category = "secret" | "pii" | "custom";

export interface Phrase {
  /** Word parts, lower-case. */
  parts: readonly string[];
  category: Category;
  /**
   * Whether the phrase counts in what a key is built from (`cache:${apiKey}` embeds a credential in
   * the key name) and not only in what the key says of itself: a session id or a nonce in a key is
   * an identifier (`cart:${sessionId}`), a token or an API key is a credential.
   */
  inSubject: boolean;
  /** The phrase as the message names it. */
  label: string;
  /** Whether the plural of the last part matches too ("tokens" is deliberately excluded: LLM and crypto apps). */
  plural: boolean;
}

/** Sessions, tokens, codes, passwords, credentials, CSRF and nonces. */
const SECRET: readonly string[] = [
  "~session+",
  "~sess",
  "~session id+",
  "~cookie+",
  "token",
  "access token+",
  "refresh token+",
  "reset token+",
  "verification token+",
  "verify token+",
  "confirmation token+",
  "confirm token+",
  "email token+",
  "login token+",
  "magic link+",
  "magic token+",
  "login link+",
  "reset link+",
  "~invite+",
  "~invitation+",
  "invite token+",
  "invite code+",
  "~oauth",
  "~oauth state+",
  "~pkce",
  "code verifier+",
  "id token+",
  "auth token+",
  "session token+",
  "api token+",
  "bearer",
  "jwt+",
  "otp+",
  "totp",
  "hotp",
  "~2fa",
  "~mfa",
  "one time password+",
  "one time code+",
  "onetime code+",
  "passcode+",
  "~verification+",
  "~verify",
  "verification code+",
  "verify code+",
  "confirmation code+",
  "auth code+",
  "authorization code+",
  "login code+",
  "reset code+",
  "sms code+",
  "email code+",
  "security code+",
  "access code+",
  "recovery code+",
  "backup code+",
  "password reset+",
  "password+",
  "passwd",
  "pwd",
  "passphrase+",
  "password hash+",
  "hashed password+",
  "pin hash+",
  "secret+",
  "client secret+",
  "api secret+",
  "webhook secret+",
  "signing secret+",
  "api key+",
  "secret key+",
  "private key+",
  "access key+",
  "signing key+",
  "encryption key+",
  "license key+",
  "app password+",
  "credential+",
  "creds",
  "csrf",
  "xsrf",
  "~nonce+",
];

/** Third-party services whose keys and tokens apps store for their users. */
const PROVIDERS = [
  "openai",
  "anthropic",
  "claude",
  "gemini",
  "google",
  "groq",
  "mistral",
  "cohere",
  "replicate",
  "huggingface",
  "hf",
  "elevenlabs",
  "deepgram",
  "perplexity",
  "stripe",
  "github",
  "gitlab",
  "slack",
  "discord",
  "twilio",
  "sendgrid",
  "resend",
  "aws",
  "azure",
  "gcp",
  "notion",
  "linear",
  "vercel",
  "supabase",
  "pinecone",
  "telegram",
  "shopify",
  "spotify",
  "twitter",
];

/** Personal data. */
const PII: readonly string[] = [
  "email+",
  "e mail",
  "email address+",
  "phone+",
  "phone number+",
  "mobile number+",
  "telephone",
  "address+",
  "street address+",
  "home address+",
  "postal code+",
  "postcode",
  "zip code+",
  "zipcode",
  "date of birth",
  "dob",
  "birthday+",
  "birthdate",
  "birth date",
  "ssn",
  "social security",
  "national id+",
  "passport+",
  "tax id+",
  "card number+",
  "credit card+",
  "debit card+",
  "card data",
  "cvv",
  "cvc",
  "iban",
  "bank account+",
  "routing number+",
  "pii",
];

/**
 * Parts that make a name about something else: counters, limits, analytics, flags and config. A
 * name containing one of them contributes no sensitivity ("tokenCount", "otp-attempts",
 * "ratelimit:session"), and a key containing one is not sensitive at all.
 */
const NEUTRAL = new Set([
  "count",
  "counts",
  "counter",
  "counters",
  "attempt",
  "attempts",
  "tries",
  "retries",
  "ratelimit",
  "ratelimiter",
  "ratelimits",
  "limit",
  "limits",
  "limiter",
  "throttle",
  "cooldown",
  "quota",
  "usage",
  "leaderboard",
  "rank",
  "ranking",
  "rankings",
  "score",
  "scores",
  "analytics",
  "metric",
  "metrics",
  "stat",
  "stats",
  "statistics",
  "views",
  "pageviews",
  "visits",
  "hits",
  "clicks",
  "impressions",
  "flag",
  "flags",
  "feature",
  "features",
  "config",
  "configuration",
  "domain",
  "domains",
  "blocked",
  "banned",
  "lock",
  "mutex",
  "revoked",
  "blacklist",
  "blocklist",
  "denylist",
  "public",
  "length",
  "size",
  "max",
  "min",
  "expiry",
  "expires",
  "ttl",
  "type",
  "format",
  "name",
  "label",
  "icon",
  "placeholder",
  "price",
  "prices",
  "symbol",
  "decimals",
  "supply",
  "balance",
  "balances",
]);

/**
 * Parts of a key that name a long-lived record of people: a user, a profile, a subscriber list, an
 * audit log. Personal data there is the record itself, kept on purpose (a TTL would delete the user); only
 * secrets stored in such a record make it sensitive.
 */
const ENTITY = new Set([
  "user",
  "users",
  "profile",
  "profiles",
  "account",
  "accounts",
  "customer",
  "customers",
  "member",
  "members",
  "contact",
  "contacts",
  "subscriber",
  "subscribers",
  "subscription",
  "subscriptions",
  "newsletter",
  "waitlist",
  "reminder",
  "reminders",
  "lead",
  "leads",
  "employee",
  "employees",
  "people",
  "person",
  "team",
  "teams",
  "organization",
  "org",
  // Audit and activity logs: who did what to whom is the log itself, kept (and usually capped with
  // ltrim) on purpose; a credential written into one is still reported.
  "log",
  "logs",
  "audit",
  "audits",
]);

/**
 * Parts before a word that make it something else: a wallet address is public, a page token or a
 * checkout token is a cursor or an identifier, not a credential.
 */
const NOT_SENSITIVE_AFTER: Record<string, ReadonlySet<string>> = {
  address: new Set([
    "wallet",
    "contract",
    "token",
    "mint",
    "pool",
    "account",
    "mac",
    "server",
    "node",
    "program",
    "web",
    "url",
    "base",
    "memory",
    "ip",
  ]),
  token: new Set([
    "page",
    "next",
    "prev",
    "previous",
    "continuation",
    "cursor",
    "pagination",
    "checkout",
    "cart",
    "cancel",
    "cancellation",
    "sync",
    "idempotency",
    "request",
    "correlation",
    "trace",
    "abort",
    "design",
    "color",
    "theme",
    "nft",
    "erc20",
    "erc721",
    "spl",
    "lp",
  ]),
};

/** Suffix parts glued onto a word in lower-case literals ("sessionid", "resettokens"). */
const GLUE_SUFFIXES = ["", "id", "ids", "key", "keys", "data", "store", "hash"];

/** `"~session+"`: `~` keeps it out of key subjects, `+` lets the last word take a plural. */
function parse(entry: string, category: Category): Phrase {
  const inSubject = category !== "pii" && !entry.startsWith("~");
  const plural = entry.endsWith("+");
  const text = entry.replace(/^~/, "").replace(/\+$/, "");
  return { parts: text.split(" "), category, label: text, plural, inSubject };
}

const BUILTIN: readonly Phrase[] = [
  ...SECRET.map((e) => parse(e, "secret")),
  ...PROVIDERS.flatMap((p) =>
    [`${p} key+`, `${p} api key+`, `${p} token+`, `${p} secret+`].map((e) => parse(e, "secret")),
  ),
  ...PII.map((e) => parse(e, "pii")),
];

/** Marks a segment boundary in split words: `session:abc` is two segments, `session-abc` one. */
export const SEGMENT = "";

/**
 * Split a name or key text into lower-case word parts: `resetToken:${id}` → ["reset", "token", "",
 * "id"]. camelCase, `_` and `-` join the parts of one segment; `:`, `/`, `.`, `|`, `#`, `=`, `,` and
 * spaces separate segments (marked by an empty part), so that a word's neighbour in the same segment
 * can be told from the next segment of a key.
 */
export function splitWords(text: string): string[] {
  const out: string[] = [];
  for (const segment of text.split(/[^A-Za-z0-9_-]+/)) {
    const parts: string[] = [];
    for (const chunk of segment.split(/[_-]+/)) {
      for (const m of chunk.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g)) parts.push(m[0].toLowerCase());
    }
    if (!parts.length) continue;
    if (out.length) out.push(SEGMENT);
    out.push(...parts);
  }
  // "2fa" stays one part; "e-mail" becomes ["e", "mail"] and is matched as a phrase.
  return out;
}

/**
 * Words that may follow a sensitive word in the same name without making it a mere modifier:
 * `sessionData`, `tokenHash`, `otpRecord`, `sessions-by-time`. Any other word makes the sensitive
 * word describe something else: `emailTemplate`, `tokenEndpoint`, `sessionTimeout`, `passwordPolicy`.
 */
const FOLLOWERS = new Set([
  "id",
  "ids",
  "key",
  "keys",
  "data",
  "value",
  "values",
  "list",
  "lists",
  "store",
  "map",
  "hash",
  "hashed",
  "record",
  "records",
  "info",
  "json",
  "str",
  "string",
  "raw",
  "encrypted",
  "enc",
  "plain",
  "plaintext",
  "cipher",
  "ciphertext",
  "b64",
  "base64",
  "set",
  "pair",
  "pairs",
  "bundle",
  "object",
  "obj",
  "payload",
  "body",
  "cache",
  "cached",
  "entry",
  "entries",
  "response",
  "request",
  "result",
  "results",
  "details",
  "meta",
  "metadata",
  "state",
  "code",
  "codes",
  "pending",
  "temp",
  "tmp",
  "new",
  "old",
  "current",
  "latest",
  "backup",
  "copy",
  "by",
  "for",
  "of",
  "to",
  "and",
  "or",
  "v1",
  "v2",
  "v3",
  "x",
]);

const vocabularies = new Map<string, Vocabulary>();

export class Vocabulary {
  private readonly phrases: readonly Phrase[];
  /** First part (or glued phrase) → phrases, for a quick lookup. */
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly glued = new Map<string, Phrase>();

  constructor(extra: readonly string[] = []) {
    const custom = extra
      .map((w) => splitWords(w).filter((p) => p !== SEGMENT))
      .filter((parts) => parts.length > 0)
      .map((parts): Phrase => ({ parts, category: "custom", label: parts.join(" "), plural: true, inSubject: true }));
    this.phrases = [...custom, ...BUILTIN];
    for (const p of this.phrases) {
      const list = this.byFirst.get(p.parts[0]!) ?? [];
      list.push(p);
      this.byFirst.set(p.parts[0]!, list);
      const joined = p.parts.join("");
      for (const suffix of GLUE_SUFFIXES) {
        for (const plural of p.plural ? ["", "s"] : [""]) {
          const form = joined + plural + suffix;
          // A phrase that spells the form exactly ("session id" for "sessionid") wins over a word
          // plus a suffix; between exact spellings the simplest wins ("email" over "e mail").
          const exact = suffix === "" && plural === "";
          const prior = this.glued.get(form);
          const priorExact = prior !== undefined && prior.parts.join("") === form;
          if (!prior || (exact && !priorExact) || (exact === priorExact && p.parts.length < prior.parts.length))
            this.glued.set(form, p);
        }
      }
    }
  }

  /**
   * Build from detector options; `sensitiveWords` must be an array of strings (others are ignored).
   * Memoised by the word list: building the glued forms costs more than most files' analysis.
   */
  static fromOptions(options: Readonly<Record<string, unknown>>): Vocabulary {
    const raw = options.sensitiveWords;
    const words = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === "string") : [];
    const key = JSON.stringify(words);
    let vocab = vocabularies.get(key);
    if (!vocab) vocabularies.set(key, (vocab = new Vocabulary(words)));
    return vocab;
  }

  /** Whether a key names a long-lived record of people (user, profile, subscribers…). */
  isEntity(parts: readonly string[]): boolean {
    return parts.some((p) => ENTITY.has(p));
  }

  /** Whether a name is about counters, limits, analytics, flags or config. */
  isNeutral(parts: readonly string[]): boolean {
    return parts.some((p) => NEUTRAL.has(p)) || (parts.includes("rate") && parts.includes("limit"));
  }

  /**
   * The most specific phrase in `parts`, or undefined. A neutral name matches nothing: "tokenCount"
   * counts tokens, it does not hold one.
   */
  match(parts: readonly string[], options: { subject?: boolean; noPii?: boolean } = {}): Phrase | undefined {
    if (this.isNeutral(parts)) return undefined;
    let best: Phrase | undefined;
    const consider = (p: Phrase) => {
      if (options.subject && !p.inSubject) return;
      if (options.noPii && p.category === "pii") return;
      if (!best || p.parts.length > best.parts.length || (best.category === "pii" && p.category !== "pii")) best = p;
    };
    // A phrase ending at `end` (exclusive) names the thing itself, not a modifier of the next word.
    const head = (end: number) => {
      const next = parts[end];
      return (
        next === undefined ||
        next === SEGMENT ||
        /^[0-9]/.test(next) ||
        FOLLOWERS.has(next) ||
        this.byFirst.has(next) ||
        this.glued.has(next)
      );
    };
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part === SEGMENT) continue;
      const qualified = (p: Phrase) =>
        i > 0 && p.parts.length === 1 && NOT_SENSITIVE_AFTER[p.parts[0]!]?.has(parts[i - 1]!) === true;
      const glued = this.glued.get(part);
      if (glued && !qualified(glued) && head(i + 1)) consider(glued);
      for (const p of this.byFirst.get(part) ?? []) {
        if (i + p.parts.length > parts.length) continue;
        let ok = true;
        for (let j = 1; j < p.parts.length; j++) {
          const want = p.parts[j]!;
          const got = parts[i + j]!;
          const last = j === p.parts.length - 1;
          if (got !== want && !(last && p.plural && got === `${want}s`)) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        if (qualified(p) || !head(i + p.parts.length)) continue;
        consider(p);
      }
    }
    return best;
  }
}
