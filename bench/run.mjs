// The benchmark: scans synthetic repositories of 1k, 10k and 50k files with the committed bundle and
// prints wall time, CPU time, peak RSS, file counts and time per phase (median of several runs), the
// cold start on an empty repository, and which of the performance targets each size meets.
// Usage: npm run bench [-- --sizes 1000,10000 --runs 5]
// Real repositories instead (see bench/real.mjs): npm run bench -- --real [--mirror DIR] [--cache DIR]
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, GENERATOR_VERSION } from "./generate.mjs";
import { printLoadTimes } from "./load-times.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");
const args = process.argv.slice(2);
if (args.includes("--real")) {
  await (await import("./real.mjs")).runReal(args);
  process.exit(0);
}
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : args[i + 1];
};
const sizes = opt("sizes", "1000,10000,50000").split(",").map(Number);
const runs = Number(opt("runs", "3"));
// Outside this repository: its .gitignore would otherwise hide the synthetic trees from the scan.
const reposDir = path.join(os.tmpdir(), "upstash-scan-bench");

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

function ensureRepo(size) {
  const dir = path.join(reposDir, String(size));
  const stamp = path.join(dir, ".bench-stamp");
  const want = JSON.stringify({ version: GENERATOR_VERSION, files: size });
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, "utf8") !== want) {
    process.stderr.write(`generating ${size}-file repository…\n`);
    generate(dir, size);
  }
  return dir;
}

function runOnce(target, extraEnv = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "upstash-bench-"));
  const out = path.join(tmp, "out.json");
  const usage = path.join(tmp, "usage.json");
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.join(repo, "bin/upstash-scan.js"), target, "--format", "json", "--output", out, "--fail-on", "none"],
    {
      env: { ...process.env, UPSTASH_SCAN_RUSAGE: usage, ...extraEnv },
      encoding: "utf8",
    },
  );
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`scan failed (${r.status}): ${r.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  const ru = JSON.parse(fs.readFileSync(usage, "utf8"));
  fs.rmSync(tmp, { recursive: true, force: true });
  return {
    wall,
    cpu: (ru.userCPUTime + ru.systemCPUTime) / 1000,
    rss: ru.maxRSS / 1024,
    stats: doc.stats,
    findings: doc.summary.total,
  };
}

function measure(target) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(runOnce(target));
  const pick = (f) => median(all.map(f));
  const phases = {};
  for (const k of Object.keys(all[0].stats.phases)) phases[k] = pick((x) => x.stats.phases[k] ?? 0);
  return {
    wall: pick((x) => x.wall),
    cpu: pick((x) => x.cpu),
    rss: pick((x) => x.rss),
    stats: all[0].stats,
    phases,
    findings: all[0].findings,
  };
}

const fmt = (ms) => (ms / 1000).toFixed(2);
const results = new Map();
console.log(`upstash-scan bench · node ${process.version} · ${os.cpus().length} cores · median of ${runs} runs\n`);
const header = "files".padStart(7) + "  wall s  cpu s  peak MB    read  prefiltered  parsed  findings  phases (s)";
console.log(header);
for (const size of sizes) {
  const dir = ensureRepo(size);
  const m = measure(dir);
  results.set(size, m);
  const phases = Object.entries(m.phases)
    .map(([k, v]) => `${k} ${fmt(v)}`)
    .join(", ");
  console.log(
    `${String(m.stats.discovered).padStart(7)}  ${fmt(m.wall).padStart(6)}  ${fmt(m.cpu).padStart(5)}  ${m.rss.toFixed(0).padStart(7)}  ${String(m.stats.read).padStart(6)}  ${String(m.stats.prefilteredOut).padStart(11)}  ${String(m.stats.parsed).padStart(6)}  ${String(m.findings).padStart(8)}  ${phases}`,
  );
}

const empty = fs.mkdtempSync(path.join(os.tmpdir(), "upstash-empty-"));
const cold = [];
for (let i = 0; i < Math.max(runs, 5); i++) {
  for (const f of ["out.txt", "summary.md"]) fs.writeFileSync(path.join(empty, f), "");
  const t0 = performance.now();
  spawnSync(process.execPath, [path.join(repo, "dist/index.js")], {
    env: {
      ...process.env,
      GITHUB_WORKSPACE: empty,
      INPUT_PATH: ".",
      INPUT_UPLOAD: "false",
      "INPUT_FAIL-ON": "none",
      "INPUT_SARIF-FILE": path.join(empty, "out.sarif"),
      GITHUB_OUTPUT: path.join(empty, "out.txt"),
      GITHUB_STEP_SUMMARY: path.join(empty, "summary.md"),
    },
  });
  cold.push(performance.now() - t0);
}
fs.rmSync(empty, { recursive: true, force: true });
const coldMs = median(cold);
console.log(`\ncold start (node dist/index.js, action entry, empty repository): ${fmt(coldMs)} s`);
printLoadTimes(repo, runs);

console.log("\ntargets:");
const check = (ok, text) => console.log(`  ${ok ? "MEETS" : "MISSES"}  ${text}`);
const k10 = results.get(10000);
const k50 = results.get(50000);
if (k10) {
  check(k10.wall <= 3000, `10k files ≤ 3 s wall: ${fmt(k10.wall)} s`);
  check(k10.rss <= 400, `10k files ≤ 400 MB peak RSS: ${k10.rss.toFixed(0)} MB`);
}
if (k10 && k50) {
  const ratio = k50.wall / k10.wall;
  check(ratio <= 5.5, `50k/10k wall ratio ≤ 5.5: ${ratio.toFixed(2)}`);
  check(k50.rss <= 600, `50k files ≤ 600 MB peak RSS: ${k50.rss.toFixed(0)} MB`);
}
check(coldMs <= 600, `cold start ≤ 0.6 s: ${fmt(coldMs)} s`);
