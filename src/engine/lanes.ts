/**
 * The lanes file work runs in (see dispatch.ts for who gets what): worker threads running the bundle
 * itself in worker mode, and this thread. A worker loads TypeScript only when it is first asked to
 * parse (or told to warm up), so a scan whose files need no syntax tree never pays for it.
 *
 * Workers run the bundle's own entry (it registers its path with `setWorkerScript`); without a bundle
 * (tests running the TypeScript sources) there are no workers and this thread does everything.
 */
import { Worker, type MessagePort } from "node:worker_threads";
import { DETECTORS } from "../detectors/index";
import type { Detector } from "../detectors/types";
import { saveCodeCache } from "../code-cache";
import { describe } from "./analyze";
import { onStep } from "./budget";
import { LaneFailure, type Lane, type LaneFactory, type LaneProgress, type Work } from "./dispatch";
import { FileProcessor, type JobSettings } from "./file-job";
import { loadTypeScript } from "./parse";

let workerScript: string | undefined;

/** Called by the bundle's entry with its own path, so workers can start it in worker mode. */
export function setWorkerScript(file: string | undefined): void {
  workerScript = file;
}

export function workerScriptPath(): string | undefined {
  return workerScript;
}

export interface WorkerInit {
  upstashScanWorker: true;
  /** Where the worker publishes the item it is on (see ProgressCell). */
  progress: SharedArrayBuffer;
  /** Absent for a worker started ahead of its scan: a configure message brings them. */
  detectorIds?: string[];
  settings?: JobSettings;
}

type Request =
  { id: number; work: Work } | { warm: true } | { configure: { detectorIds: string[]; settings: JobSettings } };
type Reply = { id: number; results?: unknown[]; error?: string };

/**
 * Request id, item index and the epoch time the item's current step began, in shared memory: the
 * worker writes, the watchdog in the main thread reads, no message needed.
 */
class ProgressCell {
  private readonly ints: Int32Array;
  private readonly time: Float64Array;
  constructor(buffer: SharedArrayBuffer) {
    this.ints = new Int32Array(buffer, 0, 2);
    this.time = new Float64Array(buffer, 8, 1);
  }
  static create(): SharedArrayBuffer {
    const b = new SharedArrayBuffer(16);
    new Int32Array(b, 0, 2)[0] = -1;
    return b;
  }
  begin(request: number, item: number): void {
    this.time[0] = Date.now();
    Atomics.store(this.ints, 1, item);
    Atomics.store(this.ints, 0, request);
  }
  touch(): void {
    this.time[0] = Date.now();
  }
  idle(): void {
    Atomics.store(this.ints, 0, -1);
  }
  read(): LaneProgress | undefined {
    const request = Atomics.load(this.ints, 0);
    return request < 0 ? undefined : { request, item: Atomics.load(this.ints, 1), since: this.time[0]! };
  }
}

/** A FileProcessor over registered detectors, chosen by id. */
export function processorFor(detectorIds: readonly string[], settings: JobSettings): FileProcessor {
  const byId = new Map(DETECTORS.map((d) => [d.id, d]));
  return new FileProcessor(detectorIds.map((id) => byId.get(id)!).filter(Boolean), settings);
}

/** Worker side: answer requests one at a time, in order, publishing progress for the watchdog. */
export function runWorker(port: MessagePort, init: WorkerInit): void {
  const progress = new ProgressCell(init.progress);
  onStep(() => progress.touch());
  let processor = init.detectorIds && init.settings ? processorFor(init.detectorIds, init.settings) : undefined;
  let chain: Promise<unknown> = Promise.resolve();
  port.on("message", (msg: Request) => {
    if ("configure" in msg) {
      processor = processorFor(msg.configure.detectorIds, msg.configure.settings);
      return;
    }
    if ("warm" in msg) {
      chain = chain.then(() => loadTypeScript()).catch(() => undefined);
      return;
    }
    chain = chain.then(async () => {
      try {
        if (!processor) throw new Error("worker used before it was configured");
        const results: unknown[] = [];
        const { items } = msg.work;
        for (let i = 0; i < items.length; i++) {
          progress.begin(msg.id, i);
          results.push(await processor.process(items[i]!));
        }
        progress.idle();
        // TypeScript has now compiled what parsing uses: keep it for the next run (before replying:
        // once every reply is in, the scan may end this thread).
        if (msg.work.kind === "heavy") saveCodeCache();
        port.postMessage({ id: msg.id, results } satisfies Reply);
      } catch (err) {
        progress.idle();
        port.postMessage({ id: msg.id, error: describe(err) } satisfies Reply);
      }
    });
  });
}

/** A worker thread as a lane. */
class WorkerLane implements Lane {
  readonly inThread = false;
  private readonly pending = new Map<number, { resolve: (r: never[]) => void; reject: (e: LaneFailure) => void }>();
  private dead: string | undefined;

  constructor(
    private readonly worker: Worker,
    private readonly cell: ProgressCell,
  ) {
    worker.on("message", (msg: Reply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(new LaneFailure(`a worker failed (${msg.error})`, false));
      else p.resolve((msg.results ?? []) as never[]);
    });
    worker.on("error", (err) => this.die(`it failed: ${describe(err)}`));
    worker.on("exit", (code) => this.die(`it exited with code ${code}`));
  }

  run(id: number, work: Work): Promise<never[]> {
    if (this.dead) return Promise.reject(new LaneFailure(this.dead, true));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, work } satisfies Request);
    });
  }

  warm(): void {
    if (!this.dead) this.worker.postMessage({ warm: true } satisfies Request);
  }

  progress(): LaneProgress | undefined {
    return this.cell.read();
  }

  terminate(reason: string): void {
    this.die(reason);
    void this.worker.terminate();
  }

  private die(why: string): void {
    if (this.dead) return;
    this.dead = why;
    for (const p of this.pending.values()) p.reject(new LaneFailure(why, true));
    this.pending.clear();
  }
}

/** This thread as a lane: requests run one after another, like a worker's. */
class InThreadLane implements Lane {
  readonly inThread = true;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly processor: FileProcessor) {}

  run(_id: number, work: Work): Promise<never[]> {
    const done = this.chain.then(async () => {
      const results: unknown[] = [];
      for (const item of work.items) results.push(await this.processor.process(item));
      return results as never[];
    });
    this.chain = done.catch(() => undefined);
    return done;
  }

  warm(): void {
    void loadTypeScript();
  }

  progress(): undefined {
    return undefined;
  }

  terminate(): void {}
}

let prestarted: { worker: Worker; progress: SharedArrayBuffer } | undefined;

/**
 * A small young generation: a worker's garbage is mostly short-lived syntax trees, collected as well
 * by a smaller nursery, and each megabyte of it is resident memory in every worker. The bench sets
 * UPSTASH_SCAN_YOUNG_MB to compare sizes; anything but a positive number means the default.
 */
const youngMb = Number(process.env.UPSTASH_SCAN_YOUNG_MB);
const WORKER_LIMITS = { maxYoungGenerationSizeMb: youngMb > 0 ? youngMb : 8 };

/**
 * Start one worker at process start, before arguments, configuration and the walk: a thread's start
 * costs tens of milliseconds the scan need not wait for. It loads no TypeScript until told to, and
 * does not keep the process alive until a scan adopts it (`--help` or a bad configuration exit at once).
 */
export function prestartWorker(): void {
  if (!workerScript || prestarted) return;
  const progress = ProgressCell.create();
  const worker = new Worker(workerScript, {
    workerData: { upstashScanWorker: true, progress } satisfies WorkerInit,
    resourceLimits: WORKER_LIMITS,
  });
  worker.unref();
  // Until a scan adopts it, a failure only means the scan starts its own worker.
  worker.on("error", () => undefined);
  worker.once("exit", () => {
    if (prestarted?.worker === worker) prestarted = undefined;
  });
  prestarted = { worker, progress };
}

/** Stop a worker started ahead that no scan adopted. */
export function discardPrestarted(): void {
  const p = prestarted;
  prestarted = undefined;
  void p?.worker.terminate();
}

/** The lanes of one scan: `workers` worker threads (from the bundle) and this thread. */
export function scanLanes(workers: number, detectors: readonly Detector[], settings: JobSettings): LaneFactory {
  const ids = detectors.map((d) => d.id);
  let local: InThreadLane | undefined;
  return {
    workers,
    startWorker(): Lane {
      let worker: Worker;
      let progress: SharedArrayBuffer;
      if (prestarted) {
        ({ worker, progress } = prestarted);
        prestarted = undefined;
        worker.ref();
        worker.removeAllListeners("error");
        worker.removeAllListeners("exit");
        worker.postMessage({ configure: { detectorIds: ids, settings } } satisfies Request);
      } else {
        progress = ProgressCell.create();
        worker = new Worker(workerScript!, {
          workerData: { upstashScanWorker: true, progress, detectorIds: ids, settings } satisfies WorkerInit,
          resourceLimits: WORKER_LIMITS,
        });
      }
      return new WorkerLane(worker, new ProgressCell(progress));
    },
    inThread(): Lane {
      return (local ??= new InThreadLane(new FileProcessor(detectors, settings)));
    },
  };
}
