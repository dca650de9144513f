/**
 * The bundle's entry. One bundle serves three roles to keep dist/ small: the Action (run as is), the
 * CLI (bin/upstash-scan.js sets UPSTASH_SCAN_ENTRY=cli) and the analysis worker threads (started by
 * the engine on this same file). Each role is loaded on demand, so a worker does not pay for the
 * Action's and the CLI's modules, nor the CLI for the Action's.
 */
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import { isMainThread, parentPort, workerData } from "node:worker_threads";

// Node 22.1+ can keep compiled code between runs (the TypeScript chunk is most of start-up time);
// Node 20 has no such API, and any failure here only costs speed.
try {
  (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // not available
}

// The benchmark asks for the process's own resource usage (CPU time, peak RSS) at exit.
const usageFile = process.env.UPSTASH_SCAN_RUSAGE;
if (usageFile && isMainThread)
  process.on("exit", () => fs.writeFileSync(usageFile, JSON.stringify(process.resourceUsage())));

if (!isMainThread && (workerData as { upstashScanWorker?: boolean } | null)?.upstashScanWorker) {
  void import("./engine/lanes").then(({ runWorker }) =>
    runWorker(parentPort!, workerData as import("./engine/lanes").WorkerInit),
  );
} else {
  const script = __filename;
  void import("./engine/lanes").then(async ({ setWorkerScript, prestartWorker }) => {
    setWorkerScript(script);
    const args = process.argv.slice(2);
    if (!args.some((a) => a === "-h" || a === "--help" || a === "-v" || a === "--version")) prestartWorker();
    if (process.env.UPSTASH_SCAN_ENTRY === "cli") {
      delete process.env.UPSTASH_SCAN_ENTRY;
      const { runCli } = await import("./cli");
      process.exitCode = await runCli(process.argv.slice(2), {
        stdout: process.stdout,
        stderr: process.stderr,
        cwd: process.cwd(),
        env: process.env,
      });
    } else {
      const { run } = await import("./main");
      await run();
    }
  });
}
