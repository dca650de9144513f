/**
 * The gate: which scripts get a syntax tree is decided from import facts and specific words, never
 * from common words. Trees here are made up; each file says why it is (or is not) parsed.
 */
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { parseCounter } from "../src/engine/parse";
import { defineDetector, type Detector } from "../src/detectors/types";
import { temporaryTrees } from "./support/run";

const tree = temporaryTrees(afterEach);

/** A detector that takes what `@upstash/redis` importers (one hop, barrels followed) would take. */
function probe(seen: string[]): Detector {
  return defineDetector({
    id: "probe",
    rule: "upstash/sensitive-data-without-ttl",
    checks: { probe: "test probe" },
    keywords: [],
    imports: { packages: ["@upstash/redis"], importers: true },
    fileKinds: ["script"],
    needs: { ast: true },
    analyzeFile(ctx) {
      if (ctx.sourceFile) seen.push(ctx.path);
    },
  });
}

describe("gate on import facts", () => {
  it("parses a file that mentions redis, kv, verify or publish only when it imports Upstash", async () => {
    const dir = tree({
      "package.json": JSON.stringify({
        dependencies: { next: "16.0.0", "@upstash/redis": "1.35.0", "@upstash/qstash": "2.8.0", redis: "5.0.0" },
      }),
      // Words every rule once took, none of them an Upstash fact: never parsed.
      "lib/cache.ts":
        'import { createClient } from "redis";\nexport const cache = createClient();\nexport const publish = (m: string) => cache.publish("events", m);\nexport const verify = (signature: string) => signature === "ok";\nconst kv = new Map<string, number>();\nkv.set("hits", 1);\n',
      "app/api/webhook/route.ts":
        'import { verify } from "@/lib/cache";\nexport async function POST(req: Request) {\n  if (!verify(req.headers.get("signature") ?? "")) return new Response("no", { status: 401 });\n  return new Response("ok");\n}\n',
      "components/rate.tsx": "export const limiter = { limit: (n: number) => n };\nlimiter.limit(5);\n",
      // The Upstash client, and a route using it through the @/ alias: both parsed.
      "lib/redis.ts": 'import { Redis } from "@upstash/redis";\nexport const redis = Redis.fromEnv();\n',
      "app/api/session/route.ts":
        'import { redis } from "@/lib/redis";\nexport async function POST() {\n  await redis.set("session:abc", "user-1");\n  return new Response("ok");\n}\n',
    });
    const before = parseCounter.count;
    const result = await scan({ paths: [dir] });
    expect(parseCounter.count - before).toBe(2);
    expect(result.stats.parsed).toBe(2);
    expect(result.findings.map((f) => `${f.check}@${f.location.file}`)).toEqual([
      "write-without-ttl@app/api/session/route.ts",
    ]);
  });

  it("follows a client through an alias, a barrel and a workspace package, one hop from where it is made", async () => {
    const seen: string[] = [];
    const dir = tree({
      "package.json": JSON.stringify({ name: "root", workspaces: ["packages/*", "apps/*"] }),
      "lib/redis.ts": 'import { Redis } from "@upstash/redis";\nexport const redis = Redis.fromEnv();\n',
      // A barrel passes the client on: parsed too, so that what it exports can be followed.
      "lib/index.ts": 'export * from "./redis";\n',
      "app/alias.ts": 'import { redis } from "@/lib/redis";\nexport const a = () => redis.get("a");\n',
      "app/barrel.ts": 'import { redis } from "../lib";\nexport const b = () => redis.get("b");\n',
      // Two hops away: not parsed by the gate (a detector's select may still ask for it).
      "app/two-hops.ts": 'import { a } from "./alias";\nexport const c = () => a();\n',
      "app/mentions.ts": "// redis, kv, upstash-like words alone\nexport const redisKey = 'kv:1';\n",
      "packages/db/package.json": JSON.stringify({ name: "@acme/db", main: "src/index.ts" }),
      "packages/db/src/index.ts": 'export { redis } from "./client";\n',
      "packages/db/src/client.ts": 'import { Redis } from "@upstash/redis";\nexport const redis = Redis.fromEnv();\n',
      "apps/web/package.json": JSON.stringify({ name: "web", dependencies: { "@acme/db": "*" } }),
      "apps/web/page.ts": 'import { redis } from "@acme/db";\nexport const d = () => redis.get("d");\n',
    });
    await scan({ paths: [dir], detectors: [probe(seen)] });
    expect(seen.sort()).toEqual([
      "app/alias.ts",
      "app/barrel.ts",
      "apps/web/page.ts",
      "lib/index.ts",
      "lib/redis.ts",
      "packages/db/src/client.ts",
      "packages/db/src/index.ts",
    ]);
  });

  it("parses a route no word points at when a QStash publisher targets it (on demand)", async () => {
    const dir = tree({
      "package.json": JSON.stringify({ dependencies: { next: "16.0.0", "@upstash/qstash": "2.8.0" } }),
      "lib/jobs.ts":
        'import { Client } from "@upstash/qstash";\nconst q = new Client({ token: process.env.QSTASH_TOKEN! });\nexport const ingest = () => q.publishJSON({ url: `${process.env.APP_URL}/api/hooks/ingest`, body: {} });\n',
      "app/api/hooks/ingest/route.ts":
        "export async function POST(req: Request) {\n  const body = await req.json();\n  await fetch('https://example.com', { method: 'POST', body: JSON.stringify(body) });\n  return new Response('ok');\n}\n",
      "app/api/health/route.ts": "export async function GET() {\n  return new Response('ok');\n}\n",
    });
    const result = await scan({ paths: [dir] });
    expect(result.stats.parsed).toBe(2);
    expect(result.findings.map((f) => `${f.check}@${f.location.file}`)).toEqual([
      "unverified-handler@app/api/hooks/ingest/route.ts",
    ]);
  });
});
