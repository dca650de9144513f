// The real-repository bench: scans the public repositories pinned in bench/real-repos.json (and this
// repository's own tracked files) with the bundled CLI and prints, per repository, files, parsed files,
// findings, wall and CPU time, peak RSS and time per phase, next to the floor: the same tree read file
// by file by a bare Node process, and the ratio to it. Medians of several runs.
//
// The repositories are extracted OUTSIDE this repository, into a cache directory, and never committed:
//   npm run bench -- --real                             # git clone + checkout of each pinned commit
//   npm run bench -- --real --mirror /work/.mirror      # from local bare mirrors (<mirror>/<owner>+<name>/repo)
//   npm run bench -- --real --cache DIR --repos dubinc/dub,self --runs 5
//   npm run bench -- --real --bundle DIR                # another build (DIR/bin/upstash-scan.js + DIR/dist)
//   npm run bench -- --real --save-findings DIR         # finding keys (rule check file:line) per repository
//   npm run bench -- --real --no-floor                  # skip the plain-read floor
//   npm run bench -- --real --no-load-times             # skip the bundle's load time per part
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { printLoadTimes } from "./load-times.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..");

export async function runReal(args) {
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? def : args[i + 1];
  };
  const list = JSON.parse(fs.readFileSync(path.join(here, "real-repos.json"), "utf8")).repositories;
  const only = opt("repos", undefined)?.split(",");
  const runs = Number(opt("runs", "3"));
  const cache = path.resolve(opt("cache", path.join(os.tmpdir(), "upstash-scan-real")));
  const mirror = opt("mirror", undefined);
  const bundle = path.resolve(opt("bundle", repo));
  const saveFindings = opt("save-findings", undefined);
  const jsonOut = opt("json", undefined);
  const floor = !args.includes("--no-floor");
  fs.mkdirSync(cache, { recursive: true });

  const chosen = list.filter((r) => !only || only.includes(r.name));
  const rows = [];
  console.log(
    `upstash-scan real-repository bench · node ${process.version} · ${os.cpus().length} cores · ` +
      `load ${os.loadavg()[0].toFixed(2)} · median of ${runs} runs · bundle ${path.relative(repo, bundle) || "."}\n`,
  );
  for (const r of chosen) {
    const dir = obtain(r, cache, mirror);
    const scans = [];
    for (let i = 0; i < runs; i++) scans.push(scanOnce(bundle, dir));
    const floors = [];
    for (let i = 0; floor && i < runs; i++) floors.push(plainRead(dir));
    const pick = (f) => median(scans.map(f));
    const phases = {};
    for (const k of new Set(scans.flatMap((s) => Object.keys(s.stats.phases))))
      phases[k] = pick((s) => s.stats.phases[k] ?? 0);
    const row = {
      name: r.name,
      files: scans[0].stats.discovered,
      parsed: scans[0].stats.parsed,
      findings: scans[0].keys.length,
      wall: pick((s) => s.wall),
      cpu: pick((s) => s.cpu),
      rss: pick((s) => s.rss),
      floor: floors.length ? median(floors) : NaN,
      phases,
    };
    rows.push(row);
    if (saveFindings) {
      fs.mkdirSync(saveFindings, { recursive: true });
      fs.writeFileSync(path.join(saveFindings, `${r.name.replace("/", "+")}.keys`), scans[0].keys.join("\n") + "\n");
    }
    process.stderr.write(`  ${r.name}: ${fmt(row.wall)} s\n`);
  }

  const table = [
    "| repository | files | parsed | findings | wall s | CPU s | peak MB | floor s | × floor | s per 5k files |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (x) =>
        `| ${x.name} | ${x.files} | ${x.parsed} | ${x.findings} | ${fmt(x.wall)} | ${fmt(x.cpu)} | ${x.rss.toFixed(0)} | ` +
        `${fmt(x.floor)} | ${(x.wall / x.floor).toFixed(1)} | ${x.files ? fmt((x.wall * 5000) / x.files) : "–"} |`,
    ),
  ];
  const phaseNames = [...new Set(rows.flatMap((x) => Object.keys(x.phases)))];
  const phaseTable = [
    `| repository | ${phaseNames.join(" | ")} |`,
    `|---|${phaseNames.map(() => "---:").join("|")}|`,
    ...rows.map((x) => `| ${x.name} | ${phaseNames.map((p) => fmt(x.phases[p] ?? 0)).join(" | ")} |`),
  ];
  console.log(table.join("\n"));
  console.log("\ntime per phase (s, summed over threads):\n");
  console.log(phaseTable.join("\n"));
  if (!args.includes("--no-load-times")) printLoadTimes(bundle, runs);
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
  return rows;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const fmt = (ms) => (ms / 1000).toFixed(2);

/** The repository's tree at its pinned commit, extracted under `cache` (done once). */
function obtain(r, cache, mirror) {
  if (r.name === "self") return selfCopy(cache);
  const slug = r.name.replace("/", "+");
  const dir = path.join(cache, slug);
  const stamp = path.join(cache, `.${slug}.commit`);
  if (fs.existsSync(dir)) {
    const pinned = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8").trim() : undefined;
    // No stamp: an extraction that did not finish. Start again.
    if (pinned === r.commit) return dir;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  let gitDir = mirror && path.join(mirror, slug, "repo");
  if (!gitDir || !fs.existsSync(gitDir)) {
    gitDir = path.join(cache, ".git", slug);
    if (!fs.existsSync(gitDir)) {
      process.stderr.write(`cloning ${r.name}…\n`);
      execFileSync("git", ["clone", "--bare", "--filter=blob:none", `https://github.com/${r.name}.git`, gitDir], {
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
    try {
      execFileSync("git", ["--git-dir", gitDir, "cat-file", "-e", `${r.commit}^{commit}`], { stdio: "ignore" });
    } catch {
      execFileSync("git", ["--git-dir", gitDir, "fetch", "origin", r.commit], {
        stdio: ["ignore", "ignore", "inherit"],
      });
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  // Snapshot mirrors may lack large blobs (images): leave those out rather than fail the archive.
  const blobs = execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", r.commit], {
    encoding: "utf8",
    maxBuffer: 1 << 28,
  })
    .split("\n")
    .filter((l) => l.includes(" blob "))
    .map((l) => ({ id: l.split(/\s+/)[2], file: l.slice(l.indexOf("\t") + 1) }));
  const check = execFileSync("git", ["--git-dir", gitDir, "cat-file", "--batch-check"], {
    input: blobs.map((b) => b.id).join("\n") + "\n",
    encoding: "utf8",
    maxBuffer: 1 << 28,
  }).split("\n");
  const missing = blobs.filter((_, i) => check[i]?.endsWith(" missing")).map((b) => `:(exclude)${b.file}`);
  const archive = spawnSync("git", ["--git-dir", gitDir, "archive", r.commit, "--", ".", ...missing], {
    maxBuffer: 2 ** 31, // `1 << 31` is negative: spawnSync refuses it
  });
  if (archive.status !== 0 && !archive.stdout?.length) throw new Error(`git archive ${r.name}: ${archive.stderr}`);
  execFileSync("tar", ["-x", "-C", dir], { input: archive.stdout, maxBuffer: 1 << 20 });
  fs.writeFileSync(stamp, r.commit + "\n");
  return dir;
}

/** This repository's tracked files from the working tree (so a local `npm run bundle` is what is scanned). */
function selfCopy(cache) {
  const dir = path.join(cache, "upstash-scan-self");
  fs.rmSync(dir, { recursive: true, force: true });
  const files = execFileSync("git", ["-C", repo, "ls-files", "-z"], { encoding: "utf8", maxBuffer: 1 << 28 })
    .split("\0")
    .filter(Boolean);
  for (const f of files) {
    const from = path.join(repo, f);
    if (!fs.existsSync(from)) continue;
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.copyFileSync(from, path.join(dir, f));
  }
  return dir;
}

function scanOnce(bundle, target) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "upstash-real-"));
  const out = path.join(tmp, "out.json");
  const usage = path.join(tmp, "usage.json");
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [path.join(bundle, "bin/upstash-scan.js"), target, "--format", "json", "--output", out, "--fail-on", "none"],
    { env: { ...process.env, UPSTASH_SCAN_RUSAGE: usage }, encoding: "utf8", timeout: 600_000 },
  );
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`scan of ${target} failed (${r.status ?? r.signal}): ${r.stderr}`);
  const doc = JSON.parse(fs.readFileSync(out, "utf8"));
  const ru = JSON.parse(fs.readFileSync(usage, "utf8"));
  fs.rmSync(tmp, { recursive: true, force: true });
  const keys = doc.findings.map((f) => `${f.rule} ${f.check} ${f.file}:${f.startLine}`).sort();
  return { wall, cpu: (ru.userCPUTime + ru.systemCPUTime) / 1000, rss: ru.maxRSS / 1024, stats: doc.stats, keys };
}

/** The floor: a bare Node process that walks the same tree (without node_modules/.git) and reads every file. */
const READ_ALL = `
const fs = require("fs"), path = require("path");
const skip = new Set(["node_modules", ".git", ".hg", ".svn", "bower_components", ".pnpm-store", ".yarn", ".turbo"]);
let bytes = 0;
const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) {
  if (e.isDirectory()) { if (!skip.has(e.name)) walk(path.join(d, e.name)); }
  else if (e.isFile()) bytes += fs.readFileSync(path.join(d, e.name), "utf8").length;
} };
walk(process.argv[1]);
`;
function plainRead(dir) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-e", READ_ALL, dir], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`plain read of ${dir} failed: ${r.stderr}`);
  return performance.now() - t0;
}
