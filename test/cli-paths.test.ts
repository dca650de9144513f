/**
 * One path convention in every output (issue 19): relative to the repository root, or to the scanned
 * root outside git, whatever the working directory; paths from two repositories refused; each scanned
 * root's own configuration applied to it; SvelteKit's `+server.ts` kept literal in SARIF URIs.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runCliInProcess, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { fileUri } from "../src/sarif/build";
import { rebasePattern } from "../src/config/load";
import { readBaseline } from "../src/engine/baseline";
import { VERSION } from "../src/version";

const tree = temporaryTrees(afterEach);
const token = () => `const t = "${fakeRedisToken()}";\n`;

function gitInit(dir: string): void {
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: dir, stdio: "pipe" });
}

interface Outputs {
  text: string;
  compact: string;
  json: { srcRoot: string; scanned: string[]; findings: Array<{ file: string; message: string }> };
  sarifUris: string[];
  baselineFiles: string[];
}

async function allOutputs(args: string[], cwd: string, scratch: string): Promise<Outputs> {
  const sarif = path.join(scratch, "out.sarif");
  const baseline = path.join(scratch, "baseline.json");
  const text = await runCliInProcess([...args, "--fail-on", "none", "--sarif", sarif, "--write-baseline", baseline], {
    cwd,
  });
  expect(text.status, text.stderr).toBe(0);
  const compact = await runCliInProcess([...args, "--format", "compact", "--fail-on", "none"], { cwd });
  const json = await runCliInProcess([...args, "--format", "json", "--fail-on", "none"], { cwd });
  const log = JSON.parse(fs.readFileSync(sarif, "utf8")) as {
    runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  };
  return {
    text: text.stdout,
    compact: compact.stdout,
    json: JSON.parse(json.stdout),
    sarifUris: log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri),
    baselineFiles: [...readBaseline(baseline).values()].map((e) => e.file),
  };
}

describe("paths", () => {
  it("are relative to the repository root in every output, from any working directory", async () => {
    const repo = tree({
      "apps/web/lib/redis.ts": token(),
      "apps/web/README.md": "app\n",
      "elsewhere/.keep": "",
    });
    gitInit(repo);
    const expected = "apps/web/lib/redis.ts";
    for (const [args, cwd] of [
      [["web"], path.join(repo, "apps")],
      [["."], path.join(repo, "apps/web")],
      [["../apps/web/lib/redis.ts"], path.join(repo, "elsewhere")],
      [[path.join(repo, "apps/web")], path.dirname(repo)],
    ] as const) {
      const scratch = tree({});
      const o = await allOutputs([...args], cwd, scratch);
      const where = `${args.join(" ")} from ${cwd}`;
      expect(o.json.srcRoot, where).toBe(repo);
      expect(
        o.json.findings.map((f) => f.file),
        where,
      ).toEqual([expected]);
      expect(o.sarifUris, where).toEqual([expected]);
      expect(o.baselineFiles, where).toEqual([expected]);
      expect(o.compact, where).toMatch(new RegExp(`^${expected}:1:\\d+: medium `));
      expect(o.text, where).toContain(`  ${expected}:1:`);
      expect(o.text, where).toContain(`upstash-scan ${VERSION} · ${repo} · scanned `);
      expect(o.text + o.compact + JSON.stringify(o.json), where).not.toContain("../");
    }
  });

  it("outside git are relative to the scanned directory", async () => {
    const dir = tree({ "project/src/a.ts": token() });
    const o = await allOutputs(["project"], dir, tree({}));
    expect(o.json.srcRoot).toBe(path.join(dir, "project"));
    expect(o.json.scanned).toEqual(["."]);
    expect(o.json.findings.map((f) => f.file)).toEqual(["src/a.ts"]);
    expect(o.sarifUris).toEqual(["src/a.ts"]);
    // Two directories outside git: relative to the directory that holds both.
    const two = tree({ "a/x.ts": token(), "b/y.ts": token() });
    const r = await runCliInProcess(["a", "b", "--format", "json", "--fail-on", "none"], { cwd: two });
    const doc = JSON.parse(r.stdout) as Outputs["json"];
    expect(doc.srcRoot).toBe(two);
    expect(doc.scanned).toEqual(["a", "b"]);
    expect(doc.findings.map((f) => f.file).sort()).toEqual(["a/x.ts", "b/y.ts"]);
  });

  it("from two repositories are refused with a clear message", async () => {
    const parent = tree({ "one/a.ts": token(), "two/b.ts": token(), "plain/c.ts": token() });
    gitInit(path.join(parent, "one"));
    gitInit(path.join(parent, "two"));
    const r = await runCliInProcess(["one", "two"], { cwd: parent });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      `one is in the repository ${path.join(parent, "one")} but two is in the repository ${path.join(parent, "two")}`,
    );
    expect(r.stderr).toContain("scan each repository in its own run");
    const mixed = await runCliInProcess(["one", "plain"], { cwd: parent });
    expect(mixed.status).toBe(2);
    expect(mixed.stderr).toContain("but plain is in no git repository");
    // Two paths of one repository are one run.
    const same = await runCliInProcess(["one/a.ts", "one", "--format", "json", "--fail-on", "none"], { cwd: parent });
    expect(JSON.parse(same.stdout).findings).toHaveLength(1);
  });

  it("each scanned root's own configuration applies to it, patterns relative to that root", async () => {
    const repo = tree({
      // This app excludes its own top-level legacy directory (the pattern is anchored at the app).
      "apps/a/.upstash-scan.yml": "paths:\n  exclude: ['/legacy/']\n",
      "apps/a/legacy/old.ts": token(),
      "apps/a/src/legacy/kept.ts": token(),
      "apps/a/src/new.ts": token(),
      // This one has no configuration: defaults, nothing excluded.
      "apps/b/legacy/old.ts": token(),
      // And this one raises the rule's severity.
      "apps/c/.upstash-scan.yml": "rules:\n  upstash/token-rotation-neglect:\n    severity: critical\n",
      "apps/c/x.ts": token(),
    });
    gitInit(repo);
    const r = await runCliInProcess(["apps/a", "apps/b", "apps/c", "--format", "json", "--fail-on", "none"], {
      cwd: repo,
    });
    expect(r.status, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { findings: Array<{ file: string; severity: string }>; scanned: string[] };
    expect(doc.findings.map((f) => `${f.file} ${f.severity}`).sort()).toEqual([
      "apps/a/src/legacy/kept.ts medium",
      "apps/a/src/new.ts medium",
      "apps/b/legacy/old.ts medium",
      "apps/c/x.ts critical",
    ]);
    expect(doc.scanned).toEqual(["apps/a", "apps/b", "apps/c"]);
    const verbose = await runCliInProcess(["apps/a", "apps/b", "--verbose", "--fail-on", "none"], { cwd: repo });
    expect(verbose.stderr).toContain("apps/a: configuration apps/a/.upstash-scan.yml");
    expect(verbose.stderr).toContain("apps/b: configuration defaults");
  });

  it("rebases configuration patterns as git does for a nested .gitignore", () => {
    expect(rebasePattern("legacy/", "apps/a")).toBe("apps/a/**/legacy/");
    expect(rebasePattern("/legacy/", "apps/a")).toBe("apps/a/legacy/");
    expect(rebasePattern("src/gen/", "apps/a")).toBe("apps/a/src/gen/");
    expect(rebasePattern("*.generated.ts", "apps/a")).toBe("apps/a/**/*.generated.ts");
    expect(rebasePattern("!keep.ts", "apps/a")).toBe("!apps/a/**/keep.ts");
    expect(rebasePattern("**/x", "apps/a")).toBe("apps/a/**/x");
    expect(rebasePattern("legacy/", "")).toBe("legacy/");
  });
});

describe("SARIF URIs", () => {
  it("keep RFC 3986 sub-delimiters such as SvelteKit's + literal and encode what a path segment cannot hold", () => {
    expect(fileUri("src/routes/api/+server.ts")).toBe("src/routes/api/+server.ts");
    expect(fileUri("src/routes/[slug]/+page.server.ts")).toBe("src/routes/%5Bslug%5D/+page.server.ts");
    expect(fileUri("app/(group)/@modal/page.tsx")).toBe("app/(group)/@modal/page.tsx");
    expect(fileUri("a b/ü#?%.ts")).toBe("a%20b/%C3%BC%23%3F%25.ts");
    // A colon in the first segment would read as a URI scheme.
    expect(fileUri("c:/x:y.ts")).toBe("c%3A/x:y.ts");
  });

  it("round-trip through a SARIF baseline", async () => {
    const dir = tree({ "src/routes/[id]/+server.ts": token() });
    const sarif = path.join(dir, "out.sarif");
    await runCliInProcess([dir, "--sarif", sarif, "--fail-on", "none"]);
    const log = JSON.parse(fs.readFileSync(sarif, "utf8"));
    expect(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe(
      "src/routes/%5Bid%5D/+server.ts",
    );
    const r = await runCliInProcess([dir, "--baseline", sarif, "--format", "json", "--fail-on", "low"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].suppressed.kind).toBe("baseline");
  });
});
