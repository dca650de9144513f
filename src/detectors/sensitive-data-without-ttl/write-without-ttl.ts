/**
 * Sensitive data that Upstash Redis keeps forever. One analysis serves three checks:
 * - write-without-ttl: a write that creates a sensitive key with no expiry (`set` without
 *   ex/px/exat/pxat/keepTtl, `setnx`, `mset`, `hset`, `json.set`, lists, sets, sorted sets, streams)
 *   and no `expire` on the same key later in the same function or pipeline, or through a helper;
 * - ttl-option-ignored: an expiry spelled for another client (`{ EX: 60 }`, `"EX", 60`,
 *   `{ expire: 60 }`) that @upstash/redis ignores;
 * - ttl-removed: `persist()` or `getex(key, { persist: true })` on a sensitive key.
 *
 * Clients are known however they are made (clients.ts). Calls on a client imported from another
 * module of the project, and writes whose expiry may come from an imported helper, are recorded as
 * facts and judged in the project phase, once the exporting module is known (project-phase.ts).
 */
import type * as ts from "typescript";
import { typescript } from "../../engine/parse";
import { memberPath, propertyNameText, stringValue, unwrap } from "../ast";
import { defineDetector } from "../types";
import { ClientModel, type Origin } from "./analysis/clients";
import { EXPIRE_COMMANDS, ExpiryIndex, optionsSetTtl, TTL_OPTIONS } from "./analysis/expiry";
import {
  fileConstants,
  keyForms,
  keyKind,
  keySensitivity,
  valueSensitivity,
  type Constants,
  type Sensitivity,
} from "./analysis/keys";
import {
  exportsFact,
  hasReexports,
  judgeProject,
  selectModules,
  type Fact,
  type PendingFinding,
} from "./analysis/project-phase";
import { splitWords, Vocabulary } from "./analysis/vocabulary";
import { isPlaceholderValue } from "./analysis/placeholders";
import { sessionStoreAt } from "./analysis/session-stores";
import { helperCalls, writeHelperOf, type WriteHelper } from "./analysis/write-helpers";

/** Commands that create a key and take no TTL of their own (set takes one as an option). */
const WRITES = new Set([
  "set",
  "setnx",
  "mset",
  "msetnx",
  "hset",
  "hmset",
  "hsetnx",
  "json.set",
  "lpush",
  "rpush",
  "sadd",
  "zadd",
  "xadd",
]);
/** Arguments before the variadic part or the options of each write: anything after them is not data. */
const FIXED_ARGS: Record<string, number> = {
  set: 2,
  setnx: 2,
  mset: 1,
  msetnx: 1,
  hset: 2,
  hmset: 2,
  hsetnx: 3,
  "json.set": 3,
  lpush: 1,
  rpush: 1,
  sadd: 1,
  zadd: 1,
  xadd: 3,
};
const VARIADIC = new Set(["lpush", "rpush", "sadd", "zadd"]);
/** Expiry spellings of other clients and frameworks (compared lower-case). */
const FOREIGN_TTL = new Set([
  "ex",
  "px",
  "exat",
  "pxat",
  "keepttl",
  "expire",
  "expires",
  "expiry",
  "expiration",
  "expiresin",
  "expiresat",
  "expireat",
  "ttl",
  "maxage",
  "timeout",
]);

interface Call {
  node: ts.CallExpression;
  command: string;
  label: string;
  args: readonly ts.Expression[];
  /** Offsets reported: from the method name to the end of the call, so chained pipelines point at the right line. */
  start: number;
  end: number;
}

export default defineDetector<Fact>({
  id: "write-without-ttl",
  rule: "upstash/sensitive-data-without-ttl",
  checks: {
    "write-without-ttl": "A sensitive key written to Upstash Redis without an expiry",
    "ttl-option-ignored": "An expiry spelled for another Redis client, which @upstash/redis ignores",
    "ttl-removed": "The expiry of a sensitive key removed with persist() or getex({ persist: true })",
  },
  // Clients are made where @upstash/redis or @vercel/kv is imported, and used where that module is
  // imported (through aliases, barrels and workspace packages). Further away, the facts say where to
  // look: select asks for the modules a client or an expiry helper is imported from, and for the
  // importers of a module that passes a client on.
  keywords: [],
  imports: { packages: ["@upstash/redis", "@vercel/kv"], importers: true },
  fileKinds: ["script", "sfc"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    if (!sf) return;
    const ts = typescript();
    // Most files the keywords let through call Map.set or URLSearchParams.set: a cheap look for
    // commands first, and the client model only where one is called or a client is made.
    const makesClients = /@upstash\/redis|@vercel\/kv/.test(ctx.text);
    if (!makesClients && !hasCommandCall(ts, sf)) {
      const light = new ClientModel(sf, true);
      if (hasReexports(light) || light.exports.length) ctx.fact(exportsFact(light.exports, light.table, []));
      return;
    }
    const model = new ClientModel(sf);
    if (!model.relevant) {
      if (hasReexports(model)) ctx.fact(exportsFact([], model.table, []));
      return;
    }
    const vocab = Vocabulary.fromOptions(ctx.options);
    const constants = fileConstants(sf);
    let index: ExpiryIndex | undefined;
    const expiries = () => (index ??= new ExpiryIndex(sf, constants, model));

    const calls: Array<Call & { receiver: NonNullable<ReturnType<ClientModel["receiver"]>> }> = [];
    // Iterative walk over call expressions (deeply nested files must not overflow the stack).
    const stack: ts.Node[] = [sf];
    while (stack.length) {
      const node = stack.pop()!;
      node.forEachChild((k) => {
        stack.push(k);
      });
      if (!ts.isCallExpression(node)) continue;
      const callee = unwrap(node.expression);
      if (!ts.isPropertyAccessExpression(callee)) continue;
      let command = callee.name.text;
      let recv: ts.Expression = callee.expression;
      if (
        command === "set" &&
        ts.isPropertyAccessExpression(unwrap(recv)) &&
        (unwrap(recv) as ts.PropertyAccessExpression).name.text === "json"
      ) {
        command = "json.set";
        recv = (unwrap(recv) as ts.PropertyAccessExpression).expression;
      }
      if (!WRITES.has(command) && command !== "persist" && command !== "hpersist" && command !== "getex") continue;
      const receiver = model.receiver(recv);
      if (!receiver) continue;
      const label = memberPath(unwrap(recv))?.join(".") ?? (receiver.pipeline ? "pipeline" : "redis");
      calls.push({
        node,
        command,
        label,
        args: node.arguments,
        start: callee.name.getStart(sf),
        end: node.getEnd(),
        receiver,
      });
    }
    calls.sort((a, b) => a.start - b.start);

    const env: Env = { vocab, constants, expiries };
    const emit = (judged: Judged, origin: Origin, start: number, end: number) => {
      const severity = judged.severity ? { severity: judged.severity } : {};
      if (origin.kind === "upstash" && judged.imported.length === 0) {
        ctx.report({
          check: judged.check,
          start,
          end,
          message: judged.message,
          confidence: judged.confidence,
          ...severity,
        });
      } else {
        const finding: PendingFinding = {
          check: judged.check,
          location: ctx.location(start, end),
          message: judged.message,
          confidence: judged.confidence,
          ...severity,
        };
        ctx.fact({ kind: "candidate", client: origin, helpers: judged.imported, finding });
      }
    };
    const writeHelpers: WriteHelper[] = [];
    for (const call of calls) {
      const judged = judgeCall(call, env);
      if (judged) emit(judged, call.receiver.origin, call.start, call.end);
      else if (WRITES.has(call.command) && !call.command.startsWith("mset")) {
        const helper = writeHelperOf(call, operands(call).values);
        if (helper && lacksTtl(call, env)) writeHelpers.push(helper);
      }
    }
    for (const site of helperCalls(sf, writeHelpers)) {
      const judged = judgeHelperCall(site.node, site.helper, env);
      if (judged) emit(judged, site.helper.receiver.origin, site.start, site.node.getEnd());
    }

    // Only a module that exports something can lend a TTL helper to another one.
    const exportsSomething = model.exports.length > 0 || /\bexport\b|module\.exports|exports\./.test(ctx.text);
    const helpers = exportsSomething && /expire(at)?\s*\(/i.test(ctx.text) ? expiries().helpers : [];
    if (model.exports.length || hasReexports(model) || helpers.length)
      ctx.fact(exportsFact(model.exports, model.table, helpers));
  },
  select(ctx) {
    return selectModules(ctx);
  },
  analyzeProject(ctx) {
    judgeProject(ctx);
  },
});

/** Whether the file calls any command this rule judges (on anything: receivers are resolved later). */
function hasCommandCall(ts: typeof import("typescript"), sf: ts.SourceFile): boolean {
  let found = false;
  const stack: ts.Node[] = [sf];
  while (stack.length && !found) {
    const node = stack.pop()!;
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      // Expire calls too: a module of TTL helpers lends them to the files that import it.
      if (
        name &&
        (WRITES.has(name) || EXPIRE_COMMANDS.has(name) || name === "persist" || name === "hpersist" || name === "getex")
      )
        found = true;
    }
    node.forEachChild((k) => {
      stack.push(k);
    });
  }
  return found;
}

interface Judged {
  check: "write-without-ttl" | "ttl-option-ignored" | "ttl-removed";
  message: string;
  confidence: "high" | "medium";
  severity?: "low";
  /** Imported helpers that would give the key an expiry, if they really do (decided project-wide). */
  imported: import("./analysis/expiry").ImportedHelper[];
}

interface Env {
  vocab: Vocabulary;
  constants: Constants;
  expiries: () => ExpiryIndex;
}

function judgeCall(call: Call, env: Env): Judged | undefined {
  const ignored = ignoredTtl(call, env);
  if (ignored) return ignored;
  if (call.command === "persist" || call.command === "hpersist" || call.command === "getex")
    return removedTtl(call, env);
  return missingTtl(call, env);
}

function describe(s: Sensitivity): string {
  const label = `"${s.phrase.label}"`;
  if (s.where === "key") return `its key mentions ${label}`;
  const same = s.name.toLowerCase().replace(/[^a-z0-9]/g, "") === s.phrase.parts.join("");
  return `its value holds ${label}${same ? "" : ` (${s.name})`}`;
}

function confidenceOf(s: Sensitivity): "high" | "medium" {
  return s.where === "key" && !s.subject && s.phrase.category !== "pii" ? "high" : "medium";
}

/**
 * Sensitivity of a write: its key first, then (unless the key is a counter, limit, flag…) its value.
 * A made-up value (`"mock_access_token_123"`, `"dummy-" + Date.now()`) is no secret whatever the key
 * says: the value's origin counts, not only the key's name.
 */
function sensitivityOf(
  key: ts.Expression | undefined,
  values: readonly ts.Expression[],
  env: Env,
  extraNames: readonly string[] = [],
): Sensitivity | undefined {
  if (allPlaceholders(values, env)) return undefined;
  let kind: ReturnType<typeof keyKind>;
  if (key) {
    const k = keySensitivity(key, env.constants, env.vocab);
    if (k) return k;
    kind = keyKind(key, env.constants, env.vocab);
    if (kind === "neutral") return undefined;
  }
  return valueSensitivity(values, env.vocab, extraNames, { noPii: kind === "entity", constants: env.constants });
}

function allPlaceholders(values: readonly ts.Expression[], env: Env): boolean {
  const ts = typescript();
  return values.length > 0 && values.every((v) => isPlaceholderValue(ts, v, env.constants));
}

/** The key, the values written and extra field names for each write command. */
function operands(call: Call): { key?: ts.Expression; values: ts.Expression[]; names: string[] } {
  const [a0, a1, a2] = call.args;
  const fieldName = (e: ts.Expression | undefined) => (e ? stringValue(unwrap(e)) : undefined);
  switch (call.command) {
    case "hsetnx": {
      const f = fieldName(a1);
      return { key: a0, values: a2 ? [a2] : [], names: f ? [f] : [] };
    }
    case "json.set": {
      const path = fieldName(a1);
      return { key: a0, values: a2 ? [a2] : [], names: path ? [path] : [] };
    }
    case "xadd":
      return { key: a0, values: a2 ? [a2] : [], names: [] };
    default:
      return {
        key: a0,
        values: call.args.slice(1, VARIADIC.has(call.command) ? undefined : FIXED_ARGS[call.command]),
        names: [],
      };
  }
}

const FIX_SET =
  "Pass { ex: seconds } (or px, exat, pxat), or call expire on the key after it in the same function or pipeline.";
const fixOther = (cmd: string) =>
  cmd === "hset" || cmd === "hmset"
    ? `${cmd} takes no TTL: call expire(key, seconds) after it in the same function or pipeline (or use hsetex with an expiration).`
    : `${cmd} takes no TTL: call expire(key, seconds) after it in the same function or pipeline.`;

function missingTtl(call: Call, env: Env): Judged | undefined {
  const ts = typescript();
  if (call.command === "mset" || call.command === "msetnx") {
    const obj = call.args[0] && unwrap(call.args[0]);
    if (!obj || !ts.isObjectLiteralExpression(obj)) return undefined;
    for (const p of obj.properties) {
      if (!ts.isPropertyAssignment(p) && !ts.isShorthandPropertyAssignment(p)) continue;
      const keyExpr = ts.isComputedPropertyName(p.name) ? p.name.expression : undefined;
      const keyText = keyExpr ? undefined : propertyNameText(p.name);
      const value = ts.isPropertyAssignment(p) ? p.initializer : p.name;
      let s: Sensitivity | undefined;
      if (keyExpr) s = sensitivityOf(keyExpr, [value], env);
      else if (keyText !== undefined && !env.vocab.isNeutral(splitWords(keyText)) && !allPlaceholders([value], env)) {
        const noPii = env.vocab.isEntity(splitWords(keyText));
        const k = env.vocab.match(splitWords(keyText), { noPii });
        s = k
          ? { phrase: k, name: keyText, where: "key" }
          : valueSensitivity([value], env.vocab, [], { noPii, constants: env.constants });
      }
      if (!s) continue;
      const forms = keyExpr ? keyForms(keyExpr, env.constants) : new Set([keyText!.replace(/\$\{/g, "$\\{")]);
      const found = env.expiries().findForms(call.node, forms, false);
      if (found.expired) continue;
      return {
        check: "write-without-ttl",
        message: `${call.label}.${call.command}() writes a key with no expiry and ${describe(s)}, so Redis keeps it until someone deletes it. ${call.command} takes no TTL: use set with { ex: seconds } per key, or call expire on each key after it.`,
        confidence: confidenceOf(s),
        imported: found.imported,
      };
    }
    return undefined;
  }
  const { key, values, names } = operands(call);
  if (!key) return undefined;
  if (call.command === "set" && optionsSetTtl(call.args[2], env.constants)) return undefined;
  const s = sensitivityOf(key, values, env, names) ?? sessionStoreWrite(call, key, env);
  if (!s) return undefined;
  // SET clears any TTL the key had, so only a later expire counts; other writes keep an existing one.
  const found = env.expiries().find(call.node, key, call.command === "set" || call.command === "setnx");
  if (found.expired) return undefined;
  return {
    check: "write-without-ttl",
    message: `${call.label}.${call.command}() writes a key with no expiry and ${describe(s)}, so Redis keeps it until someone deletes it. ${call.command === "set" ? FIX_SET : fixOther(call.command)}`,
    confidence: confidenceOf(s),
    imported: found.imported,
  };
}

/** The write method of a framework's session store: its value is a session whatever it is called. */
function sessionStoreWrite(call: Call, key: ts.Expression, env: Env): Sensitivity | undefined {
  const ts = typescript();
  if (keyKind(key, env.constants, env.vocab) === "neutral") return undefined;
  const store = sessionStoreAt(ts, call.node.getSourceFile(), call.node);
  const phrase = store ? env.vocab.match(["session"]) : undefined;
  return store && phrase ? { phrase, name: `written by ${store}`, where: "value" } : undefined;
}

/** A write that leaves its key without a TTL in its own function: no TTL option, no expire after it. */
function lacksTtl(call: Call, env: Env): boolean {
  const key = call.args[0];
  if (!key) return false;
  if (call.command === "set" && optionsSetTtl(call.args[2], env.constants)) return false;
  const found = env.expiries().find(call.node, key, call.command === "set" || call.command === "setnx");
  return !found.expired && found.imported.length === 0;
}

/** A call of a generic write helper with a sensitive key or value. */
function judgeHelperCall(node: ts.CallExpression, helper: WriteHelper, env: Env): Judged | undefined {
  const key = node.arguments[helper.keyIndex];
  if (!key) return undefined;
  const values = helper.valueIndexes.map((i) => node.arguments[i]).filter((a): a is ts.Expression => a !== undefined);
  const s = sensitivityOf(key, values, env);
  if (!s) return undefined;
  const found = env.expiries().find(node, key, helper.command === "set" || helper.command === "setnx");
  if (found.expired) return undefined;
  return {
    check: "write-without-ttl",
    message: `${helper.name}() writes its key with ${helper.label}.${helper.command}() and no expiry, and ${describe(s)}, so Redis keeps it until someone deletes it. Give the helper a TTL (${helper.command === "set" ? "{ ex: seconds }" : "an expire after the write"}) or call expire on the key after this call.`,
    confidence: confidenceOf(s),
    imported: found.imported,
  };
}

/** `{ EX: 60 }`, `{ expire: 60 }`, `"EX", 60` on an Upstash write: the key gets no expiry. */
function ignoredTtl(call: Call, env: Env): Judged | undefined {
  const ts = typescript();
  if (!WRITES.has(call.command)) return undefined;
  const fixed = FIXED_ARGS[call.command]!;
  const { key, values, names } = operands(call);
  const sensitivity = () =>
    key
      ? sensitivityOf(
          key,
          values.filter((v) => !isForeignTtlObject(ts, v, env.constants, call.command === "set")),
          env,
          names,
        )
      : undefined;
  const finish = (what: string, consequence: string, fix: string): Judged => {
    const s = sensitivity();
    return {
      check: "ttl-option-ignored",
      message: `${call.label}.${call.command}() ${what}: ${consequence}${s ? ` (${describe(s)})` : ""}. ${fix}`,
      confidence: "high",
      ...(s ? {} : { severity: "low" as const }),
      imported: [],
    };
  };

  // Positional "EX", 60 (node-redis v3 / ioredis style).
  for (let i = fixed; i < call.args.length - 1; i++) {
    const word = stringValue(unwrap(call.args[i]!));
    if (word === undefined || !/^(ex|px|exat|pxat)$/i.test(word)) continue;
    if (VARIADIC.has(call.command) && i !== call.args.length - 2) continue;
    const shown = `"${word}", ${call.args[i + 1]!.getText().slice(0, 30)}`;
    if (call.command === "set") {
      return finish(
        `passes ${shown} as separate arguments, the ioredis spelling`,
        "@upstash/redis takes a single options object and throws a TypeError on a string there, so this write fails instead of expiring",
        `Write { ${word.toLowerCase()}: ${call.args[i + 1]!.getText().slice(0, 30)} }.`,
      );
    }
    return finish(
      `passes ${shown} as arguments`,
      `${call.command} takes no TTL, so they are ignored or stored as data and the key never expires`,
      "Call expire(key, seconds) after it in the same function or pipeline.",
    );
  }

  // An options object with a foreign spelling.
  for (let i = fixed; i < call.args.length; i++) {
    const arg = unwrap(call.args[i]!);
    let obj = arg;
    if (ts.isIdentifier(obj) && env.constants.get(obj)) obj = unwrap(env.constants.get(obj)!);
    if (!ts.isObjectLiteralExpression(obj)) continue;
    const props = obj.properties.map((p) => (ts.isSpreadAssignment(p) ? undefined : propertyNameText(p.name)));
    if (props.includes(undefined)) continue;
    const names = props as string[];
    if (call.command === "set") {
      if (i !== 2 || names.some((n) => TTL_OPTIONS.has(n))) continue;
      const foreign = names.find((n) => FOREIGN_TTL.has(n.toLowerCase()));
      if (!foreign) continue;
      const right = ["EX", "PX", "EXAT", "PXAT"].includes(foreign.toUpperCase())
        ? foreign.toLowerCase()
        : foreign.toUpperCase() === "KEEPTTL"
          ? "keepTtl"
          : "ex";
      return finish(
        `passes { ${foreign}: … }, a spelling @upstash/redis does not read (it reads ex, px, exat, pxat and keepTtl)`,
        "the option is ignored and the key never expires",
        `Write { ${right}: … }${right === "ex" && foreign.toLowerCase() !== "ex" ? " (seconds)" : ""}.`,
      );
    }
    const last = i === call.args.length - 1;
    if (!last && VARIADIC.has(call.command)) continue;
    if (names.length === 0 || !names.every((n) => FOREIGN_TTL.has(n.toLowerCase()) || n === "nx" || n === "xx"))
      continue;
    if (!names.some((n) => FOREIGN_TTL.has(n.toLowerCase()))) continue;
    return finish(
      `passes an expiry option ({ ${names.join(", ")} }) that ${call.command} does not have`,
      `${call.command} takes no TTL, so it is ignored${VARIADIC.has(call.command) ? " (or stored as a member)" : ""} and the key never expires`,
      "Call expire(key, seconds) after it in the same function or pipeline.",
    );
  }
  return undefined;
}

function isForeignTtlObject(
  ts: typeof import("typescript"),
  e: ts.Expression,
  constants: Constants,
  isSet: boolean,
): boolean {
  let o = unwrap(e);
  if (ts.isIdentifier(o) && constants.get(o)) o = unwrap(constants.get(o)!);
  if (!ts.isObjectLiteralExpression(o)) return false;
  return (
    o.properties.length > 0 &&
    o.properties.every(
      (p) => !ts.isSpreadAssignment(p) && FOREIGN_TTL.has((propertyNameText(p.name) ?? "").toLowerCase()),
    ) &&
    !isSet
  );
}

/** persist() / hpersist() / getex(key, { persist: true }) on a sensitive key. */
function removedTtl(call: Call, env: Env): Judged | undefined {
  const ts = typescript();
  const key = call.args[0];
  if (!key) return undefined;
  if (call.command === "getex") {
    const opts = call.args[1] && unwrap(call.args[1]);
    if (!opts || !ts.isObjectLiteralExpression(opts)) return undefined;
    const persist = opts.properties.find((p) => ts.isPropertyAssignment(p) && propertyNameText(p.name) === "persist");
    if (!persist || !ts.isPropertyAssignment(persist) || persist.initializer.kind === ts.SyntaxKind.FalseKeyword)
      return undefined;
  }
  const s = keySensitivity(key, env.constants, env.vocab);
  if (!s) return undefined;
  const how = call.command === "getex" ? "getex(…, { persist: true })" : `${call.command}()`;
  return {
    check: "ttl-removed",
    message: `${call.label}.${how} removes the expiry of a sensitive key (${describe(s)}), so Redis now keeps it forever. Keep the TTL, or give it a new one with expire.`,
    confidence: confidenceOf(s),
    imported: [],
  };
}
