import { describe, expect, it } from "vitest";
import {
  deriveCategory,
  duplicateCategoryMessage,
  earlierUpload,
  matrixParts,
  recordUpload,
  workflowPath,
} from "../src/github/category";
import { pullRequestNumber } from "../src/main";
import { readInputs } from "../src/github/inputs";
import { tempDir } from "./support/run";

const WF_REF = "octo/demo/.github/workflows/scan.yml@refs/heads/main";

describe("the default category", () => {
  it("is the workflow file and job id, as codeql-action's analysis key", () => {
    expect(workflowPath(WF_REF)).toBe(".github/workflows/scan.yml");
    expect(workflowPath("octo/demo/.github/workflows/a@b.yml@refs/pull/3/merge")).toBe(".github/workflows/a@b.yml");
    expect(deriveCategory({ workflowRef: WF_REF, job: "scan", matrix: "null", scanned: "." })).toBe(
      ".github/workflows/scan.yml:scan",
    );
  });

  it("differs between matrix legs: values in key order, whatever order the runner wrote them in", () => {
    const leg = (matrix: object) =>
      deriveCategory({ workflowRef: WF_REF, job: "scan", matrix: JSON.stringify(matrix) });
    expect(leg({ node: 20, app: "web" })).toBe(".github/workflows/scan.yml:scan/app:web/node:20");
    expect(leg({ app: "web", node: 20 })).toBe(leg({ node: 20, app: "web" }));
    expect(leg({ app: "web", node: 20 })).not.toBe(leg({ app: "api", node: 20 }));
    // The runner's toJson(matrix) is pretty-printed; nested values stay apart too.
    expect(matrixParts('{\n  "os": "ubuntu-latest",\n  "cfg": {"x": [1, 2]}\n}')).toEqual([
      'cfg:{"x":[1,2]}',
      "os:ubuntu-latest",
    ]);
    expect(matrixParts("null")).toEqual([]);
    expect(matrixParts("")).toEqual([]);
  });

  it("adds the scanned path when it is not the whole workspace", () => {
    const base = { workflowRef: WF_REF, job: "scan" };
    expect(deriveCategory({ ...base, scanned: "apps/web" })).toBe(".github/workflows/scan.yml:scan/path:apps/web");
    expect(deriveCategory({ ...base, scanned: "apps/web" })).not.toBe(deriveCategory({ ...base, scanned: "apps/api" }));
    expect(deriveCategory({ ...base, scanned: "" })).toBe(".github/workflows/scan.yml:scan");
  });

  it("falls back to the workflow name, and to upstash-scan outside Actions; no control characters", () => {
    expect(deriveCategory({ workflow: "Security", job: "scan" })).toBe("Security:scan");
    expect(deriveCategory({})).toBe("upstash-scan");
    expect(deriveCategory({ workflowRef: WF_REF, job: "scan", matrix: '{"a":"x\\ny"}' })).toBe(
      ".github/workflows/scan.yml:scan/a:x y",
    );
  });
});

describe("one upload per category and job", () => {
  it("remembers an upload in RUNNER_TEMP and names the earlier step in the error", () => {
    const t = tempDir();
    try {
      expect(earlierUpload(t.dir, "cat-a")).toBeUndefined();
      recordUpload(t.dir, { category: "cat-a", step: "scan-web", scanned: "apps/web", sarifId: "s-1" });
      const earlier = earlierUpload(t.dir, "cat-a")!;
      expect(earlier).toMatchObject({ step: "scan-web", scanned: "apps/web", sarifId: "s-1" });
      expect(earlierUpload(t.dir, "cat-b")).toBeUndefined();
      expect(duplicateCategoryMessage("cat-a", earlier, false)).toMatch(
        /^step "scan-web" of this job already uploaded results with category "cat-a" \(scanning apps\/web, analysis s-1\)\. .*different `path` or its own `category`/,
      );
      expect(duplicateCategoryMessage("cat-a", earlier, true)).toMatch(
        /Give each upstash-scan step its own `category`/,
      );
    } finally {
      t.cleanup();
    }
    expect(earlierUpload(undefined, "cat-a")).toBeUndefined();
  });
});

describe("ref and sha inputs", () => {
  const from = (values: Record<string, string>) => (name: string) => values[name] ?? "";
  const SHA = "0123456789abcdef0123456789abcdef01234567";

  it("go together, as in codeql-action's upload-sarif", () => {
    expect(readInputs(from({ ref: "refs/pull/3/head", sha: SHA.toUpperCase() }))).toMatchObject({
      ref: "refs/pull/3/head",
      sha: SHA,
    });
    expect(() => readInputs(from({ ref: "refs/heads/main" }))).toThrow(
      'inputs "ref" and "sha" go together: "ref" is refs/heads/main but "sha" is empty',
    );
    expect(() => readInputs(from({ sha: SHA }))).toThrow(/"sha" is 0123.* but "ref" is empty/);
  });

  it("must be a full ref and a full commit SHA", () => {
    expect(() => readInputs(from({ ref: "main", sha: SHA }))).toThrow(
      'input "ref" must be a full ref: refs/heads/<branch>, refs/tags/<tag>, refs/pull/<number>/merge or refs/pull/<number>/head, not "main"',
    );
    expect(() => readInputs(from({ ref: "refs/pull/x/head", sha: SHA }))).toThrow(/input "ref" must be a full ref/);
    expect(() => readInputs(from({ ref: "refs/heads/main", sha: "abc123" }))).toThrow(
      /input "sha" must be a full commit SHA/,
    );
    expect(readInputs(from({ ref: "refs/tags/v1.2.0", sha: "a".repeat(64) })).sha).toBe("a".repeat(64));
  });

  it("a refs/pull/N/… ref names the pull request of a workflow_run job", () => {
    const ctx = { workspace: "/w", serverUrl: "", apiUrl: "", eventName: "workflow_run", event: {} };
    expect(pullRequestNumber(ctx, "refs/pull/42/head")).toBe(42);
    expect(pullRequestNumber(ctx, "refs/heads/main")).toBeUndefined();
    expect(pullRequestNumber({ ...ctx, eventName: "pull_request", event: { number: 7 } }, "")).toBe(7);
    expect(pullRequestNumber({ ...ctx, eventName: "push" }, "")).toBeUndefined();
  });
});
