/**
 * Rule 2: give `set` the expiry @upstash/redis reads. A write without one gets `{ ex: <seconds> }`
 * (fix.defaultTtlSeconds), merged into an options object it already has (`{ nx: true }`); an expiry
 * spelled for another client becomes the Upstash spelling with the same value: ioredis's
 * `"EX", 60` arguments and node-redis's `{ EX: 60 }` or `{ expiration: { type: "EX", value: 60 } }`
 * become `{ ex: 60 }`. Spellings whose unit is unclear (`{ ttl }`, `{ expire }`), commands that take
 * no TTL (`hset`, `sadd`: they need an `expire` the fixer cannot place) and options held in a
 * variable get no edit.
 */
import type { ts } from "ts-morph";
import { defineFixer, type Edit, type FixContext, type FixProposal } from "./types";
import { appendElement, nodeAt, propertyName } from "./syntax";

/** Option names @upstash/redis reads on `set`. */
const UPSTASH_OPTIONS = new Set(["ex", "px", "exat", "pxat", "keepTtl", "nx", "xx", "get"]);
const UPSTASH_TTL = new Set(["ex", "px", "exat", "pxat", "keepTtl"]);
/** node-redis v4 option names (upper case) and their @upstash/redis spelling. */
const NODE_REDIS: Record<string, string> = {
  EX: "ex",
  PX: "px",
  EXAT: "exat",
  PXAT: "pxat",
  KEEPTTL: "keepTtl",
  NX: "nx",
  XX: "xx",
  GET: "get",
};
/** ioredis positional words: those followed by a value, and flags. */
const POSITIONAL_VALUE: Record<string, string> = { EX: "ex", PX: "px", EXAT: "exat", PXAT: "pxat" };
const POSITIONAL_FLAG: Record<string, string> = { NX: "nx", XX: "xx", GET: "get", KEEPTTL: "keepTtl" };

export default defineFixer({
  id: "set-ttl",
  rule: "upstash/sensitive-data-without-ttl",
  checks: ["write-without-ttl", "ttl-option-ignored"],
  summary:
    "set(key, value) gets { ex: fix.defaultTtlSeconds }; ioredis/node-redis expiry spellings on set become { ex | px | exat | pxat }.",
  propose(ctx) {
    const call = setCallAt(ctx);
    if (!call) return undefined;
    const scope = { start: call.getStart(ctx.sourceFile), end: call.getEnd() };
    if (ctx.finding.check === "write-without-ttl") return addTtl(ctx, call, scope);
    return respell(ctx, call, scope);
  },
});

/** `<client>.set(…)` whose method name starts where the finding does (detectors point at `set`). */
function setCallAt(ctx: FixContext): ts.CallExpression | undefined {
  const tsx = ctx.ts;
  const name = nodeAt(ctx, ctx.start, ctx.end, tsx.isIdentifier);
  const access = name?.parent;
  if (!name || name.text !== "set" || !access || !tsx.isPropertyAccessExpression(access) || access.name !== name)
    return undefined;
  const call = access.parent;
  if (!call || !tsx.isCallExpression(call) || call.expression !== access) return undefined;
  // redis.json.set(key, path, value) takes no expiry option.
  const recv = access.expression;
  if (tsx.isPropertyAccessExpression(recv) && recv.name.text === "json") return undefined;
  return call;
}

function addTtl(ctx: FixContext, call: ts.CallExpression, scope: FixProposal["scope"]): FixProposal | undefined {
  const tsx = ctx.ts;
  const seconds = ctx.settings.defaultTtlSeconds;
  const args = call.arguments;
  const description = `Expire the key after ${seconds} s ({ ex: ${seconds} }, fix.defaultTtlSeconds): choose the lifetime of what is stored.`;
  if (args.length === 2) {
    const edit = appendElement(ctx, args, `{ ex: ${seconds} }`);
    return edit && { description, edits: [edit], scope };
  }
  if (args.length !== 3) return undefined;
  const opts = args[2]!;
  if (!tsx.isObjectLiteralExpression(opts)) return undefined;
  const names: string[] = [];
  for (const p of opts.properties) {
    const n = propertyName(tsx, p);
    if (n === undefined) return undefined;
    names.push(n);
  }
  // Only Upstash's own options: a foreign spelling is the other check's business.
  if (!names.every((n) => UPSTASH_OPTIONS.has(n)) || names.some((n) => UPSTASH_TTL.has(n))) return undefined;
  if (opts.properties.length === 0)
    return {
      description,
      edits: [{ start: opts.getStart(ctx.sourceFile), end: opts.getEnd(), text: `{ ex: ${seconds} }` }],
      scope,
    };
  const edit = appendElement(ctx, opts.properties, `ex: ${seconds}`);
  return edit && { description, edits: [edit], scope };
}

/** `"EX", 60` arguments or a node-redis options object → the @upstash/redis options object. */
function respell(ctx: FixContext, call: ts.CallExpression, scope: FixProposal["scope"]): FixProposal | undefined {
  const tsx = ctx.ts;
  const sf = ctx.sourceFile;
  const args = call.arguments;
  if (args.length < 3) return undefined;
  const first = args[2]!;
  if (tsx.isStringLiteralLike(first)) {
    // ioredis: set(key, value, "EX", 60, "NX") in any order of words.
    const parts: string[] = [];
    let ttl = false;
    for (let i = 2; i < args.length; i++) {
      const a = args[i]!;
      if (!tsx.isStringLiteralLike(a)) return undefined;
      const word = a.text.toUpperCase();
      if (POSITIONAL_VALUE[word]) {
        const value = args[++i];
        if (!value || tsx.isSpreadElement(value) || ttl) return undefined;
        parts.push(`${POSITIONAL_VALUE[word]}: ${value.getText(sf)}`);
        ttl = true;
      } else if (POSITIONAL_FLAG[word]) {
        if (word === "KEEPTTL") {
          if (ttl) return undefined;
          ttl = true;
        }
        parts.push(`${POSITIONAL_FLAG[word]}: true`);
      } else return undefined;
    }
    if (!ttl || parts.join().includes("\n")) return undefined;
    const last = args[args.length - 1]!;
    const text = `{ ${parts.join(", ")} }`;
    return {
      description: `Pass the expiry as the options object @upstash/redis reads: ${text}.`,
      edits: [{ start: first.getStart(sf), end: last.getEnd(), text }],
      scope,
    };
  }
  if (args.length !== 3 || !tsx.isObjectLiteralExpression(first)) return undefined;
  const edits: Edit[] = [];
  let ttl = false;
  for (const p of first.properties) {
    const name = propertyName(tsx, p);
    if (name === undefined) return undefined;
    if (UPSTASH_OPTIONS.has(name)) {
      if (UPSTASH_TTL.has(name)) return undefined; // a correct expiry: nothing of this fixer's
      continue;
    }
    if (NODE_REDIS[name]) {
      const right = NODE_REDIS[name]!;
      if (UPSTASH_TTL.has(right)) ttl = true;
      if (tsx.isShorthandPropertyAssignment(p))
        edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${right}: ${name}` });
      else edits.push({ start: p.name!.getStart(sf), end: p.name!.getEnd(), text: right });
      continue;
    }
    // node-redis v5: { expiration: { type: "EX", value: 60 }, condition: "NX" }.
    if (name === "expiration" && tsx.isPropertyAssignment(p) && tsx.isObjectLiteralExpression(p.initializer)) {
      const inner = new Map<string, ts.Expression>();
      for (const q of p.initializer.properties) {
        if (!tsx.isPropertyAssignment(q)) return undefined;
        const n = propertyName(tsx, q);
        if (n === undefined) return undefined;
        inner.set(n, q.initializer);
      }
      const type = inner.get("type");
      const value = inner.get("value");
      const right = type && tsx.isStringLiteralLike(type) ? POSITIONAL_VALUE[type.text] : undefined;
      if (!right || !value || inner.size !== 2) return undefined;
      edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${right}: ${value.getText(sf)}` });
      ttl = true;
      continue;
    }
    if (name === "condition" && tsx.isPropertyAssignment(p) && tsx.isStringLiteralLike(p.initializer)) {
      const flag = { NX: "nx", XX: "xx" }[p.initializer.text];
      if (!flag) return undefined;
      edits.push({ start: p.getStart(sf), end: p.getEnd(), text: `${flag}: true` });
      continue;
    }
    return undefined;
  }
  if (!ttl) return undefined;
  return {
    description: "Spell the expiry the way @upstash/redis reads it (lower case: ex, px, exat, pxat, keepTtl).",
    edits,
    scope,
  };
}
