/**
 * Plausibility of limiter arguments. Windows follow @upstash/ratelimit's own parser
 * (`/^(\d+)\s?(ms|s|m|h|d)$/`, src/duration.ts), which throws on anything else when the limiter
 * is built, so a window it cannot parse takes the whole module down.
 */

export const WINDOW = /^(\d+)\s?(ms|s|m|h|d)$/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function windowMs(window: string): number | undefined {
  const m = WINDOW.exec(window);
  if (!m) return undefined;
  return Number.parseInt(m[1]!, 10) * UNIT_MS[m[2]!]!;
}

export interface Bounds {
  maxRequestsPerSecond: number;
  minWindowMs: number;
}

export const DEFAULT_BOUNDS: Bounds = { maxRequestsPerSecond: 1000, minWindowMs: 1000 };

/** The thresholds from the detector's options, falling back to the defaults for anything not a positive number. */
export function boundsFrom(options: Readonly<Record<string, unknown>>): Bounds {
  const num = (v: unknown, d: number) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : d);
  return {
    maxRequestsPerSecond: num(options.maxRequestsPerSecond, DEFAULT_BOUNDS.maxRequestsPerSecond),
    minWindowMs: num(options.minWindowMs, DEFAULT_BOUNDS.minWindowMs),
  };
}

export type Algorithm = "fixedWindow" | "slidingWindow" | "cachedFixedWindow" | "tokenBucket";
export const ALGORITHMS = new Set<string>(["fixedWindow", "slidingWindow", "cachedFixedWindow", "tokenBucket"]);

/** Constant arguments of a limiter algorithm; `null` where the value is not a constant. */
export interface AlgorithmArgs {
  algorithm: Algorithm;
  /** fixed/sliding: tokens; bucket: refillRate. */
  tokens: number | null;
  /** A string window, or a number when a number was passed (the SDK expects a duration string). */
  window: string | number | null;
  /** Token bucket only. */
  maxTokens?: number | null;
}

export interface Problem {
  /** Which argument is wrong: 0 tokens/refill, 1 window, 2 maxTokens. */
  arg: 0 | 1 | 2;
  message: string;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(1);
}

export function problems(a: AlgorithmArgs, bounds: Bounds): Problem[] {
  const out: Problem[] = [];
  const bucket = a.algorithm === "tokenBucket";
  const tokensName = bucket ? "refillRate" : "tokens";
  if (a.tokens !== null && a.tokens <= 0) {
    out.push({
      arg: 0,
      message: `${a.algorithm}(${fmt(a.tokens)}, …) allows no request at all: ${tokensName} must be at least 1, or every request is refused.`,
    });
  }
  if (bucket && a.maxTokens !== undefined && a.maxTokens !== null && a.maxTokens <= 0) {
    out.push({ arg: 2, message: `tokenBucket(…, ${fmt(a.maxTokens)}) holds no token: every request is refused.` });
  }
  let ms: number | undefined;
  if (typeof a.window === "number") {
    out.push({
      arg: 1,
      message: `The window ${a.window} is a number; @upstash/ratelimit expects a duration string such as "10 s" and throws when the limiter is created.`,
    });
  } else if (typeof a.window === "string") {
    ms = windowMs(a.window);
    if (ms === undefined) {
      out.push({
        arg: 1,
        message: `The window "${a.window}" does not parse (expected <integer><ms|s|m|h|d>, e.g. "10 s"): @upstash/ratelimit throws when the limiter is created.`,
      });
    } else if (ms === 0) {
      out.push({ arg: 1, message: `The window "${a.window}" is zero long.` });
    } else if (ms < bounds.minWindowMs) {
      out.push({
        arg: 1,
        message: `The window "${a.window}" is shorter than ${fmt(bounds.minWindowMs)} ms: a limit this short barely slows a burst and costs a Redis call per request.`,
      });
    }
  }
  if (ms && a.tokens !== null && a.tokens > 0) {
    const rps = a.tokens / (ms / 1000);
    if (rps > bounds.maxRequestsPerSecond) {
      out.push({
        arg: 0,
        message: `${a.algorithm}(${fmt(a.tokens)}, "${a.window}") lets each identifier make about ${fmt(rps)} requests per second, above the ${fmt(bounds.maxRequestsPerSecond)}/s this project treats as plausible: it stops no abuse.`,
      });
    }
  }
  if (
    bucket &&
    a.tokens !== null &&
    a.maxTokens !== undefined &&
    a.maxTokens !== null &&
    a.maxTokens > 0 &&
    a.tokens > a.maxTokens
  ) {
    out.push({
      arg: 0,
      message: `tokenBucket refills ${fmt(a.tokens)} tokens per interval but holds at most ${fmt(a.maxTokens)}: the refill above the maximum is lost, so the effective rate is lower than written.`,
    });
  }
  return out;
}
