/**
 * The fixers against before/after fixture projects (test/fix-fixtures/<case>/{before,after}). Inline
 * annotations say what each line is, and stay true on both sides because the fix keeps them:
 * `// fix: <rule>/<check>` above a line reported before and fixed after (the finding must be gone),
 * `// nofix: <rule>/<check>` above a line reported on both sides (no edit is certain there), and
 * `// ok: <rule>` above a look-alike reported on neither. For every case: the scan reports exactly
 * the annotated lines; --fix writes exactly after/; the rescan reports exactly the nofix lines (so no
 * finding appears that was not there); a second --fix changes nothing; the dry run's diff applies
 * with git to give after/ again; the SARIF fixes applied to before/ give after/ too, and the SARIF
 * passes Microsoft's multitool; and tsc accepts every after/ project against the SDK signatures
 * modelled in test/fix-fixtures/types.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { runFixes } from "../src/fix/cli";
import { runCli as runCliInProcess } from "../src/cli";
import { LineIndex } from "../src/engine/text";
import type { Finding } from "../src/engine/types";
import { listFiles } from "./support/expectations";
import { REPO, runCli, tempDir } from "./support/run";

const ROOT = path.join(__dirname, "fix-fixtures");
const CASES = fs
  .readdirSync(ROOT)
  .filter((d) => fs.existsSync(path.join(ROOT, d, "before")) && fs.existsSync(path.join(ROOT, d, "after")))
  .sort();
const hasBundle = fs.existsSync(path.join(REPO, "dist/index.js"));
/** SARIF logs written by the cases, validated together at the end (the multitool is slow to start). */
const sarifFiles: string[] = [];
const suiteTmp = tempDir("upstash-scan-fix-suite-");
afterAll(() => suiteTmp.cleanup());

/** The CLI in this process (the bundle is run once, below): exit code and what it printed. */
async function cli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const status = await runCliInProcess(args, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    cwd: REPO,
    env: { NO_COLOR: "1" },
  });
  return { status, stdout, stderr };
}

const MARK = /(?:\/\/|#|<!--|\/\*)\s*(fix|nofix|ok):\s*(upstash\/[a-z0-9-]+)(?:\/([a-z0-9-]+))?/;

/** `file:line rule/check` of every line a side must report. */
function expected(dir: string, side: "before" | "after"): string[] {
  const out: string[] = [];
  for (const file of listFiles(dir)) {
    const lines = fs.readFileSync(path.join(dir, file), "utf8").split("\n");
    lines.forEach((line, i) => {
      const m = MARK.exec(line);
      if (!m || m[1] === "ok" || (side === "after" && m[1] === "fix")) return;
      let target = i + 1;
      if (line.slice(0, m.index).trim() === "") while (target < lines.length && MARK.test(lines[target]!)) target++;
      else target = i;
      out.push(`${file}:${target + 1} ${m[2]}/${m[3]}`);
    });
  }
  return out.sort();
}

const reported = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.location.file}:${f.location.range.startLine} ${f.rule}/${f.check}`).sort();

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };

function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

function expectSameTree(actual: string, wanted: string): void {
  expect(listFiles(actual)).toEqual(listFiles(wanted));
  for (const f of listFiles(wanted))
    expect(fs.readFileSync(path.join(actual, f), "utf8"), f).toBe(fs.readFileSync(path.join(wanted, f), "utf8"));
}

describe.each(CASES)("fix fixture %s", (name) => {
  const before = path.join(ROOT, name, "before");
  const after = path.join(ROOT, name, "after");
  let tmp: { dir: string; cleanup: () => void };
  beforeAll(() => (tmp = tempDir("upstash-scan-fix-")));
  afterAll(() => tmp.cleanup());

  it("reports the annotated lines; --fix writes after/; the rescan finds only what no fix covers; a second run changes nothing", async () => {
    const dir = path.join(tmp.dir, "apply");
    copyTree(before, dir);
    const first = await scan({ paths: [dir], srcRoot: dir });
    expect(reported(first.findings)).toEqual(expected(before, "before"));

    const run = await runFixes(first, "apply", quiet, "upstash-scan");
    expect(run.written.length).toBeGreaterThan(0);
    expectSameTree(dir, after);

    const second = await scan({ paths: [dir], srcRoot: dir });
    expect(reported(second.findings)).toEqual(expected(after, "after"));

    const again = await runFixes(second, "apply", quiet, "upstash-scan");
    expect(again.written).toEqual([]);
    expect(again.plan.files).toEqual([]);
    expectSameTree(dir, after);
  });

  it("the CLI's --fix-dry-run diff applies with git to give after/, so do its SARIF fixes, and nothing is written", async () => {
    const dir = path.join(tmp.dir, "dry");
    copyTree(before, dir);
    const sarif = path.join(suiteTmp.dir, `${name}.sarif`);
    const r = await cli([dir, "--fix-dry-run", "--sarif", sarif, "--fail-on", "none"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^diff --git a\//);
    expect(r.stderr).toMatch(/\d+ fix(es)? in \d+ files? \(dry run: nothing written\)/);
    expectSameTree(dir, before);

    const patch = path.join(tmp.dir, "dry.patch");
    fs.writeFileSync(patch, r.stdout);
    execFileSync("git", ["apply", "--whitespace=nowarn", patch], { cwd: dir });
    expectSameTree(dir, after);

    const fromSarif = path.join(tmp.dir, "sarif");
    copyTree(before, fromSarif);
    applySarifFixes(fromSarif, JSON.parse(fs.readFileSync(sarif, "utf8")) as SarifLog);
    expectSameTree(fromSarif, after);
    sarifFiles.push(sarif);
  });
});

interface SarifLog {
  runs: Array<{
    results: Array<{
      fixes?: Array<{
        artifactChanges: Array<{
          artifactLocation: { uri: string };
          replacements: Array<{
            deletedRegion: { startLine: number; startColumn: number; endLine: number; endColumn: number };
            insertedContent?: { text: string };
          }>;
        }>;
      }>;
    }>;
  }>;
}

/** Apply every result's fixes the way a SARIF viewer would (an edit two fixes share, once). */
function applySarifFixes(dir: string, log: SarifLog): void {
  const byFile = new Map<string, Map<string, { start: number; end: number; text: string }>>();
  for (const result of log.runs[0]!.results) {
    for (const fix of result.fixes ?? []) {
      for (const change of fix.artifactChanges) {
        const file = decodeURIComponent(change.artifactLocation.uri);
        const lines = new LineIndex(fs.readFileSync(path.join(dir, file), "utf8"));
        const edits = byFile.get(file) ?? new Map();
        byFile.set(file, edits);
        for (const r of change.replacements) {
          const d = r.deletedRegion;
          const start = lines.lineStart(d.startLine) + d.startColumn - 1;
          const end = lines.lineStart(d.endLine) + d.endColumn - 1;
          const text = r.insertedContent?.text ?? "";
          edits.set(`${start}:${end}:${text}`, { start, end, text });
        }
      }
    }
  }
  for (const [file, edits] of byFile) {
    const abs = path.join(dir, file);
    let text = fs.readFileSync(abs, "utf8");
    // From the end, so earlier offsets stay valid; insertions at one point keep their order.
    const sorted = [...edits.values()].map((e, i) => ({ ...e, i }));
    sorted.sort((a, b) => b.start - a.start || b.end - a.end || b.i - a.i);
    for (const e of sorted) text = text.slice(0, e.start) + e.text + text.slice(e.end);
    fs.writeFileSync(abs, text);
  }
}

/** Errors and warnings of `sarif-multitool validate --rule-kind "Sarif;Ghas"` over some logs. */
function multitoolErrors(files: string[], dir: string): string[] {
  const multitool = require("@microsoft/sarif-multitool") as string;
  const out = path.join(dir, "validation.sarif");
  const r = spawnSync(
    multitool,
    [
      "validate",
      ...files,
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
  if (r.status !== 0) return [`multitool exited ${r.status}: ${r.stdout}${r.stderr}`];
  const report = JSON.parse(fs.readFileSync(out, "utf8")) as {
    runs: Array<{ results?: Array<{ level?: string; message: { text?: string }; ruleId?: string }> }>;
  };
  return report.runs.flatMap((run) =>
    (run.results ?? [])
      .filter((x) => x.level === "error" || x.level === "warning")
      .map((e) => `${e.ruleId}: ${e.message.text}`),
  );
}

describe("the fixed fixture projects", () => {
  it("SARIF with fixes from every case passes Microsoft's multitool (Sarif;Ghas rules)", () => {
    expect(sarifFiles.length).toBe(CASES.length);
    expect(multitoolErrors(sarifFiles, suiteTmp.dir)).toEqual([]);
    // The multitool (.NET) and tsc start slowly on a busy machine: minutes of wall time, seconds of CPU.
  }, 300_000);

  it("type-check with tsc --noEmit against the SDKs' signatures", () => {
    const tsc = require.resolve("typescript/bin/tsc");
    const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", path.join(ROOT, "tsconfig.json")], {
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  }, 300_000);
});

describe("fix configuration", () => {
  it("fix.defaultTtlSeconds sets the TTL the fix adds; a bad value is an error naming file and line", async () => {
    const dir = path.join(suiteTmp.dir, "config");
    copyTree(path.join(ROOT, "ttl-js/before"), dir);
    fs.writeFileSync(path.join(dir, ".upstash-scan.yml"), "fix:\n  defaultTtlSeconds: 600\n");
    const r = await cli([dir, "--fix-dry-run", "--fail-on", "none"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("+    await kv.set('session:' + sessionId, JSON.stringify(user), { ex: 600 })");
    expect(r.stdout).not.toContain("86400");

    fs.writeFileSync(path.join(dir, ".upstash-scan.yml"), "rules: {}\nfix:\n  defaultTtlSeconds: 0\n");
    const bad = await cli([dir, "--fix-dry-run"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/\.upstash-scan\.yml:3: .*defaultTtlSeconds/);
    fs.writeFileSync(path.join(dir, ".upstash-scan.yml"), "fix:\n  ttl: 60\n");
    const unknown = await cli([dir, "--fix-dry-run"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/\.upstash-scan\.yml:2: .*"ttl"/);
  });
});

describe.skipIf(!hasBundle)("the bundle (node bin/upstash-scan.js)", () => {
  it("--fix-dry-run prints the diff; --fix writes after/, then reports and gates on what is left", () => {
    const dir = path.join(suiteTmp.dir, "bundle");
    copyTree(path.join(ROOT, "wrap-app-router/before"), dir);
    const dry = runCli([dir, "--fix-dry-run", "--fail-on", "none"]);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+export const POST = verifySignatureAppRouter(async (req: Request) => {");
    expect(dry.stderr).toMatch(/note: verifySignatureAppRouter verifies with QSTASH_CURRENT_SIGNING_KEY/);

    const r = runCli([dir, "--fix", "--format", "json"]);
    expectSameTree(dir, path.join(ROOT, "wrap-app-router/after"));
    expect(r.stderr).toMatch(/Fixed 3 findings in 3 files\./);
    const doc = JSON.parse(r.stdout) as { findings: Array<{ file: string; check: string }> };
    expect(doc.findings.map((f) => `${f.file} ${f.check}`)).toEqual([
      "app/api/jobs/cleanup/route.ts unverified-handler",
    ]);
    // What is left is high: the default gate still fails.
    expect(r.status).toBe(1);
  }, 300_000);

  it("refuses --fix with --fix-dry-run", () => {
    const r = runCli([path.join(ROOT, "ttl/before"), "--fix", "--fix-dry-run"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--fix and --fix-dry-run exclude each other/);
  });
});
