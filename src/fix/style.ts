/**
 * The formatting a file already uses, so that an edit reads as if its author wrote it: quote
 * character, semicolons, indentation unit and line ending. Read from the syntax tree (string
 * literals, statement ends), never guessed from a formatter's defaults when the file says otherwise.
 */
import type { ts } from "ts-morph";

export interface Style {
  quote: '"' | "'";
  semicolons: boolean;
  /** One level of indentation: a tab or some spaces. */
  indent: string;
  eol: "\n" | "\r\n";
}

export function detectStyle(tsx: typeof ts, sf: ts.SourceFile, text: string): Style {
  let single = 0;
  let double = 0;
  let withSemi = 0;
  let withoutSemi = 0;
  const stack: ts.Node[] = [sf];
  while (stack.length) {
    const node = stack.pop()!;
    if (tsx.isStringLiteral(node) && !tsx.isJsxAttribute(node.parent)) {
      const c = text.charAt(node.getStart(sf));
      if (c === "'") single++;
      else if (c === '"') double++;
    }
    if (
      tsx.isExpressionStatement(node) ||
      tsx.isVariableStatement(node) ||
      tsx.isReturnStatement(node) ||
      tsx.isImportDeclaration(node) ||
      tsx.isThrowStatement(node)
    ) {
      if (text.charAt(node.getEnd() - 1) === ";") withSemi++;
      else withoutSemi++;
    }
    node.forEachChild((k) => {
      stack.push(k);
    });
  }
  return {
    quote: single > double ? "'" : '"',
    semicolons: withSemi >= withoutSemi,
    indent: indentUnit(text),
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

/** The smallest indentation step used in the file: a tab, or 2 to 8 spaces (2 when nothing is indented). */
function indentUnit(text: string): string {
  let tabs = 0;
  let spaced = 0;
  let smallest = Infinity;
  for (const m of text.matchAll(/^([ \t]+)\S/gm)) {
    const lead = m[1]!;
    if (lead.startsWith("\t")) tabs++;
    else {
      spaced++;
      if (lead.length >= 2) smallest = Math.min(smallest, lead.length);
    }
  }
  if (tabs > spaced) return "\t";
  return " ".repeat(Number.isFinite(smallest) ? Math.min(smallest, 8) : 2);
}

/** The leading whitespace of the line holding `offset`. */
export function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** A string literal in the file's quote style. */
export function quoted(style: Style, value: string): string {
  const q = style.quote;
  return q + value.replace(/\\/g, "\\\\").replace(new RegExp(q, "g"), "\\" + q) + q;
}

/** `;` when the file ends statements with one. */
export function semi(style: Style): string {
  return style.semicolons ? ";" : "";
}
