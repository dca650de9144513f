/**
 * The subtle parts of upstash/sensitive-data-without-ttl: word-part matching of the sensitivity
 * vocabulary, its extension from the configuration (`sensitiveWords`), and key matching between a
 * write and its expire.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultConfig } from "../src/config/defaults";
import { loadTypeScript, parseSource, typescript } from "../src/engine/parse";
import { scan } from "../src/engine/scan";
import { canonical, fileConstants } from "../src/detectors/sensitive-data-without-ttl/analysis/keys";
import { splitWords, Vocabulary } from "../src/detectors/sensitive-data-without-ttl/analysis/vocabulary";
import { tempDir, writeTree } from "./support/run";

const vocab = new Vocabulary();
const match = (name: string) => vocab.match(splitWords(name))?.label;

describe("sensitivity vocabulary", () => {
  it("splits camelCase, snake_case, kebab-case and key segments", () => {
    expect(splitWords("resetToken")).toEqual(["reset", "token"]);
    expect(splitWords("user:42:API_KEY")).toEqual(["user", "", "42", "", "api", "key"]);
    expect(splitWords("magic-link")).toEqual(["magic", "link"]);
    expect(splitWords("OTPCode")).toEqual(["otp", "code"]);
  });

  it("counts a word that names the thing, not one that describes something else", () => {
    expect(match("emailTemplate")).toBeUndefined();
    expect(match("email-queue")).toBeUndefined();
    expect(match("tokenEndpoint")).toBeUndefined();
    expect(match("sessionTimeout")).toBeUndefined();
    expect(match("passwordPolicy")).toBeUndefined();
    expect(match("userEmail")).toBe("email");
    expect(match("sessionData")).toBe("session");
    expect(match("session:abc123")).toBe("session");
    expect(match("sessions-by-time")).toBe("session");
    expect(match("csrfToken")).toBe("csrf");
  });

  it("names the most specific phrase", () => {
    expect(match("refreshToken")).toBe("refresh token");
    expect(match("session:abc")).toBe("session");
    expect(match("hashedPassword")).toBe("hashed password");
    expect(match("openaiApiKey")).toBe("openai api key");
    expect(match("dateOfBirth")).toBe("date of birth");
    expect(match("csrf")).toBe("csrf");
  });

  it("matches glued lower-case literals and plurals where allowed", () => {
    expect(match("resettoken")).toBe("reset token");
    expect(match("sessionid")).toBe("session id");
    expect(match("apikeys")).toBe("api key");
    expect(match("emails")).toBe("email");
    expect(match("email")).toBe("email");
  });

  it("does not match inside other words", () => {
    for (const name of ["tokenizer", "hashmap", "cardinality", "possession", "passive", "addressable", "emailer"]) {
      expect(match(name), name).toBeUndefined();
    }
  });

  it("leaves plural tokens, counters and qualified words alone", () => {
    // "tokens" is what LLM and crypto apps count and list.
    expect(match("tokens")).toBeUndefined();
    expect(match("maxTokens")).toBeUndefined();
    expect(match("tokenCount")).toBeUndefined();
    expect(match("otpAttempts")).toBeUndefined();
    expect(match("ratelimit:session")).toBeUndefined();
    expect(match("nextPageToken")).toBeUndefined();
    expect(match("checkoutToken")).toBeUndefined();
    expect(match("walletAddress")).toBeUndefined();
    expect(match("homeAddress")).toBe("home address");
  });

  it("keeps non-credentials out of what a key is built from", () => {
    expect(vocab.match(splitWords("sessionId"), { subject: true })).toBeUndefined();
    expect(vocab.match(splitWords("email"), { subject: true })).toBeUndefined();
    expect(vocab.match(splitWords("refreshToken"), { subject: true })?.label).toBe("refresh token");
  });

  it("knows records of people", () => {
    expect(vocab.isEntity(splitWords("user:42"))).toBe(true);
    expect(vocab.isEntity(splitWords("signup:42"))).toBe(false);
  });

  it("takes extra words from the detector options and ignores what is not a string", () => {
    const extended = Vocabulary.fromOptions({ sensitiveWords: ["patient", "Diagnosis Code", 42] });
    expect(extended.match(splitWords("patient:7"))?.label).toBe("patient");
    expect(extended.match(splitWords("diagnosisCodes"))?.label).toBe("diagnosis code");
    expect(Vocabulary.fromOptions({ sensitiveWords: "patient" }).match(splitWords("patient:7"))).toBeUndefined();
  });
});

describe("key matching", () => {
  beforeAll(async () => {
    await loadTypeScript();
  });

  const keysOf = (code: string): string[] => {
    const sf = parseSource("k.ts", code, "script");
    const constants = fileConstants(sf);
    const out: string[] = [];
    const ts = typescript();
    const visit = (n: import("typescript").Node) => {
      if (ts.isCallExpression(n) && n.arguments[0]) out.push(canonical(n.arguments[0], constants));
      n.forEachChild(visit);
    };
    visit(sf);
    return out;
  };

  it("gives a template, a concatenation and a constant holding either the same form", () => {
    const [a, b, c, d] = keysOf(
      "f(`session:${id}`); f('session:' + id); const key = `session:${id}`; f(key); f(\"session:\" + `${id}`);",
    );
    expect(a).toBe("session:${id}");
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(d).toBe(a);
  });

  it("keeps different keys apart", () => {
    const [a, b] = keysOf("f(`session:${id}`); f(`session-meta:${id}`);");
    expect(a).not.toBe(b);
  });

  it("does not use a constant a parameter shadows", () => {
    const [, inner] = keysOf("const key = `session:${id}`; f(key); function g(key) { f(key); }");
    expect(inner).toBe("${key}");
  });
});

describe("sensitiveWords from the configuration", () => {
  let dir: string;
  let cleanup: () => void;
  beforeAll(() => {
    ({ dir, cleanup } = tempDir());
    writeTree(dir, {
      "package.json": JSON.stringify({ name: "clinic", dependencies: { "@upstash/redis": "1.38.0" } }),
      "lib/records.ts": [
        'import { Redis } from "@upstash/redis";',
        "const redis = Redis.fromEnv();",
        "export async function cacheRecord(id: string, record: unknown) {",
        "  await redis.set(`patient:${id}`, record);",
        "}",
        "",
      ].join("\n"),
    });
  });
  afterAll(() => cleanup());

  const findings = async (options?: Record<string, unknown>) => {
    const config = defaultConfig();
    if (options) config.detectorOptions = { "write-without-ttl": options };
    const result = await scan({ paths: [dir], srcRoot: dir, config });
    return result.findings.filter((f) => f.rule === "upstash/sensitive-data-without-ttl");
  };

  it("is silent on a word the built-in vocabulary does not know", async () => {
    expect(await findings()).toEqual([]);
  });

  it("reports it once the word is configured, and names the word", async () => {
    const found = await findings({ sensitiveWords: ["patient"] });
    expect(found).toHaveLength(1);
    expect(found[0]!.check).toBe("write-without-ttl");
    expect(found[0]!.location.range.startLine).toBe(4);
    expect(found[0]!.message).toContain('"patient"');
  });
});
