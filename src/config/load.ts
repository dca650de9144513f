/**
 * Finding, reading and checking the configuration file (.upstash-scan.yml). It is validated against
 * the published JSON Schema (src/config/upstash-scan.schema.json); every problem is reported with the
 * file and line it comes from, and any problem stops the scan (exit code 2).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ErrorObject } from "ajv";
import ignore from "ignore";
import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import { UsageError } from "../engine/errors";
import { DETECTORS } from "../detectors/index";
import type { RuleId, Severity } from "../engine/types";
import { defaultConfig } from "./defaults";
import type { ScanConfig, TestFindings } from "./types";
import schema from "./upstash-scan.schema.json";

export const CONFIG_FILE_NAMES = [".upstash-scan.yml", ".upstash-scan.yaml"];

interface RuleSettings {
  enabled?: boolean;
  severity?: Severity;
  checks?: Record<string, boolean>;
  tests?: TestFindings;
  options?: Record<string, unknown>;
}

interface ConfigFile {
  rules?: Partial<Record<RuleId, RuleSettings>>;
  paths?: { include?: string[]; exclude?: string[]; client?: string[]; server?: string[] };
  tests?: { paths?: string[]; findings?: TestFindings };
  baseline?: string;
  fix?: { defaultTtlSeconds?: number };
}

/** A configuration problem, already formatted as "file:line: message". */
export class ConfigError extends UsageError {}

let validator: ReturnType<Ajv["compile"]> | undefined;

function lineOf(doc: Document, counter: LineCounter, pathParts: Array<string | number>): number {
  // Walk up from the exact node to the nearest one that exists (an unknown key's parent, say).
  for (let n = pathParts.length; n >= 0; n--) {
    const node = doc.getIn(pathParts.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    // For a key (additionalProperties), point at the key itself.
    const parent = doc.getIn(pathParts.slice(0, n - 1), true) as
      { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> } | undefined;
    const key = parent?.items?.find((p) => p.key?.value === pathParts[n - 1])?.key;
    if (key?.range) return counter.linePos(key.range[0]).line;
  }
  return 1;
}

function describeError(e: ErrorObject): { path: Array<string | number>; message: string } {
  const parts = e.instancePath
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const where = parts.length ? parts.join(".") : "the top level";
  if (e.keyword === "additionalProperties") {
    const key = (e.params as { additionalProperty: string }).additionalProperty;
    return { path: [...parts, key], message: `unknown key "${key}" in ${where}` };
  }
  if (e.keyword === "pattern" && e.schemaPath.includes("/severity/"))
    return { path: parts, message: `${where} must be one of "critical", "high", "medium", "low"` };
  if (e.keyword === "enum")
    return {
      path: parts,
      message: `${where} must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}`,
    };
  return { path: parts, message: `${where} ${e.message ?? "is invalid"}` };
}

/**
 * A .gitignore-style pattern written relative to `base` (a `/`-separated directory relative to the
 * source root), rewritten relative to the source root, which is what the engine matches against. As in
 * git, a pattern with no slash but a trailing one matches at any depth below its directory.
 */
export function rebasePattern(pattern: string, base: string): string {
  if (!base) return pattern;
  const negated = pattern.startsWith("!");
  const p = negated ? pattern.slice(1) : pattern;
  const anchored = p.replace(/\/$/, "").includes("/");
  return `${negated ? "!" : ""}${base}/${anchored ? p.replace(/^\//, "") : `**/${p}`}`;
}

/**
 * Parse and validate configuration text; throws ConfigError naming file and line. `base`: the
 * directory the file's patterns are relative to, relative to the source root ("" when they are the same).
 */
export function parseConfig(text: string, file: string, base = ""): ScanConfig {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    throw new ConfigError(`${file}:${counter.linePos(e.pos[0]).line}: not valid YAML: ${e.message.split("\n")[0]}`);
  }
  const data = (doc.toJS() ?? {}) as unknown;
  // Levels are case-insensitive everywhere (as --fail-on and the Action's inputs): HIGH is high.
  for (const settings of Object.values((data as ConfigFile | null)?.rules ?? {}))
    if (settings && typeof settings.severity === "string")
      settings.severity = settings.severity.toLowerCase() as Severity;
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validator(data)) {
    const problems = (validator.errors ?? []).map((e) => {
      const d = describeError(e);
      return `${file}:${lineOf(doc, counter, d.path)}: ${d.message}`;
    });
    throw new ConfigError([...new Set(problems)].join("\n"));
  }
  const cfg = data as ConfigFile;
  const config = defaultConfig();
  config.source = file;
  for (const [ruleId, settings] of Object.entries(cfg.rules ?? {}) as Array<[RuleId, RuleSettings]>) {
    if (settings.enabled === false) config.disabledRules.add(ruleId);
    if (settings.severity) config.severity.set(ruleId, settings.severity);
    if (settings.tests) config.testFindingsByRule.set(ruleId, settings.tests);
    const known = new Set(DETECTORS.filter((d) => d.rule === ruleId).flatMap((d) => Object.keys(d.checks)));
    for (const [check, on] of Object.entries(settings.checks ?? {})) {
      if (!known.has(check)) {
        throw new ConfigError(
          `${file}:${lineOf(doc, counter, ["rules", ruleId, "checks", check])}: unknown check "${check}" for ${ruleId} (known: ${[...known].sort().join(", ")})`,
        );
      }
      if (!on) config.disabledChecks.add(`${ruleId}/${check}`);
    }
    for (const d of DETECTORS.filter((x) => x.rule === ruleId))
      config.detectorOptions[d.id] = { ...(settings.options ?? {}) };
  }
  const rebase = (patterns: string[] | undefined) => patterns?.map((p) => rebasePattern(p, base));
  const include = rebase(cfg.paths?.include) ?? [];
  const exclude = rebase(cfg.paths?.exclude) ?? [];
  if (include.length || exclude.length) {
    const inc = ignore().add(include);
    const exc = ignore().add(exclude);
    config.accept = (rel, isDir) => {
      if (rel.startsWith("../")) return true;
      if (exc.ignores(isDir ? rel + "/" : rel)) return false;
      // Directories are always entered when an include list exists: a file below may match.
      return isDir || include.length === 0 || inc.ignores(rel);
    };
  }
  config.clientPaths = rebase(cfg.paths?.client) ?? [];
  config.serverPaths = rebase(cfg.paths?.server) ?? [];
  if (cfg.tests?.paths) config.testPaths = rebase(cfg.tests.paths)!;
  if (cfg.tests?.findings) config.testFindings = cfg.tests.findings;
  if (cfg.baseline) config.baseline = path.resolve(path.dirname(file), cfg.baseline);
  if (cfg.fix?.defaultTtlSeconds !== undefined) config.fix.defaultTtlSeconds = cfg.fix.defaultTtlSeconds;
  return config;
}

/** The configuration file at a scanned root, if there is one. */
export function findConfig(scanRoot: string): string | undefined {
  return CONFIG_FILE_NAMES.map((n) => path.join(scanRoot, n)).find((f) => fs.existsSync(f));
}

/**
 * The explicit file, or the one at the scanned root, or the defaults. Patterns in a file found at the
 * scanned root are relative to that root; in an explicit file, to the source root (`srcRoot`, when
 * given: the repository root that reported paths are relative to).
 */
export function loadConfig(explicit: string | undefined, scanRoot: string, srcRoot?: string): ScanConfig {
  const file = explicit ?? findConfig(scanRoot);
  if (!file) return defaultConfig();
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === "ENOENT" ? `configuration file not found: ${file}` : `${file}: could not be read (${code ?? "error"})`,
    );
  }
  const base = !explicit && srcRoot ? path.relative(srcRoot, scanRoot).split(path.sep).join("/") : "";
  return parseConfig(text, file, base.startsWith("..") ? "" : base);
}
