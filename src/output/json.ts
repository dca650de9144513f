/** Machine-readable output for scripts and other CI systems: the report model as it is (see report.ts). */
import { toReport, toSuppressionList, type ReportInput } from "./report";

export function formatJson(result: ReportInput): string {
  return JSON.stringify(toReport(result), null, 2) + "\n";
}

/** The `--list-suppressions --format json` document. */
export function formatSuppressionsJson(result: ReportInput): string {
  return JSON.stringify(toSuppressionList(result), null, 2) + "\n";
}
