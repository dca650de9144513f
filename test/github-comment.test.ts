import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  commentMarker,
  COMMENT_BUDGET_CHARS,
  renderComment,
  syncComment,
  type CommentInput,
} from "../src/github/comment";
import { octokitComments } from "../src/github/api";
import { ChangedLines } from "../src/engine/changed-lines";
import type { Finding, RuleId } from "../src/engine/types";
import { FakeGitHub } from "./support/fake-github";

function finding(rule: RuleId, file: string, line: number, over: Partial<Finding> = {}): Finding {
  return {
    rule,
    check: "some-check",
    location: { file, range: { startLine: line, startColumn: 1, endLine: line, endColumn: 5 } },
    message: `found in ${file}`,
    confidence: "high",
    ...over,
  };
}

const LINKS = { serverUrl: "https://github.example", repository: "octo/demo", sha: "c0ffee".padEnd(40, "0") };
const changedOn = (file: string, ...lines: number[]) => {
  const c = new ChangedLines();
  for (const l of lines) c.add(file, l);
  return c;
};
const input = (over: Partial<CommentInput>): CommentInput => ({
  category: "ci.yml:scan",
  findings: [],
  changed: new ChangedLines(),
  failOn: "high",
  gating: 0,
  links: LINKS,
  runUrl: "https://github.example/octo/demo/actions/runs/99",
  uploaded: false,
  scrub: (t) => t,
  ...over,
});

describe("renderComment", () => {
  const leak = finding("upstash/write-token-in-frontend", "app/page.tsx", 4);
  const old = finding("upstash/sensitive-data-without-ttl", "lib/cache.ts", 9);
  const suppressed = finding("upstash/qstash-webhook-spoofing", "app/api/hook.ts", 2, {
    suppressed: { kind: "inline", reason: "tested" },
  });

  it("splits findings on changed lines from the rest, with the risk card, the gate and links", () => {
    const { body, resolved } = renderComment(
      input({ findings: [leak, old, suppressed], changed: changedOn("app/page.tsx", 4), gating: 1, uploaded: true }),
    );
    expect(resolved).toBe(false);
    expect(body.startsWith(commentMarker("ci.yml:scan") + "\n")).toBe(true);
    expect(body).toContain("### 🟣 upstash-scan: 1 new finding in this pull request");
    expect(body).toContain("2 open findings at c0ffee0 (1 on lines this pull request changes, 1 elsewhere).");
    expect(body).toContain("❌ 1 finding at or above `high` fails the check.");
    expect(body).toContain("| 🟣 #1 Write Token in Frontend | critical | 1 | 0 |");
    expect(body).toContain("| ✅ #2 Sensitive Data Without TTL | medium | 0 | 1 |");
    expect(body).toContain("| ✅ #3 QStash Webhook Spoofing | high | 0 | 0 |"); // the suppressed one is not counted
    const [newPart, existingPart] = body.split("<details>");
    expect(newPart).toContain(`[app/page.tsx:4](https://github.example/octo/demo/blob/${LINKS.sha}/app/page.tsx#L4)`);
    expect(existingPart).toContain("1 finding not on changed lines");
    expect(existingPart).toContain("lib/cache.ts:9");
    expect(body).toContain("[Job summary](https://github.example/octo/demo/actions/runs/99)");
    expect(body).toContain("[Code scanning alerts](https://github.example/octo/demo/security/code-scanning?query=");
  });

  it("is resolved when nothing new is left, and says what remains elsewhere", () => {
    const r = renderComment(input({ findings: [old], changed: changedOn("app/page.tsx", 4) }));
    expect(r.resolved).toBe(true);
    expect(r.body).toContain("### ✅ upstash-scan: no new findings at c0ffee0");
    expect(r.body).toContain("1 finding elsewhere in the code is not from this pull request");
    expect(renderComment(input({ findings: [] })).body).toContain("No open findings.");
  });

  it("lists every finding when the pull request's changes are unknown", () => {
    const { body, resolved } = renderComment(
      input({
        findings: [leak, old],
        changed: undefined,
        unknown: "could not list the pull request's changes (HTTP 502)",
      }),
    );
    expect(resolved).toBe(false);
    expect(body).toContain("### 🟣 upstash-scan: 2 findings");
    expect(body).toContain("could not be told apart: the step could not list the pull request's changes (HTTP 502)");
    expect(body).toContain("| Risk | Severity | Findings |");
  });

  it("keeps the scanned code's text inert and its secrets out, and stays within GitHub's size", () => {
    const secret = "AYQgASQgNzQ5NjY0ZmYtMzdkNS00ZjJkLWE1NjctZTZiYzY3ZWY3YjQ3";
    const hostile = finding("upstash/write-token-in-frontend", "app/x.ts", 1, {
      message: `token ${secret} <img src=x onerror=alert(1)> [click](https://evil.example) -->`,
    });
    const many = Array.from({ length: 2000 }, (_, i) =>
      finding("upstash/rate-limit-misconfiguration", `src/f${i}.ts`, 1, { message: "x".repeat(3000) }),
    );
    const { body } = renderComment(
      input({
        findings: [hostile, ...many],
        changed: undefined,
        scrub: (t) => t.split(secret).join("AYQg…56"),
      }),
    );
    expect(body).not.toContain(secret);
    expect(body).toContain("AYQg…56");
    expect(body).not.toContain("<img");
    expect(body).not.toContain("[click](");
    expect(body.split("-->")).toHaveLength(2); // only the marker's own end
    expect(body.length).toBeLessThanOrEqual(COMMENT_BUDGET_CHARS);
    expect(body).toContain("cut to fit GitHub's comment size; every finding is in the job summary");
  });
});

describe("syncComment against the loopback API", () => {
  const api = new FakeGitHub();
  beforeAll(() => api.start());
  afterAll(() => api.stop());
  beforeEach(() => api.reset());

  const sync = async (rendered: ReturnType<typeof renderComment>, category = "ci.yml:scan") =>
    syncComment({
      api: await octokitComments("t0ken", { owner: "octo", repo: "demo" }, api.url),
      issue: 7,
      category,
      rendered,
      baseDelayMs: 1,
      log: () => {},
    });
  const leak = finding("upstash/write-token-in-frontend", "app/page.tsx", 4);
  const open = renderComment(input({ findings: [leak], changed: changedOn("app/page.tsx", 4) }));
  const methods = () => api.commentRequests().map((r) => `${r.method} ${r.url.replace(/\?.*/, "")}`);

  it("creates one comment, leaves it alone when nothing changed, and edits it in place when something did", async () => {
    expect(await sync(open)).toMatchObject({ state: "created", url: expect.stringContaining("#issuecomment-") });
    expect(await sync(open)).toMatchObject({ state: "unchanged" });
    const moved = renderComment(
      input({ findings: [leak], changed: changedOn("app/page.tsx", 4), links: { ...LINKS, sha: "d".repeat(40) } }),
    );
    expect(await sync(moved)).toMatchObject({ state: "updated" });
    expect([...api.comments.values()].map((c) => c.body)).toEqual([moved.body]);
    expect(methods()).toEqual([
      "GET /repos/octo/demo/issues/7/comments",
      "POST /repos/octo/demo/issues/7/comments",
      "GET /repos/octo/demo/issues/7/comments",
      "GET /repos/octo/demo/issues/7/comments",
      "PATCH /repos/octo/demo/issues/comments/1000",
    ]);
  });

  it("creates nothing when there is nothing new; resolves and collapses, then expands when findings return", async () => {
    const clean = renderComment(input({ findings: [] }));
    expect(await sync(clean)).toEqual({ state: "not-needed" });
    expect(api.comments.size).toBe(0);

    await sync(open);
    expect(await sync(clean)).toMatchObject({ state: "resolved" });
    const [c] = [...api.comments.values()];
    expect(c!.body).toBe(clean.body);
    expect(c!.minimized).toBe(true);
    expect(await sync(open)).toMatchObject({ state: "updated" });
    expect(c!.minimized).toBe(false);
    expect(api.comments.size).toBe(1);
  });

  it("finds its comment among many pages, ignores quotes of the marker and other categories, deletes racing copies", async () => {
    for (let i = 0; i < 230; i++)
      api.comments.set(i + 1, { id: i + 1, issue: 7, body: `chatter ${i}`, minimized: false });
    api.comments.set(500, { id: 500, issue: 7, body: `> ${commentMarker("ci.yml:scan")}\n> quoted`, minimized: false });
    api.comments.set(501, { id: 501, issue: 7, body: commentMarker("other") + "\nmatrix leg", minimized: false });
    api.comments.set(502, { id: 502, issue: 7, body: open.body.replace("critical", "old"), minimized: false });
    api.comments.set(503, { id: 503, issue: 7, body: open.body, minimized: false });
    expect(await sync(open)).toMatchObject({ state: "updated" });
    expect(api.comments.get(502)!.body).toBe(open.body);
    expect(api.comments.has(503)).toBe(false);
    expect(api.comments.get(500)!.body).toContain("quoted");
    expect(api.comments.get(501)!.body).toContain("matrix leg");
    expect(methods().filter((m) => m.startsWith("GET"))).toHaveLength(3); // 100 per page
  });

  it("reports a refusal with the permission it needs, and retries a server error", async () => {
    api.reset({ commentRefusal: { status: 403, body: { message: "Resource not accessible by integration" } } });
    const refused = await sync(open);
    expect(refused.state).toBe("failed");
    expect("message" in refused && refused.message).toMatch(
      /HTTP 403: Resource not accessible by integration\)\. The token needs `pull-requests: write`.*workflow_run/,
    );
    expect(api.commentRequests()).toHaveLength(1);

    api.reset({ commentRefusal: { status: 502, body: "bad gateway" } });
    expect((await sync(open)).state).toBe("failed");
    expect(api.commentRequests()).toHaveLength(3);
  });
});
