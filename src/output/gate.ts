/** Counting findings per severity and deciding whether they fail the run (CLI and Action alike). */
import { severityOf } from "../rules/index";
import { SEVERITIES, type Finding, type Severity } from "../engine/types";
import type { ChangedLines } from "../engine/changed-lines";
import { countCredentials } from "../secrets/repeated";

export type FailOn = Severity | "none";
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, "none"];

/**
 * Open findings per severity, suppressed ones apart, and the distinct credentials the open ones are
 * about (one token pasted into three files is three findings and one credential to revoke).
 */
export type SeverityCounts = Record<Severity, number> & { total: number; suppressed: number; credentials: number };

export function countFindings(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, total: 0, suppressed: 0, credentials: 0 };
  for (const f of findings) {
    if (f.suppressed) {
      counts.suppressed++;
      continue;
    }
    counts[severityOf(f)]++;
    counts.total++;
  }
  counts.credentials = countCredentials(findings.filter((f) => !f.suppressed));
  return counts;
}

export type GateOn = "all" | "new";

/**
 * Findings that fail the run: not suppressed, at or above the threshold and, when `changed` is given
 * (gate-on: new), on a line the change touched.
 */
export function gatingFindings(findings: readonly Finding[], failOn: FailOn, changed?: ChangedLines): Finding[] {
  if (failOn === "none") return [];
  const limit = SEVERITIES.indexOf(failOn);
  return findings.filter(
    (f) =>
      !f.suppressed &&
      SEVERITIES.indexOf(severityOf(f)) <= limit &&
      (!changed || changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine)),
  );
}
