/**
 * Uploading the SARIF file to code scanning: encode it (gzip + base64) within GitHub's size limit,
 * POST it with retries, then wait for GitHub to process it. `uploadStep` applies the `upload` mode:
 * `auto` turns refusals (see refusal.ts) into warnings, `true` makes any failed upload fail the step.
 */
import { pathToFileURL } from "node:url";
import * as zlib from "node:zlib";
import { ApiError, isRetryable, octokitApi, type CodeScanningApi, type UploadBody } from "./api";
import type { RunContext, UploadTarget } from "./context";
import type { UploadMode } from "./inputs";
import { explainRefusal, type Refusal } from "./refusal";
import { sleep as realSleep, withRetry } from "./retry";
import { GITHUB_LIMITS } from "../sarif/limits";
import { TOOL_NAME } from "../version";

export interface UploadTiming {
  /** Attempts per request, the first included. */
  attempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Time limit of one upload request, and of the upload with all its retries. */
  uploadTimeoutMs: number;
  uploadDeadlineMs: number;
  /** Time limit of one status check, and of waiting for processing altogether. */
  statusTimeoutMs: number;
  processingDeadlineMs: number;
  /** Waits before each status check; the upload is reported as still processing after the last. */
  pollDelaysMs: number[];
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** codeql-action checks after about 5, 15, 35, 75 and 155 s; so do we. */
export const DEFAULT_TIMING: UploadTiming = {
  attempts: 4,
  retryBaseMs: 2_000,
  retryMaxMs: 30_000,
  uploadTimeoutMs: 60_000,
  uploadDeadlineMs: 150_000,
  statusTimeoutMs: 30_000,
  processingDeadlineMs: 240_000,
  pollDelaysMs: [5_000, 10_000, 20_000, 40_000, 80_000],
};

/**
 * Test-only overrides, so end-to-end tests of the bundle do not wait minutes: UPSTASH_SCAN_POLL_DELAYS_MS
 * (comma-separated waits), UPSTASH_SCAN_RETRY_BASE_MS, UPSTASH_SCAN_HTTP_TIMEOUT_MS (each request) and
 * UPSTASH_SCAN_HTTP_DEADLINE_MS (the upload, and the wait for processing). Not documented for users on purpose.
 */
export function timingFromEnv(env: NodeJS.ProcessEnv): UploadTiming {
  const timing = { ...DEFAULT_TIMING };
  const delays = env.UPSTASH_SCAN_POLL_DELAYS_MS?.split(",").map((s) => Number(s.trim()));
  if (delays?.length && delays.every((d) => Number.isFinite(d) && d >= 0)) timing.pollDelaysMs = delays;
  const number = (name: string): number | undefined => {
    const n = Number(env[name]);
    return env[name] && Number.isFinite(n) && n >= 0 ? n : undefined;
  };
  timing.retryBaseMs = number("UPSTASH_SCAN_RETRY_BASE_MS") ?? timing.retryBaseMs;
  const timeout = number("UPSTASH_SCAN_HTTP_TIMEOUT_MS");
  if (timeout !== undefined) timing.uploadTimeoutMs = timing.statusTimeoutMs = timeout;
  const deadline = number("UPSTASH_SCAN_HTTP_DEADLINE_MS");
  if (deadline !== undefined) timing.uploadDeadlineMs = timing.processingDeadlineMs = deadline;
  return timing;
}

/** The SARIF text as the API wants it, and its gzipped size. */
export function encodeSarif(text: string): { sarif: string; gzippedBytes: number } {
  const gz = zlib.gzipSync(Buffer.from(text, "utf8"));
  return { sarif: gz.toString("base64"), gzippedBytes: gz.length };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function tooLargeMessage(gzippedBytes: number, results: number): string {
  return (
    `The SARIF file is ${mb(gzippedBytes)} gzipped, over GitHub's limit of ${mb(GITHUB_LIMITS.gzippedBytes)}, so it was not uploaded (${results} results). ` +
    "Scan a narrower `path`, exclude generated or vendored code with `exclude` globs in the configuration file, or disable the checks that produce most results; " +
    "the file itself is complete and can be kept with actions/upload-artifact."
  );
}

export type Processing =
  | { status: "complete"; analysesUrl?: string }
  | { status: "failed"; errors: string[] }
  | { status: "timeout"; waitedMs: number }
  | { status: "unknown"; error: string };

export type UploadReport =
  | { state: "disabled" }
  | { state: "skipped"; reason: string }
  | { state: "uploaded"; id: string; target: UploadTarget; gzippedBytes: number; processing?: Processing }
  | { state: "refused"; refusal: Refusal }
  | { state: "failed"; message: string };

export interface Log {
  info(message: string): void;
  warning(message: string): void;
}

function retryOptions(timing: UploadTiming, log: Log, what: string, deadlineMs: number) {
  return {
    attempts: timing.attempts,
    baseDelayMs: timing.retryBaseMs,
    maxDelayMs: timing.retryMaxMs,
    retryable: isRetryable,
    // A rate limit that says when it ends is waited out, if that fits in the deadline.
    delayFor: (err: unknown) => (err instanceof ApiError ? err.retryAfterMs : undefined),
    deadlineMs,
    sleep: timing.sleep,
    random: timing.random,
    onRetry: (err: unknown, attempt: number, delayMs: number) =>
      log.info(
        `${what} failed (attempt ${attempt} of ${timing.attempts}: ${describeApiError(err)}); retrying in ${(delayMs / 1000).toFixed(1)} s`,
      ),
  };
}

export function describeApiError(err: unknown): string {
  if (err instanceof ApiError)
    return err.status === undefined ? `network error: ${err.message}` : `HTTP ${err.status}: ${err.message}`;
  return (err as Error)?.message ?? String(err);
}

/** POST the SARIF; retries 5xx and network errors, never 4xx. */
export async function postSarif(
  api: CodeScanningApi,
  body: UploadBody,
  timing: UploadTiming,
  log: Log,
): Promise<{ id: string; url?: string }> {
  return withRetry(
    (_, remaining) => api.uploadSarif(body, Math.max(1, Math.min(timing.uploadTimeoutMs, remaining))),
    retryOptions(timing, log, "Upload", timing.uploadDeadlineMs),
  );
}

/** GitHub's processing errors as shown: at most 10, each one line of at most 300 characters. */
function processingErrors(errors: unknown): string[] {
  const list = Array.isArray(errors) ? errors.filter((e): e is string => typeof e === "string") : [];
  if (!list.length) return ["(GitHub gave no reason)"];
  const shown = list.slice(0, 10).map((e) => {
    const line = e.replace(/\s+/g, " ").trim();
    return line.length > 300 ? line.slice(0, 300) + "…" : line;
  });
  return list.length > 10 ? [...shown, `and ${list.length - 10} more`] : shown;
}

/** Poll the analysis until GitHub has processed it, it failed, or the waits run out. */
export async function waitForProcessing(
  api: CodeScanningApi,
  id: string,
  timing: UploadTiming,
  log: Log,
): Promise<Processing> {
  const wait = timing.sleep ?? realSleep;
  const end = Date.now() + timing.processingDeadlineMs;
  let waited = 0;
  for (const delay of timing.pollDelaysMs) {
    if (Date.now() + delay >= end) break;
    await wait(delay);
    waited += delay;
    let status;
    try {
      status = await withRetry(
        (_, remaining) => api.sarifStatus(id, Math.max(1, Math.min(timing.statusTimeoutMs, remaining))),
        retryOptions(timing, log, "Status check", end - Date.now()),
      );
    } catch (err) {
      // Right after the upload the analysis may not be visible yet.
      if (err instanceof ApiError && err.status === 404) continue;
      return { status: "unknown", error: describeApiError(err) };
    }
    if (status.processing_status === "complete")
      return { status: "complete", analysesUrl: status.analyses_url ?? undefined };
    if (status.processing_status === "failed") return { status: "failed", errors: processingErrors(status.errors) };
    log.info(
      `GitHub is still processing the upload (${status.processing_status ?? "no status"} after ${(waited / 1000).toFixed(0)} s)`,
    );
  }
  return { status: "timeout", waitedMs: waited };
}

export interface UploadStepInput {
  mode: UploadMode;
  token: string;
  ctx: RunContext;
  /** Where to upload, or why that is unknown. */
  target: UploadTarget | string;
  sarifText: string;
  results: number;
  startedAt: Date;
  /** The checkout the SARIF's URIs are relative to. */
  checkoutDir: string;
  waitForProcessing: boolean;
  timing: UploadTiming;
  log: Log;
  /** The API to use; default: Octokit with the token (loaded lazily). */
  api?: CodeScanningApi;
}

/** The whole upload as the `upload` mode wants it. Never throws for API failures: it reports them. */
export async function uploadStep(input: UploadStepInput): Promise<UploadReport> {
  const { mode, ctx, log } = input;
  if (mode === "false") return { state: "disabled" };
  // Without a repository, token or ref there is nothing to upload to: `auto` skips, `true` fails.
  const cannot = (reason: string): UploadReport =>
    mode === "true"
      ? { state: "failed", message: `Cannot upload to code scanning: ${reason}.` }
      : { state: "skipped", reason };
  if (!ctx.repository) return cannot("GITHUB_REPOSITORY is not set (not running in GitHub Actions?)");
  if (!input.token) return cannot("the `token` input is empty");
  if (typeof input.target === "string") return cannot(input.target);
  const target = input.target;

  const encoded = encodeSarif(input.sarifText);
  if (encoded.gzippedBytes > GITHUB_LIMITS.gzippedBytes)
    return { state: "failed", message: tooLargeMessage(encoded.gzippedBytes, input.results) };

  const body: UploadBody = {
    commit_sha: target.sha,
    ref: target.ref,
    sarif: encoded.sarif,
    checkout_uri: pathToFileURL(input.checkoutDir).href,
    started_at: input.startedAt.toISOString(),
    tool_name: TOOL_NAME,
  };
  log.info(
    `Uploading the SARIF file (${(encoded.gzippedBytes / 1024).toFixed(1)} KB gzipped) to code scanning for ${target.ref} at ${target.sha} (${target.reason})`,
  );
  const api = input.api ?? (await octokitApi(input.token, ctx.repository, ctx.apiUrl));
  let id: string;
  let attempts = 0;
  try {
    const counted: CodeScanningApi = { ...api, uploadSarif: (b, t) => (attempts++, api.uploadSarif(b, t)) };
    id = (await postSarif(counted, body, input.timing, log)).id;
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError((err as Error)?.message ?? String(err), undefined);
    const refusal = explainRefusal(e, ctx);
    if (refusal) return mode === "auto" ? { state: "refused", refusal } : { state: "failed", message: refusal.message };
    const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
    return { state: "failed", message: `The upload to code scanning failed${tries} (${describeApiError(e)}).` };
  }
  log.info(`Uploaded: analysis ${id}`);
  const report: UploadReport = { state: "uploaded", id, target, gzippedBytes: encoded.gzippedBytes };
  if (input.waitForProcessing) report.processing = await waitForProcessing(api, id, input.timing, log);
  return report;
}
