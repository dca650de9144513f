/**
 * One line per open finding, `file:line:col: severity rule/check message`, for editors, grep and
 * GitHub problem matchers (src/output/problem-matcher.json reads exactly this line).
 */
import { oneLine, toReport, type ReportInput } from "./report";

export function formatCompact(result: ReportInput): string {
  const lines: string[] = [];
  for (const f of toReport(result).findings) {
    if (f.suppressed) continue;
    const expired = f.expiredSuppression ? ` (suppression expired on ${f.expiredSuppression.expires})` : "";
    lines.push(
      `${oneLine(f.file)}:${f.startLine}:${f.startColumn}: ${f.severity} ${f.rule}/${f.check} ${oneLine(f.message)}${expired}`,
    );
  }
  return lines.map((l) => l + "\n").join("");
}
