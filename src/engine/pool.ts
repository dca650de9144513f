/**
 * Worker threads, so that a scan uses every core. Two kinds of lane:
 * - light lanes read files, take their facts and run the prefilter (see file-job.ts); they never
 *   load TypeScript, and hand each file that needs parsing back as an analysis;
 * - one heavy lane has TypeScript loaded and parses and runs the detectors on those files.
 * TypeScript costs half a second to load, so loading it in one thread instead of every thread is
 * what makes a second lane pay on a 2-core runner. The main thread walks directories and merges.
 *
 * Workers run the bundle itself (the entry registers its path with `setWorkerScript`); without a
 * bundle (tests running the TypeScript sources) no pool is made and the same FileProcessor runs in the
 * main thread. Work of a worker that dies is redone in the main thread.
 */
import { Worker, type MessagePort } from "node:worker_threads";
import { DETECTORS } from "../detectors/index";
import { describe, type FileOutput } from "./analyze";
import { FileProcessor, type Analysis, type FileJob, type FileJobResult, type JobSettings } from "./file-job";
import { loadTypeScript } from "./parse";

let workerScript: string | undefined;

/** Called by the bundle's entry with its own path, so workers can start it in worker mode. */
export function setWorkerScript(file: string): void {
  workerScript = file;
}

export function workerScriptPath(): string | undefined {
  return workerScript;
}

export interface WorkerInit {
  upstashScanWorker: true;
  /** The heavy lane: loads TypeScript at once and parses. */
  heavy: boolean;
  /** Absent for a worker started ahead of its scan: the first message brings them. */
  detectorIds?: string[];
  settings?: JobSettings;
}

let prestarted: Worker | undefined;

/**
 * Start the heavy lane at process start, before arguments, configuration and the walk: loading
 * TypeScript is the longest single step of a scan and needs nothing from them. The worker does not
 * keep the process alive until a scan adopts it, so `--help` or a failed configuration exit at once.
 */
export function prestartHeavyLane(): void {
  if (!workerScript || prestarted) return;
  const worker = new Worker(workerScript, {
    workerData: { upstashScanWorker: true, heavy: true } satisfies WorkerInit,
  });
  worker.unref();
  // Until a scan adopts it, a failure only means the scan starts its own worker.
  worker.on("error", () => undefined);
  worker.once("exit", () => {
    if (prestarted === worker) prestarted = undefined;
  });
  prestarted = worker;
}

/** Stop a heavy lane started ahead that no scan adopted (the tree had nothing to parse). */
export function discardPrestarted(): void {
  const worker = prestarted;
  prestarted = undefined;
  void worker?.terminate();
}

/** A FileProcessor over registered detectors, chosen by id. */
export function processorFor(detectorIds: readonly string[], settings: JobSettings, parseHere: boolean): FileProcessor {
  const byId = new Map(DETECTORS.map((d) => [d.id, d]));
  return new FileProcessor(detectorIds.map((id) => byId.get(id)!).filter(Boolean), settings, parseHere);
}

type Request = { id: number; jobs: FileJob[] } | { id: number; analyses: Analysis[] };
type Reply = { id: number; results?: FileJobResult[]; outputs?: FileOutput[]; error?: string };

/** Worker side: answer requests one at a time, in order. */
export function runWorker(port: MessagePort, init: WorkerInit): void {
  let processor =
    init.detectorIds && init.settings ? processorFor(init.detectorIds, init.settings, init.heavy) : undefined;
  // The heavy lane loads TypeScript while the light lanes are still reading.
  let chain: Promise<unknown> = init.heavy ? loadTypeScript() : Promise.resolve();
  port.on("message", (msg: Request | { configure: { detectorIds: string[]; settings: JobSettings } }) => {
    if ("configure" in msg) {
      processor = processorFor(msg.configure.detectorIds, msg.configure.settings, init.heavy);
      return;
    }
    chain = chain.then(async () => {
      if (!processor) throw new Error("worker used before it was configured");
      try {
        if ("jobs" in msg) {
          const results: FileJobResult[] = [];
          for (const job of msg.jobs) results.push(await processor.process(job));
          port.postMessage({ id: msg.id, results } satisfies Reply);
        } else {
          const outputs: FileOutput[] = [];
          for (const a of msg.analyses) outputs.push(await processor.analyze(a));
          port.postMessage({ id: msg.id, outputs } satisfies Reply);
        }
      } catch (err) {
        port.postMessage({ id: msg.id, error: describe(err) } satisfies Reply);
      }
    });
  });
}

interface Slot {
  worker: Worker;
  heavy: boolean;
  busy: Map<number, { request: Request; resolve: (r: Reply) => void; size: number; analyses: number }>;
  /** Files waiting in the slot (light jobs and analyses), and analyses among them. */
  queued: number;
  queuedAnalyses: number;
  dead: boolean;
}

/**
 * When the heavy lane has more than this much parsing queued (estimated from the files it has done),
 * an idle light lane takes analyses too: it pays TypeScript's load once, and halves a long tail.
 * Below it the heavy lane finishes before a light lane could have TypeScript loaded.
 */
const STEAL_BACKLOG_MS = 1500;
/** Files per analysis batch the scan sends (see scan.ts); lanes hold two batches at most. */
const HEAVY_BATCH = 4;

export class FilePool {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private local: FileProcessor | undefined;
  /** Problems with the workers themselves, for the scan's notifications. */
  readonly problems: string[] = [];

  /** `size` workers: one heavy lane and size - 1 light lanes. */
  constructor(
    size: number,
    script: string,
    private readonly detectorIds: string[],
    private readonly settings: JobSettings,
  ) {
    for (let i = 0; i < size; i++) {
      const init: WorkerInit = { upstashScanWorker: true, detectorIds, settings, heavy: i === 0 };
      let worker: Worker;
      if (i === 0 && prestarted) {
        worker = prestarted;
        prestarted = undefined;
        worker.ref();
        worker.removeAllListeners("error");
        worker.postMessage({ configure: { detectorIds, settings } });
      } else worker = new Worker(script, { workerData: init });
      const slot: Slot = { worker, heavy: i === 0, busy: new Map(), queued: 0, queuedAnalyses: 0, dead: false };
      worker.on("message", (msg: Reply) => {
        const p = slot.busy.get(msg.id);
        if (!p) return;
        slot.busy.delete(msg.id);
        slot.queued -= p.size;
        slot.queuedAnalyses -= p.analyses;
        for (const o of msg.outputs ?? []) this.observe(o.parseMillis + o.detectMillis);
        if (msg.error)
          this.fallback(
            p.request,
            p.resolve,
            `a worker failed (${msg.error}); its files were processed in the main thread`,
          );
        else p.resolve(msg);
        this.pump();
      });
      const die = (why: string) => {
        if (slot.dead) return;
        slot.dead = true;
        for (const p of slot.busy.values()) this.fallback(p.request, p.resolve, why);
        slot.busy.clear();
        this.pump();
      };
      worker.on("error", (err) =>
        die(`a worker thread stopped: ${describe(err)}; its files were processed in the main thread`),
      );
      worker.on("exit", (code) => die(`a worker thread exited (${code}); its files were processed in the main thread`));
      this.slots.push(slot);
    }
  }

  /** Whether light work has a worker lane (otherwise the caller does it in the main thread). */
  get hasLightLanes(): boolean {
    return this.slots.some((s) => !s.heavy && !s.dead);
  }

  /** Read, take facts and prefilter a batch in the least loaded light lane. */
  async light(jobs: FileJob[]): Promise<FileJobResult[]> {
    const r = await this.send(
      this.pick((s) => !s.heavy),
      { id: this.nextId++, jobs },
      jobs.length,
      0,
    );
    return r.results ?? [];
  }

  /**
   * Parse and detect. Analyses wait here and go out as lanes free up (a pull model): the heavy lane
   * keeps two batches in hand; an idle light lane takes batches too once the waiting work is long
   * enough to be worth loading TypeScript there.
   */
  heavy(analyses: Analysis[]): Promise<FileOutput[]> {
    return new Promise((resolve) => {
      this.waiting.push({ analyses, resolve });
      this.pump();
    });
  }

  private readonly waiting: Array<{ analyses: Analysis[]; resolve: (outputs: FileOutput[]) => void }> = [];

  private pump(): void {
    for (;;) {
      const next = this.waiting[0];
      if (!next) return;
      const slot = this.laneFor();
      if (slot === null) return;
      this.waiting.shift();
      void this.send(
        slot,
        { id: this.nextId++, analyses: next.analyses },
        next.analyses.length,
        next.analyses.length,
      ).then((r) => next.resolve(r.outputs ?? []));
    }
  }

  /** The lane to give the next analysis batch to; null to wait; undefined when no worker is left. */
  private laneFor(): Slot | null | undefined {
    const alive = this.slots.filter((s) => !s.dead);
    if (!alive.length) return undefined;
    const heavy = alive.find((s) => s.heavy);
    if (heavy && heavy.queuedAnalyses < 2 * HEAVY_BATCH) return heavy;
    const idle = alive.find((s) => !s.heavy && s.queued === s.queuedAnalyses && s.queuedAnalyses < 2 * HEAVY_BATCH);
    if (!idle) return null;
    if (!heavy || idle.queuedAnalyses > 0) return idle;
    // Only once every file has been read (no light work will come) and the work left is long.
    const waitingMs = this.waiting.reduce((n, w) => n + w.analyses.length, 0) * this.averageMs;
    return this.readingDone && waitingMs > STEAL_BACKLOG_MS ? idle : null;
  }

  private readingDone = false;

  /** The scan has read every file: idle light lanes may now help with parsing. */
  doneReading(): void {
    this.readingDone = true;
    this.pump();
  }

  /** Running average of an analysis's cost, from the outputs seen so far. */
  private averageMs = 5;
  private observed = 0;
  private observe(ms: number): void {
    this.observed++;
    this.averageMs += (ms - this.averageMs) / Math.min(this.observed, 50);
  }

  private pick(fits: (s: Slot) => boolean, load: (s: Slot) => number = (s) => s.queued): Slot | undefined {
    const alive = this.slots.filter((s) => !s.dead && fits(s));
    return alive.length ? alive.reduce((best, s) => (load(s) < load(best) ? s : best), alive[0]!) : undefined;
  }

  private send(slot: Slot | undefined, request: Request, size: number, analyses: number): Promise<Reply> {
    if (!slot) return this.runLocally(request);
    return new Promise((resolve) => {
      slot.busy.set(request.id, { request, resolve, size, analyses });
      slot.queued += size;
      slot.queuedAnalyses += analyses;
      slot.worker.postMessage(request);
    });
  }

  private async runLocally(request: Request): Promise<Reply> {
    this.local ??= processorFor(this.detectorIds, this.settings, true);
    if ("jobs" in request) {
      const results: FileJobResult[] = [];
      for (const job of request.jobs) results.push(await this.local.process(job));
      return { id: request.id, results };
    }
    const outputs: FileOutput[] = [];
    for (const a of request.analyses) outputs.push(await this.local.analyze(a));
    return { id: request.id, outputs };
  }

  private fallback(request: Request, resolve: (r: Reply) => void, why: string): void {
    if (!this.problems.includes(why)) this.problems.push(why);
    void this.runLocally(request).then(resolve);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => (s.dead ? undefined : s.worker.terminate())));
  }
}
