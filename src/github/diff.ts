/**
 * The lines a pull request changes, from the local git history, so that annotations (at most 10 of
 * each type per step) go to the pull request's own lines before older findings elsewhere. Best
 * effort: it needs the base commit in the checkout (actions/checkout with `fetch-depth: 2` for the
 * merge commit, or 0), and without it annotations simply keep their severity order.
 */
import { execFileSync } from "node:child_process";
import type { RunContext } from "./context";

/** Changed line ranges (new side, 1-based, inclusive) per repository-relative file. */
export class ChangedLines {
  constructor(readonly ranges: ReadonlyMap<string, ReadonlyArray<readonly [number, number]>>) {}

  /** Whether any line of start..end in `file` was added or changed. */
  touches(file: string, start: number, end: number = start): boolean {
    return (this.ranges.get(file) ?? []).some(([a, b]) => a <= end && start <= b);
  }
}

/** `git diff --unified=0` output → changed ranges of the new side. Deleted files have none. */
export function parseUnifiedZero(diff: string): ChangedLines {
  const ranges = new Map<string, Array<[number, number]>>();
  let current: Array<[number, number]> | undefined;
  for (const line of diff.split("\n")) {
    if (line.startsWith("+++ ")) {
      const name = line.slice(4);
      // Quoted names (unusual characters) and /dev/null (deleted files) are skipped.
      current = name.startsWith("b/") ? [] : undefined;
      if (current) ranges.set(name.slice(2), current);
      continue;
    }
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (hunk && current) {
      const start = Number(hunk[1]);
      const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
      if (count > 0) current.push([start, start + count - 1]);
    }
  }
  return new ChangedLines(ranges);
}

function git(dir: string, args: string[]): string | undefined {
  try {
    return execFileSync("git", ["-c", "core.quotePath=false", ...args], { cwd: dir, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/**
 * The pull request's changed lines in the checkout at `dir`, or undefined outside pull requests or
 * when the history needed is not there. A checked-out merge commit is compared with its first
 * parent (the base); a checked-out head with the merge base of the base commit.
 */
export function pullRequestChanges(ctx: Pick<RunContext, "eventName" | "event">, dir: string): ChangedLines | undefined {
  if (!ctx.eventName.startsWith("pull_request") || !ctx.event.pull_request) return undefined;
  const diff = (range: string[]) => git(dir, ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", ...range]);
  const parents = git(dir, ["rev-list", "--parents", "-n", "1", "HEAD"])?.trim().split(/\s+/) ?? [];
  if (parents.length === 3 && git(dir, ["cat-file", "-e", `${parents[1]}^{commit}`]) !== undefined) {
    const out = diff([parents[1]!, "HEAD"]);
    if (out !== undefined) return parseUnifiedZero(out);
  }
  const base = ctx.event.pull_request.base?.sha;
  if (base && /^[0-9a-f]{40,64}$/.test(base) && git(dir, ["cat-file", "-e", `${base}^{commit}`]) !== undefined) {
    const out = diff([`${base}...HEAD`]);
    if (out !== undefined) return parseUnifiedZero(out);
  }
  return undefined;
}
