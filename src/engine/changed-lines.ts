/**
 * Lines a change touched, for gating pull requests on new findings only: from git (the merge base of
 * a base ref and the working tree), or from a unified diff text (what the GitHub API returns as a
 * file's `patch` when history is too shallow for git).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { UsageError } from "./errors";

/** File (relative to the source root) → added or modified lines (1-based, new side). */
export type ChangedLines = Map<string, Set<number>>;

/** Add the new-side lines of unified diff hunks (`@@ -a,b +c,d @@`) to `out` under `file`. */
export function addHunks(out: ChangedLines, file: string, patch: string): void {
  let set = out.get(file);
  if (!set) out.set(file, (set = new Set()));
  let line = 0;
  for (const raw of patch.split("\n")) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (h) {
      line = Number(h[1]);
      continue;
    }
    if (line === 0) continue;
    if (raw.startsWith("+")) set.add(line++);
    else if (raw.startsWith("-")) continue;
    else if (raw.startsWith("\\")) continue;
    else line++;
  }
}

/** Parse `git diff --unified=0` output into changed lines, paths made relative to `srcRoot`. */
export function parseGitDiff(diff: string, gitTop: string, srcRoot: string): ChangedLines {
  const out: ChangedLines = new Map();
  const chunks = diff.split(/^diff --git /m).slice(1);
  for (const chunk of chunks) {
    const name = /^\+\+\+ b\/(.*)$/m.exec(chunk)?.[1];
    if (!name) continue; // deleted file
    const rel = path.relative(srcRoot, path.join(gitTop, name.replace(/\t$/, ""))).split(path.sep).join("/");
    addHunks(out, rel, chunk.slice(chunk.indexOf("\n@@") + 1));
  }
  return out;
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 512 * 1024 * 1024 });
}

/**
 * Lines changed between the merge base of `baseRef` and HEAD, and the working tree. Throws a
 * UsageError when the ref or the merge base is not available (e.g. a shallow clone).
 */
export function changedLinesSince(baseRef: string, srcRoot: string): ChangedLines {
  let top: string;
  let base: string;
  try {
    top = git(srcRoot, ["rev-parse", "--show-toplevel"]).trim();
  } catch {
    throw new UsageError(`--changed-since needs a git work tree; ${srcRoot} is not one`);
  }
  try {
    base = git(srcRoot, ["merge-base", baseRef, "HEAD"]).trim();
  } catch {
    throw new UsageError(`no merge base between ${baseRef} and HEAD (is the history shallow? use fetch-depth: 0)`);
  }
  return parseGitDiff(git(srcRoot, ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", base]), top, srcRoot);
}

/** Whether a finding's first line is among the changed lines. */
export function touchesChange(changed: ChangedLines, file: string, startLine: number, endLine: number): boolean {
  const lines = changed.get(file);
  if (!lines) return false;
  for (let l = startLine; l <= endLine; l++) if (lines.has(l)) return true;
  return false;
}
