import { NextResponse } from "next/server";
import { sendEmail } from "../../../../lib/jobs";

export const dynamic = "force-dynamic";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export const POST = async (req: Request) => {
  const { userId } = await req.json();
  await sendEmail(userId);
  return NextResponse.json({ sent: true });
};
