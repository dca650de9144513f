/** The command line: the same pipeline as the Action, for terminals and other CI systems. */
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { scan, UsageError, type ScanResult } from "./engine/scan";
import { loadConfig } from "./config/load";
import { buildSarif } from "./sarif/build";
import { formatText } from "./output/text";
import { formatJson } from "./output/json";
import { FAIL_ON_VALUES, gatingFindings, isFailOn } from "./output/gate";
import { changeScopeSince } from "./engine/base-findings";
import type { ChangeScope } from "./output/gate";
import { neutralizeCommands, neutralizeJson } from "./github/log";
import { formatBaseline } from "./engine/baseline";
import { scrubShapes } from "./secrets/redact";
import { describe } from "./engine/analyze";
import { TOOL_NAME, VERSION } from "./version";
import type { HistoryOptions } from "./history/options";
import { runVerification } from "./verify/index";

export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const USAGE = `Usage: ${TOOL_NAME} [path ...] [options]

Find the five Upstash security risks in a JavaScript/TypeScript project.

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the output to FILE instead of stdout
  --sarif FILE               also write SARIF to FILE
  --category NAME            SARIF automationDetails category (default: ${TOOL_NAME})
  --fail-on LEVEL            critical|high|medium|low|none: exit 1 when a finding is at or
                             above LEVEL (default: high)
  --config FILE              configuration file (default: .upstash-scan.yml in the scanned path)
  --baseline FILE            hide the findings recorded in FILE (from --write-baseline, or SARIF)
  --write-baseline FILE      record the current findings in FILE as the new baseline
  --gate-on all|new          new: only findings on lines changed since --changed-since fail the
                             run (all findings are still reported); default: all
  --changed-since REF        the base of the change (branch, tag or commit) for --gate-on new
  --strict                   exit 2 when a detector failed internally on some file
  --history                  also scan git history for Upstash credentials, deleted ones
                             included (needs the full history: fetch-depth: 0 in Actions)
  --history-budget SECONDS   time limit of the history scan (default: 60, or the rule
                             option historyBudgetSeconds)
  --verify                   check whether the Upstash credentials found still work: one
                             read-only request each, to Upstash's own hosts only (see README)
  --no-color                 plain text output even on a terminal
  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration or internal error.
`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: "string", default: "text" },
        output: { type: "string" },
        sarif: { type: "string" },
        category: { type: "string" },
        "fail-on": { type: "string", default: "high" },
        config: { type: "string" },
        baseline: { type: "string" },
        "write-baseline": { type: "string" },
        "gate-on": { type: "string", default: "all" },
        "changed-since": { type: "string" },
        strict: { type: "boolean", default: false },
        history: { type: "boolean", default: false },
        "history-budget": { type: "string" },
        verify: { type: "boolean", default: false },
        "no-color": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
    });
  } catch (err) {
    io.stderr.write(`${TOOL_NAME}: ${(err as Error).message}\nRun with --help for usage.\n`);
    return 2;
  }
  const o = args.values;
  if (o.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (o.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const format = o.format!;
  if (!["text", "json", "sarif"].includes(format))
    return usage(io, `--format must be text, json or sarif, not "${format}"`);
  const failOn = o["fail-on"]!;
  if (!isFailOn(failOn)) return usage(io, `--fail-on must be one of ${FAIL_ON_VALUES.join(", ")}, not "${failOn}"`);

  const gateOn = o["gate-on"]!;
  if (gateOn !== "all" && gateOn !== "new") return usage(io, `--gate-on must be all or new, not "${gateOn}"`);
  if (gateOn === "new" && !o["changed-since"]) return usage(io, "--gate-on new needs --changed-since <base ref>");
  let history: HistoryOptions | undefined;
  if (o.history || o["history-budget"] !== undefined) {
    const budget = o["history-budget"];
    const seconds = budget === undefined ? undefined : Number(budget);
    if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
      return usage(io, `--history-budget must be a positive number of seconds, not "${budget}"`);
    if (!o.history) return usage(io, "--history-budget needs --history");
    history = seconds === undefined ? {} : { budgetMs: seconds * 1000 };
  }

  const paths = args.positionals.length ? args.positionals : ["."];
  let result: ScanResult;
  let scope: ChangeScope | undefined;
  try {
    const first = path.resolve(io.cwd, paths[0]!);
    const config = loadConfig(
      o.config && path.resolve(io.cwd, o.config),
      fs.existsSync(first) && fs.statSync(first).isFile() ? path.dirname(first) : first,
    );
    result = await scan({
      paths: paths.map((p) => path.resolve(io.cwd, p)),
      config,
      ...(o.baseline ? { baseline: path.resolve(io.cwd, o.baseline) } : {}),
      ...(history ? { history, onProgress: (m: string) => io.stderr.write(`${TOOL_NAME}: ${m}\n`) } : {}),
    });
    if (o.verify) await runVerification(result, { onProgress: (m) => io.stderr.write(`${TOOL_NAME}: ${m}\n`) });
    if (gateOn === "new")
      scope = await changeScopeSince(o["changed-since"]!, result, failOn, (m) =>
        io.stderr.write(`${TOOL_NAME}: ${neutralizeCommands(result.secrets.scrub(m))}\n`),
      );
  } catch (err) {
    if (err instanceof UsageError) return usage(io, err.message);
    io.stderr.write(`${TOOL_NAME}: internal error: ${scrubShapes(describe(err))}\n`);
    return 2;
  }

  // Output often ends up in a CI log: no line of it may read as a workflow command (see github/log.ts).
  const sarifText = () => neutralizeJson(JSON.stringify(buildSarif(result, { category: o.category }), null, 2) + "\n");
  let rendered: string;
  if (format === "sarif") rendered = sarifText();
  // The result is redacted; the scanned paths the user named are not, so the whole text goes through the scrubber.
  else if (format === "json") rendered = neutralizeJson(result.secrets.scrub(formatJson(result)));
  else {
    const color = !o["no-color"] && !o.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
    rendered = neutralizeCommands(result.secrets.scrub(formatText(result, { color, cwd: io.cwd })));
  }
  try {
    if (o.output) fs.writeFileSync(path.resolve(io.cwd, o.output), rendered);
    else io.stdout.write(rendered);
    if (o.sarif) fs.writeFileSync(path.resolve(io.cwd, o.sarif), sarifText());
    if (o["write-baseline"])
      fs.writeFileSync(path.resolve(io.cwd, o["write-baseline"]), formatBaseline(result.findings));
  } catch (err) {
    io.stderr.write(`${TOOL_NAME}: could not write output: ${(err as Error).message}\n`);
    return 2;
  }

  if (o.strict && result.internalErrors > 0) {
    io.stderr.write(
      `${TOOL_NAME}: ${result.internalErrors} internal error(s) during the scan (--strict); see the scan notes.\n`,
    );
    return 2;
  }
  const gating = gatingFindings(result.findings, failOn, scope);
  if (scope && format === "text" && !o.output) {
    io.stdout.write(
      `Gate: ${gating.length} new finding(s) at or above ${failOn} since ${neutralizeCommands(o["changed-since"]!)}${scope.linesOnly ? " (on changed lines only)" : ""}.\n`,
    );
  }
  return gating.length > 0 ? 1 : 0;
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`${TOOL_NAME}: ${scrubShapes(message)}\n`);
  return 2;
}
