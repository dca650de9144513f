/**
 * SARIF 2.1.0 for GitHub code scanning. Pure: a scan result in, a log object out. Deterministic: the
 * same tree gives the same bytes except for the timestamps in `invocations`.
 */
import type * as Sarif from "sarif";
import { RULES, DOCS_BASE, ruleById, severityOf } from "../rules/index";
import type { RuleMeta } from "../rules/types";
import type { Finding, Location, Notification, ScanStats, Severity } from "../engine/types";
import { INFORMATION_URI, TOOL_NAME, VERSION } from "../version";
import { capResults, GITHUB_LIMITS } from "./limits";

export const SRCROOT = "%SRCROOT%";

export interface SarifInput {
  srcRoot: string;
  findings: readonly Finding[];
  notifications: readonly Notification[];
  stats: ScanStats;
  startedAt: Date;
  finishedAt: Date;
  internalErrors?: number;
}

export interface SarifOptions {
  /** automationDetails category; default "upstash-scan". */
  category?: string;
}

export function levelOf(severity: Severity): Sarif.ReportingConfiguration.level {
  return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}

/** Path segments percent-encoded, so spaces and non-ASCII names are valid URI references. */
export function fileUri(rel: string): string {
  return rel.split("/").map(encodeURIComponent).join("/");
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

function physical(loc: Location): Sarif.PhysicalLocation {
  const r = loc.range;
  return {
    artifactLocation: { uri: fileUri(loc.file), uriBaseId: SRCROOT },
    region: {
      startLine: r.startLine,
      startColumn: r.startColumn,
      endLine: r.endLine,
      endColumn: Math.max(r.endColumn, r.startLine === r.endLine ? r.startColumn + 1 : 1),
    },
  };
}

function result(f: Finding): Sarif.Result {
  const rule = ruleById(f.rule);
  const severity = severityOf(f);
  const out: Sarif.Result = {
    ruleId: f.rule,
    ruleIndex: RULES.indexOf(rule),
    level: levelOf(severity),
    message: { text: f.message },
    locations: [{ physicalLocation: physical(f.location) }],
    partialFingerprints: { primaryLocationLineHash: f.fingerprint ?? "" },
    properties: {
      check: f.check,
      confidence: f.confidence,
      severity,
      ...(f.verification
        ? {
            verification: f.verification.verdict,
            ...(f.verification.checkedAt ? { verifiedAt: f.verification.checkedAt } : {}),
          }
        : {}),
    },
  };
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

/** The SARIF log for a scan. Suppressed findings are left out: code scanning would show them as open. */
export function buildSarif(input: SarifInput, options: SarifOptions = {}): Sarif.Log {
  const open = input.findings.filter((f) => !f.suppressed);
  const { kept, dropped } = capResults(open);
  const notifications = [...input.notifications];
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
              suppressedFindings: input.findings.length - open.length,
            },
          },
        ],
        columnKind: "utf16CodeUnits",
        results: kept.map(result),
      },
    ],
  };
}
