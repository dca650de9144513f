/**
 * Inline suppressions: `// upstash-scan-ignore-next-line <rule-id>[/<check>][, …] -- <reason>` on the
 * line above a finding, or `… // upstash-scan-ignore <rule-id> -- <reason>` at the end of its line.
 * `#` comments (env, YAML, TOML, Dockerfile), block comments, HTML and JSX comments work too.
 * A reason is required; a suppression without one, naming an unknown rule, or matching nothing is
 * reported as a warning.
 */
import { isRuleId } from "../rules/index";
import type { Finding, Notification } from "./types";

export interface Suppression {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  /** The line whose findings it hides. */
  target: number;
  targets: Array<{ rule: string; check?: string }>;
  reason: string;
  used: boolean;
}

const MARKER = /(?:\/\/|#|\/\*|<!--|\{\/\*)\s*upstash-scan-ignore(-next-line|-line)?(?=[\s:]|$)[:\s]*([^\n]*)/g;

export function parseSuppressions(file: string, text: string, notes: Notification[]): Suppression[] {
  if (!text.includes("upstash-scan-ignore")) return [];
  const out: Suppression[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    MARKER.lastIndex = 0;
    const m = MARKER.exec(lines[i]!);
    if (!m) continue;
    const nextLine = m[1] === "-next-line";
    const body = m[2]!.replace(/\s*(\*\/\}?|-->)\s*$/, "").replace(/\r$/, "");
    const [idsPart, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
    const reason = reasonParts.join(" -- ").trim();
    const targets = (idsPart ?? "")
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((id) => {
        const [a, b, check] = id.split("/");
        return { rule: `${a}/${b}`, ...(check ? { check } : {}) };
      });
    const where = `${file}:${i + 1}`;
    if (targets.length === 0) {
      notes.push({
        level: "warning",
        id: "suppression-invalid",
        file,
        message: `suppression at ${where} names no rule id: write "upstash-scan-ignore-next-line <rule-id> -- <reason>"`,
      });
      continue;
    }
    const unknown = targets.filter((t) => !isRuleId(t.rule));
    if (unknown.length) {
      notes.push({
        level: "warning",
        id: "suppression-invalid",
        file,
        message: `suppression at ${where} names unknown rule ${unknown.map((u) => u.rule).join(", ")}; it is ignored`,
      });
      continue;
    }
    if (!reason) {
      notes.push({
        level: "warning",
        id: "suppression-without-reason",
        file,
        message: `suppression at ${where} has no reason ("-- <why>"), so it is ignored and the finding still counts`,
      });
      continue;
    }
    // A same-line marker alone on its line is most likely meant for the next line.
    const alone = lines[i]!.slice(0, m.index).trim() === "";
    out.push({ file, line: i + 1, target: nextLine || alone ? i + 2 : i + 1, targets, reason, used: false });
  }
  return out;
}

/** Mark findings hidden by a suppression; returns warnings for suppressions that matched nothing. */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  activeRules: (rule: string) => boolean,
): Notification[] {
  const byFileLine = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    const key = `${s.file}\0${s.target}`;
    byFileLine.set(key, [...(byFileLine.get(key) ?? []), s]);
  }
  for (const f of findings) {
    if (f.suppressed) continue;
    for (const s of byFileLine.get(`${f.location.file}\0${f.location.range.startLine}`) ?? []) {
      if (s.targets.some((t) => t.rule === f.rule && (!t.check || t.check === f.check))) {
        s.used = true;
        f.suppressed = {
          kind: "inline",
          reason: s.reason,
          location: { file: s.file, range: { startLine: s.line, startColumn: 1, endLine: s.line, endColumn: 1 } },
        };
        break;
      }
    }
  }
  return suppressions
    .filter((s) => !s.used && s.targets.some((t) => activeRules(t.rule)))
    .map((s) => ({
      level: "warning" as const,
      id: "suppression-unused",
      file: s.file,
      message: `unused suppression at ${s.file}:${s.line} (${s.targets.map((t) => t.rule + (t.check ? "/" + t.check : "")).join(", ")}): nothing is reported on line ${s.target}; remove it`,
    }));
}
