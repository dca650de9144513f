import { Redis } from "@upstash/redis";
import { Views } from "./views";

// Exported: server code may import this client and write through it; no edit.
export const sharedRedis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL!,
  // nofix: upstash/write-token-in-frontend/public-env-credential
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN!,
});

export { Views };
