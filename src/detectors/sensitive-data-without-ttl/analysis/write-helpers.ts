/**
 * Generic write helpers: `const setJson = (key, obj) => redis.set(key, JSON.stringify(obj))`. Their
 * own write names nothing sensitive (its key is a parameter), so the sensitive key is only visible
 * where the helper is called: `setJson(sessionKey, session)`. A helper is a named function of the
 * same file whose key parameter goes straight into a write that has no TTL and no expire.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { enclosingFunction, memberPath, unwrap, walk } from "../../ast";
import type { Receiver } from "./clients";
import { functionName } from "./expiry";

export interface WriteHelper {
  name: string;
  fn: ts.SignatureDeclaration;
  keyIndex: number;
  /** Parameters that flow into the value written (their arguments can make a call sensitive). */
  valueIndexes: number[];
  command: string;
  label: string;
  receiver: Receiver;
}

/** The helper a TTL-less write belongs to, if its key is a parameter of a named function. */
export function writeHelperOf(
  write: {
    node: ts.CallExpression;
    command: string;
    label: string;
    args: readonly ts.Expression[];
    receiver: Receiver;
  },
  values: readonly ts.Expression[],
): WriteHelper | undefined {
  const ts = typescript();
  const key = write.args[0] && unwrap(write.args[0]);
  if (!key || !ts.isIdentifier(key)) return undefined;
  const fn = enclosingFunction(write.node);
  if (ts.isSourceFile(fn)) return undefined;
  const name = functionName(ts, fn);
  if (!name) return undefined;
  const params = fn.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : undefined));
  const keyIndex = params.indexOf(key.text);
  if (keyIndex < 0) return undefined;
  const used = new Set<string>();
  for (const v of values) {
    walk(v, (n) => {
      if (ts.isIdentifier(n)) used.add(n.text);
    });
  }
  const valueIndexes = params.flatMap((p, i) => (p !== undefined && i !== keyIndex && used.has(p) ? [i] : []));
  return { name, fn, keyIndex, valueIndexes, command: write.command, label: write.label, receiver: write.receiver };
}

/** Calls of the helpers in this file (not from inside the helper itself). */
export function helperCalls(
  sf: ts.SourceFile,
  helpers: readonly WriteHelper[],
): Array<{ node: ts.CallExpression; helper: WriteHelper; start: number }> {
  const ts = typescript();
  const byName = new Map<string, WriteHelper>();
  for (const h of helpers) if (!byName.has(h.name)) byName.set(h.name, h);
  const out: Array<{ node: ts.CallExpression; helper: WriteHelper; start: number }> = [];
  if (!byName.size) return out;
  walk(sf, (n) => {
    if (!ts.isCallExpression(n)) return;
    const callee = unwrap(n.expression);
    const path = memberPath(callee);
    // `setJson(...)` or `this.setJson(...)` / `store.setJson(...)`; deeper paths are other objects' methods.
    if (!path || path.length > 2) return;
    const helper = byName.get(path[path.length - 1]!);
    if (!helper) return;
    if (n.pos >= helper.fn.pos && n.end <= helper.fn.end) return;
    const nameNode = ts.isPropertyAccessExpression(callee) ? callee.name : callee;
    out.push({ node: n, helper, start: nameNode.getStart(sf) });
  });
  return out;
}
