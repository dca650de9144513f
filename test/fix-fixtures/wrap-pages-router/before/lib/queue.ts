import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });
const base = process.env.NEXT_PUBLIC_SITE_URL;

export async function queueResize(imageId: string) {
  await qstash.publishJSON({ url: `${base}/api/jobs/resize`, body: { imageId } });
}

export async function queueNotify(userId: string) {
  await qstash.publishJSON({ url: `${base}/api/jobs/notify`, body: { userId } });
}

export async function resizeImage(id: string): Promise<void> {
  void id;
}
