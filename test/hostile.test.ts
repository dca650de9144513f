/**
 * Hostile trees, generated at test time, scanned by the bundled CLI: the scan finishes with exit 0 or
 * 1, writes parseable SARIF, still reports the genuine finding in the same tree at the right line,
 * never reads outside the root, and leaves a notification for every file it skipped.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";
import { readFile, DEFAULT_BUDGETS } from "../src/engine/read";

interface Log {
  runs: Array<{
    results: Array<{
      ruleId: string;
      properties: { check: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
    }>;
    invocations: Array<{
      toolExecutionNotifications: Array<{
        descriptor: { id: string };
        locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
      }>;
    }>;
  }>;
}

const notesFor = (log: Log) =>
  new Map(
    log.runs[0]!.invocations[0]!.toolExecutionNotifications.filter((n) => n.locations).map((n) => [
      decodeURIComponent(n.locations![0]!.physicalLocation.artifactLocation.uri),
      n.descriptor.id,
    ]),
  );
const hits = (log: Log) =>
  log.runs[0]!.results.map(
    (r) =>
      `${decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri)}:${r.locations[0]!.physicalLocation.region.startLine}:${r.properties.check}`,
  );

describe("hostile trees", () => {
  let root: string;
  let outside: { dir: string; cleanup: () => void };
  let tmp: { dir: string; cleanup: () => void };
  const token = fakeRedisToken();
  const outsideToken = fakeRedisToken();
  let log: Log;
  let status: number | null;

  beforeAll(() => {
    tmp = tempDir();
    outside = tempDir();
    root = path.join(tmp.dir, "repo");
    writeTree(outside.dir, { "leak.ts": `const t = "${outsideToken}";\n` });
    const deep = "[".repeat(20_000) + "]".repeat(20_000);
    writeTree(root, {
      // The genuine finding every other file surrounds; line 3 with CRLF endings.
      "src/real.ts": `// header\r\n// more\r\nconst token = "${token}";\r\n`,
      "src/binary.ts": Buffer.concat([Buffer.from("const a = 1;\n"), Buffer.from([0, 1, 2, 3, 0, 255])]),
      "src/invalid-utf8.ts": Buffer.concat([
        Buffer.from("const s = '"),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from("';\nexport {};\n"),
      ]),
      "src/utf16.ts": Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(`// upstash\nconst t = "${token}";\n`, "utf16le"),
      ]),
      "src/bom.ts": "\uFEFFimport { Redis } from '@upstash/redis';\nexport const r = Redis.fromEnv();\n",
      "src/empty.ts": "",
      "src/syntax-error.ts": "import { Redis } from '@upstash/redis';\nexport const = = {{{\n",
      "src/deep.ts": `// upstash\nexport const deep = ${deep};\n`,
      "src/long-line.ts": `// upstash\nexport const s = "${"x".repeat(2_000_000)}";\n`,
      "public/huge.min.js": `!function(){${"var a=1;".repeat(3_800_000)}}();\n`,
      "src/with space/ünïcode name.ts": `// upstash\nexport const x = 1;\n`,
    });
    fs.symlinkSync(root, path.join(root, "src/loop"));
    fs.symlinkSync(outside.dir, path.join(root, "outside-dir"));
    fs.symlinkSync(path.join(outside.dir, "leak.ts"), path.join(root, "src/outside-file.ts"));
    const sarif = path.join(tmp.dir, "out.sarif");
    const r = runCli([root, "--sarif", sarif, "--fail-on", "medium"]);
    status = r.status;
    log = JSON.parse(fs.readFileSync(sarif, "utf8")) as Log;
  }, 120_000);
  afterAll(() => {
    tmp.cleanup();
    outside.cleanup();
  });

  it("finishes with a gating exit code and parseable SARIF", () => {
    expect(status).toBe(1);
    expect(log.runs).toHaveLength(1);
  });

  it("still reports the genuine findings at the right lines (CRLF and UTF-16 included)", () => {
    expect(hits(log)).toContain("src/real.ts:3:hardcoded-credential");
    expect(hits(log)).toContain("src/utf16.ts:2:hardcoded-credential");
  });

  it("never reads or reports anything outside the root, and says which links it did not follow", () => {
    const all = JSON.stringify(log);
    expect(all).not.toContain(outside.dir);
    expect(all).not.toContain("leak.ts");
    expect(all).not.toContain(outsideToken.slice(0, 20));
    const notes = notesFor(log);
    for (const link of ["outside-dir", "src/loop", "src/outside-file.ts"])
      expect(notes.get(link)).toBe("symlink-not-followed");
  });

  it("leaves a notification for every skipped or partly scanned file", () => {
    const notes = notesFor(log);
    expect(notes.get("src/binary.ts")).toBe("file-binary");
    expect(notes.get("src/invalid-utf8.ts")).toBe("file-invalid-utf8");
    expect(notes.get("src/deep.ts")).toMatch(/parse-failed|file-minified/);
    expect(notes.get("src/long-line.ts")).toMatch(/file-large|file-minified/);
    expect(notes.get("public/huge.min.js")).toMatch(/file-large|file-minified/);
    expect(notes.get("src/syntax-error.ts")).toBe("syntax-errors");
  });

  it("reports unreadable files instead of crashing", () => {
    expect(readFile(path.join(root, "src/vanished.ts"), "script", DEFAULT_BUDGETS)).toMatchObject({
      ok: false,
      id: "file-unreadable",
    });
    expect(
      readFile(path.join(root, "public/huge.min.js"), "script", { ...DEFAULT_BUDGETS, maxReadBytes: 1024 }),
    ).toMatchObject({ ok: false, id: "file-too-large" });
  });
});

describe("many files", () => {
  it("scans 100,000 tiny files", () => {
    const t = tempDir();
    try {
      for (let d = 0; d < 100; d++) {
        const dir = path.join(t.dir, `pkg-${d}`);
        fs.mkdirSync(dir);
        for (let f = 0; f < 1000; f++) fs.writeFileSync(path.join(dir, `m${f}.ts`), `export const v${f} = ${f};\n`);
      }
      writeTree(t.dir, { "pkg-0/secret.ts": `const t = "${fakeRedisToken()}";\n` });
      const r = runCli([t.dir, "--format", "json", "--fail-on", "none"]);
      expect(r.status).toBe(0);
      const doc = JSON.parse(r.stdout) as { stats: { read: number }; findings: Array<{ file: string }> };
      expect(doc.stats.read).toBe(100_001);
      expect(doc.findings.map((f) => f.file)).toEqual(["pkg-0/secret.ts"]);
    } finally {
      t.cleanup();
    }
  }, 900_000);
});
