/**
 * Conditions, classified by what they read — the environment, the signature header, the HTTP method —
 * whether they check another credential, and, for environment tests, what they say in words ("NODE_ENV
 * is not "production"") so that a finding can name the deployments that skip verification.
 */
import type * as ts from "typescript";
import type { Location } from "../../../engine/types";
import { memberPath, stringValue, unwrap, walk, type ImportBinding } from "../../ast";
import type { Cond, CondCategory } from "./ir";
import { calleeName, isFunctionNode, isLiteralish, negation, type TS } from "./syntax";
import { AUTH_CALL, AUTH_TEXT, ENV_FLAG, HEADER_NAME } from "./vocabulary";

export interface CondScope {
  ts: TS;
  sf: ts.SourceFile;
  loc(start: number, end: number): Location;
  imports: Map<string, ImportBinding>;
  /** Variable name → what its initialiser reads (for conditions that test a variable). */
  varCats: Map<string, CondCategory>;
}

/** Where environment variables are read from: `process.env.X`, `import.meta.env.X`, `env.X`, … */
const ENV_OBJECT = /^(process\.env|import\.meta\.env|Bun\.env|Deno\.env|env)(\.|$)|\.env\./;
/** SvelteKit's environment modules: `dev`, `building`, `$env/…` values. */
const ENV_MODULE = /^(\$app\/environment|\$env\/.*)$/;

interface Reads {
  env: boolean;
  header: boolean;
  method: boolean;
  refs: Set<string>;
}

/** Classify a condition. `ids`: candidate verification calls evaluated inside it. */
export function classify(s: CondScope, e: ts.Expression, ids: number[]): Cond {
  const { ts } = s;
  const r: Reads = { env: false, header: false, method: false, refs: new Set() };
  walk(e, (n) => {
    if (isFunctionNode(ts, n)) return false;
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-signature$/i.test(n.text))
      r.header = true;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) readsMember(ts, n, r);
    if (ts.isIdentifier(n)) readsIdentifier(s, n, r);
    return undefined;
  });
  const cat: CondCategory = r.env ? "env" : r.header ? "header" : r.method ? "method" : "other";
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

function readsMember(ts: TS, n: ts.PropertyAccessExpression | ts.ElementAccessExpression, r: Reads): void {
  const p = memberPath(n);
  if (!p) return;
  if (ENV_OBJECT.test(p.join("."))) r.env = true;
  const last = p[p.length - 1]!;
  if (last === "method") r.method = true;
  if (ENV_FLAG.test(last) && !(ts.isCallExpression(n.parent) && n.parent.expression === n)) r.env = true;
}

function readsIdentifier(s: CondScope, n: ts.Identifier, r: Reads): void {
  const { ts } = s;
  const p = n.parent;
  const isProp =
    p && ((ts.isPropertyAccessExpression(p) && p.name === n) || (ts.isPropertyAssignment(p) && p.name === n));
  const isCallee = p && ts.isCallExpression(p) && p.expression === n;
  if (isCallee && /^(getMethod|isMethod)$/.test(n.text)) r.method = true;
  if (isProp || isCallee) return;
  r.refs.add(n.text);
  const cat = s.varCats.get(n.text);
  if (cat === "env" || ENV_FLAG.test(n.text) || envImport(s, n.text)) r.env = true;
  if (cat === "header" || HEADER_NAME.test(n.text)) r.header = true;
  if (cat === "method") r.method = true;
}

function envImport(s: CondScope, name: string): boolean {
  const b = s.imports.get(name);
  return Boolean(b && ENV_MODULE.test(b.module));
}

/** Does the condition check another credential, and which way round? */
function authOf(s: CondScope, e: ts.Expression, depth = 0): "pos" | "neg" | null {
  const { ts } = s;
  if (depth > 20) return null;
  const x = unwrap(e);
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = authOf(s, x.operand, depth + 1);
    return inner === "pos" ? "neg" : inner === "neg" ? "pos" : null;
  }
  if (ts.isAwaitExpression(x)) return authOf(s, x.expression, depth + 1);
  if (ts.isCallExpression(x)) {
    const name = calleeName(ts, unwrap(x.expression));
    return name && AUTH_CALL.test(name) ? "pos" : null;
  }
  return ts.isBinaryExpression(x) ? authOfBinary(s, x, depth) : null;
}

function authOfBinary(s: CondScope, x: ts.BinaryExpression, depth: number): "pos" | "neg" | null {
  const { ts } = s;
  const k = ts.SyntaxKind;
  const op = x.operatorToken.kind;
  const eq = op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken;
  const ne = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
  if (eq || ne) {
    if (isLiteralish(ts, x.left) || isLiteralish(ts, x.right)) return null;
    const text = x.getText(s.sf);
    if (!AUTH_TEXT.test(text) || /NODE_ENV|VERCEL_ENV/.test(text)) return null;
    return eq ? "pos" : "neg";
  }
  if (op !== k.BarBarToken && op !== k.AmpersandAmpersandToken) return null;
  // `key && key === SECRET` is authorised only when the comparison holds; `!key || key !== SECRET`
  // fails when either side does.
  const a = authOf(s, x.left, depth + 1);
  const b = authOf(s, x.right, depth + 1);
  const want = op === k.BarBarToken ? "neg" : "pos";
  const other = want === "neg" ? "pos" : "neg";
  return (a === want || b === want) && a !== other && b !== other ? want : null;
}

/** Category of what a variable's initialiser reads (for flags such as `const isDev = …`). */
export function categoryOf(
  ts: TS,
  init: ts.Expression,
  imports: Map<string, ImportBinding>,
  known: Map<string, CondCategory>,
): CondCategory {
  const r = { env: false, header: false, method: false };
  walk(init, (n) => {
    if (isFunctionNode(ts, n)) return false;
    if ((ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) && /^upstash-signature$/i.test(n.text))
      r.header = true;
    if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) {
      const p = memberPath(n);
      if (p && /^(process\.env|import\.meta\.env|Bun\.env|Deno\.env)(\.|$)/.test(p.join("."))) r.env = true;
      if (p && p[p.length - 1] === "method") r.method = true;
    }
    if (ts.isIdentifier(n)) {
      const c = known.get(n.text);
      if (c === "env") r.env = true;
      if (c === "header") r.header = true;
      const b = imports.get(n.text);
      if (b && ENV_MODULE.test(b.module)) r.env = true;
    }
    return undefined;
  });
  return r.env ? "env" : r.header ? "header" : r.method ? "method" : "other";
}

// ---- environment conditions in words ----

export interface EnvWords {
  /** What the deployment looks like when the condition is true ("NODE_ENV is "production""). */
  holds: string;
  /** … and when it is false ("NODE_ENV is not "production""). */
  fails: string;
}

/** Flags whose meaning is known: [holds, fails]. */
const KNOWN_FLAGS: Record<string, [string, string]> = {
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
export function envWords(s: CondScope, e: ts.Expression, depth = 0): EnvWords {
  const { ts } = s;
  const x = unwrap(e);
  const quoted = "`" + x.getText(s.sf).replace(/\s+/g, " ").slice(0, 60) + "`";
  const fallback = { holds: `${quoted} holds`, fails: `${quoted} does not hold` };
  if (depth > 8) return fallback;
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = envWords(s, x.operand, depth + 1);
    return { holds: inner.fails, fails: inner.holds };
  }
  if (ts.isBinaryExpression(x)) return binaryWords(s, x, depth) ?? fallback;
  const flag = flagName(s, x);
  if (flag && KNOWN_FLAGS[flag]) return { holds: KNOWN_FLAGS[flag][0], fails: KNOWN_FLAGS[flag][1] };
  const name = envVariable(s, x);
  if (name) return { holds: `${name} is set`, fails: `${name} is not set` };
  if (ts.isIdentifier(x)) return { holds: `\`${x.text}\` is true`, fails: `\`${x.text}\` is false` };
  return fallback;
}

function binaryWords(s: CondScope, x: ts.BinaryExpression, depth: number): EnvWords | undefined {
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
  if (!eq && !ne) return undefined;
  const [side, lit] =
    stringValue(unwrap(x.right)) !== undefined ? [x.left, unwrap(x.right)] : [x.right, unwrap(x.left)];
  const value = stringValue(lit);
  const subject = unwrap(side);
  const name = envVariable(s, subject) ?? (ts.isIdentifier(subject) ? subject.text : undefined);
  if (value === undefined || !name) return undefined;
  const is = `${name} is "${value}"`;
  const isNot = `${name} is not "${value}"`;
  return eq ? { holds: is, fails: isNot } : { holds: isNot, fails: is };
}

/** `module.name` of an imported flag, or the member path of `import.meta.env.DEV`. */
function flagName(s: CondScope, x: ts.Expression): string | undefined {
  if (s.ts.isIdentifier(x)) {
    const b = s.imports.get(x.text);
    return b ? `${b.module}.${b.imported}` : undefined;
  }
  return memberPath(x)?.join(".");
}

/** The variable name of `process.env.X`, `env.X`, `import.meta.env.X`, `Deno.env.get("X")`, an `$env` import. */
function envVariable(s: CondScope, x: ts.Expression): string | undefined {
  const { ts } = s;
  if (ts.isCallExpression(x) && memberPath(x.expression)?.join(".") === "Deno.env.get")
    return stringValue(x.arguments[0]);
  if (ts.isIdentifier(x)) {
    const b = s.imports.get(x.text);
    return b && /^\$env\//.test(b.module) ? b.imported : undefined;
  }
  const p = memberPath(x);
  if (!p || p.length < 2 || !ENV_OBJECT.test(p.join("."))) return undefined;
  return p[p.length - 1];
}

// ---- the value of an environment test in production ----

/** Environment variables whose value in a production deployment is known. */
export const PRODUCTION_VALUES: Record<string, string> = {
  NODE_ENV: "production",
  VERCEL_ENV: "production",
  NEXT_PUBLIC_VERCEL_ENV: "production",
  VERCEL: "1",
  CONTEXT: "production",
};
/** Build-time flags with a known value in a production build. */
const PRODUCTION_FLAGS: Record<string, boolean> = { "import.meta.env.PROD": true, "import.meta.env.DEV": false };

/**
 * What an environment test evaluates to in production (`NODE_ENV !== "production"` → false), or
 * undefined when that depends on more than the table knows.
 */
export function inProduction(ts: TS, e: ts.Expression, depth = 0): boolean | undefined {
  const x = unwrap(e);
  if (depth > 8) return undefined;
  if (x.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (x.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(x) && x.operator === ts.SyntaxKind.ExclamationToken) {
    const v = inProduction(ts, x.operand, depth + 1);
    return v === undefined ? undefined : !v;
  }
  const flag = memberPath(x)?.join(".");
  if (flag && Object.hasOwn(PRODUCTION_FLAGS, flag)) return PRODUCTION_FLAGS[flag];
  return ts.isBinaryExpression(x) ? binaryInProduction(ts, x, depth) : undefined;
}

function binaryInProduction(ts: TS, x: ts.BinaryExpression, depth: number): boolean | undefined {
  const k = ts.SyntaxKind;
  const op = x.operatorToken.kind;
  if (op === k.AmpersandAmpersandToken || op === k.BarBarToken) {
    const a = inProduction(ts, x.left, depth + 1);
    const b = inProduction(ts, x.right, depth + 1);
    if (op === k.AmpersandAmpersandToken) return a === false || b === false ? false : a && b ? true : undefined;
    return a === true || b === true ? true : a === false && b === false ? false : undefined;
  }
  const eq = op === k.EqualsEqualsEqualsToken || op === k.EqualsEqualsToken;
  const ne = op === k.ExclamationEqualsEqualsToken || op === k.ExclamationEqualsToken;
  if (!eq && !ne) return undefined;
  const known = (side: ts.Expression) => {
    const name = memberPath(unwrap(side))?.slice(-1)[0] ?? "";
    return Object.hasOwn(PRODUCTION_VALUES, name) ? PRODUCTION_VALUES[name] : undefined;
  };
  const [value, lit] = known(x.left) !== undefined ? [known(x.left), x.right] : [known(x.right), x.left];
  const text = stringValue(unwrap(lit));
  if (value === undefined || text === undefined) return undefined;
  return eq ? value === text : value !== text;
}
