/**
 * One scan, phase by phase:
 * 1. read every file (light step: text, facts, word gate, tree-less detectors), merged in discovery order;
 * 2. resolve the import graph, and let the gate (gate.ts) choose the scripts that get a syntax tree and
 *    the detectors each one gets; parse those (heavy step);
 * 3. demand-driven rounds: the files detectors ask for by name (Detector.select);
 * 4. the detectors' project phase, then finalisation (redaction, suppressions, baseline).
 * The session owns the merged state; the dispatcher (dispatch.ts) decides which thread does which file.
 */
import * as path from "node:path";
import type { Detector, ProjectContext } from "../detectors/types";
import type { ScanConfig } from "../config/types";
import type { HistoryOptions } from "../history/options";
import { saveCodeCache } from "../code-cache";
import { SecretRegistry } from "../secrets/redact";
import { describe, type FileOutput } from "./analyze";
import { applyBaseline, baselineRecords, readBaseline } from "./baseline";
import { hardLimit, withTimeout } from "./budget";
import { discover } from "./discover";
import { Dispatcher, LIGHT_BATCH, HEAVY_BATCH, MAX_LIGHT_IN_FLIGHT, type LaneFactory } from "./dispatch";
import type { FileJob, FileJobResult } from "./file-job";
import { isParsable } from "./file-kinds";
import { gate, importsPackage, type WordGate } from "./gate";
import { finalizeFindings, redactOutputs } from "./finalize";
import { isInside, realpathOrUndefined } from "../io/files";
import { loadTypeScript, TypeScriptNotLoaded } from "./parse";
import { ProjectFacts } from "./project";
import { readFile } from "./read";
import { applySuppressions, inlineRecords, type Suppression } from "./suppressions";
import type { Finding, Notification, ScanStats, SuppressionRecord } from "./types";
import type { ScanPhase } from "./scan";
import { TestCode } from "./test-code";

/** Demand-driven rounds, at most (each round may follow one more step of imports). */
const MAX_SELECT_ROUNDS = 6;

export interface SessionSetup {
  roots: string[];
  srcRoot: string;
  config: ScanConfig;
  detectors: readonly Detector[];
  lanes: LaneFactory;
  baseline?: string;
  history?: HistoryOptions;
  onProgress?: (message: string) => void;
  /** Called as each phase starts (ScanOptions.onPhase). */
  onPhase?: (phase: ScanPhase, stats: Readonly<ScanStats>) => void;
  /** The clock suppression expiry dates are compared with. */
  now: Date;
}

export interface SessionResult {
  findings: Finding[];
  notifications: Notification[];
  stats: ScanStats;
  internalErrors: number;
  /** Inline suppressions and baseline entries, with what each hides. */
  suppressions: SuppressionRecord[];
  secrets: SecretRegistry;
  project: ProjectFacts;
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

export class ScanSession {
  private readonly config: ScanConfig;
  private readonly project: ProjectFacts;
  private readonly secrets = new SecretRegistry();
  private readonly notifications: Notification[] = [];
  private readonly raw: Finding[] = [];
  private readonly suppressions: Suppression[] = [];
  private readonly facts = new Map<string, Array<{ file: string; fact: unknown }>>();
  private readonly phases = new Phases();
  private readonly stats: ScanStats;
  private internalErrors = 0;
  private readonly dispatcher: Dispatcher;

  /** Files given to each detector, so demand-driven rounds never analyse one twice. */
  private readonly given = new Map<string, Set<string>>();
  /** Files no detector took; one a demand-driven round reads after all no longer counts as such. */
  private readonly prefilteredOut = new Set<string>();
  /** Light batches submitted, merged in submission order. */
  private readonly lightQueue: Array<Promise<FileJobResult[]>> = [];
  private merged = 0;
  private batch: FileJob[] = [];
  private nextIndex = 0;
  /** Scripts waiting for the gate: their discovery index and what their text said. */
  private readonly words = new Map<string, { index: number; gate: WordGate }>();
  /**
   * Analysis outputs by discovery index (twice it, plus one for the heavy step of the same file), merged
   * in that order whichever thread made them.
   */
  private readonly outputs = new Map<number, Promise<FileOutput | undefined>>();
  private warmed = false;

  constructor(private readonly setup: SessionSetup) {
    this.config = setup.config;
    this.project = new ProjectFacts(
      setup.srcRoot,
      { client: setup.config.clientPaths, server: setup.config.serverPaths },
      new TestCode(setup.config.testPaths),
    );
    this.stats = { discovered: 0, read: 0, prefilteredOut: 0, parsed: 0, skipped: 0, phases: this.phases.totals };
    this.dispatcher = new Dispatcher(setup.lanes, {
      stepLimitMs: hardLimit(setup.config.budgets.maxFileMillis),
      onProblem: (message) => this.notifications.push({ level: "warning", id: "worker-failed", message }),
    });
  }

  async run(): Promise<SessionResult> {
    try {
      await this.readAll();
      this.resolveGraph();
      await this.parseGated();
      await this.demandRounds();
    } finally {
      await this.dispatcher.close();
    }
    await this.projectPhase();
    saveCodeCache();
    this.setup.onPhase?.("finalize", this.stats);
    const { findings, records } = this.finalize();
    return {
      findings,
      notifications: this.notifications,
      stats: this.stats,
      internalErrors: this.internalErrors,
      suppressions: records,
      secrets: this.secrets,
      project: this.project,
    };
  }

  /** Walk the tree and read every file; files that need a tree are parsed as they come. */
  private async readAll(): Promise<void> {
    const { roots, srcRoot } = this.setup;
    this.setup.onPhase?.("files", this.stats);
    const files = discover({
      roots,
      srcRoot,
      accept: this.config.accept,
      onNotice: (file, id, message, level) =>
        this.notifications.push({ level, id, file: path.relative(srcRoot, file).split(path.sep).join("/"), message }),
    });
    for (;;) {
      const t = performance.now();
      const next = files.next();
      this.phases.add("discovery", performance.now() - t);
      if (next.done) break;
      this.stats.discovered++;
      // Workers start with the first script: lexing scripts is the bulk of the light work.
      if (isParsable(next.value.kind)) this.dispatcher.startWorkers();
      await this.enqueue({ ...next.value, index: this.nextIndex++ });
    }
    await this.flushLight();
    await this.drainLight();
    this.dispatcher.doneReading();
  }

  private async enqueue(job: FileJob): Promise<void> {
    this.batch.push(job);
    if (this.batch.length >= LIGHT_BATCH) await this.flushLight();
  }

  /** Parse the scripts the gate chose, each once, with every detector that takes it. */
  private async parseGated(): Promise<void> {
    const chosen = this.phases.time("gate", () => gate(this.project, this.setup.detectors, this.gateInput()));
    const jobs: FileJob[] = [];
    for (const [rel, { index }] of this.words) {
      const only = chosen.get(rel);
      if (!only) {
        this.stats.prefilteredOut++;
        this.prefilteredOut.add(rel);
        continue;
      }
      const summary = this.project.files.get(rel)!;
      jobs.push({
        index,
        abs: path.join(this.setup.srcRoot, rel),
        rel,
        kind: summary.kind,
        gitIgnored: summary.gitIgnored,
        only,
      });
    }
    this.words.clear();
    await this.parse(jobs);
  }

  private gateInput(): Map<string, WordGate> {
    return new Map([...this.words].map(([rel, w]) => [rel, w.gate]));
  }

  /** Heavy jobs in batches; their outputs are merged in discovery order. */
  private async parse(jobs: FileJob[]): Promise<void> {
    for (let i = 0; i < jobs.length; i += HEAVY_BATCH) {
      const batch = jobs.slice(i, i + HEAVY_BATCH);
      const done = this.dispatcher.heavy(batch);
      batch.forEach((job, k) =>
        this.outputs.set(
          job.index * 2 + 1,
          done.then((results) => this.mergeHeavy(results[k]!)),
        ),
      );
    }
    await this.mergeOutputs();
  }

  private mergeHeavy(r: FileJobResult): FileOutput | undefined {
    // Readable in the light step, gone since: said, not skipped silently.
    if (r.unreadable)
      this.notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
    for (const id of r.given) this.analyzedBy(id).add(r.rel);
    if (r.given.length && this.prefilteredOut.delete(r.rel)) this.stats.prefilteredOut--;
    return r.output;
  }

  /** Load TypeScript ahead of the first parse once a file shows that some script will need a tree. */
  private warmWhenNeeded(r: FileJobResult): void {
    if (this.warmed) return;
    const packages = this.setup.detectors.flatMap((d) => (d.needs.ast ? (d.imports?.packages ?? []) : []));
    const needsTree =
      Boolean(r.gate?.wanted.length) ||
      Boolean(r.imports?.some((ref) => importsPackage(ref.specifier, packages))) ||
      (r.rel.endsWith("package.json") && packages.some((p) => r.configText?.includes(`"${p}`)));
    if (!needsTree) return;
    this.warmed = true;
    this.dispatcher.warm();
  }

  private async flushLight(): Promise<void> {
    if (!this.batch.length) return;
    this.lightQueue.push(this.dispatcher.light(this.batch));
    this.batch = [];
    // Bounded memory and prompt merging: never let many batches wait unmerged. In this thread alone,
    // merge as we go (the work only runs while we wait).
    while (this.lightQueue.length - this.merged > (this.dispatcher.inThreadOnly ? 0 : MAX_LIGHT_IN_FLIGHT))
      await this.mergeNextLight();
  }

  private async mergeNextLight(): Promise<void> {
    if (this.merged >= this.lightQueue.length) return;
    for (const r of await this.lightQueue[this.merged++]!) this.mergeFile(r);
  }

  private async drainLight(): Promise<void> {
    while (this.merged < this.lightQueue.length) await this.mergeNextLight();
  }

  private analyzedBy(id: string): Set<string> {
    let set = this.given.get(id);
    if (!set) this.given.set(id, (set = new Set()));
    return set;
  }

  private mergeFile(r: FileJobResult): void {
    const { project, stats } = this;
    this.phases.add("read", r.millis.read);
    this.phases.add("facts", r.millis.facts);
    this.phases.add("prefilter", r.millis.prefilter);
    if (r.unreadable) {
      // Reported once: a file asked for again by a demand-driven round is already known.
      if (project.files.has(r.rel)) return;
      stats.skipped++;
      this.notifications.push({ level: "warning", id: r.unreadable.id, file: r.rel, message: r.unreadable.message });
      project.addFile({ path: r.rel, kind: r.kind, gitIgnored: r.gitIgnored });
      return;
    }
    this.warmWhenNeeded(r);
    if (!project.files.has(r.rel)) {
      stats.read++;
      if (r.textOnly) stats.skipped++;
      if (r.prefilteredOut) {
        stats.prefilteredOut++;
        this.prefilteredOut.add(r.rel);
      }
      project.addFile({
        path: r.rel,
        kind: r.kind,
        gitIgnored: r.gitIgnored,
        imports: r.imports,
        directives: r.directives,
        ...(r.hints ? { hints: r.hints } : {}),
        ...(r.exports ? { exports: r.exports } : {}),
      });
      if (r.configText !== undefined) {
        try {
          if (r.rel.endsWith("package.json")) project.addPackageJson(r.rel, r.configText);
          else project.addTsconfig(r.rel, r.configText);
        } catch (err) {
          this.notifications.push({
            level: "warning",
            id: "config-unreadable",
            file: r.rel,
            message: `could not be read as JSON: ${(err as Error).message}`,
          });
        }
      }
      if (r.env) project.addEnvFile(r.env);
      this.suppressions.push(...r.suppressions);
    }
    this.notifications.push(...r.notes);
    for (const id of r.given) this.analyzedBy(id).add(r.rel);
    if (r.output) this.outputs.set(r.index * 2, Promise.resolve(r.output));
    if (r.gate) this.words.set(r.rel, { index: r.index, gate: r.gate });
  }

  /** Every file's facts are in: resolve the import graph (while the tree lane finishes parsing). */
  private resolveGraph(): void {
    for (const p of this.phases.time("facts", () => this.project.finish()))
      this.notifications.push({ level: "warning", id: "config-unreadable", ...p });
  }

  private async mergeOutputs(): Promise<void> {
    const ready = [...this.outputs.keys()].sort((a, b) => a - b);
    for (const index of ready) {
      const output = await this.outputs.get(index)!;
      this.outputs.delete(index);
      if (!output) continue;
      const file = output.file;
      this.phases.add("parse", output.parseMillis);
      this.phases.add("detectors", output.detectMillis);
      if (output.parsed) this.stats.parsed++;
      if (output.notifications.some((n) => n.id === "parse-failed")) this.stats.skipped++;
      this.raw.push(...output.findings);
      this.secrets.addAll(output.secrets);
      this.notifications.push(...output.notifications);
      this.internalErrors += output.notifications.filter((n) => n.id === "detector-error").length;
      for (const { detector, fact } of output.facts) {
        let list = this.facts.get(detector);
        if (!list) this.facts.set(detector, (list = []));
        list.push({ file, fact });
      }
    }
  }

  private projectContext(detector: Detector): ProjectContext {
    return {
      project: this.project,
      facts: this.facts.get(detector.id) ?? [],
      options: this.config.detectorOptions[detector.id] ?? {},
      report: (f) => this.raw.push({ ...f, rule: detector.rule }),
      history: this.setup.history,
      notify: (n) => this.notifications.push(n),
      progress: (m) => this.setup.onProgress?.(this.secrets.scrub(m)),
      secret: (v) => this.secrets.add(v),
    };
  }

  /** A detector's failure in a project-wide step: a notification, never the end of the scan. */
  private detectorFailed(detector: Detector, what: string, err: unknown): void {
    this.internalErrors++;
    this.notifications.push({
      level: "error",
      id: "detector-error",
      message: `detector ${detector.id} failed ${what}: ${describe(err)}`,
    });
  }

  /**
   * Demand-driven rounds: files detectors ask for once they have seen the rest (see Detector.select).
   * Every detector asks in each round; a file asked for by several is parsed once for all of them. A
   * round ends the loop when nobody asks for a file it has not had, and there are MAX_SELECT_ROUNDS
   * at most, so the rounds always end.
   */
  private async demandRounds(): Promise<void> {
    this.setup.onPhase?.("project", this.stats);
    const started = performance.now();
    const limit = hardLimit(this.config.budgets.maxProjectMillis);
    let asking = this.setup.detectors.filter((d) => d.select);
    for (let round = 0; round < MAX_SELECT_ROUNDS && asking.length; round++) {
      const wantedBy = new Map<string, string[]>();
      asking = asking.filter((detector) => {
        const seen = this.analyzedBy(detector.id);
        let wanted: string[];
        try {
          wanted = withTimeout(() => [...detector.select!(this.projectContext(detector))], limit).filter(
            (f) => !seen.has(f) && isParsable(this.project.files.get(f)?.kind ?? "text"),
          );
        } catch (err) {
          this.detectorFailed(detector, "choosing files", err);
          return false;
        }
        for (const rel of wanted) {
          seen.add(rel);
          const ids = wantedBy.get(rel);
          if (ids) ids.push(detector.id);
          else wantedBy.set(rel, [detector.id]);
        }
        return wanted.length > 0;
      });
      await this.parse(
        [...wantedBy.keys()].sort().map((rel) => {
          const summary = this.project.files.get(rel)!;
          return {
            index: this.nextIndex++,
            abs: path.join(this.setup.srcRoot, rel),
            rel,
            kind: summary.kind,
            gitIgnored: summary.gitIgnored,
            only: wantedBy.get(rel)!,
          };
        }),
      );
    }
    this.phases.add("detectors", performance.now() - started);
  }

  private async projectPhase(): Promise<void> {
    const started = performance.now();
    const limit = hardLimit(this.config.budgets.maxProjectMillis);
    for (const detector of this.setup.detectors) {
      if (!detector.analyzeProject) continue;
      for (let attempt = 0; ; attempt++) {
        // Reports are kept until the phase succeeds: a phase run again must not report twice.
        const reports: Finding[] = [];
        const notes: Notification[] = [];
        const ctx: ProjectContext = {
          ...this.projectContext(detector),
          report: (f) => reports.push({ ...f, rule: detector.rule }),
          notify: (n) => notes.push(n),
        };
        try {
          await withTimeout(() => detector.analyzeProject!(ctx), limit);
          this.raw.push(...reports);
          this.notifications.push(...notes);
        } catch (err) {
          if (err instanceof TypeScriptNotLoaded && attempt === 0) {
            // Files are parsed in workers; this thread loads TypeScript only for a phase that needs it.
            const t = performance.now();
            await loadTypeScript();
            this.phases.add("load TypeScript", performance.now() - t);
            continue;
          }
          this.detectorFailed(detector, "in its project phase", err);
        }
        break;
      }
    }
    this.phases.add("detectors", performance.now() - started);
  }

  private finalize(): { findings: Finding[]; records: SuppressionRecord[] } {
    const { config } = this;
    const { srcRoot, now } = this.setup;
    const records: SuppressionRecord[] = [];
    const findings = this.phases.time("finalize", () =>
      finalizeFindings(this.raw, config, this.secrets, (file) => {
        // A finding's path may come from git history (a crafted `..` entry, a file since replaced by a
        // link to /etc/passwd or a FIFO): only regular files inside a scanned path are read again.
        const abs = path.resolve(srcRoot, file);
        if (!this.setup.roots.some((r) => isInside(abs, r)) || realpathOrUndefined(abs) !== abs) return undefined;
        const r = readFile(abs, "text", config.budgets);
        return r.ok ? r.text : undefined;
      }),
    );
    this.phases.time("finalize", () => {
      this.notifications.push(
        ...applySuppressions(findings, this.suppressions, (rule) => !config.disabledRules.has(rule as never), now),
      );
      // Nothing leaves the scan unredacted; baselines are written from (and compared with) redacted paths.
      const scrub = (text: string) => this.secrets.scrub(text);
      redactOutputs(findings, this.notifications, scrub);
      records.push(...inlineRecords(this.suppressions));
      const baseline = this.setup.baseline ?? config.baseline;
      if (baseline) this.notifications.push(...hideBaselined(findings, baseline, srcRoot, scrub, now, records));
      // --list-suppressions shows each comment's file and reason: redacted like every other output.
      for (const r of records) Object.assign(r, { file: scrub(r.file), reason: scrub(r.reason) });
    });
    return { findings, records };
  }
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
