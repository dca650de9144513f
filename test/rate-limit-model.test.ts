/**
 * The per-file model behind the rate-limit checks, on small snippets: how a verdict is consumed
 * (polarity of boolean helpers, falls-through, inverted, late checks), which receivers are limiters
 * (shadowing, maps, class fields, factories, Cloudflare bindings), and identifier origins.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadTypeScript, parseSource } from "../src/engine/parse";
import { FileModel } from "../src/detectors/rate-limit-misconfiguration/analysis/model";

beforeAll(async () => {
  await loadTypeScript();
});

const HEADER = `import { Ratelimit } from "@upstash/ratelimit";
const rl = new Ratelimit({ redis, limiter: Ratelimit.slidingWindow(10, "10 s") });
`;

function model(body: string, file = "app/api/x/route.ts"): FileModel {
  const text = HEADER + body;
  const sf = parseSource(file, text, "script");
  return new FileModel(sf, file, () => ({ file, range: { startLine: 0, startColumn: 0, endLine: 0, endColumn: 0 } }));
}

/** Consumption kind of each site, in source order. */
function kinds(body: string): string[] {
  return model(body).sites.map((s) => s.use.consumption.kind + (s.lateCheck ? "+late" : ""));
}

describe("verdict consumption", () => {
  it("reads the classic check as enforced", () => {
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit("a:" + ip); if (!success) return new Response("", { status: 429 }); return work(); }`,
      ),
    ).toEqual(["enforced"]);
  });
  it("sees discarded, unread and never-read destructuring", () => {
    expect(kinds(`export async function POST() { await rl.limit(ip); return work(); }`)).toEqual(["discarded"]);
    expect(
      kinds(`export async function POST() { const r = await rl.limit(ip); console.log(r.success); return work(); }`),
    ).toEqual(["unread"]);
    expect(
      kinds(`export async function POST() { const { remaining } = await rl.limit(ip); return work(remaining); }`),
    ).toEqual(["unread"]);
  });
  it("treats remaining in a condition as a decision", () => {
    expect(
      kinds(
        `export async function POST() { const { remaining } = await rl.limit(ip); if (remaining <= 0) return deny(); return work(); }`,
      ),
    ).toEqual(["enforced"]);
  });
  it("follows boolean helpers by polarity", () => {
    const m = model(`
async function isLimited(id: string) { const { success } = await rl.limit(id); return !success; }
async function allowed(id: string) { const { success } = await rl.limit(id); return success; }
export async function GET() { if (await isLimited(ip)) return new Response("Too many", { status: 429 }); return work(); }
export async function POST() { if (await allowed(ip)) return new Response("Too many", { status: 429 }); return work(); }
export async function PUT() { await allowed(ip); return work(); }`);
    const helperSites = m.sites
      .filter((s) => s.via === "helper")
      .map((s) => `${s.helper!.shape}:${s.use.consumption.kind}`);
    expect(helperSites).toEqual(["limited:enforced", "success:inverted", "success:discarded"]);
  });
  it("needs the limited branch to stop the request", () => {
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit(ip); if (!success) { console.warn("x"); } return work(); }`,
      ),
    ).toEqual(["falls-through"]);
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit(ip); if (!success) { res.status(429); } else { next(); } }`,
      ),
    ).toEqual(["enforced"]);
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit(ip); if (!success) redirect("/slow"); return work(); }`,
      ),
    ).toEqual(["enforced"]);
  });
  it("flags a check that comes after the work", () => {
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit(ip); await db.post.create({}); if (!success) return deny(); return ok(); }`,
      ),
    ).toEqual(["enforced+late"]);
    expect(
      kinds(
        `export async function POST() { const { success } = await rl.limit(ip); const body = await req.json(); if (!success) return deny(); return ok(body); }`,
      ),
    ).toEqual(["enforced"]);
  });
  it("treats a counter before a throw as intentional", () => {
    const m = model(
      `export async function POST() { if (!valid) { await rl.limit("fail:" + email); throw new Error("bad code"); } return ok(); }`,
    );
    expect(m.sites[0]!.use.consumption).toEqual({ kind: "discarded", counter: true });
  });
});

describe("limiter receivers", () => {
  it("resolves maps, class fields, lazy lets and local factories", () => {
    const m = model(`
const plans = { free: new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") }) };
class Svc { private l = new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") }); async go(id: string) { return (await this.l.limit(id)).success; } }
let lazy: Ratelimit | undefined;
function make() { return new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") }); }
export async function POST() {
  lazy ??= new Ratelimit({ redis, limiter: Ratelimit.fixedWindow(5, "1 m") });
  await plans[plan].limit(ip); await lazy.limit(ip); await make().limit(ip);
}`);
    expect(m.sites.filter((s) => s.via === "limit").map((s) => s.ref.kind)).toEqual([
      "local",
      "local",
      "local",
      "local",
    ]);
  });
  it("does not take shadowed names, query builders or Cloudflare bindings for limiters", () => {
    const m = model(`
export async function GET(rl: Database) { return rl.limit(10); }
export async function POST(context: Ctx) { await context.env.RATE_LIMITER.limit({ key: "x" }); return db.select().from(t).limit(5); }`);
    expect(m.sites).toEqual([]);
  });
  it("ignores code in strings and comments", () => {
    expect(model('const s = `await rl.limit("api")`; // rl.limit("x")\n').sites).toEqual([]);
  });
});

describe("identifier origins", () => {
  function verdict(expr: string, extra = "") {
    const m = model(
      `${extra}\nexport async function POST(req: Request) { const { success } = await rl.limit(${expr}); if (!success) return deny(); return ok(); }`,
    );
    const v = m.sites[0]!.verdict!;
    return {
      constant: v.constant?.value,
      fallbacks: v.fallbacks?.map((f) => f.value),
      client: v.client.map((c) => `${c.source}:${c.detail}`),
      trusted: v.trusted,
    };
  }
  it("finds constants and constant fallbacks", () => {
    expect(verdict(`"api"`).constant).toBe("api");
    expect(verdict("`${PREFIX}:global`", `const PREFIX = "app";`).constant).toBe("app:global");
    expect(verdict(`req.headers.get("x-real-ip") ?? "127.0.0.1"`).fallbacks).toEqual(["127.0.0.1"]);
    expect(verdict(`(req.headers.get("x-forwarded-for") ?? "").split(",")[0]`).fallbacks).toEqual([""]);
    expect(verdict(`xff.split(",")[0] ?? "0.0.0.0"`, `declare const xff: string;`).fallbacks).toBeUndefined();
    expect(verdict('`login:${req.headers.get("x-real-ip") ?? "none"}:${session.user.id}`').fallbacks).toBeUndefined();
  });
  it("tells platform IPs and principals from client-chosen values", () => {
    expect(verdict(`req.headers.get("cf-connecting-ip")`)).toMatchObject({ trusted: true, client: [] });
    expect(verdict(`req.headers.get("x-user-id")`).client).toEqual(["header:x-user-id"]);
    expect(verdict(`req.headers.get("authorization")`)).toMatchObject({ trusted: true, client: [] });
    expect(verdict(`new URL(req.url).searchParams.get("u")`).client).toEqual(["query:u"]);
    expect(verdict(`(await req.json()).email`).client).toEqual(["body:email"]);
    expect(verdict(`body.email`, `declare const req: Request; const body = await req.json();`).client).toEqual([
      "body:email",
    ]);
  });
});
