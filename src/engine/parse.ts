/**
 * TypeScript, loaded on first use: it is most of the bundle's start-up cost, and a scan whose files
 * all fail the keyword prefilter never needs it.
 */
import type { ts as TS } from "ts-morph";
import type { FileKind } from "./file-kinds";

let loaded: typeof TS | undefined;

/** How many files have been parsed in this process; tests use it to prove files are parsed once. */
export const parseCounter = { count: 0 };

export async function loadTypeScript(): Promise<typeof TS> {
  // The TypeScript compiler that ts-morph ships and re-exports as `ts`, without ts-morph's own
  // wrapper layer, which no detector uses: a tenth of a second less on every cold start.
  if (!loaded) loaded = (await import("@ts-morph/common/dist/typescript.js")) as unknown as typeof TS;
  return loaded;
}

/** The TypeScript namespace, once loadTypeScript() has resolved. */
export function typescript(): typeof TS {
  if (!loaded) throw new Error("TypeScript is not loaded yet");
  return loaded;
}

function scriptKind(
  ts: typeof TS,
  fileName: string,
  kind: FileKind,
  sfc?: { typescript: boolean; jsx: boolean },
): TS.ScriptKind {
  if (kind === "sfc") return sfc?.jsx ? ts.ScriptKind.TSX : sfc?.typescript ? ts.ScriptKind.TS : ts.ScriptKind.JS;
  if (/\.(tsx)$/.test(fileName)) return ts.ScriptKind.TSX;
  if (/\.(ts|mts|cts)$/.test(fileName)) return ts.ScriptKind.TS;
  if (/\.jsx$/.test(fileName)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.JS;
}

/**
 * Parse one file. Throws on pathological input (the parser recurses, so extreme nesting overflows the
 * stack): the caller turns that into a notification and falls back to text-only checks.
 */
export function parseSource(
  fileName: string,
  text: string,
  kind: FileKind,
  sfc?: { typescript: boolean; jsx: boolean },
): TS.SourceFile {
  const ts = typescript();
  parseCounter.count++;
  return ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKind(ts, fileName, kind, sfc),
  );
}
