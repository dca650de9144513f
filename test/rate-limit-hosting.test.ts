/**
 * Where a package runs (rate-limit analysis/hosting.ts) and whether an identifier fallback can apply
 * there (analysis/guards.ts): the evidence table with its true and false examples, the defaults, and
 * the reasons a finding's message gives.
 */
import { describe, expect, it } from "vitest";
import { ProjectFacts } from "../src/engine/project";
import { classifyPath } from "../src/engine/file-kinds";
import {
  HOST_DEPS,
  HOST_FILES,
  SELF_HOSTED_FILES,
  declaredMajor,
  hostOf,
} from "../src/detectors/rate-limit-misconfiguration/analysis/hosting";
import { reachability, type Guard } from "../src/detectors/rate-limit-misconfiguration/analysis/guards";

/** A project from file paths and package.json contents (paths relative to the root). */
function project(files: string[], packages: Record<string, Record<string, string>> = {}): ProjectFacts {
  const p = new ProjectFacts("/repo");
  for (const f of files) p.addFile({ path: f, kind: classifyPath(f) ?? "text", gitIgnored: false });
  for (const [file, dependencies] of Object.entries(packages)) {
    p.addFile({ path: file, kind: "json", gitIgnored: false });
    p.addPackageJson(file, JSON.stringify({ dependencies }));
  }
  return p;
}

const hostFile = (name: string) => HOST_FILES.find((h) => h.name.test(name))?.host.kind;

describe("deployment files", () => {
  it.each([
    ["vercel.json", "vercel"],
    ["wrangler.toml", "cloudflare"],
    ["wrangler.jsonc", "cloudflare"],
    ["netlify.toml", "netlify"],
    ["fly.toml", "paas"],
    ["render.yaml", "paas"],
    ["railway.json", "paas"],
    ["apphosting.yaml", "paas"],
    ["firebase.json", "paas"],
  ])("%s names %s", (name, kind) => expect(hostFile(name)).toBe(kind));
  it.each(["vercel.ts.json", "my-wrangler.toml", "render.yml.bak", "app.yaml", "docker-compose.yml"])(
    "%s names no host",
    (name) => expect(hostFile(name)).toBeUndefined(),
  );
  it.each(["Dockerfile", "dockerfile.prod", "Containerfile", "api.dockerfile"])("%s is self-hosting", (name) =>
    expect(SELF_HOSTED_FILES.some((re) => re.test(name))).toBe(true),
  );
  it.each(["docker-compose.yml", "Dockerfile.md.bak/x", ".dockerignore"])("%s is not", (name) =>
    expect(SELF_HOSTED_FILES.some((re) => re.test(name))).toBe(false),
  );
  it("platform dependencies name one host each", () => {
    const byDep = new Map(HOST_DEPS.map(([dep, spec]) => [dep, spec.kind]));
    expect(byDep.get("@vercel/analytics")).toBe("vercel");
    expect(byDep.get("@sveltejs/adapter-cloudflare")).toBe("cloudflare");
    expect(byDep.get("@netlify/functions")).toBe("netlify");
    expect(byDep.get("@sveltejs/adapter-node")).toBe("self-hosted");
    // Used anywhere: says nothing about the host.
    expect(byDep.has("@vercel/og")).toBe(false);
    expect(byDep.has("@vercel/kv")).toBe(false);
  });
});

describe("hostOf", () => {
  it("reads the nearest deployment file of the file's package", () => {
    const p = project(
      ["apps/web/vercel.json", "apps/api/Dockerfile", "apps/api/railway.json", "apps/worker/Dockerfile"],
      {
        "apps/web/package.json": { next: "15.0.0" },
        "apps/api/package.json": { express: "4.21.0" },
        "apps/worker/package.json": { hono: "4.0.0" },
      },
    );
    expect(hostOf(p, "apps/web/app/api/route.ts")).toMatchObject({ kind: "vercel", evidence: "apps/web/vercel.json" });
    // A platform file wins over the Dockerfile beside it.
    expect(hostOf(p, "apps/api/src/server.ts")).toMatchObject({ kind: "paas", name: "Railway", behindProxy: true });
    expect(hostOf(p, "apps/worker/src/index.ts")).toMatchObject({ kind: "self-hosted", assumed: false });
  });
  it("reads platform dependencies of the package and the workspace root", () => {
    const p = project([], {
      "package.json": { "@vercel/analytics": "1.0.0" },
      "site/package.json": { astro: "4.0.0" },
    });
    expect(hostOf(p, "site/src/pages/api.ts")).toMatchObject({ kind: "vercel", assumed: false });
  });
  it("falls back on the framework's usual host, and says it is an assumption", () => {
    const p = project([], {
      "next/package.json": { next: "14.2.5" },
      "kit/package.json": { "@sveltejs/kit": "2.0.0" },
      "api/package.json": { express: "4.21.0" },
    });
    expect(hostOf(p, "next/app/route.ts")).toMatchObject({ kind: "vercel", assumed: true });
    expect(hostOf(p, "kit/src/routes/+server.ts")).toMatchObject({ kind: "paas", assumed: true });
    expect([...hostOf(p, "kit/src/routes/+server.ts").headers]).toEqual(["x-forwarded-for"]);
    expect(hostOf(p, "api/server.js")).toMatchObject({ kind: "node-server", assumed: true, behindProxy: false });
  });
});

describe("declaredMajor", () => {
  const p = (range: string) => project([], { "package.json": { next: range } });
  it.each([
    ["^14.2.15", 14],
    ["15.0.0", 15],
    ["~13.4.4", 13],
    [">=14 <16", 14],
    ["15.x", 15],
    ["latest", 16],
    ["canary", 16],
  ])("%s is major %s", (range, major) => expect(declaredMajor(p(range), "app/page.tsx", "next", 16)).toBe(major));
  it.each(["workspace:*", "catalog:", "github:vercel/next.js"])("%s names none", (range) =>
    expect(declaredMajor(p(range), "app/page.tsx", "next", 16)).toBeUndefined(),
  );
});

describe("reachability", () => {
  const header = (name: string): Guard => ({ kind: "header", name });
  const at = (p: ProjectFacts, file: string, g: Guard) =>
    reachability(g, { project: p, file, nonNullish: () => false });
  const vercel = project(["vercel.json"], { "package.json": { next: "14.2.5" } });
  const docker = project(["Dockerfile"], { "package.json": { next: "14.2.5" } });
  const next15 = project([], { "package.json": { next: "^15.1.0" } });
  const express = project([], { "package.json": { express: "4.21.0" } });

  it("a header the host sets cannot be missing", () => {
    expect(at(vercel, "app/route.ts", header("x-real-ip")).reachable).toBe(false);
    expect(at(vercel, "app/route.ts", header("true-client-ip")).reachable).toBe(true);
    const r = at(docker, "app/route.ts", header("x-forwarded-for"));
    expect(r).toMatchObject({ reachable: true, confidence: "high" });
    expect(r.why[0]).toContain("Dockerfile");
  });
  it("`a || b` needs both missing; `any` needs one", () => {
    const both: Guard = { kind: "all", of: [header("x-forwarded-for"), header("true-client-ip")] };
    expect(at(vercel, "app/route.ts", both).reachable).toBe(false);
    const either: Guard = { kind: "any", of: [header("x-forwarded-for"), header("true-client-ip")] };
    expect(at(vercel, "app/route.ts", either).reachable).toBe(true);
  });
  it("request.ip: filled on Vercel up to Next.js 14, gone from 15, always set by Express", () => {
    const ip: Guard = { kind: "request-ip", via: "next-request" };
    expect(at(vercel, "middleware.ts", ip).reachable).toBe(false);
    expect(at(docker, "middleware.ts", ip).reachable).toBe(true);
    const gone = at(next15, "middleware.ts", ip);
    expect(gone).toMatchObject({ reachable: true, confidence: "high" });
    expect(gone.why[0]).toContain("next ^15.1.0 in package.json");
    expect(at(express, "server.js", { kind: "request-ip" }).reachable).toBe(false);
    expect(at(vercel, "pages/api/x.ts", { kind: "request-ip", via: "next-api" }).reachable).toBe(true);
  });
  it("an imported helper declared to return a string never leaves the fallback a chance", () => {
    const g: Guard = {
      kind: "imported",
      ref: { specifier: "./ip", name: "getIp", path: [], call: true },
      name: "getIp",
    };
    expect(reachability(g, { project: vercel, file: "a.ts", nonNullish: () => true }).reachable).toBe(false);
    expect(reachability(g, { project: vercel, file: "a.ts", nonNullish: () => false }).reachable).toBe(true);
  });
});
