/**
 * Every scan ends. The bundled CLI, run as users run it, under a hard timeout: on the ncc entry file
 * (whose banner once sent a regular expression into exponential backtracking) and on this repository's
 * whole tree (bundles, fixtures, tests). And generated code gets credential patterns only.
 */
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { BIN, REPO, temporaryTrees } from "./support/run";
import { fakeRedisToken } from "./support/credentials";

const tree = temporaryTrees(afterEach);

function runWithin(seconds: number, args: string[]) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args, "--format", "json", "--fail-on", "none"], {
    cwd: REPO,
    encoding: "utf8",
    timeout: seconds * 1000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { ...r, seconds: (Date.now() - started) / 1000 };
}

describe("every scan ends", () => {
  it("scans the ncc entry file of the committed bundle", () => {
    const r = runWithin(60, [path.join(REPO, "dist/index.js")]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).stats.discovered).toBe(1);
  });

  it("scans this repository's own tree", () => {
    const r = runWithin(240, [REPO]);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout) as { stats: { discovered: number }; notifications: Array<{ id: string }> };
    expect(doc.stats.discovered).toBeGreaterThan(300);
    expect(doc.notifications.filter((n) => n.id === "file-time-budget")).toEqual([]);
  });
});

describe("generated code", () => {
  it("is recognised and scanned for credential patterns only", async () => {
    const token = fakeRedisToken();
    const dir = tree({
      "dist/index.js": `/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({});\nconst t = "${token}";\n`,
      "build/server.js": `var __toESM = (mod) => mod;\nimport { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "x", token: "y" });\n`,
      "lib/out.js": `import { Redis } from "@upstash/redis";\nexport const r = Redis.fromEnv();\n//# sourceMappingURL=out.js.map\n`,
      "src/app.ts": `import { Redis } from "@upstash/redis";\nexport const r = Redis.fromEnv();\n`,
    });
    const result = await scan({ paths: [dir] });
    const generated = result.notifications.filter((n) => n.id === "file-generated");
    expect(generated.map((n) => `${n.file}: ${n.message}`).sort()).toEqual([
      "build/server.js: generated code (an esbuild bundle): credential patterns only",
      "dist/index.js: generated code (a webpack or ncc bundle): credential patterns only",
      "lib/out.js: generated code (compiled output with a source map): credential patterns only",
    ]);
    expect(result.stats.parsed).toBe(1);
    // The token a bundle ships is still found.
    expect(result.findings.map((f) => `${f.check}@${f.location.file}`)).toContain("hardcoded-credential@dist/index.js");
  });
});
