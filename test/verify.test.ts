/**
 * --verify without network: the host policy and the answers' meaning (endpoints.ts), the pairing of a
 * token with the URL beside it (credential-ref.ts), the verifier on real scans with a stand-in
 * transport (verify.ts), and the real node:https transport against a loopback server (transport.ts).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { scan, type ScanResult } from "../src/engine/scan";
import { buildSarif } from "../src/sarif/build";
import { formatJson } from "../src/output/json";
import { formatText } from "../src/output/text";
import { renderSummary } from "../src/github/summary";
import { countFindings } from "../src/output/gate";
import { severityOf } from "../src/rules/index";
import { interpret, isAllowedRequestUrl, planRequest, redisTokenDatabase } from "../src/verify/endpoints";
import { credentialId, credentialRef } from "../src/verify/credential-ref";
import { verifyScan } from "../src/verify/verify";
import { runVerification } from "../src/verify/index";
import { httpsTransport, TransportError } from "../src/verify/transport";
import type { CredentialRef } from "../src/verify/types";
import { FakeUpstash, PONG, UNAUTHORIZED } from "./support/fake-upstash";
import { fakeQstashToken, fakeRedisPair, fakeRedisToken, fakeSigningKey } from "./support/credentials";
import { temporaryTrees } from "./support/run";

const tree = temporaryTrees(afterEach);

function ref(partial: Partial<CredentialRef> & Pick<CredentialRef, "kind">): CredentialRef {
  return { id: "x", access: "write", shaped: true, ...partial };
}

describe("the host policy (what is sent where)", () => {
  const { token, url } = fakeRedisPair();
  const host = new URL(url).hostname;
  const redis = (u?: string) => planRequest(ref({ kind: "redis-rest-token", ...(u ? { url: u } : {}) }), token);

  it("sends a Redis token only as PING to its own database's https host, from the host alone", () => {
    for (const u of [url, `${url}/`, `${url}/some/path?x=1#y`, `${url.toUpperCase().replace("HTTPS", "https")}`]) {
      const p = redis(u);
      if (!("request" in p)) throw new Error(`refused ${u}: ${p.detail}`);
      expect(p.request.url.href).toBe(`https://${host}/ping`);
      expect(p.request.method).toBe("GET");
      expect(p.request.headers.authorization).toBe(`Bearer ${token}`);
      expect(Object.keys(p.request.headers).sort()).toEqual(["accept", "authorization", "user-agent"]);
    }
  });

  it("refuses every other URL, and never puts the token in the reason", () => {
    const id = redisTokenDatabase(token)!;
    const other = (id + 1) % 65536;
    for (const u of [
      url.replace("https:", "http:"),
      `${url}:8443`,
      `https://user:pass@${host}`,
      `https://${host}.evil.example`,
      `https://evil.example/${host}`,
      `https://${host}@evil.example`,
      `https://evil.example`,
      `https://us1-test-db-${id}.upstash.io.`,
      `https://a.us1-test-db-${id}.upstash.io`,
      `https://us1-test-db-${other}.upstash.io`,
      `https://qstash.upstash.io`,
      `ftp://${host}`,
      `//${host}`,
      "https://[::1]",
      "not a url",
    ]) {
      const p = redis(u);
      expect("request" in p, u).toBe(false);
      if (!("request" in p)) {
        expect(p.verdict, u).toBe("unknown");
        expect(p.detail, u).toMatch(/not sent/);
        expect(p.detail).not.toContain(token);
      }
    }
    expect(redis(undefined)).toMatchObject({ verdict: "unknown", detail: expect.stringMatching(/no REST URL/) });
  });

  it("reads the database number from the token (bytes 1-2), as public URL/token pairs show", () => {
    // Built like a real token: 0x01, the number 30984 (0x7908), then the rest.
    const t = Buffer.concat([Buffer.from([0x01, 0x79, 0x08, 0x00, 0x02, 0x23]), randomBytes(40)]).toString("base64url");
    expect(redisTokenDatabase(t)).toBe(30984);
    expect(redisTokenDatabase("not-a-token")).toBeUndefined();
  });

  it("sends a QStash token to the default or a regional QStash host only", () => {
    const q = fakeQstashToken();
    const plan = (u?: string) => planRequest(ref({ kind: "qstash-token", ...(u ? { url: u } : {}) }), q);
    for (const [u, host] of [
      [undefined, "qstash.upstash.io"],
      ["https://qstash-us-east-1.upstash.io", "qstash-us-east-1.upstash.io"],
      ["https://qstash-eu-central-1.upstash.io/v2/publish/", "qstash-eu-central-1.upstash.io"],
    ] as const) {
      const p = plan(u);
      if (!("request" in p)) throw new Error(p.detail);
      expect(p.request.url.href).toBe(`https://${host}/v2/queues`);
      expect(p.request.headers.authorization).toBe(`Bearer ${q}`);
    }
    for (const u of ["http://qstash.upstash.io", "https://qstash.evil.example", "https://us1-x-1.upstash.io"])
      expect("request" in plan(u), u).toBe(false);
  });

  it("does not check what cannot be checked harmlessly", () => {
    expect(planRequest(ref({ kind: "qstash-signing-key" }), fakeSigningKey())).toMatchObject({
      verdict: "not-checked",
      detail: expect.stringMatching(/signing keys/),
    });
    expect(
      planRequest(ref({ kind: "redis-password", url: "https://us1-x-1.upstash.io" }), "p4ssw0rdp4ssw0rd"),
    ).toMatchObject({
      verdict: "not-checked",
    });
    expect(planRequest(ref({ kind: "redis-rest-token", shaped: false }), "whatever-real-looking")).toMatchObject({
      verdict: "not-checked",
    });
    expect(planRequest(ref({ kind: "vector-token" }), "x")).toMatchObject({ verdict: "not-checked" });
  });

  it("is checked once more right before sending", () => {
    expect(isAllowedRequestUrl(new URL("https://us1-a-1.upstash.io/ping"))).toBe(true);
    expect(isAllowedRequestUrl(new URL("https://qstash.upstash.io/v2/queues"))).toBe(true);
    for (const u of [
      "http://us1-a-1.upstash.io/",
      "https://us1-a-1.upstash.io:444/",
      "https://evil.example/",
      "https://u@qstash.upstash.io/",
    ])
      expect(isAllowedRequestUrl(new URL(u)), u).toBe(false);
  });
});

describe("what an answer means", () => {
  const res = (status: number, body = "", truncated = false) => ({ status, body, truncated });
  it("live only with the documented body, revoked only on 401, unknown otherwise", () => {
    expect(interpret("redis", res(200, '{"result":"PONG"}')).verdict).toBe("live");
    expect(interpret("redis", res(200, "<html>")).verdict).toBe("unknown");
    expect(interpret("redis", res(200, '{"result":"PONG"}', true)).verdict).toBe("unknown");
    expect(interpret("redis", res(401, '{"error":"WRONGPASS"}')).verdict).toBe("revoked");
    for (const s of [301, 302, 307, 308, 403, 404, 429, 500, 503])
      expect(interpret("redis", res(s)).verdict, String(s)).toBe("unknown");
    expect(interpret("qstash", res(200, "[]")).verdict).toBe("live");
    expect(interpret("qstash", res(200, "{}")).verdict).toBe("unknown");
    expect(interpret("qstash", res(401, '{"error":"unauthorized"}')).verdict).toBe("revoked");
    expect(interpret("qstash", res(401, '{"error":"user (u) not found in this region (eu-central-1)"}')).verdict).toBe(
      "unknown",
    );
  });
});

describe("pairing a token with the URL beside it", () => {
  const at = (text: string, value: string) => {
    const start = text.indexOf(value);
    return { start, end: start + value.length };
  };
  const urlOf = (text: string, value: string, kind: CredentialRef["kind"] = "redis-rest-token") => {
    const { start, end } = at(text, value);
    return credentialRef({ value, kind, access: "write" }, text, start, end).url;
  };

  it("reads TOKEN → URL in env files, YAML and Dockerfiles, whatever the order", () => {
    const { token, url } = fakeRedisPair();
    expect(urlOf(`UPSTASH_REDIS_REST_TOKEN=${token}\nUPSTASH_REDIS_REST_URL=${url}\n`, token)).toBe(url);
    expect(urlOf(`KV_REST_API_URL="${url}"\nKV_REST_API_READ_ONLY_TOKEN="${token}"\n`, token)).toBe(url);
    expect(
      urlOf(
        `env:\n  NEXT_PUBLIC_UPSTASH_REDIS_REST_URL: ${url}\n  NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN: ${token}\n`,
        token,
      ),
    ).toBe(url);
    expect(urlOf(`ENV UPSTASH_REDIS_REST_URL ${url}\nENV UPSTASH_REDIS_REST_TOKEN ${token}\n`, token)).toBe(url);
  });

  it("reads { url, token } in code, and takes the URL the code pairs with it even when it is hostile", () => {
    const { token, url } = fakeRedisPair();
    expect(urlOf(`const redis = new Redis({\n  url: "${url}",\n  token: "${token}",\n});`, token)).toBe(url);
    // The repository pairs the token with its own server: that URL is the one judged (and refused).
    const hostile = `const ok = "${url}";\nnew Redis({ url: "https://collect.evil.example", token: "${token}" });`;
    expect(urlOf(hostile, token)).toBe("https://collect.evil.example");
  });

  it("falls back to a URL of the token's own database anywhere near it, never another's", () => {
    const { token, url } = fakeRedisPair();
    const other = fakeRedisPair("write", "eu1-other");
    expect(urlOf(`// ${other.url}\nconst t = "${token}"; // see ${url}/get/x`, token)).toBe(url);
    expect(urlOf(`REDIS_URL=rediss://default:pw@${new URL(url).hostname}:6379\nX=${token}`, token)).toBe(url);
    expect(urlOf(`const t = "${token}"; // ${other.url}`, token)).toBeUndefined();
  });

  it("reads QSTASH_URL and baseUrl for QStash tokens, and the host of a rediss:// password", () => {
    const q = fakeQstashToken();
    expect(urlOf(`QSTASH_URL=https://qstash-us-east-1.upstash.io\nQSTASH_TOKEN=${q}\n`, q, "qstash-token")).toBe(
      "https://qstash-us-east-1.upstash.io",
    );
    expect(urlOf(`new Client({ baseUrl: "https://qstash.upstash.io", token: "${q}" })`, q, "qstash-token")).toBe(
      "https://qstash.upstash.io",
    );
    expect(urlOf(`QSTASH_TOKEN=${q}\n`, q, "qstash-token")).toBeUndefined();
    const pw = "Zx81kQ0pLm27vNq44";
    expect(urlOf(`rediss://default:${pw}@eu1-a-9.upstash.io:6379`, pw, "redis-password")).toBe(
      "https://eu1-a-9.upstash.io",
    );
  });

  it("keys by a hash, never the value", () => {
    const t = fakeRedisToken();
    const r = credentialRef({ value: t, kind: "redis-rest-token", access: "write" }, t, 0, t.length);
    expect(r.id).toBe(credentialId(t));
    expect(JSON.stringify(r)).not.toContain(t);
  });
});

/** Scan a tree, then verify with the stand-in; returns the result and the outputs as users see them. */
async function scanAndVerify(
  files: Record<string, string>,
  fake: FakeUpstash,
  options: Parameters<typeof verifyScan>[1] = {},
): Promise<{ result: ScanResult; outputs: string }> {
  const dir = tree(files);
  const result = await scan({ paths: [dir], srcRoot: dir });
  await runVerification(result, { transport: fake.transport(), ...options });
  const sarif = JSON.stringify(buildSarif(result));
  const outputs = [
    sarif,
    formatJson(result),
    formatText(result, { color: false }),
    renderSummary({
      findings: result.findings,
      notifications: result.notifications,
      stats: result.stats,
      verification: result.verification,
      counts: countFindings(result.findings),
      failOn: "high",
      gating: 0,
      scanned: ".",
      sarifFile: "x.sarif",
      upload: { state: "disabled" },
      scrub: (t) => result.secrets.scrub(t),
    }),
  ].join("\n");
  return { result, outputs };
}

const sarifResults = (result: ScanResult) => buildSarif(result).runs[0]!.results!;

describe("verifying a scan's credentials with a stand-in Upstash", () => {
  let fake: FakeUpstash;
  beforeEach(() => {
    fake = new FakeUpstash();
  });

  it("live: one PING to the token's own host; the finding is raised, says so first, and nothing prints the token", async () => {
    const { token, url } = fakeRedisPair();
    const host = new URL(url).hostname;
    fake.answer(host, PONG);
    const { result, outputs } = await scanAndVerify(
      {
        "scripts/seed.ts": `import { Redis } from "@upstash/redis";\nexport const redis = new Redis({\n  url: "${url}",\n  // ruleid: upstash/token-rotation-neglect\n  token: "${token}",\n});\n`,
      },
      fake,
    );
    expect(fake.requests).toEqual([{ host, method: "GET", path: "/ping", authorization: `Bearer ${token}` }]);
    const f = result.findings.find((x) => x.check === "hardcoded-credential")!;
    expect(f.verification).toMatchObject({ verdict: "live", checkedAt: expect.any(String) });
    expect(severityOf(f)).toBe("high"); // rule 5 is medium: a live write token is raised
    expect(f.message).toMatch(
      /^Still live: revoke it now\. Upstash accepted this standard \(read-write\) Redis REST token just now \(PING at [a-z0-9-]+\.upstash\.io answered PONG\)\. /,
    );
    const r = sarifResults(result).find((x) => x.properties!.check === "hardcoded-credential")!;
    expect(r.properties!.verification).toBe("live");
    expect(new Date(r.properties!.verifiedAt as string).toISOString()).toBe(r.properties!.verifiedAt);
    expect(r.level).toBe("error");
    expect(result.verification).toEqual({ live: 1, revoked: 0, unknown: 0, notChecked: 0, requests: 1 });
    expect(outputs).toContain("Verification: 1 live credential (revoke it now)");
    expect(outputs).not.toContain(token);
  });

  it("revoked (401): lowered to low, 'remove it from history'", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, UNAUTHORIZED);
    const { result } = await scanAndVerify(
      { ".env.example": `UPSTASH_REDIS_REST_URL=${url}\nUPSTASH_REDIS_REST_TOKEN=${token}\n` },
      fake,
    );
    const f = result.findings.find((x) => x.rule === "upstash/token-rotation-neglect")!;
    expect(f.verification?.verdict).toBe("revoked");
    expect(severityOf(f)).toBe("low");
    expect(f.message).toMatch(/^Revoked: remove it from history\./);
    expect(sarifResults(result)[0]!.properties!.verification).toBe("revoked");
  });

  it("a live write token that ships to clients stays critical", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, PONG);
    const { result } = await scanAndVerify(
      {
        "package.json": JSON.stringify({ dependencies: { next: "15.0.0", "@upstash/redis": "1.34.0" } }),
        "app/counter.tsx": `"use client";\nimport { Redis } from "@upstash/redis";\n// ruleid: upstash/write-token-in-frontend\nconst redis = new Redis({ url: "${url}", token: "${token}" });\nexport function Counter() { return null; }\n`,
      },
      fake,
    );
    const rule1 = result.findings.filter((x) => x.rule === "upstash/write-token-in-frontend");
    expect(rule1.length).toBeGreaterThan(0);
    for (const f of rule1) {
      expect(f.verification?.verdict).toBe("live");
      expect(severityOf(f)).toBe("critical");
    }
    // Rules 1 and 5 both report the literal: still one request.
    expect(fake.requests).toHaveLength(1);
  });

  it("a token found twice (two files, two rules) is sent once", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, PONG);
    const { result } = await scanAndVerify(
      {
        "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n`,
        "b.ts": `new Redis({ url: "${url}", token: "${token}" });\n`,
        ".env.example": `UPSTASH_REDIS_REST_TOKEN=${token}\n`,
      },
      fake,
    );
    expect(result.findings.filter((f) => f.verification?.verdict === "live")).toHaveLength(3);
    expect(fake.requests).toHaveLength(1);
  });

  it("a URL on a non-Upstash host, or over http, is refused: the token is never sent", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer("*", PONG);
    const { result } = await scanAndVerify(
      {
        "a.ts": `new Redis({ url: "https://collect.evil.example", token: "${token}" });\n`,
        "b.ts": `new Redis({ url: "${url.replace("https:", "http:")}", token: "${fakeRedisPair().token}" });\n`,
      },
      fake,
    );
    expect(fake.requests).toEqual([]);
    const verdicts = result.findings.map((f) => f.verification);
    expect(verdicts).toHaveLength(2);
    for (const v of verdicts) expect(v).toMatchObject({ verdict: "unknown" });
    expect(verdicts.map((v) => v!.credentials[0]!.detail).join("\n")).toMatch(
      /not on an Upstash Redis host[\s\S]*not HTTPS/,
    );
    // Unknown keeps the severity the scan gave it.
    for (const f of result.findings) expect(severityOf(f)).toBe("medium");
  });

  it("a redirect is never followed: unknown, and no second request", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, { status: 302, headers: { location: "https://collect.evil.example/" } });
    const { result } = await scanAndVerify({ "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n` }, fake);
    expect(fake.requests).toHaveLength(1);
    expect(result.findings[0]!.verification).toMatchObject({ verdict: "unknown" });
    expect(result.findings[0]!.message).toMatch(/redirect \(HTTP 302\), which is never followed/);
  });

  it("a request that never answers is unknown after its time limit, and the scan goes on", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, { status: 200, hang: true });
    const started = Date.now();
    const { result } = await scanAndVerify({ "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n` }, fake, {
      timeoutMs: 100,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.findings[0]!.verification).toMatchObject({ verdict: "unknown" });
    expect(result.findings[0]!.message).toMatch(/timed out after 0\.1 s/);
  });

  it("a huge answer is unknown (the stand-in hands back only the capped part)", async () => {
    const { token, url } = fakeRedisPair();
    fake.answer(new URL(url).hostname, { status: 200, bytes: 10_000_000 });
    const { result } = await scanAndVerify({ "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n` }, fake);
    expect(result.findings[0]!.verification?.credentials[0]!.detail).toMatch(/more than expected, which was not read/);
  });

  it("bounds concurrency and the total time; what the budget leaves unchecked is unknown", async () => {
    const pairs = Array.from({ length: 12 }, (_, i) => fakeRedisPair("write", `us1-db${i}`));
    let inFlight = 0;
    let most = 0;
    const inner = fake.answer("*", PONG).transport();
    const slow: typeof inner = async (req, limits) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 60));
      inFlight--;
      return inner(req, limits);
    };
    const files = Object.fromEntries(
      pairs.map((p, i) => [`f${i}.ts`, `new Redis({ url: "${p.url}", token: "${p.token}" });\n`]),
    );
    const dir = tree(files);
    const result = await scan({ paths: [dir], srcRoot: dir });
    const summary = await verifyScan(result, { transport: slow, concurrency: 3, budgetMs: 150 });
    expect(most).toBe(3);
    expect(summary.live).toBeGreaterThanOrEqual(3);
    expect(summary.unknown).toBeGreaterThan(0);
    expect(summary.live + summary.unknown).toBe(12);
    expect(result.findings.filter((f) => /budget ran out/.test(f.message)).length).toBe(summary.unknown);
  });

  it("signing keys are not-checked, a QStash token is asked once, suppressed findings are not asked at all", async () => {
    const q = fakeQstashToken();
    const hidden = fakeRedisPair();
    fake.answer("qstash-us-east-1.upstash.io", { status: 200, body: "[]" }).answer("*", PONG);
    const { result } = await scanAndVerify(
      {
        ".env.example": `QSTASH_URL=https://qstash-us-east-1.upstash.io\nQSTASH_TOKEN=${q}\nQSTASH_CURRENT_SIGNING_KEY=${fakeSigningKey()}\n`,
        "c.ts": `// upstash-scan-ignore-next-line upstash/token-rotation-neglect -- test fixture\nnew Redis({ url: "${hidden.url}", token: "${hidden.token}" });\n`,
      },
      fake,
    );
    expect(fake.requests.map((r) => `${r.host}${r.path}`)).toEqual(["qstash-us-east-1.upstash.io/v2/queues"]);
    const byKind = Object.fromEntries(
      result.findings.filter((f) => !f.suppressed).map((f) => [f.message.includes("signing key") ? "key" : "token", f]),
    );
    expect(byKind.token!.verification?.verdict).toBe("live");
    expect(byKind.key!.verification?.verdict).toBe("not-checked");
    expect(byKind.key!.message).toMatch(/Verification: not checked — signing keys/);
    expect(result.findings.find((f) => f.suppressed)?.verification).toBeUndefined();
  });

  it("--history: a deleted credential is checked with the URL of the file version that held it, once", async () => {
    const gone = fakeRedisPair();
    const kept = fakeRedisPair("write", "eu1-kept");
    fake.answer(new URL(gone.url).hostname, PONG).answer(new URL(kept.url).hostname, UNAUTHORIZED);
    const dir = tree({
      ".env": `UPSTASH_REDIS_REST_URL=${gone.url}\nUPSTASH_REDIS_REST_TOKEN=${gone.token}\n`,
      "seed.ts": `new Redis({ url: "${kept.url}", token: "${kept.token}" });\n`,
    });
    const git = (args: string[], date?: string) =>
      execFileSync(
        "git",
        ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args],
        {
          cwd: dir,
          env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
        },
      );
    git(["init", "-q"]);
    git(["add", "-A"]);
    // Old enough for the in-HEAD credential to be reported by the history check too.
    git(["commit", "-qm", "oops"], "2020-01-01T00:00:00Z");
    git(["rm", "-q", ".env"]);
    git(["commit", "-qm", "remove the env file"]);
    const result = await scan({ paths: [dir], srcRoot: dir, history: {} });
    await runVerification(result, { transport: fake.transport() });
    const history = result.findings.filter((f) => f.check === "exposed-in-history");
    expect(history.map((f) => [f.location.file, f.verification?.verdict, severityOf(f)]).sort()).toEqual([
      [".env", "live", "high"],
      ["seed.ts", "revoked", "low"],
    ]);
    // seed.ts's token is reported by two checks; each credential is still asked once.
    expect(fake.requests.map((r) => r.host).sort()).toEqual(
      [new URL(kept.url).hostname, new URL(gone.url).hostname].sort(),
    );
  });

  it("a transport that throws, or a bug, never fails the scan", async () => {
    const { token, url } = fakeRedisPair();
    const dir = tree({ "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n` });
    const result = await scan({ paths: [dir], srcRoot: dir });
    await runVerification(result, {
      transport: () => {
        throw new Error(`boom ${token}`);
      },
    });
    expect(result.findings[0]!.verification?.verdict).toBe("unknown");
    expect(JSON.stringify(result.findings)).not.toContain(token);
  });

  it("without --verify nothing is asked and nothing changes", async () => {
    const { token, url } = fakeRedisPair();
    const dir = tree({ "a.ts": `new Redis({ url: "${url}", token: "${token}" });\n` });
    const result = await scan({ paths: [dir], srcRoot: dir });
    expect(result.findings[0]!.verification).toBeUndefined();
    expect(sarifResults(result)[0]!.properties).not.toHaveProperty("verification");
    expect(result.findings[0]!.credentials?.[0]).toMatchObject({ kind: "redis-rest-token", url });
  });
});

describe("the node:https transport (against a loopback server)", () => {
  const fake = new FakeUpstash();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.answers.clear();
  });
  const limits = (over: Partial<{ timeoutMs: number; maxBytes: number; signal: AbortSignal }> = {}) => ({
    timeoutMs: 2_000,
    maxBytes: 64 * 1024,
    signal: new AbortController().signal,
    ...over,
  });
  const request = (path = "/ping") => ({
    url: new URL(`https://us1-a-1.upstash.io${path}`),
    method: "GET" as const,
    headers: { authorization: "Bearer t" },
  });

  it("checks certificates and shares no connection", async () => {
    let seen: import("node:https").RequestOptions | undefined;
    const inner = fake.requestFn();
    fake.answer("us1-a-1.upstash.io", PONG);
    const r = await httpsTransport((url, options, cb) => {
      seen = options;
      return inner(url, options, cb);
    })(request(), limits());
    expect(r).toEqual({ status: 200, body: '{"result":"PONG"}', truncated: false });
    expect(seen).toMatchObject({ rejectUnauthorized: true, agent: false, method: "GET" });
  });

  it("hands a redirect back without following it", async () => {
    fake.answer("us1-a-1.upstash.io", { status: 307, headers: { location: "/elsewhere" }, body: "" });
    const r = await httpsTransport(fake.requestFn())(request(), limits());
    expect(r.status).toBe(307);
    expect(fake.requests.map((q) => q.path)).toEqual(["/ping"]);
  });

  it("stops reading at the size cap and closes the connection", async () => {
    fake.answer("us1-a-1.upstash.io", { status: 200, bytes: 50 * 1024 * 1024 });
    const r = await httpsTransport(fake.requestFn())(request(), limits({ maxBytes: 1000 }));
    expect(r.truncated).toBe(true);
    expect(r.body.length).toBe(1000);
    await expect.poll(() => fake.aborted).toBe(1);
  });

  it("gives up after its time limit, and when the budget is aborted", async () => {
    fake.answer("us1-a-1.upstash.io", { status: 200, hang: true });
    await expect(httpsTransport(fake.requestFn())(request(), limits({ timeoutMs: 100 }))).rejects.toThrow(
      new TransportError("timed out after 0.1 s"),
    );
    const budget = new AbortController();
    const pending = httpsTransport(fake.requestFn())(request(), limits({ signal: budget.signal }));
    budget.abort();
    await expect(pending).rejects.toThrow(/budget ran out/);
  });

  it("reports a refused connection by its code", async () => {
    const dead = httpsTransport((url, options, cb) =>
      (require("node:http") as typeof import("node:http")).request(
        { host: "127.0.0.1", port: 1, path: url.pathname, method: options.method, agent: false },
        cb,
      ),
    );
    await expect(dead(request(), limits())).rejects.toThrow(/ECONNREFUSED/);
  });
});
