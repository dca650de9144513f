import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });
const base = process.env.NEXT_PUBLIC_SITE_URL;

export async function queueResize(imageId: string) {
  await qstash.publishJSON({ url: `${base}/api/jobs/resize`, body: { imageId } });
}

export async function queueNotify(userId: string) {
  await qstash.publishJSON({ url: `${base}/api/jobs/notify`, body: { userId } });
}

export async function queueCleanup() {
  await qstash.publishJSON({ url: `${base}/api/jobs/cleanup`, body: {} });
}

export async function queueImport(fileId: string) {
  await qstash.publishJSON({ url: `${base}/api/jobs/import`, body: { fileId } });
}

export async function resizeImage(id: string): Promise<void> {
  void id;
}
