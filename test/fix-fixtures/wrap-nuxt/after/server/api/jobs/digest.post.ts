import { buildDigest } from "../../utils/queue";
import { verifySignatureNuxt } from "@upstash/qstash/nuxt";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default defineEventHandler(verifySignatureNuxt(async (event) => {
  const { userId } = await readBody(event);
  await buildDigest(userId);
  return { ok: true };
}));
