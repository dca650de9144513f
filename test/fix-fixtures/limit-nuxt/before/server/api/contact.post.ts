import { ratelimit } from "../utils/ratelimit";

export default defineEventHandler(async (event) => {
  const ip = getRequestIP(event);
  if (!ip) return { sent: false };
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  await ratelimit.limit(ip);
  return { sent: true };
});
