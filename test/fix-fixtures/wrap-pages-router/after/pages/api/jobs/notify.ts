import type { NextApiRequest, NextApiResponse } from "next";
import { resizeImage } from "../../../lib/queue";
import { verifySignature } from "@upstash/qstash/nextjs";

export const config = {
  api: {
    externalResolver: true,
    bodyParser: false,
  },
  maxDuration: 60,
};

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default verifySignature(async (req: NextApiRequest, res: NextApiResponse) => {
  await resizeImage(req.body.userId);
  res.status(200).end();
});
