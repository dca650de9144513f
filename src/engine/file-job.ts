/**
 * Everything done to one discovered file, as one pure function of the file and the scan settings:
 * read it under the budgets, take its project facts (imports, directives, package and tsconfig
 * text, env keys), its inline suppressions, run the keyword prefilter and the detectors that asked
 * for it. The result is plain data. It runs in worker threads on both cores when the bundle is
 * there (the main thread only walks and merges), or in the main thread otherwise: one code path.
 */
import * as path from "node:path";
import type { Detector } from "../detectors/types";
import type { Budgets } from "./read";
import { readFile } from "./read";
import { analyzeFile, type FileInput, type FileOutput } from "./analyze";
import { TestCode } from "./test-code";
import { parseEnvFile } from "./env-file";
import { isParsable, type FileKind } from "./file-kinds";
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
  /** Demand-driven rounds: run just these detectors, without prefilter or facts (already taken). */
  only?: string[];
}

export interface JobSettings {
  options: Record<string, Record<string, unknown>>;
  budgets: Budgets;
  /** The configuration's test paths (see TestCode). */
  testPaths?: string[];
}

/** Parsing and detection of one file, handed to the thread that has TypeScript loaded. */
export interface Analysis {
  index: number;
  input: FileInput;
  detectorIds: string[];
  keywords: string[];
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
  /** package.json / tsconfig text, for the project facts (small files). */
  configText?: string;
  env?: EnvFileFacts;
  suppressions: Suppression[];
  /** No detector wanted the file. */
  prefilteredOut: boolean;
  /** Read again in a demand-driven round (see Detector.select). */
  demand?: boolean;
  /** Detectors the file was given to. */
  given: string[];
  output?: FileOutput;
  /** Set instead of `output` when this thread does not parse: the analysis to run elsewhere. */
  deferred?: Analysis;
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
    /**
     * Whether this thread parses. A thread that does not (a "light" lane) never loads TypeScript: it
     * hands the file's analysis back as `deferred` for the one thread that has it loaded.
     */
    private readonly parseHere = true,
  ) {
    this.prefilter = new Prefilter(detectors);
    this.byId = new Map(detectors.map((d) => [d.id, d]));
    this.tests = new TestCode(settings.testPaths ?? []);
  }
  private readonly tests: TestCode;

  /** Parse and run detectors for a file a light lane deferred. */
  analyze(a: Analysis): Promise<FileOutput> {
    const chosen = a.detectorIds.map((id) => this.byId.get(id)!).filter(Boolean);
    return analyzeFile(
      a.input,
      chosen,
      new Set(a.keywords),
      this.settings.options,
      this.settings.budgets.maxFileMillis,
      this.tests,
    );
  }

  async process(job: FileJob): Promise<FileJobResult> {
    const out: FileJobResult = {
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
    let t = performance.now();
    const read = readFile(job.abs, job.kind, this.settings.budgets);
    out.millis.read = performance.now() - t;
    if (!read.ok) {
      out.unreadable = { id: read.id, message: read.message };
      return out;
    }
    const text = read.text;
    out.textOnly = Boolean(read.textOnly);

    if (job.only) {
      if (out.textOnly) return out;
      const chosen = job.only.map((id) => this.byId.get(id)!).filter(Boolean);
      out.demand = true;
      out.given = chosen.map((d) => d.id);
      const analysis: Analysis = {
        index: job.index,
        input: { path: job.rel, kind: job.kind, text, gitIgnored: job.gitIgnored },
        detectorIds: out.given,
        keywords: [...this.prefilter.match(text, job.kind).keywords],
      };
      if (this.parseHere) out.output = await this.analyze(analysis);
      else out.deferred = analysis;
      return out;
    }

    if (read.note) out.notes.push({ level: "note", id: read.note.id, file: job.rel, message: read.note.message });
    if (read.textOnly)
      out.notes.push({ level: "note", id: read.textOnly.id, file: job.rel, message: read.textOnly.message });

    t = performance.now();
    if (job.kind === "script" || job.kind === "sfc") {
      // Minified bundles are leaves of the graph: nobody imports built output by relative path.
      if (!read.textOnly) {
        const scanned = scanModule(job.kind === "sfc" ? maskSfc(job.rel, text).text : text);
        out.imports = scanned.imports;
        out.directives = scanned.directives;
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
    const match = this.prefilter.match(text, job.kind, job.rel);
    out.millis.prefilter = performance.now() - t;
    if (match.detectors.length === 0) {
      out.prefilteredOut = true;
      return out;
    }
    out.given = match.detectors.map((d) => d.id);
    const input: FileInput = {
      path: job.rel,
      kind: job.kind,
      text,
      gitIgnored: job.gitIgnored,
      textOnly: read.textOnly,
    };
    const needsParse = isParsable(job.kind) && !read.textOnly && match.detectors.some((d) => d.needs.ast);
    if (needsParse && !this.parseHere) {
      out.deferred = { index: job.index, input, detectorIds: out.given, keywords: [...match.keywords] };
      return out;
    }
    out.output = await analyzeFile(
      input,
      match.detectors,
      match.keywords,
      this.settings.options,
      this.settings.budgets.maxFileMillis,
      this.tests,
    );
    return out;
  }
}
