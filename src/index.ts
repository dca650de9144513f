/**
 * The bundle's entry. One bundle serves both entry points to keep dist/ small: bin/upstash-scan.js
 * sets UPSTASH_SCAN_ENTRY=cli before loading it; the Action runs it as is.
 */
import * as fs from "node:fs";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { run } from "./main";
import { runCli } from "./cli";
import { runWorker, setWorkerScript } from "./engine/pool";

// Worker threads run this same bundle (see engine/pool.ts).
setWorkerScript(__filename);

// The benchmark asks for the process's own resource usage (CPU time, peak RSS) at exit.
const usageFile = process.env.UPSTASH_SCAN_RUSAGE;
if (usageFile && isMainThread) process.on("exit", () => fs.writeFileSync(usageFile, JSON.stringify(process.resourceUsage())));

if (!isMainThread && (workerData as { upstashScanWorker?: boolean } | null)?.upstashScanWorker) {
  runWorker(parentPort!);
} else if (process.env.UPSTASH_SCAN_ENTRY === "cli") {
  delete process.env.UPSTASH_SCAN_ENTRY;
  void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }).then(
    (code) => {
      process.exitCode = code;
    },
  );
} else {
  void run();
}
