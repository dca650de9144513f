/**
 * Every detector is complete (eslint's rule-completeness check): registered once, a docs section for
 * each of its checks, fixture annotations that exercise each check, and rule metadata that matches the
 * product contract.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../src/detectors/index";
import { RULES } from "../src/rules/index";
import { VERSION } from "../src/version";
import { listFiles, readExpectations } from "./support/expectations";

const REPO = path.resolve(__dirname, "..");

function annotatedChecks(): Set<string> {
  const out = new Set<string>();
  for (const base of ["test/fixtures", "examples/demo-app"]) {
    const root = path.join(REPO, base);
    if (!fs.existsSync(root)) continue;
    for (const f of listFiles(root))
      for (const e of readExpectations(root, f)) if (e.kind === "ruleid" && e.check) out.add(`${e.rule}/${e.check}`);
  }
  return out;
}

describe("rule metadata", () => {
  const contract: Record<string, [string, string, string]> = {
    "upstash/write-token-in-frontend": ["critical", "high", "critical"],
    "upstash/sensitive-data-without-ttl": ["medium", "medium", "medium"],
    "upstash/qstash-webhook-spoofing": ["high", "medium", "high"],
    "upstash/rate-limit-misconfiguration": ["medium", "medium", "medium"],
    "upstash/token-rotation-neglect": ["medium", "low", "medium"],
  };
  it("matches the guide's severity, likelihood and impact", () => {
    expect(RULES.map((r) => r.id)).toEqual(Object.keys(contract));
    for (const r of RULES) expect([r.severity, r.likelihood, r.impact]).toEqual(contract[r.id]);
  });
  it("puts security-severity in GitHub's band for the severity", () => {
    const band = { critical: [9.1, 10], high: [7, 8.9], medium: [4, 6.9], low: [0.1, 3.9] } as const;
    for (const r of RULES) {
      const v = Number(r.securitySeverity);
      expect(v).toBeGreaterThanOrEqual(band[r.severity][0]);
      expect(v).toBeLessThanOrEqual(band[r.severity][1]);
    }
  });
  it("keeps the version equal to package.json's", () => {
    expect(VERSION).toBe(
      (JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")) as { version: string }).version,
    );
  });
});

describe("detector registry", () => {
  const checks = annotatedChecks();
  it("has unique detector ids and check ids per rule", () => {
    const ids = DETECTORS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    const ruleChecks = DETECTORS.flatMap((d) => Object.keys(d.checks).map((c) => `${d.rule}/${c}`));
    expect(new Set(ruleChecks).size).toBe(ruleChecks.length);
  });
  it.each(DETECTORS.map((d) => [d.id, d] as const))("%s lives in its rule's folder", (id, d) => {
    const slug = d.rule.slice("upstash/".length);
    expect(fs.existsSync(path.join(REPO, "src/detectors", slug, `${id}.ts`))).toBe(true);
  });
  it.each(DETECTORS.flatMap((d) => Object.keys(d.checks).map((c) => [`${d.rule}/${c}`, d.rule, c] as const)))(
    "%s is documented and has an annotated positive fixture",
    (_name, rule, check) => {
      const doc = fs.readFileSync(path.join(REPO, "docs/rules", `${rule.slice("upstash/".length)}.md`), "utf8");
      expect(doc).toContain(`\`${check}\``);
      expect(
        checks.has(`${rule}/${check}`),
        `no "ruleid: ${rule}/${check}" annotation in test/fixtures or the demo`,
      ).toBe(true);
    },
  );
});
