import { NextRequest, NextResponse } from "next/server";
import { ratelimit } from "../../../lib/ratelimit";

export const GET = async (req: NextRequest): Promise<NextResponse> => {
  if (req.ip) {
    // fix: upstash/rate-limit-misconfiguration/result-not-enforced
    await ratelimit.limit(req.ip);
  }
  return NextResponse.json({ results: [] });
};
