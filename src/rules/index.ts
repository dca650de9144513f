/** The five guide risks, in the guide's order. */
import type { RuleId, Severity } from "../engine/types";
import type { RuleMeta } from "./types";
import { INFORMATION_URI, VERSION } from "../version";
import { writeTokenInFrontend } from "./write-token-in-frontend";
import { sensitiveDataWithoutTtl } from "./sensitive-data-without-ttl";
import { qstashWebhookSpoofing } from "./qstash-webhook-spoofing";
import { rateLimitMisconfiguration } from "./rate-limit-misconfiguration";
import { tokenRotationNeglect } from "./token-rotation-neglect";

export type { RuleMeta } from "./types";

export const RULES: readonly RuleMeta[] = [
  writeTokenInFrontend,
  sensitiveDataWithoutTtl,
  qstashWebhookSpoofing,
  rateLimitMisconfiguration,
  tokenRotationNeglect,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleById(id: RuleId): RuleMeta {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id as RuleId);
}

/** The severity a finding gates and sorts by. */
export function severityOf(finding: { rule: RuleId; severity?: Severity }): Severity {
  return finding.severity ?? ruleById(finding.rule).severity;
}

/**
 * Rule documentation at this version's release tag, not `main`: an alert keeps linking to the text
 * it was raised under after the docs change.
 */
export const DOCS_BASE = `${INFORMATION_URI}/blob/v${VERSION}/docs/rules`;
