"use strict";
exports.id = 911;
exports.ids = [911,636];
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

/***/ 6187:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J2: () => (/* binding */ formatBaseline),
/* harmony export */   QN: () => (/* binding */ baselineRecords),
/* harmony export */   Qp: () => (/* binding */ applyBaseline),
/* harmony export */   mF: () => (/* binding */ readBaseline)
/* harmony export */ });
/* unused harmony export MAX_BASELINE_BYTES */
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7679);
/* harmony import */ var _expiry__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7012);
/* harmony import */ var _io_files__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3839);
/* harmony import */ var _version__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(311);




const keyOf = (e) => `${e.rule}\0${e.check}\0${e.file}\0${e.fingerprint}`;
/** Baselines above this size are refused (one finding is about 200 bytes: 50 MB is 250,000 of them). */
const MAX_BASELINE_BYTES = 50 * 1024 * 1024;
const str = (v) => (typeof v === "string" ? v : undefined);
function uriPath(uri) {
    try {
        return decodeURIComponent(uri);
    }
    catch {
        return uri;
    }
}
/**
 * Read a baseline written by --write-baseline, or a SARIF log. A regular file under the size cap
 * only; entries that are not objects with string fields are skipped. Errors name the file and never
 * quote its content (a baseline path could point at any file). Findings arrive with redacted paths,
 * and baselines are written from redacted findings: `redact` makes an older baseline that holds a raw
 * path (or a reason holding a secret) compare and show the same way.
 */
function readBaseline(file, redact = (s) => s) {
    let doc;
    try {
        doc = JSON.parse((0,_io_files__WEBPACK_IMPORTED_MODULE_0__/* .readRegularText */ .Aj)(file, MAX_BASELINE_BYTES));
    }
    catch (err) {
        const why = err instanceof _io_files__WEBPACK_IMPORTED_MODULE_0__/* .FileRefused */ .rV
            ? `it ${err.message}`
            : err instanceof SyntaxError
                ? "it is not valid JSON"
                : err.message;
        throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(`baseline ${file} could not be read: ${why}`);
    }
    const entries = new Map();
    const add = (e) => entries.set(keyOf(e), { ...e, matches: 0 });
    const d = (doc && typeof doc === "object" ? doc : {});
    const objects = (v) => Array.isArray(v) ? v.filter((x) => Boolean(x) && typeof x === "object") : [];
    if (Array.isArray(d.findings)) {
        d.findings.forEach((e, i) => {
            if (!e || typeof e !== "object")
                return;
            const entry = e;
            const [rule, check, f, fingerprint] = [
                str(entry.rule),
                str(entry.check),
                str(entry.file),
                str(entry.fingerprint),
            ];
            if (!rule || check === undefined || f === undefined || !fingerprint)
                return;
            let expires;
            if (entry.expires !== undefined) {
                expires = typeof entry.expires === "string" ? (0,_expiry__WEBPACK_IMPORTED_MODULE_2__/* .parseDay */ .I)(entry.expires) : undefined;
                if (!expires)
                    throw new _errors__WEBPACK_IMPORTED_MODULE_1__/* .UsageError */ .e(`baseline ${file}: findings[${i}].expires must be a day written YYYY-MM-DD, not ${redact(JSON.stringify(entry.expires).slice(0, 40))}`);
            }
            const reason = str(entry.reason)?.trim();
            add({
                rule,
                check,
                file: redact(f),
                fingerprint,
                ...(reason ? { reason: redact(reason) } : {}),
                ...(expires ? { expires } : {}),
            });
        });
    }
    else if (Array.isArray(d.runs)) {
        for (const r of objects(d.runs).flatMap((run) => objects(run.results))) {
            const uri = str(r.locations?.[0]?.physicalLocation?.artifactLocation?.uri);
            const rule = str(r.ruleId);
            const fingerprint = str(r.partialFingerprints?.primaryLocationLineHash);
            if (!rule || uri === undefined || !fingerprint)
                continue;
            add({ rule, check: str(r.properties?.check) ?? "", file: redact(uriPath(uri)), fingerprint });
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
  Eg: () => (/* binding */ compareFindings),
  jj: () => (/* binding */ finalizeFindings),
  US: () => (/* binding */ redactOutputs)
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

// EXTERNAL MODULE: ./src/secrets/repeated.ts
var repeated = __webpack_require__(1123);
// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
// EXTERNAL MODULE: ./src/engine/text.ts
var engine_text = __webpack_require__(1655);
// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
;// CONCATENATED MODULE: ./src/engine/finalize.ts
/**
 * After detection: configuration overrides, fingerprints, excerpts, de-duplication and order; and,
 * once suppressions are applied, the redaction of everything a finding or notification carries.
 */






/** Excerpts are shortened to this many characters. */
const EXCERPT_CHARS = 160;
/**
 * An excerpt is redacted on a window of its line this much longer than the excerpt, then cut: no
 * secret straddling the cut escapes (secrets are shorter than this), and a 400 KB line costs no more
 * than a short one.
 */
const EXCERPT_WINDOW = 4096;
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
    (0,repeated/* noteRepeatedCredentials */.f)(out);
    for (const f of out) {
        const lines = linesOf(f.location.file);
        if (!lines)
            continue;
        // Scrub before shortening: a cut could leave part of a secret that no pattern recognises.
        const line = secrets.scrub(lines.lineText(f.location.range.startLine).trimStart().slice(0, EXCERPT_WINDOW)).trim();
        f.excerpt = line.length > EXCERPT_CHARS ? line.slice(0, EXCERPT_CHARS - 3) + "…" : line;
    }
    return out.sort(compareFindings);
}
/**
 * Redact every string a finding or notification carries — messages, paths, suppression reasons —
 * through the one scrubber (excerpts are redacted as they are cut, in finalizeFindings). Paths too: a
 * file named after a token (`sig_<key>.ts`) would otherwise put the key in the SARIF URI, the
 * baseline, annotations and summary links; its redacted path no longer names a file GitHub can show
 * (see docs/security.md).
 */
function redactOutputs(findings, notifications, scrub) {
    // Many findings share a file: each path is scrubbed once. A path that had to be redacted is said
    // once too: the alert cannot show the file, and its name leaks.
    const paths = new Map();
    const redactedPaths = new Set();
    const path = (file) => {
        let out = paths.get(file);
        if (out === undefined) {
            paths.set(file, (out = scrub(file)));
            if (out !== file)
                redactedPaths.add(out);
        }
        return out;
    };
    const location = (loc) => ({
        ...loc,
        file: path(loc.file),
        ...(loc.message !== undefined ? { message: scrub(loc.message) } : {}),
    });
    const note = (n) => ({
        ...n,
        reason: scrub(n.reason),
        ...(n.source !== undefined ? { source: scrub(n.source) } : {}),
        ...(n.location ? { location: location(n.location) } : {}),
    });
    for (const f of findings) {
        f.message = scrub(f.message);
        f.location = location(f.location);
        if (f.related)
            f.related = f.related.map(location);
        if (f.suppressed)
            f.suppressed = note(f.suppressed);
        if (f.expiredSuppression)
            f.expiredSuppression = note(f.expiredSuppression);
    }
    for (const n of notifications) {
        n.message = scrub(n.message);
        if (n.file !== undefined)
            n.file = path(n.file);
    }
    for (const file of [...redactedPaths].sort())
        notifications.push({
            level: "warning",
            id: "path-redacted",
            file,
            message: "this path holds a credential, so it is shown redacted everywhere (code scanning cannot open the file from such an alert). The name itself leaks the credential: rotate it and rename the file.",
        });
}


/***/ }),

/***/ 4911:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  UsageError: () => (/* reexport */ errors/* UsageError */.e),
  gitTopLevel: () => (/* reexport */ work_tree/* gitTopLevel */.oB),
  scan: () => (/* binding */ scan)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/detectors/index.ts + 71 modules
var src_detectors = __webpack_require__(7591);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(1954);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
// EXTERNAL MODULE: ./src/git/work-tree.ts
var work_tree = __webpack_require__(6516);
// EXTERNAL MODULE: ./src/engine/lanes.ts
var lanes = __webpack_require__(3573);
// EXTERNAL MODULE: ./src/code-cache.ts + 1 modules
var code_cache = __webpack_require__(2750);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/engine/baseline.ts
var baseline = __webpack_require__(6187);
// EXTERNAL MODULE: ./src/engine/budget.ts
var budget = __webpack_require__(7977);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./src/engine/file-kinds.ts
var file_kinds = __webpack_require__(5156);
// EXTERNAL MODULE: ./src/io/files.ts
var files = __webpack_require__(3839);
;// CONCATENATED MODULE: ./src/engine/discover.ts
/**
 * Walking the scanned paths: a streaming generator that honours nested .gitignore files, never enters
 * node_modules or .git, and never follows a symbolic link. Links are skipped outright: a link inside
 * the root points at something the walk reaches at its real place anyway, a link out of the root must
 * never be read, and loops become impossible. Links, FIFOs, sockets and devices get a notification.
 *
 * In a git work tree, .gitignore does not apply to tracked files (as in git): a committed file under
 * an ignored directory is scanned, so adding its directory to .gitignore cannot hide it. Untracked
 * ignored files are not scanned (env files excepted, see below).
 *
 * A file named explicitly is always scanned: as text when its name says nothing about its kind, or
 * reported when it cannot be read (a FIFO, a device).
 */






/** Ignore files larger than this are not read (a .gitignore is a few KB). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
const POSIX = external_node_path_.sep === "/";
function toPosix(p) {
    return POSIX ? p : p.split(external_node_path_.sep).join("/");
}
function loadIgnore(dir, names, onNotice) {
    let ig;
    for (const name of names) {
        const file = external_node_path_.join(dir, name);
        let text;
        try {
            // Like git, never through a symbolic link (a .gitignore linked to /dev/zero would never end).
            text = (0,files/* readRegularText */.Aj)(file, MAX_IGNORE_FILE_BYTES);
        }
        catch (err) {
            // Absent is normal; ENOTDIR happens in git worktrees and submodules, where .git is a file.
            if (err instanceof files/* FileRefused */.rV && err.code === "not-found")
                continue;
            onNotice?.(file, "path-unreadable", `ignore file not used: it ${err.message}`, "warning");
            continue;
        }
        ig = (ig ?? ignore_default()()).add(text);
    }
    return ig && { base: dir, ig };
}
/** The .gitignore layers above `root` up to its git work tree's top (and .git/info/exclude). */
function ancestorLayers(root, onNotice) {
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
    const exclude = loadIgnore(external_node_path_.join(top, ".git", "info"), ["exclude"], onNotice);
    if (exclude)
        layers.push({ base: top, ig: exclude.ig });
    // From the top down to the root's parent; the root's own .gitignore is read by the walk.
    for (const d of chain.filter((d) => d.startsWith(top)).reverse()) {
        const layer = loadIgnore(d, [".gitignore"], onNotice);
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
/**
 * Tracked files of the work tree, asked of git only once something is ignored (most walks never
 * meet an ignored path that exists). Absolute paths of tracked files and of their directories.
 */
class Tracked {
    root;
    index;
    constructor(root) {
        this.root = root;
    }
    load() {
        if (this.index === undefined) {
            const git = (0,work_tree/* trackedFiles */.O)(this.root);
            this.index = git
                ? {
                    files: new Set([...git.files].map((f) => external_node_path_.join(git.top, f))),
                    dirs: new Set([...git.dirs].map((d) => external_node_path_.join(git.top, d))),
                }
                : null;
        }
        return this.index;
    }
    file(abs) {
        return this.load()?.files.has(abs) ?? false;
    }
    dir(abs) {
        return this.load()?.dirs.has(abs) ?? false;
    }
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
        if (!stat.isDirectory()) {
            // Named explicitly: scanned whatever its name (as text when the name tells no kind); a FIFO or
            // device is handed on too, and the reader reports it instead of blocking on it.
            const rel = toPosix(external_node_path_.relative(options.srcRoot, root));
            if (!seen.has(root)) {
                seen.add(root);
                yield { abs: root, rel, kind: (0,file_kinds/* classifyPath */.qK)(rel) ?? "text", gitIgnored: false };
            }
            continue;
        }
        const layers = ancestorLayers(root, options.onNotice);
        yield* walk(root, layers, options, seen, new Tracked(root));
    }
}
function* walk(dir, parentLayers, options, seen, tracked) {
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
            options.onNotice?.(current, "path-unreadable", `directory could not be read (${err.code ?? "error"})`, "warning");
            continue;
        }
        // Only a directory that lists a .gitignore pays for reading one.
        const own = entries.some((e) => e.name === ".gitignore")
            ? loadIgnore(current, [".gitignore"], options.onNotice)
            : undefined;
        const layers = own ? [...above, own] : above;
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const subdirs = [];
        for (const entry of entries) {
            const abs = external_node_path_.join(current, entry.name);
            if (entry.isDirectory()) {
                if (file_kinds/* SKIP_DIRS */.z_.has(entry.name))
                    continue;
                // An ignored directory is still entered when git tracks files in it.
                if (isIgnored(layers, abs, true) && !tracked.dir(abs))
                    continue;
                if (options.accept && !options.accept(relOf(abs), true))
                    continue;
                subdirs.push(abs);
                continue;
            }
            if (!entry.isFile()) {
                // Links, FIFOs, sockets, devices: never read, but said (unless ignored or excluded anyway).
                if (isIgnored(layers, abs, false) || (options.accept && !options.accept(relOf(abs), false)))
                    continue;
                if (entry.isSymbolicLink())
                    options.onNotice?.(abs, "symlink-not-followed", "symbolic link not followed: links are never read (one could point outside the scanned tree); what it points to inside the tree is scanned at its own path", "note");
                else
                    options.onNotice?.(abs, "file-not-regular", `not scanned: ${entry.isFIFO() ? "a FIFO" : entry.isSocket() ? "a socket" : "a device"}, not a regular file`, "warning");
                continue;
            }
            const rel = relOf(abs);
            const kind = (0,file_kinds/* classifyPath */.qK)(rel);
            if (!kind || seen.has(abs))
                continue;
            // Tracked files are never ignored: git itself ignores .gitignore for them.
            const gitIgnored = isIgnored(layers, abs, false) && !tracked.file(abs);
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

// EXTERNAL MODULE: ./src/engine/dispatch.ts
var dispatch = __webpack_require__(7858);
// EXTERNAL MODULE: ./src/engine/gate.ts
var gate = __webpack_require__(4347);
// EXTERNAL MODULE: ./src/engine/finalize.ts + 1 modules
var finalize = __webpack_require__(2270);
// EXTERNAL MODULE: ./src/engine/parse.ts
var parse = __webpack_require__(2333);
// EXTERNAL MODULE: ./src/engine/project.ts + 3 modules
var project = __webpack_require__(5000);
// EXTERNAL MODULE: ./src/engine/read.ts
var read = __webpack_require__(5404);
// EXTERNAL MODULE: ./src/engine/suppressions.ts
var suppressions = __webpack_require__(1656);
// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
;// CONCATENATED MODULE: ./src/engine/session.ts
/**
 * One scan, phase by phase:
 * 1. read every file (light step: text, facts, word gate, tree-less detectors), merged in discovery order;
 * 2. resolve the import graph, and let the gate (gate.ts) choose the scripts that get a syntax tree and
 *    the detectors each one gets; parse those (heavy step);
 * 3. demand-driven rounds: the files detectors ask for by name (Detector.select);
 * 4. the detectors' project phase, then finalisation (redaction, suppressions, baseline).
 * The session owns the merged state; the dispatcher (dispatch.ts) decides which thread does which file.
 */

















/** Demand-driven rounds, at most (each round may follow one more step of imports). */
const MAX_SELECT_ROUNDS = 6;
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
class ScanSession {
    setup;
    config;
    project;
    secrets = new redact/* SecretRegistry */.ks();
    notifications = [];
    raw = [];
    suppressions = [];
    facts = new Map();
    phases = new Phases();
    stats;
    internalErrors = 0;
    dispatcher;
    /** Files given to each detector, so demand-driven rounds never analyse one twice. */
    given = new Map();
    /** Files no detector took; one a demand-driven round reads after all no longer counts as such. */
    prefilteredOut = new Set();
    /** Light batches submitted, merged in submission order. */
    lightQueue = [];
    merged = 0;
    batch = [];
    nextIndex = 0;
    /** Scripts waiting for the gate: their discovery index and what their text said. */
    words = new Map();
    /**
     * Analysis outputs by discovery index (twice it, plus one for the heavy step of the same file), merged
     * in that order whichever thread made them.
     */
    outputs = new Map();
    warmed = false;
    constructor(setup) {
        this.setup = setup;
        this.config = setup.config;
        this.project = new project/* ProjectFacts */.B(setup.srcRoot, { client: setup.config.clientPaths, server: setup.config.serverPaths }, new test_code/* TestCode */.O(setup.config.testPaths));
        this.stats = { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: this.phases.totals };
        this.dispatcher = new dispatch/* Dispatcher */.mk(setup.lanes, {
            stepLimitMs: (0,budget/* hardLimit */.T4)(setup.config.budgets.maxFileMillis),
            onProblem: (message) => this.notifications.push({ level: "warning", id: "worker-failed", message }),
        });
    }
    async run() {
        try {
            await this.readAll();
            this.resolveGraph();
            await this.parseGated();
            await this.demandRounds();
        }
        finally {
            await this.dispatcher.close();
        }
        await this.projectPhase();
        (0,code_cache/* saveCodeCache */.D)();
        this.setup.onPhase?.("finalize", this.stats);
        const { findings, records } = this.finalize();
        return {
            findings,
            notifications: this.notifications,
            stats: this.stats,
            internalErrors: this.internalErrors,
            suppressions: records,
            secrets: this.secrets,
            project: this.project,
        };
    }
    /** Walk the tree and read every file; files that need a tree are parsed as they come. */
    async readAll() {
        const { roots, srcRoot } = this.setup;
        this.setup.onPhase?.("files", this.stats);
        const files = discover({
            roots,
            srcRoot,
            accept: this.config.accept,
            onNotice: (file, id, message, level) => this.notifications.push({ level, id, file: external_node_path_.relative(srcRoot, file).split(external_node_path_.sep).join("/"), message }),
        });
        for (;;) {
            const t = performance.now();
            const next = files.next();
            this.phases.add("discovery", performance.now() - t);
            if (next.done)
                break;
            this.stats.discovered++;
            // Workers start with the first script: lexing scripts is the bulk of the light work.
            if ((0,file_kinds/* isParsable */.xk)(next.value.kind))
                this.dispatcher.startWorkers();
            await this.enqueue({ ...next.value, index: this.nextIndex++ });
        }
        await this.flushLight();
        await this.drainLight();
        this.dispatcher.doneReading();
    }
    async enqueue(job) {
        this.batch.push(job);
        if (this.batch.length >= dispatch/* LIGHT_BATCH */.qu)
            await this.flushLight();
    }
    /** Parse the scripts the gate chose, each once, with every detector that takes it. */
    async parseGated() {
        const chosen = this.phases.time("gate", () => (0,gate/* gate */.Gj)(this.project, this.setup.detectors, this.gateInput()));
        const jobs = [];
        for (const [rel, { index }] of this.words) {
            const only = chosen.get(rel);
            if (!only) {
                this.stats.prefilteredOut++;
                this.prefilteredOut.add(rel);
                continue;
            }
            const summary = this.project.files.get(rel);
            jobs.push({
                index,
                abs: external_node_path_.join(this.setup.srcRoot, rel),
                rel,
                kind: summary.kind,
                gitIgnored: summary.gitIgnored,
                only,
            });
        }
        this.words.clear();
        await this.parse(jobs);
    }
    gateInput() {
        return new Map([...this.words].map(([rel, w]) => [rel, w.gate]));
    }
    /** Heavy jobs in batches; their outputs are merged in discovery order. */
    async parse(jobs) {
        for (let i = 0; i < jobs.length; i += dispatch/* HEAVY_BATCH */.Zr) {
            const batch = jobs.slice(i, i + dispatch/* HEAVY_BATCH */.Zr);
            const done = this.dispatcher.heavy(batch);
            batch.forEach((job, k) => this.outputs.set(job.index * 2 + 1, done.then((results) => this.mergeHeavy(results[k]))));
        }
        await this.mergeOutputs();
    }
    mergeHeavy(r) {
        // Readable in the light step, gone since: said, not skipped silently.
        if (r.unreadable)
            this.notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
        for (const id of r.given)
            this.analyzedBy(id).add(r.rel);
        if (r.given.length && this.prefilteredOut.delete(r.rel))
            this.stats.prefilteredOut--;
        return r.output;
    }
    /** Load TypeScript ahead of the first parse once a file shows that some script will need a tree. */
    warmWhenNeeded(r) {
        if (this.warmed)
            return;
        const packages = this.setup.detectors.flatMap((d) => (d.needs.ast ? (d.imports?.packages ?? []) : []));
        const needsTree = Boolean(r.gate?.wanted.length) ||
            Boolean(r.imports?.some((ref) => (0,gate/* importsPackage */.pt)(ref.specifier, packages))) ||
            (r.rel.endsWith("package.json") && packages.some((p) => r.configText?.includes(`"${p}`)));
        if (!needsTree)
            return;
        this.warmed = true;
        this.dispatcher.warm();
    }
    async flushLight() {
        if (!this.batch.length)
            return;
        this.lightQueue.push(this.dispatcher.light(this.batch));
        this.batch = [];
        // Bounded memory and prompt merging: never let many batches wait unmerged. In this thread alone,
        // merge as we go (the work only runs while we wait).
        while (this.lightQueue.length - this.merged > (this.dispatcher.inThreadOnly ? 0 : dispatch/* MAX_LIGHT_IN_FLIGHT */.bC))
            await this.mergeNextLight();
    }
    async mergeNextLight() {
        if (this.merged >= this.lightQueue.length)
            return;
        for (const r of await this.lightQueue[this.merged++])
            this.mergeFile(r);
    }
    async drainLight() {
        while (this.merged < this.lightQueue.length)
            await this.mergeNextLight();
    }
    analyzedBy(id) {
        let set = this.given.get(id);
        if (!set)
            this.given.set(id, (set = new Set()));
        return set;
    }
    mergeFile(r) {
        const { project, stats } = this;
        this.phases.add("read", r.millis.read);
        this.phases.add("facts", r.millis.facts);
        this.phases.add("prefilter", r.millis.prefilter);
        if (r.unreadable) {
            // Reported once: a file asked for again by a demand-driven round is already known.
            if (project.files.has(r.rel))
                return;
            stats.skipped++;
            this.notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
            project.addFile({ path: r.rel, kind: r.kind, gitIgnored: r.gitIgnored });
            return;
        }
        this.warmWhenNeeded(r);
        if (!project.files.has(r.rel)) {
            stats.read++;
            if (r.textOnly)
                stats.skipped++;
            if (r.prefilteredOut) {
                stats.prefilteredOut++;
                this.prefilteredOut.add(r.rel);
            }
            project.addFile({
                path: r.rel,
                kind: r.kind,
                gitIgnored: r.gitIgnored,
                imports: r.imports,
                directives: r.directives,
                ...(r.hints ? { hints: r.hints } : {}),
                ...(r.exports ? { exports: r.exports } : {}),
            });
            if (r.configText !== undefined) {
                try {
                    if (r.rel.endsWith("package.json"))
                        project.addPackageJson(r.rel, r.configText);
                    else
                        project.addTsconfig(r.rel, r.configText);
                }
                catch (err) {
                    this.notifications.push({
                        level: "warning",
                        id: "config-unreadable",
                        file: r.rel,
                        message: `could not be read as JSON: ${err.message}`,
                    });
                }
            }
            if (r.env)
                project.addEnvFile(r.env);
            this.suppressions.push(...r.suppressions);
        }
        this.notifications.push(...r.notes);
        for (const id of r.given)
            this.analyzedBy(id).add(r.rel);
        if (r.output)
            this.outputs.set(r.index * 2, Promise.resolve(r.output));
        if (r.gate)
            this.words.set(r.rel, { index: r.index, gate: r.gate });
    }
    /** Every file's facts are in: resolve the import graph (while the tree lane finishes parsing). */
    resolveGraph() {
        for (const p of this.phases.time("facts", () => this.project.finish()))
            this.notifications.push({ level: "warning", id: "config-unreadable", ...p });
    }
    async mergeOutputs() {
        const ready = [...this.outputs.keys()].sort((a, b) => a - b);
        for (const index of ready) {
            const output = await this.outputs.get(index);
            this.outputs.delete(index);
            if (!output)
                continue;
            const file = output.file;
            this.phases.add("parse", output.parseMillis);
            this.phases.add("detectors", output.detectMillis);
            if (output.parsed)
                this.stats.parsed++;
            if (output.notifications.some((n) => n.id === "parse-failed"))
                this.stats.skipped++;
            this.raw.push(...output.findings);
            this.secrets.addAll(output.secrets);
            this.notifications.push(...output.notifications);
            this.internalErrors += output.notifications.filter((n) => n.id === "detector-error").length;
            for (const { detector, fact } of output.facts) {
                let list = this.facts.get(detector);
                if (!list)
                    this.facts.set(detector, (list = []));
                list.push({ file, fact });
            }
        }
    }
    projectContext(detector) {
        return {
            project: this.project,
            facts: this.facts.get(detector.id) ?? [],
            options: this.config.detectorOptions[detector.id] ?? {},
            report: (f) => this.raw.push({ ...f, rule: detector.rule }),
            history: this.setup.history,
            notify: (n) => this.notifications.push(n),
            progress: (m) => this.setup.onProgress?.(this.secrets.scrub(m)),
            secret: (v) => this.secrets.add(v),
        };
    }
    /** A detector's failure in a project-wide step: a notification, never the end of the scan. */
    detectorFailed(detector, what, err) {
        this.internalErrors++;
        this.notifications.push({
            level: "error",
            id: "detector-error",
            message: `detector ${detector.id} failed ${what}: ${(0,analyze/* describe */.q)(err)}`,
        });
    }
    /**
     * Demand-driven rounds: files detectors ask for once they have seen the rest (see Detector.select).
     * Every detector asks in each round; a file asked for by several is parsed once for all of them. A
     * round ends the loop when nobody asks for a file it has not had, and there are MAX_SELECT_ROUNDS
     * at most, so the rounds always end.
     */
    async demandRounds() {
        this.setup.onPhase?.("project", this.stats);
        const started = performance.now();
        const limit = (0,budget/* hardLimit */.T4)(this.config.budgets.maxProjectMillis);
        let asking = this.setup.detectors.filter((d) => d.select);
        for (let round = 0; round < MAX_SELECT_ROUNDS && asking.length; round++) {
            const wantedBy = new Map();
            asking = asking.filter((detector) => {
                const seen = this.analyzedBy(detector.id);
                let wanted;
                try {
                    wanted = (0,budget/* withTimeout */.wj)(() => [...detector.select(this.projectContext(detector))], limit).filter((f) => !seen.has(f) && (0,file_kinds/* isParsable */.xk)(this.project.files.get(f)?.kind ?? "text"));
                }
                catch (err) {
                    this.detectorFailed(detector, "choosing files", err);
                    return false;
                }
                for (const rel of wanted) {
                    seen.add(rel);
                    const ids = wantedBy.get(rel);
                    if (ids)
                        ids.push(detector.id);
                    else
                        wantedBy.set(rel, [detector.id]);
                }
                return wanted.length > 0;
            });
            await this.parse([...wantedBy.keys()].sort().map((rel) => {
                const summary = this.project.files.get(rel);
                return {
                    index: this.nextIndex++,
                    abs: external_node_path_.join(this.setup.srcRoot, rel),
                    rel,
                    kind: summary.kind,
                    gitIgnored: summary.gitIgnored,
                    only: wantedBy.get(rel),
                };
            }));
        }
        this.phases.add("detectors", performance.now() - started);
    }
    async projectPhase() {
        const started = performance.now();
        const limit = (0,budget/* hardLimit */.T4)(this.config.budgets.maxProjectMillis);
        for (const detector of this.setup.detectors) {
            if (!detector.analyzeProject)
                continue;
            for (let attempt = 0;; attempt++) {
                // Reports are kept until the phase succeeds: a phase run again must not report twice.
                const reports = [];
                const notes = [];
                const ctx = {
                    ...this.projectContext(detector),
                    report: (f) => reports.push({ ...f, rule: detector.rule }),
                    notify: (n) => notes.push(n),
                };
                try {
                    await (0,budget/* withTimeout */.wj)(() => detector.analyzeProject(ctx), limit);
                    this.raw.push(...reports);
                    this.notifications.push(...notes);
                }
                catch (err) {
                    if (err instanceof parse.TypeScriptNotLoaded && attempt === 0) {
                        // Files are parsed in workers; this thread loads TypeScript only for a phase that needs it.
                        const t = performance.now();
                        await (0,parse.loadTypeScript)();
                        this.phases.add("load TypeScript", performance.now() - t);
                        continue;
                    }
                    this.detectorFailed(detector, "in its project phase", err);
                }
                break;
            }
        }
        this.phases.add("detectors", performance.now() - started);
    }
    finalize() {
        const { config } = this;
        const { srcRoot, now } = this.setup;
        const records = [];
        const findings = this.phases.time("finalize", () => (0,finalize/* finalizeFindings */.jj)(this.raw, config, this.secrets, (file) => {
            // A finding's path may come from git history (a crafted `..` entry, a file since replaced by a
            // link to /etc/passwd or a FIFO): only regular files inside a scanned path are read again.
            const abs = external_node_path_.resolve(srcRoot, file);
            if (!this.setup.roots.some((r) => (0,files/* isInside */.FK)(abs, r)) || (0,files/* realpathOrUndefined */.vz)(abs) !== abs)
                return undefined;
            const r = (0,read/* readFile */.TA)(abs, "text", config.budgets);
            return r.ok ? r.text : undefined;
        }));
        this.phases.time("finalize", () => {
            this.notifications.push(...(0,suppressions/* applySuppressions */.px)(findings, this.suppressions, (rule) => !config.disabledRules.has(rule), now));
            // Nothing leaves the scan unredacted; baselines are written from (and compared with) redacted paths.
            const scrub = (text) => this.secrets.scrub(text);
            (0,finalize/* redactOutputs */.US)(findings, this.notifications, scrub);
            records.push(...(0,suppressions/* inlineRecords */.y3)(this.suppressions));
            const baseline = this.setup.baseline ?? config.baseline;
            if (baseline)
                this.notifications.push(...hideBaselined(findings, baseline, srcRoot, scrub, now, records));
            // --list-suppressions shows each comment's file and reason: redacted like every other output.
            for (const r of records)
                Object.assign(r, { file: scrub(r.file), reason: scrub(r.reason) });
        });
        return { findings, records };
    }
}
/** Hide the findings a baseline file lists; its records go to `records`. Returns the notifications. */
function hideBaselined(findings, file, srcRoot, scrub, now, records) {
    const source = scrub(external_node_path_.relative(srcRoot, file).split(external_node_path_.sep).join("/"));
    const entries = (0,baseline/* readBaseline */.mF)(file, scrub);
    const { hidden, notes } = (0,baseline/* applyBaseline */.Qp)(findings, entries, source, now);
    records.push(...(0,baseline/* baselineRecords */.QN)(entries, source, now));
    return [
        ...notes,
        {
            level: "note",
            id: "baseline",
            message: `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by the baseline ${source}`,
        },
    ];
}

;// CONCATENATED MODULE: ./src/engine/scan.ts
/**
 * The scan's entry: options resolved (roots, source root, configuration, detectors, worker count), then
 * one ScanSession runs the phases (session.ts) over the lanes that do the file work (lanes.ts,
 * scheduled by dispatch.ts).
 */











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
        : ((0,work_tree/* gitTopLevel */.oB)(firstDir) ?? firstDir);
    // Files are processed by worker threads when the bundle is running (see lanes.ts); custom detectors
    // given by a caller exist only here, so they keep everything in this thread.
    const workers = options.workers ??
        (options.detectors || !(0,lanes.workerScriptPath)() ? 0 : Math.max(1, Math.min(4, external_node_os_.availableParallelism())));
    const session = new ScanSession({
        roots,
        srcRoot,
        config,
        detectors,
        lanes: (0,lanes.scanLanes)(workers, detectors, {
            options: config.detectorOptions,
            budgets: config.budgets,
            testPaths: config.testPaths,
        }),
        baseline: options.baseline,
        history: options.history,
        onProgress: options.onProgress,
        onPhase: options.onPhase,
        now: options.now ?? new Date(),
    });
    let result;
    try {
        result = await session.run();
    }
    finally {
        (0,lanes.discardPrestarted)();
    }
    return { srcRoot, roots, ...result, startedAt, finishedAt: new Date(), config };
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

/***/ 1123:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ noteRepeatedCredentials),
/* harmony export */   q: () => (/* binding */ countCredentials)
/* harmony export */ });
/** Places named in one message; the rest are counted. */
const MAX_LISTED = 5;
function placeOf(f) {
    return `${f.location.file}:${f.location.range.startLine}`;
}
/**
 * Append "The same credential is also in a.ts:2, b.ts:7." to every finding whose credential other
 * findings hold too (at another line; two checks on one line are one place). Findings are changed in
 * place; their order does not matter.
 */
function noteRepeatedCredentials(findings) {
    const holders = new Map();
    for (const f of findings)
        for (const id of new Set((f.credentials ?? []).map((c) => c.id))) {
            let list = holders.get(id);
            if (!list)
                holders.set(id, (list = []));
            list.push(f);
        }
    for (const f of findings) {
        const ids = new Set((f.credentials ?? []).map((c) => c.id));
        if (ids.size === 0)
            continue;
        const own = placeOf(f);
        const others = new Set();
        for (const id of ids)
            for (const g of holders.get(id) ?? [])
                if (placeOf(g) !== own)
                    others.add(placeOf(g));
        if (others.size === 0)
            continue;
        const sorted = [...others].sort(comparePlaces);
        const shown = sorted.slice(0, MAX_LISTED).join(", ");
        const more = sorted.length > MAX_LISTED ? ` and ${sorted.length - MAX_LISTED} more places` : "";
        const what = ids.size === 1 ? "The same credential is" : "The same credentials are";
        f.message = `${f.message.replace(/\s+$/, "")} ${what} also in ${shown}${more}.`;
    }
}
/** `a.ts:10` before `a.ts:9`? No: by file, then by line as a number. */
function comparePlaces(a, b) {
    const [fa, la] = [a.slice(0, a.lastIndexOf(":")), Number(a.slice(a.lastIndexOf(":") + 1))];
    const [fb, lb] = [b.slice(0, b.lastIndexOf(":")), Number(b.slice(b.lastIndexOf(":") + 1))];
    return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}
/** Distinct credentials among the findings given (callers pass the open ones). */
function countCredentials(findings) {
    const ids = new Set();
    for (const f of findings)
        for (const c of f.credentials ?? [])
            ids.add(c.id);
    return ids.size;
}


/***/ })

};
;