"use strict";
exports.id = 867;
exports.ids = [867];
exports.modules = {

/***/ 7867:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  OUTPUTS: () => (/* binding */ OUTPUTS),
  checkoutPath: () => (/* binding */ checkoutPath),
  pullRequestNumber: () => (/* binding */ pullRequestNumber),
  run: () => (/* binding */ main_run),
  sourceRoot: () => (/* binding */ sourceRoot)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/engine/scan.ts + 2 modules
var scan = __webpack_require__(4911);
// EXTERNAL MODULE: ./src/engine/base-findings.ts + 1 modules
var base_findings = __webpack_require__(3328);
// EXTERNAL MODULE: ./src/io/files.ts
var files = __webpack_require__(3839);
// EXTERNAL MODULE: ./src/engine/analyze.ts
var analyze = __webpack_require__(138);
// EXTERNAL MODULE: ./src/config/load.ts + 2 modules
var load = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/sarif/build.ts
var build = __webpack_require__(765);
// EXTERNAL MODULE: ./src/output/gate.ts
var gate = __webpack_require__(1994);
// EXTERNAL MODULE: ./src/output/text.ts
var output_text = __webpack_require__(218);
// EXTERNAL MODULE: ./src/secrets/redact.ts
var redact = __webpack_require__(4200);
// EXTERNAL MODULE: ./src/rules/index.ts + 6 modules
var rules = __webpack_require__(131);
;// CONCATENATED MODULE: ./src/github/inputs.ts
/**
 * The Action's inputs: one table, so that adding an input is one line here and one in action.yml
 * (a test keeps the two in step). Values come from the runner's `INPUT_<NAME>` variables.
 */


const UPLOAD_MODES = ["auto", "true", "false"];
/** A bad input value: the step fails with this message before scanning. */
class InputError extends Error {
}
const inputs_text = (def) => ({ default: def, parse: (v) => v });
function choice(values, def) {
    return {
        default: def,
        parse(value, name) {
            const v = value.toLowerCase();
            if (values.includes(v))
                return v;
            throw new InputError(`input "${name}" must be one of ${values.join(", ")}, not "${value}"`);
        },
    };
}
function bool(def) {
    return {
        default: String(def),
        parse(value, name) {
            // The YAML 1.2 core schema's booleans, as core.getBooleanInput accepts them.
            if (["true", "True", "TRUE"].includes(value))
                return true;
            if (["false", "False", "FALSE"].includes(value))
                return false;
            throw new InputError(`input "${name}" must be true or false, not "${value}"`);
        },
    };
}
/** An optional input that, when given, must match `re`; `what` says what it must be. */
function pattern(re, what) {
    return {
        default: "",
        parse(value, name) {
            if (value === "" || re.test(value))
                return value;
            throw new InputError(`input "${name}" must be ${what}, not "${value}"`);
        },
    };
}
/** Every input, its default (the same as action.yml's) and how it is checked. */
const INPUTS = {
    path: inputs_text("."),
    "fail-on": choice(gate/* FAIL_ON_VALUES */.Qm, "high"),
    "sarif-file": inputs_text("upstash-scan.sarif"),
    upload: choice(UPLOAD_MODES, "auto"),
    // Empty: derived from the workflow, job, matrix values and path (see category.ts).
    category: inputs_text(""),
    // action.yml defaults this to ${{ github.token }}; outside a workflow there is none.
    token: inputs_text(""),
    config: inputs_text(""),
    "wait-for-processing": bool(true),
    "gate-on": choice(["all", "new"], "all"),
    baseline: inputs_text(""),
    "scan-history": bool(false),
    verify: bool(false),
    ref: pattern(/^refs\/(heads|tags)\/[^\s~^:?*[\\]+$|^refs\/pull\/\d+\/(merge|head)$/, "a full ref: refs/heads/<branch>, refs/tags/<tag>, refs/pull/<number>/merge or refs/pull/<number>/head"),
    sha: pattern(/^([0-9a-fA-F]{40}|[0-9a-fA-F]{64})$/, "a full commit SHA (40 hexadecimal digits, 64 in SHA-256 repositories)"),
    "checkout-path": inputs_text(""),
    comment: bool(false),
    // action.yml defaults this to ${{ toJson(matrix) }}; read only for the default category.
    matrix: inputs_text(""),
    suggest: bool(false),
};
/** All inputs, validated. Throws InputError naming the first bad one. */
function readInputs(get = (name) => core.getInput(name)) {
    const out = {};
    for (const [name, spec] of Object.entries(INPUTS)) {
        const raw = get(name).trim();
        out[name] = spec.parse(raw === "" ? spec.default : raw, name);
    }
    const inputs = out;
    // As codeql-action's upload-sarif: a ref without its commit (or the reverse) cannot be uploaded.
    if (Boolean(inputs.ref) !== Boolean(inputs.sha))
        throw new InputError(`inputs "ref" and "sha" go together: ${inputs.ref ? `"ref" is ${inputs.ref} but "sha" is empty` : `"sha" is ${inputs.sha} but "ref" is empty`}`);
    inputs.sha = inputs.sha.toLowerCase();
    return inputs;
}

// EXTERNAL MODULE: ./src/git/run.ts
var run = __webpack_require__(3073);
;// CONCATENATED MODULE: ./src/github/context.ts
/**
 * What the runner tells a step about its run (GITHUB_* variables and the event payload), and which
 * ref and commit an upload belongs to for each kind of event.
 */


/** Event payloads above this are not read (GitHub caps webhook payloads at 25 MB). */
const MAX_EVENT_BYTES = 32 * 1024 * 1024;
const obj = (v) => v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
const str = (v) => (typeof v === "string" ? v : undefined);
const num = (v) => typeof v === "number" && Number.isSafeInteger(v) && v > 0 ? v : undefined;
const sha = (v) => typeof v === "string" && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(v) ? v : undefined;
/**
 * The fields this Action reads, each of the type it expects or absent: a payload of another shape
 * (null, an array, a string where an object belongs) must not crash the run or drop the gate.
 */
function sanitizeEvent(raw) {
    const e = obj(raw) ?? {};
    const out = {};
    if (num(e.number) !== undefined)
        out.number = num(e.number);
    const pr = obj(e.pull_request);
    if (pr) {
        const side = (v) => {
            const o = obj(v);
            if (!o)
                return undefined;
            const repo = obj(o.repo);
            return {
                sha: sha(o.sha),
                ref: str(o.ref),
                // A deleted fork shows as a null head repository (see readOnlyTokenCause).
                repo: o.repo === null ? null : repo ? { full_name: str(repo.full_name) } : undefined,
            };
        };
        const base = side(pr.base);
        out.pull_request = {
            number: num(pr.number),
            head: side(pr.head),
            base: base && { sha: base.sha, ref: base.ref, repo: base.repo ?? undefined },
            merge_commit_sha: pr.merge_commit_sha === null ? null : sha(pr.merge_commit_sha),
        };
    }
    const repository = obj(e.repository);
    if (repository)
        out.repository = {
            default_branch: str(repository.default_branch),
            full_name: str(repository.full_name),
            ...(typeof repository.private === "boolean" ? { private: repository.private } : {}),
            ...(typeof repository.archived === "boolean" ? { archived: repository.archived } : {}),
        };
    const sender = obj(e.sender);
    if (sender)
        out.sender = { login: str(sender.login) };
    return out;
}
/**
 * The run's context from the environment. A missing, unreadable, oversized or malformed event file
 * gives an empty payload (and the fields of a payload are checked one by one, see sanitizeEvent).
 */
function readRunContext(env = process.env, cwd = process.cwd()) {
    let event = {};
    if (env.GITHUB_EVENT_PATH) {
        try {
            event = sanitizeEvent(JSON.parse((0,files/* readRegularText */.Aj)(env.GITHUB_EVENT_PATH, MAX_EVENT_BYTES)));
        }
        catch {
            event = {};
        }
    }
    const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
    return {
        workspace: env.GITHUB_WORKSPACE || cwd,
        repository: owner && repo ? { owner, repo } : undefined,
        serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
        apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
        eventName: env.GITHUB_EVENT_NAME ?? "",
        event,
        ref: env.GITHUB_REF || undefined,
        sha: env.GITHUB_SHA || undefined,
        actor: env.GITHUB_ACTOR || undefined,
    };
}
/** The commit checked out at `dir`, or undefined when git cannot tell (no checkout, no git). */
function gitHead(dir) {
    const out = (0,run/* tryGitSync */.HT)(dir, ["rev-parse", "--verify", "--quiet", "HEAD^{commit}"], { timeoutMs: 10_000 })?.trim();
    return out && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : undefined;
}
const MERGE_REF = /^refs\/pull\/(\d+)\/merge$/;
/**
 * The ref and commit that code scanning files an upload under. `head` is the commit actually
 * checked out (git rev-parse HEAD), which wins over GITHUB_SHA: the analysis describes what was
 * scanned. Returns a string explaining what is missing when there is no usable ref or commit.
 */
function uploadTarget(ctx, head) {
    const sha = head ?? ctx.sha;
    if (!sha)
        return "neither GITHUB_SHA nor a git checkout tells which commit was scanned";
    const pr = ctx.event.pull_request;
    const number = pr?.number ?? ctx.event.number;
    // pull_request (and the review events): GITHUB_REF is the merge ref and GITHUB_SHA its test merge
    // commit. actions/checkout checks that merge commit out unless told to take the head instead.
    const merge = ctx.ref ? MERGE_REF.exec(ctx.ref) : null;
    if (merge) {
        if (head && ctx.sha && head !== ctx.sha)
            return {
                ref: `refs/pull/${merge[1]}/head`,
                sha: head,
                reason: `the checkout (${context_short(head)}) is not the merge commit ${context_short(ctx.sha)}: the pull request head was scanned`,
            };
        return { ref: ctx.ref, sha, reason: "the pull request's merge commit was scanned" };
    }
    // pull_request_target runs in the base branch's context (GITHUB_REF/GITHUB_SHA are the base);
    // workflows that scan the contribution check out its head (or merge commit) explicitly.
    if (ctx.eventName === "pull_request_target" && number !== undefined && head && head !== ctx.sha) {
        if (pr?.merge_commit_sha && head === pr.merge_commit_sha)
            return { ref: `refs/pull/${number}/merge`, sha: head, reason: "the pull request's merge commit was checked out" };
        return {
            ref: `refs/pull/${number}/head`,
            sha: head,
            reason: "the pull request head was checked out (not the base branch)",
        };
    }
    // push, merge_group, schedule, workflow_dispatch and the rest: the ref the run is for. Scheduled
    // runs on the default branch may lack GITHUB_REF in some setups; the payload names the branch.
    const ref = ctx.ref ?? (ctx.event.repository?.default_branch ? `refs/heads/${ctx.event.repository.default_branch}` : undefined);
    if (!ref)
        return "GITHUB_REF is not set, so the branch or tag of this run is unknown";
    if (!/^refs\/(heads|tags|pull)\//.test(ref))
        return `GITHUB_REF "${ref}" is not a branch, tag or pull request ref`;
    return { ref, sha, reason: `${ctx.eventName || "this"} event` };
}
function context_short(sha) {
    return sha.slice(0, 7);
}
/** Whether this run's token is read-only by design: a pull request from a fork, or Dependabot. */
function readOnlyTokenCause(ctx) {
    if (ctx.actor === "dependabot[bot]" || ctx.event.sender?.login === "dependabot[bot]")
        return "dependabot";
    const pr = ctx.event.pull_request;
    if (ctx.eventName.startsWith("pull_request") && ctx.eventName !== "pull_request_target" && pr) {
        const head = pr.head?.repo;
        const base = pr.base?.repo?.full_name;
        // Compare names, not `fork`: a repository that is itself a fork has fork=true on its own
        // branches. A deleted fork shows as a null head repository.
        if (head === null || (head?.full_name && base && head.full_name !== base))
            return "fork";
    }
    return undefined;
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
;// CONCATENATED MODULE: ./src/github/http.ts
/**
 * The fetch the API client uses. An API answer is input like any other: it may redirect the upload
 * to another host, stream an endless body, or echo the request's Authorization header back. So:
 * redirects are refused (the SARIF and the token go to GITHUB_API_URL and nowhere else), bodies are
 * read up to a cap and then cut off, and the status and headers are kept for retry decisions.
 */
/** GitHub's answers to these calls are a few KB (a page of pull-request files, a few MB at most). */
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** A refused response: not retried (the same request would meet the same answer). */
class ResponseRefused extends Error {
    constructor(message) {
        super(message);
        this.name = "ResponseRefused";
    }
}
async function readCapped(res, max) {
    if (!res.body)
        return new Uint8Array(0);
    const declared = Number(res.headers.get("content-length"));
    if (Number.isFinite(declared) && declared > max) {
        await res.body.cancel().catch(() => undefined);
        throw new ResponseRefused(`the response body (${declared} bytes) is over the ${max}-byte limit`);
    }
    const reader = res.body.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done)
            break;
        total += value.byteLength;
        if (total > max) {
            await reader.cancel().catch(() => undefined);
            throw new ResponseRefused(`the response body went over the ${max}-byte limit and was cut off`);
        }
        chunks.push(value);
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) {
        out.set(c, at);
        at += c.byteLength;
    }
    return out;
}
/** A fetch that follows no redirect and reads at most `maxBytes` of a body. */
function guardedFetch(maxBytes = MAX_RESPONSE_BYTES, base = fetch) {
    return async (input, init) => {
        const res = await base(input, { ...init, redirect: "manual" });
        if (res.status >= 300 && res.status < 400 && res.status !== 304) {
            await res.body?.cancel().catch(() => undefined);
            // Where it pointed is not repeated: the header is the server's text.
            throw new ResponseRefused(`the API answered HTTP ${res.status} (a redirect); redirects are not followed`);
        }
        const body = await readCapped(res, maxBytes);
        return new Response(res.status === 204 || res.status === 205 ? null : body, {
            status: res.status,
            statusText: res.statusText,
            headers: res.headers,
        });
    };
}

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/github/api.ts


/** A failed API call: an HTTP status with GitHub's message, or a network failure/timeout (no status). */
class ApiError extends Error {
    status;
    documentationUrl;
    /** Set when the answer said how long to wait (Retry-After, or the rate limit's reset time). */
    retryAfterMs;
    /** Set for answers that are refused outright (a redirect, an oversized body): never retried. */
    refused = false;
    constructor(message, status, documentationUrl) {
        super(message);
        this.status = status;
        this.documentationUrl = documentationUrl;
        this.name = "ApiError";
    }
    /**
     * 5xx and network errors are worth retrying, and so is a rate limit that says when it ends; other
     * 4xx answers will not change.
     */
    get retryable() {
        if (this.refused)
            return false;
        if (this.retryAfterMs !== undefined && (this.status === 429 || this.status === 403))
            return true;
        return this.status === undefined || this.status >= 500;
    }
}
/** GitHub's error messages as shown to users: one line, at most this long. */
const MAX_MESSAGE_CHARS = 300;
function oneLine(s) {
    const line = s.replace(/\s+/g, " ").trim();
    return line.length > MAX_MESSAGE_CHARS ? line.slice(0, MAX_MESSAGE_CHARS) + "…" : line;
}
/** How long a 429 or 403 answer asks to wait: Retry-After seconds, or x-ratelimit-reset when none remain. */
function retryAfterMs(headers, now = Date.now()) {
    if (!headers)
        return undefined;
    const after = headers["retry-after"];
    if (typeof after === "string" && /^\d+$/.test(after.trim()))
        return Number(after.trim()) * 1000;
    if (typeof after === "string") {
        const at = Date.parse(after);
        if (Number.isFinite(at))
            return Math.max(0, at - now);
    }
    const reset = headers["x-ratelimit-reset"];
    if (headers["x-ratelimit-remaining"] === "0" && typeof reset === "string" && /^\d+$/.test(reset))
        return Math.max(0, Number(reset) * 1000 - now);
    return undefined;
}
function isRetryable(err) {
    return err instanceof ApiError && err.retryable;
}
/**
 * Octokit's RequestError into an ApiError. Octokit reports network failures and aborted requests as
 * status 500 without a response; those become status-less, so messages do not claim a server error.
 */
function toApiError(err) {
    if (err instanceof ApiError)
        return err;
    const e = err;
    const status = typeof e.status === "number" && e.response ? e.status : undefined;
    const data = (e.response?.data ?? undefined);
    // GitHub's own JSON message, shortened; never a raw body (an HTML page, or text that echoes the
    // request's headers back).
    const said = data && typeof data === "object" && typeof data.message === "string" ? oneLine(data.message) : undefined;
    const refused = e.cause?.name === "ResponseRefused";
    let message;
    if (said)
        message = said;
    else if (refused)
        message = oneLine(e.cause.message);
    else if (status !== undefined)
        message = `no error message (the answer was not GitHub's JSON)`;
    else if (/abort|timeout/i.test(`${e.name} ${e.message}`))
        message = "request timed out or was aborted";
    else
        message = oneLine(e.message ?? String(err));
    const docs = typeof data?.documentation_url === "string" ? data.documentation_url : undefined;
    const out = new ApiError(message, status, docs);
    out.refused = refused;
    if (status === 429 || status === 403)
        out.retryAfterMs = retryAfterMs(e.response?.headers);
    out.cause = err;
    return out;
}
/**
 * The one Octokit every API client uses, through @actions/github (imported here and only here, on
 * first use). Its fetch is guarded (see http.ts): answers are size-capped and redirects refused, so a
 * hostile or broken API cannot exhaust memory or receive the SARIF and the token on another host.
 * Octokit's own retry and throttling plugins are not loaded: retries are ours (see retry.ts).
 */
async function client(token, baseUrl) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    return getOctokit(token, { baseUrl, userAgent: `${version/* TOOL_NAME */.lH}/${version/* VERSION */.xv}`, request: { fetch: guardedFetch() } });
}
/** The code-scanning and pull-request endpoints. */
async function octokitApi(token, repo, baseUrl) {
    const octokit = await client(token, baseUrl);
    return {
        async uploadSarif(body, timeoutMs) {
            try {
                const res = await octokit.rest.codeScanning.uploadSarif({
                    ...repo,
                    ...body,
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                });
                if (!res.data.id)
                    throw new ApiError(`the upload was accepted (HTTP ${res.status}) but GitHub returned no analysis id`, res.status);
                return { id: res.data.id, url: res.data.url };
            }
            catch (err) {
                throw toApiError(err);
            }
        },
        async pullRequestFiles(pull, timeoutMs) {
            try {
                const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
                    ...repo,
                    pull_number: pull,
                    per_page: 100,
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                });
                return files.map((f) => ({ filename: f.filename, status: f.status, ...(f.patch ? { patch: f.patch } : {}) }));
            }
            catch (err) {
                throw toApiError(err);
            }
        },
        async reviewComments(pull, timeoutMs) {
            try {
                // At most 30 pages (3,000 comments): a pull request with more is read no further.
                const out = [];
                let pages = 0;
                for await (const page of octokit.paginate.iterator(octokit.rest.pulls.listReviewComments, {
                    ...repo,
                    pull_number: pull,
                    per_page: 100,
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                })) {
                    out.push(...page.data.map((c) => ({ body: c.body ?? "" })));
                    if (++pages >= 30)
                        break;
                }
                return out;
            }
            catch (err) {
                throw toApiError(err);
            }
        },
        async createReview(pull, review, timeoutMs) {
            try {
                await octokit.rest.pulls.createReview({
                    ...repo,
                    pull_number: pull,
                    ...review,
                    event: "COMMENT",
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                });
            }
            catch (err) {
                throw toApiError(err);
            }
        },
        async createReviewComment(pull, comment, timeoutMs) {
            try {
                await octokit.rest.pulls.createReviewComment({
                    ...repo,
                    pull_number: pull,
                    ...comment,
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                });
            }
            catch (err) {
                throw toApiError(err);
            }
        },
        async sarifStatus(id, timeoutMs) {
            try {
                const res = await octokit.rest.codeScanning.getSarif({
                    ...repo,
                    sarif_id: id,
                    request: { signal: AbortSignal.timeout(timeoutMs) },
                });
                return res.data;
            }
            catch (err) {
                throw toApiError(err);
            }
        },
    };
}
async function octokitComments(token, repo, baseUrl) {
    const octokit = await client(token, baseUrl);
    const signal = (timeoutMs) => ({ request: { signal: AbortSignal.timeout(timeoutMs) } });
    const comment = (c) => ({
        id: c.id,
        nodeId: c.node_id,
        body: c.body ?? "",
        url: c.html_url,
    });
    const call = async (fn) => {
        try {
            return await fn();
        }
        catch (err) {
            throw toApiError(err);
        }
    };
    return {
        findComments: (issue, prefix, maxPages, timeoutMs) => call(async () => {
            const found = [];
            let pages = 0;
            for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, {
                ...repo,
                issue_number: issue,
                per_page: 100,
                ...signal(timeoutMs),
            })) {
                for (const c of page.data)
                    if (c.body?.startsWith(prefix))
                        found.push(comment(c));
                if (++pages >= maxPages)
                    break;
            }
            return found;
        }),
        createComment: (issue, body, timeoutMs) => call(async () => comment((await octokit.rest.issues.createComment({ ...repo, issue_number: issue, body, ...signal(timeoutMs) })).data)),
        updateComment: (id, body, timeoutMs) => call(async () => comment((await octokit.rest.issues.updateComment({ ...repo, comment_id: id, body, ...signal(timeoutMs) })).data)),
        deleteComment: (id, timeoutMs) => call(async () => void (await octokit.rest.issues.deleteComment({ ...repo, comment_id: id, ...signal(timeoutMs) }))),
        setMinimized: (nodeId, minimized, timeoutMs) => call(async () => {
            const mutation = minimized
                ? "mutation($id: ID!) { minimizeComment(input: { subjectId: $id, classifier: RESOLVED }) { minimizedComment { isMinimized } } }"
                : "mutation($id: ID!) { unminimizeComment(input: { subjectId: $id }) { unminimizedComment { isMinimized } } }";
            await octokit.graphql(mutation, { id: nodeId, ...signal(timeoutMs) });
        }),
    };
}

;// CONCATENATED MODULE: ./src/github/refusal.ts

const STILL_WORKS = "The findings are still in this step's annotations, its job summary and the SARIF file it wrote (keep that with actions/upload-artifact)";
/** The explanation for a refused upload, or undefined when the error is not a refusal (400, 413, 5xx, network…). */
function explainRefusal(err, ctx) {
    const status = err.status;
    if (status !== 401 && status !== 403 && status !== 404 && status !== 429)
        return undefined;
    const repo = ctx.repository ? `${ctx.repository.owner}/${ctx.repository.repo}` : "this repository";
    const said = `GitHub refused the code-scanning upload for ${repo} (HTTP ${status}: "${refusal_oneLine(err.message)}")`;
    const refusal = (cause, text) => ({ cause, status, message: `${said}. ${text}` });
    if (status === 401) {
        return refusal("bad-credentials", `The token is invalid or expired. Leave the \`token\` input at its default (\`\${{ github.token }}\`), or pass a token that is still valid: a fine-grained token with "Code scanning alerts: read and write" on this repository, or a classic token with the \`security_events\` scope (\`repo\` for private repositories). ${STILL_WORKS}.`);
    }
    if (status === 404) {
        return refusal("not-found", `Either the token cannot see ${repo} (a personal access token or GitHub App without access to it), or this server does not offer code scanning (GitHub Enterprise Server without GitHub Advanced Security; the API address used was ${ctx.apiUrl}). Check the \`token\` input, or set \`upload: false\` where code scanning is not available. ${STILL_WORKS}.`);
    }
    const m = err.message.toLowerCase();
    if (/advanced security|code security|code scanning is not enabled|not enabled for this repository/.test(m)) {
        return refusal("code-security-disabled", `Code scanning is not enabled for ${repo}: it needs GitHub Advanced Security (GitHub Code Security), which public repositories have for free and private or internal ones need a licence for. Enable it under Settings → Advanced Security (Code security), or set \`upload: false\` to stop trying. ${STILL_WORKS}.`);
    }
    if (/archived/.test(m)) {
        return refusal("archived", `The repository is archived, and archived repositories accept no new analyses. Unarchive it to upload again, or set \`upload: false\`. ${STILL_WORKS}.`);
    }
    if (status === 429 || /rate limit/.test(m)) {
        return refusal("rate-limited", `The token hit an API rate limit (code scanning accepts at most 1,000 uploads per hour per token). Spread scheduled scans of many repositories over time, or give the matrix jobs different tokens. ${STILL_WORKS}.`);
    }
    const readOnly = readOnlyTokenCause(ctx);
    if (readOnly === "fork") {
        return refusal("fork", `This run is for a pull request from a fork, and GitHub gives such runs a read-only GITHUB_TOKEN, so they cannot write code-scanning results. That is expected and safe: the alerts appear once the change is merged and the push to the base branch is scanned. Do not switch to \`pull_request_target\` with a checkout of the fork's code just to get a write token: that runs untrusted code with write access. ${STILL_WORKS}.`);
    }
    if (readOnly === "dependabot") {
        return refusal("dependabot", `This run was started by Dependabot, whose GITHUB_TOKEN is read-only unless the workflow asks for more. Add \`permissions: { security-events: write, contents: read }\` to the workflow or job so Dependabot's runs can upload too, or accept that the alerts appear when the change is merged. ${STILL_WORKS}.`);
    }
    if (/resource not accessible by (integration|personal access token)/.test(m)) {
        return refusal("missing-permission", `The token lacks the \`security-events: write\` permission. Add it to the workflow or the job: \`permissions: { security-events: write, contents: read }\` (a permissions block replaces the defaults, so keep \`contents: read\` for actions/checkout). A personal access token needs "Code scanning alerts: read and write" (fine-grained) or the \`security_events\` scope (classic). ${STILL_WORKS}.`);
    }
    return refusal("forbidden", `Check that code scanning is enabled for ${repo} (Settings → Advanced Security) and that the workflow grants \`permissions: { security-events: write, contents: read }\`. ${STILL_WORKS}.`);
}
function refusal_oneLine(s) {
    const line = s.replace(/\s+/g, " ").trim();
    return line.length > 300 ? line.slice(0, 300) + "…" : line;
}

;// CONCATENATED MODULE: ./src/github/retry.ts
/** Retrying a request with jittered exponential backoff. */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The wait before retry number `retry` (0-based): base·2^retry capped at max, then scaled into
 * [50 %, 100 %] so that many jobs hit by one outage do not come back in lockstep.
 */
function backoffDelay(retry, baseDelayMs, maxDelayMs, random = Math.random) {
    const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
    return Math.round(ceiling * (0.5 + random() / 2));
}
/**
 * `fn` until it succeeds, fails with a non-retryable error, runs out of attempts or of the deadline
 * (then its last error). `fn` is told the time left, to bound its own request by it.
 */
async function withRetry(fn, options) {
    const wait = options.sleep ?? sleep;
    const now = options.now ?? Date.now;
    const end = now() + (options.deadlineMs ?? Infinity);
    for (let attempt = 1;; attempt++) {
        try {
            return await fn(attempt, end - now());
        }
        catch (err) {
            if (attempt >= options.attempts || !options.retryable(err))
                throw err;
            const asked = options.delayFor?.(err);
            const delay = asked ?? backoffDelay(attempt - 1, options.baseDelayMs, options.maxDelayMs, options.random);
            // A wait that uses up the deadline leaves no time for the attempt after it.
            if (now() + delay >= end)
                throw err;
            options.onRetry?.(err, attempt, delay);
            await wait(delay);
        }
    }
}

// EXTERNAL MODULE: ./src/sarif/limits.ts
var limits = __webpack_require__(7605);
;// CONCATENATED MODULE: ./src/github/upload.ts
/**
 * Uploading the SARIF file to code scanning: encode it (gzip + base64) within GitHub's size limit,
 * POST it with retries, then wait for GitHub to process it. `uploadStep` applies the `upload` mode:
 * `auto` turns refusals (see refusal.ts) into warnings, `true` makes any failed upload fail the step.
 */







/** codeql-action checks after about 5, 15, 35, 75 and 155 s; so do we. */
const DEFAULT_TIMING = {
    attempts: 4,
    retryBaseMs: 2_000,
    retryMaxMs: 30_000,
    uploadTimeoutMs: 60_000,
    uploadDeadlineMs: 150_000,
    statusTimeoutMs: 30_000,
    processingDeadlineMs: 240_000,
    pollDelaysMs: [5_000, 10_000, 20_000, 40_000, 80_000],
};
/**
 * Test-only overrides, so end-to-end tests of the bundle do not wait minutes: UPSTASH_SCAN_POLL_DELAYS_MS
 * (comma-separated waits), UPSTASH_SCAN_RETRY_BASE_MS, UPSTASH_SCAN_HTTP_TIMEOUT_MS (each request) and
 * UPSTASH_SCAN_HTTP_DEADLINE_MS (the upload, and the wait for processing). Not documented for users on purpose.
 */
function timingFromEnv(env) {
    const timing = { ...DEFAULT_TIMING };
    const delays = env.UPSTASH_SCAN_POLL_DELAYS_MS?.split(",").map((s) => Number(s.trim()));
    if (delays?.length && delays.every((d) => Number.isFinite(d) && d >= 0))
        timing.pollDelaysMs = delays;
    const number = (name) => {
        const n = Number(env[name]);
        return env[name] && Number.isFinite(n) && n >= 0 ? n : undefined;
    };
    timing.retryBaseMs = number("UPSTASH_SCAN_RETRY_BASE_MS") ?? timing.retryBaseMs;
    const timeout = number("UPSTASH_SCAN_HTTP_TIMEOUT_MS");
    if (timeout !== undefined)
        timing.uploadTimeoutMs = timing.statusTimeoutMs = timeout;
    const deadline = number("UPSTASH_SCAN_HTTP_DEADLINE_MS");
    if (deadline !== undefined)
        timing.uploadDeadlineMs = timing.processingDeadlineMs = deadline;
    return timing;
}
/** The SARIF text as the API wants it, and its gzipped size. */
function encodeSarif(text) {
    const gz = external_node_zlib_.gzipSync(Buffer.from(text, "utf8"));
    return { sarif: gz.toString("base64"), gzippedBytes: gz.length };
}
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
function tooLargeMessage(gzippedBytes, results) {
    return (`The SARIF file is ${mb(gzippedBytes)} gzipped, over GitHub's limit of ${mb(limits/* GITHUB_LIMITS */.f.gzippedBytes)}, so it was not uploaded (${results} results). ` +
        "Scan a narrower `path`, exclude generated or vendored code with `exclude` globs in the configuration file, or disable the checks that produce most results; " +
        "the file itself is complete and can be kept with actions/upload-artifact.");
}
function retryOptions(timing, log, what, deadlineMs) {
    return {
        attempts: timing.attempts,
        baseDelayMs: timing.retryBaseMs,
        maxDelayMs: timing.retryMaxMs,
        retryable: isRetryable,
        // A rate limit that says when it ends is waited out, if that fits in the deadline.
        delayFor: (err) => (err instanceof ApiError ? err.retryAfterMs : undefined),
        deadlineMs,
        sleep: timing.sleep,
        random: timing.random,
        onRetry: (err, attempt, delayMs) => log.info(`${what} failed (attempt ${attempt} of ${timing.attempts}: ${describeApiError(err)}); retrying in ${(delayMs / 1000).toFixed(1)} s`),
    };
}
function describeApiError(err) {
    if (err instanceof ApiError)
        return err.status === undefined ? `network error: ${err.message}` : `HTTP ${err.status}: ${err.message}`;
    return err?.message ?? String(err);
}
/** POST the SARIF; retries 5xx and network errors, never 4xx. */
async function postSarif(api, body, timing, log) {
    return withRetry((_, remaining) => api.uploadSarif(body, Math.max(1, Math.min(timing.uploadTimeoutMs, remaining))), retryOptions(timing, log, "Upload", timing.uploadDeadlineMs));
}
/** GitHub's processing errors as shown: at most 10, each one line of at most 300 characters. */
function processingErrors(errors) {
    const list = Array.isArray(errors) ? errors.filter((e) => typeof e === "string") : [];
    if (!list.length)
        return ["(GitHub gave no reason)"];
    const shown = list.slice(0, 10).map((e) => {
        const line = e.replace(/\s+/g, " ").trim();
        return line.length > 300 ? line.slice(0, 300) + "…" : line;
    });
    return list.length > 10 ? [...shown, `and ${list.length - 10} more`] : shown;
}
/** Poll the analysis until GitHub has processed it, it failed, or the waits run out. */
async function waitForProcessing(api, id, timing, log) {
    const wait = timing.sleep ?? sleep;
    const end = Date.now() + timing.processingDeadlineMs;
    let waited = 0;
    for (const delay of timing.pollDelaysMs) {
        if (Date.now() + delay >= end)
            break;
        await wait(delay);
        waited += delay;
        let status;
        try {
            status = await withRetry((_, remaining) => api.sarifStatus(id, Math.max(1, Math.min(timing.statusTimeoutMs, remaining))), retryOptions(timing, log, "Status check", end - Date.now()));
        }
        catch (err) {
            // Right after the upload the analysis may not be visible yet.
            if (err instanceof ApiError && err.status === 404)
                continue;
            return { status: "unknown", error: describeApiError(err) };
        }
        if (status.processing_status === "complete")
            return { status: "complete", analysesUrl: status.analyses_url ?? undefined };
        if (status.processing_status === "failed")
            return { status: "failed", errors: processingErrors(status.errors) };
        log.info(`GitHub is still processing the upload (${status.processing_status ?? "no status"} after ${(waited / 1000).toFixed(0)} s)`);
    }
    return { status: "timeout", waitedMs: waited };
}
/** The whole upload as the `upload` mode wants it. Never throws for API failures: it reports them. */
async function uploadStep(input) {
    const { mode, ctx, log } = input;
    if (mode === "false")
        return { state: "disabled" };
    // Without a repository, token or ref there is nothing to upload to: `auto` skips, `true` fails.
    const cannot = (reason) => mode === "true"
        ? { state: "failed", message: `Cannot upload to code scanning: ${reason}.` }
        : { state: "skipped", reason };
    if (!ctx.repository)
        return cannot("GITHUB_REPOSITORY is not set (not running in GitHub Actions?)");
    if (!input.token)
        return cannot("the `token` input is empty");
    if (typeof input.target === "string")
        return cannot(input.target);
    const target = input.target;
    const encoded = encodeSarif(input.sarifText);
    if (encoded.gzippedBytes > limits/* GITHUB_LIMITS */.f.gzippedBytes)
        return { state: "failed", message: tooLargeMessage(encoded.gzippedBytes, input.results) };
    const body = {
        commit_sha: target.sha,
        ref: target.ref,
        sarif: encoded.sarif,
        checkout_uri: (0,external_node_url_.pathToFileURL)(input.checkoutDir).href,
        started_at: input.startedAt.toISOString(),
        tool_name: version/* TOOL_NAME */.lH,
    };
    log.info(`Uploading the SARIF file (${(encoded.gzippedBytes / 1024).toFixed(1)} KB gzipped) to code scanning for ${target.ref} at ${target.sha} (${target.reason})`);
    const api = input.api ?? (await octokitApi(input.token, ctx.repository, ctx.apiUrl));
    let id;
    let attempts = 0;
    try {
        const counted = { ...api, uploadSarif: (b, t) => (attempts++, api.uploadSarif(b, t)) };
        id = (await postSarif(counted, body, input.timing, log)).id;
    }
    catch (err) {
        const e = err instanceof ApiError ? err : new ApiError(err?.message ?? String(err), undefined);
        const refusal = explainRefusal(e, ctx);
        if (refusal)
            return mode === "auto" ? { state: "refused", refusal } : { state: "failed", message: refusal.message };
        const tries = attempts > 1 ? ` after ${attempts} attempts` : "";
        return { state: "failed", message: `The upload to code scanning failed${tries} (${describeApiError(e)}).` };
    }
    log.info(`Uploaded: analysis ${id}`);
    const report = { state: "uploaded", id, target, gzippedBytes: encoded.gzippedBytes };
    if (input.waitForProcessing)
        report.processing = await waitForProcessing(api, id, input.timing, log);
    return report;
}

// EXTERNAL MODULE: ./src/engine/types.ts
var types = __webpack_require__(3171);
;// CONCATENATED MODULE: ./src/github/annotations.ts


/** Shown per type and step. */
const ANNOTATION_LIMIT = 10;
/** Every annotation of the step goes through here: scrubbed of secrets and counted. */
class Annotations {
    sink;
    scrub;
    used = { error: 0, warning: 0, notice: 0 };
    constructor(sink, 
    /** Called on every message and title (the Action's scrubber follows the scan's secret registry). */
    scrub) {
        this.sink = sink;
        this.scrub = scrub;
    }
    emit(type, message, properties) {
        this.used[type]++;
        const props = properties?.title ? { ...properties, title: this.scrub(properties.title) } : properties;
        this.sink[type](this.scrub(message), props);
    }
    /** Slots of `type` left, keeping `reserve` for messages still to come. */
    left(type, reserve = 0) {
        return Math.max(0, ANNOTATION_LIMIT - this.used[type] - reserve);
    }
}
function annotationType(severity) {
    return severity === "critical" || severity === "high" ? "error" : severity === "medium" ? "warning" : "notice";
}
/**
 * Which findings to annotate within `slots` per type: open findings only, most severe first (then
 * higher confidence, then by file and line). In a pull request whose changed lines are known, the
 * findings on those lines go before the rest. Returns them and how many open findings were left out.
 */
function planAnnotations(findings, slots, changed) {
    const confidence = { high: 0, medium: 1, low: 2 };
    const touched = (f) => changed?.touches(f.location.file, f.location.range.startLine, f.location.range.endLine) ? 0 : 1;
    const open = findings
        .filter((f) => !f.suppressed)
        .map((f, i) => ({ f, i, sev: types/* SEVERITIES */.o.indexOf((0,rules/* severityOf */.xJ)(f)), away: touched(f) }))
        .sort((a, b) => a.away - b.away || a.sev - b.sev || confidence[a.f.confidence] - confidence[b.f.confidence] || a.i - b.i);
    const left = { ...slots };
    const planned = [];
    for (const { f } of open) {
        const severity = (0,rules/* severityOf */.xJ)(f);
        const type = annotationType(severity);
        if (left[type] <= 0)
            continue;
        left[type]--;
        planned.push({
            type,
            message: f.message,
            properties: locate(f, `${(0,rules/* ruleById */.BD)(f.rule).title} (${severity}) · ${f.rule}/${f.check}`),
        });
    }
    return { planned, omitted: open.length - planned.length };
}
function locate(f, title) {
    const r = f.location.range;
    const props = { title, file: f.location.file, startLine: r.startLine, endLine: r.endLine };
    // GitHub uses columns only on single-line annotations.
    if (r.startLine === r.endLine) {
        props.startColumn = r.startColumn;
        props.endColumn = r.endColumn;
    }
    return props;
}
/**
 * Annotate the findings with the slots left. `reserve` holds back slots for annotations still to
 * come (the failure message is an error annotation). Returns how many findings were not annotated.
 */
function annotateFindings(findings, annotations, reserve, where, changed) {
    const slots = (r) => ({
        error: annotations.left("error", reserve.error ?? 0),
        warning: annotations.left("warning", reserve.warning ?? 0),
        notice: annotations.left("notice", (reserve.notice ?? 0) + r),
    });
    let plan = planAnnotations(findings, slots(0), changed);
    // The closing notice needs a notice slot of its own: plan again with one held back.
    if (plan.omitted > 0)
        plan = planAnnotations(findings, slots(1), changed);
    for (const a of plan.planned)
        annotations.emit(a.type, a.message, a.properties);
    if (plan.omitted > 0) {
        const total = findings.filter((f) => !f.suppressed).length;
        annotations.emit("notice", `${plan.omitted} more finding${plan.omitted === 1 ? " is" : "s are"} not annotated (GitHub shows at most ${ANNOTATION_LIMIT} annotations of each type per step). All ${total} are in the job summary and in ${where}.`, { title: "upstash-scan found more" });
    }
    return plan.omitted;
}

// EXTERNAL MODULE: ./src/engine/changed-lines.ts
var changed_lines = __webpack_require__(5168);
;// CONCATENATED MODULE: ./src/github/diff.ts
/**
 * A pull request's changed lines, for `gate-on: new` and for annotating the pull request's own lines
 * first (at most 10 annotations of each type show per step). From the local history when the base
 * commit is in the checkout (`fetch-depth: 2` for the merge commit, or 0); otherwise, for gating, from
 * the GitHub API's list of the pull request's files and their patches.
 */



function parentsOfHead(dir) {
    return ((0,run/* tryGitSync */.HT)(dir, ["rev-list", "--parents", "-n", "1", "HEAD", "--"]) ?? "")
        .trim()
        .split(/\s+/)
        .filter(Boolean);
}
/**
 * The commit a pull request is compared with, when it is in the checkout: a checked-out merge
 * commit's first parent (the base), or for a checked-out head the merge base with the base branch's
 * commit. Undefined outside pull requests or when that history is not there (shallow clones).
 */
function pullRequestBase(ctx, dir) {
    if (!ctx.eventName.startsWith("pull_request") || !ctx.event.pull_request)
        return undefined;
    const parents = parentsOfHead(dir);
    if (parents.length === 3 && (0,changed_lines/* hasCommit */.QE)(dir, parents[1]))
        return parents[1];
    const base = ctx.event.pull_request.base?.sha;
    if (!base || !(0,changed_lines/* hasCommit */.QE)(dir, base))
        return undefined;
    const mergeBase = (0,run/* tryGitSync */.HT)(dir, ["merge-base", "--end-of-options", base, "HEAD"])?.trim();
    return mergeBase && /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(mergeBase) ? mergeBase : undefined;
}
/**
 * The pull request's changed lines from git at `dir` (paths relative to `srcRoot`, default `dir`), or
 * undefined outside pull requests or when the history needed is not there.
 */
function pullRequestChanges(ctx, dir, srcRoot = dir) {
    try {
        const base = pullRequestBase(ctx, dir);
        if (base)
            return (0,changed_lines/* gitDiffLines */.tb)(dir, [base, "HEAD"], srcRoot);
    }
    catch {
        // A git failure here only costs the ordering of annotations or falls back to the API.
    }
    return undefined;
}
/**
 * Changed lines from the API's file list. Files without a `patch` (binary or very large diffs) count
 * as changed throughout, so a finding in one still gates.
 */
function changesFromFiles(files, toSrcRoot = (p) => p) {
    const out = new changed_lines/* ChangedLines */.MQ();
    for (const f of files) {
        if (f.status === "removed")
            continue;
        if (f.patch)
            out.addPatch(toSrcRoot(f.filename), f.patch);
        else
            out.addWholeFile(toSrcRoot(f.filename));
    }
    return out;
}

// EXTERNAL MODULE: ./src/github/log.ts
var log = __webpack_require__(3385);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/github/category.ts
/**
 * The code-scanning category of an upload. Code scanning keeps one analysis per tool, ref and
 * category: an upload replaces the previous one with the same category, closing the alerts it does
 * not repeat. So two matrix legs, or two steps scanning two apps, must not share one. Without a
 * `category` input it is derived, as codeql-action does, from the workflow file, the job id and the
 * matrix values, plus the scanned path when it is not the whole workspace. Within one job, a marker
 * file in RUNNER_TEMP (emptied by the runner for every job) remembers what was uploaded, so that a
 * second upload with the same category fails with an explanation instead of silently replacing the
 * first one's alerts.
 */





/** The workflow file from GITHUB_WORKFLOW_REF: `.github/workflows/x.yml`. */
function workflowPath(workflowRef) {
    if (!workflowRef)
        return undefined;
    const at = workflowRef.lastIndexOf("@");
    const file = (at === -1 ? workflowRef : workflowRef.slice(0, at)).split("/").slice(2).join("/");
    return file || undefined;
}
/** Matrix values as `key:value` in key order; objects and arrays as compact JSON. */
function matrixParts(matrix) {
    if (!matrix?.trim())
        return [];
    let parsed;
    try {
        parsed = JSON.parse(matrix);
    }
    catch {
        // Not JSON: the whole text is the one value (a user passing a matrix value by hand).
        return [`matrix:${matrix.trim()}`];
    }
    if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        return [];
    return Object.keys(parsed)
        .sort()
        .map((key) => {
        const value = parsed[key];
        return `${key}:${typeof value === "string" ? value : JSON.stringify(value)}`;
    });
}
/**
 * `<workflow file>:<job>/<matrix key:value>…/path:<scanned>`, or `upstash-scan` outside Actions.
 * Control characters become spaces: the category ends up in SARIF and in log lines.
 */
function deriveCategory(parts) {
    const workflow = workflowPath(parts.workflowRef) ?? parts.workflow;
    if (!workflow && !parts.job)
        return version/* TOOL_NAME */.lH;
    const segments = [`${workflow ?? ""}:${parts.job ?? ""}`, ...matrixParts(parts.matrix)];
    const scanned = parts.scanned?.replace(/\/+$/, "");
    if (scanned && scanned !== ".")
        segments.push(`path:${scanned}`);
    return segments.join("/").replace(/\p{Cc}+/gu, " ");
}
function categoryFromEnv(env, matrix, scanned) {
    return deriveCategory({
        workflowRef: env.GITHUB_WORKFLOW_REF,
        workflow: env.GITHUB_WORKFLOW,
        job: env.GITHUB_JOB,
        matrix,
        scanned,
    });
}
function markerFile(runnerTemp, category) {
    const hash = external_node_crypto_.createHash("sha256").update(category).digest("hex").slice(0, 32);
    return external_node_path_.join(runnerTemp, `${version/* TOOL_NAME */.lH}-uploads`, `${hash}.json`);
}
/** The earlier upload of `category` in this job, if a step recorded one. */
function earlierUpload(runnerTemp, category) {
    if (!runnerTemp)
        return undefined;
    try {
        const marker = JSON.parse((0,files/* readRegularText */.Aj)(markerFile(runnerTemp, category), 64 * 1024));
        return marker.category === category ? marker : undefined;
    }
    catch {
        return undefined;
    }
}
function recordUpload(runnerTemp, marker) {
    if (!runnerTemp)
        return;
    const file = markerFile(runnerTemp, marker.category);
    external_node_fs_.mkdirSync(external_node_path_.dirname(file), { recursive: true });
    (0,files/* writeRegular */.KA)(file, JSON.stringify(marker));
}
/** The error for a second upload of one category in a job. */
function duplicateCategoryMessage(category, earlier, given) {
    const who = earlier.step ? `step "${earlier.step}"` : "an earlier step";
    return (`${who} of this job already uploaded results with category "${category}" (scanning ${earlier.scanned || "."}, analysis ${earlier.sarifId}). ` +
        "A second upload with the same category would replace that analysis and close its alerts. " +
        (given
            ? "Give each upstash-scan step its own `category` input."
            : "The default category comes from the workflow, job, matrix values and `path`: give this step a different `path` or its own `category` input.") +
        " Or set `upload: false` on the step whose results should not be uploaded.");
}

// EXTERNAL MODULE: ./src/verify/index.ts + 3 modules
var verify = __webpack_require__(1176);
// EXTERNAL MODULE: ./src/output/report.ts
var report = __webpack_require__(7135);
;// CONCATENATED MODULE: ./src/github/summary.ts
/**
 * The job summary: the verdict, a card per guide risk (found or not, counts, likelihood, impact,
 * mitigation, links to its findings), the findings table with links to the lines at the scanned
 * commit, what was scanned, and what became of the upload. Pure: markdown in, no I/O.
 */





/** GitHub rejects a step summary over 1 MiB; stay well below it. */
const SUMMARY_BUDGET_BYTES = 1_000_000;
const ICON = { critical: "🟣", high: "🔴", medium: "🟠", low: "🟡" };
/** Text safe inside markdown (and table cells): no HTML, no links or images, no emphasis from the scanned code. */
function md(text) {
    return text
        .replace(/&/g, "&amp;")
        .replace(/</g, "&lt;")
        .replace(/>/g, "&gt;")
        .replace(/([\\`*_[\]|~])/g, "\\$1")
        .replace(/\r?\n/g, " ");
}
function fileUrl(links, file, start, end) {
    // Parentheses too: an unencoded ")" would end the markdown link early.
    const path = file
        .split("/")
        .map((seg) => encodeURIComponent(seg).replace(/\(/g, "%28").replace(/\)/g, "%29"))
        .join("/");
    return `${links.serverUrl}/${links.repository}/blob/${links.sha}/${path}#L${start}${end > start ? `-L${end}` : ""}`;
}
/** `file:line`, linked to the line at the scanned commit when links are known. */
function place(f, links) {
    const r = f.location.range;
    const label = md(`${f.location.file}:${r.startLine}`);
    return links ? `[${label}](${fileUrl(links, f.location.file, r.startLine, r.endLine)})` : label;
}
const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function renderSummary(input) {
    const budget = input.budgetBytes ?? SUMMARY_BUDGET_BYTES;
    const { counts, links } = input;
    const open = input.findings.filter((f) => !f.suppressed);
    const head = [];
    head.push(`## ${version/* TOOL_NAME */.lH}: ${["critical", "high", "medium", "low"].map((s) => `${counts[s]} ${s}`).join(" · ")}`);
    head.push("");
    const verdict = input.failOn === "none"
        ? "The gate is off (`fail-on: none`)."
        : input.gating > 0
            ? `❌ **${plural(input.gating, "finding")} at or above \`${input.failOn}\`** fail${input.gating === 1 ? "s" : ""} this step.`
            : `✅ Nothing at or above \`${input.failOn}\`.`;
    const suppressed = counts.suppressed ? ` (${counts.suppressed} suppressed)` : "";
    const credentials = (0,report/* credentialsLine */.Lk)(input.findings);
    if (credentials) {
        head.push(md(credentials));
        head.push("");
    }
    if (input.verification) {
        head.push(`${input.verification.live > 0 ? "🚨 **" : ""}${(0,verify/* verificationLine */.g)(input.verification)}${input.verification.live > 0 ? "**" : ""}`);
        head.push("");
    }
    head.push(`${plural(counts.total, "open finding")}${suppressed} in \`${md(input.scanned)}\`${links ? ` at ${links.sha.slice(0, 7)}` : ""}. ${verdict}`);
    head.push("");
    // One card per guide risk, in the guide's order.
    head.push("### The five Upstash risks");
    head.push("");
    for (const rule of rules/* RULES */.y0) {
        const mine = open.filter((f) => f.rule === rule.id);
        const hidden = input.findings.filter((f) => f.rule === rule.id && f.suppressed).length;
        const status = mine.length ? `${ICON[rule.severity]} **${plural(mine.length, "finding")}**` : "✅ not found";
        head.push(`#### #${rule.number} ${rule.title} — ${status}${hidden ? ` (${hidden} suppressed)` : ""}`);
        head.push("");
        head.push(`Severity **${rule.severity}** · likelihood ${rule.likelihood} · impact ${rule.impact} · [\`${rule.id}\`](${rules/* DOCS_BASE */.M0}/${rule.slug}.md)`);
        head.push("");
        head.push(`> **Mitigation:** ${md(rule.mitigation)}`);
        if (mine.length) {
            const shown = mine.slice(0, 10).map((f) => place(f, links));
            head.push("");
            head.push(`Found at ${shown.join(", ")}${mine.length > shown.length ? ` and ${mine.length - shown.length} more (table below)` : ""}.`);
        }
        head.push("");
    }
    const tail = [];
    tail.push("### Scan");
    tail.push("");
    const s = input.stats;
    tail.push(`${plural(s.discovered, "file")} discovered: ${s.read} read, ${s.prefilteredOut} prefiltered out (nothing Upstash-related), ${s.parsed} parsed, ${s.skipped} skipped or partly scanned. SARIF: \`${md(input.sarifFile)}\`.`);
    if (input.notifications.length) {
        tail.push("");
        tail.push(`<details><summary>${plural(input.notifications.length, "scan note")}</summary>`);
        tail.push("");
        for (const n of input.notifications.slice(0, 50))
            tail.push(`- ${n.level}: ${n.file ? `\`${md(n.file)}\`: ` : ""}${md(input.scrub(n.message))}`);
        if (input.notifications.length > 50)
            tail.push(`- … and ${input.notifications.length - 50} more in the SARIF file`);
        tail.push("");
        tail.push("</details>");
    }
    tail.push("");
    tail.push("### Code scanning upload");
    tail.push("");
    tail.push(uploadLine(input));
    tail.push("");
    tail.push(`<sub>${version/* TOOL_NAME */.lH} ${version/* VERSION */.xv}</sub>`);
    tail.push("");
    const table = [];
    if (open.length) {
        table.push("### Findings");
        table.push("");
        table.push("| Severity | Risk | Location | Finding |");
        table.push("|---|---|---|---|");
    }
    const fixed = Buffer.byteLength(head.join("\n") + tail.join("\n") + table.join("\n")) + 400;
    let used = fixed;
    let rows = 0;
    for (const f of open) {
        const sev = (0,rules/* severityOf */.xJ)(f);
        const row = `| ${ICON[sev]} ${sev} | ${(0,rules/* ruleById */.BD)(f.rule).title} (\`${md(f.check)}\`) | ${place(f, links)} | ${md(input.scrub(f.message))} |`;
        const bytes = Buffer.byteLength(row) + 1;
        if (used + bytes > budget)
            break;
        used += bytes;
        table.push(row);
        rows++;
    }
    if (rows < open.length) {
        table.push("");
        table.push(`… and ${open.length - rows} more findings, left out to keep this summary within GitHub's 1 MiB limit: they are all in the SARIF file.`);
    }
    if (open.length)
        table.push("");
    return [...head, ...table, ...tail].join("\n");
}
function uploadLine(input) {
    const u = input.upload;
    switch (u.state) {
        case "disabled":
            return "Not uploaded (`upload: false`).";
        case "skipped":
            return `Not uploaded: ${u.reason}.`;
        case "refused":
            return `⚠️ ${u.refusal.message}`;
        case "failed":
            return `❌ ${u.message}`;
        case "uploaded": {
            const alerts = input.links
                ? ` [Code scanning alerts](${input.links.serverUrl}/${input.links.repository}/security/code-scanning?query=${encodeURIComponent(`is:open tool:${version/* TOOL_NAME */.lH}`)}).`
                : "";
            const base = `Uploaded as analysis \`${md(u.id)}\` for \`${md(u.target.ref)}\` at ${u.target.sha.slice(0, 7)}.`;
            const p = u.processing;
            if (!p)
                return `${base} Not waiting for processing (\`wait-for-processing: false\`).${alerts}`;
            if (p.status === "complete")
                return `✅ ${base} GitHub has processed it.${alerts}`;
            if (p.status === "failed")
                return `❌ ${base} GitHub could not process it: ${p.errors.map(md).join("; ")}`;
            if (p.status === "timeout")
                return `${base} GitHub was still processing it after ${Math.round(p.waitedMs / 1000)} s; it finishes in the background.${alerts}`;
            return `${base} Its processing status could not be checked (${md(p.error)}).${alerts}`;
        }
    }
}

;// CONCATENATED MODULE: ./src/github/comment.ts
/**
 * The sticky pull-request comment (`comment: true`): one comment per pull request and category,
 * found again by a hidden marker and edited in place, never a new one per run. It carries the risk
 * card, the findings on lines the pull request changes ("new", as `gate-on: new` decides) apart from
 * the ones it does not touch ("existing"), the gate's verdict and links. Once no new finding is left
 * it is rewritten as resolved and collapsed; without findings no comment is created at all. It is the
 * pull request's feedback where code scanning is not (private repositories without Advanced
 * Security, uploads refused), and it never fails the step: a refusal becomes a warning.
 */








/** GitHub rejects comment bodies over 65,536 characters; stay well below. */
const COMMENT_BUDGET_CHARS = 60_000;
/** Findings listed per section; the rest are counted and left to the job summary. */
const LISTED = 25;
/**
 * The hidden first line that identifies our comment for one category (matrix legs and per-app steps
 * each keep their own). The category is hashed: it may contain anything, `-->` included.
 */
function commentMarker(category) {
    const key = external_node_crypto_.createHash("sha256").update(category).digest("hex").slice(0, 16);
    return `<!-- ${version/* TOOL_NAME */.lH}:pull-request-comment ${key} -->`;
}
/** Second hidden line of a resolved comment: the next run knows to expand it if findings come back. */
const RESOLVED = `<!-- ${version/* TOOL_NAME */.lH}:resolved -->`;
const comment_plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
function worst(findings) {
    return types/* SEVERITIES */.o.find((s) => findings.some((f) => (0,rules/* severityOf */.xJ)(f) === s));
}
/** Most severe first (a stable sort keeps the scan's order within a severity). */
function list(findings, input) {
    const rank = (f) => types/* SEVERITIES */.o.indexOf((0,rules/* severityOf */.xJ)(f));
    const sorted = [...findings].sort((a, b) => rank(a) - rank(b));
    const out = sorted.slice(0, LISTED).map((f) => {
        const sev = (0,rules/* severityOf */.xJ)(f);
        return `- ${ICON[sev]} **${sev}** ${(0,rules/* ruleById */.BD)(f.rule).title} (\`${md(f.check)}\`) at ${place(f, input.links)}: ${md(input.scrub(f.message))}`;
    });
    if (findings.length > LISTED)
        out.push(`- … and ${findings.length - LISTED} more in the job summary`);
    return out;
}
function renderComment(input) {
    const open = input.findings.filter((f) => !f.suppressed);
    const known = input.changed !== undefined;
    const isNew = (f) => input.scope
        ? (0,gate/* isNew */.BS)(f, input.scope)
        : !input.changed || input.changed.touches(f.location.file, f.location.range.startLine, f.location.range.endLine);
    const fresh = open.filter(isNew);
    const existing = open.filter((f) => !isNew(f));
    const resolved = fresh.length === 0;
    const at = input.links ? ` at ${input.links.sha.slice(0, 7)}` : "";
    const lines = [commentMarker(input.category)];
    if (resolved)
        lines.push(RESOLVED);
    if (resolved) {
        lines.push(`### ✅ ${version/* TOOL_NAME */.lH}: no new findings${at}`);
        lines.push("");
        lines.push(existing.length
            ? `Nothing on the lines this pull request changes. ${comment_plural(existing.length, "finding")} elsewhere in the code ${existing.length === 1 ? "is" : "are"} not from this pull request (see the job summary).`
            : "No open findings.");
    }
    else {
        const icon = ICON[worst(fresh)];
        lines.push(known
            ? `### ${icon} ${version/* TOOL_NAME */.lH}: ${comment_plural(fresh.length, "new finding")} in this pull request`
            : `### ${icon} ${version/* TOOL_NAME */.lH}: ${comment_plural(open.length, "finding")}`);
        lines.push("");
        const verdict = input.failOn === "none"
            ? "The gate is off (`fail-on: none`)."
            : input.gating > 0
                ? `❌ ${comment_plural(input.gating, "finding")} at or above \`${input.failOn}\` fail${input.gating === 1 ? "s" : ""} the check.`
                : `✅ Nothing that gates at or above \`${input.failOn}\`.`;
        const split = known
            ? `${fresh.length} on lines this pull request changes, ${existing.length} elsewhere`
            : `new and existing ones could not be told apart: the step ${md(input.unknown ?? "could not read the pull request's changes")}`;
        lines.push(`${comment_plural(open.length, "open finding")}${at} (${split}). ${verdict}`);
        lines.push("");
        lines.push(known ? "| Risk | Severity | New | Existing |" : "| Risk | Severity | Findings |");
        lines.push(known ? "|---|---|---:|---:|" : "|---|---|---:|");
        for (const rule of rules/* RULES */.y0) {
            const n = fresh.filter((f) => f.rule === rule.id).length;
            const e = existing.filter((f) => f.rule === rule.id).length;
            const name = `${n ? ICON[rule.severity] : "✅"} #${rule.number} ${rule.title}`;
            lines.push(known ? `| ${name} | ${rule.severity} | ${n} | ${e} |` : `| ${name} | ${rule.severity} | ${n} |`);
        }
        lines.push("");
        lines.push(known ? "**New findings**" : "**Findings**");
        lines.push("");
        lines.push(...list(fresh, input));
        if (existing.length) {
            lines.push("");
            lines.push(`<details><summary>${comment_plural(existing.length, "finding")} not on changed lines</summary>`);
            lines.push("");
            lines.push(...list(existing, input));
            lines.push("");
            lines.push("</details>");
        }
    }
    lines.push("");
    const footer = [
        input.runUrl && `[Job summary](${input.runUrl})`,
        input.uploaded &&
            input.links &&
            `[Code scanning alerts](${input.links.serverUrl}/${input.links.repository}/security/code-scanning?query=${encodeURIComponent(`is:open tool:${version/* TOOL_NAME */.lH}`)})`,
        `<sub>${version/* TOOL_NAME */.lH} ${version/* VERSION */.xv} · category \`${md(input.category)}\`</sub>`,
    ].filter(Boolean);
    lines.push(footer.join(" · "));
    let body = lines.join("\n") + "\n";
    // Long messages could still overflow: cut whole lines and say so.
    if (body.length > COMMENT_BUDGET_CHARS) {
        const note = "\n\n… cut to fit GitHub's comment size; every finding is in the job summary and the SARIF file.\n";
        const cut = body.lastIndexOf("\n", COMMENT_BUDGET_CHARS - note.length - 20);
        body = body.slice(0, cut);
        if (body.includes("<details>") && !body.includes("</details>"))
            body += "\n\n</details>";
        body += note;
    }
    return { body, resolved };
}
/**
 * Create, update or resolve the sticky comment. An unchanged body is not sent again (no "edited"
 * mark, no notification); copies left by two runs racing to create it are deleted.
 */
async function syncComment(o) {
    const timeout = o.timeoutMs ?? 30_000;
    const retry = (fn) => withRetry(fn, {
        attempts: o.attempts ?? 3,
        baseDelayMs: o.baseDelayMs ?? 1_000,
        maxDelayMs: 10_000,
        retryable: isRetryable,
        sleep: o.sleep,
    });
    const marker = commentMarker(o.category);
    try {
        // Both lines start the body, so a quote or a mention of the marker elsewhere never matches.
        const mine = await retry(() => o.api.findComments(o.issue, marker + "\n", 30, timeout));
        const [current, ...copies] = mine;
        for (const copy of copies)
            await retry(() => o.api.deleteComment(copy.id, timeout));
        if (!current) {
            if (o.rendered.resolved)
                return { state: "not-needed" };
            const made = await retry(() => o.api.createComment(o.issue, o.rendered.body, timeout));
            return { state: "created", url: made.url };
        }
        if (current.body === o.rendered.body)
            return { state: "unchanged", url: current.url };
        const wasResolved = current.body.startsWith(`${marker}\n${RESOLVED}\n`);
        const edited = await retry(() => o.api.updateComment(current.id, o.rendered.body, timeout));
        if (o.rendered.resolved !== wasResolved && current.nodeId) {
            // Collapsing is a courtesy: without the permission for it the edited text still says it all.
            await o.api
                .setMinimized(current.nodeId, o.rendered.resolved, timeout)
                .catch((err) => o.log(`Could not ${o.rendered.resolved ? "collapse" : "expand"} the comment: ${err.message}`));
        }
        return { state: o.rendered.resolved ? "resolved" : "updated", url: edited.url ?? current.url };
    }
    catch (err) {
        return { state: "failed", message: commentFailure(err) };
    }
}
/** Why the comment could not be written, and what to do. */
function commentFailure(err) {
    const e = err instanceof ApiError ? err : undefined;
    const said = e
        ? e.status === undefined
            ? `network error: ${e.message}`
            : `HTTP ${e.status}: ${e.message}`
        : String(err?.message ?? err);
    const fix = e?.status === 403 || e?.status === 404
        ? " The token needs `pull-requests: write` (workflow `permissions:`). Pull requests from forks and Dependabot get a read-only token: scan them in a `workflow_run` workflow, which has a write token, with `ref: refs/pull/<number>/head` and `sha`, or leave `comment` off for them."
        : "";
    return `Could not write the pull-request comment (${said}).${fix} The findings are still in the job summary, the annotations and the SARIF file.`;
}

// EXTERNAL MODULE: ./src/fix/plan.ts + 9 modules
var plan = __webpack_require__(4063);
// EXTERNAL MODULE: ./src/fix/sarif.ts
var fix_sarif = __webpack_require__(5902);
// EXTERNAL MODULE: ./src/engine/text.ts
var engine_text = __webpack_require__(1655);
;// CONCATENATED MODULE: ./src/github/suggest.ts
/**
 * `suggest: true`: on a pull request, each fixable finding on a line the pull request changes gets a
 * review comment with a GitHub suggestion block, so the author applies the fix with one click.
 *
 * The lines a suggestion replaces must be in the pull request's diff, and must read in the diff
 * exactly as in the checkout (a merge commit may differ from the head the comment is filed on);
 * anything else is left to the SARIF fixes and `--fix`. Each comment carries a hidden marker with a
 * hash of what it suggests, so a re-run (a new push, a re-triggered job) adds only suggestions that
 * are not there yet, and one whose code has changed is made again.
 */









/** Comments per run, at most: a pull request is a conversation, not a report. */
const MAX_SUGGESTIONS = 20;
/** Lines one suggestion may replace, at most. */
const MAX_LINES = 60;
const MARKER = /<!-- upstash-scan:suggestion ([0-9a-f]{16}) -->/g;
/** The new side of each file's diff: line number → text, and the lines the pull request adds. */
function diffLines(patch) {
    const text = new Map();
    const added = new Set();
    let line = 0;
    for (const raw of patch.split("\n")) {
        const h = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(raw);
        if (h) {
            line = Number(h[1]);
            continue;
        }
        if (line === 0 || raw.startsWith("\\") || raw.startsWith("-"))
            continue;
        if (raw.startsWith("+"))
            added.add(line);
        text.set(line, raw.slice(1).replace(/\r$/, ""));
        line++;
    }
    return { text, added };
}
/**
 * The suggestion for a fix whose finding is on a line the pull request adds: the old lines its edits
 * touch and what they become, when every one of them is in the diff as it is in the checkout.
 * `repoPath` is the file's path in the repository (the API's).
 */
function suggestionFor(file, fix, repoPath, diff, scrub) {
    const lines = new engine_text/* LineIndex */.r(file.before);
    const first = lines.position(Math.min(...fix.edits.map((e) => e.start))).line;
    const last = lines.position(Math.max(...fix.edits.map((e) => e.end))).line;
    if (last - first + 1 > MAX_LINES)
        return undefined;
    for (let l = first; l <= last; l++)
        if (diff.text.get(l) !== lines.lineText(l))
            return undefined;
    const start = lines.lineStart(first);
    const endOfLast = lines.lineStart(last) + lines.lineText(last).length;
    const delta = fix.edits.reduce((n, e) => n + e.text.length - (e.end - e.start), 0);
    const replacement = (0,plan/* applyEdits */.ct)(file.before, fix.edits)
        .slice(start, endOfLast + delta)
        .replace(/\r\n/g, "\n");
    const old = file.before.slice(start, endOfLast).replace(/\r\n/g, "\n");
    const key = (0,external_node_crypto_.createHash)("sha256")
        .update([repoPath, `${fix.finding.rule}/${fix.finding.check}`, old, replacement].join("\0"))
        .digest("hex")
        .slice(0, 16);
    // A fence longer than any backtick run in the code, so the suggestion cannot close it early.
    const longest = Math.max(2, ...[...replacement.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const rule = (0,rules/* ruleById */.BD)(fix.finding.rule);
    const body = [
        `**upstash-scan** · ${rule.title} (\`${fix.finding.check}\`): ${fix.description}`,
        "",
        `${fence}suggestion`,
        replacement,
        fence,
        ...(fix.note ? ["", `> ${fix.note}`] : []),
        "",
        `<!-- upstash-scan:suggestion ${key} -->`,
    ].join("\n");
    // Suggestions quote the repository's code: one that would print a credential is not made.
    if (scrub(body) !== body)
        return undefined;
    return {
        key,
        comment: {
            path: repoPath,
            body,
            line: last,
            side: "RIGHT",
            ...(first < last ? { start_line: first, start_side: "RIGHT" } : {}),
        },
    };
}
const TIMEOUT_MS = 30_000;
async function suggestFixes(input) {
    const report = { posted: 0, existing: 0, unsuggestable: 0 };
    const { api, pull, log } = input;
    const retry = { attempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, ...input.retry, retryable: isRetryable };
    if (input.plan.byFinding.size === 0) {
        log.info("suggest: no finding has an automatic fix.");
        return report;
    }
    const files = await withRetry(() => api.pullRequestFiles(pull, TIMEOUT_MS), retry);
    const byPath = new Map(files.map((f) => [f.filename, f]));
    const wanted = [];
    const seen = new Map();
    for (const file of input.plan.files) {
        const repoPath = input.toRepoPath(file.file);
        const patch = byPath.get(repoPath)?.patch;
        if (!patch)
            continue;
        const diff = diffLines(patch);
        for (const fix of file.fixes) {
            if (!diff.added.has(fix.finding.location.range.startLine))
                continue;
            const s = suggestionFor(file, fix, repoPath, diff, input.scrub);
            if (!s) {
                report.unsuggestable++;
                continue;
            }
            // The same suggestion twice in one file (identical code): number the copies.
            const n = seen.get(s.key) ?? 0;
            seen.set(s.key, n + 1);
            if (n > 0) {
                const key = (0,external_node_crypto_.createHash)("sha256").update(`${s.key}:${n}`).digest("hex").slice(0, 16);
                s.comment.body = s.comment.body.replace(s.key, key);
                s.key = key;
            }
            wanted.push(s);
        }
    }
    if (wanted.length === 0) {
        log.info("suggest: no fixable finding on a line this pull request changes.");
        return report;
    }
    const posted = new Set();
    for (const c of await withRetry(() => api.reviewComments(pull, TIMEOUT_MS), retry))
        for (const m of c.body.matchAll(MARKER))
            posted.add(m[1]);
    const fresh = wanted.filter((s) => !posted.has(s.key));
    report.existing = wanted.length - fresh.length;
    if (fresh.length === 0) {
        log.info(`suggest: the ${wanted.length} suggested fix(es) are already on the pull request.`);
        return report;
    }
    const batch = fresh.slice(0, MAX_SUGGESTIONS);
    if (fresh.length > batch.length)
        log.info(`suggest: ${fresh.length - batch.length} more fix(es) are in the SARIF file; run upstash-scan --fix locally.`);
    const summary = `upstash-scan suggests ${batch.length} fix${batch.length === 1 ? "" : "es"} for the Upstash security findings on lines this pull request changes.`;
    try {
        await withRetry(() => api.createReview(pull, { commit_id: input.headSha, body: summary, comments: batch.map((s) => s.comment) }, TIMEOUT_MS), retry);
        report.posted = batch.length;
    }
    catch (err) {
        // 422: one comment GitHub will not place refuses the whole review; place them one by one.
        if (!(err instanceof ApiError) || err.status !== 422)
            throw err;
        for (const s of batch) {
            try {
                await api.createReviewComment(pull, { commit_id: input.headSha, ...s.comment }, TIMEOUT_MS);
                report.posted++;
            }
            catch (e) {
                if (!(e instanceof ApiError) || e.status !== 422)
                    throw e;
                report.unsuggestable++;
            }
        }
    }
    log.info(`suggest: posted ${report.posted} suggested fix(es)${report.existing ? `; ${report.existing} were already there` : ""}.`);
    return report;
}
/**
 * The Action's step: pull requests only; a refusal (a fork's read-only token, a missing
 * `pull-requests: write`) or any API failure is a warning, never a failed job.
 */
async function suggestStep(input) {
    const { ctx, log } = input;
    const pr = ctx.event.pull_request;
    const pull = pr?.number ?? ctx.event.number;
    const head = pr?.head?.sha;
    if (!ctx.eventName.startsWith("pull_request") || !pull || !head || !ctx.repository) {
        log.info(`suggest: suggestions go on pull requests; this ${ctx.eventName || "run"} gets none.`);
        return undefined;
    }
    if (readOnlyTokenCause(ctx)) {
        log.info("suggest: this pull request's token is read-only (a fork or Dependabot), so no review comments; the fixes are in the SARIF file.");
        return undefined;
    }
    if (!input.token) {
        log.warning("suggest: true needs a token (the `token` input) with pull-requests: write.");
        return undefined;
    }
    // API paths are relative to the repository; findings to the scanned source root below it.
    const prefix = external_node_path_.relative((0,scan.gitTopLevel)(input.srcRoot) ?? input.srcRoot, input.srcRoot)
        .split(external_node_path_.sep)
        .join("/");
    try {
        const api = input.api ?? (await octokitApi(input.token, ctx.repository, ctx.apiUrl));
        return await suggestFixes({
            plan: input.plan,
            api,
            pull,
            headSha: head,
            toRepoPath: (file) => (prefix ? `${prefix}/${file}` : file),
            scrub: input.scrub,
            log,
            ...(input.retryBaseMs !== undefined
                ? { retry: { attempts: 3, baseDelayMs: input.retryBaseMs, maxDelayMs: input.retryBaseMs * 10 } }
                : {}),
        });
    }
    catch (err) {
        const status = err instanceof ApiError ? err.status : undefined;
        const hint = status === 403 || status === 404
            ? " Give the workflow `permissions: pull-requests: write` for review comments."
            : "";
        log.warning(`suggest: could not post suggested fixes (${status ? `HTTP ${status}: ` : ""}${err.message}).${hint}`);
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The Action's pipeline: inputs → scan → SARIF file → upload → job summary → pull-request comment →
 * annotations → outputs → the gate. One try/catch and the only setFailed: every other module
 * reports, this one decides.
 */





























/** Outputs, as action.yml declares them. */
const OUTPUTS = ["sarif-file", "findings", "critical", "high", "medium", "low", "sarif-id"];
/** A path for messages: relative to the workspace when inside it. */
function shown(file, workspace) {
    return (0,files/* isInside */.FK)(file, workspace) ? external_node_path_.relative(workspace, file) || "." : file;
}
/**
 * The directory SARIF URIs and annotation paths are relative to: the repository root. That is the
 * workspace, unless the workspace is no checkout itself and the scanned path lies in one below it
 * (actions/checkout's `path` input). Submodules and nested clones inside a checked-out workspace
 * keep the workspace, whose repository the results are uploaded to.
 */
function sourceRoot(workspace, targetDir) {
    if ((0,scan.gitTopLevel)(workspace) === workspace)
        return workspace;
    const top = (0,scan.gitTopLevel)(targetDir);
    return top && (0,files/* isInside */.FK)(top, workspace) ? top : workspace;
}
/**
 * The scanned path: inside GITHUB_WORKSPACE once links are resolved (`path: /etc`, `../..` or a
 * committed link to outside are input errors, not scans of the runner's disk).
 */
function scanTarget(input, workspace) {
    const target = (0,files/* realpathOrUndefined */.vz)(external_node_path_.resolve(workspace, input));
    if (target === undefined)
        throw new InputError(`input "path": ${input} does not exist in ${workspace}`);
    if (!(0,files/* isInside */.FK)(target, workspace))
        throw new InputError(`input "path": ${input} resolves to ${target}, outside GITHUB_WORKSPACE (${workspace}); only the checkout is scanned`);
    return target;
}
/**
 * Where the SARIF file goes: inside GITHUB_WORKSPACE (or RUNNER_TEMP), never inside a `.git`
 * directory (`.git/hooks/pre-commit` would run on the next commit), never through a link the checkout
 * planted. Missing directories are created only below a directory that already resolves inside.
 */
function sarifTarget(input, workspace, runnerTemp) {
    const roots = [workspace, ...(runnerTemp ? [(0,files/* realpathOrUndefined */.vz)(runnerTemp)].filter((r) => !!r) : [])];
    const wanted = external_node_path_.resolve(workspace, input);
    const refuse = (why) => new InputError(`input "sarif-file": ${input} ${why}; write it inside GITHUB_WORKSPACE${runnerTemp ? " or RUNNER_TEMP" : ""}`);
    const allowed = (p) => roots.some((r) => (0,files/* isInside */.FK)(p, r) && !(0,files/* isInGitDir */.lA)(external_node_path_.relative(r, p)));
    // The deepest directory that exists must already resolve inside; what is created below it is new.
    let existing = external_node_path_.dirname(wanted);
    while ((0,files/* realpathOrUndefined */.vz)(existing) === undefined && external_node_path_.dirname(existing) !== existing)
        existing = external_node_path_.dirname(existing);
    const real = (0,files/* realpathOrUndefined */.vz)(existing);
    if (!real || !allowed(real))
        throw refuse("resolves outside the allowed directories");
    external_node_fs_.mkdirSync(external_node_path_.dirname(wanted), { recursive: true });
    const target = (0,files/* realTarget */.aO)(wanted);
    if (!target || !allowed(target))
        throw refuse("resolves outside the allowed directories");
    const existingFile = external_node_fs_.lstatSync(target, { throwIfNoEntry: false });
    if (existingFile && !existingFile.isFile())
        throw refuse("exists and is not a regular file (a link, say)");
    return target;
}
/**
 * The `checkout-path` input: the repository's root when it is not the workspace (a repository
 * checked out with actions/checkout's `path` inside a workspace that is a checkout itself). It must
 * be a directory inside the workspace, symbolic links resolved.
 */
function checkoutPath(workspace, input) {
    const real = (0,files/* realpathOrUndefined */.vz)(external_node_path_.resolve(workspace, input));
    if (real === undefined)
        throw new InputError(`input "checkout-path": ${input} does not exist in ${workspace}`);
    if (!(0,files/* isInside */.FK)(real, (0,files/* realpathOrUndefined */.vz)(workspace) ?? workspace))
        throw new InputError(`input "checkout-path": ${input} lies outside the workspace ${workspace}`);
    if (!external_node_fs_.statSync(real).isDirectory())
        throw new InputError(`input "checkout-path": ${input} is not a directory`);
    return real;
}
/** The pull request a run is about: from the event, or from a `refs/pull/<n>/…` given as `ref` (workflow_run). */
function pullRequestNumber(ctx, refInput) {
    if (ctx.eventName.startsWith("pull_request")) {
        const n = ctx.event.pull_request?.number ?? ctx.event.number;
        if (n !== undefined)
            return n;
    }
    const m = /^refs\/pull\/(\d+)\//.exec(refInput);
    return m ? Number(m[1]) : undefined;
}
async function main_run(env = process.env) {
    // The token is masked before anything can print it (an API error may echo it back), and our own
    // scrubbing hides it too: the job summary is not masked by the runner.
    const token = core.getInput("token").trim();
    if (token)
        core.setSecret(token);
    const hideToken = (s) => (token.length >= 8 && s.includes(token) ? s.split(token).join((0,redact/* redact */.E$)(token)) : s);
    let scrub = (s) => hideToken((0,redact/* scrubShapes */.CN)(s));
    // Every log line passes through here: redacted, and never a workflow command (see github/log.ts).
    const info = (m) => core.info((0,log/* neutralizeCommands */.Kw)(scrub(m)));
    const annotations = new Annotations(core, (s) => (0,log/* neutralizeCommands */.Kw)(scrub(s)));
    try {
        const inputs = readInputs();
        const ctx = readRunContext(env);
        const workspace = (0,files/* realpathOrUndefined */.vz)(external_node_path_.resolve(ctx.workspace));
        if (!workspace)
            throw new InputError(`GITHUB_WORKSPACE (${ctx.workspace}) does not exist`);
        const checkout = inputs["checkout-path"] ? checkoutPath(workspace, inputs["checkout-path"]) : undefined;
        // `path: .` (the default) means the whole checkout; any other path must lie inside it.
        const target = checkout && inputs.path === "." ? checkout : scanTarget(inputs.path, workspace);
        if (checkout && !(0,files/* isInside */.FK)(target, checkout))
            throw new InputError(`input "path": ${inputs.path} lies outside checkout-path ${inputs["checkout-path"]}, the repository whose results are reported`);
        const targetDir = external_node_fs_.statSync(target).isDirectory() ? target : external_node_path_.dirname(target);
        const srcRoot = checkout ?? sourceRoot(workspace, targetDir);
        const sarifPath = sarifTarget(inputs["sarif-file"], workspace, env.RUNNER_TEMP);
        const scanned = shown(target, workspace).split(external_node_path_.sep).join("/");
        const category = inputs.category || categoryFromEnv(env, inputs.matrix, scanned);
        info(`Category: ${category}${inputs.category ? "" : " (derived from the workflow, job, matrix values and path; the category input sets another)"}`);
        // Caught before scanning: the second upload of a category in one job would replace the first.
        const earlier = inputs.upload === "false" ? undefined : earlierUpload(env.RUNNER_TEMP, category);
        if (earlier)
            throw new InputError(duplicateCategoryMessage(category, earlier, Boolean(inputs.category)));
        const config = (0,load.loadConfig)(inputs.config ? external_node_path_.resolve(workspace, inputs.config) : undefined, targetDir, srcRoot);
        const result = await (0,scan.scan)({
            paths: [target],
            srcRoot,
            config,
            ...(inputs.baseline ? { baseline: external_node_path_.resolve(workspace, inputs.baseline) } : {}),
            ...(inputs["scan-history"] ? { history: {}, onProgress: (m) => info(`upstash-scan: ${m}`) } : {}),
        });
        if (inputs.verify)
            await (0,verify/* runVerification */.t)(result, { onProgress: (m) => info(`upstash-scan: ${m}`) });
        scrub = (s) => hideToken(result.secrets.scrub(s));
        // The report is the scanned tree's text: commands are stopped around it, and each line neutralised.
        (0,log/* logBlock */.Mk)(core, scrub((0,output_text/* formatText */.v)(result, { color: true })));
        if (result.internalErrors > 0) {
            annotations.emit("warning", `${result.internalErrors} internal error(s) during the scan: some files were only partly checked. See the scan notes in the job summary.`);
        }
        // The SARIF file comes first: whatever happens to the upload, the user keeps the results.
        const fixPlan = await (0,plan/* planFixes */.T9)(result);
        const sarif = (0,build/* buildSarif */.Ep)(result, { category, fixes: (0,fix_sarif/* sarifFixes */.r)(fixPlan) });
        const sarifText = (0,log/* neutralizeJson */.GQ)(JSON.stringify(sarif, null, 2) + "\n");
        (0,files/* writeRegular */.KA)(sarifPath, sarifText);
        info(`Wrote ${shown(sarifPath, workspace)}`);
        // From here on, nothing but the findings fails the step (upload: true aside): each later step
        // that goes wrong becomes a warning, and the gate still decides.
        const step = async (what, fn, fallback) => {
            try {
                return await fn();
            }
            catch (err) {
                annotations.emit("warning", `${what} failed: ${(0,analyze/* describe */.q)(err)}`);
                return fallback;
            }
        };
        const head = gitHead(srcRoot);
        const where = inputs.ref
            ? { ref: inputs.ref, sha: inputs.sha, reason: "the ref and sha inputs" }
            : uploadTarget(ctx, head);
        const timing = timingFromEnv(env);
        const upload = await step("The upload to code scanning", () => uploadStep({
            mode: inputs.upload,
            token: inputs.token,
            ctx,
            target: where,
            sarifText,
            results: sarif.runs[0].results?.length ?? 0,
            startedAt: result.startedAt,
            checkoutDir: result.srcRoot,
            waitForProcessing: inputs["wait-for-processing"],
            timing,
            log: { info, warning: (m) => annotations.emit("warning", m) },
        }), { state: "failed", message: "The upload to code scanning failed (internal error)." });
        const failures = uploadFailures(upload, annotations, inputs.upload, info);
        if (upload.state === "uploaded")
            await step("Recording the upload's category", () => recordUpload(env.RUNNER_TEMP, { category, step: env.GITHUB_ACTION, scanned, sarifId: upload.id }), undefined);
        const counts = (0,gate/* countFindings */.Gt)(result.findings);
        const pull = pullRequestNumber(ctx, inputs.ref);
        const prChanges = counts.total > 0
            ? await step("Reading the pull request's changes", () => pullRequestChanges(ctx, srcRoot, result.srcRoot), undefined)
            : undefined;
        // The pull request's changed lines, from git or else the API, when the gate or the comment needs them.
        const prLines = pull !== undefined && counts.total > 0 && (inputs["gate-on"] === "new" || inputs.comment)
            ? await pullRequestLines(ctx, pull, inputs.token, srcRoot, result.srcRoot, prChanges)
            : undefined;
        // Findings carry redacted paths: so must the changed lines they are compared with.
        const shownLines = prLines && "lines" in prLines ? prLines.lines.mapFiles(scrub) : undefined;
        let scope;
        if (inputs["gate-on"] === "new") {
            if (pull === undefined)
                info(`gate-on: new applies to pull requests; this ${ctx.eventName || "run"} gates on all findings.`);
            else if (prLines && "problem" in prLines)
                annotations.emit("warning", `gate-on: new ${prLines.problem}; gating on all findings.`);
            else if (prLines)
                scope = await (0,base_findings/* changeScope */.T)(result, prLines.lines, pullRequestBase(ctx, srcRoot), inputs["fail-on"], (m) => annotations.emit("warning", m));
        }
        const gating = (0,gate/* gatingFindings */.dh)(result.findings, inputs["fail-on"], scope);
        const sha = typeof where === "string" ? (head ?? ctx.sha) : where.sha;
        const links = ctx.repository && sha
            ? { serverUrl: ctx.serverUrl, repository: `${ctx.repository.owner}/${ctx.repository.repo}`, sha }
            : undefined;
        await step("Writing the job summary", async () => {
            const summary = renderSummary({
                findings: result.findings,
                notifications: result.notifications,
                stats: result.stats,
                verification: result.verification,
                counts,
                failOn: inputs["fail-on"],
                gating: gating.length,
                scanned: shown(target, workspace),
                sarifFile: shown(sarifPath, workspace),
                upload,
                links,
                scrub,
            });
            if (env.GITHUB_STEP_SUMMARY)
                await core.summary.addRaw(scrub(summary), true).write();
            else
                info("No GITHUB_STEP_SUMMARY: the job summary was not written.");
        }, undefined);
        if (inputs.comment) {
            const repo = ctx.repository;
            if (pull === undefined)
                info(`comment: applies to pull requests; this ${ctx.eventName || "run"} has none, so no comment.`);
            else if (!inputs.token || !repo)
                annotations.emit("warning", "comment: needs the `token` input and GITHUB_REPOSITORY; no comment written.");
            else
                await step("Writing the pull-request comment", async () => {
                    const rendered = renderComment({
                        category,
                        findings: result.findings,
                        changed: scope?.changed ?? shownLines ?? (counts.total ? undefined : new changed_lines/* ChangedLines */.MQ()),
                        ...(scope ? { scope } : {}),
                        unknown: prLines && "problem" in prLines ? prLines.problem : undefined,
                        failOn: inputs["fail-on"],
                        gating: gating.length,
                        links,
                        runUrl: env.GITHUB_RUN_ID
                            ? `${ctx.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${env.GITHUB_RUN_ID}`
                            : undefined,
                        uploaded: upload.state === "uploaded",
                        scrub,
                    });
                    const outcome = await syncComment({
                        api: await octokitComments(inputs.token, repo, ctx.apiUrl),
                        issue: pull,
                        category,
                        rendered,
                        baseDelayMs: timing.retryBaseMs,
                        log: info,
                    });
                    if (outcome.state === "failed")
                        annotations.emit("warning", outcome.message, { title: "upstash-scan comment not written" });
                    else
                        info(`Pull-request comment #${pull}: ${outcome.state}${"url" in outcome && outcome.url ? ` (${outcome.url})` : ""}`);
                }, undefined);
        }
        if (gating.length > 0)
            failures.push(gateMessage(gating, inputs["fail-on"], Boolean(scope)));
        // The failure message below is an error annotation too.
        await step("Annotating the findings", () => annotateFindings(result.findings, annotations, { error: failures.length ? 1 : 0 }, shown(sarifPath, workspace), scope?.changed ?? shownLines ?? prChanges?.mapFiles(scrub)), 0);
        if (inputs.suggest)
            await step("Suggesting fixes", () => suggestStep({
                plan: fixPlan,
                ctx,
                token: inputs.token,
                srcRoot: result.srcRoot,
                scrub,
                log: { info, warning: (m) => annotations.emit("warning", m) },
                retryBaseMs: timing.retryBaseMs,
            }), undefined);
        await step("Setting the step's outputs", () => {
            core.setOutput("sarif-file", sarifPath);
            core.setOutput("findings", counts.total);
            for (const s of ["critical", "high", "medium", "low"])
                core.setOutput(s, counts[s]);
            core.setOutput("sarif-id", upload.state === "uploaded" ? upload.id : "");
        }, undefined);
        if (failures.length)
            core.setFailed((0,log/* neutralizeCommands */.Kw)(scrub(failures.join("\n"))));
    }
    catch (err) {
        // Bad inputs and configuration get their message alone; anything else is our bug: say where.
        const usage = err instanceof InputError || err instanceof scan.UsageError;
        core.setFailed(`${version/* TOOL_NAME */.lH}: ${scrub(usage ? err.message : `internal error: ${(0,analyze/* describe */.q)(err)}`)}`);
    }
}
/**
 * What about the upload fails the step: with `upload: true`, any failure; with `auto`, nothing (the
 * README promises that only findings fail the step), each failure becomes a warning.
 */
function uploadFailures(upload, annotations, mode, info) {
    const fail = (message) => {
        if (mode === "true")
            return [message];
        annotations.emit("warning", message, { title: "upstash-scan results not uploaded" });
        return [];
    };
    switch (upload.state) {
        case "failed":
            return fail(upload.message);
        case "refused":
            annotations.emit("warning", upload.refusal.message, { title: "upstash-scan results not uploaded" });
            return [];
        case "skipped":
            info(`Not uploading to code scanning: ${upload.reason}.`);
            return [];
        case "uploaded": {
            const p = upload.processing;
            if (p?.status === "failed")
                return fail(`GitHub could not process the uploaded SARIF (analysis ${upload.id}): ${p.errors.join("; ")}`);
            if (p?.status === "timeout") {
                annotations.emit("warning", `GitHub was still processing the upload (analysis ${upload.id}) after ${Math.round(p.waitedMs / 1000)} s. It finishes in the background, but errors in it will not be reported here.`);
            }
            if (p?.status === "unknown")
                annotations.emit("warning", `Could not check the processing status of analysis ${upload.id} (${p.error}); it is processed in the background.`);
            if (p?.status === "complete")
                info(`GitHub processed analysis ${upload.id}.`);
            return [];
        }
        default:
            return [];
    }
}
/**
 * A pull request's changed lines: from git when the checkout has the base commit, else from the
 * API's list of the pull request's files (shallow checkouts, workflow_run jobs). When neither answers,
 * `problem` says why: gate-on: new then gates on every finding (with a warning, so a
 * misconfiguration never lets findings through silently) and the comment cannot tell new from old.
 */
async function pullRequestLines(ctx, pull, token, gitDir, srcRoot, fromGit) {
    const local = fromGit ?? pullRequestChanges(ctx, gitDir, srcRoot);
    if (local)
        return { lines: local };
    if (!token || !ctx.repository)
        return {
            problem: "needs the pull request's base commit (actions/checkout with fetch-depth: 0) or a token to ask the API",
        };
    try {
        const api = await octokitApi(token, ctx.repository, ctx.apiUrl);
        const files = await withRetry((_, remaining) => api.pullRequestFiles(pull, Math.min(30_000, remaining)), {
            attempts: 3,
            baseDelayMs: 1_000,
            maxDelayMs: 10_000,
            deadlineMs: 90_000,
            retryable: isRetryable,
        });
        // API paths are repository-relative; findings are relative to the source root.
        const prefix = external_node_path_.relative((0,scan.gitTopLevel)(srcRoot) ?? srcRoot, srcRoot)
            .split(external_node_path_.sep)
            .join("/");
        return {
            lines: changesFromFiles(files, (p) => prefix && p.startsWith(prefix + "/") ? p.slice(prefix.length + 1) : prefix ? `../${p}` : p),
        };
    }
    catch (err) {
        return { problem: `could not list the pull request's changes (${(0,analyze/* describe */.q)(err)})` };
    }
}
function gateMessage(gating, failOn, onlyNew = false) {
    const list = gating
        .slice(0, 5)
        .map((f) => `${f.location.file}:${f.location.range.startLine} ${(0,rules/* severityOf */.xJ)(f)} ${(0,rules/* ruleById */.BD)(f.rule).title} (${f.rule}/${f.check})`)
        .join("; ");
    return `${gating.length} ${onlyNew ? "new " : ""}finding${gating.length === 1 ? "" : "s"} at or above fail-on: ${failOn}${onlyNew ? " on lines this pull request changes" : ""}: ${list}${gating.length > 5 ? `; and ${gating.length - 5} more (see the job summary)` : ""}.`;
}


/***/ })

};
;