/**
 * A write that stores sensitive data in Upstash Redis with no expiry: `set` without `ex`/`px`/`exat`/
 * `pxat`/`keepTtl`, unless the same key gets an `expire` later in the same function. Sensitivity comes
 * from the key and the value's names (sessions, tokens, codes, passwords, personal data).
 */
import type { ts } from "ts-morph";
import { typescript } from "../../engine/parse";
import { enclosingFunction, importBindings, memberPath, propertyNameText, unwrap, walk } from "../ast";
import { defineDetector } from "../types";

const UPSTASH_REDIS_MODULES = new Set(["@upstash/redis", "@upstash/redis/nodejs", "@upstash/redis/node", "@upstash/redis/cloudflare", "@upstash/redis/fastly", "@vercel/kv"]);
const TTL_OPTIONS = new Set(["ex", "px", "exat", "pxat", "keepTtl"]);
const EXPIRE_CALLS = new Set(["expire", "pexpire", "expireat", "pexpireat"]);

/** Words that make a key or value sensitive, most specific first; the message names the match. */
const SENSITIVE = /session|refresh[_-]?token|access[_-]?token|reset[_-]?token|verification|verify|magic[_-]?link|invite|oauth|otp|one[_-]?time|passcode|password|passwd|pwd|hash|secret|api[_-]?key|credential|csrf|nonce|token|email|phone|address|ssn|date[_-]?of[_-]?birth|dob|card|iban/i;

/** Names of clients created in this file or imported from an Upstash Redis entry point. */
function redisClients(sf: ts.SourceFile): Set<string> {
  const ts = typescript();
  const clients = new Set<string>();
  const classes = new Set<string>();
  const factories = new Set<string>();
  for (const [local, b] of importBindings(sf)) {
    if (!UPSTASH_REDIS_MODULES.has(b.module)) continue;
    if (b.imported === "Redis") classes.add(local);
    if (b.imported === "kv") clients.add(local);
    if (b.imported === "createClient") factories.add(local);
    if (b.imported === "*") classes.add(`${local}.Redis`);
  }
  if (!classes.size && !factories.size) return clients;
  walk(sf, (node) => {
    if (!ts.isVariableDeclaration(node) && !ts.isPropertyDeclaration(node)) return;
    const init = node.initializer && unwrap(node.initializer);
    if (!init || !ts.isIdentifier(node.name)) return;
    const made =
      (ts.isNewExpression(init) && classes.has(memberPath(init.expression)?.join(".") ?? "")) ||
      (ts.isCallExpression(init) &&
        (factories.has(memberPath(init.expression)?.join(".") ?? "") ||
          (ts.isPropertyAccessExpression(init.expression) && init.expression.name.text === "fromEnv" && classes.has(memberPath(init.expression.expression)?.join(".") ?? ""))));
    if (made) clients.add(node.name.text);
  });
  return clients;
}

function hasTtlOption(arg: ts.Expression | undefined): boolean {
  const ts = typescript();
  if (!arg) return false;
  const o = unwrap(arg);
  if (!ts.isObjectLiteralExpression(o)) return true; // options built elsewhere: assume they may set a TTL
  return o.properties.some((p) => {
    if (ts.isSpreadAssignment(p)) return true;
    const name = propertyNameText(p.name);
    return name !== undefined && TTL_OPTIONS.has(name);
  });
}

function normalized(node: ts.Node, sf: ts.SourceFile): string {
  return node.getText(sf).replace(/\s+/g, "");
}

export default defineDetector({
  id: "write-without-ttl",
  rule: "upstash/sensitive-data-without-ttl",
  checks: {
    "write-without-ttl": "A sensitive key written to Upstash Redis without an expiry",
  },
  keywords: ["@upstash/redis", "@vercel/kv"],
  fileKinds: ["script", "sfc"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const sf = ctx.sourceFile;
    if (!sf) return;
    const ts = typescript();
    const clients = redisClients(sf);
    if (!clients.size) return;
    walk(sf, (node) => {
      if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return;
      const method = node.expression.name.text;
      const receiver = memberPath(node.expression.expression)?.join(".");
      if (method !== "set" || !receiver || !clients.has(receiver)) return;
      const [key, value, options] = node.arguments;
      if (!key || hasTtlOption(options)) return;
      const keyText = normalized(key, sf);
      const word = SENSITIVE.exec(keyText)?.[0] ?? (value && ts.isIdentifier(unwrap(value)) ? SENSITIVE.exec(value.getText(sf))?.[0] : undefined);
      if (!word) return;
      // An expire on the same key in the same function gives it a TTL after all.
      let expired = false;
      walk(enclosingFunction(node), (n) => {
        if (expired) return false;
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && EXPIRE_CALLS.has(n.expression.name.text)) {
          const k = n.arguments[0];
          if (k && normalized(k, sf) === keyText) expired = true;
        }
        return undefined;
      });
      if (expired) return;
      ctx.report({
        check: "write-without-ttl",
        start: node.getStart(sf),
        end: node.getEnd(),
        message: `${receiver}.set() stores a sensitive key (it mentions "${word.toLowerCase()}") with no expiry, so Redis keeps it forever. Pass { ex: seconds } (or px/exat/pxat), or call expire on the key.`,
      });
    });
  },
});
