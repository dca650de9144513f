/**
 * Facts the rule's detectors record per file, and their resolution across files in the project
 * phase: an imported name is followed through re-exports (`export { x } from`, `export *`, aliases)
 * to what its module exports, via `ctx.project.resolve` (relative paths, tsconfig aliases, workspaces).
 */
import type { ProjectFacts } from "../../../engine/project";
import { MAX_REEXPORT_DEPTH, type ExportTable } from "../../../engine/exports";
import type { Confidence, Location, Severity } from "../../../engine/types";
import type { ProjectContext } from "../../types";
import type { ExportValue } from "./model";
import { mayBeProjectSpecifier, RATELIMIT_MODULE, type ConfigSummary, type ImportRef, type KeySpace } from "./limiters";
import type { Shape } from "./usage";
import type { Guard } from "./guards";

export type Requirement =
  /** The import is a limiter (an instance, a map member, a factory's product). */
  | { kind: "limiter"; ref: ImportRef; pendingWork?: boolean }
  /** The file's package uses @upstash/ratelimit (for name-based guesses). */
  | { kind: "dependency" }
  /** The file runs on Cloudflare Workers (wrangler in the package). */
  | { kind: "workers" }
  /** The import is a guard: a function that throws when the limit is hit. */
  | { kind: "guard"; ref: ImportRef }
  /** Some file of the project imports this one (an exported helper nothing imports never runs). */
  | { kind: "imported" };

export type Candidate =
  | {
      kind: "finding";
      check: string;
      location: Location;
      message: string;
      confidence?: Confidence;
      severity?: Severity;
      related?: Location[];
      requires: Requirement[];
    }
  | {
      /** A fallback in an identifier (`ip ?? "127.0.0.1"`): reported when the host lets it apply. */
      kind: "fallback";
      check: "shared-bucket";
      location: Location;
      value: string;
      guard: Guard;
      /** The rate-limit call using the identifier. */
      site: Location;
      confidence: Confidence;
      requires: Requirement[];
    }
  | {
      /** `req.ip` on a Node server: the proxy's address when the app runs behind one without `trust proxy`. */
      kind: "proxy-ip";
      check: "shared-bucket";
      location: Location;
      site: Location;
      confidence: Confidence;
      requires: Requirement[];
    }
  | {
      /** A limit call's key space, compared in the project phase with the other limit calls'. */
      kind: "key-space";
      check: "shared-bucket";
      site: Location;
      /** The identifier as constant text and kinds of per-client value: `login:{ip}`. */
      signature: string;
      /** The limiter's key spaces when it is built in this file; otherwise `ref` says where. */
      spaces?: Array<KeySpace | undefined>;
      ref?: ImportRef;
      requires: Requirement[];
    }
  | {
      /** An identifier part produced by an imported function (`getIp(req)`). */
      kind: "origin";
      check: "shared-bucket" | "client-controlled-identifier";
      ref: ImportRef;
      site: Location;
      /** Other parts of the identifier are trusted, so a fallback alone does not collapse it. */
      otherDynamicParts: boolean;
      requires: Requirement[];
    }
  | {
      /** A call of an imported function that may be a helper passing a verdict on. */
      kind: "helper-call";
      ref: ImportRef;
      /** The callee as written at the call. */
      callee: string;
      site: Location;
      /** How the call's value is used, for each shape the helper may return. */
      use: Partial<Record<Shape, "discarded" | "unread" | "falls-through" | "inverted" | "late" | "ok">>;
      /** Where a late check sits (when some shape is "late"). */
      late?: Location;
      /** Identifier arguments that would be a finding, by argument position (and property). */
      args: Array<{
        index: number;
        prop?: string;
        constant?: string;
        fallbacks?: Location[];
        fallbackValues?: string[];
        fallbackGuards?: Guard[];
        client?: { source: string; detail: string };
        trustedElsewhere: boolean;
      }>;
    }
  | {
      /** A call of an imported function that may be a limiter factory. */
      kind: "factory-call";
      ref: ImportRef;
      callee: string;
      site: Location;
      inHandler: boolean;
      args: Array<number | string | null>;
      argLocations: Location[];
    };

export interface RlFact {
  /** What the names this file defines are (re-exported names are in `table`). */
  exports: Record<string, ExportValue>;
  table: ExportTable;
  candidates: Candidate[];
  /** The file tells Express or Fastify to trust the proxy's forwarded address (`trust proxy`, `trustProxy`). */
  trustProxy?: true;
}

export interface Resolved {
  value: ExportValue;
  /** The file that defines the value (for locations it carries). */
  file: string;
}

export class ExportResolver {
  private readonly values = new Map<string, Record<string, ExportValue>>();
  private readonly tables = new Map<string, ExportTable>();

  constructor(
    private readonly project: ProjectFacts,
    facts: ReadonlyArray<{ file: string; fact: RlFact }>,
  ) {
    for (const { file, fact } of facts) {
      this.values.set(file, fact.exports);
      this.tables.set(file, fact.table);
    }
  }

  /**
   * What `ref` (imported in `from`) stands for, after following aliases and applying its member path.
   * "unresolved": the specifier names no file of the tree although it looks like project code.
   */
  resolve(from: string, ref: ImportRef, depth = 0): Resolved | "unresolved" | undefined {
    if (depth > MAX_REEXPORT_DEPTH || ref.specifier === RATELIMIT_MODULE) return undefined;
    const target = this.project.resolve(from, ref.specifier);
    if (!target) return mayBeProjectSpecifier(ref.specifier) ? "unresolved" : undefined;
    let found = this.exportOf(target, ref.name, depth);
    if (!found) return undefined;
    for (const p of ref.path) {
      const v: ExportValue = found.value;
      if (v.kind !== "map") return undefined;
      if (p === "*") {
        const members = Object.values(v.members);
        const limiters = members.filter((m) => m.kind === "limiter") as Array<
          Extract<ExportValue, { kind: "limiter" }>
        >;
        if (!limiters.length) return undefined;
        found = { value: { kind: "limiter", configs: limiters.flatMap((l) => l.configs) }, file: found.file };
      } else {
        const m: ExportValue | undefined = v.members[p];
        if (!m) return undefined;
        found = m.kind === "alias" ? this.follow(found.file, m.ref, depth + 1) : { value: m, file: found.file };
        if (!found) return undefined;
      }
    }
    return found;
  }

  private follow(from: string, ref: ImportRef, depth: number): Resolved | undefined {
    const r = this.resolve(from, ref, depth + 1);
    if (!r || r === "unresolved") return undefined;
    if (ref.call) return callResult(r);
    return r;
  }

  private exportOf(file: string, name: string, depth: number): Resolved | undefined {
    const hit = this.project.resolveExport(this.tables, file, name);
    if (hit?.kind !== "found") return undefined;
    const values = this.values.get(hit.file) ?? {};
    if (hit.name === "*") {
      // `import * as limits`: every export of the module, re-exported ones as aliases to follow.
      const members: Record<string, ExportValue> = {};
      for (const [n, link] of Object.entries(this.tables.get(hit.file)?.names ?? {})) {
        const v = "from" in link ? aliasTo(link.from, link.name) : values[n];
        if (v) members[n] = v;
      }
      return Object.keys(members).length ? { value: { kind: "map", members }, file: hit.file } : undefined;
    }
    const v = values[hit.name];
    if (!v) return undefined;
    if (v.kind === "alias") return this.follow(hit.file, v.ref, depth);
    return { value: v, file: hit.file };
  }

  /** Configs when `ref` is a limiter (a called factory counts), undefined when it is not one. */
  limiterConfigs(from: string, ref: ImportRef): ConfigSummary[] | "unresolved" | undefined {
    const r = this.resolve(from, ref);
    if (!r || r === "unresolved") return r;
    const v = ref.call ? callResult(r)?.value : r.value;
    if (!v) return undefined;
    if (v.kind === "limiter") return v.configs;
    return undefined;
  }
}

/**
 * An exported helper that wraps a limiter imported from a third file counts only when that import
 * really is a limiter.
 */
export function helperHolds(
  resolver: ExportResolver,
  r: Resolved,
): r is Resolved & { value: Extract<ExportValue, { kind: "helper" }> } {
  if (r.value.kind !== "helper") return false;
  if (!r.value.via) return true;
  const configs = resolver.limiterConfigs(r.file, r.value.via);
  return configs !== undefined;
}

function aliasTo(specifier: string, name: string): ExportValue {
  return { kind: "alias", ref: { specifier, name, path: [], call: false } };
}

/** What calling an exported function yields: a factory's limiter. */
function callResult(r: Resolved): Resolved | undefined {
  if (r.value.kind === "factory") return { value: { kind: "limiter", configs: r.value.configs }, file: r.file };
  return undefined;
}

export function dependsOnRatelimit(project: ProjectFacts, file: string): boolean {
  const own = project.packageOf(file);
  const root = project.packages.find((p) => p.dir === "");
  return Boolean(own?.dependencies.has(RATELIMIT_MODULE) || root?.dependencies.has(RATELIMIT_MODULE));
}

/** Whether an imported function is declared never to return null or undefined. */
export function nonNullish(resolver: ExportResolver, file: string, ref: ImportRef): boolean {
  const f = resolver.resolve(file, { ...ref, call: false });
  return Boolean(
    f && f !== "unresolved" && (f.value.kind === "origin" || f.value.kind === "opaque") && f.value.nonNullish,
  );
}

/** Whether every requirement of a candidate holds. */
export function requirementsHold(
  ctx: ProjectContext<RlFact>,
  resolver: ExportResolver,
  file: string,
  requires: Requirement[],
): boolean {
  for (const r of requires) {
    if (r.kind === "dependency") {
      if (!dependsOnRatelimit(ctx.project, file)) return false;
    } else if (r.kind === "workers") {
      if (!ctx.project.frameworksOf(file).has("cloudflare-workers")) return false;
    } else if (r.kind === "imported") {
      if (!ctx.project.graph.importers(file).length) return false;
    } else if (r.kind === "guard") {
      const g = resolver.resolve(file, { ...r.ref, call: false });
      if (!g || g === "unresolved" || g.value.kind !== "guard") return false;
      if (g.value.via && resolver.limiterConfigs(g.file, g.value.via) === undefined) return false;
    } else {
      const configs = resolver.limiterConfigs(file, r.ref);
      if (configs === "unresolved") {
        if (!dependsOnRatelimit(ctx.project, file) || r.pendingWork) return false;
        continue;
      }
      if (!configs) return false;
      if (r.pendingWork && !configs.some((c) => c.pendingWork === true)) return false;
    }
  }
  return true;
}
