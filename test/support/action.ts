/**
 * Running the Action the way the runner does: `node dist/index.js` with INPUT_* variables (names
 * mangled as the runner does: upper-cased, hyphens kept), GITHUB_* variables, an event payload file,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and GITHUB_API_URL pointing at a loopback server.
 */
import { execFileSync, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "./run";

export const BUNDLE = path.join(REPO, "dist/index.js");
export const hasBundle = fs.existsSync(BUNDLE);

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  sarif?: string;
  ms: number;
}

/** The name/value pairs of a GITHUB_OUTPUT file (heredoc form, as @actions/core writes it). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n?\2$/gm;
  for (let m; (m = re.exec(text));) out[m[1]!] = m[3]!;
  return out;
}

export interface StepOptions {
  /** GITHUB_WORKSPACE, and the step's working directory. */
  workspace: string;
  /** A directory for this run's event, output and summary files (RUNNER_TEMP). */
  runDir: string;
  apiUrl: string;
  event: string;
  payload: object | string;
  ref: string;
  sha: string;
  /** action.yml inputs by their real names; the rest get action.yml's defaults. */
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** Killed after this long (the run then reports code null). */
  timeoutMs?: number;
}

export const DEFAULT_INPUTS: Record<string, string> = {
  path: ".",
  "fail-on": "high",
  "sarif-file": "upstash-scan.sarif",
  upload: "auto",
  category: "upstash-scan",
  token: "",
  config: "",
  "wait-for-processing": "true",
};

export async function runAction(opts: StepOptions): Promise<StepRun> {
  fs.mkdirSync(opts.runDir, { recursive: true });
  const files = {
    output: path.join(opts.runDir, "output"),
    summary: path.join(opts.runDir, "summary"),
    event: path.join(opts.runDir, "event.json"),
  };
  fs.writeFileSync(files.output, "");
  fs.writeFileSync(files.summary, "");
  fs.writeFileSync(files.event, typeof opts.payload === "string" ? opts.payload : JSON.stringify(opts.payload));
  const inputs = { ...DEFAULT_INPUTS, ...opts.inputs };
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? opts.runDir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: opts.workspace,
    GITHUB_REPOSITORY: "octo/demo",
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: opts.ref,
    GITHUB_SHA: opts.sha,
    GITHUB_ACTOR: "octocat",
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: opts.runDir,
    // Test-only timing: poll and retry after milliseconds instead of seconds.
    UPSTASH_SCAN_POLL_DELAYS_MS: "30,30,30,30",
    UPSTASH_SCAN_RETRY_BASE_MS: "20",
    ...opts.env,
  };
  // The runner's mangling: INPUT_ + name upper-cased, spaces to underscores, hyphens kept.
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
  const defined = Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));

  const started = Date.now();
  const child = spawn(process.execPath, [BUNDLE], { cwd: opts.workspace, env: defined });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const timer = opts.timeoutMs ? setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs) : undefined;
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  const sarifPath = path.resolve(opts.workspace, inputs["sarif-file"]!);
  const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, "utf8") : "");
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(read(files.output)),
    summary: read(files.summary),
    sarif: fs.existsSync(sarifPath) && fs.statSync(sarifPath).isFile() ? fs.readFileSync(sarifPath, "utf8") : undefined,
    ms: Date.now() - started,
  };
}

/** A git runner for a test repository: fixed identity, no global or system configuration. */
export function gitIn(dir: string): (...args: string[]) => string {
  return (...args) =>
    execFileSync(
      "git",
      ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "init.defaultBranch=main", ...args],
      { cwd: dir, encoding: "utf8", env: { ...process.env, GIT_CONFIG_NOSYSTEM: "1" } },
    ).trim();
}
