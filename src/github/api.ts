/**
 * The two code-scanning endpoints this Action calls, behind a small interface so that the upload
 * logic is tested without a network and the Octokit client is loaded only when an upload happens.
 */
import type { Repo } from "./context";
import { TOOL_NAME, VERSION } from "../version";

/** Body of POST /repos/{owner}/{repo}/code-scanning/sarifs. */
export interface UploadBody {
  commit_sha: string;
  ref: string;
  /** gzip, then base64. */
  sarif: string;
  checkout_uri: string;
  started_at: string;
  tool_name: string;
}

export interface SarifStatus {
  processing_status?: "pending" | "complete" | "failed" | string;
  errors?: string[] | null;
  analyses_url?: string | null;
}

export interface PullRequestFile {
  filename: string;
  status?: string;
  patch?: string;
}

export interface CodeScanningApi {
  uploadSarif(body: UploadBody, timeoutMs: number): Promise<{ id: string; url?: string }>;
  sarifStatus(id: string, timeoutMs: number): Promise<SarifStatus>;
  /** The files a pull request changes, with their patches (for gate-on: new in shallow clones). */
  pullRequestFiles(pull: number, timeoutMs: number): Promise<PullRequestFile[]>;
}

/** A review comment on the new side of a pull request's diff (lines of the head commit). */
export interface ReviewComment {
  path: string;
  body: string;
  line: number;
  side: "RIGHT";
  start_line?: number;
  start_side?: "RIGHT";
}

/** The pull-request review endpoints `suggest: true` needs (pull-requests: write). */
export interface ReviewApi {
  pullRequestFiles(pull: number, timeoutMs: number): Promise<PullRequestFile[]>;
  /** Every review comment of the pull request (all pages). */
  reviewComments(pull: number, timeoutMs: number): Promise<Array<{ body: string }>>;
  /** One review (event COMMENT) holding the comments. */
  createReview(
    pull: number,
    review: { commit_id: string; body: string; comments: ReviewComment[] },
    timeoutMs: number,
  ): Promise<void>;
  createReviewComment(pull: number, comment: ReviewComment & { commit_id: string }, timeoutMs: number): Promise<void>;
}

/** A failed API call: an HTTP status with GitHub's message, or a network failure/timeout (no status). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly documentationUrl?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** 5xx and network errors are worth retrying; 4xx answers will not change. */
  get retryable(): boolean {
    return this.status === undefined || this.status >= 500;
  }
}

export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && err.retryable;
}

/**
 * Octokit's RequestError into an ApiError. Octokit reports network failures and aborted requests as
 * status 500 without a response; those become status-less, so messages do not claim a server error.
 */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const e = err as { status?: number; message?: string; name?: string; response?: { data?: unknown } };
  const data = (e.response?.data ?? undefined) as { message?: string; documentation_url?: string } | string | undefined;
  const message =
    typeof data === "object" && data?.message
      ? data.message
      : typeof data === "string" && data
        ? data
        : (e.message ?? String(err));
  const status = typeof e.status === "number" && e.response ? e.status : undefined;
  const docs = typeof data === "object" ? data?.documentation_url : undefined;
  const out = new ApiError(
    status === undefined && /abort|timeout/i.test(`${e.name} ${message}`)
      ? `request timed out or was aborted (${message})`
      : message,
    status,
    docs,
  );
  out.cause = err;
  return out;
}

/** The real API through @actions/github, imported here and only here, on first use. */
export async function octokitApi(token: string, repo: Repo, baseUrl: string): Promise<CodeScanningApi & ReviewApi> {
  const { getOctokit } = await import("@actions/github");
  const octokit = getOctokit(token, { baseUrl, userAgent: `${TOOL_NAME}/${VERSION}` });
  return {
    async uploadSarif(body, timeoutMs) {
      try {
        const res = await octokit.rest.codeScanning.uploadSarif({
          ...repo,
          ...body,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        if (!res.data.id)
          throw new ApiError(
            `the upload was accepted (HTTP ${res.status}) but GitHub returned no analysis id`,
            res.status,
          );
        return { id: res.data.id, url: res.data.url };
      } catch (err) {
        throw toApiError(err);
      }
    },
    async pullRequestFiles(pull, timeoutMs) {
      try {
        const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
          ...repo,
          pull_number: pull,
          per_page: 100,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        return files.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch ? { patch: f.patch } : {}) }));
      } catch (err) {
        throw toApiError(err);
      }
    },
    async reviewComments(pull, timeoutMs) {
      try {
        // At most 30 pages (3,000 comments): a pull request with more is read no further.
        const out: Array<{ body: string }> = [];
        let pages = 0;
        for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, {
          ...repo,
          pull_number: pull,
          per_page: 100,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        })) {
          out.push(...page.data.map((c) => ({ body: c.body ?? "" })));
          if (++pages >= 30) break;
        }
        return out;
      } catch (err) {
        throw toApiError(err);
      }
    },
    async createReview(pull, review, timeoutMs) {
      try {
        await octokit.rest.pulls.createReview({
          ...repo,
          pull_number: pull,
          ...review,
          event: "COMMENT",
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
      } catch (err) {
        throw toApiError(err);
      }
    },
    async createReviewComment(pull, comment, timeoutMs) {
      try {
        await octokit.rest.pulls.createReviewComment({
          ...repo,
          pull_number: pull,
          ...comment,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
      } catch (err) {
        throw toApiError(err);
      }
    },
    async sarifStatus(id, timeoutMs) {
      try {
        const res = await octokit.rest.codeScanning.getSarif({
          ...repo,
          sarif_id: id,
          request: { signal: AbortSignal.timeout(timeoutMs) },
        });
        return res.data as SarifStatus;
      } catch (err) {
        throw toApiError(err);
      }
    },
  };
}

/** One issue comment, as the sticky pull-request comment needs it. */
export interface IssueComment {
  id: number;
  /** GraphQL id, for (un)minimizing. */
  nodeId?: string;
  body: string;
  url?: string;
}

/** The issue-comment endpoints behind the `comment` input (a pull request is an issue). */
export interface CommentsApi {
  /** Comments of an issue whose body starts with `prefix`, oldest first (at most `maxPages` pages of 100). */
  findComments(issue: number, prefix: string, maxPages: number, timeoutMs: number): Promise<IssueComment[]>;
  createComment(issue: number, body: string, timeoutMs: number): Promise<IssueComment>;
  updateComment(id: number, body: string, timeoutMs: number): Promise<IssueComment>;
  deleteComment(id: number, timeoutMs: number): Promise<void>;
  /** Collapse a comment as resolved (GraphQL minimizeComment), or expand it again. */
  setMinimized(nodeId: string, minimized: boolean, timeoutMs: number): Promise<void>;
}

export async function octokitComments(token: string, repo: Repo, baseUrl: string): Promise<CommentsApi> {
  const { getOctokit } = await import("@actions/github");
  const octokit = getOctokit(token, { baseUrl, userAgent: `${TOOL_NAME}/${VERSION}` });
  const signal = (timeoutMs: number) => ({ request: { signal: AbortSignal.timeout(timeoutMs) } });
  const comment = (c: { id: number; node_id?: string; body?: string; html_url?: string }): IssueComment => ({
    id: c.id,
    nodeId: c.node_id,
    body: c.body ?? "",
    url: c.html_url,
  });
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw toApiError(err);
    }
  };
  return {
    findComments: (issue, prefix, maxPages, timeoutMs) =>
      call(async () => {
        const found: IssueComment[] = [];
        let pages = 0;
        for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
          ...repo,
          issue_number: issue,
          per_page: 100,
          ...signal(timeoutMs),
        })) {
          for (const c of page.data) if (c.body?.startsWith(prefix)) found.push(comment(c));
          if (++pages >= maxPages) break;
        }
        return found;
      }),
    createComment: (issue, body, timeoutMs) =>
      call(async () =>
        comment(
          (await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body, ...signal(timeoutMs) })).data,
        ),
      ),
    updateComment: (id, body, timeoutMs) =>
      call(async () =>
        comment(
          (await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body, ...signal(timeoutMs) })).data,
        ),
      ),
    deleteComment: (id, timeoutMs) =>
      call(
        async () => void (await octokit.rest.issues.deleteComment({ ...repo, comment_id: id, ...signal(timeoutMs) })),
      ),
    setMinimized: (nodeId, minimized, timeoutMs) =>
      call(async () => {
        const mutation = minimized
          ? "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: RESOLVED }) { minimizedComment { isMinimized } } }"
          : "mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized } } }";
        await octokit.graphql(mutation, { id: nodeId, ...signal(timeoutMs) });
      }),
  };
}
