import { Redis } from "@upstash/redis";

// Imported by a client component, so this module is part of the browser bundle.
export const browserRedis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  // ruleid: upstash/write-token-in-frontend/public-env-credential
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,
});
