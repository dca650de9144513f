/**
 * The scanned repository and the API answers are untrusted (issue 15), the Action's side: the
 * bundle run as the runner runs it (`node dist/index.js` with INPUT_ and GITHUB_ variables) against a
 * loopback stand-in for GitHub's API, on hostile repositories built at test time. One describe per
 * defect; each test failed on the code before the fix.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeGitHub } from "./support/fake-github";
import { tempDir, writeTree } from "./support/run";
import { BUNDLE, failureLines, gitIn, hasBundle, runStep, type StepOptions, type StepRun } from "./support/action-step";
import { fakeRedisToken } from "./support/credentials";

if (!hasBundle) console.warn(`untrusted-action: SKIPPED — ${BUNDLE} is missing; run \`npm run bundle\` first.`);

/** A token in GitHub's installation-token shape. */
const TOKEN = "ghs_" + "Q7d2Xk9vLm3Rt8Yp1Wc4Zb6Hn0Fj5Gs2Ae7U";

const clientPage = (token: string) =>
  `"use client";\nconst t = "${token}";\nexport default function P() { return <p>{t.length}</p>; }\n`;

/** Lines as the runner reads them: split at CRLF, LF and a lone CR. */
const runnerLines = (out: string) => out.split(/\r\n|\r|\n/);
/** The command a line would be, if any: what is between its leading `::` and the next `::`. */
function commandOf(line: string): string | undefined {
  const t = line.replace(/^[\s\u0085]+/, "");
  if (!t.startsWith("::")) return undefined;
  const end = t.indexOf("::", 2);
  return end === -1 ? undefined : t.slice(2, end);
}

describe.skipIf(!hasBundle)("the Action against hostile repositories and API answers", () => {
  const api = new FakeGitHub();
  let tmp: { dir: string; cleanup: () => void };
  let runs = 0;
  const extra: Array<() => Promise<void> | void> = [];

  beforeAll(async () => {
    await api.start();
    tmp = tempDir("upstash-scan-untrusted-");
  });
  afterAll(async () => {
    await api.stop();
    tmp?.cleanup();
  });
  afterEach(async () => {
    api.reset();
    for (const c of extra.splice(0)) await c();
  });

  /** A committed workspace; returns its path and HEAD. */
  function workspace(files: Record<string, string | Buffer>): {
    ws: string;
    head: string;
    git: (...a: string[]) => string;
  } {
    const ws = path.join(tmp.dir, `ws-${++runs}`);
    fs.mkdirSync(ws);
    writeTree(ws, files);
    const git = gitIn(ws);
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "base");
    return { ws, head: git("rev-parse", "HEAD"), git };
  }

  function step(ws: string, head: string, opts: Partial<StepOptions> = {}): Promise<StepRun> {
    return runStep({
      workspace: ws,
      dir: path.join(tmp.dir, `run-${++runs}`),
      apiUrl: api.url,
      event: "push",
      payload: { ref: "refs/heads/main", repository: { full_name: "octo/demo", default_branch: "main" } },
      ref: "refs/heads/main",
      sha: head,
      timeoutMs: 90_000,
      ...opts,
      inputs: { token: TOKEN, category: "upstash-scan", ...opts.inputs },
    });
  }

  const failures = failureLines;

  describe("3. nothing from the tree starts a workflow command", () => {
    it("keeps newlines in identifiers, object keys and file names from forging ::error lines, and ##[ from acting", async () => {
      const injected = "\n::error title=FORGED::x\n";
      const { ws, head } = workspace({
        "package.json": '{ "dependencies": { "next": "15.0.0" } }\n',
        "app/page.tsx": `"use client";\nexport const t = process.env[${JSON.stringify(`NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN${injected}`)}];\n`,
        "lib/keys.ts": `export const cfg = { ${JSON.stringify(`UPSTASH_REDIS_REST_TOKEN\r::warning title=FORGED::y`)}: "${fakeRedisToken()}" };\n`,
        [`lib/evil\n::error title=FORGED::z.ts`]: `export const t = "${fakeRedisToken()}"; // ##[error]FORGED legacy\n`,
      });
      const r = await step(ws, head, { inputs: { upload: "false", "fail-on": "none" } });
      expect(r.code).toBe(0);
      const commands = runnerLines(r.stdout)
        .map(commandOf)
        .filter((c): c is string => c !== undefined);
      expect(commands.length).toBeGreaterThan(2);
      // Ours may quote the names, escaped inside a property or the message; none may be a command of its own.
      const forged = commands.filter((c) => {
        const [name, ...rest] = c.split(" ");
        return (
          name!.includes("FORGED") ||
          rest
            .join(" ")
            .split(",")
            .some((p) => p.startsWith("title=FORGED"))
        );
      });
      expect(forged).toEqual([]);
      expect(runnerLines(r.stdout + r.stderr).filter((l) => l.includes("##["))).toEqual([]);
      // The report is fenced: commands stop before it and resume after it with the same random token.
      const stop = commands.find((c) => c.startsWith("stop-commands"));
      expect(stop).toBeDefined();
    });
  });

  describe("4. no git setting of the checkout runs a command", () => {
    it("runs no fsmonitor hook on a push, nor on a pull request gated on new findings", async () => {
      const { ws, git } = workspace({
        ".env": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
        "a.ts": "export const a = 1;\n",
      });
      const base = git("rev-parse", "HEAD");
      git("checkout", "-q", "-b", "feature");
      writeTree(ws, { "a.ts": "export const a = 2;\n" });
      git("commit", "-qam", "change");
      git("checkout", "-q", "main");
      git("merge", "-q", "--no-ff", "-m", "merge", "feature");
      const merge = git("rev-parse", "HEAD");
      const marker = path.join(tmp.dir, `pwned-${runs}`);
      git("config", "core.fsmonitor", `touch ${marker}; false`);
      await step(ws, merge, { inputs: { upload: "false", "fail-on": "none" } });
      await step(ws, merge, {
        event: "pull_request",
        ref: "refs/pull/7/merge",
        payload: { number: 7, pull_request: { number: 7, base: { sha: base } } },
        inputs: { upload: "false", "fail-on": "none", "gate-on": "new" },
      });
      expect(fs.existsSync(marker)).toBe(false);
    });
  });

  describe("6. the Action's token never shows", () => {
    it("masks it first thing and hides it when an API error echoes the Authorization header", async () => {
      const { ws, head } = workspace({ "a.ts": `export const t = "${fakeRedisToken()}";\n` });
      api.reset({ uploads: [{ status: 400, body: { message: `Bad request. Authorization: token ${TOKEN}` } }] });
      const r = await step(ws, head, { inputs: { "fail-on": "none" } });
      expect(runnerLines(r.stdout)[0]).toBe(`::add-mask::${TOKEN}`);
      const shown = runnerLines(r.stdout).slice(1).join("\n") + r.stderr + r.summary;
      expect(shown).toMatch(/HTTP 400/);
      expect(shown).not.toContain(TOKEN);

      // A raw (non-JSON) body is never quoted at all.
      api.reset({ uploads: [{ status: 400, body: `<html>Authorization: token ${TOKEN}</html>` }] });
      const raw = await step(ws, head, { inputs: { "fail-on": "none" } });
      expect(runnerLines(raw.stdout).slice(1).join("\n") + raw.summary).not.toMatch(/<html>|ghs_/);
    });
  });

  describe("10. only findings fail the step", () => {
    it("with upload: auto, a 5xx or a reset connection is a warning, and fail-on: none passes", async () => {
      const { ws, head } = workspace({ "a.ts": `export const t = "${fakeRedisToken()}";\n` });
      api.reset({ uploads: [{ status: 503, body: { message: "Service Unavailable" } }] });
      const r = await step(ws, head, { inputs: { "fail-on": "none" } });
      expect(r.code).toBe(0);
      expect(failures(r)).toEqual([]);
      expect(r.stdout).toMatch(
        /::warning title=upstash-scan results not uploaded::The upload to code scanning failed after \d attempts \(HTTP 503/,
      );

      api.intercept = (rec, res) => (rec.method === "POST" ? (res.socket?.destroy(), true) : false);
      const reset = await step(ws, head, { inputs: { "fail-on": "none" } });
      expect(reset.code).toBe(0);
      expect(reset.stdout).toMatch(
        /::warning title=upstash-scan results not uploaded::The upload to code scanning failed/,
      );
    });

    it("a missing GITHUB_OUTPUT file does not drop the gate's verdict", async () => {
      const { ws, head } = workspace({ "app/w.tsx": clientPage(fakeRedisToken()) });
      const noOutput = await step(ws, head, {
        inputs: { upload: "false" },
        env: { GITHUB_OUTPUT: path.join(tmp.dir, "no-such-dir", "output") },
      });
      expect(noOutput.code).toBe(1);
      expect(failures(noOutput).join("\n")).toMatch(/at or above fail-on: high/);
      expect(noOutput.stdout).not.toMatch(/internal error/);
      const passes = await step(ws, head, {
        inputs: { upload: "false", "fail-on": "none" },
        env: { GITHUB_OUTPUT: path.join(tmp.dir, "no-such-dir", "output") },
      });
      expect(passes.code).toBe(0);
    });

    // One step per payload: each is a full Action run, and eight in one test outlast its time limit under load.
    it.each([
      "null",
      "[1,2]",
      '"text"',
      '{"pull_request": 5, "number": "../../x"}',
      '{"pull_request": {"number": {"a": 1}, "base": []}}',
      "{not json",
    ])("a garbage event payload (%s) does not drop the gate's verdict", async (payload) => {
      const { ws, head } = workspace({ "app/w.tsx": clientPage(fakeRedisToken()) });
      const r = await step(ws, head, {
        event: "pull_request",
        ref: "refs/pull/7/merge",
        payload,
        inputs: { upload: "false", "gate-on": "new" },
      });
      expect(r.code).toBe(1);
      expect(failures(r).join("\n")).toMatch(/at or above fail-on: high/);
      expect(r.stdout).not.toMatch(/internal error/);
    });
  });

  describe("11. API answers are bounded", () => {
    it("cuts off an endless response body instead of holding it in memory", async () => {
      const { ws, head } = workspace({ "a.ts": "export const a = 1;\n" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      api.intercept = (rec, res) => {
        if (rec.method !== "POST") return false;
        res.writeHead(202, { "content-type": "application/json" });
        let sent = 0;
        // 512 MB at most, so that a scanner without the cap cannot take the test machine down.
        const pump = () => {
          while (sent < 512 && res.write(chunk)) sent++;
          if (sent >= 512) res.end();
          else res.once("drain", pump);
        };
        res.on("error", () => undefined);
        pump();
        return true;
      };
      const usage = path.join(tmp.dir, `rusage-${runs}.json`);
      const r = await step(ws, head, { inputs: { "fail-on": "none" }, env: { UPSTASH_SCAN_RUSAGE: usage } });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/over the \d+-byte limit/);
      const maxRssKb = (JSON.parse(fs.readFileSync(usage, "utf8")) as { maxRSS: number }).maxRSS;
      expect(maxRssKb).toBeLessThan(400 * 1024);
    });

    it("waits out a 429's Retry-After and then uploads", async () => {
      const { ws, head } = workspace({ "a.ts": "export const a = 1;\n" });
      api.reset({
        uploads: [
          { status: 429, body: { message: "API rate limit exceeded" }, headers: { "retry-after": "1" } },
          { status: 202, body: { id: "after-wait" } },
        ],
      });
      const r = await step(ws, head, { inputs: { "fail-on": "none", "wait-for-processing": "false" } });
      expect(r.code).toBe(0);
      expect(r.outputs["sarif-id"]).toBe("after-wait");
      const times = api.uploadRequests().map((q) => q.at);
      expect(times).toHaveLength(2);
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(900);
    });

    it("gives up on an API that never answers within the upload's deadline", async () => {
      const { ws, head } = workspace({ "a.ts": "export const a = 1;\n" });
      api.intercept = (rec) => rec.method === "POST"; // accepted, never answered
      const r = await step(ws, head, {
        inputs: { "fail-on": "none" },
        env: { UPSTASH_SCAN_HTTP_TIMEOUT_MS: "500", UPSTASH_SCAN_HTTP_DEADLINE_MS: "2000" },
        timeoutMs: 60_000,
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(
        /::warning title=upstash-scan results not uploaded::The upload to code scanning failed.*timed out/,
      );
      expect(api.uploadRequests().length).toBeLessThanOrEqual(4);
    });

    it("does not follow a redirect to another host with the SARIF and the token", async () => {
      const { ws, head } = workspace({ "a.ts": "export const a = 1;\n" });
      const elsewhere: string[] = [];
      const other = http.createServer((req, res) => {
        elsewhere.push(`${req.method} ${req.url} ${req.headers.authorization ?? ""}`);
        res.writeHead(202, { "content-type": "application/json" });
        res.end('{"id":"stolen"}');
      });
      await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
      extra.push(() => new Promise<void>((resolve) => other.close(() => resolve())));
      const port = (other.address() as AddressInfo).port;
      api.intercept = (rec, res) => {
        if (rec.method !== "POST") return false;
        res.writeHead(307, { location: `http://127.0.0.1:${port}/collect` });
        res.end();
        return true;
      };
      const r = await step(ws, head, { inputs: { "fail-on": "none" } });
      expect(r.code).toBe(0);
      expect(elsewhere).toEqual([]);
      expect(r.outputs["sarif-id"]).toBe("");
      expect(r.stdout).toMatch(/redirects are not followed/);
    });
  });

  describe("12. the scanned path and the SARIF file stay in the workspace", () => {
    it("refuses path: /etc, ../.. or a committed link out of the workspace", async () => {
      const { ws, head, git } = workspace({ "a.ts": "export const a = 1;\n" });
      fs.symlinkSync("/etc", path.join(ws, "etc-link"));
      git("add", "-A");
      git("commit", "-qm", "link");
      for (const input of ["/etc", "../..", "etc-link"]) {
        const r = await step(ws, head, { inputs: { path: input, upload: "false" } });
        expect(r.code, input).toBe(1);
        expect(failures(r), input).toEqual([expect.stringMatching(/input "path": .*outside GITHUB_WORKSPACE/)]);
        expect(api.requests).toEqual([]);
      }
    });

    it("refuses a sarif-file in .git, outside the workspace, or through a planted link", async () => {
      const { ws, head, git } = workspace({ "a.ts": "export const a = 1;\n" });
      const outsideFile = path.join(tmp.dir, `victim-${runs}`);
      fs.writeFileSync(outsideFile, "untouched\n");
      fs.symlinkSync(outsideFile, path.join(ws, "upstash-scan.sarif"));
      fs.symlinkSync(tmp.dir, path.join(ws, "out-dir"));
      git("add", "-A");
      git("commit", "-qm", "links");
      for (const input of [
        ".git/hooks/pre-commit",
        "../escape.sarif",
        "/tmp/anywhere.sarif",
        "upstash-scan.sarif",
        "out-dir/x.sarif",
      ]) {
        const r = await step(ws, head, { inputs: { "sarif-file": input, upload: "false", "fail-on": "none" } });
        expect(r.code, input).toBe(1);
        expect(failures(r).join("\n"), input).toMatch(/input "sarif-file"/);
      }
      expect(fs.existsSync(path.join(ws, ".git/hooks/pre-commit"))).toBe(false);
      expect(fs.existsSync(path.join(tmp.dir, "escape.sarif"))).toBe(false);
      expect(fs.existsSync(path.join(tmp.dir, "x.sarif"))).toBe(false);
      expect(fs.readFileSync(outsideFile, "utf8")).toBe("untouched\n");
    });
  });

  describe("9. gate-on: new in a pull request", () => {
    it("gates a new client file that imports an existing module holding a token", async () => {
      const token = fakeRedisToken();
      const { ws, git } = workspace({
        "package.json": '{ "name": "app", "dependencies": { "next": "15.0.0", "@upstash/redis": "1.34.0" } }\n',
        "lib/redis.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({ url: "https://x.upstash.io", token: "${token}" });\n`,
      });
      const base = git("rev-parse", "HEAD");
      git("checkout", "-q", "-b", "feature");
      writeTree(ws, {
        "app/widget.tsx": `"use client";\nimport { redis } from "../lib/redis";\nexport default function W() { return <b onClick={() => redis.incr("n")} />; }\n`,
      });
      git("add", "-A");
      git("commit", "-qm", "widget");
      git("checkout", "-q", "main");
      git("merge", "-q", "--no-ff", "-m", "merge", "feature");
      const merge = git("rev-parse", "HEAD");
      const r = await step(ws, merge, {
        event: "pull_request",
        ref: "refs/pull/7/merge",
        payload: { number: 7, pull_request: { number: 7, base: { sha: base } } },
        inputs: { upload: "false", "gate-on": "new", "fail-on": "critical" },
      });
      expect(r.code).toBe(1);
      expect(failures(r).join("\n")).toMatch(/1 new finding at or above fail-on: critical .*lib\/redis\.ts/);
    });
  });
});
