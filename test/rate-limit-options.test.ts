/**
 * The rate-limit detectors' options, passed as `config.detectorOptions[<detector id>]`:
 * `shared-bucket.globalIdentifiers`, `implausible-limit.maxRequestsPerSecond` and
 * `implausible-limit.minWindowMs`. Each test scans a small project written to a temp directory
 * with and without the option, so a test fails if the option is ignored.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/defaults";
import { scan } from "../src/engine/scan";
import { boundsFrom, problems, windowMs } from "../src/detectors/rate-limit-misconfiguration/analysis/bounds";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rl-options-"));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

async function checks(dir: string, options: Record<string, Record<string, unknown>> = {}): Promise<string[]> {
  const config = defaultConfig();
  config.detectorOptions = options;
  const result = await scan({ paths: [dir], srcRoot: dir, config });
  expect(result.internalErrors).toBe(0);
  return result.findings
    .filter((f) => f.rule === "upstash/rate-limit-misconfiguration")
    .map((f) => `${f.check}@${f.location.range.startLine}`);
}

const LIMITER = `import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
`;

describe("shared-bucket: globalIdentifiers", () => {
  const dir = project({
    "package.json": JSON.stringify({ dependencies: { "@upstash/ratelimit": "2.0.0" } }),
    "app/api/ai/route.ts": `${LIMITER}
const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(100, "1 m") });

export async function POST(req: Request) {
  const { success } = await ratelimit.limit("openai-budget");
  if (!success) return new Response("busy", { status: 429 });
  const ip = req.headers.get("x-real-ip") ?? "anonymous";
  const second = await ratelimit.limit(ip);
  if (!second.success) return new Response("busy", { status: 429 });
  return Response.json({});
}
`,
  });

  it("reports a constant identifier and a constant fallback by default", async () => {
    expect(await checks(dir)).toEqual(["shared-bucket@7", "shared-bucket@9"]);
  });

  it("accepts identifiers listed as intentionally global", async () => {
    expect(await checks(dir, { "shared-bucket": { globalIdentifiers: ["openai-budget"] } })).toEqual([
      "shared-bucket@9",
    ]);
    expect(await checks(dir, { "shared-bucket": { globalIdentifiers: ["openai-budget", "anonymous"] } })).toEqual([]);
  });

  it("ignores entries that are not strings", async () => {
    expect(await checks(dir, { "shared-bucket": { globalIdentifiers: [42, null] } })).toEqual([
      "shared-bucket@7",
      "shared-bucket@9",
    ]);
  });
});

describe("implausible-limit: maxRequestsPerSecond and minWindowMs", () => {
  const dir = project({
    "package.json": JSON.stringify({ dependencies: { "@upstash/ratelimit": "2.0.0" } }),
    "lib/limits.ts": `${LIMITER}
const redis = Redis.fromEnv();
export const api = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(300, "1 s") });
export const burst = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(3, "2 s") });
export const fine = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(10, "1 m") });
`,
  });

  it("stays silent inside the default bounds", async () => {
    expect(await checks(dir)).toEqual([]);
  });

  it("reports more than maxRequestsPerSecond per identifier", async () => {
    expect(await checks(dir, { "implausible-limit": { maxRequestsPerSecond: 100 } })).toEqual(["implausible-limit@5"]);
  });

  it("reports windows under minWindowMs", async () => {
    expect(await checks(dir, { "implausible-limit": { minWindowMs: 5000 } })).toEqual([
      "implausible-limit@5",
      "implausible-limit@6",
    ]);
  });

  it("falls back to the defaults for values that are not positive numbers", () => {
    expect(boundsFrom({ maxRequestsPerSecond: "10", minWindowMs: -1 })).toEqual({
      maxRequestsPerSecond: 1000,
      minWindowMs: 1000,
    });
  });
});

describe("bounds", () => {
  const b = { maxRequestsPerSecond: 1000, minWindowMs: 1000 };
  it("parses windows exactly like @upstash/ratelimit", () => {
    expect(windowMs("10 s")).toBe(10_000);
    expect(windowMs("10s")).toBe(10_000);
    expect(windowMs("1 d")).toBe(86_400_000);
    expect(windowMs("250 ms")).toBe(250);
    for (const bad of ["10 sec", "1.5 m", "10  s", " 10 s", "10 S", "m", "ten s"])
      expect(windowMs(bad)).toBeUndefined();
  });
  it("judges each algorithm's arguments", () => {
    expect(problems({ algorithm: "slidingWindow", tokens: 1000, window: "1 s" }, b)).toEqual([]);
    expect(problems({ algorithm: "slidingWindow", tokens: 1001, window: "1 s" }, b).map((p) => p.arg)).toEqual([0]);
    expect(problems({ algorithm: "fixedWindow", tokens: 0, window: "1 m" }, b).map((p) => p.arg)).toEqual([0]);
    expect(problems({ algorithm: "fixedWindow", tokens: 5, window: 60 }, b).map((p) => p.arg)).toEqual([1]);
    expect(problems({ algorithm: "tokenBucket", tokens: 5, window: "10 s", maxTokens: 20 }, b)).toEqual([]);
    expect(
      problems({ algorithm: "tokenBucket", tokens: 20, window: "10 s", maxTokens: 5 }, b).map((p) => p.arg),
    ).toEqual([0]);
    expect(
      problems({ algorithm: "tokenBucket", tokens: 5, window: "10 s", maxTokens: 0 }, b).map((p) => p.arg),
    ).toEqual([2]);
    // Unknown (non-constant) arguments are never judged.
    expect(problems({ algorithm: "slidingWindow", tokens: null, window: null }, b)).toEqual([]);
  });
});
