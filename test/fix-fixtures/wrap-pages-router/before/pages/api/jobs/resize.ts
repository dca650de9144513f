import type { NextApiRequest, NextApiResponse } from "next";
import { resizeImage } from "../../../lib/queue";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  await resizeImage(req.body.imageId);
  res.status(200).json({ ok: true });
}
