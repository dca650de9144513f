/**
 * `suggest: true`: on a pull request, each fixable finding on a line the pull request changes gets a
 * review comment with a GitHub suggestion block, so the author applies the fix with one click.
 *
 * The lines a suggestion replaces must be in the pull request's diff, and must read in the diff
 * exactly as in the checkout (a merge commit may differ from the head the comment is filed on);
 * anything else is left to the SARIF fixes and `--fix`. Each comment carries a hidden marker with a
 * hash of what it suggests, so a re-run (a new push, a re-triggered job) adds only suggestions that
 * are not there yet, and one whose code has changed is made again.
 */
import { createHash } from "node:crypto";
import * as path from "node:path";
import { gitTopLevel } from "../engine/scan";
import { LineIndex } from "../engine/text";
import { ruleById } from "../rules/index";
import type { FixPlan, FilePlan, PlannedFix } from "../fix/plan";
import { applyEdits } from "../fix/plan";
import { ApiError, isRetryable, octokitApi, type PullRequestFile, type ReviewApi, type ReviewComment } from "./api";
import { readOnlyTokenCause, type RunContext } from "./context";
import { withRetry } from "./retry";

/** Comments per run, at most: a pull request is a conversation, not a report. */
export const MAX_SUGGESTIONS = 20;
/** Lines one suggestion may replace, at most. */
const MAX_LINES = 60;
const MARKER = /<!-- upstash-scan:suggestion ([0-9a-f]{16}) -->/g;

export interface Suggestion {
  key: string;
  comment: ReviewComment;
}

export interface SuggestReport {
  posted: number;
  /** Already on the pull request from an earlier run. */
  existing: number;
  /** Fixes on changed lines that could not be suggested (outside the diff, too long, a credential). */
  unsuggestable: number;
}

/** The new side of each file's diff: line number → text, and the lines the pull request adds. */
export function diffLines(patch: string): { text: Map<number, string>; added: Set<number> } {
  const text = new Map<number, string>();
  const added = new Set<number>();
  let line = 0;
  for (const raw of patch.split("\n")) {
    const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
    if (h) {
      line = Number(h[1]);
      continue;
    }
    if (line === 0 || raw.startsWith("\\") || raw.startsWith("-")) continue;
    if (raw.startsWith("+")) added.add(line);
    text.set(line, raw.slice(1).replace(/\r$/, ""));
    line++;
  }
  return { text, added };
}

/**
 * The suggestion for a fix whose finding is on a line the pull request adds: the old lines its edits
 * touch and what they become, when every one of them is in the diff as it is in the checkout.
 * `repoPath` is the file's path in the repository (the API's).
 */
export function suggestionFor(
  file: FilePlan,
  fix: PlannedFix,
  repoPath: string,
  diff: { text: Map<number, string>; added: Set<number> },
  scrub: (s: string) => string,
): Suggestion | undefined {
  const lines = new LineIndex(file.before);
  const first = lines.position(Math.min(...fix.edits.map((e) => e.start))).line;
  const last = lines.position(Math.max(...fix.edits.map((e) => e.end))).line;
  if (last - first + 1 > MAX_LINES) return undefined;
  for (let l = first; l <= last; l++) if (diff.text.get(l) !== lines.lineText(l)) return undefined;
  const start = lines.lineStart(first);
  const endOfLast = lines.lineStart(last) + lines.lineText(last).length;
  const delta = fix.edits.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
  const replacement = applyEdits(file.before, fix.edits)
    .slice(start, endOfLast + delta)
    .replace(/\r\n/g, "\n");
  const old = file.before.slice(start, endOfLast).replace(/\r\n/g, "\n");
  const key = createHash("sha256")
    .update([repoPath, `${fix.finding.rule}/${fix.finding.check}`, old, replacement].join("\0"))
    .digest("hex")
    .slice(0, 16);
  // A fence longer than any backtick run in the code, so the suggestion cannot close it early.
  const longest = Math.max(2, ...[...replacement.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const rule = ruleById(fix.finding.rule);
  const body = [
    `**upstash-scan** · ${rule.title} (\`${fix.finding.check}\`): ${fix.description}`,
    "",
    `${fence}suggestion`,
    replacement,
    fence,
    ...(fix.note ? ["", `> ${fix.note}`] : []),
    "",
    `<!-- upstash-scan:suggestion ${key} -->`,
  ].join("\n");
  // Suggestions quote the repository's code: one that would print a credential is not made.
  if (scrub(body) !== body) return undefined;
  return {
    key,
    comment: {
      path: repoPath,
      body,
      line: last,
      side: "RIGHT",
      ...(first < last ? { start_line: first, start_side: "RIGHT" as const } : {}),
    },
  };
}

export interface SuggestInput {
  plan: FixPlan;
  api: ReviewApi;
  pull: number;
  /** The pull request's head commit: suggestions are filed against it. */
  headSha: string;
  /** Finding path (relative to the source root) → repository path. */
  toRepoPath: (file: string) => string;
  scrub: (s: string) => string;
  log: { info(m: string): void; warning(m: string): void };
  retry?: { attempts: number; baseDelayMs: number; maxDelayMs: number };
}

const TIMEOUT_MS = 30_000;

export async function suggestFixes(input: SuggestInput): Promise<SuggestReport> {
  const report: SuggestReport = { posted: 0, existing: 0, unsuggestable: 0 };
  const { api, pull, log } = input;
  const retry = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, ...input.retry, retryable: isRetryable };
  if (input.plan.byFinding.size === 0) {
    log.info("suggest: no finding has an automatic fix.");
    return report;
  }
  const files = await withRetry(() => api.pullRequestFiles(pull, TIMEOUT_MS), retry);
  const byPath = new Map<string, PullRequestFile>(files.map((f) => [f.filename, f]));
  const wanted: Suggestion[] = [];
  const seen = new Map<string, number>();
  for (const file of input.plan.files) {
    const repoPath = input.toRepoPath(file.file);
    const patch = byPath.get(repoPath)?.patch;
    if (!patch) continue;
    const diff = diffLines(patch);
    for (const fix of file.fixes) {
      if (!diff.added.has(fix.finding.location.range.startLine)) continue;
      const s = suggestionFor(file, fix, repoPath, diff, input.scrub);
      if (!s) {
        report.unsuggestable++;
        continue;
      }
      // The same suggestion twice in one file (identical code): number the copies.
      const n = seen.get(s.key) ?? 0;
      seen.set(s.key, n + 1);
      if (n > 0) {
        const key = createHash("sha256").update(`${s.key}:${n}`).digest("hex").slice(0, 16);
        s.comment.body = s.comment.body.replace(s.key, key);
        s.key = key;
      }
      wanted.push(s);
    }
  }
  if (wanted.length === 0) {
    log.info("suggest: no fixable finding on a line this pull request changes.");
    return report;
  }
  const posted = new Set<string>();
  for (const c of await withRetry(() => api.reviewComments(pull, TIMEOUT_MS), retry))
    for (const m of c.body.matchAll(MARKER)) posted.add(m[1]!);
  const fresh = wanted.filter((s) => !posted.has(s.key));
  report.existing = wanted.length - fresh.length;
  if (fresh.length === 0) {
    log.info(`suggest: the ${wanted.length} suggested fix(es) are already on the pull request.`);
    return report;
  }
  const batch = fresh.slice(0, MAX_SUGGESTIONS);
  if (fresh.length > batch.length)
    log.info(
      `suggest: ${fresh.length - batch.length} more fix(es) are in the SARIF file; run upstash-scan --fix locally.`,
    );
  const summary = `upstash-scan suggests ${batch.length} fix${batch.length === 1 ? "" : "es"} for the Upstash security findings on lines this pull request changes.`;
  try {
    await withRetry(
      () =>
        api.createReview(
          pull,
          { commit_id: input.headSha, body: summary, comments: batch.map((s) => s.comment) },
          TIMEOUT_MS,
        ),
      retry,
    );
    report.posted = batch.length;
  } catch (err) {
    // 422: one comment GitHub will not place refuses the whole review; place them one by one.
    if (!(err instanceof ApiError) || err.status !== 422) throw err;
    for (const s of batch) {
      try {
        await api.createReviewComment(pull, { commit_id: input.headSha, ...s.comment }, TIMEOUT_MS);
        report.posted++;
      } catch (e) {
        if (!(e instanceof ApiError) || e.status !== 422) throw e;
        report.unsuggestable++;
      }
    }
  }
  log.info(
    `suggest: posted ${report.posted} suggested fix(es)${report.existing ? `; ${report.existing} were already there` : ""}.`,
  );
  return report;
}

export interface SuggestStepInput {
  plan: FixPlan;
  ctx: RunContext;
  token: string;
  /** The scan's source root: finding paths are relative to it. */
  srcRoot: string;
  scrub: (s: string) => string;
  log: { info(m: string): void; warning(m: string): void };
  /** Retry delays (the tests shorten them). */
  retryBaseMs?: number;
  api?: ReviewApi;
}

/**
 * The Action's step: pull requests only; a refusal (a fork's read-only token, a missing
 * `pull-requests: write`) or any API failure is a warning, never a failed job.
 */
export async function suggestStep(input: SuggestStepInput): Promise<SuggestReport | undefined> {
  const { ctx, log } = input;
  const pr = ctx.event.pull_request;
  const pull = pr?.number ?? ctx.event.number;
  const head = pr?.head?.sha;
  if (!ctx.eventName.startsWith("pull_request") || !pull || !head || !ctx.repository) {
    log.info(`suggest: suggestions go on pull requests; this ${ctx.eventName || "run"} gets none.`);
    return undefined;
  }
  if (readOnlyTokenCause(ctx)) {
    log.info(
      "suggest: this pull request's token is read-only (a fork or Dependabot), so no review comments; the fixes are in the SARIF file.",
    );
    return undefined;
  }
  if (!input.token) {
    log.warning("suggest: true needs a token (the `token` input) with pull-requests: write.");
    return undefined;
  }
  // API paths are relative to the repository; findings to the scanned source root below it.
  const prefix = path
    .relative(gitTopLevel(input.srcRoot) ?? input.srcRoot, input.srcRoot)
    .split(path.sep)
    .join("/");
  try {
    const api = input.api ?? (await octokitApi(input.token, ctx.repository, ctx.apiUrl));
    return await suggestFixes({
      plan: input.plan,
      api,
      pull,
      headSha: head,
      toRepoPath: (file) => (prefix ? `${prefix}/${file}` : file),
      scrub: input.scrub,
      log,
      ...(input.retryBaseMs !== undefined
        ? { retry: { attempts: 3, baseDelayMs: input.retryBaseMs, maxDelayMs: input.retryBaseMs * 10 } }
        : {}),
    });
  } catch (err) {
    const status = err instanceof ApiError ? err.status : undefined;
    const hint =
      status === 403 || status === 404
        ? " Give the workflow `permissions: pull-requests: write` for review comments."
        : "";
    log.warning(
      `suggest: could not post suggested fixes (${status ? `HTTP ${status}: ` : ""}${(err as Error).message}).${hint}`,
    );
    return undefined;
  }
}
