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

/** What `gate-on: new` knows about the change. Paths are as findings show them (redacted). */
export interface ChangeScope {
  /** Lines the change added or modified. */
  changed: ChangedLines;
  /**
   * Keys (see findingKey) of every finding the base of the change has, when the base could be
   * scanned; without it only changed lines count.
   */
  base?: ReadonlySet<string>;
  /** Set when the base was needed for the verdict but could not be scanned: only changed lines counted. */
  linesOnly?: true;
}

/** What identifies a finding across two scans: rule, check, file and line-content fingerprint. */
export function findingKey(f: Pick<Finding, "rule" | "check" | "location" | "fingerprint">): string {
  return `${f.rule}\0${f.check}\0${f.location.file}\0${f.fingerprint ?? ""}`;
}

/**
 * Whether a finding is new in the change: its own place or any related place (the client file that
 * now imports a module holding a token) is on a changed line, or the base of the change does not have
 * it (a deleted check, a changed dependency: new risk at an old line).
 */
export function isNew(f: Finding, scope: ChangeScope): boolean {
  const { changed } = scope;
  if (changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine)) return true;
  if (f.related?.some((l) => changed.touches(l.file, l.range.startLine, l.range.endLine))) return true;
  return scope.base !== undefined && !scope.base.has(findingKey(f));
}

/**
 * Findings that fail the run: not suppressed, at or above the threshold and, when `scope` is given
 * (gate-on: new), new in the change.
 */
export function gatingFindings(findings: readonly Finding[], failOn: FailOn, scope?: ChangeScope): Finding[] {
  if (failOn === "none") return [];
  const limit = SEVERITIES.indexOf(failOn);
  return findings.filter(
    (f) => !f.suppressed && SEVERITIES.indexOf(severityOf(f)) <= limit && (!scope || isNew(f, scope)),
  );
}
