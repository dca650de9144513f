// Matching and scoring for the real-code corpus (scripts/eval-real.mjs). Pure functions, no I/O, so
// test/eval-real.test.ts can pin them down without a network or a real repository.
import { createHash } from "node:crypto";

/** How many lines a finding may move and still match its triage entry (only when the line's text matches). */
export const DEFAULT_LINE_WINDOW = 3;

export const VERDICTS = ["tp", "fp", "missed"];

/**
 * A short, non-reversible fingerprint of a source line: whitespace-trimmed text, SHA-256, 12 hex digits.
 * Triage entries store this instead of the text, so a line holding a credential leaves no trace of it.
 */
export function lineHash(text) {
  return createHash("sha256")
    .update(String(text ?? "").trim())
    .digest("hex")
    .slice(0, 12);
}

/** The text of 1-based line `line` in `source` (empty when out of range). */
export function lineOf(source, line) {
  if (!Number.isInteger(line) || line < 1) return "";
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = source.indexOf("\n", start);
    if (next < 0) return "";
    start = next + 1;
  }
  const end = source.indexOf("\n", start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, "");
}

/** Validate triage entries; returns a list of problems (empty when every entry is well-formed). */
export function validateTriage(entries) {
  const problems = [];
  entries.forEach((e, i) => {
    const where = `entry ${i + 1}${e && e.repo ? ` (${e.repo} ${e.file}:${e.line})` : ""}`;
    if (!e || typeof e !== "object") return problems.push(`${where}: not an object`);
    for (const k of ["repo", "rule", "check", "file", "reason"])
      if (typeof e[k] !== "string" || !e[k]) problems.push(`${where}: missing ${k}`);
    if (!Number.isInteger(e.line) || e.line < 1) problems.push(`${where}: line must be a positive integer`);
    if (typeof e.hash !== "string" || !/^[0-9a-f]{12}$/.test(e.hash))
      problems.push(`${where}: hash must be 12 hex digits`);
    if (!VERDICTS.includes(e.verdict)) problems.push(`${where}: verdict must be one of ${VERDICTS.join(", ")}`);
  });
  return problems;
}

const TRIAGE_STATES = ["full", "findings", "none"];

/**
 * Cross-check the repository list and the triage: every entry names a listed repository, no finding
 * or miss is recorded twice (same repo, rule, check, file and line), no repository is listed twice,
 * and each repository's triage state is known. A typo in a repository name would otherwise make its
 * entries silently count as gone or missed.
 */
export function validateCorpus(repos, entries) {
  const problems = [];
  const listed = new Set();
  for (const r of repos) {
    if (listed.has(r.repo)) problems.push(`repos.json: ${r.repo} is listed twice`);
    listed.add(r.repo);
    if (!TRIAGE_STATES.includes(r.triage))
      problems.push(`repos.json: ${r.repo}: triage must be one of ${TRIAGE_STATES.join(", ")}`);
  }
  const seen = new Set();
  entries.forEach((e, i) => {
    const where = `entry ${i + 1} (${e.repo} ${e.file}:${e.line})`;
    if (!listed.has(e.repo)) problems.push(`${where}: repository not in repos.json`);
    const key = [e.repo, e.rule, e.check, e.file, e.line].join("\u0000");
    if (seen.has(key)) problems.push(`${where}: recorded twice (${e.rule}/${e.check})`);
    seen.add(key);
  });
  return problems;
}

/**
 * `owner/name:path/to/file.ts:42` → { repo, file, line }, for `--line` (a triager recording a miss
 * needs the line's hash, computed from the repository at its pinned commit). The path may contain
 * colons; the line number is what follows the last one.
 */
export function parseLineSpec(spec) {
  const m = /^([A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*):(.+):([1-9][0-9]*)$/.exec(String(spec));
  if (!m) return undefined;
  return { repo: m[1], file: m[2], line: Number(m[3]) };
}

const groupKey = (x) => `${x.repo}\u0000${x.rule}\u0000${x.check}\u0000${x.file}`;

/**
 * Pair findings with triage entries, one to one. A finding matches an entry of the same repo, rule,
 * check and file whose line hash equals the hash of the finding's line and whose line is at most
 * `window` lines away; the nearest wins (ties: the earlier entry). Findings carry `hash` (computed
 * by the caller from the scanned file).
 *
 * Returns { pairs: [{ finding, entry }], unmatchedFindings, unmatchedEntries }.
 */
export function matchFindings(findings, entries, { window = DEFAULT_LINE_WINDOW } = {}) {
  const byGroup = new Map();
  entries.forEach((entry, index) => {
    const key = groupKey(entry);
    if (!byGroup.has(key)) byGroup.set(key, []);
    byGroup.get(key).push({ entry, index, used: false });
  });
  // Exact line matches first, so a finding that stayed put is never robbed by a neighbour that moved.
  const order = [...findings.keys()];
  const pairs = [];
  const matched = new Set();
  for (const exactOnly of [true, false]) {
    for (const i of order) {
      if (matched.has(i)) continue;
      const f = findings[i];
      const candidates = byGroup.get(groupKey(f)) ?? [];
      let best;
      for (const c of candidates) {
        if (c.used || c.entry.hash !== f.hash) continue;
        const distance = Math.abs(c.entry.line - f.line);
        if (exactOnly ? distance !== 0 : distance > window) continue;
        if (!best || distance < best.distance) best = { c, distance };
      }
      if (!best) continue;
      best.c.used = true;
      matched.add(i);
      pairs.push({ finding: f, entry: best.c.entry });
    }
  }
  const unmatchedFindings = findings.filter((_, i) => !matched.has(i));
  const unmatchedEntries = [...byGroup.values()].flat().filter((c) => !c.used);
  unmatchedEntries.sort((a, b) => a.index - b.index);
  return { pairs, unmatchedFindings, unmatchedEntries: unmatchedEntries.map((c) => c.entry) };
}

/**
 * Score a match. Per rule and per check:
 * - tp: findings matched to a `tp` entry, or to a `missed` entry (a miss the tool now finds);
 * - fp: findings matched to an `fp` entry;
 * - missed: `missed` entries still not found, and `tp` entries no longer found;
 * - untriaged: findings matched to no entry (not counted in precision).
 * Also lists what changed since the triage: new (untriaged) findings, gone `tp`/`fp` entries, and
 * `missed` entries that are now found.
 */
export function score({ pairs, unmatchedFindings, unmatchedEntries }) {
  const rows = new Map();
  const row = (rule, check) => {
    const key = `${rule}\u0000${check}`;
    if (!rows.has(key)) rows.set(key, { rule, check, tp: 0, fp: 0, missed: 0, untriaged: 0 });
    return rows.get(key);
  };
  const nowFound = [];
  for (const { finding, entry } of pairs) {
    const r = row(entry.rule, entry.check);
    if (entry.verdict === "fp") r.fp++;
    else r.tp++;
    if (entry.verdict === "missed") nowFound.push({ finding, entry });
  }
  const gone = [];
  for (const entry of unmatchedEntries) {
    const r = row(entry.rule, entry.check);
    if (entry.verdict === "fp") gone.push(entry);
    else {
      r.missed++;
      if (entry.verdict === "tp") gone.push(entry);
    }
  }
  for (const f of unmatchedFindings) row(f.rule, f.check).untriaged++;

  const checks = [...rows.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.check.localeCompare(b.check));
  const rules = new Map();
  for (const c of checks) {
    if (!rules.has(c.rule)) rules.set(c.rule, { rule: c.rule, tp: 0, fp: 0, missed: 0, untriaged: 0 });
    const r = rules.get(c.rule);
    for (const k of ["tp", "fp", "missed", "untriaged"]) r[k] += c[k];
  }
  const total = { rule: "all", tp: 0, fp: 0, missed: 0, untriaged: 0 };
  for (const r of rules.values()) for (const k of ["tp", "fp", "missed", "untriaged"]) total[k] += r[k];
  const withRates = (x) => ({ ...x, precision: ratio(x.tp, x.tp + x.fp), recall: ratio(x.tp, x.tp + x.missed) });
  return {
    rules: [...rules.values()].map(withRates),
    checks: checks.map(withRates),
    total: withRates(total),
    newFindings: unmatchedFindings,
    gone,
    nowFound,
  };
}

function ratio(a, b) {
  return b === 0 ? null : a / b;
}

const pct = (x) => (x === null ? "   -  " : (x * 100).toFixed(1).padStart(5) + "%");

/** The precision/recall table printed by eval:real (one row per rule, its checks indented, then the total). */
export function renderTable(result) {
  const lines = [];
  const head = `${"rule / check".padEnd(52)} ${"TP".padStart(4)} ${"FP".padStart(4)} ${"missed".padStart(6)} ${"new".padStart(4)}  precision  recall`;
  lines.push(head, "-".repeat(head.length));
  const fmt = (label, r) =>
    `${label.padEnd(52)} ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.missed).padStart(6)} ${String(r.untriaged).padStart(4)}  ${pct(r.precision).padStart(9)}  ${pct(r.recall).padStart(6)}`;
  for (const rule of result.rules) {
    lines.push(fmt(rule.rule, rule));
    for (const c of result.checks.filter((c) => c.rule === rule.rule)) lines.push(fmt(`  ${c.check}`, c));
  }
  lines.push("-".repeat(head.length), fmt("all rules", result.total));
  return lines.join("\n");
}

/** A triage-shaped line for a finding nobody has judged yet (for --emit-new). */
export function skeletonEntry(f) {
  return {
    repo: f.repo,
    rule: f.rule,
    check: f.check,
    file: f.file,
    line: f.line,
    hash: f.hash,
    verdict: null,
    reason: "",
  };
}

/** Order triage entries for a stable, diffable file. */
export function sortEntries(entries) {
  return [...entries].sort(
    (a, b) =>
      a.repo.localeCompare(b.repo) ||
      a.rule.localeCompare(b.rule) ||
      a.check.localeCompare(b.check) ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}
