/**
 * From a scan's findings to the edits that fix them. Each file with a fixable finding is read again
 * (inside the source root, no symlinks, within the parse budget, UTF-8 only) and parsed afresh; each
 * finding's fixer proposes an edit from the finding's location alone; the plan keeps a proposal only
 * when its edits stay in the finding's function (imports and framework config excepted), do not
 * collide with another fix's, carry nothing credential-shaped, and leave a file that parses as well
 * as it did before. Pure apart from reading: `writeFixes` writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { isUtf8 } from "node:buffer";
import type { ts } from "ts-morph";
import { loadTypeScript, parseSource } from "../engine/parse";
import { maskSfc } from "../engine/sfc";
import { LineIndex } from "../engine/text";
import type { Finding } from "../engine/types";
import { fixerFor } from "./index";
import { detectStyle } from "./style";
import type { Edit, FixSettings } from "./types";

export interface PlannedFix {
  finding: Finding;
  fixer: string;
  description: string;
  note?: string;
  /** Offsets in the file's text as read (`FilePlan.before`), sorted, not overlapping. */
  edits: Edit[];
}

export interface FilePlan {
  /** Relative to the source root, `/`-separated. */
  file: string;
  abs: string;
  before: string;
  /** `before` with every fix of the file applied. */
  after: string;
  /** The edits that make `after` (every fix's, shared ones once), sorted. */
  edits: Edit[];
  /** The file starts with a UTF-8 byte order mark (kept when writing). */
  bom: boolean;
  fixes: PlannedFix[];
}

export interface FixPlan {
  files: FilePlan[];
  /** The fix made for each fixed finding, and the file it is in. */
  byFinding: Map<Finding, { fix: PlannedFix; file: FilePlan }>;
  /** Findings a fixer exists for that get no edit, and why (for the CLI's summary). */
  unfixed: Array<{ finding: Finding; reason: string }>;
}

export interface PlanInput {
  srcRoot: string;
  findings: readonly Finding[];
  config?: { fix?: FixSettings; budgets?: { maxParseBytes: number } };
  /** Output channels' scrubber: a fix whose text it would change is dropped (it holds a secret). */
  secrets?: { scrub(text: string): string };
}

const DEFAULT_SETTINGS: FixSettings = { defaultTtlSeconds: 86_400 };
const SFC = /\.(vue|svelte|astro)$/;
const SCRIPT = /\.(js|jsx|mjs|cjs|ts|tsx|mts|cts)$/;

export function emptyPlan(): FixPlan {
  return { files: [], byFinding: new Map(), unfixed: [] };
}

export async function planFixes(input: PlanInput): Promise<FixPlan> {
  const plan = emptyPlan();
  const byFile = new Map<string, Finding[]>();
  for (const f of input.findings) {
    if (f.suppressed || !fixerFor(f)) continue;
    const list = byFile.get(f.location.file) ?? [];
    list.push(f);
    byFile.set(f.location.file, list);
  }
  if (byFile.size === 0) return plan;
  const tsx = await loadTypeScript();
  let root: string;
  try {
    root = fs.realpathSync(input.srcRoot);
  } catch {
    return plan;
  }
  for (const [file, findings] of [...byFile].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const read = readForFix(root, file, input.config?.budgets?.maxParseBytes ?? 1024 * 1024);
    if (typeof read === "string") {
      for (const finding of findings) plan.unfixed.push({ finding, reason: read });
      continue;
    }
    const filePlan = planFile(tsx, file, read, findings, input, plan.unfixed);
    if (!filePlan) continue;
    plan.files.push(filePlan);
    for (const fix of filePlan.fixes) plan.byFinding.set(fix.finding, { fix, file: filePlan });
  }
  return plan;
}

interface ReadText {
  abs: string;
  text: string;
  bom: boolean;
}

/** The file's text, or why it is not edited. The scanned tree is hostile: nothing outside it, no links. */
function readForFix(root: string, file: string, maxBytes: number): ReadText | string {
  if (!SCRIPT.test(file) && !SFC.test(file)) return "not a script";
  const abs = path.join(root, ...file.split("/"));
  const rel = path.relative(root, abs);
  if (rel.startsWith("..") || path.isAbsolute(rel)) return "outside the scanned root";
  let buf: Buffer;
  try {
    const st = fs.lstatSync(abs);
    if (!st.isFile()) return "not a regular file (a symbolic link is never written through)";
    if (st.size > maxBytes) return "over the parse size limit";
    const real = fs.realpathSync(abs);
    const relReal = path.relative(root, real);
    if (relReal.startsWith("..") || path.isAbsolute(relReal)) return "outside the scanned root";
    buf = fs.readFileSync(abs);
  } catch (err) {
    return `could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`;
  }
  if (!isUtf8(buf) || buf.includes(0)) return "not UTF-8 text";
  let text = buf.toString("utf8");
  const bom = text.charCodeAt(0) === 0xfeff;
  if (bom) text = text.slice(1);
  return { abs, text, bom };
}

function parse(file: string, text: string): ts.SourceFile {
  if (SFC.test(file)) {
    const masked = maskSfc(file, text);
    return parseSource(file, masked.text, "sfc", masked);
  }
  return parseSource(file, text, "script");
}

/** Syntax errors of a parsed file (TypeScript keeps them on the source file). */
function syntaxErrors(sf: ts.SourceFile): number {
  return (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
}

function planFile(
  tsx: typeof ts,
  file: string,
  read: ReadText,
  findings: Finding[],
  input: PlanInput,
  unfixed: FixPlan["unfixed"],
): FilePlan | undefined {
  const { text } = read;
  let sf: ts.SourceFile;
  try {
    sf = parse(file, text);
  } catch {
    for (const finding of findings) unfixed.push({ finding, reason: "could not be parsed" });
    return undefined;
  }
  const baseline = syntaxErrors(sf);
  const style = detectStyle(tsx, sf, text);
  const lines = new LineIndex(text);
  const settings = input.config?.fix ?? DEFAULT_SETTINGS;
  const accepted: PlannedFix[] = [];
  let merged: Edit[] = [];
  const order = [...findings].sort(
    (a, b) =>
      a.location.range.startLine - b.location.range.startLine ||
      a.location.range.startColumn - b.location.range.startColumn,
  );
  for (const finding of order) {
    const fixer = fixerFor(finding)!;
    const refuse = (reason: string) => unfixed.push({ finding, reason });
    if (SFC.test(file) && !fixer.sfc) {
      refuse("no fix in single-file components");
      continue;
    }
    const r = finding.location.range;
    const start = lines.lineStart(r.startLine) + r.startColumn - 1;
    const end = lines.lineStart(r.endLine) + r.endColumn - 1;
    if (!(start >= 0 && start <= end && end <= text.length)) {
      refuse("the finding's location is not in the file as it is now");
      continue;
    }
    let proposal;
    try {
      proposal = fixer.propose({ finding, file, text, ts: tsx, sourceFile: sf, start, end, style, settings });
    } catch {
      proposal = undefined;
    }
    if (!proposal) {
      refuse("no unambiguous fix");
      continue;
    }
    const edits = normalise(proposal.edits, text.length);
    if (!edits) {
      refuse("the fixer's edits overlap");
      continue;
    }
    const { scope } = proposal;
    if (edits.some((e) => !e.outside && (e.start < scope.start || e.end > scope.end))) {
      refuse("the fix would touch code outside the finding's function");
      continue;
    }
    if (input.secrets && edits.some((e) => input.secrets!.scrub(e.text) !== e.text)) {
      refuse("the fix would write a credential");
      continue;
    }
    const next = combine(merged, edits);
    if (!next) {
      refuse("collides with another fix in the same place: run the fix again after applying the others");
      continue;
    }
    let fixed: ts.SourceFile;
    try {
      fixed = parse(file, applyEdits(text, next));
    } catch {
      refuse("the fixed file could not be parsed");
      continue;
    }
    if (syntaxErrors(fixed) > baseline) {
      refuse("the fixed file would not parse");
      continue;
    }
    merged = next;
    accepted.push({
      finding,
      fixer: fixer.id,
      description: proposal.description,
      ...(proposal.note ? { note: proposal.note } : {}),
      edits,
    });
  }
  if (accepted.length === 0) return undefined;
  return {
    file,
    abs: read.abs,
    before: text,
    after: applyEdits(text, merged),
    edits: merged,
    bom: read.bom,
    fixes: accepted,
  };
}

/** A fixer's edits sorted by position, identical ones once; undefined when two overlap or are out of range. */
function normalise(edits: readonly Edit[], length: number): Edit[] | undefined {
  const out: Edit[] = [];
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (e.start < 0 || e.end < e.start || e.end > length) return undefined;
    const prev = out[out.length - 1];
    if (prev && prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
    // Insertions at one point keep the fixer's order (the sort is stable).
    if (prev && e.start < prev.end) return undefined;
    out.push(e);
  }
  return out;
}

/**
 * `more` added to the file's accepted edits: an edit already there (the same import for two
 * handlers) is shared; anything else that overlaps or inserts at the same point is a collision.
 */
function combine(accepted: readonly Edit[], more: readonly Edit[]): Edit[] | undefined {
  const out = [...accepted];
  for (const e of more) {
    if (accepted.some((a) => a.start === e.start && a.end === e.end && a.text === e.text)) continue;
    const clash = accepted.some(
      (a) =>
        (e.start < a.end && a.start < e.end) ||
        (e.start === e.end && a.start === a.end && e.start === a.start) ||
        (e.start === e.end && e.start > a.start && e.start < a.end) ||
        (a.start === a.end && a.start > e.start && a.start < e.end),
    );
    if (clash) return undefined;
    out.push(e);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** `text` with non-overlapping edits applied (offsets of the original text). */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = "";
  let cursor = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    out += text.slice(cursor, e.start) + e.text;
    cursor = e.end;
  }
  return out + text.slice(cursor);
}

export interface WriteReport {
  written: string[];
  /** Files that changed on disk since they were read: left alone. */
  changed: string[];
}

/** Write every planned file whose content is still what the plan read. */
export function writeFixes(plan: FixPlan): WriteReport {
  const report: WriteReport = { written: [], changed: [] };
  for (const f of plan.files) {
    if (f.after === f.before) continue;
    const expected = (f.bom ? "\ufeff" : "") + f.before;
    let now: string;
    try {
      now = fs.readFileSync(f.abs, "utf8");
    } catch {
      report.changed.push(f.file);
      continue;
    }
    if (now !== expected) {
      report.changed.push(f.file);
      continue;
    }
    fs.writeFileSync(f.abs, (f.bom ? "\ufeff" : "") + f.after);
    report.written.push(f.file);
  }
  return report;
}
