/**
 * The scan's scheduler: one dispatch loop that hands file work to lanes, whichever threads they are.
 *
 * Two kinds of work: light batches (read, lex, prefilter, text-only detectors: every file) and heavy
 * batches (parse and run the syntax-tree detectors: the few files that need a tree). A lane is a worker
 * thread or the main thread itself; the same loop drives both, so a scan without workers (tests running
 * the TypeScript sources, custom detectors) goes through the same policy as the bundle's. The policy:
 * - light work goes to the least loaded worker lane, but not to the tree lane once there is one (it has
 *   TypeScript loaded and parses), nor anywhere but this thread before the first script starts workers;
 * - heavy work is pulled: the tree lane keeps HEAVY_DEPTH batches in hand; an idle worker takes heavy
 *   work too once every file is read and the backlog is long enough to pay for its own TypeScript load;
 * - without workers, or when none is left, this thread does everything.
 *
 * The watchdog: a worker publishes which item it is on and since when (a shared buffer, no messages);
 * an item over its budget gets its lane terminated and replaced, is reported as abandoned, and the rest
 * of that lane's work is queued again. Each death removes one item, so the scan always ends.
 */
import { seconds } from "./budget";
import { emptyResult, type FileJob, type FileJobResult } from "./file-job";

/** Files per light batch. */
export const LIGHT_BATCH = 32;
/** Files per heavy (parsing) batch. */
export const HEAVY_BATCH = 4;
/** Light batches submitted and not yet merged, at most (bounded memory, prompt merging). */
export const MAX_LIGHT_IN_FLIGHT = 64;
/** Heavy batches a lane holds at once: one running and one waiting, so it never idles between them. */
const HEAVY_DEPTH = 2;
/** Below this much waiting parsing (estimated), a second lane would finish after the tree lane anyway. */
const STEAL_BACKLOG_MS = 1500;
/** Worker replacements after deaths, at most; then the work left is done in this thread. */
const MAX_REPLACEMENTS = 4;
const WATCHDOG_INTERVAL_MS = 200;

/** Light work reads files; heavy work (jobs with `only`) parses them. */
export interface Work {
  kind: "light" | "heavy";
  items: FileJob[];
}
type Result = FileJobResult;

/** The item a worker is on, and since when (epoch milliseconds, comparable across threads). */
export interface LaneProgress {
  request: number;
  item: number;
  since: number;
}

/** Why a lane did not answer a request. */
export class LaneFailure extends Error {
  constructor(
    message: string,
    /** The lane is gone (its thread exited or was terminated); otherwise only this request failed. */
    readonly dead: boolean,
  ) {
    super(message);
  }
}

/** A thread that does file work. */
export interface Lane {
  readonly inThread: boolean;
  /** Run one request: resolves with one result per item, in order; rejects with LaneFailure. */
  run(id: number, work: Work): Promise<Result[]>;
  /** Load TypeScript now, ahead of the first parse. */
  warm(): void;
  /** The item in progress (worker lanes; undefined when idle or unknown). */
  progress(): LaneProgress | undefined;
  /** Stop the lane: its pending requests reject with a dead LaneFailure. */
  terminate(reason: string): void;
}

export interface LaneFactory {
  /** Worker lanes to use; 0: everything runs in this thread. */
  readonly workers: number;
  startWorker(): Lane;
  /** This thread's lane (made once, on first use). */
  inThread(): Lane;
}

export interface DispatchOptions {
  /** An item whose current step runs longer than this is abandoned and its lane replaced. */
  stepLimitMs: number;
  /** Called with each problem with the lanes themselves (for the scan's notifications). */
  onProblem?: (message: string) => void;
}

interface Task {
  work: Work;
  results: Array<Result | undefined>;
  /** Indices of items still to do. */
  pending: number[];
  resolve: (results: Result[]) => void;
}

interface LaneState {
  lane: Lane;
  worker: boolean;
  dead: boolean;
  /** Has TypeScript loaded (or loading): the lane parsing goes to first. */
  trees: boolean;
  light: number;
  heavy: number;
  requests: Map<number, { task: Task; items: number[] }>;
}

export class Dispatcher {
  private readonly lanes: LaneState[] = [];
  private local: LaneState | undefined;
  private readonly waiting: Task[] = [];
  private nextId = 0;
  private workersStarted = false;
  private replacements = 0;
  private readingDone = false;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  /** Running average of a parsed file's cost, for the stealing decision. */
  private averageMs = 5;
  private observed = 0;
  private closed = false;

  constructor(
    private readonly factory: LaneFactory,
    private readonly options: DispatchOptions,
  ) {}

  /** Whether all work runs in this thread (no workers configured). */
  get inThreadOnly(): boolean {
    return this.factory.workers === 0;
  }

  /** Start the worker lanes (the first script is in sight); before that light work runs here. */
  startWorkers(): void {
    if (this.workersStarted || this.factory.workers === 0) return;
    this.workersStarted = true;
    for (let i = 0; i < this.factory.workers; i++) this.addWorker();
    this.pump();
  }

  /** Some file will need a tree: have a lane load TypeScript now rather than at its first parse. */
  warm(): void {
    const lane = this.treeLane() ?? this.designate();
    lane?.lane.warm();
  }

  light(items: FileJob[]): Promise<FileJobResult[]> {
    return this.submit({ kind: "light", items });
  }

  heavy(items: FileJob[]): Promise<FileJobResult[]> {
    return this.submit({ kind: "heavy", items });
  }

  /** Every file has been read: idle lanes may now help with a long parsing backlog. */
  doneReading(): void {
    this.readingDone = true;
    this.pump();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    for (const s of this.lanes) if (!s.dead && s.worker) s.lane.terminate("scan finished");
  }

  private submit(work: Work): Promise<Result[]> {
    return new Promise((resolve) => {
      if (!work.items.length) return resolve([]);
      this.waiting.push({
        work,
        results: work.items.map(() => undefined),
        pending: work.items.map((_, i) => i),
        resolve,
      });
      this.pump();
    });
  }

  private addWorker(): LaneState {
    const state: LaneState = {
      lane: this.factory.startWorker(),
      worker: true,
      dead: false,
      trees: false,
      light: 0,
      heavy: 0,
      requests: new Map(),
    };
    this.lanes.push(state);
    return state;
  }

  private localLane(): LaneState {
    return (this.local ??= {
      lane: this.factory.inThread(),
      worker: false,
      dead: false,
      trees: this.factory.workers === 0,
      light: 0,
      heavy: 0,
      requests: new Map(),
    });
  }

  private workerLanes(): LaneState[] {
    return this.lanes.filter((s) => !s.dead);
  }

  private treeLane(): LaneState | undefined {
    if (this.factory.workers === 0) return this.localLane();
    return this.workerLanes().find((s) => s.trees);
  }

  /** Choose the lane that parses: the least loaded worker (starting workers if need be). */
  private designate(): LaneState | undefined {
    if (this.factory.workers === 0) return this.localLane();
    this.startWorkers();
    const alive = this.workerLanes();
    if (!alive.length) return undefined;
    const lane = alive.reduce((best, s) => (load(s) < load(best) ? s : best), alive[0]!);
    lane.trees = true;
    return lane;
  }

  private laneForLight(): LaneState {
    const alive = this.workerLanes();
    const others = alive.filter((s) => !s.trees);
    if (!others.length) return this.localLane();
    return others.reduce((best, s) => (load(s) < load(best) ? s : best), others[0]!);
  }

  /** The lane for the next heavy batch; null to wait for one to free up. */
  private laneForHeavy(): LaneState | null {
    const tree = this.treeLane() ?? this.designate();
    if (!tree) return this.localLane();
    if (!tree.worker || tree.heavy < HEAVY_DEPTH * HEAVY_BATCH) return tree;
    const idle = this.workerLanes().find((s) => s !== tree && s.light === 0 && s.heavy < HEAVY_DEPTH * HEAVY_BATCH);
    if (!idle) return null;
    if (idle.heavy > 0) return idle;
    const backlogMs =
      this.waiting.reduce((n, t) => n + (t.work.kind === "heavy" ? t.pending.length : 0), 0) * this.averageMs;
    return this.readingDone && backlogMs > STEAL_BACKLOG_MS ? idle : null;
  }

  private pump(): void {
    if (this.closed) return;
    for (let i = 0; i < this.waiting.length;) {
      const task = this.waiting[i]!;
      const lane = task.work.kind === "light" ? this.laneForLight() : this.laneForHeavy();
      if (!lane) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.send(lane, task);
    }
  }

  private send(state: LaneState, task: Task): void {
    const id = this.nextId++;
    const items = [...task.pending];
    const work: Work = { kind: task.work.kind, items: items.map((i) => task.work.items[i]!) };
    const heavy = work.kind === "heavy";
    state.requests.set(id, { task, items });
    if (heavy) state.heavy += items.length;
    else state.light += items.length;
    if (state.worker) this.armWatchdog();
    state.lane.run(id, work).then(
      (results) => {
        if (!state.requests.delete(id)) return;
        this.release(state, heavy, items.length);
        items.forEach((index, k) => {
          task.results[index] = results[k];
          if (heavy) this.observe(results[k]);
        });
        task.pending = task.pending.filter((i) => !items.includes(i));
        if (!task.pending.length) task.resolve(task.results as Result[]);
        else this.waiting.unshift(task);
        this.pump();
      },
      (err: unknown) => {
        if (!state.requests.has(id)) return;
        const failure = err instanceof LaneFailure ? err : new LaneFailure(String(err), false);
        if (failure.dead) this.bury(state, failure.message);
        else {
          // The lane lives but could not do this request: redo it in this thread.
          state.requests.delete(id);
          this.release(state, heavy, items.length);
          this.problem(`${failure.message}; its files were processed in the main thread`);
          this.send(this.localLaneFor(heavy), task);
        }
        this.pump();
      },
    );
  }

  /** This thread's lane, made able to parse when it must take heavy work. */
  private localLaneFor(heavy: boolean): LaneState {
    const local = this.localLane();
    if (heavy) local.trees = true;
    return local;
  }

  private release(state: LaneState, heavy: boolean, n: number): void {
    if (heavy) state.heavy -= n;
    else state.light -= n;
  }

  /**
   * A lane is gone: the item it was on is abandoned (reported, never retried: that is what makes the
   * scan end), everything else it held is queued again, and a replacement is started while allowed.
   */
  private bury(state: LaneState, why: string, overBudget?: string): void {
    if (state.dead) return;
    state.dead = true;
    const at = state.lane.progress();
    const requests = [...state.requests.entries()].sort(([a], [b]) => b - a);
    state.requests.clear();
    for (const [id, { task, items }] of requests) {
      if (at && at.request === id && items[at.item] !== undefined) {
        const index = items[at.item]!;
        task.results[index] = overBudget
          ? abandoned(task.work, index, "file-time-budget", overBudget)
          : abandoned(task.work, index, "file-abandoned", `abandoned: the worker thread scanning it stopped (${why})`);
        task.pending = task.pending.filter((i) => i !== index);
      }
      if (task.pending.length) this.waiting.unshift(task);
      else task.resolve(task.results as Result[]);
    }
    this.problem(
      overBudget ? `a worker thread was replaced: ${why}` : `a worker thread stopped: ${why}; its files were redone`,
    );
    if (state.worker && this.replacements < MAX_REPLACEMENTS && !this.closed) {
      this.replacements++;
      this.addWorker();
    }
  }

  private problem(message: string): void {
    this.options.onProblem?.(message);
  }

  private observe(r: FileJobResult | undefined): void {
    const o = r?.output;
    if (!o) return;
    this.observed++;
    this.averageMs += (o.parseMillis + o.detectMillis - this.averageMs) / Math.min(this.observed, 50);
  }

  private armWatchdog(): void {
    if (this.watchdog) return;
    this.watchdog = setInterval(() => this.checkLanes(), WATCHDOG_INTERVAL_MS);
    this.watchdog.unref?.();
  }

  /** The watchdog's round: terminate and replace any worker stuck on one item past the limit. */
  checkLanes(now = Date.now()): void {
    for (const state of this.workerLanes()) {
      if (!state.worker || !state.requests.size) continue;
      const at = state.lane.progress();
      if (!at || now - at.since <= this.options.stepLimitMs) continue;
      const limit = seconds(this.options.stepLimitMs);
      state.lane.terminate("over the time budget");
      this.bury(
        state,
        `one file ran over the ${limit} time budget`,
        `abandoned: one step took over ${limit} (the time budget); the rest of the scan went on`,
      );
    }
    this.pump();
  }
}

function load(s: LaneState): number {
  // A parse costs about as much as reading and lexing a batch of files.
  return s.light + s.heavy * 8;
}

/** The result for an item given up on: reported, never silently dropped. */
function abandoned(work: Work, index: number, id: string, message: string): Result {
  const job = work.items[index]!;
  const result = emptyResult(job);
  if (work.kind === "light") result.unreadable = { id, message: `not scanned: ${message}` };
  else {
    result.heavy = true;
    result.output = {
      file: job.rel,
      findings: [],
      facts: [],
      secrets: [],
      notifications: [{ level: "warning", id, file: job.rel, message }],
      parsed: false,
      parseMillis: 0,
      detectMillis: 0,
    };
  }
  return result;
}
