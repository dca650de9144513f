/**
 * Next.js pages-router pages ship to the browser, but Next removes `getServerSideProps`,
 * `getStaticProps` and `getStaticPaths` from the client build, then every declaration and import that
 * only they used (its SSG transform counts references before and after). An import used only by a
 * data-fetching function therefore pulls nothing into the browser bundle.
 */
import type * as ts from "typescript";
import { parseSource, typescript, TypeScriptNotLoaded } from "../../../engine/parse";
import { hasModifier } from "../../../engine/exports";
import { walk } from "../../ast";

export const DATA_FETCHING = new Set(["getServerSideProps", "getStaticProps", "getStaticPaths"]);

/** Identifiers that name a binding (not property names of `a.b` or `{ b: 1 }`). */
function referencedNames(ts: typeof import("typescript"), root: ts.Node, out: Set<string>): void {
  walk(root, (n) => {
    if (!ts.isIdentifier(n)) return;
    const p = n.parent;
    if (p && ts.isPropertyAccessExpression(p) && p.name === n) return;
    if (p && (ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p)) && p.name === n)
      return;
    out.add(n.text);
  });
}

/** Top-level names a statement declares. */
function declaredNames(ts: typeof import("typescript"), stmt: ts.Statement): string[] {
  if ((ts.isFunctionDeclaration(stmt) || ts.isClassDeclaration(stmt) || ts.isEnumDeclaration(stmt)) && stmt.name)
    return [stmt.name.text];
  if (ts.isVariableStatement(stmt)) {
    const names: string[] = [];
    for (const d of stmt.declarationList.declarations) {
      if (ts.isIdentifier(d.name)) names.push(d.name.text);
      else
        walk(
          d.name,
          (n) =>
            void (ts.isIdentifier(n) && ts.isBindingElement(n.parent) && n.parent.name === n && names.push(n.text)),
        );
    }
    return names;
  }
  return [];
}

function isExported(ts: typeof import("typescript"), stmt: ts.Statement): boolean {
  return hasModifier(ts, stmt, ts.SyntaxKind.ExportKeyword);
}

/**
 * Offsets of the import (and `export … from`) statements of a page that Next drops from the client
 * build because only data-fetching code uses them. Empty when the page has no data-fetching export or
 * TypeScript is not loaded (then every import counts as bundled, the cautious answer).
 */
export function serverOnlyImportStarts(file: string, text: string): Set<number> {
  const out = new Set<number>();
  if (!/getServerSideProps|getStaticProps|getStaticPaths/.test(text)) return out;
  let ts: typeof import("typescript");
  let sf: ts.SourceFile;
  try {
    ts = typescript();
    sf = parseSource(file, text, "script");
  } catch (err) {
    if (err instanceof TypeScriptNotLoaded) throw err;
    return out;
  }
  const removed: ts.Statement[] = [];
  const kept: ts.Statement[] = [];
  const declOf = new Map<string, ts.Statement>();
  const imports: Array<{ stmt: ts.ImportDeclaration; names: string[] }> = [];
  for (const stmt of sf.statements) {
    if (ts.isImportDeclaration(stmt)) {
      const names: string[] = [];
      const c = stmt.importClause;
      if (c?.name) names.push(c.name.text);
      const nb = c?.namedBindings;
      if (nb && ts.isNamespaceImport(nb)) names.push(nb.name.text);
      if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) names.push(el.name.text);
      imports.push({ stmt, names });
      continue;
    }
    if (
      ts.isExportDeclaration(stmt) &&
      stmt.moduleSpecifier &&
      stmt.exportClause &&
      ts.isNamedExports(stmt.exportClause)
    ) {
      // `export { getServerSideProps } from "../lib/ssr"`: dropped with the function it re-exports.
      if (stmt.exportClause.elements.every((el) => DATA_FETCHING.has(el.name.text))) out.add(stmt.getStart(sf));
      continue;
    }
    const names = declaredNames(ts, stmt);
    if (isExported(ts, stmt) && names.length > 0 && names.every((n) => DATA_FETCHING.has(n))) {
      removed.push(stmt);
      continue;
    }
    if (!isExported(ts, stmt) && names.length > 0) {
      for (const n of names) declOf.set(n, stmt);
      continue;
    }
    kept.push(stmt);
  }
  if (removed.length === 0) return out;
  const refsOf = new Map<ts.Statement, Set<string>>();
  for (const stmt of [...removed, ...kept, ...declOf.values()]) {
    if (refsOf.has(stmt)) continue;
    const refs = new Set<string>();
    referencedNames(ts, stmt, refs);
    for (const own of declaredNames(ts, stmt)) refs.delete(own);
    refsOf.set(stmt, refs);
  }
  // The transform drops a declaration only when data-fetching code held its last reference, so the
  // roots are the kept statements and local declarations nothing references at all.
  const referenced = new Set<string>();
  for (const refs of refsOf.values()) for (const r of refs) referenced.add(r);
  const keptStmts = new Set<ts.Statement>(kept);
  for (const [name, stmt] of declOf) if (!referenced.has(name)) keptStmts.add(stmt);
  const used = new Set<string>();
  const queue = [...keptStmts];
  for (let i = 0; i < queue.length; i++) {
    for (const r of refsOf.get(queue[i]!) ?? []) {
      if (used.has(r)) continue;
      used.add(r);
      const decl = declOf.get(r);
      if (decl && !keptStmts.has(decl)) {
        keptStmts.add(decl);
        queue.push(decl);
      }
    }
  }
  for (const { stmt, names } of imports) {
    // Side-effect imports stay, and so does an import nothing references (the transform leaves it).
    if (names.length === 0 || names.some((n) => used.has(n)) || !names.some((n) => referenced.has(n))) continue;
    out.add(stmt.getStart(sf));
  }
  return out;
}
