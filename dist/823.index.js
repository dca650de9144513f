"use strict";
exports.id = 823;
exports.ids = [823];
exports.modules = {

/***/ 3328:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  T: () => (/* binding */ changeScope)
});

// UNUSED EXPORTS: baseFindingKeys

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/engine/file-kinds.ts
var file_kinds = __webpack_require__(5156);
// EXTERNAL MODULE: ./src/history/cat-file.ts
var cat_file = __webpack_require__(627);
// EXTERNAL MODULE: ./src/history/scan-history.ts
var scan_history = __webpack_require__(7042);
// EXTERNAL MODULE: ./src/git/run.ts
var run = __webpack_require__(3073);
;// CONCATENATED MODULE: ./src/git/base-tree.ts
/**
 * A commit's files written to a temporary directory, so that the base of a change can be scanned like
 * any tree (for `gate-on: new`: a finding whose fingerprint the base does not have is new, even on an
 * unchanged line). Read from git's object store, never checked out: no hook, filter or attribute of
 * the repository applies. Only files the scanner reads are written; links, submodules, paths git
 * would refuse (`..`, `.git`) and files over the read limit are left out.
 */







/** Reading the base's files, at most (git is killed after it, and the base counts as unavailable). */
const BASE_TREE_TIMEOUT_MS = 120_000;
/**
 * Write the files of `commit` under `prefix` (a directory of the work tree, "" for its top) into a
 * fresh temporary directory; paths there are relative to `prefix`.
 */
async function writeBaseTree(top, commit, prefix, maxBytes) {
    if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(commit))
        throw new Error(`not a commit id: ${commit}`);
    const listing = (0,run/* gitSync */.Ur)(top, ["ls-tree", "-r", "-z", "--full-tree", "-l", commit, "--", ...(prefix ? [prefix] : [])]);
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(external_node_os_.tmpdir(), "upstash-scan-base-"));
    const cleanup = () => external_node_fs_.rmSync(dir, { recursive: true, force: true });
    const wanted = [];
    for (const entry of listing.split("\0")) {
        // <mode> blob <id> <size>\t<path>; links (120000) and submodules (160000) are not files.
        const m = /^(100644|100755) blob ([0-9a-f]+) +(\d+)\t(.*)$/s.exec(entry);
        if (!m || !(0,scan_history/* safeTreePath */.n)(m[4]) || Number(m[3]) > maxBytes)
            continue;
        const full = m[4];
        const rel = prefix ? (full.startsWith(prefix + "/") ? full.slice(prefix.length + 1) : undefined) : full;
        if (rel && (0,file_kinds/* classifyPath */.qK)(rel))
            wanted.push({ id: m[2], rel });
    }
    const reader = new cat_file/* BlobReader */.n(top, BASE_TREE_TIMEOUT_MS);
    let files = 0;
    try {
        // A window of reads in flight: git never waits for us, and memory holds a few files, not all.
        const inFlight = [];
        for (let next = 0; next < wanted.length || inFlight.length;) {
            while (inFlight.length < 64 && next < wanted.length) {
                const w = wanted[next++];
                inFlight.push({ rel: w.rel, content: reader.read(w.id) });
            }
            const r = inFlight.shift();
            const content = await r.content;
            // Missing (a partial clone) or git stopped: an incomplete base would make old findings look new.
            if (!content)
                throw new Error("git could not read every file of the base commit");
            const abs = external_node_path_.join(dir, ...r.rel.split("/"));
            try {
                external_node_fs_.mkdirSync(external_node_path_.dirname(abs), { recursive: true });
                external_node_fs_.writeFileSync(abs, content, { flag: "wx" });
                files++;
            }
            catch {
                // A crafted tree can hold a file and a directory of one name: the second one is skipped.
            }
        }
    }
    catch (err) {
        cleanup();
        throw err;
    }
    finally {
        reader.close();
    }
    return { dir: external_node_fs_.realpathSync(dir), files, cleanup };
}

// EXTERNAL MODULE: ./src/git/work-tree.ts
var work_tree = __webpack_require__(6516);
// EXTERNAL MODULE: ./src/output/gate.ts
var gate = __webpack_require__(1994);
// EXTERNAL MODULE: ./src/engine/scan.ts + 2 modules
var scan = __webpack_require__(4911);
;// CONCATENATED MODULE: ./src/engine/base-findings.ts
/**
 * The findings the base of a change already has, for `gate-on: new`: the base commit's files are
 * written to a temporary directory (see git/base-tree.ts) and scanned with the same configuration.
 * A finding of the change whose key the base lacks is new even when no changed line holds it.
 */





async function baseFindingKeys(srcRoot, commit, config) {
    const top = (0,work_tree/* workTreeTop */.DY)(srcRoot);
    if (!top)
        throw new Error(`${srcRoot} is not in a git work tree`);
    const prefix = external_node_path_.relative(top, srcRoot).split(external_node_path_.sep).join("/");
    const tree = await writeBaseTree(top, commit, prefix, config.budgets.maxReadBytes);
    try {
        // Hidden or not in the base, a finding is known there: no baseline for this scan.
        const result = await (0,scan.scan)({ paths: [tree.dir], srcRoot: tree.dir, config: { ...config, baseline: undefined } });
        return new Set(result.findings.map(gate/* findingKey */.fl));
    }
    finally {
        tree.cleanup();
    }
}
/**
 * The scope of a change from its raw changed lines (git's paths) and its base commit, if known. The
 * base is scanned only when its answer can change the verdict: when some finding at or above
 * `failOn` is not already new by its lines (most pull requests have none, and pay nothing).
 */
async function changeScope(result, changed, base, failOn, warn) {
    // Findings carry redacted paths: so must the changed lines they are compared with.
    const scope = { changed: changed.mapFiles((f) => result.secrets.scrub(f)) };
    const undecided = (0,gate/* gatingFindings */.dh)(result.findings, failOn).length > (0,gate/* gatingFindings */.dh)(result.findings, failOn, scope).length;
    if (!undecided)
        return scope;
    if (!base)
        return { ...scope, linesOnly: true };
    try {
        scope.base = await baseFindingKeys(result.srcRoot, base, result.config);
    }
    catch (err) {
        scope.linesOnly = true;
        warn(`gate-on new could not scan the base commit ${base.slice(0, 12)} (${err.message}); only findings on changed lines count as new.`);
    }
    return scope;
}


/***/ }),

/***/ 5168:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   KB: () => (/* binding */ stagedFiles),
/* harmony export */   MQ: () => (/* binding */ ChangedLines),
/* harmony export */   QE: () => (/* binding */ hasCommit),
/* harmony export */   nM: () => (/* binding */ mergeBaseOf),
/* harmony export */   tb: () => (/* binding */ gitDiffLines)
/* harmony export */ });
/* unused harmony exports parseGitDiff, resolveCommit, changedLinesSince */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7679);
/* harmony import */ var _git_run__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3073);
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
    /** The same changes under other file names (e.g. redacted as findings show them). */
    mapFiles(rename) {
        const out = new ChangedLines();
        for (const f of this.whole)
            out.addWholeFile(rename(f));
        for (const [f, lines] of this.byFile)
            for (const l of lines)
                out.add(rename(f), l);
        return out;
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
/** Changed lines of `git diff --unified=0 <range…>` in `dir`, paths relative to `srcRoot`. */
function gitDiffLines(dir, range, srcRoot) {
    const top = (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(dir, ["rev-parse", "--show-toplevel"]).trim();
    // Revisions only (commit ids, `a...b`), never options: checked here because they end up before `--`.
    if (!range.every((r) => COMMIT_RANGE.test(r)))
        throw new Error(`not a commit range: ${range.join(" ")}`);
    const diff = (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(dir, ["diff", "--unified=0", "--no-color", "--no-renames", ...range, "--"]);
    return parseGitDiff(diff, (name) => node_path__WEBPACK_IMPORTED_MODULE_0__.relative(srcRoot, node_path__WEBPACK_IMPORTED_MODULE_0__.join(top, name)).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join("/"));
}
const COMMIT_RANGE = /^([0-9a-f]{40}|[0-9a-f]{64}|HEAD)$/;
/** The commit id `rev` names in the repository at `dir`, or undefined when it names none. */
function resolveCommit(dir, rev) {
    try {
        const id = (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(dir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`]).trim();
        return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(id) ? id : undefined;
    }
    catch {
        return undefined;
    }
}
/** Whether `rev` names a commit present in the repository at `dir`. */
function hasCommit(dir, rev) {
    return resolveCommit(dir, rev) !== undefined;
}
/**
 * Lines changed between the merge base of `baseRef` and HEAD, and the working tree (the CLI's
 * `--changed-since`). Throws a UsageError when the ref is unknown or there is no merge base (e.g. a
 * shallow clone).
 */
function changedLinesSince(baseRef, srcRoot) {
    return gitDiffLines(srcRoot, [mergeBaseOf(baseRef, srcRoot)], srcRoot);
}
/**
 * The merge base of `baseRef` and HEAD (the commit a change is compared with). The ref comes from
 * the user: resolved after `--end-of-options`, so `--changed-since=--output=x` names a ref, not an
 * option. Throws a UsageError when there is none (e.g. a shallow clone).
 */
function mergeBaseOf(baseRef, srcRoot) {
    try {
        (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(srcRoot, ["rev-parse", "--show-toplevel"]);
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--changed-since needs a git work tree; ${srcRoot} is not one`);
    }
    const base = resolveCommit(srcRoot, baseRef);
    if (!base)
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--changed-since: unknown revision ${JSON.stringify(baseRef)}: no branch, tag or commit of that name in this repository (fetch a remote branch first)`);
    try {
        return (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(srcRoot, ["merge-base", "--end-of-options", base, "HEAD"]).trim();
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`no merge base between ${baseRef} and HEAD (is the history shallow? use fetch-depth: 0)`);
    }
}
/**
 * Files staged for commit (added, modified, renamed or copied; deletions have nothing to report on),
 * relative to `srcRoot` (the CLI's `--staged`). Throws a UsageError outside a git work tree.
 */
function stagedFiles(srcRoot) {
    let top;
    try {
        top = (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(srcRoot, ["rev-parse", "--show-toplevel"]).trim();
    }
    catch {
        throw new _errors__WEBPACK_IMPORTED_MODULE_2__/* .UsageError */ .e(`--staged needs a git work tree; ${srcRoot} is not one`);
    }
    const names = (0,_git_run__WEBPACK_IMPORTED_MODULE_1__/* .gitSync */ .Ur)(srcRoot, ["diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d"]);
    return new Set(names
        .split("\0")
        .filter(Boolean)
        .map((name) => node_path__WEBPACK_IMPORTED_MODULE_0__.relative(srcRoot, node_path__WEBPACK_IMPORTED_MODULE_0__.join(top, name)).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join("/")));
}


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
// EXTERNAL MODULE: ./src/io/files.ts
var files = __webpack_require__(3839);
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
    const tsx = await (0,parse.loadTypeScript)();
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
    // A path from history can hold `..` or `.git`; a directory on the way can be a link out of the root.
    if (!(0,files/* isInside */.FK)(abs, root) || (0,files/* isInGitDir */.lA)(external_node_path_.relative(root, abs)) || !(0,files/* resolvesInside */.ac)(external_node_path_.dirname(abs), root))
        return "outside the scanned root";
    let buf;
    try {
        // Never through a link, never a FIFO or device, never more than the parse limit (see io/files.ts).
        buf = (0,files/* readRegular */.VX)(abs, maxBytes);
    }
    catch (err) {
        if (!(err instanceof files/* FileRefused */.rV))
            throw err;
        if (err.code === "symlink" || err.code === "not-regular")
            return "not a regular file (a symbolic link is never written through)";
        return err.code === "too-large" ? "over the parse size limit" : `could not be read (${err.code})`;
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
        return (0,parse.parseSource)(file, masked.text, "sfc", masked);
    }
    return (0,parse.parseSource)(file, text, "script");
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
            now = (0,files/* readRegularText */.Aj)(f.abs, Buffer.byteLength(expected) + 1);
        }
        catch {
            report.changed.push(f.file);
            continue;
        }
        if (now !== expected) {
            report.changed.push(f.file);
            continue;
        }
        // Not through a link planted since the file was read.
        (0,files/* writeRegular */.KA)(f.abs, (f.bom ? "\ufeff" : "") + f.after);
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

/***/ 3385:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GQ: () => (/* binding */ neutralizeJson),
/* harmony export */   Kw: () => (/* binding */ neutralizeCommands),
/* harmony export */   Mk: () => (/* binding */ logBlock)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Log lines that cannot be workflow commands. The runner reads every line a step prints: a line that
 * starts with `::` (after leading white space) is a command (`::error::`, `::add-mask::`,
 * `::stop-commands::`…), and the legacy `##[command]` form is recognised anywhere in a line. The
 * runner splits lines at "\n" and at a lone "\r". Text from the scanned tree (file names, messages
 * quoting identifiers, git's and GitHub's error text) must never produce such a line, or a pull
 * request could raise fake annotations, mask or unmask values, or stop command processing.
 *
 * Two layers: every line is neutralised (a zero-width space breaks `::` at its start and every
 * `##[`, invisibly), and long blocks of scanned text (the report) are also printed between
 * `::stop-commands::<random token>` and `::<token>::`, as the toolkit documents, so nothing inside
 * them is processed even if a parser we do not know of accepted something else.
 */

const ZWSP = "\u200b";
// .NET's TrimStart removes every Unicode white space character, NEL (U+0085) included, which \s lacks.
const COMMAND_START = /^([\s\u0085]*):(?=:)/;
/** One physical line made harmless. */
function neutralizeLine(line) {
    return line.replace(COMMAND_START, `$1:${ZWSP}`).replaceAll("##[", `#${ZWSP}#[`);
}
/** `text` with no line that the runner would read as a workflow command. */
function neutralizeCommands(text) {
    // Split keeping the separators, so CRLF, LF and lone CR survive unchanged around each line.
    return text
        .split(/(\r\n|\r|\n)/)
        .map((part, i) => (i % 2 ? part : neutralizeLine(part)))
        .join("");
}
/** Lines of JSON whose strings may hold `##[`: escaped as `#\u0023[`, which parses to the same text. */
function neutralizeJson(json) {
    return json.replaceAll("##[", "#\\u0023[");
}
/** Print `text` (scanned content) with commands stopped around it and every line neutralised. */
function logBlock(sink, text) {
    const token = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(16).toString("hex");
    sink.info(`::stop-commands::${token}`);
    sink.info(neutralizeCommands(text.replace(/\n$/, "")));
    sink.info(`::${token}::`);
}


/***/ }),

/***/ 1994:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BS: () => (/* binding */ isNew),
/* harmony export */   Gt: () => (/* binding */ countFindings),
/* harmony export */   Qm: () => (/* binding */ FAIL_ON_VALUES),
/* harmony export */   dh: () => (/* binding */ gatingFindings),
/* harmony export */   fl: () => (/* binding */ findingKey)
/* harmony export */ });
/* harmony import */ var _rules_index__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(131);
/* harmony import */ var _engine_types__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3171);
/* harmony import */ var _secrets_repeated__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1123);
/** Counting findings per severity and deciding whether they fail the run (CLI and Action alike). */



const FAIL_ON_VALUES = [..._engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o, "none"];
function countFindings(findings) {
    const counts = { critical: 0, high: 0, medium: 0, low: 0, total: 0, suppressed: 0, credentials: 0 };
    for (const f of findings) {
        if (f.suppressed) {
            counts.suppressed++;
            continue;
        }
        counts[(0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(f)]++;
        counts.total++;
    }
    counts.credentials = (0,_secrets_repeated__WEBPACK_IMPORTED_MODULE_2__/* .countCredentials */ .q)(findings.filter((f) => !f.suppressed));
    return counts;
}
/** What identifies a finding across two scans: rule, check, file and line-content fingerprint. */
function findingKey(f) {
    return `${f.rule}\0${f.check}\0${f.location.file}\0${f.fingerprint ?? ""}`;
}
/**
 * Whether a finding is new in the change: its own place or any related place (the client file that
 * now imports a module holding a token) is on a changed line, or the base of the change does not have
 * it (a deleted check, a changed dependency: new risk at an old line).
 */
function isNew(f, scope) {
    const { changed } = scope;
    if (changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine))
        return true;
    if (f.related?.some((l) => changed.touches(l.file, l.range.startLine, l.range.endLine)))
        return true;
    return scope.base !== undefined && !scope.base.has(findingKey(f));
}
/**
 * Findings that fail the run: not suppressed, at or above the threshold and, when `scope` is given
 * (gate-on: new), new in the change.
 */
function gatingFindings(findings, failOn, scope) {
    if (failOn === "none")
        return [];
    const limit = _engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o.indexOf(failOn);
    return findings.filter((f) => !f.suppressed && _engine_types__WEBPACK_IMPORTED_MODULE_1__/* .SEVERITIES */ .o.indexOf((0,_rules_index__WEBPACK_IMPORTED_MODULE_0__/* .severityOf */ .xJ)(f)) <= limit && (!scope || isNew(f, scope)));
}


/***/ }),

/***/ 7135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   LS: () => (/* binding */ plural),
/* harmony export */   Lk: () => (/* binding */ credentialsLine),
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
const REPORT_VERSION = "1.1.0";
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
/**
 * "2 distinct credentials in 5 findings: revoke each once, and remove every copy." — for the text card
 * and the job summary; undefined when no open finding is about a credential value.
 */
function credentialsLine(findings) {
    const open = findings.filter((f) => !f.suppressed && f.credentials?.length);
    const n = (0,_gate__WEBPACK_IMPORTED_MODULE_3__/* .countFindings */ .Gt)(open).credentials;
    if (n === 0)
        return undefined;
    const each = n === 1 ? "revoke it once" : "revoke each once";
    return `${plural(n, "distinct credential")} in ${plural(open.length, "finding")}: ${each}, and remove every copy.`;
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
        const credentials = (0,_report__WEBPACK_IMPORTED_MODULE_1__/* .credentialsLine */ .Lk)(result.findings);
        if (credentials)
            out.push(credentials);
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
    result.findings.sort(finalize/* compareFindings */.Eg);
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