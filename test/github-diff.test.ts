import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changesFromFiles, pullRequestChanges } from "../src/github/diff";
import { parseGitDiff } from "../src/engine/changed-lines";
import { planAnnotations } from "../src/github/annotations";
import type { Finding } from "../src/engine/types";
import { tempDir } from "./support/run";

describe("parseGitDiff", () => {
  it("reads the new side's changed ranges per file", () => {
    const diff = [
      "diff --git a/src/a.ts b/src/a.ts",
      "--- a/src/a.ts",
      "+++ b/src/a.ts",
      "@@ -3 +3 @@ export const x = 1;",
      "-old",
      "+new",
      "@@ -10,0 +11,3 @@",
      "+a",
      "+b",
      "+c",
      "@@ -20,2 +23,0 @@",
      "-gone",
      "-gone",
      "diff --git a/old.ts b/old.ts",
      "deleted file mode 100644",
      "--- a/old.ts",
      "+++ /dev/null",
      "@@ -1,2 +0,0 @@",
      "diff --git a/new dir/b.ts b/new dir/b.ts",
      "--- /dev/null",
      "+++ b/new dir/b.ts",
      "@@ -0,0 +1,2 @@",
    ].join("\n");
    const lines = diff.replace("@@ -0,0 +1,2 @@", "@@ -0,0 +1,2 @@\n+x\n+y");
    const c = parseGitDiff(lines);
    expect(c.files).toEqual(["src/a.ts", "new dir/b.ts"]);
    expect(c.lines("src/a.ts")).toEqual([3, 11, 12, 13]);
    expect(c.lines("new dir/b.ts")).toEqual([1, 2]);
    expect(c.touches("src/a.ts", 12)).toBe(true);
    expect(c.touches("src/a.ts", 14, 20)).toBe(false);
    expect(c.touches("src/a.ts", 9, 11)).toBe(true);
    expect(c.touches("old.ts", 1)).toBe(false);
  });
});

describe("changesFromFiles (the API's pull request files)", () => {
  it("reads added lines from patches with context, skips removed files, counts patch-less files whole", () => {
    const c = changesFromFiles([
      { filename: "a.ts", status: "modified", patch: "@@ -1,4 +1,5 @@\n ctx\n-old\n+new\n+added\n ctx\n ctx" },
      { filename: "gone.ts", status: "removed", patch: "@@ -1 +0,0 @@\n-x" },
      { filename: "big.min.js", status: "modified" },
    ]);
    expect(c.lines("a.ts")).toEqual([2, 3]);
    expect(c.touches("gone.ts", 1)).toBe(false);
    expect(c.touches("big.min.js", 12345)).toBe(true);
  });
});

describe("pullRequestChanges (real git history)", () => {
  let tmp: { dir: string; cleanup: () => void };
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args],
      { cwd: tmp.dir, encoding: "utf8" },
    ).trim();
  let base = "";
  let feature = "";
  beforeAll(() => {
    tmp = tempDir("upstash-scan-diff-");
    fs.writeFileSync(path.join(tmp.dir, "a.ts"), "1\n2\n3\n4\n5\n");
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "base");
    git("checkout", "-qb", "feature");
    fs.writeFileSync(path.join(tmp.dir, "a.ts"), "1\n2\nthree\n4\n5\n6\n");
    git("commit", "-qam", "feature");
    feature = git("rev-parse", "HEAD");
    git("checkout", "-q", "main");
    fs.writeFileSync(path.join(tmp.dir, "other.ts"), "x\n");
    git("add", "-A");
    git("commit", "-qm", "main moves on");
    base = git("rev-parse", "HEAD");
  });
  afterAll(() => tmp.cleanup());
  const pr = () => ({
    eventName: "pull_request",
    event: { pull_request: { number: 1, base: { sha: base }, head: { sha: feature } } },
  });

  it("compares a checked-out merge commit with its first parent", () => {
    git("checkout", "-q", "--detach", base);
    git("merge", "-q", "--no-ff", "-m", "merge", feature);
    const c = pullRequestChanges(pr(), tmp.dir)!;
    expect(c).toBeDefined();
    expect(c.files).toEqual(["a.ts"]);
    expect(c.lines("a.ts")).toEqual([3, 6]);
  });

  it("compares a checked-out head with the merge base", () => {
    git("checkout", "-q", "--detach", feature);
    const c = pullRequestChanges(pr(), tmp.dir)!;
    expect(c.files).toEqual(["a.ts"]);
    expect(c.lines("a.ts")).toEqual([3, 6]);
  });

  it("gives up quietly without the history or outside pull requests", () => {
    expect(pullRequestChanges({ eventName: "push", event: {} }, tmp.dir)).toBeUndefined();
    expect(
      pullRequestChanges(
        { eventName: "pull_request", event: { pull_request: { base: { sha: "0".repeat(40) } } } },
        tmp.dir,
      ),
    ).toBeUndefined();
  });
});

describe("annotations prefer the pull request's changed lines", () => {
  const f = (file: string, line: number, rule: Finding["rule"]): Finding => ({
    rule,
    check: "c",
    confidence: "high",
    message: `${file}:${line}`,
    location: { file, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 } },
  });
  it("puts findings on changed lines first, then the most severe", () => {
    const findings = [
      f("old.ts", 1, "upstash/write-token-in-frontend"),
      f("old.ts", 2, "upstash/write-token-in-frontend"),
      f("pr.ts", 5, "upstash/qstash-webhook-spoofing"),
    ];
    const changed = parseGitDiff("diff --git a/pr.ts b/pr.ts\n+++ b/pr.ts\n@@ -4,0 +5,1 @@\n+x\n");
    expect(
      planAnnotations(findings, { error: 2, warning: 0, notice: 0 }, changed).planned.map((p) => p.message),
    ).toEqual(["pr.ts:5", "old.ts:1"]);
    expect(planAnnotations(findings, { error: 2, warning: 0, notice: 0 }).planned.map((p) => p.message)).toEqual([
      "old.ts:1",
      "old.ts:2",
    ]);
  });
});
