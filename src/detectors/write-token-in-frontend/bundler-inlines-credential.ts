/**
 * A build setting that inlines a write credential into client bundles: next.config `env` /
 * `publicRuntimeConfig` entries, Vite `define` of a credential or of the whole environment
 * (`process.env`, `loadEnv(mode, dir, "")`), an `envPrefix` (or SvelteKit `publicPrefix`) that
 * exposes UPSTASH_/QSTASH_/KV_ names or is empty, webpack `DefinePlugin` / `EnvironmentPlugin` naming
 * a credential, Expo `extra` carrying one. Whole-environment exposures are reported only in projects
 * that use Upstash (this scanner's scope).
 *
 * A variable is a credential by its name (the SDKs' own names) or by what the project does with it:
 * code hands it to an Upstash SDK as its credential (`const token = process.env.UPSTASH_TOKEN;
 * new Redis({ url, token })`), or an env file gives it a value that decodes to a write token. Apps
 * name their variables as they like; what flows into `token` is a token whatever it is called.
 */
import { CREDENTIAL_LABEL, CREDENTIAL_SHAPES, findCredentials, type CredentialKind } from "../../secrets/credentials";
import { CANONICAL_CREDENTIAL_NAMES } from "../../secrets/env-names";
import { parseEnvFile } from "../../engine/env-file";
import { harmOf, withArticle } from "./analysis/messages";
import { defineDetector } from "../types";
import { RULE_1_GATE, readBundlerConfig, type BundlerConfig, type Exposure } from "./analysis/bundler-config";
import { usesUpstash } from "./analysis/bundle-settings";
import { credentialEnvReads } from "./analysis/env-uses";

const FIX =
  "Inline only non-secret values; keep write tokens in server-only variables read by route handlers, server actions or edge functions, and give client code a read-only token.";

/** Evidence that the project uses a variable as a write credential, whatever its name. */
interface CredentialUse {
  name: string;
  kind: CredentialKind;
  label: string;
  /** "the code passes it to the Upstash SDK as its credential at lib/redis.ts:4". */
  evidence: string;
}

type Fact = { t: "config"; config: BundlerConfig } | ({ t: "use" } & CredentialUse);

export default defineDetector<Fact>({
  id: "bundler-inlines-credential",
  rule: "upstash/write-token-in-frontend",
  checks: {
    "bundler-inlines-credential":
      "A bundler setting (next.config env, Vite define/envPrefix, webpack DefinePlugin/EnvironmentPlugin) inlines a write credential into client bundles",
  },
  ...RULE_1_GATE,
  patterns: CREDENTIAL_SHAPES,
  // Env files only for their values: a variable whose value is a write token is one, whatever its name.
  fileKinds: ["script", "env"],
  needs: { ast: true },
  analyzeFile(ctx) {
    if (ctx.kind === "env") {
      for (const entry of parseEnvFile(ctx.text)) {
        const creds = findCredentials(entry.value);
        for (const c of creds) ctx.secret(c.value);
        const write = creds.find((c) => c.access === "write");
        if (!write) continue;
        const label = CREDENTIAL_LABEL[write.kind];
        ctx.fact({
          t: "use",
          name: entry.name,
          kind: write.kind,
          label,
          evidence: `${ctx.path} sets it to ${withArticle(label)}`,
        });
      }
      return;
    }
    const config = readBundlerConfig(ctx);
    if (config) ctx.fact({ t: "config", config });
    for (const r of credentialEnvReads(ctx)) {
      if (!r.usage) continue;
      const line = ctx.location(r.start, r.end).range.startLine;
      ctx.fact({
        t: "use",
        name: r.name,
        kind: r.usage.kind,
        label: CREDENTIAL_LABEL[r.usage.kind],
        evidence: `the code passes it to the Upstash SDK as its credential at ${ctx.path}:${line}`,
      });
    }
  },
  analyzeProject(ctx) {
    const upstash = usesUpstash(ctx.project);
    const uses = new Map<string, CredentialUse>();
    for (const { fact } of ctx.facts) if (fact.t === "use" && !uses.has(fact.name)) uses.set(fact.name, fact);
    for (const { fact } of ctx.facts) {
      if (fact.t !== "config") continue;
      for (const e of fact.config.exposures) {
        const c = e.credential ?? usedAsCredential(e, uses);
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
      for (const p of fact.config.prefixes) {
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

/** The credential an exposure inlines although no name says so: a variable the project uses as one. */
function usedAsCredential(e: Exposure, uses: ReadonlyMap<string, CredentialUse>): Exposure["credential"] {
  const names = [...(e.via !== "global" && e.name !== "*" ? [e.name] : []), ...(e.reads ?? [])];
  for (const name of names) {
    const use = uses.get(name);
    if (use)
      return {
        label: use.label,
        why: name === e.name ? use.evidence : `reads ${name}; ${use.evidence}`,
        kind: use.kind,
      };
  }
  return undefined;
}
