import { defineEventHandler, getRequestIP, readBody } from "h3";
import { ratelimit } from "../utils/ratelimit";

export default defineEventHandler(async (event) => {
  const ip = getRequestIP(event);
  if (!ip) return { received: false };
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  await ratelimit.limit(`feedback:${ip}`);
  return { received: await readBody(event) };
});
