/**
 * Whether an import only brings in types. `import { Post } from "@/lib/db"` without `type`, where
 * `Post` is only used in annotations, is erased by TypeScript, SWC and esbuild: the imported module is
 * not bundled through it. The import graph cannot tell (it is built without syntax trees), so chains
 * that lead to a finding are checked here, on the importing file's syntax tree.
 */
import type * as ts from "typescript";
import { MemoKey, type ProjectFacts } from "../../../engine/project";
import { maskSfc } from "../../../engine/sfc";
import { parseSource, typescript, TypeScriptNotLoaded } from "../../../engine/parse";
import { stringValue, walk } from "../../ast";
import { projectText } from "./project-text";

const TYPE_ONLY = new MemoKey<Map<string, boolean>>("type-only import edges");

/** True when every import of `to` in `from` is used only as a type; false when unsure. */
export function importsOnlyTypes(project: ProjectFacts, from: string, to: string): boolean {
  const cache = project.memo(TYPE_ONLY, () => new Map());
  const key = `${from}\0${to}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    try {
      hit = check(project, from, to);
    } catch (err) {
      if (err instanceof TypeScriptNotLoaded) throw err;
      hit = false;
    }
    cache.set(key, hit);
  }
  return hit;
}

function check(project: ProjectFacts, from: string, to: string): boolean {
  const summary = project.files.get(from);
  if (!summary || (summary.kind !== "script" && summary.kind !== "sfc") || from.endsWith(".astro")) return false;
  const text = projectText(project, from);
  if (text === undefined) return false;
  const ts = typescript();
  let sf: ts.SourceFile;
  if (summary.kind === "sfc") {
    const masked = maskSfc(from, text);
    sf = parseSource(from, masked.text, "sfc", masked);
  } else sf = parseSource(from, text, "script");

  const names = new Set<string>();
  const importNodes = new Set<ts.Node>();
  let matched = false;
  for (const stmt of sf.statements) {
    const spec =
      (ts.isImportDeclaration(stmt) || ts.isExportDeclaration(stmt)) && stmt.moduleSpecifier
        ? stringValue(stmt.moduleSpecifier)
        : undefined;
    if (spec === undefined || project.resolve(from, spec) !== to) continue;
    matched = true;
    if (ts.isExportDeclaration(stmt)) {
      if (!stmt.isTypeOnly) return false;
      continue;
    }
    const imp = stmt as ts.ImportDeclaration;
    const clause = imp.importClause;
    if (!clause) return false; // side-effect import
    if (clause.isTypeOnly) continue;
    importNodes.add(imp);
    if (clause.name) names.add(clause.name.text);
    const nb = clause.namedBindings;
    if (nb && ts.isNamespaceImport(nb)) names.add(nb.name.text);
    if (nb && ts.isNamedImports(nb)) for (const el of nb.elements) if (!el.isTypeOnly) names.add(el.name.text);
  }
  if (!matched) return false;
  if (names.size === 0) return true;

  let value = false;
  walk(sf, (n) => {
    if (value || importNodes.has(n)) return false;
    // import("…") / require("…") of the same module is a value import.
    if (
      ts.isCallExpression(n) &&
      (n.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(n.expression) && n.expression.text === "require"))
    ) {
      const spec = stringValue(n.arguments[0]);
      if (spec !== undefined && project.resolve(from, spec) === to) value = true;
    }
    if (ts.isIdentifier(n) && names.has(n.text) && !inTypePosition(ts, n)) value = true;
    return !value;
  });
  return !value;
}

function inTypePosition(ts: typeof import("typescript"), id: ts.Identifier): boolean {
  const p = id.parent;
  // `a.Name` and `{ Name: … }` name properties, not the import.
  if (p && ts.isPropertyAccessExpression(p) && p.name === id) return true;
  if (
    p &&
    (ts.isPropertyAssignment(p) ||
      ts.isPropertySignature(p) ||
      ts.isMethodDeclaration(p) ||
      ts.isPropertyDeclaration(p)) &&
    p.name === id
  )
    return true;
  for (let n: ts.Node | undefined = p; n; n = n.parent) {
    if (ts.isExpressionWithTypeArguments(n)) {
      // `class A extends B` needs B at run time; `implements B` does not.
      const clause = n.parent;
      return !(
        clause &&
        ts.isHeritageClause(clause) &&
        clause.token === ts.SyntaxKind.ExtendsKeyword &&
        (ts.isClassDeclaration(clause.parent) || ts.isClassExpression(clause.parent))
      );
    }
    if (ts.isTypeNode(n) || ts.isTypeAliasDeclaration(n) || ts.isInterfaceDeclaration(n)) return true;
    if (ts.isStatement(n) || ts.isSourceFile(n)) return false;
  }
  return false;
}
