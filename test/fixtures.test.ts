/**
 * Precision and recall over every fixture project: test/fixtures/<rule-slug>/<project>/ is scanned as
 * its own tree and compared with its inline `ruleid:` / `ok:` annotations. Printed per project and per
 * rule, and asserted to stay at 1.0 on our own fixtures.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { scan } from "../src/engine/scan";
import { score, type Score } from "./support/expectations";

const ROOT = path.join(__dirname, "fixtures");

function projects(): Array<{ rule: string; name: string; dir: string }> {
  if (!fs.existsSync(ROOT)) return [];
  return fs
    .readdirSync(ROOT)
    .filter((r) => fs.statSync(path.join(ROOT, r)).isDirectory())
    .flatMap((rule) =>
      fs
        .readdirSync(path.join(ROOT, rule))
        .filter((p) => fs.statSync(path.join(ROOT, rule, p)).isDirectory())
        .map((name) => ({ rule, name, dir: path.join(ROOT, rule, name) })),
    );
}

const totals = new Map<string, { tp: number; fp: number; fn: number }>();

describe.each(projects())("fixture $rule/$name", ({ rule, dir }) => {
  it("reports exactly the annotated lines", async () => {
    const result = await scan({ paths: [dir], srcRoot: dir });
    const s: Score = score(dir, dir, result.findings);
    const t = totals.get(rule) ?? { tp: 0, fp: 0, fn: 0 };
    t.tp += s.truePositives;
    t.fp += s.falsePositives;
    t.fn += s.falseNegatives;
    totals.set(rule, t);
    expect(s.problems).toEqual([]);
    expect(result.internalErrors).toBe(0);
  });
});

describe("fixture totals", () => {
  it("print precision and recall per rule", () => {
    const rows = [...totals].map(([rule, t]) => {
      const p = t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1;
      const r = t.tp + t.fn ? t.tp / (t.tp + t.fn) : 1;
      return `${rule.padEnd(30)} TP ${String(t.tp).padStart(4)}  FP ${String(t.fp).padStart(3)}  FN ${String(t.fn).padStart(3)}  precision ${p.toFixed(3)}  recall ${r.toFixed(3)}`;
    });
    if (rows.length) console.log(["Fixture precision/recall:", ...rows].join("\n"));
    for (const t of totals.values()) {
      expect(t.fp).toBe(0);
      expect(t.fn).toBe(0);
    }
  });
});
