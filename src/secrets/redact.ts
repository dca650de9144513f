/**
 * The one redaction path every output channel goes through: SARIF, text, JSON, baseline, job
 * summary, annotations, logs and error messages, and every kind of string in them — messages,
 * excerpts, file paths, suppression reasons, notifications. A secret is shown as its first 4
 * characters, "…" and its length, enough to recognise it in a vault without making it usable.
 *
 * Two nets: the secrets the scan met (registered by detectors, found anywhere in the text), and every
 * credential-shaped substring, known or not. The shapes here are looser than the detection shapes in
 * credentials.ts: detection must not call half a base64 blob a token, but hiding too much is harmless
 * and hiding too little is a leak. In particular a token is hidden next to `/`, `+`, `=` and `_`, so
 * that a file or directory named after a token (`src/<token>.ts`, `sig_<key>_old.ts`) is hidden too.
 *
 * Every pattern is linear in the text: a repeated name (`tokentoken…`, 400 KB of it) must not make
 * redaction quadratic.
 */
import { REDIS_URL_SHAPE, entropy, vectorTokenAccess } from "./credentials";

/** The redacted form of one secret, e.g. `AX5z…(62 chars)`. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

/** Shapes hidden wherever they appear; `keep` spares a match that is provably no credential. */
interface ScrubShape {
  regex: RegExp;
  keep?: (match: string) => boolean;
}

const SCRUB_SHAPES: readonly ScrubShape[] = [
  // Redis REST tokens (base64url; first decoded byte 0x01/0x02, see credentials.ts).
  { regex: /(?<![A-Za-z0-9_-])A[Q-Za-v][A-Za-z0-9_-]{2}(?:AAI|ASQ|ACQ)[A-Za-z0-9_-]{36,120}={0,2}/g },
  // QStash tokens: base64 of {"UserID": …}.
  { regex: /(?<![A-Za-z0-9])eyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,1000}={0,2}/g },
  // QStash signing keys, wherever they start and however they end.
  { regex: /sig_[1-9A-HJ-NP-Za-km-z]{26,56}/g },
  // Vector/Search tokens. The shape ("AB" and 40 base64 characters) also fits a long path that
  // happens to start with "AB" (`ABTests/components/…`): a match with a "/" in it is kept unless it
  // decodes as a token.
  {
    regex: /(?<![A-Za-z0-9])AB[A-Za-z0-9+/_-]{40,300}={0,2}/g,
    keep: (m) => m.includes("/") && vectorTokenAccess(m) === undefined,
  },
  // GitHub tokens (the Action's own, or one echoed back in an API error).
  { regex: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255})/g },
];

// Values assigned to names that hold credentials, e.g. `QSTASH_TOKEN=...` or `token: "..."`. The
// name's tail is bounded: `[A-Za-z0-9_]*` backtracked over a long word at every "token" in it. The
// value is on the name's line: whole reports are scrubbed, and `TOKEN=` ending one line must not hide
// the path that starts the next.
const NAMED_SECRET =
  /((?:token|secret|password|passwd|signing_?key|api_?key)[A-Za-z0-9_]{0,64}["']?[ \t]{0,16}[:=][ \t]{0,16}["'`]?)([^\s"'`,;)}\]]{12,})/gi;

/** Registered secrets are indexed by their first characters once there are many of them. */
const PREFIX = 8;
const FEW = 16;

/** Secrets the scan met (registered by detectors), hidden wherever they appear in output. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();
  private byPrefix: Map<string, string[]> | undefined;

  add(secret: string): void {
    if (secret.length >= PREFIX && !this.secrets.has(secret)) {
      this.secrets.add(secret);
      this.byPrefix = undefined;
    }
  }

  addAll(secrets: Iterable<string>): void {
    for (const s of secrets) this.add(s);
  }

  get size(): number {
    return this.secrets.size;
  }

  /** The secrets themselves, for --verify alone (it sends each only to Upstash's own hosts): never print them. */
  values(): IterableIterator<string> {
    return this.secrets.values();
  }

  /** `text` with every registered secret and every credential-shaped substring redacted. */
  scrub(text: string): string {
    return scrubShapes(this.secrets.size <= FEW ? this.scrubFew(text) : this.scrubMany(text));
  }

  private scrubFew(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(redact(secret));
    return out;
  }

  /** One pass over the text whatever the number of secrets (thousands, in a repository of tokens). */
  private scrubMany(text: string): string {
    if (!this.byPrefix) {
      this.byPrefix = new Map();
      // Longest first, so a secret that extends another is hidden whole.
      for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
        const key = s.slice(0, PREFIX);
        const list = this.byPrefix.get(key);
        if (list) list.push(s);
        else this.byPrefix.set(key, [s]);
      }
    }
    let out = "";
    let last = 0;
    for (let i = 0; i + PREFIX <= text.length;) {
      const candidates = this.byPrefix.get(text.slice(i, i + PREFIX));
      const hit = candidates?.find((s) => text.startsWith(s, i));
      if (hit) {
        out += text.slice(last, i) + redact(hit);
        i += hit.length;
        last = i;
      } else i++;
    }
    return last === 0 ? text : out + text.slice(last);
  }
}

// A value next to a credential-ish name is hidden only when it looks random, so excerpts such as
// `token: process.env.QSTASH_TOKEN` stay readable.
function looksSecret(value: string): boolean {
  if (value.includes("…(")) return false;
  // Code: `process.env.X`, `config.token`, a call, or a short identifier.
  if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+\(?$/.test(value) || /\($/.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*$/.test(value) && value.length < 24) return false;
  return /\d/.test(value) && /[A-Za-z]/.test(value) && entropy(value) >= 3.5;
}

/** Redact everything credential-shaped in `text`, known or not. Idempotent. */
export function scrubShapes(text: string): string {
  let out = text;
  for (const { regex, keep } of SCRUB_SHAPES) out = out.replace(regex, (m) => (keep?.(m) ? m : redact(m)));
  out = out.replace(new RegExp(REDIS_URL_SHAPE.source, "g"), (m, user: string, password: string) =>
    m.replace(`${user}:${password}@`, `${user}:${redact(password)}@`),
  );
  out = out.replace(NAMED_SECRET, (m, head: string, value: string) => (looksSecret(value) ? head + redact(value) : m));
  return out;
}
