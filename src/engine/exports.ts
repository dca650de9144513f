/**
 * Module exports for every rule, as ESLint serves scopes to its rules: `moduleExports` reads what a
 * parsed file exports (ES modules and CommonJS), `exportTable` turns that into plain data a fact can
 * carry out of a worker, and `resolveExport` follows re-exports and `export *` across files in the
 * project phase. Each rule keeps only what an exported value means to it.
 */
import type * as ts from "typescript";
import { memberPath, propertyNameText, unwrap } from "../detectors/ast";

/** Re-export hops followed at most (`export { x } from`, `export *`), whatever the rule. */
export const MAX_REEXPORT_DEPTH = 8;

/** How a name is exported, with the syntax a rule reads its value from. */
export type ExportSource =
  /** `export const x = …`, `export function f`, `export class C` (`local` "default" for an anonymous default function). */
  | { kind: "declaration"; local: string; node: ts.VariableDeclaration | ts.FunctionDeclaration | ts.ClassDeclaration }
  /** `export const { POST } = serve(…)`: a name destructured from `init`. */
  | { kind: "destructured"; local: string; node: ts.BindingElement; init: ts.Expression }
  /** `export { a as b }`, `module.exports = { a }`: a local binding exported under another statement. */
  | { kind: "local"; local: string; node: ts.Node }
  /**
   * `export default expr`, `export = expr`, `module.exports = expr`, `exports.x = expr`,
   * `module.exports = { x: expr }`; `local` when the expression is a plain identifier.
   */
  | { kind: "expression"; expression: ts.Expression; local?: string; exportEquals?: boolean }
  /** `export { a as b } from "m"`; `export * as b from "m"` (name "*"). */
  | { kind: "reexport"; specifier: string; name: string; node: ts.Node };

export interface ModuleExport {
  name: string;
  source: ExportSource;
  /** CommonJS (`module.exports`, `exports.x`) rather than ES module syntax. */
  commonjs?: boolean;
}

export interface ModuleExports {
  /** In source order; a later entry for the same name wins, as in the module itself. */
  entries: ModuleExport[];
  /** Specifiers of `export * from "m"`. */
  stars: string[];
}

/** Whether a statement carries a modifier (`export`, `default`). */
export function hasModifier(ts: typeof import("typescript"), node: ts.Node, kind: ts.SyntaxKind): boolean {
  return Boolean(ts.canHaveModifiers(node) && ts.getModifiers(node)?.some((m) => m.kind === kind));
}

/** What a parsed file exports. Type-only exports are left out: no rule asks about types. */
export function moduleExports(ts: typeof import("typescript"), sf: ts.SourceFile): ModuleExports {
  const out: ModuleExports = { entries: [], stars: [] };
  const add = (name: string, source: ExportSource, commonjs = false) =>
    out.entries.push(commonjs ? { name, source, commonjs } : { name, source });
  for (const st of sf.statements) {
    const exported = hasModifier(ts, st, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(ts, st, ts.SyntaxKind.DefaultKeyword);
    if (ts.isVariableStatement(st) && exported) {
      for (const d of st.declarationList.declarations) {
        if (ts.isIdentifier(d.name)) add(d.name.text, { kind: "declaration", local: d.name.text, node: d });
        else if (ts.isObjectBindingPattern(d.name) && d.initializer) {
          for (const el of d.name.elements)
            if (ts.isIdentifier(el.name))
              add(el.name.text, { kind: "destructured", local: el.name.text, node: el, init: d.initializer });
        }
      }
    } else if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st)) && exported) {
      const local = st.name?.text ?? "default";
      add(isDefault ? "default" : local, { kind: "declaration", local, node: st });
    } else if (ts.isExportAssignment(st)) {
      add("default", {
        ...expression(ts, st.expression),
        ...(st.isExportEquals ? { exportEquals: true } : {}),
      });
    } else if (ts.isExportDeclaration(st) && !st.isTypeOnly) {
      const spec = st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier) ? st.moduleSpecifier.text : undefined;
      const clause = st.exportClause;
      if (!clause) {
        if (spec) out.stars.push(spec);
      } else if (ts.isNamespaceExport(clause)) {
        if (spec) add(clause.name.text, { kind: "reexport", specifier: spec, name: "*", node: clause });
      } else {
        for (const el of clause.elements) {
          const local = (el.propertyName ?? el.name).text;
          add(
            el.name.text,
            spec ? { kind: "reexport", specifier: spec, name: local, node: el } : { kind: "local", local, node: el },
          );
        }
      }
    } else if (
      ts.isExpressionStatement(st) &&
      ts.isBinaryExpression(st.expression) &&
      st.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
    ) {
      commonJsExports(ts, st.expression, add);
    }
  }
  return out;
}

/** `module.exports = { a, b: x }`, `module.exports = x`, `exports.a = x`, `module.exports.a = x`. */
function commonJsExports(
  ts: typeof import("typescript"),
  assignment: ts.BinaryExpression,
  add: (name: string, source: ExportSource, commonjs: boolean) => void,
): void {
  const target = memberPath(assignment.left)?.join(".");
  const right = unwrap(assignment.right);
  if (target === "module.exports") {
    if (!ts.isObjectLiteralExpression(right)) return add("default", expression(ts, right), true);
    for (const p of right.properties) {
      if (ts.isShorthandPropertyAssignment(p)) add(p.name.text, { kind: "local", local: p.name.text, node: p }, true);
      else if (ts.isPropertyAssignment(p)) {
        const name = propertyNameText(p.name);
        if (name !== undefined) add(name, expression(ts, p.initializer), true);
      }
    }
  } else if (target?.startsWith("exports.") || target?.startsWith("module.exports.")) {
    add(target.slice(target.lastIndexOf(".") + 1), expression(ts, right), true);
  }
}

function expression(ts: typeof import("typescript"), e: ts.Expression): Extract<ExportSource, { kind: "expression" }> {
  const u = unwrap(e);
  return ts.isIdentifier(u)
    ? { kind: "expression", expression: e, local: u.text }
    : { kind: "expression", expression: e };
}

/** Where an exported name leads: defined in this file (under `local`, if a binding) or re-exported. */
export type ExportLink = { local?: string } | { from: string; name: string };

/** A file's exports as plain data, for facts. */
export interface ExportTable {
  names: Record<string, ExportLink>;
  stars: string[];
}

/** The table of `exports`; `include` leaves out the entries a rule does not read. */
export function exportTable(exports: ModuleExports, include: (e: ModuleExport) => boolean = () => true): ExportTable {
  const names: Record<string, ExportLink> = {};
  for (const e of exports.entries) {
    if (!include(e)) continue;
    const s = e.source;
    names[e.name] =
      s.kind === "reexport" ? { from: s.specifier, name: s.name } : s.local !== undefined ? { local: s.local } : {};
  }
  return { names, stars: [...exports.stars] };
}

/** Where an exported name is defined: the file, the name it has there, and its local binding if any. */
export type ExportResolution =
  | { kind: "found"; file: string; name: string; local?: string }
  /** The chains reached files with no table (not analysed): what they export is unknown. */
  | { kind: "unknown"; files: string[] };

/** Export tables of the files a rule analysed, by path. */
export type ExportTables = ReadonlyMap<string, ExportTable>;

/**
 * Follow `name` exported by `file` through re-exports and `export *` (which never carries "default")
 * to the file that defines it; `resolve` maps a specifier written in a file to a file of the tree.
 * Name "*" stands for the module itself (`export * as ns from`). Undefined when nothing exports it.
 */
export function followExport(
  tables: ExportTables,
  resolve: (from: string, specifier: string) => string | undefined,
  file: string,
  name: string,
  /** For a file without a table: false when it cannot export the name (its text tells). */
  mayExport?: (file: string, name: string) => boolean,
  depth = 0,
  seen = new Set<string>(),
): ExportResolution | undefined {
  const key = `${file}\0${name}`;
  if (depth > MAX_REEXPORT_DEPTH || seen.has(key)) return undefined;
  seen.add(key);
  const table = tables.get(file);
  if (!table) return name === "*" || mayExport?.(file, name) !== false ? { kind: "unknown", files: [file] } : undefined;
  if (name === "*") return { kind: "found", file, name };
  const link = table.names[name];
  if (link && "from" in link) {
    const target = resolve(file, link.from);
    return target === undefined
      ? undefined
      : followExport(tables, resolve, target, link.name, mayExport, depth + 1, seen);
  }
  if (link) return { kind: "found", file, name, ...(link.local !== undefined ? { local: link.local } : {}) };
  if (name === "default") return undefined;
  const unknown: string[] = [];
  for (const star of table.stars) {
    const target = resolve(file, star);
    const hit =
      target === undefined ? undefined : followExport(tables, resolve, target, name, mayExport, depth + 1, seen);
    if (hit?.kind === "found") return hit;
    if (hit) unknown.push(...hit.files);
  }
  return unknown.length ? { kind: "unknown", files: unknown } : undefined;
}
