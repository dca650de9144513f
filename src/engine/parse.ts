/**
 * TypeScript, loaded on first use: it is most of the bundle's start-up cost, and a scan whose files
 * all fail the keyword prefilter never needs it.
 */
import type * as TS from "typescript";
import type { FileKind } from "./file-kinds";

let loaded: typeof TS | undefined;

/** How many files have been parsed in this process; tests use it to prove files are parsed once. */
export const parseCounter = { count: 0 };

export async function loadTypeScript(): Promise<typeof TS> {
  // The compiler's own package: the engine parses with it directly (no wrapper library), so the
  // bundle carries one copy of TypeScript.
  if (!loaded) loaded = (await import("typescript")) as unknown as typeof TS;
  return loaded;
}

/**
 * Thrown by typescript() before TypeScript is loaded in this thread. In the main thread that is the
 * rule (files are parsed in workers); a project phase that needs a tree after all is run again once
 * TypeScript is loaded (see ScanSession), so a scan loads it there only when some detector needs it.
 * Code that catches errors around parsing must let this one through.
 */
export class TypeScriptNotLoaded extends Error {
  constructor() {
    super("TypeScript is not loaded yet");
  }
}

/** The TypeScript namespace, once loadTypeScript() has resolved. */
export function typescript(): typeof TS {
  if (!loaded) throw new TypeScriptNotLoaded();
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
