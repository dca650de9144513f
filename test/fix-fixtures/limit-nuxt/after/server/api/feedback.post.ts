import { defineEventHandler, getRequestIP, readBody, createError } from "h3";
import { ratelimit } from "../utils/ratelimit";

export default defineEventHandler(async (event) => {
  const ip = getRequestIP(event);
  if (!ip) return { received: false };
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  const { success } = await ratelimit.limit(`feedback:${ip}`);
  if (!success) throw createError({ statusCode: 429, statusMessage: "Too Many Requests" });
  return { received: await readBody(event) };
});
