/**
 * The Action bundle end to end for the inputs that wire it into workflows: `ref`/`sha`,
 * `checkout-path`, the derived default category (matrix legs, steps per app, a duplicate in one job)
 * and the sticky pull-request comment, against the loopback FakeGitHub.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "./support/fake-github";
import { BUNDLE, failureLines, runStep, uploadedSarif, type StepOptions } from "./support/action-step";
import { DEMO, tempDir, writeTree } from "./support/run";

const hasBundle = fs.existsSync(BUNDLE);
if (!hasBundle) console.warn(`action-wiring.e2e: SKIPPED — ${BUNDLE} is missing; run \`npm run bundle\` first.`);

const MERGE_SHA = "0123456789abcdef0123456789abcdef01234567";
const WORKFLOW_REF = "octo/demo/.github/workflows/scan.yml@refs/heads/main";

function gitIn(dir: string) {
  return (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args],
      { cwd: dir, encoding: "utf8" },
    ).trim();
}

describe.skipIf(!hasBundle)("Action wiring (node dist/index.js) against a fake GitHub", () => {
  const api = new FakeGitHub();
  let tmp: { dir: string; cleanup: () => void };
  let ws: string;
  let head: string;
  let runs = 0;

  beforeAll(async () => {
    await api.start();
    tmp = tempDir("upstash-scan-wiring-");
    ws = path.join(tmp.dir, "workspace");
    fs.cpSync(DEMO, ws, { recursive: true });
    const git = gitIn(ws);
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

  const step = (o: Partial<StepOptions> & Pick<StepOptions, "event" | "payload" | "ref" | "sha">) =>
    runStep({
      dir: path.join(tmp.dir, `run-${++runs}`),
      workspace: ws,
      apiUrl: api.url,
      ...o,
      inputs: { "sarif-file": `results/run-${runs}.sarif`, ...o.inputs },
      env: { GITHUB_WORKFLOW_REF: WORKFLOW_REF, GITHUB_JOB: "scan", GITHUB_RUN_ID: "4242", ...o.env },
    });
  const push = () => ({
    event: "push",
    ref: "refs/heads/main",
    sha: head,
    payload: { ref: "refs/heads/main", repository: { full_name: "octo/demo", default_branch: "main" } },
  });
  /** A pull request whose merge commit is not in the checkout: its changed lines come from the API. */
  const pullRequest = (headRepo = "octo/demo") => ({
    event: "pull_request",
    ref: "refs/pull/7/merge",
    sha: MERGE_SHA,
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
  const uploadBodies = () => api.uploadRequests().map((r) => JSON.parse(r.body) as Record<string, string>);
  const categoryOf = (sarif: string) =>
    (JSON.parse(sarif) as { runs: Array<{ automationDetails: { id: string } }> }).runs[0]!.automationDetails.id;

  describe("ref and sha", () => {
    it("upload the results for the given ref and commit (a workflow_run job scanning a pull request's head)", async () => {
      const r = await step({
        event: "workflow_run",
        ref: "refs/heads/main",
        sha: MERGE_SHA,
        payload: { workflow_run: { head_sha: head }, repository: { full_name: "octo/demo" } },
        inputs: { ref: "refs/pull/9/head", sha: head.toUpperCase(), "fail-on": "none" },
      });
      expect(r.code).toBe(0);
      const [body] = uploadBodies();
      expect(body).toMatchObject({ ref: "refs/pull/9/head", commit_sha: head });
      expect(r.stdout).toContain(`for refs/pull/9/head at ${head} (the ref and sha inputs)`);
      expect(r.summary).toContain("for `refs/pull/9/head`");
    });

    it("are rejected before scanning when only one is given or either is malformed", async () => {
      for (const [inputs, message] of [
        [
          { ref: "refs/heads/release" },
          'inputs "ref" and "sha" go together: "ref" is refs/heads/release but "sha" is empty',
        ],
        [{ ref: "release", sha: head }, 'input "ref" must be a full ref: refs/heads/<branch>'],
        [{ ref: "refs/heads/release", sha: head.slice(0, 12) }, 'input "sha" must be a full commit SHA'],
      ] as const) {
        const r = await step({ ...push(), inputs });
        expect(r.code).toBe(1);
        expect(failureLines(r)).toHaveLength(1);
        expect(failureLines(r)[0]).toContain(message);
        expect(r.sarif).toBeUndefined();
      }
      expect(api.requests).toEqual([]);
    });
  });

  describe("checkout-path", () => {
    let outer: string;
    let innerHead: string;
    beforeAll(() => {
      // The workspace is a checkout of one repository (the workflow's), and the scanned repository
      // is a second checkout below it: actions/checkout with `repository:` and `path: scanned`.
      outer = path.join(tmp.dir, "outer");
      writeTree(outer, { "README.md": "# the workflow repository\n", ".gitignore": "scanned/\n" });
      const git = gitIn(outer);
      git("init", "-q");
      git("add", "-A");
      git("commit", "-qm", "outer");
      fs.cpSync(DEMO, path.join(outer, "scanned"), { recursive: true });
      const inner = gitIn(path.join(outer, "scanned"));
      inner("init", "-q");
      inner("add", "-A");
      inner("commit", "-qm", "app");
      innerHead = inner("rev-parse", "HEAD");
    });

    it("makes that checkout the root of paths, the commit and the checkout URI", async () => {
      const r = await step({ ...push(), workspace: outer, inputs: { "checkout-path": "scanned", "fail-on": "none" } });
      expect(r.code).toBe(0);
      const [body] = uploadBodies();
      expect(body!.commit_sha).toBe(innerHead);
      expect(body!.checkout_uri).toBe(`file://${path.join(outer, "scanned")}`);
      const uris = [...uploadedSarif(api.uploadRequests()[0]!.body).matchAll(/"uri": "([^"]+)"/g)].map((m) => m[1]);
      expect(uris).toContain("lib/browser-redis.ts");
      expect(uris.filter((u) => u!.startsWith("scanned/"))).toEqual([]);
      expect(r.stdout).toMatch(/^::error title=Write Token in Frontend.*file=lib\/browser-redis\.ts,/m);
      // Without it, the workspace's own checkout is the root: other paths and commit.
      api.reset();
      await step({ ...push(), workspace: outer, inputs: { path: "scanned", "fail-on": "none" } });
      expect(uploadBodies()[0]!.commit_sha).not.toBe(innerHead);
      expect(uploadedSarif(api.uploadRequests()[0]!.body)).toContain('"uri": "scanned/lib/browser-redis.ts"');
    });

    it("must be a directory inside the workspace, and contain the scanned path", async () => {
      for (const [inputs, message] of [
        [{ "checkout-path": ".." }, 'input "checkout-path": .. lies outside the workspace'],
        [{ "checkout-path": "missing" }, 'input "checkout-path": missing does not exist'],
        [{ "checkout-path": "README.md" }, 'input "checkout-path": README.md is not a directory'],
        [
          { "checkout-path": "scanned", path: "README.md" },
          'input "path": README.md lies outside checkout-path scanned',
        ],
      ] as const) {
        const r = await step({ ...push(), workspace: outer, inputs });
        expect(failureLines(r)[0]).toContain(message);
        expect(r.sarif).toBeUndefined();
      }
      // A symbolic link that leads out of the workspace is outside too.
      fs.symlinkSync(tmp.dir, path.join(outer, "escape"));
      const r = await step({ ...push(), workspace: outer, inputs: { "checkout-path": "escape" } });
      expect(failureLines(r)[0]).toContain('input "checkout-path": escape lies outside the workspace');
      expect(api.requests).toEqual([]);
    });
  });

  describe("the default category", () => {
    // A small repository: these runs are about where results go, not what is found.
    let small: string;
    let smallHead: string;
    beforeAll(() => {
      small = path.join(tmp.dir, "small");
      writeTree(small, { "app/page.ts": "export const page = 1;\n", "lib/cache.ts": "export const cache = 2;\n" });
      const git = gitIn(small);
      git("init", "-q");
      git("add", "-A");
      git("commit", "-qm", "small");
      smallHead = git("rev-parse", "HEAD");
    });
    const push = () => ({
      event: "push",
      ref: "refs/heads/main",
      sha: smallHead,
      workspace: small,
      payload: { ref: "refs/heads/main", repository: { full_name: "octo/demo", default_branch: "main" } },
    });

    it("differs between matrix legs and between scanned paths, and follows the category input when given", async () => {
      const leg = async (matrix: object, extra: Record<string, string> = {}) => {
        api.reset();
        const r = await step({
          ...push(),
          inputs: { matrix: JSON.stringify(matrix, null, 2), "fail-on": "none", ...extra },
        });
        expect(r.code).toBe(0);
        return categoryOf(uploadedSarif(api.uploadRequests()[0]!.body));
      };
      const node20 = await leg({ node: "20", os: "ubuntu-latest" });
      const node22 = await leg({ os: "ubuntu-latest", node: "22" });
      expect(node20).toBe(".github/workflows/scan.yml:scan/node:20/os:ubuntu-latest/");
      expect(node22).toBe(".github/workflows/scan.yml:scan/node:22/os:ubuntu-latest/");
      expect(await leg({}, { path: "app" })).toBe(".github/workflows/scan.yml:scan/path:app/");
      expect(await leg({ node: "20" }, { category: "security/upstash" })).toBe("security/upstash/");
    });

    it("a second upload of one category in a job fails before scanning; another path is another category", async () => {
      const job = path.join(tmp.dir, "job-runner-temp");
      fs.mkdirSync(job);
      const first = await step({ ...push(), runnerTemp: job, inputs: { "fail-on": "none" } });
      expect(first.code).toBe(0);
      expect(api.uploadRequests()).toHaveLength(1);

      const second = await step({
        ...push(),
        runnerTemp: job,
        inputs: { "fail-on": "none" },
        env: { GITHUB_ACTION: "scan-again" },
      });
      expect(second.code).toBe(1);
      expect(failureLines(second)).toHaveLength(1);
      expect(failureLines(second)[0]).toMatch(
        /already uploaded results with category "\.github\/workflows\/scan\.yml:scan" \(scanning \., analysis sarif-1\)\. A second upload with the same category would replace that analysis/,
      );
      expect(second.sarif).toBeUndefined();
      expect(api.uploadRequests()).toHaveLength(1);

      // Not uploading cannot replace anything; a step for another app has its own category.
      expect((await step({ ...push(), runnerTemp: job, inputs: { upload: "false", "fail-on": "none" } })).code).toBe(0);
      const other = await step({ ...push(), runnerTemp: job, inputs: { path: "app", "fail-on": "none" } });
      expect(other.code).toBe(0);
      expect(api.uploadRequests()).toHaveLength(2);
      // Another job (its own RUNNER_TEMP) uploads again freely.
      expect((await step({ ...push(), inputs: { "fail-on": "none" } })).code).toBe(0);
      expect(api.uploadRequests()).toHaveLength(3);
    });
  });

  describe("comment: true", () => {
    const browserRedisLine = () =>
      fs
        .readFileSync(path.join(ws, "lib/browser-redis.ts"), "utf8")
        .split("\n")
        .findIndex((l) => l.includes("NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN")) + 1;
    const touching = () => {
      const line = browserRedisLine();
      return {
        filename: "lib/browser-redis.ts",
        status: "modified",
        patch: `@@ -${line},1 +${line},1 @@\n-old\n+new\n`,
      };
    };
    const elsewhere = { filename: "README.md", status: "modified", patch: "@@ -1,1 +1,1 @@\n-a\n+b\n" };
    const run = (inputs: Record<string, string> = {}) =>
      step({ ...pullRequest(), inputs: { comment: "true", "fail-on": "critical", "gate-on": "new", ...inputs } });

    it("creates one sticky comment, leaves it on a re-run, and resolves and collapses it once nothing new is left", async () => {
      api.reset({
        pullFiles: { status: 200, body: [touching()] },
        // Where code scanning is not available, the comment is the pull request's feedback.
        uploads: [
          {
            status: 403,
            body: { message: "Advanced Security must be enabled for this repository to use code scanning." },
          },
        ],
      });
      const first = await run();
      expect(first.code).toBe(1); // the critical finding is on a changed line; fail-on still decides
      expect(first.stdout).toMatch(/Pull-request comment #7: created/);
      const [comment] = [...api.comments.values()];
      expect(comment!.issue).toBe(7);
      expect(comment!.body).toMatch(
        /^<!-- upstash-scan:pull-request-comment [0-9a-f]{16} -->\n### 🟣 upstash-scan: 1 new finding in this pull request/,
      );
      expect(comment!.body).toContain(
        `[lib/browser-redis.ts:${browserRedisLine()}](https://github.example/octo/demo/blob/${head}/lib/browser-redis.ts#L`,
      );
      expect(comment!.body).toMatch(/\| 🟣 #1 Write Token in Frontend \| critical \| 1 \| \d+ \|/);
      expect(comment!.body).toContain("[Job summary](https://github.example/octo/demo/actions/runs/4242)");
      expect(comment!.body).not.toContain("Code scanning alerts"); // the upload was refused

      const again = await run();
      expect(again.stdout).toMatch(/Pull-request comment #7: unchanged/);
      expect(api.comments.size).toBe(1);
      expect(api.commentRequests().filter((q) => q.method !== "GET")).toHaveLength(1); // the one POST

      api.pullFiles = { status: 200, body: [elsewhere] }; // a later push fixed it
      const fixed = await run();
      expect(fixed.code).toBe(0);
      expect(fixed.stdout).toMatch(/Pull-request comment #7: resolved/);
      expect(comment!.body).toContain("### ✅ upstash-scan: no new findings");
      expect(comment!.minimized).toBe(true);
      expect(api.comments.size).toBe(1);
    });

    it("a pull request from a fork with a read-only token: a warning, and the step goes on", async () => {
      api.reset({
        pullFiles: { status: 200, body: [touching()] },
        uploads: [{ status: 403, body: { message: "Resource not accessible by integration" } }],
        commentRefusal: { status: 403, body: { message: "Resource not accessible by integration" } },
      });
      const r = await step({ ...pullRequest("someone/fork"), inputs: { comment: "true", "fail-on": "none" } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /^::warning title=upstash-scan comment not written::Could not write the pull-request comment \(HTTP 403: Resource not accessible by integration\)\. The token needs `pull-requests: write`/m,
      );
      expect(r.outputs.findings).toBe("6");
    });

    it("in a workflow_run job, comments on the pull request named by the ref input; nothing on a push", async () => {
      api.reset({ pullFiles: { status: 200, body: [touching()] } });
      const r = await step({
        event: "workflow_run",
        ref: "refs/heads/main",
        sha: MERGE_SHA,
        payload: { repository: { full_name: "octo/demo" } },
        inputs: { ref: "refs/pull/9/head", sha: head, comment: "true", "fail-on": "none" },
      });
      expect(r.code).toBe(0);
      expect([...api.comments.values()].map((c) => c.issue)).toEqual([9]);
      expect(api.requests.some((q) => q.url.startsWith("/repos/octo/demo/pulls/9/files"))).toBe(true);
      expect([...api.comments.values()][0]!.body).toContain("Code scanning alerts");

      api.reset();
      const onPush = await step({ ...push(), inputs: { comment: "true", "fail-on": "none" } });
      expect(onPush.stdout).toContain("comment: applies to pull requests; this push has none, so no comment.");
      expect(api.commentRequests()).toEqual([]);
    });
  });
});
