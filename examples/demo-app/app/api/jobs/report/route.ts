import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";
import { buildReport } from "@/lib/email";

// ok: upstash/qstash-webhook-spoofing
export const POST = verifySignatureAppRouter(async (req: Request) => {
  const { userId } = (await req.json()) as { userId: string };
  await buildReport(userId);
  return new Response("ok");
});
