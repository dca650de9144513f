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
import { describe } from "./analyze";
import { FilePool, discardPrestarted, processorFor, workerScriptPath } from "./pool";
import { FileProcessor, type Analysis, type FileJob, type FileJobResult, type JobSettings } from "./file-job";
import type { FileOutput } from "./analyze";
import { isParsable } from "./file-kinds";
import { discover } from "./discover";
import { finalizeFindings, redactOutputs } from "./finalize";
import { ProjectFacts } from "./project";
import { TestCode } from "./test-code";
import { readFile } from "./read";
import { isInside, realpathOrUndefined } from "../io/files";
import { gitTopLevel } from "../git/work-tree";
import { applySuppressions, inlineRecords, type Suppression } from "./suppressions";
import { applyBaseline, baselineRecords, readBaseline } from "./baseline";
import type { Finding, Notification, ScanStats, SuppressionRecord } from "./types";
import type { HistoryOptions } from "../history/options";
import type { VerificationSummary } from "../verify/types";

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
  /** Worker threads that process files; default: one per core when running from the bundle. */
  workers?: number;
  /** Also read git history (opt-in: CLI `--history`, Action input `scan-history`). */
  history?: HistoryOptions;
  /** Progress lines of long-running phases (the CLI writes them to stderr). */
  onProgress?: (message: string) => void;
  /** Called as each phase starts; `stats` is live: its counts grow while the phase runs. */
  onPhase?: (phase: ScanPhase, stats: Readonly<ScanStats>) => void;
  /** The clock suppression expiry dates are compared with (default: now). */
  now?: Date;
}

/** What the scan is doing, for progress lines. */
export type ScanPhase = "files" | "project" | "finalize";

export interface ScanResult {
  srcRoot: string;
  /** The scanned paths, absolute. */
  roots: string[];
  findings: Finding[];
  notifications: Notification[];
  stats: ScanStats;
  /** Detector crashes and other internal errors (what `--strict` turns into exit 2). */
  internalErrors: number;
  /** Inline suppressions and baseline entries, with what each hides. */
  suppressions: SuppressionRecord[];
  startedAt: Date;
  finishedAt: Date;
  secrets: SecretRegistry;
  project: ProjectFacts;
  config: ScanConfig;
  /** Set by `--verify` (verify/index.ts). */
  verification?: VerificationSummary;
}

export { UsageError };

export { gitTopLevel };

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

/** Files per batch sent to a light lane, and batches waiting to be merged, at most. */
const BATCH_SIZE = 32;
/** Files per batch sent to the heavy (parsing) lane. */
const HEAVY_BATCH_SIZE = 4;
const MAX_BATCHES_IN_FLIGHT = 64;

export async function scan(options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date();
  const config = options.config ?? defaultConfig();
  const detectors = (options.detectors ?? DETECTORS).filter(
    (d) =>
      !config.disabledRules.has(d.rule) &&
      Object.keys(d.checks).some((c) => !config.disabledChecks.has(`${d.rule}/${c}`)),
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
  const srcRoot = options.srcRoot
    ? fs.realpathSync(path.resolve(options.srcRoot))
    : (gitTopLevel(firstDir) ?? firstDir);

  const project = new ProjectFacts(
    srcRoot,
    { client: config.clientPaths, server: config.serverPaths },
    new TestCode(config.testPaths),
  );
  const secrets = new SecretRegistry();
  const notifications: Notification[] = [];
  const raw: Finding[] = [];
  const suppressions: Suppression[] = [];
  const facts = new Map<string, Array<{ file: string; fact: unknown }>>();
  const phases = new Phases();
  const stats: ScanStats = { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: phases.totals };
  let internalErrors = 0;

  // Files are processed in batches by worker threads when the bundle is running (see pool.ts);
  // custom detectors given by a caller exist only here, so they keep everything in this thread.
  const settings: JobSettings = {
    options: config.detectorOptions,
    budgets: config.budgets,
    testPaths: config.testPaths,
  };
  const workerCount =
    options.workers ??
    (options.detectors || !workerScriptPath() ? 0 : Math.max(1, Math.min(4, os.availableParallelism())));
  const ids = detectors.map((d) => d.id);
  let pool: FilePool | undefined;
  const startPool = (): FilePool => (pool ??= new FilePool(workerCount, workerScriptPath()!, ids, settings));
  // Without workers this thread does everything; with one worker it does the light work itself.
  let inThread: FileProcessor | undefined;
  const here = (): FileProcessor =>
    (inThread ??=
      workerCount === 0 ? new FileProcessor(detectors, settings, true) : processorFor(ids, settings, false));
  const processHere = async (jobs: FileJob[]): Promise<FileJobResult[]> => {
    const out: FileJobResult[] = [];
    for (const job of jobs) out.push(await here().process(job));
    return out;
  };
  // Until the first script starts the pool, batches (config, env and text files) are done here: a
  // tree with nothing to parse never pays for starting workers.
  const light = (jobs: FileJob[]): Promise<FileJobResult[]> =>
    pool?.hasLightLanes ? pool.light(jobs) : processHere(jobs);

  /** Files given to each detector, so demand-driven rounds never analyse one twice. */
  const given = new Map<string, Set<string>>();
  const analyzedBy = (id: string): Set<string> => {
    let set = given.get(id);
    if (!set) given.set(id, (set = new Set()));
    return set;
  };

  // File results merge in discovery order as they come; analysis outputs (findings, facts) are kept
  // by discovery index and merged in that order at the end, whichever thread produced them first.
  const outputs = new Map<number, Promise<FileOutput>>();
  let deferred: Analysis[] = [];
  const flushDeferred = (): void => {
    if (!deferred.length) return;
    const batchOf = deferred;
    deferred = [];
    const done = startPool().heavy(batchOf);
    batchOf.forEach((a, i) =>
      outputs.set(
        a.index,
        done.then((o) => o[i]!),
      ),
    );
  };
  const queue: Array<Promise<FileJobResult[]>> = [];
  let drained = 0;
  // Files no keyword selected; one a demand-driven round reads after all no longer counts as such.
  const prefilteredOut = new Set<string>();
  const mergeFile = (r: FileJobResult): void => {
    phases.add("read", r.millis.read);
    phases.add("facts", r.millis.facts);
    phases.add("prefilter", r.millis.prefilter);
    if (r.unreadable) {
      // Reported once: a file asked for again by a demand-driven round is already known.
      if (project.files.has(r.rel)) return;
      stats.skipped++;
      notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
      project.addFile({ path: r.rel, kind: r.kind, gitIgnored: r.gitIgnored });
      return;
    }
    if (r.demand && prefilteredOut.delete(r.rel)) stats.prefilteredOut--;
    if (!project.files.has(r.rel)) {
      stats.read++;
      if (r.textOnly) stats.skipped++;
      if (r.prefilteredOut) {
        stats.prefilteredOut++;
        prefilteredOut.add(r.rel);
      }
      project.addFile({
        path: r.rel,
        kind: r.kind,
        gitIgnored: r.gitIgnored,
        imports: r.imports,
        directives: r.directives,
      });
      if (r.configText !== undefined) {
        try {
          if (r.rel.endsWith("package.json")) project.addPackageJson(r.rel, r.configText);
          else project.addTsconfig(r.rel, r.configText);
        } catch (err) {
          notifications.push({
            level: "warning",
            id: "config-unreadable",
            file: r.rel,
            message: `could not be read as JSON: ${(err as Error).message}`,
          });
        }
      }
      if (r.env) project.addEnvFile(r.env);
      suppressions.push(...r.suppressions);
    }
    notifications.push(...r.notes);
    for (const id of r.given) analyzedBy(id).add(r.rel);
    if (r.output) outputs.set(r.index, Promise.resolve(r.output));
    else if (r.deferred) {
      deferred.push(r.deferred);
      if (deferred.length >= HEAVY_BATCH_SIZE) flushDeferred();
    }
  };
  const drainOne = async (): Promise<void> => {
    if (drained >= queue.length) return;
    for (const r of await queue[drained++]!) mergeFile(r);
  };
  const drainAll = async (): Promise<void> => {
    while (drained < queue.length) await drainOne();
    flushDeferred();
  };
  const mergeOutputs = async (): Promise<void> => {
    const ready = [...outputs.keys()].sort((a, b) => a - b);
    for (const index of ready) {
      const output = await outputs.get(index)!;
      outputs.delete(index);
      const file = output.file;
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
    }
  };
  let batch: FileJob[] = [];
  let nextIndex = 0;
  const flush = async (): Promise<void> => {
    if (!batch.length) return;
    queue.push(light(batch));
    batch = [];
    // Bounded memory and prompt merging: never let many batches wait unmerged.
    while (queue.length - drained > MAX_BATCHES_IN_FLIGHT) await drainOne();
    if (workerCount === 0) await drainOne();
  };

  options.onPhase?.("files", stats);
  const files = discover({
    roots,
    srcRoot,
    accept: config.accept,
    onNotice: (file, id, message, level) =>
      notifications.push({ level, id, file: path.relative(srcRoot, file).split(path.sep).join("/"), message }),
  });
  for (;;) {
    const t = performance.now();
    const next = files.next();
    phases.add("discovery", performance.now() - t);
    if (next.done) break;
    stats.discovered++;
    // Start the workers with the first script: the heavy lane loads TypeScript during the walk.
    if (workerCount > 0 && isParsable(next.value.kind)) startPool();
    batch.push({ ...next.value, index: nextIndex++ });
    if (batch.length >= BATCH_SIZE) await flush();
  }
  await flush();
  await drainAll();
  pool?.doneReading();
  // Every file's facts are in: resolve the import graph while the heavy lane finishes parsing.
  for (const p of phases.time("facts", () => project.finish()))
    notifications.push({ level: "warning", id: "config-unreadable", ...p });
  await mergeOutputs();

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

  // Demand-driven rounds: files a detector asks for once it has seen the rest (see Detector.select).
  options.onPhase?.("project", stats);
  const selectPhase = performance.now();
  for (const detector of detectors) {
    if (!detector.select) continue;
    const seen = analyzedBy(detector.id);
    for (let round = 0; round < MAX_SELECT_ROUNDS; round++) {
      let wanted: string[];
      try {
        wanted = [...detector.select(projectContext(detector))]
          .filter((f) => !seen.has(f) && isParsable(project.files.get(f)?.kind ?? "text"))
          .sort();
      } catch (err) {
        internalErrors++;
        notifications.push({
          level: "error",
          id: "detector-error",
          message: `detector ${detector.id} failed choosing files: ${describe(err)}`,
        });
        break;
      }
      if (!wanted.length) break;
      for (const rel of wanted) {
        seen.add(rel);
        const summary = project.files.get(rel)!;
        batch.push({
          index: nextIndex++,
          abs: path.join(srcRoot, rel),
          rel,
          kind: summary.kind,
          gitIgnored: summary.gitIgnored,
          only: [detector.id],
        });
        if (batch.length >= BATCH_SIZE) await flush();
      }
      await flush();
      await drainAll();
      await mergeOutputs();
    }
  }
  phases.add("detectors", performance.now() - selectPhase);
  if (pool) {
    for (const problem of pool.problems)
      notifications.push({ level: "warning", id: "worker-failed", message: problem });
    await pool.close();
  } else discardPrestarted();

  const projectPhase = performance.now();
  for (const detector of detectors) {
    if (!detector.analyzeProject) continue;
    try {
      await detector.analyzeProject(projectContext(detector));
    } catch (err) {
      internalErrors++;
      notifications.push({
        level: "error",
        id: "detector-error",
        message: `detector ${detector.id} failed in its project phase: ${describe(err)}`,
      });
    }
  }
  phases.add("detectors", performance.now() - projectPhase);

  options.onPhase?.("finalize", stats);
  const now = options.now ?? new Date();
  const records: SuppressionRecord[] = [];
  const findings = phases.time("finalize", () =>
    finalizeFindings(raw, config, secrets, (file) => {
      // A finding's path may come from git history (a crafted `..` entry, a file since replaced by a
      // link to /etc/passwd or a FIFO): only regular files inside a scanned path are read again.
      const abs = path.resolve(srcRoot, file);
      if (!roots.some((r) => isInside(abs, r)) || realpathOrUndefined(abs) !== abs) return undefined;
      const r = readFile(abs, "text", config.budgets);
      return r.ok ? r.text : undefined;
    }),
  );
  phases.time("finalize", () => {
    notifications.push(
      ...applySuppressions(findings, suppressions, (rule) => !config.disabledRules.has(rule as never), now),
    );
    // Nothing leaves the scan unredacted; baselines are written from (and compared with) redacted paths.
    const scrub = (s: string) => secrets.scrub(s);
    redactOutputs(findings, notifications, scrub);
    records.push(...inlineRecords(suppressions));
    const baseline = options.baseline ?? config.baseline;
    if (baseline) notifications.push(...hideBaselined(findings, baseline, srcRoot, scrub, now, records));
    // --list-suppressions shows each comment's file and reason: redacted like every other output.
    for (const r of records) Object.assign(r, { file: scrub(r.file), reason: scrub(r.reason) });
  });
  return {
    srcRoot,
    roots,
    findings,
    notifications,
    stats,
    internalErrors,
    suppressions: records,
    startedAt,
    finishedAt: new Date(),
    secrets,
    project,
    config,
  };
}

/** Hide the findings a baseline file lists; its records go to `records`. Returns the notifications. */
function hideBaselined(
  findings: Finding[],
  file: string,
  srcRoot: string,
  scrub: (s: string) => string,
  now: Date,
  records: SuppressionRecord[],
): Notification[] {
  const source = scrub(path.relative(srcRoot, file).split(path.sep).join("/"));
  const entries = readBaseline(file, scrub);
  const { hidden, notes } = applyBaseline(findings, entries, source, now);
  records.push(...baselineRecords(entries, source, now));
  return [
    ...notes,
    {
      level: "note",
      id: "baseline",
      message: `${hidden} known finding${hidden === 1 ? "" : "s"} hidden by the baseline ${source}`,
    },
  ];
}
