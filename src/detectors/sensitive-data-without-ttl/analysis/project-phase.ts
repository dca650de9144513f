/**
 * The cross-file half of the rule. Each file records the clients, client factories and TTL helpers
 * it exports, and the findings that depend on another module: a call on an imported binding is a
 * finding only if that binding is an Upstash client (followed through re-exports, barrels and
 * aliases with `project.resolve`), and a write is cleared by an imported helper only if that helper
 * really expires the key it is given.
 */
import type { Finding } from "../../../engine/types";
import type { ProjectContext } from "../../types";
import { MAX_REEXPORT_DEPTH, type ExportTable } from "../../../engine/exports";
import type { ExportEntry, Origin } from "./clients";
import type { ImportedHelper, LocalHelper } from "./expiry";

export type PendingFinding = Omit<Finding, "rule">;

export type Fact =
  | {
      kind: "exports";
      entries: ExportEntry[];
      /** Re-exports and `export *`, plus every name `entries` and `helpers` define here. */
      table: ExportTable;
      helpers: LocalHelper[];
    }
  | {
      kind: "candidate";
      /** Who the call is made on: an Upstash client of this file, or an imported binding. */
      client: Origin;
      /** The finding is void if any of these imported helpers expires the key. */
      helpers: ImportedHelper[];
      finding: PendingFinding;
    };

type ExportsFact = Extract<Fact, { kind: "exports" }>;

/** The exports fact of a file: its clients and helpers, and what it re-exports. */
export function exportsFact(entries: ExportEntry[], reexports: ExportTable, helpers: LocalHelper[]): ExportsFact {
  const names = { ...reexports.names };
  for (const e of entries) names[e.name] = {};
  for (const h of helpers) names[h.name] ??= {};
  return { kind: "exports", entries, table: { names, stars: reexports.stars }, helpers };
}

/** Whether a client model's file re-exports anything from the project. */
export function hasReexports(model: { table: ExportTable }): boolean {
  return Object.keys(model.table.names).length > 0 || model.table.stars.length > 0;
}

export function judgeProject(ctx: ProjectContext<Fact>): void {
  const exportsOf = new Map<string, ExportsFact>();
  for (const { file, fact } of ctx.facts) if (fact.kind === "exports") exportsOf.set(file, fact);
  const tables = new Map([...exportsOf].map(([file, fact]) => [file, fact.table]));
  const resolve = (from: string, spec: string) => ctx.project.resolve(from, spec);

  /**
   * Whether `file` exports `name` with the given property. Files without facts (barrels, which the
   * keyword prefilter skips) are followed through every module they import or re-export.
   */
  const follow = (
    file: string,
    name: string,
    seen: Set<string>,
    depth: number,
    own: (fact: ExportsFact, name: string) => boolean | Origin[],
  ): boolean => {
    const key = `${file}\0${name}`;
    if (depth > MAX_REEXPORT_DEPTH || seen.has(key)) return false;
    seen.add(key);
    const hit = ctx.project.resolveExport(tables, file, name);
    if (hit?.kind === "unknown") {
      for (const barrel of hit.files)
        for (const ref of ctx.project.files.get(barrel)?.imports ?? []) {
          const target = ref.typeOnly ? undefined : resolve(barrel, ref.specifier);
          if (target !== undefined && follow(target, name, seen, depth + 1, own)) return true;
        }
      return false;
    }
    if (!hit) return false;
    const mine = own(exportsOf.get(hit.file)!, hit.name);
    if (mine === true) return true;
    if (Array.isArray(mine)) {
      for (const o of mine) {
        if (o.kind === "upstash") return true;
        const target = resolve(hit.file, o.module);
        if (target && isExported(target, o.name, o.as, seen, depth + 1)) return true;
      }
    }
    return false;
  };

  const isExported = (
    file: string,
    name: string,
    as: "client" | "factory",
    seen = new Set<string>(),
    depth = 0,
  ): boolean =>
    follow(file, name, seen, depth, (fact, n) =>
      fact.entries.filter((e) => e.name === n && e.as === as).map((e) => e.origin),
    );

  const isHelper = (file: string, h: ImportedHelper): boolean =>
    follow(file, h.name, new Set(), 0, (fact, n) =>
      fact.helpers.some((x) => x.name === n && x.argIndex === h.argIndex),
    );

  for (const { file, fact } of ctx.facts) {
    if (fact.kind !== "candidate") continue;
    if (fact.client.kind === "import") {
      const target = resolve(file, fact.client.module);
      if (!target || !isExported(target, fact.client.name, fact.client.as)) continue;
    }
    if (
      fact.helpers.some((h) => {
        const target = resolve(file, h.module);
        return target !== undefined && isHelper(target, h);
      })
    ) {
      continue;
    }
    ctx.report(fact.finding);
  }
}

/**
 * Demand-driven (Detector.select). Clients are where the gate already looks (importers of
 * @upstash/redis and @vercel/kv, and of their modules); beyond that the facts say where to look:
 * - the module a call's client or an expiry helper is imported from, followed through aliases and
 *   re-exports to where it is defined, so that the project phase can tell what it is;
 * - the users of a module that passes on an Upstash client it imported (`export const kv = redis`).
 * Each round follows one more step of imports.
 */
export function selectModules(ctx: ProjectContext<Fact>): Set<string> {
  const exportsOf = new Map<string, ExportsFact>();
  for (const { file, fact } of ctx.facts) if (fact.kind === "exports") exportsOf.set(file, fact);
  const tables = new Map([...exportsOf].map(([file, fact]) => [file, fact.table]));
  const wanted = new Set<string>();
  /** Whether `name` of `module` is an Upstash client (or factory) as far as the facts tell; asks for what they lack. */
  const chase = (from: string, module: string, name: string, as: string | undefined, depth: number): boolean => {
    const target = ctx.project.resolve(from, module);
    if (!target || depth > MAX_REEXPORT_DEPTH) return false;
    const hit = ctx.project.resolveExport(tables, target, name, { lexical: true });
    if (hit?.kind === "unknown") {
      for (const f of hit.files) wanted.add(f);
      return false;
    }
    if (hit?.kind !== "found") return false;
    let passes = false;
    for (const e of exportsOf.get(hit.file)?.entries ?? []) {
      if (e.name !== hit.name || (as && e.as !== as)) continue;
      if (e.origin.kind === "upstash" || chase(hit.file, e.origin.module, e.origin.name, e.origin.as, depth + 1))
        passes = true;
    }
    return passes;
  };
  for (const { file, fact } of ctx.facts) {
    if (fact.kind === "candidate") {
      if (fact.client.kind === "import") chase(file, fact.client.module, fact.client.name, fact.client.as, 0);
      for (const h of fact.helpers) chase(file, h.module, h.name, undefined, 0);
      continue;
    }
    const passed = fact.entries.filter(
      (e) => e.origin.kind === "import" && chase(file, e.origin.module, e.origin.name, e.origin.as, 0),
    );
    if (passed.length)
      for (const user of ctx.project.graph.usersOf([file], new Set(passed.map((e) => e.name)))) wanted.add(user);
  }
  return wanted;
}
