/**
 * One pass over a file that collects what the QStash extraction looks at: its top-level functions and
 * constants, every call, `new Receiver()` bindings, variables that read the environment or the
 * signature header, Upstash-* header reads, hard-coded signing-key fallbacks, Hono base paths and names
 * bound by a dynamic `await import("@upstash/qstash/…")`.
 */
import type * as ts from "typescript";
import { hasModifier } from "../../../engine/exports";
import { memberPath, propertyNameText, stringValue, unwrap, walk, type ImportBinding } from "../../ast";
import type { Location } from "../../../engine/types";
import type { CondCategory } from "./ir";
import type { Lowerer } from "./lower";
import type { ValueScope } from "./url-value";
import { categoryOf } from "./conditions";
import { bindingNames, isFunctionNode, type FunctionNode, type TS } from "./syntax";

/** One file as the extraction steps see it. */
export interface FileModel {
  ts: TS;
  sf: ts.SourceFile;
  path: string;
  loc(start: number, end: number, message?: string): Location;
  imports: Map<string, ImportBinding>;
  fnNodes: Map<string, FunctionNode>;
  consts: Map<string, ts.Expression>;
  /** For evaluating URL values: the file's constants and imports. */
  scope: ValueScope;
  lowerer: Lowerer;
  /** Every call in the file, in source order. */
  calls: ts.CallExpression[];
  /** The Upstash-* headers read inside some nodes. */
  readsIn(nodes: ts.Node[]): string[];
  /** The file imports the QStash receiving side (Receiver, verifySignature*, workflow serve). */
  receivingImport: boolean;
}

export interface TopLevel {
  /** Top-level functions by name (`default` for an anonymous default export). */
  fnNodes: Map<string, FunctionNode>;
  /** Top-level `const`/`let` initialisers that are not functions. */
  consts: Map<string, ts.Expression>;
}

export interface KeyFallback {
  start: number;
  end: number;
  name: string;
  value: string;
}

export interface FileScan {
  calls: ts.CallExpression[];
  /** Names bound to `new Receiver(…)`. */
  receivers: Set<string>;
  /** Variable name → what its initialiser reads. */
  varCats: Map<string, CondCategory>;
  headerReads: Array<{ name: string; pos: number }>;
  fallbacks: KeyFallback[];
  /** `const app = new Hono().basePath("/api")`: the router's prefix expression. */
  basePaths: Map<string, ts.Expression>;
  /** Names bound by `const { x } = await import("m")` (or `const m = await import("m")`). */
  dynamicImports: Map<string, ImportBinding>;
}

export function topLevel(ts: TS, sf: ts.SourceFile): TopLevel {
  const fnNodes = new Map<string, FunctionNode>();
  const consts = new Map<string, ts.Expression>();
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.body) {
      if (st.name) fnNodes.set(st.name.text, st);
      else if (hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword)) fnNodes.set("default", st);
    }
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!d.initializer) continue;
      // const { POST: handler } = serve(…): each name stands for what the call returns.
      if (ts.isObjectBindingPattern(d.name) && ts.isCallExpression(unwrap(d.initializer))) {
        for (const name of bindingNames(ts, d.name)) consts.set(name, d.initializer);
      } else if (ts.isIdentifier(d.name)) {
        const init = unwrap(d.initializer);
        if (isFunctionNode(ts, init)) fnNodes.set(d.name.text, init);
        else consts.set(d.name.text, d.initializer);
      }
    }
  }
  return { fnNodes, consts };
}

export function scanFile(ts: TS, sf: ts.SourceFile, imports: Map<string, ImportBinding>): FileScan {
  const out: FileScan = {
    calls: [],
    receivers: new Set(),
    varCats: new Map(),
    headerReads: [],
    fallbacks: [],
    basePaths: new Map(),
    dynamicImports: new Map(),
  };
  walk(sf, (n) => {
    if (ts.isCallExpression(n)) out.calls.push(n);
    else if (ts.isVariableDeclaration(n)) variable(ts, n, imports, out);
    else if (ts.isPropertyDeclaration(n) || ts.isPropertyAssignment(n)) receiverProperty(ts, n, out);
    else if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) headerRead(ts, sf, n, out);
    else if (ts.isBinaryExpression(n)) {
      const f = keyFallback(ts, n, sf);
      if (f) out.fallbacks.push(f);
    }
    return undefined;
  });
  return out;
}

function isReceiverConstruction(ts: TS, e: ts.Expression): boolean {
  return ts.isNewExpression(e) && memberPath(e.expression)?.slice(-1)[0] === "Receiver";
}

function variable(ts: TS, n: ts.VariableDeclaration, imports: Map<string, ImportBinding>, out: FileScan): void {
  if (!n.initializer) return;
  const init = unwrap(n.initializer);
  const dynamic = dynamicImportOf(ts, init);
  if (dynamic !== undefined) {
    if (ts.isIdentifier(n.name)) out.dynamicImports.set(n.name.text, { module: dynamic, imported: "*" });
    else if (ts.isObjectBindingPattern(n.name))
      for (const el of n.name.elements)
        if (ts.isIdentifier(el.name))
          out.dynamicImports.set(el.name.text, {
            module: dynamic,
            imported: propertyNameText(el.propertyName) ?? el.name.text,
          });
    return;
  }
  if (ts.isIdentifier(n.name)) {
    if (isReceiverConstruction(ts, init)) out.receivers.add(n.name.text);
    const cat = categoryOf(ts, init, imports, out.varCats);
    if (cat !== "other") out.varCats.set(n.name.text, cat);
    // const app = new Hono().basePath("/api")
    if (
      ts.isCallExpression(init) &&
      ts.isPropertyAccessExpression(init.expression) &&
      init.expression.name.text === "basePath" &&
      init.arguments[0]
    )
      out.basePaths.set(n.name.text, init.arguments[0]);
  } else if (ts.isObjectBindingPattern(n.name)) {
    const p = memberPath(init)?.join(".");
    if (p === "process.env" || p === "import.meta.env")
      for (const name of bindingNames(ts, n.name)) out.varCats.set(name, "env");
  }
}

/** The module of `await import("m")` (or a bare `import("m")`), if the expression is one. */
function dynamicImportOf(ts: TS, e: ts.Expression): string | undefined {
  const x = ts.isAwaitExpression(e) ? unwrap(e.expression) : e;
  if (!ts.isCallExpression(x) || x.expression.kind !== ts.SyntaxKind.ImportKeyword) return undefined;
  return stringValue(x.arguments[0]);
}

/** `receiver = new Receiver()` as a class field or an object property. */
function receiverProperty(ts: TS, n: ts.PropertyDeclaration | ts.PropertyAssignment, out: FileScan): void {
  if (!n.initializer || !isReceiverConstruction(ts, unwrap(n.initializer))) return;
  const name = propertyNameText(n.name);
  if (name) out.receivers.add(name);
}

const HEADER_GETTER = /^(get|has|header|getHeader|getRequestHeader)$/;

/** `req.headers.get("upstash-message-id")`, `req.headers["upstash-retried"]`, … */
function headerRead(
  ts: TS,
  sf: ts.SourceFile,
  n: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral,
  out: FileScan,
): void {
  if (!/^upstash-[a-z-]+$/i.test(n.text)) return;
  const p = n.parent;
  const isRead =
    (ts.isCallExpression(p) &&
      p.arguments.includes(n as ts.Expression) &&
      HEADER_GETTER.test(calleeText(ts, p.expression))) ||
    (ts.isElementAccessExpression(p) &&
      p.argumentExpression === n &&
      /headers$/i.test(memberPath(p.expression)?.slice(-1)[0] ?? ""));
  if (isRead) out.headerReads.push({ name: n.text.toLowerCase(), pos: n.getStart(sf) });
}

export function calleeText(ts: TS, e: ts.Expression): string {
  const u = unwrap(e);
  if (ts.isIdentifier(u)) return u.text;
  if (ts.isPropertyAccessExpression(u)) return u.name.text;
  return "";
}

const SIGNING_ENV = /^QSTASH_(CURRENT|NEXT)_SIGNING_KEY$/;

/**
 * A signing key substituted when the environment lacks one: `process.env.QSTASH_CURRENT_SIGNING_KEY =
 * "mock"` or `currentSigningKey: process.env.QSTASH_CURRENT_SIGNING_KEY ?? "fallback"`. Empty strings
 * fail closed and are not reported.
 */
function keyFallback(ts: TS, n: ts.BinaryExpression, sf: ts.SourceFile): KeyFallback | undefined {
  const k = ts.SyntaxKind;
  const assigns = [
    k.EqualsToken,
    k.QuestionQuestionToken,
    k.BarBarToken,
    k.QuestionQuestionEqualsToken,
    k.BarBarEqualsToken,
  ];
  if (!assigns.includes(n.operatorToken.kind)) return undefined;
  const left = unwrap(n.left);
  if (!ts.isPropertyAccessExpression(left) || !SIGNING_ENV.test(left.name.text)) return undefined;
  const p = memberPath(left);
  if (!p || p.length !== 3 || p[0] !== "process" || p[1] !== "env") return undefined;
  const value = stringValue(unwrap(n.right));
  if (!value) return undefined;
  return { start: n.getStart(sf), end: n.getEnd(), name: p[2]!, value };
}
