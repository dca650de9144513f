/**
 * Rule 1: client code that builds a Redis client from a standard (read/write) REST token read
 * through a public env name reads the read-only variable instead:
 * `process.env.NEXT_PUBLIC_UPSTASH_REDIS_REST_TOKEN` becomes `…_READ_ONLY_TOKEN` (the spelling of
 * Vercel's KV_REST_API_READ_ONLY_TOKEN). The variable does not exist yet: the note tells the user to
 * create it with the database's read-only token and retire the old one; no value is ever written.
 *
 * A read-only token refuses writes, so the edit is made only when it cannot break one: the token is
 * the `token` of a `new Redis(…)` / `createClient(…)` held in a constant this module does not
 * export, and every use of that constant here is a read command (`redis.get(…)`). A client module
 * that exports its client (server code may import it and write) keeps its finding without an edit,
 * and so do QStash tokens, signing keys and management keys (no client-safe counterpart), and env
 * files, build settings and Nuxt's runtimeConfig (definitions, not code reads).
 */
import type { ts } from "ts-morph";
import { credentialOfEnvName, clientPrefixOf, isReadOnlyName } from "../secrets/env-names";
import { defineFixer } from "./types";
import { identifiersNamed, nodeAt } from "./syntax";

/** SDK calls whose `token` option is a Redis REST token. */
const REDIS_CLIENT = /^(Redis|createClient|VercelKV)$/;
/** Commands a read-only token may run: nothing here writes. */
const READS = new Set(
  (
    "get getrange mget strlen exists ttl pttl type keys scan randomkey dbsize echo ping time " +
    "hget hgetall hmget hkeys hvals hlen hexists hstrlen hscan hrandfield " +
    "lrange llen lindex lpos smembers sismember smismember scard srandmember sscan sdiff sinter sunion " +
    "zrange zrangebyscore zrangebylex zrevrange zrevrangebyscore zscore zmscore zcard zcount zlexcount " +
    "zrank zrevrank zscan zrandmember xrange xrevrange xlen geopos geodist geohash geosearch " +
    "bitcount bitpos getbit pfcount"
  ).split(" "),
);

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
    if (cred && cred.kind !== "redis-rest-token") return undefined;
    const client = clientOf(tsx, read);
    if (!client || !onlyReads(tsx, sf, client)) return undefined;
    const renamed = name.replace(/TOKEN$/, "READ_ONLY_TOKEN");
    const start = nameNode.getStart(sf) + (tsx.isIdentifier(nameNode) ? 0 : 1);
    return {
      description: `Read the read-only token (${renamed}) in client code instead of the write token ${name}.`,
      note: `Create ${renamed} with the database's read-only REST token (Upstash console, REST API section; on Vercel KV it is KV_REST_API_READ_ONLY_TOKEN) wherever the app is built, and remove ${name}. The write token has shipped to browsers: reset the database password to revoke it.`,
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

/**
 * The constant that holds the Redis client built with `read` as its token (`const redis = new
 * Redis({ token: <read> })`), when the module does not export it.
 */
function clientOf(tsx: typeof ts, read: ts.Expression): ts.Identifier | undefined {
  let n: ts.Node = read;
  while (tsx.isNonNullExpression(n.parent) || tsx.isAsExpression(n.parent) || tsx.isParenthesizedExpression(n.parent))
    n = n.parent;
  const prop = n.parent;
  if (!prop || !tsx.isPropertyAssignment(prop) || !tsx.isIdentifier(prop.name) || prop.name.text !== "token")
    return undefined;
  const call = prop.parent?.parent;
  if (!call || !(tsx.isNewExpression(call) || tsx.isCallExpression(call)) || call.arguments?.[0] !== prop.parent)
    return undefined;
  const callee = call.expression;
  const name = tsx.isIdentifier(callee)
    ? callee.text
    : tsx.isPropertyAccessExpression(callee)
      ? callee.name.text
      : undefined;
  if (!name || !REDIS_CLIENT.test(name)) return undefined;
  const decl = call.parent;
  if (!tsx.isVariableDeclaration(decl) || decl.initializer !== call || !tsx.isIdentifier(decl.name)) return undefined;
  const statement = decl.parent.parent;
  if (!tsx.isVariableStatement(statement) || !(decl.parent.flags & tsx.NodeFlags.Const)) return undefined;
  if (tsx.getCombinedModifierFlags(decl) & tsx.ModifierFlags.Export) return undefined;
  return decl.name;
}

/** Every other mention of the client in the module is `client.<read command>(…)`. */
function onlyReads(tsx: typeof ts, sf: ts.SourceFile, client: ts.Identifier): boolean {
  for (const id of identifiersNamed(tsx, sf, client.text)) {
    if (id === client) continue;
    const access = id.parent;
    if (!tsx.isPropertyAccessExpression(access) || access.expression !== id || !READS.has(access.name.text))
      return false;
    const call = access.parent;
    if (!tsx.isCallExpression(call) || call.expression !== access) return false;
  }
  return true;
}
