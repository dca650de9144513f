/** Shared reporting pieces of the rule's checks: what a candidate becomes as a finding. */
import type { Confidence, Location, Severity } from "../../../engine/types";
import type { Candidate } from "./candidates";
import type { CredentialRef } from "../../../verify/types";

/** A finding prepared in the file phase and reported in the project phase. */
export interface PendingFinding {
  check: string;
  at: Location;
  message: string;
  confidence: Confidence;
  severity?: Severity;
  kind: Candidate["kind"];
  access: Candidate["access"];
  ref: CredentialRef;
}

/**
 * Confidence and severity of a candidate: read-only credentials are a lower risk than write ones.
 * (Test code is the engine's business: the configuration's `tests:` settings lower or drop findings
 * there for every rule.)
 */
export function grade(c: Candidate): { confidence: Confidence; severity?: Severity } {
  return c.access === "read-only" ? { confidence: c.confidence, severity: "low" } : { confidence: c.confidence };
}

/** .env.example / .sample / .template / .dist: the same test the engine's project facts use. */
export function isEnvTemplate(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  return /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./.test(base);
}

export const REVOKE = "Revoke it in the Upstash console (it must be treated as leaked)";
