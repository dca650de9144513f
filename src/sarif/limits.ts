/** GitHub code scanning's upload limits, and keeping a log within them. */
export const GITHUB_LIMITS = {
  /** Gzipped upload size. */
  gzippedBytes: 10 * 1024 * 1024,
  resultsPerRun: 25_000,
  /** GitHub keeps only 100 related locations of a result (and rejects over 1,000). */
  locationsPerResult: 100,
} as const;

/** Keep the most severe results within the per-run limit; `findings` must already be sorted. */
export function capResults<T>(
  findings: readonly T[],
  limit: number = GITHUB_LIMITS.resultsPerRun,
): { kept: T[]; dropped: number } {
  if (findings.length <= limit) return { kept: [...findings], dropped: 0 };
  return { kept: findings.slice(0, limit), dropped: findings.length - limit };
}
