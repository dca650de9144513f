import type { RequestHandler } from "@sveltejs/kit";
import { sendWelcome } from "../../../../lib/server/jobs";
import { QSTASH_CURRENT_SIGNING_KEY, QSTASH_NEXT_SIGNING_KEY } from "$env/static/private";
import { verifySignatureSvelte } from "@upstash/qstash/svelte";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST: RequestHandler = verifySignatureSvelte(async ({ request }) => {
  const { email } = await request.json();
  await sendWelcome(email);
  return new Response("ok");
}, { currentSigningKey: QSTASH_CURRENT_SIGNING_KEY, nextSigningKey: QSTASH_NEXT_SIGNING_KEY });
