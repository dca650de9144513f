/**
 * The same tree gives byte-identical SARIF (timestamps in `invocations` aside), whether files are
 * analysed in worker threads (the bundle) or in the main thread (the engine from sources), so that
 * diffs between runs mean something.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { planFixes } from "../src/fix/plan";
import { sarifFixes } from "../src/fix/sarif";
import { DEMO, REPO, runCli, tempDir } from "./support/run";

const TIMESTAMPS = /"(startTimeUtc|endTimeUtc)": "[^"]+"/g;

describe("determinism", () => {
  it("gives byte-identical SARIF across runs and between worker and main-thread analysis", async () => {
    const t = tempDir();
    try {
      const outputs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const file = path.join(t.dir, `run-${i}.sarif`);
        expect(runCli([DEMO, "--format", "sarif", "--output", file, "--fail-on", "none"]).status).toBe(0);
        outputs.push(fs.readFileSync(file, "utf8").replace(TIMESTAMPS, '"$1": "<t>"'));
      }
      const inProcess = await scan({ paths: [DEMO], srcRoot: REPO, workers: 0 });
      const fixes = sarifFixes(await planFixes(inProcess));
      outputs.push(
        (JSON.stringify(buildSarif(inProcess, { fixes }), null, 2) + "\n").replace(TIMESTAMPS, '"$1": "<t>"'),
      );
      expect(outputs[0]!.length).toBeGreaterThan(1000);
      for (const o of outputs.slice(1)) expect(o).toBe(outputs[0]);
      expect(outputs[0]).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    } finally {
      t.cleanup();
    }
  });
});
