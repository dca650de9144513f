/**
 * An Upstash write credential named with a client-exposed prefix (NEXT_PUBLIC_, VITE_ or a custom
 * Vite envPrefix, REACT_APP_, EXPO_PUBLIC_, SvelteKit $env/…/public, Astro PUBLIC_, Nuxt
 * NUXT_PUBLIC_ / runtimeConfig.public, GATSBY_, VUE_APP_): the framework inlines it into JavaScript
 * that every visitor downloads. Reported where it is defined (env files, templates included: they
 * state the intended setup; Dockerfile ARG/ENV and CI/compose YAML that feed the build; Nuxt
 * runtimeConfig.public) and where code reads it, unless that code
 * never reaches a client. A value that decodes to a read-only token is the documented good practice.
 */
import type { Access, CredentialKind } from "../../secrets/credentials";
import { CREDENTIAL_LABEL, CREDENTIAL_SHAPES, findCredentials } from "../../secrets/credentials";
import { credentialOfEnvName, type EnvCredential } from "../../secrets/env-names";
import { parseEnvFile } from "../../engine/env-file";
import type { Location } from "../../engine/types";
import { defineDetector } from "../types";
import { RULE_1_GATE, readBundlerConfig, type BundlerConfig } from "./analysis/bundler-config";
import { BundleSettings } from "./analysis/bundle-settings";
import { confirmedReach, reachLocations, serverOnlyFile, whereShipped } from "./analysis/client-bundle";
import { definitionsIn } from "./analysis/env-definitions";
import { credentialEnvReads, credentialOfRead, type CredentialRead } from "./analysis/env-uses";
import { harmOf, publicNameFix, withArticle } from "./analysis/messages";
import { regionAt, serverRegions } from "./analysis/server-regions";

type Fact =
  | { t: "def"; name: string; loc: Location; value?: { kind: CredentialKind; access: Access }; template: boolean }
  | {
      t: "use";
      name: string;
      expression: string;
      via: CredentialRead["via"];
      usage?: EnvCredential;
      loc: Location;
      server?: string;
      astroScript?: boolean;
    }
  | { t: "config"; config: BundlerConfig };

export default defineDetector<Fact>({
  id: "public-env-credential",
  rule: "upstash/write-token-in-frontend",
  checks: {
    "public-env-credential": "An Upstash write credential named with a client-exposed prefix",
  },
  ...RULE_1_GATE,
  patterns: CREDENTIAL_SHAPES,
  fileKinds: ["env", "script", "sfc", "dockerfile", "yaml"],
  needs: { ast: true },
  analyzeFile(ctx) {
    if (ctx.kind === "env") {
      const base = ctx.path.slice(ctx.path.lastIndexOf("/") + 1);
      const template = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./i.test(base);
      for (const entry of parseEnvFile(ctx.text)) {
        const creds = findCredentials(entry.value);
        for (const c of creds) ctx.secret(c.value);
        const byName = credentialOfEnvName(entry.name);
        const found = creds[0];
        // Secret-looking names are kept too: code may hand them to an Upstash SDK (see analyzeProject).
        if (!byName && !found && !/TOKEN|KEY|SECRET|PASSWORD/i.test(entry.name)) continue;
        ctx.fact({
          t: "def",
          name: entry.name,
          loc: ctx.location(entry.nameStart, entry.nameStart + entry.name.length),
          template,
          ...(found ? { value: { kind: found.kind, access: found.access } } : {}),
        });
      }
      return;
    }
    if (ctx.kind === "dockerfile" || ctx.kind === "yaml") {
      for (const d of definitionsIn(ctx.text, ctx.kind)) {
        const creds = findCredentials(d.value);
        for (const c of creds) ctx.secret(c.value);
        if (!credentialOfEnvName(d.name) && !creds[0] && !/TOKEN|KEY|SECRET|PASSWORD/.test(d.name)) continue;
        const found = creds[0];
        ctx.fact({
          t: "def",
          name: d.name,
          loc: ctx.location(d.start, d.start + d.name.length),
          template: false,
          ...(found ? { value: { kind: found.kind, access: found.access } } : {}),
        });
      }
      return;
    }
    if (!ctx.sourceFile || !ctx.ts) return;
    const config = readBundlerConfig(ctx);
    if (config) ctx.fact({ t: "config", config });
    const reads = credentialEnvReads(ctx);
    if (reads.length === 0) return;
    const regions = serverRegions(ctx);
    for (const r of reads) {
      const server = regionAt(regions, r.start)?.why;
      const astroScript = ctx.path.endsWith(".astro") && !server;
      ctx.fact({
        t: "use",
        name: r.name,
        expression: r.expression,
        via: r.via,
        ...(r.usage ? { usage: r.usage } : {}),
        loc: ctx.location(r.start, r.end),
        ...(server ? { server } : {}),
        ...(astroScript ? { astroScript } : {}),
      });
    }
  },
  analyzeProject(ctx) {
    const { project } = ctx;
    const settings = new BundleSettings(
      project,
      ctx.facts.flatMap(({ fact }) => (fact.t === "config" ? [fact.config] : [])),
    );

    // A name whose every definition holds a read-only token is read-only, whatever it is called.
    const valueAccess = new Map<string, Set<Access>>();
    for (const { fact } of ctx.facts) {
      if (fact.t !== "def") continue;
      let set = valueAccess.get(fact.name);
      if (!set) valueAccess.set(fact.name, (set = new Set()));
      set.add(fact.value?.access ?? "write");
    }
    const readOnlyByValue = (name: string) => {
      const set = valueAccess.get(name);
      return Boolean(set && set.size === 1 && set.has("read-only"));
    };

    // Names the code hands to an Upstash SDK as a credential, whatever they are called.
    const usageOf = new Map<string, EnvCredential>();
    for (const { fact } of ctx.facts) if (fact.t === "use" && fact.usage) usageOf.set(fact.name, fact.usage);

    for (const { file, fact } of ctx.facts) {
      if (fact.t === "def") {
        const pub = settings.publicPrefix(file, fact.name);
        if (!pub) continue;
        const byName = credentialOfEnvName(fact.name) ?? usageOf.get(fact.name);
        if (fact.value?.access === "read-only") continue;
        let label: string;
        let decoded = "";
        if (fact.value) {
          label = CREDENTIAL_LABEL[fact.value.kind];
          decoded = " Its value decodes to a write credential.";
        } else if (byName && byName.access === "write") label = byName.label;
        else continue;
        const kind = fact.value?.kind ?? byName?.kind;
        ctx.report({
          check: "public-env-credential",
          location: fact.loc,
          confidence: "high",
          message: `${fact.name} defines ${withArticle(label)} with ${pub.exposedBy}: the bundler inlines it into client code, where ${harmOf(kind)}.${decoded}${fact.template ? " This template tells everyone who sets up the project to do so." : ""} ${publicNameFix(kind)}`,
        });
      } else if (fact.t === "use") {
        const verdict = settings.classifyRead(file, fact);
        if (verdict?.check !== "public-env-credential" || fact.server || readOnlyByValue(fact.name)) continue;
        const cred = credentialOfRead(fact)!;
        const r =
          confirmedReach(project, file) ??
          (fact.astroScript ? { entry: file, why: "Astro <script> block", chain: [file] } : undefined);
        if (r) {
          ctx.report({
            check: "public-env-credential",
            location: fact.loc,
            confidence: "high",
            related: reachLocations(project, r),
            message: `Code reads ${fact.expression}, ${withArticle(cred.label)} exposed by ${verdict.exposedBy}, and ${whereShipped(r)}: ${harmOf(cred.kind)}. ${publicNameFix(cred.kind)}`,
          });
          continue;
        }
        if (serverOnlyFile(project, file)) continue;
        ctx.report({
          check: "public-env-credential",
          location: fact.loc,
          confidence: "medium",
          message: `Code reads ${fact.expression}, ${withArticle(cred.label)} exposed by ${verdict.exposedBy}: wherever client code reads it, the bundler inlines the value, and ${harmOf(cred.kind)}. ${publicNameFix(cred.kind)}`,
        });
      }
    }

    // Nuxt runtimeConfig.public keys (sent to every browser with the page payload) and Astro client env fields.
    for (const { fact } of ctx.facts) {
      if (fact.t !== "config") continue;
      for (const k of fact.config.nuxtPublic) {
        if (!k.credential || readOnlyByValue(k.envName)) continue;
        if (k.astro) {
          ctx.report({
            check: "public-env-credential",
            location: k.loc,
            confidence: "high",
            message: `The Astro env schema declares ${k.key}, ${withArticle(k.credential.label)}, with context "client": astro:env/client bundles it into client code, where ${harmOf(k.credential.kind)}. Declare it with context "server" and access "secret". ${publicNameFix(k.credential.kind)}`,
          });
          continue;
        }
        ctx.report({
          check: "public-env-credential",
          location: k.loc,
          confidence: "high",
          message: `runtimeConfig.public.${k.key} (${k.credential.why}) puts ${withArticle(k.credential.label)} into Nuxt's public runtime config, which is serialised into every page. Move it to the private runtimeConfig and read it only in server/ routes. ${publicNameFix(k.credential.kind)}`,
        });
      }
    }
  },
});
