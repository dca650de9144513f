/**
 * Rule 1's subtle parts: the client bundle reach (chains, aliases, where the walk stops, what
 * Next.js drops with data-fetching functions), token classification by decoding with fresh random
 * tokens, related locations of the import chain, and that no message carries a secret.
 */
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import type { Finding } from "../src/engine/types";
import { loadTypeScript } from "../src/engine/parse";
import { clientBundleReach } from "../src/detectors/write-token-in-frontend/analysis/client-bundle";
import { serverOnlyImportStarts } from "../src/detectors/write-token-in-frontend/analysis/pages-router";
import { snakeCase } from "../src/detectors/write-token-in-frontend/analysis/env-uses";
import { fakeQstashToken, fakeRedisToken, fakeSigningKey, fakeVectorToken } from "./support/credentials";
import { tempDir, writeTree } from "./support/run";

const RULE = "upstash/write-token-in-frontend";
const cleanups: Array<() => void> = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function scanTree(files: Record<string, string>) {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  writeTree(dir, files);
  const result = await scan({ paths: [dir], srcRoot: dir });
  expect(result.internalErrors).toBe(0);
  return { result, findings: result.findings.filter((f) => f.rule === RULE) };
}

const where = (f: Finding) => `${f.check} ${f.location.file}:${f.location.range.startLine}`;

const NEXT_APP = {
  "package.json": JSON.stringify({
    name: "app",
    dependencies: { next: "15.0.0", react: "19.0.0", "@upstash/redis": "1.38.0" },
  }),
  "tsconfig.json": JSON.stringify({ compilerOptions: { paths: { "@/*": ["./src/*"] } } }),
};

describe("client bundle reach", () => {
  it('follows a "use client" page through aliases to the module that reads the token, with the chain', async () => {
    const { result, findings } = await scanTree({
      ...NEXT_APP,
      "src/app/page.tsx": `"use client";\nimport { X } from "@/components/x";\nexport default function P() { return <X />; }\n`,
      "src/components/x.tsx": `import { redis } from "../lib/redis-client";\nexport function X() { return <b onClick={() => redis.incr("n")} />; }\n`,
      "src/lib/redis-client.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({\n  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,\n  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,\n});\n`,
    });
    expect(findings.map(where)).toEqual(["public-env-credential src/lib/redis-client.ts:4"]);
    const f = findings[0]!;
    expect(f.message).toContain(
      'src/app/page.tsx ("use client" module) → src/components/x.tsx → src/lib/redis-client.ts',
    );
    expect(f.related?.map((l) => `${l.file}:${l.range.startLine}`)).toEqual([
      "src/app/page.tsx:1",
      "src/app/page.tsx:2",
      "src/components/x.tsx:1",
    ]);
    const reach = clientBundleReach(result.project);
    expect(reach.get("src/lib/redis-client.ts")?.chain).toEqual([
      "src/app/page.tsx",
      "src/components/x.tsx",
      "src/lib/redis-client.ts",
    ]);
    expect(clientBundleReach(result.project)).toBe(reach); // memoised per scan
  });

  it('stops at "use server", server-only and .server modules, and leaves server components out', async () => {
    const token = fakeRedisToken("write");
    const { result, findings } = await scanTree({
      ...NEXT_APP,
      "src/app/page.tsx": `"use client";\nimport { save } from "./actions";\nimport { q } from "../lib/q";\nimport { s } from "../lib/s.server";\nexport default function P() { return <b onClick={() => save(q, s)} />; }\n`,
      "src/app/actions.ts": `"use server";\nimport { Redis } from "@upstash/redis";\nconst r = new Redis({ url: "https://x.upstash.io", token: "${token}" });\nexport async function save() { await r.incr("n"); }\n`,
      "src/lib/q.ts": `import "server-only";\nexport const q = "${token}";\n`,
      "src/lib/s.server.ts": `export const s = "${token}";\n`,
      "src/app/server/page.tsx": `import { t } from "../../lib/t";\nexport default function S() { return <p>{t}</p>; }\n`,
      "src/lib/t.ts": `export const t = "${token}";\n`,
    });
    expect(findings).toEqual([]);
    expect([...clientBundleReach(result.project).keys()]).toEqual(["src/app/page.tsx"]);
  });
});

describe("type-only imports", () => {
  it("does not count an import used only in annotations, but finds another path that imports a value", async () => {
    const token = fakeRedisToken("write");
    const lib = `export interface Entry { k: string }\nexport class Base {}\nexport const t = "${token}";\n`;
    const typesOnly = await scanTree({
      ...NEXT_APP,
      "src/lib/db.ts": lib,
      "src/components/a.tsx": `"use client";\nimport { Entry } from "../lib/db";\nexport function A(p: { e: Entry }) { const x: Entry = p.e; return <b>{x.k}</b>; }\n`,
      "src/components/b.tsx": `"use client";\nimport { Base } from "../lib/db";\nclass Impl implements Base {}\nexport const B = () => String(new Impl());\n`,
    });
    expect(typesOnly.findings).toEqual([]);
    const withValue = await scanTree({
      ...NEXT_APP,
      "src/lib/db.ts": lib,
      "src/components/a.tsx": `"use client";\nimport { Entry } from "../lib/db";\nexport function A(p: { e: Entry }) { return <b>{p.e.k}</b>; }\n`,
      "src/components/c.tsx": `"use client";\nimport { Base } from "../lib/db";\nexport class C extends Base {}\n`,
    });
    expect(withValue.findings.map(where)).toEqual(["credential-in-client-code src/lib/db.ts:3"]);
    expect(withValue.findings[0]!.message).toContain("src/components/c.tsx");
  });
});

describe("token classification by decoding", () => {
  it("reports fresh write credentials in client code and never read-only ones", async () => {
    const write = {
      redis: fakeRedisToken("write"),
      qstash: fakeQstashToken(),
      sig: fakeSigningKey(),
      vector: fakeVectorToken("admin"),
    };
    const readOnly = { redis: fakeRedisToken("read-only"), vector: fakeVectorToken("readonly") };
    const lines = [...Object.values(write), ...Object.values(readOnly)].map((t, i) => `export const t${i} = "${t}";`);
    const { findings } = await scanTree({
      ...NEXT_APP,
      "src/components/c.tsx": `"use client";\n${lines.join("\n")}\n`,
      ".env.local": `NEXT_PUBLIC_A=${write.redis}\nNEXT_PUBLIC_B=${readOnly.redis}\nNEXT_PUBLIC_UPSTASH_VECTOR_REST_TOKEN=${readOnly.vector}\n`,
    });
    expect(findings.map(where)).toEqual([
      "public-env-credential .env.local:1",
      "credential-in-client-code src/components/c.tsx:2",
      "credential-in-client-code src/components/c.tsx:3",
      "credential-in-client-code src/components/c.tsx:4",
      "credential-in-client-code src/components/c.tsx:5",
    ]);
    const secrets = [...Object.values(write), ...Object.values(readOnly)];
    for (const f of findings) for (const s of secrets) expect(JSON.stringify(f)).not.toContain(s);
  });
});

describe("pages-router data-fetching imports", () => {
  it("drops imports only data-fetching code uses, keeps the rest", async () => {
    await loadTypeScript();
    const text = [
      `import "./polyfill";`,
      `import { redis } from "../lib/redis";`,
      `import { Chart } from "../components/Chart";`,
      `import { format } from "../lib/format";`,
      `import { db } from "../lib/db";`,
      `import unused from "../lib/unused";`,
      `async function load() { return db.all(); }`,
      `export default function Page(p) { return <Chart v={format(p.v)} />; }`,
      `export async function getServerSideProps() { return { props: { v: await redis.get("v"), rows: await load() } }; }`,
    ].join("\n");
    const dropped = serverOnlyImportStarts("pages/index.tsx", text);
    // Each import starts its own line; the dropped set holds the offsets of `import` keywords.
    const kept = (spec: string) => !dropped.has(text.lastIndexOf("\n", text.indexOf(`"${spec}"`)) + 1);
    expect(dropped.size).toBe(2);
    expect(kept("./polyfill")).toBe(true);
    expect(kept("../lib/redis")).toBe(false);
    expect(kept("../components/Chart")).toBe(true);
    expect(kept("../lib/format")).toBe(true);
    expect(kept("../lib/db")).toBe(false);
    expect(kept("../lib/unused")).toBe(true);
  });

  it("drops nothing from a page without data-fetching exports", async () => {
    await loadTypeScript();
    expect(
      serverOnlyImportStarts(
        "pages/a.tsx",
        `import { redis } from "../lib/redis";\nexport default function A() { return redis; }\n`,
      ).size,
    ).toBe(0);
  });
});

describe("Nuxt public keys", () => {
  it("maps runtimeConfig.public keys to NUXT_PUBLIC_ names", () => {
    expect(snakeCase("upstashRedisRestToken")).toBe("UPSTASH_REDIS_REST_TOKEN");
    expect(snakeCase("kvRESTApiToken")).toBe("KV_REST_API_TOKEN");
  });
});
