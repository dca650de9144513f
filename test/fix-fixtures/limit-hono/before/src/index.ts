import { Hono } from "hono";
import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";

const ratelimit = new Ratelimit({ redis: Redis.fromEnv(), limiter: Ratelimit.slidingWindow(20, "10 s") });

export const app = new Hono();

app.post("/api/generate", async (ctx) => {
  const ip = ctx.req.header("cf-connecting-ip");
  if (!ip) return ctx.text("No client address", 400);
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  await ratelimit.limit(`generate:${ip}`);
  // A property named success is not a variable: the fix may still bind one.
  return ctx.json({ success: true, text: "…" });
});
