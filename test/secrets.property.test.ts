/**
 * Property: whatever Upstash credential a repository holds, in whatever kind of file and position —
 * in its contents, in a file or directory name, in a suppression reason — no output channel prints it
 * in full: not the text, JSON or SARIF output, the baseline, the scan notes, the Action's job summary
 * or its annotations (percent-encoding and markdown escapes undone before looking).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { formatText } from "../src/output/text";
import { formatJson } from "../src/output/json";
import { formatBaseline } from "../src/engine/baseline";
import { countFindings } from "../src/output/gate";
import { renderSummary } from "../src/github/summary";
import { Annotations, annotateFindings } from "../src/github/annotations";
import { tempDir } from "./support/run";
import {
  fakeQstashToken,
  fakeRedisPassword,
  fakeRedisToken,
  fakeSigningKey,
  fakeVectorToken,
} from "./support/credentials";

const shapes: Record<string, () => string> = {
  "redis write token": () => fakeRedisToken("write"),
  "redis read-only token": () => fakeRedisToken("read-only"),
  "qstash token": fakeQstashToken,
  "signing key": fakeSigningKey,
  "vector admin token": () => fakeVectorToken("admin"),
  "vector readonly token": () => fakeVectorToken("readonly"),
  "redis url password": fakeRedisPassword,
};

/** Files of every kind, each holding the secret in a typical place. */
const placements: Record<string, (secret: string, kind: string) => { file: string; text: string }> = {
  ts: (s, k) => ({
    file: "src/a.ts",
    text: `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: ${k === "redis url password" ? `"rediss://default:${s}@x-1.upstash.io:6379"` : `"${s}"`} });\n`,
  }),
  tsxClient: (s) => ({
    file: "app/page.tsx",
    text: `"use client";\nconst t = \`${s}\`;\nexport default function P() { return <p>{t}</p>; }\n`,
  }),
  comment: (s) => ({ file: "lib/b.js", text: `// the old token was ${s}\nmodule.exports = {};\n` }),
  vue: (s) => ({
    file: "src/C.vue",
    text: `<template><div/></template>\n<script setup lang="ts">\nconst token = "${s}";\n</script>\n`,
  }),
  env: (s) => ({
    file: ".env",
    text: `UPSTASH_REDIS_REST_URL=https://x.upstash.io\nNEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN=${s}\nQSTASH_TOKEN="${s}"\n`,
  }),
  workflow: (s) => ({
    file: ".github/workflows/ci.yml",
    text: `on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    env:\n      UPSTASH_REDIS_REST_TOKEN: ${s}\n    steps: [{ run: "echo" }]\n`,
  }),
  json: (s) => ({ file: "vercel.json", text: `{ "env": { "UPSTASH_REDIS_REST_TOKEN": "${s}" } }\n` }),
  toml: (s) => ({ file: "wrangler.toml", text: `[vars]\nUPSTASH_REDIS_REST_TOKEN = "${s}"\n` }),
  dockerfile: (s) => ({ file: "Dockerfile", text: `FROM node:24\nENV UPSTASH_REDIS_REST_TOKEN=${s}\n` }),
  html: (s) => ({ file: "public/index.html", text: `<script>window.TOKEN = "${s}";</script>\n` }),
  markdown: (s) => ({ file: "README.md", text: `Use \`${s}\` as the token.\n` }),
  // Carriers other than file contents: a file or directory named after the secret (a standard-base64
  // secret with "/" in it spans directories), and a suppression reason that quotes it.
  fileName: (s, k) => ({ file: `src/${s}.ts`, text: placements.ts!(s, k).text }),
  dirName: (s, k) => ({ file: `${s}/lib/client.ts`, text: placements.ts!(s, k).text }),
  reason: (s, k) => ({
    file: "src/rotated.ts",
    text: `import { Redis } from "@upstash/redis";\n// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- rotated, the old one was ${k === "redis url password" ? `rediss://default:${s}@x-1.upstash.io:6379` : s}\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${fakeRedisToken()}" });\n`,
  }),
};

const created: Array<() => void> = [];
afterAll(() => created.forEach((c) => c()));

/** What a reader sees: markdown escapes and HTML entities undone, so an escaped secret still counts. */
function readable(text: string): string {
  return text
    .replace(/%[0-9A-F]{2}/gi, (m) => String.fromCharCode(parseInt(m.slice(1), 16)))
    .replace(/\\(.)/g, "$1")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#124;/g, "|");
}

describe("no output channel prints a secret in full", () => {
  it("holds for every credential shape in every kind of file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(shapes)),
        fc.constantFrom(...Object.keys(placements)),
        async (kind, where) => {
          const secret = shapes[kind]!();
          const t = tempDir();
          created.push(t.cleanup);
          const { file, text } = placements[where]!(secret, kind);
          fs.mkdirSync(path.dirname(path.join(t.dir, file)), { recursive: true });
          fs.writeFileSync(path.join(t.dir, file), text);
          const result = await scan({ paths: [t.dir] });
          const scrub = (s: string) => result.secrets.scrub(s);
          const recorded: string[] = [];
          const sink = {
            error: (m: string, p?: object) => recorded.push(m, JSON.stringify(p ?? {})),
            warning: (m: string, p?: object) => recorded.push(m, JSON.stringify(p ?? {})),
            notice: (m: string, p?: object) => recorded.push(m, JSON.stringify(p ?? {})),
          };
          annotateFindings(result.findings, new Annotations(sink, scrub), {}, "out.sarif");
          const counts = countFindings(result.findings);
          const channels = {
            text: formatText(result, { color: false }),
            json: formatJson(result),
            sarif: JSON.stringify(buildSarif(result)),
            baseline: formatBaseline(result.findings),
            notes: JSON.stringify(result.notifications),
            summary: renderSummary({
              findings: result.findings,
              notifications: result.notifications,
              stats: result.stats,
              counts,
              failOn: "high",
              gating: 0,
              scanned: ".",
              sarifFile: "out.sarif",
              upload: { state: "skipped", reason: "test" },
              links: { serverUrl: "https://github.com", repository: "o/r", sha: "a".repeat(40) },
              scrub,
            }),
            annotations: recorded.join("\n"),
          };
          for (const [name, out] of Object.entries(channels)) {
            expect(readable(out).includes(secret), `${kind} in ${where}: ${name} shows the secret`).toBe(false);
          }
        },
      ),
      // Every combination once, then random ones (fresh random credentials every run).
      {
        numRuns: 150,
        examples: Object.keys(shapes).flatMap((k) => Object.keys(placements).map((w) => [k, w] as [string, string])),
      },
    );
  }, 300_000);
});
