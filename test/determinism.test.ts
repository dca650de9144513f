/**
 * The same tree gives the same SARIF, whether files are analysed in worker threads (the bundle) or in
 * the main thread (the engine from sources), so that diffs between runs mean something.
 *
 * What is compared: everything except `runs[0].invocations[0].startTimeUtc` and `endTimeUtc`. Those two
 * are kept in the output on purpose (they say when the scan ran) and so differ between runs; the test
 * checks that they are there and plausible, removes exactly those two properties from the parsed log,
 * and compares the rest byte for byte after serialising it again. Nothing else may vary: not the order
 * of results or notifications, not a message, not a number.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { planFixes } from "../src/fix/plan";
import { sarifFixes } from "../src/fix/sarif";
import { DEMO, REPO, runCli, tempDir, writeTree } from "./support/run";
import { fakeQstashToken, fakeRedisToken } from "./support/credentials";

/** The log without its two timestamps (checked here), serialised again. */
function withoutTimes(text: string, window: { from: number; to: number }): string {
  const log = JSON.parse(text) as { runs: Array<{ invocations: Array<Record<string, unknown>> }> };
  const invocation = log.runs[0]!.invocations[0]!;
  const start = Date.parse(invocation.startTimeUtc as string);
  const end = Date.parse(invocation.endTimeUtc as string);
  expect(new Date(start).toISOString()).toBe(invocation.startTimeUtc);
  expect(start).toBeGreaterThanOrEqual(window.from - 1000);
  expect(end).toBeGreaterThanOrEqual(start);
  expect(end).toBeLessThanOrEqual(window.to + 1000);
  delete invocation.startTimeUtc;
  delete invocation.endTimeUtc;
  return JSON.stringify(log, null, 2);
}

describe("determinism", () => {
  let t: { dir: string; cleanup: () => void };
  let hostile: string;
  beforeAll(() => {
    t = tempDir();
    // A tree that exercises the notifications and redaction too: links, a binary file, a suppression,
    // a file named after a key, and a history with a deleted credential.
    hostile = path.join(t.dir, "hostile");
    writeTree(hostile, {
      "src/a.ts": `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${fakeRedisToken()}" });\n`,
      "src/b.ts": `// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- fixture\nconst t = "${fakeRedisToken()}";\n`,
      [`src/${fakeRedisToken()}.ts`]: `export const t = "${fakeRedisToken()}";\n`,
      "src/bin.ts": Buffer.from([0, 1, 2, 0]),
      "old.env": `QSTASH_TOKEN=${fakeQstashToken()}\n`,
    });
    fs.symlinkSync(t.dir, path.join(hostile, "out-link"));
    const git = (...a: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...a], { cwd: hostile });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "one");
    git("rm", "-q", "old.env");
    git("commit", "-qm", "two");
  });
  afterAll(() => t.cleanup());

  for (const [name, root, srcRoot, args] of [
    ["the demo app", DEMO, REPO, []],
    ["a hostile tree with history", () => hostile, () => hostile, ["--history"]],
  ] as const) {
    it(`gives the same SARIF for ${name} across runs and between worker and main-thread analysis`, async () => {
      const dir = typeof root === "function" ? root() : root;
      const from = Date.now();
      const outputs: string[] = [];
      for (let i = 0; i < 3; i++) {
        const file = path.join(t.dir, `run-${i}.sarif`);
        expect(runCli([dir, ...args, "--format", "sarif", "--output", file, "--fail-on", "none"]).status).toBe(0);
        outputs.push(fs.readFileSync(file, "utf8"));
      }
      const inProcess = await scan({
        paths: [dir],
        srcRoot: typeof srcRoot === "function" ? srcRoot() : srcRoot,
        workers: 0,
        ...(args.length ? { history: {} } : {}),
      });
      const fixes = sarifFixes(await planFixes(inProcess));
      outputs.push(JSON.stringify(buildSarif(inProcess, { fixes }), null, 2) + "\n");
      const window = { from, to: Date.now() };
      const compared = outputs.map((o) => withoutTimes(o, window));
      expect(compared[0]!.length).toBeGreaterThan(1000);
      for (const o of compared.slice(1)) expect(o).toBe(compared[0]);
      expect(compared[0]).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    });
  }
});
