/**
 * SARIF 2.1.0 for GitHub code scanning. Pure: a scan result in, a log object out, rendered from the
 * same report model as every other format (output/report.ts). Deterministic: the same tree gives the
 * same bytes except for the timestamps in `invocations`.
 */
import type * as Sarif from "sarif";
import { RULES, DOCS_BASE, ruleById } from "../rules/index";
import type { RuleMeta } from "../rules/types";
import type { Notification, Severity } from "../engine/types";
import {
  toReport,
  type ReportFinding,
  type ReportInput,
  type ReportLocation,
  type ReportSuppression,
} from "../output/report";
import { INFORMATION_URI, TOOL_NAME, VERSION } from "../version";
import { capResults, GITHUB_LIMITS } from "./limits";

export const SRCROOT = "%SRCROOT%";

export type SarifInput = ReportInput;

export interface SarifOptions {
  /** automationDetails category; default "upstash-scan". */
  category?: string;
  /**
   * include: suppressed findings are written too, with SARIF `suppressions` (an audit trail; code
   * scanning would not show them as open). exclude (default): they are left out.
   */
  suppressed?: "include" | "exclude";
  /** Fixes of fixable findings by `fixKey` (src/fix/sarif.ts makes them). */
  fixes?: ReadonlyMap<string, Sarif.Fix[]>;
}

/** Which finding a fix belongs to: its rule, check and where it starts. */
export function fixKey(f: Pick<ReportFinding, "rule" | "check" | "file" | "startLine" | "startColumn">): string {
  return `${f.rule}/${f.check}@${f.file}:${f.startLine}:${f.startColumn}`;
}

export function levelOf(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

/**
 * A relative path as an RFC 3986 URI reference: each segment percent-encoded except for what a path
 * segment may hold as it is (unreserved characters, sub-delims such as SvelteKit's `+`, `:` and `@`).
 * A reserved character and its percent-encoding are different URIs to a consumer that compares them
 * unnormalised, so `+server.ts` stays `+server.ts`. A `:` in the first segment would read as a scheme,
 * so that one is encoded.
 */
export function fileUri(rel: string): string {
  return rel
    .split("/")
    .map((segment, i) =>
      encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|40|3A)/g, (m, hex: string) =>
        hex === "3A" && i === 0 ? m : String.fromCharCode(parseInt(hex, 16)),
      ),
    )
    .join("/");
}

function rootUri(abs: string): string {
  const posix = abs.split("\\").join("/");
  const withSlash = posix.endsWith("/") ? posix : posix + "/";
  return "file://" + (withSlash.startsWith("/") ? "" : "/") + withSlash.split("/").map(encodeURIComponent).join("/");
}

function ruleDescriptor(rule: RuleMeta): Sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.name,
    shortDescription: { text: rule.shortDescription },
    fullDescription: { text: rule.fullDescription },
    help: { text: rule.help.text, markdown: rule.help.markdown },
    helpUri: `${DOCS_BASE}/${rule.slug}.md`,
    defaultConfiguration: { level: levelOf(rule.severity) },
    properties: {
      severity: rule.severity,
      likelihood: rule.likelihood,
      impact: rule.impact,
      mitigation: rule.mitigation,
      "security-severity": rule.securitySeverity,
      precision: rule.precision,
      tags: ["security", "upstash", ...rule.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
    },
  };
}

function physical(r: ReportLocation): Sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: fileUri(r.file), uriBaseId: SRCROOT },
    region: {
      startLine: r.startLine,
      startColumn: r.startColumn,
      endLine: r.endLine,
      endColumn: Math.max(r.endColumn, r.startLine === r.endLine ? r.startColumn + 1 : 1),
    },
  };
}

function suppression(s: ReportSuppression): Sarif.Suppression {
  return {
    // An inline comment is in the source; a baseline entry is kept outside it.
    kind: s.kind === "inline" ? "inSource" : "external",
    status: "accepted",
    justification: s.reason,
    ...(s.location ? { location: { physicalLocation: physical(s.location) } } : {}),
    ...(s.expires || s.source
      ? { properties: { ...(s.expires ? { expires: s.expires } : {}), ...(s.source ? { baseline: s.source } : {}) } }
      : {}),
  };
}

function result(f: ReportFinding, fixes?: Sarif.Fix[]): Sarif.Result {
  const rule = ruleById(f.rule);
  const out: Sarif.Result = {
    ruleId: f.rule,
    ruleIndex: RULES.indexOf(rule),
    level: levelOf(f.severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f) }],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint },
    properties: {
      check: f.check,
      confidence: f.confidence,
      severity: f.severity,
      ...(f.verification
        ? {
            verification: f.verification.verdict,
            ...(f.verification.checkedAt ? { verifiedAt: f.verification.checkedAt } : {}),
          }
        : {}),
      ...(f.expiredSuppression
        ? {
            expiredSuppression: {
              kind: f.expiredSuppression.kind,
              reason: f.expiredSuppression.reason,
              expires: f.expiredSuppression.expires,
            },
          }
        : {}),
    },
  };
  if (f.suppressed) out.suppressions = [suppression(f.suppressed)];
  if (fixes?.length) out.fixes = fixes;
  if (f.related?.length) {
    out.relatedLocations = f.related.slice(0, GITHUB_LIMITS.locationsPerResult).map((loc, i) => ({
      id: i + 1,
      physicalLocation: physical(loc),
      ...(loc.message ? { message: { text: loc.message } } : {}),
    }));
  }
  return out;
}

function notification(n: Notification): Sarif.Notification {
  return {
    level: n.level,
    message: { text: n.message },
    descriptor: { id: n.id },
    ...(n.file
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(n.file), uriBaseId: SRCROOT } } }] }
      : {}),
  };
}

/**
 * The SARIF log for a scan. Suppressed findings are left out unless asked for (`suppressed: include`):
 * code scanning would show them as open.
 */
export function buildSarif(input: SarifInput, options: SarifOptions = {}): Sarif.Log {
  const report = toReport(input);
  const open = report.findings.filter((f) => !f.suppressed);
  const suppressed = report.findings.filter((f) => f.suppressed);
  // Open results first: when the log must be cut, suppressed ones go before any open one.
  const { kept, dropped } = capResults(options.suppressed === "include" ? [...open, ...suppressed] : open);
  const notifications = [...report.notifications];
  if (dropped > 0) {
    notifications.push({
      level: "warning",
      id: "results-capped",
      message: `${dropped} lower-severity results were left out to stay within GitHub's limit of ${GITHUB_LIMITS.resultsPerRun} results per run; see the text or JSON output for all of them.`,
    });
  }
  const category = (options.category ?? TOOL_NAME).replace(/\/+$/, "");
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            semanticVersion: VERSION,
            version: VERSION,
            informationUri: INFORMATION_URI,
            rules: RULES.map(ruleDescriptor),
          },
        },
        automationDetails: { id: `${category}/` },
        originalUriBaseIds: { [SRCROOT]: { uri: rootUri(input.srcRoot) } },
        invocations: [
          {
            executionSuccessful: (input.internalErrors ?? 0) === 0,
            startTimeUtc: input.startedAt.toISOString(),
            endTimeUtc: input.finishedAt.toISOString(),
            toolExecutionNotifications: notifications.map(notification),
            properties: {
              filesDiscovered: input.stats.discovered,
              filesRead: input.stats.read,
              filesPrefilteredOut: input.stats.prefilteredOut,
              filesParsed: input.stats.parsed,
              filesSkipped: input.stats.skipped,
              suppressedFindings: suppressed.length,
            },
          },
        ],
        columnKind: "utf16CodeUnits",
        results: kept.map((f) => result(f, options.fixes?.get(fixKey(f)))),
      },
    ],
  };
}
