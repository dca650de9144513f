/**
 * Baselines: a file of known findings (by rule, check, file and line-content fingerprint) that are
 * hidden so only new findings gate. Written by `--write-baseline`; a SARIF file from an earlier run
 * works too. Fingerprints hash the finding's line content, so unrelated line moves keep a match.
 */
import * as fs from "node:fs";
import type { Finding } from "./types";
import { UsageError } from "./errors";
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

/** Read a baseline written by --write-baseline, or a SARIF log. */
export function readBaseline(file: string): Set<string> {
  let doc: unknown;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new UsageError(`baseline ${file} could not be read: ${(err as Error).message}`);
  }
  const keys = new Set<string>();
  const d = doc as Partial<BaselineFile> & { runs?: Array<{ results?: SarifResultLike[] }> };
  if (Array.isArray(d.findings)) {
    for (const e of d.findings) keys.add(keyOf(e));
  } else if (Array.isArray(d.runs)) {
    for (const r of d.runs.flatMap((run) => run.results ?? [])) {
      const uri = decodeURIComponent(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "");
      keys.add(
        keyOf({
          rule: r.ruleId as string,
          check: r.properties?.check ?? "",
          file: uri,
          fingerprint: r.partialFingerprints?.primaryLocationLineHash ?? "",
        }),
      );
    }
  } else {
    throw new UsageError(`baseline ${file} is neither an upstash-scan baseline nor a SARIF log`);
  }
  return keys;
}

/** Hide findings listed in the baseline; returns how many were hidden. */
export function applyBaseline(findings: Finding[], keys: Set<string>, file: string): number {
  let hidden = 0;
  for (const f of findings) {
    if (f.suppressed || !f.fingerprint) continue;
    if (keys.has(keyOf({ rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint }))) {
      f.suppressed = { kind: "baseline", reason: `in baseline ${file}` };
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

/** The parts of a SARIF result a baseline reads (any of them may be missing in a file from elsewhere). */
interface SarifResultLike {
  ruleId?: string;
  properties?: { check?: string };
  partialFingerprints?: { primaryLocationLineHash?: string };
  locations?: Array<{ physicalLocation?: { artifactLocation?: { uri?: string } } }>;
}
