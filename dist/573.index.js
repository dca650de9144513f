"use strict";
exports.id = 573;
exports.ids = [573];
exports.modules = {

/***/ 138:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   q: () => (/* binding */ describe),
/* harmony export */   x: () => (/* binding */ analyzeFile)
/* harmony export */ });
/* harmony import */ var _sfc__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4724);
/* harmony import */ var _text__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1655);
/* harmony import */ var _file_kinds__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5156);
/* harmony import */ var _parse__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2333);
/* harmony import */ var _budget__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7977);
/* harmony import */ var _test_code__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3076);






async function analyzeFile(input, detectors, keywords, options, maxFileMillis, tests = new _test_code__WEBPACK_IMPORTED_MODULE_3__/* .TestCode */ .O([])) {
    const out = {
        file: input.path,
        findings: [],
        facts: [],
        secrets: [],
        notifications: [],
        parsed: false,
        parseMillis: 0,
        detectMillis: 0,
    };
    const lines = new _text__WEBPACK_IMPORTED_MODULE_4__/* .LineIndex */ .r(input.text);
    let textOnly = Boolean(input.textOnly);
    let blocks;
    let sourceFile;
    let ts;
    const wantsAst = !textOnly && (0,_file_kinds__WEBPACK_IMPORTED_MODULE_0__/* .isParsable */ .xk)(input.kind) && detectors.some((d) => d.needs.ast);
    if (wantsAst) {
        const t = performance.now();
        ts = await (0,_parse__WEBPACK_IMPORTED_MODULE_1__.loadTypeScript)();
        (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .markStep */ .OL)();
        try {
            let parseText = input.text;
            let sfc;
            if (input.kind === "sfc") {
                const masked = (0,_sfc__WEBPACK_IMPORTED_MODULE_5__/* .maskSfc */ .J)(input.path, input.text);
                parseText = masked.text;
                blocks = masked.blocks;
                sfc = masked;
            }
            sourceFile = (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .withTimeout */ .wj)(() => (0,_parse__WEBPACK_IMPORTED_MODULE_1__.parseSource)(input.path, parseText, input.kind, sfc), (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .hardLimit */ .T4)(maxFileMillis));
            out.parsed = true;
            const diagnostics = sourceFile.parseDiagnostics ?? [];
            if (diagnostics.length) {
                out.notifications.push({
                    level: "note",
                    id: "syntax-errors",
                    file: input.path,
                    message: `${diagnostics.length} syntax error(s): the parser recovered, results for this file may be incomplete`,
                });
            }
        }
        catch (err) {
            textOnly = true;
            const why = err instanceof RangeError
                ? "nesting too deep for the parser"
                : err instanceof _budget__WEBPACK_IMPORTED_MODULE_2__/* .StepTimedOut */ .G5
                    ? `parsing ${err.message}`
                    : err.message;
            out.notifications.push({
                level: "warning",
                id: "parse-failed",
                file: input.path,
                message: `could not be parsed (${why}): credential patterns only`,
            });
        }
        out.parseMillis = performance.now() - t;
    }
    const t = performance.now();
    const isTest = tests.has(input.path);
    const memos = new Map();
    for (const detector of detectors) {
        if ((isTest && detector.skipTests) || detector.skipPaths?.some((p) => p.test(input.path)))
            continue;
        const ctx = {
            path: input.path,
            kind: input.kind,
            text: input.text,
            lines,
            keywords: new Set(detector.keywords.filter((k) => keywords.has(k))),
            textOnly,
            blocks,
            gitIgnored: input.gitIgnored,
            isTest,
            ts: detector.needs.ast ? ts : undefined,
            sourceFile: detector.needs.ast ? sourceFile : undefined,
            options: options[detector.id] ?? {},
            report: (r) => {
                if (!(r.check in detector.checks))
                    throw new Error(`unknown check "${r.check}"`);
                out.findings.push({
                    rule: detector.rule,
                    check: r.check,
                    location: { file: input.path, range: lines.range(r.start, r.end) },
                    message: r.message,
                    confidence: r.confidence ?? "high",
                    ...(r.severity ? { severity: r.severity } : {}),
                    ...(r.related?.length ? { related: r.related } : {}),
                    ...(r.credentials?.length ? { credentials: r.credentials } : {}),
                });
            },
            location: (start, end, message) => ({
                file: input.path,
                range: lines.range(start, end),
                ...(message ? { message } : {}),
            }),
            secret: (value) => {
                out.secrets.push(value);
            },
            fact: (fact) => {
                out.facts.push({ detector: detector.id, fact });
            },
            memo(key, build) {
                if (!memos.has(key))
                    memos.set(key, build());
                return memos.get(key);
            },
        };
        (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .startFileBudget */ .Eb)(maxFileMillis);
        try {
            if (detector.analyzeFile)
                (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .withTimeout */ .wj)(() => detector.analyzeFile(ctx), (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .hardLimit */ .T4)(maxFileMillis));
        }
        catch (err) {
            out.notifications.push(err instanceof _budget__WEBPACK_IMPORTED_MODULE_2__/* .BudgetExceeded */ .L$ || err instanceof _budget__WEBPACK_IMPORTED_MODULE_2__/* .StepTimedOut */ .G5
                ? {
                    level: "warning",
                    id: "file-time-budget",
                    file: input.path,
                    message: `${detector.id} stopped early: ${err.message}`,
                }
                : {
                    level: "error",
                    id: "detector-error",
                    file: input.path,
                    message: `detector ${detector.id} failed on this file: ${describe(err)}`,
                });
        }
        finally {
            (0,_budget__WEBPACK_IMPORTED_MODULE_2__/* .clearFileBudget */ .$Z)();
        }
    }
    out.detectMillis = performance.now() - t;
    return out;
}
/** An error as one line, with the first stack frame that is ours, for bug reports. */
function describe(err) {
    if (!(err instanceof Error))
        return String(err);
    const frame = err.stack
        ?.split("\n")
        .find((l) => l.includes("/src/") || l.includes("dist/index.js"))
        ?.trim();
    return `${err.name}: ${err.message}${frame ? ` (${frame})` : ""}`;
}


/***/ }),

/***/ 7858:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fz: () => (/* binding */ LaneFailure),
/* harmony export */   Zr: () => (/* binding */ HEAVY_BATCH),
/* harmony export */   bC: () => (/* binding */ MAX_LIGHT_IN_FLIGHT),
/* harmony export */   mk: () => (/* binding */ Dispatcher),
/* harmony export */   qu: () => (/* binding */ LIGHT_BATCH)
/* harmony export */ });
/* harmony import */ var _budget__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7977);
/* harmony import */ var _file_job__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9357);
/**
 * The scan's scheduler: one dispatch loop that hands file work to lanes, whichever threads they are.
 *
 * Two kinds of work: light batches (read, lex, prefilter, text-only detectors: every file) and heavy
 * batches (parse and run the syntax-tree detectors: the few files that need a tree). A lane is a worker
 * thread or the main thread itself; the same loop drives both, so a scan without workers (tests running
 * the TypeScript sources, custom detectors) goes through the same policy as the bundle's. The policy:
 * - light work goes to the least loaded worker lane, but not to the tree lane once there is one (it has
 *   TypeScript loaded and parses), nor anywhere but this thread before the first script starts workers;
 * - heavy work is pulled: the tree lane keeps HEAVY_DEPTH batches in hand; an idle worker takes heavy
 *   work too once every file is read and the backlog is long enough to pay for its own TypeScript load;
 * - without workers, or when none is left, this thread does everything.
 *
 * The watchdog: a worker publishes which item it is on and since when (a shared buffer, no messages);
 * an item over its budget gets its lane terminated and replaced, is reported as abandoned, and the rest
 * of that lane's work is queued again. Each death removes one item, so the scan always ends.
 */


/** Files per light batch. */
const LIGHT_BATCH = 32;
/** Files per heavy (parsing) batch. */
const HEAVY_BATCH = 4;
/** Light batches submitted and not yet merged, at most (bounded memory, prompt merging). */
const MAX_LIGHT_IN_FLIGHT = 64;
/** Heavy batches a lane holds at once: one running and one waiting, so it never idles between them. */
const HEAVY_DEPTH = 2;
/** Below this much waiting parsing (estimated), a second lane would finish after the tree lane anyway. */
const STEAL_BACKLOG_MS = 1500;
/** Worker replacements after deaths, at most; then the work left is done in this thread. */
const MAX_REPLACEMENTS = 4;
const WATCHDOG_INTERVAL_MS = 200;
/** Why a lane did not answer a request. */
class LaneFailure extends Error {
    dead;
    constructor(message, 
    /** The lane is gone (its thread exited or was terminated); otherwise only this request failed. */
    dead) {
        super(message);
        this.dead = dead;
    }
}
class Dispatcher {
    factory;
    options;
    lanes = [];
    local;
    waiting = [];
    nextId = 0;
    workersStarted = false;
    replacements = 0;
    readingDone = false;
    watchdog;
    /** Running average of a parsed file's cost, for the stealing decision. */
    averageMs = 5;
    observed = 0;
    closed = false;
    constructor(factory, options) {
        this.factory = factory;
        this.options = options;
    }
    /** Whether all work runs in this thread (no workers configured). */
    get inThreadOnly() {
        return this.factory.workers === 0;
    }
    /** Start the worker lanes (the first script is in sight); before that light work runs here. */
    startWorkers() {
        if (this.workersStarted || this.factory.workers === 0)
            return;
        this.workersStarted = true;
        for (let i = 0; i < this.factory.workers; i++)
            this.addWorker();
        this.pump();
    }
    /** Some file will need a tree: have a lane load TypeScript now rather than at its first parse. */
    warm() {
        const lane = this.treeLane() ?? this.designate();
        lane?.lane.warm();
    }
    light(items) {
        return this.submit({ kind: "light", items });
    }
    heavy(items) {
        return this.submit({ kind: "heavy", items });
    }
    /** Every file has been read: idle lanes may now help with a long parsing backlog. */
    doneReading() {
        this.readingDone = true;
        this.pump();
    }
    async close() {
        this.closed = true;
        if (this.watchdog)
            clearInterval(this.watchdog);
        for (const s of this.lanes)
            if (!s.dead && s.worker)
                s.lane.terminate("scan finished");
    }
    submit(work) {
        return new Promise((resolve) => {
            if (!work.items.length)
                return resolve([]);
            this.waiting.push({
                work,
                results: work.items.map(() => undefined),
                pending: work.items.map((_, i) => i),
                resolve,
            });
            this.pump();
        });
    }
    addWorker() {
        const state = {
            lane: this.factory.startWorker(),
            worker: true,
            dead: false,
            trees: false,
            light: 0,
            heavy: 0,
            requests: new Map(),
        };
        this.lanes.push(state);
        return state;
    }
    localLane() {
        return (this.local ??= {
            lane: this.factory.inThread(),
            worker: false,
            dead: false,
            trees: this.factory.workers === 0,
            light: 0,
            heavy: 0,
            requests: new Map(),
        });
    }
    workerLanes() {
        return this.lanes.filter((s) => !s.dead);
    }
    treeLane() {
        if (this.factory.workers === 0)
            return this.localLane();
        return this.workerLanes().find((s) => s.trees);
    }
    /** Choose the lane that parses: the least loaded worker (starting workers if need be). */
    designate() {
        if (this.factory.workers === 0)
            return this.localLane();
        this.startWorkers();
        const alive = this.workerLanes();
        if (!alive.length)
            return undefined;
        const lane = alive.reduce((best, s) => (load(s) < load(best) ? s : best), alive[0]);
        lane.trees = true;
        return lane;
    }
    laneForLight() {
        const alive = this.workerLanes();
        const others = alive.filter((s) => !s.trees);
        if (!others.length)
            return this.localLane();
        return others.reduce((best, s) => (load(s) < load(best) ? s : best), others[0]);
    }
    /** The lane for the next heavy batch; null to wait for one to free up. */
    laneForHeavy() {
        const tree = this.treeLane() ?? this.designate();
        if (!tree)
            return this.localLane();
        if (!tree.worker || tree.heavy < HEAVY_DEPTH * HEAVY_BATCH)
            return tree;
        const idle = this.workerLanes().find((s) => s !== tree && s.light === 0 && s.heavy < HEAVY_DEPTH * HEAVY_BATCH);
        if (!idle)
            return null;
        if (idle.heavy > 0)
            return idle;
        const backlogMs = this.waiting.reduce((n, t) => n + (t.work.kind === "heavy" ? t.pending.length : 0), 0) * this.averageMs;
        return this.readingDone && backlogMs > STEAL_BACKLOG_MS ? idle : null;
    }
    pump() {
        if (this.closed)
            return;
        for (let i = 0; i < this.waiting.length;) {
            const task = this.waiting[i];
            const lane = task.work.kind === "light" ? this.laneForLight() : this.laneForHeavy();
            if (!lane) {
                i++;
                continue;
            }
            this.waiting.splice(i, 1);
            this.send(lane, task);
        }
    }
    send(state, task) {
        const id = this.nextId++;
        const items = [...task.pending];
        const work = { kind: task.work.kind, items: items.map((i) => task.work.items[i]) };
        const heavy = work.kind === "heavy";
        state.requests.set(id, { task, items });
        if (heavy)
            state.heavy += items.length;
        else
            state.light += items.length;
        if (state.worker)
            this.armWatchdog();
        state.lane.run(id, work).then((results) => {
            if (!state.requests.delete(id))
                return;
            this.release(state, heavy, items.length);
            items.forEach((index, k) => {
                task.results[index] = results[k];
                if (heavy)
                    this.observe(results[k]);
            });
            task.pending = task.pending.filter((i) => !items.includes(i));
            if (!task.pending.length)
                task.resolve(task.results);
            else
                this.waiting.unshift(task);
            this.pump();
        }, (err) => {
            if (!state.requests.has(id))
                return;
            const failure = err instanceof LaneFailure ? err : new LaneFailure(String(err), false);
            if (failure.dead)
                this.bury(state, failure.message);
            else {
                // The lane lives but could not do this request: redo it in this thread.
                state.requests.delete(id);
                this.release(state, heavy, items.length);
                this.problem(`${failure.message}; its files were processed in the main thread`);
                this.send(this.localLaneFor(heavy), task);
            }
            this.pump();
        });
    }
    /** This thread's lane, made able to parse when it must take heavy work. */
    localLaneFor(heavy) {
        const local = this.localLane();
        if (heavy)
            local.trees = true;
        return local;
    }
    release(state, heavy, n) {
        if (heavy)
            state.heavy -= n;
        else
            state.light -= n;
    }
    /**
     * A lane is gone: the item it was on is abandoned (reported, never retried: that is what makes the
     * scan end), everything else it held is queued again, and a replacement is started while allowed.
     */
    bury(state, why, overBudget) {
        if (state.dead)
            return;
        state.dead = true;
        const at = state.lane.progress();
        const requests = [...state.requests.entries()].sort(([a], [b]) => b - a);
        state.requests.clear();
        for (const [id, { task, items }] of requests) {
            if (at && at.request === id && items[at.item] !== undefined) {
                const index = items[at.item];
                task.results[index] = overBudget
                    ? abandoned(task.work, index, "file-time-budget", overBudget)
                    : abandoned(task.work, index, "file-abandoned", `abandoned: the worker thread scanning it stopped (${why})`);
                task.pending = task.pending.filter((i) => i !== index);
            }
            if (task.pending.length)
                this.waiting.unshift(task);
            else
                task.resolve(task.results);
        }
        this.problem(overBudget ? `a worker thread was replaced: ${why}` : `a worker thread stopped: ${why}; its files were redone`);
        if (state.worker && this.replacements < MAX_REPLACEMENTS && !this.closed) {
            this.replacements++;
            this.addWorker();
        }
    }
    problem(message) {
        this.options.onProblem?.(message);
    }
    observe(r) {
        const o = r?.output;
        if (!o)
            return;
        this.observed++;
        this.averageMs += (o.parseMillis + o.detectMillis - this.averageMs) / Math.min(this.observed, 50);
    }
    armWatchdog() {
        if (this.watchdog)
            return;
        this.watchdog = setInterval(() => this.checkLanes(), WATCHDOG_INTERVAL_MS);
        this.watchdog.unref?.();
    }
    /** The watchdog's round: terminate and replace any worker stuck on one item past the limit. */
    checkLanes(now = Date.now()) {
        for (const state of this.workerLanes()) {
            if (!state.worker || !state.requests.size)
                continue;
            const at = state.lane.progress();
            if (!at || now - at.since <= this.options.stepLimitMs)
                continue;
            const limit = (0,_budget__WEBPACK_IMPORTED_MODULE_0__/* .seconds */ .YA)(this.options.stepLimitMs);
            state.lane.terminate("over the time budget");
            this.bury(state, `one file ran over the ${limit} time budget`, `abandoned: one step took over ${limit} (the time budget); the rest of the scan went on`);
        }
        this.pump();
    }
}
function load(s) {
    // A parse costs about as much as reading and lexing a batch of files.
    return s.light + s.heavy * 8;
}
/** The result for an item given up on: reported, never silently dropped. */
function abandoned(work, index, id, message) {
    const job = work.items[index];
    const result = (0,_file_job__WEBPACK_IMPORTED_MODULE_1__/* .emptyResult */ .$)(job);
    if (work.kind === "light")
        result.unreadable = { id, message: `not scanned: ${message}` };
    else {
        result.heavy = true;
        result.output = {
            file: job.rel,
            findings: [],
            facts: [],
            secrets: [],
            notifications: [{ level: "warning", id, file: job.rel, message }],
            parsed: false,
            parseMillis: 0,
            detectMillis: 0,
        };
    }
    return result;
}


/***/ }),

/***/ 7012:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ parseDay),
/* harmony export */   _: () => (/* binding */ isExpired)
/* harmony export */ });
/**
 * Suppressions that expire (inline `(until 2027-03-01)`, baseline `expires`): a date is a calendar day
 * in UTC, and a suppression stops applying at the start of that day, as trivy's `expired_at` does.
 */
/** `text` if it is a real calendar day written YYYY-MM-DD, else undefined. */
function parseDay(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
    if (!m)
        return undefined;
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    // Date.UTC rolls 2027-02-30 over to March 2: a day that does not exist is no date.
    return d.toISOString().slice(0, 10) === m[0] ? m[0] : undefined;
}
/** Whether a suppression valid until `day` (YYYY-MM-DD) no longer applies at `now`. */
function isExpired(day, now) {
    return now.getTime() >= Date.parse(`${day}T00:00:00Z`);
}


/***/ }),

/***/ 9357:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  t: () => (/* binding */ FileProcessor),
  $: () => (/* binding */ emptyResult)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/engine/read.ts
var engine_read = __webpack_require__(5404);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
// EXTERNAL MODULE: ./src/engine/env-file.ts
var env_file = __webpack_require__(124);
// EXTERNAL MODULE: ./src/engine/file-kinds.ts
var file_kinds = __webpack_require__(5156);
;// CONCATENATED MODULE: ./src/engine/module-scan.ts
/**
 * A cheap lexer that lists a module's imports and directives without building a syntax tree. It runs
 * on every script in the tree (the import graph needs all of them), so it must cost about as much as
 * reading the text: one pass that skips comments, strings, templates and regular expressions and
 * looks at `import`, `export … from` and `require(` where they can start a statement or expression.
 *
 * It must end on any input (the scanned repository is hostile): every step of the main loop moves
 * forward, and the look-ahead from an `import` or `export` keyword stops at the next such keyword (or
 * at a character no import clause holds), so two look-aheads never cover the same text and the whole
 * scan stays linear. The few regular expressions are anchored (sticky) and have no nested repetition.
 */
const IMPORT_BARE = /\s*(["'])([^"'\n]*)\1/y;
const IMPORT_CALL = /\s*\(\s*(["'`])([^"'`\n$]*)\1\s*[,)]/y;
// The brace run stops at "{" too, so the runs looked at from two `export {` never overlap.
const EXPORT_FROM = /\s*(type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^{}]*\})\s*from\s*(["'])([^"'\n]*)\3/y;
const REQUIRE_CALL = /\s*\(\s*(["'`])([^"'`\n$]*)\1\s*\)/y;
const DIRECTIVE_BODY = /^use [a-z ]+$/;
const REGEX_AFTER_KEYWORD = new Set([
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
]);
function isIdentStart(c) {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;
}
function isIdentPart(c) {
    return isIdentStart(c) || (c >= 48 && c <= 57);
}
function allTypeSpecifiers(clause) {
    const braces = /^\s*\{([^}]*)\}\s*$/.exec(clause);
    if (!braces)
        return false;
    const parts = braces[1]
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
    return parts.length > 0 && parts.every((p) => p.startsWith("type "));
}
function scanModule(text) {
    const imports = [];
    const directives = [];
    const exported = { names: [], known: true };
    readDirectives(text, directives);
    const n = text.length;
    const templateBraces = [];
    let braces = 0;
    // What came before the current token decides whether "/" starts a regular expression.
    let prevPunct = "";
    // The previous token when it was a word, as offsets (read only when a "/" needs it).
    let wordStart = -1;
    let wordEnd = -1;
    let i = 0;
    const skipTemplate = () => {
        // i is just after "`" or after the "}" closing a substitution.
        while (i < n) {
            const c = text.charCodeAt(i);
            if (c === 92)
                i += 2;
            else if (c === 96) {
                i++;
                return;
            }
            else if (c === 36 && text.charCodeAt(i + 1) === 123) {
                i += 2;
                braces++;
                templateBraces.push(braces);
                return;
            }
            else
                i++;
        }
    };
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13) {
            i++;
            continue;
        }
        if (c === 47) {
            const next = text.charCodeAt(i + 1);
            if (next === 47) {
                const end = text.indexOf("\n", i);
                i = end === -1 ? n : end;
                continue;
            }
            if (next === 42) {
                const end = text.indexOf("*/", i + 2);
                i = end === -1 ? n : end + 2;
                continue;
            }
            const regexAllowed = wordStart >= 0
                ? REGEX_AFTER_KEYWORD.has(text.slice(wordStart, wordEnd))
                : prevPunct === "" || "(,=:[!&|?{};+-*%<>~^".includes(prevPunct);
            if (regexAllowed) {
                i++;
                let inClass = false;
                while (i < n) {
                    const r = text.charCodeAt(i);
                    if (r === 92)
                        i += 2;
                    else if (r === 10)
                        break;
                    else if (r === 91) {
                        inClass = true;
                        i++;
                    }
                    else if (r === 93) {
                        inClass = false;
                        i++;
                    }
                    else if (r === 47 && !inClass) {
                        i++;
                        break;
                    }
                    else
                        i++;
                }
                while (i < n && isIdentPart(text.charCodeAt(i)))
                    i++;
                prevPunct = ")";
                wordStart = -1;
                continue;
            }
            i++;
            prevPunct = "/";
            wordStart = -1;
            continue;
        }
        if (c === 39 || c === 34) {
            i++;
            while (i < n) {
                const s = text.charCodeAt(i);
                if (s === 92)
                    i += 2;
                else if (s === c) {
                    i++;
                    break;
                }
                else if (s === 10)
                    break;
                else
                    i++;
            }
            prevPunct = ")";
            wordStart = -1;
            continue;
        }
        if (c === 96) {
            i++;
            skipTemplate();
            prevPunct = ")";
            wordStart = -1;
            continue;
        }
        if (isIdentStart(c)) {
            const start = i;
            while (i < n && isIdentPart(text.charCodeAt(i)))
                i++;
            const len = i - start;
            // Slicing every identifier would allocate a string per word; only the few that matter are read.
            if ((len === 6 || len === 7) && prevPunct !== ".") {
                const first = c;
                if (len === 6 && first === 105 && text.startsWith("import", start))
                    readImport(text, i, start, imports);
                else if (len === 6 && first === 101 && text.startsWith("export", start))
                    readExport(text, i, start, imports, exported);
                else if (len === 7 && first === 114 && text.startsWith("require", start))
                    readRequire(text, i, start, imports);
                else if ((len === 6 && first === 109 && text.startsWith("module", start) && text.startsWith(".exports", i)) ||
                    (len === 7 && first === 101 && text.startsWith("exports", start)))
                    exported.known = false;
            }
            wordStart = start;
            wordEnd = i;
            prevPunct = "";
            continue;
        }
        if (c >= 48 && c <= 57) {
            while (i < n && (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46))
                i++;
            prevPunct = ")";
            wordStart = -1;
            continue;
        }
        if (c === 123)
            braces++;
        else if (c === 125) {
            if (templateBraces.length && templateBraces[templateBraces.length - 1] === braces) {
                templateBraces.pop();
                braces--;
                i++;
                skipTemplate();
                prevPunct = ")";
                wordStart = -1;
                continue;
            }
            braces--;
        }
        prevPunct = text[i];
        wordStart = -1;
        i++;
    }
    return { imports, directives, ...(exported.known ? { exports: exported.names } : {}) };
}
const EXPORT_DECLARATION = /\s*(?:declare\s+)?(?:(default)\b|(?:async\s+)?function\s*\*?\s*([\w$]+)|(?:abstract\s+)?class\s+([\w$]+)|(?:const\s+)?enum\s+([\w$]+)|(?:type|interface|namespace)\s+([\w$]+)|(?:const|let|var)\s+([\w$]+)|(\{[^{}]*\})|(=|(?:const|let|var)\s*[{[]))/y;
/**
 * The directive prologue ("use client", "use server", …): string statements before anything else.
 * Hand-written rather than a regular expression: a pattern that skips comments with a lazy `*?`
 * inside a repetition backtracks exponentially on bundler banners (runs of slash-star comments), and each step
 * here moves forward.
 */
function readDirectives(text, out) {
    const n = text.length;
    let i = 0;
    for (;;) {
        i = skipTrivia(text, i);
        const quote = text.charCodeAt(i);
        if (quote !== 34 && quote !== 39)
            return;
        const end = text.indexOf(text[i], i + 1);
        if (end < 0)
            return;
        const body = text.slice(i + 1, end);
        if (!DIRECTIVE_BODY.test(body))
            return;
        out.push(body);
        i = end + 1;
        while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9))
            i++;
        if (text.charCodeAt(i) === 59)
            i++;
    }
}
/** The offset of the first character at or after i that is neither white space nor in a comment. */
function skipTrivia(text, i) {
    const n = text.length;
    while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff)
            i++;
        else if (c === 47 && text.charCodeAt(i + 1) === 47) {
            const end = text.indexOf("\n", i + 2);
            i = end < 0 ? n : end + 1;
        }
        else if (c === 47 && text.charCodeAt(i + 1) === 42) {
            const end = text.indexOf("*/", i + 2);
            i = end < 0 ? n : end + 2;
        }
        else
            break;
    }
    return i;
}
function readImport(text, at, start, out) {
    IMPORT_CALL.lastIndex = at;
    let m = IMPORT_CALL.exec(text);
    if (m) {
        out.push({ specifier: m[2], typeOnly: false, dynamic: true, start, end: IMPORT_CALL.lastIndex });
        return;
    }
    IMPORT_BARE.lastIndex = at;
    m = IMPORT_BARE.exec(text);
    if (m) {
        out.push({ specifier: m[2], typeOnly: false, dynamic: false, start, end: IMPORT_BARE.lastIndex });
        return;
    }
    const clause = readImportClause(text, at);
    if (clause)
        out.push({
            specifier: clause.specifier,
            typeOnly: clause.typeOnly,
            dynamic: false,
            start,
            end: clause.end,
            names: clause.names,
        });
}
const WORD = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/y;
/**
 * `import <clause> from "<specifier>"`, read forward from just after `import`: words, braces, commas,
 * `*`, white space and comments, up to `from` and a string. Gives up at any other character and at the
 * words `import` and `export` (where the next look-ahead starts), so look-aheads never overlap.
 */
function readImportClause(text, at) {
    const n = text.length;
    let i = skipTrivia(text, at);
    const clauseStart = i;
    let typeOnly = false;
    let first = true;
    for (;;) {
        i = skipTrivia(text, i);
        if (i >= n)
            return undefined;
        const c = text.charCodeAt(i);
        if (isIdentStart(c)) {
            WORD.lastIndex = i;
            const word = WORD.exec(text)[0];
            if (word === "import" || word === "export")
                return undefined;
            if (word === "from" && !first)
                break;
            const after = skipTrivia(text, i + word.length);
            // `import type X from`, `import type { X } from`; but `import type from "x"` imports a default named type.
            if (first && word === "type" && !text.startsWith("from", after))
                typeOnly = true;
            i += word.length;
        }
        else if (c === 123 || c === 125 || c === 44 || c === 42)
            i++;
        else
            return undefined;
        first = false;
    }
    const clause = text.slice(clauseStart, i).replace(/\/\*[^]*?\*\/|\/\/[^\n]*/g, " ");
    i = skipTrivia(text, i + 4);
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39)
        return undefined;
    let end = i + 1;
    while (end < n && text.charCodeAt(end) !== quote && text.charCodeAt(end) !== 10)
        end++;
    if (end >= n || text.charCodeAt(end) !== quote)
        return undefined;
    return {
        end: end + 1,
        specifier: text.slice(i + 1, end),
        typeOnly: typeOnly || allTypeSpecifiers(clause),
        names: importedNames(typeOnly ? clause.replace(/^\s*type\s+/, "") : clause),
    };
}
/** `x, { a, b as c, type d }` → ["default", "a", "b", "d"]; `* as ns` → ["*"]. */
function importedNames(clause) {
    const names = [];
    const open = clause.indexOf("{");
    const close = clause.indexOf("}", open);
    const outside = open >= 0 && close > open ? clause.slice(0, open) + "," + clause.slice(close + 1) : clause;
    for (const part of outside.split(",")) {
        const p = part.trim();
        if (p)
            names.push(p.startsWith("*") ? "*" : "default");
    }
    if (open >= 0 && close > open)
        names.push(...specifierNames(clause.slice(open + 1, close), 0));
    return names;
}
/** The names in a `{ … }` list: the imported (index 0) or exported (index 1) side of each `a as b`. */
function specifierNames(list, side) {
    const names = [];
    for (const part of list.split(",")) {
        const words = part
            .trim()
            .replace(/^type\s+/, "")
            .split(/\s+as\s+/);
        const name = (words[side] ?? words[0]).trim();
        if (name)
            names.push(name);
    }
    return names;
}
function readExport(text, at, start, out, exported) {
    EXPORT_FROM.lastIndex = at;
    const m = EXPORT_FROM.exec(text);
    if (m) {
        out.push({
            specifier: m[4],
            typeOnly: Boolean(m[1]) || allTypeSpecifiers(m[2]),
            dynamic: false,
            start,
            end: EXPORT_FROM.lastIndex,
            reexport: true,
            names: m[2].startsWith("*") ? (/\bas\b/.test(m[2]) ? undefined : ["*"]) : specifierNames(m[2].slice(1, -1), 1),
        });
        return;
    }
    EXPORT_DECLARATION.lastIndex = at;
    const d = EXPORT_DECLARATION.exec(text);
    if (!d)
        return;
    if (d[1])
        exported.names.push("default");
    const name = d[2] ?? d[3] ?? d[4] ?? d[5] ?? d[6];
    if (name)
        exported.names.push(name);
    // `export { a, b as c };` (the `from` case was handled above).
    if (d[7])
        exported.names.push(...specifierNames(d[7].slice(1, -1), 1));
    // `export =`, `export const { a, b } = …`: names a tree would tell.
    if (d[8])
        exported.known = false;
}
function readRequire(text, at, start, out) {
    REQUIRE_CALL.lastIndex = at;
    const m = REQUIRE_CALL.exec(text);
    if (m)
        out.push({ specifier: m[2], typeOnly: false, dynamic: false, start, end: REQUIRE_CALL.lastIndex });
}

;// CONCATENATED MODULE: ./src/engine/prefilter.ts
class Prefilter {
    detectors;
    regex;
    /** Keyword → every keyword it contains (itself included), computed once. */
    contained = new Map();
    words;
    textWords;
    constructor(detectors, options = {}) {
        this.detectors = detectors;
        this.words = new Map(detectors.map((d) => [
            d,
            [...d.keywords, ...(d.optionKeywords?.(options[d.id] ?? {}) ?? [])].map((k) => k.toLowerCase()),
        ]));
        this.textWords = new Map(detectors.map((d) => [d, [...this.words.get(d), ...(d.textKeywords ?? []).map((k) => k.toLowerCase())]]));
        const all = [
            ...new Set([
                ...this.textWords.values(),
                ...detectors.map((d) => d.imports?.dependentKeywords ?? []),
                ...detectors.map((d) => d.hints ?? []),
            ].flat()),
        ];
        // Longest first, so that a keyword that extends another is still recorded when both occur.
        all.sort((a, b) => b.length - a.length);
        this.regex = all.length ? new RegExp(all.map(prefilter_escape).join("|"), "gi") : undefined;
        for (const k of all)
            this.contained.set(k, all.filter((w) => k.includes(w)));
    }
    /**
     * `tree`: the file may get a syntax tree (only `keywords` count then, not `textKeywords`).
     * `skip`: ranges of the text whose words do not count, in order (a script's import statements:
     * `@/lib/upstash` names a module of the project, which the import graph follows, not an Upstash fact).
     */
    match(text, kind, path, tree = false, skip = []) {
        const keywords = new Set();
        if (this.regex) {
            this.regex.lastIndex = 0;
            const seen = new Set();
            let r = 0;
            for (let m = this.regex.exec(text); m; m = this.regex.exec(text)) {
                while (r < skip.length && skip[r].end <= m.index)
                    r++;
                if (r < skip.length && skip[r].start <= m.index)
                    continue;
                seen.add(m[0].toLowerCase());
            }
            // A shorter keyword inside a longer match (e.g. "redis" in "@upstash/redis") still counts.
            for (const k of seen)
                for (const w of this.contained.get(k) ?? [k])
                    keywords.add(w);
        }
        const shapeHits = new Map();
        const shapeOccurs = (r) => {
            let hit = shapeHits.get(r);
            if (hit === undefined) {
                r.lastIndex = 0;
                hit = r.test(text);
                r.lastIndex = 0;
                shapeHits.set(r, hit);
            }
            return hit;
        };
        const detectors = [];
        const dependent = [];
        const hinted = [];
        for (const d of this.detectors) {
            if (!d.fileKinds.includes(kind))
                continue;
            if (d.hints?.some((k) => keywords.has(k)))
                hinted.push(d);
            const words = (tree ? this.words : this.textWords).get(d);
            const selective = words.length || d.patterns?.length || d.paths?.length || d.imports;
            if (!selective ||
                words.some((k) => keywords.has(k)) ||
                (d.patterns ?? []).some(shapeOccurs) ||
                (path !== undefined && (d.paths ?? []).some((r) => r.test(path))))
                detectors.push(d);
            else if (d.imports?.dependentKeywords?.some((k) => keywords.has(k)))
                dependent.push(d);
        }
        return { detectors, dependent, hinted, keywords };
    }
}
function prefilter_escape(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// EXTERNAL MODULE: ./src/engine/sfc.ts
var sfc = __webpack_require__(4724);
// EXTERNAL MODULE: ./src/engine/suppressions.ts
var suppressions = __webpack_require__(1656);
;// CONCATENATED MODULE: ./src/engine/file-job.ts
/**
 * Everything done to one discovered file, as one pure function of the file and the scan settings, in
 * two steps. The light step (every file): read it under the budgets, take its project facts (imports,
 * directives, package and tsconfig text, env keys) and inline suppressions, run the word gate, and run
 * the detectors that need no syntax tree; a script's parsing waits for the import graph (gate.ts). The
 * heavy step (the scripts the gate or a demand-driven round chose): read it again, parse it and run the
 * chosen detectors. Results are plain data; the same code runs in worker threads and in the main thread.
 */










const FACT_FILES = /(^|\/)(package\.json|(tsconfig|jsconfig)(\.[\w.-]+)?\.json)$/;
const TEMPLATE_ENV = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./;
class FileProcessor {
    settings;
    prefilter;
    byId;
    constructor(detectors, settings) {
        this.settings = settings;
        this.prefilter = new Prefilter(detectors, settings.options);
        this.byId = new Map(detectors.map((d) => [d.id, d]));
        this.tests = new test_code/* TestCode */.O(settings.testPaths ?? []);
    }
    tests;
    async process(job) {
        const out = emptyResult(job);
        let t = performance.now();
        const read = (0,engine_read/* readFile */.TA)(job.abs, job.kind, this.settings.budgets);
        out.millis.read = performance.now() - t;
        if (!read.ok) {
            out.unreadable = { id: read.id, message: read.message };
            return out;
        }
        const text = read.text;
        out.textOnly = Boolean(read.textOnly);
        const input = { path: job.rel, kind: job.kind, text, gitIgnored: job.gitIgnored, textOnly: read.textOnly };
        if (job.only) {
            out.heavy = true;
            if (out.textOnly)
                return out;
            const chosen = job.only.map((id) => this.byId.get(id)).filter(Boolean);
            out.given = chosen.map((d) => d.id);
            out.output = await this.analyze(input, chosen, this.prefilter.match(text, job.kind, job.rel, true).keywords);
            return out;
        }
        if (read.note)
            out.notes.push({ level: "note", id: read.note.id, file: job.rel, message: read.note.message });
        if (read.textOnly)
            out.notes.push({ level: "note", id: read.textOnly.id, file: job.rel, message: read.textOnly.message });
        t = performance.now();
        if (job.kind === "script" || job.kind === "sfc") {
            // Minified and generated files are leaves of the graph: nobody imports built output by relative path.
            if (!read.textOnly) {
                const scanned = scanModule(job.kind === "sfc" ? (0,sfc/* maskSfc */.J)(job.rel, text).text : text);
                out.imports = scanned.imports;
                out.directives = scanned.directives;
                if (scanned.exports)
                    out.exports = scanned.exports;
            }
        }
        else if (job.kind === "json" && FACT_FILES.test(job.rel)) {
            out.configText = text;
        }
        else if (job.kind === "env") {
            out.env = {
                path: job.rel,
                entries: (0,env_file/* parseEnvFile */.F)(text).map((e) => ({
                    name: e.name,
                    line: e.line,
                    nameStart: e.nameStart,
                    hasValue: e.value.trim() !== "",
                })),
                gitIgnored: job.gitIgnored,
                template: TEMPLATE_ENV.test(external_node_path_.posix.basename(job.rel).toLowerCase()),
            };
        }
        // Markdown and JSON hold no code comments: examples of the marker in docs are not suppressions.
        if (job.kind !== "text" && job.kind !== "json")
            out.suppressions = (0,suppressions/* parseSuppressions */.Q9)(job.rel, text, out.notes);
        out.millis.facts = performance.now() - t;
        t = performance.now();
        const parsable = (0,file_kinds/* isParsable */.xk)(job.kind) && !read.textOnly;
        const match = this.prefilter.match(text, job.kind, job.rel, parsable, out.imports);
        out.millis.prefilter = performance.now() - t;
        // Syntax-tree detectors of a script wait for the gate; everything else runs here, on the text.
        const now = parsable ? match.detectors.filter((d) => !d.needs.ast) : match.detectors;
        if (parsable) {
            out.gate = {
                wanted: match.detectors.filter((d) => d.needs.ast).map((d) => d.id),
                dependent: match.dependent.map((d) => d.id),
            };
            if (match.hinted.length)
                out.hints = match.hinted.map((d) => d.id);
        }
        if (now.length) {
            out.given = now.map((d) => d.id);
            out.output = await this.analyze(input, now, match.keywords);
        }
        else if (!parsable)
            out.prefilteredOut = true;
        return out;
    }
    analyze(input, detectors, keywords) {
        return (0,analyze/* analyzeFile */.x)(input, detectors, keywords, this.settings.options, this.settings.budgets.maxFileMillis, this.tests);
    }
}
/** A job's result before anything is known about the file (also what a given-up job reports). */
function emptyResult(job) {
    return {
        index: job.index,
        rel: job.rel,
        kind: job.kind,
        gitIgnored: job.gitIgnored,
        notes: [],
        textOnly: false,
        suppressions: [],
        prefilteredOut: false,
        given: [],
        millis: { read: 0, facts: 0, prefilter: 0 },
    };
}


/***/ }),

/***/ 3573:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   discardPrestarted: () => (/* binding */ discardPrestarted),
/* harmony export */   prestartWorker: () => (/* binding */ prestartWorker),
/* harmony export */   processorFor: () => (/* binding */ processorFor),
/* harmony export */   runWorker: () => (/* binding */ runWorker),
/* harmony export */   scanLanes: () => (/* binding */ scanLanes),
/* harmony export */   setWorkerScript: () => (/* binding */ setWorkerScript),
/* harmony export */   workerScriptPath: () => (/* binding */ workerScriptPath)
/* harmony export */ });
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _detectors_index__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7591);
/* harmony import */ var _code_cache__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2750);
/* harmony import */ var _analyze__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(138);
/* harmony import */ var _budget__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7977);
/* harmony import */ var _dispatch__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7858);
/* harmony import */ var _file_job__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9357);
/* harmony import */ var _parse__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2333);
/**
 * The lanes file work runs in (see dispatch.ts for who gets what): worker threads running the bundle
 * itself in worker mode, and this thread. A worker loads TypeScript only when it is first asked to
 * parse (or told to warm up), so a scan whose files need no syntax tree never pays for it.
 *
 * Workers run the bundle's own entry (it registers its path with `setWorkerScript`); without a bundle
 * (tests running the TypeScript sources) there are no workers and this thread does everything.
 */








let workerScript;
/** Called by the bundle's entry with its own path, so workers can start it in worker mode. */
function setWorkerScript(file) {
    workerScript = file;
}
function workerScriptPath() {
    return workerScript;
}
/**
 * Request id, item index and the epoch time the item's current step began, in shared memory: the
 * worker writes, the watchdog in the main thread reads, no message needed.
 */
class ProgressCell {
    ints;
    time;
    constructor(buffer) {
        this.ints = new Int32Array(buffer, 0, 2);
        this.time = new Float64Array(buffer, 8, 1);
    }
    static create() {
        const b = new SharedArrayBuffer(16);
        new Int32Array(b, 0, 2)[0] = -1;
        return b;
    }
    begin(request, item) {
        this.time[0] = Date.now();
        Atomics.store(this.ints, 1, item);
        Atomics.store(this.ints, 0, request);
    }
    touch() {
        this.time[0] = Date.now();
    }
    idle() {
        Atomics.store(this.ints, 0, -1);
    }
    read() {
        const request = Atomics.load(this.ints, 0);
        return request < 0 ? undefined : { request, item: Atomics.load(this.ints, 1), since: this.time[0] };
    }
}
/** A FileProcessor over registered detectors, chosen by id. */
function processorFor(detectorIds, settings) {
    const byId = new Map(_detectors_index__WEBPACK_IMPORTED_MODULE_1__/* .DETECTORS */ .c.map((d) => [d.id, d]));
    return new _file_job__WEBPACK_IMPORTED_MODULE_6__/* .FileProcessor */ .t(detectorIds.map((id) => byId.get(id)).filter(Boolean), settings);
}
/** Worker side: answer requests one at a time, in order, publishing progress for the watchdog. */
function runWorker(port, init) {
    const progress = new ProgressCell(init.progress);
    (0,_budget__WEBPACK_IMPORTED_MODULE_4__/* .onStep */ .et)(() => progress.touch());
    let processor = init.detectorIds && init.settings ? processorFor(init.detectorIds, init.settings) : undefined;
    let chain = Promise.resolve();
    port.on("message", (msg) => {
        if ("configure" in msg) {
            processor = processorFor(msg.configure.detectorIds, msg.configure.settings);
            return;
        }
        if ("warm" in msg) {
            chain = chain.then(() => (0,_parse__WEBPACK_IMPORTED_MODULE_7__.loadTypeScript)()).catch(() => undefined);
            return;
        }
        chain = chain.then(async () => {
            try {
                if (!processor)
                    throw new Error("worker used before it was configured");
                const results = [];
                const { items } = msg.work;
                for (let i = 0; i < items.length; i++) {
                    progress.begin(msg.id, i);
                    results.push(await processor.process(items[i]));
                }
                progress.idle();
                // TypeScript has now compiled what parsing uses: keep it for the next run (before replying:
                // once every reply is in, the scan may end this thread).
                if (msg.work.kind === "heavy")
                    (0,_code_cache__WEBPACK_IMPORTED_MODULE_2__/* .saveCodeCache */ .D)();
                port.postMessage({ id: msg.id, results });
            }
            catch (err) {
                progress.idle();
                port.postMessage({ id: msg.id, error: (0,_analyze__WEBPACK_IMPORTED_MODULE_3__/* .describe */ .q)(err) });
            }
        });
    });
}
/** A worker thread as a lane. */
class WorkerLane {
    worker;
    cell;
    inThread = false;
    pending = new Map();
    dead;
    constructor(worker, cell) {
        this.worker = worker;
        this.cell = cell;
        worker.on("message", (msg) => {
            const p = this.pending.get(msg.id);
            if (!p)
                return;
            this.pending.delete(msg.id);
            if (msg.error)
                p.reject(new _dispatch__WEBPACK_IMPORTED_MODULE_5__/* .LaneFailure */ .Fz(`a worker failed (${msg.error})`, false));
            else
                p.resolve((msg.results ?? []));
        });
        worker.on("error", (err) => this.die(`it failed: ${(0,_analyze__WEBPACK_IMPORTED_MODULE_3__/* .describe */ .q)(err)}`));
        worker.on("exit", (code) => this.die(`it exited with code ${code}`));
    }
    run(id, work) {
        if (this.dead)
            return Promise.reject(new _dispatch__WEBPACK_IMPORTED_MODULE_5__/* .LaneFailure */ .Fz(this.dead, true));
        return new Promise((resolve, reject) => {
            this.pending.set(id, { resolve, reject });
            this.worker.postMessage({ id, work });
        });
    }
    warm() {
        if (!this.dead)
            this.worker.postMessage({ warm: true });
    }
    progress() {
        return this.cell.read();
    }
    terminate(reason) {
        this.die(reason);
        void this.worker.terminate();
    }
    die(why) {
        if (this.dead)
            return;
        this.dead = why;
        for (const p of this.pending.values())
            p.reject(new _dispatch__WEBPACK_IMPORTED_MODULE_5__/* .LaneFailure */ .Fz(why, true));
        this.pending.clear();
    }
}
/** This thread as a lane: requests run one after another, like a worker's. */
class InThreadLane {
    processor;
    inThread = true;
    chain = Promise.resolve();
    constructor(processor) {
        this.processor = processor;
    }
    run(_id, work) {
        const done = this.chain.then(async () => {
            const results = [];
            for (const item of work.items)
                results.push(await this.processor.process(item));
            return results;
        });
        this.chain = done.catch(() => undefined);
        return done;
    }
    warm() {
        void (0,_parse__WEBPACK_IMPORTED_MODULE_7__.loadTypeScript)();
    }
    progress() {
        return undefined;
    }
    terminate() { }
}
let prestarted;
/**
 * A small young generation: a worker's garbage is mostly short-lived syntax trees, collected as well
 * by a smaller nursery, and each megabyte of it is resident memory in every worker. The bench sets
 * UPSTASH_SCAN_YOUNG_MB to compare sizes; anything but a positive number means the default.
 */
const youngMb = Number(process.env.UPSTASH_SCAN_YOUNG_MB);
const WORKER_LIMITS = { maxYoungGenerationSizeMb: youngMb > 0 ? youngMb : 8 };
/**
 * Start one worker at process start, before arguments, configuration and the walk: a thread's start
 * costs tens of milliseconds the scan need not wait for. It loads no TypeScript until told to, and
 * does not keep the process alive until a scan adopts it (`--help` or a bad configuration exit at once).
 */
function prestartWorker() {
    if (!workerScript || prestarted)
        return;
    const progress = ProgressCell.create();
    const worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(workerScript, {
        workerData: { upstashScanWorker: true, progress },
        resourceLimits: WORKER_LIMITS,
    });
    worker.unref();
    // Until a scan adopts it, a failure only means the scan starts its own worker.
    worker.on("error", () => undefined);
    worker.once("exit", () => {
        if (prestarted?.worker === worker)
            prestarted = undefined;
    });
    prestarted = { worker, progress };
}
/** Stop a worker started ahead that no scan adopted. */
function discardPrestarted() {
    const p = prestarted;
    prestarted = undefined;
    void p?.worker.terminate();
}
/** The lanes of one scan: `workers` worker threads (from the bundle) and this thread. */
function scanLanes(workers, detectors, settings) {
    const ids = detectors.map((d) => d.id);
    let local;
    return {
        workers,
        startWorker() {
            let worker;
            let progress;
            if (prestarted) {
                ({ worker, progress } = prestarted);
                prestarted = undefined;
                worker.ref();
                worker.removeAllListeners("error");
                worker.removeAllListeners("exit");
                worker.postMessage({ configure: { detectorIds: ids, settings } });
            }
            else {
                progress = ProgressCell.create();
                worker = new node_worker_threads__WEBPACK_IMPORTED_MODULE_0__.Worker(workerScript, {
                    workerData: { upstashScanWorker: true, progress, detectorIds: ids, settings },
                    resourceLimits: WORKER_LIMITS,
                });
            }
            return new WorkerLane(worker, new ProgressCell(progress));
        },
        inThread() {
            return (local ??= new InThreadLane(new _file_job__WEBPACK_IMPORTED_MODULE_6__/* .FileProcessor */ .t(detectors, settings)));
        },
    };
}


/***/ }),

/***/ 1656:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q9: () => (/* binding */ parseSuppressions),
/* harmony export */   px: () => (/* binding */ applySuppressions),
/* harmony export */   y3: () => (/* binding */ inlineRecords)
/* harmony export */ });
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(131);
/* harmony import */ var _expiry__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7012);
/**
 * Inline suppressions: `// upstash-scan-ignore-next-line <rule-id>[/<check>][, …] -- <reason>` on the
 * line above a finding, or `… // upstash-scan-ignore <rule-id> -- <reason>` at the end of its line.
 * `#` comments (env, YAML, TOML, Dockerfile), block comments, HTML and JSX comments work too.
 * A reason is required; a suppression without one, naming an unknown rule, or matching nothing is
 * reported as a warning. A reason may end with `(until YYYY-MM-DD)`: from that day on (UTC) the
 * suppression no longer applies and what it matched is reported again, with a warning.
 */


const UNTIL = /\s*\(until\s+([^)]*)\)\s*$/i;
const MARKER = /(?:\/\/|#|\/\*|<!--|\{\/\*)\s*upstash-scan-ignore(-next-line|-line)?(?=[\s:]|$)[:\s]*([^\n]*)/g;
function parseSuppressions(file, text, notes) {
    if (!text.includes("upstash-scan-ignore"))
        return [];
    const out = [];
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        MARKER.lastIndex = 0;
        const m = MARKER.exec(lines[i]);
        if (!m)
            continue;
        const nextLine = m[1] === "-next-line";
        const body = m[2].replace(/\s*(\*\/\}?|-->)\s*$/, "").replace(/\r$/, "");
        const [idsPart, ...reasonParts] = body.split(/\s--\s?|^--\s?/);
        let reason = reasonParts.join(" -- ").trim();
        let expires;
        const until = UNTIL.exec(reason);
        if (until) {
            expires = (0,_expiry__WEBPACK_IMPORTED_MODULE_1__/* .parseDay */ .I)(until[1]);
            reason = reason.slice(0, until.index).trim();
        }
        const targets = (idsPart ?? "")
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((id) => {
            const [a, b, check] = id.split("/");
            return { rule: `${a}/${b}`, ...(check ? { check } : {}) };
        });
        const where = `${file}:${i + 1}`;
        if (targets.length === 0) {
            notes.push({
                level: "warning",
                id: "suppression-invalid",
                file,
                message: `suppression at ${where} names no rule id: write "upstash-scan-ignore-next-line <rule-id> -- <reason>"`,
            });
            continue;
        }
        const unknown = targets.filter((t) => !(0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .isRuleId */ .KX)(t.rule));
        if (unknown.length) {
            notes.push({
                level: "warning",
                id: "suppression-invalid",
                file,
                message: `suppression at ${where} names unknown rule ${unknown.map((u) => u.rule).join(", ")}; it is ignored`,
            });
            continue;
        }
        if (!reason) {
            notes.push({
                level: "warning",
                id: "suppression-without-reason",
                file,
                message: `suppression at ${where} has no reason ("-- <why>"), so it is ignored and the finding still counts`,
            });
            continue;
        }
        if (until && !expires) {
            notes.push({
                level: "warning",
                id: "suppression-invalid",
                file,
                message: `suppression at ${where} has an invalid date "(until ${until[1]})": write (until YYYY-MM-DD); it is ignored and the finding still counts`,
            });
            continue;
        }
        // A same-line marker alone on its line is most likely meant for the next line.
        const alone = lines[i].slice(0, m.index).trim() === "";
        const target = nextLine || alone ? i + 2 : i + 1;
        out.push({ file, line: i + 1, target, targets, reason, ...(expires ? { expires } : {}), used: false });
    }
    return out;
}
const idsOf = (s) => s.targets.map((t) => t.rule + (t.check ? "/" + t.check : ""));
/**
 * Mark findings hidden by a suppression (or, when its date has passed, the findings it would hide);
 * returns warnings for suppressions that matched nothing and for expired ones that still match.
 */
function applySuppressions(findings, suppressions, activeRules, now = new Date()) {
    const byFileLine = new Map();
    for (const s of suppressions) {
        s.expired = s.expires !== undefined && (0,_expiry__WEBPACK_IMPORTED_MODULE_1__/* .isExpired */ ._)(s.expires, now);
        s.matches = 0;
        const key = `${s.file}\0${s.target}`;
        byFileLine.set(key, [...(byFileLine.get(key) ?? []), s]);
    }
    for (const f of findings) {
        if (f.suppressed)
            continue;
        for (const s of byFileLine.get(`${f.location.file}\0${f.location.range.startLine}`) ?? []) {
            if (s.targets.some((t) => t.rule === f.rule && (!t.check || t.check === f.check))) {
                s.used = true;
                s.matches++;
                const note = {
                    kind: "inline",
                    reason: s.reason,
                    location: { file: s.file, range: { startLine: s.line, startColumn: 1, endLine: s.line, endColumn: 1 } },
                    ...(s.expires ? { expires: s.expires } : {}),
                };
                if (s.expired) {
                    f.expiredSuppression ??= note;
                    continue;
                }
                f.suppressed = note;
                delete f.expiredSuppression;
                break;
            }
        }
    }
    const notes = [];
    for (const s of suppressions) {
        if (!s.used && s.targets.some((t) => activeRules(t.rule))) {
            notes.push({
                level: "warning",
                id: "suppression-unused",
                file: s.file,
                message: `unused suppression at ${s.file}:${s.line} (${idsOf(s).join(", ")}): nothing is reported on line ${s.target}; remove it`,
            });
        }
        else if (s.used && s.expired) {
            notes.push({
                level: "warning",
                id: "suppression-expired",
                file: s.file,
                message: `suppression at ${s.file}:${s.line} (${idsOf(s).join(", ")}) expired on ${s.expires}: ${s.matches === 1 ? "the finding" : `${s.matches} findings`} on line ${s.target} ${s.matches === 1 ? "is" : "are"} reported again; fix ${s.matches === 1 ? "it" : "them"} or renew the date`,
            });
        }
    }
    return notes;
}
/** The inline suppressions as `--list-suppressions` shows them (after applySuppressions). */
function inlineRecords(suppressions) {
    return suppressions.map((s) => ({
        kind: "inline",
        rules: idsOf(s),
        file: s.file,
        line: s.line,
        target: s.target,
        reason: s.reason,
        ...(s.expires ? { expires: s.expires } : {}),
        status: s.expired ? "expired" : s.used ? "active" : "unused",
        matches: s.matches ?? 0,
    }));
}


/***/ }),

/***/ 131:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  M0: () => (/* binding */ DOCS_BASE),
  y0: () => (/* binding */ RULES),
  KX: () => (/* binding */ isRuleId),
  BD: () => (/* binding */ ruleById),
  xJ: () => (/* binding */ severityOf)
});

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/rules/types.ts
/** Build help text from its parts so that every rule's help has the same sections. */
function help(parts) {
    const lang = parts.lang ?? "ts";
    const text = [
        `Risk: ${parts.risk}`,
        `Why it matters: ${parts.why}`,
        `Mitigation: ${parts.mitigation}`,
        `Bad:\n${parts.bad}`,
        `Good:\n${parts.good}`,
    ].join("\n\n");
    const markdown = [
        `**Risk.** ${parts.risk}`,
        `**Why it matters.** ${parts.why}`,
        `**Mitigation.** ${parts.mitigation}`,
        `Bad:\n\n\`\`\`${lang}\n${parts.bad}\n\`\`\``,
        `Good:\n\n\`\`\`${lang}\n${parts.good}\n\`\`\``,
    ].join("\n\n");
    return { text, markdown };
}

;// CONCATENATED MODULE: ./src/rules/write-token-in-frontend.ts

const writeTokenInFrontend = {
    id: "upstash/write-token-in-frontend",
    number: 1,
    name: "WriteTokenInFrontend",
    title: "Write Token in Frontend",
    severity: "critical",
    likelihood: "high",
    impact: "critical",
    mitigation: "Use read-only tokens client-side; keep write tokens server-side.",
    shortDescription: "An Upstash write token is reachable from frontend code",
    fullDescription: "A credential that can write to Upstash (Redis REST/KV token, QStash token or signing key, Vector admin token, management key) is named with a client-exposed prefix, inlined by a bundler, or written into code that ships to browsers or apps. Anyone who opens the app can read it and modify or delete your data.",
    securitySeverity: "9.3",
    precision: "high",
    cwe: ["CWE-522", "CWE-200"],
    slug: "write-token-in-frontend",
    help: help({
        risk: "Exposing write tokens allows anyone to modify your data.",
        why: "Everything in a client bundle is public: variables prefixed NEXT_PUBLIC_, VITE_, EXPO_PUBLIC_ (and the like) are inlined into JavaScript that every visitor downloads. A standard Upstash token can run any command, including FLUSHALL.",
        mitigation: "Use a read-only token (KV_REST_API_READ_ONLY_TOKEN or the database's read-only REST token) for code that runs in the browser, and keep write tokens in server-only variables used by route handlers, server actions or edge functions.",
        bad: `// components/Counter.tsx ("use client")
const redis = new Redis({
  url: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_URL,
  token: process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN,
});`,
        good: `// app/api/count/route.ts (server only)
const redis = Redis.fromEnv(); // UPSTASH_REDIS_REST_TOKEN, never sent to the browser
export async function POST() {
  return Response.json({ count: await redis.incr("count") });
}`,
    }),
};

;// CONCATENATED MODULE: ./src/rules/sensitive-data-without-ttl.ts

const sensitiveDataWithoutTtl = {
    id: "upstash/sensitive-data-without-ttl",
    number: 2,
    name: "SensitiveDataWithoutTtl",
    title: "Sensitive Data Without TTL",
    severity: "medium",
    likelihood: "medium",
    impact: "medium",
    mitigation: "Set a TTL on sensitive data (SET key value EX seconds).",
    shortDescription: "Sensitive data is written to Redis without an expiry",
    fullDescription: "A session, token, one-time code, password hash, API key or personal data is stored in Upstash Redis with no TTL, with an expiry option that @upstash/redis ignores, or has its TTL removed. Redis keeps it until someone deletes it, so a later leak or bug exposes data that should have expired long ago.",
    securitySeverity: "5.3",
    precision: "medium",
    cwe: ["CWE-613", "CWE-459"],
    slug: "sensitive-data-without-ttl",
    help: help({
        risk: "Data persists indefinitely unless explicitly deleted.",
        why: "Sessions, reset tokens and one-time codes are meant to die. Without a TTL they stay valid and readable forever: a stolen session never expires, an old reset link still works, and personal data outlives its purpose.",
        mitigation: "Pass an expiry when writing (`{ ex: seconds }`, `px`, `exat`, `pxat`), or call `expire` on the key in the same function or pipeline. Note that @upstash/redis ignores node-redis spellings such as `{ EX: 60 }`.",
        bad: `await redis.set(\`session:\${sessionId}\`, user);`,
        good: `await redis.set(\`session:\${sessionId}\`, user, { ex: 60 * 60 * 24 });`,
    }),
};

;// CONCATENATED MODULE: ./src/rules/qstash-webhook-spoofing.ts

const qstashWebhookSpoofing = {
    id: "upstash/qstash-webhook-spoofing",
    number: 3,
    name: "QstashWebhookSpoofing",
    title: "QStash Webhook Spoofing",
    severity: "high",
    likelihood: "medium",
    impact: "high",
    mitigation: "Always verify QStash webhook signatures before processing.",
    shortDescription: "A QStash webhook handler processes messages without verifying their signature",
    fullDescription: "A route that receives QStash messages runs its side effects without checking the Upstash-Signature header, or checks it in a way that can be skipped (not awaited, optional, errors swallowed, disabled by environment, dev mode, or against a re-serialised body). Anyone who finds the URL can send it fake messages.",
    securitySeverity: "7.5",
    precision: "high",
    cwe: ["CWE-345", "CWE-347"],
    slug: "qstash-webhook-spoofing",
    help: help({
        risk: "Unverified webhooks can receive fake messages.",
        why: "A QStash destination is a public HTTP endpoint. Without signature verification anyone can call it with any body, triggering the jobs, emails or payments it performs.",
        mitigation: "Wrap the handler with the framework helper (`verifySignatureAppRouter`, `verifySignature`, `verifySignatureSvelte`, …), or `await receiver.verify({ signature, body: rawBody })` before doing anything and return 401 when it throws. Configure both signing keys so they can be rotated.",
        bad: `export async function POST(req: Request) {
  const job = await req.json();
  await sendInvoice(job);
  return new Response("ok");
}`,
        good: `import { verifySignatureAppRouter } from "@upstash/qstash/nextjs";

export const POST = verifySignatureAppRouter(async (req: Request) => {
  const job = await req.json();
  await sendInvoice(job);
  return new Response("ok");
});`,
    }),
};

;// CONCATENATED MODULE: ./src/rules/rate-limit-misconfiguration.ts

const rateLimitMisconfiguration = {
    id: "upstash/rate-limit-misconfiguration",
    number: 4,
    name: "RateLimitMisconfiguration",
    title: "Rate Limit Misconfiguration",
    severity: "medium",
    likelihood: "medium",
    impact: "medium",
    mitigation: "Test rate-limit configurations; monitor for anomalies.",
    shortDescription: "A rate limit is not enforced, shared, bypassable or implausible",
    fullDescription: "An @upstash/ratelimit limiter whose result is ignored, whose identifier is shared by every client or chosen by the client, that fails open on errors, whose limits are implausible, or that is created per request. The limit either lets abuse through or blocks legitimate users.",
    securitySeverity: "5.3",
    precision: "medium",
    cwe: ["CWE-770", "CWE-307"],
    slug: "rate-limit-misconfiguration",
    help: help({
        risk: "Improper rate limits can either allow abuse or block legitimate users.",
        why: "`limit()` only reports; nothing is blocked unless the caller reads `success` and refuses the request. A constant or client-chosen identifier puts everyone in one bucket or lets an attacker rotate buckets freely.",
        mitigation: "Read `success` and return 429 before doing the work; key the limit by an authenticated user id or the platform's client IP; create the limiter once at module scope; test the configured numbers and watch the analytics for anomalies.",
        bad: `await ratelimit.limit("api");
return handle(req);`,
        good: `const { success } = await ratelimit.limit(session.userId);
if (!success) return new Response("Too many requests", { status: 429 });
return handle(req);`,
    }),
};

;// CONCATENATED MODULE: ./src/rules/token-rotation-neglect.ts

const tokenRotationNeglect = {
    id: "upstash/token-rotation-neglect",
    number: 5,
    name: "TokenRotationNeglect",
    title: "Token Rotation Neglect",
    severity: "medium",
    likelihood: "low",
    impact: "medium",
    mitigation: "Rotate tokens periodically; revoke immediately if exposed.",
    shortDescription: "An Upstash credential cannot be rotated easily or has already been exposed",
    fullDescription: "An Upstash credential is hard-coded in source, committed in an env file or CI/deploy config, configured with a single QStash signing key, or present in git history. Rotating it needs a code change, and every clone and fork already holds it.",
    securitySeverity: "4.3",
    precision: "high",
    cwe: ["CWE-798", "CWE-324"],
    slug: "token-rotation-neglect",
    help: help({
        risk: "Long-lived tokens increase exposure window if leaked.",
        why: "A credential in the repository is in every clone, fork, CI log and backup, and changing it means a code change and a deploy, so in practice it is never rotated. One that was ever committed must be treated as leaked even after it is deleted.",
        mitigation: "Reset the credential in the Upstash console (revoke immediately if it was exposed), load it from the environment or a secrets manager, keep env files out of git, and configure both QStash signing keys so keys can be rolled without downtime.",
        bad: `const redis = new Redis({
  url: "https://eu1-fine-cat-12345.upstash.io",
  token: "AX…(62 chars)", // hard-coded token
});`,
        good: `const redis = Redis.fromEnv(); // UPSTASH_REDIS_REST_URL / _TOKEN from the environment`,
    }),
};

;// CONCATENATED MODULE: ./src/rules/index.ts






const RULES = [
    writeTokenInFrontend,
    sensitiveDataWithoutTtl,
    qstashWebhookSpoofing,
    rateLimitMisconfiguration,
    tokenRotationNeglect,
];
const BY_ID = new Map(RULES.map((r) => [r.id, r]));
function ruleById(id) {
    const rule = BY_ID.get(id);
    if (!rule)
        throw new Error(`unknown rule ${id}`);
    return rule;
}
function isRuleId(id) {
    return BY_ID.has(id);
}
/** The severity a finding gates and sorts by. */
function severityOf(finding) {
    return finding.severity ?? ruleById(finding.rule).severity;
}
/**
 * Rule documentation at this version's release tag, not `main`: an alert keeps linking to the text
 * it was raised under after the docs change.
 */
const DOCS_BASE = `${version/* INFORMATION_URI */.wV}/blob/v${version/* VERSION */.xv}/docs/rules`;


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   lH: () => (/* binding */ TOOL_NAME),
/* harmony export */   wV: () => (/* binding */ INFORMATION_URI),
/* harmony export */   xv: () => (/* binding */ VERSION)
/* harmony export */ });
/** The tool's version; a test keeps it equal to package.json's. */
const VERSION = "0.1.0";
const TOOL_NAME = "upstash-scan";
const INFORMATION_URI = "https://github.com/upstash-scan/upstash-scan";


/***/ })

};
;