import type { NextApiRequest, NextApiResponse } from "next";
import { resizeImage } from "../../../lib/queue";
import { verifySignature } from "@upstash/qstash/nextjs";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
async function handler(req: NextApiRequest, res: NextApiResponse) {
  await resizeImage(req.body.imageId);
  res.status(200).json({ ok: true });
}

export default verifySignature(handler);

export const config = { api: { bodyParser: false } };
