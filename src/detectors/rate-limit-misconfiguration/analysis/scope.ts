/**
 * Lexical name resolution without a type checker: which declaration an identifier refers to, and
 * every reference to a declaration. Enough to follow a limiter or a result through `const`s,
 * destructuring, parameters and imports in one file; `var` hoisting out of nested blocks and `with`
 * are not modelled.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { unwrap, walk } from "../../ast";

/** A node that declares a name: variable, binding element, parameter, function, class, import. */
export type Declaration = ts.Node & { name?: ts.Node };

const cache = new WeakMap<ts.SourceFile, Map<ts.Identifier, Declaration | null>>();
const statementIndex = new WeakMap<readonly ts.Statement[], Map<string, Declaration>>();

/** Every name a statement list declares (first declaration wins), for O(1) lookups. */
function indexStatements(statements: readonly ts.Statement[]): Map<string, Declaration> {
  const ts = typescript();
  const out = new Map<string, Declaration>();
  const add = (name: string, d: Declaration) => {
    if (!out.has(name)) out.set(name, d);
  };
  for (const s of statements) {
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) add(d.name.text, d);
        else for (const id of boundNames(d.name)) add(id.text, id.parent as Declaration);
      }
    } else if ((ts.isFunctionDeclaration(s) || ts.isClassDeclaration(s) || ts.isEnumDeclaration(s)) && s.name)
      add(s.name.text, s);
    else if (ts.isImportDeclaration(s) && s.importClause) {
      const c = s.importClause;
      if (c.name) add(c.name.text, c);
      const nb = c.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) add(nb.name.text, nb);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) add(el.name.text, el);
    }
  }
  return out;
}

/** The names bound by a binding name (identifier or destructuring pattern), with their nodes. */
export function boundNames(name: ts.BindingName, out: ts.Identifier[] = []): ts.Identifier[] {
  const ts = typescript();
  if (ts.isIdentifier(name)) out.push(name);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) boundNames(el.name, out);
  return out;
}

function declaresIn(container: ts.Node, name: string): Declaration | undefined {
  const ts = typescript();
  const fromBinding = (decl: ts.VariableDeclaration | ts.ParameterDeclaration): Declaration | undefined => {
    if (ts.isIdentifier(decl.name)) return decl.name.text === name ? decl : undefined;
    const hit = boundNames(decl.name).find((id) => id.text === name);
    return hit ? (hit.parent as Declaration) : undefined;
  };
  const fromList = (list: ts.VariableDeclarationList): Declaration | undefined => {
    for (const d of list.declarations) {
      const hit = fromBinding(d);
      if (hit) return hit;
    }
    return undefined;
  };
  const fromStatements = (statements: readonly ts.Statement[]): Declaration | undefined => {
    // Large files hold hundreds of top-level statements: index each list once.
    let index = statementIndex.get(statements);
    if (!index) statementIndex.set(statements, (index = indexStatements(statements)));
    return index.get(name);
  };
  if (ts.isSourceFile(container) || ts.isBlock(container) || ts.isModuleBlock(container))
    return fromStatements(container.statements);
  if (ts.isCaseClause(container) || ts.isDefaultClause(container)) return fromStatements(container.statements);
  if (ts.isFunctionLike(container)) {
    for (const p of container.parameters) {
      const hit = fromBinding(p);
      if (hit) return hit;
    }
    if (
      (ts.isFunctionExpression(container) || ts.isClassExpression(container as ts.Node)) &&
      (container as ts.FunctionExpression).name?.text === name
    )
      return container;
    return undefined;
  }
  if (
    (ts.isForStatement(container) || ts.isForOfStatement(container) || ts.isForInStatement(container)) &&
    container.initializer &&
    ts.isVariableDeclarationList(container.initializer)
  ) {
    return fromList(container.initializer);
  }
  if (ts.isCatchClause(container) && container.variableDeclaration) return fromBinding(container.variableDeclaration);
  return undefined;
}

/** The declaration `id` refers to, or undefined for globals and unknown names. */
export function declarationOf(id: ts.Identifier): Declaration | undefined {
  const sf = id.getSourceFile();
  let map = cache.get(sf);
  if (!map) cache.set(sf, (map = new Map()));
  const cached = map.get(id);
  if (cached !== undefined) return cached ?? undefined;
  let found: Declaration | undefined;
  for (let n: ts.Node | undefined = id.parent; n && !found; n = n.parent) found = declaresIn(n, id.text);
  map.set(id, found ?? null);
  return found;
}

/** Whether an identifier is a reference (not a property name, a declaration name or a label). */
export function isReference(id: ts.Identifier): boolean {
  const ts = typescript();
  const p = id.parent;
  if (!p) return false;
  if (ts.isPropertyAccessExpression(p) && p.name === id) return false;
  if (
    (ts.isPropertyAssignment(p) ||
      ts.isPropertyDeclaration(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertySignature(p)) &&
    p.name === id
  )
    return false;
  if (
    (ts.isVariableDeclaration(p) ||
      ts.isParameter(p) ||
      ts.isFunctionDeclaration(p) ||
      ts.isClassDeclaration(p) ||
      ts.isFunctionExpression(p)) &&
    p.name === id
  )
    return false;
  if (ts.isBindingElement(p) && (p.name === id || p.propertyName === id)) return false;
  if (ts.isImportSpecifier(p) || ts.isImportClause(p) || ts.isNamespaceImport(p) || ts.isExportSpecifier(p))
    return false;
  if (ts.isLabeledStatement(p) || ts.isBreakOrContinueStatement(p)) return false;
  if (ts.isGetAccessor(p) || ts.isSetAccessor(p) || ts.isEnumMember(p)) return p.name !== id;
  if (ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p)) return false;
  return true;
}

const nameIndex = new WeakMap<ts.Node, Map<string, ts.Identifier[]>>();

/** Identifiers under `scope` by name, built with one walk per scope and reused by every lookup. */
function identifiersNamed(scope: ts.Node, name: string): readonly ts.Identifier[] {
  const ts = typescript();
  let index = nameIndex.get(scope);
  if (!index) {
    const built = new Map<string, ts.Identifier[]>();
    walk(scope, (n) => {
      if (ts.isIdentifier(n)) {
        let list = built.get(n.text);
        if (!list) built.set(n.text, (list = []));
        list.push(n);
      }
    });
    nameIndex.set(scope, (index = built));
  }
  return index.get(name) ?? [];
}

/** Every reference to `decl` under `scope` (shorthand properties `{ x }` included). */
export function referencesTo(decl: Declaration, scope: ts.Node): ts.Identifier[] {
  const name = declName(decl);
  if (!name) return [];
  return identifiersNamed(scope, name).filter((n) => isReference(n) && declarationOf(n) === decl);
}

export function declName(decl: Declaration): string | undefined {
  const ts = typescript();
  if (ts.isImportSpecifier(decl) || ts.isNamespaceImport(decl)) return decl.name.text;
  if (ts.isImportClause(decl)) return decl.name?.text;
  const n = decl.name;
  return n && ts.isIdentifier(n) ? n.text : undefined;
}

/** The scope in which references to `decl` can occur. */
export function scopeOf(decl: Declaration): ts.Node {
  const ts = typescript();
  for (let n: ts.Node | undefined = decl.parent; n; n = n.parent) {
    if (
      ts.isSourceFile(n) ||
      ts.isBlock(n) ||
      ts.isModuleBlock(n) ||
      ts.isCaseClause(n) ||
      ts.isDefaultClause(n) ||
      ts.isCatchClause(n)
    )
      return n;
    if (ts.isFunctionLike(n) || ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n)) return n;
  }
  return decl.getSourceFile();
}

/** Whether `decl` is ever reassigned (`x = …`, `x++`, destructuring assignment) under its scope. */
export function isReassigned(decl: Declaration): boolean {
  const ts = typescript();
  if (
    ts.isVariableDeclaration(decl) &&
    decl.parent &&
    ts.isVariableDeclarationList(decl.parent) &&
    decl.parent.flags & ts.NodeFlags.Const
  )
    return false;
  for (const ref of referencesTo(decl, scopeOf(decl))) {
    let n: ts.Node = ref;
    while (
      n.parent &&
      (ts.isParenthesizedExpression(n.parent) ||
        ts.isShorthandPropertyAssignment(n.parent) ||
        ts.isPropertyAssignment(n.parent) ||
        ts.isObjectLiteralExpression(n.parent) ||
        ts.isArrayLiteralExpression(n.parent))
    )
      n = n.parent;
    const p = n.parent;
    if (
      p &&
      ts.isBinaryExpression(p) &&
      p.left === n &&
      p.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      p.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    )
      return true;
    if (
      p &&
      (ts.isPrefixUnaryExpression(p) || ts.isPostfixUnaryExpression(p)) &&
      (p.operator === ts.SyntaxKind.PlusPlusToken || p.operator === ts.SyntaxKind.MinusMinusToken)
    )
      return true;
  }
  return false;
}

/** The function an identifier names in its file: a function declaration or `const f = () => …`. */
export function localFunctionOf(id: ts.Identifier): ts.FunctionLikeDeclaration | undefined {
  const ts = typescript();
  const decl = declarationOf(id);
  if (!decl) return undefined;
  if (ts.isFunctionDeclaration(decl) && decl.body) return decl;
  if (ts.isVariableDeclaration(decl) && decl.initializer) {
    const init = unwrap(decl.initializer);
    if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
  }
  return undefined;
}
