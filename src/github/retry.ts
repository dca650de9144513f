/** Retrying a request with jittered exponential backoff. */

export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  /** Delay before the first retry, before jitter; doubles each time. */
  baseDelayMs: number;
  maxDelayMs: number;
  retryable(err: unknown): boolean;
  onRetry?(err: unknown, attempt: number, delayMs: number): void;
  /** The wait the failure itself asks for (a rate limit's Retry-After); used instead of the backoff. */
  delayFor?(err: unknown): number | undefined;
  /**
   * Total time for every attempt and wait together: no retry starts that could not finish within it
   * (a server that never answers must not hold the step for attempts × timeout).
   */
  deadlineMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
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

/**
 * `fn` until it succeeds, fails with a non-retryable error, runs out of attempts or of the deadline
 * (then its last error). `fn` is told the time left, to bound its own request by it.
 */
export async function withRetry<T>(
  fn: (attempt: number, remainingMs: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const end = now() + (options.deadlineMs ?? Infinity);
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt, end - now());
    } catch (err) {
      if (attempt >= options.attempts || !options.retryable(err)) throw err;
      const asked = options.delayFor?.(err);
      const delay = asked ?? backoffDelay(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random);
      // A wait that uses up the deadline leaves no time for the attempt after it.
      if (now() + delay >= end) throw err;
      options.onRetry?.(err, attempt, delay);
      await wait(delay);
    }
  }
}
