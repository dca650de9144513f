/**
 * The keyword prefilter (gitleaks' idea): one case-insensitive pass over a file's text finds which
 * detector keywords occur, and only the detectors whose keywords occur see the file. A file that
 * mentions nothing any detector cares about is never parsed.
 */
import type { Detector } from "../detectors/types";
import { isParsable, type FileKind } from "./file-kinds";

export interface PrefilterMatch {
  detectors: Detector[];
  /** Matched keywords (lower-case). */
  keywords: Set<string>;
}

export class Prefilter {
  private readonly regex: RegExp | undefined;
  /** Keyword → every keyword it contains (itself included), computed once. */
  private readonly contained = new Map<string, string[]>();

  constructor(private readonly detectors: readonly Detector[]) {
    const words = [...new Set(detectors.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))];
    // Longest first, so that a keyword that extends another is still recorded when both occur.
    words.sort((a, b) => b.length - a.length);
    this.regex = words.length ? new RegExp(words.map(escape).join("|"), "gi") : undefined;
    for (const k of words)
      this.contained.set(
        k,
        words.filter((w) => k.includes(w)),
      );
  }

  match(text: string, kind: FileKind, path?: string): PrefilterMatch {
    const keywords = new Set<string>();
    if (this.regex) {
      this.regex.lastIndex = 0;
      const seen = new Set<string>();
      for (let m = this.regex.exec(text); m; m = this.regex.exec(text)) seen.add(m[0].toLowerCase());
      // A shorter keyword inside a longer match (e.g. "redis" in "@upstash/redis") still counts.
      for (const k of seen) for (const w of this.contained.get(k) ?? [k]) keywords.add(w);
    }
    const shapeHits = new Map<RegExp, boolean>();
    const shapeOccurs = (r: RegExp): boolean => {
      let hit = shapeHits.get(r);
      if (hit === undefined) {
        r.lastIndex = 0;
        hit = r.test(text);
        r.lastIndex = 0;
        shapeHits.set(r, hit);
      }
      return hit;
    };
    const detectors = this.detectors.filter(
      (d) =>
        d.fileKinds.includes(kind) &&
        (d.keywords.length === 0 ||
          d.keywords.some((k) => keywords.has(k)) ||
          (d.patterns ?? []).some(shapeOccurs) ||
          (path !== undefined && (d.paths ?? []).some((r) => r.test(path)))),
    );
    // A file parsed anyway is free for the detectors that would take it by path.
    if (path !== undefined && isParsable(kind) && detectors.some((d) => d.needs.ast)) {
      for (const d of this.detectors) {
        if (!detectors.includes(d) && d.fileKinds.includes(kind) && (d.piggyback ?? []).some((r) => r.test(path)))
          detectors.push(d);
      }
    }
    return { detectors, keywords };
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
