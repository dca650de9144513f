/**
 * The job summary: the verdict, a card per guide risk (found or not, counts, likelihood, impact,
 * mitigation, links to its findings), the findings table with links to the lines at the scanned
 * commit, what was scanned, and what became of the upload. Pure: markdown in, no I/O.
 */
import { RULES, ruleById, severityOf } from "../rules/index";
import type { Finding, Notification, ScanStats, Severity } from "../engine/types";
import type { FailOn, SeverityCounts } from "../output/gate";
import type { UploadReport } from "./upload";
import { TOOL_NAME, VERSION } from "../version";
import { DOCS_BASE } from "../rules/index";
import { verificationLine, type VerificationSummary } from "../verify/index";
import { credentialsLine } from "../output/report";

/** GitHub rejects a step summary over 1 MiB; stay well below it. */
export const SUMMARY_BUDGET_BYTES = 1_000_000;

/** For links to the lines: `${serverUrl}/${repository}/blob/${sha}/${file}#L…`. */
export interface SummaryLinks {
  serverUrl: string;
  repository: string;
  sha: string;
}

export interface SummaryInput {
  findings: readonly Finding[];
  notifications: readonly Notification[];
  stats: ScanStats;
  /** Set when credentials were verified (input `verify`). */
  verification?: VerificationSummary;
  counts: SeverityCounts;
  failOn: FailOn;
  gating: number;
  /** What was scanned, as the user wrote it. */
  scanned: string;
  sarifFile: string;
  upload: UploadReport;
  links?: SummaryLinks;
  /** Applied to every text that comes from the scan. */
  scrub: (text: string) => string;
  budgetBytes?: number;
}

export const ICON: Record<Severity, string> = { critical: "🟣", high: "🔴", medium: "🟠", low: "🟡" };

/** Text safe inside markdown (and table cells): no HTML, no links or images, no emphasis from the scanned code. */
export function md(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\`*_[\]|~])/g, "\\$1")
    .replace(/\r?\n/g, " ");
}

function fileUrl(links: SummaryLinks, file: string, start: number, end: number): string {
  // Parentheses too: an unencoded ")" would end the markdown link early.
  const path = file
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/\(/g, "%28").replace(/\)/g, "%29"))
    .join("/");
  return `${links.serverUrl}/${links.repository}/blob/${links.sha}/${path}#L${start}${end > start ? `-L${end}` : ""}`;
}

/** `file:line`, linked to the line at the scanned commit when links are known. */
export function place(f: Finding, links: SummaryLinks | undefined): string {
  const r = f.location.range;
  const label = md(`${f.location.file}:${r.startLine}`);
  return links ? `[${label}](${fileUrl(links, f.location.file, r.startLine, r.endLine)})` : label;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function renderSummary(input: SummaryInput): string {
  const budget = input.budgetBytes ?? SUMMARY_BUDGET_BYTES;
  const { counts, links } = input;
  const open = input.findings.filter((f) => !f.suppressed);
  const head: string[] = [];
  head.push(
    `## ${TOOL_NAME}: ${(["critical", "high", "medium", "low"] as const).map((s) => `${counts[s]} ${s}`).join(" · ")}`,
  );
  head.push("");
  const verdict =
    input.failOn === "none"
      ? "The gate is off (`fail-on: none`)."
      : input.gating > 0
        ? `❌ **${plural(input.gating, "finding")} at or above \`${input.failOn}\`** fail${input.gating === 1 ? "s" : ""} this step.`
        : `✅ Nothing at or above \`${input.failOn}\`.`;
  const suppressed = counts.suppressed ? ` (${counts.suppressed} suppressed)` : "";
  const credentials = credentialsLine(input.findings);
  if (credentials) {
    head.push(md(credentials));
    head.push("");
  }
  if (input.verification) {
    head.push(
      `${input.verification.live > 0 ? "🚨 **" : ""}${verificationLine(input.verification)}${input.verification.live > 0 ? "**" : ""}`,
    );
    head.push("");
  }
  head.push(
    `${plural(counts.total, "open finding")}${suppressed} in \`${md(input.scanned)}\`${links ? ` at ${links.sha.slice(0, 7)}` : ""}. ${verdict}`,
  );
  head.push("");

  // One card per guide risk, in the guide's order.
  head.push("### The five Upstash risks");
  head.push("");
  for (const rule of RULES) {
    const mine = open.filter((f) => f.rule === rule.id);
    const hidden = input.findings.filter((f) => f.rule === rule.id && f.suppressed).length;
    const status = mine.length ? `${ICON[rule.severity]} **${plural(mine.length, "finding")}**` : "✅ not found";
    head.push(`#### #${rule.number} ${rule.title} — ${status}${hidden ? ` (${hidden} suppressed)` : ""}`);
    head.push("");
    head.push(
      `Severity **${rule.severity}** · likelihood ${rule.likelihood} · impact ${rule.impact} · [\`${rule.id}\`](${DOCS_BASE}/${rule.slug}.md)`,
    );
    head.push("");
    head.push(`> **Mitigation:** ${md(rule.mitigation)}`);
    if (mine.length) {
      const shown = mine.slice(0, 10).map((f) => place(f, links));
      head.push("");
      head.push(
        `Found at ${shown.join(", ")}${mine.length > shown.length ? ` and ${mine.length - shown.length} more (table below)` : ""}.`,
      );
    }
    head.push("");
  }

  const tail: string[] = [];
  tail.push("### Scan");
  tail.push("");
  const s = input.stats;
  tail.push(
    `${plural(s.discovered, "file")} discovered: ${s.read} read, ${s.prefilteredOut} prefiltered out (nothing Upstash-related), ${s.parsed} parsed, ${s.skipped} skipped or partly scanned. SARIF: \`${md(input.sarifFile)}\`.`,
  );
  if (input.notifications.length) {
    tail.push("");
    tail.push(`<details><summary>${plural(input.notifications.length, "scan note")}</summary>`);
    tail.push("");
    for (const n of input.notifications.slice(0, 50))
      tail.push(`- ${n.level}: ${n.file ? `\`${md(n.file)}\`: ` : ""}${md(input.scrub(n.message))}`);
    if (input.notifications.length > 50) tail.push(`- … and ${input.notifications.length - 50} more in the SARIF file`);
    tail.push("");
    tail.push("</details>");
  }
  tail.push("");
  tail.push("### Code scanning upload");
  tail.push("");
  tail.push(uploadLine(input));
  tail.push("");
  tail.push(`<sub>${TOOL_NAME} ${VERSION}</sub>`);
  tail.push("");

  const table: string[] = [];
  if (open.length) {
    table.push("### Findings");
    table.push("");
    table.push("| Severity | Risk | Location | Finding |");
    table.push("|---|---|---|---|");
  }
  const fixed = Buffer.byteLength(head.join("\n") + tail.join("\n") + table.join("\n")) + 400;
  let used = fixed;
  let rows = 0;
  for (const f of open) {
    const sev = severityOf(f);
    const row = `| ${ICON[sev]} ${sev} | ${ruleById(f.rule).title} (\`${md(f.check)}\`) | ${place(f, links)} | ${md(input.scrub(f.message))} |`;
    const bytes = Buffer.byteLength(row) + 1;
    if (used + bytes > budget) break;
    used += bytes;
    table.push(row);
    rows++;
  }
  if (rows < open.length) {
    table.push("");
    table.push(
      `… and ${open.length - rows} more findings, left out to keep this summary within GitHub's 1 MiB limit: they are all in the SARIF file.`,
    );
  }
  if (open.length) table.push("");
  return [...head, ...table, ...tail].join("\n");
}

function uploadLine(input: SummaryInput): string {
  const u = input.upload;
  switch (u.state) {
    case "disabled":
      return "Not uploaded (`upload: false`).";
    case "skipped":
      return `Not uploaded: ${u.reason}.`;
    case "refused":
      return `⚠️ ${u.refusal.message}`;
    case "failed":
      return `❌ ${u.message}`;
    case "uploaded": {
      const alerts = input.links
        ? ` [Code scanning alerts](${input.links.serverUrl}/${input.links.repository}/security/code-scanning?query=${encodeURIComponent(`is:open tool:${TOOL_NAME}`)}).`
        : "";
      const base = `Uploaded as analysis \`${md(u.id)}\` for \`${md(u.target.ref)}\` at ${u.target.sha.slice(0, 7)}.`;
      const p = u.processing;
      if (!p) return `${base} Not waiting for processing (\`wait-for-processing: false\`).${alerts}`;
      if (p.status === "complete") return `✅ ${base} GitHub has processed it.${alerts}`;
      if (p.status === "failed") return `❌ ${base} GitHub could not process it: ${p.errors.map(md).join("; ")}`;
      if (p.status === "timeout")
        return `${base} GitHub was still processing it after ${Math.round(p.waitedMs / 1000)} s; it finishes in the background.${alerts}`;
      return `${base} Its processing status could not be checked (${md(p.error)}).${alerts}`;
    }
  }
}
