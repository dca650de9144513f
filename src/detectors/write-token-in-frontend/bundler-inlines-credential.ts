/**
 * A build setting that inlines a write credential into client bundles: next.config `env` /
 * `publicRuntimeConfig` entries, Vite `define` of a credential or of the whole environment
 * (`process.env`, `loadEnv(mode, dir, "")`), an `envPrefix` (or SvelteKit `publicPrefix`) that
 * exposes UPSTASH_/QSTASH_/KV_ names or is empty, webpack `DefinePlugin` / `EnvironmentPlugin` naming
 * a credential, Expo `extra` carrying one. Whole-environment exposures are reported only in projects
 * that use Upstash (this scanner's scope).
 */
import { CREDENTIAL_SHAPES } from "../../secrets/credentials";
import { CANONICAL_CREDENTIAL_NAMES } from "../../secrets/env-names";
import { harmOf, withArticle } from "./analysis/messages";
import { defineDetector } from "../types";
import { RULE_1_GATE, readBundlerConfig, type BundlerConfig } from "./analysis/bundler-config";
import { usesUpstash } from "./analysis/bundle-settings";

const FIX =
  "Inline only non-secret values; keep write tokens in server-only variables read by route handlers, server actions or edge functions, and give client code a read-only token.";

export default defineDetector<BundlerConfig>({
  id: "bundler-inlines-credential",
  rule: "upstash/write-token-in-frontend",
  checks: {
    "bundler-inlines-credential":
      "A bundler setting (next.config env, Vite define/envPrefix, webpack DefinePlugin/EnvironmentPlugin) inlines a write credential into client bundles",
  },
  ...RULE_1_GATE,
  patterns: CREDENTIAL_SHAPES,
  fileKinds: ["script"],
  needs: { ast: true },
  analyzeFile(ctx) {
    const config = readBundlerConfig(ctx);
    if (config) ctx.fact(config);
  },
  analyzeProject(ctx) {
    const upstash = usesUpstash(ctx.project);
    for (const { fact: config } of ctx.facts) {
      for (const e of config.exposures) {
        const c = e.credential;
        if (!c || (c.wholeEnv && !upstash)) continue;
        const what = c.wholeEnv
          ? `${e.how} hands ${c.why} to client code, Upstash write tokens included`
          : `${e.how} inlines ${e.key ?? (e.name === "*" ? "a value" : e.name)}${c.why === `names ${e.name}` || c.why === `reads ${e.name}` ? "" : ` (${c.why})`}, ${withArticle(c.label)}, into client bundles`;
        ctx.report({
          check: "bundler-inlines-credential",
          location: e.loc,
          confidence: "high",
          message: `${what}: ${c.wholeEnv ? "anyone can read them in the shipped JavaScript and modify or delete your data" : harmOf(c.kind).replace("read it", "read it in the shipped JavaScript")}. ${FIX}`,
        });
      }
      for (const p of config.prefixes) {
        const exposed = CANONICAL_CREDENTIAL_NAMES.filter((n) => n.startsWith(p.prefix));
        if (exposed.length === 0) continue;
        if (p.prefix === "" && !upstash) continue;
        ctx.report({
          check: "bundler-inlines-credential",
          location: p.loc,
          confidence: "high",
          message: `${p.how} ${p.prefix === "" ? "is empty, which exposes every environment variable" : `"${p.prefix}" exposes ${exposed.join(", ")}`} to client code: the write tokens are inlined into the bundle. Keep the framework's public prefix and give client code a separately named read-only token.`,
        });
      }
    }
  },
});
