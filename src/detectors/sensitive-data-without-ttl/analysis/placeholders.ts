/**
 * Values that are plainly not secrets, whatever the key they are stored under: mock, dummy,
 * placeholder and sample literals (`"mock_access_token_123"`, `"dummy-" + Date.now()`,
 * `` `fake-${Math.random()}` ``). A write of one is test or demo scaffolding, not a user's credential
 * kept forever, so the value's origin decides and not only the key's name. A value counts as a
 * placeholder only when everything it is built from is literal text, a clock or a random number, and
 * the text says so; anything that reads a request, a user or a generator of real tokens
 * (`crypto.randomUUID()`, `nanoid()`) keeps the write sensitive.
 */
import type * as ts from "typescript";
import { memberPath, stringValue, unwrap } from "../../ast";
import type { Constants } from "./keys";
import { SEGMENT, splitWords } from "./vocabulary";

type TS = typeof import("typescript");

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
function isArithmetic(ts: TS, kind: ts.SyntaxKind): boolean {
  const k = ts.SyntaxKind;
  return [k.PlusToken, k.MinusToken, k.AsteriskToken, k.SlashToken, k.PercentToken].includes(kind);
}

/** Methods that turn a value into text of the same origin: `Date.now().toString(36)`, `id.slice(0, 8)`. */
const CONVERSIONS = new Set(["toString", "toISOString", "getTime", "toFixed", "slice", "substring"]);

function textIsPlaceholder(text: string): boolean {
  const parts = splitWords(text).filter((p) => p !== SEGMENT);
  return parts.some((p) => MARKERS.has(p) || INSTRUCTION.test(p) || /^x{3,}$/.test(p));
}

/**
 * What a value is built from: "placeholder" when made-up text is in it and everything else is inert,
 * "inert" when it is only literals, clocks and random numbers, "live" otherwise.
 */
type Origin = "placeholder" | "inert" | "live";

function combine(origins: readonly Origin[]): Origin {
  if (origins.includes("live")) return "live";
  return origins.includes("placeholder") ? "placeholder" : "inert";
}

function originOf(ts: TS, expr: ts.Expression, constants: Constants, depth = 0): Origin {
  if (depth > 6) return "live";
  const e = unwrap(expr);
  const literal = literalOrigin(ts, e);
  if (literal) return literal;
  const next = (x: ts.Expression) => originOf(ts, x, constants, depth + 1);
  if (ts.isIdentifier(e)) {
    if (splitWords(e.text).some((p) => NAME_MARKERS.has(p))) return "placeholder";
    const init = constants.get(e);
    return init ? next(init) : "live";
  }
  const parts = partsOf(ts, e);
  return parts ? combine(parts.map((p) => (typeof p === "string" ? p : next(p)))) : "live";
}

/** Literal text, numbers, booleans and null. */
function literalOrigin(ts: TS, e: ts.Expression): Origin | undefined {
  const text = stringValue(e);
  if (text !== undefined) return textIsPlaceholder(text) ? "placeholder" : "inert";
  const k = ts.SyntaxKind;
  if ([k.NumericLiteral, k.TrueKeyword, k.FalseKeyword, k.NullKeyword].includes(e.kind)) return "inert";
  return undefined;
}

/** A part of a composite value: an expression to look into, or an origin already known. */
type Part = ts.Expression | Origin;

/**
 * What a composite value is made of, or undefined when it is not one the analysis can see through
 * (a spread or a shorthand field is live whatever it holds).
 */
function partsOf(ts: TS, e: ts.Expression): Part[] | undefined {
  if (ts.isTemplateExpression(e)) {
    const texts = [e.head.text, ...e.templateSpans.map((s) => s.literal.text)].join(" ");
    return [textIsPlaceholder(texts) ? "placeholder" : "inert", ...e.templateSpans.map((s) => s.expression)];
  }
  if (ts.isBinaryExpression(e) && isArithmetic(ts, e.operatorToken.kind)) return [e.left, e.right];
  if (ts.isObjectLiteralExpression(e))
    return e.properties.map((p) => (ts.isPropertyAssignment(p) ? p.initializer : "live"));
  if (ts.isArrayLiteralExpression(e)) return e.elements.map((x) => (ts.isSpreadElement(x) ? "live" : x));
  if (ts.isCallExpression(e)) return callParts(ts, e);
  if (ts.isNewExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "Date")
    return [...(e.arguments ?? [])];
  return undefined;
}

/** `Date.now()`, `Math.floor(Math.random() * 1e6)`, `JSON.stringify({...})`, `String(n)`, `x.toString()`. */
function callParts(ts: TS, e: ts.CallExpression): Part[] | undefined {
  const callee = unwrap(e.expression);
  const path = memberPath(callee)?.join(".");
  if (path && (INERT_CALLS.has(path) || path === "JSON.stringify" || path === "String")) return [...e.arguments];
  if (ts.isPropertyAccessExpression(callee) && CONVERSIONS.has(callee.name.text))
    return [callee.expression, ...e.arguments];
  return undefined;
}

/** Whether a value written is made up: mock, dummy or placeholder text and nothing live. */
export function isPlaceholderValue(ts: TS, expr: ts.Expression, constants: Constants): boolean {
  return originOf(ts, expr, constants) === "placeholder";
}
