import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig, parseConfig } from "../src/config/load";
import { scan } from "../src/engine/scan";
import { gatingFindings } from "../src/output/gate";
import { changedLinesSince } from "../src/engine/changed-lines";
import { formatBaseline } from "../src/engine/baseline";
import { runCli, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

const tree = temporaryTrees(afterEach);

const SESSION_WRITE =
  'import { Redis } from "@upstash/redis";\nconst kv = Redis.fromEnv();\nexport const save = (id: string) => kv.set(`session:${id}`, 1);\n';

describe("configuration file", () => {
  it("names the file and line of unknown keys and bad values", () => {
    const text = [
      "rules:",
      "  upstash/write-token-in-frontend:",
      "    severity: extreme",
      "  upstash/token-rotation-neglect:",
      "    enabeld: false",
      "paths:",
      "  exclude: legacy/",
      "colour: red",
    ].join("\n");
    let message = "";
    try {
      parseConfig(text, ".upstash-scan.yml");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain(".upstash-scan.yml:3: rules.upstash/write-token-in-frontend.severity must be one of");
    expect(message).toContain('.upstash-scan.yml:5: unknown key "enabeld"');
    expect(message).toContain(".upstash-scan.yml:7: paths.exclude must be array");
    expect(message).toContain('.upstash-scan.yml:8: unknown key "colour"');
  });

  it("rejects unknown rule ids and check ids with their line, and broken YAML", () => {
    expect(() => parseConfig("rules:\n  upstash/nope: {}\n", "c.yml")).toThrow(/c\.yml:2: unknown key "upstash\/nope"/);
    expect(() =>
      parseConfig("rules:\n  upstash/sensitive-data-without-ttl:\n    checks:\n      no-such-check: false\n", "c.yml"),
    ).toThrow(/c\.yml:4: unknown check "no-such-check"/);
    expect(() => parseConfig("rules: [\n", "c.yml")).toThrow(/c\.yml:\d+: not valid YAML/);
  });

  it("is found at the scanned root, and an explicit missing file is an error", () => {
    const dir = tree({ ".upstash-scan.yml": "rules:\n  upstash/token-rotation-neglect:\n    enabled: false\n" });
    expect(loadConfig(undefined, dir).disabledRules.has("upstash/token-rotation-neglect")).toBe(true);
    expect(() => loadConfig(path.join(dir, "missing.yml"), dir)).toThrow(/not found/);
    const r = runCli([dir, "--config", path.join(dir, "nope.yml")]);
    expect(r.status).toBe(2);
  });

  it("applies every option: rules, checks, severity, paths, tests, detector options", async () => {
    const token = fakeRedisToken();
    const dir = tree({
      "src/a.ts": `const t = "${token}";\n` + SESSION_WRITE,
      "legacy/b.ts": `const t = "${token}";\n`,
      "apps/c.ts": `const t = "${token}";\n`,
      "src/a.test.ts": `const t = "${token}";\n`,
    });
    const base = await scan({ paths: [dir] });
    expect(base.findings.map((f) => `${f.check}@${f.location.file}:${f.confidence}`).sort()).toEqual([
      "hardcoded-credential@apps/c.ts:high",
      "hardcoded-credential@legacy/b.ts:high",
      "hardcoded-credential@src/a.test.ts:low",
      "hardcoded-credential@src/a.ts:high",
      "write-without-ttl@src/a.ts:high",
    ]);
    const run = async (yaml: string) =>
      (await scan({ paths: [dir], config: parseConfig(yaml, "c.yml") })).findings
        .map((f) => `${f.check}@${f.location.file}`)
        .sort();
    expect(await run("rules:\n  upstash/token-rotation-neglect:\n    enabled: false\n")).toEqual([
      "write-without-ttl@src/a.ts",
    ]);
    expect(
      await run("rules:\n  upstash/sensitive-data-without-ttl:\n    checks:\n      write-without-ttl: false\n"),
    ).not.toContain("write-without-ttl@src/a.ts");
    expect(await run("paths:\n  exclude: [legacy/, '*.test.ts']\n")).toEqual([
      "hardcoded-credential@apps/c.ts",
      "hardcoded-credential@src/a.ts",
      "write-without-ttl@src/a.ts",
    ]);
    expect(await run("paths:\n  include: [apps/]\n")).toEqual(["hardcoded-credential@apps/c.ts"]);
    expect(await run("tests:\n  findings: ignore\n")).not.toContain("hardcoded-credential@src/a.test.ts");
    expect(await run("tests:\n  paths: [legacy/]\n  findings: ignore\n")).toEqual([
      "hardcoded-credential@apps/c.ts",
      "hardcoded-credential@src/a.test.ts",
      "hardcoded-credential@src/a.ts",
      "write-without-ttl@src/a.ts",
    ]);
    const sev = await scan({
      paths: [dir],
      config: parseConfig("rules:\n  upstash/token-rotation-neglect:\n    severity: critical\n", "c.yml"),
    });
    expect(gatingFindings(sev.findings, "critical").length).toBe(4);
    const opts = parseConfig(
      "rules:\n  upstash/rate-limit-misconfiguration:\n    options:\n      maxRequestsPerSecond: 50\n",
      "c.yml",
    );
    expect(opts.detectorOptions["result-not-enforced"]).toEqual({ maxRequestsPerSecond: 50 });
    expect(() =>
      parseConfig(
        "rules:\n  upstash/rate-limit-misconfiguration:\n    options:\n      maxRequestsPerSecond: -1\n",
        "c.yml",
      ),
    ).toThrow(/c\.yml:4:/);
  });
});

describe("rule options from the file reach the detectors", () => {
  it("sensitiveWords makes a project's own word sensitive", async () => {
    const dir = tree({
      "a.ts":
        'import { Redis } from "@upstash/redis";\nconst kv = Redis.fromEnv();\nexport const save = (id: string, d: unknown) => kv.set(`diagnosis:${id}`, d);\n',
    });
    expect((await scan({ paths: [dir] })).findings).toEqual([]);
    const config = parseConfig(
      "rules:\n  upstash/sensitive-data-without-ttl:\n    options:\n      sensitiveWords: [diagnosis]\n",
      "c.yml",
    );
    expect((await scan({ paths: [dir], config })).findings.map((f) => f.check)).toEqual(["write-without-ttl"]);
  });
});

describe("verifyFunctions", () => {
  it("trusts the project's own QStash verification helper by name", async () => {
    const dir = tree({
      "package.json": '{ "dependencies": { "next": "16.0.0", "@upstash/qstash": "2.11.0" } }',
      "lib/queue.ts":
        'import { Client } from "@upstash/qstash";\nconst q = new Client({ token: process.env.QSTASH_TOKEN! });\nexport const enqueue = () => q.publishJSON({ url: `${process.env.APP_URL}/api/jobs/sync`, body: {} });\n',
      "lib/guard.ts":
        "export async function assertTrusted(req: Request): Promise<void> {\n  if (!(await check(req))) throw new Error('no');\n}\ndeclare function check(r: Request): Promise<boolean>;\n",
      "app/api/jobs/sync/route.ts":
        'import { assertTrusted } from "../../../../lib/guard";\nexport async function POST(req: Request) {\n  await assertTrusted(req);\n  await fetch("https://example.com/sync", { method: "POST" });\n  return new Response("ok");\n}\n',
    });
    const rule3 = async (config?: ReturnType<typeof parseConfig>) =>
      (await scan({ paths: [dir], ...(config ? { config } : {}) })).findings
        .filter((f) => f.rule === "upstash/qstash-webhook-spoofing")
        .map((f) => f.check);
    expect(await rule3()).toEqual(["unverified-handler"]);
    expect(
      await rule3(
        parseConfig(
          "rules:\n  upstash/qstash-webhook-spoofing:\n    options:\n      verifyFunctions: [assertTrusted]\n",
          "c.yml",
        ),
      ),
    ).toEqual([]);
  });
});

describe("declared client and server paths", () => {
  it("paths.client makes a module client code; paths.server stops the walk", async () => {
    const dir = tree({
      "package.json": '{ "dependencies": { "@upstash/redis": "1.38.0" } }',
      "widgets/embed.ts": 'import { redis } from "../shared/redis";\nexport const w = redis;\n',
      "shared/redis.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({ url: "u", token: "${fakeRedisToken()}" });\n`,
    });
    const checks = async (yaml: string) =>
      (await scan({ paths: [dir], config: parseConfig(yaml, "c.yml") })).findings
        .filter((f) => f.rule === "upstash/write-token-in-frontend")
        .map((f) => f.location.file);
    expect(await checks("{}")).toEqual([]);
    expect(await checks("paths:\n  client: [widgets/]\n")).toEqual(["shared/redis.ts"]);
    expect(await checks("paths:\n  client: [widgets/]\n  server: [shared/]\n")).toEqual([]);
  });
});

describe("inline suppressions", () => {
  it("hide a finding with a reason, keep one without, and warn about unused ones", async () => {
    const token = fakeRedisToken();
    const dir = tree({
      "a.ts": [
        "// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- revoked test token kept for the parser test",
        `const a = "${token}";`,
        `const b = "${token}"; // upstash-scan-ignore upstash/token-rotation-neglect/hardcoded-credential -- same`,
        "// upstash-scan-ignore-next-line upstash/token-rotation-neglect",
        `const c = "${token}";`,
        "// upstash-scan-ignore-next-line upstash/sensitive-data-without-ttl -- nothing here",
        "const d = 1;",
        "// upstash-scan-ignore-next-line upstash/token-rotation-neglect/some-other-check -- wrong check",
        `const e = "${token}";`,
      ].join("\n"),
      ".env.production": `# upstash-scan-ignore-next-line upstash/write-token-in-frontend -- intentional read-only proxy token\nNEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=x\n`,
    });
    const result = await scan({ paths: [dir] });
    const state = result.findings
      .map((f) => `${f.location.file}:${f.location.range.startLine}:${f.suppressed ? "suppressed" : "open"}`)
      .sort();
    expect(state).toEqual([
      ".env.production:2:suppressed",
      "a.ts:2:suppressed",
      "a.ts:3:suppressed",
      "a.ts:5:open",
      "a.ts:9:open",
    ]);
    const warnings = result.notifications
      .filter((n) => n.level === "warning")
      .map((n) => n.id)
      .sort();
    expect(warnings).toEqual(["suppression-unused", "suppression-unused", "suppression-without-reason"]);
    expect(gatingFindings(result.findings, "low").length).toBe(2);
    // Suppressed findings are shown in JSON and left out of SARIF.
    const json = JSON.parse(runCli([dir, "--format", "json"]).stdout) as {
      findings: Array<{ suppressed?: { reason: string } }>;
    };
    expect(json.findings.filter((f) => f.suppressed).map((f) => f.suppressed!.reason)).toContain(
      "revoked test token kept for the parser test",
    );
    const sarif = JSON.parse(runCli([dir, "--format", "sarif"]).stdout) as { runs: Array<{ results: unknown[] }> };
    expect(sarif.runs[0]!.results.length).toBe(2);
  });
});

describe("baseline", () => {
  it("round-trips: known findings hidden after unrelated line moves, new ones still gate, fixed ones drop out", async () => {
    const token = fakeRedisToken();
    const dir = tree({ "a.ts": `const a = "${token}";\n`, "b.ts": SESSION_WRITE });
    const baselineFile = path.join(dir, "baseline.json");
    expect(runCli([dir, "--write-baseline", baselineFile, "--fail-on", "low"]).status).toBe(1);
    expect((JSON.parse(fs.readFileSync(baselineFile, "utf8")) as { findings: unknown[] }).findings.length).toBe(2);
    expect(fs.readFileSync(baselineFile, "utf8")).not.toContain(token);

    // Move lines, add a new finding, fix the session write.
    fs.writeFileSync(
      path.join(dir, "a.ts"),
      `// header\n\n\nconst a = "${token}";\nconst n = "${fakeRedisToken()}";\n`,
    );
    fs.writeFileSync(path.join(dir, "b.ts"), "export {};\n");
    const result = await scan({ paths: [dir], baseline: baselineFile });
    expect(result.findings.map((f) => `${f.location.range.startLine}:${f.suppressed?.kind ?? "open"}`).sort()).toEqual([
      "4:baseline",
      "5:open",
    ]);
    expect(runCli([dir, "--baseline", baselineFile, "--fail-on", "low"]).status).toBe(1);

    fs.writeFileSync(baselineFile, formatBaseline(result.findings));
    const rewritten = JSON.parse(fs.readFileSync(baselineFile, "utf8")) as {
      findings: Array<{ file: string; rule: string }>;
    };
    expect(rewritten.findings.map((f) => f.rule)).toEqual([
      "upstash/token-rotation-neglect",
      "upstash/token-rotation-neglect",
    ]);
    expect(runCli([dir, "--baseline", baselineFile, "--fail-on", "low"]).status).toBe(0);
  });

  it("accepts a SARIF file from an earlier run", async () => {
    const dir = tree({ "a.ts": `const a = "${fakeRedisToken()}";\n` });
    const sarif = path.join(dir, "old.sarif");
    runCli([dir, "--sarif", sarif]);
    const result = await scan({ paths: [dir], baseline: sarif });
    expect(result.findings.every((f) => f.suppressed?.kind === "baseline")).toBe(true);
  });
});

describe("gate on new findings", () => {
  it("fails only for findings on lines changed since the base", async () => {
    const dir = tree({ "old.ts": `const a = "${fakeRedisToken()}";\n`, "keep.ts": "export const x = 1;\n" });
    const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
    git("init", "-q", "-b", "main");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "add", ".");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base");
    git("checkout", "-q", "-b", "feature");
    // The pull request touches keep.ts without adding a finding: the old finding does not gate.
    fs.writeFileSync(path.join(dir, "keep.ts"), "export const x = 2;\n");
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "harmless");
    expect(runCli([dir, "--fail-on", "low", "--gate-on", "new", "--changed-since", "main"]).status).toBe(0);
    expect(runCli([dir, "--fail-on", "low"]).status).toBe(1);
    // Now it adds a token: that one gates.
    fs.writeFileSync(path.join(dir, "keep.ts"), `export const x = 2;\nconst b = "${fakeRedisToken()}";\n`);
    git("-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qam", "leak");
    const changed = changedLinesSince("main", dir);
    expect(changed.lines("keep.ts")).toEqual([1, 2]);
    expect(changed.files).not.toContain("old.ts");
    const result = await scan({ paths: [dir] });
    expect(gatingFindings(result.findings, "low", { changed }).map((f) => f.location.file)).toEqual(["keep.ts"]);
    const r = runCli([dir, "--fail-on", "low", "--gate-on", "new", "--changed-since", "main"]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("Gate: 1 new finding at or above low");
    expect(runCli([dir, "--gate-on", "new"]).status).toBe(2);
  });
});
