/**
 * The dry run's unified diff, property-tested against git: for random texts (LF or CRLF, with or
 * without a final newline, blank lines) and random non-overlapping edits (insertions, deletions,
 * replacements, line-aligned additions, edits at both ends), `git apply` of the diff turns the text
 * into exactly what applying the edits gives.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { unifiedDiff } from "../src/fix/diff";
import { applyEdits } from "../src/fix/plan";
import type { Edit } from "../src/fix/types";
import { tempDir } from "./support/run";

const t = tempDir("upstash-scan-diff-");
afterAll(() => t.cleanup());

const text = fc
  .record({
    lines: fc.array(fc.constantFrom("", "a", "  b();", "const x = 1;", "}", "\tfoo(bar)", "// c"), {
      minLength: 1,
      maxLength: 40,
    }),
    eol: fc.constantFrom("\n", "\r\n"),
    finalNewline: fc.boolean(),
  })
  .map(({ lines, eol, finalNewline }) => lines.join(eol) + (finalNewline ? eol : ""));

/** Up to 4 edits at random points, made non-overlapping by sorting and clipping. */
function edits(source: string): fc.Arbitrary<Edit[]> {
  const point = fc.integer({ min: 0, max: source.length });
  const edit = fc.record({
    a: point,
    len: fc.integer({ min: 0, max: 12 }),
    text: fc.constantFrom("", "X", ", { ex: 60 }", "\nexport const y = 2;", "await ", "line\n", "\r\nz"),
  });
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((raw) => {
    const out: Edit[] = [];
    let floor = 0;
    for (const r of [...raw].sort((x, y) => x.a - y.a)) {
      const start = Math.max(r.a, floor);
      const end = Math.min(source.length, start + r.len);
      if (start > source.length) break;
      // Never split a CRLF pair: edits come from syntax nodes, which do not either.
      if (source[start - 1] === "\r" && source[start] === "\n") continue;
      if (source[end - 1] === "\r" && source[end] === "\n") continue;
      if (out.length && start === floor && out[out.length - 1]!.end === start && r.len === 0) continue;
      out.push({ start, end, text: r.text });
      floor = Math.max(end, start + 1);
    }
    return out;
  });
}

let n = 0;

describe("unified diff of planned edits", () => {
  it("applies with git apply to give exactly the edited text", () => {
    fc.assert(
      fc.property(
        text.chain((s) => fc.tuple(fc.constant(s), edits(s))),
        ([source, es]) => {
          const expected = applyEdits(source, es);
          fc.pre(expected !== source);
          const dir = path.join(t.dir, `d${++n}`);
          fs.mkdirSync(dir);
          fs.writeFileSync(path.join(dir, "f.ts"), source);
          const patch = path.join(dir, "p.diff");
          fs.writeFileSync(patch, unifiedDiff("f.ts", source, es));
          execFileSync("git", ["apply", "--whitespace=nowarn", "p.diff"], { cwd: dir, stdio: "pipe" });
          expect(fs.readFileSync(path.join(dir, "f.ts"), "utf8")).toBe(expected);
          fs.rmSync(dir, { recursive: true });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("shows added lines as added, not as a changed neighbour", () => {
    const source = "a\nb\n";
    const diff = unifiedDiff("f.ts", source, [{ start: 1, end: 1, text: "\nnew" }]);
    expect(diff).toBe("diff --git a/f.ts b/f.ts\n--- a/f.ts\n+++ b/f.ts\n@@ -1,2 +1,3 @@\n a\n+new\n b\n");
  });
});
