/** Syntax helpers the fixers share. Walks are iterative: deep nesting must not overflow the stack. */
import type { ts } from "ts-morph";
import type { Edit, FixContext } from "./types";
import { indentAt, quoted, semi } from "./style";

/**
 * The outermost node that starts exactly at `start` (its first token, trivia excluded), lies within
 * `[start, end]` and passes `test`; undefined when there is none.
 */
export function nodeAt<T extends ts.Node>(
  ctx: Pick<FixContext, "sourceFile">,
  start: number,
  end: number,
  test: (n: ts.Node) => n is T,
): T | undefined {
  const sf = ctx.sourceFile;
  const stack: ts.Node[] = [sf];
  let best: T | undefined;
  while (stack.length) {
    const node = stack.pop()!;
    if (node !== sf) {
      const s = node.getStart(sf);
      if (s === start && node.getEnd() <= end && test(node)) {
        if (!best || node.getEnd() > best.getEnd()) best = node;
      }
    }
    node.forEachChild((k) => {
      if (k.pos <= start && k.getEnd() >= start) stack.push(k);
    });
  }
  return best;
}

export type FunctionLike =
  | ts.FunctionDeclaration
  | ts.FunctionExpression
  | ts.ArrowFunction
  | ts.MethodDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ConstructorDeclaration;

/** The nearest function around `node`, if any. */
export function enclosingFunction(tsx: typeof ts, node: ts.Node): FunctionLike | undefined {
  for (let n = node.parent; n; n = n.parent) {
    if (
      tsx.isFunctionDeclaration(n) ||
      tsx.isFunctionExpression(n) ||
      tsx.isArrowFunction(n) ||
      tsx.isMethodDeclaration(n) ||
      tsx.isGetAccessorDeclaration(n) ||
      tsx.isSetAccessorDeclaration(n) ||
      tsx.isConstructorDeclaration(n)
    )
      return n;
  }
  return undefined;
}

export function isAsync(tsx: typeof ts, fn: ts.Node): boolean {
  return Boolean(tsx.getCombinedModifierFlags(fn as ts.Declaration) & tsx.ModifierFlags.Async);
}

/** Whether `fn`'s own body (not nested ordinary functions) uses `this` or `arguments`. */
export function usesOwnThis(tsx: typeof ts, fn: ts.Node): boolean {
  let found = false;
  const stack: ts.Node[] = [];
  fn.forEachChild((k) => {
    stack.push(k);
  });
  while (stack.length && !found) {
    const n = stack.pop()!;
    if (n.kind === tsx.SyntaxKind.ThisKeyword || (tsx.isIdentifier(n) && n.text === "arguments")) found = true;
    if (tsx.isFunctionDeclaration(n) || tsx.isFunctionExpression(n) || tsx.isClassLike(n)) continue;
    n.forEachChild((k) => {
      stack.push(k);
    });
  }
  return found;
}

/**
 * Identifiers in `root` that bind or refer to `name` as a variable: property names (`a.name`,
 * `{ name: 1 }`, class members, `{ name: x } = …`'s key, JSX attributes) are not counted.
 */
export function identifiersNamed(tsx: typeof ts, root: ts.Node, name: string): ts.Identifier[] {
  const out: ts.Identifier[] = [];
  const stack: ts.Node[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (tsx.isIdentifier(n) && n.text === name && !isPropertyName(tsx, n)) out.push(n);
    n.forEachChild((k) => {
      stack.push(k);
    });
  }
  return out;
}

function isPropertyName(tsx: typeof ts, id: ts.Identifier): boolean {
  const p = id.parent;
  if (!p) return false;
  if (tsx.isPropertyAccessExpression(p) || tsx.isQualifiedName(p)) return (p as { name: ts.Node }).name === id;
  if (tsx.isBindingElement(p) || tsx.isImportSpecifier(p) || tsx.isExportSpecifier(p)) return p.propertyName === id;
  if (
    tsx.isPropertyAssignment(p) ||
    tsx.isPropertyDeclaration(p) ||
    tsx.isPropertySignature(p) ||
    tsx.isMethodDeclaration(p) ||
    tsx.isMethodSignature(p) ||
    tsx.isGetAccessorDeclaration(p) ||
    tsx.isSetAccessorDeclaration(p) ||
    tsx.isEnumMember(p) ||
    tsx.isJsxAttribute(p)
  )
    return p.name === id;
  return false;
}

/**
 * The edit that makes `names` from `module` available: nothing when the file already imports them,
 * specifiers added to an existing import of the module, or a new import line after the last import
 * (at the top of the file when there is none, after a directive prologue). Undefined when a name is
 * already taken by something else, or the file is CommonJS: then no fix can be made safely.
 */
export function importEdit(
  ctx: Pick<FixContext, "ts" | "sourceFile" | "text" | "style">,
  module: string,
  names: readonly string[],
): Edit[] | undefined {
  const tsx = ctx.ts;
  const sf = ctx.sourceFile;
  let sameModule: ts.ImportDeclaration | undefined;
  let lastImport: ts.ImportDeclaration | undefined;
  const missing: string[] = [];
  for (const name of names) {
    let imported = false;
    for (const st of sf.statements) {
      if (!tsx.isImportDeclaration(st)) continue;
      const named = st.importClause?.namedBindings;
      if (!tsx.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== module) continue;
      if (!named || !tsx.isNamedImports(named)) continue;
      const el = named.elements.find((e) => e.name.text === name);
      if (!el) continue;
      // Imported under this name, as a value, from this module: already there. Anything else clashes.
      if ((el.propertyName?.text ?? name) !== name || el.isTypeOnly || st.importClause!.isTypeOnly) return undefined;
      imported = true;
    }
    if (imported) continue;
    // The name bound to anything else (a local, another module's export) would clash.
    if (identifiersNamed(tsx, sf, name).length > 0) return undefined;
    missing.push(name);
  }
  if (missing.length === 0) return [];
  for (const st of sf.statements) {
    if (!tsx.isImportDeclaration(st)) continue;
    lastImport = st;
    const named = st.importClause?.namedBindings;
    if (
      tsx.isStringLiteral(st.moduleSpecifier) &&
      st.moduleSpecifier.text === module &&
      named &&
      tsx.isNamedImports(named) &&
      !st.importClause!.isTypeOnly
    )
      sameModule ??= st;
  }
  if (!lastImport && /\brequire\s*\(/.test(ctx.text) && /\bmodule\.exports\b|\bexports\./.test(ctx.text))
    return undefined;
  const list = missing.join(", ");
  if (sameModule) {
    const named = sameModule.importClause!.namedBindings as ts.NamedImports;
    const els = named.elements;
    if (els.length === 0) {
      const open = named.getStart(sf) + 1;
      return [{ start: open, end: named.getEnd() - 1, text: ` ${list} `, outside: "import" }];
    }
    const last = els[els.length - 1]!;
    const multiline = ctx.text.slice(named.getStart(sf), els[0]!.getStart(sf)).includes("\n");
    const sep = multiline ? ctx.style.eol + indentAt(ctx.text, last.getStart(sf)) : " ";
    if (els.hasTrailingComma) {
      const comma = ctx.text.indexOf(",", last.getEnd());
      const items = missing.map((n) => `${sep}${n},`).join("");
      return [{ start: comma + 1, end: comma + 1, text: items, outside: "import" }];
    }
    const items = missing.map((n) => `,${sep}${n}`).join("");
    return [{ start: last.getEnd(), end: last.getEnd(), text: items, outside: "import" }];
  }
  const line = `import { ${list} } from ${quoted(ctx.style, module)}${semi(ctx.style)}`;
  if (lastImport) {
    const at = lastImport.getEnd();
    return [{ start: at, end: at, text: ctx.style.eol + line, outside: "import" }];
  }
  // No import yet: after "use …" directives; otherwise before the first statement (comments above it
  // such as a license header stay first).
  let at = 0;
  for (const st of sf.statements) {
    if (tsx.isExpressionStatement(st) && tsx.isStringLiteral(st.expression)) at = st.getEnd();
    else break;
  }
  if (at > 0) return [{ start: at, end: at, text: ctx.style.eol + ctx.style.eol + line, outside: "import" }];
  const first = sf.statements[0];
  at = first ? first.getStart(sf) : ctx.text.length;
  return [{ start: at, end: at, text: line + ctx.style.eol + (first ? ctx.style.eol : ""), outside: "import" }];
}

/** The static name of a plain property (`a: 1`, `"a": 1`, `a`); undefined for spreads, methods, computed names. */
export function propertyName(tsx: typeof ts, p: ts.ObjectLiteralElementLike): string | undefined {
  if (tsx.isShorthandPropertyAssignment(p)) return p.name.text;
  if (!tsx.isPropertyAssignment(p)) return undefined;
  return tsx.isIdentifier(p.name) || tsx.isStringLiteral(p.name) ? p.name.text : undefined;
}

/**
 * Add one element after the last of a list (call arguments, object properties), written the way
 * the list is: on its own line when the elements are, after a trailing comma when there is one.
 */
export function appendElement(
  ctx: Pick<FixContext, "sourceFile" | "text" | "style">,
  list: ts.NodeArray<ts.Node>,
  element: string,
  outside?: Edit["outside"],
): Edit | undefined {
  const sf = ctx.sourceFile;
  const last = list[list.length - 1];
  if (!last) return undefined;
  const ownLines = ctx.text.slice(list.pos, list[0]!.getStart(sf)).includes("\n");
  const sep = ownLines ? ctx.style.eol + indentAt(ctx.text, last.getStart(sf)) : " ";
  const mark = outside ? { outside } : {};
  if (list.hasTrailingComma) {
    const comma = ctx.text.indexOf(",", last.getEnd());
    if (comma < 0 || ctx.text.slice(last.getEnd(), comma).trim() !== "") return undefined;
    return { start: comma + 1, end: comma + 1, text: `${sep}${element},`, ...mark };
  }
  return { start: last.getEnd(), end: last.getEnd(), text: `,${sep}${element}`, ...mark };
}
