"use strict";
exports.id = 521;
exports.ids = [521];
exports.modules = {

/***/ 1521:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
// EXTERNAL MODULE: ./src/engine/scan.ts + 5 modules
var scan = __webpack_require__(3769);
// EXTERNAL MODULE: ./src/config/load.ts + 1 modules
var load = __webpack_require__(2435);
// EXTERNAL MODULE: ./src/sarif/build.ts
var build = __webpack_require__(765);
// EXTERNAL MODULE: ./src/output/text.ts
var output_text = __webpack_require__(218);
// EXTERNAL MODULE: ./src/rules/index.ts + 6 modules
var rules = __webpack_require__(131);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: ./src/output/gate.ts
var gate = __webpack_require__(1994);
;// CONCATENATED MODULE: ./src/output/json.ts



function formatJson(result) {
    const doc = {
        tool: { name: version/* TOOL_NAME */.lH, version: version/* VERSION */.xv },
        srcRoot: result.srcRoot,
        summary: (0,gate/* countFindings */.Gt)(result.findings),
        findings: result.findings.map((f) => ({
            rule: f.rule,
            check: f.check,
            severity: (0,rules/* severityOf */.xJ)(f),
            confidence: f.confidence,
            file: f.location.file,
            ...f.location.range,
            message: f.message,
            fingerprint: f.fingerprint,
            ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
            ...(f.related ? { related: f.related } : {}),
            ...(f.suppressed ? { suppressed: f.suppressed } : {}),
            ...(f.verification ? { verification: f.verification } : {}),
        })),
        ...(result.verification ? { verification: result.verification } : {}),
        notifications: result.notifications,
        stats: result.stats,
        internalErrors: result.internalErrors,
    };
    return JSON.stringify(doc, null, 2) + "\n";
}

// EXTERNAL MODULE: ./src/engine/changed-lines.ts
var changed_lines = __webpack_require__(5168);
// EXTERNAL MODULE: ./src/engine/baseline.ts
var baseline = __webpack_require__(6187);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/verify/index.ts + 3 modules
var verify = __webpack_require__(1176);
;// CONCATENATED MODULE: ./src/cli.ts
/** The command line: the same pipeline as the Action, for terminals and other CI systems. */















const USAGE = `Usage: ${version/* TOOL_NAME */.lH} [path ...] [options]

Find the five Upstash security risks in a JavaScript/TypeScript project.

Options:
  --format text|json|sarif   output format (default: text)
  --output FILE              write the output to FILE instead of stdout
  --sarif FILE               also write SARIF to FILE
  --category NAME            SARIF automationDetails category (default: ${version/* TOOL_NAME */.lH})
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
async function runCli(argv, io) {
    let args;
    try {
        args = (0,external_node_util_.parseArgs)({
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
    }
    catch (err) {
        io.stderr.write(`${version/* TOOL_NAME */.lH}: ${err.message}\nRun with --help for usage.\n`);
        return 2;
    }
    const o = args.values;
    if (o.help) {
        io.stdout.write(USAGE);
        return 0;
    }
    if (o.version) {
        io.stdout.write(`${version/* VERSION */.xv}\n`);
        return 0;
    }
    const format = o.format;
    if (!["text", "json", "sarif"].includes(format))
        return usage(io, `--format must be text, json or sarif, not "${format}"`);
    const failOn = o["fail-on"];
    if (!(0,gate/* isFailOn */.A1)(failOn))
        return usage(io, `--fail-on must be one of ${gate/* FAIL_ON_VALUES */.Qm.join(", ")}, not "${failOn}"`);
    const gateOn = o["gate-on"];
    if (gateOn !== "all" && gateOn !== "new")
        return usage(io, `--gate-on must be all or new, not "${gateOn}"`);
    if (gateOn === "new" && !o["changed-since"])
        return usage(io, "--gate-on new needs --changed-since <base ref>");
    let history;
    if (o.history || o["history-budget"] !== undefined) {
        const budget = o["history-budget"];
        const seconds = budget === undefined ? undefined : Number(budget);
        if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
            return usage(io, `--history-budget must be a positive number of seconds, not "${budget}"`);
        if (!o.history)
            return usage(io, "--history-budget needs --history");
        history = seconds === undefined ? {} : { budgetMs: seconds * 1000 };
    }
    const paths = args.positionals.length ? args.positionals : ["."];
    let result;
    let changed;
    try {
        const first = external_node_path_.resolve(io.cwd, paths[0]);
        const config = (0,load/* loadConfig */.Z9)(o.config && external_node_path_.resolve(io.cwd, o.config), external_node_fs_.existsSync(first) && external_node_fs_.statSync(first).isFile() ? external_node_path_.dirname(first) : first);
        result = await (0,scan/* scan */.SQ)({
            paths: paths.map((p) => external_node_path_.resolve(io.cwd, p)),
            config,
            ...(o.baseline ? { baseline: external_node_path_.resolve(io.cwd, o.baseline) } : {}),
            ...(history ? { history, onProgress: (m) => io.stderr.write(`${version/* TOOL_NAME */.lH}: ${m}\n`) } : {}),
        });
        if (o.verify)
            await (0,verify/* runVerification */.t)(result, { onProgress: (m) => io.stderr.write(`${version/* TOOL_NAME */.lH}: ${m}\n`) });
        if (gateOn === "new")
            changed = (0,changed_lines/* changedLinesSince */.aW)(o["changed-since"], result.srcRoot);
    }
    catch (err) {
        if (err instanceof scan/* UsageError */.eb)
            return usage(io, err.message);
        io.stderr.write(`${version/* TOOL_NAME */.lH}: internal error: ${(0,redact/* scrubShapes */.CN)((0,analyze/* describe */.q)(err))}\n`);
        return 2;
    }
    const sarifText = () => JSON.stringify((0,build/* buildSarif */.Ep)(result, { category: o.category }), null, 2) + "\n";
    let rendered;
    if (format === "sarif")
        rendered = sarifText();
    else if (format === "json")
        rendered = formatJson(result);
    else {
        const color = !o["no-color"] && !o.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
        rendered = (0,output_text/* formatText */.v)(result, { color, cwd: io.cwd });
    }
    try {
        if (o.output)
            external_node_fs_.writeFileSync(external_node_path_.resolve(io.cwd, o.output), rendered);
        else
            io.stdout.write(rendered);
        if (o.sarif)
            external_node_fs_.writeFileSync(external_node_path_.resolve(io.cwd, o.sarif), sarifText());
        if (o["write-baseline"])
            external_node_fs_.writeFileSync(external_node_path_.resolve(io.cwd, o["write-baseline"]), (0,baseline/* formatBaseline */.J2)(result.findings));
    }
    catch (err) {
        io.stderr.write(`${version/* TOOL_NAME */.lH}: could not write output: ${err.message}\n`);
        return 2;
    }
    if (o.strict && result.internalErrors > 0) {
        io.stderr.write(`${version/* TOOL_NAME */.lH}: ${result.internalErrors} internal error(s) during the scan (--strict); see the scan notes.\n`);
        return 2;
    }
    const gating = (0,gate/* gatingFindings */.dh)(result.findings, failOn, changed);
    if (changed && format === "text" && !o.output) {
        io.stdout.write(`Gate: ${gating.length} finding(s) at or above ${failOn} on lines changed since ${o["changed-since"]}.\n`);
    }
    return gating.length > 0 ? 1 : 0;
}
function usage(io, message) {
    io.stderr.write(`${version/* TOOL_NAME */.lH}: ${(0,redact/* scrubShapes */.CN)(message)}\n`);
    return 2;
}


/***/ })

};
;