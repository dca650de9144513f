"use client";
import { Redis } from "@upstash/redis";

const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  // fix: upstash/write-token-in-frontend/public-env-credential
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,
});

const kvToken =
  // fix: upstash/write-token-in-frontend/public-env-credential
  process.env["NEXT_PUBLIC_KV_REST_API_TOKEN"];

// A QStash token has no read-only counterpart for browsers: publishing belongs on the server.
// nofix: upstash/write-token-in-frontend/public-env-credential
const qstashToken = process.env.NEXT_PUBLIC_QSTASH_TOKEN;

export function Views({ slug }: { slug: string }) {
  void kvToken;
  void qstashToken;
  return <button onClick={() => redis.get(`views:${slug}`)}>views</button>;
}
