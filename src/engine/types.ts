/** Core value types shared by the engine, detectors and every output channel. */
import type { CredentialRef, FindingVerification } from "../verify/types";

export type Severity = "critical" | "high" | "medium" | "low";
export type Confidence = "high" | "medium" | "low";

/** Severities from most to least severe; index order is used for sorting and gating. */
export const SEVERITIES: readonly Severity[] = ["critical", "high", "medium", "low"];

export type RuleId =
  | "upstash/write-token-in-frontend"
  | "upstash/sensitive-data-without-ttl"
  | "upstash/qstash-webhook-spoofing"
  | "upstash/rate-limit-misconfiguration"
  | "upstash/token-rotation-neglect";

/** 1-based lines and columns; columns count UTF-16 code units (SARIF's default columnKind). */
export interface Range {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

/** A place in the scanned tree; `file` is relative to the source root, with `/` separators. */
export interface Location {
  file: string;
  range: Range;
  /** Why this place matters (used for related locations). */
  message?: string;
}

/** One problem found by a detector. Messages are redacted before they leave the engine. */
export interface Finding {
  rule: RuleId;
  /** The finer check inside the rule, e.g. "verify-not-awaited". */
  check: string;
  location: Location;
  message: string;
  confidence: Confidence;
  /** Set when this check is weaker (or stronger) than the rule's default severity. */
  severity?: Severity;
  related?: Location[];
  /** Filled by the engine: the finding's source line, redacted and shortened, for text output. */
  excerpt?: string;
  /** Filled by the engine: stable hash of the finding's line content (see sarif/fingerprint.ts). */
  fingerprint?: string;
  /** Filled by the engine when an inline suppression or baseline hides the finding. */
  suppressed?: SuppressionNote;
  /** Filled by the engine when a suppression matched but its date has passed: the finding counts again. */
  expiredSuppression?: SuppressionNote;
  /** The credentials this finding is about (rules 1 and 5): what `--verify` checks. No secret in it. */
  credentials?: CredentialRef[];
  /** Filled by `--verify`. */
  verification?: FindingVerification;
}

/** The suppression that hides (or hid, until `expires`) a finding. */
export interface SuppressionNote {
  kind: "inline" | "baseline";
  reason: string;
  /** Inline: where the comment is. */
  location?: Location;
  /** Baseline: the baseline file, relative to the source root. */
  source?: string;
  /** The day (YYYY-MM-DD, UTC) from which the suppression no longer applies. */
  expires?: string;
}

/** One suppression of the scan, for `--list-suppressions`: where it is, what it hides, whether it still does. */
export interface SuppressionRecord extends Omit<SuppressionNote, "location"> {
  /** Rule ids, optionally with a check (`upstash/<rule>/<check>`). */
  rules: string[];
  /** Inline: the file of the comment. Baseline: the file of the recorded finding. */
  file: string;
  /** Inline: the line of the comment. */
  line?: number;
  /** Inline: the line whose findings it hides. Baseline: the recorded finding's fingerprint. */
  target?: number;
  fingerprint?: string;
  /** active: hides findings; expired: its date has passed (what it matched is reported again); unused: matches nothing. */
  status: "active" | "expired" | "unused";
  /** Findings it hides (active) or matched before it expired (expired). */
  matches: number;
}

export type NotificationLevel = "error" | "warning" | "note";

/** Something the user must know about the scan itself: a skipped file, a detector crash, a cap. */
export interface Notification {
  level: NotificationLevel;
  /** Stable id, e.g. "file-too-large", "detector-error". */
  id: string;
  message: string;
  file?: string;
}

/** Counters shown in the text footer and the SARIF invocation. */
export interface ScanStats {
  /** Files the walker listed as worth reading. */
  discovered: number;
  /** Files whose text was read. */
  read: number;
  /** Files dropped by the keyword prefilter (no detector keyword in them). */
  prefilteredOut: number;
  /** Files parsed into a syntax tree. */
  parsed: number;
  /** Files not scanned, or only partially (binary, too large, minified, parse failure). */
  skipped: number;
  /** Milliseconds per phase. */
  phases: Record<string, number>;
}
