/**
 * An Upstash credential that appears anywhere in git history, deleted since or not (opt-in: CLI
 * `--history`, Action input `scan-history`, which needs a full clone: `fetch-depth: 0`). Deleting a
 * committed secret does not revoke it: every clone, fork and cache of the repository still has it.
 * Reported once per credential: where and when it first appeared, where it was last added, and
 * whether HEAD still holds it. For credentials still in HEAD the finding says how long they have
 * been there, which is how long they have gone without rotation out of the code.
 *
 * A deleted credential has no line in the current tree: its finding points at line 1 of the path
 * where it was last added (which may no longer exist) and the message gives the line in that commit.
 */
import { classifyPath } from "../../engine/file-kinds";
import type { Confidence, Severity } from "../../engine/types";
import { scanHistory, type Exposure, type HistoryResult } from "../../history/scan-history";
import { defineDetector, type ProjectContext } from "../types";
import { describeCandidate, envCandidates, shapeCandidates, type Candidate } from "./candidates";
import { isEnvTemplate, REVOKE } from "./report";
import { confidenceFor, testPolicy } from "./test-paths";

/** Credentials in one file version: known shapes anywhere, named values in real env files. */
export function historyMatcher(text: string, file: string): Candidate[] {
  if (classifyPath(file) === "env" && !isEnvTemplate(file)) return envCandidates(text);
  return shapeCandidates(text);
}

const DAY = 86_400;

function day(time: number): string {
  return new Date(time * 1000).toISOString().slice(0, 10);
}

function ago(time: number, now: number): string {
  const days = Math.floor((now - time) / DAY);
  if (days < 1) return "less than a day";
  if (days < 60) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 730) return `${Math.floor(days / 30.44)} months`;
  return `${(days / 365.25).toFixed(1)} years`;
}

function short(sha: string): string {
  return sha.slice(0, 7);
}

function messageFor(e: Exposure<Candidate>, now: number): string {
  const what = describeCandidate(e.match);
  const known = e.first.commit !== "";
  const first = known ? `first committed on ${day(e.first.time)} in ${short(e.first.commit)} (${e.first.file}:${e.first.line})` : "its first commit was not reached";
  const times = e.commits > 1 ? `; ${e.commits} commits added it` : "";
  if (e.head.length) {
    const others = e.head.length > 1 ? ` and ${e.head.length - 1} other place${e.head.length > 2 ? "s" : ""}` : "";
    const age = known ? `has been in the repository for ${ago(e.first.time, now)}: ${first}${times}` : `is in the repository, but ${first}`;
    return `${what} ${age}. It is still in HEAD (here${others}), so it has not been rotated out of the code since, and everyone with a clone has had it all along. ${REVOKE}, load it from the environment, and rotate credentials regularly.`;
  }
  const lastAdded = e.last.commit !== e.first.commit ? `; last added on ${day(e.last.time)} in ${short(e.last.commit)} at ${e.last.file}:${e.last.line}` : "";
  return `${what} is in git history but no longer in HEAD: ${first}${lastAdded}${times}. Deleting a committed secret does not revoke it: every clone, fork and cache of the repository still holds it. ${REVOKE}; rewriting history (git filter-repo) only helps after revoking.`;
}

function notifyLimits(ctx: ProjectContext<never>, r: HistoryResult<Candidate>, budgetMs: number | undefined): void {
  if (r.unavailable) {
    ctx.notify?.({ level: "warning", id: "history-unavailable", message: `History scan skipped: ${r.unavailable}.` });
    return;
  }
  if (r.error) ctx.notify?.({ level: "warning", id: "history-error", message: `History scan: git reported an error (${r.error}); the results are incomplete.` });
  if (r.shallow) {
    ctx.notify?.({
      level: "warning",
      id: "history-shallow",
      message: `History scan: the clone is shallow (${r.commitsRead} commit${r.commitsRead === 1 ? "" : "s"} available), so older history was not scanned. Check out with fetch-depth: 0 to scan all of it.`,
    });
  }
  if (r.budgetExceeded) {
    const seconds = Math.round((budgetMs ?? 0) / 1000) || Math.round(r.millis / 1000);
    const parts: string[] = [];
    if (!r.logComplete) parts.push(`commits older than ${r.oldestListed ? day(r.oldestListed) : "the first one"} were not listed`);
    if (r.blobsScanned < r.blobsTotal) {
      parts.push(`${r.blobsTotal - r.blobsScanned} of ${r.blobsTotal} file versions were not read${r.unscannedNewest ? ` (from commits on or before ${day(r.unscannedNewest)})` : ""}`);
    }
    ctx.notify?.({
      level: "warning",
      id: "history-incomplete",
      message: `History scan stopped at its time budget of ${seconds} s after ${r.commitsRead} commits: ${parts.join("; ") || "the scan was cut short"}. Credentials that appear only there were not reported, and "first committed" dates may be later than the truth. Raise the budget (--history-budget) to scan everything.`,
    });
  }
  if (r.blobsTooLarge > 0) {
    ctx.notify?.({ level: "note", id: "history-large-files", message: `History scan: ${r.blobsTooLarge} file version(s) over the size limit were not read.` });
  }
}

export default defineDetector<never>({
  id: "exposed-in-history",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "exposed-in-history": "An Upstash credential in git history (deleted or still in HEAD), with where and when it first appeared",
  },
  keywords: [],
  // History is read in the project phase; no file of the tree is given to this detector.
  fileKinds: [],
  needs: {},
  async analyzeProject(ctx) {
    if (!ctx.history) return;
    const result = await scanHistory(ctx.project.srcRoot, historyMatcher, ctx.history, ctx.progress);
    notifyLimits(ctx, result, ctx.history.budgetMs);
    const policy = testPolicy(ctx.options);
    const now = Date.now() / 1000;
    for (const e of result.exposures) {
      ctx.secret?.(e.match.value);
      const place = e.head[0];
      const file = place?.file ?? e.last.file;
      const confidence: Confidence | undefined = confidenceFor(file, e.match.confidence, policy);
      if (!confidence) continue;
      const severity: Severity | undefined = e.match.access === "read-only" ? "low" : undefined;
      ctx.report({
        check: "exposed-in-history",
        location: {
          file,
          range: place ? { startLine: place.startLine, startColumn: place.startColumn, endLine: place.endLine, endColumn: place.endColumn } : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
        },
        message: messageFor(e, now),
        confidence,
        ...(severity ? { severity } : {}),
      });
    }
  },
});
