import { ratelimit, save } from "../../../lib/ratelimit";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip");
  if (!ip) return new Response("No client address", { status: 400 });
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  const { success } = await ratelimit.limit(`comment:${ip}`);
  if (!success) return new Response("Too many requests", { status: 429 });
  return Response.json(await save(await req.json()));
}
