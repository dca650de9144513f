/**
 * The lines a change added or modified (new side), used to gate pull requests on new findings only
 * and to annotate a pull request's own lines first. Read from `git diff` output or from the `patch`
 * of each file the GitHub API lists for a pull request (needed when the checkout is too shallow).
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { UsageError } from "./errors";

export class ChangedLines {
  private readonly byFile = new Map<string, Set<number>>();
  /** Files changed as a whole (the API sends no patch for binary or very large diffs). */
  private readonly whole = new Set<string>();

  addWholeFile(file: string): void {
    this.whole.add(file);
  }

  add(file: string, line: number): void {
    let set = this.byFile.get(file);
    if (!set) this.byFile.set(file, (set = new Set()));
    set.add(line);
  }

  /** Changed lines of a file, ascending. */
  lines(file: string): number[] {
    return [...(this.byFile.get(file) ?? [])].sort((a, b) => a - b);
  }

  get files(): string[] {
    return [...new Set([...this.byFile.keys(), ...this.whole])];
  }

  /** Whether any line of start..end in `file` was added or changed. */
  touches(file: string, start: number, end: number = start): boolean {
    if (this.whole.has(file)) return true;
    const set = this.byFile.get(file);
    if (!set) return false;
    for (let l = start; l <= end; l++) if (set.has(l)) return true;
    return false;
  }

  /**
   * Record the added lines of one file's hunks (`@@ -a,b +c,d @@` followed by ` `/`-`/`+` lines),
   * as in a GitHub API `patch` or `git diff` output with any amount of context.
   */
  addPatch(file: string, patch: string): void {
    let line = 0;
    for (const raw of patch.split("\n")) {
      const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
      if (h) {
        line = Number(h[1]);
        continue;
      }
      if (line === 0 || raw.startsWith("\\")) continue;
      if (raw.startsWith("+")) this.add(file, line++);
      else if (!raw.startsWith("-")) line++;
    }
  }
}

/**
 * `git diff` output → changed lines. Paths come as git prints them (relative to the work tree's
 * top); `rename` maps them (e.g. to paths relative to the scanned source root). Deleted files and
 * quoted names are skipped (the diff is run with core.quotePath=false).
 */
export function parseGitDiff(diff: string, rename: (name: string) => string = (n) => n): ChangedLines {
  const out = new ChangedLines();
  for (const chunk of diff.split(/^diff --git /m).slice(1)) {
    const name = /^\+\+\+ b\/(.*)$/m.exec(chunk)?.[1];
    if (!name) continue;
    const hunks = chunk.indexOf("\n@@");
    if (hunks !== -1) out.addPatch(rename(name.replace(/\t$/, "")), chunk.slice(hunks + 1));
  }
  return out;
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", ["-c", "core.quotePath=false", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 60_000,
    maxBuffer: 512 * 1024 * 1024,
  });
}

/** Changed lines of `git diff --unified=0 <range…>` in `dir`, paths relative to `srcRoot`. */
export function gitDiffLines(dir: string, range: string[], srcRoot: string): ChangedLines {
  const top = git(dir, ["rev-parse", "--show-toplevel"]).trim();
  const diff = git(dir, ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", ...range]);
  return parseGitDiff(diff, (name) => path.relative(srcRoot, path.join(top, name)).split(path.sep).join("/"));
}

/** Whether `rev` names a commit present in the repository at `dir`. */
export function hasCommit(dir: string, rev: string): boolean {
  try {
    git(dir, ["cat-file", "-e", `${rev}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lines changed between the merge base of `baseRef` and HEAD, and the working tree (the CLI's
 * `--changed-since`). Throws a UsageError when the ref is unknown or there is no merge base (e.g. a
 * shallow clone).
 */
export function changedLinesSince(baseRef: string, srcRoot: string): ChangedLines {
  let base: string;
  try {
    git(srcRoot, ["rev-parse", "--show-toplevel"]);
  } catch {
    throw new UsageError(`--changed-since needs a git work tree; ${srcRoot} is not one`);
  }
  if (!hasCommit(srcRoot, baseRef))
    throw new UsageError(
      `--changed-since: unknown revision "${baseRef}": no branch, tag or commit of that name in this repository (fetch a remote branch first)`,
    );
  try {
    base = git(srcRoot, ["merge-base", baseRef, "HEAD"]).trim();
  } catch {
    throw new UsageError(`no merge base between ${baseRef} and HEAD (is the history shallow? use fetch-depth: 0)`);
  }
  return gitDiffLines(srcRoot, [base], srcRoot);
}

/**
 * Files staged for commit (added, modified, renamed or copied; deletions have nothing to report on),
 * relative to `srcRoot` (the CLI's `--staged`). Throws a UsageError outside a git work tree.
 */
export function stagedFiles(srcRoot: string): Set<string> {
  let top: string;
  try {
    top = git(srcRoot, ["rev-parse", "--show-toplevel"]).trim();
  } catch {
    throw new UsageError(`--staged needs a git work tree; ${srcRoot} is not one`);
  }
  const names = git(srcRoot, ["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d"]);
  return new Set(
    names
      .split("\0")
      .filter(Boolean)
      .map((name) => path.relative(srcRoot, path.join(top, name)).split(path.sep).join("/")),
  );
}
