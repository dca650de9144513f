/** The command line: the same pipeline as the Action, for terminals and other CI systems. */
import * as fs from "node:fs";
import * as path from "node:path";
import { scan, UsageError, type ScanResult } from "./engine/scan";
import { buildSarif } from "./sarif/build";
import { formatText } from "./output/text";
import { formatJson, formatSuppressionsJson } from "./output/json";
import { formatCompact } from "./output/compact";
import { formatJunit } from "./output/junit";
import { formatSuppressionsText } from "./output/suppressions";
import { FAIL_ON_VALUES, gatingFindings } from "./output/gate";
import { plural, shownRoot } from "./output/report";
import { changedLinesSince, stagedFiles, type ChangedLines } from "./engine/changed-lines";
import { formatBaseline, readBaseline } from "./engine/baseline";
import { scrubShapes } from "./secrets/redact";
import { describe } from "./engine/analyze";
import { TOOL_NAME, VERSION } from "./version";
import type { HistoryOptions } from "./history/options";
import { ArgumentError, choice, parseArguments, type Arguments } from "./cli/args";
import { mergeResults, planRoots } from "./cli/roots";
import { Progress } from "./cli/progress";
import { runVerification } from "./verify/index";
import type { Finding } from "./engine/types";
import { runFixes } from "./fix/cli";
import { planFixes, type FixPlan } from "./fix/plan";
import { sarifFixes } from "./fix/sarif";

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** The clock suppression expiry dates are compared with (tests fix it); default: now. */
  now?: () => Date;
}

export const FORMATS = ["text", "json", "sarif", "compact", "junit"] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: ${TOOL_NAME} [path ...] [options]

Find the five Upstash security risks in a JavaScript/TypeScript project. Paths in every output
are relative to the repository root (outside git: the scanned directory).

Output:
  --format FORMAT            text (default), json, sarif, compact (file:line:col: severity
                             rule/check message) or junit
  --output FILE              write the output to FILE instead of stdout
  --sarif FILE               also write SARIF to FILE
  --sarif-suppressed include|exclude
                             include: SARIF also lists suppressed findings, with their
                             suppressions (an audit trail); default: exclude
  --category NAME            SARIF automationDetails category (default: ${TOOL_NAME})
  --list-suppressions        list inline suppressions and baseline entries (where, rule,
                             reason, expiry, whether each still matches) instead of findings
  -q, --quiet                findings only: no summary, notes or progress
  --verbose                  phases, counts and timings on stderr
  --color, --no-color        force or turn off colours (default: on a terminal; FORCE_COLOR
                             and NO_COLOR are honoured)

Gating:
  --fail-on LEVEL            critical|high|medium|low|none (any case): exit 1 when a finding
                             is at or above LEVEL (default: high)
  --changed-since REF        only findings on lines changed since the merge base of REF and
                             the working tree fail the run (all findings are still reported)
  --gate-on all|new          new: as --changed-since alone; all (default without it)
  --staged                   scan the whole project, but report and gate only on findings in
                             files staged for commit (or whose related location is staged):
                             for pre-commit hooks
  --strict                   exit 2 when a detector failed internally on some file

Configuration:
  --config FILE              configuration file (default: .upstash-scan.yml in each scanned
                             path)
  --baseline FILE            hide the findings recorded in FILE (from --write-baseline, or SARIF)
  --write-baseline FILE      record the current findings in FILE as the new baseline
  --history                  also scan git history for Upstash credentials, deleted ones
                             included (needs the full history: fetch-depth: 0 in Actions)
  --history-budget SECONDS   time limit of the history scan (default: 60, or the rule
                             option historyBudgetSeconds)
  --verify                   check whether the Upstash credentials found still work: one
                             read-only request each, to Upstash's own hosts only (see README)

Fixes:
  --fix                      apply the fixes that are certain to be right (TTLs, await on
                             verify, QStash verify helpers, 429 on rate limits, read-only
                             token names), then report what is left
  --fix-dry-run              print those fixes as a unified diff on stdout; change nothing

  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration or internal error.
`;

/** Whether to colour text output: flags first, then FORCE_COLOR (as Node reads it), NO_COLOR, TERM, a TTY. */
export function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, toTerminal: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (toTerminal === undefined) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !["0", "false"].includes(force.trim().toLowerCase());
  if (env.NO_COLOR) return false;
  if (env.TERM === "dumb") return false;
  return toTerminal;
}

interface Settings {
  format: Format;
  failOn: (typeof FAIL_ON_VALUES)[number];
  changedSince?: string;
  sarifSuppressed: "include" | "exclude";
  history?: HistoryOptions;
  paths: string[];
  outputs: { output?: string; sarif?: string; writeBaseline?: string };
}

/** Check and normalise the arguments; throws ArgumentError. */
function settingsOf(args: Arguments, cwd: string): Settings {
  const o = args.values;
  const format = choice("--format", o.format ?? "text", FORMATS);
  const failOn = choice("--fail-on", o["fail-on"] ?? "high", FAIL_ON_VALUES);
  const sarifSuppressed = choice("--sarif-suppressed", o["sarif-suppressed"] ?? "exclude", ["include", "exclude"]);
  if (sarifSuppressed === "include" && format !== "sarif" && !o.sarif)
    throw new ArgumentError("--sarif-suppressed applies to SARIF output: add --format sarif or --sarif FILE");
  if (o.quiet && o.verbose) throw new ArgumentError("--quiet and --verbose cannot be used together");
  if (o.fix && o["fix-dry-run"]) throw new ArgumentError("--fix and --fix-dry-run exclude each other");
  if (o["list-suppressions"] && format !== "text" && format !== "json")
    throw new ArgumentError(`--list-suppressions writes text or json, not ${format}`);
  if (o.staged && o["write-baseline"])
    throw new ArgumentError("--staged reports only part of the findings; write the baseline without it");

  // --changed-since alone means gating on new findings; --gate-on new needs to know since when.
  const gateOn = o["gate-on"] === undefined ? undefined : choice("--gate-on", o["gate-on"], ["all", "new"]);
  const since = o["changed-since"];
  if (since !== undefined) {
    if (!since.trim()) throw new ArgumentError("--changed-since needs a branch, tag or commit");
    if (since.startsWith("-")) throw new ArgumentError(`--changed-since needs a branch, tag or commit, not "${since}"`);
    if (gateOn === "all")
      throw new ArgumentError("--changed-since gates on the changed lines, --gate-on all on every line: choose one");
  } else if (gateOn === "new") throw new ArgumentError("--gate-on new needs --changed-since <base ref>");

  let history: HistoryOptions | undefined;
  if (o.history || o["history-budget"] !== undefined) {
    const budget = o["history-budget"];
    const seconds = budget === undefined ? undefined : Number(budget);
    if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
      throw new ArgumentError(`--history-budget must be a positive number of seconds, not "${budget}"`);
    if (!o.history) throw new ArgumentError("--history-budget needs --history");
    history = seconds === undefined ? {} : { budgetMs: seconds * 1000 };
  }

  if (args.positionals.some((p) => p.trim() === ""))
    throw new ArgumentError('an empty path was given (an unset variable?); use "." to scan the current directory');

  // Output files are checked, and their directories made, before a long scan rather than after it.
  const outputs: Settings["outputs"] = {};
  const seen = new Map<string, string>();
  for (const [flag, key] of [
    ["--output", "output"],
    ["--sarif", "sarif"],
    ["--write-baseline", "writeBaseline"],
  ] as const) {
    const value = o[flag.slice(2) as "output" | "sarif" | "write-baseline"];
    if (value === undefined) continue;
    if (!value.trim()) throw new ArgumentError(`${flag} needs a file name`);
    const file = path.resolve(cwd, value);
    if (seen.has(file)) throw new ArgumentError(`${seen.get(file)} and ${flag} name the same file ${value}`);
    seen.set(file, flag);
    outputs[key] = prepareOutput(flag, value, file);
  }
  return {
    format,
    failOn,
    ...(since !== undefined ? { changedSince: since } : {}),
    sarifSuppressed,
    ...(history ? { history } : {}),
    paths: args.positionals.length ? args.positionals : ["."],
    outputs,
  };
}

/** The output file's directory exists (made if need be) and the file can be written. */
function prepareOutput(flag: string, value: string, file: string): string {
  const dir = path.dirname(file);
  if (fs.existsSync(file) && fs.statSync(file).isDirectory())
    throw new ArgumentError(`${flag} ${value} is a directory`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(fs.existsSync(file) ? file : dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    throw new ArgumentError(`${flag} ${value} cannot be written (${code})`);
  }
  return file;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args: Arguments;
  let settings: Settings;
  try {
    args = parseArguments(argv);
    if (args.values.help) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (args.values.version) {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    settings = settingsOf(args, io.cwd);
  } catch (err) {
    if (err instanceof ArgumentError) return usage(io, `${err.message}\nRun ${TOOL_NAME} --help for usage.`);
    throw err;
  }
  const o = args.values;
  const quiet = Boolean(o.quiet);
  // Tests under a pseudo-terminal set the delay to 0 so that even a small scan draws a line.
  const delayMs = io.env.UPSTASH_SCAN_PROGRESS_DELAY_MS ? Number(io.env.UPSTASH_SCAN_PROGRESS_DELAY_MS) : NaN;
  const progress = new Progress(io.stderr, {
    tty: Boolean(io.stderr.isTTY),
    quiet,
    verbose: Boolean(o.verbose),
    delayMs: delayMs >= 0 ? delayMs : 1000,
    columns: io.stderr.columns,
  });

  let result: ScanResult;
  let changed: ChangedLines | undefined;
  let unstaged = 0;
  let fixPlan: FixPlan | undefined;
  try {
    const plan = planRoots(settings.paths, io.cwd, o.config && path.resolve(io.cwd, o.config));
    progress.detail(
      `source root ${plan.srcRoot} (${plan.inGit ? "git work tree" : "not in git: the scanned directory"})`,
    );
    for (const g of plan.groups) {
      progress.detail(
        `${g.paths.map((p) => shownRoot(plan.srcRoot, p)).join(", ")}: configuration ${g.configFile ? shownRoot(plan.srcRoot, g.configFile) : "defaults"}`,
      );
    }
    // Before the scan: a misspelt ref should not cost a whole scan.
    if (settings.changedSince !== undefined) changed = changedLinesSince(settings.changedSince, plan.srcRoot);
    const scanAll = async (): Promise<ScanResult> => {
      const results: ScanResult[] = [];
      for (const [i, group] of plan.groups.entries()) {
        if (plan.groups.length > 1)
          progress.group(
            `${group.paths.map((p) => shownRoot(plan.srcRoot, p)).join(", ")} (${i + 1}/${plan.groups.length}): `,
          );
        results.push(
          await scan({
            paths: group.paths,
            srcRoot: plan.srcRoot,
            config: group.config,
            ...(o.baseline ? { baseline: path.resolve(io.cwd, o.baseline) } : {}),
            // Git history belongs to the repository, not to a root: read it once.
            ...(settings.history && i === 0 ? { history: settings.history } : {}),
            onProgress: (m: string) => progress.line(m),
            onPhase: progress.onPhase,
            ...(io.now ? { now: io.now() } : {}),
          }),
        );
      }
      return mergeResults(results);
    };
    result = await scanAll();
    if (o.fix || o["fix-dry-run"]) {
      progress.done();
      const run = await runFixes(result, o.fix ? "apply" : "dry-run", io, TOOL_NAME);
      // After writing, the report (and the gate) are about what is left.
      if (run.written.length) result = await scanAll();
      else fixPlan = run.plan;
    }
    if (o.verify) await runVerification(result, { onProgress: (m) => progress.line(m) });
    if (o.staged) ({ result, unstaged } = onlyStaged(result));
    if (settings.format === "sarif" || settings.outputs.sarif) fixPlan ??= await planFixes(result);
  } catch (err) {
    progress.done();
    if (err instanceof UsageError) return usage(io, err.message);
    io.stderr.write(`${TOOL_NAME}: internal error: ${scrubShapes(describe(err))}\n`);
    return 2;
  }
  progress.done(result.stats);
  if (unstaged)
    progress.line(
      `--staged: ${plural(unstaged, "finding")} in files that are not staged ${unstaged === 1 ? "is" : "are"} not shown (run without --staged to see ${unstaged === 1 ? "it" : "them"}).`,
    );

  const fixes = fixPlan && sarifFixes(fixPlan);
  const sarifText = () =>
    JSON.stringify(buildSarif(result, { category: o.category, suppressed: settings.sarifSuppressed, fixes }), null, 2) +
    "\n";
  const toFile = settings.outputs.output !== undefined;
  const color = useColor(args.color, io.env, toFile ? undefined : io.stdout.isTTY);
  const render: Record<Format, () => string> = {
    text: () => formatText(result, { color, quiet }),
    json: () => formatJson(result),
    sarif: sarifText,
    compact: () => formatCompact(result),
    junit: () => formatJunit(result),
  };
  let rendered: string;
  if (o["list-suppressions"])
    rendered = settings.format === "json" ? formatSuppressionsJson(result) : formatSuppressionsText(result, { color });
  else rendered = render[settings.format]();
  try {
    if (toFile) fs.writeFileSync(settings.outputs.output!, rendered);
    // A dry run's stdout is the diff alone, so that it can be piped to git apply.
    else if (!o["fix-dry-run"]) io.stdout.write(rendered);
    if (settings.outputs.sarif) fs.writeFileSync(settings.outputs.sarif, sarifText());
    if (settings.outputs.writeBaseline) {
      const file = settings.outputs.writeBaseline;
      // Rewriting a baseline keeps each entry's reason and expiry date (an unreadable old file: none).
      let previous;
      try {
        if (fs.existsSync(file)) previous = readBaseline(file);
      } catch {
        // An unreadable old baseline carries nothing forward; the new one is written all the same.
      }
      fs.writeFileSync(file, formatBaseline(result.findings, previous));
    }
  } catch (err) {
    io.stderr.write(`${TOOL_NAME}: could not write output: ${(err as Error).message}\n`);
    return 2;
  }

  if (o.strict && result.internalErrors > 0) {
    io.stderr.write(
      `${TOOL_NAME}: ${plural(result.internalErrors, "internal error")} during the scan (--strict); see the scan notes.\n`,
    );
    return 2;
  }
  if (o["list-suppressions"]) return 0;
  // The compact format has room for findings only: say that there is more to know.
  const notes = result.notifications.filter((n) => n.level !== "note").length;
  if (settings.format === "compact" && notes && !quiet)
    progress.line(
      `${plural(notes, "scan note")} (files not scanned, unused or expired suppressions…): see --format text or json`,
    );
  const gating = gatingFindings(result.findings, settings.failOn, changed);
  if (changed && settings.format === "text" && !toFile && !quiet) {
    io.stdout.write(
      `Gate: ${plural(gating.length, "finding")} at or above ${settings.failOn} on lines changed since ${settings.changedSince}.\n`,
    );
  }
  return gating.length > 0 ? 1 : 0;
}

/**
 * The scan restricted to files staged for commit: a finding stays when its file, or one of its
 * related locations, is staged. The whole project was scanned, so findings that span files (a
 * client component importing a module that holds a write token) are still found.
 */
function onlyStaged(result: ScanResult): { result: ScanResult; unstaged: number } {
  const staged = stagedFiles(result.srcRoot);
  const isStaged = (f: Finding) => staged.has(f.location.file) || Boolean(f.related?.some((r) => staged.has(r.file)));
  return {
    result: {
      ...result,
      findings: result.findings.filter(isStaged),
      notifications: result.notifications.filter((n) => !n.file || staged.has(n.file)),
    },
    unstaged: result.findings.filter((f) => !f.suppressed && !isStaged(f)).length,
  };
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`${TOOL_NAME}: ${scrubShapes(message)}\n`);
  return 2;
}
