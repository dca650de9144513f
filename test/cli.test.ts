import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO, REPO, runCli, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

describe("the bundled CLI (node bin/upstash-scan.js)", () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    tmp = tempDir();
  });
  afterAll(() => tmp.cleanup());

  it("exits 1 on the demo app at the default --fail-on high and lists every rule", () => {
    const r = runCli(["examples/demo-app"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    for (const id of [
      "write-token-in-frontend",
      "sensitive-data-without-ttl",
      "qstash-webhook-spoofing",
      "rate-limit-misconfiguration",
      "token-rotation-neglect",
    ]) {
      expect(r.stdout).toContain(`upstash/${id}`);
    }
    expect(r.stdout).toMatch(/2 Critical\s+1 High\s+3 Medium\s+0 Low/);
    expect(r.stdout).toMatch(/Scanned \d+ files in [\d.]+ s: \d+ read, \d+ prefiltered out, \d+ parsed/);
  });

  it("exits 0 when nothing reaches the threshold", () => {
    expect(runCli(["examples/demo-app", "--fail-on", "none"]).status).toBe(0);
    writeTree(tmp.dir, { "clean/index.ts": "export const x = 1;\n" });
    expect(runCli([path.join(tmp.dir, "clean")]).status).toBe(0);
  });

  it("gates on the chosen severity", () => {
    // A tree whose only finding is medium passes at the default threshold and fails at medium.
    writeTree(tmp.dir, { "medium/seed.ts": `const t = "${fakeRedisToken()}";\n` });
    expect(runCli([path.join(tmp.dir, "medium")]).status).toBe(0);
    expect(runCli([path.join(tmp.dir, "medium"), "--fail-on", "medium"]).status).toBe(1);
    expect(runCli(["examples/demo-app", "--fail-on", "critical"]).status).toBe(1);
  });

  it("parses only the candidates, once, in the bundle's worker threads", () => {
    const files: Record<string, string> = { "package.json": '{ "dependencies": { "@upstash/redis": "1.38.0" } }' };
    for (let i = 0; i < 200; i++) files[`src/plain-${i}.ts`] = `export const v${i} = ${i};\n`;
    files["src/a.ts"] =
      'import { Redis } from "@upstash/redis";\nconst kv = Redis.fromEnv();\nexport const s = (id: string) => kv.set(`session:${id}`, 1);\n';
    files["src/b.ts"] =
      'import { Ratelimit } from "@upstash/ratelimit";\nexport const rl = new Ratelimit({} as never);\nexport const go = async () => { await rl.limit("x"); };\n';
    writeTree(tmp.dir, Object.fromEntries(Object.entries(files).map(([k, v]) => [`many/${k}`, v])));
    const doc = JSON.parse(runCli([path.join(tmp.dir, "many"), "--format", "json", "--fail-on", "none"]).stdout) as {
      stats: { read: number; parsed: number; prefilteredOut: number };
    };
    expect(doc.stats).toMatchObject({ read: 203, parsed: 2, prefilteredOut: 200 });
  });

  it("exits 2 with a one-line reason on usage errors", () => {
    for (const args of [
      ["--fail-on", "severe"],
      ["--format", "xml"],
      ["no/such/path"],
      ["--bogus"],
      ["--config", "missing.yml", "."],
    ]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")[0]).toMatch(/^upstash-scan: /);
      expect(r.stdout).toBe("");
    }
  });

  it("prints help and version", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string };
    expect(runCli(["--version"]).stdout.trim()).toBe(pkg.version);
    const help = runCli(["--help"]);
    expect(help.status).toBe(0);
    for (const flag of ["--format", "--output", "--sarif", "--fail-on", "--config", "--help", "--version"])
      expect(help.stdout).toContain(flag);
  });

  it("writes JSON and SARIF to files", () => {
    const json = path.join(tmp.dir, "out.json");
    const sarif = path.join(tmp.dir, "out.sarif");
    const r = runCli(["examples/demo-app", "--format", "json", "--output", json, "--sarif", sarif]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    const doc = JSON.parse(fs.readFileSync(json, "utf8")) as {
      findings: Array<{ rule: string; file: string }>;
      summary: { total: number };
    };
    expect(doc.summary.total).toBe(doc.findings.length);
    const log = JSON.parse(fs.readFileSync(sarif, "utf8")) as { runs: Array<{ results: unknown[] }> };
    expect(log.runs[0]!.results.length).toBe(doc.findings.length);
  });

  it("emits SARIF that Microsoft's SARIF multitool validates with no errors (Sarif;Ghas rules)", () => {
    const sarif = path.join(tmp.dir, "demo.sarif");
    runCli(["examples/demo-app", "--format", "sarif", "--output", sarif]);
    // The package's bin.js goes through a shell, which would split "Sarif;Ghas": run the binary itself.
    const multitool = require("@microsoft/sarif-multitool") as string;
    const out = path.join(tmp.dir, "validation.sarif");
    const r = spawnSync(
      multitool,
      [
        "validate",
        sarif,
        "--rule-kind",
        "Sarif;Ghas",
        "--level",
        "Error;Warning",
        "--output",
        out,
        "--log",
        "ForceOverwrite",
      ],
      { encoding: "utf8" },
    );
    expect(r.status, r.stdout + r.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as {
      runs: Array<{ results?: Array<{ level?: string; message: { text?: string }; ruleId?: string }> }>;
    };
    const errors = (report.runs[0]!.results ?? []).filter((x) => x.level === "error" || x.level === "warning");
    expect(errors.map((e) => `${e.ruleId}: ${e.message.text}`)).toEqual([]);
  });

  it("never prints a full secret on any channel", () => {
    const secrets = [fakeRedisToken(), fakeRedisToken()];
    writeTree(tmp.dir, {
      "leaky/scripts/a.ts": `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${secrets[0]}" });\n`,
      "leaky/config.json": `{ "upstashToken": "${secrets[1]}" }\n`,
    });
    const root = path.join(tmp.dir, "leaky");
    const sarif = path.join(tmp.dir, "leaky.sarif");
    const outputs = [
      runCli([root, "--sarif", sarif]),
      runCli([root, "--format", "json"]),
      runCli([root, "--format", "sarif"]),
    ];
    const everything = outputs.map((o) => o.stdout + o.stderr).join("\n") + fs.readFileSync(sarif, "utf8");
    expect(everything).toContain(secrets[0]!.slice(0, 4) + "…");
    for (const s of secrets) expect(everything).not.toContain(s);
  });
});

describe("the demo's planted secrets", () => {
  it("stay out of every output format", () => {
    const demoSecret = /token: "([A-Za-z0-9_-]{40,})"/.exec(
      fs.readFileSync(path.join(DEMO, "scripts/seed.ts"), "utf8"),
    )![1]!;
    for (const format of ["text", "json", "sarif"]) {
      const r = runCli(["examples/demo-app", "--format", format]);
      expect(r.stdout + r.stderr).not.toContain(demoSecret);
    }
  });
});
