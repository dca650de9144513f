/**
 * The bundle's entry. One bundle serves three roles to keep dist/ small: the Action (run as is), the
 * CLI (bin/upstash-scan.js sets UPSTASH_SCAN_ENTRY=cli) and the analysis worker threads (started by
 * the engine on this same file). Each role is loaded on demand, so a worker does not pay for the
 * Action's and the CLI's modules, nor the CLI for the Action's.
 */
import * as fs from "node:fs";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { enableCodeCache } from "./code-cache";

// Compiled code kept between runs for the large chunks (TypeScript): see code-cache.ts.
enableCodeCache(__dirname);

// The benchmark asks for the process's own resource usage (CPU time, peak RSS) at exit.
const usageFile = process.env.UPSTASH_SCAN_RUSAGE;
if (usageFile && isMainThread)
  process.on("exit", () => fs.writeFileSync(usageFile, JSON.stringify(process.resourceUsage())));

if (process.env.UPSTASH_SCAN_LOAD_TIMES && isMainThread) {
  // The benchmark asks what loading each part of the bundle costs (which chunk files each one brings).
  void (async () => {
    const times: Array<{ part: string; millis: number; chunks: string[] }> = [];
    const loaded = () => new Set(Object.keys(require.cache).map((f) => f.slice(__dirname.length + 1)));
    const time = async (part: string, load: () => Promise<unknown>) => {
      const before = loaded();
      const t = performance.now();
      await load();
      times.push({ part, millis: performance.now() - t, chunks: [...loaded()].filter((c) => !before.has(c)) });
    };
    await time("worker and engine", () => import("./engine/lanes"));
    await time("scan", () => import("./engine/scan"));
    await time("configuration", () => import("./config/load"));
    await time("CLI", () => import("./cli"));
    await time("Action", () => import("./main"));
    await time("TypeScript", async () => (await import("./engine/parse")).loadTypeScript());
    fs.writeFileSync(process.env.UPSTASH_SCAN_LOAD_TIMES!, JSON.stringify(times));
  })();
} else if (!isMainThread && (workerData as { upstashScanWorker?: boolean } | null)?.upstashScanWorker) {
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
