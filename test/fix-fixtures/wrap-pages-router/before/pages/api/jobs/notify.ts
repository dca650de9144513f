import type { NextApiRequest, NextApiResponse } from "next";
import { resizeImage } from "../../../lib/queue";

export const config = {
  api: {
    externalResolver: true,
  },
  maxDuration: 60,
};

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default async (req: NextApiRequest, res: NextApiResponse) => {
  await resizeImage(req.body.userId);
  res.status(200).end();
};
