/**
 * The two code-scanning endpoints this Action calls, behind a small interface so that the upload
 * logic is tested without a network and the Octokit client is loaded only when an upload happens.
 */
import type { Repo } from "./context";
import { guardedFetch } from "./http";
import { TOOL_NAME, VERSION } from "../version";

/** Body of POST /repos/{owner}/{repo}/code-scanning/sarifs. */
export interface UploadBody {
  commit_sha: string;
  ref: string;
  /** gzip, then base64. */
  sarif: string;
  checkout_uri: string;
  started_at: string;
  tool_name: string;
}

export interface SarifStatus {
  processing_status?: "pending" | "complete" | "failed" | string;
  errors?: string[] | null;
  analyses_url?: string | null;
}

export interface PullRequestFile {
  filename: string;
  status?: string;
  patch?: string;
}

export interface CodeScanningApi {
  uploadSarif(body: UploadBody, timeoutMs: number): Promise<{ id: string; url?: string }>;
  sarifStatus(id: string, timeoutMs: number): Promise<SarifStatus>;
  /** The files a pull request changes, with their patches (for gate-on: new in shallow clones). */
  pullRequestFiles(pull: number, timeoutMs: number): Promise<PullRequestFile[]>;
}

/** A failed API call: an HTTP status with GitHub's message, or a network failure/timeout (no status). */
export class ApiError extends Error {
  /** Set when the answer said how long to wait (Retry-After, or the rate limit's reset time). */
  retryAfterMs?: number;
  /** Set for answers that are refused outright (a redirect, an oversized body): never retried. */
  refused = false;

  constructor(
    message: string,
    readonly status: number | undefined,
    readonly documentationUrl?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /**
   * 5xx and network errors are worth retrying, and so is a rate limit that says when it ends; other
   * 4xx answers will not change.
   */
  get retryable(): boolean {
    if (this.refused) return false;
    if (this.retryAfterMs !== undefined && (this.status === 429 || this.status === 403)) return true;
    return this.status === undefined || this.status >= 500;
  }
}

/** GitHub's error messages as shown to users: one line, at most this long. */
const MAX_MESSAGE_CHARS = 300;

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, " ").trim();
  return line.length > MAX_MESSAGE_CHARS ? line.slice(0, MAX_MESSAGE_CHARS) + "…" : line;
}

/** How long a 429 or 403 answer asks to wait: Retry-After seconds, or x-ratelimit-reset when none remain. */
export function retryAfterMs(headers: Record<string, unknown> | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const after = headers["retry-after"];
  if (typeof after === "string" && /^\d+$/.test(after.trim())) return Number(after.trim()) * 1000;
  if (typeof after === "string") {
    const at = Date.parse(after);
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = headers["x-ratelimit-reset"];
  if (headers["x-ratelimit-remaining"] === "0" && typeof reset === "string" && /^\d+$/.test(reset))
    return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && err.retryable;
}

/**
 * Octokit's RequestError into an ApiError. Octokit reports network failures and aborted requests as
 * status 500 without a response; those become status-less, so messages do not claim a server error.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as {
    status?: number;
    message?: string;
    name?: string;
    cause?: unknown;
    response?: { data?: unknown; headers?: Record<string, unknown> };
  };
  const status = typeof e.status === "number" && e.response ? e.status : undefined;
  const data = (e.response?.data ?? undefined) as { message?: unknown; documentation_url?: unknown } | undefined;
  // GitHub's own JSON message, shortened; never a raw body (an HTML page, or text that echoes the
  // request's headers back).
  const said = data && typeof data === "object" && typeof data.message === "string" ? oneLine(data.message) : undefined;
  const refused = (e.cause as Error | undefined)?.name === "ResponseRefused";
  let message: string;
  if (said) message = said;
  else if (refused) message = oneLine((e.cause as Error).message);
  else if (status !== undefined) message = `no error message (the answer was not GitHub's JSON)`;
  else if (/abort|timeout/i.test(`${e.name} ${e.message}`)) message = "request timed out or was aborted";
  else message = oneLine(e.message ?? String(err));
  const docs = typeof data?.documentation_url === "string" ? data.documentation_url : undefined;
  const out = new ApiError(message, status, docs);
  out.refused = refused;
  if (status === 429 || status === 403) out.retryAfterMs = retryAfterMs(e.response?.headers);
  out.cause = err;
  return out;
}

/** The real API through @actions/github, imported here and only here, on first use. */
export async function octokitApi(token: string, repo: Repo, baseUrl: string): Promise<CodeScanningApi> {
  const { getOctokit } = await import("@actions/github");
  // Octokit's own retry and throttling plugins are not loaded: retries are ours (see retry.ts).
  const octokit = getOctokit(token, {
    baseUrl,
    userAgent: `${TOOL_NAME}/${VERSION}`,
    request: { fetch: guardedFetch() },
  });
  return {
    async uploadSarif(body, timeoutMs) {
      try {
        const res = await octokit.rest.codeScanning.uploadSarif({
          ...repo,
          ...body,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        if (!res.data.id)
          throw new ApiError(
            `the upload was accepted (HTTP ${res.status}) but GitHub returned no analysis id`,
            res.status,
          );
        return { id: res.data.id, url: res.data.url };
      } catch (err) {
        throw toApiError(err);
      }
    },
    async pullRequestFiles(pull, timeoutMs) {
      try {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
          ...repo,
          pull_number: pull,
          per_page: 100,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        return files.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch ? { patch: f.patch } : {}) }));
      } catch (err) {
        throw toApiError(err);
      }
    },
    async sarifStatus(id, timeoutMs) {
      try {
        const res = await octokit.rest.codeScanning.getSarif({
          ...repo,
          sarif_id: id,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        return res.data as SarifStatus;
      } catch (err) {
        throw toApiError(err);
      }
    },
  };
}
