"use strict";
exports.id = 916;
exports.ids = [916];
exports.modules = {

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CONFIG_FILE_NAMES: () => (/* binding */ CONFIG_FILE_NAMES),
  ConfigError: () => (/* binding */ ConfigError),
  MAX_CONFIG_BYTES: () => (/* binding */ MAX_CONFIG_BYTES),
  MAX_PATTERNS: () => (/* binding */ MAX_PATTERNS),
  findConfig: () => (/* binding */ findConfig),
  loadConfig: () => (/* binding */ loadConfig),
  parseConfig: () => (/* binding */ parseConfig),
  rebasePattern: () => (/* binding */ rebasePattern)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/engine/errors.ts
var errors = __webpack_require__(7679);
// EXTERNAL MODULE: ./src/git/work-tree.ts
var work_tree = __webpack_require__(6516);
// EXTERNAL MODULE: ./src/io/files.ts
var files = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/detectors/index.ts + 71 modules
var detectors = __webpack_require__(7591);
// EXTERNAL MODULE: ./src/config/defaults.ts
var defaults = __webpack_require__(1954);
;// CONCATENATED MODULE: ./src/config/upstash-scan.schema.json
const upstash_scan_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://github.com/upstash-scan/upstash-scan/blob/main/src/config/upstash-scan.schema.json","title":"upstash-scan configuration (.upstash-scan.yml)","type":"object","additionalProperties":false,"properties":{"rules":{"description":"Per-rule settings, keyed by rule id.","type":"object","additionalProperties":false,"properties":{"upstash/write-token-in-frontend":{"$ref":"#/definitions/writeTokenInFrontend"},"upstash/sensitive-data-without-ttl":{"$ref":"#/definitions/sensitiveDataWithoutTtl"},"upstash/qstash-webhook-spoofing":{"$ref":"#/definitions/qstashWebhookSpoofing"},"upstash/rate-limit-misconfiguration":{"$ref":"#/definitions/rateLimitMisconfiguration"},"upstash/token-rotation-neglect":{"$ref":"#/definitions/tokenRotationNeglect"}}},"paths":{"description":"Which files are scanned, as .gitignore-style patterns relative to the directory of this file (for a file given with --config or the Action input config: the repository root).","type":"object","additionalProperties":false,"properties":{"include":{"description":"Only files matching one of these are scanned (default: everything).","$ref":"#/definitions/patterns"},"exclude":{"description":"Files and directories matching one of these are skipped.","$ref":"#/definitions/patterns"},"client":{"description":"Files that ship to browsers or apps, beyond what upstash-scan detects (client entries: everything they import ships too).","$ref":"#/definitions/patterns"},"server":{"description":"Files that never ship to clients (the import walk stops there), for conventions upstash-scan does not know.","$ref":"#/definitions/patterns"}}},"tests":{"description":"How findings in test code are treated.","type":"object","additionalProperties":false,"properties":{"paths":{"description":"Patterns that mark test code (replaces the default list).","$ref":"#/definitions/patterns"},"findings":{"description":"report: as anywhere else; low-confidence (default): reported with confidence low; ignore: not reported.","enum":["report","low-confidence","ignore"]}}},"baseline":{"description":"A baseline file (written by --write-baseline, or a SARIF file) whose findings are hidden.","type":"string","minLength":1},"fix":{"description":"What --fix, --fix-dry-run, SARIF fixes and pull-request suggestions write.","type":"object","additionalProperties":false,"properties":{"defaultTtlSeconds":{"description":"Seconds of the { ex } expiry added to Redis writes that have none (default 86400, one day).","type":"integer","minimum":1,"maximum":315360000}}}},"definitions":{"patterns":{"type":"array","items":{"type":"string","minLength":1}},"severity":{"description":"critical, high, medium or low, in any case.","type":"string","pattern":"^(?:[cC][rR][iI][tT][iI][cC][aA][lL]|[hH][iI][gG][hH]|[mM][eE][dD][iI][uU][mM]|[lL][oO][wW])$"},"checks":{"description":"Turn single checks off (false) or on (true), keyed by check id.","type":"object","additionalProperties":{"type":"boolean"}},"ruleBase":{"enabled":{"description":"false turns the whole rule off.","type":"boolean"},"severity":{"description":"Severity override for every finding of the rule.","$ref":"#/definitions/severity"},"checks":{"$ref":"#/definitions/checks"},"tests":{"description":"Overrides tests.findings for this rule.","enum":["report","low-confidence","ignore"]}},"writeTokenInFrontend":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"}}},"sensitiveDataWithoutTtl":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"sensitiveWords":{"description":"Extra words that make a key or value sensitive (matched on word parts, case-insensitive).","$ref":"#/definitions/patterns"}}}}},"qstashWebhookSpoofing":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"verifyFunctions":{"description":"Names of your own functions that verify QStash signatures and reject on failure.","$ref":"#/definitions/patterns"}}}}},"rateLimitMisconfiguration":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"maxRequestsPerSecond":{"description":"Limits allowing more than this per identifier are implausible (default 1000).","type":"number","exclusiveMinimum":0},"minWindowMs":{"description":"Windows shorter than this are implausible (default 1000).","type":"number","minimum":0},"globalIdentifiers":{"description":"Constant identifiers that are intentionally global limits.","$ref":"#/definitions/patterns"}}}}},"tokenRotationNeglect":{"type":"object","additionalProperties":false,"properties":{"enabled":{"$ref":"#/definitions/ruleBase/enabled"},"severity":{"$ref":"#/definitions/ruleBase/severity"},"checks":{"$ref":"#/definitions/ruleBase/checks"},"tests":{"$ref":"#/definitions/ruleBase/tests"},"options":{"type":"object","additionalProperties":false,"properties":{"maxCredentialAgeDays":{"description":"With --history: report credentials in HEAD older than this (default 90).","type":"number","exclusiveMinimum":0},"historyBudgetSeconds":{"description":"With --history: time budget for reading git history (default 60).","type":"number","exclusiveMinimum":0}}}}}}}');
;// CONCATENATED MODULE: ./src/config/validate.ts
/**
 * Checks configuration data against the published JSON Schema (upstash-scan.schema.json) by reading
 * the schema itself, without compiling it at run time (compiling it with ajv cost a quarter to half a
 * second on every scan with a configuration file). It knows the keywords that schema uses and refuses
 * any other, so the schema cannot grow a rule this check would silently skip; its errors have the same
 * shape and messages as ajv's, which a test verifies on generated configurations.
 */
/** Keywords with no effect on validity. */
const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "definitions"]);
const KNOWN = new Set([
    ...ANNOTATIONS,
    "$ref",
    "type",
    "properties",
    "additionalProperties",
    "enum",
    "items",
    "minLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
]);
/** Every error of `data` against `root` (all of them, as ajv's allErrors gives). */
function validateSchema(root, data) {
    const errors = [];
    check(root, root, data, "", errors, 0);
    return errors;
}
function check(root, schema, data, at, errors, depth) {
    if (depth > 64)
        throw new Error("schema $ref chain too deep");
    for (const key of Object.keys(schema))
        if (!KNOWN.has(key))
            throw new Error(`unsupported schema keyword "${key}"`);
    const fail = (keyword, params, message) => errors.push({ instancePath: at, keyword, params, message });
    if (typeof schema.$ref === "string") {
        check(root, resolveRef(root, schema.$ref), data, at, errors, depth + 1);
        return;
    }
    const type = schema.type;
    if (type && !hasType(data, type)) {
        fail("type", { type }, `must be ${type}`);
        // A fraction is still a number: ajv goes on to check its bounds.
        if (!(type === "integer" && typeof data === "number" && Number.isFinite(data)))
            return;
    }
    if (Array.isArray(schema.enum) && !schema.enum.some((v) => v === data))
        fail("enum", { allowedValues: schema.enum }, "must be equal to one of the allowed values");
    if (typeof data === "string") {
        if (typeof schema.minLength === "number" && [...data].length < schema.minLength)
            fail("minLength", { limit: schema.minLength }, `must NOT have fewer than ${schema.minLength} characters`);
        // The schema's own patterns (anchored alternations), as ajv runs them.
        if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(data))
            fail("pattern", { pattern: schema.pattern }, `must match pattern "${schema.pattern}"`);
    }
    if (typeof data === "number") {
        if (typeof schema.minimum === "number" && !(data >= schema.minimum))
            fail("minimum", { comparison: ">=", limit: schema.minimum }, `must be >= ${schema.minimum}`);
        if (typeof schema.maximum === "number" && !(data <= schema.maximum))
            fail("maximum", { comparison: "<=", limit: schema.maximum }, `must be <= ${schema.maximum}`);
        if (typeof schema.exclusiveMinimum === "number" && !(data > schema.exclusiveMinimum))
            fail("exclusiveMinimum", { comparison: ">", limit: schema.exclusiveMinimum }, `must be > ${schema.exclusiveMinimum}`);
    }
    if (Array.isArray(data) && schema.items && typeof schema.items === "object") {
        data.forEach((item, i) => check(root, schema.items, item, `${at}/${i}`, errors, depth + 1));
    }
    if (isObject(data)) {
        const properties = (schema.properties ?? {});
        const additional = schema.additionalProperties;
        for (const [key, value] of Object.entries(data)) {
            const child = `${at}/${escapePointer(key)}`;
            if (Object.hasOwn(properties, key))
                check(root, properties[key], value, child, errors, depth + 1);
            else if (additional === false)
                fail("additionalProperties", { additionalProperty: key }, "must NOT have additional properties");
            else if (additional && typeof additional === "object")
                check(root, additional, value, child, errors, depth + 1);
        }
    }
}
function hasType(data, type) {
    switch (type) {
        case "object":
            return isObject(data);
        case "array":
            return Array.isArray(data);
        case "string":
            return typeof data === "string";
        case "boolean":
            return typeof data === "boolean";
        case "number":
            return typeof data === "number" && Number.isFinite(data);
        case "integer":
            return typeof data === "number" && Number.isInteger(data);
        default:
            throw new Error(`unsupported schema type "${type}"`);
    }
}
function isObject(data) {
    return typeof data === "object" && data !== null && !Array.isArray(data);
}
function resolveRef(root, ref) {
    if (!ref.startsWith("#/"))
        throw new Error(`unsupported $ref "${ref}"`);
    let node = root;
    for (const part of ref.slice(2).split("/")) {
        const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
        node = isObject(node) ? node[key] : undefined;
        if (node === undefined)
            throw new Error(`unresolvable $ref "${ref}"`);
    }
    return node;
}
function escapePointer(key) {
    return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

;// CONCATENATED MODULE: ./src/config/load.ts
/**
 * Finding, reading and checking the configuration file (.upstash-scan.yml). It is validated against
 * the published JSON Schema (src/config/upstash-scan.schema.json); every problem is reported with the
 * file and line it comes from, and any problem stops the scan (exit code 2).
 */











const CONFIG_FILE_NAMES = [".upstash-scan.yml", ".upstash-scan.yaml"];
/** A configuration file is a few KB; anything over this is refused before parsing. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/**
 * Patterns per list (include, exclude, client, server, test paths), at most: every path is matched
 * against every pattern, and 5,000 patterns already cost seconds per thousand files.
 */
const MAX_PATTERNS = 500;
/** A configuration problem, already formatted as "file:line: message". */
class ConfigError extends errors/* UsageError */.e {
}
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
    if (e.keyword === "pattern" && parts[parts.length - 1] === "severity")
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
    let data;
    try {
        // maxAliasCount stops a "billion laughs" alias bomb; it throws instead of expanding.
        data = (doc.toJS({ maxAliasCount: 1000 }) ?? {});
    }
    catch (err) {
        throw new ConfigError(`${file}: not usable YAML: ${err.message.split("\n")[0]}`);
    }
    // Levels are case-insensitive everywhere (as --fail-on and the Action's inputs): HIGH is high.
    for (const settings of Object.values(data?.rules ?? {}))
        if (settings && typeof settings.severity === "string")
            settings.severity = settings.severity.toLowerCase();
    const errors = validateSchema(upstash_scan_schema_namespaceObject, data);
    if (errors.length) {
        const problems = errors
            .map((e) => {
            const d = describeError(e);
            return { line: lineOf(doc, counter, d.path), message: d.message };
        })
            .sort((a, b) => a.line - b.line)
            .map((p) => `${file}:${p.line}: ${p.message}`);
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
    for (const [key, list] of Object.entries({ ...cfg.paths, "tests.paths": cfg.tests?.paths ?? [] })) {
        if (Array.isArray(list) && list.length > MAX_PATTERNS)
            throw new ConfigError(`${file}:${lineOf(doc, counter, key === "tests.paths" ? ["tests", "paths"] : ["paths", key])}: ${list.length} patterns in ${key}; at most ${MAX_PATTERNS} are allowed`);
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
        config.baseline = containedPath(cfg.baseline, file, lineOf(doc, counter, ["baseline"]));
    if (cfg.fix?.defaultTtlSeconds !== undefined)
        config.fix.defaultTtlSeconds = cfg.fix.defaultTtlSeconds;
    return config;
}
/**
 * A path written in a configuration file, resolved against the file's directory. The file may come
 * with the scanned repository, so the path must stay inside the repository (the work tree holding the
 * file, or its directory outside git): `baseline: /dev/zero` or `../../etc/passwd` is an error.
 */
function containedPath(value, file, line) {
    const dir = external_node_path_.dirname(external_node_path_.resolve(file));
    const realDir = (0,files/* realpathOrUndefined */.vz)(dir) ?? dir;
    const root = (0,work_tree/* gitTopLevel */.oB)(realDir) ?? realDir;
    const target = external_node_path_.resolve(realDir, value);
    const real = (0,files/* realpathOrUndefined */.vz)(target) ?? (0,files/* realTarget */.aO)(target) ?? target;
    if (!(0,files/* isInside */.FK)(real, root))
        throw new ConfigError(`${file}:${line}: baseline ${JSON.stringify(value)} lies outside ${root}; paths in a configuration file must stay inside its repository`);
    return target;
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
        text = (0,files/* readRegularText */.Aj)(file, MAX_CONFIG_BYTES);
    }
    catch (err) {
        const e = err;
        throw new ConfigError(e.code === "not-found" ? `configuration file not found: ${file}` : `${file}: could not be read: it ${e.message}`);
    }
    const base = !explicit && srcRoot ? external_node_path_.relative(srcRoot, scanRoot).split(external_node_path_.sep).join("/") : "";
    return parseConfig(text, file, base.startsWith("..") ? "" : base);
}


/***/ })

};
;