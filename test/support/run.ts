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
    env: withoutForceColor({ ...process.env, NO_COLOR: "1", ...options.env }, options.env),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** FORCE_COLOR overrides NO_COLOR: keep the test runner's own out unless a test sets it. */
function withoutForceColor(env: NodeJS.ProcessEnv, own: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (!("FORCE_COLOR" in own)) delete env.FORCE_COLOR;
  return env;
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

export interface InProcessOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** The clock suppression expiry dates are compared with. */
  now?: Date;
  stdoutTTY?: boolean;
  stderrTTY?: boolean;
}

/**
 * The CLI from the sources in this process (no bundle, no worker threads): quicker than runCli for
 * tests of arguments and formats, and the only way to fix the clock.
 */
export async function runCliInProcess(args: string[], options: InProcessOptions = {}): Promise<Run> {
  const { runCli: run } = await import("../../src/cli");
  const out = { stdout: "", stderr: "" };
  const status = await run(args, {
    stdout: { write: (s: string) => (out.stdout += s), isTTY: options.stdoutTTY },
    stderr: { write: (s: string) => (out.stderr += s), isTTY: options.stderrTTY },
    cwd: options.cwd ?? REPO,
    env: options.env ?? {},
    ...(options.now ? { now: () => options.now! } : {}),
  });
  return { status, ...out };
}
