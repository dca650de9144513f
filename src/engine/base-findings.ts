/**
 * The findings the base of a change already has, for `gate-on: new`: the base commit's files are
 * written to a temporary directory (see git/base-tree.ts) and scanned with the same configuration.
 * A finding of the change whose key the base lacks is new even when no changed line holds it.
 */
import * as path from "node:path";
import type { ScanConfig } from "../config/types";
import { writeBaseTree } from "../git/base-tree";
import { workTreeTop } from "../git/work-tree";
import { findingKey, gatingFindings, type ChangeScope, type FailOn } from "../output/gate";
import type { ChangedLines } from "./changed-lines";
import { scan, type ScanResult } from "./scan";

export async function baseFindingKeys(srcRoot: string, commit: string, config: ScanConfig): Promise<Set<string>> {
  const top = workTreeTop(srcRoot);
  if (!top) throw new Error(`${srcRoot} is not in a git work tree`);
  const prefix = path.relative(top, srcRoot).split(path.sep).join("/");
  const tree = await writeBaseTree(top, commit, prefix, config.budgets.maxReadBytes);
  try {
    // Hidden or not in the base, a finding is known there: no baseline for this scan.
    const result = await scan({ paths: [tree.dir], srcRoot: tree.dir, config: { ...config, baseline: undefined } });
    return new Set(result.findings.map(findingKey));
  } finally {
    tree.cleanup();
  }
}

/**
 * The scope of a change from its raw changed lines (git's paths) and its base commit, if known. The
 * base is scanned only when its answer can change the verdict: when some finding at or above
 * `failOn` is not already new by its lines (most pull requests have none, and pay nothing).
 */
export async function changeScope(
  result: ScanResult,
  changed: ChangedLines,
  base: string | undefined,
  failOn: FailOn,
  warn: (message: string) => void,
): Promise<ChangeScope> {
  // Findings carry redacted paths: so must the changed lines they are compared with.
  const scope: ChangeScope = { changed: changed.mapFiles((f) => result.secrets.scrub(f)) };
  const undecided =
    gatingFindings(result.findings, failOn).length > gatingFindings(result.findings, failOn, scope).length;
  if (!undecided) return scope;
  if (!base) return { ...scope, linesOnly: true };
  try {
    scope.base = await baseFindingKeys(result.srcRoot, base, result.config);
  } catch (err) {
    scope.linesOnly = true;
    warn(
      `gate-on new could not scan the base commit ${base.slice(0, 12)} (${(err as Error).message}); only findings on changed lines count as new.`,
    );
  }
  return scope;
}
