/**
 * The Action's pipeline: inputs → scan → SARIF file → upload → job summary → pull-request comment →
 * annotations → outputs → the gate. One try/catch and the only setFailed: every other module
 * reports, this one decides.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as core from "@actions/core";
import { gitTopLevel, scan, UsageError } from "./engine/scan";
import { changeScope } from "./engine/base-findings";
import { isInGitDir, isInside, realpathOrUndefined, realTarget, writeRegular } from "./io/files";
import { describe } from "./engine/analyze";
import { loadConfig } from "./config/load";
import { buildSarif } from "./sarif/build";
import { countFindings, gatingFindings, type ChangeScope } from "./output/gate";
import { formatText } from "./output/text";
import { redact, scrubShapes } from "./secrets/redact";
import { ruleById, severityOf } from "./rules/index";
import { InputError, readInputs, type UploadMode } from "./github/inputs";
import { gitHead, readRunContext, uploadTarget } from "./github/context";
import { timingFromEnv, uploadStep, type UploadReport } from "./github/upload";
import { Annotations, annotateFindings } from "./github/annotations";
import { ChangedLines, changesFromFiles, pullRequestBase, pullRequestChanges } from "./github/diff";
import { logBlock, neutralizeCommands, neutralizeJson } from "./github/log";
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
 * The scanned path: inside GITHUB_WORKSPACE once links are resolved (`path: /etc`, `../..` or a
 * committed link to outside are input errors, not scans of the runner's disk).
 */
function scanTarget(input: string, workspace: string): string {
  const target = realpathOrUndefined(path.resolve(workspace, input));
  if (target === undefined) throw new InputError(`input "path": ${input} does not exist in ${workspace}`);
  if (!isInside(target, workspace))
    throw new InputError(
      `input "path": ${input} resolves to ${target}, outside GITHUB_WORKSPACE (${workspace}); only the checkout is scanned`,
    );
  return target;
}

/**
 * Where the SARIF file goes: inside GITHUB_WORKSPACE (or RUNNER_TEMP), never inside a `.git`
 * directory (`.git/hooks/pre-commit` would run on the next commit), never through a link the checkout
 * planted. Missing directories are created only below a directory that already resolves inside.
 */
function sarifTarget(input: string, workspace: string, runnerTemp: string | undefined): string {
  const roots = [workspace, ...(runnerTemp ? [realpathOrUndefined(runnerTemp)].filter((r): r is string => !!r) : [])];
  const wanted = path.resolve(workspace, input);
  const refuse = (why: string) =>
    new InputError(
      `input "sarif-file": ${input} ${why}; write it inside GITHUB_WORKSPACE${runnerTemp ? " or RUNNER_TEMP" : ""}`,
    );
  const allowed = (p: string) => roots.some((r) => isInside(p, r) && !isInGitDir(path.relative(r, p)));
  // The deepest directory that exists must already resolve inside; what is created below it is new.
  let existing = path.dirname(wanted);
  while (realpathOrUndefined(existing) === undefined && path.dirname(existing) !== existing)
    existing = path.dirname(existing);
  const real = realpathOrUndefined(existing);
  if (!real || !allowed(real)) throw refuse("resolves outside the allowed directories");
  fs.mkdirSync(path.dirname(wanted), { recursive: true });
  const target = realTarget(wanted);
  if (!target || !allowed(target)) throw refuse("resolves outside the allowed directories");
  const existingFile = fs.lstatSync(target, { throwIfNoEntry: false });
  if (existingFile && !existingFile.isFile()) throw refuse("exists and is not a regular file (a link, say)");
  return target;
}

/**
 * The `checkout-path` input: the repository's root when it is not the workspace (a repository
 * checked out with actions/checkout's `path` inside a workspace that is a checkout itself). It must
 * be a directory inside the workspace, symbolic links resolved.
 */
export function checkoutPath(workspace: string, input: string): string {
  const real = realpathOrUndefined(path.resolve(workspace, input));
  if (real === undefined) throw new InputError(`input "checkout-path": ${input} does not exist in ${workspace}`);
  if (!isInside(real, realpathOrUndefined(workspace) ?? workspace))
    throw new InputError(`input "checkout-path": ${input} lies outside the workspace ${workspace}`);
  if (!fs.statSync(real).isDirectory()) throw new InputError(`input "checkout-path": ${input} is not a directory`);
  return real;
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
  // The token is masked before anything can print it (an API error may echo it back), and our own
  // scrubbing hides it too: the job summary is not masked by the runner.
  const token = core.getInput("token").trim();
  if (token) core.setSecret(token);
  const hideToken = (s: string) => (token.length >= 8 && s.includes(token) ? s.split(token).join(redact(token)) : s);
  let scrub = (s: string) => hideToken(scrubShapes(s));
  // Every log line passes through here: redacted, and never a workflow command (see github/log.ts).
  const info = (m: string) => core.info(neutralizeCommands(scrub(m)));
  const annotations = new Annotations(core, (s) => neutralizeCommands(scrub(s)));
  try {
    const inputs = readInputs();
    const ctx = readRunContext(env);
    const workspace = realpathOrUndefined(path.resolve(ctx.workspace));
    if (!workspace) throw new InputError(`GITHUB_WORKSPACE (${ctx.workspace}) does not exist`);
    const checkout = inputs["checkout-path"] ? checkoutPath(workspace, inputs["checkout-path"]) : undefined;
    // `path: .` (the default) means the whole checkout; any other path must lie inside it.
    const target = checkout && inputs.path === "." ? checkout : scanTarget(inputs.path, workspace);
    if (checkout && !isInside(target, checkout))
      throw new InputError(
        `input "path": ${inputs.path} lies outside checkout-path ${inputs["checkout-path"]}, the repository whose results are reported`,
      );
    const targetDir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
    const srcRoot = checkout ?? sourceRoot(workspace, targetDir);
    const sarifPath = sarifTarget(inputs["sarif-file"], workspace, env.RUNNER_TEMP);

    const scanned = shown(target, workspace).split(path.sep).join("/");
    const category = inputs.category || categoryFromEnv(env, inputs.matrix, scanned);
    info(
      `Category: ${category}${inputs.category ? "" : " (derived from the workflow, job, matrix values and path; the category input sets another)"}`,
    );
    // Caught before scanning: the second upload of a category in one job would replace the first.
    const earlier = inputs.upload === "false" ? undefined : earlierUpload(env.RUNNER_TEMP, category);
    if (earlier) throw new InputError(duplicateCategoryMessage(category, earlier, Boolean(inputs.category)));

    const config = loadConfig(inputs.config ? path.resolve(workspace, inputs.config) : undefined, targetDir, srcRoot);
    const result = await scan({
      paths: [target],
      srcRoot,
      config,
      ...(inputs.baseline ? { baseline: path.resolve(workspace, inputs.baseline) } : {}),
      ...(inputs["scan-history"] ? { history: {}, onProgress: (m: string) => info(`upstash-scan: ${m}`) } : {}),
    });
    if (inputs.verify) await runVerification(result, { onProgress: (m) => info(`upstash-scan: ${m}`) });
    scrub = (s: string) => hideToken(result.secrets.scrub(s));
    // The report is the scanned tree's text: commands are stopped around it, and each line neutralised.
    logBlock(core, scrub(formatText(result, { color: true })));
    if (result.internalErrors > 0) {
      annotations.emit(
        "warning",
        `${result.internalErrors} internal error(s) during the scan: some files were only partly checked. See the scan notes in the job summary.`,
      );
    }

    // The SARIF file comes first: whatever happens to the upload, the user keeps the results.
    const fixPlan = await planFixes(result);
    const sarif = buildSarif(result, { category, fixes: sarifFixes(fixPlan) });
    const sarifText = neutralizeJson(JSON.stringify(sarif, null, 2) + "\n");
    writeRegular(sarifPath, sarifText);
    info(`Wrote ${shown(sarifPath, workspace)}`);

    // From here on, nothing but the findings fails the step (upload: true aside): each later step
    // that goes wrong becomes a warning, and the gate still decides.
    const step = async <T>(what: string, fn: () => T | Promise<T>, fallback: T): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        annotations.emit("warning", `${what} failed: ${describe(err)}`);
        return fallback;
      }
    };
    const head = gitHead(srcRoot);
    const where = inputs.ref
      ? { ref: inputs.ref, sha: inputs.sha, reason: "the ref and sha inputs" }
      : uploadTarget(ctx, head);
    const timing = timingFromEnv(env);
    const upload = await step(
      "The upload to code scanning",
      () =>
        uploadStep({
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
          log: { info, warning: (m) => annotations.emit("warning", m) },
        }),
      { state: "failed", message: "The upload to code scanning failed (internal error)." } as UploadReport,
    );
    const failures = uploadFailures(upload, annotations, inputs.upload, info);
    if (upload.state === "uploaded")
      await step(
        "Recording the upload's category",
        () => recordUpload(env.RUNNER_TEMP, { category, step: env.GITHUB_ACTION, scanned, sarifId: upload.id }),
        undefined,
      );

    const counts = countFindings(result.findings);
    const pull = pullRequestNumber(ctx, inputs.ref);
    const prChanges =
      counts.total > 0
        ? await step(
            "Reading the pull request's changes",
            () => pullRequestChanges(ctx, srcRoot, result.srcRoot),
            undefined,
          )
        : undefined;
    // The pull request's changed lines, from git or else the API, when the gate or the comment needs them.
    const prLines =
      pull !== undefined && counts.total > 0 && (inputs["gate-on"] === "new" || inputs.comment)
        ? await pullRequestLines(ctx, pull, inputs.token, srcRoot, result.srcRoot, prChanges)
        : undefined;
    // Findings carry redacted paths: so must the changed lines they are compared with.
    const shownLines = prLines && "lines" in prLines ? prLines.lines.mapFiles(scrub) : undefined;
    let scope: ChangeScope | undefined;
    if (inputs["gate-on"] === "new") {
      if (pull === undefined)
        info(`gate-on: new applies to pull requests; this ${ctx.eventName || "run"} gates on all findings.`);
      else if (prLines && "problem" in prLines)
        annotations.emit("warning", `gate-on: new ${prLines.problem}; gating on all findings.`);
      else if (prLines)
        scope = await changeScope(result, prLines.lines, pullRequestBase(ctx, srcRoot), inputs["fail-on"], (m) =>
          annotations.emit("warning", m),
        );
    }
    const gating = gatingFindings(result.findings, inputs["fail-on"], scope);
    const sha = typeof where === "string" ? (head ?? ctx.sha) : where.sha;
    const links =
      ctx.repository && sha
        ? { serverUrl: ctx.serverUrl, repository: `${ctx.repository.owner}/${ctx.repository.repo}`, sha }
        : undefined;
    await step(
      "Writing the job summary",
      async () => {
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
        if (env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(scrub(summary), true).write();
        else info("No GITHUB_STEP_SUMMARY: the job summary was not written.");
      },
      undefined,
    );

    if (inputs.comment) {
      const repo = ctx.repository;
      if (pull === undefined)
        info(`comment: applies to pull requests; this ${ctx.eventName || "run"} has none, so no comment.`);
      else if (!inputs.token || !repo)
        annotations.emit("warning", "comment: needs the `token` input and GITHUB_REPOSITORY; no comment written.");
      else
        await step(
          "Writing the pull-request comment",
          async () => {
            const rendered = renderComment({
              category,
              findings: result.findings,
              changed: scope?.changed ?? shownLines ?? (counts.total ? undefined : new ChangedLines()),
              ...(scope ? { scope } : {}),
              unknown: prLines && "problem" in prLines ? prLines.problem : undefined,
              failOn: inputs["fail-on"],
              gating: gating.length,
              links,
              runUrl: env.GITHUB_RUN_ID
                ? `${ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${env.GITHUB_RUN_ID}`
                : undefined,
              uploaded: upload.state === "uploaded",
              scrub,
            });
            const outcome = await syncComment({
              api: await octokitComments(inputs.token, repo, ctx.apiUrl),
              issue: pull,
              category,
              rendered,
              baseDelayMs: timing.retryBaseMs,
              log: info,
            });
            if (outcome.state === "failed")
              annotations.emit("warning", outcome.message, { title: "upstash-scan comment not written" });
            else
              info(
                `Pull-request comment #${pull}: ${outcome.state}${"url" in outcome && outcome.url ? ` (${outcome.url})` : ""}`,
              );
          },
          undefined,
        );
    }

    if (gating.length > 0) failures.push(gateMessage(gating, inputs["fail-on"], Boolean(scope)));
    // The failure message below is an error annotation too.
    await step(
      "Annotating the findings",
      () =>
        annotateFindings(
          result.findings,
          annotations,
          { error: failures.length ? 1 : 0 },
          shown(sarifPath, workspace),
          scope?.changed ?? shownLines ?? prChanges?.mapFiles(scrub),
        ),
      0,
    );

    if (inputs.suggest)
      await step(
        "Suggesting fixes",
        () =>
          suggestStep({
            plan: fixPlan,
            ctx,
            token: inputs.token,
            srcRoot: result.srcRoot,
            scrub,
            log: { info, warning: (m: string) => annotations.emit("warning", m) },
            retryBaseMs: timing.retryBaseMs,
          }),
        undefined,
      );

    await step(
      "Setting the step's outputs",
      () => {
        core.setOutput("sarif-file", sarifPath);
        core.setOutput("findings", counts.total);
        for (const s of ["critical", "high", "medium", "low"] as const) core.setOutput(s, counts[s]);
        core.setOutput("sarif-id", upload.state === "uploaded" ? upload.id : "");
      },
      undefined,
    );

    if (failures.length) core.setFailed(neutralizeCommands(scrub(failures.join("\n"))));
  } catch (err) {
    // Bad inputs and configuration get their message alone; anything else is our bug: say where.
    const usage = err instanceof InputError || err instanceof UsageError;
    core.setFailed(`${TOOL_NAME}: ${scrub(usage ? (err as Error).message : `internal error: ${describe(err)}`)}`);
  }
}

/**
 * What about the upload fails the step: with `upload: true`, any failure; with `auto`, nothing (the
 * README promises that only findings fail the step), each failure becomes a warning.
 */
function uploadFailures(
  upload: UploadReport,
  annotations: Annotations,
  mode: UploadMode,
  info: (m: string) => void,
): string[] {
  const fail = (message: string): string[] => {
    if (mode === "true") return [message];
    annotations.emit("warning", message, { title: "upstash-scan results not uploaded" });
    return [];
  };
  switch (upload.state) {
    case "failed":
      return fail(upload.message);
    case "refused":
      annotations.emit("warning", upload.refusal.message, { title: "upstash-scan results not uploaded" });
      return [];
    case "skipped":
      info(`Not uploading to code scanning: ${upload.reason}.`);
      return [];
    case "uploaded": {
      const p = upload.processing;
      if (p?.status === "failed")
        return fail(`GitHub could not process the uploaded SARIF (analysis ${upload.id}): ${p.errors.join("; ")}`);
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
      if (p?.status === "complete") info(`GitHub processed analysis ${upload.id}.`);
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
    const files = await withRetry((_, remaining) => api.pullRequestFiles(pull, Math.min(30_000, remaining)), {
      attempts: 3,
      baseDelayMs: 1_000,
      maxDelayMs: 10_000,
      deadlineMs: 90_000,
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
    return { problem: `could not list the pull request's changes (${describe(err)})` };
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
