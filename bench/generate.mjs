// Synthetic repositories for the benchmark: a pnpm-style workspace of Next.js and Vite apps and
// shared packages, with components, API routes, middleware, configs, env files, tests, docs, a few
// large minified bundles, and about 5% of files that use Upstash (clients, rate limits, QStash
// publishers and handlers, session stores). Deterministic: the same size always gives the same tree.
import * as fs from "node:fs";
import * as path from "node:path";

export const GENERATOR_VERSION = 1;

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "account",
  "billing",
  "profile",
  "settings",
  "dashboard",
  "invoice",
  "project",
  "team",
  "member",
  "report",
  "search",
  "upload",
  "comment",
  "notification",
  "order",
  "product",
  "cart",
  "checkout",
  "review",
  "analytics",
];

function component(r, name, imports) {
  const props = WORDS.slice(0, 2 + Math.floor(r() * 4));
  const body = props.map((p) => `      <div className="${p}">{props.${p} ?? "${p}"}</div>`).join("\n");
  const state = Math.floor(r() * 3);
  return `${imports.map((i) => `import { ${i.name} } from "${i.from}";`).join("\n")}
import { useState, useEffect } from "react";

export interface ${name}Props {
${props.map((p) => `  ${p}?: string;`).join("\n")}
}

/** ${name}: renders ${props.join(", ")}. */
export function ${name}(props: ${name}Props) {
  const [open, setOpen] = useState(false);
  const [count, setCount] = useState(${state});
  useEffect(() => {
    if (!open) return;
    const id = setInterval(() => setCount((c) => c + 1), 1000);
    return () => clearInterval(id);
  }, [open]);
  const items = Array.from({ length: count }, (_, i) => ({ id: i, label: \`item-\${i}\` }));
  return (
    <section onClick={() => setOpen(!open)}>
${body}
      <ul>{items.map((item) => <li key={item.id}>{item.label}</li>)}</ul>
      ${imports.map((i) => `<${i.name} />`).join("\n      ")}
    </section>
  );
}
`;
}

function util(r, name) {
  const n = 3 + Math.floor(r() * 6);
  const fns = [];
  for (let i = 0; i < n; i++) {
    fns.push(`export function ${name}${i}(input: string, limit = ${10 + i}): string[] {
  const parts = input.split(/[,;\\s]+/).filter(Boolean);
  const seen = new Set<string>();
  for (const p of parts) {
    if (seen.size >= limit) break;
    seen.add(p.trim().toLowerCase());
  }
  return [...seen].sort((a, b) => a.localeCompare(b));
}`);
  }
  return `// Helpers for ${name}.\n\n${fns.join("\n\n")}\n`;
}

function apiRoute(r, entity) {
  return `import { NextResponse } from "next/server";
import { db } from "@/lib/db";

export async function GET(req: Request) {
  const url = new URL(req.url);
  const page = Number(url.searchParams.get("page") ?? "1");
  const rows = await db.${entity}.findMany({ skip: (page - 1) * 20, take: 20 });
  return NextResponse.json({ rows, page });
}

export async function POST(req: Request) {
  const body = (await req.json()) as Record<string, unknown>;
  const created = await db.${entity}.create({ data: body });
  return NextResponse.json(created, { status: 201 });
}
`;
}

function testFile(r, name) {
  return `import { describe, expect, it } from "vitest";
import { ${name}0 } from "./${name}";

describe("${name}", () => {
  it("dedupes and sorts", () => {
    expect(${name}0("b, a, b")).toEqual(["a", "b"]);
  });
  it("respects the limit", () => {
    expect(${name}0("a b c d e", 2)).toHaveLength(2);
  });
});
`;
}

// Upstash-touching files: a mix of correct code and the five risks.
const UPSTASH = [
  () => `import { Redis } from "@upstash/redis";\n\nexport const redis = Redis.fromEnv();\n`,
  () =>
    `import { Ratelimit } from "@upstash/ratelimit";\nimport { redis } from "./redis";\n\nexport const ratelimit = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, "10 s"), analytics: true });\n`,
  (i) =>
    `import { ratelimit } from "@/lib/ratelimit";\n\nexport async function POST(req: Request) {\n  const ip = req.headers.get("x-real-ip") ?? "anonymous";\n  const { success } = await ratelimit.limit(\`route-${i}:\${ip}\`);\n  if (!success) return new Response("Too many requests", { status: 429 });\n  return Response.json({ ok: true });\n}\n`,
  (i) =>
    `import { ratelimit } from "@/lib/ratelimit";\n\nexport async function GET(req: Request) {\n  await ratelimit.limit("global-${i}");\n  return Response.json({ ok: true });\n}\n`,
  (i) =>
    `import { Client } from "@upstash/qstash";\n\nconst qstash = new Client({ token: process.env.QSTASH_TOKEN! });\n\nexport async function enqueue${i}(payload: unknown) {\n  await qstash.publishJSON({ url: \`\${process.env.APP_URL}/api/jobs/job-${i}\`, body: payload });\n}\n`,
  () =>
    `import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";\n\nexport const POST = verifySignatureAppRouter(async (req: Request) => {\n  const job = await req.json();\n  console.log(job);\n  return new Response("ok");\n});\n`,
  () =>
    `export async function POST(req: Request) {\n  const signature = req.headers.get("upstash-signature");\n  const job = await req.json();\n  console.log(signature, job);\n  return new Response("ok");\n}\n`,
  (i) =>
    `import { redis } from "@/lib/redis";\n\nexport async function saveSession${i}(id: string, data: unknown) {\n  await redis.set(\`session:\${id}\`, data);\n}\n\nexport async function cache${i}(key: string, data: unknown) {\n  await redis.set(\`cache:\${key}\`, data, { ex: 60 });\n}\n`,
  () =>
    `"use client";\nimport { Redis } from "@upstash/redis";\n\nexport const browser = new Redis({ url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!, token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_READ_ONLY_TOKEN! });\n`,
];

function minified(r, bytes) {
  const parts = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const s = `function a${i}(b,c){var d=b+c*${Math.floor(r() * 1000)};if(d>${i})return d-${i};for(var e=0;e<d;e++)c+=e;return c}`;
    parts.push(s);
    size += s.length;
    i++;
  }
  return `!function(){${parts.join(";")}}();\n`;
}

/** Write a synthetic repository of about `files` files under `dir`. */
export function generate(dir, files) {
  const r = rng(files);
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
  };
  let count = 0;
  const apps = Math.max(2, Math.round(files / 500));
  const packages = Math.max(2, Math.round(files / 1000));
  write(
    "package.json",
    JSON.stringify(
      {
        name: "bench-monorepo",
        private: true,
        workspaces: ["apps/*", "packages/*"],
        devDependencies: { typescript: "5.9.0" },
      },
      null,
      2,
    ),
  );
  write("README.md", "# Bench monorepo\n\nGenerated for upstash-scan's benchmark.\n");
  write(".gitignore", "node_modules/\n.next/\ndist/\n.env.local\n");
  count += 3;
  const upstashEvery = 20; // about 5% of files touch Upstash
  for (let p = 0; p < packages; p++) {
    const base = `packages/pkg-${p}`;
    write(
      `${base}/package.json`,
      JSON.stringify({ name: `@bench/pkg-${p}`, main: "src/index.ts", dependencies: { react: "19.0.0" } }, null, 2),
    );
    write(`${base}/src/index.ts`, `export * from "./util-0";\n`);
    count += 2;
  }
  const perApp = Math.floor((files - count - packages * 30) / apps);
  for (let a = 0; a < apps; a++) {
    const vite = a % 4 === 3;
    const base = `apps/app-${a}`;
    const deps = vite
      ? { vite: "7.0.0", react: "19.0.0", "@upstash/redis": "1.38.0" }
      : {
          next: "16.0.0",
          react: "19.0.0",
          "@upstash/redis": "1.38.0",
          "@upstash/ratelimit": "2.0.0",
          "@upstash/qstash": "2.11.0",
        };
    write(`${base}/package.json`, JSON.stringify({ name: `app-${a}`, private: true, dependencies: deps }, null, 2));
    write(
      `${base}/tsconfig.json`,
      JSON.stringify(
        { compilerOptions: { strict: true, jsx: "preserve", baseUrl: ".", paths: { "@/*": ["./*"] } } },
        null,
        2,
      ),
    );
    write(
      `${base}/.env.example`,
      "UPSTASH_REDIS_REST_URL=\nUPSTASH_REDIS_REST_TOKEN=\nQSTASH_TOKEN=\nQSTASH_CURRENT_SIGNING_KEY=\nQSTASH_NEXT_SIGNING_KEY=\nDATABASE_URL=\n",
    );
    write(
      `${base}/${vite ? "vite.config.ts" : "next.config.mjs"}`,
      vite
        ? `import { defineConfig } from "vite";\nexport default defineConfig({ server: { port: ${3000 + a} } });\n`
        : `/** @type {import('next').NextConfig} */\nexport default { reactStrictMode: true };\n`,
    );
    write(
      `${base}/lib/db.ts`,
      `export const db: any = new Proxy({}, { get: () => ({ findMany: async () => [], create: async (x: unknown) => x }) });\n`,
    );
    write(
      `${base}/middleware.ts`,
      `import { NextResponse } from "next/server";\nexport function middleware() { return NextResponse.next(); }\nexport const config = { matcher: ["/app/:path*"] };\n`,
    );
    let n = 6;
    const components = [];
    for (let i = 0; n < perApp; i++) {
      const feature = WORDS[i % WORDS.length];
      const dirIdx = Math.floor(i / 40);
      const kind = i % 10;
      let rel;
      let text;
      if ((count + n) % upstashEvery === 0) {
        const t = UPSTASH[i % UPSTASH.length];
        rel =
          i % UPSTASH.length >= 2 && i % UPSTASH.length <= 6
            ? `${base}/app/api/jobs/job-${i}/route.ts`
            : `${base}/lib/upstash-${i}.ts`;
        if (i % UPSTASH.length === 0) rel = `${base}/lib/redis.ts`;
        if (i % UPSTASH.length === 1) rel = `${base}/lib/ratelimit.ts`;
        text = t(i);
      } else if (kind < 4) {
        const name = `${feature[0].toUpperCase()}${feature.slice(1)}Widget${i}`;
        const imports = components.length && r() < 0.6 ? [components[Math.floor(r() * components.length)]] : [];
        rel = `${base}/components/${feature}/group-${dirIdx}/${name}.tsx`;
        text = component(
          r,
          name,
          imports.map((c) => ({ name: c.name, from: `@/components/${c.dir}/${c.name}` })),
        );
        components.push({ name, dir: `${feature}/group-${dirIdx}` });
      } else if (kind < 6) {
        rel = `${base}/lib/${feature}/util-${i}.ts`;
        text = util(r, `${feature}Util${i}`);
      } else if (kind === 6) {
        rel = `${base}/app/(dashboard)/${feature}/page-${i}/page.tsx`;
        const c = components[Math.floor(r() * components.length)] ?? { name: "Fallback", dir: "x" };
        text = `import { ${c.name} } from "@/components/${c.dir}/${c.name}";\n\nexport default function Page() {\n  return <main><h1>${feature}</h1><${c.name} /></main>;\n}\n`;
      } else if (kind === 7) {
        rel = `${base}/app/api/${feature}/r-${i}/route.ts`;
        text = apiRoute(r, feature);
      } else if (kind === 8) {
        rel = `${base}/lib/${feature}/util-${i}.test.ts`;
        text = testFile(r, `${feature}Util${i - 2}`);
      } else {
        rel = r() < 0.5 ? `${base}/docs/${feature}-${i}.md` : `${base}/content/${feature}-${i}.json`;
        text = rel.endsWith(".md")
          ? `# ${feature}\n\n${"Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(20)}\n`
          : JSON.stringify(
              { title: feature, items: Array.from({ length: 20 }, (_, k) => ({ k, v: `${feature}-${k}` })) },
              null,
              2,
            );
      }
      write(rel, text);
      n++;
    }
    count += n;
  }
  // A few large minified bundles committed as build output.
  const bundles = Math.max(2, Math.round(files / 4000));
  for (let b = 0; b < bundles; b++) write(`apps/app-0/public/vendor-${b}.min.js`, minified(r, 1_500_000));
  count += bundles;
  for (let p = 0; count < files; p = (p + 1) % packages) {
    write(`packages/pkg-${p}/src/util-${count}.ts`, util(r, `pkgUtil${count}`));
    count++;
  }
  write(".bench-stamp", JSON.stringify({ version: GENERATOR_VERSION, files }));
  return count;
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const [size, out] = process.argv.slice(2);
  console.log(generate(out, Number(size)));
}
