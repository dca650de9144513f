/**
 * Which scripts get a syntax tree, and for which detectors: decided once every file has been read and
 * the import graph resolved, from facts rather than common words. A detector takes a script when
 * - its specific words, credential shapes or paths occur (the word gate, prefilter.ts);
 * - the script imports one of its packages (`@upstash/redis`, `@vercel/kv`, …);
 * - it imports a module that does (one hop; `export … from` barrels, which are parsed too, and
 *   workspace packages are transparent), for detectors that follow a client to where it is used;
 * - its dependent words occur and its package (or the workspace root) depends on one of those packages;
 * - it is parsed for another detector anyway and its path is one the detector takes for free.
 * Everything else a detector needs it asks for by name in demand-driven rounds (Detector.select).
 */
import type { Detector } from "../detectors/types";
import { isParsable } from "./file-kinds";
import type { ProjectFacts } from "./project";

/** What the light pass found in one script's text, by detector id. */
export interface WordGate {
  wanted: string[];
  dependent: string[];
}

/** Whether an import specifier names one of the packages (exactly, or a subpath of one). */
export function importsPackage(specifier: string, packages: readonly string[]): boolean {
  return packages.some((p) => specifier === p || specifier.startsWith(p.endsWith("/") ? p : p + "/"));
}

/** The detectors (by id) that take each script, in discovery order of `words`. */
export function gate(
  project: ProjectFacts,
  detectors: readonly Detector[],
  words: ReadonlyMap<string, WordGate>,
): Map<string, string[]> {
  const ast = detectors.filter((d) => d.needs.ast);
  const byImports = new Map(ast.filter((d) => d.imports).map((d) => [d.id, importGate(project, d)]));
  const out = new Map<string, string[]>();
  for (const [file, w] of words) {
    const kind = project.files.get(file)?.kind;
    if (!kind || !isParsable(kind)) continue;
    // A detector that would not look at the file anyway (test code, its skipped paths) does not count.
    const looks = (d: Detector) =>
      d.fileKinds.includes(kind) &&
      !(d.skipTests && project.tests.has(file)) &&
      !d.skipPaths?.some((p) => p.test(file));
    const ids = ast
      .filter(
        (d) =>
          looks(d) &&
          (w.wanted.includes(d.id) ||
            byImports.get(d.id)?.has(file) ||
            (w.dependent.includes(d.id) && dependsOn(project, file, d.imports!.packages))),
      )
      .map((d) => d.id);
    if (!ids.length) continue;
    for (const d of ast) if (!ids.includes(d.id) && looks(d) && d.piggyback?.some((r) => r.test(file))) ids.push(d.id);
    out.set(file, ids);
  }
  return out;
}

/**
 * The files a detector's import facts select: importers of its packages and, with `importers`, the
 * barrels passing their exports on and the modules importing those (see ImportGraph.usersOf).
 */
export function importGate(project: ProjectFacts, detector: Detector): Set<string> {
  const spec = detector.imports!;
  const direct = new Set<string>();
  for (const [file, summary] of project.files)
    if (summary.imports?.some((ref) => importsPackage(ref.specifier, spec.packages))) direct.add(file);
  if (!spec.importers) return direct;
  for (const user of project.graph.usersOf(direct)) direct.add(user);
  return direct;
}

/** Whether the file's package, or the workspace root, depends on one of the packages. */
export function dependsOn(project: ProjectFacts, file: string, packages: readonly string[]): boolean {
  const own = project.packageOf(file);
  const root = project.packages.find((p) => p.dir === "");
  return [own, root].some((p) => p && [...p.dependencies].some((name) => importsPackage(name, packages)));
}
