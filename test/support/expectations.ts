/**
 * Inline expectations in fixture files, semgrep style: a comment `ruleid: <rule-id>[/<check>]` marks
 * the next code line as one that must be reported; `ok: <rule-id>[/<check>]` marks a look-alike that
 * must not be. Comments may use `//`, `#`, `<!--` or `/*`. Expectations can also sit on the
 * reported line itself, after the code.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Finding } from "../../src/engine/types";

export interface Expectation {
  file: string;
  line: number;
  rule: string;
  check?: string;
  kind: "ruleid" | "ok";
}

const MARK = /(?:\/\/|#|<!--|\/\*|\{\/\*)\s*(ruleid|ok|todoruleid|todook):\s*(upstash\/[a-z0-9-]+)(?:\/([a-z0-9-]+))?/g;

// Files that cannot hold comments (JSON) take a sidecar `<file>.expectations` whose lines read
// `<line>: ruleid: <rule-id>[/<check>]` (or `ok:`, `todoruleid:`, `todook:`), about `<file>`.
const SIDECAR = ".expectations";
const SIDECAR_LINE = /^\s*(\d+):\s*(ruleid|ok|todoruleid|todook):\s*(upstash\/[a-z0-9-]+)(?:\/([a-z0-9-]+))?/;

function readSidecar(root: string, rel: string): Expectation[] {
  const file = rel.slice(0, -SIDECAR.length);
  const out: Expectation[] = [];
  for (const line of fs.readFileSync(path.join(root, rel), "utf8").split("\n")) {
    const m = SIDECAR_LINE.exec(line);
    if (!m || m[2]!.startsWith("todo")) continue;
    out.push({ file, line: Number(m[1]), rule: m[3]!, check: m[4], kind: m[2] as "ruleid" | "ok" });
  }
  return out;
}

export function readExpectations(root: string, rel: string): Expectation[] {
  if (rel.endsWith(SIDECAR)) return readSidecar(root, rel);
  const text = fs.readFileSync(path.join(root, rel), "utf8");
  const lines = text.split("\n");
  const out: Expectation[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    MARK.lastIndex = 0;
    for (let m = MARK.exec(line); m; m = MARK.exec(line)) {
      const kind = m[1]!;
      if (kind.startsWith("todo")) continue; // known gaps, documented but not asserted
      const before = line.slice(0, m.index).trim();
      let target = i + 1;
      if (before === "" || before === "{") {
        // Annotation on its own line: applies to the next line that is not itself an annotation.
        target = i + 2;
        while (
          target - 1 < lines.length &&
          /^\s*(\/\/|#|<!--|\/\*|\{\/\*)\s*(ruleid|ok|todoruleid|todook):/.test(lines[target - 1]!)
        )
          target++;
      }
      out.push({ file: rel, line: target, rule: m[2]!, check: m[3], kind: kind as "ruleid" | "ok" });
    }
  }
  return out;
}

export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else if (e.isFile()) out.push(path.relative(root, abs).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  problems: string[];
}

function matches(e: Expectation, f: Finding, root: string, srcRoot: string): boolean {
  const file = path.relative(srcRoot, path.join(root, e.file)).split(path.sep).join("/");
  return (
    f.location.file === file &&
    f.location.range.startLine === e.line &&
    f.rule === e.rule &&
    (!e.check || f.check === e.check)
  );
}

/**
 * Compare findings with the expectations of every file under `root`. Only rules named by at least one
 * expectation in the fixture are scored (a fixture for one rule says nothing about the others) unless
 * `rules` says otherwise.
 */
export function score(root: string, srcRoot: string, findings: readonly Finding[], rules?: ReadonlySet<string>): Score {
  const expectations = listFiles(root).flatMap((f) => readExpectations(root, f));
  const scored = rules ?? new Set(expectations.map((e) => e.rule));
  const relevant = findings.filter((f) => scored.has(f.rule) && !f.suppressed);
  const problems: string[] = [];
  let tp = 0;
  let fn = 0;
  const claimed = new Set<Finding>();
  for (const e of expectations.filter((x) => x.kind === "ruleid")) {
    const hit = relevant.find((f) => !claimed.has(f) && matches(e, f, root, srcRoot));
    if (hit) {
      claimed.add(hit);
      tp++;
    } else {
      fn++;
      problems.push(`missed ${e.rule}${e.check ? "/" + e.check : ""} at ${e.file}:${e.line}`);
    }
  }
  // Several findings on one expected line (e.g. two checks) count once; others are false positives.
  const expectedLines = expectations.filter((x) => x.kind === "ruleid");
  let fp = 0;
  for (const f of relevant) {
    if (claimed.has(f)) continue;
    if (expectedLines.some((e) => matches(e, f, root, srcRoot))) continue;
    fp++;
    const okMark = expectations.some((e) => e.kind === "ok" && matches(e, f, root, srcRoot));
    problems.push(
      `${okMark ? "reported an ok line" : "unexpected"} ${f.rule}/${f.check} at ${f.location.file}:${f.location.range.startLine}: ${f.message}`,
    );
  }
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    problems,
  };
}
