#!/usr/bin/env node
// Aggregates the JSON results of an organisation sweep (.github/workflows/org-scan.yml) into one
// markdown summary: a card per guide risk with how many repositories have it, then a table of
// repositories, worst first. Each input file is `<owner>__<repo>.json` (the CLI's --format json) or
// `<owner>__<repo>.error` (the scan failed; its text is the reason).
// Usage: node scripts/org-summary.mjs <results-dir> [--fail-on critical|high|medium|low|none]
// Exit code 1 when a repository has findings at or above --fail-on (default none).
import * as fs from "node:fs";
import * as path from "node:path";

export const RULES = [
  ["upstash/write-token-in-frontend", "Write Token in Frontend", "critical"],
  ["upstash/sensitive-data-without-ttl", "Sensitive Data Without TTL", "medium"],
  ["upstash/qstash-webhook-spoofing", "QStash Webhook Spoofing", "high"],
  ["upstash/rate-limit-misconfiguration", "Rate Limit Misconfiguration", "medium"],
  ["upstash/token-rotation-neglect", "Token Rotation Neglect", "medium"],
];
const SEVERITIES = ["critical", "high", "medium", "low"];

/** Read every result in `dir`. */
export function readResults(dir) {
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const repo = name.replace(/\.(json|error)$/, "").replace("__", "/");
    const text = fs.readFileSync(path.join(dir, name), "utf8");
    if (name.endsWith(".error")) out.push({ repo, error: text.trim().split("\n")[0] || "scan failed" });
    else if (name.endsWith(".json")) {
      try {
        const doc = JSON.parse(text);
        out.push({ repo, summary: doc.summary, findings: doc.findings.filter((f) => !f.suppressed) });
      } catch (err) {
        out.push({ repo, error: `unreadable result: ${err.message}` });
      }
    }
  }
  return out;
}

/** The markdown summary and whether the sweep fails at `failOn`. */
export function summarise(results, failOn = "none") {
  const lines = ["# upstash-scan: organisation sweep", ""];
  const scanned = results.filter((r) => !r.error);
  lines.push(
    `${scanned.length} repositories scanned${results.length > scanned.length ? `, ${results.length - scanned.length} failed` : ""}.`,
    "",
  );
  lines.push("| Risk | Severity | Repositories | Findings |", "|---|---|---|---|");
  for (const [id, title, severity] of RULES) {
    const hit = scanned.filter((r) => r.findings.some((f) => f.rule === id));
    const n = scanned.reduce((a, r) => a + r.findings.filter((f) => f.rule === id).length, 0);
    lines.push(`| ${hit.length ? "⚠️" : "✅"} ${title} (\`${id}\`) | ${severity} | ${hit.length} | ${n} |`);
  }
  const rank = (r) => SEVERITIES.map((s) => r.summary[s]);
  const worst = [...scanned].sort((a, b) => {
    const x = rank(a);
    const y = rank(b);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return y[i] - x[i];
    return a.repo.localeCompare(b.repo);
  });
  lines.push("", "| Repository | Critical | High | Medium | Low | Risks |", "|---|---|---|---|---|---|");
  for (const r of worst) {
    const risks = [...new Set(r.findings.map((f) => f.rule.replace("upstash/", "")))].join(", ") || "—";
    lines.push(
      `| ${r.repo} | ${r.summary.critical} | ${r.summary.high} | ${r.summary.medium} | ${r.summary.low} | ${risks} |`,
    );
  }
  const failed = results.filter((r) => r.error);
  if (failed.length) {
    lines.push("", "**Not scanned:**", "");
    for (const r of failed) lines.push(`- ${r.repo}: ${r.error.replace(/[<>|]/g, " ")}`);
  }
  const limit = SEVERITIES.indexOf(failOn);
  const failing =
    failOn === "none" ? [] : scanned.filter((r) => SEVERITIES.slice(0, limit + 1).some((s) => r.summary[s] > 0));
  if (failing.length)
    lines.push(
      "",
      `${failing.length} repositor${failing.length === 1 ? "y has" : "ies have"} findings at or above ${failOn}.`,
    );
  return { markdown: lines.join("\n") + "\n", failing: failing.map((r) => r.repo) };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const dir = args[0];
  const i = args.indexOf("--fail-on");
  const failOn = i === -1 ? "none" : args[i + 1];
  if (!dir || !fs.existsSync(dir) || !["none", ...SEVERITIES].includes(failOn)) {
    console.error("usage: org-summary.mjs <results-dir> [--fail-on critical|high|medium|low|none]");
    process.exit(2);
  }
  const { markdown, failing } = summarise(readResults(dir), failOn);
  process.stdout.write(markdown);
  process.exit(failing.length ? 1 : 0);
}
