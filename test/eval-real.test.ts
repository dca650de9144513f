// The corpus script's matching (scripts/eval-real-lib.mjs): findings are paired with triage entries by
// repository, rule, check, file and line hash, tolerating a small line shift only when the line's text
// is unchanged. Made-up repositories and lines only.
import { describe, expect, it } from "vitest";
import {
  lineHash,
  lineOf,
  matchFindings,
  parseLineSpec,
  renderTable,
  score,
  validateCorpus,
  validateTriage,
} from "../scripts/eval-real-lib.mjs";

const base = {
  repo: "acme/shop",
  rule: "upstash/rate-limit-misconfiguration",
  check: "shared-bucket",
  file: "api/x.ts",
};
const entry = (line: number, text: string, verdict: string, extra: object = {}) => ({
  ...base,
  line,
  hash: lineHash(text),
  verdict,
  reason: "made up",
  ...extra,
});
const finding = (line: number, text: string, extra: object = {}) => ({ ...base, line, hash: lineHash(text), ...extra });

describe("lineHash / lineOf", () => {
  it("hashes the trimmed text to 12 hex digits and reads 1-based lines", () => {
    expect(lineHash("  const a = 1;\t")).toBe(lineHash("const a = 1;"));
    expect(lineHash("const a = 1;")).toMatch(/^[0-9a-f]{12}$/);
    expect(lineHash("const a = 1;")).not.toBe(lineHash("const a = 2;"));
    expect(lineOf("one\r\ntwo\nthree", 2)).toBe("two");
    expect(lineOf("one\ntwo", 3)).toBe("");
  });
});

describe("matchFindings", () => {
  it("matches the same line and, within the window, a moved line whose text is unchanged", () => {
    const entries = [entry(10, "limit(ip ?? 'x')", "fp"), entry(40, "limit(id)", "tp")];
    const m = matchFindings([finding(10, "limit(ip ?? 'x')"), finding(43, "limit(id)")], entries, { window: 3 });
    expect(m.pairs.map((p) => [p.finding.line, p.entry.line])).toEqual([
      [10, 10],
      [43, 40],
    ]);
    expect(m.unmatchedFindings).toEqual([]);
    expect(m.unmatchedEntries).toEqual([]);
  });

  it("does not match when the text changed, the shift is too large, or the check or repo differs", () => {
    const entries = [entry(10, "limit(ip)", "tp")];
    for (const f of [
      finding(10, "limit(userId)"),
      finding(14, "limit(ip)"),
      finding(10, "limit(ip)", { check: "fail-open-on-error" }),
      finding(10, "limit(ip)", { repo: "acme/other" }),
    ]) {
      const m = matchFindings([f], entries, { window: 3 });
      expect(m.pairs).toEqual([]);
      expect(m.unmatchedEntries).toHaveLength(1);
    }
  });

  it("pairs one to one, an unmoved finding first, then the nearest", () => {
    const text = "await ratelimit.limit(key)";
    const entries = [entry(20, text, "tp"), entry(22, text, "fp")];
    const m = matchFindings([finding(23, text), finding(20, text)], entries, { window: 3 });
    expect(m.pairs.map((p) => [p.finding.line, p.entry.line]).sort()).toEqual([
      [20, 20],
      [23, 22],
    ]);
    const extra = matchFindings([finding(20, text), finding(20, text), finding(20, text)], entries, { window: 3 });
    expect(extra.pairs).toHaveLength(2);
    expect(extra.unmatchedFindings).toHaveLength(1);
  });
});

describe("score", () => {
  it("counts precision and recall per check, and reports new, gone and now-found", () => {
    const entries = [
      entry(1, "a", "tp"),
      entry(2, "b", "fp"),
      entry(3, "c", "missed"),
      entry(4, "d", "missed"),
      entry(5, "e", "tp"),
      entry(6, "f", "fp"),
    ];
    // Found: a (tp), b (fp), c (a miss now found), g (untriaged). Not found: d (still missed), e (tp gone), f (fp gone).
    const s = score(matchFindings([finding(1, "a"), finding(2, "b"), finding(3, "c"), finding(7, "g")], entries));
    expect(s.checks).toHaveLength(1);
    const c = s.checks[0];
    expect([c.tp, c.fp, c.missed, c.untriaged]).toEqual([2, 1, 2, 1]);
    expect(c.precision).toBeCloseTo(2 / 3);
    expect(c.recall).toBeCloseTo(2 / 4);
    expect(s.total.tp).toBe(2);
    expect(s.newFindings.map((f: { line: number }) => f.line)).toEqual([7]);
    expect(s.gone.map((e) => e.line)).toEqual([5, 6]);
    expect(s.nowFound.map((p) => p.entry.line)).toEqual([3]);
  });

  it("leaves precision and recall undefined when nothing is counted", () => {
    // A false positive that is gone counts nowhere: nothing found, nothing missed.
    const s = score(matchFindings([], [entry(1, "a", "fp")]));
    expect([s.checks[0].precision, s.checks[0].recall]).toEqual([null, null]);
    expect(s.gone).toHaveLength(1);
  });
});

describe("validateTriage", () => {
  it("accepts well-formed entries and names what is wrong with the others", () => {
    expect(validateTriage([entry(1, "a", "tp")])).toEqual([]);
    const problems = validateTriage([{ ...entry(0, "a", "maybe"), hash: "xyz", reason: "" }]);
    expect(problems.join("\n")).toMatch(/line must be a positive integer/);
    expect(problems.join("\n")).toMatch(/hash must be 12 hex digits/);
    expect(problems.join("\n")).toMatch(/verdict must be one of/);
    expect(problems.join("\n")).toMatch(/missing reason/);
  });
});

describe("validateCorpus", () => {
  const repos = [
    { repo: "acme/shop", triage: "full" },
    { repo: "acme/blog", triage: "none" },
  ];

  it("accepts entries of listed repositories, each recorded once", () => {
    expect(validateCorpus(repos, [entry(1, "a", "tp"), entry(2, "b", "missed")])).toEqual([]);
  });

  it("names an unlisted repository, a duplicate entry, a repository listed twice and an unknown triage state", () => {
    const problems = validateCorpus(
      [...repos, { repo: "acme/shop", triage: "full" }, { repo: "acme/wiki", triage: "partly" }],
      [entry(1, "a", "tp", { repo: "acme/shpo" }), entry(3, "c", "tp"), entry(3, "c", "fp")],
    ).join("\n");
    expect(problems).toMatch(/acme\/shpo .*repository not in repos\.json/);
    expect(problems).toMatch(/recorded twice/);
    expect(problems).toMatch(/acme\/shop is listed twice/);
    expect(problems).toMatch(/acme\/wiki: triage must be one of/);
  });
});

describe("parseLineSpec", () => {
  it("splits owner/name, path and line, the line after the last colon", () => {
    expect(parseLineSpec("acme/shop:app/api/x.ts:42")).toEqual({ repo: "acme/shop", file: "app/api/x.ts", line: 42 });
    expect(parseLineSpec("acme/shop:weird:name.ts:7")).toEqual({ repo: "acme/shop", file: "weird:name.ts", line: 7 });
  });

  it("refuses a spec without a repository, a path or a positive line", () => {
    for (const bad of ["app/api/x.ts:42", "acme/shop:42", "acme/shop:x.ts:0", "acme/shop:x.ts:", "acme:x.ts:3"])
      expect(parseLineSpec(bad)).toBeUndefined();
  });
});

describe("renderTable", () => {
  it("prints each rule with its checks indented, counts and rates, then the total", () => {
    const s = score(matchFindings([finding(1, "a"), finding(2, "b")], [entry(1, "a", "tp"), entry(2, "b", "fp")]));
    const lines = renderTable(s).split("\n");
    const row = (label: string) =>
      lines
        .find((l) => l.trimStart().startsWith(label))!
        .trim()
        .split(/\s+/);
    expect(row("upstash/rate-limit-misconfiguration").slice(1)).toEqual(["1", "1", "0", "0", "50.0%", "100.0%"]);
    expect(lines.some((l) => l.startsWith("  shared-bucket"))).toBe(true);
    expect(row("all rules").slice(2)).toEqual(["1", "1", "0", "0", "50.0%", "100.0%"]);
    const empty = renderTable(score(matchFindings([], [])));
    expect(empty.split("\n").at(-1)).toMatch(/all rules\s+0\s+0\s+0\s+0\s+-\s+-\s*$/);
  });
});
