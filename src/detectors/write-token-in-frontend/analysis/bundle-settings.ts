/**
 * The project-phase view of build configurations: which prefixes and names each package's bundler
 * exposes to client code, and the one decision every check of this rule shares — is a credential read
 * client-visible because of its *name* (a public prefix: public-env-credential) or because a bundler
 * setting inlines a server-only name (credential-in-client-code)?
 */
import type { ProjectFacts } from "../../../engine/project";
import { clientPrefixOf, credentialOfEnvName, frameworkOfPrefix } from "../../../secrets/env-names";
import type { BundlerConfig, Exposure, PrefixSetting } from "./bundler-config";
import { credentialOfRead, type CredentialRead } from "./env-uses";
import { packagePath } from "./file-roles";

/** Prefixes that only Vite-style `import.meta.env` inlines; `process.env.VITE_X` stays undefined in the browser. */
const IMPORT_META_PREFIXES = new Set(["VITE_", "WXT_", "PUBLIC_"]);
/** Prefixes inlined into `process.env.X` reads of client code. */
const PROCESS_ENV_PREFIXES = new Set([
  "NEXT_PUBLIC_",
  "REACT_APP_",
  "EXPO_PUBLIC_",
  "GATSBY_",
  "VUE_APP_",
  "PLASMO_PUBLIC_",
]);

export type ReadVerdict =
  | { check: "public-env-credential"; prefix: string; exposedBy: string }
  | { check: "credential-in-client-code"; exposure: Exposure }
  | undefined;

export class BundleSettings {
  private readonly byScope = new Map<string, BundlerConfig[]>();

  constructor(
    private readonly project: ProjectFacts,
    configs: readonly BundlerConfig[],
  ) {
    for (const c of configs) {
      const scope = packagePath(project, c.file).dir;
      let list = this.byScope.get(scope);
      if (!list) this.byScope.set(scope, (list = []));
      list.push(c);
    }
  }

  /** Configurations governing a file: those of its package. */
  configsOf(file: string): readonly BundlerConfig[] {
    return this.byScope.get(packagePath(this.project, file).dir) ?? [];
  }

  /** Custom client prefixes (Vite envPrefix, SvelteKit publicPrefix) of the file's package. */
  customPrefixes(file: string): PrefixSetting[] {
    return this.configsOf(file).flatMap((c) => c.prefixes);
  }

  /** The setting that makes `<via>.<name>` a build-time constant in the file's package, if any. */
  exposure(file: string, name: string, via: Exposure["via"]): Exposure | undefined {
    const all = this.configsOf(file).flatMap((c) => c.exposures);
    return all.find((e) => e.via === via && e.name === name) ?? all.find((e) => e.via === via && e.name === "*");
  }

  /**
   * The client prefix a variable name carries, and what makes it public: a framework's built-in
   * prefix or a configured one. `via` narrows it to how code reads it (undefined for env files).
   */
  publicPrefix(
    file: string,
    name: string,
    via?: CredentialRead["via"],
  ): { prefix: string; exposedBy: string } | undefined {
    for (const p of this.customPrefixes(file)) {
      if (!name.startsWith(p.prefix)) continue;
      if (
        via === undefined ||
        (p.via === "import.meta.env" && via === "import.meta.env") ||
        (p.via === "$env" && via.startsWith("$env/") && via.endsWith("/public"))
      ) {
        return { prefix: p.prefix, exposedBy: `${p.how} "${p.prefix}" in ${p.loc.file}` };
      }
    }
    const prefix = clientPrefixOf(name);
    if (!prefix) return undefined;
    const exposedBy = `the ${frameworkOfPrefix(prefix) ?? "framework"} prefix ${prefix}`;
    if (via === undefined || via === "import.meta.env") return { prefix, exposedBy };
    if (via === "process.env") {
      if (PROCESS_ENV_PREFIXES.has(prefix)) return { prefix, exposedBy };
      // Vite leaves process.env alone unless a define hands it over.
      const e = IMPORT_META_PREFIXES.has(prefix) ? this.exposure(file, name, "process.env") : undefined;
      return e && !e.implicit ? { prefix, exposedBy: `${e.how} in ${e.loc.file}` } : undefined;
    }
    return undefined;
  }

  /** Whether a credential read in `file` is client-visible, and which check owns it. */
  classifyRead(file: string, read: Pick<CredentialRead, "name" | "via" | "usage">): ReadVerdict {
    const cred = credentialOfRead(read);
    if (!cred || cred.access !== "write") return undefined;
    if (read.via === "$env/static/public" || read.via === "$env/dynamic/public")
      return { check: "public-env-credential", prefix: "", exposedBy: `SvelteKit's ${read.via}` };
    if (read.via === "nuxt-runtime-public")
      return { check: "public-env-credential", prefix: "NUXT_PUBLIC_", exposedBy: "Nuxt runtimeConfig.public" };
    if (read.via === "astro:env/client")
      return { check: "public-env-credential", prefix: "", exposedBy: "Astro's astro:env/client" };
    if (read.via !== "process.env" && read.via !== "import.meta.env") return undefined;
    const pub = this.publicPrefix(file, read.name, read.via);
    if (pub) return { check: "public-env-credential", ...pub };
    if (clientPrefixOf(read.name)) return undefined;
    const e = this.exposure(file, read.name, read.via);
    return e ? { check: "credential-in-client-code", exposure: e } : undefined;
  }
}

/** Whether the project uses Upstash at all (dependencies, env files): gate for whole-env findings. */
export function usesUpstash(project: ProjectFacts): boolean {
  for (const p of project.packages)
    for (const d of p.dependencies) if (d.startsWith("@upstash/") || d === "@vercel/kv") return true;
  return project.envFiles.some((f) => f.entries.some((e) => credentialOfEnvName(e.name)));
}
