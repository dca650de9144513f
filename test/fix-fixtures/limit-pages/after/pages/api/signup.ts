import type { NextApiRequest, NextApiResponse } from "next";
import { ratelimit, save } from "../../lib/ratelimit";

export default async function handler(req: NextApiRequest, response: NextApiResponse): Promise<void> {
  const ip = req.headers["x-real-ip"];
  if (typeof ip !== "string") {
    response.status(400).end();
    return;
  }
  // fix: upstash/rate-limit-misconfiguration/result-not-enforced
  const { success } = await ratelimit.limit(`signup:${ip}`);
  if (!success) {
    response.status(429).end("Too many requests");
    return;
  }
  response.status(200).json(await save(req.body));
}
