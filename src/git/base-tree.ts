/**
 * A commit's files written to a temporary directory, so that the base of a change can be scanned like
 * any tree (for `gate-on: new`: a finding whose fingerprint the base does not have is new, even on an
 * unchanged line). Read from git's object store, never checked out: no hook, filter or attribute of
 * the repository applies. Only files the scanner reads are written; links, submodules, paths git
 * would refuse (`..`, `.git`) and files over the read limit are left out.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { classifyPath } from "../engine/file-kinds";
import { BlobReader } from "../history/cat-file";
import { safeTreePath } from "../history/scan-history";
import { gitSync } from "./run";

/** Reading the base's files, at most (git is killed after it, and the base counts as unavailable). */
const BASE_TREE_TIMEOUT_MS = 120_000;

export interface BaseTree {
  dir: string;
  files: number;
  /** Removes the directory. */
  cleanup(): void;
}

/**
 * Write the files of `commit` under `prefix` (a directory of the work tree, "" for its top) into a
 * fresh temporary directory; paths there are relative to `prefix`.
 */
export async function writeBaseTree(top: string, commit: string, prefix: string, maxBytes: number): Promise<BaseTree> {
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(commit)) throw new Error(`not a commit id: ${commit}`);
  const listing = gitSync(top, ["ls-tree", "-r", "-z", "--full-tree", "-l", commit, "--", ...(prefix ? [prefix] : [])]);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "upstash-scan-base-"));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const wanted: Array<{ id: string; rel: string }> = [];
  for (const entry of listing.split("\0")) {
    // <mode> blob <id> <size>\t<path>; links (120000) and submodules (160000) are not files.
    const m = /^(100644|100755) blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(entry);
    if (!m || !safeTreePath(m[4]!) || Number(m[3]) > maxBytes) continue;
    const full = m[4]!;
    const rel = prefix ? (full.startsWith(prefix + "/") ? full.slice(prefix.length + 1) : undefined) : full;
    if (rel && classifyPath(rel)) wanted.push({ id: m[2]!, rel });
  }
  const reader = new BlobReader(top, BASE_TREE_TIMEOUT_MS);
  let files = 0;
  try {
    // A window of reads in flight: git never waits for us, and memory holds a few files, not all.
    const inFlight: Array<{ rel: string; content: Promise<Buffer | undefined> }> = [];
    for (let next = 0; next < wanted.length || inFlight.length;) {
      while (inFlight.length < 64 && next < wanted.length) {
        const w = wanted[next++]!;
        inFlight.push({ rel: w.rel, content: reader.read(w.id) });
      }
      const r = inFlight.shift()!;
      const content = await r.content;
      // Missing (a partial clone) or git stopped: an incomplete base would make old findings look new.
      if (!content) throw new Error("git could not read every file of the base commit");
      const abs = path.join(dir, ...r.rel.split("/"));
      try {
        fs.mkdirSync(path.dirname(abs), { recursive: true });
        fs.writeFileSync(abs, content, { flag: "wx" });
        files++;
      } catch {
        // A crafted tree can hold a file and a directory of one name: the second one is skipped.
      }
    }
  } catch (err) {
    cleanup();
    throw err;
  } finally {
    reader.close();
  }
  return { dir: fs.realpathSync(dir), files, cleanup };
}
