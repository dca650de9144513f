/**
 * Unified diffs of planned fixes (`--fix-dry-run`), made from the edits themselves rather than by
 * comparing texts: each edit names exactly what it changes, so the hunks are exact and cheap. The
 * output applies with `git apply` and `patch -p1` (a/ and b/ prefixes, "\ No newline at end of
 * file" where a side lacks one).
 */
import type { Edit } from "./types";

interface Region {
  /** Old lines [from, to), 0-based; from === to for lines only added. */
  from: number;
  to: number;
  added: string[];
}

/** Lines with their terminators; a final line without "\n" keeps none. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

export function unifiedDiff(file: string, before: string, edits: readonly Edit[], context = 3): string {
  if (edits.length === 0) return "";
  const old = splitLines(before);
  const starts: number[] = [];
  let off = 0;
  for (const l of old) {
    starts.push(off);
    off += l.length;
  }
  const lineOf = (offset: number): number => {
    // At the end of a text that ends with "\n": the (virtual, empty) line after the last one.
    if (offset >= before.length) return before.endsWith("\n") || before === "" ? old.length : old.length - 1;
    let lo = 0;
    let hi = old.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const startOf = (line: number) => (line < old.length ? starts[line]! : before.length);

  const regions: Array<Region & { edits: Edit[] }> = [];
  for (const raw of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const e = lineAligned(before, raw);
    const from = lineOf(e.start);
    const pure = e.start === e.end && e.start === startOf(from) && e.text.endsWith("\n");
    const to = pure || from === old.length ? from : lineOf(e.end > e.start ? e.end - 1 : e.start) + 1;
    const last = regions[regions.length - 1];
    if (last && (from < last.to || (from === last.from && to === last.to && from === to))) {
      last.to = Math.max(last.to, to);
      last.edits.push(e);
    } else regions.push({ from, to, added: [], edits: [e] });
  }
  for (const r of regions) {
    const base = startOf(r.from);
    let text = before.slice(base, startOf(r.to));
    for (const e of [...r.edits].reverse()) text = text.slice(0, e.start - base) + e.text + text.slice(e.end - base);
    r.added = splitLines(text);
  }

  const out: string[] = [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`];
  let shift = 0; // new line number minus old line number, before the current hunk
  for (let i = 0; i < regions.length;) {
    let j = i;
    while (j + 1 < regions.length && regions[j + 1]!.from - regions[j]!.to <= 2 * context) j++;
    const from = Math.max(0, regions[i]!.from - context);
    const to = Math.min(old.length, regions[j]!.to + context);
    const body: string[] = [];
    let oldCount = 0;
    let newCount = 0;
    let line = from;
    const push = (mark: string, l: string) => {
      body.push(mark + l.replace(/\n$/, ""));
      if (!l.endsWith("\n")) body.push("\\ No newline at end of file");
    };
    for (let k = i; k <= j; k++) {
      const r = regions[k]!;
      for (; line < r.from; line++, oldCount++, newCount++) push(" ", old[line]!);
      for (; line < r.to; line++, oldCount++) push("-", old[line]!);
      for (const l of r.added) {
        push("+", l);
        newCount++;
      }
    }
    for (; line < to; line++, oldCount++, newCount++) push(" ", old[line]!);
    const oldStart = oldCount === 0 ? from : from + 1;
    const newStart = newCount === 0 ? from + shift : from + shift + 1;
    out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...body);
    shift += newCount - oldCount;
    i = j + 1;
  }
  return out.join("\n") + "\n";
}

/**
 * An insertion of "\n…" at the end of a line is the insertion of "…\n" at the start of the next
 * one: shown as added lines, not as a changed line.
 */
function lineAligned(text: string, e: Edit): Edit {
  if (e.start !== e.end) return e;
  for (const eol of ["\r\n", "\n"]) {
    if (e.text.startsWith(eol) && text.startsWith(eol, e.start))
      return { ...e, start: e.start + eol.length, end: e.start + eol.length, text: e.text.slice(eol.length) + eol };
  }
  return e;
}
