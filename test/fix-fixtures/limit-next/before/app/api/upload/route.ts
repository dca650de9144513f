import { ratelimit, save } from "../../../lib/ratelimit";

export async function POST(req: Request) {
  const success = req.headers.has("content-length");
  // The function already names something success: no edit.
  // nofix: upstash/rate-limit-misconfiguration/result-not-enforced
  await ratelimit.limit(`upload:${req.headers.get("x-real-ip")}`);
  return Response.json({ success, saved: await save(await req.blob()) });
}
