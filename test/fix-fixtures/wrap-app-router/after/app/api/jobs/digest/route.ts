import { NextResponse } from "next/server";
import { sendEmail } from "../../../../lib/jobs";
import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";

export const dynamic = "force-dynamic";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST = verifySignatureAppRouter(async (req: Request) => {
  const { userId } = await req.json();
  await sendEmail(userId);
  return NextResponse.json({ sent: true });
});
