/**
 * Parts of a file that never reach the browser even when the file does: a pages-router page's
 * data-fetching functions (Next removes them from the client build), Remix/React Router `loader` and
 * `action` exports, functions marked "use server" (server actions: the client only gets a reference),
 * and an Astro file's frontmatter.
 */
import type * as ts from "typescript";
import type { FileContext } from "../../types";
import { walk } from "../../ast";
import { DATA_FETCHING } from "./pages-router";

export interface Region {
  start: number;
  end: number;
  why: string;
}

const ROUTE_SERVER_EXPORTS = new Set(["loader", "action", "headers"]);

function hasUseServer(ts: typeof import("typescript"), body: ts.Node | undefined): boolean {
  if (!body || !ts.isBlock(body)) return false;
  for (const stmt of body.statements) {
    if (!ts.isExpressionStatement(stmt) || !ts.isStringLiteral(stmt.expression)) return false;
    if (stmt.expression.text === "use server") return true;
  }
  return false;
}

export function serverRegions(ctx: FileContext<unknown>): Region[] {
  const regions: Region[] = [];
  for (const b of ctx.blocks ?? [])
    if (b.side === "server")
      regions.push({ start: b.start, end: b.end, why: "Astro frontmatter (runs on the server)" });
  const ts = ctx.ts;
  const sf = ctx.sourceFile;
  if (!ts || !sf) return regions;
  const routeModule = /(^|\/)routes\//.test(ctx.path);
  const add = (node: ts.Node, name: string) => {
    if (DATA_FETCHING.has(name))
      regions.push({ start: node.getStart(sf), end: node.getEnd(), why: `${name} (removed from the client build)` });
    else if (routeModule && ROUTE_SERVER_EXPORTS.has(name))
      regions.push({ start: node.getStart(sf), end: node.getEnd(), why: `the route's ${name} (server only)` });
  };
  for (const stmt of sf.statements) {
    if (ts.isFunctionDeclaration(stmt) && stmt.name) add(stmt, stmt.name.text);
    else if (ts.isVariableStatement(stmt)) {
      for (const d of stmt.declarationList.declarations) if (ts.isIdentifier(d.name)) add(d, d.name.text);
    }
  }
  // Inline server actions: `async function save() { "use server"; … }`.
  if (ctx.text.includes("use server")) {
    walk(sf, (node) => {
      if (
        (ts.isFunctionDeclaration(node) ||
          ts.isFunctionExpression(node) ||
          ts.isArrowFunction(node) ||
          ts.isMethodDeclaration(node)) &&
        hasUseServer(ts, node.body)
      ) {
        regions.push({ start: node.getStart(sf), end: node.getEnd(), why: 'a "use server" function' });
        return false;
      }
      return true;
    });
  }
  return regions;
}

export function regionAt(regions: readonly Region[], offset: number): Region | undefined {
  return regions.find((r) => offset >= r.start && offset < r.end);
}
