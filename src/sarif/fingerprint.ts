/**
 * Fingerprints that survive unrelated edits. GitHub matches alerts across runs by rule and
 * `partialFingerprints.primaryLocationLineHash`; line numbers alone would turn every insertion above
 * a finding into "one alert fixed, one new". We hash what the finding's line says instead:
 *
 * - the line's non-whitespace characters (so re-indenting or CRLF/LF changes do not matter), at most
 *   the first 256 of them;
 * - the rule and check, so two findings on one line differ;
 * - and, when the same content occurs several times in a file, an occurrence number (`:2`, `:3`) in
 *   line order, so identical lines stay distinct.
 *
 * The hash covers the finding's own line only (not the lines after it, unlike codeql-action's rolling
 * window), so editing a neighbouring line never changes it.
 */
import { createHash } from "node:crypto";
import type { LineIndex } from "../engine/text";
import type { Finding } from "../engine/types";

export function lineContentHash(lineText: string, discriminator: string): string {
  const content = lineText.replace(/\s+/g, "").slice(0, 256);
  return createHash("sha256").update(discriminator).update("\0").update(content).digest("hex").slice(0, 16);
}

/**
 * Fill `finding.fingerprint` for every finding; `linesOf` gives a file's lines (undefined when it
 * cannot be read again, in which case the line number stands in).
 */
export function assignFingerprints(findings: Finding[], linesOf: (file: string) => LineIndex | undefined): void {
  const byFile = new Map<string, Finding[]>();
  for (const f of findings) {
    let list = byFile.get(f.location.file);
    if (!list) byFile.set(f.location.file, (list = []));
    list.push(f);
  }
  for (const [file, list] of byFile) {
    const lines = linesOf(file);
    list.sort(
      (a, b) =>
        a.location.range.startLine - b.location.range.startLine ||
        a.location.range.startColumn - b.location.range.startColumn,
    );
    const seen = new Map<string, number>();
    for (const f of list) {
      const line = f.location.range.startLine;
      const content = lines ? lines.lineText(line) : `line ${line}`;
      const hash = lineContentHash(content, `${f.rule}/${f.check}`);
      const n = (seen.get(hash) ?? 0) + 1;
      seen.set(hash, n);
      f.fingerprint = `${hash}:${n}`;
    }
  }
}
