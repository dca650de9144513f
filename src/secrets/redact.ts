/**
 * The one redaction path every output channel goes through: SARIF, text, JSON, job summary,
 * annotations, logs and error messages. A secret is shown as its first 4 characters, "…" and its
 * length, enough to recognise it in a vault without making it usable.
 */
import { CREDENTIAL_SHAPES, REDIS_URL_SHAPE, entropy } from "./credentials";

/** The redacted form of one secret, e.g. `AX5z…(62 chars)`. */
export function redact(secret: string): string {
  return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}

// Values assigned to names that hold credentials, e.g. `QSTASH_TOKEN=...` or `token: "..."`.
const NAMED_SECRET =
  /((?:token|secret|password|passwd|signing_?key|api_?key)[A-Za-z0-9_]*["']?\s*[:=]\s*["'`]?)([^\s"'`,;)}\]]{12,})/gi;

/** Secrets the scan met (registered by detectors), hidden wherever they appear in output. */
export class SecretRegistry {
  private readonly secrets = new Set<string>();

  add(secret: string): void {
    if (secret.length >= 8) this.secrets.add(secret);
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
    let out = text;
    for (const secret of this.secrets) {
      if (out.includes(secret)) out = out.split(secret).join(redact(secret));
    }
    return scrubShapes(out);
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
  for (const shape of CREDENTIAL_SHAPES) out = out.replace(new RegExp(shape.source, "g"), (m) => redact(m));
  out = out.replace(new RegExp(REDIS_URL_SHAPE.source, "g"), (m, user: string, password: string) =>
    m.replace(`${user}:${password}@`, `${user}:${redact(password)}@`),
  );
  out = out.replace(NAMED_SECRET, (m, head: string, value: string) => (looksSecret(value) ? head + redact(value) : m));
  return out;
}
