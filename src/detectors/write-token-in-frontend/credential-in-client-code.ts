/**
 * A write credential inside code that ships to clients: a literal token, or a server-only env read
 * that a bundler setting inlines, in a "use client" module or anything it imports (transitively), a
 * pages-router page outside its data-fetching functions, SPA / Expo / extension sources, a Vue or
 * Svelte component, an Astro `<script>`, committed static assets and build output. Also server values
 * handed to the browser: props a server component passes to a client component, page props returned
 * by getServerSideProps/getStaticProps, data a SvelteKit server load returns. The finding points at the
 * credential, with the client entry and the import chain as related locations.
 */
import type * as ts from "typescript";
import {
  CREDENTIAL_LABEL,
  CREDENTIAL_SHAPES,
  REDIS_URL_SHAPE,
  findCredentials,
  type CredentialKind,
} from "../../secrets/credentials";
import { clientPrefixOf, type EnvCredential } from "../../secrets/env-names";
import { redact } from "../../secrets/redact";
import type { Location } from "../../engine/types";
import { capitalise, harmOf, withArticle } from "./analysis/messages";
import { defineDetector, type FileContext } from "../types";
import { importBindings, propertyNameText, unwrap, walk } from "../ast";
import { RULE_1_GATE, readBundlerConfig, type BundlerConfig } from "./analysis/bundler-config";
import { BundleSettings } from "./analysis/bundle-settings";
import { confirmedReach, reachLocations, whereShipped, type ClientReach } from "./analysis/client-bundle";
import { credentialEnvReads, credentialOfRead, type CredentialRead } from "./analysis/env-uses";
import { regionAt, serverRegions } from "./analysis/server-regions";
import { credentialRef } from "../../verify/credential-ref";
import type { CredentialRef } from "../../verify/types";

type Fact =
  | {
      t: "literal";
      kind: CredentialKind;
      shown: string;
      loc: Location;
      ref: CredentialRef;
      server?: string;
      astroScript?: boolean;
    }
  | {
      t: "env";
      name: string;
      expression: string;
      via: CredentialRead["via"];
      usage?: EnvCredential;
      loc: Location;
      server?: string;
      astroScript?: boolean;
    }
  | { t: "handoff"; name: string; usage?: EnvCredential; how: string; loc: Location; module?: string }
  | { t: "config"; config: BundlerConfig };

/** How to revoke each kind of credential once it has shipped. */
const REVOKE: Record<CredentialKind, string> = {
  "redis-rest-token": "reset the database password in the Upstash console (it revokes the REST tokens)",
  "redis-password": "reset the database password in the Upstash console",
  "qstash-token": "roll the QStash token in the Upstash console",
  "qstash-signing-key": "roll the QStash signing keys in the Upstash console",
  "vector-token": "reset the index's tokens in the Upstash console",
  "management-api-key": "revoke the API key in the Upstash console",
};

function fixLiteral(kind: CredentialKind): string {
  return `Treat it as leaked: ${REVOKE[kind]}, keep write tokens in server-only variables, and give client code a read-only token or an API route to call.`;
}
const FIX_ENV =
  "Keep write tokens out of client code: read them only in route handlers, server actions or edge functions, and give client code a read-only token or an API route to call.";

/** Offsets covered by string-like nodes: a credential anywhere else in a parsed file sits in a comment. */
function stringRanges(ts: typeof import("typescript"), sf: ts.SourceFile): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  walk(sf, (n) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n) ||
      ts.isJsxText(n) ||
      ts.isRegularExpressionLiteral(n)
    ) {
      out.push([n.getStart(sf), n.getEnd()]);
      return false;
    }
    return true;
  });
  return out;
}

/** A server-only credential env read inside an expression (directly or through a local const). */
function credentialReadIn(
  ts: typeof import("typescript"),
  expr: ts.Node,
  reads: readonly CredentialRead[],
  consts: Map<string, ts.Expression>,
  depth = 0,
): CredentialRead | undefined {
  const start = expr.getStart();
  const end = expr.getEnd();
  const direct = reads.find(
    (r) => r.start >= start && r.end <= end && (r.via === "process.env" || r.via.endsWith("/private")),
  );
  if (direct) return direct;
  if (depth > 2) return undefined;
  let found: CredentialRead | undefined;
  walk(expr, (n) => {
    if (found) return false;
    if (ts.isIdentifier(n)) {
      // `import { UPSTASH_REDIS_REST_TOKEN } from "$env/static/private"` binds the variable itself.
      found = reads.find((r) => r.via === "$env/static/private" && r.name === n.text);
      const init = consts.get(n.text);
      if (!found && init) found = credentialReadIn(ts, init, reads, consts, depth + 1);
    }
    return true;
  });
  return found;
}

/** Values the server serialises into the page: client component props, page props, load data. */
function handoffs(ctx: FileContext<Fact>, reads: readonly CredentialRead[]): void {
  const ts = ctx.ts!;
  const sf = ctx.sourceFile!;
  const serverName = (r: CredentialRead) => {
    const c = credentialOfRead(r);
    return c && c.access === "write" && !clientPrefixOf(r.name);
  };
  const secretReads = reads.filter(serverName);
  if (secretReads.length === 0) return;
  const consts = new Map<string, ts.Expression>();
  walk(sf, (n) => {
    if (ts.isVariableDeclaration(n) && n.initializer && ts.isIdentifier(n.name))
      consts.set(n.name.text, unwrap(n.initializer));
  });
  const imports = importBindings(sf);
  const base = ctx.path.slice(ctx.path.lastIndexOf("/") + 1);
  const svelteServerLoad = /^\+(page|layout)\.server\.[cm]?[jt]s$/.test(base);

  walk(sf, (n) => {
    // <ClientThing token={process.env.UPSTASH_REDIS_REST_TOKEN} /> in a server component.
    if (ts.isJsxAttribute(n) && n.initializer && ts.isJsxExpression(n.initializer) && n.initializer.expression) {
      const el = n.parent.parent;
      const tag =
        (ts.isJsxOpeningElement(el) || ts.isJsxSelfClosingElement(el)) && ts.isIdentifier(el.tagName)
          ? el.tagName.text
          : undefined;
      const binding = tag ? imports.get(tag) : undefined;
      const r = binding && credentialReadIn(ts, n.initializer.expression, secretReads, consts);
      if (r && binding)
        ctx.fact({
          t: "handoff",
          name: r.name,
          ...(r.usage ? { usage: r.usage } : {}),
          how: `passed as the prop ${n.name.getText(sf)} of <${tag}>`,
          loc: ctx.location(n.getStart(sf), n.getEnd()),
          module: binding.module,
        });
      return;
    }
    if (!ts.isPropertyAssignment(n) && !ts.isShorthandPropertyAssignment(n)) return;
    const fn = enclosingNamedFunction(ts, n);
    const key = propertyNameText(n.name);
    const value = ts.isPropertyAssignment(n) ? n.initializer : n.name;
    // return { props: { token: process.env.X } } from getServerSideProps / getStaticProps.
    if (key === "props" && (fn === "getServerSideProps" || fn === "getStaticProps")) {
      const r = credentialReadIn(ts, value, secretReads, consts);
      if (r)
        ctx.fact({
          t: "handoff",
          name: r.name,
          ...(r.usage ? { usage: r.usage } : {}),
          how: `returned as page props by ${fn} (serialised into the page's __NEXT_DATA__)`,
          loc: ctx.location(n.getStart(sf), n.getEnd()),
        });
      return false;
    }
    // return { token: env.X } from a SvelteKit server load: sent to the browser as page data.
    if (svelteServerLoad && fn === "load" && isReturnedObjectProperty(ts, n)) {
      const r = credentialReadIn(ts, value, secretReads, consts);
      if (r)
        ctx.fact({
          t: "handoff",
          name: r.name,
          ...(r.usage ? { usage: r.usage } : {}),
          how: "returned by a SvelteKit server load (serialised into the page data)",
          loc: ctx.location(n.getStart(sf), n.getEnd()),
        });
    }
    return;
  });
}

function enclosingNamedFunction(ts: typeof import("typescript"), node: ts.Node): string | undefined {
  let name: string | undefined;
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) {
    if (ts.isFunctionDeclaration(n) && n.name) name = n.name.text;
    else if (
      (ts.isArrowFunction(n) || ts.isFunctionExpression(n)) &&
      ts.isVariableDeclaration(n.parent) &&
      ts.isIdentifier(n.parent.name)
    )
      name = n.parent.name.text;
  }
  return name;
}

function isReturnedObjectProperty(ts: typeof import("typescript"), prop: ts.Node): boolean {
  const obj = prop.parent;
  if (!obj || !ts.isObjectLiteralExpression(obj)) return false;
  let p: ts.Node | undefined = obj.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isSatisfiesExpression(p))) p = p.parent;
  return Boolean(p && (ts.isReturnStatement(p) || ts.isArrowFunction(p)));
}

export default defineDetector<Fact>({
  id: "credential-in-client-code",
  rule: "upstash/write-token-in-frontend",
  checks: {
    "credential-in-client-code":
      "A write credential (literal, or a server-only env read a bundler exposes) in code that ships to clients",
  },
  ...RULE_1_GATE,
  patterns: [...CREDENTIAL_SHAPES, REDIS_URL_SHAPE],
  fileKinds: ["script", "sfc", "html", "json", "text"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const literals = findCredentials(ctx.text);
    for (const c of literals) ctx.secret(c.value);
    const parsed = Boolean(ctx.sourceFile && ctx.ts);
    const regions = parsed ? serverRegions(ctx) : [];
    const astro = ctx.path.endsWith(".astro");
    if (literals.some((c) => c.access === "write")) {
      const strings = parsed ? stringRanges(ctx.ts!, ctx.sourceFile!) : undefined;
      for (const c of literals) {
        if (c.access !== "write") continue;
        // In a parsed file a credential outside every string is in a comment: a documentation example.
        if (strings && !strings.some(([s, e]) => c.start >= s && c.end <= e)) continue;
        const server = regionAt(regions, c.start)?.why;
        ctx.fact({
          t: "literal",
          kind: c.kind,
          shown: redact(c.value),
          loc: ctx.location(c.start, c.end),
          ref: credentialRef(c, ctx.text, c.start, c.end),
          ...(server ? { server } : {}),
          ...(astro && !server ? { astroScript: true } : {}),
        });
      }
    }
    if (!parsed) return;
    const config = readBundlerConfig(ctx);
    if (config) ctx.fact({ t: "config", config });
    const reads = credentialEnvReads(ctx);
    for (const r of reads) {
      const server = regionAt(regions, r.start)?.why;
      ctx.fact({
        t: "env",
        name: r.name,
        expression: r.expression,
        via: r.via,
        ...(r.usage ? { usage: r.usage } : {}),
        loc: ctx.location(r.start, r.end),
        ...(server ? { server } : {}),
        ...(astro && !server ? { astroScript: true } : {}),
      });
    }
    handoffs(ctx, reads);
  },
  analyzeProject(ctx) {
    const { project } = ctx;
    const settings = new BundleSettings(
      project,
      ctx.facts.flatMap(({ fact }) => (fact.t === "config" ? [fact.config] : [])),
    );
    const reachOf = (file: string, astroScript?: boolean): ClientReach | undefined =>
      confirmedReach(project, file) ??
      (astroScript ? { entry: file, why: "Astro <script> block", chain: [file] } : undefined);

    for (const { file, fact } of ctx.facts) {
      if (fact.t === "literal") {
        const r = reachOf(file, fact.astroScript);
        if (!r || fact.server) continue;
        ctx.report({
          check: "credential-in-client-code",
          location: fact.loc,
          confidence: "high",
          related: reachLocations(project, r),
          credentials: [fact.ref],
          message: `${capitalise(withArticle(CREDENTIAL_LABEL[fact.kind]))} (${fact.shown}${fact.kind === "redis-rest-token" ? ", decoded: a standard (write) token" : fact.kind === "vector-token" ? ", decoded: role admin" : ""}) is written into client code, and ${whereShipped(r)}: ${harmOf(fact.kind)}. ${fixLiteral(fact.kind)}`,
        });
      } else if (fact.t === "env") {
        const verdict = settings.classifyRead(file, fact);
        if (verdict?.check !== "credential-in-client-code" || fact.server) continue;
        const r = reachOf(file, fact.astroScript);
        if (!r) continue;
        const cred = credentialOfRead(fact)!;
        const e = verdict.exposure;
        ctx.report({
          check: "credential-in-client-code",
          location: fact.loc,
          confidence: e.implicit ? "medium" : "high",
          related: [
            ...reachLocations(project, r),
            { ...e.loc, message: `${e.how} inlines ${e.name === "*" ? "the environment" : e.name}` },
          ],
          message: `Client code reads ${fact.expression}, ${withArticle(cred.label)}, and ${e.how} (${e.loc.file}) inlines it at build time; ${whereShipped(r)}: ${harmOf(cred.kind)}. ${FIX_ENV}`,
        });
      } else if (fact.t === "handoff") {
        if (fact.module) {
          // In client code the read itself is the question (reported when a bundler exposes it).
          if (confirmedReach(project, file)) continue;
          const target = project.resolve(file, fact.module);
          const summary = target ? project.files.get(target) : undefined;
          if (!summary?.directives?.includes("use client")) continue;
        }
        const cred = credentialOfRead(fact)!;
        ctx.report({
          check: "credential-in-client-code",
          location: fact.loc,
          confidence: "high",
          message: `The server reads ${fact.name}, ${withArticle(cred.label)}, and hands it to the browser: it is ${fact.how}${fact.module ? ` (a "use client" component)` : ""}: ${harmOf(cred.kind).replace("read it", "read it in the page source")}. ${FIX_ENV}`,
        });
      }
    }
  },
});
