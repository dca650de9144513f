/**
 * A cheap lexer that lists a module's imports and directives without building a syntax tree. It runs
 * on every script in the tree (the import graph needs all of them), so it must cost about as much as
 * reading the text: one pass that skips comments, strings, templates and regular expressions and
 * looks at `import`, `export … from` and `require(` where they can start a statement or expression.
 *
 * It must end on any input (the scanned repository is hostile): every step of the main loop moves
 * forward, and the look-ahead from an `import` or `export` keyword stops at the next such keyword (or
 * at a character no import clause holds), so two look-aheads never cover the same text and the whole
 * scan stays linear. The few regular expressions are anchored (sticky) and have no nested repetition.
 */

export interface ImportRef {
  specifier: string;
  /** `import type …` / `export type … from`: erased at build time, never bundled. */
  typeOnly: boolean;
  /** `import("…")`: still bundled (as a lazy chunk) for client code. */
  dynamic: boolean;
  /** Offset of the `import`/`export`/`require` keyword. */
  start: number;
  /** Offset just after the specifier (the statement's module part ends there). */
  end: number;
  /** `export … from`: the module passes the other module's exports on (a barrel). */
  reexport?: boolean;
  /**
   * The names taken from the other module: "default" for a default import, "*" for a namespace import
   * or `export *`; for a named re-export, the names it exports. Absent when unknown (require, import()).
   */
  names?: string[];
}

export interface ModuleScan {
  imports: ImportRef[];
  /** Directive prologue strings, e.g. "use client". */
  directives: string[];
  /**
   * The names the module declares as exports (`export const a`, `export function b`, `export default`,
   * `export { c }`), re-exports aside; undefined when some cannot be told without a tree (destructuring,
   * `module.exports`, `export =`).
   */
  exports?: string[];
}

const IMPORT_BARE = /\s*(["'])([^"'\n]*)\1/y;
const IMPORT_CALL = /\s*\(\s*(["'`])([^"'`\n$]*)\1\s*[,)]/y;
// The brace run stops at "{" too, so the runs looked at from two `export {` never overlap.
const EXPORT_FROM = /\s*(type\s+)?(\*(?:\s+as\s+[\w$]+)?|\{[^{}]*\})\s*from\s*(["'])([^"'\n]*)\3/y;
const REQUIRE_CALL = /\s*\(\s*(["'`])([^"'`\n$]*)\1\s*\)/y;
const DIRECTIVE_BODY = /^use [a-z ]+$/;

const REGEX_AFTER_KEYWORD = new Set([
  "return",
  "typeof",
  "instanceof",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "case",
  "do",
  "else",
  "yield",
  "await",
]);

function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 36 || c === 95 || c > 127;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function allTypeSpecifiers(clause: string): boolean {
  const braces = /^\s*\{([^}]*)\}\s*$/.exec(clause);
  if (!braces) return false;
  const parts = braces[1]!
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 0 && parts.every((p) => p.startsWith("type "));
}

export function scanModule(text: string): ModuleScan {
  const imports: ImportRef[] = [];
  const directives: string[] = [];
  const exported: ExportedNames = { names: [], known: true };
  readDirectives(text, directives);

  const n = text.length;
  const templateBraces: number[] = [];
  let braces = 0;
  // What came before the current token decides whether "/" starts a regular expression.
  let prevPunct = "";
  // The previous token when it was a word, as offsets (read only when a "/" needs it).
  let wordStart = -1;
  let wordEnd = -1;
  let i = 0;

  const skipTemplate = (): void => {
    // i is just after "`" or after the "}" closing a substitution.
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 92) i += 2;
      else if (c === 96) {
        i++;
        return;
      } else if (c === 36 && text.charCodeAt(i + 1) === 123) {
        i += 2;
        braces++;
        templateBraces.push(braces);
        return;
      } else i++;
    }
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    if (c === 47) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const end = text.indexOf("\n", i);
        i = end === -1 ? n : end;
        continue;
      }
      if (next === 42) {
        const end = text.indexOf("*/", i + 2);
        i = end === -1 ? n : end + 2;
        continue;
      }
      const regexAllowed =
        wordStart >= 0
          ? REGEX_AFTER_KEYWORD.has(text.slice(wordStart, wordEnd))
          : prevPunct === "" || "(,=:[!&|?{};+-*%<>~^".includes(prevPunct);
      if (regexAllowed) {
        i++;
        let inClass = false;
        while (i < n) {
          const r = text.charCodeAt(i);
          if (r === 92) i += 2;
          else if (r === 10) break;
          else if (r === 91) {
            inClass = true;
            i++;
          } else if (r === 93) {
            inClass = false;
            i++;
          } else if (r === 47 && !inClass) {
            i++;
            break;
          } else i++;
        }
        while (i < n && isIdentPart(text.charCodeAt(i))) i++;
        prevPunct = ")";
        wordStart = -1;
        continue;
      }
      i++;
      prevPunct = "/";
      wordStart = -1;
      continue;
    }
    if (c === 39 || c === 34) {
      i++;
      while (i < n) {
        const s = text.charCodeAt(i);
        if (s === 92) i += 2;
        else if (s === c) {
          i++;
          break;
        } else if (s === 10) break;
        else i++;
      }
      prevPunct = ")";
      wordStart = -1;
      continue;
    }
    if (c === 96) {
      i++;
      skipTemplate();
      prevPunct = ")";
      wordStart = -1;
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(text.charCodeAt(i))) i++;
      const len = i - start;
      // Slicing every identifier would allocate a string per word; only the few that matter are read.
      if ((len === 6 || len === 7) && prevPunct !== ".") {
        const first = c;
        if (len === 6 && first === 105 && text.startsWith("import", start)) readImport(text, i, start, imports);
        else if (len === 6 && first === 101 && text.startsWith("export", start))
          readExport(text, i, start, imports, exported);
        else if (len === 7 && first === 114 && text.startsWith("require", start)) readRequire(text, i, start, imports);
        else if (
          (len === 6 && first === 109 && text.startsWith("module", start) && text.startsWith(".exports", i)) ||
          (len === 7 && first === 101 && text.startsWith("exports", start))
        )
          exported.known = false;
      }
      wordStart = start;
      wordEnd = i;
      prevPunct = "";
      continue;
    }
    if (c >= 48 && c <= 57) {
      while (i < n && (isIdentPart(text.charCodeAt(i)) || text.charCodeAt(i) === 46)) i++;
      prevPunct = ")";
      wordStart = -1;
      continue;
    }
    if (c === 123) braces++;
    else if (c === 125) {
      if (templateBraces.length && templateBraces[templateBraces.length - 1] === braces) {
        templateBraces.pop();
        braces--;
        i++;
        skipTemplate();
        prevPunct = ")";
        wordStart = -1;
        continue;
      }
      braces--;
    }
    prevPunct = text[i]!;
    wordStart = -1;
    i++;
  }
  return { imports, directives, ...(exported.known ? { exports: exported.names } : {}) };
}

interface ExportedNames {
  names: string[];
  known: boolean;
}

const EXPORT_DECLARATION =
  /\s*(?:declare\s+)?(?:(default)\b|(?:async\s+)?function\s*\*?\s*([\w$]+)|(?:abstract\s+)?class\s+([\w$]+)|(?:const\s+)?enum\s+([\w$]+)|(?:type|interface|namespace)\s+([\w$]+)|(?:const|let|var)\s+([\w$]+)|(\{[^{}]*\})|(=|(?:const|let|var)\s*[{[]))/y;

/**
 * The directive prologue ("use client", "use server", …): string statements before anything else.
 * Hand-written rather than a regular expression: a pattern that skips comments with a lazy `*?`
 * inside a repetition backtracks exponentially on bundler banners (runs of slash-star comments), and each step
 * here moves forward.
 */
function readDirectives(text: string, out: string[]): void {
  const n = text.length;
  let i = 0;
  for (;;) {
    i = skipTrivia(text, i);
    const quote = text.charCodeAt(i);
    if (quote !== 34 && quote !== 39) return;
    const end = text.indexOf(text[i]!, i + 1);
    if (end < 0) return;
    const body = text.slice(i + 1, end);
    if (!DIRECTIVE_BODY.test(body)) return;
    out.push(body);
    i = end + 1;
    while (i < n && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) === 59) i++;
  }
}

/** The offset of the first character at or after i that is neither white space nor in a comment. */
function skipTrivia(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) i++;
    else if (c === 47 && text.charCodeAt(i + 1) === 47) {
      const end = text.indexOf("\n", i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? n : end + 2;
    } else break;
  }
  return i;
}

function readImport(text: string, at: number, start: number, out: ImportRef[]): void {
  IMPORT_CALL.lastIndex = at;
  let m = IMPORT_CALL.exec(text);
  if (m) {
    out.push({ specifier: m[2]!, typeOnly: false, dynamic: true, start, end: IMPORT_CALL.lastIndex });
    return;
  }
  IMPORT_BARE.lastIndex = at;
  m = IMPORT_BARE.exec(text);
  if (m) {
    out.push({ specifier: m[2]!, typeOnly: false, dynamic: false, start, end: IMPORT_BARE.lastIndex });
    return;
  }
  const clause = readImportClause(text, at);
  if (clause)
    out.push({
      specifier: clause.specifier,
      typeOnly: clause.typeOnly,
      dynamic: false,
      start,
      end: clause.end,
      names: clause.names,
    });
}

const WORD = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/y;

/**
 * `import <clause> from "<specifier>"`, read forward from just after `import`: words, braces, commas,
 * `*`, white space and comments, up to `from` and a string. Gives up at any other character and at the
 * words `import` and `export` (where the next look-ahead starts), so look-aheads never overlap.
 */
function readImportClause(
  text: string,
  at: number,
): { specifier: string; typeOnly: boolean; names: string[]; end: number } | undefined {
  const n = text.length;
  let i = skipTrivia(text, at);
  const clauseStart = i;
  let typeOnly = false;
  let first = true;
  for (;;) {
    i = skipTrivia(text, i);
    if (i >= n) return undefined;
    const c = text.charCodeAt(i);
    if (isIdentStart(c)) {
      WORD.lastIndex = i;
      const word = WORD.exec(text)![0];
      if (word === "import" || word === "export") return undefined;
      if (word === "from" && !first) break;
      const after = skipTrivia(text, i + word.length);
      // `import type X from`, `import type { X } from`; but `import type from "x"` imports a default named type.
      if (first && word === "type" && !text.startsWith("from", after)) typeOnly = true;
      i += word.length;
    } else if (c === 123 || c === 125 || c === 44 || c === 42) i++;
    else return undefined;
    first = false;
  }
  const clause = text.slice(clauseStart, i).replace(/\/\*[^]*?\*\/|\/\/[^\n]*/g, " ");
  i = skipTrivia(text, i + 4);
  const quote = text.charCodeAt(i);
  if (quote !== 34 && quote !== 39) return undefined;
  let end = i + 1;
  while (end < n && text.charCodeAt(end) !== quote && text.charCodeAt(end) !== 10) end++;
  if (end >= n || text.charCodeAt(end) !== quote) return undefined;
  return {
    end: end + 1,
    specifier: text.slice(i + 1, end),
    typeOnly: typeOnly || allTypeSpecifiers(clause),
    names: importedNames(typeOnly ? clause.replace(/^\s*type\s+/, "") : clause),
  };
}

/** `x, { a, b as c, type d }` → ["default", "a", "b", "d"]; `* as ns` → ["*"]. */
function importedNames(clause: string): string[] {
  const names: string[] = [];
  const open = clause.indexOf("{");
  const close = clause.indexOf("}", open);
  const outside = open >= 0 && close > open ? clause.slice(0, open) + "," + clause.slice(close + 1) : clause;
  for (const part of outside.split(",")) {
    const p = part.trim();
    if (p) names.push(p.startsWith("*") ? "*" : "default");
  }
  if (open >= 0 && close > open) names.push(...specifierNames(clause.slice(open + 1, close), 0));
  return names;
}

/** The names in a `{ … }` list: the imported (index 0) or exported (index 1) side of each `a as b`. */
function specifierNames(list: string, side: 0 | 1): string[] {
  const names: string[] = [];
  for (const part of list.split(",")) {
    const words = part
      .trim()
      .replace(/^type\s+/, "")
      .split(/\s+as\s+/);
    const name = (words[side] ?? words[0])!.trim();
    if (name) names.push(name);
  }
  return names;
}

function readExport(text: string, at: number, start: number, out: ImportRef[], exported: ExportedNames): void {
  EXPORT_FROM.lastIndex = at;
  const m = EXPORT_FROM.exec(text);
  if (m) {
    out.push({
      specifier: m[4]!,
      typeOnly: Boolean(m[1]) || allTypeSpecifiers(m[2]!),
      dynamic: false,
      start,
      end: EXPORT_FROM.lastIndex,
      reexport: true,
      names: m[2]!.startsWith("*") ? (/\bas\b/.test(m[2]!) ? undefined : ["*"]) : specifierNames(m[2]!.slice(1, -1), 1),
    });
    return;
  }
  EXPORT_DECLARATION.lastIndex = at;
  const d = EXPORT_DECLARATION.exec(text);
  if (!d) return;
  if (d[1]) exported.names.push("default");
  const name = d[2] ?? d[3] ?? d[4] ?? d[5] ?? d[6];
  if (name) exported.names.push(name);
  // `export { a, b as c };` (the `from` case was handled above).
  if (d[7]) exported.names.push(...specifierNames(d[7].slice(1, -1), 1));
  // `export =`, `export const { a, b } = …`: names a tree would tell.
  if (d[8]) exported.known = false;
}

function readRequire(text: string, at: number, start: number, out: ImportRef[]): void {
  REQUIRE_CALL.lastIndex = at;
  const m = REQUIRE_CALL.exec(text);
  if (m) out.push({ specifier: m[2]!, typeOnly: false, dynamic: false, start, end: REQUIRE_CALL.lastIndex });
}
