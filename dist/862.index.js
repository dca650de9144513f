"use strict";
exports.id = 862;
exports.ids = [862];
exports.modules = {

/***/ 2862:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCli: () => (/* binding */ runCli)
});

// UNUSED EXPORTS: FORMATS, useColor

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/engine/scan.ts + 1 modules
var scan = __webpack_require__(2377);
// EXTERNAL MODULE: ./src/sarif/build.ts
var build = __webpack_require__(765);
// EXTERNAL MODULE: ./src/output/text.ts
var output_text = __webpack_require__(218);
// EXTERNAL MODULE: ./src/output/report.ts
var output_report = __webpack_require__(7135);
;// CONCATENATED MODULE: ./src/output/json.ts
/** Machine-readable output for scripts and other CI systems: the report model as it is (see report.ts). */

function formatJson(result) {
    return JSON.stringify((0,output_report/* toReport */.cG)(result), null, 2) + "\n";
}
/** The `--list-suppressions --format json` document. */
function formatSuppressionsJson(result) {
    return JSON.stringify((0,output_report/* toSuppressionList */.t1)(result), null, 2) + "\n";
}

;// CONCATENATED MODULE: ./src/output/compact.ts
/**
 * One line per open finding, `file:line:col: severity rule/check message`, for editors, grep and
 * GitHub problem matchers (src/output/problem-matcher.json reads exactly this line).
 */

function formatCompact(result) {
    const lines = [];
    for (const f of (0,output_report/* toReport */.cG)(result).findings) {
        if (f.suppressed)
            continue;
        const expired = f.expiredSuppression ? ` (suppression expired on ${f.expiredSuppression.expires})` : "";
        lines.push(`${(0,output_report/* oneLine */.TN)(f.file)}:${f.startLine}:${f.startColumn}: ${f.severity} ${f.rule}/${f.check} ${(0,output_report/* oneLine */.TN)(f.message)}${expired}`);
    }
    return lines.map((l) => l + "\n").join("");
}

// EXTERNAL MODULE: ./src/rules/index.ts + 6 modules
var rules = __webpack_require__(131);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/output/junit.ts
/**
 * JUnit XML for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines, CircleCI…): one
 * test suite per guide risk, one test case per finding. An open finding is a failure, a suppressed one
 * is skipped (with its reason), and a risk with no findings is one passing test case, so a clean scan
 * reads as five passes. Scan notes form a last suite: a file that could not be scanned is a skipped
 * case, an internal error an error.
 */




/** Text as XML 1.0 character data or attribute value: escaped, and characters XML cannot carry replaced. */
function xml(s) {
    return s
        .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/"/g, "&quot;")
        .replace(/\r/g, "&#13;")
        .replace(/\n/g, "&#10;");
}
/** Character data keeps its line breaks readable. */
function junit_text(s) {
    return xml(s).replace(/&#10;/g, "\n");
}
const attrs = (a) => Object.entries(a)
    .map(([k, v]) => ` ${k}="${xml(String(v))}"`)
    .join("");
function suite(name, cases, timestamp, properties = {}) {
    const count = (o) => cases.filter((c) => c.outcome === o).length;
    const props = Object.entries(properties);
    return [
        `  <testsuite${attrs({ name, tests: cases.length, failures: count("failure"), errors: count("error"), skipped: count("skipped"), time: 0, timestamp })}>`,
        ...(props.length
            ? [
                "    <properties>",
                ...props.map(([k, v]) => `      <property${attrs({ name: k, value: v })}/>`),
                "    </properties>",
            ]
            : []),
        ...cases.map((c) => {
            const head = `    <testcase${attrs({ name: c.name, classname: c.classname, ...(c.file ? { file: c.file } : {}), ...(c.line ? { line: c.line } : {}), time: 0 })}`;
            return c.outcome === "passed" && !c.body ? `${head}/>` : `${head}>\n${c.body}\n    </testcase>`;
        }),
        "  </testsuite>",
    ].join("\n");
}
function findingCase(f) {
    const where = `${(0,output_report/* oneLine */.TN)(f.file)}:${f.startLine}:${f.startColumn}`;
    const name = `${where} ${f.check}`;
    if (f.suppressed)
        return {
            name,
            classname: f.rule,
            file: f.file,
            line: f.startLine,
            outcome: "skipped",
            body: `      <skipped${attrs({ message: (0,output_report/* oneLine */.TN)((0,output_text/* suppressionTag */.Y)(f).trim()) })}/>`,
        };
    const details = [
        where,
        `${f.severity} · ${f.rule}/${f.check} · ${f.confidence} confidence`,
        `${(0,output_text/* suppressionTag */.Y)(f)}${f.message}`,
        ...(f.excerpt ? [`${f.startLine} | ${f.excerpt}`] : []),
        ...(f.related ?? []).map((r) => `  ↳ ${(0,output_report/* oneLine */.TN)(r.file)}:${r.startLine}${r.message ? ` — ${r.message}` : ""}`),
        `Mitigation: ${(0,rules/* ruleById */.BD)(f.rule).mitigation}`,
    ].join("\n");
    return {
        name,
        classname: f.rule,
        file: f.file,
        line: f.startLine,
        outcome: "failure",
        body: `      <failure${attrs({ message: (0,output_report/* oneLine */.TN)(f.message), type: f.severity })}>${junit_text(details)}</failure>`,
    };
}
function formatJunit(result) {
    const report = (0,output_report/* toReport */.cG)(result);
    const at = report.startedAt.replace(/\.\d+Z$/, "");
    const suites = [];
    for (const rule of rules/* RULES */.y0) {
        const findings = report.findings.filter((f) => f.rule === rule.id);
        const cases = findings.length
            ? findings.map(findingCase)
            : [{ name: "no findings", classname: rule.id, outcome: "passed", body: "" }];
        suites.push({
            cases,
            xml: suite(`${rule.id} (#${rule.number} ${rule.title})`, cases, at, {
                severity: rule.severity,
                likelihood: rule.likelihood,
                impact: rule.impact,
                mitigation: rule.mitigation,
            }),
        });
    }
    if (report.notifications.length) {
        const cases = report.notifications.map((n, i) => {
            const name = `${i + 1} ${n.id}${n.file ? ` ${(0,output_report/* oneLine */.TN)(n.file)}` : ""}`;
            const message = (0,output_report/* oneLine */.TN)(n.message);
            const c = { name, classname: `${version/* TOOL_NAME */.lH}/scan`, ...(n.file ? { file: n.file } : {}) };
            if (n.level === "error")
                return { ...c, outcome: "error", body: `      <error${attrs({ message, type: n.id })}/>` };
            if (n.level === "warning")
                return { ...c, outcome: "skipped", body: `      <skipped${attrs({ message })}/>` };
            return { ...c, outcome: "passed", body: `      <system-out>${junit_text(n.message)}</system-out>` };
        });
        suites.push({ cases, xml: suite(`${version/* TOOL_NAME */.lH} scan notes`, cases, at) });
    }
    const all = suites.flatMap((s) => s.cases);
    const count = (o) => all.filter((c) => c.outcome === o).length;
    const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(3);
    return [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites${attrs({ name: version/* TOOL_NAME */.lH, tests: all.length, failures: count("failure"), errors: count("error"), skipped: count("skipped"), time: seconds, timestamp: at })}>`,
        ...suites.map((s) => s.xml),
        "</testsuites>",
        "",
    ].join("\n");
}

;// CONCATENATED MODULE: ./src/output/suppressions.ts


const ANSI = { reset: "\x1b[0m", bold: "\x1b[1m", dim: "\x1b[2m", green: "\x1b[32m", yellow: "\x1b[33m" };
function where(s) {
    if (s.kind === "inline")
        return `${(0,output_report/* oneLine */.TN)(s.file)}:${s.line}`;
    return `${(0,output_report/* oneLine */.TN)(s.source ?? "baseline")} → ${(0,output_report/* oneLine */.TN)(s.file)} (fingerprint ${s.fingerprint?.slice(0, 12)})`;
}
function suppressions_status(s) {
    const matches = (0,output_report/* plural */.LS)(s.matches, "match", "matches");
    if (s.status === "expired")
        return `expired on ${s.expires}${s.matches ? ` · ${matches}, reported again` : " · matches nothing"}`;
    if (s.status === "unused")
        return "unused · matches nothing";
    return `active · ${matches}${s.expires ? ` · until ${s.expires}` : ""}`;
}
function formatSuppressionsText(result, options) {
    const c = (code, s) => (options.color ? code + s + ANSI.reset : s);
    const list = (0,output_report/* toSuppressionList */.t1)(result).suppressions;
    const count = (st) => list.filter((s) => s.status === st).length;
    const out = [
        c(ANSI.bold, `${version/* TOOL_NAME */.lH} ${version/* VERSION */.xv}`) + c(ANSI.dim, ` · ${(0,output_report/* oneLine */.TN)(result.srcRoot)}`),
        "",
        `${(0,output_report/* plural */.LS)(list.length, "suppression")}: ${count("active")} active, ${count("expired")} expired, ${count("unused")} unused`,
    ];
    for (const s of list) {
        const paint = s.status === "active" ? ANSI.green : s.status === "expired" ? ANSI.yellow : ANSI.dim;
        out.push("");
        out.push(`  ${c(ANSI.bold, where(s))}  ${s.rules.join(", ")}  ${c(paint, suppressions_status(s))}`);
        out.push(`    ${s.reason ? (0,output_report/* oneLine */.TN)(s.reason) : c(ANSI.dim, "(no reason recorded)")}`);
    }
    return out.join("\n") + "\n";
}

// EXTERNAL MODULE: ./src/output/gate.ts
var gate = __webpack_require__(1994);
// EXTERNAL MODULE: ./src/engine/changed-lines.ts
var changed_lines = __webpack_require__(5168);
// EXTERNAL MODULE: ./src/engine/baseline.ts
var baseline = __webpack_require__(6187);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: external "node:util"
var external_node_util_ = __webpack_require__(7975);
;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * Command-line arguments: Node's parseArgs, with the forgiveness users of eslint and semgrep expect —
 * a "did you mean" for a misspelt flag, enumerated values in any case, and the last of `--color` and
 * `--no-color` winning.
 */

const OPTIONS = {
    format: { type: "string" },
    output: { type: "string" },
    sarif: { type: "string" },
    "sarif-suppressed": { type: "string" },
    category: { type: "string" },
    "fail-on": { type: "string" },
    config: { type: "string" },
    baseline: { type: "string" },
    "write-baseline": { type: "string" },
    "list-suppressions": { type: "boolean" },
    "gate-on": { type: "string" },
    "changed-since": { type: "string" },
    staged: { type: "boolean" },
    strict: { type: "boolean" },
    history: { type: "boolean" },
    "history-budget": { type: "string" },
    verify: { type: "boolean" },
    fix: { type: "boolean" },
    "fix-dry-run": { type: "boolean" },
    color: { type: "boolean" },
    "no-color": { type: "boolean" },
    quiet: { type: "boolean", short: "q" },
    verbose: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    version: { type: "boolean", short: "v" },
};
/** Edit distance with transpositions (optimal string alignment), for "did you mean". */
function distance(a, b) {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        d[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                v = Math.min(v, d[i - 2][j - 2] + 1);
            d[i][j] = v;
        }
    }
    return d[a.length][b.length];
}
/** The known flag closest to an unknown one, if any is close enough to be a likely typo. */
function suggestFlag(unknown) {
    const word = unknown.replace(/^-+/, "").split("=")[0].toLowerCase().replace(/_/g, "-");
    let best;
    for (const name of Object.keys(OPTIONS)) {
        const d = name === word ? 0 : name.replace(/-/g, "") === word.replace(/-/g, "") ? 0.5 : distance(word, name);
        if (!best || d < best.d)
            best = { name, d };
    }
    return best && best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? `--${best.name}` : undefined;
}
class ArgumentError extends Error {
}
function parseArguments(argv) {
    let parsed;
    try {
        parsed = (0,external_node_util_.parseArgs)({ args: argv, allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
    }
    catch (err) {
        const e = err;
        const unknown = /^Unknown option '([^']+)'/.exec(e.message)?.[1];
        if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
            const hint = suggestFlag(unknown);
            throw new ArgumentError(`unknown option ${unknown}${hint ? ` (did you mean ${hint}?)` : ""}`);
        }
        throw new ArgumentError(e.message);
    }
    let color;
    for (const t of parsed.tokens ?? []) {
        if (t.kind === "option" && t.name === "color")
            color = true;
        if (t.kind === "option" && t.name === "no-color")
            color = false;
    }
    return { values: parsed.values, positionals: parsed.positionals, color };
}
/** An enumerated value in any case, or an ArgumentError listing the choices. */
function choice(flag, value, choices) {
    const v = value.trim().toLowerCase();
    if (choices.includes(v))
        return v;
    const list = choices.length === 2 ? choices.join(" or ") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
    throw new ArgumentError(`${flag} must be ${list}, not "${value}"`);
}

// EXTERNAL MODULE: ./src/config/load.ts + 1 modules
var load = __webpack_require__(2435);
// EXTERNAL MODULE: ./src/engine/finalize.ts + 1 modules
var finalize = __webpack_require__(2270);
;// CONCATENATED MODULE: ./src/cli/roots.ts
/**
 * From the paths on the command line to scans: every path in the output is relative to one source
 * root (the repository root, or outside git the scanned directory), so paths from different
 * repositories are refused; each scanned root's own configuration file applies to it, so roots with
 * different configurations are scanned one by one and their results merged.
 */






const isInside = (child, parent) => {
    const rel = external_node_path_.relative(parent, child);
    return rel === "" || (!rel.startsWith("..") && !external_node_path_.isAbsolute(rel));
};
function commonDir(dirs) {
    let common = dirs[0];
    for (const d of dirs.slice(1))
        while (!isInside(d, common))
            common = external_node_path_.dirname(common);
    return common;
}
/** Resolve the command line's paths (relative to `cwd`) into a source root and groups of roots. */
function planRoots(args, cwd, explicitConfig) {
    const roots = args.map((arg) => {
        const abs = external_node_path_.resolve(cwd, arg);
        let real;
        try {
            real = external_node_fs_.realpathSync(abs);
        }
        catch {
            throw new scan/* UsageError */.eb(`path not found: ${arg}`);
        }
        const dir = external_node_fs_.statSync(real).isDirectory() ? real : external_node_path_.dirname(real);
        return { arg, real, dir, repo: (0,scan/* gitTopLevel */.oB)(dir) };
    });
    const first = roots[0];
    const other = roots.find((r) => r.repo !== first.repo);
    if (other) {
        const where = (r) => (r.repo ? `the repository ${r.repo}` : "no git repository");
        throw new scan/* UsageError */.eb(`${first.arg} is in ${where(first)} but ${other.arg} is in ${where(other)}: paths in the output are relative to one repository root, so scan each repository in its own run`);
    }
    const srcRoot = first.repo ?? commonDir(roots.map((r) => r.dir));
    // A root given twice, or inside another scanned directory, is walked once (with that directory).
    const kept = roots.filter((r, i) => roots.findIndex((o) => o.real === r.real) === i &&
        !roots.some((o) => o.real !== r.real && o.dir === o.real && isInside(r.real, o.real)));
    const groups = [];
    if (explicitConfig) {
        groups.push({
            paths: kept.map((r) => r.real),
            config: (0,load/* loadConfig */.Z9)(explicitConfig, srcRoot, srcRoot),
            configFile: explicitConfig,
        });
    }
    else {
        for (const r of kept) {
            const file = (0,load/* findConfig */.u0)(r.dir);
            const group = groups.find((g) => g.configFile === file);
            if (group)
                group.paths.push(r.real);
            else
                groups.push({ paths: [r.real], config: (0,load/* loadConfig */.Z9)(undefined, r.dir, srcRoot), configFile: file });
        }
    }
    return { srcRoot, inGit: first.repo !== undefined, groups };
}
/** Baseline entries seen by several scans are one entry: their matches add up. */
function mergeRecords(records) {
    const out = [];
    const byKey = new Map();
    for (const r of records) {
        if (r.kind !== "baseline") {
            out.push(r);
            continue;
        }
        const key = `${r.source}\0${r.rules.join(",")}\0${r.file}\0${r.fingerprint}`;
        const seen = byKey.get(key);
        if (!seen) {
            byKey.set(key, { ...r });
            out.push(byKey.get(key));
            continue;
        }
        seen.matches += r.matches;
        if (seen.status === "unused" && r.status === "active")
            seen.status = "active";
    }
    return out;
}
/** One result from the scans of several root groups (same source root). */
function mergeResults(results) {
    if (results.length === 1)
        return results[0];
    const [head] = results;
    const secrets = new redact/* SecretRegistry */.ks();
    for (const r of results)
        secrets.addAll(r.secrets.values());
    const stats = { ...head.stats, phases: { ...head.stats.phases } };
    for (const r of results.slice(1)) {
        for (const k of ["discovered", "read", "prefilteredOut", "parsed", "skipped"])
            stats[k] += r.stats[k];
        for (const [k, v] of Object.entries(r.stats.phases))
            stats.phases[k] = (stats.phases[k] ?? 0) + v;
    }
    return {
        ...head,
        roots: results.flatMap((r) => r.roots),
        findings: results.flatMap((r) => r.findings).sort(finalize/* compareFindings */.E),
        notifications: results.flatMap((r) => r.notifications),
        stats,
        internalErrors: results.reduce((n, r) => n + r.internalErrors, 0),
        suppressions: mergeRecords(results.flatMap((r) => r.suppressions)),
        startedAt: head.startedAt,
        finishedAt: results.at(-1).finishedAt,
        secrets,
    };
}

;// CONCATENATED MODULE: ./src/cli/progress.ts

const LABEL = {
    files: "reading and analysing files",
    project: "cross-file analysis",
    finalize: "finishing",
};
/** Redraws at most this often. */
const INTERVAL_MS = 200;
class Progress {
    err;
    options;
    started = performance.now();
    phase;
    stats;
    /** Which scan of several (roots with their own configurations), e.g. "apps/web: ". */
    prefix = "";
    /** The line on screen, if any (not redrawn while it stays the same). */
    drawn;
    timer;
    constructor(err, options) {
        this.err = err;
        this.options = options;
        if (options.tty && !options.quiet) {
            this.timer = setInterval(() => this.draw(), INTERVAL_MS);
            this.timer.unref?.();
        }
    }
    elapsed() {
        return (performance.now() - this.started) / 1000;
    }
    clear() {
        if (this.drawn !== undefined)
            this.err.write("\r\x1b[2K");
        this.drawn = undefined;
    }
    draw() {
        if (!this.phase || !this.stats || performance.now() - this.started < (this.options.delayMs ?? 1000))
            return;
        const s = this.stats;
        let line = `${version/* TOOL_NAME */.lH}: ${this.prefix}${LABEL[this.phase]} · ${s.discovered} found · ${s.read} read · ${s.parsed} parsed · ${this.elapsed().toFixed(0)} s`;
        // A terminal that reports no size (0 columns) gets a conventional width.
        const width = (this.options.columns || 80) - 1;
        if (line.length > width)
            line = line.slice(0, Math.max(0, width - 1)) + "…";
        if (line === this.drawn)
            return;
        this.err.write(`\r\x1b[2K${line}`);
        this.drawn = line;
    }
    /** A line that stays (verbose output, history progress, notes). */
    line(message) {
        if (this.options.quiet)
            return;
        this.clear();
        this.err.write(`${version/* TOOL_NAME */.lH}: ${message}\n`);
    }
    /** Only with --verbose. */
    detail(message) {
        if (this.options.verbose)
            this.line(message);
    }
    /** The scan of one group of roots begins (prefix names it when there are several). */
    group(prefix) {
        this.prefix = prefix;
    }
    onPhase = (phase, stats) => {
        this.phase = phase;
        this.stats = stats;
        this.detail(`[${this.elapsed().toFixed(2)} s] ${this.prefix}${LABEL[phase]}`);
        if (this.timer)
            this.draw();
    };
    /** The end: the progress line goes; with --verbose, what the scan did and where its time went. */
    done(stats) {
        if (this.timer)
            clearInterval(this.timer);
        this.timer = undefined;
        this.clear();
        if (!this.options.verbose || !stats)
            return;
        this.line(`files: ${stats.discovered} found, ${stats.read} read, ${stats.prefilteredOut} prefiltered out, ${stats.parsed} parsed, ${stats.skipped} skipped or partly scanned`);
        const phases = Object.entries(stats.phases)
            .filter(([, ms]) => ms > 0)
            .map(([name, ms]) => `${name} ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`}`);
        if (phases.length)
            this.line(`time per phase (summed over worker threads): ${phases.join(", ")}`);
        this.line(`done in ${this.elapsed().toFixed(2)} s`);
    }
}

// EXTERNAL MODULE: ./src/verify/index.ts + 3 modules
var verify = __webpack_require__(1176);
;// CONCATENATED MODULE: ./src/fix/diff.ts
/** Lines with their terminators; a final line without "\n" keeps none. */
function splitLines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
function unifiedDiff(file, before, edits, context = 3) {
    if (edits.length === 0)
        return "";
    const old = splitLines(before);
    const starts = [];
    let off = 0;
    for (const l of old) {
        starts.push(off);
        off += l.length;
    }
    const lineOf = (offset) => {
        // At the end of a text that ends with "\n": the (virtual, empty) line after the last one.
        if (offset >= before.length)
            return before.endsWith("\n") || before === "" ? old.length : old.length - 1;
        let lo = 0;
        let hi = old.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return lo;
    };
    const startOf = (line) => (line < old.length ? starts[line] : before.length);
    const regions = [];
    for (const raw of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
        const e = lineAligned(before, raw);
        const from = lineOf(e.start);
        const pure = e.start === e.end && e.start === startOf(from) && e.text.endsWith("\n");
        const to = pure || from === old.length ? from : lineOf(e.end > e.start ? e.end - 1 : e.start) + 1;
        const last = regions[regions.length - 1];
        if (last && (from < last.to || (from === last.from && to === last.to && from === to))) {
            last.to = Math.max(last.to, to);
            last.edits.push(e);
        }
        else
            regions.push({ from, to, added: [], edits: [e] });
    }
    for (const r of regions) {
        const base = startOf(r.from);
        let text = before.slice(base, startOf(r.to));
        for (const e of [...r.edits].reverse())
            text = text.slice(0, e.start - base) + e.text + text.slice(e.end - base);
        r.added = splitLines(text);
    }
    const out = [`diff --git a/${file} b/${file}`, `--- a/${file}`, `+++ b/${file}`];
    let shift = 0; // new line number minus old line number, before the current hunk
    for (let i = 0; i < regions.length;) {
        let j = i;
        while (j + 1 < regions.length && regions[j + 1].from - regions[j].to <= 2 * context)
            j++;
        const from = Math.max(0, regions[i].from - context);
        const to = Math.min(old.length, regions[j].to + context);
        const body = [];
        let oldCount = 0;
        let newCount = 0;
        let line = from;
        const push = (mark, l) => {
            body.push(mark + l.replace(/\n$/, ""));
            if (!l.endsWith("\n"))
                body.push("\\ No newline at end of file");
        };
        for (let k = i; k <= j; k++) {
            const r = regions[k];
            for (; line < r.from; line++, oldCount++, newCount++)
                push(" ", old[line]);
            for (; line < r.to; line++, oldCount++)
                push("-", old[line]);
            for (const l of r.added) {
                push("+", l);
                newCount++;
            }
        }
        for (; line < to; line++, oldCount++, newCount++)
            push(" ", old[line]);
        const oldStart = oldCount === 0 ? from : from + 1;
        const newStart = newCount === 0 ? from + shift : from + shift + 1;
        out.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...body);
        shift += newCount - oldCount;
        i = j + 1;
    }
    return out.join("\n") + "\n";
}
/**
 * An insertion of "\n…" at the end of a line is the insertion of "…\n" at the start of the next
 * one: shown as added lines, not as a changed line.
 */
function lineAligned(text, e) {
    if (e.start !== e.end)
        return e;
    for (const eol of ["\r\n", "\n"]) {
        if (e.text.startsWith(eol) && text.startsWith(eol, e.start))
            return { ...e, start: e.start + eol.length, end: e.start + eol.length, text: e.text.slice(eol.length) + eol };
    }
    return e;
}

// EXTERNAL MODULE: ./src/fix/plan.ts + 9 modules
var fix_plan = __webpack_require__(4063);
;// CONCATENATED MODULE: ./src/fix/cli.ts



/** Control characters of a hostile file name would start new output lines: shown escaped. */
function printable(text) {
    return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
async function runFixes(result, mode, io, tool) {
    const plan = await (0,fix_plan/* planFixes */.T9)(result);
    const scrub = (s) => result.secrets.scrub(s);
    const err = (line) => io.stderr.write(`${tool}: ${scrub(line)}\n`);
    const fixes = plan.files.reduce((n, f) => n + f.fixes.length, 0);
    let written = [];
    if (mode === "dry-run") {
        let redacted = false;
        for (const f of plan.files) {
            const diff = unifiedDiff(printable(f.file), f.before, f.edits);
            const shown = scrub(diff);
            if (shown !== diff)
                redacted = true;
            io.stdout.write(shown);
        }
        err(`${fixes} fix${fixes === 1 ? "" : "es"} in ${plan.files.length} file${plan.files.length === 1 ? "" : "s"} (dry run: nothing written).`);
        if (redacted)
            err("Lines holding credentials are shown redacted: that part of the diff does not apply as it is.");
    }
    else {
        const report = (0,fix_plan/* writeFixes */.d$)(plan);
        written = report.written;
        err(`Fixed ${fixes} finding${fixes === 1 ? "" : "s"} in ${written.length} file${written.length === 1 ? "" : "s"}.`);
        for (const f of report.changed)
            err(`${printable(f)} changed while it was being fixed: left as it is.`);
    }
    for (const f of plan.files) {
        for (const fix of f.fixes) {
            const at = `${printable(f.file)}:${fix.finding.location.range.startLine}`;
            err(`${at} ${fix.finding.rule}/${fix.finding.check}: ${fix.description}`);
            if (fix.note)
                err(`${at} note: ${fix.note}`);
        }
    }
    const left = plan.unfixed.length;
    if (left > 0) {
        const byRule = new Map();
        for (const u of plan.unfixed)
            byRule.set(u.finding.rule, (byRule.get(u.finding.rule) ?? 0) + 1);
        const list = [...byRule].map(([rule, n]) => `${n} ${(0,rules/* ruleById */.BD)(rule).title}`).join(", ");
        err(`${left} fixable-looking finding${left === 1 ? "" : "s"} left for a person to fix (${list}): no edit is certain to be right there.`);
    }
    return { plan, written };
}

// EXTERNAL MODULE: ./src/fix/sarif.ts
var sarif = __webpack_require__(5902);
;// CONCATENATED MODULE: ./src/cli.ts
/** The command line: the same pipeline as the Action, for terminals and other CI systems. */























const FORMATS = ["text", "json", "sarif", "compact", "junit"];
const USAGE = `Usage: ${version/* TOOL_NAME */.lH} [path ...] [options]

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
  --category NAME            SARIF automationDetails category (default: ${version/* TOOL_NAME */.lH})
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
function useColor(flag, env, toTerminal) {
    if (flag !== undefined)
        return flag;
    if (toTerminal === undefined)
        return false;
    const force = env.FORCE_COLOR;
    if (force !== undefined)
        return !["0", "false"].includes(force.trim().toLowerCase());
    if (env.NO_COLOR)
        return false;
    if (env.TERM === "dumb")
        return false;
    return toTerminal;
}
/** Check and normalise the arguments; throws ArgumentError. */
function settingsOf(args, cwd) {
    const o = args.values;
    const format = choice("--format", o.format ?? "text", FORMATS);
    const failOn = choice("--fail-on", o["fail-on"] ?? "high", gate/* FAIL_ON_VALUES */.Qm);
    const sarifSuppressed = choice("--sarif-suppressed", o["sarif-suppressed"] ?? "exclude", ["include", "exclude"]);
    if (sarifSuppressed === "include" && format !== "sarif" && !o.sarif)
        throw new ArgumentError("--sarif-suppressed applies to SARIF output: add --format sarif or --sarif FILE");
    if (o.quiet && o.verbose)
        throw new ArgumentError("--quiet and --verbose cannot be used together");
    if (o.fix && o["fix-dry-run"])
        throw new ArgumentError("--fix and --fix-dry-run exclude each other");
    if (o["list-suppressions"] && format !== "text" && format !== "json")
        throw new ArgumentError(`--list-suppressions writes text or json, not ${format}`);
    if (o.staged && o["write-baseline"])
        throw new ArgumentError("--staged reports only part of the findings; write the baseline without it");
    // --changed-since alone means gating on new findings; --gate-on new needs to know since when.
    const gateOn = o["gate-on"] === undefined ? undefined : choice("--gate-on", o["gate-on"], ["all", "new"]);
    const since = o["changed-since"];
    if (since !== undefined) {
        if (!since.trim())
            throw new ArgumentError("--changed-since needs a branch, tag or commit");
        if (since.startsWith("-"))
            throw new ArgumentError(`--changed-since needs a branch, tag or commit, not "${since}"`);
        if (gateOn === "all")
            throw new ArgumentError("--changed-since gates on the changed lines, --gate-on all on every line: choose one");
    }
    else if (gateOn === "new")
        throw new ArgumentError("--gate-on new needs --changed-since <base ref>");
    let history;
    if (o.history || o["history-budget"] !== undefined) {
        const budget = o["history-budget"];
        const seconds = budget === undefined ? undefined : Number(budget);
        if (seconds !== undefined && !(Number.isFinite(seconds) && seconds > 0))
            throw new ArgumentError(`--history-budget must be a positive number of seconds, not "${budget}"`);
        if (!o.history)
            throw new ArgumentError("--history-budget needs --history");
        history = seconds === undefined ? {} : { budgetMs: seconds * 1000 };
    }
    if (args.positionals.some((p) => p.trim() === ""))
        throw new ArgumentError('an empty path was given (an unset variable?); use "." to scan the current directory');
    // Output files are checked, and their directories made, before a long scan rather than after it.
    const outputs = {};
    const seen = new Map();
    for (const [flag, key] of [
        ["--output", "output"],
        ["--sarif", "sarif"],
        ["--write-baseline", "writeBaseline"],
    ]) {
        const value = o[flag.slice(2)];
        if (value === undefined)
            continue;
        if (!value.trim())
            throw new ArgumentError(`${flag} needs a file name`);
        const file = external_node_path_.resolve(cwd, value);
        if (seen.has(file))
            throw new ArgumentError(`${seen.get(file)} and ${flag} name the same file ${value}`);
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
function prepareOutput(flag, value, file) {
    const dir = external_node_path_.dirname(file);
    if (external_node_fs_.existsSync(file) && external_node_fs_.statSync(file).isDirectory())
        throw new ArgumentError(`${flag} ${value} is a directory`);
    try {
        external_node_fs_.mkdirSync(dir, { recursive: true });
        external_node_fs_.accessSync(external_node_fs_.existsSync(file) ? file : dir, external_node_fs_.constants.W_OK);
    }
    catch (err) {
        const code = err.code ?? "error";
        throw new ArgumentError(`${flag} ${value} cannot be written (${code})`);
    }
    return file;
}
async function runCli(argv, io) {
    let args;
    let settings;
    try {
        args = parseArguments(argv);
        if (args.values.help) {
            io.stdout.write(USAGE);
            return 0;
        }
        if (args.values.version) {
            io.stdout.write(`${version/* VERSION */.xv}\n`);
            return 0;
        }
        settings = settingsOf(args, io.cwd);
    }
    catch (err) {
        if (err instanceof ArgumentError)
            return usage(io, `${err.message}\nRun ${version/* TOOL_NAME */.lH} --help for usage.`);
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
    let result;
    let changed;
    let unstaged = 0;
    let fixPlan;
    try {
        const plan = planRoots(settings.paths, io.cwd, o.config && external_node_path_.resolve(io.cwd, o.config));
        progress.detail(`source root ${plan.srcRoot} (${plan.inGit ? "git work tree" : "not in git: the scanned directory"})`);
        for (const g of plan.groups) {
            progress.detail(`${g.paths.map((p) => (0,output_report/* shownRoot */.aH)(plan.srcRoot, p)).join(", ")}: configuration ${g.configFile ? (0,output_report/* shownRoot */.aH)(plan.srcRoot, g.configFile) : "defaults"}`);
        }
        // Before the scan: a misspelt ref should not cost a whole scan.
        if (settings.changedSince !== undefined)
            changed = (0,changed_lines/* changedLinesSince */.aW)(settings.changedSince, plan.srcRoot);
        const scanAll = async () => {
            const results = [];
            for (const [i, group] of plan.groups.entries()) {
                if (plan.groups.length > 1)
                    progress.group(`${group.paths.map((p) => (0,output_report/* shownRoot */.aH)(plan.srcRoot, p)).join(", ")} (${i + 1}/${plan.groups.length}): `);
                results.push(await (0,scan/* scan */.SQ)({
                    paths: group.paths,
                    srcRoot: plan.srcRoot,
                    config: group.config,
                    ...(o.baseline ? { baseline: external_node_path_.resolve(io.cwd, o.baseline) } : {}),
                    // Git history belongs to the repository, not to a root: read it once.
                    ...(settings.history && i === 0 ? { history: settings.history } : {}),
                    onProgress: (m) => progress.line(m),
                    onPhase: progress.onPhase,
                    ...(io.now ? { now: io.now() } : {}),
                }));
            }
            return mergeResults(results);
        };
        result = await scanAll();
        if (o.fix || o["fix-dry-run"]) {
            progress.done();
            const run = await runFixes(result, o.fix ? "apply" : "dry-run", io, version/* TOOL_NAME */.lH);
            // After writing, the report (and the gate) are about what is left.
            if (run.written.length)
                result = await scanAll();
            else
                fixPlan = run.plan;
        }
        if (o.verify)
            await (0,verify/* runVerification */.t)(result, { onProgress: (m) => progress.line(m) });
        if (o.staged)
            ({ result, unstaged } = onlyStaged(result));
        if (settings.format === "sarif" || settings.outputs.sarif)
            fixPlan ??= await (0,fix_plan/* planFixes */.T9)(result);
    }
    catch (err) {
        progress.done();
        if (err instanceof scan/* UsageError */.eb)
            return usage(io, err.message);
        io.stderr.write(`${version/* TOOL_NAME */.lH}: internal error: ${(0,redact/* scrubShapes */.CN)((0,analyze/* describe */.q)(err))}\n`);
        return 2;
    }
    progress.done(result.stats);
    if (unstaged)
        progress.line(`--staged: ${(0,output_report/* plural */.LS)(unstaged, "finding")} in files that are not staged ${unstaged === 1 ? "is" : "are"} not shown (run without --staged to see ${unstaged === 1 ? "it" : "them"}).`);
    const fixes = fixPlan && (0,sarif/* sarifFixes */.r)(fixPlan);
    const sarifText = () => JSON.stringify((0,build/* buildSarif */.Ep)(result, { category: o.category, suppressed: settings.sarifSuppressed, fixes }), null, 2) +
        "\n";
    const toFile = settings.outputs.output !== undefined;
    const color = useColor(args.color, io.env, toFile ? undefined : io.stdout.isTTY);
    const render = {
        text: () => (0,output_text/* formatText */.v)(result, { color, quiet }),
        json: () => formatJson(result),
        sarif: sarifText,
        compact: () => formatCompact(result),
        junit: () => formatJunit(result),
    };
    let rendered;
    if (o["list-suppressions"])
        rendered = settings.format === "json" ? formatSuppressionsJson(result) : formatSuppressionsText(result, { color });
    else
        rendered = render[settings.format]();
    try {
        if (toFile)
            external_node_fs_.writeFileSync(settings.outputs.output, rendered);
        // A dry run's stdout is the diff alone, so that it can be piped to git apply.
        else if (!o["fix-dry-run"])
            io.stdout.write(rendered);
        if (settings.outputs.sarif)
            external_node_fs_.writeFileSync(settings.outputs.sarif, sarifText());
        if (settings.outputs.writeBaseline) {
            const file = settings.outputs.writeBaseline;
            // Rewriting a baseline keeps each entry's reason and expiry date (an unreadable old file: none).
            let previous;
            try {
                if (external_node_fs_.existsSync(file))
                    previous = (0,baseline/* readBaseline */.mF)(file);
            }
            catch {
                // An unreadable old baseline carries nothing forward; the new one is written all the same.
            }
            external_node_fs_.writeFileSync(file, (0,baseline/* formatBaseline */.J2)(result.findings, previous));
        }
    }
    catch (err) {
        io.stderr.write(`${version/* TOOL_NAME */.lH}: could not write output: ${err.message}\n`);
        return 2;
    }
    if (o.strict && result.internalErrors > 0) {
        io.stderr.write(`${version/* TOOL_NAME */.lH}: ${(0,output_report/* plural */.LS)(result.internalErrors, "internal error")} during the scan (--strict); see the scan notes.\n`);
        return 2;
    }
    if (o["list-suppressions"])
        return 0;
    // The compact format has room for findings only: say that there is more to know.
    const notes = result.notifications.filter((n) => n.level !== "note").length;
    if (settings.format === "compact" && notes && !quiet)
        progress.line(`${(0,output_report/* plural */.LS)(notes, "scan note")} (files not scanned, unused or expired suppressions…): see --format text or json`);
    const gating = (0,gate/* gatingFindings */.dh)(result.findings, settings.failOn, changed);
    if (changed && settings.format === "text" && !toFile && !quiet) {
        io.stdout.write(`Gate: ${(0,output_report/* plural */.LS)(gating.length, "finding")} at or above ${settings.failOn} on lines changed since ${settings.changedSince}.\n`);
    }
    return gating.length > 0 ? 1 : 0;
}
/**
 * The scan restricted to files staged for commit: a finding stays when its file, or one of its
 * related locations, is staged. The whole project was scanned, so findings that span files (a
 * client component importing a module that holds a write token) are still found.
 */
function onlyStaged(result) {
    const staged = (0,changed_lines/* stagedFiles */.KB)(result.srcRoot);
    const isStaged = (f) => staged.has(f.location.file) || Boolean(f.related?.some((r) => staged.has(r.file)));
    return {
        result: {
            ...result,
            findings: result.findings.filter(isStaged),
            notifications: result.notifications.filter((n) => !n.file || staged.has(n.file)),
        },
        unstaged: result.findings.filter((f) => !f.suppressed && !isStaged(f)).length,
    };
}
function usage(io, message) {
    io.stderr.write(`${version/* TOOL_NAME */.lH}: ${(0,redact/* scrubShapes */.CN)(message)}\n`);
    return 2;
}


/***/ })

};
;