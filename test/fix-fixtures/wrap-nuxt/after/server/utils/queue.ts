import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });

export async function queueDigest(userId: string) {
  await qstash.publishJSON({ url: `${process.env.NUXT_PUBLIC_SITE_URL}/api/jobs/digest`, body: { userId } });
}

export async function buildDigest(userId: string): Promise<void> {
  void userId;
}
