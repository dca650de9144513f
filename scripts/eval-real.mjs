#!/usr/bin/env node
// Scores upstash-scan on the real-code corpus: every repository of corpus/repos.json at its pinned
// commit, scanned with the committed bundle, each finding matched to corpus/triage.jsonl. Prints
// precision and recall per rule and per check, then what changed since the triage (new findings,
// triaged findings gone, misses now found). Not part of `npm test`: it needs the repositories.
//
//   npm run eval:real [-- options]
//
//   --cache DIR     where checkouts live (default $XDG_CACHE_HOME or ~/.cache, /upstash-scan-corpus);
//                   must be outside this working tree
//   --from DIR      prepared repositories named owner+name: a git directory (bare, mirror, `repo/`
//                   inside, or a work tree's .git) is archived at the pinned commit; a plain tree is
//                   copied as it is (its commit cannot be checked: a note says so)
//   --offline       never use the network (default: a repository neither cached nor in --from is
//                   fetched from GitHub with `git fetch --depth 1 origin <commit>`)
//   --repo O/N      only this repository (repeatable)
//   --rule ID       only this rule (`upstash/…` or its short name; repeatable)
//   --check NAME    only this check (repeatable)
//   --timeout SEC   per-repository scan budget (default 300)
//   --bin FILE      the CLI to run (default bin/upstash-scan.js, i.e. the committed bundle)
//   --window N      lines a finding may move and still match when its line's text is unchanged (3)
//   --json          machine-readable result on stdout
//   --emit-new FILE write untriaged findings as triage-shaped JSONL (verdict null) to FILE
//   --strict        exit 1 when a finding is untriaged
//   --line O/N:FILE:LINE  record a miss: print a triage-shaped line (verdict "missed", the line's hash
//                   taken from the repository at its pinned commit, never its text) and scan nothing;
//                   repeatable. Fill in rule, check and reason, then add it to corpus/triage.jsonl.
//
// With --json, run it as `npm run --silent eval:real -- …` so that npm's banner stays off stdout.
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_LINE_WINDOW,
  lineHash,
  lineOf,
  matchFindings,
  parseLineSpec,
  renderTable,
  score,
  skeletonEntry,
  validateCorpus,
  validateTriage,
} from "./eval-real-lib.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_SOURCE_BYTES = 8 * 1024 * 1024; // a finding's file is read only to hash one line
const OWNER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\/[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function usage(message) {
  if (message) process.stderr.write(`eval-real: ${message}\n`);
  process.stderr.write("usage: npm run eval:real -- [--cache DIR] [--from DIR] [--offline] [--repo O/N] [--rule ID]\n");
  process.stderr.write(
    "       [--check NAME] [--timeout SEC] [--bin FILE] [--window N] [--json] [--emit-new FILE] [--strict]\n",
  );
  process.stderr.write("       npm run eval:real -- --line OWNER/NAME:FILE:LINE [--line …] [--from DIR] [--offline]\n");
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        cache: { type: "string" },
        from: { type: "string" },
        offline: { type: "boolean", default: false },
        repo: { type: "string", multiple: true },
        rule: { type: "string", multiple: true },
        check: { type: "string", multiple: true },
        timeout: { type: "string", default: "300" },
        bin: { type: "string", default: path.join(ROOT, "bin", "upstash-scan.js") },
        window: { type: "string", default: String(DEFAULT_LINE_WINDOW) },
        json: { type: "boolean", default: false },
        "emit-new": { type: "string" },
        strict: { type: "boolean", default: false },
        line: { type: "string", multiple: true },
        help: { type: "boolean", default: false },
      },
      allowPositionals: false,
    }).values;
  } catch (err) {
    usage(err.message);
  }
  if (parsed.help) usage();
  const timeout = Number(parsed.timeout);
  const window = Number(parsed.window);
  if (!Number.isFinite(timeout) || timeout <= 0) usage("--timeout takes a positive number of seconds");
  if (!Number.isInteger(window) || window < 0) usage("--window takes a non-negative integer");
  const cacheBase = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const cache = path.resolve(parsed.cache ?? path.join(cacheBase, "upstash-scan-corpus"));
  if (isInside(cache, ROOT)) usage(`--cache ${cache} is inside the working tree; the corpus must stay outside it`);
  const rules = (parsed.rule ?? []).map((r) => (r.startsWith("upstash/") ? r : `upstash/${r}`));
  const lines = (parsed.line ?? []).map(
    (spec) => parseLineSpec(spec) ?? usage(`--line takes OWNER/NAME:FILE:LINE, not ${spec}`),
  );
  return { ...parsed, timeout, window, cache, rules, lines, checks: parsed.check ?? [], repos: parsed.repo ?? [] };
}

const isInside = (child, parent) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

function loadCorpus() {
  const list = JSON.parse(fs.readFileSync(path.join(ROOT, "corpus", "repos.json"), "utf8"));
  for (const r of list.repos) {
    if (!OWNER_NAME.test(r.repo)) throw new Error(`corpus/repos.json: bad repo name ${JSON.stringify(r.repo)}`);
    if (!/^[0-9a-f]{40}$/.test(r.commit)) throw new Error(`corpus/repos.json: ${r.repo}: commit must be 40 hex digits`);
  }
  const text = fs.readFileSync(path.join(ROOT, "corpus", "triage.jsonl"), "utf8");
  const entries = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l, i) => {
      try {
        return JSON.parse(l);
      } catch {
        throw new Error(`corpus/triage.jsonl: line ${i + 1} is not JSON`);
      }
    });
  const problems = [...validateTriage(entries), ...validateCorpus(list.repos, entries)];
  if (problems.length) throw new Error(`corpus/triage.jsonl:\n  ${problems.join("\n  ")}`);
  return { repos: list.repos, entries };
}

// ---------------------------------------------------------------------------------------------
// Getting a repository at its commit. Git never runs anything of the repository's: no checkout
// (no hooks, filters or attributes), only `git archive` of the pinned tree into a fresh directory.

const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: os.devNull };

function git(gitDir, args, opts = {}) {
  return spawnSync("git", ["--git-dir", gitDir, "-c", "core.hooksPath=" + os.devNull, ...args], {
    env: GIT_ENV,
    encoding: opts.encoding ?? "utf8",
    input: opts.input,
    maxBuffer: 512 * 1024 * 1024,
    timeout: opts.timeout ?? 600_000,
  });
}

/** The git directory inside a prepared `owner+name` folder, if it is one. */
function findGitDir(dir) {
  for (const cand of [dir, path.join(dir, "repo"), path.join(dir, ".git")]) {
    if (fs.existsSync(path.join(cand, "HEAD")) && fs.existsSync(path.join(cand, "objects"))) return cand;
  }
  return undefined;
}

/** Extract `commit` of `gitDir` into `dest`, leaving out blobs the store lacks (snapshots drop large files). */
async function archive(gitDir, commit, dest) {
  const tree = git(gitDir, ["ls-tree", "-r", "-z", commit]);
  if (tree.status !== 0) throw new Error(`git ls-tree ${commit}: ${tree.stderr.trim() || "failed"}`);
  const blobs = tree.stdout
    .split("\0")
    .filter(Boolean)
    .map((l) => {
      const tab = l.indexOf("\t");
      const [, type, object] = l.slice(0, tab).split(" ");
      return { type, object, file: l.slice(tab + 1) };
    })
    .filter((b) => b.type === "blob");
  const check = git(gitDir, ["cat-file", "--batch-check=%(objectname)"], {
    input: blobs.map((b) => b.object).join("\n") + "\n",
  });
  const present = new Set(check.stdout.split("\n").filter((l) => /^[0-9a-f]{40}$/.test(l)));
  const missing = blobs.filter((b) => !present.has(b.object)).map((b) => b.file);
  fs.mkdirSync(dest, { recursive: true });
  const args = ["--git-dir", gitDir, "archive", "--format=tar", commit, "--", "."];
  for (const file of missing) args.push(`:(exclude,literal)${file}`);
  await new Promise((resolve, reject) => {
    const producer = spawn("git", args, { env: GIT_ENV, stdio: ["ignore", "pipe", "pipe"] });
    const tar = spawn("tar", ["-x", "--no-same-owner", "-C", dest], { stdio: ["pipe", "ignore", "pipe"] });
    let err = "";
    producer.stderr.on("data", (d) => (err += d));
    tar.stderr.on("data", (d) => (err += d));
    producer.stdout.pipe(tar.stdin);
    let done = 0;
    const finish = (code) => {
      if (code !== 0) return reject(new Error(`git archive | tar: ${err.trim() || `exit ${code}`}`));
      if (++done === 2) resolve();
    };
    producer.on("close", finish);
    tar.on("close", finish);
  });
  return missing.length;
}

async function fetchFromGitHub(repo, commit, gitDir) {
  fs.mkdirSync(gitDir, { recursive: true });
  if (!fs.existsSync(path.join(gitDir, "HEAD"))) {
    for (const args of [
      ["init", "--bare", "-q"],
      ["remote", "add", "origin", `https://github.com/${repo}.git`],
    ]) {
      const r = git(gitDir, args);
      if (r.status !== 0) throw new Error(`git ${args[0]}: ${r.stderr.trim()}`);
    }
  }
  // GitHub serves any reachable commit by id: one commit, no history.
  let r = git(gitDir, ["fetch", "-q", "--depth", "1", "--no-tags", "origin", commit]);
  if (r.status === 0) return;
  // Otherwise a blob-less clone of the history; `git archive` fetches the pinned tree's blobs lazily.
  git(gitDir, ["config", "remote.origin.promisor", "true"]);
  git(gitDir, ["config", "remote.origin.partialclonefilter", "blob:none"]);
  r = git(gitDir, ["fetch", "-q", "--filter=blob:none", "--no-tags", "origin"]);
  if (r.status !== 0) throw new Error(`git fetch ${repo}: ${r.stderr.trim() || "failed"}`);
}

/** A directory holding `repo` at `commit`, prepared once in the cache. Returns { dir, note }. */
async function prepare(entry, opts) {
  const slug = entry.repo.replace("/", "+");
  const dest = path.join(opts.cache, slug, entry.commit);
  const ready = `${dest}.ready`;
  if (fs.existsSync(ready)) return { dir: dest, note: fs.readFileSync(ready, "utf8").trim() };
  fs.rmSync(dest, { recursive: true, force: true });
  let note;
  const prepared = opts.from ? path.join(path.resolve(opts.from), slug) : undefined;
  if (prepared && fs.existsSync(prepared)) {
    const gitDir = findGitDir(prepared);
    if (gitDir) {
      const missing = await archive(gitDir, entry.commit, dest);
      note = `archived from ${gitDir}` + (missing ? ` (${missing} blobs absent from the store left out)` : "");
    } else {
      fs.cpSync(prepared, dest, {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => path.basename(src) !== ".git",
      });
      note = `copied from ${prepared} (a plain tree: its commit cannot be checked)`;
    }
  } else if (opts.offline) {
    throw new Error(`not in the cache${prepared ? ` nor in ${path.dirname(prepared)}` : ""}, and --offline`);
  } else {
    const gitDir = path.join(opts.cache, ".git", slug);
    await fetchFromGitHub(entry.repo, entry.commit, gitDir);
    const missing = await archive(gitDir, entry.commit, dest);
    note = "fetched from GitHub" + (missing ? ` (${missing} blobs missing)` : "");
  }
  fs.writeFileSync(ready, note + "\n");
  return { dir: dest, note };
}

// ---------------------------------------------------------------------------------------------

function scan(dir, opts) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [opts.bin, dir, "--format", "json", "--fail-on", "none"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: opts.timeout * 1000,
    killSignal: "SIGKILL",
  });
  const seconds = (Date.now() - started) / 1000;
  if (r.error?.code === "ETIMEDOUT" || r.signal) throw new Error(`scan did not finish in ${opts.timeout} s`);
  if (r.status !== 0) throw new Error(`scan exited ${r.status}: ${(r.stderr || "").trim().split("\n")[0]}`);
  const doc = JSON.parse(r.stdout);
  return { findings: doc.findings.filter((f) => !f.suppressed), internalErrors: doc.internalErrors ?? 0, seconds };
}

/** The hash of the finding's line, read from the scanned tree (never outside it). */
function hashAt(dir, file, line, cache) {
  const full = path.resolve(dir, file);
  if (!isInside(full, dir)) return lineHash("");
  if (!cache.has(full)) {
    let text = "";
    try {
      const st = fs.lstatSync(full);
      if (st.isFile() && st.size <= MAX_SOURCE_BYTES) text = fs.readFileSync(full, "utf8");
    } catch {
      /* a finding on a path that is gone hashes as an empty line */
    }
    cache.set(full, text);
  }
  return lineHash(lineOf(cache.get(full), line));
}

const where = (x) => `${x.repo}  ${x.rule.replace("upstash/", "")}/${x.check}  ${x.file}:${x.line}`;

/** --line: triage-shaped lines for misses found by reading, hashed from the pinned tree. */
async function printMissSkeletons(corpus, opts) {
  const files = new Map();
  for (const { repo, file, line } of opts.lines) {
    const entry = corpus.repos.find((r) => r.repo === repo);
    if (!entry) usage(`not in corpus/repos.json: ${repo}`);
    const { dir } = await prepare(entry, opts);
    const full = path.resolve(dir, file);
    if (!isInside(full, dir) || !fs.existsSync(full)) usage(`${repo}: no file ${file} at ${entry.commit}`);
    const hash = hashAt(dir, file, line, files);
    if (hash === lineHash("")) usage(`${repo}: ${file}:${line} is empty or past the end of the file`);
    const skeleton = { ...skeletonEntry({ repo, rule: "", check: "", file, line, hash }), verdict: "missed" };
    process.stdout.write(JSON.stringify(skeleton) + "\n");
  }
}

async function main() {
  const opts = options();
  let corpus;
  try {
    corpus = loadCorpus();
  } catch (err) {
    usage(err.message);
  }
  if (opts.lines.length) return printMissSkeletons(corpus, opts);
  const selected = corpus.repos.filter((r) => !opts.repos.length || opts.repos.includes(r.repo));
  if (opts.repos.length && selected.length !== opts.repos.length)
    usage(`not in corpus/repos.json: ${opts.repos.filter((r) => !selected.some((s) => s.repo === r)).join(", ")}`);
  const keep = (x) =>
    (!opts.rules.length || opts.rules.includes(x.rule)) && (!opts.checks.length || opts.checks.includes(x.check));

  const log = (s) => process.stderr.write(s + "\n");
  const findings = [];
  const scanned = [];
  const failed = [];
  for (const entry of selected) {
    try {
      const { dir, note } = await prepare(entry, opts);
      const result = scan(dir, opts);
      const files = new Map();
      for (const f of result.findings) {
        const line = f.startLine;
        const finding = {
          repo: entry.repo,
          rule: f.rule,
          check: f.check ?? "",
          file: f.file,
          line,
          message: f.message,
        };
        finding.hash = hashAt(dir, f.file, line, files);
        if (keep(finding)) findings.push(finding);
      }
      scanned.push({
        repo: entry.repo,
        triage: entry.triage,
        seconds: result.seconds,
        findings: result.findings.length,
        internalErrors: result.internalErrors,
        note,
      });
      log(
        `${entry.repo}: ${result.findings.length} findings in ${result.seconds.toFixed(1)} s${result.internalErrors ? `, ${result.internalErrors} internal errors` : ""}`,
      );
    } catch (err) {
      failed.push({ repo: entry.repo, error: err.message });
      log(`${entry.repo}: FAILED: ${err.message}`);
    }
  }
  const scannedRepos = new Set(scanned.map((s) => s.repo));
  // Entries of repositories that could not be scanned are neither found nor gone.
  const entries = corpus.entries.filter((e) => scannedRepos.has(e.repo) && keep(e));
  const result = score(matchFindings(findings, entries, { window: opts.window }));
  const untriagedRepos = scanned.filter((s) => s.triage === "none" || !s.triage).map((s) => s.repo);
  const findingsOnlyRepos = scanned.filter((s) => s.triage === "findings").map((s) => s.repo);

  if (opts["emit-new"]) {
    fs.writeFileSync(
      opts["emit-new"],
      result.newFindings.map((f) => JSON.stringify(skeletonEntry(f))).join("\n") +
        (result.newFindings.length ? "\n" : ""),
    );
  }
  if (opts.json) {
    process.stdout.write(
      JSON.stringify({ scanned, failed, untriagedRepos, findingsOnlyRepos, ...result }, null, 2) + "\n",
    );
  } else {
    const out = [];
    out.push(
      `upstash-scan on ${scanned.length} repositories of the corpus (${failed.length} failed); triage: corpus/triage.jsonl`,
    );
    if (findingsOnlyRepos.length)
      out.push(
        `findings judged, misses not yet looked for (recall counts none there): ${findingsOnlyRepos.join(", ")}`,
      );
    if (untriagedRepos.length) out.push(`not triaged yet (their findings count as new): ${untriagedRepos.join(", ")}`);
    out.push("", renderTable(result), "");
    out.push(
      "TP: found and a real instance; FP: found, noise; missed: a real instance not found (incl. triaged TPs gone);",
    );
    out.push("new: found, not in the triage. precision = TP/(TP+FP), recall = TP/(TP+missed).", "");
    if (failed.length) out.push("Failed:", ...failed.map((f) => `  ${f.repo}: ${f.error}`), "");
    const gone = result.gone;
    out.push(
      `New since the triage (${result.newFindings.length}):`,
      ...result.newFindings.map((f) => `  + ${where(f)}  ${f.message}`),
      "",
    );
    out.push(
      `Gone since the triage (${gone.length}):`,
      ...gone.map((e) => `  - [${e.verdict}] ${where(e)}  ${e.reason}`),
      "",
    );
    out.push(
      `Misses now found (${result.nowFound.length}):`,
      ...result.nowFound.map(({ entry }) => `  * ${where(entry)}  ${entry.reason}`),
    );
    process.stdout.write(out.join("\n") + "\n");
  }
  if (failed.length) process.exitCode = 2;
  else if (opts.strict && result.newFindings.length) process.exitCode = 1;
}

main().catch((err) => {
  process.stderr.write(`eval-real: ${err.stack || err.message}\n`);
  process.exit(2);
});
