/**
 * The pieces of the QStash receiver search that are easy to get subtly wrong: which URL path a
 * publisher's URL expression targets, which route a file serves, and when a path matches a route.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type * as TS from "typescript";
import { loadTypeScript } from "../src/engine/parse";
import { evaluate, urlPath, type ValueScope } from "../src/detectors/qstash-webhook-spoofing/analysis/url-value";
import {
  ROUTE_FILE,
  namesQueue,
  routeMatches,
  routeOfFile,
  specificEnough,
} from "../src/detectors/qstash-webhook-spoofing/analysis/routes";

let ts: typeof TS;
beforeAll(async () => {
  ts = await loadTypeScript();
});

/** The path targeted by the initializer of `const target = …` in `code`. */
function pathOf(code: string, params?: string[]): string | undefined {
  const sf = ts.createSourceFile("x.ts", code, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, TS.Expression>();
  const imports = new Map<string, { module: string; imported: string }>();
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations)
        if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
    if (
      ts.isImportDeclaration(st) &&
      st.importClause?.namedBindings &&
      ts.isNamedImports(st.importClause.namedBindings)
    ) {
      for (const el of st.importClause.namedBindings.elements)
        imports.set(el.name.text, { module: (st.moduleSpecifier as TS.StringLiteral).text, imported: el.name.text });
    }
  }
  const scope: ValueScope = { ts, consts, imports, ...(params ? { params } : {}) };
  const v = evaluate(consts.get("target"), scope);
  return "s" in v ? urlPath(v.s.map((p) => (typeof p === "object" && !("u" in p) ? { u: 1 as const } : p))) : undefined;
}

describe("publisher URL → path", () => {
  it.each([
    ["const target = `${process.env.APP_URL}/api/jobs/welcome`;", "/api/jobs/welcome"],
    ["const target = 'https://app.example.com/api/jobs/x?retry=1';", "/api/jobs/x"],
    ["const target = new URL('/api/x', process.env.BASE).toString();", "/api/x"],
    ["const target = process.env.BASE + '/api/y';", "/api/y"],
    ["const base = `https://${process.env.VERCEL_URL}`; const target = `${base}/api/z`;", "/api/z"],
    ["const target = `${proto}://${host}/api/w`;", "/api/w"],
    ["const target = `${host}:3000/api/v`;", "/api/v"],
    ["const target = `${base}api/u`;", "/api/u"],
    ["const target = `${base}/api/jobs/${name}`;", "/api/jobs/*"],
    ["const target = absoluteUrl('/api/jobs/t');", "/api/jobs/t"],
    ["const ROUTES = { a: '/api/a' }; const target = `${BASE}${ROUTES.a}`;", "/api/a"],
  ])("%s", (code, want) => {
    expect(pathOf(code)).toBe(want);
  });

  it("gives no path when the URL is unknown", () => {
    expect(pathOf("const target = process.env.WEBHOOK_URL;")).toBeUndefined();
    expect(pathOf("const target = `${url}`;")).toBeUndefined();
    expect(pathOf("const target = `${base}/${route}`;")).toBeUndefined();
  });
});

describe("route files", () => {
  it.each([
    ["app/api/jobs/welcome/route.ts", "/api/jobs/welcome", "next-app"],
    ["src/app/(workers)/api/jobs/[id]/route.ts", "/api/jobs/[id]", "next-app"],
    ["app/@modal/api/x/route.ts", "/api/x", "next-app"],
    ["pages/api/jobs/index.ts", "/api/jobs", "pages"],
    ["src/pages/api/hook.js", "/api/hook", "pages"],
    ["src/routes/api/jobs/[id]/+server.ts", "/api/jobs/[id]", "sveltekit"],
    ["server/api/jobs/digest.post.ts", "/api/jobs/digest", "nuxt"],
    ["server/routes/qstash/index.ts", "/qstash", "nuxt"],
    ["app/routes/api.reports.$id.ts", "/api/reports/[id]", "remix"],
    ["src/routes/api/jobs/[id].ts", "/api/jobs/[id]", "solid"],
    ["src/routes/(api)/qstash/index.ts", "/qstash", "solid"],
  ])("%s → %s", (file, pattern, framework) => {
    expect(routeOfFile(file)).toMatchObject({ pattern, framework });
    // The prefilter's path pattern must let every route file through.
    expect(ROUTE_FILE.test(file)).toBe(true);
  });

  it("ignores non-routes", () => {
    expect(routeOfFile("app/api/_lib/route.ts")).toBeUndefined();
    expect(routeOfFile("pages/index.tsx")).toBeUndefined();
    expect(routeOfFile("lib/route.ts")).toBeUndefined();
    expect(routeOfFile("pages/api/jobs.test.ts")).toBeUndefined();
  });

  it("keeps a Nuxt file's method", () => {
    expect(routeOfFile("server/api/jobs/digest.post.ts")?.method).toBe("POST");
  });
});

describe("matching", () => {
  it("matches params, catch-alls and unknown segments", () => {
    expect(routeMatches("/api/jobs/[id]", "/api/jobs/42")).toBe(true);
    expect(routeMatches("/api/[...slug]", "/api/a/b")).toBe(true);
    expect(routeMatches("/api/[[...slug]]", "/api")).toBe(true);
    expect(routeMatches("/api/jobs/welcome", "/api/jobs/*")).toBe(true);
    expect(routeMatches("/api/jobs/welcome-email", "/api/jobs/*-email")).toBe(true);
    expect(routeMatches("/api/jobs/welcome", "/api/jobs")).toBe(false);
    expect(routeMatches("/api/jobs/welcome", "/api/jobs/welcome/extra")).toBe(false);
  });

  it("matches a router's path by its tail only when a literal segment agrees", () => {
    expect(routeMatches("/cleanup", "/api/jobs/cleanup", true)).toBe(true);
    expect(routeMatches("/jobs/:id", "/api/jobs/7", true)).toBe(true);
    expect(routeMatches("/workflow", "/test-routes/*", true)).toBe(false);
    expect(routeMatches("/cleanup", "/api/jobs/cleanup", false)).toBe(false);
  });

  it("does not let a bare wildcard under /api stand for every route", () => {
    expect(specificEnough("/api/*")).toBe(false);
    expect(specificEnough("/api/v1/*")).toBe(false);
    expect(specificEnough("/api/jobs/*")).toBe(true);
    expect(specificEnough("/api/jobs/welcome")).toBe(true);
  });

  it("names queues only with a job name after the queue segment", () => {
    expect(namesQueue("/api/jobs/send-email")).toBe(true);
    expect(namesQueue("/api/qstash")).toBe(true);
    expect(namesQueue("/api/cron/cleanup")).toBe(true);
    expect(namesQueue("/api/jobs")).toBe(false);
    expect(namesQueue("/api/users/jobs")).toBe(false);
  });
});
