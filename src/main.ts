/**
 * The Action's pipeline: inputs → scan → SARIF file → upload → job summary → pull-request comment →
 * annotations → outputs → the gate. One try/catch and the only setFailed: every other module
 * reports, this one decides.
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
import { ChangedLines, changesFromFiles, pullRequestChanges } from "./github/diff";
import { isRetryable, octokitApi, octokitComments } from "./github/api";
import { categoryFromEnv, duplicateCategoryMessage, earlierUpload, recordUpload } from "./github/category";
import { renderComment, syncComment } from "./github/comment";
import { withRetry } from "./github/retry";
import type { RunContext } from "./github/context";
import { renderSummary } from "./github/summary";
import { planFixes } from "./fix/plan";
import { sarifFixes } from "./fix/sarif";
import { suggestStep } from "./github/suggest";
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

/**
 * The `checkout-path` input: the repository's root when it is not the workspace (a repository
 * checked out with actions/checkout's `path` inside a workspace that is a checkout itself). It must
 * be a directory inside the workspace, symbolic links resolved.
 */
export function checkoutPath(workspace: string, input: string): string {
  const dir = path.resolve(workspace, input);
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    throw new InputError(`input "checkout-path": ${input} does not exist in ${workspace}`);
  }
  if (!isInside(real, fs.realpathSync(workspace)))
    throw new InputError(`input "checkout-path": ${input} lies outside the workspace ${workspace}`);
  if (!fs.statSync(real).isDirectory()) throw new InputError(`input "checkout-path": ${input} is not a directory`);
  return dir;
}

/** The pull request a run is about: from the event, or from a `refs/pull/<n>/…` given as `ref` (workflow_run). */
export function pullRequestNumber(ctx: RunContext, refInput: string): number | undefined {
  if (ctx.eventName.startsWith("pull_request")) {
    const n = ctx.event.pull_request?.number ?? ctx.event.number;
    if (n !== undefined) return n;
  }
  const m = /^refs\/pull\/(\d+)\//.exec(refInput);
  return m ? Number(m[1]) : undefined;
}

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const annotations = new Annotations(core, scrubShapes);
  try {
    const inputs = readInputs();
    const ctx = readRunContext(env);
    const workspace = path.resolve(ctx.workspace);
    const checkout = inputs["checkout-path"] ? checkoutPath(workspace, inputs["checkout-path"]) : undefined;
    // `path: .` (the default) means the whole checkout; any other path must lie inside it.
    const target = checkout && inputs.path === "." ? checkout : path.resolve(workspace, inputs.path);
    if (!fs.existsSync(target)) throw new InputError(`input "path": ${inputs.path} does not exist in ${workspace}`);
    if (checkout && !isInside(target, checkout))
      throw new InputError(
        `input "path": ${inputs.path} lies outside checkout-path ${inputs["checkout-path"]}, the repository whose results are reported`,
      );
    const targetDir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
    const srcRoot = checkout ?? sourceRoot(workspace, targetDir);
    if (!isInside(target, workspace))
      core.info(`Note: ${target} lies outside GITHUB_WORKSPACE; file paths are relative to ${srcRoot}.`);

    const scanned = shown(target, workspace).split(path.sep).join("/");
    const category = inputs.category || categoryFromEnv(env, inputs.matrix, scanned);
    core.info(
      `Category: ${category}${inputs.category ? "" : " (derived from the workflow, job, matrix values and path; the category input sets another)"}`,
    );
    // Caught before scanning: the second upload of a category in one job would replace the first.
    const earlier = inputs.upload === "false" ? undefined : earlierUpload(env.RUNNER_TEMP, category);
    if (earlier) throw new InputError(duplicateCategoryMessage(category, earlier, Boolean(inputs.category)));

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
    const fixPlan = await planFixes(result);
    const sarif = buildSarif(result, { category, fixes: sarifFixes(fixPlan) });
    const sarifText = JSON.stringify(sarif, null, 2) + "\n";
    const sarifPath = path.resolve(workspace, inputs["sarif-file"]);
    fs.mkdirSync(path.dirname(sarifPath), { recursive: true });
    fs.writeFileSync(sarifPath, sarifText);
    core.info(`Wrote ${shown(sarifPath, workspace)}`);

    const head = gitHead(srcRoot);
    const where = inputs.ref
      ? { ref: inputs.ref, sha: inputs.sha, reason: "the ref and sha inputs" }
      : uploadTarget(ctx, head);
    const timing = timingFromEnv(env);
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
      timing,
      log: { info: (m) => core.info(scrub(m)), warning: (m) => annotations.emit("warning", m) },
    });
    const failures = uploadFailures(upload, annotations);
    if (upload.state === "uploaded")
      recordUpload(env.RUNNER_TEMP, { category, step: env.GITHUB_ACTION, scanned, sarifId: upload.id });

    const counts = countFindings(result.findings);
    const pull = pullRequestNumber(ctx, inputs.ref);
    const prChanges = counts.total > 0 ? pullRequestChanges(ctx, srcRoot, result.srcRoot) : undefined;
    // The pull request's changed lines, from git or else the API, when the gate or the comment needs them.
    const prLines =
      pull !== undefined && counts.total > 0 && (inputs["gate-on"] === "new" || inputs.comment)
        ? await pullRequestLines(ctx, pull, inputs.token, srcRoot, result.srcRoot, prChanges)
        : undefined;
    let changed: ChangedLines | undefined;
    if (inputs["gate-on"] === "new") {
      if (pull === undefined)
        core.info(`gate-on: new applies to pull requests; this ${ctx.eventName || "run"} gates on all findings.`);
      else if (prLines && "problem" in prLines)
        annotations.emit("warning", `gate-on: new ${prLines.problem}; gating on all findings.`);
      else changed = prLines?.lines;
    }
    const gating = gatingFindings(result.findings, inputs["fail-on"], changed);
    const sha = typeof where === "string" ? (head ?? ctx.sha) : where.sha;
    const links =
      ctx.repository && sha
        ? { serverUrl: ctx.serverUrl, repository: `${ctx.repository.owner}/${ctx.repository.repo}`, sha }
        : undefined;
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
      links,
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

    if (inputs.comment) {
      if (pull === undefined)
        core.info(`comment: applies to pull requests; this ${ctx.eventName || "run"} has none, so no comment.`);
      else if (!inputs.token || !ctx.repository)
        annotations.emit("warning", "comment: needs the `token` input and GITHUB_REPOSITORY; no comment written.");
      else {
        const rendered = renderComment({
          category,
          findings: result.findings,
          changed: prLines && "lines" in prLines ? prLines.lines : counts.total ? undefined : new ChangedLines(),
          unknown: prLines && "problem" in prLines ? prLines.problem : undefined,
          failOn: inputs["fail-on"],
          gating: gating.length,
          links,
          runUrl: env.GITHUB_RUN_ID
            ? `${ctx.serverUrl}/${ctx.repository.owner}/${ctx.repository.repo}/actions/runs/${env.GITHUB_RUN_ID}`
            : undefined,
          uploaded: upload.state === "uploaded",
          scrub,
        });
        const outcome = await syncComment({
          api: await octokitComments(inputs.token, ctx.repository, ctx.apiUrl),
          issue: pull,
          category,
          rendered,
          baseDelayMs: timing.retryBaseMs,
          log: (m) => core.info(scrub(m)),
        });
        if (outcome.state === "failed")
          annotations.emit("warning", outcome.message, { title: "upstash-scan comment not written" });
        else
          core.info(
            `Pull-request comment #${pull}: ${outcome.state}${"url" in outcome && outcome.url ? ` (${outcome.url})` : ""}`,
          );
      }
    }

    if (gating.length > 0) failures.push(gateMessage(gating, inputs["fail-on"], Boolean(changed)));
    // The failure message below is an error annotation too.
    annotateFindings(
      result.findings,
      annotations,
      { error: failures.length ? 1 : 0 },
      shown(sarifPath, workspace),
      changed ?? prChanges,
    );

    if (inputs.suggest) {
      const log = { info: (m: string) => core.info(scrub(m)), warning: (m: string) => annotations.emit("warning", m) };
      await suggestStep({
        plan: fixPlan,
        ctx,
        token: inputs.token,
        srcRoot: result.srcRoot,
        scrub,
        log,
        retryBaseMs: timing.retryBaseMs,
      });
    }

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
 * A pull request's changed lines: from git when the checkout has the base commit, else from the
 * API's list of the pull request's files (shallow checkouts, workflow_run jobs). When neither answers,
 * `problem` says why: gate-on: new then gates on every finding (with a warning, so a
 * misconfiguration never lets findings through silently) and the comment cannot tell new from old.
 */
async function pullRequestLines(
  ctx: RunContext,
  pull: number,
  token: string,
  gitDir: string,
  srcRoot: string,
  fromGit: ChangedLines | undefined,
): Promise<{ lines: ChangedLines } | { problem: string }> {
  const local = fromGit ?? pullRequestChanges(ctx, gitDir, srcRoot);
  if (local) return { lines: local };
  if (!token || !ctx.repository)
    return {
      problem: "needs the pull request's base commit (actions/checkout with fetch-depth: 0) or a token to ask the API",
    };
  try {
    const api = await octokitApi(token, ctx.repository, ctx.apiUrl);
    const files = await withRetry(() => api.pullRequestFiles(pull, 30_000), {
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
    return {
      lines: changesFromFiles(files, (p) =>
        prefix && p.startsWith(prefix + "/") ? p.slice(prefix.length + 1) : prefix ? `../${p}` : p,
      ),
    };
  } catch (err) {
    return { problem: `could not list the pull request's changes (${(err as Error).message})` };
  }
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
