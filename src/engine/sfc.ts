/**
 * Script blocks of .vue, .svelte and .astro files. The file is masked rather than cut: everything
 * outside the blocks becomes spaces (newlines kept), so offsets, lines and columns of the parsed
 * script are those of the original file.
 */

export interface ScriptBlock {
  start: number;
  end: number;
  /** "server" for Astro frontmatter, which never reaches the browser; "client" otherwise. */
  side: "server" | "client";
  lang: string;
}

export interface MaskedSfc {
  text: string;
  blocks: ScriptBlock[];
  /** TypeScript when any block says lang="ts"/"tsx" (Astro frontmatter is always TypeScript). */
  typescript: boolean;
  jsx: boolean;
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

export function maskSfc(fileName: string, text: string): MaskedSfc {
  const blocks: ScriptBlock[] = [];
  if (fileName.endsWith(".astro")) {
    const open = /^\s*---[ \t]*\r?\n/.exec(text);
    const close = open ? text.indexOf("\n---", open[0].length - 1) : -1;
    if (open && close !== -1) {
      blocks.push({ start: open[0].length, end: Math.max(open[0].length, close), side: "server", lang: "ts" });
    }
  }
  SCRIPT.lastIndex = 0;
  for (let m = SCRIPT.exec(text); m; m = SCRIPT.exec(text)) {
    const attrs = m[1]!;
    if (/\bsrc\s*=/.test(attrs)) continue;
    if (/type\s*=\s*["']?(?!module|text\/javascript|application\/javascript)[a-z]/i.test(attrs)) continue;
    const lang = /\blang\s*=\s*["']?([a-z]+)/i.exec(attrs)?.[1]?.toLowerCase() ?? "js";
    const start = m.index + m[0].indexOf(">") + 1;
    blocks.push({ start, end: start + m[2]!.length, side: "client", lang });
  }
  const chars = text.split("");
  let cursor = 0;
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== "\n" && chars[i] !== "\r") chars[i] = " ";
  };
  for (const b of [...blocks].sort((x, y) => x.start - y.start)) {
    blank(cursor, b.start);
    cursor = b.end;
  }
  blank(cursor, chars.length);
  const langs = blocks.map((b) => b.lang);
  return {
    text: chars.join(""),
    blocks,
    typescript: langs.some((l) => l === "ts" || l === "tsx"),
    jsx: langs.some((l) => l === "tsx" || l === "jsx"),
  };
}
