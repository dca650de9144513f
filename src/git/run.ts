/**
 * Every git command the scanner runs goes through here. The scanned repository is untrusted, and so
 * is its `.git/config` (a downloaded archive, or an earlier workflow step, can write it): git runs
 * programs named there even for read-only commands — `core.fsmonitor` for `ls-files` and `diff`,
 * clean filters and textconv drivers for diffs against the work tree, `gpg.program` when
 * `log.showSignature` is set, transports for lazy fetches in partial clones. So every call:
 *
 * - passes `--no-ext-diff --no-textconv` to every command that can show a patch;
 * - overrides each setting that names a program: the fixed list below on the command line, plus the
 *   filter and diff drivers the repository's configuration declares (listed once per repository,
 *   overridden through GIT_CONFIG_COUNT, which takes any key verbatim);
 * - runs with a clean environment: no GIT_* variable from outside (GIT_DIR, GIT_EXTERNAL_DIFF,
 *   GIT_SSH_COMMAND, …), no system configuration (GIT_CONFIG_NOSYSTEM), no prompts, no optional locks;
 *   HOME stays so that the user's global configuration (safe.directory) still applies;
 * - has a timeout, after which git is killed;
 * - takes refs and paths from input only after `--end-of-options` or `--` (callers' duty, checked by
 *   the tests).
 */
import { execFile, execFileSync, spawn, type ChildProcess, type StdioOptions } from "node:child_process";

/** Default time limit of one git command. */
export const GIT_TIMEOUT_MS = 60_000;
const MAX_BUFFER = 512 * 1024 * 1024;

/** Settings that make git run a program (or touch the network), neutralised on every call. */
const FIXED_OVERRIDES: ReadonlyArray<[string, string]> = [
  ["core.fsmonitor", "false"],
  ["core.hooksPath", "/dev/null"],
  ["core.pager", "cat"],
  ["core.sshCommand", "false"],
  ["core.askPass", ""],
  ["core.editor", "false"],
  ["core.alternateRefsCommand", ""],
  ["sequence.editor", "false"],
  ["credential.helper", ""],
  ["gpg.program", "false"],
  ["gpg.ssh.program", "false"],
  ["gpg.x509.program", "false"],
  ["log.showSignature", "false"],
  ["protocol.allow", "never"],
  ["uploadpack.packObjectsHook", ""],
  ["maintenance.auto", "false"],
  ["gc.auto", "0"],
  ["core.quotePath", "false"],
  ["color.ui", "false"],
];

// Driver keys that name programs: filter.<driver>.clean/smudge/process and diff.<driver>.textconv/command.
const DRIVER_KEY = /^(filter\.(.+)\.(clean|smudge|process)|diff\.(.+)\.(textconv|command))$/i;
const FILTER_REQUIRED = /^filter\.(.+)\.required$/i;

/** Environment variables passed through from the caller; everything else is dropped. */
const KEEP_ENV = [
  "PATH",
  "HOME",
  "USERPROFILE",
  "XDG_CONFIG_HOME",
  "SYSTEMROOT",
  "SystemRoot",
  "TMPDIR",
  "TEMP",
  "TMP",
];

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const k of KEEP_ENV) if (process.env[k] !== undefined) env[k] = process.env[k];
  return {
    ...env,
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_ATTR_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    GIT_OPTIONAL_LOCKS: "0",
    GIT_NO_REPLACE_OBJECTS: "1",
    GIT_NO_LAZY_FETCH: "1",
    GIT_PAGER: "cat",
    PAGER: "cat",
  };
}

const FIXED_ARGS = FIXED_OVERRIDES.flatMap(([k, v]) => ["-c", `${k}=${v}`]);

/** Per repository directory: the environment with its declared drivers overridden. */
const envCache = new Map<string, NodeJS.ProcessEnv>();

/**
 * The environment for git in `cwd`: the clean base plus overrides for every filter and diff driver
 * the configuration visible there declares. Listing the configuration runs no program.
 */
export function gitEnv(cwd: string): NodeJS.ProcessEnv {
  const cached = envCache.get(cwd);
  if (cached) return cached;
  const env = baseEnv();
  let listing = "";
  try {
    listing = execFileSync("git", [...FIXED_ARGS, "config", "--list", "--name-only", "-z"], {
      cwd,
      env,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
      killSignal: "SIGKILL",
      maxBuffer: 16 * 1024 * 1024,
      windowsHide: true,
    });
  } catch {
    // Not a repository, or no configuration git can read: nothing declared to override.
  }
  const overrides = new Map<string, string>();
  for (const key of listing.split("\0")) {
    if (DRIVER_KEY.test(key)) overrides.set(key, "");
    else if (FILTER_REQUIRED.test(key)) overrides.set(key, "false");
  }
  if (overrides.size) {
    env.GIT_CONFIG_COUNT = String(overrides.size);
    [...overrides].forEach(([k, v], i) => {
      env[`GIT_CONFIG_KEY_${i}`] = k;
      env[`GIT_CONFIG_VALUE_${i}`] = v;
    });
  }
  if (envCache.size > 64) envCache.clear();
  envCache.set(cwd, env);
  return env;
}

// Commands that can show patches: never through an external diff program or a textconv driver.
const PATCH_COMMANDS = new Set(["diff", "log", "show"]);

/** The full argument list for one git command. */
export function gitArgs(args: readonly string[]): string[] {
  const [command, ...rest] = args;
  if (command !== undefined && PATCH_COMMANDS.has(command))
    return [...FIXED_ARGS, command, "--no-ext-diff", "--no-textconv", ...rest];
  return [...FIXED_ARGS, ...args];
}

export class GitError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "GitError";
  }
}

export interface GitOptions {
  timeoutMs?: number;
  maxBuffer?: number;
}

function firstLine(s: string | Buffer | undefined): string {
  return String(s ?? "")
    .trim()
    .split("\n")[0]!
    .slice(0, 500);
}

/** Output of a git command; throws GitError (with git's first line of stderr) when it fails or times out. */
export function gitSync(cwd: string, args: readonly string[], options: GitOptions = {}): string {
  try {
    return execFileSync("git", gitArgs(args), {
      cwd,
      env: gitEnv(cwd),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
      killSignal: "SIGKILL",
      maxBuffer: options.maxBuffer ?? MAX_BUFFER,
      windowsHide: true,
    });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; signal?: string };
    const stderr = firstLine(e.stderr);
    const why = e.signal === "SIGKILL" ? "timed out" : stderr || e.code || "failed";
    throw new GitError(`git ${args[0]} ${why}`, stderr);
  }
}

/** Output of a git command, or undefined when it fails. */
export function tryGitSync(cwd: string, args: readonly string[], options: GitOptions = {}): string | undefined {
  try {
    return gitSync(cwd, args, options);
  } catch {
    return undefined;
  }
}

/** Output of a git command, or undefined when it fails (asynchronous). */
export function git(cwd: string, args: readonly string[], options: GitOptions = {}): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      "git",
      gitArgs(args),
      {
        cwd,
        env: gitEnv(cwd),
        encoding: "utf8",
        timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
        killSignal: "SIGKILL",
        maxBuffer: options.maxBuffer ?? MAX_BUFFER,
        windowsHide: true,
      },
      (err, stdout) => resolve(err ? undefined : stdout),
    );
  });
}

/** A long-running git process (e.g. `cat-file --batch`); the caller ends it. */
export function gitSpawn(cwd: string, args: readonly string[], stdio: StdioOptions): ChildProcess {
  return spawn("git", gitArgs(args), { cwd, env: gitEnv(cwd), stdio, windowsHide: true });
}

/**
 * Stream a git command's output as NUL-separated tokens. `onToken` returns false to stop early (the
 * process is then killed). Resolves with whether the stream ran to its end. Killed after `timeoutMs`.
 */
export function gitStream(
  cwd: string,
  args: readonly string[],
  onToken: (token: string) => boolean,
  options: GitOptions = {},
): Promise<{ complete: boolean; error?: string }> {
  return new Promise((resolve) => {
    const child = gitSpawn(cwd, args, ["ignore", "pipe", "pipe"]);
    let rest = "";
    let stopped = false;
    let timedOut = false;
    let stderr = "";
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? GIT_TIMEOUT_MS);
    child.stdout!.setEncoding("utf8");
    child.stdout!.on("data", (chunk: string) => {
      if (stopped) return;
      const parts = (rest + chunk).split("\0");
      rest = parts.pop()!;
      for (const part of parts) {
        if (!onToken(part)) {
          stopped = true;
          child.kill();
          return;
        }
      }
    });
    child.stderr!.setEncoding("utf8");
    child.stderr!.on("data", (s: string) => {
      if (stderr.length < 4000) stderr += s;
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ complete: false, error: err.message });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ complete: false, error: "git timed out" });
      if (!stopped && rest) onToken(rest);
      if (stopped) resolve({ complete: false });
      else if (code !== 0) resolve({ complete: false, error: firstLine(stderr) || `git exited with ${code}` });
      else resolve({ complete: true });
    });
  });
}
