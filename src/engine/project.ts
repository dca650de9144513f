/**
 * Project facts computed once per scan and shared by every detector: packages and the frameworks
 * they use, tsconfig path aliases, env files and their keys, the import graph and module resolution.
 */
import * as path from "node:path";
import ignore, { type Ignore } from "ignore";
import { trackedFiles } from "../git/work-tree";
import { ImportGraph } from "./graph";
import type { ImportRef } from "./module-scan";
import { parseJsonc } from "./jsonc";
import { Resolver, type TsconfigPaths, type WorkspacePackage } from "./resolve";
import type { EnvEntry } from "./env-file";
import type { FileKind } from "./file-kinds";
import { TestCode } from "./test-code";
import { followExport, type ExportResolution, type ExportTables } from "./exports";

export type Framework =
  | "nextjs"
  | "vite"
  | "cra"
  | "sveltekit"
  | "nuxt"
  | "vue-cli"
  | "astro"
  | "gatsby"
  | "remix"
  | "expo"
  | "react-native"
  | "express"
  | "hono"
  | "fastify"
  | "cloudflare-workers";

const FRAMEWORK_DEPS: Array<[string, Framework]> = [
  ["next", "nextjs"],
  ["vite", "vite"],
  ["react-scripts", "cra"],
  ["@sveltejs/kit", "sveltekit"],
  ["nuxt", "nuxt"],
  ["@vue/cli-service", "vue-cli"],
  ["astro", "astro"],
  ["gatsby", "gatsby"],
  ["@remix-run/react", "remix"],
  ["expo", "expo"],
  ["react-native", "react-native"],
  ["express", "express"],
  ["hono", "hono"],
  ["fastify", "fastify"],
  ["wrangler", "cloudflare-workers"],
];

export interface PackageInfo {
  /** Directory relative to the source root ("" for the root). */
  dir: string;
  name?: string;
  dependencies: Set<string>;
  /** The version range each dependency declares (`"^14.2.5"`), for rules whose risk depends on it. */
  versions: ReadonlyMap<string, string>;
  frameworks: Set<Framework>;
}

export interface EnvFileFacts {
  path: string;
  entries: Array<Pick<EnvEntry, "name" | "line" | "nameStart"> & { hasValue: boolean }>;
  gitIgnored: boolean;
  /** .env.example / .sample / .template / .dist: documents the intended setup, holds no real values. */
  template: boolean;
}

/** Names one value `ProjectFacts.memo` keeps for a scan: a module constant, one per cache. */
export class MemoKey<T> {
  declare private readonly held: T;
  constructor(readonly description: string) {}
}

/** What the engine keeps about every file, parsed or not. */
export interface FileSummary {
  path: string;
  kind: FileKind;
  gitIgnored: boolean;
  imports?: ImportRef[];
  directives?: string[];
  /** Detectors whose hint words occur in the file (see Detector.hints). */
  hints?: string[];
  /** Names the script declares as exports, re-exports aside; absent when unknown (see ModuleScan.exports). */
  exports?: string[];
}

export class ProjectFacts {
  readonly packages: PackageInfo[] = [];
  readonly envFiles: EnvFileFacts[] = [];
  readonly files = new Map<string, FileSummary>();
  readonly graph = new ImportGraph();
  private readonly tsconfigs: TsconfigPaths[] = [];
  private resolverInstance: Resolver | undefined;
  private tracked: Set<string> | null | undefined;

  private readonly declaredClient: Ignore | undefined;
  private readonly declaredServer: Ignore | undefined;

  constructor(
    /** Absolute path every relative path is relative to. */
    readonly srcRoot: string,
    /** Path patterns the configuration declares as shipping to clients, or never shipping. */
    roles: { client?: readonly string[]; server?: readonly string[] } = {},
    /** Test code, by the configuration. */
    readonly tests: TestCode = new TestCode([]),
  ) {
    this.declaredClient = roles.client?.length ? ignore().add([...roles.client]) : undefined;
    this.declaredServer = roles.server?.length ? ignore().add([...roles.server]) : undefined;
  }

  /** What the configuration says about where a file runs (paths.client / paths.server). */
  declaredRole(file: string): "client" | "server" | undefined {
    if (file.startsWith("../")) return undefined;
    if (this.declaredServer?.ignores(file)) return "server";
    if (this.declaredClient?.ignores(file)) return "client";
    return undefined;
  }

  addFile(summary: FileSummary): void {
    this.files.set(summary.path, summary);
  }

  /** Record a package.json; malformed ones are ignored (the caller reports them). */
  addPackageJson(file: string, text: string): void {
    const json = JSON.parse(text) as Record<string, unknown>;
    const deps = new Set<string>();
    const versions = new Map<string, string>();
    for (const key of ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]) {
      const block = json[key];
      if (!block || typeof block !== "object") continue;
      for (const [name, range] of Object.entries(block)) {
        deps.add(name);
        if (typeof range === "string" && !versions.has(name)) versions.set(name, range);
      }
    }
    const frameworks = new Set<Framework>();
    for (const [dep, fw] of FRAMEWORK_DEPS) if (deps.has(dep)) frameworks.add(fw);
    this.packages.push({
      dir: dirOf(file),
      name: typeof json.name === "string" ? json.name : undefined,
      dependencies: deps,
      versions,
      frameworks,
    });
    this.packageEntries.set(dirOf(file), packageEntries(json));
  }
  private readonly packageEntries = new Map<string, string[]>();

  /** Keep a tsconfig/jsconfig's text; aliases are computed in finish(), once every parent is known. */
  addTsconfig(file: string, text: string): void {
    this.tsconfigTexts.set(file, text);
  }
  private readonly tsconfigTexts = new Map<string, string>();

  private loadTsconfig(file: string, text: string): void {
    const dir = dirOf(file);
    const options = resolveTsconfigOptions(file, text, (rel) => this.tsconfigTexts.get(rel), 0);
    if (!options.paths && options.baseUrl === undefined) return;
    const base = options.baseUrl ?? dir;
    const entry: TsconfigPaths = { dir, paths: [] };
    if (options.baseUrl !== undefined) entry.baseUrl = options.baseUrl;
    for (const [pattern, targets] of Object.entries(options.paths ?? {})) {
      const star = pattern.indexOf("*");
      entry.paths.push({
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? "" : pattern.slice(star + 1),
        wildcard: star !== -1,
        targets: (Array.isArray(targets) ? targets : []).map((t) => path.posix.join(base, t)),
      });
    }
    this.tsconfigs.push(entry);
  }

  addEnvFile(facts: EnvFileFacts): void {
    this.envFiles.push(facts);
  }

  /**
   * Compute aliases and resolve the import graph once every file is known. Returns the config files
   * that could not be understood, for the caller to report.
   */
  finish(): Array<{ file: string; message: string }> {
    const problems: Array<{ file: string; message: string }> = [];
    for (const [file, text] of this.tsconfigTexts) {
      // Only the governing files matter; tsconfig.base.json and friends are read through extends.
      if (!/^(tsconfig|jsconfig)\.json$/.test(path.posix.basename(file))) continue;
      try {
        this.loadTsconfig(file, text);
      } catch (err) {
        problems.push({
          file,
          message: `tsconfig not understood, its path aliases are ignored: ${(err as Error).message}`,
        });
      }
    }
    const known = new Set(this.files.keys());
    const workspace: WorkspacePackage[] = this.packages
      .filter((p) => p.name)
      .map((p) => ({ name: p.name!, dir: p.dir, entries: this.packageEntries.get(p.dir) ?? [] }));
    this.resolverInstance = new Resolver(known, this.tsconfigs, workspace);
    for (const summary of this.files.values()) {
      for (const ref of summary.imports ?? []) {
        if (ref.typeOnly) continue;
        const to = this.resolverInstance.resolve(summary.path, ref.specifier);
        if (to)
          this.graph.addEdge(summary.path, {
            to,
            start: ref.start,
            dynamic: ref.dynamic,
            reexport: ref.reexport,
            names: ref.names,
          });
      }
    }
    return problems;
  }

  get resolver(): Resolver {
    if (!this.resolverInstance) throw new Error("project facts are not finished");
    return this.resolverInstance;
  }

  /**
   * Whether a module may export `name`, as far as its text tells (no tree needed): it declares it,
   * re-exports it or everything of another module, or its exports cannot be told. False only when
   * the lexer is sure; a module not read at all may export anything.
   */
  mayExport(file: string, name: string): boolean {
    const summary = this.files.get(file);
    if (!summary || summary.kind !== "script" || !summary.imports || !summary.exports) return true;
    if (summary.exports.includes(name)) return true;
    return summary.imports.some(
      (ref) => ref.reexport && (!ref.names || ref.names.includes("*") || ref.names.includes(name)),
    );
  }

  /** Resolve an import specifier written in `from` to a file of the tree. */
  resolve(from: string, specifier: string): string | undefined {
    return this.resolver.resolve(from, specifier);
  }

  /**
   * Where `name`, exported by `file`, is defined, following re-exports through the export tables of
   * the files a rule analysed. Answers are kept for the rest of the scan (per tables object). With
   * `lexical`, a file without a table whose text shows it does not export the name (see mayExport) is
   * left out of an "unknown" answer: parsing it could not find the name there.
   */
  resolveExport(
    tables: ExportTables,
    file: string,
    name: string,
    options: { lexical?: boolean } = {},
  ): ExportResolution | undefined {
    let cache = this.exportCache.get(tables);
    if (!cache) this.exportCache.set(tables, (cache = new Map()));
    const key = `${options.lexical ? 1 : 0}\0${file}\0${name}`;
    if (cache.has(key)) return cache.get(key) ?? undefined;
    const hit = followExport(
      tables,
      (from, spec) => this.resolve(from, spec),
      file,
      name,
      options.lexical ? (f, n) => this.mayExport(f, n) : undefined,
    );
    cache.set(key, hit ?? null);
    return hit;
  }
  private readonly exportCache = new WeakMap<ExportTables, Map<string, ExportResolution | null>>();

  /**
   * A value computed once per scan and shared by the detectors that ask with the same key (a detector
   * module's own constant): what a module-level cache would hold, gone when the scan ends.
   */
  memo<T>(key: MemoKey<T>, build: () => NoInfer<T>): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = build();
    this.memos.set(key, value);
    return value;
  }
  private readonly memos = new Map<MemoKey<unknown>, unknown>();

  /** The package (nearest package.json) a file belongs to. */
  packageOf(file: string): PackageInfo | undefined {
    let best: PackageInfo | undefined;
    for (const p of this.packages) {
      if ((p.dir === "" || file.startsWith(p.dir + "/")) && (!best || p.dir.length > best.dir.length)) best = p;
    }
    return best;
  }

  /** Frameworks of the file's own package plus those of the workspace root. */
  frameworksOf(file: string): Set<Framework> {
    const own = this.packageOf(file)?.frameworks ?? new Set<Framework>();
    const root = this.packages.find((p) => p.dir === "")?.frameworks;
    return root ? new Set([...own, ...root]) : own;
  }

  /** Every framework seen anywhere in the tree. */
  get frameworks(): Set<Framework> {
    return new Set(this.packages.flatMap((p) => [...p.frameworks]));
  }

  /**
   * Files tracked by git, relative to the source root, or undefined outside a git work tree.
   * Computed on first use: most scans never ask.
   */
  gitTrackedFiles(): Set<string> | undefined {
    if (this.tracked === undefined) {
      const git = trackedFiles(this.srcRoot);
      if (!git) this.tracked = null;
      else {
        const prefix = path.relative(git.top, this.srcRoot).split(path.sep).join("/");
        this.tracked = new Set(
          [...git.files]
            .map((f) => (prefix ? (f.startsWith(prefix + "/") ? f.slice(prefix.length + 1) : "") : f))
            .filter(Boolean),
        );
      }
    }
    return this.tracked ?? undefined;
  }
}

function dirOf(file: string): string {
  const d = path.posix.dirname(file);
  return d === "." ? "" : d;
}

function packageEntries(json: Record<string, unknown>): string[] {
  const entries: string[] = [];
  for (const key of ["source", "module", "main", "types"])
    if (typeof json[key] === "string") entries.push(json[key] as string);
  const exp = json.exports;
  const dot = exp && typeof exp === "object" ? ((exp as Record<string, unknown>)["."] ?? exp) : exp;
  const collect = (v: unknown): void => {
    if (typeof v === "string") entries.push(v);
    else if (v && typeof v === "object") for (const x of Object.values(v)) collect(x);
  };
  collect(dot);
  return entries.map((e) => e.replace(/^\.\//, "").replace(/\.(d\.ts|js|mjs|cjs)$/, ""));
}

interface TsOptions {
  baseUrl?: string;
  paths?: Record<string, string[]>;
}

/** baseUrl/paths of a tsconfig after following relative `extends`, with baseUrl made root-relative. */
function resolveTsconfigOptions(
  file: string,
  text: string,
  lookup: (rel: string) => string | undefined,
  depth: number,
): TsOptions {
  const json = parseJsonc(text) as {
    extends?: string | string[];
    compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
  };
  const dir = dirOf(file);
  let inherited: TsOptions = {};
  const parents = typeof json.extends === "string" ? [json.extends] : (json.extends ?? []);
  for (const parent of parents) {
    if (depth > 8 || !parent.startsWith(".")) continue;
    let rel = path.posix.join(dir, parent);
    if (!rel.endsWith(".json")) rel += ".json";
    const parentText = lookup(rel);
    if (parentText === undefined) continue;
    try {
      inherited = { ...inherited, ...stripUndefined(resolveTsconfigOptions(rel, parentText, lookup, depth + 1)) };
    } catch {
      // A broken parent is reported when it is read on its own.
    }
  }
  const own: TsOptions = {};
  const co = json.compilerOptions ?? {};
  if (typeof co.baseUrl === "string") own.baseUrl = path.posix.join(dir, co.baseUrl).replace(/^\.$/, "");
  if (co.paths && typeof co.paths === "object") {
    own.paths = co.paths;
    // paths without baseUrl are relative to the tsconfig that declares them.
    if (own.baseUrl === undefined && inherited.baseUrl === undefined) own.baseUrl = dir;
  }
  return { ...inherited, ...own };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
