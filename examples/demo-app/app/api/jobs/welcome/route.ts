import { sendEmail } from "@/lib/email";

// QStash calls this route, but nothing checks that the request really comes from QStash.
// ruleid: upstash/qstash-webhook-spoofing/unverified-handler
export async function POST(req: Request) {
  const { email } = (await req.json()) as { email: string };
  await sendEmail(email, "Welcome!");
  return new Response("ok");
}
