/**
 * The output formats (issue 19): compact lines a GitHub problem matcher reads, JUnit XML valid against
 * a JUnit schema, JSON valid against the schema the package ships, and all of them (SARIF too) telling
 * the same findings because they are rendered from one model.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv from "ajv";
import { validateXML } from "xmllint-wasm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { REPO, runCliInProcess, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { formatJunit } from "../src/output/junit";
import { formatCompact } from "../src/output/compact";
import { formatJson } from "../src/output/json";
import type { Finding, ScanStats } from "../src/engine/types";

const tree = temporaryTrees(afterEach);
const DEMO_ARGS = ["examples/demo-app", "--fail-on", "none"];
const JUNIT_XSD = fs.readFileSync(path.join(__dirname, "support/junit.xsd"), "utf8");
const REPORT_SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO, "src/output/report.schema.json"), "utf8"));
const MATCHER = JSON.parse(fs.readFileSync(path.join(REPO, "src/output/problem-matcher.json"), "utf8")) as {
  problemMatcher: Array<{
    owner: string;
    severity: string;
    pattern: Array<{ regexp: string; file: number; line: number; column: number; code: number; message: number }>;
  }>;
};

interface JsonFinding {
  rule: string;
  check: string;
  severity: string;
  file: string;
  startLine: number;
  startColumn: number;
  message: string;
  suppressed?: unknown;
}

let demo: { json: { findings: JsonFinding[] }; compact: string; junit: string; text: string; sarif: any };
beforeAll(async () => {
  const run = async (format: string) => (await runCliInProcess([...DEMO_ARGS, "--format", format])).stdout;
  demo = {
    json: JSON.parse(await run("json")),
    compact: await run("compact"),
    junit: await run("junit"),
    text: await run("text"),
    sarif: JSON.parse(await run("sarif")),
  };
}, 120_000);

async function validJunit(xml: string): Promise<string[]> {
  const r = await validateXML({ xml: [{ fileName: "report.xml", contents: xml }], schema: [JUNIT_XSD] });
  return r.errors.map((e) => e.rawMessage);
}

const validateReport = new Ajv({ strict: false, allErrors: true }).compile(REPORT_SCHEMA);

describe("--format compact", () => {
  it("prints one file:line:col: severity rule/check message line per open finding", () => {
    const lines = demo.compact.trimEnd().split("\n");
    expect(lines).toHaveLength(demo.json.findings.length);
    for (const [i, line] of lines.entries()) {
      const f = demo.json.findings[i]!;
      expect(line).toBe(`${f.file}:${f.startLine}:${f.startColumn}: ${f.severity} ${f.rule}/${f.check} ${f.message}`);
    }
  });

  it("is read by the problem matcher shipped in the package: critical and high as errors, the rest as warnings", () => {
    const matchers = MATCHER.problemMatcher.map((m) => ({ ...m, re: new RegExp(m.pattern[0]!.regexp) }));
    expect(matchers.map((m) => m.severity)).toEqual(["error", "warning"]);
    for (const line of demo.compact.trimEnd().split("\n")) {
      const hits = matchers.filter((m) => m.re.test(line));
      expect(hits, line).toHaveLength(1);
      const [m] = hits;
      const g = m!.re.exec(line)!;
      const p = m!.pattern[0]!;
      const f = demo.json.findings.find((x) => `${x.rule}/${x.check}` === g[p.code] && x.file === g[p.file])!;
      expect(f, line).toBeDefined();
      expect([Number(g[p.line]), Number(g[p.column]), g[p.message]]).toEqual([f.startLine, f.startColumn, f.message]);
      expect(m!.severity).toBe(f.severity === "critical" || f.severity === "high" ? "error" : "warning");
    }
    // Nothing else on the line can be mistaken for a finding.
    for (const m of matchers) expect(m.re.test("Scanned 17 files in 1.00 s: 17 read")).toBe(false);
  });

  it("keeps each finding on one line whatever its file name holds", () => {
    const f: Finding = {
      rule: "upstash/token-rotation-neglect",
      check: "hardcoded-credential",
      confidence: "high",
      message: "two\nlines",
      location: { file: "odd\nname.ts", range: { startLine: 1, startColumn: 2, endLine: 1, endColumn: 3 } },
    };
    const out = formatCompact({ ...EMPTY, findings: [f] });
    expect(out).toBe("odd\\nname.ts:1:2: medium upstash/token-rotation-neglect/hardcoded-credential two\\nlines\n");
  });
});

const EMPTY = {
  srcRoot: "/r",
  findings: [] as Finding[],
  notifications: [],
  stats: { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: {} } as ScanStats,
  startedAt: new Date("2027-01-01T00:00:00Z"),
  finishedAt: new Date("2027-01-01T00:00:01Z"),
};

describe("--format junit", () => {
  it("is valid against the JUnit schema, with counts that add up", async () => {
    expect(await validJunit(demo.junit)).toEqual([]);
    const count = (re: RegExp) => (demo.junit.match(re) ?? []).length;
    const root = /<testsuites [^>]*tests="(\d+)" failures="(\d+)" errors="(\d+)" skipped="(\d+)"/.exec(demo.junit)!;
    expect(Number(root[1])).toBe(count(/<testcase /g));
    expect(Number(root[2])).toBe(count(/<failure /g));
    expect(Number(root[2])).toBe(demo.json.findings.filter((f) => !f.suppressed).length);
    expect(count(/<testsuite /g)).toBe(5);
  });

  it("makes a clean scan five passing cases, a suppressed finding a skipped one, a scan note its own suite", async () => {
    const clean = (await runCliInProcess([tree({ "a.ts": "export const a = 1;\n" }), "--format", "junit"])).stdout;
    expect(await validJunit(clean)).toEqual([]);
    expect(clean).toMatch(/<testsuites [^>]*tests="5" failures="0" errors="0" skipped="0"/);

    const dir = tree({
      "a.ts": `// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- rotated <weekly> & "logged"\nconst t = "${fakeRedisToken()}";\n`,
      // A suppression that matches nothing: a scan note (warning).
      "b.ts": "// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- stale\nexport const x = 1;\n",
    });
    const xml = (await runCliInProcess([dir, "--format", "junit"])).stdout;
    expect(await validJunit(xml)).toEqual([]);
    expect(xml).toContain('<skipped message="[suppressed: rotated &lt;weekly&gt; &amp; &quot;logged&quot;]"/>');
    expect(xml).toMatch(/<testsuite name="upstash-scan scan notes" tests="\d+" failures="0" errors="0" skipped="[1-9]/);
  });

  it("escapes what XML cannot carry", async () => {
    const f: Finding = {
      rule: "upstash/token-rotation-neglect",
      check: "hardcoded-credential",
      confidence: "high",
      message: 'a <b> & "c" \u0001 \ud800',
      location: { file: "x&y<z>.ts", range: { startLine: 3, startColumn: 1, endLine: 3, endColumn: 2 } },
    };
    const xml = formatJunit({ ...EMPTY, findings: [f] });
    expect(await validJunit(xml)).toEqual([]);
    expect(xml).toContain('file="x&amp;y&lt;z&gt;.ts"');
  });
});

describe("--format json", () => {
  it("carries its version and validates against the shipped schema", () => {
    const doc = demo.json as unknown as { version: string; $schema: string };
    expect(doc.version).toMatch(/^1\.\d+\.\d+$/);
    expect(doc.$schema).toBe(REPORT_SCHEMA.$id);
    expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
  });

  it("uses one location shape for findings, related locations and suppressions", async () => {
    const dir = tree({
      "a.ts": `// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- kept for the parser test (until 2099-01-01)\nconst t = "${fakeRedisToken()}";\n`,
    });
    const doc = JSON.parse((await runCliInProcess([dir, "--format", "json"])).stdout);
    expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
    const shape = (o: object) =>
      Object.keys(o).filter((k) => /^(file|startLine|startColumn|endLine|endColumn)$/.test(k));
    const related = (demo.json.findings as Array<{ related?: object[] }>).flatMap((f) => f.related ?? []);
    expect(related.length).toBeGreaterThan(0);
    const all = [...demo.json.findings, ...related, doc.findings[0].suppressed.location];
    for (const loc of all)
      expect(shape(loc).sort()).toEqual(["endColumn", "endLine", "file", "startColumn", "startLine"]);
    expect(doc.findings[0].suppressed).toMatchObject({ kind: "inline", expires: "2099-01-01" });
    // The schema holds the shape: the old nested related location is refused.
    const old = structuredClone(demo.json) as { findings: Array<{ related?: unknown[] }> };
    old.findings.find((f) => f.related)!.related = [{ file: "a", range: { startLine: 1 } }];
    expect(validateReport(old)).toBe(false);
  });
});

describe("--format json with --verify", () => {
  it("validates with the verdicts --verify attaches", () => {
    const f: Finding = {
      rule: "upstash/token-rotation-neglect",
      check: "hardcoded-credential",
      confidence: "high",
      message: "m",
      fingerprint: "abc",
      location: { file: "a.ts", range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } },
      verification: {
        verdict: "live",
        checkedAt: "2027-01-01T00:00:00.000Z",
        credentials: [{ verdict: "live", shown: "AbnR…(63 chars)", detail: "GET /ping: 200" }],
      },
    };
    const doc = JSON.parse(
      formatJson({
        ...EMPTY,
        findings: [f],
        verification: { live: 1, revoked: 0, unknown: 0, notChecked: 0, requests: 1 },
      }),
    );
    expect(validateReport(doc), JSON.stringify(validateReport.errors)).toBe(true);
    expect(doc.findings[0].verification.verdict).toBe("live");
  });
});

describe("one model", () => {
  it("every format tells the same findings in the same order", () => {
    const key = (f: JsonFinding) => `${f.file}:${f.startLine}:${f.startColumn} ${f.severity} ${f.rule}/${f.check}`;
    const fromJson = demo.json.findings.map(key);
    const fromCompact = demo.compact
      .trimEnd()
      .split("\n")
      .map((l) => /^(.+?:\d+:\d+): (\S+) (\S+) /.exec(l)!.slice(1).join(" "));
    const fromJunit = [
      ...demo.junit.matchAll(
        /<testcase name="([^"]+) ([^" ]+)" classname="([^"]+)"[^>]*>\s*<failure message="[^"]*" type="(\w+)"/g,
      ),
    ].map((m) => `${m[1]} ${m[4]} ${m[3]}/${m[2]}`);
    const fromSarif = (demo.sarif.runs[0].results as any[]).map((r) => {
      const p = r.locations[0].physicalLocation;
      return `${decodeURIComponent(p.artifactLocation.uri)}:${p.region.startLine}:${p.region.startColumn} ${r.properties.severity} ${r.ruleId}/${r.properties.check}`;
    });
    const fromText = fromJson.filter((k) => demo.text.includes(k.split(" ")[0]!));
    expect(fromJson.length).toBeGreaterThan(3);
    expect(fromCompact).toEqual(fromJson);
    expect(fromSarif).toEqual(fromJson);
    expect([...fromJunit].sort()).toEqual([...fromJson].sort());
    expect(fromText).toEqual(fromJson);
  });
});
