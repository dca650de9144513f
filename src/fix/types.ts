/**
 * The fixer contract. A fixer is one file holding its metadata next to its logic, like a detector:
 * which rule and checks it fixes and what it writes. It never sees a detector's internals: it gets
 * the finding (rule, check, location) and the file, parsed afresh, and finds the code itself.
 */
import type { ts } from "ts-morph";
import type { Finding, RuleId } from "../engine/types";
import type { Style } from "./style";

/** Replace `text[start, end)` with `text`; `start === end` inserts. Offsets are in the file text. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /**
   * Edits outside the finding's function must say what they are: an import of the helper the fix
   * uses, or a module-level export the framework reads (Next.js pages-router `config`).
   */
  outside?: "import" | "config";
}

export interface FixProposal {
  /** One line for people: what the edit does, e.g. "Add { ex: 86400 } to the write". */
  description: string;
  edits: Edit[];
  /**
   * The finding's function (or statement) as offsets: every edit without `outside` must lie in it.
   * A fix that would touch code beyond it is not made.
   */
  scope: { start: number; end: number };
  /** What the user must do besides the edit (an environment change), shown next to the diff. */
  note?: string;
}

export interface FixSettings {
  /** Seconds of the `{ ex }` option added to writes without an expiry. */
  defaultTtlSeconds: number;
}

export interface FixContext {
  readonly finding: Finding;
  /** Path relative to the source root, `/`-separated. */
  readonly file: string;
  /** The file text (a BOM removed), as the finding's offsets see it. */
  readonly text: string;
  readonly ts: typeof ts;
  readonly sourceFile: ts.SourceFile;
  /** The finding's location as offsets in `text`. */
  readonly start: number;
  readonly end: number;
  readonly style: Style;
  readonly settings: FixSettings;
}

export interface Fixer {
  /** The file name under src/fix/, unique. */
  id: string;
  rule: RuleId;
  /** The checks this fixer may fix; findings of other checks are never given to it. */
  checks: readonly string[];
  /** One line for the docs: which edit, and when it is made. */
  summary: string;
  /** Files the fixer can edit (default: scripts only). */
  sfc?: boolean;
  /** The edit for one finding, or undefined when it is not unambiguous and safe. */
  propose(ctx: FixContext): FixProposal | undefined;
}

/** Typed identity helper, so each fixer file reads `export default defineFixer({...})`. */
export function defineFixer(fixer: Fixer): Fixer {
  return fixer;
}
