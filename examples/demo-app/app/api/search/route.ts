import { ratelimit } from "@/lib/ratelimit";

export async function GET(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? "unknown-ip";
  // The limit is checked but its answer is thrown away: every request goes through.
  // ruleid: upstash/rate-limit-misconfiguration/result-not-enforced
  await ratelimit.limit(`search:${ip}`);
  const q = new URL(req.url).searchParams.get("q") ?? "";
  return Response.json({ results: [q] });
}
