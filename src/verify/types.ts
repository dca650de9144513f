/** What `--verify` attaches to findings and scan results (the names SPEC fixes are `Verdict`'s). */
import type { Access, CredentialKind } from "../secrets/credentials";

/**
 * A credential a finding is about, as detectors hand it to the verifier. It holds a hash of the
 * secret, never the secret: the verifier finds the value in the scan's secret registry by it, so a
 * finding printed or serialised by mistake leaks nothing usable.
 */
export interface CredentialRef {
  /** SHA-256 (hex) of the secret; the key that makes "at most one request per credential" hold. */
  id: string;
  kind: CredentialKind;
  access: Access;
  /** False for a real-looking value under a credential name that has no known Upstash shape. */
  shaped: boolean;
  /**
   * The endpoint written beside it (the REST URL of the same env file or `new Redis({ url })`, a
   * QSTASH_URL, the host of a rediss:// URL), as found: the verifier's host policy judges it.
   */
  url?: string;
}

/** SARIF `properties.verification` values. */
export type Verdict = "live" | "revoked" | "unknown" | "not-checked";

/** The verdict on one credential of a finding. */
export interface CredentialVerdict {
  verdict: Verdict;
  /** The credential's redacted form (`AX5z…(62 chars)`). */
  shown: string;
  /** What was asked and what came back, or why nothing was asked; never secret. */
  detail: string;
}

/** What verification concluded about a finding (the combined verdict of its credentials). */
export interface FindingVerification {
  verdict: Verdict;
  /** ISO 8601 time of the first answer or failure, when a request was made. */
  checkedAt?: string;
  credentials: CredentialVerdict[];
}

/** Distinct credentials per verdict, for the text card, the job summary and JSON. */
export interface VerificationSummary {
  live: number;
  revoked: number;
  unknown: number;
  notChecked: number;
  /** Requests actually sent. */
  requests: number;
}
