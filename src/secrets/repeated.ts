/**
 * One credential found in several places — a token pasted into three scripts, a committed `.env` and
 * the template copied from it — gives one finding per place. Each of them says where else the same
 * credential is (revoking it once fixes every copy, and every copy must go), and the summaries count
 * distinct credentials beside findings. "The same" means the same secret: findings carry its hash
 * (`credentials[].id`), never the secret itself.
 */
import type { Finding } from "../engine/types";

/** Places named in one message; the rest are counted. */
const MAX_LISTED = 5;

function placeOf(f: Finding): string {
  return `${f.location.file}:${f.location.range.startLine}`;
}

/**
 * Append "The same credential is also in a.ts:2, b.ts:7." to every finding whose credential other
 * findings hold too (at another line; two checks on one line are one place). Findings are changed in
 * place; their order does not matter.
 */
export function noteRepeatedCredentials(findings: readonly Finding[]): void {
  const holders = new Map<string, Finding[]>();
  for (const f of findings)
    for (const id of new Set((f.credentials ?? []).map((c) => c.id))) {
      let list = holders.get(id);
      if (!list) holders.set(id, (list = []));
      list.push(f);
    }
  for (const f of findings) {
    const ids = new Set((f.credentials ?? []).map((c) => c.id));
    if (ids.size === 0) continue;
    const own = placeOf(f);
    const others = new Set<string>();
    for (const id of ids) for (const g of holders.get(id) ?? []) if (placeOf(g) !== own) others.add(placeOf(g));
    if (others.size === 0) continue;
    const sorted = [...others].sort(comparePlaces);
    const shown = sorted.slice(0, MAX_LISTED).join(", ");
    const more = sorted.length > MAX_LISTED ? ` and ${sorted.length - MAX_LISTED} more places` : "";
    const what = ids.size === 1 ? "The same credential is" : "The same credentials are";
    f.message = `${f.message.replace(/\s+$/, "")} ${what} also in ${shown}${more}.`;
  }
}

/** `a.ts:10` before `a.ts:9`? No: by file, then by line as a number. */
function comparePlaces(a: string, b: string): number {
  const [fa, la] = [a.slice(0, a.lastIndexOf(":")), Number(a.slice(a.lastIndexOf(":") + 1))];
  const [fb, lb] = [b.slice(0, b.lastIndexOf(":")), Number(b.slice(b.lastIndexOf(":") + 1))];
  return fa < fb ? -1 : fa > fb ? 1 : la - lb;
}

/** Distinct credentials among the findings given (callers pass the open ones). */
export function countCredentials(findings: readonly Finding[]): number {
  const ids = new Set<string>();
  for (const f of findings) for (const c of f.credentials ?? []) ids.add(c.id);
  return ids.size;
}
