import type { RequestHandler } from "@sveltejs/kit";
import { sendWelcome } from "../../../../lib/server/jobs";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST: RequestHandler = async ({ request }) => {
  const { email } = await request.json();
  await sendWelcome(email);
  return new Response("ok");
};
