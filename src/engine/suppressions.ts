/**
 * Inline suppressions: `// upstash-scan-ignore-next-line <rule-id>[/<check>][, …] -- <reason>` on the
 * line above a finding, or `… // upstash-scan-ignore <rule-id> -- <reason>` at the end of its line.
 * `#` comments (env, YAML, TOML, Dockerfile), block comments, HTML and JSX comments work too.
 * A reason is required; a suppression without one, naming an unknown rule, or matching nothing is
 * reported as a warning. A reason may end with `(until YYYY-MM-DD)`: from that day on (UTC) the
 * suppression no longer applies and what it matched is reported again, with a warning.
 */
import { isRuleId } from "../rules/index";
import { isExpired, parseDay } from "./expiry";
import type { Finding, Notification, SuppressionRecord } from "./types";

export interface Suppression {
  file: string;
  /** 1-based line of the comment. */
  line: number;
  /** The line whose findings it hides. */
  target: number;
  targets: Array<{ rule: string; check?: string }>;
  reason: string;
  /** YYYY-MM-DD: the day it stops applying. */
  expires?: string;
  used: boolean;
  /** Findings it matched (hidden, or reported again once expired). */
  matches?: number;
  expired?: boolean;
}

const UNTIL = /\s*\(until\s+([^)]*)\)\s*$/i;

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
    let reason = reasonParts.join(" -- ").trim();
    let expires: string | undefined;
    const until = UNTIL.exec(reason);
    if (until) {
      expires = parseDay(until[1]!);
      reason = reason.slice(0, until.index).trim();
    }
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
    if (until && !expires) {
      notes.push({
        level: "warning",
        id: "suppression-invalid",
        file,
        message: `suppression at ${where} has an invalid date "(until ${until[1]})": write (until YYYY-MM-DD); it is ignored and the finding still counts`,
      });
      continue;
    }
    // A same-line marker alone on its line is most likely meant for the next line.
    const alone = lines[i]!.slice(0, m.index).trim() === "";
    const target = nextLine || alone ? i + 2 : i + 1;
    out.push({ file, line: i + 1, target, targets, reason, ...(expires ? { expires } : {}), used: false });
  }
  return out;
}

const idsOf = (s: Suppression): string[] => s.targets.map((t) => t.rule + (t.check ? "/" + t.check : ""));

/**
 * Mark findings hidden by a suppression (or, when its date has passed, the findings it would hide);
 * returns warnings for suppressions that matched nothing and for expired ones that still match.
 */
export function applySuppressions(
  findings: Finding[],
  suppressions: Suppression[],
  activeRules: (rule: string) => boolean,
  now: Date = new Date(),
): Notification[] {
  const byFileLine = new Map<string, Suppression[]>();
  for (const s of suppressions) {
    s.expired = s.expires !== undefined && isExpired(s.expires, now);
    s.matches = 0;
    const key = `${s.file}\0${s.target}`;
    byFileLine.set(key, [...(byFileLine.get(key) ?? []), s]);
  }
  for (const f of findings) {
    if (f.suppressed) continue;
    for (const s of byFileLine.get(`${f.location.file}\0${f.location.range.startLine}`) ?? []) {
      if (s.targets.some((t) => t.rule === f.rule && (!t.check || t.check === f.check))) {
        s.used = true;
        s.matches!++;
        const note = {
          kind: "inline" as const,
          reason: s.reason,
          location: { file: s.file, range: { startLine: s.line, startColumn: 1, endLine: s.line, endColumn: 1 } },
          ...(s.expires ? { expires: s.expires } : {}),
        };
        if (s.expired) {
          f.expiredSuppression ??= note;
          continue;
        }
        f.suppressed = note;
        delete f.expiredSuppression;
        break;
      }
    }
  }
  const notes: Notification[] = [];
  for (const s of suppressions) {
    if (!s.used && s.targets.some((t) => activeRules(t.rule))) {
      notes.push({
        level: "warning",
        id: "suppression-unused",
        file: s.file,
        message: `unused suppression at ${s.file}:${s.line} (${idsOf(s).join(", ")}): nothing is reported on line ${s.target}; remove it`,
      });
    } else if (s.used && s.expired) {
      notes.push({
        level: "warning",
        id: "suppression-expired",
        file: s.file,
        message: `suppression at ${s.file}:${s.line} (${idsOf(s).join(", ")}) expired on ${s.expires}: ${s.matches === 1 ? "the finding" : `${s.matches} findings`} on line ${s.target} ${s.matches === 1 ? "is" : "are"} reported again; fix ${s.matches === 1 ? "it" : "them"} or renew the date`,
      });
    }
  }
  return notes;
}

/** The inline suppressions as `--list-suppressions` shows them (after applySuppressions). */
export function inlineRecords(suppressions: readonly Suppression[]): SuppressionRecord[] {
  return suppressions.map((s) => ({
    kind: "inline",
    rules: idsOf(s),
    file: s.file,
    line: s.line,
    target: s.target,
    reason: s.reason,
    ...(s.expires ? { expires: s.expires } : {}),
    status: s.expired ? "expired" : s.used ? "active" : "unused",
    matches: s.matches ?? 0,
  }));
}
