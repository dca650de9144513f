import * as crypto from "node:crypto";
import * as zlib from "node:zlib";
import { describe, expect, it } from "vitest";
import { RequestError } from "@octokit/request-error";
import { ApiError, toApiError, type CodeScanningApi, type SarifStatus, type UploadBody } from "../src/github/api";
import { backoffDelay, withRetry } from "../src/github/retry";
import {
  DEFAULT_TIMING,
  encodeSarif,
  postSarif,
  timingFromEnv,
  uploadStep,
  waitForProcessing,
  type UploadTiming,
} from "../src/github/upload";
import { explainRefusal } from "../src/github/refusal";
import type { RunContext } from "../src/github/context";

/** Timing whose sleeps are recorded, not waited. */
function fastTiming(overrides: Partial<UploadTiming> = {}): UploadTiming & { slept: number[] } {
  const slept: number[] = [];
  return { ...DEFAULT_TIMING, sleep: async (ms) => void slept.push(ms), random: () => 1, slept, ...overrides };
}

const quiet = { info: () => {}, warning: () => {} };

/** A scripted API: each call takes the next answer (an error is thrown, anything else returned). */
function fakeApi(uploads: Array<ApiError | { id: string }>, statuses: Array<ApiError | SarifStatus> = []) {
  const calls = { uploads: [] as UploadBody[], statuses: [] as string[], timeouts: [] as number[] };
  const next = <T>(list: Array<ApiError | T>): T => {
    const x = list.length > 1 ? list.shift()! : list[0]!;
    if (x instanceof ApiError) throw x;
    return x;
  };
  const api: CodeScanningApi = {
    async uploadSarif(body, timeoutMs) {
      calls.uploads.push(body);
      calls.timeouts.push(timeoutMs);
      return next(uploads);
    },
    async sarifStatus(id, timeoutMs) {
      calls.statuses.push(id);
      calls.timeouts.push(timeoutMs);
      return next(statuses);
    },
    async pullRequestFiles() {
      return [];
    },
  };
  return { api, calls };
}

const body: UploadBody = {
  commit_sha: "a".repeat(40),
  ref: "refs/heads/main",
  sarif: "",
  checkout_uri: "file:///w",
  started_at: new Date(0).toISOString(),
  tool_name: "upstash-scan",
};

describe("retry with jittered backoff", () => {
  it("doubles the delay, caps it, and jitters within [50 %, 100 %]", () => {
    expect([0, 1, 2, 3].map((i) => backoffDelay(i, 1000, 5000, () => 1))).toEqual([1000, 2000, 4000, 5000]);
    expect([0, 1, 2].map((i) => backoffDelay(i, 1000, 5000, () => 0))).toEqual([500, 1000, 2000]);
    for (let i = 0; i < 200; i++) {
      const d = backoffDelay(2, 1000, 60_000);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });

  it("stops at the first success, and gives up after the attempts with the last error", async () => {
    const slept: number[] = [];
    let n = 0;
    const ok = await withRetry(async () => (++n < 3 ? Promise.reject(new ApiError("bad gateway", 502)) : "done"), {
      attempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      retryable: (e) => (e as ApiError).retryable,
      sleep: async (ms) => void slept.push(ms),
      random: () => 1,
    });
    expect(ok).toBe("done");
    expect(slept).toEqual([100, 200]);
    n = 0;
    await expect(
      withRetry(async () => Promise.reject(new ApiError(`down ${++n}`, 503)), {
        attempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 1,
        retryable: () => true,
        sleep: async () => {},
      }),
    ).rejects.toThrow("down 3");
  });
});

describe("postSarif", () => {
  it("retries 5xx and network errors", async () => {
    const { api, calls } = fakeApi([
      new ApiError("Bad Gateway", 502),
      new ApiError("socket hang up", undefined),
      { id: "x1" },
    ]);
    const timing = fastTiming({ retryBaseMs: 1000 });
    const infos: string[] = [];
    expect(await postSarif(api, body, timing, { info: (m) => infos.push(m), warning: () => {} })).toEqual({ id: "x1" });
    expect(calls.uploads).toHaveLength(3);
    expect(timing.slept).toEqual([1000, 2000]);
    expect(infos[0]).toMatch(/attempt 1 of 4: HTTP 502: Bad Gateway\); retrying in 1\.0 s/);
    expect(infos[1]).toMatch(/network error: socket hang up/);
    // Every request carries a timeout.
    expect(calls.timeouts.every((t) => t === DEFAULT_TIMING.uploadTimeoutMs)).toBe(true);
  });

  it("does not retry a 4xx", async () => {
    for (const status of [400, 401, 403, 404, 413, 422]) {
      const { api, calls } = fakeApi([new ApiError("no", status), { id: "never" }]);
      await expect(postSarif(api, body, fastTiming(), quiet)).rejects.toMatchObject({ status });
      expect(calls.uploads).toHaveLength(1);
    }
  });

  it("gives up after the configured attempts", async () => {
    const { api, calls } = fakeApi([new ApiError("Service Unavailable", 503)]);
    await expect(postSarif(api, body, fastTiming({ attempts: 3 }), quiet)).rejects.toMatchObject({ status: 503 });
    expect(calls.uploads).toHaveLength(3);
  });
});

describe("toApiError (Octokit's errors)", () => {
  it("keeps GitHub's status and message", () => {
    const err = new RequestError("Advanced Security must be enabled - https://docs", 403, {
      request: { method: "POST", url: "https://api/x", headers: {} },
      response: {
        status: 403,
        url: "https://api/x",
        headers: {},
        data: { message: "Advanced Security must be enabled", documentation_url: "https://docs" },
      },
    });
    const e = toApiError(err);
    expect(e).toMatchObject({
      status: 403,
      message: "Advanced Security must be enabled",
      documentationUrl: "https://docs",
    });
    expect(e.retryable).toBe(false);
  });

  it("treats Octokit's status-500-without-response (network failure, timeout) as a retryable network error", () => {
    const network = toApiError(
      new RequestError("connect ECONNREFUSED 127.0.0.1:1", 500, { request: { method: "POST", url: "u", headers: {} } }),
    );
    expect(network.status).toBeUndefined();
    expect(network.retryable).toBe(true);
    const timeout = toApiError(
      new RequestError("The operation was aborted due to timeout", 500, {
        request: { method: "POST", url: "u", headers: {} },
      }),
    );
    expect(timeout.message).toMatch(/^request timed out/);
    const html = toApiError(
      new RequestError("<html>", 502, {
        request: { method: "POST", url: "u", headers: {} },
        response: { status: 502, url: "u", headers: {}, data: "<html>Bad gateway</html>" },
      }),
    );
    expect(html).toMatchObject({ status: 502, retryable: true });
  });
});

describe("waitForProcessing", () => {
  it("polls with the configured delays until complete", async () => {
    const { api, calls } = fakeApi(
      [],
      [
        { processing_status: "pending" },
        { processing_status: "pending" },
        { processing_status: "complete", analyses_url: "https://api/analyses" },
      ],
    );
    const timing = fastTiming();
    expect(await waitForProcessing(api, "s1", timing, quiet)).toEqual({
      status: "complete",
      analysesUrl: "https://api/analyses",
    });
    expect(timing.slept).toEqual([5000, 10000, 20000]);
    expect(calls.statuses).toEqual(["s1", "s1", "s1"]);
  });

  it("returns GitHub's errors when processing failed", async () => {
    const { api } = fakeApi([], [{ processing_status: "failed", errors: ["bad location", "bad rule"] }]);
    expect(await waitForProcessing(api, "s1", fastTiming(), quiet)).toEqual({
      status: "failed",
      errors: ["bad location", "bad rule"],
    });
  });

  it("times out after the last delay (codeql-action-like: about 155 s by default)", async () => {
    const { api, calls } = fakeApi([], [{ processing_status: "pending" }]);
    const timing = fastTiming();
    expect(await waitForProcessing(api, "s1", timing, quiet)).toEqual({ status: "timeout", waitedMs: 155_000 });
    expect(calls.statuses).toHaveLength(5);
  });

  it("treats a 404 as not visible yet, and other errors as unknown", async () => {
    const a = fakeApi([], [new ApiError("Not Found", 404), { processing_status: "complete" }]);
    expect((await waitForProcessing(a.api, "s1", fastTiming(), quiet)).status).toBe("complete");
    const b = fakeApi([], [new ApiError("Forbidden", 403)]);
    expect(await waitForProcessing(b.api, "s1", fastTiming(), quiet)).toEqual({
      status: "unknown",
      error: "HTTP 403: Forbidden",
    });
  });

  it("reads test-only delays from the environment", () => {
    expect(timingFromEnv({ UPSTASH_SCAN_POLL_DELAYS_MS: "10, 20,30", UPSTASH_SCAN_RETRY_BASE_MS: "5" })).toMatchObject({
      pollDelaysMs: [10, 20, 30],
      retryBaseMs: 5,
    });
    expect(timingFromEnv({ UPSTASH_SCAN_POLL_DELAYS_MS: "soon" }).pollDelaysMs).toEqual(DEFAULT_TIMING.pollDelaysMs);
    expect(timingFromEnv({}).retryBaseMs).toBe(DEFAULT_TIMING.retryBaseMs);
  });
});

const ctx = (over: Partial<RunContext> = {}): RunContext => ({
  workspace: "/w",
  repository: { owner: "octo", repo: "demo" },
  serverUrl: "https://github.com",
  apiUrl: "https://api.github.com",
  eventName: "push",
  event: {},
  ref: "refs/heads/main",
  sha: "a".repeat(40),
  actor: "octocat",
  ...over,
});

describe("explainRefusal", () => {
  const explain = (status: number, message: string, c: Partial<RunContext> = {}) =>
    explainRefusal(new ApiError(message, status), ctx(c));
  const forkPr = {
    eventName: "pull_request",
    event: {
      pull_request: { head: { repo: { full_name: "someone/demo" } }, base: { repo: { full_name: "octo/demo" } } },
    },
  };

  it("names the cause and the fix, in one paragraph", () => {
    const cases = [
      [
        explain(403, "Advanced Security must be enabled for this repository to use code scanning."),
        "code-security-disabled",
        /Enable it under Settings/,
      ],
      [
        explain(403, "Code Security must be enabled for this repository to use code scanning."),
        "code-security-disabled",
        /GitHub Code Security/,
      ],
      [
        explain(403, "Resource not accessible by integration", forkPr),
        "fork",
        /pull request from a fork.*read-only GITHUB_TOKEN/,
      ],
      [
        explain(403, "Resource not accessible by integration", { actor: "dependabot[bot]", eventName: "pull_request" }),
        "dependabot",
        /Dependabot.*permissions: \{ security-events: write/,
      ],
      [
        explain(403, "Resource not accessible by integration"),
        "missing-permission",
        /lacks the `security-events: write` permission/,
      ],
      [explain(403, "Repository is archived"), "archived", /archived/],
      [explain(403, "API rate limit exceeded for installation"), "rate-limited", /1,000 uploads per hour/],
      [explain(429, "Too Many Requests"), "rate-limited", /rate limit/],
      [explain(401, "Bad credentials"), "bad-credentials", /invalid or expired.*security_events/],
      [explain(404, "Not Found"), "not-found", /cannot see octo\/demo.*GitHub Enterprise Server/],
      [explain(403, "Something new"), "forbidden", /security-events: write/],
    ] as const;
    for (const [refusal, cause, pattern] of cases) {
      expect(refusal, cause).toBeDefined();
      expect(refusal!.cause).toBe(cause);
      expect(refusal!.message).toMatch(pattern);
      expect(refusal!.message).toMatch(/^GitHub refused the code-scanning upload for octo\/demo \(HTTP \d{3}: "/);
      expect(refusal!.message).not.toContain("\n");
      expect(refusal!.message).toContain("annotations, its job summary and the SARIF file");
    }
  });

  it("does not call a broken request or an outage a refusal", () => {
    for (const status of [400, 413, 422, 500, 502]) expect(explain(status, "x")).toBeUndefined();
    expect(explainRefusal(new ApiError("socket hang up", undefined), ctx())).toBeUndefined();
  });
});

describe("uploadStep and the upload modes", () => {
  const base = (over: Partial<Parameters<typeof uploadStep>[0]> = {}) => ({
    mode: "auto" as const,
    token: "t",
    ctx: ctx(),
    target: { ref: "refs/heads/main", sha: "a".repeat(40), reason: "push" },
    sarifText: '{"version":"2.1.0","runs":[]}\n',
    results: 0,
    startedAt: new Date("2026-01-02T03:04:05.000Z"),
    checkoutDir: "/home/runner/work/demo/demo",
    waitForProcessing: false,
    timing: fastTiming(),
    log: quiet,
    ...over,
  });

  it("sends commit, ref, gzipped+base64 SARIF, checkout URI, start time and tool name", async () => {
    const { api, calls } = fakeApi([{ id: "u1" }]);
    const report = await uploadStep(base({ api }));
    expect(report).toMatchObject({ state: "uploaded", id: "u1" });
    const sent = calls.uploads[0]!;
    expect(sent).toMatchObject({
      commit_sha: "a".repeat(40),
      ref: "refs/heads/main",
      checkout_uri: "file:///home/runner/work/demo/demo",
      started_at: "2026-01-02T03:04:05.000Z",
      tool_name: "upstash-scan",
    });
    expect(zlib.gunzipSync(Buffer.from(sent.sarif, "base64")).toString()).toBe('{"version":"2.1.0","runs":[]}\n');
  });

  it("upload: false never calls the API", async () => {
    const { api, calls } = fakeApi([{ id: "u1" }]);
    expect(await uploadStep(base({ api, mode: "false" }))).toEqual({ state: "disabled" });
    expect(calls.uploads).toEqual([]);
  });

  it("skips in auto mode and fails in true mode when there is no token, repository or ref", async () => {
    const { api } = fakeApi([{ id: "u1" }]);
    expect(await uploadStep(base({ api, token: "" }))).toMatchObject({ state: "skipped" });
    expect(await uploadStep(base({ api, token: "", mode: "true" }))).toMatchObject({
      state: "failed",
      message: /token/,
    });
    expect(await uploadStep(base({ api, ctx: ctx({ repository: undefined }), mode: "true" }))).toMatchObject({
      state: "failed",
      message: /GITHUB_REPOSITORY/,
    });
    expect(await uploadStep(base({ api, target: "GITHUB_REF is not set" }))).toMatchObject({
      state: "skipped",
      reason: "GITHUB_REF is not set",
    });
  });

  it("turns a refusal into a warning in auto mode and a failure in true mode", async () => {
    const refused = () =>
      fakeApi([new ApiError("Advanced Security must be enabled for this repository to use code scanning.", 403)]).api;
    expect(await uploadStep(base({ api: refused() }))).toMatchObject({
      state: "refused",
      refusal: { cause: "code-security-disabled" },
    });
    expect(await uploadStep(base({ api: refused(), mode: "true" }))).toMatchObject({
      state: "failed",
      message: /Advanced Security/,
    });
  });

  it("fails on errors that are not refusals, in either mode, saying it retried", async () => {
    const { api } = fakeApi([new ApiError("Service Unavailable", 503)]);
    expect(await uploadStep(base({ api }))).toMatchObject({
      state: "failed",
      message: /failed after 4 attempts \(HTTP 503: Service Unavailable\)/,
    });
    const bad = fakeApi([new ApiError("Invalid SARIF", 400)]);
    expect(await uploadStep(base({ api: bad.api }))).toMatchObject({
      state: "failed",
      message: /HTTP 400: Invalid SARIF/,
    });
  });

  it("checks the gzipped size against 10 MB before sending", async () => {
    // Random bytes in base64 gzip back to about the bytes' size: 11 MB of them stay over 10 MB.
    const big = crypto.randomBytes(11 * 1024 * 1024).toString("base64");
    expect(encodeSarif(big).gzippedBytes).toBeGreaterThan(10 * 1024 * 1024);
    const { api, calls } = fakeApi([{ id: "u1" }]);
    const report = await uploadStep(base({ api, sarifText: big, results: 25_000 }));
    expect(report).toMatchObject({
      state: "failed",
      message: /gzipped, over GitHub's limit of 10\.0 MB.*narrower `path`/,
    });
    expect(calls.uploads).toEqual([]);
  });

  it("waits for processing when asked", async () => {
    const { api } = fakeApi(
      [{ id: "u1" }],
      [{ processing_status: "pending" }, { processing_status: "failed", errors: ["boom"] }],
    );
    expect(await uploadStep(base({ api, waitForProcessing: true }))).toMatchObject({
      state: "uploaded",
      processing: { status: "failed", errors: ["boom"] },
    });
  });
});
