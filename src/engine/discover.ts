/**
 * Walking the scanned paths: a streaming generator that honours nested .gitignore files, never enters
 * node_modules or .git, and never follows a symbolic link. Links are skipped outright: a link inside
 * the root points at something the walk reaches at its real place anyway, a link out of the root must
 * never be read, and loops become impossible. Links, FIFOs, sockets and devices get a notification.
 *
 * In a git work tree, .gitignore does not apply to tracked files (as in git): a committed file under
 * an ignored directory is scanned, so adding its directory to .gitignore cannot hide it. Untracked
 * ignored files are not scanned (env files excepted, see below).
 *
 * A file named explicitly is always scanned: as text when its name says nothing about its kind, or
 * reported when it cannot be read (a FIFO, a device).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { classifyPath, SKIP_DIRS, type FileKind } from "./file-kinds";
import { trackedFiles, type TrackedFiles } from "../git/work-tree";
import { FileRefused, readRegularText } from "../io/files";
import type { NotificationLevel } from "./types";

export interface DiscoveredFile {
  abs: string;
  /** Relative to the source root, `/`-separated. */
  rel: string;
  kind: FileKind;
  /** Excluded by a .gitignore (only env files are yielded in that case). */
  gitIgnored: boolean;
}

export interface DiscoverOptions {
  /** Absolute, real paths of files or directories to scan. */
  roots: string[];
  /** Absolute, real path that `rel` is relative to. */
  srcRoot: string;
  /** Extra filter from the configuration (include/exclude patterns); true keeps the path. */
  accept?: (rel: string, isDir: boolean) => boolean;
  /** Called for what is not scanned and must be said: unreadable directories and ignore files, links, FIFOs. */
  onNotice?: (file: string, id: string, message: string, level: NotificationLevel) => void;
}

/** Ignore files larger than this are not read (a .gitignore is a few KB). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

interface IgnoreLayer {
  /** Directory the patterns are relative to (absolute, no trailing separator). */
  base: string;
  ig: Ignore;
}

const POSIX = path.sep === "/";

function toPosix(p: string): string {
  return POSIX ? p : p.split(path.sep).join("/");
}

function loadIgnore(dir: string, names: string[], onNotice?: DiscoverOptions["onNotice"]): IgnoreLayer | undefined {
  let ig: Ignore | undefined;
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      // Like git, never through a symbolic link (a .gitignore linked to /dev/zero would never end).
      text = readRegularText(file, MAX_IGNORE_FILE_BYTES);
    } catch (err) {
      // Absent is normal; ENOTDIR happens in git worktrees and submodules, where .git is a file.
      if (err instanceof FileRefused && err.code === "not-found") continue;
      onNotice?.(file, "path-unreadable", `ignore file not used: it ${(err as Error).message}`, "warning");
      continue;
    }
    ig = (ig ?? ignore()).add(text);
  }
  return ig && { base: dir, ig };
}

/** The .gitignore layers above `root` up to its git work tree's top (and .git/info/exclude). */
function ancestorLayers(root: string, onNotice?: DiscoverOptions["onNotice"]): IgnoreLayer[] {
  const chain: string[] = [];
  let dir = path.dirname(root);
  let top: string | undefined;
  for (let cur = root; ; cur = dir, dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(cur, ".git"))) {
      top = cur;
      break;
    }
    if (dir === cur) break;
    chain.push(dir);
  }
  if (!top) return [];
  const layers: IgnoreLayer[] = [];
  const exclude = loadIgnore(path.join(top, ".git", "info"), ["exclude"], onNotice);
  if (exclude) layers.push({ base: top, ig: exclude.ig });
  // From the top down to the root's parent; the root's own .gitignore is read by the walk.
  for (const d of chain.filter((d) => d.startsWith(top)).reverse()) {
    const layer = loadIgnore(d, [".gitignore"], onNotice);
    if (layer) layers.push(layer);
  }
  return layers;
}

function isIgnored(layers: IgnoreLayer[], abs: string, isDir: boolean): boolean {
  // The deepest layer with an opinion wins, as in git. Layers are ancestors of `abs`, so the path
  // relative to a layer is a suffix of `abs` (cheaper than path.relative on every entry).
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i]!;
    if (abs.length <= layer.base.length + 1 || !abs.startsWith(layer.base)) continue;
    const rel = toPosix(abs.slice(layer.base.length + 1));
    const r = layer.ig.test(isDir ? rel + "/" : rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/**
 * Tracked files of the work tree, asked of git only once something is ignored (most walks never
 * meet an ignored path that exists). Absolute paths of tracked files and of their directories.
 */
class Tracked {
  private index: { files: Set<string>; dirs: Set<string> } | null | undefined;
  constructor(private readonly root: string) {}

  private load(): { files: Set<string>; dirs: Set<string> } | null {
    if (this.index === undefined) {
      const git: TrackedFiles | undefined = trackedFiles(this.root);
      this.index = git
        ? {
            files: new Set([...git.files].map((f) => path.join(git.top, f))),
            dirs: new Set([...git.dirs].map((d) => path.join(git.top, d))),
          }
        : null;
    }
    return this.index;
  }

  file(abs: string): boolean {
    return this.load()?.files.has(abs) ?? false;
  }

  dir(abs: string): boolean {
    return this.load()?.dirs.has(abs) ?? false;
  }
}

export function* discover(options: DiscoverOptions): Generator<DiscoveredFile> {
  const seen = new Set<string>();
  for (const root of options.roots) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      continue;
    }
    if (!stat.isDirectory()) {
      // Named explicitly: scanned whatever its name (as text when the name tells no kind); a FIFO or
      // device is handed on too, and the reader reports it instead of blocking on it.
      const rel = toPosix(path.relative(options.srcRoot, root));
      if (!seen.has(root)) {
        seen.add(root);
        yield { abs: root, rel, kind: classifyPath(rel) ?? "text", gitIgnored: false };
      }
      continue;
    }
    const layers = ancestorLayers(root, options.onNotice);
    yield* walk(root, layers, options, seen, new Tracked(root));
  }
}

function* walk(
  dir: string,
  parentLayers: IgnoreLayer[],
  options: DiscoverOptions,
  seen: Set<string>,
  tracked: Tracked,
): Generator<DiscoveredFile> {
  // Explicit stack: deep trees must not grow the call stack.
  const stack: Array<{ dir: string; layers: IgnoreLayer[] }> = [{ dir, layers: parentLayers }];
  const rootRel = toPosix(path.relative(options.srcRoot, dir));
  const relOf = (abs: string): string => {
    // Walked paths lie under `dir`; `rel` is relative to the source root, which may be above it.
    const tail = toPosix(abs.slice(dir.length + 1));
    return rootRel ? `${rootRel}/${tail}` : tail;
  };
  while (stack.length) {
    const { dir: current, layers: above } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch (err) {
      options.onNotice?.(
        current,
        "path-unreadable",
        `directory could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`,
        "warning",
      );
      continue;
    }
    // Only a directory that lists a .gitignore pays for reading one.
    const own = entries.some((e) => e.name === ".gitignore")
      ? loadIgnore(current, [".gitignore"], options.onNotice)
      : undefined;
    const layers = own ? [...above, own] : above;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const abs = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        // An ignored directory is still entered when git tracks files in it.
        if (isIgnored(layers, abs, true) && !tracked.dir(abs)) continue;
        if (options.accept && !options.accept(relOf(abs), true)) continue;
        subdirs.push(abs);
        continue;
      }
      if (!entry.isFile()) {
        // Links, FIFOs, sockets, devices: never read, but said (unless ignored or excluded anyway).
        if (isIgnored(layers, abs, false) || (options.accept && !options.accept(relOf(abs), false))) continue;
        if (entry.isSymbolicLink())
          options.onNotice?.(
            abs,
            "symlink-not-followed",
            "symbolic link not followed: links are never read (one could point outside the scanned tree); what it points to inside the tree is scanned at its own path",
            "note",
          );
        else
          options.onNotice?.(
            abs,
            "file-not-regular",
            `not scanned: ${entry.isFIFO() ? "a FIFO" : entry.isSocket() ? "a socket" : "a device"}, not a regular file`,
            "warning",
          );
        continue;
      }
      const rel = relOf(abs);
      const kind = classifyPath(rel);
      if (!kind || seen.has(abs)) continue;
      // Tracked files are never ignored: git itself ignores .gitignore for them.
      const gitIgnored = isIgnored(layers, abs, false) && !tracked.file(abs);
      // Env files are read even when ignored: a NEXT_PUBLIC_ token in .env.local still ships to the
      // browser. Detectors that care whether a file is committed look at `gitIgnored`.
      if (gitIgnored && kind !== "env") continue;
      if (options.accept && !options.accept(rel, false)) continue;
      seen.add(abs);
      yield { abs, rel, kind, gitIgnored };
    }
    // Reverse so that the stack pops directories in name order: deterministic output order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!, layers });
  }
}
