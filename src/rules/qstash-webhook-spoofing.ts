import { help, type RuleMeta } from "./types";

export const qstashWebhookSpoofing: RuleMeta = {
  id: "upstash/qstash-webhook-spoofing",
  number: 3,
  name: "QstashWebhookSpoofing",
  title: "QStash Webhook Spoofing",
  severity: "high",
  likelihood: "medium",
  impact: "high",
  mitigation: "Always verify QStash webhook signatures before processing.",
  shortDescription: "A QStash webhook handler processes messages without verifying their signature",
  fullDescription:
    "A route that receives QStash messages runs its side effects without checking the Upstash-Signature header, or checks it in a way that can be skipped (not awaited, optional, errors swallowed, disabled by environment, dev mode, or against a re-serialised body). Anyone who finds the URL can send it fake messages.",
  securitySeverity: "7.5",
  precision: "high",
  cwe: ["CWE-345", "CWE-347"],
  slug: "qstash-webhook-spoofing",
  help: help({
    risk: "Unverified webhooks can receive fake messages.",
    why: "A QStash destination is a public HTTP endpoint. Without signature verification anyone can call it with any body, triggering the jobs, emails or payments it performs.",
    mitigation:
      "Wrap the handler with the framework helper (`verifySignatureAppRouter`, `verifySignature`, `verifySignatureSvelte`, …), or `await receiver.verify({ signature, body: rawBody })` before doing anything and return 401 when it throws. Configure both signing keys so they can be rotated.",
    bad: `export async function POST(req: Request) {
  const job = await req.json();
  await sendInvoice(job);
  return new Response("ok");
}`,
    good: `import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";

export const POST = verifySignatureAppRouter(async (req: Request) => {
  const job = await req.json();
  await sendInvoice(job);
  return new Response("ok");
});`,
  }),
};
