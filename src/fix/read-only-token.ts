/**
 * Rule 1: client code that reads a standard (read/write) Redis REST token through a public env name
 * reads the read-only variable instead: `process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN` becomes
 * `process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_READ_ONLY_TOKEN` (`…_TOKEN` → `…_READ_ONLY_TOKEN`, the
 * spelling of Vercel's KV_REST_API_READ_ONLY_TOKEN). The variable does not exist yet: the note tells
 * the user to create it with the database's read-only token and retire the old one; no value is
 * ever written. QStash tokens, signing keys and management keys have no client-safe counterpart, and
 * env files, build settings and Nuxt's runtimeConfig are not code reads: no edit.
 */
import type { ts } from "ts-morph";
import { credentialOfEnvName, clientPrefixOf, isReadOnlyName } from "../secrets/env-names";
import { defineFixer } from "./types";
import { nodeAt } from "./syntax";

/** SDK calls whose `token` option is a Redis REST token. */
const REDIS_CLIENT = /^(Redis|createClient|VercelKV)$/;

export default defineFixer({
  id: "read-only-token",
  rule: "upstash/write-token-in-frontend",
  checks: ["public-env-credential"],
  summary:
    "A client read of a standard Redis REST token through a public env name (process.env / import.meta.env) switches to the …_READ_ONLY_TOKEN name; the note says which variable to create.",
  sfc: true,
  propose(ctx) {
    const tsx = ctx.ts;
    const sf = ctx.sourceFile;
    const read = nodeAt(
      ctx,
      ctx.start,
      ctx.end,
      (n): n is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
        tsx.isPropertyAccessExpression(n) || tsx.isElementAccessExpression(n),
    );
    if (!read) return undefined;
    const nameNode = tsx.isPropertyAccessExpression(read) ? read.name : read.argumentExpression;
    if (!tsx.isIdentifier(nameNode) && !tsx.isStringLiteralLike(nameNode)) return undefined;
    const name = nameNode.text;
    if (!/_TOKEN$/.test(name) || isReadOnlyName(name) || !clientPrefixOf(name)) return undefined;
    if (!envObject(tsx, read.expression)) return undefined;
    const cred = credentialOfEnvName(name);
    const isRedis = cred ? cred.kind === "redis-rest-token" : givenAsRedisToken(tsx, read);
    if (!isRedis) return undefined;
    const renamed = name.replace(/TOKEN$/, "READ_ONLY_TOKEN");
    const start = nameNode.getStart(sf) + (tsx.isIdentifier(nameNode) ? 0 : 1);
    return {
      description: `Read the read-only token (${renamed}) in client code instead of the write token ${name}.`,
      note: `Create ${renamed} with the database's read-only REST token (Upstash console, REST API section; on Vercel KV it is KV_REST_API_READ_ONLY_TOKEN) wherever the app is built, and remove ${name}. A read-only token refuses writes: move any write this client makes to server code. The write token has shipped to browsers: reset the database password to revoke it.`,
      edits: [{ start, end: start + name.length, text: renamed }],
      scope: { start: read.getStart(sf), end: read.getEnd() },
    };
  },
});

/** `process.env`, `import.meta.env` (through casts and parentheses). */
function envObject(tsx: typeof ts, e: ts.Expression): boolean {
  while (tsx.isParenthesizedExpression(e) || tsx.isAsExpression(e) || tsx.isNonNullExpression(e))
    e = e.expression as ts.Expression;
  if (!tsx.isPropertyAccessExpression(e) || e.name.text !== "env") return false;
  let owner: ts.Expression = e.expression;
  while (tsx.isParenthesizedExpression(owner) || tsx.isAsExpression(owner)) owner = owner.expression;
  return (
    (tsx.isIdentifier(owner) && owner.text === "process") ||
    (tsx.isMetaProperty(owner) && owner.keywordToken === tsx.SyntaxKind.ImportKeyword)
  );
}

/** `new Redis({ token: <read> })`, `createClient({ token: <read> })`: a name that says nothing, used as a Redis token. */
function givenAsRedisToken(tsx: typeof ts, read: ts.Expression): boolean {
  let n: ts.Node = read;
  while (tsx.isNonNullExpression(n.parent) || tsx.isAsExpression(n.parent) || tsx.isParenthesizedExpression(n.parent))
    n = n.parent;
  const prop = n.parent;
  if (!prop || !tsx.isPropertyAssignment(prop) || !tsx.isIdentifier(prop.name) || prop.name.text !== "token")
    return false;
  const call = prop.parent?.parent;
  if (!call || !(tsx.isNewExpression(call) || tsx.isCallExpression(call))) return false;
  const callee = call.expression;
  const name = tsx.isIdentifier(callee)
    ? callee.text
    : tsx.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  return Boolean(name && REDIS_CLIENT.test(name));
}
