/**
 * Terminal output: a summary card counting findings per severity (as the guide's header does), then
 * one section per guide risk with its findings, then what the scan read and could not read.
 */
import * as path from "node:path";
import { RULES, severityOf } from "../rules/index";
import type { Finding } from "../engine/types";
import type { ScanResult } from "../engine/scan";
import { TOOL_NAME, VERSION } from "../version";
import { countFindings } from "./gate";
import { verificationLine } from "../verify/index";

export interface TextOptions {
  color: boolean;
  /** Directory paths are shown relative to (the user's working directory). */
  cwd: string;
  /** Notifications listed one by one before they are summarised as a count. */
  maxNotifications?: number;
}

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  magenta: "\x1b[35m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
  green: "\x1b[32m",
};
const SEVERITY_COLOR = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.cyan } as const;

export function formatText(result: ScanResult, options: TextOptions): string {
  const c = (code: string, s: string) => (options.color ? code + s + ANSI.reset : s);
  const rel = (file: string) => path.relative(options.cwd, path.join(result.srcRoot, file)) || file;
  const counts = countFindings(result.findings);
  const out: string[] = [];
  const scanned = result.roots.map((r) => path.relative(options.cwd, r) || ".").join(", ");
  out.push(c(ANSI.bold, `${TOOL_NAME} ${VERSION}`) + c(ANSI.dim, ` · ${scanned}`));
  out.push("");
  const cells = (["critical", "high", "medium", "low"] as const).map((s) => {
    const label = `${counts[s]} ${s[0]!.toUpperCase()}${s.slice(1)}`;
    return counts[s] > 0 ? c(ANSI.bold + SEVERITY_COLOR[s], label) : c(ANSI.dim, label);
  });
  const plain = (["critical", "high", "medium", "low"] as const).map((s) => `${counts[s]} ${s}`).join("   ");
  const width = plain.length + 4;
  out.push(`╭${"─".repeat(width)}╮`);
  out.push(`│  ${cells.join("   ")}  │`);
  out.push(`╰${"─".repeat(width)}╯`);
  if (result.verification) {
    const line = verificationLine(result.verification);
    out.push(result.verification.live > 0 ? c(ANSI.bold + ANSI.red, line) : line);
  }
  out.push("");

  for (const rule of RULES) {
    const findings = result.findings.filter((f) => f.rule === rule.id);
    const open = findings.filter((f) => !f.suppressed);
    const head = `#${rule.number} ${rule.title}`;
    if (findings.length === 0) {
      out.push(c(ANSI.green, "✓ ") + head + c(ANSI.dim, ` — no findings (${rule.id})`));
      continue;
    }
    const sev = rule.severity;
    out.push(
      c(ANSI.bold + SEVERITY_COLOR[sev], `● ${head}`) +
        c(
          ANSI.dim,
          ` — ${open.length} finding${open.length === 1 ? "" : "s"}${findings.length > open.length ? `, ${findings.length - open.length} suppressed` : ""} · ${rule.id}`,
        ),
    );
    out.push(c(ANSI.dim, `  severity ${sev} · likelihood ${rule.likelihood} · impact ${rule.impact}`));
    out.push(c(ANSI.dim, `  Mitigation: ${rule.mitigation}`));
    for (const f of findings) out.push(...formatFinding(f, rel, c));
    out.push("");
  }
  if (RULES.every((r) => !result.findings.some((f) => f.rule === r.id))) out.push("");

  const max = options.maxNotifications ?? 20;
  if (result.notifications.length) {
    out.push(c(ANSI.bold, "Scan notes"));
    for (const n of result.notifications.slice(0, max))
      out.push(`  ${n.level}: ${n.file ? rel(n.file) + ": " : ""}${n.message}`);
    if (result.notifications.length > max)
      out.push(`  … and ${result.notifications.length - max} more (see the SARIF or JSON output)`);
    out.push("");
  }
  const s = result.stats;
  const seconds = ((result.finishedAt.getTime() - result.startedAt.getTime()) / 1000).toFixed(2);
  out.push(
    c(
      ANSI.dim,
      `Scanned ${s.discovered} files in ${seconds} s: ${s.read} read, ${s.prefilteredOut} prefiltered out, ${s.parsed} parsed, ${s.skipped} skipped or partly scanned.`,
    ),
  );
  return out.join("\n") + "\n";
}

function formatFinding(f: Finding, rel: (file: string) => string, c: (code: string, s: string) => string): string[] {
  const r = f.location.range;
  const sev = severityOf(f);
  const tag = f.suppressed ? c(ANSI.dim, `[suppressed: ${f.suppressed.reason}] `) : "";
  const verdict = f.verification ? ` · ${f.verification.verdict}` : "";
  const lines = [
    `  ${c(ANSI.bold, `${rel(f.location.file)}:${r.startLine}:${r.startColumn}`)}  ${c(SEVERITY_COLOR[sev], sev)} ${c(ANSI.dim, `${f.check} · ${f.confidence} confidence${verdict}`)}`,
    `    ${tag}${f.message}`,
  ];
  if (f.excerpt) lines.push(c(ANSI.dim, `    ${String(r.startLine).padStart(5)} │ ${f.excerpt}`));
  for (const loc of f.related ?? []) {
    lines.push(c(ANSI.dim, `      ↳ ${rel(loc.file)}:${loc.range.startLine}${loc.message ? ` — ${loc.message}` : ""}`));
  }
  return lines;
}
