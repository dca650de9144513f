/**
 * What the CLI says on stderr while it scans. A progress line (redrawn in place) only when stderr is a
 * terminal and the scan has run for a second; `--verbose` adds a line per phase and, at the end, the
 * counts and phase timings; `--quiet` says nothing but errors. Output on stdout is never touched.
 */
import type { ScanPhase } from "../engine/scan";
import type { ScanStats } from "../engine/types";
import { TOOL_NAME } from "../version";
import { neutralizeCommands } from "../github/log";

export interface ProgressOptions {
  /** stderr is a terminal (a line can be redrawn in place). */
  tty: boolean;
  quiet: boolean;
  verbose: boolean;
  /** Milliseconds before the first progress line (default 1000). */
  delayMs?: number;
  /** Terminal width, to keep the line on one row. */
  columns?: number;
}

const LABEL: Record<ScanPhase, string> = {
  files: "reading and analysing files",
  project: "cross-file analysis",
  finalize: "finishing",
};

/** Redraws at most this often. */
const INTERVAL_MS = 200;

export class Progress {
  private readonly started = performance.now();
  private phase: ScanPhase | undefined;
  private stats: Readonly<ScanStats> | undefined;
  /** Which scan of several (roots with their own configurations), e.g. "apps/web: ". */
  private prefix = "";
  /** The line on screen, if any (not redrawn while it stays the same). */
  private drawn: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly err: { write(s: string): unknown },
    private readonly options: ProgressOptions,
  ) {
    if (options.tty && !options.quiet) {
      this.timer = setInterval(() => this.draw(), INTERVAL_MS);
      this.timer.unref?.();
    }
  }

  private elapsed(): number {
    return (performance.now() - this.started) / 1000;
  }

  private clear(): void {
    if (this.drawn !== undefined) this.err.write("\r\x1b[2K");
    this.drawn = undefined;
  }

  private draw(): void {
    if (!this.phase || !this.stats || performance.now() - this.started < (this.options.delayMs ?? 1000)) return;
    const s = this.stats;
    let line = `${TOOL_NAME}: ${this.prefix}${LABEL[this.phase]} · ${s.discovered} found · ${s.read} read · ${s.parsed} parsed · ${this.elapsed().toFixed(0)} s`;
    // A terminal that reports no size (0 columns) gets a conventional width.
    const width = (this.options.columns || 80) - 1;
    if (line.length > width) line = line.slice(0, Math.max(0, width - 1)) + "…";
    if (line === this.drawn) return;
    this.err.write(`\r\x1b[2K${line}`);
    this.drawn = line;
  }

  /** A line that stays (verbose output, history progress, notes). */
  line(message: string): void {
    if (this.options.quiet) return;
    this.clear();
    // History progress and warnings can quote the scanned tree: no line may read as a workflow command.
    this.err.write(`${TOOL_NAME}: ${neutralizeCommands(message)}\n`);
  }

  /** Only with --verbose. */
  detail(message: string): void {
    if (this.options.verbose) this.line(message);
  }

  /** The scan of one group of roots begins (prefix names it when there are several). */
  group(prefix: string): void {
    this.prefix = prefix;
  }

  onPhase = (phase: ScanPhase, stats: Readonly<ScanStats>): void => {
    this.phase = phase;
    this.stats = stats;
    this.detail(`[${this.elapsed().toFixed(2)} s] ${this.prefix}${LABEL[phase]}`);
    if (this.timer) this.draw();
  };

  /** The end: the progress line goes; with --verbose, what the scan did and where its time went. */
  done(stats?: ScanStats): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.clear();
    if (!this.options.verbose || !stats) return;
    this.line(
      `files: ${stats.discovered} found, ${stats.read} read, ${stats.prefilteredOut} prefiltered out, ${stats.parsed} parsed, ${stats.skipped} skipped or partly scanned`,
    );
    const phases = Object.entries(stats.phases)
      .filter(([, ms]) => ms > 0)
      .map(([name, ms]) => `${name} ${ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`}`);
    if (phases.length) this.line(`time per phase (summed over worker threads): ${phases.join(", ")}`);
    this.line(`done in ${this.elapsed().toFixed(2)} s`);
  }
}
