import { ratelimit } from "@/lib/ratelimit";
import { enqueueWelcomeEmail } from "@/lib/qstash";

export async function POST(req: Request) {
  const ip = req.headers.get("x-real-ip") ?? req.headers.get("x-forwarded-for")?.split(",")[0];
  // ok: upstash/rate-limit-misconfiguration
  const { success } = await ratelimit.limit(`signup:${ip}`);
  if (!success) return new Response("Too many requests", { status: 429 });
  const { email } = (await req.json()) as { email: string };
  await enqueueWelcomeEmail(email);
  return Response.json({ ok: true });
}
