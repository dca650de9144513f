/**
 * Rule 4: a route handler that calls `ratelimit.limit(…)` and throws the result away gets
 * `const { success } = await ratelimit.limit(…)` and a 429 in its framework's words right after it:
 * `new Response(…, { status: 429 })` (NextResponse when the file uses it) for Request/Response
 * handlers (Next.js route handlers and middleware, SvelteKit endpoints, Astro, Remix, Workers),
 * `res.status(429).end(…)` for Express and the Next.js pages router, `c.text(…, 429)` for Hono and
 * `throw createError({ statusCode: 429 })` for Nuxt. Helpers, server actions and tRPC procedures
 * (whose callers decide what a refusal looks like), a statement that is not on its own in a block, a
 * function that is not async and a function that already names something `success` get no edit.
 */
import type { ts } from "ts-morph";
import { defineFixer, type Edit, type FixContext } from "./types";
import { indentAt, quoted, semi } from "./style";
import { enclosingFunction, identifiersNamed, importEdit, isAsync, nodeAt, type FunctionLike } from "./syntax";

const ROUTE_NAMES = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ALL|middleware|proxy|default|loader|action)$/;
/** Files whose exported functions take a Request and return a Response. */
const RESPONSE_FILES =
  /(^|\/)(app\/(.+\/)?route|(src\/)?(middleware|proxy)|src\/routes\/(.+\/)?\+server|src\/pages\/.+|app\/routes\/.+|src\/routes\/.+)\.(ts|tsx|js|jsx|mjs|mts)$/;
const PAGES_API = /(^|\/)pages\/api\/.+\.(ts|tsx|js|jsx|mjs|mts)$/;
const NUXT = /(^|\/)server\/(api|routes|middleware)\/.+\.(ts|js|mjs|mts)$/;
const ROUTER_METHODS = /^(get|post|put|patch|delete|all|use|options|head)$/;

type Refusal =
  | { kind: "response"; next: boolean }
  | { kind: "res"; res: string }
  | { kind: "hono"; c: string }
  | { kind: "nuxt"; imports: Edit[] };

export default defineFixer({
  id: "enforce-limit",
  rule: "upstash/rate-limit-misconfiguration",
  checks: ["result-not-enforced"],
  summary:
    "A discarded ratelimit.limit(…) in a route handler becomes `const { success } = await …` followed by a 429 in the framework's response type.",
  propose(ctx) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const call = nodeAt(ctx, ctx.start, ctx.end, tsx.isCallExpression);
    if (!call || !tsx.isPropertyAccessExpression(call.expression) || call.expression.name.text !== "limit")
      return undefined;
    const awaited = tsx.isAwaitExpression(call.parent);
    const statement = awaited ? call.parent.parent : call.parent;
    if (!statement || !tsx.isExpressionStatement(statement) || !tsx.isBlock(statement.parent)) return undefined;
    const fn = enclosingFunction(tsx, call);
    if (!fn || !isAsync(tsx, fn) || !fn.body || identifiersNamed(tsx, fn, "success").length > 0) return undefined;
    const refusal = refusalOf(ctx, fn);
    if (!refusal) return undefined;
    const start = statement.getStart(sf);
    const guard = guardText(ctx, refusal, indentAt(ctx.text, start));
    const edits: Edit[] = [
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
});

/** How this handler refuses a request, or undefined when the function is not a route handler we know. */
function refusalOf(ctx: FixContext, fn: FunctionLike): Refusal | undefined {
  const tsx = ctx.ts;
  const params = fn.parameters.map((p) => (tsx.isIdentifier(p.name) ? p.name.text : undefined));
  // Router callbacks: app.post("/path", async (req, res) => …), app.get("/x", async (c) => …).
  const parent = fn.parent;
  if (
    parent &&
    tsx.isCallExpression(parent) &&
    parent.arguments.includes(fn as ts.Expression) &&
    tsx.isPropertyAccessExpression(parent.expression) &&
    ROUTER_METHODS.test(parent.expression.name.text)
  ) {
    if (imports(ctx, /^hono($|\/)/) && params.length >= 1 && params[0]) return { kind: "hono", c: params[0] };
    if (imports(ctx, /^express$/) && params.length >= 2 && params[1]) return { kind: "res", res: params[1] };
    return undefined;
  }
  const exported = exportedName(ctx, fn);
  if (!exported || !ROUTE_NAMES.test(exported)) return undefined;
  if (PAGES_API.test(ctx.file) && exported === "default")
    return params[1] ? { kind: "res", res: params[1] } : undefined;
  if (NUXT.test(ctx.file)) {
    // Nuxt imports h3's helpers automatically; a file that imports them itself gets createError too.
    const h3 = explicitImport(ctx, "h3");
    const edits = h3 ? importEdit(ctx, "h3", ["createError"]) : [];
    return edits ? { kind: "nuxt", imports: edits } : undefined;
  }
  // A default export elsewhere is a page component (Remix, Astro), not a request handler.
  if (exported === "default" && !/(^|\/)(src\/)?(middleware|proxy)\.\w+$/.test(ctx.file)) return undefined;
  if (RESPONSE_FILES.test(ctx.file) || exported === "fetch") {
    const next = Boolean(explicitImport(ctx, "next/server", "NextResponse"));
    const declared = fn.type?.getText(ctx.sourceFile) ?? "";
    if (/NextResponse/.test(declared) && !next) return undefined;
    return { kind: "response", next };
  }
  return undefined;
}

/**
 * The name a module exports `fn` under: `export async function POST`, `export const GET = async …`,
 * `export default async function`, or the `fetch` of a Worker's `export default { fetch }`.
 */
function exportedName(ctx: FixContext, fn: FunctionLike): string | undefined {
  const tsx = ctx.ts;
  const flags = (n: ts.Node) => tsx.getCombinedModifierFlags(n as ts.Declaration);
  if (tsx.isFunctionDeclaration(fn) && fn.parent === ctx.sourceFile && flags(fn) & tsx.ModifierFlags.Export)
    return flags(fn) & tsx.ModifierFlags.Default ? "default" : fn.name?.text;
  const p = fn.parent;
  if (tsx.isVariableDeclaration(p) && p.initializer === fn && tsx.isIdentifier(p.name)) {
    const st = p.parent.parent;
    if (tsx.isVariableStatement(st) && st.parent === ctx.sourceFile && flags(st) & tsx.ModifierFlags.Export)
      return p.name.text;
  }
  if (tsx.isExportAssignment(p) && !p.isExportEquals) return "default";
  // Nuxt/h3: export default defineEventHandler(async (event) => { … })
  if (
    tsx.isCallExpression(p) &&
    tsx.isIdentifier(p.expression) &&
    /^(define)?[eE]ventHandler$/.test(p.expression.text) &&
    tsx.isExportAssignment(p.parent)
  )
    return "default";
  // export default { async fetch(request, env, ctx) { … } }
  const method = tsx.isMethodDeclaration(fn) ? fn : tsx.isPropertyAssignment(p) ? p : undefined;
  const obj = method?.parent;
  if (
    method &&
    method.name &&
    tsx.isIdentifier(method.name) &&
    method.name.text === "fetch" &&
    obj &&
    tsx.isObjectLiteralExpression(obj) &&
    tsx.isExportAssignment(obj.parent)
  )
    return "fetch";
  return undefined;
}

function imports(ctx: FixContext, module: RegExp): boolean {
  const tsx = ctx.ts;
  return ctx.sourceFile.statements.some(
    (st) =>
      tsx.isImportDeclaration(st) && tsx.isStringLiteral(st.moduleSpecifier) && module.test(st.moduleSpecifier.text),
  );
}

/** The import of `module` (naming `name`, when given) if the file has one. */
function explicitImport(ctx: FixContext, module: string, name?: string): ts.ImportDeclaration | undefined {
  const tsx = ctx.ts;
  for (const st of ctx.sourceFile.statements) {
    if (!tsx.isImportDeclaration(st) || !tsx.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module)
      continue;
    if (!name) return st;
    const named = st.importClause?.namedBindings;
    if (named && tsx.isNamedImports(named) && named.elements.some((e) => e.name.text === name && !e.propertyName))
      return st;
  }
  return undefined;
}

function guardText(ctx: FixContext, r: Refusal, indent: string): string {
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
