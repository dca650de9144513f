import { redis } from "./redis";
import { Redis } from "@upstash/redis";

const kv = Redis.fromEnv();

export async function createSession(sessionId: string, userId: string) {
  // The session never expires: a stolen session id stays valid forever.
  // ruleid: upstash/sensitive-data-without-ttl/write-without-ttl
  await kv.set(`session:${sessionId}`, { userId });
}

export async function createResetToken(token: string, email: string) {
  // ok: upstash/sensitive-data-without-ttl
  await kv.set(`reset-token:${token}`, email, { ex: 60 * 15 });
}

export async function rememberOtp(userId: string, code: string) {
  // ok: upstash/sensitive-data-without-ttl
  await kv.set(`otp:${userId}`, code);
  await kv.expire(`otp:${userId}`, 300);
}

export async function countVisit(page: string) {
  // Counters are not sensitive.
  // ok: upstash/sensitive-data-without-ttl
  await kv.set(`visits:${page}`, 0);
  return redis.incr(`visits:${page}`);
}
