import { Redis } from "@upstash/redis";

const redis = Redis.fromEnv();

export async function saveSession(sessionId: string, user: { id: string }) {
  // fix: upstash/sensitive-data-without-ttl/write-without-ttl
  await redis.set(`session:${sessionId}`, user, { ex: 86400 });
}

export async function issueOtp(phone: string, code: string) {
  // An options object of its own: the expiry joins it.
  // fix: upstash/sensitive-data-without-ttl/write-without-ttl
  await redis.set(`otp:${phone}`, code, { nx: true, ex: 86400 });
}

export async function storeResetToken(userId: string, token: string) {
  // Arguments on their own lines, with a trailing comma: the option is written the same way.
  // fix: upstash/sensitive-data-without-ttl/write-without-ttl
  await redis.set(
    `reset-token:${userId}`,
    token,
    { ex: 86400 },
  );
}

export async function cacheRefreshToken(userId: string, refreshToken: string) {
  // fix: upstash/sensitive-data-without-ttl/write-without-ttl
  await redis.pipeline().set(`refresh-token:${userId}`, refreshToken, { ex: 86400 }).incr("logins").exec();
}

export async function rememberVerification(email: string, code: string) {
  // ioredis's spelling throws a TypeError in @upstash/redis: the same expiry as an options object.
  // fix: upstash/sensitive-data-without-ttl/ttl-option-ignored
  await redis.set(`verification-code:${email}`, code, { ex: 600, nx: true });
}

export async function rememberMagicLink(email: string, link: string) {
  // node-redis's upper-case option is ignored: lower case.
  // fix: upstash/sensitive-data-without-ttl/ttl-option-ignored
  await redis.set(`magic-link:${email}`, link, { ex: 900 });
}

export async function rememberInvite(email: string, invite: string) {
  // node-redis v5's expiration object.
  // fix: upstash/sensitive-data-without-ttl/ttl-option-ignored
  await redis.set(`invite:${email}`, invite, { px: 60_000 });
}

export async function storeSessionHash(sessionId: string, user: { id: string }) {
  // hset takes no TTL: the expire it needs is the author's to place.
  // nofix: upstash/sensitive-data-without-ttl/write-without-ttl
  await redis.hset(`session:${sessionId}`, { user: user.id });
}

export async function keepApiKey(userId: string, apiKey: string) {
  // { ttl } may mean seconds or milliseconds: no guess.
  // nofix: upstash/sensitive-data-without-ttl/ttl-option-ignored
  await redis.set(`api-key:${userId}`, apiKey, { ttl: 3600 } as never);
}

export async function countLogins(userId: string) {
  // ok: upstash/sensitive-data-without-ttl
  await redis.set(`login-count:${userId}`, 0);
}
