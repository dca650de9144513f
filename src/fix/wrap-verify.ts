/**
 * Rule 3: a file-routed handler that a QStash publisher targets and that verifies nothing is wrapped
 * with its framework's helper from @upstash/qstash, which checks the Upstash-Signature header
 * against the raw body and refuses the request before the handler runs:
 * - Next.js app router: `export const POST = verifySignatureAppRouter(async (req) => {…})`;
 * - Next.js pages router: `export default verifySignature(handler)` and
 *   `export const config = { api: { bodyParser: false } }` (the helper reads the raw body, and puts
 *   the parsed JSON back on req.body);
 * - SvelteKit: `verifySignatureSvelte(handler, { currentSigningKey, nextSigningKey })` with the keys
 *   from `$env/static/private` (the helper takes them only as arguments);
 * - Nuxt: `defineEventHandler(verifySignatureNuxt(async (event) => {…}))`.
 * Only handlers the export defines directly (a function, an arrow, or a name) are wrapped; one that
 * sits in another wrapper, verifies somewhere already, uses `this`, or whose name the module uses
 * elsewhere gets no edit. Express, Hono and Workers have no helper: they need a hand-written check.
 */
import type { ts } from "ts-morph";
import { defineFixer, type Edit, type FixContext } from "./types";
import { semi } from "./style";
import { appendElement, identifiersNamed, importEdit, isAsync, propertyName, usesOwnThis } from "./syntax";

type Framework = "next-app" | "pages" | "sveltekit" | "nuxt";

const FRAMEWORKS: Array<{ kind: Framework; path: RegExp; module: string; helper: string }> = [
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

const KEYS = ["QSTASH_CURRENT_SIGNING_KEY", "QSTASH_NEXT_SIGNING_KEY"] as const;
/** Anything that verifies (or may): its presence makes "nothing verifies" uncertain. */
const VERIFIES = /verif|receiver|signature|jwt|serve(Many)?\b|createWorkflow/i;

export default defineFixer({
  id: "wrap-verify",
  rule: "upstash/qstash-webhook-spoofing",
  checks: ["unverified-handler"],
  summary:
    "A Next.js (app or pages router), SvelteKit or Nuxt handler that a publisher targets and nothing verifies is wrapped with the framework's verifySignature* helper (pages router: bodyParser: false).",
  propose(ctx) {
    // The publishers that target the handler are the finding's related locations: without one, the
    // route only looks like a queue consumer, and wrapping it could lock out its real callers.
    if (!ctx.finding.related?.length) return undefined;
    const fw = FRAMEWORKS.find((f) => f.path.test(ctx.file));
    if (!fw) return undefined;
    const name = ctx.text.slice(ctx.start, ctx.end);
    const found =
      fw.kind === "pages" || fw.kind === "nuxt"
        ? defaultExport(ctx)
        : namedExport(ctx, /^[A-Z]+$/.test(name) ? name : "");
    if (!found || VERIFIES.test(ctx.text.slice(found.statement.getStart(ctx.sourceFile), found.statement.getEnd())))
      return undefined;
    const imports = importEdit(ctx, fw.module, [fw.helper]);
    if (!imports) return undefined;
    const wrap = fw.kind === "nuxt" ? nuxtWrap(ctx, found, fw.helper) : wrapHandler(ctx, found, fw.kind, fw.helper);
    if (!wrap) return undefined;
    const edits: Edit[] = [...imports, ...wrap];
    if (fw.kind === "sveltekit") {
      const keys = importEdit(ctx, "$env/static/private", KEYS);
      if (!keys) return undefined;
      edits.unshift(...keys);
    }
    if (fw.kind === "pages") {
      const config = bodyParserOff(ctx, found.statement);
      if (!config) return undefined;
      edits.push(...config);
    }
    const where =
      fw.kind === "sveltekit"
        ? "Set both keys at build time ($env/static/private)."
        : "It throws at start-up when neither is set; set both where this route runs.";
    return {
      description: `Wrap the handler with ${fw.helper} from ${fw.module}: it refuses requests whose Upstash-Signature does not match the raw body${fw.kind === "pages" ? ", and needs Next.js's body parser off" : ""}.`,
      note: `${fw.helper} verifies with QSTASH_CURRENT_SIGNING_KEY and QSTASH_NEXT_SIGNING_KEY. ${where}`,
      edits,
      scope: { start: found.statement.getStart(ctx.sourceFile), end: found.statement.getEnd() },
    };
  },
});

interface Found {
  statement: ts.Statement;
  /** The handler when the statement declares it: `export async function POST(…) {…}`. */
  declaration?: ts.FunctionDeclaration;
  /** The handler expression otherwise: `export const POST = async (…) => {…}`, `export default handler`. */
  expression?: ts.Expression;
}

function namedExport(ctx: FixContext, name: string): Found | undefined {
  const tsx = ctx.ts;
  if (!name) return undefined;
  for (const st of ctx.sourceFile.statements) {
    const exported = tsx.getCombinedModifierFlags(st as unknown as ts.Declaration) & tsx.ModifierFlags.Export;
    if (!exported) continue;
    if (tsx.isFunctionDeclaration(st) && st.name?.text === name) return { statement: st, declaration: st };
    if (tsx.isVariableStatement(st)) {
      const decls = st.declarationList.declarations;
      const d = decls.find((x) => tsx.isIdentifier(x.name) && x.name.text === name);
      if (!d) continue;
      if (decls.length !== 1 || !d.initializer || !(st.declarationList.flags & tsx.NodeFlags.Const)) return undefined;
      return { statement: st, expression: d.initializer };
    }
  }
  return undefined;
}

function defaultExport(ctx: FixContext): Found | undefined {
  const tsx = ctx.ts;
  for (const st of ctx.sourceFile.statements) {
    if (tsx.isFunctionDeclaration(st)) {
      const flags = tsx.getCombinedModifierFlags(st);
      if (flags & tsx.ModifierFlags.Export && flags & tsx.ModifierFlags.Default)
        return { statement: st, declaration: st };
    }
    if (tsx.isExportAssignment(st) && !st.isExportEquals) return { statement: st, expression: st.expression };
  }
  return undefined;
}

function isFunctionExpression(tsx: typeof ts, e: ts.Node): e is ts.ArrowFunction | ts.FunctionExpression {
  return tsx.isArrowFunction(e) || tsx.isFunctionExpression(e);
}

/** The edits that put `helper(…)` around the handler (app router, pages router, SvelteKit). */
function wrapHandler(ctx: FixContext, found: Found, kind: Framework, helper: string): Edit[] | undefined {
  const tsx = ctx.ts;
  const sf = ctx.sourceFile;
  const style = ctx.style;
  const extra = kind === "sveltekit" ? `, { currentSigningKey: ${KEYS[0]}, nextSigningKey: ${KEYS[1]} }` : "";
  const fn = found.declaration;
  if (fn) {
    if (!fn.body || fn.asteriskToken || fn.typeParameters || usesOwnThis(tsx, fn)) return undefined;
    const start = fn.getStart(sf);
    const open = fn.parameters.pos - 1;
    const async = isAsync(tsx, fn) ? "async " : "";
    const name = fn.name?.text;
    if (kind === "pages") {
      // The token after `default`: `async` or `function`.
      const def = fn.modifiers?.find((m) => m.kind === tsx.SyntaxKind.DefaultKeyword);
      const next =
        def &&
        (fn.modifiers![fn.modifiers!.indexOf(def) + 1] ??
          fn.getChildren(sf).find((c) => c.kind === tsx.SyntaxKind.FunctionKeyword));
      if (!next) return undefined;
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
    if (!name || identifiersNamed(tsx, sf, name).length !== 1) return undefined;
    return [
      { start, end: open, text: `export const ${name} = ${helper}(${async}` },
      { start: fn.body.getStart(sf), end: fn.body.getStart(sf), text: "=> " },
      { start: fn.getEnd(), end: fn.getEnd(), text: `${extra})${semi(style)}` },
    ];
  }
  const e = found.expression!;
  if (!isFunctionExpression(tsx, e) && !tsx.isIdentifier(e)) return undefined;
  if (tsx.isFunctionExpression(e) && e.asteriskToken) return undefined;
  return [
    { start: e.getStart(sf), end: e.getStart(sf), text: `${helper}(` },
    { start: e.getEnd(), end: e.getEnd(), text: `${extra})` },
  ];
}

/** `export default defineEventHandler(async (event) => {…})` → the async function inside verifySignatureNuxt(…). */
function nuxtWrap(ctx: FixContext, found: Found, helper: string): Edit[] | undefined {
  const tsx = ctx.ts;
  const sf = ctx.sourceFile;
  const call = found.expression;
  if (!call || !tsx.isCallExpression(call) || call.arguments.length !== 1) return undefined;
  if (!tsx.isIdentifier(call.expression) || !/^(define)?[eE]ventHandler$/.test(call.expression.text)) return undefined;
  const fn = call.arguments[0]!;
  // verifySignatureNuxt takes (event) => Promise<unknown>: only async handlers fit as they are.
  if (!isFunctionExpression(tsx, fn) || !isAsync(tsx, fn) || usesOwnThis(tsx, fn)) return undefined;
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
function bodyParserOff(ctx: FixContext, handler: ts.Statement): Edit[] | undefined {
  const tsx = ctx.ts;
  const sf = ctx.sourceFile;
  const style = ctx.style;
  for (const st of sf.statements) {
    if (!tsx.isVariableStatement(st)) continue;
    const d = st.declarationList.declarations.find((x) => tsx.isIdentifier(x.name) && x.name.text === "config");
    if (!d) continue;
    let init = d.initializer;
    while (init && (tsx.isSatisfiesExpression(init) || tsx.isAsExpression(init))) init = init.expression;
    if (!init || !tsx.isObjectLiteralExpression(init)) return undefined;
    const api = init.properties.find((p) => propertyName(tsx, p) === "api");
    if (!api) return property(ctx, init, "api: { bodyParser: false }");
    if (!tsx.isPropertyAssignment(api) || !tsx.isObjectLiteralExpression(api.initializer)) return undefined;
    const parser = api.initializer.properties.find((p) => propertyName(tsx, p) === "bodyParser");
    if (!parser) return property(ctx, api.initializer, "bodyParser: false");
    if (tsx.isPropertyAssignment(parser) && parser.initializer.kind === tsx.SyntaxKind.FalseKeyword) return [];
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

function property(ctx: FixContext, obj: ts.ObjectLiteralExpression, prop: string): Edit[] | undefined {
  if (obj.properties.length === 0)
    return [{ start: obj.getStart(ctx.sourceFile), end: obj.getEnd(), text: `{ ${prop} }`, outside: "config" }];
  const edit = appendElement(ctx, obj.properties, prop, "config");
  return edit && [edit];
}
