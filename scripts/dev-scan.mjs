#!/usr/bin/env node
// Run the CLI from the TypeScript sources without the slow ncc bundle: rolldown builds .dev/index.js
// in about a second (TypeScript stays external), then the CLI runs with the given arguments.
// Usage: npm run scan:dev -- <path> [options]
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as path from "node:path";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(repo, ".dev/index.js");
const build = spawnSync(
  process.execPath,
  [
    path.join(repo, "node_modules/rolldown/bin/cli.mjs"),
    "src/index.ts",
    "--platform",
    "node",
    "--format",
    "cjs",
    "--dir",
    path.dirname(out),
    "--external",
    "typescript",
    "--log-level",
    "warn",
  ],
  { cwd: repo, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" },
);
if (build.status !== 0) {
  process.stderr.write(build.stdout + build.stderr);
  process.exit(build.status ?? 2);
}
const run = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, UPSTASH_SCAN_ENTRY: "cli" },
});
process.exit(run.status ?? 2);
