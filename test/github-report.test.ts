import { describe, expect, it } from "vitest";
import { Annotations, annotateFindings, planAnnotations, type AnnotationSink } from "../src/github/annotations";
import { md, renderSummary, type SummaryInput } from "../src/github/summary";
import { countFindings } from "../src/output/gate";
import { RULES } from "../src/rules/index";
import type { Finding, RuleId, Severity } from "../src/engine/types";
import { SecretRegistry } from "../src/secrets/redact";
import { fakeRedisToken } from "./support/credentials";

let n = 0;
function finding(rule: RuleId, over: Partial<Finding> & { severity?: Severity } = {}): Finding {
  n++;
  return {
    rule,
    check: "some-check",
    location: { file: `src/file-${n}.ts`, range: { startLine: n, startColumn: 3, endLine: n, endColumn: 9 } },
    message: `finding ${n}`,
    confidence: "high",
    ...over,
  };
}
const crit = (over: Partial<Finding> = {}) => finding("upstash/write-token-in-frontend", over);
const high = (over: Partial<Finding> = {}) => finding("upstash/qstash-webhook-spoofing", over);
const med = (over: Partial<Finding> = {}) => finding("upstash/sensitive-data-without-ttl", over);
const low = (over: Partial<Finding> = {}) =>
  finding("upstash/rate-limit-misconfiguration", { severity: "low", ...over });

function recorder(): AnnotationSink & {
  calls: Array<{ type: string; message: string; props?: Record<string, unknown> }>;
} {
  const calls: Array<{ type: string; message: string; props?: Record<string, unknown> }> = [];
  return {
    calls,
    error: (message, props) => void calls.push({ type: "error", message, props: props as Record<string, unknown> }),
    warning: (message, props) => void calls.push({ type: "warning", message, props: props as Record<string, unknown> }),
    notice: (message, props) => void calls.push({ type: "notice", message, props: props as Record<string, unknown> }),
  };
}

describe("annotations", () => {
  it("puts the most severe first and maps severities to annotation types", () => {
    const { planned, omitted } = planAnnotations([low(), med(), high(), crit({ confidence: "low" }), crit()], {
      error: 10,
      warning: 10,
      notice: 10,
    });
    expect(omitted).toBe(0);
    expect(planned.map((p) => p.type)).toEqual(["error", "error", "error", "warning", "notice"]);
    expect(planned[0]!.properties.title).toBe(
      "Write Token in Frontend (critical) · upstash/write-token-in-frontend/some-check",
    );
    // Among equals, higher confidence first.
    expect(planned[1]!.properties.title).toMatch(/critical/);
    expect(planned[2]!.properties.title).toMatch(/\(high\)/);
  });

  it("never annotates suppressed findings", () => {
    const { planned } = planAnnotations([crit({ suppressed: { kind: "inline", reason: "test" } }), med()], {
      error: 10,
      warning: 10,
      notice: 10,
    });
    expect(planned.map((p) => p.type)).toEqual(["warning"]);
  });

  it("gives columns only to single-line annotations", () => {
    const { planned } = planAnnotations(
      [med({ location: { file: "a.ts", range: { startLine: 3, startColumn: 5, endLine: 7, endColumn: 2 } } }), med()],
      { error: 0, warning: 10, notice: 0 },
    );
    expect(planned[0]!.properties).toEqual({ title: expect.any(String), file: "a.ts", startLine: 3, endLine: 7 });
    expect(planned[1]!.properties).toMatchObject({ startColumn: 3, endColumn: 9 });
  });

  it("stays within 10 per type, keeps slots reserved for later messages, and says how many more there are", () => {
    const findings = [
      ...Array.from({ length: 25 }, () => crit()),
      ...Array.from({ length: 4 }, () => med()),
      ...Array.from({ length: 12 }, () => low()),
    ];
    const sink = recorder();
    const log = new Annotations(sink, (s) => s);
    log.emit("warning", "the upload was refused"); // an earlier warning uses a slot
    const omitted = annotateFindings(findings, log, { error: 1 }, "upstash-scan.sarif");
    const byType = (t: string) => sink.calls.filter((c) => c.type === t && c.props?.file);
    expect(byType("error")).toHaveLength(9); // 10 minus the failure message still to come
    expect(byType("warning")).toHaveLength(4);
    expect(byType("notice")).toHaveLength(9); // 10 minus the closing notice
    expect(omitted).toBe(25 - 9 + (12 - 9));
    const closing = sink.calls.at(-1)!;
    expect(closing.type).toBe("notice");
    expect(closing.message).toBe(
      `${omitted} more findings are not annotated (GitHub shows at most 10 annotations of each type per step). All 41 are in the job summary and in upstash-scan.sarif.`,
    );
    expect(log.used).toEqual({ error: 9, warning: 5, notice: 10 });
  });

  it("adds no closing notice when everything fits", () => {
    const sink = recorder();
    expect(annotateFindings([crit(), med()], new Annotations(sink, (s) => s), {}, "x.sarif")).toBe(0);
    expect(sink.calls).toHaveLength(2);
  });

  it("scrubs secrets from messages and titles", () => {
    const secret = fakeRedisToken();
    const secrets = new SecretRegistry();
    secrets.add(secret);
    const sink = recorder();
    annotateFindings(
      [med({ message: `the token ${secret} is here`, check: `c` })],
      new Annotations(sink, (s) => secrets.scrub(s)),
      {},
      "x.sarif",
    );
    expect(sink.calls[0]!.message).toContain(secret.slice(0, 4) + "…");
    expect(JSON.stringify(sink.calls)).not.toContain(secret);
  });
});

function summaryInput(findings: Finding[], over: Partial<SummaryInput> = {}): SummaryInput {
  return {
    findings,
    notifications: [],
    stats: { discovered: 120, read: 118, prefilteredOut: 90, parsed: 28, skipped: 2, phases: {} },
    counts: countFindings(findings),
    failOn: "high",
    gating: findings.filter(
      (f) => !f.suppressed && ["upstash/write-token-in-frontend", "upstash/qstash-webhook-spoofing"].includes(f.rule),
    ).length,
    scanned: ".",
    sarifFile: "upstash-scan.sarif",
    upload: {
      state: "uploaded",
      id: "abc-123",
      target: { ref: "refs/heads/main", sha: "f".repeat(40), reason: "push" },
      gzippedBytes: 1000,
      processing: { status: "complete" },
    },
    links: { serverUrl: "https://github.com", repository: "octo/demo", sha: "f".repeat(40) },
    scrub: (s) => s,
    ...over,
  };
}

describe("job summary", () => {
  it("has a card per guide risk with found or not, counts, likelihood, impact and mitigation", () => {
    const md = renderSummary(summaryInput([crit(), crit(), med({ suppressed: { kind: "inline", reason: "ok" } })]));
    for (const rule of RULES) {
      expect(md).toContain(`#${rule.number} ${rule.title}`);
      expect(md).toContain(`likelihood ${rule.likelihood} · impact ${rule.impact}`);
      expect(md).toContain(rule.mitigation.replace(/_/g, "\\_"));
    }
    expect(md).toMatch(/#### #1 Write Token in Frontend — 🟣 \*\*2 findings\*\*/);
    expect(md).toMatch(/#### #2 Sensitive Data Without TTL — ✅ not found \(1 suppressed\)/);
    expect(md).toMatch(/#### #3 QStash Webhook Spoofing — ✅ not found\n/);
    expect(md).toContain("## upstash-scan: 2 critical · 0 high · 0 medium · 0 low");
    expect(md).toContain("❌ **2 findings at or above `high`** fail this step.");
  });

  it("links each finding to its lines at the scanned commit", () => {
    const f = med({
      location: {
        file: "app/api/my route/route.ts",
        range: { startLine: 4, startColumn: 1, endLine: 6, endColumn: 2 },
      },
    });
    const out = renderSummary(summaryInput([f]));
    expect(out).toContain(
      `[app/api/my route/route.ts:4](https://github.com/octo/demo/blob/${"f".repeat(40)}/app/api/my%20route/route.ts#L4-L6)`,
    );
    expect(renderSummary(summaryInput([f], { links: undefined }))).not.toContain("](https://github.com/octo/demo/blob");
    const grouped = med({
      location: { file: "app/(marketing)/page.tsx", range: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 5 } },
    });
    expect(renderSummary(summaryInput([grouped]))).toContain(
      `/blob/${"f".repeat(40)}/app/%28marketing%29/page.tsx#L2)`,
    );
  });

  it("shows files scanned and parsed, and the upload result", () => {
    const out = renderSummary(summaryInput([]));
    expect(out).toContain(
      "120 files discovered: 118 read, 90 prefiltered out (nothing Upstash-related), 28 parsed, 2 skipped or partly scanned.",
    );
    expect(out).toContain(
      "✅ Uploaded as analysis `abc-123` for `refs/heads/main` at fffffff. GitHub has processed it.",
    );
    expect(out).toContain("✅ Nothing at or above `high`.");
    const refused = renderSummary(
      summaryInput([], {
        upload: {
          state: "refused",
          refusal: {
            cause: "fork",
            status: 403,
            message: "GitHub refused the code-scanning upload for octo/demo (HTTP 403).",
          },
        },
      }),
    );
    expect(refused).toContain("⚠️ GitHub refused the code-scanning upload for octo/demo (HTTP 403).");
    expect(renderSummary(summaryInput([], { upload: { state: "disabled" } }))).toContain(
      "Not uploaded (`upload: false`).",
    );
  });

  it("escapes what comes from the scanned code", () => {
    const out = renderSummary(summaryInput([med({ message: "key `a|b` <img src=x> [click](https://evil) *bold*" })]));
    expect(out).toContain("key \\`a\\|b\\` &lt;img src=x&gt; \\[click\\](https://evil) \\*bold\\*");
    expect(md("a\nb")).toBe("a b");
  });

  it("scrubs secrets from messages and scan notes", () => {
    // Markdown escaping would change a "_" or "-" in the visible prefix: keep it alphanumeric.
    let secret = fakeRedisToken();
    while (!/^[A-Za-z0-9]{4}/.test(secret)) secret = fakeRedisToken();
    const secrets = new SecretRegistry();
    secrets.add(secret);
    const out = renderSummary(
      summaryInput([med({ message: `uses ${secret}` })], {
        notifications: [{ level: "warning", id: "x", message: `saw ${secret}` }],
        scrub: (s) => secrets.scrub(s),
      }),
    );
    expect(out).not.toContain(secret);
    expect(out).toContain(secret.slice(0, 4) + "…");
  });

  it("stays under the 1 MiB step-summary limit with 25,000 findings, saying how many rows it left out", () => {
    const many = Array.from({ length: 25_000 }, (_, i) =>
      med({
        message:
          `a sensitive key written without a TTL, number ${i}, with a long explanation of what to do about it`.repeat(
            2,
          ),
      }),
    );
    const out = renderSummary(summaryInput(many));
    expect(Buffer.byteLength(out)).toBeLessThan(1024 * 1024);
    const rows = out.split("\n").filter((l) => l.startsWith("| 🟠")).length;
    expect(rows).toBeGreaterThan(100);
    expect(rows).toBeLessThan(25_000);
    expect(out).toContain(
      `… and ${25_000 - rows} more findings, left out to keep this summary within GitHub's 1 MiB limit`,
    );
    expect(out).toContain("### Code scanning upload"); // the tail survives the cut
  });
});
