/**
 * The scheduler alone, with fake lanes: who gets light and heavy work, when parsing spreads to a
 * second lane, and what happens when a lane dies or gets stuck (the watchdog).
 */
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import {
  Dispatcher,
  HEAVY_BATCH,
  LaneFailure,
  type Lane,
  type LaneFactory,
  type LaneProgress,
  type Work,
} from "../src/engine/dispatch";
import type { FileJob, FileJobResult } from "../src/engine/file-job";
import { scanLanes, setWorkerScript } from "../src/engine/lanes";
import { DEFAULT_BUDGETS } from "../src/engine/read";

interface Call {
  id: number;
  work: Work;
  resolve: (r: unknown[]) => void;
  reject: (e: unknown) => void;
}

/** A lane that records what it is given and answers when told to (or at once with `auto`). */
class FakeLane implements Lane {
  /** Every request received; `open` holds those not answered yet. */
  readonly calls: Call[] = [];
  open: Call[] = [];
  warmed = 0;
  terminated: string | undefined;
  at: LaneProgress | undefined;
  constructor(
    readonly name: string,
    readonly inThread: boolean,
    private readonly auto = false,
  ) {}
  run(id: number, work: Work): Promise<never[]> {
    return new Promise((resolve, reject) => {
      const call = { id, work, resolve: resolve as (r: unknown[]) => void, reject };
      this.calls.push(call);
      if (this.auto) queueMicrotask(() => FakeLane.answer(call));
      else this.open.push(call);
    });
  }
  static answer(call: Call): void {
    call.resolve(call.work.items.map((item) => resultFor(call.work.kind, item)));
  }
  /** Answer every call not answered yet. */
  finishAll(): void {
    for (const c of this.open.splice(0)) FakeLane.answer(c);
  }
  warm(): void {
    this.warmed++;
  }
  progress(): LaneProgress | undefined {
    return this.at;
  }
  terminate(reason: string): void {
    this.terminated = reason;
    for (const c of this.open.splice(0)) c.reject(new LaneFailure(reason, true));
  }
  files(kind: Work["kind"]): string[] {
    return this.calls.filter((c) => c.work.kind === kind).flatMap((c) => c.work.items.map((j) => j.rel));
  }
}

/** A light result, or for heavy work a parsed file's output (each costing 800 ms, for the policy). */
function resultFor(kind: Work["kind"], job: FileJob): FileJobResult {
  return {
    index: job.index,
    rel: job.rel,
    kind: job.kind,
    gitIgnored: false,
    notes: [],
    textOnly: false,
    suppressions: [],
    prefilteredOut: kind === "light",
    given: [],
    millis: { read: 0, facts: 0, prefilter: 0 },
    ...(kind === "heavy"
      ? {
          heavy: true,
          output: {
            file: job.rel,
            findings: [],
            facts: [],
            secrets: [],
            notifications: [],
            parsed: true,
            parseMillis: 400,
            detectMillis: 400,
          },
        }
      : {}),
  };
}

const jobs = (names: string[]): FileJob[] =>
  names.map((rel, index) => ({ index, abs: `/x/${rel}`, rel, kind: "script", gitIgnored: false }));
const analyses = (names: string[]): FileJob[] => jobs(names).map((j) => ({ ...j, only: ["probe"] }));

function lanes(workers: number, auto = false) {
  const made: FakeLane[] = [];
  const local = new FakeLane("main", true, true);
  const factory: LaneFactory = {
    workers,
    startWorker: () => {
      const lane = new FakeLane(`w${made.length}`, false, auto);
      made.push(lane);
      return lane;
    },
    inThread: () => local,
  };
  const problems: string[] = [];
  const d = new Dispatcher(factory, { stepLimitMs: 1000, onProblem: (m) => problems.push(m) });
  return { d, made, local, problems };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe("dispatcher", () => {
  it("runs everything in this thread when there are no workers", async () => {
    const { d, made, local } = lanes(0);
    d.startWorkers();
    const light = await d.light(jobs(["a.ts", "b.ts"]));
    const heavy = await d.heavy(analyses(["a.ts"]));
    expect(made).toEqual([]);
    expect(light.map((r) => r.rel)).toEqual(["a.ts", "b.ts"]);
    expect(heavy.map((r) => r.output?.file)).toEqual(["a.ts"]);
    expect(local.files("light")).toEqual(["a.ts", "b.ts"]);
    expect(local.files("heavy")).toEqual(["a.ts"]);
    await d.close();
  });

  it("reads in this thread until the first script starts workers, then parses in one tree lane", async () => {
    const { d, made, local } = lanes(2, true);
    await d.light(jobs(["package.json"]));
    expect(made).toEqual([]);
    expect(local.files("light")).toEqual(["package.json"]);
    d.startWorkers();
    expect(made.map((l) => l.name)).toEqual(["w0", "w1"]);
    await Promise.all([d.light(jobs(["a.ts"])), d.light(jobs(["b.ts"]))]);
    // Before any parsing both workers read.
    expect(made.map((l) => l.files("light").length)).toEqual([1, 1]);
    d.warm();
    const tree = made.find((l) => l.warmed === 1)!;
    const other = made.find((l) => l !== tree)!;
    await d.heavy(analyses(["c.ts"]));
    await d.light(jobs(["d.ts", "e.ts"]));
    expect(tree.files("heavy")).toEqual(["c.ts"]);
    // Once a lane parses, reading goes elsewhere.
    expect(other.files("light")).toContain("d.ts");
    expect(local.files("light")).toEqual(["package.json"]);
    await d.close();
  });

  it("holds parsing back from a second lane until reading is done and the backlog is long", async () => {
    const { d, made } = lanes(2);
    d.startWorkers();
    const names = Array.from({ length: 40 }, (_, i) => `f${i}.ts`);
    const batches: Array<Promise<FileJobResult[]>> = [];
    for (let i = 0; i < names.length; i += HEAVY_BATCH)
      batches.push(d.heavy(analyses(names.slice(i, i + HEAVY_BATCH))));
    await tick();
    const tree = made.find((l) => l.calls.length)!;
    const other = made.find((l) => l !== tree)!;
    // Two batches in hand, the rest waits; nothing goes to the other lane yet.
    expect(tree.calls.length).toBe(2);
    expect(other.calls.length).toBe(0);
    d.doneReading();
    tree.finishAll();
    await tick();
    // Costly files (800 ms each in the fake outputs) and a long backlog: the idle lane helps.
    expect(other.files("heavy").length).toBeGreaterThan(0);
    for (let i = 0; i < 30 && (tree.open.length || other.open.length); i++) {
      tree.finishAll();
      other.finishAll();
      await tick();
    }
    const all = (await Promise.all(batches)).flat().map((r) => r.rel);
    expect(all).toEqual(names);
    await d.close();
  });

  it("redoes a dead worker's work elsewhere, abandons the file it was on, and replaces it", async () => {
    const { d, made, problems } = lanes(1);
    d.startWorkers();
    const w0 = made[0]!;
    const done = d.light(jobs(["a.ts", "b.ts", "c.ts"]));
    await tick();
    w0.at = { request: w0.open[0]!.id, item: 1, since: Date.now() };
    w0.terminate("it exited with code 1");
    await tick();
    const replacement = made[1]!;
    expect(replacement).toBeDefined();
    replacement.finishAll();
    const results = await done;
    expect(results.map((r) => r.rel)).toEqual(["a.ts", "b.ts", "c.ts"]);
    expect(results[1]!.unreadable?.id).toBe("file-abandoned");
    expect(replacement.files("light")).toEqual(["a.ts", "c.ts"]);
    expect(problems.join("\n")).toMatch(/a worker thread stopped: it exited with code 1/);
    await d.close();
  });

  it("terminates a worker stuck on one file past the limit; the scan goes on without that file", async () => {
    const { d, made } = lanes(1);
    d.startWorkers();
    const done = d.heavy(analyses(["ok.ts", "endless.ts", "after.ts"]));
    await tick();
    const w0 = made[0]!;
    const start = Date.now();
    w0.at = { request: w0.open[0]!.id, item: 1, since: start };
    d.checkLanes(start + 500);
    expect(w0.terminated).toBeUndefined();
    d.checkLanes(start + 1500);
    expect(w0.terminated).toBe("over the time budget");
    await tick();
    made[1]!.finishAll();
    const outputs = (await done).map((r) => r.output!);
    expect(outputs.map((o) => o.file)).toEqual(["ok.ts", "endless.ts", "after.ts"]);
    expect(outputs[1]!.parsed).toBe(false);
    expect(outputs[1]!.notifications[0]).toMatchObject({ id: "file-time-budget", file: "endless.ts" });
    expect(made[1]!.files("heavy")).toEqual(["ok.ts", "after.ts"]);
    await d.close();
  });

  it("ends even when every replacement dies: the main thread takes the rest", async () => {
    const { d, made, local } = lanes(1);
    d.startWorkers();
    const done = d.heavy(analyses(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts", "f.ts", "g.ts"]));
    for (let i = 0; i < 10; i++) {
      await tick();
      const live = made.find((l) => l.open.length && !l.terminated);
      if (!live) break;
      live.at = { request: live.open[0]!.id, item: 0, since: 0 };
      d.checkLanes(10_000);
    }
    const outputs = (await done).map((r) => r.output!);
    expect(outputs.map((o) => o.file)).toEqual(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts", "f.ts", "g.ts"]);
    // Four replacements after the first worker: five files abandoned, two done in this thread.
    expect(made.length).toBe(5);
    expect(outputs.filter((o) => !o.parsed).length).toBe(5);
    expect(local.files("heavy")).toEqual(["f.ts", "g.ts"]);
    await d.close();
  });

  it("redoes in this thread a request a live worker could not do", async () => {
    const { d, made, problems } = lanes(1);
    d.startWorkers();
    const done = d.light(jobs(["a.ts"]));
    await tick();
    made[0]!.open[0]!.reject(new LaneFailure("a worker failed (TypeError: x)", false));
    expect((await done).map((r) => r.rel)).toEqual(["a.ts"]);
    expect(problems).toEqual(["a worker failed (TypeError: x); its files were processed in the main thread"]);
    await d.close();
  });
});

describe("watchdog with a real worker thread", () => {
  it("terminates the thread stuck in an endless loop and finishes the batch with a replacement", async () => {
    setWorkerScript(path.join(__dirname, "support/stuck-worker.cjs"));
    try {
      const problems: string[] = [];
      const d = new Dispatcher(scanLanes(1, [], { options: {}, budgets: DEFAULT_BUDGETS }), {
        stepLimitMs: 300,
        onProblem: (m) => problems.push(m),
      });
      d.startWorkers();
      const started = Date.now();
      const results = await d.light(jobs(["a.ts", "endless.ts", "c.ts"]));
      await d.close();
      expect(results.map((r) => [r.rel, r.unreadable?.id])).toEqual([
        ["a.ts", undefined],
        ["endless.ts", "file-time-budget"],
        ["c.ts", undefined],
      ]);
      expect(Date.now() - started).toBeLessThan(30_000);
      expect(problems).toEqual(["a worker thread was replaced: one file ran over the 0.3 s time budget"]);
    } finally {
      setWorkerScript(undefined);
    }
  });
});
