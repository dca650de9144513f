import { Client } from "@upstash/qstash";

const qstash = new Client({ token: process.env.QSTASH_TOKEN! });
const baseUrl = process.env.APP_URL;

export async function enqueueWelcomeEmail(email: string) {
  await qstash.publishJSON({ url: `${baseUrl}/api/jobs/welcome`, body: { email } });
}

export async function enqueueWeeklyReport(userId: string) {
  await qstash.publishJSON({ url: `${baseUrl}/api/jobs/report`, body: { userId } });
}
