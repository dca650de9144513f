import { ratelimit } from "../utils/ratelimit";

export default defineEventHandler(async (event) => {
  const ip = getRequestIP(event);
  if (!ip) return { sent: false };
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  const { success } = await ratelimit.limit(ip);
  if (!success) throw createError({ statusCode: 429, statusMessage: "Too Many Requests" });
  return { sent: true };
});
