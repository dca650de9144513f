/******/ (() => { // webpackBootstrap
/******/ 	"use strict";
/******/ 	var __webpack_modules__ = ({

/***/ 2750:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  $: () => (/* binding */ enableCodeCache),
  D: () => (/* binding */ saveCodeCache)
});

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: external "node:module"
const external_node_module_namespaceObject = require("node:module");
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
// EXTERNAL MODULE: external "node:vm"
var external_node_vm_ = __nccwpck_require__(714);
;// CONCATENATED MODULE: ./src/code-cache.ts
/**
 * Compiled code kept between runs for the bundle's large chunks (TypeScript is most of the bundle and
 * most of the start-up cost of a scan that parses). Node 22.1+ has this built in
 * (`module.enableCompileCache`, used when present: the Action runs on node24); on Node 20 the chunks
 * are compiled through `vm.Script` with V8's cached data, kept in a per-user cache directory.
 *
 * Anything that goes wrong here only costs speed: a cache V8 rejects (another Node version, another
 * chunk) is compiled afresh and rewritten; set UPSTASH_SCAN_CODE_CACHE=0 to turn the cache off.
 */






/** Chunks smaller than this compile faster than their cache is read. */
const MIN_CHUNK_BYTES = 512 * 1024;
const pending = [];
function cacheDir() {
    const base = process.env.XDG_CACHE_HOME || (external_node_os_.homedir() ? external_node_path_.join(external_node_os_.homedir(), ".cache") : external_node_os_.tmpdir());
    return external_node_path_.join(base, "upstash-scan", "code-cache");
}
/** Call first thing in the bundle's entry (main thread and workers alike). */
function enableCodeCache(bundleDir) {
    if (process.env.UPSTASH_SCAN_CODE_CACHE === "0")
        return;
    const builtIn = external_node_module_namespaceObject.enableCompileCache;
    try {
        if (builtIn) {
            builtIn();
            return;
        }
        hookChunks(bundleDir);
    }
    catch {
        // not available: no cache
    }
}
function hookChunks(bundleDir) {
    const extensions = external_node_module_namespaceObject._extensions;
    const original = extensions[".js"];
    extensions[".js"] = function (module, filename) {
        let source;
        try {
            if (external_node_path_.dirname(filename) !== bundleDir || external_node_fs_.statSync(filename).size < MIN_CHUNK_BYTES)
                return original(module, filename);
            source = external_node_fs_.readFileSync(filename, "utf8");
        }
        catch {
            return original(module, filename);
        }
        const key = external_node_crypto_.createHash("sha256")
            .update(`${process.version}\0${process.arch}\0${filename}\0`)
            .update(source)
            .digest("hex")
            .slice(0, 24);
        const cacheFile = external_node_path_.join(cacheDir(), `${external_node_path_.basename(filename)}-${key}.v8`);
        let cachedData;
        try {
            cachedData = external_node_fs_.readFileSync(cacheFile);
        }
        catch {
            // first run
        }
        const script = new external_node_vm_.Script(external_node_module_namespaceObject.wrap(source), { filename, cachedData });
        const fn = script.runInThisContext();
        const require = external_node_module_namespaceObject.createRequire(filename);
        fn.call(module.exports, module.exports, require, module, filename, external_node_path_.dirname(filename));
        if (!cachedData || script.cachedDataRejected)
            pending.push({ script, file: cacheFile });
    };
}
/**
 * Write the caches of chunks compiled without one. Call once the chunk's code has run for a while (after
 * the first files are parsed): V8 then includes the functions compiled since, which is most of the gain.
 */
function saveCodeCache() {
    for (const { script, file } of pending.splice(0)) {
        try {
            external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true, mode: 0o700 });
            const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
            external_node_fs_.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
            external_node_fs_.renameSync(tmp, file);
        }
        catch {
            // a cache that cannot be written only costs speed next time
        }
    }
}


/***/ }),

/***/ 9407:
/***/ ((module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _code_cache__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2750);
/**
 * The bundle's entry. One bundle serves three roles to keep dist/ small: the Action (run as is), the
 * CLI (bin/upstash-scan.js sets UPSTASH_SCAN_ENTRY=cli) and the analysis worker threads (started by
 * the engine on this same file). Each role is loaded on demand, so a worker does not pay for the
 * Action's and the CLI's modules, nor the CLI for the Action's.
 */



// Compiled code kept between runs for the large chunks (TypeScript): see code-cache.ts.
(0,_code_cache__WEBPACK_IMPORTED_MODULE_2__/* .enableCodeCache */ .$)(__dirname);
// The benchmark asks for the process's own resource usage (CPU time, peak RSS) at exit.
const usageFile = process.env.UPSTASH_SCAN_RUSAGE;
if (usageFile && node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.isMainThread)
    process.on("exit", () => node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(usageFile, JSON.stringify(process.resourceUsage())));
if (process.env.UPSTASH_SCAN_LOAD_TIMES && node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.isMainThread) {
    // The benchmark asks what loading each part of the bundle costs (which chunk files each one brings).
    void (async () => {
        const times = [];
        const loaded = () => new Set(Object.keys(__nccwpck_require__.c).map((f) => f.slice(__dirname.length + 1)));
        const time = async (part, load) => {
            const before = loaded();
            const t = performance.now();
            await load();
            times.push({ part, millis: performance.now() - t, chunks: [...loaded()].filter((c) => !before.has(c)) });
        };
        await time("worker and engine", () => Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3573)));
        await time("scan", () => Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573), __nccwpck_require__.e(911)]).then(__nccwpck_require__.bind(__nccwpck_require__, 4911)));
        await time("configuration", () => Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(916), __nccwpck_require__.e(636)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3916)));
        await time("CLI", () => Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573), __nccwpck_require__.e(911), __nccwpck_require__.e(916), __nccwpck_require__.e(823), __nccwpck_require__.e(862)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2862)));
        await time("Action", () => Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(421), __nccwpck_require__.e(591), __nccwpck_require__.e(573), __nccwpck_require__.e(911), __nccwpck_require__.e(916), __nccwpck_require__.e(823), __nccwpck_require__.e(867)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7867)));
        await time("TypeScript", async () => (await __nccwpck_require__.e(/* import() */ 333).then(__nccwpck_require__.bind(__nccwpck_require__, 2333))).loadTypeScript());
        node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(process.env.UPSTASH_SCAN_LOAD_TIMES, JSON.stringify(times));
    })();
}
else if (!node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.isMainThread && node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.workerData?.upstashScanWorker) {
    void Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3573)).then(({ runWorker }) => runWorker(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.parentPort, node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.workerData));
}
else {
    const script = __filename;
    void Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573)]).then(__nccwpck_require__.bind(__nccwpck_require__, 3573)).then(async ({ setWorkerScript, prestartWorker }) => {
        setWorkerScript(script);
        const args = process.argv.slice(2);
        if (!args.some((a) => a === "-h" || a === "--help" || a === "-v" || a === "--version"))
            prestartWorker();
        if (process.env.UPSTASH_SCAN_ENTRY === "cli") {
            delete process.env.UPSTASH_SCAN_ENTRY;
            const { runCli } = await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(591), __nccwpck_require__.e(573), __nccwpck_require__.e(911), __nccwpck_require__.e(916), __nccwpck_require__.e(823), __nccwpck_require__.e(862)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2862));
            process.exitCode = await runCli(process.argv.slice(2), {
                stdout: process.stdout,
                stderr: process.stderr,
                cwd: process.cwd(),
                env: process.env,
            });
        }
        else {
            const { run } = await Promise.all(/* import() */[__nccwpck_require__.e(36), __nccwpck_require__.e(421), __nccwpck_require__.e(591), __nccwpck_require__.e(573), __nccwpck_require__.e(911), __nccwpck_require__.e(916), __nccwpck_require__.e(823), __nccwpck_require__.e(867)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7867));
            await run();
        }
    });
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = require("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = require("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = require("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = require("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = require("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = require("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = require("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = require("https");

/***/ }),

/***/ 264:
/***/ ((module) => {

module.exports = require("inspector");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = require("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = require("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = require("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = require("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = require("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = require("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = require("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = require("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = require("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = require("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = require("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = require("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = require("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = require("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = require("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = require("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = require("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = require("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = require("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = require("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = require("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = require("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = require("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = require("node:util/types");

/***/ }),

/***/ 714:
/***/ ((module) => {

module.exports = require("node:vm");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = require("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = require("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = require("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = require("path");

/***/ }),

/***/ 2987:
/***/ ((module) => {

module.exports = require("perf_hooks");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = require("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = require("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = require("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = require("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = require("util");

/***/ })

/******/ 	});
/************************************************************************/
/******/ 	// The module cache
/******/ 	var __webpack_module_cache__ = {};
/******/ 	
/******/ 	// The require function
/******/ 	function __nccwpck_require__(moduleId) {
/******/ 		// Check if module is in cache
/******/ 		var cachedModule = __webpack_module_cache__[moduleId];
/******/ 		if (cachedModule !== undefined) {
/******/ 			return cachedModule.exports;
/******/ 		}
/******/ 		// Create a new module (and put it into the cache)
/******/ 		var module = __webpack_module_cache__[moduleId] = {
/******/ 			id: moduleId,
/******/ 			loaded: false,
/******/ 			exports: {}
/******/ 		};
/******/ 	
/******/ 		// Execute the module function
/******/ 		var threw = true;
/******/ 		try {
/******/ 			__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 			threw = false;
/******/ 		} finally {
/******/ 			if(threw) delete __webpack_module_cache__[moduleId];
/******/ 		}
/******/ 	
/******/ 		// Flag the module as loaded
/******/ 		module.loaded = true;
/******/ 	
/******/ 		// Return the exports of the module
/******/ 		return module.exports;
/******/ 	}
/******/ 	
/******/ 	// expose the modules object (__webpack_modules__)
/******/ 	__nccwpck_require__.m = __webpack_modules__;
/******/ 	
/******/ 	// expose the module cache
/******/ 	__nccwpck_require__.c = __webpack_module_cache__;
/******/ 	
/************************************************************************/
/******/ 	/* webpack/runtime/asset-relocator-loader */
/******/ 	if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = __dirname + "/";
/******/ 	
/******/ 	/* webpack/runtime/compat get default export */
/******/ 	(() => {
/******/ 		// getDefaultExport function for compatibility with non-harmony modules
/******/ 		__nccwpck_require__.n = (module) => {
/******/ 			var getter = module && module.__esModule ?
/******/ 				() => (module['default']) :
/******/ 				() => (module);
/******/ 			__nccwpck_require__.d(getter, { a: getter });
/******/ 			return getter;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/create fake namespace object */
/******/ 	(() => {
/******/ 		var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 		var leafPrototypes;
/******/ 		// create a fake namespace object
/******/ 		// mode & 1: value is a module id, require it
/******/ 		// mode & 2: merge all properties of value into the ns
/******/ 		// mode & 4: return value when already ns object
/******/ 		// mode & 16: return value when it's Promise-like
/******/ 		// mode & 8|1: behave like require
/******/ 		__nccwpck_require__.t = function(value, mode) {
/******/ 			if(mode & 1) value = this(value);
/******/ 			if(mode & 8) return value;
/******/ 			if(typeof value === 'object' && value) {
/******/ 				if((mode & 4) && value.__esModule) return value;
/******/ 				if((mode & 16) && typeof value.then === 'function') return value;
/******/ 			}
/******/ 			var ns = Object.create(null);
/******/ 			__nccwpck_require__.r(ns);
/******/ 			var def = {};
/******/ 			leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 			for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 				Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 			}
/******/ 			def['default'] = () => (value);
/******/ 			__nccwpck_require__.d(ns, def);
/******/ 			return ns;
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/define property getters */
/******/ 	(() => {
/******/ 		// define getter functions for harmony exports
/******/ 		__nccwpck_require__.d = (exports, definition) => {
/******/ 			for(var key in definition) {
/******/ 				if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 					Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 				}
/******/ 			}
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/ensure chunk */
/******/ 	(() => {
/******/ 		__nccwpck_require__.f = {};
/******/ 		// This file contains only the entry chunk.
/******/ 		// The chunk loading function for additional chunks
/******/ 		__nccwpck_require__.e = (chunkId) => {
/******/ 			return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 				__nccwpck_require__.f[key](chunkId, promises);
/******/ 				return promises;
/******/ 			}, []));
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/get javascript chunk filename */
/******/ 	(() => {
/******/ 		// This function allow to reference async chunks
/******/ 		__nccwpck_require__.u = (chunkId) => {
/******/ 			// return url for filenames based on template
/******/ 			return "" + chunkId + ".index.js";
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/hasOwnProperty shorthand */
/******/ 	(() => {
/******/ 		__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/make namespace object */
/******/ 	(() => {
/******/ 		// define __esModule on exports
/******/ 		__nccwpck_require__.r = (exports) => {
/******/ 			if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 				Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 			}
/******/ 			Object.defineProperty(exports, '__esModule', { value: true });
/******/ 		};
/******/ 	})();
/******/ 	
/******/ 	/* webpack/runtime/require chunk loading */
/******/ 	(() => {
/******/ 		// no baseURI
/******/ 		
/******/ 		// object to store loaded chunks
/******/ 		// "1" means "loaded", otherwise not loaded yet
/******/ 		var installedChunks = {
/******/ 			792: 1
/******/ 		};
/******/ 		
/******/ 		// no on chunks loaded
/******/ 		
/******/ 		var installChunk = (chunk) => {
/******/ 			var moreModules = chunk.modules, chunkIds = chunk.ids, runtime = chunk.runtime;
/******/ 			for(var moduleId in moreModules) {
/******/ 				if(__nccwpck_require__.o(moreModules, moduleId)) {
/******/ 					__nccwpck_require__.m[moduleId] = moreModules[moduleId];
/******/ 				}
/******/ 			}
/******/ 			if(runtime) runtime(__nccwpck_require__);
/******/ 			for(var i = 0; i < chunkIds.length; i++)
/******/ 				installedChunks[chunkIds[i]] = 1;
/******/ 		
/******/ 		};
/******/ 		
/******/ 		// require() chunk loading for javascript
/******/ 		__nccwpck_require__.f.require = (chunkId, promises) => {
/******/ 			// "1" is the signal for "already loaded"
/******/ 			if(!installedChunks[chunkId]) {
/******/ 				if(true) { // all chunks have JS
/******/ 					installChunk(require("./" + __nccwpck_require__.u(chunkId)));
/******/ 				} else installedChunks[chunkId] = 1;
/******/ 			}
/******/ 		};
/******/ 		
/******/ 		// no external install chunk
/******/ 		
/******/ 		// no HMR
/******/ 		
/******/ 		// no HMR manifest
/******/ 	})();
/******/ 	
/************************************************************************/
/******/ 	
/******/ 	// module cache are used so entry inlining is disabled
/******/ 	// startup
/******/ 	// Load entry module and return exports
/******/ 	var __webpack_exports__ = __nccwpck_require__(9407);
/******/ 	module.exports = __webpack_exports__;
/******/ 	
/******/ })()
;