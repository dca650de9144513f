"use strict";
exports.id = 333;
exports.ids = [333];
exports.modules = {

/***/ 2333:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TypeScriptNotLoaded: () => (/* binding */ TypeScriptNotLoaded),
/* harmony export */   loadTypeScript: () => (/* binding */ loadTypeScript),
/* harmony export */   parseCounter: () => (/* binding */ parseCounter),
/* harmony export */   parseSource: () => (/* binding */ parseSource),
/* harmony export */   typescript: () => (/* binding */ typescript)
/* harmony export */ });
let loaded;
/** How many files have been parsed in this process; tests use it to prove files are parsed once. */
const parseCounter = { count: 0 };
async function loadTypeScript() {
    // The compiler's own package: the engine parses with it directly (no wrapper library), so the
    // bundle carries one copy of TypeScript.
    if (!loaded)
        loaded = (await __webpack_require__.e(/* import() */ 672).then(__webpack_require__.t.bind(__webpack_require__, 5672, 23)));
    return loaded;
}
/**
 * Thrown by typescript() before TypeScript is loaded in this thread. In the main thread that is the
 * rule (files are parsed in workers); a project phase that needs a tree after all is run again once
 * TypeScript is loaded (see ScanSession), so a scan loads it there only when some detector needs it.
 * Code that catches errors around parsing must let this one through.
 */
class TypeScriptNotLoaded extends Error {
    constructor() {
        super("TypeScript is not loaded yet");
    }
}
/** The TypeScript namespace, once loadTypeScript() has resolved. */
function typescript() {
    if (!loaded)
        throw new TypeScriptNotLoaded();
    return loaded;
}
function scriptKind(ts, fileName, kind, sfc) {
    if (kind === "sfc")
        return sfc?.jsx ? ts.ScriptKind.TSX : sfc?.typescript ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    if (/\.(tsx)$/.test(fileName))
        return ts.ScriptKind.TSX;
    if (/\.(ts|mts|cts)$/.test(fileName))
        return ts.ScriptKind.TS;
    if (/\.jsx$/.test(fileName))
        return ts.ScriptKind.JSX;
    return ts.ScriptKind.JS;
}
/**
 * Parse one file. Throws on pathological input (the parser recurses, so extreme nesting overflows the
 * stack): the caller turns that into a notification and falls back to text-only checks.
 */
function parseSource(fileName, text, kind, sfc) {
    const ts = typescript();
    parseCounter.count++;
    return ts.createSourceFile(fileName, text, { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone }, true, scriptKind(ts, fileName, kind, sfc));
}


/***/ })

};
;