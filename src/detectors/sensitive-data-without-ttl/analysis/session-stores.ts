/**
 * Session storage adapters: classes that implement a framework's session store (grammY
 * `StorageAdapter`, express-session `Store`, Telegraf `SessionStore`). Their keys and values arrive as
 * generic parameters (`write(key, value)`), so no name says "session", but what the class implements
 * does: every value its write method stores is a session of the framework's users.
 */
import type * as ts from "typescript";
import { importBindings, memberPath, type ImportBinding } from "../../ast";

type TS = typeof import("typescript");

/**
 * Module → the store type → its methods that write a session.
 * true:  `class A<T> implements StorageAdapter<T> { write(key, value) {…} }` (grammy),
 *        `class S extends session.Store { set(sid, data, cb) {…} }` (express-session)
 * false: `class Cache<T> { write(key, value) {…} }` (implements nothing known), the store's `get`/`destroy`
 */
const STORES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  grammy: { StorageAdapter: ["write"] },
  "express-session": { Store: ["set", "touch"] },
  telegraf: { SessionStore: ["set"] },
};

/** The store a heritage type names: `StorageAdapter`, `session.Store`, `es.Store`. */
function storeOf(
  type: ts.ExpressionWithTypeArguments,
  bindings: ReadonlyMap<string, ImportBinding>,
): { module: string; name: string } | undefined {
  const path = memberPath(type.expression);
  if (!path?.length) return undefined;
  const b = bindings.get(path[0]!);
  if (!b || !STORES[b.module]) return undefined;
  const name = path.length === 1 ? b.imported : b.imported === "*" || b.imported === "default" ? path[1] : undefined;
  return name && path.length <= 2 && STORES[b.module]![name] ? { module: b.module, name } : undefined;
}

/**
 * "a grammy StorageAdapter" when `node` is in the session-writing method of a class that implements
 * or extends a framework's session store, else undefined.
 */
export function sessionStoreAt(ts: TS, sf: ts.SourceFile, node: ts.Node): string | undefined {
  // The class member that holds the write, and its class.
  let member: ts.Node = node;
  while (member.parent && !ts.isClassLike(member.parent)) member = member.parent;
  const cls = member.parent;
  if (!cls || !ts.isClassLike(cls) || !ts.isClassElement(member) || !member.name || !ts.isIdentifier(member.name))
    return undefined;
  const method = member.name.text;
  const bindings = importBindings(sf);
  for (const clause of cls.heritageClauses ?? []) {
    for (const type of clause.types) {
      const store = storeOf(type, bindings);
      if (store && STORES[store.module]![store.name]!.includes(method)) return `a ${store.module} ${store.name}`;
    }
  }
  return undefined;
}
