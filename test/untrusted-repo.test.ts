/**
 * The scanned repository is untrusted (issue 15): hostile git repositories built at test time and
 * scanned by the bundled CLI, one describe per defect the outside attack found. Each test failed on
 * the code before the fix (see docs/security.md for the promise each one keeps).
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, REPO, tempDir, writeTree, type Run } from "./support/run";
import { gitIn } from "./support/action-step";
import { fakeQstashToken, fakeRedisToken, fakeSigningKey } from "./support/credentials";
import { finalizeFindings } from "../src/engine/finalize";
import { defaultConfig } from "../src/config/defaults";
import { SecretRegistry, scrubShapes } from "../src/secrets/redact";
import type { Finding } from "../src/engine/types";
import { scan } from "../src/engine/scan";
import { changeScope } from "../src/engine/base-findings";
import { ChangedLines, mergeBaseOf } from "../src/engine/changed-lines";
import { gatingFindings } from "../src/output/gate";

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A fresh temporary directory holding `repo/` (a git repository with `files` committed) and room around it. */
function repo(
  files: Record<string, string | Buffer>,
  message = "base",
): { dir: string; outside: string; git: (...a: string[]) => string } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const dir = path.join(t.dir, "repo");
  fs.mkdirSync(dir);
  writeTree(dir, files);
  const git = gitIn(dir);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", message);
  return { dir, outside: t.dir, git };
}

/** The CLI with a time limit: a hang is a failure, not a stuck test run. */
function cli(args: string[], cwd: string, timeoutMs = 60_000): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: "1" },
    encoding: "utf8",
    timeout: timeoutMs,
    killSignal: "SIGKILL",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonOut {
  findings: Array<{
    rule: string;
    check: string;
    severity: string;
    file: string;
    startLine: number;
    excerpt?: string;
    message: string;
    suppressed?: { reason: string };
  }>;
  notifications: Array<{ id: string; file?: string; message: string }>;
  stats: { read: number };
}
const json = (r: Run): JsonOut => JSON.parse(r.stdout) as JsonOut;

const clientPage = (token: string) =>
  `"use client";\nconst t = "${token}";\nexport default function P() { return <p>{t.length}</p>; }\n`;

describe("1. --history never reads outside the root", () => {
  it("does not follow a file since replaced by a link out of the root, nor block on a FIFO behind one", () => {
    const { dir, outside, git } = repo({ "a.env": `QSTASH_TOKEN=${fakeQstashToken()}\n` });
    fs.writeFileSync(path.join(outside, "passwd"), "root:x:0:0:OUTSIDE-CONTENT:/root:/bin/bash\n");
    fs.rmSync(path.join(dir, "a.env"));
    fs.symlinkSync(path.join(outside, "passwd"), path.join(dir, "a.env"));
    git("add", "-A");
    git("commit", "-qm", "link");
    const r = cli([".", "--history", "--format", "json", "--fail-on", "none"], dir);
    expect(r.status).toBe(0);
    const out = json(r);
    expect(out.findings.map((f) => `${f.file}:${f.check}`)).toEqual(["a.env:exposed-in-history"]);
    expect(r.stdout).not.toContain("OUTSIDE-CONTENT");

    // The same link pointing at a FIFO: the scan ends.
    execFileSync("mkfifo", [path.join(outside, "fifo")]);
    fs.rmSync(path.join(dir, "a.env"));
    fs.symlinkSync(path.join(outside, "fifo"), path.join(dir, "a.env"));
    const hung = cli([".", "--history", "--format", "json", "--fail-on", "none"], dir, 30_000);
    expect(hung.status).toBe(0);
    expect(json(hung).findings.map((f) => f.file)).toEqual(["a.env"]);
  });

  it("skips a crafted `..` tree entry instead of reporting ../outside.env and printing its first line", () => {
    const { dir, outside, git } = repo({ "README.md": "hello\n" });
    fs.writeFileSync(path.join(outside, "outside.env"), "FIRST-LINE-OF-OUTSIDE\n");
    const blob = execFileSync("git", ["hash-object", "-w", "--stdin"], {
      cwd: dir,
      input: `QSTASH_TOKEN=${fakeQstashToken()}\n`,
      encoding: "utf8",
    }).trim();
    const sub = execFileSync("git", ["mktree"], {
      cwd: dir,
      input: `100644 blob ${blob}\toutside.env\n`,
      encoding: "utf8",
    }).trim();
    // Git's own tools refuse a tree entry named "..": written as raw tree bytes.
    const raw = Buffer.concat([Buffer.from("40000 ..\0"), Buffer.from(sub, "hex")]);
    const tree = execFileSync("git", ["hash-object", "-t", "tree", "--literally", "-w", "--stdin"], {
      cwd: dir,
      input: raw,
      encoding: "utf8",
    }).trim();
    const commit = git("commit-tree", tree, "-p", "HEAD", "-m", "crafted");
    git("update-ref", "refs/heads/crafted", commit);

    const r = cli([".", "--history", "--format", "json", "--fail-on", "none"], dir);
    expect(r.status).toBe(0);
    const out = json(r);
    expect(out.findings.filter((f) => f.file.startsWith(".."))).toEqual([]);
    expect(r.stdout).not.toContain("FIRST-LINE-OF-OUTSIDE");
    expect(out.notifications.map((n) => n.id)).toContain("history-unsafe-path");
  });
});

describe("2. tracked files are scanned whatever .gitignore says", () => {
  it("still reports a committed client file after its directory is added to .gitignore; untracked ignored files stay out", () => {
    const { dir, git } = repo({ "app/w.tsx": clientPage(fakeRedisToken()) });
    expect(cli([".", "--fail-on", "high"], dir).status).toBe(1);
    fs.writeFileSync(path.join(dir, ".gitignore"), "app/\n");
    git("add", ".gitignore");
    git("commit", "-qm", "ignore app");
    writeTree(dir, { "app/untracked.tsx": clientPage(fakeRedisToken()) });
    const r = cli([".", "--format", "json", "--fail-on", "high"], dir);
    expect(r.status).toBe(1);
    const files = json(r).findings.map((f) => f.file);
    expect(files).toContain("app/w.tsx");
    expect(files).not.toContain("app/untracked.tsx");
  });
});

describe("3. no CLI output starts a workflow command", () => {
  it("neutralises newlines from identifiers, keys and file names in every format (CI logs show them)", () => {
    const injected = "\n::error title=FORGED::x\n";
    const { dir } = repo({
      "package.json": '{ "dependencies": { "next": "15.0.0" } }\n',
      "app/page.tsx": `"use client";\nexport const t = process.env[${JSON.stringify(`NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN${injected}`)}];\n`,
      "lib/keys.ts": `export const cfg = { ${JSON.stringify(`UPSTASH_REDIS_REST_TOKEN\r::warning title=FORGED::y`)}: "${fakeRedisToken()}" };\n`,
      [`lib/evil\n::error title=FORGED::z.ts`]: `// upstash-scan-ignore upstash/token-rotation-neglect -- ok\n::error title=FORGED::w\nexport const t = "${fakeRedisToken()}"; // ##[error]FORGED\n`,
    });
    for (const args of [
      [],
      ["--format", "compact"],
      ["--format", "junit"],
      ["--list-suppressions"],
      ["--format", "json"],
    ]) {
      const r = cli([".", "--fail-on", "none", ...args], dir);
      expect(r.status, args.join(" ")).toBe(0);
      const lines = (r.stdout + r.stderr).split(/\r\n|\r|\n/);
      expect(
        lines.filter((l) => /^[\s\u0085]*::/.test(l) || l.includes("##[")),
        args.join(" "),
      ).toEqual([]);
    }
    // Five scans: more than the default time limit when the machine is busy.
  }, 240_000);
});

describe("4. no git setting of the scanned repository runs a command", () => {
  it("plain, --history and --gate-on new scans run no fsmonitor hook, filter, textconv, external diff or gpg program", () => {
    const { dir, outside, git } = repo({
      ".env": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
      "a.ts": "export const a = 1;\n",
      ".gitattributes": "* filter=evil diff=evil\n",
    });
    writeTree(dir, { "a.ts": "export const a = 2;\n" });
    git("commit", "-qam", "second");
    const marker = (name: string) => path.join(outside, `pwned-${name}`);
    const settings: Record<string, string> = {
      "core.fsmonitor": `touch ${marker("fsmonitor")}; false`,
      "filter.evil.clean": `touch ${marker("clean")}; cat`,
      "filter.evil.smudge": `touch ${marker("smudge")}; cat`,
      "filter.evil.process": `touch ${marker("process")}`,
      "filter.evil.required": "true",
      "diff.evil.textconv": `touch ${marker("textconv")}; cat`,
      "diff.external": `touch ${marker("external")}`,
      "log.showSignature": "true",
      "gpg.program": `touch ${marker("gpg")}`,
      "core.pager": `touch ${marker("pager")}; cat`,
    };
    for (const [k, v] of Object.entries(settings)) git("config", k, v);
    // The work tree differs from the index's stat data: git would run the clean filter to compare.
    writeTree(dir, { "a.ts": "export const a = 3;\n" });

    const statuses = [
      cli([".", "--fail-on", "none"], dir).status,
      cli([".", "--history", "--fail-on", "none"], dir).status,
      cli([".", "--gate-on", "new", "--changed-since", "HEAD~1", "--fail-on", "none"], dir).status,
    ];
    expect(fs.readdirSync(outside).filter((f) => f.startsWith("pwned-"))).toEqual([]);
    // And git still answered: the scans ran to their end (a required filter overridden is no error).
    expect(statuses).toEqual([0, 0, 0]);
  });

  it("takes --changed-since as a ref, never as an option", () => {
    const { dir } = repo({ "a.ts": `const t = "${fakeRedisToken()}";\n` });
    // Passed to `git merge-base` as an option, `--independent` printed HEAD: a base with no changes.
    const r = cli([".", "--gate-on", "new", "--changed-since=--independent", "--fail-on", "low"], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/needs a branch, tag or commit, not "--independent"/);
    // Past the argument check (a ref that only git would read as an option) it is still a ref: none exists.
    expect(() => mergeBaseOf("--independent", dir)).toThrow(/unknown revision "--independent"/);
  });
});

describe("5. secrets in suppression reasons and paths are redacted", () => {
  it("hides a token written into a suppression reason, and a key in a file name, on every CLI channel", () => {
    const inReason = fakeRedisToken();
    const key = fakeSigningKey();
    const { dir, outside } = repo({
      "src/a.ts": `// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- was ${inReason}\nconst t = "${fakeRedisToken()}";\n`,
      [`src/${key}.ts`]: `export const t = "${fakeRedisToken()}";\n`,
    });
    const sarif = path.join(outside, "out.sarif");
    const baseline = path.join(outside, "baseline.json");
    const text = cli([".", "--fail-on", "none", "--sarif", sarif, "--write-baseline", baseline], dir);
    const asJson = cli([".", "--format", "json", "--fail-on", "none"], dir);
    const out = json(asJson);
    expect(out.findings.some((f) => f.suppressed)).toBe(true);
    expect(out.findings.some((f) => f.file.startsWith("src/sig_") && f.file.includes("…"))).toBe(true);
    for (const channel of [
      text.stdout,
      asJson.stdout,
      fs.readFileSync(sarif, "utf8"),
      fs.readFileSync(baseline, "utf8"),
    ]) {
      expect(channel).not.toContain(inReason);
      expect(channel).not.toContain(key);
      expect(decodeURIComponent(channel.replace(/%(?![0-9A-F]{2})/g, "%25"))).not.toContain(key);
    }
    // The redacted baseline still hides the finding it records.
    const again = json(cli([".", "--format", "json", "--fail-on", "none", "--baseline", baseline], dir));
    expect(again.findings.filter((f) => !f.suppressed)).toEqual([]);
  });
});

describe("5. whole reports are scrubbed without hiding what is no secret", () => {
  it("does not take the path on the next line for the value of a `TOKEN=` that ends a line", () => {
    const report =
      "    12 │ NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=\n  examples/demo-app/lib/browser-redis.ts:7:10  critical";
    expect(scrubShapes(report)).toBe(report);
    const token = fakeRedisToken();
    expect(scrubShapes(`UPSTASH_REDIS_REST_TOKEN= ${token}`)).not.toContain(token);
  });
});

describe("7. redaction and finalisation stay linear", () => {
  // Hang guards with a wide margin (the quadratic code took over a minute for each), measured in CPU
  // time of this process, which a busy machine disturbs little. Speed itself is for the benchmark.
  const cpuSeconds = (fn: () => void): number => {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1e6;
  };

  it("scrubs a 400 KB line of `token` repeated 80,000 times", () => {
    const token = fakeRedisToken();
    const line = `Use ${token} ${"token".repeat(80_000)}`;
    let out = "";
    expect(cpuSeconds(() => (out = scrubShapes(line)))).toBeLessThan(10);
    expect(out).not.toContain(token);
  });

  it("finalises 20,000 findings in one 1.4 MB file, each with its own token", () => {
    const tokens = Array.from({ length: 20_000 }, () => fakeRedisToken());
    const lines = tokens.map((t, i) => `export const t${i} = "${t}";`);
    const text = lines.join("\n") + "\n";
    const raw: Finding[] = lines.map((l, i) => ({
      rule: "upstash/token-rotation-neglect",
      check: "hardcoded-credential",
      location: {
        file: "big.ts",
        range: { startLine: i + 1, startColumn: 1, endLine: i + 1, endColumn: l.length + 1 },
      },
      message: `token ${tokens[i]} is hard-coded`,
      confidence: "high",
    }));
    const secrets = new SecretRegistry();
    secrets.addAll(tokens);
    let done: Finding[] = [];
    expect(cpuSeconds(() => (done = finalizeFindings(raw, defaultConfig(), secrets, () => text)))).toBeLessThan(5);
    expect(done).toHaveLength(20_000);
    expect(new Set(done.map((f) => f.fingerprint)).size).toBe(20_000);
    expect(done.every((f) => f.excerpt && !f.excerpt.includes(tokens[f.location.range.startLine - 1]!))).toBe(true);
  });
});

describe("8 and 13. configuration and baselines from the repository are contained, capped and reported", () => {
  const configErrors = (dir: string): Run => cli([".", "--fail-on", "none"], dir, 30_000);

  it("refuses a baseline outside the repository, a link out of it, a FIFO and /dev/zero, without echoing content", () => {
    const { dir, outside } = repo({ "a.ts": "export const a = 1;\n" });
    fs.writeFileSync(path.join(outside, "passwd"), "root:x:0:0:SECRET-FIRST-BYTES\n");
    fs.symlinkSync(path.join(outside, "passwd"), path.join(dir, "link.json"));
    execFileSync("mkfifo", [path.join(dir, "fifo.json")]);
    fs.writeFileSync(path.join(dir, "garbage.json"), "root:x:0:0:SECRET-FIRST-BYTES\n");
    for (const [baseline, why] of [
      ["/dev/zero", /outside/],
      ["../passwd", /outside/],
      ["link.json", /outside/],
      ["fifo.json", /FIFO|not a regular file/],
      ["garbage.json", /not valid JSON/],
    ] as const) {
      fs.writeFileSync(path.join(dir, ".upstash-scan.yml"), `baseline: ${baseline}\n`);
      const r = configErrors(dir);
      expect(r.status, baseline).toBe(2);
      expect(r.stderr, baseline).toMatch(why);
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.stderr).not.toContain("SECRET-FIRST-BYTES");
    }
  });

  it("turns an oversized config, too many patterns, an alias bomb and malformed baselines into configuration errors", () => {
    const { dir } = repo({ "a.ts": "export const a = 1;\n" });
    const write = (text: string) => fs.writeFileSync(path.join(dir, ".upstash-scan.yml"), text);
    write(`paths:\n  exclude:\n${"    - x\n".repeat(1_500_000)}`);
    let r = configErrors(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/over the 1\.0 MB limit/);
    write(`paths:\n  exclude:\n${Array.from({ length: 5_000 }, (_, i) => `    - d${i}/\n`).join("")}`);
    r = configErrors(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/patterns in exclude; at most/);
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 9; i++)
      bomb.push(
        `${"bcdefghij"[i]}: &${"bcdefghij"[i]} [${Array(9)
          .fill(`*${i ? "bcdefghij"[i - 1] : "a"}`)
          .join(", ")}]`,
      );
    write(bomb.join("\n") + "\n");
    r = configErrors(dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.upstash-scan\.yml: not usable YAML/);
    expect(r.stderr).not.toMatch(/internal error/);

    fs.rmSync(path.join(dir, ".upstash-scan.yml"));
    for (const body of [
      '{"findings":[null, 1, "x"]}',
      '{"runs":[null]}',
      '{"runs":[{"results":[{"locations":[{"physicalLocation":{"artifactLocation":{"uri":"%"}}}]}]}]}',
      "null",
      "[]",
    ]) {
      fs.writeFileSync(path.join(dir, "b.json"), body);
      r = cli([".", "--baseline", "b.json", "--fail-on", "none"], dir);
      expect([0, 2], body).toContain(r.status);
      expect(r.stderr, body).not.toMatch(/internal error/);
    }
  });
});

describe("9. gate-on new sees new risk at old lines", () => {
  it("gates a new client file that imports an old module holding a token (related location on a changed line)", () => {
    const token = fakeRedisToken();
    const { dir, git } = repo({
      "package.json": '{ "name": "app", "dependencies": { "next": "15.0.0", "@upstash/redis": "1.34.0" } }\n',
      "lib/redis.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({ url: "https://x.upstash.io", token: "${token}" });\n`,
    });
    git("checkout", "-q", "-b", "feature");
    writeTree(dir, {
      "app/widget.tsx": `"use client";\nimport { redis } from "../lib/redis";\nexport default function W() { return <b onClick={() => redis.incr("n")} />; }\n`,
    });
    git("add", "-A");
    git("commit", "-qm", "widget");
    const r = cli([".", "--gate-on", "new", "--changed-since", "main", "--fail-on", "critical"], dir);
    expect(r.stdout).toMatch(/Gate: 1 new finding/);
    expect(r.status).toBe(1);
  });

  it("gates a finding the base does not have even when no changed line holds it (a deleted server-only import)", () => {
    const token = fakeRedisToken();
    const { dir, git } = repo({
      "package.json": '{ "name": "app", "dependencies": { "next": "15.0.0", "@upstash/redis": "1.34.0" } }\n',
      "lib/redis.ts": `import "server-only";\nimport { Redis } from "@upstash/redis";\nexport const redis = new Redis({ url: "https://x.upstash.io", token: "${token}" });\n`,
      "app/widget.tsx": `"use client";\nimport { redis } from "../lib/redis";\nexport default function W() { return <b onClick={() => redis.incr("n")} />; }\n`,
    });
    expect(cli([".", "--fail-on", "critical"], dir).status).toBe(0);
    git("checkout", "-q", "-b", "feature");
    fs.writeFileSync(
      path.join(dir, "lib/redis.ts"),
      fs.readFileSync(path.join(dir, "lib/redis.ts"), "utf8").replace('import "server-only";\n', ""),
    );
    git("commit", "-qam", "drop server-only");
    const r = cli([".", "--gate-on", "new", "--changed-since", "main", "--fail-on", "critical"], dir);
    expect(r.status).toBe(1);
    // Unchanged findings stay quiet: the medium one moved a line up and is not new.
    expect(cli([".", "--gate-on", "new", "--changed-since", "main", "--fail-on", "medium"], dir).stdout).toMatch(
      /Gate: 1 new finding/,
    );
    // Four scans, two of them with the base scanned as well: more than the default limit on a busy machine.
  }, 240_000);
});

describe("9. the base is scanned only when it can change the verdict", () => {
  it("skips the base when every gating finding is on a changed line, scans it otherwise", async () => {
    const token = fakeRedisToken();
    const { dir } = repo({
      "package.json": '{ "name": "app", "dependencies": { "next": "15.0.0", "@upstash/redis": "1.34.0" } }\n',
      "app/page.tsx": clientPage(token),
    });
    const result = await scan({ paths: [dir], srcRoot: dir, workers: 0 });
    expect(gatingFindings(result.findings, "critical").length).toBeGreaterThan(0);
    // A base that cannot be scanned: asking for it leaves a warning, so a quiet run proves it was not asked.
    const missing = "0".repeat(40);
    const onLines = new ChangedLines();
    for (const f of result.findings) onLines.add(f.location.file, f.location.range.startLine);
    const warnings: string[] = [];
    const decided = await changeScope(result, onLines, missing, "critical", (m) => warnings.push(m));
    expect(warnings).toEqual([]);
    expect(decided.base).toBeUndefined();
    expect(decided.linesOnly).toBeUndefined();
    expect(gatingFindings(result.findings, "critical", decided).length).toBeGreaterThan(0);

    const undecided = await changeScope(result, new ChangedLines(), missing, "critical", (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(undecided.linesOnly).toBe(true);
    // fail-on none: nothing can gate, so nothing is asked of the base either.
    warnings.length = 0;
    await changeScope(result, new ChangedLines(), missing, "none", (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });
});

describe("14. what cannot be scanned is said, and what is named is scanned", () => {
  it("notes FIFOs and links in the tree", () => {
    const { dir, outside } = repo({ "a.ts": "export const a = 1;\n" });
    execFileSync("mkfifo", [path.join(dir, "pipe.ts")]);
    fs.symlinkSync(path.join(outside), path.join(dir, "out-link"));
    const notes = json(cli([".", "--format", "json", "--fail-on", "none"], dir)).notifications;
    expect(notes.find((n) => n.file === "pipe.ts")?.id).toBe("file-not-regular");
    expect(notes.find((n) => n.file === "out-link")?.id).toBe("symlink-not-followed");
  });

  it("scans a file given by name whatever its name, and reports /dev/null instead of 'Scanned 0 files'", () => {
    const { dir } = repo({
      "settings.py": `UPSTASH_REDIS_REST_TOKEN = "${fakeRedisToken()}"\n`,
      "prod.env.bak": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
    });
    for (const file of ["settings.py", "prod.env.bak"]) {
      const r = cli([file, "--format", "json", "--fail-on", "medium"], dir);
      expect(r.status, file).toBe(1);
      expect(json(r).findings.map((f) => f.file)).toEqual([file]);
    }
    const devNull = cli(["/dev/null", "--format", "json", "--fail-on", "none"], REPO);
    expect(devNull.status).toBe(0);
    expect(json(devNull).notifications.map((n) => n.id)).toContain("file-not-regular");
  });
});
