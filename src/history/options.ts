/** What a history scan may spend, and what it reports back while it runs. */

export interface HistoryOptions {
  /** Wall-clock budget for the whole history scan, in milliseconds (default 60 000). */
  budgetMs?: number;
  /** File versions larger than this are not scanned (default 2 MiB). */
  maxBlobBytes?: number;
  /** Seconds between progress lines (default 2). */
  progressEverySeconds?: number;
}

export const DEFAULT_HISTORY_BUDGET_MS = 60_000;
export const DEFAULT_MAX_BLOB_BYTES = 2 * 1024 * 1024;
