import { sendEmail } from "../../../../lib/jobs";
import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";

/** Sends the welcome e-mail QStash delivers after sign-up. */
// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST = verifySignatureAppRouter(async (req: Request): Promise<Response> => {
  const { email } = await req.json();
  await sendEmail(email);
  return new Response("ok");
});
