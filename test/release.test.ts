/**
 * What a release relies on: the release check (scripts/release-check.mjs) accepts a repository
 * prepared as RELEASING.md says and names every mismatch otherwise; the release workflow publishes
 * only after it and CI; rule help links point at the version's tag; LICENSE and package.json agree.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { changelogSection, isHighest, releaseProblems } from "../scripts/release-check.mjs";
import { buildSarif } from "../src/sarif/build";
import { VERSION } from "../src/version";
import { REPO, tempDir } from "./support/run";

const read = (rel: string) => fs.readFileSync(path.join(REPO, rel), "utf8");

/** A copy of the files the check reads, prepared for releasing `version` as RELEASING.md says. */
function prepared(version: string, edit: (files: Record<string, string>) => void = () => {}) {
  const t = tempDir();
  const pkg = { ...JSON.parse(read("package.json")), version };
  const files: Record<string, string> = {
    "package.json": JSON.stringify(pkg, null, 2),
    "src/version.ts": read("src/version.ts").replace(/VERSION = "[^"]+"/, `VERSION = "${version}"`),
    "CHANGELOG.md": read("CHANGELOG.md").replace("## [Unreleased]", `## [Unreleased]\n\n## [${version}] - 2026-12-07`),
    "README.md": read("README.md").replace(
      /(upstash-scan\/upstash-scan(?:\/[^@\s]*)?)@v\d+/g,
      `$1@v${version.split(".")[0]}`,
    ),
  };
  edit(files);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(t.dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(t.dir, rel), text);
  }
  return t;
}

describe("release check", () => {
  it("accepts a repository prepared as RELEASING.md says", () => {
    const t = prepared("1.4.0");
    try {
      expect(releaseProblems(t.dir, "v1.4.0")).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it("names every mismatch between the tag and the repository", () => {
    const t = prepared("1.4.0", (f) => {
      f["src/version.ts"] = f["src/version.ts"]!.replace('"1.4.0"', '"1.3.9"');
      f["package.json"] = f["package.json"]!.replace(
        '"name": "upstash-scan",',
        '"name": "upstash-scan", "private": true,',
      );
      f["CHANGELOG.md"] = f["CHANGELOG.md"]!.replace("## [1.4.0] - 2026-12-07", "## [1.4.0]");
      f["README.md"] += "\n      - uses: upstash-scan/upstash-scan@main\n";
    });
    try {
      expect(releaseProblems(t.dir, "v1.4.1")).toEqual([
        "package.json has version 1.4.0, the tag says 1.4.1",
        "package.json is private: npm would refuse to publish it",
        "src/version.ts has VERSION 1.3.9, the tag says 1.4.1",
        'CHANGELOG.md has no "## [1.4.1] - YYYY-MM-DD" section',
        "README.md pins the Action to main; use @v1",
      ]);
      expect(releaseProblems(t.dir, "v1.4.0")).toEqual([
        "package.json is private: npm would refuse to publish it",
        "src/version.ts has VERSION 1.3.9, the tag says 1.4.0",
        "CHANGELOG.md's section for 1.4.0 has no date",
        "README.md pins the Action to main; use @v1",
      ]);
      expect(releaseProblems(t.dir, "1.4.0")).toEqual(['the tag "1.4.0" is not vMAJOR.MINOR.PATCH']);
    } finally {
      t.cleanup();
    }
  });

  it("refuses a package with runtime dependencies", () => {
    const t = prepared("2.0.0", (f) => {
      f["package.json"] = JSON.stringify({ ...JSON.parse(f["package.json"]!), dependencies: { yaml: "2.9.1" } });
    });
    try {
      expect(releaseProblems(t.dir, "v2.0.0")).toContain(
        "package.json has runtime dependencies (yaml): the bundle must be self-contained",
      );
    } finally {
      t.cleanup();
    }
  });

  it("reads a Keep a Changelog section up to the next one or the link definitions", () => {
    const text =
      "# Changelog\n\n## [Unreleased]\n\n## [1.1.0] - 2026-01-02\n\n### Fixed\n\n- a\n\n## [1.0.0] - 2025-12-01\n\n- b\n\n[1.1.0]: https://x\n";
    expect(changelogSection(text, "1.1.0")).toEqual({ date: "2026-01-02", body: "### Fixed\n\n- a" });
    expect(changelogSection(text, "1.0.0")).toEqual({ date: "2025-12-01", body: "- b" });
    expect(changelogSection(text, "1.0")).toBeUndefined();
    // This repository's own changelog keeps an [Unreleased] section for what the next release brings.
    expect(changelogSection(read("CHANGELOG.md"), "Unreleased")?.body).toMatch(/### Added/);
  });

  it("moves the major tag and npm's latest only for the highest version", () => {
    const tags = ["v1.0.0", "v1.2.0", "v2.0.0", "v1", "v2", "nightly"];
    expect(isHighest("v1.2.1", tags, true)).toBe(true);
    expect(isHighest("v1.2.1", tags)).toBe(false); // a backport: v1 moves, npm latest stays on 2.0.0
    expect(isHighest("v1.1.5", tags, true)).toBe(false);
    expect(isHighest("v2.0.1", tags)).toBe(true);
    expect(isHighest("v1.10.0", ["v1.9.0"], true)).toBe(true); // numeric, not text, order
  });

  it("runs as the workflow runs it: outputs for GITHUB_OUTPUT, exit 1 with the problems", () => {
    const t = prepared("1.4.0");
    try {
      fs.mkdirSync(path.join(t.dir, "scripts"));
      fs.copyFileSync(path.join(REPO, "scripts/release-check.mjs"), path.join(t.dir, "scripts/release-check.mjs"));
      const notes = path.join(t.dir, "notes.md");
      const run = (...args: string[]) =>
        spawnSync(process.execPath, [path.join(t.dir, "scripts/release-check.mjs"), ...args], { encoding: "utf8" });
      const ok = run("v1.4.0", "--notes", notes, "--tags", "v1.3.0 v1.4.0 v2.0.0");
      expect(ok.status).toBe(0);
      expect(ok.stdout).toBe("major=v1\nmajor-latest=true\nnpm-latest=false\n");
      expect(fs.readFileSync(notes, "utf8")).toMatch(/^### Added\n/);
      const bad = run("v1.5.0");
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain("release-check: package.json has version 1.4.0, the tag says 1.5.0");
    } finally {
      t.cleanup();
    }
  });
});

describe("release workflow", () => {
  interface Step {
    name?: string;
    run?: string;
    uses?: string;
    if?: string;
  }
  interface Job {
    needs?: string;
    permissions?: Record<string, string>;
    steps: Step[];
  }
  const wf = YAML.parse(read(".github/workflows/release.yml")) as {
    on: { push: { tags: string[] } };
    permissions: Record<string, string>;
    jobs: { check: Job; publish: Job };
  };
  const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

  it("checks version, changelog and dist/ (CI) without write access, then publishes", () => {
    expect(wf.on.push.tags).toEqual(["v[0-9]+.[0-9]+.[0-9]+"]);
    expect(wf.permissions).toEqual({ contents: "read" });
    expect(wf.jobs.check.permissions).toBeUndefined();
    expect(runs(wf.jobs.check)).toContain('node scripts/release-check.mjs "$GITHUB_REF_NAME"');
    expect(runs(wf.jobs.check)).toContain(".ci/run");
    expect(read(".ci/run")).toContain("dist/ must be reproducible from the sources");
    expect(wf.jobs.publish.needs).toBe("check");
    expect(wf.jobs.publish.permissions).toEqual({ contents: "write", "id-token": "write" });
    const publish = runs(wf.jobs.publish);
    expect(publish).toContain("gh release create");
    expect(publish).toContain('git push --force origin "refs/tags/$MAJOR"');
    expect(publish).toContain("npm publish --provenance --access public");
  });
});

describe("release metadata", () => {
  it("rule help links point at this version's tag, where the documentation exists", () => {
    const sarif = buildSarif({
      srcRoot: REPO,
      findings: [],
      notifications: [],
      stats: { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: {} },
      startedAt: new Date(0),
      finishedAt: new Date(0),
    });
    const rules = sarif.runs[0]!.tool.driver.rules!;
    expect(rules).toHaveLength(5);
    for (const rule of rules) {
      const m = new RegExp(
        `^https://github\\.com/upstash-scan/upstash-scan/blob/v${VERSION.replace(/\./g, "\\.")}/(docs/rules/[a-z-]+\\.md)$`,
      ).exec(rule.helpUri!);
      expect(m, rule.helpUri).not.toBeNull();
      expect(fs.existsSync(path.join(REPO, m![1]!)), m![1]).toBe(true);
    }
  });

  it("LICENSE is the MIT licence package.json names", () => {
    expect(JSON.parse(read("package.json")).license).toBe("MIT");
    expect(read("LICENSE")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} /);
  });
});
