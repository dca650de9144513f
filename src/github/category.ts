/**
 * The code-scanning category of an upload. Code scanning keeps one analysis per tool, ref and
 * category: an upload replaces the previous one with the same category, closing the alerts it does
 * not repeat. So two matrix legs, or two steps scanning two apps, must not share one. Without a
 * `category` input it is derived, as codeql-action does, from the workflow file, the job id and the
 * matrix values, plus the scanned path when it is not the whole workspace. Within one job, a marker
 * file in RUNNER_TEMP (emptied by the runner for every job) remembers what was uploaded, so that a
 * second upload with the same category fails with an explanation instead of silently replacing the
 * first one's alerts.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { TOOL_NAME } from "../version";

export interface CategoryParts {
  /** GITHUB_WORKFLOW_REF (`owner/repo/.github/workflows/x.yml@refs/heads/main`). */
  workflowRef?: string;
  /** GITHUB_WORKFLOW: the workflow's name, used when the ref is unknown (older servers). */
  workflow?: string;
  /** GITHUB_JOB: the job's id. */
  job?: string;
  /** The `matrix` input, `${{ toJson(matrix) }}`: "null" or "" outside a matrix. */
  matrix?: string;
  /** The scanned path relative to the workspace, `/`-separated; "" or "." for the workspace itself. */
  scanned?: string;
}

/** The workflow file from GITHUB_WORKFLOW_REF: `.github/workflows/x.yml`. */
export function workflowPath(workflowRef: string | undefined): string | undefined {
  if (!workflowRef) return undefined;
  const at = workflowRef.lastIndexOf("@");
  const file = (at === -1 ? workflowRef : workflowRef.slice(0, at)).split("/").slice(2).join("/");
  return file || undefined;
}

/** Matrix values as `key:value` in key order; objects and arrays as compact JSON. */
export function matrixParts(matrix: string | undefined): string[] {
  if (!matrix?.trim()) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(matrix);
  } catch {
    // Not JSON: the whole text is the one value (a user passing a matrix value by hand).
    return [`matrix:${matrix.trim()}`];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [];
  return Object.keys(parsed)
    .sort()
    .map((key) => {
      const value = (parsed as Record<string, unknown>)[key];
      return `${key}:${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
}

/**
 * `<workflow file>:<job>/<matrix key:value>…/path:<scanned>`, or `upstash-scan` outside Actions.
 * Control characters become spaces: the category ends up in SARIF and in log lines.
 */
export function deriveCategory(parts: CategoryParts): string {
  const workflow = workflowPath(parts.workflowRef) ?? parts.workflow;
  if (!workflow && !parts.job) return TOOL_NAME;
  const segments = [`${workflow ?? ""}:${parts.job ?? ""}`, ...matrixParts(parts.matrix)];
  const scanned = parts.scanned?.replace(/\/+$/, "");
  if (scanned && scanned !== ".") segments.push(`path:${scanned}`);
  return segments.join("/").replace(/\p{Cc}+/gu, " ");
}

export function categoryFromEnv(env: NodeJS.ProcessEnv, matrix: string, scanned: string): string {
  return deriveCategory({
    workflowRef: env.GITHUB_WORKFLOW_REF,
    workflow: env.GITHUB_WORKFLOW,
    job: env.GITHUB_JOB,
    matrix,
    scanned,
  });
}

/** What a step of this job recorded when it uploaded a category. */
export interface UploadMarker {
  category: string;
  /** GITHUB_ACTION: the step's id (or the runner's generated name). */
  step?: string;
  scanned: string;
  sarifId: string;
}

function markerFile(runnerTemp: string, category: string): string {
  const hash = crypto.createHash("sha256").update(category).digest("hex").slice(0, 32);
  return path.join(runnerTemp, `${TOOL_NAME}-uploads`, `${hash}.json`);
}

/** The earlier upload of `category` in this job, if a step recorded one. */
export function earlierUpload(runnerTemp: string | undefined, category: string): UploadMarker | undefined {
  if (!runnerTemp) return undefined;
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile(runnerTemp, category), "utf8")) as UploadMarker;
    return marker.category === category ? marker : undefined;
  } catch {
    return undefined;
  }
}

export function recordUpload(runnerTemp: string | undefined, marker: UploadMarker): void {
  if (!runnerTemp) return;
  const file = markerFile(runnerTemp, marker.category);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(marker));
}

/** The error for a second upload of one category in a job. */
export function duplicateCategoryMessage(category: string, earlier: UploadMarker, given: boolean): string {
  const who = earlier.step ? `step "${earlier.step}"` : "an earlier step";
  return (
    `${who} of this job already uploaded results with category "${category}" (scanning ${earlier.scanned || "."}, analysis ${earlier.sarifId}). ` +
    "A second upload with the same category would replace that analysis and close its alerts. " +
    (given
      ? "Give each upstash-scan step its own `category` input."
      : "The default category comes from the workflow, job, matrix values and `path`: give this step a different `path` or its own `category` input.") +
    " Or set `upload: false` on the step whose results should not be uploaded."
  );
}
