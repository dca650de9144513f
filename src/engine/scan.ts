/**
 * The scan's entry: options resolved (roots, source root, configuration, detectors, worker count), then
 * one ScanSession runs the phases (session.ts) over the lanes that do the file work (lanes.ts,
 * scheduled by dispatch.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DETECTORS } from "../detectors/index";
import type { Detector } from "../detectors/types";
import { defaultConfig } from "../config/defaults";
import type { ScanConfig } from "../config/types";
import { SecretRegistry } from "../secrets/redact";
import { UsageError } from "./errors";
import { gitTopLevel } from "../git/work-tree";
import type { ProjectFacts } from "./project";
import { discardPrestarted, scanLanes, workerScriptPath } from "./lanes";
import { ScanSession, type SessionResult } from "./session";
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

  // Files are processed by worker threads when the bundle is running (see lanes.ts); custom detectors
  // given by a caller exist only here, so they keep everything in this thread.
  const workers =
    options.workers ??
    (options.detectors || !workerScriptPath() ? 0 : Math.max(1, Math.min(4, os.availableParallelism())));
  const session = new ScanSession({
    roots,
    srcRoot,
    config,
    detectors,
    lanes: scanLanes(workers, detectors, {
      options: config.detectorOptions,
      budgets: config.budgets,
      testPaths: config.testPaths,
    }),
    baseline: options.baseline,
    history: options.history,
    onProgress: options.onProgress,
    onPhase: options.onPhase,
    now: options.now ?? new Date(),
  });
  let result: SessionResult;
  try {
    result = await session.run();
  } finally {
    discardPrestarted();
  }
  return { srcRoot, roots, ...result, startedAt, finishedAt: new Date(), config };
}
