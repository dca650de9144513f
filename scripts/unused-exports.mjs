#!/usr/bin/env node
// Lists exports of src/ that nothing uses (`npm run lint` fails on any): no other module imports them
// and their own file does not use them either, so they are dead code. Every import, re-export
// and `import()` in src/, test/, bench/ and scripts/ counts as a use; `import * as ns` and `import()`
// of a module use all of its exports. The entry (src/index.ts) is used by definition.
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ENTRIES = new Set(["src/index.ts"]);

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, "tsconfig.test.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  },
);
const program = ts.createProgram(config.fileNames, { ...config.options, noEmit: true });
const checker = program.getTypeChecker();
const rel = (f) => path.relative(root, f).split(path.sep).join("/");
const ours = program.getSourceFiles().filter((sf) => !sf.isDeclarationFile && !rel(sf.fileName).startsWith(".."));

/** Symbols imported somewhere, by their original declaration; modules whose every export is used. */
const used = new Set();
const wholeModules = new Set();

const original = (symbol) =>
  symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
const moduleOf = (specifier) => {
  const m = checker.getSymbolAtLocation(specifier);
  return m?.valueDeclaration && ts.isSourceFile(m.valueDeclaration) ? m.valueDeclaration.fileName : undefined;
};

for (const sf of ours) {
  const visit = (node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const spec = node.moduleSpecifier;
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (spec && ts.isExportDeclaration(node) && !node.exportClause) {
        const target = moduleOf(spec);
        if (target) wholeModules.add(target);
      }
      if (clause?.name) used.add(original(checker.getSymbolAtLocation(clause.name)));
      const bindings = clause?.namedBindings ?? (ts.isExportDeclaration(node) ? node.exportClause : undefined);
      if (bindings && (ts.isNamespaceImport(bindings) || ts.isNamespaceExport(bindings))) {
        const target = spec && moduleOf(spec);
        if (target) wholeModules.add(target);
      } else if (bindings) {
        for (const el of bindings.elements) {
          const symbol = ts.isExportSpecifier(el) && spec ? checker.getExportSpecifierLocalTargetSymbol(el) : undefined;
          used.add(original(symbol ?? checker.getSymbolAtLocation(el.name)));
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      const target = moduleOf(node.arguments[0]);
      if (target) wholeModules.add(target);
    } else if (ts.isImportTypeNode(node) && node.qualifier) {
      // `import("./x").Name` in a type position.
      used.add(original(checker.getSymbolAtLocation(node.qualifier)));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
}

/** Whether `sf` mentions the symbol anywhere but in its own declaration's name. */
function usedInOwnFile(sf, symbol) {
  const names = new Set((symbol.declarations ?? []).map((d) => ts.getNameOfDeclaration(d)).filter(Boolean));
  let found = false;
  const visit = (node) => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === symbol.name && !names.has(node)) {
      const s = checker.getSymbolAtLocation(node);
      if (s === symbol || original(s) === symbol || checker.getExportSymbolOfSymbol(s ?? symbol) === symbol)
        found = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

const unused = [];
for (const sf of ours) {
  const file = rel(sf.fileName);
  if (!file.startsWith("src/") || ENTRIES.has(file) || wholeModules.has(sf.fileName)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  if (!moduleSymbol) continue;
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    if (used.has(original(symbol)) || usedInOwnFile(sf, symbol)) continue;
    const decl = symbol.declarations?.[0];
    const line = decl ? sf.getLineAndCharacterOfPosition(decl.getStart()).line + 1 : 0;
    unused.push(`${file}:${line} ${symbol.name}`);
  }
}
if (unused.length) {
  console.error(`Exports nothing uses (delete them):\n  ${unused.join("\n  ")}`);
  process.exit(1);
}
console.log(`unused exports: none (${ours.length} files)`);
