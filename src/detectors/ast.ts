/** Syntax helpers shared by detectors. All walks are iterative: deep nesting must not overflow. */
import type * as ts from "typescript";
import { typescript } from "../engine/parse";
import { checkBudget } from "../engine/budget";

/** Visit every node under `root` in source order. Returning false skips the node's children. */
export function walk(root: ts.Node, visit: (node: ts.Node) => boolean | void): void {
  const stack: ts.Node[] = [root];
  let count = 0;
  const kids: ts.Node[] = [];
  while (stack.length) {
    const node = stack.pop()!;
    if ((++count & 1023) === 0) checkBudget();
    if (visit(node) === false) continue;
    kids.length = 0;
    node.forEachChild((k) => {
      kids.push(k);
    });
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** The value of a string literal or substitution-free template literal. */
export function stringValue(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const ts = typescript();
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node))
    return stringValue(node.expression);
  return undefined;
}

/** The static name of a property name or element access argument. */
export function propertyNameText(node: ts.Node | undefined): string | undefined {
  if (!node) return undefined;
  const ts = typescript();
  if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) return node.text;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isNumericLiteral(node))
    return node.text;
  if (ts.isComputedPropertyName(node)) return stringValue(node.expression);
  return undefined;
}

/** Strip parentheses, type assertions, `!` and `await`-free wrappers that do not change a value. */
export function unwrap(node: ts.Expression): ts.Expression {
  const ts = typescript();
  let n = node;
  for (;;) {
    if (
      ts.isParenthesizedExpression(n) ||
      ts.isAsExpression(n) ||
      ts.isSatisfiesExpression(n) ||
      ts.isNonNullExpression(n) ||
      ts.isTypeAssertionExpression(n)
    )
      n = n.expression;
    else return n;
  }
}

/** `a.b.c` → ["a", "b", "c"]; undefined when a part is not a static name. */
export function memberPath(node: ts.Node): string[] | undefined {
  const ts = typescript();
  const parts: string[] = [];
  let n: ts.Node = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n)) n = n.expression;
    else if (ts.isPropertyAccessExpression(n)) {
      parts.unshift(n.name.text);
      n = n.expression;
    } else if (ts.isElementAccessExpression(n)) {
      const name = stringValue(n.argumentExpression);
      if (name === undefined) return undefined;
      parts.unshift(name);
      n = n.expression;
    } else if (ts.isIdentifier(n)) {
      parts.unshift(n.text);
      return parts;
    } else if (n.kind === ts.SyntaxKind.ThisKeyword) {
      parts.unshift("this");
      return parts;
    } else if (ts.isMetaProperty(n)) {
      parts.unshift(`${n.keywordToken === ts.SyntaxKind.ImportKeyword ? "import" : "new"}.${n.name.text}`);
      return parts;
    } else return undefined;
  }
}

export interface ImportBinding {
  /** The module specifier as written. */
  module: string;
  /** "default", "*" for a namespace, or the exported name. */
  imported: string;
}

/** Local name → what it imports, for every import declaration and top-level `require`. */
export function importBindings(sf: ts.SourceFile): Map<string, ImportBinding> {
  const ts = typescript();
  const out = new Map<string, ImportBinding>();
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt) && ts.isStringLiteral(stmt.moduleSpecifier)) {
      const module = stmt.moduleSpecifier.text;
      const clause = stmt.importClause;
      if (!clause) continue;
      if (clause.name) out.set(clause.name.text, { module, imported: "default" });
      const nb = clause.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) out.set(nb.name.text, { module, imported: "*" });
      if (nb && ts.isNamedImports(nb)) {
        for (const el of nb.elements) out.set(el.name.text, { module, imported: (el.propertyName ?? el.name).text });
      }
    } else if (ts.isVariableStatement(stmt)) {
      for (const decl of stmt.declarationList.declarations) {
        const init = decl.initializer && unwrap(decl.initializer);
        if (
          !init ||
          !ts.isCallExpression(init) ||
          !ts.isIdentifier(init.expression) ||
          init.expression.text !== "require"
        )
          continue;
        const module = stringValue(init.arguments[0]);
        if (module === undefined) continue;
        if (ts.isIdentifier(decl.name)) out.set(decl.name.text, { module, imported: "*" });
        else if (ts.isObjectBindingPattern(decl.name)) {
          for (const el of decl.name.elements) {
            if (!ts.isIdentifier(el.name)) continue;
            out.set(el.name.text, { module, imported: propertyNameText(el.propertyName) ?? el.name.text });
          }
        }
      }
    }
  }
  return out;
}

/** The nearest enclosing function-like node, or the source file. */
export function enclosingFunction(node: ts.Node): ts.SignatureDeclaration | ts.SourceFile {
  const ts = typescript();
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionLike(n) && !ts.isTypeNode(n)) return n as ts.SignatureDeclaration;
    if (ts.isSourceFile(n)) return n;
  }
  return node.getSourceFile();
}

export interface EnvRead {
  name: string;
  node: ts.Node;
  /** How it was read: process.env, import.meta.env, a SvelteKit $env module, … */
  via:
    | "process.env"
    | "import.meta.env"
    | "$env/static/public"
    | "$env/dynamic/public"
    | "$env/static/private"
    | "$env/dynamic/private"
    | "other";
}
