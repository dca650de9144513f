import { describe, expect, it } from "vitest";
import { findCredentials, isPlaceholder, redisTokenAccess, vectorTokenAccess } from "../src/secrets/credentials";
import { redact, scrubShapes, SecretRegistry } from "../src/secrets/redact";
import { credentialOfEnvName, clientPrefixOf } from "../src/secrets/env-names";
import { fakeQstashToken, fakeRedisToken, fakeSigningKey, fakeVectorToken } from "./support/credentials";

describe("credential shapes", () => {
  it("tells standard from read-only Redis tokens by decoding the first byte", () => {
    expect(redisTokenAccess(fakeRedisToken("write"))).toBe("write");
    expect(redisTokenAccess(fakeRedisToken("read-only"))).toBe("read-only");
    const found = findCredentials(`a = "${fakeRedisToken("write")}"; b = "${fakeRedisToken("read-only")}"`);
    expect(found.map((c) => [c.kind, c.access])).toEqual([
      ["redis-rest-token", "write"],
      ["redis-rest-token", "read-only"],
    ]);
  });

  it("finds QStash tokens, signing keys, Vector tokens and Redis URL passwords", () => {
    const text = [
      fakeQstashToken(),
      fakeSigningKey(),
      fakeVectorToken("admin"),
      fakeVectorToken("readonly"),
      "rediss://default:Q2hhbmdlZF9yZWFsX3Bhc3N3b3JkXzEyMw@eu1-happy-cat-31337.upstash.io:6379",
    ].join("\n");
    expect(findCredentials(text).map((c) => `${c.kind}:${c.access}`)).toEqual([
      "qstash-token:write",
      "qstash-signing-key:write",
      "vector-token:write",
      "vector-token:read-only",
      "redis-password:write",
    ]);
  });

  it("ignores placeholders and Upstash's public development credentials", () => {
    const text = [
      "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
      "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
      "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
      "AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=",
      "AXXXAAIXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
      "rediss://default:your-password-here@eu1-x.upstash.io:6379",
    ].join("\n");
    expect(findCredentials(text)).toEqual([]);
    expect(isPlaceholder("your-token-here")).toBe(true);
    expect(isPlaceholder("")).toBe(true);
    expect(isPlaceholder(fakeRedisToken())).toBe(false);
  });

  it("still finds a real token whose random letters spell a placeholder word", () => {
    const base = fakeRedisToken();
    const token = base.slice(0, 20) + "xxxyour" + base.slice(27);
    expect(findCredentials(`t = "${token}"`).map((c) => c.value)).toEqual([token]);
    expect(findCredentials(`t = "AXXXXAAIyour-token-here-0123456789abcdefghijklmnopqrstuv"`)).toEqual([]);
  });

  it("does not take base64 that decodes to something else for a Vector token", () => {
    expect(vectorTokenAccess("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")).toBeUndefined();
  });
});

describe("redaction", () => {
  it("shows four characters and the length", () => {
    expect(redact("AbnRAAIsGifY3UysURcW0fPk")).toBe("AbnR…(24 chars)");
  });

  it("scrubs every credential shape and registered secrets from any text", () => {
    const secrets = [fakeRedisToken(), fakeQstashToken(), fakeSigningKey(), fakeVectorToken()];
    const text = `tokens: ${secrets.join(" and ")} and custom=${"s3cr3t-value-XyZ-123"}`;
    const registry = new SecretRegistry();
    registry.add("s3cr3t-value-XyZ-123");
    const out = registry.scrub(text);
    for (const s of [...secrets, "s3cr3t-value-XyZ-123"]) expect(out).not.toContain(s);
    expect(scrubShapes(scrubShapes(text))).toBe(scrubShapes(text));
  });

  it("keeps code excerpts readable", () => {
    expect(scrubShapes("token: process.env.UPSTASH_REDIS_REST_TOKEN,")).toBe(
      "token: process.env.UPSTASH_REDIS_REST_TOKEN,",
    );
  });
});

describe("env names", () => {
  it("classifies credential names and their access", () => {
    expect(credentialOfEnvName("UPSTASH_REDIS_REST_TOKEN")?.access).toBe("write");
    expect(credentialOfEnvName("KV_REST_API_READ_ONLY_TOKEN")?.access).toBe("read-only");
    expect(credentialOfEnvName("QSTASH_CURRENT_SIGNING_KEY")?.kind).toBe("qstash-signing-key");
    expect(credentialOfEnvName("UPSTASH_REDIS_REST_URL")).toBeUndefined();
    expect(credentialOfEnvName("KV_REST_API_URL")).toBeUndefined();
    expect(clientPrefixOf("NEXT_PUBLIC_X")).toBe("NEXT_PUBLIC_");
    expect(clientPrefixOf("UPSTASH_X")).toBeUndefined();
  });
});
