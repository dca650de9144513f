/**
 * Baselines: a file of known findings (by rule, check, file and line-content fingerprint) that are
 * hidden so only new findings gate. Written by `--write-baseline`; a SARIF file from an earlier run
 * works too. Fingerprints hash the finding's line content, so unrelated line moves keep a match.
 */
import type { Finding } from "./types";
import { UsageError } from "./errors";
import { FileRefused, readRegularText } from "../io/files";
import { TOOL_NAME, VERSION } from "../version";

export interface BaselineEntry {
  rule: string;
  check: string;
  file: string;
  fingerprint: string;
}

interface BaselineFile {
  tool: string;
  version: string;
  findings: Array<BaselineEntry & { message?: string }>;
}

const keyOf = (e: BaselineEntry) => `${e.rule}\0${e.check}\0${e.file}\0${e.fingerprint}`;

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
 * quote its content (a baseline path could point at any file).
 */
export function readBaseline(file: string): Set<string> {
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
  const keys = new Set<string>();
  const d = (doc && typeof doc === "object" ? doc : {}) as Record<string, unknown>;
  const objects = (v: unknown): Array<Record<string, any>> =>
    Array.isArray(v) ? v.filter((x): x is Record<string, any> => Boolean(x) && typeof x === "object") : [];
  if (Array.isArray(d.findings)) {
    for (const e of objects(d.findings)) {
      const [rule, check, f, fingerprint] = [str(e.rule), str(e.check), str(e.file), str(e.fingerprint)];
      if (rule && check !== undefined && f !== undefined && fingerprint)
        keys.add(keyOf({ rule, check, file: f, fingerprint }));
    }
  } else if (Array.isArray(d.runs)) {
    for (const r of objects(d.runs).flatMap((run) => objects(run.results))) {
      const uri = str(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
      const rule = str(r.ruleId);
      const fingerprint = str(r.partialFingerprints?.primaryLocationLineHash);
      if (!rule || uri === undefined || !fingerprint) continue;
      keys.add(keyOf({ rule, check: str(r.properties?.check) ?? "", file: uriPath(uri), fingerprint }));
    }
  } else {
    throw new UsageError(`baseline ${file} is neither an upstash-scan baseline nor a SARIF log`);
  }
  return keys;
}

/**
 * Hide findings listed in the baseline; returns how many were hidden. Findings arrive with redacted
 * paths, and baselines are written from redacted findings: `redact` makes an older baseline that holds
 * a raw path compare the same way.
 */
export function applyBaseline(
  findings: Finding[],
  keys: Set<string>,
  redact: (s: string) => string = (s) => s,
): number {
  const known = new Set([...keys].map(redact));
  let hidden = 0;
  for (const f of findings) {
    if (f.suppressed || !f.fingerprint) continue;
    if (known.has(keyOf({ rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint }))) {
      f.suppressed = { kind: "baseline", reason: "in the baseline" };
      hidden++;
    }
  }
  return hidden;
}

/** The baseline text for the current findings (inline-suppressed ones need no baseline). */
export function formatBaseline(findings: readonly Finding[]): string {
  const entries = findings
    .filter((f) => f.suppressed?.kind !== "inline" && f.fingerprint)
    .map((f) => ({
      rule: f.rule,
      check: f.check,
      file: f.location.file,
      fingerprint: f.fingerprint!,
      message: f.message,
    }))
    .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  const doc: BaselineFile = { tool: TOOL_NAME, version: VERSION, findings: entries };
  return JSON.stringify(doc, null, 2) + "\n";
}
