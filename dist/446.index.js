"use strict";
exports.id = 446;
exports.ids = [446];
exports.modules = {

/***/ 1954:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s: () => (/* binding */ defaultConfig)
/* harmony export */ });
/* unused harmony export DEFAULT_TEST_PATHS */
/* harmony import */ var _engine_read__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5404);

/** Where test code usually lives (.gitignore-style patterns): the one definition every rule uses. */
const DEFAULT_TEST_PATHS = [
    "__tests__/",
    "__mocks__/",
    "__fixtures__/",
    "test/",
    "tests/",
    "spec/",
    "e2e/",
    "cypress/",
    "playwright/",
    "fixtures/",
    "fixture/",
    "*.test.*",
    "*.spec.*",
    "*.e2e.*",
    "*.cy.*",
    "*.stories.*",
    "*.story.*",
];
/** The configuration used when there is no configuration file. */
function defaultConfig() {
    return {
        source: "defaults",
        disabledRules: new Set(),
        disabledChecks: new Set(),
        severity: new Map(),
        detectorOptions: {},
        clientPaths: [],
        serverPaths: [],
        testPaths: [...DEFAULT_TEST_PATHS],
        testFindings: "low-confidence",
        testFindingsByRule: new Map(),
        budgets: { ..._engine_read__WEBPACK_IMPORTED_MODULE_0__/* .DEFAULT_BUDGETS */ .Dm },
        fix: { defaultTtlSeconds: 86_400 },
    };
}


/***/ }),

/***/ 2435:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  u0: () => (/* binding */ findConfig),
  Z9: () => (/* binding */ loadConfig)
});

// UNUSED EXPORTS: CONFIG_FILE_NAMES, ConfigError, parseConfig, rebasePattern

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
var ajv_default = /*#__PURE__*/__webpack_require__.n(ajv);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
// EXTERNAL MODULE: ./src/detectors/index.ts + 64 modules
var detectors = __webpack_require__(9603);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(1954);
;// CONCATENATED MODULE: ./src/config/upstash-scan.schema.json
const upstash_scan_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/upstash-scan/upstash-scan/blob/main/src/config/upstash-scan.schema.json","title":"upstash-scan configuration (.upstash-scan.yml)","type":"object","additionalProperties":false,"properties":{"rules":{"description":"Per-rule settings, keyed by rule id.","type":"object","additionalProperties":false,"properties":{"upstash/write-token-in-frontend":{"$ref":"#/definitions/writeTokenInFrontend"},"upstash/sensitive-data-without-ttl":{"$ref":"#/definitions/sensitiveDataWithoutTtl"},"upstash/qstash-webhook-spoofing":{"$ref":"#/definitions/qstashWebhookSpoofing"},"upstash/rate-limit-misconfiguration":{"$ref":"#/definitions/rateLimitMisconfiguration"},"upstash/token-rotation-neglect":{"$ref":"#/definitions/tokenRotationNeglect"}}},"paths":{"description":"Which files are scanned, as .gitignore-style patterns relative to the directory of this file (for a file given with --config or the Action input config: the repository root).","type":"object","additionalProperties":false,"properties":{"include":{"description":"Only files matching one of these are scanned (default: everything).","$ref":"#/definitions/patterns"},"exclude":{"description":"Files and directories matching one of these are skipped.","$ref":"#/definitions/patterns"},"client":{"description":"Files that ship to browsers or apps, beyond what upstash-scan detects (client entries: everything they import ships too).","$ref":"#/definitions/patterns"},"server":{"description":"Files that never ship to clients (the import walk stops there), for conventions upstash-scan does not know.","$ref":"#/definitions/patterns"}}},"tests":{"description":"How findings in test code are treated.","type":"object","additionalProperties":false,"properties":{"paths":{"description":"Patterns that mark test code (replaces the default list).","$ref":"#/definitions/patterns"},"findings":{"description":"report: as anywhere else; low-confidence (default): reported with confidence low; ignore: not reported.","enum":["report","low-confidence","ignore"]}}},"baseline":{"description":"A baseline file (written by --write-baseline, or a SARIF file) whose findings are hidden.","type":"string","minLength":1},"fix":{"description":"What --fix, --fix-dry-run, SARIF fixes and pull-request suggestions write.","type":"object","additionalProperties":false,"properties":{"defaultTtlSeconds":{"description":"Seconds of the { ex } expiry added to Redis writes that have none (default 86400, one day).","type":"integer","minimum":1,"maximum":315360000}}}},"definitions":{"patterns":{"type":"array","items":{"type":"string","minLength":1}},"severity":{"description":"critical, high, medium or low, in any case.","type":"string","pattern":"^(?:[cC][rR][iI][tT][iI][cC][aA][lL]|[hH][iI][gG][hH]|[mM][eE][dD][iI][uU][mM]|[lL][oO][wW])$"},"checks":{"description":"Turn single checks off (false) or on (true), keyed by check id.","type":"object","additionalProperties":{"type":"boolean"}},"ruleBase":{"enabled":{"description":"false turns the whole rule off.","type":"boolean"},"severity":{"description":"Severity override for every finding of the rule.","$ref":"#/definitions/severity"},"checks":{"$ref":"#/definitions/checks"},"tests":{"description":"Overrides tests.findings for this rule.","enum":["report","low-confidence","ignore"]}},"writeTokenInFrontend":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"}}},"sensitiveDataWithoutTtl":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"sensitiveWords":{"description":"Extra words that make a key or value sensitive (matched on word parts, case-insensitive).","$ref":"#/definitions/patterns"}}}}},"qstashWebhookSpoofing":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"verifyFunctions":{"description":"Names of your own functions that verify QStash signatures and reject on failure.","$ref":"#/definitions/patterns"}}}}},"rateLimitMisconfiguration":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"maxRequestsPerSecond":{"description":"Limits allowing more than this per identifier are implausible (default 1000).","type":"number","exclusiveMinimum":0},"minWindowMs":{"description":"Windows shorter than this are implausible (default 1000).","type":"number","minimum":0},"globalIdentifiers":{"description":"Constant identifiers that are intentionally global limits.","$ref":"#/definitions/patterns"}}}}},"tokenRotationNeglect":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"maxCredentialAgeDays":{"description":"With --history: report credentials in HEAD older than this (default 90).","type":"number","exclusiveMinimum":0},"historyBudgetSeconds":{"description":"With --history: time budget for reading git history (default 60).","type":"number","exclusiveMinimum":0}}}}}}}');
;// CONCATENATED MODULE: ./src/config/load.ts
/**
 * Finding, reading and checking the configuration file (.upstash-scan.yml). It is validated against
 * the published JSON Schema (src/config/upstash-scan.schema.json); every problem is reported with the
 * file and line it comes from, and any problem stops the scan (exit code 2).
 */









const CONFIG_FILE_NAMES = [".upstash-scan.yml", ".upstash-scan.yaml"];
/** A configuration problem, already formatted as "file:line: message". */
class ConfigError extends errors/* UsageError */.e {
}
let validator;
function lineOf(doc, counter, pathParts) {
    // Walk up from the exact node to the nearest one that exists (an unknown key's parent, say).
    for (let n = pathParts.length; n >= 0; n--) {
        const node = doc.getIn(pathParts.slice(0, n), true);
        if ((0,dist/* isNode */.Ll)(node) && node.range)
            return counter.linePos(node.range[0]).line;
        // For a key (additionalProperties), point at the key itself.
        const parent = doc.getIn(pathParts.slice(0, n - 1), true);
        const key = parent?.items?.find((p) => p.key?.value === pathParts[n - 1])?.key;
        if (key?.range)
            return counter.linePos(key.range[0]).line;
    }
    return 1;
}
function describeError(e) {
    const parts = e.instancePath
        .split("/")
        .slice(1)
        .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
        .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const where = parts.length ? parts.join(".") : "the top level";
    if (e.keyword === "additionalProperties") {
        const key = e.params.additionalProperty;
        return { path: [...parts, key], message: `unknown key "${key}" in ${where}` };
    }
    if (e.keyword === "pattern" && e.schemaPath.includes("/severity/"))
        return { path: parts, message: `${where} must be one of "critical", "high", "medium", "low"` };
    if (e.keyword === "enum")
        return {
            path: parts,
            message: `${where} must be one of ${e.params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`,
        };
    return { path: parts, message: `${where} ${e.message ?? "is invalid"}` };
}
/**
 * A .gitignore-style pattern written relative to `base` (a `/`-separated directory relative to the
 * source root), rewritten relative to the source root, which is what the engine matches against. As in
 * git, a pattern with no slash but a trailing one matches at any depth below its directory.
 */
function rebasePattern(pattern, base) {
    if (!base)
        return pattern;
    const negated = pattern.startsWith("!");
    const p = negated ? pattern.slice(1) : pattern;
    const anchored = p.replace(/\/$/, "").includes("/");
    return `${negated ? "!" : ""}${base}/${anchored ? p.replace(/^\//, "") : `**/${p}`}`;
}
/**
 * Parse and validate configuration text; throws ConfigError naming file and line. `base`: the
 * directory the file's patterns are relative to, relative to the source root ("" when they are the same).
 */
function parseConfig(text, file, base = "") {
    const counter = new dist/* LineCounter */.HN();
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: counter, prettyErrors: false });
    if (doc.errors.length) {
        const e = doc.errors[0];
        throw new ConfigError(`${file}:${counter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split("\n")[0]}`);
    }
    const data = (doc.toJS() ?? {});
    // Levels are case-insensitive everywhere (as --fail-on and the Action's inputs): HIGH is high.
    for (const settings of Object.values(data?.rules ?? {}))
        if (settings && typeof settings.severity === "string")
            settings.severity = settings.severity.toLowerCase();
    validator ??= new (ajv_default())({ allErrors: true, strict: false }).compile(upstash_scan_schema_namespaceObject);
    if (!validator(data)) {
        const problems = (validator.errors ?? []).map((e) => {
            const d = describeError(e);
            return `${file}:${lineOf(doc, counter, d.path)}: ${d.message}`;
        });
        throw new ConfigError([...new Set(problems)].join("\n"));
    }
    const cfg = data;
    const config = (0,defaults/* defaultConfig */.s)();
    config.source = file;
    for (const [ruleId, settings] of Object.entries(cfg.rules ?? {})) {
        if (settings.enabled === false)
            config.disabledRules.add(ruleId);
        if (settings.severity)
            config.severity.set(ruleId, settings.severity);
        if (settings.tests)
            config.testFindingsByRule.set(ruleId, settings.tests);
        const known = new Set(detectors/* DETECTORS */.c.filter((d) => d.rule === ruleId).flatMap((d) => Object.keys(d.checks)));
        for (const [check, on] of Object.entries(settings.checks ?? {})) {
            if (!known.has(check)) {
                throw new ConfigError(`${file}:${lineOf(doc, counter, ["rules", ruleId, "checks", check])}: unknown check "${check}" for ${ruleId} (known: ${[...known].sort().join(", ")})`);
            }
            if (!on)
                config.disabledChecks.add(`${ruleId}/${check}`);
        }
        for (const d of detectors/* DETECTORS */.c.filter((x) => x.rule === ruleId))
            config.detectorOptions[d.id] = { ...(settings.options ?? {}) };
    }
    const rebase = (patterns) => patterns?.map((p) => rebasePattern(p, base));
    const include = rebase(cfg.paths?.include) ?? [];
    const exclude = rebase(cfg.paths?.exclude) ?? [];
    if (include.length || exclude.length) {
        const inc = ignore_default()().add(include);
        const exc = ignore_default()().add(exclude);
        config.accept = (rel, isDir) => {
            if (rel.startsWith("../"))
                return true;
            if (exc.ignores(isDir ? rel + "/" : rel))
                return false;
            // Directories are always entered when an include list exists: a file below may match.
            return isDir || include.length === 0 || inc.ignores(rel);
        };
    }
    config.clientPaths = rebase(cfg.paths?.client) ?? [];
    config.serverPaths = rebase(cfg.paths?.server) ?? [];
    if (cfg.tests?.paths)
        config.testPaths = rebase(cfg.tests.paths);
    if (cfg.tests?.findings)
        config.testFindings = cfg.tests.findings;
    if (cfg.baseline)
        config.baseline = external_node_path_.resolve(external_node_path_.dirname(file), cfg.baseline);
    if (cfg.fix?.defaultTtlSeconds !== undefined)
        config.fix.defaultTtlSeconds = cfg.fix.defaultTtlSeconds;
    return config;
}
/** The configuration file at a scanned root, if there is one. */
function findConfig(scanRoot) {
    return CONFIG_FILE_NAMES.map((n) => external_node_path_.join(scanRoot, n)).find((f) => external_node_fs_.existsSync(f));
}
/**
 * The explicit file, or the one at the scanned root, or the defaults. Patterns in a file found at the
 * scanned root are relative to that root; in an explicit file, to the source root (`srcRoot`, when
 * given: the repository root that reported paths are relative to).
 */
function loadConfig(explicit, scanRoot, srcRoot) {
    const file = explicit ?? findConfig(scanRoot);
    if (!file)
        return (0,defaults/* defaultConfig */.s)();
    let text;
    try {
        text = external_node_fs_.readFileSync(file, "utf8");
    }
    catch (err) {
        const code = err.code;
        throw new ConfigError(code === "ENOENT" ? `configuration file not found: ${file}` : `${file}: could not be read (${code ?? "error"})`);
    }
    const base = !explicit && srcRoot ? external_node_path_.relative(srcRoot, scanRoot).split(external_node_path_.sep).join("/") : "";
    return parseConfig(text, file, base.startsWith("..") ? "" : base);
}


/***/ }),

/***/ 6187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J2: () => (/* binding */ formatBaseline),
/* harmony export */   QN: () => (/* binding */ baselineRecords),
/* harmony export */   Qp: () => (/* binding */ applyBaseline),
/* harmony export */   mF: () => (/* binding */ readBaseline)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7679);
/* harmony import */ var _expiry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7012);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/**
 * Baselines: a file of known findings (by rule, check, file and line-content fingerprint) that are
 * hidden so only new findings gate. Written by `--write-baseline`; a SARIF file from an earlier run
 * works too. Fingerprints hash the finding's line content, so unrelated line moves keep a match. An
 * entry may carry a `reason` and an `expires` day (YYYY-MM-DD): from that day on (UTC) the finding is
 * reported again.
 */




const keyOf = (e) => `${e.rule}\0${e.check}\0${e.file}\0${e.fingerprint}`;
/** Read a baseline written by --write-baseline, or a SARIF log. */
function readBaseline(file) {
    let doc;
    try {
        doc = JSON.parse(node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(file, "utf8"));
    }
    catch (err) {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(`baseline ${file} could not be read: ${err.message}`);
    }
    const entries = new Map();
    const add = (e) => entries.set(keyOf(e), { ...e, matches: 0 });
    const d = doc;
    if (Array.isArray(d.findings)) {
        d.findings.forEach((e, i) => {
            let expires;
            if (e.expires !== undefined) {
                expires = typeof e.expires === "string" ? (0,_expiry__WEBPACK_IMPORTED_MODULE_2__/* .parseDay */ .I)(e.expires) : undefined;
                if (!expires)
                    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(`baseline ${file}: findings[${i}].expires must be a day written YYYY-MM-DD, not ${JSON.stringify(e.expires)}`);
            }
            add({
                rule: e.rule,
                check: e.check,
                file: e.file,
                fingerprint: e.fingerprint,
                ...(typeof e.reason === "string" && e.reason.trim() ? { reason: e.reason.trim() } : {}),
                ...(expires ? { expires } : {}),
            });
        });
    }
    else if (Array.isArray(d.runs)) {
        for (const r of d.runs.flatMap((run) => run.results ?? [])) {
            const uri = decodeURIComponent(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "");
            add({
                rule: r.ruleId ?? "",
                check: r.properties?.check ?? "",
                file: uri,
                fingerprint: r.partialFingerprints?.primaryLocationLineHash ?? "",
            });
        }
    }
    else {
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(`baseline ${file} is neither an upstash-scan baseline nor a SARIF log`);
    }
    return entries;
}
/**
 * Hide findings listed in the baseline (`source`: its path for messages); findings whose entry has
 * expired are marked as such and still count. Returns how many were hidden, and a warning per
 * expired entry that still matches.
 */
function applyBaseline(findings, baseline, source, now = new Date()) {
    let hidden = 0;
    const notes = [];
    for (const f of findings) {
        if (f.suppressed || !f.fingerprint)
            continue;
        const entry = baseline.get(keyOf({ rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint }));
        if (!entry)
            continue;
        entry.matches++;
        const note = {
            kind: "baseline",
            reason: entry.reason ?? `in baseline ${source}`,
            source,
            ...(entry.expires ? { expires: entry.expires } : {}),
        };
        if (entry.expires && (0,_expiry__WEBPACK_IMPORTED_MODULE_2__/* .isExpired */ ._)(entry.expires, now)) {
            f.expiredSuppression ??= note;
            notes.push({
                level: "warning",
                id: "suppression-expired",
                file: f.location.file,
                message: `baseline entry in ${source} for ${f.location.file}:${f.location.range.startLine} (${f.rule}/${f.check}) expired on ${entry.expires}: the finding is reported again; fix it or renew the date`,
            });
            continue;
        }
        delete f.expiredSuppression;
        f.suppressed = note;
        hidden++;
    }
    return { hidden, notes };
}
/** The baseline's entries as `--list-suppressions` shows them (after applyBaseline). */
function baselineRecords(baseline, source, now = new Date()) {
    return [...baseline.values()].map((e) => ({
        kind: "baseline",
        rules: [e.check ? `${e.rule}/${e.check}` : e.rule],
        file: e.file,
        fingerprint: e.fingerprint,
        source,
        reason: e.reason ?? "",
        ...(e.expires ? { expires: e.expires } : {}),
        status: e.expires && (0,_expiry__WEBPACK_IMPORTED_MODULE_2__/* .isExpired */ ._)(e.expires, now) ? "expired" : e.matches > 0 ? "active" : "unused",
        matches: e.matches,
    }));
}
/**
 * The baseline text for the current findings (inline-suppressed ones need no baseline). `previous`
 * (the baseline being rewritten) keeps each entry's reason and expiry: rewriting a baseline never
 * renews an expired entry.
 */
function formatBaseline(findings, previous) {
    const entries = findings
        .filter((f) => f.suppressed?.kind !== "inline" && f.fingerprint)
        .map((f) => {
        const key = { rule: f.rule, check: f.check, file: f.location.file, fingerprint: f.fingerprint };
        const old = previous?.get(keyOf(key));
        return {
            ...key,
            message: f.message,
            ...(old?.reason ? { reason: old.reason } : {}),
            ...(old?.expires ? { expires: old.expires } : {}),
        };
    })
        .sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
    const doc = { tool: _version__WEBPACK_IMPORTED_MODULE_3__/* .TOOL_NAME */ .lH, version: _version__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .xv, findings: entries };
    return JSON.stringify(doc, null, 2) + "\n";
}


/***/ }),

/***/ 5168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KB: () => (/* binding */ stagedFiles),
/* harmony export */   MQ: () => (/* binding */ ChangedLines),
/* harmony export */   QE: () => (/* binding */ hasCommit),
/* harmony export */   aW: () => (/* binding */ changedLinesSince),
/* harmony export */   tb: () => (/* binding */ gitDiffLines)
/* harmony export */ });
/* unused harmony export parseGitDiff */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7679);
/**
 * The lines a change added or modified (new side), used to gate pull requests on new findings only
 * and to annotate a pull request's own lines first. Read from `git diff` output or from the `patch`
 * of each file the GitHub API lists for a pull request (needed when the checkout is too shallow).
 */



class ChangedLines {
    byFile = new Map();
    /** Files changed as a whole (the API sends no patch for binary or very large diffs). */
    whole = new Set();
    addWholeFile(file) {
        this.whole.add(file);
    }
    add(file, line) {
        let set = this.byFile.get(file);
        if (!set)
            this.byFile.set(file, (set = new Set()));
        set.add(line);
    }
    /** Changed lines of a file, ascending. */
    lines(file) {
        return [...(this.byFile.get(file) ?? [])].sort((a, b) => a - b);
    }
    get files() {
        return [...new Set([...this.byFile.keys(), ...this.whole])];
    }
    /** Whether any line of start..end in `file` was added or changed. */
    touches(file, start, end = start) {
        if (this.whole.has(file))
            return true;
        const set = this.byFile.get(file);
        if (!set)
            return false;
        for (let l = start; l <= end; l++)
            if (set.has(l))
                return true;
        return false;
    }
    /**
     * Record the added lines of one file's hunks (`@@ -a,b +c,d @@` followed by ` `/`-`/`+` lines),
     * as in a GitHub API `patch` or `git diff` output with any amount of context.
     */
    addPatch(file, patch) {
        let line = 0;
        for (const raw of patch.split("\n")) {
            const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
            if (h) {
                line = Number(h[1]);
                continue;
            }
            if (line === 0 || raw.startsWith("\\"))
                continue;
            if (raw.startsWith("+"))
                this.add(file, line++);
            else if (!raw.startsWith("-"))
                line++;
        }
    }
}
/**
 * `git diff` output → changed lines. Paths come as git prints them (relative to the work tree's
 * top); `rename` maps them (e.g. to paths relative to the scanned source root). Deleted files and
 * quoted names are skipped (the diff is run with core.quotePath=false).
 */
function parseGitDiff(diff, rename = (n) => n) {
    const out = new ChangedLines();
    for (const chunk of diff.split(/^diff --git /m).slice(1)) {
        const name = /^\+\+\+ b\/(.*)$/m.exec(chunk)?.[1];
        if (!name)
            continue;
        const hunks = chunk.indexOf("\n@@");
        if (hunks !== -1)
            out.addPatch(rename(name.replace(/\t$/, "")), chunk.slice(hunks + 1));
    }
    return out;
}
function git(cwd, args) {
    return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)("git", ["-c", "core.quotePath=false", ...args], {
        cwd,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 60_000,
        maxBuffer: 512 * 1024 * 1024,
    });
}
/** Changed lines of `git diff --unified=0 <range…>` in `dir`, paths relative to `srcRoot`. */
function gitDiffLines(dir, range, srcRoot) {
    const top = git(dir, ["rev-parse", "--show-toplevel"]).trim();
    const diff = git(dir, ["diff", "--unified=0", "--no-color", "--no-ext-diff", "--no-renames", ...range]);
    return parseGitDiff(diff, (name) => node_path__WEBPACK_IMPORTED_MODULE_1__.relative(srcRoot, node_path__WEBPACK_IMPORTED_MODULE_1__.join(top, name)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join("/"));
}
/** Whether `rev` names a commit present in the repository at `dir`. */
function hasCommit(dir, rev) {
    try {
        git(dir, ["cat-file", "-e", `${rev}^{commit}`]);
        return true;
    }
    catch {
        return false;
    }
}
/**
 * Lines changed between the merge base of `baseRef` and HEAD, and the working tree (the CLI's
 * `--changed-since`). Throws a UsageError when the ref is unknown or there is no merge base (e.g. a
 * shallow clone).
 */
function changedLinesSince(baseRef, srcRoot) {
    let base;
    try {
        git(srcRoot, ["rev-parse", "--show-toplevel"]);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--changed-since needs a git work tree; ${srcRoot} is not one`);
    }
    if (!hasCommit(srcRoot, baseRef))
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--changed-since: unknown revision "${baseRef}": no branch, tag or commit of that name in this repository (fetch a remote branch first)`);
    try {
        base = git(srcRoot, ["merge-base", baseRef, "HEAD"]).trim();
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`no merge base between ${baseRef} and HEAD (is the history shallow? use fetch-depth: 0)`);
    }
    return gitDiffLines(srcRoot, [base], srcRoot);
}
/**
 * Files staged for commit (added, modified, renamed or copied; deletions have nothing to report on),
 * relative to `srcRoot` (the CLI's `--staged`). Throws a UsageError outside a git work tree.
 */
function stagedFiles(srcRoot) {
    let top;
    try {
        top = git(srcRoot, ["rev-parse", "--show-toplevel"]).trim();
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--staged needs a git work tree; ${srcRoot} is not one`);
    }
    const names = git(srcRoot, ["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d"]);
    return new Set(names
        .split("\0")
        .filter(Boolean)
        .map((name) => node_path__WEBPACK_IMPORTED_MODULE_1__.relative(srcRoot, node_path__WEBPACK_IMPORTED_MODULE_1__.join(top, name)).split(node_path__WEBPACK_IMPORTED_MODULE_1__.sep).join("/")));
}


/***/ }),

/***/ 7679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/** A problem with the request itself (missing path, bad configuration or baseline): exit code 2. */
class UsageError extends Error {
}


/***/ }),

/***/ 2270:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  E: () => (/* binding */ compareFindings),
  j: () => (/* binding */ finalizeFindings)
});

// EXTERNAL MODULE: ./src/rules/index.ts + 6 modules
var rules = __webpack_require__(131);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/sarif/fingerprint.ts
/**
 * Fingerprints that survive unrelated edits. GitHub matches alerts across runs by rule and
 * `partialFingerprints.primaryLocationLineHash`; line numbers alone would turn every insertion above
 * a finding into "one alert fixed, one new". We hash what the finding's line says instead:
 *
 * - the line's non-whitespace characters (so re-indenting or CRLF/LF changes do not matter), at most
 *   the first 256 of them;
 * - the rule and check, so two findings on one line differ;
 * - and, when the same content occurs several times in a file, an occurrence number (`:2`, `:3`) in
 *   line order, so identical lines stay distinct.
 *
 * The hash covers the finding's own line only (not the lines after it, unlike codeql-action's rolling
 * window), so editing a neighbouring line never changes it.
 */

function lineContentHash(lineText, discriminator) {
    const content = lineText.replace(/\s+/g, "").slice(0, 256);
    return (0,external_node_crypto_.createHash)("sha256").update(discriminator).update("\0").update(content).digest("hex").slice(0, 16);
}
/**
 * Fill `finding.fingerprint` for every finding; `linesOf` gives a file's lines (undefined when it
 * cannot be read again, in which case the line number stands in).
 */
function assignFingerprints(findings, linesOf) {
    const byFile = new Map();
    for (const f of findings) {
        let list = byFile.get(f.location.file);
        if (!list)
            byFile.set(f.location.file, (list = []));
        list.push(f);
    }
    for (const [file, list] of byFile) {
        const lines = linesOf(file);
        list.sort((a, b) => a.location.range.startLine - b.location.range.startLine ||
            a.location.range.startColumn - b.location.range.startColumn);
        const seen = new Map();
        for (const f of list) {
            const line = f.location.range.startLine;
            const content = lines ? lines.lineText(line) : `line ${line}`;
            const hash = lineContentHash(content, `${f.rule}/${f.check}`);
            const n = (seen.get(hash) ?? 0) + 1;
            seen.set(hash, n);
            f.fingerprint = `${hash}:${n}`;
        }
    }
}

// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
// EXTERNAL MODULE: ./src/engine/text.ts
var engine_text = __webpack_require__(1655);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
;// CONCATENATED MODULE: ./src/engine/finalize.ts
/** After detection: configuration overrides, redaction, fingerprints, de-duplication and order. */





function scrubLocation(loc, secrets) {
    return loc.message ? { ...loc, message: secrets.scrub(loc.message) } : loc;
}
function compareFindings(a, b) {
    return (types/* SEVERITIES */.o.indexOf((0,rules/* severityOf */.xJ)(a)) - types/* SEVERITIES */.o.indexOf((0,rules/* severityOf */.xJ)(b)) ||
        (a.location.file < b.location.file ? -1 : a.location.file > b.location.file ? 1 : 0) ||
        a.location.range.startLine - b.location.range.startLine ||
        a.location.range.startColumn - b.location.range.startColumn ||
        (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
        (a.check < b.check ? -1 : a.check > b.check ? 1 : 0) ||
        (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}
function finalizeFindings(raw, config, secrets, textOf) {
    const seen = new Set();
    const out = [];
    const tests = new test_code/* TestCode */.O(config.testPaths);
    for (const f of raw) {
        if (config.disabledRules.has(f.rule) || config.disabledChecks.has(`${f.rule}/${f.check}`))
            continue;
        // Test code: by default still reported, with low confidence (fixtures are often fake on purpose).
        let confidence = f.confidence;
        if (tests.has(f.location.file)) {
            const mode = config.testFindingsByRule.get(f.rule) ?? config.testFindings;
            if (mode === "ignore")
                continue;
            if (mode === "low-confidence")
                confidence = "low";
        }
        const r = f.location.range;
        const key = `${f.rule}\0${f.check}\0${f.location.file}\0${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        const override = config.severity.get(f.rule);
        out.push({
            ...f,
            confidence,
            ...(override ? { severity: override } : {}),
            message: secrets.scrub(f.message),
            location: scrubLocation(f.location, secrets),
            ...(f.related ? { related: f.related.map((l) => scrubLocation(l, secrets)) } : {}),
        });
    }
    // Each file with findings is read again once, for its lines' fingerprints and excerpts.
    const cache = new Map();
    const linesOf = (file) => {
        if (!cache.has(file)) {
            const text = textOf(file);
            cache.set(file, text === undefined ? undefined : new engine_text/* LineIndex */.r(text));
        }
        return cache.get(file);
    };
    assignFingerprints(out, linesOf);
    for (const f of out) {
        const lines = linesOf(f.location.file);
        if (!lines)
            continue;
        // Scrub before shortening: a cut could leave part of a secret that no pattern recognises.
        const line = secrets.scrub(lines.lineText(f.location.range.startLine).trim());
        f.excerpt = line.length > 160 ? line.slice(0, 157) + "…" : line;
    }
    return out.sort(compareFindings);
}


/***/ }),

/***/ 2377:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  eb: () => (/* reexport */ errors/* UsageError */.e),
  oB: () => (/* binding */ gitTopLevel),
  SQ: () => (/* binding */ scan)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/detectors/index.ts + 64 modules
var src_detectors = __webpack_require__(9603);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(1954);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/engine/pool.ts
var engine_pool = __webpack_require__(6138);
// EXTERNAL MODULE: ./src/engine/file-job.ts + 2 modules
var file_job = __webpack_require__(9357);
// EXTERNAL MODULE: ./src/engine/file-kinds.ts
var file_kinds = __webpack_require__(5156);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
;// CONCATENATED MODULE: ./src/engine/discover.ts
/**
 * Walking the scanned paths: a streaming generator that honours nested .gitignore files, never enters
 * node_modules or .git, and never follows a symbolic link. Links are skipped outright: a link inside
 * the root points at something the walk reaches at its real place anyway, a link out of the root must
 * never be read, and loops become impossible.
 */




const POSIX = external_node_path_.sep === "/";
function toPosix(p) {
    return POSIX ? p : p.split(external_node_path_.sep).join("/");
}
function loadIgnore(dir, names, onWarning) {
    let ig;
    for (const name of names) {
        const file = external_node_path_.join(dir, name);
        let text;
        try {
            text = external_node_fs_.readFileSync(file, "utf8");
        }
        catch (err) {
            // Absent is normal; ENOTDIR happens in git worktrees and submodules, where .git is a file.
            const code = err.code;
            if (code !== "ENOENT" && code !== "ENOTDIR")
                onWarning?.(file, "could not read ignore file");
            continue;
        }
        ig = (ig ?? ignore_default()()).add(text);
    }
    return ig && { base: dir, ig };
}
/** The .gitignore layers above `root` up to its git work tree's top (and .git/info/exclude). */
function ancestorLayers(root, onWarning) {
    const chain = [];
    let dir = external_node_path_.dirname(root);
    let top;
    for (let cur = root;; cur = dir, dir = external_node_path_.dirname(dir)) {
        if (external_node_fs_.existsSync(external_node_path_.join(cur, ".git"))) {
            top = cur;
            break;
        }
        if (dir === cur)
            break;
        chain.push(dir);
    }
    if (!top)
        return [];
    const layers = [];
    const exclude = loadIgnore(external_node_path_.join(top, ".git", "info"), ["exclude"], onWarning);
    if (exclude)
        layers.push({ base: top, ig: exclude.ig });
    // From the top down to the root's parent; the root's own .gitignore is read by the walk.
    for (const d of chain.filter((d) => d.startsWith(top)).reverse()) {
        const layer = loadIgnore(d, [".gitignore"], onWarning);
        if (layer)
            layers.push(layer);
    }
    return layers;
}
function isIgnored(layers, abs, isDir) {
    // The deepest layer with an opinion wins, as in git. Layers are ancestors of `abs`, so the path
    // relative to a layer is a suffix of `abs` (cheaper than path.relative on every entry).
    for (let i = layers.length - 1; i >= 0; i--) {
        const layer = layers[i];
        if (abs.length <= layer.base.length + 1 || !abs.startsWith(layer.base))
            continue;
        const rel = toPosix(abs.slice(layer.base.length + 1));
        const r = layer.ig.test(isDir ? rel + "/" : rel);
        if (r.ignored)
            return true;
        if (r.unignored)
            return false;
    }
    return false;
}
function* discover(options) {
    const seen = new Set();
    for (const root of options.roots) {
        let stat;
        try {
            stat = external_node_fs_.statSync(root);
        }
        catch {
            continue;
        }
        if (stat.isFile()) {
            const rel = toPosix(external_node_path_.relative(options.srcRoot, root));
            const kind = (0,file_kinds/* classifyPath */.qK)(rel);
            if (kind && !seen.has(root)) {
                seen.add(root);
                yield { abs: root, rel, kind, gitIgnored: false };
            }
            continue;
        }
        const layers = ancestorLayers(root, options.onWarning);
        yield* walk(root, layers, options, seen);
    }
}
function* walk(dir, parentLayers, options, seen) {
    // Explicit stack: deep trees must not grow the call stack.
    const stack = [{ dir, layers: parentLayers }];
    const rootRel = toPosix(external_node_path_.relative(options.srcRoot, dir));
    const relOf = (abs) => {
        // Walked paths lie under `dir`; `rel` is relative to the source root, which may be above it.
        const tail = toPosix(abs.slice(dir.length + 1));
        return rootRel ? `${rootRel}/${tail}` : tail;
    };
    while (stack.length) {
        const { dir: current, layers: above } = stack.pop();
        let entries;
        try {
            entries = external_node_fs_.readdirSync(current, { withFileTypes: true });
        }
        catch (err) {
            options.onWarning?.(current, `directory could not be read (${err.code ?? "error"})`);
            continue;
        }
        // Only a directory that lists a .gitignore pays for reading one.
        const own = entries.some((e) => e.name === ".gitignore")
            ? loadIgnore(current, [".gitignore"], options.onWarning)
            : undefined;
        const layers = own ? [...above, own] : above;
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const subdirs = [];
        for (const entry of entries) {
            if (entry.isSymbolicLink())
                continue;
            const abs = external_node_path_.join(current, entry.name);
            if (entry.isDirectory()) {
                if (file_kinds/* SKIP_DIRS */.z_.has(entry.name))
                    continue;
                if (isIgnored(layers, abs, true))
                    continue;
                if (options.accept && !options.accept(relOf(abs), true))
                    continue;
                subdirs.push(abs);
                continue;
            }
            if (!entry.isFile())
                continue;
            const rel = relOf(abs);
            const kind = (0,file_kinds/* classifyPath */.qK)(rel);
            if (!kind || seen.has(abs))
                continue;
            const gitIgnored = isIgnored(layers, abs, false);
            // Env files are read even when ignored: a NEXT_PUBLIC_ token in .env.local still ships to the
            // browser. Detectors that care whether a file is committed look at `gitIgnored`.
            if (gitIgnored && kind !== "env")
                continue;
            if (options.accept && !options.accept(rel, false))
                continue;
            seen.add(abs);
            yield { abs, rel, kind, gitIgnored };
        }
        // Reverse so that the stack pops directories in name order: deterministic output order.
        for (let i = subdirs.length - 1; i >= 0; i--)
            stack.push({ dir: subdirs[i], layers });
    }
}

// EXTERNAL MODULE: ./src/engine/finalize.ts + 1 modules
var finalize = __webpack_require__(2270);
// EXTERNAL MODULE: ./src/engine/project.ts + 3 modules
var engine_project = __webpack_require__(5000);
// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
// EXTERNAL MODULE: ./src/engine/read.ts
var read = __webpack_require__(5404);
// EXTERNAL MODULE: ./src/engine/suppressions.ts
var engine_suppressions = __webpack_require__(1656);
// EXTERNAL MODULE: ./src/engine/baseline.ts
var engine_baseline = __webpack_require__(6187);
;// CONCATENATED MODULE: ./src/engine/scan.ts
/**
 * The scan pipeline: discover → read → prefilter → (parse → detect) per file, streaming, so that only
 * the files that matter are ever parsed and no syntax tree outlives its file; then project facts and
 * the cross-file phase of each detector; then finalisation (redaction, fingerprints, order).
 */



















/** The nearest directory at or above `dir` holding `.git`, or undefined. */
function gitTopLevel(dir) {
    for (let cur = dir;; cur = external_node_path_.dirname(cur)) {
        if (external_node_fs_.existsSync(external_node_path_.join(cur, ".git")))
            return cur;
        if (external_node_path_.dirname(cur) === cur)
            return undefined;
    }
}
class Phases {
    totals = {};
    add(name, ms) {
        this.totals[name] = (this.totals[name] ?? 0) + ms;
    }
    time(name, fn) {
        const t = performance.now();
        try {
            return fn();
        }
        finally {
            this.add(name, performance.now() - t);
        }
    }
}
/** Demand-driven rounds per detector, at most (each round may follow one more step of imports). */
const MAX_SELECT_ROUNDS = 6;
/** Files per batch sent to a light lane, and batches waiting to be merged, at most. */
const BATCH_SIZE = 32;
/** Files per batch sent to the heavy (parsing) lane. */
const HEAVY_BATCH_SIZE = 4;
const MAX_BATCHES_IN_FLIGHT = 64;
async function scan(options) {
    const startedAt = new Date();
    const config = options.config ?? (0,defaults/* defaultConfig */.s)();
    const detectors = (options.detectors ?? src_detectors/* DETECTORS */.c).filter((d) => !config.disabledRules.has(d.rule) &&
        Object.keys(d.checks).some((c) => !config.disabledChecks.has(`${d.rule}/${c}`)));
    if (options.paths.length === 0)
        throw new errors/* UsageError */.e("no path to scan");
    const roots = options.paths.map((p) => {
        try {
            return external_node_fs_.realpathSync(external_node_path_.resolve(p));
        }
        catch {
            throw new errors/* UsageError */.e(`path not found: ${p}`);
        }
    });
    const first = roots[0];
    const firstDir = external_node_fs_.statSync(first).isDirectory() ? first : external_node_path_.dirname(first);
    const srcRoot = options.srcRoot
        ? external_node_fs_.realpathSync(external_node_path_.resolve(options.srcRoot))
        : (gitTopLevel(firstDir) ?? firstDir);
    const project = new engine_project/* ProjectFacts */.B(srcRoot, { client: config.clientPaths, server: config.serverPaths }, new test_code/* TestCode */.O(config.testPaths));
    const secrets = new redact/* SecretRegistry */.ks();
    const notifications = [];
    const raw = [];
    const suppressions = [];
    const facts = new Map();
    const phases = new Phases();
    const stats = { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: phases.totals };
    let internalErrors = 0;
    // Files are processed in batches by worker threads when the bundle is running (see pool.ts);
    // custom detectors given by a caller exist only here, so they keep everything in this thread.
    const settings = {
        options: config.detectorOptions,
        budgets: config.budgets,
        testPaths: config.testPaths,
    };
    const workerCount = options.workers ??
        (options.detectors || !(0,engine_pool.workerScriptPath)() ? 0 : Math.max(1, Math.min(4, external_node_os_.availableParallelism())));
    const ids = detectors.map((d) => d.id);
    let pool;
    const startPool = () => (pool ??= new engine_pool.FilePool(workerCount, (0,engine_pool.workerScriptPath)(), ids, settings));
    // Without workers this thread does everything; with one worker it does the light work itself.
    let inThread;
    const here = () => (inThread ??=
        workerCount === 0 ? new file_job/* FileProcessor */.t(detectors, settings, true) : (0,engine_pool.processorFor)(ids, settings, false));
    const processHere = async (jobs) => {
        const out = [];
        for (const job of jobs)
            out.push(await here().process(job));
        return out;
    };
    // Until the first script starts the pool, batches (config, env and text files) are done here: a
    // tree with nothing to parse never pays for starting workers.
    const light = (jobs) => pool?.hasLightLanes ? pool.light(jobs) : processHere(jobs);
    /** Files given to each detector, so demand-driven rounds never analyse one twice. */
    const given = new Map();
    const analyzedBy = (id) => {
        let set = given.get(id);
        if (!set)
            given.set(id, (set = new Set()));
        return set;
    };
    // File results merge in discovery order as they come; analysis outputs (findings, facts) are kept
    // by discovery index and merged in that order at the end, whichever thread produced them first.
    const outputs = new Map();
    let deferred = [];
    const flushDeferred = () => {
        if (!deferred.length)
            return;
        const batchOf = deferred;
        deferred = [];
        const done = startPool().heavy(batchOf);
        batchOf.forEach((a, i) => outputs.set(a.index, done.then((o) => o[i])));
    };
    const queue = [];
    let drained = 0;
    // Files no keyword selected; one a demand-driven round reads after all no longer counts as such.
    const prefilteredOut = new Set();
    const mergeFile = (r) => {
        phases.add("read", r.millis.read);
        phases.add("facts", r.millis.facts);
        phases.add("prefilter", r.millis.prefilter);
        if (r.unreadable) {
            // Reported once: a file asked for again by a demand-driven round is already known.
            if (project.files.has(r.rel))
                return;
            stats.skipped++;
            notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
            project.addFile({ path: r.rel, kind: r.kind, gitIgnored: r.gitIgnored });
            return;
        }
        if (r.demand && prefilteredOut.delete(r.rel))
            stats.prefilteredOut--;
        if (!project.files.has(r.rel)) {
            stats.read++;
            if (r.textOnly)
                stats.skipped++;
            if (r.prefilteredOut) {
                stats.prefilteredOut++;
                prefilteredOut.add(r.rel);
            }
            project.addFile({
                path: r.rel,
                kind: r.kind,
                gitIgnored: r.gitIgnored,
                imports: r.imports,
                directives: r.directives,
            });
            if (r.configText !== undefined) {
                try {
                    if (r.rel.endsWith("package.json"))
                        project.addPackageJson(r.rel, r.configText);
                    else
                        project.addTsconfig(r.rel, r.configText);
                }
                catch (err) {
                    notifications.push({
                        level: "warning",
                        id: "config-unreadable",
                        file: r.rel,
                        message: `could not be read as JSON: ${err.message}`,
                    });
                }
            }
            if (r.env)
                project.addEnvFile(r.env);
            suppressions.push(...r.suppressions);
        }
        notifications.push(...r.notes);
        for (const id of r.given)
            analyzedBy(id).add(r.rel);
        if (r.output)
            outputs.set(r.index, Promise.resolve(r.output));
        else if (r.deferred) {
            deferred.push(r.deferred);
            if (deferred.length >= HEAVY_BATCH_SIZE)
                flushDeferred();
        }
    };
    const drainOne = async () => {
        if (drained >= queue.length)
            return;
        for (const r of await queue[drained++])
            mergeFile(r);
    };
    const drainAll = async () => {
        while (drained < queue.length)
            await drainOne();
        flushDeferred();
    };
    const mergeOutputs = async () => {
        const ready = [...outputs.keys()].sort((a, b) => a - b);
        for (const index of ready) {
            const output = await outputs.get(index);
            outputs.delete(index);
            const file = output.file;
            phases.add("parse", output.parseMillis);
            phases.add("detectors", output.detectMillis);
            if (output.parsed)
                stats.parsed++;
            if (output.notifications.some((n) => n.id === "parse-failed"))
                stats.skipped++;
            raw.push(...output.findings);
            secrets.addAll(output.secrets);
            notifications.push(...output.notifications);
            internalErrors += output.notifications.filter((n) => n.id === "detector-error").length;
            for (const { detector, fact } of output.facts) {
                let list = facts.get(detector);
                if (!list)
                    facts.set(detector, (list = []));
                list.push({ file, fact });
            }
        }
    };
    let batch = [];
    let nextIndex = 0;
    const flush = async () => {
        if (!batch.length)
            return;
        queue.push(light(batch));
        batch = [];
        // Bounded memory and prompt merging: never let many batches wait unmerged.
        while (queue.length - drained > MAX_BATCHES_IN_FLIGHT)
            await drainOne();
        if (workerCount === 0)
            await drainOne();
    };
    options.onPhase?.("files", stats);
    const files = discover({
        roots,
        srcRoot,
        accept: config.accept,
        onWarning: (file, message) => notifications.push({ level: "warning", id: "path-unreadable", file: external_node_path_.relative(srcRoot, file), message }),
    });
    for (;;) {
        const t = performance.now();
        const next = files.next();
        phases.add("discovery", performance.now() - t);
        if (next.done)
            break;
        stats.discovered++;
        // Start the workers with the first script: the heavy lane loads TypeScript during the walk.
        if (workerCount > 0 && (0,file_kinds/* isParsable */.xk)(next.value.kind))
            startPool();
        batch.push({ ...next.value, index: nextIndex++ });
        if (batch.length >= BATCH_SIZE)
            await flush();
    }
    await flush();
    await drainAll();
    pool?.doneReading();
    // Every file's facts are in: resolve the import graph while the heavy lane finishes parsing.
    for (const p of phases.time("facts", () => project.finish()))
        notifications.push({ level: "warning", id: "config-unreadable", ...p });
    await mergeOutputs();
    const projectContext = (detector) => ({
        project,
        facts: facts.get(detector.id) ?? [],
        options: config.detectorOptions[detector.id] ?? {},
        report: (f) => raw.push({ ...f, rule: detector.rule }),
        history: options.history,
        notify: (n) => notifications.push(n),
        progress: (m) => options.onProgress?.(secrets.scrub(m)),
        secret: (v) => secrets.add(v),
    });
    // Demand-driven rounds: files a detector asks for once it has seen the rest (see Detector.select).
    options.onPhase?.("project", stats);
    const selectPhase = performance.now();
    for (const detector of detectors) {
        if (!detector.select)
            continue;
        const seen = analyzedBy(detector.id);
        for (let round = 0; round < MAX_SELECT_ROUNDS; round++) {
            let wanted;
            try {
                wanted = [...detector.select(projectContext(detector))]
                    .filter((f) => !seen.has(f) && (0,file_kinds/* isParsable */.xk)(project.files.get(f)?.kind ?? "text"))
                    .sort();
            }
            catch (err) {
                internalErrors++;
                notifications.push({
                    level: "error",
                    id: "detector-error",
                    message: `detector ${detector.id} failed choosing files: ${(0,analyze/* describe */.q)(err)}`,
                });
                break;
            }
            if (!wanted.length)
                break;
            for (const rel of wanted) {
                seen.add(rel);
                const summary = project.files.get(rel);
                batch.push({
                    index: nextIndex++,
                    abs: external_node_path_.join(srcRoot, rel),
                    rel,
                    kind: summary.kind,
                    gitIgnored: summary.gitIgnored,
                    only: [detector.id],
                });
                if (batch.length >= BATCH_SIZE)
                    await flush();
            }
            await flush();
            await drainAll();
            await mergeOutputs();
        }
    }
    phases.add("detectors", performance.now() - selectPhase);
    if (pool) {
        for (const problem of pool.problems)
            notifications.push({ level: "warning", id: "worker-failed", message: problem });
        await pool.close();
    }
    else
        (0,engine_pool.discardPrestarted)();
    const projectPhase = performance.now();
    for (const detector of detectors) {
        if (!detector.analyzeProject)
            continue;
        try {
            await detector.analyzeProject(projectContext(detector));
        }
        catch (err) {
            internalErrors++;
            notifications.push({
                level: "error",
                id: "detector-error",
                message: `detector ${detector.id} failed in its project phase: ${(0,analyze/* describe */.q)(err)}`,
            });
        }
    }
    phases.add("detectors", performance.now() - projectPhase);
    options.onPhase?.("finalize", stats);
    const now = options.now ?? new Date();
    const records = [];
    const findings = phases.time("finalize", () => (0,finalize/* finalizeFindings */.j)(raw, config, secrets, (file) => {
        const r = (0,read/* readFile */.TA)(external_node_path_.join(srcRoot, file), "text", config.budgets);
        return r.ok ? r.text : undefined;
    }));
    phases.time("finalize", () => {
        notifications.push(...(0,engine_suppressions/* applySuppressions */.px)(findings, suppressions, (rule) => !config.disabledRules.has(rule), now));
        records.push(...(0,engine_suppressions/* inlineRecords */.y3)(suppressions));
        const baseline = options.baseline ?? config.baseline;
        if (baseline) {
            const source = external_node_path_.relative(srcRoot, baseline).split(external_node_path_.sep).join("/");
            const entries = (0,engine_baseline/* readBaseline */.mF)(baseline);
            const { hidden, notes } = (0,engine_baseline/* applyBaseline */.Qp)(findings, entries, source, now);
            notifications.push(...notes, {
                level: "note",
                id: "baseline",
                message: `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by the baseline ${source}`,
            });
            records.push(...(0,engine_baseline/* baselineRecords */.QN)(entries, source, now));
        }
    });
    for (const n of notifications)
        n.message = secrets.scrub(n.message);
    return {
        srcRoot,
        roots,
        findings,
        notifications,
        stats,
        internalErrors,
        suppressions: records,
        startedAt,
        finishedAt: new Date(),
        secrets,
        project,
        config,
    };
}


/***/ }),

/***/ 3171:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   o: () => (/* binding */ SEVERITIES)
/* harmony export */ });
/** Severities from most to least severe; index order is used for sorting and gating. */
const SEVERITIES = ["critical", "high", "medium", "low"];


/***/ }),

/***/ 4063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ct: () => (/* binding */ applyEdits),
  T9: () => (/* binding */ planFixes),
  d$: () => (/* binding */ writeFixes)
});

// UNUSED EXPORTS: emptyPlan

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/engine/parse.ts
var parse = __webpack_require__(2333);
// EXTERNAL MODULE: ./src/engine/sfc.ts
var sfc = __webpack_require__(4724);
// EXTERNAL MODULE: ./src/engine/text.ts
var engine_text = __webpack_require__(1655);
// EXTERNAL MODULE: ./src/secrets/env-names.ts
var env_names = __webpack_require__(3807);
;// CONCATENATED MODULE: ./src/fix/types.ts
/** Typed identity helper, so each fixer file reads `export default defineFixer({...})`. */
function defineFixer(fixer) {
    return fixer;
}

;// CONCATENATED MODULE: ./src/fix/style.ts
function detectStyle(tsx, sf, text) {
    let single = 0;
    let double = 0;
    let withSemi = 0;
    let withoutSemi = 0;
    const stack = [sf];
    while (stack.length) {
        const node = stack.pop();
        if (tsx.isStringLiteral(node) && !tsx.isJsxAttribute(node.parent)) {
            const c = text.charAt(node.getStart(sf));
            if (c === "'")
                single++;
            else if (c === '"')
                double++;
        }
        if (tsx.isExpressionStatement(node) ||
            tsx.isVariableStatement(node) ||
            tsx.isReturnStatement(node) ||
            tsx.isImportDeclaration(node) ||
            tsx.isThrowStatement(node)) {
            if (text.charAt(node.getEnd() - 1) === ";")
                withSemi++;
            else
                withoutSemi++;
        }
        node.forEachChild((k) => {
            stack.push(k);
        });
    }
    return {
        quote: single > double ? "'" : '"',
        semicolons: withSemi >= withoutSemi,
        indent: indentUnit(text),
        eol: text.includes("\r\n") ? "\r\n" : "\n",
    };
}
/** The smallest indentation step used in the file: a tab, or 2 to 8 spaces (2 when nothing is indented). */
function indentUnit(text) {
    let tabs = 0;
    let spaced = 0;
    let smallest = Infinity;
    for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
        const lead = m[1];
        if (lead.startsWith("\t"))
            tabs++;
        else {
            spaced++;
            if (lead.length >= 2)
                smallest = Math.min(smallest, lead.length);
        }
    }
    if (tabs > spaced)
        return "\t";
    return " ".repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2);
}
/** The leading whitespace of the line holding `offset`. */
function indentAt(text, offset) {
    const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
    return /^[ \t]*/.exec(text.slice(lineStart))[0];
}
/** A string literal in the file's quote style. */
function quoted(style, value) {
    const q = style.quote;
    return q + value.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), "\\" + q) + q;
}
/** `;` when the file ends statements with one. */
function semi(style) {
    return style.semicolons ? ";" : "";
}

;// CONCATENATED MODULE: ./src/fix/syntax.ts

/**
 * The outermost node that starts exactly at `start` (its first token, trivia excluded), lies within
 * `[start, end]` and passes `test`; undefined when there is none.
 */
function nodeAt(ctx, start, end, test) {
    const sf = ctx.sourceFile;
    const stack = [sf];
    let best;
    while (stack.length) {
        const node = stack.pop();
        if (node !== sf) {
            const s = node.getStart(sf);
            if (s === start && node.getEnd() <= end && test(node)) {
                if (!best || node.getEnd() > best.getEnd())
                    best = node;
            }
        }
        node.forEachChild((k) => {
            if (k.pos <= start && k.getEnd() >= start)
                stack.push(k);
        });
    }
    return best;
}
/** The nearest function around `node`, if any. */
function enclosingFunction(tsx, node) {
    for (let n = node.parent; n; n = n.parent) {
        if (tsx.isFunctionDeclaration(n) ||
            tsx.isFunctionExpression(n) ||
            tsx.isArrowFunction(n) ||
            tsx.isMethodDeclaration(n) ||
            tsx.isGetAccessorDeclaration(n) ||
            tsx.isSetAccessorDeclaration(n) ||
            tsx.isConstructorDeclaration(n))
            return n;
    }
    return undefined;
}
function isAsync(tsx, fn) {
    return Boolean(tsx.getCombinedModifierFlags(fn) & tsx.ModifierFlags.Async);
}
/** Whether `fn`'s own body (not nested ordinary functions) uses `this` or `arguments`. */
function usesOwnThis(tsx, fn) {
    let found = false;
    const stack = [];
    fn.forEachChild((k) => {
        stack.push(k);
    });
    while (stack.length && !found) {
        const n = stack.pop();
        if (n.kind === tsx.SyntaxKind.ThisKeyword || (tsx.isIdentifier(n) && n.text === "arguments"))
            found = true;
        if (tsx.isFunctionDeclaration(n) || tsx.isFunctionExpression(n) || tsx.isClassLike(n))
            continue;
        n.forEachChild((k) => {
            stack.push(k);
        });
    }
    return found;
}
/**
 * Identifiers in `root` that bind or refer to `name` as a variable: property names (`a.name`,
 * `{ name: 1 }`, class members, `{ name: x } = …`'s key, JSX attributes) are not counted.
 */
function identifiersNamed(tsx, root, name) {
    const out = [];
    const stack = [root];
    while (stack.length) {
        const n = stack.pop();
        if (tsx.isIdentifier(n) && n.text === name && !isPropertyName(tsx, n))
            out.push(n);
        n.forEachChild((k) => {
            stack.push(k);
        });
    }
    return out;
}
function isPropertyName(tsx, id) {
    const p = id.parent;
    if (!p)
        return false;
    if (tsx.isPropertyAccessExpression(p) || tsx.isQualifiedName(p))
        return p.name === id;
    if (tsx.isBindingElement(p) || tsx.isImportSpecifier(p) || tsx.isExportSpecifier(p))
        return p.propertyName === id;
    if (tsx.isPropertyAssignment(p) ||
        tsx.isPropertyDeclaration(p) ||
        tsx.isPropertySignature(p) ||
        tsx.isMethodDeclaration(p) ||
        tsx.isMethodSignature(p) ||
        tsx.isGetAccessorDeclaration(p) ||
        tsx.isSetAccessorDeclaration(p) ||
        tsx.isEnumMember(p) ||
        tsx.isJsxAttribute(p))
        return p.name === id;
    return false;
}
/**
 * The edit that makes `names` from `module` available: nothing when the file already imports them,
 * specifiers added to an existing import of the module, or a new import line after the last import
 * (at the top of the file when there is none, after a directive prologue). Undefined when a name is
 * already taken by something else, or the file is CommonJS: then no fix can be made safely.
 */
function importEdit(ctx, module, names) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    let sameModule;
    let lastImport;
    const missing = [];
    for (const name of names) {
        let imported = false;
        for (const st of sf.statements) {
            if (!tsx.isImportDeclaration(st))
                continue;
            const named = st.importClause?.namedBindings;
            if (!tsx.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module)
                continue;
            if (!named || !tsx.isNamedImports(named))
                continue;
            const el = named.elements.find((e) => e.name.text === name);
            if (!el)
                continue;
            // Imported under this name, as a value, from this module: already there. Anything else clashes.
            if ((el.propertyName?.text ?? name) !== name || el.isTypeOnly || st.importClause.isTypeOnly)
                return undefined;
            imported = true;
        }
        if (imported)
            continue;
        // The name bound to anything else (a local, another module's export) would clash.
        if (identifiersNamed(tsx, sf, name).length > 0)
            return undefined;
        missing.push(name);
    }
    if (missing.length === 0)
        return [];
    for (const st of sf.statements) {
        if (!tsx.isImportDeclaration(st))
            continue;
        lastImport = st;
        const named = st.importClause?.namedBindings;
        if (tsx.isStringLiteral(st.moduleSpecifier) &&
            st.moduleSpecifier.text === module &&
            named &&
            tsx.isNamedImports(named) &&
            !st.importClause.isTypeOnly)
            sameModule ??= st;
    }
    if (!lastImport && /\brequire\s*\(/.test(ctx.text) && /\bmodule\.exports\b|\bexports\./.test(ctx.text))
        return undefined;
    const list = missing.join(", ");
    if (sameModule) {
        const named = sameModule.importClause.namedBindings;
        const els = named.elements;
        if (els.length === 0) {
            const open = named.getStart(sf) + 1;
            return [{ start: open, end: named.getEnd() - 1, text: ` ${list} `, outside: "import" }];
        }
        const last = els[els.length - 1];
        const multiline = ctx.text.slice(named.getStart(sf), els[0].getStart(sf)).includes("\n");
        const sep = multiline ? ctx.style.eol + indentAt(ctx.text, last.getStart(sf)) : " ";
        if (els.hasTrailingComma) {
            const comma = ctx.text.indexOf(",", last.getEnd());
            const items = missing.map((n) => `${sep}${n},`).join("");
            return [{ start: comma + 1, end: comma + 1, text: items, outside: "import" }];
        }
        const items = missing.map((n) => `,${sep}${n}`).join("");
        return [{ start: last.getEnd(), end: last.getEnd(), text: items, outside: "import" }];
    }
    const line = `import { ${list} } from ${quoted(ctx.style, module)}${semi(ctx.style)}`;
    if (lastImport) {
        const at = lastImport.getEnd();
        return [{ start: at, end: at, text: ctx.style.eol + line, outside: "import" }];
    }
    // No import yet: after "use …" directives; otherwise before the first statement (comments above it
    // such as a license header stay first).
    let at = 0;
    for (const st of sf.statements) {
        if (tsx.isExpressionStatement(st) && tsx.isStringLiteral(st.expression))
            at = st.getEnd();
        else
            break;
    }
    if (at > 0)
        return [{ start: at, end: at, text: ctx.style.eol + ctx.style.eol + line, outside: "import" }];
    const first = sf.statements[0];
    at = first ? first.getStart(sf) : ctx.text.length;
    return [{ start: at, end: at, text: line + ctx.style.eol + (first ? ctx.style.eol : ""), outside: "import" }];
}
/** The static name of a plain property (`a: 1`, `"a": 1`, `a`); undefined for spreads, methods, computed names. */
function propertyName(tsx, p) {
    if (tsx.isShorthandPropertyAssignment(p))
        return p.name.text;
    if (!tsx.isPropertyAssignment(p))
        return undefined;
    return tsx.isIdentifier(p.name) || tsx.isStringLiteral(p.name) ? p.name.text : undefined;
}
/**
 * Add one element after the last of a list (call arguments, object properties), written the way
 * the list is: on its own line when the elements are, after a trailing comma when there is one.
 */
function appendElement(ctx, list, element, outside) {
    const sf = ctx.sourceFile;
    const last = list[list.length - 1];
    if (!last)
        return undefined;
    const ownLines = ctx.text.slice(list.pos, list[0].getStart(sf)).includes("\n");
    const sep = ownLines ? ctx.style.eol + indentAt(ctx.text, last.getStart(sf)) : " ";
    const mark = outside ? { outside } : {};
    if (list.hasTrailingComma) {
        const comma = ctx.text.indexOf(",", last.getEnd());
        if (comma < 0 || ctx.text.slice(last.getEnd(), comma).trim() !== "")
            return undefined;
        return { start: comma + 1, end: comma + 1, text: `${sep}${element},`, ...mark };
    }
    return { start: last.getEnd(), end: last.getEnd(), text: `,${sep}${element}`, ...mark };
}

;// CONCATENATED MODULE: ./src/fix/read-only-token.ts



/** SDK calls whose `token` option is a Redis REST token. */
const REDIS_CLIENT = /^(Redis|createClient|VercelKV)$/;
/** Commands a read-only token may run: nothing here writes. */
const READS = new Set(("get getrange mget strlen exists ttl pttl type keys scan randomkey dbsize echo ping time " +
    "hget hgetall hmget hkeys hvals hlen hexists hstrlen hscan hrandfield " +
    "lrange llen lindex lpos smembers sismember smismember scard srandmember sscan sdiff sinter sunion " +
    "zrange zrangebyscore zrangebylex zrevrange zrevrangebyscore zscore zmscore zcard zcount zlexcount " +
    "zrank zrevrank zscan zrandmember xrange xrevrange xlen geopos geodist geohash geosearch " +
    "bitcount bitpos getbit pfcount").split(" "));
/* harmony default export */ const read_only_token = (defineFixer({
    id: "read-only-token",
    rule: "upstash/write-token-in-frontend",
    checks: ["public-env-credential"],
    summary: "A client read of a standard Redis REST token through a public env name (process.env / import.meta.env) switches to the …_READ_ONLY_TOKEN name; the note says which variable to create.",
    sfc: true,
    propose(ctx) {
        const tsx = ctx.ts;
        const sf = ctx.sourceFile;
        const read = nodeAt(ctx, ctx.start, ctx.end, (n) => tsx.isPropertyAccessExpression(n) || tsx.isElementAccessExpression(n));
        if (!read)
            return undefined;
        const nameNode = tsx.isPropertyAccessExpression(read) ? read.name : read.argumentExpression;
        if (!tsx.isIdentifier(nameNode) && !tsx.isStringLiteralLike(nameNode))
            return undefined;
        const name = nameNode.text;
        if (!/_TOKEN$/.test(name) || (0,env_names/* isReadOnlyName */._m)(name) || !(0,env_names/* clientPrefixOf */.fE)(name))
            return undefined;
        if (!envObject(tsx, read.expression))
            return undefined;
        const cred = (0,env_names/* credentialOfEnvName */.nw)(name);
        if (cred && cred.kind !== "redis-rest-token")
            return undefined;
        const client = clientOf(tsx, read);
        if (!client || !onlyReads(tsx, sf, client))
            return undefined;
        const renamed = name.replace(/TOKEN$/, "READ_ONLY_TOKEN");
        const start = nameNode.getStart(sf) + (tsx.isIdentifier(nameNode) ? 0 : 1);
        return {
            description: `Read the read-only token (${renamed}) in client code instead of the write token ${name}.`,
            note: `Create ${renamed} with the database's read-only REST token (Upstash console, REST API section; on Vercel KV it is KV_REST_API_READ_ONLY_TOKEN) wherever the app is built, and remove ${name}. The write token has shipped to browsers: reset the database password to revoke it.`,
            edits: [{ start, end: start + name.length, text: renamed }],
            scope: { start: read.getStart(sf), end: read.getEnd() },
        };
    },
}));
/** `process.env`, `import.meta.env` (through casts and parentheses). */
function envObject(tsx, e) {
    while (tsx.isParenthesizedExpression(e) || tsx.isAsExpression(e) || tsx.isNonNullExpression(e))
        e = e.expression;
    if (!tsx.isPropertyAccessExpression(e) || e.name.text !== "env")
        return false;
    let owner = e.expression;
    while (tsx.isParenthesizedExpression(owner) || tsx.isAsExpression(owner))
        owner = owner.expression;
    return ((tsx.isIdentifier(owner) && owner.text === "process") ||
        (tsx.isMetaProperty(owner) && owner.keywordToken === tsx.SyntaxKind.ImportKeyword));
}
/**
 * The constant that holds the Redis client built with `read` as its token (`const redis = new
 * Redis({ token: <read> })`), when the module does not export it.
 */
function clientOf(tsx, read) {
    let n = read;
    while (tsx.isNonNullExpression(n.parent) || tsx.isAsExpression(n.parent) || tsx.isParenthesizedExpression(n.parent))
        n = n.parent;
    const prop = n.parent;
    if (!prop || !tsx.isPropertyAssignment(prop) || !tsx.isIdentifier(prop.name) || prop.name.text !== "token")
        return undefined;
    const call = prop.parent?.parent;
    if (!call || !(tsx.isNewExpression(call) || tsx.isCallExpression(call)) || call.arguments?.[0] !== prop.parent)
        return undefined;
    const callee = call.expression;
    const name = tsx.isIdentifier(callee)
        ? callee.text
        : tsx.isPropertyAccessExpression(callee)
            ? callee.name.text
            : undefined;
    if (!name || !REDIS_CLIENT.test(name))
        return undefined;
    const decl = call.parent;
    if (!tsx.isVariableDeclaration(decl) || decl.initializer !== call || !tsx.isIdentifier(decl.name))
        return undefined;
    const statement = decl.parent.parent;
    if (!tsx.isVariableStatement(statement) || !(decl.parent.flags & tsx.NodeFlags.Const))
        return undefined;
    if (tsx.getCombinedModifierFlags(decl) & tsx.ModifierFlags.Export)
        return undefined;
    return decl.name;
}
/** Every other mention of the client in the module is `client.<read command>(…)`. */
function onlyReads(tsx, sf, client) {
    for (const id of identifiersNamed(tsx, sf, client.text)) {
        if (id === client)
            continue;
        const access = id.parent;
        if (!tsx.isPropertyAccessExpression(access) || access.expression !== id || !READS.has(access.name.text))
            return false;
        const call = access.parent;
        if (!tsx.isCallExpression(call) || call.expression !== access)
            return false;
    }
    return true;
}

;// CONCATENATED MODULE: ./src/fix/set-ttl.ts


/** Option names @upstash/redis reads on `set`. */
const UPSTASH_OPTIONS = new Set(["ex", "px", "exat", "pxat", "keepTtl", "nx", "xx", "get"]);
const UPSTASH_TTL = new Set(["ex", "px", "exat", "pxat", "keepTtl"]);
/** node-redis v4 option names (upper case) and their @upstash/redis spelling. */
const NODE_REDIS = {
    EX: "ex",
    PX: "px",
    EXAT: "exat",
    PXAT: "pxat",
    KEEPTTL: "keepTtl",
    NX: "nx",
    XX: "xx",
    GET: "get",
};
/** ioredis positional words: those followed by a value, and flags. */
const POSITIONAL_VALUE = { EX: "ex", PX: "px", EXAT: "exat", PXAT: "pxat" };
const POSITIONAL_FLAG = { NX: "nx", XX: "xx", GET: "get", KEEPTTL: "keepTtl" };
/* harmony default export */ const set_ttl = (defineFixer({
    id: "set-ttl",
    rule: "upstash/sensitive-data-without-ttl",
    checks: ["write-without-ttl", "ttl-option-ignored"],
    summary: "set(key, value) gets { ex: fix.defaultTtlSeconds }; ioredis/node-redis expiry spellings on set become { ex | px | exat | pxat }.",
    propose(ctx) {
        const call = setCallAt(ctx);
        if (!call)
            return undefined;
        const scope = { start: call.getStart(ctx.sourceFile), end: call.getEnd() };
        if (ctx.finding.check === "write-without-ttl")
            return addTtl(ctx, call, scope);
        return respell(ctx, call, scope);
    },
}));
/** `<client>.set(…)` whose method name starts where the finding does (detectors point at `set`). */
function setCallAt(ctx) {
    const tsx = ctx.ts;
    const name = nodeAt(ctx, ctx.start, ctx.end, tsx.isIdentifier);
    const access = name?.parent;
    if (!name || name.text !== "set" || !access || !tsx.isPropertyAccessExpression(access) || access.name !== name)
        return undefined;
    const call = access.parent;
    if (!call || !tsx.isCallExpression(call) || call.expression !== access)
        return undefined;
    // redis.json.set(key, path, value) takes no expiry option.
    const recv = access.expression;
    if (tsx.isPropertyAccessExpression(recv) && recv.name.text === "json")
        return undefined;
    return call;
}
function addTtl(ctx, call, scope) {
    const tsx = ctx.ts;
    const seconds = ctx.settings.defaultTtlSeconds;
    const args = call.arguments;
    const description = `Expire the key after ${seconds} s ({ ex: ${seconds} }, fix.defaultTtlSeconds): choose the lifetime of what is stored.`;
    if (args.length === 2) {
        const edit = appendElement(ctx, args, `{ ex: ${seconds} }`);
        return edit && { description, edits: [edit], scope };
    }
    if (args.length !== 3)
        return undefined;
    const opts = args[2];
    if (!tsx.isObjectLiteralExpression(opts))
        return undefined;
    const names = [];
    for (const p of opts.properties) {
        const n = propertyName(tsx, p);
        if (n === undefined)
            return undefined;
        names.push(n);
    }
    // Only Upstash's own options: a foreign spelling is the other check's business.
    if (!names.every((n) => UPSTASH_OPTIONS.has(n)) || names.some((n) => UPSTASH_TTL.has(n)))
        return undefined;
    if (opts.properties.length === 0)
        return {
            description,
            edits: [{ start: opts.getStart(ctx.sourceFile), end: opts.getEnd(), text: `{ ex: ${seconds} }` }],
            scope,
        };
    const edit = appendElement(ctx, opts.properties, `ex: ${seconds}`);
    return edit && { description, edits: [edit], scope };
}
/** `"EX", 60` arguments or a node-redis options object → the @upstash/redis options object. */
function respell(ctx, call, scope) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const args = call.arguments;
    if (args.length < 3)
        return undefined;
    const first = args[2];
    if (tsx.isStringLiteralLike(first)) {
        // ioredis: set(key, value, "EX", 60, "NX") in any order of words.
        const parts = [];
        let ttl = false;
        for (let i = 2; i < args.length; i++) {
            const a = args[i];
            if (!tsx.isStringLiteralLike(a))
                return undefined;
            const word = a.text.toUpperCase();
            if (POSITIONAL_VALUE[word]) {
                const value = args[++i];
                if (!value || tsx.isSpreadElement(value) || ttl)
                    return undefined;
                parts.push(`${POSITIONAL_VALUE[word]}: ${value.getText(sf)}`);
                ttl = true;
            }
            else if (POSITIONAL_FLAG[word]) {
                if (word === "KEEPTTL") {
                    if (ttl)
                        return undefined;
                    ttl = true;
                }
                parts.push(`${POSITIONAL_FLAG[word]}: true`);
            }
            else
                return undefined;
        }
        if (!ttl || parts.join().includes("\n"))
            return undefined;
        const last = args[args.length - 1];
        const text = `{ ${parts.join(", ")} }`;
        return {
            description: `Pass the expiry as the options object @upstash/redis reads: ${text}.`,
            edits: [{ start: first.getStart(sf), end: last.getEnd(), text }],
            scope,
        };
    }
    if (args.length !== 3 || !tsx.isObjectLiteralExpression(first))
        return undefined;
    const edits = [];
    let ttl = false;
    for (const p of first.properties) {
        const name = propertyName(tsx, p);
        if (name === undefined)
            return undefined;
        if (UPSTASH_OPTIONS.has(name)) {
            if (UPSTASH_TTL.has(name))
                return undefined; // a correct expiry: nothing of this fixer's
            continue;
        }
        if (NODE_REDIS[name]) {
            const right = NODE_REDIS[name];
            if (UPSTASH_TTL.has(right))
                ttl = true;
            if (tsx.isShorthandPropertyAssignment(p))
                edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${right}: ${name}` });
            else
                edits.push({ start: p.name.getStart(sf), end: p.name.getEnd(), text: right });
            continue;
        }
        // node-redis v5: { expiration: { type: "EX", value: 60 }, condition: "NX" }.
        if (name === "expiration" && tsx.isPropertyAssignment(p) && tsx.isObjectLiteralExpression(p.initializer)) {
            const inner = new Map();
            for (const q of p.initializer.properties) {
                if (!tsx.isPropertyAssignment(q))
                    return undefined;
                const n = propertyName(tsx, q);
                if (n === undefined)
                    return undefined;
                inner.set(n, q.initializer);
            }
            const type = inner.get("type");
            const value = inner.get("value");
            const right = type && tsx.isStringLiteralLike(type) ? POSITIONAL_VALUE[type.text] : undefined;
            if (!right || !value || inner.size !== 2)
                return undefined;
            edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${right}: ${value.getText(sf)}` });
            ttl = true;
            continue;
        }
        if (name === "condition" && tsx.isPropertyAssignment(p) && tsx.isStringLiteralLike(p.initializer)) {
            const flag = { NX: "nx", XX: "xx" }[p.initializer.text];
            if (!flag)
                return undefined;
            edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${flag}: true` });
            continue;
        }
        return undefined;
    }
    if (!ttl)
        return undefined;
    return {
        description: "Spell the expiry the way @upstash/redis reads it (lower case: ex, px, exat, pxat, keepTtl).",
        edits,
        scope,
    };
}

;// CONCATENATED MODULE: ./src/fix/await-verify.ts
/**
 * Rule 3: `receiver.verify(…)` (or a helper that verifies asynchronously) called without `await`
 * gets one, in parentheses where it is an operand (`if (!(await receiver.verify(…)))`). verify
 * resolves true or throws, so the awaited call rejects a forged message by throwing. Only inside an
 * async function: making a function async would change what it returns to its callers. A
 * `verifySignature*` helper called on the request is misused, not un-awaited: no edit.
 */


/* harmony default export */ const await_verify = (defineFixer({
    id: "await-verify",
    rule: "upstash/qstash-webhook-spoofing",
    checks: ["verify-not-awaited"],
    summary: "An un-awaited receiver.verify(…) (or verifying helper) inside an async function gets `await`.",
    propose(ctx) {
        const tsx = ctx.ts;
        const sf = ctx.sourceFile;
        const call = nodeAt(ctx, ctx.start, ctx.end, tsx.isCallExpression);
        if (!call)
            return undefined;
        const callee = call.expression;
        const name = tsx.isPropertyAccessExpression(callee)
            ? callee.name.text
            : tsx.isIdentifier(callee)
                ? callee.text
                : undefined;
        if (!name || /^verifySignature/.test(name))
            return undefined;
        const parent = call.parent;
        // Already awaited, returned or chained: nothing is dropped (or the detector saw another problem).
        if (tsx.isAwaitExpression(parent) ||
            tsx.isReturnStatement(parent) ||
            (tsx.isPropertyAccessExpression(parent) && parent.expression === call) ||
            tsx.isArrowFunction(parent))
            return undefined;
        const fn = enclosingFunction(tsx, call);
        if (!fn || !isAsync(tsx, fn))
            return undefined;
        const start = call.getStart(sf);
        const bare = tsx.isExpressionStatement(parent) ||
            tsx.isVariableDeclaration(parent) ||
            tsx.isParenthesizedExpression(parent) ||
            (tsx.isBinaryExpression(parent) && parent.operatorToken.kind === tsx.SyntaxKind.EqualsToken);
        return {
            description: `Await ${name}(…): it throws on a forged message, which only an awaited call turns into a rejected request.`,
            edits: bare
                ? [{ start, end: start, text: "await " }]
                : [
                    { start, end: start, text: "(await " },
                    { start: call.getEnd(), end: call.getEnd(), text: ")" },
                ],
            scope: { start: fn.getStart(sf), end: fn.getEnd() },
        };
    },
}));

;// CONCATENATED MODULE: ./src/fix/wrap-verify.ts



const FRAMEWORKS = [
    {
        kind: "next-app",
        path: /(^|\/)app\/(.+\/)?route\.(ts|tsx|js|jsx|mjs|mts)$/,
        module: "@upstash/qstash/nextjs",
        helper: "verifySignatureAppRouter",
    },
    {
        kind: "pages",
        path: /(^|\/)pages\/api\/(.+\/)?[^/_][^/]*\.(ts|tsx|js|jsx|mjs|mts)$/,
        module: "@upstash/qstash/nextjs",
        helper: "verifySignature",
    },
    {
        kind: "sveltekit",
        path: /(^|\/)src\/routes\/(.+\/)?\+server\.(ts|js)$/,
        module: "@upstash/qstash/svelte",
        helper: "verifySignatureSvelte",
    },
    {
        kind: "nuxt",
        path: /(^|\/)server\/(api|routes)\/.+\.(ts|js|mjs|mts)$/,
        module: "@upstash/qstash/nuxt",
        helper: "verifySignatureNuxt",
    },
];
const KEYS = ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"];
/** Anything that verifies (or may): its presence makes "nothing verifies" uncertain. */
const VERIFIES = /verif|receiver|signature|jwt|serve(Many)?\b|createWorkflow/i;
/* harmony default export */ const wrap_verify = (defineFixer({
    id: "wrap-verify",
    rule: "upstash/qstash-webhook-spoofing",
    checks: ["unverified-handler"],
    summary: "A Next.js (app or pages router), SvelteKit or Nuxt handler that a publisher targets and nothing verifies is wrapped with the framework's verifySignature* helper (pages router: bodyParser: false).",
    propose(ctx) {
        // The publishers that target the handler are the finding's related locations: without one, the
        // route only looks like a queue consumer, and wrapping it could lock out its real callers.
        if (!ctx.finding.related?.length)
            return undefined;
        const fw = FRAMEWORKS.find((f) => f.path.test(ctx.file));
        if (!fw)
            return undefined;
        const name = ctx.text.slice(ctx.start, ctx.end);
        const found = fw.kind === "pages" || fw.kind === "nuxt"
            ? defaultExport(ctx)
            : namedExport(ctx, /^[A-Z]+$/.test(name) ? name : "");
        if (!found || VERIFIES.test(ctx.text.slice(found.statement.getStart(ctx.sourceFile), found.statement.getEnd())))
            return undefined;
        const imports = importEdit(ctx, fw.module, [fw.helper]);
        if (!imports)
            return undefined;
        const wrap = fw.kind === "nuxt" ? nuxtWrap(ctx, found, fw.helper) : wrapHandler(ctx, found, fw.kind, fw.helper);
        if (!wrap)
            return undefined;
        const edits = [...imports, ...wrap];
        if (fw.kind === "sveltekit") {
            const keys = importEdit(ctx, "$env/static/private", KEYS);
            if (!keys)
                return undefined;
            edits.unshift(...keys);
        }
        if (fw.kind === "pages") {
            const config = bodyParserOff(ctx, found.statement);
            if (!config)
                return undefined;
            edits.push(...config);
        }
        const where = fw.kind === "sveltekit"
            ? "Set both keys at build time ($env/static/private)."
            : "It throws at start-up when neither is set; set both where this route runs.";
        return {
            description: `Wrap the handler with ${fw.helper} from ${fw.module}: it refuses requests whose Upstash-Signature does not match the raw body${fw.kind === "pages" ? ", and needs Next.js's body parser off" : ""}.`,
            note: `${fw.helper} verifies with QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY. ${where}`,
            edits,
            scope: { start: found.statement.getStart(ctx.sourceFile), end: found.statement.getEnd() },
        };
    },
}));
function namedExport(ctx, name) {
    const tsx = ctx.ts;
    if (!name)
        return undefined;
    for (const st of ctx.sourceFile.statements) {
        const exported = tsx.getCombinedModifierFlags(st) & tsx.ModifierFlags.Export;
        if (!exported)
            continue;
        if (tsx.isFunctionDeclaration(st) && st.name?.text === name)
            return { statement: st, declaration: st };
        if (tsx.isVariableStatement(st)) {
            const decls = st.declarationList.declarations;
            const d = decls.find((x) => tsx.isIdentifier(x.name) && x.name.text === name);
            if (!d)
                continue;
            if (decls.length !== 1 || !d.initializer || !(st.declarationList.flags & tsx.NodeFlags.Const))
                return undefined;
            return { statement: st, expression: d.initializer };
        }
    }
    return undefined;
}
function defaultExport(ctx) {
    const tsx = ctx.ts;
    for (const st of ctx.sourceFile.statements) {
        if (tsx.isFunctionDeclaration(st)) {
            const flags = tsx.getCombinedModifierFlags(st);
            if (flags & tsx.ModifierFlags.Export && flags & tsx.ModifierFlags.Default)
                return { statement: st, declaration: st };
        }
        if (tsx.isExportAssignment(st) && !st.isExportEquals)
            return { statement: st, expression: st.expression };
    }
    return undefined;
}
function isFunctionExpression(tsx, e) {
    return tsx.isArrowFunction(e) || tsx.isFunctionExpression(e);
}
/** The edits that put `helper(…)` around the handler (app router, pages router, SvelteKit). */
function wrapHandler(ctx, found, kind, helper) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const style = ctx.style;
    const extra = kind === "sveltekit" ? `, { currentSigningKey: ${KEYS[0]}, nextSigningKey: ${KEYS[1]} }` : "";
    const fn = found.declaration;
    if (fn) {
        if (!fn.body || fn.asteriskToken || fn.typeParameters || usesOwnThis(tsx, fn))
            return undefined;
        const start = fn.getStart(sf);
        const open = fn.parameters.pos - 1;
        const async = isAsync(tsx, fn) ? "async " : "";
        const name = fn.name?.text;
        if (kind === "pages") {
            // The token after `default`: `async` or `function`.
            const def = fn.modifiers?.find((m) => m.kind === tsx.SyntaxKind.DefaultKeyword);
            const next = def &&
                (fn.modifiers[fn.modifiers.indexOf(def) + 1] ??
                    fn.getChildren(sf).find((c) => c.kind === tsx.SyntaxKind.FunctionKeyword));
            if (!next)
                return undefined;
            const after = next.getStart(sf);
            // Named: keep the declaration (the module may use its name), drop `export default ` and export
            // the wrapped function after it. Anonymous: wrap the function where it is.
            if (name)
                return [
                    { start, end: after, text: "" },
                    {
                        start: fn.getEnd(),
                        end: fn.getEnd(),
                        text: `${style.eol}${style.eol}export default ${helper}(${name})${semi(style)}`,
                    },
                ];
            return [
                { start: after, end: after, text: `${helper}(` },
                { start: fn.getEnd(), end: fn.getEnd(), text: `)${semi(style)}` },
            ];
        }
        // Named exports become constants: only when nothing else in the module refers to the name (a
        // constant is not hoisted, and callers would now get the wrapped handler).
        if (!name || identifiersNamed(tsx, sf, name).length !== 1)
            return undefined;
        return [
            { start, end: open, text: `export const ${name} = ${helper}(${async}` },
            { start: fn.body.getStart(sf), end: fn.body.getStart(sf), text: "=> " },
            { start: fn.getEnd(), end: fn.getEnd(), text: `${extra})${semi(style)}` },
        ];
    }
    const e = found.expression;
    if (!isFunctionExpression(tsx, e) && !tsx.isIdentifier(e))
        return undefined;
    if (tsx.isFunctionExpression(e) && e.asteriskToken)
        return undefined;
    return [
        { start: e.getStart(sf), end: e.getStart(sf), text: `${helper}(` },
        { start: e.getEnd(), end: e.getEnd(), text: `${extra})` },
    ];
}
/** `export default defineEventHandler(async (event) => {…})` → the async function inside verifySignatureNuxt(…). */
function nuxtWrap(ctx, found, helper) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const call = found.expression;
    if (!call || !tsx.isCallExpression(call) || call.arguments.length !== 1)
        return undefined;
    if (!tsx.isIdentifier(call.expression) || !/^(define)?[eE]ventHandler$/.test(call.expression.text))
        return undefined;
    const fn = call.arguments[0];
    // verifySignatureNuxt takes (event) => Promise<unknown>: only async handlers fit as they are.
    if (!isFunctionExpression(tsx, fn) || !isAsync(tsx, fn) || usesOwnThis(tsx, fn))
        return undefined;
    return [
        { start: fn.getStart(sf), end: fn.getStart(sf), text: `${helper}(` },
        { start: fn.getEnd(), end: fn.getEnd(), text: ")" },
    ];
}
/**
 * Next.js pages router: `export const config = { api: { bodyParser: false } }`, added or merged into
 * the file's config. A config that turns the parser on, or is not a plain object, gets no edit: the
 * handler may need what it parses.
 */
function bodyParserOff(ctx, handler) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const style = ctx.style;
    for (const st of sf.statements) {
        if (!tsx.isVariableStatement(st))
            continue;
        const d = st.declarationList.declarations.find((x) => tsx.isIdentifier(x.name) && x.name.text === "config");
        if (!d)
            continue;
        let init = d.initializer;
        while (init && (tsx.isSatisfiesExpression(init) || tsx.isAsExpression(init)))
            init = init.expression;
        if (!init || !tsx.isObjectLiteralExpression(init))
            return undefined;
        const api = init.properties.find((p) => propertyName(tsx, p) === "api");
        if (!api)
            return property(ctx, init, "api: { bodyParser: false }");
        if (!tsx.isPropertyAssignment(api) || !tsx.isObjectLiteralExpression(api.initializer))
            return undefined;
        const parser = api.initializer.properties.find((p) => propertyName(tsx, p) === "bodyParser");
        if (!parser)
            return property(ctx, api.initializer, "bodyParser: false");
        if (tsx.isPropertyAssignment(parser) && parser.initializer.kind === tsx.SyntaxKind.FalseKeyword)
            return [];
        return undefined;
    }
    const at = handler.getEnd();
    return [
        {
            start: at,
            end: at,
            text: `${style.eol}${style.eol}export const config = { api: { bodyParser: false } }${semi(style)}`,
            outside: "config",
        },
    ];
}
function property(ctx, obj, prop) {
    if (obj.properties.length === 0)
        return [{ start: obj.getStart(ctx.sourceFile), end: obj.getEnd(), text: `{ ${prop} }`, outside: "config" }];
    const edit = appendElement(ctx, obj.properties, prop, "config");
    return edit && [edit];
}

;// CONCATENATED MODULE: ./src/fix/enforce-limit.ts



const ROUTE_NAMES = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL|middleware|proxy|default|loader|action)$/;
/** Files whose exported functions take a Request and return a Response. */
const RESPONSE_FILES = /(^|\/)(app\/(.+\/)?route|(src\/)?(middleware|proxy)|src\/routes\/(.+\/)?\+server|src\/pages\/.+|app\/routes\/.+|src\/routes\/.+)\.(ts|tsx|js|jsx|mjs|mts)$/;
const PAGES_API = /(^|\/)pages\/api\/.+\.(ts|tsx|js|jsx|mjs|mts)$/;
const NUXT = /(^|\/)server\/(api|routes|middleware)\/.+\.(ts|js|mjs|mts)$/;
const ROUTER_METHODS = /^(get|post|put|patch|delete|all|use|options|head)$/;
/* harmony default export */ const enforce_limit = (defineFixer({
    id: "enforce-limit",
    rule: "upstash/rate-limit-misconfiguration",
    checks: ["result-not-enforced"],
    summary: "A discarded ratelimit.limit(…) in a route handler becomes `const { success } = await …` followed by a 429 in the framework's response type.",
    propose(ctx) {
        const tsx = ctx.ts;
        const sf = ctx.sourceFile;
        const call = nodeAt(ctx, ctx.start, ctx.end, tsx.isCallExpression);
        if (!call || !tsx.isPropertyAccessExpression(call.expression) || call.expression.name.text !== "limit")
            return undefined;
        const awaited = tsx.isAwaitExpression(call.parent);
        const statement = awaited ? call.parent.parent : call.parent;
        if (!statement || !tsx.isExpressionStatement(statement) || !tsx.isBlock(statement.parent))
            return undefined;
        const fn = enclosingFunction(tsx, call);
        if (!fn || !isAsync(tsx, fn) || !fn.body || identifiersNamed(tsx, fn, "success").length > 0)
            return undefined;
        const refusal = refusalOf(ctx, fn);
        if (!refusal)
            return undefined;
        const start = statement.getStart(sf);
        const guard = guardText(ctx, refusal, indentAt(ctx.text, start));
        const edits = [
            ...(refusal.kind === "nuxt" ? refusal.imports : []),
            { start, end: start, text: `const { success } = ${awaited ? "" : "await "}` },
            { start: statement.getEnd(), end: statement.getEnd(), text: ctx.style.eol + indentAt(ctx.text, start) + guard },
        ];
        return {
            description: "Read success from the limit and refuse the request with 429 Too Many Requests when it is false.",
            edits,
            scope: { start: fn.getStart(sf), end: fn.getEnd() },
        };
    },
}));
/** How this handler refuses a request, or undefined when the function is not a route handler we know. */
function refusalOf(ctx, fn) {
    const tsx = ctx.ts;
    const params = fn.parameters.map((p) => (tsx.isIdentifier(p.name) ? p.name.text : undefined));
    // Router callbacks: app.post("/path", async (req, res) => …), app.get("/x", async (c) => …).
    const parent = fn.parent;
    if (parent &&
        tsx.isCallExpression(parent) &&
        parent.arguments.includes(fn) &&
        tsx.isPropertyAccessExpression(parent.expression) &&
        ROUTER_METHODS.test(parent.expression.name.text)) {
        if (imports(ctx, /^hono($|\/)/) && params.length >= 1 && params[0])
            return { kind: "hono", c: params[0] };
        if (imports(ctx, /^express$/) && params.length >= 2 && params[1])
            return { kind: "res", res: params[1] };
        return undefined;
    }
    const exported = exportedName(ctx, fn);
    if (!exported || !ROUTE_NAMES.test(exported))
        return undefined;
    if (PAGES_API.test(ctx.file) && exported === "default")
        return params[1] ? { kind: "res", res: params[1] } : undefined;
    if (NUXT.test(ctx.file)) {
        // Nuxt imports h3's helpers automatically; a file that imports them itself gets createError too.
        const h3 = explicitImport(ctx, "h3");
        const edits = h3 ? importEdit(ctx, "h3", ["createError"]) : [];
        return edits ? { kind: "nuxt", imports: edits } : undefined;
    }
    // A default export elsewhere is a page component (Remix, Astro), not a request handler.
    if (exported === "default" && !/(^|\/)(src\/)?(middleware|proxy)\.\w+$/.test(ctx.file))
        return undefined;
    if (RESPONSE_FILES.test(ctx.file) || exported === "fetch") {
        const next = Boolean(explicitImport(ctx, "next/server", "NextResponse"));
        const declared = fn.type?.getText(ctx.sourceFile) ?? "";
        if (/NextResponse/.test(declared) && !next)
            return undefined;
        return { kind: "response", next };
    }
    return undefined;
}
/**
 * The name a module exports `fn` under: `export async function POST`, `export const GET = async …`,
 * `export default async function`, or the `fetch` of a Worker's `export default { fetch }`.
 */
function exportedName(ctx, fn) {
    const tsx = ctx.ts;
    const flags = (n) => tsx.getCombinedModifierFlags(n);
    if (tsx.isFunctionDeclaration(fn) && fn.parent === ctx.sourceFile && flags(fn) & tsx.ModifierFlags.Export)
        return flags(fn) & tsx.ModifierFlags.Default ? "default" : fn.name?.text;
    const p = fn.parent;
    if (tsx.isVariableDeclaration(p) && p.initializer === fn && tsx.isIdentifier(p.name)) {
        const st = p.parent.parent;
        if (tsx.isVariableStatement(st) && st.parent === ctx.sourceFile && flags(st) & tsx.ModifierFlags.Export)
            return p.name.text;
    }
    if (tsx.isExportAssignment(p) && !p.isExportEquals)
        return "default";
    // Nuxt/h3: export default defineEventHandler(async (event) => { … })
    if (tsx.isCallExpression(p) &&
        tsx.isIdentifier(p.expression) &&
        /^(define)?[eE]ventHandler$/.test(p.expression.text) &&
        tsx.isExportAssignment(p.parent))
        return "default";
    // export default { async fetch(request, env, ctx) { … } }
    const method = tsx.isMethodDeclaration(fn) ? fn : tsx.isPropertyAssignment(p) ? p : undefined;
    const obj = method?.parent;
    if (method &&
        method.name &&
        tsx.isIdentifier(method.name) &&
        method.name.text === "fetch" &&
        obj &&
        tsx.isObjectLiteralExpression(obj) &&
        tsx.isExportAssignment(obj.parent))
        return "fetch";
    return undefined;
}
function imports(ctx, module) {
    const tsx = ctx.ts;
    return ctx.sourceFile.statements.some((st) => tsx.isImportDeclaration(st) && tsx.isStringLiteral(st.moduleSpecifier) && module.test(st.moduleSpecifier.text));
}
/** The import of `module` (naming `name`, when given) if the file has one. */
function explicitImport(ctx, module, name) {
    const tsx = ctx.ts;
    for (const st of ctx.sourceFile.statements) {
        if (!tsx.isImportDeclaration(st) || !tsx.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module)
            continue;
        if (!name)
            return st;
        const named = st.importClause?.namedBindings;
        if (named && tsx.isNamedImports(named) && named.elements.some((e) => e.name.text === name && !e.propertyName))
            return st;
    }
    return undefined;
}
function guardText(ctx, r, indent) {
    const s = ctx.style;
    const msg = quoted(s, "Too many requests");
    switch (r.kind) {
        case "response":
            return `if (!success) return new ${r.next ? "NextResponse" : "Response"}(${msg}, { status: 429 })${semi(s)}`;
        case "hono":
            return `if (!success) return ${r.c}.text(${msg}, 429)${semi(s)}`;
        case "nuxt":
            return `if (!success) throw createError({ statusCode: 429, statusMessage: ${quoted(s, "Too Many Requests")} })${semi(s)}`;
        case "res":
            // A bare return: Express 5's types and handlers declared `Promise<void>` refuse a returned response.
            return [
                "if (!success) {",
                `${indent}${s.indent}${r.res}.status(429).end(${msg})${semi(s)}`,
                `${indent}${s.indent}return${semi(s)}`,
                `${indent}}`,
            ].join(s.eol);
    }
}

;// CONCATENATED MODULE: ./src/fix/index.ts





const FIXERS = [read_only_token, set_ttl, await_verify, wrap_verify, enforce_limit];
/** The fixer for a finding's rule and check, if there is one. */
function fixerFor(finding) {
    return FIXERS.find((f) => f.rule === finding.rule && f.checks.includes(finding.check));
}

;// CONCATENATED MODULE: ./src/fix/plan.ts
/**
 * From a scan's findings to the edits that fix them. Each file with a fixable finding is read again
 * (inside the source root, no symlinks, within the parse budget, UTF-8 only) and parsed afresh; each
 * finding's fixer proposes an edit from the finding's location alone; the plan keeps a proposal only
 * when its edits stay in the finding's function (imports and framework config excepted), do not
 * collide with another fix's, carry nothing credential-shaped, and leave a file that parses as well
 * as it did before. Pure apart from reading: `writeFixes` writes.
 */








const DEFAULT_SETTINGS = { defaultTtlSeconds: 86_400 };
const SFC = /\.(vue|svelte|astro)$/;
const SCRIPT = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;
function emptyPlan() {
    return { files: [], byFinding: new Map(), unfixed: [] };
}
async function planFixes(input) {
    const plan = emptyPlan();
    const byFile = new Map();
    for (const f of input.findings) {
        if (f.suppressed || !fixerFor(f))
            continue;
        const list = byFile.get(f.location.file) ?? [];
        list.push(f);
        byFile.set(f.location.file, list);
    }
    if (byFile.size === 0)
        return plan;
    const tsx = await (0,parse/* loadTypeScript */.EQ)();
    let root;
    try {
        root = external_node_fs_.realpathSync(input.srcRoot);
    }
    catch {
        return plan;
    }
    for (const [file, findings] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        const read = readForFix(root, file, input.config?.budgets?.maxParseBytes ?? 1024 * 1024);
        if (typeof read === "string") {
            for (const finding of findings)
                plan.unfixed.push({ finding, reason: read });
            continue;
        }
        const filePlan = planFile(tsx, file, read, findings, input, plan.unfixed);
        if (!filePlan)
            continue;
        plan.files.push(filePlan);
        for (const fix of filePlan.fixes)
            plan.byFinding.set(fix.finding, { fix, file: filePlan });
    }
    return plan;
}
/** The file's text, or why it is not edited. The scanned tree is hostile: nothing outside it, no links. */
function readForFix(root, file, maxBytes) {
    if (!SCRIPT.test(file) && !SFC.test(file))
        return "not a script";
    const abs = external_node_path_.join(root, ...file.split("/"));
    const rel = external_node_path_.relative(root, abs);
    if (rel.startsWith("..") || external_node_path_.isAbsolute(rel))
        return "outside the scanned root";
    let buf;
    try {
        const st = external_node_fs_.lstatSync(abs);
        if (!st.isFile())
            return "not a regular file (a symbolic link is never written through)";
        if (st.size > maxBytes)
            return "over the parse size limit";
        const real = external_node_fs_.realpathSync(abs);
        const relReal = external_node_path_.relative(root, real);
        if (relReal.startsWith("..") || external_node_path_.isAbsolute(relReal))
            return "outside the scanned root";
        buf = external_node_fs_.readFileSync(abs);
    }
    catch (err) {
        return `could not be read (${err.code ?? "error"})`;
    }
    if (!(0,external_node_buffer_.isUtf8)(buf) || buf.includes(0))
        return "not UTF-8 text";
    let text = buf.toString("utf8");
    const bom = text.charCodeAt(0) === 0xfeff;
    if (bom)
        text = text.slice(1);
    return { abs, text, bom };
}
function plan_parse(file, text) {
    if (SFC.test(file)) {
        const masked = (0,sfc/* maskSfc */.J)(file, text);
        return (0,parse/* parseSource */.PJ)(file, masked.text, "sfc", masked);
    }
    return (0,parse/* parseSource */.PJ)(file, text, "script");
}
/** Syntax errors of a parsed file (TypeScript keeps them on the source file). */
function syntaxErrors(sf) {
    return sf.parseDiagnostics?.length ?? 0;
}
function planFile(tsx, file, read, findings, input, unfixed) {
    const { text } = read;
    let sf;
    try {
        sf = plan_parse(file, text);
    }
    catch {
        for (const finding of findings)
            unfixed.push({ finding, reason: "could not be parsed" });
        return undefined;
    }
    const baseline = syntaxErrors(sf);
    const style = detectStyle(tsx, sf, text);
    const lines = new engine_text/* LineIndex */.r(text);
    const settings = input.config?.fix ?? DEFAULT_SETTINGS;
    const accepted = [];
    let merged = [];
    const order = [...findings].sort((a, b) => a.location.range.startLine - b.location.range.startLine ||
        a.location.range.startColumn - b.location.range.startColumn);
    for (const finding of order) {
        const fixer = fixerFor(finding);
        const refuse = (reason) => unfixed.push({ finding, reason });
        if (SFC.test(file) && !fixer.sfc) {
            refuse("no fix in single-file components");
            continue;
        }
        const r = finding.location.range;
        const start = lines.lineStart(r.startLine) + r.startColumn - 1;
        const end = lines.lineStart(r.endLine) + r.endColumn - 1;
        if (!(start >= 0 && start <= end && end <= text.length)) {
            refuse("the finding's location is not in the file as it is now");
            continue;
        }
        let proposal;
        try {
            proposal = fixer.propose({ finding, file, text, ts: tsx, sourceFile: sf, start, end, style, settings });
        }
        catch {
            proposal = undefined;
        }
        if (!proposal) {
            refuse("no unambiguous fix");
            continue;
        }
        const edits = normalise(proposal.edits, text.length);
        if (!edits) {
            refuse("the fixer's edits overlap");
            continue;
        }
        const { scope } = proposal;
        if (edits.some((e) => !e.outside && (e.start < scope.start || e.end > scope.end))) {
            refuse("the fix would touch code outside the finding's function");
            continue;
        }
        if (input.secrets && edits.some((e) => input.secrets.scrub(e.text) !== e.text)) {
            refuse("the fix would write a credential");
            continue;
        }
        const next = combine(merged, edits);
        if (!next) {
            refuse("collides with another fix in the same place: run the fix again after applying the others");
            continue;
        }
        let fixed;
        try {
            fixed = plan_parse(file, applyEdits(text, next));
        }
        catch {
            refuse("the fixed file could not be parsed");
            continue;
        }
        if (syntaxErrors(fixed) > baseline) {
            refuse("the fixed file would not parse");
            continue;
        }
        merged = next;
        accepted.push({
            finding,
            fixer: fixer.id,
            description: proposal.description,
            ...(proposal.note ? { note: proposal.note } : {}),
            edits,
        });
    }
    if (accepted.length === 0)
        return undefined;
    return {
        file,
        abs: read.abs,
        before: text,
        after: applyEdits(text, merged),
        edits: merged,
        bom: read.bom,
        fixes: accepted,
    };
}
/** A fixer's edits sorted by position, identical ones once; undefined when two overlap or are out of range. */
function normalise(edits, length) {
    const out = [];
    for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
        if (e.start < 0 || e.end < e.start || e.end > length)
            return undefined;
        const prev = out[out.length - 1];
        if (prev && prev.start === e.start && prev.end === e.end && prev.text === e.text)
            continue;
        // Insertions at one point keep the fixer's order (the sort is stable).
        if (prev && e.start < prev.end)
            return undefined;
        out.push(e);
    }
    return out;
}
/**
 * `more` added to the file's accepted edits: an edit already there (the same import for two
 * handlers) is shared; anything else that overlaps or inserts at the same point is a collision.
 */
function combine(accepted, more) {
    const out = [...accepted];
    for (const e of more) {
        if (accepted.some((a) => a.start === e.start && a.end === e.end && a.text === e.text))
            continue;
        const clash = accepted.some((a) => (e.start < a.end && a.start < e.end) ||
            (e.start === e.end && a.start === a.end && e.start === a.start) ||
            (e.start === e.end && e.start > a.start && e.start < a.end) ||
            (a.start === a.end && a.start > e.start && a.start < e.end));
        if (clash)
            return undefined;
        out.push(e);
    }
    return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
/** `text` with non-overlapping edits applied (offsets of the original text). */
function applyEdits(text, edits) {
    let out = "";
    let cursor = 0;
    for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
        out += text.slice(cursor, e.start) + e.text;
        cursor = e.end;
    }
    return out + text.slice(cursor);
}
/** Write every planned file whose content is still what the plan read. */
function writeFixes(plan) {
    const report = { written: [], changed: [] };
    for (const f of plan.files) {
        if (f.after === f.before)
            continue;
        const expected = (f.bom ? "\ufeff" : "") + f.before;
        let now;
        try {
            now = external_node_fs_.readFileSync(f.abs, "utf8");
        }
        catch {
            report.changed.push(f.file);
            continue;
        }
        if (now !== expected) {
            report.changed.push(f.file);
            continue;
        }
        external_node_fs_.writeFileSync(f.abs, (f.bom ? "\ufeff" : "") + f.after);
        report.written.push(f.file);
    }
    return report;
}


/***/ }),

/***/ 5902:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ sarifFixes)
/* harmony export */ });
/* harmony import */ var _engine_text__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1655);
/* harmony import */ var _sarif_build__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(765);


/** The `fixes` of each fixed finding by `fixKey`, for `buildSarif`. */
function sarifFixes(plan) {
    const out = new Map();
    const indexes = new Map();
    for (const [finding, { fix, file }] of plan.byFinding) {
        let lines = indexes.get(file.file);
        if (!lines)
            indexes.set(file.file, (lines = new _engine_text__WEBPACK_IMPORTED_MODULE_1__/* .LineIndex */ .r(file.before)));
        const index = lines;
        const r = finding.location.range;
        const key = (0,_sarif_build__WEBPACK_IMPORTED_MODULE_0__/* .fixKey */ .hf)({ ...finding, file: finding.location.file, startLine: r.startLine, startColumn: r.startColumn });
        out.set(key, [
            {
                description: { text: fix.note ? `${fix.description} ${fix.note}` : fix.description },
                artifactChanges: [
                    {
                        artifactLocation: { uri: (0,_sarif_build__WEBPACK_IMPORTED_MODULE_0__/* .fileUri */ .bO)(file.file), uriBaseId: _sarif_build__WEBPACK_IMPORTED_MODULE_0__/* .SRCROOT */ .HB },
                        replacements: fix.edits.map((e) => {
                            // An empty region (start = end) is an insertion point.
                            const r = index.range(e.start, e.end);
                            return {
                                deletedRegion: {
                                    startLine: r.startLine,
                                    startColumn: r.startColumn,
                                    endLine: r.endLine,
                                    endColumn: r.endColumn,
                                },
                                insertedContent: { text: e.text },
                            };
                        }),
                    },
                ],
            },
        ]);
    }
    return out;
}


/***/ }),

/***/ 1994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gt: () => (/* binding */ countFindings),
/* harmony export */   Qm: () => (/* binding */ FAIL_ON_VALUES),
/* harmony export */   dh: () => (/* binding */ gatingFindings)
/* harmony export */ });
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(131);
/* harmony import */ var _engine_types__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3171);
/** Counting findings per severity and deciding whether they fail the run (CLI and Action alike). */


const FAIL_ON_VALUES = [..._engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o, "none"];
function countFindings(findings) {
    const counts = { critical: 0, high: 0, medium: 0, low: 0, total: 0, suppressed: 0 };
    for (const f of findings) {
        if (f.suppressed) {
            counts.suppressed++;
            continue;
        }
        counts[(0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(f)]++;
        counts.total++;
    }
    return counts;
}
/**
 * Findings that fail the run: not suppressed, at or above the threshold and, when `changed` is given
 * (gate-on: new), on a line the change touched.
 */
function gatingFindings(findings, failOn, changed) {
    if (failOn === "none")
        return [];
    const limit = _engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o.indexOf(failOn);
    return findings.filter((f) => !f.suppressed &&
        _engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o.indexOf((0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(f)) <= limit &&
        (!changed || changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine)));
}


/***/ }),

/***/ 7135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   TN: () => (/* binding */ oneLine),
/* harmony export */   aH: () => (/* binding */ shownRoot),
/* harmony export */   cG: () => (/* binding */ toReport),
/* harmony export */   t1: () => (/* binding */ toSuppressionList)
/* harmony export */ });
/* unused harmony exports REPORT_VERSION, REPORT_SCHEMA_URL, toLocation */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(131);
/* harmony import */ var _secrets_redact__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4200);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(311);
/* harmony import */ var _gate__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(1994);
/**
 * The one model every output format is rendered from (text, compact, JSON, JUnit and SARIF): which
 * findings, in which order, with which severity, location and suppression state. The JSON format is
 * this model as it is; its shape is published as src/output/report.schema.json (`version` below).
 *
 * Every path in it is relative to the source root (the repository root, or the scanned root outside
 * git), with `/` separators; every location has the same shape.
 */





/** The JSON format's version: the minor grows with added fields, the major with any other change. */
const REPORT_VERSION = "1.0.0";
const REPORT_SCHEMA_URL = "https://raw.githubusercontent.com/upstash-scan/upstash-scan/main/src/output/report.schema.json";
function toLocation(loc) {
    const r = loc.range;
    return {
        file: loc.file,
        startLine: r.startLine,
        startColumn: r.startColumn,
        endLine: r.endLine,
        endColumn: r.endColumn,
    };
}
/** A root's path as the outputs show it: relative to the source root, "." for the root itself. */
function shownRoot(srcRoot, root) {
    return node_path__WEBPACK_IMPORTED_MODULE_0__.relative(srcRoot, root).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join("/") || ".";
}
function toReport(input) {
    const scrub = (s) => (input.secrets ? input.secrets.scrub(s) : (0,_secrets_redact__WEBPACK_IMPORTED_MODULE_2__/* .scrubShapes */ .CN)(s));
    const suppression = (s) => ({
        kind: s.kind,
        reason: scrub(s.reason),
        ...(s.expires ? { expires: s.expires } : {}),
        ...(s.location ? { location: toLocation(s.location) } : {}),
        ...(s.source ? { source: s.source } : {}),
    });
    return {
        $schema: REPORT_SCHEMA_URL,
        version: REPORT_VERSION,
        tool: { name: _version__WEBPACK_IMPORTED_MODULE_4__/* .TOOL_NAME */ .lH, version: _version__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .xv },
        srcRoot: input.srcRoot,
        scanned: (input.roots ?? [input.srcRoot]).map((r) => shownRoot(input.srcRoot, r)),
        startedAt: input.startedAt.toISOString(),
        finishedAt: input.finishedAt.toISOString(),
        summary: (0,_gate__WEBPACK_IMPORTED_MODULE_3__/* .countFindings */ .Gt)(input.findings),
        findings: input.findings.map((f) => ({
            rule: f.rule,
            check: f.check,
            severity: (0,_rules_index__WEBPACK_IMPORTED_MODULE_1__/* .severityOf */ .xJ)(f),
            confidence: f.confidence,
            ...toLocation(f.location),
            message: scrub(f.message),
            fingerprint: f.fingerprint ?? "",
            ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}),
            ...(f.related?.length
                ? {
                    related: f.related.map((l) => ({
                        ...toLocation(l),
                        ...(l.message !== undefined ? { message: scrub(l.message) } : {}),
                    })),
                }
                : {}),
            ...(f.suppressed ? { suppressed: suppression(f.suppressed) } : {}),
            ...(f.expiredSuppression ? { expiredSuppression: suppression(f.expiredSuppression) } : {}),
            ...(f.verification ? { verification: f.verification } : {}),
        })),
        ...(input.verification ? { verification: input.verification } : {}),
        notifications: input.notifications.map((n) => ({ ...n, message: scrub(n.message) })),
        stats: input.stats,
        internalErrors: input.internalErrors ?? 0,
    };
}
function toSuppressionList(input) {
    const scrub = (s) => (input.secrets ? input.secrets.scrub(s) : (0,_secrets_redact__WEBPACK_IMPORTED_MODULE_2__/* .scrubShapes */ .CN)(s));
    return {
        $schema: REPORT_SCHEMA_URL,
        version: REPORT_VERSION,
        tool: { name: _version__WEBPACK_IMPORTED_MODULE_4__/* .TOOL_NAME */ .lH, version: _version__WEBPACK_IMPORTED_MODULE_4__/* .VERSION */ .xv },
        srcRoot: input.srcRoot,
        suppressions: (input.suppressions ?? []).map((s) => ({
            kind: s.kind,
            rules: s.rules,
            file: s.file,
            ...(s.line !== undefined ? { line: s.line, target: s.target } : {}),
            ...(s.fingerprint !== undefined ? { fingerprint: s.fingerprint } : {}),
            ...(s.source !== undefined ? { source: s.source } : {}),
            reason: scrub(s.reason),
            ...(s.expires ? { expires: s.expires } : {}),
            status: s.status,
            matches: s.matches,
        })),
    };
}
/** "1 file", "2 files". */
function plural(n, word, many = `${word}s`) {
    return `${n} ${n === 1 ? word : many}`;
}
/** One line of text: control characters (a newline in a file name, say) written as escapes. */
function oneLine(s) {
    return s.replace(/[\u0000-\u0008\u000a-\u001f\u007f\u2028\u2029]/g, (c) => c === "\n" ? "\\n" : c === "\r" ? "\\r" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ suppressionTag),
/* harmony export */   v: () => (/* binding */ formatText)
/* harmony export */ });
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(131);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/* harmony import */ var _report__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7135);
/* harmony import */ var _verify_index__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1176);
/**
 * Terminal output: a summary card counting findings per severity (as the guide's header does), then
 * one section per guide risk with its findings, then what the scan read and could not read. Paths are
 * relative to the source root named in the first line, as in every other format.
 */




const ANSI = {
    reset: "\x1b[0m",
    bold: "\x1b[1m",
    dim: "\x1b[2m",
    red: "\x1b[31m",
    magenta: "\x1b[35m",
    yellow: "\x1b[33m",
    cyan: "\x1b[36m",
    green: "\x1b[32m",
};
const SEVERITY_COLOR = { critical: ANSI.magenta, high: ANSI.red, medium: ANSI.yellow, low: ANSI.cyan };
function formatText(result, options) {
    const report = (0,_report__WEBPACK_IMPORTED_MODULE_1__/* .toReport */ .cG)(result);
    const c = (code, s) => (options.color ? code + s + ANSI.reset : s);
    const quiet = options.quiet ?? false;
    const counts = report.summary;
    const out = [];
    if (!quiet) {
        const scanned = report.scanned.length === 1 && report.scanned[0] === "." ? "" : ` · scanned ${report.scanned.join(", ")}`;
        out.push(c(ANSI.bold, `${_version__WEBPACK_IMPORTED_MODULE_3__/* .TOOL_NAME */ .lH} ${_version__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .xv}`) + c(ANSI.dim, ` · ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(report.srcRoot)}${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(scanned)}`));
        out.push("");
        const cells = ["critical", "high", "medium", "low"].map((s) => {
            const label = `${counts[s]} ${s[0].toUpperCase()}${s.slice(1)}`;
            return counts[s] > 0 ? c(ANSI.bold + SEVERITY_COLOR[s], label) : c(ANSI.dim, label);
        });
        const plain = ["critical", "high", "medium", "low"].map((s) => `${counts[s]} ${s}`).join("   ");
        const width = plain.length + 4;
        out.push(`╭${"─".repeat(width)}╮`);
        out.push(`│  ${cells.join("   ")}  │`);
        out.push(`╰${"─".repeat(width)}╯`);
        if (report.verification) {
            const line = (0,_verify_index__WEBPACK_IMPORTED_MODULE_2__/* .verificationLine */ .g)(report.verification);
            out.push(report.verification.live > 0 ? c(ANSI.bold + ANSI.red, line) : line);
        }
        out.push("");
    }
    for (const rule of _rules_index__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0) {
        const all = report.findings.filter((f) => f.rule === rule.id);
        const findings = quiet ? all.filter((f) => !f.suppressed) : all;
        const open = all.filter((f) => !f.suppressed);
        const head = `#${rule.number} ${rule.title}`;
        if (findings.length === 0) {
            if (!quiet)
                out.push(c(ANSI.green, "✓ ") + head + c(ANSI.dim, ` — no findings (${rule.id})`));
            continue;
        }
        const sev = rule.severity;
        const hidden = all.length - open.length;
        out.push(c(ANSI.bold + SEVERITY_COLOR[sev], `● ${head}`) +
            c(ANSI.dim, ` — ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(open.length, "finding")}${hidden && !quiet ? `, ${hidden} suppressed` : ""} · ${rule.id}`));
        out.push(c(ANSI.dim, `  severity ${sev} · likelihood ${rule.likelihood} · impact ${rule.impact}`));
        out.push(c(ANSI.dim, `  Mitigation: ${rule.mitigation}`));
        for (const f of findings)
            out.push(...formatFinding(f, c));
        out.push("");
    }
    if (quiet)
        return out.length ? out.join("\n") + "\n" : "";
    if (report.findings.length === 0)
        out.push("");
    const max = options.maxNotifications ?? 20;
    if (report.notifications.length) {
        out.push(c(ANSI.bold, "Scan notes"));
        for (const n of report.notifications.slice(0, max))
            out.push(`  ${n.level}: ${n.file ? (0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(n.file) + ": " : ""}${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(n.message)}`);
        if (report.notifications.length > max)
            out.push(`  … and ${report.notifications.length - max} more (see the SARIF or JSON output)`);
        out.push("");
    }
    const s = report.stats;
    const seconds = ((Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000).toFixed(2);
    out.push(c(ANSI.dim, `Scanned ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .plural */ .LS)(s.discovered, "file")} in ${seconds} s: ${s.read} read, ${s.prefilteredOut} prefiltered out, ${s.parsed} parsed, ${s.skipped} skipped or partly scanned.`));
    return out.join("\n") + "\n";
}
/** "[suppressed until 2027-03-01: reason] " and the like, before a finding's message. */
function suppressionTag(f) {
    const until = (s) => (s.expires ? ` until ${s.expires}` : "");
    if (f.suppressed)
        return `[suppressed${until(f.suppressed)}: ${f.suppressed.reason}] `;
    if (f.expiredSuppression)
        return `[suppression expired on ${f.expiredSuppression.expires}: ${f.expiredSuppression.reason}] `;
    return "";
}
function formatFinding(f, c) {
    const tag = suppressionTag(f);
    const verdict = f.verification ? ` · ${f.verification.verdict}` : "";
    const lines = [
        `  ${c(ANSI.bold, `${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(f.file)}:${f.startLine}:${f.startColumn}`)}  ${c(SEVERITY_COLOR[f.severity], f.severity)} ${c(ANSI.dim, `${f.check} · ${f.confidence} confidence${verdict}`)}`,
        `    ${tag ? c(f.suppressed ? ANSI.dim : ANSI.yellow, (0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(tag)) : ""}${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(f.message)}`,
    ];
    if (f.excerpt)
        lines.push(c(ANSI.dim, `    ${String(f.startLine).padStart(5)} │ ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(f.excerpt)}`));
    for (const loc of f.related ?? []) {
        lines.push(c(ANSI.dim, `      ↳ ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(loc.file)}:${loc.startLine}${loc.message ? ` — ${(0,_report__WEBPACK_IMPORTED_MODULE_1__/* .oneLine */ .TN)(loc.message)}` : ""}`));
    }
    return lines;
}


/***/ }),

/***/ 765:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ep: () => (/* binding */ buildSarif),
/* harmony export */   HB: () => (/* binding */ SRCROOT),
/* harmony export */   bO: () => (/* binding */ fileUri),
/* harmony export */   hf: () => (/* binding */ fixKey)
/* harmony export */ });
/* unused harmony export levelOf */
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(131);
/* harmony import */ var _output_report__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7135);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);
/* harmony import */ var _limits__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7605);




const SRCROOT = "%SRCROOT%";
/** Which finding a fix belongs to: its rule, check and where it starts. */
function fixKey(f) {
    return `${f.rule}/${f.check}@${f.file}:${f.startLine}:${f.startColumn}`;
}
function levelOf(severity) {
    return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "note";
}
/**
 * A relative path as an RFC 3986 URI reference: each segment percent-encoded except for what a path
 * segment may hold as it is (unreserved characters, sub-delims such as SvelteKit's `+`, `:` and `@`).
 * A reserved character and its percent-encoding are different URIs to a consumer that compares them
 * unnormalised, so `+server.ts` stays `+server.ts`. A `:` in the first segment would read as a scheme,
 * so that one is encoded.
 */
function fileUri(rel) {
    return rel
        .split("/")
        .map((segment, i) => encodeURIComponent(segment).replace(/%(24|26|2B|2C|3B|3D|40|3A)/g, (m, hex) => hex === "3A" && i === 0 ? m : String.fromCharCode(parseInt(hex, 16))))
        .join("/");
}
function rootUri(abs) {
    const posix = abs.split("\\").join("/");
    const withSlash = posix.endsWith("/") ? posix : posix + "/";
    return "file://" + (withSlash.startsWith("/") ? "" : "/") + withSlash.split("/").map(encodeURIComponent).join("/");
}
function ruleDescriptor(rule) {
    return {
        id: rule.id,
        name: rule.name,
        shortDescription: { text: rule.shortDescription },
        fullDescription: { text: rule.fullDescription },
        help: { text: rule.help.text, markdown: rule.help.markdown },
        helpUri: `${_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .DOCS_BASE */ .M0}/${rule.slug}.md`,
        defaultConfiguration: { level: levelOf(rule.severity) },
        properties: {
            severity: rule.severity,
            likelihood: rule.likelihood,
            impact: rule.impact,
            mitigation: rule.mitigation,
            "security-severity": rule.securitySeverity,
            precision: rule.precision,
            tags: ["security", "upstash", ...rule.cwe.map((c) => `external/cwe/${c.toLowerCase()}`)],
        },
    };
}
function physical(r) {
    return {
        artifactLocation: { uri: fileUri(r.file), uriBaseId: SRCROOT },
        region: {
            startLine: r.startLine,
            startColumn: r.startColumn,
            endLine: r.endLine,
            endColumn: Math.max(r.endColumn, r.startLine === r.endLine ? r.startColumn + 1 : 1),
        },
    };
}
function suppression(s) {
    return {
        // An inline comment is in the source; a baseline entry is kept outside it.
        kind: s.kind === "inline" ? "inSource" : "external",
        status: "accepted",
        justification: s.reason,
        ...(s.location ? { location: { physicalLocation: physical(s.location) } } : {}),
        ...(s.expires || s.source
            ? { properties: { ...(s.expires ? { expires: s.expires } : {}), ...(s.source ? { baseline: s.source } : {}) } }
            : {}),
    };
}
function result(f, fixes) {
    const rule = (0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .ruleById */ .BD)(f.rule);
    const out = {
        ruleId: f.rule,
        ruleIndex: _rules_index__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0.indexOf(rule),
        level: levelOf(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: physical(f) }],
        partialFingerprints: { primaryLocationLineHash: f.fingerprint },
        properties: {
            check: f.check,
            confidence: f.confidence,
            severity: f.severity,
            ...(f.verification
                ? {
                    verification: f.verification.verdict,
                    ...(f.verification.checkedAt ? { verifiedAt: f.verification.checkedAt } : {}),
                }
                : {}),
            ...(f.expiredSuppression
                ? {
                    expiredSuppression: {
                        kind: f.expiredSuppression.kind,
                        reason: f.expiredSuppression.reason,
                        expires: f.expiredSuppression.expires,
                    },
                }
                : {}),
        },
    };
    if (f.suppressed)
        out.suppressions = [suppression(f.suppressed)];
    if (fixes?.length)
        out.fixes = fixes;
    if (f.related?.length) {
        out.relatedLocations = f.related.slice(0, _limits__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_LIMITS */ .f.locationsPerResult).map((loc, i) => ({
            id: i + 1,
            physicalLocation: physical(loc),
            ...(loc.message ? { message: { text: loc.message } } : {}),
        }));
    }
    return out;
}
function notification(n) {
    return {
        level: n.level,
        message: { text: n.message },
        descriptor: { id: n.id },
        ...(n.file
            ? { locations: [{ physicalLocation: { artifactLocation: { uri: fileUri(n.file), uriBaseId: SRCROOT } } }] }
            : {}),
    };
}
/**
 * The SARIF log for a scan. Suppressed findings are left out unless asked for (`suppressed: include`):
 * code scanning would show them as open.
 */
function buildSarif(input, options = {}) {
    const report = (0,_output_report__WEBPACK_IMPORTED_MODULE_1__/* .toReport */ .cG)(input);
    const open = report.findings.filter((f) => !f.suppressed);
    const suppressed = report.findings.filter((f) => f.suppressed);
    // Open results first: when the log must be cut, suppressed ones go before any open one.
    const { kept, dropped } = (0,_limits__WEBPACK_IMPORTED_MODULE_2__/* .capResults */ .J)(options.suppressed === "include" ? [...open, ...suppressed] : open);
    const notifications = [...report.notifications];
    if (dropped > 0) {
        notifications.push({
            level: "warning",
            id: "results-capped",
            message: `${dropped} lower-severity results were left out to stay within GitHub's limit of ${_limits__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_LIMITS */ .f.resultsPerRun} results per run; see the text or JSON output for all of them.`,
        });
    }
    const category = (options.category ?? _version__WEBPACK_IMPORTED_MODULE_3__/* .TOOL_NAME */ .lH).replace(/\/+$/, "");
    return {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: {
                    driver: {
                        name: _version__WEBPACK_IMPORTED_MODULE_3__/* .TOOL_NAME */ .lH,
                        semanticVersion: _version__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .xv,
                        version: _version__WEBPACK_IMPORTED_MODULE_3__/* .VERSION */ .xv,
                        informationUri: _version__WEBPACK_IMPORTED_MODULE_3__/* .INFORMATION_URI */ .wV,
                        rules: _rules_index__WEBPACK_IMPORTED_MODULE_0__/* .RULES */ .y0.map(ruleDescriptor),
                    },
                },
                automationDetails: { id: `${category}/` },
                originalUriBaseIds: { [SRCROOT]: { uri: rootUri(input.srcRoot) } },
                invocations: [
                    {
                        executionSuccessful: (input.internalErrors ?? 0) === 0,
                        startTimeUtc: input.startedAt.toISOString(),
                        endTimeUtc: input.finishedAt.toISOString(),
                        toolExecutionNotifications: notifications.map(notification),
                        properties: {
                            filesDiscovered: input.stats.discovered,
                            filesRead: input.stats.read,
                            filesPrefilteredOut: input.stats.prefilteredOut,
                            filesParsed: input.stats.parsed,
                            filesSkipped: input.stats.skipped,
                            suppressedFindings: suppressed.length,
                        },
                    },
                ],
                columnKind: "utf16CodeUnits",
                results: kept.map((f) => result(f, options.fixes?.get(fixKey(f)))),
            },
        ],
    };
}


/***/ }),

/***/ 7605:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ capResults),
/* harmony export */   f: () => (/* binding */ GITHUB_LIMITS)
/* harmony export */ });
/** GitHub code scanning's upload limits, and keeping a log within them. */
const GITHUB_LIMITS = {
    /** Gzipped upload size. */
    gzippedBytes: 10 * 1024 * 1024,
    resultsPerRun: 25_000,
    /** GitHub keeps only 100 related locations of a result (and rejects over 1,000). */
    locationsPerResult: 100,
};
/** Keep the most severe results within the per-run limit; `findings` must already be sorted. */
function capResults(findings, limit = GITHUB_LIMITS.resultsPerRun) {
    if (findings.length <= limit)
        return { kept: [...findings], dropped: 0 };
    return { kept: findings.slice(0, limit), dropped: findings.length - limit };
}


/***/ }),

/***/ 1176:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t: () => (/* binding */ runVerification),
  g: () => (/* binding */ verificationLine)
});

// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
// EXTERNAL MODULE: ./src/engine/finalize.ts + 1 modules
var finalize = __webpack_require__(2270);
// EXTERNAL MODULE: ./src/rules/index.ts + 6 modules
var rules = __webpack_require__(131);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/secrets/credentials.ts
var credentials = __webpack_require__(3179);
// EXTERNAL MODULE: ./src/verify/credential-ref.ts
var credential_ref = __webpack_require__(2276);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/verify/endpoints.ts
/**
 * What `--verify` sends where, and what the answers mean. This file is the whole of it: the README's
 * "What --verify sends" section describes exactly these requests.
 *
 * A hostile repository can write a stolen token next to a URL it controls, so the URL found beside a
 * token is only a claim. A request is built only when the claim passes this policy, and only from the
 * parts the policy checked (scheme and host): the path and query of the URL found are never used.
 * - HTTPS only; the default port; no user info.
 * - Redis: the host must be one database host under upstash.io, `<name>-<number>.upstash.io`, as
 *   every REST URL in Upstash's documentation and console is. And the number must be the database
 *   number the token itself carries (bytes 1–2 of the decoded token, big-endian; inferred from public
 *   URL/token pairs, see docs/verify.md): a token is only ever shown to its own database.
 * - QStash: `qstash.upstash.io` or a regional `qstash-<region>.upstash.io` (Upstash's multi-region
 *   documentation lists exactly these), the default when nothing is written beside the token.
 */


const REDIS_HOST = /^[a-z0-9]+(?:-[a-z0-9]+)*-(\d{1,6})\.upstash\.io$/;
const QSTASH_HOST = /^qstash(?:-[a-z]{2}-[a-z]+-\d{1,2})?\.upstash\.io$/;
const QSTASH_DEFAULT_URL = "https://qstash.upstash.io";
/**
 * The last check before anything is sent, whatever the transport: HTTPS on the default port to an
 * allowed Upstash host, nothing else in the authority.
 */
function isAllowedRequestUrl(url) {
    return (url.protocol === "https:" &&
        url.port === "" &&
        url.username === "" &&
        url.password === "" &&
        (REDIS_HOST.test(url.hostname) || QSTASH_HOST.test(url.hostname)));
}
/** The database number a Redis REST token carries, or undefined when it has no token shape. */
function redisTokenDatabase(token) {
    const [match, ...more] = (0,credentials/* findCredentials */.gD)(token);
    if (!match || more.length || match.kind !== "redis-rest-token" || match.start !== 0 || match.end !== token.length)
        return undefined;
    const bytes = Buffer.from(token.slice(0, 4), "base64url");
    return bytes.length >= 3 ? bytes.readUInt16BE(1) : undefined;
}
/** The host of an `https://` URL with the default port, or why it is refused. */
function httpsHost(raw) {
    let url;
    try {
        url = new URL(raw.trim());
    }
    catch {
        return { refused: "the URL beside it is not a valid URL" };
    }
    if (url.protocol !== "https:")
        return { refused: `the URL beside it is not HTTPS (${url.protocol.replace(":", "")})` };
    if (url.port !== "")
        return { refused: "the URL beside it names a port, which Upstash URLs never do" };
    if (url.username !== "" || url.password !== "")
        return { refused: "the URL beside it holds user info, which Upstash URLs never do" };
    return { host: url.hostname };
}
function headers(token) {
    return {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        "user-agent": `upstash-scan/${version/* VERSION */.xv} (credential verification)`,
    };
}
/**
 * The request that checks `ref` (whose secret is `value`), or why there is none. Only Redis REST
 * tokens and QStash tokens can be checked with a harmless read; everything else is `not-checked`.
 */
function planRequest(ref, value) {
    if (!ref.shaped)
        return { verdict: "not-checked", detail: "its value has no known Upstash token shape, so it is not sent anywhere" };
    switch (ref.kind) {
        case "redis-rest-token":
            return redisPlan(ref.url, value);
        case "redis-password":
            // Upstash derives the REST tokens from the password; the password itself is only a REST token
            // when it has a token's shape (some setups paste the token as the TCP password).
            return redisTokenDatabase(value) !== undefined
                ? redisPlan(ref.url, value)
                : {
                    verdict: "not-checked",
                    detail: "a Redis TCP password can only be checked by logging in over TCP, which the scanner does not do",
                };
        case "qstash-token":
            return qstashPlan(ref.url, value);
        case "qstash-signing-key":
            return {
                verdict: "not-checked",
                detail: "signing keys only sign and verify messages; Upstash has no API that tells whether one is current",
            };
        case "vector-token":
            return { verdict: "not-checked", detail: "Vector/Search tokens are not checked" };
        case "management-api-key":
            return {
                verdict: "not-checked",
                detail: "management API keys need the account's email to check, which is not sent",
            };
    }
}
function redisPlan(url, token) {
    const database = redisTokenDatabase(token);
    if (database === undefined)
        return { verdict: "not-checked", detail: "its value has no Redis REST token shape, so it is not sent anywhere" };
    if (!url)
        return { verdict: "unknown", detail: "no REST URL was found beside it, so it was not sent anywhere" };
    const h = httpsHost(url);
    if ("refused" in h)
        return { verdict: "unknown", detail: `${h.refused}: the token was not sent` };
    const m = REDIS_HOST.exec(h.host);
    if (!m)
        return {
            verdict: "unknown",
            detail: "the URL beside it is not on an Upstash Redis host: the token was not sent",
        };
    if (Number(m[1]) !== database)
        return {
            verdict: "unknown",
            detail: `the URL beside it (${h.host}) is another database's (the token is for database ${database}): the token was not sent`,
        };
    return {
        request: { url: new URL(`https://${h.host}/ping`), method: "GET", headers: headers(token) },
        service: "redis",
        describe: `PING at ${h.host}`,
    };
}
function qstashPlan(url, token) {
    const h = httpsHost(url ?? QSTASH_DEFAULT_URL);
    if ("refused" in h)
        return { verdict: "unknown", detail: `${h.refused}: the token was not sent` };
    if (!QSTASH_HOST.test(h.host))
        return { verdict: "unknown", detail: "the URL beside it is not on a QStash host: the token was not sent" };
    return {
        request: { url: new URL(`https://${h.host}/v2/queues`), method: "GET", headers: headers(token) },
        service: "qstash",
        describe: `GET /v2/queues at ${h.host}${url ? "" : " (the default region: no QSTASH_URL beside it)"}`,
    };
}
/**
 * What an answer means. Only the documented authentication failure (401) counts as revoked; a 200
 * counts as live only with the body the API documents; anything else (403, which IP allow-lists may
 * answer, 3xx, 5xx, a body cut at the cap, an unexpected body) is unknown: never a guess either way.
 */
function interpret(service, res) {
    const s = res.status;
    if (s >= 300 && s < 400)
        return { verdict: "unknown", detail: `answered with a redirect (HTTP ${s}), which is never followed` };
    if (s === 401) {
        // QStash regions have separate accounts: a token of another region is "not found in this region".
        if (service === "qstash" && /region/i.test(res.body))
            return {
                verdict: "unknown",
                detail: "does not know the token's account: it may belong to another QStash region (write QSTASH_URL beside it)",
            };
        return { verdict: "revoked", detail: "rejected it as invalid (HTTP 401)" };
    }
    if (s < 200 || s >= 300)
        return { verdict: "unknown", detail: `gave an unexpected answer (HTTP ${s})` };
    if (res.truncated)
        return { verdict: "unknown", detail: "answered with more than expected, which was not read" };
    if (service === "redis") {
        let parsed;
        try {
            parsed = JSON.parse(res.body);
        }
        catch {
            parsed = undefined;
        }
        if (parsed?.result === "PONG")
            return { verdict: "live", detail: "answered PONG" };
        return { verdict: "unknown", detail: "answered HTTP 200 without the expected PONG" };
    }
    let list;
    try {
        list = JSON.parse(res.body);
    }
    catch {
        list = undefined;
    }
    if (Array.isArray(list))
        return { verdict: "live", detail: "returned the queue list" };
    return { verdict: "unknown", detail: "answered HTTP 200 without the expected queue list" };
}

// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./src/verify/transport.ts
/**
 * The one place `--verify` touches the network. A transport is a function, so tests hand the verifier
 * another one (a loopback stand-in for Upstash) as an argument: nothing a scanned repository can write
 * (files, configuration, environment of the scan) can choose it.
 */

/** A failure with a short, secret-free reason (`timed out after 5 s`, `ECONNREFUSED`). */
class TransportError extends Error {
}
/**
 * Requests over node:https: certificates always checked (whatever NODE_TLS_REJECT_UNAUTHORIZED says),
 * no connection reuse, no proxy, no redirect ever followed (node:https does not follow them; a 3xx is
 * handed back as it is), the body read up to `maxBytes`.
 */
function httpsTransport(request = external_node_https_.request) {
    return (req, limits) => new Promise((resolve, reject) => {
        let settled = false;
        const finish = (fn) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            limits.signal.removeEventListener("abort", onAbort);
            fn();
        };
        const fail = (reason) => finish(() => reject(new TransportError(reason)));
        let client;
        const timer = setTimeout(() => {
            fail(`timed out after ${Math.round(limits.timeoutMs / 100) / 10} s`);
            client?.destroy();
        }, limits.timeoutMs);
        const onAbort = () => {
            fail("the verification time budget ran out");
            client?.destroy();
        };
        if (limits.signal.aborted)
            return onAbort();
        limits.signal.addEventListener("abort", onAbort);
        try {
            client = request(req.url, {
                method: req.method,
                headers: { ...req.headers, connection: "close" },
                agent: false,
                rejectUnauthorized: true,
            }, (res) => {
                const chunks = [];
                let size = 0;
                let truncated = false;
                const done = () => finish(() => resolve({
                    status: res.statusCode ?? 0,
                    body: Buffer.concat(chunks).toString("utf8"),
                    truncated,
                }));
                res.on("data", (chunk) => {
                    if (truncated)
                        return;
                    const room = limits.maxBytes - size;
                    if (chunk.length > room) {
                        chunks.push(chunk.subarray(0, room));
                        truncated = true;
                        done();
                        res.destroy();
                        return;
                    }
                    chunks.push(chunk);
                    size += chunk.length;
                });
                res.on("end", done);
                res.on("error", (err) => fail(reasonOf(err)));
                // A connection cut mid-answer may only close: never wait for an end that will not come.
                res.on("close", () => (res.complete ? done() : fail("the connection closed before the answer ended")));
            });
        }
        catch (err) {
            return fail(reasonOf(err));
        }
        client.on("error", (err) => fail(reasonOf(err)));
        client.end();
    });
}
/** An error code or first line, never a request or header (node's messages hold neither). */
function reasonOf(err) {
    return err.code ?? String(err.message).split("\n")[0].slice(0, 120);
}

;// CONCATENATED MODULE: ./src/verify/verify.ts








const VERIFY_DEFAULTS = { concurrency: 4, timeoutMs: 5_000, budgetMs: 30_000, maxBytes: 64 * 1024 };
/**
 * Verify the credentials of the open findings of `result` and update those findings in place
 * (verification, severity, message, order). Never throws for a network problem: every failure is an
 * `unknown` verdict.
 */
async function verifyScan(result, options = {}) {
    const o = { ...VERIFY_DEFAULTS, ...options };
    const transport = options.transport ?? httpsTransport();
    const open = result.findings.filter((f) => !f.suppressed && f.credentials?.length);
    // Distinct credentials, each with every place's reference (one of them may have the usable URL).
    const refs = new Map();
    for (const f of open)
        for (const r of f.credentials) {
            const list = refs.get(r.id);
            if (list)
                list.push(r);
            else
                refs.set(r.id, [r]);
        }
    const values = new Map();
    if (refs.size)
        for (const v of result.secrets.values())
            values.set((0,credential_ref/* credentialId */.Z)(v), v);
    const outcomes = new Map();
    const work = [];
    for (const [id, list] of refs) {
        const value = values.get(id);
        if (value === undefined) {
            outcomes.set(id, {
                verdict: "unknown",
                detail: "the scan did not keep the value",
                ref: list[0],
                shown: "a credential",
            });
            continue;
        }
        const shown = (0,redact/* redact */.E$)(value);
        const plans = list.map((ref) => ({ ref, plan: planRequest(ref, value) }));
        const chosen = plans.find((p) => "request" in p.plan) ?? plans[0];
        if ("request" in chosen.plan)
            work.push({ id, plan: chosen.plan, ref: chosen.ref, shown });
        else
            outcomes.set(id, { verdict: chosen.plan.verdict, detail: chosen.plan.detail, ref: chosen.ref, shown });
    }
    let requests = 0;
    if (work.length) {
        options.onProgress?.(`verifying ${work.length} credential${work.length === 1 ? "" : "s"} with Upstash (one read-only request each)`);
        const budget = new AbortController();
        const timer = setTimeout(() => budget.abort(), o.budgetMs);
        let next = 0;
        const lane = async () => {
            for (let i = next++; i < work.length; i = next++) {
                const { id, plan, ref, shown } = work[i];
                if (budget.signal.aborted) {
                    outcomes.set(id, { verdict: "unknown", detail: "the verification time budget ran out first", ref, shown });
                    continue;
                }
                // The policy already built this URL; checked again here so that no transport, real or not,
                // is ever handed anything else.
                if (!isAllowedRequestUrl(plan.request.url)) {
                    outcomes.set(id, { verdict: "unknown", detail: "refused: not an allowed Upstash URL", ref, shown });
                    continue;
                }
                requests++;
                let outcome;
                try {
                    const res = await deadline(transport(plan.request, { timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, signal: budget.signal }), o.timeoutMs, budget.signal);
                    const meaning = interpret(plan.service, res);
                    outcome = { verdict: meaning.verdict, detail: `${plan.describe} ${meaning.detail}` };
                }
                catch (err) {
                    const reason = err instanceof TransportError ? err.message : "the request failed";
                    outcome = { verdict: "unknown", detail: `${plan.describe} failed: ${reason}` };
                }
                outcomes.set(id, { ...outcome, checkedAt: new Date(), ref, shown });
            }
        };
        try {
            await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, work.length)) }, lane));
        }
        finally {
            clearTimeout(timer);
        }
    }
    for (const f of open) {
        applyVerdicts(f, f.credentials.map((r) => outcomes.get(r.id)));
        f.message = result.secrets.scrub(f.message);
    }
    result.findings.sort(finalize/* compareFindings */.E);
    const summary = { live: 0, revoked: 0, unknown: 0, notChecked: 0, requests };
    for (const { verdict } of outcomes.values()) {
        if (verdict === "not-checked")
            summary.notChecked++;
        else
            summary[verdict]++;
    }
    return summary;
}
/**
 * The transport's answer, or a TransportError once its time is up or the budget runs out: a stand-in
 * transport that ignores its limits cannot hang the scan either.
 */
function deadline(work, timeoutMs, signal) {
    return new Promise((resolve, reject) => {
        const stop = (reason) => {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            reject(new TransportError(reason));
        };
        const onAbort = () => stop("the verification time budget ran out");
        // A little later than the transport's own limit, which reports the same thing with more detail.
        const timer = setTimeout(() => stop(`timed out after ${timeoutMs / 1000} s`), timeoutMs + 250);
        if (signal.aborted)
            return onAbort();
        signal.addEventListener("abort", onAbort);
        work.then((value) => {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            resolve(value);
        }, (err) => {
            clearTimeout(timer);
            signal.removeEventListener("abort", onAbort);
            reject(err);
        });
    });
}
/** live beats everything; revoked only when every credential is; then unknown; then not-checked. */
function combine(verdicts) {
    if (verdicts.includes("live"))
        return "live";
    if (verdicts.every((v) => v === "revoked"))
        return "revoked";
    if (verdicts.includes("unknown"))
        return "unknown";
    return "not-checked";
}
function atLeast(current, floor) {
    return types/* SEVERITIES */.o.indexOf(current) <= types/* SEVERITIES */.o.indexOf(floor) ? current : floor;
}
/** "standard Redis REST token", "read-only Redis REST token", "QStash token". */
function what(ref) {
    if (ref.kind === "redis-rest-token" || ref.kind === "redis-password")
        return `${ref.access === "write" ? "standard (read-write)" : "read-only"} Redis REST token`;
    return credentials/* CREDENTIAL_LABEL */.Vm[ref.kind];
}
function applyVerdicts(f, outcomes) {
    const verdict = combine(outcomes.map((x) => x.verdict));
    const times = outcomes.flatMap((x) => (x.checkedAt ? [x.checkedAt.getTime()] : []));
    const credentials = outcomes.map((x) => ({
        verdict: x.verdict,
        shown: x.shown,
        detail: x.detail,
    }));
    const verification = {
        verdict,
        ...(times.length ? { checkedAt: new Date(Math.min(...times)).toISOString() } : {}),
        credentials,
    };
    f.verification = verification;
    const severity = (0,rules/* severityOf */.xJ)(f);
    const live = outcomes.filter((x) => x.verdict === "live");
    if (verdict === "live") {
        // A working write credential is an incident now; a working read-only one exposes every key.
        const floor = live.some((x) => x.ref.access === "write") ? "high" : "medium";
        f.severity = atLeast(severity, floor);
        const accepted = outcomes.length === 1
            ? `Upstash accepted this ${what(live[0].ref)} just now (${live[0].detail})`
            : `Upstash accepted ${live.map((x) => `${x.shown} (a ${what(x.ref)})`).join(" and ")} just now`;
        f.message = `Still live: revoke ${live.length === 1 ? "it" : "them"} now. ${accepted}. ${f.message}${others(outcomes, "live")}`;
    }
    else if (verdict === "revoked") {
        // Nothing works with it any more: what is left is cleaning the code and the history.
        f.severity = "low";
        const why = outcomes.length === 1
            ? `Upstash no longer accepts it (${outcomes[0].detail})`
            : "Upstash no longer accepts any of them";
        f.message = `Revoked: remove it from history. ${why}, so what is left is history to clean up; the next credential must not be committed the same way. ${f.message}`;
    }
    else {
        const label = verdict === "unknown" ? "unknown" : "not checked";
        const list = outcomes.length === 1
            ? outcomes[0].detail
            : outcomes.map((x) => `${x.shown}: ${x.verdict} (${x.detail})`).join("; ");
        f.message = `${f.message} Verification: ${label} — ${list}.${verdict === "unknown" ? " Treat it as live until it is revoked." : ""}`;
    }
}
/** For a finding with several credentials: what became of the ones not in the lead. */
function others(outcomes, lead) {
    const rest = outcomes.filter((x) => x.verdict !== lead);
    return rest.length ? ` Others here: ${rest.map((x) => `${x.shown}: ${x.verdict} (${x.detail})`).join("; ")}.` : "";
}

;// CONCATENATED MODULE: ./src/verify/index.ts


/**
 * Verify and record the summary on `result`. A bug here must not cost the user the scan's results:
 * it becomes a notification, and every finding keeps what the scan found.
 */
async function runVerification(result, options = {}) {
    try {
        result.verification = await verifyScan(result, options);
    }
    catch (err) {
        result.internalErrors++;
        result.notifications.push({
            level: "error",
            id: "verify-error",
            message: result.secrets.scrub(`Credential verification failed: ${(0,analyze/* describe */.q)(err)}`),
        });
    }
}
/** "2 live credentials (revoke them now) · 1 revoked · 1 unknown · 3 not checked", live first. */
function verificationLine(v) {
    const total = v.live + v.revoked + v.unknown + v.notChecked;
    if (total === 0)
        return "Verification: no credential to check.";
    const live = v.live > 0
        ? `${v.live} live credential${v.live === 1 ? "" : "s"} (revoke ${v.live === 1 ? "it" : "them"} now)`
        : "0 live credentials";
    const rest = [`${v.revoked} revoked`, `${v.unknown} unknown`, `${v.notChecked} not checked`];
    return `Verification: ${live} · ${rest.join(" · ")} (${v.requests} request${v.requests === 1 ? "" : "s"} to Upstash).`;
}


/***/ })

};
;