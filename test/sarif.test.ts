import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import Ajv from "ajv";
import { scan } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { capResults } from "../src/sarif/limits";
import { DEMO, REPO, tempDir, writeTree } from "./support/run";

const GOLDEN = path.join(__dirname, "golden/demo-app.sarif.json");

/** The parts of a log that legitimately change between machines and runs. */
function normalise(log: unknown): unknown {
  const l = JSON.parse(JSON.stringify(log)) as {
    runs: Array<{ invocations: Array<Record<string, unknown>>; originalUriBaseIds: Record<string, { uri: string }> }>;
  };
  for (const run of l.runs) {
    for (const inv of run.invocations) {
      inv.startTimeUtc = "<time>";
      inv.endTimeUtc = "<time>";
    }
    run.originalUriBaseIds["%SRCROOT%"]!.uri = "file:///<srcroot>/";
  }
  return l;
}

describe("SARIF", () => {
  it("matches the golden log for the demo app (UPDATE_GOLDEN=1 to rewrite after a reviewed change)", async () => {
    const result = await scan({ paths: [DEMO], srcRoot: REPO });
    const log = normalise(buildSarif(result));
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, JSON.stringify(log, null, 2) + "\n");
    expect(log).toEqual(JSON.parse(fs.readFileSync(GOLDEN, "utf8")));
  });

  it("is valid against the SARIF 2.1.0 JSON schema", async () => {
    // The schema ships inside the platform package of Microsoft's multitool.
    const multitoolDir = path.dirname(require("@microsoft/sarif-multitool") as string);
    const schema = JSON.parse(fs.readFileSync(path.join(multitoolDir, "sarif-2.1.0.json"), "utf8")) as Record<
      string,
      unknown
    >;
    delete schema.$schema;
    const ajv = new Ajv({ strict: false, allErrors: true });
    const validate = ajv.compile(schema);
    const result = await scan({ paths: [DEMO], srcRoot: REPO });
    const ok = validate(buildSarif(result));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it("lists all five rules with the guide's metadata even when nothing is found", async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, { "a.ts": "export const x = 1;" });
      const log = buildSarif(await scan({ paths: [t.dir] }));
      const run = log.runs[0]!;
      expect(run.results).toEqual([]);
      expect(run.tool.driver.rules!.map((r) => r.id)).toEqual([
        "upstash/write-token-in-frontend",
        "upstash/sensitive-data-without-ttl",
        "upstash/qstash-webhook-spoofing",
        "upstash/rate-limit-misconfiguration",
        "upstash/token-rotation-neglect",
      ]);
      for (const r of run.tool.driver.rules!) {
        for (const key of ["severity", "likelihood", "impact", "mitigation", "security-severity", "precision", "tags"])
          expect(r.properties).toHaveProperty(key);
        expect(r.help!.markdown).toMatch(/Bad:[\s\S]*Good:/);
      }
      expect(run.automationDetails!.id).toBe("upstash-scan/");
    } finally {
      t.cleanup();
    }
  });

  it("caps results at GitHub's limit, most severe first", () => {
    const mk = (sev: "critical" | "low", i: number) => ({
      rule: "upstash/write-token-in-frontend" as const,
      check: "c",
      severity: sev,
      confidence: "high" as const,
      message: String(i),
      location: { file: "a", range: { startLine: i, startColumn: 1, endLine: i, endColumn: 2 } },
    });
    const { kept, dropped } = capResults([mk("critical", 1), mk("critical", 2), mk("low", 3)], 2);
    expect(kept.map((k) => k.message)).toEqual(["1", "2"]);
    expect(dropped).toBe(1);
  });

  it("percent-encodes file names with spaces and non-ASCII characters", async () => {
    const t = tempDir();
    try {
      writeTree(t.dir, {
        "my app/ünïcode.ts": 'const t = "AbnRAAIsGifY3UysURcW0fPk4U5U3qglpMWweCS61Djm0nUPvhdux8dVBik0s0U";',
      });
      const log = buildSarif(await scan({ paths: [t.dir] }));
      expect(log.runs[0]!.results![0]!.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe(
        "my%20app/%C3%BCn%C3%AFcode.ts",
      );
    } finally {
      t.cleanup();
    }
  });
});
