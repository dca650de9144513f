/**
 * A pull request's changed lines, for `gate-on: new` and for annotating the pull request's own lines
 * first (at most 10 annotations of each type show per step). From the local history when the base
 * commit is in the checkout (`fetch-depth: 2` for the merge commit, or 0); otherwise, for gating, from
 * the GitHub API's list of the pull request's files and their patches.
 */
import { execFileSync } from "node:child_process";
import { ChangedLines, gitDiffLines, hasCommit } from "../engine/changed-lines";
import type { RunContext } from "./context";

export { ChangedLines };

function parentsOfHead(dir: string): string[] {
  try {
    return execFileSync("git", ["rev-list", "--parents", "-n", "1", "HEAD"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split(/\s+/);
  } catch {
    return [];
  }
}

/**
 * The pull request's changed lines from git at `dir` (paths relative to `srcRoot`, default `dir`), or
 * undefined outside pull requests or when the history needed is not there. A checked-out merge commit
 * is compared with its first parent (the base); a checked-out head with the merge base of the base.
 */
export function pullRequestChanges(
  ctx: Pick<RunContext, "eventName" | "event">,
  dir: string,
  srcRoot: string = dir,
): ChangedLines | undefined {
  if (!ctx.eventName.startsWith("pull_request") || !ctx.event.pull_request) return undefined;
  try {
    const parents = parentsOfHead(dir);
    if (parents.length === 3 && hasCommit(dir, parents[1]!)) return gitDiffLines(dir, [parents[1]!, "HEAD"], srcRoot);
    const base = ctx.event.pull_request.base?.sha;
    if (base && /^[0-9a-f]{40,64}$/.test(base) && hasCommit(dir, base))
      return gitDiffLines(dir, [`${base}...HEAD`], srcRoot);
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
