/**
 * Key/value pairs of configuration files with their positions: YAML (through the yaml package),
 * JSON/JSONC, TOML, Dockerfile ENV/ARG, env-style assignments in shell scripts and other text. Each
 * value comes with the keys that enclose it, so `upstash: { token: "…" }` and
 * `env: [{ name: UPSTASH_REDIS_REST_TOKEN, value: "…" }]` both name their value.
 */
import { parseAllDocuments, isMap, isPair, isScalar, isSeq, type Node as YamlNode } from "yaml";
import type { FileKind } from "../../../engine/file-kinds";

export interface ConfigValue {
  /** Enclosing keys, outermost first; the last one names the value. */
  keys: string[];
  value: string;
  /** Offsets of the value in the file text (of its encoded form when `encoded`). */
  start: number;
  end: number;
  /** The value was base64 in the file (Kubernetes Secret `data`) and is shown decoded here. */
  encoded?: boolean;
}

/** Every key/value pair of a configuration file that could hold a credential. */
export function configValues(kind: FileKind, text: string): ConfigValue[] {
  switch (kind) {
    case "yaml":
      return yamlValues(text);
    case "json":
      return jsonValues(text);
    case "toml":
      return tomlValues(text);
    case "dockerfile":
      return dockerfileValues(text);
    case "text":
    case "html":
      return assignmentsIn(text, 0, text.length, []);
    default:
      return [];
  }
}

// NAME=value and NAME: value inside free text: shell lines, `docker run -e`, compose list entries,
// kustomize literals, `run:` scripts of CI jobs.
const ASSIGNMENT = /(?<![\w$.-])(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*(=|:=|:)[ \t]*(["'`]?)([^\s"'`;,)}\]]*)\3/g;

/** Assignments inside text[from, to), with `context` as their enclosing keys. */
export function assignmentsIn(text: string, from: number, to: number, context: readonly string[]): ConfigValue[] {
  const out: ConfigValue[] = [];
  const slice = text.slice(from, to);
  ASSIGNMENT.lastIndex = 0;
  let lastHeader = "";
  const headers = /^[ \t]*(?:\[([^\]\n]+)\]|(\w+)\s+"([^"\n]+)"(?:\s+"([^"\n]+)")?\s*\{)/gm;
  const headerAt: Array<{ at: number; word: string }> = [];
  for (let h = headers.exec(slice); h; h = headers.exec(slice))
    headerAt.push({ at: h.index, word: h[1] ?? `${h[2]} ${h[3]} ${h[4] ?? ""}` });
  let hi = 0;
  for (let m = ASSIGNMENT.exec(slice); m; m = ASSIGNMENT.exec(slice)) {
    // `key: value` only at a line start (YAML-ish text, .properties): elsewhere a colon is prose.
    if (m[2] === ":" && !/(^|\n)[ \t]*$/.test(slice.slice(Math.max(0, m.index - 200), m.index))) continue;
    while (hi < headerAt.length && headerAt[hi]!.at <= m.index) lastHeader = headerAt[hi++]!.word;
    const value = m[4]!;
    if (!value) continue;
    const start = from + m.index + m[0].length - value.length - m[3]!.length;
    out.push({
      keys: [...context, ...(lastHeader ? [lastHeader] : []), m[1]!],
      value,
      start,
      end: start + value.length,
    });
  }
  return out;
}

function yamlValues(text: string): ConfigValue[] {
  let docs;
  try {
    docs = parseAllDocuments(text, { keepSourceTokens: false, uniqueKeys: false });
  } catch {
    return assignmentsIn(text, 0, text.length, []);
  }
  if (!Array.isArray(docs)) return assignmentsIn(text, 0, text.length, []);
  const out: ConfigValue[] = [];
  for (const doc of docs) {
    if (doc.errors.length) {
      const r = doc.range;
      out.push(...assignmentsIn(text, r[0], r[2], []));
      continue;
    }
    const root = doc.contents as YamlNode | null;
    const isSecret =
      isMap(root) &&
      root.items.some(
        (p) => isScalar(p.key) && p.key.value === "kind" && isScalar(p.value) && p.value.value === "Secret",
      );
    walkYaml(text, root, [], out, isSecret);
  }
  return out;
}

function scalarOffset(text: string, node: YamlNode, value: string): number {
  const [start, end] = node.range ?? [0, 0];
  const at = text.indexOf(value, start);
  return at !== -1 && at + value.length <= end ? at : -1;
}

function walkYaml(
  text: string,
  node: YamlNode | null | undefined,
  keys: string[],
  out: ConfigValue[],
  k8sSecret: boolean,
): void {
  // Explicit stack: deep documents must not grow the call stack.
  const stack: Array<{ node: YamlNode | null | undefined; keys: string[] }> = [{ node, keys }];
  while (stack.length) {
    const { node: n, keys: k } = stack.pop()!;
    if (!n) continue;
    if (isScalar(n)) {
      if (typeof n.value !== "string" || n.value === "") continue;
      const value = n.value;
      if (k8sSecret && k.length === 2 && k[0] === "data") {
        const decoded = decodeBase64Text(value);
        const at = scalarOffset(text, n, value);
        if (decoded !== undefined && at !== -1)
          out.push({ keys: k, value: decoded, start: at, end: at + value.length, encoded: true });
        continue;
      }
      const at = scalarOffset(text, n, value);
      if (at !== -1) out.push({ keys: k, value, start: at, end: at + value.length });
      // NAME=value inside strings: compose `environment:` lists, kustomize literals, `run:` scripts.
      if (/[=:]/.test(value) && n.range) out.push(...assignmentsIn(text, n.range[0], n.range[1], k));
    } else if (isMap(n)) {
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        stack.push({ node: pair.value as YamlNode | null, keys: [...k, key] });
      }
    } else if (isSeq(n)) {
      for (const item of n.items) {
        // Kubernetes and ECS env lists: `- name: UPSTASH_REDIS_REST_TOKEN` + `value: "…"`.
        if (isMap(item)) {
          const name = item.items.find((p) => isScalar(p.key) && p.key.value === "name");
          const value = item.items.find((p) => isScalar(p.key) && p.key.value === "value");
          if (name && value && isScalar(name.value) && typeof name.value.value === "string") {
            stack.push({ node: value.value as YamlNode | null, keys: [...k, name.value.value] });
            continue;
          }
        }
        stack.push({ node: item as YamlNode | null, keys: k });
      }
    }
  }
}

function decodeBase64Text(value: string): string | undefined {
  const v = value.trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(v) || v.length % 4 !== 0) return undefined;
  const decoded = Buffer.from(v, "base64").toString("utf8");
  return /^[\x20-\x7e]+$/.test(decoded.trim()) ? decoded.trim() : undefined;
}

/** String values of JSON/JSONC with their key paths; a tolerant tokenizer, no full parse needed. */
function jsonValues(text: string): ConfigValue[] {
  const out: ConfigValue[] = [];
  const stack: Array<{ type: "object" | "array"; key: string | undefined; expectKey: boolean }> = [];
  const keys = () => stack.map((s) => s.key).filter((k): k is string => k !== undefined);
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === "/" && text[i + 1] === "/") {
      while (i < n && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "{" || c === "[") {
      const top = stack[stack.length - 1];
      stack.push({ type: c === "{" ? "object" : "array", key: undefined, expectKey: c === "{" });
      if (top) top.expectKey = false;
      i++;
    } else if (c === "}" || c === "]") {
      stack.pop();
      i++;
    } else if (c === ",") {
      const top = stack[stack.length - 1];
      if (top?.type === "object") {
        top.expectKey = true;
        top.key = undefined;
      }
      i++;
    } else if (c === '"') {
      const start = i + 1;
      i++;
      while (i < n && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      const raw = text.slice(start, i);
      i++;
      const top = stack[stack.length - 1];
      let value: string;
      try {
        value = JSON.parse(`"${raw}"`) as string;
      } catch {
        value = raw;
      }
      if (top?.type === "object" && top.expectKey) {
        top.key = value;
        top.expectKey = false;
      } else if (value !== "") {
        // Escaped strings cannot be located exactly: point at their raw text.
        out.push({ keys: keys(), value: raw === value ? value : raw, start, end: start + raw.length });
        if (/[=:]/.test(value)) out.push(...assignmentsIn(text, start, start + raw.length, keys()));
      }
    } else i++;
  }
  return out;
}

/** TOML string values under their [section] keys, including inline tables. */
function tomlValues(text: string): ConfigValue[] {
  const out: ConfigValue[] = [];
  let section: string[] = [];
  let offset = 0;
  for (const rawLine of text.split("\n")) {
    const line = rawLine.replace(/\r$/, "");
    const header = /^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$/.exec(line);
    if (header) section = splitDotted(header[1]!);
    else {
      const pair = /^\s*([A-Za-z0-9_."'-]+)\s*=\s*(.*)$/.exec(line);
      if (pair) {
        const keyPath = [...section, ...splitDotted(pair[1]!)];
        const rest = pair[2]!;
        const restAt = offset + line.length - rest.length;
        const str = /^(["'])(.*?)\1/.exec(rest);
        if (str && str[2])
          out.push({ keys: keyPath, value: str[2], start: restAt + 1, end: restAt + 1 + str[2].length });
        else if (rest.startsWith("{")) {
          const inline = /([A-Za-z0-9_-]+)\s*=\s*(["'])(.*?)\2/g;
          for (let m = inline.exec(rest); m; m = inline.exec(rest)) {
            if (!m[3]) continue;
            const at = restAt + m.index + m[0].length - 1 - m[3].length;
            out.push({ keys: [...keyPath, m[1]!], value: m[3], start: at, end: at + m[3].length });
          }
        }
        if (str && /[=:]/.test(str[2] ?? ""))
          out.push(...assignmentsIn(text, restAt + 1, restAt + 1 + str[2]!.length, keyPath));
      }
    }
    offset += rawLine.length + 1;
  }
  return out;
}

function splitDotted(key: string): string[] {
  return key.split(".").map((k) => k.trim().replace(/^["']|["']$/g, ""));
}

/** ENV and ARG values of a Dockerfile (`ENV A=b C="d"`, `ENV A b`, `ARG A=b`). */
function dockerfileValues(text: string): ConfigValue[] {
  const out: ConfigValue[] = [];
  const instr = /^[ \t]*(ENV|ARG)[ \t]+(.*(?:\\\r?\n.*)*)/gim;
  for (let m = instr.exec(text); m; m = instr.exec(text)) {
    const body = m[2]!;
    const bodyAt = m.index + m[0].length - body.length;
    const op = m[1]!.toUpperCase();
    const pairs = /([A-Za-z_][A-Za-z0-9_]*)=(["']?)((?:\\.|[^\s"'\\])*)\2/g;
    let any = false;
    for (let p = pairs.exec(body); p; p = pairs.exec(body)) {
      any = true;
      if (!p[3]) continue;
      const at = bodyAt + p.index + p[1]!.length + 1 + p[2]!.length;
      out.push({ keys: [op, p[1]!], value: p[3], start: at, end: at + p[3].length });
    }
    // Legacy form: `ENV NAME value with spaces`.
    const legacy = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]+(["']?)(\S+?)\2[ \t]*$/.exec(body.split("\n")[0]!);
    if (!any && legacy) {
      const at = bodyAt + legacy[0].indexOf(legacy[3]!, legacy[1]!.length);
      out.push({ keys: [op, legacy[1]!], value: legacy[3]!, start: at, end: at + legacy[3]!.length });
    }
  }
  return out;
}
