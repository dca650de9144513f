"use strict";
exports.id = 591;
exports.ids = [591,333];
exports.modules = {

/***/ 2979:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CC: () => (/* binding */ propertyNameText),
/* harmony export */   GG: () => (/* binding */ walk),
/* harmony export */   Mb: () => (/* binding */ memberPath),
/* harmony export */   eN: () => (/* binding */ importBindings),
/* harmony export */   oA: () => (/* binding */ unwrap),
/* harmony export */   pG: () => (/* binding */ enclosingFunction),
/* harmony export */   r$: () => (/* binding */ stringValue)
/* harmony export */ });
/* harmony import */ var _engine_parse__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2333);
/* harmony import */ var _engine_budget__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7977);


/** Visit every node under `root` in source order. Returning false skips the node's children. */
function walk(root, visit) {
    const stack = [root];
    let count = 0;
    const kids = [];
    while (stack.length) {
        const node = stack.pop();
        if ((++count & 1023) === 0)
            (0,_engine_budget__WEBPACK_IMPORTED_MODULE_1__/* .checkBudget */ .Ik)();
        if (visit(node) === false)
            continue;
        kids.length = 0;
        node.forEachChild((k) => {
            kids.push(k);
        });
        for (let i = kids.length - 1; i >= 0; i--)
            stack.push(kids[i]);
    }
}
/** The value of a string literal or substitution-free template literal. */
function stringValue(node) {
    if (!node)
        return undefined;
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))
        return node.text;
    if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
        return stringValue(node.expression);
    return undefined;
}
/** The static name of a property name or element access argument. */
function propertyNameText(node) {
    if (!node)
        return undefined;
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node))
        return node.text;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node))
        return node.text;
    if (ts.isComputedPropertyName(node))
        return stringValue(node.expression);
    return undefined;
}
/** Strip parentheses, type assertions, `!` and `await`-free wrappers that do not change a value. */
function unwrap(node) {
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    let n = node;
    for (;;) {
        if (ts.isParenthesizedExpression(n) ||
            ts.isAsExpression(n) ||
            ts.isSatisfiesExpression(n) ||
            ts.isNonNullExpression(n) ||
            ts.isTypeAssertionExpression(n))
            n = n.expression;
        else
            return n;
    }
}
/** `a.b.c` → ["a", "b", "c"]; undefined when a part is not a static name. */
function memberPath(node) {
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    const parts = [];
    let n = node;
    for (;;) {
        if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n))
            n = n.expression;
        else if (ts.isPropertyAccessExpression(n)) {
            parts.unshift(n.name.text);
            n = n.expression;
        }
        else if (ts.isElementAccessExpression(n)) {
            const name = stringValue(n.argumentExpression);
            if (name === undefined)
                return undefined;
            parts.unshift(name);
            n = n.expression;
        }
        else if (ts.isIdentifier(n)) {
            parts.unshift(n.text);
            return parts;
        }
        else if (n.kind === ts.SyntaxKind.ThisKeyword) {
            parts.unshift("this");
            return parts;
        }
        else if (ts.isMetaProperty(n)) {
            parts.unshift(`${n.keywordToken === ts.SyntaxKind.ImportKeyword ? "import" : "new"}.${n.name.text}`);
            return parts;
        }
        else
            return undefined;
    }
}
/** Local name → what it imports, for every import declaration and top-level `require`. */
function importBindings(sf) {
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    const out = new Map();
    for (const stmt of sf.statements) {
        if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
            const module = stmt.moduleSpecifier.text;
            const clause = stmt.importClause;
            if (!clause)
                continue;
            if (clause.name)
                out.set(clause.name.text, { module, imported: "default" });
            const nb = clause.namedBindings;
            if (nb && ts.isNamespaceImport(nb))
                out.set(nb.name.text, { module, imported: "*" });
            if (nb && ts.isNamedImports(nb)) {
                for (const el of nb.elements)
                    out.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
            }
        }
        else if (ts.isVariableStatement(stmt)) {
            for (const decl of stmt.declarationList.declarations) {
                const init = decl.initializer && unwrap(decl.initializer);
                if (!init ||
                    !ts.isCallExpression(init) ||
                    !ts.isIdentifier(init.expression) ||
                    init.expression.text !== "require")
                    continue;
                const module = stringValue(init.arguments[0]);
                if (module === undefined)
                    continue;
                if (ts.isIdentifier(decl.name))
                    out.set(decl.name.text, { module, imported: "*" });
                else if (ts.isObjectBindingPattern(decl.name)) {
                    for (const el of decl.name.elements) {
                        if (!ts.isIdentifier(el.name))
                            continue;
                        out.set(el.name.text, { module, imported: propertyNameText(el.propertyName) ?? el.name.text });
                    }
                }
            }
        }
    }
    return out;
}
/** The nearest enclosing function-like node, or the source file. */
function enclosingFunction(node) {
    const ts = (0,_engine_parse__WEBPACK_IMPORTED_MODULE_0__.typescript)();
    for (let n = node.parent; n; n = n.parent) {
        if (ts.isFunctionLike(n) && !ts.isTypeNode(n))
            return n;
        if (ts.isSourceFile(n))
            return n;
    }
    return node.getSourceFile();
}


/***/ }),

/***/ 7591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  c: () => (/* binding */ DETECTORS)
});

// EXTERNAL MODULE: ./src/secrets/credentials.ts
var credentials = __webpack_require__(3179);
// EXTERNAL MODULE: ./src/secrets/env-names.ts
var env_names = __webpack_require__(3807);
// EXTERNAL MODULE: ./src/engine/env-file.ts
var env_file = __webpack_require__(124);
;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/messages.ts
/** "a Redis REST write token", "an Upstash Vector write token". */
function withArticle(label) {
    return `${/^[AEIOU]|^Upstash/i.test(label) ? "an" : "a"} ${label}`;
}
/** What someone who reads the credential out of a bundle can do with it. */
function harmOf(kind) {
    if (kind === "qstash-signing-key")
        return "anyone can read it and forge QStash-signed requests to your webhook endpoints";
    if (kind === "management-api-key")
        return "anyone can read it and manage (or delete) your Upstash databases";
    if (kind === "qstash-token")
        return "anyone can read it and publish messages and schedules billed to your account";
    return "anyone can read it and modify or delete your data";
}
function capitalise(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
/** How to fix a credential that a public name exposes. */
function publicNameFix(kind) {
    if (kind === "qstash-signing-key")
        return "Signing keys belong only to the server that verifies QStash requests: rename the variable without the public prefix and roll the keys.";
    if (kind === "qstash-token")
        return "Publish from server code (a route handler or server action reading QSTASH_TOKEN) and let the browser call that route; QStash has no token that is safe to ship.";
    if (kind === "management-api-key")
        return "The management API key never belongs in client code: rename the variable without the public prefix and revoke the key.";
    return "Use a read-only token for client code and keep the write token in a server-only variable (no public prefix), used by route handlers, server actions or edge functions.";
}

;// CONCATENATED MODULE: ./src/detectors/types.ts
/** Typed identity helper, so each detector file reads `export default defineDetector({...})`. */
function defineDetector(detector) {
    return detector;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/detectors/ast.ts
var ast = __webpack_require__(2979);
// EXTERNAL MODULE: ./src/engine/project.ts + 3 modules
var project = __webpack_require__(5000);
;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/env-uses.ts



/** The credential a read holds: by its name, or by the SDK option it is passed to. */
function credentialOfRead(read) {
    return (0,env_names/* credentialOfEnvName */.nw)(read.name) ?? read.usage;
}
/** Upstash SDK constructors and the options that take a credential. */
const SDK_OPTIONS = {
    "@upstash/redis": { Redis: { token: "redis-rest-token" } },
    "@upstash/redis/cloudflare": { Redis: { token: "redis-rest-token" } },
    "@upstash/redis/fastly": { Redis: { token: "redis-rest-token" } },
    "@upstash/redis/nodejs": { Redis: { token: "redis-rest-token" } },
    "@vercel/kv": { createClient: { token: "redis-rest-token" } },
    "@upstash/qstash": {
        Client: { token: "qstash-token" },
        QStash: { token: "qstash-token" },
        Receiver: { currentSigningKey: "qstash-signing-key", nextSigningKey: "qstash-signing-key" },
    },
    "@upstash/workflow": { Client: { token: "qstash-token" } },
    "@upstash/vector": { Index: { token: "vector-token" } },
    "@upstash/search": { Search: { token: "vector-token" } },
};
const USAGE_LABEL = {
    "redis-rest-token": "Redis REST token",
    "redis-password": "Redis password",
    "qstash-token": "QStash token",
    "qstash-signing-key": "QStash signing key",
    "vector-token": "Upstash Vector/Search token",
    "management-api-key": "Upstash management API key",
};
/** `upstashRedisRestToken` → `UPSTASH_REDIS_REST_TOKEN` (Nuxt maps NUXT_PUBLIC_<SNAKE> onto public keys). */
function snakeCase(key) {
    return key
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .replace(/[-.\s]+/g, "_")
        .toUpperCase();
}
function envObjectVia(ts, expr, aliases) {
    const e = (0,ast/* unwrap */.oA)(expr);
    if (ts.isIdentifier(e))
        return aliases.get(e.text);
    if (!ts.isPropertyAccessExpression(e) || e.name.text !== "env")
        return undefined;
    const owner = (0,ast/* unwrap */.oA)(e.expression);
    if (ts.isIdentifier(owner) && (owner.text === "process" || owner.text === "Bun"))
        return "process.env";
    if (ts.isMetaProperty(owner) && owner.keywordToken === ts.SyntaxKind.ImportKeyword && owner.name.text === "meta")
        return "import.meta.env";
    return undefined;
}
function isRuntimeConfigCall(ts, expr, configs) {
    const e = (0,ast/* unwrap */.oA)(expr);
    if (ts.isIdentifier(e))
        return configs.has(e.text);
    return ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "useRuntimeConfig";
}
/**
 * Env-style names and Nuxt keys that can hold an Upstash credential; a file without one of these has
 * no credential read, whatever else it mentions.
 */
const MAY_NAME_CREDENTIAL = /UPSTASH|QSTASH|KV_(REST|URL|TOKEN)|upstash[A-Z]|qstash[A-Z]|kvRest|kvUrl|@upstash\/|@vercel\/kv|astro:env/;
const SVELTE_ENV = new Set([
    "$env/static/public",
    "$env/dynamic/public",
    "$env/static/private",
    "$env/dynamic/private",
]);
const READS = new project/* MemoKey */.C("credential env reads");
/**
 * Every read of a variable whose name holds an Upstash credential (write or read-only), in one walk;
 * memoised per file because every detector of the rule asks for the same file.
 */
function credentialEnvReads(ctx) {
    const { ts, sourceFile: sf } = ctx;
    if (!ts || !sf)
        return [];
    return ctx.memo(READS, () => (MAY_NAME_CREDENTIAL.test(sf.text) ? new ReadCollector(ts, sf).run() : []));
}
/**
 * Where values flow into an Upstash SDK as a credential: the credential options of the SDK's
 * constructors (`new Redis({ url, token })`, `new upstash.Redis(…)`, `createClient(…)` of
 * @vercel/kv), the options object when it is a constant (`new Redis(config)`), and the initialisers
 * of the constants an option names (`const token = process.env.UPSTASH_TOKEN ?? ""; new Redis({ url,
 * token })`), a few steps deep. A variable's name is not tied to its scope: a file rarely declares
 * two `token`s, and the read must still be of an env variable to count.
 */
function sdkCredentialSlots(ts, sf) {
    const sdk = new Map();
    for (const [local, b] of (0,ast/* importBindings */.eN)(sf)) {
        const module = SDK_OPTIONS[b.module];
        if (!module)
            continue;
        if (b.imported === "*" || b.imported === "default")
            sdk.set(`${local}.`, module);
        else if (module[b.imported])
            sdk.set(local, { [local]: module[b.imported] });
    }
    if (sdk.size === 0)
        return [];
    const optionsOf = (callee) => {
        const path = (0,ast/* memberPath */.Mb)(callee);
        if (path?.length === 1)
            return sdk.get(path[0])?.[path[0]];
        if (path?.length === 2)
            return sdk.get(`${path[0]}.`)?.[path[1]];
        return undefined;
    };
    const decls = new Map();
    const calls = [];
    (0,ast/* walk */.GG)(sf, (n) => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
            const list = decls.get(n.name.text) ?? [];
            list.push(n.initializer);
            decls.set(n.name.text, list);
        }
        else if ((ts.isNewExpression(n) || ts.isCallExpression(n)) && n.arguments?.[0]) {
            const options = optionsOf(n.expression);
            if (options)
                calls.push({ options, arg: n.arguments[0] });
        }
    });
    const slots = [];
    // The value and, when it names a variable, what the variable was given (through `??`, `||`, `!`).
    const flow = (value, kind, depth) => {
        slots.push([value.getStart(sf), value.getEnd(), kind]);
        if (depth > 3)
            return;
        for (const id of namedIn(ts, value))
            for (const init of decls.get(id) ?? [])
                flow(init, kind, depth + 1);
    };
    for (const { options, arg } of calls) {
        const e = (0,ast/* unwrap */.oA)(arg);
        const objects = ts.isIdentifier(e) ? (decls.get(e.text) ?? []).map(ast/* unwrap */.oA) : [e];
        for (const obj of objects) {
            if (!ts.isObjectLiteralExpression(obj))
                continue;
            for (const p of obj.properties) {
                const kind = options[(0,ast/* propertyNameText */.CC)(p.name) ?? ""];
                if (!kind)
                    continue;
                if (ts.isPropertyAssignment(p))
                    flow(p.initializer, kind, 0);
                else if (ts.isShorthandPropertyAssignment(p))
                    flow(p.name, kind, 0);
            }
        }
    }
    return slots;
}
/** The variables a value is: `token`, `token!`, `a ?? b`, `a || ""`, `String(a)`. */
function namedIn(ts, value) {
    const e = (0,ast/* unwrap */.oA)(value);
    if (ts.isIdentifier(e))
        return [e.text];
    if (ts.isBinaryExpression(e)) {
        const op = e.operatorToken.kind;
        if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
            return [...namedIn(ts, e.left), ...namedIn(ts, e.right)];
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "String" && e.arguments[0])
        return namedIn(ts, e.arguments[0]);
    return [];
}
class ReadCollector {
    ts;
    sf;
    out = [];
    seen = new Set();
    slots;
    /** Env objects by local name: aliases of process.env / import.meta.env, SvelteKit's dynamic `env`. */
    aliases = new Map();
    runtimeConfigs = new Set();
    publicConfigs = new Set();
    constructor(ts, sf) {
        this.ts = ts;
        this.sf = sf;
        this.slots = sdkCredentialSlots(ts, sf);
    }
    run() {
        this.imports();
        // Declarations come before their uses in source order, so aliases are known when reads appear.
        (0,ast/* walk */.GG)(this.sf, (node) => this.visit(node));
        return this.out.sort((a, b) => a.start - b.start);
    }
    usageAt(start) {
        for (let i = this.slots.length - 1; i >= 0; i--) {
            const [s, e, kind] = this.slots[i];
            if (start >= s && start < e)
                return { kind, access: "write", label: `${USAGE_LABEL[kind]} (passed to the Upstash SDK)` };
        }
        return undefined;
    }
    push(name, node, via, expression) {
        const start = node.getStart(this.sf);
        const byName = (0,env_names/* credentialOfEnvName */.nw)(name);
        const usage = byName || (0,env_names/* isReadOnlyName */._m)(name) ? undefined : this.usageAt(start);
        if ((!byName && !usage) || this.seen.has(start))
            return;
        this.seen.add(start);
        const shown = expression ?? (via === "process.env" || via === "import.meta.env" ? `${via}.${name}` : name);
        this.out.push({ name, expression: shown, via, start, end: node.getEnd(), ...(usage ? { usage } : {}) });
    }
    /** Astro's typed env and SvelteKit's $env modules. */
    imports() {
        const ts = this.ts;
        for (const stmt of this.sf.statements) {
            if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier))
                continue;
            const module = stmt.moduleSpecifier.text;
            const nb = stmt.importClause?.namedBindings;
            if (!nb || !ts.isNamedImports(nb))
                continue;
            // Astro's typed env: `astro:env/client` values are bundled, `astro:env/server` ones are not.
            if (module === "astro:env/client" || module === "astro:env/server") {
                for (const el of nb.elements)
                    this.push((el.propertyName ?? el.name).text, el, module);
                continue;
            }
            if (!SVELTE_ENV.has(module))
                continue;
            const via = module;
            for (const el of nb.elements) {
                const imported = (el.propertyName ?? el.name).text;
                if (via.includes("static"))
                    this.push(imported, el, via);
                else if (imported === "env")
                    this.aliases.set(el.name.text, via);
            }
        }
    }
    nuxtPublicOwner(expr) {
        const ts = this.ts;
        const e = (0,ast/* unwrap */.oA)(expr);
        if (ts.isIdentifier(e))
            return this.publicConfigs.has(e.text);
        return (ts.isPropertyAccessExpression(e) &&
            e.name.text === "public" &&
            isRuntimeConfigCall(ts, e.expression, this.runtimeConfigs));
    }
    nuxtRead(key, node) {
        this.push(`NUXT_PUBLIC_${snakeCase(key)}`, node, "nuxt-runtime-public", `useRuntimeConfig().public.${key}`);
    }
    visit(node) {
        const ts = this.ts;
        if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node))
            this.member(node);
        else if (ts.isVariableDeclaration(node) && node.initializer)
            this.declaration(node, (0,ast/* unwrap */.oA)(node.initializer));
        else if (ts.isCallExpression(node))
            this.denoGet(node);
    }
    /** `process.env.X`, `env.X`, `import.meta.env["X"]`, `useRuntimeConfig().public.x`. */
    member(node) {
        const ts = this.ts;
        const name = ts.isPropertyAccessExpression(node) ? node.name.text : (0,ast/* stringValue */.r$)(node.argumentExpression);
        if (!name)
            return;
        const via = envObjectVia(ts, node.expression, this.aliases);
        if (via)
            this.push(name, node, via);
        else if (this.nuxtPublicOwner(node.expression))
            this.nuxtRead(name, node);
    }
    /** Aliases of env objects and runtime configs, and destructured reads (`const { X } = process.env`). */
    declaration(node, init) {
        const ts = this.ts;
        const via = envObjectVia(ts, init, this.aliases);
        if (ts.isIdentifier(node.name)) {
            if (via)
                this.aliases.set(node.name.text, via);
            else if (isRuntimeConfigCall(ts, init, this.runtimeConfigs))
                this.runtimeConfigs.add(node.name.text);
            else if (ts.isPropertyAccessExpression(init) &&
                init.name.text === "public" &&
                isRuntimeConfigCall(ts, init.expression, this.runtimeConfigs))
                this.publicConfigs.add(node.name.text);
            return;
        }
        if (!ts.isObjectBindingPattern(node.name))
            return;
        const nuxt = !via && this.nuxtPublicOwner(init);
        for (const el of node.name.elements) {
            const name = (0,ast/* propertyNameText */.CC)(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
            if (!name)
                continue;
            if (via)
                this.push(name, el, via);
            else if (nuxt)
                this.nuxtRead(name, el);
        }
    }
    /** Deno.env.get("X"): server runtimes only, recorded so that nothing mistakes it for client code. */
    denoGet(node) {
        const ts = this.ts;
        const callee = node.expression;
        if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== "get")
            return;
        const owner = callee.expression;
        if (ts.isPropertyAccessExpression(owner) &&
            owner.name.text === "env" &&
            ts.isIdentifier(owner.expression) &&
            owner.expression.text === "Deno") {
            const name = (0,ast/* stringValue */.r$)(node.arguments[0]);
            if (name)
                this.push(name, node, "other");
        }
    }
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/bundler-config.ts
/**
 * What a build configuration inlines into client bundles: Next.js `env` and `publicRuntimeConfig`,
 * Vite `define` and `envPrefix` (also under `vite:` in Astro, Nuxt and WXT configs), SvelteKit
 * `kit.env.publicPrefix`, Nuxt `runtimeConfig.public`, Expo `extra`, and webpack/rspack
 * `DefinePlugin`, `EnvironmentPlugin` and `dotenv-webpack` anywhere. Read from the syntax tree into
 * plain data, so every detector of this rule records the same facts from the same file.
 */






/**
 * What makes a file worth this rule's time: Upstash credential names (`UPSTASH_…`, `upstashRedisRestToken`,
 * `KV_…`; import paths such as `@/lib/upstash` do not count), the webpack plugins that inline environment
 * variables (in any build script), the build configuration files by name, and the scripts that import
 * an Upstash SDK (where a credential is handed to it).
 */
const RULE_1_GATE = {
    keywords: [
        "upstash",
        "qstash_",
        "qstashtoken",
        "kv_rest_api",
        "kv_url",
        "kv_token",
        "defineplugin",
        "environmentplugin",
        "dotenv-webpack",
        "plugins.define",
    ],
    paths: [
        /(^|\/)(vite|astro|nuxt|wxt|quasar|electron\.vite|vitest\.workspace|next|app)\.config\.[cm]?[jt]s$/,
        /(^|\/)svelte\.config\.[cm]?js$/,
    ],
    // In files without a tree (env, JSON, YAML, text) any mention is worth a look.
    textKeywords: ["qstash"],
    imports: { packages: ["@upstash/", "@vercel/kv"] },
};
const VITE_LIKE = /^(vite|astro|nuxt|wxt|quasar|electron\.vite|vitest\.workspace)\.config\.[cm]?[jt]s$/;
const NEXT_CONFIG = /^next\.config\.[cm]?[jt]s$/;
const SVELTE_CONFIG = /^svelte\.config\.[cm]?js$/;
const EXPO_CONFIG = /^app\.config\.[cm]?[jt]s$/;
const NUXT_CONFIG = /^nuxt\.config\.[cm]?[jt]s$/;
class ConfigReader {
    ts;
    sf;
    ctx;
    /** Identifiers bound to the whole environment: `process.env` aliases, `loadEnv(mode, dir, "")`. */
    wholeIds = new Set();
    /** Identifiers bound to env objects whose members are variables (any loadEnv result). */
    envIds = new Set();
    consts = new Map();
    out;
    constructor(ts, sf, ctx) {
        this.ts = ts;
        this.sf = sf;
        this.ctx = ctx;
        this.out = { file: ctx.path, exposures: [], prefixes: [], nuxtPublic: [] };
        (0,ast/* walk */.GG)(sf, (n) => {
            if (!ts.isVariableDeclaration(n) || !n.initializer || !ts.isIdentifier(n.name))
                return;
            const init = (0,ast/* unwrap */.oA)(n.initializer);
            this.consts.set(n.name.text, init);
            if (this.isWholeEnv(init))
                this.wholeIds.add(n.name.text);
            if (this.isLoadEnv(init) || this.isWholeEnv(init))
                this.envIds.add(n.name.text);
        });
    }
    loc(node) {
        return this.ctx.location(node.getStart(this.sf), node.getEnd());
    }
    /** Record that `node` hands the whole environment to client code. */
    whole(node, via, how, why = "the whole environment") {
        this.out.exposures.push({
            name: "*",
            via: via === "global" ? "process.env" : via,
            how,
            loc: this.loc(node),
            credential: { label: "", why, wholeEnv: true },
        });
    }
    isLoadEnv(e) {
        const ts = this.ts;
        if (!ts.isCallExpression(e))
            return false;
        const p = (0,ast/* memberPath */.Mb)(e.expression);
        return Boolean(p && p[p.length - 1] === "loadEnv");
    }
    /** `process.env`, an alias of it, `loadEnv(mode, dir, "")`, or a copy of one of those. */
    isWholeEnv(expr) {
        const ts = this.ts;
        const e = (0,ast/* unwrap */.oA)(expr);
        const p = (0,ast/* memberPath */.Mb)(e);
        if (p && p.length === 2 && (p[0] === "process" || p[0] === "import.meta") && p[1] === "env")
            return true;
        if (ts.isIdentifier(e))
            return this.wholeIds.has(e.text);
        if (this.isLoadEnv(e) && ts.isCallExpression(e)) {
            const third = e.arguments[2];
            if (!third)
                return false;
            if ((0,ast/* stringValue */.r$)(third) === "")
                return true;
            return ts.isArrayLiteralExpression(third) && third.elements.some((x) => (0,ast/* stringValue */.r$)(x) === "");
        }
        if (ts.isCallExpression(e)) {
            const callee = (0,ast/* memberPath */.Mb)(e.expression)?.join(".");
            if (callee === "JSON.stringify" || callee === "Object.assign" || callee === "structuredClone")
                return e.arguments.some((a) => this.isWholeEnv(a));
        }
        if (ts.isObjectLiteralExpression(e))
            return e.properties.some((pr) => ts.isSpreadAssignment(pr) && this.isWholeEnv(pr.expression));
        return false;
    }
    /** Whether an expression hands the whole environment over (not just `env.NAME` members of it). */
    refersToWholeEnv(expr) {
        const ts = this.ts;
        let found = false;
        (0,ast/* walk */.GG)(expr, (n) => {
            if (found)
                return false;
            if (!ts.isExpression(n) || !this.isWholeEnv(n))
                return;
            const parent = n.parent;
            const member = parent &&
                (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) &&
                parent.expression === n;
            if (!member)
                found = true;
            return false;
        });
        return found;
    }
    /** The variable an env member read names (`process.env.X`, `env.X` of a loadEnv result). */
    envRead(n) {
        const ts = this.ts;
        if (!ts.isPropertyAccessExpression(n) && !ts.isElementAccessExpression(n))
            return undefined;
        const owner = (0,ast/* unwrap */.oA)(n.expression);
        const isEnv = (ts.isIdentifier(owner) && this.envIds.has(owner.text)) || this.isWholeEnv(owner);
        if (!isEnv)
            return undefined;
        return ts.isPropertyAccessExpression(n) ? n.name.text : (0,ast/* stringValue */.r$)(n.argumentExpression);
    }
    /** Every env variable a configured value reads. */
    envNamesIn(value) {
        const names = [];
        (0,ast/* walk */.GG)(value, (n) => {
            const name = this.envRead(n);
            if (name)
                names.push(name);
        });
        return names;
    }
    /** A write credential a configured value carries: an env read of one, or a literal. */
    credentialIn(value) {
        const ts = this.ts;
        let cause;
        (0,ast/* walk */.GG)(value, (n) => {
            if (cause)
                return false;
            if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
                const name = this.envRead(n);
                const cred = name ? (0,env_names/* credentialOfEnvName */.nw)(name) : undefined;
                if (cred && cred.access === "write")
                    cause = { label: cred.label, why: `reads ${name}`, kind: cred.kind };
                return;
            }
            const text = (0,ast/* stringValue */.r$)(n);
            if (text !== undefined) {
                for (const c of (0,credentials/* findCredentials */.gD)(text)) {
                    this.ctx.secret(c.value);
                    if (c.access === "write" && !cause)
                        cause = { label: credentials/* CREDENTIAL_LABEL */.Vm[c.kind], why: `holds the literal ${(0,redact/* redact */.E$)(c.value)}`, kind: c.kind };
                }
                return false;
            }
            return;
        });
        return cause;
    }
    /** A value that inlines nothing secret: an empty or placeholder string, undefined, null. */
    isInertConstant(value) {
        const ts = this.ts;
        const e = (0,ast/* unwrap */.oA)(value);
        if (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined"))
            return true;
        if ((0,ast/* stringValue */.r$)(e) !== undefined)
            return true;
        if (ts.isCallExpression(e) &&
            (0,ast/* memberPath */.Mb)(e.expression)?.join(".") === "JSON.stringify" &&
            e.arguments.length === 1) {
            const arg = (0,ast/* unwrap */.oA)(e.arguments[0]);
            return ((0,ast/* stringValue */.r$)(arg) !== undefined ||
                arg.kind === ts.SyntaxKind.NullKeyword ||
                (ts.isIdentifier(arg) && arg.text === "undefined"));
        }
        return false;
    }
    resolveConst(expr) {
        const e = (0,ast/* unwrap */.oA)(expr);
        if (this.ts.isIdentifier(e))
            return this.consts.get(e.text) ?? e;
        return e;
    }
    /** One `name → value` entry of a define map / env block. */
    entry(name, via, value, node, how) {
        const loc = this.loc(node);
        if (this.refersToWholeEnv(value)) {
            this.whole(node, via, how, `the whole environment as ${name}`);
            return;
        }
        let credential = this.credentialIn(value);
        if (!credential && via !== "global" && !this.isInertConstant(value)) {
            const cred = (0,env_names/* credentialOfEnvName */.nw)(name);
            if (cred && cred.access === "write")
                credential = { label: cred.label, why: `names ${name}`, kind: cred.kind };
        }
        const reads = credential ? [] : this.envNamesIn(value).filter((n) => !(0,env_names/* credentialOfEnvName */.nw)(n));
        this.out.exposures.push({
            name,
            via,
            how,
            loc,
            ...(credential ? { credential } : {}),
            ...(reads.length ? { reads } : {}),
        });
    }
    /** A Vite `define` / webpack `DefinePlugin` map: keys are replaced by their values in client code. */
    defineMap(value, how, node) {
        const ts = this.ts;
        const obj = this.resolveConst(value);
        if (!ts.isObjectLiteralExpression(obj)) {
            if (this.refersToWholeEnv(obj))
                this.whole(node, "process.env", how, "the whole environment");
            return;
        }
        for (const prop of obj.properties) {
            if (ts.isSpreadAssignment(prop)) {
                if (this.refersToWholeEnv(prop.expression))
                    this.whole(prop, "process.env", how, "the whole environment");
                continue;
            }
            if (!ts.isPropertyAssignment(prop))
                continue;
            const key = (0,ast/* propertyNameText */.CC)(prop.name);
            if (key === undefined) {
                if (this.refersToWholeEnv(prop.initializer))
                    this.whole(prop, "process.env", how, "the whole environment");
                continue;
            }
            const init = (0,ast/* unwrap */.oA)(prop.initializer);
            if (key === "process.env" || key === "import.meta.env") {
                const via = key === "process.env" ? "process.env" : "import.meta.env";
                if (ts.isObjectLiteralExpression(init)) {
                    for (const inner of init.properties) {
                        if (ts.isPropertyAssignment(inner)) {
                            const name = (0,ast/* propertyNameText */.CC)(inner.name);
                            if (name)
                                this.entry(name, via, inner.initializer, inner, how);
                        }
                        else if (ts.isSpreadAssignment(inner) && this.refersToWholeEnv(inner.expression)) {
                            this.whole(inner, via, how, `the whole environment as ${key}`);
                        }
                    }
                }
                else if (this.refersToWholeEnv(init)) {
                    this.whole(prop, via, how, `the whole environment as ${key}`);
                }
                continue;
            }
            const m = /^(process\.env|import\.meta\.env)\.([\w$]+)$/.exec(key);
            if (m)
                this.entry(m[2], m[1], init, prop, how);
            else
                this.entry(key, "global", init, prop, how);
        }
    }
    /** Next.js `env` / Expo `extra`: plain objects whose values end up in client code. */
    envBlock(value, how, via, node, keyToName = (k) => k) {
        const ts = this.ts;
        const obj = this.resolveConst(value);
        if (!ts.isObjectLiteralExpression(obj)) {
            if (this.refersToWholeEnv(obj))
                this.whole(node, via, how, "the whole environment");
            return;
        }
        for (const prop of obj.properties) {
            if (ts.isSpreadAssignment(prop)) {
                if (this.refersToWholeEnv(prop.expression))
                    this.whole(prop, via, how, "the whole environment");
                continue;
            }
            if (ts.isShorthandPropertyAssignment(prop)) {
                this.entry(keyToName(prop.name.text), via, prop.name, prop, how);
                continue;
            }
            if (!ts.isPropertyAssignment(prop))
                continue;
            const key = (0,ast/* propertyNameText */.CC)(prop.name);
            if (key === undefined)
                continue;
            const init = (0,ast/* unwrap */.oA)(prop.initializer);
            if (via === "global" && ts.isObjectLiteralExpression(init)) {
                this.envBlock(init, how, via, prop, keyToName);
                continue;
            }
            // Expo extra keys are free-form: judge them by the variable name they would map to.
            const name = keyToName(key);
            const before = this.out.exposures.length;
            this.entry(name, via, init, prop, how);
            const added = this.out.exposures[before];
            if (added && name !== key)
                added.key = key;
            if (added && via === "global" && !added.credential && !this.isInertConstant(init)) {
                const cred = (0,env_names/* credentialOfEnvName */.nw)(name);
                if (cred && cred.access === "write")
                    added.credential = { label: cred.label, why: `names ${key}`, kind: cred.kind };
            }
        }
    }
    prefixes(value, how, via) {
        const ts = this.ts;
        const e = this.resolveConst(value);
        const items = ts.isArrayLiteralExpression(e) ? [...e.elements] : [e];
        for (const item of items) {
            const prefix = (0,ast/* stringValue */.r$)(item);
            if (prefix !== undefined)
                this.out.prefixes.push({ prefix, how, via, loc: this.loc(item) });
        }
    }
    /** Astro `env: { schema: { NAME: envField.string({ context: "client", access: "public" }) } }`. */
    astroSchema(value) {
        const ts = this.ts;
        const obj = this.resolveConst(value);
        if (!ts.isObjectLiteralExpression(obj))
            return;
        for (const prop of obj.properties) {
            if (!ts.isPropertyAssignment(prop))
                continue;
            const name = (0,ast/* propertyNameText */.CC)(prop.name);
            const call = (0,ast/* unwrap */.oA)(prop.initializer);
            if (!name || !ts.isCallExpression(call) || (0,ast/* memberPath */.Mb)(call.expression)?.[0] !== "envField")
                continue;
            const opts = call.arguments[0] && (0,ast/* unwrap */.oA)(call.arguments[0]);
            if (!opts || !ts.isObjectLiteralExpression(opts))
                continue;
            const context = opts.properties.find((p) => ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === "context");
            if ((0,ast/* stringValue */.r$)(context?.initializer) !== "client")
                continue;
            const cred = (0,env_names/* credentialOfEnvName */.nw)(name);
            this.out.nuxtPublic.push({
                key: name,
                envName: name,
                astro: true,
                loc: this.loc(prop),
                ...(cred && cred.access === "write"
                    ? { credential: { label: cred.label, why: `names ${name}`, kind: cred.kind } }
                    : {}),
            });
        }
    }
    nuxtPublic(value, trail) {
        const ts = this.ts;
        const obj = this.resolveConst(value);
        if (!ts.isObjectLiteralExpression(obj))
            return;
        for (const prop of obj.properties) {
            if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop))
                continue;
            const key = (0,ast/* propertyNameText */.CC)(prop.name);
            if (key === undefined)
                continue;
            const init = ts.isPropertyAssignment(prop) ? (0,ast/* unwrap */.oA)(prop.initializer) : prop.name;
            if (ts.isObjectLiteralExpression(init)) {
                this.nuxtPublic(init, [...trail, key]);
                continue;
            }
            const keyPath = [...trail, key].join(".");
            const envName = `NUXT_PUBLIC_${[...trail, key].map(snakeCase).join("_")}`;
            let credential = this.credentialIn(init);
            if (!credential) {
                const cred = (0,env_names/* credentialOfEnvName */.nw)(envName);
                if (cred && cred.access === "write")
                    credential = { label: cred.label, why: `maps to ${envName}`, kind: cred.kind };
            }
            this.out.nuxtPublic.push({ key: keyPath, envName, loc: this.loc(prop), ...(credential ? { credential } : {}) });
        }
    }
}
function pluginName(e) {
    const p = (0,ast/* memberPath */.Mb)(e.expression);
    return p?.[p.length - 1];
}
/** The build-time exposures a file configures, or undefined when it configures none. */
function readBundlerConfig(ctx) {
    const ts = ctx.ts;
    const sf = ctx.sourceFile;
    if (!ts || !sf || ctx.kind !== "script")
        return undefined;
    const base = external_node_path_.posix.basename(ctx.path);
    const viteLike = VITE_LIKE.test(base);
    const next = NEXT_CONFIG.test(base);
    const svelte = SVELTE_CONFIG.test(base);
    const expo = EXPO_CONFIG.test(base);
    const nuxt = NUXT_CONFIG.test(base);
    const astro = /^astro\.config\.[cm]?[jt]s$/.test(base);
    const text = ctx.text;
    if (!/DefinePlugin|EnvironmentPlugin|dotenv-webpack|plugins\.define/.test(text) &&
        !viteLike &&
        !next &&
        !svelte &&
        !expo &&
        !astro)
        return undefined;
    const r = new ConfigReader(ts, sf, ctx);
    const dotenvIds = new Set();
    for (const [local, b] of (0,ast/* importBindings */.eN)(sf))
        if (b.module === "dotenv-webpack")
            dotenvIds.add(local);
    (0,ast/* walk */.GG)(sf, (n) => {
        if (ts.isNewExpression(n)) {
            const name = pluginName(n);
            const arg0 = n.arguments?.[0];
            if (name === "DefinePlugin" && arg0)
                r.defineMap(arg0, "webpack DefinePlugin", n);
            else if (name === "EnvironmentPlugin") {
                const args = n.arguments ?? [];
                for (const a of args) {
                    const e = (0,ast/* unwrap */.oA)(a);
                    if (r.refersToWholeEnv(e)) {
                        r.whole(e, "process.env", "webpack EnvironmentPlugin", "every variable of the environment");
                    }
                    else if (ts.isArrayLiteralExpression(e)) {
                        for (const el of e.elements) {
                            const v = (0,ast/* stringValue */.r$)(el);
                            if (v)
                                pushNamed(r, v, el, "webpack EnvironmentPlugin", ctx, sf);
                        }
                    }
                    else if (ts.isObjectLiteralExpression(e)) {
                        for (const p of e.properties) {
                            const v = p.name && (0,ast/* propertyNameText */.CC)(p.name);
                            if (v)
                                pushNamed(r, v, p, "webpack EnvironmentPlugin", ctx, sf);
                        }
                    }
                    else {
                        const v = (0,ast/* stringValue */.r$)(e);
                        if (v)
                            pushNamed(r, v, e, "webpack EnvironmentPlugin", ctx, sf);
                    }
                }
            }
            else if (name &&
                (name === "Dotenv" || dotenvIds.has(name)) &&
                (dotenvIds.size > 0 || /dotenv-webpack/.test(text))) {
                r.out.exposures.push({
                    name: "*",
                    via: "process.env",
                    how: "dotenv-webpack",
                    loc: ctx.location(n.getStart(sf), n.getEnd()),
                    implicit: true,
                });
            }
            return;
        }
        // Gatsby's onCreateWebpackConfig: plugins.define({...}) is a DefinePlugin.
        if (ts.isCallExpression(n) &&
            n.arguments[0] &&
            (0,ast/* memberPath */.Mb)(n.expression)?.slice(-2).join(".") === "plugins.define") {
            r.defineMap(n.arguments[0], "Gatsby plugins.define", n);
            return;
        }
        if (!ts.isPropertyAssignment(n))
            return;
        const key = (0,ast/* propertyNameText */.CC)(n.name);
        if (!key)
            return;
        if (viteLike && key === "define")
            r.defineMap(n.initializer, nuxt ? "Vite define (nuxt.config)" : "Vite define", n);
        else if (viteLike && key === "envPrefix")
            r.prefixes(n.initializer, "Vite envPrefix", "import.meta.env");
        else if (svelte && key === "publicPrefix")
            r.prefixes(n.initializer, "SvelteKit kit.env.publicPrefix", "$env");
        else if (next && key === "env")
            r.envBlock(n.initializer, "next.config env", "process.env", n);
        else if (next && key === "publicRuntimeConfig")
            r.envBlock(n.initializer, "next.config publicRuntimeConfig", "global", n, snakeCase);
        else if (expo && key === "extra")
            r.envBlock(n.initializer, "Expo app config extra", "global", n, snakeCase);
        else if (nuxt && key === "public" && isRuntimeConfigPublic(ts, n))
            r.nuxtPublic(n.initializer, []);
        else if (astro && key === "schema")
            r.astroSchema(n.initializer);
    });
    const o = r.out;
    return o.exposures.length || o.prefixes.length || o.nuxtPublic.length ? o : undefined;
}
function isRuntimeConfigPublic(ts, prop) {
    const obj = prop.parent;
    const holder = obj && obj.parent;
    if (holder && ts.isPropertyAssignment(holder))
        return (0,ast/* propertyNameText */.CC)(holder.name) === "runtimeConfig";
    // const runtimeConfig = { public: {…} }; defineNuxtConfig({ runtimeConfig })
    return Boolean(holder && ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text === "runtimeConfig");
}
function pushNamed(r, name, node, how, ctx, sf) {
    const cred = (0,env_names/* credentialOfEnvName */.nw)(name);
    r.out.exposures.push({
        name,
        via: "process.env",
        how,
        loc: ctx.location(node.getStart(sf), node.getEnd()),
        ...(cred && cred.access === "write"
            ? { credential: { label: cred.label, why: `names ${name}`, kind: cred.kind } }
            : cred
                ? {}
                : { reads: [name] }),
    });
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/file-roles.ts
/**
 * Where a file runs, judged from framework conventions: its path inside its package, its directives
 * and what it imports. Two questions: can this file never be part of a client bundle (server-only),
 * and does it ship to clients on its own (a client entry)?
 */


const SCRIPT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
const PACKAGE_PATHS = new project/* MemoKey */.C("package-relative paths");
function packagePath(project, file) {
    const cache = project.memo(PACKAGE_PATHS, () => new Map());
    let hit = cache.get(file);
    if (!hit) {
        const pkg = project.packageOf(file);
        const dir = pkg?.dir ?? "";
        cache.set(file, (hit = { pkg, dir, rel: dir ? file.slice(dir.length + 1) : file }));
    }
    return hit;
}
/** Dependencies that make a package an SSR framework app, where `src/` is not all client code. */
const SSR_DEPS = [
    "next",
    "nuxt",
    "@sveltejs/kit",
    "astro",
    "@remix-run/react",
    "@remix-run/node",
    "@react-router/dev",
    "@tanstack/react-start",
    "@tanstack/start",
    "@solidjs/start",
    "@builder.io/qwik-city",
    "vike",
    "vite-plugin-ssr",
    "@analogjs/platform",
    "waku",
];
/** Dependencies of browser-extension toolchains. */
const EXTENSION_DEPS = [
    "wxt",
    "plasmo",
    "webextension-polyfill",
    "@crxjs/vite-plugin",
    "vite-plugin-web-extension",
    "@types/chrome",
    "@types/webextension-polyfill",
    "chrome-types",
    "@samrum/vite-plugin-web-extension",
    "extension",
];
/** Server frameworks: a package that has one and no frontend framework is a server. */
const SERVER_DEPS = [
    "express",
    "hono",
    "fastify",
    "koa",
    "@hapi/hapi",
    "@nestjs/core",
    "wrangler",
    "@cloudflare/workers-types",
    "elysia",
    "h3",
];
const FRONTEND_DEPS = [
    "react",
    "react-dom",
    "vue",
    "svelte",
    "solid-js",
    "preact",
    "@angular/core",
    "next",
    "nuxt",
    "astro",
    "vite",
    "react-scripts",
    "gatsby",
    "expo",
    "react-native",
    "@sveltejs/kit",
    "@vue/cli-service",
];
/** Module specifiers that only resolve in a server runtime; a client bundle importing one fails. */
const SERVER_MODULES = /^(server-only|\$env\/(static|dynamic)\/private|next\/server|next\/headers|node:.*|fs|fs\/promises|child_process|net|tls|http|https|crypto|os|worker_threads|cluster|dgram|dns|readline|express|hono|hono\/.*|@hono\/node-server|fastify|koa|@vercel\/functions|@netlify\/functions|firebase-admin|firebase-functions(\/.*)?)$/;
/** Modules whose import makes a bundler refuse the file in client code (build error), so reach stops. */
const BUNDLE_BREAKERS = new Set(["server-only", "$env/static/private", "$env/dynamic/private"]);
function has(pkg, deps) {
    return Boolean(pkg && deps.some((d) => pkg.dependencies.has(d)));
}
/**
 * Why a file never runs in a client bundle, judged by its path and package: route handlers, API
 * directories, server directories, build configuration, scripts and tests. Undefined when the path
 * says nothing (the file may still be server-only by what it imports, see `serverOnlyReason`).
 */
function serverOnlyPathReason(project, file) {
    const { pkg, rel } = packagePath(project, file);
    const base = external_node_path_.posix.basename(rel);
    const top = rel.includes("/") ? rel.slice(0, rel.indexOf("/")) : "";
    if (project.tests.has(file))
        return "test code";
    if (base.includes(".server.") || /^\+server\.[cm]?[jt]s$/.test(base))
        return "a .server module";
    if (rel.includes("lib/server/") || rel.startsWith("server/") || rel.startsWith("src/server/"))
        return "a server directory";
    if (CONFIG_FILE.test(base) && (!top || KNOWN_CONFIG.test(base)))
        return "build configuration";
    if (/^gatsby-(node|ssr|config)\.[cm]?[jt]s$/.test(base))
        return "Gatsby build code";
    if (MIDDLEWARE.test(base) && (!top || (top === "src" && rel.indexOf("/") === rel.lastIndexOf("/"))))
        return "Next.js middleware";
    if (/^route\.[cm]?[jt]sx?$/.test(base) && (rel.startsWith("app/") || rel.includes("/app/")))
        return "a route handler";
    if (rel.startsWith("pages/api/") || rel.includes("/pages/api/"))
        return "a pages/api route";
    if (base.includes("+api."))
        return "an Expo API route";
    if (SERVERLESS_DIRS.has(top) || rel.startsWith("netlify/functions/") || rel.startsWith("supabase/functions/"))
        return "serverless functions";
    if (rel.startsWith("src/api/") && has(pkg, ["gatsby"]))
        return "Gatsby functions";
    if (SCRIPT_DIRS.has(top))
        return "scripts";
    if (pkg && has(pkg, SERVER_DEPS) && !has(pkg, FRONTEND_DEPS))
        return "a server package";
    return undefined;
}
const CONFIG_FILE = /^[\w.-]+\.config\.[cm]?[jt]s$/;
const KNOWN_CONFIG = /^(next|vite|nuxt|astro|svelte|webpack|rollup|tailwind|postcss|babel|metro|app|wxt|jest|vitest|playwright|eslint|prettier|drizzle|tsup|gatsby-config)\./;
const MIDDLEWARE = /^(middleware|instrumentation|proxy)\.[cm]?[jt]s$/;
const SERVERLESS_DIRS = new Set([
    "api",
    "functions",
    "workers",
    "worker",
    "edge-functions",
    "lambda",
    "lambdas",
    "cron",
    "jobs",
]);
const SCRIPT_DIRS = new Set(["scripts", "bin", "prisma", "drizzle", "migrations", "seed", "seeds"]);
/** Why a file is server-only by its directives or imports, or by its path. */
function serverOnlyReason(project, file) {
    if (project.declaredRole(file) === "server")
        return "declared server code (paths.server)";
    const summary = project.files.get(file);
    if (summary?.directives?.includes("use server"))
        return 'a "use server" module';
    const serverImport = summary?.imports?.find((i) => !i.typeOnly && SERVER_MODULES.test(i.specifier));
    if (serverImport)
        return `imports "${serverImport.specifier}"`;
    return serverOnlyPathReason(project, file);
}
/**
 * Files where a client import walk must stop: the build refuses them in client code or turns their
 * exports into network calls ("use server" actions), so nothing inside them is bundled.
 */
function endsClientBundle(summary, file) {
    if (!summary)
        return false;
    if (summary.directives?.includes("use server"))
        return true;
    if (summary.imports?.some((i) => !i.typeOnly && BUNDLE_BREAKERS.has(i.specifier)))
        return true;
    const base = external_node_path_.posix.basename(file);
    return /\.server\.[a-z]+$/.test(base) || /^\+server\.[cm]?[jt]s$/.test(base) || /(^|\/)lib\/server\//.test(file);
}
/** Static-asset and build-output directories whose files are served as they are. */
const ASSET_DIR = /^(public|static|www|\.next\/static|\.output\/public|\.vercel\/output\/static|\.svelte-kit\/output\/client|storybook-static)\//;
const OUTPUT_DIR = /^(dist|out|\.next\/static|\.output\/public|\.vercel\/output\/static|\.svelte-kit\/output\/client|storybook-static)\//;
const REPORT_DIR = /(^|\/)(coverage|node_modules|playwright-report|test-results|\.nyc_output)\//;
/**
 * Why a committed file is served to clients as it is, if it is: static assets, build output, HTML
 * pages. These are entries of their own: nothing imports them.
 */
function assetReason(project, file) {
    const summary = project.files.get(file);
    const { pkg, rel } = packagePath(project, file);
    if (REPORT_DIR.test(rel) || project.tests.has(file))
        return undefined;
    // Server builds (an API package's dist/, Remix build/server) are not served to browsers.
    const serverBuild = /(^|\/)server\//.test(rel) || (pkg !== undefined && has(pkg, SERVER_DEPS) && !has(pkg, FRONTEND_DEPS));
    if (OUTPUT_DIR.test(rel) && !serverBuild)
        return "committed build output";
    // Create React App writes build/; elsewhere build/ often holds build scripts, not output.
    if (/^build\//.test(rel) && !serverBuild && (has(pkg, ["react-scripts"]) || /^build\/static\//.test(rel)))
        return "committed build output";
    if (ASSET_DIR.test(rel))
        return "committed static asset";
    // Expo embeds the app config (extra included) into every build of the app.
    if (rel === "app.json" && has(pkg, ["expo"]))
        return "Expo app manifest";
    if (summary?.kind === "html")
        return "HTML page";
    return undefined;
}
/** Whether the package is a browser extension, by its dependencies (manifests are checked by the caller). */
function isExtensionPackage(pkg) {
    return has(pkg, EXTENSION_DEPS);
}
/**
 * Why a script or component is a client entry by its own facts (directives, framework, location), or
 * undefined. `extensionRoots` are directories of browser extensions (from their manifests).
 */
function clientEntryReason(project, file, extensionRoots) {
    const summary = project.files.get(file);
    if (!summary || (summary.kind !== "script" && summary.kind !== "sfc"))
        return undefined;
    if (summary.directives?.includes("use client"))
        return '"use client" module';
    if (endsClientBundle(summary, file))
        return undefined;
    const { pkg, rel } = packagePath(project, file);
    const base = external_node_path_.posix.basename(rel);
    if (base.endsWith(".vue"))
        return "Vue component";
    if (base.endsWith(".svelte"))
        return "Svelte component";
    if (base.endsWith(".astro"))
        return undefined;
    if (serverOnlyPathReason(project, file) || summary.directives?.includes("use server"))
        return undefined;
    for (const root of extensionRoots)
        if (root === "" || file.startsWith(root + "/"))
            return "browser extension code";
    const fw = pkg?.frameworks;
    if (!fw)
        return undefined;
    if (fw.has("nextjs") && /^(src\/)?pages\//.test(rel) && !/^(src\/)?pages\/_document\./.test(rel) && SCRIPT.test(base))
        return "Next.js pages-router page";
    if (fw.has("sveltekit")) {
        if (/^\+(page|layout)\.[cm]?[jt]s$/.test(base))
            return "SvelteKit universal load module";
        if (/^src\/hooks(\.client)?\.[cm]?[jt]s$/.test(rel))
            return "SvelteKit client hooks";
        if (/^src\/service-worker/.test(rel))
            return "SvelteKit service worker";
        return undefined;
    }
    if (fw.has("nuxt")) {
        if (/^(app\/)?(plugins|composables|utils|middleware|stores|layouts|pages|components)\//.test(rel) ||
            /^(app\/)?app\.config\.[cm]?[jt]s$/.test(rel))
            return "Nuxt app code";
        return undefined;
    }
    if (fw.has("expo") || fw.has("react-native"))
        return fw.has("expo") ? "Expo app source" : "React Native app source";
    if (fw.has("gatsby") && /^src\//.test(rel))
        return "Gatsby site source";
    if (fw.has("cra") && /^src\//.test(rel))
        return "Create React App source";
    if (fw.has("vue-cli") && /^src\//.test(rel))
        return "Vue CLI app source";
    if (fw.has("vite") && !has(pkg, SSR_DEPS) && /^(src|client|frontend|resources\/js|app\/javascript)\//.test(rel))
        return "Vite app source";
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/bundle-settings.ts



/** Prefixes that only Vite-style `import.meta.env` inlines; `process.env.VITE_X` stays undefined in the browser. */
const IMPORT_META_PREFIXES = new Set(["VITE_", "WXT_", "PUBLIC_"]);
/** Prefixes inlined into `process.env.X` reads of client code. */
const PROCESS_ENV_PREFIXES = new Set([
    "NEXT_PUBLIC_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "GATSBY_",
    "VUE_APP_",
    "PLASMO_PUBLIC_",
]);
class BundleSettings {
    project;
    byScope = new Map();
    constructor(project, configs) {
        this.project = project;
        for (const c of configs) {
            const scope = packagePath(project, c.file).dir;
            let list = this.byScope.get(scope);
            if (!list)
                this.byScope.set(scope, (list = []));
            list.push(c);
        }
    }
    /** Configurations governing a file: those of its package. */
    configsOf(file) {
        return this.byScope.get(packagePath(this.project, file).dir) ?? [];
    }
    /** Custom client prefixes (Vite envPrefix, SvelteKit publicPrefix) of the file's package. */
    customPrefixes(file) {
        return this.configsOf(file).flatMap((c) => c.prefixes);
    }
    /** The setting that makes `<via>.<name>` a build-time constant in the file's package, if any. */
    exposure(file, name, via) {
        const all = this.configsOf(file).flatMap((c) => c.exposures);
        return all.find((e) => e.via === via && e.name === name) ?? all.find((e) => e.via === via && e.name === "*");
    }
    /**
     * The client prefix a variable name carries, and what makes it public: a framework's built-in
     * prefix or a configured one. `via` narrows it to how code reads it (undefined for env files).
     */
    publicPrefix(file, name, via) {
        for (const p of this.customPrefixes(file)) {
            if (!name.startsWith(p.prefix))
                continue;
            if (via === undefined ||
                (p.via === "import.meta.env" && via === "import.meta.env") ||
                (p.via === "$env" && via.startsWith("$env/") && via.endsWith("/public"))) {
                return { prefix: p.prefix, exposedBy: `${p.how} "${p.prefix}" in ${p.loc.file}` };
            }
        }
        const prefix = (0,env_names/* clientPrefixOf */.fE)(name);
        if (!prefix)
            return undefined;
        const exposedBy = `the ${(0,env_names/* frameworkOfPrefix */.Ue)(prefix) ?? "framework"} prefix ${prefix}`;
        if (via === undefined || via === "import.meta.env")
            return { prefix, exposedBy };
        if (via === "process.env") {
            if (PROCESS_ENV_PREFIXES.has(prefix))
                return { prefix, exposedBy };
            // Vite leaves process.env alone unless a define hands it over.
            const e = IMPORT_META_PREFIXES.has(prefix) ? this.exposure(file, name, "process.env") : undefined;
            return e && !e.implicit ? { prefix, exposedBy: `${e.how} in ${e.loc.file}` } : undefined;
        }
        return undefined;
    }
    /** Whether a credential read in `file` is client-visible, and which check owns it. */
    classifyRead(file, read) {
        const cred = credentialOfRead(read);
        if (!cred || cred.access !== "write")
            return undefined;
        if (read.via === "$env/static/public" || read.via === "$env/dynamic/public")
            return { check: "public-env-credential", prefix: "", exposedBy: `SvelteKit's ${read.via}` };
        if (read.via === "nuxt-runtime-public")
            return { check: "public-env-credential", prefix: "NUXT_PUBLIC_", exposedBy: "Nuxt runtimeConfig.public" };
        if (read.via === "astro:env/client")
            return { check: "public-env-credential", prefix: "", exposedBy: "Astro's astro:env/client" };
        if (read.via !== "process.env" && read.via !== "import.meta.env")
            return undefined;
        const pub = this.publicPrefix(file, read.name, read.via);
        if (pub)
            return { check: "public-env-credential", ...pub };
        if ((0,env_names/* clientPrefixOf */.fE)(read.name))
            return undefined;
        const e = this.exposure(file, read.name, read.via);
        return e ? { check: "credential-in-client-code", exposure: e } : undefined;
    }
}
/** Whether the project uses Upstash at all (dependencies, env files): gate for whole-env findings. */
function usesUpstash(project) {
    for (const p of project.packages)
        for (const d of p.dependencies)
            if (d.startsWith("@upstash/") || d === "@vercel/kv")
                return true;
    return project.envFiles.some((f) => f.entries.some((e) => (0,env_names/* credentialOfEnvName */.nw)(e.name)));
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/bundler-inlines-credential.ts
/**
 * A build setting that inlines a write credential into client bundles: next.config `env` /
 * `publicRuntimeConfig` entries, Vite `define` of a credential or of the whole environment
 * (`process.env`, `loadEnv(mode, dir, "")`), an `envPrefix` (or SvelteKit `publicPrefix`) that
 * exposes UPSTASH_/QSTASH_/KV_ names or is empty, webpack `DefinePlugin` / `EnvironmentPlugin` naming
 * a credential, Expo `extra` carrying one. Whole-environment exposures are reported only in projects
 * that use Upstash (this scanner's scope).
 *
 * A variable is a credential by its name (the SDKs' own names) or by what the project does with it:
 * code hands it to an Upstash SDK as its credential (`const token = process.env.UPSTASH_TOKEN;
 * new Redis({ url, token })`), or an env file gives it a value that decodes to a write token. Apps
 * name their variables as they like; what flows into `token` is a token whatever it is called.
 */








const FIX = "Inline only non-secret values; keep write tokens in server-only variables read by route handlers, server actions or edge functions, and give client code a read-only token.";
/* harmony default export */ const bundler_inlines_credential = (defineDetector({
    id: "bundler-inlines-credential",
    rule: "upstash/write-token-in-frontend",
    checks: {
        "bundler-inlines-credential": "A bundler setting (next.config env, Vite define/envPrefix, webpack DefinePlugin/EnvironmentPlugin) inlines a write credential into client bundles",
    },
    ...RULE_1_GATE,
    patterns: credentials/* CREDENTIAL_SHAPES */.dF,
    // Env files only for their values: a variable whose value is a write token is one, whatever its name.
    fileKinds: ["script", "env"],
    needs: { ast: true },
    analyzeFile(ctx) {
        if (ctx.kind === "env") {
            for (const entry of (0,env_file/* parseEnvFile */.F)(ctx.text)) {
                const creds = (0,credentials/* findCredentials */.gD)(entry.value);
                for (const c of creds)
                    ctx.secret(c.value);
                const write = creds.find((c) => c.access === "write");
                if (!write)
                    continue;
                const label = credentials/* CREDENTIAL_LABEL */.Vm[write.kind];
                ctx.fact({
                    t: "use",
                    name: entry.name,
                    kind: write.kind,
                    label,
                    evidence: `${ctx.path} sets it to ${withArticle(label)}`,
                });
            }
            return;
        }
        const config = readBundlerConfig(ctx);
        if (config)
            ctx.fact({ t: "config", config });
        for (const r of credentialEnvReads(ctx)) {
            if (!r.usage)
                continue;
            const line = ctx.location(r.start, r.end).range.startLine;
            ctx.fact({
                t: "use",
                name: r.name,
                kind: r.usage.kind,
                label: credentials/* CREDENTIAL_LABEL */.Vm[r.usage.kind],
                evidence: `the code passes it to the Upstash SDK as its credential at ${ctx.path}:${line}`,
            });
        }
    },
    analyzeProject(ctx) {
        const upstash = usesUpstash(ctx.project);
        const uses = new Map();
        for (const { fact } of ctx.facts)
            if (fact.t === "use" && !uses.has(fact.name))
                uses.set(fact.name, fact);
        for (const { fact } of ctx.facts) {
            if (fact.t !== "config")
                continue;
            for (const e of fact.config.exposures) {
                const c = e.credential ?? usedAsCredential(e, uses);
                if (!c || (c.wholeEnv && !upstash))
                    continue;
                const what = c.wholeEnv
                    ? `${e.how} hands ${c.why} to client code, Upstash write tokens included`
                    : `${e.how} inlines ${e.key ?? (e.name === "*" ? "a value" : e.name)}${c.why === `names ${e.name}` || c.why === `reads ${e.name}` ? "" : ` (${c.why})`}, ${withArticle(c.label)}, into client bundles`;
                ctx.report({
                    check: "bundler-inlines-credential",
                    location: e.loc,
                    confidence: "high",
                    message: `${what}: ${c.wholeEnv ? "anyone can read them in the shipped JavaScript and modify or delete your data" : harmOf(c.kind).replace("read it", "read it in the shipped JavaScript")}. ${FIX}`,
                });
            }
            for (const p of fact.config.prefixes) {
                const exposed = env_names/* CANONICAL_CREDENTIAL_NAMES */.OI.filter((n) => n.startsWith(p.prefix));
                if (exposed.length === 0)
                    continue;
                if (p.prefix === "" && !upstash)
                    continue;
                ctx.report({
                    check: "bundler-inlines-credential",
                    location: p.loc,
                    confidence: "high",
                    message: `${p.how} ${p.prefix === "" ? "is empty, which exposes every environment variable" : `"${p.prefix}" exposes ${exposed.join(", ")}`} to client code: the write tokens are inlined into the bundle. Keep the framework's public prefix and give client code a separately named read-only token.`,
                });
            }
        }
    },
}));
/** The credential an exposure inlines although no name says so: a variable the project uses as one. */
function usedAsCredential(e, uses) {
    const names = [...(e.via !== "global" && e.name !== "*" ? [e.name] : []), ...(e.reads ?? [])];
    for (const name of names) {
        const use = uses.get(name);
        if (use)
            return {
                label: use.label,
                why: name === e.name ? use.evidence : `reads ${name}; ${use.evidence}`,
                kind: use.kind,
            };
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/engine/sfc.ts
var sfc = __webpack_require__(4724);
// EXTERNAL MODULE: ./src/engine/parse.ts
var parse = __webpack_require__(2333);
// EXTERNAL MODULE: ./src/engine/exports.ts
var engine_exports = __webpack_require__(6961);
;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/pages-router.ts



const DATA_FETCHING = new Set(["getServerSideProps", "getStaticProps", "getStaticPaths"]);
/** Identifiers that name a binding (not property names of `a.b` or `{ b: 1 }`). */
function referencedNames(ts, root, out) {
    (0,ast/* walk */.GG)(root, (n) => {
        if (!ts.isIdentifier(n))
            return;
        const p = n.parent;
        if (p && ts.isPropertyAccessExpression(p) && p.name === n)
            return;
        if (p && (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) && p.name === n)
            return;
        out.add(n.text);
    });
}
/** Top-level names a statement declares. */
function declaredNames(ts, stmt) {
    if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name)
        return [stmt.name.text];
    if (ts.isVariableStatement(stmt)) {
        const names = [];
        for (const d of stmt.declarationList.declarations) {
            if (ts.isIdentifier(d.name))
                names.push(d.name.text);
            else
                (0,ast/* walk */.GG)(d.name, (n) => void (ts.isIdentifier(n) && ts.isBindingElement(n.parent) && n.parent.name === n && names.push(n.text)));
        }
        return names;
    }
    return [];
}
function isExported(ts, stmt) {
    return (0,engine_exports/* hasModifier */.mp)(ts, stmt, ts.SyntaxKind.ExportKeyword);
}
/**
 * Offsets of the import (and `export … from`) statements of a page that Next drops from the client
 * build because only data-fetching code uses them. Empty when the page has no data-fetching export or
 * TypeScript is not loaded (then every import counts as bundled, the cautious answer).
 */
function serverOnlyImportStarts(file, text) {
    const out = new Set();
    if (!/getServerSideProps|getStaticProps|getStaticPaths/.test(text))
        return out;
    let ts;
    let sf;
    try {
        ts = (0,parse.typescript)();
        sf = (0,parse.parseSource)(file, text, "script");
    }
    catch (err) {
        if (err instanceof parse.TypeScriptNotLoaded)
            throw err;
        return out;
    }
    const removed = [];
    const kept = [];
    const declOf = new Map();
    const imports = [];
    for (const stmt of sf.statements) {
        if (ts.isImportDeclaration(stmt)) {
            const names = [];
            const c = stmt.importClause;
            if (c?.name)
                names.push(c.name.text);
            const nb = c?.namedBindings;
            if (nb && ts.isNamespaceImport(nb))
                names.push(nb.name.text);
            if (nb && ts.isNamedImports(nb))
                for (const el of nb.elements)
                    names.push(el.name.text);
            imports.push({ stmt, names });
            continue;
        }
        if (ts.isExportDeclaration(stmt) &&
            stmt.moduleSpecifier &&
            stmt.exportClause &&
            ts.isNamedExports(stmt.exportClause)) {
            // `export { getServerSideProps } from "../lib/ssr"`: dropped with the function it re-exports.
            if (stmt.exportClause.elements.every((el) => DATA_FETCHING.has(el.name.text)))
                out.add(stmt.getStart(sf));
            continue;
        }
        const names = declaredNames(ts, stmt);
        if (isExported(ts, stmt) && names.length > 0 && names.every((n) => DATA_FETCHING.has(n))) {
            removed.push(stmt);
            continue;
        }
        if (!isExported(ts, stmt) && names.length > 0) {
            for (const n of names)
                declOf.set(n, stmt);
            continue;
        }
        kept.push(stmt);
    }
    if (removed.length === 0)
        return out;
    const refsOf = new Map();
    for (const stmt of [...removed, ...kept, ...declOf.values()]) {
        if (refsOf.has(stmt))
            continue;
        const refs = new Set();
        referencedNames(ts, stmt, refs);
        for (const own of declaredNames(ts, stmt))
            refs.delete(own);
        refsOf.set(stmt, refs);
    }
    // The transform drops a declaration only when data-fetching code held its last reference, so the
    // roots are the kept statements and local declarations nothing references at all.
    const referenced = new Set();
    for (const refs of refsOf.values())
        for (const r of refs)
            referenced.add(r);
    const keptStmts = new Set(kept);
    for (const [name, stmt] of declOf)
        if (!referenced.has(name))
            keptStmts.add(stmt);
    const used = new Set();
    const queue = [...keptStmts];
    for (let i = 0; i < queue.length; i++) {
        for (const r of refsOf.get(queue[i]) ?? []) {
            if (used.has(r))
                continue;
            used.add(r);
            const decl = declOf.get(r);
            if (decl && !keptStmts.has(decl)) {
                keptStmts.add(decl);
                queue.push(decl);
            }
        }
    }
    for (const { stmt, names } of imports) {
        // Side-effect imports stay, and so does an import nothing references (the transform leaves it).
        if (names.length === 0 || names.some((n) => used.has(n)) || !names.some((n) => referenced.has(n)))
            continue;
        out.add(stmt.getStart(sf));
    }
    return out;
}

// EXTERNAL MODULE: ./src/engine/read.ts
var engine_read = __webpack_require__(5404);
// EXTERNAL MODULE: ./src/engine/text.ts
var engine_text = __webpack_require__(1655);
;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/project-text.ts
/**
 * The text of files the project phase needs but no detector recorded facts for: an entry's import
 * lines (for related locations), a pages-router page's data-fetching exports, an Astro file's script
 * blocks, an extension manifest. Read once per scan from the scanned tree, only for files discovery
 * listed, and only when small: these are hand-written source files.
 */




const MAX_BYTES = 512 * 1024;
const TEXTS = new project/* MemoKey */.C("project file texts");
const INDEXES = new project/* MemoKey */.C("project file line indexes");
/** The text of a file of the tree, or undefined when it is unknown, too large or unreadable. */
function projectText(project, file) {
    const cache = project.memo(TEXTS, () => new Map());
    if (!cache.has(file)) {
        // The engine's reader: the same decoding (BOM, UTF-16) as the pass that took the file's offsets.
        const summary = project.files.get(file);
        const read = summary
            ? (0,engine_read/* readFile */.TA)(external_node_path_.join(project.srcRoot, file), summary.kind, { ...engine_read/* DEFAULT_BUDGETS */.Dm, maxReadBytes: MAX_BYTES })
            : undefined;
        cache.set(file, read?.ok ? read.text : null);
    }
    return cache.get(file) ?? undefined;
}
/** A location in another file of the tree, by offset; line 1 when the file cannot be read. */
function projectLocation(project, file, start, end, message) {
    const cache = project.memo(INDEXES, () => new Map());
    if (!cache.has(file)) {
        const text = projectText(project, file);
        cache.set(file, text === undefined ? null : new engine_text/* LineIndex */.r(text));
    }
    const index = cache.get(file);
    const range = index ? index.range(start, end) : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
    return { file, range, ...(message ? { message } : {}) };
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/type-only-imports.ts





const TYPE_ONLY = new project/* MemoKey */.C("type-only import edges");
/** True when every import of `to` in `from` is used only as a type; false when unsure. */
function importsOnlyTypes(project, from, to) {
    const cache = project.memo(TYPE_ONLY, () => new Map());
    const key = `${from}\0${to}`;
    let hit = cache.get(key);
    if (hit === undefined) {
        try {
            hit = check(project, from, to);
        }
        catch (err) {
            if (err instanceof parse.TypeScriptNotLoaded)
                throw err;
            hit = false;
        }
        cache.set(key, hit);
    }
    return hit;
}
function check(project, from, to) {
    const summary = project.files.get(from);
    if (!summary || (summary.kind !== "script" && summary.kind !== "sfc") || from.endsWith(".astro"))
        return false;
    const text = projectText(project, from);
    if (text === undefined)
        return false;
    const ts = (0,parse.typescript)();
    let sf;
    if (summary.kind === "sfc") {
        const masked = (0,sfc/* maskSfc */.J)(from, text);
        sf = (0,parse.parseSource)(from, masked.text, "sfc", masked);
    }
    else
        sf = (0,parse.parseSource)(from, text, "script");
    const names = new Set();
    const importNodes = new Set();
    let matched = false;
    for (const stmt of sf.statements) {
        const spec = (ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) && stmt.moduleSpecifier
            ? (0,ast/* stringValue */.r$)(stmt.moduleSpecifier)
            : undefined;
        if (spec === undefined || project.resolve(from, spec) !== to)
            continue;
        matched = true;
        if (ts.isExportDeclaration(stmt)) {
            if (!stmt.isTypeOnly)
                return false;
            continue;
        }
        const imp = stmt;
        const clause = imp.importClause;
        if (!clause)
            return false; // side-effect import
        if (clause.isTypeOnly)
            continue;
        importNodes.add(imp);
        if (clause.name)
            names.add(clause.name.text);
        const nb = clause.namedBindings;
        if (nb && ts.isNamespaceImport(nb))
            names.add(nb.name.text);
        if (nb && ts.isNamedImports(nb))
            for (const el of nb.elements)
                if (!el.isTypeOnly)
                    names.add(el.name.text);
    }
    if (!matched)
        return false;
    if (names.size === 0)
        return true;
    let value = false;
    (0,ast/* walk */.GG)(sf, (n) => {
        if (value || importNodes.has(n))
            return false;
        // import("…") / require("…") of the same module is a value import.
        if (ts.isCallExpression(n) &&
            (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
                (ts.isIdentifier(n.expression) && n.expression.text === "require"))) {
            const spec = (0,ast/* stringValue */.r$)(n.arguments[0]);
            if (spec !== undefined && project.resolve(from, spec) === to)
                value = true;
        }
        if (ts.isIdentifier(n) && names.has(n.text) && !inTypePosition(ts, n))
            value = true;
        return !value;
    });
    return !value;
}
function inTypePosition(ts, id) {
    const p = id.parent;
    // `a.Name` and `{ Name: … }` name properties, not the import.
    if (p && ts.isPropertyAccessExpression(p) && p.name === id)
        return true;
    if (p &&
        (ts.isPropertyAssignment(p) ||
            ts.isPropertySignature(p) ||
            ts.isMethodDeclaration(p) ||
            ts.isPropertyDeclaration(p)) &&
        p.name === id)
        return true;
    for (let n = p; n; n = n.parent) {
        if (ts.isExpressionWithTypeArguments(n)) {
            // `class A extends B` needs B at run time; `implements B` does not.
            const clause = n.parent;
            return !(clause &&
                ts.isHeritageClause(clause) &&
                clause.token === ts.SyntaxKind.ExtendsKeyword &&
                (ts.isClassDeclaration(clause.parent) || ts.isClassExpression(clause.parent)));
        }
        if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n))
            return true;
        if (ts.isStatement(n) || ts.isSourceFile(n))
            return false;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/client-bundle.ts
/**
 * Which files of the tree ship to clients, and why: every client entry (a "use client" module, a
 * pages-router page, a Vue or Svelte component, SPA / Expo / extension sources, the modules an Astro
 * `<script>` or island pulls in, committed static assets and build output) and every module those
 * import, transitively, along the import graph (tsconfig aliases and workspace packages resolved by
 * the engine). The walk stops where bundlers stop: "use server" modules (their functions become
 * network calls), modules importing "server-only" or SvelteKit private env, `.server` modules; and it
 * skips the imports Next.js drops with a page's data-fetching functions.
 *
 * Shared with other rules (rule 5 says "this literal also ships to clients"): it needs only the
 * project facts and is computed once per scan.
 */









/** The reach of the client bundles, and import edges found to carry types only (which it skips). */
const REACH = new project/* MemoKey */.C("client bundle reach");
/**
 * Every file that ships to clients, with its entry and import chain. Memoised per scan; the import
 * graph does not know which imports carry only types, so use `confirmedReach` before reporting.
 */
function clientBundleReach(project) {
    const state = project.memo(REACH, () => ({}));
    return (state.reach ??= computeReach(project, state.typeOnly));
}
/**
 * The reach of one file after checking, on the syntax trees of its chain, that every step imports a
 * value (an import used only in type annotations is erased and bundles nothing). A step found to
 * carry types only is dropped for the rest of the scan and the walk redone, so another path may
 * still prove the file ships.
 */
function confirmedReach(project, file) {
    for (;;) {
        const r = clientBundleReach(project).get(file);
        if (!r)
            return undefined;
        let bad;
        for (let i = 0; i + 1 < r.chain.length && !bad; i++) {
            if (importsOnlyTypes(project, r.chain[i], r.chain[i + 1]))
                bad = `${r.chain[i]}\0${r.chain[i + 1]}`;
        }
        if (!bad)
            return r;
        const state = project.memo(REACH, () => ({}));
        const set = (state.typeOnly ??= new Set());
        if (set.has(bad))
            return r; // cannot happen; keeps the loop finite
        set.add(bad);
        state.reach = undefined;
    }
}
/** "app/page.tsx ("use client" module) → components/x.tsx → lib/redis.ts", for messages. */
function describeReach(r) {
    return [`${r.chain[0]} (${r.why})`, ...r.chain.slice(1)].join(" → ");
}
/** "lib/x.ts ships to clients (Vite app source)" or "it ships to clients: a (…) → b → c". */
function whereShipped(r) {
    return r.chain.length === 1 ? `${r.entry} ships to clients (${r.why})` : `it ships to clients: ${describeReach(r)}`;
}
/**
 * Related locations for a reach: a "use client" entry's directive, then the import statement of each
 * step of the chain, the first one in the client entry.
 */
function reachLocations(project, r) {
    const out = [];
    if (r.why === '"use client" module') {
        // The directive that makes the entry client code, first.
        const at = projectText(project, r.entry)?.search(/["']use client["']/) ?? -1;
        if (at !== -1)
            out.push(projectLocation(project, r.entry, at, at + 12, 'client entry: "use client"'));
    }
    for (let i = 0; i + 1 < r.chain.length; i++) {
        const from = r.chain[i];
        const to = r.chain[i + 1];
        const edge = project.graph.imports(from).find((e) => e.to === to);
        const start = edge?.start ?? 0;
        const what = i === 0 ? `client entry (${r.why}) imports ${to}` : `imports ${to}`;
        out.push(projectLocation(project, from, start, start + (edge ? 6 : 0), what));
    }
    return out;
}
/** Directories of browser extensions: packages of extension toolchains and dirs of MV2/MV3 manifests. */
function extensionRoots(project) {
    const roots = new Set();
    for (const p of project.packages)
        if (isExtensionPackage(p))
            roots.add(p.dir);
    for (const file of project.files.keys()) {
        if (external_node_path_.posix.basename(file) !== "manifest.json")
            continue;
        const text = projectText(project, file);
        if (!text || !/"manifest_version"\s*:/.test(text))
            continue;
        const pkg = project.packageOf(file);
        let dir = external_node_path_.posix.dirname(file);
        if (dir === ".")
            dir = "";
        if (pkg)
            dir = pkg.dir;
        else if (/(^|\/)(public|static|src)$/.test(dir))
            dir = external_node_path_.posix.dirname(dir) === "." ? "" : external_node_path_.posix.dirname(dir);
        roots.add(dir);
    }
    return roots;
}
const ISLAND = /<([A-Za-z][\w.]*)\b[^>]*?\sclient:(load|idle|visible|media|only)\b/g;
/** Modules an Astro file sends to the browser: imports of its `<script>` blocks and hydrated islands. */
function astroSeeds(project, file) {
    const summary = project.files.get(file);
    const text = projectText(project, file);
    if (!summary || !text)
        return [];
    const seeds = [];
    const masked = (0,sfc/* maskSfc */.J)(file, text);
    const client = masked.blocks.filter((b) => b.side === "client");
    for (const ref of summary.imports ?? []) {
        if (ref.typeOnly || !client.some((b) => ref.start >= b.start && ref.start < b.end))
            continue;
        const to = project.resolve(file, ref.specifier);
        if (to)
            seeds.push({ file: to, why: "Astro <script>", via: file });
    }
    const front = masked.blocks.find((b) => b.side === "server");
    if (!front || !/\sclient:(load|idle|visible|media|only)\b/.test(text))
        return seeds;
    let bindings;
    try {
        (0,parse.typescript)();
        const only = text.slice(0, front.start).replace(/[^\n]/g, " ") + text.slice(front.start, front.end);
        bindings = (0,ast/* importBindings */.eN)((0,parse.parseSource)(file.replace(/\.astro$/, ".ts"), only, "script"));
    }
    catch (err) {
        if (err instanceof parse.TypeScriptNotLoaded)
            throw err;
        return seeds;
    }
    ISLAND.lastIndex = 0;
    for (let m = ISLAND.exec(text); m; m = ISLAND.exec(text)) {
        if (m.index < front.end)
            continue;
        const b = bindings.get(m[1].split(".")[0]);
        const to = b && project.resolve(file, b.module);
        if (to)
            seeds.push({ file: to, why: `Astro island (client:${m[2]})`, via: file });
    }
    return seeds;
}
function computeReach(project, skip) {
    const extRoots = extensionRoots(project);
    const seeds = [];
    for (const file of project.files.keys()) {
        const declared = project.declaredRole(file);
        if (declared === "server")
            continue;
        const why = assetReason(project, file) ??
            clientEntryReason(project, file, extRoots) ??
            (declared === "client" ? "declared client code (paths.client)" : undefined);
        if (why)
            seeds.push({ file, why });
        else if (file.endsWith(".astro"))
            seeds.push(...astroSeeds(project, file));
    }
    // The first seed of a file names why it ships; seeds that end a bundle themselves are no entries.
    const origin = new Map();
    const ends = (file) => endsClientBundle(project.files.get(file), file) || project.declaredRole(file) === "server";
    for (const s of seeds)
        if (!origin.has(s.file) && !ends(s.file))
            origin.set(s.file, s);
    // A pages-router page's imports used only by its data-fetching functions are removed from the
    // client build by Next.js.
    const droppedImports = new Map();
    const dropped = (file) => {
        if (origin.get(file)?.why !== "Next.js pages-router page")
            return undefined;
        if (!droppedImports.has(file)) {
            const text = projectText(project, file);
            droppedImports.set(file, text ? serverOnlyImportStarts(file, text) : undefined);
        }
        return droppedImports.get(file);
    };
    const reach = project.graph.reachableFrom(origin.keys(), {
        stop: ends,
        skipEdge: (from, edge) => Boolean(skip?.has(`${from}\0${edge.to}`) || dropped(from)?.has(edge.start)),
    });
    const result = new Map();
    for (const [file, r] of reach) {
        const o = origin.get(r.entry);
        const chain = o.via ? [o.via, ...r.chain] : r.chain;
        result.set(file, { entry: chain[0], why: o.why, chain });
    }
    return result;
}
const SERVER_ONLY = new project/* MemoKey */.C("server-only files");
/**
 * Why a file never reaches a client, if it never does: it is server-only by convention, or it is not
 * in any client bundle and every module importing it is server-only (a helper only route handlers
 * use). A file nothing imports stays undecided (undefined).
 */
function serverOnlyFile(project, file) {
    const cache = project.memo(SERVER_ONLY, () => new Map());
    const reach = clientBundleReach(project);
    const visit = (f, depth) => {
        const hit = cache.get(f);
        if (hit !== undefined)
            return hit;
        if (reach.has(f))
            return null;
        const own = serverOnlyReason(project, f);
        if (own) {
            cache.set(f, own);
            return own;
        }
        const importers = project.graph.importers(f);
        if (importers.length === 0 || depth > 50)
            return null;
        cache.set(f, null); // cycle guard: a module in an import cycle proves nothing about itself
        const ok = importers.every((i) => visit(i.from, depth + 1) !== null);
        const why = ok ? `imported only by server code (${importers[0].from}${importers.length > 1 ? ", …" : ""})` : null;
        cache.set(f, why);
        return why;
    };
    return visit(file, 0) ?? undefined;
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/server-regions.ts


const ROUTE_SERVER_EXPORTS = new Set(["loader", "action", "headers"]);
function hasUseServer(ts, body) {
    if (!body || !ts.isBlock(body))
        return false;
    for (const stmt of body.statements) {
        if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression))
            return false;
        if (stmt.expression.text === "use server")
            return true;
    }
    return false;
}
function serverRegions(ctx) {
    const regions = [];
    for (const b of ctx.blocks ?? [])
        if (b.side === "server")
            regions.push({ start: b.start, end: b.end, why: "Astro frontmatter (runs on the server)" });
    const ts = ctx.ts;
    const sf = ctx.sourceFile;
    if (!ts || !sf)
        return regions;
    const routeModule = /(^|\/)routes\//.test(ctx.path);
    const add = (node, name) => {
        if (DATA_FETCHING.has(name))
            regions.push({ start: node.getStart(sf), end: node.getEnd(), why: `${name} (removed from the client build)` });
        else if (routeModule && ROUTE_SERVER_EXPORTS.has(name))
            regions.push({ start: node.getStart(sf), end: node.getEnd(), why: `the route's ${name} (server only)` });
    };
    for (const stmt of sf.statements) {
        if (ts.isFunctionDeclaration(stmt) && stmt.name)
            add(stmt, stmt.name.text);
        else if (ts.isVariableStatement(stmt)) {
            for (const d of stmt.declarationList.declarations)
                if (ts.isIdentifier(d.name))
                    add(d, d.name.text);
        }
    }
    // Inline server actions: `async function save() { "use server"; … }`.
    if (ctx.text.includes("use server")) {
        (0,ast/* walk */.GG)(sf, (node) => {
            if ((ts.isFunctionDeclaration(node) ||
                ts.isFunctionExpression(node) ||
                ts.isArrowFunction(node) ||
                ts.isMethodDeclaration(node)) &&
                hasUseServer(ts, node.body)) {
                regions.push({ start: node.getStart(sf), end: node.getEnd(), why: 'a "use server" function' });
                return false;
            }
            return true;
        });
    }
    return regions;
}
function regionAt(regions, offset) {
    return regions.find((r) => offset >= r.start && offset < r.end);
}

// EXTERNAL MODULE: ./src/verify/credential-ref.ts
var credential_ref = __webpack_require__(2276);
;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/credential-in-client-code.ts












/** How to revoke each kind of credential once it has shipped. */
const REVOKE = {
    "redis-rest-token": "reset the database password in the Upstash console (it revokes the REST tokens)",
    "redis-password": "reset the database password in the Upstash console",
    "qstash-token": "roll the QStash token in the Upstash console",
    "qstash-signing-key": "roll the QStash signing keys in the Upstash console",
    "vector-token": "reset the index's tokens in the Upstash console",
    "management-api-key": "revoke the API key in the Upstash console",
};
function fixLiteral(kind) {
    return `Treat it as leaked: ${REVOKE[kind]}, keep write tokens in server-only variables, and give client code a read-only token or an API route to call.`;
}
const FIX_ENV = "Keep write tokens out of client code: read them only in route handlers, server actions or edge functions, and give client code a read-only token or an API route to call.";
/** Offsets covered by string-like nodes: a credential anywhere else in a parsed file sits in a comment. */
function stringRanges(ts, sf) {
    const out = [];
    (0,ast/* walk */.GG)(sf, (n) => {
        if (ts.isStringLiteral(n) ||
            ts.isNoSubstitutionTemplateLiteral(n) ||
            ts.isTemplateHead(n) ||
            ts.isTemplateMiddle(n) ||
            ts.isTemplateTail(n) ||
            ts.isJsxText(n) ||
            ts.isRegularExpressionLiteral(n)) {
            out.push([n.getStart(sf), n.getEnd()]);
            return false;
        }
        return true;
    });
    return out;
}
/** A server-only credential env read inside an expression (directly or through a local const). */
function credentialReadIn(ts, expr, reads, consts, depth = 0) {
    const start = expr.getStart();
    const end = expr.getEnd();
    const direct = reads.find((r) => r.start >= start && r.end <= end && (r.via === "process.env" || r.via.endsWith("/private")));
    if (direct)
        return direct;
    if (depth > 2)
        return undefined;
    let found;
    (0,ast/* walk */.GG)(expr, (n) => {
        if (found)
            return false;
        if (ts.isIdentifier(n)) {
            // `import { UPSTASH_REDIS_REST_TOKEN } from "$env/static/private"` binds the variable itself.
            found = reads.find((r) => r.via === "$env/static/private" && r.name === n.text);
            const init = consts.get(n.text);
            if (!found && init)
                found = credentialReadIn(ts, init, reads, consts, depth + 1);
        }
        return true;
    });
    return found;
}
/** Values the server serialises into the page: client component props, page props, load data. */
function handoffs(ctx, reads) {
    const ts = ctx.ts;
    const sf = ctx.sourceFile;
    const serverName = (r) => {
        const c = credentialOfRead(r);
        return c && c.access === "write" && !(0,env_names/* clientPrefixOf */.fE)(r.name);
    };
    const secretReads = reads.filter(serverName);
    if (secretReads.length === 0)
        return;
    const consts = new Map();
    (0,ast/* walk */.GG)(sf, (n) => {
        if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name))
            consts.set(n.name.text, (0,ast/* unwrap */.oA)(n.initializer));
    });
    const imports = (0,ast/* importBindings */.eN)(sf);
    const base = ctx.path.slice(ctx.path.lastIndexOf("/") + 1);
    const svelteServerLoad = /^\+(page|layout)\.server\.[cm]?[jt]s$/.test(base);
    (0,ast/* walk */.GG)(sf, (n) => {
        // <ClientThing token={process.env.UPSTASH_REDIS_REST_TOKEN} /> in a server component.
        if (ts.isJsxAttribute(n) && n.initializer && ts.isJsxExpression(n.initializer) && n.initializer.expression) {
            const el = n.parent.parent;
            const tag = (ts.isJsxOpeningElement(el) || ts.isJsxSelfClosingElement(el)) && ts.isIdentifier(el.tagName)
                ? el.tagName.text
                : undefined;
            const binding = tag ? imports.get(tag) : undefined;
            const r = binding && credentialReadIn(ts, n.initializer.expression, secretReads, consts);
            if (r && binding)
                ctx.fact({
                    t: "handoff",
                    name: r.name,
                    ...(r.usage ? { usage: r.usage } : {}),
                    how: `passed as the prop ${n.name.getText(sf)} of <${tag}>`,
                    loc: ctx.location(n.getStart(sf), n.getEnd()),
                    module: binding.module,
                });
            return;
        }
        if (!ts.isPropertyAssignment(n) && !ts.isShorthandPropertyAssignment(n))
            return;
        const fn = enclosingNamedFunction(ts, n);
        const key = (0,ast/* propertyNameText */.CC)(n.name);
        const value = ts.isPropertyAssignment(n) ? n.initializer : n.name;
        // return { props: { token: process.env.X } } from getServerSideProps / getStaticProps.
        if (key === "props" && (fn === "getServerSideProps" || fn === "getStaticProps")) {
            const r = credentialReadIn(ts, value, secretReads, consts);
            if (r)
                ctx.fact({
                    t: "handoff",
                    name: r.name,
                    ...(r.usage ? { usage: r.usage } : {}),
                    how: `returned as page props by ${fn} (serialised into the page's __NEXT_DATA__)`,
                    loc: ctx.location(n.getStart(sf), n.getEnd()),
                });
            return false;
        }
        // return { token: env.X } from a SvelteKit server load: sent to the browser as page data.
        if (svelteServerLoad && fn === "load" && isReturnedObjectProperty(ts, n)) {
            const r = credentialReadIn(ts, value, secretReads, consts);
            if (r)
                ctx.fact({
                    t: "handoff",
                    name: r.name,
                    ...(r.usage ? { usage: r.usage } : {}),
                    how: "returned by a SvelteKit server load (serialised into the page data)",
                    loc: ctx.location(n.getStart(sf), n.getEnd()),
                });
        }
        return;
    });
}
function enclosingNamedFunction(ts, node) {
    let name;
    for (let n = node.parent; n; n = n.parent) {
        if (ts.isFunctionDeclaration(n) && n.name)
            name = n.name.text;
        else if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
            ts.isVariableDeclaration(n.parent) &&
            ts.isIdentifier(n.parent.name))
            name = n.parent.name.text;
    }
    return name;
}
function isReturnedObjectProperty(ts, prop) {
    const obj = prop.parent;
    if (!obj || !ts.isObjectLiteralExpression(obj))
        return false;
    let p = obj.parent;
    while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p)))
        p = p.parent;
    return Boolean(p && (ts.isReturnStatement(p) || ts.isArrowFunction(p)));
}
/* harmony default export */ const credential_in_client_code = (defineDetector({
    id: "credential-in-client-code",
    rule: "upstash/write-token-in-frontend",
    checks: {
        "credential-in-client-code": "A write credential (literal, or a server-only env read a bundler exposes) in code that ships to clients",
    },
    ...RULE_1_GATE,
    patterns: [...credentials/* CREDENTIAL_SHAPES */.dF, credentials/* REDIS_URL_SHAPE */.M3],
    fileKinds: ["script", "sfc", "html", "json", "text"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const literals = (0,credentials/* findCredentials */.gD)(ctx.text);
        for (const c of literals)
            ctx.secret(c.value);
        const parsed = Boolean(ctx.sourceFile && ctx.ts);
        const regions = parsed ? serverRegions(ctx) : [];
        const astro = ctx.path.endsWith(".astro");
        if (literals.some((c) => c.access === "write")) {
            const strings = parsed ? stringRanges(ctx.ts, ctx.sourceFile) : undefined;
            for (const c of literals) {
                if (c.access !== "write")
                    continue;
                // In a parsed file a credential outside every string is in a comment: a documentation example.
                if (strings && !strings.some(([s, e]) => c.start >= s && c.end <= e))
                    continue;
                const server = regionAt(regions, c.start)?.why;
                ctx.fact({
                    t: "literal",
                    kind: c.kind,
                    shown: (0,redact/* redact */.E$)(c.value),
                    loc: ctx.location(c.start, c.end),
                    ref: (0,credential_ref/* credentialRef */.V)(c, ctx.text, c.start, c.end),
                    ...(server ? { server } : {}),
                    ...(astro && !server ? { astroScript: true } : {}),
                });
            }
        }
        if (!parsed)
            return;
        const config = readBundlerConfig(ctx);
        if (config)
            ctx.fact({ t: "config", config });
        const reads = credentialEnvReads(ctx);
        for (const r of reads) {
            const server = regionAt(regions, r.start)?.why;
            ctx.fact({
                t: "env",
                name: r.name,
                expression: r.expression,
                via: r.via,
                ...(r.usage ? { usage: r.usage } : {}),
                loc: ctx.location(r.start, r.end),
                ...(server ? { server } : {}),
                ...(astro && !server ? { astroScript: true } : {}),
            });
        }
        handoffs(ctx, reads);
    },
    analyzeProject(ctx) {
        const { project } = ctx;
        const settings = new BundleSettings(project, ctx.facts.flatMap(({ fact }) => (fact.t === "config" ? [fact.config] : [])));
        const reachOf = (file, astroScript) => confirmedReach(project, file) ??
            (astroScript ? { entry: file, why: "Astro <script> block", chain: [file] } : undefined);
        for (const { file, fact } of ctx.facts) {
            if (fact.t === "literal") {
                const r = reachOf(file, fact.astroScript);
                if (!r || fact.server)
                    continue;
                ctx.report({
                    check: "credential-in-client-code",
                    location: fact.loc,
                    confidence: "high",
                    related: reachLocations(project, r),
                    credentials: [fact.ref],
                    message: `${capitalise(withArticle(credentials/* CREDENTIAL_LABEL */.Vm[fact.kind]))} (${fact.shown}${fact.kind === "redis-rest-token" ? ", decoded: a standard (write) token" : fact.kind === "vector-token" ? ", decoded: role admin" : ""}) is written into client code, and ${whereShipped(r)}: ${harmOf(fact.kind)}. ${fixLiteral(fact.kind)}`,
                });
            }
            else if (fact.t === "env") {
                const verdict = settings.classifyRead(file, fact);
                if (verdict?.check !== "credential-in-client-code" || fact.server)
                    continue;
                const r = reachOf(file, fact.astroScript);
                if (!r)
                    continue;
                const cred = credentialOfRead(fact);
                const e = verdict.exposure;
                ctx.report({
                    check: "credential-in-client-code",
                    location: fact.loc,
                    confidence: e.implicit ? "medium" : "high",
                    related: [
                        ...reachLocations(project, r),
                        { ...e.loc, message: `${e.how} inlines ${e.name === "*" ? "the environment" : e.name}` },
                    ],
                    message: `Client code reads ${fact.expression}, ${withArticle(cred.label)}, and ${e.how} (${e.loc.file}) inlines it at build time; ${whereShipped(r)}: ${harmOf(cred.kind)}. ${FIX_ENV}`,
                });
            }
            else if (fact.t === "handoff") {
                if (fact.module) {
                    // In client code the read itself is the question (reported when a bundler exposes it).
                    if (confirmedReach(project, file))
                        continue;
                    const target = project.resolve(file, fact.module);
                    const summary = target ? project.files.get(target) : undefined;
                    if (!summary?.directives?.includes("use client"))
                        continue;
                }
                const cred = credentialOfRead(fact);
                ctx.report({
                    check: "credential-in-client-code",
                    location: fact.loc,
                    confidence: "high",
                    message: `The server reads ${fact.name}, ${withArticle(cred.label)}, and hands it to the browser: it is ${fact.how}${fact.module ? ` (a "use client" component)` : ""}: ${harmOf(cred.kind).replace("read it", "read it in the page source")}. ${FIX_ENV}`,
                });
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/analysis/env-definitions.ts
const DOCKER = /^[ \t]*(?:ARG|ENV)[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]*=[ \t]*|[ \t]+)?(.*)$/i;
const YAML_MAP = /^[ \t]*([A-Z][A-Z0-9_]*)[ \t]*:[ \t]*(.*)$/;
const YAML_LIST = /^[ \t]*-[ \t]*["']?([A-Z][A-Z0-9_]*)=([^"'\n]*)/;
/** Definitions of upper-case variables in a Dockerfile or YAML file, line by line. */
function definitionsIn(text, kind) {
    if (kind !== "dockerfile" && kind !== "yaml")
        return [];
    const out = [];
    let offset = 0;
    for (const raw of text.split("\n")) {
        const line = raw.replace(/\r$/, "");
        if (!/^\s*#/.test(line)) {
            const m = kind === "dockerfile" ? DOCKER.exec(line) : (YAML_MAP.exec(line) ?? YAML_LIST.exec(line));
            if (m)
                out.push({
                    name: m[1],
                    start: offset + line.indexOf(m[1]),
                    value: (m[2] ?? "").trim().replace(/^["']|["']$/g, ""),
                });
        }
        offset += raw.length + 1;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/write-token-in-frontend/public-env-credential.ts











/* harmony default export */ const public_env_credential = (defineDetector({
    id: "public-env-credential",
    rule: "upstash/write-token-in-frontend",
    checks: {
        "public-env-credential": "An Upstash write credential named with a client-exposed prefix",
    },
    ...RULE_1_GATE,
    patterns: credentials/* CREDENTIAL_SHAPES */.dF,
    fileKinds: ["env", "script", "sfc", "dockerfile", "yaml"],
    needs: { ast: true },
    analyzeFile(ctx) {
        if (ctx.kind === "env") {
            const base = ctx.path.slice(ctx.path.lastIndexOf("/") + 1);
            const template = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./i.test(base);
            for (const entry of (0,env_file/* parseEnvFile */.F)(ctx.text)) {
                const creds = (0,credentials/* findCredentials */.gD)(entry.value);
                for (const c of creds)
                    ctx.secret(c.value);
                const byName = (0,env_names/* credentialOfEnvName */.nw)(entry.name);
                const found = creds[0];
                // Secret-looking names are kept too: code may hand them to an Upstash SDK (see analyzeProject).
                if (!byName && !found && !/TOKEN|KEY|SECRET|PASSWORD/i.test(entry.name))
                    continue;
                ctx.fact({
                    t: "def",
                    name: entry.name,
                    loc: ctx.location(entry.nameStart, entry.nameStart + entry.name.length),
                    template,
                    ...(found ? { value: { kind: found.kind, access: found.access } } : {}),
                });
            }
            return;
        }
        if (ctx.kind === "dockerfile" || ctx.kind === "yaml") {
            for (const d of definitionsIn(ctx.text, ctx.kind)) {
                const creds = (0,credentials/* findCredentials */.gD)(d.value);
                for (const c of creds)
                    ctx.secret(c.value);
                if (!(0,env_names/* credentialOfEnvName */.nw)(d.name) && !creds[0] && !/TOKEN|KEY|SECRET|PASSWORD/.test(d.name))
                    continue;
                const found = creds[0];
                ctx.fact({
                    t: "def",
                    name: d.name,
                    loc: ctx.location(d.start, d.start + d.name.length),
                    template: false,
                    ...(found ? { value: { kind: found.kind, access: found.access } } : {}),
                });
            }
            return;
        }
        if (!ctx.sourceFile || !ctx.ts)
            return;
        const config = readBundlerConfig(ctx);
        if (config)
            ctx.fact({ t: "config", config });
        const reads = credentialEnvReads(ctx);
        if (reads.length === 0)
            return;
        const regions = serverRegions(ctx);
        for (const r of reads) {
            const server = regionAt(regions, r.start)?.why;
            const astroScript = ctx.path.endsWith(".astro") && !server;
            ctx.fact({
                t: "use",
                name: r.name,
                expression: r.expression,
                via: r.via,
                ...(r.usage ? { usage: r.usage } : {}),
                loc: ctx.location(r.start, r.end),
                ...(server ? { server } : {}),
                ...(astroScript ? { astroScript } : {}),
            });
        }
    },
    analyzeProject(ctx) {
        const { project } = ctx;
        const settings = new BundleSettings(project, ctx.facts.flatMap(({ fact }) => (fact.t === "config" ? [fact.config] : [])));
        // A name whose every definition holds a read-only token is read-only, whatever it is called.
        const valueAccess = new Map();
        for (const { fact } of ctx.facts) {
            if (fact.t !== "def")
                continue;
            let set = valueAccess.get(fact.name);
            if (!set)
                valueAccess.set(fact.name, (set = new Set()));
            set.add(fact.value?.access ?? "write");
        }
        const readOnlyByValue = (name) => {
            const set = valueAccess.get(name);
            return Boolean(set && set.size === 1 && set.has("read-only"));
        };
        // Names the code hands to an Upstash SDK as a credential, whatever they are called.
        const usageOf = new Map();
        for (const { fact } of ctx.facts)
            if (fact.t === "use" && fact.usage)
                usageOf.set(fact.name, fact.usage);
        for (const { file, fact } of ctx.facts) {
            if (fact.t === "def") {
                const pub = settings.publicPrefix(file, fact.name);
                if (!pub)
                    continue;
                const byName = (0,env_names/* credentialOfEnvName */.nw)(fact.name) ?? usageOf.get(fact.name);
                if (fact.value?.access === "read-only")
                    continue;
                let label;
                let decoded = "";
                if (fact.value) {
                    label = credentials/* CREDENTIAL_LABEL */.Vm[fact.value.kind];
                    decoded = " Its value decodes to a write credential.";
                }
                else if (byName && byName.access === "write")
                    label = byName.label;
                else
                    continue;
                const kind = fact.value?.kind ?? byName?.kind;
                ctx.report({
                    check: "public-env-credential",
                    location: fact.loc,
                    confidence: "high",
                    message: `${fact.name} defines ${withArticle(label)} with ${pub.exposedBy}: the bundler inlines it into client code, where ${harmOf(kind)}.${decoded}${fact.template ? " This template tells everyone who sets up the project to do so." : ""} ${publicNameFix(kind)}`,
                });
            }
            else if (fact.t === "use") {
                const verdict = settings.classifyRead(file, fact);
                if (verdict?.check !== "public-env-credential" || fact.server || readOnlyByValue(fact.name))
                    continue;
                const cred = credentialOfRead(fact);
                const r = confirmedReach(project, file) ??
                    (fact.astroScript ? { entry: file, why: "Astro <script> block", chain: [file] } : undefined);
                if (r) {
                    ctx.report({
                        check: "public-env-credential",
                        location: fact.loc,
                        confidence: "high",
                        related: reachLocations(project, r),
                        message: `Code reads ${fact.expression}, ${withArticle(cred.label)} exposed by ${verdict.exposedBy}, and ${whereShipped(r)}: ${harmOf(cred.kind)}. ${publicNameFix(cred.kind)}`,
                    });
                    continue;
                }
                if (serverOnlyFile(project, file))
                    continue;
                ctx.report({
                    check: "public-env-credential",
                    location: fact.loc,
                    confidence: "medium",
                    message: `Code reads ${fact.expression}, ${withArticle(cred.label)} exposed by ${verdict.exposedBy}: wherever client code reads it, the bundler inlines the value, and ${harmOf(cred.kind)}. ${publicNameFix(cred.kind)}`,
                });
            }
        }
        // Nuxt runtimeConfig.public keys (sent to every browser with the page payload) and Astro client env fields.
        for (const { fact } of ctx.facts) {
            if (fact.t !== "config")
                continue;
            for (const k of fact.config.nuxtPublic) {
                if (!k.credential || readOnlyByValue(k.envName))
                    continue;
                if (k.astro) {
                    ctx.report({
                        check: "public-env-credential",
                        location: k.loc,
                        confidence: "high",
                        message: `The Astro env schema declares ${k.key}, ${withArticle(k.credential.label)}, with context "client": astro:env/client bundles it into client code, where ${harmOf(k.credential.kind)}. Declare it with context "server" and access "secret". ${publicNameFix(k.credential.kind)}`,
                    });
                    continue;
                }
                ctx.report({
                    check: "public-env-credential",
                    location: k.loc,
                    confidence: "high",
                    message: `runtimeConfig.public.${k.key} (${k.credential.why}) puts ${withArticle(k.credential.label)} into Nuxt's public runtime config, which is serialised into every page. Move it to the private runtimeConfig and read it only in server/ routes. ${publicNameFix(k.credential.kind)}`,
                });
            }
        }
    },
}));

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/clients.ts



function isUpstashRedisModule(m) {
    return m === "@upstash/redis" || m.startsWith("@upstash/redis/") || m === "@vercel/kv";
}
/** Redis clients of other libraries: a name bound to one of these is never an Upstash client. */
function isOtherRedisModule(m) {
    return (m === "redis" ||
        m === "ioredis" ||
        m.startsWith("@redis/") ||
        m === "node-redis" ||
        m === "redis-om" ||
        m === "@keyv/redis");
}
const UPSTASH = { kind: "upstash" };
const PIPELINE_METHODS = new Set(["pipeline", "multi"]);
class ClientModel {
    sf;
    /** Dotted paths that construct clients: `Redis`, `upstash.Redis`, `VercelKV`. */
    classes = new Set();
    /** Type names of clients and pipelines. */
    types = new Map();
    /** Functions that return a client: @vercel/kv's createClient. */
    upstashFactories = new Set();
    /** Names and member paths (`redis`, `this.redis`, `globalForRedis.redis`) bound to clients. */
    clients = new Map();
    pipelines = new Map();
    /** Local functions, methods and getters that return a client. */
    factories = new Map();
    /** Local name → imported binding from a module that is not an Upstash or other Redis package. */
    imported = new Map();
    /** Namespace imports of such modules: `import * as db from "@/lib/redis"`. */
    namespaces = new Map();
    /** Names also bound to node-redis / ioredis clients: never trusted. */
    poisoned = new Set();
    otherClasses = new Set();
    exports = [];
    /** `export … from` re-exports of project modules and `export *` modules. */
    table = { names: {}, stars: [] };
    /** `exportsOnly`: a file with no Redis command in it, read only for what it re-exports. */
    constructor(sf, exportsOnly = false) {
        this.sf = sf;
        const ts = (0,parse.typescript)();
        if (exportsOnly) {
            this.collectExports(ts);
            return;
        }
        for (const [local, b] of (0,ast/* importBindings */.eN)(sf)) {
            if (isUpstashRedisModule(b.module)) {
                if (b.imported === "Redis" || b.imported === "VercelKV") {
                    this.classes.add(local);
                    this.types.set(local, "client");
                }
                else if (b.imported === "Pipeline")
                    this.types.set(local, "pipeline");
                else if (b.imported === "kv" || (b.module === "@vercel/kv" && b.imported === "default"))
                    this.clients.set(local, UPSTASH);
                else if (b.imported === "createClient" && b.module === "@vercel/kv")
                    this.upstashFactories.add(local);
                else if (b.imported === "*" || b.imported === "default") {
                    for (const cls of ["Redis", "VercelKV"]) {
                        this.classes.add(`${local}.${cls}`);
                        this.types.set(`${local}.${cls}`, "client");
                    }
                    this.types.set(`${local}.Pipeline`, "pipeline");
                    if (b.module === "@vercel/kv") {
                        this.clients.set(`${local}.kv`, UPSTASH);
                        this.upstashFactories.add(`${local}.createClient`);
                    }
                }
            }
            else if (isOtherRedisModule(b.module)) {
                this.otherClasses.add(local);
            }
            else if (b.imported === "*") {
                this.namespaces.set(local, b.module);
            }
            else {
                this.imported.set(local, { module: b.module, name: b.imported });
            }
        }
        this.build(ts);
    }
    /** Anything worth looking at: an Upstash client can be made here, or a project import may be one. */
    get relevant() {
        return (this.classes.size +
            this.clients.size +
            this.upstashFactories.size +
            this.types.size +
            this.imported.size +
            this.namespaces.size >
            0);
    }
    build(ts) {
        const assignments = [];
        const functions = [];
        (0,ast/* walk */.GG)(this.sf, (node) => {
            if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
                const init = node.initializer && (0,ast/* unwrap */.oA)(node.initializer);
                if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
                    functions.push(factoryDecl(ts, node.name.text, init));
                else
                    assignments.push({ target: node.name.text, expr: node.initializer, type: node.type });
                if (init && this.isOtherClient(ts, init))
                    this.poisoned.add(node.name.text);
            }
            else if (ts.isParameter(node) && ts.isIdentifier(node.name) && node.type) {
                assignments.push({ target: node.name.text, type: node.type });
                // `constructor(private redis: Redis)` declares this.redis too.
                if (ts.isParameterPropertyDeclaration(node, node.parent))
                    assignments.push({ target: `this.${node.name.text}`, type: node.type });
            }
            else if (ts.isPropertyDeclaration(node)) {
                const name = (0,ast/* propertyNameText */.CC)(node.name);
                if (name === undefined)
                    return;
                const init = node.initializer && (0,ast/* unwrap */.oA)(node.initializer);
                if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
                    functions.push(factoryDecl(ts, name, init));
                else {
                    assignments.push({ target: `this.${name}`, expr: node.initializer, type: node.type });
                    const cls = node.parent && ts.isClassLike(node.parent) ? node.parent.name?.text : undefined;
                    if (cls)
                        assignments.push({ target: `${cls}.${name}`, expr: node.initializer, type: node.type });
                }
            }
            else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
                const target = (0,ast/* memberPath */.Mb)(node.left)?.join(".");
                if (target)
                    assignments.push({ target, expr: node.right });
                const right = (0,ast/* unwrap */.oA)(node.right);
                if (target && this.isOtherClient(ts, right))
                    this.poisoned.add(target);
            }
            else if (ts.isFunctionDeclaration(node) && node.name && node.body) {
                functions.push(factoryDecl(ts, node.name.text, node));
            }
            else if ((ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node)) && node.body) {
                const name = (0,ast/* propertyNameText */.CC)(node.name);
                if (name === undefined)
                    return;
                const decl = factoryDecl(ts, name, node);
                // A getter is read like a field: `this.redis`.
                if (ts.isGetAccessorDeclaration(node))
                    functions.push({ ...decl, name: `get this.${name}` });
                else
                    functions.push(decl);
            }
            return undefined;
        });
        // Bindings depend on each other (a factory returns a variable that holds a client): iterate.
        for (let round = 0, changed = true; changed && round < 6; round++) {
            changed = false;
            for (const a of assignments) {
                if (this.clients.has(a.target) || this.pipelines.has(a.target) || this.poisoned.has(a.target))
                    continue;
                const r = (a.expr && this.receiver(a.expr)) || (a.type && this.typeReceiver(ts, a.type));
                if (!r)
                    continue;
                (r.pipeline ? this.pipelines : this.clients).set(a.target, r.origin);
                changed = true;
            }
            for (const f of functions) {
                if (this.factories.has(f.name))
                    continue;
                let r = f.type ? this.typeReceiver(ts, f.type) : undefined;
                for (const e of f.returns)
                    r ??= this.receiver(e);
                if (!r)
                    continue;
                this.factories.set(f.name, r);
                if (f.name.startsWith("get this."))
                    (r.pipeline ? this.pipelines : this.clients).set(f.name.slice(4), r.origin);
                changed = true;
            }
        }
        this.collectExports(ts);
    }
    isOtherClient(ts, e) {
        const x = ts.isAwaitExpression(e) ? (0,ast/* unwrap */.oA)(e.expression) : e;
        if (!ts.isNewExpression(x) && !ts.isCallExpression(x))
            return false;
        const root = (0,ast/* memberPath */.Mb)(x.expression)?.[0];
        return root !== undefined && this.otherClasses.has(root);
    }
    typeReceiver(ts, type) {
        if (ts.isUnionTypeNode(type) || ts.isIntersectionTypeNode(type)) {
            for (const t of type.types) {
                const r = this.typeReceiver(ts, t);
                if (r)
                    return r;
            }
            return undefined;
        }
        if (ts.isParenthesizedTypeNode(type))
            return this.typeReceiver(ts, type.type);
        if (!ts.isTypeReferenceNode(type))
            return undefined;
        const name = entityName(ts, type.typeName);
        if (name === "Promise" && type.typeArguments?.[0])
            return this.typeReceiver(ts, type.typeArguments[0]);
        const kind = this.types.get(name);
        return kind ? { origin: UPSTASH, pipeline: kind === "pipeline" } : undefined;
    }
    /** The client or pipeline an expression evaluates to, if it is one. */
    receiver(expr, depth = 0) {
        if (depth > 12)
            return undefined;
        const ts = (0,parse.typescript)();
        let e = (0,ast/* unwrap */.oA)(expr);
        while (ts.isAwaitExpression(e))
            e = (0,ast/* unwrap */.oA)(e.expression);
        if (ts.isIdentifier(e)) {
            const name = e.text;
            if (this.poisoned.has(name))
                return undefined;
            const c = this.clients.get(name);
            if (c)
                return { origin: c, pipeline: false };
            const p = this.pipelines.get(name);
            if (p)
                return { origin: p, pipeline: true };
            const imp = this.imported.get(name);
            if (imp)
                return { origin: { kind: "import", module: imp.module, name: imp.name, as: "client" }, pipeline: false };
            return undefined;
        }
        if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
            const path = (0,ast/* memberPath */.Mb)(e);
            if (path) {
                const key = path.join(".");
                if (this.poisoned.has(key))
                    return undefined;
                const c = this.clients.get(key);
                if (c)
                    return { origin: c, pipeline: false };
                const p = this.pipelines.get(key);
                if (p)
                    return { origin: p, pipeline: true };
                if (path.length === 2 && this.namespaces.has(path[0])) {
                    return {
                        origin: { kind: "import", module: this.namespaces.get(path[0]), name: path[1], as: "client" },
                        pipeline: false,
                    };
                }
            }
            // `redis.json` is the JSON command group of the same client.
            if (ts.isPropertyAccessExpression(e) && e.name.text === "json")
                return this.receiver(e.expression, depth + 1);
            return undefined;
        }
        if (ts.isNewExpression(e)) {
            const path = (0,ast/* memberPath */.Mb)(e.expression)?.join(".");
            return path && this.classes.has(path) ? { origin: UPSTASH, pipeline: false } : undefined;
        }
        if (ts.isCallExpression(e)) {
            const callee = (0,ast/* unwrap */.oA)(e.expression);
            const path = (0,ast/* memberPath */.Mb)(callee);
            const joined = path?.join(".");
            if (joined && this.upstashFactories.has(joined))
                return { origin: UPSTASH, pipeline: false };
            if (ts.isPropertyAccessExpression(callee)) {
                const method = callee.name.text;
                if (method === "fromEnv") {
                    const cls = (0,ast/* memberPath */.Mb)(callee.expression)?.join(".");
                    if (cls && this.classes.has(cls))
                        return { origin: UPSTASH, pipeline: false };
                }
                const inner = this.receiver(callee.expression, depth + 1);
                if (inner) {
                    if (PIPELINE_METHODS.has(method) && !inner.pipeline)
                        return { origin: inner.origin, pipeline: true };
                    // Every pipeline command but exec returns the pipeline, so commands chain.
                    if (inner.pipeline && method !== "exec")
                        return inner;
                    return undefined;
                }
                if (path && path.length === 2 && path[0] === "this") {
                    const f = this.factories.get(method);
                    if (f)
                        return f;
                }
                if (path && path.length === 2 && this.namespaces.has(path[0])) {
                    return {
                        origin: { kind: "import", module: this.namespaces.get(path[0]), name: path[1], as: "factory" },
                        pipeline: false,
                    };
                }
                return undefined;
            }
            if (ts.isIdentifier(callee)) {
                const f = this.factories.get(callee.text);
                if (f)
                    return f;
                const imp = this.imported.get(callee.text);
                if (imp)
                    return { origin: { kind: "import", module: imp.module, name: imp.name, as: "factory" }, pipeline: false };
            }
            return undefined;
        }
        if (ts.isConditionalExpression(e))
            return this.receiver(e.whenTrue, depth + 1) ?? this.receiver(e.whenFalse, depth + 1);
        if (ts.isBinaryExpression(e)) {
            const op = e.operatorToken.kind;
            if (op === ts.SyntaxKind.QuestionQuestionToken ||
                op === ts.SyntaxKind.BarBarToken ||
                op === ts.SyntaxKind.AmpersandAmpersandToken) {
                return this.receiver(e.right, depth + 1) ?? this.receiver(e.left, depth + 1);
            }
        }
        return undefined;
    }
    /** Where a local name or imported binding comes from, for exported names. */
    exportOrigin(local) {
        if (this.poisoned.has(local))
            return undefined;
        const c = this.clients.get(local);
        if (c)
            return c;
        const imp = this.imported.get(local);
        if (imp)
            return { kind: "import", module: imp.module, name: imp.name, as: "client" };
        return undefined;
    }
    addExport(name, local) {
        const origin = this.exportOrigin(local);
        if (origin)
            this.exports.push({ name, as: "client", origin });
        const f = this.factories.get(local);
        if (f && !f.pipeline)
            this.exports.push({ name, as: "factory", origin: f.origin });
        const imp = this.imported.get(local);
        if (imp)
            this.exports.push({
                name,
                as: "factory",
                origin: { kind: "import", module: imp.module, name: imp.name, as: "factory" },
            });
    }
    collectExports(ts) {
        const all = (0,engine_exports/* moduleExports */.k9)(ts, this.sf);
        for (const e of all.entries) {
            const s = e.source;
            if (s.kind === "declaration") {
                if (ts.isVariableDeclaration(s.node) || (ts.isFunctionDeclaration(s.node) && s.node.name))
                    this.addExport(e.name, s.local);
            }
            else if (s.kind === "expression")
                this.exportExpression(e.name, s.expression, ts);
            else if (s.kind === "local")
                this.addExport(e.name, s.local);
            else if (s.kind === "reexport" && isUpstashRedisModule(s.specifier)) {
                if (s.name === "kv" || (s.specifier === "@vercel/kv" && s.name === "default"))
                    this.exports.push({ name: e.name, as: "client", origin: UPSTASH });
            }
        }
        // Re-exports of project modules, followed in the project phase; those of Upstash packages are
        // read right here (the clients above), namespace re-exports never carry a client by name.
        this.table = (0,engine_exports/* exportTable */.Zc)(all, (e) => e.source.kind === "reexport" && e.source.name !== "*" && !isUpstashRedisModule(e.source.specifier));
    }
    exportExpression(name, expr, ts) {
        const e = (0,ast/* unwrap */.oA)(expr);
        if (ts.isIdentifier(e))
            return this.addExport(name, e.text);
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e)) {
            const decl = factoryDecl(ts, name, e);
            let r = decl.type ? this.typeReceiver(ts, decl.type) : undefined;
            for (const x of decl.returns)
                r ??= this.receiver(x);
            if (r && !r.pipeline)
                this.exports.push({ name, as: "factory", origin: r.origin });
            return;
        }
        const r = this.receiver(e);
        if (r && !r.pipeline)
            this.exports.push({ name, as: "client", origin: r.origin });
    }
    /** Local name of an imported binding from a project module (for TTL helpers imported from elsewhere). */
    importOf(callee) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(callee);
        if (ts.isIdentifier(e))
            return this.imported.get(e.text);
        const path = (0,ast/* memberPath */.Mb)(e);
        if (path && path.length === 2 && this.namespaces.has(path[0]))
            return { module: this.namespaces.get(path[0]), name: path[1] };
        return undefined;
    }
}
function entityName(ts, n) {
    return ts.isIdentifier(n) ? n.text : `${entityName(ts, n.left)}.${n.right.text}`;
}
/** The expressions a function returns (not those of nested functions) and its declared return type. */
function factoryDecl(ts, name, fn) {
    const returns = [];
    const body = fn.body;
    if (body && !ts.isBlock(body))
        returns.push(body);
    else if (body) {
        (0,ast/* walk */.GG)(body, (n) => {
            if (n !== body && ts.isFunctionLike(n))
                return false;
            if (ts.isReturnStatement(n) && n.expression)
                returns.push(n.expression);
            return undefined;
        });
    }
    return { name, returns, type: fn.type };
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/vocabulary.ts
/**
 * The sensitivity vocabulary: which names make a Redis key or value sensitive. Names are split into
 * lower-case word parts (camelCase, snake_case, kebab-case, `:`-separated key segments) and phrases
 * are matched on whole parts, so "tokenizer", "hashmap" and "cardinality" never match "token",
 * "hash" or "card". Documented in docs/rules/sensitive-data-without-ttl.md; extended by the
 * `sensitiveWords` detector option.
 */
/** Sessions, tokens, codes, passwords, credentials, CSRF and nonces. */
const SECRET = [
    "~session+",
    "~sess",
    "~session id+",
    "~cookie+",
    "token",
    "access token+",
    "refresh token+",
    "reset token+",
    "verification token+",
    "verify token+",
    "confirmation token+",
    "confirm token+",
    "email token+",
    "login token+",
    "magic link+",
    "magic token+",
    "login link+",
    "reset link+",
    "~invite+",
    "~invitation+",
    "invite token+",
    "invite code+",
    "~oauth",
    "~oauth state+",
    "~pkce",
    "code verifier+",
    "id token+",
    "auth token+",
    "session token+",
    "api token+",
    "bearer",
    "jwt+",
    "otp+",
    "totp",
    "hotp",
    "~2fa",
    "~mfa",
    "one time password+",
    "one time code+",
    "onetime code+",
    "passcode+",
    "~verification+",
    "~verify",
    "verification code+",
    "verify code+",
    "confirmation code+",
    "auth code+",
    "authorization code+",
    "login code+",
    "reset code+",
    "sms code+",
    "email code+",
    "security code+",
    "access code+",
    "recovery code+",
    "backup code+",
    "password reset+",
    "password+",
    "passwd",
    "pwd",
    "passphrase+",
    "password hash+",
    "hashed password+",
    "pin hash+",
    "secret+",
    "client secret+",
    "api secret+",
    "webhook secret+",
    "signing secret+",
    "api key+",
    "secret key+",
    "private key+",
    "access key+",
    "signing key+",
    "encryption key+",
    "license key+",
    "app password+",
    "credential+",
    "creds",
    "csrf",
    "xsrf",
    "~nonce+",
];
/** Third-party services whose keys and tokens apps store for their users. */
const PROVIDERS = [
    "openai",
    "anthropic",
    "claude",
    "gemini",
    "google",
    "groq",
    "mistral",
    "cohere",
    "replicate",
    "huggingface",
    "hf",
    "elevenlabs",
    "deepgram",
    "perplexity",
    "stripe",
    "github",
    "gitlab",
    "slack",
    "discord",
    "twilio",
    "sendgrid",
    "resend",
    "aws",
    "azure",
    "gcp",
    "notion",
    "linear",
    "vercel",
    "supabase",
    "pinecone",
    "telegram",
    "shopify",
    "spotify",
    "twitter",
];
/** Personal data. */
const PII = [
    "email+",
    "e mail",
    "email address+",
    "phone+",
    "phone number+",
    "mobile number+",
    "telephone",
    "address+",
    "street address+",
    "home address+",
    "postal code+",
    "postcode",
    "zip code+",
    "zipcode",
    "date of birth",
    "dob",
    "birthday+",
    "birthdate",
    "birth date",
    "ssn",
    "social security",
    "national id+",
    "passport+",
    "tax id+",
    "card number+",
    "credit card+",
    "debit card+",
    "card data",
    "cvv",
    "cvc",
    "iban",
    "bank account+",
    "routing number+",
    "pii",
];
/**
 * Parts that make a name about something else: counters, limits, analytics, flags and config. A
 * name containing one of them contributes no sensitivity ("tokenCount", "otp-attempts",
 * "ratelimit:session"), and a key containing one is not sensitive at all.
 */
const NEUTRAL = new Set([
    "count",
    "counts",
    "counter",
    "counters",
    "attempt",
    "attempts",
    "tries",
    "retries",
    "ratelimit",
    "ratelimiter",
    "ratelimits",
    "limit",
    "limits",
    "limiter",
    "throttle",
    "cooldown",
    "quota",
    "usage",
    "leaderboard",
    "rank",
    "ranking",
    "rankings",
    "score",
    "scores",
    "analytics",
    "metric",
    "metrics",
    "stat",
    "stats",
    "statistics",
    "views",
    "pageviews",
    "visits",
    "hits",
    "clicks",
    "impressions",
    "flag",
    "flags",
    "feature",
    "features",
    "config",
    "configuration",
    "domain",
    "domains",
    "blocked",
    "banned",
    "lock",
    "mutex",
    "revoked",
    "blacklist",
    "blocklist",
    "denylist",
    "public",
    "length",
    "size",
    "max",
    "min",
    "expiry",
    "expires",
    "ttl",
    "type",
    "format",
    "name",
    "label",
    "icon",
    "placeholder",
    "price",
    "prices",
    "symbol",
    "decimals",
    "supply",
    "balance",
    "balances",
]);
/**
 * Parts of a key that name a long-lived record of people: a user, a profile, a subscriber list, an
 * audit log. Personal data there is the record itself, kept on purpose (a TTL would delete the user); only
 * secrets stored in such a record make it sensitive.
 */
const ENTITY = new Set([
    "user",
    "users",
    "profile",
    "profiles",
    "account",
    "accounts",
    "customer",
    "customers",
    "member",
    "members",
    "contact",
    "contacts",
    "subscriber",
    "subscribers",
    "subscription",
    "subscriptions",
    "newsletter",
    "waitlist",
    "reminder",
    "reminders",
    "lead",
    "leads",
    "employee",
    "employees",
    "people",
    "person",
    "team",
    "teams",
    "organization",
    "org",
    // Audit and activity logs: who did what to whom is the log itself, kept (and usually capped with
    // ltrim) on purpose; a credential written into one is still reported.
    "log",
    "logs",
    "audit",
    "audits",
]);
/**
 * Parts before a word that make it something else: a wallet address is public, a page token or a
 * checkout token is a cursor or an identifier, not a credential.
 */
const NOT_SENSITIVE_AFTER = {
    address: new Set([
        "wallet",
        "contract",
        "token",
        "mint",
        "pool",
        "account",
        "mac",
        "server",
        "node",
        "program",
        "web",
        "url",
        "base",
        "memory",
        "ip",
    ]),
    token: new Set([
        "page",
        "next",
        "prev",
        "previous",
        "continuation",
        "cursor",
        "pagination",
        "checkout",
        "cart",
        "cancel",
        "cancellation",
        "sync",
        "idempotency",
        "request",
        "correlation",
        "trace",
        "abort",
        "design",
        "color",
        "theme",
        "nft",
        "erc20",
        "erc721",
        "spl",
        "lp",
    ]),
};
/** Suffix parts glued onto a word in lower-case literals ("sessionid", "resettokens"). */
const GLUE_SUFFIXES = ["", "id", "ids", "key", "keys", "data", "store", "hash"];
/** `"~session+"`: `~` keeps it out of key subjects, `+` lets the last word take a plural. */
function vocabulary_parse(entry, category) {
    const inSubject = category !== "pii" && !entry.startsWith("~");
    const plural = entry.endsWith("+");
    const text = entry.replace(/^~/, "").replace(/\+$/, "");
    return { parts: text.split(" "), category, label: text, plural, inSubject };
}
const BUILTIN = [
    ...SECRET.map((e) => vocabulary_parse(e, "secret")),
    ...PROVIDERS.flatMap((p) => [`${p} key+`, `${p} api key+`, `${p} token+`, `${p} secret+`].map((e) => vocabulary_parse(e, "secret"))),
    ...PII.map((e) => vocabulary_parse(e, "pii")),
];
/** Marks a segment boundary in split words: `session:abc` is two segments, `session-abc` one. */
const SEGMENT = "";
/**
 * Split a name or key text into lower-case word parts: `resetToken:${id}` → ["reset", "token", "",
 * "id"]. camelCase, `_` and `-` join the parts of one segment; `:`, `/`, `.`, `|`, `#`, `=`, `,` and
 * spaces separate segments (marked by an empty part), so that a word's neighbour in the same segment
 * can be told from the next segment of a key.
 */
function splitWords(text) {
    const out = [];
    for (const segment of text.split(/[^A-Za-z0-9_-]+/)) {
        const parts = [];
        for (const chunk of segment.split(/[_-]+/)) {
            for (const m of chunk.matchAll(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+[a-z]*/g))
                parts.push(m[0].toLowerCase());
        }
        if (!parts.length)
            continue;
        if (out.length)
            out.push(SEGMENT);
        out.push(...parts);
    }
    // "2fa" stays one part; "e-mail" becomes ["e", "mail"] and is matched as a phrase.
    return out;
}
/**
 * Words that may follow a sensitive word in the same name without making it a mere modifier:
 * `sessionData`, `tokenHash`, `otpRecord`, `sessions-by-time`. Any other word makes the sensitive
 * word describe something else: `emailTemplate`, `tokenEndpoint`, `sessionTimeout`, `passwordPolicy`.
 */
const FOLLOWERS = new Set([
    "id",
    "ids",
    "key",
    "keys",
    "data",
    "value",
    "values",
    "list",
    "lists",
    "store",
    "map",
    "hash",
    "hashed",
    "record",
    "records",
    "info",
    "json",
    "str",
    "string",
    "raw",
    "encrypted",
    "enc",
    "plain",
    "plaintext",
    "cipher",
    "ciphertext",
    "b64",
    "base64",
    "set",
    "pair",
    "pairs",
    "bundle",
    "object",
    "obj",
    "payload",
    "body",
    "cache",
    "cached",
    "entry",
    "entries",
    "response",
    "request",
    "result",
    "results",
    "details",
    "meta",
    "metadata",
    "state",
    "code",
    "codes",
    "pending",
    "temp",
    "tmp",
    "new",
    "old",
    "current",
    "latest",
    "backup",
    "copy",
    "by",
    "for",
    "of",
    "to",
    "and",
    "or",
    "v1",
    "v2",
    "v3",
    "x",
]);
const vocabularies = new Map();
class Vocabulary {
    phrases;
    /** First part (or glued phrase) → phrases, for a quick lookup. */
    byFirst = new Map();
    glued = new Map();
    constructor(extra = []) {
        const custom = extra
            .map((w) => splitWords(w).filter((p) => p !== SEGMENT))
            .filter((parts) => parts.length > 0)
            .map((parts) => ({ parts, category: "custom", label: parts.join(" "), plural: true, inSubject: true }));
        this.phrases = [...custom, ...BUILTIN];
        for (const p of this.phrases) {
            const list = this.byFirst.get(p.parts[0]) ?? [];
            list.push(p);
            this.byFirst.set(p.parts[0], list);
            const joined = p.parts.join("");
            for (const suffix of GLUE_SUFFIXES) {
                for (const plural of p.plural ? ["", "s"] : [""]) {
                    const form = joined + plural + suffix;
                    // A phrase that spells the form exactly ("session id" for "sessionid") wins over a word
                    // plus a suffix; between exact spellings the simplest wins ("email" over "e mail").
                    const exact = suffix === "" && plural === "";
                    const prior = this.glued.get(form);
                    const priorExact = prior !== undefined && prior.parts.join("") === form;
                    if (!prior || (exact && !priorExact) || (exact === priorExact && p.parts.length < prior.parts.length))
                        this.glued.set(form, p);
                }
            }
        }
    }
    /**
     * Build from detector options; `sensitiveWords` must be an array of strings (others are ignored).
     * Memoised by the word list: building the glued forms costs more than most files' analysis.
     */
    static fromOptions(options) {
        const raw = options.sensitiveWords;
        const words = Array.isArray(raw) ? raw.filter((w) => typeof w === "string") : [];
        const key = JSON.stringify(words);
        let vocab = vocabularies.get(key);
        if (!vocab)
            vocabularies.set(key, (vocab = new Vocabulary(words)));
        return vocab;
    }
    /** Whether a key names a long-lived record of people (user, profile, subscribers…). */
    isEntity(parts) {
        return parts.some((p) => ENTITY.has(p));
    }
    /** Whether a name is about counters, limits, analytics, flags or config. */
    isNeutral(parts) {
        return parts.some((p) => NEUTRAL.has(p)) || (parts.includes("rate") && parts.includes("limit"));
    }
    /**
     * The most specific phrase in `parts`, or undefined. A neutral name matches nothing: "tokenCount"
     * counts tokens, it does not hold one.
     */
    match(parts, options = {}) {
        if (this.isNeutral(parts))
            return undefined;
        let best;
        const consider = (p) => {
            if (options.subject && !p.inSubject)
                return;
            if (options.noPii && p.category === "pii")
                return;
            if (!best || p.parts.length > best.parts.length || (best.category === "pii" && p.category !== "pii"))
                best = p;
        };
        // A phrase ending at `end` (exclusive) names the thing itself, not a modifier of the next word.
        const head = (end) => {
            const next = parts[end];
            return (next === undefined ||
                next === SEGMENT ||
                /^[0-9]/.test(next) ||
                FOLLOWERS.has(next) ||
                this.byFirst.has(next) ||
                this.glued.has(next));
        };
        for (let i = 0; i < parts.length; i++) {
            const part = parts[i];
            if (part === SEGMENT)
                continue;
            const qualified = (p) => i > 0 && p.parts.length === 1 && NOT_SENSITIVE_AFTER[p.parts[0]]?.has(parts[i - 1]) === true;
            const glued = this.glued.get(part);
            if (glued && !qualified(glued) && head(i + 1))
                consider(glued);
            for (const p of this.byFirst.get(part) ?? []) {
                if (i + p.parts.length > parts.length)
                    continue;
                let ok = true;
                for (let j = 1; j < p.parts.length; j++) {
                    const want = p.parts[j];
                    const got = parts[i + j];
                    const last = j === p.parts.length - 1;
                    if (got !== want && !(last && p.plural && got === `${want}s`)) {
                        ok = false;
                        break;
                    }
                }
                if (!ok)
                    continue;
                if (qualified(p) || !head(i + p.parts.length))
                    continue;
                consider(p);
            }
        }
        return best;
    }
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/placeholders.ts


/**
 * Word parts that mark literal text as made up.
 * true:  "mock_access_token_123", "dummy-", "placeholder", "fake-jwt", "test_token", "your_api_key_here",
 *        "changeme", "xxxx-xxxx", "lorem ipsum", "stub"
 * false: "active", "1", "pending", "verified", "testimonial", "attest" (whole parts only), "latest"
 */
const MARKERS = new Set([
    "mock",
    "mocked",
    "dummy",
    "fake",
    "faked",
    "placeholder",
    "stub",
    "stubbed",
    "sample",
    "example",
    "test",
    "testing",
    "lorem",
    "changeme",
    "xxx",
    "xxxx",
    "xxxxx",
]);
/** `your_api_key_here`, `YOUR-TOKEN`: instructions to whoever copies the code, not a value. */
const INSTRUCTION = /^(?:your|insert|replace|enter)$/;
/**
 * Names of variables that hold made-up values.
 * true:  `mockToken`, `DUMMY_SESSION`, `fakeUser`
 * false: `mockingbird`, `stubborn` (whole parts only), `testUser` (a name, unlike a literal, says too little)
 */
const NAME_MARKERS = new Set(["mock", "mocked", "dummy", "fake", "placeholder", "stub", "stubbed"]);
/** Calls whose result is a clock or a random number: `Date.now()`, `Math.random()`, `performance.now()`. */
const INERT_CALLS = new Set(["Date.now", "Math.random", "Math.floor", "Math.round", "Math.ceil", "performance.now"]);
/** Concatenation and the arithmetic of clocks and random numbers (`Math.random() * 1e6`). */
function isArithmetic(ts, kind) {
    const k = ts.SyntaxKind;
    return [k.PlusToken, k.MinusToken, k.AsteriskToken, k.SlashToken, k.PercentToken].includes(kind);
}
/** Methods that turn a value into text of the same origin: `Date.now().toString(36)`, `id.slice(0, 8)`. */
const CONVERSIONS = new Set(["toString", "toISOString", "getTime", "toFixed", "slice", "substring"]);
function textIsPlaceholder(text) {
    const parts = splitWords(text).filter((p) => p !== SEGMENT);
    return parts.some((p) => MARKERS.has(p) || INSTRUCTION.test(p) || /^x{3,}$/.test(p));
}
function combine(origins) {
    if (origins.includes("live"))
        return "live";
    return origins.includes("placeholder") ? "placeholder" : "inert";
}
function originOf(ts, expr, constants, depth = 0) {
    if (depth > 6)
        return "live";
    const e = (0,ast/* unwrap */.oA)(expr);
    const literal = literalOrigin(ts, e);
    if (literal)
        return literal;
    const next = (x) => originOf(ts, x, constants, depth + 1);
    if (ts.isIdentifier(e)) {
        if (splitWords(e.text).some((p) => NAME_MARKERS.has(p)))
            return "placeholder";
        const init = constants.get(e);
        return init ? next(init) : "live";
    }
    const parts = partsOf(ts, e);
    return parts ? combine(parts.map((p) => (typeof p === "string" ? p : next(p)))) : "live";
}
/** Literal text, numbers, booleans and null. */
function literalOrigin(ts, e) {
    const text = (0,ast/* stringValue */.r$)(e);
    if (text !== undefined)
        return textIsPlaceholder(text) ? "placeholder" : "inert";
    const k = ts.SyntaxKind;
    if ([k.NumericLiteral, k.TrueKeyword, k.FalseKeyword, k.NullKeyword].includes(e.kind))
        return "inert";
    return undefined;
}
/**
 * What a composite value is made of, or undefined when it is not one the analysis can see through
 * (a spread or a shorthand field is live whatever it holds).
 */
function partsOf(ts, e) {
    if (ts.isTemplateExpression(e)) {
        const texts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(" ");
        return [textIsPlaceholder(texts) ? "placeholder" : "inert", ...e.templateSpans.map((s) => s.expression)];
    }
    if (ts.isBinaryExpression(e) && isArithmetic(ts, e.operatorToken.kind))
        return [e.left, e.right];
    if (ts.isObjectLiteralExpression(e))
        return e.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : "live"));
    if (ts.isArrayLiteralExpression(e))
        return e.elements.map((x) => (ts.isSpreadElement(x) ? "live" : x));
    if (ts.isCallExpression(e))
        return callParts(ts, e);
    if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Date")
        return [...(e.arguments ?? [])];
    return undefined;
}
/** `Date.now()`, `Math.floor(Math.random() * 1e6)`, `JSON.stringify({...})`, `String(n)`, `x.toString()`. */
function callParts(ts, e) {
    const callee = (0,ast/* unwrap */.oA)(e.expression);
    const path = (0,ast/* memberPath */.Mb)(callee)?.join(".");
    if (path && (INERT_CALLS.has(path) || path === "JSON.stringify" || path === "String"))
        return [...e.arguments];
    if (ts.isPropertyAccessExpression(callee) && CONVERSIONS.has(callee.name.text))
        return [callee.expression, ...e.arguments];
    return undefined;
}
/** Whether a value written is made up: mock, dummy or placeholder text and nothing live. */
function isPlaceholderValue(ts, expr, constants) {
    return originOf(ts, expr, constants) === "placeholder";
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/keys.ts




function fileConstants(sf) {
    const ts = (0,parse.typescript)();
    let index;
    // Built on first use: most files never look a constant up.
    const build = () => {
        const byName = new Map();
        (0,ast/* walk */.GG)(sf, (n) => {
            if (ts.isVariableDeclaration(n) &&
                ts.isIdentifier(n.name) &&
                n.initializer &&
                ts.isVariableDeclarationList(n.parent) &&
                n.parent.flags & ts.NodeFlags.Const) {
                let scope = n.parent;
                while (scope.parent &&
                    !ts.isBlock(scope) &&
                    !ts.isSourceFile(scope) &&
                    !ts.isModuleBlock(scope) &&
                    !ts.isCaseClause(scope) &&
                    !ts.isForStatement(scope))
                    scope = scope.parent;
                const list = byName.get(n.name.text) ?? [];
                list.push({ scope, init: n.initializer });
                byName.set(n.name.text, list);
            }
        });
        return byName;
    };
    return {
        get(id) {
            const list = (index ??= build()).get(id.text);
            if (!list)
                return undefined;
            // The innermost declaration whose block holds the use, unless a parameter in between shadows it.
            let best;
            for (const d of list)
                if (id.pos >= d.scope.pos && id.end <= d.scope.end && (!best || d.scope.pos >= best.scope.pos))
                    best = d;
            if (!best)
                return undefined;
            for (let n = id.parent; n && n !== best.scope; n = n.parent) {
                if (ts.isFunctionLike(n) && n.parameters.some((p) => ts.isIdentifier(p.name) && p.name.text === id.text))
                    return undefined;
            }
            return best.init;
        },
    };
}
/**
 * The key as a string of literal text and `${expression}` parts: `"session:" + id`, `` `session:${id}` ``
 * and `'session:' + id` all give `session:${id}`.
 */
function canonical(expr, constants, depth = 0) {
    const ts = (0,parse.typescript)();
    const e = (0,ast/* unwrap */.oA)(expr);
    const lit = (0,ast/* stringValue */.r$)(e);
    if (lit !== undefined)
        return lit.replace(/\$\{/g, "$\\{");
    if (ts.isTemplateExpression(e)) {
        let s = e.head.text;
        for (const span of e.templateSpans)
            s += canonical(span.expression, constants, depth) + span.literal.text;
        return s;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        return canonical(e.left, constants, depth) + canonical(e.right, constants, depth);
    }
    if (ts.isIdentifier(e) && depth < 4) {
        const init = constants.get(e);
        if (init) {
            const inner = (0,ast/* unwrap */.oA)(init);
            // Only string-valued constants inline into a key: prefixes and templates.
            if ((0,ast/* stringValue */.r$)(inner) !== undefined ||
                ts.isTemplateExpression(inner) ||
                (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.PlusToken)) {
                return canonical(inner, constants, depth + 1);
            }
        }
    }
    return "${" + e.getText().replace(/\s+/g, "") + "}";
}
/** Every way a key expression can be written: itself and, for a `const`, its initializer. */
function keyForms(expr, constants) {
    const ts = (0,parse.typescript)();
    const out = new Set([canonical(expr, constants)]);
    const e = (0,ast/* unwrap */.oA)(expr);
    if (ts.isIdentifier(e)) {
        out.add("${" + e.text + "}");
        const init = constants.get(e);
        if (init)
            out.add(canonical(init, constants));
    }
    return out;
}
/** Names and literal texts a key is made of. */
function keyNames(expr, constants, role, out, depth = 0) {
    if (depth > 6)
        return;
    const ts = (0,parse.typescript)();
    const e = (0,ast/* unwrap */.oA)(expr);
    const lit = (0,ast/* stringValue */.r$)(e);
    if (lit !== undefined) {
        out.push({ text: lit, role: role === "subject" ? "subject" : "literal" });
        return;
    }
    if (ts.isTemplateExpression(e)) {
        const texts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)];
        for (const t of texts)
            if (t)
                out.push({ text: t, role: role === "subject" ? "subject" : "literal" });
        for (const s of e.templateSpans)
            keyNames(s.expression, constants, "subject", out, depth + 1);
        return;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        // The leftmost operand is the key's head (`SESSION_PREFIX + id`); the rest is its subject.
        keyNames(e.left, constants, role, out, depth + 1);
        keyNames(e.right, constants, "subject", out, depth + 1);
        return;
    }
    if (ts.isIdentifier(e)) {
        const init = constants.get(e);
        const inner = init && (0,ast/* unwrap */.oA)(init);
        if (inner &&
            ((0,ast/* stringValue */.r$)(inner) !== undefined ||
                ts.isTemplateExpression(inner) ||
                ts.isBinaryExpression(inner) ||
                ts.isCallExpression(inner))) {
            // `const key = \`session:${id}\`` — the key is what the constant holds; its name counts too.
            out.push({ text: e.text, role: role === "literal" ? "name" : role });
            keyNames(inner, constants, role === "subject" ? "subject" : "literal", out, depth + 1);
            return;
        }
        out.push({ text: e.text, role: role === "literal" ? "name" : role });
        return;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
        // `keys.session` names the key; in a subject only the last name counts (`credentials.appId` is an id).
        const path = (0,ast/* memberPath */.Mb)(e);
        if (path)
            out.push({ text: path.slice(role === "subject" ? -1 : -2).join("."), role: role === "literal" ? "name" : role });
        return;
    }
    if (ts.isCallExpression(e)) {
        // `sessionKey(id)`, `keys.session(id)`: the helper's name says what the key is; its arguments are the subject.
        const path = (0,ast/* memberPath */.Mb)((0,ast/* unwrap */.oA)(e.expression));
        if (path)
            out.push({ text: path.slice(role === "subject" ? -1 : -2).join("."), role: role === "literal" ? "name" : role });
        for (const a of e.arguments)
            keyNames(a, constants, "subject", out, depth + 1);
        return;
    }
    if (ts.isConditionalExpression(e)) {
        keyNames(e.whenTrue, constants, role, out, depth + 1);
        keyNames(e.whenFalse, constants, role, out, depth + 1);
    }
}
/**
 * Why a key is sensitive, or undefined. A key whose own text or name is about counters, limits,
 * analytics, flags or config is never sensitive, whatever else it mentions.
 */
function keySensitivity(expr, constants, vocab) {
    const names = [];
    keyNames(expr, constants, "literal", names);
    if (names.some((n) => n.role !== "subject" && vocab.isNeutral(splitWords(n.text))))
        return undefined;
    const noPii = keyIsEntity(names, vocab);
    let best;
    let bestRank = -1;
    for (const n of names) {
        const phrase = vocab.match(splitWords(n.text), { subject: n.role === "subject", noPii });
        // What the key says of itself beats the names it is built from: `session:${sessionId}` is "session".
        const r = phrase ? rank(phrase) + (n.role === "subject" ? 0 : 100) : -1;
        if (phrase && r > bestRank) {
            best = { phrase, name: n.text, where: "key", ...(n.role === "subject" ? { subject: true } : {}) };
            bestRank = r;
        }
    }
    return best;
}
/**
 * What a key says about its value: "neutral" (counters, limits, analytics, flags, config: the value
 * does not matter), "entity" (a long-lived record of people: only secrets in the value count), or
 * undefined.
 */
function keyKind(expr, constants, vocab) {
    const names = [];
    keyNames(expr, constants, "literal", names);
    if (names.some((n) => n.role !== "subject" && vocab.isNeutral(splitWords(n.text))))
        return "neutral";
    return keyIsEntity(names, vocab) ? "entity" : undefined;
}
function keyIsEntity(names, vocab) {
    return names.some((n) => n.role !== "subject" && vocab.isEntity(splitWords(n.text)));
}
function rank(p) {
    return (p.category === "pii" ? 0 : 10) + p.parts.length;
}
/**
 * The names in a value expression: identifiers, the last name of property accesses, object literal
 * keys, called functions, and strings that name what is read (`params.get("access_token")`). Other
 * string contents are data, not names, and nested functions are skipped, and so are fields whose
 * value is made up (`{ accessToken: "mock_access_token_123" }`): their names say nothing of the data.
 * A record written whole (`hmset(key, user)`, `set(key, JSON.stringify(user))`, `{ ...user }`) brings
 * the names of its fields: those of the object literal a `const` holds, and those the function
 * assigns before the write (`user.password = hash`).
 */
function valueNames(expr, constants, depth = 0) {
    const ts = (0,parse.typescript)();
    const out = [];
    (0,ast/* walk */.GG)(expr, (n) => {
        if (ts.isFunctionLike(n))
            return false;
        if (constants && ts.isPropertyAssignment(n) && isPlaceholderValue(ts, n.initializer, constants))
            return false;
        if (ts.isIdentifier(n)) {
            const p = n.parent;
            // `a.b.c`: only the last name says what the value is (`user.email`, not `session.user.id`).
            if (p && ts.isPropertyAccessExpression(p)) {
                if (p.expression === n)
                    return undefined;
                if (p.parent && ts.isPropertyAccessExpression(p.parent) && p.parent.expression === p)
                    return undefined;
            }
            out.push(n.text);
            if (constants && depth < 3 && isWholeRecord(ts, n))
                out.push(...recordFields(ts, n, constants, depth + 1));
            return undefined;
        }
        if (ts.isPropertyAssignment(n)) {
            const name = (0,ast/* propertyNameText */.CC)(n.name);
            if (name !== undefined && !ts.isIdentifier(n.name))
                out.push(name);
        }
        // A string that names what is read: `params.get("access_token")`, `body["refresh_token"]`.
        if (ts.isStringLiteralLike(n)) {
            const p = n.parent;
            const getter = p &&
                ts.isCallExpression(p) &&
                p.arguments[0] === n &&
                ts.isPropertyAccessExpression(p.expression) &&
                /^get/.test(p.expression.name.text);
            const index = p && ts.isElementAccessExpression(p) && p.argumentExpression === n;
            if (getter || index)
                out.push(n.text);
        }
        return undefined;
    });
    return out;
}
/** An identifier that is the record written, not a part of it: `user`, `JSON.stringify(user)`, `{ ...user }`. */
function isWholeRecord(ts, id) {
    let n = id;
    while (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isNonNullExpression(n.parent))
        n = n.parent;
    const p = n.parent;
    if (ts.isSpreadAssignment(p))
        return true;
    if (ts.isCallExpression(p) && p.arguments[0] === n)
        return (0,ast/* memberPath */.Mb)(p.expression)?.join(".") === "JSON.stringify";
    // The value argument of the write itself (`hmset(key, user)`): a call whose callee is a method.
    return (ts.isCallExpression(p) && p.arguments.indexOf(n) > 0 && ts.isPropertyAccessExpression(p.expression));
}
/** The fields of a record variable: its `const` object literal, and fields assigned before `id` in its function. */
function recordFields(ts, id, constants, depth) {
    const out = [];
    const init = constants.get(id);
    const obj = init && (0,ast/* unwrap */.oA)(init);
    if (obj && ts.isObjectLiteralExpression(obj))
        out.push(...valueNames(obj, constants, depth));
    let scope = id;
    while (scope.parent && !ts.isFunctionLike(scope) && !ts.isSourceFile(scope))
        scope = scope.parent;
    (0,ast/* walk */.GG)(scope, (n) => {
        if (n.pos >= id.pos)
            return false;
        if (ts.isBinaryExpression(n) &&
            n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isPropertyAccessExpression(n.left) &&
            ts.isIdentifier(n.left.expression) &&
            n.left.expression.text === id.text &&
            !isCleared(ts, n.right))
            out.push(n.left.name.text);
        return undefined;
    });
    return out;
}
/** `x.code = undefined`, `= null`, `= ""`: a field cleared, not filled. */
function isCleared(ts, e) {
    const v = (0,ast/* unwrap */.oA)(e);
    return (v.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(v) && v.text === "undefined") ||
        ts.isVoidExpression(v) ||
        (0,ast/* stringValue */.r$)(v) === "");
}
/** Why a value is sensitive, or undefined. */
function valueSensitivity(exprs, vocab, extraNames = [], options = {}) {
    let best;
    const names = [...extraNames, ...exprs.flatMap((e) => valueNames(e, options.constants))];
    for (const name of names) {
        const phrase = vocab.match(splitWords(name), options);
        if (phrase && (!best || rank(phrase) > rank(best.phrase)))
            best = { phrase, name, where: "value" };
    }
    return best;
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/expiry.ts



/** Commands that give an existing key (or hash field) a TTL. */
const EXPIRE_COMMANDS = new Set([
    "expire",
    "pexpire",
    "expireat",
    "pexpireat",
    "hexpire",
    "hpexpire",
    "hexpireat",
    "hpexpireat",
]);
/** The option names @upstash/redis reads as an expiry. */
const TTL_OPTIONS = new Set(["ex", "px", "exat", "pxat", "keepTtl"]);
/** A function whose name says it sets an expiry: setTtl, withExpiry, expireKey, refreshTTL. */
const TTL_NAME = /expir|ttl/i;
/** `{ ex: 60 }`-style options that @upstash/redis honours (or that cannot be seen, e.g. `opts`). */
function optionsSetTtl(arg, constants) {
    const ts = (0,parse.typescript)();
    if (!arg)
        return false;
    let o = (0,ast/* unwrap */.oA)(arg);
    if (ts.isIdentifier(o) && constants.get(o))
        o = (0,ast/* unwrap */.oA)(constants.get(o));
    if (!ts.isObjectLiteralExpression(o))
        return !ts.isStringLiteralLike(o); // built elsewhere: may set a TTL
    return o.properties.some((p) => {
        if (ts.isSpreadAssignment(p))
            return true;
        const name = (0,ast/* propertyNameText */.CC)(p.name);
        return name !== undefined && TTL_OPTIONS.has(name);
    });
}
class ExpiryIndex {
    constants;
    calls = [];
    /** Local functions that expire the key passed at `argIndex`; exported ones go into facts. */
    helpers = [];
    constructor(sf, constants, model) {
        this.constants = constants;
        const ts = (0,parse.typescript)();
        const helperByName = new Map();
        const all = [];
        (0,ast/* walk */.GG)(sf, (n) => {
            if (ts.isCallExpression(n))
                all.push(n);
        });
        // A helper expires one of its own parameters. Two rounds: a helper may do so through another one.
        for (let round = 0; round < 2; round++) {
            const before = this.helpers.length;
            for (const call of all) {
                for (const a of this.expiryArgs(ts, call, helperByName)) {
                    const id = (0,ast/* unwrap */.oA)(a);
                    if (!ts.isIdentifier(id))
                        continue;
                    for (let f = call.parent; f && !ts.isSourceFile(f); f = f.parent) {
                        if (!ts.isFunctionLike(f))
                            continue;
                        const i = f.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
                        if (i < 0)
                            continue;
                        const name = functionName(ts, f);
                        if (name && !helperByName.get(name)?.includes(i)) {
                            helperByName.set(name, [...(helperByName.get(name) ?? []), i]);
                            this.helpers.push({ name, argIndex: i });
                        }
                        break;
                    }
                }
            }
            if (this.helpers.length === before)
                break;
        }
        for (const call of all) {
            for (const arg of this.expiryArgs(ts, call, helperByName))
                this.calls.push({ arg });
            const imp = model.importOf(call.expression);
            if (imp)
                call.arguments.forEach((arg, i) => this.calls.push({ arg, imported: { module: imp.module, name: imp.name, argIndex: i } }));
        }
    }
    /** The arguments of a call that name a key it gives an expiry to. */
    expiryArgs(ts, call, helpers) {
        const callee = (0,ast/* unwrap */.oA)(call.expression);
        const name = ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : ts.isIdentifier(callee)
                ? callee.text
                : undefined;
        if (!name)
            return [];
        const args = call.arguments;
        if (EXPIRE_COMMANDS.has(name) || name === "setex" || name === "psetex")
            return args[0] ? [args[0]] : [];
        if (name === "set" &&
            ts.isPropertyAccessExpression(callee) &&
            !isJsonGroup(ts, callee.expression) &&
            args[0] &&
            args[2] &&
            optionsSetTtl(args[2], this.constants))
            return [args[0]];
        if (name === "getex" && args[0] && args[1] && optionsSetTtl(args[1], this.constants))
            return [args[0]];
        const local = helpers.get(name);
        if (local && (ts.isIdentifier(callee) || ((0,ast/* memberPath */.Mb)(callee)?.length ?? 0) <= 2))
            return local.map((i) => args[i]).filter((a) => a !== undefined);
        if (TTL_NAME.test(name))
            return [...args];
        return [];
    }
    /**
     * Whether the key of a write gets an expiry in the same function (or an enclosing one), or which
     * imported helpers would give it one. For `set`, which clears any TTL, only later calls count.
     */
    find(write, key, laterOnly) {
        return this.findForms(write, keyForms(key, this.constants), laterOnly);
    }
    findForms(write, forms, laterOnly) {
        const ts = (0,parse.typescript)();
        // Every enclosing function (a write in a callback may be expired by the function around it);
        // the whole file only for top-level code.
        const scopes = [];
        for (let n = write.parent; n; n = n.parent)
            if (ts.isFunctionLike(n))
                scopes.push(n);
        if (!scopes.length)
            scopes.push(write.getSourceFile());
        const imported = [];
        for (const c of this.calls) {
            const at = c.arg.pos;
            if (laterOnly && at < write.getEnd())
                continue;
            if (!scopes.some((s) => at >= s.pos && at < s.end))
                continue;
            c.forms ??= keyForms(c.arg, this.constants);
            if (![...c.forms].some((f) => forms.has(f)))
                continue;
            if (!c.imported)
                return { expired: true, imported: [] };
            imported.push(c.imported);
        }
        return { expired: false, imported };
    }
}
/** The name a function is called by: its own, or the variable or property it is assigned to. */
function functionName(ts, fn) {
    if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name)
        return (0,ast/* propertyNameText */.CC)(fn.name);
    const p = fn.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name))
        return p.name.text;
    if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p)))
        return (0,ast/* propertyNameText */.CC)(p.name);
    return undefined;
}
/** `redis.json`: JSON.SET's third argument is the value, not options. */
function isJsonGroup(ts, e) {
    const x = (0,ast/* unwrap */.oA)(e);
    return ts.isPropertyAccessExpression(x) && x.name.text === "json";
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/project-phase.ts

/** The exports fact of a file: its clients and helpers, and what it re-exports. */
function exportsFact(entries, reexports, helpers) {
    const names = { ...reexports.names };
    for (const e of entries)
        names[e.name] = {};
    for (const h of helpers)
        names[h.name] ??= {};
    return { kind: "exports", entries, table: { names, stars: reexports.stars }, helpers };
}
/** Whether a client model's file re-exports anything from the project. */
function hasReexports(model) {
    return Object.keys(model.table.names).length > 0 || model.table.stars.length > 0;
}
function judgeProject(ctx) {
    const exportsOf = new Map();
    for (const { file, fact } of ctx.facts)
        if (fact.kind === "exports")
            exportsOf.set(file, fact);
    const tables = new Map([...exportsOf].map(([file, fact]) => [file, fact.table]));
    const resolve = (from, spec) => ctx.project.resolve(from, spec);
    /**
     * Whether `file` exports `name` with the given property. Files without facts (barrels, which the
     * keyword prefilter skips) are followed through every module they import or re-export.
     */
    const follow = (file, name, seen, depth, own) => {
        const key = `${file}\0${name}`;
        if (depth > engine_exports/* MAX_REEXPORT_DEPTH */.nq || seen.has(key))
            return false;
        seen.add(key);
        const hit = ctx.project.resolveExport(tables, file, name);
        if (hit?.kind === "unknown") {
            for (const barrel of hit.files)
                for (const ref of ctx.project.files.get(barrel)?.imports ?? []) {
                    const target = ref.typeOnly ? undefined : resolve(barrel, ref.specifier);
                    if (target !== undefined && follow(target, name, seen, depth + 1, own))
                        return true;
                }
            return false;
        }
        if (!hit)
            return false;
        const mine = own(exportsOf.get(hit.file), hit.name);
        if (mine === true)
            return true;
        if (Array.isArray(mine)) {
            for (const o of mine) {
                if (o.kind === "upstash")
                    return true;
                const target = resolve(hit.file, o.module);
                if (target && isExported(target, o.name, o.as, seen, depth + 1))
                    return true;
            }
        }
        return false;
    };
    const isExported = (file, name, as, seen = new Set(), depth = 0) => follow(file, name, seen, depth, (fact, n) => fact.entries.filter((e) => e.name === n && e.as === as).map((e) => e.origin));
    const isHelper = (file, h) => follow(file, h.name, new Set(), 0, (fact, n) => fact.helpers.some((x) => x.name === n && x.argIndex === h.argIndex));
    for (const { file, fact } of ctx.facts) {
        if (fact.kind !== "candidate")
            continue;
        if (fact.client.kind === "import") {
            const target = resolve(file, fact.client.module);
            if (!target || !isExported(target, fact.client.name, fact.client.as))
                continue;
        }
        if (fact.helpers.some((h) => {
            const target = resolve(file, h.module);
            return target !== undefined && isHelper(target, h);
        })) {
            continue;
        }
        ctx.report(fact.finding);
    }
}
/**
 * Demand-driven (Detector.select). Clients are where the gate already looks (importers of
 * @upstash/redis and @vercel/kv, and of their modules); beyond that the facts say where to look:
 * - the module a call's client or an expiry helper is imported from, followed through aliases and
 *   re-exports to where it is defined, so that the project phase can tell what it is;
 * - the users of a module that passes on an Upstash client it imported (`export const kv = redis`).
 * Each round follows one more step of imports.
 */
function selectModules(ctx) {
    const exportsOf = new Map();
    for (const { file, fact } of ctx.facts)
        if (fact.kind === "exports")
            exportsOf.set(file, fact);
    const tables = new Map([...exportsOf].map(([file, fact]) => [file, fact.table]));
    const wanted = new Set();
    /** Whether `name` of `module` is an Upstash client (or factory) as far as the facts tell; asks for what they lack. */
    const chase = (from, module, name, as, depth) => {
        const target = ctx.project.resolve(from, module);
        if (!target || depth > engine_exports/* MAX_REEXPORT_DEPTH */.nq)
            return false;
        const hit = ctx.project.resolveExport(tables, target, name, { lexical: true });
        if (hit?.kind === "unknown") {
            for (const f of hit.files)
                wanted.add(f);
            return false;
        }
        if (hit?.kind !== "found")
            return false;
        let passes = false;
        for (const e of exportsOf.get(hit.file)?.entries ?? []) {
            if (e.name !== hit.name || (as && e.as !== as))
                continue;
            if (e.origin.kind === "upstash" || chase(hit.file, e.origin.module, e.origin.name, e.origin.as, depth + 1))
                passes = true;
        }
        return passes;
    };
    for (const { file, fact } of ctx.facts) {
        if (fact.kind === "candidate") {
            if (fact.client.kind === "import")
                chase(file, fact.client.module, fact.client.name, fact.client.as, 0);
            for (const h of fact.helpers)
                chase(file, h.module, h.name, undefined, 0);
            continue;
        }
        const passed = fact.entries.filter((e) => e.origin.kind === "import" && chase(file, e.origin.module, e.origin.name, e.origin.as, 0));
        if (passed.length)
            for (const user of ctx.project.graph.usersOf([file], new Set(passed.map((e) => e.name))))
                wanted.add(user);
    }
    return wanted;
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/session-stores.ts

/**
 * Module → the store type → its methods that write a session.
 * true:  `class A<T> implements StorageAdapter<T> { write(key, value) {…} }` (grammy),
 *        `class S extends session.Store { set(sid, data, cb) {…} }` (express-session)
 * false: `class Cache<T> { write(key, value) {…} }` (implements nothing known), the store's `get`/`destroy`
 */
const STORES = {
    grammy: { StorageAdapter: ["write"] },
    "express-session": { Store: ["set", "touch"] },
    telegraf: { SessionStore: ["set"] },
};
/** The store a heritage type names: `StorageAdapter`, `session.Store`, `es.Store`. */
function storeOf(type, bindings) {
    const path = (0,ast/* memberPath */.Mb)(type.expression);
    if (!path?.length)
        return undefined;
    const b = bindings.get(path[0]);
    if (!b || !STORES[b.module])
        return undefined;
    const name = path.length === 1 ? b.imported : b.imported === "*" || b.imported === "default" ? path[1] : undefined;
    return name && path.length <= 2 && STORES[b.module][name] ? { module: b.module, name } : undefined;
}
/**
 * "a grammy StorageAdapter" when `node` is in the session-writing method of a class that implements
 * or extends a framework's session store, else undefined.
 */
function sessionStoreAt(ts, sf, node) {
    // The class member that holds the write, and its class.
    let member = node;
    while (member.parent && !ts.isClassLike(member.parent))
        member = member.parent;
    const cls = member.parent;
    if (!cls || !ts.isClassLike(cls) || !ts.isClassElement(member) || !member.name || !ts.isIdentifier(member.name))
        return undefined;
    const method = member.name.text;
    const bindings = (0,ast/* importBindings */.eN)(sf);
    for (const clause of cls.heritageClauses ?? []) {
        for (const type of clause.types) {
            const store = storeOf(type, bindings);
            if (store && STORES[store.module][store.name].includes(method))
                return `a ${store.module} ${store.name}`;
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/analysis/write-helpers.ts



/** The helper a TTL-less write belongs to, if its key is a parameter of a named function. */
function writeHelperOf(write, values) {
    const ts = (0,parse.typescript)();
    const key = write.args[0] && (0,ast/* unwrap */.oA)(write.args[0]);
    if (!key || !ts.isIdentifier(key))
        return undefined;
    const fn = (0,ast/* enclosingFunction */.pG)(write.node);
    if (ts.isSourceFile(fn))
        return undefined;
    const name = functionName(ts, fn);
    if (!name)
        return undefined;
    const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
    const keyIndex = params.indexOf(key.text);
    if (keyIndex < 0)
        return undefined;
    const used = new Set();
    for (const v of values) {
        (0,ast/* walk */.GG)(v, (n) => {
            if (ts.isIdentifier(n))
                used.add(n.text);
        });
    }
    const valueIndexes = params.flatMap((p, i) => (p !== undefined && i !== keyIndex && used.has(p) ? [i] : []));
    return { name, fn, keyIndex, valueIndexes, command: write.command, label: write.label, receiver: write.receiver };
}
/** Calls of the helpers in this file (not from inside the helper itself). */
function helperCalls(sf, helpers) {
    const ts = (0,parse.typescript)();
    const byName = new Map();
    for (const h of helpers)
        if (!byName.has(h.name))
            byName.set(h.name, h);
    const out = [];
    if (!byName.size)
        return out;
    (0,ast/* walk */.GG)(sf, (n) => {
        if (!ts.isCallExpression(n))
            return;
        const callee = (0,ast/* unwrap */.oA)(n.expression);
        const path = (0,ast/* memberPath */.Mb)(callee);
        // `setJson(...)` or `this.setJson(...)` / `store.setJson(...)`; deeper paths are other objects' methods.
        if (!path || path.length > 2)
            return;
        const helper = byName.get(path[path.length - 1]);
        if (!helper)
            return;
        if (n.pos >= helper.fn.pos && n.end <= helper.fn.end)
            return;
        const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
        out.push({ node: n, helper, start: nameNode.getStart(sf) });
    });
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/sensitive-data-without-ttl/write-without-ttl.ts











/** Commands that create a key and take no TTL of their own (set takes one as an option). */
const WRITES = new Set([
    "set",
    "setnx",
    "mset",
    "msetnx",
    "hset",
    "hmset",
    "hsetnx",
    "json.set",
    "lpush",
    "rpush",
    "sadd",
    "zadd",
    "xadd",
]);
/** Arguments before the variadic part or the options of each write: anything after them is not data. */
const FIXED_ARGS = {
    set: 2,
    setnx: 2,
    mset: 1,
    msetnx: 1,
    hset: 2,
    hmset: 2,
    hsetnx: 3,
    "json.set": 3,
    lpush: 1,
    rpush: 1,
    sadd: 1,
    zadd: 1,
    xadd: 3,
};
const VARIADIC = new Set(["lpush", "rpush", "sadd", "zadd"]);
/** Expiry spellings of other clients and frameworks (compared lower-case). */
const FOREIGN_TTL = new Set([
    "ex",
    "px",
    "exat",
    "pxat",
    "keepttl",
    "expire",
    "expires",
    "expiry",
    "expiration",
    "expiresin",
    "expiresat",
    "expireat",
    "ttl",
    "maxage",
    "timeout",
]);
/* harmony default export */ const write_without_ttl = (defineDetector({
    id: "write-without-ttl",
    rule: "upstash/sensitive-data-without-ttl",
    checks: {
        "write-without-ttl": "A sensitive key written to Upstash Redis without an expiry",
        "ttl-option-ignored": "An expiry spelled for another Redis client, which @upstash/redis ignores",
        "ttl-removed": "The expiry of a sensitive key removed with persist() or getex({ persist: true })",
    },
    // Clients are made where @upstash/redis or @vercel/kv is imported, and used where that module is
    // imported (through aliases, barrels and workspace packages). Further away, the facts say where to
    // look: select asks for the modules a client or an expiry helper is imported from, and for the
    // importers of a module that passes a client on.
    keywords: [],
    imports: { packages: ["@upstash/redis", "@vercel/kv"], importers: true },
    fileKinds: ["script", "sfc"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const sf = ctx.sourceFile;
        if (!sf)
            return;
        const ts = (0,parse.typescript)();
        // Most files the keywords let through call Map.set or URLSearchParams.set: a cheap look for
        // commands first, and the client model only where one is called or a client is made.
        const makesClients = /@upstash\/redis|@vercel\/kv/.test(ctx.text);
        if (!makesClients && !hasCommandCall(ts, sf)) {
            const light = new ClientModel(sf, true);
            if (hasReexports(light) || light.exports.length)
                ctx.fact(exportsFact(light.exports, light.table, []));
            return;
        }
        const model = new ClientModel(sf);
        if (!model.relevant) {
            if (hasReexports(model))
                ctx.fact(exportsFact([], model.table, []));
            return;
        }
        const vocab = Vocabulary.fromOptions(ctx.options);
        const constants = fileConstants(sf);
        let index;
        const expiries = () => (index ??= new ExpiryIndex(sf, constants, model));
        const calls = [];
        // Iterative walk over call expressions (deeply nested files must not overflow the stack).
        const stack = [sf];
        while (stack.length) {
            const node = stack.pop();
            node.forEachChild((k) => {
                stack.push(k);
            });
            if (!ts.isCallExpression(node))
                continue;
            const callee = (0,ast/* unwrap */.oA)(node.expression);
            if (!ts.isPropertyAccessExpression(callee))
                continue;
            let command = callee.name.text;
            let recv = callee.expression;
            if (command === "set" &&
                ts.isPropertyAccessExpression((0,ast/* unwrap */.oA)(recv)) &&
                (0,ast/* unwrap */.oA)(recv).name.text === "json") {
                command = "json.set";
                recv = (0,ast/* unwrap */.oA)(recv).expression;
            }
            if (!WRITES.has(command) && command !== "persist" && command !== "hpersist" && command !== "getex")
                continue;
            const receiver = model.receiver(recv);
            if (!receiver)
                continue;
            const label = (0,ast/* memberPath */.Mb)((0,ast/* unwrap */.oA)(recv))?.join(".") ?? (receiver.pipeline ? "pipeline" : "redis");
            calls.push({
                node,
                command,
                label,
                args: node.arguments,
                start: callee.name.getStart(sf),
                end: node.getEnd(),
                receiver,
            });
        }
        calls.sort((a, b) => a.start - b.start);
        const env = { vocab, constants, expiries };
        const emit = (judged, origin, start, end) => {
            const severity = judged.severity ? { severity: judged.severity } : {};
            if (origin.kind === "upstash" && judged.imported.length === 0) {
                ctx.report({
                    check: judged.check,
                    start,
                    end,
                    message: judged.message,
                    confidence: judged.confidence,
                    ...severity,
                });
            }
            else {
                const finding = {
                    check: judged.check,
                    location: ctx.location(start, end),
                    message: judged.message,
                    confidence: judged.confidence,
                    ...severity,
                };
                ctx.fact({ kind: "candidate", client: origin, helpers: judged.imported, finding });
            }
        };
        const writeHelpers = [];
        for (const call of calls) {
            const judged = judgeCall(call, env);
            if (judged)
                emit(judged, call.receiver.origin, call.start, call.end);
            else if (WRITES.has(call.command) && !call.command.startsWith("mset")) {
                const helper = writeHelperOf(call, operands(call).values);
                if (helper && lacksTtl(call, env))
                    writeHelpers.push(helper);
            }
        }
        for (const site of helperCalls(sf, writeHelpers)) {
            const judged = judgeHelperCall(site.node, site.helper, env);
            if (judged)
                emit(judged, site.helper.receiver.origin, site.start, site.node.getEnd());
        }
        // Only a module that exports something can lend a TTL helper to another one.
        const exportsSomething = model.exports.length > 0 || /\bexport\b|module\.exports|exports\./.test(ctx.text);
        const helpers = exportsSomething && /expire(at)?\s*\(/i.test(ctx.text) ? expiries().helpers : [];
        if (model.exports.length || hasReexports(model) || helpers.length)
            ctx.fact(exportsFact(model.exports, model.table, helpers));
    },
    select(ctx) {
        return selectModules(ctx);
    },
    analyzeProject(ctx) {
        judgeProject(ctx);
    },
}));
/** Whether the file calls any command this rule judges (on anything: receivers are resolved later). */
function hasCommandCall(ts, sf) {
    let found = false;
    const stack = [sf];
    while (stack.length && !found) {
        const node = stack.pop();
        if (ts.isCallExpression(node)) {
            const callee = node.expression;
            const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
            // Expire calls too: a module of TTL helpers lends them to the files that import it.
            if (name &&
                (WRITES.has(name) || EXPIRE_COMMANDS.has(name) || name === "persist" || name === "hpersist" || name === "getex"))
                found = true;
        }
        node.forEachChild((k) => {
            stack.push(k);
        });
    }
    return found;
}
function judgeCall(call, env) {
    const ignored = ignoredTtl(call, env);
    if (ignored)
        return ignored;
    if (call.command === "persist" || call.command === "hpersist" || call.command === "getex")
        return removedTtl(call, env);
    return missingTtl(call, env);
}
function describe(s) {
    const label = `"${s.phrase.label}"`;
    if (s.where === "key")
        return `its key mentions ${label}`;
    const same = s.name.toLowerCase().replace(/[^a-z0-9]/g, "") === s.phrase.parts.join("");
    return `its value holds ${label}${same ? "" : ` (${s.name})`}`;
}
function confidenceOf(s) {
    return s.where === "key" && !s.subject && s.phrase.category !== "pii" ? "high" : "medium";
}
/**
 * Sensitivity of a write: its key first, then (unless the key is a counter, limit, flag…) its value.
 * A made-up value (`"mock_access_token_123"`, `"dummy-" + Date.now()`) is no secret whatever the key
 * says: the value's origin counts, not only the key's name.
 */
function sensitivityOf(key, values, env, extraNames = []) {
    if (allPlaceholders(values, env))
        return undefined;
    let kind;
    if (key) {
        const k = keySensitivity(key, env.constants, env.vocab);
        if (k)
            return k;
        kind = keyKind(key, env.constants, env.vocab);
        if (kind === "neutral")
            return undefined;
    }
    return valueSensitivity(values, env.vocab, extraNames, { noPii: kind === "entity", constants: env.constants });
}
function allPlaceholders(values, env) {
    const ts = (0,parse.typescript)();
    return values.length > 0 && values.every((v) => isPlaceholderValue(ts, v, env.constants));
}
/** The key, the values written and extra field names for each write command. */
function operands(call) {
    const [a0, a1, a2] = call.args;
    const fieldName = (e) => (e ? (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(e)) : undefined);
    switch (call.command) {
        case "hsetnx": {
            const f = fieldName(a1);
            return { key: a0, values: a2 ? [a2] : [], names: f ? [f] : [] };
        }
        case "json.set": {
            const path = fieldName(a1);
            return { key: a0, values: a2 ? [a2] : [], names: path ? [path] : [] };
        }
        case "xadd":
            return { key: a0, values: a2 ? [a2] : [], names: [] };
        default:
            return {
                key: a0,
                values: call.args.slice(1, VARIADIC.has(call.command) ? undefined : FIXED_ARGS[call.command]),
                names: [],
            };
    }
}
const FIX_SET = "Pass { ex: seconds } (or px, exat, pxat), or call expire on the key after it in the same function or pipeline.";
const fixOther = (cmd) => cmd === "hset" || cmd === "hmset"
    ? `${cmd} takes no TTL: call expire(key, seconds) after it in the same function or pipeline (or use hsetex with an expiration).`
    : `${cmd} takes no TTL: call expire(key, seconds) after it in the same function or pipeline.`;
function missingTtl(call, env) {
    const ts = (0,parse.typescript)();
    if (call.command === "mset" || call.command === "msetnx") {
        const obj = call.args[0] && (0,ast/* unwrap */.oA)(call.args[0]);
        if (!obj || !ts.isObjectLiteralExpression(obj))
            return undefined;
        for (const p of obj.properties) {
            if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p))
                continue;
            const keyExpr = ts.isComputedPropertyName(p.name) ? p.name.expression : undefined;
            const keyText = keyExpr ? undefined : (0,ast/* propertyNameText */.CC)(p.name);
            const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
            let s;
            if (keyExpr)
                s = sensitivityOf(keyExpr, [value], env);
            else if (keyText !== undefined && !env.vocab.isNeutral(splitWords(keyText)) && !allPlaceholders([value], env)) {
                const noPii = env.vocab.isEntity(splitWords(keyText));
                const k = env.vocab.match(splitWords(keyText), { noPii });
                s = k
                    ? { phrase: k, name: keyText, where: "key" }
                    : valueSensitivity([value], env.vocab, [], { noPii, constants: env.constants });
            }
            if (!s)
                continue;
            const forms = keyExpr ? keyForms(keyExpr, env.constants) : new Set([keyText.replace(/\$\{/g, "$\\{")]);
            const found = env.expiries().findForms(call.node, forms, false);
            if (found.expired)
                continue;
            return {
                check: "write-without-ttl",
                message: `${call.label}.${call.command}() writes a key with no expiry and ${describe(s)}, so Redis keeps it until someone deletes it. ${call.command} takes no TTL: use set with { ex: seconds } per key, or call expire on each key after it.`,
                confidence: confidenceOf(s),
                imported: found.imported,
            };
        }
        return undefined;
    }
    const { key, values, names } = operands(call);
    if (!key)
        return undefined;
    if (call.command === "set" && optionsSetTtl(call.args[2], env.constants))
        return undefined;
    const s = sensitivityOf(key, values, env, names) ?? sessionStoreWrite(call, key, env);
    if (!s)
        return undefined;
    // SET clears any TTL the key had, so only a later expire counts; other writes keep an existing one.
    const found = env.expiries().find(call.node, key, call.command === "set" || call.command === "setnx");
    if (found.expired)
        return undefined;
    return {
        check: "write-without-ttl",
        message: `${call.label}.${call.command}() writes a key with no expiry and ${describe(s)}, so Redis keeps it until someone deletes it. ${call.command === "set" ? FIX_SET : fixOther(call.command)}`,
        confidence: confidenceOf(s),
        imported: found.imported,
    };
}
/** The write method of a framework's session store: its value is a session whatever it is called. */
function sessionStoreWrite(call, key, env) {
    const ts = (0,parse.typescript)();
    if (keyKind(key, env.constants, env.vocab) === "neutral")
        return undefined;
    const store = sessionStoreAt(ts, call.node.getSourceFile(), call.node);
    const phrase = store ? env.vocab.match(["session"]) : undefined;
    return store && phrase ? { phrase, name: `written by ${store}`, where: "value" } : undefined;
}
/** A write that leaves its key without a TTL in its own function: no TTL option, no expire after it. */
function lacksTtl(call, env) {
    const key = call.args[0];
    if (!key)
        return false;
    if (call.command === "set" && optionsSetTtl(call.args[2], env.constants))
        return false;
    const found = env.expiries().find(call.node, key, call.command === "set" || call.command === "setnx");
    return !found.expired && found.imported.length === 0;
}
/** A call of a generic write helper with a sensitive key or value. */
function judgeHelperCall(node, helper, env) {
    const key = node.arguments[helper.keyIndex];
    if (!key)
        return undefined;
    const values = helper.valueIndexes.map((i) => node.arguments[i]).filter((a) => a !== undefined);
    const s = sensitivityOf(key, values, env);
    if (!s)
        return undefined;
    const found = env.expiries().find(node, key, helper.command === "set" || helper.command === "setnx");
    if (found.expired)
        return undefined;
    return {
        check: "write-without-ttl",
        message: `${helper.name}() writes its key with ${helper.label}.${helper.command}() and no expiry, and ${describe(s)}, so Redis keeps it until someone deletes it. Give the helper a TTL (${helper.command === "set" ? "{ ex: seconds }" : "an expire after the write"}) or call expire on the key after this call.`,
        confidence: confidenceOf(s),
        imported: found.imported,
    };
}
/** `{ EX: 60 }`, `{ expire: 60 }`, `"EX", 60` on an Upstash write: the key gets no expiry. */
function ignoredTtl(call, env) {
    const ts = (0,parse.typescript)();
    if (!WRITES.has(call.command))
        return undefined;
    const fixed = FIXED_ARGS[call.command];
    const { key, values, names } = operands(call);
    const sensitivity = () => key
        ? sensitivityOf(key, values.filter((v) => !isForeignTtlObject(ts, v, env.constants, call.command === "set")), env, names)
        : undefined;
    const finish = (what, consequence, fix) => {
        const s = sensitivity();
        return {
            check: "ttl-option-ignored",
            message: `${call.label}.${call.command}() ${what}: ${consequence}${s ? ` (${describe(s)})` : ""}. ${fix}`,
            confidence: "high",
            ...(s ? {} : { severity: "low" }),
            imported: [],
        };
    };
    // Positional "EX", 60 (node-redis v3 / ioredis style).
    for (let i = fixed; i < call.args.length - 1; i++) {
        const word = (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(call.args[i]));
        if (word === undefined || !/^(ex|px|exat|pxat)$/i.test(word))
            continue;
        if (VARIADIC.has(call.command) && i !== call.args.length - 2)
            continue;
        const shown = `"${word}", ${call.args[i + 1].getText().slice(0, 30)}`;
        if (call.command === "set") {
            return finish(`passes ${shown} as separate arguments, the ioredis spelling`, "@upstash/redis takes a single options object and throws a TypeError on a string there, so this write fails instead of expiring", `Write { ${word.toLowerCase()}: ${call.args[i + 1].getText().slice(0, 30)} }.`);
        }
        return finish(`passes ${shown} as arguments`, `${call.command} takes no TTL, so they are ignored or stored as data and the key never expires`, "Call expire(key, seconds) after it in the same function or pipeline.");
    }
    // An options object with a foreign spelling.
    for (let i = fixed; i < call.args.length; i++) {
        const arg = (0,ast/* unwrap */.oA)(call.args[i]);
        let obj = arg;
        if (ts.isIdentifier(obj) && env.constants.get(obj))
            obj = (0,ast/* unwrap */.oA)(env.constants.get(obj));
        if (!ts.isObjectLiteralExpression(obj))
            continue;
        const props = obj.properties.map((p) => (ts.isSpreadAssignment(p) ? undefined : (0,ast/* propertyNameText */.CC)(p.name)));
        if (props.includes(undefined))
            continue;
        const names = props;
        if (call.command === "set") {
            if (i !== 2 || names.some((n) => TTL_OPTIONS.has(n)))
                continue;
            const foreign = names.find((n) => FOREIGN_TTL.has(n.toLowerCase()));
            if (!foreign)
                continue;
            const right = ["EX", "PX", "EXAT", "PXAT"].includes(foreign.toUpperCase())
                ? foreign.toLowerCase()
                : foreign.toUpperCase() === "KEEPTTL"
                    ? "keepTtl"
                    : "ex";
            return finish(`passes { ${foreign}: … }, a spelling @upstash/redis does not read (it reads ex, px, exat, pxat and keepTtl)`, "the option is ignored and the key never expires", `Write { ${right}: … }${right === "ex" && foreign.toLowerCase() !== "ex" ? " (seconds)" : ""}.`);
        }
        const last = i === call.args.length - 1;
        if (!last && VARIADIC.has(call.command))
            continue;
        if (names.length === 0 || !names.every((n) => FOREIGN_TTL.has(n.toLowerCase()) || n === "nx" || n === "xx"))
            continue;
        if (!names.some((n) => FOREIGN_TTL.has(n.toLowerCase())))
            continue;
        return finish(`passes an expiry option ({ ${names.join(", ")} }) that ${call.command} does not have`, `${call.command} takes no TTL, so it is ignored${VARIADIC.has(call.command) ? " (or stored as a member)" : ""} and the key never expires`, "Call expire(key, seconds) after it in the same function or pipeline.");
    }
    return undefined;
}
function isForeignTtlObject(ts, e, constants, isSet) {
    let o = (0,ast/* unwrap */.oA)(e);
    if (ts.isIdentifier(o) && constants.get(o))
        o = (0,ast/* unwrap */.oA)(constants.get(o));
    if (!ts.isObjectLiteralExpression(o))
        return false;
    return (o.properties.length > 0 &&
        o.properties.every((p) => !ts.isSpreadAssignment(p) && FOREIGN_TTL.has(((0,ast/* propertyNameText */.CC)(p.name) ?? "").toLowerCase())) &&
        !isSet);
}
/** persist() / hpersist() / getex(key, { persist: true }) on a sensitive key. */
function removedTtl(call, env) {
    const ts = (0,parse.typescript)();
    const key = call.args[0];
    if (!key)
        return undefined;
    if (call.command === "getex") {
        const opts = call.args[1] && (0,ast/* unwrap */.oA)(call.args[1]);
        if (!opts || !ts.isObjectLiteralExpression(opts))
            return undefined;
        const persist = opts.properties.find((p) => ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === "persist");
        if (!persist || !ts.isPropertyAssignment(persist) || persist.initializer.kind === ts.SyntaxKind.FalseKeyword)
            return undefined;
    }
    const s = keySensitivity(key, env.constants, env.vocab);
    if (!s)
        return undefined;
    const how = call.command === "getex" ? "getex(…, { persist: true })" : `${call.command}()`;
    return {
        check: "ttl-removed",
        message: `${call.label}.${how} removes the expiry of a sensitive key (${describe(s)}), so Redis now keeps it forever. Keep the TTL, or give it a new one with expire.`,
        confidence: confidenceOf(s),
        imported: [],
    };
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/vocabulary.ts
/**
 * The words rule 3 judges code by: calls that change nothing outside the request, verbs that do,
 * names of environment switches, of the signature header and of other credentials, session lookups
 * and queue-named route segments. Each table has examples it must and must not match in
 * test/qstash-vocabulary.test.ts.
 */
/** Modules whose `verifySignature*` / `serve` verify QStash signatures. */
const QSTASH_MODULE = /^@upstash\/qstash(\/.*)?$/;
/** The packages whose importers (and their importers) the rule's detectors parse. */
const QSTASH_PACKAGES = ["@upstash/qstash", "@upstash/workflow"];
const WORKFLOW_MODULE = /^@upstash\/workflow(\/.*)?$/;
const SERVE_NAMES = new Set([
    "serve",
    "serveMany",
    "createWorkflow",
    "servePagesRouter",
    "serveManyPagesRouter",
]);
/** Calls that never change anything outside the request (reading, parsing, building responses). */
const SAFE_ROOTS = new Set([
    "console",
    "JSON",
    "Math",
    "Object",
    "Array",
    "Number",
    "String",
    "Boolean",
    "Buffer",
    "Date",
    "URL",
    "URLSearchParams",
    "crypto",
    "Intl",
    "Reflect",
    "Symbol",
    "NextResponse",
    "Response",
    "Headers",
    "TextEncoder",
    "TextDecoder",
    "performance",
    "z",
    "jose",
    "jwt",
    "v",
    "Promise",
    "Error",
    "BigInt",
    "atob",
    "btoa",
    "structuredClone",
    "encodeURIComponent",
    "decodeURIComponent",
    "parseInt",
    "parseFloat",
    "isNaN",
    "require",
    "logger",
    "log",
    "Sentry",
    "res",
    "response",
    "reply",
    "setTimeout",
]);
const SAFE_NAMES = new Set([
    "json",
    "text",
    "arrayBuffer",
    "formData",
    "blob",
    "clone",
    "get",
    "has",
    "header",
    "headers",
    "getHeader",
    "getHeaders",
    "getRequestHeader",
    "getRequestHeaders",
    "readBody",
    "readRawBody",
    "getRawBody",
    "rawBody",
    "buffer",
    "toString",
    "parse",
    "safeParse",
    "parseAsync",
    "safeParseAsync",
    "stringify",
    "split",
    "trim",
    "slice",
    "substring",
    "replace",
    "toLowerCase",
    "toUpperCase",
    "startsWith",
    "endsWith",
    "includes",
    "indexOf",
    "map",
    "filter",
    "find",
    "some",
    "every",
    "reduce",
    "forEach",
    "keys",
    "values",
    "entries",
    "from",
    "concat",
    "join",
    "encode",
    "decode",
    "digest",
    "update",
    "createHmac",
    "createHash",
    "timingSafeEqual",
    "error",
    "warn",
    "info",
    "debug",
    "trace",
    "redirect",
    "notFound",
    "next",
    "status",
    "sendStatus",
    "setHeader",
    "writeHead",
    "end",
    "createError",
    "sendError",
    "setResponseStatus",
    "defineEventHandler",
    "eventHandler",
    "Response",
    "assign",
    "freeze",
    "isArray",
    "now",
    "toISOString",
    "getTime",
    "catch",
    "then",
    "finally",
    "all",
    "allSettled",
    "resolve",
    "reject",
    "newResponse",
    "body",
    "html",
    "getQuery",
    "getRouterParam",
    "getRouterParams",
    "useRuntimeConfig",
    "getMethod",
    "isMethod",
    "assertMethod",
    "getRequestURL",
    "toJSON",
    "verify",
    "jwtVerify",
]);
/** Names that change state somewhere (a write, a message, a payment, a job). */
const EFFECT_VERB = /^(insert|update|upsert|delete|del|remove|destroy|create|save|store|send|publish|enqueue|charge|refund|transfer|pay|write|set|hset|incr|decr|push|lpush|rpush|sadd|zadd|expire|put|post|patch|execute|exec|run|process|handle|trigger|dispatch|emit|notify|email|mail|invoke|call|fetch|revalidate|mutate|add|append|grant|revoke|cancel|approve|provision|deploy|generate|sync|import|export|upload|commit|increment|decrement|mark|record|track|log[A-Z]|schedule|start|stop|reset|credit|debit|subscribe|unsubscribe|invite|register)/i;
/** Awaited calls that read rather than write. */
const READ_NAME = /^(get|find|read|load|list|select|query|parse|validate|check|verify|is|has|compute|hash|decode|decrypt|lookup|resolve|count|exists|search|retrieve|fetchRaw|auth$|currentUser|getServerSession|headers$|cookies$|json$|text$|formData$|arrayBuffer$|blob$|buffer$|rawBody$|getRawBody$|sleep|wait|delay|import$|use)/i;
/** Identifiers that are environment flags or custom switches for verification. */
const ENV_FLAG = /^(is_?)?(dev|development|prod|production|local|localhost|test|testing|preview|staging|vercel|netlify|ci|emulator|offline)(_?env|_?mode)?$|^(skip|disable|bypass|insecure|no|ignore)_?(qstash|upstash|signature|sig|verif|verification|verify|auth|check|signing)|^(verify|verification|signature|qstash)_?(enabled|disabled|required|on|off|check)$|^(enable|should|must|require)_?(verif|verify|signature|qstash)|^node_?env$|^environment$|^env$|^app_?env$|^mode$/i;
const HEADER_NAME = /^(upstash[_-]?)?(signature|sig|qstash[_-]?signature|signature[_-]?header)$/i;
const AUTH_TEXT = /secret|api[_-]?key|apikey|token|password|bearer|authori[sz]ation|hmac|digest|expected|signature/i;
const AUTH_CALL = /timingSafeEqual|safeCompare|secureCompare|constantTime|isAuthori[sz]ed|authenticate|(valid|verify|check)\w*(key|token|secret|cron|bearer|auth)/i;
const SIGNING = /signing_?key|signingkey|upstash-signature|qstash_(current|next)/i;
/** Containers of plain data: calling their methods changes nothing outside the function. */
const DATA_CLASS = /^(Map|Set|Array|WeakMap|WeakSet|URLSearchParams|Headers|FormData|TextEncoder|TextDecoder)$/;
/** Calls that look up a signed-in user (next-auth, Clerk, Supabase, Lucia, …): a user-facing route. */
const SESSION_CALL = /^(getServerSession|getSession|auth|currentUser|getUser|getAuth|requireUser|requireAuth|requireSession|validateRequest|getCurrentUser|getKindeServerSession|withAuth|withSession|withUser)$/;
/** Imports that only a receiver needs (a publisher imports Client). */
const RECEIVING_NAMES = /^(Receiver|verifySignature\w*|serve|serveMany|createWorkflow|servePagesRouter|serveManyPagesRouter)$/;

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/dev-mode-receiver.ts




const CHECK = "dev-mode-receiver";
const TRUTHY = /^\s*["']?(true|1)["']?\s*$/i;
/** Files that configure local development, where dev mode belongs (test code is skipped too). */
const DEV_FILE = /(^|\/)(\.env\.(development|dev|local|test|testing|e2e|ci)(\..*)?|\.env\.[\w.-]*\.local|\.dev\.vars(\..*)?|docker-compose[\w.-]*\.ya?ml)$|(^|\/)scripts\//i;
function reportEnv(ctx, start, end, where, confidence) {
    ctx.report({
        check: CHECK,
        start,
        end,
        confidence,
        message: `QSTASH_DEV is switched on in ${where}: the QStash SDK then verifies signatures against the local dev server's signing keys, which are public, so anyone can sign a message this deployment accepts. Set QSTASH_DEV only in local development files (.env.development, .env.local) and configure QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY here.`,
    });
}
/* harmony default export */ const dev_mode_receiver = (defineDetector({
    id: "dev-mode-receiver",
    rule: "upstash/qstash-webhook-spoofing",
    checks: {
        "dev-mode-receiver": "A Receiver or verification helper in dev mode (devMode: true, QSTASH_DEV=true) outside development",
    },
    keywords: ["devmode", "qstash_dev"],
    fileKinds: ["script", "env", "dockerfile", "toml"],
    needs: { ast: true },
    skipTests: true,
    skipPaths: [DEV_FILE],
    analyzeFile(ctx) {
        if (ctx.kind === "env") {
            if (/\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./i.test(ctx.path) || ctx.gitIgnored)
                return;
            for (const e of (0,env_file/* parseEnvFile */.F)(ctx.text)) {
                if (e.name !== "QSTASH_DEV" || !TRUTHY.test(e.value))
                    continue;
                const production = /\.env\.(prod|production|staging|preview)/i.test(ctx.path);
                reportEnv(ctx, e.nameStart, e.valueEnd, `${ctx.path.split("/").pop()}, which is committed to the repository`, production ? "high" : "medium");
            }
            return;
        }
        if (ctx.kind === "dockerfile") {
            const re = /^[ \t]*(?:ENV|ARG)[ \t]+(?:.*[ \t])?(QSTASH_DEV)(?:=|[ \t]+)["']?(true|1)\b/gim;
            for (let m = re.exec(ctx.text); m; m = re.exec(ctx.text)) {
                const start = m.index + m[0].indexOf("QSTASH_DEV");
                reportEnv(ctx, start, m.index + m[0].length, "the Docker image", "medium");
            }
            return;
        }
        if (ctx.kind === "toml") {
            let section = "";
            let offset = 0;
            for (const line of ctx.text.split("\n")) {
                const h = /^\s*\[+([^\]]+)\]+/.exec(line);
                if (h)
                    section = h[1];
                const m = /^\s*(QSTASH_DEV)\s*=\s*["']?(true|1)\b/i.exec(line);
                if (m && !/\b(dev|development|local|test)\b/i.test(section)) {
                    const start = offset + line.indexOf(m[1]);
                    reportEnv(ctx, start, offset + line.length, `the deployed configuration${section ? ` [${section}]` : ""}`, "medium");
                }
                offset += line.length + 1;
            }
            return;
        }
        const sf = ctx.sourceFile;
        const ts = ctx.ts;
        if (!sf || !ts)
            return;
        const imports = (0,ast/* importBindings */.eN)(sf);
        const isReceiverConfig = (obj) => {
            let p = obj.parent;
            while (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))
                p = p.parent;
            if (ts.isNewExpression(p) && (0,ast/* memberPath */.Mb)(p.expression)?.slice(-1)[0] === "Receiver")
                return "new Receiver()";
            if (ts.isCallExpression(p)) {
                const callee = (0,ast/* unwrap */.oA)(p.expression);
                const name = ts.isIdentifier(callee)
                    ? callee.text
                    : ts.isPropertyAccessExpression(callee)
                        ? callee.name.text
                        : "";
                const b = ts.isIdentifier(callee) ? imports.get(name) : undefined;
                const imported = b?.imported ?? name;
                if (/^verifySignature/.test(imported) && (!b || QSTASH_MODULE.test(b.module)))
                    return `${imported}()`;
            }
            return undefined;
        };
        (0,ast/* walk */.GG)(sf, (n) => {
            if (ts.isPropertyAssignment(n) && (0,ast/* propertyNameText */.CC)(n.name) === "devMode") {
                const v = (0,ast/* unwrap */.oA)(n.initializer);
                const on = v.kind === ts.SyntaxKind.TrueKeyword || ((0,ast/* stringValue */.r$)(v) !== undefined && TRUTHY.test((0,ast/* stringValue */.r$)(v)));
                const owner = ts.isObjectLiteralExpression(n.parent) ? isReceiverConfig(n.parent) : undefined;
                if (on && owner) {
                    ctx.report({
                        check: CHECK,
                        start: n.getStart(sf),
                        end: n.getEnd(),
                        confidence: "high",
                        message: `${owner} is created with devMode: true: it accepts messages signed with the QStash dev server's public signing keys, so anyone can forge a message that passes. Remove devMode (or set it from an explicit local-development check) and configure QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY.`,
                    });
                }
            }
            if (ts.isBinaryExpression(n) &&
                n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
                (0,ast/* memberPath */.Mb)(n.left)?.join(".") === "process.env.QSTASH_DEV") {
                const v = (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(n.right));
                if ((v !== undefined && TRUTHY.test(v)) || (0,ast/* unwrap */.oA)(n.right).kind === ts.SyntaxKind.TrueKeyword) {
                    ctx.report({
                        check: CHECK,
                        start: n.getStart(sf),
                        end: n.getEnd(),
                        confidence: "high",
                        message: `Setting process.env.QSTASH_DEV turns on the QStash SDK's dev mode for every Receiver in the process: signatures are checked against the dev server's public keys, so forged messages pass. Only enable it in local development.`,
                    });
                }
            }
            return undefined;
        });
    },
}));

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/syntax.ts


function isFunctionNode(ts, n) {
    return ts.isArrowFunction(n) || ts.isFunctionExpression(n);
}
function isFunctionLike(ts, n) {
    return (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n));
}
function bindingNames(ts, n) {
    if (ts.isIdentifier(n))
        return [n.text];
    const out = [];
    for (const el of n.elements)
        if (!ts.isOmittedExpression(el))
            out.push(...bindingNames(ts, el.name));
    return out;
}
/** A function declared (or bound to a `const`) directly in a block. */
function findLocalFunction(ts, body, name) {
    for (const st of body.statements) {
        if (ts.isFunctionDeclaration(st) && st.name?.text === name)
            return st;
        if (!ts.isVariableStatement(st))
            continue;
        for (const d of st.declarationList.declarations) {
            if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer && isFunctionNode(ts, (0,ast/* unwrap */.oA)(d.initializer)))
                return (0,ast/* unwrap */.oA)(d.initializer);
        }
    }
    return undefined;
}
/** Variables of a function initialised with literals or plain data structures. */
function dataVariables(ts, fn) {
    const out = new Set();
    if (!fn.body)
        return out;
    const plain = (init) => ts.isArrayLiteralExpression(init) ||
        ts.isObjectLiteralExpression(init) ||
        ts.isStringLiteral(init) ||
        ts.isTemplateExpression(init) ||
        (ts.isNewExpression(init) && DATA_CLASS.test((0,ast/* memberPath */.Mb)(init.expression)?.join(".") ?? ""));
    (0,ast/* walk */.GG)(fn.body, (n) => {
        if (n !== fn.body && isFunctionNode(ts, n))
            return false;
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && plain((0,ast/* unwrap */.oA)(n.initializer)))
            out.add(n.name.text);
        return undefined;
    });
    return out;
}
function isFalsy(ts, e) {
    const x = (0,ast/* unwrap */.oA)(e);
    return (x.kind === ts.SyntaxKind.FalseKeyword ||
        x.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(x) && x.text === "undefined") ||
        (ts.isNumericLiteral(x) && x.text === "0") ||
        (ts.isStringLiteral(x) && x.text === ""));
}
function isNullish(ts, e) {
    return (e.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(e) && e.text === "undefined") || ts.isVoidExpression(e));
}
function isLiteralish(ts, e) {
    const x = (0,ast/* unwrap */.oA)(e);
    return (ts.isStringLiteral(x) ||
        ts.isNumericLiteral(x) ||
        ts.isNoSubstitutionTemplateLiteral(x) ||
        x.kind === ts.SyntaxKind.NullKeyword ||
        x.kind === ts.SyntaxKind.TrueKeyword ||
        x.kind === ts.SyntaxKind.FalseKeyword ||
        (ts.isIdentifier(x) && x.text === "undefined") ||
        ts.isTypeOfExpression(x));
}
function throwsIn(ts, n) {
    if (!n)
        return false;
    let found = false;
    (0,ast/* walk */.GG)(n, (k) => {
        if (found)
            return false;
        if (ts.isThrowStatement(k))
            found = true;
        return undefined;
    });
    return found;
}
/** `!x` → true, `x` / `await x` / `x()` → false, `x === false` → true, else null. */
function negation(ts, e, depth = 0) {
    const x = (0,ast/* unwrap */.oA)(e);
    if (depth > 20)
        return null;
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
        const inner = negation(ts, x.operand, depth + 1);
        return inner === null ? null : !inner;
    }
    if (ts.isIdentifier(x) || ts.isCallExpression(x) || ts.isAwaitExpression(x) || ts.isPropertyAccessExpression(x))
        return false;
    if (!ts.isBinaryExpression(x))
        return null;
    const op = x.operatorToken.kind;
    const lit = (0,ast/* unwrap */.oA)(x.right);
    const isTrue = lit.kind === ts.SyntaxKind.TrueKeyword;
    const isFalse = lit.kind === ts.SyntaxKind.FalseKeyword ||
        lit.kind === ts.SyntaxKind.NullKeyword ||
        (ts.isIdentifier(lit) && lit.text === "undefined");
    if (!isTrue && !isFalse)
        return null;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken)
        return isFalse;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken)
        return isTrue;
    return null;
}
/** The leftmost identifier of `a.b(…).c[…]`. */
function rootIdentifier(ts, n) {
    let cur = n;
    for (;;) {
        if (ts.isIdentifier(cur))
            return cur.text;
        if (ts.isPropertyAccessExpression(cur) ||
            ts.isElementAccessExpression(cur) ||
            ts.isCallExpression(cur) ||
            ts.isNonNullExpression(cur) ||
            ts.isParenthesizedExpression(cur) ||
            ts.isAsExpression(cur) ||
            ts.isAwaitExpression(cur)) {
            cur = cur.expression;
        }
        else if (cur.kind === ts.SyntaxKind.ThisKeyword)
            return "this";
        else
            return undefined;
    }
}
function calleeName(ts, callee) {
    const c = ts.isParenthesizedExpression(callee) || ts.isNonNullExpression(callee) ? callee.expression : callee;
    if (ts.isIdentifier(c))
        return c.text;
    if (ts.isPropertyAccessExpression(c))
        return c.name.text;
    if (ts.isElementAccessExpression(c))
        return (0,ast/* stringValue */.r$)(c.argumentExpression);
    return undefined;
}
/** `a.b.c` of a callee, for messages: at most three names. */
function shortCallee(ts, callee) {
    const parts = [];
    let cur = callee;
    while (parts.length < 3) {
        if (ts.isPropertyAccessExpression(cur)) {
            parts.unshift(cur.name.text);
            cur = cur.expression;
        }
        else if (ts.isCallExpression(cur) ||
            ts.isNonNullExpression(cur) ||
            ts.isParenthesizedExpression(cur) ||
            ts.isAwaitExpression(cur)) {
            cur = cur.expression;
        }
        else if (ts.isIdentifier(cur)) {
            parts.unshift(cur.text);
            break;
        }
        else
            break;
    }
    return parts.join(".") || "a call";
}
/** `import("m")`: loading a module is no side effect, and `await import()` binds what it loads. */
function isDynamicImport(ts, e) {
    return ts.isCallExpression(e) && e.expression.kind === ts.SyntaxKind.ImportKeyword;
}
/** The nearest enclosing function of a node. */
function enclosingFunctionNode(ts, n) {
    for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent)
        if (isFunctionLike(ts, p))
            return p;
    return undefined;
}
function property(ts, o, name) {
    for (const p of o.properties) {
        if (ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === name)
            return p.initializer;
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === name)
            return p.name;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/conditions.ts



/** Where environment variables are read from: `process.env.X`, `import.meta.env.X`, `env.X`, … */
const ENV_OBJECT = /^(process\.env|import\.meta\.env|Bun\.env|Deno\.env|env)(\.|$)|\.env\./;
/** SvelteKit's environment modules: `dev`, `building`, `$env/…` values. */
const ENV_MODULE = /^(\$app\/environment|\$env\/.*)$/;
/** Classify a condition. `ids`: candidate verification calls evaluated inside it. */
function classify(s, e, ids) {
    const { ts } = s;
    const r = { env: false, header: false, method: false, refs: new Set() };
    (0,ast/* walk */.GG)(e, (n) => {
        if (isFunctionNode(ts, n))
            return false;
        if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-signature$/i.test(n.text))
            r.header = true;
        if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n))
            readsMember(ts, n, r);
        if (ts.isIdentifier(n))
            readsIdentifier(s, n, r);
        return undefined;
    });
    const cat = r.env ? "env" : r.header ? "header" : r.method ? "method" : "other";
    const words = cat === "env" ? envWords(s, e) : undefined;
    const at = s.loc(e.getStart(s.sf), e.getEnd());
    return {
        cat,
        at,
        refs: [...r.refs],
        calls: ids,
        negated: negation(ts, e),
        auth: authOf(s, e),
        text: e.getText(s.sf),
        ...(words ? { holds: words.holds, fails: words.fails } : {}),
    };
}
function readsMember(ts, n, r) {
    const p = (0,ast/* memberPath */.Mb)(n);
    if (!p)
        return;
    if (ENV_OBJECT.test(p.join(".")))
        r.env = true;
    const last = p[p.length - 1];
    if (last === "method")
        r.method = true;
    if (ENV_FLAG.test(last) && !(ts.isCallExpression(n.parent) && n.parent.expression === n))
        r.env = true;
}
function readsIdentifier(s, n, r) {
    const { ts } = s;
    const p = n.parent;
    const isProp = p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n));
    const isCallee = p && ts.isCallExpression(p) && p.expression === n;
    if (isCallee && /^(getMethod|isMethod)$/.test(n.text))
        r.method = true;
    if (isProp || isCallee)
        return;
    r.refs.add(n.text);
    const cat = s.varCats.get(n.text);
    if (cat === "env" || ENV_FLAG.test(n.text) || envImport(s, n.text))
        r.env = true;
    if (cat === "header" || HEADER_NAME.test(n.text))
        r.header = true;
    if (cat === "method")
        r.method = true;
}
function envImport(s, name) {
    const b = s.imports.get(name);
    return Boolean(b && ENV_MODULE.test(b.module));
}
/** Does the condition check another credential, and which way round? */
function authOf(s, e, depth = 0) {
    const { ts } = s;
    if (depth > 20)
        return null;
    const x = (0,ast/* unwrap */.oA)(e);
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
        const inner = authOf(s, x.operand, depth + 1);
        return inner === "pos" ? "neg" : inner === "neg" ? "pos" : null;
    }
    if (ts.isAwaitExpression(x))
        return authOf(s, x.expression, depth + 1);
    if (ts.isCallExpression(x)) {
        const name = calleeName(ts, (0,ast/* unwrap */.oA)(x.expression));
        return name && AUTH_CALL.test(name) ? "pos" : null;
    }
    return ts.isBinaryExpression(x) ? authOfBinary(s, x, depth) : null;
}
function authOfBinary(s, x, depth) {
    const { ts } = s;
    const k = ts.SyntaxKind;
    const op = x.operatorToken.kind;
    const eq = op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken;
    const ne = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
    if (eq || ne) {
        if (isLiteralish(ts, x.left) || isLiteralish(ts, x.right))
            return null;
        const text = x.getText(s.sf);
        if (!AUTH_TEXT.test(text) || /NODE_ENV|VERCEL_ENV/.test(text))
            return null;
        return eq ? "pos" : "neg";
    }
    if (op !== k.BarBarToken && op !== k.AmpersandAmpersandToken)
        return null;
    // `key && key === SECRET` is authorised only when the comparison holds; `!key || key !== SECRET`
    // fails when either side does.
    const a = authOf(s, x.left, depth + 1);
    const b = authOf(s, x.right, depth + 1);
    const want = op === k.BarBarToken ? "neg" : "pos";
    const other = want === "neg" ? "pos" : "neg";
    return (a === want || b === want) && a !== other && b !== other ? want : null;
}
/** Category of what a variable's initialiser reads (for flags such as `const isDev = …`). */
function categoryOf(ts, init, imports, known) {
    const r = { env: false, header: false, method: false };
    (0,ast/* walk */.GG)(init, (n) => {
        if (isFunctionNode(ts, n))
            return false;
        if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-signature$/i.test(n.text))
            r.header = true;
        if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
            const p = (0,ast/* memberPath */.Mb)(n);
            if (p && /^(process\.env|import\.meta\.env|Bun\.env|Deno\.env)(\.|$)/.test(p.join(".")))
                r.env = true;
            if (p && p[p.length - 1] === "method")
                r.method = true;
        }
        if (ts.isIdentifier(n)) {
            const c = known.get(n.text);
            if (c === "env")
                r.env = true;
            if (c === "header")
                r.header = true;
            const b = imports.get(n.text);
            if (b && ENV_MODULE.test(b.module))
                r.env = true;
        }
        return undefined;
    });
    return r.env ? "env" : r.header ? "header" : r.method ? "method" : "other";
}
/** Flags whose meaning is known: [holds, fails]. */
const KNOWN_FLAGS = {
    "$app/environment.dev": ["SvelteKit runs in dev mode (`vite dev`)", "the app runs a production build"],
    "$app/environment.building": ["SvelteKit is prerendering", "the app is serving requests"],
    "import.meta.env.DEV": ["the app runs on the Vite dev server", "the app runs a production build"],
    "import.meta.env.PROD": ["the app runs a production build", "the app runs on the Vite dev server"],
};
/**
 * An environment condition in words, both ways round; undefined parts fall back to the source text.
 * `process.env.NODE_ENV === "production"` → holds `NODE_ENV is "production"`, fails `NODE_ENV is not
 * "production"`; `!process.env.QSTASH_CURRENT_SIGNING_KEY` → holds `QSTASH_CURRENT_SIGNING_KEY is not
 * set`.
 */
function envWords(s, e, depth = 0) {
    const { ts } = s;
    const x = (0,ast/* unwrap */.oA)(e);
    const quoted = "`" + x.getText(s.sf).replace(/\s+/g, " ").slice(0, 60) + "`";
    const fallback = { holds: `${quoted} holds`, fails: `${quoted} does not hold` };
    if (depth > 8)
        return fallback;
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
        const inner = envWords(s, x.operand, depth + 1);
        return { holds: inner.fails, fails: inner.holds };
    }
    if (ts.isBinaryExpression(x))
        return binaryWords(s, x, depth) ?? fallback;
    const flag = flagName(s, x);
    if (flag && KNOWN_FLAGS[flag])
        return { holds: KNOWN_FLAGS[flag][0], fails: KNOWN_FLAGS[flag][1] };
    const name = envVariable(s, x);
    if (name)
        return { holds: `${name} is set`, fails: `${name} is not set` };
    if (ts.isIdentifier(x))
        return { holds: `\`${x.text}\` is true`, fails: `\`${x.text}\` is false` };
    return fallback;
}
function binaryWords(s, x, depth) {
    const { ts } = s;
    const k = ts.SyntaxKind;
    const op = x.operatorToken.kind;
    if (op === k.AmpersandAmpersandToken || op === k.BarBarToken) {
        const a = envWords(s, x.left, depth + 1);
        const b = envWords(s, x.right, depth + 1);
        return op === k.AmpersandAmpersandToken
            ? { holds: `${a.holds} and ${b.holds}`, fails: `${a.fails} or ${b.fails}` }
            : { holds: `${a.holds} or ${b.holds}`, fails: `${a.fails} and ${b.fails}` };
    }
    const eq = op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken;
    const ne = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
    if (!eq && !ne)
        return undefined;
    const [side, lit] = (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(x.right)) !== undefined ? [x.left, (0,ast/* unwrap */.oA)(x.right)] : [x.right, (0,ast/* unwrap */.oA)(x.left)];
    const value = (0,ast/* stringValue */.r$)(lit);
    const subject = (0,ast/* unwrap */.oA)(side);
    const name = envVariable(s, subject) ?? (ts.isIdentifier(subject) ? subject.text : undefined);
    if (value === undefined || !name)
        return undefined;
    const is = `${name} is "${value}"`;
    const isNot = `${name} is not "${value}"`;
    return eq ? { holds: is, fails: isNot } : { holds: isNot, fails: is };
}
/** `module.name` of an imported flag, or the member path of `import.meta.env.DEV`. */
function flagName(s, x) {
    if (s.ts.isIdentifier(x)) {
        const b = s.imports.get(x.text);
        return b ? `${b.module}.${b.imported}` : undefined;
    }
    return (0,ast/* memberPath */.Mb)(x)?.join(".");
}
/** The variable name of `process.env.X`, `env.X`, `import.meta.env.X`, `Deno.env.get("X")`, an `$env` import. */
function envVariable(s, x) {
    const { ts } = s;
    if (ts.isCallExpression(x) && (0,ast/* memberPath */.Mb)(x.expression)?.join(".") === "Deno.env.get")
        return (0,ast/* stringValue */.r$)(x.arguments[0]);
    if (ts.isIdentifier(x)) {
        const b = s.imports.get(x.text);
        return b && /^\$env\//.test(b.module) ? b.imported : undefined;
    }
    const p = (0,ast/* memberPath */.Mb)(x);
    if (!p || p.length < 2 || !ENV_OBJECT.test(p.join(".")))
        return undefined;
    return p[p.length - 1];
}
// ---- the value of an environment test in production ----
/** Environment variables whose value in a production deployment is known. */
const PRODUCTION_VALUES = {
    NODE_ENV: "production",
    VERCEL_ENV: "production",
    NEXT_PUBLIC_VERCEL_ENV: "production",
    VERCEL: "1",
    CONTEXT: "production",
};
/** Build-time flags with a known value in a production build. */
const PRODUCTION_FLAGS = { "import.meta.env.PROD": true, "import.meta.env.DEV": false };
/**
 * What an environment test evaluates to in production (`NODE_ENV !== "production"` → false), or
 * undefined when that depends on more than the table knows.
 */
function inProduction(ts, e, depth = 0) {
    const x = (0,ast/* unwrap */.oA)(e);
    if (depth > 8)
        return undefined;
    if (x.kind === ts.SyntaxKind.TrueKeyword)
        return true;
    if (x.kind === ts.SyntaxKind.FalseKeyword)
        return false;
    if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
        const v = inProduction(ts, x.operand, depth + 1);
        return v === undefined ? undefined : !v;
    }
    const flag = (0,ast/* memberPath */.Mb)(x)?.join(".");
    if (flag && Object.hasOwn(PRODUCTION_FLAGS, flag))
        return PRODUCTION_FLAGS[flag];
    return ts.isBinaryExpression(x) ? binaryInProduction(ts, x, depth) : undefined;
}
function binaryInProduction(ts, x, depth) {
    const k = ts.SyntaxKind;
    const op = x.operatorToken.kind;
    if (op === k.AmpersandAmpersandToken || op === k.BarBarToken) {
        const a = inProduction(ts, x.left, depth + 1);
        const b = inProduction(ts, x.right, depth + 1);
        if (op === k.AmpersandAmpersandToken)
            return a === false || b === false ? false : a && b ? true : undefined;
        return a === true || b === true ? true : a === false && b === false ? false : undefined;
    }
    const eq = op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken;
    const ne = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
    if (!eq && !ne)
        return undefined;
    const known = (side) => {
        const name = (0,ast/* memberPath */.Mb)((0,ast/* unwrap */.oA)(side))?.slice(-1)[0] ?? "";
        return Object.hasOwn(PRODUCTION_VALUES, name) ? PRODUCTION_VALUES[name] : undefined;
    };
    const [value, lit] = known(x.left) !== undefined ? [known(x.left), x.right] : [known(x.right), x.left];
    const text = (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(lit));
    if (value === undefined || text === undefined)
        return undefined;
    return eq ? value === text : value !== text;
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/routes.ts
/**
 * Routes from file paths, and matching the URL path a QStash publisher targets against them: Next.js
 * app router (route groups, [param], [...rest] and [[...optional]] segments), pages-directory API
 * routes (Next.js pages router, Astro endpoints), SvelteKit +server files, Nuxt/Nitro server routes and
 * Remix / React Router flat routes.
 */
const EXT = /\.(ts|tsx|js|jsx|mjs|cjs|mts|cts)$/;
/** A cheap superset of the files routeOfFile() accepts, for the keyword prefilter. */
const ROUTE_FILE = /(^|\/)(app\/.*\/?route\.[cm]?[jt]sx?|pages\/(api\/.+\.[cm]?[jt]sx?|.+\.[cm]?[jt]s)|routes\/.*\+server\.[jt]s|src\/routes\/.+\.[jt]s|server\/(api|routes)\/.+\.[cm]?[jt]s|app\/routes\/[^/]+\.[jt]sx?|(src\/)?(middleware|proxy)\.[jt]s)$/;
const GROUP = /^\(.*\)$/;
function routeOfFile(file) {
    const parts = file.split("/");
    const base = parts[parts.length - 1];
    if (!EXT.test(base) || /\.(test|spec|stories|d)\.[a-z]+$/.test(base))
        return undefined;
    for (const rule of ROUTE_RULES) {
        const hit = rule(parts, base);
        if (hit !== null)
            return hit;
    }
    return undefined;
}
/** Next.js app router: app/…/route.ts. Route groups, parallel slots and private folders name no segment. */
const nextApp = (parts, base) => {
    const app = parts.lastIndexOf("app");
    if (app === -1 || !/^route\.[a-z]+$/.test(base))
        return null;
    const dirs = parts.slice(app + 1, -1);
    if (dirs.some((s) => s.startsWith("_")))
        return undefined;
    const segs = dirs.filter((s) => !GROUP.test(s) && !s.startsWith("@"));
    return { pattern: "/" + segs.join("/"), framework: "next-app" };
};
/** Remix / React Router flat routes: app/routes/api.jobs.$id.ts */
const remix = (parts, base) => {
    const app = parts.lastIndexOf("app");
    if (app === -1 || parts[app + 1] !== "routes" || parts.length !== app + 3)
        return null;
    const name = base.replace(EXT, "").replace(/\.server$/, "");
    const segs = name
        .split(".")
        .filter((s) => s !== "_index" && !s.startsWith("_"))
        .map((s) => (s.startsWith("$") ? (s === "$" ? "[...rest]" : `[${s.slice(1)}]`) : s.replace(/_$/, "")));
    return { pattern: "/" + segs.join("/"), framework: "remix" };
};
/** Next.js pages/api (and Astro endpoints, which may live anywhere under pages/). */
const pagesDir = (parts, base) => {
    const pages = parts.lastIndexOf("pages");
    if (pages === -1 || parts.length <= pages + 1)
        return null;
    const segs = parts.slice(pages + 1);
    if (segs[0] !== "api" && !/\.(ts|js|mjs)$/.test(base))
        return undefined;
    if (segs.some((s) => s.startsWith("_")))
        return undefined;
    segs[segs.length - 1] = base.replace(EXT, "").replace(/\.(json|xml|txt)$/, "");
    if (segs[segs.length - 1] === "index")
        segs.pop();
    return { pattern: "/" + segs.join("/"), framework: "pages" };
};
/** SvelteKit: src/routes/…/+server.ts */
const svelteKit = (parts, base) => {
    const routes = parts.lastIndexOf("routes");
    if (routes === -1 || !/^\+server\.[a-z]+$/.test(base))
        return null;
    const segs = parts.slice(routes + 1, -1).filter((s) => !GROUP.test(s));
    return { pattern: "/" + segs.join("/"), framework: "sveltekit" };
};
/** SolidStart API routes: src/routes/api/jobs/[id].ts exporting GET/POST. */
const solidStart = (parts, base) => {
    const routes = parts.lastIndexOf("routes");
    if (routes === -1 || parts[routes - 1] !== "src" || parts.length <= routes + 1 || /^\+/.test(base))
        return null;
    const segs = parts.slice(routes + 1).filter((s) => !GROUP.test(s));
    segs[segs.length - 1] = base.replace(EXT, "");
    if (segs[segs.length - 1] === "index")
        segs.pop();
    return { pattern: "/" + segs.join("/"), framework: "solid" };
};
/** Nuxt/Nitro: server/api/… and server/routes/…, with `x.post.ts` naming the method. */
const nitro = (parts, base) => {
    const server = parts.lastIndexOf("server");
    if (server === -1 || (parts[server + 1] !== "api" && parts[server + 1] !== "routes"))
        return null;
    const segs = parts.slice(server + (parts[server + 1] === "api" ? 1 : 2));
    let name = base.replace(EXT, "");
    const m = /\.(get|post|put|patch|delete|head|options)$/.exec(name);
    if (m)
        name = name.slice(0, -m[0].length);
    segs[segs.length - 1] = name;
    if (segs[segs.length - 1] === "index")
        segs.pop();
    return { pattern: "/" + segs.join("/"), framework: "nuxt", ...(m ? { method: m[1].toUpperCase() } : {}) };
};
const ROUTE_RULES = [nextApp, remix, pagesDir, svelteKit, solidStart, nitro];
function isDynamic(seg) {
    return /^\[.*\]$/.test(seg) || seg.startsWith(":") || seg === "*";
}
function isCatchAll(seg) {
    return /^\[\[?\.\.\./.test(seg) || seg === "*" || /^:\w+\*$/.test(seg) || seg === "**";
}
/**
 * Whether a URL path (with "*" for unknown segments) is served by a route pattern. Patterns use file
 * routing's [param] or a router's :param / *. `suffix` lets a router's pattern match the tail of the
 * path (routers are often mounted under a prefix the scanner cannot see).
 */
function routeMatches(pattern, urlPath, suffix = false) {
    const want = pattern.split("/").filter(Boolean);
    const got = urlPath.split("?")[0].split("/").filter(Boolean);
    if (suffix && want.length > 0 && got.length > want.length) {
        const tail = got.slice(got.length - want.length);
        // The tail must agree on a literal segment: "/test-routes/*" says nothing about a router's "/workflow".
        const anchored = tail.some((g, i) => !g.includes("*") && g === want[i]);
        return (anchored && matchSegments(want, tail)) || matchSegments(want, got);
    }
    return matchSegments(want, got);
}
function matchSegments(want, got) {
    for (let i = 0; i < want.length; i++) {
        const w = want[i];
        if (isCatchAll(w))
            return got.length >= i + (w.startsWith("[[") ? 0 : 1) || w === "*";
        const g = got[i];
        if (g === undefined)
            return false;
        if (isDynamic(w) || g === "*")
            continue;
        // A segment partly unknown ("*-report") matches a literal with the same known parts.
        if (g.includes("*")) {
            const re = new RegExp("^" + g.split("*").map(escapeRegex).join(".*") + "$");
            if (re.test(w))
                continue;
            return false;
        }
        if (w !== g)
            return false;
    }
    return got.length === want.length;
}
function escapeRegex(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
const GENERIC_SEGMENT = /^(api|v\d+|trpc|app|internal|public|rest)$/i;
/**
 * Whether a publisher path with unknown segments still says something: "/api/jobs/*" does,
 * "/api/*" (`${base}/api/${route}`) would match every API route and does not.
 */
function specificEnough(urlPath) {
    if (!urlPath.includes("*"))
        return true;
    return urlPath.split("/").some((seg) => seg && !seg.includes("*") && !GENERIC_SEGMENT.test(seg));
}
/** Route segments that say a route is a queue consumer (by name only: low confidence). */
const QUEUE_SEGMENT = /^(qstash|queues?|jobs?|cron|crons|tasks?|workers?|background|webhooks?-qstash|qstash-webhooks?)$/i;
function namesQueue(pattern) {
    const segs = pattern.split("/").filter(Boolean);
    if (segs.some((s) => /qstash/i.test(s)))
        return true;
    // "/api/jobs" alone is as likely a job board's collection as a queue consumer: a queue-named
    // segment must be followed by the job's own name.
    return segs.slice(0, -1).some((s) => QUEUE_SEGMENT.test(s));
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/pages-router-body-parser.ts






/** The file's `export const config` object literal, `"elsewhere"` when it is re-exported, or undefined. */
function exportedConfig(ts, sf) {
    for (const st of sf.statements) {
        if (ts.isVariableStatement(st) && (0,engine_exports/* hasModifier */.mp)(ts, st, ts.SyntaxKind.ExportKeyword)) {
            for (const d of st.declarationList.declarations) {
                if (!ts.isIdentifier(d.name) || d.name.text !== "config" || !d.initializer)
                    continue;
                const o = (0,ast/* unwrap */.oA)(d.initializer);
                return ts.isObjectLiteralExpression(o) ? o : "elsewhere";
            }
        }
        if (ts.isExportDeclaration(st) &&
            st.exportClause &&
            ts.isNamedExports(st.exportClause) &&
            st.exportClause.elements.some((e) => e.name.text === "config"))
            return "elsewhere";
    }
    return undefined;
}
/**
 * Whether the body parser is on in production: `bodyParser: false` is off; a value that depends on the
 * environment (`bodyParser: process.env.NODE_ENV !== "production"`) is judged by its value in
 * production — off there is what verification needs, and a development-only parser costs nothing.
 * Returns the expression when it is an environment test that is true in production.
 */
function parserInProduction(ts, o) {
    for (const p of o.properties) {
        if (!ts.isPropertyAssignment(p) || (0,ast/* propertyNameText */.CC)(p.name) !== "api")
            continue;
        const api = (0,ast/* unwrap */.oA)(p.initializer);
        if (!ts.isObjectLiteralExpression(api))
            return "off"; // computed elsewhere: assume it is right
        for (const q of api.properties) {
            if (!ts.isPropertyAssignment(q) || (0,ast/* propertyNameText */.CC)(q.name) !== "bodyParser")
                continue;
            const v = (0,ast/* unwrap */.oA)(q.initializer);
            if (v.kind === ts.SyntaxKind.FalseKeyword)
                return "off";
            if (v.kind === ts.SyntaxKind.TrueKeyword || ts.isObjectLiteralExpression(v))
                return "on";
            return inProduction(ts, v) === true ? v : "off";
        }
    }
    return "on";
}
/* harmony default export */ const pages_router_body_parser = (defineDetector({
    id: "pages-router-body-parser",
    rule: "upstash/qstash-webhook-spoofing",
    checks: {
        "pages-router-body-parser": "verifySignature on a pages-router API route that keeps the built-in body parser",
    },
    // verifySignature and Receiver come from @upstash/qstash, directly or through a helper module.
    keywords: [],
    imports: { packages: QSTASH_PACKAGES, importers: true },
    fileKinds: ["script"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const sf = ctx.sourceFile;
        const route = routeOfFile(ctx.path);
        if (!sf || route?.framework !== "pages" || !ctx.path.split("/").includes("api"))
            return;
        const ts = ctx.ts;
        if (!ts)
            return;
        const config = exportedConfig(ts, sf);
        const parser = config === "elsewhere" ? "off" : config ? parserInProduction(ts, config) : "on";
        if (parser === "off")
            return;
        const why = parser === "on"
            ? "the route does not export `config = { api: { bodyParser: false } }`"
            : `its \`bodyParser\` is \`${parser.getText(sf).replace(/\s+/g, " ").slice(0, 80)}\`, which is true in production`;
        const imports = (0,ast/* importBindings */.eN)(sf);
        const hasDefault = sf.statements.some((s) => ts.isExportAssignment(s) || (0,engine_exports/* hasModifier */.mp)(ts, s, ts.SyntaxKind.DefaultKeyword));
        if (!hasDefault)
            return; // named GET/POST exports: an Astro endpoint, not the Next.js pages router
        const receiverImported = [...imports.values()].some((b) => /^@upstash\/qstash/.test(b.module) && b.imported === "Receiver");
        (0,ast/* walk */.GG)(sf, (n) => {
            if (!ts.isCallExpression(n))
                return undefined;
            const callee = (0,ast/* unwrap */.oA)(n.expression);
            const b = ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
            let what;
            if (b && b.module === "@upstash/qstash/nextjs" && b.imported === "verifySignature")
                what = "verifySignature()";
            // A hand-written Receiver check that reads the raw stream itself.
            if (receiverImported && !what) {
                const name = ts.isIdentifier(callee) ? callee.text : (0,ast/* memberPath */.Mb)(callee)?.slice(-1)[0];
                const source = b?.module ?? "";
                if ((name === "buffer" && source === "micro") ||
                    name === "getRawBody" ||
                    name === "rawBody" ||
                    (name === "text" && source === "node:stream/consumers"))
                    what = `${name}()`;
            }
            if (!what)
                return undefined;
            ctx.report({
                check: "pages-router-body-parser",
                start: n.getStart(sf),
                end: n.expression.getEnd(),
                confidence: "high",
                severity: "low",
                message: `${what} reads the raw request body on a pages-router API route, but ${why}: Next.js parses and consumes the body first, so the signature is checked against an empty body and genuine QStash messages are rejected (which invites turning verification off). Add \`export const config = { api: { bodyParser: false } }\` to this file.`,
            });
            return undefined;
        });
        // `for await (const chunk of req)` with a Receiver: the stream is already drained by the parser.
        if (receiverImported) {
            (0,ast/* walk */.GG)(sf, (n) => {
                if (ts.isForOfStatement(n) &&
                    n.awaitModifier &&
                    ts.isIdentifier((0,ast/* unwrap */.oA)(n.expression)) &&
                    /^req(uest)?$/.test((0,ast/* unwrap */.oA)(n.expression).text)) {
                    ctx.report({
                        check: "pages-router-body-parser",
                        start: n.getStart(sf),
                        end: n.expression.getEnd() + 1,
                        confidence: "high",
                        severity: "low",
                        message: `This loop reads the raw request stream for signature verification on a pages-router API route, but ${why}: Next.js has already consumed the stream, so the body is empty and genuine QStash messages fail verification. Add \`export const config = { api: { bodyParser: false } }\` to this file.`,
                    });
                }
                return undefined;
            });
        }
    },
}));

// EXTERNAL MODULE: ./src/engine/gate.ts
var gate = __webpack_require__(4347);
;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/file-scan.ts




function topLevel(ts, sf) {
    const fnNodes = new Map();
    const consts = new Map();
    for (const st of sf.statements) {
        if (ts.isFunctionDeclaration(st) && st.body) {
            if (st.name)
                fnNodes.set(st.name.text, st);
            else if ((0,engine_exports/* hasModifier */.mp)(ts, st, ts.SyntaxKind.DefaultKeyword))
                fnNodes.set("default", st);
        }
        if (!ts.isVariableStatement(st))
            continue;
        for (const d of st.declarationList.declarations) {
            if (!d.initializer)
                continue;
            // const { POST: handler } = serve(…): each name stands for what the call returns.
            if (ts.isObjectBindingPattern(d.name) && ts.isCallExpression((0,ast/* unwrap */.oA)(d.initializer))) {
                for (const name of bindingNames(ts, d.name))
                    consts.set(name, d.initializer);
            }
            else if (ts.isIdentifier(d.name)) {
                const init = (0,ast/* unwrap */.oA)(d.initializer);
                if (isFunctionNode(ts, init))
                    fnNodes.set(d.name.text, init);
                else
                    consts.set(d.name.text, d.initializer);
            }
        }
    }
    return { fnNodes, consts };
}
function scanFile(ts, sf, imports) {
    const out = {
        calls: [],
        receivers: new Set(),
        varCats: new Map(),
        headerReads: [],
        fallbacks: [],
        basePaths: new Map(),
        dynamicImports: new Map(),
    };
    (0,ast/* walk */.GG)(sf, (n) => {
        if (ts.isCallExpression(n))
            out.calls.push(n);
        else if (ts.isVariableDeclaration(n))
            variable(ts, n, imports, out);
        else if (ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n))
            receiverProperty(ts, n, out);
        else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))
            headerRead(ts, sf, n, out);
        else if (ts.isBinaryExpression(n)) {
            const f = keyFallback(ts, n, sf);
            if (f)
                out.fallbacks.push(f);
        }
        return undefined;
    });
    return out;
}
function isReceiverConstruction(ts, e) {
    return ts.isNewExpression(e) && (0,ast/* memberPath */.Mb)(e.expression)?.slice(-1)[0] === "Receiver";
}
function variable(ts, n, imports, out) {
    if (!n.initializer)
        return;
    const init = (0,ast/* unwrap */.oA)(n.initializer);
    const dynamic = dynamicImportOf(ts, init);
    if (dynamic !== undefined) {
        if (ts.isIdentifier(n.name))
            out.dynamicImports.set(n.name.text, { module: dynamic, imported: "*" });
        else if (ts.isObjectBindingPattern(n.name))
            for (const el of n.name.elements)
                if (ts.isIdentifier(el.name))
                    out.dynamicImports.set(el.name.text, {
                        module: dynamic,
                        imported: (0,ast/* propertyNameText */.CC)(el.propertyName) ?? el.name.text,
                    });
        return;
    }
    if (ts.isIdentifier(n.name)) {
        if (isReceiverConstruction(ts, init))
            out.receivers.add(n.name.text);
        const cat = categoryOf(ts, init, imports, out.varCats);
        if (cat !== "other")
            out.varCats.set(n.name.text, cat);
        // const app = new Hono().basePath("/api")
        if (ts.isCallExpression(init) &&
            ts.isPropertyAccessExpression(init.expression) &&
            init.expression.name.text === "basePath" &&
            init.arguments[0])
            out.basePaths.set(n.name.text, init.arguments[0]);
    }
    else if (ts.isObjectBindingPattern(n.name)) {
        const p = (0,ast/* memberPath */.Mb)(init)?.join(".");
        if (p === "process.env" || p === "import.meta.env")
            for (const name of bindingNames(ts, n.name))
                out.varCats.set(name, "env");
    }
}
/** The module of `await import("m")` (or a bare `import("m")`), if the expression is one. */
function dynamicImportOf(ts, e) {
    const x = ts.isAwaitExpression(e) ? (0,ast/* unwrap */.oA)(e.expression) : e;
    if (!ts.isCallExpression(x) || x.expression.kind !== ts.SyntaxKind.ImportKeyword)
        return undefined;
    return (0,ast/* stringValue */.r$)(x.arguments[0]);
}
/** `receiver = new Receiver()` as a class field or an object property. */
function receiverProperty(ts, n, out) {
    if (!n.initializer || !isReceiverConstruction(ts, (0,ast/* unwrap */.oA)(n.initializer)))
        return;
    const name = (0,ast/* propertyNameText */.CC)(n.name);
    if (name)
        out.receivers.add(name);
}
const HEADER_GETTER = /^(get|has|header|getHeader|getRequestHeader)$/;
/** `req.headers.get("upstash-message-id")`, `req.headers["upstash-retried"]`, … */
function headerRead(ts, sf, n, out) {
    if (!/^upstash-[a-z-]+$/i.test(n.text))
        return;
    const p = n.parent;
    const isRead = (ts.isCallExpression(p) &&
        p.arguments.includes(n) &&
        HEADER_GETTER.test(calleeText(ts, p.expression))) ||
        (ts.isElementAccessExpression(p) &&
            p.argumentExpression === n &&
            /headers$/i.test((0,ast/* memberPath */.Mb)(p.expression)?.slice(-1)[0] ?? ""));
    if (isRead)
        out.headerReads.push({ name: n.text.toLowerCase(), pos: n.getStart(sf) });
}
function calleeText(ts, e) {
    const u = (0,ast/* unwrap */.oA)(e);
    if (ts.isIdentifier(u))
        return u.text;
    if (ts.isPropertyAccessExpression(u))
        return u.name.text;
    return "";
}
const SIGNING_ENV = /^QSTASH_(CURRENT|NEXT)_SIGNING_KEY$/;
/**
 * A signing key substituted when the environment lacks one: `process.env.QSTASH_CURRENT_SIGNING_KEY =
 * "mock"` or `currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY ?? "fallback"`. Empty strings
 * fail closed and are not reported.
 */
function keyFallback(ts, n, sf) {
    const k = ts.SyntaxKind;
    const assigns = [
        k.EqualsToken,
        k.QuestionQuestionToken,
        k.BarBarToken,
        k.QuestionQuestionEqualsToken,
        k.BarBarEqualsToken,
    ];
    if (!assigns.includes(n.operatorToken.kind))
        return undefined;
    const left = (0,ast/* unwrap */.oA)(n.left);
    if (!ts.isPropertyAccessExpression(left) || !SIGNING_ENV.test(left.name.text))
        return undefined;
    const p = (0,ast/* memberPath */.Mb)(left);
    if (!p || p.length !== 3 || p[0] !== "process" || p[1] !== "env")
        return undefined;
    const value = (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(n.right));
    if (!value)
        return undefined;
    return { start: n.getStart(sf), end: n.getEnd(), name: p[2], value };
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/lower.ts




/** Deeper than this, lowering gives up on the subtree (a verification call is never that deep). */
const MAX_DEPTH = 300;
/** Request members that read or answer the request, whatever their name says. */
const REQUEST_READ = /^(json|text|body|header|status|redirect|html|newResponse)$/;
const REQUEST_ROOT = /^(req|request|event|c|ctx|context)$/;
const HARMLESS_FACTORY = /^create\w*(Client|Receiver|Hash|Hmac|Response|Error|Router|App|Logger|Schema)$/;
class Lowerer {
    s;
    nextId = 0;
    /** Parameter names of the functions being lowered (innermost last). */
    params = [];
    /** Local variables holding plain data (arrays, maps): calling their methods changes nothing outside. */
    localData = [];
    /** Nesting of stmt()/expr() calls: generated code can nest deeper than the stack allows. */
    depth = 0;
    ts;
    constructor(s) {
        this.s = s;
        this.ts = s.ts;
    }
    /** Lower a function; `outer` parameters stay callable (a wrapper's `handler`). */
    fn(node, name) {
        const ts = this.ts;
        this.params.push(node.parameters.flatMap((p) => bindingNames(ts, p.name)));
        this.localData.push(dataVariables(ts, node));
        try {
            const body = [];
            let inner;
            if (node.body && ts.isBlock(node.body)) {
                body.push(...this.stmts(node.body.statements));
                inner = this.innerOfBlock(node.body, name);
            }
            else if (node.body)
                inner = this.expressionBody(node.body, name, body);
            const isAsync = Boolean(ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) ||
                returnsVerifyPromise(body);
            const at = node.name ?? node;
            return { name, async: isAsync, body, at: this.at(at), ...(inner ? { inner } : {}) };
        }
        finally {
            this.params.pop();
            this.localData.pop();
        }
    }
    /** The function a block returns: `return async (req) => …`, a local function, or a wrapped callback. */
    innerOfBlock(block, name) {
        const ts = this.ts;
        let inner;
        for (const st of block.statements) {
            if (!ts.isReturnStatement(st) || !st.expression)
                continue;
            const r = (0,ast/* unwrap */.oA)(st.expression);
            if (isFunctionNode(ts, r))
                inner = this.fn(r, name);
            else if (ts.isIdentifier(r)) {
                const local = findLocalFunction(ts, block, r.text);
                if (local)
                    inner = this.fn(local, name);
            }
            else if (ts.isCallExpression(r) && !inner) {
                // return withLogging(async (req) => { … }): the callback is the request handler.
                const cb = lastCallback(ts, r);
                if (cb)
                    inner = this.fn(cb, name);
            }
        }
        return inner;
    }
    /** `(handler) => async (req) => …` or `(req) => work(req)`: the inner function, or the body's events. */
    expressionBody(node, name, body) {
        const ts = this.ts;
        const e = (0,ast/* unwrap */.oA)(node);
        if (isFunctionNode(ts, e))
            return this.fn(e, name);
        const cb = ts.isCallExpression(e) ? lastCallback(ts, e) : undefined;
        const inner = cb ? this.fn(cb, name) : undefined;
        body.push(...this.expr(e));
        if (!inner)
            body.push({ t: "exit", kind: this.exitKind(e), value: this.exitValue(e), at: this.at(e) });
        return inner;
    }
    /**
     * How an exported handler is built. `bound`: names whose handler expression is already known (a
     * top-level `let` reassigned by later statements).
     */
    hexpr(node, consts, depth = 0, bound) {
        const ts = this.ts;
        if (!node || depth > 6)
            return { t: "unknown" };
        const e = (0,ast/* unwrap */.oA)(node);
        if (isFunctionNode(ts, e))
            return { t: "fn", fn: this.fn(e, "handler") };
        if (ts.isConditionalExpression(e)) {
            return {
                t: "choice",
                cond: this.cond(e.condition, []),
                a: this.hexpr(e.whenTrue, consts, depth + 1, bound),
                b: this.hexpr(e.whenFalse, consts, depth + 1, bound),
            };
        }
        if (ts.isIdentifier(e)) {
            const known = bound?.get(e.text);
            if (known)
                return known;
            if (this.s.localFns.has(e.text))
                return { t: "ref", ref: { k: "local", name: e.text } };
            const init = consts.get(e.text);
            if (init)
                return this.hexpr(init, consts, depth + 1, bound);
            const b = this.s.imports.get(e.text);
            if (b && b.imported !== "*")
                return { t: "ref", ref: { k: "import", spec: b.module, name: b.imported } };
            return { t: "unknown" };
        }
        if (ts.isPropertyAccessExpression(e) && ts.isIdentifier(e.expression)) {
            const b = this.s.imports.get(e.expression.text);
            if (b && b.imported === "*")
                return { t: "ref", ref: { k: "import", spec: b.module, name: e.name.text } };
            return { t: "unknown" };
        }
        if (!ts.isCallExpression(e))
            return { t: "unknown" };
        const args = e.arguments.map((a) => {
            const u = (0,ast/* unwrap */.oA)(a);
            return isFunctionNode(ts, u) || ts.isIdentifier(u) || ts.isCallExpression(u) || ts.isPropertyAccessExpression(u)
                ? this.hexpr(u, consts, depth + 1, bound)
                : { t: "unknown" };
        });
        return { t: "wrap", callee: this.wrapCallee(e), args, at: this.at(e.expression) };
    }
    /** What a called name is bound to: an import (or a namespace member), and its local name. */
    calleeBinding(callee) {
        const ts = this.ts;
        if (ts.isIdentifier(callee))
            return { local: callee.text, binding: this.s.imports.get(callee.text) };
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
            const b = this.s.imports.get(callee.expression.text);
            if (b?.imported === "*")
                return { binding: { module: b.module, imported: callee.name.text }, member: callee.name.text };
        }
        return {};
    }
    wrapCallee(call) {
        const ts = this.ts;
        const callee = (0,ast/* unwrap */.oA)(call.expression);
        const { local, binding, member } = this.calleeBinding(callee);
        if (binding && QSTASH_MODULE.test(binding.module) && /^verifySignature/.test(binding.imported))
            return { k: "sdk-verify", name: binding.imported };
        if (binding && isSdkModule(binding.module) && SERVE_NAMES.has(binding.imported))
            return { k: "serve", receiver: this.serveReceiver(call), at: this.at(call.expression) };
        if (binding)
            return { k: "import", spec: binding.module, name: binding.imported };
        if (local && this.s.localFns.has(local))
            return { k: "local", name: local };
        const name = local ?? member ?? (ts.isPropertyAccessExpression(callee) ? callee.name.text : "wrapper");
        return { k: "unknown", name };
    }
    /** `serve(fn, { receiver })`: verification is off when `receiver` is explicitly undefined/null. */
    serveReceiver(call) {
        const ts = this.ts;
        for (const arg of call.arguments.slice(1)) {
            const o = (0,ast/* unwrap */.oA)(arg);
            if (!ts.isObjectLiteralExpression(o))
                continue;
            for (const p of o.properties) {
                if (!ts.isPropertyAssignment(p) || (0,ast/* propertyNameText */.CC)(p.name) !== "receiver")
                    continue;
                const v = (0,ast/* unwrap */.oA)(p.initializer);
                if (isNullish(ts, v))
                    return "none";
                if (ts.isConditionalExpression(v) && (isNullish(ts, (0,ast/* unwrap */.oA)(v.whenTrue)) || isNullish(ts, (0,ast/* unwrap */.oA)(v.whenFalse))))
                    return this.cond(v.condition, []);
                if (ts.isBinaryExpression(v) && v.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
                    return this.cond(v.left, []);
            }
        }
        return "default";
    }
    // ---- statements ----
    stmts(list) {
        const out = [];
        for (const s of list)
            out.push(...this.stmt(s));
        return out;
    }
    stmt(s) {
        if (!s || this.depth > MAX_DEPTH)
            return [];
        this.depth++;
        try {
            return this.stmtInner(s);
        }
        finally {
            this.depth--;
        }
    }
    stmtInner(s) {
        const ts = this.ts;
        if (ts.isBlock(s))
            return this.stmts(s.statements);
        if (ts.isVariableStatement(s))
            return this.variableStatement(s);
        if (ts.isExpressionStatement(s))
            return this.expressionStatement(s);
        if (ts.isIfStatement(s))
            return this.ifStatement(s);
        if (ts.isReturnStatement(s))
            return this.returnStatement(s);
        if (ts.isThrowStatement(s))
            return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
        if (ts.isTryStatement(s))
            return this.tryStatement(s);
        if (ts.isSwitchStatement(s))
            return this.switchStatement(s);
        if (ts.isLabeledStatement(s))
            return this.stmt(s.statement);
        return this.loop(s);
    }
    variableStatement(s) {
        const ts = this.ts;
        const out = [];
        for (const d of s.declarationList.declarations) {
            if (!d.initializer) {
                for (const n of bindingNames(ts, d.name))
                    out.push({ t: "decl", name: n, falsy: true });
                continue;
            }
            if (isFunctionNode(ts, (0,ast/* unwrap */.oA)(d.initializer)))
                continue; // defined, not run
            const name = ts.isIdentifier(d.name) ? d.name.text : undefined;
            const evs = this.expr(d.initializer, name);
            out.push(...evs);
            const holdsResult = name !== undefined && evs.some((e) => e.t === "call" && e.resultVar === name);
            for (const n of bindingNames(ts, d.name))
                if (!(holdsResult && n === name))
                    out.push({ t: "decl", name: n, falsy: isFalsy(ts, d.initializer) });
        }
        return out;
    }
    expressionStatement(s) {
        const ts = this.ts;
        const e = (0,ast/* unwrap */.oA)(s.expression);
        if (this.throwingCall(e))
            return [...this.expr(s.expression), { t: "exit", kind: "throw", at: this.at(s) }];
        if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left))
            return this.expr(s.expression);
        const name = e.left.text;
        const evs = this.expr(e.right, name);
        if (evs.some((x) => x.t === "call" && x.resultVar === name))
            return evs;
        return [...evs, isFalsy(ts, e.right) ? { t: "decl", name, falsy: true } : { t: "assign", name }];
    }
    ifStatement(s) {
        const first = this.nextId;
        const pre = this.expr(s.expression);
        const ids = idsFrom(pre, first);
        return [
            ...pre,
            {
                t: "if",
                cond: this.cond(s.expression, ids),
                then: this.stmt(s.thenStatement),
                else: this.stmt(s.elseStatement),
            },
        ];
    }
    returnStatement(s) {
        if (!s.expression)
            return [{ t: "exit", kind: "pass", value: "nullish", at: this.at(s) }];
        if (isFunctionNode(this.ts, (0,ast/* unwrap */.oA)(s.expression)))
            return [{ t: "exit", kind: "fail", at: this.at(s) }];
        return [
            ...this.expr(s.expression),
            { t: "exit", kind: this.exitKind(s.expression), value: this.exitValue(s.expression), at: this.at(s) },
        ];
    }
    tryStatement(s) {
        const c = s.catchClause;
        return [
            {
                t: "try",
                body: this.stmts(s.tryBlock.statements),
                handler: c ? this.stmts(c.block.statements) : null,
                catchAt: c ? this.s.loc(c.getStart(this.s.sf), c.block.getStart(this.s.sf) + 1) : null,
                fin: s.finallyBlock ? this.stmts(s.finallyBlock.statements) : [],
            },
        ];
    }
    loop(s) {
        const ts = this.ts;
        if (ts.isForStatement(s)) {
            const init = s.initializer && !ts.isVariableDeclarationList(s.initializer) ? this.expr(s.initializer) : [];
            return [
                ...init,
                { t: "loop", body: [...(s.condition ? this.expr(s.condition) : []), ...this.stmt(s.statement)] },
            ];
        }
        if (ts.isForOfStatement(s) || ts.isForInStatement(s))
            return [...this.expr(s.expression), { t: "loop", body: this.stmt(s.statement) }];
        if (ts.isWhileStatement(s) || ts.isDoStatement(s))
            return [{ t: "loop", body: [...this.expr(s.expression), ...this.stmt(s.statement)] }];
        return [];
    }
    switchStatement(s) {
        const ts = this.ts;
        const pre = this.expr(s.expression);
        // `case "production":` compares the subject; the words of the subject alone would mislead.
        const cond = { ...this.cond(s.expression, []), negated: null, auth: null };
        delete cond.holds;
        delete cond.fails;
        let tail = [];
        const clauses = [...s.caseBlock.clauses];
        const def = clauses.find((c) => ts.isDefaultClause(c));
        if (def)
            tail = this.stmts(def.statements);
        for (const c of clauses.reverse()) {
            if (ts.isDefaultClause(c))
                continue;
            tail = [{ t: "if", cond, then: this.stmts(c.statements), else: tail }];
        }
        return [...pre, ...tail];
    }
    /** SvelteKit's error()/redirect() and Next.js's notFound()/redirect() throw by themselves. */
    throwingCall(e) {
        const ts = this.ts;
        const x = ts.isAwaitExpression(e) ? (0,ast/* unwrap */.oA)(e.expression) : e;
        if (!ts.isCallExpression(x) || !ts.isIdentifier((0,ast/* unwrap */.oA)(x.expression)))
            return false;
        const b = this.s.imports.get((0,ast/* unwrap */.oA)(x.expression).text);
        if (!b)
            return false;
        if (b.module === "@sveltejs/kit")
            return b.imported === "error" || b.imported === "redirect";
        if (b.module === "next/navigation")
            return /^(notFound|redirect|permanentRedirect|unauthorized|forbidden)$/.test(b.imported);
        return false;
    }
    /** The kind of value a `return <e>` hands back. */
    exitValue(e) {
        const ts = this.ts;
        const x = (0,ast/* unwrap */.oA)(ts.isAwaitExpression((0,ast/* unwrap */.oA)(e)) ? (0,ast/* unwrap */.oA)(e).expression : e);
        if (x.kind === ts.SyntaxKind.TrueKeyword)
            return "true";
        if (x.kind === ts.SyntaxKind.FalseKeyword)
            return "false";
        if (isNullish(ts, x))
            return "nullish";
        if (ts.isNewExpression(x) && /Response$/.test((0,ast/* memberPath */.Mb)(x.expression)?.join(".") ?? ""))
            return "response";
        if (ts.isCallExpression(x)) {
            const root = rootIdentifier(ts, x.expression);
            const name = calleeName(ts, (0,ast/* unwrap */.oA)(x.expression));
            if (root && /^(NextResponse|Response|res|reply|c)$/.test(root))
                return "response";
            if (name && /^(json|error|text|createError|sendError|unauthorized|forbidden)$/.test(name))
                return "response";
        }
        return "other";
    }
    /** What a `return <e>` tells a caller: pass (go on), or a value that signals failure. */
    exitKind(e) {
        const ts = this.ts;
        const x = (0,ast/* unwrap */.oA)(ts.isAwaitExpression((0,ast/* unwrap */.oA)(e)) ? (0,ast/* unwrap */.oA)(e).expression : e);
        if (x.kind === ts.SyntaxKind.TrueKeyword)
            return "pass";
        if (ts.isCallExpression(x)) {
            const callee = (0,ast/* unwrap */.oA)(x.expression);
            if (ts.isIdentifier(callee) && this.isParam(callee.text))
                return x.arguments.length && callee.text === "next" ? "fail" : "pass";
            const path = (0,ast/* memberPath */.Mb)(callee);
            if (path && path.join(".") === "NextResponse.next")
                return "pass";
        }
        return "fail";
    }
    // ---- expressions ----
    /** Events of evaluating `e`, in order; `resultVar` names the variable the value is stored in. */
    expr(e, resultVar) {
        if (!e || this.depth > MAX_DEPTH)
            return [];
        this.depth++;
        try {
            return this.exprInner(e, resultVar);
        }
        finally {
            this.depth--;
        }
    }
    exprInner(e, resultVar) {
        const ts = this.ts;
        if (isFunctionNode(ts, e))
            return [];
        if (ts.isBinaryExpression(e) && isShortCircuit(ts, e.operatorToken.kind))
            return this.shortCircuit(e);
        if (ts.isConditionalExpression(e)) {
            const first = this.nextId;
            const pre = this.expr(e.condition);
            const ids = idsFrom(pre, first);
            const a = this.expr(e.whenTrue, resultVar);
            const b = this.expr(e.whenFalse, resultVar);
            if (!a.length && !b.length)
                return pre;
            return [...pre, { t: "if", cond: this.cond(e.condition, ids), then: a, else: b }];
        }
        if (ts.isCallExpression(e))
            return this.call(e, resultVar);
        const out = [];
        e.forEachChild((k) => {
            out.push(...this.expr(k, resultVar));
        });
        return out;
    }
    /** `a && b`, `a || b`, `a ?? b`: the right side runs on one branch of the left. */
    shortCircuit(e) {
        const first = this.nextId;
        const left = this.expr(e.left);
        const ids = idsFrom(left, first);
        const right = this.expr(e.right);
        if (!right.length)
            return left;
        const cond = this.cond(e.left, ids);
        if (e.operatorToken.kind === this.ts.SyntaxKind.AmpersandAmpersandToken)
            return [...left, { t: "if", cond, then: right, else: [] }];
        return [...left, { t: "if", cond, then: [], else: right }];
    }
    call(call, resultVar) {
        const ts = this.ts;
        const callee = (0,ast/* unwrap */.oA)(call.expression);
        // `x.verify(…).then(cb)` / `.catch(cb)`: the chain is lowered at the inner call.
        if (ts.isPropertyAccessExpression(callee) && /^(then|catch|finally)$/.test(callee.name.text)) {
            const inner = (0,ast/* unwrap */.oA)(callee.expression);
            if (ts.isCallExpression(inner))
                return this.chainedCall(call, callee, inner, resultVar);
        }
        const ref = this.candidate(call);
        const out = [];
        // The object of a method call, and the function a call returns (`verifySignatureAppRouter(h)(req)`).
        if (ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee))
            out.push(...this.expr(callee.expression));
        else if (ts.isCallExpression(callee) && this.candidate(callee))
            out.push(...this.expr(callee));
        for (const a of call.arguments)
            if (!isFunctionNode(ts, (0,ast/* unwrap */.oA)(a)))
                out.push(...this.expr(a));
        const chain = this.chainInfo(call, resultVar);
        if (ref) {
            out.push({
                t: "call",
                id: this.nextId++,
                ref,
                awaited: chain.awaited,
                swallow: chain.swallow,
                ...(chain.resultVar ? { resultVar: chain.resultVar } : {}),
                effect: this.isEffect(call, chain.awaited),
                at: this.at(call),
                name: shortCallee(ts, callee),
            });
        }
        else if (this.isEffect(call, chain.awaited)) {
            out.push({ t: "effect", at: this.at(call), what: `${shortCallee(ts, callee)}()` });
        }
        // Callbacks handed to ordinary calls run (array methods, transactions); a verifying wrapper's
        // callback is the handler it protects and is judged there.
        const wraps = ref && (ref.k === "sdk" || ref.k === "local" || ref.k === "import");
        if (!wraps)
            for (const a of call.arguments)
                out.push(...this.callbackEffects(a));
        return out;
    }
    chainedCall(call, callee, inner, resultVar) {
        const ts = this.ts;
        const out = this.call(inner, resultVar);
        const where = this.at(inner).range;
        const innerCall = out.find((x) => x.t === "call" &&
            x.at.range.startLine === where.startLine &&
            x.at.range.startColumn === where.startColumn &&
            x.at.range.endLine === where.endLine &&
            x.at.range.endColumn === where.endColumn);
        const cb = call.arguments[0] && (0,ast/* unwrap */.oA)(call.arguments[0]);
        if (callee.name.text === "then" && innerCall && cb && isFunctionNode(ts, cb))
            out.push({ t: "then", call: innerCall.id, body: this.fnBody(cb) });
        else
            for (const a of call.arguments)
                out.push(...this.callbackEffects(a));
        return out;
    }
    fnBody(fn) {
        const ts = this.ts;
        if (fn.body && ts.isBlock(fn.body))
            return this.stmts(fn.body.statements);
        return fn.body ? this.expr(fn.body) : [];
    }
    callbackEffects(a) {
        const u = (0,ast/* unwrap */.oA)(a);
        if (!isFunctionNode(this.ts, u))
            return [];
        return this.fnBody(u).filter((e) => e.t !== "exit");
    }
    /** Awaited / returned / then-chained, swallowed by `.catch`, and the variable holding the result. */
    chainInfo(call, resultVar) {
        const ts = this.ts;
        const chain = { awaited: false, swallow: false };
        let node = call;
        for (;;) {
            const p = node.parent;
            if (!p)
                break;
            const next = this.chainStep(p, node, chain);
            if (next === "stop")
                break;
            if (next !== "continue")
                return { ...chain, resultVar: next.resultVar };
            node = chainParent(ts, p, node);
        }
        return {
            ...chain,
            ...(resultVar && node.parent && ts.isVariableDeclaration(node.parent) ? { resultVar } : {}),
        };
    }
    /** One step up from a call: go on through wrappers, await and promise chains; stop at a binding. */
    chainStep(p, node, chain) {
        const ts = this.ts;
        if (ts.isParenthesizedExpression(p) ||
            ts.isAsExpression(p) ||
            ts.isNonNullExpression(p) ||
            ts.isSatisfiesExpression(p))
            return "continue";
        if (ts.isPropertyAccessExpression(p))
            return this.promiseMethod(p, node, chain);
        if (ts.isAwaitExpression(p) || ts.isYieldExpression(p)) {
            chain.awaited = true;
            return "continue";
        }
        if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === node)) {
            chain.awaited = true;
            return "stop";
        }
        if (ts.isArrayLiteralExpression(p) &&
            ts.isCallExpression(p.parent) &&
            /^(all|allSettled)$/.test(calleeName(ts, p.parent.expression) ?? ""))
            return "continue";
        const bound = this.boundTo(p, node);
        return bound ? { resultVar: bound } : "stop";
    }
    /** `const ok = <node>` or `ok = <node>`: the variable that holds the call's result. */
    boundTo(p, node) {
        const ts = this.ts;
        if (ts.isVariableDeclaration(p) && p.initializer === node && ts.isIdentifier(p.name))
            return p.name.text;
        const assigns = ts.isBinaryExpression(p) &&
            p.right === node &&
            p.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
            ts.isIdentifier(p.left);
        return assigns ? p.left.text : undefined;
    }
    /** `.then(ok, fail)`, `.catch(cb)`, `.finally(cb)` after a call. */
    promiseMethod(p, node, chain) {
        const ts = this.ts;
        if (p.expression !== node || !ts.isCallExpression(p.parent) || p.parent.expression !== p)
            return "stop";
        const m = p.name.text;
        if (m === "then") {
            chain.awaited = true;
            if (p.parent.arguments.length > 1)
                chain.swallow ||= !throwsIn(ts, p.parent.arguments[1]);
            return "continue";
        }
        if (m === "catch") {
            chain.swallow ||= !throwsIn(ts, p.parent.arguments[0]);
            return "continue";
        }
        return m === "finally" ? "continue" : "stop";
    }
    /** What a call refers to when it may verify the signature. */
    candidate(call) {
        const ts = this.ts;
        const callee = (0,ast/* unwrap */.oA)(call.expression);
        const name = calleeName(ts, callee);
        if (!name)
            return undefined;
        if (ts.isPropertyAccessExpression(callee) && name === "verify")
            return this.verifyMethod(call, callee);
        if (name === "jwtVerify" || name === "compactVerify")
            return this.joseVerify(call, callee);
        if (ts.isIdentifier(callee))
            return this.namedCall(call, callee.text);
        if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
            const b = this.s.imports.get(callee.expression.text);
            if (b?.imported !== "*")
                return undefined;
            if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(name))
                return { k: "sdk" };
            return { k: "import", spec: b.module, name };
        }
        return undefined;
    }
    /** `receiver.verify({ signature, body })` or jsonwebtoken's `jwt.verify(signature, key)`. */
    verifyMethod(call, callee) {
        const ts = this.ts;
        const root = rootIdentifier(ts, callee);
        if (root && this.s.imports.get(root)?.module === "jsonwebtoken")
            return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
        if (call.arguments.length !== 1)
            return undefined;
        const a = (0,ast/* unwrap */.oA)(call.arguments[0]);
        if (ts.isObjectLiteralExpression(a) && a.properties.some((p) => (0,ast/* propertyNameText */.CC)(p.name) === "signature"))
            return { k: "receiver" };
        const obj = (0,ast/* unwrap */.oA)(callee.expression);
        if (ts.isNewExpression(obj) && (0,ast/* memberPath */.Mb)(obj.expression)?.slice(-1)[0] === "Receiver")
            return { k: "receiver" };
        if (root && (this.s.receivers.has(root) || /receiver/i.test(root)))
            return { k: "receiver" };
        const last = (0,ast/* memberPath */.Mb)(callee.expression)?.slice(-1)[0];
        return last && /receiver/i.test(last) ? { k: "receiver" } : undefined;
    }
    joseVerify(call, callee) {
        const ts = this.ts;
        const root = rootIdentifier(ts, callee);
        const b = ts.isIdentifier(callee) ? this.s.imports.get(callee.text) : root ? this.s.imports.get(root) : undefined;
        return b?.module === "jose" && this.mentionsSigning(call) ? { k: "jwt", sync: false } : undefined;
    }
    /** A call of a plain name: an imported function, a local one, or a name bound to an SDK handler. */
    namedCall(call, name) {
        const b = this.s.imports.get(name);
        if (!b) {
            if (this.s.localFns.has(name))
                return { k: "local", name };
            return this.s.sdkBound.has(name) ? { k: "sdk" } : undefined;
        }
        if (QSTASH_MODULE.test(b.module) && /^verifySignature/.test(b.imported))
            return this.isRequestArgument(call.arguments[0]) ? { k: "sdk-misuse", name: b.imported } : { k: "sdk" };
        if (isSdkModule(b.module) && SERVE_NAMES.has(b.imported))
            return { k: "sdk" };
        if (b.module === "jsonwebtoken" && b.imported === "verify")
            return this.mentionsSigning(call) ? { k: "jwt", sync: true } : undefined;
        if (b.imported === "*")
            return undefined;
        return { k: "import", spec: b.module, name: b.imported };
    }
    mentionsSigning(call) {
        const ts = this.ts;
        return call.arguments.some((a) => {
            if (SIGNING.test(a.getText(this.s.sf)))
                return true;
            let hit = false;
            (0,ast/* walk */.GG)(a, (n) => {
                if (hit)
                    return false;
                if (ts.isIdentifier(n) && (this.s.varCats.get(n.text) === "header" || HEADER_NAME.test(n.text)))
                    hit = true;
                return undefined;
            });
            return hit;
        });
    }
    /** The request itself (a handler's first parameter), not a handler function. */
    isRequestArgument(a) {
        const ts = this.ts;
        if (!a)
            return false;
        const u = (0,ast/* unwrap */.oA)(a);
        if (!ts.isIdentifier(u))
            return false;
        const first = this.params[this.params.length - 1]?.[0];
        return u.text === first || /^(req|request|event)$/.test(u.text);
    }
    isParam(name) {
        return this.params.some((ps) => ps.includes(name));
    }
    /** Whether a call changes something outside the request: a write, a message, a job, the handler. */
    isEffect(call, awaited) {
        const ts = this.ts;
        if (isDynamicImport(ts, call))
            return false; // loading a module changes nothing
        const callee = (0,ast/* unwrap */.oA)(call.expression);
        const name = calleeName(ts, callee);
        if (!name)
            return awaited;
        if (ts.isIdentifier(callee) && this.isParam(name))
            return !(name === "next" && call.arguments.length > 0);
        if (this.harmlessReceiver(callee, name))
            return false;
        if (SAFE_NAMES.has(name) || HARMLESS_FACTORY.test(name))
            return false;
        if (EFFECT_VERB.test(name))
            return true;
        return awaited && !READ_NAME.test(name);
    }
    /** A method of something that cannot change the world: a safe global, local data, crypto, the request. */
    harmlessReceiver(callee, name) {
        const ts = this.ts;
        const root = rootIdentifier(ts, callee);
        if (!root)
            return false;
        if (SAFE_ROOTS.has(root))
            return true;
        const method = !ts.isIdentifier(callee);
        if (method && this.localData.some((d) => d.has(root)))
            return true;
        const rootModule = this.s.imports.get(root)?.module;
        if (rootModule && /^(node:)?crypto$/.test(rootModule))
            return true;
        if (!method)
            return false;
        // Reading the request (req.json(), c.req.header(), event.node.req…) and answering it.
        const first = this.params[this.params.length - 1]?.[0];
        return (root === first || REQUEST_ROOT.test(root)) && (!EFFECT_VERB.test(name) || REQUEST_READ.test(name));
    }
    cond(e, ids) {
        return classify(this.s, e, ids);
    }
    at(n) {
        return this.s.loc(n.getStart(this.s.sf), n.getEnd());
    }
}
function isSdkModule(module) {
    return QSTASH_MODULE.test(module) || WORKFLOW_MODULE.test(module);
}
function isShortCircuit(ts, op) {
    return (op === ts.SyntaxKind.AmpersandAmpersandToken ||
        op === ts.SyntaxKind.BarBarToken ||
        op === ts.SyntaxKind.QuestionQuestionToken);
}
/** The last function argument of a call (`withLogging(opts, async (req) => …)`). */
function lastCallback(ts, call) {
    return [...call.arguments]
        .reverse()
        .map((a) => (0,ast/* unwrap */.oA)(a))
        .find((a) => isFunctionNode(ts, a));
}
/** Where a promise-chain step continues from: the call of `.then(…)`, or the wrapper itself. */
function chainParent(ts, p, node) {
    if (ts.isPropertyAccessExpression(p) && p.expression === node)
        return p.parent;
    if (ts.isArrayLiteralExpression(p))
        return p.parent;
    return p;
}
function idsFrom(evs, first) {
    const out = [];
    const visit = (list) => {
        for (const e of list) {
            if (e.t === "call" && e.id >= first)
                out.push(e.id);
            else if (e.t === "if") {
                visit(e.then);
                visit(e.else);
            }
        }
    };
    visit(evs);
    return out;
}
/** A function that returns `receiver.verify(…)` (without `async`) still hands back a Promise. */
function returnsVerifyPromise(body) {
    for (let i = 0; i < body.length - 1; i++) {
        const e = body[i];
        const next = body[i + 1];
        if (e.t === "call" && next.t === "exit" && (e.ref.k === "receiver" || (e.ref.k === "jwt" && !e.ref.sync)))
            return true;
    }
    return false;
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/url-value.ts

const UNKNOWN = { s: [{ u: 1 }] };
const URL_BUILDER = /url|uri|link|href|endpoint|route|path/i;
/** Evaluate an expression to a value; `depth` bounds constant chasing. */
function evaluate(node, scope, depth = 0) {
    const { ts } = scope;
    if (!node || depth > 12)
        return UNKNOWN;
    const e = (0,ast/* unwrap */.oA)(node);
    const literal = (0,ast/* stringValue */.r$)(e);
    if (literal !== undefined)
        return { s: [literal] };
    if (ts.isTemplateExpression(e))
        return template(e, scope, depth);
    if (ts.isBinaryExpression(e))
        return binary(e, scope, depth);
    if (ts.isIdentifier(e))
        return identifierValue(e.text, [], scope, depth);
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
        return member(e, scope, depth);
    if (ts.isNewExpression(e) && (0,ast/* memberPath */.Mb)(e.expression)?.join(".") === "URL")
        return newUrl(e, scope, depth);
    if (ts.isCallExpression(e))
        return call(e, scope, depth);
    if (ts.isObjectLiteralExpression(e))
        return object(e, scope, depth);
    return UNKNOWN;
}
function template(e, scope, depth) {
    const parts = [e.head.text];
    for (const span of e.templateSpans) {
        parts.push(...asString(evaluate(span.expression, scope, depth + 1)));
        parts.push(span.literal.text);
    }
    return { s: normalise(parts) };
}
function binary(e, scope, depth) {
    const k = scope.ts.SyntaxKind;
    const op = e.operatorToken.kind;
    if (op === k.PlusToken)
        return {
            s: normalise([...asString(evaluate(e.left, scope, depth + 1)), ...asString(evaluate(e.right, scope, depth + 1))]),
        };
    if (op !== k.BarBarToken && op !== k.QuestionQuestionToken)
        return UNKNOWN;
    // `process.env.APP_URL ?? "http://localhost:3000"`: a base URL either way; the fallback shows its shape.
    const right = evaluate(e.right, scope, depth + 1);
    return "s" in right ? { s: [{ u: 1 }] } : UNKNOWN;
}
function member(e, scope, depth) {
    const path = (0,ast/* memberPath */.Mb)(e);
    if (!path || path.length <= 1)
        return UNKNOWN;
    // `.href` / `.toString()` of a URL keep its value.
    if (path[path.length - 1] === "href" && scope.ts.isPropertyAccessExpression(e)) {
        const inner = evaluate(e.expression, scope, depth + 1);
        if ("s" in inner && !isUnknown(inner))
            return inner;
    }
    return identifierValue(path[0], path.slice(1), scope, depth);
}
function newUrl(e, scope, depth) {
    const first = evaluate(e.arguments?.[0], scope, depth + 1);
    const s = "s" in first ? first.s : [];
    // new URL("/api/x", base): a relative first argument is resolved against an unknown base.
    if (typeof s[0] === "string" && s[0].startsWith("/"))
        return { s: normalise([{ u: 1 }, ...s]) };
    return first;
}
function call(e, scope, depth) {
    const { ts } = scope;
    const callee = e.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === "toString" && e.arguments.length === 0)
        return evaluate(callee.expression, scope, depth + 1);
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
    // absoluteUrl("/api/x"), getUrl(`/api/jobs/${id}`): a helper that prefixes the site's base URL.
    if (!URL_BUILDER.test(name) || e.arguments.length < 1)
        return UNKNOWN;
    const arg = evaluate(e.arguments[0], scope, depth + 1);
    if ("s" in arg && typeof arg.s[0] === "string" && arg.s[0].startsWith("/"))
        return { s: normalise([{ u: 1 }, ...arg.s]) };
    // joinUrl(base, "/api/x")
    const last = evaluate(e.arguments[e.arguments.length - 1], scope, depth + 1);
    if (e.arguments.length >= 2 && "s" in last && typeof last.s[0] === "string" && last.s[0].startsWith("/"))
        return { s: normalise([{ u: 1 }, ...last.s]) };
    return UNKNOWN;
}
function object(e, scope, depth) {
    const { ts } = scope;
    const o = {};
    for (const p of e.properties) {
        if (ts.isPropertyAssignment(p)) {
            const key = (0,ast/* propertyNameText */.CC)(p.name);
            if (key !== undefined)
                o[key] = evaluate(p.initializer, scope, depth + 1);
        }
        else if (ts.isShorthandPropertyAssignment(p))
            o[p.name.text] = identifierValue(p.name.text, [], scope, depth);
    }
    return { o };
}
function identifierValue(name, path, scope, depth) {
    const paramIndex = scope.params?.indexOf(name) ?? -1;
    if (paramIndex !== -1 && path.length === 0)
        return { s: [{ param: paramIndex }] };
    const init = scope.consts.get(name);
    if (init)
        return url_value_select(evaluate(init, scope, depth + 1), path);
    const imp = scope.imports.get(name);
    if (imp && !imp.module.startsWith("node:") && imp.imported !== "*")
        return { s: [{ ref: { spec: imp.module, path: [imp.imported, ...path] } }] };
    if (imp && imp.imported === "*" && path.length)
        return { s: [{ ref: { spec: imp.module, path } }] };
    return UNKNOWN;
}
/** A property path into a value (object literals only). */
function url_value_select(v, path) {
    let cur = v;
    for (const key of path) {
        if ("o" in cur && cur.o[key])
            cur = cur.o[key];
        else if ("s" in cur && cur.s.length === 1 && typeof cur.s[0] === "object" && "ref" in cur.s[0]) {
            const r = cur.s[0].ref;
            cur = { s: [{ ref: { spec: r.spec, path: [...r.path, key] } }] };
        }
        else
            return UNKNOWN;
    }
    return cur;
}
function asString(v) {
    return "s" in v ? v.s : [{ u: 1 }];
}
function isUnknown(v) {
    return "s" in v && v.s.every((p) => typeof p === "object" && "u" in p);
}
/** Merge adjacent literal parts and adjacent unknowns. */
function normalise(parts) {
    const out = [];
    for (const p of parts) {
        if (p === "")
            continue;
        const prev = out[out.length - 1];
        if (typeof p === "string" && typeof prev === "string")
            out[out.length - 1] = prev + p;
        else if (typeof p === "object" && "u" in p && typeof prev === "object" && prev && "u" in prev)
            continue;
        else
            out.push(p);
    }
    return out;
}
/** Whether a value still depends on imports or parameters. */
function isSymbolic(v) {
    if ("o" in v)
        return Object.values(v.o).some(isSymbolic);
    return v.s.some((p) => typeof p === "object" && ("ref" in p || "param" in p));
}
/**
 * The URL path a fully resolved string value targets, with "*" for unknown segments; undefined when
 * no path can be told (the whole URL is unknown). A leading unknown is the base URL and is dropped.
 */
function urlPath(parts) {
    let text = "";
    for (const p of parts)
        text += typeof p === "string" ? p : "\0";
    text = text.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "");
    if (text.startsWith("\0")) {
        // The leading unknown is the base URL: `${base}/api/x`, `${proto}://${host}/api/x`,
        // `${host}:3000/api/x`, or `${base}api/x` when the base ends with a slash.
        let rest = text.replace(/^\0+/, "");
        const afterScheme = rest.startsWith("://");
        if (afterScheme)
            rest = rest.slice(3);
        const firstSlash = rest.indexOf("/");
        const head = firstSlash === -1 ? rest : rest.slice(0, firstSlash);
        if (afterScheme || /[.:]/.test(head))
            rest = firstSlash === -1 ? "" : rest.slice(firstSlash);
        else if (!rest.startsWith("/"))
            rest = "/" + rest;
        text = rest;
    }
    if (!text.startsWith("/"))
        return undefined;
    text = text.split(/[?#]/)[0];
    const segs = text.split("/").map((seg) => (seg.includes("\0") ? "*" : seg));
    const path = segs.join("/");
    // Nothing known but slashes: the publisher's path is itself unknown.
    if (!/[^/*]/.test(path))
        return undefined;
    return path;
}
/** The host a literal URL names, if any (for Cloudflare Workers: `*.workers.dev`). */
function urlHost(parts) {
    const first = parts[0];
    if (typeof first !== "string")
        return undefined;
    const m = /^[a-z][a-z0-9+.-]*:\/\/([^/:]+)/i.exec(first);
    return m?.[1]?.toLowerCase();
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/publishers.ts




const PUBLISH_METHODS = new Set(["publish", "publishJSON", "enqueue", "enqueueJSON"]);
/** Option keys that name a URL QStash will call, and which delivery reaches it. */
const KEY_ROLES = {
    url: "destination",
    destination: "destination",
    callback: "callback",
    failureCallback: "failure-callback",
    failureUrl: "failure-callback",
};
/** The same URLs given as headers (`Upstash-Callback: https://…`). */
const HEADER_ROLES = {
    "upstash-callback": "callback",
    "upstash-failure-callback": "failure-callback",
};
const PUBLISH_APIS = [
    { test: (m) => PUBLISH_METHODS.has(m), keys: ["url", "callback", "failureCallback"], shape: "object" },
    { test: (m) => m === "batch" || m === "batchJSON", keys: ["url", "callback", "failureCallback"], shape: "array" },
    {
        test: (m, owner) => m === "create" && owner === "schedules",
        keys: ["destination", "callback", "failureCallback"],
        shape: "object",
    },
    {
        test: (m, owner) => m === "addEndpoints" && (owner === "urlGroups" || owner === "topics"),
        keys: ["url"],
        shape: "endpoints",
    },
    { test: (m, _owner, wf) => m === "trigger" && wf, keys: ["url", "failureUrl"], shape: "array-or-object" },
];
const FETCH_MODULE = /^(node-fetch|cross-fetch|undici|isomorphic-fetch)$/;
/** The QStash REST API's publishing paths: what follows is the destination URL. */
const REST_PUBLISH = /\/v[12]\/(publish|enqueue\/[^/]+|schedules)\//;
/** QStash publish calls and the URL values they target. */
function publishers(m) {
    const out = [];
    const workflowish = /@upstash\/workflow|qstash/i.test(m.sf.text);
    for (const n of m.calls) {
        const found = targetsOf(m, n, workflowish);
        if (!found)
            continue;
        const top = topLevelFunction(m.ts, n, m.fnNodes);
        const scope = {
            ...m.scope,
            consts: new Map([...m.scope.consts, ...localConsts(m.ts, n)]),
            ...(top ? { params: top.params } : {}),
        };
        for (const t of found.targets)
            out.push(publishFact(m, t, scope, found.api, top?.name));
    }
    return out;
}
function publishFact(m, t, scope, api, fn) {
    const { ts } = m;
    const value = t.value ? restValue(t.value) : evaluate(t.node, scope);
    const method = t.role === "destination" && t.obj ? property(ts, t.obj, "method") : undefined;
    const methodName = method ? (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(method))?.toUpperCase() : undefined;
    const note = t.role === "destination"
        ? "QStash delivers messages to this URL"
        : t.role === "callback"
            ? "QStash calls this URL with the result of each delivery"
            : "QStash calls this URL when a delivery fails";
    return {
        kind: "publish",
        value,
        ...(methodName ? { method: methodName } : method ? { method: "*" } : {}),
        at: m.loc(t.node.getStart(m.sf), t.node.getEnd(), note),
        ...(fn ? { fn } : {}),
        api,
        ...(t.role !== "destination" ? { role: t.role } : {}),
    };
}
/** The URLs one call hands to QStash, if it publishes. */
function targetsOf(m, n, workflowish) {
    const { ts } = m;
    const callee = (0,ast/* unwrap */.oA)(n.expression);
    if (ts.isIdentifier(callee))
        return identifierCall(m, n, callee.text);
    if (!ts.isPropertyAccessExpression(callee))
        return undefined;
    const method = callee.name.text;
    const owner = (0,ast/* memberPath */.Mb)(callee.expression)?.slice(-1)[0];
    const api = PUBLISH_APIS.find((a) => a.test(method, owner, workflowish));
    if (!api)
        return undefined;
    const targets = optionObjects(ts, n.arguments[0], api.shape).flatMap((o) => urlsOf(ts, o, api.keys));
    return targets.length ? { api: method, targets } : undefined;
}
/** `serve(fn, { failureUrl })` of @upstash/workflow, and `fetch("https://qstash.upstash.io/v2/publish/…")`. */
function identifierCall(m, n, name) {
    const { ts } = m;
    const b = m.imports.get(name);
    if (b && (WORKFLOW_MODULE.test(b.module) || QSTASH_MODULE.test(b.module)) && SERVE_NAMES.has(b.imported)) {
        const opts = n.arguments[1] && (0,ast/* unwrap */.oA)(n.arguments[1]);
        const targets = opts && ts.isObjectLiteralExpression(opts) ? urlsOf(ts, opts, ["failureUrl"]) : [];
        return targets.length ? { api: b.imported, targets } : undefined;
    }
    if (name !== "fetch" || (b && !FETCH_MODULE.test(b.module)) || !n.arguments[0])
        return undefined;
    const url = evaluate(n.arguments[0], { ...m.scope, consts: new Map([...m.scope.consts, ...localConsts(ts, n)]) });
    if (!("s" in url) || !restDestination(url.s))
        return undefined;
    const init = n.arguments[1] && (0,ast/* unwrap */.oA)(n.arguments[1]);
    const targets = [{ node: n.arguments[0], role: "destination", value: url }];
    if (init && ts.isObjectLiteralExpression(init))
        targets.push(...headerUrls(ts, init));
    return { api: "fetch", targets };
}
/** A REST publish URL's destination part. */
function restValue(v) {
    const dest = "s" in v ? restDestination(v.s) : undefined;
    return dest ? { s: dest } : v;
}
/** `…/v2/publish/<destination>` → the destination's parts. */
function restDestination(parts) {
    for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (typeof p !== "string")
            continue;
        const hit = REST_PUBLISH.exec(p);
        if (hit)
            return normalise([p.slice(hit.index + hit[0].length), ...parts.slice(i + 1)]);
    }
    return undefined;
}
function optionObjects(ts, arg, shape) {
    const u = arg && (0,ast/* unwrap */.oA)(arg);
    if (!u)
        return [];
    const objects = (list) => list.map((x) => (0,ast/* unwrap */.oA)(x)).filter((x) => ts.isObjectLiteralExpression(x));
    if (ts.isArrayLiteralExpression(u))
        return shape === "array" || shape === "array-or-object" ? objects(u.elements) : [];
    if (!ts.isObjectLiteralExpression(u) || shape === "array")
        return [];
    if (shape !== "endpoints")
        return [u];
    const eps = property(ts, u, "endpoints");
    return eps && ts.isArrayLiteralExpression((0,ast/* unwrap */.oA)(eps))
        ? objects((0,ast/* unwrap */.oA)(eps).elements)
        : [];
}
/** The URL options of one option object, with the callbacks given as headers. */
function urlsOf(ts, o, keys) {
    const out = [];
    for (const k of keys) {
        const v = property(ts, o, k);
        if (v)
            out.push({ node: v, obj: o, role: KEY_ROLES[k] });
    }
    return [...out, ...headerUrls(ts, o)];
}
/** `headers: { "Upstash-Callback": url, "Upstash-Failure-Callback": url }`. */
function headerUrls(ts, o) {
    const h = property(ts, o, "headers");
    const headers = h && (0,ast/* unwrap */.oA)(h);
    if (!headers || !ts.isObjectLiteralExpression(headers))
        return [];
    const out = [];
    for (const p of headers.properties) {
        const role = ts.isPropertyAssignment(p) ? HEADER_ROLES[((0,ast/* propertyNameText */.CC)(p.name) ?? "").toLowerCase()] : undefined;
        if (role && ts.isPropertyAssignment(p))
            out.push({ node: p.initializer, role });
    }
    return out;
}
/** Calls that pass a path-like string to a function (publish wrappers: `enqueue("/api/jobs/x")`). */
function callArgs(m) {
    const { ts } = m;
    const out = [];
    const localsCache = new Map();
    for (const n of m.calls) {
        if (!n.arguments.length)
            continue;
        const ref = calleeRef(m, n);
        if (!ref || !n.arguments.some((a) => pathish(m, a)))
            continue;
        const top = topLevelFunction(ts, n, m.fnNodes);
        let scope = { ...m.scope, ...(top ? { params: top.params } : {}) };
        if (n.arguments.some((a) => readsLocals(m, a, top?.params))) {
            const fn = enclosingFunctionNode(ts, n);
            if (fn) {
                let locals = localsCache.get(fn);
                if (!locals)
                    localsCache.set(fn, (locals = localConsts(ts, n)));
                scope = { ...scope, consts: new Map([...m.scope.consts, ...locals]) };
            }
        }
        const args = n.arguments.map((a) => {
            if (!pathish(m, a))
                return null;
            const v = evaluate(a, scope);
            return "s" in v && v.s.some((p) => (typeof p === "string" ? p.includes("/") : "ref" in p)) ? v : null;
        });
        if (args.some((a) => a))
            out.push({ kind: "call-args", callee: ref, args });
    }
    return out;
}
function calleeRef(m, n) {
    const { ts } = m;
    const callee = (0,ast/* unwrap */.oA)(n.expression);
    if (ts.isIdentifier(callee)) {
        const b = m.imports.get(callee.text);
        if (b && b.imported !== "*")
            return { k: "import", spec: b.module, name: b.imported };
        return m.fnNodes.has(callee.text) ? { k: "local", name: callee.text } : undefined;
    }
    if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) {
        const b = m.imports.get(callee.expression.text);
        if (b?.imported === "*")
            return { k: "import", spec: b.module, name: callee.name.text };
    }
    return undefined;
}
/** Cheap test first: most calls pass objects, callbacks or values that are no path at all. */
function pathish(m, a) {
    const { ts } = m;
    const u = (0,ast/* unwrap */.oA)(a);
    if (ts.isStringLiteral(u) || ts.isNoSubstitutionTemplateLiteral(u))
        return u.text.includes("/");
    if (ts.isTemplateExpression(u))
        return u.head.text.includes("/") || u.templateSpans.some((sp) => sp.literal.text.includes("/"));
    if (ts.isBinaryExpression(u))
        return u.operatorToken.kind === ts.SyntaxKind.PlusToken;
    if (ts.isIdentifier(u)) {
        // A constant holding an object, a call or a function is no path (and costly to evaluate).
        const init = m.scope.consts.get(u.text);
        const x = init && (0,ast/* unwrap */.oA)(init);
        return (!x ||
            ts.isStringLiteral(x) ||
            ts.isNoSubstitutionTemplateLiteral(x) ||
            ts.isTemplateExpression(x) ||
            ts.isBinaryExpression(x) ||
            ts.isIdentifier(x));
    }
    return ts.isPropertyAccessExpression(u);
}
/** Whether an argument names something that is neither a file constant, an import nor a parameter. */
function readsLocals(m, a, params) {
    const { ts } = m;
    let local = false;
    (0,ast/* walk */.GG)(a, (k) => {
        if (local)
            return false;
        if (ts.isIdentifier(k) && !m.scope.consts.has(k.text) && !m.scope.imports.has(k.text) && !params?.includes(k.text))
            local = true;
        return undefined;
    });
    return local;
}
/** The top-level function (by name) a node sits in, with its parameter names. */
function topLevelFunction(ts, n, fnNodes) {
    for (const [name, fn] of fnNodes) {
        if (n.pos >= fn.pos && n.end <= fn.end)
            return { name, params: fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : "")) };
    }
    return undefined;
}
/** `const` declarations of the functions around a node (nearest last). */
function localConsts(ts, n) {
    const out = new Map();
    for (let p = n.parent; p && !ts.isSourceFile(p); p = p.parent) {
        const body = ts.isFunctionDeclaration(p) || ts.isArrowFunction(p) || ts.isFunctionExpression(p) || ts.isMethodDeclaration(p)
            ? p.body
            : undefined;
        if (!body)
            continue;
        (0,ast/* walk */.GG)(body, (k) => {
            if (ts.isVariableDeclaration(k) && ts.isIdentifier(k.name) && k.initializer && !out.has(k.name.text))
                out.set(k.name.text, k.initializer);
            return undefined;
        });
    }
    return out;
}
/** Request helpers whose first argument is the URL (`fetch("/api/x")`, `axios.post("/api/x")`). */
const APP_FETCH = /^(fetch|\$fetch|ofetch|useFetch|useSWR|axios|ky)$/;
const APP_FETCH_METHOD = /^(get|post|put|patch|delete|request)$/;
/**
 * The app's own requests to its routes: a same-origin `fetch("/api/x", { method })` (a relative URL,
 * so browser code) says the route serves the app's UI. Absolute URLs are left out: server code that
 * calls its own API by URL says nothing either way.
 */
function appCalls(m) {
    const { ts } = m;
    const out = [];
    for (const n of m.calls) {
        const callee = (0,ast/* unwrap */.oA)(n.expression);
        const path = (0,ast/* memberPath */.Mb)(callee);
        if (!path || !n.arguments[0])
            continue;
        const viaMethod = path.length === 2 && APP_FETCH.test(path[0]) && APP_FETCH_METHOD.test(path[1]);
        if (!(path.length === 1 && APP_FETCH.test(path[0])) && !viaMethod)
            continue;
        const v = evaluate(n.arguments[0], m.scope);
        if (!("s" in v) || typeof v.s[0] !== "string" || !v.s[0].startsWith("/") || v.s[0].startsWith("//"))
            continue;
        const url = v.s.map((p) => (typeof p === "string" ? p : "*")).join("");
        const init = n.arguments[1] && (0,ast/* unwrap */.oA)(n.arguments[1]);
        const method = viaMethod
            ? path[1].toUpperCase()
            : (init && ts.isObjectLiteralExpression(init) && (0,ast/* stringValue */.r$)(property(ts, init, "method"))?.toUpperCase()) ||
                "GET";
        out.push({ kind: "app-call", path: url.split(/[?#]/)[0], method });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/registrations.ts




const registrations_SERVER_MODULES = /^(express|hono|hono\/.*|@hono\/.*|fastify|itty-router|elysia|koa-router|@koa\/router|h3|polka|restify|@fastify\/.*)$/;
const ROUTER_METHODS = new Set(["get", "post", "put", "patch", "delete", "all", "use", "options", "head"]);
const FASTIFY_HOOKS = ["preHandler", "preValidation", "onRequest", "preParsing"];
/** Route middleware that parses, validates, logs or limits: no credential check. */
const PLUMBING_MW = /^(json|raw|text|urlencoded|cors|helmet|compression|morgan|logger|single|array|fields|none|any|validate\w*|zValidator|vValidator|validator|rateLimit\w*|limiter|upload)$/;
function registrations(m, basePaths) {
    const prefixes = new Map();
    for (const [name, e] of basePaths) {
        const p = pathOf(m, e);
        if (p)
            prefixes.set(name, p.replace(/\/$/, ""));
    }
    const globals = new Map();
    const pending = [];
    for (const n of m.calls) {
        const r = parseCall(m, n, globals);
        const fact = r && handlerFact(m, n, r, prefixes);
        if (fact)
            pending.push({ obj: r.obj.split(".")[0], fact });
    }
    const out = [];
    for (const { obj, fact } of pending) {
        for (const g of globals.get(obj) ?? []) {
            if (!g.prefix || fact.pattern === g.prefix || fact.pattern.startsWith(g.prefix + "/"))
                fact.mws.push(g.h);
        }
        out.push(fact);
    }
    const unused = pending.length ? unusedImports(m) : [];
    if (unused.length)
        out.push({ kind: "unused-imports", imports: unused });
    return out;
}
function pathOf(m, e) {
    if (!e)
        return undefined;
    const v = evaluate(e, m.scope);
    return "s" in v && v.s.length === 1 && typeof v.s[0] === "string" && v.s[0].startsWith("/") ? v.s[0] : undefined;
}
function addGlobal(globals, obj, prefix, hs) {
    const list = globals.get(obj) ?? [];
    for (const h of hs)
        list.push({ prefix, h });
    globals.set(obj, list);
}
/** A registration call, or undefined (after recording any global middleware it adds). */
function parseCall(m, n, globals) {
    const { ts } = m;
    const callee = (0,ast/* unwrap */.oA)(n.expression);
    if (!ts.isPropertyAccessExpression(callee))
        return undefined;
    const method = callee.name.text;
    let objExpr = (0,ast/* unwrap */.oA)(callee.expression);
    let path;
    // app.route("/x").post(handler)
    if (ts.isCallExpression(objExpr) &&
        ts.isPropertyAccessExpression(objExpr.expression) &&
        objExpr.expression.name.text === "route" &&
        ROUTER_METHODS.has(method)) {
        path = pathOf(m, objExpr.arguments[0]);
        objExpr = (0,ast/* unwrap */.oA)(objExpr.expression.expression);
    }
    const obj = (0,ast/* memberPath */.Mb)(objExpr)?.join(".");
    if (!obj)
        return undefined;
    const args = [...n.arguments];
    if (method === "route" && args.length === 1 && ts.isObjectLiteralExpression((0,ast/* unwrap */.oA)(args[0])))
        return fastifyRoute(m, obj, (0,ast/* unwrap */.oA)(args[0]));
    if (method === "on" && args.length >= 3)
        return honoOn(m, obj, args);
    if (method === "addHook") {
        const hook = args.length === 2 ? (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(args[0])) : undefined;
        if (hook && FASTIFY_HOOKS.includes(hook))
            addGlobal(globals, obj, "", [m.lowerer.hexpr(args[1], m.consts)]);
        return undefined;
    }
    if (!ROUTER_METHODS.has(method))
        return undefined;
    return routerMethod(m, n, { obj, method, path, args }, globals);
}
/** fastify.route({ method, url, handler, preHandler }) */
function fastifyRoute(m, obj, o) {
    const { ts } = m;
    const path = pathOf(m, property(ts, o, "url") ?? property(ts, o, "path"));
    const h = property(ts, o, "handler");
    if (path === undefined || !h)
        return undefined;
    const mv = property(ts, o, "method");
    const ms = mv && ts.isArrayLiteralExpression((0,ast/* unwrap */.oA)(mv))
        ? (0,ast/* unwrap */.oA)(mv).elements.map((x) => (0,ast/* stringValue */.r$)(x))
        : [mv && (0,ast/* stringValue */.r$)((0,ast/* unwrap */.oA)(mv))];
    const methods = ms.every((x) => x) ? ms.map((x) => x.toUpperCase()) : "*";
    return { obj, path, methods, handlers: [h], hooks: hooksOf(ts, o) };
}
/** hono: app.on("POST", "/x", handler) */
function honoOn(m, obj, args) {
    const { ts } = m;
    const first = (0,ast/* unwrap */.oA)(args[0]);
    const ms = ts.isArrayLiteralExpression(first) ? first.elements.map((x) => (0,ast/* stringValue */.r$)(x)) : [(0,ast/* stringValue */.r$)(first)];
    const path = pathOf(m, args[1]);
    if (!ms.every((x) => x) || path === undefined)
        return undefined;
    return { obj, path, methods: ms.map((x) => x.toUpperCase()), handlers: args.slice(2), hooks: [] };
}
/** app.post("/x", mw, handler), app.use("/prefix", mw), app.use(mw), Fastify's app.post(path, opts, h). */
function routerMethod(m, n, call, globals) {
    const { ts } = m;
    const { obj, method } = call;
    let { path, args } = call;
    if (path === undefined) {
        path = pathOf(m, args[0]);
        if (path !== undefined)
            args = args.slice(1);
        else if (ts.isArrayLiteralExpression((0,ast/* unwrap */.oA)(args[0] ?? n)))
            return undefined;
    }
    if (method === "use" && path === undefined) {
        addGlobal(globals, obj, "", args.map((a) => m.lowerer.hexpr(a, m.consts)));
        return undefined;
    }
    if (path === undefined || !args.length)
        return undefined;
    if (method === "use") {
        // app.use("/prefix", mw…): middleware for the routes under the prefix (and maybe a handler).
        const prefix = path.replace(/\/?\*+$/, "").replace(/\/$/, "");
        addGlobal(globals, obj, prefix, args.map((a) => m.lowerer.hexpr(a, m.consts)));
    }
    const methods = method === "all" || method === "use" ? "*" : [method.toUpperCase()];
    // Fastify: app.post(path, { preHandler }, handler)
    const opts = args.length >= 2 ? (0,ast/* unwrap */.oA)(args[0]) : undefined;
    if (opts && ts.isObjectLiteralExpression(opts))
        return { obj, path, methods, handlers: args.slice(1), hooks: hooksOf(ts, opts) };
    return { obj, path, methods, handlers: args, hooks: [] };
}
function hooksOf(ts, o) {
    const hs = [];
    for (const key of FASTIFY_HOOKS) {
        const v = property(ts, o, key);
        if (!v)
            continue;
        const u = (0,ast/* unwrap */.oA)(v);
        if (ts.isArrayLiteralExpression(u))
            hs.push(...u.elements);
        else
            hs.push(u);
    }
    return hs;
}
function handlerFact(m, n, r, prefixes) {
    const { ts, sf, lowerer, consts } = m;
    if (!r.handlers.length)
        return undefined;
    const mws = r.hooks.map((x) => lowerer.hexpr(x, consts));
    const last = r.handlers[r.handlers.length - 1];
    for (const x of r.handlers.slice(0, -1))
        mws.push(lowerer.hexpr(x, consts));
    const h = lowerer.hexpr(last, consts);
    if (h.t === "unknown")
        return undefined;
    const prefix = prefixes.get(r.obj.split(".")[0]) ?? "";
    const pattern = prefix + r.path;
    const reads = r.handlers.map((a) => {
        const u = (0,ast/* unwrap */.oA)(a);
        return ts.isIdentifier(u) && m.fnNodes.has(u.text) ? m.fnNodes.get(u.text) : u;
    });
    return {
        kind: "handler",
        pattern,
        suffix: true,
        framework: "router",
        methods: r.methods,
        h,
        mws,
        at: m.loc(n.getStart(sf), (n.arguments[0] ?? n).getEnd()),
        name: `${r.methods === "*" ? "ALL" : r.methods.join("|")} ${pattern}`,
        reads: m.readsIn(reads),
        receivingImport: m.receivingImport && r.handlers.some((x) => /verify|receiver|signature|serve/i.test(x.getText(sf))),
        route: shapeOf(m, r, pattern, last),
    };
}
/** How a route is registered, for comparing it with the routes around it. */
function shapeOf(m, r, pattern, last) {
    const section = pattern
        .split("/")
        .find((seg) => seg && !seg.startsWith(":") && !seg.includes("*") && !GENERIC_SEGMENT.test(seg));
    const from = handlerModule(m, last);
    const otherMws = [...r.hooks, ...r.handlers.slice(0, -1)]
        .map((x) => middlewareName(m.ts, x))
        .filter((name) => !PLUMBING_MW.test(name));
    return {
        router: r.obj.split(".")[0],
        ...(section ? { section } : {}),
        ...(from ? { handlerFrom: from } : {}),
        otherMws,
    };
}
/** The module an imported handler (`handleX`, `controller.handleX`) comes from. */
function handlerModule(m, e) {
    const { ts } = m;
    const u = (0,ast/* unwrap */.oA)(e);
    const root = ts.isIdentifier(u) ? u.text : ts.isPropertyAccessExpression(u) ? (0,ast/* memberPath */.Mb)(u)?.[0] : undefined;
    return root ? m.imports.get(root)?.module : undefined;
}
/** `express.json()` → "json", `requireAuth` → "requireAuth", `auth.check()` → "check". */
function middlewareName(ts, e) {
    let u = (0,ast/* unwrap */.oA)(e);
    while (ts.isCallExpression(u))
        u = (0,ast/* unwrap */.oA)(u.expression);
    return (0,ast/* memberPath */.Mb)(u)?.slice(-1)[0] ?? "";
}
/**
 * Imports nothing in the file refers to: declaration names and import clauses do not count. Only
 * modules of the app itself (relative or aliased paths) — an unused package import says nothing.
 */
function unusedImports(m) {
    const { ts } = m;
    const used = new Set();
    (0,ast/* walk */.GG)(m.sf, (n) => {
        if (ts.isImportDeclaration(n))
            return false;
        if (ts.isIdentifier(n) && !isDeclarationName(ts, n))
            used.add(n.text);
        return undefined;
    });
    const out = [];
    for (const [local, b] of m.imports) {
        if (used.has(local) || b.imported === "*" || !/^(\.|@\/|~\/|#|\$lib)/.test(b.module))
            continue;
        out.push({ spec: b.module, name: b.imported, local });
    }
    return out;
}
function isDeclarationName(ts, n) {
    const p = n.parent;
    return ((ts.isBindingElement(p) && (p.name === n || p.propertyName === n)) || (ts.isVariableDeclaration(p) && p.name === n));
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/extract.ts










const HTTP = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
/** Text that makes a function worth lowering even when nothing routes to it directly. */
const VERIFY_HINT = /verif|signature|receiver|qstash|upstash|jwt|secret|token|auth|api.?key|bearer|serve|workflow|handler|next\(/i;
const MIDDLEWARE_FILE = /(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/;
function extract(ts, sf, path, loc) {
    const imports = (0,ast/* importBindings */.eN)(sf);
    const { fnNodes, consts } = topLevel(ts, sf);
    const scan = scanFile(ts, sf, imports);
    const lowerer = new Lowerer({
        ts,
        sf,
        loc,
        imports: scan.dynamicImports.size ? new Map([...imports, ...scan.dynamicImports]) : imports,
        localFns: new Set(fnNodes.keys()),
        receivers: scan.receivers,
        varCats: scan.varCats,
        sdkBound: sdkBound(ts, consts, imports),
    });
    const scope = {
        ts,
        consts,
        imports: new Map([...imports].map(([k, b]) => [k, { module: b.module, imported: b.imported }])),
    };
    const m = {
        ts,
        sf,
        path,
        loc,
        imports,
        fnNodes,
        consts,
        scope,
        lowerer,
        calls: scan.calls,
        readsIn: (nodes) => readsIn(sf, scan.headerReads, nodes),
        receivingImport: [...imports.values(), ...scan.dynamicImports.values()].some((b) => extract_isSdkModule(b.module) && RECEIVING_NAMES.test(b.imported)),
    };
    const { exported, table } = exportsOf(ts, sf);
    const module = moduleFact(m, exported, table);
    const route = routeOfFile(path);
    const facts = [module, ...publishers(m), ...callArgs(m), ...appCalls(m)];
    if (route)
        facts.push(...fileRouteHandlers(m, route, exported, module));
    if ([...imports.values()].some((b) => registrations_SERVER_MODULES.test(b.module)))
        facts.push(...registrations(m, scan.basePaths));
    facts.push(...workerHandlers(m));
    const mw = MIDDLEWARE_FILE.test(path) ? middleware(m, exported) : undefined;
    if (mw)
        facts.push(mw);
    return { facts, fallbacks: scan.fallbacks };
}
function extract_isSdkModule(module) {
    return QSTASH_MODULE.test(module) || WORKFLOW_MODULE.test(module);
}
/** Top-level names bound to an SDK handler that verifies (`const handler = serve(…)`). */
function sdkBound(ts, consts, imports) {
    const out = new Set();
    for (const [name, init] of consts) {
        const u = (0,ast/* unwrap */.oA)(init);
        const callee = ts.isCallExpression(u) ? (0,ast/* unwrap */.oA)(u.expression) : undefined;
        const b = callee && ts.isIdentifier(callee) ? imports.get(callee.text) : undefined;
        if (b && extract_isSdkModule(b.module) && (SERVE_NAMES.has(b.imported) || /^verifySignature/.test(b.imported)))
            out.add(name);
    }
    return out;
}
function readsIn(sf, reads, nodes) {
    return [
        ...new Set(reads.filter((r) => nodes.some((n) => r.pos >= n.getStart(sf) && r.pos < n.getEnd())).map((r) => r.name)),
    ];
}
/** A route, server, middleware or Worker file: handlers may be defined anywhere in it. */
function isServerFile(m) {
    return (Boolean(routeOfFile(m.path)) ||
        [...m.imports.values()].some((b) => registrations_SERVER_MODULES.test(b.module)) ||
        MIDDLEWARE_FILE.test(m.path) ||
        /\bexport\s+default\s*\{/.test(m.sf.text));
}
/** The module's lowered functions, wrapper definitions, exports and constants. */
function moduleFact(m, exported, table) {
    const { ts, sf, lowerer, consts } = m;
    const module = { kind: "module", fns: {}, defs: {}, exports: table, consts: {} };
    // Lowering every function of every file is the detector's main cost. Route and server files may
    // define handlers anywhere; elsewhere only exports (helpers, wrappers, handlers imported by a
    // router) and functions that mention verification can matter. UI components (.tsx/.jsx) only when
    // they mention it.
    const serverFile = isServerFile(m);
    const exportedLocals = new Set([...exported.values()].flatMap((e) => ("local" in e && e.local ? [e.local] : [])));
    const ui = /\.[jt]sx$/.test(m.path);
    for (const [name, node] of m.fnNodes) {
        const needed = serverFile || (exportedLocals.has(name) && !ui) || VERIFY_HINT.test(node.getText(sf));
        if (needed)
            module.fns[name] = lowerer.fn(node, name);
    }
    for (const [name, init] of consts) {
        const u = (0,ast/* unwrap */.oA)(init);
        if (ts.isCallExpression(u)) {
            const h = lowerer.hexpr(u, consts);
            if (h.t === "wrap")
                module.defs[name] = h;
        }
        const v = evaluate(init, m.scope);
        if (("s" in v && v.s.some((p) => typeof p === "string" || "ref" in p)) || ("o" in v && Object.keys(v.o).length))
            module.consts[name] = v;
    }
    for (const [name, h] of reassignedHandlers(m))
        if (h.t !== "unknown")
            module.defs[name] = h;
    for (const [name, ex] of exported) {
        // An exported expression is known to the project phase by its exported name.
        if ("spec" in ex || ex.local || !ex.expr)
            continue;
        const h = lowerer.hexpr(ex.expr, consts);
        if (h.t === "fn")
            module.fns[name] = h.fn;
        else
            module.defs[name] = h;
        table.names[name] = { local: name };
    }
    return module;
}
/**
 * Top-level `let` handlers that later statements reassign: `let h = handler; if (env.NODE_ENV ===
 * "production") h = verifySignature(handler); export default h` is a choice between the two on that
 * condition, exactly as `export default cond ? verifySignature(handler) : handler` would be.
 */
function reassignedHandlers(m) {
    const { ts, sf, lowerer, consts } = m;
    const current = new Map();
    const assigned = topLevelAssignments(ts, sf);
    if (!assigned.size)
        return current;
    for (const st of sf.statements) {
        if (ts.isVariableStatement(st) && st.declarationList.flags & ts.NodeFlags.Let) {
            for (const d of st.declarationList.declarations)
                if (ts.isIdentifier(d.name) && d.initializer && assigned.has(d.name.text))
                    current.set(d.name.text, lowerer.hexpr(d.initializer, consts, 0, current));
            continue;
        }
        const plain = assignmentsIn(ts, st);
        if (plain) {
            for (const [name, e] of plain)
                if (current.has(name))
                    current.set(name, lowerer.hexpr(e, consts, 0, current));
            continue;
        }
        if (!ts.isIfStatement(st))
            continue;
        const then = assignmentsIn(ts, st.thenStatement) ?? new Map();
        const other = (st.elseStatement && assignmentsIn(ts, st.elseStatement)) ?? new Map();
        for (const name of new Set([...then.keys(), ...other.keys()])) {
            const before = current.get(name);
            if (!before)
                continue;
            const a = then.has(name) ? lowerer.hexpr(then.get(name), consts, 0, current) : before;
            const b = other.has(name) ? lowerer.hexpr(other.get(name), consts, 0, current) : before;
            current.set(name, { t: "choice", cond: lowerer.cond(st.expression, []), a, b });
        }
    }
    return current;
}
/** Names assigned by top-level statements (`x = …` alone or in an `if`). */
function topLevelAssignments(ts, sf) {
    const out = new Set();
    for (const st of sf.statements) {
        const direct = assignmentsIn(ts, st);
        const branches = ts.isIfStatement(st)
            ? [assignmentsIn(ts, st.thenStatement), st.elseStatement && assignmentsIn(ts, st.elseStatement)]
            : [];
        for (const map of [direct, ...branches])
            if (map)
                for (const name of map.keys())
                    out.add(name);
    }
    return out;
}
/** `x = e;` or a block of only such statements: name → assigned expression; undefined otherwise. */
function assignmentsIn(ts, st) {
    const list = ts.isBlock(st) ? [...st.statements] : [st];
    const out = new Map();
    for (const s of list) {
        if (!ts.isExpressionStatement(s))
            return undefined;
        const e = (0,ast/* unwrap */.oA)(s.expression);
        if (!ts.isBinaryExpression(e) || e.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(e.left))
            return undefined;
        out.set(e.left.text, e.right);
    }
    return out.size ? out : undefined;
}
/** The exports of a file-routed module that serve requests (GET, POST, default, …). */
function fileRouteHandlers(m, route, exported, module) {
    const { sf, fnNodes, consts, lowerer } = m;
    const out = [];
    const qstashClient = usesQstashClient(m);
    for (const [name, ex] of exported) {
        const methods = routeMethods(route.framework, name, route.method);
        if (!methods)
            continue;
        const local = "spec" in ex ? undefined : (ex.local ?? name);
        let h;
        if ("spec" in ex)
            h = { t: "ref", ref: { k: "import", spec: ex.spec, name: ex.name } };
        else if (module.fns[local])
            h = { t: "ref", ref: { k: "local", name: local } };
        else
            h = module.defs[local] ?? (consts.has(local) ? lowerer.hexpr(consts.get(local), consts) : { t: "unknown" });
        const nodes = handlerNodes(m, ex.nameNode, local ? fnNodes.get(local) : undefined);
        out.push({
            kind: "handler",
            pattern: route.pattern,
            suffix: false,
            framework: route.framework,
            methods,
            h,
            mws: [],
            at: m.loc(ex.nameNode.getStart(sf), ex.nameNode.getEnd()),
            name,
            reads: m.readsIn(nodes),
            receivingImport: m.receivingImport,
            ...(callsSession(m.ts, nodes) ? { userAuth: true } : {}),
            ...(qstashClient ? { qstashClient: true } : {}),
        });
    }
    return out;
}
/**
 * Whether the module works the publishing side of QStash: it imports the SDK's `Client` (to publish,
 * schedule or cancel messages) or calls a management API on something named for QStash
 * (`qstash.messages.delete(id)`).
 */
function usesQstashClient(m) {
    const { ts } = m;
    if ([...m.imports.values()].some((b) => QSTASH_MODULE.test(b.module) && b.imported === "Client"))
        return true;
    return m.calls.some((c) => {
        const p = ts.isPropertyAccessExpression((0,ast/* unwrap */.oA)(c.expression)) ? (0,ast/* memberPath */.Mb)((0,ast/* unwrap */.oA)(c.expression)) : undefined;
        return (p !== undefined &&
            p.length >= 3 &&
            /qstash/i.test(p[0]) &&
            /^(messages|schedules|queue|dlq|urlGroups|topics)$/.test(p[p.length - 2]));
    });
}
/** Whether the code looks up a signed-in user (next-auth, Clerk, Supabase, Lucia, …). */
function callsSession(ts, nodes) {
    let found = false;
    for (const root of nodes) {
        (0,ast/* walk */.GG)(root, (n) => {
            if (found)
                return false;
            if (!ts.isCallExpression(n))
                return undefined;
            const c = (0,ast/* unwrap */.oA)(n.expression);
            const name = ts.isIdentifier(c) ? c.text : ts.isPropertyAccessExpression(c) ? c.name.text : "";
            if (SESSION_CALL.test(name) ||
                (ts.isPropertyAccessExpression(c) && (0,ast/* memberPath */.Mb)(c)?.includes("auth") && /^get(User|Session)$/.test(name)))
                found = true;
            return undefined;
        });
    }
    return found;
}
/** The code a file-routed handler runs: its export statement and the local functions it names. */
function handlerNodes(m, nameNode, local) {
    const { ts, fnNodes } = m;
    let st = nameNode;
    while (st.parent && !ts.isSourceFile(st.parent))
        st = st.parent;
    const nodes = [st];
    if (local)
        nodes.push(local);
    // Helpers of the same file called from the handler (getSignature(req) reading the header).
    (0,ast/* walk */.GG)(st, (n) => {
        if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && fnNodes.has(n.expression.text))
            nodes.push(fnNodes.get(n.expression.text));
        return undefined;
    });
    return nodes;
}
/**
 * Exported names the rule reads (ES module syntax: handlers are never CommonJS here), with the node
 * a finding points at, and the module's export table for the project phase.
 */
function exportsOf(ts, sf) {
    const all = (0,engine_exports/* moduleExports */.k9)(ts, sf);
    const read = (e) => !e.commonjs &&
        !(e.source.kind === "expression" && e.source.exportEquals) &&
        !(e.source.kind === "reexport" && e.source.name === "*") &&
        !(e.source.kind === "declaration" && ts.isClassDeclaration(e.source.node));
    const exported = new Map();
    for (const e of all.entries)
        if (read(e))
            exported.set(e.name, exportEntry(ts, e));
    return { exported, table: (0,engine_exports/* exportTable */.Zc)(all, read) };
}
function exportEntry(ts, e) {
    const s = e.source;
    if (s.kind === "reexport")
        return { spec: s.specifier, name: s.name, nameNode: s.node };
    if (s.kind === "expression")
        return s.local !== undefined
            ? { nameNode: (0,ast/* unwrap */.oA)(s.expression), local: s.local }
            : { nameNode: s.expression, expr: s.expression };
    if (s.kind === "declaration")
        return { nameNode: ts.getNameOfDeclaration(s.node) ?? s.node, local: s.local };
    if (s.kind === "destructured")
        return { nameNode: s.node.name, expr: s.init };
    return { nameNode: s.node, local: s.local };
}
/** The HTTP methods a file-routed export serves, or undefined when the export is not a handler. */
function routeMethods(fw, name, fileMethod) {
    if (fw === "next-app" || fw === "sveltekit" || fw === "solid") {
        if (HTTP.has(name))
            return [name];
        return fw === "sveltekit" && name === "fallback" ? "*" : undefined;
    }
    if (fw === "pages") {
        if (name === "default" || name === "ALL")
            return "*";
        return HTTP.has(name) ? [name] : undefined;
    }
    if (fw === "nuxt")
        return name === "default" ? (fileMethod ? [fileMethod] : "*") : undefined;
    if (fw === "remix")
        return name === "action" ? ["POST", "PUT", "PATCH", "DELETE"] : name === "loader" ? ["GET"] : undefined;
    return undefined;
}
/** Cloudflare Workers: `export default { fetch(request, env, ctx) { … } }`. */
function workerHandlers(m) {
    const { ts, sf, lowerer, consts } = m;
    const out = [];
    for (const st of sf.statements) {
        if (!ts.isExportAssignment(st) || st.isExportEquals)
            continue;
        const o = (0,ast/* unwrap */.oA)(st.expression);
        if (!ts.isObjectLiteralExpression(o))
            continue;
        for (const p of o.properties) {
            if ((0,ast/* propertyNameText */.CC)(p.name) !== "fetch")
                continue;
            const fnNode = ts.isMethodDeclaration(p)
                ? p
                : ts.isPropertyAssignment(p) && isFunctionNode(ts, (0,ast/* unwrap */.oA)(p.initializer))
                    ? (0,ast/* unwrap */.oA)(p.initializer)
                    : undefined;
            const h = fnNode
                ? { t: "fn", fn: lowerer.fn(fnNode, "fetch") }
                : ts.isPropertyAssignment(p)
                    ? lowerer.hexpr(p.initializer, consts)
                    : { t: "unknown" };
            out.push({
                kind: "handler",
                suffix: false,
                framework: "worker",
                methods: "*",
                h,
                mws: [],
                at: m.loc(p.name.getStart(sf), p.name.getEnd()),
                name: "fetch",
                reads: m.readsIn([p]),
                receivingImport: m.receivingImport,
            });
        }
    }
    return out;
}
/** A Next.js middleware that may verify before every matched route. */
function middleware(m, exported) {
    const ex = exported.get("middleware") ?? exported.get("proxy") ?? exported.get("default");
    if (!ex || "spec" in ex)
        return undefined;
    const h = ex.local
        ? m.fnNodes.has(ex.local)
            ? { t: "ref", ref: { k: "local", name: ex.local } }
            : { t: "unknown" }
        : m.lowerer.hexpr(ex.expr, m.consts);
    return { kind: "middleware", h, matchers: matchersOf(m.ts, m.sf) };
}
/** `export const config = { matcher: [...] }` of a Next.js middleware. */
function matchersOf(ts, sf) {
    for (const st of sf.statements) {
        if (!ts.isVariableStatement(st))
            continue;
        for (const d of st.declarationList.declarations) {
            if (!ts.isIdentifier(d.name) || d.name.text !== "config" || !d.initializer)
                continue;
            const o = (0,ast/* unwrap */.oA)(d.initializer);
            if (!ts.isObjectLiteralExpression(o))
                continue;
            const matcher = property(ts, o, "matcher");
            if (!matcher)
                return null;
            const u = (0,ast/* unwrap */.oA)(matcher);
            if (ts.isArrayLiteralExpression(u))
                return u.elements.map((e) => (0,ast/* stringValue */.r$)(e) ?? "").filter(Boolean);
            const s = (0,ast/* stringValue */.r$)(u);
            return s ? [s] : null;
        }
    }
    return null;
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/ir.ts
/** Every candidate call in a list of events, depth first. */
function* callsOf(evs) {
    for (const e of evs) {
        if (e.t === "call")
            yield e;
        else if (e.t === "if") {
            yield* callsOf(e.then);
            yield* callsOf(e.else);
        }
        else if (e.t === "try") {
            yield* callsOf(e.body);
            if (e.handler)
                yield* callsOf(e.handler);
            yield* callsOf(e.fin);
        }
        else if (e.t === "loop" || e.t === "then")
            yield* callsOf(e.body);
    }
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/analysis/interpret.ts

const NONE = { k: "none" };
function clone(s) {
    return { v: s.v, why: s.why, flags: new Set(s.flags), pending: new Set(s.pending) };
}
function verified() {
    return { v: true, why: NONE, flags: new Set(), pending: new Set() };
}
function intersect(a, b) {
    return new Set([...a].filter((x) => b.has(x)));
}
function line(l) {
    return l.range.startLine;
}
function quote(text) {
    const t = text.replace(/\s+/g, " ").trim();
    return "`" + (t.length > 80 ? t.slice(0, 77) + "…" : t) + "`";
}
class Interpreter {
    resolve;
    constructor(resolve) {
        this.resolve = resolve;
    }
    /**
     * Run a function. `asHelper`: its exits hand control back to a caller that goes on, so an exit on an
     * unverified path is a weakness too.
     */
    run(fn, asHelper) {
        const out = {
            attempted: false,
            issues: [],
            passesUnverified: false,
            failsWithValue: false,
            authenticated: false,
        };
        const summaries = new Map();
        for (const c of callsOf(fn.body)) {
            const s = this.resolve(c.ref);
            summaries.set(c.id, s);
            if (s?.qstash) {
                out.attempted = true;
                out.verifyAt ??= c.at;
            }
            else if (s)
                out.authenticated = true;
        }
        const walker = new Walker(out, summaries, asHelper);
        const end = walker.exec(fn.body, { v: false, why: NONE, flags: new Set(), pending: new Set() }, []);
        if (end)
            walker.exit("pass", "nullish", end, [], fn.at);
        walker.judgeExits();
        return out;
    }
}
class Walker {
    out;
    summaries;
    asHelper;
    reportedEffect = false;
    quiet = 0;
    constructor(out, summaries, asHelper) {
        this.out = out;
        this.summaries = summaries;
        this.asHelper = asHelper;
    }
    exec(evs, st, conds) {
        let cur = st;
        for (const e of evs) {
            if (!cur)
                return null;
            cur = this.step(e, cur, conds);
        }
        return cur;
    }
    step(e, st, conds) {
        switch (e.t) {
            case "call":
                return this.call(e, st, conds);
            case "effect":
                this.effect(e.at, e.what, st, conds);
                return st;
            case "decl":
                if (!st.v) {
                    if (e.falsy)
                        st.flags.add(e.name);
                    else
                        st.flags.delete(e.name);
                }
                return st;
            case "assign":
                if (!st.v)
                    st.flags.delete(e.name);
                return st;
            case "exit":
                this.exit(e.kind, e.value ?? "other", st, conds, e.at);
                return null;
            case "if":
                return this.branch(e, st, conds);
            case "try":
                return this.tryStep(e, st, conds);
            case "loop": {
                const body = this.exec(e.body, clone(st), conds);
                return body ? merge(st, body, undefined) : st;
            }
            case "then":
                this.exec(e.body, verified(), conds);
                return st;
        }
    }
    /** A call that may verify: verified after it, or a weakness in how it is called. */
    call(e, st, conds) {
        const s = this.summaries.get(e.id);
        if (!s) {
            if (e.effect)
                this.effect(e.at, `${e.name}()`, st, conds);
            return st;
        }
        if (s.misuse) {
            this.issue({
                check: "verify-not-awaited",
                at: e.at,
                confidence: "high",
                related: [],
                message: `${s.name}() is called with the request as if it checked it, but it wraps a handler: it returns a function (always truthy) and never looks at this request, so nothing is verified. Wrap the handler instead (\`export const POST = ${s.name}(handler)\`) or \`await receiver.verify({ signature, body })\`.`,
            });
            if (!st.v)
                st.why = { k: "not-awaited", at: e.at };
            return st;
        }
        if (s.async && !e.awaited && s.qstash) {
            this.issue({
                check: "verify-not-awaited",
                at: e.at,
                confidence: "high",
                related: [],
                message: `${s.name}() is not awaited: it returns a Promise, which is always truthy, and a failed check only becomes an unhandled rejection, so forged QStash messages are processed anyway. Write \`await ${s.name}(…)\` before doing any work and return 401 when it throws.`,
            });
            if (!st.v)
                st.why = { k: "not-awaited", at: e.at };
            return st;
        }
        if (e.swallow || s.kind === "value") {
            if (!st.v) {
                st.pending.add(e.id);
                if (e.resultVar)
                    st.flags.add(e.resultVar);
                st.why = { k: "unchecked", at: e.at, name: s.name };
            }
            return st;
        }
        return verified();
    }
    branch(e, st, conds) {
        const c = e.cond;
        const guard = !st.v && (c.calls.some((id) => st.pending.has(id)) || c.refs.some((r) => st.flags.has(r)));
        const auth = !st.v && c.auth !== null;
        let thenIn = clone(st);
        let elseIn = clone(st);
        // Which branch only runs when verification (or the other credential) succeeded.
        const failBranchIsThen = auth ? c.auth === "neg" : c.negated;
        if (guard || auth) {
            if (failBranchIsThen === true)
                elseIn = verified();
            else if (failBranchIsThen === false)
                thenIn = verified();
            if (auth && failBranchIsThen !== null)
                this.out.authenticated = true;
        }
        const inner = [...conds, c];
        const a = this.exec(e.then, thenIn, inner);
        let b = this.exec(e.else, elseIn, inner);
        // `if (!ok) return 401` and `if (error) return error`: whichever polarity, the path that goes
        // on is the one where the check passed.
        if (guard && a === null && b && !b.v)
            b = verified();
        return merge(a, b, c);
    }
    tryStep(e, st, conds) {
        const throwing = [...callsOf(e.body)].find((x) => {
            const s = this.summaries.get(x.id);
            return s && s.kind === "throws" && !x.swallow && (x.awaited || !s.async);
        });
        const body = this.exec(e.body, clone(st), conds);
        let handler = null;
        if (e.handler) {
            const hin = clone(st);
            if (!hin.v && throwing && e.catchAt)
                hin.why = { k: "swallowed", at: e.catchAt, verifyAt: throwing.at };
            // A catch that verification failures land in is error handling (logging, an error response):
            // what matters is whether it lets execution go on after the try, not what it calls.
            if (throwing)
                this.quiet++;
            try {
                handler = this.exec(e.handler, hin, conds);
            }
            finally {
                if (throwing)
                    this.quiet--;
            }
        }
        let after = merge(body, handler, undefined);
        if (after && e.fin.length)
            after = this.exec(e.fin, after, conds);
        return after;
    }
    /** Exits reached without verification, judged once every exit is known. */
    unverifiedExits = [];
    exit(kind, value, st, conds, at) {
        if (kind === "throw" || st.v)
            return;
        this.unverifiedExits.push({ kind, value, st, conds: [...conds], at });
    }
    /**
     * A helper that answers failure with an error Response means "verified" by returning nothing; one
     * that answers with `false` means it by `true`. An unverified exit that says "verified" lets the
     * caller go on: a weakness of the helper.
     */
    judgeExits() {
        const responseStyle = this.unverifiedExits.some((x) => x.value === "response");
        for (const x of this.unverifiedExits) {
            const pass = x.kind === "pass" || (responseStyle && x.value === "nullish");
            if (!pass) {
                this.out.failsWithValue = true;
                continue;
            }
            if (!this.asHelper || !this.out.attempted)
                continue;
            const issue = this.weakness(x.st, x.conds, x.at, "is handed back to the caller as if it were verified");
            if (issue) {
                this.out.passesUnverified = true;
                this.issue(issue);
            }
        }
    }
    effect(at, what, st, conds) {
        if (st.v || this.quiet)
            return;
        if (st.why.k === "not-awaited")
            return; // reported at the call
        const issue = this.weakness(st, conds, at, `reaches ${what} (line ${line(at)}) unverified`);
        if (issue) {
            this.issue(issue);
            return;
        }
        if (this.reportedEffect)
            return;
        this.reportedEffect = true;
        this.out.firstUnverified = { at, what, kind: this.out.attempted ? "ordering" : "none" };
    }
    /** Why this unverified path is a weakness of existing verification code, if it is one. */
    weakness(st, conds, at, reaches) {
        // Only QStash verification code has QStash weaknesses (a cron-secret helper is someone else's).
        if (!this.out.attempted)
            return undefined;
        const why = st.why;
        switch (why.k) {
            case "not-awaited":
                return undefined; // reported at the call already
            case "swallowed":
                return {
                    check: "verify-error-swallowed",
                    at: why.at,
                    confidence: "high",
                    related: [why.verifyAt, at],
                    message: `This catch swallows the error that signature verification throws (line ${line(why.verifyAt)}) and execution goes on: a forged QStash message ${reaches}. Return 401 (or rethrow) from the catch.`,
                };
            case "unchecked":
                return {
                    check: "verify-error-swallowed",
                    at: why.at,
                    confidence: "high",
                    related: [at],
                    message: `${why.name}() turns a failed signature check into a return value that is never checked: a forged QStash message ${reaches}. Check the result and return 401 (or the error response) when it signals failure, or let the error propagate.`,
                };
            case "branch":
                return this.condIssue(why.cond, at, reaches, why.skippedWhen);
            case "none": {
                if (!this.out.attempted)
                    return undefined;
                const env = [...conds].reverse().find((c) => c.cat === "env");
                const other = [...conds].reverse().find((c) => c.cat === "header" || c.cat === "method");
                const c = env ?? other;
                return c ? this.condIssue(c, at, reaches) : undefined;
            }
        }
    }
    condIssue(c, at, reaches, skippedWhen) {
        const verifyAt = this.out.verifyAt;
        const related = verifyAt ? [verifyAt, at] : [at];
        if (c.cat === "env") {
            const where = skippedWhen ? skippingEnvironment(c, skippedWhen) : undefined;
            return {
                check: "verify-skipped-by-environment",
                at: c.at,
                confidence: "medium",
                related,
                message: `${where ? `Signature verification is skipped when ${where}` : `Signature verification depends on ${quote(c.text)}`}: on such a deployment (self-hosted, preview, a missing variable) a forged QStash message ${reaches}. Verify on every deployment; for local development run the QStash dev server (QSTASH_DEV=true locally) instead of skipping the check.`,
            };
        }
        const what = c.cat === "header"
            ? "a request without the Upstash-Signature header skips it"
            : c.cat === "method"
                ? "a request with another HTTP method skips it"
                : "the other branch skips it";
        return {
            check: "verify-optional",
            at: c.at,
            confidence: c.cat === "header" ? "high" : "medium",
            related,
            message: `Signature verification only runs when ${quote(c.text)}: ${what}, and a forged QStash message ${reaches}. Reject requests without a valid signature (return 401) before any work, on every path.`,
        };
    }
    issue(i) {
        const key = `${i.check}:${i.at.file}:${i.at.range.startLine}:${i.at.range.startColumn}`;
        if (this.out.issues.some((x) => `${x.check}:${x.at.file}:${x.at.range.startLine}:${x.at.range.startColumn}` === key))
            return;
        this.out.issues.push(i);
    }
}
/**
 * The environment in which verification is skipped, in words with the condition's source
 * ("NODE_ENV is not "production" (`process.env.NODE_ENV === "production"` is false)").
 */
function skippingEnvironment(c, skippedWhen) {
    const words = skippedWhen === "holds" ? c.holds : c.fails;
    const source = `${quote(c.text)} is ${skippedWhen === "holds" ? "true" : "false"}`;
    const fallback = !words || words.includes(c.text.replace(/\s+/g, " ").slice(0, 60));
    return fallback ? source : `${words} (${source})`;
}
/** `a`: the state after the then-branch, `b`: after the else-branch of `cond`. */
function merge(a, b, cond) {
    if (!a)
        return b;
    if (!b)
        return a;
    if (a.v && b.v)
        return a;
    if (a.v !== b.v) {
        const u = a.v ? b : a;
        const why = u.why.k === "none" && cond ? { k: "branch", cond, skippedWhen: a.v ? "fails" : "holds" } : u.why;
        return { v: false, why, flags: u.flags, pending: u.pending };
    }
    return {
        v: false,
        why: a.why.k !== "none" ? a.why : b.why,
        flags: intersect(a.flags, b.flags),
        pending: intersect(a.pending, b.pending),
    };
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/unverified-handler.ts










const CHECKS = {
    "unverified-handler": "A QStash message handler with no signature verification before its side effects",
    "verify-not-awaited": "Receiver.verify() (or a verifying helper) called without await: the Promise is dropped or used as a boolean",
    "verify-optional": "Verification only runs when the signature header is present, or only on some methods or branches",
    "verify-error-swallowed": "A catch (or .catch) around verification that neither returns nor throws, so failures fall through",
    "verify-skipped-by-environment": "Verification disabled by NODE_ENV, VERCEL, a custom flag or a missing environment variable",
};
class Project {
    project;
    verifyFunctions;
    modules = new Map();
    issues = new Map();
    /** Modules a lookup needed but that have no facts yet: what `select` asks the engine for. */
    missing = new Set();
    /**
     * Modules a call's lookup needed (a callee's summary): asked for only where they may check a
     * credential (see HINTS); a callee that does not gives no summary, parsed or not.
     */
    missingCallees = new Set();
    lookingUpCallee = false;
    runs = new Map();
    helperRuns = new Map();
    summaries = new Map();
    constructor(project, 
    /** The project's own verification helpers (option verifyFunctions): trusted to verify and reject. */
    verifyFunctions = new Set()) {
        this.project = project;
        this.verifyFunctions = verifyFunctions;
    }
    /** A file's function or wrapper definition, following imports and re-exports. */
    lookup(file, ref) {
        if (ref.k === "local")
            return this.modules.has(file) ? { file, name: ref.name } : undefined;
        const target = this.project.resolve(file, ref.spec);
        if (!target)
            return undefined;
        // A module whose text shows it does not export the name is not worth asking for (lexical).
        const hit = this.project.resolveExport(this.tables, target, ref.name, { lexical: true });
        if (hit?.kind === "unknown")
            for (const f of hit.files)
                (this.lookingUpCallee ? this.missingCallees : this.missing).add(f);
        if (hit?.kind !== "found")
            return undefined;
        return { file: hit.file, name: hit.local ?? hit.name };
    }
    /** The export tables of the modules with facts (built once, when every module is in). */
    get tables() {
        return (this.tableMap ??= new Map([...this.modules].map(([file, m]) => [file, m.exports])));
    }
    tableMap;
    run(file, fn, asHelper) {
        const memo = asHelper ? this.helperRuns : this.runs;
        const hit = memo.get(fn);
        if (hit)
            return hit;
        const r = new Interpreter((ref) => this.summary(file, ref)).run(fn, asHelper);
        for (const i of r.issues)
            this.issues.set(`${i.check}\0${i.at.file}\0${i.at.range.startLine}:${i.at.range.startColumn}`, i);
        memo.set(fn, r);
        return r;
    }
    /** How a called function verifies, if it does. */
    summary(file, ref) {
        if (ref.k === "receiver")
            return { kind: "throws", async: true, name: "receiver.verify", qstash: true };
        if (ref.k === "jwt")
            return { kind: "throws", async: !ref.sync, name: ref.sync ? "jwt.verify" : "jwtVerify", qstash: true };
        if (ref.k === "sdk")
            return { kind: "throws", async: false, name: "verifySignature", qstash: true };
        if (ref.k === "sdk-misuse")
            return { kind: "throws", async: false, name: ref.name, qstash: true, misuse: true };
        if (this.verifyFunctions.has(ref.name))
            return { kind: "throws", async: false, name: ref.name, qstash: true };
        this.lookingUpCallee = true;
        const hit = this.lookup(file, ref);
        this.lookingUpCallee = false;
        if (!hit)
            return undefined;
        const key = `${hit.file}#${hit.name}`;
        if (this.summaries.has(key))
            return this.summaries.get(key) ?? undefined;
        this.summaries.set(key, null); // cycle guard
        const m = this.modules.get(hit.file);
        const fn = m.fns[hit.name];
        let s;
        if (fn && !fn.inner) {
            const r = this.run(hit.file, fn, true);
            // A helper that checks another credential (a cron secret, an API key) gates the request too.
            if (r.attempted || r.authenticated)
                s = { kind: r.failsWithValue ? "value" : "throws", async: fn.async, name: ref.name, qstash: r.attempted };
        }
        this.summaries.set(key, s ?? null);
        return s;
    }
    /** Does a wrapper (a function taking the handler) verify before calling it? */
    wrapperVerifies(file, name) {
        const m = this.modules.get(file);
        const fn = m.fns[name];
        if (fn) {
            const r = this.run(file, fn.inner ?? fn, true);
            if (r.attempted)
                return true;
            if (fn.inner)
                return this.run(file, fn, true).attempted;
            return false;
        }
        const def = m.defs[name];
        if (def)
            return this.verdict(file, def).k === "verified" ? true : undefined;
        return undefined;
    }
    verdict(file, h, depth = 0) {
        if (depth > 8)
            return { k: "unknown" };
        switch (h.t) {
            case "unknown":
                return { k: "unknown" };
            case "fn": {
                const r = this.run(file, h.fn, false);
                // Another credential (an internal API key, a cron secret) that guards every effect is fine.
                if (!r.attempted && r.authenticated && !r.firstUnverified)
                    return { k: "verified" };
                if (!r.attempted)
                    return { k: "unverified", ...(r.firstUnverified ? { first: r.firstUnverified } : {}) };
                if (r.firstUnverified?.kind === "ordering")
                    return { k: "ordering", first: r.firstUnverified };
                return { k: "verified" };
            }
            case "ref":
                return this.refVerdict(file, h.ref, depth);
            case "choice":
                return this.choiceVerdict(file, h, depth);
            case "wrap":
                return this.wrapVerdict(file, h, depth);
        }
    }
    refVerdict(file, ref, depth) {
        if (ref.k === "import" && (QSTASH_MODULE.test(ref.spec) || WORKFLOW_MODULE.test(ref.spec)))
            return { k: "unknown" };
        const hit = this.lookup(file, ref);
        if (!hit)
            return { k: "unknown" };
        const m = this.modules.get(hit.file);
        const fn = m.fns[hit.name];
        if (fn)
            return this.verdict(hit.file, { t: "fn", fn }, depth + 1);
        const def = m.defs[hit.name];
        return def ? this.verdict(hit.file, def, depth + 1) : { k: "unknown" };
    }
    /** `cond ? verified : bare`: verified where it matters, and the condition is the finding. */
    choiceVerdict(file, h, depth) {
        const a = this.verdict(file, h.a, depth + 1);
        const b = this.verdict(file, h.b, depth + 1);
        if (a.k === "verified" && b.k === "verified")
            return a;
        const weak = (a.k === "verified" && b.k === "unverified") || (b.k === "verified" && a.k === "unverified");
        if (weak) {
            // `a` is the handler exported when the condition holds.
            this.addIssue(choiceIssue(h.cond, a.k === "verified" ? "fails" : "holds"));
            return { k: "verified" };
        }
        if (a.k === "unverified")
            return a;
        if (b.k === "unverified")
            return b;
        return a.k !== "unknown" ? a : b;
    }
    wrapVerdict(file, h, depth) {
        const c = h.callee;
        if (c.k === "sdk-verify")
            return { k: "verified" };
        if (c.k === "serve") {
            if (c.receiver === "default")
                return { k: "verified" };
            if (c.receiver === "none")
                return { k: "serve-off", at: c.at };
            this.addIssue(condIssue(c.receiver, c.at));
            return { k: "verified" };
        }
        if (this.wrapperIsVerifier(file, c))
            return { k: "verified" };
        const wrapped = !(c.k === "unknown" && /^(defineEventHandler|eventHandler|defineHandler)$/.test(c.name));
        for (const a of h.args) {
            const v = this.verdict(file, a, depth + 1);
            if (v.k === "unverified" && wrapped)
                return { ...v, wrapped: true };
            if (v.k !== "unknown")
                return v;
        }
        return { k: "unknown" };
    }
    /** Whether a wrapper (`withQstash(handler)`) is the SDK's verifier or a helper that verifies. */
    wrapperIsVerifier(file, c) {
        if (c.k === "unknown")
            return /^verifySignature|^withQstash|^withQStash/.test(c.name);
        if (c.k === "import" && (QSTASH_MODULE.test(c.spec) || WORKFLOW_MODULE.test(c.spec)))
            return true;
        const hit = this.lookup(file, c.k === "local" ? { k: "local", name: c.name } : { k: "import", spec: c.spec, name: c.name });
        if (hit)
            return this.wrapperVerifies(hit.file, hit.name) === true;
        return c.k === "import" && /^verifySignature/.test(c.name);
    }
    addIssue(i) {
        this.issues.set(`${i.check}\0${i.at.file}\0${i.at.range.startLine}:${i.at.range.startColumn}`, i);
    }
    /** Resolve a value's imported constants to literal parts. */
    resolveParts(file, parts, args, depth = 0) {
        const out = [];
        for (const p of parts) {
            if (typeof p === "string" || "u" in p)
                out.push(p);
            else if ("param" in p)
                out.push(...(args?.[p.param] ?? [{ u: 1 }]));
            else {
                const v = depth > engine_exports/* MAX_REEXPORT_DEPTH */.nq ? undefined : this.constValue(file, p.ref.spec, p.ref.path);
                out.push(...(v ? this.resolveParts(v.file, v.parts, undefined, depth + 1) : [{ u: 1 }]));
            }
        }
        return normalise(out);
    }
    constValue(file, spec, path) {
        const hit = this.lookup(file, { k: "import", spec, name: path[0] });
        if (!hit)
            return undefined;
        const v = this.modules.get(hit.file)?.consts[hit.name];
        if (!v)
            return undefined;
        const sel = url_value_select(v, path.slice(1));
        return "s" in sel ? { file: hit.file, parts: sel.s } : undefined;
    }
}
/** The exported handler is the verifying one only when a condition holds. */
function choiceIssue(cond, skippedWhen) {
    const env = cond.cat === "env";
    const text = cond.text.replace(/\s+/g, " ").slice(0, 80);
    const when = env
        ? `when ${skippingEnvironment(cond, skippedWhen)} the unwrapped handler is exported and accepts forged messages (a self-hosted or preview deployment, a missing variable)`
        : `when \`${text}\` is ${skippedWhen === "holds" ? "true" : "false"} the unwrapped handler is exported and accepts forged messages`;
    return {
        check: env ? "verify-skipped-by-environment" : "verify-optional",
        at: cond.at,
        confidence: env ? "medium" : "high",
        related: [],
        message: `The exported handler verifies QStash signatures only on some deployments: ${when}. Export the verifying handler unconditionally and fail loudly when the signing keys are not configured.`,
    };
}
function condIssue(cond, at) {
    const env = cond.cat === "env";
    return {
        check: env ? "verify-skipped-by-environment" : "verify-optional",
        at: cond.at,
        confidence: "medium",
        related: [at],
        message: `serve() only gets a receiver when \`${cond.text.replace(/\s+/g, " ").slice(0, 80)}\`; otherwise the workflow endpoint accepts unsigned requests and runs its steps for anyone. Pass a Receiver (or leave the option out so the signing keys from the environment are used) on every deployment.`,
    };
}
/**
 * Words without which a module neither verifies a signature nor checks another credential (what the
 * lowering looks for: secrets, tokens, signature headers, comparisons, auth calls, QStash).
 */
const HINTS = [
    "secret",
    "apikey",
    "api_key",
    "api-key",
    "token",
    "password",
    "bearer",
    "auth",
    "hmac",
    "digest",
    "expected",
    "signature",
    "signing",
    "timingsafe",
    "safecompare",
    "securecompare",
    "constanttime",
    "verif",
    "valid",
    "cron",
    "qstash",
    "upstash",
];
/* harmony default export */ const unverified_handler = (defineDetector({
    id: "unverified-handler",
    rule: "upstash/qstash-webhook-spoofing",
    checks: CHECKS,
    // Parsed in the main pass: files that import QStash or Workflow (publishers, receivers, serve), the
    // modules importing those (publish helpers, verify wrappers), files naming the QStash signing keys or
    // Upstash-* headers (verification by hand), and the project's own verify helpers (configuration).
    // The routes publishers target, queue-named routes, router files and the modules analysed code calls
    // are asked for by select.
    keywords: ["qstash_", "upstash-"],
    imports: { packages: QSTASH_PACKAGES, importers: true },
    optionKeywords: (options) => verifyFunctionNames(options).map((n) => n.toLowerCase()),
    hints: HINTS,
    // Middleware may verify for the routes it covers; it is one small file per app.
    paths: [/(^|\/)(src\/)?(middleware|proxy)\.[cm]?[jt]s$/],
    // Route files that name nothing of QStash are read only when a publisher targets them (select), or
    // for free when another rule parses them anyway.
    piggyback: [ROUTE_FILE],
    fileKinds: ["script"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const sf = ctx.sourceFile;
        if (!sf || !ctx.ts)
            return;
        const { facts, fallbacks } = extract(ctx.ts, sf, ctx.path, ctx.location);
        for (const f of facts)
            ctx.fact(f);
        for (const k of fallbacks) {
            ctx.report({
                check: "verify-skipped-by-environment",
                start: k.start,
                end: k.end,
                confidence: "medium",
                message: `When ${k.name} is missing from the environment, verification falls back to a signing key written in the source ("${k.value.length > 12 ? k.value.slice(0, 12) + "…" : k.value}"): anyone who reads the code can sign messages that deployment accepts. Fail (throw or return 500) when the signing keys are not configured instead of substituting a value.`,
            });
        }
    },
    select(ctx) {
        const { p, handlers, publishes, calls, middlewares, appCalls } = gather(ctx);
        // Run the analysis on what is known: every module a lookup needed (a helper, a wrapper, a handler a
        // router registers, a URL constant) and lacked is asked for — for the handlers that could be
        // reported (targeted, reading QStash headers, importing the receiving side, queue-named), not for
        // every route of the app: their callees' verdicts would change nothing.
        const targets = resolvePublishers(p, publishes, calls);
        const publisherFiles = new Set(publishes.map((x) => x.file));
        const nameOnly = new Set();
        for (const { file, fact } of handlers) {
            const sig = signals(ctx.project, file, fact, targets, { publishers: publisherFiles, appCalls }, false);
            if (!sig)
                continue;
            handlerVerdict(p, file, fact);
            if (sig.confidence === "low")
                nameOnly.add(file);
        }
        for (const mw of middlewares)
            p.verdict(mw.file, mw.h);
        const wanted = new Set(p.missing);
        // A route judged on its name alone is no consumer when the app's own pages call it: read them.
        for (const file of appCallers(ctx.project, nameOnly))
            wanted.add(file);
        for (const file of p.missingCallees)
            if (mayCheckCredentials(ctx.project, file))
                wanted.add(file);
        // Routes a publisher targets, and queue-named routes (judged at low confidence).
        const routeTargets = [...new Set(targets.filter((t) => !t.path.startsWith("\0")).map((t) => t.path))].sort();
        for (const file of targetedRoutes(ctx.project, routeTargets))
            wanted.add(file);
        // Router files (Express, Hono, …) where QStash is used: their registrations are the handlers.
        for (const file of routerFiles(ctx.project))
            wanted.add(file);
        // A publisher that targets a *.workers.dev host: the Workers' entry modules.
        if (targets.some((t) => t.path.startsWith("\0worker:"))) {
            for (const file of ctx.project.files.keys())
                if (/(^|\/)(src\/)?(index|worker)\.[cm]?[jt]s$/.test(file) && isWorkerPackage(ctx.project, file))
                    wanted.add(file);
        }
        return wanted;
    },
    analyzeProject(ctx) {
        const { p, handlers, publishes, calls, middlewares, appCalls } = gather(ctx);
        const targets = resolvePublishers(p, publishes, calls);
        const publisherFiles = new Set(publishes.map((x) => x.file));
        // Weaknesses in any verification code, handler or not.
        for (const [file, m] of p.modules) {
            for (const fn of Object.values(m.fns)) {
                p.run(file, fn, false);
                if (fn.inner)
                    p.run(file, fn.inner, false);
            }
        }
        const reportedServe = new Set();
        const verifyingMiddleware = middlewares.filter((mw) => p.verdict(mw.file, mw.h).k === "verified");
        const verdicts = handlers.map(({ file, fact }) => handlerVerdict(p, file, fact));
        // Files with a verified QStash handler: their other exports (a status GET) are not receivers just
        // because the module imports the SDK's receiving side.
        const filesWithVerified = new Set(handlers.filter((_, i) => verdicts[i].k === "verified").map((h) => h.file));
        const routers = routerTallies(p, handlers, verdicts);
        for (const [i, { file, fact }] of handlers.entries()) {
            const verdict = verdicts[i];
            if (verdict.k === "verified" || verdict.k === "unknown")
                continue;
            if (fact.pattern &&
                fact.framework !== "router" &&
                verifyingMiddleware.some((mw) => coversRoute(mw, file, fact.pattern)))
                continue;
            const sig = signals(ctx.project, file, { ...fact, receivingImport: fact.receivingImport && !filesWithVerified.has(file) }, targets, { publishers: publisherFiles, appCalls }, verdict.k === "unverified" && Boolean(verdict.wrapped)) ?? siblingSignal(file, fact, routers);
            report(ctx, fact, verdict, sig, reportedServe);
        }
        for (const i of p.issues.values()) {
            ctx.report({
                check: i.check,
                location: i.at,
                message: i.message,
                confidence: i.confidence,
                ...(i.related.length ? { related: i.related } : {}),
            });
        }
    },
}));
/** The project model from this detector's facts so far. */
function gather(ctx) {
    const p = new Project(ctx.project, new Set(verifyFunctionNames(ctx.options)));
    const handlers = [];
    const publishes = [];
    const calls = [];
    const middlewares = [];
    const appCalls = [];
    for (const { file, fact } of ctx.facts) {
        if (fact.kind === "module")
            p.modules.set(file, fact);
        else if (fact.kind === "handler")
            handlers.push({ file, fact });
        else if (fact.kind === "publish")
            publishes.push({ file, fact });
        else if (fact.kind === "call-args")
            calls.push({ file, fact });
        else if (fact.kind === "middleware")
            middlewares.push({ file, h: fact.h, matchers: fact.matchers });
        else if (fact.kind === "app-call")
            appCalls.push(fact);
    }
    return { p, handlers, publishes, calls, middlewares, appCalls };
}
/** UI code that may call a route of its own package: client components and page modules. */
const UI_FILE = /(^|\/)(app\/(.*\/)?page|pages\/(?!api\/).*)\.[cm]?[jt]sx?$|\.[jt]sx$/;
/**
 * UI scripts read to look for the app's own calls, at most: parsing every page of a large app for a
 * low-confidence, name-only finding cost dub-sized repositories three times the parsing (568 → 1,992
 * files); beyond this the route stays reported at low confidence.
 */
const MAX_UI_CALLERS = 64;
/** The UI scripts in the packages of `routes` (only asked for when a route is judged on its name). */
function appCallers(project, routes) {
    if (!routes.size)
        return [];
    const packages = new Set([...routes].map((r) => project.packageOf(r)));
    const out = [];
    for (const [file, summary] of project.files)
        if (summary.kind === "script" &&
            !routes.has(file) &&
            packages.has(project.packageOf(file)) &&
            (summary.directives?.includes("use client") || UI_FILE.test(file)))
            out.push(file);
    return out.length <= MAX_UI_CALLERS ? out : [];
}
const ROUTE_FILES = new project/* MemoKey */.C("file-routed handler modules");
/** Every file-routed handler module of the tree with its URL pattern (computed once per scan). */
function routeFiles(project) {
    return project.memo(ROUTE_FILES, () => {
        const list = [];
        for (const file of project.files.keys()) {
            const route = ROUTE_FILE.test(file) ? routeOfFile(file) : undefined;
            if (route)
                list.push({ file, pattern: route.pattern });
        }
        return list;
    });
}
/** A module may check credentials when its text has a hint, or a module it imports does. */
function mayCheckCredentials(project, file) {
    const hinted = (f) => project.files.get(f)?.hints?.includes("unverified-handler") ?? false;
    return hinted(file) || project.graph.imports(file).some((e) => hinted(e.to));
}
/** The project's own verify helpers named in the configuration (`verifyFunctions`). */
function verifyFunctionNames(options) {
    const names = options.verifyFunctions;
    return Array.isArray(names) ? names.filter((n) => typeof n === "string") : [];
}
/** Files importing a server framework in packages that use QStash (computed once per scan). */
function routerFiles(project) {
    return project.memo(ROUTERS, () => [...project.files]
        .filter(([file, summary]) => summary.imports?.some((ref) => !ref.typeOnly && registrations_SERVER_MODULES.test(ref.specifier)) &&
        (0,gate/* dependsOn */.fr)(project, file, QSTASH_PACKAGES))
        .map(([file]) => file));
}
const ROUTERS = new project/* MemoKey */.C("router files where QStash is used");
const TARGETED = new project/* MemoKey */.C("routes publishers target");
/** Route files that publishers target (or that are named like queue consumers); rounds reuse it. */
function targetedRoutes(project, targets) {
    const key = targets.join("\n");
    const memo = project.memo(TARGETED, () => ({}));
    if (memo.last?.key === key)
        return memo.last.files;
    const files = routeFiles(project)
        .filter(({ pattern }) => namesQueue(pattern) || targets.some((t) => routeMatches(pattern, t) || routeMatches(pattern, t, true)))
        .map((r) => r.file);
    memo.last = { key, files };
    return files;
}
/** Whether a file belongs to a Cloudflare Workers package (wrangler dependency or config). */
function isWorkerPackage(project, file) {
    const pkg = project.packageOf(file);
    if (pkg?.dependencies.has("wrangler") || pkg?.dependencies.has("@cloudflare/workers-types"))
        return true;
    const dir = pkg?.dir ?? "";
    return [...project.files.keys()].some((f) => f === (dir ? `${dir}/` : "") + "wrangler.toml" || f === (dir ? `${dir}/` : "") + "wrangler.jsonc");
}
function handlerVerdict(p, file, fact) {
    for (const mw of fact.mws) {
        const v = p.verdict(file, mw);
        if (v.k === "verified")
            return v;
    }
    return p.verdict(file, fact.h);
}
/** The name of the route middleware that verifies QStash signatures for a registration, if any. */
function verifyingMiddleware(p, file, fact) {
    const i = fact.mws.findIndex((mw) => p.verdict(file, mw).k === "verified");
    if (i < 0)
        return undefined;
    const mw = fact.mws[i];
    return mw.t === "ref" ? mw.ref.name : mw.t === "wrap" && "name" in mw.callee ? mw.callee.name : "a middleware";
}
/** Per router object in a file (`file\0router`), its POST routes verified by middleware and not. */
function routerTallies(p, handlers, verdicts) {
    const out = new Map();
    for (const [i, { file, fact }] of handlers.entries()) {
        if (!fact.route || !(fact.methods === "*" || fact.methods.includes("POST")))
            continue;
        const key = `${file}\0${fact.route.router}`;
        const t = out.get(key) ?? { verified: [], unverified: 0 };
        out.set(key, t);
        const mw = verdicts[i].k === "verified" ? verifyingMiddleware(p, file, fact) : undefined;
        if (mw)
            t.verified.push({ line: fact.at.range.startLine, mw });
        else if (verdicts[i].k !== "verified")
            t.unverified++;
    }
    return out;
}
/**
 * A POST registration on a router whose other POST routes all verify through middleware: the router
 * serves QStash, and this route was left out (`tasks.post("/a", verifyQstash, a)`, then
 * `tasks.post("/b", b)`). Needs two verified siblings, and none of the router's POST routes in the file
 * without verification besides this one, so a mixed router (a user API beside one QStash route) stays
 * silent; nor is a route with its own credential middleware or a user session counted.
 */
function siblingSignal(file, fact, routers) {
    const route = fact.route;
    const post = fact.methods === "*" || fact.methods.includes("POST");
    if (!route || !post || route.otherMws.length || fact.userAuth || fact.qstashClient)
        return undefined;
    const t = routers.get(`${file}\0${route.router}`);
    if (!t || t.verified.length < 2 || t.unverified !== 1)
        return undefined;
    const names = [...new Set(t.verified.map((v) => v.mw))].slice(0, 2).join(", ");
    const lines = t.verified
        .map((v) => v.line)
        .slice(0, 3)
        .join(", ");
    return {
        targetedBy: [],
        confidence: "medium",
        why: `the other POST routes on \`${route.router}\` (lines ${lines}) verify QStash signatures with ${names} and this one has no such middleware`,
    };
}
/** Every publisher's target path, with the places it is published from. */
function resolvePublishers(p, publishes, calls) {
    const out = [];
    for (const { file, fact } of publishes) {
        const variants = [undefined];
        const usesParams = "s" in fact.value && fact.value.s.some((x) => typeof x === "object" && "param" in x);
        if (usesParams && fact.fn) {
            for (const c of calls) {
                const hit = p.lookup(c.file, c.fact.callee);
                if (!hit || hit.file !== file || hit.name !== fact.fn)
                    continue;
                variants.push(c.fact.args.map((a) => (a && "s" in a ? p.resolveParts(c.file, a.s, undefined) : null)));
            }
        }
        for (const args of variants) {
            if (!("s" in fact.value))
                continue;
            const parts = p.resolveParts(file, fact.value.s, args);
            const path = urlPath(parts);
            const host = urlHost(parts);
            const method = fact.method ?? "POST";
            if (path && specificEnough(path))
                out.push({ at: fact.at, path, wildcard: path.includes("*"), method });
            if (host && /\.workers\.dev$/.test(host))
                out.push({ at: fact.at, path: "\0worker:" + host, wildcard: false, method });
        }
    }
    return out;
}
function signals(project, file, fact, targets, app, wrapped) {
    const methodOk = (m) => fact.methods === "*" || m === "*" || fact.methods.includes(m);
    const targetedBy = fact.framework === "worker"
        ? targets.filter((t) => t.path.startsWith("\0worker:") && methodOk(t.method))
        : fact.pattern
            ? targets.filter((t) => !t.path.startsWith("\0") && methodOk(t.method) && routeMatches(fact.pattern, t.path, fact.suffix))
            : [];
    if (targetedBy.length) {
        // A wildcard in the publisher's path, or a router path matched only by its tail, is a guess.
        const exact = targetedBy.some((t) => !t.wildcard && (!fact.suffix || fact.framework === "worker" || routeMatches(fact.pattern, t.path)));
        return {
            targetedBy,
            confidence: exact ? "high" : "medium",
            why: `QStash publishes to ${fact.framework === "worker" ? "this Worker" : targetedBy[0].path} (${targetedBy.length === 1 ? "see the related location" : `${targetedBy.length} publishers`})`,
        };
    }
    if (fact.reads.includes("upstash-signature"))
        return { targetedBy: [], confidence: "high", why: "it reads the Upstash-Signature header" };
    if (fact.reads.length)
        return { targetedBy: [], confidence: "medium", why: `it reads QStash headers (${fact.reads.join(", ")})` };
    // QStash delivers with POST unless a publisher asks for another method (and then it targets the
    // route, above): a GET beside a receiver in the same module is a status page, not a consumer.
    const post = fact.methods === "*" || fact.methods.includes("POST");
    if (fact.receivingImport && post)
        return { targetedBy: [], confidence: "medium", why: "its module imports the receiving side of the QStash SDK" };
    return post ? nameOnlySignal(project, file, fact, app, wrapped) : undefined;
}
/**
 * Only the route's name says "queue consumer", in a package that depends on QStash. A queue-named route
 * that publishes or manages messages (a QStash Client: cancel, schedule) is the producer (the UI's
 * "start job" endpoint), not the consumer; so is one the app's own code calls (`fetch("/api/jobs/cancel",
 * { method: "POST" })` from a page). Nor is one wrapped in the app's own middleware (withWorkspace,
 * withSession) or one that looks up a user: those authenticate users.
 */
function nameOnlySignal(project, file, fact, app, wrapped) {
    const pattern = fact.pattern;
    if (!pattern || !namesQueue(pattern) || wrapped || fact.userAuth || fact.qstashClient)
        return undefined;
    if (app.publishers.has(file))
        return undefined;
    const pkg = project.packageOf(file);
    const root = project.packages.find((x) => x.dir === "");
    const dependsOnQstash = [pkg, root].some((x) => x && (x.dependencies.has("@upstash/qstash") || x.dependencies.has("@upstash/workflow")));
    if (!dependsOnQstash)
        return undefined;
    const methodOk = (m) => fact.methods === "*" || m === "*" || fact.methods.includes(m);
    if (app.appCalls.some((c) => methodOk(c.method) && routeMatches(pattern, c.path, fact.suffix)))
        return undefined;
    return {
        targetedBy: [],
        confidence: "low",
        why: `its route ${pattern} is named like a queue consumer in a project that uses QStash`,
    };
}
/** The fix in the handler's own framework's words. */
function fixFor(fact) {
    const manual = "`await receiver.verify({ signature, body: rawBody })` (a @upstash/qstash Receiver) on the raw body before any work and return 401 when it throws";
    switch (fact.framework) {
        case "next-app":
            return `Wrap it with verifySignatureAppRouter from @upstash/qstash/nextjs, or call ${manual}.`;
        case "pages":
            return `Wrap it with verifySignature from @upstash/qstash/nextjs (and export \`config = { api: { bodyParser: false } }\`), or call ${manual}.`;
        case "sveltekit":
            return `Wrap it with verifySignatureSvelte from @upstash/qstash/svelte, or call ${manual}.`;
        case "nuxt":
            return `Wrap it with verifySignatureNuxt from @upstash/qstash/nuxt, or call ${manual}.`;
        case "solid":
            return `Wrap it with verifySignatureSolidjs from @upstash/qstash/solidjs, or call ${manual}.`;
        default:
            return `Call ${manual}; for Express read the body with express.raw() or express.text() on this route.`;
    }
}
/** "line 7", or "src/handlers/job.ts:7" when the place is in another file. */
function place(at, from) {
    return at.file === from.file ? `line ${at.range.startLine}` : `${at.file}:${at.range.startLine}`;
}
function report(ctx, fact, verdict, s, reportedServe) {
    const where = fact.framework === "router" || !fact.pattern
        ? fact.name + (fact.pattern ? "" : " handler")
        : `${fact.name} handler of ${fact.pattern}`;
    const related = s?.targetedBy.slice(0, 5).map((t) => t.at) ?? [];
    if (verdict.k === "ordering") {
        ctx.report({
            check: "unverified-handler",
            location: fact.at,
            confidence: "high",
            message: `${where} runs ${verdict.first.what} (${place(verdict.first.at, fact.at)}) before it verifies the Upstash-Signature header: a forged QStash message has done its work by the time verification fails. Verify first, before reading the job or touching any data.`,
            related: [...related, verdict.first.at],
        });
        return;
    }
    if (verdict.k === "serve-off") {
        // `export const { GET, POST } = serve(…)`: one finding for the one serve() call.
        const key = `${verdict.at.file}:${verdict.at.range.startLine}:${verdict.at.range.startColumn}`;
        if (reportedServe.has(key))
            return;
        reportedServe.add(key);
        ctx.report({
            check: "unverified-handler",
            location: fact.at,
            confidence: "high",
            message: `${where}: serve() is given \`receiver: undefined\`, which turns signature verification off, so anyone can start this workflow and run its steps. Remove the option (serve() then verifies with QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY) or pass a Receiver.`,
            related: [verdict.at, ...related],
        });
        return;
    }
    if (!s)
        return;
    const first = verdict.first ? ` (it goes on to ${verdict.first.what} at ${place(verdict.first.at, fact.at)})` : "";
    ctx.report({
        check: "unverified-handler",
        location: fact.at,
        confidence: s.confidence,
        message: `${where}: ${s.why}, but the Upstash-Signature header is never verified${first}, so anyone who finds the URL can send it forged messages. ${fixFor(fact)}`,
        ...(related.length ? { related } : {}),
    });
}
/** Whether a Next.js middleware's matcher covers a route of the same app. */
function coversRoute(mw, file, pattern) {
    const root = mw.file.replace(/(^|\/)(src\/)?(middleware|proxy)\.[jt]s$/, "");
    if (root && !file.startsWith(root + "/"))
        return false;
    if (!mw.matchers)
        return true;
    return mw.matchers.some((m) => {
        const re = new RegExp("^" +
            m
                .replace(/[.+?^${}()|\\]/g, "\\$&")
                .replace(/\/:(\w+)\*/g, "(?:/.*)?")
                .replace(/\/:(\w+)\+/g, "/.+")
                .replace(/:(\w+)/g, "[^/]+") +
            "$");
        return re.test(pattern) || re.test(pattern.replace(/\[[^\]]+\]/g, "x"));
    });
}

;// CONCATENATED MODULE: ./src/detectors/qstash-webhook-spoofing/verify-parsed-body.ts




/** `x.verify({ signature, body })` calls of a QStash Receiver. */
function verifyCalls(ts, sf) {
    const out = [];
    (0,ast/* walk */.GG)(sf, (n) => {
        if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression((0,ast/* unwrap */.oA)(n.expression)))
            return undefined;
        if ((0,ast/* unwrap */.oA)(n.expression).name.text !== "verify" || n.arguments.length !== 1)
            return undefined;
        const arg = (0,ast/* unwrap */.oA)(n.arguments[0]);
        if (!ts.isObjectLiteralExpression(arg) || !arg.properties.some((p) => (0,ast/* propertyNameText */.CC)(p.name) === "signature"))
            return undefined;
        for (const p of arg.properties) {
            if ((0,ast/* propertyNameText */.CC)(p.name) !== "body")
                continue;
            if (ts.isPropertyAssignment(p))
                out.push({ call: n, body: p.initializer });
            else if (ts.isShorthandPropertyAssignment(p))
                out.push({ call: n, body: p.name });
        }
        return undefined;
    });
    return out;
}
/** Why an expression is not the raw body, following local variables. */
function verify_parsed_body_classify(s, e, scope, depth) {
    const { ts } = s;
    const x = (0,ast/* unwrap */.oA)(e);
    if (depth > 4)
        return undefined;
    // JSON.stringify of what the request carried (parsed, or even the raw text: it gains quotes).
    if (ts.isCallExpression(x) && (0,ast/* memberPath */.Mb)(x.expression)?.join(".") === "JSON.stringify") {
        const arg = x.arguments[0];
        const origin = arg ? fromRequest(s, arg, scope, depth + 1) : undefined;
        return origin === "raw" ? "quoted-raw" : origin ? "restringified" : undefined;
    }
    const inner = ts.isAwaitExpression(x) ? (0,ast/* unwrap */.oA)(x.expression) : x;
    if (ts.isCallExpression(inner) && parsesBody(s, (0,ast/* unwrap */.oA)(inner.expression)))
        return "parsed";
    if (s.frameworkParses &&
        ts.isPropertyAccessExpression(x) &&
        x.name.text === "body" &&
        ts.isIdentifier(x.expression) &&
        /^(req|request)$/.test(x.expression.text))
        return "framework-parsed";
    if (!ts.isIdentifier(x))
        return undefined;
    let found;
    (0,ast/* walk */.GG)(scope, (n) => {
        if (found)
            return false;
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === x.text && n.initializer)
            found = verify_parsed_body_classify(s, n.initializer, scope, depth + 1);
        return undefined;
    });
    return found;
}
/** `req.json()` or h3's `readBody(event)`. */
function parsesBody(s, callee) {
    const { ts } = s;
    if (ts.isPropertyAccessExpression(callee))
        return callee.name.text === "json";
    return (ts.isIdentifier(callee) &&
        callee.text === "readBody" &&
        /^h3$|^nitro|^#imports$|^vinxi/.test(s.imports.get("readBody")?.module ?? "h3"));
}
const PARSED_METHOD = /^(json|valid|formData)$/;
const RAW_METHOD = /^(text|arrayBuffer)$/;
/** Whether a value was read from the request body: "raw" text or a "parsed" object. */
function fromRequest(s, e, scope, depth) {
    const { ts } = s;
    const x = (0,ast/* unwrap */.oA)(e);
    if (depth > 6)
        return undefined;
    const inner = ts.isAwaitExpression(x) ? (0,ast/* unwrap */.oA)(x.expression) : x;
    if (ts.isCallExpression(inner))
        return readerKind(ts, (0,ast/* unwrap */.oA)(inner.expression));
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === "body")
        return "parsed";
    if (ts.isPropertyAccessExpression(inner) && inner.name.text === "rawBody")
        return "raw";
    if (!ts.isIdentifier(inner))
        return undefined;
    let found;
    (0,ast/* walk */.GG)(scope, (n) => {
        if (found)
            return false;
        if (!ts.isVariableDeclaration(n) || !n.initializer)
            return undefined;
        if (ts.isIdentifier(n.name) && n.name.text === inner.text)
            found = fromRequest(s, n.initializer, scope, depth + 1);
        else if (ts.isObjectBindingPattern(n.name) &&
            n.name.elements.some((el) => ts.isIdentifier(el.name) && el.name.text === inner.text))
            found = fromRequest(s, n.initializer, scope, depth + 1) ? "parsed" : undefined;
        return undefined;
    });
    return found;
}
/** What a body-reading call returns: `req.json()` parsed, `req.text()` raw, h3's readers. */
function readerKind(ts, callee) {
    const method = ts.isPropertyAccessExpression(callee);
    const name = ts.isIdentifier(callee) ? callee.text : method ? callee.name.text : "";
    if (method && PARSED_METHOD.test(name))
        return "parsed";
    if (method && RAW_METHOD.test(name))
        return "raw";
    if (/^(readBody|parseRequestBody|parseBody)$/.test(name))
        return "parsed";
    if (/^(readRawBody|getRawBody)$/.test(name))
        return "raw";
    return undefined;
}
function verify_parsed_body_describe(kind, usesExpress) {
    if (kind === "restringified")
        return "JSON that was parsed and serialised again";
    if (kind === "quoted-raw")
        return "the raw body serialised again as a JSON string (JSON.stringify adds quotes and escapes)";
    if (kind === "parsed")
        return "the parsed JSON object, not the raw text";
    return usesExpress
        ? "Express's parsed req.body (express.json() already consumed the raw body)"
        : "the pages router's parsed req.body (the built-in body parser is on)";
}
/* harmony default export */ const verify_parsed_body = (defineDetector({
    id: "verify-parsed-body",
    rule: "upstash/qstash-webhook-spoofing",
    checks: {
        "verify-parsed-body": "The body given to verify() is parsed or re-serialised JSON, not the raw request body",
    },
    // A Receiver comes from @upstash/qstash, directly or through the module that makes it.
    keywords: [],
    imports: { packages: QSTASH_PACKAGES, importers: true },
    fileKinds: ["script"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const sf = ctx.sourceFile;
        const ts = ctx.ts;
        if (!sf || !ts)
            return;
        const imports = (0,ast/* importBindings */.eN)(sf);
        const text = ctx.text;
        const usesExpress = [...imports.values()].some((b) => b.module === "express" || b.module === "body-parser");
        const expressParsesJson = usesExpress &&
            /\b(express|bodyParser)\.json\s*\(/.test(text) &&
            !/\b(express|bodyParser)\.(raw|text)\s*\(|rawBody|verify\s*:\s*\(/.test(text);
        const route = routeOfFile(ctx.path);
        const pagesParsesBody = route?.framework === "pages" && /\bexport\s+default\b/.test(text) && !/bodyParser\s*:\s*false/.test(text);
        const scope = { ts, imports, frameworkParses: expressParsesJson || pagesParsesBody };
        for (const { call, body } of verifyCalls(ts, sf)) {
            const kind = verify_parsed_body_classify(scope, body, (0,ast/* enclosingFunction */.pG)(call), 0);
            if (!kind)
                continue;
            ctx.report({
                check: "verify-parsed-body",
                start: body.getStart(sf),
                end: body.getEnd(),
                confidence: kind === "framework-parsed" ? "medium" : "high",
                severity: "low",
                message: `The body passed to verify() is ${verify_parsed_body_describe(kind, usesExpress)}: the signature covers the SHA-256 of the exact bytes QStash sent, so genuine messages fail verification whenever whitespace, key order, escaping or number formatting differ (and the usual "fix" is to turn verification off). Pass the raw body: \`await req.text()\`, \`express.raw()\` / \`express.text()\` for this route, h3's readRawBody, or bodyParser: false in the pages router.`,
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/scope.ts


const cache = new WeakMap();
const statementIndex = new WeakMap();
/** Every name a statement list declares (first declaration wins), for O(1) lookups. */
function indexStatements(statements) {
    const ts = (0,parse.typescript)();
    const out = new Map();
    const add = (name, d) => {
        if (!out.has(name))
            out.set(name, d);
    };
    for (const s of statements) {
        if (ts.isVariableStatement(s)) {
            for (const d of s.declarationList.declarations) {
                if (ts.isIdentifier(d.name))
                    add(d.name.text, d);
                else
                    for (const id of boundNames(d.name))
                        add(id.text, id.parent);
            }
        }
        else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
            add(s.name.text, s);
        else if (ts.isImportDeclaration(s) && s.importClause) {
            const c = s.importClause;
            if (c.name)
                add(c.name.text, c);
            const nb = c.namedBindings;
            if (nb && ts.isNamespaceImport(nb))
                add(nb.name.text, nb);
            if (nb && ts.isNamedImports(nb))
                for (const el of nb.elements)
                    add(el.name.text, el);
        }
    }
    return out;
}
/** The names bound by a binding name (identifier or destructuring pattern), with their nodes. */
function boundNames(name, out = []) {
    const ts = (0,parse.typescript)();
    if (ts.isIdentifier(name))
        out.push(name);
    else
        for (const el of name.elements)
            if (!ts.isOmittedExpression(el))
                boundNames(el.name, out);
    return out;
}
function declaresIn(container, name) {
    const ts = (0,parse.typescript)();
    const fromBinding = (decl) => {
        if (ts.isIdentifier(decl.name))
            return decl.name.text === name ? decl : undefined;
        const hit = boundNames(decl.name).find((id) => id.text === name);
        return hit ? hit.parent : undefined;
    };
    const fromList = (list) => {
        for (const d of list.declarations) {
            const hit = fromBinding(d);
            if (hit)
                return hit;
        }
        return undefined;
    };
    const fromStatements = (statements) => {
        // Large files hold hundreds of top-level statements: index each list once.
        let index = statementIndex.get(statements);
        if (!index)
            statementIndex.set(statements, (index = indexStatements(statements)));
        return index.get(name);
    };
    if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container))
        return fromStatements(container.statements);
    if (ts.isCaseClause(container) || ts.isDefaultClause(container))
        return fromStatements(container.statements);
    if (ts.isFunctionLike(container)) {
        for (const p of container.parameters) {
            const hit = fromBinding(p);
            if (hit)
                return hit;
        }
        if ((ts.isFunctionExpression(container) || ts.isClassExpression(container)) &&
            container.name?.text === name)
            return container;
        return undefined;
    }
    if ((ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container)) &&
        container.initializer &&
        ts.isVariableDeclarationList(container.initializer)) {
        return fromList(container.initializer);
    }
    if (ts.isCatchClause(container) && container.variableDeclaration)
        return fromBinding(container.variableDeclaration);
    return undefined;
}
/** The declaration `id` refers to, or undefined for globals and unknown names. */
function declarationOf(id) {
    const sf = id.getSourceFile();
    let map = cache.get(sf);
    if (!map)
        cache.set(sf, (map = new Map()));
    const cached = map.get(id);
    if (cached !== undefined)
        return cached ?? undefined;
    let found;
    for (let n = id.parent; n && !found; n = n.parent)
        found = declaresIn(n, id.text);
    map.set(id, found ?? null);
    return found;
}
/** Whether an identifier is a reference (not a property name, a declaration name or a label). */
function isReference(id) {
    const ts = (0,parse.typescript)();
    const p = id.parent;
    if (!p)
        return false;
    if (ts.isPropertyAccessExpression(p) && p.name === id)
        return false;
    if ((ts.isPropertyAssignment(p) ||
        ts.isPropertyDeclaration(p) ||
        ts.isMethodDeclaration(p) ||
        ts.isPropertySignature(p)) &&
        p.name === id)
        return false;
    if ((ts.isVariableDeclaration(p) ||
        ts.isParameter(p) ||
        ts.isFunctionDeclaration(p) ||
        ts.isClassDeclaration(p) ||
        ts.isFunctionExpression(p)) &&
        p.name === id)
        return false;
    if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id))
        return false;
    if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p))
        return false;
    if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p))
        return false;
    if (ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p))
        return p.name !== id;
    if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p))
        return false;
    return true;
}
const nameIndex = new WeakMap();
/** Identifiers under `scope` by name, built with one walk per scope and reused by every lookup. */
function identifiersNamed(scope, name) {
    const ts = (0,parse.typescript)();
    let index = nameIndex.get(scope);
    if (!index) {
        const built = new Map();
        (0,ast/* walk */.GG)(scope, (n) => {
            if (ts.isIdentifier(n)) {
                let list = built.get(n.text);
                if (!list)
                    built.set(n.text, (list = []));
                list.push(n);
            }
        });
        nameIndex.set(scope, (index = built));
    }
    return index.get(name) ?? [];
}
/** Every reference to `decl` under `scope` (shorthand properties `{ x }` included). */
function referencesTo(decl, scope) {
    const name = declName(decl);
    if (!name)
        return [];
    return identifiersNamed(scope, name).filter((n) => isReference(n) && declarationOf(n) === decl);
}
function declName(decl) {
    const ts = (0,parse.typescript)();
    if (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl))
        return decl.name.text;
    if (ts.isImportClause(decl))
        return decl.name?.text;
    const n = decl.name;
    return n && ts.isIdentifier(n) ? n.text : undefined;
}
/** The scope in which references to `decl` can occur. */
function scopeOf(decl) {
    const ts = (0,parse.typescript)();
    for (let n = decl.parent; n; n = n.parent) {
        if (ts.isSourceFile(n) ||
            ts.isBlock(n) ||
            ts.isModuleBlock(n) ||
            ts.isCaseClause(n) ||
            ts.isDefaultClause(n) ||
            ts.isCatchClause(n))
            return n;
        if (ts.isFunctionLike(n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n))
            return n;
    }
    return decl.getSourceFile();
}
/** Whether `decl` is ever reassigned (`x = …`, `x++`, destructuring assignment) under its scope. */
function isReassigned(decl) {
    const ts = (0,parse.typescript)();
    if (ts.isVariableDeclaration(decl) &&
        decl.parent &&
        ts.isVariableDeclarationList(decl.parent) &&
        decl.parent.flags & ts.NodeFlags.Const)
        return false;
    for (const ref of referencesTo(decl, scopeOf(decl))) {
        let n = ref;
        while (n.parent &&
            (ts.isParenthesizedExpression(n.parent) ||
                ts.isShorthandPropertyAssignment(n.parent) ||
                ts.isPropertyAssignment(n.parent) ||
                ts.isObjectLiteralExpression(n.parent) ||
                ts.isArrayLiteralExpression(n.parent)))
            n = n.parent;
        const p = n.parent;
        if (p &&
            ts.isBinaryExpression(p) &&
            p.left === n &&
            p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
            p.operatorToken.kind <= ts.SyntaxKind.LastAssignment)
            return true;
        if (p &&
            (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) &&
            (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken))
            return true;
    }
    return false;
}
/** The function an identifier names in its file: a function declaration or `const f = () => …`. */
function localFunctionOf(id) {
    const ts = (0,parse.typescript)();
    const decl = declarationOf(id);
    if (!decl)
        return undefined;
    if (ts.isFunctionDeclaration(decl) && decl.body)
        return decl;
    if (ts.isVariableDeclaration(decl) && decl.initializer) {
        const init = (0,ast/* unwrap */.oA)(decl.initializer);
        if (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
            return init;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/bounds.ts
/**
 * Plausibility of limiter arguments. Windows follow @upstash/ratelimit's own parser
 * (`/^(\d+)\s?(ms|s|m|h|d)$/`, src/duration.ts), which throws on anything else when the limiter
 * is built, so a window it cannot parse takes the whole module down.
 */
const WINDOW = /^(\d+)\s?(ms|s|m|h|d)$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
function windowMs(window) {
    const m = WINDOW.exec(window);
    if (!m)
        return undefined;
    return Number.parseInt(m[1], 10) * UNIT_MS[m[2]];
}
const DEFAULT_BOUNDS = { maxRequestsPerSecond: 1000, minWindowMs: 1000 };
/** The thresholds from the detector's options, falling back to the defaults for anything not a positive number. */
function boundsFrom(options) {
    const num = (v, d) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : d);
    return {
        maxRequestsPerSecond: num(options.maxRequestsPerSecond, DEFAULT_BOUNDS.maxRequestsPerSecond),
        minWindowMs: num(options.minWindowMs, DEFAULT_BOUNDS.minWindowMs),
    };
}
const ALGORITHMS = new Set(["fixedWindow", "slidingWindow", "cachedFixedWindow", "tokenBucket"]);
function fmt(n) {
    return Number.isInteger(n) ? n.toLocaleString("en-US") : n.toFixed(1);
}
function problems(a, bounds) {
    const out = [];
    const bucket = a.algorithm === "tokenBucket";
    const tokensName = bucket ? "refillRate" : "tokens";
    if (a.tokens !== null && a.tokens <= 0) {
        out.push({
            arg: 0,
            message: `${a.algorithm}(${fmt(a.tokens)}, …) allows no request at all: ${tokensName} must be at least 1, or every request is refused.`,
        });
    }
    if (bucket && a.maxTokens !== undefined && a.maxTokens !== null && a.maxTokens <= 0) {
        out.push({ arg: 2, message: `tokenBucket(…, ${fmt(a.maxTokens)}) holds no token: every request is refused.` });
    }
    let ms;
    if (typeof a.window === "number") {
        out.push({
            arg: 1,
            message: `The window ${a.window} is a number; @upstash/ratelimit expects a duration string such as "10 s" and throws when the limiter is created.`,
        });
    }
    else if (typeof a.window === "string") {
        ms = windowMs(a.window);
        if (ms === undefined) {
            out.push({
                arg: 1,
                message: `The window "${a.window}" does not parse (expected <integer><ms|s|m|h|d>, e.g. "10 s"): @upstash/ratelimit throws when the limiter is created.`,
            });
        }
        else if (ms === 0) {
            out.push({ arg: 1, message: `The window "${a.window}" is zero long.` });
        }
        else if (ms < bounds.minWindowMs) {
            out.push({
                arg: 1,
                message: `The window "${a.window}" is shorter than ${fmt(bounds.minWindowMs)} ms: a limit this short barely slows a burst and costs a Redis call per request.`,
            });
        }
    }
    if (ms && a.tokens !== null && a.tokens > 0) {
        const rps = a.tokens / (ms / 1000);
        if (rps > bounds.maxRequestsPerSecond) {
            out.push({
                arg: 0,
                message: `${a.algorithm}(${fmt(a.tokens)}, "${a.window}") lets each identifier make about ${fmt(rps)} requests per second, above the ${fmt(bounds.maxRequestsPerSecond)}/s this project treats as plausible: it stops no abuse.`,
            });
        }
    }
    if (bucket &&
        a.tokens !== null &&
        a.maxTokens !== undefined &&
        a.maxTokens !== null &&
        a.maxTokens > 0 &&
        a.tokens > a.maxTokens) {
        out.push({
            arg: 0,
            message: `tokenBucket refills ${fmt(a.tokens)} tokens per interval but holds at most ${fmt(a.maxTokens)}: the refill above the maximum is lost, so the effective rate is lower than written.`,
        });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/values.ts



/** The initializer of the `const`/never-reassigned variable `id` names, if it has one. */
function initializerOf(id) {
    const ts = (0,parse.typescript)();
    const decl = declarationOf(id);
    if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer || !ts.isIdentifier(decl.name))
        return undefined;
    if (isReassigned(decl))
        return undefined;
    return decl.initializer;
}
function constNumber(node, depth = 0) {
    const ts = (0,parse.typescript)();
    if (!node || depth > 8)
        return undefined;
    const e = (0,ast/* unwrap */.oA)(node);
    if (ts.isNumericLiteral(e))
        return Number(e.text.replace(/_/g, ""));
    if (ts.isPrefixUnaryExpression(e)) {
        const v = constNumber(e.operand, depth + 1);
        if (v === undefined)
            return undefined;
        if (e.operator === ts.SyntaxKind.MinusToken)
            return -v;
        if (e.operator === ts.SyntaxKind.PlusToken)
            return v;
        return undefined;
    }
    if (ts.isBinaryExpression(e)) {
        const a = constNumber(e.left, depth + 1);
        const b = constNumber(e.right, depth + 1);
        if (a === undefined || b === undefined)
            return undefined;
        switch (e.operatorToken.kind) {
            case ts.SyntaxKind.PlusToken:
                return a + b;
            case ts.SyntaxKind.MinusToken:
                return a - b;
            case ts.SyntaxKind.AsteriskToken:
                return a * b;
            case ts.SyntaxKind.SlashToken:
                return b === 0 ? undefined : a / b;
            case ts.SyntaxKind.AsteriskAsteriskToken:
                return a ** b;
            default:
                return undefined;
        }
    }
    if (ts.isIdentifier(e))
        return constNumber(initializerOf(e), depth + 1);
    return undefined;
}
function constString(node, depth = 0) {
    const ts = (0,parse.typescript)();
    if (!node || depth > 8)
        return undefined;
    const e = (0,ast/* unwrap */.oA)(node);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e))
        return e.text;
    if (ts.isTemplateExpression(e)) {
        let out = e.head.text;
        for (const span of e.templateSpans) {
            const v = constString(span.expression, depth + 1) ?? constNumber(span.expression, depth + 1)?.toString();
            if (v === undefined)
                return undefined;
            out += v + span.literal.text;
        }
        return out;
    }
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
        const a = constString(e.left, depth + 1) ?? constNumber(e.left, depth + 1)?.toString();
        const b = constString(e.right, depth + 1) ?? constNumber(e.right, depth + 1)?.toString();
        if (a === undefined || b === undefined)
            return undefined;
        if (constString(e.left, depth + 1) === undefined && constString(e.right, depth + 1) === undefined)
            return undefined;
        return a + b;
    }
    if (ts.isIdentifier(e))
        return constString(initializerOf(e), depth + 1);
    return undefined;
}
/** A boolean literal (`true`/`false`, `!0`, `!1`), if the expression is one. */
function constBoolean(node) {
    const ts = (0,parse.typescript)();
    if (!node)
        return undefined;
    const e = (0,ast/* unwrap */.oA)(node);
    if (e.kind === ts.SyntaxKind.TrueKeyword)
        return true;
    if (e.kind === ts.SyntaxKind.FalseKeyword)
        return false;
    if (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken && ts.isNumericLiteral(e.operand))
        return e.operand.text === "0";
    if (ts.isIdentifier(e))
        return constBoolean(initializerOf(e));
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/limiters.ts





const RATELIMIT_MODULE = "@upstash/ratelimit";
const CLASS_NAMES = new Set(["Ratelimit", "MultiRegionRatelimit"]);
const LIMITER_NAME = /rate_?limit|limiter|throttl/i;
const DEFAULT_PREFIX = "@upstash/ratelimit";
/** The key space of `new Ratelimit(options)`, when prefix and algorithm arguments are constants. */
function keySpaceOf(options) {
    const ts = (0,parse.typescript)();
    if (options.properties.some((p) => ts.isSpreadAssignment(p)))
        return undefined;
    const prefixExpr = optionOf(options, "prefix");
    const prefix = prefixExpr ? constString(prefixExpr) : DEFAULT_PREFIX;
    const algo = optionOf(options, "limiter");
    const call = algo && (0,ast/* unwrap */.oA)(algo);
    if (prefix === undefined || !call || !ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression))
        return undefined;
    const name = call.expression.name.text;
    const [a, w, m] = call.arguments;
    const tokens = constNumber(a);
    const window = constString(w);
    const ms = window === undefined ? undefined : windowMs(window);
    if (!ALGORITHMS.has(name) || tokens === undefined || window === undefined || !ms)
        return undefined;
    if (name !== "tokenBucket")
        return { prefix, bucket: String(ms), budget: `${tokens} per "${window}"` };
    const max = constNumber(m);
    return max === undefined
        ? undefined
        : { prefix, bucket: "token", budget: `tokenBucket(${tokens}, "${window}", ${max})` };
}
function optionOf(obj, name) {
    const ts = (0,parse.typescript)();
    if (!obj)
        return undefined;
    for (const p of obj.properties) {
        if (ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === name)
            return p.initializer;
        if (ts.isShorthandPropertyAssignment(p) && p.name.text === name)
            return p.name;
    }
    return undefined;
}

class LimiterIndex {
    sf;
    /** Local names of the Ratelimit classes (`Ratelimit`, an alias, or `ns` for `ns.Ratelimit`). */
    classes = new Map();
    namespaces = new Set();
    constructions = [];
    byNode = new Map();
    importsRatelimit;
    imports;
    constructor(sf) {
        this.sf = sf;
        const ts = (0,parse.typescript)();
        this.imports = (0,ast/* importBindings */.eN)(sf);
        let any = false;
        for (const [local, b] of this.imports) {
            if (b.module !== RATELIMIT_MODULE)
                continue;
            any = true;
            if (b.imported === "*" || b.imported === "default")
                this.namespaces.add(local);
            else if (CLASS_NAMES.has(b.imported))
                this.classes.set(local, b.imported === "MultiRegionRatelimit" ? "multi" : "single");
        }
        // `import type { Ratelimit }` is kept by importBindings too; it still tells us the file is about it.
        this.importsRatelimit = any;
        if (!any)
            return;
        (0,ast/* walk */.GG)(sf, (n) => {
            if (ts.isNewExpression(n)) {
                const kind = this.classKind(n.expression);
                if (kind) {
                    const options = n.arguments?.[0] && ts.isObjectLiteralExpression((0,ast/* unwrap */.oA)(n.arguments[0]))
                        ? (0,ast/* unwrap */.oA)(n.arguments[0])
                        : undefined;
                    const c = {
                        node: n,
                        multiRegion: kind === "multi",
                        options,
                        summary: summarize(kind === "multi", options),
                    };
                    this.constructions.push(c);
                    this.byNode.set(n, c);
                }
            }
        });
    }
    /** "single"/"multi" when `expr` names one of the Ratelimit classes. */
    classKind(expr) {
        const p = (0,ast/* memberPath */.Mb)(expr);
        if (!p)
            return undefined;
        if (p.length === 1)
            return this.classes.get(p[0]);
        if (p.length === 2 && this.namespaces.has(p[0]) && CLASS_NAMES.has(p[1]))
            return p[1] === "MultiRegionRatelimit" ? "multi" : "single";
        return undefined;
    }
    construction(node) {
        return this.byNode.get(node);
    }
    importOf(local) {
        return this.imports.get(local);
    }
    /**
     * Whether a type annotation names a limiter class (`Ratelimit`, `Ratelimit | null`,
     * `Record<K, Ratelimit>`), also through a type alias of this file
     * (`type MaybeLimiter = Ratelimit | "unavailable" | undefined`).
     */
    typeMentionsLimiter(type, depth = 0) {
        const ts = (0,parse.typescript)();
        if (!type || depth > 4)
            return false;
        let hit = false;
        (0,ast/* walk */.GG)(type, (n) => {
            if (hit || !ts.isTypeReferenceNode(n))
                return;
            const name = ts.isIdentifier(n.typeName) ? n.typeName.text : n.typeName.right.text;
            const left = ts.isQualifiedName(n.typeName) && ts.isIdentifier(n.typeName.left) ? n.typeName.left.text : undefined;
            if (this.classes.has(name) || (left && this.namespaces.has(left) && CLASS_NAMES.has(name)))
                hit = true;
            else if (!left && this.typeMentionsLimiter(this.typeAliases().get(name), depth + 1))
                hit = true;
        });
        return hit;
    }
    aliases;
    /** The file's top-level type aliases by name. */
    typeAliases() {
        const ts = (0,parse.typescript)();
        if (!this.aliases) {
            this.aliases = new Map();
            for (const s of this.sf.statements)
                if (ts.isTypeAliasDeclaration(s))
                    this.aliases.set(s.name.text, s.type);
        }
        return this.aliases;
    }
    /** What a receiver expression stands for, or undefined when it is not a limiter as far as we can tell. */
    resolve(expr, depth = 0) {
        return this.resolveValue(expr, depth, new Set());
    }
    resolveValue(node, depth, seen) {
        const ts = (0,parse.typescript)();
        if (depth > 12 || seen.has(node))
            return undefined;
        seen.add(node);
        const e = (0,ast/* unwrap */.oA)(node);
        if (ts.isAwaitExpression(e))
            return this.resolveValue(e.expression, depth + 1, seen);
        if (ts.isConditionalExpression(e))
            return limiters_merge(this.resolveValue(e.whenTrue, depth + 1, seen), this.resolveValue(e.whenFalse, depth + 1, seen));
        if (ts.isBinaryExpression(e) &&
            (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
                e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
            return limiters_merge(this.resolveValue(e.left, depth + 1, seen), this.resolveValue(e.right, depth + 1, seen));
        }
        if (ts.isNewExpression(e)) {
            const c = this.byNode.get(e);
            return c ? { kind: "local", configs: [c.summary], constructions: [c] } : undefined;
        }
        if (ts.isIdentifier(e))
            return this.resolveIdentifier(e, depth, seen);
        if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e))
            return this.resolveMember(e, depth, seen);
        if (ts.isCallExpression(e))
            return this.resolveCall(e, depth, seen);
        if (ts.isObjectLiteralExpression(e))
            return this.resolveWrapper(e, depth, seen);
        return undefined;
    }
    /**
     * An object of the project's own that stands in for a limiter: its `limit` method hands its first
     * parameter to a limiter's `limit` (`{ async limit(id) { return inner.limit(id) } }`), so a call of it
     * is a rate-limit call.
     */
    resolveWrapper(obj, depth, seen) {
        const ts = (0,parse.typescript)();
        const fn = limitMethodOf(obj);
        const param = fn?.parameters[0]?.name;
        if (!fn?.body || !param || !ts.isIdentifier(param))
            return undefined;
        let out;
        (0,ast/* walk */.GG)(fn.body, (n) => {
            if (n !== fn.body && ts.isFunctionLike(n))
                return false;
            if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression) || n.expression.name.text !== "limit")
                return undefined;
            const first = n.arguments[0];
            if (!first || !mentions(first, param.text))
                return undefined;
            const inner = this.resolveValue(n.expression.expression, depth + 1, seen);
            if (inner?.kind === "local" || inner?.kind === "import")
                out = limiters_merge(out, inner);
            return undefined;
        });
        return out;
    }
    resolveIdentifier(id, depth, seen) {
        const ts = (0,parse.typescript)();
        const decl = declarationOf(id);
        if (!decl)
            return undefined;
        if (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl) || isRequireBinding(decl)) {
            const b = this.imports.get(id.text);
            if (!b || b.module === RATELIMIT_MODULE)
                return undefined;
            return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
        }
        if (ts.isParameter(decl))
            return this.typeMentionsLimiter(decl.type) ? { kind: "typed" } : undefined;
        if (ts.isVariableDeclaration(decl)) {
            // `let ratelimit: Ratelimit | undefined; … ratelimit = new Ratelimit(…)`: the assignments know more than the type.
            const assigned = this.resolveVariable(decl, depth, seen);
            if (assigned)
                return assigned;
            return this.typeMentionsLimiter(decl.type) ? { kind: "typed" } : undefined;
        }
        if (ts.isBindingElement(decl))
            return this.resolveBindingElement(decl, depth, seen);
        return undefined;
    }
    /** A variable: its initializer, plus every value assigned to it later (lazy `limiter ??= new …`). */
    resolveVariable(decl, depth, seen) {
        const ts = (0,parse.typescript)();
        let out = decl.initializer ? this.resolveValue(decl.initializer, depth + 1, seen) : undefined;
        if (!decl.initializer || isReassigned(decl)) {
            for (const ref of referencesTo(decl, scopeOf(decl))) {
                const p = ref.parent;
                if (p && ts.isBinaryExpression(p) && p.left === ref && isAssignment(p.operatorToken.kind))
                    out = limiters_merge(out, this.resolveValue(p.right, depth + 1, seen));
            }
        }
        return out;
    }
    resolveBindingElement(decl, depth, seen) {
        const ts = (0,parse.typescript)();
        const pattern = decl.parent;
        if (!ts.isObjectBindingPattern(pattern) || !ts.isVariableDeclaration(pattern.parent) || !pattern.parent.initializer)
            return undefined;
        const key = (0,ast/* propertyNameText */.CC)(decl.propertyName) ?? (ts.isIdentifier(decl.name) ? decl.name.text : undefined);
        if (!key)
            return undefined;
        const base = (0,ast/* unwrap */.oA)(pattern.parent.initializer);
        return this.member(base, key, depth, seen);
    }
    resolveMember(e, depth, seen) {
        const ts = (0,parse.typescript)();
        const key = ts.isPropertyAccessExpression(e) ? e.name.text : constString(e.argumentExpression);
        const obj = (0,ast/* unwrap */.oA)(e.expression);
        if (obj.kind === ts.SyntaxKind.ThisKeyword)
            return key ? this.resolveClassField(e, key, depth, seen) : undefined;
        return this.member(obj, key, depth, seen);
    }
    /** `obj.key` (or `obj[dynamic]` when key is undefined) where obj is a map of limiters or an import. */
    member(obj, key, depth, seen) {
        const ts = (0,parse.typescript)();
        const o = (0,ast/* unwrap */.oA)(obj);
        // An imported namespace or object: the exporting file decides.
        if (ts.isIdentifier(o)) {
            const decl = declarationOf(o);
            if (decl &&
                (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || ts.isNamespaceImport(decl) || isRequireBinding(decl))) {
                const b = this.imports.get(o.text);
                if (!b || b.module === RATELIMIT_MODULE)
                    return undefined;
                if (b.imported === "*")
                    return key ? { kind: "import", ref: { specifier: b.module, name: key, path: [], call: false } } : undefined;
                return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [key ?? "*"], call: false } };
            }
            if (decl && (ts.isVariableDeclaration(decl) || ts.isParameter(decl)) && this.typeMentionsLimiter(decl.type))
                return { kind: "typed" };
        }
        const map = this.mapMembers(o, depth, seen);
        if (map) {
            if (key !== undefined && map.has(key))
                return map.get(key);
            if (key === undefined) {
                let out;
                for (const v of map.values())
                    out = limiters_merge(out, v);
                return out;
            }
            return undefined;
        }
        // A member of an imported object reached through a local alias: `const l = imported; l.api`.
        const base = this.resolveValue(o, depth + 1, seen);
        if (base?.kind === "import")
            return { kind: "import", ref: { ...base.ref, path: [...base.ref.path, key ?? "*"] } };
        return undefined;
    }
    /** The limiter-valued properties of an object literal (directly or through a `const`). */
    mapMembers(obj, depth, seen) {
        const ts = (0,parse.typescript)();
        let o = (0,ast/* unwrap */.oA)(obj);
        if (ts.isIdentifier(o)) {
            const decl = declarationOf(o);
            if (!decl || !ts.isVariableDeclaration(decl) || !decl.initializer)
                return undefined;
            o = (0,ast/* unwrap */.oA)(decl.initializer);
        }
        if (ts.isCallExpression(o)) {
            // A factory returning a map: `getLimiters().free`.
            const fn = this.localFunction(o.expression);
            if (!fn)
                return undefined;
            let out;
            for (const r of returnedExpressions(fn)) {
                const m = this.mapMembers(r, depth + 1, seen);
                if (m)
                    out = new Map([...(out ?? []), ...m]);
            }
            return out;
        }
        if (!ts.isObjectLiteralExpression(o))
            return undefined;
        const out = new Map();
        for (const p of o.properties) {
            let name;
            let value;
            if (ts.isPropertyAssignment(p)) {
                name = (0,ast/* propertyNameText */.CC)(p.name);
                value = p.initializer;
            }
            else if (ts.isShorthandPropertyAssignment(p)) {
                name = p.name.text;
                value = p.name;
            }
            if (name === undefined || !value)
                continue;
            const r = this.resolveValue(value, depth + 1, seen);
            if (r)
                out.set(name, r);
        }
        return out.size ? out : undefined;
    }
    /** `this.key` inside a class: the field initializer and every `this.key = …` in the class. */
    resolveClassField(e, key, depth, seen) {
        const ts = (0,parse.typescript)();
        let cls = e.parent;
        while (cls && !ts.isClassDeclaration(cls) && !ts.isClassExpression(cls))
            cls = cls.parent;
        if (!cls)
            return undefined;
        const klass = cls;
        let out;
        for (const m of klass.members) {
            if (ts.isPropertyDeclaration(m) && (0,ast/* propertyNameText */.CC)(m.name) === key) {
                if (this.typeMentionsLimiter(m.type))
                    out = limiters_merge(out, { kind: "typed" });
                if (m.initializer)
                    out = limiters_merge(out, this.resolveValue(m.initializer, depth + 1, seen));
            }
            if (ts.isConstructorDeclaration(m)) {
                for (const p of m.parameters) {
                    // `constructor(private limiter: Ratelimit)`
                    if (ts.isIdentifier(p.name) && p.name.text === key && p.modifiers?.length && this.typeMentionsLimiter(p.type))
                        out = limiters_merge(out, { kind: "typed" });
                }
            }
        }
        (0,ast/* walk */.GG)(klass, (n) => {
            if (ts.isBinaryExpression(n) &&
                n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
                ts.isPropertyAccessExpression(n.left) &&
                n.left.expression.kind === ts.SyntaxKind.ThisKeyword &&
                n.left.name.text === key) {
                out = limiters_merge(out, this.resolveValue(n.right, depth + 1, seen));
            }
        });
        return out;
    }
    resolveCall(e, depth, seen) {
        const ts = (0,parse.typescript)();
        const callee = (0,ast/* unwrap */.oA)(e.expression);
        // An imported factory: `import { ratelimit } from "@/lib/upstash"; ratelimit(10, "10 s")`.
        if (ts.isIdentifier(callee)) {
            const decl = declarationOf(callee);
            if (decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl))) {
                const b = this.imports.get(callee.text);
                if (!b || b.module === RATELIMIT_MODULE)
                    return undefined;
                return { kind: "import", ref: { specifier: b.module, name: b.imported, path: [], call: true } };
            }
        }
        if ((ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee)) &&
            ts.isIdentifier((0,ast/* unwrap */.oA)(callee.expression))) {
            const ns = (0,ast/* unwrap */.oA)(callee.expression);
            const decl = declarationOf(ns);
            if (decl && ts.isNamespaceImport(decl)) {
                const b = this.imports.get(ns.text);
                const key = ts.isPropertyAccessExpression(callee) ? callee.name.text : constString(callee.argumentExpression);
                if (b && key && b.module !== RATELIMIT_MODULE)
                    return { kind: "import", ref: { specifier: b.module, name: key, path: [], call: true } };
            }
        }
        const fn = this.localFunction(callee);
        if (!fn)
            return undefined;
        let out;
        for (const r of returnedExpressions(fn))
            out = limiters_merge(out, this.resolveValue(r, depth + 1, seen));
        if (out?.kind === "local")
            out = { ...out, factory: { fn, call: e } };
        return out;
    }
    /** The function a callee names in this file (function declaration or `const f = () => …`). */
    localFunction(callee) {
        const c = (0,ast/* unwrap */.oA)(callee);
        return (0,parse.typescript)().isIdentifier(c) ? localFunctionOf(c) : undefined;
    }
}
/**
 * A top-level `const x = require("m")` or `const { a } = require("m")` binding: an import for our
 * purposes (importBindings records it under the same local name).
 */
function isRequireBinding(decl) {
    const ts = (0,parse.typescript)();
    let n = decl;
    while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n))
        n = n.parent;
    if (!ts.isVariableDeclaration(n) || !n.initializer)
        return false;
    const init = (0,ast/* unwrap */.oA)(n.initializer);
    if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== "require")
        return false;
    const stmt = n.parent?.parent;
    return Boolean(stmt && ts.isVariableStatement(stmt) && ts.isSourceFile(stmt.parent));
}
function isAssignment(kind) {
    const ts = (0,parse.typescript)();
    return (kind === ts.SyntaxKind.EqualsToken ||
        kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
        kind === ts.SyntaxKind.BarBarEqualsToken);
}
/**
 * Whether an import that did not resolve to a file may still be project code (a relative path or a
 * path alias whose tsconfig we could not read) rather than a package from the registry.
 */
function mayBeProjectSpecifier(spec) {
    return spec.startsWith(".") || /^(@|~|#|\$lib|\$)\//.test(spec) || spec.startsWith("~") || spec.startsWith("#");
}
/** The expressions a function returns (its expression body, or every `return x` that is its own). */
function returnedExpressions(fn) {
    const ts = (0,parse.typescript)();
    if (!fn.body)
        return [];
    if (!ts.isBlock(fn.body))
        return [fn.body];
    const out = [];
    (0,ast/* walk */.GG)(fn.body, (n) => {
        if (n !== fn.body && ts.isFunctionLike(n))
            return false;
        if (ts.isReturnStatement(n) && n.expression)
            out.push(n.expression);
        return undefined;
    });
    return out;
}
/** The function under a `limit` key of an object literal (method, arrow or function expression). */
function limitMethodOf(obj) {
    const ts = (0,parse.typescript)();
    for (const p of obj.properties) {
        if ((0,ast/* propertyNameText */.CC)(p.name) !== "limit")
            continue;
        if (ts.isMethodDeclaration(p))
            return p;
        if (ts.isPropertyAssignment(p)) {
            const v = (0,ast/* unwrap */.oA)(p.initializer);
            if (ts.isArrowFunction(v) || ts.isFunctionExpression(v))
                return v;
        }
    }
    return undefined;
}
/** Whether an expression reads the identifier `name` (directly, in a template or a concatenation). */
function mentions(expr, name) {
    const ts = (0,parse.typescript)();
    let hit = false;
    (0,ast/* walk */.GG)(expr, (n) => {
        if (ts.isIdentifier(n) && n.text === name)
            hit = true;
    });
    return hit;
}
function summarize(multi, options) {
    const base = pendingSummary(multi, options);
    const keySpace = !multi && options ? keySpaceOf(options) : undefined;
    return keySpace ? { ...base, keySpace } : base;
}
function pendingSummary(multi, options) {
    if (multi)
        return { pendingWork: true, multiRegion: true };
    if (!options)
        return { pendingWork: undefined, multiRegion: false };
    const ts = (0,parse.typescript)();
    let unknown = false;
    for (const p of options.properties)
        if (ts.isSpreadAssignment(p))
            unknown = true;
    const analytics = optionOf(options, "analytics");
    const protection = optionOf(options, "enableProtection");
    const a = analytics ? constBoolean(analytics) : false;
    const pr = protection ? constBoolean(protection) : false;
    if (a === true || pr === true)
        return { pendingWork: true, multiRegion: false };
    if (a === false && pr === false && !unknown)
        return { pendingWork: false, multiRegion: false };
    return { pendingWork: undefined, multiRegion: false };
}
function limiters_merge(a, b) {
    if (!a)
        return b;
    if (!b)
        return a;
    if (a.kind === "local" && b.kind === "local")
        return {
            kind: "local",
            configs: [...a.configs, ...b.configs],
            constructions: [...a.constructions, ...b.constructions],
            factory: a.factory ?? b.factory,
        };
    if (a.kind === "local")
        return a;
    if (b.kind === "local")
        return b;
    if (a.kind === "typed")
        return a;
    if (b.kind === "typed")
        return b;
    return a;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/facts.ts


class ExportResolver {
    project;
    values = new Map();
    tables = new Map();
    constructor(project, facts) {
        this.project = project;
        for (const { file, fact } of facts) {
            this.values.set(file, fact.exports);
            this.tables.set(file, fact.table);
        }
    }
    /**
     * What `ref` (imported in `from`) stands for, after following aliases and applying its member path.
     * "unresolved": the specifier names no file of the tree although it looks like project code.
     */
    resolve(from, ref, depth = 0) {
        if (depth > engine_exports/* MAX_REEXPORT_DEPTH */.nq || ref.specifier === RATELIMIT_MODULE)
            return undefined;
        const target = this.project.resolve(from, ref.specifier);
        if (!target)
            return mayBeProjectSpecifier(ref.specifier) ? "unresolved" : undefined;
        let found = this.exportOf(target, ref.name, depth);
        if (!found)
            return undefined;
        for (const p of ref.path) {
            const v = found.value;
            if (v.kind !== "map")
                return undefined;
            if (p === "*") {
                const members = Object.values(v.members);
                const limiters = members.filter((m) => m.kind === "limiter");
                if (!limiters.length)
                    return undefined;
                found = { value: { kind: "limiter", configs: limiters.flatMap((l) => l.configs) }, file: found.file };
            }
            else {
                const m = v.members[p];
                if (!m)
                    return undefined;
                found = m.kind === "alias" ? this.follow(found.file, m.ref, depth + 1) : { value: m, file: found.file };
                if (!found)
                    return undefined;
            }
        }
        return found;
    }
    follow(from, ref, depth) {
        const r = this.resolve(from, ref, depth + 1);
        if (!r || r === "unresolved")
            return undefined;
        if (ref.call)
            return callResult(r);
        return r;
    }
    exportOf(file, name, depth) {
        const hit = this.project.resolveExport(this.tables, file, name);
        if (hit?.kind !== "found")
            return undefined;
        const values = this.values.get(hit.file) ?? {};
        if (hit.name === "*") {
            // `import * as limits`: every export of the module, re-exported ones as aliases to follow.
            const members = {};
            for (const [n, link] of Object.entries(this.tables.get(hit.file)?.names ?? {})) {
                const v = "from" in link ? aliasTo(link.from, link.name) : values[n];
                if (v)
                    members[n] = v;
            }
            return Object.keys(members).length ? { value: { kind: "map", members }, file: hit.file } : undefined;
        }
        const v = values[hit.name];
        if (!v)
            return undefined;
        if (v.kind === "alias")
            return this.follow(hit.file, v.ref, depth);
        return { value: v, file: hit.file };
    }
    /** Configs when `ref` is a limiter (a called factory counts), undefined when it is not one. */
    limiterConfigs(from, ref) {
        const r = this.resolve(from, ref);
        if (!r || r === "unresolved")
            return r;
        const v = ref.call ? callResult(r)?.value : r.value;
        if (!v)
            return undefined;
        if (v.kind === "limiter")
            return v.configs;
        return undefined;
    }
}
/**
 * An exported helper that wraps a limiter imported from a third file counts only when that import
 * really is a limiter.
 */
function helperHolds(resolver, r) {
    if (r.value.kind !== "helper")
        return false;
    if (!r.value.via)
        return true;
    const configs = resolver.limiterConfigs(r.file, r.value.via);
    return configs !== undefined;
}
function aliasTo(specifier, name) {
    return { kind: "alias", ref: { specifier, name, path: [], call: false } };
}
/** What calling an exported function yields: a factory's limiter. */
function callResult(r) {
    if (r.value.kind === "factory")
        return { value: { kind: "limiter", configs: r.value.configs }, file: r.file };
    return undefined;
}
function dependsOnRatelimit(project, file) {
    const own = project.packageOf(file);
    const root = project.packages.find((p) => p.dir === "");
    return Boolean(own?.dependencies.has(RATELIMIT_MODULE) || root?.dependencies.has(RATELIMIT_MODULE));
}
/** Whether an imported function is declared never to return null or undefined. */
function nonNullish(resolver, file, ref) {
    const f = resolver.resolve(file, { ...ref, call: false });
    return Boolean(f && f !== "unresolved" && (f.value.kind === "origin" || f.value.kind === "opaque") && f.value.nonNullish);
}
/** Whether every requirement of a candidate holds. */
function requirementsHold(ctx, resolver, file, requires) {
    for (const r of requires) {
        if (r.kind === "dependency") {
            if (!dependsOnRatelimit(ctx.project, file))
                return false;
        }
        else if (r.kind === "workers") {
            if (!ctx.project.frameworksOf(file).has("cloudflare-workers"))
                return false;
        }
        else if (r.kind === "imported") {
            if (!ctx.project.graph.importers(file).length)
                return false;
        }
        else if (r.kind === "guard") {
            const g = resolver.resolve(file, { ...r.ref, call: false });
            if (!g || g === "unresolved" || g.value.kind !== "guard")
                return false;
            if (g.value.via && resolver.limiterConfigs(g.file, g.value.via) === undefined)
                return false;
        }
        else {
            const configs = resolver.limiterConfigs(file, r.ref);
            if (configs === "unresolved") {
                if (!dependsOnRatelimit(ctx.project, file) || r.pendingWork)
                    return false;
                continue;
            }
            if (!configs)
                return false;
            if (r.pendingWork && !configs.some((c) => c.pendingWork === true))
                return false;
        }
    }
    return true;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/handlers.ts




const ROUTE_EXPORTS = new Set([
    "GET",
    "POST",
    "PUT",
    "PATCH",
    "DELETE",
    "HEAD",
    "OPTIONS",
    "ALL",
    "loader",
    "action",
    "handle",
    "handler",
    "middleware",
    "proxy",
    "load",
    "getServerSideProps",
]);
const handlers_ROUTER_METHODS = new Set([
    "get",
    "post",
    "put",
    "patch",
    "delete",
    "del",
    "all",
    "use",
    "options",
    "head",
    "on",
    "route",
]);
const TRPC_RESOLVERS = new Set(["query", "mutation", "subscription"]);
const ACTION_RESOLVERS = new Set(["action", "stateAction", "inputSchema"]);
const H3_WRAPPERS = new Set([
    "defineEventHandler",
    "eventHandler",
    "defineHandler",
    "createHandler",
    "withAuth",
    "withRateLimit",
    "withApiAuth",
]);
const AUTH_SENSITIVE = /(log-?in|sign-?in|sign-?up|register|auth|password|passwd|passcode|reset|forgot|otp|2fa|mfa|totp|verif|magic-?link|credential|session)/i;
/** Calls (besides router, tRPC, action and H3 vocabularies) that register a handler function. */
const REGISTRARS = new Set(["middleware", "createMiddleware", "addEventListener"]);
const REGISTERING = [handlers_ROUTER_METHODS, TRPC_RESOLVERS, ACTION_RESOLVERS, H3_WRAPPERS, REGISTRARS];
/** A parameter typed as a context with `waitUntil`, or a `.waitUntil` read. */
function offersWaitUntil(n, sf) {
    const ts = (0,parse.typescript)();
    if (ts.isPropertyAccessExpression(n) && n.name.text === "waitUntil")
        return true;
    return (ts.isParameter(n) &&
        !!n.type &&
        ts.isTypeReferenceNode(n.type) &&
        /^(ExecutionContext|NextFetchEvent|FetchEvent)$/.test(n.type.typeName.getText(sf)));
}
/** A route path as the first argument: a string, template, regular expression or list of them. */
function hasPathArgument(n) {
    const ts = (0,parse.typescript)();
    const first = n.arguments[0] ? (0,ast/* unwrap */.oA)(n.arguments[0]) : undefined;
    return Boolean(first &&
        (ts.isStringLiteral(first) ||
            ts.isNoSubstitutionTemplateLiteral(first) ||
            ts.isTemplateExpression(first) ||
            ts.isRegularExpressionLiteral(first) ||
            ts.isArrayLiteralExpression(first)));
}
class HandlerIndex {
    sf;
    path;
    handlers = new Set();
    clientParamFns = new Map();
    useServerFile;
    edge;
    nodeRuntimeDeclared;
    /** The file or its handlers can hand work to `waitUntil` (Workers ExecutionContext, NextFetchEvent, @vercel/functions). */
    waitUntilAvailable;
    middlewareFile;
    constructor(sf, path) {
        this.sf = sf;
        this.path = path;
        const ts = (0,parse.typescript)();
        const imports = (0,ast/* importBindings */.eN)(sf);
        const modules = new Set([...imports.values()].map((b) => b.module));
        this.useServerFile = hasDirective(sf.statements, "use server");
        const base = path.split("/").pop() ?? "";
        const state = { runtime: undefined, waitUntil: false };
        for (const b of imports.values())
            if (b.imported === "waitUntil")
                state.waitUntil = true;
        for (const stmt of sf.statements)
            this.collectStatement(stmt, state);
        (0,ast/* walk */.GG)(sf, (n) => {
            if (ts.isFunctionLike(n) && hasBodyDirective(n, "use server"))
                this.addServerAction(n);
            if (offersWaitUntil(n, sf))
                state.waitUntil = true;
            if (ts.isCallExpression(n) && n.arguments.length)
                this.collectRegistration(n, sf);
        });
        const runtime = state.runtime;
        this.middlewareFile =
            /^middleware\.(ts|js|mjs|tsx|jsx)$/.test(base) &&
                (modules.has("next/server") || [...modules].some((m) => m.startsWith("next")));
        this.nodeRuntimeDeclared = runtime === "nodejs";
        this.edge = runtime === "edge" || runtime === "experimental-edge" || (this.middlewareFile && runtime !== "nodejs");
        this.waitUntilAvailable = state.waitUntil;
    }
    /** Handlers and server actions a top-level statement exports, and the runtime it declares. */
    collectStatement(stmt, state) {
        const ts = (0,parse.typescript)();
        const exported = hasExport(stmt);
        if (ts.isVariableStatement(stmt)) {
            if (exported)
                for (const d of stmt.declarationList.declarations)
                    this.collectExportedVariable(d, state);
        }
        else if (ts.isFunctionDeclaration(stmt) && exported) {
            if (!stmt.name)
                this.handlers.add(stmt);
            else {
                if (ROUTE_EXPORTS.has(stmt.name.text))
                    this.handlers.add(stmt);
                if (this.useServerFile)
                    this.addServerAction(stmt);
            }
        }
        else if (ts.isExportAssignment(stmt))
            this.collectDefaultExport(stmt, state);
    }
    /** `export const runtime = "edge"`, `export const config = { runtime }`, `export const GET = …`, server actions. */
    collectExportedVariable(d, state) {
        const ts = (0,parse.typescript)();
        if (!ts.isIdentifier(d.name) || !d.initializer)
            return;
        const init = (0,ast/* unwrap */.oA)(d.initializer);
        if (d.name.text === "runtime")
            state.runtime = stringOf(init) ?? state.runtime;
        if (d.name.text === "config" && ts.isObjectLiteralExpression(init)) {
            for (const p of init.properties)
                if (ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === "runtime")
                    state.runtime = stringOf((0,ast/* unwrap */.oA)(p.initializer)) ?? state.runtime;
        }
        if (ROUTE_EXPORTS.has(d.name.text))
            this.addHandler(init);
        if (this.useServerFile && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
            this.addServerAction(init);
    }
    /** `export default handler`, or Workers / Deno / Bun: `export default { fetch(request, env, ctx) { … } }`. */
    collectDefaultExport(stmt, state) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(stmt.expression);
        if (!ts.isObjectLiteralExpression(e))
            return this.addHandler(e);
        for (const p of e.properties) {
            const name = p.name ? (0,ast/* propertyNameText */.CC)(p.name) : undefined;
            if (name !== "fetch")
                continue;
            if (ts.isMethodDeclaration(p))
                this.handlers.add(p);
            else if (ts.isPropertyAssignment(p))
                this.addHandler((0,ast/* unwrap */.oA)(p.initializer));
            state.waitUntil = true;
        }
    }
    /** Functions handed to a router, tRPC/action builder, H3 wrapper or event listener. */
    collectRegistration(n, sf) {
        const ts = (0,parse.typescript)();
        const callee = (0,ast/* unwrap */.oA)(n.expression);
        const method = ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : ts.isIdentifier(callee)
                ? callee.text
                : "";
        if (!REGISTERING.some((set) => set.has(method)))
            return;
        const fns = n.arguments
            .map((a) => (0,ast/* unwrap */.oA)(a))
            .filter((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a) || ts.isIdentifier(a));
        if (!fns.length)
            return;
        if (ts.isPropertyAccessExpression(callee))
            this.memberRegistration(n, callee, method, fns, sf);
        else if (ts.isIdentifier(callee) && (H3_WRAPPERS.has(method) || REGISTRARS.has(method)))
            this.addAll(fns, method === "middleware" ? "trpc" : undefined);
    }
    /** `app.get("/x", fn)`, `t.procedure.query(fn)`, `actionClient.action(fn)`, `self.addEventListener("fetch", fn)`. */
    memberRegistration(n, callee, method, fns, sf) {
        const receiver = (0,ast/* memberPath */.Mb)(callee.expression)?.join(".") ?? callee.expression.getText(sf);
        if (handlers_ROUTER_METHODS.has(method) && (hasPathArgument(n) || method === "use") && !/procedure/i.test(receiver))
            this.addAll(fns);
        if (TRPC_RESOLVERS.has(method) || (method === "use" && /procedure|^t$|trpc/i.test(receiver)))
            this.addAll(fns, "trpc");
        if (ACTION_RESOLVERS.has(method) && /action|client/i.test(receiver))
            this.addAll(fns, "action");
        if (method === "middleware" || method === "addEventListener")
            this.addAll(fns);
    }
    /** Registers handlers; `kind` marks function literals whose parameters the client fills. */
    addAll(fns, kind) {
        const ts = (0,parse.typescript)();
        for (const f of fns) {
            this.addHandler(f);
            if (kind && (ts.isArrowFunction(f) || ts.isFunctionExpression(f)))
                this.clientParamFns.set(f, kind);
        }
    }
    addHandler(node) {
        const ts = (0,parse.typescript)();
        const n = (0,ast/* unwrap */.oA)(node);
        if (ts.isArrowFunction(n) ||
            ts.isFunctionExpression(n) ||
            ts.isFunctionDeclaration(n) ||
            ts.isMethodDeclaration(n)) {
            this.handlers.add(n);
            return;
        }
        // A wrapped handler: `export const POST = withAuth(async (req) => …)`.
        if (ts.isCallExpression(n))
            for (const a of n.arguments)
                this.addHandler(a);
        // A named function registered elsewhere in the file: `app.use(rateLimit)`.
        if (ts.isIdentifier(n)) {
            const d = declarationOf(n);
            if (d && ts.isFunctionDeclaration(d))
                this.handlers.add(d);
            else if (d && ts.isVariableDeclaration(d) && d.initializer) {
                const init = (0,ast/* unwrap */.oA)(d.initializer);
                if (ts.isArrowFunction(init) || ts.isFunctionExpression(init))
                    this.handlers.add(init);
            }
        }
    }
    addServerAction(fn) {
        this.handlers.add(fn);
        this.clientParamFns.set(fn, "server-action");
    }
    /**
     * Whether `fn` is registered with a framework as a request handler (route export, middleware,
     * router callback, procedure, server action): what it returns goes to the framework, not to code we
     * can follow.
     */
    isHandler(fn) {
        return this.handlers.has(fn);
    }
    perRequest = new Map();
    /** Whether `fn` runs once per request: a registered handler, or a function taking a request. */
    runsPerRequest(fn) {
        let v = this.perRequest.get(fn);
        if (v === undefined)
            this.perRequest.set(fn, (v = this.takesRequest(fn)));
        return v;
    }
    takesRequest(fn) {
        const ts = (0,parse.typescript)();
        if (this.handlers.has(fn))
            return true;
        if (!ts.isFunctionLike(fn))
            return false;
        const params = fn.parameters;
        const first = params[0];
        if (!first)
            return false;
        if (first.type &&
            /^(Next)?Request$|NextApiRequest|express\.Request|Request<|RequestEvent|APIContext|H3Event|Context$/.test(first.type.getText(this.sf).trim()))
            return true;
        return ts.isIdentifier(first.name) && /^(req|request)$/.test(first.name.text);
    }
    /** The nearest enclosing function (or `node` itself) that is a request handler. */
    enclosingHandler(node) {
        const ts = (0,parse.typescript)();
        for (let n = node; n; n = n.parent)
            if (ts.isFunctionLike(n) && this.runsPerRequest(n))
                return n;
        return undefined;
    }
    /** Client-chosen parameters: tRPC `input`, next-safe-action `parsedInput`, server-action arguments. */
    clientParam(fn, index, prop) {
        const kind = this.clientParamFns.get(fn);
        if (!kind)
            return undefined;
        if (kind === "server-action")
            return "argument";
        if (index !== 0)
            return undefined;
        if (kind === "trpc" && (prop === "input" || prop === "rawInput" || prop === "getRawInput"))
            return "input";
        if (kind === "action" && (prop === "parsedInput" || prop === "clientInput" || prop === "bindArgsParsedInputs"))
            return "input";
        // The procedure context is built on the server (session, user, workspace) by middleware.
        if (prop === "ctx")
            return "principal";
        return undefined;
    }
    /** Whether the code around `node` guards authentication (path, function names, key prefixes). */
    authSensitive(node, extra = []) {
        const ts = (0,parse.typescript)();
        if (AUTH_SENSITIVE.test(this.path))
            return true;
        for (let n = node; n; n = n.parent) {
            if ((ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n)) &&
                n.name &&
                AUTH_SENSITIVE.test(n.name.getText(this.sf)))
                return true;
            if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
                n.parent &&
                ts.isVariableDeclaration(n.parent) &&
                AUTH_SENSITIVE.test(n.parent.name.getText(this.sf)))
                return true;
            if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
                n.parent &&
                ts.isPropertyAssignment(n.parent) &&
                AUTH_SENSITIVE.test(n.parent.name.getText(this.sf)))
                return true;
        }
        return extra.some((t) => AUTH_SENSITIVE.test(t));
    }
}
function stringOf(e) {
    const ts = (0,parse.typescript)();
    return ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e) ? e.text : undefined;
}
function hasExport(stmt) {
    const ts = (0,parse.typescript)();
    return (0,engine_exports/* hasModifier */.mp)(ts, stmt, ts.SyntaxKind.ExportKeyword);
}
function hasDirective(statements, directive) {
    const ts = (0,parse.typescript)();
    for (const s of statements) {
        if (!ts.isExpressionStatement(s) || !ts.isStringLiteral(s.expression))
            return false;
        if (s.expression.text === directive)
            return true;
    }
    return false;
}
function hasBodyDirective(fn, directive) {
    const ts = (0,parse.typescript)();
    const body = fn.body;
    return Boolean(body && ts.isBlock(body) && hasDirective(body.statements, directive));
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/hosting.ts
/**
 * Where a package runs in production, from what the repository says about it: whether a fallback in
 * a rate-limit identifier (`x-forwarded-for ?? "127.0.0.1"`, `req.ip ?? "anon"`) can ever fire
 * depends on the host, which sets the client-IP headers, and on the framework version.
 *
 * Evidence, nearest first (the file's package directory, then each parent up to the root):
 * 1. a platform's own deployment file (`vercel.json`, `wrangler.toml`, `netlify.toml`, `fly.toml`,
 *    `render.yaml`, `railway.json`, `heroku.yml`, `apphosting.yaml`, `firebase.json`);
 * 2. a dependency only that platform needs (`@vercel/analytics`, `@sveltejs/adapter-cloudflare`,
 *    `@netlify/functions`, …) in the package or the workspace root;
 * 3. a Dockerfile (or a Node adapter such as `@sveltejs/adapter-node`): a self-hosted server, where
 *    nothing is known to set a client-IP header;
 * 4. nothing: the framework's usual host. Next.js apps are taken to run on Vercel; SvelteKit, Astro,
 *    Nuxt and Remix apps on a managed platform that sets `x-forwarded-for` (their default adapters
 *    target one); a Node server (Express, Fastify, Koa, plain Node) is self-run with no proxy known.
 * A platform file or dependency wins over a Dockerfile beside it: templates that ship both are
 * deployed on the platform and only self-hostable.
 */

const VERCEL = {
    kind: "vercel",
    name: "Vercel",
    headers: ["x-forwarded-for", "x-real-ip", "x-vercel-forwarded-for"],
    behindProxy: true,
};
const CLOUDFLARE = {
    kind: "cloudflare",
    name: "Cloudflare",
    headers: ["cf-connecting-ip", "x-forwarded-for"],
    behindProxy: true,
};
const NETLIFY = {
    kind: "netlify",
    name: "Netlify",
    headers: ["x-nf-client-connection-ip", "x-forwarded-for"],
    behindProxy: true,
};
/** A platform whose router or load balancer forwards the request: only `x-forwarded-for` is certain. */
function paas(name, ...own) {
    return { kind: "paas", name, headers: ["x-forwarded-for", ...own], behindProxy: true };
}
const hosting_DOCKER = { kind: "self-hosted", name: "a self-hosted container", headers: [], behindProxy: false };
const NODE_ADAPTER = {
    kind: "self-hosted",
    name: "a self-hosted Node server",
    headers: [],
    behindProxy: false,
};
/** Deployment files, by file name (matched in the package directory and its parents). */
const HOST_FILES = [
    { name: /^vercel\.json$/, host: VERCEL },
    { name: /^wrangler\.(toml|json|jsonc)$/, host: CLOUDFLARE },
    { name: /^netlify\.toml$/, host: NETLIFY },
    { name: /^fly\.toml$/, host: paas("Fly.io", "fly-client-ip") },
    { name: /^render\.ya?ml$/, host: paas("Render") },
    { name: /^railway\.(json|toml)$/, host: paas("Railway") },
    { name: /^heroku\.yml$/, host: paas("Heroku") },
    { name: /^(apphosting(\.[\w-]+)?\.yaml|firebase\.json)$/, host: paas("Firebase") },
];
/** Self-hosting files: a container image the owner runs wherever they like. */
const SELF_HOSTED_FILES = [/^(dockerfile|containerfile)(\.[\w.-]+)?$/i, /\.dockerfile$/i];
/** Dependencies that only make sense on one host. */
const HOST_DEPS = [
    ["@vercel/analytics", VERCEL],
    ["@vercel/speed-insights", VERCEL],
    ["@vercel/functions", VERCEL],
    ["@vercel/edge-config", VERCEL],
    ["@vercel/node", VERCEL],
    ["@sveltejs/adapter-vercel", VERCEL],
    ["@astrojs/vercel", VERCEL],
    ["wrangler", CLOUDFLARE],
    ["@cloudflare/workers-types", CLOUDFLARE],
    ["@cloudflare/next-on-pages", CLOUDFLARE],
    ["@opennextjs/cloudflare", CLOUDFLARE],
    ["@sveltejs/adapter-cloudflare", CLOUDFLARE],
    ["@astrojs/cloudflare", CLOUDFLARE],
    ["@netlify/functions", NETLIFY],
    ["@netlify/edge-functions", NETLIFY],
    ["@netlify/plugin-nextjs", NETLIFY],
    ["@sveltejs/adapter-netlify", NETLIFY],
    ["@astrojs/netlify", NETLIFY],
    ["@sveltejs/adapter-node", NODE_ADAPTER],
    ["@astrojs/node", NODE_ADAPTER],
];
const MANAGED = paas("a managed platform");
function host(spec, evidence, assumed = false) {
    return {
        kind: spec.kind,
        name: spec.name,
        evidence,
        assumed,
        headers: new Set(spec.headers),
        behindProxy: spec.behindProxy,
    };
}
/** The directories a package's deployment files may sit in, nearest first ("" is the root). */
function levels(dir) {
    const out = [dir];
    for (let d = dir; d;) {
        d = d.includes("/") ? d.slice(0, d.lastIndexOf("/")) : "";
        out.push(d);
    }
    return out;
}
/** Base names of the files directly in each directory, built once per scan. */
const FILES_BY_DIR = new project/* MemoKey */.C("rate-limit: files by directory");
function filesByDir(project) {
    return project.memo(FILES_BY_DIR, () => {
        const out = new Map();
        for (const f of project.files.keys()) {
            const i = f.lastIndexOf("/");
            const dir = i === -1 ? "" : f.slice(0, i);
            let list = out.get(dir);
            if (!list)
                out.set(dir, (list = []));
            list.push(f.slice(i + 1));
        }
        return out;
    });
}
const at = (dir, name) => (dir ? `${dir}/${name}` : name);
function fromFiles(project, dirs, names) {
    const byDir = filesByDir(project);
    for (const d of dirs) {
        const hit = byDir.get(d)?.find((n) => names.some((re) => re.test(n)));
        if (hit)
            return at(d, hit);
    }
    return undefined;
}
function platformFile(project, dirs) {
    const byDir = filesByDir(project);
    for (const d of dirs) {
        for (const n of byDir.get(d) ?? []) {
            const spec = HOST_FILES.find((h) => h.name.test(n));
            if (spec)
                return host(spec.host, at(d, n));
        }
    }
    return undefined;
}
function platformDependency(pkgs) {
    for (const p of pkgs) {
        const hit = HOST_DEPS.find(([dep]) => p.dependencies.has(dep));
        if (hit)
            return host(hit[1], `${hit[0]} in ${at(p.dir, "package.json")}`);
    }
    return undefined;
}
/** Frameworks a file's own imports name, for packages whose package.json the scan could not read. */
const IMPORTED_FRAMEWORKS = [
    [/^next(\/|$)/, "nextjs"],
    [/^express$/, "express"],
    [/^fastify$/, "fastify"],
    [/^hono(\/|$)/, "hono"],
    [/^@sveltejs\/kit(\/|$)|^\$app\//, "sveltekit"],
    [/^astro(:|\/|$)/, "astro"],
];
/** The frameworks of the file's package (and the workspace root), and those its imports name. */
function frameworksAt(project, file) {
    const out = new Set(project.frameworksOf(file));
    for (const i of project.files.get(file)?.imports ?? [])
        for (const [re, fw] of IMPORTED_FRAMEWORKS)
            if (re.test(i.specifier))
                out.add(fw);
    return out;
}
function byFramework(project, file) {
    const fw = frameworksAt(project, file);
    if (fw.has("cloudflare-workers"))
        return host(CLOUDFLARE, "wrangler in package.json");
    if (fw.has("nextjs") && !fw.has("express") && !fw.has("fastify"))
        return host(VERCEL, "no deployment file: Next.js apps are taken to run on Vercel", true);
    if (fw.has("sveltekit") || fw.has("astro") || fw.has("nuxt") || fw.has("remix"))
        return host(MANAGED, "no deployment file: the framework's default adapter targets a managed platform", true);
    return {
        kind: "node-server",
        name: "a Node server",
        evidence: "no deployment file or platform dependency says a proxy is in front of it",
        assumed: true,
        headers: new Set(),
        behindProxy: false,
    };
}
const HOSTS = new project/* MemoKey */.C("rate-limit: host per package");
/** Where the package holding `file` runs (memoized per package for the scan). */
function hostOf(project, file) {
    const pkg = project.packageOf(file);
    const dir = pkg?.dir ?? "";
    const cache = project.memo(HOSTS, () => new Map());
    const key = `${dir}\0${[...frameworksAt(project, file)].sort().join(",")}`;
    let h = cache.get(key);
    if (!h)
        cache.set(key, (h = detect(project, file, dir, pkg)));
    return h;
}
function detect(project, file, dir, pkg) {
    const dirs = levels(dir);
    const root = project.packages.find((p) => p.dir === "");
    const pkgs = [pkg, root].filter((p, i, a) => Boolean(p) && a.indexOf(p) === i);
    const platform = platformFile(project, dirs) ?? platformDependency(pkgs);
    if (platform)
        return platform;
    const docker = fromFiles(project, dirs, SELF_HOSTED_FILES);
    if (docker)
        return host(hosting_DOCKER, docker);
    return byFramework(project, file);
}
/**
 * The major version of a dependency as the package declares it (`"^14.2.5"` → 14), or undefined
 * when the range names none (`workspace:*`, a git URL). `latest`, `canary` and `rc` count as the
 * newest major we know of.
 */
function declaredMajor(project, file, dep, newest) {
    const own = project.packageOf(file);
    const root = project.packages.find((p) => p.dir === "");
    const range = own?.versions.get(dep) ?? root?.versions.get(dep);
    if (range === undefined)
        return undefined;
    if (/^(latest|canary|rc|next|beta)$/.test(range.trim()))
        return newest;
    const m = /(\d+)(?:\.\d+|\.x)?/.exec(range.replace(/^npm:[^@]+@/, ""));
    return m ? Number(m[1]) : undefined;
}
/** Where the declared version comes from, for messages. */
function versionNote(project, file, dep) {
    const own = project.packageOf(file);
    const pkg = own?.versions.has(dep) ? own : project.packages.find((p) => p.dir === "");
    const range = pkg?.versions.get(dep);
    return range === undefined ? "" : `${dep} ${range} in ${at(pkg.dir, "package.json")}`;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/guards.ts

const NEVER = { kind: "never" };
const guards_UNKNOWN = { kind: "unknown" };
/** `all`/`any` with `never` and nesting folded away. */
function allOf(of) {
    if (of.some((g) => g.kind === "never"))
        return NEVER;
    const flat = of.flatMap((g) => (g.kind === "all" ? g.of : [g]));
    return flat.length === 0 ? guards_UNKNOWN : flat.length === 1 ? flat[0] : { kind: "all", of: dedupe(flat) };
}
function anyOf(of) {
    const live = of.filter((g) => g.kind !== "never").flatMap((g) => (g.kind === "any" ? g.of : [g]));
    return live.length === 0 ? NEVER : live.length === 1 ? live[0] : { kind: "any", of: dedupe(live) };
}
function dedupe(list) {
    const seen = new Set();
    return list.filter((g) => {
        const k = JSON.stringify(g);
        if (seen.has(k))
            return false;
        seen.add(k);
        return true;
    });
}
/** The first Next.js major without `NextRequest.ip`. */
const NEXT_WITHOUT_REQUEST_IP = 15;
const NEWEST_NEXT = 16;
const NODE_SERVERS = ["express", "fastify"];
/** Whether `g` can be missing in production, with the reasons. */
function reachability(g, env) {
    const host = hostOf(env.project, env.file);
    return guards_evaluate(g, env, host);
}
function yes(why, confidence) {
    return { reachable: true, why: [why], confidence };
}
function no(why) {
    return { reachable: false, why: [why], confidence: "high" };
}
/** How sure a reason that rests on the host is: an assumed host is a guess. */
function onHost(host) {
    return host.assumed ? "medium" : "high";
}
function hostText(host) {
    return host.assumed ? `${host.name} (${host.evidence})` : `${host.name} (${host.evidence})`;
}
const LEAVES = {
    never: () => no("the value is always set"),
    unknown: () => yes("the value is missing", "medium"),
    anonymous: () => yes("a request comes without a signed-in user", "high"),
    client: (g) => yes(`a client leaves out ${g.detail}`, "high"),
    header: (g, _env, host) => host.headers.has(g.name)
        ? no(`${host.name} sets ${g.name} on every request`)
        : yes(`a request arrives without ${g.name}, which nothing sets on ${hostText(host)}`, onHost(host)),
    "ip-function": (g, _env, host) => host.kind === "vercel"
        ? no(`${g.name}() returns the client address on Vercel`)
        : yes(`${g.name}() returns undefined off Vercel, and this app runs on ${hostText(host)}`, onHost(host)),
    imported: (g, env) => env.nonNullish(g.ref)
        ? no(`${g.name}() is declared to return a value`)
        : yes(`${g.name}() returns nothing`, "medium"),
    "request-ip": requestIp,
};
function requestIp(g, env, host) {
    const fw = frameworksAt(env.project, env.file);
    const node = NODE_SERVERS.find((f) => fw.has(f));
    if (!g.via && node)
        return no(`${node === "express" ? "Express" : "Fastify"} sets req.ip from the connection`);
    if (g.via === "next-api")
        return yes("a pages-router request (NextApiRequest) has no ip property, so req.ip is always undefined", "high");
    if (!g.via && !fw.has("nextjs"))
        return yes("req.ip is undefined", "medium");
    const major = declaredMajor(env.project, env.file, "next", NEWEST_NEXT);
    if (major === undefined)
        return yes(`request.ip no longer exists since Next.js ${NEXT_WITHOUT_REQUEST_IP} (this package's Next.js version is not known) and is only filled on Vercel before that`, "medium");
    if (major >= NEXT_WITHOUT_REQUEST_IP)
        return yes(`Next.js ${NEXT_WITHOUT_REQUEST_IP} removed NextRequest.ip (${versionNote(env.project, env.file, "next")}), so request.ip is always undefined`, "high");
    if (host.kind === "vercel")
        return no("Vercel fills request.ip in Next.js 14 and earlier");
    return yes(`request.ip is only filled on Vercel, and this app runs on ${hostText(host)}`, onHost(host));
}
const RANK = { low: 0, medium: 1, high: 2 };
function guards_evaluate(g, env, host) {
    if (g.kind === "all") {
        const parts = g.of.map((p) => guards_evaluate(p, env, host));
        const blocked = parts.find((p) => !p.reachable);
        if (blocked)
            return blocked;
        return {
            reachable: true,
            why: parts.flatMap((p) => p.why),
            confidence: parts.reduce((c, p) => (RANK[p.confidence] < RANK[c] ? p.confidence : c), "high"),
        };
    }
    if (g.kind === "any") {
        const parts = g.of.map((p) => guards_evaluate(p, env, host));
        const live = parts.filter((p) => p.reachable);
        if (!live.length)
            return { reachable: false, why: parts.flatMap((p) => p.why), confidence: "high" };
        const best = live.reduce((a, b) => (RANK[b.confidence] > RANK[a.confidence] ? b : a));
        return best;
    }
    const leaf = LEAVES[g.kind];
    return leaf ? leaf(g, env, host) : yes("the value is missing", "medium");
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/identifiers.ts






const IP_HEADERS = new Set([
    "x-real-ip",
    "x-forwarded-for",
    "cf-connecting-ip",
    "cf-connecting-ipv6",
    "true-client-ip",
    "x-vercel-forwarded-for",
    "x-vercel-proxied-for",
    "fly-client-ip",
    "fastly-client-ip",
    "x-client-ip",
    "x-cluster-client-ip",
    "x-forwarded",
    "forwarded-for",
    "forwarded",
    "x-appengine-user-ip",
    "x-azure-clientip",
    "x-original-forwarded-for",
    "do-connecting-ip",
    "x-nf-client-connection-ip",
    "x-envoy-external-address",
]);
/** Credentials: a limit keyed by the presented key is the usual per-key quota. */
const CREDENTIAL_HEADERS = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-auth-token|x-access-token|x-upstash-[a-z-]+)$/;
/** Routing headers identify a tenant or host, not a client. */
const TENANT_HEADERS = /^(host|x-forwarded-host|x-tenant(-id)?|x-vercel-deployment-url)$/;
const IP_GETTER = /^(get)?(client|real|request|user|remote)?_?ip(_?address)?$|^(get)?(client|remote)_?address$/i;
const REQUEST_NAMES = /^(req|request|event|ctx|context|c|evt|r)$/;
/** Members that hold the client's address. */
const CLIENT_ADDRESS_MEMBERS = new Set([
    "getClientAddress",
    "clientAddress",
    "remoteAddress",
    "ipAddress",
]);
/** Calls that read the request body. */
const BODY_READERS = new Set(["json", "formData", "text"]);
/** Members that hold the query string. */
const QUERY_MEMBERS = new Set(["query", "searchParams", "queries"]);
/** Members that hold the authenticated principal. */
const PRINCIPAL_MEMBERS = new Set(["session", "user", "auth", "locals"]);
const identifiers_AUTH_CALL = /^(auth|getAuth|currentUser|getCurrentUser|getServerSession|getServerAuthSession|getSession|getUser|getUserId|getToken|getViewer|requireUser|requireAuth|requireSession|validateRequest|validateSession|getKindeServerSession|getLoggedInUser|withAuth|authenticate|verifySession|verifyToken|getApiKey|verifyApiKey|getWorkspace|getTeam|getOrganization|clerkClient)$/i;
const PRINCIPAL_WORD = /^(session|user|userId|user_id|userid|uid|sub|account|accountId|org|orgId|organization|organizationId|team|teamId|workspace|workspaceId|tenant|tenantId|project|projectId|apiKey|apiKeyId|keyId|token|tokenId|viewer|me|customer|customerId|member|principal|identity)$/i;
const PASS_THROUGH_METHODS = new Set([
    "toString",
    "trim",
    "trimStart",
    "trimEnd",
    "toLowerCase",
    "toUpperCase",
    "toLocaleLowerCase",
    "normalize",
    "slice",
    "substring",
    "substr",
    "replace",
    "replaceAll",
    "padStart",
    "padEnd",
    "at",
    "valueOf",
]);
const PASS_THROUGH_FUNCTIONS = new Set([
    "String",
    "encodeURIComponent",
    "encodeURI",
    "escape",
    "btoa",
    "hash",
    "sha256",
    "sha1",
    "md5",
    "hashString",
    "hashIdentifier",
    "hashIp",
    "createHash",
    "JSON.stringify",
    "normalizeEmail",
]);
class IdentifierTracer {
    sf;
    clientParams;
    imports;
    constructor(sf, 
    /** Functions whose parameters come from the client (server actions, tRPC resolvers). */
    clientParams) {
        this.sf = sf;
        this.clientParams = clientParams;
        this.imports = (0,ast/* importBindings */.eN)(sf);
    }
    memo = new Map();
    /** The parts of an identifier expression, each with its possible origins (memoized per node). */
    parts(expr) {
        let p = this.memo.get(expr);
        if (!p)
            this.memo.set(expr, (p = this.split(expr, 0)));
        return p;
    }
    split(expr, depth) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(expr);
        if (depth < 6) {
            if (ts.isTemplateExpression(e)) {
                const out = [];
                if (e.head.text)
                    out.push({ node: e.head, origins: [{ kind: "constant", value: e.head.text, node: e.head }] });
                for (const span of e.templateSpans) {
                    out.push(...this.split(span.expression, depth + 1));
                    if (span.literal.text)
                        out.push({
                            node: span.literal,
                            origins: [{ kind: "constant", value: span.literal.text, node: span.literal }],
                        });
                }
                return out;
            }
            if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken)
                return [...this.split(e.left, depth + 1), ...this.split(e.right, depth + 1)];
            // [a, b].join(":")
            if (ts.isCallExpression(e) &&
                ts.isPropertyAccessExpression(e.expression) &&
                e.expression.name.text === "join" &&
                ts.isArrayLiteralExpression((0,ast/* unwrap */.oA)(e.expression.expression))) {
                return (0,ast/* unwrap */.oA)(e.expression.expression).elements.flatMap((el) => ts.isSpreadElement(el)
                    ? [{ node: el, origins: [{ kind: "unknown", node: el }] }]
                    : this.split(el, depth + 1));
            }
            // A const holding a template: `const key = \`login:${ip}\``.
            if (ts.isIdentifier(e)) {
                const decl = declarationOf(e);
                if (decl && ts.isVariableDeclaration(decl) && decl.initializer && !isReassigned(decl)) {
                    const init = (0,ast/* unwrap */.oA)(decl.initializer);
                    if (ts.isTemplateExpression(init) ||
                        (ts.isBinaryExpression(init) && init.operatorToken.kind === ts.SyntaxKind.PlusToken))
                        return this.split(init, depth + 1);
                }
            }
        }
        return [{ node: e, origins: this.origins(e, depth) }];
    }
    /** Every origin an expression may have. */
    origins(expr, depth = 0) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(expr);
        if (depth > 10)
            return [{ kind: "unknown", node: e }];
        const str = constString(e);
        if (str !== undefined)
            return [{ kind: "constant", value: str, node: e }];
        const num = constNumber(e);
        if (num !== undefined)
            return [{ kind: "constant", value: String(num), node: e }];
        if (ts.isAwaitExpression(e))
            return this.origins(e.expression, depth + 1);
        if (ts.isBinaryExpression(e)) {
            const op = e.operatorToken.kind;
            if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
                const right = constString(e.right);
                const left = this.origins(e.left, depth + 1);
                if (right === undefined)
                    return [...left, ...this.origins(e.right, depth + 1)];
                // `xff.split(",")[0] ?? "0.0.0.0"`, `… || req.socket.remoteAddress || "127.0.0.1"`, `ip ?? "x"`
                // after `const ip = h ?? "x"`: the left side is always set and the fallback is dead code.
                const guard = allOf([this.guard(e.left, depth + 1), ...this.earlierExits(e, depth + 1)]);
                if (guard.kind === "never")
                    return left;
                return [...left, { kind: "fallback", value: right, node: e, guard }];
            }
            if (op === ts.SyntaxKind.PlusToken)
                return concatOrigins(this.parts(e));
            return [{ kind: "unknown", node: e }];
        }
        if (ts.isConditionalExpression(e)) {
            const out = [];
            for (const branch of [e.whenTrue, e.whenFalse]) {
                const s = constString(branch);
                if (s !== undefined)
                    out.push({ kind: "fallback", value: s, node: e, guard: this.conditionGuard(e, branch, depth + 1) });
                else
                    out.push(...this.origins(branch, depth + 1));
            }
            return out;
        }
        if (ts.isTemplateExpression(e))
            return concatOrigins(this.parts(e));
        if (ts.isIdentifier(e))
            return this.identifierOrigins(e, depth);
        if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e))
            return this.accessOrigins(e, depth);
        return [{ kind: "unknown", node: e }];
    }
    identifierOrigins(id, depth) {
        const ts = (0,parse.typescript)();
        const decl = declarationOf(id);
        if (!decl)
            return [{ kind: "unknown", node: id }];
        if (ts.isVariableDeclaration(decl)) {
            const values = [];
            if (decl.initializer)
                values.push(decl.initializer);
            if (!decl.initializer || isReassigned(decl)) {
                for (const ref of referencesTo(decl, scopeOf(decl))) {
                    const p = ref.parent;
                    if (p && ts.isBinaryExpression(p) && p.left === ref && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
                        values.push(p.right);
                }
            }
            if (!values.length)
                return [{ kind: "unknown", node: id }];
            return values.flatMap((v) => this.origins(v, depth + 1));
        }
        if (ts.isBindingElement(decl))
            return this.bindingOrigins(decl, depth);
        if (ts.isParameter(decl))
            return this.parameterOrigins(decl, undefined, id);
        if (ts.isImportSpecifier(decl) || ts.isImportClause(decl))
            return [{ kind: "unknown", node: id }];
        return [{ kind: "unknown", node: id }];
    }
    /** `const { email } = await req.json()`, `({ input }) => …`: a property of whatever was destructured. */
    bindingOrigins(el, depth) {
        const ts = (0,parse.typescript)();
        const path = [];
        let n = el;
        while (ts.isBindingElement(n)) {
            const pattern = n.parent;
            if (ts.isObjectBindingPattern(pattern)) {
                const key = (0,ast/* propertyNameText */.CC)(n.propertyName) ?? (ts.isIdentifier(n.name) ? n.name.text : undefined);
                if (key === undefined)
                    return [{ kind: "unknown", node: el }];
                path.unshift(key);
            }
            else
                path.unshift("*");
            n = pattern.parent;
        }
        if (ts.isParameter(n))
            return this.parameterOrigins(n, path, el);
        if (ts.isVariableDeclaration(n) && n.initializer)
            return this.pathOrigins(n.initializer, path, el, depth);
        return [{ kind: "unknown", node: el }];
    }
    parameterOrigins(param, path, node) {
        const fn = param.parent;
        const index = fn.parameters.indexOf(param);
        const prop = path?.[0];
        const client = this.clientParams(fn, index, prop);
        if (client === "principal")
            return [{ kind: "principal", node }];
        if (client)
            return [{ kind: "client", source: client, detail: prop ?? (param.name.getText(this.sf) || "argument"), node }];
        return [{ kind: "param", fn, index, prop, node }];
    }
    /** Origins of `base.path[0].path[1]…` (used for destructuring). */
    pathOrigins(base, path, node, depth) {
        const chain = this.chain(base);
        if (!chain)
            return this.origins(base, depth + 1).map((o) => (o.kind === "constant" ? { kind: "unknown", node } : o));
        return this.classifyChain([...chain.steps, ...path.map((p) => ({ name: p }))], chain.root, node, depth);
    }
    accessOrigins(e, depth) {
        const ts = (0,parse.typescript)();
        // Pass-through transformations keep the origin of what they transform.
        if (ts.isCallExpression(e)) {
            const callee = (0,ast/* unwrap */.oA)(e.expression);
            const calleePath = (0,ast/* memberPath */.Mb)(callee)?.join(".");
            if (ts.isPropertyAccessExpression(callee) && PASS_THROUGH_METHODS.has(callee.name.text))
                return this.origins(callee.expression, depth + 1);
            if (ts.isPropertyAccessExpression(callee) && (callee.name.text === "digest" || callee.name.text === "update")) {
                const inner = (0,ast/* unwrap */.oA)(callee.expression);
                if (callee.name.text === "update" && e.arguments[0])
                    return this.origins(e.arguments[0], depth + 1);
                if (ts.isCallExpression(inner))
                    return this.origins(inner, depth + 1);
            }
            if (calleePath && PASS_THROUGH_FUNCTIONS.has(calleePath) && e.arguments[0])
                return this.origins(e.arguments[0], depth + 1);
            // `xff.split(",")[0]` is handled through the chain below; a local helper returns its origins.
            const fn = ts.isIdentifier(callee) ? this.localFunction(callee) : undefined;
            if (fn) {
                const rets = returnedExpressions(fn);
                if (rets.length) {
                    const out = rets.flatMap((r) => this.origins(r, depth + 1)
                        .map((o) => this.bindParam(o, e, depth))
                        .flat());
                    return constantReturnsAsFallbacks(out, () => this.returnFallbackGuard(fn, depth + 1));
                }
            }
            if (ts.isIdentifier(callee)) {
                const b = this.imports.get(callee.text);
                const decl = declarationOf(callee);
                if (b && decl && (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl))) {
                    if (/^(ipAddress|getClientIp|getIP|getIp|getClientIP|requestIp)$/.test(b.imported) &&
                        !b.module.startsWith(".") &&
                        !b.module.startsWith("@/"))
                        return [{ kind: "ip", node: e, missing: packageIpMissing(b.module, b.imported) }];
                    if (identifiers_AUTH_CALL.test(b.imported) && !b.module.startsWith("."))
                        return [{ kind: "principal", node: e }];
                    const imported = {
                        kind: "imported",
                        ref: { specifier: b.module, name: b.imported, path: [], call: true },
                        node: e,
                    };
                    // A project helper named for the client address: an IP for trust purposes; its fallbacks are
                    // still judged from its own file.
                    if (IP_GETTER.test(b.imported))
                        return [{ kind: "ip", node: e, missing: NEVER }, imported];
                    return [imported];
                }
            }
        }
        const chain = this.chain(e);
        if (!chain)
            return [{ kind: "unknown", node: e }];
        return this.classifyChain(chain.steps, chain.root, e, depth);
    }
    /**
     * What must be missing for `expr` to be nullish, read from its structure: `a || b` needs both
     * missing, a conditional or a variable assigned twice either, `split(",")[0]` and constant text
     * never; at the leaves, what the value reads (a header, `req.ip`, the session, the client's input).
     */
    guard(expr, depth = 0) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(expr);
        if (depth > 10)
            return guards_UNKNOWN;
        if (ts.isAwaitExpression(e))
            return this.guard(e.expression, depth + 1);
        if (constString(e) !== undefined || constNumber(e) !== undefined || ts.isTemplateExpression(e))
            return NEVER;
        if (ts.isBinaryExpression(e))
            return this.binaryGuard(e, depth);
        if (ts.isConditionalExpression(e))
            return anyOf([this.guard(e.whenTrue, depth + 1), this.guard(e.whenFalse, depth + 1)]);
        if (neverNullish(e) || this.callNeverNullish(e) || isSocketAddress(e))
            return NEVER;
        const ops = stringOperand(e);
        if (ops)
            return ops.optional ? this.guard(ops.base, depth + 1) : NEVER;
        if (ts.isIdentifier(e)) {
            const values = this.valuesOf(e);
            if (values)
                return values.length ? anyOf(values.map((v) => this.guard(v, depth + 1))) : guards_UNKNOWN;
        }
        if (ts.isCallExpression(e)) {
            const fn = ts.isIdentifier((0,ast/* unwrap */.oA)(e.expression))
                ? this.localFunction((0,ast/* unwrap */.oA)(e.expression))
                : undefined;
            const rets = fn ? returnedExpressions(fn) : [];
            if (rets.length && rets.length <= 8 && !fn.parameters.length)
                return anyOf(rets.map((r) => this.guard(r, depth + 1)));
        }
        return anyOf(this.origins(e, depth + 1).map((o) => missingOf(o)));
    }
    binaryGuard(e, depth) {
        const ts = (0,parse.typescript)();
        const op = e.operatorToken.kind;
        if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken)
            return allOf([this.guard(e.left, depth + 1), this.guard(e.right, depth + 1)]);
        if (op === ts.SyntaxKind.PlusToken)
            return NEVER;
        return guards_UNKNOWN;
    }
    /** The values a variable may hold: its initializer and later assignments; undefined when not a variable. */
    valuesOf(id) {
        const ts = (0,parse.typescript)();
        const decl = declarationOf(id);
        if (!decl || !ts.isVariableDeclaration(decl) || !ts.isIdentifier(decl.name))
            return undefined;
        const values = [];
        if (decl.initializer)
            values.push(decl.initializer);
        if (!decl.initializer || isReassigned(decl)) {
            for (const ref of referencesTo(decl, scopeOf(decl))) {
                const p = ref.parent;
                if (p && ts.isBinaryExpression(p) && p.left === ref && p.operatorToken.kind === ts.SyntaxKind.EqualsToken)
                    values.push(p.right);
            }
        }
        return values;
    }
    /** What must be missing for `cond` to be falsy. */
    falsyGuard(cond, depth) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(cond);
        if (ts.isBinaryExpression(e)) {
            const op = e.operatorToken.kind;
            if (op === ts.SyntaxKind.AmpersandAmpersandToken)
                return anyOf([this.falsyGuard(e.left, depth + 1), this.falsyGuard(e.right, depth + 1)]);
            if (op === ts.SyntaxKind.BarBarToken)
                return allOf([this.falsyGuard(e.left, depth + 1), this.falsyGuard(e.right, depth + 1)]);
            // `typeof xff === "string"`
            const typeofOperand = (x) => {
                const u = (0,ast/* unwrap */.oA)(x);
                return ts.isTypeOfExpression(u) ? u.expression : undefined;
            };
            const operand = typeofOperand(e.left) ?? typeofOperand(e.right);
            if (operand && op === ts.SyntaxKind.EqualsEqualsEqualsToken)
                return this.guard(operand, depth + 1);
            return guards_UNKNOWN;
        }
        if (ts.isPrefixUnaryExpression(e))
            return guards_UNKNOWN;
        return this.guard(e, depth + 1);
    }
    /** `cond ? value : "k"`: the constant applies when `cond` is falsy (or truthy, for `!cond ? "k" : value`). */
    conditionGuard(e, constant, depth) {
        const ts = (0,parse.typescript)();
        if (constant === e.whenFalse)
            return this.falsyGuard(e.condition, depth);
        const c = (0,ast/* unwrap */.oA)(e.condition);
        if (ts.isPrefixUnaryExpression(c) && c.operator === ts.SyntaxKind.ExclamationToken)
            return this.falsyGuard(c.operand, depth);
        return guards_UNKNOWN;
    }
    /**
     * `if (xff) return first(xff); return h.get("x-real-ip") ?? "0.0.0.0"`: a node after an early return
     * is only reached when the early return's condition is falsy.
     */
    earlierExits(node, depth) {
        const ts = (0,parse.typescript)();
        const out = [];
        for (let n = node; n.parent && !ts.isFunctionLike(n); n = n.parent) {
            const p = n.parent;
            if (!ts.isBlock(p) && !ts.isSourceFile(p))
                continue;
            for (const s of p.statements) {
                if (s === n)
                    break;
                if (ts.isIfStatement(s) && !s.elseStatement && exitsEarly(s.thenStatement))
                    out.push(this.falsyGuard(s.expression, depth));
            }
        }
        return out;
    }
    /** The constant returns of `fn` apply when none of its other returns has a value. */
    returnFallbackGuard(fn, depth) {
        const rets = returnedExpressions(fn).filter((r) => constString(r) === undefined);
        return allOf(rets.map((r) => this.guard(r, depth + 1)));
    }
    /**
     * What kind of Next.js request `root` is, for what `request.ip` means: a `NextRequest` (app router,
     * middleware) or a pages-router `NextApiRequest`, which never has `ip`.
     */
    nextRequest(root) {
        const ts = (0,parse.typescript)();
        const decl = ts.isIdentifier(root) ? declarationOf(root) : undefined;
        const type = decl && ts.isParameter(decl) && decl.type ? decl.type.getText(this.sf) : "";
        if (/NextApiRequest/.test(type))
            return "next-api";
        if (/NextRequest/.test(type))
            return "next-request";
        if (/(^|\/)pages\/api\//.test(this.sf.fileName))
            return "next-api";
        const modules = [...this.imports.values()].map((b) => b.module);
        if (modules.some((m) => /^next\/(server|headers)$/.test(m) || /\/next$/.test(m)))
            return "next-request";
        return undefined;
    }
    /** `getIp(req)` where getIp is declared here with a return type that excludes null and undefined. */
    callNeverNullish(expr) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(expr);
        const c = ts.isAwaitExpression(e) ? (0,ast/* unwrap */.oA)(e.expression) : e;
        if (!ts.isCallExpression(c) || !ts.isIdentifier((0,ast/* unwrap */.oA)(c.expression)))
            return false;
        const fn = this.localFunction((0,ast/* unwrap */.oA)(c.expression));
        return Boolean(fn && returnsNonNullish(fn));
    }
    /** A parameter origin from a local helper becomes the origin of the argument at this call. */
    bindParam(o, call, depth) {
        if (o.kind !== "param" || !call.arguments[o.index])
            return [o.kind === "param" ? { kind: "unknown", node: o.node } : o];
        const arg = call.arguments[o.index];
        if (o.prop === undefined)
            return this.origins(arg, depth + 1);
        const chain = this.chain(arg);
        if (chain)
            return this.classifyChain([...chain.steps, { name: o.prop }], chain.root, arg, depth + 1);
        return [{ kind: "unknown", node: arg }];
    }
    localFunction(id) {
        return localFunctionOf(id);
    }
    /**
     * An access chain: `req.headers.get("x-real-ip")` → root `req`, steps headers / get("x-real-ip").
     * `new URL(req.url).searchParams` is rooted at the URL; `headers()` (next/headers) is a root call.
     */
    chain(expr) {
        const ts = (0,parse.typescript)();
        const steps = [];
        let n = (0,ast/* unwrap */.oA)(expr);
        for (let i = 0; i < 30; i++) {
            if (ts.isAwaitExpression(n) || ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n))
                n = n.expression;
            else if (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isTypeAssertionExpression(n))
                n = n.expression;
            else if (ts.isPropertyAccessExpression(n)) {
                steps.unshift({ name: n.name.text });
                n = n.expression;
            }
            else if (ts.isElementAccessExpression(n)) {
                const key = constString(n.argumentExpression) ?? constNumber(n.argumentExpression)?.toString();
                steps.unshift({ name: key ?? "*" });
                n = n.expression;
            }
            else if (ts.isCallExpression(n)) {
                const callee = (0,ast/* unwrap */.oA)(n.expression);
                const arg = n.arguments[0] ? constString(n.arguments[0]) : undefined;
                if (ts.isPropertyAccessExpression(callee)) {
                    steps.unshift({ name: callee.name.text, call: true, arg });
                    n = callee.expression;
                }
                else if (ts.isIdentifier(callee)) {
                    steps.unshift({ name: callee.text, call: true, arg, root: true, callNode: n });
                    return { root: callee, steps };
                }
                else
                    return steps.length ? { root: n, steps } : undefined;
            }
            else if (ts.isNewExpression(n) && (0,ast/* memberPath */.Mb)(n.expression)?.join(".") === "URL") {
                steps.unshift({ name: "URL", call: true, root: true });
                return { root: n, steps };
            }
            else if (ts.isIdentifier(n) || n.kind === ts.SyntaxKind.ThisKeyword)
                return { root: n, steps };
            else
                return steps.length ? { root: n, steps } : undefined;
        }
        return undefined;
    }
    /**
     * What a member chain (`req.headers.get("x")`, `session.user.id`, `url.searchParams.get("k")`) reads:
     * the first classifier of CHAIN_CLASSIFIERS that recognises it decides, in that order.
     */
    classifyChain(steps, root, node, depth) {
        const ts = (0,parse.typescript)();
        const c = { steps, root, node, depth, rootName: ts.isIdentifier(root) ? root.text : undefined };
        for (const classify of CHAIN_CLASSIFIERS) {
            const r = classify.call(this, c);
            if (r)
                return r;
        }
        return [{ kind: "unknown", node }];
    }
    /** Header reads: `x.headers.get(name)`, `x.headers[name]`, `headers().get(name)`, Hono `c.req.header(name)`. */
    chainHeader(c) {
        for (let i = 0; i < c.steps.length; i++) {
            const header = headerAt(c, i);
            if (header !== undefined)
                return [classifyHeader(header.toLowerCase(), c.node)];
        }
        return undefined;
    }
    /** The client's address: `getClientAddress()`, `socket.remoteAddress`, `req.ip`, `c.req.ip`. */
    chainIp(c) {
        const last = c.steps[c.steps.length - 1];
        if (c.steps.some((s) => s.name === "ips"))
            return [{ kind: "ip", node: c.node, missing: { kind: "unknown" } }];
        if (c.steps.some((s) => CLIENT_ADDRESS_MEMBERS.has(s.name)))
            return [{ kind: "ip", node: c.node, missing: NEVER }];
        const via = this.nextRequest(c.root);
        const requestIp = { kind: "request-ip", ...(via ? { via } : {}) };
        if (last && last.name === "ip" && !last.call)
            return [{ kind: "ip", node: c.node, missing: requestIp }];
        if (c.steps.some((s) => s.name === "ip" && !s.call) && c.steps.length <= 3)
            return [{ kind: "ip", node: c.node, missing: requestIp }];
        return undefined;
    }
    /** Body and query string: `(await req.json()).email`, `req.query.key`, `url.searchParams.get("k")`. */
    chainBodyOrQuery(c) {
        const { steps, node, rootName } = c;
        const requestish = rootName !== undefined && (REQUEST_NAMES.test(rootName) || this.isRequestParam(c.root));
        const bodyIdx = steps.findIndex((s) => (s.name === "body" && !s.call) || (s.call && BODY_READERS.has(s.name)));
        if (bodyIdx !== -1 && (requestish || bodyIdx > 0 || rootName === "body")) {
            const detail = steps.slice(bodyIdx + 1).find((s) => s.name !== "*" && !s.call)?.name ??
                steps.slice(bodyIdx + 1).find((s) => s.call && s.arg)?.arg ??
                "body";
            return [{ kind: "client", source: "body", detail, node }];
        }
        const queryIdx = steps.findIndex((s) => QUERY_MEMBERS.has(s.name));
        if (queryIdx === -1)
            return undefined;
        const after = steps.slice(queryIdx + 1);
        const detail = steps[queryIdx].arg ?? after.find((s) => s.call && s.arg)?.arg ?? after.find((s) => !s.call)?.name ?? "query";
        if (this.isRouteParam(detail))
            return [{ kind: "unknown", node }];
        return [{ kind: "client", source: "query", detail, node }];
    }
    /** `formData.get("email")` where formData is a FormData parameter or `await req.formData()`. */
    chainFormData(c) {
        const last = c.steps[c.steps.length - 1];
        if (last?.call && last.name === "get" && last.arg !== undefined && c.rootName && /formdata|form$/i.test(c.rootName))
            return [{ kind: "client", source: "body", detail: last.arg, node: c.node }];
        return undefined;
    }
    /** Authenticated principals: auth calls and session/user/ctx members. */
    chainPrincipal(c) {
        const ts = (0,parse.typescript)();
        const first = c.steps[0];
        if (first?.root && first.call && identifiers_AUTH_CALL.test(first.name))
            return [{ kind: "principal", node: c.node }];
        if (c.rootName && (PRINCIPAL_WORD.test(c.rootName) || /session|user|auth/i.test(c.rootName))) {
            // The root itself may be a client-controlled binding (`const { userId } = await req.json()`).
            const rootOrigins = ts.isIdentifier(c.root) ? this.identifierOrigins(c.root, c.depth + 1) : [];
            if (rootOrigins.some((o) => o.kind === "client"))
                return rootOrigins.filter((o) => o.kind === "client").map((o) => ({ ...o, node: c.node }));
            if (rootOrigins.some((o) => o.kind === "constant" || o.kind === "fallback"))
                return rootOrigins;
            return [{ kind: "principal", node: c.node }];
        }
        if (c.steps.some((s) => !s.call && PRINCIPAL_MEMBERS.has(s.name)))
            return [{ kind: "principal", node: c.node }];
        return undefined;
    }
    /** Route parameters name a resource, which is a deliberate per-resource limit. */
    chainRouteParam(c) {
        return c.steps.some((s) => s.name === "params" || s.name === "param")
            ? [{ kind: "unknown", node: c.node }]
            : undefined;
    }
    /** `getIp(req).split(",")[0]`: the call decides, the string operations after it keep its origin. */
    chainCallResult(c) {
        const first = c.steps[0];
        if (!(first?.root && first.call && first.callNode && c.steps.length > 1))
            return undefined;
        return this.accessOrigins(first.callNode, c.depth + 1).map((o) => o.kind === "constant" || o.kind === "param" ? { kind: "unknown", node: c.node } : o);
    }
    /** A destructured `searchParams` or `query` at the root. */
    chainQueryRoot(c) {
        if (c.rootName !== "searchParams" && c.rootName !== "query")
            return undefined;
        const detail = c.steps.find((s) => s.call && s.arg)?.arg ?? c.steps.find((s) => !s.call)?.name ?? "query";
        if (!this.isRouteParam(detail))
            return [{ kind: "client", source: "query", detail, node: c.node }];
        return [{ kind: "unknown", node: c.node }];
    }
    /**
     * A variable at the root: `const h = await headers(); h.get(…)`, `const url = new URL(req.url);
     * url.searchParams…` continue into its initializer; otherwise the chain keeps the variable's origins.
     */
    chainVariable(c) {
        const ts = (0,parse.typescript)();
        const { steps, root, node, depth } = c;
        if (!ts.isIdentifier(root))
            return undefined;
        const decl = declarationOf(root);
        if (steps.length &&
            decl &&
            ts.isVariableDeclaration(decl) &&
            ts.isIdentifier(decl.name) &&
            decl.initializer &&
            !isReassigned(decl)) {
            const inner = this.chain(decl.initializer);
            if (inner && inner.root !== root) {
                const r = this.classifyChain([...inner.steps, ...steps], inner.root, node, depth + 1);
                if (r.some((o) => o.kind !== "unknown"))
                    return r;
            }
        }
        const rootOrigins = this.identifierOrigins(root, depth + 1);
        if (!steps.length)
            return rootOrigins;
        const out = rootOrigins.map((o) => memberOrigin(o, steps[0], node));
        return out.length ? out : [{ kind: "unknown", node }];
    }
    /** Any other expression at the root: `(xff ?? "127.0.0.1").split(",")[0]`. */
    chainOtherRoot(c) {
        if (!c.steps.length || c.root === c.node)
            return undefined;
        return this.origins(c.root, c.depth + 1).map((o) => o.kind === "constant" ? { kind: "unknown", node: c.node } : o);
    }
    /** Pages-router dynamic segments arrive in `req.query` too: `[id].ts` → `req.query.id`. */
    isRouteParam(name) {
        return (this.sf.fileName.includes(`[${name}]`) ||
            this.sf.fileName.includes(`[...${name}]`) ||
            this.sf.fileName.includes(`[[...${name}]]`));
    }
    isRequestParam(root) {
        const ts = (0,parse.typescript)();
        if (!ts.isIdentifier(root))
            return false;
        const decl = declarationOf(root);
        if (!decl || !ts.isParameter(decl) || !decl.type)
            return false;
        return /Request\b|Context\b|RequestEvent\b/.test(decl.type.getText(this.sf));
    }
}
/** In order: the first that recognises a chain decides what it reads. */
const CHAIN_CLASSIFIERS = [
    IdentifierTracer.prototype.chainHeader,
    IdentifierTracer.prototype.chainIp,
    IdentifierTracer.prototype.chainBodyOrQuery,
    IdentifierTracer.prototype.chainFormData,
    IdentifierTracer.prototype.chainPrincipal,
    IdentifierTracer.prototype.chainRouteParam,
    IdentifierTracer.prototype.chainCallResult,
    IdentifierTracer.prototype.chainQueryRoot,
    IdentifierTracer.prototype.chainVariable,
    IdentifierTracer.prototype.chainOtherRoot,
];
/** The header step `i` of a chain reads, if it reads one. */
function headerAt(c, i) {
    const ts = (0,parse.typescript)();
    const s = c.steps[i];
    const next = c.steps[i + 1];
    if ((s.name === "headers" || s.name === "header") && s.call && s.arg !== undefined)
        return s.arg;
    if (s.name === "headers" && next?.call && (next.name === "get" || next.name === "getAll") && next.arg !== undefined)
        return next.arg;
    if (s.name === "headers" && next && !next.call && next.name !== "*" && next.name !== "get")
        return next.name;
    if (s.name === "get" && s.call && s.arg !== undefined && i > 0 && c.steps[i - 1].name === "headers")
        return s.arg;
    // A headers object at the root: a `headers` parameter read as `headers["x-real-ip"]` or `headers.get(…)`.
    if (i === 0 && c.rootName === "headers" && !c.steps[1]) {
        if (s.call && s.name === "get" && s.arg !== undefined)
            return s.arg;
        if (!s.call && s.name !== "*" && s.name.includes("-"))
            return s.name;
    }
    // Express `req.get(name)` / `req.header(name)` on the request itself.
    if (i === 0 &&
        s.call &&
        (s.name === "get" || s.name === "header") &&
        s.arg !== undefined &&
        ts.isIdentifier(c.root) &&
        REQUEST_NAMES.test(c.root.text))
        return s.arg;
    return undefined;
}
/** An origin of a variable, seen through the first member read on it (`body.email`, `session.user`). */
function memberOrigin(o, s0, node) {
    const firstProp = !s0.call && s0.name !== "*" ? s0.name : s0.call && s0.name === "get" && s0.arg !== undefined ? s0.arg : undefined;
    if (o.kind === "client")
        return { ...o, detail: firstProp ?? o.detail, node };
    if (o.kind === "principal" || o.kind === "ip")
        return { ...o, node };
    if (o.kind === "fallback" || o.kind === "imported")
        return o;
    if (o.kind === "param")
        return s0.call ? o : { ...o, prop: o.prop ?? s0.name, node };
    return { kind: "unknown", node };
}
/** What must be missing for a value of this origin to be missing. */
function missingOf(o) {
    switch (o.kind) {
        case "constant":
        case "fallback":
            return NEVER;
        case "ip":
            return o.missing;
        case "principal":
            return { kind: "anonymous" };
        case "client":
            return { kind: "client", detail: o.source === "header" ? `the ${o.detail} header` : o.detail };
        case "imported":
            return { kind: "imported", ref: o.ref, name: o.ref.name };
        default:
            return guards_UNKNOWN;
    }
}
/** What a package's IP helper returns when there is no address: @vercel's `ipAddress` only has one on Vercel. */
function packageIpMissing(module, name) {
    return /^@vercel\//.test(module) ? { kind: "ip-function", name } : NEVER;
}
/** A branch that leaves the function: ends in `return` or `throw`. */
function exitsEarly(stmt) {
    const ts = (0,parse.typescript)();
    if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt))
        return true;
    if (!ts.isBlock(stmt))
        return false;
    const last = stmt.statements[stmt.statements.length - 1];
    return Boolean(last && (ts.isReturnStatement(last) || ts.isThrowStatement(last)));
}
/**
 * String operations on a value (`x?.split(",")[0]?.trim()`, `x.toLowerCase()`): the result is missing
 * exactly when `base` is, if some step is optional; without `?.` a missing base throws instead.
 */
function stringOperand(expr) {
    const ts = (0,parse.typescript)();
    let e = (0,ast/* unwrap */.oA)(expr);
    let optional = false;
    let stripped = false;
    for (let i = 0; i < 12; i++) {
        if (ts.isCallExpression(e) &&
            ts.isPropertyAccessExpression(e.expression) &&
            PASS_THROUGH_METHODS.has(e.expression.name.text)) {
            optional ||= Boolean(e.questionDotToken || e.expression.questionDotToken);
            e = (0,ast/* unwrap */.oA)(e.expression.expression);
        }
        else if (ts.isElementAccessExpression(e) &&
            constNumber(e.argumentExpression) === 0 &&
            ts.isCallExpression((0,ast/* unwrap */.oA)(e.expression)) &&
            ts.isPropertyAccessExpression((0,ast/* unwrap */.oA)(e.expression).expression) &&
            (0,ast/* unwrap */.oA)(e.expression).expression.name.text === "split") {
            const call = (0,ast/* unwrap */.oA)(e.expression);
            const access = call.expression;
            optional ||= Boolean(e.questionDotToken || call.questionDotToken || access.questionDotToken);
            e = (0,ast/* unwrap */.oA)(access.expression);
        }
        else
            break;
        stripped = true;
    }
    return stripped ? { base: e, optional } : undefined;
}
/** `req.socket.remoteAddress`, `req.connection.remoteAddress` (no optional chaining). */
function isSocketAddress(expr) {
    const ts = (0,parse.typescript)();
    const e = (0,ast/* unwrap */.oA)(expr);
    if (!ts.isPropertyAccessExpression(e) || e.questionDotToken || e.name.text !== "remoteAddress")
        return false;
    const inner = (0,ast/* unwrap */.oA)(e.expression);
    return (ts.isPropertyAccessExpression(inner) &&
        !inner.questionDotToken &&
        (inner.name.text === "socket" || inner.name.text === "connection"));
}
/** A function whose declared return type (or promise of it) excludes null and undefined. */
function returnsNonNullish(fn) {
    const ts = (0,parse.typescript)();
    let t = fn.type;
    if (!t)
        return false;
    if (ts.isTypeReferenceNode(t) && ts.isIdentifier(t.typeName) && t.typeName.text === "Promise" && t.typeArguments?.[0])
        t = t.typeArguments[0];
    const text = t.getText();
    return !/\b(null|undefined|any|unknown|void)\b/.test(text) && !text.includes("?");
}
/**
 * The origins of a concatenation (a template, `a + b`) used as one value, e.g. inside `update(…)`: its
 * parts' origins together, but its fallbacks only when every dynamic part can fall back at once, as
 * judge() decides for a whole identifier. `${key}${plain ? "" : pepper}` never collapses while `key` is
 * there; flattened, its `""` would read as the whole value's fallback.
 */
function concatOrigins(parts) {
    const all = parts.flatMap((p) => p.origins);
    const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
    const collapses = dynamic.every((p) => p.origins.some((o) => o.kind === "fallback"));
    return collapses ? all : all.filter((o) => o.kind !== "fallback");
}
/**
 * `if (xff) return xff; return "unknown";`: when some returns of a function are constant and others
 * are not, the constant ones are fallbacks, reached when the other returns have nothing to return.
 */
function constantReturnsAsFallbacks(origins, guard) {
    if (!origins.some((o) => o.kind !== "constant") || !origins.some((o) => o.kind === "constant"))
        return origins;
    const g = guard();
    if (g.kind === "never")
        return origins.filter((o) => o.kind !== "constant");
    return origins.map((o) => (o.kind === "constant" ? { kind: "fallback", value: o.value, node: o.node, guard: g } : o));
}
/** `x.split(",")[0]` (then string methods) with no optional chaining anywhere: always a string. */
function neverNullish(expr) {
    const ts = (0,parse.typescript)();
    let e = (0,ast/* unwrap */.oA)(expr);
    let optional = false;
    ts.forEachChild(e, function visit(n) {
        if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n) || ts.isCallExpression(n)) &&
            n.questionDotToken)
            optional = true;
        ts.forEachChild(n, visit);
    });
    if (optional ||
        ((ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e)) &&
            e.questionDotToken))
        return false;
    while (ts.isCallExpression(e) &&
        ts.isPropertyAccessExpression(e.expression) &&
        PASS_THROUGH_METHODS.has(e.expression.name.text))
        e = (0,ast/* unwrap */.oA)(e.expression.expression);
    if (!ts.isElementAccessExpression(e) || constNumber(e.argumentExpression) !== 0)
        return false;
    const inner = (0,ast/* unwrap */.oA)(e.expression);
    return (ts.isCallExpression(inner) &&
        ts.isPropertyAccessExpression(inner.expression) &&
        inner.expression.name.text === "split");
}
function classifyHeader(name, node) {
    if (IP_HEADERS.has(name))
        return { kind: "ip", node, missing: { kind: "header", name } };
    if (CREDENTIAL_HEADERS.test(name))
        return { kind: "principal", node };
    if (TENANT_HEADERS.test(name))
        return { kind: "unknown", node };
    return { kind: "client", source: "header", detail: name, node };
}
function judge(parts) {
    const verdict = { client: [], imported: [], params: [], trusted: false };
    const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
    if (!dynamic.length) {
        const value = parts.map((p) => p.origins[0].value).join("");
        const node = parts[0]?.node;
        if (node)
            verdict.constant = { value, node: parts.length === 1 ? node : (node.parent ?? node) };
    }
    else {
        // The identifier collapses to one bucket only when every dynamic part can fall back at once.
        const fallbacks = [];
        let allFall = true;
        for (const p of dynamic) {
            const f = p.origins.filter((o) => o.kind === "fallback");
            if (!f.length)
                allFall = false;
            for (const x of f)
                fallbacks.push({ value: x.value, node: x.node, guard: x.guard });
        }
        if (allFall && fallbacks.length)
            verdict.fallbacks = fallbacks;
    }
    for (const p of parts) {
        for (const o of p.origins) {
            if (o.kind === "client")
                verdict.client.push({ source: o.source, detail: o.detail, node: o.node });
            else if (o.kind === "imported")
                verdict.imported.push({ ref: o.ref, node: o.node });
            else if (o.kind === "param")
                verdict.params.push({ fn: o.fn, index: o.index, prop: o.prop });
            else if (o.kind === "ip" || o.kind === "principal")
                verdict.trusted = true;
        }
    }
    return verdict;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/usage.ts




const LOG_CALL = /^(console|logger|log|Sentry|captureException|captureMessage|debug|trace|span|posthog|analytics|track)$/;
const TERMINATING_CALLS = new Set([
    "redirect",
    "permanentRedirect",
    "notFound",
    "forbidden",
    "unauthorized",
    "error",
    "abort",
    "fail",
    "exit",
    "throwError",
    "createError",
]);
/** Climb from a call through `await`, parentheses, casts and `.catch(...)` to the value's use. */
function outerOf(call, onCatch) {
    const ts = (0,parse.typescript)();
    let n = call;
    for (;;) {
        const p = n.parent;
        if (!p)
            return n;
        if (ts.isAwaitExpression(p) ||
            ts.isParenthesizedExpression(p) ||
            ts.isAsExpression(p) ||
            ts.isNonNullExpression(p) ||
            ts.isSatisfiesExpression(p) ||
            ts.isTypeAssertionExpression(p))
            n = p;
        else if (ts.isPropertyAccessExpression(p) &&
            p.expression === n &&
            p.name.text === "catch" &&
            p.parent &&
            ts.isCallExpression(p.parent)) {
            onCatch(p.parent);
            n = p.parent;
        }
        else
            return n;
    }
}
function analyzeVerdict(call, shape, isHandler) {
    const ts = (0,parse.typescript)();
    const use = { consumption: { kind: "unread" }, pending: "unknown", timeoutAllows: [], checks: [] };
    const outer = outerOf(call, (c) => {
        const h = c.arguments[0];
        if (h && catchHandlerAllows(h))
            use.catchAllows = c;
    });
    const p = outer.parent;
    const acc = new Accumulator(isHandler);
    if (!p || ts.isExpressionStatement(p) || ts.isVoidExpression(p)) {
        use.consumption = { kind: "discarded", counter: isCounter(outer) };
        use.pending = "dropped";
        return use;
    }
    if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === outer)) {
        acc.delegate(p, shape);
        use.pending = "unknown";
    }
    else if (ts.isVariableDeclaration(p) && p.initializer === outer) {
        bindTo(p.name, shape, acc, use);
    }
    else if (ts.isBinaryExpression(p) && p.right === outer && p.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const left = (0,ast/* unwrap */.oA)(p.left);
        if (ts.isIdentifier(left)) {
            const decl = declarationOf(left);
            if (decl) {
                use.outerBinding = {
                    decl,
                    initial: ts.isVariableDeclaration(decl) ? constBoolean(decl.initializer) : undefined,
                };
                acc.refs(decl, shape, use, p);
            }
            else
                acc.enforced();
        }
        else if (ts.isObjectLiteralExpression(left)) {
            for (const prop of left.properties) {
                const key = ts.isShorthandPropertyAssignment(prop)
                    ? prop.name.text
                    : ts.isPropertyAssignment(prop)
                        ? (0,ast/* propertyNameText */.CC)(prop.name)
                        : undefined;
                const target = ts.isShorthandPropertyAssignment(prop)
                    ? prop.name
                    : ts.isPropertyAssignment(prop)
                        ? (0,ast/* unwrap */.oA)(prop.initializer)
                        : undefined;
                if (!key || !target || !ts.isIdentifier(target))
                    continue;
                const decl = declarationOf(target);
                if (!decl)
                    continue;
                if (key === "success") {
                    use.outerBinding = {
                        decl,
                        initial: ts.isVariableDeclaration(decl) ? constBoolean(decl.initializer) : undefined,
                    };
                    acc.refs(decl, "success", use, p);
                }
                else if (key === "pending")
                    acc.pendingRefs(decl, use);
            }
        }
        else
            acc.enforced();
    }
    else if (ts.isPropertyAccessExpression(p) && p.expression === outer) {
        if (p.name.text === "success" && shape === "result")
            acc.successUse(p, use);
        else if (p.name.text === "pending")
            use.pending = "handled";
        else
            acc.enforced();
    }
    else if (ts.isArrayLiteralExpression(p) &&
        p.parent &&
        ts.isCallExpression(p.parent) &&
        (0,ast/* memberPath */.Mb)(p.parent.expression)
            ?.join(".")
            .match(/^Promise\.(all|allSettled)$/)) {
        // const [a, b] = await Promise.all([x.limit(…), y.limit(…)])
        const index = p.elements.indexOf(outer);
        let q = p.parent;
        while (q.parent && (ts.isAwaitExpression(q.parent) || ts.isParenthesizedExpression(q.parent)))
            q = q.parent;
        const decl = q.parent;
        if (decl &&
            ts.isVariableDeclaration(decl) &&
            ts.isArrayBindingPattern(decl.name) &&
            !(0,ast/* memberPath */.Mb)(p.parent.expression).join(".").endsWith("allSettled")) {
            const el = decl.name.elements[index];
            if (el && !ts.isOmittedExpression(el) && !el.dotDotDotToken)
                bindTo(el.name, shape, acc, use);
            else
                acc.enforced();
        }
        else
            acc.enforced();
    }
    else {
        // Passed to a function, put in an object, compared directly…: someone else reads it.
        if (shape !== "result" || !(ts.isCallExpression(p) && isLogCall(p)))
            acc.successUse(outer, use, shape === "limited" || shape === "verdict");
    }
    use.consumption = acc.result();
    if (acc.pendingSeen || acc.escaped)
        use.pending = "handled";
    else if (use.consumption.kind === "delegated")
        use.pending = "unknown";
    else if (acc.boundResult)
        use.pending = "dropped";
    return use;
}
function bindTo(name, shape, acc, use) {
    const ts = (0,parse.typescript)();
    if (ts.isIdentifier(name)) {
        const decl = name.parent;
        acc.boundResult = shape === "result";
        acc.refs(decl, shape, use);
        return;
    }
    if (ts.isObjectBindingPattern(name) && shape === "result") {
        acc.boundResult = true;
        for (const el of name.elements) {
            if (el.dotDotDotToken) {
                acc.enforced();
                acc.escaped = true;
                continue;
            }
            const key = (0,ast/* propertyNameText */.CC)(el.propertyName) ?? (ts.isIdentifier(el.name) ? el.name.text : undefined);
            if (!ts.isIdentifier(el.name))
                continue;
            if (key === "success") {
                acc.refs(el, "success", use);
            }
            else if (key === "pending")
                acc.pendingRefs(el, use);
            else if (key === "reason")
                acc.reasonRefs(el, use);
            else if (key === "remaining")
                acc.remainingRefs(el);
        }
        return;
    }
    acc.enforced();
}
class Accumulator {
    isHandler;
    kinds = new Set();
    inverted;
    delegatedTo;
    fallsThrough;
    escaped = false;
    pendingSeen = false;
    boundResult = false;
    depth = 0;
    constructor(isHandler) {
        this.isHandler = isHandler;
    }
    enforced() {
        this.kinds.add("enforced");
    }
    result() {
        if (this.inverted)
            return { kind: "inverted", at: this.inverted };
        if (this.kinds.has("enforced"))
            return { kind: "enforced" };
        if (this.delegatedTo)
            return { kind: "delegated", ...this.delegatedTo };
        if (this.fallsThrough)
            return { kind: "falls-through", branch: this.fallsThrough };
        return { kind: "unread" };
    }
    /** The value leaves through `return`: the enclosing function hands the verdict to its callers. */
    delegate(at, shape) {
        const ts = (0,parse.typescript)();
        let fn = at;
        while (fn && !ts.isFunctionLike(fn))
            fn = fn.parent;
        if (!fn || this.isHandler(fn) || !isNamedFunction(fn)) {
            this.enforced();
            return;
        }
        this.kinds.add("delegated");
        this.delegatedTo ??= { fn: fn, shape };
    }
    refs(decl, shape, use, skip) {
        const ts = (0,parse.typescript)();
        if (++this.depth > 6) {
            this.enforced();
            return;
        }
        for (const ref of referencesTo(decl, scopeOf(decl))) {
            if (skip && isWithin(ref, skip))
                continue;
            const p = ref.parent;
            if (shape === "result" && p && ts.isPropertyAccessExpression(p) && p.expression === ref) {
                const name = p.name.text;
                if (name === "success")
                    this.successUse(p, use);
                else if (name === "pending")
                    this.pendingUse(p, use);
                else if (name === "reason")
                    this.reasonUse(p, use);
                else if (name === "remaining" && inCondition(p))
                    this.enforced();
                continue;
            }
            if (shape === "result" && p && ts.isElementAccessExpression(p) && p.expression === ref) {
                const key = constString(p.argumentExpression);
                if (key === "success")
                    this.successUse(p, use);
                else if (key === undefined)
                    this.enforced();
                continue;
            }
            if (shape === "result") {
                // The whole result goes somewhere: returned (delegation), or handed to another function.
                if (p && ts.isCallExpression(p) && isLogCall(p))
                    continue;
                const top = climbValue(ref);
                const tp = top.parent;
                if (tp && (ts.isReturnStatement(tp) || (ts.isArrowFunction(tp) && tp.body === top)))
                    this.delegate(tp, "result");
                else {
                    this.escaped = true;
                    this.enforced();
                }
                continue;
            }
            this.successUse(ref, use, shape === "limited" || shape === "verdict");
        }
        this.depth--;
    }
    pendingRefs(decl, use) {
        for (const ref of referencesTo(decl, scopeOf(decl)))
            this.pendingUse(ref, use);
    }
    pendingUse(node, use) {
        const ts = (0,parse.typescript)();
        const p = node.parent;
        if (p && ts.isCallExpression(p) && isLogCall(p))
            return;
        this.pendingSeen = true;
        use.pending = "handled";
    }
    reasonRefs(decl, use) {
        for (const ref of referencesTo(decl, scopeOf(decl)))
            this.reasonUse(ref, use);
    }
    remainingRefs(decl) {
        for (const ref of referencesTo(decl, scopeOf(decl)))
            if (inCondition(ref))
                this.enforced();
    }
    /** A `reason` read: does it let `"timeout"` through? */
    reasonUse(node, use) {
        const ts = (0,parse.typescript)();
        const cmp = node.parent;
        if (!cmp || !ts.isBinaryExpression(cmp))
            return;
        const other = cmp.left === node ? cmp.right : cmp.left;
        const lit = (0,ast/* unwrap */.oA)(other);
        if (!(ts.isStringLiteral(lit) || ts.isNoSubstitutionTemplateLiteral(lit)) || lit.text !== "timeout")
            return;
        const op = cmp.operatorToken.kind;
        const equals = op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken;
        const notEquals = op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken;
        const logical = cmp.parent && ts.isBinaryExpression(cmp.parent) ? cmp.parent : undefined;
        // `success || reason === "timeout"`: a timeout counts as allowed.
        if (equals &&
            logical &&
            logical.operatorToken.kind === ts.SyntaxKind.BarBarToken &&
            mentionsSuccess(logical.left === cmp ? logical.right : logical.left, false)) {
            use.timeoutAllows.push(cmp);
            return;
        }
        // `!success && reason !== "timeout"`: the block skips timeouts.
        if (notEquals &&
            logical &&
            logical.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
            mentionsSuccess(logical.left === cmp ? logical.right : logical.left, true)) {
            use.timeoutAllows.push(cmp);
            return;
        }
        // `if (reason === "timeout") return next()/handler(req)/NextResponse.next()/true`.
        if (equals) {
            let stmt = cmp;
            while (stmt.parent &&
                !ts.isIfStatement(stmt.parent) &&
                (ts.isParenthesizedExpression(stmt.parent) || ts.isBinaryExpression(stmt.parent)))
                stmt = stmt.parent;
            const ifs = stmt.parent;
            if (ifs && ts.isIfStatement(ifs) && ifs.expression === stmt && branchAllows(ifs.thenStatement))
                use.timeoutAllows.push(cmp);
        }
    }
    /** A read of the success boolean (identifier or `r.success`). */
    successUse(node, use, startNegated = false) {
        const c = climbCondition(node, startNegated);
        if (c.stop === "enforced")
            return this.enforced();
        if (c.stop === "assigned") {
            // `allowed = success`: follow the other variable.
            const ts = (0,parse.typescript)();
            const left = (0,ast/* unwrap */.oA)(c.at.left);
            const decl = ts.isIdentifier(left) ? declarationOf(left) : undefined;
            if (decl)
                this.refs(decl, c.negated ? "limited" : "success", use, c.at);
            else
                this.enforced();
            return;
        }
        const { n, negated } = c;
        const p = n.parent;
        if (!p)
            return this.enforced();
        use.checks.push(n);
        this.conditionUse(p, n, negated, use);
    }
    /** What the statement or expression around a (possibly negated) success read does with it. */
    conditionUse(p, n, negated, use) {
        const ts = (0,parse.typescript)();
        if (ts.isIfStatement(p) && p.expression === n)
            return this.ifUse(p, negated, use);
        if (ts.isReturnStatement(p) || (ts.isArrowFunction(p) && p.body === n))
            return this.delegate(p, negated ? "limited" : "success");
        if (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p))
            return this.propertyUse(p);
        if (ts.isVariableDeclaration(p) && p.initializer === n && ts.isIdentifier(p.name))
            return this.refs(p, negated ? "limited" : "success", use);
        if (ts.isCallExpression(p))
            return isLogCall(p) ? undefined : this.enforced();
        // `success.toString()` for a header, a template, a bare statement: not a decision.
        if (ts.isPropertyAccessExpression(p) && p.expression === n)
            return;
        if (ts.isTemplateSpan(p) || ts.isExpressionStatement(p))
            return;
        // Conditions of `?:`, loops and switches, `throw`, other operators: a decision.
        return this.enforced();
    }
    /** `if (success) …` / `if (!success) …`. */
    ifUse(p, negated, use) {
        // `if (success) { throw/return 429 }`: refuses the allowed requests and lets the limited ones in.
        if (!negated && looksLimited(p.thenStatement) && !(p.elseStatement && looksLimited(p.elseStatement))) {
            this.inverted ??= p.expression;
            return;
        }
        const limited = negated ? p.thenStatement : p.elseStatement;
        const allowed = negated ? p.elseStatement : p.thenStatement;
        // `if (success) { work }`: the work only runs when allowed.
        if (!limited)
            return this.enforced();
        if (terminates(limited))
            return this.refusedIn(p, limited, allowed, use);
        if (p.elseStatement)
            return this.enforced();
        if (statementsFollow(p)) {
            this.kinds.add("falls-through");
            this.fallsThrough ??= limited;
            return;
        }
        return this.enforced();
    }
    /** The limited branch ends the function: enforced here, or handed to the caller by a helper. */
    refusedIn(p, limited, allowed, use) {
        const ts = (0,parse.typescript)();
        if (throwsAtTop(limited))
            use.throwsWhenLimited = true;
        const ret = returnsValue(limited);
        let fn = p;
        while (fn && !ts.isFunctionLike(fn))
            fn = fn.parent;
        // A helper that returns a 429 response (or an error value) and has nothing left to protect:
        // its caller must return what it returns.
        if (ret && fn && !this.isHandler(fn) && isNamedFunction(fn) && !statementsFollowIn(p, fn, allowed))
            return this.delegate(p, "verdict");
        return this.enforced();
    }
    /** `{ success }` in an object literal. */
    propertyUse(p) {
        const ts = (0,parse.typescript)();
        const obj = p.parent;
        const top = obj ? climbValue(obj) : undefined;
        const tp = top?.parent;
        if (tp && (ts.isReturnStatement(tp) || (ts.isArrowFunction(tp) && tp.body === top))) {
            // `return { success }` hands callers a result object; under another name (`{ allowed: success }`)
            // callers read a field this analysis does not follow, so the verdict counts as used.
            const name = ts.isShorthandPropertyAssignment(p) ? p.name.text : (0,ast/* propertyNameText */.CC)(p.name);
            return name === "success" ? this.delegate(tp, "result") : this.enforced();
        }
        // Put in an object handed elsewhere (a response body, headers): not a decision.
        if (top && isInsideResponse(top))
            return;
        return this.enforced();
    }
}
/** How `x === <boolean>` / `x !== <boolean>` flips a condition; undefined when `p` is no such comparison. */
function comparisonFlips(p, other) {
    const ts = (0,parse.typescript)();
    const b = constBoolean(other);
    if (b === undefined)
        return undefined;
    const op = p.operatorToken.kind;
    if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken)
        return !b;
    if (op === ts.SyntaxKind.ExclamationEqualsEqualsToken || op === ts.SyntaxKind.ExclamationEqualsToken)
        return b;
    return undefined;
}
/** Climb from a success read through negations, comparisons with literals and logical operators. */
function climbCondition(node, startNegated) {
    const ts = (0,parse.typescript)();
    let n = node;
    let negated = startNegated;
    for (let p = n.parent; p; p = n.parent) {
        if (ts.isParenthesizedExpression(p) || ts.isNonNullExpression(p) || ts.isAsExpression(p)) {
            n = p;
            continue;
        }
        if (ts.isPrefixUnaryExpression(p) && p.operator === ts.SyntaxKind.ExclamationToken) {
            negated = !negated;
            n = p;
            continue;
        }
        if (!ts.isBinaryExpression(p))
            break;
        const flips = comparisonFlips(p, p.left === n ? p.right : p.left);
        const op = p.operatorToken.kind;
        if (flips !== undefined) {
            if (flips)
                negated = !negated;
        }
        else if (op === ts.SyntaxKind.EqualsToken && p.right === n)
            return { stop: "assigned", at: p, negated };
        // Part of a larger condition (`&&`, `||`): judged where the condition is used.
        else if (op !== ts.SyntaxKind.AmpersandAmpersandToken && op !== ts.SyntaxKind.BarBarToken)
            return { stop: "enforced" };
        n = p;
    }
    return { n, negated };
}
/** A branch that refuses: throws, or returns a 429 / "too many requests" / rate-limit error. */
function looksLimited(stmt) {
    const ts = (0,parse.typescript)();
    let hit = false;
    (0,ast/* walk */.GG)(stmt, (n) => {
        if (ts.isFunctionLike(n))
            return false;
        if (ts.isThrowStatement(n))
            hit = true;
        if (ts.isReturnStatement(n) &&
            n.expression &&
            /\b429\b|too many|rate.?limit|slow down|TOO_MANY_REQUESTS/i.test(n.expression.getText()))
            hit = true;
        return undefined;
    });
    return hit;
}
function isWithin(node, container) {
    for (let n = node; n; n = n.parent)
        if (n === container)
            return true;
    return false;
}
/** Climb from a value through wrappers that keep it (await, parentheses, object/array literals, spreads). */
function climbValue(node) {
    const ts = (0,parse.typescript)();
    let n = node;
    while (n.parent &&
        (ts.isParenthesizedExpression(n.parent) ||
            ts.isAwaitExpression(n.parent) ||
            ts.isAsExpression(n.parent) ||
            ts.isObjectLiteralExpression(n.parent) ||
            ts.isPropertyAssignment(n.parent) ||
            ts.isShorthandPropertyAssignment(n.parent) ||
            ts.isSpreadAssignment(n.parent) ||
            ts.isArrayLiteralExpression(n.parent)))
        n = n.parent;
    return n;
}
function isInsideResponse(node) {
    const ts = (0,parse.typescript)();
    const p = node.parent;
    if (!p)
        return false;
    if (ts.isCallExpression(p) || ts.isNewExpression(p)) {
        const callee = p.expression.getText();
        return /Response|json|send|status|setHeader|set|header|log|stringify|write|toast|render/i.test(callee);
    }
    return false;
}
function isLogCall(call) {
    const path = (0,ast/* memberPath */.Mb)(call.expression);
    if (!path)
        return false;
    return LOG_CALL.test(path[0]);
}
function inCondition(node) {
    const ts = (0,parse.typescript)();
    for (let n = node; n.parent; n = n.parent) {
        const p = n.parent;
        if ((ts.isIfStatement(p) || ts.isWhileStatement(p)) && p.expression === n)
            return true;
        if (ts.isConditionalExpression(p) && p.condition === n)
            return true;
        if (ts.isStatement(p) || ts.isFunctionLike(p))
            return false;
    }
    return false;
}
function mentionsSuccess(node, negated) {
    const ts = (0,parse.typescript)();
    let hit = false;
    (0,ast/* walk */.GG)(node, (n) => {
        if (ts.isIdentifier(n) && n.text === "success") {
            const neg = n.parent && ts.isPrefixUnaryExpression(n.parent) && n.parent.operator === ts.SyntaxKind.ExclamationToken;
            const negProp = n.parent &&
                ts.isPropertyAccessExpression(n.parent) &&
                n.parent.parent &&
                ts.isPrefixUnaryExpression(n.parent.parent);
            if (Boolean(neg || negProp) === negated)
                hit = true;
        }
    });
    return hit;
}
function isNamedFunction(fn) {
    const ts = (0,parse.typescript)();
    if (ts.isFunctionDeclaration(fn) && fn.name)
        return true;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        fn.parent &&
        ts.isVariableDeclaration(fn.parent) &&
        ts.isIdentifier(fn.parent.name))
        return true;
    if (ts.isMethodDeclaration(fn))
        return true;
    return false;
}
/** Whether a branch always leaves: ends in return/throw or a call that throws (redirect, notFound, error). */
function terminates(stmt) {
    const ts = (0,parse.typescript)();
    if (ts.isReturnStatement(stmt) || ts.isThrowStatement(stmt))
        return true;
    if (ts.isBlock(stmt)) {
        const last = stmt.statements[stmt.statements.length - 1];
        if (!last)
            return false;
        if (stmt.statements.some((s) => ts.isReturnStatement(s) || ts.isThrowStatement(s)))
            return true;
        return terminates(last);
    }
    if (ts.isExpressionStatement(stmt)) {
        let e = (0,ast/* unwrap */.oA)(stmt.expression);
        if (ts.isAwaitExpression(e))
            e = (0,ast/* unwrap */.oA)(e.expression);
        if (ts.isCallExpression(e)) {
            // Bare calls that throw (Next `redirect()`/`notFound()`, SvelteKit `error()`); `console.error()` does not.
            const path = (0,ast/* memberPath */.Mb)(e.expression);
            if (path?.length === 1 && TERMINATING_CALLS.has(path[0]))
                return true;
            if (path?.join(".") === "process.exit")
                return true;
        }
        return false;
    }
    if (ts.isIfStatement(stmt))
        return Boolean(stmt.elseStatement && terminates(stmt.thenStatement) && terminates(stmt.elseStatement));
    if (ts.isTryStatement(stmt))
        return terminates(stmt.tryBlock) && (!stmt.catchClause || terminates(stmt.catchClause.block));
    return false;
}
/** The branch leaves by throwing: `throw …`, or a bare call that throws (`error(429)`, `redirect()`). */
function throwsAtTop(stmt) {
    const ts = (0,parse.typescript)();
    const list = ts.isBlock(stmt) ? stmt.statements : [stmt];
    return list.some((s) => {
        if (ts.isThrowStatement(s))
            return true;
        if (ts.isExpressionStatement(s)) {
            let e = (0,ast/* unwrap */.oA)(s.expression);
            if (ts.isAwaitExpression(e))
                e = (0,ast/* unwrap */.oA)(e.expression);
            const path = ts.isCallExpression(e) ? (0,ast/* memberPath */.Mb)(e.expression) : undefined;
            return path?.length === 1 && TERMINATING_CALLS.has(path[0]) && path[0] !== "fail";
        }
        return false;
    });
}
function returnsValue(stmt) {
    const ts = (0,parse.typescript)();
    let found = false;
    (0,ast/* walk */.GG)(stmt, (n) => {
        if (ts.isFunctionLike(n))
            return false;
        if (ts.isReturnStatement(n) && n.expression)
            found = true;
        return undefined;
    });
    return found;
}
/** Whether executable statements follow `stmt` in its block (or in enclosing blocks of the same function). */
function statementsFollow(stmt) {
    const ts = (0,parse.typescript)();
    let n = stmt;
    while (n.parent) {
        const p = n.parent;
        if (ts.isFunctionLike(p))
            return false;
        if (ts.isBlock(p) || ts.isSourceFile(p) || ts.isCaseClause(p) || ts.isDefaultClause(p)) {
            const list = p.statements;
            const i = list.indexOf(n);
            if (list.slice(i + 1).some((s) => !ts.isFunctionDeclaration(s) && !ts.isEmptyStatement(s)))
                return true;
        }
        // Leaving a loop body or a try: what follows the try still runs.
        n = p;
    }
    return false;
}
/** Statements after `stmt` inside `fn` that do more than return a constant (the "protected work"). */
function statementsFollowIn(stmt, fn, allowed) {
    const ts = (0,parse.typescript)();
    if (allowed && !isTrivialReturn(allowed))
        return true;
    let n = stmt;
    while (n.parent && n.parent !== fn) {
        const p = n.parent;
        if (ts.isBlock(p)) {
            const list = p.statements;
            const i = list.indexOf(n);
            for (const s of list.slice(i + 1))
                if (!isTrivialReturn(s))
                    return true;
        }
        n = p;
    }
    return false;
}
function isTrivialReturn(stmt) {
    const ts = (0,parse.typescript)();
    if (ts.isBlock(stmt))
        return stmt.statements.every((s) => isTrivialReturn(s));
    if (!ts.isReturnStatement(stmt))
        return ts.isEmptyStatement(stmt);
    if (!stmt.expression)
        return true;
    const e = (0,ast/* unwrap */.oA)(stmt.expression);
    if (e.kind === ts.SyntaxKind.NullKeyword ||
        e.kind === ts.SyntaxKind.TrueKeyword ||
        e.kind === ts.SyntaxKind.FalseKeyword ||
        e.kind === ts.SyntaxKind.UndefinedKeyword)
        return true;
    if (ts.isIdentifier(e) && e.text === "undefined")
        return true;
    if (ts.isObjectLiteralExpression(e) || ts.isStringLiteral(e))
        return true;
    const path = ts.isCallExpression(e) ? (0,ast/* memberPath */.Mb)(e.expression)?.join(".") : undefined;
    return path === "NextResponse.next";
}
/** A branch that lets the request through: `return next()`, `return NextResponse.next()`, `return handler(req)`, `return true`. */
function branchAllows(stmt) {
    const ts = (0,parse.typescript)();
    let allows = false;
    (0,ast/* walk */.GG)(stmt, (n) => {
        if (ts.isFunctionLike(n))
            return false;
        if (ts.isReturnStatement(n) && n.expression) {
            let e = (0,ast/* unwrap */.oA)(n.expression);
            if (ts.isAwaitExpression(e))
                e = (0,ast/* unwrap */.oA)(e.expression);
            if (e.kind === ts.SyntaxKind.TrueKeyword)
                allows = true;
            if (ts.isCallExpression(e) && callAllows(e))
                allows = true;
            if (ts.isObjectLiteralExpression(e) && successTrue(e))
                allows = true;
        }
        if (ts.isExpressionStatement(n)) {
            const e = (0,ast/* unwrap */.oA)(n.expression);
            const c = ts.isAwaitExpression(e) ? (0,ast/* unwrap */.oA)(e.expression) : e;
            if (ts.isCallExpression(c) && callAllows(c))
                allows = true;
        }
        return undefined;
    });
    return allows;
}
/**
 * `next()` (Express, tRPC, SvelteKit), `NextResponse.next()`, or the wrapped handler: the request goes
 * on. `next(err)` hands an error to the error handler and does not.
 */
function callAllows(call) {
    const ts = (0,parse.typescript)();
    const path = (0,ast/* memberPath */.Mb)(call.expression)?.join(".") ?? "";
    if (path === "next") {
        const a = call.arguments[0];
        return (!a ||
            a.kind === ts.SyntaxKind.NullKeyword ||
            (ts.isIdentifier(a) && a.text === "undefined") ||
            ts.isObjectLiteralExpression(a));
    }
    return /^(NextResponse\.next|handler|handle|fn|resolve)$/.test(path);
}
function successTrue(obj) {
    const ts = (0,parse.typescript)();
    return obj.properties.some((p) => ts.isPropertyAssignment(p) && (0,ast/* propertyNameText */.CC)(p.name) === "success" && constBoolean(p.initializer) === true);
}
/** `.catch(() => ({ success: true }))`, `.catch(() => true)`. */
function catchHandlerAllows(handler) {
    const ts = (0,parse.typescript)();
    const h = (0,ast/* unwrap */.oA)(handler);
    if (!ts.isArrowFunction(h) && !ts.isFunctionExpression(h))
        return false;
    const bodies = [];
    if (!ts.isBlock(h.body))
        bodies.push(h.body);
    else
        (0,ast/* walk */.GG)(h.body, (n) => {
            if (ts.isFunctionLike(n))
                return false;
            if (ts.isReturnStatement(n) && n.expression)
                bodies.push(n.expression);
            return undefined;
        });
    return bodies.some((b) => {
        const e = (0,ast/* unwrap */.oA)(b);
        return (ts.isObjectLiteralExpression(e) && successTrue(e)) || e.kind === ts.SyntaxKind.TrueKeyword;
    });
}
/**
 * A discarded `limit()` that counts failures rather than gating: it is followed by a `throw` or an
 * error response in the same block, or the function checks the budget with `getRemaining`.
 */
function isCounter(outer) {
    const ts = (0,parse.typescript)();
    let stmt = outer;
    while (stmt.parent && !ts.isExpressionStatement(stmt))
        stmt = stmt.parent;
    const block = stmt.parent;
    if (block && (ts.isBlock(block) || ts.isCaseClause(block))) {
        const list = block.statements;
        for (const s of list.slice(list.indexOf(stmt) + 1)) {
            if (ts.isThrowStatement(s))
                return true;
            if (ts.isReturnStatement(s) && s.expression && isErrorValue(s.expression))
                return true;
        }
    }
    let fn = outer.parent;
    while (fn && !ts.isFunctionLike(fn))
        fn = fn.parent;
    let remaining = false;
    if (fn)
        (0,ast/* walk */.GG)(fn, (n) => {
            if (ts.isPropertyAccessExpression(n) && n.name.text === "getRemaining")
                remaining = true;
        });
    return remaining;
}
function isErrorValue(expr) {
    const ts = (0,parse.typescript)();
    let hit = false;
    (0,ast/* walk */.GG)(expr, (n) => {
        if (ts.isPropertyAssignment(n) &&
            (0,ast/* propertyNameText */.CC)(n.name) === "status" &&
            ts.isNumericLiteral(n.initializer) &&
            Number(n.initializer.text) >= 400)
            hit = true;
        if (ts.isPropertyAssignment(n) && (0,ast/* propertyNameText */.CC)(n.name) === "error")
            hit = true;
        if (ts.isCallExpression(n) &&
            ts.isPropertyAccessExpression(n.expression) &&
            n.expression.name.text === "status" &&
            n.arguments[0] &&
            ts.isNumericLiteral(n.arguments[0]) &&
            Number(n.arguments[0].text) >= 400)
            hit = true;
    });
    return hit;
}


;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/model.ts











const LIMITISH = /limit|throttl|quota|guard|protect/i;
class FileModel {
    sf;
    path;
    loc;
    index;
    handlers;
    tracer;
    sites = [];
    helpers = new Map();
    algorithms = [];
    factories = new Map();
    /** Calls of imported functions (maybe helpers or factories defined elsewhere). */
    importedCalls = [];
    exports = new Map();
    /** Named functions that throw when the limit is hit, with the limiter they use. */
    guards = new Map();
    /** Calls of guards whose exception is swallowed, and where. */
    swallowed = [];
    /** Re-exports, and the names `exports` holds, for following imports across files. */
    table = { names: {}, stars: [] };
    /** Local names exported under their own name (not as the default export). */
    exportedLocals = new Set();
    constructor(sf, path, loc) {
        this.sf = sf;
        this.path = path;
        this.loc = loc;
        this.index = new LimiterIndex(sf);
        this.handlers = new HandlerIndex(sf, path);
        this.tracer = new IdentifierTracer(sf, (fn, i, prop) => this.handlers.clientParam(fn, i, prop));
        this.collectSites();
        this.collectHelpers();
        this.collectGuards();
        this.collectAlgorithms();
        this.collectFactories();
        this.collectImportedCalls();
        this.collectExports();
    }
    isHandler = (fn) => this.handlers.isHandler(fn);
    verdicts = new Map();
    /** How a call's value is used for a given shape; memoized, the rule's detectors ask the same questions. */
    verdictUse(call, shape) {
        const key = `${call.pos}:${shape}`;
        let v = this.verdicts.get(key);
        if (!v)
            this.verdicts.set(key, (v = analyzeVerdict(call, shape, this.isHandler)));
        return v;
    }
    /**
     * Whether code at `node` can run: "dead" inside a named function that nothing in this file refers to
     * and that is not exported; "if-imported" inside a function exported by name, which runs only if some
     * file imports this module; "live" elsewhere (handlers, default exports, callbacks, module scope).
     */
    liveness(node) {
        const ts = (0,parse.typescript)();
        for (let n = node.parent; n; n = n.parent) {
            if (!ts.isFunctionLike(n))
                continue;
            if (this.handlers.isHandler(n))
                return "live";
            const named = model_functionName(n);
            if (!named) {
                // A callback handed to a call (a router, a wrapper): whoever receives it calls it.
                if (n.parent && (ts.isCallExpression(n.parent) || ts.isNewExpression(n.parent)))
                    return "live";
                continue;
            }
            const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
            if (referencesTo(named.decl, scope).length)
                return "live";
            if (ts.isFunctionDeclaration(named.decl) && (0,engine_exports/* hasModifier */.mp)(ts, named.decl, ts.SyntaxKind.DefaultKeyword))
                return "live";
            return this.exportedLocals.has(named.name) ? "if-imported" : "dead";
        }
        return "live";
    }
    /** The location of a node of this file. */
    at(node, message) {
        return this.loc(node.getStart(this.sf), node.getEnd(), message);
    }
    collectSites() {
        const ts = (0,parse.typescript)();
        (0,ast/* walk */.GG)(this.sf, (node) => {
            if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression))
                return;
            const method = node.expression.name.text;
            if (method !== "limit" && method !== "blockUntilReady")
                return;
            const receiver = node.expression.expression;
            const ref = this.index.resolve(receiver) ?? this.guess(receiver);
            if (!ref)
                return;
            // `limit(10)` on a query builder has a number, not an identifier; Cloudflare's rate-limit
            // binding takes `{ key }`.
            const id = node.arguments[0];
            if (!id || (ref.kind === "guess" && (constNumber(id) !== undefined || ts.isObjectLiteralExpression((0,ast/* unwrap */.oA)(id)))))
                return;
            this.addSite(node, "limit", ref, id, "result");
        });
    }
    /**
     * A receiver we cannot resolve but whose name says limiter, reached from an untyped parameter or a
     * context object (`ctx.ratelimit`, `limiter` passed in): judged by name, at medium confidence.
     */
    guess(receiver) {
        const ts = (0,parse.typescript)();
        const path = (0,ast/* memberPath */.Mb)(receiver);
        if (!path)
            return undefined;
        const last = path[path.length - 1];
        if (!LIMITER_NAME.test(last))
            return undefined;
        // Platform bindings (`env.RATE_LIMITER`, `platform.env.LIMITER`) are Cloudflare's own limiter.
        if (path.some((p) => p === "env" || p === "platform" || p === "bindings"))
            return undefined;
        const root = (0,ast/* unwrap */.oA)(receiver);
        let base = root;
        while (ts.isPropertyAccessExpression(base) || ts.isElementAccessExpression(base))
            base = (0,ast/* unwrap */.oA)(base.expression);
        if (base.kind === ts.SyntaxKind.ThisKeyword)
            return { kind: "guess", name: path.join(".") };
        if (!ts.isIdentifier(base))
            return undefined;
        const decl = declarationOf(base);
        if (!decl)
            return path.length > 1 || this.index.importsRatelimit ? { kind: "guess", name: path.join(".") } : undefined;
        if (ts.isParameter(decl) || ts.isBindingElement(decl)) {
            // A parameter typed as something else is something else.
            if (ts.isParameter(decl) && decl.type && path.length === 1)
                return undefined;
            if (ts.isBindingElement(decl)) {
                let n = decl;
                while (ts.isBindingElement(n) || ts.isObjectBindingPattern(n) || ts.isArrayBindingPattern(n))
                    n = n.parent;
                if (!ts.isParameter(n))
                    return undefined;
            }
            return { kind: "guess", name: path.join(".") };
        }
        return undefined;
    }
    addSite(call, via, ref, id, shape, helper) {
        const use = this.verdictUse(call, shape);
        const site = { call, via, ref, id, use, helper, handler: this.handlers.enclosingHandler(call) };
        if (id)
            site.verdict = judge(this.tracer.parts(id));
        site.failOpen = this.failOpen(site);
        site.lateCheck = lateCheck(site);
        this.sites.push(site);
        return site;
    }
    /** Functions that hand a verdict to their callers, and their call sites in this file. */
    collectHelpers() {
        const ts = (0,parse.typescript)();
        for (let i = 0; i < this.sites.length && i < 500; i++) {
            const site = this.sites[i];
            if (site.use.consumption.kind !== "delegated")
                continue;
            const { fn, shape } = site.use.consumption;
            if (this.helpers.has(fn))
                continue;
            const named = model_functionName(fn);
            if (!named)
                continue;
            const helper = { fn, decl: named.decl, name: named.name, shape, ref: site.ref };
            const param = site.verdict?.params.find((p) => p.fn === fn);
            if (param)
                helper.idParam = { index: param.index, prop: param.prop };
            else if (site.helper?.idParam && site.id) {
                // A helper of a helper: the identifier is passed on again.
                const inner = this.tracer
                    .parts(site.id)
                    .flatMap((p) => p.origins)
                    .find((o) => o.kind === "param" && o.fn === fn);
                if (inner)
                    helper.idParam = { index: inner.index, prop: inner.prop };
            }
            this.helpers.set(fn, helper);
            const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
            for (const ref of referencesTo(named.decl, ts.isSourceFile(scope) ? scope : this.sf)) {
                const call = ref.parent;
                if (!call || !ts.isCallExpression(call) || call.expression !== ref)
                    continue;
                const id = helper.idParam ? argumentAt(call, helper.idParam) : undefined;
                this.addSite(call, "helper", site.ref, id, shape, helper);
            }
        }
    }
    /**
     * Guards: named functions whose limited branch throws (`if (!success) throw …`), and functions that
     * call a guard outside any try. A call of a guard whose exception a `catch` (or `.catch()`) swallows
     * lets limited requests through, and limiter errors too.
     */
    collectGuards() {
        const ts = (0,parse.typescript)();
        const queue = [];
        for (const site of this.sites) {
            if (site.use.consumption.kind !== "enforced" || !site.use.throwsWhenLimited)
                continue;
            let fn = site.call.parent;
            while (fn && !ts.isFunctionLike(fn))
                fn = fn.parent;
            if (fn && !this.handlers.isHandler(fn) && !insideTry(site.call, fn))
                queue.push({ fn: fn, ref: site.ref });
        }
        for (let i = 0; i < queue.length && i < 200; i++) {
            const { fn, ref } = queue[i];
            const named = model_functionName(fn);
            if (!named || this.guards.has(fn))
                continue;
            this.guards.set(fn, { name: named.name, ref });
            const scope = named.decl.parent ? scopeOf(named.decl) : this.sf;
            for (const r of referencesTo(named.decl, ts.isSourceFile(scope) ? scope : this.sf)) {
                const call = r.parent;
                if (!call || !ts.isCallExpression(call) || call.expression !== r)
                    continue;
                const at = swallowedAt(call, this.handlers.middlewareFile);
                if (at) {
                    this.swallowed.push({ call, guard: named.name, at, ref });
                    continue;
                }
                // A function that calls a guard outside any try is a guard itself.
                let outer = call.parent;
                while (outer && !ts.isFunctionLike(outer))
                    outer = outer.parent;
                if (outer && !this.handlers.isHandler(outer) && !insideTry(call, outer))
                    queue.push({ fn: outer, ref });
            }
        }
    }
    /** Calls of the Ratelimit algorithms: `Ratelimit.slidingWindow(10, "10 s")`. */
    collectAlgorithms() {
        const ts = (0,parse.typescript)();
        if (!this.index.importsRatelimit)
            return;
        (0,ast/* walk */.GG)(this.sf, (n) => {
            if (!ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression))
                return;
            const name = n.expression.name.text;
            if (!ALGORITHMS.has(name) || !this.index.classKind(n.expression.expression))
                return;
            const algorithm = name;
            const a = n.arguments;
            const num = (e) => (e ? (constNumber(e) ?? null) : null);
            const win = (e) => e ? (constString(e) ?? constNumber(e) ?? null) : null;
            const args = { algorithm, tokens: num(a[0]), window: win(a[1]) };
            if (algorithm === "tokenBucket")
                args.maxTokens = num(a[2]);
            const call = { call: n, args, params: [] };
            // Arguments that are parameters of the enclosing function: the factory's callers decide.
            for (const i of [0, 1, 2]) {
                const e = a[i] ? (0,ast/* unwrap */.oA)(a[i]) : undefined;
                if (!e || !ts.isIdentifier(e))
                    continue;
                const decl = declarationOf(e);
                if (!decl || !ts.isParameter(decl))
                    continue;
                const fn = decl.parent;
                call.fn ??= fn;
                if (call.fn !== fn)
                    continue;
                const fallback = decl.initializer
                    ? (constNumber(decl.initializer) ?? constString(decl.initializer))
                    : undefined;
                call.params.push({ arg: i, param: fn.parameters.indexOf(decl), fallback });
            }
            this.algorithms.push(call);
        });
    }
    /** Functions returning a new limiter: factories (`ratelimit(10, "10 s")`) and per-call builders. */
    collectFactories() {
        const ts = (0,parse.typescript)();
        for (const c of this.index.constructions) {
            let fn = c.node.parent;
            while (fn && !ts.isFunctionLike(fn))
                fn = fn.parent;
            if (!fn)
                continue;
            const named = model_functionName(fn);
            if (!named)
                continue;
            const f = fn;
            // Only functions that hand the limiter out (or use it) count; a function merely mentioning one does not.
            let existing = this.factories.get(f);
            if (!existing) {
                existing = { fn: f, name: named.name, constructions: [], perCall: false, algorithms: [] };
                this.factories.set(f, existing);
            }
            existing.constructions.push(c);
            if (!isMemoized(c.node, f) && !cacheKeptOutside(c, f))
                existing.perCall = true;
        }
        for (const a of this.algorithms) {
            let fn = a.call.parent;
            while (fn && !ts.isFunctionLike(fn))
                fn = fn.parent;
            const f = fn ? this.factories.get(fn) : undefined;
            if (f)
                f.algorithms.push(a);
        }
    }
    collectImportedCalls() {
        const ts = (0,parse.typescript)();
        (0,ast/* walk */.GG)(this.sf, (n) => {
            if (!ts.isCallExpression(n))
                return;
            const callee = (0,ast/* unwrap */.oA)(n.expression);
            let ref;
            if (ts.isIdentifier(callee)) {
                const decl = declarationOf(callee);
                const b = this.index.importOf(callee.text);
                if (decl &&
                    b &&
                    (ts.isImportSpecifier(decl) || ts.isImportClause(decl) || isRequireBinding(decl)) &&
                    !b.module.startsWith("@upstash/"))
                    ref = { specifier: b.module, name: b.imported === "*" ? "default" : b.imported, path: [], call: true };
            }
            else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier((0,ast/* unwrap */.oA)(callee.expression))) {
                const ns = (0,ast/* unwrap */.oA)(callee.expression);
                const decl = declarationOf(ns);
                const b = this.index.importOf(ns.text);
                if (decl && b && ts.isNamespaceImport(decl) && !b.module.startsWith("@upstash/"))
                    ref = { specifier: b.module, name: callee.name.text, path: [], call: true };
            }
            // Project code (relative paths, aliases) may define helpers and factories; from packages only
            // names that say so are worth following (a workspace package's `checkRateLimit`).
            if (ref && (mayBeProjectSpecifier(ref.specifier) || LIMITISH.test(ref.name)))
                this.importedCalls.push({ call: n, ref, handler: this.handlers.enclosingHandler(n) });
        });
    }
    /**
     * A `catch` that lets the request through when `limit()` throws (Redis unreachable): it returns an
     * allow value, calls `next()`, or completes and lets the code after the try run the protected work
     * while the check inside the try was skipped.
     */
    failOpen(site) {
        const ts = (0,parse.typescript)();
        if (site.use.catchAllows)
            return { node: site.use.catchAllows, why: "catch-handler" };
        const kind = site.use.consumption.kind;
        if (kind === "discarded" || kind === "unread")
            return undefined;
        let tryStmt;
        for (let n = site.call.parent; n; n = n.parent) {
            if (ts.isFunctionLike(n))
                break;
            if (ts.isTryStatement(n) && n.catchClause && isWithinNode(site.call, n.tryBlock)) {
                tryStmt = n;
                break;
            }
        }
        if (!tryStmt?.catchClause)
            return undefined;
        const block = tryStmt.catchClause.block;
        const at = tryStmt.catchClause;
        if (rethrows(block))
            return undefined;
        if (branchAllows(block))
            return { node: at, why: "allows" };
        // Same value as the try's pass path (`return null`, `return NextResponse.next()`), or the opposite
        // polarity of a boolean verdict.
        const catchReturns = ownReturns(block);
        if (catchReturns.length) {
            const passReturns = ownReturns(tryStmt.tryBlock).filter((r) => !insideLimitedBranch(r));
            for (const cr of catchReturns) {
                const text = normalize(cr);
                if (passReturns.some((pr) => normalize(pr) === text && !isErrorish(pr)))
                    return { node: at, why: "same-as-pass" };
                const b = cr.expression ? (0,ast/* unwrap */.oA)(cr.expression) : undefined;
                if (b && (b.kind === ts.SyntaxKind.TrueKeyword || b.kind === ts.SyntaxKind.FalseKeyword)) {
                    const want = b.kind === ts.SyntaxKind.TrueKeyword;
                    for (const pr of passReturns) {
                        const pol = successPolarity(pr.expression);
                        if (pol !== undefined && pol === want)
                            return { node: at, why: "boolean" };
                    }
                }
                if (b && ts.isObjectLiteralExpression(b) && successTrue(b))
                    return { node: at, why: "allows" };
            }
            return undefined;
        }
        if (terminates(block))
            return undefined;
        // The catch completes: did the error skip a check that was inside the try?
        const checkedInside = site.use.checks.some((c) => isWithinNode(c, tryStmt.tryBlock)) || site.use.consumption.kind === "delegated";
        if (checkedInside && statementsFollow(tryStmt))
            return { node: at, why: "continues" };
        if (checkedInside && this.handlers.middlewareFile && site.handler)
            return { node: at, why: "continues" };
        // The check is after the try on a variable that starts out (or is set in the catch to) "allowed".
        const ob = site.use.outerBinding;
        if (ob && !checkedInside) {
            let setTrue = ob.initial === true;
            (0,ast/* walk */.GG)(block, (n) => {
                if (ts.isBinaryExpression(n) &&
                    n.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
                    ts.isIdentifier(n.left) &&
                    declarationOf(n.left) === ob.decl) {
                    setTrue = (0,ast/* unwrap */.oA)(n.right).kind === ts.SyntaxKind.TrueKeyword;
                }
            });
            if (setTrue)
                return { node: at, why: "initial-true" };
        }
        return undefined;
    }
    /** Exported names and what they are, as plain data; re-exports go to the export table. */
    collectExports() {
        const ts = (0,parse.typescript)();
        const all = (0,engine_exports/* moduleExports */.k9)(ts, this.sf);
        for (const e of all.entries) {
            const s = e.source;
            if (e.name !== "default" && "local" in s && s.local)
                this.exportedLocals.add(s.local);
            let v;
            if (s.kind === "expression")
                v = this.valueOf(s.expression);
            else if (s.kind === "local")
                v = this.localValue(s.local);
            else if (s.kind === "declaration" && ts.isFunctionDeclaration(s.node))
                v = this.functionValue(s.node);
            else if (s.kind === "declaration" && ts.isVariableDeclaration(s.node) && s.node.initializer)
                v = this.valueOf(s.node.initializer, s.node);
            if (v)
                this.exports.set(e.name, v);
        }
        this.table = (0,engine_exports/* exportTable */.Zc)(all, (e) => e.source.kind === "reexport" || this.exports.has(e.name));
    }
    localValue(name) {
        const ts = (0,parse.typescript)();
        for (const stmt of this.sf.statements) {
            if (ts.isVariableStatement(stmt)) {
                for (const d of stmt.declarationList.declarations)
                    if (ts.isIdentifier(d.name) && d.name.text === name && d.initializer)
                        return this.valueOf(d.initializer, d);
            }
            else if (ts.isFunctionDeclaration(stmt) && stmt.name?.text === name)
                return this.functionValue(stmt);
            else if (ts.isImportDeclaration(stmt)) {
                const b = this.index.importOf(name);
                if (b &&
                    ts.isStringLiteral(stmt.moduleSpecifier) &&
                    stmt.moduleSpecifier.text === b.module &&
                    !b.module.startsWith("@upstash/"))
                    return { kind: "alias", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
            }
        }
        return undefined;
    }
    valueOf(expr, decl) {
        const ts = (0,parse.typescript)();
        const e = (0,ast/* unwrap */.oA)(expr);
        if (ts.isArrowFunction(e) || ts.isFunctionExpression(e))
            return this.functionValue(e);
        if (decl && this.index.typeMentionsLimiter(decl.type) && !ts.isObjectLiteralExpression(e))
            return { kind: "limiter", configs: [{ pendingWork: undefined, multiRegion: false }] };
        if (ts.isObjectLiteralExpression(e)) {
            const members = {};
            let any = false;
            for (const p of e.properties) {
                if (ts.isPropertyAssignment(p)) {
                    const n = (0,ast/* propertyNameText */.CC)(p.name);
                    const v = n ? this.valueOf(p.initializer) : undefined;
                    if (n && v) {
                        members[n] = v;
                        any = true;
                    }
                }
                else if (ts.isShorthandPropertyAssignment(p)) {
                    const v = this.localValue(p.name.text);
                    if (v) {
                        members[p.name.text] = v;
                        any = true;
                    }
                }
                else if (ts.isMethodDeclaration(p)) {
                    const n = (0,ast/* propertyNameText */.CC)(p.name);
                    const v = n ? this.functionValue(p) : undefined;
                    if (n && v) {
                        members[n] = v;
                        any = true;
                    }
                }
            }
            return any ? { kind: "map", members } : undefined;
        }
        const ref = this.index.resolve(e);
        if (ref?.kind === "local")
            return { kind: "limiter", configs: ref.configs };
        if (ref?.kind === "typed")
            return { kind: "limiter", configs: [{ pendingWork: undefined, multiRegion: false }] };
        if (ref?.kind === "import")
            return { kind: "alias", ref: ref.ref };
        if (ts.isIdentifier(e)) {
            const d = declarationOf(e);
            if (d && ts.isFunctionDeclaration(d))
                return this.functionValue(d);
            if (d && ts.isVariableDeclaration(d) && d.initializer && d !== decl)
                return this.valueOf(d.initializer, d);
            if (d && (ts.isImportSpecifier(d) || ts.isImportClause(d))) {
                const b = this.index.importOf(e.text);
                if (b && !b.module.startsWith("@upstash/"))
                    return { kind: "alias", ref: { specifier: b.module, name: b.imported, path: [], call: false } };
            }
        }
        return undefined;
    }
    functionValue(fn) {
        const helper = this.helpers.get(fn);
        const factory = this.factories.get(fn);
        if (helper) {
            const configs = helper.ref.kind === "local" ? helper.ref.configs : undefined;
            const via = helper.ref.kind === "import" ? helper.ref.ref : undefined;
            const built = factory?.perCall
                ? factory.constructions.find((x) => !isMemoized(x.node, fn) && !cacheKeptOutside(x, fn))
                : undefined;
            return {
                kind: "helper",
                shape: helper.shape,
                idParam: helper.idParam,
                configs,
                via,
                ...(built ? { perCall: this.at(built.node) } : {}),
            };
        }
        const guard = this.guards.get(fn);
        if (guard)
            return { kind: "guard", ...(guard.ref.kind === "import" ? { via: guard.ref.ref } : {}) };
        if (factory && returnedExpressions(fn).some((r) => this.index.resolve(r)?.kind === "local")) {
            const c = factory.constructions.find((x) => !isMemoized(x.node, fn) && !cacheKeptOutside(x, fn));
            const params = factory.algorithms.flatMap((a) => a.params.map((p) => ({ ...p, algorithm: a.args.algorithm, fixed: a.args })));
            return {
                kind: "factory",
                configs: factory.constructions.map((x) => x.summary),
                perCall: factory.perCall && c ? this.at(c.node) : undefined,
                params,
            };
        }
        // A limiter handed out from a cache or a module variable: still a limiter when called.
        const rets = returnedExpressions(fn);
        for (const r of rets) {
            const ref = this.index.resolve(r);
            if (ref?.kind === "local")
                return { kind: "factory", configs: ref.configs, params: [] };
        }
        // An identifier getter (`getIp(req)`): what its result is made of.
        if (!rets.length || rets.length > 8)
            return returnsNonNullish(fn) ? { kind: "opaque", nonNullish: true } : undefined;
        const fallbacks = [];
        const client = [];
        let trusted = false;
        const constantRets = rets.filter((r) => constString(r) !== undefined);
        const mixed = constantRets.length > 0 && constantRets.length < rets.length;
        const returnGuard = mixed ? this.tracer.returnFallbackGuard(fn, 0) : undefined;
        const partsOf = (r) => returnGuard && constantRets.includes(r)
            ? returnGuard.kind === "never"
                ? []
                : [{ node: r, origins: [{ kind: "fallback", value: constString(r), node: r, guard: returnGuard }] }]
            : this.tracer.parts(r);
        for (const r of rets) {
            const v = judge(partsOf(r));
            if (v.fallbacks)
                for (const f of v.fallbacks)
                    fallbacks.push({ at: this.at(f.node), value: f.value, guard: f.guard });
            for (const c of v.client)
                client.push({ at: this.at(c.node), source: c.source, detail: c.detail });
            if (v.trusted)
                trusted = true;
        }
        const nonNullish = returnsNonNullish(fn) || undefined;
        if (!fallbacks.length && !client.length && !trusted)
            return nonNullish ? { kind: "opaque", nonNullish } : undefined;
        return { kind: "origin", fallbacks, client, trusted, ...(nonNullish ? { nonNullish } : {}) };
    }
}
const MODEL = new project/* MemoKey */.C("rate-limit file model");
/** The model of a parsed file, built once and shared by the rule's detectors. */
function modelOf(ctx) {
    const sf = ctx.sourceFile;
    if (!sf)
        return undefined;
    return ctx.memo(MODEL, () => new FileModel(sf, ctx.path, ctx.location));
}
function model_functionName(fn) {
    const ts = (0,parse.typescript)();
    if (ts.isFunctionDeclaration(fn) && fn.name)
        return { name: fn.name.text, decl: fn };
    const p = fn.parent;
    if ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) &&
        p &&
        ts.isVariableDeclaration(p) &&
        ts.isIdentifier(p.name))
        return { name: p.name.text, decl: p };
    return undefined;
}
/** The argument at a helper's identifier position: `f(a, id)` or `f({ identifier: id })`. */
function argumentAt(call, at) {
    const ts = (0,parse.typescript)();
    const arg = call.arguments[at.index];
    if (!arg)
        return undefined;
    if (at.prop === undefined)
        return arg;
    const o = (0,ast/* unwrap */.oA)(arg);
    if (!ts.isObjectLiteralExpression(o))
        return undefined;
    const v = optionOf(o, at.prop);
    return v;
}
/**
 * Whether a `new Ratelimit` inside a function is kept beyond the call: assigned to something declared
 * outside the function, stored with `.set(…)`, or assigned with `??=` / `||=`.
 */
function isMemoized(node, fn) {
    const ts = (0,parse.typescript)();
    let n = node;
    while (n.parent &&
        (ts.isParenthesizedExpression(n.parent) || ts.isAsExpression(n.parent) || ts.isConditionalExpression(n.parent)))
        n = n.parent;
    const p = n.parent;
    if (!p)
        return false;
    if (ts.isBinaryExpression(p) && p.right === n) {
        if (p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
            p.operatorToken.kind === ts.SyntaxKind.BarBarEqualsToken)
            return true;
        const left = (0,ast/* unwrap */.oA)(p.left);
        if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left))
            return true;
        if (ts.isIdentifier(left)) {
            const d = declarationOf(left);
            if (!d || !isWithinNode(d, fn))
                return true;
            // `limiter = new Ratelimit(…); cache.set(key, limiter)`
            return storedOutside(d, fn);
        }
    }
    if (ts.isBinaryExpression(p) && p.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && p.right === n)
        return true;
    if (ts.isCallExpression(p) && ts.isPropertyAccessExpression(p.expression) && p.expression.name.text === "set")
        return true;
    // const rl = new Ratelimit(…); cache.set(key, rl); return rl;
    if (ts.isVariableDeclaration(p) && ts.isIdentifier(p.name))
        return storedOutside(p, fn);
    return false;
}
/** Whether a local variable's value is put somewhere that outlives the call (`.set(k, v)`, an outer variable or property). */
function storedOutside(decl, fn) {
    const ts = (0,parse.typescript)();
    for (const ref of referencesTo(decl, scopeOf(decl))) {
        const rp = ref.parent;
        if (rp &&
            ts.isCallExpression(rp) &&
            ts.isPropertyAccessExpression(rp.expression) &&
            rp.expression.name.text === "set" &&
            rp.arguments.includes(ref))
            return true;
        if (rp && ts.isBinaryExpression(rp) && rp.right === ref && rp.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            const left = (0,ast/* unwrap */.oA)(rp.left);
            if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left))
                return true;
            if (ts.isIdentifier(left)) {
                const d = declarationOf(left);
                if (!d || !isWithinNode(d, fn))
                    return true;
            }
        }
    }
    return false;
}
/** `ephemeralCache: false`, or a Map declared outside `fn`: nothing is lost by rebuilding the limiter. */
function cacheKeptOutside(c, fn) {
    const ts = (0,parse.typescript)();
    const opt = optionOf(c.options, "ephemeralCache");
    if (!opt)
        return false;
    const e = (0,ast/* unwrap */.oA)(opt);
    if (e.kind === ts.SyntaxKind.FalseKeyword)
        return true;
    if (ts.isIdentifier(e)) {
        const d = declarationOf(e);
        return Boolean(d && !isWithinNode(d, fn));
    }
    return false;
}
function isWithinNode(node, container) {
    for (let n = node; n; n = n.parent)
        if (n === container)
            return true;
    return false;
}
/** Calls that do the work a limit protects: writes, messages, payments, model calls, outbound requests. */
const WORK = /^(create|insert|update|upsert|delete|remove|destroy|send|publish|enqueue|charge|generate|stream[A-Z]|complete|save|write|execute|invoke|mutate|transfer|refund|post$|fetch$|run$)/;
/**
 * `const { success } = await rl.limit(id); await sendEmail(…); if (!success) return 429`: every check
 * of the verdict comes after an awaited side effect in the same function.
 */
function lateCheck(site) {
    const ts = (0,parse.typescript)();
    if (site.use.consumption.kind !== "enforced" || !site.use.checks.length)
        return undefined;
    let fn = site.call.parent;
    while (fn && !ts.isFunctionLike(fn))
        fn = fn.parent;
    if (!fn)
        return undefined;
    const checks = site.use.checks.filter((c) => {
        let f = c.parent;
        while (f && !ts.isFunctionLike(f))
            f = f.parent;
        return f === fn;
    });
    if (checks.length !== site.use.checks.length)
        return undefined;
    const first = Math.min(...checks.map((c) => c.getStart()));
    const from = site.call.getEnd();
    if (first <= from)
        return undefined;
    let work;
    (0,ast/* walk */.GG)(fn, (n) => {
        if (work || n.getEnd() < from || n.getStart() > first)
            return false;
        if (n !== fn && ts.isFunctionLike(n))
            return false;
        if (ts.isAwaitExpression(n) && n.getStart() > from && n.getEnd() < first) {
            const c = (0,ast/* unwrap */.oA)(n.expression);
            if (ts.isCallExpression(c)) {
                const path = (0,ast/* memberPath */.Mb)(c.expression);
                const last = path?.[path.length - 1];
                if (last && WORK.test(last) && !/^(console|logger|log)$/.test(path[0]))
                    work = c;
            }
        }
        return undefined;
    });
    return work ? { check: checks.find((c) => c.getStart() === first), work } : undefined;
}
/** Whether `node` sits in the try block of a try/catch inside `fn`. */
function insideTry(node, fn) {
    const ts = (0,parse.typescript)();
    for (let n = node.parent; n && n !== fn; n = n.parent) {
        if (ts.isTryStatement(n) && n.catchClause && isWithinNode(node, n.tryBlock))
            return true;
    }
    return false;
}
/**
 * Where a guard's exception is swallowed: a `.catch(h)` on the call whose handler does not rethrow,
 * or the catch clause of an enclosing try that neither rethrows nor refuses the request and lets the
 * code after it run (or lets the request through explicitly).
 */
function swallowedAt(call, middleware) {
    const ts = (0,parse.typescript)();
    let n = call;
    while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent)))
        n = n.parent;
    const p = n.parent;
    if (p && ts.isPropertyAccessExpression(p) && p.name.text === "catch" && p.parent && ts.isCallExpression(p.parent)) {
        const h = p.parent.arguments[0] ? (0,ast/* unwrap */.oA)(p.parent.arguments[0]) : undefined;
        if (h && (ts.isArrowFunction(h) || ts.isFunctionExpression(h))) {
            let throws = false;
            (0,ast/* walk */.GG)(h.body, (x) => {
                if (x !== h.body && ts.isFunctionLike(x))
                    return false;
                if (ts.isThrowStatement(x))
                    throws = true;
                return undefined;
            });
            if (!throws && !(ts.isBlock(h.body) ? false : /\b(429|4\d\d|5\d\d|error|Error)\b/.test(h.body.getText())))
                return p.parent;
        }
        return undefined;
    }
    for (let x = call.parent; x; x = x.parent) {
        if (ts.isFunctionLike(x))
            return undefined;
        if (ts.isTryStatement(x) && x.catchClause && isWithinNode(call, x.tryBlock)) {
            const block = x.catchClause.block;
            if (rethrows(block))
                return undefined;
            if (branchAllows(block))
                return x.catchClause;
            if (ownReturns(block).some((r) => isErrorish(r)))
                return undefined;
            if (terminates(block))
                return undefined;
            if (statementsFollow(x) || middleware)
                return x.catchClause;
            return undefined;
        }
    }
    return undefined;
}
function rethrows(block) {
    const ts = (0,parse.typescript)();
    return block.statements.some((s) => ts.isThrowStatement(s));
}
function ownReturns(block) {
    const ts = (0,parse.typescript)();
    const out = [];
    (0,ast/* walk */.GG)(block, (n) => {
        if (n !== block && ts.isFunctionLike(n))
            return false;
        if (ts.isReturnStatement(n))
            out.push(n);
        return undefined;
    });
    return out;
}
function normalize(r) {
    const ts = (0,parse.typescript)();
    if (!r.expression)
        return "undefined";
    const e = (0,ast/* unwrap */.oA)(r.expression);
    if (ts.isIdentifier(e) && e.text === "undefined")
        return "undefined";
    return e.getText().replace(/\s+/g, "");
}
function isErrorish(r) {
    const t = r.expression?.getText() ?? "";
    return /\b(429|4\d\d|5\d\d|error|Error|TOO_MANY|limited)\b/.test(t);
}
/** Whether a return sits in the branch taken when the limit is hit (`if (!success) { return … }`). */
function insideLimitedBranch(r) {
    const ts = (0,parse.typescript)();
    for (let n = r; n.parent; n = n.parent) {
        const p = n.parent;
        if (ts.isIfStatement(p) && (p.thenStatement === n || p.elseStatement === n)) {
            const test = p.expression.getText();
            const negated = /!\s*\(?\s*[\w.?]*success|success\s*===?\s*false|success\s*!==?\s*true/.test(test);
            const positive = /success/.test(test) && !negated;
            if ((negated && p.thenStatement === n) || (positive && p.elseStatement === n))
                return true;
        }
        if (ts.isFunctionLike(p))
            return false;
    }
    return false;
}
/** `return success` → true (returns "allowed"), `return !success` → false (returns "limited"). */
function successPolarity(expr) {
    const ts = (0,parse.typescript)();
    if (!expr)
        return undefined;
    let e = (0,ast/* unwrap */.oA)(expr);
    let pol = true;
    while (ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken) {
        pol = !pol;
        e = (0,ast/* unwrap */.oA)(e.operand);
    }
    if (ts.isIdentifier(e) && /success|allowed|ok/i.test(e.text))
        return pol;
    if (ts.isPropertyAccessExpression(e) && e.name.text === "success")
        return pol;
    return undefined;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/common.ts








/**
 * What every detector of this rule shares: the rule, what makes a file worth parsing, syntax trees.
 * Tests exhaust limiters on purpose (`for (…) await ratelimit.limit("test")`): not the app's limits.
 */
const RATE_LIMIT_DETECTOR = {
    rule: "upstash/rate-limit-misconfiguration",
    // Limiters are made where @upstash/ratelimit is imported and used where that module is imported.
    // The modules an identifier, a helper or a limiter comes from are asked for by select.
    keywords: [],
    // Server setup that tells Express or Fastify to trust a proxy says what `req.ip` means there; it
    // rarely imports the limiter, so its words choose it in packages that use @upstash/ratelimit.
    imports: { packages: [RATELIMIT_MODULE], importers: true, dependentKeywords: ["trust proxy", "trustproxy"] },
    fileKinds: ["script", "sfc"],
    needs: { ast: true },
    select: selectReferencedModules,
    skipTests: true,
};
/** What must hold for a finding at this site, and how sure it is; undefined when it cannot hold. */
function siteRequirements(site, model) {
    const ref = site.ref;
    if (ref.kind === "local" || ref.kind === "typed")
        return { requires: [], confidence: "high" };
    if (ref.kind === "import")
        return { requires: [{ kind: "limiter", ref: ref.ref }], confidence: "high" };
    return { requires: model.index.importsRatelimit ? [] : [{ kind: "dependency" }], confidence: "medium" };
}
/** Whether the site's verdict is acted on (other checks only make sense then). */
function enforced(site) {
    const k = site.use.consumption.kind;
    if (k === "unread" || k === "falls-through")
        return false;
    if (k === "discarded")
        return site.use.consumption.kind === "discarded" && site.use.consumption.counter;
    return true;
}
/** Build the model, let `body` report, then record the facts (exports always, for importers). */
function analyze(ctx, body) {
    const model = modelOf(ctx);
    if (!model)
        return;
    const candidates = [];
    const seen = new Set();
    const reporter = {
        ctx,
        model,
        candidates,
        finding(check, node, message, requires, confidence = "high", related, severity) {
            const start = node.getStart(model.sf);
            const key = `${check}:${start}`;
            if (seen.has(key))
                return;
            seen.add(key);
            if (!requires.length) {
                ctx.report({
                    check,
                    start,
                    end: node.getEnd(),
                    message,
                    confidence,
                    ...(severity ? { severity } : {}),
                    ...(related?.length ? { related } : {}),
                });
                return;
            }
            candidates.push({
                kind: "finding",
                check,
                location: model.at(node),
                message,
                confidence,
                related,
                requires,
                ...(severity ? { severity } : {}),
            });
        },
    };
    body(reporter);
    const exports = Object.fromEntries(model.exports);
    const trustProxy = /trust proxy|trustProxy/.test(ctx.text) && trustsProxy(model.sf);
    if (candidates.length || Object.keys(model.table.names).length || model.table.stars.length || trustProxy)
        ctx.fact({ exports, table: model.table, candidates, ...(trustProxy ? { trustProxy } : {}) });
}
/**
 * Whether the file tells the server to trust its proxy's forwarded address: Express
 * `app.set("trust proxy", …)` / `app.enable("trust proxy")`, Fastify `fastify({ trustProxy: … })`
 * (anything but `false`).
 */
function trustsProxy(sf) {
    const ts = (0,parse.typescript)();
    let found = false;
    (0,ast/* walk */.GG)(sf, (n) => {
        if (found)
            return false;
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression)) {
            const method = n.expression.name.text;
            const [name, value] = n.arguments;
            if (name &&
                constString(name) === "trust proxy" &&
                (method === "enable" || (method === "set" && value && value.kind !== ts.SyntaxKind.FalseKeyword)))
                found = true;
        }
        else if (ts.isPropertyAssignment(n) &&
            (0,ast/* propertyNameText */.CC)(n.name) === "trustProxy" &&
            (0,ast/* unwrap */.oA)(n.initializer).kind !== ts.SyntaxKind.FalseKeyword)
            found = true;
        return undefined;
    });
    return found;
}
/** The project phase shared by every detector of the rule: resolve candidates, then let `extra` handle its own kinds. */
function resolveProject(ctx, extra) {
    const resolver = new ExportResolver(ctx.project, ctx.facts);
    const done = new Set();
    const report = (check, location, message, confidence = "high", related, severity) => {
        const key = `${check}:${location.file}:${location.range.startLine}:${location.range.startColumn}`;
        if (done.has(key))
            return;
        done.add(key);
        ctx.report({
            check,
            location,
            message,
            confidence,
            ...(severity ? { severity } : {}),
            ...(related?.length ? { related } : {}),
        });
    };
    for (const { file, fact } of ctx.facts) {
        for (const c of fact.candidates) {
            if (c.kind === "finding") {
                if (requirementsHold(ctx, resolver, file, c.requires))
                    report(c.check, c.location, c.message, c.confidence, c.related, c.severity);
            }
            else
                extra?.(c, file, resolver, report);
        }
    }
}
const KEY_PROP = /^(identifier|id|key|ip|user|userId|email|subject|bucket|token|name|prefix)$|(Id|Key|Identifier)$/;
/** Identifier-like arguments of a call that would matter if the callee is a limit helper. */
function argSummaries(model, call, trustedElsewhere) {
    const ts = (0,parse.typescript)();
    const out = [];
    const judgeArg = (expr, index, prop) => {
        const v = judge(model.tracer.parts(expr));
        const entry = { index, prop, trustedElsewhere };
        if (v.constant)
            entry.constant = v.constant.value;
        if (v.fallbacks) {
            entry.fallbacks = v.fallbacks.map((f) => model.at(f.node));
            entry.fallbackValues = v.fallbacks.map((f) => f.value);
            entry.fallbackGuards = v.fallbacks.map((f) => f.guard);
        }
        if (v.client.length && !v.trusted)
            entry.client = { source: v.client[0].source, detail: v.client[0].detail };
        if (entry.constant !== undefined || entry.fallbacks || entry.client)
            out.push(entry);
    };
    call.arguments.slice(0, 4).forEach((a, i) => {
        const e = (0,ast/* unwrap */.oA)(a);
        if (ts.isObjectLiteralExpression(e)) {
            // Options objects: only properties that can name a rate-limit key.
            for (const p of e.properties) {
                if (ts.isPropertyAssignment(p) &&
                    (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
                    KEY_PROP.test(p.name.text))
                    judgeArg(p.initializer, i, p.name.text);
                else if (ts.isShorthandPropertyAssignment(p) && KEY_PROP.test(p.name.text))
                    judgeArg(p.name, i, p.name.text);
            }
        }
        else if (!ts.isArrowFunction(e) && !ts.isFunctionExpression(e))
            judgeArg(e, i);
    });
    return out;
}
/** The string in a configurable list option (`globalIdentifiers`), ignoring anything that is not a string. */
function stringListOption(options, name) {
    const v = options[name];
    return new Set(Array.isArray(v) ? v.filter((x) => typeof x === "string") : []);
}
/**
 * A call of an imported function with identifier-like arguments, kept until the project phase knows
 * whether the callee is a limit helper (each check decides which arguments matter to it).
 */
function helperCall(model, ic, args) {
    return {
        kind: "helper-call",
        ref: ic.ref,
        callee: common_calleeText(ic.call, model.sf),
        site: model.at(ic.call),
        use: {},
        args,
    };
}
/** A callee as written (`ratelimit`, `limits.check`), for messages. */
function common_calleeText(call, sf) {
    const t = call.expression.getText(sf).replace(/\s+/g, "");
    return t.length > 40 ? t.slice(0, 37) + "…" : t;
}
/** Exported values that carry a limiter on: whoever imports them limits requests with it. */
const LIMITING = new Set(["limiter", "map", "factory", "helper", "guard"]);
/**
 * Demand-driven (Detector.select). Limiters and the helpers wrapping them are where the gate already
 * looks (importers of @upstash/ratelimit and of their modules); beyond that the facts say where to look:
 * - the users of a module that exports a limiter or a helper wrapping one (`checkRateLimit` in
 *   lib/helpers): the modules importing it, where its verdict is used, and the barrels between;
 * - the module an identifier's origin (`getIp(req)`) comes from, followed through re-exports and
 *   aliases, so that the project phase knows what it returns.
 * Each round follows one more step of imports.
 */
function selectReferencedModules(ctx) {
    const tables = new Map(ctx.facts.map(({ file, fact }) => [file, fact.table]));
    const values = new Map(ctx.facts.map(({ file, fact }) => [file, fact.exports]));
    const wanted = new Set();
    const chase = (from, ref, depth) => {
        if (depth > engine_exports/* MAX_REEXPORT_DEPTH */.nq || ref.specifier === RATELIMIT_MODULE)
            return;
        const target = ctx.project.resolve(from, ref.specifier);
        if (!target)
            return;
        const hit = ctx.project.resolveExport(tables, target, ref.name, { lexical: true });
        if (hit?.kind === "unknown")
            for (const f of hit.files)
                wanted.add(f);
        if (hit?.kind !== "found" || hit.name === "*")
            return;
        const v = values.get(hit.file)?.[hit.name];
        if (v?.kind === "alias")
            chase(hit.file, v.ref, depth + 1);
    };
    for (const { file, fact } of ctx.facts) {
        for (const c of fact.candidates) {
            if (c.kind === "origin")
                chase(file, c.ref, 0);
        }
        const names = Object.keys(fact.exports).filter((name) => LIMITING.has(fact.exports[name].kind));
        if (names.length)
            for (const user of ctx.project.graph.usersOf([file], new Set(names)))
                wanted.add(user);
    }
    return wanted;
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/analysis/bypass.ts





/** Values that switch something on or off, as opposed to a secret compared in code. */
const FLAG_VALUE = /^(1|0|true|false|yes|on|y|test|testing|bypass|skip|load-?test|internal|debug|dev|ci|e2e)$/i;
/** Names of a bare switch read for truthiness (`if (req.headers["x-skip-ratelimit"])`). */
const SWITCH_NAME = /bypass|skip|load-?test|no-?(rate-?)?limit|disable-?(rate-?)?limit/i;
/** A read of what the client sends: a header, the query string, a cookie (`req.headers["x"]`, `url.searchParams.get("x")`). */
const CLIENT_READ = /^[\w$]+(\??\.[\w$]+)*\??\.(headers?|query|searchParams|cookies)\b[^\s]*$/;
/** The client switch in front of a limit call, if an earlier `if (…) return <allow>` of its function has one. */
function clientBypass(call) {
    const ts = (0,parse.typescript)();
    for (let n = call; n.parent && !ts.isFunctionLike(n); n = n.parent) {
        const p = n.parent;
        if (!ts.isBlock(p) && !ts.isSourceFile(p))
            continue;
        for (const s of p.statements) {
            if (s === n)
                break;
            if (!ts.isIfStatement(s) || !terminates(s.thenStatement) || !branchAllows(s.thenStatement))
                continue;
            const hit = switchIn(s.expression, 0);
            if (hit)
                return hit;
        }
    }
    return undefined;
}
function switchIn(expr, depth) {
    const ts = (0,parse.typescript)();
    const e = (0,ast/* unwrap */.oA)(expr);
    if (depth > 4)
        return undefined;
    if (ts.isBinaryExpression(e)) {
        const op = e.operatorToken.kind;
        if (op === ts.SyntaxKind.BarBarToken)
            return switchIn(e.left, depth + 1) ?? switchIn(e.right, depth + 1);
        if (op === ts.SyntaxKind.EqualsEqualsEqualsToken || op === ts.SyntaxKind.EqualsEqualsToken)
            return flagComparison(e, e.left, e.right) ?? flagComparison(e, e.right, e.left);
        return undefined;
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression)) {
        const fn = localFunctionOf(e.expression);
        if (!fn)
            return undefined;
        for (const r of returnedExpressions(fn)) {
            const hit = switchIn(r, depth + 1);
            if (hit)
                return hit;
        }
        return undefined;
    }
    if (isClientRead(e) && SWITCH_NAME.test(e.getText()))
        return { node: e, read: e.getText() };
    return undefined;
}
function flagComparison(cmp, read, literal) {
    const ts = (0,parse.typescript)();
    const l = (0,ast/* unwrap */.oA)(literal);
    if (!ts.isStringLiteralLike(l) && !ts.isNumericLiteral(l))
        return undefined;
    const r = (0,ast/* unwrap */.oA)(read);
    if (!FLAG_VALUE.test(l.text) || !isClientRead(r))
        return undefined;
    return { node: cmp, read: r.getText(), value: l.text };
}
function isClientRead(e) {
    const ts = (0,parse.typescript)();
    if (!ts.isPropertyAccessExpression(e) && !ts.isElementAccessExpression(e) && !ts.isCallExpression(e))
        return false;
    const text = e.getText();
    return text.length < 160 && CLIENT_READ.test(text.replace(/\s+/g, ""));
}

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/client-controlled-identifier.ts





const client_controlled_identifier_CHECK = "client-controlled-identifier";
/**
 * Fields naming a resource (`linkId`, `payoutId`, `slug`) key a deliberate per-resource limit
 * (attempts per protected link); the client gains nothing by changing them. Fields naming the caller
 * (`userId`, `clientId`, `deviceId`) do not match.
 */
const CALLER = "user|client|device|session|visitor|anon|anonymous|account|customer|caller|requester|sender|ip|voter|author|actor|member|player|participant|viewer|owner|submitter|reporter|fingerprint|browser|install|installation|machine|guest|profile|person|subscriber";
const RESOURCE_FIELD = new RegExp(`^(?!(${CALLER})(Id|_id|ID|Key|_key)$)[a-z][A-Za-z0-9]*(Id|_id|ID|Slug|_slug)$|^(slug|path|pathname|url|domain|hostname)$`);
function client_controlled_identifier_isCounter(site) {
    return site.use.consumption.kind === "discarded" && site.use.consumption.counter;
}
const SOURCE_TEXT = {
    body: "the request body",
    query: "the query string",
    header: "a request header the client sets",
    input: "the procedure input",
    argument: "a server-action argument",
};
function message(source, detail) {
    return `The rate-limit identifier comes from ${SOURCE_TEXT[source] ?? source} (${detail}), which the client chooses freely: a new value per request gets a fresh bucket every time. Key the limit by the authenticated user id or the platform's client IP (add one such limit if this one is per target).`;
}
function bypassMessage(b) {
    const sent = b.value === undefined ? `sends ${b.read}` : `sends ${b.read} = "${b.value}"`;
    return `The rate limit is skipped when the request ${sent}: the client sets that value itself, so anyone who adds it is never limited. Remove the switch, or gate it on something the client cannot forge (a secret compared in constant time, a non-production environment).`;
}
/** Client switches that skip a limit call of the file, once per switch. */
function reportBypasses(r) {
    const { model } = r;
    const seen = new Set();
    for (const site of model.sites) {
        if (!enforced(site) || model.liveness(site.call) === "dead")
            continue;
        const b = clientBypass(site.call);
        if (!b || seen.has(b.node))
            continue;
        seen.add(b.node);
        const at = siteRequirements(site, model);
        const requires = model.liveness(site.call) === "if-imported" ? [...at.requires, { kind: "imported" }] : at.requires;
        r.finding(client_controlled_identifier_CHECK, b.node, bypassMessage(b), requires, at.confidence, [
            model.at(site.call, "the rate-limit call it skips"),
        ]);
    }
}
function client_controlled_identifier_scopeOf(site) {
    const ts = (0,parse.typescript)();
    if (site.handler)
        return site.handler;
    for (let n = site.call.parent; n; n = n.parent)
        if (ts.isFunctionLike(n))
            return n;
    return undefined;
}
/** Another enforced limit in the same handler keyed by IP or user: this one is an extra per-target limit. */
function backedUp(model, site) {
    const scope = client_controlled_identifier_scopeOf(site);
    if (!scope)
        return false;
    return model.sites.some((s) => s !== site && client_controlled_identifier_scopeOf(s) === scope && enforced(s) && s.verdict && s.verdict.trusted && !s.verdict.client.length);
}
/* harmony default export */ const client_controlled_identifier = (defineDetector({
    id: "client-controlled-identifier",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [client_controlled_identifier_CHECK]: "A rate-limit identifier taken from the body, query string or a custom header, so the client picks its own bucket, or a header/query switch that skips the limit",
    },
    analyzeFile(ctx) {
        analyze(ctx, (r) => {
            reportBypasses(r);
            const { model } = r;
            for (const site of model.sites) {
                const v = site.verdict;
                if (!v || !site.id || !enforced(site) || client_controlled_identifier_isCounter(site) || v.trusted)
                    continue;
                const client = v.client.filter((c) => !RESOURCE_FIELD.test(c.detail));
                if (!client.length || backedUp(model, site))
                    continue;
                const { requires, confidence } = siteRequirements(site, model);
                const first = client[0];
                const related = first.node !== site.id ? [model.at(first.node, "where the client-chosen value comes from")] : undefined;
                r.finding(client_controlled_identifier_CHECK, site.id, message(first.source, first.detail), requires, confidence, related);
            }
            for (const site of model.sites) {
                if (!site.id || !enforced(site) || backedUp(model, site))
                    continue;
                for (const p of model.tracer.parts(site.id)) {
                    for (const o of p.origins) {
                        if (o.kind !== "imported")
                            continue;
                        const { requires } = siteRequirements(site, model);
                        r.candidates.push({
                            kind: "origin",
                            check: client_controlled_identifier_CHECK,
                            ref: o.ref,
                            site: model.at(site.id),
                            otherDynamicParts: false,
                            requires,
                        });
                    }
                }
            }
            for (const ic of model.importedCalls) {
                if (model.verdictUse(ic.call, "result").consumption.kind === "discarded")
                    continue;
                const scope = ic.handler;
                const trusted = model.sites.some((s) => scope && s.handler === scope && enforced(s) && s.verdict?.trusted && !s.verdict.client.length);
                const args = argSummaries(model, ic.call, trusted).filter((a) => a.client && !RESOURCE_FIELD.test(a.client.detail));
                if (args.length)
                    r.candidates.push(helperCall(model, ic, args));
            }
        });
    },
    analyzeProject(ctx) {
        resolveProject(ctx, (c, file, resolver, report) => {
            if (c.kind === "origin") {
                if (!requirementsHold(ctx, resolver, file, c.requires))
                    return;
                const r = resolver.resolve(file, { ...c.ref, call: false });
                if (!r || r === "unresolved" || r.value.kind !== "origin" || r.value.trusted)
                    return;
                const first = r.value.client[0];
                if (first)
                    report(client_controlled_identifier_CHECK, c.site, message(first.source, first.detail), "high", [first.at]);
            }
            else if (c.kind === "helper-call") {
                const r = resolver.resolve(file, { ...c.ref, call: false });
                if (!r || r === "unresolved" || !helperHolds(resolver, r) || !r.value.idParam)
                    return;
                const at = r.value.idParam;
                const arg = c.args.find((a) => a.index === at.index && a.prop === at.prop);
                if (arg?.client && !arg.trustedElsewhere)
                    report(client_controlled_identifier_CHECK, c.site, message(arg.client.source, arg.client.detail));
            }
        });
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/fail-open-on-error.ts
/**
 * `limit()` throws when Redis fails (it only swallows its own timeout). A `catch` that then lets the
 * request through, a `.catch(() => ({ success: true }))`, or code that treats `reason: "timeout"` as
 * allowed on an authentication route turns the limiter off exactly when an attacker can make Redis
 * slow or unreachable.
 */




const fail_open_on_error_CHECK = "fail-open-on-error";
const WHY = {
    "catch-handler": "This .catch() turns any limiter error into an allowed request",
    allows: "This catch lets the request through when the limiter throws (Redis unreachable, misconfigured)",
    "same-as-pass": "This catch returns the same value as the allowed path, so a limiter error lets the request through",
    boolean: "This catch returns the 'allowed' verdict when the limiter throws",
    continues: "This catch swallows the limiter's error and execution continues past the skipped check",
    "initial-true": "The verdict starts out (or is set in this catch to) allowed, so a limiter error lets the request through",
};
function guardMessage(name) {
    return `${name}() throws when the rate limit is hit, but this catch swallows the exception and lets the request go on: limited requests pass, and so does everything while Redis is down. Rethrow (or return 429/503) in the catch.`;
}
/* harmony default export */ const fail_open_on_error = (defineDetector({
    id: "fail-open-on-error",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [fail_open_on_error_CHECK]: "A limiter error or timeout that lets the request through",
    },
    analyzeFile(ctx) {
        analyze(ctx, (r) => {
            const { model } = r;
            for (const site of model.sites) {
                const { requires, confidence } = siteRequirements(site, model);
                if (site.failOpen) {
                    r.finding(fail_open_on_error_CHECK, site.failOpen.node, `${WHY[site.failOpen.why] ?? WHY.allows}: the limit is off whenever Redis fails. Refuse the request (503 or 429) in the error path, at least on sensitive routes.`, requires, confidence);
                }
                if (site.use.timeoutAllows.length) {
                    const key = site.id ? (constString(site.id) ?? site.id.getText(model.sf)) : "";
                    if (!model.handlers.authSensitive(site.call, [key]))
                        continue;
                    for (const node of site.use.timeoutAllows) {
                        r.finding(fail_open_on_error_CHECK, node, `A timed-out limit check (reason "timeout") is treated as allowed on an authentication route: an attacker who slows Redis gets unlimited attempts. Refuse the request when reason is "timeout" here.`, requires, confidence);
                    }
                }
            }
            // Guards (functions that throw when the limit is hit) whose exception is swallowed.
            for (const sw of model.swallowed) {
                const { requires, confidence } = siteRequirements(sw, model);
                r.finding(fail_open_on_error_CHECK, sw.at, guardMessage(sw.guard), requires, confidence);
            }
            for (const ic of model.importedCalls) {
                const at = swallowedAt(ic.call, model.handlers.middlewareFile);
                if (at)
                    r.finding(fail_open_on_error_CHECK, at, guardMessage(common_calleeText(ic.call, model.sf)), [{ kind: "guard", ref: ic.ref }]);
            }
        });
    },
    analyzeProject(ctx) {
        resolveProject(ctx);
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/implausible-limit.ts







const implausible_limit_CHECK = "implausible-limit";
/** The arguments a factory call gives to the algorithm inside it. */
function argsThroughFactory(a, values) {
    const out = { ...a.args };
    for (const p of a.params) {
        const given = values[p.param];
        const v = given === undefined ? (p.fallback ?? null) : given;
        if (p.arg === 0)
            out.tokens = typeof v === "number" ? v : null;
        else if (p.arg === 1)
            out.window = v ?? null;
        else
            out.maxTokens = typeof v === "number" ? v : null;
    }
    return out;
}
function constArg(e) {
    if (!e)
        return undefined;
    const n = constNumber(e);
    if (n !== undefined)
        return n;
    const s = constString(e);
    if (s !== undefined)
        return s;
    return null;
}
/* harmony default export */ const implausible_limit = (defineDetector({
    id: "implausible-limit",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [implausible_limit_CHECK]: "Limiter arguments outside sane bounds: too permissive, zero tokens, a window that does not parse or is too short",
    },
    analyzeFile(ctx) {
        const bounds = boundsFrom(ctx.options);
        analyze(ctx, (r) => {
            const { model } = r;
            const ts = (0,parse.typescript)();
            for (const a of model.algorithms) {
                for (const p of problems(a.args, bounds)) {
                    const node = a.call.arguments[p.arg] ?? a.call;
                    r.finding(implausible_limit_CHECK, node, p.message, []);
                }
                // A local factory: check each call's arguments.
                if (!a.params.length || !a.fn)
                    continue;
                const fn = a.fn;
                const decl = ts.isFunctionDeclaration(fn)
                    ? fn
                    : fn.parent && ts.isVariableDeclaration(fn.parent)
                        ? fn.parent
                        : undefined;
                if (!decl)
                    continue;
                for (const ref of referencesTo(decl, scopeOf(decl))) {
                    const call = ref.parent;
                    if (!call || !ts.isCallExpression(call) || call.expression !== ref)
                        continue;
                    const values = fn.parameters.map((_, i) => constArg(call.arguments[i]));
                    for (const p of problems(argsThroughFactory(a, values), bounds)) {
                        const param = a.params.find((x) => x.arg === p.arg)?.param;
                        const node = (param !== undefined ? call.arguments[param] : undefined) ?? call;
                        r.finding(implausible_limit_CHECK, node, p.message, []);
                    }
                }
            }
            // Calls of imported functions with constant arguments: maybe a factory from another file.
            for (const ic of model.importedCalls) {
                const args = ic.call.arguments.map((x) => constArg(x) ?? null);
                if (!args.some((x) => x !== null))
                    continue;
                r.candidates.push({
                    kind: "factory-call",
                    ref: ic.ref,
                    callee: common_calleeText(ic.call, model.sf),
                    site: model.at(ic.call),
                    inHandler: Boolean(ic.handler),
                    args,
                    argLocations: ic.call.arguments.map((x) => model.at((0,ast/* unwrap */.oA)(x))),
                });
            }
        });
    },
    analyzeProject(ctx) {
        const bounds = boundsFrom(ctx.options);
        resolveProject(ctx, (c, file, resolver, report) => {
            if (c.kind !== "factory-call")
                return;
            const r = resolver.resolve(file, { ...c.ref, call: false });
            if (!r || r === "unresolved" || r.value.kind !== "factory" || !r.value.params.length)
                return;
            const byAlgo = new Map();
            for (const p of r.value.params) {
                const k = JSON.stringify(p.fixed);
                byAlgo.set(k, [...(byAlgo.get(k) ?? []), p]);
            }
            for (const params of byAlgo.values()) {
                const fixed = params[0].fixed;
                const a = { call: undefined, args: fixed, params };
                for (const p of problems(argsThroughFactory(a, c.args), bounds)) {
                    const param = params.find((x) => x.arg === p.arg)?.param;
                    report(implausible_limit_CHECK, (param !== undefined ? c.argLocations[param] : undefined) ?? c.site, p.message);
                }
            }
        });
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/limiter-per-request.ts







const limiter_per_request_CHECK = "limiter-per-request";
const MESSAGE = "A new Ratelimit is built on every request: its ephemeral cache of blocked identifiers (and any deny-list cache) starts empty each time, so blocked clients still cost a Redis round trip per request. Create the limiter once at module scope (or keep its ephemeralCache Map there).";
function enclosingFunction(node) {
    const ts = (0,parse.typescript)();
    for (let n = node.parent; n; n = n.parent)
        if (ts.isFunctionLike(n))
            return n;
    return undefined;
}
/* harmony default export */ const limiter_per_request = (defineDetector({
    id: "limiter-per-request",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [limiter_per_request_CHECK]: "A Ratelimit (or its ephemeral cache) created inside a request handler",
    },
    analyzeFile(ctx) {
        analyze(ctx, (r) => {
            const { model } = r;
            const ts = (0,parse.typescript)();
            for (const c of model.index.constructions) {
                const fn = enclosingFunction(c.node);
                if (!fn || isMemoized(c.node, fn))
                    continue;
                const handler = model.handlers.enclosingHandler(c.node);
                if (handler) {
                    if (!cacheKeptOutside(c, fn))
                        r.finding(limiter_per_request_CHECK, c.node, MESSAGE, [], "high", undefined, "low");
                    continue;
                }
                // Built in a factory: per request when a handler of this file calls it.
                const factory = model.factories.get(fn);
                if (!factory?.perCall || cacheKeptOutside(c, fn))
                    continue;
                const decl = ts.isFunctionDeclaration(fn)
                    ? fn
                    : fn.parent && ts.isVariableDeclaration(fn.parent)
                        ? fn.parent
                        : undefined;
                if (!decl)
                    continue;
                const calledInHandler = referencesTo(decl, scopeOf(decl)).some((ref) => ref.parent &&
                    ts.isCallExpression(ref.parent) &&
                    ref.parent.expression === ref &&
                    model.handlers.enclosingHandler(ref.parent));
                if (calledInHandler)
                    r.finding(limiter_per_request_CHECK, c.node, `${MESSAGE.replace("A new Ratelimit is built on every request", `${factory.name}() builds a new Ratelimit on every call and a request handler calls it`)}`, [], "high", undefined, "low");
            }
            // `ephemeralCache: new Map()` inside a handler where the limiter itself is kept (rare, but the cache is lost).
            for (const c of model.index.constructions) {
                const opt = optionOf(c.options, "ephemeralCache");
                if (!opt)
                    continue;
                const e = (0,ast/* unwrap */.oA)(opt);
                const mapNode = ts.isNewExpression(e)
                    ? e
                    : ts.isIdentifier(e)
                        ? (() => {
                            const d = declarationOf(e);
                            return d && ts.isVariableDeclaration(d) && d.initializer && ts.isNewExpression((0,ast/* unwrap */.oA)(d.initializer))
                                ? (0,ast/* unwrap */.oA)(d.initializer)
                                : undefined;
                        })()
                        : undefined;
                if (!mapNode)
                    continue;
                const handler = model.handlers.enclosingHandler(mapNode);
                if (handler && !model.handlers.enclosingHandler(c.node))
                    r.finding(limiter_per_request_CHECK, mapNode, "The ephemeralCache Map is created inside a request handler, so it is empty on every request. Create it once at module scope.", [], "high", undefined, "low");
            }
            for (const ic of model.importedCalls) {
                if (!ic.handler)
                    continue;
                r.candidates.push({
                    kind: "factory-call",
                    ref: ic.ref,
                    callee: common_calleeText(ic.call, model.sf),
                    site: model.at(ic.call),
                    inHandler: true,
                    args: [],
                    argLocations: [],
                });
            }
        });
    },
    analyzeProject(ctx) {
        resolveProject(ctx, (c, file, resolver, report) => {
            if (c.kind !== "factory-call" || !c.inHandler)
                return;
            const r = resolver.resolve(file, { ...c.ref, call: false });
            if (!r || r === "unresolved" || (r.value.kind !== "factory" && r.value.kind !== "helper") || !r.value.perCall)
                return;
            report(limiter_per_request_CHECK, r.value.perCall, `${c.callee}() builds a new Ratelimit on every call and request handlers call it (e.g. ${c.site.file}:${c.site.range.startLine}): its ephemeral cache of blocked identifiers starts empty each time, so blocked clients still cost a Redis round trip per request. Build each limiter once at module scope (e.g. one per configuration, kept in a Map).`, "high", [c.site], "low");
        });
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/pending-dropped.ts
/**
 * On edge runtimes (Next.js middleware or `runtime = "edge"`, Cloudflare Workers, any handler with a
 * `waitUntil`), the function may be frozen as soon as the response is returned. With `analytics: true`,
 * `enableProtection` or `MultiRegionRatelimit`, `limit()` leaves work in `pending` (analytics writes,
 * deny-list updates, multi-region sync) that must be awaited or given to `waitUntil`, or it is lost.
 */


const pending_dropped_CHECK = "pending-dropped";
/* harmony default export */ const pending_dropped = (defineDetector({
    id: "pending-dropped",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [pending_dropped_CHECK]: "On an edge runtime, the pending promise of an analytics or multi-region limiter is neither awaited nor given to waitUntil",
    },
    analyzeFile(ctx) {
        analyze(ctx, (r) => {
            const { model } = r;
            for (const site of model.sites) {
                if (site.via !== "limit" ||
                    site.use.pending !== "dropped" ||
                    !enforced(site) ||
                    site.use.consumption.kind === "discarded")
                    continue;
                const ref = site.ref;
                const requires = [];
                let why;
                if (ref.kind === "local") {
                    const c = ref.configs.find((x) => x.pendingWork === true);
                    if (!c)
                        continue;
                    why = c.multiRegion ? "MultiRegionRatelimit syncs regions" : "analytics/deny-list updates are written";
                }
                else if (ref.kind === "import") {
                    requires.push({ kind: "limiter", ref: ref.ref, pendingWork: true });
                    why = "the limiter records analytics or syncs regions";
                }
                else
                    continue;
                if (!model.handlers.edge && !model.handlers.waitUntilAvailable) {
                    if (!site.handler)
                        continue;
                    requires.push({ kind: "workers" });
                }
                const sure = model.handlers.edge || model.handlers.middlewareFile;
                const multi = ref.kind === "local" && ref.configs.some((c) => c.multiRegion);
                const { confidence } = siteRequirements(site, model);
                const where = sure
                    ? "on this edge runtime"
                    : "where the platform may freeze the function once the response is sent (this file uses waitUntil)";
                r.finding(pending_dropped_CHECK, site.call, `pending from this limit() is neither awaited nor given to waitUntil, but ${why} in it: ${where} that work is cut off. Pass it on: waitUntil(pending).`, requires, sure ? confidence : "medium", undefined, multi ? "medium" : "low");
            }
        });
    },
    analyzeProject(ctx) {
        resolveProject(ctx);
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/result-not-enforced.ts





const result_not_enforced_CHECK = "result-not-enforced";
function callText(site, sf) {
    const ts = (0,parse.typescript)();
    if (site.via === "helper")
        return `${site.helper.name}()`;
    const e = site.call.expression;
    if (ts.isPropertyAccessExpression(e)) {
        const recv = e.expression.getText(sf).replace(/\s+/g, "");
        return `${recv.length > 40 ? recv.slice(0, 37) + "…" : recv}.${e.name.text}()`;
    }
    return "limit()";
}
/** `const { a } = await f()`: the value is an object. */
function bindsObjectPattern(call) {
    const ts = (0,parse.typescript)();
    let n = call;
    while (n.parent && (ts.isAwaitExpression(n.parent) || ts.isParenthesizedExpression(n.parent)))
        n = n.parent;
    return Boolean(n.parent && ts.isVariableDeclaration(n.parent) && ts.isObjectBindingPattern(n.parent.name));
}
/* harmony default export */ const result_not_enforced = (defineDetector({
    id: "result-not-enforced",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [result_not_enforced_CHECK]: "A rate-limit verdict that is discarded, never read, or read without stopping the request",
    },
    analyzeFile(ctx) {
        analyze(ctx, (r) => {
            const { model } = r;
            for (const site of model.sites) {
                const c = site.use.consumption;
                const { requires, confidence } = siteRequirements(site, model);
                const what = callText(site, model.sf);
                const helperNote = site.via === "helper"
                    ? ` ${site.helper.name}() hands back the rate-limit verdict for its caller to act on.`
                    : "";
                if (c.kind === "discarded" && !c.counter) {
                    r.finding(result_not_enforced_CHECK, site.call, `The result of ${what} is discarded, so the request goes ahead whatever the limit says.${helperNote} Read success and return 429 when it is false.`, requires, confidence);
                }
                else if (c.kind === "unread") {
                    const subject = site.via === "helper" && site.helper.shape !== "result"
                        ? `The value ${what} returns`
                        : `success from ${what}`;
                    r.finding(result_not_enforced_CHECK, site.call, `${subject} is never read, so the limit is not enforced.${helperNote} Return 429 when the limit is hit.`, requires, confidence);
                }
                else if (c.kind === "enforced" && site.lateCheck) {
                    const work = site.lateCheck.work.expression.getText(model.sf).replace(/\s+/g, "");
                    r.finding(result_not_enforced_CHECK, site.lateCheck.check, `success from ${what} is checked only after ${work.length > 40 ? work.slice(0, 37) + "…" : work}() has already run, so a limited request still does the work. Check success right after the limit call.`, requires, confidence);
                }
                else if (c.kind === "inverted") {
                    r.finding(result_not_enforced_CHECK, c.at, `This check on ${what} is inverted: success is true when the request is within the limit, so allowed requests are refused and limited ones go through. Refuse the request when success is false.`, requires, confidence);
                }
                else if (c.kind === "falls-through") {
                    r.finding(result_not_enforced_CHECK, c.branch, `The branch for a rate-limited request (${what}) neither returns nor throws, so the code after it runs anyway. Return the 429 response (or throw) in that branch.`, requires, confidence);
                }
            }
            // Calls of imported functions that may be helpers defined in another file.
            for (const ic of model.importedCalls) {
                const use = {};
                let interesting = false;
                let lateAt;
                // Shape-independent outcomes first: a discarded call is discarded whatever the helper returns,
                // and a destructured one can only be a result object.
                const first = model.verdictUse(ic.call, "result").consumption;
                const shapes = first.kind === "discarded" || bindsObjectPattern(ic.call)
                    ? ["result"]
                    : ["result", "success", "limited", "verdict"];
                for (const shape of shapes) {
                    const u = model.verdictUse(ic.call, shape);
                    const k = u.consumption.kind;
                    const late = k === "enforced" ? lateCheck({ call: ic.call, use: u }) : undefined;
                    if (late) {
                        use[shape] = "late";
                        lateAt = model.at(late.check);
                        interesting = true;
                        continue;
                    }
                    use[shape] =
                        k === "discarded"
                            ? u.consumption.kind === "discarded" && u.consumption.counter
                                ? "ok"
                                : "discarded"
                            : k === "unread" || k === "falls-through" || k === "inverted"
                                ? k
                                : "ok";
                    if (use[shape] !== "ok")
                        interesting = true;
                }
                if (first.kind === "discarded")
                    for (const shape of ["success", "limited", "verdict"])
                        use[shape] = use.result;
                if (interesting)
                    r.candidates.push({
                        kind: "helper-call",
                        ref: ic.ref,
                        callee: common_calleeText(ic.call, model.sf),
                        site: model.at(ic.call),
                        use,
                        args: [],
                        ...(lateAt ? { late: lateAt } : {}),
                    });
            }
        });
    },
    analyzeProject(ctx) {
        resolveProject(ctx, (c, file, resolver, report) => {
            if (c.kind !== "helper-call")
                return;
            const r = resolver.resolve(file, { ...c.ref, call: false });
            if (!r || r === "unresolved" || !helperHolds(resolver, r))
                return;
            const u = c.use[r.value.shape];
            const name = c.callee;
            if (u === "discarded")
                report(result_not_enforced_CHECK, c.site, `The result of ${name}() is discarded, but ${name}() (${r.file}) only hands back the rate-limit verdict: the request goes ahead whatever the limit says. Read it and return 429.`);
            else if (u === "unread")
                report(result_not_enforced_CHECK, c.site, `The verdict ${name}() (${r.file}) returns is never read, so the limit is not enforced. Return 429 when the limit is hit.`);
            else if (u === "late" && c.late)
                report(result_not_enforced_CHECK, c.late, `The verdict of ${name}() is checked only after the work it protects has already run. Check it right after the call.`);
            else if (u === "inverted")
                report(result_not_enforced_CHECK, c.site, `The verdict of ${name}() is checked the wrong way round: allowed requests are refused and limited ones go through.`);
            else if (u === "falls-through")
                report(result_not_enforced_CHECK, c.site, `The branch for a rate-limited request (${name}()) neither returns nor throws, so the code after it runs anyway.`);
        });
    },
}));

;// CONCATENATED MODULE: ./src/detectors/rate-limit-misconfiguration/shared-bucket.ts










const shared_bucket_CHECK = "shared-bucket";
function constantMessage(value) {
    return `Every request is limited under the same identifier "${value}": one client can use up the limit for everyone. Key the limit by an authenticated user id or the client IP, or list "${value}" in globalIdentifiers if one global limit is intended.`;
}
function fallbackMessage(value, why) {
    const shown = value === "" ? "an empty string" : `"${value}"`;
    return `The identifier falls back to ${shown} when ${why.join(" and ")}: every such request shares one bucket, so one client can exhaust it for all of them. Refuse the request (400) or key it by another per-client value instead of constant text.`;
}
function proxyMessage(framework, host, evidence) {
    const fix = framework === "Fastify"
        ? "Create the server with fastify({ trustProxy: true }) (or the number of proxies)"
        : 'Call app.set("trust proxy", 1) (the number of proxies in front of the app)';
    return `req.ip is the address of the connection, and this ${framework} app runs on ${host} (${evidence}) behind its proxy without "trust proxy": every client arrives from the proxy's address, so all of them share one bucket. ${fix} so that req.ip is the client's address.`;
}
function keySpaceMessage(here, other) {
    const { prefix, bucket } = here.space;
    const named = prefix === DEFAULT_PREFIX ? `the default prefix "${prefix}"` : `the prefix "${prefix}"`;
    const shape = bucket === "token" ? "are token buckets" : "have windows of the same length";
    return `This limit (${here.space.budget}) and the one at ${other.site.file}:${other.site.range.startLine} (${other.space.budget}) count in the same Redis keys: both limiters use ${named}, ${shape} and key by the same identifier (${here.signature}). Requests to either spend the other's budget, so the tighter limit also blocks legitimate use of the other endpoint. Give each limiter its own prefix.`;
}
const IP_FUNCTION = /(^|[^a-z])ip|Ip|IP|address/;
/** The field of the principal an expression reads: `session.user.id` and `userId` both read "id". */
function principalField(text) {
    const last = /([A-Za-z_$][\w$]*)\W*$/.exec(text)?.[1] ?? text;
    return last.replace(/^user_?/i, "").toLowerCase() || "id";
}
/** The kind of per-client value an origin is, "" for text that adds nothing, undefined when unknown. */
function originKind(o) {
    if (o.kind === "constant")
        return `"${o.value}"`;
    if (o.kind === "fallback")
        return "";
    if (o.kind === "ip")
        return "{ip}";
    if (o.kind === "principal")
        return `{user ${principalField(o.node.getText())}}`;
    if (o.kind === "imported" && IP_FUNCTION.test(o.ref.name))
        return "{ip}";
    return undefined;
}
/**
 * An identifier as constant text and kinds of per-client value (`login:{ip}`), or undefined when a
 * part may be anything (two such identifiers need not meet) or nothing varies per client.
 */
function idSignature(parts) {
    let out = "";
    let dynamic = false;
    for (const p of parts) {
        const kinds = new Set();
        for (const o of p.origins) {
            const k = originKind(o);
            if (k === undefined)
                return undefined;
            if (k)
                kinds.add(k);
        }
        if (kinds.size !== 1)
            return undefined;
        const k = [...kinds][0];
        dynamic ||= k.startsWith("{");
        out += k.startsWith('"') ? k.slice(1, -1) : k;
    }
    return dynamic ? out : undefined;
}
/** The one key space a candidate's limiter writes, or undefined when unknown or several. */
function spaceOf(c, file, resolver) {
    let spaces = c.spaces;
    if (!spaces && c.ref) {
        const configs = resolver.limiterConfigs(file, c.ref);
        spaces = Array.isArray(configs) ? configs.map((k) => k.keySpace) : [];
    }
    const first = spaces?.[0];
    if (!first ||
        spaces.some((s) => !s || s.prefix !== first.prefix || s.bucket !== first.bucket || s.budget !== first.budget))
        return undefined;
    return first;
}
/** Each limit call whose key space another call of the same package shares with a different limit. */
function reportSharedKeySpaces(ctx, spenders, report) {
    const groups = new Map();
    for (const s of spenders) {
        const key = [ctx.project.packageOf(s.file)?.dir ?? "", s.space.prefix, s.space.bucket, s.signature].join("\0");
        groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const group of groups.values())
        for (const s of group) {
            const other = group.find((o) => o.space.budget !== s.space.budget);
            if (other)
                report(s.site, keySpaceMessage(s, other), [other.site]);
        }
}
const shared_bucket_RANK = { low: 0, medium: 1, high: 2 };
const weaker = (a, b) => (shared_bucket_RANK[a] <= shared_bucket_RANK[b] ? a : b);
/**
 * One fixed identifier spent by an amount (`limit(id, { rate: n })`) or checked first with
 * `getRemaining(id)`: a deliberate global budget (tokens handed out per hour), not a per-client limit.
 */
function globalBudget(site, value) {
    const ts = (0,parse.typescript)();
    if (site.via !== "limit")
        return false;
    const opts = site.call.arguments[1];
    if (opts && ts.isObjectLiteralExpression(opts) && optionOf(opts, "rate"))
        return true;
    let fn = site.call.parent;
    while (fn && !ts.isFunctionLike(fn))
        fn = fn.parent;
    let remaining = false;
    if (fn)
        (0,ast/* walk */.GG)(fn, (n) => {
            if (ts.isCallExpression(n) &&
                ts.isPropertyAccessExpression(n.expression) &&
                n.expression.name.text === "getRemaining" &&
                n.arguments[0] &&
                constString(n.arguments[0]) === value)
                remaining = true;
        });
    return remaining;
}
/** What must hold for a finding at `site` to matter: its limiter is one, and its code can run. */
function requirementsAt(model, site) {
    const live = model.liveness(site.call);
    if (live === "dead")
        return undefined;
    const { requires, confidence } = siteRequirements(site, model);
    return { requires: live === "if-imported" ? [...requires, { kind: "imported" }] : requires, confidence };
}
function fileFindings(r, global) {
    const { model } = r;
    for (const site of model.sites) {
        const v = site.verdict;
        if (!v || !site.id || !enforced(site))
            continue;
        const at = requirementsAt(model, site);
        if (!at)
            continue;
        const { requires, confidence } = at;
        const call = model.at(site.call, "the rate-limit call using this identifier");
        const signature = v.constant ? undefined : idSignature(model.tracer.parts(site.id));
        if (signature && (site.ref.kind === "local" || site.ref.kind === "import"))
            r.candidates.push({
                kind: "key-space",
                check: shared_bucket_CHECK,
                site: model.at(site.call),
                signature,
                ...(site.ref.kind === "local" ? { spaces: site.ref.configs.map((k) => k.keySpace) } : { ref: site.ref.ref }),
                requires,
            });
        if (v.constant) {
            if (!global.has(v.constant.value) && !globalBudget(site, v.constant.value))
                r.finding(shared_bucket_CHECK, site.id, constantMessage(v.constant.value), requires, confidence);
            continue;
        }
        for (const f of v.fallbacks ?? []) {
            if (global.has(f.value))
                continue;
            r.candidates.push({
                kind: "fallback",
                check: shared_bucket_CHECK,
                location: model.at(f.node),
                value: f.value,
                guard: f.guard,
                site: call,
                confidence,
                requires,
            });
        }
        const parts = model.tracer.parts(site.id);
        for (const p of parts)
            for (const o of p.origins)
                if (o.kind === "ip" && o.missing.kind === "request-ip" && !o.missing.via)
                    r.candidates.push({
                        kind: "proxy-ip",
                        check: shared_bucket_CHECK,
                        location: model.at(o.node),
                        site: call,
                        confidence,
                        requires,
                    });
        // Parts produced by an imported function (`getIp(req)`): its file's facts decide.
        const dynamic = parts.filter((p) => !p.origins.every((o) => o.kind === "constant"));
        for (const p of dynamic) {
            const imported = p.origins.find((o) => o.kind === "imported");
            if (!imported || imported.kind !== "imported")
                continue;
            const others = dynamic.some((q) => q !== p && !q.origins.some((o) => o.kind === "fallback" || o.kind === "imported"));
            if (others)
                continue;
            r.candidates.push({
                kind: "origin",
                check: shared_bucket_CHECK,
                ref: imported.ref,
                site: call,
                otherDynamicParts: false,
                requires,
            });
        }
    }
    for (const ic of model.importedCalls) {
        if (model.verdictUse(ic.call, "result").consumption.kind === "discarded")
            continue;
        if (model.liveness(ic.call) === "dead")
            continue;
        const args = argSummaries(model, ic.call, false).filter((a) => a.constant !== undefined || a.fallbacks);
        if (args.length)
            r.candidates.push(helperCall(model, ic, args));
    }
}
function fallbackReporter(ctx, resolver, report) {
    const global = stringListOption(ctx.options, "globalIdentifiers");
    return (loc, value, guard, hostFile, refFile, confidence, related) => {
        if (global.has(value))
            return;
        const nn = (ref) => nonNullish(resolver, refFile, ref);
        const reach = reachability(guard, { project: ctx.project, file: hostFile, nonNullish: nn });
        if (reach.reachable)
            report(loc, fallbackMessage(value, reach.why), weaker(confidence, reach.confidence), related);
    };
}
/** Files of the package holding `file` that tell the server to trust its proxy. */
function shared_bucket_trustsProxy(ctx, file) {
    const dir = ctx.project.packageOf(file)?.dir;
    return ctx.facts.some(({ file: f, fact }) => fact.trustProxy && ctx.project.packageOf(f)?.dir === dir);
}
function proxyFinding(ctx, file) {
    const fw = frameworksAt(ctx.project, file);
    if (fw.has("nextjs"))
        return undefined;
    const framework = fw.has("express") ? "Express" : fw.has("fastify") ? "Fastify" : undefined;
    const host = hostOf(ctx.project, file);
    if (!framework || !host.behindProxy || host.assumed || shared_bucket_trustsProxy(ctx, file))
        return undefined;
    return proxyMessage(framework, host.name, host.evidence);
}
/* harmony default export */ const shared_bucket = (defineDetector({
    id: "shared-bucket",
    ...RATE_LIMIT_DETECTOR,
    checks: {
        [shared_bucket_CHECK]: "A rate-limit identifier that is constant, falls back to a constant, or is the proxy's address, or limiters with different limits writing the same Redis keys, so requests share one bucket",
    },
    analyzeFile(ctx) {
        const global = stringListOption(ctx.options, "globalIdentifiers");
        analyze(ctx, (r) => fileFindings(r, global));
    },
    analyzeProject(ctx) {
        const global = stringListOption(ctx.options, "globalIdentifiers");
        const spenders = [];
        let reportOnce;
        resolveProject(ctx, (c, file, resolver, report) => {
            reportOnce = report;
            if (c.kind === "key-space") {
                const space = requirementsHold(ctx, resolver, file, c.requires) ? spaceOf(c, file, resolver) : undefined;
                if (space)
                    spenders.push({ file, site: c.site, space, signature: c.signature });
                return;
            }
            const fallback = fallbackReporter(ctx, resolver, (loc, message, confidence, related) => report(shared_bucket_CHECK, loc, message, confidence, related));
            if (c.kind === "fallback") {
                if (requirementsHold(ctx, resolver, file, c.requires))
                    fallback(c.location, c.value, c.guard, file, file, c.confidence, [c.site]);
            }
            else if (c.kind === "proxy-ip") {
                if (!requirementsHold(ctx, resolver, file, c.requires))
                    return;
                const message = proxyFinding(ctx, file);
                if (message)
                    report(shared_bucket_CHECK, c.location, message, weaker(c.confidence, "medium"), [c.site]);
            }
            else if (c.kind === "origin") {
                if (!requirementsHold(ctx, resolver, file, c.requires))
                    return;
                const r = resolver.resolve(file, { ...c.ref, call: false });
                if (!r || r === "unresolved" || r.value.kind !== "origin")
                    return;
                for (const f of r.value.fallbacks)
                    fallback(f.at, f.value, f.guard, file, r.file, "high", [c.site]);
            }
            else if (c.kind === "helper-call") {
                const r = resolver.resolve(file, { ...c.ref, call: false });
                if (!r || r === "unresolved" || !helperHolds(resolver, r) || !r.value.idParam)
                    return;
                const at = r.value.idParam;
                const arg = c.args.find((a) => a.index === at.index && a.prop === at.prop);
                if (!arg)
                    return;
                if (arg.constant !== undefined && !global.has(arg.constant))
                    report(shared_bucket_CHECK, c.site, constantMessage(arg.constant));
                else if (arg.fallbacks)
                    arg.fallbacks.forEach((loc, i) => fallback(loc, arg.fallbackValues?.[i] ?? "", arg.fallbackGuards?.[i] ?? { kind: "unknown" }, file, file, "high", [c.site]));
            }
        });
        const report = reportOnce;
        if (report)
            reportSharedKeySpaces(ctx, spenders, (loc, message, related) => report(shared_bucket_CHECK, loc, message, "medium", related));
    },
}));

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/names.ts

/** `upstashRedisRestToken` → `UPSTASH_REDIS_REST_TOKEN`; `api-key` → `API_KEY`. */
function toEnvStyle(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/[^A-Za-z0-9]+/g, "_")
        .replace(/^_+|_+$/g, "")
        .toUpperCase();
}
// Names of values that go with a credential but are not secret.
const NOT_SECRET = /(^|_)(URL|URI|ID|NAME|REGION|ENDPOINT|HOST|PORT|EMAIL|USER|USERNAME|DB|DATABASE|INDEX|TTL|PREFIX|NAMESPACE|TOPIC|QUEUE|LIMIT|ENABLED|DEV)$/;
const SECRET_SUFFIX = /(^|_)(TOKEN|PASSWORD|PASS|SECRET|SIGNING_KEY|API_KEY|APIKEY|KEY)$/;
const UPSTASH_WORD = /(^|_)(UPSTASH|QSTASH)(_|$)/;
function kindOf(upper, context) {
    const access = (0,env_names/* isReadOnlyName */._m)(upper) ? "read-only" : "write";
    const ro = access === "read-only" ? "read-only " : "";
    if (/SIGNING_?KEY/.test(upper))
        return { kind: "qstash-signing-key", access: "write", label: "QStash signing key" };
    if (/API_?KEY|MANAGEMENT/.test(upper))
        return { kind: "management-api-key", access: "write", label: "Upstash management API key" };
    if (/QSTASH/.test(upper + " " + context))
        return { kind: "qstash-token", access, label: `QStash ${ro}token` };
    if (/VECTOR|SEARCH/.test(upper + " " + context))
        return { kind: "vector-token", access, label: `Upstash Vector ${ro}token` };
    if (/PASSWORD|PASS$/.test(upper))
        return { kind: "redis-password", access, label: "Upstash Redis password" };
    return { kind: "redis-rest-token", access, label: `Upstash Redis REST ${ro}token` };
}
/**
 * The credential an env-style or camelCase name holds, by the name alone (client prefixes removed):
 * the SDKs' own names first, then any UPSTASH_/QSTASH_ name ending in TOKEN, PASSWORD, SECRET or KEY.
 */
function credentialOfName(name) {
    const upper = toEnvStyle(name);
    const prefix = (0,env_names/* clientPrefixOf */.fE)(upper);
    const bare = prefix ? upper.slice(prefix.length) : upper;
    const known = (0,env_names/* credentialOfEnvName */.nw)(bare);
    if (known)
        return known;
    if (!UPSTASH_WORD.test(bare) || NOT_SECRET.test(bare) || !SECRET_SUFFIX.test(bare))
        return undefined;
    return kindOf(bare, "");
}
// Option names of the Upstash SDK clients, and common spellings in config files.
const GENERIC = /^(TOKEN|REST_TOKEN|REDIS_TOKEN|READ_?ONLY_TOKEN|READONLY_TOKEN|PASSWORD|CURRENT_SIGNING_KEY|NEXT_SIGNING_KEY|SIGNING_KEY|API_KEY|APIKEY|MANAGEMENT_KEY)$/;
/** Words in a path of keys or in the surrounding code that make a generic key an Upstash one. */
function isUpstashContext(words) {
    return words.some((w) => /upstash|qstash|@vercel\/kv|kv_rest|vercel_kv/i.test(w));
}
/**
 * The credential held by `name` when it appears under `context` (enclosing keys, the callee an
 * option object is passed to, its module): env-style names always count, generic ones (`token`,
 * `password`, `currentSigningKey`) only in an Upstash context.
 */
function credentialOfKey(name, context) {
    const own = credentialOfName(name);
    if (own)
        return own;
    const upper = toEnvStyle(name);
    if (!GENERIC.test(upper) || !isUpstashContext(context))
        return undefined;
    return kindOf(upper, context.join(" ").toUpperCase());
}

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/candidates.ts





/** Every known credential shape in `text` (offsets shifted by `offset`). */
function shapeCandidates(text, offset = 0) {
    return (0,credentials/* findCredentials */.gD)(text).map((c) => ({
        start: c.start + offset,
        end: c.end + offset,
        value: c.value,
        kind: c.kind,
        access: c.access,
        label: (c.access === "read-only" ? "read-only " : "") + credentials/* CREDENTIAL_LABEL */.Vm[c.kind],
        basis: "shape",
        confidence: "high",
    }));
}
/**
 * The candidate for `value` (found at `valueStart`) assigned to `name` under `context` (enclosing
 * keys, callee, module), or undefined when the name holds no credential or the value is empty, a
 * placeholder, a reference to a secret elsewhere, or a known shape (which shapeCandidates reports).
 */
function namedCandidate(name, context, value, valueStart) {
    const cred = credentialOfKey(name, context);
    if (!cred)
        return undefined;
    const v = value.trim();
    if (v === "" || (0,credentials/* isSecretReference */.IC)(v) || (0,credentials/* isPublicDevCredential */.Ec)(v) || (0,credentials/* findCredentials */.gD)(v).length > 0)
        return undefined;
    const lead = value.indexOf(v);
    const base = { kind: cred.kind, access: cred.access, label: cred.label, basis: "name", name };
    if (/^rediss?:\/\//i.test(v)) {
        const p = (0,credentials/* redisUrlPassword */.MN)(v);
        if (!p || !(0,credentials/* looksLikeSecretValue */.TP)(p.password))
            return undefined;
        const start = valueStart + lead + p.offset;
        return {
            ...base,
            kind: "redis-password",
            access: p.readOnly ? "read-only" : "write",
            label: "Upstash Redis password",
            start,
            end: start + p.password.length,
            value: p.password,
            confidence: "medium",
        };
    }
    if (cred.kind === "redis-password" && /^[a-z][a-z0-9+.-]*:\/\//i.test(v))
        return undefined;
    if (!(0,credentials/* looksLikeSecretValue */.TP)(v))
        return undefined;
    const confidence = cred.kind === "management-api-key" && credentials/* UUID_SHAPE */.sD.test(v) ? "high" : "medium";
    return { ...base, start: valueStart + lead, end: valueStart + lead + v.length, value: v, confidence };
}
/**
 * Shape candidates plus the named ones that do not overlap them, in text order. A shape candidate
 * inside one of `spans` takes that span's name (`NEXT_PUBLIC_…_READ_ONLY_TOKEN=<token>`).
 */
function mergeCandidates(shapes, named, spans = []) {
    const out = shapes.map((c) => {
        if (c.name)
            return c;
        const span = spans.find((s) => s.start <= c.start && c.end <= s.end);
        return span ? { ...c, name: span.name } : c;
    });
    for (const n of named) {
        if (!n)
            continue;
        if (out.some((c) => c.start < n.end && n.start < c.end))
            continue;
        out.push(n);
    }
    return out.sort((a, b) => a.start - b.start);
}
/** "Upstash Redis REST token AbnR…(63 chars)", or for a named value "UPSTASH_API_KEY (…)". */
function describeCandidate(c) {
    if (c.basis === "shape")
        return `${capitalize(c.label)} ${(0,redact/* redact */.E$)(c.value)}`;
    const shape = c.kind === "management-api-key" && c.confidence === "high"
        ? ""
        : ", a real-looking value without a known Upstash shape";
    return `${c.name ? `${c.name} (${c.label})` : capitalize(c.label)} = ${(0,redact/* redact */.E$)(c.value)}${shape}`;
}
function capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
/** Credentials of a dotenv file: known shapes anywhere (comments too) and real-looking named values. */
function envCandidates(text) {
    const entries = (0,env_file/* parseEnvFile */.F)(text);
    return mergeCandidates(shapeCandidates(text), entries.map((e) => namedCandidate(e.name, [], e.value, e.valueStart)), entries.map((e) => ({ name: e.name, start: e.valueStart, end: e.valueEnd })));
}
/**
 * A read-only credential under a name the framework inlines into client bundles
 * (`NEXT_PUBLIC_KV_REST_API_READ_ONLY_TOKEN`): the documented way to give browsers and apps access,
 * public by design. Keeping it in the repository exposes nothing the bundle does not already show,
 * and it is rotated the way every client-side value is, with a new build.
 */
function isPublicByDesign(c) {
    return c.access === "read-only" && c.name !== undefined && (0,env_names/* clientPrefixOf */.fE)(toEnvStyle(c.name)) !== undefined;
}

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/report.ts
/**
 * Confidence and severity of a candidate: read-only credentials are a lower risk than write ones.
 * (Test code is the engine's business: the configuration's `tests:` settings lower or drop findings
 * there for every rule.)
 */
function grade(c) {
    return c.access === "read-only" ? { confidence: c.confidence, severity: "low" } : { confidence: c.confidence };
}
/** .env.example / .sample / .template / .dist: the same test the engine's project facts use. */
function isEnvTemplate(path) {
    const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
    return /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./.test(base);
}
const report_REVOKE = "Revoke it in the Upstash console (it must be treated as leaked)";

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/committed-env-file.ts
/**
 * An env file holding real-looking Upstash credentials that is part of the repository. Env files are
 * the right place for secrets only while they stay on one machine: committed, the values are in every
 * clone and fork and in git history for good. Templates (.env.example, .sample, .template) are not
 * this check's business (a real token in one is reported as hardcoded-credential).
 *
 * Committed means tracked by git, whatever .gitignore says (a file committed before it was ignored is
 * still committed). In the Action's checkout every file present is tracked. Outside a git work tree
 * every env file that no .gitignore excludes is assumed committed, with medium confidence. In a work
 * tree, an untracked env file that no .gitignore excludes is one `git add .` away from being
 * committed: reported with low confidence.
 */




const committed_env_file_FIX = "remove the file from git (`git rm --cached <file>`), add it to .gitignore and set the values in your platform's environment or secret store";
/* harmony default export */ const committed_env_file = (defineDetector({
    id: "committed-env-file",
    rule: "upstash/token-rotation-neglect",
    checks: {
        "committed-env-file": "An env file with real Upstash credentials that is part of the repository",
    },
    keywords: ["upstash", "qstash", "kv_rest_api", "kv_url", "sig_", "eyjvc2vyswqioi"],
    fileKinds: ["env"],
    needs: {},
    analyzeFile(ctx) {
        if (isEnvTemplate(ctx.path))
            return;
        const credentials = [];
        for (const c of envCandidates(ctx.text)) {
            ctx.secret(c.value);
            if (isPublicByDesign(c))
                continue;
            credentials.push({
                at: ctx.location(c.start, c.end),
                what: describeCandidate(c),
                ...grade(c),
                ref: (0,credential_ref/* credentialRef */.V)(c, ctx.text, c.start, c.end),
            });
        }
        if (credentials.length)
            ctx.fact({ gitIgnored: ctx.gitIgnored, credentials });
    },
    analyzeProject(ctx) {
        const tracked = ctx.project.gitTrackedFiles();
        for (const { file, fact } of ctx.facts) {
            let status;
            if (tracked?.has(file)) {
                status = { confidence: "high", why: "this env file is committed to the repository" };
            }
            else if (fact.gitIgnored) {
                continue; // ignored and untracked: where local secrets belong
            }
            else if (tracked) {
                status = {
                    confidence: "low",
                    why: "this env file is not committed yet, but no .gitignore excludes it, so `git add .` would commit it",
                };
            }
            else {
                status = {
                    confidence: "medium",
                    why: "no .gitignore excludes this env file (there is no git repository to ask, so it is assumed to be committed)",
                };
            }
            for (const c of fact.credentials) {
                // The weaker of the file's status and the value's own evidence.
                const confidence = committed_env_file_weaker(status.confidence, c.confidence);
                ctx.report({
                    check: "committed-env-file",
                    location: c.at,
                    message: `${c.what}: ${status.why}. Every clone and fork has it, and git history keeps it after the file is deleted. ${report_REVOKE}, ${committed_env_file_FIX}.`,
                    confidence,
                    ...(c.severity ? { severity: c.severity } : {}),
                    credentials: [c.ref],
                });
            }
        }
    },
}));
const ORDER = ["high", "medium", "low"];
function committed_env_file_weaker(a, b) {
    return ORDER[Math.max(ORDER.indexOf(a), ORDER.indexOf(b))];
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/config-values.ts
/**
 * Key/value pairs of configuration files with their positions: YAML (through the yaml package),
 * JSON/JSONC, TOML, Dockerfile ENV/ARG, env-style assignments in shell scripts and other text. Each
 * value comes with the keys that enclose it, so `upstash: { token: "…" }` and
 * `env: [{ name: UPSTASH_REDIS_REST_TOKEN, value: "…" }]` both name their value.
 */

/** Every key/value pair of a configuration file that could hold a credential. */
function configValues(kind, text) {
    switch (kind) {
        case "yaml":
            return yamlValues(text);
        case "json":
            return jsonValues(text);
        case "toml":
            return tomlValues(text);
        case "dockerfile":
            return dockerfileValues(text);
        case "text":
        case "html":
            return config_values_assignmentsIn(text, 0, text.length, []);
        default:
            return [];
    }
}
// NAME=value and NAME: value inside free text: shell lines, `docker run -e`, compose list entries,
// kustomize literals, `run:` scripts of CI jobs.
const ASSIGNMENT = /(?<![\w$.-])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(=|:=|:)[ \t]*(["'`]?)([^\s"'`;,)}\]]*)\3/g;
/** Assignments inside text[from, to), with `context` as their enclosing keys. */
function config_values_assignmentsIn(text, from, to, context) {
    const out = [];
    const slice = text.slice(from, to);
    ASSIGNMENT.lastIndex = 0;
    let lastHeader = "";
    const headers = /^[ \t]*(?:\[([^\]\n]+)\]|(\w+)\s+"([^"\n]+)"(?:\s+"([^"\n]+)")?\s*\{)/gm;
    const headerAt = [];
    for (let h = headers.exec(slice); h; h = headers.exec(slice))
        headerAt.push({ at: h.index, word: h[1] ?? `${h[2]} ${h[3]} ${h[4] ?? ""}` });
    let hi = 0;
    for (let m = ASSIGNMENT.exec(slice); m; m = ASSIGNMENT.exec(slice)) {
        // `key: value` only at a line start (YAML-ish text, .properties): elsewhere a colon is prose.
        if (m[2] === ":" && !/(^|\n)[ \t]*$/.test(slice.slice(Math.max(0, m.index - 200), m.index)))
            continue;
        while (hi < headerAt.length && headerAt[hi].at <= m.index)
            lastHeader = headerAt[hi++].word;
        const value = m[4];
        if (!value)
            continue;
        const start = from + m.index + m[0].length - value.length - m[3].length;
        out.push({
            keys: [...context, ...(lastHeader ? [lastHeader] : []), m[1]],
            value,
            start,
            end: start + value.length,
        });
    }
    return out;
}
function yamlValues(text) {
    let docs;
    try {
        docs = (0,dist/* parseAllDocuments */.hR)(text, { keepSourceTokens: false, uniqueKeys: false });
    }
    catch {
        return config_values_assignmentsIn(text, 0, text.length, []);
    }
    if (!Array.isArray(docs))
        return config_values_assignmentsIn(text, 0, text.length, []);
    const out = [];
    for (const doc of docs) {
        if (doc.errors.length) {
            const r = doc.range;
            out.push(...config_values_assignmentsIn(text, r[0], r[2], []));
            continue;
        }
        const root = doc.contents;
        const isSecret = (0,dist/* isMap */.jh)(root) &&
            root.items.some((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === "kind" && (0,dist/* isScalar */.jn)(p.value) && p.value.value === "Secret");
        walkYaml(text, root, [], out, isSecret);
    }
    return out;
}
function scalarOffset(text, node, value) {
    const [start, end] = node.range ?? [0, 0];
    const at = text.indexOf(value, start);
    return at !== -1 && at + value.length <= end ? at : -1;
}
function walkYaml(text, node, keys, out, k8sSecret) {
    // Explicit stack: deep documents must not grow the call stack.
    const stack = [{ node, keys }];
    while (stack.length) {
        const { node: n, keys: k } = stack.pop();
        if (!n)
            continue;
        if ((0,dist/* isScalar */.jn)(n)) {
            if (typeof n.value !== "string" || n.value === "")
                continue;
            const value = n.value;
            if (k8sSecret && k.length === 2 && k[0] === "data") {
                const decoded = decodeBase64Text(value);
                const at = scalarOffset(text, n, value);
                if (decoded !== undefined && at !== -1)
                    out.push({ keys: k, value: decoded, start: at, end: at + value.length, encoded: true });
                continue;
            }
            const at = scalarOffset(text, n, value);
            if (at !== -1)
                out.push({ keys: k, value, start: at, end: at + value.length });
            // NAME=value inside strings: compose `environment:` lists, kustomize literals, `run:` scripts.
            if (/[=:]/.test(value) && n.range)
                out.push(...config_values_assignmentsIn(text, n.range[0], n.range[1], k));
        }
        else if ((0,dist/* isMap */.jh)(n)) {
            for (const pair of n.items) {
                if (!(0,dist/* isPair */.tO)(pair))
                    continue;
                const key = (0,dist/* isScalar */.jn)(pair.key) ? String(pair.key.value) : "";
                stack.push({ node: pair.value, keys: [...k, key] });
            }
        }
        else if ((0,dist/* isSeq */.oP)(n)) {
            for (const item of n.items) {
                // Kubernetes and ECS env lists: `- name: UPSTASH_REDIS_REST_TOKEN` + `value: "…"`.
                if ((0,dist/* isMap */.jh)(item)) {
                    const name = item.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === "name");
                    const value = item.items.find((p) => (0,dist/* isScalar */.jn)(p.key) && p.key.value === "value");
                    if (name && value && (0,dist/* isScalar */.jn)(name.value) && typeof name.value.value === "string") {
                        stack.push({ node: value.value, keys: [...k, name.value.value] });
                        continue;
                    }
                }
                stack.push({ node: item, keys: k });
            }
        }
    }
}
function decodeBase64Text(value) {
    const v = value.trim();
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0)
        return undefined;
    const decoded = Buffer.from(v, "base64").toString("utf8");
    return /^[\x20-\x7e]+$/.test(decoded.trim()) ? decoded.trim() : undefined;
}
/** String values of JSON/JSONC with their key paths; a tolerant tokenizer, no full parse needed. */
function jsonValues(text) {
    const out = [];
    const stack = [];
    const keys = () => stack.map((s) => s.key).filter((k) => k !== undefined);
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text[i];
        if (c === "/" && text[i + 1] === "/") {
            while (i < n && text[i] !== "\n")
                i++;
        }
        else if (c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end === -1 ? n : end + 2;
        }
        else if (c === "{" || c === "[") {
            const top = stack[stack.length - 1];
            stack.push({ type: c === "{" ? "object" : "array", key: undefined, expectKey: c === "{" });
            if (top)
                top.expectKey = false;
            i++;
        }
        else if (c === "}" || c === "]") {
            stack.pop();
            i++;
        }
        else if (c === ",") {
            const top = stack[stack.length - 1];
            if (top?.type === "object") {
                top.expectKey = true;
                top.key = undefined;
            }
            i++;
        }
        else if (c === '"') {
            const start = i + 1;
            i++;
            while (i < n && text[i] !== '"')
                i += text[i] === "\\" ? 2 : 1;
            const raw = text.slice(start, i);
            i++;
            const top = stack[stack.length - 1];
            let value;
            try {
                value = JSON.parse(`"${raw}"`);
            }
            catch {
                value = raw;
            }
            if (top?.type === "object" && top.expectKey) {
                top.key = value;
                top.expectKey = false;
            }
            else if (value !== "") {
                // Escaped strings cannot be located exactly: point at their raw text.
                out.push({ keys: keys(), value: raw === value ? value : raw, start, end: start + raw.length });
                if (/[=:]/.test(value))
                    out.push(...config_values_assignmentsIn(text, start, start + raw.length, keys()));
            }
        }
        else
            i++;
    }
    return out;
}
/** TOML string values under their [section] keys, including inline tables. */
function tomlValues(text) {
    const out = [];
    let section = [];
    let offset = 0;
    for (const rawLine of text.split("\n")) {
        const line = rawLine.replace(/\r$/, "");
        const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
        if (header)
            section = splitDotted(header[1]);
        else {
            const pair = /^\s*([A-Za-z0-9_."'-]+)\s*=\s*(.*)$/.exec(line);
            if (pair) {
                const keyPath = [...section, ...splitDotted(pair[1])];
                const rest = pair[2];
                const restAt = offset + line.length - rest.length;
                const str = /^(["'])(.*?)\1/.exec(rest);
                if (str && str[2])
                    out.push({ keys: keyPath, value: str[2], start: restAt + 1, end: restAt + 1 + str[2].length });
                else if (rest.startsWith("{")) {
                    const inline = /([A-Za-z0-9_-]+)\s*=\s*(["'])(.*?)\2/g;
                    for (let m = inline.exec(rest); m; m = inline.exec(rest)) {
                        if (!m[3])
                            continue;
                        const at = restAt + m.index + m[0].length - 1 - m[3].length;
                        out.push({ keys: [...keyPath, m[1]], value: m[3], start: at, end: at + m[3].length });
                    }
                }
                if (str && /[=:]/.test(str[2] ?? ""))
                    out.push(...config_values_assignmentsIn(text, restAt + 1, restAt + 1 + str[2].length, keyPath));
            }
        }
        offset += rawLine.length + 1;
    }
    return out;
}
function splitDotted(key) {
    return key.split(".").map((k) => k.trim().replace(/^["']|["']$/g, ""));
}
/** ENV and ARG values of a Dockerfile (`ENV A=b C="d"`, `ENV A b`, `ARG A=b`). */
function dockerfileValues(text) {
    const out = [];
    const instr = /^[ \t]*(ENV|ARG)[ \t]+(.*(?:\\\r?\n.*)*)/gim;
    for (let m = instr.exec(text); m; m = instr.exec(text)) {
        const body = m[2];
        const bodyAt = m.index + m[0].length - body.length;
        const op = m[1].toUpperCase();
        const pairs = /([A-Za-z_][A-Za-z0-9_]*)=(["']?)((?:\\.|[^\s"'\\])*)\2/g;
        let any = false;
        for (let p = pairs.exec(body); p; p = pairs.exec(body)) {
            any = true;
            if (!p[3])
                continue;
            const at = bodyAt + p.index + p[1].length + 1 + p[2].length;
            out.push({ keys: [op, p[1]], value: p[3], start: at, end: at + p[3].length });
        }
        // Legacy form: `ENV NAME value with spaces`.
        const legacy = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]+(["']?)(\S+?)\2[ \t]*$/.exec(body.split("\n")[0]);
        if (!any && legacy) {
            const at = bodyAt + legacy[0].indexOf(legacy[3], legacy[1].length);
            out.push({ keys: [op, legacy[1]], value: legacy[3], start: at, end: at + legacy[3].length });
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/deploy-config.ts
/**
 * CI and deployment configuration: files that set environment variables for builds, containers and
 * platforms. A credential belongs in the platform's secret store there, referenced by name
 * (`${{ secrets.X }}`, `secretKeyRef`, `wrangler secret put`), never as a literal.
 */

const CI_FILES = [
    /(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/,
    /(^|\/)action\.ya?ml$/,
    /(^|\/)\.gitlab-ci\.ya?ml$/,
    /(^|\/)\.circleci\/config\.ya?ml$/,
    /(^|\/)bitbucket-pipelines\.ya?ml$/,
    /(^|\/)azure-pipelines\.ya?ml$/,
    /(^|\/)\.travis\.ya?ml$/,
    /(^|\/)\.drone\.ya?ml$/,
    /(^|\/)cloudbuild\.ya?ml$/,
    /(^|\/)buildspec\.ya?ml$/,
    /(^|\/)amplify\.ya?ml$/,
    /(^|\/)appveyor\.ya?ml$/,
];
const DEPLOY_FILES = [
    /(^|\/)(vercel|now)\.json$/,
    /(^|\/)netlify\.toml$/,
    /(^|\/)wrangler\.(toml|jsonc?)$/,
    /(^|\/)fly\.toml$/,
    /(^|\/)render\.ya?ml$/,
    /(^|\/)railway\.(json|toml)$/,
    /(^|\/)app\.ya?ml$/, // Google App Engine
    /(^|\/)serverless\.ya?ml$/,
    /(^|\/)(docker-)?compose[^/]*\.ya?ml$/,
    /(^|\/)(Dockerfile|Containerfile)[^/]*$/i,
    /(^|\/)[^/]*\.dockerfile$/i,
    /(^|\/)(charts?|helm|k8s|kubernetes|manifests?|deploy(ment)?s?|kustomize|overlays|base)\/.*\.ya?ml$/,
    /(^|\/)values[^/]*\.ya?ml$/,
    /(^|\/)kustomization\.ya?ml$/,
];
/** What kind of file this is, or undefined for ordinary source and config. */
function deployConfigKind(rel, text) {
    if (CI_FILES.some((r) => r.test(rel)))
        return "CI workflow";
    if (DEPLOY_FILES.some((r) => r.test(rel)))
        return /\.ya?ml$/.test(rel) && isKubernetesManifest(text) ? "Kubernetes manifest" : "deployment configuration";
    if (/\.ya?ml$/.test(external_node_path_.posix.basename(rel)) && isKubernetesManifest(text))
        return "Kubernetes manifest";
    return undefined;
}
/** A YAML file with top-level `apiVersion:` and `kind:` is a Kubernetes (or Helm template) manifest. */
function isKubernetesManifest(text) {
    return /^apiVersion:\s*\S/m.test(text) && /^kind:\s*\S/m.test(text);
}

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/credential-in-ci-or-deploy-config.ts
/**
 * A literal Upstash credential in CI or deployment configuration: GitHub Actions workflows and other
 * CI files, vercel.json, netlify.toml, wrangler.toml `[vars]`, fly.toml, docker-compose files,
 * Dockerfile ENV/ARG, Helm values and Kubernetes manifests (including base64 `data:` of a Secret).
 * These files are committed, and the platforms they configure all have a secret store that the file
 * should reference instead (`${{ secrets.X }}`, `secretKeyRef`, `wrangler secret put`, Vercel and
 * Netlify environment settings).
 */







function credential_in_ci_or_deploy_config_fixFor(path, kind) {
    if (kind === "CI workflow")
        return path.includes(".github/")
            ? "store it as a repository or environment secret and reference it as `${{ secrets.NAME }}`"
            : "store it in the CI system's secret variables and reference it by name";
    if (kind === "Kubernetes manifest")
        return "keep it in a Secret created outside the repository (or an external secrets operator) and reference it with `secretKeyRef`";
    if (/wrangler\./.test(path))
        return "remove it from [vars] and set it with `wrangler secret put NAME`";
    if (/Dockerfile|Containerfile|\.dockerfile$/i.test(path))
        return "pass it at run time (`docker run -e`, orchestrator secrets) or as a build secret (`RUN --mount=type=secret`), never in ENV/ARG, which are stored in the image";
    if (/compose/.test(path))
        return "reference it from the environment (`${NAME}`) or an ignored env_file, or use compose secrets";
    return "set it in the platform's environment variable settings instead of the file";
}
/* harmony default export */ const credential_in_ci_or_deploy_config = (defineDetector({
    id: "credential-in-ci-or-deploy-config",
    rule: "upstash/token-rotation-neglect",
    checks: {
        "credential-in-ci-or-deploy-config": "A literal Upstash credential in CI or deployment configuration instead of a secret reference",
    },
    keywords: ["upstash", "qstash", "kv_rest_api", "kv_url", "sig_", "eyjvc2vyswqioi"],
    patterns: [...credentials/* CREDENTIAL_SHAPES */.dF, credentials/* REDIS_URL_SHAPE */.M3],
    fileKinds: ["yaml", "json", "toml", "dockerfile"],
    needs: {},
    analyzeFile(ctx) {
        const kind = deployConfigKind(ctx.path, ctx.text);
        if (!kind)
            return;
        const values = configValues(ctx.kind, ctx.text);
        const named = [];
        const decoded = [];
        for (const v of values) {
            const name = v.keys[v.keys.length - 1];
            if (!v.encoded) {
                named.push(namedCandidate(name, v.keys, v.value, v.start));
                continue;
            }
            // A Kubernetes Secret's `data:` holds base64: decode it and judge the decoded value.
            ctx.secret(ctx.text.slice(v.start, v.end));
            const inner = shapeCandidates(v.value)[0] ?? namedCandidate(name, v.keys, v.value, 0);
            if (inner)
                decoded.push({ ...inner, name, start: v.start, end: v.end });
        }
        const spans = values.map((v) => ({ name: v.keys[v.keys.length - 1], start: v.start, end: v.end }));
        for (const c of mergeCandidates([...shapeCandidates(ctx.text), ...decoded], named, spans)) {
            ctx.secret(c.value);
            if (isPublicByDesign(c))
                continue;
            const g = grade(c);
            const encoded = decoded.includes(c) ? " (base64-encoded in a Secret's data, which is not encryption)" : "";
            ctx.report({
                check: "credential-in-ci-or-deploy-config",
                start: c.start,
                end: c.end,
                ...g,
                credentials: [(0,credential_ref/* credentialRef */.V)(c, ctx.text, c.start, c.end)],
                message: `${describeCandidate(c)} is written as a literal into this ${kind}${encoded}: it is committed with the file, visible to everyone who can read the repository, and rotating it means editing and redeploying. ${report_REVOKE}, then ${credential_in_ci_or_deploy_config_fixFor(ctx.path, kind)}.`,
            });
        }
    },
}));

// EXTERNAL MODULE: ./src/engine/file-kinds.ts
var file_kinds = __webpack_require__(5156);
// EXTERNAL MODULE: ./src/history/scan-history.ts
var scan_history = __webpack_require__(7042);
// EXTERNAL MODULE: ./src/history/options.ts
var options = __webpack_require__(6298);
;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/exposed-in-history.ts
/**
 * An Upstash credential that appears anywhere in git history, deleted since or not (opt-in: CLI
 * `--history`, Action input `scan-history`, which needs a full clone: `fetch-depth: 0`). Deleting a
 * committed secret does not revoke it: every clone, fork and cache of the repository still has it.
 * Reported once per credential: where and when it first appeared, where it was last added, and
 * whether HEAD still holds it. For credentials still in HEAD the finding says how long they have
 * been there, which is how long they have gone without rotation out of the code.
 *
 * A deleted credential has no line in the current tree: its finding points at line 1 of the path
 * where it was last added (which may no longer exist) and the message gives the line in that commit.
 */







/**
 * Credentials in one file version: known shapes anywhere, named values in real env files; each with
 * what --verify needs (the URL beside it is looked for in the same file version).
 */
function historyMatcher(text, file) {
    const found = (0,file_kinds/* classifyPath */.qK)(file) === "env" && !isEnvTemplate(file) ? envCandidates(text) : shapeCandidates(text);
    return found.map((c) => ({ ...c, ref: (0,credential_ref/* credentialRef */.V)(c, text, c.start, c.end) }));
}
const DAY = 86_400;
/** Default of the rule option maxCredentialAgeDays (see the configuration schema). */
const DEFAULT_MAX_AGE_DAYS = 90;
/** A positive number option times `scale`, or undefined. */
function positive(value, scale) {
    return typeof value === "number" && Number.isFinite(value) && value > 0 ? value * scale : undefined;
}
function day(time) {
    return new Date(time * 1000).toISOString().slice(0, 10);
}
function ago(time, now) {
    const days = Math.floor((now - time) / DAY);
    if (days < 1)
        return "less than a day";
    if (days < 60)
        return `${days} day${days === 1 ? "" : "s"}`;
    if (days < 730)
        return `${Math.floor(days / 30.44)} months`;
    return `${(days / 365.25).toFixed(1)} years`;
}
function exposed_in_history_short(sha) {
    return sha.slice(0, 7);
}
function firstSeen(e) {
    return e.first.commit !== ""
        ? `first committed on ${day(e.first.time)} in ${exposed_in_history_short(e.first.commit)} (${e.first.file}:${e.first.line})`
        : "its first commit was not reached";
}
function inHeadMessage(e, now) {
    const what = describeCandidate(e.match);
    const times = e.commits > 1 ? `; ${e.commits} commits added it` : "";
    const others = e.head.length > 1 ? ` and ${e.head.length - 1} other place${e.head.length > 2 ? "s" : ""}` : "";
    const age = e.first.commit !== ""
        ? `has been in the repository for ${ago(e.first.time, now)}: ${firstSeen(e)}${times}`
        : `is in the repository, but ${firstSeen(e)}`;
    return `${what} ${age}. It is still in HEAD (here${others}), so it has not been rotated out of the code since, and everyone with a clone has had it all along. ${report_REVOKE}, load it from the environment, and rotate credentials regularly.`;
}
const LISTED = 5;
/** Deleted credentials last added at one path: one finding for the path, each credential listed. */
function deletedMessage(group, file) {
    const tail = "Deleting a committed secret does not revoke it: every clone, fork and cache of the repository still holds it.";
    if (group.length === 1) {
        const e = group[0];
        const lastAdded = e.last.commit !== e.first.commit
            ? `; last added on ${day(e.last.time)} in ${exposed_in_history_short(e.last.commit)} at ${e.last.file}:${e.last.line}`
            : "";
        const times = e.commits > 1 ? `; ${e.commits} commits added it` : "";
        return `${describeCandidate(e.match)} is in git history but no longer in HEAD: ${firstSeen(e)}${lastAdded}${times}. ${tail} ${report_REVOKE}; rewriting history (git filter-repo) only helps after revoking.`;
    }
    const items = group
        .slice(0, LISTED)
        .map((e) => `${describeCandidate(e.match)} (${firstSeen(e)}, last added in ${exposed_in_history_short(e.last.commit)} at line ${e.last.line})`);
    const more = group.length > LISTED ? `; and ${group.length - LISTED} more` : "";
    return `${group.length} Upstash credentials were committed to ${file} and are no longer in HEAD: ${items.join("; ")}${more}. ${tail} Revoke each of them in the Upstash console (they must be treated as leaked); rewriting history (git filter-repo) only helps after revoking.`;
}
function notifyLimits(ctx, r, budgetMs) {
    if (r.unavailable) {
        ctx.notify?.({ level: "warning", id: "history-unavailable", message: `History scan skipped: ${r.unavailable}.` });
        return;
    }
    if (r.error)
        ctx.notify?.({
            level: "warning",
            id: "history-error",
            message: `History scan: git reported an error (${r.error}); the results are incomplete.`,
        });
    if (r.shallow) {
        ctx.notify?.({
            level: "warning",
            id: "history-shallow",
            message: `History scan: the clone is shallow (${r.commitsRead} commit${r.commitsRead === 1 ? "" : "s"} available), so older history was not scanned. Check out with fetch-depth: 0 to scan all of it.`,
        });
    }
    if (r.budgetExceeded) {
        const seconds = Math.round((budgetMs ?? 0) / 1000) || Math.round(r.millis / 1000);
        const parts = [];
        if (!r.logComplete)
            parts.push(`commits older than ${r.oldestListed ? day(r.oldestListed) : "the first one"} were not listed`);
        if (r.blobsScanned < r.blobsTotal) {
            parts.push(`${r.blobsTotal - r.blobsScanned} of ${r.blobsTotal} file versions were not read${r.unscannedNewest ? ` (from commits on or before ${day(r.unscannedNewest)})` : ""}`);
        }
        ctx.notify?.({
            level: "warning",
            id: "history-incomplete",
            message: `History scan stopped at its time budget of ${seconds} s after ${r.commitsRead} commits: ${parts.join("; ") || "the scan was cut short"}. Credentials that appear only there were not reported, and "first committed" dates may be later than the truth. Raise the budget (--history-budget, or the rule option historyBudgetSeconds) to scan everything.`,
        });
    }
    if (r.unsafePaths > 0) {
        ctx.notify?.({
            level: "warning",
            id: "history-unsafe-path",
            message: `History scan: ${r.unsafePaths} file version(s) have a path git would never check out (a ".." or ".git" segment, crafted into a tree object); they were skipped.`,
        });
    }
    if (r.blobsTooLarge > 0) {
        ctx.notify?.({
            level: "note",
            id: "history-large-files",
            message: `History scan: ${r.blobsTooLarge} file version(s) over the size limit were not read.`,
        });
    }
}
/* harmony default export */ const exposed_in_history = (defineDetector({
    id: "exposed-in-history",
    rule: "upstash/token-rotation-neglect",
    checks: {
        "exposed-in-history": "An Upstash credential in git history (deleted or still in HEAD), with where and when it first appeared",
    },
    keywords: [],
    // History is read in the project phase; no file of the tree is given to this detector.
    fileKinds: [],
    needs: {},
    async analyzeProject(ctx) {
        if (!ctx.history)
            return;
        // The CLI's --history-budget wins over the rule option historyBudgetSeconds.
        const budgetMs = ctx.history.budgetMs ?? positive(ctx.options.historyBudgetSeconds, 1000) ?? options/* DEFAULT_HISTORY_BUDGET_MS */.A;
        const result = await (0,scan_history/* scanHistory */.s)(ctx.project.srcRoot, historyMatcher, { ...ctx.history, budgetMs }, ctx.progress);
        notifyLimits(ctx, result, budgetMs);
        // Credentials still in HEAD are reported once they are older than this (rule option).
        const minAgeSeconds = positive(ctx.options.maxCredentialAgeDays, DAY) ?? DEFAULT_MAX_AGE_DAYS * DAY;
        const now = Date.now() / 1000;
        const grade = (es) => {
            const confidence = es.some((e) => e.match.confidence === "high") ? "high" : "medium";
            const severity = es.every((e) => e.match.access === "read-only") ? "low" : undefined;
            return { confidence, ...(severity ? { severity } : {}) };
        };
        // Deleted credentials have no line of their own: grouped per path where they were last added,
        // so that several of them (a token rotated inside a committed .env) do not collide on line 1.
        const deleted = new Map();
        for (const e of result.exposures) {
            ctx.secret?.(e.match.value);
            const place = e.head[0];
            if (!place) {
                const list = deleted.get(e.last.file) ?? [];
                list.push(e);
                deleted.set(e.last.file, list);
                continue;
            }
            // Young credentials in HEAD are the other checks' business until they grow old; one whose
            // first commit was not reached is at least as old as the history that was read.
            if (e.first.commit !== "" && now - e.first.time < minAgeSeconds)
                continue;
            ctx.report({
                check: "exposed-in-history",
                location: {
                    file: place.file,
                    range: {
                        startLine: place.startLine,
                        startColumn: place.startColumn,
                        endLine: place.endLine,
                        endColumn: place.endColumn,
                    },
                },
                message: inHeadMessage(e, now),
                ...grade([e]),
                credentials: [e.match.ref],
            });
        }
        for (const [file, group] of deleted) {
            ctx.report({
                check: "exposed-in-history",
                location: { file, range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } },
                message: deletedMessage(group, file),
                ...grade(group),
                credentials: group.map((e) => e.match.ref),
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/analysis/script-values.ts

function literal(ts, node, sf) {
    if (!node)
        return undefined;
    const e = (0,ast/* unwrap */.oA)(node);
    if (!ts.isStringLiteral(e) && !ts.isNoSubstitutionTemplateLiteral(e))
        return undefined;
    const value = (0,ast/* stringValue */.r$)(e);
    if (value === undefined || value === "")
        return undefined;
    // Escapes make the literal's text differ from its value; the raw text is what the file shows.
    const raw = e.getText(sf).slice(1, -1);
    return { value: raw === value ? value : raw, start: e.getStart(sf) + 1 };
}
/** A database host of Upstash: `eu1-fine-cat-31337.upstash.io`, with or without a scheme or port. */
const UPSTASH_HOST = /(^|[/@.])[a-z0-9-]+\.upstash\.io(:\d+)?(\/|$)/i;
/**
 * What the other values of an options object (and the call's other arguments) say about the server:
 * "upstash.io" for a literal Upstash host, or the env reads they make (`process.env.UPSTASH_REDIS_HOST`),
 * which carry their own words. Nested objects count (node-redis's `socket: { host }`), one level deep.
 */
function serverHints(ts, obj, call) {
    const hints = [];
    const look = (e, depth) => {
        if (!e)
            return;
        const x = (0,ast/* unwrap */.oA)(e);
        const text = (0,ast/* stringValue */.r$)(x);
        if (text !== undefined) {
            if (UPSTASH_HOST.test(text.trim()))
                hints.push("upstash.io");
        }
        else if (ts.isObjectLiteralExpression(x) && depth < 2) {
            for (const p of x.properties)
                if (ts.isPropertyAssignment(p))
                    look(p.initializer, depth + 1);
        }
        else {
            const path = (0,ast/* memberPath */.Mb)(x);
            if (path && path.length > 2 && path[1] === "env")
                hints.push(path.join("."));
        }
    };
    look(obj, 0);
    if (call && (ts.isCallExpression(call) || ts.isNewExpression(call)))
        for (const a of call.arguments ?? [])
            if ((0,ast/* unwrap */.oA)(a) !== obj)
                look(a, 1);
    return hints;
}
/** Words that say what an object literal configures: enclosing keys, callee, module, variable, server. */
function contextOf(ts, node, imports) {
    const words = [];
    let n = node;
    for (let depth = 0; depth < 12; depth++) {
        const parent = n.parent;
        if (!parent)
            break;
        if (ts.isObjectLiteralExpression(parent)) {
            // The object that holds the value directly, and the call it is passed to, name its server.
            if (depth === 0)
                words.push(...serverHints(ts, parent, outerCall(ts, parent)));
            n = parent;
            continue;
        }
        if (ts.isArrayLiteralExpression(parent) ||
            ts.isParenthesizedExpression(parent) ||
            ts.isAsExpression(parent) ||
            ts.isSatisfiesExpression(parent)) {
            n = parent;
            continue;
        }
        if (ts.isPropertyAssignment(parent)) {
            const name = (0,ast/* propertyNameText */.CC)(parent.name);
            if (name)
                words.push(name);
            n = parent;
            continue;
        }
        if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) {
            const callee = (0,ast/* memberPath */.Mb)(parent.expression);
            if (callee) {
                words.push(callee.join("."));
                const binding = imports.get(callee[0]);
                if (binding)
                    words.push(binding.module);
            }
            n = parent;
            continue;
        }
        if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name))
            words.push(parent.name.text);
        if (ts.isExportAssignment(parent) || ts.isVariableDeclaration(parent))
            break;
        if (ts.isBinaryExpression(parent)) {
            const left = (0,ast/* memberPath */.Mb)(parent.left);
            if (left)
                words.push(left.join("."));
        }
        break;
    }
    return words;
}
/** The call or `new` an object literal is an argument of, if any. */
function outerCall(ts, obj) {
    let n = obj.parent;
    while (n && (ts.isParenthesizedExpression(n) || ts.isAsExpression(n) || ts.isSatisfiesExpression(n)))
        n = n.parent;
    return n && (ts.isCallExpression(n) || ts.isNewExpression(n)) ? n : undefined;
}
function assignOps(ts) {
    const k = ts.SyntaxKind;
    return new Set([
        k.EqualsToken,
        k.QuestionQuestionEqualsToken,
        k.BarBarEqualsToken,
        k.QuestionQuestionToken,
        k.BarBarToken,
    ]);
}
/** Every named string literal of a parsed script. */
function scriptValues(ts, sf) {
    const ops = assignOps(ts);
    const imports = (0,ast/* importBindings */.eN)(sf);
    const out = [];
    (0,ast/* walk */.GG)(sf, (node) => {
        if (ts.isPropertyAssignment(node)) {
            const lit = literal(ts, node.initializer, sf);
            const name = (0,ast/* propertyNameText */.CC)(node.name);
            if (lit && name)
                out.push({ name, context: contextOf(ts, node, imports), ...lit });
        }
        else if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) {
            const lit = literal(ts, node.initializer, sf);
            if (lit)
                out.push({ name: node.name.text, context: [], ...lit });
        }
        else if (ts.isBindingElement(node) && node.initializer) {
            // const { UPSTASH_REDIS_REST_TOKEN = "…" } = process.env
            const lit = literal(ts, node.initializer, sf);
            const name = (0,ast/* propertyNameText */.CC)(node.propertyName) ?? (ts.isIdentifier(node.name) ? node.name.text : undefined);
            if (lit && name)
                out.push({ name, context: [], ...lit });
        }
        else if (ts.isBinaryExpression(node) && ops.has(node.operatorToken.kind)) {
            // process.env.UPSTASH_REDIS_REST_TOKEN = "…", config.upstash.token = "…",
            // process.env.QSTASH_TOKEN ?? "…"
            const lit = literal(ts, node.right, sf);
            const path = (0,ast/* memberPath */.Mb)((0,ast/* unwrap */.oA)(node.left));
            if (lit && path && path.length > 0)
                out.push({ name: path[path.length - 1], context: path.slice(0, -1), ...lit });
        }
        return undefined;
    });
    return out;
}

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/hardcoded-credential.ts
/**
 * An Upstash credential written into source or config. Rotating it takes a code change and a deploy,
 * and every clone and fork already has it. Two kinds of evidence:
 * - a known credential shape, decoded and classified (Redis REST tokens by their first byte, QStash
 *   tokens by their JSON, Vector tokens by their role, signing keys, rediss:// URL passwords);
 * - a real-looking literal (long, random, no placeholder words) under a credential name: env-style
 *   names such as UPSTASH_API_KEY, or SDK options such as `token` in `new Redis({ … })`.
 * Env files, CI workflows and deployment configuration have checks of their own; env templates are
 * read here, for known shapes only, because a real token in `.env.example` is a hard-coded one.
 */










function hardcoded_credential_message(c, template) {
    const what = describeCandidate(c);
    if (template) {
        return `${what} is filled into an env template: templates are committed and copied by everyone, so this credential is public to anyone with the repository. ${report_REVOKE}, and leave the value empty in the template.`;
    }
    const where = c.basis === "name" ? " as a literal" : "";
    return `${what} is hard-coded here${where}: every clone and fork has it, and rotating it needs a code change and a deploy. ${report_REVOKE}, then load it from an environment variable or a secrets manager.`;
}
/**
 * Whether a file ships to clients, as rule 1 decides it (the same walk, checked on the syntax trees):
 * then rule 1 reports the literal too, and this message points there instead of repeating it.
 */
function shipsToClients(file, project) {
    return confirmedReach(project, file) !== undefined;
}
const ALSO_RULE_1 = " Rule 1 (upstash/write-token-in-frontend) also reports this literal because it ships to clients.";
/* harmony default export */ const hardcoded_credential = (defineDetector({
    id: "hardcoded-credential",
    rule: "upstash/token-rotation-neglect",
    checks: {
        "hardcoded-credential": "An Upstash credential written into source or config",
    },
    // Credential names and prefixes, and the scripts that import an Upstash SDK (a literal handed to it).
    keywords: [
        "upstash",
        "qstash_",
        "qstashtoken",
        "sig_",
        "eyjvc2vyswqioi",
        "kv_rest_api",
        "kv_url",
        "@vercel/kv",
        "signingkey",
        "signing_key",
    ],
    textKeywords: ["qstash"],
    imports: { packages: ["@upstash/", "@vercel/kv"] },
    patterns: [...credentials/* CREDENTIAL_SHAPES */.dF, credentials/* REDIS_URL_SHAPE */.M3],
    fileKinds: ["script", "sfc", "html", "yaml", "json", "toml", "dockerfile", "text", "env"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const template = ctx.kind === "env" && isEnvTemplate(ctx.path);
        // Real env files are committed-env-file's; CI and deployment files are another check's.
        if (ctx.kind === "env" && !template)
            return;
        if (ctx.kind !== "env" && deployConfigKind(ctx.path, ctx.text))
            return;
        const shapes = shapeCandidates(ctx.text);
        let named = [];
        let spans = [];
        if (ctx.sourceFile && ctx.ts) {
            const values = scriptValues(ctx.ts, ctx.sourceFile);
            named = values.map((v) => namedCandidate(v.name, v.context, v.value, v.start));
            spans = values.map((v) => ({ name: v.name, start: v.start, end: v.start + v.value.length }));
        }
        else if (ctx.kind !== "env" && ctx.kind !== "script" && ctx.kind !== "sfc") {
            const values = configValues(ctx.kind, ctx.text).filter((v) => !v.encoded);
            named = values.map((v) => namedCandidate(v.keys[v.keys.length - 1], v.keys, v.value, v.start));
            spans = values.map((v) => ({ name: v.keys[v.keys.length - 1], start: v.start, end: v.end }));
        }
        else if (ctx.kind === "env") {
            spans = (0,env_file/* parseEnvFile */.F)(ctx.text).map((e) => ({ name: e.name, start: e.valueStart, end: e.valueEnd }));
        }
        for (const c of mergeCandidates(shapes, named, spans)) {
            ctx.secret(c.value);
            if (isPublicByDesign(c))
                continue;
            const g = grade(c);
            ctx.fact({
                check: "hardcoded-credential",
                at: ctx.location(c.start, c.end),
                message: hardcoded_credential_message(c, template),
                ...g,
                kind: c.kind,
                access: c.access,
                ref: (0,credential_ref/* credentialRef */.V)(c, ctx.text, c.start, c.end),
            });
        }
    },
    analyzeProject(ctx) {
        for (const { fact } of ctx.facts) {
            const shipped = shipsToClients(fact.at.file, ctx.project);
            // A read-only token in client code is the remedy rule 1 recommends: public by design.
            if (fact.access === "read-only" && shipped)
                continue;
            const also = fact.access === "write" && shipped ? ALSO_RULE_1 : "";
            ctx.report({
                check: fact.check,
                location: fact.at,
                message: fact.message + also,
                confidence: fact.confidence,
                ...(fact.severity ? { severity: fact.severity } : {}),
                credentials: [fact.ref],
            });
        }
    },
}));

;// CONCATENATED MODULE: ./src/detectors/token-rotation-neglect/single-signing-key.ts








const CURRENT = /^(?:[A-Z0-9_]*_)?QSTASH_CURRENT_SIGNING_KEY$/;
const NEXT_NAME = /\b(?:[A-Z0-9_]*_)?QSTASH_NEXT_SIGNING_KEY\b/g;
function counterpart(name) {
    return name.replace(/CURRENT_SIGNING_KEY$/, "NEXT_SIGNING_KEY");
}
const WHY_BOTH = "QStash verifies with the current key and falls back to the next one, which is what lets signing keys be rolled without rejecting messages";
/** `new Receiver(…)` calls whose Receiver comes from @upstash/qstash. */
function receiverCalls(sf) {
    const ts = (0,parse.typescript)();
    const imports = (0,ast/* importBindings */.eN)(sf);
    const out = [];
    (0,ast/* walk */.GG)(sf, (n) => {
        if (!ts.isNewExpression(n))
            return undefined;
        const callee = (0,ast/* memberPath */.Mb)(n.expression);
        if (!callee)
            return undefined;
        const binding = imports.get(callee[0]);
        if (!binding?.module.startsWith("@upstash/qstash"))
            return undefined;
        const imported = callee.length === 1 ? binding.imported : binding.imported === "*" && callee.length === 2 ? callee[1] : undefined;
        if (imported === "Receiver")
            out.push(n);
        return undefined;
    });
    return out;
}
/** What a Receiver options object says about the keys, or undefined when it cannot be known. */
function signingKeyProblem(arg, sf) {
    const ts = (0,parse.typescript)();
    const obj = (0,ast/* unwrap */.oA)(arg);
    if (!ts.isObjectLiteralExpression(obj))
        return undefined;
    const keys = new Map();
    for (const p of obj.properties) {
        if (ts.isSpreadAssignment(p))
            return undefined;
        const name = (0,ast/* propertyNameText */.CC)(p.name);
        if (name !== "currentSigningKey" && name !== "nextSigningKey")
            continue;
        if (ts.isPropertyAssignment(p))
            keys.set(name, p.initializer);
        else if (ts.isShorthandPropertyAssignment(p))
            keys.set(name, p.name);
    }
    const given = (e) => {
        if (!e)
            return false;
        const u = (0,ast/* unwrap */.oA)(e);
        if (u.kind === ts.SyntaxKind.UndefinedKeyword || u.kind === ts.SyntaxKind.NullKeyword)
            return false;
        if (ts.isIdentifier(u) && u.text === "undefined")
            return false;
        return (0,ast/* stringValue */.r$)(u) !== "";
    };
    const current = given(keys.get("currentSigningKey"));
    const next = given(keys.get("nextSigningKey"));
    if (!current && !next)
        return undefined; // nothing given: both come from the environment
    if (current !== next) {
        const only = current ? "currentSigningKey" : "nextSigningKey";
        return `This Receiver is given only ${only}: since @upstash/qstash 2.10 the options are ignored unless both keys are given (it silently falls back to the QSTASH_*_SIGNING_KEY env vars), and older versions reject every message signed after a key rotation. ${WHY_BOTH}. Pass both currentSigningKey and nextSigningKey, or call new Receiver() to read both from the environment.`;
    }
    const text = (e) => (0,ast/* unwrap */.oA)(e).getText(sf).replace(/[!\s]/g, "");
    if (text(keys.get("currentSigningKey")) === text(keys.get("nextSigningKey"))) {
        return `This Receiver is given the same value for currentSigningKey and nextSigningKey, so there is only one key: messages signed after a key rotation are rejected. ${WHY_BOTH}. Pass QSTASH_NEXT_SIGNING_KEY as nextSigningKey.`;
    }
    return undefined;
}
/* harmony default export */ const single_signing_key = (defineDetector({
    id: "single-signing-key",
    rule: "upstash/token-rotation-neglect",
    checks: {
        "single-signing-key": "A QStash Receiver or configuration with only one of the two signing keys",
    },
    // Signing key names; a Receiver comes from @upstash/qstash, directly or through a helper module.
    keywords: ["signing_key", "signingkey"],
    imports: { packages: ["@upstash/qstash"], importers: true },
    fileKinds: ["script", "sfc", "env", "yaml", "json", "toml", "dockerfile", "text"],
    needs: { ast: true },
    analyzeFile(ctx) {
        const next = [...new Set(ctx.text.match(NEXT_NAME) ?? [])];
        if (ctx.kind === "env") {
            const current = [];
            for (const e of (0,env_file/* parseEnvFile */.F)(ctx.text))
                if (CURRENT.test(e.name))
                    current.push({ name: e.name, at: ctx.location(e.nameStart, e.nameStart + e.name.length) });
            const dir = external_node_path_.posix.dirname(ctx.path);
            ctx.fact({ type: "env", dir, template: isEnvTemplate(ctx.path), gitIgnored: ctx.gitIgnored, current, next });
            return;
        }
        ctx.fact({ type: "mention", next, nextOption: /\bnextSigningKey\b/.test(ctx.text) });
        if (ctx.sourceFile) {
            const ts = (0,parse.typescript)();
            for (const call of receiverCalls(ctx.sourceFile)) {
                const arg = call.arguments?.[0];
                if (!arg)
                    continue;
                const problem = signingKeyProblem(arg, ctx.sourceFile);
                if (problem)
                    ctx.report({
                        check: "single-signing-key",
                        start: call.getStart(ctx.sourceFile),
                        end: call.expression.getEnd(),
                        message: problem,
                        confidence: "high",
                    });
            }
            // Env schemas (t3-env createEnv, zod objects) declare the variables a deployment must set.
            (0,ast/* walk */.GG)(ctx.sourceFile, (n) => {
                if (ts.isPropertyAssignment(n) && ts.isObjectLiteralExpression(n.parent)) {
                    const name = (0,ast/* propertyNameText */.CC)(n.name);
                    if (name && CURRENT.test(name))
                        ctx.fact({
                            type: "declare",
                            name,
                            at: ctx.location(n.name.getStart(ctx.sourceFile), n.name.getEnd()),
                            where: "this env schema",
                        });
                }
                return undefined;
            });
            return;
        }
        const kind = deployConfigKind(ctx.path, ctx.text);
        if (!kind)
            return;
        for (const v of configValues(ctx.kind, ctx.text)) {
            const name = v.keys[v.keys.length - 1];
            if (!CURRENT.test(name))
                continue;
            // Point at the key: the nearest occurrence of the name before its value.
            const at = ctx.text.lastIndexOf(name, v.start);
            if (at !== -1)
                ctx.fact({ type: "declare", name, at: ctx.location(at, at + name.length), where: `this ${kind}` });
        }
    },
    analyzeProject(ctx) {
        const mentioned = new Set();
        let nextOption = false;
        for (const { fact } of ctx.facts) {
            if (fact.type === "mention") {
                fact.next.forEach((n) => mentioned.add(n));
                nextOption ||= fact.nextOption;
            }
            else if (fact.type === "env")
                fact.next.forEach((n) => mentioned.add(n));
        }
        // Env files: a template stands alone; the other files of one directory are loaded together.
        const envFacts = ctx.facts.filter((f) => f.fact.type === "env" && !f.fact.gitIgnored);
        for (const { fact } of envFacts) {
            const together = fact.template
                ? [fact]
                : envFacts.filter((o) => !o.fact.template && o.fact.dir === fact.dir).map((o) => o.fact);
            const declared = new Set(together.flatMap((f) => [...f.next, ...f.current.map((c) => c.name)]));
            for (const c of fact.current) {
                const want = counterpart(c.name);
                if (declared.has(want))
                    continue;
                ctx.report({
                    check: "single-signing-key",
                    location: c.at,
                    confidence: "high",
                    message: `${fact.template ? "This env template" : "This env file"} declares ${c.name} without ${want}: @upstash/qstash needs both keys (current versions refuse to verify with only one in the environment). ${WHY_BOTH}. Add ${want} next to it.`,
                });
            }
        }
        // Schemas and deployment configuration: reported when the project never mentions the next key.
        for (const { fact } of ctx.facts) {
            if (fact.type !== "declare")
                continue;
            const want = counterpart(fact.name);
            if (mentioned.has(want) || (nextOption && want === "QSTASH_NEXT_SIGNING_KEY"))
                continue;
            ctx.report({
                check: "single-signing-key",
                location: fact.at,
                confidence: "medium",
                message: `${single_signing_key_capitalize(fact.where)} declares ${fact.name}, and ${want} appears nowhere in the project: @upstash/qstash needs both keys (current versions refuse to verify with only one). ${WHY_BOTH}. Declare and set ${want} as well.`,
            });
        }
    },
}));
function single_signing_key_capitalize(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}

;// CONCATENATED MODULE: ./src/detectors/index.ts




















const DETECTORS = [
    bundler_inlines_credential,
    credential_in_client_code,
    public_env_credential,
    write_without_ttl,
    dev_mode_receiver,
    pages_router_body_parser,
    unverified_handler,
    verify_parsed_body,
    client_controlled_identifier,
    fail_open_on_error,
    implausible_limit,
    limiter_per_request,
    pending_dropped,
    result_not_enforced,
    shared_bucket,
    committed_env_file,
    credential_in_ci_or_deploy_config,
    exposed_in_history,
    hardcoded_credential,
    single_signing_key,
];


/***/ }),

/***/ 7977:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Z: () => (/* binding */ clearFileBudget),
/* harmony export */   Eb: () => (/* binding */ startFileBudget),
/* harmony export */   G5: () => (/* binding */ StepTimedOut),
/* harmony export */   Ik: () => (/* binding */ checkBudget),
/* harmony export */   L$: () => (/* binding */ BudgetExceeded),
/* harmony export */   OL: () => (/* binding */ markStep),
/* harmony export */   T4: () => (/* binding */ hardLimit),
/* harmony export */   YA: () => (/* binding */ seconds),
/* harmony export */   et: () => (/* binding */ onStep),
/* harmony export */   wj: () => (/* binding */ withTimeout)
/* harmony export */ });
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(714);
/* harmony import */ var node_vm__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_vm__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5919);
/* harmony import */ var node_worker_threads__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_worker_threads__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Time budgets. Three layers, so that no file can stop a scan:
 * - cooperative: long-running loops (the syntax tree walk) call checkBudget(), which throws once the
 *   current step's time is up; the detector stops early with a notification;
 * - in a worker, each step (reading a file, parsing it, each detector) is published to the scan's
 *   watchdog (markStep), which terminates and replaces a worker stuck past the limit (see dispatch.ts);
 * - in the main thread, where nothing can terminate us from outside, synchronous steps run under a V8
 *   execution timeout (withTimeout), which interrupts even an endless loop or a backtracking regex.
 */


class BudgetExceeded extends Error {
    millis;
    constructor(millis) {
        super(`time budget of ${millis} ms exceeded`);
        this.millis = millis;
    }
}
/** A step stopped from outside after running past its limit (it did not check its budget). */
class StepTimedOut extends Error {
    millis;
    constructor(millis) {
        super(`stopped after ${seconds(millis)} (the time budget)`);
        this.millis = millis;
    }
}
/** "0.3 s", "15 s". */
function seconds(millis) {
    return `${(millis / 1000).toFixed(millis < 10_000 ? 1 : 0)} s`;
}
/** How much longer than its budget a step may run before it is stopped from outside. */
function hardLimit(budgetMillis) {
    return budgetMillis + Math.max(2000, budgetMillis / 2);
}
let deadline = Infinity;
let budgetMillis = 0;
let stepListener;
/** Called at the start of every step (the worker forwards it to the watchdog). */
function onStep(listener) {
    stepListener = listener;
}
/** A new step begins: the watchdog's clock restarts. */
function markStep() {
    stepListener?.();
}
/** Start the clock for one step of one file. */
function startFileBudget(millis) {
    markStep();
    budgetMillis = millis;
    deadline = performance.now() + millis;
}
function clearFileBudget() {
    deadline = Infinity;
}
/** Throws BudgetExceeded once the current step's time is up. */
function checkBudget() {
    if (performance.now() > deadline)
        throw new BudgetExceeded(budgetMillis);
}
const STEP = Symbol.for("upstash-scan.step");
let stepScript;
/**
 * Run a synchronous step; in the main thread, stop it (StepTimedOut) once it has run `millis`. Workers
 * run it directly: their watchdog is outside the thread, and a timeout per call costs a thread start.
 */
function withTimeout(fn, millis) {
    if (!node_worker_threads__WEBPACK_IMPORTED_MODULE_1__.isMainThread || !Number.isFinite(millis))
        return fn();
    stepScript ??= new node_vm__WEBPACK_IMPORTED_MODULE_0__.Script(`globalThis[Symbol.for("upstash-scan.step")]()`, { filename: "upstash-scan-step" });
    const g = globalThis;
    const previous = g[STEP];
    g[STEP] = fn;
    try {
        return stepScript.runInThisContext({ timeout: Math.max(1, Math.ceil(millis)) });
    }
    catch (err) {
        if (err.code === "ERR_SCRIPT_EXECUTION_TIMEOUT")
            throw new StepTimedOut(millis);
        throw err;
    }
    finally {
        g[STEP] = previous;
    }
}


/***/ }),

/***/ 124:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ parseEnvFile)
/* harmony export */ });
/** A small dotenv reader that keeps positions, for findings that point at one variable. */
const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*)$/;
/** Entries of a .env file, in order. Comments, blank lines and malformed lines are skipped. */
function parseEnvFile(text) {
    const entries = [];
    let offset = 0;
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
        const raw = lines[i].replace(/\r$/, "");
        const m = LINE.exec(raw);
        if (m && !raw.trimStart().startsWith("#")) {
            const name = m[1];
            const rest = m[2];
            let valueOffset = raw.length - rest.length;
            const quote = rest[0];
            let value;
            if (quote === '"' || quote === "'" || quote === "`") {
                const close = rest.indexOf(quote, 1);
                value = close === -1 ? rest.slice(1) : rest.slice(1, close);
                valueOffset += 1;
            }
            else {
                const hash = rest.search(/\s#/);
                value = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
            }
            entries.push({
                name,
                value,
                nameStart: offset + raw.indexOf(name),
                valueStart: offset + valueOffset,
                valueEnd: offset + valueOffset + value.length,
                line: i + 1,
            });
        }
        offset += lines[i].length + 1;
    }
    return entries;
}


/***/ }),

/***/ 6961:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AK: () => (/* binding */ followExport),
/* harmony export */   Zc: () => (/* binding */ exportTable),
/* harmony export */   k9: () => (/* binding */ moduleExports),
/* harmony export */   mp: () => (/* binding */ hasModifier),
/* harmony export */   nq: () => (/* binding */ MAX_REEXPORT_DEPTH)
/* harmony export */ });
/* harmony import */ var _detectors_ast__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2979);

/** Re-export hops followed at most (`export { x } from`, `export *`), whatever the rule. */
const MAX_REEXPORT_DEPTH = 8;
/** Whether a statement carries a modifier (`export`, `default`). */
function hasModifier(ts, node, kind) {
    return Boolean(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === kind));
}
/** What a parsed file exports. Type-only exports are left out: no rule asks about types. */
function moduleExports(ts, sf) {
    const out = { entries: [], stars: [] };
    const add = (name, source, commonjs = false) => out.entries.push(commonjs ? { name, source, commonjs } : { name, source });
    for (const st of sf.statements) {
        const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
        const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
        if (ts.isVariableStatement(st) && exported) {
            for (const d of st.declarationList.declarations) {
                if (ts.isIdentifier(d.name))
                    add(d.name.text, { kind: "declaration", local: d.name.text, node: d });
                else if (ts.isObjectBindingPattern(d.name) && d.initializer) {
                    for (const el of d.name.elements)
                        if (ts.isIdentifier(el.name))
                            add(el.name.text, { kind: "destructured", local: el.name.text, node: el, init: d.initializer });
                }
            }
        }
        else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && exported) {
            const local = st.name?.text ?? "default";
            add(isDefault ? "default" : local, { kind: "declaration", local, node: st });
        }
        else if (ts.isExportAssignment(st)) {
            add("default", {
                ...expression(ts, st.expression),
                ...(st.isExportEquals ? { exportEquals: true } : {}),
            });
        }
        else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
            const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
            const clause = st.exportClause;
            if (!clause) {
                if (spec)
                    out.stars.push(spec);
            }
            else if (ts.isNamespaceExport(clause)) {
                if (spec)
                    add(clause.name.text, { kind: "reexport", specifier: spec, name: "*", node: clause });
            }
            else {
                for (const el of clause.elements) {
                    const local = (el.propertyName ?? el.name).text;
                    add(el.name.text, spec ? { kind: "reexport", specifier: spec, name: local, node: el } : { kind: "local", local, node: el });
                }
            }
        }
        else if (ts.isExpressionStatement(st) &&
            ts.isBinaryExpression(st.expression) &&
            st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
            commonJsExports(ts, st.expression, add);
        }
    }
    return out;
}
/** `module.exports = { a, b: x }`, `module.exports = x`, `exports.a = x`, `module.exports.a = x`. */
function commonJsExports(ts, assignment, add) {
    const target = (0,_detectors_ast__WEBPACK_IMPORTED_MODULE_0__/* .memberPath */ .Mb)(assignment.left)?.join(".");
    const right = (0,_detectors_ast__WEBPACK_IMPORTED_MODULE_0__/* .unwrap */ .oA)(assignment.right);
    if (target === "module.exports") {
        if (!ts.isObjectLiteralExpression(right))
            return add("default", expression(ts, right), true);
        for (const p of right.properties) {
            if (ts.isShorthandPropertyAssignment(p))
                add(p.name.text, { kind: "local", local: p.name.text, node: p }, true);
            else if (ts.isPropertyAssignment(p)) {
                const name = (0,_detectors_ast__WEBPACK_IMPORTED_MODULE_0__/* .propertyNameText */ .CC)(p.name);
                if (name !== undefined)
                    add(name, expression(ts, p.initializer), true);
            }
        }
    }
    else if (target?.startsWith("exports.") || target?.startsWith("module.exports.")) {
        add(target.slice(target.lastIndexOf(".") + 1), expression(ts, right), true);
    }
}
function expression(ts, e) {
    const u = (0,_detectors_ast__WEBPACK_IMPORTED_MODULE_0__/* .unwrap */ .oA)(e);
    return ts.isIdentifier(u)
        ? { kind: "expression", expression: e, local: u.text }
        : { kind: "expression", expression: e };
}
/** The table of `exports`; `include` leaves out the entries a rule does not read. */
function exportTable(exports, include = () => true) {
    const names = {};
    for (const e of exports.entries) {
        if (!include(e))
            continue;
        const s = e.source;
        names[e.name] =
            s.kind === "reexport" ? { from: s.specifier, name: s.name } : s.local !== undefined ? { local: s.local } : {};
    }
    return { names, stars: [...exports.stars] };
}
/**
 * Follow `name` exported by `file` through re-exports and `export *` (which never carries "default")
 * to the file that defines it; `resolve` maps a specifier written in a file to a file of the tree.
 * Name "*" stands for the module itself (`export * as ns from`). Undefined when nothing exports it.
 */
function followExport(tables, resolve, file, name, 
/** For a file without a table: false when it cannot export the name (its text tells). */
mayExport, depth = 0, seen = new Set()) {
    const key = `${file}\0${name}`;
    if (depth > MAX_REEXPORT_DEPTH || seen.has(key))
        return undefined;
    seen.add(key);
    const table = tables.get(file);
    if (!table)
        return name === "*" || mayExport?.(file, name) !== false ? { kind: "unknown", files: [file] } : undefined;
    if (name === "*")
        return { kind: "found", file, name };
    const link = table.names[name];
    if (link && "from" in link) {
        const target = resolve(file, link.from);
        return target === undefined
            ? undefined
            : followExport(tables, resolve, target, link.name, mayExport, depth + 1, seen);
    }
    if (link)
        return { kind: "found", file, name, ...(link.local !== undefined ? { local: link.local } : {}) };
    if (name === "default")
        return undefined;
    const unknown = [];
    for (const star of table.stars) {
        const target = resolve(file, star);
        const hit = target === undefined ? undefined : followExport(tables, resolve, target, name, mayExport, depth + 1, seen);
        if (hit?.kind === "found")
            return hit;
        if (hit)
            unknown.push(...hit.files);
    }
    return unknown.length ? { kind: "unknown", files: unknown } : undefined;
}


/***/ }),

/***/ 5156:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   qK: () => (/* binding */ classifyPath),
/* harmony export */   xk: () => (/* binding */ isParsable),
/* harmony export */   z_: () => (/* binding */ SKIP_DIRS)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/** Which files can hold an Upstash risk, and how each kind is read. */

const SCRIPT_EXT = new Set([".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"]);
const SFC_EXT = new Set([".vue", ".svelte", ".astro"]);
const TEXT_EXT = new Set([
    ".md",
    ".mdx",
    ".txt",
    ".sh",
    ".bash",
    ".zsh",
    ".ps1",
    ".http",
    ".rest",
    ".ini",
    ".cfg",
    ".conf",
    ".properties",
    ".tf",
    ".tfvars",
]);
// Lockfiles are large, machine-written and never hold credentials.
const SKIP_NAMES = new Set([
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
    "composer.lock",
]);
/** Directories never entered, whatever .gitignore says. */
const SKIP_DIRS = new Set([
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    "bower_components",
    ".pnpm-store",
    ".yarn",
    ".turbo",
]);
function classifyPath(relPath) {
    const base = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.basename(relPath);
    if (SKIP_NAMES.has(base))
        return undefined;
    const lower = base.toLowerCase();
    if (/^\.env(\..+)?$/.test(lower) || lower.endsWith(".env") || lower === ".dev.vars" || lower.startsWith(".dev.vars."))
        return "env";
    if (lower === "dockerfile" ||
        lower.startsWith("dockerfile.") ||
        lower.endsWith(".dockerfile") ||
        lower === "containerfile")
        return "dockerfile";
    if (lower.endsWith(".d.ts") || lower.endsWith(".d.mts") || lower.endsWith(".d.cts"))
        return undefined;
    const ext = node_path__WEBPACK_IMPORTED_MODULE_0__.posix.extname(lower);
    if (SCRIPT_EXT.has(ext))
        return "script";
    if (SFC_EXT.has(ext))
        return "sfc";
    if (ext === ".html" || ext === ".htm")
        return "html";
    if (ext === ".yml" || ext === ".yaml")
        return "yaml";
    if (ext === ".json" || ext === ".jsonc")
        return "json";
    if (ext === ".toml")
        return "toml";
    if (TEXT_EXT.has(ext))
        return "text";
    return undefined;
}
/** True for kinds TypeScript parses (scripts, and the script blocks of single-file components). */
function isParsable(kind) {
    return kind === "script" || kind === "sfc";
}


/***/ }),

/***/ 4347:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gj: () => (/* binding */ gate),
/* harmony export */   fr: () => (/* binding */ dependsOn),
/* harmony export */   pt: () => (/* binding */ importsPackage)
/* harmony export */ });
/* unused harmony export importGate */
/* harmony import */ var _file_kinds__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5156);

/** Whether an import specifier names one of the packages (exactly, or a subpath of one). */
function importsPackage(specifier, packages) {
    return packages.some((p) => specifier === p || specifier.startsWith(p.endsWith("/") ? p : p + "/"));
}
/** The detectors (by id) that take each script, in discovery order of `words`. */
function gate(project, detectors, words) {
    const ast = detectors.filter((d) => d.needs.ast);
    const byImports = new Map(ast.filter((d) => d.imports).map((d) => [d.id, importGate(project, d)]));
    const out = new Map();
    for (const [file, w] of words) {
        const kind = project.files.get(file)?.kind;
        if (!kind || !(0,_file_kinds__WEBPACK_IMPORTED_MODULE_0__/* .isParsable */ .xk)(kind))
            continue;
        // A detector that would not look at the file anyway (test code, its skipped paths) does not count.
        const looks = (d) => d.fileKinds.includes(kind) &&
            !(d.skipTests && project.tests.has(file)) &&
            !d.skipPaths?.some((p) => p.test(file));
        const ids = ast
            .filter((d) => looks(d) &&
            (w.wanted.includes(d.id) ||
                byImports.get(d.id)?.has(file) ||
                (w.dependent.includes(d.id) && dependsOn(project, file, d.imports.packages))))
            .map((d) => d.id);
        if (!ids.length)
            continue;
        for (const d of ast)
            if (!ids.includes(d.id) && looks(d) && d.piggyback?.some((r) => r.test(file)))
                ids.push(d.id);
        out.set(file, ids);
    }
    return out;
}
/**
 * The files a detector's import facts select: importers of its packages and, with `importers`, the
 * barrels passing their exports on and the modules importing those (see ImportGraph.usersOf).
 */
function importGate(project, detector) {
    const spec = detector.imports;
    const direct = new Set();
    for (const [file, summary] of project.files)
        if (summary.imports?.some((ref) => importsPackage(ref.specifier, spec.packages)))
            direct.add(file);
    if (!spec.importers)
        return direct;
    for (const user of project.graph.usersOf(direct))
        direct.add(user);
    return direct;
}
/** Whether the file's package, or the workspace root, depends on one of the packages. */
function dependsOn(project, file, packages) {
    const own = project.packageOf(file);
    const root = project.packages.find((p) => p.dir === "");
    return [own, root].some((p) => p && [...p.dependencies].some((name) => importsPackage(name, packages)));
}


/***/ }),

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


/***/ }),

/***/ 5000:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  C: () => (/* binding */ MemoKey),
  B: () => (/* binding */ ProjectFacts)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/ignore/index.js
var ignore = __webpack_require__(298);
var ignore_default = /*#__PURE__*/__webpack_require__.n(ignore);
// EXTERNAL MODULE: ./src/git/work-tree.ts
var work_tree = __webpack_require__(6516);
;// CONCATENATED MODULE: ./src/engine/graph.ts
/** The module import graph: which file imports which, and the chains that pull a file into a bundle. */
class ImportGraph {
    out = new Map();
    inbound = new Map();
    addEdge(from, edge) {
        if (from === edge.to)
            return;
        let list = this.out.get(from);
        if (!list)
            this.out.set(from, (list = []));
        const known = list.find((e) => e.to === edge.to);
        if (known) {
            const back = this.inbound.get(edge.to).find((b) => b.from === from);
            const names = known.names && edge.names ? [...new Set([...known.names, ...edge.names])] : undefined;
            known.names = back.names = names;
            if (known.reexport && !edge.reexport)
                known.reexport = back.reexport = false;
            return;
        }
        list.push({ ...edge, reexport: Boolean(edge.reexport) });
        let back = this.inbound.get(edge.to);
        if (!back)
            this.inbound.set(edge.to, (back = []));
        back.push({ from, start: edge.start, reexport: Boolean(edge.reexport), names: edge.names });
    }
    imports(file) {
        return this.out.get(file) ?? [];
    }
    importers(file) {
        return this.inbound.get(file) ?? [];
    }
    /**
     * Where the exports of `files` are used: the barrels passing them on (`export … from`, followed
     * transitively) and the modules importing those files or barrels (one hop). With `names`, only the
     * modules that take one of those exports (or an unknown or namespace import) count; a barrel that
     * renames what it passes on drops that filter. `files` themselves are left out unless one uses another.
     */
    usersOf(files, names) {
        const takes = (e, filter) => !filter || !e.names || e.names.some((n) => n === "*" || filter.has(n));
        const seen = new Map();
        const queue = [];
        for (const f of files) {
            seen.set(f, names);
            queue.push([f, names]);
        }
        const users = new Set();
        for (let i = 0; i < queue.length; i++) {
            const [file, filter] = queue[i];
            for (const e of this.importers(file)) {
                if (!takes(e, filter))
                    continue;
                users.add(e.from);
                if (!e.reexport || seen.has(e.from))
                    continue;
                // `export *` passes the same names on; a named re-export may rename them.
                const next = e.names?.length === 1 && e.names[0] === "*" ? filter : undefined;
                seen.set(e.from, next);
                queue.push([e.from, next]);
            }
        }
        return users;
    }
    /**
     * Every file reachable from `entries` by imports, with the shortest chain from the nearest entry
     * (entries in the order given win ties). `stop` prunes the walk at files that end a bundle (e.g. a
     * "use server" module, whose functions the client calls over the network instead of bundling);
     * `skipEdge` drops single imports (e.g. ones a framework removes from the client build).
     */
    reachableFrom(entries, options = {}) {
        const parent = new Map();
        const entryOf = new Map();
        const queue = [];
        for (const e of entries) {
            if (parent.has(e))
                continue;
            parent.set(e, null);
            entryOf.set(e, e);
            queue.push(e);
        }
        for (let qi = 0; qi < queue.length; qi++) {
            const file = queue[qi];
            for (const edge of this.imports(file)) {
                if (parent.has(edge.to) || options.skipEdge?.(file, edge) || options.stop?.(edge.to))
                    continue;
                parent.set(edge.to, file);
                entryOf.set(edge.to, entryOf.get(file));
                queue.push(edge.to);
            }
        }
        const result = new Map();
        for (const file of parent.keys()) {
            const chain = [];
            for (let f = file; f; f = parent.get(f))
                chain.push(f);
            result.set(file, { entry: entryOf.get(file), chain: chain.reverse() });
        }
        return result;
    }
}

;// CONCATENATED MODULE: ./src/engine/jsonc.ts
/** JSON with comments and trailing commas (tsconfig.json, jsconfig.json, .vscode files). */
function parseJsonc(text) {
    let out = "";
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text[i];
        if (c === '"') {
            const start = i++;
            while (i < n && text[i] !== '"')
                i += text[i] === "\\" ? 2 : 1;
            out += text.slice(start, ++i);
        }
        else if (c === "/" && text[i + 1] === "/") {
            while (i < n && text[i] !== "\n")
                i++;
        }
        else if (c === "/" && text[i + 1] === "*") {
            const end = text.indexOf("*/", i + 2);
            i = end === -1 ? n : end + 2;
        }
        else {
            out += c;
            i++;
        }
    }
    return JSON.parse(out.replace(/,(\s*[}\]])/g, "$1").replace(/^\uFEFF/, ""));
}

;// CONCATENATED MODULE: ./src/engine/resolve.ts
/**
 * Module resolution good enough for "which file does this import name?": relative paths, tsconfig
 * `paths`/`baseUrl` aliases (`@/lib/redis`), SvelteKit `$lib`, Nuxt `~`/`@`, workspace packages, and
 * the extension and index-file probing of bundlers (including `.js` specifiers that name `.ts` files).
 */

const PROBE_EXT = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte", ".astro"];
const JS_TO_TS = {
    ".js": [".ts", ".tsx"],
    ".jsx": [".tsx"],
    ".mjs": [".mts"],
    ".cjs": [".cts"],
};
class Resolver {
    files;
    tsconfigs;
    packages = new Map();
    cache = new Map();
    constructor(files, tsconfigs, packages) {
        this.files = files;
        // Deepest first: the nearest tsconfig governs a file.
        this.tsconfigs = [...tsconfigs].sort((a, b) => b.dir.length - a.dir.length);
        for (const p of packages)
            this.packages.set(p.name, p);
    }
    /** The file (relative to the source root) that `specifier` names from `from`, if it is in the tree. */
    resolve(from, specifier) {
        const dir = external_node_path_.posix.dirname(from);
        const key = `${dir}\0${specifier}`;
        let hit = this.cache.get(key);
        if (hit === undefined) {
            hit = this.resolveUncached(dir, from, specifier) ?? null;
            this.cache.set(key, hit);
        }
        return hit ?? undefined;
    }
    resolveUncached(dir, from, specifier) {
        const spec = specifier.split("?")[0];
        if (spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..") {
            return this.probe(external_node_path_.posix.join(dir, spec));
        }
        if (spec.startsWith("/"))
            return undefined;
        const config = this.tsconfigs.find((t) => t.dir === "" || from.startsWith(t.dir + "/"));
        if (config) {
            for (const p of config.paths) {
                let rest;
                if (p.wildcard) {
                    if (spec.startsWith(p.prefix) &&
                        spec.endsWith(p.suffix) &&
                        spec.length >= p.prefix.length + p.suffix.length) {
                        rest = spec.slice(p.prefix.length, spec.length - p.suffix.length);
                    }
                }
                else if (spec === p.prefix)
                    rest = "";
                if (rest === undefined)
                    continue;
                for (const target of p.targets) {
                    const hit = this.probe(p.wildcard ? target.replace("*", rest) : target);
                    if (hit)
                        return hit;
                }
            }
            if (config.baseUrl !== undefined) {
                const hit = this.probe(external_node_path_.posix.join(config.baseUrl, spec));
                if (hit)
                    return hit;
            }
        }
        // Framework aliases that need no tsconfig entry.
        const appRoot = this.appRootOf(from);
        if (spec.startsWith("$lib/") || spec === "$lib")
            return this.probe(external_node_path_.posix.join(appRoot, "src/lib", spec.slice(4)));
        if (spec.startsWith("~/") || spec.startsWith("@/")) {
            return (this.probe(external_node_path_.posix.join(appRoot, spec.slice(2))) ??
                this.probe(external_node_path_.posix.join(appRoot, "src", spec.slice(2))));
        }
        return this.resolvePackage(spec);
    }
    resolvePackage(spec) {
        const parts = spec.split("/");
        const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
        const pkg = this.packages.get(name);
        if (!pkg)
            return undefined;
        const sub = spec.slice(name.length + 1);
        if (sub)
            return this.probe(external_node_path_.posix.join(pkg.dir, sub)) ?? this.probe(external_node_path_.posix.join(pkg.dir, "src", sub));
        for (const entry of [...pkg.entries, "src/index", "index"]) {
            const hit = this.probe(external_node_path_.posix.join(pkg.dir, entry));
            if (hit)
                return hit;
        }
        return undefined;
    }
    /** The nearest directory with a workspace package.json above `from` ("" for the root). */
    appRootOf(from) {
        let best = "";
        for (const p of this.packages.values()) {
            if (p.dir && from.startsWith(p.dir + "/") && p.dir.length > best.length)
                best = p.dir;
        }
        return best;
    }
    probe(candidate) {
        const p = external_node_path_.posix.normalize(candidate).replace(/^\.\//, "").replace(/\/$/, "");
        if (p.startsWith("../"))
            return undefined;
        if (this.files.has(p))
            return p;
        const ext = external_node_path_.posix.extname(p);
        for (const alt of JS_TO_TS[ext] ?? []) {
            const swapped = p.slice(0, -ext.length) + alt;
            if (this.files.has(swapped))
                return swapped;
        }
        for (const e of PROBE_EXT)
            if (this.files.has(p + e))
                return p + e;
        for (const e of PROBE_EXT)
            if (this.files.has(`${p}/index${e}`))
                return `${p}/index${e}`;
        return undefined;
    }
}

// EXTERNAL MODULE: ./src/engine/test-code.ts
var test_code = __webpack_require__(3076);
// EXTERNAL MODULE: ./src/engine/exports.ts
var engine_exports = __webpack_require__(6961);
;// CONCATENATED MODULE: ./src/engine/project.ts
/**
 * Project facts computed once per scan and shared by every detector: packages and the frameworks
 * they use, tsconfig path aliases, env files and their keys, the import graph and module resolution.
 */








const FRAMEWORK_DEPS = [
    ["next", "nextjs"],
    ["vite", "vite"],
    ["react-scripts", "cra"],
    ["@sveltejs/kit", "sveltekit"],
    ["nuxt", "nuxt"],
    ["@vue/cli-service", "vue-cli"],
    ["astro", "astro"],
    ["gatsby", "gatsby"],
    ["@remix-run/react", "remix"],
    ["expo", "expo"],
    ["react-native", "react-native"],
    ["express", "express"],
    ["hono", "hono"],
    ["fastify", "fastify"],
    ["wrangler", "cloudflare-workers"],
];
/** Names one value `ProjectFacts.memo` keeps for a scan: a module constant, one per cache. */
class MemoKey {
    description;
    constructor(description) {
        this.description = description;
    }
}
class ProjectFacts {
    srcRoot;
    tests;
    packages = [];
    envFiles = [];
    files = new Map();
    graph = new ImportGraph();
    tsconfigs = [];
    resolverInstance;
    tracked;
    declaredClient;
    declaredServer;
    constructor(
    /** Absolute path every relative path is relative to. */
    srcRoot, 
    /** Path patterns the configuration declares as shipping to clients, or never shipping. */
    roles = {}, 
    /** Test code, by the configuration. */
    tests = new test_code/* TestCode */.O([])) {
        this.srcRoot = srcRoot;
        this.tests = tests;
        this.declaredClient = roles.client?.length ? ignore_default()().add([...roles.client]) : undefined;
        this.declaredServer = roles.server?.length ? ignore_default()().add([...roles.server]) : undefined;
    }
    /** What the configuration says about where a file runs (paths.client / paths.server). */
    declaredRole(file) {
        if (file.startsWith("../"))
            return undefined;
        if (this.declaredServer?.ignores(file))
            return "server";
        if (this.declaredClient?.ignores(file))
            return "client";
        return undefined;
    }
    addFile(summary) {
        this.files.set(summary.path, summary);
    }
    /** Record a package.json; malformed ones are ignored (the caller reports them). */
    addPackageJson(file, text) {
        const json = JSON.parse(text);
        const deps = new Set();
        const versions = new Map();
        for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
            const block = json[key];
            if (!block || typeof block !== "object")
                continue;
            for (const [name, range] of Object.entries(block)) {
                deps.add(name);
                if (typeof range === "string" && !versions.has(name))
                    versions.set(name, range);
            }
        }
        const frameworks = new Set();
        for (const [dep, fw] of FRAMEWORK_DEPS)
            if (deps.has(dep))
                frameworks.add(fw);
        this.packages.push({
            dir: dirOf(file),
            name: typeof json.name === "string" ? json.name : undefined,
            dependencies: deps,
            versions,
            frameworks,
        });
        this.packageEntries.set(dirOf(file), packageEntries(json));
    }
    packageEntries = new Map();
    /** Keep a tsconfig/jsconfig's text; aliases are computed in finish(), once every parent is known. */
    addTsconfig(file, text) {
        this.tsconfigTexts.set(file, text);
    }
    tsconfigTexts = new Map();
    loadTsconfig(file, text) {
        const dir = dirOf(file);
        const options = resolveTsconfigOptions(file, text, (rel) => this.tsconfigTexts.get(rel), 0);
        if (!options.paths && options.baseUrl === undefined)
            return;
        const base = options.baseUrl ?? dir;
        const entry = { dir, paths: [] };
        if (options.baseUrl !== undefined)
            entry.baseUrl = options.baseUrl;
        for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
            const star = pattern.indexOf("*");
            entry.paths.push({
                prefix: star === -1 ? pattern : pattern.slice(0, star),
                suffix: star === -1 ? "" : pattern.slice(star + 1),
                wildcard: star !== -1,
                targets: (Array.isArray(targets) ? targets : []).map((t) => external_node_path_.posix.join(base, t)),
            });
        }
        this.tsconfigs.push(entry);
    }
    addEnvFile(facts) {
        this.envFiles.push(facts);
    }
    /**
     * Compute aliases and resolve the import graph once every file is known. Returns the config files
     * that could not be understood, for the caller to report.
     */
    finish() {
        const problems = [];
        for (const [file, text] of this.tsconfigTexts) {
            // Only the governing files matter; tsconfig.base.json and friends are read through extends.
            if (!/^(tsconfig|jsconfig)\.json$/.test(external_node_path_.posix.basename(file)))
                continue;
            try {
                this.loadTsconfig(file, text);
            }
            catch (err) {
                problems.push({
                    file,
                    message: `tsconfig not understood, its path aliases are ignored: ${err.message}`,
                });
            }
        }
        const known = new Set(this.files.keys());
        const workspace = this.packages
            .filter((p) => p.name)
            .map((p) => ({ name: p.name, dir: p.dir, entries: this.packageEntries.get(p.dir) ?? [] }));
        this.resolverInstance = new Resolver(known, this.tsconfigs, workspace);
        for (const summary of this.files.values()) {
            for (const ref of summary.imports ?? []) {
                if (ref.typeOnly)
                    continue;
                const to = this.resolverInstance.resolve(summary.path, ref.specifier);
                if (to)
                    this.graph.addEdge(summary.path, {
                        to,
                        start: ref.start,
                        dynamic: ref.dynamic,
                        reexport: ref.reexport,
                        names: ref.names,
                    });
            }
        }
        return problems;
    }
    get resolver() {
        if (!this.resolverInstance)
            throw new Error("project facts are not finished");
        return this.resolverInstance;
    }
    /**
     * Whether a module may export `name`, as far as its text tells (no tree needed): it declares it,
     * re-exports it or everything of another module, or its exports cannot be told. False only when
     * the lexer is sure; a module not read at all may export anything.
     */
    mayExport(file, name) {
        const summary = this.files.get(file);
        if (!summary || summary.kind !== "script" || !summary.imports || !summary.exports)
            return true;
        if (summary.exports.includes(name))
            return true;
        return summary.imports.some((ref) => ref.reexport && (!ref.names || ref.names.includes("*") || ref.names.includes(name)));
    }
    /** Resolve an import specifier written in `from` to a file of the tree. */
    resolve(from, specifier) {
        return this.resolver.resolve(from, specifier);
    }
    /**
     * Where `name`, exported by `file`, is defined, following re-exports through the export tables of
     * the files a rule analysed. Answers are kept for the rest of the scan (per tables object). With
     * `lexical`, a file without a table whose text shows it does not export the name (see mayExport) is
     * left out of an "unknown" answer: parsing it could not find the name there.
     */
    resolveExport(tables, file, name, options = {}) {
        let cache = this.exportCache.get(tables);
        if (!cache)
            this.exportCache.set(tables, (cache = new Map()));
        const key = `${options.lexical ? 1 : 0}\0${file}\0${name}`;
        if (cache.has(key))
            return cache.get(key) ?? undefined;
        const hit = (0,engine_exports/* followExport */.AK)(tables, (from, spec) => this.resolve(from, spec), file, name, options.lexical ? (f, n) => this.mayExport(f, n) : undefined);
        cache.set(key, hit ?? null);
        return hit;
    }
    exportCache = new WeakMap();
    /**
     * A value computed once per scan and shared by the detectors that ask with the same key (a detector
     * module's own constant): what a module-level cache would hold, gone when the scan ends.
     */
    memo(key, build) {
        if (this.memos.has(key))
            return this.memos.get(key);
        const value = build();
        this.memos.set(key, value);
        return value;
    }
    memos = new Map();
    /** The package (nearest package.json) a file belongs to. */
    packageOf(file) {
        let best;
        for (const p of this.packages) {
            if ((p.dir === "" || file.startsWith(p.dir + "/")) && (!best || p.dir.length > best.dir.length))
                best = p;
        }
        return best;
    }
    /** Frameworks of the file's own package plus those of the workspace root. */
    frameworksOf(file) {
        const own = this.packageOf(file)?.frameworks ?? new Set();
        const root = this.packages.find((p) => p.dir === "")?.frameworks;
        return root ? new Set([...own, ...root]) : own;
    }
    /** Every framework seen anywhere in the tree. */
    get frameworks() {
        return new Set(this.packages.flatMap((p) => [...p.frameworks]));
    }
    /**
     * Files tracked by git, relative to the source root, or undefined outside a git work tree.
     * Computed on first use: most scans never ask.
     */
    gitTrackedFiles() {
        if (this.tracked === undefined) {
            const git = (0,work_tree/* trackedFiles */.O)(this.srcRoot);
            if (!git)
                this.tracked = null;
            else {
                const prefix = external_node_path_.relative(git.top, this.srcRoot).split(external_node_path_.sep).join("/");
                this.tracked = new Set([...git.files]
                    .map((f) => (prefix ? (f.startsWith(prefix + "/") ? f.slice(prefix.length + 1) : "") : f))
                    .filter(Boolean));
            }
        }
        return this.tracked ?? undefined;
    }
}
function dirOf(file) {
    const d = external_node_path_.posix.dirname(file);
    return d === "." ? "" : d;
}
function packageEntries(json) {
    const entries = [];
    for (const key of ["source", "module", "main", "types"])
        if (typeof json[key] === "string")
            entries.push(json[key]);
    const exp = json.exports;
    const dot = exp && typeof exp === "object" ? (exp["."] ?? exp) : exp;
    const collect = (v) => {
        if (typeof v === "string")
            entries.push(v);
        else if (v && typeof v === "object")
            for (const x of Object.values(v))
                collect(x);
    };
    collect(dot);
    return entries.map((e) => e.replace(/^\.\//, "").replace(/\.(d\.ts|js|mjs|cjs)$/, ""));
}
/** baseUrl/paths of a tsconfig after following relative `extends`, with baseUrl made root-relative. */
function resolveTsconfigOptions(file, text, lookup, depth) {
    const json = parseJsonc(text);
    const dir = dirOf(file);
    let inherited = {};
    const parents = typeof json.extends === "string" ? [json.extends] : (json.extends ?? []);
    for (const parent of parents) {
        if (depth > 8 || !parent.startsWith("."))
            continue;
        let rel = external_node_path_.posix.join(dir, parent);
        if (!rel.endsWith(".json"))
            rel += ".json";
        const parentText = lookup(rel);
        if (parentText === undefined)
            continue;
        try {
            inherited = { ...inherited, ...stripUndefined(resolveTsconfigOptions(rel, parentText, lookup, depth + 1)) };
        }
        catch {
            // A broken parent is reported when it is read on its own.
        }
    }
    const own = {};
    const co = json.compilerOptions ?? {};
    if (typeof co.baseUrl === "string")
        own.baseUrl = external_node_path_.posix.join(dir, co.baseUrl).replace(/^\.$/, "");
    if (co.paths && typeof co.paths === "object") {
        own.paths = co.paths;
        // paths without baseUrl are relative to the tsconfig that declares them.
        if (own.baseUrl === undefined && inherited.baseUrl === undefined)
            own.baseUrl = dir;
    }
    return { ...inherited, ...own };
}
function stripUndefined(o) {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}


/***/ }),

/***/ 5404:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dm: () => (/* binding */ DEFAULT_BUDGETS),
/* harmony export */   TA: () => (/* binding */ readFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4573);
/* harmony import */ var node_buffer__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_buffer__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _io_files__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3839);
/**
 * Reading one file under the scan's budgets: binary files are refused, UTF-16 and BOMs decoded,
 * invalid UTF-8 decoded with replacement characters, and large or minified files marked text-only
 * (they get the cheap credential pattern scan, never a parse).
 */



const DEFAULT_BUDGETS = {
    maxReadBytes: 64 * 1024 * 1024,
    maxParseBytes: 1024 * 1024,
    maxFileMillis: 10_000,
    maxProjectMillis: 60_000,
};
function looksBinary(buf) {
    const n = Math.min(buf.length, 8000);
    for (let i = 0; i < n; i++)
        if (buf[i] === 0)
            return true;
    return false;
}
/**
 * Generated and bundled code: a bundler's runtime (the star banners webpack and ncc put on every runtime
 * line, `__webpack_require__`, esbuild's module helpers), compiled output that points at its source map, or
 * a file far longer than anyone writes by hand. Its source, if committed, is scanned where it is;
 * the output gets the credential patterns (it may ship a token) but no syntax tree.
 */
function generatedReason(text) {
    if (text.length > MAX_HANDWRITTEN_CHARS)
        return "very long";
    const head = text.slice(0, 4096);
    if (/^\/\*{6}\/ /m.test(head))
        return "a webpack or ncc bundle";
    if (text.includes("__webpack_require__") || text.includes("__nccwpck_require__"))
        return "a webpack or ncc bundle";
    if (/^var __(commonJS|toESM|esm) = /m.test(head) || text.includes("\nvar __toESM = "))
        return "an esbuild bundle";
    if (/\n\/\/# sourceMappingURL=\S+\s*$/.test(text.slice(-512)))
        return "compiled output with a source map";
    return undefined;
}
const MAX_HANDWRITTEN_CHARS = 512 * 1024;
/** Very long lines mean generated code; parsing it costs much and finds little. */
function looksMinified(text) {
    if (text.length < 20_000)
        return false;
    let lines = 1;
    let longest = 0;
    let last = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
        longest = Math.max(longest, i - last);
        last = i + 1;
        lines++;
    }
    longest = Math.max(longest, text.length - last);
    return longest > 10_000 || text.length / lines > 500;
}
function readFile(abs, kind, budgets) {
    let buf;
    let fd;
    try {
        // One open, one fstat, one read: the size check needs no separate stat call. Regular files
        // only, never through a final symbolic link, never blocking on a FIFO (see io/files.ts).
        const opened = (0,_io_files__WEBPACK_IMPORTED_MODULE_2__/* .openRegular */ .lf)(abs);
        fd = opened.fd;
        const size = opened.size;
        if (size > budgets.maxReadBytes) {
            return {
                ok: false,
                id: "file-too-large",
                message: `not scanned: ${(0,_io_files__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(size)} is over the ${(0,_io_files__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(budgets.maxReadBytes)} read limit`,
            };
        }
        buf = Buffer.allocUnsafe(size);
        let got = 0;
        while (got < size) {
            const n = node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync(fd, buf, got, size - got, got);
            if (n === 0)
                break;
            got += n;
        }
        if (got < size)
            buf = buf.subarray(0, got);
    }
    catch (err) {
        if (err instanceof _io_files__WEBPACK_IMPORTED_MODULE_2__/* .FileRefused */ .rV)
            return {
                ok: false,
                id: err.code === "symlink" || err.code === "not-regular" ? "file-not-regular" : "file-unreadable",
                message: `not scanned: ${err.message}`,
            };
        const code = err.code ?? "error";
        return { ok: false, id: "file-unreadable", message: `not scanned: could not be read (${code})` };
    }
    finally {
        if (fd !== undefined)
            node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
    }
    let text;
    let note;
    if (buf[0] === 0xff && buf[1] === 0xfe)
        text = new TextDecoder("utf-16le").decode(buf.subarray(2));
    else if (buf[0] === 0xfe && buf[1] === 0xff)
        text = new TextDecoder("utf-16be").decode(buf.subarray(2));
    else if (looksBinary(buf))
        return { ok: false, id: "file-binary", message: "not scanned: binary content" };
    else {
        if (!(0,node_buffer__WEBPACK_IMPORTED_MODULE_1__.isUtf8)(buf))
            note = { id: "file-invalid-utf8", message: "invalid UTF-8: decoded with replacement characters" };
        text = buf.toString("utf8");
        if (text.charCodeAt(0) === 0xfeff)
            text = text.slice(1);
    }
    const parsable = kind === "script" || kind === "sfc";
    if (parsable && buf.length > budgets.maxParseBytes) {
        return {
            ok: true,
            text,
            bytes: buf.length,
            note,
            textOnly: {
                id: "file-large",
                message: `${(0,_io_files__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(buf.length)} is over the ${(0,_io_files__WEBPACK_IMPORTED_MODULE_2__/* .formatBytes */ .z3)(budgets.maxParseBytes)} parse limit: credential patterns only`,
            },
        };
    }
    if (parsable && looksMinified(text)) {
        return {
            ok: true,
            text,
            bytes: buf.length,
            note,
            textOnly: { id: "file-minified", message: "minified or generated code: credential patterns only" },
        };
    }
    const generated = parsable ? generatedReason(text) : undefined;
    if (generated) {
        return {
            ok: true,
            text,
            bytes: buf.length,
            note,
            textOnly: { id: "file-generated", message: `generated code (${generated}): credential patterns only` },
        };
    }
    return { ok: true, text, bytes: buf.length, note };
}



/***/ }),

/***/ 4724:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ maskSfc)
/* harmony export */ });
/**
 * Script blocks of .vue, .svelte and .astro files. The file is masked rather than cut: everything
 * outside the blocks becomes spaces (newlines kept), so offsets, lines and columns of the parsed
 * script are those of the original file.
 */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
function maskSfc(fileName, text) {
    const blocks = [];
    if (fileName.endsWith(".astro")) {
        const open = /^\s*---[ \t]*\r?\n/.exec(text);
        const close = open ? text.indexOf("\n---", open[0].length - 1) : -1;
        if (open && close !== -1) {
            blocks.push({ start: open[0].length, end: Math.max(open[0].length, close), side: "server", lang: "ts" });
        }
    }
    SCRIPT.lastIndex = 0;
    for (let m = SCRIPT.exec(text); m; m = SCRIPT.exec(text)) {
        const attrs = m[1];
        if (/\bsrc\s*=/.test(attrs))
            continue;
        if (/type\s*=\s*["']?(?!module|text\/javascript|application\/javascript)[a-z]/i.test(attrs))
            continue;
        const lang = /\blang\s*=\s*["']?([a-z]+)/i.exec(attrs)?.[1]?.toLowerCase() ?? "js";
        const start = m.index + m[0].indexOf(">") + 1;
        blocks.push({ start, end: start + m[2].length, side: "client", lang });
    }
    const chars = text.split("");
    let cursor = 0;
    const blank = (from, to) => {
        for (let i = from; i < to; i++)
            if (chars[i] !== "\n" && chars[i] !== "\r")
                chars[i] = " ";
    };
    for (const b of [...blocks].sort((x, y) => x.start - y.start)) {
        blank(cursor, b.start);
        cursor = b.end;
    }
    blank(cursor, chars.length);
    const langs = blocks.map((b) => b.lang);
    return {
        text: chars.join(""),
        blocks,
        typescript: langs.some((l) => l === "ts" || l === "tsx"),
        jsx: langs.some((l) => l === "tsx" || l === "jsx"),
    };
}


/***/ }),

/***/ 3076:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ TestCode)
/* harmony export */ });
/* harmony import */ var ignore__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(298);
/* harmony import */ var ignore__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(ignore__WEBPACK_IMPORTED_MODULE_0__);
/**
 * "Is this test code?", answered once for every rule from the configuration's `tests.paths`
 * (.gitignore-style patterns; the defaults are in config/defaults.ts). The engine lowers or drops
 * findings there (`tests.findings`), a detector with `skipTests` never sees such files, and rules
 * that reason about where code runs (test code never ships to clients) ask the same question.
 */

class TestCode {
    matcher;
    constructor(patterns) {
        this.matcher = patterns.length ? ignore__WEBPACK_IMPORTED_MODULE_0___default()().add([...patterns]) : undefined;
    }
    /** Whether a path (relative to the source root, `/`-separated) is test code. */
    has(file) {
        return !file.startsWith("../") && Boolean(this.matcher?.ignores(file));
    }
}


/***/ }),

/***/ 1655:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ LineIndex)
/* harmony export */ });
class LineIndex {
    text;
    starts = [0];
    constructor(text) {
        this.text = text;
        // Only "\n" ends a line: "\r\n" files keep the "\r" at the end of each line, so line numbers
        // match what GitHub shows; a lone "\r" is not a line break there either.
        for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1))
            this.starts.push(i + 1);
    }
    /** 1-based line and column of an offset. */
    position(offset) {
        let lo = 0;
        let hi = this.starts.length - 1;
        while (lo < hi) {
            const mid = (lo + hi + 1) >> 1;
            if (this.starts[mid] <= offset)
                lo = mid;
            else
                hi = mid - 1;
        }
        return { line: lo + 1, column: offset - this.starts[lo] + 1 };
    }
    range(start, end) {
        const a = this.position(start);
        const b = this.position(Math.max(start, end));
        return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
    }
    /** Offset where a 1-based line starts. */
    lineStart(line) {
        return this.starts[Math.min(Math.max(line, 1), this.starts.length) - 1];
    }
    /** The text of a 1-based line without its line ending. */
    lineText(line) {
        const start = this.lineStart(line);
        const next = line < this.starts.length ? this.starts[line] - 1 : this.text.length;
        return this.text.slice(start, next).replace(/\r$/, "");
    }
}


/***/ }),

/***/ 3073:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Y: () => (/* binding */ git),
/* harmony export */   HT: () => (/* binding */ tryGitSync),
/* harmony export */   Ur: () => (/* binding */ gitSync),
/* harmony export */   dP: () => (/* binding */ gitStream),
/* harmony export */   mv: () => (/* binding */ gitSpawn)
/* harmony export */ });
/* unused harmony exports GIT_TIMEOUT_MS, gitEnv, gitArgs, GitError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Every git command the scanner runs goes through here. The scanned repository is untrusted, and so
 * is its `.git/config` (a downloaded archive, or an earlier workflow step, can write it): git runs
 * programs named there even for read-only commands — `core.fsmonitor` for `ls-files` and `diff`,
 * clean filters and textconv drivers for diffs against the work tree, `gpg.program` when
 * `log.showSignature` is set, transports for lazy fetches in partial clones. So every call:
 *
 * - passes `--no-ext-diff --no-textconv` to every command that can show a patch;
 * - overrides each setting that names a program: the fixed list below on the command line, plus the
 *   filter and diff drivers the repository's configuration declares (listed once per repository,
 *   overridden through GIT_CONFIG_COUNT, which takes any key verbatim);
 * - runs with a clean environment: no GIT_* variable from outside (GIT_DIR, GIT_EXTERNAL_DIFF,
 *   GIT_SSH_COMMAND, …), no system configuration (GIT_CONFIG_NOSYSTEM), no prompts, no optional locks;
 *   HOME stays so that the user's global configuration (safe.directory) still applies;
 * - has a timeout, after which git is killed;
 * - takes refs and paths from input only after `--end-of-options` or `--` (callers' duty, checked by
 *   the tests).
 */

/** Default time limit of one git command. */
const GIT_TIMEOUT_MS = 60_000;
const MAX_BUFFER = 512 * 1024 * 1024;
/** Settings that make git run a program (or touch the network), neutralised on every call. */
const FIXED_OVERRIDES = [
    ["core.fsmonitor", "false"],
    ["core.hooksPath", "/dev/null"],
    ["core.pager", "cat"],
    ["core.sshCommand", "false"],
    ["core.askPass", ""],
    ["core.editor", "false"],
    ["core.alternateRefsCommand", ""],
    ["sequence.editor", "false"],
    ["credential.helper", ""],
    ["gpg.program", "false"],
    ["gpg.ssh.program", "false"],
    ["gpg.x509.program", "false"],
    ["log.showSignature", "false"],
    ["protocol.allow", "never"],
    ["uploadpack.packObjectsHook", ""],
    ["maintenance.auto", "false"],
    ["gc.auto", "0"],
    ["core.quotePath", "false"],
    ["color.ui", "false"],
];
// Driver keys that name programs: filter.<driver>.clean/smudge/process and diff.<driver>.textconv/command.
const DRIVER_KEY = /^(filter\.(.+)\.(clean|smudge|process)|diff\.(.+)\.(textconv|command))$/i;
const FILTER_REQUIRED = /^filter\.(.+)\.required$/i;
/** Environment variables passed through from the caller; everything else is dropped. */
const KEEP_ENV = [
    "PATH",
    "HOME",
    "USERPROFILE",
    "XDG_CONFIG_HOME",
    "SYSTEMROOT",
    "SystemRoot",
    "TMPDIR",
    "TEMP",
    "TMP",
];
function baseEnv() {
    const env = {};
    for (const k of KEEP_ENV)
        if (process.env[k] !== undefined)
            env[k] = process.env[k];
    return {
        ...env,
        LC_ALL: "C",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_ATTR_NOSYSTEM: "1",
        GIT_TERMINAL_PROMPT: "0",
        GIT_OPTIONAL_LOCKS: "0",
        GIT_NO_REPLACE_OBJECTS: "1",
        GIT_NO_LAZY_FETCH: "1",
        GIT_PAGER: "cat",
        PAGER: "cat",
    };
}
const FIXED_ARGS = FIXED_OVERRIDES.flatMap(([k, v]) => ["-c", `${k}=${v}`]);
/** Per repository directory: the environment with its declared drivers overridden. */
const envCache = new Map();
/**
 * The environment for git in `cwd`: the clean base plus overrides for every filter and diff driver
 * the configuration visible there declares. Listing the configuration runs no program.
 */
function gitEnv(cwd) {
    const cached = envCache.get(cwd);
    if (cached)
        return cached;
    const env = baseEnv();
    let listing = "";
    try {
        listing = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)("git", [...FIXED_ARGS, "config", "--list", "--name-only", "-z"], {
            cwd,
            env,
            encoding: "utf8",
            stdio: ["ignore", "pipe", "ignore"],
            timeout: 10_000,
            killSignal: "SIGKILL",
            maxBuffer: 16 * 1024 * 1024,
            windowsHide: true,
        });
    }
    catch {
        // Not a repository, or no configuration git can read: nothing declared to override.
    }
    const overrides = new Map();
    for (const key of listing.split("\0")) {
        if (DRIVER_KEY.test(key))
            overrides.set(key, "");
        else if (FILTER_REQUIRED.test(key))
            overrides.set(key, "false");
    }
    if (overrides.size) {
        env.GIT_CONFIG_COUNT = String(overrides.size);
        [...overrides].forEach(([k, v], i) => {
            env[`GIT_CONFIG_KEY_${i}`] = k;
            env[`GIT_CONFIG_VALUE_${i}`] = v;
        });
    }
    if (envCache.size > 64)
        envCache.clear();
    envCache.set(cwd, env);
    return env;
}
// Commands that can show patches: never through an external diff program or a textconv driver.
const PATCH_COMMANDS = new Set(["diff", "log", "show"]);
/** The full argument list for one git command. */
function gitArgs(args) {
    const [command, ...rest] = args;
    if (command !== undefined && PATCH_COMMANDS.has(command))
        return [...FIXED_ARGS, command, "--no-ext-diff", "--no-textconv", ...rest];
    return [...FIXED_ARGS, ...args];
}
class GitError extends Error {
    stderr;
    constructor(message, stderr) {
        super(message);
        this.stderr = stderr;
        this.name = "GitError";
    }
}
function firstLine(s) {
    return String(s ?? "")
        .trim()
        .split("\n")[0]
        .slice(0, 500);
}
/** Output of a git command; throws GitError (with git's first line of stderr) when it fails or times out. */
function gitSync(cwd, args, options = {}) {
    try {
        return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFileSync)("git", gitArgs(args), {
            cwd,
            env: gitEnv(cwd),
            encoding: "utf8",
            stdio: ["ignore", "pipe", "pipe"],
            timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
            killSignal: "SIGKILL",
            maxBuffer: options.maxBuffer ?? MAX_BUFFER,
            windowsHide: true,
        });
    }
    catch (err) {
        const e = err;
        const stderr = firstLine(e.stderr);
        const why = e.signal === "SIGKILL" ? "timed out" : stderr || e.code || "failed";
        throw new GitError(`git ${args[0]} ${why}`, stderr);
    }
}
/** Output of a git command, or undefined when it fails. */
function tryGitSync(cwd, args, options = {}) {
    try {
        return gitSync(cwd, args, options);
    }
    catch {
        return undefined;
    }
}
/** Output of a git command, or undefined when it fails (asynchronous). */
function git(cwd, args, options = {}) {
    return new Promise((resolve) => {
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.execFile)("git", gitArgs(args), {
            cwd,
            env: gitEnv(cwd),
            encoding: "utf8",
            timeout: options.timeoutMs ?? GIT_TIMEOUT_MS,
            killSignal: "SIGKILL",
            maxBuffer: options.maxBuffer ?? MAX_BUFFER,
            windowsHide: true,
        }, (err, stdout) => resolve(err ? undefined : stdout));
    });
}
/** A long-running git process (e.g. `cat-file --batch`); the caller ends it. */
function gitSpawn(cwd, args, stdio) {
    return (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)("git", gitArgs(args), { cwd, env: gitEnv(cwd), stdio, windowsHide: true });
}
/**
 * Stream a git command's output as NUL-separated tokens. `onToken` returns false to stop early (the
 * process is then killed). Resolves with whether the stream ran to its end. Killed after `timeoutMs`.
 */
function gitStream(cwd, args, onToken, options = {}) {
    return new Promise((resolve) => {
        const child = gitSpawn(cwd, args, ["ignore", "pipe", "pipe"]);
        let rest = "";
        let stopped = false;
        let timedOut = false;
        let stderr = "";
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill("SIGKILL");
        }, options.timeoutMs ?? GIT_TIMEOUT_MS);
        child.stdout.setEncoding("utf8");
        child.stdout.on("data", (chunk) => {
            if (stopped)
                return;
            const parts = (rest + chunk).split("\0");
            rest = parts.pop();
            for (const part of parts) {
                if (!onToken(part)) {
                    stopped = true;
                    child.kill();
                    return;
                }
            }
        });
        child.stderr.setEncoding("utf8");
        child.stderr.on("data", (s) => {
            if (stderr.length < 4000)
                stderr += s;
        });
        child.on("error", (err) => {
            clearTimeout(timer);
            resolve({ complete: false, error: err.message });
        });
        child.on("close", (code) => {
            clearTimeout(timer);
            if (timedOut)
                return resolve({ complete: false, error: "git timed out" });
            if (!stopped && rest)
                onToken(rest);
            if (stopped)
                resolve({ complete: false });
            else if (code !== 0)
                resolve({ complete: false, error: firstLine(stderr) || `git exited with ${code}` });
            else
                resolve({ complete: true });
        });
    });
}


/***/ }),

/***/ 6516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DY: () => (/* binding */ workTreeTop),
/* harmony export */   O: () => (/* binding */ trackedFiles),
/* harmony export */   oB: () => (/* binding */ gitTopLevel)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _run__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3073);
/** What git knows about a work tree: its top directory and the files it tracks. */



/** The nearest directory at or above `dir` holding `.git` (no git command run), or undefined. */
function gitTopLevel(dir) {
    for (let cur = dir;; cur = node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(cur)) {
        if (node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(node_path__WEBPACK_IMPORTED_MODULE_1__.join(cur, ".git")))
            return cur;
        if (node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(cur) === cur)
            return undefined;
    }
}
/** The top directory of the git work tree holding `dir`, or undefined outside one. */
function workTreeTop(dir) {
    return (0,_run__WEBPACK_IMPORTED_MODULE_2__/* .tryGitSync */ .HT)(dir, ["rev-parse", "--show-toplevel"])?.trim() || undefined;
}
/**
 * The files git tracks under `dir` (paths relative to the work tree's top), or undefined outside a
 * git work tree or when git cannot tell.
 */
function trackedFiles(dir) {
    const top = workTreeTop(dir);
    if (!top)
        return undefined;
    const out = (0,_run__WEBPACK_IMPORTED_MODULE_2__/* .tryGitSync */ .HT)(dir, ["ls-files", "-z", "--full-name", "--", "."]);
    if (out === undefined)
        return undefined;
    const files = new Set();
    const dirs = new Set();
    for (const file of out.split("\0")) {
        if (!file)
            continue;
        files.add(file);
        for (let d = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(file); d !== "." && !dirs.has(d); d = node_path__WEBPACK_IMPORTED_MODULE_1__.posix.dirname(d))
            dirs.add(d);
    }
    return { top: node_path__WEBPACK_IMPORTED_MODULE_1__.resolve(top), files, dirs };
}


/***/ }),

/***/ 627:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ BlobReader)
/* harmony export */ });
/* harmony import */ var _git_run__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3073);

class BlobReader {
    child;
    chunks = [];
    length = 0;
    pending = [];
    failed;
    /** Bytes the answer at the head of the queue needs; no work until that many have arrived. */
    need = 0;
    timer;
    /** `timeoutMs`: git is killed after this long, and reads still pending resolve to undefined. */
    constructor(cwd, timeoutMs) {
        this.child = (0,_git_run__WEBPACK_IMPORTED_MODULE_0__/* .gitSpawn */ .mv)(cwd, ["cat-file", "--batch"], ["pipe", "pipe", "ignore"]);
        this.timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
        this.timer.unref();
        this.child.stdout.on("data", (chunk) => {
            this.chunks.push(chunk);
            this.length += chunk.length;
            if (this.length >= this.need)
                this.drain();
        });
        const fail = (err) => {
            this.failed = err;
            for (const p of this.pending.splice(0))
                p.resolve(undefined);
        };
        this.child.on("error", fail);
        this.child.on("close", () => fail(new Error("git cat-file ended")));
        this.child.stdin.on("error", () => undefined);
    }
    /** The blob's content, or undefined when it is missing or git failed. */
    read(id) {
        if (this.failed)
            return Promise.resolve(undefined);
        return new Promise((resolve) => {
            this.pending.push({ resolve });
            this.child.stdin.write(id + "\n");
        });
    }
    close() {
        clearTimeout(this.timer);
        this.child.stdin.end();
        this.child.kill();
    }
    buffer() {
        if (this.chunks.length > 1)
            this.chunks = [Buffer.concat(this.chunks, this.length)];
        return this.chunks[0] ?? Buffer.alloc(0);
    }
    consume(n) {
        const buf = this.buffer();
        const rest = buf.subarray(n);
        this.chunks = rest.length ? [rest] : [];
        this.length = rest.length;
    }
    drain() {
        while (this.pending.length && this.length > 0) {
            const buf = this.buffer();
            const nl = buf.indexOf(10);
            if (nl === -1)
                return;
            const header = buf.subarray(0, nl).toString("latin1");
            const parts = header.split(" ");
            if (parts[1] === "missing" || parts.length < 3) {
                this.consume(nl + 1);
                this.pending.shift().resolve(undefined);
                continue;
            }
            const size = Number(parts[2]);
            if (buf.length < nl + 1 + size + 1) {
                this.need = nl + 1 + size + 1;
                return;
            }
            this.need = 0;
            const content = Buffer.from(buf.subarray(nl + 1, nl + 1 + size));
            this.consume(nl + 1 + size + 1);
            this.pending.shift().resolve(content);
        }
    }
}


/***/ }),

/***/ 6298:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ DEFAULT_HISTORY_BUDGET_MS),
/* harmony export */   t: () => (/* binding */ DEFAULT_MAX_BLOB_BYTES)
/* harmony export */ });
/** What a history scan may spend, and what it reports back while it runs. */
const DEFAULT_HISTORY_BUDGET_MS = 60_000;
const DEFAULT_MAX_BLOB_BYTES = 2 * 1024 * 1024;


/***/ }),

/***/ 7042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   n: () => (/* binding */ safeTreePath),
/* harmony export */   s: () => (/* binding */ scanHistory)
/* harmony export */ });
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _engine_text__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1655);
/* harmony import */ var _engine_file_kinds__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5156);
/* harmony import */ var _cat_file__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(627);
/* harmony import */ var _git_run__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3073);
/* harmony import */ var _options__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6298);
/**
 * Every credential that ever was in a repository's history, deleted or not: where and when it first
 * appeared, where it was last added, and whether HEAD still holds it.
 *
 * Fast on big histories because every file version is read once, not once per commit:
 * 1. `git log --all --raw` lists, per commit, the blobs it introduced (tree diffs only, no content);
 * 2. `git cat-file --batch` streams each distinct blob once, HEAD's first, then newest to oldest;
 * 3. the caller's matcher (credential regexes with their own prefilter) scans each text blob.
 * A wall-clock budget bounds both steps; whatever was not reached is reported back.
 */






const BINARY_EXT = /\.(png|jpe?g|gif|webp|avif|ico|bmp|tiff?|psd|svgz|mp[34]|m4a|mov|avi|webm|ogg|wav|flac|woff2?|ttf|otf|eot|pdf|zip|gz|tgz|bz2|xz|7z|rar|jar|war|class|so|dylib|dll|exe|bin|wasm|node|pyc|o|a|lib|sqlite3?|db|parquet|onnx|pt|ckpt|safetensors)$/i;
const SKIP_FILES = new Set([
    "package-lock.json",
    "npm-shrinkwrap.json",
    "pnpm-lock.yaml",
    "yarn.lock",
    "bun.lock",
    "bun.lockb",
    "composer.lock",
    "Cargo.lock",
    "poetry.lock",
    "Gemfile.lock",
    "go.sum",
]);
function worthReading(file) {
    if (BINARY_EXT.test(file))
        return false;
    const parts = file.split("/");
    if (SKIP_FILES.has(parts[parts.length - 1]))
        return false;
    return !parts.slice(0, -1).some((p) => _engine_file_kinds__WEBPACK_IMPORTED_MODULE_1__/* .SKIP_DIRS */ .z_.has(p));
}
function looksBinary(buf) {
    const n = Math.min(buf.length, 8000);
    for (let i = 0; i < n; i++)
        if (buf[i] === 0)
            return true;
    return false;
}
/** A path git could check out: relative, `/`-separated, no empty, `.`, `..` or `.git` segment. */
function safeTreePath(file) {
    if (file === "" || file.includes("\0"))
        return false;
    return file.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".." && seg.toLowerCase() !== ".git");
}
const TIMED_OUT = Symbol("timed out");
/** `promise`, or TIMED_OUT once `ms` have passed (git that stops answering must not hang the scan). */
function withDeadline(promise, ms) {
    let timer;
    const deadline = new Promise((resolve) => {
        timer = setTimeout(() => resolve(TIMED_OUT), Math.max(0, ms) + 1_000);
    });
    return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}
async function scanHistory(root, matcher, options = {}, progress) {
    const started = performance.now();
    const budget = options.budgetMs ?? _options__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_HISTORY_BUDGET_MS */ .A;
    const maxBlob = options.maxBlobBytes ?? _options__WEBPACK_IMPORTED_MODULE_4__/* .DEFAULT_MAX_BLOB_BYTES */ .t;
    const every = (options.progressEverySeconds ?? 2) * 1000;
    const elapsed = () => performance.now() - started;
    const overBudget = () => elapsed() > budget;
    let lastProgress = started;
    const tick = (message) => {
        const now = performance.now();
        if (progress && now - lastProgress >= every) {
            lastProgress = now;
            progress(message());
        }
    };
    const result = {
        exposures: [],
        shallow: false,
        commitsRead: 0,
        logComplete: false,
        blobsTotal: 0,
        blobsScanned: 0,
        blobsTooLarge: 0,
        unsafePaths: 0,
        budgetExceeded: false,
        millis: 0,
    };
    const done = () => ((result.millis = elapsed()), result);
    const top = (await (0,_git_run__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(root, ["rev-parse", "--show-toplevel"]))?.trim();
    if (!top) {
        result.unavailable = "the scanned path is not inside a git work tree";
        return done();
    }
    const prefix = node_path__WEBPACK_IMPORTED_MODULE_0__.relative(top, root).split(node_path__WEBPACK_IMPORTED_MODULE_0__.sep).join("/");
    const pathspec = prefix ? ["--", prefix] : [];
    const toRoot = (file) => {
        // Git refuses to check out such names, but a crafted tree object can hold them: a `..` entry
        // would point a finding (and finalisation's read of the file) outside the root.
        if (!safeTreePath(file)) {
            result.unsafePaths++;
            return undefined;
        }
        return !prefix ? file : file.startsWith(prefix + "/") ? file.slice(prefix.length + 1) : undefined;
    };
    result.shallow = (await (0,_git_run__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(top, ["rev-parse", "--is-shallow-repository"]))?.trim() === "true";
    const hasHead = (await (0,_git_run__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(top, ["rev-parse", "--verify", "-q", "HEAD"])) !== undefined;
    // HEAD's blobs, to tell credentials still present from deleted ones.
    const headBlobs = new Map();
    if (hasHead) {
        const tree = (await (0,_git_run__WEBPACK_IMPORTED_MODULE_3__/* .git */ .$Y)(top, ["ls-tree", "-r", "-z", "--full-tree", "HEAD", ...pathspec])) ?? "";
        for (const entry of tree.split("\0")) {
            const m = /^(\d+) blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
            if (!m || m[1] === "160000" || m[1] === "120000")
                continue;
            const file = toRoot(m[3]);
            if (file === undefined || !worthReading(file))
                continue;
            const list = headBlobs.get(m[2]) ?? [];
            list.push(file);
            headBlobs.set(m[2], list);
        }
    }
    // 1. Which commit introduced which blob at which path (newest commits first).
    const commits = [];
    const introductions = new Map();
    const order = [];
    let pendingBlob;
    const log = await (0,_git_run__WEBPACK_IMPORTED_MODULE_3__/* .gitStream */ .dP)(top, [
        "log",
        "--all",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "-z",
        "--root",
        "--no-color",
        "--format=%x01%H %ct",
        ...(prefix ? ["--full-history"] : []),
        ...pathspec,
    ], (token) => {
        const t = token.startsWith("\n") ? token.slice(1) : token;
        if (t.startsWith("\x01")) {
            const [sha, time] = t.slice(1).split(" ");
            commits.push({ sha: sha, time: Number(time) });
            result.commitsRead++;
            pendingBlob = undefined;
            tick(() => `history: listed ${result.commitsRead} commits…`);
            return !overBudget();
        }
        if (t.startsWith(":")) {
            // :<old mode> <new mode> <old blob> <new blob> <status>
            const [, newMode, , newBlob, status] = t.slice(1).split(" ");
            pendingBlob =
                status !== "D" && newMode !== "160000" && newMode !== "120000" && !/^0+$/.test(newBlob ?? "0")
                    ? newBlob
                    : undefined;
            return true;
        }
        if (pendingBlob && commits.length) {
            const file = toRoot(t);
            if (file !== undefined && worthReading(file)) {
                let list = introductions.get(pendingBlob);
                if (!list) {
                    introductions.set(pendingBlob, (list = []));
                    order.push(pendingBlob);
                }
                list.push({ commit: commits.length - 1, file });
            }
            pendingBlob = undefined;
        }
        return true;
    }, 
    // A git that stops producing output never reaches the budget check above.
    { timeoutMs: budget + 5_000 });
    result.logComplete = log.complete;
    result.oldestListed = commits.length ? commits[commits.length - 1].time : undefined;
    if (log.error)
        result.error = log.error;
    if (!log.complete && overBudget())
        result.budgetExceeded = true;
    // 2. Blobs: HEAD's first (they decide "still in HEAD"), then newest to oldest.
    const queue = [];
    const queued = new Set();
    for (const id of [...headBlobs.keys(), ...order]) {
        if (!queued.has(id)) {
            queued.add(id);
            queue.push(id);
        }
    }
    result.blobsTotal = queue.length;
    const exposures = new Map();
    const reader = new _cat_file__WEBPACK_IMPORTED_MODULE_2__/* .BlobReader */ .n(top, budget + 5_000);
    const WINDOW = 32;
    let next = 0;
    const inFlight = [];
    try {
        for (;;) {
            while (inFlight.length < WINDOW && next < queue.length && !result.budgetExceeded) {
                const id = queue[next++];
                inFlight.push({ id, content: reader.read(id) });
            }
            const item = inFlight.shift();
            if (!item)
                break;
            const content = await withDeadline(item.content, budget - elapsed());
            if (content === TIMED_OUT || overBudget()) {
                result.budgetExceeded = true;
                // This one and everything queued after it are left unscanned.
                next = queue.indexOf(item.id);
                inFlight.length = 0;
                break;
            }
            result.blobsScanned++;
            tick(() => `history: scanned ${result.blobsScanned}/${result.blobsTotal} file versions from ${result.commitsRead} commits, ${exposures.size} credential(s) so far…`);
            if (!content)
                continue;
            if (content.length > maxBlob) {
                result.blobsTooLarge++;
                continue;
            }
            if (looksBinary(content))
                continue;
            const intros = introductions.get(item.id) ?? [];
            const heads = headBlobs.get(item.id) ?? [];
            const file = heads[0] ?? intros[0]?.file;
            if (file === undefined)
                continue;
            const text = content.toString("utf8");
            const matches = matcher(text, file);
            if (!matches.length)
                continue;
            const lines = new _engine_text__WEBPACK_IMPORTED_MODULE_5__/* .LineIndex */ .r(text);
            for (const m of matches) {
                const range = lines.range(m.start, m.end);
                let e = exposures.get(m.value);
                for (const intro of intros) {
                    const c = commits[intro.commit];
                    const sighting = { commit: c.sha, time: c.time, file: intro.file, line: range.startLine };
                    if (!e) {
                        e = { match: m, first: sighting, last: sighting, head: [], commits: 0, commitSet: new Set() };
                        exposures.set(m.value, e);
                    }
                    if (c.time < e.first.time)
                        e.first = sighting;
                    if (c.time > e.last.time)
                        e.last = sighting;
                    e.commitSet.add(intro.commit);
                }
                if (heads.length && !e) {
                    // In HEAD but its introducing commit was not listed (budget, shallow clone).
                    const sighting = { commit: "", time: NaN, file: heads[0], line: range.startLine };
                    e = { match: m, first: sighting, last: sighting, head: [], commits: 0, commitSet: new Set() };
                    exposures.set(m.value, e);
                }
                if (!e)
                    continue;
                for (const h of heads)
                    e.head.push({ file: h, ...range });
            }
        }
    }
    finally {
        reader.close();
    }
    if (next < queue.length && result.budgetExceeded) {
        let newest;
        for (const id of queue.slice(next)) {
            for (const intro of introductions.get(id) ?? []) {
                const t = commits[intro.commit].time;
                if (newest === undefined || t > newest)
                    newest = t;
            }
        }
        result.unscannedNewest = newest;
    }
    result.exposures = [...exposures.values()]
        .map(({ commitSet, ...e }) => ({
        ...e,
        commits: commitSet.size,
        head: e.head.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.startLine - b.startLine)),
    }))
        .sort((a, b) => (a.first.time || 0) - (b.first.time || 0) ||
        (a.first.file < b.first.file ? -1 : a.first.file > b.first.file ? 1 : a.first.line - b.first.line));
    progress?.(`history: done in ${(elapsed() / 1000).toFixed(1)} s: ${result.commitsRead} commits, ${result.blobsScanned}/${result.blobsTotal} file versions, ${result.exposures.length} credential(s)`);
    return done();
}


/***/ }),

/***/ 3839:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Aj: () => (/* binding */ readRegularText),
/* harmony export */   FK: () => (/* binding */ isInside),
/* harmony export */   KA: () => (/* binding */ writeRegular),
/* harmony export */   VX: () => (/* binding */ readRegular),
/* harmony export */   aO: () => (/* binding */ realTarget),
/* harmony export */   ac: () => (/* binding */ resolvesInside),
/* harmony export */   lA: () => (/* binding */ isInGitDir),
/* harmony export */   lf: () => (/* binding */ openRegular),
/* harmony export */   rV: () => (/* binding */ FileRefused),
/* harmony export */   vz: () => (/* binding */ realpathOrUndefined),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Reading and writing files the scanned repository controls. Everything in a checkout is the
 * attacker's choice in a pull request: a file may be a symbolic link to /etc/passwd or /dev/zero, a
 * FIFO that blocks the reader forever, or a path with `..` in it. So every read here opens without
 * following a final link and without blocking, accepts regular files only, and stops at a size cap;
 * paths are checked to stay inside the directory they were meant for.
 */


/** Why a file was not read; `code` is a stable word for messages and notification ids. */
class FileRefused extends Error {
    code;
    constructor(code, message) {
        super(message);
        this.code = code;
        this.name = "FileRefused";
    }
}
// O_NOFOLLOW: a final symbolic link fails (ELOOP) instead of being followed. O_NONBLOCK: opening a
// FIFO returns at once instead of waiting for a writer, so fstat can refuse it. Neither exists on
// Windows, where the constants are undefined.
const READ_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) | (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
/** What an open file descriptor is, for messages. */
function kindOf(stat) {
    if (stat.isDirectory())
        return "a directory";
    if (stat.isFIFO())
        return "a FIFO";
    if (stat.isCharacterDevice())
        return "a character device";
    if (stat.isBlockDevice())
        return "a block device";
    if (stat.isSocket())
        return "a socket";
    return "not a regular file";
}
function refusedOpen(err) {
    if (err.code === "ENOENT" || err.code === "ENOTDIR")
        return new FileRefused("not-found", "does not exist");
    if (err.code === "ELOOP" || err.code === "EMLINK")
        return new FileRefused("symlink", "is a symbolic link (links are not followed)");
    return new FileRefused("unreadable", `could not be read (${err.code ?? "error"})`);
}
/**
 * Open `abs` for reading if it is a regular file (not through a final symbolic link, never blocking
 * on a FIFO). Returns the descriptor and its size; throws FileRefused.
 */
function openRegular(abs) {
    let fd;
    try {
        fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(abs, READ_FLAGS);
    }
    catch (err) {
        throw refusedOpen(err);
    }
    try {
        const stat = node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync(fd);
        if (!stat.isFile())
            throw new FileRefused("not-regular", `is ${kindOf(stat)}, not a regular file`);
        return { fd, size: stat.size };
    }
    catch (err) {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
        throw err instanceof FileRefused ? err : refusedOpen(err);
    }
}
/**
 * The contents of a regular file, at most `maxBytes` (a file that grows past the cap while being
 * read is refused too: the size from fstat is not trusted alone).
 */
function readRegular(abs, maxBytes) {
    const { fd, size } = openRegular(abs);
    try {
        if (size > maxBytes)
            throw new FileRefused("too-large", `is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`);
        const buf = Buffer.allocUnsafe(Math.min(size, maxBytes) + 1);
        let got = 0;
        for (;;) {
            const n = node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync(fd, buf, got, buf.length - got, null);
            if (n === 0)
                break;
            got += n;
            if (got > maxBytes)
                throw new FileRefused("too-large", `grew over the ${formatBytes(maxBytes)} limit while read`);
            if (got === buf.length)
                break;
        }
        return buf.subarray(0, got);
    }
    catch (err) {
        throw err instanceof FileRefused ? err : refusedOpen(err);
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
    }
}
/** `readRegular` as UTF-8 text. */
function readRegularText(abs, maxBytes) {
    return readRegular(abs, maxBytes).toString("utf8");
}
/** Whether `child` is `parent` or lies below it (both absolute, same form). */
function isInside(child, parent) {
    const rel = node_path__WEBPACK_IMPORTED_MODULE_1__.relative(parent, child);
    return rel === "" || (rel !== ".." && !rel.startsWith(".." + node_path__WEBPACK_IMPORTED_MODULE_1__.sep) && !node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute(rel));
}
/** The real path of `p`, or undefined when it does not exist. */
function realpathOrUndefined(p) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.realpathSync(p);
    }
    catch {
        return undefined;
    }
}
/**
 * Whether the existing path `abs` lies inside `root` once every symbolic link on the way is
 * resolved (so `root/link-to-etc/passwd` is outside). `root` must be a real path.
 */
function resolvesInside(abs, root) {
    const real = realpathOrUndefined(abs);
    return real !== undefined && isInside(real, root);
}
/**
 * Where a path that need not exist yet would be written: its parent directory's real path joined with
 * its name. Undefined when the parent does not exist.
 */
function realTarget(abs) {
    const parent = realpathOrUndefined(node_path__WEBPACK_IMPORTED_MODULE_1__.dirname(abs));
    return parent === undefined ? undefined : node_path__WEBPACK_IMPORTED_MODULE_1__.join(parent, node_path__WEBPACK_IMPORTED_MODULE_1__.basename(abs));
}
/** Whether a path has a `.git` directory on it (case-insensitive: macOS and Windows file systems). */
function isInGitDir(abs) {
    return abs.split(/[\\/]/).some((seg) => seg.toLowerCase() === ".git");
}
const WRITE_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_WRONLY |
    node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_CREAT |
    node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_TRUNC |
    (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW ?? 0) |
    (node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK ?? 0);
/**
 * Write `text` to `abs` unless its last component is a symbolic link or not a regular file (a link
 * planted in the checkout at the output's path would redirect the write anywhere).
 */
function writeRegular(abs, text) {
    let fd;
    try {
        fd = node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync(abs, WRITE_FLAGS, 0o644);
    }
    catch (err) {
        const e = err;
        if (e.code === "ELOOP" || e.code === "EMLINK")
            throw new FileRefused("symlink", "is a symbolic link: not written");
        throw err;
    }
    try {
        if (!node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync(fd).isFile())
            throw new FileRefused("not-regular", "is not a regular file: not written");
        node_fs__WEBPACK_IMPORTED_MODULE_0__.writeFileSync(fd, text);
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync(fd);
    }
}
function formatBytes(n) {
    if (n >= 1024 * 1024)
        return `${(n / 1024 / 1024).toFixed(1)} MB`;
    if (n >= 1024)
        return `${(n / 1024).toFixed(0)} KB`;
    return `${n} B`;
}


/***/ }),

/***/ 3179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ec: () => (/* binding */ isPublicDevCredential),
/* harmony export */   IC: () => (/* binding */ isSecretReference),
/* harmony export */   M3: () => (/* binding */ REDIS_URL_SHAPE),
/* harmony export */   MN: () => (/* binding */ redisUrlPassword),
/* harmony export */   TP: () => (/* binding */ looksLikeSecretValue),
/* harmony export */   Ue: () => (/* binding */ entropy),
/* harmony export */   Vm: () => (/* binding */ CREDENTIAL_LABEL),
/* harmony export */   dF: () => (/* binding */ CREDENTIAL_SHAPES),
/* harmony export */   gD: () => (/* binding */ findCredentials),
/* harmony export */   sD: () => (/* binding */ UUID_SHAPE),
/* harmony export */   xK: () => (/* binding */ vectorTokenAccess)
/* harmony export */ });
/* unused harmony exports redisTokenAccess, isPlaceholder */
/**
 * Upstash credential shapes: finding them in text, telling write from read-only credentials by
 * decoding them, and recognising placeholders and the public development credentials.
 */
/** Human names for messages. */
const CREDENTIAL_LABEL = {
    "redis-rest-token": "Upstash Redis REST token",
    "redis-password": "Upstash Redis password",
    "qstash-token": "QStash token",
    "qstash-signing-key": "QStash signing key",
    "vector-token": "Upstash Vector/Search token",
    "management-api-key": "Upstash management API key",
};
// Published by Upstash for local development and documentation; reporting them is noise.
const PUBLIC_DEV_CREDENTIALS = new Set([
    "eyJVc2VySUQiOiJkZWZhdWx0VXNlciIsIlBhc3N3b3JkIjoiZGVmYXVsdFBhc3N3b3JkIn0=",
    "sig_7kYjw48mhY7kAjqNGcy6cr29RJ6r",
    "sig_5ZB6DVzB1wjE8S6rZ7eenA8Pdnhs",
    "sig_7RvLjqfZBvP5KEUimQCE1pvpLuou",
    "sig_7W3ZNbfKWk5NWwEs3U4ixuQ7fxwE",
    "AYNgAS2553feg6a2d9842h2a0gcdb5f8efe9934DQ=",
    // Sample credentials printed in Upstash's documentation (upstash/docs): Redis quickstarts.
    "978ba2e07tyrt67598acd8ac916a",
    "AX_sASQgODM5ZjExZGEtMmI3Mi00Mjcwk3NDIxMmEwNmNkYjVmOGVmZTk5MzQ=",
    "d34baef614b6fsdeb01b25",
    // Signing keys of the QStash dev server's built-in test users (upstash/docs, qstash local development).
    "sig_5NoELc3EFnZn4DVS5bDs2Nk4b7Ua",
    "sig_5T8FcSsynBjn9mMLBsXhpacRovJf",
    "sig_6jWGaWRxHsw4vMSPJprXadyvrybF",
    "sig_7GFR4YaDshFcqsxWRZpRB161jguD",
    "sig_7GVPjvuwsfqF65iC8fSrs1dfYruM",
    "sig_7qHbvhmahe5GwfePDiS5Lg3pi6Qx",
]);
// The QStash dev server's users: defaultUser/defaultPassword and testUser<n>/testPassword.
const DEV_QSTASH_USER = /^\{"UserID":"(defaultUser|testUser\d+)","Password":"(defaultPassword|testPassword)"\}$/;
function isPublicDevCredential(value) {
    if (PUBLIC_DEV_CREDENTIALS.has(value) || PUBLIC_DEV_CREDENTIALS.has(value.replace(/=+$/, "")))
        return true;
    return value.startsWith("eyJVc2VySUQi") && DEV_QSTASH_USER.test(Buffer.from(value, "base64").toString("utf8").trim());
}
// Boundaries keep a match from starting or ending inside a longer base64 run. "=" may precede a
// token (`KEY=token`) but may only follow one as padding, which the patterns include.
const B = "(?<![A-Za-z0-9_\\-+/])";
const E = "(?![A-Za-z0-9_\\-+/=])";
/**
 * Redis REST tokens: base64url whose first decoded byte is 0x01 (standard) or 0x02 (read-only).
 * Characters 5–7 are `AAI` in current tokens; older 100-character tokens have `ASQ` or `ACQ` there
 * (bytes 0x01/0x00 then 0x24, the length of the UUID that follows), as in Upstash's own examples.
 */
const REDIS_TOKEN = new RegExp(`${B}A[Q-Za-v][A-Za-z0-9_-]{2}(?:AAI|ASQ|ACQ)[A-Za-z0-9_-]{36,120}={0,2}${E}`, "g");
/** QStash tokens are base64 of {"UserID": …, "Password": …}. */
const QSTASH_TOKEN = new RegExp(`${B}eyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,400}={0,2}${E}`, "g");
// Current keys have 28 base58 characters; older ones (still in Upstash's examples) have 50.
const SIGNING_KEY = /(?<![A-Za-z0-9_])sig_[1-9A-HJ-NP-Za-km-z]{26,56}(?![A-Za-z0-9_])/g;
/** Vector/Search tokens: base64 of 0x00, name length, role length, a tag, the name and the role. */
const VECTOR_TOKEN = new RegExp(`${B}AB[A-Za-z0-9+/_-]{40,300}={0,2}${E}`, "g");
/** The password of a redis:// or rediss:// URL pointing at an Upstash database. */
const REDIS_URL = /\brediss?:\/\/([^:@\s/"'`]*):([^@\s/"'`]{8,})@[A-Za-z0-9.-]+\.upstash\.io\b/g;
function decodeBase64(value) {
    return Buffer.from(value, "base64");
}
/** Decide a Redis REST token's access by its first decoded byte; undefined when it is not one. */
function redisTokenAccess(value) {
    const first = decodeBase64(value.slice(0, 4))[0];
    if (first === 0x01)
        return "write";
    if (first === 0x02)
        return "read-only";
    return undefined;
}
function isQstashToken(value) {
    try {
        const parsed = JSON.parse(decodeBase64(value).toString("utf8"));
        return typeof parsed.UserID === "string" && typeof parsed.Password === "string";
    }
    catch {
        return false;
    }
}
/** Vector/Search token role, read from its decoded header; undefined when it is not one. */
function vectorTokenAccess(value) {
    const bytes = decodeBase64(value);
    if (bytes.length < 8 || bytes[0] !== 0)
        return undefined;
    const nameLength = bytes[1];
    const roleLength = bytes[2];
    const role = bytes.subarray(4 + nameLength, 4 + nameLength + roleLength).toString("latin1");
    if (role === "admin")
        return "write";
    if (role === "readonly")
        return "read-only";
    return undefined;
}
/** Shannon entropy in bits per character; real tokens sit well above 3.5. */
function entropy(value) {
    const counts = new Map();
    for (const ch of value)
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
    let bits = 0;
    for (const n of counts.values()) {
        const p = n / value.length;
        bits -= p * Math.log2(p);
    }
    return bits;
}
const PLACEHOLDER_WORDS = /your|xxx|placeholder|changeme|change_me|example|dummy|redacted|replace|insert|token_here|secret_here|<|>|\*\*\*|\.\.\.|…|\$\{|\$\(|\{\{|%s/i;
/** Placeholders, template references and low-entropy strings are not credentials. */
function isPlaceholder(value) {
    const v = value.trim();
    if (v.length < 8)
        return true;
    if (PLACEHOLDER_WORDS.test(v))
        return true;
    if (/^(.)\1+$/.test(v))
        return true;
    return entropy(v) < 3;
}
/**
 * Placeholders among strings that already have a credential's shape. A random token is one run of
 * base64 characters, so a placeholder word counts only as a word of its own ("your-token-here"), not
 * as letters that happen to occur inside it ("…Xyourb…"): otherwise about one real token in a few
 * hundred would be skipped.
 */
function isPlaceholderToken(value) {
    if (entropy(value) < 3 || /(.)\1{4,}/.test(value))
        return true;
    return /(^|[^A-Za-z0-9])(your|xxx+|placeholder|changeme|example|dummy|redacted|replace|insert|token|secret|here)([^A-Za-z0-9]|$)/i.test(value);
}
function pushMatches(text, regex, out, classify, group = 0) {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m; m = regex.exec(text)) {
        const value = m[group];
        const start = m.index + m[0].indexOf(value);
        if (isPublicDevCredential(value) || isPlaceholderToken(value))
            continue;
        const c = classify(value);
        if (c)
            out.push({ ...c, value, start, end: start + value.length });
    }
}
/**
 * Every Upstash credential literal in `text`, decoded and classified. Placeholders and the public
 * development credentials are left out.
 */
function findCredentials(text) {
    const out = [];
    pushMatches(text, REDIS_TOKEN, out, (v) => {
        const access = redisTokenAccess(v);
        return access && { kind: "redis-rest-token", access };
    });
    pushMatches(text, QSTASH_TOKEN, out, (v) => isQstashToken(v) ? { kind: "qstash-token", access: "write" } : undefined);
    pushMatches(text, SIGNING_KEY, out, () => ({ kind: "qstash-signing-key", access: "write" }));
    pushMatches(text, VECTOR_TOKEN, out, (v) => {
        const access = vectorTokenAccess(v);
        return access && { kind: "vector-token", access };
    });
    REDIS_URL.lastIndex = 0;
    for (let m = REDIS_URL.exec(text); m; m = REDIS_URL.exec(text)) {
        const password = m[2];
        if (isPlaceholder(password) || isPublicDevCredential(password))
            continue;
        const start = m.index + m[0].indexOf(":" + password + "@") + 1;
        out.push({
            kind: "redis-password",
            access: m[1] === "default_ro" ? "read-only" : "write",
            value: password,
            start,
            end: start + password.length,
        });
    }
    return out.sort((a, b) => a.start - b.start);
}
/** Every substring that looks like any supported credential, valid or not: what scrub() hides. */
const CREDENTIAL_SHAPES = [REDIS_TOKEN, QSTASH_TOKEN, SIGNING_KEY, VECTOR_TOKEN];
const REDIS_URL_SHAPE = REDIS_URL;
/** A UUID, the shape of Upstash management (developer) API keys; judged together with the key's name. */
const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Where a value only points at a secret kept elsewhere: CI secret stores, shell and template
// interpolation, secrets managers. Such a value is the right way to configure a credential.
const SECRET_REFERENCE = [
    /\$\{\{/, // GitHub Actions ${{ secrets.X }}, ${{ vars.X }}
    /\$\{[^}]*\}/, // ${VAR}, ${env:VAR}, ${ssm:/path}, ${file(...)}
    /^\$[A-Za-z_][A-Za-z0-9_]*$/, // $VAR
    /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %VAR%
    /\{\{[^}]*\}\}/, // Helm/Jinja/Handlebars {{ .Values.x }}
    /^@[a-z0-9][a-z0-9_-]*$/i, // Vercel's legacy `@secret-name`
    /^(op|vault|sm|ssm|gcpsm|awssm|azurekv|doppler|infisical|bws|secret|secrets):\/\//i,
    /^arn:aws:(secretsmanager|ssm):/i,
    /^projects\/[^/]+\/secrets\//,
    /@Microsoft\.KeyVault\(/i,
    /^(secretKeyRef|valueFrom|!Ref|!Sub|!GetAtt|env\(|var\.|local\.|data\.)/,
];
/** True for values that reference a secret stored elsewhere instead of holding it. */
function isSecretReference(value) {
    const v = value.trim();
    return SECRET_REFERENCE.some((r) => r.test(v));
}
// Words that mark a value as made up, on top of isPlaceholder's list. Only used for values that are
// not a known credential shape: a decoded Upstash token is real whatever it is called.
const MADE_UP = /test|fake|mock|sample|demo|dummy|local|default|secret|password|token|foo|bar|lorem|abc(def)?|123456|qwerty|none|null|undefined|todo|fixme|tbd|^sk_test/i;
/**
 * Whether a literal assigned to a credential-named key looks like a real secret although it has no
 * known Upstash shape: long, random (high entropy, letters and digits), one word, and neither a
 * placeholder, a reference to a secret elsewhere, a URL, a path nor an identifier.
 */
function looksLikeSecretValue(value) {
    const v = value.trim();
    if (v.length < 16 || v.length > 512)
        return false;
    if (/\s/.test(v) || isPlaceholder(v) || isSecretReference(v))
        return false;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || v.startsWith("/") || v.startsWith("./") || v.includes("@"))
        return false;
    // UUIDs are hex: only sequences a person types mark them as made up.
    if (UUID_SHAPE.test(v))
        return !/1234|abcd|(.)\1{5}/i.test(v.replace(/-/g, ""));
    if (MADE_UP.test(v))
        return false;
    if (!/[0-9]/.test(v) || !/[A-Za-z]/.test(v))
        return false;
    // CONSTANT_NAMES, dotted.paths and kebab-case words are names, not secrets.
    if (/^[A-Z0-9_]+$/.test(v) && v.includes("_"))
        return false;
    if (/^[a-z][a-z0-9]*([.-][a-z0-9]+)+$/.test(v))
        return false;
    return entropy(v) >= 3.5;
}
/** The password of a redis:// or rediss:// URL on any host except local ones; undefined otherwise. */
function redisUrlPassword(value) {
    const m = /^rediss?:\/\/([^:@\s/]*):([^@\s/]+)@([^:/\s]+)/.exec(value.trim());
    if (!m)
        return undefined;
    const host = m[3].toLowerCase();
    if (host === "localhost" ||
        host.startsWith("127.") ||
        host === "0.0.0.0" ||
        host === "redis" ||
        host === "host.docker.internal")
        return undefined;
    const password = m[2];
    if (isPlaceholder(password) || isPublicDevCredential(password))
        return undefined;
    return {
        password,
        offset: value.indexOf(value.trim()) + m[0].indexOf(":" + password + "@") + 1,
        readOnly: m[1] === "default_ro",
    };
}


/***/ }),

/***/ 3807:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   OI: () => (/* binding */ CANONICAL_CREDENTIAL_NAMES),
/* harmony export */   Ue: () => (/* binding */ frameworkOfPrefix),
/* harmony export */   _m: () => (/* binding */ isReadOnlyName),
/* harmony export */   fE: () => (/* binding */ clientPrefixOf),
/* harmony export */   nw: () => (/* binding */ credentialOfEnvName)
/* harmony export */ });
/* unused harmony export CLIENT_PREFIXES */
/** Prefixes a framework exposes to client code, longest first. */
const CLIENT_PREFIXES = [
    { prefix: "PLASMO_PUBLIC_", framework: "Plasmo" },
    { prefix: "NEXT_PUBLIC_", framework: "Next.js" },
    { prefix: "NUXT_PUBLIC_", framework: "Nuxt" },
    { prefix: "EXPO_PUBLIC_", framework: "Expo" },
    { prefix: "REACT_APP_", framework: "Create React App" },
    { prefix: "VUE_APP_", framework: "Vue CLI" },
    { prefix: "GATSBY_", framework: "Gatsby" },
    { prefix: "VITE_", framework: "Vite" },
    { prefix: "WXT_", framework: "WXT" },
    { prefix: "PUBLIC_", framework: "SvelteKit/Astro" },
];
const READ_ONLY = /READ_?ONLY|READONLY|(^|_)RO(_|$)/;
/** The client-exposed prefix of a name, if any. */
function clientPrefixOf(name, extraPrefixes = []) {
    for (const p of extraPrefixes)
        if (p && name.startsWith(p))
            return p;
    return CLIENT_PREFIXES.find((p) => name.startsWith(p.prefix))?.prefix;
}
/** Whether a name means a read-only credential (`…_READ_ONLY_TOKEN`, `…READONLY…`, `_RO_`). */
function isReadOnlyName(name) {
    return READ_ONLY.test(name);
}
/**
 * The Upstash credential an env var name holds, judged by the name alone (with any client prefix
 * removed). URLs of REST endpoints are not credentials; connection URLs embed the password.
 */
function credentialOfEnvName(name) {
    const upper = name.toUpperCase();
    const access = isReadOnlyName(upper) ? "read-only" : "write";
    const ro = access === "read-only" ? "read-only " : "write ";
    if (/QSTASH_(CURRENT_|NEXT_)?SIGNING_KEY/.test(upper))
        return { kind: "qstash-signing-key", access: "write", label: "QStash signing key" };
    if (/QSTASH_TOKEN/.test(upper))
        return { kind: "qstash-token", access, label: `QStash ${ro}token` };
    if (/UPSTASH_(VECTOR|SEARCH)\w*TOKEN/.test(upper))
        return { kind: "vector-token", access, label: `Upstash ${/VECTOR/.test(upper) ? "Vector" : "Search"} ${ro}token` };
    if (/UPSTASH_(MANAGEMENT_)?API_KEY|UPSTASH_MANAGEMENT_KEY/.test(upper))
        return { kind: "management-api-key", access: "write", label: "Upstash management API key" };
    if (/(UPSTASH_REDIS\w*|KV_REST_API\w*|UPSTASH\w*REST)_TOKEN|^(\w+_)?KV_TOKEN$/.test(upper))
        return { kind: "redis-rest-token", access, label: `Redis REST ${ro}token` };
    if (/(^|_)(KV_URL|UPSTASH_REDIS_URL|UPSTASH_REDIS_TLS_URL)$|UPSTASH_REDIS_PASSWORD/.test(upper)) {
        return { kind: "redis-password", access, label: "Redis connection URL/password" };
    }
    return undefined;
}
/** The framework that exposes a built-in client prefix, e.g. "Next.js" for NEXT_PUBLIC_. */
function frameworkOfPrefix(prefix) {
    return CLIENT_PREFIXES.find((p) => p.prefix === prefix)?.framework;
}
/**
 * The names the Upstash SDKs and Vercel's integration read: a client prefix that any of these start
 * with (or an empty one) exposes a credential.
 */
const CANONICAL_CREDENTIAL_NAMES = [
    "UPSTASH_REDIS_REST_TOKEN",
    "UPSTASH_VECTOR_REST_TOKEN",
    "UPSTASH_SEARCH_REST_TOKEN",
    "KV_REST_API_TOKEN",
    "KV_URL",
    "QSTASH_TOKEN",
    "QSTASH_CURRENT_SIGNING_KEY",
    "QSTASH_NEXT_SIGNING_KEY",
];


/***/ }),

/***/ 4200:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CN: () => (/* binding */ scrubShapes),
/* harmony export */   E$: () => (/* binding */ redact),
/* harmony export */   ks: () => (/* binding */ SecretRegistry)
/* harmony export */ });
/* harmony import */ var _credentials__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3179);
/**
 * The one redaction path every output channel goes through: SARIF, text, JSON, baseline, job
 * summary, annotations, logs and error messages, and every kind of string in them — messages,
 * excerpts, file paths, suppression reasons, notifications. A secret is shown as its first 4
 * characters, "…" and its length, enough to recognise it in a vault without making it usable.
 *
 * Two nets: the secrets the scan met (registered by detectors, found anywhere in the text), and every
 * credential-shaped substring, known or not. The shapes here are looser than the detection shapes in
 * credentials.ts: detection must not call half a base64 blob a token, but hiding too much is harmless
 * and hiding too little is a leak. In particular a token is hidden next to `/`, `+`, `=` and `_`, so
 * that a file or directory named after a token (`src/<token>.ts`, `sig_<key>_old.ts`) is hidden too.
 *
 * Every pattern is linear in the text: a repeated name (`tokentoken…`, 400 KB of it) must not make
 * redaction quadratic.
 */

/** The redacted form of one secret, e.g. `AX5z…(62 chars)`. */
function redact(secret) {
    return `${secret.slice(0, 4)}…(${secret.length} chars)`;
}
const SCRUB_SHAPES = [
    // Redis REST tokens (base64url; first decoded byte 0x01/0x02, see credentials.ts).
    { regex: /(?<![A-Za-z0-9_-])A[Q-Za-v][A-Za-z0-9_-]{2}(?:AAI|ASQ|ACQ)[A-Za-z0-9_-]{36,120}={0,2}/g },
    // QStash tokens: base64 of {"UserID": …}.
    { regex: /(?<![A-Za-z0-9])eyJVc2VySUQiOi[A-Za-z0-9+/_-]{20,1000}={0,2}/g },
    // QStash signing keys, wherever they start and however they end.
    { regex: /sig_[1-9A-HJ-NP-Za-km-z]{26,56}/g },
    // Vector/Search tokens. The shape ("AB" and 40 base64 characters) also fits a long path that
    // happens to start with "AB" (`ABTests/components/…`): a match with a "/" in it is kept unless it
    // decodes as a token.
    {
        regex: /(?<![A-Za-z0-9])AB[A-Za-z0-9+/_-]{40,300}={0,2}/g,
        keep: (m) => m.includes("/") && (0,_credentials__WEBPACK_IMPORTED_MODULE_0__/* .vectorTokenAccess */ .xK)(m) === undefined,
    },
    // GitHub tokens (the Action's own, or one echoed back in an API error).
    { regex: /\b(?:gh[pousr]_[A-Za-z0-9]{30,255}|github_pat_[A-Za-z0-9_]{20,255})/g },
];
// Values assigned to names that hold credentials, e.g. `QSTASH_TOKEN=...` or `token: "..."`. The
// name's tail is bounded: `[A-Za-z0-9_]*` backtracked over a long word at every "token" in it. The
// value is on the name's line: whole reports are scrubbed, and `TOKEN=` ending one line must not hide
// the path that starts the next.
const NAMED_SECRET = /((?:token|secret|password|passwd|signing_?key|api_?key)[A-Za-z0-9_]{0,64}["']?[ \t]{0,16}[:=][ \t]{0,16}["'`]?)([^\s"'`,;)}\]]{12,})/gi;
/** Registered secrets are indexed by their first characters once there are many of them. */
const PREFIX = 8;
const FEW = 16;
/** Secrets the scan met (registered by detectors), hidden wherever they appear in output. */
class SecretRegistry {
    secrets = new Set();
    byPrefix;
    add(secret) {
        if (secret.length >= PREFIX && !this.secrets.has(secret)) {
            this.secrets.add(secret);
            this.byPrefix = undefined;
        }
    }
    addAll(secrets) {
        for (const s of secrets)
            this.add(s);
    }
    get size() {
        return this.secrets.size;
    }
    /** The secrets themselves, for --verify alone (it sends each only to Upstash's own hosts): never print them. */
    values() {
        return this.secrets.values();
    }
    /** `text` with every registered secret and every credential-shaped substring redacted. */
    scrub(text) {
        return scrubShapes(this.secrets.size <= FEW ? this.scrubFew(text) : this.scrubMany(text));
    }
    scrubFew(text) {
        let out = text;
        for (const secret of this.secrets)
            if (out.includes(secret))
                out = out.split(secret).join(redact(secret));
        return out;
    }
    /** One pass over the text whatever the number of secrets (thousands, in a repository of tokens). */
    scrubMany(text) {
        if (!this.byPrefix) {
            this.byPrefix = new Map();
            // Longest first, so a secret that extends another is hidden whole.
            for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) {
                const key = s.slice(0, PREFIX);
                const list = this.byPrefix.get(key);
                if (list)
                    list.push(s);
                else
                    this.byPrefix.set(key, [s]);
            }
        }
        let out = "";
        let last = 0;
        for (let i = 0; i + PREFIX <= text.length;) {
            const candidates = this.byPrefix.get(text.slice(i, i + PREFIX));
            const hit = candidates?.find((s) => text.startsWith(s, i));
            if (hit) {
                out += text.slice(last, i) + redact(hit);
                i += hit.length;
                last = i;
            }
            else
                i++;
        }
        return last === 0 ? text : out + text.slice(last);
    }
}
// A value next to a credential-ish name is hidden only when it looks random, so excerpts such as
// `token: process.env.QSTASH_TOKEN` stay readable.
function looksSecret(value) {
    if (value.includes("…("))
        return false;
    // Code: `process.env.X`, `config.token`, a call, or a short identifier.
    if (/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)+\(?$/.test(value) || /\($/.test(value))
        return false;
    if (/^[A-Za-z_$][\w$]*$/.test(value) && value.length < 24)
        return false;
    return /\d/.test(value) && /[A-Za-z]/.test(value) && (0,_credentials__WEBPACK_IMPORTED_MODULE_0__/* .entropy */ .Ue)(value) >= 3.5;
}
/** Redact everything credential-shaped in `text`, known or not. Idempotent. */
function scrubShapes(text) {
    let out = text;
    for (const { regex, keep } of SCRUB_SHAPES)
        out = out.replace(regex, (m) => (keep?.(m) ? m : redact(m)));
    out = out.replace(new RegExp(_credentials__WEBPACK_IMPORTED_MODULE_0__/* .REDIS_URL_SHAPE */ .M3.source, "g"), (m, user, password) => m.replace(`${user}:${password}@`, `${user}:${redact(password)}@`));
    out = out.replace(NAMED_SECRET, (m, head, value) => (looksSecret(value) ? head + redact(value) : m));
    return out;
}


/***/ }),

/***/ 2276:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   V: () => (/* binding */ credentialRef),
/* harmony export */   Z: () => (/* binding */ credentialId)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/**
 * What a detector hands `--verify` about a credential it reports: a hash of the secret (never the
 * secret) and the endpoint written beside it in the same text. Cheap enough to do for every credential
 * found, verification or not: a hash and a search of the text around it.
 */

/** The key under which a secret is verified once per scan. */
function credentialId(value) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)("sha256").update(value).digest("hex");
}
/**
 * How far around a credential its URL is looked for (both ways): env files and `new Redis({ url, token })`
 * keep them close, and a bounded window keeps a file of thousands of tokens linear.
 */
const WINDOW = 4_096;
/**
 * The name a value at `start` is assigned to on its line: `NAME=`, `name: "`, `"name": "`, `ENV NAME `.
 * Read backwards by hand, a bounded number of characters: an end-anchored pattern would be tried at
 * every position of the line, and minified files have lines of a megabyte.
 */
function keyBefore(text, start) {
    const low = Math.max(0, start - 160);
    let i = start - 1;
    const ch = (j) => (j >= low ? text.charAt(j) : "\n");
    const blanks = () => {
        const from = i;
        while (ch(i) === " " || ch(i) === "\t")
            i--;
        return from - i;
    };
    if (ch(i) === '"' || ch(i) === "'" || ch(i) === "`")
        i--;
    const before = blanks();
    if (ch(i) === ":" || ch(i) === "=") {
        i--;
        blanks();
    }
    else if (before === 0)
        return undefined;
    if (ch(i) === '"' || ch(i) === "'")
        i--;
    const end = i + 1;
    while (i >= low && /[\w$.-]/.test(ch(i)))
        i--;
    const name = text.slice(i + 1, end);
    return /^[A-Za-z_$]/.test(name) ? name : undefined;
}
function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
/**
 * The nearest match of `re` (global) to `at` within the window, as group 1; `starts` says whether a
 * match may begin where it does (the character before it, tested here: a look-behind at the start of
 * the pattern would be tried at every position and cost several times the search).
 */
function nearest(text, re, at, starts = () => true) {
    const from = Math.max(0, at - WINDOW);
    const part = text.slice(from, at + WINDOW);
    if (!part.includes("://"))
        return undefined;
    let best;
    for (const m of part.matchAll(re)) {
        if (!starts(part.charAt(m.index - 1)))
            continue;
        const distance = Math.abs(from + m.index - at);
        if (!best || distance < best.distance)
            best = { distance, value: m[1] };
    }
    return best?.value;
}
// A literal URL as a value: the scheme is kept so the policy can refuse http:// and others.
const URL_VALUE = `["'\`]?([a-z][a-z0-9+.-]*://[^\\s"'\`,;)}\\]]*)`;
/**
 * The URL assigned, beside the token, to the name that pairs with the token's own name: TOKEN → URL
 * (UPSTASH_REDIS_REST_TOKEN → UPSTASH_REDIS_REST_URL, KV_REST_API_READ_ONLY_TOKEN → KV_REST_API_URL,
 * QSTASH_TOKEN → QSTASH_URL, `token` → `url` or `baseUrl` in `new Redis({ url, token })` and
 * `new Client({ baseUrl, token })`).
 */
function pairedByName(text, start) {
    const key = keyBefore(text, start);
    const prefix = key && /^(.*?)(?:_?read_?only)?_?token$/i.exec(key.slice(key.lastIndexOf(".") + 1))?.[1];
    if (prefix === undefined || prefix === null)
        return undefined;
    const re = new RegExp(`${escapeRegExp(prefix)}_?(?:base_?)?url["']?\\s*(?:[:=]|\\s)\\s*${URL_VALUE}`, "gi");
    // Whole names only: NEXT_PUBLIC_URL is not `url`.
    return nearest(text, re, start, (before) => !/[\w$]/.test(before));
}
/**
 * A Redis REST URL whose host carries the token's database number (see endpoints.ts), anywhere near
 * it: the URL of the same env file or module under any name.
 */
function sameDatabaseUrl(text, start, token) {
    const bytes = Buffer.from(token.slice(0, 4), "base64url");
    if (bytes.length < 3)
        return undefined;
    const re = new RegExp(`((?:https?|rediss?)://(?:[^\\s"'\`@/]*@)?[a-z0-9-]+-${bytes.readUInt16BE(1)}\\.upstash\\.io)(?![\\w-])`, "gi");
    const found = nearest(text, re, start);
    // A rediss://user:password@host URL names the REST host too; never keep its password.
    return found?.replace(/^rediss?:\/\/(?:[^@]*@)?/i, "https://");
}
/** The host of the rediss:// URL whose password is at `start`…`end`, as an https:// URL. */
function passwordHost(text, end) {
    const host = /^@([A-Za-z0-9.-]+)/.exec(text.slice(end, end + 256))?.[1];
    return host ? `https://${host}` : undefined;
}
/**
 * The reference for a credential found at `start`…`end` of `text` (`value` is the secret). `shaped`
 * is false for a real-looking value under a credential name without a known Upstash shape.
 */
function credentialRef(c, text, start, end) {
    let url;
    if (c.kind === "redis-password")
        url = passwordHost(text, end);
    else if (c.kind === "redis-rest-token")
        url = pairedByName(text, start) ?? sameDatabaseUrl(text, start, c.value);
    else if (c.kind === "qstash-token")
        url = pairedByName(text, start);
    return {
        id: credentialId(c.value),
        kind: c.kind,
        access: c.access,
        shaped: c.basis !== "name",
        ...(url ? { url } : {}),
    };
}


/***/ })

};
;