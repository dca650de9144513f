/** Machine-readable output for scripts and other CI systems (not SARIF). */
import type { ScanResult } from "../engine/scan";
import { severityOf } from "../rules/index";
import { TOOL_NAME, VERSION } from "../version";
import { countFindings } from "./gate";

export function formatJson(result: ScanResult): string {
  const doc = {
    tool: { name: TOOL_NAME, version: VERSION },
    srcRoot: result.srcRoot,
    summary: countFindings(result.findings),
    findings: result.findings.map((f) => ({
      rule: f.rule,
      check: f.check,
      severity: severityOf(f),
      confidence: f.confidence,
      file: f.location.file,
      ...f.location.range,
      message: f.message,
      fingerprint: f.fingerprint,
      ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
      ...(f.related ? { related: f.related } : {}),
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
      ...(f.verification ? { verification: f.verification } : {}),
    })),
    ...(result.verification ? { verification: result.verification } : {}),
    notifications: result.notifications,
    stats: result.stats,
    internalErrors: result.internalErrors,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
