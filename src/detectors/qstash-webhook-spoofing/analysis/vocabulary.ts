/**
 * The words rule 3 judges code by: calls that change nothing outside the request, verbs that do,
 * names of environment switches, of the signature header and of other credentials, session lookups
 * and queue-named route segments. Each table has examples it must and must not match in
 * test/qstash-vocabulary.test.ts.
 */

/** Modules whose `verifySignature*` / `serve` verify QStash signatures. */
export const QSTASH_MODULE = /^@upstash\/qstash(\/.*)?$/;
/** The packages whose importers (and their importers) the rule's detectors parse. */
export const QSTASH_PACKAGES = ["@upstash/qstash", "@upstash/workflow"];
export const WORKFLOW_MODULE = /^@upstash\/workflow(\/.*)?$/;
export const SERVE_NAMES = new Set([
  "serve",
  "serveMany",
  "createWorkflow",
  "servePagesRouter",
  "serveManyPagesRouter",
]);

/** Calls that never change anything outside the request (reading, parsing, building responses). */
export const SAFE_ROOTS = new Set([
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
export const SAFE_NAMES = new Set([
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
export const EFFECT_VERB =
  /^(insert|update|upsert|delete|del|remove|destroy|create|save|store|send|publish|enqueue|charge|refund|transfer|pay|write|set|hset|incr|decr|push|lpush|rpush|sadd|zadd|expire|put|post|patch|execute|exec|run|process|handle|trigger|dispatch|emit|notify|email|mail|invoke|call|fetch|revalidate|mutate|add|append|grant|revoke|cancel|approve|provision|deploy|generate|sync|import|export|upload|commit|increment|decrement|mark|record|track|log[A-Z]|schedule|start|stop|reset|credit|debit|subscribe|unsubscribe|invite|register)/i;
/** Awaited calls that read rather than write. */
export const READ_NAME =
  /^(get|find|read|load|list|select|query|parse|validate|check|verify|is|has|compute|hash|decode|decrypt|lookup|resolve|count|exists|search|retrieve|fetchRaw|auth$|currentUser|getServerSession|headers$|cookies$|json$|text$|formData$|arrayBuffer$|blob$|buffer$|rawBody$|getRawBody$|sleep|wait|delay|import$|use)/i;
/** Identifiers that are environment flags or custom switches for verification. */
export const ENV_FLAG =
  /^(is_?)?(dev|development|prod|production|local|localhost|test|testing|preview|staging|vercel|netlify|ci|emulator|offline)(_?env|_?mode)?$|^(skip|disable|bypass|insecure|no|ignore)_?(qstash|upstash|signature|sig|verif|verification|verify|auth|check|signing)|^(verify|verification|signature|qstash)_?(enabled|disabled|required|on|off|check)$|^(enable|should|must|require)_?(verif|verify|signature|qstash)|^node_?env$|^environment$|^env$|^app_?env$|^mode$/i;
export const HEADER_NAME = /^(upstash[_-]?)?(signature|sig|qstash[_-]?signature|signature[_-]?header)$/i;
export const AUTH_TEXT =
  /secret|api[_-]?key|apikey|token|password|bearer|authori[sz]ation|hmac|digest|expected|signature/i;
export const AUTH_CALL =
  /timingSafeEqual|safeCompare|secureCompare|constantTime|isAuthori[sz]ed|authenticate|(valid|verify|check)\w*(key|token|secret|cron|bearer|auth)/i;
export const SIGNING = /signing_?key|signingkey|upstash-signature|qstash_(current|next)/i;

/** Containers of plain data: calling their methods changes nothing outside the function. */
export const DATA_CLASS = /^(Map|Set|Array|WeakMap|WeakSet|URLSearchParams|Headers|FormData|TextEncoder|TextDecoder)$/;

/** Calls that look up a signed-in user (next-auth, Clerk, Supabase, Lucia, …): a user-facing route. */
export const SESSION_CALL =
  /^(getServerSession|getSession|auth|currentUser|getUser|getAuth|requireUser|requireAuth|requireSession|validateRequest|getCurrentUser|getKindeServerSession|withAuth|withSession|withUser)$/;

/** Imports that only a receiver needs (a publisher imports Client). */
export const RECEIVING_NAMES =
  /^(Receiver|verifySignature\w*|serve|serveMany|createWorkflow|servePagesRouter|serveManyPagesRouter)$/;
