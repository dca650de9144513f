/**
 * Walking the scanned paths: a streaming generator that honours nested .gitignore files, never enters
 * node_modules or .git, and never follows a symbolic link. Links are skipped outright: a link inside
 * the root points at something the walk reaches at its real place anyway, a link out of the root must
 * never be read, and loops become impossible.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { classifyPath, SKIP_DIRS, type FileKind } from "./file-kinds";

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
  /** Called for a .gitignore that cannot be read. */
  onWarning?: (file: string, message: string) => void;
}

interface IgnoreLayer {
  /** Directory the patterns are relative to (absolute, no trailing separator). */
  base: string;
  ig: Ignore;
}

const POSIX = path.sep === "/";

function toPosix(p: string): string {
  return POSIX ? p : p.split(path.sep).join("/");
}

function loadIgnore(dir: string, names: string[], onWarning?: DiscoverOptions["onWarning"]): IgnoreLayer | undefined {
  let ig: Ignore | undefined;
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, "utf8");
    } catch (err) {
      // Absent is normal; ENOTDIR happens in git worktrees and submodules, where .git is a file.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") onWarning?.(file, "could not read ignore file");
      continue;
    }
    ig = (ig ?? ignore()).add(text);
  }
  return ig && { base: dir, ig };
}

/** The .gitignore layers above `root` up to its git work tree's top (and .git/info/exclude). */
function ancestorLayers(root: string, onWarning?: DiscoverOptions["onWarning"]): IgnoreLayer[] {
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
  const exclude = loadIgnore(path.join(top, ".git", "info"), ["exclude"], onWarning);
  if (exclude) layers.push({ base: top, ig: exclude.ig });
  // From the top down to the root's parent; the root's own .gitignore is read by the walk.
  for (const d of chain.filter((d) => d.startsWith(top)).reverse()) {
    const layer = loadIgnore(d, [".gitignore"], onWarning);
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

export function* discover(options: DiscoverOptions): Generator<DiscoveredFile> {
  const seen = new Set<string>();
  for (const root of options.roots) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(root);
    } catch {
      continue;
    }
    if (stat.isFile()) {
      const rel = toPosix(path.relative(options.srcRoot, root));
      const kind = classifyPath(rel);
      if (kind && !seen.has(root)) {
        seen.add(root);
        yield { abs: root, rel, kind, gitIgnored: false };
      }
      continue;
    }
    const layers = ancestorLayers(root, options.onWarning);
    yield* walk(root, layers, options, seen);
  }
}

function* walk(
  dir: string,
  parentLayers: IgnoreLayer[],
  options: DiscoverOptions,
  seen: Set<string>,
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
      options.onWarning?.(current, `directory could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
      continue;
    }
    // Only a directory that lists a .gitignore pays for reading one.
    const own = entries.some((e) => e.name === ".gitignore")
      ? loadIgnore(current, [".gitignore"], options.onWarning)
      : undefined;
    const layers = own ? [...above, own] : above;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      if (entry.isSymbolicLink()) continue;
      const abs = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (SKIP_DIRS.has(entry.name)) continue;
        if (isIgnored(layers, abs, true)) continue;
        if (options.accept && !options.accept(relOf(abs), true)) continue;
        subdirs.push(abs);
        continue;
      }
      if (!entry.isFile()) continue;
      const rel = relOf(abs);
      const kind = classifyPath(rel);
      if (!kind || seen.has(abs)) continue;
      const gitIgnored = isIgnored(layers, abs, false);
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
