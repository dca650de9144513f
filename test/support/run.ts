/** Running the committed bundle the way users do, and scanning through the engine directly. */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

export const REPO = path.resolve(__dirname, "../..");
export const BIN = path.join(REPO, "bin/upstash-scan.js");
export const DEMO = path.join(REPO, "examples/demo-app");

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `node bin/upstash-scan.js …args` in `cwd`. */
export function runCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = "upstash-scan-"): { dir: string; cleanup: () => void } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write a tree of files ({ "a/b.ts": "…" }) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/**
 * `tree(files)` for one test file: each call writes a fresh temporary tree and returns its path;
 * every tree made during a test is removed after it.
 */
export function temporaryTrees(
  afterEach: (fn: () => void) => void,
): (files: Record<string, string | Buffer>) => string {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const c of cleanups.splice(0)) c();
  });
  return (files) => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeTree(t.dir, files);
    return t.dir;
  };
}
