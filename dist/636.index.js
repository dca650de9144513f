"use strict";
exports.id = 636;
exports.ids = [636];
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

/***/ 7679:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ UsageError)
/* harmony export */ });
/** A problem with the request itself (missing path, bad configuration or baseline): exit code 2. */
class UsageError extends Error {
}


/***/ })

};
;