/**
 * Terminal output: a summary card counting findings per severity (as the guide's header does), then
 * one section per guide risk with its findings, then what the scan read and could not read. Paths are
 * relative to the source root named in the first line, as in every other format.
 */
import { RULES } from "../rules/index";
import { TOOL_NAME, VERSION } from "../version";
import {
  credentialsLine,
  oneLine,
  plural,
  toReport,
  type ReportFinding,
  type ReportInput,
  type ReportSuppression,
} from "./report";
import { verificationLine } from "../verify/index";

export interface TextOptions {
  color: boolean;
  /** Findings only: no header, card, empty sections, scan notes or footer; suppressed findings left out. */
  quiet?: boolean;
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
type Paint = (code: string, s: string) => string;

export function formatText(result: ReportInput, options: TextOptions): string {
  const report = toReport(result);
  const c: Paint = (code, s) => (options.color ? code + s + ANSI.reset : s);
  const quiet = options.quiet ?? false;
  const counts = report.summary;
  const out: string[] = [];
  if (!quiet) {
    const scanned =
      report.scanned.length === 1 && report.scanned[0] === "." ? "" : ` · scanned ${report.scanned.join(", ")}`;
    out.push(c(ANSI.bold, `${TOOL_NAME} ${VERSION}`) + c(ANSI.dim, ` · ${oneLine(report.srcRoot)}${oneLine(scanned)}`));
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
    const credentials = credentialsLine(result.findings);
    if (credentials) out.push(credentials);
    if (report.verification) {
      const line = verificationLine(report.verification);
      out.push(report.verification.live > 0 ? c(ANSI.bold + ANSI.red, line) : line);
    }
    out.push("");
  }

  for (const rule of RULES) {
    const all = report.findings.filter((f) => f.rule === rule.id);
    const findings = quiet ? all.filter((f) => !f.suppressed) : all;
    const open = all.filter((f) => !f.suppressed);
    const head = `#${rule.number} ${rule.title}`;
    if (findings.length === 0) {
      if (!quiet) out.push(c(ANSI.green, "✓ ") + head + c(ANSI.dim, ` — no findings (${rule.id})`));
      continue;
    }
    const sev = rule.severity;
    const hidden = all.length - open.length;
    out.push(
      c(ANSI.bold + SEVERITY_COLOR[sev], `● ${head}`) +
        c(
          ANSI.dim,
          ` — ${plural(open.length, "finding")}${hidden && !quiet ? `, ${hidden} suppressed` : ""} · ${rule.id}`,
        ),
    );
    out.push(c(ANSI.dim, `  severity ${sev} · likelihood ${rule.likelihood} · impact ${rule.impact}`));
    out.push(c(ANSI.dim, `  Mitigation: ${rule.mitigation}`));
    for (const f of findings) out.push(...formatFinding(f, c));
    out.push("");
  }
  if (quiet) return out.length ? out.join("\n") + "\n" : "";
  if (report.findings.length === 0) out.push("");

  const max = options.maxNotifications ?? 20;
  if (report.notifications.length) {
    out.push(c(ANSI.bold, "Scan notes"));
    for (const n of report.notifications.slice(0, max))
      out.push(`  ${n.level}: ${n.file ? oneLine(n.file) + ": " : ""}${oneLine(n.message)}`);
    if (report.notifications.length > max)
      out.push(`  … and ${report.notifications.length - max} more (see the SARIF or JSON output)`);
    out.push("");
  }
  const s = report.stats;
  const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(2);
  out.push(
    c(
      ANSI.dim,
      `Scanned ${plural(s.discovered, "file")} in ${seconds} s: ${s.read} read, ${s.prefilteredOut} prefiltered out, ${s.parsed} parsed, ${s.skipped} skipped or partly scanned.`,
    ),
  );
  return out.join("\n") + "\n";
}

/** "[suppressed until 2027-03-01: reason] " and the like, before a finding's message. */
export function suppressionTag(f: ReportFinding): string {
  const until = (s: ReportSuppression) => (s.expires ? ` until ${s.expires}` : "");
  if (f.suppressed) return `[suppressed${until(f.suppressed)}: ${f.suppressed.reason}] `;
  if (f.expiredSuppression)
    return `[suppression expired on ${f.expiredSuppression.expires}: ${f.expiredSuppression.reason}] `;
  return "";
}

function formatFinding(f: ReportFinding, c: Paint): string[] {
  const tag = suppressionTag(f);
  const verdict = f.verification ? ` · ${f.verification.verdict}` : "";
  const lines = [
    `  ${c(ANSI.bold, `${oneLine(f.file)}:${f.startLine}:${f.startColumn}`)}  ${c(SEVERITY_COLOR[f.severity], f.severity)} ${c(ANSI.dim, `${f.check} · ${f.confidence} confidence${verdict}`)}`,
    `    ${tag ? c(f.suppressed ? ANSI.dim : ANSI.yellow, oneLine(tag)) : ""}${oneLine(f.message)}`,
  ];
  if (f.excerpt) lines.push(c(ANSI.dim, `    ${String(f.startLine).padStart(5)} │ ${oneLine(f.excerpt)}`));
  for (const loc of f.related ?? []) {
    lines.push(
      c(ANSI.dim, `      ↳ ${oneLine(loc.file)}:${loc.startLine}${loc.message ? ` — ${oneLine(loc.message)}` : ""}`),
    );
  }
  return lines;
}
