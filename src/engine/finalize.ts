/**
 * After detection: configuration overrides, fingerprints, excerpts, de-duplication and order; and,
 * once suppressions are applied, the redaction of everything a finding or notification carries.
 */
import { severityOf } from "../rules/index";
import type { ScanConfig } from "../config/types";
import type { SecretRegistry } from "../secrets/redact";
import { assignFingerprints } from "../sarif/fingerprint";
import { noteRepeatedCredentials } from "../secrets/repeated";
import { TestCode } from "./test-code";
import { LineIndex } from "./text";
import { SEVERITIES, type Finding, type Location, type Notification, type SuppressionNote } from "./types";

/** Excerpts are shortened to this many characters. */
const EXCERPT_CHARS = 160;
/**
 * An excerpt is redacted on a window of its line this much longer than the excerpt, then cut: no
 * secret straddling the cut escapes (secrets are shorter than this), and a 400 KB line costs no more
 * than a short one.
 */
const EXCERPT_WINDOW = 4096;

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
    const line = secrets.scrub(lines.lineText(f.location.range.startLine).trimStart().slice(0, EXCERPT_WINDOW)).trim();
    f.excerpt = line.length > EXCERPT_CHARS ? line.slice(0, EXCERPT_CHARS - 3) + "…" : line;
  }
  return out.sort(compareFindings);
}

/**
 * Redact every string a finding or notification carries — messages, paths, suppression reasons —
 * through the one scrubber (excerpts are redacted as they are cut, in finalizeFindings). Paths too: a
 * file named after a token (`sig_<key>.ts`) would otherwise put the key in the SARIF URI, the
 * baseline, annotations and summary links; its redacted path no longer names a file GitHub can show
 * (see docs/security.md).
 */
export function redactOutputs(findings: Finding[], notifications: Notification[], scrub: (s: string) => string): void {
  // Many findings share a file: each path is scrubbed once. A path that had to be redacted is said
  // once too: the alert cannot show the file, and its name leaks.
  const paths = new Map<string, string>();
  const redactedPaths = new Set<string>();
  const path = (file: string): string => {
    let out = paths.get(file);
    if (out === undefined) {
      paths.set(file, (out = scrub(file)));
      if (out !== file) redactedPaths.add(out);
    }
    return out;
  };
  const location = (loc: Location): Location => ({
    ...loc,
    file: path(loc.file),
    ...(loc.message !== undefined ? { message: scrub(loc.message) } : {}),
  });
  const note = (n: SuppressionNote): SuppressionNote => ({
    ...n,
    reason: scrub(n.reason),
    ...(n.source !== undefined ? { source: scrub(n.source) } : {}),
    ...(n.location ? { location: location(n.location) } : {}),
  });
  for (const f of findings) {
    f.message = scrub(f.message);
    f.location = location(f.location);
    if (f.related) f.related = f.related.map(location);
    if (f.suppressed) f.suppressed = note(f.suppressed);
    if (f.expiredSuppression) f.expiredSuppression = note(f.expiredSuppression);
  }
  for (const n of notifications) {
    n.message = scrub(n.message);
    if (n.file !== undefined) n.file = path(n.file);
  }
  for (const file of [...redactedPaths].sort())
    notifications.push({
      level: "warning",
      id: "path-redacted",
      file,
      message:
        "this path holds a credential, so it is shown redacted everywhere (code scanning cannot open the file from such an alert). The name itself leaks the credential: rotate it and rename the file.",
    });
}
