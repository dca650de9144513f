/**
 * The Action end to end, the way the runner runs it (see support/action-step.ts), against a loopback
 * server that plays GitHub's code-scanning API. Needs a current bundle (`npm run bundle`).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./support/fake-github";
import { BUNDLE, failureLines, runStep, uploadedSarif, type StepRun } from "./support/action-step";
import { DEMO, REPO, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

const hasBundle = fs.existsSync(BUNDLE);
if (!hasBundle) console.warn(`action.e2e: SKIPPED — ${BUNDLE} is missing; run \`npm run bundle\` first.`);

const TOKEN = "test-token-for-the-fake-api";
const DEMO_SECRET = /token: "([A-Za-z0-9_-]{40,})"/.exec(
  fs.readFileSync(path.join(DEMO, "scripts/seed.ts"), "utf8"),
)![1]!;

describe.skipIf(!hasBundle)("the Action bundle (node dist/index.js) against a fake GitHub", () => {
  const api = new FakeGitHub();
  let tmp: { dir: string; cleanup: () => void };
  let ws: string;
  let head: string;
  let runs = 0;

  beforeAll(async () => {
    await api.start();
    tmp = tempDir("upstash-scan-action-");
    ws = path.join(tmp.dir, "workspace");
    fs.cpSync(DEMO, ws, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync(
        "git",
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args],
        { cwd: ws, encoding: "utf8" },
      ).trim();
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "demo");
    head = git("rev-parse", "HEAD");
  });
  afterAll(async () => {
    await api.stop();
    tmp?.cleanup();
  });
  beforeEach(() => api.reset());

  /** One step run. `inputs` are the action.yml inputs by their real names. */
  async function step(opts: {
    event: string;
    payload: object;
    ref: string;
    sha: string;
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    workspace?: string;
  }): Promise<StepRun & { ms: number }> {
    const started = Date.now();
    const run = await runStep({
      ...opts,
      dir: path.join(tmp.dir, `run-${++runs}`),
      workspace: opts.workspace ?? ws,
      apiUrl: api.url,
      inputs: {
        "sarif-file": `results/run-${runs}.sarif`,
        category: "upstash-scan",
        config: "",
        token: TOKEN,
        ...opts.inputs,
      },
    });
    return { ...run, ms: Date.now() - started };
  }

  const push = () => ({
    event: "push",
    ref: "refs/heads/main",
    sha: head,
    payload: { ref: "refs/heads/main", after: head, repository: { full_name: "octo/demo", default_branch: "main" } },
  });
  const pullRequest = (sha: string, headRepo = "octo/demo") => ({
    event: "pull_request",
    ref: "refs/pull/7/merge",
    sha,
    payload: {
      number: 7,
      pull_request: {
        number: 7,
        head: { sha: head, repo: { full_name: headRepo } },
        base: { repo: { full_name: "octo/demo" } },
      },
      repository: { full_name: "octo/demo" },
    },
  });

  it("push: uploads exactly the written SARIF for the branch and commit, polls, sets outputs, writes the summary and gates", async () => {
    api.reset({
      statuses: [
        { status: 200, body: { processing_status: "pending" } },
        { status: 200, body: { processing_status: "complete", errors: null, analyses_url: `${api.url}/analyses` } },
      ],
    });
    const r = await step(push());
    expect(r.stderr).not.toMatch(/error/i);
    // The demo has critical and high findings: the default fail-on high fails the step, last.
    expect(r.code).toBe(1);
    expect(failureLines(r)).toHaveLength(1);
    expect(failureLines(r)[0]).toMatch(/3 findings at or above fail-on: high/);

    const [upload, ...more] = api.uploadRequests();
    expect(more).toEqual([]);
    expect(upload!.url).toBe("/repos/octo/demo/code-scanning/sarifs");
    expect(upload!.headers.authorization).toBe(`token ${TOKEN}`);
    const body = JSON.parse(upload!.body) as Record<string, string>;
    expect(body.commit_sha).toBe(head);
    expect(body.ref).toBe("refs/heads/main");
    expect(body.tool_name).toBe("upstash-scan");
    expect(body.checkout_uri).toBe(`file://${ws}`);
    expect(new Date(body.started_at!).toISOString()).toBe(body.started_at);
    expect(uploadedSarif(upload!.body)).toBe(r.sarif);
    expect(api.statusRequests().map((q) => q.url)).toEqual([
      "/repos/octo/demo/code-scanning/sarifs/sarif-1",
      "/repos/octo/demo/code-scanning/sarifs/sarif-1",
    ]);

    const sarif = JSON.parse(r.sarif!) as {
      runs: Array<{
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
        automationDetails: { id: string };
      }>;
    };
    expect(sarif.runs[0]!.automationDetails.id).toBe("upstash-scan/");
    // URIs are relative to the repository root (the workspace).
    expect(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri)).toContain(
      "lib/browser-redis.ts",
    );

    expect(r.outputs).toEqual({
      "sarif-file": path.join(ws, "results/run-1.sarif"),
      findings: "6",
      critical: "2",
      high: "1",
      medium: "3",
      low: "0",
      "sarif-id": "sarif-1",
    });

    for (const title of [
      "#1 Write Token in Frontend",
      "#2 Sensitive Data Without TTL",
      "#3 QStash Webhook Spoofing",
      "#4 Rate Limit Misconfiguration",
      "#5 Token Rotation Neglect",
    ]) {
      expect(r.summary).toContain(title);
    }
    expect(r.summary).toContain("likelihood high · impact critical");
    expect(r.summary).toContain("Use read-only tokens client-side; keep write tokens server-side.");
    expect(r.summary).toContain(`(https://github.example/octo/demo/blob/${head}/lib/browser-redis.ts#L7)`);
    expect(r.summary).toMatch(/17 files discovered: 17 read, \d+ prefiltered out .*, \d+ parsed/);
    expect(r.summary).toContain("Uploaded as analysis `sarif-1` for `refs/heads/main`");
    expect(r.summary).toContain("GitHub has processed it.");

    // Annotations on the finding lines, most severe first.
    const annotations = r.stdout.split("\n").filter((l) => /^::(error|warning|notice) .*file=/.test(l));
    expect(annotations[0]).toMatch(
      /^::error title=Write Token in Frontend \(critical\).*file=(\.env\.example|lib\/browser-redis\.ts),line=\d+/,
    );
    expect(annotations.map((l) => l.slice(2, l.indexOf(" ")))).toEqual([
      "error",
      "error",
      "error",
      "warning",
      "warning",
      "warning",
    ]);

    const everything =
      r.stdout + r.stderr + r.summary + JSON.stringify(r.outputs) + r.sarif + uploadedSarif(upload!.body);
    expect(everything).toContain(DEMO_SECRET.slice(0, 4) + "…");
    expect(everything).not.toContain(DEMO_SECRET);
    expect(everything).not.toContain(TOKEN);
    console.info(`action.e2e: one push run took ${r.ms} ms`);
  });

  it("pull_request with the merge commit checked out: refs/pull/N/merge and GITHUB_SHA", async () => {
    const r = await step({ ...pullRequest(head), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(0);
    const body = JSON.parse(api.uploadRequests()[0]!.body) as Record<string, string>;
    expect(body.ref).toBe("refs/pull/7/merge");
    expect(body.commit_sha).toBe(head);
  });

  it("pull_request with the head checked out (HEAD differs from GITHUB_SHA): refs/pull/N/head and the head commit", async () => {
    const mergeSha = "0123456789abcdef0123456789abcdef01234567";
    const r = await step({ ...pullRequest(mergeSha), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(0);
    const body = JSON.parse(api.uploadRequests()[0]!.body) as Record<string, string>;
    expect(body.ref).toBe("refs/pull/7/head");
    expect(body.commit_sha).toBe(head);
    expect(r.summary).toContain("for `refs/pull/7/head`");
  });

  it("upload: auto and a 403 (Advanced Security off): a warning that names cause and fix, and the gate still decides", async () => {
    api.reset({
      uploads: [
        {
          status: 403,
          body: {
            message: "Advanced Security must be enabled for this repository to use code scanning.",
            documentation_url: "https://docs.github.com/rest",
          },
        },
      ],
    });
    const r = await step(push());
    expect(api.uploadRequests()).toHaveLength(1); // a 4xx is not retried
    expect(r.code).toBe(1);
    const warning = r.stdout
      .split("\n")
      .find((l) => l.startsWith("::warning title=upstash-scan results not uploaded::"));
    expect(warning).toMatch(/HTTP 403.*Advanced Security must be enabled.*Enable it under Settings/);
    expect(failureLines(r)).toHaveLength(1);
    expect(failureLines(r)[0]).toMatch(/at or above fail-on: high/);
    expect(failureLines(r)[0]).not.toMatch(/403|upload/i);
    expect(r.outputs["sarif-id"]).toBe("");
    expect(r.outputs.findings).toBe("6");
    expect(r.sarif).toBeDefined();
    expect(r.summary).toContain("⚠️ GitHub refused the code-scanning upload for octo/demo (HTTP 403");
  });

  it("upload: auto on a forked pull request's read-only token: explained as expected, and fail-on none passes", async () => {
    api.reset({ uploads: [{ status: 403, body: { message: "Resource not accessible by integration" } }] });
    const r = await step({ ...pullRequest(head, "someone/demo-fork"), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /::warning title=upstash-scan results not uploaded::.*pull request from a fork.*read-only GITHUB_TOKEN/,
    );
  });

  it("upload: true makes a refusal fail the step with the explanation", async () => {
    api.reset({ uploads: [{ status: 403, body: { message: "Resource not accessible by integration" } }] });
    const r = await step({ ...push(), inputs: { upload: "true", "fail-on": "none" } });
    expect(r.code).toBe(1);
    expect(failureLines(r)[0]).toMatch(/Resource not accessible by integration.*security-events: write/);
    expect(r.sarif).toBeDefined();
  });

  it("retries a 502 and then succeeds", async () => {
    api.reset({
      uploads: [
        { status: 502, body: "<html>Bad gateway</html>" },
        { status: 202, body: { id: "sarif-2", url: "" } },
      ],
    });
    const r = await step({ ...push(), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(0);
    const uploads = api.uploadRequests();
    expect(uploads).toHaveLength(2);
    expect(uploads[1]!.body).toBe(uploads[0]!.body);
    expect(r.stdout).toMatch(/Upload failed \(attempt 1 of 4: HTTP 502.*retrying in/);
    expect(r.outputs["sarif-id"]).toBe("sarif-2");
    expect(failureLines(r)).toEqual([]);
  });

  it("fails the step with GitHub's errors when processing fails", async () => {
    const errors = ["locationFromSarifResult: expected artifact location", "run 0: tool name missing"];
    api.reset({ statuses: [{ status: 200, body: { processing_status: "failed", errors } }] });
    const r = await step({ ...push(), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(1);
    expect(failureLines(r)).toHaveLength(1);
    expect(failureLines(r)[0]).toContain(
      `GitHub could not process the uploaded SARIF (analysis sarif-1): ${errors.join("; ")}`,
    );
    expect(r.summary).toContain("GitHub could not process it");
  });

  it("fail-on: none exits 0 with findings, and still reports them", async () => {
    const r = await step({ ...push(), inputs: { "fail-on": "none" } });
    expect(r.code).toBe(0);
    expect(failureLines(r)).toEqual([]);
    expect(r.outputs.critical).toBe("2");
    expect(r.stdout).toMatch(/^::error title=Write Token in Frontend/m);
    expect(r.summary).toContain("The gate is off (`fail-on: none`).");
  });

  it("keeps annotations within 10 per type, most severe first, and says how many more there are", async () => {
    // 14 critical (client-exposed write token) and 13 medium (hard-coded token) findings.
    const many = path.join(tmp.dir, "many");
    const secrets = Array.from({ length: 13 }, () => fakeRedisToken());
    const files: Record<string, string> = {};
    for (let i = 0; i < 14; i++)
      files[`lib/browser-${i}.ts`] = fs.readFileSync(path.join(DEMO, "lib/browser-redis.ts"), "utf8");
    secrets.forEach(
      (t, i) =>
        (files[`scripts/seed-${i}.ts`] =
          `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${t}" });\n`),
    );
    writeTree(many, files);
    const r = await step({ ...push(), workspace: many, inputs: { upload: "false" } });
    expect(r.code).toBe(1);
    expect(r.outputs).toMatchObject({ critical: "14", medium: "13", findings: "27" });
    const lines = r.stdout.split("\n").filter((l) => /^::(error|warning|notice)/.test(l));
    const count = (re: RegExp) => lines.filter((l) => re.test(l)).length;
    expect(count(/^::error title=Write Token in Frontend \(critical\)/)).toBe(9); // the 10th error is the failure message
    expect(count(/^::error::/)).toBe(1);
    expect(count(/^::warning title=Token Rotation Neglect \(medium\)/)).toBe(10);
    expect(count(/^::notice/)).toBe(1);
    expect(lines.at(-2)).toMatch(
      /^::notice title=upstash-scan found more::8 more findings are not annotated .* All 27 are in the job summary and in results\/run-\d+\.sarif\.$/,
    );
    const all = r.stdout + r.stderr + r.summary;
    for (const t of secrets) expect(all).not.toContain(t);
  });

  it("gate-on: new in a shallow pull request asks the API for the changed lines and gates only on them", async () => {
    // The merge commit is not in the checkout, so git cannot tell; the API lists the pull request's files.
    const mergeSha = "0123456789abcdef0123456789abcdef01234567";
    const untouched = {
      filename: "lib/email.ts",
      status: "modified",
      patch: "@@ -1,3 +1,4 @@\n export async function sendEmail() {}\n+// a comment\n",
    };
    api.reset({ pullFiles: { status: 200, body: [untouched] } });
    const quiet = await step({ ...pullRequest(mergeSha), inputs: { "gate-on": "new", upload: "false" } });
    expect(quiet.code).toBe(0);
    expect(api.requests.filter((q) => q.url.startsWith("/repos/octo/demo/pulls/7/files")).length).toBe(1);
    // Every finding is still reported.
    expect(quiet.outputs.findings).not.toBe("0");

    // A change on the line of the unverified QStash handler (high) makes it a new finding: it gates.
    const handler = fs.readFileSync(path.join(ws, "app/api/jobs/welcome/route.ts"), "utf8").split("\n");
    const line = handler.findIndex((l) => l.startsWith("export async function POST")) + 1;
    const touched = {
      filename: "app/api/jobs/welcome/route.ts",
      status: "modified",
      patch: `@@ -${line},1 +${line},1 @@\n-old\n+${handler[line - 1]}\n`,
    };
    api.reset({ pullFiles: { status: 200, body: [untouched, touched] } });
    const loud = await step({ ...pullRequest(mergeSha), inputs: { "gate-on": "new", upload: "false" } });
    expect(loud.code).toBe(1);
    expect(failureLines(loud).join("\n")).toMatch(
      /1 new finding at or above fail-on: high on lines this pull request changes: app\/api\/jobs\/welcome\/route\.ts/,
    );
  });

  it("gate-on: new on a push gates on all findings", async () => {
    const r = await step({ ...push(), inputs: { "gate-on": "new", upload: "false" } });
    expect(r.code).toBe(1);
  });

  it("baseline: findings recorded in the baseline do not gate", async () => {
    const baseline = path.join(ws, "results/baseline.json");
    fs.mkdirSync(path.dirname(baseline), { recursive: true });
    execFileSync(process.execPath, [
      path.join(REPO, "bin/upstash-scan.js"),
      ws,
      "--write-baseline",
      baseline,
      "--fail-on",
      "none",
    ]);
    const r = await step({ ...push(), inputs: { baseline: "results/baseline.json", upload: "false" } });
    expect(r.code).toBe(0);
    expect(r.sarif).toBeDefined();
  });

  it("suggest: true posts each fix on a changed line once, as a suggestion against the pull request head", async () => {
    // The pull request adds lib/session.ts and app/api/search/route.ts (every line is in the diff).
    const added = (file: string) => {
      const lines = fs.readFileSync(path.join(ws, file), "utf8").replace(/\n$/, "").split("\n");
      return {
        filename: file,
        status: "added",
        patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => "+" + l).join("\n")}`,
      };
    };
    api.reviewComments.length = 0;
    api.reset({ pullFiles: { status: 200, body: [added("lib/session.ts"), added("app/api/search/route.ts")] } });
    const first = await step({ ...pullRequest(head), inputs: { suggest: "true", upload: "false", "fail-on": "none" } });
    expect(first.code).toBe(0);
    const [review, ...more] = api.reviewRequests();
    expect(more).toEqual([]);
    expect(review!.url).toBe("/repos/octo/demo/pulls/7/reviews");
    const body = JSON.parse(review!.body) as {
      commit_id: string;
      event: string;
      comments: Array<{ path: string; line: number; side: string; body: string }>;
    };
    expect(body.commit_id).toBe(head);
    expect(body.event).toBe("COMMENT");
    expect(body.comments.map((c) => `${c.path}:${c.line}`).sort()).toEqual([
      "app/api/search/route.ts:7",
      "lib/session.ts:9",
    ]);
    const ttl = body.comments.find((c) => c.path === "lib/session.ts")!;
    expect(ttl.side).toBe("RIGHT");
    expect(ttl.body).toContain(
      "```suggestion\n  await kv.set(`session:${sessionId}`, { userId }, { ex: 86400 });\n```",
    );
    expect(ttl.body).toMatch(/<!-- upstash-scan:suggestion [0-9a-f]{16} -->/);
    const limit = body.comments.find((c) => c.path === "app/api/search/route.ts")!;
    expect(limit.body).toContain(
      '```suggestion\n  const { success } = await ratelimit.limit(`search:${ip}`);\n  if (!success) return new Response("Too many requests", { status: 429 });\n```',
    );
    expect(first.stdout).toMatch(/suggest: posted 2 suggested fix\(es\)/);

    // A re-run (another push to the pull request) finds its comments and posts nothing new.
    api.reset({ pullFiles: { status: 200, body: [added("lib/session.ts"), added("app/api/search/route.ts")] } });
    const second = await step({
      ...pullRequest(head),
      inputs: { suggest: "true", upload: "false", "fail-on": "none" },
    });
    expect(second.code).toBe(0);
    expect(api.reviewRequests()).toEqual([]);
    expect(second.stdout).toMatch(/suggest: the 2 suggested fix\(es\) are already on the pull request/);
    expect(api.reviewComments).toHaveLength(2);

    // A push gets no suggestions, and a refusal is a warning, not a failure.
    api.reset({ reviewReply: { status: 403, body: { message: "Resource not accessible by integration" } } });
    const onPush = await step({ ...push(), inputs: { suggest: "true", upload: "false", "fail-on": "none" } });
    expect(onPush.code).toBe(0);
    expect(api.reviewRequests()).toEqual([]);
    api.reviewComments.length = 0;
    api.reset({
      pullFiles: { status: 200, body: [added("lib/session.ts")] },
      reviewReply: { status: 403, body: { message: "Resource not accessible by integration" } },
    });
    const refused = await step({
      ...pullRequest(head),
      inputs: { suggest: "true", upload: "false", "fail-on": "none" },
    });
    expect(refused.code).toBe(0);
    expect(refused.stdout).toMatch(
      /::warning::suggest: could not post suggested fixes \(HTTP 403: .*pull-requests: write/,
    );
    // Four runs of the bundle: more than the default minute on a busy machine.
  }, 300_000);

  it("rejects a bad input before scanning or uploading", async () => {
    const r = await step({ ...push(), inputs: { "fail-on": "severe" } });
    expect(r.code).toBe(1);
    expect(failureLines(r)).toEqual([
      '::error::upstash-scan: input "fail-on" must be one of critical, high, medium, low, none, not "severe"',
    ]);
    expect(api.requests).toEqual([]);
    expect(r.sarif).toBeUndefined();
  });
});
