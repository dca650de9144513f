import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });
const APP_URL = process.env.APP_URL;

export async function enqueueWelcome(email: string) {
  await qstash.publishJSON({ url: `${APP_URL}/api/jobs/welcome`, body: { email } });
}

export async function enqueueDigest(userId: string) {
  await qstash.publishJSON({ url: `${APP_URL}/api/jobs/digest`, body: { userId } });
}

export async function enqueueReport(month: string) {
  await qstash.publishJSON({ url: `${APP_URL}/api/jobs/report`, body: { month } });
}

export async function enqueueCleanup() {
  await qstash.publishJSON({ url: `${APP_URL}/api/jobs/cleanup`, body: {} });
}

export async function sendEmail(to: string): Promise<void> {
  void to;
}
