// What loading each part of the bundle costs: the bundle, run with UPSTASH_SCAN_LOAD_TIMES, loads its
// parts one after another and reports the time and the chunk files each part brings in. Measured
// without the code cache (a first run) and with it (every later run on the same machine).
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

function once(bundle, env) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "upstash-load-")), "times.json");
  const r = spawnSync(process.execPath, [path.join(bundle, "dist/index.js")], {
    env: { ...process.env, UPSTASH_SCAN_LOAD_TIMES: out, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`load-time run failed: ${r.stderr}`);
  const times = JSON.parse(fs.readFileSync(out, "utf8"));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return times;
}

/** Prints a table of median load times per part of the bundle. */
export function printLoadTimes(bundle, runs) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const cold = [];
  const warm = [];
  for (let i = 0; i < runs; i++) cold.push(once(bundle, { UPSTASH_SCAN_CODE_CACHE: "0" }));
  once(bundle, {}); // fills the code cache
  for (let i = 0; i < runs; i++) warm.push(once(bundle, {}));
  const size = (chunk) => {
    try {
      return fs.statSync(path.join(bundle, "dist", chunk)).size;
    } catch {
      return 0;
    }
  };
  console.log(`\nbundle load time per part (median of ${runs}; ms):\n`);
  console.log("| part | chunks | KB | no code cache | code cache |");
  console.log("|---|---|---:|---:|---:|");
  cold[0].forEach((p, i) => {
    const kb = p.chunks.reduce((n, c) => n + size(c), 0) / 1024;
    console.log(
      `| ${p.part} | ${p.chunks.join(", ") || "–"} | ${kb.toFixed(0)} | ${median(cold.map((r) => r[i].millis)).toFixed(0)} | ${median(warm.map((r) => r[i].millis)).toFixed(0)} |`,
    );
  });
}
