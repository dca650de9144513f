/**
 * Fuzzing the part of the engine that sees every file: the lexer (module-scan.ts), the import graph
 * and its resolution (project.ts, resolve.ts, graph.ts) and the gate (gate.ts). Random token soups —
 * unbalanced brackets, regular expressions against division, nested templates, bundler banners,
 * unterminated strings and comments, import statements cut anywhere — must be scanned in time linear
 * in their length, and whole random trees (import cycles, self-imports, alias and `extends` loops) must
 * resolve and gate in bounded time.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../src/detectors/index";
import { gate, type WordGate } from "../src/engine/gate";
import { scanModule } from "../src/engine/module-scan";
import { ProjectFacts } from "../src/engine/project";

const TOKENS = [
  "import",
  "export",
  "require",
  "from",
  "type",
  "as",
  "*",
  "{",
  "}",
  "(",
  ")",
  "[",
  "]",
  "/",
  "/*",
  "*/",
  "//",
  "/******/",
  "\n",
  " ",
  "'",
  '"',
  "`",
  "${",
  "\\",
  ";",
  ",",
  ".",
  "=",
  "+",
  "return",
  "typeof",
  "x",
  "redis",
  "1",
  '"./a"',
  "'@/lib/b'",
  '"@upstash/redis"',
  "`./c`",
  '"use client"',
  "/[/]/g",
  "a / b / c",
  "import x from './d';",
  "export * from '../e';",
  "export { f } from",
  "import(",
  "require(",
  "__webpack_require__",
];

const soup = fc.array(fc.constantFrom(...TOKENS), { maxLength: 400 }).map((t) => t.join(""));

/** Patterns that a scan with overlapping look-aheads, or a backtracking regex, would take quadratic time on. */
const ADVERSARIAL = [
  "import a ",
  "import { a, ",
  "export { ",
  "export {",
  "import type ",
  "import\n",
  "require ",
  "import(",
  "/******/ ",
  "/*",
  "'",
  "`${",
  "${`",
  "import x from '",
  'export * from "',
  "a = /",
  "[",
  "{",
];

/** Scans the text: how long it took, and whether what the lexer found is well formed. */
function checkScan(text: string): { ms: number; wellFormed: boolean } {
  const t = performance.now();
  const { imports, directives } = scanModule(text);
  const ms = performance.now() - t;
  const wellFormed =
    imports.every(
      (ref) =>
        ref.start >= 0 &&
        ref.start < text.length &&
        !ref.specifier.includes("\n") &&
        ["import", "export", "require"].some((k) => text.startsWith(k, ref.start)),
    ) && directives.every((d) => /^use [a-z ]+$/.test(d));
  return { ms, wellFormed };
}

describe("lexer fuzz", () => {
  it("scans random token soups and reports well-formed imports", () => {
    fc.assert(
      fc.property(soup, (text) => checkScan(text).wellFormed),
      { numRuns: 2000 },
    );
  });

  it("stays linear: 200 KB of any soup or adversarial run is scanned in well under two seconds", () => {
    const grow = (piece: string) => piece.repeat(Math.ceil(200_000 / Math.max(1, piece.length)));
    for (const piece of ADVERSARIAL) {
      const { ms, wellFormed } = checkScan(grow(piece));
      expect([piece, wellFormed, ms < 2000]).toEqual([piece, true, true]);
    }
    fc.assert(
      fc.property(
        soup.filter((s) => s.length > 0),
        (text) => {
          const { ms, wellFormed } = checkScan(grow(text));
          return wellFormed && ms < 2000;
        },
      ),
      { numRuns: 30 },
    );
  });
});

const PATHS = [
  "package.json",
  "tsconfig.json",
  "tsconfig.base.json",
  "lib/redis.ts",
  "lib/index.ts",
  "lib/a.js",
  "app/page.tsx",
  "app/api/x/route.ts",
  "src/b.mts",
  "packages/db/package.json",
  "packages/db/src/index.ts",
  "packages/db/src/client.ts",
];
const SPECIFIERS = [
  "./redis",
  "../lib",
  "../lib/redis",
  ".",
  "..",
  "./",
  "@/lib/redis",
  "~/lib",
  "@acme/db",
  "@acme/db/src/client",
  "@upstash/redis",
  "@upstash/qstash",
  "@upstash/ratelimit",
  "./index",
  "../../../../x",
  "/etc/passwd",
];

const file = fc.record({
  path: fc.constantFrom(...PATHS.filter((p) => !p.endsWith(".json"))),
  lines: fc.array(
    fc.oneof(
      fc.constantFrom(...SPECIFIERS).map((s) => `import { x } from "${s}";`),
      fc.constantFrom(...SPECIFIERS).map((s) => `export * from "${s}";`),
      fc.constantFrom(...SPECIFIERS).map((s) => `const y = require("${s}");`),
      soup,
    ),
    { maxLength: 12 },
  ),
});

const tsconfig = fc.record({
  extends: fc.constantFrom(undefined, "./tsconfig.json", "./tsconfig.base.json", "./missing"),
  paths: fc.constantFrom(undefined, { "@/*": ["./*"] }, { "@/*": ["./@/*"], "~/*": ["./lib/*", "./*"] }),
});

describe("graph fuzz", () => {
  it("resolves and gates random trees (cycles, self-imports, extends loops) in bounded time", () => {
    fc.assert(
      fc.property(fc.array(file, { maxLength: 12 }), tsconfig, tsconfig, (files, root, base) => {
        const t = performance.now();
        const project = new ProjectFacts("/nonexistent");
        const words = new Map<string, WordGate>();
        project.addPackageJson(
          "package.json",
          JSON.stringify({ name: "root", dependencies: { "@upstash/redis": "1" } }),
        );
        project.addPackageJson("packages/db/package.json", JSON.stringify({ name: "@acme/db", main: "src/index.ts" }));
        project.addTsconfig(
          "tsconfig.json",
          JSON.stringify({ extends: root.extends, compilerOptions: { paths: root.paths } }),
        );
        project.addTsconfig(
          "tsconfig.base.json",
          JSON.stringify({ extends: base.extends, compilerOptions: { paths: base.paths } }),
        );
        for (const f of files) {
          const scanned = scanModule(f.lines.join("\n"));
          project.addFile({ path: f.path, kind: "script", gitIgnored: false, imports: scanned.imports });
          words.set(f.path, { wanted: [], dependent: [] });
        }
        project.finish();
        gate(project, DETECTORS, words);
        project.graph.reachableFrom(project.files.keys());
        for (const f of project.files.keys()) project.graph.importers(f);
        return performance.now() - t < 1000;
      }),
      { numRuns: 300 },
    );
  });
});
