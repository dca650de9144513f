/**
 * The parts of rule 5 that fixtures cannot show: whether an env file counts as committed depends on
 * git's view of it (tracked, ignored, no repository at all), test-folder policy comes from the
 * configuration, and the value heuristics must hold for random and made-up inputs alike.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { defaultConfig } from "../src/config/defaults";
import type { Finding } from "../src/engine/types";
import { findCredentials, isSecretReference, looksLikeSecretValue } from "../src/secrets/credentials";
import { buildSarif } from "../src/sarif/build";
import { formatText } from "../src/output/text";
import { formatJson } from "../src/output/json";
import { countFindings } from "../src/output/gate";
import { listFiles } from "./support/expectations";
import * as fs from "node:fs";
import { credentialOfKey, credentialOfName, toEnvStyle } from "../src/detectors/token-rotation-neglect/analysis/names";
import { deployConfigKind } from "../src/detectors/token-rotation-neglect/analysis/deploy-config";
import { fakeQstashToken, fakeRedisPassword, fakeRedisToken, fakeSigningKey } from "./support/credentials";
import { tempDir, writeTree } from "./support/run";

const git = (cwd: string, ...args: string[]) =>
  execFileSync(
    "git",
    ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
    { cwd, encoding: "utf8" },
  );

function byFile(findings: Finding[], check: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of findings.filter((x) => x.check === check)) (out[f.location.file] ??= []).push(f.confidence);
  return out;
}

describe("committed-env-file decides by git", () => {
  let tmp: { dir: string; cleanup: () => void };
  beforeAll(() => {
    tmp = tempDir("upstash-scan-env-");
  });
  afterAll(() => tmp.cleanup());

  it("reports tracked env files (even ignored ones), untracked unignored ones weakly, ignored untracked ones never", async () => {
    const repo = path.join(tmp.dir, "repo");
    writeTree(repo, {
      ".env": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
      ".env.production": `QSTASH_TOKEN=${fakeQstashToken()}\n`,
      ".env.local": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
      ".env.staging": `QSTASH_CURRENT_SIGNING_KEY=${fakeSigningKey()}\n`,
    });
    git(repo, "init", "-q");
    git(repo, "add", ".env", ".env.production");
    git(repo, "commit", "-q", "-m", "oops");
    // Ignored after the fact: .env.production stays tracked, .env.local was never added.
    writeTree(repo, { ".gitignore": ".env.production\n.env.local\n" });
    const r = await scan({ paths: [repo], srcRoot: repo });
    expect(byFile(r.findings, "committed-env-file")).toEqual({
      ".env": ["high"],
      ".env.production": ["high"],
      ".env.staging": ["low"],
    });
  });

  it("assumes every unignored env file is committed when there is no git repository", async () => {
    const plain = path.join(tmp.dir, "plain");
    writeTree(plain, {
      ".env": `KV_URL=rediss://default:${fakeRedisPassword()}@eu1-fine-cat-31337.upstash.io:6379\n`,
      ".env.local": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
      ".gitignore": ".env.local\n",
    });
    const r = await scan({ paths: [plain], srcRoot: plain });
    expect(byFile(r.findings, "committed-env-file")).toEqual({ ".env": ["medium"] });
  });
});

describe("test folders (the engine's tests: settings apply to this rule's checks)", () => {
  let tmp: { dir: string; cleanup: () => void };
  let root: string;
  beforeAll(() => {
    tmp = tempDir("upstash-scan-tests-");
    root = path.join(tmp.dir, "p");
    const client = () =>
      `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://x.upstash.io", token: "${fakeRedisToken()}" });\n`;
    writeTree(root, {
      "src/redis.ts": client(),
      "src/__tests__/redis.test.ts": client(),
      ".env.test": `UPSTASH_REDIS_REST_TOKEN=${fakeRedisToken()}\n`,
      "qa/smoke.ts": client(),
    });
  });
  afterAll(() => tmp.cleanup());

  const run = (edit: (c: ReturnType<typeof defaultConfig>) => void) => {
    const config = defaultConfig();
    edit(config);
    return scan({ paths: [root], srcRoot: root, config }).then((r) => byFile(r.findings, "hardcoded-credential"));
  };

  it("lowers confidence there by default", async () => {
    expect(await run(() => undefined)).toEqual({
      "qa/smoke.ts": ["high"],
      "src/__tests__/redis.test.ts": ["low"],
      "src/redis.ts": ["high"],
    });
  });
  it("drops them when the rule says tests: ignore", async () => {
    expect(await run((c) => c.testFindingsByRule.set("upstash/token-rotation-neglect", "ignore"))).toEqual({
      "qa/smoke.ts": ["high"],
      "src/redis.ts": ["high"],
    });
  });
  it("uses the configured test paths instead of the defaults", async () => {
    expect(
      await run((c) => {
        c.testPaths = ["qa/"];
        c.testFindings = "ignore";
      }),
    ).toEqual({ "src/__tests__/redis.test.ts": ["high"], "src/redis.ts": ["high"] });
  });
});

describe("value heuristics", () => {
  it("accepts random secrets and rejects placeholders, references and names", () => {
    for (const real of [
      fakeRedisPassword(),
      "9f86d081884c7d659a2feaa0c55ad015",
      "3b1f0c8e-6a1d-4f7e-9c52-8d0e4b7a91c3",
    ])
      expect(looksLikeSecretValue(real), real).toBe(true);
    for (const fake of [
      "",
      "changeme",
      "your-upstash-token",
      "<UPSTASH_REDIS_REST_TOKEN>",
      "xxxxxxxxxxxxxxxxxxxxxxxx",
      "test-token-1234567890",
      "UPSTASH_REDIS_REST_TOKEN",
      "${{ secrets.UPSTASH_REDIS_REST_TOKEN }}",
      "${UPSTASH_REDIS_REST_TOKEN}",
      "https://eu1-fine-cat-31337.upstash.io",
      "00000000-0000-0000-0000-000000000000",
      "12345678-1234-1234-1234-123456789012",
      "process.env.UPSTASH_REDIS_REST_TOKEN",
    ]) {
      expect(looksLikeSecretValue(fake), fake).toBe(false);
    }
    for (const ref of [
      "${{ secrets.X }}",
      "$QSTASH_TOKEN",
      "{{ .Values.upstash.token }}",
      "@upstash-token",
      "op://vault/item/field",
      "arn:aws:secretsmanager:eu-west-1:1:secret:x",
    ]) {
      expect(isSecretReference(ref), ref).toBe(true);
    }
  });

  it("names credentials by env name, camelCase and Upstash context", () => {
    expect(toEnvStyle("upstashRedisRestToken")).toBe("UPSTASH_REDIS_REST_TOKEN");
    expect(credentialOfName("qstashCurrentSigningKey")?.kind).toBe("qstash-signing-key");
    expect(credentialOfName("UPSTASH_API_KEY")?.kind).toBe("management-api-key");
    expect(credentialOfName("UPSTASH_TOKEN")?.kind).toBe("redis-rest-token");
    expect(credentialOfName("UPSTASH_REDIS_REST_URL")).toBeUndefined();
    expect(credentialOfName("UPSTASH_EMAIL")).toBeUndefined();
    expect(credentialOfName("redisToken")).toBeUndefined();
    expect(credentialOfKey("token", ["Redis", "@upstash/redis"])?.kind).toBe("redis-rest-token");
    expect(credentialOfKey("token", ["Client", "@upstash/qstash"])?.kind).toBe("qstash-token");
    expect(credentialOfKey("token", ["Stripe", "stripe"])).toBeUndefined();
  });

  it("tells CI and deployment files from ordinary config", () => {
    expect(deployConfigKind(".github/workflows/ci.yml", "")).toBe("CI workflow");
    expect(deployConfigKind("apps/web/vercel.json", "")).toBe("deployment configuration");
    expect(deployConfigKind("deploy/web.yaml", "apiVersion: v1\nkind: Secret\n")).toBe("Kubernetes manifest");
    expect(deployConfigKind("ops/anything.yml", "apiVersion: apps/v1\nkind: Deployment\n")).toBe("Kubernetes manifest");
    expect(deployConfigKind("config/upstash.yaml", "upstash:\n  token: x\n")).toBeUndefined();
    expect(deployConfigKind("app.json", "{}")).toBeUndefined();
  });
});

describe("read-only credentials", () => {
  it("are silent where they are public by design and low everywhere else", async () => {
    const dir = path.join(__dirname, "fixtures/token-rotation-neglect/read-only-in-client");
    const r = await scan({ paths: [dir], srcRoot: dir });
    const rule5 = r.findings.filter((f) => f.rule === "upstash/token-rotation-neglect");
    const shown = rule5.map((f) => `${f.location.file}:${f.location.range.startLine} ${f.severity ?? "rule"}`).sort();
    // The write token keeps the rule's severity; both read-only ones outside client code are low.
    expect(shown).toEqual([".env.production:7 low", "scripts/export.mjs:14 rule", "scripts/export.mjs:8 low"]);
  });
});

describe("one credential in several places", () => {
  it("says where else it is in every finding, and counts credentials in the summaries", async () => {
    const tmp = tempDir("upstash-scan-repeated-");
    try {
      const shared = fakeRedisToken();
      const other = fakeRedisToken();
      const script = (token: string) =>
        `import { Redis } from "@upstash/redis";\nexport const r = new Redis({ url: "https://eu1-x-1.upstash.io", token: "${token}" });\n`;
      writeTree(tmp.dir, {
        "package.json": JSON.stringify({ dependencies: { "@upstash/redis": "1.38.0" } }),
        "scripts/a.mjs": script(shared),
        "scripts/b.mjs": script(shared),
        "scripts/c.mjs": script(shared) + `// again: ${shared}\n`,
        "scripts/d.mjs": script(other),
      });
      const r = await scan({ paths: [tmp.dir], srcRoot: tmp.dir });
      const msg = (file: string, line = 2) =>
        r.findings.find((f) => f.location.file === file && f.location.range.startLine === line)?.message ?? "";
      expect(msg("scripts/a.mjs")).toMatch(
        /The same credential is also in scripts\/b\.mjs:2, scripts\/c\.mjs:2, scripts\/c\.mjs:3\.$/,
      );
      expect(msg("scripts/c.mjs", 3)).toMatch(/also in scripts\/a\.mjs:2, scripts\/b\.mjs:2, scripts\/c\.mjs:2\.$/);
      expect(msg("scripts/d.mjs")).not.toMatch(/same credential/);
      const counts = countFindings(r.findings);
      expect([counts.total, counts.credentials]).toEqual([5, 2]);
      expect(formatText(r, { color: false })).toContain("2 distinct credentials in 5 findings: revoke each once");
      expect(JSON.parse(formatJson(r)).summary.credentials).toBe(2);
      for (const out of [formatText(r, { color: false }), formatJson(r)])
        for (const t of [shared, other]) expect(out.includes(t)).toBe(false);
    } finally {
      tmp.cleanup();
    }
  });
});

describe("no secret leaves the scanner", () => {
  const root = path.join(__dirname, "fixtures/token-rotation-neglect");
  // The signing-key fixtures hold no secret values, only names.
  const projects = fs
    .readdirSync(root)
    .filter((d) => fs.statSync(path.join(root, d)).isDirectory() && !d.includes("signing-key"));
  it.each(projects)("%s: no fixture secret appears in text, JSON or SARIF output", async (name) => {
    const dir = path.join(root, name);
    // Every credential of the fixture: known shapes, and random values under credential names.
    const secrets = new Set<string>();
    for (const f of listFiles(dir)) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const c of findCredentials(text)) secrets.add(c.value);
      for (const m of text.matchAll(/[A-Za-z0-9_-]{16,}/g)) if (looksLikeSecretValue(m[0])) secrets.add(m[0]);
    }
    expect(secrets.size).toBeGreaterThan(0);
    const r = await scan({ paths: [dir], srcRoot: dir });
    const outputs = [formatText(r, { color: false }), formatJson(r), JSON.stringify(buildSarif(r))].join("\n");
    for (const s of secrets) expect(outputs.includes(s), `${s.slice(0, 4)}… leaked`).toBe(false);
  });
});
