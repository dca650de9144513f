/**
 * The history check against real git repositories built at test time: credentials committed and
 * deleted later are found with where and when they first appeared; ones still in HEAD are reported
 * with their age; placeholders and public dev credentials stay silent; budget, shallow clones and
 * missing repositories are reported as notifications. The repository comes from
 * test/fixtures/token-rotation-neglect/history-scenario.txt and is scored against its annotations.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { runCli } from "../src/cli";
import { score } from "./support/expectations";
import { tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { findCredentials } from "../src/secrets/credentials";
import { defaultConfig } from "../src/config/defaults";

const SCENARIO = path.join(__dirname, "fixtures/token-rotation-neglect/history-scenario.txt");
const CHECK = "exposed-in-history";

interface Replayed {
  commits: Array<{ sha: string; date: string; message: string }>;
  /** Every path's last version: HEAD's, or the one before it was deleted. */
  lastVersions: Map<string, string>;
  /** Every secret-looking value written at some point, to prove none leaks into output. */
  written: string[];
}

function gitIn(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  return execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, ...env },
    },
  );
}

/** Build a git repository in `dir` from the scenario file. */
function replay(dir: string): Replayed {
  const lines = fs.readFileSync(SCENARIO, "utf8").split("\n");
  gitIn(dir, ["init", "-q"]);
  const out: Replayed = { commits: [], lastVersions: new Map(), written: [] };
  let pending: { date: string; message: string } | undefined;
  const commit = () => {
    if (!pending) return;
    gitIn(dir, ["add", "-A"]);
    gitIn(dir, ["commit", "-q", "--allow-empty", "-m", pending.message], {
      GIT_AUTHOR_DATE: pending.date,
      GIT_COMMITTER_DATE: pending.date,
    });
    out.commits.push({ sha: gitIn(dir, ["rev-parse", "HEAD"]).trim(), ...pending });
    pending = undefined;
  };
  let i = 0;
  while (i < lines.length && !lines[i]!.startsWith("=== ")) i++;
  while (i < lines.length) {
    const line = lines[i++]!;
    const m = /^=== (commit|write|delete) (\S+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    if (m[1] === "commit") {
      commit();
      pending = { date: m[2]!, message: m[3] ?? "commit" };
    } else if (m[1] === "delete") {
      fs.rmSync(path.join(dir, m[2]!));
    } else {
      const body: string[] = [];
      while (i < lines.length && !lines[i]!.startsWith("=== ")) body.push(lines[i++]!);
      while (body.length && body[body.length - 1] === "") body.pop();
      const content = body.join("\n") + "\n";
      writeTree(dir, { [m[2]!]: content });
      out.lastVersions.set(m[2]!, content);
      out.written.push(...findCredentials(content).map((c) => c.value));
    }
  }
  commit();
  return out;
}

describe("exposed-in-history", () => {
  let tmp: { dir: string; cleanup: () => void };
  let repo: string;
  let replayed: Replayed;
  let result: ScanResult;
  const history = () => result.findings.filter((f) => f.check === CHECK);
  const at = (file: string) => history().filter((f) => f.location.file === file);

  beforeAll(async () => {
    tmp = tempDir("upstash-scan-history-");
    repo = path.join(tmp.dir, "repo");
    fs.mkdirSync(repo);
    replayed = replay(repo);
    result = await scan({ paths: [repo], srcRoot: repo, history: {} });
  });
  afterAll(() => tmp.cleanup());

  it("reports exactly the annotated credentials of the scenario", () => {
    const expectDir = path.join(tmp.dir, "expect");
    for (const [file, content] of replayed.lastVersions) writeTree(expectDir, { [file]: content });
    const s = score(expectDir, expectDir, history());
    expect(s.problems).toEqual([]);
    expect(s.truePositives).toBe(6);
    expect(result.internalErrors).toBe(0);
  });

  it("says where and when a deleted credential first appeared, and that HEAD no longer has it", () => {
    const first = replayed.commits[0]!;
    const [deleted] = at("lib/redis.ts");
    expect(deleted!.location.range.startLine).toBe(1);
    expect(deleted!.message).toContain("no longer in HEAD");
    expect(deleted!.message).toContain(`first committed on 2022-01-10 in ${first.sha.slice(0, 7)} (lib/redis.ts:5)`);
    // Rotated inside the committed .env, then deleted: two credentials, one finding for the path.
    const envs = at(".env");
    expect(envs.length).toBe(1);
    expect(envs[0]!.message).toMatch(/^2 Upstash credentials were committed to \.env and are no longer in HEAD/);
    expect(envs[0]!.message.match(/first committed on 2022-02-01/g)?.length).toBe(2);
  });

  it("gives the age of a credential still in HEAD, at its line", () => {
    const [seed] = at("scripts/seed.ts");
    expect(seed!.location.range.startLine).toBe(6);
    expect(seed!.message).toContain("still in HEAD");
    expect(seed!.message).toMatch(/has been in the repository for \d+(\.\d)? (years|months|days)/);
    expect(seed!.message).toContain("first committed on 2022-06-01");
    // Moved from config/app.yaml to config/prod.yaml: one credential, first seen at the old path.
    const [moved] = at("config/prod.yaml");
    expect(moved!.message).toContain("first committed on 2023-03-01");
    expect(moved!.message).toContain("config/app.yaml:2");
    expect(at("config/app.yaml")).toEqual([]);
  });

  it("lowers the confidence in test folders", () => {
    expect(at("src/__tests__/cache.test.ts").map((f) => f.confidence)).toEqual(["low"]);
  });

  it("never prints a secret, and writes valid SARIF locations for deleted files", () => {
    const sarif = JSON.stringify(buildSarif(result));
    const text = JSON.stringify(result.findings) + JSON.stringify(result.notifications);
    expect(replayed.written.length).toBeGreaterThanOrEqual(6);
    for (const secret of replayed.written) {
      expect(sarif).not.toContain(secret);
      expect(text).not.toContain(secret);
    }
    const log = JSON.parse(sarif) as {
      runs: Array<{
        results: Array<{
          properties: { check: string };
          locations: Array<{
            physicalLocation: {
              artifactLocation: { uri: string };
              region: { startLine: number; startColumn: number; endColumn: number };
            };
          }>;
        }>;
      }>;
    };
    const results = log.runs[0]!.results.filter((r) => r.properties.check === CHECK);
    expect(results.length).toBe(6);
    for (const r of results) {
      const { region, artifactLocation } = r.locations[0]!.physicalLocation;
      expect(region.startLine).toBeGreaterThanOrEqual(1);
      expect(region.endColumn).toBeGreaterThan(region.startColumn);
      expect(artifactLocation.uri).not.toMatch(/^\/|\.\./);
    }
  });

  it("passes Microsoft's SARIF multitool (Sarif;Ghas rules) with findings in deleted files", () => {
    const sarif = path.join(tmp.dir, "history.sarif");
    fs.writeFileSync(sarif, JSON.stringify(buildSarif(result), null, 2));
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
    const problems = (report.runs[0]!.results ?? []).filter((x) => x.level === "error" || x.level === "warning");
    expect(problems.map((p) => `${p.ruleId}: ${p.message.text}`)).toEqual([]);
  });

  it("runs only when asked", async () => {
    const plain = await scan({ paths: [repo], srcRoot: repo });
    expect(plain.findings.filter((f) => f.check === CHECK)).toEqual([]);
  });

  it("scans the history of a subdirectory only, with paths relative to it", async () => {
    const sub = await scan({ paths: [path.join(repo, "scripts")], srcRoot: path.join(repo, "scripts"), history: {} });
    expect(
      sub.findings.filter((f) => f.check === CHECK).map((f) => `${f.location.file}:${f.location.range.startLine}`),
    ).toEqual(["seed.ts:6"]);
  });

  it("reports what the time budget left unscanned", async () => {
    const cut = await scan({ paths: [repo], srcRoot: repo, history: { budgetMs: 1e-6 } });
    const n = cut.notifications.find((x) => x.id === "history-incomplete");
    expect(n?.message).toMatch(/time budget/);
  });

  it("warns that a shallow clone hides older history, and still finds what HEAD holds", async () => {
    const shallow = path.join(tmp.dir, "shallow");
    execFileSync("git", ["clone", "-q", "--depth", "1", `file://${repo}`, shallow]);
    const r = await scan({ paths: [shallow], srcRoot: shallow, history: {} });
    expect(r.notifications.find((x) => x.id === "history-shallow")?.message).toContain("fetch-depth: 0");
    const files = r.findings.filter((f) => f.check === CHECK).map((f) => f.location.file);
    expect(files).toContain("scripts/seed.ts");
    expect(files).not.toContain(".env");
  });

  it("says so when there is no git repository", async () => {
    const plain = path.join(tmp.dir, "plain");
    writeTree(plain, { "seed.ts": `const token = "${fakeRedisToken()}";\n` });
    const r = await scan({ paths: [plain], srcRoot: plain, history: {} });
    expect(r.notifications.find((x) => x.id === "history-unavailable")).toBeDefined();
    expect(r.findings.filter((f) => f.check === CHECK)).toEqual([]);
  });
});

describe("exposed-in-history rule options", () => {
  let tmp: { dir: string; cleanup: () => void };
  let repo: string;
  beforeAll(() => {
    tmp = tempDir("upstash-scan-history-options-");
    repo = path.join(tmp.dir, "repo");
    writeTree(repo, {
      "seed.ts": `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${fakeRedisToken()}" });\n`,
    });
    gitIn(repo, ["init", "-q"]);
    gitIn(repo, ["add", "."]);
    gitIn(repo, ["commit", "-q", "-m", "today"]);
  });
  afterAll(() => tmp.cleanup());

  const run = (options: Record<string, unknown>, history = {}) => {
    const config = defaultConfig();
    config.detectorOptions = { "exposed-in-history": options };
    return scan({ paths: [repo], srcRoot: repo, config, history });
  };

  it("reports a credential in HEAD only once it is older than maxCredentialAgeDays (default 90)", async () => {
    const fresh = await run({});
    expect(fresh.findings.filter((f) => f.check === CHECK)).toEqual([]);
    expect(fresh.findings.filter((f) => f.check === "hardcoded-credential").length).toBe(1);
    const strict = await run({ maxCredentialAgeDays: 1e-9 });
    expect(strict.findings.filter((f) => f.check === CHECK).map((f) => f.message)).toEqual([
      expect.stringMatching(/has been in the repository for less than a day/),
    ]);
  });

  it("takes its budget from historyBudgetSeconds unless the CLI gives one", async () => {
    const tiny = await run({ historyBudgetSeconds: 1e-9 });
    expect(tiny.notifications.map((n) => n.id)).toContain("history-incomplete");
    const overridden = await run({ historyBudgetSeconds: 1e-9 }, { budgetMs: 60_000 });
    expect(overridden.notifications.map((n) => n.id)).not.toContain("history-incomplete");
  });
});

describe("--history on the command line (from sources)", () => {
  let tmp: { dir: string; cleanup: () => void };
  let repo: string;
  beforeAll(() => {
    tmp = tempDir("upstash-scan-history-cli-");
    repo = path.join(tmp.dir, "repo");
    fs.mkdirSync(repo);
    replay(repo);
  });
  afterAll(() => tmp.cleanup());

  const io = () => {
    const out = { stdout: "", stderr: "" };
    return {
      out,
      io: {
        stdout: { write: (s: string) => (out.stdout += s) },
        stderr: { write: (s: string) => (out.stderr += s) },
        cwd: repo,
        env: {},
      },
    };
  };

  it("scans history, writes progress to stderr and the findings to stdout", async () => {
    const { out, io: cli } = io();
    const code = await runCli(
      [".", "--history", "--history-budget", "60", "--format", "json", "--fail-on", "none"],
      cli,
    );
    expect(code).toBe(0);
    expect(out.stderr).toMatch(/history: done in [\d.]+ s: \d+ commits/);
    const json = JSON.parse(out.stdout) as { findings: Array<{ check: string; file: string }> };
    expect(json.findings.filter((f) => f.check === CHECK).map((f) => f.file)).toContain(".env");
  });

  it("leaves history alone without --history", async () => {
    const { out, io: cli } = io();
    expect(await runCli([".", "--format", "json", "--fail-on", "none"], cli)).toBe(0);
    expect(out.stderr).toBe("");
    expect(
      (JSON.parse(out.stdout) as { findings: Array<{ check: string }> }).findings.some((f) => f.check === CHECK),
    ).toBe(false);
  });

  it("rejects a bad --history-budget and one without --history", async () => {
    const a = io();
    expect(await runCli([".", "--history", "--history-budget", "soon"], a.io)).toBe(2);
    expect(a.out.stderr).toContain("--history-budget must be a positive number");
    const b = io();
    expect(await runCli([".", "--history-budget", "10"], b.io)).toBe(2);
    expect(b.out.stderr).toContain("--history-budget needs --history");
  });
});
