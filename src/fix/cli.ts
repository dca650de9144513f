/**
 * `--fix` and `--fix-dry-run`: the plan written to disk, or printed as a unified diff on stdout (so
 * `upstash-scan --fix-dry-run > fixes.patch && git apply fixes.patch` works). What the user must do
 * besides (environment changes) and what was left alone go to stderr.
 */
import type { ScanResult } from "../engine/scan";
import type { RuleId } from "../engine/types";
import { ruleById } from "../rules/index";
import { unifiedDiff } from "./diff";
import { planFixes, writeFixes, type FixPlan } from "./plan";

interface Io {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

/** Control characters of a hostile file name would start new output lines: shown escaped. */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export interface FixRun {
  plan: FixPlan;
  /** Files written (apply mode). */
  written: string[];
}

export async function runFixes(
  result: Pick<ScanResult, "srcRoot" | "findings" | "config" | "secrets">,
  mode: "apply" | "dry-run",
  io: Io,
  tool: string,
): Promise<FixRun> {
  const plan = await planFixes(result);
  const scrub = (s: string) => result.secrets.scrub(s);
  const err = (line: string) => io.stderr.write(`${tool}: ${scrub(line)}\n`);
  const fixes = plan.files.reduce((n, f) => n + f.fixes.length, 0);
  let written: string[] = [];
  if (mode === "dry-run") {
    let redacted = false;
    for (const f of plan.files) {
      const diff = unifiedDiff(printable(f.file), f.before, f.edits);
      const shown = scrub(diff);
      if (shown !== diff) redacted = true;
      io.stdout.write(shown);
    }
    err(
      `${fixes} fix${fixes === 1 ? "" : "es"} in ${plan.files.length} file${plan.files.length === 1 ? "" : "s"} (dry run: nothing written).`,
    );
    if (redacted) err("Lines holding credentials are shown redacted: that part of the diff does not apply as it is.");
  } else {
    const report = writeFixes(plan);
    written = report.written;
    err(`Fixed ${fixes} finding${fixes === 1 ? "" : "s"} in ${written.length} file${written.length === 1 ? "" : "s"}.`);
    for (const f of report.changed) err(`${printable(f)} changed while it was being fixed: left as it is.`);
  }
  for (const f of plan.files) {
    for (const fix of f.fixes) {
      const at = `${printable(f.file)}:${fix.finding.location.range.startLine}`;
      err(`${at} ${fix.finding.rule}/${fix.finding.check}: ${fix.description}`);
      if (fix.note) err(`${at} note: ${fix.note}`);
    }
  }
  const left = plan.unfixed.length;
  if (left > 0) {
    const byRule = new Map<RuleId, number>();
    for (const u of plan.unfixed) byRule.set(u.finding.rule, (byRule.get(u.finding.rule) ?? 0) + 1);
    const list = [...byRule].map(([rule, n]) => `${n} ${ruleById(rule).title}`).join(", ");
    err(
      `${left} fixable-looking finding${left === 1 ? "" : "s"} left for a person to fix (${list}): no edit is certain to be right there.`,
    );
  }
  return { plan, written };
}
