/**
 * Suppressions with a lifecycle (issue 19): `(until YYYY-MM-DD)` inline and `expires` on baseline
 * entries, judged against a fixed clock; `--list-suppressions`; suppressed results in SARIF with their
 * `suppressions`, clean under Microsoft's SARIF multitool.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { afterEach, describe, expect, it } from "vitest";
import { REPO, runCliInProcess, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { isExpired, parseDay } from "../src/engine/expiry";

const tree = temporaryTrees(afterEach);
const BEFORE = new Date("2027-02-28T23:59:59Z");
const ON = new Date("2027-03-01T00:00:00Z");
const validateReport = new Ajv({ strict: false, allErrors: true }).compile(
  JSON.parse(fs.readFileSync(path.join(REPO, "src/output/report.schema.json"), "utf8")),
);

const RULE = "upstash/token-rotation-neglect";
/** a.ts: a finding suppressed until 2027-03-01 on line 2; b.ts: an open one; c.ts: a suppression matching nothing. */
function project(): string {
  return tree({
    "a.ts": `// upstash-scan-ignore-next-line ${RULE} -- fixture token, rotated by the vault job (until 2027-03-01)\nconst a = "${fakeRedisToken()}";\n`,
    "b.ts": `const b = "${fakeRedisToken()}";\n`,
    "c.ts": `// upstash-scan-ignore-next-line ${RULE} -- nothing here any more\nexport const c = 1;\n`,
  });
}

describe("expiry dates", () => {
  it("are real days; a suppression stops applying at the start of its day (UTC)", () => {
    expect(parseDay("2027-03-01")).toBe("2027-03-01");
    expect(parseDay("2027-02-30")).toBeUndefined();
    expect(parseDay("2027-3-1")).toBeUndefined();
    expect(parseDay("tomorrow")).toBeUndefined();
    expect(isExpired("2027-03-01", BEFORE)).toBe(false);
    expect(isExpired("2027-03-01", ON)).toBe(true);
  });
});

describe("inline suppressions with (until …)", () => {
  it("hide the finding before the date and report it again, with a note, from that day on", async () => {
    const dir = project();
    const before = await runCliInProcess([dir, "--format", "json", "--fail-on", "low"], { now: BEFORE });
    expect(before.status).toBe(1); // b.ts
    const docBefore = JSON.parse(before.stdout);
    expect(validateReport(docBefore), JSON.stringify(validateReport.errors)).toBe(true);
    const a = docBefore.findings.find((f: { file: string }) => f.file === "a.ts");
    expect(a.suppressed).toMatchObject({
      kind: "inline",
      reason: "fixture token, rotated by the vault job",
      expires: "2027-03-01",
    });

    const on = await runCliInProcess([dir, "--format", "json", "--fail-on", "low"], { now: ON });
    const docOn = JSON.parse(on.stdout);
    expect(validateReport(docOn), JSON.stringify(validateReport.errors)).toBe(true);
    const again = docOn.findings.find((f: { file: string }) => f.file === "a.ts");
    expect(again.suppressed).toBeUndefined();
    expect(again.expiredSuppression).toMatchObject({ kind: "inline", expires: "2027-03-01" });
    expect(docOn.summary).toMatchObject({ medium: 2, suppressed: 0 });
    const note = docOn.notifications.find((n: { id: string }) => n.id === "suppression-expired");
    expect(note.message).toContain("suppression at a.ts:1 (upstash/token-rotation-neglect) expired on 2027-03-01");
    expect(note.message).toContain("reported again");

    const text = (await runCliInProcess([dir, "--fail-on", "none"], { now: ON })).stdout;
    expect(text).toContain("[suppression expired on 2027-03-01: fixture token, rotated by the vault job]");
    const compact = (await runCliInProcess([dir, "--format", "compact", "--fail-on", "none"], { now: ON })).stdout;
    expect(compact).toMatch(/^a\.ts:2:\d+: medium .* \(suppression expired on 2027-03-01\)$/m);
    // Only the open b.ts fails a low gate before the date; after it, a.ts gates too.
    const gateBefore = await runCliInProcess([dir, "--format", "compact", "--fail-on", "low"], { now: BEFORE });
    expect(gateBefore.stdout.trim().split("\n")).toHaveLength(1);
  });

  it("with a date that does not exist are ignored, with a warning, and the finding counts", async () => {
    const dir = tree({
      "a.ts": `// upstash-scan-ignore-next-line ${RULE} -- fine (until 2027-02-30)\nconst a = "${fakeRedisToken()}";\n`,
    });
    const doc = JSON.parse((await runCliInProcess([dir, "--format", "json"], { now: BEFORE })).stdout);
    expect(doc.findings[0].suppressed).toBeUndefined();
    expect(doc.notifications.map((n: { message: string }) => n.message).join("\n")).toContain(
      'invalid date "(until 2027-02-30)"',
    );
  });
});

describe("baseline entries with expires", () => {
  it("hide known findings until the day, report them again after it, and keep the date when rewritten", async () => {
    const dir = tree({ "b.ts": `const b = "${fakeRedisToken()}";\n` });
    const baseline = path.join(dir, "baseline.json");
    await runCliInProcess([dir, "--write-baseline", baseline], { now: BEFORE });
    const doc = JSON.parse(fs.readFileSync(baseline, "utf8"));
    doc.findings[0].expires = "2027-03-01";
    doc.findings[0].reason = "accepted until the key rotation ships";
    fs.writeFileSync(baseline, JSON.stringify(doc));

    const args = [dir, "--baseline", baseline, "--format", "json", "--fail-on", "low"];
    const before = await runCliInProcess(args, { now: BEFORE });
    expect(before.status).toBe(0);
    expect(JSON.parse(before.stdout).findings[0].suppressed).toMatchObject({
      kind: "baseline",
      reason: "accepted until the key rotation ships",
      source: "baseline.json",
      expires: "2027-03-01",
    });
    const on = await runCliInProcess(args, { now: ON });
    expect(on.status).toBe(1);
    const report = JSON.parse(on.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    expect(report.findings[0].expiredSuppression).toMatchObject({ kind: "baseline", expires: "2027-03-01" });
    expect(report.notifications.map((n: { id: string }) => n.id)).toContain("suppression-expired");

    // Rewriting the baseline does not renew it.
    await runCliInProcess([dir, "--baseline", baseline, "--write-baseline", baseline], { now: ON });
    expect(JSON.parse(fs.readFileSync(baseline, "utf8")).findings[0]).toMatchObject({
      expires: "2027-03-01",
      reason: "accepted until the key rotation ships",
    });

    doc.findings[0].expires = "next spring";
    fs.writeFileSync(baseline, JSON.stringify(doc));
    const bad = await runCliInProcess(args, { now: ON });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('findings[0].expires must be a day written YYYY-MM-DD, not "next spring"');
  });
});

describe("--list-suppressions", () => {
  it("lists where, which rule, the reason, the expiry and whether each still matches", async () => {
    const dir = project();
    const baseline = path.join(dir, "baseline.json");
    await runCliInProcess([dir, "--write-baseline", baseline], { now: BEFORE });
    const text = await runCliInProcess([dir, "--baseline", baseline, "--list-suppressions"], { now: BEFORE });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain("3 suppressions: 2 active, 0 expired, 1 unused");
    expect(text.stdout).toMatch(
      /a\.ts:1 {2}upstash\/token-rotation-neglect {2}active · 1 match · until 2027-03-01\n {4}fixture token, rotated by the vault job/,
    );
    expect(text.stdout).toMatch(
      /c\.ts:1 {2}upstash\/token-rotation-neglect {2}unused · matches nothing\n {4}nothing here any more/,
    );
    expect(text.stdout).toMatch(
      /baseline\.json → b\.ts \(fingerprint [0-9a-f]{12}\) {2}upstash\/token-rotation-neglect\/hardcoded-credential {2}active · 1 match/,
    );
    // Findings are not listed: this is the list of suppressions.
    expect(text.stdout).not.toContain("Mitigation");

    const json = await runCliInProcess([dir, "--baseline", baseline, "--list-suppressions", "--format", "json"], {
      now: ON,
    });
    const doc = JSON.parse(json.stdout);
    expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
    expect(doc.suppressions).toEqual([
      {
        kind: "inline",
        rules: [RULE],
        file: "a.ts",
        line: 1,
        target: 2,
        reason: "fixture token, rotated by the vault job",
        expires: "2027-03-01",
        status: "expired",
        matches: 1,
      },
      {
        kind: "inline",
        rules: [RULE],
        file: "c.ts",
        line: 1,
        target: 2,
        reason: "nothing here any more",
        status: "unused",
        matches: 0,
      },
      expect.objectContaining({
        kind: "baseline",
        file: "b.ts",
        source: "baseline.json",
        status: "active",
        matches: 1,
      }),
    ]);
    expect((await runCliInProcess([dir, "--list-suppressions", "--format", "sarif"])).status).toBe(2);
  });
});

describe("--sarif-suppressed include", () => {
  it("writes suppressed results with SARIF suppressions, clean under the SARIF multitool", async () => {
    const dir = project();
    const baseline = path.join(dir, "baseline.json");
    fs.writeFileSync(path.join(dir, "d.ts"), `const d = "${fakeRedisToken()}";\n`);
    await runCliInProcess([dir, "--write-baseline", baseline], { now: BEFORE });
    fs.writeFileSync(path.join(dir, "e.ts"), `const e = "${fakeRedisToken()}";\n`);
    // A SvelteKit route: `+` stays literal in the URI (RFC 3986 allows it in a path segment), `[` does not.
    fs.mkdirSync(path.join(dir, "src/routes/[id]"), { recursive: true });
    fs.writeFileSync(path.join(dir, "src/routes/[id]/+server.ts"), `const f = "${fakeRedisToken()}";\n`);

    const sarifOf = async (extra: string[]) =>
      JSON.parse(
        (await runCliInProcess([dir, "--baseline", baseline, "--format", "sarif", ...extra], { now: BEFORE })).stdout,
      );
    const byDefault = await sarifOf([]);
    expect(byDefault.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri)).toEqual([
      "e.ts",
      "src/routes/%5Bid%5D/+server.ts",
    ]);

    const file = path.join(dir, "audit.sarif");
    const log = await sarifOf(["--sarif-suppressed", "INCLUDE"]);
    fs.writeFileSync(file, JSON.stringify(log, null, 2));
    const results = log.runs[0].results as any[];
    const at = (uri: string) => results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === uri);
    expect(at("e.ts").suppressions).toBeUndefined();
    expect(at("a.ts").suppressions).toEqual([
      {
        kind: "inSource",
        status: "accepted",
        justification: "fixture token, rotated by the vault job",
        location: {
          physicalLocation: {
            artifactLocation: { uri: "a.ts", uriBaseId: "%SRCROOT%" },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
          },
        },
        properties: { expires: "2027-03-01" },
      },
    ]);
    expect(at("b.ts").suppressions[0]).toMatchObject({ kind: "external", properties: { baseline: "baseline.json" } });
    // Open results come first, so a cut to GitHub's limit drops suppressed ones before any open one.
    expect(results[0].suppressions).toBeUndefined();

    const multitool = require("@microsoft/sarif-multitool") as string;
    const out = path.join(dir, "validation.sarif");
    const v = spawnSync(
      multitool,
      [
        "validate",
        file,
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
    expect(v.status, v.stdout + v.stderr).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8"));
    const problems = (report.runs[0].results ?? []).filter((x: any) => x.level === "error" || x.level === "warning");
    expect(problems.map((e: any) => `${e.ruleId}: ${e.message.text}`)).toEqual([]);

    const misplaced = await runCliInProcess([dir, "--sarif-suppressed", "include"]);
    expect(misplaced.status).toBe(2);
    expect(misplaced.stderr).toContain("--sarif-suppressed applies to SARIF output");
  });
});
