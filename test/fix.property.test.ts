/**
 * Properties of the fixers over generated code in every formatting a project may use (quotes,
 * semicolons, tabs or spaces, CRLF, a BOM, arguments on one line or one per line with a trailing
 * comma, comments in the way, options objects already there): the fixed file parses with no syntax
 * error, the rescan no longer reports the finding (and reports nothing new), what the fix writes
 * follows the file's quote and semicolon style, and a second run changes nothing.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { ts } from "ts-morph";
import { scan } from "../src/engine/scan";
import { loadTypeScript, parseSource } from "../src/engine/parse";
import { runFixes } from "../src/fix/cli";
import type { Finding } from "../src/engine/types";
import { tempDir, writeTree } from "./support/run";

const quiet = { stdout: { write: () => true }, stderr: { write: () => true } };
const suite = tempDir("upstash-scan-fix-prop-");
afterAll(() => suite.cleanup());
let n = 0;

interface Style {
  q: string;
  semi: string;
  indent: string;
  eol: string;
  bom: boolean;
}

const style: fc.Arbitrary<Style> = fc.record({
  q: fc.constantFrom('"', "'"),
  semi: fc.constantFrom(";", ""),
  indent: fc.constantFrom("  ", "    ", "\t"),
  eol: fc.constantFrom("\n", "\r\n"),
  bom: fc.boolean(),
});

/** Lines joined with the style's line ending, the BOM in front when asked for. */
function render(s: Style, lines: string[]): string {
  return (s.bom ? "\ufeff" : "") + lines.join(s.eol) + s.eol;
}

function syntaxErrors(file: string, text: string): number {
  const sf = parseSource(file, text.replace(/^\ufeff/, ""), "script") as ts.SourceFile & {
    parseDiagnostics: unknown[];
  };
  return sf.parseDiagnostics.length;
}

const key = (f: Finding) => `${f.rule}/${f.check}`;

/**
 * Write the tree, scan, fix, check the fixed file, rescan, fix again. Returns the fixed text of
 * `file` and the findings left, for the property's own checks.
 */
async function fixRound(
  files: Record<string, string>,
  file: string,
  fixedCheck: string,
): Promise<{ before: string; after: string; left: Finding[] }> {
  await loadTypeScript();
  const dir = path.join(suite.dir, `case-${++n}`);
  writeTree(dir, files);
  const first = await scan({ paths: [dir], srcRoot: dir });
  const target = first.findings.filter((f) => f.location.file === file && key(f) === fixedCheck);
  expect(target.length, `the generated code must be reported (${fixedCheck})`).toBeGreaterThan(0);
  const run = await runFixes(first, "apply", quiet, "upstash-scan");
  expect(run.written).toEqual([file]);
  const after = fs.readFileSync(path.join(dir, file), "utf8");
  expect(syntaxErrors(file, after), after).toBe(0);
  expect(after.startsWith("\ufeff")).toBe(files[file]!.startsWith("\ufeff"));
  const second = await scan({ paths: [dir], srcRoot: dir });
  // Gone, and nothing new: every finding left was there before.
  expect(second.findings.filter((f) => f.location.file === file && key(f) === fixedCheck)).toEqual([]);
  const had = new Set(first.findings.map((f) => `${f.location.file} ${key(f)}`));
  for (const f of second.findings) expect(had.has(`${f.location.file} ${key(f)}`), key(f)).toBe(true);
  const again = await runFixes(second, "apply", quiet, "upstash-scan");
  expect(again.written).toEqual([]);
  fs.rmSync(dir, { recursive: true, force: true });
  return { before: files[file]!, after, left: second.findings };
}

describe("fix properties", () => {
  it("set without an expiry, or with another client's spelling, in any formatting", async () => {
    const options = fc.constantFrom(
      { args: [], check: "write-without-ttl" },
      { args: ["{}"], check: "write-without-ttl" },
      { args: ["{ nx: true }"], check: "write-without-ttl" },
      { args: ["{ get: true, }"], check: "write-without-ttl" },
      { args: ["{ EX: 120 }"], check: "ttl-option-ignored" },
      { args: ["{ PX: 5000, NX: true }"], check: "ttl-option-ignored" },
      { args: ["Q:EX", "300"], check: "ttl-option-ignored" },
      { args: ["Q:NX", "Q:PX", "60_000"], check: "ttl-option-ignored" },
    );
    await fc.assert(
      fc.asyncProperty(
        style,
        options,
        fc.constantFrom("inline", "own-lines", "own-lines-trailing-comma", "commented"),
        fc.constantFrom("template", "concat"),
        fc.constantFrom("function", "arrow", "method"),
        async (s, opt, layout, keyForm, holder) => {
          const q = (t: string) => s.q + t + s.q;
          const k = keyForm === "template" ? "`session:${id}`" : `${q("session:")} + id`;
          const args = [k, "user", ...opt.args.map((a) => (a.startsWith("Q:") ? q(a.slice(2)) : a))];
          const i1 = s.indent;
          const i2 = s.indent + s.indent;
          const call =
            layout === "inline"
              ? `await redis.set(${args.join(", ")})${s.semi}`
              : layout === "commented"
                ? `await redis.set(${args.join(", ")} /* stored for the login flow */)${s.semi}`
                : `await redis.set(${s.eol}${args.map((a) => i2 + s.indent + a).join("," + s.eol)}${layout === "own-lines-trailing-comma" ? "," : ""}${s.eol}${i2})${s.semi}`;
          const body = [`${i2}${call}`];
          const wrapped =
            holder === "function"
              ? [
                  `export async function save(id: string, user: string) {`,
                  ...body.map((l) => l.slice(s.indent.length)),
                  `}`,
                ]
              : holder === "arrow"
                ? [
                    `export const save = async (id: string, user: string) => {`,
                    ...body.map((l) => l.slice(s.indent.length)),
                    `}${s.semi}`,
                  ]
                : [`export class Store {`, `${i1}async save(id: string, user: string) {`, ...body, `${i1}}`, `}`];
          const text = render(s, [
            `import { Redis } from ${q("@upstash/redis")}${s.semi}`,
            "",
            `const redis = Redis.fromEnv()${s.semi}`,
            "",
            ...wrapped,
          ]);
          const { after } = await fixRound(
            { "lib/store.ts": text },
            "lib/store.ts",
            `upstash/sensitive-data-without-ttl/${opt.check}`,
          );
          expect(after).toMatch(/\b(ex|px): /);
          // Only the call changed: the text before and after it is as it was.
          const start = text.indexOf("await redis.set(");
          const tail = text.slice(text.indexOf(s.eol + (holder === "method" ? i1 : "") + "}", start));
          expect(after.slice(0, start)).toBe(text.slice(0, start));
          expect(after.endsWith(tail)).toBe(true);
          if (s.eol === "\r\n") expect(after.replace(/\r\n/g, "")).not.toContain("\n");
        },
      ),
      { numRuns: 30 },
    );
  }, 300_000);

  it("a discarded ratelimit.limit() in a route handler, in any formatting", async () => {
    await fc.assert(
      fc.asyncProperty(
        style,
        fc.constantFrom("app-function", "app-arrow", "pages", "express", "hono"),
        fc.boolean(),
        async (s, kind, awaited) => {
          const q = (t: string) => s.q + t + s.q;
          const i = s.indent;
          const limit = `${awaited ? "await " : ""}ratelimit.limit(${q("api:")} + ip)${s.semi}`;
          const setup = [
            `import { Ratelimit } from ${q("@upstash/ratelimit")}${s.semi}`,
            `import { Redis } from ${q("@upstash/redis")}${s.semi}`,
          ];
          const limiter = `const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(5, ${q("10 s")}) })${s.semi}`;
          let file: string;
          let lines: string[];
          if (kind === "app-function" || kind === "app-arrow") {
            file = "app/api/items/route.ts";
            const head =
              kind === "app-function"
                ? `export async function POST(req: Request) {`
                : `export const POST = async (req: Request) => {`;
            lines = [
              ...setup,
              "",
              limiter,
              "",
              head,
              `${i}const ip = req.headers.get(${q("x-real-ip")})${s.semi}`,
              `${i}if (!ip) return new Response(${q("no address")}, { status: 400 })${s.semi}`,
              `${i}${limit}`,
              `${i}return Response.json({ ok: true })${s.semi}`,
              kind === "app-function" ? "}" : `}${s.semi}`,
            ];
          } else if (kind === "pages") {
            file = "pages/api/items.ts";
            lines = [
              ...setup,
              "",
              limiter,
              "",
              `export default async function handler(req: any, res: any) {`,
              `${i}const ip = req.headers[${q("x-real-ip")}]${s.semi}`,
              `${i}if (!ip) return res.status(400).end()${s.semi}`,
              `${i}${limit}`,
              `${i}res.status(200).json({ ok: true })${s.semi}`,
              "}",
            ];
          } else {
            file = "src/server.ts";
            const express = kind === "express";
            lines = [
              express ? `import express from ${q("express")}${s.semi}` : `import { Hono } from ${q("hono")}${s.semi}`,
              ...setup,
              "",
              limiter,
              express ? `const app = express()${s.semi}` : `const app = new Hono()${s.semi}`,
              "",
              express ? `app.post(${q("/items")}, async (req, res) => {` : `app.post(${q("/items")}, async (c) => {`,
              express
                ? `${i}const ip = req.headers[${q("x-real-ip")}]${s.semi}`
                : `${i}const ip = c.req.header(${q("x-real-ip")})${s.semi}`,
              express
                ? `${i}if (!ip) return res.status(400).end()${s.semi}`
                : `${i}if (!ip) return c.text(${q("no address")}, 400)${s.semi}`,
              `${i}${limit}`,
              express ? `${i}res.json({ ok: true })${s.semi}` : `${i}return c.json({ ok: true })${s.semi}`,
              `})${s.semi}`,
            ];
          }
          const text = render(s, lines);
          const { after } = await fixRound(
            { [file]: text, "package.json": '{ "dependencies": { "@upstash/ratelimit": "2.0.0" } }' },
            file,
            "upstash/rate-limit-misconfiguration/result-not-enforced",
          );
          const added = after.split(/\r?\n/).filter((l) => /success|429|Too many/.test(l));
          expect(added.length).toBeGreaterThan(0);
          // The file's quotes and semicolons, at the statement's indentation.
          for (const l of added.filter((x) => /Too many/.test(x))) expect(l).toContain(s.q + "Too many requests" + s.q);
          const guard = added.find((l) => l.includes("if (!success)"))!;
          expect(guard.startsWith(i) && !guard.startsWith(i + (i === "\t" ? "\t" : " "))).toBe(true);
          if (/return|throw/.test(guard)) expect(guard.trimEnd().endsWith(";")).toBe(s.semi === ";");
        },
      ),
      { numRuns: 25 },
    );
  }, 300_000);

  it("an unverified App Router handler a publisher targets, in any formatting", async () => {
    await fc.assert(
      fc.asyncProperty(
        style,
        fc.constantFrom("function", "arrow", "function-expression"),
        fc.constantFrom("none", "other", "same-module"),
        async (s, form, imports) => {
          const q = (t: string) => s.q + t + s.q;
          const i = s.indent;
          const head =
            form === "function"
              ? `export async function POST(req: Request) {`
              : form === "arrow"
                ? `export const POST = async (req: Request) => {`
                : `export const POST = async function (req: Request) {`;
          const importLines =
            imports === "none"
              ? []
              : imports === "other"
                ? [`import { headers } from ${q("next/headers")}${s.semi}`, ""]
                : [`import { verifySignatureEdge } from ${q("@upstash/qstash/nextjs")}${s.semi}`, ""];
          const route = render(s, [
            ...importLines,
            head,
            `${i}const job = await req.json()${s.semi}`,
            `${i}await fetch(${q("https://example.com/hook")}, { method: ${q("POST")}, body: JSON.stringify(job) })${s.semi}`,
            `${i}return new Response(${q("ok")})${s.semi}`,
            form === "function" ? "}" : `}${s.semi}`,
          ]);
          const publisher = [
            `import { Client } from "@upstash/qstash";`,
            `const qstash = new Client({ token: process.env.QSTASH_TOKEN! });`,
            `export const enqueue = () => qstash.publishJSON({ url: \`\${process.env.APP_URL}/api/jobs/run\`, body: {} });`,
            "",
          ].join("\n");
          const { after } = await fixRound(
            { "app/api/jobs/run/route.ts": route, "lib/jobs.ts": publisher },
            "app/api/jobs/run/route.ts",
            "upstash/qstash-webhook-spoofing/unverified-handler",
          );
          const imp = after
            .replace(/^\ufeff/, "")
            .split(/\r?\n/)
            .find((l) => /^import \{ verifySignatureAppRouter \}/.test(l));
          if (imports === "same-module")
            expect(after).toContain(
              `import { verifySignatureEdge, verifySignatureAppRouter } from ${q("@upstash/qstash/nextjs")}`,
            );
          else expect(imp).toBe(`import { verifySignatureAppRouter } from ${q("@upstash/qstash/nextjs")}${s.semi}`);
          expect(after).toContain("export const POST = verifySignatureAppRouter(");
          expect(after.trimEnd().endsWith(`})${s.semi}`)).toBe(true);
        },
      ),
      { numRuns: 20 },
    );
  }, 300_000);
});
