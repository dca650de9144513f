/**
 * Baselines: a file of known findings (by rule, check, file and line-content fingerprint) that are
 * hidden so only new findings gate. Written by `--write-baseline`; a SARIF file from an earlier run
 * works too. Fingerprints hash the finding's line content, so unrelated line moves keep a match. An
 * entry may carry a `reason` and an `expires` day (YYYY-MM-DD): from that day on (UTC) the finding is
 * reported again.
 */
import type { Finding, Notification, SuppressionRecord } from "./types";
import { UsageError } from "./errors";
import { isExpired, parseDay } from "./expiry";
import { FileRefused, readRegularText } from "../io/files";
import { TOOL_NAME, VERSION } from "../version";

export interface BaselineEntry {
  rule: string;
  check: string;
  file: string;
  fingerprint: string;
  reason?: string;
  expires?: string;
}

interface BaselineFile {
  tool: string;
  version: string;
  findings: Array<BaselineEntry & { message?: string }>;
}

/** A read baseline: its entries by key, with how many findings each matched once applied. */
export type Baseline = Map<string, BaselineEntry & { matches: number }>;

const keyOf = (e: Pick<BaselineEntry, "rule" | "check" | "file" | "fingerprint">) =>
  `${e.rule}\0${e.check}\0${e.file}\0${e.fingerprint}`;

/** Baselines above this size are refused (one finding is about 200 bytes: 50 MB is 250,000 of them). */
export const MAX_BASELINE_BYTES = 50 * 1024 * 1024;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function uriPath(uri: string): string {
  try {
    return decodeURIComponent(uri);
  } catch {
    return uri;
  }
}

/**
 * Read a baseline written by --write-baseline, or a SARIF log. A regular file under the size cap
 * only; entries that are not objects with string fields are skipped. Errors name the file and never
 * quote its content (a baseline path could point at any file). Findings arrive with redacted paths,
 * and baselines are written from redacted findings: `redact` makes an older baseline that holds a raw
 * path (or a reason holding a secret) compare and show the same way.
 */
export function readBaseline(file: string, redact: (s: string) => string = (s) => s): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(readRegularText(file, MAX_BASELINE_BYTES));
  } catch (err) {
    const why =
      err instanceof FileRefused
        ? `it ${err.message}`
        : err instanceof SyntaxError
          ? "it is not valid JSON"
          : (err as Error).message;
    throw new UsageError(`baseline ${file} could not be read: ${why}`);
  }
  const entries: Baseline = new Map();
  const add = (e: BaselineEntry) => entries.set(keyOf(e), { ...e, matches: 0 });
  const d = (doc && typeof doc === "object" ? doc : {}) as Record<string, unknown>;
  const objects = <T>(v: unknown): T[] =>
    Array.isArray(v) ? v.filter((x): x is T => Boolean(x) && typeof x === "object") : [];
  if (Array.isArray(d.findings)) {
    d.findings.forEach((e: unknown, i) => {
      if (!e || typeof e !== "object") return;
      const entry = e as Record<string, unknown>;
      const [rule, check, f, fingerprint] = [
        str(entry.rule),
        str(entry.check),
        str(entry.file),
        str(entry.fingerprint),
      ];
      if (!rule || check === undefined || f === undefined || !fingerprint) return;
      let expires: string | undefined;
      if (entry.expires !== undefined) {
        expires = typeof entry.expires === "string" ? parseDay(entry.expires) : undefined;
        if (!expires)
          throw new UsageError(
            `baseline ${file}: findings[${i}].expires must be a day written YYYY-MM-DD, not ${redact(JSON.stringify(entry.expires).slice(0, 40))}`,
          );
      }
      const reason = str(entry.reason)?.trim();
      add({
        rule,
        check,
        file: redact(f),
        fingerprint,
        ...(reason ? { reason: redact(reason) } : {}),
        ...(expires ? { expires } : {}),
      });
    });
  } else if (Array.isArray(d.runs)) {
    for (const r of objects<{ results?: unknown }>(d.runs).flatMap((run) => objects<SarifResultLike>(run.results))) {
      const uri = str(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
      const rule = str(r.ruleId);
      const fingerprint = str(r.partialFingerprints?.primaryLocationLineHash);
      if (!rule || uri === undefined || !fingerprint) continue;
      add({ rule, check: str(r.properties?.check) ?? "", file: redact(uriPath(uri)), fingerprint });
    }
  } else {
    throw new UsageError(`baseline ${file} is neither an upstash-scan baseline nor a SARIF log`);
  }
  return entries;
}

/**
 * Hide findings listed in the baseline (`source`: its path for messages); findings whose entry has
 * expired are marked as such and still count. Returns how many were hidden, and a warning per
 * expired entry that still matches.
 */
export function applyBaseline(
  findings: Finding[],
  baseline: Baseline,
  source: string,
  now: Date = new Date(),
): { hidden: number; notes: Notification[] } {
  let hidden = 0;
  const notes: Notification[] = [];
  for (const f of findings) {
    if (f.suppressed || !f.fingerprint) continue;
    const entry = baseline.get(
      keyOf({ rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint }),
    );
    if (!entry) continue;
    entry.matches++;
    const note = {
      kind: "baseline" as const,
      reason: entry.reason ?? `in baseline ${source}`,
      source,
      ...(entry.expires ? { expires: entry.expires } : {}),
    };
    if (entry.expires && isExpired(entry.expires, now)) {
      f.expiredSuppression ??= note;
      notes.push({
        level: "warning",
        id: "suppression-expired",
        file: f.location.file,
        message: `baseline entry in ${source} for ${f.location.file}:${f.location.range.startLine} (${f.rule}/${f.check}) expired on ${entry.expires}: the finding is reported again; fix it or renew the date`,
      });
      continue;
    }
    delete f.expiredSuppression;
    f.suppressed = note;
    hidden++;
  }
  return { hidden, notes };
}

/** The baseline's entries as `--list-suppressions` shows them (after applyBaseline). */
export function baselineRecords(baseline: Baseline, source: string, now: Date = new Date()): SuppressionRecord[] {
  return [...baseline.values()].map((e) => ({
    kind: "baseline",
    rules: [e.check ? `${e.rule}/${e.check}` : e.rule],
    file: e.file,
    fingerprint: e.fingerprint,
    source,
    reason: e.reason ?? "",
    ...(e.expires ? { expires: e.expires } : {}),
    status: e.expires && isExpired(e.expires, now) ? "expired" : e.matches > 0 ? "active" : "unused",
    matches: e.matches,
  }));
}

/**
 * The baseline text for the current findings (inline-suppressed ones need no baseline). `previous`
 * (the baseline being rewritten) keeps each entry's reason and expiry: rewriting a baseline never
 * renews an expired entry.
 */
export function formatBaseline(findings: readonly Finding[], previous?: Baseline): string {
  const entries = findings
    .filter((f) => f.suppressed?.kind !== "inline" && f.fingerprint)
    .map((f) => {
      const key = { rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint! };
      const old = previous?.get(keyOf(key));
      return {
        ...key,
        message: f.message,
        ...(old?.reason ? { reason: old.reason } : {}),
        ...(old?.expires ? { expires: old.expires } : {}),
      };
    })
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const doc: BaselineFile = { tool: TOOL_NAME, version: VERSION, findings: entries };
  return JSON.stringify(doc, null, 2) + "\n";
}

/** The parts of a SARIF result a baseline reads (any of them may be missing, or of another type, in a file from elsewhere). */
interface SarifResultLike {
  ruleId?: unknown;
  properties?: { check?: unknown };
  partialFingerprints?: { primaryLocationLineHash?: unknown };
  locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: unknown } } }>;
}
