import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { readResults, summarise } from "../scripts/org-summary.mjs";
import { REPO, runCli, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

describe("organisation sweep", () => {
  it("aggregates per-repository JSON results into one summary and gates on the worst", () => {
    const t = tempDir();
    try {
      const results = path.join(t.dir, "results");
      fs.mkdirSync(results);
      writeTree(t.dir, { "clean/a.ts": "export const x = 1;\n", "leaky/a.ts": `const t = "${fakeRedisToken()}";\n` });
      runCli([path.join(t.dir, "clean"), "--format", "json", "--output", path.join(results, "acme__clean.json")]);
      runCli([path.join(t.dir, "leaky"), "--format", "json", "--output", path.join(results, "acme__leaky.json")]);
      runCli([
        path.join(REPO, "examples/demo-app"),
        "--format",
        "json",
        "--output",
        path.join(results, "acme__demo.json"),
      ]);
      fs.writeFileSync(path.join(results, "acme__private.error"), "could not clone\n");
      const { markdown, failing } = summarise(readResults(results), "high");
      expect(markdown).toContain("3 repositories scanned, 1 failed.");
      expect(markdown).toMatch(/⚠️ Token Rotation Neglect \(`upstash\/token-rotation-neglect`\) \| medium \| 2 \|/);
      expect(markdown.indexOf("| acme/demo |")).toBeLessThan(markdown.indexOf("| acme/leaky |"));
      expect(markdown.indexOf("| acme/leaky |")).toBeLessThan(markdown.indexOf("| acme/clean |"));
      expect(markdown).toContain("- acme/private: could not clone");
      expect(failing).toEqual(["acme/demo"]);
      expect(summarise(readResults(results), "none").failing).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it("is a valid reusable workflow with a matrix over batches", () => {
    const wf = YAML.parse(fs.readFileSync(path.join(REPO, ".github/workflows/org-scan.yml"), "utf8")) as {
      on: { workflow_call: { inputs: Record<string, unknown>; secrets: Record<string, unknown> } };
      jobs: Record<string, { strategy?: { matrix: { batch: string } } }>;
    };
    expect(Object.keys(wf.on.workflow_call.inputs)).toContain("org");
    expect(wf.on.workflow_call.secrets).toHaveProperty("token");
    expect(wf.jobs.scan!.strategy!.matrix.batch).toContain("fromJSON(needs.list.outputs.batches)");
    expect(Object.keys(wf.jobs)).toEqual(["list", "scan", "summary"]);
  });
});
