/**
 * Reading and writing files the scanned repository controls. Everything in a checkout is the
 * attacker's choice in a pull request: a file may be a symbolic link to /etc/passwd or /dev/zero, a
 * FIFO that blocks the reader forever, or a path with `..` in it. So every read here opens without
 * following a final link and without blocking, accepts regular files only, and stops at a size cap;
 * paths are checked to stay inside the directory they were meant for.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Why a file was not read; `code` is a stable word for messages and notification ids. */
export class FileRefused extends Error {
  constructor(
    readonly code: "not-found" | "symlink" | "not-regular" | "too-large" | "outside" | "unreadable",
    message: string,
  ) {
    super(message);
    this.name = "FileRefused";
  }
}

// O_NOFOLLOW: a final symbolic link fails (ELOOP) instead of being followed. O_NONBLOCK: opening a
// FIFO returns at once instead of waiting for a writer, so fstat can refuse it. Neither exists on
// Windows, where the constants are undefined.
const READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

/** What an open file descriptor is, for messages. */
function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

function refusedOpen(err: NodeJS.ErrnoException): FileRefused {
  if (err.code === "ENOENT" || err.code === "ENOTDIR") return new FileRefused("not-found", "does not exist");
  if (err.code === "ELOOP" || err.code === "EMLINK")
    return new FileRefused("symlink", "is a symbolic link (links are not followed)");
  return new FileRefused("unreadable", `could not be read (${err.code ?? "error"})`);
}

/**
 * Open `abs` for reading if it is a regular file (not through a final symbolic link, never blocking
 * on a FIFO). Returns the descriptor and its size; throws FileRefused.
 */
export function openRegular(abs: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = fs.openSync(abs, READ_FLAGS);
  } catch (err) {
    throw refusedOpen(err as NodeJS.ErrnoException);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new FileRefused("not-regular", `is ${kindOf(stat)}, not a regular file`);
    return { fd, size: stat.size };
  } catch (err) {
    fs.closeSync(fd);
    throw err instanceof FileRefused ? err : refusedOpen(err as NodeJS.ErrnoException);
  }
}

/**
 * The contents of a regular file, at most `maxBytes` (a file that grows past the cap while being
 * read is refused too: the size from fstat is not trusted alone).
 */
export function readRegular(abs: string, maxBytes: number): Buffer {
  const { fd, size } = openRegular(abs);
  try {
    if (size > maxBytes)
      throw new FileRefused("too-large", `is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
    const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, got, buf.length - got, null);
      if (n === 0) break;
      got += n;
      if (got > maxBytes) throw new FileRefused("too-large", `grew over the ${formatBytes(maxBytes)} limit while read`);
      if (got === buf.length) break;
    }
    return buf.subarray(0, got);
  } catch (err) {
    throw err instanceof FileRefused ? err : refusedOpen(err as NodeJS.ErrnoException);
  } finally {
    fs.closeSync(fd);
  }
}

/** `readRegular` as UTF-8 text. */
export function readRegularText(abs: string, maxBytes: number): string {
  return readRegular(abs, maxBytes).toString("utf8");
}

/** Whether `child` is `parent` or lies below it (both absolute, same form). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (rel !== ".." && !rel.startsWith(".." + path.sep) && !path.isAbsolute(rel));
}

/** The real path of `p`, or undefined when it does not exist. */
export function realpathOrUndefined(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Whether the existing path `abs` lies inside `root` once every symbolic link on the way is
 * resolved (so `root/link-to-etc/passwd` is outside). `root` must be a real path.
 */
export function resolvesInside(abs: string, root: string): boolean {
  const real = realpathOrUndefined(abs);
  return real !== undefined && isInside(real, root);
}

/**
 * Where a path that need not exist yet would be written: its parent directory's real path joined with
 * its name. Undefined when the parent does not exist.
 */
export function realTarget(abs: string): string | undefined {
  const parent = realpathOrUndefined(path.dirname(abs));
  return parent === undefined ? undefined : path.join(parent, path.basename(abs));
}

/** Whether a path has a `.git` directory on it (case-insensitive: macOS and Windows file systems). */
export function isInGitDir(abs: string): boolean {
  return abs.split(/[\\/]/).some((seg) => seg.toLowerCase() === ".git");
}

const WRITE_FLAGS =
  fs.constants.O_WRONLY |
  fs.constants.O_CREAT |
  fs.constants.O_TRUNC |
  (fs.constants.O_NOFOLLOW ?? 0) |
  (fs.constants.O_NONBLOCK ?? 0);

/**
 * Write `text` to `abs` unless its last component is a symbolic link or not a regular file (a link
 * planted in the checkout at the output's path would redirect the write anywhere).
 */
export function writeRegular(abs: string, text: string): void {
  let fd: number;
  try {
    fd = fs.openSync(abs, WRITE_FLAGS, 0o644);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === "ELOOP" || e.code === "EMLINK") throw new FileRefused("symlink", "is a symbolic link: not written");
    throw err;
  }
  try {
    if (!fs.fstatSync(fd).isFile()) throw new FileRefused("not-regular", "is not a regular file: not written");
    fs.writeFileSync(fd, text);
  } finally {
    fs.closeSync(fd);
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} B`;
}
