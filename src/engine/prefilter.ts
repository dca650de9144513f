/**
 * The word gate (gitleaks' idea): one case-insensitive pass over a file's text finds which detector
 * keywords occur, and only the detectors whose keywords, credential shapes or paths match see the
 * file. The import facts a detector declares are applied after the light pass, on the import graph
 * (see gate.ts): this pass only reads the text.
 */
import type { Detector } from "../detectors/types";
import type { FileKind } from "./file-kinds";

export interface PrefilterMatch {
  /** Detectors the file's words, shapes or path select. */
  detectors: Detector[];
  /** Detectors whose dependent words occur (they count only where a package depends on theirs). */
  dependent: Detector[];
  /** Detectors whose hint words occur (recorded for their select, see Detector.hints). */
  hinted: Detector[];
  /** Matched keywords (lower-case). */
  keywords: Set<string>;
}

export class Prefilter {
  private readonly regex: RegExp | undefined;
  /** Keyword → every keyword it contains (itself included), computed once. */
  private readonly contained = new Map<string, string[]>();
  private readonly words: Map<Detector, readonly string[]>;
  private readonly textWords: Map<Detector, readonly string[]>;

  constructor(
    private readonly detectors: readonly Detector[],
    options: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {},
  ) {
    this.words = new Map(
      detectors.map((d) => [
        d,
        [...d.keywords, ...(d.optionKeywords?.(options[d.id] ?? {}) ?? [])].map((k) => k.toLowerCase()),
      ]),
    );
    this.textWords = new Map(
      detectors.map((d) => [d, [...this.words.get(d)!, ...(d.textKeywords ?? []).map((k) => k.toLowerCase())]]),
    );
    const all = [
      ...new Set(
        [
          ...this.textWords.values(),
          ...detectors.map((d) => d.imports?.dependentKeywords ?? []),
          ...detectors.map((d) => d.hints ?? []),
        ].flat(),
      ),
    ];
    // Longest first, so that a keyword that extends another is still recorded when both occur.
    all.sort((a, b) => b.length - a.length);
    this.regex = all.length ? new RegExp(all.map(escape).join("|"), "gi") : undefined;
    for (const k of all)
      this.contained.set(
        k,
        all.filter((w) => k.includes(w)),
      );
  }

  /**
   * `tree`: the file may get a syntax tree (only `keywords` count then, not `textKeywords`).
   * `skip`: ranges of the text whose words do not count, in order (a script's import statements:
   * `@/lib/upstash` names a module of the project, which the import graph follows, not an Upstash fact).
   */
  match(
    text: string,
    kind: FileKind,
    path?: string,
    tree = false,
    skip: ReadonlyArray<{ start: number; end: number }> = [],
  ): PrefilterMatch {
    const keywords = new Set<string>();
    if (this.regex) {
      this.regex.lastIndex = 0;
      const seen = new Set<string>();
      let r = 0;
      for (let m = this.regex.exec(text); m; m = this.regex.exec(text)) {
        while (r < skip.length && skip[r]!.end <= m.index) r++;
        if (r < skip.length && skip[r]!.start <= m.index) continue;
        seen.add(m[0].toLowerCase());
      }
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
    const detectors: Detector[] = [];
    const dependent: Detector[] = [];
    const hinted: Detector[] = [];
    for (const d of this.detectors) {
      if (!d.fileKinds.includes(kind)) continue;
      if (d.hints?.some((k) => keywords.has(k))) hinted.push(d);
      const words = (tree ? this.words : this.textWords).get(d)!;
      const selective = words.length || d.patterns?.length || d.paths?.length || d.imports;
      if (
        !selective ||
        words.some((k) => keywords.has(k)) ||
        (d.patterns ?? []).some(shapeOccurs) ||
        (path !== undefined && (d.paths ?? []).some((r) => r.test(path)))
      )
        detectors.push(d);
      else if (d.imports?.dependentKeywords?.some((k) => keywords.has(k))) dependent.push(d);
    }
    return { detectors, dependent, hinted, keywords };
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
