/**
 * Command-line arguments: Node's parseArgs, with the forgiveness users of eslint and semgrep expect —
 * a "did you mean" for a misspelt flag, enumerated values in any case, and the last of `--color` and
 * `--no-color` winning.
 */
import { parseArgs } from "node:util";

export const OPTIONS = {
  format: { type: "string" },
  output: { type: "string" },
  sarif: { type: "string" },
  "sarif-suppressed": { type: "string" },
  category: { type: "string" },
  "fail-on": { type: "string" },
  config: { type: "string" },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  "list-suppressions": { type: "boolean" },
  "gate-on": { type: "string" },
  "changed-since": { type: "string" },
  staged: { type: "boolean" },
  strict: { type: "boolean" },
  history: { type: "boolean" },
  "history-budget": { type: "string" },
  verify: { type: "boolean" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  quiet: { type: "boolean", short: "q" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const;

export type OptionName = keyof typeof OPTIONS;

export interface Arguments {
  values: { [K in OptionName]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };
  positionals: string[];
  /** --color / --no-color, whichever came last; undefined when neither was given. */
  color?: boolean;
}

/** Edit distance with transpositions (optimal string alignment), for "did you mean". */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known flag closest to an unknown one, if any is close enough to be a likely typo. */
export function suggestFlag(unknown: string): string | undefined {
  const word = unknown.replace(/^-+/, "").split("=")[0]!.toLowerCase().replace(/_/g, "-");
  let best: { name: string; d: number } | undefined;
  for (const name of Object.keys(OPTIONS)) {
    const d = name === word ? 0 : name.replace(/-/g, "") === word.replace(/-/g, "") ? 0.5 : distance(word, name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? `--${best.name}` : undefined;
}

export class ArgumentError extends Error {}

export function parseArguments(argv: string[]): Arguments {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, tokens: true, options: OPTIONS });
  } catch (err) {
    const e = err as Error & { code?: string };
    const unknown = /^Unknown option '([^']+)'/.exec(e.message)?.[1];
    if (e.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown) {
      const hint = suggestFlag(unknown);
      throw new ArgumentError(`unknown option ${unknown}${hint ? ` (did you mean ${hint}?)` : ""}`);
    }
    throw new ArgumentError(e.message);
  }
  let color: boolean | undefined;
  for (const t of parsed.tokens ?? []) {
    if (t.kind === "option" && t.name === "color") color = true;
    if (t.kind === "option" && t.name === "no-color") color = false;
  }
  return { values: parsed.values as Arguments["values"], positionals: parsed.positionals, color };
}

/** An enumerated value in any case, or an ArgumentError listing the choices. */
export function choice<T extends string>(flag: string, value: string, choices: readonly T[]): T {
  const v = value.trim().toLowerCase();
  if ((choices as readonly string[]).includes(v)) return v as T;
  const list = choices.length === 2 ? choices.join(" or ") : `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`;
  throw new ArgumentError(`${flag} must be ${list}, not "${value}"`);
}
