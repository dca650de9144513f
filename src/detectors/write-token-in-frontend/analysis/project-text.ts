/**
 * The text of files the project phase needs but no detector recorded facts for: an entry's import
 * lines (for related locations), a pages-router page's data-fetching exports, an Astro file's script
 * blocks, an extension manifest. Read once per scan from the scanned tree, only for files discovery
 * listed, and only when small: these are hand-written source files.
 */
import * as path from "node:path";
import { MemoKey, type ProjectFacts } from "../../../engine/project";
import { DEFAULT_BUDGETS, readFile } from "../../../engine/read";
import { LineIndex } from "../../../engine/text";
import type { Location } from "../../../engine/types";

const MAX_BYTES = 512 * 1024;

const TEXTS = new MemoKey<Map<string, string | null>>("project file texts");
const INDEXES = new MemoKey<Map<string, LineIndex | null>>("project file line indexes");

/** The text of a file of the tree, or undefined when it is unknown, too large or unreadable. */
export function projectText(project: ProjectFacts, file: string): string | undefined {
  const cache = project.memo(TEXTS, () => new Map());
  if (!cache.has(file)) {
    // The engine's reader: the same decoding (BOM, UTF-16) as the pass that took the file's offsets.
    const summary = project.files.get(file);
    const read = summary
      ? readFile(path.join(project.srcRoot, file), summary.kind, { ...DEFAULT_BUDGETS, maxReadBytes: MAX_BYTES })
      : undefined;
    cache.set(file, read?.ok ? read.text : null);
  }
  return cache.get(file) ?? undefined;
}

/** A location in another file of the tree, by offset; line 1 when the file cannot be read. */
export function projectLocation(
  project: ProjectFacts,
  file: string,
  start: number,
  end: number,
  message?: string,
): Location {
  const cache = project.memo(INDEXES, () => new Map());
  if (!cache.has(file)) {
    const text = projectText(project, file);
    cache.set(file, text === undefined ? null : new LineIndex(text));
  }
  const index = cache.get(file);
  const range = index ? index.range(start, end) : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
  return { file, range, ...(message ? { message } : {}) };
}
