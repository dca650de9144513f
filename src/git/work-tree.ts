/** What git knows about a work tree: its top directory and the files it tracks. */
import * as fs from "node:fs";
import * as path from "node:path";
import { tryGitSync } from "./run";

/** The nearest directory at or above `dir` holding `.git` (no git command run), or undefined. */
export function gitTopLevel(dir: string): string | undefined {
  for (let cur = dir; ; cur = path.dirname(cur)) {
    if (fs.existsSync(path.join(cur, ".git"))) return cur;
    if (path.dirname(cur) === cur) return undefined;
  }
}

export interface TrackedFiles {
  /** The work tree's top directory, as git prints it. */
  top: string;
  /** Tracked paths relative to `top`, `/`-separated. */
  files: Set<string>;
  /** Every directory that holds a tracked file, relative to `top` ("" excluded). */
  dirs: Set<string>;
}

/** The top directory of the git work tree holding `dir`, or undefined outside one. */
export function workTreeTop(dir: string): string | undefined {
  return tryGitSync(dir, ["rev-parse", "--show-toplevel"])?.trim() || undefined;
}

/**
 * The files git tracks under `dir` (paths relative to the work tree's top), or undefined outside a
 * git work tree or when git cannot tell.
 */
export function trackedFiles(dir: string): TrackedFiles | undefined {
  const top = workTreeTop(dir);
  if (!top) return undefined;
  const out = tryGitSync(dir, ["ls-files", "-z", "--full-name", "--", "."]);
  if (out === undefined) return undefined;
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const file of out.split("\0")) {
    if (!file) continue;
    files.add(file);
    for (let d = path.posix.dirname(file); d !== "." && !dirs.has(d); d = path.posix.dirname(d)) dirs.add(d);
  }
  return { top: path.resolve(top), files, dirs };
}
