/** Fake, well-formed Upstash credentials for tests (random each call unless seeded). */
import { randomBytes, randomInt, randomUUID } from "node:crypto";

/** A Redis REST token: base64url whose first byte is 0x01 (standard) or 0x02 (read-only). */
export function fakeRedisToken(access: "write" | "read-only" = "write", bytes: Buffer = randomBytes(44)): string {
  const head = Buffer.from([access === "write" ? 0x01 : 0x02, bytes[0]!, bytes[1]!, 0x00, 0x02, bytes[2]! & 0x3f]);
  return Buffer.concat([head, bytes.subarray(3, 44)]).toString("base64url");
}

const BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export function fakeSigningKey(): string {
  let s = "sig_";
  for (let i = 0; i < 28; i++) s += BASE58[randomInt(58)];
  return s;
}

export function fakeQstashToken(): string {
  return Buffer.from(JSON.stringify({ UserID: randomUUID(), Password: randomBytes(16).toString("hex") })).toString(
    "base64",
  );
}

/** A Vector/Search token: 0x00, name length, role length, a tag byte, name, role, base64 id. */
export function fakeVectorToken(role: "admin" | "readonly" = "admin", name = "brave-otter-12345-us1"): string {
  const id = Buffer.from(randomUUID()).toString("base64");
  const body = Buffer.concat([
    Buffer.from([0, name.length, role.length, 0x30]),
    Buffer.from(name + role + id, "latin1"),
  ]);
  return body.toString("base64");
}

export function fakeRedisPassword(): string {
  return randomBytes(24).toString("base64url");
}

/** A standard or read-only Redis REST token and the REST URL of its own database (same number). */
export function fakeRedisPair(
  access: "write" | "read-only" = "write",
  name = "us1-test-db",
): { token: string; url: string } {
  const token = fakeRedisToken(access);
  const database = Buffer.from(token.slice(0, 4), "base64url").readUInt16BE(1);
  return { token, url: `https://${name}-${database}.upstash.io` };
}
