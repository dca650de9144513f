import { Receiver } from "@upstash/qstash";

export const receiver = new Receiver({
  currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY!,
  nextSigningKey: process.env.QSTASH_NEXT_SIGNING_KEY!,
});

export async function saveJob(job: unknown): Promise<void> {
  void job;
}
