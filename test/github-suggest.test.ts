/**
 * Suggested fixes on pull requests (suggest: true), against a scripted review API: which fixes
 * become suggestions, what a suggestion replaces, and that re-runs do not repeat them.
 */
import { describe, expect, it } from "vitest";
import { ApiError, type PullRequestFile, type ReviewApi, type ReviewComment } from "../src/github/api";
import { diffLines, suggestFixes, suggestionFor } from "../src/github/suggest";
import { emptyPlan, type FilePlan, type FixPlan, type PlannedFix } from "../src/fix/plan";
import type { Finding } from "../src/engine/types";
import { fakeRedisToken } from "./support/credentials";

const BEFORE = [
  'import { Redis } from "@upstash/redis";',
  "",
  "const redis = Redis.fromEnv();",
  "",
  "export async function save(id: string, user: string) {",
  "  await redis.set(`session:${id}`, user);",
  "}",
  "",
].join("\n");

function finding(line: number): Finding {
  return {
    rule: "upstash/sensitive-data-without-ttl",
    check: "write-without-ttl",
    location: { file: "lib/store.ts", range: { startLine: line, startColumn: 15, endLine: line, endColumn: 40 } },
    message: "m",
    confidence: "high",
  };
}

/** A plan with one fix that adds `{ ex: 60 }` to the set call of BEFORE (or of `before`). */
function planFor(before = BEFORE, extra = ", { ex: 60 }"): { plan: FixPlan; file: FilePlan; fix: PlannedFix } {
  const at = before.indexOf("user);") + "user".length;
  const line = before.slice(0, at).split("\n").length;
  const fix: PlannedFix = {
    finding: finding(line),
    fixer: "set-ttl",
    description: "Expire the key.",
    edits: [{ start: at, end: at, text: extra }],
  };
  const file: FilePlan = {
    file: "lib/store.ts",
    abs: "/x/lib/store.ts",
    before,
    after: before.slice(0, at) + extra + before.slice(at),
    edits: fix.edits,
    bom: false,
    fixes: [fix],
  };
  const plan = emptyPlan();
  plan.files.push(file);
  plan.byFinding.set(fix.finding, { fix, file });
  return { plan, file, fix };
}

/** The whole file added by the pull request. */
function addedPatch(text: string): string {
  const lines = text.replace(/\n$/, "").split("\n");
  return `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => "+" + l).join("\n")}`;
}

function fakeApi(files: PullRequestFile[], opts: { reviewStatus?: number; rejectLines?: number[] } = {}) {
  const comments: Array<{ body: string; line: number }> = [];
  const calls = { reviews: 0, single: 0 };
  const api: ReviewApi = {
    async pullRequestFiles() {
      return files;
    },
    async reviewComments() {
      return comments.map((c) => ({ body: c.body }));
    },
    async createReview(_pull, review) {
      calls.reviews++;
      if (opts.reviewStatus) throw new ApiError("Unprocessable Entity", opts.reviewStatus);
      comments.push(...review.comments);
    },
    async createReviewComment(_pull, c: ReviewComment & { commit_id: string }) {
      calls.single++;
      if (opts.rejectLines?.includes(c.line)) throw new ApiError("line must be part of the diff", 422);
      comments.push(c);
    },
  };
  return { api, comments, calls };
}

const log = { info: () => {}, warning: () => {} };
const same = (s: string) => s;

describe("suggested fixes", () => {
  it("reads the new side of a patch: the text of every line in it, and which lines it adds", () => {
    const d = diffLines("@@ -1,3 +1,4 @@\n a\n-b\n+B\n+C\n c\n\\ No newline at end of file");
    expect([...d.text]).toEqual([
      [1, "a"],
      [2, "B"],
      [3, "C"],
      [4, "c"],
    ]);
    expect([...d.added]).toEqual([2, 3]);
  });

  it("replaces exactly the lines the fix touches with what they become", () => {
    const { file, fix } = planFor();
    const s = suggestionFor(file, fix, "apps/web/lib/store.ts", diffLines(addedPatch(BEFORE)), same)!;
    expect(s.comment).toMatchObject({ path: "apps/web/lib/store.ts", line: 6, side: "RIGHT" });
    expect(s.comment.start_line).toBeUndefined();
    expect(s.comment.body).toContain("```suggestion\n  await redis.set(`session:${id}`, user, { ex: 60 });\n```");
    expect(s.comment.body).toContain(`<!-- upstash-scan:suggestion ${s.key} -->`);
  });

  it("spans several lines when the fix does, and keeps the suggestion fence out of reach of the code's backticks", () => {
    const { file, fix } = planFor(BEFORE, ",\n    { ex: 60 } /* ``` */");
    const s = suggestionFor(file, fix, "lib/store.ts", diffLines(addedPatch(BEFORE)), same)!;
    expect(s.comment).toMatchObject({ line: 6 });
    expect(s.comment.body).toContain(
      "````suggestion\n  await redis.set(`session:${id}`, user,\n    { ex: 60 } /* ``` */);\n````",
    );
  });

  it("makes no suggestion when a line it replaces is not in the diff, or reads differently there", () => {
    const { file, fix } = planFor();
    const outside = diffLines("@@ -5,1 +5,1 @@\n-x\n+export async function save(id: string, user: string) {");
    expect(suggestionFor(file, fix, "lib/store.ts", outside, same)).toBeUndefined();
    const stale = diffLines(addedPatch(BEFORE.replace("user);", "other);")));
    expect(suggestionFor(file, fix, "lib/store.ts", stale, same)).toBeUndefined();
  });

  it("makes no suggestion that would quote a credential", () => {
    const token = fakeRedisToken();
    const before = BEFORE.replace("user);", `user); // was ${token}`);
    const { file, fix } = planFor(before);
    const scrub = (s: string) => s.split(token).join("AX…");
    expect(suggestionFor(file, fix, "lib/store.ts", diffLines(addedPatch(before)), scrub)).toBeUndefined();
  });

  it("posts once: a re-run finds its marker and adds nothing; changed code gets a new suggestion", async () => {
    const { plan } = planFor();
    const { api, comments, calls } = fakeApi([{ filename: "lib/store.ts", patch: addedPatch(BEFORE) }]);
    const input = { plan, api, pull: 7, headSha: "a".repeat(40), toRepoPath: (f: string) => f, scrub: same, log };
    expect(await suggestFixes(input)).toEqual({ posted: 1, existing: 0, unsuggestable: 0 });
    expect(await suggestFixes(input)).toEqual({ posted: 0, existing: 1, unsuggestable: 0 });
    expect(calls.reviews).toBe(1);
    expect(comments).toHaveLength(1);

    // The same fix on a line that moved (an unrelated line added above) is the same suggestion.
    const moved = "// a new comment\n" + BEFORE;
    const shifted = planFor(moved);
    const again = fakeApi([{ filename: "lib/store.ts", patch: addedPatch(moved) }]);
    again.comments.push(...comments);
    expect(await suggestFixes({ ...input, plan: shifted.plan, api: again.api })).toMatchObject({
      posted: 0,
      existing: 1,
    });

    // Another fix for the same finding (a different TTL) is a new suggestion.
    const other = planFor(BEFORE, ", { ex: 120 }");
    expect(await suggestFixes({ ...input, plan: other.plan })).toMatchObject({ posted: 1, existing: 0 });
  });

  it("only suggests on lines the pull request adds", async () => {
    const { plan } = planFor();
    const context = `@@ -4,4 +4,4 @@\n \n-export async function old() {\n+export async function save(id: string, user: string) {\n   await redis.set(\`session:\${id}\`, user);\n }`;
    const { api, calls } = fakeApi([{ filename: "lib/store.ts", patch: context }]);
    const r = await suggestFixes({
      plan,
      api,
      pull: 7,
      headSha: "a".repeat(40),
      toRepoPath: (f) => f,
      scrub: same,
      log,
    });
    expect(r).toEqual({ posted: 0, existing: 0, unsuggestable: 0 });
    expect(calls.reviews).toBe(0);
  });

  it("when GitHub refuses the review (422), places the comments one by one and counts the ones it refuses", async () => {
    const two = planFor();
    const second = planFor(BEFORE.replace("export async function save", "export async function keep"));
    const file2: FilePlan = { ...second.file, file: "lib/other.ts" };
    const fix2 = {
      ...second.fix,
      finding: { ...second.fix.finding, location: { ...second.fix.finding.location, file: "lib/other.ts" } },
    };
    file2.fixes = [fix2];
    two.plan.files.push(file2);
    two.plan.byFinding.set(fix2.finding, { fix: fix2, file: file2 });
    const other = BEFORE.replace("export async function save", "export async function keep");
    const { api, calls, comments } = fakeApi(
      [
        { filename: "lib/store.ts", patch: addedPatch(BEFORE) },
        { filename: "lib/other.ts", patch: addedPatch(other) },
      ],
      { reviewStatus: 422, rejectLines: [] },
    );
    const r = await suggestFixes({
      plan: two.plan,
      api,
      pull: 7,
      headSha: "a".repeat(40),
      toRepoPath: (f) => f,
      scrub: same,
      log,
    });
    expect(r).toEqual({ posted: 2, existing: 0, unsuggestable: 0 });
    expect(calls).toEqual({ reviews: 1, single: 2 });
    expect(comments).toHaveLength(2);
  });
});
