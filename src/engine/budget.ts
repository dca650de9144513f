/**
 * Time budgets. Three layers, so that no file can stop a scan:
 * - cooperative: long-running loops (the syntax tree walk) call checkBudget(), which throws once the
 *   current step's time is up; the detector stops early with a notification;
 * - in a worker, each step (reading a file, parsing it, each detector) is published to the scan's
 *   watchdog (markStep), which terminates and replaces a worker stuck past the limit (see dispatch.ts);
 * - in the main thread, where nothing can terminate us from outside, synchronous steps run under a V8
 *   execution timeout (withTimeout), which interrupts even an endless loop or a backtracking regex.
 */
import * as vm from "node:vm";
import { isMainThread } from "node:worker_threads";

export class BudgetExceeded extends Error {
  constructor(readonly millis: number) {
    super(`time budget of ${millis} ms exceeded`);
  }
}

/** A step stopped from outside after running past its limit (it did not check its budget). */
export class StepTimedOut extends Error {
  constructor(readonly millis: number) {
    super(`stopped after ${seconds(millis)} (the time budget)`);
  }
}

/** "0.3 s", "15 s". */
export function seconds(millis: number): string {
  return `${(millis / 1000).toFixed(millis < 10_000 ? 1 : 0)} s`;
}

/** How much longer than its budget a step may run before it is stopped from outside. */
export function hardLimit(budgetMillis: number): number {
  return budgetMillis + Math.max(2000, budgetMillis / 2);
}

let deadline = Infinity;
let budgetMillis = 0;
let stepListener: (() => void) | undefined;

/** Called at the start of every step (the worker forwards it to the watchdog). */
export function onStep(listener: (() => void) | undefined): void {
  stepListener = listener;
}

/** A new step begins: the watchdog's clock restarts. */
export function markStep(): void {
  stepListener?.();
}

/** Start the clock for one step of one file. */
export function startFileBudget(millis: number): void {
  markStep();
  budgetMillis = millis;
  deadline = performance.now() + millis;
}

export function clearFileBudget(): void {
  deadline = Infinity;
}

/** Throws BudgetExceeded once the current step's time is up. */
export function checkBudget(): void {
  if (performance.now() > deadline) throw new BudgetExceeded(budgetMillis);
}

const STEP = Symbol.for("upstash-scan.step");
let stepScript: vm.Script | undefined;

/**
 * Run a synchronous step; in the main thread, stop it (StepTimedOut) once it has run `millis`. Workers
 * run it directly: their watchdog is outside the thread, and a timeout per call costs a thread start.
 */
export function withTimeout<T>(fn: () => T, millis: number): T {
  if (!isMainThread || !Number.isFinite(millis)) return fn();
  stepScript ??= new vm.Script(`globalThis[Symbol.for("upstash-scan.step")]()`, { filename: "upstash-scan-step" });
  const g = globalThis as unknown as Record<symbol, unknown>;
  const previous = g[STEP];
  g[STEP] = fn;
  try {
    return stepScript.runInThisContext({ timeout: Math.max(1, Math.ceil(millis)) }) as T;
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_SCRIPT_EXECUTION_TIMEOUT") throw new StepTimedOut(millis);
    throw err;
  } finally {
    g[STEP] = previous;
  }
}
