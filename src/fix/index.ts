/** Every fixer, in guide order (rule #1 … #5). A finding gets a fix only from the fixer of its check. */
import type { Finding } from "../engine/types";
import type { Fixer } from "./types";
import readOnlyToken from "./read-only-token";
import setTtl from "./set-ttl";
import awaitVerify from "./await-verify";
import wrapVerify from "./wrap-verify";
import enforceLimit from "./enforce-limit";

export const FIXERS: readonly Fixer[] = [readOnlyToken, setTtl, awaitVerify, wrapVerify, enforceLimit];

/** The fixer for a finding's rule and check, if there is one. */
export function fixerFor(finding: Pick<Finding, "rule" | "check">): Fixer | undefined {
  return FIXERS.find((f) => f.rule === finding.rule && f.checks.includes(finding.check));
}
