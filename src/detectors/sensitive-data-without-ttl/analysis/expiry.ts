/**
 * Where a file gives keys an expiry after writing them: `expire`-family calls, writes that carry a
 * TTL, small helpers that expire the key they are given (local, or imported and confirmed in the
 * project phase), and calls whose name says they set a TTL.
 */
import type * as ts from "typescript";
import { typescript } from "../../../engine/parse";
import { memberPath, propertyNameText, unwrap, walk } from "../../ast";
import type { ClientModel } from "./clients";
import { keyForms, type Constants } from "./keys";

/** Commands that give an existing key (or hash field) a TTL. */
export const EXPIRE_COMMANDS = new Set([
  "expire",
  "pexpire",
  "expireat",
  "pexpireat",
  "hexpire",
  "hpexpire",
  "hexpireat",
  "hpexpireat",
]);
/** The option names @upstash/redis reads as an expiry. */
export const TTL_OPTIONS = new Set(["ex", "px", "exat", "pxat", "keepTtl"]);
/** A function whose name says it sets an expiry: setTtl, withExpiry, expireKey, refreshTTL. */
const TTL_NAME = /expir|ttl/i;

export interface ImportedHelper {
  module: string;
  name: string;
  argIndex: number;
}

interface ExpiryCall {
  /** The argument that names the key. */
  arg: ts.Expression;
  /** Its canonical forms, computed when first compared. */
  forms?: Set<string>;
  /** Set when the call is to an imported function that may or may not expire its argument. */
  imported?: ImportedHelper;
}

export interface LocalHelper {
  name: string;
  argIndex: number;
}

/** `{ ex: 60 }`-style options that @upstash/redis honours (or that cannot be seen, e.g. `opts`). */
export function optionsSetTtl(arg: ts.Expression | undefined, constants: Constants): boolean {
  const ts = typescript();
  if (!arg) return false;
  let o = unwrap(arg);
  if (ts.isIdentifier(o) && constants.get(o)) o = unwrap(constants.get(o)!);
  if (!ts.isObjectLiteralExpression(o)) return !ts.isStringLiteralLike(o); // built elsewhere: may set a TTL
  return o.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return true;
    const name = propertyNameText(p.name);
    return name !== undefined && TTL_OPTIONS.has(name);
  });
}

export class ExpiryIndex {
  private readonly calls: ExpiryCall[] = [];
  /** Local functions that expire the key passed at `argIndex`; exported ones go into facts. */
  readonly helpers: LocalHelper[] = [];

  constructor(
    sf: ts.SourceFile,
    private readonly constants: Constants,
    model: ClientModel,
  ) {
    const ts = typescript();
    const helperByName = new Map<string, number[]>();
    const all: ts.CallExpression[] = [];
    walk(sf, (n) => {
      if (ts.isCallExpression(n)) all.push(n);
    });
    // A helper expires one of its own parameters. Two rounds: a helper may do so through another one.
    for (let round = 0; round < 2; round++) {
      const before = this.helpers.length;
      for (const call of all) {
        for (const a of this.expiryArgs(ts, call, helperByName)) {
          const id = unwrap(a);
          if (!ts.isIdentifier(id)) continue;
          for (let f: ts.Node | undefined = call.parent; f && !ts.isSourceFile(f); f = f.parent) {
            if (!ts.isFunctionLike(f)) continue;
            const i = f.parameters.findIndex((p) => ts.isIdentifier(p.name) && p.name.text === id.text);
            if (i < 0) continue;
            const name = functionName(ts, f);
            if (name && !helperByName.get(name)?.includes(i)) {
              helperByName.set(name, [...(helperByName.get(name) ?? []), i]);
              this.helpers.push({ name, argIndex: i });
            }
            break;
          }
        }
      }
      if (this.helpers.length === before) break;
    }
    for (const call of all) {
      for (const arg of this.expiryArgs(ts, call, helperByName)) this.calls.push({ arg });
      const imp = model.importOf(call.expression);
      if (imp)
        call.arguments.forEach((arg, i) =>
          this.calls.push({ arg, imported: { module: imp.module, name: imp.name, argIndex: i } }),
        );
    }
  }

  /** The arguments of a call that name a key it gives an expiry to. */
  private expiryArgs(
    ts: typeof import("typescript"),
    call: ts.CallExpression,
    helpers: ReadonlyMap<string, number[]>,
  ): ts.Expression[] {
    const callee = unwrap(call.expression);
    const name = ts.isPropertyAccessExpression(callee)
      ? callee.name.text
      : ts.isIdentifier(callee)
        ? callee.text
        : undefined;
    if (!name) return [];
    const args = call.arguments;
    if (EXPIRE_COMMANDS.has(name) || name === "setex" || name === "psetex") return args[0] ? [args[0]] : [];
    if (
      name === "set" &&
      ts.isPropertyAccessExpression(callee) &&
      !isJsonGroup(ts, callee.expression) &&
      args[0] &&
      args[2] &&
      optionsSetTtl(args[2], this.constants)
    )
      return [args[0]];
    if (name === "getex" && args[0] && args[1] && optionsSetTtl(args[1], this.constants)) return [args[0]];
    const local = helpers.get(name);
    if (local && (ts.isIdentifier(callee) || (memberPath(callee)?.length ?? 0) <= 2))
      return local.map((i) => args[i]).filter((a): a is ts.Expression => a !== undefined);
    if (TTL_NAME.test(name)) return [...args];
    return [];
  }

  /**
   * Whether the key of a write gets an expiry in the same function (or an enclosing one), or which
   * imported helpers would give it one. For `set`, which clears any TTL, only later calls count.
   */
  find(
    write: ts.CallExpression,
    key: ts.Expression,
    laterOnly: boolean,
  ): { expired: boolean; imported: ImportedHelper[] } {
    return this.findForms(write, keyForms(key, this.constants), laterOnly);
  }

  findForms(
    write: ts.CallExpression,
    forms: ReadonlySet<string>,
    laterOnly: boolean,
  ): { expired: boolean; imported: ImportedHelper[] } {
    const ts = typescript();
    // Every enclosing function (a write in a callback may be expired by the function around it);
    // the whole file only for top-level code.
    const scopes: ts.Node[] = [];
    for (let n: ts.Node | undefined = write.parent; n; n = n.parent) if (ts.isFunctionLike(n)) scopes.push(n);
    if (!scopes.length) scopes.push(write.getSourceFile());
    const imported: ImportedHelper[] = [];
    for (const c of this.calls) {
      const at = c.arg.pos;
      if (laterOnly && at < write.getEnd()) continue;
      if (!scopes.some((s) => at >= s.pos && at < s.end)) continue;
      c.forms ??= keyForms(c.arg, this.constants);
      if (![...c.forms].some((f) => forms.has(f))) continue;
      if (!c.imported) return { expired: true, imported: [] };
      imported.push(c.imported);
    }
    return { expired: false, imported };
  }
}

/** The name a function is called by: its own, or the variable or property it is assigned to. */
export function functionName(ts: typeof import("typescript"), fn: ts.SignatureDeclaration): string | undefined {
  if ((ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name) return propertyNameText(fn.name);
  const p = fn.parent;
  if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
  if (p && (ts.isPropertyAssignment(p) || ts.isPropertyDeclaration(p))) return propertyNameText(p.name);
  return undefined;
}

/** `redis.json`: JSON.SET's third argument is the value, not options. */
function isJsonGroup(ts: typeof import("typescript"), e: ts.Expression): boolean {
  const x = unwrap(e);
  return ts.isPropertyAccessExpression(x) && x.name.text === "json";
}
