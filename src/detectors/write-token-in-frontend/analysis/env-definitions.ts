/**
 * Variables defined for a build outside env files: Dockerfile `ARG` / `ENV` and YAML `env:` /
 * `environment:` / `args:` entries (CI workflows, docker-compose). A public-prefixed credential
 * passed to `next build` this way is inlined just like one in `.env`.
 */
import type { FileKind } from "../../../engine/file-kinds";

export interface Definition {
  name: string;
  /** Offset of the name in the file. */
  start: number;
  value: string;
}

const DOCKER = /^[ \t]*(?:ARG|ENV)[ \t]+([A-Za-z_][A-Za-z0-9_]*)(?:[ \t]*=[ \t]*|[ \t]+)?(.*)$/i;
const YAML_MAP = /^[ \t]*([A-Z][A-Z0-9_]*)[ \t]*:[ \t]*(.*)$/;
const YAML_LIST = /^[ \t]*-[ \t]*["']?([A-Z][A-Z0-9_]*)=([^"'\n]*)/;

/** Definitions of upper-case variables in a Dockerfile or YAML file, line by line. */
export function definitionsIn(text: string, kind: FileKind): Definition[] {
  if (kind !== "dockerfile" && kind !== "yaml") return [];
  const out: Definition[] = [];
  let offset = 0;
  for (const raw of text.split("\n")) {
    const line = raw.replace(/\r$/, "");
    if (!/^\s*#/.test(line)) {
      const m = kind === "dockerfile" ? DOCKER.exec(line) : (YAML_MAP.exec(line) ?? YAML_LIST.exec(line));
      if (m)
        out.push({
          name: m[1]!,
          start: offset + line.indexOf(m[1]!),
          value: (m[2] ?? "").trim().replace(/^["']|["']$/g, ""),
        });
    }
    offset += raw.length + 1;
  }
  return out;
}
