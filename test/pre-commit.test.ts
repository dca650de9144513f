/**
 * `--staged` and the pre-commit hook (.pre-commit-hooks.yaml), in a temporary git repository: the
 * whole project is scanned, so a client component that newly imports a module holding a write token
 * is caught when the component is staged (its file is the finding's related location), while a
 * staged file that has nothing to do with a finding lets the commit through. Run once through git and
 * the CLI directly, and once through the real `pre-commit` tool (`git commit` with the hook
 * installed from a hook repository made of this checkout's hook manifest, bin/ and dist/) when the
 * tool is installed (Debian: `apt-get install pre-commit`).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, REPO, runCli, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

const hasBundle = fs.existsSync(path.join(REPO, "dist/index.js"));
const preCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" });
const hasPreCommit = preCommit.status === 0;
if (!hasBundle) console.warn("pre-commit: SKIPPED — dist/index.js is missing; run `npm run bundle` first.");
else if (!hasPreCommit)
  console.warn(
    "pre-commit: the tests through the real pre-commit tool are SKIPPED — `pre-commit` is not installed (apt-get install pre-commit); --staged is still tested through git.",
  );

const TOKEN = fakeRedisToken("write");
const GIT_ENV = {
  GIT_AUTHOR_NAME: "t",
  GIT_AUTHOR_EMAIL: "t@example.com",
  GIT_COMMITTER_NAME: "t",
  GIT_COMMITTER_EMAIL: "t@example.com",
  // Neither this machine's git configuration nor its global hooks take part.
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

/** A small Next.js app whose server module holds a hard-coded write token; committed. */
function project(dir: string): void {
  writeTree(dir, {
    "package.json": JSON.stringify({
      name: "shop",
      private: true,
      dependencies: { "@upstash/redis": "1.38.0", next: "16.0.0" },
    }),
    // The literal is reported by rule 5 already; rule 1 reports it once client code imports the module.
    "lib/cache.ts": `import { Redis } from "@upstash/redis";\n\nexport const cache = new Redis({ url: "https://eu1-fine-owl-12345.upstash.io", token: "${TOKEN}" });\n`,
    "app/page.tsx": "export default function Page() {\n  return <main>shop</main>;\n}\n",
  });
}

const CLIENT = `"use client";\nimport { cache } from "../lib/cache";\n\nexport async function Views() {\n  return <span>{await cache.get<number>("views")}</span>;\n}\n`;

describe.skipIf(!hasBundle)("--staged (pre-commit)", () => {
  let tmp: { dir: string; cleanup: () => void };
  let n = 0;
  beforeAll(() => {
    tmp = tempDir("upstash-scan-precommit-");
  });
  afterAll(() => tmp?.cleanup());

  /** A fresh repository with the project committed; `git` runs in it. */
  function repo(extra: Record<string, string> = {}) {
    const dir = path.join(tmp.dir, `repo-${++n}`);
    fs.mkdirSync(dir);
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "init.defaultBranch=main", ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, ...GIT_ENV, HOME: tmp.dir, PRE_COMMIT_HOME: path.join(tmp.dir, "pre-commit-cache") },
      });
    git("init", "-q");
    project(dir);
    writeTree(dir, extra);
    git("add", "-A");
    git("commit", "-qm", "shop");
    return { dir, git };
  }

  it("through git: a staged client component that reaches the token fails; an unrelated staged file passes", () => {
    const { dir, git } = repo();
    writeTree(dir, { "components/Views.tsx": CLIENT, "NOTES.md": "# notes\n" });

    git("add", "components/Views.tsx");
    const blocked = runCli(["--staged"], { cwd: dir });
    expect(blocked.status).toBe(1);
    expect(blocked.stdout).toMatch(/lib\/cache\.ts:3:\d+ +critical credential-in-client-code/);
    expect(blocked.stdout).toContain("components/Views.tsx:2");
    expect(blocked.stdout).not.toContain(TOKEN);
    // The pre-existing hard-coded token is in a file that is not staged: counted, not shown.
    expect(blocked.stdout).not.toContain("hardcoded-credential");
    expect(blocked.stderr).toContain("--staged: 1 finding in files that are not staged is not shown");

    // Handing the hook the staged file names instead, as most hooks do, loses the cross-file finding.
    expect(runCli(["components/Views.tsx"], { cwd: dir }).status).toBe(0);

    git("reset", "-q");
    git("add", "NOTES.md");
    const passed = runCli(["--staged"], { cwd: dir });
    expect(passed.status).toBe(0);
    expect(passed.stdout).toContain("0 Critical");
  });

  it("through git: a staged file with its own finding fails; nothing staged passes; outside git is a usage error", () => {
    const { dir, git } = repo();
    fs.appendFileSync(path.join(dir, "lib/cache.ts"), "// touched\n");
    git("add", "lib/cache.ts");
    const r = runCli(["--staged", "--fail-on", "medium", "--format", "json"], { cwd: dir });
    expect(r.status).toBe(1);
    const findings = (JSON.parse(r.stdout) as { findings: Array<{ rule: string; file: string }> }).findings;
    expect(findings.map((f) => [f.rule, f.file])).toEqual([["upstash/token-rotation-neglect", "lib/cache.ts"]]);
    git("reset", "-q");
    expect(runCli(["--staged", "--fail-on", "medium"], { cwd: dir }).status).toBe(0);
    expect(runCli(["--fail-on", "medium"], { cwd: dir }).status).toBe(1);

    const plain = path.join(tmp.dir, "not-git");
    project(plain);
    const usage = runCli(["--staged"], { cwd: plain });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--staged needs a git work tree/);
  });

  describe.skipIf(!hasPreCommit)("through the pre-commit tool", () => {
    /** A hook repository as users reference it: the hook manifest, bin/ and the committed bundle. */
    let hookRepo: string;
    let hookRev: string;
    beforeAll(() => {
      hookRepo = path.join(tmp.dir, "hook-repo");
      fs.mkdirSync(hookRepo);
      for (const rel of [".pre-commit-hooks.yaml", "bin", "dist", "package.json"])
        fs.cpSync(path.join(REPO, rel), path.join(hookRepo, rel), { recursive: true });
      const git = (...args: string[]) =>
        execFileSync("git", ["-c", "init.defaultBranch=main", ...args], {
          cwd: hookRepo,
          encoding: "utf8",
          env: { ...process.env, ...GIT_ENV },
        }).trim();
      git("init", "-q");
      git("add", "-A");
      git("commit", "-qm", "hook");
      hookRev = git("rev-parse", "HEAD");
      expect(fs.statSync(path.join(hookRepo, "bin/upstash-scan.js")).mode & 0o111).not.toBe(0);
    });

    it("blocks a commit that makes the write token reach client code, and lets an unrelated one through", () => {
      const config = `repos:\n  - repo: ${hookRepo}\n    rev: ${hookRev}\n    hooks:\n      - id: upstash-scan\n`;
      const { dir, git } = repo({ ".pre-commit-config.yaml": config });
      const install = spawnSync("pre-commit", ["install"], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, HOME: tmp.dir },
      });
      expect(install.status, install.stderr).toBe(0);
      writeTree(dir, { "components/Views.tsx": CLIENT, "NOTES.md": "# notes\n" });
      const commit = (file: string) => {
        git("add", file);
        return spawnSync("git", ["commit", "-m", `add ${file}`], {
          cwd: dir,
          encoding: "utf8",
          env: {
            ...process.env,
            ...GIT_ENV,
            HOME: tmp.dir,
            PRE_COMMIT_HOME: path.join(tmp.dir, "pre-commit-cache"),
            NO_COLOR: "1",
          },
        });
      };
      const head = () => git("rev-parse", "HEAD").trim();
      const before = head();

      const blocked = commit("components/Views.tsx");
      expect(blocked.status, blocked.stdout + blocked.stderr).toBe(1);
      // git shows a hook's output on stderr.
      const output = blocked.stdout + blocked.stderr;
      expect(output).toMatch(/upstash-scan.*Failed/);
      expect(output).toMatch(/lib\/cache\.ts:3:\d+ +critical credential-in-client-code/);
      expect(output).not.toContain(TOKEN);
      expect(head()).toBe(before);

      git("reset", "-q");
      const passed = commit("NOTES.md");
      expect(passed.status, passed.stdout + passed.stderr).toBe(0);
      expect(passed.stdout + passed.stderr).toMatch(/upstash-scan.*Passed/);
      expect(head()).not.toBe(before);
    });
  });
});

// The bin script is what `language: script` runs: it must stay executable in git.
it("bin/upstash-scan.js is executable in the index", () => {
  const mode = execFileSync("git", ["ls-files", "-s", "bin/upstash-scan.js"], { cwd: REPO, encoding: "utf8" });
  expect(mode.startsWith("100755 ")).toBe(true);
  expect(fs.readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
});
