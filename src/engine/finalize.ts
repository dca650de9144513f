/** After detection: configuration overrides, redaction, fingerprints, de-duplication and order. */
import { severityOf } from "../rules/index";
import type { ScanConfig } from "../config/types";
import type { SecretRegistry } from "../secrets/redact";
import { assignFingerprints } from "../sarif/fingerprint";
import { noteRepeatedCredentials } from "../secrets/repeated";
import { TestCode } from "./test-code";
import { LineIndex } from "./text";
import { SEVERITIES, type Finding, type Location } from "./types";

function scrubLocation(loc: Location, secrets: SecretRegistry): Location {
  return loc.message ? { ...loc, message: secrets.scrub(loc.message) } : loc;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITIES.indexOf(severityOf(a)) - SEVERITIES.indexOf(severityOf(b)) ||
    (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
    a.location.range.startLine - b.location.range.startLine ||
    a.location.range.startColumn - b.location.range.startColumn ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.check < b.check ? -1 : a.check > b.check ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

export function finalizeFindings(
  raw: Finding[],
  config: ScanConfig,
  secrets: SecretRegistry,
  textOf: (file: string) => string | undefined,
): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  const tests = new TestCode(config.testPaths);
  for (const f of raw) {
    if (config.disabledRules.has(f.rule) || config.disabledChecks.has(`${f.rule}/${f.check}`)) continue;
    // Test code: by default still reported, with low confidence (fixtures are often fake on purpose).
    let confidence = f.confidence;
    if (tests.has(f.location.file)) {
      const mode = config.testFindingsByRule.get(f.rule) ?? config.testFindings;
      if (mode === "ignore") continue;
      if (mode === "low-confidence") confidence = "low";
    }
    const r = f.location.range;
    const key = `${f.rule}\0${f.check}\0${f.location.file}\0${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const override = config.severity.get(f.rule);
    out.push({
      ...f,
      confidence,
      ...(override ? { severity: override } : {}),
      message: secrets.scrub(f.message),
      location: scrubLocation(f.location, secrets),
      ...(f.related ? { related: f.related.map((l) => scrubLocation(l, secrets)) } : {}),
    });
  }
  // Each file with findings is read again once, for its lines' fingerprints and excerpts.
  const cache = new Map<string, LineIndex | undefined>();
  const linesOf = (file: string): LineIndex | undefined => {
    if (!cache.has(file)) {
      const text = textOf(file);
      cache.set(file, text === undefined ? undefined : new LineIndex(text));
    }
    return cache.get(file);
  };
  assignFingerprints(out, linesOf);
  noteRepeatedCredentials(out);
  for (const f of out) {
    const lines = linesOf(f.location.file);
    if (!lines) continue;
    // Scrub before shortening: a cut could leave part of a secret that no pattern recognises.
    const line = secrets.scrub(lines.lineText(f.location.range.startLine).trim());
    f.excerpt = line.length > 160 ? line.slice(0, 157) + "…" : line;
  }
  return out.sort(compareFindings);
}
