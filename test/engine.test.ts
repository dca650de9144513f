import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { parseCounter } from "../src/engine/parse";
import { defineDetector, type Detector } from "../src/detectors/types";
import { DETECTORS } from "../src/detectors/index";
import { defaultConfig } from "../src/config/defaults";
import { temporaryTrees, tempDir, writeTree } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

const tree = temporaryTrees(afterEach);

describe("keyword prefilter and parsing", () => {
  it("never parses a file that mentions no detector keyword, and parses a candidate once", async () => {
    const dir = tree({
      "package.json": "{}",
      "a.ts": "export const add = (a: number, b: number) => a + b;\n",
      "b.tsx": "export function Button() { return <button>ok</button>; }\n",
      "c.js": "module.exports = { hello: 'world' };\n",
      // Interesting to several AST detectors at once: must still be parsed exactly once.
      "lib/redis.ts":
        'import { Redis } from "@upstash/redis";\nimport { Ratelimit } from "@upstash/ratelimit";\nexport const redis = Redis.fromEnv();\nexport const rl = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(1, "1 s") });\n',
    });
    const before = parseCounter.count;
    const result = await scan({ paths: [dir] });
    expect(result.stats.read).toBe(5);
    expect(result.stats.parsed).toBe(1);
    expect(parseCounter.count - before).toBe(1);
    expect(result.stats.prefilteredOut).toBe(4);
  });

  it("never parses a file twice when a demand-driven round asks for it again", async () => {
    const dir = tree({
      "package.json": '{ "dependencies": { "next": "16.0.0", "@upstash/qstash": "2.11.0" } }',
      "lib/queue.ts":
        'import { Client } from "@upstash/qstash";\nconst q = new Client({ token: process.env.QSTASH_TOKEN! });\nexport const go = () => q.publishJSON({ url: `${process.env.APP_URL}/api/jobs/sync`, body: {} });\nexport const other = () => q.publishJSON({ url: `${process.env.APP_URL}/api/tasks/other`, body: {} });\n',
      // Parsed in the main pass for the rate-limit rule; the QStash rule takes it along by path.
      "app/api/jobs/sync/route.ts":
        'import { ratelimit } from "../../../../lib/rl";\nexport async function POST(req: Request) {\n  await ratelimit.limit("x");\n  await fetch("https://example.com");\n  return new Response("ok");\n}\n',
      // Names nothing of QStash: read only because a publisher targets it (a demand-driven round).
      "app/api/tasks/other/route.ts":
        "export async function POST() {\n  await fetch('https://example.com');\n  return new Response('ok');\n}\n",
      // Neither named nor targeted: never read for the QStash rule.
      "app/api/users/route.ts": "export async function GET() {\n  return new Response('[]');\n}\n",
      "lib/rl.ts":
        'import { Ratelimit } from "@upstash/ratelimit";\nexport const ratelimit = new Ratelimit({} as never);\n',
    });
    const before = parseCounter.count;
    const result = await scan({ paths: [dir] });
    expect(parseCounter.count - before).toBe(result.stats.parsed);
    expect(result.stats.parsed).toBe(4);
    expect(
      result.findings
        .filter((f) => f.check === "unverified-handler")
        .map((f) => f.location.file)
        .sort(),
    ).toEqual(["app/api/jobs/sync/route.ts", "app/api/tasks/other/route.ts"]);
  });

  it("gives a detector only the files whose keywords or credential shapes occur", async () => {
    const seen: string[] = [];
    const probe: Detector = defineDetector({
      id: "probe",
      rule: "upstash/token-rotation-neglect",
      checks: { probe: "test probe" },
      keywords: ["needle"],
      fileKinds: ["script", "env"],
      needs: {},
      analyzeFile(ctx) {
        seen.push(ctx.path);
      },
    });
    const dir = tree({ "x.ts": "const needle = 1;", "y.ts": "const hay = 1;", ".env": "NEEDLE=1" });
    await scan({ paths: [dir], detectors: [probe] });
    expect(seen.sort()).toEqual([".env", "x.ts"]);
    // A credential alone in a file names nothing, but its shape gets it through.
    const dir2 = tree({ "z.json": `{ "t": "${fakeRedisToken()}" }` });
    const result = await scan({ paths: [dir2] });
    expect(result.findings.map((f) => f.check)).toEqual(["hardcoded-credential"]);
  });
});

describe("discovery", () => {
  it("honours nested .gitignore files, skips node_modules, reads ignored env files", async () => {
    const token = fakeRedisToken();
    const dir = tree({
      ".gitignore": "build/\n*.secret.ts\n",
      "app/.gitignore": "generated.ts\n!keep.secret.ts\n",
      "build/out.ts": `const t = "${token}";`,
      "app/generated.ts": `const t = "${token}";`,
      "app/keep.secret.ts": `const t = "${token}";`,
      "app/drop.secret.ts": `const t = "${token}";`,
      "node_modules/pkg/index.js": `const t = "${token}";`,
      "src/ok.ts": `const t = "${token}";`,
      ".env.local": "NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=x\n",
    });
    fs.writeFileSync(path.join(dir, ".gitignore"), "build/\n*.secret.ts\n.env.local\n");
    const result = await scan({ paths: [dir] });
    const files = new Set(result.findings.map((f) => f.location.file));
    expect([...files].sort()).toEqual([".env.local", "app/keep.secret.ts", "src/ok.ts"]);
  });

  it("never follows symlinks: loops terminate and links out of the root are not read", async () => {
    const outside = tempDir();
    writeTree(outside.dir, { "secret.ts": `const t = "${fakeRedisToken()}";` });
    const dir = tree({ "src/a.ts": "export {};" });
    fs.symlinkSync(dir, path.join(dir, "src/loop"));
    fs.symlinkSync(outside.dir, path.join(dir, "outside"));
    fs.symlinkSync(path.join(outside.dir, "secret.ts"), path.join(dir, "src/linked.ts"));
    try {
      const result = await scan({ paths: [dir] });
      expect(result.findings).toEqual([]);
      // The links themselves are noted; nothing behind them is read or reported.
      expect(result.notifications.map((n) => [n.file, n.id]).sort()).toEqual([
        ["outside", "symlink-not-followed"],
        ["src/linked.ts", "symlink-not-followed"],
        ["src/loop", "symlink-not-followed"],
      ]);
      expect(JSON.stringify(result.notifications)).not.toContain(outside.dir);
      expect(result.stats.discovered).toBe(1);
    } finally {
      outside.cleanup();
    }
  });
});

describe("detector isolation", () => {
  it("reports a crashing detector as a notification and keeps the other findings", async () => {
    const crash: Detector = defineDetector({
      id: "crash",
      rule: "upstash/token-rotation-neglect",
      checks: { crash: "always throws" },
      keywords: [],
      fileKinds: ["script"],
      needs: {},
      analyzeFile() {
        throw new Error("boom");
      },
    });
    const dir = tree({ "a.ts": `const t = "${fakeRedisToken()}";` });
    const result = await scan({ paths: [dir], detectors: [crash, ...DETECTORS] });
    expect(result.findings.map((f) => f.check)).toEqual(["hardcoded-credential"]);
    expect(result.internalErrors).toBe(1);
    expect(result.notifications.find((n) => n.id === "detector-error")?.message).toMatch(
      /crash failed on this file: Error: boom/,
    );
  });
});

describe("time budgets", () => {
  it("stops a detector that never returns, reports the file, and finishes the scan", async () => {
    const endless: Detector = defineDetector({
      id: "endless",
      rule: "upstash/token-rotation-neglect",
      checks: { endless: "never returns on one file" },
      keywords: [],
      fileKinds: ["script"],
      needs: { ast: true },
      analyzeFile(ctx) {
        // A synchronous loop that never checks its budget: only an outside stop ends it.
        if (ctx.path === "stuck.ts") for (;;);
      },
    });
    const dir = tree({ "stuck.ts": "export const a = 1;\n", "b.ts": `const t = "${fakeRedisToken()}";\n` });
    const config = defaultConfig();
    config.budgets.maxFileMillis = 50;
    const result = await scan({ paths: [dir], config, detectors: [endless, ...DETECTORS] });
    expect(result.notifications.find((n) => n.id === "file-time-budget")).toMatchObject({
      file: "stuck.ts",
      message: expect.stringMatching(/^endless stopped early: stopped after [\d.]+ s/),
    });
    expect(result.findings.map((f) => `${f.check}@${f.location.file}`)).toEqual(["hardcoded-credential@b.ts"]);
  });
});
