/**
 * The command line forgives what eslint and semgrep users type (issue 19): levels in any case, a
 * "did you mean" for a misspelt flag, output files checked before the scan, --changed-since alone,
 * unknown refs named; and it speaks on stderr only as asked: progress on a terminal, --quiet,
 * --verbose, colours by flag and environment.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, runCli, runCliInProcess, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { suggestFlag } from "../src/cli/args";
import { useColor } from "../src/cli";

const tree = temporaryTrees(afterEach);
const ANSI = /\x1b\[/;

/** A tree whose only finding is medium (a hard-coded token). */
const mediumTree = () => tree({ "seed.ts": `const t = "${fakeRedisToken()}";\n` });

function gitRepo(files: Record<string, string>): { dir: string; git: (...args: string[]) => void } {
  const dir = tree(files);
  const git = (...args: string[]) =>
    void execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", ...args], {
      cwd: dir,
      stdio: "pipe",
    });
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "base");
  return { dir, git };
}

describe("arguments", () => {
  it("takes levels and other choices in any case", async () => {
    const dir = mediumTree();
    expect((await runCliInProcess([dir, "--fail-on", "HIGH"])).status).toBe(0);
    expect((await runCliInProcess([dir, "--fail-on", "Medium"])).status).toBe(1);
    const json = await runCliInProcess([dir, "--format", "JSON", "--fail-on", "NONE"]);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout).findings).toHaveLength(1);
    const bad = await runCliInProcess([dir, "--fail-on", "severe"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--fail-on must be critical, high, medium, low or none, not "severe"');
    // The configuration file's severity too.
    fs.writeFileSync(
      path.join(dir, ".upstash-scan.yml"),
      "rules:\n  upstash/token-rotation-neglect:\n    severity: HIGH\n",
    );
    const high = await runCliInProcess([dir, "--format", "json"]);
    expect(high.status).toBe(1);
    expect(JSON.parse(high.stdout).findings[0].severity).toBe("high");
  });

  it('answers a misspelt flag with "did you mean"', async () => {
    for (const [typo, meant] of [
      ["--fial-on", "--fail-on"],
      ["--fail_on", "--fail-on"],
      ["--failon", "--fail-on"],
      ["--formt", "--format"],
      ["--chagned-since", "--changed-since"],
      ["--list-supressions", "--list-suppressions"],
      ["--verbos", "--verbose"],
    ]) {
      const r = await runCliInProcess([typo!, "x", "."]);
      expect(r.status, typo).toBe(2);
      expect(r.stderr, typo).toContain(`unknown option ${typo} (did you mean ${meant}?)`);
      expect(r.stdout).toBe("");
    }
    expect(suggestFlag("--bogus")).toBeUndefined();
    const r = await runCliInProcess(["--bogus"]);
    expect(r.stderr.split("\n")[0]).toBe("upstash-scan: unknown option --bogus");
  });

  it("refuses an empty path instead of scanning the current directory", async () => {
    const r = await runCliInProcess([""]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("an empty path was given");
  });

  it("checks output files before scanning, making their directories", async () => {
    const dir = mediumTree();
    const out = path.join(dir, "reports/deep/er/out.json");
    const r = await runCliInProcess([dir, "--format", "json", "--output", out, "--fail-on", "none"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, "utf8")).findings).toHaveLength(1);
    // A path that cannot be written is reported before the scan: the missing scan path is never reached.
    fs.writeFileSync(path.join(dir, "file"), "");
    for (const [flag, value, reason] of [
      ["--output", path.join(dir, "file/out.json"), "cannot be written"],
      ["--sarif", dir, "is a directory"],
      ["--write-baseline", path.join(dir, "file/b.json"), "cannot be written"],
    ]) {
      const bad = await runCliInProcess(["no/such/path", flag!, value!]);
      expect(bad.status, flag).toBe(2);
      expect(bad.stderr, flag).toContain(reason);
      expect(bad.stderr).not.toContain("path not found");
    }
    const same = await runCliInProcess([dir, "--output", out, "--sarif", out]);
    expect(same.stderr).toContain("--output and --sarif name the same file");
  });

  it("gates on new findings with --changed-since alone, and names an unknown ref", async () => {
    const { dir, git } = gitRepo({
      "old.ts": `const a = "${fakeRedisToken()}";\n`,
      "keep.ts": "export const x = 1;\n",
    });
    git("checkout", "-q", "-b", "feature");
    fs.writeFileSync(path.join(dir, "keep.ts"), "export const x = 2;\n");
    git("commit", "-qam", "harmless");
    // The old finding is reported but does not gate: only changed lines do.
    const r = await runCliInProcess([dir, "--fail-on", "low", "--changed-since", "main"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("old.ts:1:");
    expect(r.stdout).toContain("Gate: 0 new findings at or above low since main.");
    expect((await runCliInProcess([dir, "--fail-on", "low"])).status).toBe(1);

    const unknown = await runCliInProcess([dir, "--changed-since", "mian"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown revision "mian"');
    expect(unknown.stderr).not.toContain("shallow");
    const both = await runCliInProcess([dir, "--changed-since", "main", "--gate-on", "all"]);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("choose one");
    expect((await runCliInProcess([dir, "--gate-on", "NEW"])).stderr).toContain("--gate-on new needs --changed-since");
    expect((await runCliInProcess([dir, "--changed-since=--upload-pack=x"])).stderr).toContain(
      "needs a branch, tag or commit",
    );
  });

  it('says "1 file" and "1 finding"', async () => {
    const r = await runCliInProcess([mediumTree()]);
    expect(r.stdout).toMatch(/Scanned 1 file in [\d.]+ s/);
    expect(r.stdout).toContain("— 1 finding ·");
  });
});

describe("verbosity", () => {
  it("--quiet prints the findings only, and nothing on stderr", async () => {
    const dir = tree({
      "seed.ts": `const t = "${fakeRedisToken()}";\n`,
      // A suppression that matches nothing: a scan note that --quiet keeps to itself.
      "b.ts": "// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- stale\nexport const x = 1;\n",
    });
    const r = await runCliInProcess([dir, "--quiet", "--fail-on", "none"], { stderrTTY: true });
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("seed.ts:1:");
    for (const noise of ["upstash-scan 0.", "╭", "no findings", "Scan notes", "Scanned "])
      expect(r.stdout).not.toContain(noise);
    const clean = await runCliInProcess([tree({ "a.ts": "export const a = 1;\n" }), "-q"]);
    expect(clean.stdout).toBe("");
    expect((await runCliInProcess([dir, "--quiet", "--verbose"])).status).toBe(2);
  });

  it("--verbose reports phases, counts and timings on stderr, keeping stdout as it is", async () => {
    const dir = mediumTree();
    const plain = await runCliInProcess([dir, "--format", "json"]);
    const r = await runCliInProcess([dir, "--format", "json", "--verbose"]);
    expect(JSON.parse(r.stdout).findings).toEqual(JSON.parse(plain.stdout).findings);
    expect(r.stderr).toContain(`source root ${dir} (not in git: the scanned directory)`);
    expect(r.stderr).toContain(".: configuration defaults");
    expect(r.stderr).toMatch(/\[\d+\.\d\d s\] reading and analysing files/);
    expect(r.stderr).toMatch(/\[\d+\.\d\d s\] cross-file analysis/);
    expect(r.stderr).toContain("files: 1 found, 1 read, 0 prefiltered out, 1 parsed");
    expect(r.stderr).toMatch(/time per phase \(summed over worker threads\): .*read \d+ ms/);
    expect(r.stderr).toMatch(/done in \d+\.\d\d s/);
    expect(plain.stderr).toBe("");
  });

  it("draws a progress line only on a terminal, once the delay has passed", async () => {
    const dir = mediumTree();
    const env = { UPSTASH_SCAN_PROGRESS_DELAY_MS: "0" };
    const tty = await runCliInProcess([dir, "--fail-on", "none"], { stderrTTY: true, env });
    expect(tty.stderr).toMatch(
      /\r\x1b\[2Kupstash-scan: reading and analysing files · \d+ found · \d+ read · \d+ parsed/,
    );
    // The line is wiped before the report, so nothing of it stays on the screen.
    expect(tty.stderr.endsWith("\r\x1b[2K")).toBe(true);
    expect((await runCliInProcess([dir, "--fail-on", "none"], { stderrTTY: false, env })).stderr).toBe("");
    expect((await runCliInProcess([dir, "-q"], { stderrTTY: true, env })).stderr).toBe("");
    const slow = { UPSTASH_SCAN_PROGRESS_DELAY_MS: "600000" };
    expect((await runCliInProcess([dir, "--fail-on", "none"], { stderrTTY: true, env: slow })).stderr).toBe("");
  });

  it("the bundle draws progress under a pseudo-terminal and not into a pipe", () => {
    const env = { ...process.env, UPSTASH_SCAN_PROGRESS_DELAY_MS: "0", NO_COLOR: "1" };
    const dir = mediumTree();
    const out = path.join(dir, "stdout.txt");
    // script(1) gives the command a terminal; stdout goes to a file, so the terminal shows stderr only.
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${JSON.stringify(dir)} --fail-on none > ${JSON.stringify(out)}`;
    const pty = spawnSync("script", ["-qec", cmd, "/dev/null"], { env, encoding: "utf8" });
    expect(pty.status, pty.stderr).toBe(0);
    expect(pty.stdout).toMatch(/upstash-scan: reading and analysing files · \d+ found/);
    expect(fs.readFileSync(out, "utf8")).toContain("seed.ts:1:");
    expect(fs.readFileSync(out, "utf8")).not.toContain("reading and analysing");
    const piped = runCli([dir, "--fail-on", "none"], { env: { UPSTASH_SCAN_PROGRESS_DELAY_MS: "0" } });
    expect(piped.stderr).toBe("");
  });
});

describe("colour", () => {
  it("follows --color/--no-color, then FORCE_COLOR, NO_COLOR and the terminal", async () => {
    expect(useColor(undefined, {}, true)).toBe(true);
    expect(useColor(undefined, {}, false)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "1" }, true)).toBe(false);
    expect(useColor(undefined, { NO_COLOR: "" }, true)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "1" }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "" }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "1", NO_COLOR: "1" }, false)).toBe(true);
    expect(useColor(undefined, { FORCE_COLOR: "0" }, true)).toBe(false);
    expect(useColor(undefined, { TERM: "dumb" }, true)).toBe(false);
    expect(useColor(false, { FORCE_COLOR: "1" }, true)).toBe(false);
    expect(useColor(true, { NO_COLOR: "1" }, false)).toBe(true);
    // Writing to a file: plain unless --color says otherwise.
    expect(useColor(undefined, { FORCE_COLOR: "1" }, undefined)).toBe(false);

    const dir = mediumTree();
    const run = async (args: string[], env: NodeJS.ProcessEnv, stdoutTTY = false) =>
      (await runCliInProcess([dir, "--fail-on", "none", ...args], { env, stdoutTTY })).stdout;
    expect(await run([], {})).not.toMatch(ANSI);
    expect(await run([], {}, true)).toMatch(ANSI);
    expect(await run(["--color"], {})).toMatch(ANSI);
    expect(await run(["--no-color"], { FORCE_COLOR: "1" }, true)).not.toMatch(ANSI);
    expect(await run(["--no-color", "--color"], {})).toMatch(ANSI);
    expect(await run([], { FORCE_COLOR: "1" })).toMatch(ANSI);
    expect(await run([], { NO_COLOR: "1" }, true)).not.toMatch(ANSI);
  });
});
