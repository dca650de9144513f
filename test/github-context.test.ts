import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceRoot } from "../src/main";
import { tempDir } from "./support/run";
import { readOnlyTokenCause, uploadTarget, type EventPayload } from "../src/github/context";

const HEAD = "a".repeat(40);
const MERGE = "b".repeat(40);
const BASE_TIP = "c".repeat(40);

const pr = (extra: Partial<NonNullable<EventPayload["pull_request"]>> = {}): EventPayload => ({
  number: 12,
  pull_request: {
    number: 12,
    head: { sha: HEAD, repo: { full_name: "o/r" } },
    base: { repo: { full_name: "o/r" } },
    merge_commit_sha: MERGE,
    ...extra,
  },
});

describe("uploadTarget: the ref and commit an upload is filed under", () => {
  it("push: GITHUB_REF and the checked-out commit", () => {
    expect(uploadTarget({ eventName: "push", event: {}, ref: "refs/heads/main", sha: HEAD }, HEAD)).toMatchObject({
      ref: "refs/heads/main",
      sha: HEAD,
    });
    expect(uploadTarget({ eventName: "push", event: {}, ref: "refs/tags/v1.2.0", sha: HEAD }, undefined)).toMatchObject(
      { ref: "refs/tags/v1.2.0", sha: HEAD },
    );
  });

  it("pull_request with the merge commit checked out: the merge ref and GITHUB_SHA", () => {
    expect(
      uploadTarget({ eventName: "pull_request", event: pr(), ref: "refs/pull/12/merge", sha: MERGE }, MERGE),
    ).toMatchObject({ ref: "refs/pull/12/merge", sha: MERGE });
  });

  it("pull_request with the head checked out: the head ref and the head commit", () => {
    expect(
      uploadTarget({ eventName: "pull_request", event: pr(), ref: "refs/pull/12/merge", sha: MERGE }, HEAD),
    ).toMatchObject({ ref: "refs/pull/12/head", sha: HEAD });
  });

  it("pull_request without git (no checkout): the merge ref and GITHUB_SHA", () => {
    expect(
      uploadTarget({ eventName: "pull_request", event: pr(), ref: "refs/pull/12/merge", sha: MERGE }, undefined),
    ).toMatchObject({ ref: "refs/pull/12/merge", sha: MERGE });
  });

  it("pull_request_target: the base branch by default, the pull request ref when its code was checked out", () => {
    const ctx = { eventName: "pull_request_target", event: pr(), ref: "refs/heads/main", sha: BASE_TIP };
    expect(uploadTarget(ctx, BASE_TIP)).toMatchObject({ ref: "refs/heads/main", sha: BASE_TIP });
    expect(uploadTarget(ctx, HEAD)).toMatchObject({ ref: "refs/pull/12/head", sha: HEAD });
    expect(uploadTarget(ctx, MERGE)).toMatchObject({ ref: "refs/pull/12/merge", sha: MERGE });
  });

  it("merge_group: the queue's branch and its commit", () => {
    const ref = "refs/heads/gh-readonly-queue/main/pr-12-" + BASE_TIP;
    expect(uploadTarget({ eventName: "merge_group", event: {}, ref, sha: MERGE }, MERGE)).toMatchObject({
      ref,
      sha: MERGE,
    });
  });

  it("schedule and workflow_dispatch: the ref of the run and its tip; the default branch when GITHUB_REF is missing", () => {
    expect(uploadTarget({ eventName: "schedule", event: {}, ref: "refs/heads/main", sha: HEAD }, HEAD)).toMatchObject({
      ref: "refs/heads/main",
      sha: HEAD,
    });
    expect(
      uploadTarget({ eventName: "workflow_dispatch", event: {}, ref: "refs/heads/release", sha: HEAD }, HEAD),
    ).toMatchObject({ ref: "refs/heads/release", sha: HEAD });
    expect(
      uploadTarget(
        { eventName: "schedule", event: { repository: { default_branch: "trunk" } }, ref: undefined, sha: HEAD },
        HEAD,
      ),
    ).toMatchObject({ ref: "refs/heads/trunk", sha: HEAD });
  });

  it("the checked-out commit wins over GITHUB_SHA", () => {
    expect(uploadTarget({ eventName: "push", event: {}, ref: "refs/heads/main", sha: BASE_TIP }, HEAD)).toMatchObject({
      sha: HEAD,
    });
  });

  it("says what is missing instead of guessing", () => {
    expect(uploadTarget({ eventName: "push", event: {}, ref: "refs/heads/main", sha: undefined }, undefined)).toMatch(
      /which commit/,
    );
    expect(uploadTarget({ eventName: "schedule", event: {}, ref: undefined, sha: HEAD }, HEAD)).toMatch(
      /GITHUB_REF is not set/,
    );
    expect(uploadTarget({ eventName: "push", event: {}, ref: "main", sha: HEAD }, HEAD)).toMatch(
      /not a branch, tag or pull request ref/,
    );
  });
});

describe("readOnlyTokenCause", () => {
  it("recognises forked pull requests by repository name, not by the fork flag", () => {
    expect(
      readOnlyTokenCause({
        eventName: "pull_request",
        event: pr({ head: { sha: HEAD, repo: { full_name: "someone/r" } } }),
      }),
    ).toBe("fork");
    expect(readOnlyTokenCause({ eventName: "pull_request", event: pr({ head: { sha: HEAD, repo: null } }) })).toBe(
      "fork",
    );
    expect(readOnlyTokenCause({ eventName: "pull_request", event: pr() })).toBeUndefined();
    // pull_request_target runs with the base repository's token.
    expect(
      readOnlyTokenCause({
        eventName: "pull_request_target",
        event: pr({ head: { sha: HEAD, repo: { full_name: "someone/r" } } }),
      }),
    ).toBeUndefined();
  });

  it("recognises Dependabot", () => {
    expect(readOnlyTokenCause({ eventName: "pull_request", event: pr(), actor: "dependabot[bot]" })).toBe("dependabot");
    expect(readOnlyTokenCause({ eventName: "push", event: { sender: { login: "dependabot[bot]" } } })).toBe(
      "dependabot",
    );
  });
});

describe("sourceRoot: what reported paths are relative to", () => {
  it("is the workspace when it is the checkout, even for a nested repository inside it", () => {
    const t = tempDir();
    try {
      fs.mkdirSync(path.join(t.dir, ".git"));
      fs.mkdirSync(path.join(t.dir, "vendor/lib/.git"), { recursive: true });
      expect(sourceRoot(t.dir, path.join(t.dir, "apps/web"))).toBe(t.dir);
      expect(sourceRoot(t.dir, path.join(t.dir, "vendor/lib/src"))).toBe(t.dir);
    } finally {
      t.cleanup();
    }
  });

  it("is the checkout below the workspace when actions/checkout used a `path`", () => {
    const t = tempDir();
    try {
      fs.mkdirSync(path.join(t.dir, "repo/.git"), { recursive: true });
      fs.mkdirSync(path.join(t.dir, "repo/apps/web"), { recursive: true });
      expect(sourceRoot(t.dir, path.join(t.dir, "repo/apps/web"))).toBe(path.join(t.dir, "repo"));
      expect(sourceRoot(t.dir, path.join(t.dir, "elsewhere"))).toBe(t.dir);
    } finally {
      t.cleanup();
    }
  });
});
