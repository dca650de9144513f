/**
 * What the runner tells a step about its run (GITHUB_* variables and the event payload), and which
 * ref and commit an upload belongs to for each kind of event.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

export interface Repo {
  owner: string;
  repo: string;
}

/** The parts of an event payload this Action reads. */
export interface EventPayload {
  number?: number;
  pull_request?: {
    number?: number;
    head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null };
    base?: { sha?: string; ref?: string; repo?: { full_name?: string } };
    merge_commit_sha?: string | null;
  };
  repository?: { default_branch?: string; full_name?: string; private?: boolean; archived?: boolean };
  sender?: { login?: string };
}

export interface RunContext {
  workspace: string;
  repository?: Repo;
  serverUrl: string;
  apiUrl: string;
  eventName: string;
  event: EventPayload;
  /** GITHUB_REF and GITHUB_SHA as the runner set them. */
  ref?: string;
  sha?: string;
  actor?: string;
}

/** The run's context from the environment; a missing or unreadable event file gives an empty payload. */
export function readRunContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunContext {
  let event: EventPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, "utf8")) as EventPayload;
    } catch {
      event = {};
    }
  }
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  return {
    workspace: env.GITHUB_WORKSPACE || cwd,
    repository: owner && repo ? { owner, repo } : undefined,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    eventName: env.GITHUB_EVENT_NAME ?? "",
    event,
    ref: env.GITHUB_REF || undefined,
    sha: env.GITHUB_SHA || undefined,
    actor: env.GITHUB_ACTOR || undefined,
  };
}

/** The commit checked out at `dir`, or undefined when git cannot tell (no checkout, no git). */
export function gitHead(dir: string): string | undefined {
  try {
    const out = execFileSync("git", ["rev-parse", "HEAD"], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 10_000,
    }).trim();
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

export interface UploadTarget {
  ref: string;
  sha: string;
  /** How the choice was made, for the log. */
  reason: string;
}

const MERGE_REF = /^refs\/pull\/(\d+)\/merge$/;

/**
 * The ref and commit that code scanning files an upload under. `head` is the commit actually
 * checked out (git rev-parse HEAD), which wins over GITHUB_SHA: the analysis describes what was
 * scanned. Returns a string explaining what is missing when there is no usable ref or commit.
 */
export function uploadTarget(
  ctx: Pick<RunContext, "eventName" | "event" | "ref" | "sha">,
  head: string | undefined,
): UploadTarget | string {
  const sha = head ?? ctx.sha;
  if (!sha) return "neither GITHUB_SHA nor a git checkout tells which commit was scanned";
  const pr = ctx.event.pull_request;
  const number = pr?.number ?? ctx.event.number;

  // pull_request (and the review events): GITHUB_REF is the merge ref and GITHUB_SHA its test merge
  // commit. actions/checkout checks that merge commit out unless told to take the head instead.
  const merge = ctx.ref ? MERGE_REF.exec(ctx.ref) : null;
  if (merge) {
    if (head && ctx.sha && head !== ctx.sha)
      return {
        ref: `refs/pull/${merge[1]}/head`,
        sha: head,
        reason: `the checkout (${short(head)}) is not the merge commit ${short(ctx.sha)}: the pull request head was scanned`,
      };
    return { ref: ctx.ref!, sha, reason: "the pull request's merge commit was scanned" };
  }

  // pull_request_target runs in the base branch's context (GITHUB_REF/GITHUB_SHA are the base);
  // workflows that scan the contribution check out its head (or merge commit) explicitly.
  if (ctx.eventName === "pull_request_target" && number !== undefined && head && head !== ctx.sha) {
    if (pr?.merge_commit_sha && head === pr.merge_commit_sha)
      return { ref: `refs/pull/${number}/merge`, sha: head, reason: "the pull request's merge commit was checked out" };
    return {
      ref: `refs/pull/${number}/head`,
      sha: head,
      reason: "the pull request head was checked out (not the base branch)",
    };
  }

  // push, merge_group, schedule, workflow_dispatch and the rest: the ref the run is for. Scheduled
  // runs on the default branch may lack GITHUB_REF in some setups; the payload names the branch.
  const ref =
    ctx.ref ?? (ctx.event.repository?.default_branch ? `refs/heads/${ctx.event.repository.default_branch}` : undefined);
  if (!ref) return "GITHUB_REF is not set, so the branch or tag of this run is unknown";
  if (!/^refs\/(heads|tags|pull)\//.test(ref)) return `GITHUB_REF "${ref}" is not a branch, tag or pull request ref`;
  return { ref, sha, reason: `${ctx.eventName || "this"} event` };
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

/** Whether this run's token is read-only by design: a pull request from a fork, or Dependabot. */
export function readOnlyTokenCause(
  ctx: Pick<RunContext, "eventName" | "event" | "actor">,
): "fork" | "dependabot" | undefined {
  if (ctx.actor === "dependabot[bot]" || ctx.event.sender?.login === "dependabot[bot]") return "dependabot";
  const pr = ctx.event.pull_request;
  if (ctx.eventName.startsWith("pull_request") && ctx.eventName !== "pull_request_target" && pr) {
    const head = pr.head?.repo;
    const base = pr.base?.repo?.full_name;
    // Compare names, not `fork`: a repository that is itself a fork has fork=true on its own
    // branches. A deleted fork shows as a null head repository.
    if (head === null || (head?.full_name && base && head.full_name !== base)) return "fork";
  }
  return undefined;
}
