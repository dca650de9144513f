/**
 * Baselines: a file of known findings (by rule, check, file and line-content fingerprint) that are
 * hidden so only new findings gate. Written by `--write-baseline`; a SARIF file from an earlier run
 * works too. Fingerprints hash the finding's line content, so unrelated line moves keep a match. An
 * entry may carry a `reason` and an `expires` day (YYYY-MM-DD): from that day on (UTC) the finding is
 * reported again.
 */
import * as fs from "node:fs";
import type { Finding, Notification, SuppressionRecord } from "./types";
import { UsageError } from "./errors";
import { isExpired, parseDay } from "./expiry";
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

/** Read a baseline written by --write-baseline, or a SARIF log. */
export function readBaseline(file: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`baseline ${file} could not be read: ${(err as Error).message}`);
  }
  const entries: Baseline = new Map();
  const add = (e: BaselineEntry) => entries.set(keyOf(e), { ...e, matches: 0 });
  const d = doc as Partial<BaselineFile> & { runs?: Array<{ results?: SarifResultLike[] }> };
  if (Array.isArray(d.findings)) {
    d.findings.forEach((e, i) => {
      let expires: string | undefined;
      if (e.expires !== undefined) {
        expires = typeof e.expires === "string" ? parseDay(e.expires) : undefined;
        if (!expires)
          throw new UsageError(
            `baseline ${file}: findings[${i}].expires must be a day written YYYY-MM-DD, not ${JSON.stringify(e.expires)}`,
          );
      }
      add({
        rule: e.rule,
        check: e.check,
        file: e.file,
        fingerprint: e.fingerprint,
        ...(typeof e.reason === "string" && e.reason.trim() ? { reason: e.reason.trim() } : {}),
        ...(expires ? { expires } : {}),
      });
    });
  } else if (Array.isArray(d.runs)) {
    for (const r of d.runs.flatMap((run) => run.results ?? [])) {
      const uri = decodeURIComponent(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "");
      add({
        rule: r.ruleId ?? "",
        check: r.properties?.check ?? "",
        file: uri,
        fingerprint: r.partialFingerprints?.primaryLocationLineHash ?? "",
      });
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

/** The parts of a SARIF result a baseline reads (any of them may be missing in a file from elsewhere). */
interface SarifResultLike {
  ruleId?: string;
  properties?: { check?: string };
  partialFingerprints?: { primaryLocationLineHash?: string };
  locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }>;
}
