import { NextRequest, NextResponse } from "next/server";
import { ratelimit } from "../../../lib/ratelimit";

export const GET = async (req: NextRequest): Promise<NextResponse> => {
  if (req.ip) {
    // fix: upstash/rate-limit-misconfiguration/result-not-enforced
    const { success } = await ratelimit.limit(req.ip);
    if (!success) return new NextResponse("Too many requests", { status: 429 });
  }
  return NextResponse.json({ results: [] });
};
