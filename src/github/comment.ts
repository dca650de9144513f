/**
 * The sticky pull-request comment (`comment: true`): one comment per pull request and category,
 * found again by a hidden marker and edited in place, never a new one per run. It carries the risk
 * card, the findings on lines the pull request changes ("new", as `gate-on: new` decides) apart from
 * the ones it does not touch ("existing"), the gate's verdict and links. Once no new finding is left
 * it is rewritten as resolved and collapsed; without findings no comment is created at all. It is the
 * pull request's feedback where code scanning is not (private repositories without Advanced
 * Security, uploads refused), and it never fails the step: a refusal becomes a warning.
 */
import * as crypto from "node:crypto";
import { ApiError, isRetryable, type CommentsApi, type IssueComment } from "./api";
import { withRetry } from "./retry";
import type { ChangedLines } from "./diff";
import { ICON, md, place, type SummaryLinks } from "./summary";
import { RULES, ruleById, severityOf } from "../rules/index";
import { SEVERITIES, type Finding, type Severity } from "../engine/types";
import type { FailOn } from "../output/gate";
import { TOOL_NAME, VERSION } from "../version";

/** GitHub rejects comment bodies over 65,536 characters; stay well below. */
export const COMMENT_BUDGET_CHARS = 60_000;
/** Findings listed per section; the rest are counted and left to the job summary. */
const LISTED = 25;

/**
 * The hidden first line that identifies our comment for one category (matrix legs and per-app steps
 * each keep their own). The category is hashed: it may contain anything, `-->` included.
 */
export function commentMarker(category: string): string {
  const key = crypto.createHash("sha256").update(category).digest("hex").slice(0, 16);
  return `<!-- ${TOOL_NAME}:pull-request-comment ${key} -->`;
}

/** Second hidden line of a resolved comment: the next run knows to expand it if findings come back. */
const RESOLVED = `<!-- ${TOOL_NAME}:resolved -->`;

export interface CommentInput {
  category: string;
  findings: readonly Finding[];
  /** The pull request's changed lines; undefined when they could not be read (`unknown` says why). */
  changed: ChangedLines | undefined;
  unknown?: string;
  failOn: FailOn;
  /** Findings that fail the step (after gate-on). */
  gating: number;
  links?: SummaryLinks;
  /** The workflow run, whose job summary has every finding. */
  runUrl?: string;
  /** Whether the results reached code scanning (then the alerts page is linked). */
  uploaded: boolean;
  scrub: (text: string) => string;
}

export interface RenderedComment {
  body: string;
  /** Nothing new is left to report: the comment is resolved (and collapsed), or not created. */
  resolved: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function worst(findings: readonly Finding[]): Severity | undefined {
  return SEVERITIES.find((s) => findings.some((f) => severityOf(f) === s));
}

/** Most severe first (a stable sort keeps the scan's order within a severity). */
function list(findings: readonly Finding[], input: CommentInput): string[] {
  const rank = (f: Finding) => SEVERITIES.indexOf(severityOf(f));
  const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
  const out = sorted.slice(0, LISTED).map((f) => {
    const sev = severityOf(f);
    return `- ${ICON[sev]} **${sev}** ${ruleById(f.rule).title} (\`${md(f.check)}\`) at ${place(f, input.links)}: ${md(input.scrub(f.message))}`;
  });
  if (findings.length > LISTED) out.push(`- … and ${findings.length - LISTED} more in the job summary`);
  return out;
}

export function renderComment(input: CommentInput): RenderedComment {
  const open = input.findings.filter((f) => !f.suppressed);
  const known = input.changed !== undefined;
  const isNew = (f: Finding) =>
    !input.changed || input.changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine);
  const fresh = open.filter(isNew);
  const existing = open.filter((f) => !isNew(f));
  const resolved = fresh.length === 0;
  const at = input.links ? ` at ${input.links.sha.slice(0, 7)}` : "";

  const lines: string[] = [commentMarker(input.category)];
  if (resolved) lines.push(RESOLVED);
  if (resolved) {
    lines.push(`### ✅ ${TOOL_NAME}: no new findings${at}`);
    lines.push("");
    lines.push(
      existing.length
        ? `Nothing on the lines this pull request changes. ${plural(existing.length, "finding")} elsewhere in the code ${existing.length === 1 ? "is" : "are"} not from this pull request (see the job summary).`
        : "No open findings.",
    );
  } else {
    const icon = ICON[worst(fresh)!];
    lines.push(
      known
        ? `### ${icon} ${TOOL_NAME}: ${plural(fresh.length, "new finding")} in this pull request`
        : `### ${icon} ${TOOL_NAME}: ${plural(open.length, "finding")}`,
    );
    lines.push("");
    const verdict =
      input.failOn === "none"
        ? "The gate is off (`fail-on: none`)."
        : input.gating > 0
          ? `❌ ${plural(input.gating, "finding")} at or above \`${input.failOn}\` fail${input.gating === 1 ? "s" : ""} the check.`
          : `✅ Nothing that gates at or above \`${input.failOn}\`.`;
    const split = known
      ? `${fresh.length} on lines this pull request changes, ${existing.length} elsewhere`
      : `new and existing ones could not be told apart: the step ${md(input.unknown ?? "could not read the pull request's changes")}`;
    lines.push(`${plural(open.length, "open finding")}${at} (${split}). ${verdict}`);
    lines.push("");
    lines.push(known ? "| Risk | Severity | New | Existing |" : "| Risk | Severity | Findings |");
    lines.push(known ? "|---|---|---:|---:|" : "|---|---|---:|");
    for (const rule of RULES) {
      const n = fresh.filter((f) => f.rule === rule.id).length;
      const e = existing.filter((f) => f.rule === rule.id).length;
      const name = `${n ? ICON[rule.severity] : "✅"} #${rule.number} ${rule.title}`;
      lines.push(known ? `| ${name} | ${rule.severity} | ${n} | ${e} |` : `| ${name} | ${rule.severity} | ${n} |`);
    }
    lines.push("");
    lines.push(known ? "**New findings**" : "**Findings**");
    lines.push("");
    lines.push(...list(fresh, input));
    if (existing.length) {
      lines.push("");
      lines.push(`<details><summary>${plural(existing.length, "finding")} not on changed lines</summary>`);
      lines.push("");
      lines.push(...list(existing, input));
      lines.push("");
      lines.push("</details>");
    }
  }
  lines.push("");
  const footer = [
    input.runUrl && `[Job summary](${input.runUrl})`,
    input.uploaded &&
      input.links &&
      `[Code scanning alerts](${input.links.serverUrl}/${input.links.repository}/security/code-scanning?query=${encodeURIComponent(`is:open tool:${TOOL_NAME}`)})`,
    `<sub>${TOOL_NAME} ${VERSION} · category \`${md(input.category)}\`</sub>`,
  ].filter(Boolean);
  lines.push(footer.join(" · "));
  let body = lines.join("\n") + "\n";
  // Long messages could still overflow: cut whole lines and say so.
  if (body.length > COMMENT_BUDGET_CHARS) {
    const note = "\n\n… cut to fit GitHub's comment size; every finding is in the job summary and the SARIF file.\n";
    const cut = body.lastIndexOf("\n", COMMENT_BUDGET_CHARS - note.length - 20);
    body = body.slice(0, cut);
    if (body.includes("<details>") && !body.includes("</details>")) body += "\n\n</details>";
    body += note;
  }
  return { body, resolved };
}

export type CommentOutcome =
  | { state: "created" | "updated" | "unchanged" | "resolved"; url?: string }
  | { state: "not-needed" }
  | { state: "failed"; message: string };

export interface SyncOptions {
  api: CommentsApi;
  issue: number;
  category: string;
  rendered: RenderedComment;
  timeoutMs?: number;
  /** Retries of 5xx and network errors per call. */
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log: (message: string) => void;
}

/**
 * Create, update or resolve the sticky comment. An unchanged body is not sent again (no "edited"
 * mark, no notification); copies left by two runs racing to create it are deleted.
 */
export async function syncComment(o: SyncOptions): Promise<CommentOutcome> {
  const timeout = o.timeoutMs ?? 30_000;
  const retry = <T>(fn: () => Promise<T>) =>
    withRetry(fn, {
      attempts: o.attempts ?? 3,
      baseDelayMs: o.baseDelayMs ?? 1_000,
      maxDelayMs: 10_000,
      retryable: isRetryable,
      sleep: o.sleep,
    });
  const marker = commentMarker(o.category);
  try {
    // Both lines start the body, so a quote or a mention of the marker elsewhere never matches.
    const mine = await retry(() => o.api.findComments(o.issue, marker + "\n", 30, timeout));
    const [current, ...copies] = mine;
    for (const copy of copies) await retry(() => o.api.deleteComment(copy.id, timeout));
    if (!current) {
      if (o.rendered.resolved) return { state: "not-needed" };
      const made = await retry(() => o.api.createComment(o.issue, o.rendered.body, timeout));
      return { state: "created", url: made.url };
    }
    if (current.body === o.rendered.body) return { state: "unchanged", url: current.url };
    const wasResolved = current.body.startsWith(`${marker}\n${RESOLVED}\n`);
    const edited: IssueComment = await retry(() => o.api.updateComment(current.id, o.rendered.body, timeout));
    if (o.rendered.resolved !== wasResolved && current.nodeId) {
      // Collapsing is a courtesy: without the permission for it the edited text still says it all.
      await o.api
        .setMinimized(current.nodeId, o.rendered.resolved, timeout)
        .catch((err: unknown) =>
          o.log(`Could not ${o.rendered.resolved ? "collapse" : "expand"} the comment: ${(err as Error).message}`),
        );
    }
    return { state: o.rendered.resolved ? "resolved" : "updated", url: edited.url ?? current.url };
  } catch (err) {
    return { state: "failed", message: commentFailure(err) };
  }
}

/** Why the comment could not be written, and what to do. */
function commentFailure(err: unknown): string {
  const e = err instanceof ApiError ? err : undefined;
  const said = e
    ? e.status === undefined
      ? `network error: ${e.message}`
      : `HTTP ${e.status}: ${e.message}`
    : String((err as Error)?.message ?? err);
  const fix =
    e?.status === 403 || e?.status === 404
      ? " The token needs `pull-requests: write` (workflow `permissions:`). Pull requests from forks and Dependabot get a read-only token: scan them in a `workflow_run` workflow, which has a write token, with `ref: refs/pull/<number>/head` and `sha`, or leave `comment` off for them."
      : "";
  return `Could not write the pull-request comment (${said}).${fix} The findings are still in the job summary, the annotations and the SARIF file.`;
}
