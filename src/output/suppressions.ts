/**
 * `--list-suppressions` as text: every inline suppression and baseline entry, where it is, what it
 * names, why, until when, and whether it still hides something (a central list, as auditors ask).
 */
import type { SuppressionRecord } from "../engine/types";
import { TOOL_NAME, VERSION } from "../version";
import { oneLine, plural, toSuppressionList, type ReportInput } from "./report";

const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", green: "\x1b[32m", yellow: "\x1b[33m" };

function where(s: SuppressionRecord): string {
  if (s.kind === "inline") return `${oneLine(s.file)}:${s.line}`;
  return `${oneLine(s.source ?? "baseline")} → ${oneLine(s.file)} (fingerprint ${s.fingerprint?.slice(0, 12)})`;
}

function status(s: SuppressionRecord): string {
  const matches = plural(s.matches, "match", "matches");
  if (s.status === "expired")
    return `expired on ${s.expires}${s.matches ? ` · ${matches}, reported again` : " · matches nothing"}`;
  if (s.status === "unused") return "unused · matches nothing";
  return `active · ${matches}${s.expires ? ` · until ${s.expires}` : ""}`;
}

export function formatSuppressionsText(result: ReportInput, options: { color: boolean }): string {
  const c = (code: string, s: string) => (options.color ? code + s + ANSI.reset : s);
  const list = toSuppressionList(result).suppressions;
  const count = (st: SuppressionRecord["status"]) => list.filter((s) => s.status === st).length;
  const out = [
    c(ANSI.bold, `${TOOL_NAME} ${VERSION}`) + c(ANSI.dim, ` · ${oneLine(result.srcRoot)}`),
    "",
    `${plural(list.length, "suppression")}: ${count("active")} active, ${count("expired")} expired, ${count("unused")} unused`,
  ];
  for (const s of list) {
    const paint = s.status === "active" ? ANSI.green : s.status === "expired" ? ANSI.yellow : ANSI.dim;
    out.push("");
    out.push(`  ${c(ANSI.bold, where(s))}  ${s.rules.join(", ")}  ${c(paint, status(s))}`);
    out.push(`    ${s.reason ? oneLine(s.reason) : c(ANSI.dim, "(no reason recorded)")}`);
  }
  return out.join("\n") + "\n";
}
