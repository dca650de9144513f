/**
 * Every credential that ever was in a repository's history, deleted or not: where and when it first
 * appeared, where it was last added, and whether HEAD still holds it.
 *
 * Fast on big histories because every file version is read once, not once per commit:
 * 1. `git log --all --raw` lists, per commit, the blobs it introduced (tree diffs only, no content);
 * 2. `git cat-file --batch` streams each distinct blob once, HEAD's first, then newest to oldest;
 * 3. the caller's matcher (credential regexes with their own prefilter) scans each text blob.
 * A wall-clock budget bounds both steps; whatever was not reached is reported back.
 */
import * as path from "node:path";
import { LineIndex } from "../engine/text";
import { SKIP_DIRS } from "../engine/file-kinds";
import { BlobReader } from "./cat-file";
import { git, gitStream } from "../git/run";
import { DEFAULT_HISTORY_BUDGET_MS, DEFAULT_MAX_BLOB_BYTES, type HistoryOptions } from "./options";

export interface HistoryMatch {
  /** The secret; kept in memory to group sightings, never printed. */
  value: string;
  start: number;
  end: number;
}

/** Finds credentials in one file version; `file` is relative to the scanned root. */
export type HistoryMatcher<M extends HistoryMatch> = (text: string, file: string) => M[];

export interface Sighting {
  commit: string;
  /** Commit time, seconds since the epoch. */
  time: number;
  /** Relative to the scanned root. */
  file: string;
  line: number;
}

export interface HeadPlace {
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Exposure<M extends HistoryMatch> {
  /** The first match seen (kind, label and the like come from the matcher). */
  match: M;
  first: Sighting;
  /** The most recent commit that added a file version holding it. */
  last: Sighting;
  /** Where HEAD holds it, if anywhere. */
  head: HeadPlace[];
  /** Distinct commits that added a file version holding it. */
  commits: number;
}

export interface HistoryResult<M extends HistoryMatch> {
  exposures: Array<Exposure<M>>;
  /** Why the scan could not run at all (not a git work tree, git missing). */
  unavailable?: string;
  shallow: boolean;
  commitsRead: number;
  /** The commit listing ran to its end (false: stopped by the budget, or failed). */
  logComplete: boolean;
  /** Time of the last (oldest) commit listed, seconds. */
  oldestListed?: number;
  blobsTotal: number;
  blobsScanned: number;
  blobsTooLarge: number;
  /** Tree entries whose path is not a plain relative path (`..`, `.`, empty or `.git` segments): skipped. */
  unsafePaths: number;
  /** When blobs were left unscanned: the newest commit time among them (seconds). */
  unscannedNewest?: number;
  budgetExceeded: boolean;
  millis: number;
  error?: string;
}

const BINARY_EXT =
  /\.(png|jpe?g|gif|webp|avif|ico|bmp|tiff?|psd|svgz|mp[34]|m4a|mov|avi|webm|ogg|wav|flac|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|node|pyc|o|a|lib|sqlite3?|db|parquet|onnx|pt|ckpt|safetensors)$/i;
const SKIP_FILES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "bun.lockb",
  "composer.lock",
  "Cargo.lock",
  "poetry.lock",
  "Gemfile.lock",
  "go.sum",
]);

function worthReading(file: string): boolean {
  if (BINARY_EXT.test(file)) return false;
  const parts = file.split("/");
  if (SKIP_FILES.has(parts[parts.length - 1]!)) return false;
  return !parts.slice(0, -1).some((p) => SKIP_DIRS.has(p));
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/** A path git could check out: relative, `/`-separated, no empty, `.`, `..` or `.git` segment. */
export function safeTreePath(file: string): boolean {
  if (file === "" || file.includes("\0")) return false;
  return file.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".." && seg.toLowerCase() !== ".git");
}

const TIMED_OUT = Symbol("timed out");

/** `promise`, or TIMED_OUT once `ms` have passed (git that stops answering must not hang the scan). */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms) + 1_000);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

interface Introduction {
  commit: number;
  file: string;
}

export async function scanHistory<M extends HistoryMatch>(
  root: string,
  matcher: HistoryMatcher<M>,
  options: HistoryOptions = {},
  progress?: (message: string) => void,
): Promise<HistoryResult<M>> {
  const started = performance.now();
  const budget = options.budgetMs ?? DEFAULT_HISTORY_BUDGET_MS;
  const maxBlob = options.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const every = (options.progressEverySeconds ?? 2) * 1000;
  const elapsed = () => performance.now() - started;
  const overBudget = () => elapsed() > budget;
  let lastProgress = started;
  const tick = (message: () => string) => {
    const now = performance.now();
    if (progress && now - lastProgress >= every) {
      lastProgress = now;
      progress(message());
    }
  };
  const result: HistoryResult<M> = {
    exposures: [],
    shallow: false,
    commitsRead: 0,
    logComplete: false,
    blobsTotal: 0,
    blobsScanned: 0,
    blobsTooLarge: 0,
    unsafePaths: 0,
    budgetExceeded: false,
    millis: 0,
  };
  const done = () => ((result.millis = elapsed()), result);

  const top = (await git(root, ["rev-parse", "--show-toplevel"]))?.trim();
  if (!top) {
    result.unavailable = "the scanned path is not inside a git work tree";
    return done();
  }
  const prefix = path.relative(top, root).split(path.sep).join("/");
  const pathspec = prefix ? ["--", prefix] : [];
  const toRoot = (file: string): string | undefined => {
    // Git refuses to check out such names, but a crafted tree object can hold them: a `..` entry
    // would point a finding (and finalisation's read of the file) outside the root.
    if (!safeTreePath(file)) {
      result.unsafePaths++;
      return undefined;
    }
    return !prefix ? file : file.startsWith(prefix + "/") ? file.slice(prefix.length + 1) : undefined;
  };
  result.shallow = (await git(top, ["rev-parse", "--is-shallow-repository"]))?.trim() === "true";
  const hasHead = (await git(top, ["rev-parse", "--verify", "-q", "HEAD"])) !== undefined;

  // HEAD's blobs, to tell credentials still present from deleted ones.
  const headBlobs = new Map<string, string[]>();
  if (hasHead) {
    const tree = (await git(top, ["ls-tree", "-r", "-z", "--full-tree", "HEAD", ...pathspec])) ?? "";
    for (const entry of tree.split("\0")) {
      const m = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (!m || m[1] === "160000" || m[1] === "120000") continue;
      const file = toRoot(m[3]!);
      if (file === undefined || !worthReading(file)) continue;
      const list = headBlobs.get(m[2]!) ?? [];
      list.push(file);
      headBlobs.set(m[2]!, list);
    }
  }

  // 1. Which commit introduced which blob at which path (newest commits first).
  const commits: Array<{ sha: string; time: number }> = [];
  const introductions = new Map<string, Introduction[]>();
  const order: string[] = [];
  let pendingBlob: string | undefined;
  const log = await gitStream(
    top,
    [
      "log",
      "--all",
      "--no-renames",
      "--raw",
      "--no-abbrev",
      "-z",
      "--root",
      "--no-color",
      "--format=%x01%H %ct",
      ...(prefix ? ["--full-history"] : []),
      ...pathspec,
    ],
    (token) => {
      const t = token.startsWith("\n") ? token.slice(1) : token;
      if (t.startsWith("\x01")) {
        const [sha, time] = t.slice(1).split(" ");
        commits.push({ sha: sha!, time: Number(time) });
        result.commitsRead++;
        pendingBlob = undefined;
        tick(() => `history: listed ${result.commitsRead} commits…`);
        return !overBudget();
      }
      if (t.startsWith(":")) {
        // :<old mode> <new mode> <old blob> <new blob> <status>
        const [, newMode, , newBlob, status] = t.slice(1).split(" ");
        pendingBlob =
          status !== "D" && newMode !== "160000" && newMode !== "120000" && !/^0+$/.test(newBlob ?? "0")
            ? newBlob
            : undefined;
        return true;
      }
      if (pendingBlob && commits.length) {
        const file = toRoot(t);
        if (file !== undefined && worthReading(file)) {
          let list = introductions.get(pendingBlob);
          if (!list) {
            introductions.set(pendingBlob, (list = []));
            order.push(pendingBlob);
          }
          list.push({ commit: commits.length - 1, file });
        }
        pendingBlob = undefined;
      }
      return true;
    },
    // A git that stops producing output never reaches the budget check above.
    { timeoutMs: budget + 5_000 },
  );
  result.logComplete = log.complete;
  result.oldestListed = commits.length ? commits[commits.length - 1]!.time : undefined;
  if (log.error) result.error = log.error;
  if (!log.complete && overBudget()) result.budgetExceeded = true;

  // 2. Blobs: HEAD's first (they decide "still in HEAD"), then newest to oldest.
  const queue: string[] = [];
  const queued = new Set<string>();
  for (const id of [...headBlobs.keys(), ...order]) {
    if (!queued.has(id)) {
      queued.add(id);
      queue.push(id);
    }
  }
  result.blobsTotal = queue.length;
  const exposures = new Map<string, Exposure<M> & { commitSet: Set<number> }>();
  const reader = new BlobReader(top, budget + 5_000);
  const WINDOW = 32;
  let next = 0;
  const inFlight: Array<{ id: string; content: Promise<Buffer | undefined> }> = [];
  try {
    for (;;) {
      while (inFlight.length < WINDOW && next < queue.length && !result.budgetExceeded) {
        const id = queue[next++]!;
        inFlight.push({ id, content: reader.read(id) });
      }
      const item = inFlight.shift();
      if (!item) break;
      const content = await withDeadline(item.content, budget - elapsed());
      if (content === TIMED_OUT || overBudget()) {
        result.budgetExceeded = true;
        // This one and everything queued after it are left unscanned.
        next = queue.indexOf(item.id);
        inFlight.length = 0;
        break;
      }
      result.blobsScanned++;
      tick(
        () =>
          `history: scanned ${result.blobsScanned}/${result.blobsTotal} file versions from ${result.commitsRead} commits, ${exposures.size} credential(s) so far…`,
      );
      if (!content) continue;
      if (content.length > maxBlob) {
        result.blobsTooLarge++;
        continue;
      }
      if (looksBinary(content)) continue;
      const intros = introductions.get(item.id) ?? [];
      const heads = headBlobs.get(item.id) ?? [];
      const file = heads[0] ?? intros[0]?.file;
      if (file === undefined) continue;
      const text = content.toString("utf8");
      const matches = matcher(text, file);
      if (!matches.length) continue;
      const lines = new LineIndex(text);
      for (const m of matches) {
        const range = lines.range(m.start, m.end);
        let e = exposures.get(m.value);
        for (const intro of intros) {
          const c = commits[intro.commit]!;
          const sighting: Sighting = { commit: c.sha, time: c.time, file: intro.file, line: range.startLine };
          if (!e) {
            e = { match: m, first: sighting, last: sighting, head: [], commits: 0, commitSet: new Set() };
            exposures.set(m.value, e);
          }
          if (c.time < e.first.time) e.first = sighting;
          if (c.time > e.last.time) e.last = sighting;
          e.commitSet.add(intro.commit);
        }
        if (heads.length && !e) {
          // In HEAD but its introducing commit was not listed (budget, shallow clone).
          const sighting: Sighting = { commit: "", time: NaN, file: heads[0]!, line: range.startLine };
          e = { match: m, first: sighting, last: sighting, head: [], commits: 0, commitSet: new Set() };
          exposures.set(m.value, e);
        }
        if (!e) continue;
        for (const h of heads) e.head.push({ file: h, ...range });
      }
    }
  } finally {
    reader.close();
  }
  if (next < queue.length && result.budgetExceeded) {
    let newest: number | undefined;
    for (const id of queue.slice(next)) {
      for (const intro of introductions.get(id) ?? []) {
        const t = commits[intro.commit]!.time;
        if (newest === undefined || t > newest) newest = t;
      }
    }
    result.unscannedNewest = newest;
  }
  result.exposures = [...exposures.values()]
    .map(({ commitSet, ...e }) => ({
      ...e,
      commits: commitSet.size,
      head: e.head.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine)),
    }))
    .sort(
      (a, b) =>
        (a.first.time || 0) - (b.first.time || 0) ||
        (a.first.file < b.first.file ? -1 : a.first.file > b.first.file ? 1 : a.first.line - b.first.line),
    );
  progress?.(
    `history: done in ${(elapsed() / 1000).toFixed(1)} s: ${result.commitsRead} commits, ${result.blobsScanned}/${result.blobsTotal} file versions, ${result.exposures.length} credential(s)`,
  );
  return done();
}
