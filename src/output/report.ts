/**
 * The one model every output format is rendered from (text, compact, JSON, JUnit and SARIF): which
 * findings, in which order, with which severity, location and suppression state. The JSON format is
 * this model as it is; its shape is published as src/output/report.schema.json (`version` below).
 *
 * Every path in it is relative to the source root (the repository root, or the scanned root outside
 * git), with `/` separators; every location has the same shape.
 */
import * as path from "node:path";
import { severityOf } from "../rules/index";
import type {
  Confidence,
  Finding,
  Location,
  Notification,
  RuleId,
  ScanStats,
  Severity,
  SuppressionNote,
  SuppressionRecord,
} from "../engine/types";
import { scrubShapes } from "../secrets/redact";
import type { FindingVerification, VerificationSummary } from "../verify/types";
import { TOOL_NAME, VERSION } from "../version";
import { countFindings, type SeverityCounts } from "./gate";

/** The JSON format's version: the minor grows with added fields, the major with any other change. */
export const REPORT_VERSION = "1.1.0";
export const REPORT_SCHEMA_URL =
  "https://raw.githubusercontent.com/upstash-scan/upstash-scan/main/src/output/report.schema.json";

/** A place in the scanned tree: 1-based lines and columns (UTF-16 code units). */
export interface ReportLocation {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface ReportRelated extends ReportLocation {
  message?: string;
}

export interface ReportSuppression {
  kind: "inline" | "baseline";
  reason: string;
  /** YYYY-MM-DD: the day (UTC) it stops applying. */
  expires?: string;
  /** Inline: the comment's place. */
  location?: ReportLocation;
  /** Baseline: the baseline file. */
  source?: string;
}

export interface ReportFinding extends ReportLocation {
  rule: RuleId;
  check: string;
  severity: Severity;
  confidence: Confidence;
  message: string;
  fingerprint: string;
  excerpt?: string;
  related?: ReportRelated[];
  /** Hidden by this suppression: it does not gate and is not uploaded as open. */
  suppressed?: ReportSuppression;
  /** Was hidden by this suppression until its date passed: reported again. */
  expiredSuppression?: ReportSuppression;
  /** `--verify`: whether the credentials of the finding still work. */
  verification?: FindingVerification;
}

export interface Report {
  $schema: string;
  version: string;
  tool: { name: string; version: string };
  /** Absolute path every other path is relative to. */
  srcRoot: string;
  /** The scanned paths ("." for the source root itself). */
  scanned: string[];
  startedAt: string;
  finishedAt: string;
  summary: SeverityCounts;
  findings: ReportFinding[];
  /** `--verify`: distinct credentials per verdict. */
  verification?: VerificationSummary;
  notifications: Notification[];
  stats: ScanStats;
  internalErrors: number;
}

/** The `--list-suppressions` document. */
export interface SuppressionList {
  $schema: string;
  version: string;
  tool: { name: string; version: string };
  srcRoot: string;
  suppressions: SuppressionRecord[];
}

/** What the model is built from: a scan result (or the parts of one a caller has). */
export interface ReportInput {
  srcRoot: string;
  roots?: string[];
  findings: readonly Finding[];
  notifications: readonly Notification[];
  stats: ScanStats;
  startedAt: Date;
  finishedAt: Date;
  internalErrors?: number;
  suppressions?: readonly SuppressionRecord[];
  verification?: VerificationSummary;
  /** Redacts what the scan knows to be secret; reasons and messages go through it once more. */
  secrets?: { scrub(text: string): string };
}

export function toLocation(loc: Location): ReportLocation {
  const r = loc.range;
  return {
    file: loc.file,
    startLine: r.startLine,
    startColumn: r.startColumn,
    endLine: r.endLine,
    endColumn: r.endColumn,
  };
}

/** A root's path as the outputs show it: relative to the source root, "." for the root itself. */
export function shownRoot(srcRoot: string, root: string): string {
  return path.relative(srcRoot, root).split(path.sep).join("/") || ".";
}

export function toReport(input: ReportInput): Report {
  const scrub = (s: string) => (input.secrets ? input.secrets.scrub(s) : scrubShapes(s));
  const suppression = (s: SuppressionNote): ReportSuppression => ({
    kind: s.kind,
    reason: scrub(s.reason),
    ...(s.expires ? { expires: s.expires } : {}),
    ...(s.location ? { location: toLocation(s.location) } : {}),
    ...(s.source ? { source: s.source } : {}),
  });
  return {
    $schema: REPORT_SCHEMA_URL,
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    srcRoot: input.srcRoot,
    scanned: (input.roots ?? [input.srcRoot]).map((r) => shownRoot(input.srcRoot, r)),
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    summary: countFindings(input.findings),
    findings: input.findings.map((f) => ({
      rule: f.rule,
      check: f.check,
      severity: severityOf(f),
      confidence: f.confidence,
      ...toLocation(f.location),
      message: scrub(f.message),
      fingerprint: f.fingerprint ?? "",
      ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
      ...(f.related?.length
        ? {
            related: f.related.map((l) => ({
              ...toLocation(l),
              ...(l.message !== undefined ? { message: scrub(l.message) } : {}),
            })),
          }
        : {}),
      ...(f.suppressed ? { suppressed: suppression(f.suppressed) } : {}),
      ...(f.expiredSuppression ? { expiredSuppression: suppression(f.expiredSuppression) } : {}),
      ...(f.verification ? { verification: f.verification } : {}),
    })),
    ...(input.verification ? { verification: input.verification } : {}),
    notifications: input.notifications.map((n) => ({ ...n, message: scrub(n.message) })),
    stats: input.stats,
    internalErrors: input.internalErrors ?? 0,
  };
}

export function toSuppressionList(input: ReportInput): SuppressionList {
  const scrub = (s: string) => (input.secrets ? input.secrets.scrub(s) : scrubShapes(s));
  return {
    $schema: REPORT_SCHEMA_URL,
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    srcRoot: input.srcRoot,
    suppressions: (input.suppressions ?? []).map((s) => ({
      kind: s.kind,
      rules: s.rules,
      file: s.file,
      ...(s.line !== undefined ? { line: s.line, target: s.target } : {}),
      ...(s.fingerprint !== undefined ? { fingerprint: s.fingerprint } : {}),
      ...(s.source !== undefined ? { source: s.source } : {}),
      reason: scrub(s.reason),
      ...(s.expires ? { expires: s.expires } : {}),
      status: s.status,
      matches: s.matches,
    })),
  };
}

/**
 * "2 distinct credentials in 5 findings: revoke each once, and remove every copy." — for the text card
 * and the job summary; undefined when no open finding is about a credential value.
 */
export function credentialsLine(findings: readonly Finding[]): string | undefined {
  const open = findings.filter((f) => !f.suppressed && f.credentials?.length);
  const n = countFindings(open).credentials;
  if (n === 0) return undefined;
  const each = n === 1 ? "revoke it once" : "revoke each once";
  return `${plural(n, "distinct credential")} in ${plural(open.length, "finding")}: ${each}, and remove every copy.`;
}

/** "1 file", "2 files". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** One line of text: control characters (a newline in a file name, say) written as escapes. */
export function oneLine(s: string): string {
  return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
