/** Retrying a request with jittered exponential backoff. */

export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before the first retry, before jitter; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  retryable(err: unknown): boolean;
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait before retry number `retry` (0-based): base·2^retry capped at max, then scaled into
 * [50 %, 100 %] so that many jobs hit by one outage do not come back in lockstep.
 */
export function backoffDelay(
  retry: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/** `fn` until it succeeds, fails with a non-retryable error, or runs out of attempts (then its last error). */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const wait = options.sleep ?? sleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= options.attempts || !options.retryable(err)) throw err;
      const delay = backoffDelay(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random);
      options.onRetry?.(err, attempt, delay);
      await wait(delay);
    }
  }
}
