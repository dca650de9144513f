/** A guide risk as a SARIF rule: the guide's metadata plus our help text. */
import type { RuleId, Severity } from "../engine/types";

export type Level = "high" | "medium" | "low" | "critical";

export interface RuleMeta {
  id: RuleId;
  /** Position in the guide (#1 … #5). */
  number: number;
  /** SARIF `name`: PascalCase, as code scanning shows it. */
  name: string;
  /** The guide's heading, e.g. "Write Token in Frontend". */
  title: string;
  severity: Severity;
  likelihood: Level;
  impact: Level;
  /** The guide's mitigation in our words. */
  mitigation: string;
  shortDescription: string;
  fullDescription: string;
  /** GitHub's security-severity band for the rule's severity. */
  securitySeverity: string;
  precision: "very-high" | "high" | "medium" | "low";
  cwe: string[];
  /** Docs page slug under docs/rules/. */
  slug: string;
  help: { text: string; markdown: string };
}

/** Build help text from its parts so that every rule's help has the same sections. */
export function help(parts: {
  risk: string;
  why: string;
  mitigation: string;
  bad: string;
  good: string;
  lang?: string;
}): {
  text: string;
  markdown: string;
} {
  const lang = parts.lang ?? "ts";
  const text = [
    `Risk: ${parts.risk}`,
    `Why it matters: ${parts.why}`,
    `Mitigation: ${parts.mitigation}`,
    `Bad:\n${parts.bad}`,
    `Good:\n${parts.good}`,
  ].join("\n\n");
  const markdown = [
    `**Risk.** ${parts.risk}`,
    `**Why it matters.** ${parts.why}`,
    `**Mitigation.** ${parts.mitigation}`,
    `Bad:\n\n\`\`\`${lang}\n${parts.bad}\n\`\`\``,
    `Good:\n\n\`\`\`${lang}\n${parts.good}\n\`\`\``,
  ].join("\n\n");
  return { text, markdown };
}
