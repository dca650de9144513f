/**
 * A pull request's changed lines, for `gate-on: new` and for annotating the pull request's own lines
 * first (at most 10 annotations of each type show per step). From the local history when the base
 * commit is in the checkout (`fetch-depth: 2` for the merge commit, or 0); otherwise, for gating, from
 * the GitHub API's list of the pull request's files and their patches.
 */
import { ChangedLines, gitDiffLines, hasCommit } from "../engine/changed-lines";
import { tryGitSync } from "../git/run";
import type { RunContext } from "./context";

export { ChangedLines };

function parentsOfHead(dir: string): string[] {
  return (tryGitSync(dir, ["rev-list", "--parents", "-n", "1", "HEAD", "--"]) ?? "")
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The commit a pull request is compared with, when it is in the checkout: a checked-out merge
 * commit's first parent (the base), or for a checked-out head the merge base with the base branch's
 * commit. Undefined outside pull requests or when that history is not there (shallow clones).
 */
export function pullRequestBase(ctx: Pick<RunContext, "eventName" | "event">, dir: string): string | undefined {
  if (!ctx.eventName.startsWith("pull_request") || !ctx.event.pull_request) return undefined;
  const parents = parentsOfHead(dir);
  if (parents.length === 3 && hasCommit(dir, parents[1]!)) return parents[1];
  const base = ctx.event.pull_request.base?.sha;
  if (!base || !hasCommit(dir, base)) return undefined;
  const mergeBase = tryGitSync(dir, ["merge-base", "--end-of-options", base, "HEAD"])?.trim();
  return mergeBase && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(mergeBase) ? mergeBase : undefined;
}

/**
 * The pull request's changed lines from git at `dir` (paths relative to `srcRoot`, default `dir`), or
 * undefined outside pull requests or when the history needed is not there.
 */
export function pullRequestChanges(
  ctx: Pick<RunContext, "eventName" | "event">,
  dir: string,
  srcRoot: string = dir,
): ChangedLines | undefined {
  try {
    const base = pullRequestBase(ctx, dir);
    if (base) return gitDiffLines(dir, [base, "HEAD"], srcRoot);
  } catch {
    // A git failure here only costs the ordering of annotations or falls back to the API.
  }
  return undefined;
}

/**
 * Changed lines from the API's file list. Files without a `patch` (binary or very large diffs) count
 * as changed throughout, so a finding in one still gates.
 */
export function changesFromFiles(
  files: ReadonlyArray<{ filename: string; status?: string; patch?: string }>,
  toSrcRoot: (repoPath: string) => string = (p) => p,
): ChangedLines {
  const out = new ChangedLines();
  for (const f of files) {
    if (f.status === "removed") continue;
    if (f.patch) out.addPatch(toSrcRoot(f.filename), f.patch);
    else out.addWholeFile(toSrcRoot(f.filename));
  }
  return out;
}
