/**
 * The Action's pipeline: inputs → scan → SARIF file → upload → job summary → annotations → outputs →
 * the gate. One try/catch and the only setFailed: every other module reports, this one decides.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as core from "@actions/core";
import { gitTopLevel, scan, UsageError } from "./engine/scan";
import { describe } from "./engine/analyze";
import { loadConfig } from "./config/load";
import { buildSarif } from "./sarif/build";
import { countFindings, gatingFindings } from "./output/gate";
import { formatText } from "./output/text";
import { scrubShapes } from "./secrets/redact";
import { ruleById, severityOf } from "./rules/index";
import { InputError, readInputs } from "./github/inputs";
import { gitHead, readRunContext, uploadTarget } from "./github/context";
import { timingFromEnv, uploadStep, type UploadReport } from "./github/upload";
import { Annotations, annotateFindings } from "./github/annotations";
import { changesFromFiles, pullRequestChanges, type ChangedLines } from "./github/diff";
import { isRetryable, octokitApi } from "./github/api";
import { withRetry } from "./github/retry";
import type { RunContext } from "./github/context";
import { renderSummary } from "./github/summary";
import { TOOL_NAME } from "./version";
import { runVerification } from "./verify/index";

/** Outputs, as action.yml declares them. */
export const OUTPUTS = ["sarif-file", "findings", "critical", "high", "medium", "low", "sarif-id"] as const;

/** A path for messages: relative to the workspace when inside it. */
function shown(file: string, workspace: string): string {
  return isInside(file, workspace) ? path.relative(workspace, file) || "." : file;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The directory SARIF URIs and annotation paths are relative to: the repository root. That is the
 * workspace, unless the workspace is no checkout itself and the scanned path lies in one below it
 * (actions/checkout's `path` input). Submodules and nested clones inside a checked-out workspace
 * keep the workspace, whose repository the results are uploaded to.
 */
export function sourceRoot(workspace: string, targetDir: string): string {
  if (gitTopLevel(workspace) === workspace) return workspace;
  const top = gitTopLevel(targetDir);
  return top && isInside(top, workspace) ? top : workspace;
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const annotations = new Annotations(core, scrubShapes);
  try {
    const inputs = readInputs();
    const ctx = readRunContext(env);
    const workspace = path.resolve(ctx.workspace);
    const target = path.resolve(workspace, inputs.path);
    if (!fs.existsSync(target)) throw new InputError(`input "path": ${inputs.path} does not exist in ${workspace}`);
    const targetDir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
    const srcRoot = sourceRoot(workspace, targetDir);
    if (!isInside(target, workspace))
      core.info(`Note: ${target} lies outside GITHUB_WORKSPACE; file paths are relative to ${srcRoot}.`);

    const config = loadConfig(inputs.config ? path.resolve(workspace, inputs.config) : undefined, targetDir, srcRoot);
    const result = await scan({
      paths: [target],
      srcRoot: isInside(target, srcRoot) ? srcRoot : undefined,
      config,
      ...(inputs.baseline ? { baseline: path.resolve(workspace, inputs.baseline) } : {}),
      ...(inputs["scan-history"] ? { history: {}, onProgress: (m: string) => core.info(`upstash-scan: ${m}`) } : {}),
    });
    if (inputs.verify) await runVerification(result, { onProgress: (m) => core.info(`upstash-scan: ${m}`) });
    const scrub = (text: string) => result.secrets.scrub(text);
    annotations.setScrub(scrub);
    core.info(scrub(formatText(result, { color: true })));
    if (result.internalErrors > 0) {
      annotations.emit(
        "warning",
        `${result.internalErrors} internal error(s) during the scan: some files were only partly checked. See the scan notes in the job summary.`,
      );
    }

    // The SARIF file comes first: whatever happens to the upload, the user keeps the results.
    const sarif = buildSarif(result, { category: inputs.category });
    const sarifText = JSON.stringify(sarif, null, 2) + "\n";
    const sarifPath = path.resolve(workspace, inputs["sarif-file"]);
    fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
    fs.writeFileSync(sarifPath, sarifText);
    core.info(`Wrote ${shown(sarifPath, workspace)}`);

    const head = gitHead(srcRoot);
    const where = uploadTarget(ctx, head);
    const upload = await uploadStep({
      mode: inputs.upload,
      token: inputs.token,
      ctx,
      target: where,
      sarifText,
      results: sarif.runs[0]!.results?.length ?? 0,
      startedAt: result.startedAt,
      checkoutDir: result.srcRoot,
      waitForProcessing: inputs["wait-for-processing"],
      timing: timingFromEnv(env),
      log: { info: (m) => core.info(scrub(m)), warning: (m) => annotations.emit("warning", m) },
    });
    const failures = uploadFailures(upload, annotations);

    const counts = countFindings(result.findings);
    const prChanges = counts.total > 0 ? pullRequestChanges(ctx, srcRoot, result.srcRoot) : undefined;
    const changed =
      inputs["gate-on"] === "new"
        ? await changesForGate(ctx, inputs.token, srcRoot, result.srcRoot, prChanges, annotations)
        : undefined;
    const gating = gatingFindings(result.findings, inputs["fail-on"], changed);
    const sha = typeof where === "string" ? (head ?? ctx.sha) : where.sha;
    const summary = renderSummary({
      findings: result.findings,
      notifications: result.notifications,
      stats: result.stats,
      verification: result.verification,
      counts,
      failOn: inputs["fail-on"],
      gating: gating.length,
      scanned: shown(target, workspace),
      sarifFile: shown(sarifPath, workspace),
      upload,
      links:
        ctx.repository && sha
          ? { serverUrl: ctx.serverUrl, repository: `${ctx.repository.owner}/${ctx.repository.repo}`, sha }
          : undefined,
      scrub,
    });
    // A summary that cannot be written must not hide the gate's verdict: warn and go on.
    if (env.GITHUB_STEP_SUMMARY) {
      await core.summary
        .addRaw(scrub(summary), true)
        .write()
        .catch((err: unknown) =>
          annotations.emit("warning", `Could not write the job summary: ${(err as Error).message}`),
        );
    } else core.info("No GITHUB_STEP_SUMMARY: the job summary was not written.");

    if (gating.length > 0) failures.push(gateMessage(gating, inputs["fail-on"], Boolean(changed)));
    // The failure message below is an error annotation too.
    annotateFindings(
      result.findings,
      annotations,
      { error: failures.length ? 1 : 0 },
      shown(sarifPath, workspace),
      changed ?? prChanges,
    );

    core.setOutput("sarif-file", sarifPath);
    core.setOutput("findings", counts.total);
    for (const s of ["critical", "high", "medium", "low"] as const) core.setOutput(s, counts[s]);
    core.setOutput("sarif-id", upload.state === "uploaded" ? upload.id : "");

    if (failures.length) core.setFailed(scrub(failures.join("\n")));
  } catch (err) {
    // Bad inputs and configuration get their message alone; anything else is our bug: say where.
    const usage = err instanceof InputError || err instanceof UsageError;
    core.setFailed(`${TOOL_NAME}: ${scrubShapes(usage ? (err as Error).message : `internal error: ${describe(err)}`)}`);
  }
}

/** What about the upload fails the step; refusals in `auto` mode and timeouts are warnings. */
function uploadFailures(upload: UploadReport, annotations: Annotations): string[] {
  switch (upload.state) {
    case "failed":
      return [upload.message];
    case "refused":
      annotations.emit("warning", upload.refusal.message, { title: "upstash-scan results not uploaded" });
      return [];
    case "skipped":
      core.info(`Not uploading to code scanning: ${upload.reason}.`);
      return [];
    case "uploaded": {
      const p = upload.processing;
      if (p?.status === "failed")
        return [`GitHub could not process the uploaded SARIF (analysis ${upload.id}): ${p.errors.join("; ")}`];
      if (p?.status === "timeout") {
        annotations.emit(
          "warning",
          `GitHub was still processing the upload (analysis ${upload.id}) after ${Math.round(p.waitedMs / 1000)} s. It finishes in the background, but errors in it will not be reported here.`,
        );
      }
      if (p?.status === "unknown")
        annotations.emit(
          "warning",
          `Could not check the processing status of analysis ${upload.id} (${p.error}); it is processed in the background.`,
        );
      if (p?.status === "complete") core.info(`GitHub processed analysis ${upload.id}.`);
      return [];
    }
    default:
      return [];
  }
}

/**
 * The lines gate-on: new gates on: the pull request's changes from git, else from the API (shallow
 * checkouts). Outside pull requests, or when neither source answers, every finding gates (with a
 * warning saying why), so a misconfiguration never lets findings through silently.
 */
async function changesForGate(
  ctx: RunContext,
  token: string,
  gitDir: string,
  srcRoot: string,
  fromGit: ChangedLines | undefined,
  annotations: Annotations,
): Promise<ChangedLines | undefined> {
  if (!ctx.eventName.startsWith("pull_request")) {
    core.info(`gate-on: new applies to pull requests; this ${ctx.eventName || "run"} gates on all findings.`);
    return undefined;
  }
  const local = fromGit ?? pullRequestChanges(ctx, gitDir, srcRoot);
  if (local) return local;
  const number = ctx.event.pull_request?.number ?? ctx.event.number;
  if (token && ctx.repository && number) {
    try {
      const api = await octokitApi(token, ctx.repository, ctx.apiUrl);
      const files = await withRetry(() => api.pullRequestFiles(number, 30_000), {
        attempts: 3,
        baseDelayMs: 1_000,
        maxDelayMs: 10_000,
        retryable: isRetryable,
      });
      // API paths are repository-relative; findings are relative to the source root.
      const prefix = path
        .relative(gitTopLevel(srcRoot) ?? srcRoot, srcRoot)
        .split(path.sep)
        .join("/");
      return changesFromFiles(files, (p) =>
        prefix && p.startsWith(prefix + "/") ? p.slice(prefix.length + 1) : prefix ? `../${p}` : p,
      );
    } catch (err) {
      annotations.emit(
        "warning",
        `gate-on: new could not list the pull request's changes (${(err as Error).message}); gating on all findings.`,
      );
      return undefined;
    }
  }
  annotations.emit(
    "warning",
    "gate-on: new needs the pull request's base commit (actions/checkout with fetch-depth: 0) or a token to ask the API; gating on all findings.",
  );
  return undefined;
}

function gateMessage(gating: ReturnType<typeof gatingFindings>, failOn: string, onlyNew = false): string {
  const list = gating
    .slice(0, 5)
    .map(
      (f) =>
        `${f.location.file}:${f.location.range.startLine} ${severityOf(f)} ${ruleById(f.rule).title} (${f.rule}/${f.check})`,
    )
    .join("; ");
  return `${gating.length} ${onlyNew ? "new " : ""}finding${gating.length === 1 ? "" : "s"} at or above fail-on: ${failOn}${onlyNew ? " on lines this pull request changes" : ""}: ${list}${gating.length > 5 ? `; and ${gating.length - 5} more (see the job summary)` : ""}.`;
}
