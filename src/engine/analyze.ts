/**
 * One file through the detectors that asked for it. A pure function of the file's text and the
 * detector list, so it can run in the main thread or in a worker: it returns plain data (findings,
 * facts, secrets to hide, notifications) and drops the syntax tree when it returns.
 */
import type { Detector, FileContext, FileReport } from "../detectors/types";
import type { ScriptBlock } from "./sfc";
import { maskSfc } from "./sfc";
import { LineIndex } from "./text";
import type { FileKind } from "./file-kinds";
import { isParsable } from "./file-kinds";
import { loadTypeScript, parseSource } from "./parse";
import {
  BudgetExceeded,
  StepTimedOut,
  clearFileBudget,
  hardLimit,
  markStep,
  startFileBudget,
  withTimeout,
} from "./budget";
import type { Finding, Location, Notification } from "./types";
import { TestCode } from "./test-code";
import type { MemoKey } from "./project";

export interface FileInput {
  path: string;
  kind: FileKind;
  text: string;
  gitIgnored: boolean;
  /** Why the file gets text checks only (large, minified), if it does. */
  textOnly?: { id: string; message: string };
}

export interface FileOutput {
  file: string;
  findings: Finding[];
  facts: Array<{ detector: string; fact: unknown }>;
  secrets: string[];
  notifications: Notification[];
  parsed: boolean;
  parseMillis: number;
  detectMillis: number;
}

export async function analyzeFile(
  input: FileInput,
  detectors: readonly Detector[],
  keywords: ReadonlySet<string>,
  options: Record<string, Record<string, unknown>>,
  maxFileMillis: number,
  tests: TestCode = new TestCode([]),
): Promise<FileOutput> {
  const out: FileOutput = {
    file: input.path,
    findings: [],
    facts: [],
    secrets: [],
    notifications: [],
    parsed: false,
    parseMillis: 0,
    detectMillis: 0,
  };
  const lines = new LineIndex(input.text);
  let textOnly = Boolean(input.textOnly);
  let blocks: readonly ScriptBlock[] | undefined;
  let sourceFile: import("typescript").SourceFile | undefined;
  let ts: typeof import("typescript") | undefined;

  const wantsAst = !textOnly && isParsable(input.kind) && detectors.some((d) => d.needs.ast);
  if (wantsAst) {
    const t = performance.now();
    ts = await loadTypeScript();
    markStep();
    try {
      let parseText = input.text;
      let sfc: { typescript: boolean; jsx: boolean } | undefined;
      if (input.kind === "sfc") {
        const masked = maskSfc(input.path, input.text);
        parseText = masked.text;
        blocks = masked.blocks;
        sfc = masked;
      }
      sourceFile = withTimeout(() => parseSource(input.path, parseText, input.kind, sfc), hardLimit(maxFileMillis));
      out.parsed = true;
      const diagnostics = (sourceFile as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
      if (diagnostics.length) {
        out.notifications.push({
          level: "note",
          id: "syntax-errors",
          file: input.path,
          message: `${diagnostics.length} syntax error(s): the parser recovered, results for this file may be incomplete`,
        });
      }
    } catch (err) {
      textOnly = true;
      const why =
        err instanceof RangeError
          ? "nesting too deep for the parser"
          : err instanceof StepTimedOut
            ? `parsing ${err.message}`
            : (err as Error).message;
      out.notifications.push({
        level: "warning",
        id: "parse-failed",
        file: input.path,
        message: `could not be parsed (${why}): credential patterns only`,
      });
    }
    out.parseMillis = performance.now() - t;
  }

  const t = performance.now();
  const isTest = tests.has(input.path);
  const memos = new Map<unknown, unknown>();
  for (const detector of detectors) {
    if ((isTest && detector.skipTests) || detector.skipPaths?.some((p) => p.test(input.path))) continue;
    const ctx: FileContext = {
      path: input.path,
      kind: input.kind,
      text: input.text,
      lines,
      keywords: new Set(detector.keywords.filter((k) => keywords.has(k))),
      textOnly,
      blocks,
      gitIgnored: input.gitIgnored,
      isTest,
      ts: detector.needs.ast ? ts : undefined,
      sourceFile: detector.needs.ast ? sourceFile : undefined,
      options: options[detector.id] ?? {},
      report: (r: FileReport) => {
        if (!(r.check in detector.checks)) throw new Error(`unknown check "${r.check}"`);
        out.findings.push({
          rule: detector.rule,
          check: r.check,
          location: { file: input.path, range: lines.range(r.start, r.end) },
          message: r.message,
          confidence: r.confidence ?? "high",
          ...(r.severity ? { severity: r.severity } : {}),
          ...(r.related?.length ? { related: r.related } : {}),
          ...(r.credentials?.length ? { credentials: r.credentials } : {}),
        });
      },
      location: (start: number, end: number, message?: string): Location => ({
        file: input.path,
        range: lines.range(start, end),
        ...(message ? { message } : {}),
      }),
      secret: (value: string) => {
        out.secrets.push(value);
      },
      fact: (fact: unknown) => {
        out.facts.push({ detector: detector.id, fact });
      },
      memo<T>(key: MemoKey<T>, build: () => T): T {
        if (!memos.has(key)) memos.set(key, build());
        return memos.get(key) as T;
      },
    };
    startFileBudget(maxFileMillis);
    try {
      if (detector.analyzeFile) withTimeout(() => detector.analyzeFile!(ctx), hardLimit(maxFileMillis));
    } catch (err) {
      out.notifications.push(
        err instanceof BudgetExceeded || err instanceof StepTimedOut
          ? {
              level: "warning",
              id: "file-time-budget",
              file: input.path,
              message: `${detector.id} stopped early: ${err.message}`,
            }
          : {
              level: "error",
              id: "detector-error",
              file: input.path,
              message: `detector ${detector.id} failed on this file: ${describe(err)}`,
            },
      );
    } finally {
      clearFileBudget();
    }
  }
  out.detectMillis = performance.now() - t;
  return out;
}

/** An error as one line, with the first stack frame that is ours, for bug reports. */
export function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const frame = err.stack
    ?.split("\n")
    .find((l) => l.includes("/src/") || l.includes("dist/index.js"))
    ?.trim();
  return `${err.name}: ${err.message}${frame ? ` (${frame})` : ""}`;
}
