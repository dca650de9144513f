import { Client } from "@upstash/qstash";
import { QSTASH_TOKEN } from "$env/static/private";

const qstash = new Client({ token: QSTASH_TOKEN });

export async function queueWelcome(origin: string, email: string) {
  await qstash.publishJSON({ url: `${origin}/api/jobs/welcome`, body: { email } });
}

export async function sendWelcome(email: string): Promise<void> {
  void email;
}
