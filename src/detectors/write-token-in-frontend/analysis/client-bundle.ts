/**
 * Which files of the tree ship to clients, and why: every client entry (a "use client" module, a
 * pages-router page, a Vue or Svelte component, SPA / Expo / extension sources, the modules an Astro
 * `<script>` or island pulls in, committed static assets and build output) and every module those
 * import, transitively, along the import graph (tsconfig aliases and workspace packages resolved by
 * the engine). The walk stops where bundlers stop: "use server" modules (their functions become
 * network calls), modules importing "server-only" or SvelteKit private env, `.server` modules; and it
 * skips the imports Next.js drops with a page's data-fetching functions.
 *
 * Shared with other rules (rule 5 says "this literal also ships to clients"): it needs only the
 * project facts and is computed once per scan.
 */
import * as path from "node:path";
import { MemoKey, type ProjectFacts } from "../../../engine/project";
import { maskSfc } from "../../../engine/sfc";
import { parseSource, typescript, TypeScriptNotLoaded } from "../../../engine/parse";
import type { Location } from "../../../engine/types";
import { importBindings } from "../../ast";
import { assetReason, clientEntryReason, endsClientBundle, isExtensionPackage, serverOnlyReason } from "./file-roles";
import { serverOnlyImportStarts } from "./pages-router";
import { projectLocation, projectText } from "./project-text";
import { importsOnlyTypes } from "./type-only-imports";

export interface ClientReach {
  /** The client entry that pulls the file in (an Astro file for its scripts and islands). */
  entry: string;
  /** Why the entry ships to clients, e.g. '"use client" module', "committed build output". */
  why: string;
  /** entry → … → file, along the shortest import path. */
  chain: string[];
}

/** The reach of the client bundles, and import edges found to carry types only (which it skips). */
const REACH = new MemoKey<{ reach?: ReadonlyMap<string, ClientReach>; typeOnly?: Set<string> }>("client bundle reach");

/**
 * Every file that ships to clients, with its entry and import chain. Memoised per scan; the import
 * graph does not know which imports carry only types, so use `confirmedReach` before reporting.
 */
export function clientBundleReach(project: ProjectFacts): ReadonlyMap<string, ClientReach> {
  const state = project.memo(REACH, () => ({}));
  return (state.reach ??= computeReach(project, state.typeOnly));
}

/**
 * The reach of one file after checking, on the syntax trees of its chain, that every step imports a
 * value (an import used only in type annotations is erased and bundles nothing). A step found to
 * carry types only is dropped for the rest of the scan and the walk redone, so another path may
 * still prove the file ships.
 */
export function confirmedReach(project: ProjectFacts, file: string): ClientReach | undefined {
  for (;;) {
    const r = clientBundleReach(project).get(file);
    if (!r) return undefined;
    let bad: string | undefined;
    for (let i = 0; i + 1 < r.chain.length && !bad; i++) {
      if (importsOnlyTypes(project, r.chain[i]!, r.chain[i + 1]!)) bad = `${r.chain[i]}\0${r.chain[i + 1]}`;
    }
    if (!bad) return r;
    const state = project.memo(REACH, () => ({}));
    const set = (state.typeOnly ??= new Set());
    if (set.has(bad)) return r; // cannot happen; keeps the loop finite
    set.add(bad);
    state.reach = undefined;
  }
}

/** "app/page.tsx ("use client" module) → components/x.tsx → lib/redis.ts", for messages. */
export function describeReach(r: ClientReach): string {
  return [`${r.chain[0]} (${r.why})`, ...r.chain.slice(1)].join(" → ");
}

/** "lib/x.ts ships to clients (Vite app source)" or "it ships to clients: a (…) → b → c". */
export function whereShipped(r: ClientReach): string {
  return r.chain.length === 1 ? `${r.entry} ships to clients (${r.why})` : `it ships to clients: ${describeReach(r)}`;
}

/**
 * Related locations for a reach: a "use client" entry's directive, then the import statement of each
 * step of the chain, the first one in the client entry.
 */
export function reachLocations(project: ProjectFacts, r: ClientReach): Location[] {
  const out: Location[] = [];
  if (r.why === '"use client" module') {
    // The directive that makes the entry client code, first.
    const at = projectText(project, r.entry)?.search(/["']use client["']/) ?? -1;
    if (at !== -1) out.push(projectLocation(project, r.entry, at, at + 12, 'client entry: "use client"'));
  }
  for (let i = 0; i + 1 < r.chain.length; i++) {
    const from = r.chain[i]!;
    const to = r.chain[i + 1]!;
    const edge = project.graph.imports(from).find((e) => e.to === to);
    const start = edge?.start ?? 0;
    const what = i === 0 ? `client entry (${r.why}) imports ${to}` : `imports ${to}`;
    out.push(projectLocation(project, from, start, start + (edge ? 6 : 0), what));
  }
  return out;
}

interface Seed {
  file: string;
  why: string;
  /** Set for modules pulled in by an Astro file: the chain starts there. */
  via?: string;
}

/** Directories of browser extensions: packages of extension toolchains and dirs of MV2/MV3 manifests. */
function extensionRoots(project: ProjectFacts): Set<string> {
  const roots = new Set<string>();
  for (const p of project.packages) if (isExtensionPackage(p)) roots.add(p.dir);
  for (const file of project.files.keys()) {
    if (path.posix.basename(file) !== "manifest.json") continue;
    const text = projectText(project, file);
    if (!text || !/"manifest_version"\s*:/.test(text)) continue;
    const pkg = project.packageOf(file);
    let dir = path.posix.dirname(file);
    if (dir === ".") dir = "";
    if (pkg) dir = pkg.dir;
    else if (/(^|\/)(public|static|src)$/.test(dir))
      dir = path.posix.dirname(dir) === "." ? "" : path.posix.dirname(dir);
    roots.add(dir);
  }
  return roots;
}

const ISLAND = /<([A-Za-z][\w.]*)\b[^>]*?\sclient:(load|idle|visible|media|only)\b/g;

/** Modules an Astro file sends to the browser: imports of its `<script>` blocks and hydrated islands. */
function astroSeeds(project: ProjectFacts, file: string): Seed[] {
  const summary = project.files.get(file);
  const text = projectText(project, file);
  if (!summary || !text) return [];
  const seeds: Seed[] = [];
  const masked = maskSfc(file, text);
  const client = masked.blocks.filter((b) => b.side === "client");
  for (const ref of summary.imports ?? []) {
    if (ref.typeOnly || !client.some((b) => ref.start >= b.start && ref.start < b.end)) continue;
    const to = project.resolve(file, ref.specifier);
    if (to) seeds.push({ file: to, why: "Astro <script>", via: file });
  }
  const front = masked.blocks.find((b) => b.side === "server");
  if (!front || !/\sclient:(load|idle|visible|media|only)\b/.test(text)) return seeds;
  let bindings: ReturnType<typeof importBindings>;
  try {
    typescript();
    const only = text.slice(0, front.start).replace(/[^\n]/g, " ") + text.slice(front.start, front.end);
    bindings = importBindings(parseSource(file.replace(/\.astro$/, ".ts"), only, "script"));
  } catch (err) {
    if (err instanceof TypeScriptNotLoaded) throw err;
    return seeds;
  }
  ISLAND.lastIndex = 0;
  for (let m = ISLAND.exec(text); m; m = ISLAND.exec(text)) {
    if (m.index < front.end) continue;
    const b = bindings.get(m[1]!.split(".")[0]!);
    const to = b && project.resolve(file, b.module);
    if (to) seeds.push({ file: to, why: `Astro island (client:${m[2]})`, via: file });
  }
  return seeds;
}

function computeReach(project: ProjectFacts, skip: ReadonlySet<string> | undefined): Map<string, ClientReach> {
  const extRoots = extensionRoots(project);
  const seeds: Seed[] = [];
  for (const file of project.files.keys()) {
    const declared = project.declaredRole(file);
    if (declared === "server") continue;
    const why =
      assetReason(project, file) ??
      clientEntryReason(project, file, extRoots) ??
      (declared === "client" ? "declared client code (paths.client)" : undefined);
    if (why) seeds.push({ file, why });
    else if (file.endsWith(".astro")) seeds.push(...astroSeeds(project, file));
  }

  // The first seed of a file names why it ships; seeds that end a bundle themselves are no entries.
  const origin = new Map<string, Seed>();
  const ends = (file: string) =>
    endsClientBundle(project.files.get(file), file) || project.declaredRole(file) === "server";
  for (const s of seeds) if (!origin.has(s.file) && !ends(s.file)) origin.set(s.file, s);
  // A pages-router page's imports used only by its data-fetching functions are removed from the
  // client build by Next.js.
  const droppedImports = new Map<string, Set<number> | undefined>();
  const dropped = (file: string): Set<number> | undefined => {
    if (origin.get(file)?.why !== "Next.js pages-router page") return undefined;
    if (!droppedImports.has(file)) {
      const text = projectText(project, file);
      droppedImports.set(file, text ? serverOnlyImportStarts(file, text) : undefined);
    }
    return droppedImports.get(file);
  };
  const reach = project.graph.reachableFrom(origin.keys(), {
    stop: ends,
    skipEdge: (from, edge) => Boolean(skip?.has(`${from}\0${edge.to}`) || dropped(from)?.has(edge.start)),
  });

  const result = new Map<string, ClientReach>();
  for (const [file, r] of reach) {
    const o = origin.get(r.entry)!;
    const chain = o.via ? [o.via, ...r.chain] : r.chain;
    result.set(file, { entry: chain[0]!, why: o.why, chain });
  }
  return result;
}

const SERVER_ONLY = new MemoKey<Map<string, string | null>>("server-only files");

/**
 * Why a file never reaches a client, if it never does: it is server-only by convention, or it is not
 * in any client bundle and every module importing it is server-only (a helper only route handlers
 * use). A file nothing imports stays undecided (undefined).
 */
export function serverOnlyFile(project: ProjectFacts, file: string): string | undefined {
  const cache = project.memo(SERVER_ONLY, () => new Map());
  const reach = clientBundleReach(project);
  const visit = (f: string, depth: number): string | null => {
    const hit = cache.get(f);
    if (hit !== undefined) return hit;
    if (reach.has(f)) return null;
    const own = serverOnlyReason(project, f);
    if (own) {
      cache.set(f, own);
      return own;
    }
    const importers = project.graph.importers(f);
    if (importers.length === 0 || depth > 50) return null;
    cache.set(f, null); // cycle guard: a module in an import cycle proves nothing about itself
    const ok = importers.every((i) => visit(i.from, depth + 1) !== null);
    const why = ok ? `imported only by server code (${importers[0]!.from}${importers.length > 1 ? ", …" : ""})` : null;
    cache.set(f, why);
    return why;
  };
  return visit(file, 0) ?? undefined;
}
