/**
 * The detector contract. A detector is one file holding its metadata next to its logic
 * (eslint's `{ meta, create }`): which rule it serves, the checks it can report, the keywords that
 * make a file worth its time, and what it needs from the engine.
 *
 * Two phases keep the expensive part local and parallel:
 * - `analyzeFile` sees one file (text, and its syntax tree when `needs.ast`). It may report findings
 *   and record facts: plain JSON data, because files may be analysed in worker threads and their
 *   syntax trees are dropped as soon as the file is done.
 * - `analyzeProject` runs once in the main thread with every file's facts, the project facts
 *   (frameworks, env files, tsconfig aliases) and the import graph, for questions that span files.
 */
import type * as ts from "typescript";
import type { FileKind } from "../engine/file-kinds";
import type { LineIndex } from "../engine/text";
import type { ScriptBlock } from "../engine/sfc";
import type { Confidence, Finding, Location, RuleId, Severity } from "../engine/types";
import type { MemoKey, ProjectFacts } from "../engine/project";
import type { Notification } from "../engine/types";
import type { HistoryOptions } from "../history/options";
import type { CredentialRef } from "../verify/types";

export interface DetectorNeeds {
  /**
   * Parse scripts with TypeScript (syntax only; there is no type checker in the engine). The detector
   * still sees files that have no tree (env files, text-only files): it checks `ctx.sourceFile`.
   */
  ast?: boolean;
}

export interface DetectorMeta {
  /** The file name under src/detectors/<rule-slug>/, unique across rules. */
  id: string;
  rule: RuleId;
  /** Check ids this detector may report (`properties.check`) with a one-line description each. */
  checks: Readonly<Record<string, string>>;
  /**
   * Lower-case substrings; a file containing none of them is never given to this detector (unless its
   * import facts, paths or shapes select it). Only words specific to what the detector looks for
   * (package and env names, Upstash terms): common words ("redis", "verify") would parse a third of a
   * real repository. An empty list, with no other criterion, means every file of `fileKinds`.
   */
  keywords: readonly string[];
  /**
   * More lower-case words, for files that get no syntax tree (env, JSON, YAML, text, minified or
   * generated scripts): reading those costs nothing more, so broader words may choose them; `keywords`
   * decide what is parsed.
   */
  textKeywords?: readonly string[];
  /**
   * Shapes that also make a file worth this detector's time when no keyword occurs (credential
   * patterns: a token pasted alone into a file names nothing).
   */
  patterns?: readonly RegExp[];
  /**
   * Paths (relative, `/`-separated) that make a file worth this detector's time whatever its text:
   * file-routed request handlers (a Next.js `route.ts`) name nothing a keyword could catch.
   */
  paths?: readonly RegExp[];
  fileKinds: readonly FileKind[];
  needs: DetectorNeeds;
  /**
   * Import facts that make a script worth this detector's syntax tree, from the import graph the
   * engine builds for every script: the files importing one of `packages`, and with `importers` the
   * modules importing such a file (one hop, barrels and `export … from` followed: a client made in
   * `lib/redis.ts` is used where it is imported, through `@/lib/redis`, a barrel or a workspace package).
   */
  imports?: DetectorImports;
  /**
   * Words from this detector's options that make a file worth its time, e.g. the names of the
   * project's own verify helpers given in the configuration.
   */
  optionKeywords?(options: Readonly<Record<string, unknown>>): readonly string[];
  /**
   * Lower-case words the light pass looks for in every script and records (ProjectFacts.files, `hints`:
   * the ids of the detectors whose hint words occur). Never a reason to parse: `select` uses them to
   * tell which of the modules it could ask for may matter (a callee that may check a credential).
   */
  hints?: readonly string[];
  /**
   * Test code (the configuration's `tests.paths`) is never given to this detector: what tests do on
   * purpose (exhaust a limiter, switch on dev mode) is no risk there.
   */
  skipTests?: boolean;
  /** Paths this detector never looks at beyond test code, e.g. files only local development reads. */
  skipPaths?: readonly RegExp[];
  /**
   * Files on these paths are given to the detector, with no keyword needed, when they are parsed for
   * another detector anyway (it costs nothing then); otherwise only when `select` asks for them.
   */
  piggyback?: readonly RegExp[];
}

export interface DetectorImports {
  /** Package specifiers: one equals a specifier or is a prefix of it followed by "/" (`@upstash/qstash/nextjs`). */
  packages: readonly string[];
  /** Also the one-hop importers of the files that import them (re-exports followed). */
  importers?: boolean;
  /**
   * Lower-case words that make a script worth parsing only in a package (or a workspace whose root)
   * depends on one of `packages`: a name-based guess (`ratelimit.limit(ip)`) means nothing elsewhere.
   */
  dependentKeywords?: readonly string[];
}

/** What a detector reports from one file; positions are offsets in the file text. */
export interface FileReport {
  check: string;
  start: number;
  end: number;
  message: string;
  confidence?: Confidence;
  severity?: Severity;
  related?: Location[];
  /** The credentials the finding is about, for `--verify` (see verify/credential-ref.ts). */
  credentials?: CredentialRef[];
}

/** Everything a detector may read about one file. */
export interface FileContext<F = unknown> {
  /** Path relative to the source root, `/`-separated. */
  readonly path: string;
  readonly kind: FileKind;
  /** Decoded text; for .vue/.svelte/.astro everything outside <script> blocks is blanked. */
  readonly text: string;
  readonly lines: LineIndex;
  /** Keywords of this detector found in the file (lower-case). */
  readonly keywords: ReadonlySet<string>;
  /** The file is only text-scanned (too large, minified or unparsable): no syntax tree. */
  readonly textOnly: boolean;
  /** Script blocks of a single-file component, with their side (server frontmatter or client). */
  readonly blocks?: readonly ScriptBlock[];
  /** True when a .gitignore excludes the file (env files are read anyway). */
  readonly gitIgnored: boolean;
  /** The file is test code by the configuration's `tests.paths`. */
  readonly isTest: boolean;
  /** The TypeScript namespace and the parsed file, when `needs.ast` and the file parsed. */
  readonly ts?: typeof ts;
  readonly sourceFile?: ts.SourceFile;
  /** This detector's options from the configuration file (plain data). */
  readonly options: Readonly<Record<string, unknown>>;
  report(report: FileReport): void;
  /** A location in this file, for related locations and facts. */
  location(start: number, end: number, message?: string): Location;
  /** Register a secret seen in this file so that no output channel prints it. */
  secret(value: string): void;
  /** Record a fact for this detector's project phase (JSON-serialisable). */
  fact(fact: F): void;
  /**
   * A value computed once for this file and shared by every detector that asks with the same key (a
   * rule's model of the file); dropped with the syntax tree when the file is done.
   */
  memo<T>(key: MemoKey<T>, build: () => NoInfer<T>): T;
}

export interface ProjectContext<F = unknown> {
  readonly project: ProjectFacts;
  /** Facts recorded by this detector, in file order. */
  readonly facts: ReadonlyArray<{ file: string; fact: F }>;
  readonly options: Readonly<Record<string, unknown>>;
  report(finding: Omit<Finding, "rule">): void;
  /** Set when the scan was asked to read git history too (CLI `--history`); undefined otherwise. */
  readonly history?: HistoryOptions;
  /** Tell the user something about the scan itself (what was not reached, a missing prerequisite). */
  notify?(notification: Notification): void;
  /** A progress line for long-running work (stderr in the CLI); may be a no-op. */
  progress?(message: string): void;
  /** Register a secret seen in the project phase so that no output channel prints it. */
  secret?(value: string): void;
}

export interface Detector<F = unknown> extends DetectorMeta {
  analyzeFile?(ctx: FileContext<F>): void;
  /**
   * Demand-driven analysis: after the main pass, files this detector needs although no keyword put
   * them in front of it (the route a publisher targets, the module a handler imports). The engine
   * analyses them with this detector and asks again, until nothing new is asked for; then
   * `analyzeProject` runs. Files already given to the detector are not analysed twice.
   */
  select?(ctx: ProjectContext<F>): Iterable<string>;
  /** May be async (e.g. reading git history); the engine awaits it. */
  analyzeProject?(ctx: ProjectContext<F>): void | Promise<void>;
}

/** Typed identity helper, so each detector file reads `export default defineDetector({...})`. */
export function defineDetector<F>(detector: Detector<F>): Detector<F> {
  return detector;
}
