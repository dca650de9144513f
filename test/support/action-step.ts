/**
 * One Action step the way the runner runs it: `node dist/index.js` with INPUT_* variables (names
 * mangled as the runner does: upper-cased, hyphens kept), GITHUB_* variables, an event payload file,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, and GITHUB_API_URL pointing at a
 * loopback FakeGitHub. Needs a current bundle (`npm run bundle`).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as zlib from "node:zlib";
import { REPO } from "./run";

export const BUNDLE = path.join(REPO, "dist/index.js");

export interface StepRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  sarif?: string;
}

export interface StepOptions {
  /** The directory this run's files (event, outputs, summary, RUNNER_TEMP unless given) go to. */
  dir: string;
  workspace: string;
  apiUrl: string;
  event: string;
  payload: object;
  ref: string;
  sha: string;
  /** action.yml inputs by their real names; unset ones are empty, as the runner leaves them without a default. */
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  /** Shared between steps of one job. */
  runnerTemp?: string;
}

/** The name/value pairs of a GITHUB_OUTPUT file (heredoc form, as @actions/core writes it). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^\n<]+)<<(ghadelimiter_[0-9a-f-]+)\n([\s\S]*?)\n?\2$/gm;
  for (let m; (m = re.exec(text));) out[m[1]!] = m[3]!;
  return out;
}

/** The SARIF text inside an upload request's body. */
export function uploadedSarif(body: string): string {
  return zlib.gunzipSync(Buffer.from((JSON.parse(body) as { sarif: string }).sarif, "base64")).toString("utf8");
}

export async function runStep(o: StepOptions): Promise<StepRun> {
  fs.mkdirSync(o.dir, { recursive: true });
  const files = {
    output: path.join(o.dir, "output"),
    summary: path.join(o.dir, "summary"),
    event: path.join(o.dir, "event.json"),
  };
  fs.writeFileSync(files.output, "");
  fs.writeFileSync(files.summary, "");
  fs.writeFileSync(files.event, JSON.stringify(o.payload));
  const inputs: Record<string, string> = {
    path: ".",
    "fail-on": "high",
    "sarif-file": "upstash-scan.sarif",
    upload: "auto",
    token: "test-token-for-the-fake-api",
    "wait-for-processing": "true",
    matrix: "null",
    ...o.inputs,
  };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? o.dir,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_REPOSITORY: "octo/demo",
    GITHUB_SERVER_URL: "https://github.example",
    GITHUB_API_URL: o.apiUrl,
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REF: o.ref,
    GITHUB_SHA: o.sha,
    GITHUB_ACTOR: "octocat",
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    RUNNER_TEMP: o.runnerTemp ?? o.dir,
    // Test-only timing: poll and retry after milliseconds instead of seconds.
    UPSTASH_SCAN_POLL_DELAYS_MS: "30,30,30,30",
    UPSTASH_SCAN_RETRY_BASE_MS: "20",
    ...o.env,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;

  const child = spawn(process.execPath, [BUNDLE], { cwd: o.workspace, env });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const sarifPath = path.resolve(o.workspace, inputs["sarif-file"]!);
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(fs.readFileSync(files.output, "utf8")),
    summary: fs.readFileSync(files.summary, "utf8"),
    sarif: fs.existsSync(sarifPath) ? fs.readFileSync(sarifPath, "utf8") : undefined,
  };
}

/** The `::error::` lines: what the step failed with. */
export const failureLines = (r: StepRun) => r.stdout.split("\n").filter((l) => l.startsWith("::error::"));
