/** Which files can hold an Upstash risk, and how each kind is read. */
import * as path from "node:path";

/**
 * script: JS/TS parsed with TypeScript. sfc: .vue/.svelte/.astro, whose <script> blocks are parsed.
 * env: dotenv files. The rest are read as text for credential patterns and config checks.
 */
export type FileKind = "script" | "sfc" | "env" | "html" | "yaml" | "json" | "toml" | "dockerfile" | "text";

const SCRIPT_EXT = new Set([".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"]);
const SFC_EXT = new Set([".vue", ".svelte", ".astro"]);
const TEXT_EXT = new Set([
  ".md",
  ".mdx",
  ".txt",
  ".sh",
  ".bash",
  ".zsh",
  ".ps1",
  ".http",
  ".rest",
  ".ini",
  ".cfg",
  ".conf",
  ".properties",
  ".tf",
  ".tfvars",
]);
// Lockfiles are large, machine-written and never hold credentials.
const SKIP_NAMES = new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "composer.lock",
]);

/** Directories never entered, whatever .gitignore says. */
export const SKIP_DIRS = new Set([
  "node_modules",
  ".git",
  ".hg",
  ".svn",
  "bower_components",
  ".pnpm-store",
  ".yarn",
  ".turbo",
]);

export function classifyPath(relPath: string): FileKind | undefined {
  const base = path.posix.basename(relPath);
  if (SKIP_NAMES.has(base)) return undefined;
  const lower = base.toLowerCase();
  if (/^\.env(\..+)?$/.test(lower) || lower.endsWith(".env") || lower === ".dev.vars" || lower.startsWith(".dev.vars."))
    return "env";
  if (
    lower === "dockerfile" ||
    lower.startsWith("dockerfile.") ||
    lower.endsWith(".dockerfile") ||
    lower === "containerfile"
  )
    return "dockerfile";
  if (lower.endsWith(".d.ts") || lower.endsWith(".d.mts") || lower.endsWith(".d.cts")) return undefined;
  const ext = path.posix.extname(lower);
  if (SCRIPT_EXT.has(ext)) return "script";
  if (SFC_EXT.has(ext)) return "sfc";
  if (ext === ".html" || ext === ".htm") return "html";
  if (ext === ".yml" || ext === ".yaml") return "yaml";
  if (ext === ".json" || ext === ".jsonc") return "json";
  if (ext === ".toml") return "toml";
  if (TEXT_EXT.has(ext)) return "text";
  return undefined;
}

/** True for kinds TypeScript parses (scripts, and the script blocks of single-file components). */
export function isParsable(kind: FileKind): boolean {
  return kind === "script" || kind === "sfc";
}
