/**
 * The keyword prefilter (gitleaks' idea): one case-insensitive pass over a file's text finds which
 * detector keywords occur, and only the detectors whose keywords occur see the file. A file that
 * mentions nothing any detector cares about is never parsed.
 */
import type { Detector } from "../detectors/types";
import type { FileKind } from "./file-kinds";

export interface PrefilterMatch {
  detectors: Detector[];
  /** Matched keywords (lower-case). */
  keywords: Set<string>;
}

export class Prefilter {
  private readonly regex: RegExp | undefined;

  constructor(private readonly detectors: readonly Detector[]) {
    const words = [...new Set(detectors.flatMap((d) => d.keywords.map((k) => k.toLowerCase())))];
    // Longest first, so that a keyword that extends another is still recorded when both occur.
    words.sort((a, b) => b.length - a.length);
    this.regex = words.length ? new RegExp(words.map(escape).join("|"), "gi") : undefined;
  }

  match(text: string, kind: FileKind, path?: string): PrefilterMatch {
    const keywords = new Set<string>();
    if (this.regex) {
      this.regex.lastIndex = 0;
      for (let m = this.regex.exec(text); m; m = this.regex.exec(text)) keywords.add(m[0].toLowerCase());
      // A shorter keyword inside a longer match (e.g. "redis" in "@upstash/redis") still counts.
      for (const k of [...keywords]) for (const d of this.detectors) for (const w of d.keywords) if (k.includes(w)) keywords.add(w);
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
    return { detectors, keywords };
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
