/**
 * `--verify`: is a credential the scan found still live? At most one harmless read per distinct
 * credential (endpoints.ts decides what is sent where), a few at a time, each with a time limit and
 * all within a total budget. Then the findings say so: a live credential's finding is raised, a
 * revoked one's lowered to history to clean up, and a credential that could not be checked keeps its
 * finding as it was (unknown is never read as revoked).
 *
 * Nothing here prints: verdicts carry the redacted form, the host asked and the answer's status.
 */
import type { ScanResult } from "../engine/scan";
import type { Finding, Severity } from "../engine/types";
import { SEVERITIES } from "../engine/types";
import { compareFindings } from "../engine/finalize";
import { severityOf } from "../rules/index";
import { redact } from "../secrets/redact";
import { CREDENTIAL_LABEL } from "../secrets/credentials";
import { credentialId } from "./credential-ref";
import { interpret, isAllowedRequestUrl, planRequest, type Plan } from "./endpoints";
import { httpsTransport, TransportError, type Transport } from "./transport";
import type { CredentialRef, CredentialVerdict, FindingVerification, Verdict, VerificationSummary } from "./types";

export interface VerifyOptions {
  /** Where requests go; the real network unless a test hands in a stand-in. */
  transport?: Transport;
  /** Requests in flight at most (default 4). */
  concurrency?: number;
  /** Per-request limit, connection to last byte (default 5 s). */
  timeoutMs?: number;
  /** All verification together (default 30 s); what is left unchecked then is unknown. */
  budgetMs?: number;
  /** Response body bytes read at most (default 64 KiB; a PING answer is 17 bytes). */
  maxBytes?: number;
  /** One progress line (stderr in the CLI, the log in the Action). */
  onProgress?: (message: string) => void;
}

export const VERIFY_DEFAULTS = { concurrency: 4, timeoutMs: 5_000, budgetMs: 30_000, maxBytes: 64 * 1024 } as const;

interface Outcome {
  verdict: Verdict;
  detail: string;
  checkedAt?: Date;
  ref: CredentialRef;
  shown: string;
}

/**
 * Verify the credentials of the open findings of `result` and update those findings in place
 * (verification, severity, message, order). Never throws for a network problem: every failure is an
 * `unknown` verdict.
 */
export async function verifyScan(result: ScanResult, options: VerifyOptions = {}): Promise<VerificationSummary> {
  const o = { ...VERIFY_DEFAULTS, ...options };
  const transport = options.transport ?? httpsTransport();
  const open = result.findings.filter((f) => !f.suppressed && f.credentials?.length);

  // Distinct credentials, each with every place's reference (one of them may have the usable URL).
  const refs = new Map<string, CredentialRef[]>();
  for (const f of open)
    for (const r of f.credentials!) {
      const list = refs.get(r.id);
      if (list) list.push(r);
      else refs.set(r.id, [r]);
    }
  const values = new Map<string, string>();
  if (refs.size) for (const v of result.secrets.values()) values.set(credentialId(v), v);

  const outcomes = new Map<string, Outcome>();
  const work: Array<{ id: string; plan: Extract<Plan, { request: unknown }>; ref: CredentialRef; shown: string }> = [];
  for (const [id, list] of refs) {
    const value = values.get(id);
    if (value === undefined) {
      outcomes.set(id, {
        verdict: "unknown",
        detail: "the scan did not keep the value",
        ref: list[0]!,
        shown: "a credential",
      });
      continue;
    }
    const shown = redact(value);
    const plans = list.map((ref) => ({ ref, plan: planRequest(ref, value) }));
    const chosen = plans.find((p) => "request" in p.plan) ?? plans[0]!;
    if ("request" in chosen.plan) work.push({ id, plan: chosen.plan, ref: chosen.ref, shown });
    else outcomes.set(id, { verdict: chosen.plan.verdict, detail: chosen.plan.detail, ref: chosen.ref, shown });
  }

  let requests = 0;
  if (work.length) {
    options.onProgress?.(
      `verifying ${work.length} credential${work.length === 1 ? "" : "s"} with Upstash (one read-only request each)`,
    );
    const budget = new AbortController();
    const timer = setTimeout(() => budget.abort(), o.budgetMs);
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < work.length; i = next++) {
        const { id, plan, ref, shown } = work[i]!;
        if (budget.signal.aborted) {
          outcomes.set(id, { verdict: "unknown", detail: "the verification time budget ran out first", ref, shown });
          continue;
        }
        // The policy already built this URL; checked again here so that no transport, real or not,
        // is ever handed anything else.
        if (!isAllowedRequestUrl(plan.request.url)) {
          outcomes.set(id, { verdict: "unknown", detail: "refused: not an allowed Upstash URL", ref, shown });
          continue;
        }
        requests++;
        let outcome: Pick<Outcome, "verdict" | "detail">;
        try {
          const res = await deadline(
            transport(plan.request, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, signal: budget.signal }),
            o.timeoutMs,
            budget.signal,
          );
          const meaning = interpret(plan.service, res);
          outcome = { verdict: meaning.verdict, detail: `${plan.describe} ${meaning.detail}` };
        } catch (err) {
          const reason = err instanceof TransportError ? err.message : "the request failed";
          outcome = { verdict: "unknown", detail: `${plan.describe} failed: ${reason}` };
        }
        outcomes.set(id, { ...outcome, checkedAt: new Date(), ref, shown });
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, work.length)) }, lane));
    } finally {
      clearTimeout(timer);
    }
  }

  for (const f of open) {
    applyVerdicts(
      f,
      f.credentials!.map((r) => outcomes.get(r.id)!),
    );
    f.message = result.secrets.scrub(f.message);
  }
  result.findings.sort(compareFindings);

  const summary: VerificationSummary = { live: 0, revoked: 0, unknown: 0, notChecked: 0, requests };
  for (const { verdict } of outcomes.values()) {
    if (verdict === "not-checked") summary.notChecked++;
    else summary[verdict]++;
  }
  return summary;
}

/**
 * The transport's answer, or a TransportError once its time is up or the budget runs out: a stand-in
 * transport that ignores its limits cannot hang the scan either.
 */
function deadline<T>(work: Promise<T>, timeoutMs: number, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = (reason: string) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      reject(new TransportError(reason));
    };
    const onAbort = () => stop("the verification time budget ran out");
    // A little later than the transport's own limit, which reports the same thing with more detail.
    const timer = setTimeout(() => stop(`timed out after ${timeoutMs / 1000} s`), timeoutMs + 250);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort);
    work.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
        reject(err);
      },
    );
  });
}

/** live beats everything; revoked only when every credential is; then unknown; then not-checked. */
function combine(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes("live")) return "live";
  if (verdicts.every((v) => v === "revoked")) return "revoked";
  if (verdicts.includes("unknown")) return "unknown";
  return "not-checked";
}

function atLeast(current: Severity, floor: Severity): Severity {
  return SEVERITIES.indexOf(current) <= SEVERITIES.indexOf(floor) ? current : floor;
}

/** "standard Redis REST token", "read-only Redis REST token", "QStash token". */
function what(ref: CredentialRef): string {
  if (ref.kind === "redis-rest-token" || ref.kind === "redis-password")
    return `${ref.access === "write" ? "standard (read-write)" : "read-only"} Redis REST token`;
  return CREDENTIAL_LABEL[ref.kind];
}

function applyVerdicts(f: Finding, outcomes: readonly Outcome[]): void {
  const verdict = combine(outcomes.map((x) => x.verdict));
  const times = outcomes.flatMap((x) => (x.checkedAt ? [x.checkedAt.getTime()] : []));
  const credentials: CredentialVerdict[] = outcomes.map((x) => ({
    verdict: x.verdict,
    shown: x.shown,
    detail: x.detail,
  }));
  const verification: FindingVerification = {
    verdict,
    ...(times.length ? { checkedAt: new Date(Math.min(...times)).toISOString() } : {}),
    credentials,
  };
  f.verification = verification;

  const severity = severityOf(f);
  const live = outcomes.filter((x) => x.verdict === "live");
  if (verdict === "live") {
    // A working write credential is an incident now; a working read-only one exposes every key.
    const floor: Severity = live.some((x) => x.ref.access === "write") ? "high" : "medium";
    f.severity = atLeast(severity, floor);
    const accepted =
      outcomes.length === 1
        ? `Upstash accepted this ${what(live[0]!.ref)} just now (${live[0]!.detail})`
        : `Upstash accepted ${live.map((x) => `${x.shown} (a ${what(x.ref)})`).join(" and ")} just now`;
    f.message = `Still live: revoke ${live.length === 1 ? "it" : "them"} now. ${accepted}. ${f.message}${others(outcomes, "live")}`;
  } else if (verdict === "revoked") {
    // Nothing works with it any more: what is left is cleaning the code and the history.
    f.severity = "low";
    const why =
      outcomes.length === 1
        ? `Upstash no longer accepts it (${outcomes[0]!.detail})`
        : "Upstash no longer accepts any of them";
    f.message = `Revoked: remove it from history. ${why}, so what is left is history to clean up; the next credential must not be committed the same way. ${f.message}`;
  } else {
    const label = verdict === "unknown" ? "unknown" : "not checked";
    const list =
      outcomes.length === 1
        ? outcomes[0]!.detail
        : outcomes.map((x) => `${x.shown}: ${x.verdict} (${x.detail})`).join("; ");
    f.message = `${f.message} Verification: ${label} — ${list}.${verdict === "unknown" ? " Treat it as live until it is revoked." : ""}`;
  }
}

/** For a finding with several credentials: what became of the ones not in the lead. */
function others(outcomes: readonly Outcome[], lead: Verdict): string {
  const rest = outcomes.filter((x) => x.verdict !== lead);
  return rest.length ? ` Others here: ${rest.map((x) => `${x.shown}: ${x.verdict} (${x.detail})`).join("; ")}.` : "";
}
