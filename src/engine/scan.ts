/**
 * The scan pipeline: discover → read → prefilter → (parse → detect) per file, streaming, so that only
 * the files that matter are ever parsed and no syntax tree outlives its file; then project facts and
 * the cross-file phase of each detector; then finalisation (redaction, fingerprints, order).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DETECTORS } from "../detectors/index";
import type { Detector, ProjectContext } from "../detectors/types";
import { defaultConfig } from "../config/defaults";
import type { ScanConfig } from "../config/types";
import { SecretRegistry } from "../secrets/redact";
import { UsageError } from "./errors";
import { analyzeFile, describe, type FileInput, type FileOutput } from "./analyze";
import { AnalysisPool, workerScriptPath, type Task } from "./pool";
import { isParsable } from "./file-kinds";
import { discover } from "./discover";
import { parseEnvFile } from "./env-file";
import { finalizeFindings } from "./finalize";
import { scanModule } from "./module-scan";
import { Prefilter } from "./prefilter";
import { ProjectFacts } from "./project";
import { readFile } from "./read";
import { maskSfc } from "./sfc";
import { applySuppressions, parseSuppressions, type Suppression } from "./suppressions";
import { applyBaseline, readBaseline } from "./baseline";
import type { Finding, Notification, ScanStats } from "./types";
import type { HistoryOptions } from "../history/options";

export interface ScanOptions {
  /** Files or directories to scan. */
  paths: string[];
  /** Directory that reported paths are relative to; default: the git work tree of the first path. */
  srcRoot?: string;
  config?: ScanConfig;
  /** Detectors to run; default: all registered. */
  detectors?: readonly Detector[];
  /** Baseline file whose findings are hidden (overrides the configuration's). */
  baseline?: string;
  /** Worker threads for parsing; default: one per spare core when running from the bundle. */
  workers?: number;
  /** Also read git history (opt-in: CLI `--history`, Action input `scan-history`). */
  history?: HistoryOptions;
  /** Progress lines of long-running phases (the CLI writes them to stderr). */
  onProgress?: (message: string) => void;
}

export interface ScanResult {
  srcRoot: string;
  /** The scanned paths, absolute. */
  roots: string[];
  findings: Finding[];
  notifications: Notification[];
  stats: ScanStats;
  /** Detector crashes and other internal errors (what `--strict` turns into exit 2). */
  internalErrors: number;
  startedAt: Date;
  finishedAt: Date;
  secrets: SecretRegistry;
  project: ProjectFacts;
  config: ScanConfig;
}

export { UsageError };

/** The nearest directory at or above `dir` holding `.git`, or undefined. */
export function gitTopLevel(dir: string): string | undefined {
  for (let cur = dir; ; cur = path.dirname(cur)) {
    if (fs.existsSync(path.join(cur, ".git"))) return cur;
    if (path.dirname(cur) === cur) return undefined;
  }
}

class Phases {
  readonly totals: Record<string, number> = {};
  add(name: string, ms: number): void {
    this.totals[name] = (this.totals[name] ?? 0) + ms;
  }
  time<T>(name: string, fn: () => T): T {
    const t = performance.now();
    try {
      return fn();
    } finally {
      this.add(name, performance.now() - t);
    }
  }
}

/** Demand-driven rounds per detector, at most (each round may follow one more step of imports). */
const MAX_SELECT_ROUNDS = 6;

/** Files handed to workers and not yet answered, at most. */
const MAX_IN_FLIGHT = 2000;

const FACT_FILES = /(^|\/)(package\.json|(tsconfig|jsconfig)(\.[\w.-]+)?\.json)$/;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date();
  const config = options.config ?? defaultConfig();
  const detectors = (options.detectors ?? DETECTORS).filter(
    (d) => !config.disabledRules.has(d.rule) && Object.keys(d.checks).some((c) => !config.disabledChecks.has(`${d.rule}/${c}`)),
  );
  if (options.paths.length === 0) throw new UsageError("no path to scan");
  const roots = options.paths.map((p) => {
    try {
      return fs.realpathSync(path.resolve(p));
    } catch {
      throw new UsageError(`path not found: ${p}`);
    }
  });
  const first = roots[0]!;
  const firstDir = fs.statSync(first).isDirectory() ? first : path.dirname(first);
  const srcRoot = options.srcRoot ? fs.realpathSync(path.resolve(options.srcRoot)) : (gitTopLevel(firstDir) ?? firstDir);

  const project = new ProjectFacts(srcRoot, { client: config.clientPaths, server: config.serverPaths });
  const prefilter = new Prefilter(detectors);
  const secrets = new SecretRegistry();
  const notifications: Notification[] = [];
  const raw: Finding[] = [];
  const suppressions: Suppression[] = [];
  const facts = new Map<string, Array<{ file: string; fact: unknown }>>();
  const phases = new Phases();
  const stats: ScanStats = { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: phases.totals };
  let internalErrors = 0;

  // Per-file results, merged in discovery order so that output does not depend on thread timing.
  const queue: Array<{ file: string; output: Promise<FileOutput> }> = [];
  let drained = 0;
  const drainOne = async (): Promise<void> => {
    if (drained >= queue.length) return;
    const { file, output: pending } = queue[drained++]!;
    const output = await pending;
    phases.add("parse", output.parseMillis);
    phases.add("detectors", output.detectMillis);
    if (output.parsed) stats.parsed++;
    if (output.notifications.some((n) => n.id === "parse-failed")) stats.skipped++;
    raw.push(...output.findings);
    secrets.addAll(output.secrets);
    notifications.push(...output.notifications);
    internalErrors += output.notifications.filter((n) => n.id === "detector-error").length;
    for (const { detector, fact } of output.facts) {
      let list = facts.get(detector);
      if (!list) facts.set(detector, (list = []));
      list.push({ file, fact });
    }
  };
  const workerCount =
    options.workers ?? (options.detectors || !workerScriptPath() ? 0 : Math.max(1, Math.min(4, os.availableParallelism() - 1)));
  let pool: AnalysisPool | undefined;
  /** Files given to each detector, so demand-driven rounds never analyse one twice. */
  const given = new Map<string, Set<string>>();
  const analyzedBy = (id: string): Set<string> => {
    let set = given.get(id);
    if (!set) given.set(id, (set = new Set()));
    return set;
  };
  /** Analyse one file with some detectors: in a worker when it needs parsing, else right here. */
  const submit = async (input: FileInput, chosen: readonly Detector[], keywords: ReadonlySet<string>): Promise<void> => {
    const wantsAst = isParsable(input.kind) && !input.textOnly && chosen.some((d) => d.needs.ast);
    if (wantsAst && workerCount > 0) {
      const task: Task = { input, detectorIds: chosen.map((d) => d.id), keywords: [...keywords], options: config.detectorOptions, maxFileMillis: config.budgets.maxFileMillis };
      pool ??= new AnalysisPool(workerCount, workerScriptPath()!);
      queue.push({ file: input.path, output: pool.submit(task) });
      // Bounded memory: do not let texts pile up in front of the workers.
      while (pool.inFlight > MAX_IN_FLIGHT) await drainOne();
    } else {
      queue.push({ file: input.path, output: analyzeFile(input, chosen, keywords, config.detectorOptions, config.budgets.maxFileMillis) });
      await drainOne();
    }
  };
  const projectContext = (detector: Detector): ProjectContext => ({
    project,
    facts: facts.get(detector.id) ?? [],
    options: config.detectorOptions[detector.id] ?? {},
    report: (f) => raw.push({ ...f, rule: detector.rule }),
    history: options.history,
    notify: (n) => notifications.push(n),
    progress: (m) => options.onProgress?.(secrets.scrub(m)),
    secret: (v) => secrets.add(v),
  });

  const files = discover({
    roots,
    srcRoot,
    accept: config.accept,
    onWarning: (file, message) => notifications.push({ level: "warning", id: "path-unreadable", file: path.relative(srcRoot, file), message }),
  });
  for (;;) {
    const t = performance.now();
    const next = files.next();
    phases.add("discovery", performance.now() - t);
    if (next.done) break;
    const file = next.value;
    stats.discovered++;
    // Start the workers with the first script: loading TypeScript there overlaps with the walk.
    if (!pool && workerCount > 0 && isParsable(file.kind)) pool = new AnalysisPool(workerCount, workerScriptPath()!);
    const read = phases.time("read", () => readFile(file.abs, file.kind, config.budgets));
    if (!read.ok) {
      stats.skipped++;
      notifications.push({ level: "warning", id: read.id, file: file.rel, message: read.message });
      project.addFile({ path: file.rel, kind: file.kind, gitIgnored: file.gitIgnored });
      continue;
    }
    stats.read++;
    if (read.note) notifications.push({ level: "note", id: read.note.id, file: file.rel, message: read.note.message });
    if (read.textOnly) {
      stats.skipped++;
      notifications.push({ level: "note", id: read.textOnly.id, file: file.rel, message: read.textOnly.message });
    }
    phases.time("facts", () => collectFacts(project, file.rel, file.kind, file.gitIgnored, read.text, Boolean(read.textOnly), notifications));
    // Markdown and JSON hold no code comments: examples of the marker in docs are not suppressions.
    if (file.kind !== "text" && file.kind !== "json") suppressions.push(...parseSuppressions(file.rel, read.text, notifications));

    const match = phases.time("prefilter", () => prefilter.match(read.text, file.kind, file.rel));
    if (match.detectors.length === 0) {
      stats.prefilteredOut++;
      continue;
    }
    for (const d of match.detectors) analyzedBy(d.id).add(file.rel);
    await submit({ path: file.rel, kind: file.kind, text: read.text, gitIgnored: file.gitIgnored, textOnly: read.textOnly }, match.detectors, match.keywords);
  }
  while (drained < queue.length) await drainOne();
  for (const p of phases.time("facts", () => project.finish())) notifications.push({ level: "warning", id: "config-unreadable", ...p });

  // Demand-driven rounds: files a detector asks for once it has seen the rest (see Detector.select).
  const selectPhase = performance.now();
  for (const detector of detectors) {
    if (!detector.select) continue;
    const seen = analyzedBy(detector.id);
    for (let round = 0; round < MAX_SELECT_ROUNDS; round++) {
      let wanted: string[];
      try {
        wanted = [...detector.select(projectContext(detector))].filter((f) => !seen.has(f) && isParsable(project.files.get(f)?.kind ?? "text")).sort();
      } catch (err) {
        internalErrors++;
        notifications.push({ level: "error", id: "detector-error", message: `detector ${detector.id} failed choosing files: ${describe(err)}` });
        break;
      }
      if (!wanted.length) break;
      for (const rel of wanted) {
        seen.add(rel);
        const summary = project.files.get(rel)!;
        const read = readFile(path.join(srcRoot, rel), summary.kind, config.budgets);
        if (!read.ok || read.textOnly) continue;
        const keywords = prefilter.match(read.text, summary.kind).keywords;
        await submit({ path: rel, kind: summary.kind, text: read.text, gitIgnored: summary.gitIgnored }, [detector], keywords);
      }
      while (drained < queue.length) await drainOne();
    }
  }
  phases.add("detectors", performance.now() - selectPhase);
  if (pool) {
    for (const problem of pool.problems) notifications.push({ level: "warning", id: "worker-failed", message: problem });
    await pool.close();
  }

  const projectPhase = performance.now();
  for (const detector of detectors) {
    if (!detector.analyzeProject) continue;
    try {
      await detector.analyzeProject(projectContext(detector));
    } catch (err) {
      internalErrors++;
      notifications.push({ level: "error", id: "detector-error", message: `detector ${detector.id} failed in its project phase: ${describe(err)}` });
    }
  }
  phases.add("detectors", performance.now() - projectPhase);

  const findings = phases.time("finalize", () =>
    finalizeFindings(raw, config, secrets, (file) => {
      const r = readFile(path.join(srcRoot, file), "text", config.budgets);
      return r.ok ? r.text : undefined;
    }),
  );
  phases.time("finalize", () => {
    notifications.push(...applySuppressions(findings, suppressions, (rule) => !config.disabledRules.has(rule as never)));
    const baseline = options.baseline ?? config.baseline;
    if (baseline) {
      const hidden = applyBaseline(findings, readBaseline(baseline), path.relative(srcRoot, baseline) || baseline);
      notifications.push({ level: "note", id: "baseline", message: `${hidden} known finding(s) hidden by the baseline ${baseline}` });
    }
  });
  for (const n of notifications) n.message = secrets.scrub(n.message);
  return { srcRoot, roots, findings, notifications, stats, internalErrors, startedAt, finishedAt: new Date(), secrets, project, config };
}

/** Project facts that come from reading a file, parsed or not: imports, packages, aliases, env keys. */
function collectFacts(
  project: ProjectFacts,
  rel: string,
  kind: import("./file-kinds").FileKind,
  gitIgnored: boolean,
  text: string,
  textOnly: boolean,
  notifications: Notification[],
): void {
  if (kind === "script" || kind === "sfc") {
    // Minified bundles are leaves of the graph: nobody imports built output by relative path.
    const scanned = textOnly ? undefined : scanModule(kind === "sfc" ? maskSfc(rel, text).text : text);
    project.addFile({ path: rel, kind, gitIgnored, imports: scanned?.imports, directives: scanned?.directives });
    return;
  }
  project.addFile({ path: rel, kind, gitIgnored });
  if (kind === "json" && FACT_FILES.test(rel)) {
    try {
      if (rel.endsWith("package.json")) project.addPackageJson(rel, text);
      else project.addTsconfig(rel, text);
    } catch (err) {
      notifications.push({ level: "warning", id: "config-unreadable", file: rel, message: `could not be read as JSON: ${(err as Error).message}` });
    }
  } else if (kind === "env") {
    const base = path.posix.basename(rel).toLowerCase();
    project.addEnvFile({
      path: rel,
      entries: parseEnvFile(text).map((e) => ({ name: e.name, line: e.line, nameStart: e.nameStart, hasValue: e.value.trim() !== "" })),
      gitIgnored,
      template: /\.(example|sample|template|dist|defaults?|tmpl|tpl)$|\.example\./.test(base),
    });
  }
}
