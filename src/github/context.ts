/**
 * What the runner tells a step about its run (GITHUB_* variables and the event payload), and which
 * ref and commit an upload belongs to for each kind of event.
 */
import { readRegularText } from "../io/files";
import { tryGitSync } from "../git/run";

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

/** Event payloads above this are not read (GitHub caps webhook payloads at 25 MB). */
export const MAX_EVENT_BYTES = 32 * 1024 * 1024;

const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : undefined;
const sha = (v: unknown): string | undefined =>
  typeof v === "string" && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v) ? v : undefined;

/**
 * The fields this Action reads, each of the type it expects or absent: a payload of another shape
 * (null, an array, a string where an object belongs) must not crash the run or drop the gate.
 */
export function sanitizeEvent(raw: unknown): EventPayload {
  const e = obj(raw) ?? {};
  const out: EventPayload = {};
  if (num(e.number) !== undefined) out.number = num(e.number);
  const pr = obj(e.pull_request);
  if (pr) {
    const side = (v: unknown) => {
      const o = obj(v);
      if (!o) return undefined;
      const repo = obj(o.repo);
      return {
        sha: sha(o.sha),
        ref: str(o.ref),
        // A deleted fork shows as a null head repository (see readOnlyTokenCause).
        repo: o.repo === null ? null : repo ? { full_name: str(repo.full_name) } : undefined,
      };
    };
    const base = side(pr.base);
    out.pull_request = {
      number: num(pr.number),
      head: side(pr.head),
      base: base && { sha: base.sha, ref: base.ref, repo: base.repo ?? undefined },
      merge_commit_sha: pr.merge_commit_sha === null ? null : sha(pr.merge_commit_sha),
    };
  }
  const repository = obj(e.repository);
  if (repository)
    out.repository = {
      default_branch: str(repository.default_branch),
      full_name: str(repository.full_name),
      ...(typeof repository.private === "boolean" ? { private: repository.private } : {}),
      ...(typeof repository.archived === "boolean" ? { archived: repository.archived } : {}),
    };
  const sender = obj(e.sender);
  if (sender) out.sender = { login: str(sender.login) };
  return out;
}

/**
 * The run's context from the environment. A missing, unreadable, oversized or malformed event file
 * gives an empty payload (and the fields of a payload are checked one by one, see sanitizeEvent).
 */
export function readRunContext(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): RunContext {
  let event: EventPayload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = sanitizeEvent(JSON.parse(readRegularText(env.GITHUB_EVENT_PATH, MAX_EVENT_BYTES)));
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
  const out = tryGitSync(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { timeoutMs: 10_000 })?.trim();
  return out && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : undefined;
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
