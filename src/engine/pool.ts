/**
 * Worker threads for the expensive part of a scan: loading TypeScript, parsing and running the
 * per-file detectors. The main thread keeps walking, reading and prefiltering while the workers parse,
 * so on a 2-core runner the TypeScript start-up and the parsing overlap with discovery.
 *
 * Workers run the bundle itself (the entry registers its path with `setWorkerScript`); when there is
 * no bundle (tests running the TypeScript sources) the pool is not used and files are analysed in
 * the main thread by the same function.
 */
import { Worker } from "node:worker_threads";
import { DETECTORS } from "../detectors/index";
import { analyzeFile, describe, type FileInput, type FileOutput } from "./analyze";
import { loadTypeScript } from "./parse";

let workerScript: string | undefined;

/** Called by the bundle's entry with its own path, so workers can start it in worker mode. */
export function setWorkerScript(file: string): void {
  workerScript = file;
}

export function workerScriptPath(): string | undefined {
  return workerScript;
}

export interface Task {
  input: FileInput;
  detectorIds: string[];
  keywords: string[];
  options: Record<string, Record<string, unknown>>;
  maxFileMillis: number;
}

interface Pending {
  task: Task;
  resolve: (out: FileOutput) => void;
}

/** Run one task where we are (main thread or worker). */
export async function runTask(task: Task): Promise<FileOutput> {
  const byId = new Map(DETECTORS.map((d) => [d.id, d]));
  const detectors = task.detectorIds.map((id) => byId.get(id)!).filter(Boolean);
  return analyzeFile(task.input, detectors, new Set(task.keywords), task.options, task.maxFileMillis);
}

/** Worker side: load TypeScript at once, then answer tasks. */
export function runWorker(port: import("node:worker_threads").MessagePort): void {
  const ready = loadTypeScript();
  port.on("message", (msg: { id: number; task: Task }) => {
    ready
      .then(() => runTask(msg.task))
      .then(
        (output) => port.postMessage({ id: msg.id, output }),
        (err: unknown) => port.postMessage({ id: msg.id, error: describe(err) }),
      );
  });
}

export class AnalysisPool {
  private readonly workers: Array<{ worker: Worker; busy: Map<number, Pending>; dead: boolean }> = [];
  private nextId = 0;
  private turn = 0;
  /** Problems with the workers themselves, for the scan's notifications. */
  readonly problems: string[] = [];

  constructor(size: number, script: string) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: { upstashScanWorker: true } });
      const slot = { worker, busy: new Map<number, Pending>(), dead: false };
      worker.on("message", (msg: { id: number; output?: FileOutput; error?: string }) => {
        const p = slot.busy.get(msg.id);
        if (!p) return;
        slot.busy.delete(msg.id);
        if (msg.output) p.resolve(msg.output);
        else this.fallback(p, `worker failed on ${p.task.input.path}: ${msg.error}`);
      });
      const die = (why: string) => {
        if (slot.dead) return;
        slot.dead = true;
        for (const p of slot.busy.values()) this.fallback(p, why);
        slot.busy.clear();
      };
      worker.on("error", (err) => die(`a worker thread stopped: ${describe(err)}; its files were analysed in the main thread`));
      worker.on("exit", (code) => die(`a worker thread exited (${code}); its files were analysed in the main thread`));
      this.workers.push(slot);
    }
  }

  /** Analyse a file in a worker; falls back to the main thread if the worker dies. */
  submit(task: Task): Promise<FileOutput> {
    const alive = this.workers.filter((w) => !w.dead);
    if (!alive.length) return runTask(task);
    // Least busy worker, ties broken round-robin.
    const slot = alive.reduce((best, w) => (w.busy.size < best.busy.size ? w : best), alive[this.turn++ % alive.length]!);
    return new Promise((resolve) => {
      const id = this.nextId++;
      slot.busy.set(id, { task, resolve });
      slot.worker.postMessage({ id, task });
    });
  }

  /** Tasks not yet answered. */
  get inFlight(): number {
    return this.workers.reduce((n, w) => n + w.busy.size, 0);
  }

  private fallback(p: Pending, why: string): void {
    if (!this.problems.includes(why)) this.problems.push(why);
    void runTask(p.task).then(p.resolve);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => (w.dead ? undefined : w.worker.terminate())));
  }
}
