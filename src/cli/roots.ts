/**
 * From the paths on the command line to scans: every path in the output is relative to one source
 * root (the repository root, or outside git the scanned directory), so paths from different
 * repositories are refused; each scanned root's own configuration file applies to it, so roots with
 * different configurations are scanned one by one and their results merged.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { findConfig, loadConfig } from "../config/load";
import type { ScanConfig } from "../config/types";
import { compareFindings } from "../engine/finalize";
import { gitTopLevel, UsageError, type ScanResult } from "../engine/scan";
import type { SuppressionRecord } from "../engine/types";
import { SecretRegistry } from "../secrets/redact";

export interface RootGroup {
  /** Absolute, real paths scanned together. */
  paths: string[];
  config: ScanConfig;
  /** The configuration file, absolute; undefined for the defaults. */
  configFile?: string;
}

export interface RootPlan {
  srcRoot: string;
  /** Whether srcRoot is a git work tree's top. */
  inGit: boolean;
  groups: RootGroup[];
}

const isInside = (child: string, parent: string) => {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
};

function commonDir(dirs: string[]): string {
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) while (!isInside(d, common)) common = path.dirname(common);
  return common;
}

/** Resolve the command line's paths (relative to `cwd`) into a source root and groups of roots. */
export function planRoots(args: string[], cwd: string, explicitConfig?: string): RootPlan {
  const roots = args.map((arg) => {
    const abs = path.resolve(cwd, arg);
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      throw new UsageError(`path not found: ${arg}`);
    }
    const dir = fs.statSync(real).isDirectory() ? real : path.dirname(real);
    return { arg, real, dir, repo: gitTopLevel(dir) };
  });
  const first = roots[0]!;
  const other = roots.find((r) => r.repo !== first.repo);
  if (other) {
    const where = (r: typeof first) => (r.repo ? `the repository ${r.repo}` : "no git repository");
    throw new UsageError(
      `${first.arg} is in ${where(first)} but ${other.arg} is in ${where(other)}: paths in the output are relative to one repository root, so scan each repository in its own run`,
    );
  }
  const srcRoot = first.repo ?? commonDir(roots.map((r) => r.dir));
  // A root given twice, or inside another scanned directory, is walked once (with that directory).
  const kept = roots.filter(
    (r, i) =>
      roots.findIndex((o) => o.real === r.real) === i &&
      !roots.some((o) => o.real !== r.real && o.dir === o.real && isInside(r.real, o.real)),
  );
  const groups: RootGroup[] = [];
  if (explicitConfig) {
    groups.push({
      paths: kept.map((r) => r.real),
      config: loadConfig(explicitConfig, srcRoot, srcRoot),
      configFile: explicitConfig,
    });
  } else {
    for (const r of kept) {
      const file = findConfig(r.dir);
      const group = groups.find((g) => g.configFile === file);
      if (group) group.paths.push(r.real);
      else groups.push({ paths: [r.real], config: loadConfig(undefined, r.dir, srcRoot), configFile: file });
    }
  }
  return { srcRoot, inGit: first.repo !== undefined, groups };
}

/** Baseline entries seen by several scans are one entry: their matches add up. */
function mergeRecords(records: SuppressionRecord[]): SuppressionRecord[] {
  const out: SuppressionRecord[] = [];
  const byKey = new Map<string, SuppressionRecord>();
  for (const r of records) {
    if (r.kind !== "baseline") {
      out.push(r);
      continue;
    }
    const key = `${r.source}\0${r.rules.join(",")}\0${r.file}\0${r.fingerprint}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...r });
      out.push(byKey.get(key)!);
      continue;
    }
    seen.matches += r.matches;
    if (seen.status === "unused" && r.status === "active") seen.status = "active";
  }
  return out;
}

/** One result from the scans of several root groups (same source root). */
export function mergeResults(results: ScanResult[]): ScanResult {
  if (results.length === 1) return results[0]!;
  const [head] = results as [ScanResult, ...ScanResult[]];
  const secrets = new SecretRegistry();
  for (const r of results) secrets.addAll(r.secrets.values());
  const stats = { ...head.stats, phases: { ...head.stats.phases } };
  for (const r of results.slice(1)) {
    for (const k of ["discovered", "read", "prefilteredOut", "parsed", "skipped"] as const) stats[k] += r.stats[k];
    for (const [k, v] of Object.entries(r.stats.phases)) stats.phases[k] = (stats.phases[k] ?? 0) + v;
  }
  return {
    ...head,
    roots: results.flatMap((r) => r.roots),
    findings: results.flatMap((r) => r.findings).sort(compareFindings),
    notifications: results.flatMap((r) => r.notifications),
    stats,
    internalErrors: results.reduce((n, r) => n + r.internalErrors, 0),
    suppressions: mergeRecords(results.flatMap((r) => r.suppressions)),
    startedAt: head.startedAt,
    finishedAt: results.at(-1)!.finishedAt,
    secrets,
  };
}
