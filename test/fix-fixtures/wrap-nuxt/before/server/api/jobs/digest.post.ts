import { buildDigest } from "../../utils/queue";

// fix: upstash/qstash-webhook-spoofing/unverified-handler
export default defineEventHandler(async (event) => {
  const { userId } = await readBody(event);
  await buildDigest(userId);
  return { ok: true };
});
