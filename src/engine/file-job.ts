/**
 * Everything done to one discovered file, as one pure function of the file and the scan settings, in
 * two steps. The light step (every file): read it under the budgets, take its project facts (imports,
 * directives, package and tsconfig text, env keys) and inline suppressions, run the word gate, and run
 * the detectors that need no syntax tree; a script's parsing waits for the import graph (gate.ts). The
 * heavy step (the scripts the gate or a demand-driven round chose): read it again, parse it and run the
 * chosen detectors. Results are plain data; the same code runs in worker threads and in the main thread.
 */
import * as path from "node:path";
import type { Detector } from "../detectors/types";
import type { Budgets } from "./read";
import { readFile } from "./read";
import { analyzeFile, type FileOutput } from "./analyze";
import { TestCode } from "./test-code";
import { parseEnvFile } from "./env-file";
import { isParsable, type FileKind } from "./file-kinds";
import type { WordGate } from "./gate";
import { scanModule, type ImportRef } from "./module-scan";
import { Prefilter } from "./prefilter";
import type { EnvFileFacts } from "./project";
import { maskSfc } from "./sfc";
import { parseSuppressions, type Suppression } from "./suppressions";
import type { Notification } from "./types";

export interface FileJob {
  /** Discovery order, so results merge in the same order whatever thread produced them. */
  index: number;
  abs: string;
  rel: string;
  kind: FileKind;
  gitIgnored: boolean;
  /** The heavy step: parse the file and run just these detectors (facts were taken in the light step). */
  only?: string[];
}

export interface JobSettings {
  options: Record<string, Record<string, unknown>>;
  budgets: Budgets;
  /** The configuration's test paths (see TestCode). */
  testPaths?: string[];
}

export interface FileJobResult {
  index: number;
  rel: string;
  kind: FileKind;
  gitIgnored: boolean;
  /** Set when the file could not be read at all. */
  unreadable?: { id: string; message: string };
  /** Decoding and budget notes, suppression warnings. */
  notes: Notification[];
  textOnly: boolean;
  imports?: ImportRef[];
  directives?: string[];
  /** Names the script declares as exports; absent when they cannot be told (see ModuleScan.exports). */
  exports?: string[];
  /** package.json / tsconfig text, for the project facts (small files). */
  configText?: string;
  env?: EnvFileFacts;
  suppressions: Suppression[];
  /** A file that needs no tree and that no detector wanted. */
  prefilteredOut: boolean;
  /** A script whose syntax-tree detectors the gate chooses once the import graph is known. */
  gate?: WordGate;
  /** Detectors whose hint words occur in the script (see Detector.hints). */
  hints?: string[];
  /** The result of a heavy step. */
  heavy?: boolean;
  /** Detectors the file was given to. */
  given: string[];
  output?: FileOutput;
  millis: { read: number; facts: number; prefilter: number };
}

const FACT_FILES = /(^|\/)(package\.json|(tsconfig|jsconfig)(\.[\w.-]+)?\.json)$/;
const TEMPLATE_ENV = /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./;

export class FileProcessor {
  private readonly prefilter: Prefilter;
  private readonly byId: Map<string, Detector>;

  constructor(
    detectors: readonly Detector[],
    private readonly settings: JobSettings,
  ) {
    this.prefilter = new Prefilter(detectors, settings.options);
    this.byId = new Map(detectors.map((d) => [d.id, d]));
    this.tests = new TestCode(settings.testPaths ?? []);
  }
  private readonly tests: TestCode;

  async process(job: FileJob): Promise<FileJobResult> {
    const out = emptyResult(job);
    let t = performance.now();
    const read = readFile(job.abs, job.kind, this.settings.budgets);
    out.millis.read = performance.now() - t;
    if (!read.ok) {
      out.unreadable = { id: read.id, message: read.message };
      return out;
    }
    const text = read.text;
    out.textOnly = Boolean(read.textOnly);
    const input = { path: job.rel, kind: job.kind, text, gitIgnored: job.gitIgnored, textOnly: read.textOnly };

    if (job.only) {
      out.heavy = true;
      if (out.textOnly) return out;
      const chosen = job.only.map((id) => this.byId.get(id)!).filter(Boolean);
      out.given = chosen.map((d) => d.id);
      out.output = await this.analyze(input, chosen, this.prefilter.match(text, job.kind, job.rel, true).keywords);
      return out;
    }

    if (read.note) out.notes.push({ level: "note", id: read.note.id, file: job.rel, message: read.note.message });
    if (read.textOnly)
      out.notes.push({ level: "note", id: read.textOnly.id, file: job.rel, message: read.textOnly.message });

    t = performance.now();
    if (job.kind === "script" || job.kind === "sfc") {
      // Minified and generated files are leaves of the graph: nobody imports built output by relative path.
      if (!read.textOnly) {
        const scanned = scanModule(job.kind === "sfc" ? maskSfc(job.rel, text).text : text);
        out.imports = scanned.imports;
        out.directives = scanned.directives;
        if (scanned.exports) out.exports = scanned.exports;
      }
    } else if (job.kind === "json" && FACT_FILES.test(job.rel)) {
      out.configText = text;
    } else if (job.kind === "env") {
      out.env = {
        path: job.rel,
        entries: parseEnvFile(text).map((e) => ({
          name: e.name,
          line: e.line,
          nameStart: e.nameStart,
          hasValue: e.value.trim() !== "",
        })),
        gitIgnored: job.gitIgnored,
        template: TEMPLATE_ENV.test(path.posix.basename(job.rel).toLowerCase()),
      };
    }
    // Markdown and JSON hold no code comments: examples of the marker in docs are not suppressions.
    if (job.kind !== "text" && job.kind !== "json") out.suppressions = parseSuppressions(job.rel, text, out.notes);
    out.millis.facts = performance.now() - t;

    t = performance.now();
    const parsable = isParsable(job.kind) && !read.textOnly;
    const match = this.prefilter.match(text, job.kind, job.rel, parsable, out.imports);
    out.millis.prefilter = performance.now() - t;
    // Syntax-tree detectors of a script wait for the gate; everything else runs here, on the text.
    const now = parsable ? match.detectors.filter((d) => !d.needs.ast) : match.detectors;
    if (parsable) {
      out.gate = {
        wanted: match.detectors.filter((d) => d.needs.ast).map((d) => d.id),
        dependent: match.dependent.map((d) => d.id),
      };
      if (match.hinted.length) out.hints = match.hinted.map((d) => d.id);
    }
    if (now.length) {
      out.given = now.map((d) => d.id);
      out.output = await this.analyze(input, now, match.keywords);
    } else if (!parsable) out.prefilteredOut = true;
    return out;
  }

  private analyze(
    input: Parameters<typeof analyzeFile>[0],
    detectors: readonly Detector[],
    keywords: ReadonlySet<string>,
  ): Promise<FileOutput> {
    return analyzeFile(
      input,
      detectors,
      keywords,
      this.settings.options,
      this.settings.budgets.maxFileMillis,
      this.tests,
    );
  }
}

/** A job's result before anything is known about the file (also what a given-up job reports). */
export function emptyResult(job: FileJob): FileJobResult {
  return {
    index: job.index,
    rel: job.rel,
    kind: job.kind,
    gitIgnored: job.gitIgnored,
    notes: [],
    textOnly: false,
    suppressions: [],
    prefilteredOut: false,
    given: [],
    millis: { read: 0, facts: 0, prefilter: 0 },
  };
}
