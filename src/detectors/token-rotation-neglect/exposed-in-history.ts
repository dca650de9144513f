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
import { describeCandidate, envCandidates, shapeCandidates, type Candidate } from "./analysis/candidates";
import { isEnvTemplate, REVOKE } from "./analysis/report";
import { DEFAULT_HISTORY_BUDGET_MS } from "../../history/options";
import { credentialRef } from "../../verify/credential-ref";
import type { CredentialRef } from "../../verify/types";

type Found = Candidate & { ref: CredentialRef };

/**
 * Credentials in one file version: known shapes anywhere, named values in real env files; each with
 * what --verify needs (the URL beside it is looked for in the same file version).
 */
export function historyMatcher(text: string, file: string): Found[] {
  const found = classifyPath(file) === "env" && !isEnvTemplate(file) ? envCandidates(text) : shapeCandidates(text);
  return found.map((c) => ({ ...c, ref: credentialRef(c, text, c.start, c.end) }));
}

const DAY = 86_400;
/** Default of the rule option maxCredentialAgeDays (see the configuration schema). */
const DEFAULT_MAX_AGE_DAYS = 90;

/** A positive number option times `scale`, or undefined. */
function positive(value: unknown, scale: number): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value * scale : undefined;
}

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

function firstSeen(e: Exposure<Candidate>): string {
  return e.first.commit !== ""
    ? `first committed on ${day(e.first.time)} in ${short(e.first.commit)} (${e.first.file}:${e.first.line})`
    : "its first commit was not reached";
}

function inHeadMessage(e: Exposure<Candidate>, now: number): string {
  const what = describeCandidate(e.match);
  const times = e.commits > 1 ? `; ${e.commits} commits added it` : "";
  const others = e.head.length > 1 ? ` and ${e.head.length - 1} other place${e.head.length > 2 ? "s" : ""}` : "";
  const age =
    e.first.commit !== ""
      ? `has been in the repository for ${ago(e.first.time, now)}: ${firstSeen(e)}${times}`
      : `is in the repository, but ${firstSeen(e)}`;
  return `${what} ${age}. It is still in HEAD (here${others}), so it has not been rotated out of the code since, and everyone with a clone has had it all along. ${REVOKE}, load it from the environment, and rotate credentials regularly.`;
}

const LISTED = 5;

/** Deleted credentials last added at one path: one finding for the path, each credential listed. */
function deletedMessage(group: Array<Exposure<Candidate>>, file: string): string {
  const tail =
    "Deleting a committed secret does not revoke it: every clone, fork and cache of the repository still holds it.";
  if (group.length === 1) {
    const e = group[0]!;
    const lastAdded =
      e.last.commit !== e.first.commit
        ? `; last added on ${day(e.last.time)} in ${short(e.last.commit)} at ${e.last.file}:${e.last.line}`
        : "";
    const times = e.commits > 1 ? `; ${e.commits} commits added it` : "";
    return `${describeCandidate(e.match)} is in git history but no longer in HEAD: ${firstSeen(e)}${lastAdded}${times}. ${tail} ${REVOKE}; rewriting history (git filter-repo) only helps after revoking.`;
  }
  const items = group
    .slice(0, LISTED)
    .map(
      (e) =>
        `${describeCandidate(e.match)} (${firstSeen(e)}, last added in ${short(e.last.commit)} at line ${e.last.line})`,
    );
  const more = group.length > LISTED ? `; and ${group.length - LISTED} more` : "";
  return `${group.length} Upstash credentials were committed to ${file} and are no longer in HEAD: ${items.join("; ")}${more}. ${tail} Revoke each of them in the Upstash console (they must be treated as leaked); rewriting history (git filter-repo) only helps after revoking.`;
}

function notifyLimits(ctx: ProjectContext<never>, r: HistoryResult<Candidate>, budgetMs: number | undefined): void {
  if (r.unavailable) {
    ctx.notify?.({ level: "warning", id: "history-unavailable", message: `History scan skipped: ${r.unavailable}.` });
    return;
  }
  if (r.error)
    ctx.notify?.({
      level: "warning",
      id: "history-error",
      message: `History scan: git reported an error (${r.error}); the results are incomplete.`,
    });
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
    if (!r.logComplete)
      parts.push(`commits older than ${r.oldestListed ? day(r.oldestListed) : "the first one"} were not listed`);
    if (r.blobsScanned < r.blobsTotal) {
      parts.push(
        `${r.blobsTotal - r.blobsScanned} of ${r.blobsTotal} file versions were not read${r.unscannedNewest ? ` (from commits on or before ${day(r.unscannedNewest)})` : ""}`,
      );
    }
    ctx.notify?.({
      level: "warning",
      id: "history-incomplete",
      message: `History scan stopped at its time budget of ${seconds} s after ${r.commitsRead} commits: ${parts.join("; ") || "the scan was cut short"}. Credentials that appear only there were not reported, and "first committed" dates may be later than the truth. Raise the budget (--history-budget, or the rule option historyBudgetSeconds) to scan everything.`,
    });
  }
  if (r.unsafePaths > 0) {
    ctx.notify?.({
      level: "warning",
      id: "history-unsafe-path",
      message: `History scan: ${r.unsafePaths} file version(s) have a path git would never check out (a ".." or ".git" segment, crafted into a tree object); they were skipped.`,
    });
  }
  if (r.blobsTooLarge > 0) {
    ctx.notify?.({
      level: "note",
      id: "history-large-files",
      message: `History scan: ${r.blobsTooLarge} file version(s) over the size limit were not read.`,
    });
  }
}

export default defineDetector<never>({
  id: "exposed-in-history",
  rule: "upstash/token-rotation-neglect",
  checks: {
    "exposed-in-history":
      "An Upstash credential in git history (deleted or still in HEAD), with where and when it first appeared",
  },
  keywords: [],
  // History is read in the project phase; no file of the tree is given to this detector.
  fileKinds: [],
  needs: {},
  async analyzeProject(ctx) {
    if (!ctx.history) return;
    // The CLI's --history-budget wins over the rule option historyBudgetSeconds.
    const budgetMs =
      ctx.history.budgetMs ?? positive(ctx.options.historyBudgetSeconds, 1000) ?? DEFAULT_HISTORY_BUDGET_MS;
    const result = await scanHistory(ctx.project.srcRoot, historyMatcher, { ...ctx.history, budgetMs }, ctx.progress);
    notifyLimits(ctx, result, budgetMs);
    // Credentials still in HEAD are reported once they are older than this (rule option).
    const minAgeSeconds = positive(ctx.options.maxCredentialAgeDays, DAY) ?? DEFAULT_MAX_AGE_DAYS * DAY;
    const now = Date.now() / 1000;
    const grade = (es: Array<Exposure<Candidate>>) => {
      const confidence: Confidence = es.some((e) => e.match.confidence === "high") ? "high" : "medium";
      const severity: Severity | undefined = es.every((e) => e.match.access === "read-only") ? "low" : undefined;
      return { confidence, ...(severity ? { severity } : {}) };
    };
    // Deleted credentials have no line of their own: grouped per path where they were last added,
    // so that several of them (a token rotated inside a committed .env) do not collide on line 1.
    const deleted = new Map<string, Array<Exposure<Found>>>();
    for (const e of result.exposures) {
      ctx.secret?.(e.match.value);
      const place = e.head[0];
      if (!place) {
        const list = deleted.get(e.last.file) ?? [];
        list.push(e);
        deleted.set(e.last.file, list);
        continue;
      }
      // Young credentials in HEAD are the other checks' business until they grow old; one whose
      // first commit was not reached is at least as old as the history that was read.
      if (e.first.commit !== "" && now - e.first.time < minAgeSeconds) continue;
      ctx.report({
        check: "exposed-in-history",
        location: {
          file: place.file,
          range: {
            startLine: place.startLine,
            startColumn: place.startColumn,
            endLine: place.endLine,
            endColumn: place.endColumn,
          },
        },
        message: inHeadMessage(e, now),
        ...grade([e]),
        credentials: [e.match.ref],
      });
    }
    for (const [file, group] of deleted) {
      ctx.report({
        check: "exposed-in-history",
        location: { file, range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } },
        message: deletedMessage(group, file),
        ...grade(group),
        credentials: group.map((e) => e.match.ref),
      });
    }
  },
});
