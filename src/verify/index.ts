/** `--verify` as the CLI and the Action call it, and the one line every output shows about it. */
import type { ScanResult } from "../engine/scan";
import { describe } from "../engine/analyze";
import type { VerificationSummary } from "./types";
import { verifyScan, type VerifyOptions } from "./verify";

export type { VerificationSummary } from "./types";

/**
 * Verify and record the summary on `result`. A bug here must not cost the user the scan's results:
 * it becomes a notification, and every finding keeps what the scan found.
 */
export async function runVerification(result: ScanResult, options: VerifyOptions = {}): Promise<void> {
  try {
    result.verification = await verifyScan(result, options);
  } catch (err) {
    result.internalErrors++;
    result.notifications.push({
      level: "error",
      id: "verify-error",
      message: result.secrets.scrub(`Credential verification failed: ${describe(err)}`),
    });
  }
}

/** "2 live credentials (revoke them now) · 1 revoked · 1 unknown · 3 not checked", live first. */
export function verificationLine(v: VerificationSummary): string {
  const total = v.live + v.revoked + v.unknown + v.notChecked;
  if (total === 0) return "Verification: no credential to check.";
  const live =
    v.live > 0
      ? `${v.live} live credential${v.live === 1 ? "" : "s"} (revoke ${v.live === 1 ? "it" : "them"} now)`
      : "0 live credentials";
  const rest = [`${v.revoked} revoked`, `${v.unknown} unknown`, `${v.notChecked} not checked`];
  return `Verification: ${live} · ${rest.join(" · ")} (${v.requests} request${v.requests === 1 ? "" : "s"} to Upstash).`;
}
