/** A small dotenv reader that keeps positions, for findings that point at one variable. */

export interface EnvEntry {
  name: string;
  value: string;
  /** Offsets of the name and of the (unquoted) value in the file text. */
  nameStart: number;
  valueStart: number;
  valueEnd: number;
  /** 1-based line. */
  line: number;
}

const LINE = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*[=:][ \t]*(.*)$/;

/** Entries of a .env file, in order. Comments, blank lines and malformed lines are skipped. */
export function parseEnvFile(text: string): EnvEntry[] {
  const entries: EnvEntry[] = [];
  let offset = 0;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    const m = LINE.exec(raw);
    if (m && !raw.trimStart().startsWith("#")) {
      const name = m[1]!;
      const rest = m[2]!;
      let valueOffset = raw.length - rest.length;
      const quote = rest[0];
      let value: string;
      if (quote === '"' || quote === "'" || quote === "`") {
        const close = rest.indexOf(quote, 1);
        value = close === -1 ? rest.slice(1) : rest.slice(1, close);
        valueOffset += 1;
      } else {
        const hash = rest.search(/\s#/);
        value = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
      }
      entries.push({
        name,
        value,
        nameStart: offset + raw.indexOf(name),
        valueStart: offset + valueOffset,
        valueEnd: offset + valueOffset + value.length,
        line: i + 1,
      });
    }
    offset += lines[i]!.length + 1;
  }
  return entries;
}
