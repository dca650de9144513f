import { receiver, saveJob } from "../../../../lib/qstash";

export async function POST(req: Request) {
  const body = await req.text();
  const signature = req.headers.get("upstash-signature") ?? "";
  // A Promise is always truthy; awaited, verify throws on a forged message.
  // fix: upstash/qstash-webhook-spoofing/verify-not-awaited
  if (!(await receiver.verify({ signature, body }))) {
    return new Response("invalid signature", { status: 401 });
  }
  await saveJob(JSON.parse(body));
  return new Response("ok");
}
