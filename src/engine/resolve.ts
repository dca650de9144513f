/**
 * Module resolution good enough for "which file does this import name?": relative paths, tsconfig
 * `paths`/`baseUrl` aliases (`@/lib/redis`), SvelteKit `$lib`, Nuxt `~`/`@`, workspace packages, and
 * the extension and index-file probing of bundlers (including `.js` specifiers that name `.ts` files).
 */
import * as path from "node:path";

export interface TsconfigPaths {
  /** Directory of the tsconfig, relative to the source root ("" for the root). */
  dir: string;
  /** baseUrl relative to the source root, when set. */
  baseUrl?: string;
  /** Pattern → targets, targets already relative to the source root. */
  paths: Array<{ prefix: string; suffix: string; wildcard: boolean; targets: string[] }>;
}

export interface WorkspacePackage {
  name: string;
  dir: string;
  /** Entry file named by package.json (main/module/types/exports "."), relative to `dir`. */
  entries: string[];
}

const PROBE_EXT = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".vue", ".svelte", ".astro"];
const JS_TO_TS: Record<string, string[]> = {
  ".js": [".ts", ".tsx"],
  ".jsx": [".tsx"],
  ".mjs": [".mts"],
  ".cjs": [".cts"],
};

export class Resolver {
  private readonly tsconfigs: TsconfigPaths[];
  private readonly packages = new Map<string, WorkspacePackage>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    private readonly files: ReadonlySet<string>,
    tsconfigs: TsconfigPaths[],
    packages: WorkspacePackage[],
  ) {
    // Deepest first: the nearest tsconfig governs a file.
    this.tsconfigs = [...tsconfigs].sort((a, b) => b.dir.length - a.dir.length);
    for (const p of packages) this.packages.set(p.name, p);
  }

  /** The file (relative to the source root) that `specifier` names from `from`, if it is in the tree. */
  resolve(from: string, specifier: string): string | undefined {
    const dir = path.posix.dirname(from);
    const key = `${dir}\0${specifier}`;
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = this.resolveUncached(dir, from, specifier) ?? null;
      this.cache.set(key, hit);
    }
    return hit ?? undefined;
  }

  private resolveUncached(dir: string, from: string, specifier: string): string | undefined {
    const spec = specifier.split("?")[0]!;
    if (spec.startsWith("./") || spec.startsWith("../") || spec === "." || spec === "..") {
      return this.probe(path.posix.join(dir, spec));
    }
    if (spec.startsWith("/")) return undefined;
    const config = this.tsconfigs.find((t) => t.dir === "" || from.startsWith(t.dir + "/"));
    if (config) {
      for (const p of config.paths) {
        let rest: string | undefined;
        if (p.wildcard) {
          if (
            spec.startsWith(p.prefix) &&
            spec.endsWith(p.suffix) &&
            spec.length >= p.prefix.length + p.suffix.length
          ) {
            rest = spec.slice(p.prefix.length, spec.length - p.suffix.length);
          }
        } else if (spec === p.prefix) rest = "";
        if (rest === undefined) continue;
        for (const target of p.targets) {
          const hit = this.probe(p.wildcard ? target.replace("*", rest) : target);
          if (hit) return hit;
        }
      }
      if (config.baseUrl !== undefined) {
        const hit = this.probe(path.posix.join(config.baseUrl, spec));
        if (hit) return hit;
      }
    }
    // Framework aliases that need no tsconfig entry.
    const appRoot = this.appRootOf(from);
    if (spec.startsWith("$lib/") || spec === "$lib")
      return this.probe(path.posix.join(appRoot, "src/lib", spec.slice(4)));
    if (spec.startsWith("~/") || spec.startsWith("@/")) {
      return (
        this.probe(path.posix.join(appRoot, spec.slice(2))) ??
        this.probe(path.posix.join(appRoot, "src", spec.slice(2)))
      );
    }
    return this.resolvePackage(spec);
  }

  private resolvePackage(spec: string): string | undefined {
    const parts = spec.split("/");
    const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
    const pkg = this.packages.get(name);
    if (!pkg) return undefined;
    const sub = spec.slice(name.length + 1);
    if (sub) return this.probe(path.posix.join(pkg.dir, sub)) ?? this.probe(path.posix.join(pkg.dir, "src", sub));
    for (const entry of [...pkg.entries, "src/index", "index"]) {
      const hit = this.probe(path.posix.join(pkg.dir, entry));
      if (hit) return hit;
    }
    return undefined;
  }

  /** The nearest directory with a workspace package.json above `from` ("" for the root). */
  private appRootOf(from: string): string {
    let best = "";
    for (const p of this.packages.values()) {
      if (p.dir && from.startsWith(p.dir + "/") && p.dir.length > best.length) best = p.dir;
    }
    return best;
  }

  private probe(candidate: string): string | undefined {
    const p = path.posix.normalize(candidate).replace(/^\.\//, "").replace(/\/$/, "");
    if (p.startsWith("../")) return undefined;
    if (this.files.has(p)) return p;
    const ext = path.posix.extname(p);
    for (const alt of JS_TO_TS[ext] ?? []) {
      const swapped = p.slice(0, -ext.length) + alt;
      if (this.files.has(swapped)) return swapped;
    }
    for (const e of PROBE_EXT) if (this.files.has(p + e)) return p + e;
    for (const e of PROBE_EXT) if (this.files.has(`${p}/index${e}`)) return `${p}/index${e}`;
    return undefined;
  }
}
