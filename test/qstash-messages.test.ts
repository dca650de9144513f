/**
 * Rule 3's messages say what is true: a verification skipped by the environment names the deployments
 * that skip it, in words and with the condition as written.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import type { Finding } from "../src/engine/types";

const DIR = path.join(__dirname, "fixtures", "qstash-webhook-spoofing", "environment");
let findings: Finding[];

beforeAll(async () => {
  findings = (await scan({ paths: [DIR], srcRoot: DIR })).findings;
}, 120_000);

function skipped(file: string): string {
  const f = findings.filter((x) => x.check === "verify-skipped-by-environment" && x.location.file.endsWith(file));
  expect(f).toHaveLength(1);
  return f[0]!.message;
}

describe("verify-skipped-by-environment messages", () => {
  it("a handler wrapped only in production names the environment that skips it", () => {
    const m = skipped("pages/api/jobs/digest.ts");
    expect(m).toContain('NODE_ENV is not "production"');
    expect(m).toContain('`process.env.NODE_ENV === "production"` is false');
  });

  it("a ternary that exports the bare handler on previews names the preview environment", () => {
    const m = skipped("pages/api/jobs/preview.ts");
    expect(m).toContain('VERCEL_ENV is "preview"');
    expect(m).not.toContain('is not "preview"');
  });
});

describe("a router route left out of its siblings' verification", () => {
  it("says which routes verify and with what", async () => {
    const dir = path.join(__dirname, "fixtures", "qstash-webhook-spoofing", "express");
    const all = (await scan({ paths: [dir], srcRoot: dir })).findings;
    const f = all.filter((x) => x.check === "unverified-handler" && x.location.file.endsWith("routes/tasks.ts"));
    expect(f).toHaveLength(1);
    expect(f[0]!.location.range.startLine).toBe(22);
    expect(f[0]!.message).toContain(
      "the other POST routes on `tasks` (lines 10, 16) verify QStash signatures with verifyQstash",
    );
    expect(f[0]!.confidence).toBe("medium");
  }, 120_000);
});
