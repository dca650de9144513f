/**
 * Reading one file under the scan's budgets: binary files are refused, UTF-16 and BOMs decoded,
 * invalid UTF-8 decoded with replacement characters, and large or minified files marked text-only
 * (they get the cheap credential pattern scan, never a parse).
 */
import * as fs from "node:fs";
import { isUtf8 } from "node:buffer";
import { FileRefused, formatBytes, openRegular } from "../io/files";
import type { FileKind } from "./file-kinds";

export interface Budgets {
  /** Files above this are not read at all. */
  maxReadBytes: number;
  /** Scripts above this are text-scanned only. */
  maxParseBytes: number;
  /** Milliseconds of parsing and detector time per file before the rest of the file is given up. */
  maxFileMillis: number;
  /** Milliseconds of one detector's project-wide step (choosing files, the project phase). */
  maxProjectMillis: number;
}

export const DEFAULT_BUDGETS: Budgets = {
  maxReadBytes: 64 * 1024 * 1024,
  maxParseBytes: 1024 * 1024,
  maxFileMillis: 10_000,
  maxProjectMillis: 60_000,
};

export type ReadOutcome =
  | {
      ok: true;
      text: string;
      bytes: number;
      textOnly?: { id: string; message: string };
      note?: { id: string; message: string };
    }
  | { ok: false; id: string; message: string };

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

/**
 * Generated and bundled code: a bundler's runtime (the star banners webpack and ncc put on every runtime
 * line, `__webpack_require__`, esbuild's module helpers), compiled output that points at its source map, or
 * a file far longer than anyone writes by hand. Its source, if committed, is scanned where it is;
 * the output gets the credential patterns (it may ship a token) but no syntax tree.
 */
function generatedReason(text: string): string | undefined {
  if (text.length > MAX_HANDWRITTEN_CHARS) return "very long";
  const head = text.slice(0, 4096);
  if (/^\/\*{6}\/ /m.test(head)) return "a webpack or ncc bundle";
  if (text.includes("__webpack_require__") || text.includes("__nccwpck_require__")) return "a webpack or ncc bundle";
  if (/^var __(commonJS|toESM|esm) = /m.test(head) || text.includes("\nvar __toESM = ")) return "an esbuild bundle";
  if (/\n\/\/# sourceMappingURL=\S+\s*$/.test(text.slice(-512))) return "compiled output with a source map";
  return undefined;
}
const MAX_HANDWRITTEN_CHARS = 512 * 1024;

/** Very long lines mean generated code; parsing it costs much and finds little. */
function looksMinified(text: string): boolean {
  if (text.length < 20_000) return false;
  let lines = 1;
  let longest = 0;
  let last = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    longest = Math.max(longest, i - last);
    last = i + 1;
    lines++;
  }
  longest = Math.max(longest, text.length - last);
  return longest > 10_000 || text.length / lines > 500;
}

export function readFile(abs: string, kind: FileKind, budgets: Budgets): ReadOutcome {
  let buf: Buffer;
  let fd: number | undefined;
  try {
    // One open, one fstat, one read: the size check needs no separate stat call. Regular files
    // only, never through a final symbolic link, never blocking on a FIFO (see io/files.ts).
    const opened = openRegular(abs);
    fd = opened.fd;
    const size = opened.size;
    if (size > budgets.maxReadBytes) {
      return {
        ok: false,
        id: "file-too-large",
        message: `not scanned: ${formatBytes(size)} is over the ${formatBytes(budgets.maxReadBytes)} read limit`,
      };
    }
    buf = Buffer.allocUnsafe(size);
    let got = 0;
    while (got < size) {
      const n = fs.readSync(fd, buf, got, size - got, got);
      if (n === 0) break;
      got += n;
    }
    if (got < size) buf = buf.subarray(0, got);
  } catch (err) {
    if (err instanceof FileRefused)
      return {
        ok: false,
        id: err.code === "symlink" || err.code === "not-regular" ? "file-not-regular" : "file-unreadable",
        message: `not scanned: ${err.message}`,
      };
    const code = (err as NodeJS.ErrnoException).code ?? "error";
    return { ok: false, id: "file-unreadable", message: `not scanned: could not be read (${code})` };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  let text: string;
  let note: { id: string; message: string } | undefined;
  if (buf[0] === 0xff && buf[1] === 0xfe) text = new TextDecoder("utf-16le").decode(buf.subarray(2));
  else if (buf[0] === 0xfe && buf[1] === 0xff) text = new TextDecoder("utf-16be").decode(buf.subarray(2));
  else if (looksBinary(buf)) return { ok: false, id: "file-binary", message: "not scanned: binary content" };
  else {
    if (!isUtf8(buf)) note = { id: "file-invalid-utf8", message: "invalid UTF-8: decoded with replacement characters" };
    text = buf.toString("utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  }
  const parsable = kind === "script" || kind === "sfc";
  if (parsable && buf.length > budgets.maxParseBytes) {
    return {
      ok: true,
      text,
      bytes: buf.length,
      note,
      textOnly: {
        id: "file-large",
        message: `${formatBytes(buf.length)} is over the ${formatBytes(budgets.maxParseBytes)} parse limit: credential patterns only`,
      },
    };
  }
  if (parsable && looksMinified(text)) {
    return {
      ok: true,
      text,
      bytes: buf.length,
      note,
      textOnly: { id: "file-minified", message: "minified or generated code: credential patterns only" },
    };
  }
  const generated = parsable ? generatedReason(text) : undefined;
  if (generated) {
    return {
      ok: true,
      text,
      bytes: buf.length,
      note,
      textOnly: { id: "file-generated", message: `generated code (${generated}): credential patterns only` },
    };
  }
  return { ok: true, text, bytes: buf.length, note };
}

export { formatBytes };
